// Copyright 2026 The libbot Authors.
//
// The inside of an Engine: the loaded rules, one compiled matcher per
// language, the example and FAQ search index. Shared by engine.cc
// (answering), engine_compile.cc (loading), policy.cc (the decision) and
// lint.cc (editor tools).
#ifndef LIBBOT_SRC_ENGINE_ENGINE_REP_H_
#define LIBBOT_SRC_ENGINE_ENGINE_REP_H_

#include <array>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/signals.h"
#include "libbot/engine.h"
#include "load/kb_source.h"
#include "load/rules.h"
#include "load/rules_loader.h"
#include "match/entities.h"
#include "match/matcher.h"
#include "match/search_index.h"

namespace libbot::internal {

struct ConceptTable;  // engine_compile.cc

// Everything an Engine loaded. Immutable once Compile() is done, so any
// number of threads may answer with it at once.
// An expectation met by the kind of reply, not its id ("@handoff",
// "@fallback", "@clarify", "@oos"): the one table MeetsExpectation()
// (evaluate.cc) and Engine::UnknownExpectation() (lint.cc) read.
struct KindExpectation {
  std::string_view name;
  bool (*met)(const Reply& reply);
};
const std::vector<KindExpectation>& KindExpectations();

// "ask:ID" (kAskPrefix): true, and *intent = ID; otherwise false.
inline bool AskedIntent(std::string_view expect, std::string_view* intent) {
  if (expect.substr(0, kAskPrefix.size()) != kAskPrefix) return false;
  *intent = expect.substr(kAskPrefix.size());
  return true;
}

struct EngineRep {
  struct PatternRef {
    uint32_t intent;   // index into rules.intents
    uint32_t pattern;  // index into that intent's patterns
  };
  struct LangRules {
    Matcher matcher;
    std::vector<PatternRef> refs;  // per matcher pattern
  };
  // A pattern that matched the message.
  struct Match {
    uint32_t intent;
    uint32_t pattern;
    int specificity;
    int wildcards;
    size_t begin, end;    // matched tokens
    std::string blocked;  // why it may not answer now (context), or ""
    // It matched only the greeting or thanks around a question ("Szia!" of
    // "Szia! Vissza tudom mondani a rendelést?"): a confident search of
    // the rest answers instead (policy.cc, AnswerWithPattern).
    bool framing_only = false;
  };

  // What an example or FAQ search hit stands for.
  struct SearchOwner {
    ReplySource source;  // kExample (an intent) or kFaq
    uint32_t index;      // into rules.intents or faq
    Lang lang;
    std::string id;
    std::string label;  // how a clarify reply names it (ChoiceLabel)
    // Some text of it is framing alone ("Dzień dobry!", "Köszönöm
    // szépen"): a greeting or a thanks (AddSearchDocument, SearchMessage).
    bool framing = false;
    // An out_of_scope intent: it may win, but is never offered as a choice
    // or asked about ("Did you mean ...?").
    bool out_of_scope = false;
    // Its questions or examples, how many of them are greetings alone and
    // thanks alone (Framing::courtesy), and the first of each (for the
    // trace): ChooseCourtesyOwners. Indexed by CourtesyKind.
    uint32_t texts = 0;
    std::array<uint32_t, 2> courtesy_texts = {0, 0};
    std::array<uint32_t, 2> courtesy_doc = {0, 0};
  };
  struct SearchDoc {
    std::string text;
    std::string where;
  };

  explicit EngineRep(const EngineOptions& engine_options)
      : options(engine_options), search(SearchOptionsOf(engine_options)) {}
  static SearchOptions SearchOptionsOf(const EngineOptions& o) {
    SearchOptions s;
    s.max_learned_texts = o.max_learned_texts;
    return s;
  }

  EngineOptions options;
  std::shared_ptr<const Analyzer> analyzer;  // may be shared by engines
  RuleSet rules;
  std::unique_ptr<EntityExtractor> entities;
  std::vector<Diagnostic> warnings;
  Lang default_lang = Lang::kHu;
  std::array<std::unique_ptr<LangRules>, 2> langs;  // hu, pl
  std::map<std::pair<Lang, std::string>, uint32_t> intent_index;
  // Every context some intent sets (sets_context): the only ones a session
  // may hold (ValidateSession).
  std::set<std::string> context_tags;
  std::vector<FaqEntry> faq;
  Status kb_status;  // of reading the FAQ database
  SearchIndex search;
  std::vector<SearchOwner> owners;
  std::map<std::pair<Lang, std::string>, uint32_t>
      owner_index;                             // (lang, OwnerKey) → owner
  std::array<std::vector<SearchDoc>, 2> docs;  // per language, by doc id
  // The conversation policy's word lists, analysed (engine/signals.h).
  SignalWords signal_words;
  // Per language, the intent a bare request for a person answers: index
  // into rules.intents, or -1 (the policy's own handoff then).
  std::array<int, 2> handoff_intent = {-1, -1};

