// Copyright 2026 The libbot Authors.
#include "match/search_index.h"

#include "match/confidence.h"
#include "match/document_vectors.h"
#include "match/ngram_model.h"
#include "util/stamped_sums.h"
#include "util/thread_scratch.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <unordered_set>

namespace libbot::internal {
namespace {

constexpr double kTypoFactor = 0.8;     // a word matched through a typo
constexpr double kUnknownWeight = 1.5;  // see Finish(): unseen words weigh more
constexpr double kProperNounShare = 0.5;  // of kUnknownWeight, for a place
// A question naming a place or a name also indexes this term, so "sklep w
// Krakowie" finds "Czy macie sklep w Warszawie?". (Keys never start with a
// control character.)
constexpr std::string_view kPlaceKey = "\x01place";
constexpr double kAlternativeFactor =
    0.7;  // a word matched by another of its lemmas
// A message whose known words weigh less than this many times the rarest
// word says too little to be answered with full confidence ("mennyi?").
constexpr double kMinInformation = 1.35;
constexpr size_t kMinTypoBytes = 5;  // shorter words are never corrected
// Nor longer ones: each deletion hashes the rest of the word, so the work
// grows with the square of its length (and no word is this long).
constexpr size_t kMaxTypoBytes = 64;
// Unknown words sharing a stem of at least kMinStemBytes and differing in at
// most kMaxEndingBytes at the end are one word in other forms (SameStem).
constexpr size_t kMinStemBytes = 6;
constexpr size_t kMaxEndingBytes = 5;
constexpr double kPhraseBonus = 0.04;  // per adjacent pair of words in common
constexpr double kMaxPhraseBonus = 0.12;
constexpr double kExactBonus = 0.02;  // per word in the very same form
constexpr double kMaxExactBonus = 0.06;
// Terms in more documents than max(kMinGeneratorPostings, N / kGeneratorShare)
// do not generate candidates (see Search).
constexpr size_t kMinGeneratorPostings = 500;
constexpr size_t kGeneratorShare = 50;
// At most this many documents get the full score; kProxyPenalty weighs a
// document's words the message lacks when choosing them.
constexpr size_t kScoredDocuments = 128;
// Before frequent terms are added, candidates are cut to this many.
constexpr size_t kFirstCut = 512;
constexpr double kProxyPenalty = 0.3;
// Documents covering less of the message than this are not scored.
constexpr double kMinCoverage = 0.1;
// A question that negates what the message affirms (or the reverse) means
// something else: "Nie mogę zapłacić" is no answer to "Jak mogę zapłacić?".
constexpr double kNegationMismatch = 0.8;
// An owner no word of the message finds is a candidate when its n-gram
// cosine reaches this.
constexpr double kMinNgramHit = 0.2;
// The first hits whose articles the whole text ranks again (Rank). 10
// ranked bench/helpcentre's questions the same as 5.
constexpr size_t kWholeTextPool = 5;
// A sentence of the answer of an entry that has a question (kb_source.h,
// FoundByAnswer) supports the question in the entry's n-gram centroid: at
// its full weight it made half of it, and "Mennyibe kerül?" between a
// shipping price of two questions and a return price of one question and
// its answer was answered as the shipping price (0.65 against 0.35), where
// it had asked which one. At 0.6 of it the bot asks again; bench/helpcentre's
// titles as questions and bench/demo_bots.py's FAQ of question-and-answer
// pairs measured the same within a message or two at 1.0, 0.6 and 0.3.
constexpr double kSupportingNgramShare = 0.6;
// A document weighted below 1 is a sentence of an FAQ entry's answer: the
// engine weighs nothing else so (kb_source.h, SearchWeight). Add() and
// Calibrate() both read it from the weight.
constexpr bool IsAnswerSentence(double weight) { return weight < 1.0; }

// Whether `owner` may be a hit of a search limited to `only` (Search():
// empty means every owner).
bool Competes(const std::vector<uint32_t>& only, uint32_t owner) {
  return only.empty() ||
         std::find(only.begin(), only.end(), owner) != only.end();
}
// Probabilities are estimated over this many hits (the five a trace shows,
// which bench/fit_confidence.py learns from).
constexpr size_t kCalibrated = 5;

std::atomic<uint64_t> next_index_id{1};

// Views of string literals: a lookup builds no string.
const std::unordered_set<std::string_view>& Stopwords(Lang lang) {
  static const auto* hu = new std::unordered_set<std::string_view>{
      "a", "az", "egy", "es", "is", "hogy", "de", "ha", "mert", "vagy", "meg",
      "mar", "van", "volt", "lesz", "vannak", "ez", "ezt", "azt", "ami", "amit",
      "aki", "akkor", "itt", "ott", "most", "kerem", "kerlek", "koszonom",
      "koszi", "szia", "sziasztok", "jo", "napot", "hello", "udv", "legyen",
      "szives", "en", "on", "maga", "nekem", "engem", "nekunk", "mi", "ti",
      "ok", "el", "ki", "be", "fel", "le", "olyan", "ilyen", "csak", "mint",
      "sem", "se", "pedig", "illetve", "valamint", "ra", "re", "nak", "nek",
      // "ez" and "az" in their cases: "Mennyi ennek az ára?"
      "ennek", "annak", "ebben", "abban", "ebbe", "abba", "erre", "arra",
      "ezzel", "azzal", "ehhez", "ahhoz", "errol", "arrol", "ebbol", "abbol",
      "ettol", "attol",
      // "Is there a way to …": the way is no topic.
      "lehetoseg", "lehetoseget", "lehetosege", "funkcio", "funkciot",
      "funkcioja", "opcio", "opciot"};
  static const auto* pl = new std::unordered_set<std::string_view>{
      "i", "w", "we", "z", "ze", "na", "do", "o", "od", "po", "za", "przez",
      "dla", "u", "a", "ale", "czy", "to", "ten", "ta", "te", "tego", "tej",
      "jest", "sa", "byl", "byla", "bylo", "sie", "mi", "mnie", "moj", "moja",
      "moje", "mojego", "mojej", "pan", "pani", "prosze", "dziekuje", "dzien",
      "dobry", "witam", "czesc", "jak", "co", "ktory", "ktora", "ktore", "bo",
      "jesli", "gdy", "juz", "jeszcze", "tez", "tylko", "bardzo", "oraz", "lub",
      "albo", "ja", "ty", "on", "ona", "my", "wy", "oni", "mam", "ile", "masz",
      "ma", "mamy", "macie", "maja",
      // "Czy jest możliwość …": the way is no topic.
      "mozliwosc", "mozliwosci", "opcja", "opcji", "opcje", "funkcja",
      "funkcji", "cos", "jakis", "jakas", "jakies", "jakiegos"};
  return lang == Lang::kPl ? *pl : *hu;
}

bool IsContent(Lang lang, const Token& t) {
  if (t.kind == TokenKind::kSymbol || t.kind == TokenKind::kUrl ||
      t.kind == TokenKind::kEmail)
    return false;
  return t.kind != TokenKind::kWord || !IsSearchStopword(lang, t.folded);
}

// A text made only of function words ("Dzień dobry!", "Köszönöm szépen",
// "szia"): a greeting or a thanks. Dropping its stopwords would leave it
// empty and unable to match anything, so such a text keeps them as its
// words, and a message made only of them looks for such texts. A text with
// any content word searches as before.
bool OnlyFunctionWords(Lang lang, const Analysis& analysis) {
  bool any_word = false;
  for (const Token& t : analysis.tokens) {
    if (IsContent(lang, t)) return false;
    any_word |= t.kind == TokenKind::kWord;
  }
  return any_word;
}

// Whether a token is one of the text's words for the search: a content
// word, or any word of a text made only of function words.
bool Counts(Lang lang, const Token& t, bool function_words_only) {
  return IsContent(lang, t) ||
         (function_words_only && t.kind == TokenKind::kWord);
}

// The term of a word in a text made only of function words: its folded form
// in a space of its own, so that "jó napot" meets "Jó napot!" and never the
// "nap" (day) of "Hány nap alatt ér ide?".
std::string FunctionWordKey(const Token& t) { return "\x1f" + t.folded; }

// The parts of a hyphenated key of at least kMinHyphenPartBytes bytes:
// "puk-kod" (PUK-kódot) is also "puk" and "kod", so the question "Hol a
// PUK-kód?" and the message "hol a puk kódom" share two words ("e-szamla"
// gives "szamla" alone; "wi-fi" nothing). Both questions and messages add
// them to the key, so the two spellings meet either way round.
constexpr size_t kMinHyphenPartBytes = 3;
template <typename Fn>
void ForEachHyphenPart(const std::string& key, Fn&& fn) {
  if (key.find('-') == std::string::npos) return;
  size_t begin = 0;
  while (begin <= key.size()) {
    size_t end = key.find('-', begin);
    if (end == std::string::npos) end = key.size();
    if (end - begin >= kMinHyphenPartBytes)
      fn(std::string_view(key).substr(begin, end - begin));
    begin = end + 1;
  }
}

// "nem", "nie": the word that turns "I can pay" into "I cannot pay". It is
// frequent, so its weight alone says little; Search() treats a difference in
// negation as a difference in meaning.
bool IsNegation(const Token& t) {
  if (t.kind != TokenKind::kWord) return false;
  const std::string_view w = t.folded;
  return w == "nem" || w == "nie" || w == "sem" || w == "ne";
}

bool IsNegated(const Analysis& analysis) {
  return std::any_of(analysis.tokens.begin(), analysis.tokens.end(),
                     IsNegation);
}

uint64_t PairHash(const std::string& a, const std::string& b) {
  return FinishHash(HashBytes(HashBytes(HashBytes(kHashSeed, a), " "), b));
}

// Keeps the `n` elements of *v with the highest key (in no order).
template <typename Key>
void Keep(std::vector<uint32_t>* v, size_t n, Key key) {
  if (v->size() <= n) return;
  std::nth_element(v->begin(), v->begin() + static_cast<long>(n), v->end(),
                   [&](uint32_t a, uint32_t b) { return key(a) > key(b); });
  v->resize(n);
}

// How many different values *v holds (it is sorted on the way).
size_t CountDistinct(std::vector<uint32_t>* v) {
  std::sort(v->begin(), v->end());
  return static_cast<size_t>(std::unique(v->begin(), v->end()) - v->begin());
}

// How many values two sorted vectors share.
size_t CountCommon(const std::vector<uint64_t>& a,
                   const std::vector<uint64_t>& b) {
  size_t i = 0, j = 0, n = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++n, ++i, ++j;
    }
  }
  return n;
}

