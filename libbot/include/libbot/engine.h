// Copyright 2026 The libbot Authors.
//
// libbot answers customer-service messages in Hungarian and Polish.
//
//   libbot::EngineOptions options;
//   options.rules_dir = "rules";
//   std::unique_ptr<libbot::Engine> engine;
//   libbot::Status s = libbot::Engine::Open(options, &engine);
//   if (!s.ok()) {                       // e.g. "rules/hu/orders.yaml:12:5:
//     std::cerr << s.message() << "\n";  //  unknown key 'pattens' (did you
//     return 1;                          //  mean 'patterns'?)"
//   }
//   libbot::Session session;             // one per conversation
//   libbot::Reply r = engine->Respond("Hol tart a rendelésem?", &session);
//   // r.kind == ReplyKind::kClarify: "Kérem, adja meg a rendelésszámát!"
//   r = engine->Respond("#123456", &session);
//   // r.kind == ReplyKind::kAnswer, r.id == "order_status", the text quotes 123456
//   std::string saved = session.ToJson();  // keep it anywhere between messages
//
// Thread safety: an Engine is immutable after Open(); any number of threads
// may call Respond() at once. A Session belongs to one conversation: do not
// share one between threads without a lock.
#ifndef LIBBOT_ENGINE_H_
#define LIBBOT_ENGINE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "libbot/analyzer.h"
#include "libbot/export.h"
#include "libbot/status.h"

