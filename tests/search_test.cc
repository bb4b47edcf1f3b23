// Copyright 2026 The libbot Authors.
//
// match/search_index: how examples and FAQ questions rank against a message,
// through an engine (end to end) and on the index alone.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <utility>

#include "engine/policy.h"
#include "load/kb_source.h"
#include "match/confidence.h"
#include "match/search_index.h"
#include "rules_fixture.h"
#include "search_fixture.h"
#include "util/edit_distance.h"

namespace libbot {

using testing::BuildKb;
using testing::CheckAnswers;
using testing::FaqOnlyEngine;
using testing::kHuFaq;
using testing::OpenWithKb;

TEST_CASE("search: synonym groups make words one term of the search") {
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

TEST_CASE(
    "search: split verbal prefixes and inflected unknown words still match") {
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
  // A short unknown word is not stretched to a longer one in words; only
  // the character n-grams it shares with "hűségprogram" find that entry.
  const Reply other = engine->Respond("hűség?", nullptr, Lang::kHu);
  REQUIRE_FALSE(other.trace.candidates.empty());
  CHECK(other.trace.candidates[0].id == "faq.loyalty");
  CHECK(other.trace.candidates[0].score == 0);
  CHECK(other.trace.candidates[0].ngram_score > 0.2);
}

TEST_CASE("search: a word all phrasings of one entry share names that entry") {
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

TEST_CASE(
    "search: a clearly more similar question beats votes of middling ones") {
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

TEST_CASE(
    "search: a place in the message is a detail that matches another place") {
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

TEST_CASE("search: 'is there a way to' words are no topic of their own") {
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

TEST_CASE(
    "search: a message may take its words from two questions of an entry") {
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

TEST_CASE("search: the index alone ranks owners and reports coverage") {
  const auto index =
      testing::HuIndex({{0, "Mennyibe kerül a szállítás?"},
                        {0, "Mennyi a szállítási díj?"},
                        {1, "Hány nap alatt érkezik a csomag?"},
                        {2, "Hogyan küldhetem vissza a terméket?"}});
  const Analyzer& analyzer = testing::SharedAnalyzer();
  std::vector<internal::SearchHit> hits;
  index->Search(Lang::kHu,
                analyzer.Analyze("mennyibe kerul a szallitas", Lang::kHu), 3,
                &hits);
  REQUIRE_FALSE(hits.empty());
  CHECK(hits[0].owner == 0);
  CHECK(hits[0].doc == 0);
  CHECK(hits[0].coverage == doctest::Approx(1.0));  // the same content words
  CHECK(hits[0].score > 0.9);
  // `only` restricts the competition (a "which one?" answer).
  index->Search(Lang::kHu,
                analyzer.Analyze("mennyibe kerul a szallitas", Lang::kHu), 3,
                &hits, {1, 2});
  for (const auto& h : hits) CHECK(h.owner != 0);
  // Nothing in common: no hits; another language's index is empty.
  index->Search(Lang::kHu, analyzer.Analyze("jó napot", Lang::kHu), 3, &hits);
  CHECK(hits.empty());
  index->Search(Lang::kPl, analyzer.Analyze("ile kosztuje", Lang::kPl), 3,
                &hits);
  CHECK(hits.empty());
}

TEST_CASE("search: an article is found by its title and its answer text") {
  // Help-centre articles: a title and a long answer, no questions.
  const std::unique_ptr<Engine> engine =
      FaqOnlyEngine("articles", {{"hu/a.yaml", R"(entries:
  - id: hc.pin_puk
    title: PIN- és PUK-kód
    answer: >-
      A PIN-kód a SIM-kártyát védi. Háromszori hibás megadás után a kártya
      letiltódik, és a PUK-kód kell a feloldásához. A PUK-kódot a SIM-kártya
      tartó kártyáján találja.
  - id: hc.roaming
    title: Roaming az Európai Unióban
    answer: >-
      Az EU országaiban belföldi áron telefonálhat és internetezhet, felár
      nélkül. A roamingot a telefon beállításaiban kapcsolhatja ki.
)"},
                                 {"pl/a.yaml", R"(entries:
  - id: hc.roaming
    title: Roaming w Unii Europejskiej
    answer: "W krajach UE dzwonisz i korzystasz z internetu w cenach krajowych."
)"}});
  // Words only the answer has ("feloldás", "letiltódik") find the article:
  // it is the best candidate, from one of its answer's sentences.
  const Reply r = engine->Respond(
      "mi kell a kártya feloldásához, ha letiltódott?", nullptr, Lang::kHu);
  CAPTURE(r.trace.ToString());
  REQUIRE_FALSE(r.trace.candidates.empty());
  CHECK(r.trace.candidates[0].id == "hc.pin_puk");
  CHECK(r.trace.candidates[0].pattern.find("feloldásához") !=
        std::string::npos);
  // The title is searched like a question.
  CheckAnswers(*engine, "roaming az európai unióban", Lang::kHu, "hc.roaming");
  CheckAnswers(*engine, "roaming w unii europejskiej", Lang::kPl, "hc.roaming");
}

TEST_CASE("search: an article of an answer alone is found by its text") {
  // A help centre brought as it is: answers, no titles, no questions.
  const std::unique_ptr<Engine> engine =
      FaqOnlyEngine("answer_only", {{"pl/a.yaml", R"(entries:
  - id: hc.puk
    answer: >-
      Kod PUK znajdziesz na plastikowej karcie, z której wyjęto SIM, albo w
      aplikacji w zakładce Moje konto. Po dziesięciu błędnych kodach PUK karta
      jest zablokowana na stałe.
  - id: hc.roaming
    answer: W krajach UE dzwonisz i korzystasz z internetu w cenach krajowych.
)"}});
  CheckAnswers(*engine, "gdzie znajdę kod PUK?", Lang::kPl, "hc.puk");
  CheckAnswers(*engine, "ile kosztuje internet w krajach UE?", Lang::kPl,
               "hc.roaming");
}

TEST_CASE("search: an entry of one question is found by its answer too") {
  // A FAQ of question-and-answer pairs: the answer holds the words. With two
  // questions or more, the questions alone find the entry (kb_source.h).
  const std::unique_ptr<Engine> engine =
      FaqOnlyEngine("one_question", {{"hu/a.yaml", R"(entries:
  - id: faq.split_delivery
    questions: ["Miért csak a rendelésem egy része érkezett meg?"]
    answer: >-
      Ha a termékek különböző raktárakból indulnak, a csomag több részletben
      érkezik. A hiányzó tételeket a Rendeléseim oldalon követheti.
  - id: faq.invoice
    questions: ["Hol találom a számlát?", "Kérhetek számlát?"]
    answer: >-
      A számlát e-mailben küldjük, cégnévre a pénztárban kérheti. A
      Rendeléseim oldalon le is töltheti.
)"},
                                     {"pl/a.yaml", R"(entries:
  - id: faq.split_delivery
    questions: ["Dlaczego dostałem tylko część zamówienia?"]
    answer: >-
      Jeśli produkty wysyłamy z różnych magazynów, paczka przychodzi w kilku
      częściach. Brakujące pozycje śledzisz na stronie Moje zamówienia.
)"}});
  // The examples docs/kb.md gives: words only the answers have find the
  // entry, through a sentence of its answer.
  const struct {
    const char* text;
    Lang lang;
    const char* sentence_start;
  } kCases[] = {
      {"hol követhetem a hiányzó tételeket?", Lang::kHu, "A hiányzó"},
      {"z ilu magazynów wysyłacie?", Lang::kPl, "Jeśli produkty"},
  };
  for (const auto& c : kCases) {
    const Reply found = engine->Respond(c.text, nullptr, c.lang);
    CAPTURE(found.trace.ToString());
    REQUIRE_FALSE(found.trace.candidates.empty());
    CHECK(found.trace.candidates[0].id == "faq.split_delivery");
    CHECK(found.trace.candidates[0].pattern.rfind(c.sentence_start, 0) == 0);
  }
  // The entry of two questions is not found by its answer's words
  // ("e-mailben", "küldjük", "pénztárban"): no candidate at all.
  const Reply r =
      engine->Respond("e-mailben küldik? a pénztárban?", nullptr, Lang::kHu);
  CAPTURE(r.trace.ToString());
  for (const auto& c : r.trace.candidates) CHECK(c.id != "faq.invoice");
}

TEST_CASE("search: evidence from an answer reads as an article's") {
  // The same texts (a question and an answer's sentence, weighted below
  // it), once as an entry of one question and once as an article. Found
  // through the answer's sentence, both read as an article (its own scale
  // and offset, confidence.h); found through the question, only the
  // article does. Compared in log-odds: a lone candidate's probabilities
  // are all near 1.
  const Analyzer& analyzer = testing::SharedAnalyzer();
  using internal::ArticleKind;
  auto log_odds = [&](ArticleKind article, const char* message) {
    internal::SearchIndex index;
    index.Add(
        Lang::kHu, 0,
        analyzer.Analyze("Miért jött csak a rendelés egy része?", Lang::kHu),
        1.0, article);
    index.Add(Lang::kHu, 0,
              analyzer.Analyze("A hiányzó tételeket a Rendeléseim oldalon "
                               "követheti.",
                               Lang::kHu),
              internal::kAnswerTextWeight, article);
    index.Add(Lang::kHu, 1,
              analyzer.Analyze("Hol találom a számlát?", Lang::kHu));
    index.Finish();
    std::vector<internal::SearchHit> hits;
    index.Search(Lang::kHu, analyzer.Analyze(message, Lang::kHu), 3, &hits);
    REQUIRE_FALSE(hits.empty());
    REQUIRE(hits[0].owner == 0);
    const double p = hits[0].probability;
    REQUIRE(p > 0);
    REQUIRE(p < 1);
    return std::make_pair(hits[0].doc, std::log(p / (1 - p)));
  };
  const char* const kByQuestion = "miért csak egy része jött a rendelésnek";
  const auto [question_doc, question_as_entry] =
      log_odds(ArticleKind::kNone, kByQuestion);
  CHECK(question_doc == 0);
  // An article's scale (above 2) and offset lift a confident logit by
  // several units.
  CHECK(log_odds(ArticleKind::kTitled, kByQuestion).second - question_as_entry >
        2.0);
  // Through the answer the two differ only by the answer's share of the
  // n-gram centroid (search_index.cc: kSupportingNgramShare); read as a
  // question's, the entry's log-odds were 2.9 lower than the article's.
  const char* const kByAnswer = "hol követhetem a hiányzó tételeket";
  const auto [answer_doc, answer_as_entry] =
      log_odds(ArticleKind::kNone, kByAnswer);
  CHECK(answer_doc == 1);
  CHECK(std::fabs(log_odds(ArticleKind::kTitled, kByAnswer).second -
                  answer_as_entry) < 1.5);
  // An article without a title has its own scale and offset: for the same
  // evidence its log-odds differ from a titled article's (confidence.cc).
  const double titled = log_odds(ArticleKind::kTitled, kByQuestion).second;
  const double untitled = log_odds(ArticleKind::kUntitled, kByQuestion).second;
  CHECK(untitled > titled + 0.5);
}

TEST_CASE("search: a lone candidate leads over the closest non-candidate") {
  // Only the wish list shares a word with the message ("kedvenc"); the
  // discounts share some of its letters ("kedv") but too few to be a
  // candidate. A lone candidate's lead is its rank over what the n-grams
  // give the best owner that is not one, not over nothing: an off-topic
  // message that touches one example by a word is otherwise answered as if
  // nothing else in the bot came near.
  const Analyzer& analyzer = testing::SharedAnalyzer();
  internal::SearchIndex index;
  index.Add(Lang::kHu, 0,
            analyzer.Analyze("Hol találom a kedvenc termékeimet?", Lang::kHu));
  index.Add(Lang::kHu, 1,
            analyzer.Analyze("Milyen kedvezmények vannak?", Lang::kHu));
  index.Add(Lang::kHu, 2, analyzer.Analyze("Mikor jön a futár?", Lang::kHu));
  index.Finish();
  std::vector<internal::SearchHit> hits;
  index.Search(Lang::kHu, analyzer.Analyze("Mi a kedvenc színed?", Lang::kHu),
               3, &hits);
  REQUIRE(hits.size() == 1);
  const internal::SearchHit& hit = hits[0];
  CHECK(hit.owner == 0);
  CAPTURE(hit.outside_ngram);
  CHECK(hit.outside_ngram > 0);
  CHECK(hit.outside_ngram < hit.ngram);

  const double ngram_weight = internal::SearchOptions{}.ngram_weight;
  internal::CandidateEvidence e;
  e.words = hit.score;
  e.ngrams = hit.ngram;
  e.votes = hit.votes;
  e.unknown_share = hit.unknown_share;
  e.smaller = internal::SmallerThanFitBots(3);
  e.lead = hit.rank - ngram_weight * hit.outside_ngram;
  CHECK(hit.probability == doctest::Approx(internal::CandidateProbability(e)));
  e.lead = hit.rank;  // over nothing: more confident
  CHECK(internal::CandidateProbability(e) > hit.probability + 0.02);
}

TEST_CASE("search: a hyphenated word is found by its last part") {
  // "e-számla" is a "számla", "e-fakturę" a "faktura": the message finds a
  // question that writes the plain word.
  const std::unique_ptr<Engine> engine =
      FaqOnlyEngine("hyphen_tail", {{"hu/a.yaml", R"(entries:
  - id: faq.invoice
    questions: ["Hogyan kérhetek elektronikus számlát?"]
    answer: A Fiókom menüben.
  - id: faq.delivery
    questions: ["Mikor érkezik a csomag?"]
    answer: Két nap alatt.
)"},
                                    {"pl/a.yaml", R"(entries:
  - id: faq.invoice
    questions: ["Jak otrzymać fakturę elektroniczną?"]
    answer: W menu Moje konto.
  - id: faq.delivery
    questions: ["Kiedy przyjdzie paczka?"]
    answer: W dwa dni.
)"}});
  const Reply hu = engine->Respond("e-számlát kérek", nullptr, Lang::kHu);
  CAPTURE(hu.trace.ToString());
  REQUIRE_FALSE(hu.trace.candidates.empty());
  CHECK(hu.trace.candidates[0].id == "faq.invoice");
  CHECK(hu.trace.candidates[0].score > 0);  // by words, not only n-grams
  const Reply pl = engine->Respond("chcę e-fakturę", nullptr, Lang::kPl);
  CAPTURE(pl.trace.ToString());
  REQUIRE_FALSE(pl.trace.candidates.empty());
  CHECK(pl.trace.candidates[0].id == "faq.invoice");
  CHECK(pl.trace.candidates[0].score > 0);
}

TEST_CASE("search: a hyphenated word meets its parts written apart") {
  // "PUK-kód" in a question, "PUK kód" in a message, and the other way
  // round: both parts are words of the text.
  const auto index = testing::HuIndex({{0, "Hol találom a PUK-kódot?"},
                                       {1, "Elfelejtettem a kódot"},
                                       {2, "Mi a PIN kód?"}});
  const Analyzer& analyzer = testing::SharedAnalyzer();
  std::vector<internal::SearchHit> hits;
  index->Search(Lang::kHu, analyzer.Analyze("puk kódom", Lang::kHu), 3, &hits);
  REQUIRE_FALSE(hits.empty());
  CHECK(hits[0].owner == 0u);
  index->Search(Lang::kHu, analyzer.Analyze("PIN-kódomat", Lang::kHu), 3,
                &hits);
  REQUIRE(hits.size() >= 2);
  CHECK(hits[0].owner == 2u);
  // "kód" alone is less of the message than "PIN" and "kód".
  CHECK(hits[0].coverage > hits[1].coverage + 0.1);
}

TEST_CASE("search: a choice is labelled by title, question or answer") {
  const std::vector<internal::Located> none;
  const std::vector<internal::Located> questions = {{"Hol a PUK-kód?", {}, 0}};
  // The label of an answer as LoadFaq makes it: from its sentences.
  auto label_of = [&](const std::vector<internal::Located>& qs,
                      const std::string& title, const std::string& answer,
                      const std::string& id) {
    const std::vector<std::string> sentences = internal::Sentences(answer);
    return internal::ChoiceLabel(title, qs,
                                 sentences.empty() ? "" : sentences[0], id);
  };
  CHECK(label_of(questions, "PIN és PUK", "Válasz.", "hc.x") == "PIN és PUK");
  CHECK(label_of(questions, "", "Válasz.", "hc.x") == "Hol a PUK-kód?");
  // An article without a title: its answer's first sentence, trimmed.
  CHECK(label_of(none, "", "  A PUK-kód a kártyán van. Más.", "hc.x") ==
        "A PUK-kód a kártyán van.");
  // A long first sentence is cut at a word, within the bound, with "…".
  const std::string long_sentence =
      "Zgubioną, skradzioną lub uszkodzoną kartę SIM wymienisz w każdym "
      "salonie po okazaniu dowodu osobistego, a nowa karta działa od razu.";
  const std::string label = label_of(none, "", long_sentence, "x");
  CHECK(label.size() <= internal::kMaxAnswerLabelBytes + 3);
  CHECK(label.substr(label.size() - 3) == "…");
  CHECK(long_sentence.compare(0, label.size() - 3, label, 0,
                              label.size() - 3) == 0);
  CHECK(label[label.size() - 4] != ' ');
  CHECK(label[label.size() - 4] != ',');
  // Nothing readable: the id.
  CHECK(label_of(none, "", "", "hc.x") == "hc.x");
  CHECK(label_of(none, "", std::string(200, 'x'), "hc.x") == "hc.x");
}

TEST_CASE("search: an article's answer is split into sentences") {
  CHECK(internal::Sentences("Egy. Kettő! Három? Négy") ==
        std::vector<std::string>{"Egy.", "Kettő!", "Három?", "Négy"});
  // Trimmed of the spaces and line ends around them; blank ones dropped.
  CHECK(internal::Sentences("  Egy.  \n\n Kettő \n") ==
        std::vector<std::string>{"Egy.", "Kettő"});
  // Numbers and codes with dots or question marks inside do not end one.
  CHECK(internal::Sentences("1.5 GB a *100# kóddal.").size() == 1);
  CHECK(internal::Sentences("").empty());
}

TEST_CASE("search: greetings and thanks can be taught by examples") {
  // Every word of these examples is a stopword; they still match the same
  // words, and only them.
  const std::unique_ptr<Engine> engine = testing::EngineWith(
      "function_words",
      {{"pl/a.yaml",
        "intents:\n"
        "  - id: greeting\n    examples: [Dzień dobry, Cześć]\n"
        "    replies: [Dzień dobry!]\n"
        "  - id: thanks\n    examples: [Dziękuję, Dzięki]\n"
        "    replies: [Proszę bardzo!]\n"
        "  - id: delivery\n    examples: [\"Ile dni trwa dostawa?\"]\n"
        "    replies: [1-3 dni.]\n"},
       {"hu/a.yaml",
        "intents:\n"
        "  - id: greeting\n    examples: [Jó napot, Szia]\n"
        "    replies: [Jó napot!]\n"
        "  - id: delivery\n    examples: [\"Hány nap alatt ér ide a csomag?\"]\n"
        "    replies: [1-3 nap.]\n"}});
  CheckAnswers(*engine, "Dzień dobry!", Lang::kPl, "greeting");
  CheckAnswers(*engine, "dziekuje", Lang::kPl, "thanks");
  CheckAnswers(*engine, "Jó napot!", Lang::kHu, "greeting");
  // A message with content words searches them as before.
  CheckAnswers(*engine, "dzień dobry, ile dni trwa dostawa?", Lang::kPl,
               "delivery");
  // A greeting's "napot" is not the "nap" (day) of the delivery question.
  const Reply hello = engine->Respond("jó napot", nullptr, Lang::kHu);
  for (const auto& c : hello.trace.candidates) CHECK(c.id != "delivery");
}

TEST_CASE("search: a greeting intent answers any greeting alone") {
  // "Szervusz", "Üdv" and "Witajcie" share no letter the search could
  // weigh with the examples; a greeting is a greeting all the same.
  const std::unique_ptr<Engine> engine = testing::EngineWith(
      "courtesy",
      {{"hu/a.yaml",
        "intents:\n"
        "  - id: greeting\n    examples: [Szia, Jó napot, Csókolom]\n"
        "    replies: [Jó napot!]\n"
        "  - id: thanks\n    examples: [Köszönöm, Hálás vagyok]\n"
        "    replies: [Szívesen!]\n"
        "  - id: delivery\n    examples: [\"Hány nap alatt ér ide a "
        "csomag?\"]\n"
        "    replies: [1-3 nap.]\n"},
       {"pl/a.yaml",
        "intents:\n"
        "  - id: greeting\n    examples: [Dzień dobry, Witam serdecznie]\n"
        "    replies: [Dzień dobry!]\n"
        "  - id: thanks\n    examples: [Dziękuję]\n"
        "    replies: [Proszę bardzo!]\n"
        "  - id: delivery\n"
        "    examples: [\"Ile dni trwa dostawa?\", \"Dzień dobry\"]\n"
        "    replies: [1-3 dni.]\n"}});
  REQUIRE(engine);
  for (const char* hello : {"Szervusz", "Üdv!", "jo estet"}) {
    CAPTURE(hello);
    CheckAnswers(*engine, hello, Lang::kHu, "greeting");
    const Reply r = engine->Respond(hello, nullptr, Lang::kHu);
    CHECK(r.confidence == doctest::Approx(0.95));
  }
  CheckAnswers(*engine, "Köszi, üdvözlettel", Lang::kHu, "thanks");
  CheckAnswers(*engine, "Witajcie!", Lang::kPl, "greeting");
  // "serdecznie" is a word of the greeting "Witam serdecznie": beside a
  // thanks it asks nothing, and the message is a thanks.
  CheckAnswers(*engine, "Serdecznie dziękuję", Lang::kPl, "thanks");
  // Something asked besides is searched as before.
  CheckAnswers(*engine, "Szervusz, hány nap alatt ér ide a csomag?", Lang::kHu,
               "delivery");
  // Both at once is neither: the search decides.
  const Reply both = engine->Respond("Szia, köszi!", nullptr, Lang::kHu);
  for (const auto& d : both.trace.decisions)
    CHECK(d.find("alone: ") == std::string::npos);
}

TEST_CASE("search: greetings added to the list are greetings too") {
  const std::unique_ptr<Engine> engine = testing::EngineWith(
      "courtesy_signals",
      {{"settings.yaml", "signals:\n  greeting:\n    hu: [\"halihó\"]\n"},
       {"hu/a.yaml",
        "intents:\n"
        "  - id: greeting\n    examples: [Szia, Jó napot]\n"
        "    replies: [Jó napot!]\n"
        "  - id: delivery\n    examples: [\"Hány nap alatt ér ide a "
        "csomag?\"]\n"
        "    replies: [1-3 nap.]\n"}});
  REQUIRE(engine);
  CheckAnswers(*engine, "Halihó!", Lang::kHu, "greeting");
}

TEST_CASE("search: a greeting among other questions makes no greeting intent") {
  // delivery lists one greeting among two questions, and no intent is
  // mostly greetings: a greeting alone is the search's to answer or not.
  const std::unique_ptr<Engine> engine = testing::EngineWith(
      "courtesy_minority",
      {{"pl/a.yaml",
        "intents:\n"
        "  - id: delivery\n"
        "    examples: [\"Ile dni trwa dostawa?\", \"Kiedy dojdzie "
        "paczka?\", Dzień dobry]\n"
        "    replies: [1-3 dni.]\n"}});
  REQUIRE(engine);
  const Reply r = engine->Respond("Witajcie!", nullptr, Lang::kPl);
  CHECK(r.kind != ReplyKind::kAnswer);
}

TEST_CASE("search: a word one letter off is read as the known word") {
  const auto index =
      testing::HuIndex({{0, "Hol adhatom meg a számlázási címet?"},
                        {1, "Mennyi a szállítási díj?"}});
  const Analyzer& analyzer = testing::SharedAnalyzer();
  std::vector<internal::SearchHit> hits;
  // A letter missing, one too many, one swapped, one replaced: the words
  // (not only the n-grams) find the entry.
  for (const char* message :
       {"szamlazsi", "szamlazaasi", "szamlzaasi", "szamlezasi"}) {
    CAPTURE(message);
    index->Search(Lang::kHu, analyzer.Analyze(message, Lang::kHu), 2, &hits);
    REQUIRE_FALSE(hits.empty());
    CHECK(hits[0].owner == 0);
    CHECK(hits[0].score > 0);
  }
  // A word longer than any typo is looked up for is no typo (and no
  // trouble): only its n-grams may find something.
  const std::string long_word(70, 'a');
  index->Search(Lang::kHu, analyzer.Analyze(long_word, Lang::kHu), 2, &hits);
  for (const auto& h : hits) CHECK(h.score == 0);
}

TEST_CASE("search: typos are found among hundreds of known words") {
  // Made-up words, one per owner, from a fixed generator of syllables: the
  // typo table then spans many buckets of its directory, and each word's
  // own typos must still find its owner. (Only words no dictionary reads:
  // "popmulo" is a compound of "mulik" to Hunspell, and a compound's last
  // part is looked up before any typo.)
  const char* const kSyllables[] = {"ba", "ke", "ri", "do", "mu", "za",
                                    "te", "lo", "vi", "gu", "se", "po"};
  uint32_t state = 12345;
  auto next = [&] {
    state = state * 1103515245u + 12345u;
    return (state >> 16) % 12;
  };
  std::vector<std::string> words;
  for (int i = 0; i < 400; ++i) {
    std::string w;
    for (int s = 0; s < 4; ++s) w += kSyllables[next()];
    words.push_back(w);
  }
  internal::SearchIndex index;
  const Analyzer& analyzer = testing::SharedAnalyzer();
  std::vector<std::string> keys;
  for (uint32_t i = 0; i < words.size(); ++i) {
    const Analysis a = analyzer.Analyze(words[i], Lang::kHu);
    keys.push_back(a.tokens.empty() ? "" : a.tokens[0].key);
    index.Add(Lang::kHu, i, a);
  }
  index.Finish();
  std::vector<internal::SearchHit> hits;
  size_t checked = 0;
  for (uint32_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    // Two words of one key (the same word twice, or "viviguba" and
    // "viviguke", both "vivigu" with an ending) are one term: either owner.
    if (std::count(keys.begin(), keys.end(), keys[i]) > 1) continue;
    const std::string typos[] = {
        w.substr(0, 3) + w.substr(4),                // a letter missing
        w.substr(0, 4) + "x" + w.substr(4),          // one too many
        w.substr(0, 2) + w[3] + w[2] + w.substr(4),  // two swapped
        w.substr(0, 5) + "x" + w.substr(6)};         // one replaced
    auto unknown = [&](const std::string& text) {
      const Analysis a = analyzer.Analyze(text, Lang::kHu);
      return a.tokens.size() == 1 &&
             a.tokens[0].lemma_source == LemmaSource::kUnknown;
    };
    if (!unknown(w)) continue;
    for (const std::string& typo : typos) {
      CAPTURE(w);
      CAPTURE(typo);
      // A typo one edit from two of the words could be either.
      const auto near =
          std::count_if(words.begin(), words.end(), [&](const std::string& x) {
            return internal::EditDistance(x, typo) <= 1;
          });
      if (!unknown(typo) || near > 1) continue;
      index.Search(Lang::kHu, analyzer.Analyze(typo, Lang::kHu), 3, &hits);
      REQUIRE_FALSE(hits.empty());
      CHECK(hits[0].owner == i);
      CHECK(hits[0].score > 0);  // the word, not only its n-grams
    }
    ++checked;
  }
  CHECK(checked > 200);
}

// `wrapped` (the question `bare` with more around it) gets the bare
// question's answer `id`, as sure, and the trace says why (`note`).
void CheckReadAsBare(const Engine& engine, Lang lang, const char* bare,
                     const char* wrapped, const char* id, const char* note) {
  const Reply plain = engine.Respond(bare, nullptr, lang);
  const Reply r = engine.Respond(wrapped, nullptr, lang);
  CAPTURE(r.trace.ToString());
  CHECK(r.id == id);
  CHECK(r.confidence == doctest::Approx(plain.confidence));
  CHECK(r.trace.ToString().find(note) != std::string::npos);
}

TEST_CASE(
    "search: greetings, thanks and a signature around a question are set "
    "aside") {
  const char* const kPlKb = R"(entries:
  - id: faq.contact
    questions: ["Kiedy dostanę odpowiedź na moje pytanie od konsultanta?",
                "Jak szybko odpowiadacie na pytania?"]
    answer: "Odpowiadamy w ciągu 24 godzin."
  - id: faq.invoice
    questions: ["Jak zapłacić fakturę?", "Jakie są metody płatności za fakturę?"]
    answer: "Fakturę opłacisz przelewem lub kartą."
)";
  const auto engine = testing::EngineWithKb(
      "framing", {{"pl/a.yaml", kPlKb}},
      {{"pl/a.yaml",
        "intents:\n  - id: thanks\n    examples: [Dziękuję, Dzięki, Dziękuję "
        "bardzo]\n    replies: [Proszę!]\n"
        "  - id: address\n    examples: [\"Dzień dobry, jak zmienić adres "
        "dostawy?\"]\n    replies: [Adres.]\n"}});
  // Framed, the question is searched as it is bare: the same answer, as
  // sure. ("pytanie" and "odpowiedź" pulled it towards faq.contact, 0.68.)
  CheckReadAsBare(*engine, Lang::kPl, "Jak zapłacić fakturę?",
                  "Dzień dobry, mam pytanie. Jak zapłacić fakturę? Z góry "
                  "dziękuję za odpowiedź. Pozdrawiam, Anna Kowalska",
                  "faq.invoice",
                  "set aside as greeting, thanks or sign-off: Dzień dobry mam "
                  "pytanie Z góry dziękuję za odpowiedź Pozdrawiam Anna "
                  "Kowalska");
  // A thanks with a few words besides is still a thanks: the bot has
  // thanks of its own, and read whole the message is likelier one.
  const Reply thanks =
      engine->Respond("Dziękuję, to wszystko.", nullptr, Lang::kPl);
  CAPTURE(thanks.trace.ToString());
  CHECK(thanks.id == "thanks");
  CHECK(thanks.trace.ToString().find("read whole") != std::string::npos);
  // An example is indexed without its framing too: a bare greeting is not
  // the address question that starts with one.
  const Reply hello = engine->Respond("Dzień dobry!", nullptr, Lang::kPl);
  for (const auto& c : hello.trace.candidates) CHECK(c.id != "address");
  CheckAnswers(*engine, "jak zmienić adres dostawy", Lang::kPl, "address");
}

TEST_CASE("search: a sentence that asks is read alone as well") {
  const auto engine = testing::EngineWithKb(
      "sentences", {{"hu/a.yaml", kHuFaq}}, {{"hu/a.yaml", "intents: []\n"}});
  // A sentence of context before the question dilutes it: the question
  // alone is likelier, and decides.
  CheckReadAsBare(*engine, Lang::kHu, "Hogyan küldhetem vissza a terméket?",
                  "Már napok óta próbálom egyedül megoldani, de semmi sem "
                  "sikerül. Hogyan küldhetem vissza a terméket?",
                  "faq.return_policy", "read one sentence alone");
  // Hostile: a message of hundreds of sentences is read whole only (at
  // most kMaxSentenceReadings sentences are searched alone).
  std::string many;
  for (int i = 0; i < 500; ++i) many += "Hogyan küldhetem vissza? ";
  const Reply flood = engine->Respond(many, nullptr, Lang::kHu);
  CHECK(flood.trace.ToString().find("read one sentence alone") ==
        std::string::npos);
  // One sentence: nothing else to read.
  const Reply bare = engine->Respond("Hogyan küldhetem vissza a terméket?",
                                     nullptr, Lang::kHu);
  CHECK(bare.trace.ToString().find("read one sentence alone") ==
        std::string::npos);
}

}  // namespace libbot
