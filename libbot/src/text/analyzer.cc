// Copyright 2026 The libbot Authors.
#include "libbot/analyzer.h"

#include <unicode/uchar.h>

#include <thread>

#include "text/affix_lexicon.h"
#include "text/fold.h"
#include "text/langid.h"
#include "text/lemmatizer.h"
#include "text/normalize.h"
#include "text/preverbs.h"
#include "text/tokenize.h"
#include "util/thread_scratch.h"
#include "util/utf8.h"

namespace libbot {

std::string_view LangCode(Lang lang) {
  switch (lang) {
    case Lang::kHu:
      return "hu";
    case Lang::kPl:
      return "pl";
    default:
      return "unknown";
  }
}

bool ParseLang(std::string_view code, Lang* lang) {
  std::string lower;
  for (char c : code)
    lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (lower == "hu") {
    *lang = Lang::kHu;
  } else if (lower == "pl") {
    *lang = Lang::kPl;
  } else if (lower.empty() || lower == "unknown") {
    *lang = Lang::kUnknown;
  } else {
    return false;
  }
  return true;
}

std::string_view TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kWord:
      return "word";
    case TokenKind::kNumber:
      return "number";
    case TokenKind::kEmail:
      return "email";
    case TokenKind::kUrl:
      return "url";
    case TokenKind::kCode:
      return "code";
    case TokenKind::kSymbol:
      return "symbol";
  }
  return "word";
}

std::string_view LemmaSourceName(LemmaSource source) {
  switch (source) {
    case LemmaSource::kNone:
      return "none";
    case LemmaSource::kDictionary:
      return "dictionary";
    case LemmaSource::kCompound:
      return "compound";
    case LemmaSource::kUnknown:
      return "unknown";
  }
  return "none";
}

std::string ToValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    // A run of ASCII is valid as it is: copied whole, not decoded.
    size_t ascii = pos;
    while (ascii < text.size() &&
           static_cast<unsigned char>(text[ascii]) < 0x80)
      ++ascii;
    out.append(text.substr(pos, ascii - pos));
    pos = ascii;
    if (pos == text.size()) break;
    const size_t start = pos;
    const char32_t c = internal::DecodeUtf8(text, &pos);
    if (c == internal::kInvalidCodePoint) {
      internal::AppendUtf8(0xFFFD, &out);
    } else {
      out.append(text.substr(start, pos - start));
    }
  }
  return out;
}

std::string NormalizeText(std::string_view text) {
  std::string out;
  internal::NormalizeToken(ToValidUtf8(text), &out);
  return out;
}

std::string FoldText(std::string_view text) {
  return internal::Fold(NormalizeText(text));
}

struct Analyzer::Rep {
  AnalyzerOptions options;
  std::unique_ptr<internal::AffixLexicon> hu_lexicon;
  std::unique_ptr<internal::AffixLexicon> pl_lexicon;
  std::unique_ptr<internal::Lemmatizer> hu;
  std::unique_ptr<internal::Lemmatizer> pl;
  std::unique_ptr<internal::LanguageDetector> detector;

  const internal::Lemmatizer* LemmatizerFor(Lang lang) const {
    return lang == Lang::kHu   ? hu.get()
           : lang == Lang::kPl ? pl.get()
                               : nullptr;
  }
  void Tokens(std::string_view text, Analysis* analysis) const;
};

