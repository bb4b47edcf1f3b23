// Copyright 2026 The libbot Authors.
//
// Batch answer testing (libbot/evaluate.h): reading a labelled set, answering
// it, and the numbers an editor or a script wants from it.
#include "libbot/evaluate.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

#include "engine/engine_rep.h"
#include "engine/trace_json.h"
#include "util/csv.h"
#include "util/json.h"
#include "util/utf8.h"

namespace libbot {

namespace {

using internal::Json;
using internal::OrderedJson;

std::vector<std::string> SignalNames(const std::vector<Signal>& signals) {
  std::vector<std::string> names;
  for (Signal s : signals) names.emplace_back(SignalName(s));
  return names;
}

// The reply was a question for a missing detail of an intent the case
// expects: the bot understood, though it did not (yet) answer.
bool AskedForExpected(const EvalResult& r) {
  std::string_view asked;
  return internal::AskedIntent(r.understood_as, &asked) &&
         std::find(r.c.expect.begin(), r.c.expect.end(), asked) !=
             r.c.expect.end();
}

// What a result's reply was, for people (DescribeReply of its fields).
std::string DescribeResult(const EvalResult& r) {
  Reply reply;
  reply.kind = r.kind;
  reply.reason = r.reason;
  reply.id = r.id;
  return DescribeReply(reply);
}

constexpr char kNoId[] = "(none)";

std::string Percent(double share) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.1f%%", 100.0 * share);
  return text;
}

std::string Fixed(double value, const char* format) {
  char text[32];
  std::snprintf(text, sizeof(text), format, value);
  return text;
}

// `text` and spaces up to `width` bytes (like printf's "%-16s").
std::string Padded(const std::string& text, size_t width) {
  return text.size() >= width ? text
                              : text + std::string(width - text.size(), ' ');
}

std::string JoinExpect(const std::vector<std::string>& expect,
                       const char* separator) {
  std::string out;
  for (const std::string& e : expect) out += (out.empty() ? "" : separator) + e;
  return out;
}

// --- Reading ----------------------------------------------------------------

bool ReadAll(const std::string& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *text = buffer.str();
  return true;
}

Status BadCase(const std::string& path, int line, const std::string& why) {
  return Status::AtLocation(Status::Code::kInvalidArgument, path, line, 0, why);
}

// `expect`: one string, or an array of strings.
bool ExpectFromJson(const Json& value, std::vector<std::string>* expect) {
  if (value.is_string()) {
    expect->push_back(value.get<std::string>());
    return true;
  }
  if (!value.is_array() || value.empty()) return false;
  for (const Json& e : value) {
    if (!e.is_string()) return false;
    expect->push_back(e.get<std::string>());
  }
  return true;
}

// An optional string member; a number (a conversation numbered 7) is taken
// as its text.
std::string OptionalText(const Json& row, const char* key) {
  auto it = row.find(key);
  if (it == row.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number() || it->is_boolean()) return it->dump();
  return "";
}

Status ReadJsonLines(const std::string& path, const std::string& text,
                     std::vector<EvalCase>* cases) {
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Json row;
    std::string error;
    if (!internal::ParseJson(line, &row, &error))
      return BadCase(path, number, "not JSON: " + error);
    EvalCase c;
    c.line = number;
    if (!row.is_object() || !row.contains("text") || !row["text"].is_string() ||
        !row.contains("expect") || !ExpectFromJson(row["expect"], &c.expect)) {
      return BadCase(path, number,
                     "each line needs {\"text\": ..., \"expect\": an id, "
                     "a list of ids or @...}");
    }
    c.text = row["text"].get<std::string>();
    const std::string lang = OptionalText(row, "lang");
    if (!lang.empty() && !ParseLang(lang, &c.lang))
      return BadCase(path, number,
                     "'lang' must be hu or pl, not '" + lang + "'");
    c.conversation = OptionalText(row, "conversation");
    c.split = OptionalText(row, "split");
    cases->push_back(std::move(c));
  }
  return Status::Ok();
}

