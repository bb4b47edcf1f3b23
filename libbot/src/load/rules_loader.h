// Copyright 2026 The libbot Authors.
//
// Reads a rules folder into a RuleSet:
//   rules/settings.yaml        shared settings, fallback and handoff replies
//   rules/hu/*.yaml            Hungarian intents, concepts, entities
//   rules/pl/*.yaml            Polish ones
//   rules/*.yaml               other files: language from their `lang:` key,
//                              or shared (concepts and entities only)
// Every problem is reported as "file:line:col: message" and loading is
// all-or-nothing: the caller gets the diagnostics, never half a rule set.
// This is the only file that sees yaml-cpp.
#ifndef LIBBOT_SRC_LOAD_RULES_LOADER_H_
#define LIBBOT_SRC_LOAD_RULES_LOADER_H_

#include <string>
#include <vector>

#include "libbot/engine.h"  // LoadLimits
#include "load/rules.h"

namespace libbot::internal {

struct Diagnostic {
  SourceLocation where;
  std::string message;
  bool error = true;  // false: a warning (lint)
  // What kind of error, for the Status that reports it: kNotFound for a
  // missing folder, kInvalidArgument for a mistake in a file.
  Status::Code code = Status::Code::kInvalidArgument;
  std::string ToString() const;  // "file:line:col: message"
};

// Every error of `diagnostics` (not warnings), one per line; "" if none.
std::string JoinErrors(const std::vector<Diagnostic>& diagnostics);

// OK without errors; otherwise every error, one per line, with code
// kNotFound when something is missing (nothing else can be read then) and
// kInvalidArgument for mistakes in the files.
Status ErrorsToStatus(const std::vector<Diagnostic>& diagnostics);

// A source file read into memory, with the language its folder gives
// (a path part "hu" or "pl"), or kUnknown.
struct SourceFile {
  std::string name;
  std::string text;
  Lang lang = Lang::kUnknown;
  std::string extension;  // ".yaml", ".csv", ...
};

// Every file under `dir` with one of `extensions`, sorted by path (so loading
// is reproducible), within `limits` (files, bytes per file and in all).
std::vector<SourceFile> ReadSourceFiles(
    const std::string& dir, const std::vector<std::string>& extensions,
    const LoadLimits& limits, std::vector<Diagnostic>* diagnostics);

// Loads every *.yaml / *.yml file under `dir` (sorted, so the order is
// reproducible). Appends problems to *diagnostics; the rule set is usable only
// if none of them is an error.
RuleSet LoadRules(const std::string& dir, const LoadLimits& limits,
                  std::vector<Diagnostic>* diagnostics);

// False, with an error, when `rules` holds more intents or patterns than
// `limits` allow. Counted after loading, before compiling: each file is
// bounded already, and compiling is what grows with the counts.
bool WithinRuleLimits(const std::string& dir, const RuleSet& rules,
                      const LoadLimits& limits,
                      std::vector<Diagnostic>* diagnostics);

// Loads one YAML document given as text (for tests and tools). `lang` is the
// language of a file without a `lang:` key.
void LoadRulesText(const std::string& text, const std::string& file_name,
                   Lang lang, const LoadLimits& limits, RuleSet* rules,
                   std::vector<Diagnostic>* diagnostics);

// An id or name editors give (intents, FAQ entries, concepts, entities):
// 1-128 characters of a-z, 0-9, _ . - . They appear in URLs, logs and the
// "faq:<id>" keys of sessions, so a plain alphabet keeps them safe.
bool ValidId(const std::string& id);
// The longest id or name (contexts, slots) rules may use: a session that
// stores them stays within Session::kMaxNameBytes.
inline constexpr size_t kMaxNameBytes = 128;

// The closest of `candidates` to `word` within an edit distance of 2, or "".
std::string DidYouMean(const std::string& word,
                       const std::vector<std::string>& candidates);

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_LOAD_RULES_LOADER_H_
