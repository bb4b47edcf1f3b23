// Copyright 2026 The libbot Authors.
#include "kb/kb.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <thread>

#include "kb/fts5_tokenizer.h"
#include "util/hash_index.h"
#include "util/utf8.h"

namespace libbot::internal {
namespace {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;

struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

constexpr char kSchema[] = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries(
  id TEXT NOT NULL,
  lang TEXT NOT NULL,
  title TEXT NOT NULL,
  answer TEXT NOT NULL,
  category TEXT NOT NULL,
  tags TEXT NOT NULL,
  follow_up TEXT NOT NULL,
  source TEXT NOT NULL,
  PRIMARY KEY (id, lang));
CREATE TABLE questions(
  qid INTEGER PRIMARY KEY,
  entry_id TEXT NOT NULL,
  lang TEXT NOT NULL,
  text TEXT NOT NULL,
  source TEXT NOT NULL);
CREATE INDEX questions_by_entry ON questions(entry_id, lang);
CREATE TABLE tests(
  tid INTEGER PRIMARY KEY,
  entry_id TEXT NOT NULL,
  lang TEXT NOT NULL,
  text TEXT NOT NULL,
  expect TEXT NOT NULL,
  source TEXT NOT NULL);
CREATE VIRTUAL TABLE texts_hu USING fts5(text, kind UNINDEXED, entry_id UNINDEXED,
                                         tokenize='libbot hu');
CREATE VIRTUAL TABLE texts_pl USING fts5(text, kind UNINDEXED, entry_id UNINDEXED,
                                         tokenize='libbot pl');
)sql";

// How the FTS5 tables name a text's kind (KbTextKind's order).
constexpr const char* kTextKindNames[] = {"question", "title", "answer"};

KbTextKind TextKindNamed(const std::string& name) {
  for (size_t i = 0; i < std::size(kTextKindNames); ++i)
    if (name == kTextKindNames[i]) return static_cast<KbTextKind>(i);
  return KbTextKind::kQuestion;  // not written by us; shown as a question
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "; ") + i;
  return out;
}

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find("; ", start);
    if (end == std::string::npos) end = s.size();
    out.push_back(s.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

// A checksum of everything an engine reads from the database, stored in
// meta when it is built and compared when it is read: a damaged file that
// SQLite still opens (a byte changed inside an answer) is refused instead
// of answering with the damage. FNV-1a (util/hash_index.h, without the
// finaliser) over length-prefixed fields; not a defence against someone who
// rewrites the file on purpose.
class ContentChecksum {
 public:
  void Add(std::string_view field) {
    Mix(std::to_string(field.size()));
    Mix(":");
    Mix(field);
  }
  // An entry as stored: `source` gives a location's stored text (at build
  // time SourceLocation::ToString(), when read the stored text itself).
  template <typename SourceOf>
  void AddEntry(const FaqEntry& e, SourceOf source) {
    for (std::string_view field :
         {std::string_view(e.id), LangCode(e.lang),
          std::string_view(e.title.text), std::string_view(e.answer.text),
          std::string_view(e.category)}) {
      Add(field);
    }
    Add(Join(e.tags));
    Add(Join(e.follow_up));
    Add(source(e.where));
    for (const Located& q : e.questions) {
      Add(q.text);
      Add(source(q.where));
    }
    for (const InlineTest& t : e.tests) {
      Add(t.text);
      Add(t.expect);
      Add(source(t.where));
    }
  }
  std::string Hex() const {
    char out[17];
    std::snprintf(out, sizeof(out), "%016llx",
                  static_cast<unsigned long long>(hash_));
    return out;
  }

 private:
  void Mix(std::string_view bytes) { hash_ = HashBytes(hash_, bytes); }
  uint64_t hash_ = kHashSeed;
};

Status SqlError(const std::string& path, sqlite3* db,
                const std::string& doing) {
  const int code = sqlite3_errcode(db);
  const std::string message = path + ": " + doing + ": " + sqlite3_errmsg(db);
  if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) {
    return Status::Corruption(path +
                              ": not a libbot knowledge base, or damaged (" +
                              sqlite3_errmsg(db) + ")");
  }
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
    return Status::Unavailable(path + ": locked by another program (" +
                               sqlite3_errmsg(db) + ")");
  }
  if (code == SQLITE_CANTOPEN) return Status::NotFound(path + ": cannot open");
  return Status::IoError(message);
}

