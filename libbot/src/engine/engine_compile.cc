// Copyright 2026 The libbot Authors.
//
// Turns a loaded RuleSet into what Respond() uses: entity regexes, one
// matcher per language, and the intent index. Every problem becomes a
// diagnostic at the place the editor wrote it.
#include <re2/re2.h>

#include <set>

#include "engine/engine_rep.h"
#include "engine/policy.h"
#include "engine/render.h"
#include "kb/kb.h"
#include "load/settings_table.h"
#include "match/pattern.h"

namespace libbot {

using internal::Diagnostic;
using internal::SourceLocation;

namespace {

// A pattern error's place: where the pattern's text starts, plus the offset.
SourceLocation PatternErrorAt(const internal::Located& pattern, size_t offset) {
  SourceLocation at = pattern.where;
  if (pattern.text_col > 0)
    at.col = pattern.text_col + static_cast<int>(offset);
  return at;
}

// Checks a re: pattern's regex now, so its error gets a file:line:col.
bool RegexCompiles(const std::string& regex, int64_t max_memory,
                   std::string* error) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(max_memory);
  RE2 re(regex, options);
  if (!re.ok()) *error = re.error();
  return re.ok();
}

}  // namespace

namespace internal {

// Concepts by (language, name); kUnknown for shared ones. The items' texts
// are what CompilePattern expands @name into.
struct ConceptTable {
  std::map<std::pair<Lang, std::string>, const internal::ConceptDef*> by_name;
  std::map<const internal::ConceptDef*, std::vector<std::string>> texts;

  const std::vector<std::string>* Items(Lang lang, const std::string& name) {
    for (Lang scope : {lang, Lang::kUnknown}) {
      auto it = by_name.find({scope, name});
      if (it != by_name.end()) return &texts[it->second];
    }
    return nullptr;
  }
};

}  // namespace internal

// Loading, in order: entities (patterns refer to them), the intent index,
// concepts, synonyms and the FAQ (before any search document), then per
// language the patterns and the examples. Every problem is a diagnostic;
// compiling goes on after one, so an editor sees all of them at once.
void internal::EngineRep::Compile(std::vector<Diagnostic>* diagnostics) {
  struct FinishSearch {  // the index is complete whatever path Compile takes
    internal::EngineRep* rep;
    ~FinishSearch() {
      rep->search.Finish();
      rep->ChooseCourtesyOwners();
      for (uint32_t o = 0; o < rep->owners.size(); ++o) {
        rep->owner_index.emplace(
            std::make_pair(rep->owners[o].lang, rep->OwnerKey(o)), o);
      }
    }
  } finish_search{this};
  const internal::Settings& settings = rules.settings;
  default_lang = settings.default_lang;
  if (Status s = internal::EntityExtractor::Create(
          rules.entities, settings.order_number_regex, &entities);
      !s.ok()) {
    diagnostics->push_back({settings.where, s.message(), true});
    return;
  }
  IndexIntents(diagnostics);
  signal_words.Build(*analyzer, settings, diagnostics);
  CheckEntityNames(diagnostics);
  CheckReplySizes(diagnostics);
  ConceptTable table;
  CollectConcepts(&table, diagnostics);
  AddSynonyms(diagnostics);  // before any search document
  LoadFaq(diagnostics);
  for (Lang lang : {Lang::kHu, Lang::kPl}) {
    auto lr = std::make_unique<LangRules>();
    CompilePatterns(lang, &table, lr.get(), diagnostics);
    IndexExamples(lang);
    if (Status s = lr->matcher.Finish(options.max_regex_memory); !s.ok()) {
      diagnostics->push_back({{options.rules_dir, 0, 0}, s.message(), true});
    }
    langs[LangSlot(lang)] = std::move(lr);
  }
}

