// Copyright 2026 The libbot Authors.
#include "load/kb_source.h"

#include <map>

#include "load/yaml_reader.h"
#include "util/csv.h"

namespace libbot::internal {
namespace {

const std::vector<std::string> kTopKeys = {"lang", "entries"};
const std::vector<std::string> kEntryKeys = {
    "id",       "lang", "title",     "questions", "answer",
    "category", "tags", "follow_up", "tests"};
const std::vector<std::string> kCsvColumns = {
    "id",       "lang", "title",     "question", "answer",
    "category", "tags", "follow_up", "test"};

// One YAML file: {lang?, entries: [{id, questions, answer, ...}]}. The
// YamlReader base gives file:line:col errors, bounded parsing and the
// checks of keys ("did you mean"), texts and names.
class FaqReader : public YamlReader {
 public:
  FaqReader(const std::string& file, Lang lang, const LoadLimits& limits,
            std::vector<FaqEntry>* entries,
            std::vector<Diagnostic>* diagnostics)
      : YamlReader(file, limits, diagnostics), lang_(lang), entries_(entries) {}

  void Read(const std::string& text) {
    YAML::Node root;
    if (!Parse(text, &root) || root.IsNull()) return;
    if (!root.IsMap()) {
      Error(At(root), "a knowledge-base file is a mapping with 'entries'");
      return;
    }
    CheckKeys(root, kTopKeys, "top-level");
    if (auto n = root["lang"]) {
      Lang lang;
      if (ReadLangCode(n, &lang)) lang_ = lang;
    }
    const YAML::Node list = root["entries"];
    if (!list) return;
    if (!list.IsSequence()) {
      Error(At(list),
            "entries must be a list (each item starts with '- id: ...')");
      return;
    }
    for (const auto& item : list) ReadEntry(item);
  }

 private:
  void ReadEntry(const YAML::Node& node) {
    if (!CheckKeys(node, kEntryKeys, "entry")) return;
    FaqEntry e;
    e.where = At(node);
    e.lang = lang_;
    if (auto n = node["lang"]) ReadLangCode(n, &e.lang);
    const YAML::Node id = node["id"];
    if (!id || !ReadString(id, "id", &e.id)) {
      if (!id) Error(e.where, "an entry needs an id");
      return;
    }
    if (!ValidId(e.id)) {
      Error(At(id), "entry id '" + e.id + "' may use only a-z, 0-9, _ . -");
      return;
    }
    if (e.lang == Lang::kUnknown) {
      Error(e.where, "entry '" + e.id +
                         "' needs a language: put the file under kb/hu or "
                         "kb/pl, or add 'lang:'");
      return;
    }
    if (auto n = node["questions"]) ReadTexts(n, "questions", &e.questions);
    if (auto n = node["title"]) {
      if (n.IsScalar()) {
        e.title = Text(n);
      } else {
        Error(At(n), "title must be a text");
      }
    }
    if (auto n = node["answer"]) {
      if (n.IsScalar()) {
        e.answer = Text(n);
      } else {
        Error(At(n), "answer must be a text");
      }
    }
    if (auto n = node["category"]) ReadString(n, "category", &e.category);
    if (auto n = node["tags"]) ReadNames(n, "tags", &e.tags);
    if (auto n = node["follow_up"]) ReadNames(n, "follow_up", &e.follow_up);
    if (auto n = node["tests"]) ReadTests(n, e.id, e.lang, &e.tests);
    // An entry without questions is an article: its title (if any) and its
    // answer's sentences are searched (the answer also with one question:
    // FoundByAnswer).
    if (e.answer.text.empty())
      Error(e.where, "entry '" + e.id + "' has no answer");
    entries_->push_back(std::move(e));
  }

  Lang lang_;
  std::vector<FaqEntry>* entries_;
};

// "a; b ;c" → {"a", "b", "c"}: tags and follow-ups in one CSV cell. A
// semicolon, not a comma, so that the cell needs no quotes.
std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::string item;
  for (char c : s + ";") {
    if (c == ';') {
      const size_t b = item.find_first_not_of(' '),
                   e = item.find_last_not_of(' ');
      if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
      item.clear();
    } else {
      item += c;
    }
  }
  return out;
}

}  // namespace

void LoadFaqYaml(const std::string& text, const std::string& file_name,
                 Lang folder_lang, std::vector<FaqEntry>* entries,
                 std::vector<Diagnostic>* diagnostics) {
  FaqReader(file_name, folder_lang, LoadLimits(), entries, diagnostics)
      .Read(text);
}