Status ReadCsv(const std::string& path, const std::string& text,
               std::vector<EvalCase>* cases) {
  std::vector<internal::CsvRecord> records;
  int bad_line = 0;
  if (!internal::ParseCsv(text, &records, &bad_line))
    return BadCase(path, bad_line, "a quoted field is never closed");
  if (records.empty()) return Status::Ok();
  const std::vector<std::string>& header = records[0].fields;
  auto column = [&](const char* name) -> int {
    auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : static_cast<int>(it - header.begin());
  };
  const int text_col = column("text"), expect_col = column("expect");
  if (text_col < 0 || expect_col < 0)
    return BadCase(path, records[0].line,
                   "the header needs 'text' and 'expect'");
  const int lang_col = column("lang"),
            conversation_col = column("conversation"),
            split_col = column("split");
  for (size_t r = 1; r < records.size(); ++r) {
    const internal::CsvRecord& record = records[r];
    auto cell = [&](int col) -> std::string {
      return col >= 0 && static_cast<size_t>(col) < record.fields.size()
                 ? record.fields[static_cast<size_t>(col)]
                 : "";
    };
    EvalCase c;
    c.line = record.line;
    c.text = cell(text_col);
    // Several expectations: "a|b".
    std::stringstream expect(cell(expect_col));
    for (std::string e; std::getline(expect, e, '|');)
      if (!e.empty()) c.expect.push_back(e);
    if (c.expect.empty())
      return BadCase(path, record.line, "'expect' is empty");
    const std::string lang = cell(lang_col);
    if (!lang.empty() && !ParseLang(lang, &c.lang))
      return BadCase(path, record.line,
                     "'lang' must be hu or pl, not '" + lang + "'");
    c.conversation = cell(conversation_col);
    c.split = cell(split_col);
    cases->push_back(std::move(c));
  }
  return Status::Ok();
}

// --- Answering --------------------------------------------------------------

// Answers the cases: those without a conversation in parallel, grouped by
// language, then each conversation's cases in file order on one Session.
template <typename Bot>
std::vector<Reply> AnswerAll(const Bot& bot, const std::vector<EvalCase>& cases,
                             const EvalOptions& options) {
  std::vector<Reply> replies(cases.size());
  const size_t total = cases.size();
  size_t done = 0;
  auto report_progress = [&] {
    if (options.progress) options.progress(done, total);
  };
  std::map<Lang, std::vector<size_t>> independent;
  for (size_t i = 0; i < cases.size(); ++i) {
    if (cases[i].conversation.empty()) {
      const Lang lang =
          cases[i].lang != Lang::kUnknown ? cases[i].lang : options.lang;
      independent[lang].push_back(i);
    }
  }
  for (const auto& [lang, indexes] : independent) {
    std::vector<std::string> texts;
    texts.reserve(indexes.size());
    for (size_t i : indexes) texts.push_back(cases[i].text);
    RespondManyOptions many;
    many.lang = lang;
    many.threads = options.threads;
    std::vector<Reply> answered;
    bot.RespondMany(texts, &answered, many);
    for (size_t k = 0; k < indexes.size(); ++k)
      replies[indexes[k]] = std::move(answered[k]);
    done += indexes.size();
    report_progress();
  }
  std::map<std::string, Session> sessions;
  for (size_t i = 0; i < cases.size(); ++i) {
    if (cases[i].conversation.empty()) continue;
    const Lang lang =
        cases[i].lang != Lang::kUnknown ? cases[i].lang : options.lang;
    replies[i] =
        bot.Respond(cases[i].text, &sessions[cases[i].conversation], lang);
    if (++done % 64 == 0) report_progress();
  }
  report_progress();
  return replies;
}

template <typename Bot>
EvalReport Score(const Bot& bot, const std::vector<EvalCase>& cases,
                 const EvalOptions& options) {
  const std::vector<Reply> replies = AnswerAll(bot, cases, options);
  EvalReport report;
  report.traced = options.trace;
  report.results.reserve(cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    const Reply& reply = replies[i];
    EvalResult r;
    r.c = cases[i];
    if (r.c.line == 0) r.c.line = static_cast<int>(i + 1);
    r.kind = reply.kind;
    r.reason = reply.reason;
    r.signals = reply.signals;
    r.id = reply.id;
    r.reply_text = reply.text;
    r.confidence = reply.confidence;
    r.lang = r.c.lang != Lang::kUnknown       ? r.c.lang
             : options.lang != Lang::kUnknown ? options.lang
                                              : reply.lang;
    r.understood_as = UnderstoodAs(reply);
    if (options.trace) r.trace = reply.trace;
    r.correct = std::any_of(
        r.c.expect.begin(), r.c.expect.end(),
        [&](const std::string& e) { return MeetsExpectation(reply, e); });
    r.understood = r.correct || AskedForExpected(r);
    report.results.push_back(std::move(r));
  }
  return report;
}

// --- Writing ----------------------------------------------------------------

