// Copyright 2026 The libbot Authors.
#include "match/matcher.h"

#include "util/stamped_sums.h"
#include "util/thread_scratch.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <array>
#include <atomic>

namespace libbot::internal {

// Raw `re:` patterns, all in one RE2::Set: one scan of the folded text
// answers which of them match, however many there are.
struct Matcher::RawSet {
  explicit RawSet(const RE2::Options& options)
      : set(options, RE2::UNANCHORED) {}
  RE2::Set set;
};

namespace {

// Tells the per-thread scratch which matcher it was sized for: a thread may
// serve several engines (a reload, several bots) one after another.
std::atomic<uint64_t> next_matcher_id{1};

// Per-thread scratch for Match(): which elements of which pattern were seen
// in the current message (a bit per element).
struct Scratch {
  uint64_t owner = 0;
  StampedSums<uint64_t> mask;  // per pattern
};

Scratch& MatcherScratch(uint64_t owner, size_t patterns) {
  Scratch& scratch = ThreadScratch<Scratch>(
      owner, [&](Scratch& s) { s.mask.Resize(patterns); });
  scratch.mask.Start();
  return scratch;
}

// Whether any token offers one of `wanted`: a negated word (!nem) anywhere
// in the message. Forbidden lists are short, so a plain scan is enough.
bool HasAny(const std::vector<SymbolId>& wanted, const MatchInput& input) {
  for (const auto& token : input.token_symbols) {
    for (SymbolId s : token) {
      for (SymbolId w : wanted) {
        if (s == w) return true;
      }
    }
  }
  return false;
}

}  // namespace

Matcher::Matcher() : id_(next_matcher_id++) {}
Matcher::~Matcher() = default;

uint32_t Matcher::Add(PatternProgram program) {
  programs_.push_back(std::move(program));
  return static_cast<uint32_t>(programs_.size() - 1);
}

// Builds the inverted index: for each symbol, the (pattern, element) pairs
// it satisfies. A pattern's elements are bits of a mask (CompilePattern keeps
// at most kMaxRequiredElements, which fit in 64 bits); the pattern is a
// candidate when a message sets all of them.
Status Matcher::Finish(int64_t max_regex_memory) {
  postings_.assign(symbols_.size(), {});
  full_masks_.assign(programs_.size(), 0);
  RE2::Options options;
  options.set_max_mem(max_regex_memory);
  options.set_log_errors(false);
  raw_ = std::make_unique<RawSet>(options);
  for (uint32_t p = 0; p < programs_.size(); ++p) {
    const PatternProgram& program = programs_[p];
    if (!program.raw_regex_text.empty()) {
      std::string error;
      if (raw_->set.Add(program.raw_regex_text, &error) < 0) {
        return Status::InvalidArgument("regex /" + program.raw_regex_text +
                                       "/: " + error);
      }
      raw_patterns_.push_back(p);
      continue;
    }
    // Nothing required ("* *3", only optional parts): no symbol can point
    // at it, so it runs for every message.
    if (program.required.empty()) {
      always_.push_back(p);
      continue;
    }
    for (uint32_t e = 0; e < program.required.size(); ++e) {
      full_masks_[p] |= uint64_t{1} << e;
      for (SymbolId s : program.required[e]) postings_[s].push_back({p, e});
    }
  }
  if (!raw_patterns_.empty() && !raw_->set.Compile()) {
    return Status::InvalidArgument(
        "the re: patterns together need more than the regex memory limit of " +
        std::to_string(max_regex_memory) +
        " bytes (EngineOptions::max_regex_memory)");
  }
  return Status::Ok();
}

// Three passes: mark the elements each token's symbols satisfy; run the NFA
// of each pattern whose elements are all there (and of the always-run ones);
// match the raw regexes as one set.
void Matcher::Match(const MatchInput& input, std::vector<PatternHit>* hits,
                    bool* exhausted) const {
  hits->clear();
  if (exhausted) *exhausted = false;
  size_t budget = kMaxMatchSteps;
  Scratch& scratch = MatcherScratch(id_, programs_.size());
  for (const auto& token : input.token_symbols) {
    for (SymbolId s : token) {
      if (s >= postings_.size()) continue;
      for (const Posting& post : postings_[s])
        scratch.mask[post.pattern] |= uint64_t{1} << post.element;
    }
  }
  auto verify = [&](uint32_t p) {
    if (budget == 0) return;
    const PatternProgram& program = programs_[p];
    if (!program.forbidden.empty() && HasAny(program.forbidden, input)) return;
    size_t begin = 0, end = 0;
    if (RunProgram(program, predicates_, input.token_symbols, &begin, &end,
                   &budget)) {
      hits->push_back({p, begin, end});
    }
    if (budget == 0 && exhausted) *exhausted = true;
  };
  for (uint32_t p : scratch.mask.touched()) {
    if (scratch.mask.Get(p) == full_masks_[p]) verify(p);
  }
  for (uint32_t p : always_) verify(p);
  if (!raw_patterns_.empty()) {
    std::vector<int> matched;
    if (raw_->set.Match(input.folded_text, &matched)) {
      // A raw regex looks at the whole text: its hit spans every token.
      for (int i : matched) {
        hits->push_back({raw_patterns_[static_cast<size_t>(i)], 0,
                         input.token_symbols.size()});
      }
    }
  }
}

}  // namespace libbot::internal