bool WithinOneEdit(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() == b.size()) {
    if (i == a.size()) return true;
    if (a.substr(i + 1) == b.substr(i + 1)) return true;  // substitution
    return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           a.substr(i + 2) == b.substr(i + 2);  // transposition
  }
  return a.substr(i) == b.substr(i + 1);  // one letter more in b
}

// Calls visit(hash) with the HashString of `word` without each of its bytes
// in turn (the deletions typo lookup compares), until visit returns true;
// returns whether one did. Each hash continues the hash of the bytes before
// the deleted one, so no copy of the word is made per deletion.
template <typename Visit>
bool ForEachDeletionHash(std::string_view word, Visit visit) {
  uint64_t prefix = kHashSeed;
  for (size_t i = 0; i < word.size(); ++i) {
    if (visit(FinishHash(HashBytes(prefix, word.substr(i + 1))))) return true;
    prefix = HashBytes(prefix, word.substr(i, 1));
  }
  return false;
}

// The deletion hashes of the vocabulary (ForEachDeletionHash), each with
// the word it came from: sorted, with a directory by the hashes' top bits,
// so that a probe reads one short run where a binary search over all of
// them took a dozen scattered reads. A typo probe makes one per byte of an
// unknown word; binary-searched, they were 8% of a warm demo Respond.
class DeletionTable {
 public:
  void Build(std::vector<std::pair<uint64_t, uint32_t>> entries) {
    std::sort(entries.begin(), entries.end());
    entries_ = std::move(entries);
    entries_.shrink_to_fit();
    // About one entry per bucket: 2^bits >= the number of entries.
    int bits = 1;
    while (bits < 32 && (size_t{1} << bits) < entries_.size()) ++bits;
    shift_ = 64 - bits;
    starts_.assign((size_t{1} << bits) + 1, 0);
    for (const auto& e : entries_) ++starts_[Bucket(e.first) + 1];
    for (size_t b = 1; b < starts_.size(); ++b) starts_[b] += starts_[b - 1];
  }

  // Calls visit(word) for each vocabulary word with deletion hash `h` until
  // visit returns true; returns whether one did.
  template <typename Visit>
  bool ForEach(uint64_t h, Visit visit) const {
    if (entries_.empty()) return false;
    const size_t b = Bucket(h);
    for (uint32_t i = starts_[b]; i < starts_[b + 1]; ++i) {
      if (entries_[i].first == h && visit(entries_[i].second)) return true;
    }
    return false;
  }

  size_t MemoryBytes() const {
    return entries_.capacity() * sizeof(entries_[0]) +
           starts_.capacity() * sizeof(uint32_t);
  }

 private:
  size_t Bucket(uint64_t h) const { return static_cast<size_t>(h >> shift_); }

