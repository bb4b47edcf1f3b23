// Copyright 2026 The libbot Authors.
#include "text/fold.h"

#include <doctest/doctest.h>

#include "libbot/analyzer.h"

namespace libbot::internal {

TEST_CASE("fold: every Hungarian accented letter, both cases") {
  CHECK(Fold("áéíóöőúüű") == "aeiooouuu");
  CHECK(Fold("ÁÉÍÓÖŐÚÜŰ") == "aeiooouuu");
  CHECK(Fold("jelszavamat") == "jelszavamat");
  CHECK(Fold("számlámat") == "szamlamat");
}

TEST_CASE(
    "fold: every Polish letter, including ł which Unicode does not decompose") {
  CHECK(Fold("ąćęłńóśźż") == "acelnoszz");
  CHECK(Fold("ĄĆĘŁŃÓŚŹŻ") == "acelnoszz");
  CHECK(Fold("hasłem") == "haslem");
  CHECK(Fold("Przesyłkę") == "przesylke");
}

TEST_CASE("fold: other letters without decompositions") {
  CHECK(Fold("øßæœđħı") == "ossaeoedhi");
  CHECK(Fold("ŀ") == "l");
  CHECK(Fold("Ṍ") == "o");  // beyond the table: ICU decomposes
  CHECK(Fold("’") == "'");
}

TEST_CASE("fold: non-letters pass through, marks and ill-formed bytes go") {
  CHECK(Fold("234,50 zł €") == "234,50 zl €");
  CHECK(Fold("😀") == "😀");
  CHECK(Fold("a\xCC\x81") == "a");
  CHECK(Fold("a\xFF"
             "b") == "ab");
}

TEST_CASE("fold: FoldText normalises first") {
  CHECK(FoldText("JELSZO\xCC\x81") == "jelszo");
  CHECK(FoldText("Zamówienie") == "zamowienie");
}

}  // namespace libbot::internal
