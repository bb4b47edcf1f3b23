// Copyright 2026 The libbot Authors.
//
// Batch answer testing: answer a labelled set of messages and measure.
// `libbot eval` and Python's libbot.evaluate() are this code.
//
//   std::vector<libbot::EvalCase> cases;
//   libbot::Status s = libbot::ReadEvalCases("tests.jsonl", &cases);
//   libbot::EvalReport report = libbot::Evaluate(*engine, cases);
//   std::cout << report.ToText();        // accuracy, rates, F1, confusions
//   std::string json = report.ToJson();  // the same, for scripts
//
// A case is correct when the reply meets any of its expectations
// (MeetsExpectation): an intent or FAQ id answered or handed over,
// "ask:ID" (a question for a detail of intent ID), "@handoff", "@fallback",
// "@clarify" or "@oos" (must not be answered). A question for a detail of
// an expected id is "understood", counted apart and never correct.
#ifndef LIBBOT_EVALUATE_H_
#define LIBBOT_EVALUATE_H_

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "libbot/engine.h"
#include "libbot/engine_handle.h"
#include "libbot/export.h"
#include "libbot/status.h"

namespace libbot {

// One labelled message.
struct EvalCase {
  std::string text;
  std::vector<std::string> expect;  // met when any one is
  Lang lang = Lang::kUnknown;       // kUnknown: detected
  // Cases with the same conversation share one Session, in file order;
  // the others each get a fresh one (and are answered in parallel).
  std::string conversation;
  std::string split;  // "dev", "held_out": counted apart per language
  int line = 0;       // where it was read (1-based); its index + 1 otherwise
};

// Reads a set: a .csv file (a header row naming text, expect, and any of
// lang, conversation, split; several expectations as "a|b"), or otherwise
// JSON Lines, one {"text", "expect": id | [ids], "lang"?,
// "conversation"?, "split"?} per line. Blank lines are skipped. An error
// names the file and line.
LIBBOT_EXPORT Status ReadEvalCases(const std::string& path,
                                   std::vector<EvalCase>* cases);

// An error (kInvalidArgument) listing every case whose expectations name
// something the bot does not have (Engine::UnknownExpectation), one
// "SOURCE:LINE: unknown expected id ..." a line (at most 20, then how many
// more): such a row could never count as right. Ok when all are known.
LIBBOT_EXPORT Status CheckExpectations(const Engine& engine,
                                       const std::vector<EvalCase>& cases,
                                       const std::string& source);

// What the bot did with one case.
struct LIBBOT_EXPORT EvalResult {
  EvalCase c;
  ReplyKind kind = ReplyKind::kFallback;
  ReplyReason reason = ReplyReason::kNone;
  std::string id;
  std::string reply_text;  // what the bot said
  double confidence = 0;
  Lang lang = Lang::kUnknown;   // the case's, or the reply's when detected
  std::vector<Signal> signals;  // anger the message showed (Reply::signals)
  std::string understood_as;    // UnderstoodAs(reply): "id", "ask:id" or ""
  Trace trace;  // the reply's, with EvalOptions::trace; else empty
  bool correct = false;
  // Correct, or a question for a detail of an expected intent.
  bool understood = false;
  bool ExpectsOutOfScope() const;  // expect is exactly ["@oos"]
  // "\"text\" expected a|b, got clarify order_status (0.41)", for people.
  std::string Describe() const;
};

// Counts of a slice of the set (a language, or a language and split).
struct LIBBOT_EXPORT EvalCounts {
  int total = 0;
  int correct = 0;
  int understood = 0;    // correct, or asked for a detail of the expected id
  int oos = 0;           // cases that expect "@oos"
  int oos_answered = 0;  // ... and got an answer anyway
  double accuracy() const;
  double understood_rate() const;
  double oos_answer_rate() const;
};

// Precision, recall and F1 of one expected id (cases expecting one id). A
// reply "predicts" what it understood (UnderstoodAs): the id of an answer,
// a handoff or an out_of_scope intent's fallback, "ask:ID" for a question
// for a detail of ID.
struct EvalIdScores {
  double precision = 0;
  double recall = 0;
  double f1 = 0;
  int support = 0;  // cases that expect it
  int correct = 0;  // ... and got it
  int asked = 0;    // ... and got a question for a detail of it instead
};

struct EvalConfusion {
  std::string expected;  // "a | b" for several
  std::string got;       // the id understood, else the kind ("clarify x")
  int count = 0;
};

// The answers whose confidence fell in [low, high) (the last bucket holds
// 1.0 too): how many, how many were right, and their mean confidence.
struct EvalConfidenceBucket {
  double low = 0;
  double high = 0;
  int answers = 0;
  int correct = 0;
  double mean_confidence = 0;
};

struct LIBBOT_EXPORT EvalReport {
  std::vector<EvalResult> results;  // in the order of the cases
  bool traced = false;              // results carry their replies' traces

