// Copyright 2026 The libbot Authors.
#include "text/lemmatizer.h"

#include <algorithm>
#include <mutex>

namespace libbot::internal {
namespace {

// Parts of a compound are at least this many bytes: shorter "words" in the
// dictionary (abbreviations, letters) would split almost anything.
constexpr size_t kMinCompoundPart = 3;
// Compounds of up to this many parts are recognised ("jel|szó|változtatás").
constexpr int kMaxCompoundParts = 3;
// Flagless dictionary entries this long or longer count as listed inflected
// forms (see Search::Candidate::listed_form).
constexpr size_t kMinListedFormBytes = 4;
// Ranks a compound below any single-word analysis.
constexpr int kCompoundPenalty = 10;

bool MatchesEnd(const std::vector<CharClassSet>& condition,
                std::string_view root) {
  if (condition.size() > root.size()) return false;
  const size_t offset = root.size() - condition.size();
  for (size_t i = 0; i < condition.size(); ++i) {
    if (!condition[i].Matches(static_cast<unsigned char>(root[offset + i])))
      return false;
  }
  return true;
}

bool MatchesStart(const std::vector<CharClassSet>& condition,
                  std::string_view root) {
  if (condition.size() > root.size()) return false;
  for (size_t i = 0; i < condition.size(); ++i) {
    if (!condition[i].Matches(static_cast<unsigned char>(root[i])))
      return false;
  }
  return true;
}

// Calls visit(group, root) for every suffix group whose add string ends
// `word`; root is `word` with that suffix undone (add removed, strip put back).
template <typename Visit>
void ForEachUndoneSuffix(const AffixLexicon& lex, std::string_view word,
                         Visit&& visit) {
  const size_t longest = std::min(lex.max_suffix_add(), word.size() - 1);
  std::string root;
  for (size_t k = 0; k <= longest; ++k) {
    const auto* groups = lex.SuffixesAdding(word.substr(word.size() - k));
    if (groups == nullptr) continue;
    const std::string_view base = word.substr(0, word.size() - k);
    for (const AffixGroup& group : *groups) {
      root.assign(base);
      root.append(group.strip);
      visit(group, std::string_view(root));
    }
  }
}

// Whether an entry with `flags` may carry affixes here: not a forbidden word,
// not a compound-only part, and with one of the flags the caller requires.
bool IsAffixableRoot(const AffixLexicon& lex, const FlagSet& flags,
                     const FlagSet* root_must_have) {
  if (lex.forbidden() && flags.Has(lex.forbidden())) return false;
  if (lex.only_in_compound() && flags.Has(lex.only_in_compound())) return false;
  return root_must_have == nullptr || flags.Intersects(*root_must_have);
}

// The lemma of an entry found under the folded form `form`.
std::string_view LemmaOf(const AffixLexicon& lex,
                         const AffixLexicon::Entry& entry,
                         std::string_view form) {
  return entry.lemma ? std::string_view(lex.lemma(entry.lemma)) : form;
}

}  // namespace

// A prefix that was removed on the way to the root: it is put back on the
// lemma, so "niezadowolony" keeps its negation ("niezadowolony", not
// "zadowolony").
struct PrefixContext {
  std::string_view add;
  std::string_view strip;
};

// Collects every analysis of one word; Choose() picks the key.
struct Lemmatizer::Search {
  struct Candidate {
    std::string lemma;
    int affixes;
    bool derivational;  // some affix on the way was derivational
    // The word itself is a dictionary entry with no affix flags, in a
    // dictionary without morphology: most such entries are inflected forms
    // listed on their own ("pomocy").
    bool listed_form;
    size_t edit;  // bytes stripped and added on the way: how far from the word
  };
  std::string_view word;  // the surface form being analysed
  std::vector<Candidate> candidates;
  const PrefixContext* prefix = nullptr;

  bool found() const { return !candidates.empty(); }

  bool morphology = false;  // the lexicon marks derivation (see Dominated)
  const LemmaClasses* classes = nullptr;

