// Copyright 2026 The libbot Authors.
//
// The rule set as the loader reads it from YAML, before compilation. Every
// element remembers where it was written (file:line:col) so that errors, lint
// findings and traces can point editors at it.
#ifndef LIBBOT_SRC_LOAD_RULES_H_
#define LIBBOT_SRC_LOAD_RULES_H_

#include <map>
#include <string>
#include <vector>

#include "libbot/analyzer.h"

namespace libbot::internal {

struct SourceLocation {
  std::string file;
  int line = 0;  // 1-based; 0 when unknown
  int col = 0;
  std::string ToString() const;  // "rules/hu/orders.yaml:12:5"
};

struct Located {
  std::string text;
  SourceLocation where;  // of the YAML scalar
  // Column of the text's first character: one past `where` for a quoted
  // scalar. Pattern errors add their offset to it.
  int text_col = 0;
};

struct SlotDef {
  std::string name;
  std::string entity;        // entity that fills it
  std::vector<Located> ask;  // questions, one chosen per turn
  // What the bot says after the second answer it could not use: what it
  // needs, with an example. Empty: a built-in text with the entity's example.
  std::vector<Located> help;
  SourceLocation where;
};

struct InlineTest {
  std::string text;
  // An intent id, "@handoff", "@fallback", "@clarify" or "@oos" (not an
  // answer).
  std::string expect;
  SourceLocation where;
  Lang lang = Lang::kUnknown;
};

struct IntentDef {
  std::string id;
  // How a "which one?" question names it; default: its first example.
  std::string title;
  Lang lang = Lang::kUnknown;
  SourceLocation where;
  std::vector<Located> patterns;
  std::vector<Located> examples;
  std::vector<Located> replies;
  std::vector<SlotDef> slots;
  std::vector<std::string> context;       // all must be active
  std::vector<std::string> sets_context;  // activated after the answer
  int priority = 0;
  bool handoff = false;    // answering it hands over to a person
  bool complaint = false;  // counts toward the complaint handoff policy
  // Its examples and patterns teach what the bot does not answer: when it
  // wins, the reply is a fallback (ReplyReason::kOutOfScope) with its own
  // replies, if any, instead of the settings' fallback text.
  bool out_of_scope = false;
  std::vector<InlineTest> tests;
};

struct ConceptDef {
  std::string name;
  Lang lang = Lang::kUnknown;  // kUnknown: shared by both languages
  std::vector<Located> items;  // words, phrases, or @other concepts
  SourceLocation where;
};

// Words the example and FAQ search treats as one ("garancia", "jótállás").
struct SynonymGroup {
  Lang lang = Lang::kUnknown;
  std::vector<Located> words;
  SourceLocation where;
};

struct EntityDef {
  std::string name;
  std::string regex;  // RE2, matched on the message text
  SourceLocation where;
};

// The defaults, ranges and meanings of the tunable fields are one table:
// load/settings_table.cc. The constructor applies its defaults.
struct Settings {
  Settings();
  int fallback_handoff_after;        // consecutive fallbacks before a handoff
  int complaint_handoff_after;       // complaints in a session before a handoff
  bool count_clarify_as_fallback;    // "which one?" counts as a fallback
  int low_confidence_handoff_after;  // unsure replies in a row
  int frustration_handoff_after;     // angry messages in a conversation
  bool answer_after_handoff;         // the bot answers after a handoff
  int context_turns;                 // how long sets_context lasts
  int max_turns_kept;                // turns remembered in a Session
  std::string order_number_regex;
  // Language of a first message that does not show its own.
  Lang default_lang;
  // Example and FAQ search, in terms of each candidate's estimated
  // probability of being right (match/confidence.h): answer at or above
  // `answer_threshold` unless another is within `clarify_margin`; else ask
  // which one when two or three reach `clarify_threshold` and together
  // `answer_threshold`; else fall back.
  double answer_threshold;
  double clarify_threshold;
  double clarify_margin;
  // One plausible candidate at least this probable: "did you mean ...?".
  double confirm_threshold;
  double low_confidence;  // below it a reply is unsure
  // An answer from the search also needs this similarity in words.
  double min_word_similarity;
  // A FAQ question or example that shares this much of its words with the
  // message (coverage both ways; 1: the same content words) is answered
  // even when a pattern of another intent matches: the editor wrote the
  // customer's very question.
  double question_beats_pattern;
  std::map<std::string, std::string> values;  // {placeholders} for replies
  std::map<Lang, std::vector<Located>> fallback_replies;
  std::map<Lang, std::vector<Located>> handoff_replies;
  std::map<Lang, std::vector<Located>> clarify_replies;  // "Erre gondolt?"
  // "Erre gondolt: {choice}?" with one candidate (yes/no).
  std::map<Lang, std::vector<Located>> confirm_replies;
  // Said while the conversation waits for a person (Session::handed_over).
  std::map<Lang, std::vector<Located>> handed_over_replies;
  // The customer called off the bot's question ("mégsem", "nieważne").
  std::map<Lang, std::vector<Located>> cancelled_replies;
  // Put before the reply to an angry customer ("Értem, hogy bosszantó.").
  std::map<Lang, std::vector<Located>> empathy_replies;
  // Word lists of the conversation policy (`signals:`), added to the
  // built-in ones (engine/signals.cc), by list and language.
  std::map<std::string, std::map<Lang, std::vector<Located>>> signal_words;
  SourceLocation where;
};

struct RuleSet {
  Settings settings;
  std::vector<IntentDef> intents;
  std::vector<ConceptDef> concepts;
  std::vector<EntityDef> entities;
  std::vector<SynonymGroup> synonyms;
  // Tests of no intent (a file's top-level `tests:`); they expect "@oos"
  // unless they say otherwise.
  std::vector<InlineTest> tests;
  std::vector<std::string> files;  // every file read, in order
};

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_LOAD_RULES_H_