std::string CountsLine(const EvalCounts& g) {
  std::string line = std::to_string(g.correct) + "/" + std::to_string(g.total) +
                     " correct (" + Percent(g.accuracy()) + ")";
  // Only when it says something: slot questions for the expected intent.
  if (g.understood > g.correct) {
    line += ", understood " + std::to_string(g.understood) + " (" +
            Percent(g.understood_rate()) + ")";
  }
  return line + ", out-of-scope answered " + std::to_string(g.oos_answered) +
         "/" + std::to_string(g.oos) + " (" + Percent(g.oos_answer_rate()) +
         ")";
}

// The per-id table of ToText: every expected or given id, weakest first.
std::string PerIdTable(const std::map<std::string, EvalIdScores>& per_id) {
  if (per_id.empty()) return "";
  std::vector<std::pair<std::string, EvalIdScores>> rows(per_id.begin(),
                                                         per_id.end());
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.second.f1 < b.second.f1;
  });
  size_t width = 12;
  for (const auto& row : rows) width = std::max(width, row.first.size());
  std::string out =
      "per id (weakest first; asked: a question for one of its "
      "details, not counted right):\n  " +
      Padded("id", width) + "  rows  right  asked  precision  recall    F1\n";
  for (const auto& [label, s] : rows) {
    out += "  " + Padded(label, width) + Fixed(s.support, "%6.0f") +
           Fixed(s.correct, "%7.0f") + Fixed(s.asked, "%7.0f") +
           Fixed(s.precision, "%11.2f") + Fixed(s.recall, "%8.2f") +
           Fixed(s.f1, "%6.2f") + "\n";
  }
  return out;
}

// "answers by confidence: 0.6-0.7 27 (85% right), ..." over the buckets
// that hold answers, and the calibration error beside what chance alone
// would give.
std::string ReliabilityLines(const std::vector<EvalConfidenceBucket>& buckets,
                             double calibration_error, double by_chance) {
  std::string out;
  for (const EvalConfidenceBucket& b : buckets) {
    if (b.answers == 0) continue;
    out += (out.empty() ? "" : ", ") + Fixed(b.low, "%.1f") + "-" +
           Fixed(b.high, "%.1f") + " " + std::to_string(b.answers) + " (" +
           Percent(static_cast<double>(b.correct) / b.answers) + " right)";
  }
  if (out.empty()) return "";
  return "answers by confidence: " + out + "\ncalibration error " +
         Fixed(calibration_error, "%.3f") +
         " (confidence against the share right; " + Fixed(by_chance, "%.3f") +
         " would come from chance alone)\n";
}

OrderedJson CountsJson(const EvalCounts& g) {
  return {{"total", g.total},
          {"correct", g.correct},
          {"accuracy", g.accuracy()},
          {"understood", g.understood},
          {"understood_rate", g.understood_rate()},
          {"oos", g.oos},
          {"oos_answered", g.oos_answered},
          {"oos_answer_rate", g.oos_answer_rate()}};
}

}  // namespace

const std::vector<internal::KindExpectation>& internal::KindExpectations() {
  static const std::vector<KindExpectation> table = {
      {"@handoff",
       [](const Reply& r) { return r.kind == ReplyKind::kHandoff; }},
      {"@fallback",
       [](const Reply& r) { return r.kind == ReplyKind::kFallback; }},
      {"@clarify",
       [](const Reply& r) { return r.kind == ReplyKind::kClarify; }},
      {"@oos", [](const Reply& r) { return r.kind != ReplyKind::kAnswer; }},
  };
  return table;
}

bool MeetsExpectation(const Reply& reply, std::string_view expect) {
  for (const internal::KindExpectation& k : internal::KindExpectations()) {
    if (expect == k.name) return k.met(reply);
  }
  return !expect.empty() && UnderstoodAs(reply) == expect;
}

std::string UnderstoodAs(const Reply& reply) {
  if (reply.id.empty()) return "";
  // An out_of_scope intent's fallback names it too: an inline test may
  // expect that intent ("expect: off_topic") as well as "@oos".
  if (reply.kind == ReplyKind::kAnswer || reply.kind == ReplyKind::kHandoff ||
      reply.reason == ReplyReason::kOutOfScope)
    return reply.id;
  if (reply.kind == ReplyKind::kClarify && reply.reason == ReplyReason::kSlot)
    return std::string(kAskPrefix) + reply.id;
  return "";
}

