// Copyright 2026 The libbot Authors.
//
// A compact open-addressing index from a string's 64-bit hash to a uint32
// value. Keys themselves are not stored: with a few hundred thousand keys the
// chance of one false hit per lookup is about 1e-14, and it keeps the
// dictionaries of both languages in a few megabytes.
#ifndef LIBBOT_SRC_UTIL_HASH_INDEX_H_
#define LIBBOT_SRC_UTIL_HASH_INDEX_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace libbot::internal {

// FNV-1a with a murmur3 finaliser: fast on short words, well mixed.
inline constexpr uint64_t kHashSeed = 0xcbf29ce484222325ULL;

inline uint64_t HashBytes(uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

inline uint64_t FinishHash(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h == 0 ? 1 : h;  // 0 marks an empty slot
}

inline uint64_t HashString(std::string_view s) {
  return FinishHash(HashBytes(kHashSeed, s));
}

class HashIndex {
 public:
  static constexpr uint32_t kMissing = UINT32_MAX;

  // Inserts or overwrites. The table grows to keep its load under 0.6.
  void Put(uint64_t hash, uint32_t value) {
    if ((size_ + 1) * 5 > hashes_.size() * 3) Grow();
    PutNoGrow(hash, value);
  }
  // Room for `n` entries without growing (growing briefly holds the old and
  // the new table: a peak when loading big dictionaries).
  void Reserve(size_t n) {
    size_t capacity = hashes_.empty() ? 1024 : hashes_.size();
    while (n * 5 > capacity * 3) capacity *= 2;
    if (capacity > hashes_.size()) Rehash(capacity);
  }
  uint32_t Get(uint64_t hash) const {
    if (hashes_.empty()) return kMissing;
    const size_t mask = hashes_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      if (hashes_[i] == hash) return values_[i];
      if (hashes_[i] == 0) return kMissing;
    }
  }
  size_t size() const { return size_; }
  size_t MemoryBytes() const {
    return hashes_.capacity() * sizeof(uint64_t) +
           values_.capacity() * sizeof(uint32_t);
  }

 private:
  void PutNoGrow(uint64_t hash, uint32_t value) {
    const size_t mask = hashes_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      if (hashes_[i] == hash) {
        values_[i] = value;
        return;
      }
      if (hashes_[i] == 0) {
        hashes_[i] = hash;
        values_[i] = value;
        ++size_;
        return;
      }
    }
  }
  void Grow() { Rehash(hashes_.empty() ? 1024 : hashes_.size() * 2); }
  void Rehash(size_t capacity) {
    std::vector<uint64_t> old_hashes = std::move(hashes_);
    std::vector<uint32_t> old_values = std::move(values_);
    hashes_.assign(capacity, 0);
    values_.assign(capacity, 0);
    size_ = 0;
    for (size_t i = 0; i < old_hashes.size(); ++i) {
      if (old_hashes[i] != 0) PutNoGrow(old_hashes[i], old_values[i]);
    }
  }

  std::vector<uint64_t> hashes_;  // 0: empty slot
  std::vector<uint32_t> values_;
  size_t size_ = 0;
};

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_UTIL_HASH_INDEX_H_