Analyzer::Analyzer(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Analyzer::~Analyzer() = default;

namespace {

// Polish word classes, and the forms of frequent irregular verbs the affix
// file does not analyse (folded: "mają" is "maja"). Without them, "macie"
// (you have) is maca, "mamy" mama, "muszę" mucha, "wiecie" wiec.
internal::LemmaClasses PolishLemmaClasses() {
  internal::LemmaClasses classes;
  classes.verb_endings = {"c"};
  classes.adjective_endings = {"y", "i"};
  const std::pair<const char*, std::vector<const char*>> kParadigms[] = {
      {"miec",
       {"mam", "masz", "ma", "mamy", "macie", "maja", "mial", "miala", "mialem",
        "mialam", "mieli", "mialy", "miej", "miejcie", "mialo", "miales",
        "mialas", "mielismy", "mieliscie"}},
      {"moc",
       {"moge", "mozesz", "moze", "mozemy", "mozecie", "moga", "mogl", "mogla",
        "moglem", "moglam", "mogli", "mogly"}},
      {"musiec",
       {"musze", "musisz", "musi", "musimy", "musicie", "musza", "musial",
        "musiala", "musialem", "musialam", "musieli"}},
      {"wiedziec",
       {"wiem", "wiesz", "wie", "wiemy", "wiecie", "wiedza", "wiedzial",
        "wiedzialem", "wiedzialam"}},
      {"chciec",
       {"chce", "chcesz", "chcemy", "chcecie", "chca", "chcial", "chciala",
        "chcialem", "chcialam", "chcieli"}},
      {"prosic",
       {"prosze", "prosisz", "prosi", "prosimy", "prosicie", "prosza"}},
      {"tylko", {"tylko"}},
  };
  for (const auto& [lemma, forms] : kParadigms) {
    for (const char* form : forms) classes.fixed.emplace(form, lemma);
  }
  // "SMS-a", "PIN-u", "eSIM-em", "SMS-ie", "SMS-y", "SMS-ów", "SMS-om",
  // "SMS-ami", "SMS-ach", "SMS-ę", "SMS-ą" (folded).
  classes.hyphen_endings = {"a",  "u",   "em",  "ie", "y",   "ow",
                            "om", "ami", "ach", "e",  "owi", "i"};
  classes.unknown_stemming = internal::UnknownStemming::kPolishEndings;
  return classes;
}

// Forms of "mennyi" (how much) the affix file reads as "mén" (stallion)
// plus suffixes once accents are folded away.
internal::LemmaClasses HungarianLemmaClasses() {
  internal::LemmaClasses classes;
  for (const char* form : {"mennyibe", "mennyiert", "mennyit", "mennyiben",
                           "mennyivel", "mennyire", "mennyibol"}) {
    classes.fixed.emplace(form, "mennyi");
  }
  // Case and possessive endings written after a hyphen ("eSIM-et",
  // "SMS-ben", "PIN-jét"), folded: accusative, the locative and directional
  // cases, dative, instrumental, and the common possessives.
  classes.hyphen_endings = {
      "t",   "et",  "ot",  "at",  "ba",   "be",   "ban",  "ben",   "bol",
      "rol", "tol", "ra",  "re",  "nak",  "nek",  "val",  "vel",   "nal",
      "nel", "hoz", "hez", "ig",  "kent", "on",   "en",   "n",     "ja",
      "je",  "jat", "jet", "jan", "jen",  "jaba", "jebe", "jeben", "jaban",
      "je",  "em",  "am",  "om",  "ed",   "ad",   "od",   "ert",   "ul",
      "s",   "es",  "as",  "os",  "k",    "ek",   "ok",   "ak"};
  classes.unknown_stemming = internal::UnknownStemming::kHungarian;
  return classes;
}

// Token `i` starts with a capital letter though no sentence starts there:
// "sklep w Warszawie" names the city, "Warszawa to..." may not.
bool CapitalisedInSentence(std::string_view text,
                           const std::vector<Token>& tokens, size_t i) {
  size_t pos = tokens[i].begin;
  if (!u_isUUppercase(static_cast<UChar32>(internal::DecodeUtf8(text, &pos))))
    return false;
  if (i == 0) return false;
  const std::string_view gap =
      text.substr(tokens[i - 1].end, tokens[i].begin - tokens[i - 1].end);
  return gap.find_first_of(".!?\n") == std::string_view::npos;
}

}  // namespace

Status Analyzer::Open(const AnalyzerOptions& options,
                      std::unique_ptr<Analyzer>* analyzer) {
  auto rep = std::make_unique<Rep>();
  rep->options = options;
  const std::string dir =
      options.dictionary_dir.empty() ? "." : options.dictionary_dir;
  // The two dictionaries load in parallel: about 60 ms and 120 ms alone.
  Status hu_status, pl_status;
  std::thread hu_loader([&] {
    hu_status = internal::AffixLexicon::Load(
        dir + "/hu_HU.aff", dir + "/hu_HU.dic", &rep->hu_lexicon);
  });
  pl_status = internal::AffixLexicon::Load(
      dir + "/pl_PL.aff", dir + "/pl_PL.dic", &rep->pl_lexicon);
  hu_loader.join();
  if (!hu_status.ok()) return hu_status;
  if (!pl_status.ok()) return pl_status;
  // Hungarian needs no word classes (its dictionary's morphology decides),
  // only a few fixed lemmas.
  rep->hu = std::make_unique<internal::Lemmatizer>(
      rep->hu_lexicon.get(), HungarianLemmaClasses(),
      options.lemma_cache_entries, options.max_word_bytes);
  rep->pl = std::make_unique<internal::Lemmatizer>(
      rep->pl_lexicon.get(), PolishLemmaClasses(), options.lemma_cache_entries,
      options.max_word_bytes);
  rep->detector = std::make_unique<internal::LanguageDetector>(rep->hu.get(),
                                                               rep->pl.get());
  analyzer->reset(new Analyzer(std::move(rep)));
  return Status::Ok();
}

void Analyzer::Rep::Tokens(std::string_view text, Analysis* analysis) const {
  // The thread's buffer: a message's raw tokens need no allocation of their
  // own (Tokenize bounds them by max_tokens).
  struct RawTokens {
    std::vector<internal::RawToken> tokens;
  };
  std::vector<internal::RawToken>& raw =
      internal::ThreadLocal<RawTokens>().tokens;
  raw.clear();
  const internal::TokenizeOutcome outcome =
      internal::Tokenize(text, options.max_tokens, &raw);
  analysis->invalid_utf8 = outcome.invalid_utf8;
  analysis->truncated = outcome.truncated;
  analysis->tokens.reserve(raw.size());
  for (const internal::RawToken& r : raw) {
    Token& token = analysis->tokens.emplace_back();
    token.kind = r.kind;
    token.begin = r.begin;
    token.end = r.end;
    internal::NormalizeToken(text.substr(r.begin, r.end - r.begin),
                             &token.norm);
    internal::AppendFolded(token.norm, &token.folded);
  }
}

Analysis Analyzer::Analyze(std::string_view text, Lang lang) const {
  Analysis analysis;
  rep_->Tokens(text, &analysis);
  analysis.language = lang == Lang::kUnknown
                          ? rep_->detector->Detect(analysis.tokens)
                          : LanguageGuess{lang, 1.0};
  const internal::Lemmatizer* lemmatizer =
      rep_->LemmatizerFor(analysis.language.lang);
  for (size_t i = 0; i < analysis.tokens.size(); ++i) {
    Token& token = analysis.tokens[i];
    if (token.kind != TokenKind::kWord) {
      token.key = token.norm;
      token.lemma_source = LemmaSource::kNone;
    } else if (lemmatizer == nullptr) {
      token.key = token.folded;
      token.lemma_source = LemmaSource::kUnknown;
    } else {
      internal::LemmaResult lemma = lemmatizer->Lemmatize(token.folded);
      token.key = std::move(lemma.key);
      token.alt_keys = std::move(lemma.alternatives);
      token.lemma_source = lemma.source;
      token.proper_noun = lemma.proper_noun ||
                          (lemma.may_be_proper_noun &&
                           CapitalisedInSentence(text, analysis.tokens, i));
    }
  }
  if (analysis.language.lang == Lang::kHu) {
    internal::JoinSeparatedPreverbs(*rep_->hu, &analysis.tokens);
  }
  return analysis;
}

LanguageGuess Analyzer::DetectLanguage(std::string_view text) const {
  Analysis analysis;
  rep_->Tokens(text, &analysis);
  return rep_->detector->Detect(analysis.tokens);
}

std::string Analyzer::LemmaKey(std::string_view word, Lang lang) const {
  const std::string folded = FoldText(word);
  const internal::Lemmatizer* lemmatizer = rep_->LemmatizerFor(lang);
  return lemmatizer == nullptr ? folded : lemmatizer->Lemmatize(folded).key;
}

}  // namespace libbot
