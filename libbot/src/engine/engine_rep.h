// Copyright 2026 The libbot Authors.
//
// The inside of an Engine: the loaded rules, one compiled matcher per
// language, and the reply policy. Shared by engine.cc (answering),
// engine_compile.cc (loading) and lint.cc (editor tools).
#ifndef LIBBOT_SRC_ENGINE_ENGINE_REP_H_
#define LIBBOT_SRC_ENGINE_ENGINE_REP_H_

#include <array>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "match/entities.h"
#include "load/kb_source.h"
#include "libbot/engine.h"
#include "match/matcher.h"
#include "load/rules.h"
#include "load/rules_loader.h"
#include "match/search_index.h"

namespace libbot {

struct Engine::Rep {
  struct PatternRef {
    uint32_t intent;   // index into rules.intents
    uint32_t pattern;  // index into that intent's patterns
  };
  struct LangRules {
    internal::Matcher matcher;
    std::vector<PatternRef> refs;  // per matcher pattern
  };
  struct Match {
    uint32_t intent;
    uint32_t pattern;
    int specificity;
    int wildcards;
    size_t begin, end;    // matched tokens
    std::string blocked;  // why it may not answer now (context), or ""
  };

  // What an example or FAQ search hit stands for.
  struct SearchOwner {
    ReplySource source;  // kExample (an intent) or kFaq
    uint32_t index;      // into rules.intents or faq
    Lang lang;
    std::string id;
    std::string display;  // how a clarify reply names it: its first question
  };
  struct SearchDoc {
    std::string text;
    std::string where;
  };

  EngineOptions options;
  std::shared_ptr<const Analyzer> analyzer;  // may be shared by engines
  internal::RuleSet rules;
  std::unique_ptr<internal::EntityExtractor> entities;
  std::vector<internal::Diagnostic> warnings;
  Lang default_lang = Lang::kHu;
  std::array<std::unique_ptr<LangRules>, 2> langs;  // hu, pl
  std::map<std::pair<Lang, std::string>, uint32_t> intent_index;
  std::vector<internal::FaqEntry> faq;
  Status kb_status;  // of reading the FAQ database
  internal::SearchIndex search;
  std::vector<SearchOwner> owners;
  std::map<std::pair<Lang, std::string>, uint32_t>
      owner_index;                             // (lang, OwnerKey) → owner
  std::array<std::vector<SearchDoc>, 2> docs;  // per language, by doc id

  // Loading (engine_compile.cc).
  void Compile(std::vector<internal::Diagnostic>* diagnostics);

  // Answering (engine.cc).
  Reply Respond(std::string_view text, Session* s, Lang forced) const;
  std::vector<Match> FindMatches(
      const Analysis& analysis,
      const std::vector<internal::EntityMention>& mentions, Lang lang,
      const Session& s, Trace* trace) const;
  static void BuildInput(const internal::SymbolTable& symbols,
                         const Analysis& analysis,
                         const std::vector<internal::EntityMention>& mentions,
                         internal::MatchInput* input);
  double Confidence(const Match& m, const Analysis& analysis) const;
  void Decide(const Analysis& analysis,
              const std::vector<internal::EntityMention>& mentions,
              const std::vector<Match>& matches,
              const std::vector<internal::SearchHit>& hits, Session* s,
              Reply* reply) const;
  void AddSearchDocument(Lang lang, uint32_t owner, const std::string& text,
                         const std::string& where);
  void LoadFaq(std::vector<internal::Diagnostic>* diagnostics);
  void AddSynonyms(std::vector<internal::Diagnostic>* diagnostics);
  void TraceSearch(const std::vector<internal::SearchHit>& hits, Lang lang,
                   Trace* trace) const;
  void AnswerFromSearch(const internal::SearchHit& hit,
                        const std::vector<internal::EntityMention>& mentions,
                        Session* s, Reply* reply) const;
  void OfferChoices(const std::vector<internal::SearchHit>& hits, Session* s,
                    Reply* reply) const;
  bool ResolveChoice(const Analysis& analysis,
                     const std::vector<internal::EntityMention>& mentions,
                     Session* s, Reply* reply) const;
  std::string OwnerKey(uint32_t owner) const;
  bool CountFallback(Session* s, Reply* reply) const;
  void Handoff(const std::string& reason, const std::string& id, Session* s,
               Reply* reply) const;
  void AnswerIntent(const internal::IntentDef& intent,
                    const std::vector<internal::EntityMention>& mentions,
                    double confidence, Session* s, Reply* reply) const;
  void AskSlot(const internal::IntentDef& intent, const internal::SlotDef& slot,
               Session* s, Reply* reply) const;
  std::string PickReply(const std::vector<internal::Located>& variants,
                        const Session& s,
                        const std::map<std::string, std::string>& vars,
                        Reply* reply) const;
  std::string PickText(
      const std::map<Lang, std::vector<internal::Located>>& by_lang, Lang lang,
      const char* fallback, const Session& s,
      const std::map<std::string, std::string>& vars, Reply* reply) const;
  std::map<std::string, std::string> Vars(
      const std::vector<internal::EntityMention>& mentions,
      const Session& s) const;
  void FinishTurn(std::string_view text, const Reply& reply, Session* s) const;
  static const internal::EntityMention* FindMention(
      const std::vector<internal::EntityMention>& mentions,
      const std::string& name);
  static const internal::SlotDef* FindSlot(const internal::IntentDef& intent,
                                           const std::string& name);

  // Lookups.
  static size_t LangSlot(Lang lang) { return lang == Lang::kPl ? 1 : 0; }
  const LangRules* ForLang(Lang lang) const {
    return lang == Lang::kUnknown ? nullptr : langs[LangSlot(lang)].get();
  }
  const internal::IntentDef* FindIntent(Lang lang,
                                        const std::string& id) const {
    auto it = intent_index.find({lang, id});
    return it == intent_index.end() ? nullptr : &rules.intents[it->second];
  }
  // Matcher patterns that match `text` (for lint and coverage).
  std::vector<uint32_t> MatchedPatterns(std::string_view text, Lang lang) const;
};

}  // namespace libbot

#endif  // LIBBOT_SRC_ENGINE_ENGINE_REP_H_
