// Copyright 2026 The libbot Authors.
//
// A sparse accumulator over ids 0..n-1 for the hot path: one value per id
// that a message touches, and the list of ids it touched, without clearing
// n values for every message. Each id carries the stamp of the message
// (generation) that last wrote it; an older stamp reads as "untouched".
// Used per thread (ThreadScratch) by the matcher, the search and the
// n-gram model.
#ifndef LIBBOT_SRC_UTIL_STAMPED_SUMS_H_
#define LIBBOT_SRC_UTIL_STAMPED_SUMS_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace libbot::internal {

template <typename Value>
class StampedSums {
 public:
  // Room for ids 0..n-1, all untouched.
  void Resize(size_t n) {
    stamp_.assign(n, 0);
    value_.assign(n, Value());
    generation_ = 0;
    touched_.clear();
  }

  // Starts a message: every id untouched again.
  void Start() {
    if (++generation_ == 0) {  // wrapped: old stamps could read as current
      std::fill(stamp_.begin(), stamp_.end(), 0);
      generation_ = 1;
    }
    touched_.clear();
  }

  bool Touched(uint32_t id) const { return stamp_[id] == generation_; }

  // The id's value in this message, Value() when first touched.
  Value& operator[](uint32_t id) {
    if (stamp_[id] != generation_) {
      stamp_[id] = generation_;
      value_[id] = Value();
      touched_.push_back(id);
    }
    return value_[id];
  }
  // Its value; only for a touched id.
  const Value& Get(uint32_t id) const { return value_[id]; }

  // The ids touched in this message, in first-touch order. The caller may
  // reorder or shorten the list (to keep the best); the values stay.
  std::vector<uint32_t>& touched() { return touched_; }

 private:
  uint32_t generation_ = 0;
  std::vector<uint32_t> stamp_;
  std::vector<Value> value_;
  std::vector<uint32_t> touched_;
};

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_UTIL_STAMPED_SUMS_H_