// No reply may render to more than kMaxReplyBytes: a settings value used
// many times ({hotline} 500 times, 1 MB long) would make every answer
// huge. Slots and entities count at their own bound.
void internal::EngineRep::CheckReplySize(
    const std::string& text, const SourceLocation& where,
    std::vector<Diagnostic>* diagnostics) const {
  const size_t bytes = MaxRenderedBytes(text, rules.settings.values,
                                        Session::kMaxSlotValueBytes);
  if (bytes <= kMaxReplyBytes) return;
  diagnostics->push_back(
      {where,
       "this reply may render to " + std::to_string(bytes) +
           " bytes with its {placeholders} filled, more than " +
           std::to_string(kMaxReplyBytes),
       true});
}

void internal::EngineRep::CheckReplySizes(
    std::vector<Diagnostic>* diagnostics) const {
  auto check = [&](const Located& reply) {
    CheckReplySize(reply.text, reply.where, diagnostics);
  };
  for (const IntentDef& intent : rules.intents) {
    for (const Located& reply : intent.replies) check(reply);
    for (const SlotDef& slot : intent.slots) {
      for (const Located& ask : slot.ask) check(ask);
      for (const Located& help : slot.help) check(help);
    }
  }
  for (const internal::LangTextsSpec& spec : internal::LangTextsSpecs()) {
    for (const auto& [lang, replies] : rules.settings.*spec.texts) {
      for (const Located& reply : replies) check(reply);
    }
  }
}

// Intent ids are unique per language. The contexts intents set are listed.
void internal::EngineRep::IndexIntents(std::vector<Diagnostic>* diagnostics) {
  for (uint32_t i = 0; i < rules.intents.size(); ++i) {
    const auto& intent = rules.intents[i];
    context_tags.insert(intent.sets_context.begin(), intent.sets_context.end());
    // The intent a one-word request for a person answers ("ügyintéző"):
    // the language's first handoff intent that asks for nothing.
    int& handoff = handoff_intent[LangSlot(intent.lang)];
    if (intent.handoff && intent.slots.empty() && intent.context.empty() &&
        handoff < 0) {
      handoff = static_cast<int>(i);
    }
    auto [it, inserted] =
        intent_index.emplace(std::make_pair(intent.lang, intent.id), i);
    if (!inserted) {
      diagnostics->push_back(
          {intent.where,
           "intent '" + intent.id + "' is defined twice (first at " +
               rules.intents[it->second].where.ToString() + ")",
           true});
    }
  }
}

// An editor's entity may not take a built-in name: $phone would be
// ambiguous.
void internal::EngineRep::CheckEntityNames(
    std::vector<Diagnostic>* diagnostics) const {
  for (const auto& e : rules.entities) {
    if (internal::FindBuiltinEntity(e.name) != nullptr) {
      diagnostics->push_back(
          {e.where,
           "entity '" + e.name + "' is built in; give yours another name",
           true});
    }
  }
}

// Concept names are unique per language; shared ones serve both.
void internal::EngineRep::CollectConcepts(
    ConceptTable* table, std::vector<Diagnostic>* diagnostics) const {
  for (const auto& c : rules.concepts) {
    auto [it, inserted] =
        table->by_name.emplace(std::make_pair(c.lang, c.name), &c);
    if (!inserted) {
      diagnostics->push_back({c.where,
                              "concept '" + c.name +
                                  "' is defined twice (first at " +
                                  it->second->where.ToString() + ")",
                              true});
    }
    for (const auto& item : c.items) table->texts[&c].push_back(item.text);
  }
}

