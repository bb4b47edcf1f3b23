// Copyright 2026 The libbot Authors.
//
// All patterns of a bot in one multi-pattern pass.
//
// A loop over rules costs as much as there are rules. Instead, every pattern
// lists the elements that must occur for it to match (its words, concepts and
// entities outside optional parts), and an inverted index maps each symbol to
// the elements it satisfies. One pass over the message's symbols marks, for
// each pattern it touches, which elements are present; only patterns with all
// of them present are candidates, and only candidates run their NFA. The cost
// follows the message and the postings of its words, not the size of the rule
// set (RE2's FilteredRE2 works the same way). Raw `re:` patterns go through
// one RE2::Set over the folded text.
//
// Thread safety: immutable after Finish(); Match() may run concurrently.
#ifndef LIBBOT_SRC_MATCH_MATCHER_H_
#define LIBBOT_SRC_MATCH_MATCHER_H_

#include <memory>
#include <string>
#include <vector>

#include "libbot/status.h"
#include "match/pattern.h"
#include "match/symbols.h"

namespace libbot::internal {

// The message as the matcher sees it.
struct MatchInput {
  std::vector<std::vector<SymbolId>> token_symbols;  // per token
  std::string folded_text;                           // for raw regexes
};

struct PatternHit {
  uint32_t pattern;  // index given by Add()
  size_t begin = 0;  // matched tokens [begin, end)
  size_t end = 0;
};

class Matcher {
 public:
  Matcher();
  ~Matcher();

  SymbolTable& symbols() { return symbols_; }
  const SymbolTable& symbols() const { return symbols_; }
  PredicateTable& predicates() { return predicates_; }
  const PredicateTable& predicates() const { return predicates_; }

  // Adds a compiled pattern; returns its index.
  uint32_t Add(PatternProgram program);
  // Builds the index and compiles raw regexes. `max_regex_memory` bounds RE2.
  Status Finish(int64_t max_regex_memory);

  // The patterns that match. The work is bounded by design: at most
  // kMaxMatchSteps NFA steps per message over all patterns (a normal
  // message needs a few thousand); when they run out, the patterns not yet
  // run do not match and *exhausted (if given) is set.
  void Match(const MatchInput& input, std::vector<PatternHit>* hits,
             bool* exhausted = nullptr) const;
  static constexpr size_t kMaxMatchSteps = 2000000;

  const PatternProgram& program(uint32_t i) const { return programs_[i]; }
  size_t size() const { return programs_.size(); }

 private:
  struct Posting {
    uint32_t pattern;
    uint32_t element;
  };

  SymbolTable symbols_;
  PredicateTable predicates_;
  std::vector<PatternProgram> programs_;
  std::vector<uint64_t> full_masks_;            // per pattern
  std::vector<std::vector<Posting>> postings_;  // per symbol
  std::vector<uint32_t> always_;                // no required element
  std::vector<uint32_t> raw_patterns_;          // pattern per raw regex
  struct RawSet;
  std::unique_ptr<RawSet> raw_;
  uint64_t id_;  // tells the per-thread scratch which matcher it serves
};

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_MATCH_MATCHER_H_
