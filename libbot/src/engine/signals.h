// Copyright 2026 The libbot Authors.
//
// The conversation policy's word lists (load/signal_lists.h), read once at
// load time into lemma keys, and what they find in a message: whether it is
// a cancel, a yes, a no or a request for a person (only when that is nearly
// the whole message: "nem kell a számla" is no cancel), and which signals of
// anger it shows (anywhere in it), shouting included.
//
// Thread safety: immutable after Build(); the rest may run concurrently.
#ifndef LIBBOT_SRC_ENGINE_SIGNALS_H_
#define LIBBOT_SRC_ENGINE_SIGNALS_H_

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "libbot/analyzer.h"
#include "libbot/engine.h"
#include "load/rules.h"
#include "load/rules_loader.h"
#include "load/signal_lists.h"
#include "util/hash_index.h"

namespace libbot::internal {

class SignalWords {
 public:
  // A list may hold this many phrases per language, each of at most
  // kMaxPhraseWords words: the work per message is bounded by construction
  // (rule files may be hostile), and a real list is far shorter.
  static constexpr size_t kMaxPhrases = 500;
  static constexpr size_t kMaxPhraseWords = 8;
  // IsWhole(): polite words beside the phrase, at most.
  static constexpr size_t kMaxFillers = 6;

  // The built-in phrases of every list, and the rule files' (`signals:`),
  // each analysed in its language. A list over the bounds above is an
  // error at the phrase that passes them.
  void Build(const Analyzer& analyzer, const Settings& settings,
             std::vector<Diagnostic>* diagnostics);

  // The message is a phrase of `list`, apart from words that say nothing
  // (stopwords, "kérem", "proszę") and punctuation.
  bool IsWhole(SignalList list, Lang lang, const Analysis& message) const;
  // How many of the lists have a phrase in the message (a message that
  // shows no language: which language's lists know it). The framing list
  // does not count.
  size_t ListsContaining(Lang lang, const Analysis& message) const;

  // The signals of anger in a message: its words (profanity, repeated
  // contact, negative words) and its shape (`text`: mostly capitals, "!!").
  std::vector<Signal> Find(Lang lang, const Analysis& message,
                           std::string_view text) const;

  // Marks in *framing (one flag per token of `message`) the words that frame
  // the message rather than say what it is about: the framing list's
  // phrases ("Dzień dobry", "Z góry dziękuję za odpowiedź") and, after the
  // last of them, a signature that ends the message: one to
  // kMaxSignatureWords words, each capitalised in `text` ("Pozdrawiam, Anna
  // Kowalska"). False when nothing is marked.
  bool Framing(Lang lang, const Analysis& message, std::string_view text,
               std::vector<bool>* framing) const;
  static constexpr size_t kMaxSignatureWords = 3;
  // Of a message marked by Framing(): kGreeting or kThanks when the phrases
  // of exactly one of those lists are among its framing ("Üdv!", "Köszi,
  // üdvözlettel"); kFraming when neither or both ("Szia, köszi").
  SignalList Courtesy(Lang lang, const Analysis& message,
                      const std::vector<bool>& framing) const;
  // A word of some framing phrase, by any of its lemma keys: "zapytać" (of
  // "chciałbym zapytać"), "segítség" (of "segítséget szeretnék kérni").
  // Beside a greeting, such words ask for help rather than say what about:
  // "Dzień dobry, chciałabym o coś zapytać" (EngineRep::ReadFraming).
  bool IsFramingWord(Lang lang, const Token& token) const;

 private:
  struct Word {
    std::string key;     // lemma key
    std::string folded;  // the form as written, folded
    std::string norm;    // the form as written, with its accents
  };
  using Phrase = std::vector<Word>;
  // Marks in *covered the tokens a phrase of `list` matches; true if any.
  bool Cover(SignalList list, Lang lang, const Analysis& message,
             std::vector<bool>* covered) const;
  // The lists of `lists` (bit 1 << list) with a phrase in the message, read
  // in one pass: each word's forms are hashed and looked up once for all
  // of them. With `covered`, marks the tokens of every phrase found;
  // without, stops when every list asked for is found.
  uint32_t Scan(uint32_t lists, Lang lang, const Analysis& message,
                std::vector<bool>* covered) const;
  static_assert(kSignalListCount <= 32, "Scan's lists are bits of a uint32_t");
  static constexpr uint32_t Bit(SignalList list) {
    return uint32_t{1} << static_cast<int>(list);
  }

  // One language's phrases, of every list.
  struct Lists {
    std::array<std::vector<Phrase>, kSignalListCount> phrases;
    // First word (the hash of its key and of its folded form) → an index
    // into `starts`, the phrases it begins: a message word is checked only
    // against phrases that can begin there, without hashing std::strings
    // again per list (this runs on every message). A false hit of the
    // 64-bit hash costs one comparison: every word is matched in full.
    struct Start {
      SignalList list;
      uint32_t phrase;  // into phrases[list]
    };
    HashIndex by_first;
    std::vector<std::vector<Start>> starts;
    // The lemma key of every word of the framing lists' phrases.
    HashIndex framing_words;
  };
  void Add(SignalList list, Lists* lists, Phrase phrase);

  std::array<Lists, 2> lists_;  // hu, pl
};

// What stands in `text` between tokens `a` and `b` of its analysis (b after
// a): spaces, punctuation, a line break. Empty when they touch, overlap or
// do not index `text`.
std::string_view TextBetween(std::string_view text, const Token& a,
                             const Token& b);

// Mostly capitals (at least kShoutingMinLetters letters, kShoutingShare of
// them upper case) or two exclamation marks in a row ("!!", "!?!").
bool LooksShouted(std::string_view text);
inline constexpr size_t kShoutingMinLetters = 8;
inline constexpr double kShoutingShare = 0.7;

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_ENGINE_SIGNALS_H_