namespace {

// One CSV file: a header naming the columns, then one row per question or
// test. Rows of one id and language form one entry; its answer, category
// and so on may be given on any one row (spreadsheets repeat them or leave
// them empty). Every problem is an error at the row's line.
class CsvFaqReader {
 public:
  CsvFaqReader(const std::string& file_name, Lang folder_lang,
               std::vector<FaqEntry>* entries,
               std::vector<Diagnostic>* diagnostics)
      : file_(file_name),
        folder_lang_(folder_lang),
        entries_(entries),
        diagnostics_(diagnostics) {}

  void Read(const std::string& text) {
    std::vector<CsvRecord> records;
    int bad_line = 0;
    if (!ParseCsv(text, &records, &bad_line))
      return Error(bad_line, "a quote is not closed");
    if (records.empty() || !ReadHeader(records[0])) return;
    for (size_t i = 1; i < records.size(); ++i) ReadRow(records[i]);
    CheckComplete();
  }

 private:
  void Error(int line, const std::string& message) {
    diagnostics_->push_back({{file_, line, 0}, message, true});
  }

  // Column names: known ones only (a typo gets a hint), id and question
  // required.
  bool ReadHeader(const CsvRecord& header) {
    for (size_t c = 0; c < header.fields.size(); ++c) {
      const std::string& name = header.fields[c];
      if (std::find(kCsvColumns.begin(), kCsvColumns.end(), name) ==
          kCsvColumns.end()) {
        const std::string hint = DidYouMean(name, kCsvColumns);
        Error(1, "unknown column '" + name + "'" +
                     (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
      }
      column_[name] = c;
    }
    for (const char* required : {"id"}) {
      if (!column_.count(required)) {
        Error(1, std::string("a '") + required + "' column is needed");
        return false;
      }
    }
    return true;
  }

  std::string Cell(const CsvRecord& r, const char* name) const {
    auto it = column_.find(name);
    return it != column_.end() && it->second < r.fields.size()
               ? r.fields[it->second]
               : "";
  }

  // The entry a row belongs to (made on its first row), or null when the
  // row's id or language is wrong.
  FaqEntry* EntryOf(const CsvRecord& r) {
    const std::string id = Cell(r, "id");
    Lang lang = folder_lang_;
    if (const std::string code = Cell(r, "lang"); !code.empty()) {
      if (!ParseLang(code, &lang) || lang == Lang::kUnknown) {
        Error(r.line, "lang must be 'hu' or 'pl', not '" + code + "'");
        return nullptr;
      }
    }
    if (!ValidId(id)) {
      Error(r.line, "entry id '" + id + "' may use only a-z, 0-9, _ . -");
      return nullptr;
    }
    if (lang == Lang::kUnknown) {
      Error(r.line, "entry '" + id +
                        "' needs a language (a 'lang' column or a kb/hu, "
                        "kb/pl folder)");
      return nullptr;
    }
    auto [it, inserted] =
        index_.emplace(std::make_pair(id, lang), entries_->size());
    if (inserted) {
      FaqEntry e;
      e.id = id;
      e.lang = lang;
      e.where = {file_, r.line, 0};
      entries_->push_back(std::move(e));
    }
    return &(*entries_)[it->second];
  }

  void ReadRow(const CsvRecord& r) {
    FaqEntry* e = EntryOf(r);
    if (e == nullptr) return;
    const SourceLocation here{file_, r.line, 0};
    if (const std::string q = Cell(r, "question"); !q.empty())
      e->questions.push_back({q, here, 0});
    if (const std::string t = Cell(r, "test"); !t.empty())
      e->tests.push_back({t, e->id, here, e->lang});
    // One answer per entry: the same text again is fine, another is not.
    if (const std::string a = Cell(r, "answer"); !a.empty()) {
      if (!e->answer.text.empty() && e->answer.text != a) {
        Error(r.line, "entry '" + e->id + "' has another answer at line " +
                          std::to_string(e->answer.where.line));
      } else {
        e->answer = {a, here, 0};
      }
    }
    if (const std::string t = Cell(r, "title"); !t.empty())
      e->title = {t, here, 0};
    if (const std::string c = Cell(r, "category"); !c.empty()) e->category = c;
    for (const auto& t : SplitList(Cell(r, "tags"))) e->tags.push_back(t);
    for (const auto& f : SplitList(Cell(r, "follow_up")))
      e->follow_up.push_back(f);
  }

  // Only once all rows are read can an entry be found to lack an answer.
  void CheckComplete() {
    for (const auto& [key, i] : index_) {
      const FaqEntry& e = (*entries_)[i];
      if (e.answer.text.empty())
        Error(e.where.line, "entry '" + e.id + "' has no answer");
    }
  }

  const std::string& file_;
  const Lang folder_lang_;
  std::vector<FaqEntry>* entries_;
  std::vector<Diagnostic>* diagnostics_;
  std::map<std::string, size_t> column_;                  // name → index
  std::map<std::pair<std::string, Lang>, size_t> index_;  // → entries_
};

}  // namespace

void LoadFaqCsv(const std::string& text, const std::string& file_name,
                Lang folder_lang, std::vector<FaqEntry>* entries,
                std::vector<Diagnostic>* diagnostics) {
  CsvFaqReader(file_name, folder_lang, entries, diagnostics).Read(text);
}

// Every file first, then the checks across files: an id defined twice (in
// one language) and follow-ups to entries that do not exist.
std::vector<FaqEntry> LoadFaqSources(const std::string& dir,
                                     std::vector<Diagnostic>* diagnostics) {
  std::vector<FaqEntry> entries;
  const LoadLimits limits;
  for (const SourceFile& file :
       ReadSourceFiles(dir, {".yaml", ".yml", ".csv"}, limits, diagnostics)) {
    if (file.extension == ".csv") {
      LoadFaqCsv(file.text, file.name, file.lang, &entries, diagnostics);
    } else {
      LoadFaqYaml(file.text, file.name, file.lang, &entries, diagnostics);
    }
  }
  // Ids are unique per language, across files; follow-ups must exist.
  std::map<std::pair<std::string, Lang>, const FaqEntry*> seen;
  for (const FaqEntry& e : entries) {
    auto [it, inserted] = seen.emplace(std::make_pair(e.id, e.lang), &e);
    if (!inserted) {
      diagnostics->push_back({e.where,
                              "entry '" + e.id + "' (" +
                                  std::string(LangCode(e.lang)) +
                                  ") is defined twice (first at " +
                                  it->second->where.ToString() + ")",
                              true});
    }
  }
  for (const FaqEntry& e : entries) {
    for (const std::string& f : e.follow_up) {
      if (!seen.count({f, e.lang})) {
        const std::string hint = [&] {
          std::vector<std::string> ids;
          for (const auto& [key, entry] : seen) {
            if (key.second == e.lang) ids.push_back(key.first);
          }
          return DidYouMean(f, ids);
        }();
        diagnostics->push_back(
            {e.where,
             "entry '" + e.id + "' follows up with unknown entry '" + f + "'" +
                 (hint.empty() ? "" : " (did you mean '" + hint + "'?)"),
             true});
      }
    }
  }
  return entries;
}

bool FoundByAnswer(const FaqEntry& entry) {
  return entry.questions.size() <= kMaxQuestionsFoundByAnswer;
}

ArticleKind ArticleKindOf(const FaqEntry& entry) {
  if (!entry.questions.empty()) return ArticleKind::kNone;
  return entry.title.text.empty() ? ArticleKind::kUntitled
                                  : ArticleKind::kTitled;
}

bool LooksLikeFaqSource(std::string_view head, bool csv) {
  if (csv) {
    const std::string_view header = head.substr(0, head.find('\n'));
    return header.find("question") != std::string_view::npos ||
           header.find("answer") != std::string_view::npos;
  }
  for (size_t line = 0; line < head.size();) {
    const std::string_view rest = head.substr(line);
    if (rest.substr(0, 8) == "entries:") return true;
    if (rest.front() == '{' && rest.find("entries") != std::string_view::npos)
      return true;
    const size_t next = head.find('\n', line);
    if (next == std::string_view::npos) break;
    line = next + 1;
  }
  return false;
}

std::vector<SearchText> SearchTexts(const FaqEntry& entry) {
  std::vector<SearchText> out;
  for (const Located& q : entry.questions)
    out.push_back({KbTextKind::kQuestion, q.text, q.where.file});
  if (!entry.title.text.empty())
    out.push_back({KbTextKind::kTitle, entry.title.text, entry.where.file});
  if (FoundByAnswer(entry)) {
    for (std::string& sentence : Sentences(entry.answer.text))
      out.push_back(
          {KbTextKind::kAnswer, std::move(sentence), entry.where.file});
  }
  return out;
}

double SearchWeight(KbTextKind kind) {
  return kind == KbTextKind::kAnswer ? kAnswerTextWeight : 1.0;
}

std::vector<std::string> Sentences(const std::string& text) {
  std::vector<std::string> out;
  // Keeps text[begin, end) without the spaces and line ends around it, if
  // anything is left.
  auto keep = [&](size_t begin, size_t end) {
    while (begin < end && (text[begin] == ' ' || text[begin] == '\n')) ++begin;
    while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\n'))
      --end;
    if (begin < end) out.push_back(text.substr(begin, end - begin));
  };
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    // A sentence ends at . ! ? followed by a space or the end ("1.5 GB"
    // and "*100#" do not end one), and at a line end.
    const bool end_mark = (c == '.' || c == '!' || c == '?') &&
                          (i + 1 == text.size() || text[i + 1] == ' ');
    if (end_mark || c == '\n') {
      keep(start, i + 1);
      start = i + 1;
    }
  }
  keep(start, text.size());
  return out;
}

}  // namespace libbot::internal