  std::vector<std::pair<uint64_t, uint32_t>> entries_;  // sorted by hash
  std::vector<uint32_t> starts_;  // per bucket: its first entry; then the end
  int shift_ = 63;
};

}  // namespace

bool IsSearchStopword(Lang lang, std::string_view folded) {
  return Stopwords(lang).count(folded) > 0;
}

struct SearchIndex::LangIndex {
  // What the candidate loops read of every document, in one dense array:
  // the lists of a Doc lie elsewhere on the heap, and reading a Doc for each
  // of hundreds of candidates missed the cache on a large FAQ.
  struct DocHead {
    uint32_t owner = 0;
    uint32_t terms_begin = 0, terms_end = 0;  // its terms in `term_list`
    bool negated = false;                     // says "nem" / "nie"
    double factor = 1.0;  // Add()'s weight: answer text counts less
    double weight = 0;    // the idf of its terms (FinishLang)
  };
  struct Doc {
    std::vector<uint64_t> pairs;  // adjacent content keys
    std::vector<uint64_t> forms;  // exact folded forms
  };
  Lang lang;
  HashIndex term_ids;  // key → term
  // Inverse frequency among owners (entries, intents), not documents: a
  // word every phrasing of one entry repeats ("garancia") names that entry
  // though it is frequent among questions.
  std::vector<double> idf;
  double max_idf = 1;  // of a word only one owner uses
  std::vector<std::vector<uint32_t>> postings;
  HashIndex form_terms;  // folded form → term (for typos)
  std::vector<std::pair<std::string, uint32_t>> vocabulary;  // typo candidates
  DeletionTable deletions;     // deletion hash → vocabulary
  std::vector<DocHead> heads;  // per document, as `docs`
  std::vector<Doc> docs;
  // Each document's terms (unique), one document after another: one block
  // of memory, not an allocation per document.
  std::vector<uint32_t> term_list;

  // Calls fn(term) for each term of document `d`.
  template <typename Fn>
  void ForEachTerm(uint32_t d, Fn&& fn) const {
    const DocHead& head = heads[d];
    for (uint32_t i = head.terms_begin; i < head.terms_end; ++i)
      fn(term_list[i]);
  }
  uint32_t owners = 0;  // 1 + the largest owner id
  // The bot's size as the confidence reads it (CandidateEvidence::smaller),
  // from the owners this language's documents belong to (FinishLang).
  double smaller_than_fit = 0;
  double unknown_idf = 1;
  // The term every place shares (kPlaceKey), when some question names one.
  uint32_t place_term = HashIndex::kMissing;
  // The second opinion in character n-grams, and each owner's first
  // document (the one an owner found by n-grams alone shows).
  std::unique_ptr<NgramModel> ngrams;
  // The whole texts of the articles (Add).
  DocumentVectors whole_texts;
  std::vector<uint32_t> first_doc;
  std::vector<ArticleKind> article;  // per owner: see Add()

  uint32_t Term(std::string_view key) {
    const uint64_t h = HashString(key);
    uint32_t id = term_ids.Get(h);
    if (id == HashIndex::kMissing) {
      id = static_cast<uint32_t>(postings.size());
      term_ids.Put(h, id);
      postings.emplace_back();
    }
    return id;
  }

  // The term of `key` when some document uses it. A synonym group no
  // question uses has a term without documents: to a message it is an
  // unknown word, not one that weighs infinitely and hides every match.
  uint32_t UsedTerm(std::string_view key) const {
    const uint32_t id = term_ids.Get(HashString(key));
    return id != HashIndex::kMissing && !postings[id].empty()
               ? id
               : HashIndex::kMissing;
  }

  // The term a message word stands for, and how much it counts.
  uint32_t Lookup(const Token& t, double* factor) const {
    *factor = 1;
    uint32_t id = UsedTerm(t.key);
    for (size_t i = 0; id == HashIndex::kMissing && i < t.alt_keys.size();
         ++i) {
      id = UsedTerm(t.alt_keys[i]);
      // Another possible lemma of the word: an uncertain match ("éves" is
      // also a form of "év").
      if (id != HashIndex::kMissing) *factor = kAlternativeFactor;
    }
    if (id == HashIndex::kMissing) id = form_terms.Get(HashString(t.folded));
    if (id == HashIndex::kMissing && t.kind == TokenKind::kWord &&
        t.folded.size() >= kMinTypoBytes) {
      id = Typo(t.folded);
      *factor = kTypoFactor;
    }
    if (id == HashIndex::kMissing && t.kind == TokenKind::kWord &&
        t.lemma_source == LemmaSource::kUnknown) {
      id = SameStem(t.folded);
      *factor = kTypoFactor;
    }
    return id;
  }

  // A word no dictionary knows still inflects: "husegprogramotok" is the
  // indexed "husegprogram" (or "husegprogramunk") with another ending. The
  // indexed form with the longest common beginning wins, when both words
  // differ only in their last kMaxEndingBytes bytes.
  uint32_t SameStem(const std::string& word) const {
    if (word.size() < kMinStemBytes + 2) return HashIndex::kMissing;
    const size_t shortest =
        std::max(kMinStemBytes, word.size() > kMaxEndingBytes
                                    ? word.size() - kMaxEndingBytes
                                    : size_t{0});
    for (size_t n = word.size() - 1; n >= shortest; --n) {
      const std::string_view stem(word.data(), n);
      auto it = std::lower_bound(vocabulary.begin(), vocabulary.end(), stem,
                                 [](const auto& entry, std::string_view s) {
                                   return entry.first < s;
                                 });
      for (; it != vocabulary.end() && it->first.compare(0, n, stem) == 0;
           ++it) {
        if (it->first.size() <= n + kMaxEndingBytes) return it->second;
      }
    }
    return HashIndex::kMissing;
  }

  // A known word within one edit of `word` (kMinTypoBytes to kMaxTypoBytes
  // long).
  uint32_t Typo(const std::string& word) const {
    if (word.size() > kMaxTypoBytes) return HashIndex::kMissing;
    auto probe = [&](uint64_t h) -> uint32_t {
      uint32_t found = HashIndex::kMissing;
      deletions.ForEach(h, [&](uint32_t v) {
        if (!WithinOneEdit(word, vocabulary[v].first)) return false;
        found = vocabulary[v].second;
        return true;
      });
      return found;
    };
    // The word as a deletion of a known one, then each deletion of the word.
    uint32_t found = probe(HashString(word));
    if (found != HashIndex::kMissing) return found;
    ForEachDeletionHash(word, [&](uint64_t h) {
      found = probe(h);
      if (found == HashIndex::kMissing) found = form_terms.Get(h);
      return found != HashIndex::kMissing;
    });
    return found;
  }
};