Status CheckExpectations(const Engine& engine,
                         const std::vector<EvalCase>& cases,
                         const std::string& source) {
  constexpr int kMaxListed = 20;
  std::string message;
  int unknown = 0;
  for (const EvalCase& c : cases) {
    for (const std::string& e : c.expect) {
      const std::string why = engine.UnknownExpectation(e);
      if (why.empty()) continue;
      if (++unknown <= kMaxListed) {
        message += (message.empty() ? "" : "\n") + source + ":" +
                   std::to_string(c.line) + ": " + why;
      }
    }
  }
  if (unknown == 0) return Status::Ok();
  if (unknown > kMaxListed) {
    message += "\n... and " + std::to_string(unknown - kMaxListed) +
               " more unknown expected ids";
  }
  return Status::InvalidArgument(message);
}

Status ReadEvalCases(const std::string& path, std::vector<EvalCase>* cases) {
  std::string text;
  if (!ReadAll(path, &text))
    return Status::NotFound(path + ": cannot open the evaluation set");
  std::vector<EvalCase> read;
  const bool csv =
      path.size() >= 4 && path.compare(path.size() - 4, 4, ".csv") == 0;
  Status s =
      csv ? ReadCsv(path, text, &read) : ReadJsonLines(path, text, &read);
  if (s.ok()) *cases = std::move(read);
  return s;
}

bool EvalResult::ExpectsOutOfScope() const {
  return c.expect.size() == 1 && c.expect[0] == "@oos";
}

std::string DescribeReply(const Reply& reply) {
  std::string got(ReplyKindName(reply.kind));
  if (reply.kind == ReplyKind::kClarify && reply.reason == ReplyReason::kSlot)
    got = "a question for a detail of";
  return reply.id.empty() ? got : got + " " + reply.id;
}

std::string EvalResult::Describe() const {
  return "\"" + ToValidUtf8(c.text) + "\" expected " +
         JoinExpect(c.expect, "|") + ", got " + DescribeResult(*this) + " (" +
         Fixed(confidence, "%.2f") + ")";
}

double EvalCounts::accuracy() const {
  return total ? static_cast<double>(correct) / total : 0.0;
}

double EvalCounts::understood_rate() const {
  return total ? static_cast<double>(understood) / total : 0.0;
}

double EvalCounts::oos_answer_rate() const {
  return oos ? static_cast<double>(oos_answered) / oos : 0.0;
}

EvalCounts EvalReport::Overall() const {
  EvalCounts all;
  for (const auto& [name, g] : Groups(false)) {
    all.total += g.total;
    all.correct += g.correct;
    all.understood += g.understood;
    all.oos += g.oos;
    all.oos_answered += g.oos_answered;
  }
  return all;
}

std::map<std::string, EvalCounts> EvalReport::Groups(bool by_split) const {
  std::map<std::string, EvalCounts> groups;
  for (const EvalResult& r : results) {
    std::string name(LangCode(r.lang));
    if (by_split && !r.c.split.empty()) name += "/" + r.c.split;
    EvalCounts& g = groups[name];
    ++g.total;
    g.correct += r.correct;
    g.understood += r.understood;
    if (r.ExpectsOutOfScope()) {
      ++g.oos;
      g.oos_answered += r.kind == ReplyKind::kAnswer;
    }
  }
  return groups;
}

double EvalReport::Rate(ReplyKind kind) const {
  if (results.empty()) return 0.0;
  const auto n =
      std::count_if(results.begin(), results.end(),
                    [&](const EvalResult& r) { return r.kind == kind; });
  return static_cast<double>(n) / static_cast<double>(results.size());
}

std::map<std::string, EvalIdScores> EvalReport::PerId() const {
  std::map<std::string, int> tp, fp, fn, asked;
  for (const EvalResult& r : results) {
    // What the reply "predicts": an id answered or handed over, or
    // "ask:ID" for a slot question.
    const std::string predicted =
        r.understood_as.empty() ? kNoId : r.understood_as;
    // One id, or one "ask:ID": not an @-expectation.
    const bool one_id = r.c.expect.size() == 1 && !r.c.expect[0].empty() &&
                        r.c.expect[0][0] != '@';
    if (!one_id) {
      // Several acceptable ids or an @-expectation: only a wrong id counts,
      // against the id that was given.
      if (predicted != kNoId && !r.correct) ++fp[predicted];
      continue;
    }
    const std::string& expected = r.c.expect[0];
    if (predicted == expected) {
      ++tp[expected];
    } else if (r.understood) {
      // A question for a detail of the expected id (understood, not
      // correct): a miss of the id, in its own column, and no false
      // prediction of anything else.
      ++fn[expected];
      ++asked[expected];
    } else {
      ++fn[expected];
      if (predicted != kNoId) ++fp[predicted];
    }
  }
  std::map<std::string, EvalIdScores> out;
  auto add_labels = [&](const std::map<std::string, int>& counts) {
    for (const auto& [label, n] : counts) out[label];
  };
  add_labels(tp);
  add_labels(fp);
  add_labels(fn);
  for (auto& [label, s] : out) {
    const double t = tp[label], p = fp[label], n = fn[label];
    s.precision = t + p > 0 ? t / (t + p) : 0.0;
    s.recall = t + n > 0 ? t / (t + n) : 0.0;
    s.f1 = s.precision + s.recall > 0
               ? 2 * s.precision * s.recall / (s.precision + s.recall)
               : 0.0;
    s.support = tp[label] + fn[label];
    s.correct = tp[label];
    s.asked = asked[label];
  }
  return out;
}

