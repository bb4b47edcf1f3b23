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

#include <doctest/doctest.h>

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
  options.trace = true;  // the tests read why
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

// A small Hungarian FAQ: shipping cost, delivery time, returns.
inline const char* const kHuFaq = R"(entries:
  - id: faq.shipping_cost
    questions: ["Mennyibe kerül a szállítás?", "Mennyi a szállítási díj?"]
    answer: "A szállítás 1490 Ft, 15 000 Ft felett ingyenes."
    follow_up: [faq.delivery_time]
  - id: faq.delivery_time
    questions: ["Mennyi idő alatt érkezik meg a csomag?", "Hány nap a kiszállítás?"]
    answer: "1-3 munkanap."
  - id: faq.return_policy
    questions: ["Hogyan küldhetem vissza a terméket?", "Visszaküldhetem a cipőt?"]
    answer: "30 napon belül visszaküldheti."
  - id: faq.return_cost
    questions: ["Mennyibe kerül a visszaküldés?"]
    answer: "A visszaküldés ingyenes."
)";

// An engine over the knowledge base `db` and the given rule files, which are
// written into a fresh folder called `rules_name`.
inline Status OpenWithKb(const std::string& rules_name,
                         const std::map<std::string, std::string>& rule_files,
                         const std::string& db,
                         std::unique_ptr<Engine>* engine) {
  EngineOptions options;
  options.rules_dir = WriteRules(rules_name, rule_files);
  options.kb_path = db;
  options.analyzer.dictionary_dir = LIBBOT_TEST_DICTIONARY_DIR;
  options.trace = true;  // the tests read why
  return Engine::Open(options, engine);
}

// An engine of the given rule files over a knowledge base built from
// `kb_files`.
inline std::unique_ptr<Engine> EngineWithKb(
    const std::string& name, const std::map<std::string, std::string>& kb_files,
    const std::map<std::string, std::string>& rule_files) {
  Status s;
  const std::string db = BuildKb(name, kb_files, &s);
  REQUIRE(s.ok());
  std::unique_ptr<Engine> engine;
  REQUIRE(OpenWithKb(name + "_rules", rule_files, db, &engine).ok());
  return engine;
}

// An engine with no intents over a knowledge base built from `kb_files`.
inline std::unique_ptr<Engine> FaqOnlyEngine(
    const std::string& name,
    const std::map<std::string, std::string>& kb_files) {
  return EngineWithKb(name, kb_files, {{"hu/a.yaml", "intents: []\n"}});
}

// Checks that `engine` answers `text` in `lang` with `id` (the trace shows
// on failure).
inline void CheckAnswers(const Engine& engine, const std::string& text,
                         Lang lang, const std::string& id) {
  const Reply r = engine.Respond(text, nullptr, lang);
  CAPTURE(text);
  CAPTURE(r.trace.ToString());
  CHECK(r.kind == ReplyKind::kAnswer);
  CHECK(r.id == id);
}

}  // namespace libbot::testing

#endif  // LIBBOT_TESTS_RULES_FIXTURE_H_
