// Copyright 2026 The libbot Authors.
//
// Diacritic folding: the form a customer types without accents. Lower-cases
// and removes accents, including the letters Unicode does not decompose:
// ł→l, đ→d, ø→o, ħ→h, ı→i, ŧ→t; ß→ss, æ→ae, œ→oe.
//   "Jelszavamat" → "jelszavamat", "számlát" → "szamlat", "hasłem" → "haslem".
#ifndef LIBBOT_SRC_TEXT_FOLD_H_
#define LIBBOT_SRC_TEXT_FOLD_H_

#include <string>
#include <string_view>

namespace libbot::internal {

// Appends the folded form of UTF-8 `text` to *out. Works on any case
// (lower-cases Latin letters itself), so it also serves dictionary words that
// did not go through NormalizeToken. Ill-formed bytes are dropped.
void AppendFolded(std::string_view text, std::string* out);

inline std::string Fold(std::string_view text) {
  std::string out;
  AppendFolded(text, &out);
  return out;
}

// The folded form of one code point (empty for a combining mark).
std::string FoldCodePoint(char32_t c);

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_TEXT_FOLD_H_