  // Loading (engine_compile.cc).
  void Compile(std::vector<Diagnostic>* diagnostics);
  void IndexIntents(std::vector<Diagnostic>* diagnostics);
  void CheckEntityNames(std::vector<Diagnostic>* diagnostics) const;
  void CollectConcepts(ConceptTable* table,
                       std::vector<Diagnostic>* diagnostics) const;
  void CompilePatterns(Lang lang, ConceptTable* concepts, LangRules* lr,
                       std::vector<Diagnostic>* diagnostics) const;
  // Every reply template renders to at most kMaxReplyBytes (render.h).
  void CheckReplySize(const std::string& text, const SourceLocation& where,
                      std::vector<Diagnostic>* diagnostics) const;
  void CheckReplySizes(std::vector<Diagnostic>* diagnostics) const;
  void IndexExamples(Lang lang);
  void AddSearchDocument(
      Lang lang, uint32_t owner, const std::string& text,
      const std::string& where, double weight = 1.0,
      internal::ArticleKind article = internal::ArticleKind::kNone);
  void LoadFaq(std::vector<Diagnostic>* diagnostics);
  void AddSynonyms(std::vector<Diagnostic>* diagnostics);

  // Answering (engine.cc): reads the message, finds the candidates, then
  // leaves the decision to the reply policy (policy.cc). With `tracing`,
  // the reply's trace is filled.
  Reply Respond(std::string_view text, Session* s, Lang forced,
                bool tracing) const;
  // Respond() as Engine::Respond promises it: the message cut to
  // max_message_bytes, and a safe fallback instead of any exception.
  // Engine::Respond traces as the options say; Lint() and the inline tests
  // always trace, since editors read their findings.
  Reply Answer(std::string_view text, Session* session, Lang lang,
               bool trace) const;
  std::vector<Match> FindMatches(const Analysis& analysis,
                                 const std::vector<EntityMention>& mentions,
                                 Lang lang, const Session& s,
                                 Trace* trace) const;  // trace may be null
  // What of a text is framing: greetings, thanks, a sign-off
  // (SignalWords::Framing).
  struct Framing {
    enum Kind {
      kNone,
      kAround,  // around something of substance
      kWhole,   // nothing else: "Dzień dobry!" alone is a greeting
    };
    Kind kind = kNone;
    std::vector<bool> tokens;  // per token of the text: framing
    Analysis rest;             // kAround: the text without it
    // kAround: words of substance in the rest that no framing phrase has
    // ("Dzień dobry, chciałabym o coś zapytać": none; its "zapytać" is of
    // "chciałbym zapytać").
    size_t question_words = 0;
    // Without question words: SignalWords::Courtesy, a greeting or thanks
    // alone.
    SignalList courtesy = SignalList::kFraming;
  };
  Framing ReadFraming(std::string_view text, const Analysis& analysis,
                      Lang lang) const;
  // The framing's words as typed, for a trace: "Dzień dobry Z góry
  // dziękuję".
  static std::string FramingWords(std::string_view text,
                                  const Analysis& analysis,
                                  const Framing& framing);
  // The search of a message (Respond): without its framing; but when the
  // bot has greetings or thanks of its own (SearchOwner::framing), the
  // whole message too, and that reading wins when its first hit is one of
  // them and likelier than the first hit without the framing: "Dziękuję,
  // to wszystko" is a thanks.
  // Then a greeting or thanks alone goes to its courtesy owner
  // (AnswerCourtesy).
  void SearchMessage(std::string_view text, const Analysis& analysis,
                     const Framing& framing, Lang lang, size_t k,
                     std::vector<SearchHit>* hits,
                     Trace* trace) const;  // trace may be null
  void SearchReadings(std::string_view text, const Analysis& analysis,
                      const Framing& framing, Lang lang, size_t k,
                      std::vector<SearchHit>* hits, Trace* trace) const;
  // A message of two to kMaxSentenceReadings sentences is also searched
  // sentence by sentence, and a sentence whose first hit is likelier than
  // the whole message's decides: "Már napok óta próbálom
  // megoldani, de semmi sem sikerül. Hogyan tilthatom le a SIM-kártyát?"
  void ReadSentences(std::string_view text, const Analysis& message, Lang lang,
                     size_t k, std::vector<SearchHit>* hits,
                     Trace* trace) const;
  static constexpr size_t kMaxSentenceReadings = 4;
  // Per language: some owner has SearchOwner::framing.
  std::array<bool, 2> framing_owners = {false, false};
  // Per language, the owner that answers a greeting alone and the one that
  // answers a thanks alone, whatever its words ("Üdv!" where the examples
  // say "Szia"), and a text of it for the trace: the owner most of whose
  // texts are that courtesy alone, when one leads (ChooseCourtesyOwners).
  struct CourtesyOwner {
    uint32_t owner = kNoOwner;
    uint32_t doc = 0;
  };
  static constexpr uint32_t kNoOwner = ~uint32_t{0};
  std::array<std::array<CourtesyOwner, 2>, 2> courtesy_owners;  // [lang][kind]
  // A greeting or thanks alone answered by its courtesy owner: this sure.
  // (On 2026-12-02 such answers were right 20 of 20 times on
  // bench/servicebot and 27 of 27 on the example-only demo bot; a fixed
  // 0.95 rather than 1, as a greeting may open a question still to come.)
  static constexpr double kCourtesyProbability = 0.95;
  void ChooseCourtesyOwners();
  // An owner whose texts are at least half greetings alone (or thanks) is
  // a greeting intent (a thanks intent), not one that lists "Dzień dobry"
  // among thirty questions: ChooseCourtesyOwners, and the linter.
  static bool MostlyCourtesy(size_t courtesy_texts, size_t texts) {
    return courtesy_texts > 0 && 2 * courtesy_texts >= texts;
  }
  // kGreeting 0, kThanks 1 (the index of courtesy_owners' kinds and
  // SearchOwner's courtesy arrays); -1 for any other list.
  static int CourtesyKind(SignalList courtesy) {
    return courtesy == SignalList::kGreeting ? 0
           : courtesy == SignalList::kThanks ? 1
                                             : -1;
  }
  // A message of a greeting or thanks alone (framing.courtesy): its
  // courtesy owner first, at kCourtesyProbability, whatever the search
  // found.
  void AnswerCourtesy(const Framing& framing, Lang lang,
                      std::vector<SearchHit>* hits, Trace* trace) const;
  // The language of a message that shows none, and its analysis in it;
  // *note says which rule decided (for the trace).
  Analysis ResolveUnclearLanguage(std::string_view text, const Session& s,
                                  LanguageGuess* guess,
                                  std::string* note) const;
  // The trace of the message's reading: its language and tokens (only
  // with EngineOptions::trace, like every Trace* here).
  void TraceAnalysis(std::string_view text, const Analysis& analysis,
                     const LanguageGuess& guess,
                     const std::string& language_note, Reply* reply) const;
  static void ResizeTokenSymbols(size_t tokens, MatchInput* input);
  static void BuildInput(const SymbolTable& symbols, const Analysis& analysis,
                         const std::vector<EntityMention>& mentions,
                         MatchInput* input);
  // Why an intent may not answer now ("needs context 'order'"), or "".
  static std::string MissingContext(const IntentDef& intent, const Session& s);
  // Search hits, each with MissingContext of its intent ("" for FAQ
  // entries): an intent out of its context answers neither by its patterns
  // nor by its examples.
  std::vector<std::string> HitsBlocked(const std::vector<SearchHit>& hits,
                                       const Session& s) const;
  // The first `listed` hits as trace candidates.
  void TraceSearch(const std::vector<SearchHit>& hits,
                   const std::vector<std::string>& blocked, Lang lang,
                   size_t listed, Trace* trace) const;
  // Each candidate's verdict from the decision (engine.cc).
  void MarkDecided(const Session& s, Reply* reply) const;

  // Lookups.
  // The key a Session stores for an offered choice: "faq:<id>", "intent:<id>".
  std::string OwnerKey(uint32_t owner) const;
  // ... of the owner with this source (kExample or kFaq) and id.
  static std::string OwnerKey(ReplySource source, const std::string& id);
  static size_t LangSlot(Lang lang) { return lang == Lang::kPl ? 1 : 0; }
  const LangRules* ForLang(Lang lang) const {
    return lang == Lang::kUnknown ? nullptr : langs[LangSlot(lang)].get();
  }
  const IntentDef* FindIntent(Lang lang, const std::string& id) const {
    auto it = intent_index.find({lang, id});
    return it == intent_index.end() ? nullptr : &rules.intents[it->second];
  }
  // Matcher patterns that match `text` (for lint and coverage).
  std::vector<uint32_t> MatchedPatterns(std::string_view text, Lang lang) const;
};

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_ENGINE_ENGINE_REP_H_