class Writer {
 public:
  Writer(sqlite3* db, const std::string& path) : db_(db), path_(path) {}

  Status Exec(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string message = error ? error : "unknown error";
      sqlite3_free(error);
      return Status::IoError(path_ + ": " + message);
    }
    return Status::Ok();
  }

  Status Prepare(const char* sql, Stmt* stmt) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &raw, nullptr) != SQLITE_OK) {
      return SqlError(path_, db_, "preparing");
    }
    stmt->reset(raw);
    return Status::Ok();
  }

  // Binds texts to ?1, ?2, ... and runs the statement once.
  Status Run(sqlite3_stmt* stmt, const std::vector<std::string>& values,
             int64_t rowid = -1) {
    sqlite3_reset(stmt);
    int i = 1;
    if (rowid >= 0) sqlite3_bind_int64(stmt, i++, rowid);
    for (const std::string& v : values) {
      sqlite3_bind_text(stmt, i++, v.data(), static_cast<int>(v.size()),
                        SQLITE_TRANSIENT);
    }
    if (sqlite3_step(stmt) != SQLITE_DONE)
      return SqlError(path_, db_, "writing");
    return Status::Ok();
  }

 private:
  sqlite3* db_;
  const std::string& path_;
};

Status WriteDatabase(const std::vector<FaqEntry>& entries,
                     const std::string& path, const Analyzer& analyzer,
                     KbBuildStats* stats) {
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                      nullptr) != SQLITE_OK) {
    Db closer(raw);
    return SqlError(path, raw, "creating");
  }
  Db db(raw);
  if (Status s = RegisterFts5Tokenizer(db.get(), &analyzer); !s.ok()) return s;
  Writer w(db.get(), path);
  // A temporary file that is renamed into place: no journal needed.
  Status s = w.Exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN;");
  if (s.ok()) s = w.Exec(kSchema);
  Stmt entry, question, test, fts_hu, fts_pl, meta;
  if (s.ok()) {
    s = w.Prepare("INSERT INTO entries VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                  &entry);
  }
  if (s.ok())
    s = w.Prepare("INSERT INTO questions VALUES(?1, ?2, ?3, ?4, ?5)",
                  &question);
  if (s.ok()) {
    s = w.Prepare(
        "INSERT INTO tests(entry_id, lang, text, expect, source) "
        "VALUES(?1, ?2, ?3, ?4, ?5)",
        &test);
  }
  if (s.ok()) s = w.Prepare("INSERT INTO texts_hu VALUES(?1, ?2, ?3)", &fts_hu);
  if (s.ok()) s = w.Prepare("INSERT INTO texts_pl VALUES(?1, ?2, ?3)", &fts_pl);
  if (s.ok()) s = w.Prepare("INSERT INTO meta VALUES(?1, ?2)", &meta);
  int64_t qid = 0;
  ContentChecksum checksum;
  for (const FaqEntry& e : entries) {
    if (!s.ok()) break;
    checksum.AddEntry(
        e, [](const SourceLocation& where) { return where.ToString(); });
    const std::string lang(LangCode(e.lang));
    s = w.Run(entry.get(),
              {e.id, lang, e.title.text, e.answer.text, e.category,
               Join(e.tags), Join(e.follow_up), e.where.ToString()});
    for (const Located& q : e.questions) {
      if (!s.ok()) break;
      ++qid;
      s = w.Run(question.get(), {e.id, lang, q.text, q.where.ToString()}, qid);
      ++stats->questions;
    }
    // The full-text index holds what the bot searches, so that an editor's
    // `libbot kb search` finds an article as the bot does.
    for (const SearchText& t : SearchTexts(e)) {
      if (!s.ok()) break;
      s = w.Run(e.lang == Lang::kHu ? fts_hu.get() : fts_pl.get(),
                {t.text, KbTextKindName(t.kind), e.id});
    }
    for (const InlineTest& t : e.tests) {
      if (s.ok())
        s = w.Run(test.get(),
                  {e.id, lang, t.text, t.expect, t.where.ToString()});
      ++stats->tests;
    }
    ++stats->entries;
  }
  for (const auto& [key, value] :
       std::vector<std::pair<std::string, std::string>>{
           {"format", "libbot-kb"},
           {"schema", std::to_string(kKbSchemaVersion)},
           {"entries", std::to_string(stats->entries)},
           {"questions", std::to_string(stats->questions)},
           {"tests", std::to_string(stats->tests)},
           {"checksum", checksum.Hex()}}) {
    if (s.ok()) s = w.Run(meta.get(), {key, value});
  }
  const std::string version =
      "PRAGMA user_version=" + std::to_string(kKbSchemaVersion) + ";";
  if (s.ok()) s = w.Exec(version.c_str());
  if (s.ok()) s = w.Exec("COMMIT;");
  return s;
}

