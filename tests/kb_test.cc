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

const char* kHuFaq = R"(entries:
  - id: faq.shipping_cost
    questions: ["Mennyibe kerül a szállítás?", "Mennyi a szállítási díj?"]
    answer: "A szállítás 1490 Ft, 15 000 Ft felett ingyenes."
    follow_up: [faq.delivery_time]
  - id: faq.delivery_time
    questions: ["Mennyi idő alatt érkezik meg a csomag?", "Hány nap a kiszállítás?"]
    answer: "1-3 munkanap."
  - id: faq.return_policy
    questions: ["Hogyan küldhetem vissza a terméket?", "Visszaküldhetem a cipőt?"]
    answer: "30 napon belül visszaküldheti."
  - id: faq.return_cost
    questions: ["Mennyibe kerül a visszaküldés?"]
    answer: "A visszaküldés ingyenes."
)";

const char* kPlFaq =
    "id,lang,question,answer,category,tags,follow_up\n"
    "faq.password,pl,Jak zmienić hasło?,\"Hasło zmienia się w ustawieniach "
    "konta.\",konto,,\n"
    "faq.password,pl,Nie pamiętam hasła,,,,\n"
    "faq.shipping_cost,pl,Ile kosztuje wysyłka?,\"Wysyłka kosztuje 12,99 "
    "zł.\",,,\n";

using testing::BuildKb;

// An engine over the knowledge base `db` and the given rule files, which are
// written into a fresh folder called `rules_name`.
Status OpenWithKb(const std::string& rules_name,
                  const std::map<std::string, std::string>& rule_files,
                  const std::string& db, std::unique_ptr<Engine>* engine) {
  EngineOptions options;
  options.rules_dir = testing::WriteRules(rules_name, rule_files);
  options.kb_path = db;
  options.analyzer.dictionary_dir = LIBBOT_TEST_DICTIONARY_DIR;
  return Engine::Open(options, engine);
}

// An engine with no intents over a knowledge base built from `kb_files`.
std::unique_ptr<Engine> FaqOnlyEngine(
    const std::string& name,
    const std::map<std::string, std::string>& kb_files) {
  Status s;
  const std::string db = BuildKb(name, kb_files, &s);
  REQUIRE(s.ok());
  std::unique_ptr<Engine> engine;
  REQUIRE(
      OpenWithKb(name + "_rules", {{"hu/a.yaml", "intents: []\n"}}, db, &engine)
          .ok());
  return engine;
}

// Checks that `engine` answers `text` in `lang` with `id` (the trace shows
// on failure).
void CheckAnswers(const Engine& engine, const std::string& text, Lang lang,
                  const std::string& id) {
  const Reply r = engine.Respond(text, nullptr, lang);
  CAPTURE(text);
  CAPTURE(r.trace.ToString());
  CHECK(r.kind == ReplyKind::kAnswer);
  CHECK(r.id == id);
}

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

