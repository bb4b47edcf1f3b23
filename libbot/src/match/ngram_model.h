// Copyright 2026 The libbot Authors.
//
// A second opinion for the search, learned from the bot's own texts at load
// time. Features are character 4-grams of folded words, with the word's
// start and end marked ("^sim", "simk", "tya$"; a word of one or two letters
// is one n-gram), TF-IDF weighted, each text a unit vector. Each owner
// (intent, FAQ entry) starts as the centroid of its phrasings; then, for a
// bot of at most 20,000 texts, softmax regression over the owners each text
// reaches moves those weights (Learn() in ngram_model.cc): n-grams that tell
// an owner apart gain weight, n-grams it shares with a neighbour lose it,
// and neighbours get negative weights. A message scores the dot product of
// its unit vector with an owner's weights, clamped to [0, 1] (a cosine for
// an owner that was not learned). (3- to 5-grams ranked the same as 4-grams
// on MASSIVE, with centroids, and cost three lookups a letter; lemma keys as
// features changed ranked first by 0.1 point, with and without learning.)
//
// Why: with few examples, lemma keys miss what spelling shares. A word the
// dictionary does not know still shares its beginning with its other forms
// ("simkártyámat" and "simkártya"), a compound shares its parts
// ("adategyeztetés" and "adatok"), a typo shares most of its n-grams. And
// a centroid counts every n-gram its texts share as evidence, where a
// learned model finds which of them tell owners apart. On MASSIVE with 8
// examples per intent (bench/fewshot.py), learned weights rank the right
// intent first about 2 points more often than centroids, and the search
// with them 1.2 / 1.6 points more (docs/benchmarks.md; docs/architecture.md
// says why our own learner rather than liblinear or fastText).
//
// Learning is deterministic (a fixed shuffle) and bounded: at most 8
// passes, fewer as texts grow (texts × passes ≤ 10,000, one pass at least),
// and at most 1.5 million weight updates, so a bot of 1,000 intents × 10
// examples opens in under a second (the two languages learn in parallel).
//
// Thread safety: immutable after Finish(); Score() may run concurrently.
#ifndef LIBBOT_SRC_MATCH_NGRAM_MODEL_H_
#define LIBBOT_SRC_MATCH_NGRAM_MODEL_H_

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "libbot/analyzer.h"
#include "util/hash_index.h"
#include "util/stamped_sums.h"

namespace libbot::internal {

// EngineOptions::max_learned_texts's default.
inline constexpr size_t kDefaultMaxLearnedTexts = 20000;

class NgramModel {
 public:
  // At most this many postings are read per message, rarest n-grams first:
  // the work is bounded however many owners share the message's n-grams (a
  // big FAQ, a message of common words). Bots of a few hundred owners stay
  // under it; the n-grams left out are the most common, which weigh least.
  static constexpr size_t kPostingBudget = 2048;

  // A model of more than `max_learned_texts` texts keeps its centroids.
  NgramModel(uint64_t scratch_id, size_t max_learned_texts)
      : scratch_id_(scratch_id), max_learned_texts_(max_learned_texts) {}

  // One phrasing of `owner`; `weight` (0, 1] scales its share of the
  // owner's centroid (article sentences count less than questions).
  void Add(uint32_t owner, const Analysis& analysis, double weight);
  // Builds the centroids; the texts themselves are then forgotten.
  void Finish();

  // (owner, cosine) of every owner sharing a distinctive n-gram with the
  // message, in no order. Cosines are in [0, 1]; n-grams no text has still
  // count in the message's length, so a message of unknown words scores low.
  // The work is bounded: n-grams are read rarest first up to a budget of
  // postings (ngram_model.cc), so in a big FAQ the commonest count only in
  // the message's length.
  void Score(const Analysis& message,
             std::vector<std::pair<uint32_t, double>>* scores) const {
    Score(message, 0, {}, scores);
  }
  // The same, limited to the owners whose cosine is at least `min_cosine`
  // and those listed in `also` (when they share an n-gram; an owner may then
  // come twice). In a big FAQ most owners share some common n-gram, and
  // listing them all cost more than scoring.
  // `below`, when given, gets the two best owners under `min_cosine`, best
  // first, those in `also` included (owner kNoOwner where there are fewer):
  // how close the owners that are not candidates come. Two, so that a
  // caller can skip one it already has.
  struct Below {
    static constexpr uint32_t kNoOwner = ~uint32_t{0};
    uint32_t owner[2] = {kNoOwner, kNoOwner};
    double cosine[2] = {0, 0};
  };
  void Score(const Analysis& message, double min_cosine,
             const std::vector<uint32_t>& also,
             std::vector<std::pair<uint32_t, double>>* scores,
             Below* below = nullptr) const;

  size_t MemoryBytes() const;
  // Whether Finish() learned the weights (false: the owners' centroids,
  // whose similarities run lower; the confidence weighs them apart).
  bool learned() const { return learned_; }

 private:
  struct Posting {
    uint32_t owner;
    float weight;  // the n-gram's weight in the owner's unit centroid
  };
  struct Text;  // below
  // A text to learn from (ngram_model.cc).
  struct Sample {
    uint32_t owner;
    double step;                                      // learning rate
    std::vector<std::pair<uint32_t, double>> vector;  // n-gram id, value
  };
  float& WeightOf(uint32_t gram, uint32_t owner);
  std::vector<Sample> Samples() const;
  void Candidates(const Sample& sample, StampedSums<double>* sums,
                  std::vector<std::pair<double, uint32_t>>* candidates) const;
  // Turns the centroids into learned weights (ngram_model.cc).
  void Learn();
  // Drops the learned weights too small to matter (ngram_model.cc).
  void Prune();
  // An n-gram's TF-IDF value in a text; a text's length in those values.
  double Weight(uint32_t gram, uint32_t count) const;
  double Length(const Text& text) const;
  // Rarest (fewest postings) first, the order postings are read in.
  void SortRarestFirst(std::vector<std::pair<uint32_t, double>>* grams) const;
  double ReadRarestFirst(const std::vector<std::pair<uint32_t, double>>& grams,
                         StampedSums<double>* sums) const;
  // Hash and count of each n-gram of a text's words, by hash (`hashes` is
  // scratch space).
  static void Grams(const Analysis& analysis, std::vector<uint64_t>* hashes,
                    std::vector<std::pair<uint64_t, uint32_t>>* grams);

  uint64_t scratch_id_;
  size_t max_learned_texts_;
  bool learned_ = false;
  HashIndex gram_ids_;
  std::vector<double> idf_;
  double unknown_idf_ = 1;
  std::vector<std::vector<Posting>> postings_;
  // N-grams more than kMaxOwnerShare of the owners have: not scored.
  std::vector<bool> common_;
  uint32_t owners_ = 0;
  // Until Finish(): each text's n-grams (id, count), owner and weight.
  struct Text {
    uint32_t owner;
    double weight;
    std::vector<std::pair<uint32_t, uint32_t>> grams;
  };
  std::vector<Text> texts_;
};

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_MATCH_NGRAM_MODEL_H_
