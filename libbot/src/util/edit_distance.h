// Copyright 2026 The libbot Authors.
//
// The edit distance of two byte strings.
#ifndef LIBBOT_SRC_UTIL_EDIT_DISTANCE_H_
#define LIBBOT_SRC_UTIL_EDIT_DISTANCE_H_

#include <algorithm>
#include <string_view>
#include <vector>

namespace libbot::internal {

// Levenshtein distance over bytes (insertions, deletions, substitutions),
// 0 when equal. O(|a| × |b|) time, O(|b|) memory: for short strings (ids,
// words), not for whole texts.
inline size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                         diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_UTIL_EDIT_DISTANCE_H_
