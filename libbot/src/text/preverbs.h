// Copyright 2026 The libbot Authors.
//
// Hungarian verbal prefixes (igekötők) leave their verb in many sentences:
// "bekötik" but "be is kötik", "be tudják kötni", "nem jött meg". The
// dictionary knows "bekötik" as a form of "beköt"; a customer who splits the
// verb should reach the same key. JoinSeparatedPreverbs gives the verb the key
// of the joined word when the dictionary knows that word, and keeps the verb's
// own key as an alternative (so a rule that names "köt" still matches).
#ifndef LIBBOT_SRC_TEXT_PREVERBS_H_
#define LIBBOT_SRC_TEXT_PREVERBS_H_

#include <vector>

#include "libbot/analyzer.h"

namespace libbot::internal {

class Lemmatizer;

// True for a Hungarian verbal prefix ("be", "meg", "vissza", ...). Typed with
// accents, a word says more: "még" (still) is no "meg".
bool IsHungarianPreverb(const Token& t);

// Rewrites the keys of verbs whose prefix stands before them, apart or with
// "is", "nem" or an auxiliary such as "tud" or "fog" between. A prefix after
// its verb ("nem jött meg") is left alone: there it is too often another word
// typed without accents ("módosíthatom meg" for "még"), and joining it cost
// accuracy on MASSIVE. `lemmatizer` is the Hungarian one.
void JoinSeparatedPreverbs(const Lemmatizer& lemmatizer,
                           std::vector<Token>* tokens);

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_TEXT_PREVERBS_H_
