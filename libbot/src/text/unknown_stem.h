// Copyright 2026 The libbot Authors.
//
// A key for a word the dictionary does not know, so that its inflected forms
// meet: "simkártya", "simkártyámat", "simkártyáink" → "simkarty"; "BLIK",
// "BLIK-iem", "blikiem", "bliku" → "blik". Brand names, products and jargon
// are exactly the words a bot's rules use and the dictionary lacks.
//
// Hungarian: Snowball's Hungarian stemmer (libstemmer), run on the folded
// word. Polish: Snowball has no Polish stemmer, so one nominal ending from a
// short list is stripped (-ami, -ach, -iem, -em, -owi, -u, -a, -y, ...).
//
// A guess is a guess: the stem is taken only when at least
// kMinGuessedStemBytes remain, so a short word keeps itself ("esim" is not
// "es", "telekom" not "tel") and a stem rarely lands on another word's key.
// A word whose stem is refused keeps its folded form, as before.
//
// Thread safety: GuessStem may be called concurrently.
#ifndef LIBBOT_SRC_TEXT_UNKNOWN_STEM_H_
#define LIBBOT_SRC_TEXT_UNKNOWN_STEM_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace libbot::internal {

enum class UnknownStemming {
  kNone,           // unknown words keep their folded form
  kHungarian,      // Snowball's Hungarian stemmer
  kPolishEndings,  // one ending from a list of Polish nominal endings
};

inline constexpr size_t kMinGuessedStemBytes = 4;

// The stem of a folded word the dictionary does not know, or the word itself
// when no stem of at least kMinGuessedStemBytes is found.
std::string GuessStem(UnknownStemming how, std::string_view folded);

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_TEXT_UNKNOWN_STEM_H_