Status OpenReadOnly(const std::string& path, Db* db) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::NotFound(
        path + ": no such knowledge base (build it with: libbot kb build)");
  }
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  db->reset(raw);
  if (rc != SQLITE_OK) return SqlError(path, raw, "opening");
  sqlite3_busy_timeout(raw, 2000);
  // Version first: an old or foreign file says so instead of failing oddly.
  Stmt version;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &stmt, nullptr) !=
      SQLITE_OK) {
    return SqlError(path, raw, "reading the version");
  }
  version.reset(stmt);
  if (sqlite3_step(stmt) != SQLITE_ROW)
    return SqlError(path, raw, "reading the version");
  const int found = sqlite3_column_int(stmt, 0);
  if (found != kKbSchemaVersion) {
    return Status::Corruption(
        path + ": knowledge-base schema version " + std::to_string(found) +
        ", this libbot reads version " + std::to_string(kKbSchemaVersion) +
        " (rebuild it with: libbot kb build)");
  }
  return Status::Ok();
}

std::string Column(sqlite3_stmt* stmt, int i) {
  const auto* text =
      reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
  return text ? std::string(text,
                            static_cast<size_t>(sqlite3_column_bytes(stmt, i)))
              : "";
}

// The tables an engine reads, with their columns. A file whose objects
// differ is not ours: in particular a view in place of a table could run
// any query (an endless recursive one) when it is read.
struct ExpectedTable {
  const char* name;
  std::vector<const char*> columns;
};
const std::vector<ExpectedTable>& ExpectedTables() {
  static const std::vector<ExpectedTable> tables = {
      {"meta", {"key", "value"}},
      {"entries",
       {"id", "lang", "title", "answer", "category", "tags", "follow_up",
        "source"}},
      {"questions", {"qid", "entry_id", "lang", "text", "source"}},
      {"tests", {"tid", "entry_id", "lang", "text", "expect", "source"}}};
  return tables;
}

Status VerifySchema(const std::string& path, sqlite3* db) {
  auto foreign = [&](const std::string& why) {
    return Status::Corruption(path + ": not a libbot knowledge base (" + why +
                              "; rebuild it with: libbot kb build)");
  };
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db,
                         "SELECT type, name FROM sqlite_master WHERE type IN "
                         "('view', 'trigger')",
                         -1, &raw, nullptr) != SQLITE_OK) {
    return SqlError(path, db, "reading the schema");
  }
  Stmt objects(raw);
  if (sqlite3_step(raw) == SQLITE_ROW) {
    return foreign("it holds a " + Column(raw, 0) + ", '" + Column(raw, 1) +
                   "'");
  }
  for (const ExpectedTable& table : ExpectedTables()) {
    const std::string sql =
        std::string("SELECT name FROM pragma_table_info('") + table.name +
        "') ORDER BY cid";
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK)
      return SqlError(path, db, "reading the schema");
    Stmt columns(raw);
    std::vector<std::string> found;
    while (sqlite3_step(raw) == SQLITE_ROW) found.push_back(Column(raw, 0));
    if (found.size() != table.columns.size() ||
        !std::equal(found.begin(), found.end(), table.columns.begin())) {
      return foreign(std::string("table '") + table.name +
                     (found.empty() ? "' is missing" : "' has other columns"));
    }
  }
  return Status::Ok();
}

// Reading a database takes at most this long. The schema check keeps the
// work to plain table scans, so this is a last resort against a file (or a
// SQLite) that would make a read run away: the progress handler aborts it.
constexpr auto kMaxReadTime = std::chrono::seconds(60);

class ReadDeadline {
 public:
  ReadDeadline(sqlite3* db, std::chrono::steady_clock::duration limit)
      : db_(db), deadline_(std::chrono::steady_clock::now() + limit) {
    sqlite3_progress_handler(db_, kStepsPerCheck, &ReadDeadline::Expired, this);
  }
  ~ReadDeadline() { sqlite3_progress_handler(db_, 0, nullptr, nullptr); }
  ReadDeadline(const ReadDeadline&) = delete;
  ReadDeadline& operator=(const ReadDeadline&) = delete;