TEST_CASE("kb: source errors name the file and line") {
  Status s;
  BuildKb("errors",
          {{"hu/a.yaml",
            "entries:\n  - id: x\n    questoins: [a]\n    answer: b\n"},
           {"pl.csv", "id,lang,question,answr\nfaq.a,pl,,x\nfaq.b,de,q,a\n"},
           {"hu/b.yaml",
            "entries:\n  - id: y\n    questions: [q]\n    answer: a\n"
            "    follow_up: [faq.nincs]\n"}},
          &s);
  CHECK_FALSE(s.ok());
  CAPTURE(s.message());
  CHECK(s.message().find(
            "hu/a.yaml:3:5: unknown key 'questoins' in entry (did you mean "
            "'questions'?)") != std::string::npos);
  CHECK(s.message().find(
            "pl.csv:1: unknown column 'answr' (did you mean 'answer'?)") !=
        std::string::npos);
  CHECK(s.message().find("pl.csv:3: lang must be 'hu' or 'pl'") !=
        std::string::npos);
  CHECK(s.message().find("follows up with unknown entry 'faq.nincs'") !=
        std::string::npos);
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
  Status s;
  const std::string db =
      BuildKb("engine", {{"hu/a.yaml", kHuFaq}, {"pl.csv", kPlFaq}}, &s);
  REQUIRE(s.ok());
  std::unique_ptr<Engine> engine;
  REQUIRE(OpenWithKb("kb_rules",
                     {{"hu/r.yaml",
                       "intents:\n  - id: greeting\n    patterns: ['^ szia']\n"
                       "    replies: [Szia!]\n"
                       "  - id: order_status\n    examples: ['Hol tart a "
                       "rendelésem?', 'Mikor jön meg a megrendelt termék?']\n"
                       "    replies: [Utánanézek.]\n"}},
                     db, &engine)
              .ok());

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

  // Two entries share "mennyibe kerül": the bot asks which one.
  Session session;
  r = engine->Respond("Mennyibe kerül?", &session, Lang::kHu);
  CHECK(r.kind == ReplyKind::kClarify);
  CHECK(r.text.find("1) ") != std::string::npos);
  CHECK(session.choices.size() >= 2);
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
  CHECK(engine->Respond("szia, mennyi lesz a szállítás?", nullptr, Lang::kHu)
            .id == "greeting");
  // ...unless the customer wrote one of the FAQ questions word for word.
  CHECK(engine->Respond("szia, mennyibe kerül a szállítás?", nullptr, Lang::kHu)
            .id == "faq.shipping_cost");
}

TEST_CASE("kb: an engine with a broken knowledge base does not open") {
  std::unique_ptr<Engine> engine;
  const Status s =
      OpenWithKb("kb_rules_empty", {}, "/nonexistent/faq.sqlite", &engine);
  CHECK_FALSE(s.ok());
  CHECK(s.message().find("/nonexistent/faq.sqlite") != std::string::npos);
}

}  // namespace libbot

namespace libbot {

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
    "kb: typos in words the knowledge base knows are forgiven; short words are "
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

}  // namespace libbot

namespace libbot {

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
  CHECK(v.message().find(
            "schema version 1, this libbot reads version 2 (rebuild it") !=
        std::string::npos);
}

TEST_CASE("kb: a rule of negative priority yields to a confident FAQ answer") {
  // Two entries alike but for one word each, so "mennyibe kerül ez?" fits
  // both equally.
  Status s;
  const std::string db = BuildKb("priority", {{"hu/a.yaml", R"(entries:
  - id: faq.shipping_cost
    questions: ["Mennyibe kerül a szállítás?"]
    answer: "1490 Ft."
  - id: faq.wrapping_cost
    questions: ["Mennyibe kerül a csomagolás?"]
    answer: "490 Ft."
  - id: faq.delivery_time
    questions: ["Hány nap a kiszállítás?"]
    answer: "1-3 munkanap."
)"}},
                                 &s);
  REQUIRE(s.ok());
  std::unique_ptr<Engine> engine;
  REQUIRE(
      OpenWithKb("kb_priority_rules",
                 {{"hu/r.yaml",
                   "intents:\n  - id: pricing_general\n    priority: -1\n"
                   "    patterns: [mennyibe]\n    replies: [Általános árak.]\n"
                   "  - id: pricing_strong\n    patterns: [árlista]\n    "
                   "replies: [Árlista.]\n"}},
                 db, &engine)
          .ok());
  CHECK(engine->Respond("Mennyibe kerül a szállítás?", nullptr, Lang::kHu).id ==
        "faq.shipping_cost");
  // Two entries fit equally well: the bot asks which one (the rule still
  // loses).
  const Reply both = engine->Respond("mennyibe kerül ez?", nullptr, Lang::kHu);
  CHECK(both.kind == ReplyKind::kClarify);
  CHECK(both.source == ReplySource::kFaq);
  CHECK(engine->Respond("kérem az árlistát", nullptr, Lang::kHu).id ==
        "pricing_strong");
}

}  // namespace libbot