namespace libbot {

namespace internal {
struct
    EngineRep;  // the loaded rules and knowledge base (src/engine/engine_rep.h)
}  // namespace internal

enum class ReplyKind {
  kAnswer,    // the bot answers (an intent's reply)
  kClarify,   // the bot asks: for a missing detail (slot) or which of several
  kHandoff,   // the conversation goes to a person; Reply::reason says why
  kFallback,  // the bot did not understand
};
LIBBOT_EXPORT std::string_view ReplyKindName(ReplyKind kind);  // "answer", ...

enum class ReplySource {
  kRule,     // a pattern of an intent matched
  kExample,  // the message is close to an intent's example
  kFaq,      // the knowledge base answered
  kPolicy,   // fallback and handoff policy
};
LIBBOT_EXPORT std::string_view ReplySourceName(
    ReplySource source);  // "rule", ...

// Why a handoff or a clarify reply was given, or why the policy answered.
enum class ReplyReason {
  kNone,              // answers and fallbacks
  kRequested,         // handoff: the customer asked for a person
  kRepeatedFallback,  // handoff: too many misunderstandings in a row
  kComplaint,         // handoff: too many complaints in one conversation
  kSlot,              // clarify: asks for a missing detail of intent `id`
  kChoices,           // clarify: asks which of several the customer means
  kConfirm,           // clarify: asks whether the customer means `id` (yes/no)
  kHandedOver,        // handoff: the conversation is already with a person
  kLowConfidence,     // handoff: too many turns in a row the bot was unsure
  kFrustrated,        // handoff: the customer is angry (see Reply::signals)
  kCancelled,         // answer: the customer called off the bot's question
  kOutOfScope,  // fallback: an out_of_scope intent `id` says the bot does not
                // answer this (docs/rules.md)
};
// "" for kNone, then "requested", "repeated_fallback", "complaint", "slot",
// "choices", "confirm", "handed_over", "low_confidence", "frustrated",
// "cancelled", "out_of_scope": the names JSON output and the Python module
// use.
LIBBOT_EXPORT std::string_view ReplyReasonName(ReplyReason reason);

// What in a message tells that the customer is angry or upset
// (docs/rules.md, "Angry customers"; the words are lists an editor extends).
enum class Signal {
  kProfanity,        // "kurwa", "a francba"
  kRepeatedContact,  // "már harmadszor írok", "znowu", "po raz kolejny"
  kShouting,         // mostly capitals, or "!!"
  kNegative,         // "felháborító", "skandal"
};
// "profanity", "repeated_contact", "shouting", "negative".
LIBBOT_EXPORT std::string_view SignalName(Signal signal);

// A slot of an intent the customer gave: its value and the turn it came in
// (Session::turn_count of that message, counting from 1).
struct FilledSlot {
  std::string name;
  std::string value;
  int turn = 0;
};

struct Entity {
  std::string name;   // "order_number", "money", or a rule file's own entity
  std::string value;  // normalised: "123456", "234.50 PLN", "2023-05-01"
  size_t begin = 0;   // bytes [begin, end) in the message
  size_t end = 0;
};

// Why a reply is what it is, for people: editors (`libbot explain`), logs.
// Filled only when EngineOptions::trace asks for it; empty otherwise.
struct LIBBOT_EXPORT Trace {
  struct Candidate {
    ReplySource source = ReplySource::kRule;  // kRule, kExample or kFaq
    std::string id;                           // intent or FAQ id
    std::string
        where;  // "rules/hu/orders.yaml:14:9": pattern, example or question
    std::string pattern;  // its text
    int priority = 0;
    int specificity = 0;     // rules: literal tokens the pattern matched
    double score = 0;        // examples and FAQ: similarity in words, [0, 1]
    double ngram_score = 0;  // ... and in character n-grams (cosine)
    // Articles (FAQ entries without questions): the similarity of the
    // message and the article's whole text (title and answer), part of
    // `rank`.
    double document_score = 0;
    // Examples and FAQ: the estimated probability that this is what the
    // message asks for (docs/kb.md, "What confidence means").
    double probability = 0;
    // Examples and FAQ: what candidates are ordered by (words, plus the
    // scores of the owner's next two phrasings, plus n-grams).
    double rank = 0;
    // Its words and its entry's other questions' together match the message
    // better than any one of them (FAQ entries, intents' examples).
    bool combined = false;
    // What the decision did with it: "answered", "offered as choice 2",
    // "out of scope: declined" (an out_of_scope intent that won), "less
    // probable", or why it was not eligible or lost.
    std::string verdict;
  };
  std::vector<std::string> tokens;    // "rendelésem→rendel"
  std::string language;               // "hu (detected, 0.93)"
  std::vector<std::string> entities;  // "order_number=123456"
  std::vector<Candidate> candidates;  // best first
  // Share of the message (by word weight) that no example or FAQ text of
  // its language has: much unknown means "probably not about this bot".
  double unknown_words = 0;
  // The best n-gram similarity of an example or FAQ owner that is not a
  // candidate: how close the rest of the bot comes (a lone candidate's
  // lead is taken over it).
  double outside_ngram_score = 0;
  std::vector<std::string> decisions;  // slot filling, handoff policy, ...
  std::string ToString() const;        // a readable, multi-line report
  // For scripts: {"language", "tokens", "entities", "unknown_words",
  // "outside_ngram_score", "candidates": [{"source", "id", "where",
  // "pattern", "priority", "specificity", "score", "ngram_score",
  // "document_score", "probability", "rank", "combined", "verdict"}, ...],
  // "decisions"}. The one serialisation of a
  // trace: `explain --json`, `eval --json --trace` and Python use it.
  std::string ToJson() const;
};

struct Reply {
  ReplyKind kind = ReplyKind::kFallback;
  std::string id;           // intent (or FAQ) id; empty for a plain fallback
  std::string text;         // in the message's language
  double confidence = 0.0;  // [0, 1]
  Lang lang = Lang::kUnknown;
  ReplySource source = ReplySource::kPolicy;
  std::vector<Entity> entities;
  // Why a handoff or a clarify reply (see ReplyReason); kNone otherwise.
  ReplyReason reason = ReplyReason::kNone;
  // The slots of intent `id` the customer has given so far, in the order the
  // intent lists them: all of them in its answer, those before the missing
  // one in a slot question.
  std::vector<FilledSlot> slots;
  // The message shows that the customer is angry or upset: which signals.
  bool frustrated = false;
  std::vector<Signal> signals;
  // Which load of the rules answered: EngineHandle counts 1 for its first
  // engine and one more for each successful Reload(). 0 from a plain Engine.
  uint64_t generation = 0;
  Trace trace;
};

// Whether a reply is what a test or an evaluation row expects (the one
// meaning of "correct" in tests, `libbot eval` and Python):
//   "@handoff", "@fallback", "@clarify", "@oos" (anything but an answer);
//   an intent or FAQ id: the bot answered with it or handed off with it;
//   "ask:ID": the bot asked for a missing detail (a slot) of intent ID.
// A question for a detail never meets a plain id, and asking which of
// several the customer means meets neither.
LIBBOT_EXPORT bool MeetsExpectation(const Reply& reply,
                                    std::string_view expect);

// The prefix of an expectation met by a slot question ("ask:order_status").
inline constexpr std::string_view kAskPrefix = "ask:";

// What a reply shows the bot understood, as an expectation it would meet:
// the id of an answer or a handoff, of the out_of_scope intent that
// declined the message (ReplyReason::kOutOfScope), "ask:ID" for a slot
// question, else empty ("which one?", a fallback, the policy's own replies).
LIBBOT_EXPORT std::string UnderstoodAs(const Reply& reply);
// A reply's kind and id for people: "answer faq.returns", "a question for a
// detail of order_status", "clarify faq.returns", "fallback",
// "fallback off_topic" (an out_of_scope intent declined it).
LIBBOT_EXPORT std::string DescribeReply(const Reply& reply);

// One conversation's state. Plain data: copy it, store it as JSON between
// messages (a stateless server can keep it anywhere).
struct LIBBOT_EXPORT Session {
  struct Turn {
    std::string user;  // what the customer wrote
    std::string kind;  // reply kind
    std::string id;    // reply id
  };
  Lang lang = Lang::kUnknown;          // language of the conversation so far
  std::map<std::string, int> context;  // active context → turns left
  std::string pending_intent;          // waiting for a slot of this intent
  std::string pending_slot;            // ... this one
  std::vector<std::string> choices;    // candidates a clarify reply offered
  // Slots the customer gave for intent `slots_intent`: the one the bot is
  // asking about (pending_intent), else the last intent answered with slots.
  std::map<std::string, std::string> slots;
  std::string slots_intent;
  std::map<std::string, int> slot_turns;  // slot → turn it was given in
  // Turns in a row the bot did not understand; "which one?" questions count
  // too unless the count_clarify_as_fallback setting is false.
  int consecutive_fallbacks = 0;
  int complaints = 0;
  int turn_count = 0;
  // Turns in a row the reply's confidence was below the low_confidence
  // setting, and turns the customer was frustrated (Reply::frustrated).
  int low_confidence_turns = 0;
  int frustrated_turns = 0;
  // The conversation went to a person. Until the host sets it back to false
  // (when the person is done), the bot replies with kHandedOver handoffs,
  // unless the answer_after_handoff setting is true.
  bool handed_over = false;
  std::vector<Turn> turns;  // the last few turns

