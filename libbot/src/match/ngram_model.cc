// Copyright 2026 The libbot Authors.
#include "match/ngram_model.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "util/stamped_sums.h"
#include "util/thread_scratch.h"

namespace libbot::internal {
namespace {

// Character 4-grams of the folded words. (Tried on 2026-11-30: each word's
// lemma key as one more feature, so that learning could weigh irregular
// forms the n-grams miss: MASSIVE k = 8 ranked first 53.3 / 57.6% -> 53.1 /
// 57.5%. Not taken.)
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

// Learning (NgramModel::Learn): softmax regression over the owners a text
// scores highest, started from the centroids. Chosen on MASSIVE few-shot
// draws (bench/fewshot.py, k = 8, seeds 1-3; first in a numpy prototype):
// - logits are kLogitScale times the similarity, so a similarity of 1
//   against 0 is e^10 to 1 (a scale of 20 learned 1.7 points less in the
//   same passes);
// - up to kEpochs passes at kLearningRate (5 and 10 passes ranked within
//   0.3 points of each other; a rate of 2 within 0.3 of 1);
// - the softmax runs over the kCandidates best-scoring owners and the
//   text's own (all owners ranked 0.1-0.2 points higher on 50 intents, and
//   cost a thousand exponentials a text at 1,000 intents).
// The work is bounded by construction, so a bot of 1,000 intents × 10
// examples opens in under a second: a bot of more than max_learned_texts
// texts (EngineOptions, default 20,000) keeps its centroids (many phrasings
// make them good already), the passes shrink so that texts × passes stays
// under kMaxVisits (one pass at least), and learning stops after
// kMaxUpdates weight updates, which also bounds the weights it adds.
constexpr double kLogitScale = 10;
constexpr size_t kEpochs = 8;
constexpr double kLearningRate = 1.0;
constexpr size_t kCandidates = 10;
constexpr size_t kMaxVisits = 10000;
constexpr size_t kMaxUpdates = 1500000;
// A candidate whose share of the gradient is below this is not updated:
// not worth its writes (and the weights it would add).
constexpr double kMinGradient = 1e-2;
// Learned weights smaller than this are dropped: they change no ranking
// and would lengthen the lists Score() reads within its posting budget.
constexpr float kMinLearnedWeight = 0.005f;

// Sublinear term frequency, as in most TF-IDF text classifiers: a word
// repeated in one phrasing is not twice the evidence.
// (Most n-grams of a message occur once: no log for them. The log was 4% of
// a demo Respond.)
double Tf(uint32_t count) {
  return count == 1 ? 1.0 : 1.0 + std::log(static_cast<double>(count));
}

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
      const double scale = text.weight / Length(text);
      for (const auto& [gram, count] : text.grams) {
        if (sum[gram] == 0) touched.push_back(gram);
        sum[gram] += scale * Weight(gram, count);
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
  // Decided on the owners whose texts have the n-gram: learning adds
  // negative weights for others, which say nothing about how common it is.
  const size_t max_owners = std::max<size_t>(
      kMinSkippedOwners, static_cast<size_t>(kMaxOwnerShare * owners_));
  common_.assign(postings_.size(), false);
  for (size_t gram = 0; gram < postings_.size(); ++gram)
    common_[gram] = postings_[gram].size() > max_owners;
  if (texts_.size() <= max_learned_texts_ && owners_ > 1) {
    Learn();
    Prune();
    learned_ = true;
  }
  texts_.clear();
  texts_.shrink_to_fit();
}

// The weight of n-gram `gram` for `owner`, added (at 0) when the owner has
// none yet. Each n-gram's list is sorted by owner (the centroids are built
// owner by owner, and this keeps the order), so a binary search finds it:
// a hash table of every (n-gram, owner) pair cost 19 MB while MASSIVE's
// 11,514 examples were learned, a third of the load's peak. The order of a
// list changes no sum: an owner appears once in it.
float& NgramModel::WeightOf(uint32_t gram, uint32_t owner) {
  std::vector<Posting>& list = postings_[gram];
  auto it = std::lower_bound(
      list.begin(), list.end(), owner,
      [](const Posting& p, uint32_t o) { return p.owner < o; });
  if (it == list.end() || it->owner != owner)
    it = list.insert(it, Posting{owner, 0.0f});
  return it->weight;
}

double NgramModel::Weight(uint32_t gram, uint32_t count) const {
  return Tf(count) * idf_[gram];
}

double NgramModel::Length(const Text& text) const {
  double sum = 0;
  for (const auto& [gram, count] : text.grams) {
    const double v = Weight(gram, count);
    sum += v * v;
  }
  return std::sqrt(sum);
}

void NgramModel::SortRarestFirst(
    std::vector<std::pair<uint32_t, double>>* grams) const {
  std::sort(grams->begin(), grams->end(), [&](const auto& a, const auto& b) {
    return postings_[a.first].size() < postings_[b.first].size();
  });
}

// The one reading of postings, for Score() and for learning: each n-gram's
// postings add value × weight to their owners' sums, in the given order
// (rarest first) until kPostingBudget postings are read; the rest are left
// unread, and the sum of their squared values is returned.
double NgramModel::ReadRarestFirst(
    const std::vector<std::pair<uint32_t, double>>& grams,
    StampedSums<double>* sums) const {
  size_t read = 0;
  double unread = 0;
  for (const auto& [gram, v] : grams) {
    read += postings_[gram].size();
    if (read > kPostingBudget) {
      unread += v * v;
      continue;
    }
    for (const Posting& p : postings_[gram]) (*sums)[p.owner] += v * p.weight;
  }
  return unread;
}

// Each text as a unit TF-IDF vector of the n-grams Score() reads (not the
// common ones), rarest first, as Score() reads them within its budget.
std::vector<NgramModel::Sample> NgramModel::Samples() const {
  std::vector<Sample> samples;
  samples.reserve(texts_.size());
  for (const Text& text : texts_) {
    // `weight` scales the text's steps as it scales its share of the
    // centroid (article sentences count less than questions).
    Sample sample{text.owner, kLearningRate * text.weight / kLogitScale, {}};
    const double length = Length(text);
    // Exactly as long as needed: grown by doubling, the samples of a
    // 10,000-entry FAQ held about a third more than they used, at the
    // load's peak.
    sample.vector.reserve(static_cast<size_t>(
        std::count_if(text.grams.begin(), text.grams.end(),
                      [&](const auto& g) { return !common_[g.first]; })));
    for (const auto& [gram, count] : text.grams)
      if (!common_[gram])
        sample.vector.emplace_back(gram, Weight(gram, count) / length);
    SortRarestFirst(&sample.vector);
    samples.push_back(std::move(sample));
  }
  return samples;
}

// The owners `sample` scores highest, at most kCandidates, and its own,
// each with its softmax share.
void NgramModel::Candidates(
    const Sample& sample, StampedSums<double>* sums,
    std::vector<std::pair<double, uint32_t>>* candidates) const {
  sums->Start();
  (*sums)[sample.owner];  // its own owner is always a candidate
  ReadRarestFirst(sample.vector, sums);
  candidates->clear();
  // An owner the text does not resemble at all has nothing to unlearn.
  for (uint32_t owner : sums->touched())
    if (sums->Get(owner) > 0 || owner == sample.owner)
      candidates->emplace_back(sums->Get(owner), owner);
  if (candidates->size() > kCandidates) {
    std::nth_element(candidates->begin(), candidates->begin() + kCandidates - 1,
                     candidates->end(), std::greater<>());
    candidates->resize(kCandidates);
    if (!std::any_of(candidates->begin(), candidates->end(),
                     [&](const auto& c) { return c.second == sample.owner; }))
      candidates->emplace_back(sums->Get(sample.owner), sample.owner);
  }
  double top = -1e300;
  for (const auto& c : *candidates) top = std::max(top, c.first);
  double total = 0;
  for (auto& c : *candidates) {
    c.first = std::exp(kLogitScale * (c.first - top));
    total += c.first;
  }
  for (auto& c : *candidates) c.first /= total;
}

// Centroids treat every n-gram an owner's texts share as equal evidence;
// softmax regression learns which of them tell the owner apart from its
// neighbours: a text's n-grams gain weight for its own owner and lose it
// for owners that score close to it, new negative weights included. Every
// text is visited in a fixed shuffled order, so a bot always learns the
// same weights.
void NgramModel::Learn() {
  const std::vector<Sample> samples = Samples();
  std::vector<uint32_t> order(samples.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  // std::shuffle's draws differ between standard libraries; this does not.
  std::mt19937 random(17);
  StampedSums<double> sums;
  sums.Resize(owners_);
  std::vector<std::pair<double, uint32_t>> candidates;
  const size_t epochs = std::clamp<size_t>(
      kMaxVisits / std::max<size_t>(1, samples.size()), 1, kEpochs);
  size_t updates = 0;
  for (size_t epoch = 0; epoch < epochs; ++epoch) {
    for (size_t i = order.size(); i > 1; --i)
      std::swap(order[i - 1], order[random() % i]);
    for (uint32_t index : order) {
      const Sample& sample = samples[index];
      Candidates(sample, &sums, &candidates);
      // Each candidate moves by (wanted - predicted) share.
      for (const auto& [share, owner] : candidates) {
        const double gradient = (owner == sample.owner ? 1.0 : 0.0) - share;
        if (std::abs(gradient) < kMinGradient) continue;
        if (updates >= kMaxUpdates) return;
        updates += sample.vector.size();
        for (const auto& [gram, v] : sample.vector) {
          WeightOf(gram, owner) +=
              static_cast<float>(sample.step * gradient * v);
        }
      }
    }
  }
}

void NgramModel::Prune() {
  for (auto& list : postings_) {
    list.erase(std::remove_if(list.begin(), list.end(),
                              [](const Posting& p) {
                                return std::abs(p.weight) < kMinLearnedWeight;
                              }),
               list.end());
    list.shrink_to_fit();
  }
}

void NgramModel::Score(const Analysis& message, double min_cosine,
                       const std::vector<uint32_t>& also,
                       std::vector<std::pair<uint32_t, double>>* scores,
                       Below* below) const {
  scores->clear();
  if (below) *below = Below{};
  if (postings_.empty()) return;
  Accumulator& acc = ThreadScratch<Accumulator>(
      scratch_id_, [&](Accumulator& fresh) { fresh.sum.Resize(owners_); });
  acc.sum.Start();
  Grams(message, &acc.hashes, &acc.grams);
  // Every n-gram counts in the message's length; the known ones are then
  // scored rarest first until kPostingBudget postings are read.
  double norm = 0;
  size_t postings = 0;  // of all known n-grams
  acc.known.clear();
  for (const auto& [hash, count] : acc.grams) {
    const uint32_t id = gram_ids_.Get(hash);
    const double v = id == HashIndex::kMissing ? Tf(count) * unknown_idf_
                                               : Weight(id, count);
    norm += v * v;
    if (id != HashIndex::kMissing && !common_[id]) {
      acc.known.emplace_back(id, v);
      postings += postings_[id].size();
    }
  }
  // Within the budget (a small bot, a short message) the order is moot.
  if (postings > kPostingBudget) SortRarestFirst(&acc.known);
  // The n-grams left unread say nothing either way: the similarity is
  // estimated over the ones read (and the unknown ones). Counting them in
  // the length as if no owner had them made every owner of a big FAQ look
  // unlike a message (a paraphrase at 0.15 among 100,000 entries, 0.5
  // among 1,000).
  norm -= ReadRarestFirst(acc.known, &acc.sum);
  if (norm <= 0) return;
  norm = std::sqrt(norm);
  auto cosine = [&](uint32_t owner) {
    return std::clamp(acc.sum.Get(owner) / norm, 0.0, 1.0);
  };
  for (uint32_t owner : also) {
    if (owner < owners_ && acc.sum.Touched(owner))
      scores->emplace_back(owner, cosine(owner));
  }
  const double min_sum = min_cosine * norm;
  // The two best under the minimum are kept as sums (one compare per owner)
  // and turned into cosines at the end.
  double below_sums[2] = {0, 0};
  for (uint32_t owner : acc.sum.touched()) {
    const double sum = acc.sum.Get(owner);
    if (sum >= min_sum) {
      scores->emplace_back(owner, cosine(owner));
    } else if (below && sum > below_sums[1]) {
      if (sum > below_sums[0]) {
        below->owner[1] = below->owner[0];
        below_sums[1] = below_sums[0];
        below->owner[0] = owner;
        below_sums[0] = sum;
      } else {
        below->owner[1] = owner;
        below_sums[1] = sum;
      }
    }
  }
  if (below) {
    for (int i = 0; i < 2; ++i)
      if (below->owner[i] != Below::kNoOwner)
        below->cosine[i] = cosine(below->owner[i]);
  }
}

size_t NgramModel::MemoryBytes() const {
  size_t bytes = gram_ids_.MemoryBytes() + idf_.capacity() * sizeof(double);
  for (const auto& p : postings_)
    bytes += sizeof(p) + p.capacity() * sizeof(Posting);
  return bytes;
}

}  // namespace libbot::internal
