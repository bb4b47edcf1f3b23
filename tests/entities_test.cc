// Copyright 2026 The libbot Authors.
#include "match/entities.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "test_support.h"

namespace libbot::internal {
namespace {

// "name=value" of every mention in the text.
std::vector<std::string> Find(const std::string& text, Lang lang = Lang::kHu,
                              const std::vector<EntityDef>& custom = {}) {
  std::unique_ptr<EntityExtractor> extractor;
  REQUIRE(EntityExtractor::Create(custom, "#?[0-9]{5,10}", &extractor).ok());
  const Analysis analysis = testing::SharedAnalyzer().Analyze(text, lang);
  std::vector<EntityMention> mentions;
  extractor->Extract(text, analysis, &mentions);
  std::vector<std::string> out;
  for (const auto& m : mentions) out.push_back(m.name + "=" + m.value);
  return out;
}

bool Has(const std::vector<std::string>& found, const std::string& want) {
  return std::find(found.begin(), found.end(), want) != found.end();
}

}  // namespace

TEST_CASE("entities: a bare value for a slot question") {
  using internal::BareEntityValue;
  CHECK(BareEntityValue("postal_code", Lang::kHu, "1117") == "1117");
  CHECK(BareEntityValue("postal_code", Lang::kHu, " 1117. ") == "1117");
  CHECK(BareEntityValue("postal_code", Lang::kPl, "00950") == "00-950");
  CHECK(BareEntityValue("postal_code", Lang::kPl, "00 950") == "00-950");
  // Not a value: another length, a leading 0 in Hungarian, words around.
  CHECK(BareEntityValue("postal_code", Lang::kHu, "0117").empty());
  CHECK(BareEntityValue("postal_code", Lang::kHu, "11170").empty());
  CHECK(BareEntityValue("postal_code", Lang::kHu, "1117 lesz").empty());
  CHECK(BareEntityValue("postal_code", Lang::kPl, "1117").empty());
  CHECK(BareEntityValue("order_number", Lang::kHu, "1117").empty());
  // Each built-in entity shows an example in each language.
  CHECK(internal::EntityExample("postal_code", Lang::kHu) == "1051");
  CHECK(internal::EntityExample("postal_code", Lang::kPl) == "00-950");
  CHECK(internal::EntityExample("my_own", Lang::kHu).empty());
}

TEST_CASE("entities: numbers, e-mails, URLs") {
  CHECK(Has(Find("234,50"), "number=234.50"));
  CHECK(Has(Find("1.000 darab"), "number=1000"));
  CHECK(Has(Find("1.234,5"), "number=1234.5"));
  CHECK(Has(Find("Jan.Kowalski@Poczta.PL"), "email=jan.kowalski@poczta.pl"));
  CHECK(Has(Find("https://bolt.hu/a"), "url=https://bolt.hu/a"));
}

TEST_CASE("entities: Hungarian and Polish phone numbers") {
  CHECK(Has(Find("hívjon: 06 30 123 4567"), "phone=+36301234567"));
  CHECK(Has(Find("+36-30-1234567"), "phone=+36301234567"));
  CHECK(Has(Find("tel. +48 601 234 567", Lang::kPl), "phone=+48601234567"));
  CHECK(Has(Find("601-234-567", Lang::kPl), "phone=+48601234567"));
}

TEST_CASE("entities: order numbers") {
  CHECK(Has(Find("rendelés #123456"), "order_number=123456"));
  CHECK(Has(Find("zamówienie 12345678", Lang::kPl), "order_number=12345678"));
  CHECK_FALSE(Has(Find("1234"), "order_number=1234"));
}

TEST_CASE("entities: money") {
  CHECK(Has(Find("12 000 Ft"), "money=12000 HUF"));
  CHECK(Has(Find("234,50 zł", Lang::kPl), "money=234.50 PLN"));
  CHECK(Has(Find("15 PLN", Lang::kPl), "money=15 PLN"));
  CHECK(Has(Find("5000 forint"), "money=5000 HUF"));
}

TEST_CASE("entities: postal codes") {
  CHECK(Has(Find("00-950 Warszawa", Lang::kPl), "postal_code=00-950"));
  CHECK(Has(Find("1051 Budapest"), "postal_code=1051"));
  CHECK_FALSE(Has(Find("2023-ban"), "postal_code=2023"));
}

TEST_CASE("entities: dates") {
  CHECK(Has(Find("2023.05.01-én"), "date=2023-05-01"));
  CHECK(Has(Find("01.05.2023", Lang::kPl), "date=2023-05-01"));
  CHECK(Has(Find("2023-05-01"), "date=2023-05-01"));
  CHECK(Has(Find("május 5-én"), "date=--05-05"));
  CHECK(Has(Find("5 maja", Lang::kPl), "date=--05-05"));
  CHECK(Has(Find("hétfőn jön"), "date=monday"));
  CHECK(Has(Find("w poniedziałek", Lang::kPl), "date=monday"));
  CHECK(Has(Find("holnap"), "date=tomorrow"));
  CHECK(Has(Find("jutro", Lang::kPl), "date=tomorrow"));
  CHECK_FALSE(Has(Find("35.13."), "date=--13-35"));
}

TEST_CASE(
    "entities: editors' regex entities, and bad regexes name their place") {
  EntityDef tracking{
      "tracking", "[A-Z]{2}[0-9]{9}[A-Z]{2}", {"rules/hu/x.yaml", 4, 3}};
  CHECK(Has(Find("küldemény: RR123456789HU", Lang::kHu, {tracking}),
            "tracking=RR123456789HU"));
  std::unique_ptr<EntityExtractor> extractor;
  EntityDef bad{"bad", "(", {"rules/hu/x.yaml", 7, 3}};
  const Status s = EntityExtractor::Create({bad}, "#?[0-9]{5,10}", &extractor);
  CHECK(s.message().find("rules/hu/x.yaml:7:3: entity 'bad': bad regex") == 0);
}

TEST_CASE("entities: one table, the docs and the samples agree with it") {
  // docs/rules.md lists the built-in entities as "| `name` | ... |" rows of
  // its Entities table: exactly the table's names, in its order.
  std::ifstream docs(std::string(LIBBOT_TEST_REPO_DIR) + "/docs/rules.md");
  REQUIRE(docs);
  std::vector<std::string> documented;
  bool in_section = false;
  for (std::string line; std::getline(docs, line);) {
    if (line.rfind("## ", 0) == 0) in_section = line == "## Entities";
    if (in_section && line.rfind("| `", 0) == 0) {
      documented.push_back(line.substr(3, line.find('`', 3) - 3));
    }
  }
  std::vector<std::string> builtin;
  for (const BuiltinEntity& e : BuiltinEntities()) {
    builtin.emplace_back(e.name);
    // Each sample is found as its own entity.
    CAPTURE(e.sample);
    bool found = false;
    for (const std::string& m : Find(std::string(e.sample)))
      found |= m.rfind(std::string(e.name) + "=", 0) == 0;
    CHECK(found);
  }
  CHECK(documented == builtin);
  CHECK(FindBuiltinEntity("phone") != nullptr);
  CHECK(FindBuiltinEntity("tracking_number") == nullptr);
}

}  // namespace libbot::internal
