// Copyright 2026 The libbot Authors.
//
// match/document_vectors: TF-IDF over character 2-5-grams of an article's
// whole text, and its cosine with a message.
#include "match/document_vectors.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "match/search_index.h"
#include "rules_fixture.h"

namespace libbot {
namespace {

using internal::DocumentVectors;

const char* const kRoaming =
    "A roaming a Beállítások menüben kapcsolható be. Külföldön a roaming "
    "díja naponta 990 Ft, amely a mobilinternetet is tartalmazza.";
const char* const kPuk =
    "A PUK-kód a SIM-kártya tokján található. Háromszori hibás PIN után a "
    "kártya zárolódik, és a PUK-kóddal oldható fel.";

DocumentVectors TwoArticles() {
  const Analyzer& analyzer = testing::SharedAnalyzer();
  DocumentVectors texts;
  // An owner's texts add up: the title and the answer are one document.
  texts.Add(0, analyzer.Analyze("Roaming külföldön", Lang::kHu));
  texts.Add(0, analyzer.Analyze(kRoaming, Lang::kHu));
  texts.Add(2, analyzer.Analyze(kPuk, Lang::kHu));
  texts.Finish();
  return texts;
}

double Cosine(const DocumentVectors& texts, uint32_t owner,
              const char* message) {
  DocumentVectors::Vector v;
  texts.Vectorize(testing::SharedAnalyzer().Analyze(message, Lang::kHu), &v);
  return texts.Cosine(owner, v);
}

TEST_CASE("document vectors: a message is nearest its own article") {
  const DocumentVectors texts = TwoArticles();
  CHECK(texts.Has(0));
  CHECK_FALSE(texts.Has(1));  // no text added
  CHECK(texts.Has(2));
  CHECK_FALSE(texts.Has(7));
  // Inflected and without accents, still nearer its own article.
  const char* const kQuestion = "mennyibe kerul a roamingolas kulfoldon?";
  CHECK(Cosine(texts, 0, kQuestion) > 2 * Cosine(texts, 2, kQuestion));
  const char* const kOther = "zarolodott a kartyam, hol a puk kod?";
  CHECK(Cosine(texts, 2, kOther) > 2 * Cosine(texts, 0, kOther));
  // An owner without a document, and a message of nothing known.
  CHECK(Cosine(texts, 1, kQuestion) == 0);
  CHECK(Cosine(texts, 0, "xyzq") == 0);
}

TEST_CASE("document vectors: cosines are in [0, 1], 1 for the same text") {
  const DocumentVectors texts = TwoArticles();
  const double same = Cosine(texts, 2, kPuk);
  CHECK(same == doctest::Approx(1.0).epsilon(1e-5));
  CHECK(same <= 1.0);
  for (const char* m : {"", "?!", "a", kRoaming, kPuk})
    CHECK(Cosine(texts, 0, m) >= 0);
  // Nothing added: empty, and every cosine 0.
  DocumentVectors none;
  none.Finish();
  CHECK(none.empty());
  DocumentVectors::Vector v;
  none.Vectorize(testing::SharedAnalyzer().Analyze(kPuk, Lang::kHu), &v);
  CHECK(v.empty());
  CHECK(none.Cosine(0, v) == 0);
  CHECK(texts.MemoryBytes() > 0);
}

TEST_CASE("document vectors: texts added one by one make the same document") {
  // Sentence by sentence (merged as they come, search_index's order) or
  // all at once: the same vector, so the same cosine.
  const Analyzer& analyzer = testing::SharedAnalyzer();
  const char* const kSentences[] = {
      "A roaming a Beállítások menüben kapcsolható be.",
      "Külföldön a roaming díja naponta 990 Ft.",
      "A díj a mobilinternetet is tartalmazza.",
      "Az EU-n kívül más díjak érvényesek.",
      "A roamingot bármikor kikapcsolhatja."};
  DocumentVectors texts;
  std::string whole;
  for (int round = 0; round < 20; ++round) {
    for (const char* sentence : kSentences) {
      texts.Add(0, analyzer.Analyze(sentence, Lang::kHu));
      whole += std::string(sentence) + " ";
    }
  }
  texts.Add(1, analyzer.Analyze(whole, Lang::kHu));
  texts.Add(2, analyzer.Analyze(kPuk, Lang::kHu));
  texts.Finish();
  const char* const kQuestion = "mennyi a roaming dija az EU-n kivul?";
  CHECK(Cosine(texts, 0, kQuestion) > 0.1);
  CHECK(Cosine(texts, 0, kQuestion) ==
        doctest::Approx(Cosine(texts, 1, kQuestion)).epsilon(1e-6));
}

TEST_CASE("search: an article's whole text re-ranks the first hits") {
  // Two articles whose sentences the message matches about equally by
  // words; only the whole text of the first recurs in its letters
  // ("roaming" throughout). The whole-text similarity is part of the rank,
  // and the trace shows it.
  const Analyzer& analyzer = testing::SharedAnalyzer();
  internal::SearchIndex index;
  auto add_article = [&](uint32_t owner, const char* title,
                         const std::vector<const char*>& sentences) {
    // An article's texts are also its whole text.
    index.Add(Lang::kHu, owner, analyzer.Analyze(title, Lang::kHu), 1.0,
              internal::ArticleKind::kTitled);
    for (const char* s : sentences) {
      const Analysis a = analyzer.Analyze(s, Lang::kHu);
      index.Add(Lang::kHu, owner, a, internal::kAnswerTextWeight,
                internal::ArticleKind::kTitled);
    }
  };
  add_article(0, "Roaming külföldön",
              {"A roaming a Beállítások menüben kapcsolható be.",
               "Külföldön a roaming díja naponta 990 Ft."});
  add_article(1, "Díjak",
              {"A havidíj 3990 Ft.", "A számla a hónap elején érkezik."});
  index.Finish();
  std::vector<internal::SearchHit> hits;
  index.Search(Lang::kHu, analyzer.Analyze("mennyi a roaming díja?", Lang::kHu),
               3, &hits);
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].owner == 0);
  CHECK(hits[0].document > hits[1].document);
  CHECK(hits[1].document > 0);
  const internal::SearchOptions options;
  for (const internal::SearchHit& h : hits) {
    CHECK(h.rank == doctest::Approx(h.score + options.vote_weight * h.votes +
                                    options.ngram_weight * h.ngram +
                                    options.document_weight * h.document));
  }
}

