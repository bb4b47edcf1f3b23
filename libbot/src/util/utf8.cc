// Copyright 2026 The libbot Authors.
#include "util/utf8.h"

#include <unicode/utf8.h>

#include <climits>

namespace libbot::internal {

char32_t DecodeUtf8Multibyte(std::string_view s, size_t* pos) {
  // ICU's macro works on int32 indexes; decode from a window so that inputs
  // larger than 2 GiB are still safe (a code point is at most 4 bytes).
  const size_t window = s.size() - *pos < 4 ? s.size() - *pos : 4;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data() + *pos);
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(p, i, static_cast<int32_t>(window), c);
  *pos += static_cast<size_t>(i);
  return c < 0 ? kInvalidCodePoint : static_cast<char32_t>(c);
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

bool IsValidUtf8(std::string_view s) {
  size_t pos = 0;
  while (pos < s.size()) {
    if (DecodeUtf8(s, &pos) == kInvalidCodePoint) return false;
  }
  return true;
}

std::string_view TruncateUtf8(std::string_view text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t cut = limit;
  // Step back over continuation bytes (10xxxxxx) to a character's start.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;
  return text.substr(0, cut);
}

}  // namespace libbot::internal