std::vector<EvalConfusion> EvalReport::Confusions(size_t top) const {
  std::map<std::pair<std::string, std::string>, int> counts;
  for (const EvalResult& r : results) {
    if (r.correct) continue;
    // An id the bot understood stands alone ("ask:ID" for a slot question);
    // otherwise the kind says what happened ("clarify faq.returns": it only
    // asked whether that was meant).
    std::string got = std::string(ReplyKindName(r.kind));
    if (!r.understood_as.empty()) {
      got = r.understood_as;
    } else if (!r.id.empty()) {
      got += " " + r.id;
    }
    ++counts[{JoinExpect(r.c.expect, " | "), got}];
  }
  std::vector<EvalConfusion> out;
  for (const auto& [key, n] : counts) out.push_back({key.first, key.second, n});
  // Most frequent first; ties in the order of the names (stable output).
  std::stable_sort(out.begin(), out.end(),
                   [](const EvalConfusion& a, const EvalConfusion& b) {
                     return a.count > b.count;
                   });
  if (out.size() > top) out.resize(top);
  return out;
}

namespace {

// The edges of Reliability()'s buckets: coarse below the usual thresholds,
// a tenth wide above them, where answers are.
constexpr std::array<double, 8> kReliabilityEdges = {0.0, 0.3, 0.5, 0.6,
                                                     0.7, 0.8, 0.9, 1.0};
constexpr size_t kCalibrationBins = 10;

// Which of `edges`' buckets a confidence falls in; 1.0 (and above) in the
// last.
template <size_t N>
size_t BucketOf(double confidence, const std::array<double, N>& edges) {
  for (size_t b = 0; b + 1 < N; ++b) {
    if (confidence < edges[b + 1]) return b;
  }
  return N - 2;
}

// The answers' (confidence, right) pairs.
std::vector<std::pair<double, bool>> Answers(
    const std::vector<EvalResult>& results) {
  std::vector<std::pair<double, bool>> answers;
  for (const EvalResult& r : results) {
    if (r.kind == ReplyKind::kAnswer)
      answers.emplace_back(r.confidence, r.correct);
  }
  return answers;
}

// The calibration error's bin of a confidence: tenths, 1.0 in the last.
size_t CalibrationBin(double confidence) {
  static const std::array<double, kCalibrationBins + 1> edges = [] {
    std::array<double, kCalibrationBins + 1> e{};
    for (size_t b = 0; b < e.size(); ++b)
      e[b] = static_cast<double>(b) / static_cast<double>(kCalibrationBins);
    return e;
  }();
  return BucketOf(confidence, edges);
}

// The expected calibration error of answers whose outcome right(i) gives:
// per bin, |sum of confidences - number right|, summed and divided by the
// answers.
template <typename Right>
double CalibrationGap(const std::vector<std::pair<double, bool>>& answers,
                      Right right) {
  std::array<double, kCalibrationBins> confidence{}, rights{};
  for (size_t i = 0; i < answers.size(); ++i) {
    const size_t b = CalibrationBin(answers[i].first);
    confidence[b] += answers[i].first;
    rights[b] += right(i) ? 1.0 : 0.0;
  }
  double gap = 0;
  for (size_t b = 0; b < confidence.size(); ++b)
    gap += std::abs(confidence[b] - rights[b]);
  return gap / static_cast<double>(answers.size());
}

}  // namespace

std::vector<EvalConfidenceBucket> EvalReport::Reliability() const {
  std::vector<EvalConfidenceBucket> buckets(kReliabilityEdges.size() - 1);
  for (size_t b = 0; b < buckets.size(); ++b) {
    buckets[b].low = kReliabilityEdges[b];
    buckets[b].high = kReliabilityEdges[b + 1];
  }
  for (const auto& [confidence, right] : Answers(results)) {
    EvalConfidenceBucket& bucket =
        buckets[BucketOf(confidence, kReliabilityEdges)];
    ++bucket.answers;
    bucket.correct += right;
    bucket.mean_confidence += confidence;
  }
  for (EvalConfidenceBucket& bucket : buckets) {
    if (bucket.answers > 0) bucket.mean_confidence /= bucket.answers;
  }
  return buckets;
}