 private:
  static constexpr int kStepsPerCheck = 10000;  // SQLite VM steps
  static int Expired(void* self) {
    return std::chrono::steady_clock::now() >
                   static_cast<ReadDeadline*>(self)->deadline_
               ? 1
               : 0;
  }
  sqlite3* db_;
  std::chrono::steady_clock::time_point deadline_;
};

// Every text an engine shows must be UTF-8: a damaged byte is refused here,
// not raised later by a caller's decoder (Python's reply.text).
Status CheckText(const std::string& path, const FaqEntry& e) {
  bool valid = IsValidUtf8(e.answer.text) && IsValidUtf8(e.title.text) &&
               IsValidUtf8(e.id);
  for (const Located& q : e.questions) valid = valid && IsValidUtf8(q.text);
  if (valid) return Status::Ok();
  return Status::Corruption(path + ": entry '" + ToValidUtf8(e.id) +
                            "' holds text that is not UTF-8 (damaged)");
}

// Attaches each stored inline test to its entry (entries are sorted by the
// order of their first question, so they are looked up by id and language).
Status ReadTests(const std::string& path, sqlite3* db,
                 std::vector<FaqEntry>* entries) {
  std::map<std::pair<std::string, Lang>, FaqEntry*> by_key;
  for (FaqEntry& e : *entries) by_key[{e.id, e.lang}] = &e;
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(
          db,
          "SELECT entry_id, lang, text, expect, source FROM tests "
          "ORDER BY tid",
          -1, &raw, nullptr) != SQLITE_OK) {
    return SqlError(path, db, "reading the tests");
  }
  Stmt stmt(raw);
  int rc;
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    Lang lang = Lang::kUnknown;
    ParseLang(Column(raw, 1), &lang);
    auto it = by_key.find({Column(raw, 0), lang});
    if (it == by_key.end()) {
      return Status::Corruption(path + ": a test of unknown entry '" +
                                Column(raw, 0) + "'");
    }
    it->second->tests.push_back(
        {Column(raw, 2), Column(raw, 3), {Column(raw, 4), 0, 0}, lang});
  }
  if (rc != SQLITE_DONE) return SqlError(path, db, "reading the tests");
  return Status::Ok();
}

}  // namespace

namespace {

// What the builder wrote into meta (counts, checksum), to check what was
// read against.
Status ReadMeta(const std::string& path, sqlite3* db,
                std::map<std::string, std::string>* meta) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT key, value FROM meta", -1, &raw,
                         nullptr) != SQLITE_OK) {
    return SqlError(path, db, "reading meta");
  }
  Stmt stmt(raw);
  int rc;
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW)
    (*meta)[Column(raw, 0)] = Column(raw, 1);
  if (rc != SQLITE_DONE) return SqlError(path, db, "reading meta");
  return Status::Ok();
}

Status CheckCount(const std::string& path,
                  const std::map<std::string, std::string>& meta,
                  const std::string& what, size_t read) {
  auto it = meta.find(what);
  if (it != meta.end() && it->second == std::to_string(read))
    return Status::Ok();
  return Status::Corruption(
      path + ": read " + std::to_string(read) + " " + what +
      ", the file says " +
      (it == meta.end() ? std::string("nothing") : ToValidUtf8(it->second)) +
      " (damaged, or changed while being read)");
}

