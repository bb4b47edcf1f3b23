// Copyright 2026 The libbot Authors.
//
// The lemma key contract: inflected forms and unaccented spellings of one word
// share one key, and different words keep different keys.
#include "text/lemmatizer.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "test_support.h"

namespace libbot {
namespace {

using Group = std::vector<std::string>;

// The one token `word` makes.
Token OneToken(const std::string& word, Lang lang) {
  const Analysis a = testing::SharedAnalyzer().Analyze(word, lang);
  REQUIRE(a.tokens.size() == 1);
  return a.tokens[0];
}

bool HasAltKey(const Token& t, const std::string& key) {
  return std::find(t.alt_keys.begin(), t.alt_keys.end(), key) !=
         t.alt_keys.end();
}

// The key set of a word: its key and alternative keys.
std::set<std::string> KeySet(const std::string& word, Lang lang) {
  const Token t = OneToken(word, lang);
  std::set<std::string> keys(t.alt_keys.begin(), t.alt_keys.end());
  keys.insert(t.key);
  return keys;
}

// Strict: every word of the group has the same primary key.
void CheckGroup(Lang lang, const Group& group) {
  const Analyzer& analyzer = testing::SharedAnalyzer();
  std::set<std::string> keys;
  std::string report;
  for (const std::string& word : group) {
    const std::string key = analyzer.LemmaKey(word, lang);
    keys.insert(key);
    report += word + "→" + key + " ";
  }
  CAPTURE(report);
  CHECK(keys.size() == 1);
}

// Ambiguous folded forms: the words' key sets share at least one key, so a
// pattern written with any form of the word meets every form of it.
void CheckGroupMeets(Lang lang, const Group& group) {
  std::set<std::string> common = KeySet(group[0], lang);
  std::string report;
  for (const std::string& word : group) {
    const std::set<std::string> keys = KeySet(word, lang);
    std::set<std::string> both;
    for (const std::string& k : keys) {
      if (common.count(k)) both.insert(k);
      report += word + "→" + k + " ";
    }
    common = both;
  }
  CAPTURE(report);
  CHECK_FALSE(common.empty());
}

void CheckDistinct(Lang lang, const std::string& a, const std::string& b) {
  const Analyzer& analyzer = testing::SharedAnalyzer();
  const std::string ka = analyzer.LemmaKey(a, lang),
                    kb = analyzer.LemmaKey(b, lang);
  CAPTURE(a + "→" + ka + ", " + b + "→" + kb);
  CHECK(ka != kb);
}

}  // namespace

TEST_CASE("lemma keys: Hungarian groups meet, accented or not") {
  const std::vector<Group> groups = {
      {"jelszó", "jelszavam", "jelszavamat", "jelszót", "jelszavak", "jelszo",
       "jelszot"},
      {"rendelés", "rendelésem", "rendelésemet", "rendeléshez", "rendelések",
       "rendeles", "rendelesem"},
      {"számla", "számlát", "számlámat", "számlák", "szamla", "szamlat"},
      {"szállítás", "szállítást", "szállítással", "szallitas"},
      {"visszatérítés", "visszatérítést", "visszaterites"},
      {"csomag", "csomagom", "csomagomat", "csomagot", "csomagja"},
      {"kabát", "kabátot", "kabátom", "kabatot", "kabatom"},
      {"cipő", "cipőt", "cipőm", "cipot", "cipok"},
      {"futár", "futárt", "futárnak", "futarral", "futar"},
      {"pénz", "pénzem", "pénzt", "pénzemet", "penzem", "penzt"},
      {"fiók", "fiókom", "fiókomat", "fiokom", "fiokot"},
      {"cím", "címem", "címet", "címemet", "cimet", "cimem"},
      {"kártya", "kártyám", "kártyámat", "kártyával", "kartyaval", "kartyamat"},
      {"kedvezmény", "kedvezményt", "kedvezmenyt", "kedvezmenyek"},
      {"garancia", "garanciát", "garanciával", "garanciaval"},
      {"termék", "terméket", "termékek", "termekek", "termeket"},
      {"panasz", "panaszt", "panaszom", "panaszomat", "panaszt"},
      {"fizetés", "fizetést", "fizetéssel", "fizetes", "fizetest"},
      {"kupon", "kuponom", "kupont", "kuponnal"},
      {"méret", "méretet", "méretben", "meretet", "meretben"},
      {"kérdés", "kérdésem", "kérdést", "kerdesem", "kerdest"},
      {"segítség", "segítséget", "segitseget", "segitseg"},
      {"rendel", "rendeltem", "rendelni", "rendeltünk", "rendeltunk"},
      {"szállítási", "szallitasi"},
      {"visszaküld", "visszaküldöm", "visszakuldeni", "visszaküldtem"},
  };
  for (const Group& group : groups) CheckGroup(Lang::kHu, group);
}

TEST_CASE("lemma keys: Polish groups meet, accented or not") {
  const std::vector<Group> groups = {
      {"hasło", "hasła", "hasłem", "haseł", "haśle", "haslo", "hasla",
       "haslem"},
      {"zamówienie", "zamówienia", "zamówieniu", "zamówień", "zamówieniem",
       "zamowienie", "zamowienia"},
      {"faktura", "faktury", "fakturę", "faktur", "fakture"},
      {"przesyłka", "przesyłki", "przesyłkę", "przesyłce", "przesylka",
       "przesylki"},
      {"zwrot", "zwrotu", "zwrotem", "zwroty"},
      {"paczka", "paczki", "paczkę", "paczce", "paczke"},
      {"konto", "konta", "kontem", "koncie"},
      {"kurier", "kuriera", "kurierem", "kurierowi"},
      {"adres", "adresu", "adresem", "adresie"},
      {"dostawa", "dostawy", "dostawę", "dostawie", "dostawe"},
      {"płatność", "płatności", "platnosc", "platnosci", "płatnością"},
      {"reklamacja", "reklamacji", "reklamację", "reklamacje"},
      {"pieniądze", "pieniędzy", "pieniedzy", "pieniadze", "pieniędzmi"},
      {"kod", "kodu", "kodem", "kody"},
      {"produkt", "produktu", "produkty", "produktem"},
      {"sklep", "sklepu", "sklepie", "sklepem"},
      {"gwarancja", "gwarancji", "gwarancję", "gwarancje"},
      {"rozmiar", "rozmiaru", "rozmiarem", "rozmiary"},
      {"pomoc", "pomocy", "pomocą"},
      {"zamówić", "zamówiłem", "zamówiłam", "zamowilem", "zamowic"},
      {"dostać", "dostałem", "dostałam", "dostalem", "dostac"},
      {"wysyłka", "wysyłki", "wysyłkę", "wysylka", "wysylki"},
  };
  for (const Group& group : groups) CheckGroup(Lang::kPl, group);
}

// Forms of frequent irregular verbs the affix file does not analyse: folded,
// they belonged to rarer nouns ("macie": maca, "muszę": mucha, "mamy": mama).
TEST_CASE("lemma keys: frequent Polish irregular verbs keep their verb") {
  const Analyzer& analyzer = testing::SharedAnalyzer();
  auto key = [&](const char* w) { return analyzer.LemmaKey(w, Lang::kPl); };
  for (const char* w : {"mam", "macie", "mamy", "mają", "maja", "miałem"})
    CHECK_MESSAGE(key(w) == "miec", w);
  for (const char* w : {"muszę", "musze", "musisz", "musimy"})
    CHECK_MESSAGE(key(w) == "musiec", w);
  for (const char* w : {"może", "moze", "możecie", "mogę"})
    CHECK_MESSAGE(key(w) == "moc", w);
  for (const char* w : {"wiecie", "wiem"})
    CHECK_MESSAGE(key(w) == "wiedziec", w);
  for (const char* w : {"proszę", "prosze", "prosimy"})
    CHECK_MESSAGE(key(w) == "prosic", w);
  CHECK(key("miało") == "miec");
  CHECK(key("tylko") == "tylko");
  // The nouns themselves are untouched, and the noun reading of a form
  // stays an alternative.
  CHECK(key("mucha") == "mucha");
  CHECK(key("mama") == "mama");
  CHECK(HasAltKey(OneToken("mamy", Lang::kPl), "mama"));
}

TEST_CASE("lemma keys: places and names are marked, common words win ties") {
  for (const char* w : {"Debrecenben", "debrecenben", "Ausztriába"}) {
    CHECK_MESSAGE(OneToken(w, Lang::kHu).proper_noun, w);
  }
  const Token krakow = OneToken("Krakowie", Lang::kPl);
  CHECK(krakow.proper_noun);
  CHECK(krakow.key == "krakow");
  // Inflected: the city, not the adjective gdański.
  CHECK(OneToken("Gdańsku", Lang::kPl).key == "gdansk");
  CHECK_FALSE(OneToken("bolt", Lang::kHu).proper_noun);
  CHECK_FALSE(OneToken("sklep", Lang::kPl).proper_noun);
  // A name spelt like a form of a common word is the common word: Metody
  // (Methodius) and the village Żabki only stay alternatives.
  const Token metody = OneToken("metody", Lang::kPl);
  CHECK(metody.key == "metoda");
  CHECK_FALSE(metody.proper_noun);
  CHECK(OneToken("Żabki", Lang::kPl).key == "zabka");
}

// A compound whose last part has several readings keeps them all: the
// adverb "számra" is listed on its own, yet "számlaszámra" is számlaszám.
TEST_CASE("lemma keys: compounds keep their last part's other readings") {
  const Token t = OneToken("számlaszámra", Lang::kHu);
  CHECK(t.lemma_source == LemmaSource::kCompound);
  CHECK((t.key == "szamlaszam" || HasAltKey(t, "szamlaszam")));
  CHECK(HasAltKey(OneToken("bemutatótermetek", Lang::kHu), "bemutatoterem"));
  // The last part alone is a reading too: a "papírszámla" is a "számla".
  const Token paper = OneToken("papírszámlát", Lang::kHu);
  CHECK(paper.key == "papirszamla");
  CHECK(HasAltKey(paper, "szamla"));
  CHECK(paper.alt_keys.size() <= internal::kMaxAlternatives);
}

// Hungarian "mennyi" (how much): folded, its case forms read as "mén".
TEST_CASE("lemma keys: forms of mennyi keep mennyi") {
  const Analyzer& analyzer = testing::SharedAnalyzer();
  for (const char* w : {"mennyibe", "Mennyiért", "mennyit", "mennyi"})
    CHECK_MESSAGE(analyzer.LemmaKey(w, Lang::kHu) == "mennyi", w);
}

// The Polish dictionary lists some plural forms as entries of their own
// ("karty", "towary", "rabaty": plural-only readings), and folding makes
// forms of different words meet ("karcie": karta, kart). Their primary keys
// may differ; their key sets still meet, so a pattern matches every form.
TEST_CASE(
    "lemma keys: ambiguous Polish forms share a key through alternatives") {
  const std::vector<Group> groups = {
      {"karta", "karty", "kartą", "karcie", "karte"},
      {"rabat", "rabatu", "rabatem", "rabaty"},
      {"towar", "towaru", "towarem", "towary"},
      {"płacić", "płacę", "place", "placic"},
  };
  for (const Group& group : groups) CheckGroupMeets(Lang::kPl, group);
}

TEST_CASE("lemma keys: different words keep different keys") {
  CheckDistinct(Lang::kHu, "szám", "számla");
  CheckDistinct(Lang::kHu, "számot", "számlát");
  CheckDistinct(Lang::kHu, "jel", "jelszó");
  CheckDistinct(Lang::kHu, "csomag", "csomó");
  CheckDistinct(Lang::kHu, "fiók", "fiú");
  CheckDistinct(Lang::kHu, "pénz", "pénztár");
  CheckDistinct(Lang::kHu, "kabát", "kábel");
  CheckDistinct(Lang::kHu, "mindig", "mind");
  CheckDistinct(Lang::kPl, "karta", "kartka");
  CheckDistinct(Lang::kPl, "kod", "kot");
  CheckDistinct(Lang::kPl, "konto", "kontakt");
  CheckDistinct(Lang::kPl, "paczka", "pączek");
  CheckDistinct(Lang::kPl, "sklep", "sklepienie");
  CheckDistinct(Lang::kPl, "kurier", "kurs");
  CheckDistinct(Lang::kPl, "hasło", "hala");
}

TEST_CASE("lemma keys: what the key says about its origin") {
  const Analyzer& analyzer = testing::SharedAnalyzer();
  const Analysis a = analyzer.Analyze("csomagautomatát qwzxv", Lang::kHu);
  REQUIRE(a.tokens.size() == 2);
  CHECK(a.tokens[0].lemma_source ==
        LemmaSource::kCompound);  // csomag + automata
  CHECK(a.tokens[0].key == "csomagautomata");
  CHECK(a.tokens[1].lemma_source == LemmaSource::kUnknown);
  CHECK(a.tokens[1].key == "qwzxv");
  const Analysis b = analyzer.Analyze("hasłem", Lang::kPl);
  CHECK(b.tokens[0].lemma_source == LemmaSource::kDictionary);
}

TEST_CASE("lemma keys: short function words keep their own key") {
  const Analyzer& analyzer = testing::SharedAnalyzer();
  CHECK(analyzer.LemmaKey("do", Lang::kPl) == "do");
  CHECK(analyzer.LemmaKey("nie", Lang::kPl) == "nie");
  CHECK(analyzer.LemmaKey("nem", Lang::kHu) == "nem");
}

TEST_CASE("lemma keys: a negating prefix is kept") {
  CheckDistinct(Lang::kPl, "niezadowolony", "zadowolony");
  CHECK(testing::SharedAnalyzer().LemmaKey("niezadowolona", Lang::kPl) ==
        testing::SharedAnalyzer().LemmaKey("niezadowolony", Lang::kPl));
}

TEST_CASE("lemma keys: unknown language keeps the folded form") {
  CHECK(testing::SharedAnalyzer().LemmaKey("Jelszavamat", Lang::kUnknown) ==
        "jelszavamat");
}

TEST_CASE("lemma keys: the cache gives the same answers as the search") {
  const Analyzer& analyzer = testing::SharedAnalyzer();
  for (int round = 0; round < 2; ++round) {
    CHECK(analyzer.LemmaKey("számlámat", Lang::kHu) == "szamla");
    CHECK(analyzer.LemmaKey("przesyłce", Lang::kPl) == "przesylka");
  }
}

// Regression: a compound candidate whose remainder was shorter than the
// minimum part length made an unsigned loop bound wrap around (a hang).
TEST_CASE("lemma keys: regression: short compound remainders do not hang") {
  const Analyzer& analyzer = testing::SharedAnalyzer();
  for (const char* word :
       {"jelek", "jelekx", "kabátxy", "szamlaq", "csomagxx", "abcdefg"}) {
    CAPTURE(word);
    CHECK_FALSE(analyzer.LemmaKey(word, Lang::kHu).empty());
  }
}

TEST_CASE("lemma keys: short words stay themselves, hyphenated endings go") {
  // The dictionary reads "sim", "pin", "puk" as forms of two-letter lemmas;
  // a three-letter word keeps itself as its key, the lemma an alternative.
  for (const char* word : {"sim", "pin", "puk"}) {
    const Token t = OneToken(word, Lang::kHu);
    CAPTURE(word);
    CHECK(t.key == word);
    CHECK_FALSE(t.alt_keys.empty());
  }
  // Longer words keep their two-letter lemmas.
  CHECK(OneToken("adni", Lang::kHu).key == "ad");
  // An ending after a hyphen belongs to the word before it.
  CHECK(OneToken("eSIM-et", Lang::kHu).key == "esim");
  CHECK(OneToken("SMS-ben", Lang::kHu).key == "sms");
  CHECK(OneToken("eSIM-a", Lang::kPl).key == "esim");
  CHECK(OneToken("PIN-u", Lang::kPl).key == "pin");
  CHECK(OneToken("SMS-em", Lang::kPl).key == "sms");
  // A hyphen inside a word is kept; only known endings are taken off.
  CHECK(OneToken("wi-fi-t", Lang::kHu).key == "wi-fi");
  CHECK(OneToken("PIN-kódot", Lang::kHu).key == "pin-kod");
  // The last part is also a lemma of the word ("e-számla" is a "számla"),
  // unless it is shorter than a compound's part ("fi").
  CHECK(HasAltKey(OneToken("PIN-kódot", Lang::kHu), "kod"));
  CHECK(HasAltKey(OneToken("e-számlát", Lang::kHu), "szamla"));
  CHECK(HasAltKey(OneToken("e-fakturę", Lang::kPl), "faktura"));
  CHECK(OneToken("wi-fi-t", Lang::kHu).alt_keys.empty());
  // Many endings in a row are taken off in a loop, not a recursion.
  std::string long_word = "esim";
  for (int i = 0; i < 20; ++i) long_word += "-t";
  CHECK(OneToken(long_word, Lang::kHu).key == "esim");
}

// Item 7 of issue 17: words the dictionary lacks (products, brands, jargon)
// are exactly the ones a bot's rules name; their forms must still meet.
TEST_CASE("lemma keys: forms of words the dictionary lacks meet on a stem") {
  CheckGroup(Lang::kHu, {"simkártya", "simkártyámat", "simkártyáink",
                         "simkártyát", "simkártyával", "simkartyara"});
  CheckGroup(Lang::kHu, {"router", "routert", "routerrel", "routerem"});
  CheckGroup(Lang::kPl, {"esim", "esimem", "esima", "esimie", "esimy"});
  CheckGroup(Lang::kPl, {"router", "routera", "routerem", "routerow"});
  // The word is still a word the dictionary does not know.
  CHECK(OneToken("simkártyámat", Lang::kHu).lemma_source ==
        LemmaSource::kUnknown);
}

TEST_CASE("lemma keys: a guessed stem keeps at least four letters") {
  // Snowball reads "esim" as "es" + a possessive, "telekomnal" as is;
  // a stem under four letters is refused and the word keeps itself.
  CHECK(OneToken("esim", Lang::kHu).key == "esim");
  CHECK(OneToken("qwzxa", Lang::kPl).key == "qwzx");
  CHECK(OneToken("qwza", Lang::kPl).key == "qwza");
  // Unknown words that differ before their endings stay apart.
  CheckDistinct(Lang::kHu, "simkártyámat", "sipkártyámat");
  CheckDistinct(Lang::kPl, "esimem", "eskimem");
}

}  // namespace libbot
