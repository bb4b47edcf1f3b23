// Copyright 2026 The libbot Authors.
//
// match/ngram_model and match/confidence: the n-gram second opinion of the
// search and the probability estimated from both.
#include <doctest/doctest.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include "match/confidence.h"
#include "match/ngram_model.h"
#include "match/search_index.h"
#include "rules_fixture.h"
#include "search_fixture.h"

namespace libbot {
namespace {

std::map<uint32_t, double> Scores(const internal::NgramModel& model,
                                  const char* text) {
  std::vector<std::pair<uint32_t, double>> scores;
  model.Score(testing::SharedAnalyzer().Analyze(text, Lang::kHu), &scores);
  return {scores.begin(), scores.end()};
}

// Two intents' Hungarian texts (owner 0: cancelling an order, 1: where it
// is); they share "rendelés", each has words of its own.
struct OwnedText {
  uint32_t owner;
  const char* text;
};
constexpr OwnedText kOrderTexts[] = {
    {0, "töröljétek a rendelésemet"}, {0, "rendelés törlése"},
    {0, "lemondom a rendelést"},      {1, "hol tart a rendelésem"},
    {1, "rendelés állapota"},         {1, "mikor jön a rendelés"}};

// A finished model of the first `count` of kOrderTexts.
std::unique_ptr<internal::NgramModel> OrderModel(uint64_t scratch_id,
                                                 size_t max_learned_texts,
                                                 size_t count) {
  auto model =
      std::make_unique<internal::NgramModel>(scratch_id, max_learned_texts);
  for (size_t i = 0; i < count; ++i) {
    model->Add(
        kOrderTexts[i].owner,
        testing::SharedAnalyzer().Analyze(kOrderTexts[i].text, Lang::kHu), 1.0);
  }
  model->Finish();
  return model;
}

}  // namespace

TEST_CASE("ngram model: cosine of a message and each owner's centroid") {
  const Analyzer& analyzer = testing::SharedAnalyzer();
  internal::NgramModel model(/*scratch_id=*/424242,
                             internal::kDefaultMaxLearnedTexts);
  auto add = [&](uint32_t owner, const char* text, double weight = 1.0) {
    model.Add(owner, analyzer.Analyze(text, Lang::kHu), weight);
  };
  add(0, "Elvesztettem a simkártyámat");
  add(0, "Hol kapok új simkártyát?");
  add(1, "Mennyi a havidíj?");
  add(2, "Hogyan kapcsolom be a roamingot?");
  model.Finish();

  // A form no dictionary knows shares most n-grams with the owner's words.
  std::map<uint32_t, double> s = Scores(model, "simkártyám elveszett");
  REQUIRE(s.count(0) == 1);
  CHECK(s[0] > 0.3);
  CHECK(s.count(1) == 0);
  for (const auto& [owner, cosine] : s) {
    CHECK(cosine >= 0);
    CHECK(cosine <= 1);
  }
  // The very text of an owner's only phrasing: cosine 1.
  CHECK(Scores(model, "Mennyi a havidíj?")[1] == doctest::Approx(1.0));
  // Words no text has lengthen the message, so the same overlap counts
  // less in a longer message of unknown words.
  const double short_message = Scores(model, "roaming")[2];
  const double with_unknown = Scores(model, "roaming kutya macska zsiráf")[2];
  CHECK(short_message > with_unknown);
  CHECK(with_unknown > 0);
  // Nothing shared, nothing scored; an empty message too.
  CHECK(Scores(model, "xyzzy").empty());
  CHECK(Scores(model, "").empty());
}

TEST_CASE("ngram model: scores limited to a minimum and the owners asked for") {
  const Analyzer& analyzer = testing::SharedAnalyzer();
  internal::NgramModel model(/*scratch_id=*/424245,
                             internal::kDefaultMaxLearnedTexts);
  const char* const kTexts[] = {
      "Elvesztettem a simkártyámat", "Hol kapok új simkártyát?",
      "Mennyi a havidíj?",           "Hogyan kapcsolom be a roamingot?",
      "Elveszett a csomagom",        "Hol tart a rendelésem?"};
  for (uint32_t owner = 0; owner < 6; ++owner)
    model.Add(owner, analyzer.Analyze(kTexts[owner], Lang::kHu), 1.0);
  model.Finish();
  const Analysis message =
      analyzer.Analyze("elveszett simkártya havidíj", Lang::kHu);
  std::vector<std::pair<uint32_t, double>> all, some;
  model.Score(message, &all);
  REQUIRE(all.size() >= 3);
  const double min_cosine = 0.35;
  const std::vector<uint32_t> also = {2, 5};
  model.Score(message, min_cosine, also, &some);
  // Every owner at or above the minimum, and the asked-for owners the
  // message shares an n-gram with, each with the same cosine as unlimited.
  std::map<uint32_t, double> expected;
  for (const auto& [owner, cosine] : all) {
    if (cosine >= min_cosine ||
        std::find(also.begin(), also.end(), owner) != also.end())
      expected[owner] = cosine;
  }
  std::map<uint32_t, double> got;
  for (const auto& [owner, cosine] : some) {
    if (got.count(owner)) CHECK(got[owner] == cosine);  // a repeat agrees
    got[owner] = cosine;
  }
  CHECK(got == expected);
  CHECK(got.size() < all.size());  // something was left out

  // With the best owner's cosine as the minimum, the two best of those
  // left out (under it) are the second and third, best first.
  std::vector<double> cosines;
  for (const auto& [owner, cosine] : all) cosines.push_back(cosine);
  std::sort(cosines.rbegin(), cosines.rend());
  REQUIRE(cosines.size() >= 3);
  REQUIRE(cosines[0] > cosines[1]);
  internal::NgramModel::Below below;
  model.Score(message, cosines[0], {}, &some, &below);
  CHECK(some.size() == 1);
  CHECK(below.cosine[0] == cosines[1]);
  CHECK(below.cosine[1] == cosines[2]);
  CHECK(below.owner[1] != internal::NgramModel::Below::kNoOwner);
  // Nothing under a minimum of 0.
  model.Score(message, 0, {}, &some, &below);
  CHECK(below.owner[0] == internal::NgramModel::Below::kNoOwner);
}

TEST_CASE("ngram model: the work per message is bounded by construction") {
  // Hostile: 6,000 owners in three groups, each group's texts sharing their
  // words (a third of the owners each: under the share above which an
  // n-gram is skipped), and a long message of all those words. Without the
  // budget every owner would be scored; with it at most kPostingBudget
  // postings are read, so at most that many owners are.
  const char* const kGroups[] = {"rendelés szállítás csomag",
                                 "számla fizetés visszatérítés",
                                 "jelszó belépés fiók"};
  const Analyzer& analyzer = testing::SharedAnalyzer();
  internal::NgramModel model(/*scratch_id=*/424244,
                             internal::kDefaultMaxLearnedTexts);
  for (uint32_t owner = 0; owner < 6000; ++owner) {
    model.Add(owner,
              analyzer.Analyze(
                  std::string(kGroups[owner % 3]) + " " + std::to_string(owner),
                  Lang::kHu),
              1.0);
  }
  model.Finish();
  std::string message;
  for (int i = 0; i < 500; ++i)
    for (const char* words : kGroups) message += std::string(words) + " ";
  // 6,000 texts are few enough to be learned: the shared words then weigh
  // little or less than nothing (each owner's number tells it apart), and
  // learning adds negative weights for neighbours, so the lists are longer
  // than the centroids'. The budget bounds the owners reached all the same.
  std::vector<std::pair<uint32_t, double>> scores;
  model.Score(analyzer.Analyze(message, Lang::kHu), -1.0, {}, &scores);
  CHECK_FALSE(scores.empty());
  CHECK(scores.size() <= internal::NgramModel::kPostingBudget);
  // A distinctive n-gram is read first and still finds its owner.
  model.Score(analyzer.Analyze(message + " 4321", Lang::kHu), &scores);
  bool found = false;
  for (const auto& [owner, cosine] : scores) found |= owner == 4321;
  CHECK(found);
  // The n-grams the budget leaves unread do not count against an owner:
  // owner 4321's own text resembles it about as much as its number alone
  // does (counted in the length, the unread n-grams of the shared words
  // took it from 0.82 to 0.68).
  model.Score(analyzer.Analyze("rendelés szállítás csomag 4321", Lang::kHu),
              &scores);
  double own = 0;
  for (const auto& [owner, cosine] : scores)
    if (owner == 4321) own = cosine;
  model.Score(analyzer.Analyze("4321", Lang::kHu), &scores);
  double alone = 0;
  for (const auto& [owner, cosine] : scores)
    if (owner == 4321) alone = cosine;
  CAPTURE(own);
  CAPTURE(alone);
  CHECK(own > 0.5);
  CHECK(own == doctest::Approx(alone).epsilon(0.05));
}

TEST_CASE("ngram model: an empty model scores nothing") {
  internal::NgramModel model(/*scratch_id=*/424243,
                             internal::kDefaultMaxLearnedTexts);
  model.Finish();
  CHECK(Scores(model, "simkártya").empty());
}

TEST_CASE("confidence: more evidence, higher probability") {
  internal::CandidateEvidence weak;
  weak.words = 0.3;
  weak.ngrams = 0.2;
  weak.lead = 0.1;
  internal::CandidateEvidence strong = weak;
  strong.words = 0.9;
  internal::CandidateEvidence ahead = weak;
  ahead.lead = 1.0;
  const double p = internal::CandidateProbability(weak);
  CHECK(p > 0);
  CHECK(p < 1);
  CHECK(internal::CandidateProbability(strong) > p);
  CHECK(internal::CandidateProbability(ahead) > p);
}

TEST_CASE("confidence: a centroid's n-gram similarity counts more") {
  // The same paraphrase resembles a centroid less than learned weights,
  // so the same value is stronger evidence there.
  internal::CandidateEvidence learned;
  learned.words = 0.7;
  learned.ngrams = 0.25;
  learned.lead = 0.3;
  internal::CandidateEvidence centroid = learned;
  centroid.centroid_ngrams = true;
  CHECK(internal::CandidateProbability(centroid) >
        internal::CandidateProbability(learned) + 0.05);
  // No n-gram evidence: nothing to weigh differently.
  learned.ngrams = centroid.ngrams = 0;
  CHECK(internal::CandidateProbability(centroid) ==
        doctest::Approx(internal::CandidateProbability(learned)));
}

TEST_CASE("confidence: the same evidence means more in a smaller bot") {
  internal::CandidateEvidence e;
  e.words = 0.6;
  e.ngrams = 0.3;
  e.lead = 0.4;
  auto of_size = [&](size_t owners) {
    e.smaller = internal::SmallerThanFitBots(owners);
    return internal::CandidateProbability(e);
  };
  CHECK(of_size(20) > of_size(50) + 0.02);
  CHECK(of_size(8) > of_size(20));
  // Outside the fitted sizes (8 to 50), the nearest fitted size.
  CHECK(of_size(2) == doctest::Approx(of_size(8)));
  CHECK(of_size(10000) == doctest::Approx(of_size(50)));
}

TEST_CASE("ngram model: learns up to max_learned_texts texts") {
  // Above the limit the model keeps its centroids and says so; the scores
  // are then plain cosines, which learning would have changed.
  const size_t texts = std::size(kOrderTexts);
  const auto learned = OrderModel(424260, texts, texts);
  const auto centroids = OrderModel(424261, texts - 1, texts);
  CHECK(learned->learned());
  CHECK_FALSE(centroids->learned());
  CHECK(Scores(*learned, "rendelés törlése") !=
        Scores(*centroids, "rendelés törlése"));
}

TEST_CASE("confidence: the hits of a search share at most probability 1") {
  // Two owners alike but for one word each: a message fits both equally.
  const auto index = testing::HuIndex({{0, "Mennyibe kerül a szállítás?"},
                                       {1, "Mennyibe kerül a csomagolás?"},
                                       {2, "Hány nap a kiszállítás?"}});
  const Analyzer& analyzer = testing::SharedAnalyzer();
  std::vector<internal::SearchHit> hits;
  index->Search(Lang::kHu, analyzer.Analyze("mennyibe kerül ez?", Lang::kHu), 5,
                &hits);
  REQUIRE(hits.size() >= 2);
  const double sum = std::accumulate(
      hits.begin(), hits.end(), 0.0,
      [](double a, const internal::SearchHit& h) { return a + h.probability; });
  CHECK(sum <= 1.0 + 1e-9);
  CHECK(hits[0].probability < 0.6);  // a coin toss, not "probably right"
  // The probability of a hit does not depend on how many were asked for.
  std::vector<internal::SearchHit> one;
  index->Search(Lang::kHu, analyzer.Analyze("mennyibe kerül ez?", Lang::kHu), 1,
                &one);
  REQUIRE(one.size() == 1);
  CHECK(one[0].probability == doctest::Approx(hits[0].probability));
}

TEST_CASE("ngram model: learning is deterministic and tells neighbours apart") {
  // Two intents share "rendelés"; each has words of its own. Learned twice,
  // the model scores every message the same, and a message of the shared
  // word with one intent's own word goes to that intent.
  const Analyzer& analyzer = testing::SharedAnalyzer();
  const size_t texts = std::size(kOrderTexts);
  const auto first =
      OrderModel(424250, internal::kDefaultMaxLearnedTexts, texts);
  const auto second =
      OrderModel(424251, internal::kDefaultMaxLearnedTexts, texts);
  auto best = [&](const internal::NgramModel& model, const char* message) {
    std::vector<std::pair<uint32_t, double>> scores;
    model.Score(analyzer.Analyze(message, Lang::kHu), &scores);
    std::sort(scores.begin(), scores.end());
    return scores;
  };
  for (const char* message :
       {"rendelés törlése kérem", "hol tart a rendelés", "rendelés"}) {
    CAPTURE(message);
    CHECK(best(*first, message) == best(*second, message));
  }
  auto winner = [&](const char* message) {
    auto scores = best(*first, message);
    REQUIRE_FALSE(scores.empty());
    return std::max_element(
               scores.begin(), scores.end(),
               [](const auto& a, const auto& b) { return a.second < b.second; })
        ->first;
  };
  CHECK(winner("törölném a rendelést") == 0u);
  CHECK(winner("a rendelés állapotát kérdezném") == 1u);
}

}  // namespace libbot
