// Copyright 2026 The libbot Authors.
//
// load/kb_source: FAQ sources as editors write them (YAML and CSV), and the
// CSV reader (util/csv) they and evaluation sets share.
#include "load/kb_source.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "rules_fixture.h"
#include "util/csv.h"

namespace libbot {

using testing::BuildKb;

namespace {

// What a source file gives: its entries, and every error, one per line.
struct Loaded {
  std::vector<internal::FaqEntry> entries;
  std::string errors;
};

Loaded FromCsv(const std::string& text) {
  Loaded out;
  std::vector<internal::Diagnostic> diagnostics;
  internal::LoadFaqCsv(text, "kb/faq.csv", Lang::kUnknown, &out.entries,
                       &diagnostics);
  out.errors = internal::JoinErrors(diagnostics);
  return out;
}

Loaded FromYaml(const std::string& text) {
  Loaded out;
  std::vector<internal::Diagnostic> diagnostics;
  internal::LoadFaqYaml(text, "kb/hu/a.yaml", Lang::kHu, &out.entries,
                        &diagnostics);
  out.errors = internal::JoinErrors(diagnostics);
  return out;
}

}  // namespace

TEST_CASE("faq sources: CSV rows of one id and language form one entry") {
  const Loaded csv = FromCsv(
      "id,lang,question,answer,category,tags,follow_up,test\n"
      "faq.pw,pl,Jak zmienić hasło?,\"W ustawieniach, w zakładce \"\"Konto\"\".\","
      "konto,haslo; konto,,\n"
      "faq.pw,pl,Nie pamiętam hasła,,,,,zapomniałem hasła\n"
      "faq.pw,hu,Hogyan változtatok jelszót?,A beállításokban.,,,,\n");
  const auto& entries = csv.entries;
  CHECK(csv.errors.empty());
  REQUIRE(entries.size() == 2);
  const internal::FaqEntry& pl =
      entries[0].lang == Lang::kPl ? entries[0] : entries[1];
  CHECK(pl.id == "faq.pw");
  REQUIRE(pl.questions.size() == 2);
  CHECK(pl.questions[1].text == "Nie pamiętam hasła");
  CHECK(pl.answer.text == "W ustawieniach, w zakładce \"Konto\".");
  CHECK(pl.tags == std::vector<std::string>{"haslo", "konto"});  // "a; b"
  REQUIRE(pl.tests.size() == 1);
  CHECK(pl.tests[0].text == "zapomniałem hasła");
}

TEST_CASE("faq sources: YAML entries, and their mistakes at file:line:col") {
  const Loaded yaml = FromYaml(
      "entries:\n"
      "  - id: faq.ship\n"
      "    questions: [\"Mennyibe kerül a szállítás?\"]\n"
      "    answer: 1490 Ft.\n"
      "  - id: faq.bad\n"
      "    questions: [\"Nincs rá válasz?\"]\n");
  REQUIRE_FALSE(yaml.entries.empty());
  CHECK(yaml.entries[0].id == "faq.ship");
  CHECK(yaml.entries[0].lang == Lang::kHu);
  CAPTURE(yaml.errors);
  CHECK(yaml.errors.find("kb/hu/a.yaml:5:") != std::string::npos);
  CHECK(yaml.errors.find("'faq.bad' has no answer") != std::string::npos);
}

TEST_CASE("csv: quotes, doubled quotes, newlines in quotes, CRLF, BOM") {
  std::vector<internal::CsvRecord> records;
  int bad_line = 0;
  REQUIRE(internal::ParseCsv(
      "\xEF\xBB\xBF"
      "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\n\"two\nlines\",z\n",
      &records, &bad_line));
  REQUIRE(records.size() == 3);
  CHECK(records[0].fields == std::vector<std::string>{"a", "b"});
  CHECK(records[1].fields == std::vector<std::string>{"x, y", "say \"hi\""});
  CHECK(records[2].line == 4);
  CHECK(records[2].fields == std::vector<std::string>{"two\nlines", "z"});
  records.clear();
  CHECK_FALSE(internal::ParseCsv("a,b\n\"open,c\n", &records, &bad_line));
  CHECK(bad_line == 2);
}

TEST_CASE("faq sources: errors name the file and line") {
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

TEST_CASE("faq sources: an article has a title or only an answer") {
  const Loaded yaml = FromYaml(
      "entries:\n"
      "  - id: hc.esim\n"
      "    title: eSIM igénylése\n"
      "    answer: Az eSIM-et az alkalmazásban igényelheti.\n"
      "  - id: hc.answer_only\n"
      "    answer: Se kérdés, se cím, csak válasz.\n"
      "  - id: hc.nothing\n"
      "    title: Üres\n");
  REQUIRE(yaml.entries.size() == 3);
  CHECK(yaml.entries[0].title.text == "eSIM igénylése");
  CHECK(yaml.entries[0].questions.empty());
  CHECK(yaml.errors.find("hc.esim") == std::string::npos);
  // A help centre's answers as they are, without titles, load as articles.
  CHECK(yaml.errors.find("hc.answer_only") == std::string::npos);
  CHECK(yaml.errors.find("'hc.nothing' has no answer") != std::string::npos);
  // CSV: a title column, and no question needed; or the answer alone.
  const Loaded csv = FromCsv(
      "id,lang,title,answer\nhc.esim,pl,Zamówienie eSIM,W aplikacji.\n"
      "hc.bare,pl,,Kartę SIM wymienisz w salonie.\n");
  CHECK(csv.errors.empty());
  REQUIRE(csv.entries.size() == 2);
  CHECK(csv.entries[0].title.text == "Zamówienie eSIM");
  CHECK(csv.entries[1].title.text.empty());
  CHECK(csv.entries[1].questions.empty());
  // The kind of article each is: its confidence is calibrated by kind.
  using internal::ArticleKind;
  CHECK(internal::ArticleKindOf(yaml.entries[0]) == ArticleKind::kTitled);
  CHECK(internal::ArticleKindOf(yaml.entries[1]) == ArticleKind::kUntitled);
  CHECK(internal::ArticleKindOf(csv.entries[0]) == ArticleKind::kTitled);
  CHECK(internal::ArticleKindOf(csv.entries[1]) == ArticleKind::kUntitled);
}

TEST_CASE("faq sources: an entry with questions is not an article") {
  const Loaded yaml = FromYaml(
      "entries:\n"
      "  - id: faq.szallitas\n"
      "    title: Szállítás\n"
      "    questions:\n"
      "      - Mikor jön a csomag?\n"
      "    answer: Két munkanapon belül.\n");
  CAPTURE(yaml.errors);
  REQUIRE(yaml.entries.size() == 1);
  CHECK(internal::ArticleKindOf(yaml.entries[0]) ==
        internal::ArticleKind::kNone);
}

TEST_CASE("faq sources: which files read as FAQ sources") {
  using internal::LooksLikeFaqSource;
  // YAML: a top-level entries: key, after lang: or in a flow mapping.
  CHECK(LooksLikeFaqSource("lang: hu\nentries:\n  - id: a\n", false));
  CHECK(LooksLikeFaqSource("entries: []\n", false));
  CHECK(LooksLikeFaqSource("{lang: pl, entries: []}\n", false));
  // Rule files and settings are not; nor a nested entries: key.
  CHECK_FALSE(LooksLikeFaqSource("intents:\n  - id: greeting\n", false));
  CHECK_FALSE(
      LooksLikeFaqSource("settings:\n  answer_threshold: 0.6\n", false));
  CHECK_FALSE(LooksLikeFaqSource("x:\n  entries: []\n", false));
  CHECK_FALSE(LooksLikeFaqSource("", false));
  // CSV: a header naming a question or answer column; a test set is not.
  CHECK(LooksLikeFaqSource("id,lang,question,answer\na,hu,Hol?,Itt.\n", true));
  CHECK(LooksLikeFaqSource("id,lang,title,answer\n", true));
  CHECK_FALSE(LooksLikeFaqSource("text,expect\nszia,greeting\n", true));
  CHECK_FALSE(LooksLikeFaqSource("", true));
}

}  // namespace libbot