TEST_CASE("search: the whole text ranks the same however many hits are asked") {
  // Eight articles that all share "szolgáltatás díja" with the message:
  // asking for one,
  // five or eight hits gives the same first hits with the same ranks and
  // probabilities (the whole text re-ranks a pool of its own, not `k`).
  const Analyzer& analyzer = testing::SharedAnalyzer();
  internal::SearchIndex index;
  const char* const kAnswers[] = {
      "A roaming szolgáltatás díja naponta 990 Ft külföldön.",
      "A havidíjas szolgáltatás díja 3990 Ft.",
      "A SIM-csere szolgáltatás díja 1000 Ft.",
      "Az e-számla szolgáltatás díja nulla.",
      "A késedelmi szolgáltatás díja a tartozás után jár.",
      "A kártyapótlás szolgáltatás díja 2000 Ft.",
      "A felmondás szolgáltatás díja a hűségidőtől függ.",
      "Az EU-s roaming szolgáltatás díja a hazai díj."};
  for (uint32_t owner = 0; owner < 8; ++owner) {
    const Analysis a = analyzer.Analyze(kAnswers[owner], Lang::kHu);
    index.Add(Lang::kHu, owner, a, internal::kAnswerTextWeight,
              internal::ArticleKind::kTitled);
  }
  index.Finish();
  const Analysis message = analyzer.Analyze(
      "mennyi a roaming szolgáltatás díja külföldön?", Lang::kHu);
  std::vector<internal::SearchHit> one, five, eight;
  index.Search(Lang::kHu, message, 1, &one);
  index.Search(Lang::kHu, message, 5, &five);
  index.Search(Lang::kHu, message, 8, &eight);
  REQUIRE(one.size() == 1);
  REQUIRE(five.size() == 5);
  REQUIRE(eight.size() >= 6);
  CHECK(one[0].owner == 0);
  for (size_t i = 0; i < 5; ++i) {
    CAPTURE(i);
    CHECK(five[i].owner == eight[i].owner);
    CHECK(five[i].rank == eight[i].rank);
    CHECK(five[i].probability == eight[i].probability);
  }
  CHECK(one[0].probability == five[0].probability);
}

}  // namespace
}  // namespace libbot
