// Copyright 2026 The libbot Authors.
#include "text/normalize.h"

#include <doctest/doctest.h>

#include "libbot/analyzer.h"
#include "util/utf8.h"

namespace libbot::internal {
namespace {

std::string Norm(std::string_view s) {
  std::string out;
  NormalizeToken(s, &out);
  return out;
}

size_t CountCodePoints(const std::string& s) {
  size_t pos = 0, n = 0;
  while (pos < s.size()) {
    DecodeUtf8(s, &pos);
    ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("normalize: case folding, Hungarian and Polish capitals") {
  CHECK(Norm("JELSZÓ") == "jelszó");
  CHECK(Norm("ŐSZINTE ŰRLAP") == "őszinte űrlap");
  CHECK(Norm("HASŁO ŻÓŁW ŚĆ") == "hasło żółw ść");
  CHECK(Norm("Rendelés") == "rendelés");
  CHECK(Norm("ABC xyz") == "abc xyz");  // the ASCII fast path
}

TEST_CASE("normalize: decomposed input composes (NFKC)") {
  CHECK(Norm("jelszo\xCC\x81") == "jelszó");  // o + combining acute
  CHECK(Norm("has\xC5\x82o") == "hasło");
  CHECK(Norm("\xEF\xBC\xA1\xEF\xBC\xA2") == "ab");  // fullwidth ＡＢ
  CHECK(Norm("\xEF\xAC\x81le") == "file");          // the ﬁ ligature
  CHECK(Norm("Stra\xC3\x9F"
             "e") == "strasse");
}

TEST_CASE("normalize: a flood of combining marks is bounded") {
  std::string flood = "a";
  for (int i = 0; i < 10000; ++i) flood += "\xCC\x81";  // U+0301
  const std::string out = Norm(flood);
  CHECK(CountCodePoints(out) <= static_cast<size_t>(kMaxCombiningMarks) + 1);
  CHECK(out.rfind("\xC3\xA1", 0) == 0);  // á: the first mark composed
}

TEST_CASE("normalize: public NormalizeText replaces ill-formed bytes") {
  CHECK(NormalizeText("A\xFF"
                      "B") ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(ToValidUtf8("ok\xC0\x80") == "ok\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(ToValidUtf8("hasło") == "hasło");
}

}  // namespace libbot::internal
