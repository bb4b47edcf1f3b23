// Copyright 2026 The libbot Authors.
//
// UTF-8 decoding that never fails: an ill-formed sequence (bad lead byte,
// truncated sequence, overlong form, surrogate, > U+10FFFF) decodes as one
// kInvalidCodePoint covering its maximal ill-formed subpart, as the Unicode
// standard recommends ("U+FFFD substitution of maximal subparts").
#ifndef LIBBOT_SRC_UTIL_UTF8_H_
#define LIBBOT_SRC_UTIL_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace libbot::internal {

// Returned for ill-formed input; never produced by well-formed UTF-8, so it
// cannot be confused with a real U+FFFD typed by the user.
inline constexpr char32_t kInvalidCodePoint = 0xFFFFFFFF;

// DecodeUtf8 for a code point of two bytes or more (utf8.cc).
char32_t DecodeUtf8Multibyte(std::string_view s, size_t* pos);

// Decodes the code point starting at s[*pos] and advances *pos past it.
// Requires *pos < s.size(). ASCII, most of every message, is decoded here
// without a call.
inline char32_t DecodeUtf8(std::string_view s, size_t* pos) {
  const auto byte = static_cast<unsigned char>(s[*pos]);
  if (byte < 0x80) {
    ++*pos;
    return byte;
  }
  return DecodeUtf8Multibyte(s, pos);
}

// Appends c (must be a valid scalar value) as UTF-8.
void AppendUtf8(char32_t c, std::string* out);

// True when s is well-formed UTF-8.
bool IsValidUtf8(std::string_view s);

// The first `limit` bytes of text at most, cut at a character boundary (a
// cut never leaves half a character behind).
std::string_view TruncateUtf8(std::string_view text, size_t limit);

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_UTIL_UTF8_H_