// One read, inside one read transaction: entries, questions and tests come
// from one version of the file, as long as writers use SQLite's locks.
Status ReadOnce(const std::string& path, std::vector<FaqEntry>* entries) {
  Db db;
  if (Status s = OpenReadOnly(path, &db); !s.ok()) return s;
  if (Status s = VerifySchema(path, db.get()); !s.ok()) return s;
  ReadDeadline deadline(db.get(), kMaxReadTime);
  if (sqlite3_exec(db.get(), "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK)
    return SqlError(path, db.get(), "reading");
  std::map<std::string, std::string> meta;
  if (Status s = ReadMeta(path, db.get(), &meta); !s.ok()) return s;
  std::vector<FaqEntry> out;
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(
          db.get(),
          // Articles have no questions: a left join keeps them (q.text
          // is NULL), in the order the entries were written.
          "SELECT e.id, e.lang, e.answer, e.category, e.tags, e.follow_up, "
          "e.source, q.text, q.source, e.title FROM entries e LEFT JOIN "
          "questions q ON q.entry_id = e.id AND q.lang = e.lang "
          "ORDER BY e.rowid, q.qid",
          -1, &raw, nullptr) != SQLITE_OK) {
    return SqlError(path, db.get(), "reading");
  }
  Stmt stmt(raw);
  int rc;
  size_t questions = 0;
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    const std::string id = Column(raw, 0);
    Lang lang = Lang::kUnknown;
    if (!ParseLang(Column(raw, 1), &lang) || lang == Lang::kUnknown) {
      return Status::Corruption(path + ": entry '" + id +
                                "' has no valid language");
    }
    if (out.empty() || out.back().id != id || out.back().lang != lang) {
      FaqEntry e;
      e.id = id;
      e.lang = lang;
      e.answer.text = Column(raw, 2);
      e.category = Column(raw, 3);
      e.tags = Split(Column(raw, 4));
      e.follow_up = Split(Column(raw, 5));
      e.where.file = Column(raw, 6);
      e.title = {Column(raw, 9), {e.where.file, 0, 0}, 0};
      out.push_back(std::move(e));
    }
    if (sqlite3_column_type(raw, 7) == SQLITE_NULL) continue;  // an article
    out.back().questions.push_back({Column(raw, 7), {Column(raw, 8), 0, 0}, 0});
    ++questions;
  }
  if (rc != SQLITE_DONE) return SqlError(path, db.get(), "reading");
  if (Status s = ReadTests(path, db.get(), &out); !s.ok()) return s;
  ContentChecksum checksum;
  for (const FaqEntry& e : out) {
    if (Status s = CheckText(path, e); !s.ok()) return s;
    checksum.AddEntry(e,
                      [](const SourceLocation& where) { return where.file; });
  }
  auto stored = meta.find("checksum");
  if (stored == meta.end() || stored->second != checksum.Hex()) {
    return Status::Corruption(
        path +
        ": the content does not match its checksum (damaged, or "
        "changed by another program; rebuild it with: libbot kb "
        "build)");
  }
  size_t tests = 0;
  for (const FaqEntry& e : out) tests += e.tests.size();
  for (const auto& [what, read] :
       {std::pair<const char*, size_t>{"entries", out.size()},
        {"questions", questions},
        {"tests", tests}}) {
    if (Status s = CheckCount(path, meta, what, read); !s.ok()) return s;
  }
  *entries = std::move(out);
  return Status::Ok();
}

// What tells one version of a file from the next, short of reading it.
struct FileStamp {
  dev_t device = 0;
  ino_t inode = 0;
  off_t size = 0;
  int64_t mtime_ns = 0;
  bool operator==(const FileStamp& o) const {
    return device == o.device && inode == o.inode && size == o.size &&
           mtime_ns == o.mtime_ns;
  }
};

bool Stamp(const std::string& path, FileStamp* stamp) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return false;
  *stamp = {st.st_dev, st.st_ino, st.st_size,
            static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 +
                st.st_mtim.tv_nsec};
  return true;
}

}  // namespace

Status ReadKnowledgeBase(const std::string& path,
                         std::vector<FaqEntry>* entries) {
  // A file copied over in place (cp, an editor, a sync tool) is rewritten
  // without SQLite's locks: a read may then see parts of two versions. Such
  // a read is repeated when the file changed while it ran.
  constexpr int kAttempts = 5;
  Status s;
  for (int attempt = 1;; ++attempt) {
    FileStamp before, after;
    const bool stamped = Stamp(path, &before);
    std::vector<FaqEntry> read;
    s = ReadOnce(path, &read);
    const bool steady = stamped && Stamp(path, &after) && before == after;
    if (steady || !stamped) {
      if (s.ok()) *entries = std::move(read);
      return s;
    }
    if (attempt == kAttempts) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20 * attempt));
  }
  return Status::IoError(path + ": changed while being read, " +
                         std::to_string(kAttempts) +
                         " times; not loaded (last try: " +
                         (s.ok() ? std::string("read") : s.message()) + ")");
}

struct FtsSearcher::Rep {
  Db db;
  const Analyzer* analyzer = nullptr;
  std::string path;
  std::array<Stmt, 2> statements;  // hu, pl
};