namespace {

// An owner's best document so far, and what its other documents add.
struct RankedOwner {
  SearchHit hit;
  std::array<double, 3> top;  // the owner's three best scores
  uint64_t covered = 0;       // message terms (bits of `terms`) any doc has
  double doc_cover = 0;       // covered_doc of the best document
  uint64_t doc_covered = 0;   // the message terms the best document has
};

// A document's base score (see SearchIndex::Query::ScoreCandidates).
struct ScoredDoc {
  uint32_t doc;
  double base;
  double covered_doc;
};

// What a candidate document shares with the message: the weight of the
// terms in common, and which of them (bit i: the message's term i, the
// first 64). Both are summed from the postings the search reads anyway, so
// no candidate's own term list has to be read for them: on a large FAQ
// those lists lie all over the heap, and reading them missed the cache for
// nearly every candidate (a fifth of a search on 10,000 entries).
struct DocShare {
  double weight = 0;
  uint64_t covered = 0;
};

// Per-thread accumulators for Search(), one set per index and language,
// and the lists of one search (see SearchIndex::Query).
struct Accumulators {
  uint64_t owner = 0;
  StampedSums<DocShare> sum;         // per document
  StampedSums<uint32_t> owner_slot;  // per owner: its slot in `best`
  // Per term of the index: 1 + its position among the message's terms, so
  // that a document's terms are checked against the message in one pass
  // over them (searching the message's terms for each document term was
  // 17% of a Respond on 10,000 FAQ entries).
  StampedSums<uint32_t> term_position;
  std::vector<std::pair<uint32_t, double>> ngram_scores;
  std::vector<uint32_t> ngram_owners;     // the owners the words found
  DocumentVectors::Vector message_grams;  // for the whole-text similarity
  std::vector<std::pair<uint32_t, double>> terms;
  std::vector<uint64_t> pairs, forms;
  std::vector<RankedOwner> best;
  std::vector<ScoredDoc> scored;
};

Accumulators& ThreadAccumulators(uint64_t owner, size_t docs, size_t owners,
                                 size_t terms) {
  Accumulators& a =
      ThreadScratch<Accumulators>(owner, [&](Accumulators& fresh) {
        fresh.sum.Resize(docs);
        fresh.owner_slot.Resize(owners);
        fresh.term_position.Resize(terms);
      });
  a.sum.Start();
  a.owner_slot.Start();
  a.term_position.Start();
  return a;
}

}  // namespace

SearchIndex::SearchIndex(SearchOptions options)
    : options_(options), id_(next_index_id.fetch_add(2)) {
  for (Lang lang : {Lang::kHu, Lang::kPl}) {
    auto index = std::make_unique<LangIndex>();
    index->lang = lang;
    // The n-gram model's scratch id follows the two of the index.
    index->ngrams = std::make_unique<NgramModel>(next_index_id.fetch_add(1),
                                                 options_.max_learned_texts);
    langs_[lang == Lang::kPl ? 1 : 0] = std::move(index);
  }
}
SearchIndex::~SearchIndex() = default;

bool SearchIndex::AddSynonyms(Lang lang, const std::vector<std::string>& keys) {
  LangIndex& index = *langs_[lang == Lang::kPl ? 1 : 0];
  if (keys.empty()) return true;
  for (const std::string& key : keys) {
    if (index.term_ids.Get(HashString(key)) != HashIndex::kMissing)
      return false;
  }
  const uint32_t term = index.Term(keys[0]);
  for (size_t i = 1; i < keys.size(); ++i)
    index.term_ids.Put(HashString(keys[i]), term);
  return true;
}

uint32_t SearchIndex::Add(Lang lang, uint32_t owner, const Analysis& analysis,
                          double weight, ArticleKind article) {
  LangIndex& index = *langs_[lang == Lang::kPl ? 1 : 0];
  LangIndex::DocHead head;
  head.owner = owner;
  head.factor = weight;
  head.negated = IsNegated(analysis);
  LangIndex::Doc doc;
  std::vector<uint32_t> terms;  // unique
  index.owners = std::max(index.owners, owner + 1);
  const bool function_words_only = OnlyFunctionWords(lang, analysis);
  const std::string* previous = nullptr;
  for (const Token& t : analysis.tokens) {
    if (!Counts(lang, t, function_words_only)) {
      previous = nullptr;
      continue;
    }
    if (function_words_only) {
      // Its own terms only: no typo or stem candidates for content words.
      const uint32_t term = index.Term(FunctionWordKey(t));
      if (std::find(terms.begin(), terms.end(), term) == terms.end())
        terms.push_back(term);
      doc.forms.push_back(HashString(t.folded));
      continue;
    }
    const uint32_t term = index.Term(t.key);
    auto add_term = [&terms](uint32_t id) {
      if (std::find(terms.begin(), terms.end(), id) == terms.end())
        terms.push_back(id);
    };
    add_term(term);
    if (t.proper_noun) add_term(index.Term(kPlaceKey));
    ForEachHyphenPart(
        t.key, [&](std::string_view part) { add_term(index.Term(part)); });
    if (previous) doc.pairs.push_back(PairHash(*previous, t.key));
    doc.forms.push_back(HashString(t.folded));
    index.form_terms.Put(HashString(t.folded), term);
    if (t.kind == TokenKind::kWord && t.folded.size() >= kMinTypoBytes) {
      index.vocabulary.emplace_back(t.folded, term);
    }
    previous = &t.key;
  }
  std::sort(doc.pairs.begin(), doc.pairs.end());
  std::sort(doc.forms.begin(), doc.forms.end());
  // Documents and their terms are counted in 32 bits (postings, DocHead):
  // an index past that fails the load (Engine::Open reports it) rather than
  // wrapping around.
  constexpr size_t kMaxCount = std::numeric_limits<uint32_t>::max();
  if (index.docs.size() >= kMaxCount ||
      index.term_list.size() > kMaxCount - terms.size())
    throw std::length_error("the search index is over 2^32 documents or terms");
  const uint32_t id = static_cast<uint32_t>(index.docs.size());
  for (uint32_t term : terms) index.postings[term].push_back(id);
  head.terms_begin = static_cast<uint32_t>(index.term_list.size());
  index.term_list.insert(index.term_list.end(), terms.begin(), terms.end());
  head.terms_end = static_cast<uint32_t>(index.term_list.size());
  index.heads.push_back(head);
  index.docs.push_back(std::move(doc));
  if (index.first_doc.size() <= owner) {
    index.first_doc.resize(owner + 1, HashIndex::kMissing);
    index.article.resize(owner + 1, ArticleKind::kNone);
  }
  if (index.first_doc[owner] == HashIndex::kMissing)
    index.first_doc[owner] = id;
  // An article's evidence reads differently (confidence.h). Not every owner
  // with answer sentences is one: an entry of one question is found by its
  // answer too, and only what its answer finds reads as an article's
  // (Calibrate).
  const bool is_article = article != ArticleKind::kNone;
  if (is_article) {
    index.article[owner] = article;
    index.whole_texts.Add(owner, analysis);
  }
  const bool supporting = IsAnswerSentence(weight) && !is_article;
  index.ngrams->Add(owner, analysis,
                    supporting ? weight * kSupportingNgramShare : weight);
  return id;
}

