// Copyright 2026 The libbot Authors.
#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "test_support.h"

namespace libbot {

TEST_CASE("langid: at least 95% right on 200 short customer messages") {
  std::ifstream in(testing::DataPath("langid.tsv"));
  REQUIRE(in);
  const Analyzer& analyzer = testing::SharedAnalyzer();
  int total = 0, right = 0, unknown = 0;
  std::string line, misses;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    Lang expected;
    REQUIRE(ParseLang(line.substr(0, tab), &expected));
    const std::string text = line.substr(tab + 1);
    const LanguageGuess guess = analyzer.DetectLanguage(text);
    ++total;
    if (guess.lang == expected) {
      ++right;
    } else {
      if (guess.lang == Lang::kUnknown) ++unknown;
      misses += "  [" + std::string(LangCode(guess.lang)) + "] " + text + "\n";
    }
  }
  MESSAGE(right << "/" << total << " right, " << unknown
                << " unknown; misses:\n"
                << misses);
  CHECK(total == 200);
  CHECK(right * 100 >= total * 95);
}

TEST_CASE("langid: one word is answered only when the word is telling") {
  const Analyzer& analyzer = testing::SharedAnalyzer();
  for (const char* word :
       {"ok", "hello", "123", "faktura", "?", "", "👍", "a", "test"}) {
    CAPTURE(word);
    CHECK(analyzer.DetectLanguage(word).lang == Lang::kUnknown);
  }
  CHECK(analyzer.DetectLanguage("jelszó").lang == Lang::kHu);
  CHECK(analyzer.DetectLanguage("hasło").lang == Lang::kPl);
  CHECK(analyzer.DetectLanguage("köszönöm").lang == Lang::kHu);
  CHECK(analyzer.DetectLanguage("dziękuję").lang == Lang::kPl);
}

TEST_CASE("langid: confidence grows with evidence and stays in [0, 1]") {
  const Analyzer& analyzer = testing::SharedAnalyzer();
  const LanguageGuess one = analyzer.DetectLanguage("szamla");
  const LanguageGuess many =
      analyzer.DetectLanguage("nem jott meg a szamla es a csomag sem");
  CHECK(many.lang == Lang::kHu);
  CHECK(many.confidence > one.confidence);
  CHECK(many.confidence <= 1.0);
  CHECK(one.confidence >= 0.0);
}

TEST_CASE("langid: Analyze uses the given language, or detects one") {
  const Analyzer& analyzer = testing::SharedAnalyzer();
  const Analysis given = analyzer.Analyze("faktura", Lang::kPl);
  CHECK(given.language.lang == Lang::kPl);
  CHECK(given.language.confidence == 1.0);
  const Analysis detected = analyzer.Analyze("Gdzie jest moja paczka?");
  CHECK(detected.language.lang == Lang::kPl);
  CHECK(detected.tokens[3].key == "paczka");
}

}  // namespace libbot