FtsSearcher::FtsSearcher() : rep_(std::make_unique<Rep>()) {}
FtsSearcher::~FtsSearcher() = default;

Status FtsSearcher::Open(const std::string& path, const Analyzer* analyzer) {
  rep_ = std::make_unique<Rep>();
  rep_->path = path;
  rep_->analyzer = analyzer;
  if (Status s = OpenReadOnly(path, &rep_->db); !s.ok()) return s;
  if (Status s = RegisterFts5Tokenizer(rep_->db.get(), analyzer); !s.ok())
    return s;
  for (int i = 0; i < 2; ++i) {
    // FTS5's auxiliary functions need the table's own name, not an alias,
    // and cannot run inside an aggregate: bm25 is computed per matching row
    // first (MATERIALIZED keeps SQLite from folding it into the GROUP BY).
    // An answer sentence's bm25 (better when more negative) counts
    // SearchWeight() of a question's, as in the bot's search. Each entry
    // once, by its best text: with one min() in a query, SQLite takes the
    // bare columns from the row of the minimum. Ties keep the files' order.
    const std::string table = i == 0 ? "texts_hu" : "texts_pl";
    const std::string sql =
        "WITH matched AS MATERIALIZED (SELECT rowid AS row, entry_id, kind, "
        "text, bm25(" +
        table + ") * CASE kind WHEN 'answer' THEN " +
        std::to_string(SearchWeight(KbTextKind::kAnswer)) +
        " ELSE 1.0 END AS score FROM " + table + " WHERE " + table +
        " MATCH ?1) SELECT entry_id, kind, text, min(score) AS best, row "
        "FROM matched GROUP BY entry_id ORDER BY best, row LIMIT ?2";
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(rep_->db.get(), sql.c_str(), -1, &raw, nullptr) !=
        SQLITE_OK) {
      return SqlError(path, rep_->db.get(), "preparing the search");
    }
    rep_->statements[i].reset(raw);
  }
  return Status::Ok();
}

Status FtsSearcher::Search(Lang lang, const std::string& text, int limit,
                           std::vector<KbSearchHit>* hits) {
  hits->clear();
  if (lang == Lang::kUnknown)
    return Status::InvalidArgument("a language is needed");
  if (!rep_->db) return Status::Internal("FtsSearcher used before Open()");
  const std::string query = Fts5Query(text, *rep_->analyzer, lang);
  if (query.empty()) return Status::Ok();
  sqlite3_stmt* stmt = rep_->statements[lang == Lang::kPl ? 1 : 0].get();
  sqlite3_reset(stmt);
  sqlite3_bind_text(stmt, 1, query.data(), static_cast<int>(query.size()),
                    SQLITE_TRANSIENT);
  sqlite3_bind_int(stmt, 2, limit);
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    hits->push_back(
        {Column(stmt, 0), TextKindNamed(Column(stmt, 1)), Column(stmt, 2)});
  }
  if (rc != SQLITE_DONE)
    return SqlError(rep_->path, rep_->db.get(), "searching");
  return Status::Ok();
}

}  // namespace libbot::internal

