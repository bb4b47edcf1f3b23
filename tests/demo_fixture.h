// Copyright 2026 The libbot Authors.
//
// The demo bot (rules/ and kb/ of this repository) as a test fixture: one
// engine per test process, its knowledge base built into a temp folder.
#ifndef LIBBOT_TESTS_DEMO_FIXTURE_H_
#define LIBBOT_TESTS_DEMO_FIXTURE_H_

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "kb/kb.h"
#include "libbot/evaluate.h"
#include "rules_fixture.h"

namespace libbot::testing {

inline std::string DemoKbPath() {
  static const std::string path = [] {
    const std::string kb = WriteRules("demo_kb", {}) + "/faq.sqlite";
    KbBuildStats stats;
    const Status s =
        BuildKnowledgeBase(std::string(LIBBOT_TEST_REPO_DIR) + "/kb", kb,
                           SharedAnalyzer(), &stats);
    if (!s.ok())
      FAIL("the demo knowledge base does not build: " << s.message());
    return kb;
  }();
  return path;
}

inline EngineOptions DemoOptions() {
  EngineOptions options;
  options.rules_dir = std::string(LIBBOT_TEST_REPO_DIR) + "/rules";
  options.kb_path = DemoKbPath();
  options.analyzer.dictionary_dir = LIBBOT_TEST_DICTIONARY_DIR;
  options.trace = true;  // the tests read why
  return options;
}

inline std::shared_ptr<const Engine> DemoEngine() {
  static const std::shared_ptr<const Engine> engine = [] {
    std::unique_ptr<Engine> e;
    const Status s = Engine::Open(DemoOptions(), &e);
    if (!s.ok()) FAIL("the demo bot does not open: " << s.message());
    return std::shared_ptr<const Engine>(std::move(e));
  }();
  return engine;
}

// The messages of the demo bot's evaluation set.
inline std::vector<std::string> DemoMessages() {
  std::vector<EvalCase> cases;
  const Status s = ReadEvalCases(
      std::string(LIBBOT_TEST_REPO_DIR) + "/bench/demo_eval.jsonl", &cases);
  if (!s.ok()) FAIL("the demo evaluation set does not read: " << s.message());
  std::vector<std::string> messages;
  for (EvalCase& c : cases) messages.push_back(std::move(c.text));
  return messages;
}

}  // namespace libbot::testing

#endif  // LIBBOT_TESTS_DEMO_FIXTURE_H_
