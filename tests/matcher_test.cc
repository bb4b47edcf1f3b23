// Copyright 2026 The libbot Authors.
//
// match/matcher: all patterns of a bot in one pass over a message, tested on
// the matcher alone (pattern_test.cc tests the pattern language through an
// engine).
#include "match/matcher.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "test_support.h"

namespace libbot::internal {
namespace {

// A matcher over Hungarian patterns (no concepts, no entities).
class MatcherCheck {
 public:
  explicit MatcherCheck(const std::vector<std::string>& patterns) {
    PatternContext context;
    context.analyzer = &testing::SharedAnalyzer();
    context.lang = Lang::kHu;
    context.symbols = &matcher_.symbols();
    context.predicates = &matcher_.predicates();
    context.concept_items = [](const std::string&) { return nullptr; };
    context.entity_defined = [](const std::string&) { return false; };
    for (const std::string& text : patterns) {
      PatternProgram program;
      PatternError error;
      REQUIRE_MESSAGE(CompilePattern(text, context, &program, &error),
                      text << ": " << error.message);
      matcher_.Add(std::move(program));
    }
    REQUIRE(matcher_.Finish(64 << 20).ok());
  }

  // The patterns that match `message`, by index, and their token spans.
  std::vector<PatternHit> Hits(const std::string& message) const {
    const Analysis a = testing::SharedAnalyzer().Analyze(message, Lang::kHu);
    MatchInput input;
    input.token_symbols.resize(a.tokens.size());
    for (size_t i = 0; i < a.tokens.size(); ++i) {
      const Token& t = a.tokens[i];
      auto add = [&](char kind, const std::string& text) {
        const SymbolId id = matcher_.symbols().Find(kind, text);
        if (id != kNoSymbol) input.token_symbols[i].push_back(id);
      };
      add('w', t.key);
      for (const std::string& alt : t.alt_keys) add('w', alt);
      add('f', t.folded);
      input.folded_text += (i ? " " : "") + t.folded;
    }
    std::vector<PatternHit> hits;
    matcher_.Match(input, &hits);
    std::sort(hits.begin(), hits.end(),
              [](const PatternHit& a, const PatternHit& b) {
                return a.pattern < b.pattern;
              });
    return hits;
  }

  bool Matches(const std::string& message) const {
    return !Hits(message).empty();
  }

 private:
  Matcher matcher_;
};

}  // namespace

TEST_CASE("matcher: one pass finds every pattern that matches, with its span") {
  MatcherCheck m({"jelszó elfelejt", "jelszó", "csomag * késik", "!nem fizet",
                  "re:/[0-9]{6}/"});
  const auto hits = m.Hits("elfelejtettem a jelszavamat");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].pattern == 1);  // word order: "jelszó elfelejt" does not match

  const auto both = m.Hits("a jelszavamat elfelejtettem");
  REQUIRE(both.size() == 2);
  CHECK(both[0].pattern == 0);
  CHECK(both[0].begin == 1);  // "jelszavamat elfelejtettem"
  CHECK(both[0].end == 3);
  CHECK(both[1].pattern == 1);

  CHECK(m.Hits("a csomagom nagyon késik")[0].pattern == 2);
  // Negation: a forbidden word anywhere stops the pattern.
  CHECK(m.Hits("hogyan fizetek")[0].pattern == 3);
  CHECK(m.Hits("nem tudok fizetni").empty());
  // Raw regexes run over the folded text through one set.
  CHECK(m.Hits("a 123456 számú rendelés")[0].pattern == 4);
}

TEST_CASE("matcher: a message without the required words touches no pattern") {
  MatcherCheck m({"jelszó elfelejt", "csomag késik"});
  CHECK(m.Hits("jó napot kívánok").empty());
  CHECK(m.Hits("").empty());
}

TEST_CASE("matcher: matching stays linear on hostile patterns and messages") {
  MatcherCheck p({"* * * * * * * * (a | a a | a a a) * * * * b"});
  std::string message;
  for (int i = 0; i < 5000; ++i) message += "a ";
  CHECK_FALSE(
      p.Matches(message));  // completes: a backtracking matcher would not
  CHECK(p.Matches(message + "b"));
}

}  // namespace libbot::internal