double EvalReport::CalibrationError() const {
  const auto answers = Answers(results);
  if (answers.empty()) return 0.0;
  return CalibrationGap(answers, [&](size_t i) { return answers[i].second; });
}

double EvalReport::CalibrationErrorByChance() const {
  const auto answers = Answers(results);
  if (answers.empty()) return 0.0;
  // 1,000 simulated outcomes, fewer on a big set: about two million draws
  // in all (a few milliseconds) up to 100,000 answers, and 20 outcomes of
  // each answer above that, still far less than answering it took. A
  // 64-bit generator turned into [0, 1) by hand, so the number is the same
  // on every platform.
  constexpr size_t kDrawBudget = 2'000'000;
  const size_t draws =
      std::clamp<size_t>(kDrawBudget / answers.size(), 20, 1000);
  std::mt19937_64 rng(17);
  double sum = 0;
  for (size_t d = 0; d < draws; ++d) {
    sum += CalibrationGap(answers, [&](size_t i) {
      const double u = static_cast<double>(rng() >> 11) * 0x1.0p-53;
      return u < answers[i].first;
    });
  }
  return sum / static_cast<double>(draws);
}

std::string EvalReport::ToText(size_t max_failing) const {
  std::string out;
  const auto groups = Groups(true);
  const auto languages = Groups(false);
  if (groups.size() > 1) {
    for (const auto& [name, g] : groups)
      out += Padded(name, 16) + " " + CountsLine(g) + "\n";
  }
  // With splits, each language over all of them too.
  if (groups.size() > languages.size() && languages.size() > 1) {
    for (const auto& [name, g] : languages)
      out += Padded(name, 16) + " " + CountsLine(g) + "\n";
  }
  out += Padded("all", 16) + " " + CountsLine(Overall()) + "\n";
  out += "replies: answer " + Percent(Rate(ReplyKind::kAnswer)) + ", clarify " +
         Percent(Rate(ReplyKind::kClarify)) + ", handoff " +
         Percent(Rate(ReplyKind::kHandoff)) + ", fallback " +
         Percent(Rate(ReplyKind::kFallback)) + "\n";
  out += ReliabilityLines(Reliability(), CalibrationError(),
                          CalibrationErrorByChance());
  out += PerIdTable(PerId());
  const auto confusions = Confusions(10);
  if (!confusions.empty()) out += "most frequent confusions:\n";
  for (const EvalConfusion& c : confusions) {
    out += "  " + Fixed(c.count, "%4.0f") + "× expected " + c.expected +
           ", got " + c.got + "\n";
  }
  size_t failing = 0;
  for (const EvalResult& r : results) failing += !r.correct;
  if (failing > 0 && max_failing > 0)
    out += "failing cases (" + std::to_string(failing) + "):\n";
  size_t shown = 0;
  for (const EvalResult& r : results) {
    if (r.correct || shown >= max_failing) continue;
    ++shown;
    out += "  line " + std::to_string(r.c.line) + ": " + r.Describe() + "\n";
  }
  return out;
}

