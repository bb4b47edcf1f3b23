// Copyright 2026 The libbot Authors.
#include "kb/kb.h"

#include "kb/fts5_tokenizer.h"
#include "match/search_index.h"

#include <sqlite3.h>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "rules_fixture.h"

namespace libbot {
namespace {

const char* kPlFaq =
    "id,lang,question,answer,category,tags,follow_up\n"
    "faq.password,pl,Jak zmienić hasło?,\"Hasło zmienia się w ustawieniach "
    "konta.\",konto,,\n"
    "faq.password,pl,Nie pamiętam hasła,,,,\n"
    "faq.shipping_cost,pl,Ile kosztuje wysyłka?,\"Wysyłka kosztuje 12,99 "
    "zł.\",,,\n";

using testing::BuildKb;
using testing::CheckAnswers;
using testing::FaqOnlyEngine;
using testing::kHuFaq;
using testing::OpenWithKb;

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("kb: builds from YAML and CSV, reproducibly") {
  Status s;
  const std::string db =
      BuildKb("build", {{"hu/a.yaml", kHuFaq}, {"pl.csv", kPlFaq}}, &s);
  REQUIRE(s.ok());
  std::vector<internal::FaqEntry> entries;
  REQUIRE(internal::ReadKnowledgeBase(db, &entries).ok());
  CHECK(entries.size() == 6);
  CHECK(entries[0].id == "faq.shipping_cost");
  CHECK(entries[0].follow_up == std::vector<std::string>{"faq.delivery_time"});
  const std::string first = ReadBytes(db);
  BuildKb("build", {{"hu/a.yaml", kHuFaq}, {"pl.csv", kPlFaq}});
  CHECK(ReadBytes(db) == first);
}

TEST_CASE("kb: inline tests of FAQ entries are stored, run and counted") {
  const std::string hu = std::string(kHuFaq) +
                         "    tests:\n"
                         "      - mennyibe kerul a visszakuldes\n"
                         "      - text: milyen ido lesz holnap\n"
                         "        expect: \"@oos\"\n"
                         "      - text: mennyi a szallitasi dij\n"
                         "        expect: faq.delivery_time\n";
  const std::string pl =
      "id,lang,question,answer,test\n"
      "faq.shipping_cost,pl,Ile kosztuje wysyłka?,Wysyłka 12 zł.,\n"
      "faq.shipping_cost,pl,,,ile kosztuje wysylka do domu\n"
      "faq.shipping_cost,pl,,,ile kosztuje wysyłka kurierem?\n";
  Status s;
  const std::string db =
      BuildKb("inline", {{"hu/a.yaml", hu}, {"pl.csv", pl}}, &s);
  REQUIRE(s.ok());
  std::vector<internal::FaqEntry> entries;
  REQUIRE(internal::ReadKnowledgeBase(db, &entries).ok());
  size_t tests = 0;
  for (const auto& e : entries) {
    tests += e.tests.size();
    if (e.id == "faq.return_cost") {
      REQUIRE(e.tests.size() == 3);
      CHECK(e.tests[0].expect == "faq.return_cost");
      CHECK(e.tests[0].lang == Lang::kHu);
      CHECK(e.tests[0].where.file.find("hu/a.yaml:16:9") != std::string::npos);
      CHECK(e.tests[1].expect == "@oos");
    }
  }
  CHECK(tests == 5);

  std::unique_ptr<Engine> engine;
  REQUIRE(
      OpenWithKb("inline_rules", {{"hu/a.yaml", "intents: []\n"}}, db, &engine)
          .ok());
  const auto results = engine->RunInlineTests();
  REQUIRE(results.size() == 5);
  for (const auto& r : results) {
    CAPTURE(r.text);
    CAPTURE(r.reply.trace.ToString());
    // A test that expects the wrong entry fails and says what it got.
    const bool wrong = r.expect == "faq.delivery_time";
    CHECK(r.passed != wrong);
    if (wrong) CHECK(r.reply.id == "faq.shipping_cost");
  }
  CHECK(results[0].intent == "faq.return_cost");
  // Entries no test got: the three HU ones without tests; PL's is answered.
  const auto uncovered = engine->UncoveredEntries(results);
  CHECK(uncovered.size() == 3);
  for (const auto& u : uncovered) CHECK(u.find("(hu)") != std::string::npos);
}

TEST_CASE("kb: a broken build keeps the old database") {
  Status s;
  const std::string db = BuildKb("keep", {{"hu/a.yaml", kHuFaq}}, &s);
  REQUIRE(s.ok());
  const std::string before = ReadBytes(db);
  const std::string dir = std::filesystem::path(db).parent_path().string();
  std::ofstream(dir + "/hu/a.yaml") << "entries: [oops";
  KbBuildStats stats;
  CHECK_FALSE(
      BuildKnowledgeBase(dir, db, testing::SharedAnalyzer(), &stats).ok());
  CHECK(ReadBytes(db) == before);
}

TEST_CASE("kb: missing, damaged and wrong-version files give a clear status") {
  std::vector<internal::FaqEntry> entries;
  Status s = internal::ReadKnowledgeBase("/nonexistent/faq.sqlite", &entries);
  CHECK(s.code() == Status::Code::kNotFound);
  const std::string dir = testing::WriteRules(
      "kb_bad", {{"garbage.sqlite", std::string(5000, 'x')}});
  s = internal::ReadKnowledgeBase(dir + "/garbage.sqlite", &entries);
  CHECK(s.code() == Status::Code::kCorruption);
  CHECK(s.message().find("garbage.sqlite") != std::string::npos);
  Status built;
  const std::string db = BuildKb("truncate", {{"hu/a.yaml", kHuFaq}}, &built);
  const std::string bytes = ReadBytes(db);
  std::ofstream(db, std::ios::binary | std::ios::trunc)
      << bytes.substr(0, bytes.size() / 3);
  s = internal::ReadKnowledgeBase(db, &entries);
  CHECK_FALSE(s.ok());
  const std::string empty = dir + "/empty.sqlite";
  std::ofstream(empty).close();
  CHECK(internal::ReadKnowledgeBase(empty, &entries).code() ==
        Status::Code::kCorruption);
}

TEST_CASE("kb: FTS5 finds what the bot finds: titles and articles' answers") {
  // Before schema 5 the full-text index held questions only, so `libbot kb
  // search` found no article the bot itself answered with.
  constexpr char kArticles[] =
      "entries:\n"
      "  - id: faq.password\n"
      "    questions: [\"Nie pamiętam hasła\", \"Jak zmienić hasło?\"]\n"
      "    answer: \"Kliknij Zapomniałem hasła.\"\n"
      "  - id: hc.puk\n"
      "    title: Kod PUK\n"
      "    answer: \"Kod PUK znajdziesz na plastikowej karcie.  Zablokowaną "
      "kartę odblokujesz kodem PUK.\"\n"
      "  - id: hc.roaming\n"
      "    answer: \"Roaming w Unii Europejskiej działa bez dopłat.\\n\\nWłącz "
      "go w ustawieniach telefonu.\"\n"
      "  - id: faq.invoice\n"
      "    questions: [\"Gdzie jest faktura?\"]\n"
      "    answer: \"Fakturę wysyłamy mailem razem z potwierdzeniem.\"\n";
  Status s;
  const std::string db =
      BuildKb("fts_articles", {{"pl/a.yaml", kArticles}}, &s);
  REQUIRE(s.ok());
  std::vector<KbSearchHit> hits;
  auto search = [&](const char* text) {
    REQUIRE(SearchKnowledgeBase(db, testing::SharedAnalyzer(), Lang::kPl, text,
                                5, &hits)
                .ok());
    REQUIRE_FALSE(hits.empty());
  };
  // Both questions of the entry match: it is listed once, by its best.
  search("hasło");
  CHECK(hits.size() == 1);
  CHECK(hits[0].entry_id == "faq.password");
  CHECK(hits[0].kind == KbTextKind::kQuestion);
  search("kod puk");
  CHECK(hits[0].entry_id == "hc.puk");
  CHECK(hits[0].kind == KbTextKind::kTitle);
  CHECK(hits[0].text == "Kod PUK");
  // An answer sentence, as the bot indexes it: trimmed, one at a time.
  search("jak odblokować zablokowaną kartę");
  CHECK(hits[0].entry_id == "hc.puk");
  CHECK(hits[0].kind == KbTextKind::kAnswer);
  CHECK(hits[0].text == "Zablokowaną kartę odblokujesz kodem PUK.");
  // An article without a title is found by its answer alone.
  search("ustawienia telefonu");
  CHECK(hits[0].entry_id == "hc.roaming");
  CHECK(hits[0].text == "Włącz go w ustawieniach telefonu.");
  // An entry of one question is found by its answer too (FoundByAnswer);
  // one of two questions is not ("Kliknij" is only in its answer).
  search("potwierdzenie mailem");
  CHECK(hits[0].entry_id == "faq.invoice");
  CHECK(hits[0].kind == KbTextKind::kAnswer);
  REQUIRE(SearchKnowledgeBase(db, testing::SharedAnalyzer(), Lang::kPl,
                              "kliknij", 5, &hits)
              .ok());
  CHECK(hits.empty());
  // Without a language, the text's own is searched, as the bot detects it;
  // a text of no language is the one kInvalidArgument.
  REQUIRE(SearchKnowledgeBase(db, testing::SharedAnalyzer(), Lang::kUnknown,
                              "Czy dostanę potwierdzenie mailem?", 5, &hits)
              .ok());
  REQUIRE_FALSE(hits.empty());
  CHECK(hits[0].entry_id == "faq.invoice");
  const Status unclear = SearchKnowledgeBase(db, testing::SharedAnalyzer(),
                                             Lang::kUnknown, "123", 5, &hits);
  CHECK(unclear.code() == Status::Code::kInvalidArgument);
  CHECK(hits.empty());
  CHECK(std::string(KbTextKindName(KbTextKind::kQuestion)) == "question");
  CHECK(std::string(KbTextKindName(KbTextKind::kTitle)) == "title");
  CHECK(std::string(KbTextKindName(KbTextKind::kAnswer)) == "answer");
  CHECK(std::string(KbTextKindName(static_cast<KbTextKind>(7))) == "unknown");
}

TEST_CASE(
    "kb: FTS5 uses libbot's keys, and message text is never FTS5 syntax") {
  Status s;
  const std::string db =
      BuildKb("fts", {{"pl.csv", kPlFaq}, {"hu/a.yaml", kHuFaq}}, &s);
  REQUIRE(s.ok());
  std::vector<KbSearchHit> hits;
  for (const char* query : {"hasłem", "haslo", "hasło", "HASŁA"}) {
    CAPTURE(query);
    REQUIRE(SearchKnowledgeBase(db, testing::SharedAnalyzer(), Lang::kPl, query,
                                5, &hits)
                .ok());
    REQUIRE_FALSE(hits.empty());
    CHECK(hits[0].entry_id == "faq.password");
  }
  for (const char* hostile :
       {"\" OR 1", "NOT hasło", "NEAR(a b)", "hasło*", "-hasło", "^x",
        "a\"b\"\"c", "); DROP TABLE entries; --", "{col}: x"}) {
    CAPTURE(hostile);
    CHECK(SearchKnowledgeBase(db, testing::SharedAnalyzer(), Lang::kPl, hostile,
                              5, &hits)
              .ok());
  }
  // Every token becomes a quoted string: "OR" is a word, not an operator.
  CHECK(internal::Fts5Query("a\"b OR", testing::SharedAnalyzer(), Lang::kPl) ==
        "\"a\" OR \"b\" OR \"OR\"");
}

TEST_CASE(
    "kb: the engine answers, asks which one, and understands the choice") {
  const auto engine = testing::EngineWithKb(
      "engine", {{"hu/a.yaml", kHuFaq}, {"pl.csv", kPlFaq}},
      {{"hu/r.yaml",
        "intents:\n  - id: greeting\n    patterns: ['^ szia']\n"
        "    replies: [Szia!]\n"
        "  - id: shoe_rule\n    patterns: ['cipő']\n"
        "    replies: [Cipő.]\n"
        "  - id: order_status\n    examples: ['Hol tart a "
        "rendelésem?', 'Mikor jön meg a megrendelt termék?']\n"
        "    replies: [Utánanézek.]\n"}});

  Reply r = engine->Respond("mennyi a szallitasi dij?", nullptr, Lang::kHu);
  CHECK(r.kind == ReplyKind::kAnswer);
  CHECK(r.source == ReplySource::kFaq);
  CHECK(r.id == "faq.shipping_cost");
  CHECK(r.confidence > 0.9);
  CHECK(r.trace.candidates[0].source == ReplySource::kFaq);

  r = engine->Respond("Nie pamiętam hasłem", nullptr,
                      Lang::kPl);  // inflected, one typo of form
  CHECK(r.id == "faq.password");

  r = engine->Respond("hol tart a rendelesem", nullptr, Lang::kHu);
  CHECK(r.source == ReplySource::kExample);
  CHECK(r.id == "order_status");

  // Two entries share "mennyibe kerül": the bot asks which one (one of them
  // has a single question and is searched by its answer too; its n-gram
  // centroid must not lose to the other's by that: search_index.cc).
  Session session;
  r = engine->Respond("Mennyibe kerül?", &session, Lang::kHu);
  CAPTURE(r.trace.ToString());
  CHECK(r.kind == ReplyKind::kClarify);
  CHECK(r.text.find("1) ") != std::string::npos);
  REQUIRE(session.choices.size() >= 2);
  Session copy;
  REQUIRE(Session::FromJson(session.ToJson(), &copy).ok());
  CHECK(copy.choices == session.choices);
  const std::string second = session.choices[1].substr(4);  // "faq:..."
  r = engine->Respond("a másodikat", &session, Lang::kHu);
  CHECK(r.kind == ReplyKind::kAnswer);
  CHECK(r.id == second);
  CHECK(session.choices.empty());

  Session by_number;
  engine->Respond("Mennyibe kerül?", &by_number, Lang::kHu);
  r = engine->Respond("1", &by_number, Lang::kHu);
  CHECK(r.kind == ReplyKind::kAnswer);

  Session by_words;
  engine->Respond("Mennyibe kerül?", &by_words, Lang::kHu);
  r = engine->Respond("a visszaküldés", &by_words, Lang::kHu);
  CHECK(r.id == "faq.return_cost");

  // Out of domain: no confident answer.
  for (const char* ood :
       {"Milyen idő lesz holnap Budapesten?", "Ki nyerte a tegnapi meccset?",
        "Mennyi kettő meg kettő?"}) {
    CAPTURE(ood);
    r = engine->Respond(ood, nullptr, Lang::kHu);
    CHECK(r.kind != ReplyKind::kAnswer);
  }
  // A rule still wins over search...
  CHECK(engine->Respond("szeretném visszaküldeni a cipőt", nullptr, Lang::kHu)
            .id == "shoe_rule");
  // ...unless the customer wrote one of the FAQ questions word for word...
  CHECK(engine->Respond("Visszaküldhetem a cipőt?", nullptr, Lang::kHu).id ==
        "faq.return_policy");
  // ...or the rule read only the greeting around a question the search is
  // sure of (before 2026-12-01, "Szia!" answered this).
  r = engine->Respond("szia, mennyi lesz a szállítás?", nullptr, Lang::kHu);
  CHECK(r.id == "faq.shipping_cost");
  CAPTURE(r.trace.ToString());
  CHECK(r.trace.ToString().find("read only the greeting") != std::string::npos);
  // A greeting alone, or asking for help, is a greeting.
  CHECK(engine->Respond("szia!", nullptr, Lang::kHu).id == "greeting");
  CHECK(engine->Respond("szia, kérdeznék valamit", nullptr, Lang::kHu).id ==
        "greeting");
  CHECK(engine->Respond("szia, segítene?", nullptr, Lang::kHu).id ==
        "greeting");
  // Words of framing phrases ask for help too, in words no phrase has as a
  // whole ("segítséget szeretnék kérni").
  CHECK(engine->Respond("szia, segítséget kérnék", nullptr, Lang::kHu).id ==
        "greeting");
  // Two or more words beside the greeting are a question of their own: the
  // message is read as they would be alone, whether the search is unsure...
  const Reply bare = engine->Respond("a csomag szállítása", nullptr, Lang::kHu);
  r = engine->Respond("szia, a csomag szállítása", nullptr, Lang::kHu);
  CAPTURE(r.trace.ToString());
  CHECK(r.kind == bare.kind);
  CHECK(r.id == bare.id);
  CHECK(r.id != "greeting");
  // ...or finds nothing: a greeting would pass over the question (before
  // 2026-12-01, "Szia!" answered both).
  r = engine->Respond("szia, milyen idő lesz holnap Budapesten?", nullptr,
                      Lang::kHu);
  CAPTURE(r.trace.ToString());
  CHECK(r.kind == ReplyKind::kFallback);
  CHECK(r.trace.ToString().find("the rest is read alone") != std::string::npos);
}

TEST_CASE("kb: an engine with a broken knowledge base does not open") {
  std::unique_ptr<Engine> engine;
  const Status s =
      OpenWithKb("kb_rules_empty", {}, "/nonexistent/faq.sqlite", &engine);
  CHECK_FALSE(s.ok());
  CHECK(s.message().find("/nonexistent/faq.sqlite") != std::string::npos);
}

TEST_CASE("kb: a database locked by another program gives a clear status") {
  Status s;
  const std::string db = BuildKb("locked", {{"hu/a.yaml", kHuFaq}}, &s);
  REQUIRE(s.ok());
  sqlite3* writer = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &writer) == SQLITE_OK);
  REQUIRE(sqlite3_exec(writer,
                       "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE;",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  std::vector<internal::FaqEntry> entries;
  const Status locked = internal::ReadKnowledgeBase(db, &entries);
  sqlite3_exec(writer, "ROLLBACK;", nullptr, nullptr, nullptr);
  sqlite3_close(writer);
  CHECK(locked.code() == Status::Code::kUnavailable);
  CHECK(locked.message().find("locked") != std::string::npos);
  CHECK(internal::ReadKnowledgeBase(db, &entries).ok());
}

TEST_CASE(
    "kb: typos in words the knowledge base knows are forgiven, short words are "
    "not") {
  internal::SearchIndex index;
  const Analyzer& analyzer = testing::SharedAnalyzer();
  index.Add(Lang::kHu, 0,
            analyzer.Analyze("Mennyi a szállítási díj?", Lang::kHu));
  index.Add(Lang::kHu, 1,
            analyzer.Analyze("Hogyan fizethetek bankkártyával?", Lang::kHu));
  index.Finish();
  std::vector<internal::SearchHit> hits;
  index.Search(Lang::kHu, analyzer.Analyze("bankartyaval fizetnek", Lang::kHu),
               1, &hits);
  REQUIRE_FALSE(hits.empty());
  CHECK(hits[0].owner == 1);  // one letter missing, and no accents
  index.Search(Lang::kHu, analyzer.Analyze("dij", Lang::kHu), 1, &hits);
  REQUIRE_FALSE(hits.empty());
  const double exact = hits[0].score;
  index.Search(Lang::kHu, analyzer.Analyze("dix", Lang::kHu), 1, &hits);
  CHECK((hits.empty() ||
         hits[0].score < exact));  // a 3-letter word is not corrected
}

TEST_CASE("kb: a database of another schema version is refused with a hint") {
  Status s;
  const std::string db = BuildKb("version", {{"hu/a.yaml", kHuFaq}}, &s);
  REQUIRE(s.ok());
  sqlite3* writer = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &writer) == SQLITE_OK);
  REQUIRE(sqlite3_exec(writer, "PRAGMA user_version=1;", nullptr, nullptr,
                       nullptr) == SQLITE_OK);
  sqlite3_close(writer);
  std::vector<internal::FaqEntry> entries;
  const Status v = internal::ReadKnowledgeBase(db, &entries);
  CHECK(v.code() == Status::Code::kCorruption);
  CHECK(v.message().find("schema version 1, this libbot reads version " +
                         std::to_string(internal::kKbSchemaVersion) +
                         " (rebuild it") != std::string::npos);
}

TEST_CASE("kb: articles without questions are stored and read back") {
  Status s;
  const std::string db =
      BuildKb("articles_roundtrip", {{"hu/a.yaml", R"(entries:
  - id: hc.article
    title: Egy cikk címe
    answer: "Hosszú válasz. Több mondat."
  - id: faq.plain
    questions: ["Van kérdésem?"]
    answer: "Igen."
)"}},
              &s);
  REQUIRE(s.ok());
  std::vector<internal::FaqEntry> entries;
  REQUIRE(internal::ReadKnowledgeBase(db, &entries).ok());
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].id == "hc.article");  // in the order written
  CHECK(entries[0].title.text == "Egy cikk címe");
  CHECK(entries[0].questions.empty());
  CHECK(entries[0].answer.text == "Hosszú válasz. Több mondat.");
  CHECK(entries[1].questions.size() == 1);
  CHECK(entries[1].title.text.empty());
}

}  // namespace libbot