namespace libbot {

const char* KbTextKindName(KbTextKind kind) {
  static_assert(std::size(internal::kTextKindNames) ==
                static_cast<size_t>(KbTextKind::kAnswer) + 1);
  const auto i = static_cast<size_t>(kind);
  return i < std::size(internal::kTextKindNames) ? internal::kTextKindNames[i]
                                                 : "unknown";
}

Status BuildKnowledgeBase(const std::string& source_dir,
                          const std::string& out_path, const Analyzer& analyzer,
                          KbBuildStats* stats) {
  *stats = KbBuildStats();
  std::vector<internal::Diagnostic> diagnostics;
  const std::vector<internal::FaqEntry> entries =
      internal::LoadFaqSources(source_dir, &diagnostics);
  if (Status s = internal::ErrorsToStatus(diagnostics); !s.ok()) return s;
  const std::string temp = out_path + ".tmp-" + std::to_string(getpid());
  std::remove(temp.c_str());
  Status s = internal::WriteDatabase(entries, temp, analyzer, stats);
  if (s.ok() && std::rename(temp.c_str(), out_path.c_str()) != 0) {
    s = Status::IoError(out_path + ": cannot replace it with the new database");
  }
  if (!s.ok()) std::remove(temp.c_str());
  return s;
}

namespace {

// Whether a .yaml or .csv file is an FAQ source (internal::
// LooksLikeFaqSource), from its first 64 KiB.
bool IsFaqSourceFile(const std::filesystem::path& path, bool csv) {
  constexpr size_t kHeadBytes = 64 << 10;
  std::ifstream in(path, std::ios::binary);
  std::string head(kHeadBytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return internal::LooksLikeFaqSource(head, csv);
}

// The FAQ source files in `folder` and in its subfolders one level down
// (kb/*.csv, kb/hu/*.yaml): where docs/kb.md puts them. False when the
// folder holds more than kMaxEntries entries in all (then no warning: a
// database beside a huge tree, "/tmp/faq.sqlite", is not worth the scan).
bool ListFaqSources(const std::filesystem::path& folder,
                    std::vector<std::filesystem::path>* sources) {
  namespace fs = std::filesystem;
  constexpr size_t kMaxEntries = 10000;
  size_t seen = 0;
  auto is_source = [](const fs::path& p) {
    const std::string ext = p.extension().string();
    return (ext == ".yaml" || ext == ".yml" || ext == ".csv") &&
           IsFaqSourceFile(p, ext == ".csv");
  };
  // One folder's sources (and, with `subfolders`, its folders); false
  // past the bound.
  auto scan = [&](const fs::path& dir, std::vector<fs::path>* subfolders) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end;
         it.increment(ec)) {
      if (++seen > kMaxEntries) return false;
      std::error_code type_ec;
      if (subfolders != nullptr && it->is_directory(type_ec)) {
        subfolders->push_back(it->path());
      } else if (is_source(it->path()) && it->is_regular_file(type_ec)) {
        sources->push_back(it->path());
      }
    }
    return true;
  };
  std::vector<fs::path> subfolders;
  if (!scan(folder, &subfolders)) return false;
  for (const fs::path& sub : subfolders) {
    if (!scan(sub, nullptr)) return false;
  }
  std::sort(sources->begin(), sources->end());  // the same warning each time
  return true;
}

std::filesystem::path KbPathBeside(const std::string& rules_dir) {
  return (std::filesystem::path(rules_dir) / ".." / "kb" / "faq.sqlite")
      .lexically_normal();
}

}  // namespace

std::string DefaultKbPath(const std::string& rules_dir) {
  std::error_code ec;
  const std::filesystem::path path = KbPathBeside(rules_dir);
  return std::filesystem::is_regular_file(path, ec) ? path.string() : "";
}

std::string KbWarning(const std::string& rules_dir,
                      const std::string& kb_path) {
  namespace fs = std::filesystem;
  const fs::path db = kb_path.empty() ? KbPathBeside(rules_dir)
                                      : fs::path(kb_path).lexically_normal();
  const fs::path folder =
      db.has_parent_path() ? db.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return "";
  std::vector<fs::path> sources;
  if (!ListFaqSources(folder, &sources) || sources.empty()) return "";
  const std::string build = "`libbot kb build " + folder.string() + " -o " +
                            db.string() + "` (Python: libbot.build_kb)";
  if (!fs::is_regular_file(db, ec)) {
    return folder.string() + " has FAQ sources but no database " + db.string() +
           ": the bot answers without them; build it with " + build;
  }
  const fs::file_time_type built = fs::last_write_time(db, ec);
  if (ec) return "";
  for (const fs::path& source : sources) {
    const fs::file_time_type changed = fs::last_write_time(source, ec);
    if (!ec && changed > built) {
      return db.string() + " is older than " + source.string() +
             ": the bot answers from the old entries; rebuild it with " + build;
    }
  }
  return "";
}

Status SearchKnowledgeBase(const std::string& path, const Analyzer& analyzer,
                           Lang lang, const std::string& text, int limit,
                           std::vector<KbSearchHit>* hits) {
  hits->clear();
  // Without a language, the text's own, as the bot detects it: the one
  // rule for `libbot kb search` and Python's KnowledgeBase.search.
  if (lang == Lang::kUnknown) lang = analyzer.DetectLanguage(text).lang;
  if (lang == Lang::kUnknown)
    return Status::InvalidArgument("the text's language is unclear");
  internal::FtsSearcher searcher;
  if (Status s = searcher.Open(path, &analyzer); !s.ok()) return s;
  return searcher.Search(lang, text, limit, hits);
}

}  // namespace libbot
