// Copyright 2026 The libbot Authors.
#include "engine/signals.h"

#include <unicode/uchar.h>

#include <algorithm>

#include "match/search_index.h"
#include "util/utf8.h"

namespace libbot::internal {
namespace {

size_t Slot(Lang lang) { return lang == Lang::kPl ? 1 : 0; }

// The lists IsFramingList() names, as Scan()'s bits.
constexpr uint32_t FramingListBits() {
  uint32_t bits = 0;
  for (int l = 0; l < kSignalListCount; ++l)
    if (IsFramingList(static_cast<SignalList>(l))) bits |= uint32_t{1} << l;
  return bits;
}
constexpr uint32_t kFramingLists = FramingListBits();

bool IsWordToken(const Token& t) {
  return t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber ||
         t.kind == TokenKind::kCode;
}

// Polite words and fillers that may stand beside a short request ("Kérem,
// egy ügyintézőt!", "Poproszę konsultanta", "Akkor mégsem.") without
// making it a different message. Folded forms.
bool IsFiller(Lang lang, std::string_view folded) {
  static const std::vector<std::string_view> kHu = {
      "kerem",      "kerek", "kernek",  "szeretnek", "legyen",
      "szives",     "akkor", "inkabb",  "csak",      "most",
      "mar",        "hat",   "ok",      "koszonom",  "koszi",
      "egy",        "egyet", "valakit", "beszelni",  "beszelnek",
      "kapcsoljon", "szia",  "halo",    "jo",        "napot"};
  static const std::vector<std::string_view> kPl = {
      "prosze",      "poprosze", "chce",     "chcialbym", "chcialabym",
      "to",          "jednak",   "juz",      "tylko",     "teraz",
      "wiec",        "ok",       "dziekuje", "dzieki",    "rozmawiac",
      "porozmawiac", "polaczyc", "polacz",   "z",         "ze",
      "mi",          "jakis",    "jakiegos", "cze",       "czesc",
      "dzien",       "dobry"};
  const auto& words = lang == Lang::kPl ? kPl : kHu;
  for (std::string_view w : words) {
    if (w == folded) return true;
  }
  return IsSearchStopword(lang, folded);
}

// The token is the word as written, accents aside: typed without them it
// may be either ("czesc"); typed with others, it is another word.
template <typename Word>
bool SameForm(const Token& t, const Word& word) {
  return t.folded == word.folded && (t.norm == t.folded || t.norm == word.norm);
}

bool Matches(const Token& t, const std::string& key,
             const std::string& folded) {
  if (t.key == key || t.folded == folded) return true;
  for (const std::string& alt : t.alt_keys) {
    if (alt == key) return true;
  }
  return false;
}

// The word begins with a capital letter in what the customer typed.
bool Capitalised(const Token& t, std::string_view text) {
  if (t.begin >= t.end || t.end > text.size()) return false;
  size_t pos = t.begin;
  const char32_t c = DecodeUtf8(text, &pos);
  return c < 0x80 ? (c >= 'A' && c <= 'Z')
                  : u_isupper(static_cast<UChar32>(c)) != 0;
}

// A framing word alone stands apart from what follows: "Dzięki!",
// "Köszönöm, ..." and the message's last word are framing; "Dzięki
// połączeniom przez Wi-Fi" (thanks to) runs on into the sentence and is
// not. Unmarks each lone marked word that a letter or digit follows
// with nothing but spaces between.
void DropRunOnWords(const Analysis& message, std::string_view text,
                    std::vector<bool>* framing) {
  const std::vector<Token>& tokens = message.tokens;
  std::vector<size_t> words;
  for (size_t i = 0; i < tokens.size(); ++i)
    if (IsWordToken(tokens[i])) words.push_back(i);
  for (size_t w = 0; w + 1 < words.size(); ++w) {
    const size_t i = words[w], next = words[w + 1];
    const bool lone = (*framing)[i] && (w == 0 || !(*framing)[words[w - 1]]) &&
                      !(*framing)[next];
    if (!lone || tokens[next].begin < tokens[i].end) continue;
    const std::string_view between = TextBetween(text, tokens[i], tokens[next]);
    const bool apart =
        between.find_first_not_of(" \t") != std::string_view::npos;
    if (!apart) (*framing)[i] = false;
  }
}

}  // namespace

void SignalWords::Add(SignalList list, Lists* lists, Phrase phrase) {
  std::vector<Phrase>& phrases = lists->phrases[static_cast<size_t>(list)];
  const auto id = static_cast<uint32_t>(phrases.size());
  auto add_start = [&](const std::string& word) {
    const uint64_t hash = HashString(word);
    uint32_t slot = lists->by_first.Get(hash);
    if (slot == HashIndex::kMissing) {
      slot = static_cast<uint32_t>(lists->starts.size());
      lists->starts.emplace_back();
      lists->by_first.Put(hash, slot);
    }
    std::vector<Lists::Start>& starts = lists->starts[slot];
    if (starts.empty() || starts.back().list != list ||
        starts.back().phrase != id)
      starts.push_back({list, id});
  };
  add_start(phrase[0].key);
  add_start(phrase[0].folded);
  if (IsFramingList(list)) {
    for (const Word& word : phrase)
      lists->framing_words.Put(HashString(word.key), 1);
  }
  phrases.push_back(std::move(phrase));
}

void SignalWords::Build(const Analyzer& analyzer, const Settings& settings,
                        std::vector<Diagnostic>* diagnostics) {
  for (int l = 0; l < kSignalListCount; ++l) {
    const auto list = static_cast<SignalList>(l);
    for (Lang lang : {Lang::kHu, Lang::kPl}) {
      std::vector<Located> texts;
      for (const char* w : BuiltinSignalWords(list, lang))
        texts.push_back({w, {}, 0});
      auto extra = settings.signal_words.find(SignalListName(list));
      if (extra != settings.signal_words.end()) {
        auto in_lang = extra->second.find(lang);
        if (in_lang != extra->second.end()) {
          texts.insert(texts.end(), in_lang->second.begin(),
                       in_lang->second.end());
        }
      }
      Lists& lists = lists_[Slot(lang)];
      for (const Located& text : texts) {
        if (lists.phrases[static_cast<size_t>(l)].size() == kMaxPhrases) {
          diagnostics->push_back(
              {text.where,
               std::string("signals: the list '") + SignalListName(list) +
                   "' (" + std::string(LangCode(lang)) + ") has more than " +
                   std::to_string(kMaxPhrases) + " phrases"});
          break;
        }
        Phrase phrase;
        for (const Token& t : analyzer.Analyze(text.text, lang).tokens) {
          if (IsWordToken(t)) phrase.push_back({t.key, t.folded, t.norm});
        }
        if (phrase.size() > kMaxPhraseWords) {
          diagnostics->push_back(
              {text.where, "signals: a phrase of more than " +
                               std::to_string(kMaxPhraseWords) + " words"});
          continue;
        }
        if (!phrase.empty()) Add(list, &lists, std::move(phrase));
      }
    }
  }
}

bool SignalWords::IsFramingWord(Lang lang, const Token& token) const {
  if (lang == Lang::kUnknown) return false;
  const HashIndex& words = lists_[Slot(lang)].framing_words;
  auto known = [&](const std::string& key) {
    return words.Get(HashString(key)) != HashIndex::kMissing;
  };
  return known(token.key) ||
         std::any_of(token.alt_keys.begin(), token.alt_keys.end(), known);
}

bool SignalWords::Cover(SignalList list, Lang lang, const Analysis& message,
                        std::vector<bool>* covered) const {
  return Scan(Bit(list), lang, message, covered) != 0;
}

uint32_t SignalWords::Scan(uint32_t lists_asked, Lang lang,
                           const Analysis& message,
                           std::vector<bool>* covered) const {
  if (lang == Lang::kUnknown) return 0;
  const Lists& lists = lists_[Slot(lang)];
  const std::vector<Token>& tokens = message.tokens;
  // Word tokens only: "ügyintéző!" and "ügy-intéző" read alike, so a
  // phrase's next word is the next word token.
  auto next_word = [&](size_t i) {
    while (i < tokens.size() && !IsWordToken(tokens[i])) ++i;
    return i;
  };
  // Whether `phrase` of `list` matches from word token `start`; its tokens
  // marked.
  auto try_phrase = [&](SignalList list, const Phrase& phrase, size_t start) {
    // A framing word on its own is a fixed formula, met as written: by
    // lemma, "cześć" (hello) would take "części" (parts), and "część"
    // folds to the same letters (SameForm).
    const bool as_written = IsFramingList(list) && phrase.size() == 1;
    size_t i = start;
    for (const Word& word : phrase) {
      if (i >= tokens.size()) return false;
      const Token& t = tokens[i];
      if (as_written ? !SameForm(t, word) : !Matches(t, word.key, word.folded))
        return false;
      i = next_word(i + 1);
    }
    if (covered != nullptr) {
      for (size_t k = start; k < i; k = next_word(k + 1)) (*covered)[k] = true;
    }
    return true;
  };
  uint32_t found = 0;
  for (size_t start = next_word(0); start < tokens.size();
       start = next_word(start + 1)) {
    // The phrases that may start at this word: by its key, another lemma
    // or its very form.
    const Token& first = tokens[start];
    auto starting = [&](const std::string& word) {
      const uint32_t slot = lists.by_first.Get(HashString(word));
      if (slot == HashIndex::kMissing) return;
      for (const Lists::Start& s : lists.starts[slot]) {
        const uint32_t bit = Bit(s.list);
        // Without marks to make, a list found once is found.
        if (!(lists_asked & bit) || (covered == nullptr && (found & bit)))
          continue;
        const auto& phrases = lists.phrases[static_cast<size_t>(s.list)];
        if (try_phrase(s.list, phrases[s.phrase], start)) found |= bit;
      }
    };
    // The folded form is often the key itself: one lookup then.
    starting(first.key);
    if (first.folded != first.key) starting(first.folded);
    for (const std::string& alt : first.alt_keys) starting(alt);
    if (covered == nullptr && found == lists_asked) break;
  }
  return found;
}

size_t SignalWords::ListsContaining(Lang lang, const Analysis& message) const {
  // Greetings are no clue: "hello", "halo" are written in both languages.
  constexpr uint32_t kAll = (uint32_t{1} << kSignalListCount) - 1;
  const uint32_t found = Scan(kAll & ~kFramingLists, lang, message, nullptr);
  return static_cast<size_t>(__builtin_popcount(found));
}

bool SignalWords::IsWhole(SignalList list, Lang lang,
                          const Analysis& message) const {
  // A phrase and a few polite words: a longer message says more.
  size_t words = 0;
  for (const Token& t : message.tokens) words += IsWordToken(t);
  if (words > kMaxPhraseWords + kMaxFillers) return false;
  std::vector<bool> covered(message.tokens.size(), false);
  if (!Cover(list, lang, message, &covered)) return false;
  for (size_t i = 0; i < message.tokens.size(); ++i) {
    const Token& t = message.tokens[i];
    if (covered[i] || !IsWordToken(t)) continue;
    if (!IsFiller(lang, t.folded)) return false;
  }
  return true;
}

std::vector<Signal> SignalWords::Find(Lang lang, const Analysis& message,
                                      std::string_view text) const {
  const uint32_t lists =
      Scan(Bit(SignalList::kProfanity) | Bit(SignalList::kRepeatedContact) |
               Bit(SignalList::kNegative),
           lang, message, nullptr);
  std::vector<Signal> found;
  if (lists & Bit(SignalList::kProfanity)) found.push_back(Signal::kProfanity);
  if (lists & Bit(SignalList::kRepeatedContact))
    found.push_back(Signal::kRepeatedContact);
  if (LooksShouted(text)) found.push_back(Signal::kShouting);
  if (lists & Bit(SignalList::kNegative)) found.push_back(Signal::kNegative);
  return found;
}

bool SignalWords::Framing(Lang lang, const Analysis& message,
                          std::string_view text,
                          std::vector<bool>* framing) const {
  const std::vector<Token>& tokens = message.tokens;
  framing->assign(tokens.size(), false);
  if (!Scan(kFramingLists, lang, message, framing)) return false;
  DropRunOnWords(message, text, framing);
  if (std::find(framing->begin(), framing->end(), true) == framing->end())
    return false;
  // A signature: the words after the last framing phrase, if they end the
  // message, are few and each capitalised (a name, not a question).
  size_t last = tokens.size();
  while (last > 0 && !(*framing)[last - 1]) --last;
  size_t words = 0;
  bool signature = true;
  for (size_t i = last; i < tokens.size() && signature; ++i) {
    if (!IsWordToken(tokens[i])) continue;
    ++words;
    signature = tokens[i].kind == TokenKind::kWord &&
                words <= kMaxSignatureWords && Capitalised(tokens[i], text);
  }
  if (signature) {
    for (size_t i = last; i < tokens.size(); ++i) (*framing)[i] = true;
  }
  return true;
}

SignalList SignalWords::Courtesy(Lang lang, const Analysis& message,
                                 const std::vector<bool>& framing) const {
  // Each list's phrases marked apart, and counted only where the framing
  // kept them (DropRunOnWords may have let one go).
  auto in_framing = [&](SignalList list) {
    std::vector<bool> covered(message.tokens.size(), false);
    if (!Cover(list, lang, message, &covered)) return false;
    for (size_t i = 0; i < covered.size() && i < framing.size(); ++i)
      if (covered[i] && framing[i]) return true;
    return false;
  };
  const bool greeting = in_framing(SignalList::kGreeting);
  const bool thanks = in_framing(SignalList::kThanks);
  if (greeting == thanks) return SignalList::kFraming;
  return greeting ? SignalList::kGreeting : SignalList::kThanks;
}

std::string_view TextBetween(std::string_view text, const Token& a,
                             const Token& b) {
  if (b.begin < a.end || b.begin > text.size()) return {};
  return text.substr(a.end, b.begin - a.end);
}

bool LooksShouted(std::string_view text) {
  size_t letters = 0, upper = 0, bangs = 0;
  bool two_bangs = false;
  size_t pos = 0;
  while (pos < text.size()) {
    const char32_t c = DecodeUtf8(text, &pos);
    if (c == '!') {
      two_bangs |= ++bangs >= 2;
      continue;
    }
    if (c != '?') bangs = 0;  // "!?!" counts as two
    if (c < 0x80) {           // ASCII without a call into ICU
      const bool is_upper = c >= 'A' && c <= 'Z';
      letters += is_upper || (c >= 'a' && c <= 'z');
      upper += is_upper;
    } else if (u_isalpha(static_cast<UChar32>(c))) {
      ++letters;
      upper += u_isupper(static_cast<UChar32>(c)) ? 1 : 0;
    }
  }
  return two_bangs || (letters >= kShoutingMinLetters &&
                       static_cast<double>(upper) >=
                           kShoutingShare * static_cast<double>(letters));
}

}  // namespace libbot::internal