void SearchIndex::Finish() {
  // The languages are independent, and learning a large bot's n-gram model
  // is most of its load (1,000 intents x 10 examples: about 1.1 of 4.0
  // billion instructions), so Polish finishes on a thread of its own. An
  // exception there (std::bad_alloc) is passed on here, as if one thread
  // had done both.
  std::exception_ptr pl_error;
  auto finish_pl = [&] {
    try {
      FinishLang(langs_[1].get());
    } catch (...) {
      pl_error = std::current_exception();
    }
  };
  std::thread pl;
  try {
    pl = std::thread(finish_pl);
  } catch (const std::system_error&) {
    finish_pl();  // no thread to be had: one after the other
  }
  try {
    FinishLang(langs_[0].get());
  } catch (...) {
    if (pl.joinable()) pl.join();
    throw;
  }
  if (pl.joinable()) pl.join();
  if (pl_error) std::rethrow_exception(pl_error);
}

void SearchIndex::FinishLang(LangIndex* index) {
  std::vector<uint32_t> owners_seen;
  // Owner ids may be shared by both languages: count this one's.
  for (const auto& head : index->heads) owners_seen.push_back(head.owner);
  const size_t distinct_owners = CountDistinct(&owners_seen);
  index->smaller_than_fit = SmallerThanFitBots(distinct_owners);
  const double owners = std::max<size_t>(1, distinct_owners);
  index->idf.resize(index->postings.size());
  for (size_t t = 0; t < index->postings.size(); ++t) {
    owners_seen.clear();
    for (uint32_t d : index->postings[t])
      owners_seen.push_back(index->heads[d].owner);
    const double distinct = CountDistinct(&owners_seen);
    // A term no document uses (an unused synonym group) is never looked up.
    index->idf[t] = distinct > 0 ? std::log(1.0 + owners / distinct) : 0;
  }
  index->max_idf = std::log(1.0 + owners);
  // A word the index has never seen is strong evidence that the message is
  // about something else: it weighs more than the rarest known word.
  index->unknown_idf = kUnknownWeight * index->max_idf;
  index->place_term = index->UsedTerm(kPlaceKey);
  for (uint32_t d = 0; d < index->heads.size(); ++d) {
    double weight = 0;
    index->ForEachTerm(d, [&](uint32_t t) { weight += index->idf[t]; });
    index->heads[d].weight = weight;
  }
  std::sort(index->vocabulary.begin(), index->vocabulary.end());
  index->vocabulary.erase(
      std::unique(index->vocabulary.begin(), index->vocabulary.end()),
      index->vocabulary.end());
  std::vector<std::pair<uint64_t, uint32_t>> deletions;
  for (uint32_t v = 0; v < index->vocabulary.size(); ++v) {
    ForEachDeletionHash(index->vocabulary[v].first, [&](uint64_t h) {
      deletions.emplace_back(h, v);
      return false;
    });
  }
  index->deletions.Build(std::move(deletions));
  index->ngrams->Finish();
  index->whole_texts.Finish();
}

// One search: the steps of Search(), in order, over the state they share.
// Its lists live in the thread's Accumulators, so a search allocates only
// the hits it returns.
struct SearchIndex::Query {
  using Ranked = RankedOwner;
  using Scored = ScoredDoc;

  Query(const LangIndex& index, const SearchOptions& options, Lang lang,
        Accumulators* acc)
      : index(index),
        options(options),
        lang(lang),
        terms(acc->terms),
        pairs(acc->pairs),
        forms(acc->forms),
        best(acc->best) {
    terms.clear();
    pairs.clear();
    forms.clear();
    best.clear();
  }

  const LangIndex& index;
  const SearchOptions& options;
  Lang lang;
  // The message's content words: each known term once, with how much it
  // counts (uncertain matches less), its word pairs and exact forms.
  std::vector<std::pair<uint32_t, double>>& terms;
  std::vector<uint64_t>&pairs, &forms;
  double message_weight = 0;  // idf of its terms and unknown words
  bool negated = false;
  double information = 1;  // how much the message says (see ReadContext)
  // Share of the message's weight in words no text of the index has.
  double unknown_share = 1;
  // The best n-gram cosine of an owner that is not a candidate (under
  // kMinNgramHit): what a lone candidate leads over.
  double outside_ngram = 0;
  std::vector<Ranked>& best;

  // Step 1: the message's terms. Returns false when it has none the index
  // knows (nothing can match).
  bool ReadMessage(const Analysis& message) {
    double unknown_weight = 0;  // of the words no question uses
    const bool function_words_only = OnlyFunctionWords(lang, message);
    const std::string* previous = nullptr;
    for (const Token& t : message.tokens) {
      if (!Counts(lang, t, function_words_only)) {
        previous = nullptr;
        continue;
      }
      if (function_words_only) {
        const uint32_t term = index.UsedTerm(FunctionWordKey(t));
        if (term != HashIndex::kMissing) {
          AddTerm(term, 1);
        } else {
          unknown_weight += index.unknown_idf;
        }
        forms.push_back(HashString(t.folded));
        continue;
      }
      if (t.proper_noun) {
        // Any place matches a question naming a place; the same place also
        // matches its own word. When no question names a place, a place is
        // half a topic (kProperNounShare).
        const uint32_t place = index.place_term;
        const uint32_t own = index.UsedTerm(t.key);
        if (place != HashIndex::kMissing) AddTerm(place, 1);
        if (own != HashIndex::kMissing) AddTerm(own, 1);
        if (place == HashIndex::kMissing && own == HashIndex::kMissing)
          unknown_weight += index.unknown_idf * kProperNounShare;
      } else {
        double factor;
        const uint32_t term = index.Lookup(t, &factor);
        bool found = term != HashIndex::kMissing;
        if (found) AddTerm(term, factor);
        ForEachHyphenPart(t.key, [&](std::string_view part) {
          const uint32_t id = index.UsedTerm(part);
          if (id == HashIndex::kMissing) return;
          AddTerm(id, 1);
          found = true;
        });
        // An unseen number ("0%", "50 sztuk") is a detail, not another
        // topic.
        if (!found && t.kind != TokenKind::kNumber)
          unknown_weight += index.unknown_idf;
      }
      if (previous) pairs.push_back(PairHash(*previous, t.key));
      forms.push_back(HashString(t.folded));
      previous = &t.key;
    }
    message_weight += unknown_weight;
    unknown_share = message_weight > 0 ? unknown_weight / message_weight : 1;
    if (terms.empty()) return false;
    std::sort(pairs.begin(), pairs.end());
    std::sort(forms.begin(), forms.end());
    return true;
  }

