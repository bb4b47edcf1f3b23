// Copyright 2026 The libbot Authors.
//
// Finds the known question closest to a message: FAQ questions and intents'
// examples, in one index per language, over lemma keys.
//
// Score (and confidence) of a document d for a message m, both reduced to
// their content words (no stopwords), each word weighted by its rarity
// (idf = ln(1 + N / df)):
//   covered_m = weight of m's words found in d / weight of all m's words
//   covered_d = weight of d's words found in m / weight of all d's words
//   score     = sqrt(covered_m × covered_d) + phrase and exact-form bonuses, ≤ 1
// So 1 means "the same content words", and a message whose words the index
// does not know (out of domain) scores low: an unknown word weighs as much as
// the rarest known one. A message word not in the index may still match a
// word that is one edit away (typo; 5+ letters only, accents are free since
// everything is folded), at 0.8 of its weight.
//
// Thread safety: immutable after Finish(); Search() may run concurrently.
#ifndef LIBBOT_SRC_MATCH_SEARCH_INDEX_H_
#define LIBBOT_SRC_MATCH_SEARCH_INDEX_H_

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "libbot/analyzer.h"
#include "load/article_kind.h"
#include "match/ngram_model.h"
#include "util/hash_index.h"

namespace libbot::internal {

struct SearchHit {
  uint32_t owner;   // given to Add()
  uint32_t doc;     // the best document of that owner
  double score;     // [0, 1]
  double rank = 0;  // score plus votes of the owner's other close documents
  // The score counts message words the owner's other documents cover too
  // (see Search): no single document matches this well.
  bool combined = false;
  // How much of the message and of the document the words in common cover
  // (1: the same content words), before bonuses and the information factor.
  double coverage = 0;
  // Cosine of the message and the owner's texts in character n-grams
  // (NgramModel); an owner may be a hit by this alone (score 0).
  double ngram = 0;
  // Estimated probability that this owner is what the message asks for
  // (see match/confidence.h); what the reply policy compares to thresholds.
  double probability = 0;
  double votes = 0;  // the owner's 2nd and 3rd best documents' scores
  // The message's share, by weight, of words no text of the index has
  // (the same on every hit of a search).
  double unknown_share = 0;
  // The best n-gram cosine of an owner that is not a hit (the same on every
  // hit of a search): what a lone hit leads over.
  double outside_ngram = 0;
  // Cosine of the message and the owner's whole text in character
  // 2-5-grams (DocumentVectors): articles among the first hits only; part
  // of `rank` (SearchOptions::document_weight).
  double document = 0;
};

struct SearchOptions {
  // score = covered_m^message_weight × covered_d^(1 - message_weight).
  double message_weight =
      0.6;  // tuned on MASSIVE train/dev (docs/benchmarks.md)
  // Owners are ranked by their best document's score plus this much of the
  // sum of their 2nd and 3rd best: several close examples of one intent are
  // more telling than one. The reported score stays the best document's.
  double vote_weight = 1.0;
  // ... plus this much of the owner's learned n-gram similarity
  // (NgramModel). Tuned on few-shot draws from MASSIVE train, scored on
  // other train messages (bench/fit_confidence.py; docs/benchmarks.md): 3
  // with centroids; with learned weights ranked first rose up to 4 and was
  // flat from 4 to 12.
  double ngram_weight = 5.0;
  // ... plus this much of an article's whole-text similarity
  // (DocumentVectors), among the first hits. Chosen on bench/helpcentre:
  // 0, 2, 4 and 8 measured offline with scikit-learn's TF-IDF as a
  // stand-in, 4 and 8 best in both languages (docs/benchmarks.md).
  double document_weight = 8.0;
  // Above this many texts in a language, its n-gram model keeps its
  // centroids (EngineOptions::max_learned_texts).
  size_t max_learned_texts = kDefaultMaxLearnedTexts;
};

class SearchIndex {
 public:
  explicit SearchIndex(SearchOptions options = SearchOptions());
  ~SearchIndex();

  // Makes the lemma keys one term of the search ("garancia", "jotallas"):
  // called before any Add(). False (and nothing changed) when a key already
  // belongs to another group; the caller reports it.
  bool AddSynonyms(Lang lang, const std::vector<std::string>& keys);

  // Adds one phrasing of `owner` (analysed in `lang`). Returns its doc id.
  // `weight` (0, 1] scales every score the document gets: a sentence of an
  // answer counts less than a question written for the entry. `article`:
  // the owner is an article (an FAQ entry without questions, found by its
  // title and answer), whose evidence reads differently (confidence.h), as
  // does any found through a document of weight below 1; its texts also
  // make up its whole text, whose similarity to a message re-ranks the
  // first hits (match/document_vectors.h). An entry of one question gets
  // none: given one, a FAQ of question-and-answer pairs answered more
  // off-topic messages (docs/benchmarks.md).
  uint32_t Add(Lang lang, uint32_t owner, const Analysis& analysis,
               double weight = 1.0, ArticleKind article = ArticleKind::kNone);
  void Finish();

  // The best document of each of the top `k` owners, best first. With
  // `only` non-empty, only these owners compete.
  void Search(Lang lang, const Analysis& message, size_t k,
              std::vector<SearchHit>* hits,
              const std::vector<uint32_t>& only = {}) const;

  // How many of the message's words (not stopwords) the texts of `lang`
  // use as they are (key, another lemma or the very form; no typos): which
  // language's texts know a message that shows no language of its own.
  size_t KnownWords(Lang lang, const Analysis& message) const;

  size_t documents() const;
  size_t MemoryBytes() const;

 private:
  struct LangIndex;
  // Finish() for one language's index.
  static void FinishLang(LangIndex* index);
  struct Query;  // one search's steps (search_index.cc)
  SearchOptions options_;
  std::array<std::unique_ptr<LangIndex>, 2> langs_;
  uint64_t id_;
};

// Function words that carry no meaning for search, folded.
bool IsSearchStopword(Lang lang, std::string_view folded);

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_MATCH_SEARCH_INDEX_H_