// Compiles the language's patterns into its matcher (each error at the
// place in the file it comes from) and checks its slots' entities.
void internal::EngineRep::CompilePatterns(
    Lang lang, ConceptTable* concepts, LangRules* lr,
    std::vector<Diagnostic>* diagnostics) const {
  internal::PatternContext context;
  context.analyzer = analyzer.get();
  context.lang = lang;
  context.symbols = &lr->matcher.symbols();
  context.predicates = &lr->matcher.predicates();
  context.concept_items = [&](const std::string& name) {
    return concepts->Items(lang, name);
  };
  context.entity_defined = [this](const std::string& name) {
    return entities->Defined(name);
  };
  for (uint32_t i = 0; i < rules.intents.size(); ++i) {
    const auto& intent = rules.intents[i];
    if (intent.lang != lang) continue;
    for (uint32_t p = 0; p < intent.patterns.size(); ++p) {
      internal::PatternProgram program;
      internal::PatternError error;
      if (!internal::CompilePattern(intent.patterns[p].text, context, &program,
                                    &error)) {
        diagnostics->push_back(
            {PatternErrorAt(intent.patterns[p], error.offset),
             "pattern '" + intent.patterns[p].text + "': " + error.message,
             true});
        continue;
      }
      // A re: pattern's regex is checked now, so its error gets a place.
      std::string regex_error;
      if (!program.raw_regex_text.empty() &&
          !RegexCompiles(program.raw_regex_text, options.max_regex_memory,
                         &regex_error)) {
        diagnostics->push_back({PatternErrorAt(intent.patterns[p], 0),
                                "pattern '" + intent.patterns[p].text +
                                    "': bad regex: " + regex_error,
                                true});
        continue;
      }
      lr->matcher.Add(std::move(program));
      lr->refs.push_back({i, p});
    }
    for (const auto& slot : intent.slots) {
      if (!entities->Defined(slot.entity)) {
        diagnostics->push_back({slot.where,
                                "slot '" + slot.name +
                                    "' uses unknown entity '" + slot.entity +
                                    "'",
                                true});
      }
    }
  }
}

// Intents' examples go into the search index beside the FAQ questions.
void internal::EngineRep::IndexExamples(Lang lang) {
  for (uint32_t i = 0; i < rules.intents.size(); ++i) {
    const auto& intent = rules.intents[i];
    if (intent.lang != lang || intent.examples.empty()) continue;
    const uint32_t owner = static_cast<uint32_t>(owners.size());
    owners.push_back(
        {ReplySource::kExample, i, lang, intent.id,
         internal::ChoiceLabel(intent.title, intent.examples, "", intent.id)});
    owners.back().out_of_scope = intent.out_of_scope;
    for (const auto& example : intent.examples) {
      AddSearchDocument(lang, owner, example.text, example.where.ToString());
    }
  }
}

void internal::EngineRep::AddSearchDocument(Lang lang, uint32_t owner,
                                            const std::string& text,
                                            const std::string& where,
                                            double weight,
                                            internal::ArticleKind article) {
  // A text is indexed as a message is searched: without its framing
  // ("Dzień dobry, chcę zwrócić buty" as "chcę zwrócić buty"), so that the
  // two meet on what they say.
  const Analysis analysis = analyzer->Analyze(text, lang);
  const Framing framing = ReadFraming(text, analysis, lang);
  if (framing.kind == Framing::kWhole) {
    owners[owner].framing = true;
    framing_owners[LangSlot(lang)] = true;
  }
  // Questions and examples, not answer sentences, say what an owner
  // answers (a "Köszönjük!" in an answer makes no thanks intent).
  const bool asked = weight >= 1.0 && article == internal::ArticleKind::kNone;
  const uint32_t doc = search.Add(
      lang, owner, framing.kind == Framing::kAround ? framing.rest : analysis,
      weight, article);
  auto& list = docs[LangSlot(lang)];
  if (list.size() <= doc) list.resize(doc + 1);
  list[doc] = {text, where};
  if (asked) {
    SearchOwner& o = owners[owner];
    ++o.texts;
    const int kind = CourtesyKind(framing.courtesy);
    if (kind >= 0 && o.courtesy_texts[kind]++ == 0) o.courtesy_doc[kind] = doc;
  }
}

