// Copyright 2026 The libbot Authors.
//
// Normalisation of one token: NFKC with Unicode case folding (NFKC_Casefold),
// so "Jelszó", "JELSZÓ" and "jelszó" (composed or decomposed) are one string.
#ifndef LIBBOT_SRC_TEXT_NORMALIZE_H_
#define LIBBOT_SRC_TEXT_NORMALIZE_H_

#include <string>
#include <string_view>

namespace libbot::internal {

// At most this many combining marks are kept after one base character; the
// rest are dropped. This is the "stream-safe" bound of UAX #15, and keeps
// normalisation linear on a flood of marks.
inline constexpr int kMaxCombiningMarks = 30;

// Writes NFKC_Casefold(token) to *out. `token` must be well-formed UTF-8.
void NormalizeToken(std::string_view token, std::string* out);

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_TEXT_NORMALIZE_H_
