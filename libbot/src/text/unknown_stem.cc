// Copyright 2026 The libbot Authors.
#include "text/unknown_stem.h"

#include <libstemmer.h>

#include <array>
#include <mutex>

namespace libbot::internal {
namespace {

// Folded Polish endings of nouns and adjectives, longest first so that
// "blikiem" loses "iem", not "m". Verbs are left alone: an unknown verb is
// rare in a customer message, and its endings ("-ła", "-my") would cut nouns.
constexpr std::array<std::string_view, 27> kPolishEndings = {
    "ami", "ach", "owi", "iem", "iego", "iemu",  // 3-4 letters
    "ego", "emu", "ymi", "imi", "ych",  "ich",  "em", "om", "ow",
    "ie",  "ia",  "iu",                                            // 2 letters
    "ej",  "ym",  "im",  "a",   "u",    "y",    "i",  "e",  "o"};  // 1 letter

std::string StripPolishEnding(std::string_view folded) {
  size_t best = 0;
  for (std::string_view ending : kPolishEndings) {
    if (ending.size() > best && folded.size() > ending.size() &&
        folded.substr(folded.size() - ending.size()) == ending) {
      best = ending.size();
    }
  }
  return std::string(folded.substr(0, folded.size() - best));
}

// One Snowball stemmer for the process. Its object keeps per-call state, so
// calls take turns; they are rare (only dictionary misses, and the
// lemmatiser caches its results).
std::string HungarianSnowballStem(std::string_view folded) {
  static std::mutex mu;
  static sb_stemmer* const stemmer = sb_stemmer_new("hungarian", "UTF_8");
  if (stemmer == nullptr) return std::string(folded);
  std::lock_guard<std::mutex> lock(mu);
  const sb_symbol* stem = sb_stemmer_stem(
      stemmer, reinterpret_cast<const sb_symbol*>(folded.data()),
      static_cast<int>(folded.size()));
  if (stem == nullptr) return std::string(folded);  // out of memory
  return std::string(reinterpret_cast<const char*>(stem),
                     static_cast<size_t>(sb_stemmer_length(stemmer)));
}

}  // namespace

std::string GuessStem(UnknownStemming how, std::string_view folded) {
  std::string stem;
  switch (how) {
    case UnknownStemming::kNone:
      return std::string(folded);
    case UnknownStemming::kHungarian:
      stem = HungarianSnowballStem(folded);
      break;
    case UnknownStemming::kPolishEndings:
      stem = StripPolishEnding(folded);
      break;
  }
  if (stem.size() < kMinGuessedStemBytes) return std::string(folded);
  return stem;
}

}  // namespace libbot::internal
