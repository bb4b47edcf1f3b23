// Copyright 2026 The libbot Authors.
//
// A search index built from Hungarian texts, for the tests of match/.
#ifndef LIBBOT_TESTS_SEARCH_FIXTURE_H_
#define LIBBOT_TESTS_SEARCH_FIXTURE_H_

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "match/search_index.h"
#include "rules_fixture.h"

namespace libbot::testing {

// An index of (owner, text) phrasings, finished.
inline std::unique_ptr<internal::SearchIndex> HuIndex(
    const std::vector<std::pair<uint32_t, const char*>>& phrasings) {
  auto index = std::make_unique<internal::SearchIndex>();
  for (const auto& [owner, text] : phrasings)
    index->Add(Lang::kHu, owner, SharedAnalyzer().Analyze(text, Lang::kHu));
  index->Finish();
  return index;
}

}  // namespace libbot::testing

#endif  // LIBBOT_TESTS_SEARCH_FIXTURE_H_
