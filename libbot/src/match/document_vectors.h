// Copyright 2026 The libbot Authors.
//
// How much a message resembles the whole text of an article (an FAQ entry
// without questions: its title and answer): TF-IDF over character
// 2-5-grams of its folded words, each word padded by a space at either end,
// and the cosine of the two vectors.
//
// The search matches a message against each sentence of an answer (words)
// and against the entry's n-gram centroid (NgramModel). Neither sees the
// answer as one text: which letters recur through it, and how rare they are
// among the other articles. On bench/helpcentre's answers alone such a
// cosine (scikit-learn's) ranks the right article first 76% (hu) / 67% (pl)
// of the time by itself, and added to the search's rank it lifts the right
// one from among the first few: 69 -> 74% (hu), 69 -> 71% (pl)
// (docs/benchmarks.md).
//
// Thread safety: immutable after Finish(); Cosine() and Vectorize() may run
// concurrently.
#ifndef LIBBOT_SRC_MATCH_DOCUMENT_VECTORS_H_
#define LIBBOT_SRC_MATCH_DOCUMENT_VECTORS_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "libbot/analyzer.h"
#include "util/hash_index.h"

namespace libbot::internal {

class DocumentVectors {
 public:
  // (n-gram id, weight), sorted by id, of unit length. A message's counts
  // only the n-grams some document has (the others cannot meet any).
  using Vector = std::vector<std::pair<uint32_t, float>>;

  // Adds a text of `owner`'s document; an owner's texts add up (title,
  // question and answer sentences are one document).
  void Add(uint32_t owner, const Analysis& text);
  // Weighs the documents (TF-IDF over the owners that have one) and drops
  // what only building needed.
  void Finish();

  bool empty() const { return vectors_.empty(); }
  bool Has(uint32_t owner) const {
    return owner < vectors_.size() && !vectors_[owner].empty();
  }
  void Vectorize(const Analysis& message, Vector* out) const;
  // In [0, 1]; 0 for an owner without a document.
  double Cosine(uint32_t owner, const Vector& message) const;

  size_t MemoryBytes() const;

 private:
  // Calls f(hash) for each character 2-5-gram of each word of `text`.
  template <typename F>
  static void ForEachGram(const Analysis& text, F&& f);

  // Sorts and merges the counts of `owner`'s document.
  void Merge(uint32_t owner);

  HashIndex gram_ids_;
  std::vector<float> idf_;  // per n-gram id
  // Per owner: (n-gram id, count) while building; (id, weight) after
  // Finish(), sorted by id and of unit length.
  std::vector<Vector> vectors_;
  // Per owner, while building: how much of its vector is sorted and merged.
  std::vector<size_t> merged_;
  size_t documents_ = 0;
};

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_MATCH_DOCUMENT_VECTORS_H_
