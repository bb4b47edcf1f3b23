// Copyright 2026 The libbot Authors.
//
// The probability that a search candidate is what the message asks for,
// from what the search measured about it: a logistic model whose weights
// were fitted once, on few-shot bots drawn from MASSIVE train and scored on
// other train messages (bench/fit_confidence.py prints the table in
// confidence.cc). Thresholds are then set in these terms: "answer when the
// estimate is at least 0.5" means the same for a bot of 10 intents and one
// of 1,000 FAQ entries. docs/benchmarks.md shows how well the estimate
// matches the answers' accuracy (calibration) on the development sets.
#ifndef LIBBOT_SRC_MATCH_CONFIDENCE_H_
#define LIBBOT_SRC_MATCH_CONFIDENCE_H_

#include <cstddef>

#include "load/article_kind.h"

namespace libbot::internal {

// What the search knows about one candidate (an owner).
struct CandidateEvidence {
  double words = 0;   // similarity in lemma keys, [0, 1] (SearchHit::score)
  double ngrams = 0;  // learned similarity in character n-grams, [0, 1]
  double votes = 0;   // the owner's 2nd and 3rd best documents' scores
  // Its rank score minus the best other candidate's (negative when another
  // is ahead; the rank score itself when it is alone).
  double lead = 0;
  double unknown_share = 0;  // of the message, in words no text has
  // The candidate is a help-centre article (a title and answer sentences,
  // or answer sentences alone, as a help centre is often exported), not
  // questions or examples written to be asked; each kind reads differently.
  ArticleKind article = ArticleKind::kNone;
  // `ngrams` comes from centroids, not learned weights (a language with
  // more texts than EngineOptions::max_learned_texts): a paraphrase scores
  // lower against a centroid, so the same value means more.
  bool centroid_ngrams = false;
  // How much smaller the bot is than the fit's full bots
  // (SmallerThanFitBots of the language's intents and FAQ entries): the
  // same evidence means more in a bot of 20 intents than in one of 50
  // (fewer rivals).
  double smaller = 0;
};

double CandidateProbability(const CandidateEvidence& e);

// CandidateEvidence::smaller of a bot whose language holds `owners`
// intents and entries: a log, so computed once per language at load, not
// per candidate.
double SmallerThanFitBots(size_t owners);

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_MATCH_CONFIDENCE_H_
