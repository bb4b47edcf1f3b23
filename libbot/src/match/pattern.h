// Copyright 2026 The libbot Authors.
//
// The pattern language editors write in `patterns:` (docs/rules.md):
//
//   jelszó elfelejt       words, matched on lemma keys: any inflection, any accents
//   "jelszót"             exact form (accents still optional, inflection not)
//   *   *3                any number of tokens / at most 3 tokens
//   [kérem]               optional part
//   (hol | merre) tart    alternatives
//   @order_words          a concept (named list of words or phrases)
//   $order_number         an entity (built-in or a regex entity)
//   !nem                  the word must not appear anywhere in the message
//   <jelszó új>           all of these, anywhere, in any order
//   ^ ... $               the pattern must start / end the message
//   re:/regex/            raw RE2 regex on the folded message text
//
// A pattern matches when its sequence occurs somewhere in the message
// (unless anchored). Compilation produces a PatternProgram: a Thompson NFA over
// tokens (linear in the message length whatever the pattern), the elements
// that must occur for it to match (for the inverted index), and its
// specificity (used to rank matches).
#ifndef LIBBOT_SRC_MATCH_PATTERN_H_
#define LIBBOT_SRC_MATCH_PATTERN_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "libbot/analyzer.h"
#include "match/symbols.h"

namespace libbot::internal {

struct Inst {
  enum Op : uint8_t {
    kToken,
    kAny,
    kSplit,
    kJmp,
    kAssertEnd,
    kAssertSet,  // zero-width: every element of sets[x] is in the message
    kMatch
  };
  Op op;
  uint32_t x = 0;  // kToken: predicate index; kSplit/kJmp: target
  uint32_t y = 0;  // kSplit: second target
};

// Each element is a set of symbols; one of them must occur in the message.
using Requirements = std::vector<std::vector<SymbolId>>;

struct PatternProgram {
  std::vector<Inst> insts;
  bool anchored_start = false;
  // Necessary for a match, so the matcher runs the program only when the
  // message has them all: a prefilter, at most kMaxRequiredElements. The
  // program itself checks everything (an order-free <...> set through
  // kAssertSet, wherever it stands).
  Requirements required;
  // The <...> sets, each the elements it needs anywhere in the message.
  std::vector<Requirements> sets;
  // Parts of alternatives inside a <...> set of which only the first word
  // is needed there ("'ile * środków' (concept @saldo)": a bare "ile"
  // matches): lint warns about each.
  std::vector<std::string> loose_set_items;
  std::vector<SymbolId> forbidden;  // none of these may occur

  std::string raw_regex_text;
  int specificity = 0;  // tokens the pattern always consumes with a literal
  int wildcards = 0;    // * and *N in it
};

// What the compiler needs to know about the rule set.
struct PatternContext {
  const Analyzer* analyzer = nullptr;
  Lang lang = Lang::kUnknown;
  SymbolTable* symbols = nullptr;
  PredicateTable* predicates = nullptr;  // shared by all programs
  // The concept's items (patterns themselves), or nullptr if undefined.
  std::function<const std::vector<std::string>*(const std::string& name)>
      concept_items;
  std::function<bool(const std::string& entity)> entity_defined;
};

struct PatternError {
  size_t offset = 0;  // byte offset in the pattern text
  std::string message;
};

// Compiles `text`. On failure returns false and fills *error.
bool CompilePattern(const std::string& text, const PatternContext& context,
                    PatternProgram* program, PatternError* error);

// True when the program matches the tokens; *begin/*end get the first match.
// `token_symbols[i]` are the symbols of token i. Each thread step and each
// instruction visited costs one unit of *budget; when it runs out the run
// stops, unmatched, with *budget 0.
bool RunProgram(const PatternProgram& program, const PredicateTable& predicates,
                const std::vector<std::vector<SymbolId>>& token_symbols,
                size_t* begin, size_t* end, size_t* budget);

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_MATCH_PATTERN_H_