  // The message weighs each term at its idf, however uncertain the match.
  void AddTerm(uint32_t term, double factor) {
    if (std::none_of(terms.begin(), terms.end(),
                     [&](const auto& p) { return p.first == term; })) {
      terms.emplace_back(term, factor);
      message_weight += index.idf[term];
    }
  }

  // Step 2: what is the same for every candidate, so changes the
  // confidence, never the ranking: how much the message says, and whether
  // it is negated.
  void ReadContext(const Analysis& message) {
    negated = IsNegated(message);
    double known_weight = 0;
    for (const auto& [term, factor] : terms)
      known_weight += index.idf[term] * factor;
    information =
        std::min(1.0, known_weight / (kMinInformation * index.max_idf));
  }

  // How similar a document (or an entry's documents together) is, from the
  // shares of the message and of the document it covers.
  // One exp of a weighted sum of logs costs about half of two pow() calls
  // (pow was 9% of a demo Respond under callgrind).
  double Similarity(double covered_message, double covered_doc) const {
    if (covered_message <= 0 || covered_doc <= 0) return 0;
    return std::exp(options.message_weight * std::log(covered_message) +
                    (1.0 - options.message_weight) * std::log(covered_doc));
  }

  // The information and negation factors (see ReadContext), and the
  // document's own weight.
  double WithContext(double score, const LangIndex::DocHead& doc) const {
    score *= information * doc.factor;
    return doc.negated != negated ? score * kNegationMismatch : score;
  }

  // Step 3: candidate documents with the weight they share with the message.
  // Rare terms generate the candidates; frequent ones (long postings) are
  // then added to the candidates from their short term lists. This bounds
  // the work on messages full of common words.
  void GatherCandidates(Accumulators* acc) {
    std::sort(terms.begin(), terms.end(), [&](const auto& a, const auto& b) {
      return index.postings[a.first].size() < index.postings[b.first].size();
    });
    const size_t max_df =
        std::max(kMinGeneratorPostings, index.docs.size() / kGeneratorShare);
    size_t generators = 0;
    while (generators < terms.size() &&
           (index.postings[terms[generators].first].size() <= max_df ||
            generators < 2)) {
      ++generators;
    }
    for (size_t i = 0; i < generators; ++i) {
      const auto [term, factor] = terms[i];
      const double w = index.idf[term] * factor;
      const uint64_t bit = TermBit(i);
      for (uint32_t d : index.postings[term]) {
        DocShare& share = acc->sum[d];
        share.weight += w;
        share.covered |= bit;
      }
    }
    Keep(&acc->sum.touched(), kFirstCut,
         [&](uint32_t d) { return acc->sum.Get(d).weight; });
    // The other terms add their weight to the candidates that have them:
    // each candidate's terms are looked up among the message's (positions
    // recorded once), not each term searched for in every candidate.
    for (size_t i = 0; i < terms.size(); ++i)
      acc->term_position[terms[i].first] = static_cast<uint32_t>(i + 1);
    if (generators == terms.size()) return;
    for (uint32_t d : acc->sum.touched()) {
      double shared = 0;
      uint64_t covered = 0;
      index.ForEachTerm(d, [&](uint32_t term) {
        if (!acc->term_position.Touched(term)) return;
        const size_t i = acc->term_position.Get(term) - 1;
        if (i < generators) return;
        shared += index.idf[term] * terms[i].second;
        covered |= TermBit(i);
      });
      DocShare& share = acc->sum[d];
      share.weight += shared;
      share.covered |= covered;
    }
  }

  // The bit of the message's term i in DocShare::covered (none past 64).
  static uint64_t TermBit(size_t i) { return i < 64 ? uint64_t{1} << i : 0; }

  // Step 4: base scores of the most promising candidates. Only they get the
  // full score: a cheap linear proxy (weight in common, minus part of the
  // document's other weight) picks them.
  const std::vector<Scored>& ScoreCandidates(Accumulators* acc,
                                             const std::vector<uint32_t>& only,
                                             double* best_base) const {
    Keep(&acc->sum.touched(), kScoredDocuments, [&](uint32_t d) {
      const double shared = acc->sum.Get(d).weight;
      return shared - kProxyPenalty * (index.heads[d].weight - shared);
    });
    std::vector<Scored>& scored = acc->scored;
    scored.clear();
    *best_base = 0;
    for (uint32_t d : acc->sum.touched()) {
      const auto& head = index.heads[d];
      if (!Competes(only, head.owner)) continue;
      const double shared = acc->sum.Get(d).weight;
      const double covered_message = shared / message_weight;
      // Too little of the message to matter: the score cannot exceed
      // covered_message^message_weight (before small bonuses).
      if (covered_message < kMinCoverage) continue;
      const double covered_doc =
          head.weight > 0 ? std::min(1.0, shared / head.weight) : 0;
      const double base = Similarity(covered_message, covered_doc);
      scored.push_back({d, base, covered_doc});
      *best_base = std::max(*best_base, base);
    }
    return scored;
  }

  // Step 5: phrase and exact-form bonuses, then each owner's best documents.
  // Bonuses are computed only for documents that could still reach the best
  // base score with the largest bonus (exact for the winner).
  void KeepBestPerOwner(const std::vector<Scored>& scored, double best_base,
                        Accumulators* acc) {
    const double bonus_cut =
        best_base / (1.0 + kMaxPhraseBonus + kMaxExactBonus);
    for (const auto& [d, base, covered_doc] : scored) {
      const uint32_t owner = index.heads[d].owner;
      double score = base;
      if (base >= bonus_cut) {
        const auto& doc = index.docs[d];
        const double bonus =
            kPhraseBonus * static_cast<double>(CountCommon(pairs, doc.pairs));
        const double exact =
            kExactBonus * static_cast<double>(CountCommon(forms, doc.forms));
        score = std::min(1.0, base * (1.0 + std::min(bonus, kMaxPhraseBonus) +
                                      std::min(exact, kMaxExactBonus)));
      }
      score = WithContext(score, index.heads[d]);
      const uint64_t covered = acc->sum.Get(d).covered;
      if (!acc->owner_slot.Touched(owner)) {
        acc->owner_slot[owner] = static_cast<uint32_t>(best.size());
        best.push_back({{owner, d, score, 0, false, base},
                        {score, 0, 0},
                        covered,
                        covered_doc,
                        covered});
        continue;
      }
      Ranked* it = &best[acc->owner_slot.Get(owner)];
      it->covered |= covered;
      auto& top = it->top;
      if (score > top[0]) {
        top = {score, top[0], top[1]};
        it->hit.doc = d;
        it->hit.score = score;
        it->hit.coverage = base;
        it->doc_cover = covered_doc;
        it->doc_covered = covered;
      } else if (score > top[1]) {
        top = {top[0], score, top[1]};
      } else if (score > top[2]) {
        top[2] = score;
      }
    }
  }

