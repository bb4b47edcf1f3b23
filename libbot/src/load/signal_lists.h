// Copyright 2026 The libbot Authors.
//
// The word lists of the conversation policy, in one table: what a customer
// writes to call off a question ("mégsem"), to say yes or no to "did you
// mean ...?", to ask for a person ("ügyintéző"), and what shows anger
// (profanity, "már harmadszor", "skandal"). Each list has built-in HU and PL
// words; a rule file's `signals:` adds to them (docs/rules.md, "Word lists
// of the conversation"). The engine matches them by lemma key, so any
// inflected form counts ("konsultanta" is "konsultant").
#ifndef LIBBOT_SRC_LOAD_SIGNAL_LISTS_H_
#define LIBBOT_SRC_LOAD_SIGNAL_LISTS_H_

#include <string>
#include <vector>

#include "libbot/analyzer.h"

namespace libbot::internal {

enum class SignalList {
  kCancel,           // calls off the bot's question
  kYes,              // to "did you mean ...?"
  kNo,               // likewise
  kHuman,            // asks for a person
  kProfanity,        // anger
  kRepeatedContact,  // anger: "this is the third time"
  kNegative,         // anger: "scandalous"
  kFraming,          // sign-offs, "I have a question" around a question
  kGreeting,         // framing too: "Jó napot", "Dzień dobry"
  kThanks,           // framing too: "Köszönöm", "Z góry dziękuję"
};
inline constexpr int kSignalListCount = 10;

// The lists whose phrases frame a message rather than say what it asks:
// the search sets them aside (engine/signals.h, SignalWords::Framing).
constexpr bool IsFramingList(SignalList list) {
  return list == SignalList::kFraming || list == SignalList::kGreeting ||
         list == SignalList::kThanks;
}

// "cancel", "yes", "no", "human", "profanity", "repeated_contact",
// "negative", "framing", "greeting", "thanks": the keys of `signals:`.
const char* SignalListName(SignalList list);
const std::vector<std::string>& SignalListNames();

// The built-in phrases of a list in a language.
const std::vector<const char*>& BuiltinSignalWords(SignalList list, Lang lang);

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_LOAD_SIGNAL_LISTS_H_
