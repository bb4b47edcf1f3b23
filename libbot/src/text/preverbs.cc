// Copyright 2026 The libbot Authors.

#include "text/preverbs.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "text/lemmatizer.h"

namespace libbot::internal {
namespace {

// Folded, so "át" is "at" and "össze" is "ossze". Sorted: every word of
// every Hungarian message is looked up here (a linear search was 3% of a
// demo Respond).
constexpr std::array<std::string_view, 24> kPreverbs = {
    "ala",   "at",    "be",   "bele",   "el",    "elo",   "fel",   "fol",
    "haza",  "hozza", "ide",  "ki",     "korul", "le",    "meg",   "oda",
    "ossze", "ra",    "szet", "tovabb", "ujra",  "utana", "vegig", "vissza"};
constexpr bool PreverbsSorted() {
  for (size_t i = 1; i < kPreverbs.size(); ++i) {
    if (!(kPreverbs[i - 1] < kPreverbs[i])) return false;
  }
  return true;
}
static_assert(PreverbsSorted(), "binary_search needs kPreverbs sorted");
constexpr size_t kLongestPreverb = 6;

bool IsPreverbSpelling(std::string_view folded) {
  return folded.size() <= kLongestPreverb &&
         std::binary_search(kPreverbs.begin(), kPreverbs.end(), folded);
}

// Words that may stand between a prefix and its verb: "be is kötik",
// "meg sem jött", "be tudják kötni", "vissza fogom küldeni".
bool MayStandBetween(const Token& t) {
  static constexpr std::array<std::string_view, 10> kKeys = {
      "is",  "sem",  "nem",  "ne",     "tud",
      "fog", "akar", "kell", "szeret", "szeretne"};
  return std::find(kKeys.begin(), kKeys.end(), t.key) != kKeys.end() ||
         std::find(kKeys.begin(), kKeys.end(), t.folded) != kKeys.end();
}

// The key of `preverb` + `verb` when the dictionary knows the joined word;
// empty when it does not or the word cannot carry a prefix.
std::string JoinedKey(const Lemmatizer& lemmatizer, std::string_view preverb,
                      const Token& verb) {
  if (verb.kind != TokenKind::kWord || IsHungarianPreverb(verb) ||
      verb.lemma_source != LemmaSource::kDictionary) {
    return {};
  }
  LemmaResult lemma = lemmatizer.Lemmatize(std::string(preverb) + verb.folded);
  return lemma.source == LemmaSource::kDictionary ? std::move(lemma.key)
                                                  : std::string();
}

// A prefix before its verb: the joined word becomes the key, the verb's own
// key the first alternative.
void TryJoin(const Lemmatizer& lemmatizer, std::string_view preverb,
             Token* verb) {
  std::string joined = JoinedKey(lemmatizer, preverb, *verb);
  if (joined.empty()) return;
  std::vector<std::string> alternatives = {verb->key};
  for (std::string& alt : verb->alt_keys) {
    if (alternatives.size() < kMaxAlternatives) {
      alternatives.push_back(std::move(alt));
    }
  }
  verb->key = std::move(joined);
  verb->alt_keys = std::move(alternatives);
}

void AddAlternative(std::string key, Token* t) {
  if (t->alt_keys.size() < kMaxAlternatives &&
      IsNewAlternative(key, t->key, t->alt_keys))
    t->alt_keys.push_back(std::move(key));
}

// "iratkozom fel": the joined verb ("feliratkozik") only as an alternative;
// the verb's own key stays first (see JoinSeparatedPreverbs in the header).
void AddJoinedAlternative(const Lemmatizer& lemmatizer,
                          std::string_view preverb, Token* verb) {
  std::string joined = JoinedKey(lemmatizer, preverb, *verb);
  if (!joined.empty()) AddAlternative(std::move(joined), verb);
}

// "feliratkoznék": the verb without its prefix ("iratkozik") as an
// alternative, so it still finds "Hogyan iratkozhatok fel?".
void AddBareVerbAlternative(const Lemmatizer& lemmatizer, Token* verb) {
  constexpr size_t kMinVerbBytes = 2;
  if (verb->kind != TokenKind::kWord ||
      verb->lemma_source != LemmaSource::kDictionary) {
    return;
  }
  for (std::string_view preverb : kPreverbs) {
    if (verb->key.size() < preverb.size() + kMinVerbBytes ||
        verb->key.compare(0, preverb.size(), preverb) != 0) {
      continue;
    }
    LemmaResult bare = lemmatizer.Lemmatize(verb->key.substr(preverb.size()));
    if (bare.source == LemmaSource::kDictionary) {
      AddAlternative(std::move(bare.key), verb);
      return;
    }
  }
}

}  // namespace

bool IsHungarianPreverb(const Token& t) {
  if (t.kind != TokenKind::kWord || !IsPreverbSpelling(t.folded)) return false;
  // Typed with accents, the word says what it is: "még" (still) is no "meg",
  // "fél" no "fel". Without accents both readings stay possible.
  static constexpr std::array<std::string_view, 13> kAccented = {
      "alá", "át",   "elő",    "föl",  "hozzá", "körül", "össze",
      "rá",  "szét", "tovább", "újra", "utána", "végig"};
  return t.norm == t.folded || std::find(kAccented.begin(), kAccented.end(),
                                         t.norm) != kAccented.end();
}

void JoinSeparatedPreverbs(const Lemmatizer& lemmatizer,
                           std::vector<Token>* tokens) {
  constexpr size_t kMaxBetween = 2;
  for (size_t i = 0; i < tokens->size(); ++i) {
    const Token& p = (*tokens)[i];
    if (!IsHungarianPreverb(p)) {
      AddBareVerbAlternative(lemmatizer, &(*tokens)[i]);
      continue;
    }
    if (i > 0) AddJoinedAlternative(lemmatizer, p.folded, &(*tokens)[i - 1]);
    // A message that starts with "ki" asks who: "Ki rendelte?".
    if (i == 0 && p.folded == "ki") continue;
    const std::string preverb = p.folded;
    size_t between = 0;
    for (size_t j = i + 1; j < tokens->size(); ++j) {
      Token& t = (*tokens)[j];
      if (MayStandBetween(t)) {
        if (++between > kMaxBetween) break;
      } else {
        TryJoin(lemmatizer, preverb, &t);
        break;
      }
    }
  }
}

}  // namespace libbot::internal