  // Step 6. An entry's questions are paraphrases: a message may take its
  // words from two of them ("Hány nap alatt küldhetem vissza?": "Hány napom
  // van visszaküldeni?" and "Meddig küldhetem vissza a terméket?"). The
  // message words any of its documents cover, with the best document's own
  // coverage, may score the entry higher than any one document does.
  // (Tried: a discount of 0.8-0.95 on this score; each got fewer demo_eval
  // messages right, 714-724 against 728 of 763, MASSIVE moved by 0.2 points
  // at most, and no out-of-scope message was answered with any of them.)
  void CombineOwnerDocuments() {
    for (auto& r : best) {
      // Nothing to add when the best document has every term the others
      // have (an owner with one candidate document, most of them): the
      // entry would score its best document's base, without the bonuses.
      if (r.covered == r.doc_covered) continue;
      double weight = 0;
      for (size_t i = 0; i < terms.size() && i < 64; ++i) {
        if (r.covered >> i & 1)
          weight += index.idf[terms[i].first] * terms[i].second;
      }
      const double coverage =
          Similarity(std::min(1.0, weight / message_weight), r.doc_cover);
      const double entry = WithContext(coverage, index.heads[r.hit.doc]);
      if (entry > r.top[0]) {
        r.top[0] = entry;
        r.hit.score = entry;
        r.hit.coverage = coverage;
        r.hit.combined = true;
      }
    }
  }

  // Step 7: the n-gram model's opinion of every owner it finds. An owner
  // the words missed may come in by n-grams alone ("simkártyámat" shares
  // most of "simkártya"), above kMinNgramHit.
  void AddNgramEvidence(const Analysis& message,
                        const std::vector<uint32_t>& only, Accumulators* acc) {
    acc->ngram_owners.clear();
    for (const Ranked& r : best) acc->ngram_owners.push_back(r.hit.owner);
    NgramModel::Below below;
    index.ngrams->Score(message, kMinNgramHit, acc->ngram_owners,
                        &acc->ngram_scores, &below);
    for (int i = 0; i < 2; ++i) {
      const uint32_t owner = below.owner[i];
      if (owner == NgramModel::Below::kNoOwner) break;
      if (acc->owner_slot.Touched(owner) || !Competes(only, owner)) continue;
      outside_ngram = below.cosine[i];
      break;
    }
    for (const auto& [owner, cosine] : acc->ngram_scores) {
      if (acc->owner_slot.Touched(owner)) {
        best[acc->owner_slot.Get(owner)].hit.ngram = cosine;
        continue;
      }
      if (cosine < kMinNgramHit || !Competes(only, owner)) continue;
      Ranked r{};
      r.hit.owner = owner;
      r.hit.doc = index.first_doc[owner];
      r.hit.ngram = cosine;
      best.push_back(r);
    }
  }

  // Step 8: owners by their best score plus votes of their next two plus
  // the n-gram cosine.
  void Rank(const Analysis& message, size_t k, Accumulators* acc,
            std::vector<SearchHit>* hits) {
    // Built in the caller's vector: one that is reused allocates nothing.
    std::vector<SearchHit>& ranked = *hits;
    ranked.clear();
    ranked.reserve(best.size());
    for (auto& r : best) {
      r.hit.votes = r.top[1] + r.top[2];
      r.hit.rank = r.top[0] + options.vote_weight * r.hit.votes +
                   options.ngram_weight * r.hit.ngram;
      r.hit.unknown_share = unknown_share;
      r.hit.outside_ngram = outside_ngram;
      ranked.push_back(r.hit);
    }
    // The probabilities are estimated over the first kCalibrated hits
    // whatever `k` is, so a hit's probability does not depend on how many
    // the caller asked for.
    // Articles among the first kWholeTextPool are ranked again by their
    // whole text (a pool of its own, so that no hit depends on `k` either).
    const size_t n =
        std::min(std::max({k, kCalibrated, kWholeTextPool}), ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<long>(n),
                      ranked.end(), [](const SearchHit& a, const SearchHit& b) {
                        return a.rank != b.rank ? a.rank > b.rank
                                                : a.doc < b.doc;
                      });
    ranked.resize(n);
    AddWholeTextEvidence(message, acc, &ranked);
    Calibrate(&ranked);
    if (ranked.size() > k) ranked.resize(k);
  }

  // Step 8b: the first hits that are articles gain their whole text's
  // similarity (DocumentVectors) and all are ranked again among themselves.
  // Only the first: a cosine per owner of a large FAQ would cost more than
  // the search, and on bench/helpcentre the right article is among the
  // first five for 84-88% of the questions (first 71-77%).
  void AddWholeTextEvidence(const Analysis& message, Accumulators* acc,
                            std::vector<SearchHit>* ranked) const {
    const DocumentVectors& texts = index.whole_texts;
    if (texts.empty()) return;
    bool any = false;
    for (size_t i = 0; i < ranked->size() && i < kWholeTextPool; ++i)
      any = any || texts.Has((*ranked)[i].owner);
    if (!any) return;
    texts.Vectorize(message, &acc->message_grams);
    // A boost only raises a rank, so the pool, sorted again, still leads
    // the hits after it.
    const auto pool_end =
        ranked->begin() +
        static_cast<long>(std::min(kWholeTextPool, ranked->size()));
    for (auto h = ranked->begin(); h != pool_end; ++h) {
      h->document = texts.Cosine(h->owner, acc->message_grams);
      h->rank += options.document_weight * h->document;
    }
    std::stable_sort(
        ranked->begin(), pool_end,
        [](const SearchHit& a, const SearchHit& b) { return a.rank > b.rank; });
  }