  // A session may come from an untrusted place (a cookie, a client-side
  // store), so its JSON is small by construction: FromJson refuses more
  // than these, and the engine never writes more (counters stop at
  // kMaxCounter, the turns kept are at most the max_turns_kept setting,
  // itself at most kMaxTurns, each turn's text at most 500 bytes).
  static constexpr size_t kMaxJsonBytes = 4 << 20;
  static constexpr size_t kMaxTurns = 1000;
  static constexpr size_t kMaxTurnTextBytes = 2048;  // a turn's user text
  static constexpr size_t kMaxNameBytes = 256;  // ids, slot and context names
  static constexpr size_t kMaxSlotValueBytes = 1024;
  static constexpr size_t kMaxEntries = 64;  // contexts, slots, choices each
  static constexpr int kMaxCounter = 1000000;

  // A JSON object with a "version" field.
  std::string ToJson() const;
  // Reads what ToJson() wrote, in one pass, in time linear in its size.
  // Unknown fields are ignored; a newer major version, broken JSON, wrong
  // types or anything over the limits above give an error and leave
  // *session as it was.
  static Status FromJson(std::string_view json, Session* session);
};

// Bounds on what loading reads, so that a mistaken or hostile rules folder
// (or FAQ source folder) gives an error naming the limit instead of taking
// all memory or time. Defaults are far above any real bot: the demo bot uses
// 11 files, 34 intents and 142 patterns and examples (docs/reliability.md).
struct LoadLimits {
  // Files under the folder. Default: 10,000.
  size_t max_files = 10000;
  // One file. Default: 16 MiB.
  size_t max_file_bytes = 16 << 20;
  // All files together. Default: 256 MiB.
  size_t max_total_bytes = 256 << 20;
  // YAML nodes in one file; an alias counts every time it is used, so an
  // "alias bomb" stops here. Default: 1,048,576.
  size_t max_yaml_nodes = 1 << 20;
  // Nesting levels in one YAML file. Default: 64.
  int max_yaml_depth = 64;
  // Intents in the rule set (all languages). Default: 100,000.
  size_t max_intents = 100000;
  // Patterns and examples in the rule set. Default: 1,000,000.
  size_t max_patterns = 1000000;
};

struct EngineOptions {
  // Folder with the rule files (see docs/rules.md). Default: "rules".
  std::string rules_dir = "rules";
  AnalyzerOptions analyzer;
  // FAQ database built by `libbot kb build` (docs/kb.md); empty: none.
  // Default: "".
  std::string kb_path;
  // Messages longer than this many bytes are cut (at a character boundary)
  // before they are read. Default: 64 KiB.
  size_t max_message_bytes = 64 << 10;
  // Memory RE2 may use for all regexes of the rule set. Default: 64 MiB.
  int64_t max_regex_memory = 64 << 20;
  // Fill Reply::trace (tokens, candidates with their scores, decisions): why
  // a reply was chosen, for `explain`, editors and testers. Building it costs
  // about a fifth of a Respond() (docs/benchmarks.md, "Respond"), so it is
  // built only when asked for; every other field of the Reply, and the
  // Session, are the same either way. Lint() and RunInlineTests() trace
  // their own answers whatever this says; Evaluate() with
  // EvalOptions::trace needs it. The `libbot` program and Python's Engine
  // turn it on. Default: false.
  bool trace = false;
  // How many example and FAQ candidates a trace lists, best first (pattern
  // matches are all listed), so a tester can see whether the right answer
  // was second or fifth. At most kMaxTraceCandidates. The replies are the
  // same whatever it is. Default: 5.
  size_t trace_candidates = 5;
  static constexpr size_t kMaxTraceCandidates = 100;
  // A language whose examples, FAQ questions, titles and article sentences
  // number more than this keeps its n-gram model's centroids instead of
  // learning from them at load (docs/kb.md, "What words and n-grams
  // mean"): learning costs load time (docs/benchmarks.md), and many
  // phrasings make good centroids already. The confidence weighs the two
  // kinds of similarity apart, so both are calibrated. 0: never learn.
  // Default: 20,000.
  size_t max_learned_texts = 20000;
  // What loading the rules may read (see LoadLimits).
  LoadLimits limits;
};

// How RespondMany() answers a batch.
struct RespondManyOptions {
  // Forces a language for every message; kUnknown detects each one's.
  Lang lang = Lang::kUnknown;
  // Worker threads; 0: one per core.
  int threads = 0;
  // Called from a worker thread each time the replies [begin, end) are
  // complete (in chunks of RespondManyOptions::kChunk), so that a caller can
  // use them while the rest are answered. Calls may come from several
  // threads at once, and must not throw. May be empty.
  std::function<void(size_t begin, size_t end)> on_ready;
  // When set and it becomes true, the workers stop after their current
  // chunk: replies not answered by then stay empty (Python's Ctrl-C).
  const std::atomic<bool>* cancel = nullptr;
  static constexpr size_t kChunk = 128;
};

// What a lint finding is about, so that findings can be grouped and
// counted (docs/rules.md, "What lint checks", has one row per kind).
enum class FindingKind {
  kLoad,                 // said while loading: an unknown key, a bad value
  kDuplicatePattern,     // two patterns that match the same messages
  kMatchesEverything,    // a pattern that needs no word
  kShadowedPattern,      // a pattern another intent always beats
  kUntestedPattern,      // a pattern none of its intent's tests matches
  kLooseSetItem,         // a phrase in <...> of which one word is enough
  kOneLanguage,          // an intent or FAQ entry in one language only
  kNoTests,              // an intent without tests
  kUnknownExpectation,   // a test expects an id the bot does not have
  kPlaceholder,          // a {placeholder} nothing fills
  kNoFallbackText,       // a language without fallback replies
  kTestRepeatsQuestion,  // a FAQ test that repeats one of its questions
  kStaleKnowledgeBase,   // the FAQ database is missing or older than sources
  kGreetingText,  // an example or question that is only a greeting or thanks
  kSharedText,    // the same example or question in two intents or entries
};
// "load", "duplicate_pattern", ... (JSON, Python, `libbot lint`).
LIBBOT_EXPORT std::string_view FindingKindName(FindingKind kind);

// A finding of `libbot lint` or a failed inline test.
struct LIBBOT_EXPORT Finding {
  std::string where;  // "rules/hu/orders.yaml:12:5"
  std::string message;
  bool error = false;  // false: a warning
  FindingKind kind = FindingKind::kLoad;
  std::string ToString() const;  // "where: [warning: ]message"
};

struct InlineTestResult {
  std::string where;   // of the test
  std::string intent;  // the intent the test belongs to
  std::string text;
  std::string expect;
  Reply reply;
  bool passed = false;
  // Why the test cannot pass whatever the bot replies: its expectation
  // names no intent or FAQ entry of the bot ("unknown expected id
  // 'netwrok_outage' (did you mean 'network_outage'?)"); else empty.
  std::string error;
};

// What a loaded engine holds, counted over both languages: for a repr, a
// status page, a check that the FAQ database was loaded at all.
struct EngineSize {
  size_t intents = 0;  // distinct intent ids
  size_t patterns = 0;
  size_t examples = 0;
  size_t faq_entries = 0;  // distinct FAQ ids (0: no database loaded)
  size_t tests = 0;        // inline tests of rules and FAQ entries
};

class LIBBOT_EXPORT Engine {
 public:
  // Loads the dictionaries and the rules. Loading is all-or-nothing: with
  // any error in any rule file, *engine is unchanged and the status lists
  // every error, one "file:line:col: message" per line.
  static Status Open(const EngineOptions& options,
                     std::unique_ptr<Engine>* engine);
  // The same with dictionaries already loaded, which engines may share
  // (several bots in one process, a reload): options.analyzer is not read.
  static Status Open(const EngineOptions& options,
                     std::shared_ptr<const Analyzer> analyzer,
                     std::unique_ptr<Engine>* engine);

  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  ~Engine();

