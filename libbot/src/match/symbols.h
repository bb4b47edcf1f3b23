// Copyright 2026 The libbot Authors.
//
// Symbols are what a token offers to patterns, interned as small integers:
//   w:<key>     a lemma key of the token (its key and each alternative)
//   f:<folded>  its exact folded form
//   e:<entity>  the first token of an entity mention; c:<entity> the others
//   r:<n>       the message matched raw regex n (carried by every token)
// Patterns compile to predicates over symbols; the matcher turns each message
// token into the symbols the rule set knows (unknown ones are dropped: no
// pattern could ask for them).
#ifndef LIBBOT_SRC_MATCH_SYMBOLS_H_
#define LIBBOT_SRC_MATCH_SYMBOLS_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/hash_index.h"

namespace libbot::internal {

using SymbolId = uint32_t;
inline constexpr SymbolId kNoSymbol = UINT32_MAX;

// The hash of kind:text without building the string.
inline uint64_t HashSymbol(char kind, std::string_view text) {
  return FinishHash(
      HashBytes(HashBytes(kHashSeed, std::string_view(&kind, 1)), text));
}

class SymbolTable {
 public:
  SymbolId Intern(char kind, std::string_view text) {
    const uint64_t h = HashSymbol(kind, text);
    const uint32_t found = index_.Get(h);
    if (found != HashIndex::kMissing) return found;
    const SymbolId id = static_cast<SymbolId>(names_.size());
    names_.push_back(std::string(1, kind) + ":" + std::string(text));
    index_.Put(h, id);
    return id;
  }
  SymbolId Find(char kind, std::string_view text) const {
    const uint32_t found = index_.Get(HashSymbol(kind, text));
    return found == HashIndex::kMissing ? kNoSymbol : found;
  }
  const std::string& name(SymbolId id) const { return names_[id]; }
  size_t size() const { return names_.size(); }

 private:
  HashIndex index_;
  std::vector<std::string> names_;
};

// Predicates: sets of symbols a token must offer one of. Identical sets are
// stored once (most are a single lemma key used by many patterns).
class PredicateTable {
 public:
  uint32_t Intern(std::vector<SymbolId> symbols) {
    std::sort(symbols.begin(), symbols.end());
    symbols.erase(std::unique(symbols.begin(), symbols.end()), symbols.end());
    uint64_t h = kHashSeed;
    for (SymbolId s : symbols) {
      h = HashBytes(
          h, std::string_view(reinterpret_cast<const char*>(&s), sizeof(s)));
    }
    h = FinishHash(h);
    const uint32_t found = index_.Get(h);
    if (found != HashIndex::kMissing) return found;
    sets_.push_back(std::move(symbols));
    index_.Put(h, static_cast<uint32_t>(sets_.size() - 1));
    return static_cast<uint32_t>(sets_.size() - 1);
  }
  const std::vector<SymbolId>& operator[](uint32_t i) const { return sets_[i]; }
  size_t size() const { return sets_.size(); }

 private:
  HashIndex index_;
  std::vector<std::vector<SymbolId>> sets_;
};

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_MATCH_SYMBOLS_H_
