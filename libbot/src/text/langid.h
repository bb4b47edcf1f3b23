// Copyright 2026 The libbot Authors.
//
// Tells Hungarian from Polish in short customer messages, accented or not.
// Evidence, strongest first:
//  - letters only one of the languages writes (ő ű á é í ú ö ü / ą ę ć ł ń ś ź
//  ż);
//  - frequent function words of one language ("nem", "hogy", "meg" / "nie",
//    "czy", "się"), compared folded so "sie" counts like "się";
//  - words that one language's dictionary recognises (through its affix rules,
//    so inflected and unaccented forms count) and the other's does not.
// Too little or balanced evidence gives kUnknown: a lone "ok", "hello" or
// "faktura" (a word of both) is not guessed.
// Thread safety: immutable; Detect() may be called concurrently.
#ifndef LIBBOT_SRC_TEXT_LANGID_H_
#define LIBBOT_SRC_TEXT_LANGID_H_

#include <string_view>
#include <vector>

#include "util/hash_index.h"
#include "text/lemmatizer.h"
#include "libbot/analyzer.h"

namespace libbot::internal {

struct LanguageScores {
  double hu = 0;
  double pl = 0;
};

class LanguageDetector {
 public:
  // The lemmatizers must outlive the detector.
  LanguageDetector(const Lemmatizer* hu, const Lemmatizer* pl);

  // Uses the word tokens' norm and folded forms.
  LanguageGuess Detect(const std::vector<Token>& tokens) const;
  LanguageScores Score(const std::vector<Token>& tokens) const;

 private:
  double ScoreWord(const Token& token, LanguageScores* scores) const;

  const Lemmatizer* hu_;
  const Lemmatizer* pl_;
  HashIndex stopwords_;  // folded word → Lang
};

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_TEXT_LANGID_H_
