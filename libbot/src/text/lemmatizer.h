// Copyright 2026 The libbot Authors.
//
// Finds the lemma key of a folded word: the folded dictionary entry it is a
// form of. "jelszavamat" → "jelszo", "szamlat" → "szamla", "haslem" → "haslo",
// "paczce" → "paczka".
//
// How: Hunspell's affix rules run backwards over an AffixLexicon (see there):
// strip a suffix (or two, for Hungarian's stacked suffixes) and/or a prefix,
// restore what the rule removed, and look the root up. A Hungarian word that
// is no dictionary form may be a compound whose last part is ("jel" + "szó").
// When several analyses fit, the one with fewer affixes wins, then the longer
// lemma (so derived words such as "rendelés" keep their own key rather than
// joining "rendel"), then the alphabetically first, so the result never
// depends on the order of the dictionary.
//
// Results are cached in a sharded, bounded cache: a hot word costs one hash
// lookup. Thread safety: all methods may be called concurrently.
#ifndef LIBBOT_SRC_TEXT_LEMMATIZER_H_
#define LIBBOT_SRC_TEXT_LEMMATIZER_H_

#include <algorithm>
#include <array>
#include <cstddef>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "libbot/analyzer.h"
#include "text/affix_lexicon.h"
#include "text/unknown_stem.h"
#include "util/hash_index.h"

namespace libbot::internal {

struct LemmaResult {
  std::string key;
  LemmaSource source = LemmaSource::kUnknown;
  // Other lemmas the folded form may belong to ("karcie": karta, and also kart
  // and karc), best first, at most kMaxAlternatives.
  std::vector<std::string> alternatives;
  // The dictionary knows the lemma only capitalised (a place or a name), or
  // also capitalised ("Warszawa", and "warszawa" the car): the analyzer
  // decides the latter from how the word was typed.
  bool proper_noun = false;
  bool may_be_proper_noun = false;
};

inline constexpr size_t kMaxAlternatives = 3;

// Whether `key` would be another reading of a word whose key is `word_key`
// and whose alternatives are `alternatives`: neither the key itself nor one
// listed already. (Where the list is full, the caller decides.)
inline bool IsNewAlternative(std::string_view key, std::string_view word_key,
                             const std::vector<std::string>& alternatives) {
  return key != word_key && std::find(alternatives.begin(), alternatives.end(),
                                      key) == alternatives.end();
}

// Language knowledge the affix file does not carry: which lemma endings mark
// verbs and adjectives. When analyses tie on affixes, a nominal lemma beats an
// adjectival one, which beats a verbal one. For Polish this resolves the
// collisions folding creates: 1sg verb forms (-ę → -e) look like noun
// locatives ("sklepie": sklep, not sklepić), adjective forms like noun
// datives ("kurierowi": kurier, not kurierowy).
struct LemmaClasses {
  std::vector<std::string> verb_endings;       // Polish: "c" (folded -ć)
  std::vector<std::string> adjective_endings;  // Polish: "y", "i"
  // Folded forms of the most frequent irregular words, with their lemma. The
  // affix file misses these paradigms, and folding lets rarer words take the
  // forms: "macie" (you have) is not maca, "muszę" not mucha, "mennyibe" (how
  // much) not mén. The lemma the dictionary would give stays an alternative.
  std::unordered_map<std::string, std::string> fixed;
  // Folded case endings written after a hyphen on a word the dictionary
  // does not inflect ("eSIM-et", "PIN-u", "SMS-em"): the word is its head.
  std::vector<std::string> hyphen_endings;
  // How a word the dictionary does not know gets its key (unknown_stem.h).
  UnknownStemming unknown_stemming = UnknownStemming::kNone;
};

// A word this short keeps itself as its key, not a shorter lemma: the
// dictionary reads "sim", "pin", "puk" as forms of "si", "pi", "pu" (ski,
// ...), which turns the customer's word into another. The short lemma stays
// an alternative.
inline constexpr size_t kMinKeyBytes = 3;

class Lemmatizer {
 public:
  // `lexicon` must outlive the Lemmatizer.
  Lemmatizer(const AffixLexicon* lexicon, LemmaClasses classes,
             size_t cache_entries, size_t max_word_bytes);

  // The lemma key of a folded word. A word the dictionary does not know gets
  // a guessed stem (LemmaClasses::unknown_stemming), or keeps its folded form.
  LemmaResult Lemmatize(std::string_view folded) const;
  // Only where Lemmatize's key comes from (language detection asks this of
  // both languages for every word): from the cache without copying the
  // result.
  LemmaSource Source(std::string_view folded) const;

  // The same without the cache (for benchmarks and tests).
  LemmaResult LemmatizeUncached(std::string_view folded) const;
  // The word before a hyphen when what follows it is one of the language's
  // hyphen_endings ("esim" of "esim-et"), or "".
  std::string_view HyphenHead(std::string_view folded) const;

  // Every analysis found for a folded word, as (lemma, number of affixes),
  // before Choose() picks one. For explanations and tests.
  std::vector<std::pair<std::string, int>> Analyses(
      std::string_view folded) const;

 private:
  // The dictionary's reading (or a compound's, or a hyphenated word's).
  LemmaResult LemmatizeDictionary(std::string_view folded) const;

 public:
  const AffixLexicon& lexicon() const { return *lexicon_; }

 private:
  struct Candidate;
  struct Search;

  const std::string* FixedLemma(std::string_view folded) const;

  void AnalyzeWord(std::string_view word, const FlagSet* root_must_have,
                   Search* search) const;
  // A suffix already undone, seen from the one inside it.
  struct OuterSuffix {
    FlagSet flags;      // its rules' flags
    bool derivational;  // one of them is derivational
    size_t edit;        // bytes it stripped and added
  };
  // Undoes one suffix of `word` and offers the roots found. With `outer`
  // set, only suffixes whose continuation classes allow it are undone.
  void UndoSuffixes(std::string_view word, const OuterSuffix* outer,
                    const FlagSet* root_must_have, Search* search) const;
  void TryPrefixes(std::string_view word, const FlagSet* root_must_have,
                   Search* search) const;
  bool TryCompound(std::string_view word, Search* search,
                   std::string* last_part) const;

  // Keyed by the word's 64-bit hash, so a lookup builds no std::string
  // (C++17's unordered_map cannot look up by string_view); the word is kept
  // and compared, so a collision is only a miss.
  class Cache {
   public:
    explicit Cache(size_t capacity);
    // Calls use(result) under the shard's lock; false when `word` is absent.
    template <typename Use>
    bool Find(std::string_view word, Use use) const {
      const uint64_t hash = HashString(word);
      const Shard& shard = shards_[hash % kShards];
      std::shared_lock lock(shard.mu);
      auto it = shard.map.find(hash);
      if (it == shard.map.end() || it->second.word != word) return false;
      use(it->second.result);
      return true;
    }
    void Put(std::string_view word, const LemmaResult& result) const;

   private:
    static constexpr size_t kShards = 32;
    struct Entry {
      std::string word;
      LemmaResult result;
    };
    struct Shard {
      mutable std::shared_mutex mu;
      mutable std::unordered_map<uint64_t, Entry> map;
    };
    size_t per_shard_;
    std::array<Shard, kShards> shards_;
  };

  const AffixLexicon* lexicon_;
  LemmaClasses classes_;
  size_t max_word_bytes_;
  std::unique_ptr<Cache> cache_;  // null: caching off
};

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_TEXT_LEMMATIZER_H_
