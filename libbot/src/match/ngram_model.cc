// Copyright 2026 The libbot Authors.
#include "match/ngram_model.h"

#include <algorithm>
#include <cmath>

#include "util/stamped_sums.h"
#include "util/thread_scratch.h"

namespace libbot::internal {
namespace {

constexpr size_t kMinGram = 4;
constexpr size_t kMaxGram = 4;
// An n-gram more than this share of the owners have is skipped when scoring
// (it still counts in the message's length): it tells little, and its long
// posting list would cost more than the rest of the message together.
constexpr double kMaxOwnerShare = 0.5;
constexpr size_t kMinSkippedOwners = 8;  // small bots score every n-gram

struct Accumulator {
  uint64_t owner = 0;
  StampedSums<double> sum;                         // per owner
  std::vector<std::pair<uint32_t, double>> known;  // n-gram id, weight
  std::vector<uint64_t> hashes;
  std::vector<std::pair<uint64_t, uint32_t>> grams;
};

// Sublinear term frequency, as in most TF-IDF text classifiers: a word
// repeated in one phrasing is not twice the evidence.
double Tf(uint32_t count) { return 1.0 + std::log(static_cast<double>(count)); }

}  // namespace

void NgramModel::Grams(const Analysis& analysis, std::vector<uint64_t>* hashes,
                       std::vector<std::pair<uint64_t, uint32_t>>* grams) {
  hashes->clear();
  grams->clear();
  for (const Token& t : analysis.tokens) {
    if (t.kind != TokenKind::kWord && t.kind != TokenKind::kNumber &&
        t.kind != TokenKind::kCode)
      continue;
    // The word between its start and end marks, "^sim$", read in place.
    const std::string_view word = t.folded;
    const size_t size = word.size() + 2;
    auto at = [&](size_t i) -> unsigned char {
      return i == 0 ? '^' : i == size - 1 ? '$' : word[i - 1];
    };
    if (size <= kMinGram) {
      uint64_t h = kHashSeed;
      for (size_t i = 0; i < size; ++i) h = (h ^ at(i)) * 0x100000001b3ULL;
      hashes->push_back(FinishHash(h));
      continue;
    }
    // Each start's 3-, 4- and 5-grams share their hash prefix. The length is
    // part of the key, so "abc" of a 3-gram and of a longer one never meet.
    for (size_t i = 0; i + kMinGram <= size; ++i) {
      uint64_t h = kHashSeed;
      for (size_t j = i; j < i + kMaxGram && j < size; ++j) {
        h = (h ^ at(j)) * 0x100000001b3ULL;
        const size_t n = j - i + 1;
        if (n >= kMinGram) hashes->push_back(FinishHash(h) + n);
      }
    }
  }
  std::sort(hashes->begin(), hashes->end());
  for (uint64_t h : *hashes) {
    if (!grams->empty() && grams->back().first == h) {
      ++grams->back().second;
    } else {
      grams->emplace_back(h, 1);
    }
  }
}

void NgramModel::Add(uint32_t owner, const Analysis& analysis, double weight) {
  std::vector<uint64_t> hashes;
  std::vector<std::pair<uint64_t, uint32_t>> grams;
  Grams(analysis, &hashes, &grams);
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
  postings_.assign(idf_.size(), {});
  // Each owner's centroid is the weighted sum of its texts' unit vectors,
  // summed in a dense array over the n-grams (no sorting: one pass over the
  // texts, grouped by owner), then scaled to length 1.
  std::vector<uint32_t> order(texts_.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return texts_[a].owner < texts_[b].owner;
  });
  std::vector<double> sum(idf_.size(), 0);
  std::vector<uint32_t> touched;
  for (size_t begin = 0; begin < order.size();) {
    const uint32_t owner = texts_[order[begin]].owner;
    size_t end = begin;
    for (; end < order.size() && texts_[order[end]].owner == owner; ++end) {
      const Text& text = texts_[order[end]];
      double norm = 0;
      for (const auto& [gram, count] : text.grams) {
        const double v = Tf(count) * idf_[gram];
        norm += v * v;
      }
      const double scale = text.weight / std::sqrt(norm);
      for (const auto& [gram, count] : text.grams) {
        if (sum[gram] == 0) touched.push_back(gram);
        sum[gram] += scale * Tf(count) * idf_[gram];
      }
    }
    double norm = 0;
    for (uint32_t gram : touched) norm += sum[gram] * sum[gram];
    norm = std::sqrt(norm);
    for (uint32_t gram : touched) {
      postings_[gram].push_back({owner, static_cast<float>(sum[gram] / norm)});
      sum[gram] = 0;
    }
    touched.clear();
    begin = end;
  }
  texts_.clear();
  texts_.shrink_to_fit();
}

void NgramModel::Score(const Analysis& message, double min_cosine,
                       const std::vector<uint32_t>& also,
                       std::vector<std::pair<uint32_t, double>>* scores) const {
  scores->clear();
  if (postings_.empty()) return;
  Accumulator& acc = ThreadScratch<Accumulator>(
      scratch_id_, [&](Accumulator& fresh) { fresh.sum.Resize(owners_); });
  acc.sum.Start();
  Grams(message, &acc.hashes, &acc.grams);
  const size_t max_postings = std::max<size_t>(
      kMinSkippedOwners, static_cast<size_t>(kMaxOwnerShare * owners_));
  // Every n-gram counts in the message's length; the known ones are then
  // scored rarest first until kPostingBudget postings are read.
  double norm = 0;
  size_t postings = 0;  // of all known n-grams
  acc.known.clear();
  for (const auto& [hash, count] : acc.grams) {
    const uint32_t id = gram_ids_.Get(hash);
    const double v =
        Tf(count) * (id == HashIndex::kMissing ? unknown_idf_ : idf_[id]);
    norm += v * v;
    if (id != HashIndex::kMissing && postings_[id].size() <= max_postings) {
      acc.known.emplace_back(id, v);
      postings += postings_[id].size();
    }
  }
  // Within the budget (a small bot, a short message) the order is moot.
  if (postings > kPostingBudget) {
    std::sort(acc.known.begin(), acc.known.end(),
              [&](const auto& a, const auto& b) {
                return postings_[a.first].size() < postings_[b.first].size();
              });
  }
  size_t read = 0;
  for (const auto& [id, v] : acc.known) {
    read += postings_[id].size();
    if (read > kPostingBudget) break;
    for (const Posting& p : postings_[id]) acc.sum[p.owner] += v * p.weight;
  }
  if (norm <= 0) return;
  norm = std::sqrt(norm);
  auto cosine = [&](uint32_t owner) {
    return std::min(1.0, acc.sum.Get(owner) / norm);
  };
  for (uint32_t owner : also) {
    if (owner < owners_ && acc.sum.Touched(owner))
      scores->emplace_back(owner, cosine(owner));
  }
  const double min_sum = min_cosine * norm;
  for (uint32_t owner : acc.sum.touched()) {
    if (acc.sum.Get(owner) >= min_sum)
      scores->emplace_back(owner, cosine(owner));
  }
}

size_t NgramModel::MemoryBytes() const {
  size_t bytes = gram_ids_.MemoryBytes() + idf_.capacity() * sizeof(double);
  for (const auto& p : postings_)
    bytes += sizeof(p) + p.capacity() * sizeof(Posting);
  return bytes;
}

}  // namespace libbot::internal
