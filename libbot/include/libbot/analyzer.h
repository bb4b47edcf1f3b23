// Copyright 2026 The libbot Authors.
//
// The Hungarian/Polish text pipeline: a message in, tokens out.
//
//   std::unique_ptr<libbot::Analyzer> analyzer;
//   libbot::Status s = libbot::Analyzer::Open({}, &analyzer);
//   if (!s.ok()) { std::cerr << s.ToString() << "\n"; return 1; }
//
//   libbot::Analysis a = analyzer->Analyze("Elfelejtettem a jelszavamat");
//   // a.language.lang == libbot::Lang::kHu
//   for (const libbot::Token& t : a.tokens)
//     std::cout << t.norm << " -> " << t.key << "\n";   // jelszavamat -> jelszo
//
// Every token carries its byte span in the caller's string, its normalised
// form (NFKC + case folding), its folded form (no diacritics: "haslem"), and a
// lemma key: inflected forms and unaccented spellings of one word share one key
// ("jelszavamat", "jelszót", "jelszo" → "jelszo"; "hasłem", "haseł", "haslo" →
// "haslo"). Rules and FAQ search compare keys.
//
// Thread safety: an Analyzer is immutable after Open() except for an internal,
// internally locked cache; one instance may be shared by any number of threads.
#ifndef LIBBOT_ANALYZER_H_
#define LIBBOT_ANALYZER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "libbot/export.h"
#include "libbot/status.h"

namespace libbot {

enum class Lang { kUnknown = 0, kHu, kPl };

// "hu", "pl" or "unknown".
LIBBOT_EXPORT std::string_view LangCode(Lang lang);
// Parses "hu", "pl", "unknown" (or "" for unknown), case-insensitively.
LIBBOT_EXPORT bool ParseLang(std::string_view code, Lang* lang);

enum class TokenKind {
  kWord,  // letters, with inner hyphens or apostrophes: "jelszavamat", "e-mail"
  kNumber,  // digits, with inner '.' or ',' between digits: "234,50",
            // "2023.05.01"
  kEmail,   // "info@bolt.hu" (a Hungarian suffix after it is a separate word)
  kUrl,     // "https://bolt.hu/x", "www.sklep.pl"
  kCode,    // order-number-like: "#12345", "AB-12345", "PL123456789", "12/2024"
  kSymbol,  // an emoji (with its modifiers and ZWJ parts), or a symbol: € % ♥
};
// "word", "number", "email", "url", "code" or "symbol".
LIBBOT_EXPORT std::string_view TokenKindName(TokenKind kind);

// How a token's lemma key was found.
enum class LemmaSource {
  kNone,        // not a word; the key is the normalised form
  kDictionary,  // the word is a form of a dictionary entry; the key is that
                // entry
  kCompound,    // a compound whose last part is a dictionary entry (Hungarian)
  kUnknown,     // not recognised; the key is the folded form
};
LIBBOT_EXPORT std::string_view LemmaSourceName(LemmaSource source);

struct Token {
  TokenKind kind = TokenKind::kWord;
  // Byte offsets [begin, end) into the text given to Analyze(): what the user
  // typed, to quote in a reply.
  size_t begin = 0;
  size_t end = 0;
  std::string norm;    // NFKC + case folding: "jelszavamat", "hasłem"
  std::string folded;  // norm without diacritics (ł→l too): "haslem"
  std::string key;     // lemma key: "haslo"; for non-words, equal to norm
  // Other lemma keys the word may have when its folded form is ambiguous,
  // best first (at most 3): "karcie" has key "karta" and alternatives such
  // as "kart" (go-kart). Matching may accept any of them; usually empty.
  std::vector<std::string> alt_keys;
  LemmaSource lemma_source = LemmaSource::kNone;
  // The dictionary knows the lemma only capitalised ("Debrecenben",
  // "Krakowie"): a place or a name, a detail rather than a topic.
  bool proper_noun = false;
};

struct LanguageGuess {
  Lang lang = Lang::kUnknown;
  // In [0, 1]: how sure the detector is of `lang`. Detection says kUnknown
  // (confidence 0) when the message gives too little evidence, e.g. "ok",
  // "hello", a lone number or a word both languages share.
  double confidence = 0.0;
};

struct Analysis {
  std::vector<Token> tokens;
  // The language whose lemmatiser made the keys: the one passed to Analyze(),
  // or the detected one. With kUnknown, word keys are the folded forms.
  LanguageGuess language;
  // The input had ill-formed UTF-8. Each ill-formed sequence was treated as a
  // separator (it never ends up inside a token); spans still index the
  // caller's original bytes.
  bool invalid_utf8 = false;
  // The message had more than AnalyzerOptions::max_tokens tokens; only the
  // first max_tokens were kept.
  bool truncated = false;
};

struct AnalyzerOptions {
  // Folder with the Hunspell dictionaries hu_HU.aff, hu_HU.dic, pl_PL.aff and
  // pl_PL.dic (Debian packages hunspell-hu and hunspell-pl).
  // Default: "/usr/share/hunspell".
  std::string dictionary_dir = "/usr/share/hunspell";
  // Tokens kept per message; the rest is dropped and Analysis::truncated set.
  // Bounds time and memory on huge inputs. Default: 10,000.
  size_t max_tokens = 10000;
  // Words longer than this many bytes are not lemmatised (their key is the
  // folded form). Default: 64.
  size_t max_word_bytes = 64;
  // Entries of the lemma cache shared by all threads (per language); 0 turns
  // the cache off. About 100 bytes an entry. Default: 131,072.
  size_t lemma_cache_entries = 131072;
};

// Turns messages into tokens. See the top of this file.
class LIBBOT_EXPORT Analyzer {
 public:
  // Loads the dictionaries (about 150 ms). On failure *analyzer is unchanged
  // and the status names the file and what is wrong with it.
  static Status Open(const AnalyzerOptions& options,
                     std::unique_ptr<Analyzer>* analyzer);

  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;
  ~Analyzer();

  // Analyses `text` (UTF-8; anything else is tolerated, see Analysis) in
  // `lang`, or in the detected language when lang is kUnknown. Never throws
  // for any input; time and memory are linear in the input size.
  Analysis Analyze(std::string_view text, Lang lang = Lang::kUnknown) const;

  // Detects whether a short message is Hungarian or Polish.
  LanguageGuess DetectLanguage(std::string_view text) const;

  // The lemma key of a single word in `lang` (kUnknown: its folded form).
  std::string LemmaKey(std::string_view word, Lang lang) const;

 private:
  struct Rep;
  explicit Analyzer(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

// NFKC + case folding of a whole text, and its diacritic-free form; the same
// functions the analyzer applies to each token.
LIBBOT_EXPORT std::string NormalizeText(std::string_view text);
LIBBOT_EXPORT std::string FoldText(std::string_view text);

// `text` with each ill-formed UTF-8 sequence replaced by U+FFFD: safe to log,
// print or put in JSON.
LIBBOT_EXPORT std::string ToValidUtf8(std::string_view text);

}  // namespace libbot

#endif  // LIBBOT_ANALYZER_H_