namespace libbot {

TEST_CASE("kb: synonym groups make words one term of the search") {
  Status s;
  const std::string db = BuildKb("synonyms", {{"hu/a.yaml", kHuFaq}}, &s);
  REQUIRE(s.ok());
  auto open = [&](const std::string& synonyms, std::unique_ptr<Engine>* e) {
    return OpenWithKb("synonym_rules",
                      {{"hu/a.yaml", "intents: []\n" + synonyms}}, db, e);
  };
  std::unique_ptr<Engine> plain, with;
  REQUIRE(open("", &plain).ok());
  REQUIRE(open("synonyms:\n  - [szállítás, fuvar]\n", &with).ok());
  const std::string message = "Mennyibe kerül a fuvar?";
  const Reply without_synonyms = plain->Respond(message, nullptr, Lang::kHu);
  const Reply with_synonyms = with->Respond(message, nullptr, Lang::kHu);
  CHECK(with_synonyms.kind == ReplyKind::kAnswer);
  CHECK(with_synonyms.id == "faq.shipping_cost");
  CHECK(with_synonyms.confidence > without_synonyms.confidence);

  // A group none of whose words any question uses: its word in a message is
  // an unknown word, not one that hides every match.
  std::unique_ptr<Engine> unused;
  REQUIRE(open("synonyms:\n  - [szivárvány, délibáb]\n", &unused).ok());
  const Reply with_unused = unused->Respond(
      "Mennyibe kerül a szállítás? szivárvány", nullptr, Lang::kHu);
  CAPTURE(with_unused.trace.ToString());
  CHECK(with_unused.id == "faq.shipping_cost");
  CHECK(with_unused.kind != ReplyKind::kFallback);

  std::unique_ptr<Engine> bad;
  const Status two = open(
      "synonyms:\n  - [szállítás, fuvar]\n  - [fuvar, kocsi]\n"
      "  - [két szó, egy]\n  - [magában]\n",
      &bad);
  CHECK_FALSE(two.ok());
  CHECK(two.message().find("'fuvar' is already in the synonym group at") !=
        std::string::npos);
  CHECK(two.message().find("a synonym is one word, not 'két szó'") !=
        std::string::npos);
  CHECK(two.message().find("a synonym group needs at least two words") !=
        std::string::npos);
}

TEST_CASE("kb: split verbal prefixes and inflected unknown words still match") {
  const std::unique_ptr<Engine> engine =
      FaqOnlyEngine("stems", {{"hu/a.yaml", R"(entries:
  - id: faq.installation
    questions: ["Bekötik a mosógépet?"]
    answer: "Igen, 9 990 Ft-ért."
  - id: faq.loyalty
    questions: ["Van hűségprogram?"]
    answer: "Igen, minden 100 Ft után 1 pont jár."
  - id: faq.delivery
    questions: ["Mikor jön a futár?"]
    answer: "1-3 munkanap."
)"}});
  // "be is kötik" is "bekötik" with the prefix apart.
  CheckAnswers(*engine, "a mosogepet be is kotik?", Lang::kHu,
               "faq.installation");
  // No dictionary knows "hűségprogram"; its inflected form is still the word.
  const Reply unknown =
      engine->Respond("van hűségprogramotok?", nullptr, Lang::kHu);
  CHECK(unknown.id == "faq.loyalty");
  CHECK(unknown.kind != ReplyKind::kFallback);
  // A short unknown word is not stretched to a longer one.
  const Reply other = engine->Respond("hűség?", nullptr, Lang::kHu);
  CHECK(other.kind == ReplyKind::kFallback);
}

TEST_CASE("kb: a word all phrasings of one entry share names that entry") {
  // "garancia" is in every question of one entry: frequent among questions,
  // yet it names one entry. Its weight comes from how few entries use it.
  const std::unique_ptr<Engine> engine =
      FaqOnlyEngine("owner_idf", {{"hu/a.yaml", R"(entries:
  - id: faq.warranty
    questions: ["Mennyi a garancia?", "Meddig tart a garancia?",
                "Van garancia a termékekre?", "Hány év garancia jár?",
                "Hol érvényesíthetem a garanciát?", "Kell a garanciához számla?"]
    answer: "Legalább 1 év."
  - id: faq.delivery
    questions: ["Mikor jön a futár?", "Hány nap a szállítás?"]
    answer: "1-3 munkanap."
  - id: faq.payment
    questions: ["Hogyan fizethetek?", "Lehet kártyával fizetni?"]
    answer: "Kártyával és utánvéttel."
  - id: faq.contact
    questions: ["Mi a telefonszámotok?", "Hol érlek el titeket?"]
    answer: "+36 1 234 5678"
)"}});
  const Reply r = engine->Respond("garancia?", nullptr, Lang::kHu);
  CAPTURE(r.trace.ToString());
  // One word is not enough to answer outright, but enough to ask about the
  // one entry it names (it used to weigh too little even for that).
  CHECK(r.kind != ReplyKind::kFallback);
  CHECK(r.id == "faq.warranty");
}

TEST_CASE("kb: a clearly more similar question beats votes of middling ones") {
  // Every question of faq.cost says "dostawa"; one question of faq.sunday
  // says what the customer asks. Votes rank faq.cost first; the bot still
  // answers faq.sunday, which is far more similar.
  const std::unique_ptr<Engine> engine =
      FaqOnlyEngine("votes", {{"pl/a.yaml", R"(entries:
  - id: faq.cost
    questions: ["Ile kosztuje dostawa?", "Czy dostawa jest płatna?",
                "Jaka jest cena dostawy?", "Dostawa za darmo od jakiej kwoty?"]
    answer: "14,99 zł, od 200 zł za darmo."
  - id: faq.sunday
    questions: ["Czy kurier przyjdzie z dostawą w niedzielę?"]
    answer: "W niedziele nie doręczamy."
  - id: faq.contact
    questions: ["Jaki macie numer telefonu?"]
    answer: "+48 22 123 45 67"
)"}});
  CheckAnswers(*engine, "dostawa w niedziele?", Lang::kPl, "faq.sunday");
}

TEST_CASE("kb: a place in the message is a detail that matches another place") {
  // The customer names a city no question names. Counted as an unknown word
  // it pushed the message to a fallback; as a place it matches the question
  // that names a place, and weighs little where no question names one.
  const std::unique_ptr<Engine> engine =
      FaqOnlyEngine("places", {{"pl/a.yaml", R"(entries:
  - id: faq.stores
    questions: ["Czy macie sklep w Warszawie?", "Gdzie jest wasz sklep?"]
    answer: "Nasz salon jest w Warszawie."
  - id: faq.hours
    questions: ["Do której jest otwarty sklep?"]
    answer: "9-18."
  - id: faq.delivery
    questions: ["Ile kosztuje dostawa?"]
    answer: "14,99 zł."
)"},
                               {"hu/a.yaml", R"(entries:
  - id: faq.stores
    questions: ["Hol van az üzletük?"]
    answer: "Budapesten."
  - id: faq.delivery
    questions: ["Mennyibe kerül a szállítás?"]
    answer: "1490 Ft."
)"}});
  const Reply krakow =
      engine->Respond("Czy macie sklep w Krakowie?", nullptr, Lang::kPl);
  CAPTURE(krakow.trace.ToString());
  CHECK(krakow.kind != ReplyKind::kFallback);
  CHECK(krakow.id == "faq.stores");
  // The same place as the question's matches as well as before.
  CheckAnswers(*engine, "Macie sklep w Warszawie?", Lang::kPl, "faq.stores");
  // No Hungarian question names a place: "Debrecenben" weighs half.
  const Reply debrecen =
      engine->Respond("Van üzletetek Debrecenben?", nullptr, Lang::kHu);
  CAPTURE(debrecen.trace.ToString());
  CHECK(debrecen.kind != ReplyKind::kFallback);
  CHECK(debrecen.id == "faq.stores");
}

TEST_CASE("kb: 'is there a way to' words are no topic of their own") {
  // "funkció", "lehetőség", "możliwość", "opcja" frame a question; counted
  // as unknown words they turned "Van kívánságlista funkció?" into a clarify.
  const std::unique_ptr<Engine> engine =
      FaqOnlyEngine("frames", {{"hu/a.yaml", R"(entries:
  - id: faq.wishlist
    questions: ["Van kívánságlista?"]
    answer: "Igen, a szív ikonnal."
  - id: faq.delivery
    questions: ["Mikor jön a futár?"]
    answer: "1-3 munkanap."
)"},
                               {"pl/a.yaml", R"(entries:
  - id: faq.installments
    questions: ["Czy są raty?"]
    answer: "Tak, od 300 zł."
  - id: faq.delivery
    questions: ["Kiedy przyjdzie kurier?"]
    answer: "1-3 dni."
)"}});
  CheckAnswers(*engine, "Van kívánságlista funkció?", Lang::kHu,
               "faq.wishlist");
  CheckAnswers(*engine, "Czy jest opcja rat?", Lang::kPl, "faq.installments");
}

TEST_CASE("kb: a message may take its words from two questions of an entry") {
  // No single question says "how many days" and "send back" together; the
  // entry's questions do between them. Alone, each returns question matched
  // less than the delivery question, which shares "hány nap alatt", and the
  // bot asked which was meant.
  const std::unique_ptr<Engine> engine =
      FaqOnlyEngine("paraphrases", {{"hu/a.yaml", R"(entries:
  - id: faq.returns
    questions: ["Visszaküldhetem a terméket?", "Hány napom van rá?"]
    answer: "30 napig."
  - id: faq.delivery
    questions: ["Hány nap alatt ér ide a csomag?", "Mikor jön a futár?"]
    answer: "1-3 munkanap."
  - id: faq.contact
    questions: ["Mi a telefonszámotok?"]
    answer: "+36 1 234 5678"
  - id: faq.warranty
    questions: ["Meddig tart a garancia?"]
    answer: "2 év."
)"}});
  const Reply r = engine->Respond("Hány nap alatt küldhetem vissza a terméket?",
                                  nullptr, Lang::kHu);
  CAPTURE(r.trace.ToString());
  CHECK(r.kind == ReplyKind::kAnswer);
  CHECK(r.id == "faq.returns");
  REQUIRE_FALSE(r.trace.candidates.empty());
  CHECK(r.trace.candidates[0].verdict.find("other questions") !=
        std::string::npos);
}

TEST_CASE("kb: the customer's very question beats another intent's pattern") {
  // "később" (later) may also be a form of "késik" (is late), so the delay
  // pattern matches the wishlist question; the question, written word for
  // word by the editor, wins. A message that only shares some words with
  // a question still goes to the pattern.
  Status s;
  const std::string db = BuildKb("very_question", {{"hu/a.yaml", R"(entries:
  - id: faq.wishlist
    questions: ["Hogyan menthetek el egy terméket későbbre?"]
    answer: "A szív ikonnal."
  - id: faq.returns
    questions: ["Meddig küldhetem vissza a terméket?"]
    answer: "30 napig."
)"}},
                                 &s);
  REQUIRE(s.ok());
  const std::string rules =
      "intents:\n"
      "  - id: delivery_delay\n    patterns: [\"<termék késik>\"]\n"
      "    replies: [Utánanézek.]\n"
      "  - id: return_item\n    patterns: [\"küld * vissza\"]\n"
      "    replies: [Így küldheti vissza.]\n";
  std::unique_ptr<Engine> engine;
  REQUIRE(OpenWithKb("very_question_rules", {{"hu/r.yaml", rules}}, db, &engine)
              .ok());
  CheckAnswers(*engine, "hogyan mentsek el egy termeket kesobbre?", Lang::kHu,
               "faq.wishlist");
  CHECK(engine->Respond("késik a termék", nullptr, Lang::kHu).id ==
        "delivery_delay");
  // "meddig" is missing: the message asks how, not until when.
  CHECK(engine->Respond("hogy kuldhetem vissza a termeket", nullptr, Lang::kHu)
            .id == "return_item");
}

}  // namespace libbot