  // Step 9: each hit's probability of being what the message asks for,
  // from its evidence and its lead over the best other hit. The hits
  // exclude each other, so their probabilities are scaled to sum to at most
  // 1: two equally good hits are a coin toss, not both "probably right".
  // (Tried on 2026-11-30: each hit's odds against the others' and against
  // "none of them", e^z / (1 + sum of e^z), the table refitted. Few-shot
  // k = 8 ECE 0.055 / 0.051 -> 0.058 / 0.052 and k = 4 hu 0.056 -> 0.070,
  // the help centre's titles as questions 0.087 / 0.091 -> 0.135 / 0.122,
  // the demo bots within 0.004. Not taken.)
  void Calibrate(std::vector<SearchHit>* ranked) const {
    const size_t n = std::min(ranked->size(), kCalibrated);
    double sum = 0;
    for (size_t i = 0; i < n; ++i) {
      SearchHit& h = (*ranked)[i];
      const size_t rival = i == 0 ? 1 : 0;
      CandidateEvidence e;
      e.words = h.score;
      e.ngrams = h.ngram;
      e.votes = h.votes;
      // A lone candidate leads over the best owner the n-grams found under
      // the candidates' floor (AddNgramEvidence), not over nothing: an
      // off-topic message that shares one word with one text
      // ("Mi a kedvenc színed?") is a lone candidate while the rest of the
      // bot comes close in letters; a question only one entry is near
      // usually has nothing else close. Since 2026-12-01, the table
      // refitted: the example-only demo bot with default settings answers
      // 4.1% of off-topic messages (was 6.8%) at 92.2% right (was 92.0%);
      // few-shot and the help centre moved by under a point.
      // (Tried on 2026-11-30: over the most a non-candidate could score,
      // ngram_weight × kMinNgramHit, for every lone candidate. The same
      // 4.1% off-topic, but a plain FAQ's lone candidate, usually right,
      // lost too: the help centre's titles as questions answered 26.2 ->
      // 21.2% (hu) and 35.6 -> 30.0% (pl) right. Nor a learned term for a
      // lone candidate's missing words, alone × (1 - words), weight -0.61:
      // off-topic answers 6.8 -> 5.4%, but titles as questions 26.2 ->
      // 24.4% / 35.6 -> 33.1% right, their ECE 0.087 / 0.091 -> 0.109 /
      // 0.116.)
      // The lead is the search's own, without an article's whole-text
      // term: that term orders the hits, but read into the probability it
      // answered 10-15% of bench/helpcentre's out-of-scope questions (2-3
      // of 20) where this answers 0-5% (docs/benchmarks.md).
      auto search_rank = [&](const SearchHit& x) {
        return x.rank - options.document_weight * x.document;
      };
      e.lead = rival < ranked->size()
                   ? search_rank(h) - search_rank((*ranked)[rival])
                   : search_rank(h) - options.ngram_weight * h.outside_ngram;
      e.unknown_share = h.unknown_share;
      // An article's evidence, or any found through a sentence of an answer
      // (an entry of one question, found by its answer): a question against
      // answer text means more than the same numbers against a question.
      // (Tried first, an entry of one question read as an article whatever
      // found it: the demo FAQ cut to one question an entry answered 67.6%
      // right but 15.6% of off-topic messages, over-confident, ECE 0.108.
      // Read as a question's whatever found it: 50.3% and 2.7%, but the help
      // centre's titles as questions under-confident, ECE 0.178 / 0.139.
      // This way: 57.7% and 2.7%, ECE 0.045; titles 0.086 / 0.088.) Such
      // an entry reads as a titled article: its question names it as a
      // title would.
      e.article = index.article[h.owner];
      if (e.article == ArticleKind::kNone &&
          IsAnswerSentence(index.heads[h.doc].factor))
        e.article = ArticleKind::kTitled;
      e.centroid_ngrams = !index.ngrams->learned();
      e.smaller = index.smaller_than_fit;
      h.probability = CandidateProbability(e);
      sum += h.probability;
    }
    if (sum > 1) {
      for (size_t i = 0; i < n; ++i) (*ranked)[i].probability /= sum;
    }
  }
};

void SearchIndex::Search(Lang lang, const Analysis& message, size_t k,
                         std::vector<SearchHit>* hits,
                         const std::vector<uint32_t>& only) const {
  hits->clear();
  if (lang == Lang::kUnknown) return;
  const LangIndex& index = *langs_[lang == Lang::kPl ? 1 : 0];
  if (index.docs.empty()) return;
  Accumulators& acc =
      ThreadAccumulators(id_ + (lang == Lang::kPl ? 1 : 0), index.docs.size(),
                         index.owners, index.postings.size());
  Query query(index, options_, lang, &acc);
  if (query.ReadMessage(message)) {
    query.ReadContext(message);
    query.GatherCandidates(&acc);
    double best_base = 0;
    const std::vector<Query::Scored>& scored =
        query.ScoreCandidates(&acc, only, &best_base);
    query.KeepBestPerOwner(scored, best_base, &acc);
    query.CombineOwnerDocuments();
  }
  query.AddNgramEvidence(message, only, &acc);
  query.Rank(message, k, &acc, hits);
}

size_t SearchIndex::KnownWords(Lang lang, const Analysis& message) const {
  if (lang == Lang::kUnknown) return 0;
  const LangIndex& index = *langs_[lang == Lang::kPl ? 1 : 0];
  size_t known = 0;
  for (const Token& t : message.tokens) {
    if (t.kind != TokenKind::kWord || IsSearchStopword(lang, t.folded))
      continue;
    bool found =
        index.UsedTerm(t.key) != HashIndex::kMissing ||
        index.form_terms.Get(HashString(t.folded)) != HashIndex::kMissing;
    for (const std::string& alt : t.alt_keys)
      found |= index.UsedTerm(alt) != HashIndex::kMissing;
    known += found;
  }
  return known;
}

size_t SearchIndex::documents() const {
  return langs_[0]->docs.size() + langs_[1]->docs.size();
}

size_t SearchIndex::MemoryBytes() const {
  size_t bytes = 0;
  for (const auto& index : langs_) {
    bytes += index->term_ids.MemoryBytes() + index->form_terms.MemoryBytes() +
             index->idf.capacity() * sizeof(double) +
             index->deletions.MemoryBytes() +
             index->heads.capacity() * sizeof(index->heads[0]) +
             index->term_list.capacity() * sizeof(uint32_t);
    for (const auto& p : index->postings)
      bytes += p.capacity() * sizeof(uint32_t) + sizeof(p);
    for (const auto& d : index->docs) {
      bytes += sizeof(d) + (d.pairs.capacity() + d.forms.capacity()) * 8;
    }
    for (const auto& v : index->vocabulary)
      bytes += sizeof(v) + v.first.capacity();
    bytes += index->whole_texts.MemoryBytes();
  }
  return bytes;
}

}  // namespace libbot::internal
