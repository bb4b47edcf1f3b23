// Copyright 2026 The libbot Authors.
//
// Shared by the tests: one Analyzer per test process (loading the
// dictionaries takes ~150 ms), and the test data folder.
#ifndef LIBBOT_TESTS_TEST_SUPPORT_H_
#define LIBBOT_TESTS_TEST_SUPPORT_H_

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "libbot/analyzer.h"

namespace libbot::testing {

inline const Analyzer& SharedAnalyzer() {
  static const Analyzer* analyzer = [] {
    AnalyzerOptions options;
    options.dictionary_dir = LIBBOT_TEST_DICTIONARY_DIR;
    std::unique_ptr<Analyzer> a;
    const Status s = Analyzer::Open(options, &a);
    if (!s.ok()) FAIL("cannot open the analyzer: " << s.ToString());
    return a.release();
  }();
  return *analyzer;
}

inline std::string DataPath(const std::string& name) {
  return std::string(LIBBOT_TEST_DATA_DIR) + "/" + name;
}

}  // namespace libbot::testing

#endif  // LIBBOT_TESTS_TEST_SUPPORT_H_
