// Copyright 2026 The libbot Authors.
//
// A Hunspell dictionary (.aff + .dic) loaded into the *folded* domain: every
// dictionary word, affix strip/add string and affix condition is folded
// (lower case, no diacritics, ł→l) before it is indexed. Running Hunspell's
// affix rules backwards over folded text then finds the dictionary entry of an
// inflected form whether or not the customer typed its accents: "szamlat" and
// "számlát" both lead to számla, "haslem" and "hasłem" to hasło.
//
// Hunspell itself cannot do this (it rejects unaccented words) and is 10-100x
// too slow for the hot path; its dictionaries are the data we need.
//
// Supported: SET (UTF-8, ISO8859-x), single-byte flags, AF and AM aliases, the
// "st:" stem field, PFX/SFX with strip, add, continuation classes (twofold
// suffixes) and conditions, cross products, and the compounding flags
// COMPOUNDFLAG/BEGIN/END/ONLYINCOMPOUND, NEEDAFFIX and FORBIDDENWORD.
// Thread safety: immutable after Load(), safe to share.
#ifndef LIBBOT_SRC_TEXT_AFFIX_LEXICON_H_
#define LIBBOT_SRC_TEXT_AFFIX_LEXICON_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/hash_index.h"
#include "libbot/status.h"

namespace libbot::internal {

// A set of single-byte Hunspell flags.
struct FlagSet {
  std::array<uint64_t, 4> bits{};
  void Add(uint8_t flag) { bits[flag >> 6] |= uint64_t{1} << (flag & 63); }
  bool Has(uint8_t flag) const { return (bits[flag >> 6] >> (flag & 63)) & 1; }
  bool Intersects(const FlagSet& other) const {
    return (bits[0] & other.bits[0]) | (bits[1] & other.bits[1]) |
           (bits[2] & other.bits[2]) | (bits[3] & other.bits[3]);
  }
  void Merge(const FlagSet& other) {
    for (int i = 0; i < 4; ++i) bits[i] |= other.bits[i];
  }
  bool Empty() const { return !(bits[0] | bits[1] | bits[2] | bits[3]); }
};

// One position of an affix condition, over folded bytes. Folded Hungarian and
// Polish are ASCII; any other byte counts as `other`.
struct CharClassSet {
  std::array<uint64_t, 2> ascii{};
  bool other = false;
  bool Matches(unsigned char c) const {
    return c < 128 ? (ascii[c >> 6] >> (c & 63)) & 1 : other;
  }
};

struct AffixRule {
  uint8_t flag = 0;
  uint32_t cont = 0;       // index into flag_sets(): continuation classes
  uint32_t condition = 0;  // index into conditions()
  // A derivational affix (Hunspell morphology "ds:"): it makes a new word
  // ("fizet" → "fizetés") rather than a form of the same one.
  bool derivational = false;
};

// Rules that share their folded strip and add strings: one candidate root
// serves them all.
struct AffixGroup {
  std::string strip;
  std::string add;
  FlagSet flags;       // union of the rules' flags
  FlagSet cont_union;  // union of the rules' continuation classes
  std::vector<AffixRule> rules;
};

class AffixLexicon {
 public:
  static constexpr uint32_t kNoEntry = UINT32_MAX;

  struct Entry {
    uint32_t flags = 0;        // index into flag_sets()
    uint32_t lemma = 0;        // index into lemmas(); 0 means "the word itself"
    uint32_t next = kNoEntry;  // next homonym (same folded form)
  };

  // Loads `aff_path` and `dic_path`. Errors name the file and line.
  static Status Load(const std::string& aff_path, const std::string& dic_path,
                     std::unique_ptr<AffixLexicon>* lexicon);

  // First entry whose folded word is `folded`, or kNoEntry.
  uint32_t Find(std::string_view folded) const {
    return words_.Get(HashString(folded));
  }
  const Entry& entry(uint32_t i) const { return entries_[i]; }
  // How the dictionary spells `folded`: only capitalised ("Debrecen",
  // "Kraków": a place or a name), also capitalised ("Warszawa" and the car
  // "warszawa"), or never.
  enum class Capitals { kNever, kAlso, kOnly };
  Capitals CapitalsOf(std::string_view folded) const;
  const FlagSet& flag_set(uint32_t i) const { return flag_sets_[i]; }
  const std::vector<CharClassSet>& condition(uint32_t i) const {
    return conditions_[i];
  }
  const std::string& lemma(uint32_t i) const { return lemmas_[i]; }

  // Suffix groups whose folded add string is `add`, or nullptr.
  const std::vector<AffixGroup>* SuffixesAdding(std::string_view add) const;
  const std::vector<AffixGroup>* PrefixesAdding(std::string_view add) const;
  size_t max_suffix_add() const { return max_suffix_add_; }
  size_t max_prefix_add() const { return max_prefix_add_; }
  bool cross_product(uint8_t flag) const { return cross_product_.Has(flag); }
  // Flags of suffixes that some other suffix allows after itself.
  const FlagSet& twofold_outer() const { return twofold_outer_; }

  // Special flags; 0 when the dictionary does not define them.
  uint8_t compound_flag() const { return compound_flag_; }
  uint8_t compound_begin() const { return compound_begin_; }
  uint8_t compound_end() const { return compound_end_; }
  uint8_t only_in_compound() const { return only_in_compound_; }
  uint8_t need_affix() const { return need_affix_; }
  uint8_t forbidden() const { return forbidden_; }
  bool compounds() const { return compound_flag_ || compound_begin_; }
  // The dictionary carries morphology (AM aliases): it marks derivational
  // affixes and the stems of entries that are inflected forms.
  bool has_morphology() const { return has_morphology_; }

  size_t word_count() const { return entries_.size(); }
  size_t MemoryBytes() const;

  // Used by the loader.
  class Builder;

 private:
  AffixLexicon() = default;

  HashIndex words_;
  std::vector<Entry> entries_;
  std::vector<bool> capitalised_;   // per entry: its word starts uppercase
  std::vector<FlagSet> flag_sets_;  // [0] is empty
  std::vector<std::vector<CharClassSet>> conditions_;  // [0] is "."
  std::vector<std::string> lemmas_;                    // [0] unused
  HashIndex suffix_index_;  // hash of add → index into suffix_groups_
  HashIndex prefix_index_;
  std::vector<std::vector<AffixGroup>> suffix_groups_;
  std::vector<std::vector<AffixGroup>> prefix_groups_;
  size_t max_suffix_add_ = 0;
  size_t max_prefix_add_ = 0;
  FlagSet cross_product_;
  FlagSet twofold_outer_;
  uint8_t compound_flag_ = 0;
  uint8_t compound_begin_ = 0;
  uint8_t compound_end_ = 0;
  uint8_t only_in_compound_ = 0;
  uint8_t need_affix_ = 0;
  uint8_t forbidden_ = 0;
  bool has_morphology_ = false;
};

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_TEXT_AFFIX_LEXICON_H_
