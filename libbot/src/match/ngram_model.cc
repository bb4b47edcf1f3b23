// Copyright 2026 The libbot Authors.
#include "match/ngram_model.h"

#include <algorithm>
#include <cmath>

#include "util/thread_scratch.h"

namespace libbot::internal {
namespace {

constexpr size_t kMinGram = 3;
constexpr size_t kMaxGram = 5;
// An n-gram more than this share of the owners have is skipped when scoring
// (it still counts in the message's length): it tells little, and its long
// posting list would cost more than the rest of the message together.
constexpr double kMaxOwnerShare = 0.5;
constexpr size_t kMinSkippedOwners = 8;  // small bots score every n-gram

struct Accumulator {
  uint64_t owner = 0;
  uint32_t generation = 0;
  std::vector<uint32_t> stamp;
  std::vector<double> sum;
  std::vector<uint32_t> touched;
  std::vector<std::pair<uint64_t, uint32_t>> grams;
};

// Sorts (hash, count) pairs and merges equal hashes.
void MergeCounts(std::vector<std::pair<uint64_t, uint32_t>>* grams) {
  std::sort(grams->begin(), grams->end());
  size_t out = 0;
  for (size_t i = 0; i < grams->size(); ++i) {
    if (out > 0 && (*grams)[out - 1].first == (*grams)[i].first) {
      (*grams)[out - 1].second += (*grams)[i].second;
    } else {
      (*grams)[out++] = (*grams)[i];
    }
  }
  grams->resize(out);
}

// Sublinear term frequency, as in most TF-IDF text classifiers: a word
// repeated in one phrasing is not twice the evidence.
double Tf(uint32_t count) { return 1.0 + std::log(static_cast<double>(count)); }

}  // namespace

void NgramModel::Grams(const Analysis& analysis,
                       std::vector<std::pair<uint64_t, uint32_t>>* grams) {
  grams->clear();
  std::string padded;
  for (const Token& t : analysis.tokens) {
    if (t.kind != TokenKind::kWord && t.kind != TokenKind::kNumber &&
        t.kind != TokenKind::kCode)
      continue;
    padded.assign(1, '^').append(t.folded).push_back('$');
    if (padded.size() <= kMinGram) {
      grams->emplace_back(HashString(padded), 1);
      continue;
    }
    for (size_t n = kMinGram; n <= kMaxGram && n <= padded.size(); ++n) {
      for (size_t i = 0; i + n <= padded.size(); ++i) {
        // The length is part of the key, so "abc" of a 3-gram and of a
        // longer one never meet.
        grams->emplace_back(
            HashString(std::string_view(padded).substr(i, n)) + n, 1);
      }
    }
  }
  MergeCounts(grams);
}

void NgramModel::Add(uint32_t owner, const Analysis& analysis, double weight) {
  std::vector<std::pair<uint64_t, uint32_t>> grams;
  Grams(analysis, &grams);
  if (grams.empty()) return;
  Text text{owner, weight, {}};
  text.grams.reserve(grams.size());
  for (const auto& [hash, count] : grams) {
    uint32_t id = gram_ids_.Get(hash);
    if (id == HashIndex::kMissing) {
      id = static_cast<uint32_t>(idf_.size());
      gram_ids_.Put(hash, id);
      idf_.push_back(0);  // document frequency until Finish()
    }
    idf_[id] += 1;
    text.grams.emplace_back(id, count);
  }
  owners_ = std::max(owners_, owner + 1);
  texts_.push_back(std::move(text));
}

void NgramModel::Finish() {
  // Smoothed inverse document frequency: ln((1 + N) / (1 + df)) + 1.
  const double n = static_cast<double>(texts_.size());
  for (double& df : idf_) df = std::log((1.0 + n) / (1.0 + df)) + 1.0;
  unknown_idf_ = std::log(1.0 + n) + 1.0;
  // Each owner's centroid: the sum of its texts' unit vectors (weighted),
  // as (owner, gram, value) triples sorted so an owner's grams are adjacent.
  struct Cell {
    uint32_t owner, gram;
    double value;
  };
  std::vector<Cell> cells;
  for (const Text& text : texts_) {
    double norm = 0;
    for (const auto& [gram, count] : text.grams) {
      const double v = Tf(count) * idf_[gram];
      norm += v * v;
    }
    norm = std::sqrt(norm);
    for (const auto& [gram, count] : text.grams) {
      cells.push_back(
          {text.owner, gram, text.weight * Tf(count) * idf_[gram] / norm});
    }
  }
  texts_.clear();
  texts_.shrink_to_fit();
  std::sort(cells.begin(), cells.end(), [](const Cell& a, const Cell& b) {
    return a.owner != b.owner ? a.owner < b.owner : a.gram < b.gram;
  });
  postings_.assign(idf_.size(), {});
  for (size_t begin = 0; begin < cells.size();) {
    size_t end = begin;
    while (end < cells.size() && cells[end].owner == cells[begin].owner) ++end;
    // Merge the owner's equal grams, then scale the centroid to length 1.
    size_t out = begin;
    for (size_t i = begin; i < end; ++i) {
      if (out > begin && cells[out - 1].gram == cells[i].gram) {
        cells[out - 1].value += cells[i].value;
      } else {
        cells[out++] = cells[i];
      }
    }
    double norm = 0;
    for (size_t i = begin; i < out; ++i)
      norm += cells[i].value * cells[i].value;
    norm = std::sqrt(norm);
    for (size_t i = begin; i < out; ++i) {
      postings_[cells[i].gram].push_back(
          {cells[i].owner, static_cast<float>(cells[i].value / norm)});
    }
    begin = end;
  }
}

void NgramModel::Score(const Analysis& message,
                       std::vector<std::pair<uint32_t, double>>* scores) const {
  scores->clear();
  if (postings_.empty()) return;
  Accumulator& acc =
      ThreadScratch<Accumulator>(scratch_id_, [&](Accumulator& fresh) {
        fresh.generation = 0;
        fresh.stamp.assign(owners_, 0);
        fresh.sum.assign(owners_, 0);
      });
  if (++acc.generation == 0) {
    std::fill(acc.stamp.begin(), acc.stamp.end(), 0);
    acc.generation = 1;
  }
  acc.touched.clear();
  Grams(message, &acc.grams);
  const size_t max_postings = std::max<size_t>(
      kMinSkippedOwners, static_cast<size_t>(kMaxOwnerShare * owners_));
  double norm = 0;
  for (const auto& [hash, count] : acc.grams) {
    const uint32_t id = gram_ids_.Get(hash);
    const double v =
        Tf(count) * (id == HashIndex::kMissing ? unknown_idf_ : idf_[id]);
    norm += v * v;
    if (id == HashIndex::kMissing || postings_[id].size() > max_postings)
      continue;
    for (const Posting& p : postings_[id]) {
      if (acc.stamp[p.owner] != acc.generation) {
        acc.stamp[p.owner] = acc.generation;
        acc.sum[p.owner] = 0;
        acc.touched.push_back(p.owner);
      }
      acc.sum[p.owner] += v * p.weight;
    }
  }
  if (norm <= 0) return;
  norm = std::sqrt(norm);
  scores->reserve(acc.touched.size());
  for (uint32_t owner : acc.touched)
    scores->emplace_back(owner, std::min(1.0, acc.sum[owner] / norm));
}

size_t NgramModel::MemoryBytes() const {
  size_t bytes = gram_ids_.MemoryBytes() + idf_.capacity() * sizeof(double);
  for (const auto& p : postings_)
    bytes += sizeof(p) + p.capacity() * sizeof(Posting);
  return bytes;
}

}  // namespace libbot::internal
