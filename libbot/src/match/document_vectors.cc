// Copyright 2026 The libbot Authors.
#include "match/document_vectors.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

namespace libbot::internal {
namespace {

constexpr size_t kMinGram = 2;
constexpr size_t kMaxGram = 5;

// Sums the counts of equal ids in a vector sorted by id.
void MergeSorted(DocumentVectors::Vector* v) {
  size_t out = 0;
  for (size_t i = 0; i < v->size(); ++i) {
    if (out > 0 && (*v)[out - 1].first == (*v)[i].first) {
      (*v)[out - 1].second += (*v)[i].second;
    } else {
      (*v)[out++] = (*v)[i];
    }
  }
  v->resize(out);
}

void Normalize(DocumentVectors::Vector* v) {
  double norm = 0;
  for (const auto& [id, w] : *v) norm += static_cast<double>(w) * w;
  if (norm <= 0) return;
  const double scale = 1.0 / std::sqrt(norm);
  for (auto& [id, w] : *v) w = static_cast<float>(w * scale);
}

// Sublinear term frequency, as in the TF-IDF measured on bench/helpcentre:
// a letter sequence repeated through an answer counts, but not linearly.
float Tf(float count) { return 1.0f + std::log(count); }

}  // namespace

template <typename F>
void DocumentVectors::ForEachGram(const Analysis& text, F&& f) {
  std::string padded;
  for (const Token& t : text.tokens) {
    if (t.kind == TokenKind::kSymbol || t.folded.empty()) continue;
    // " word ": the first and last letters make n-grams of their own, so
    // endings and beginnings count apart from the middle of a word.
    padded.assign(1, ' ');
    padded += t.folded;
    padded += ' ';
    const std::string_view word(padded);
    for (size_t n = kMinGram; n <= kMaxGram; ++n) {
      if (word.size() <= n) {
        // No longer n-grams than the word: itself, once.
        f(HashString(word));
        break;
      }
      for (size_t i = 0; i + n <= word.size(); ++i)
        f(HashString(word.substr(i, n)));
    }
  }
}

void DocumentVectors::Add(uint32_t owner, const Analysis& text) {
  Vector grams;
  ForEachGram(text, [&](uint64_t hash) {
    uint32_t id = gram_ids_.Get(hash);
    if (id == HashIndex::kMissing) {
      id = static_cast<uint32_t>(idf_.size());
      gram_ids_.Put(hash, id);
      idf_.push_back(0);
    }
    grams.emplace_back(id, 1.0f);
  });
  if (grams.empty()) return;
  if (vectors_.size() <= owner) {
    vectors_.resize(owner + 1);
    merged_.resize(owner + 1, 0);
  }
  Vector& v = vectors_[owner];
  if (v.empty()) ++documents_;
  v.insert(v.end(), grams.begin(), grams.end());
  // Sorted and merged when the unmerged tail outgrows the merged part, so
  // an article of thousands of sentences costs O(n log n), not a sort per
  // sentence; Finish() merges the rest.
  if (v.size() - merged_[owner] > merged_[owner]) Merge(owner);
}

void DocumentVectors::Merge(uint32_t owner) {
  Vector& v = vectors_[owner];
  std::sort(v.begin(), v.end());
  MergeSorted(&v);
  merged_[owner] = v.size();
}

void DocumentVectors::Finish() {
  for (uint32_t owner = 0; owner < vectors_.size(); ++owner) {
    if (merged_[owner] != vectors_[owner].size()) Merge(owner);
  }
  merged_ = {};
  // Document frequency first (idf_ holds it until it becomes the idf).
  for (const Vector& v : vectors_)
    for (const auto& [id, count] : v) idf_[id] += 1;
  // Smoothed: ln((1 + N) / (1 + df)) + 1, so an n-gram every document has
  // still counts a little.
  const double n = static_cast<double>(documents_);
  for (float& x : idf_)
    x = static_cast<float>(std::log((1.0 + n) / (1.0 + x)) + 1.0);
  for (Vector& v : vectors_) {
    for (auto& [id, w] : v) w = Tf(w) * idf_[id];
    Normalize(&v);
    v.shrink_to_fit();
  }
}

void DocumentVectors::Vectorize(const Analysis& message, Vector* out) const {
  out->clear();
  if (vectors_.empty()) return;
  ForEachGram(message, [&](uint64_t hash) {
    const uint32_t id = gram_ids_.Get(hash);
    if (id != HashIndex::kMissing) out->emplace_back(id, 1.0f);
  });
  std::sort(out->begin(), out->end());
  MergeSorted(out);
  for (auto& [id, w] : *out) w = Tf(w) * idf_[id];
  Normalize(out);
}

double DocumentVectors::Cosine(uint32_t owner, const Vector& message) const {
  if (!Has(owner) || message.empty()) return 0;
  const Vector& doc = vectors_[owner];
  // Both sorted by id: for each n-gram of the (short) message, a binary
  // search of the (long) document from where the last one stopped.
  double dot = 0;
  auto d = doc.begin();
  for (const auto& [id, w] : message) {
    d = std::lower_bound(
        d, doc.end(), std::make_pair(id, 0.0f),
        [](const auto& a, const auto& b) { return a.first < b.first; });
    if (d == doc.end()) break;
    if (d->first == id) dot += static_cast<double>(w) * d->second;
  }
  return std::clamp(dot, 0.0, 1.0);
}

size_t DocumentVectors::MemoryBytes() const {
  size_t bytes = gram_ids_.MemoryBytes() + idf_.capacity() * sizeof(float) +
                 vectors_.capacity() * sizeof(Vector);
  for (const Vector& v : vectors_)
    bytes += v.capacity() * sizeof(Vector::value_type);
  return bytes;
}

}  // namespace libbot::internal
