// Copyright 2026 The libbot Authors.
//
// The reply policy: what the bot does with what it found in a message.
//
// engine.cc reads a message (language, tokens, entities), finds the patterns
// that match it and the examples and FAQ questions most like it, and hands
// them here as Candidates. DecideReply() then chooses, in this order:
//
//   1. the customer picks one of the choices a "which one?" reply offered;
//   2. the customer answers a pending slot question ("your order number?");
//   3. a pattern answers (unless the customer wrote, nearly word for word,
//      a question or example of another answer);
//   4. a similar example or FAQ question answers, or, when not sure enough
//      or when two are close, the bot offers up to kMaxChoices of them;
//   5. a fallback, which turns into a handoff after too many in a row.
//
// It builds the whole Reply once (kind, reason, source, id, confidence,
// text) and changes the Session only through the named operations below.
// The thresholds are the editors' settings (docs/rules.md, "settings.yaml");
// the fixed numbers are the constants here.
#ifndef LIBBOT_SRC_ENGINE_POLICY_H_
#define LIBBOT_SRC_ENGINE_POLICY_H_

#include <string>
#include <string_view>
#include <vector>

#include "engine/engine_rep.h"
#include "libbot/engine.h"

namespace libbot::internal {

// At most this many choices in a "which one?" reply (also how many search
// hits a message looks at).
inline constexpr size_t kMaxChoices = 3;
// Search candidates the policy sees: more than it offers. (How many a
// trace lists is EngineOptions::trace_candidates.)
inline constexpr size_t kTraceCandidates = 5;
// Confidence of a pattern match: kPatternBaseConfidence, plus the rest up
// to 1 in proportion to the share of the message's words it matched. Like a
// search answer's, it estimates the probability of being right: on
// demo_eval's dev split 155 of 159 pattern answers were right (97.5%); with
// the base at 0.6 their mean confidence was 0.77, at 0.9 0.94 (still below
// 97.5%), at 0.95 0.97. With 0.95 (2026-12-01) the answers of the held-out
// splits (patterns, examples and FAQ together) have an expected
// calibration error of 0.047, against 0.068 with 0.9; their pattern answers
// were right 98.4% of the time.
inline constexpr double kPatternBaseConfidence = 0.95;
// Words of substance beside a greeting, thanks or sign-off that make a
// question of their own: a pattern that read only the greeting then does
// not answer (AnswerWithPattern). One word is not enough: "Szia, kérdeznék
// valamit" and "Dzień dobry, mam problem z zamówieniem" ask for help.
inline constexpr size_t kMinQuestionWordsBesideFraming = 2;
// Confidence of an answer completed by a slot the customer just gave.
inline constexpr double kSlotFilledConfidence = 0.9;
// Confidence of a repeated slot question (nothing new was understood).
inline constexpr double kSlotQuestionConfidence = 0.8;
// Confidence of a handoff the policy decided (fallbacks, complaints).
inline constexpr double kPolicyHandoffConfidence = 1.0;
// A pick among offered choices by words (not by number) must be at least
// this similar in words to one of them (the offered are few, so a word in
// common is enough; a probability would compare them with the whole bot).
inline constexpr double kChoiceByWordsMin = 0.175;
// Hits this close in words to the best one are offered beside it when the
// best is probable but below min_word_similarity.
inline constexpr double kWordRivalMargin = 0.1;
// ... when they share at least this much: "mennyi?" alone is close in words
// to every "Mennyi …?" question and says too little to offer any.
inline constexpr double kMinWordRivalScore = 0.35;
// Turn history keeps this much of each message.
inline constexpr size_t kMaxTurnTextBytes = 500;

// Built-in texts for a rule set that defines none, per language.
const char* DefaultFallbackText(Lang lang);
const char* DefaultHandoffText(Lang lang);
const char* DefaultClarifyText(Lang lang);
const char* DefaultConfirmText(Lang lang);     // with {choice}
const char* DefaultHandedOverText(Lang lang);  // a colleague is coming
const char* DefaultCancelledText(Lang lang);
// After the second unusable answer to a slot question: what the bot needs,
// with {example}, or without one for an entity that has none.
const char* DefaultSlotHelpText(Lang lang, bool with_example);
// A number out of the offered range: {count} choices, listed after it.
const char* DefaultOutOfRangeText(Lang lang);
// Failed answers to a slot question after which the bot explains what it
// needs (with an example); a handoff for failed answers comes only after.
inline constexpr int kSlotHelpAfter = 2;
// While a slot question is pending, a search answer of something else
// drops it only at this probability or more: "nie wiem" ("I don't know")
// is an answer to the question, though an FAQ question starts with it.
inline constexpr double kMoveOnProbability = 0.8;

// How a "which one?" reply names an intent or FAQ entry: its title, else
// its first example or question, else the first of its answer's sentences
// (Sentences(), trimmed; an article brought without a title; cut at a
// word to at most kMaxAnswerLabelBytes and ended with "…"), else its id.
std::string ChoiceLabel(const std::string& title,
                        const std::vector<Located>& questions,
                        std::string_view first_answer_sentence,
                        const std::string& id);
inline constexpr size_t kMaxAnswerLabelBytes = 80;

// What DecideReply() is given about one message.
struct Candidates {
  std::string_view text;  // the message as written
  const Analysis& analysis;
  const std::vector<EntityMention>& mentions;
  // Patterns that matched and may answer now, best first.
  const std::vector<EngineRep::Match>& matches;
  // Examples and FAQ questions most like the message, best first.
  const std::vector<SearchHit>& hits;
  // What in the message shows anger (SignalWords::Find).
  const std::vector<Signal>& signals;
  // Words of substance beside a greeting, thanks or sign-off, not counting
  // those of framing phrases (EngineRep::Framing::question_words; 0 without
  // framing).
  size_t words_beside_framing = 0;
};

// A session may come from an untrusted place: keeps of it only what this
// bot could have written. A pending question names an intent and slot of
// the rules (else it is dropped, with its slots); slots are those of the
// pending intent, each a value its entity recognises; choices name intents
// or FAQ entries of the conversation's language, at most kMaxChoices;
// contexts are ones an intent sets, for at most context_turns; counters
// stop at the handoff thresholds. Each change is a note in `notes`.
void ValidateSession(const EngineRep& rep, Session* session,
                     std::vector<std::string>* notes);

// Decides the reply: sets kind, reason, source, id, confidence and text of
// *reply, adds its decisions to reply->trace, and updates *session. The
// reply's language must be set.
void DecideReply(const EngineRep& rep, const Candidates& candidates,
                 Session* session, Reply* reply);

// Ends a turn: counts it, runs down context lifetimes, starts the contexts
// of the intent that answered, and keeps the turn in the session's history.
void RecordTurn(const EngineRep& rep, std::string_view text, const Reply& reply,
                Session* session);

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_ENGINE_POLICY_H_
