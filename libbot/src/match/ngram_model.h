// Copyright 2026 The libbot Authors.
//
// A second opinion for the search, learned from the bot's own texts at load
// time: each owner (intent, FAQ entry) is the centroid of its phrasings in a
// TF-IDF space of character 4-grams of folded words, with the word's start
// and end marked ("^sim", "simk", "tya$"; a word of one or two letters is
// one n-gram). A message scores the cosine between its vector and each
// centroid. (3- to 5-grams ranked the same on MASSIVE, 52.1% / 56.2% against
// 52.2% / 56.3% for 4-grams alone, and cost three lookups a letter. Lemma
// keys as features beside the 4-grams: ranked first 44.8% -> 44.7% on the
// draws of bench/fit_confidence.py; the lemma search has them already.)
//
// Why: with few examples, lemma keys miss what spelling shares. A word the
// dictionary does not know still shares its beginning with its other forms
// ("simkártyámat" and "simkártya"), a compound shares its parts
// ("adategyeztetés" and "adatok"), a typo shares most of its n-grams. On
// MASSIVE with 8 examples per intent, n-gram centroids alone rank the right
// intent first 52% (hu) / 57% (pl) of the time against 48% / 53% for the
// lemma search, and the two together do better than either
// (docs/benchmarks.md; docs/architecture.md says why centroids rather than
// logistic regression).
//
// Training is one pass over the texts (no iterations, no randomness), so a
// bot of 10,000 entries loads in the time it takes to read them.
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

namespace libbot::internal {

class NgramModel {
 public:
  // At most this many postings are read per message, rarest n-grams first:
  // the work is bounded however many owners share the message's n-grams (a
  // big FAQ, a message of common words). Bots of a few hundred owners stay
  // under it; the n-grams left out are the most common, which weigh least.
  static constexpr size_t kPostingBudget = 2048;

  explicit NgramModel(uint64_t scratch_id) : scratch_id_(scratch_id) {}

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
  void Score(const Analysis& message, double min_cosine,
             const std::vector<uint32_t>& also,
             std::vector<std::pair<uint32_t, double>>* scores) const;

  size_t MemoryBytes() const;

 private:
  struct Posting {
    uint32_t owner;
    float weight;  // the n-gram's weight in the owner's unit centroid
  };
  // Hash and count of each n-gram of a text's words, by hash (`hashes` is
  // scratch space).
  static void Grams(const Analysis& analysis, std::vector<uint64_t>* hashes,
                    std::vector<std::pair<uint64_t, uint32_t>>* grams);

  uint64_t scratch_id_;
  HashIndex gram_ids_;
  std::vector<double> idf_;
  double unknown_idf_ = 1;
  std::vector<std::vector<Posting>> postings_;
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