std::string EvalReport::ToJson() const {
  OrderedJson out = CountsJson(Overall());
  out["answer_rate"] = Rate(ReplyKind::kAnswer);
  out["clarify_rate"] = Rate(ReplyKind::kClarify);
  out["handoff_rate"] = Rate(ReplyKind::kHandoff);
  out["fallback_rate"] = Rate(ReplyKind::kFallback);
  out["calibration_error"] = CalibrationError();
  out["calibration_error_by_chance"] = CalibrationErrorByChance();
  out["reliability"] = OrderedJson::array();
  for (const EvalConfidenceBucket& b : Reliability()) {
    out["reliability"].push_back({{"low", b.low},
                                  {"high", b.high},
                                  {"answers", b.answers},
                                  {"correct", b.correct},
                                  {"mean_confidence", b.mean_confidence}});
  }
  out["groups"] = OrderedJson::object();
  for (const auto& [name, g] : Groups(true))
    out["groups"][name] = CountsJson(g);
  out["languages"] = OrderedJson::object();
  for (const auto& [name, g] : Groups(false))
    out["languages"][name] = CountsJson(g);
  out["per_id"] = OrderedJson::object();
  for (const auto& [label, s] : PerId()) {
    out["per_id"][label] = {
        {"precision", s.precision}, {"recall", s.recall},   {"f1", s.f1},
        {"support", s.support},     {"correct", s.correct}, {"asked", s.asked}};
  }
  out["confusions"] = OrderedJson::array();
  for (const EvalConfusion& c : Confusions(results.size())) {
    out["confusions"].push_back(
        {{"expected", c.expected}, {"got", c.got}, {"count", c.count}});
  }
  out["results"] = OrderedJson::array();
  for (const EvalResult& r : results) {
    OrderedJson row = {{"line", r.c.line},
                       {"text", r.c.text},
                       {"expect", r.c.expect},
                       {"kind", ReplyKindName(r.kind)},
                       {"id", r.id},
                       {"reason", ReplyReasonName(r.reason)},
                       {"reply", r.reply_text},
                       {"signals", SignalNames(r.signals)},
                       {"confidence", r.confidence},
                       {"lang", LangCode(r.lang)},
                       {"split", r.c.split},
                       {"conversation", r.c.conversation},
                       {"correct", r.correct},
                       {"understood", r.understood},
                       {"understood_as", r.understood_as}};
    if (traced) row["trace"] = internal::TraceJson(r.trace);
    out["results"].push_back(std::move(row));
  }
  return internal::DumpJson(out);
}

namespace {

// "answer faq.returns (0.93): "A visszaküldés ingyenes."", on one line.
std::string ReplyLine(const EvalResult& r) {
  std::string text = ToValidUtf8(r.reply_text);
  for (char& c : text)
    if (c == '\n') c = ' ';
  constexpr size_t kShown = 120;  // a line, not the whole answer
  if (text.size() > kShown)
    text = std::string(internal::TruncateUtf8(text, kShown)) + "...";
  return DescribeResult(r) + " (" + Fixed(r.confidence, "%.2f") + "): \"" +
         text + "\"";
}

OrderedJson ResultJson(const EvalResult& r) {
  return {{"kind", ReplyKindName(r.kind)},       {"id", r.id},
          {"reason", ReplyReasonName(r.reason)}, {"reply", r.reply_text},
          {"confidence", r.confidence},          {"correct", r.correct}};
}

const char* ChangeName(const EvalChange& c) {
  return c.regression() ? "regression" : c.fix() ? "fix" : "changed";
}

}  // namespace

Status CompareReports(const EvalReport& before, const EvalReport& after,
                      EvalDiff* diff) {
  *diff = EvalDiff();
  if (before.results.size() != after.results.size()) {
    return Status::InvalidArgument(
        "the two reports are not of the same cases (" +
        std::to_string(before.results.size()) + " and " +
        std::to_string(after.results.size()) + ")");
  }
  for (size_t i = 0; i < before.results.size(); ++i) {
    const EvalResult& b = before.results[i];
    const EvalResult& a = after.results[i];
    if (b.c.text != a.c.text || b.c.expect != a.c.expect) {
      return Status::InvalidArgument("case " + std::to_string(i + 1) +
                                     " differs between the two reports");
    }
    const bool same = b.kind == a.kind && b.id == a.id &&
                      b.reason == a.reason && b.reply_text == a.reply_text;
    if (!same) diff->changes.push_back({b, a});
  }
  diff->before = before.Overall();
  diff->after = after.Overall();
  return Status::Ok();
}

size_t EvalDiff::regressions() const {
  return static_cast<size_t>(
      std::count_if(changes.begin(), changes.end(),
                    [](const EvalChange& c) { return c.regression(); }));
}

size_t EvalDiff::fixes() const {
  return static_cast<size_t>(
      std::count_if(changes.begin(), changes.end(),
                    [](const EvalChange& c) { return c.fix(); }));
}

std::string EvalDiff::ToText(const std::string& source) const {
  std::string out;
  // Regressions first: they are what blocks a commit.
  for (const std::string_view wanted : {"regression", "fix", "changed"}) {
    for (const EvalChange& c : changes) {
      if (ChangeName(c) != wanted) continue;
      out += source + ":" + std::to_string(c.before.c.line) + ": " +
             std::string(wanted) + ": \"" + ToValidUtf8(c.before.c.text) +
             "\" expected " + JoinExpect(c.before.c.expect, "|") + "\n";
      out += "  before: " + ReplyLine(c.before) + "\n";
      out += "  after:  " + ReplyLine(c.after) + "\n";
    }
  }
  const size_t other = changes.size() - regressions() - fixes();
  out += std::to_string(changes.size()) + " of " +
         std::to_string(before.total) +
         " replies changed: " + std::to_string(regressions()) +
         " regressions, " + std::to_string(fixes()) + " fixes, " +
         std::to_string(other) + " other changes\n";
  out += "before: " + CountsLine(before) + "\n";
  out += "after:  " + CountsLine(after) + "\n";
  return out;
}