// A greeting alone goes to the owner with the most texts that are
// greetings alone, if it is MostlyCourtesy and no other owner has as many;
// likewise thanks.
void internal::EngineRep::ChooseCourtesyOwners() {
  for (size_t lang = 0; lang < 2; ++lang) {
    for (int kind = 0; kind < 2; ++kind) {
      uint32_t best = kNoOwner, best_count = 0;
      bool tied = false;
      for (uint32_t o = 0; o < owners.size(); ++o) {
        const SearchOwner& owner = owners[o];
        const uint32_t count = owner.courtesy_texts[kind];
        if (LangSlot(owner.lang) != lang || !MostlyCourtesy(count, owner.texts))
          continue;
        if (count == best_count) tied = true;
        if (count > best_count) best = o, best_count = count, tied = false;
      }
      if (best == kNoOwner || tied) continue;
      courtesy_owners[lang][kind] = {best, owners[best].courtesy_doc[kind]};
    }
  }
}

void internal::EngineRep::AddSynonyms(std::vector<Diagnostic>* diagnostics) {
  std::map<std::pair<Lang, std::string>, internal::SourceLocation> seen;
  for (const internal::SynonymGroup& group : rules.synonyms) {
    std::vector<std::string> keys;
    bool ok = true;
    for (const internal::Located& word : group.words) {
      const Analysis a = analyzer->Analyze(word.text, group.lang);
      if (a.tokens.size() != 1 || a.tokens[0].kind != TokenKind::kWord) {
        diagnostics->push_back(
            {word.where,
             "a synonym is one word, not '" + word.text +
                 "' (for phrases, use a concept in the patterns)",
             true});
        ok = false;
        continue;
      }
      const std::string& key = a.tokens[0].key;
      auto [it, inserted] =
          seen.emplace(std::make_pair(group.lang, key), word.where);
      if (!inserted && std::find(keys.begin(), keys.end(), key) == keys.end()) {
        diagnostics->push_back({word.where,
                                "'" + word.text +
                                    "' is already in the synonym group at " +
                                    it->second.ToString(),
                                true});
        ok = false;
      }
      if (std::find(keys.begin(), keys.end(), key) == keys.end())
        keys.push_back(key);
    }
    if (ok && keys.size() > 1) search.AddSynonyms(group.lang, keys);
  }
}

void internal::EngineRep::LoadFaq(std::vector<Diagnostic>* diagnostics) {
  if (options.kb_path.empty()) return;
  // A database problem keeps its own status (not found, damaged, locked):
  // Open() returns it as it is.
  kb_status = internal::ReadKnowledgeBase(options.kb_path, &faq);
  if (!kb_status.ok()) return;
  for (uint32_t e = 0; e < faq.size(); ++e) {
    const internal::FaqEntry& entry = faq[e];
    CheckReplySize(entry.answer.text,
                   {options.kb_path + " (entry " + entry.id + ")", 0, 0},
                   diagnostics);
    // An article (no questions) or an entry of one question is found by its
    // answer too: each sentence a document, weighted below a question
    // (internal::FoundByAnswer). Without a title or question, the first
    // sentence also names it in a "which one?" question.
    const std::vector<internal::SearchText> texts =
        internal::SearchTexts(entry);
    std::string_view first_sentence;
    for (const internal::SearchText& t : texts) {
      if (t.kind == KbTextKind::kAnswer) {
        first_sentence = t.text;
        break;
      }
    }
    const uint32_t owner = static_cast<uint32_t>(owners.size());
    owners.push_back({ReplySource::kFaq, e, entry.lang, entry.id,
                      internal::ChoiceLabel(entry.title.text, entry.questions,
                                            first_sentence, entry.id)});
    const internal::ArticleKind article = internal::ArticleKindOf(entry);
    for (const internal::SearchText& t : texts)
      AddSearchDocument(entry.lang, owner, t.text, t.where,
                        internal::SearchWeight(t.kind), article);
  }
}

}  // namespace libbot
