// Copyright 2026 The libbot Authors.
#include "text/langid.h"

#include <cmath>

#include "util/utf8.h"

namespace libbot::internal {
namespace {

constexpr double kLetterWeight = 1.5;    // per distinctive letter
constexpr double kMaxLetterScore = 3.0;  // per word
constexpr double kStopwordWeight = 2.0;
constexpr double kDictionaryWeight = 1.0;
constexpr size_t kMinDictionaryWord =
    3;  // shorter words are in every dictionary
// Below this margin between the languages the answer is kUnknown.
constexpr double kMinMargin = 1.0;
// confidence = 1 - exp(-margin / kConfidenceScale): one distinctive word gives
// about 0.45, a typical sentence 0.9 and more.
constexpr double kConfidenceScale = 2.5;

// Frequent words of one language that the other does not use, folded. Words
// both use ("a", "to", "mi", "ma", "na", "te") are left out on purpose.
constexpr std::string_view kHungarianStopwords[] = {
    "az",     "es",        "hogy",      "nem",   "meg",       "mar",
    "van",    "volt",      "vagy",      "csak",  "mert",      "egy",
    "ez",     "ezt",       "azt",       "kell",  "lehet",     "igen",
    "kerem",  "koszonom",  "koszi",     "szia",  "sziasztok", "jo",
    "napot",  "rendben",   "mikor",     "hol",   "hogyan",    "miert",
    "mennyi", "melyik",    "milyen",    "nekem", "engem",     "tudom",
    "tudok",  "szeretnem", "szeretnek", "lenne", "mint",      "ha",
    "de",     "is",        "el",        "ki",    "be",        "fel",
    "le",     "itt",       "ott",       "most",  "sem",       "nincs",
    "vannak", "kaptam",    "nagyon",    "ahol",  "amit",      "ami",
    "akkor",  "aki",       "hany",      "ilyen", "olyan",     "mit",
    "kit",    "vele",      "tole",      "neki",  "ezzel",     "azzal",
    "egyik",  "ujra",      "kerni",     "udv",
};
constexpr std::string_view kPolishStopwords[] = {
    "nie",    "jest",     "i",       "w",         "z",          "ze",
    "sie",    "do",       "czy",     "jak",       "co",         "mam",
    "moje",   "moj",      "moja",    "moim",      "gdzie",      "kiedy",
    "prosze", "dziekuje", "dzieki",  "dzien",     "dobry",      "tak",
    "ale",    "juz",      "jeszcze", "po",        "o",          "od",
    "przez",  "dla",      "mnie",    "ja",        "pan",        "pani",
    "bo",     "jesli",    "bardzo",  "sa",        "byl",        "byla",
    "bylo",   "moge",     "chce",    "chcialbym", "chcialabym", "zeby",
    "tego",   "ten",      "ta",      "jaki",      "jaka",       "jakie",
    "ile",    "dlaczego", "czemu",   "teraz",     "tylko",      "nic",
    "gdy",    "oraz",     "czesc",   "witam",     "pozdrawiam", "mozna",
    "trzeba", "nadal",    "dalej",   "zamiast",   "u",          "przy",
    "za",     "bez",      "pod",     "nad",       "mu",         "jej",
    "ich",    "wam",      "nam",     "hej",       "mozecie",    "moze",
    "wiec",   "kto",
};

// +1 for a letter only Hungarian writes, -1 for one only Polish writes.
int LetterLanguage(char32_t c) {
  switch (c) {
    case U'á':
    case U'é':
    case U'í':
    case U'ú':
    case U'ö':
    case U'ü':
    case U'ő':
    case U'ű':
      return 1;
    case U'ą':
    case U'ę':
    case U'ć':
    case U'ł':
    case U'ń':
    case U'ś':
    case U'ź':
    case U'ż':
      return -1;
    default:
      return 0;
  }
}

}  // namespace

LanguageDetector::LanguageDetector(const Lemmatizer* hu, const Lemmatizer* pl)
    : hu_(hu), pl_(pl) {
  for (std::string_view w : kHungarianStopwords) {
    stopwords_.Put(HashString(w), static_cast<uint32_t>(Lang::kHu));
  }
  for (std::string_view w : kPolishStopwords) {
    stopwords_.Put(HashString(w), static_cast<uint32_t>(Lang::kPl));
  }
}

double LanguageDetector::ScoreWord(const Token& token,
                                   LanguageScores* scores) const {
  double hu = 0, pl = 0;
  size_t pos = 0;
  while (pos < token.norm.size()) {
    const int lang = LetterLanguage(DecodeUtf8(token.norm, &pos));
    if (lang > 0) hu += kLetterWeight;
    if (lang < 0) pl += kLetterWeight;
  }
  hu = std::min(hu, kMaxLetterScore);
  pl = std::min(pl, kMaxLetterScore);

  const uint32_t stop = stopwords_.Get(HashString(token.folded));
  if (stop == static_cast<uint32_t>(Lang::kHu)) {
    hu += kStopwordWeight;
  } else if (stop == static_cast<uint32_t>(Lang::kPl)) {
    pl += kStopwordWeight;
  } else if (token.folded.size() >= kMinDictionaryWord) {
    const bool in_hu = hu_->Source(token.folded) == LemmaSource::kDictionary;
    const bool in_pl = pl_->Source(token.folded) == LemmaSource::kDictionary;
    if (in_hu && !in_pl) hu += kDictionaryWeight;
    if (in_pl && !in_hu) pl += kDictionaryWeight;
  }
  scores->hu += hu;
  scores->pl += pl;
  return hu - pl;
}

LanguageScores LanguageDetector::Score(const std::vector<Token>& tokens) const {
  LanguageScores scores;
  for (const Token& token : tokens) {
    if (token.kind == TokenKind::kWord) ScoreWord(token, &scores);
  }
  return scores;
}

LanguageGuess LanguageDetector::Detect(const std::vector<Token>& tokens) const {
  const LanguageScores scores = Score(tokens);
  const double margin = std::fabs(scores.hu - scores.pl);
  if (margin < kMinMargin) return {};
  LanguageGuess guess;
  guess.lang = scores.hu > scores.pl ? Lang::kHu : Lang::kPl;
  guess.confidence = 1.0 - std::exp(-margin / kConfidenceScale);
  return guess;
}

}  // namespace libbot::internal