std::string EvalDiff::ToJson() const {
  OrderedJson list = OrderedJson::array();
  for (const EvalChange& c : changes) {
    list.push_back({{"line", c.before.c.line},
                    {"text", c.before.c.text},
                    {"expect", c.before.c.expect},
                    {"change", ChangeName(c)},
                    {"before", ResultJson(c.before)},
                    {"after", ResultJson(c.after)}});
  }
  const OrderedJson out = {{"before", CountsJson(before)},
                           {"after", CountsJson(after)},
                           {"regressions", regressions()},
                           {"fixes", fixes()},
                           {"changes", std::move(list)}};
  return internal::DumpJson(out);
}

size_t TestReport::failed() const {
  return static_cast<size_t>(
      std::count_if(results.begin(), results.end(),
                    [](const InlineTestResult& r) { return !r.passed; }));
}

std::string TestReport::ToText() const {
  std::string out;
  for (const InlineTestResult& r : results) {
    if (r.passed) continue;
    out += "FAIL " + r.where + ": " + r.intent + ": \"" + ToValidUtf8(r.text) +
           "\"";
    if (!r.error.empty()) {
      out += ": " + r.error + "\n";
      continue;
    }
    out += " expected " + r.expect + ", got " + DescribeReply(r.reply) + "\n" +
           r.reply.trace.ToString() + "\n";
  }
  // Coverage: patterns no test matched, FAQ entries no test was answered by.
  for (const std::string& u : uncovered_patterns)
    out += "not covered by any test: " + u + "\n";
  for (const std::string& u : uncovered_entries)
    out += "FAQ entry no test gets: " + u + "\n";
  out += std::to_string(results.size() - failed()) + " passed, " +
         std::to_string(failed()) + " failed\n";
  out +=
      "uncovered patterns: " + std::to_string(uncovered_patterns.size()) + "\n";
  out += faq_loaded ? "uncovered FAQ entries: " +
                          std::to_string(uncovered_entries.size()) + "\n"
                    : "FAQ entries: none loaded, not checked (no database; "
                      "see --kb)\n";
  return out;
}

std::string TestReport::ToJson() const {
  OrderedJson tests = OrderedJson::array();
  for (const InlineTestResult& r : results) {
    OrderedJson row = {{"where", r.where},
                       {"intent", r.intent},
                       {"text", r.text},
                       {"expect", r.expect},
                       {"passed", r.passed},
                       {"error", r.error},
                       {"kind", ReplyKindName(r.reply.kind)},
                       {"id", r.reply.id},
                       {"reason", ReplyReasonName(r.reply.reason)},
                       {"confidence", r.reply.confidence},
                       {"understood_as", UnderstoodAs(r.reply)},
                       {"got", DescribeReply(r.reply)}};
    // Why a test failed is what its reader wants; a passing one's trace
    // would only make the output long.
    if (!r.passed) row["trace"] = internal::TraceJson(r.reply.trace);
    tests.push_back(std::move(row));
  }
  const size_t failing = failed();
  OrderedJson out = {{"passed", results.size() - failing},
                     {"failed", failing},
                     {"faq_loaded", faq_loaded},
                     {"tests", std::move(tests)},
                     {"uncovered_patterns", uncovered_patterns},
                     {"uncovered_faq_entries", uncovered_entries}};
  return internal::DumpJson(out);
}

TestReport RunTests(const Engine& engine) {
  TestReport report;
  report.results = engine.RunInlineTests();
  report.uncovered_patterns = engine.UncoveredPatterns(report.results);
  report.faq_loaded = engine.Size().faq_entries > 0;
  if (report.faq_loaded)
    report.uncovered_entries = engine.UncoveredEntries(report.results);
  return report;
}

EvalReport Evaluate(const Engine& engine, const std::vector<EvalCase>& cases,
                    const EvalOptions& options) {
  return Score(engine, cases, options);
}

EvalReport Evaluate(const EngineHandle& handle,
                    const std::vector<EvalCase>& cases,
                    const EvalOptions& options) {
  // One version answers the whole set, even when a reload happens meanwhile.
  return Score(*handle.Current(), cases, options);
}

}  // namespace libbot