  void Offer(std::string_view lemma, int affixes, size_t edit,
             bool derivational = false, bool listed_form = false) {
    std::string full;
    if (prefix != nullptr) {
      full.assign(prefix->add);
      if (lemma.substr(0, prefix->strip.size()) == prefix->strip) {
        lemma.remove_prefix(prefix->strip.size());
      }
      full.append(lemma);
      lemma = full;
      ++affixes;
      edit += prefix->add.size() + prefix->strip.size();
    }
    for (Candidate& c : candidates) {
      if (c.lemma == lemma) {
        if (affixes < c.affixes || (affixes == c.affixes && edit < c.edit)) {
          c.affixes = affixes;
          c.edit = edit;
        }
        c.derivational = c.derivational && derivational;
        c.listed_form = c.listed_form && listed_form;
        return;
      }
    }
    candidates.push_back(
        {std::string(lemma), affixes, derivational, listed_form, edit});
  }

  // The key among the analyses, then the other plausible ones:
  // 0. A listed form (see Candidate) yields to any analysis with a real
  //    lemma: "pomocy" is pomoc's, "pieniędzy" pieniądz's.
  // 1. Where the dictionary marks derivation (Hungarian): an inflection-only
  //    analysis, at least as deep, whose lemma is a proper prefix of
  //    another's wins over it: "rendeltem" is rendel+t+em (past tense) rather
  //    than the participle "rendelt" (listed as an adjective) + em. The word
  //    itself as a dictionary entry is never overruled ("mindig" stays,
  //    though it is also mind+ig), nor does derivation overrule ("fizetést"
  //    is fizetés+t, not fizet+és+t).
  // 2. Fewer affixes.
  // 2b. A nominal lemma, then an adjectival, then a verbal (LemmaClasses).
  // 3. The smaller edit (bytes stripped and added): "koncie" is konto with
  //    t→c, not koniec; "paczki" is paczka's, not pączek's.
  // 4. The lemma closest to the surface form (longest common prefix):
  //    "szám" is szám, not száj+m.
  // 5. The longer lemma, then the alphabetically first: never the order of
  //    the dictionary.
  // The rest become alternatives: the viable ones by the same order, then
  // those overruled by 0 or 1.
  void Choose(std::string* key, std::vector<std::string>* alternatives) const {
    bool any_real = false;
    for (const Candidate& c : candidates) any_real |= !c.listed_form;
    std::vector<const Candidate*> viable, overruled;
    for (const Candidate& c : candidates) {
      ((any_real && c.listed_form) || Dominated(c) ? overruled : viable)
          .push_back(&c);
    }
    auto better = [this](const Candidate* a, const Candidate* b) {
      return Better(*a, *b);
    };
    std::sort(viable.begin(), viable.end(), better);
    std::sort(overruled.begin(), overruled.end(), better);
    *key = viable.front()->lemma;
    alternatives->clear();
    viable.insert(viable.end(), overruled.begin(), overruled.end());
    for (size_t i = 1;
         i < viable.size() && alternatives->size() < kMaxAlternatives; ++i) {
      alternatives->push_back(viable[i]->lemma);
    }
  }

 private:
  static constexpr size_t kMinFamilyRoot = 3;

  bool Dominated(const Candidate& c) const {
    if (!morphology || (c.affixes == 0 && c.lemma == word)) return false;
    for (const Candidate& other : candidates) {
      if (!other.derivational && !other.listed_form &&
          other.affixes >= c.affixes && other.lemma.size() >= kMinFamilyRoot &&
          other.lemma.size() < c.lemma.size() &&
          c.lemma.compare(0, other.lemma.size(), other.lemma) == 0) {
        return true;
      }
    }
    return false;
  }

  static bool EndsWithAny(const std::string& s,
                          const std::vector<std::string>& endings) {
    for (const std::string& e : endings) {
      if (s.size() > e.size() &&
          s.compare(s.size() - e.size(), e.size(), e) == 0)
        return true;
    }
    return false;
  }

  // 0 nominal, 1 adjectival, 2 verbal.
  int WordClass(const std::string& lemma) const {
    if (classes == nullptr) return 0;
    if (EndsWithAny(lemma, classes->verb_endings)) return 2;
    if (EndsWithAny(lemma, classes->adjective_endings)) return 1;
    return 0;
  }

