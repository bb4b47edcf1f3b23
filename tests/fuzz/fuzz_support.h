// Copyright 2026 The libbot Authors.
//
// What the fuzz targets share: the dictionaries (loaded once per process),
// the demo bot, and a scratch folder of this process's own.
#ifndef LIBBOT_TESTS_FUZZ_FUZZ_SUPPORT_H_
#define LIBBOT_TESTS_FUZZ_FUZZ_SUPPORT_H_

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include "kb/kb.h"
#include "libbot/engine.h"

namespace libbot::fuzz {

// Stops the run: a broken promise the sanitizers would not see.
#define LIBBOT_FUZZ_ASSERT(cond)                                           \
  do {                                                                     \
    if (!(cond)) {                                                         \
      std::fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, \
                   __LINE__, #cond);                                       \
      std::abort();                                                        \
    }                                                                      \
  } while (0)

inline std::shared_ptr<const Analyzer> SharedAnalyzer() {
  static const std::shared_ptr<const Analyzer> analyzer = [] {
    AnalyzerOptions options;
    options.dictionary_dir = LIBBOT_FUZZ_DICTIONARY_DIR;
    std::unique_ptr<Analyzer> a;
    const Status s = Analyzer::Open(options, &a);
    if (!s.ok()) {
      std::fprintf(stderr, "%s\n", s.ToString().c_str());
      std::abort();
    }
    return std::shared_ptr<const Analyzer>(std::move(a));
  }();
  return analyzer;
}

// A folder of this process's own (libFuzzer's -jobs run several).
inline const std::string& ScratchDir() {
  static const std::string dir = [] {
    const auto d = std::filesystem::temp_directory_path() /
                   ("libbot_fuzz_" + std::to_string(getpid()));
    std::filesystem::create_directories(d);
    return d.string();
  }();
  return dir;
}

// Replaces `dir` with one file `name` holding `content`.
inline void WriteOnly(const std::string& dir, const std::string& name,
                      std::string_view content) {
  std::filesystem::remove_all(dir);
  const auto path = std::filesystem::path(dir) / name;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary)
      .write(content.data(), static_cast<std::streamsize>(content.size()));
}

// The demo bot (rules/ and kb/ of the repository), built once per process.
inline const Engine& DemoEngine() {
  static const Engine* engine = [] {
    const std::string kb = ScratchDir() + "/demo_faq.sqlite";
    KbBuildStats stats;
    Status s = BuildKnowledgeBase(std::string(LIBBOT_FUZZ_REPO_DIR) + "/kb", kb,
                                  *SharedAnalyzer(), &stats);
    EngineOptions options;
    options.rules_dir = std::string(LIBBOT_FUZZ_REPO_DIR) + "/rules";
    options.kb_path = kb;
    options.trace = true;  // the trace's code is fuzzed too
    std::unique_ptr<Engine> e;
    if (s.ok()) s = Engine::Open(options, SharedAnalyzer(), &e);
    if (!s.ok()) {
      std::fprintf(stderr, "%s\n", s.ToString().c_str());
      std::abort();
    }
    return e.release();
  }();
  return *engine;
}

}  // namespace libbot::fuzz

#endif  // LIBBOT_TESTS_FUZZ_FUZZ_SUPPORT_H_