  EvalCounts Overall() const;
  // Per language, or "language/split" when cases name a split (unless
  // by_split is false), sorted by name.
  std::map<std::string, EvalCounts> Groups(bool by_split = true) const;
  // Share of all cases that got this kind of reply.
  double Rate(ReplyKind kind) const;
  std::map<std::string, EvalIdScores> PerId() const;
  // The most frequent mistakes, most frequent first (then by name).
  std::vector<EvalConfusion> Confusions(size_t top = 20) const;
  // The answers by confidence, in the buckets 0-0.3, 0.3-0.5, 0.5-0.6, ...
  // 0.9-1.0 (empty ones too): a confidence is meant to be the probability
  // that the answer is right, so answers at 0.6-0.7 should be right about
  // 65% of the time. Read on your own test set, it shows where to put
  // answer_threshold.
  std::vector<EvalConfidenceBucket> Reliability() const;
  // The answers' expected calibration error: the gap between confidence
  // and the share right, over ten equal-width bins, weighted by answers
  // (0: none).
  double CalibrationError() const;
  // What CalibrationError() would be by chance alone if each answer were
  // right with exactly its confidence: the mean over simulated outcomes
  // (a fixed seed, so the same report gives the same number). About 0.05
  // on a hundred answers; a calibration error near it says nothing.
  double CalibrationErrorByChance() const;

  // For people: totals, each group, rates, the answers by confidence, a
  // per-id table, confusions and the first `max_failing` failing cases.
  std::string ToText(size_t max_failing = 20) const;
  // For scripts: {"total", "correct", "accuracy", "understood",
  // "understood_rate", "oos", "oos_answered", "oos_answer_rate",
  // "answer_rate", "clarify_rate", "handoff_rate", "fallback_rate",
  // "calibration_error", "calibration_error_by_chance", "reliability"
  // ([{"low", "high", "answers", "correct", "mean_confidence"}]), "groups",
  // "languages", "per_id", "confusions", "results"}. Each result has a
  // "trace" (Trace::ToJson) when the report is traced.
  std::string ToJson() const;
};

struct EvalOptions {
  Lang lang = Lang::kUnknown;  // for cases that name none; kUnknown: detect
  int threads = 0;             // for independent cases; 0: one per core
  // Keep each reply's trace in its result (memory: a few KB a case). The
  // engine must build traces (EngineOptions::trace).
  bool trace = false;
  // Called now and then with (cases done, all cases), from the calling
  // thread. May be empty.
  std::function<void(size_t done, size_t total)> progress;
};

// Answers every case and scores it. Throws nothing of its own; an exception
// thrown by options.progress passes through.
LIBBOT_EXPORT EvalReport Evaluate(const Engine& engine,
                                  const std::vector<EvalCase>& cases,
                                  const EvalOptions& options = {});
// The same with the handle's current engine (one version for the set).
LIBBOT_EXPORT EvalReport Evaluate(const EngineHandle& handle,
                                  const std::vector<EvalCase>& cases,
                                  const EvalOptions& options = {});

// One case answered differently by two versions of a bot.
struct EvalChange {
  EvalResult before;
  EvalResult after;
  bool regression() const { return before.correct && !after.correct; }
  bool fix() const { return !before.correct && after.correct; }
};

// What changed between two evaluations of the same cases (`libbot diff`):
// every case whose reply changed (kind, id, reason or text), in file order.
struct LIBBOT_EXPORT EvalDiff {
  std::vector<EvalChange> changes;
  EvalCounts before;  // over all the cases
  EvalCounts after;
  size_t regressions() const;  // right before, wrong now
  size_t fixes() const;        // wrong before, right now
  // For people: the regressions first, then the fixes, then the other
  // changes, each with both replies; then the totals. `source` names the
  // file for "file:line".
  std::string ToText(const std::string& source) const;
  // {"before", "after" (counts), "regressions", "fixes", "changes": [{"line",
  // "text", "expect", "change": "regression" | "fix" | "changed",
  // "before": {...}, "after": {...}}]}.
  std::string ToJson() const;
};

// Compares two reports of the same cases (Evaluate() of one set with two
// engines). An error when they are not of the same cases.
LIBBOT_EXPORT Status CompareReports(const EvalReport& before,
                                    const EvalReport& after, EvalDiff* diff);

// The rules' inline tests and what they cover: `libbot test` and Python's
// Engine.run_tests() and coverage() are this.
struct LIBBOT_EXPORT TestReport {
  std::vector<InlineTestResult> results;        // every test, in file order
  std::vector<std::string> uncovered_patterns;  // Engine::UncoveredPatterns
  std::vector<std::string> uncovered_entries;   // Engine::UncoveredEntries
  // False when the engine has no FAQ entries (no database loaded): then
  // uncovered_entries says nothing.
  bool faq_loaded = false;
  size_t failed() const;
  // For people, as `libbot test` prints it: each failure with the bot's
  // reasoning, the uncovered patterns and FAQ entries, then the totals
  // ("FAQ entries: none loaded, not checked" without a database).
  std::string ToText() const;
  // {"passed", "failed", "faq_loaded", "tests": [{"where", "intent",
  // "text", "expect", "passed", "error", "kind", "id", "reason",
  // "confidence", "understood_as", "got" (DescribeReply), "trace" (failed
  // tests only)}],
  // "uncovered_patterns", "uncovered_faq_entries"}.
  std::string ToJson() const;
};

// Runs every inline test (Engine::RunInlineTests) and measures coverage.
LIBBOT_EXPORT TestReport RunTests(const Engine& engine);

}  // namespace libbot

#endif  // LIBBOT_EVALUATE_H_
