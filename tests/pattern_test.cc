// Copyright 2026 The libbot Authors.
//
// The pattern language, end to end: which messages each construct matches.
#include <doctest/doctest.h>

#include "rules_fixture.h"

namespace libbot {
namespace {

// An engine with one Hungarian intent "x" per pattern, and the reply id.
class PatternCheck {
 public:
  PatternCheck(const std::string& name, const std::string& pattern,
               const std::string& extra = "", Lang lang = Lang::kHu)
      : lang_(lang) {
    const std::string folder = lang == Lang::kHu ? "hu" : "pl";
    engine_ = testing::EngineWith(
        name,
        {{folder + "/x.yaml", extra + "intents:\n  - id: x\n    patterns: ['" +
                                  pattern + "']\n    replies: [ok]\n"}});
  }
  bool Matches(const std::string& message) const {
    return engine_ && engine_->Respond(message, nullptr, lang_).id == "x";
  }

 private:
  Lang lang_;
  std::unique_ptr<Engine> engine_;
};

std::string CompileError(const std::string& pattern,
                         const std::string& extra = "") {
  std::unique_ptr<Engine> engine;
  const std::string dir = testing::WriteRules(
      "pattern_error",
      {{"hu/x.yaml", extra + "intents:\n  - id: x\n    patterns: ['" + pattern +
                         "']\n    replies: [ok]\n"}});
  return testing::OpenRules(dir, &engine).message();
}

}  // namespace

TEST_CASE("patterns: words match any inflection and spelling, anywhere") {
  PatternCheck p("words", "jelszó elfelejt");
  CHECK(p.Matches("jelszó elfelejt"));
  CHECK(p.Matches("A jelszavamat elfelejtettem!"));
  CHECK(p.Matches("a jelszavamat elfelejtettem"));
  CHECK_FALSE(p.Matches("elfelejtettem a jelszavamat"));  // order matters
  CHECK_FALSE(p.Matches("a jelszó"));
}

TEST_CASE("patterns: exact forms") {
  PatternCheck p("exact", "\"jelszót\"");
  CHECK(p.Matches("új jelszót kérek"));
  CHECK(p.Matches("uj jelszot kerek"));  // accents stay optional
  CHECK_FALSE(p.Matches("a jelszavamat"));
}

TEST_CASE("patterns: wildcards") {
  PatternCheck any("star", "hol * csomag");
  CHECK(any.Matches("hol a csomagom"));
  CHECK(any.Matches("hol van már végre a csomagom"));
  PatternCheck bounded("bounded", "hol *2 csomag");
  CHECK(bounded.Matches("hol van a csomagom"));
  CHECK_FALSE(bounded.Matches("hol van már végre a csomagom"));
}

TEST_CASE("patterns: optional parts and alternatives") {
  PatternCheck opt("optional", "[kérem] küld számla");
  CHECK(opt.Matches("kérem küldjék számlát"));
  CHECK(opt.Matches("küldjenek számlát"));
  CHECK_FALSE(
      opt.Matches("küldjék a számlát"));  // "a" is between: not adjacent
  PatternCheck alt("alternatives", "(hol | merre) van");
  CHECK(alt.Matches("merre van a bolt"));
  CHECK(alt.Matches("hol van"));
  CHECK_FALSE(alt.Matches("mikor van"));
}

TEST_CASE("patterns: concepts, nested") {
  const std::string concepts =
      "concepts:\n  kuld: [küld, továbbít]\n  szamla_kuld: ['@kuld * számla', "
      "'számla kell']\n";
  PatternCheck p("concepts", "@szamla_kuld", concepts);
  CHECK(p.Matches("továbbítsák a számlát"));
  CHECK(p.Matches("számla kell"));
  CHECK_FALSE(p.Matches("számla"));
}

TEST_CASE("patterns: entities") {
  PatternCheck p("entities", "rendelés $order_number");
  CHECK(p.Matches("a rendelésem #123456"));
  CHECK(p.Matches("rendelés 12345678"));
  CHECK_FALSE(p.Matches("rendelés 12"));
  PatternCheck money("money", "fizet $money");
  CHECK(money.Matches("fizettem 12 000 Ft-ot") ==
        false);  // "-ot" splits the token
  CHECK(money.Matches("fizettem 12 000 Ft"));
}

TEST_CASE("patterns: negation") {
  PatternCheck p("negation", "csomag !nem");
  CHECK(p.Matches("megjött a csomag"));
  CHECK_FALSE(p.Matches("nem jött meg a csomag"));
}

TEST_CASE("patterns: order-free sets") {
  PatternCheck p("set", "<jelszó elfelejt>");
  CHECK(p.Matches("elfelejtettem a jelszavamat"));
  CHECK(p.Matches("a jelszót elfelejtettem"));
  CHECK_FALSE(p.Matches("a jelszavam"));
}

// Issue 18: a set inside ( | ) or a concept required only its first word,
// and a set of more than 64 words only its first 64.
TEST_CASE("patterns: a set needs all its words wherever it stands") {
  PatternCheck alt("set_in_alt", "(<fiók töröl> | leiratkozik)");
  CHECK(alt.Matches("Hogyan tudom törölni a fiókomat?"));
  CHECK(alt.Matches("szeretnék leiratkozni"));
  CHECK_FALSE(alt.Matches("Hogyan tudok fiókot létrehozni?"));

  PatternCheck concept("set_in_concept", "@torles",
                       "concepts:\n  torles: [\"<fiók töröl>\", "
                       "\"<profil megszüntet>\"]\n");
  CHECK(concept.Matches("törölném a fiókomat"));
  CHECK(concept.Matches("a profilomat megszüntetném"));
  CHECK_FALSE(concept.Matches("Hogyan tudok fiókot létrehozni?"));

  PatternCheck optional("set_in_option", "jelszó [<új kér>] elfelejt");
  CHECK(optional.Matches("jelszó elfelejtettem"));

  // 70 words: the 70th counts too.
  std::string words, message;
  for (int i = 0; i < 70; ++i) {
    words += " szo" + std::to_string(i);
    if (i < 69) message += " szo" + std::to_string(i);
  }
  PatternCheck big("set_70", "<" + words + ">");
  CHECK_FALSE(big.Matches(message));
  CHECK(big.Matches(message + " szo69"));
}

TEST_CASE("patterns: anchors") {
  PatternCheck start("start", "^ szia");
  CHECK(start.Matches("Szia, kérdésem van"));
  CHECK_FALSE(start.Matches("na szia"));
  PatternCheck both("both", "^ köszönöm $");
  CHECK(both.Matches("Köszönöm!"));
  CHECK_FALSE(both.Matches("köszönöm a segítséget"));
}

TEST_CASE("patterns: raw regex") {
  PatternCheck p("raw", "re:/\\bvisszakuld/");
  CHECK(p.Matches("Vissza szeretném küldeni") == false);
  CHECK(p.Matches("visszaküldeném a cipőt"));
}

TEST_CASE("patterns: Polish") {
  PatternCheck p("polish", "<hasło zapomnieć>", "", Lang::kPl);
  CHECK(p.Matches("Zapomniałem hasła"));
  CHECK(p.Matches("zapomnialam hasla do konta"));
  CHECK_FALSE(p.Matches("nowe hasło"));
}

TEST_CASE("patterns: errors point at the place in the file") {
  CHECK(
      CompileError("hol (van")
          .find(
              "hu/x.yaml:3:21: pattern 'hol (van': '(' is not closed by ')'") !=
      std::string::npos);
  CHECK(CompileError("@nincs").find("unknown concept '@nincs'") !=
        std::string::npos);
  CHECK(CompileError("$nincs").find("unknown entity '$nincs'") !=
        std::string::npos);
  CHECK(CompileError("*99 x").find("a bounded wildcard is *1 to *20") !=
        std::string::npos);
  CHECK(CompileError("@a", "concepts:\n  a: ['@b']\n  b: ['@a']\n")
            .find("refers to itself") != std::string::npos);
  CHECK(CompileError("x ^").find("'^' may only start a pattern") !=
        std::string::npos);
  CHECK(CompileError("re:/(/").find(
            "hu/x.yaml:3:17: pattern 're:/(/': bad regex: missing )") !=
        std::string::npos);
}

}  // namespace libbot
