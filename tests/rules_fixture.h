// Copyright 2026 The libbot Authors.
//
// Writes rule files (or FAQ sources) into a fresh temporary folder and opens
// an Engine (or builds a knowledge base) from it.
#ifndef LIBBOT_TESTS_RULES_FIXTURE_H_
#define LIBBOT_TESTS_RULES_FIXTURE_H_

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "kb/kb.h"
#include "libbot/engine.h"
#include "test_support.h"

namespace libbot::testing {

// Writes {relative path → content} under a new temp folder; returns it.
inline std::string WriteRules(const std::string& name,
                              const std::map<std::string, std::string>& files) {
  const auto dir =
      std::filesystem::temp_directory_path() /
      ("libbot_rules_" + name + "_" +
       std::to_string(getpid()));  // ctest runs cases in parallel processes
  std::filesystem::remove_all(dir);
  for (const auto& [path, content] : files) {
    const auto file = dir / path;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
  }
  std::filesystem::create_directories(dir);
  return dir.string();
}

// Builds a knowledge base from FAQ source files written into a fresh folder
// `name`_src; returns the database's path, `status` says whether it built.
inline std::string BuildKb(const std::string& name,
                           const std::map<std::string, std::string>& files,
                           Status* status = nullptr) {
  const std::string dir = WriteRules(name + "_src", files);
  const std::string out = dir + "/faq.sqlite";
  KbBuildStats stats;
  const Status s = BuildKnowledgeBase(dir, out, SharedAnalyzer(), &stats);
  if (status) *status = s;
  return out;
}

inline Status OpenRules(const std::string& dir,
                        std::unique_ptr<Engine>* engine) {
  EngineOptions options;
  options.rules_dir = dir;
  options.analyzer.dictionary_dir = LIBBOT_TEST_DICTIONARY_DIR;
  return Engine::Open(options, engine);
}

// Opens an engine on the given files; fails the test if it does not load.
inline std::unique_ptr<Engine> EngineWith(
    const std::string& name, const std::map<std::string, std::string>& files) {
  std::unique_ptr<Engine> engine;
  const Status s = OpenRules(WriteRules(name, files), &engine);
  if (!s.ok()) FAIL("rules do not load: " << s.message());
  return engine;
}

}  // namespace libbot::testing

#endif  // LIBBOT_TESTS_RULES_FIXTURE_H_
