// Copyright 2026 The libbot Authors.
#include "util/utf8.h"

#include <doctest/doctest.h>

namespace libbot::internal {

char32_t DecodeAt(std::string_view s, size_t* pos) {
  return DecodeUtf8(s, pos);
}

TEST_CASE("utf8: decodes well-formed sequences of every length") {
  const std::string s = "a\xC3\xA1\xE2\x82\xAC\xF0\x9F\x98\x80";  // a á € 😀
  size_t pos = 0;
  CHECK(DecodeAt(s, &pos) == U'a');
  CHECK(DecodeAt(s, &pos) == U'á');
  CHECK(DecodeAt(s, &pos) == U'€');
  CHECK(DecodeAt(s, &pos) == U'😀');
  CHECK(pos == s.size());
  CHECK(IsValidUtf8(s));
}

TEST_CASE("utf8: ill-formed sequences decode as invalid and always advance") {
  const char* cases[] = {
      "\xC0\x80",          // overlong NUL
      "\xE0\x80\xAF",      // overlong '/'
      "\xED\xA0\x80",      // UTF-16 surrogate
      "\xF4\x90\x80\x80",  // above U+10FFFF
      "\xE2\x82",          // truncated
      "\x80",              // lone continuation byte
      "\xFF",              // never valid
  };
  for (const char* c : cases) {
    const std::string s(c);
    CAPTURE(s);
    size_t pos = 0;
    CHECK(DecodeAt(s, &pos) == kInvalidCodePoint);
    CHECK(pos > 0);
    CHECK_FALSE(IsValidUtf8(s));
  }
}

TEST_CASE("utf8: AppendUtf8 round-trips") {
  for (char32_t c : {U'a', U'ő', U'ł', U'€', U'😀', char32_t{0x10FFFF}}) {
    std::string s;
    AppendUtf8(c, &s);
    size_t pos = 0;
    CHECK(DecodeUtf8(s, &pos) == c);
    CHECK(pos == s.size());
  }
}

}  // namespace libbot::internal