  size_t CommonPrefix(const std::string& lemma) const {
    size_t n = 0;
    while (n < lemma.size() && n < word.size() && lemma[n] == word[n]) ++n;
    return n;
  }

  bool Better(const Candidate& a, const Candidate& b) const {
    if (a.affixes != b.affixes) return a.affixes < b.affixes;
    const int ca = WordClass(a.lemma), cb = WordClass(b.lemma);
    if (ca != cb) return ca < cb;
    if (a.edit != b.edit) return a.edit < b.edit;
    const size_t pa = CommonPrefix(a.lemma), pb = CommonPrefix(b.lemma);
    if (pa != pb) return pa > pb;
    if (a.lemma.size() != b.lemma.size())
      return a.lemma.size() > b.lemma.size();
    return a.lemma < b.lemma;
  }
};

Lemmatizer::Lemmatizer(const AffixLexicon* lexicon, LemmaClasses classes,
                       size_t cache_entries, size_t max_word_bytes)
    : lexicon_(lexicon),
      classes_(std::move(classes)),
      max_word_bytes_(max_word_bytes) {
  if (cache_entries > 0) cache_ = std::make_unique<Cache>(cache_entries);
}

namespace {

// Makes `lemma` the key; the key it replaces becomes the first alternative.
void PutFirst(const std::string& lemma, LemmaResult* result) {
  if (result->key == lemma) return;
  auto& alts = result->alternatives;
  alts.erase(std::remove(alts.begin(), alts.end(), lemma), alts.end());
  alts.insert(alts.begin(), std::move(result->key));
  if (alts.size() > kMaxAlternatives) alts.resize(kMaxAlternatives);
  result->key = lemma;
}

// A compound's or hyphenated word's last part carries most of its meaning:
// "papírszámla" and "e-számla" are a "számla", "PIN-kód" a "kód". It becomes
// the last alternative (within kMaxAlternatives), unless shorter than a
// compound's part ("wi-fi": "fi" says too little) or already there.
void AddLastPart(std::string last_part, LemmaResult* result) {
  auto& alts = result->alternatives;
  if (last_part.size() < kMinCompoundPart ||
      !IsNewAlternative(last_part, result->key, alts))
    return;
  if (alts.size() >= kMaxAlternatives) alts.resize(kMaxAlternatives - 1);
  alts.push_back(std::move(last_part));
}

}  // namespace

const std::string* Lemmatizer::FixedLemma(std::string_view folded) const {
  if (classes_.fixed.empty()) return nullptr;  // no allocation when none
  const auto it = classes_.fixed.find(std::string(folded));
  return it == classes_.fixed.end() ? nullptr : &it->second;
}

LemmaResult Lemmatizer::Lemmatize(std::string_view folded) const {
  LemmaResult result;
  if (cache_ &&
      cache_->Find(folded, [&](const LemmaResult& r) { result = r; })) {
    return result;
  }
  result = LemmatizeUncached(folded);
  if (cache_) cache_->Put(folded, result);
  return result;
}

LemmaSource Lemmatizer::Source(std::string_view folded) const {
  LemmaSource source = LemmaSource::kUnknown;
  if (cache_ &&
      cache_->Find(folded, [&](const LemmaResult& r) { source = r.source; })) {
    return source;
  }
  return Lemmatize(folded).source;  // computed once, then cached
}

LemmaResult Lemmatizer::LemmatizeUncached(std::string_view folded) const {
  LemmaResult result;
  result.key.assign(folded);
  result.source = LemmaSource::kUnknown;
  if (folded.empty() || folded.size() > max_word_bytes_) return result;
  // "esim-et", "pin-u": the head is the word, the rest its ending. A loop,
  // not a recursion: "a-t-t-t..." strips one ending a turn.
  bool ending_stripped = false;
  for (std::string_view head = HyphenHead(folded); !head.empty();
       head = HyphenHead(folded)) {
    folded = head;
    ending_stripped = true;
  }
  LemmaResult found = LemmatizeDictionary(folded);
  if (found.source == LemmaSource::kUnknown) {
    // Not in the dictionary: its forms still meet on a guessed stem, so a
    // rule's "simkártya" finds the customer's "simkártyámat".
    found.key = GuessStem(classes_.unknown_stemming, folded);
    if (ending_stripped) found.source = LemmaSource::kCompound;
  }
  // A short word is not cut below kMinKeyBytes: the customer's own word
  // first, the dictionary's shorter lemma as an alternative. (Longer words
  // keep two-letter lemmas: "adni" is "ad", "érhetem" is "ér".)
  if (found.key.size() < kMinKeyBytes && folded.size() == kMinKeyBytes) {
    PutFirst(std::string(folded), &found);
  }
  return found;
}

std::string_view Lemmatizer::HyphenHead(std::string_view folded) const {
  const size_t hyphen = folded.rfind('-');
  if (hyphen == std::string_view::npos || hyphen == 0) return {};
  const std::string_view ending = folded.substr(hyphen + 1);
  for (const std::string& e : classes_.hyphen_endings) {
    if (ending == e) return folded.substr(0, hyphen);
  }
  return {};
}

LemmaResult Lemmatizer::LemmatizeDictionary(std::string_view folded) const {
  LemmaResult result;
  result.key.assign(folded);
  result.source = LemmaSource::kUnknown;
  Search search;
  search.word = folded;
  search.morphology = lexicon_->has_morphology();
  search.classes = &classes_;
  AnalyzeWord(folded, nullptr, &search);
  if (search.found()) {
    result.source = LemmaSource::kDictionary;
    search.Choose(&result.key, &result.alternatives);
    if (const std::string* lemma = FixedLemma(folded))
      PutFirst(*lemma, &result);
    const auto capitals = lexicon_->CapitalsOf(result.key);
    result.proper_noun = capitals == AffixLexicon::Capitals::kOnly;
    result.may_be_proper_noun = capitals == AffixLexicon::Capitals::kAlso;
    // A name spelt like a form of a common word: "metody" is Metody
    // (Methodius) only by chance, "żabki" the village Żabki. The common word
    // wins. ("Gdańsku" is inflected, so it stays Gdańsk, not gdański.)
    if (result.proper_noun && result.key == folded) {
      for (const std::string& alt : result.alternatives) {
        if (lexicon_->CapitalsOf(alt) != AffixLexicon::Capitals::kOnly) {
          PutFirst(std::string(alt), &result);
          result.proper_noun = false;
          break;
        }
      }
    }
  } else if (const std::string* lemma = FixedLemma(folded)) {
    result.key = *lemma;
    result.source = LemmaSource::kDictionary;
  } else if (std::string last_part; lexicon_->compounds() &&
                                    TryCompound(folded, &search, &last_part)) {
    result.source = LemmaSource::kCompound;
    search.Choose(&result.key, &result.alternatives);
    AddLastPart(std::move(last_part), &result);
  } else if (const size_t hyphen = folded.rfind('-');
             hyphen != std::string_view::npos && hyphen > 0 &&
             hyphen + 1 < folded.size()) {
    // "wi-fi-t", "e-mailem": the part after the last hyphen carries the ending.
    LemmaResult tail = LemmatizeUncached(folded.substr(hyphen + 1));
    if (tail.source != LemmaSource::kUnknown) {
      result.key = std::string(folded.substr(0, hyphen + 1)) + tail.key;
      result.source = LemmaSource::kCompound;
      // ... and most of its meaning: "e-számlát" is also a "számla", a
      // "PIN-kód" a "kód" (a tail shorter than a compound's part, such as
      // the "fi" of "wi-fi", says too little).
      AddLastPart(std::move(tail.key), &result);
    }
  }
  return result;
}

std::vector<std::pair<std::string, int>> Lemmatizer::Analyses(
    std::string_view folded) const {
  Search search;
  search.word = folded;
  search.morphology = lexicon_->has_morphology();
  search.classes = &classes_;
  AnalyzeWord(folded, nullptr, &search);
  std::vector<std::pair<std::string, int>> out;
  for (const auto& c : search.candidates) out.emplace_back(c.lemma, c.affixes);
  return out;
}

void Lemmatizer::AnalyzeWord(std::string_view word,
                             const FlagSet* root_must_have,
                             Search* search) const {
  const AffixLexicon& lex = *lexicon_;
  for (uint32_t i = lex.Find(word); i != AffixLexicon::kNoEntry;
       i = lex.entry(i).next) {
    const auto& entry = lex.entry(i);
    const FlagSet& flags = lex.flag_set(entry.flags);
    if ((lex.need_affix() && flags.Has(lex.need_affix())) ||
        (lex.only_in_compound() && flags.Has(lex.only_in_compound())) ||
        (lex.forbidden() && flags.Has(lex.forbidden()))) {
      continue;
    }
    if (root_must_have && !flags.Intersects(*root_must_have)) continue;
    // Short flagless entries are function words ("do", "mam"), not listed
    // inflections: they keep their own key.
    const bool listed_form = entry.flags == 0 && !lex.has_morphology() &&
                             word.size() >= kMinListedFormBytes;
    search->Offer(LemmaOf(lex, entry, word), 0, 0, /*derivational=*/false,
                  listed_form);
  }
  UndoSuffixes(word, nullptr, root_must_have, search);
  TryPrefixes(word, root_must_have, search);
}

void Lemmatizer::UndoSuffixes(std::string_view word, const OuterSuffix* outer,
                              const FlagSet* root_must_have,
                              Search* search) const {
  if (word.size() < 2) return;
  const AffixLexicon& lex = *lexicon_;
  ForEachUndoneSuffix(
      lex, word, [&](const AffixGroup& group, std::string_view root) {
        if (outer != nullptr && !group.cont_union.Intersects(outer->flags))
          return;
        const size_t edit =
            (outer ? outer->edit : 0) + group.strip.size() + group.add.size();
        for (uint32_t i = lex.Find(root); i != AffixLexicon::kNoEntry;
             i = lex.entry(i).next) {
          const auto& entry = lex.entry(i);
          const FlagSet& flags = lex.flag_set(entry.flags);
          if (!flags.Intersects(group.flags) ||
              !IsAffixableRoot(lex, flags, root_must_have)) {
            continue;
          }
          for (const AffixRule& rule : group.rules) {
            if (flags.Has(rule.flag) &&
                (outer == nullptr ||
                 lex.flag_set(rule.cont).Intersects(outer->flags)) &&
                MatchesEnd(lex.condition(rule.condition), root)) {
              search->Offer(
                  LemmaOf(lex, entry, root), outer ? 2 : 1, edit,
                  rule.derivational || (outer && outer->derivational));
              break;
            }
          }
        }
        // Hungarian stacks suffixes: the root may carry an inner suffix that
        // allows this one after it (a continuation class). Two at most.
        if (outer != nullptr || !group.flags.Intersects(lex.twofold_outer())) {
          return;
        }
        OuterSuffix this_suffix{FlagSet(), false, edit};
        for (const AffixRule& rule : group.rules) {
          if (lex.twofold_outer().Has(rule.flag) &&
              MatchesEnd(lex.condition(rule.condition), root)) {
            this_suffix.flags.Add(rule.flag);
            this_suffix.derivational |= rule.derivational;
          }
        }
        if (!this_suffix.flags.Empty()) {
          UndoSuffixes(root, &this_suffix, root_must_have, search);
        }
      });
}

void Lemmatizer::TryPrefixes(std::string_view word,
                             const FlagSet* root_must_have,
                             Search* search) const {
  const AffixLexicon& lex = *lexicon_;
  if (search->prefix != nullptr || lex.max_prefix_add() == 0) return;
  const size_t longest = std::min(lex.max_prefix_add(), word.size() - 1);
  std::string root;
  for (size_t k = 1; k <= longest; ++k) {
    const auto* groups = lex.PrefixesAdding(word.substr(0, k));
    if (groups == nullptr) continue;
    for (const AffixGroup& group : *groups) {
      root.assign(group.strip);
      root.append(word.substr(k));
      PrefixContext context{group.add, group.strip};
      search->prefix = &context;
      for (const AffixRule& rule : group.rules) {
        if (!MatchesStart(lex.condition(rule.condition), root)) continue;
        for (uint32_t i = lex.Find(root); i != AffixLexicon::kNoEntry;
             i = lex.entry(i).next) {
          const auto& entry = lex.entry(i);
          const FlagSet& flags = lex.flag_set(entry.flags);
          if (!flags.Has(rule.flag) ||
              !IsAffixableRoot(lex, flags, root_must_have)) {
            continue;
          }
          search->Offer(LemmaOf(lex, entry, root), 0, 0);
        }
        if (lex.cross_product(rule.flag)) {
          FlagSet prefix_flag;
          prefix_flag.Add(rule.flag);
          UndoSuffixes(root, nullptr, &prefix_flag, search);
        }
      }
      search->prefix = nullptr;
    }
  }
}

bool Lemmatizer::TryCompound(std::string_view word, Search* search,
                             std::string* last_part) const {
  const AffixLexicon& lex = *lexicon_;
  // The first part must allow compounding. The last part is not checked:
  // Hungarian puts the permission on affixes as often as on roots
  // ("ügy|intéző" ends in intéz+ő), and this runs only for words the
  // dictionary does not know at all.
  FlagSet first_ok;
  for (uint8_t f :
       {lex.compound_flag(), lex.compound_begin(), lex.only_in_compound()}) {
    if (f) first_ok.Add(f);
  }
  // Shortest first part first: the longest possible last part carries the
  // inflection and most of the meaning.
  struct Frame {
    std::string_view rest;
    std::string head;
    int parts;
  };
  std::vector<Frame> stack{{word, std::string(), 1}};
  while (!stack.empty()) {
    Frame frame = std::move(stack.back());
    stack.pop_back();
    const std::string_view w = frame.rest;
    for (size_t i = kMinCompoundPart; i + kMinCompoundPart <= w.size(); ++i) {
      const std::string_view first = w.substr(0, i);
      bool first_valid = false;
      for (uint32_t e = lex.Find(first); e != AffixLexicon::kNoEntry;
           e = lex.entry(e).next) {
        const FlagSet& flags = lex.flag_set(lex.entry(e).flags);
        if (flags.Intersects(first_ok) &&
            !(lex.forbidden() && flags.Has(lex.forbidden())))
          first_valid = true;
      }
      if (!first_valid) continue;
      Search last;
      last.word = w.substr(i);
      last.morphology = lex.has_morphology();
      last.classes = &classes_;
      AnalyzeWord(last.word, nullptr, &last);
      if (last.found()) {
        // The last part's other readings stay alternatives of the compound:
        // "számla|számra" is the adverb "számra" first, "szám" after.
        std::string key;
        std::vector<std::string> alternatives;
        last.Choose(&key, &alternatives);
        const std::string head = frame.head + std::string(first);
        search->Offer(head + key, kCompoundPenalty, 0);
        for (const std::string& alt : alternatives)
          search->Offer(head + alt, kCompoundPenalty + 1, 0);
        *last_part = std::move(key);
        return true;
      }
    }
    // Nothing with two parts here: try a longer head (one more part).
    if (frame.parts + 1 < kMaxCompoundParts &&
        w.size() >= 2 * kMinCompoundPart) {
      // Unsigned: the bound above keeps w.size() - kMinCompoundPart from
      // wrapping.
      for (size_t i = w.size() - kMinCompoundPart; i >= kMinCompoundPart; --i) {
        const std::string_view first = w.substr(0, i);
        for (uint32_t e = lex.Find(first); e != AffixLexicon::kNoEntry;
             e = lex.entry(e).next) {
          if (lex.flag_set(lex.entry(e).flags).Intersects(first_ok)) {
            stack.push_back({w.substr(i), frame.head + std::string(first),
                             frame.parts + 1});
            break;
          }
        }
      }
    }
  }
  return false;
}

Lemmatizer::Cache::Cache(size_t capacity)
    : per_shard_(capacity / kShards > 0 ? capacity / kShards : 1) {}

void Lemmatizer::Cache::Put(std::string_view word,
                            const LemmaResult& result) const {
  const uint64_t hash = HashString(word);
  const Shard& shard = shards_[hash % kShards];
  std::unique_lock lock(shard.mu);
  // Bounded memory: a full shard starts over. Hot words return at once.
  if (shard.map.size() >= per_shard_) shard.map.clear();
  // A colliding word replaces the other: both stay correct, one misses.
  shard.map[hash] = Entry{std::string(word), result};
}

}  // namespace libbot::internal