  // Answers one message. `session` (may be null) is read and updated. `lang`
  // forces a language; kUnknown detects it (falling back to the session's).
  // Never fails and never throws: anything it cannot handle becomes a
  // fallback reply.
  Reply Respond(std::string_view text, Session* session = nullptr,
                Lang lang = Lang::kUnknown) const;

  // Answers each text in a fresh conversation, on several threads: batch
  // testing, offline scoring. (*replies)[i] answers texts[i]. Throws only
  // when memory runs out (std::bad_alloc), on the calling thread, after
  // every worker has stopped; no exception ever leaves a worker thread.
  void RespondMany(const std::vector<std::string>& texts,
                   std::vector<Reply>* replies,
                   const RespondManyOptions& options = {}) const;

  const Analyzer& analyzer() const;
  // The dictionaries, to share with another engine (see Open).
  std::shared_ptr<const Analyzer> shared_analyzer() const;
  const EngineOptions& options() const;
  EngineSize Size() const;

  // Checks the rules for mistakes editors make (docs/rules.md lists them).
  std::vector<Finding> Lint() const;
  // Runs every inline test, each in a fresh session.
  std::vector<InlineTestResult> RunInlineTests() const;
  // Empty when `expect` is something a reply can meet: "@handoff",
  // "@fallback", "@clarify", "@oos", an intent or FAQ id of this bot (in
  // any language), or "ask:ID" for an intent with slots. Otherwise why
  // not, with the closest id when one is near: "unknown expected id
  // 'greting' (did you mean 'greeting'?)".
  std::string UnknownExpectation(std::string_view expect) const;
  // Patterns that no inline test matched: "file:line:col: id: pattern".
  std::vector<std::string> UncoveredPatterns(
      const std::vector<InlineTestResult>& results) const;
  // FAQ entries that no passing test got as its answer: "source: id (lang)".
  std::vector<std::string> UncoveredEntries(
      const std::vector<InlineTestResult>& results) const;

 private:
  explicit Engine(std::unique_ptr<internal::EngineRep> rep);
  static Status OpenRep(const EngineOptions& options,
                        std::shared_ptr<const Analyzer> analyzer,
                        std::unique_ptr<Engine>* engine);
  std::unique_ptr<internal::EngineRep> rep_;
};

}  // namespace libbot

#endif  // LIBBOT_ENGINE_H_
