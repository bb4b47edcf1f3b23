// Copyright 2026 The libbot Authors.
#include "libbot/engine.h"

#include <algorithm>
#include <array>

#include "engine/engine_rep.h"
#include "engine/render.h"
#include "util/utf8.h"

namespace libbot {

using internal::Diagnostic;
using internal::EntityMention;
using internal::IntentDef;

std::string_view ReplyKindName(ReplyKind kind) {
  switch (kind) {
    case ReplyKind::kAnswer:
      return "answer";
    case ReplyKind::kClarify:
      return "clarify";
    case ReplyKind::kHandoff:
      return "handoff";
    case ReplyKind::kFallback:
      return "fallback";
  }
  return "fallback";
}

std::string_view ReplySourceName(ReplySource source) {
  switch (source) {
    case ReplySource::kRule:
      return "rule";
    case ReplySource::kExample:
      return "example";
    case ReplySource::kFaq:
      return "faq";
    case ReplySource::kPolicy:
      return "policy";
  }
  return "policy";
}

std::string Finding::ToString() const {
  return where + ": " + (error ? "" : "warning: ") + message;
}

std::string Trace::ToString() const {
  std::string out = "language: " + language + "\ntokens:";
  for (const auto& t : tokens) out += " " + t;
  out += "\n";
  if (!entities.empty()) {
    out += "entities:";
    for (const auto& e : entities) out += " " + e;
    out += "\n";
  }
  if (candidates.empty()) out += "no pattern, example or question matched\n";
  for (const auto& c : candidates) {
    char detail[64];
    if (c.source == "rule") {
      std::snprintf(detail, sizeof(detail), "priority %d, specificity %d",
                    c.priority, c.specificity);
    } else {
      std::snprintf(detail, sizeof(detail), "similarity %.2f", c.score);
    }
    out += "  " + c.source + " " + c.id + "  [" + c.where + "] " + c.pattern +
           "  (" + detail + ") → " + c.verdict + "\n";
  }
  for (const auto& d : decisions) out += "decision: " + d + "\n";
  return out;
}

namespace {

constexpr size_t kMaxTurnTextBytes = 500;

// Built-in texts for a rule set that defines none.
const char* DefaultFallback(Lang lang) {
  return lang == Lang::kPl
             ? "Przepraszam, nie zrozumiałem. Czy może Pan/Pani napisać to "
               "inaczej?"
             : "Elnézést, ezt nem értettem. Megfogalmazná másképp?";
}
const char* DefaultHandoff(Lang lang) {
  return lang == Lang::kPl
             ? "Przekazuję rozmowę do konsultanta, proszę chwilę poczekać."
             : "Átadom a beszélgetést egy kollégámnak, kérem, várjon egy "
               "kicsit.";
}

// Cuts at a character boundary at most `limit` bytes in.
std::string_view Truncate(std::string_view text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;
  return text.substr(0, cut);
}

}  // namespace

Engine::Engine(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Engine::~Engine() = default;

const Analyzer& Engine::analyzer() const { return *rep_->analyzer; }
std::shared_ptr<const Analyzer> Engine::shared_analyzer() const {
  return rep_->analyzer;
}
const EngineOptions& Engine::options() const { return rep_->options; }

Status Engine::Open(const EngineOptions& options,
                    std::unique_ptr<Engine>* engine) {
  std::unique_ptr<Analyzer> analyzer;
  if (Status s = Analyzer::Open(options.analyzer, &analyzer); !s.ok()) return s;
  return Open(options, std::move(analyzer), engine);
}

Status Engine::Open(const EngineOptions& options,
                    std::shared_ptr<const Analyzer> analyzer,
                    std::unique_ptr<Engine>* engine) {
  if (!analyzer) return Status::InvalidArgument("no analyzer given");
  // Loading reports through Status; even running out of memory on a huge
  // rule set must not escape as an exception (a reload would lose its
  // caller's thread).
  try {
    return OpenRep(options, std::move(analyzer), engine);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("loading failed: ") + e.what());
  }
}

Status Engine::OpenRep(const EngineOptions& options,
                       std::shared_ptr<const Analyzer> analyzer,
                       std::unique_ptr<Engine>* engine) {
  auto rep = std::make_unique<Rep>();
  rep->options = options;
  rep->analyzer = std::move(analyzer);
  std::vector<Diagnostic> diagnostics;
  rep->rules =
      internal::LoadRules(options.rules_dir, options.limits, &diagnostics);
  if (!internal::WithinRuleLimits(options.rules_dir, rep->rules, options.limits,
                                  &diagnostics)) {
    return Status::InvalidArgument(internal::JoinErrors(diagnostics));
  }
  rep->Compile(&diagnostics);
  if (!rep->kb_status.ok()) return rep->kb_status;
  if (std::string errors = internal::JoinErrors(diagnostics); !errors.empty())
    return Status::InvalidArgument(errors);
  rep->warnings = std::move(diagnostics);
  engine->reset(new Engine(std::move(rep)));
  return Status::Ok();
}

Reply Engine::Respond(std::string_view text, Session* session,
                      Lang lang) const {
  Session scratch;
  Session& s = session ? *session : scratch;
  const Session before = s;
  const std::string_view cut = Truncate(text, rep_->options.max_message_bytes);
  try {
    Reply reply = rep_->Respond(cut, &s, lang);
    if (cut.size() < text.size()) {
      reply.trace.decisions.insert(
          reply.trace.decisions.begin(),
          "message cut to its first " + std::to_string(cut.size()) + " of " +
              std::to_string(text.size()) +
              " bytes (EngineOptions::max_message_bytes)");
    }
    return reply;
  } catch (const std::exception& e) {
    // Nothing in Respond() throws by design; this keeps the promise even
    // when memory runs out: a safe reply, and the session as it was.
    s = before;
    Reply reply;
    reply.lang = lang != Lang::kUnknown     ? lang
                 : s.lang != Lang::kUnknown ? s.lang
                                            : rep_->default_lang;
    reply.text = DefaultFallback(reply.lang);
    reply.trace.decisions.push_back(std::string("internal error: ") + e.what());
    return reply;
  }
}

Reply Engine::Rep::Respond(std::string_view text, Session* s,
                           Lang forced) const {
  Reply reply;
  // One analysis: Analyze() detects the language when none is given; only a
  // message that shows none is analysed again, in the conversation's (or
  // the default) language.
  Analysis analysis = analyzer->Analyze(text, forced);
  LanguageGuess guess = analysis.language;
  std::string language_note = forced != Lang::kUnknown ? "given" : "detected";
  if (guess.lang == Lang::kUnknown) {
    guess.lang = s->lang != Lang::kUnknown ? s->lang : default_lang;
    language_note = s->lang != Lang::kUnknown ? "unclear: the conversation's"
                                              : "unclear: the default";
    analysis = analyzer->Analyze(text, guess.lang);
  }
  reply.lang = guess.lang;
  char conf[16];
  std::snprintf(conf, sizeof(conf), "%.2f", guess.confidence);
  reply.trace.language = std::string(LangCode(guess.lang)) + " (" +
                         language_note + ", " + conf + ")";

  reply.trace.tokens.reserve(analysis.tokens.size());
  for (const Token& t : analysis.tokens) {
    // Tokens never contain ill-formed bytes (they separate tokens).
    std::string surface(text.substr(t.begin, t.end - t.begin));
    if (surface != t.key) surface += "→" + t.key;
    reply.trace.tokens.push_back(std::move(surface));
  }
  std::vector<EntityMention> mentions;
  entities->Extract(text, analysis, &mentions);
  for (const EntityMention& m : mentions) {
    reply.entities.push_back({m.name, m.value, m.begin, m.end});
    reply.trace.entities.push_back(m.name + "=" + m.value);
  }
  std::vector<Match> matches =
      FindMatches(analysis, mentions, guess.lang, *s, &reply.trace);
  std::vector<internal::SearchHit> hits;
  search.Search(guess.lang, analysis, 3, &hits);
  TraceSearch(hits, guess.lang, &reply.trace);

  Decide(analysis, mentions, matches, hits, s, &reply);
  FinishTurn(text, reply, s);
  return reply;
}

void Engine::Rep::FinishTurn(std::string_view text, const Reply& reply,
                             Session* s) const {
  s->lang = reply.lang;
  ++s->turn_count;
  for (auto it = s->context.begin(); it != s->context.end();) {
    it = --it->second <= 0 ? s->context.erase(it) : std::next(it);
  }
  if (reply.kind == ReplyKind::kAnswer || reply.kind == ReplyKind::kHandoff) {
    if (const IntentDef* intent = FindIntent(reply.lang, reply.id)) {
      for (const std::string& tag : intent->sets_context) {
        s->context[tag] = rules.settings.context_turns;
      }
    }
  }
  if (rules.settings.max_turns_kept > 0) {
    std::string user = ToValidUtf8(Truncate(text, kMaxTurnTextBytes));
    s->turns.push_back(
        {std::move(user), std::string(ReplyKindName(reply.kind)), reply.id});
    while (s->turns.size() >
           static_cast<size_t>(rules.settings.max_turns_kept)) {
      s->turns.erase(s->turns.begin());
    }
  }
}

std::vector<Engine::Rep::Match> Engine::Rep::FindMatches(
    const Analysis& analysis, const std::vector<EntityMention>& mentions,
    Lang lang, const Session& s, Trace* trace) const {
  std::vector<Match> matches;
  const LangRules* lr = ForLang(lang);
  if (lr == nullptr) return matches;
  internal::MatchInput input;
  BuildInput(lr->matcher.symbols(), analysis, mentions, &input);
  std::vector<internal::PatternHit> hits;
  lr->matcher.Match(input, &hits);
  for (const auto& hit : hits) {
    const PatternRef& ref = lr->refs[hit.pattern];
    const IntentDef& intent = rules.intents[ref.intent];
    const auto& program = lr->matcher.program(hit.pattern);
    Match m{ref.intent,
            ref.pattern,
            program.specificity,
            program.wildcards,
            hit.begin,
            hit.end,
            ""};
    for (const std::string& needed : intent.context) {
      if (!s.context.count(needed))
        m.blocked = "needs context '" + needed + "'";
    }
    matches.push_back(m);
  }
  // Priority, then specificity, then fewer wildcards, then file order.
  std::stable_sort(matches.begin(), matches.end(),
                   [this](const Match& a, const Match& b) {
                     const IntentDef& ia = rules.intents[a.intent];
                     const IntentDef& ib = rules.intents[b.intent];
                     if (a.blocked.empty() != b.blocked.empty())
                       return a.blocked.empty();
                     if (ia.priority != ib.priority)
                       return ia.priority > ib.priority;
                     if (a.specificity != b.specificity)
                       return a.specificity > b.specificity;
                     if (a.wildcards != b.wildcards)
                       return a.wildcards < b.wildcards;
                     if (a.intent != b.intent) return a.intent < b.intent;
                     return a.pattern < b.pattern;
                   });
  // One line per intent in the trace: its best pattern.
  std::vector<uint32_t> seen;
  for (size_t i = 0; i < matches.size(); ++i) {
    const Match& m = matches[i];
    if (std::find(seen.begin(), seen.end(), m.intent) != seen.end()) continue;
    seen.push_back(m.intent);
    const IntentDef& intent = rules.intents[m.intent];
    Trace::Candidate c;
    c.source = "rule";
    c.id = intent.id;
    c.where = intent.patterns[m.pattern].where.ToString();
    c.pattern = intent.patterns[m.pattern].text;
    c.priority = intent.priority;
    c.specificity = m.specificity;
    if (!m.blocked.empty()) {
      c.verdict = "not eligible: " + m.blocked;
    } else if (seen.size() == 1) {
      c.verdict = "best match";
    } else {
      const Match& top = matches[0];
      const IntentDef& best = rules.intents[top.intent];
      c.verdict = intent.priority < best.priority   ? "lost: lower priority"
                  : m.specificity < top.specificity ? "lost: less specific"
                  : m.wildcards > top.wildcards     ? "lost: more wildcards"
                                                : "lost: later in the rules";
    }
    trace->candidates.push_back(std::move(c));
  }
  matches.erase(
      std::remove_if(matches.begin(), matches.end(),
                     [](const Match& m) { return !m.blocked.empty(); }),
      matches.end());
  return matches;
}

void Engine::Rep::BuildInput(const internal::SymbolTable& symbols,
                             const Analysis& analysis,
                             const std::vector<EntityMention>& mentions,
                             internal::MatchInput* input) {
  using internal::kNoSymbol;
  input->token_symbols.assign(analysis.tokens.size(), {});
  auto add = [&](size_t token, char kind, std::string_view text) {
    const internal::SymbolId id = symbols.Find(kind, text);
    if (id != kNoSymbol) input->token_symbols[token].push_back(id);
  };
  for (size_t i = 0; i < analysis.tokens.size(); ++i) {
    const Token& t = analysis.tokens[i];
    add(i, 'w', t.key);
    for (const std::string& alt : t.alt_keys) add(i, 'w', alt);
    add(i, 'f', t.folded);
    input->folded_text += (i ? " " : "") + t.folded;
  }
  for (const EntityMention& m : mentions) {
    add(m.first_token, 'e', m.name);
    for (size_t i = m.first_token + 1; i < m.last_token; ++i)
      add(i, 'c', m.name);
  }
}

double Engine::Rep::Confidence(const Match& m, const Analysis& analysis) const {
  size_t words = 0;
  for (const Token& t : analysis.tokens) words += t.kind != TokenKind::kSymbol;
  const double coverage =
      words == 0 ? 1.0
                 : std::min(1.0, static_cast<double>(m.specificity) /
                                     static_cast<double>(words));
  return std::min(1.0, 0.6 + 0.4 * coverage);
}

namespace {

// The hit to answer with: the first by rank, unless another is clearly more
// similar. Votes from an entry's other questions order near ties; they must
// not let three middling questions ("dostawa" in each) outvote one that says
// what the customer asked.
const internal::SearchHit* BestHit(const std::vector<internal::SearchHit>& hits,
                                   double margin) {
  if (hits.empty()) return nullptr;
  const internal::SearchHit* best = &hits[0];
  for (const auto& h : hits) {
    if (h.score > best->score && h.score - hits[0].score >= margin) best = &h;
  }
  return best;
}

}  // namespace

void Engine::Rep::Decide(const Analysis& analysis,
                         const std::vector<EntityMention>& mentions,
                         const std::vector<Match>& matches,
                         const std::vector<internal::SearchHit>& hits,
                         Session* s, Reply* reply) const {
  // A clarify reply offered choices: this message may pick one.
  if (!s->choices.empty()) {
    if (ResolveChoice(analysis, mentions, s, reply)) return;
    reply->trace.decisions.push_back("the offered choices were not taken");
    s->choices.clear();
  }
  // A pending question: the answer to it comes first, unless the customer
  // clearly moved on to something else of higher priority.
  if (!s->pending_intent.empty()) {
    const IntentDef* pending = FindIntent(reply->lang, s->pending_intent);
    const internal::SlotDef* slot =
        pending ? FindSlot(*pending, s->pending_slot) : nullptr;
    const EntityMention* value =
        slot ? FindMention(mentions, slot->entity) : nullptr;
    const bool other_wins =
        !matches.empty() &&
        rules.intents[matches[0].intent].id != s->pending_intent &&
        (value == nullptr ||
         rules.intents[matches[0].intent].priority > pending->priority);
    if (value != nullptr && !other_wins) {
      s->slots[slot->name] = value->value;
      reply->trace.decisions.push_back("slot '" + slot->name + "' of '" +
                                       pending->id +
                                       "' filled: " + value->value);
      return AnswerIntent(*pending, mentions, /*confidence=*/0.9, s, reply);
    }
    if (matches.empty() && pending != nullptr && slot != nullptr) {
      reply->trace.decisions.push_back("still waiting for slot '" + slot->name +
                                       "'");
      if (CountFallback(s, reply)) return;
      return AskSlot(*pending, *slot, s, reply);
    }
    reply->trace.decisions.push_back(
        "pending question for '" + s->pending_intent +
        "' dropped: the customer asked something else");
    s->pending_intent.clear();
    s->pending_slot.clear();
    s->slots.clear();
  }
  const internal::Settings& settings = rules.settings;
  const internal::SearchHit* best = BestHit(hits, settings.clarify_margin);
  const bool search_confident =
      best != nullptr && best->score >= settings.answer_threshold;
  // A pattern wins over search unless its intent's priority is negative and
  // the search is confident, or the customer wrote (nearly) a question or
  // example of another answer: "Hogyan menthetek el egy terméket későbbre?"
  // is the wishlist question, though "később" may be a form of "késik".
  const bool question_found =
      best != nullptr && best->coverage >= settings.question_beats_pattern &&
      best->score >= settings.answer_threshold &&
      !(owners[best->owner].source == ReplySource::kExample &&
        !matches.empty() && owners[best->owner].index == matches[0].intent);
  if (question_found && !matches.empty()) {
    reply->trace.decisions.push_back(
        "a question of another answer is nearly the message: it beats the "
        "pattern");
  }
  if (!matches.empty() && !question_found &&
      (rules.intents[matches[0].intent].priority >= 0 || !search_confident)) {
    const Match& best = matches[0];
    return AnswerIntent(rules.intents[best.intent], mentions,
                        Confidence(best, analysis), s, reply);
  }
  // Hits are ranked with votes from an owner's other questions, so the
  // first is not always the most similar one: any hit above the clarify
  // threshold makes a question worth asking.
  auto plausible = [&](const internal::SearchHit& h) {
    return h.score >= settings.clarify_threshold;
  };
  if (std::any_of(hits.begin(), hits.end(), plausible)) {
    const bool close =
        std::any_of(hits.begin(), hits.end(), [&](const auto& h) {
          return &h != best && plausible(h) &&
                 best->score - h.score < settings.clarify_margin;
        });
    if (search_confident && !close)
      return AnswerFromSearch(*best, mentions, s, reply);
    return OfferChoices(hits, s, reply);
  }
  {
    if (CountFallback(s, reply)) return;
    reply->kind = ReplyKind::kFallback;
    reply->source = ReplySource::kPolicy;
    reply->text =
        PickText(rules.settings.fallback_replies, reply->lang,
                 DefaultFallback(reply->lang), *s, Vars(mentions, *s), reply);
    reply->trace.decisions.push_back(
        "fallback " + std::to_string(s->consecutive_fallbacks) + " in a row");
  }
}

std::string Engine::Rep::OwnerKey(uint32_t owner) const {
  const SearchOwner& o = owners[owner];
  return std::string(o.source == ReplySource::kFaq ? "faq:" : "intent:") + o.id;
}

void Engine::Rep::TraceSearch(const std::vector<internal::SearchHit>& hits,
                              Lang lang, Trace* trace) const {
  for (size_t i = 0; i < hits.size(); ++i) {
    const SearchOwner& o = owners[hits[i].owner];
    const SearchDoc& doc = docs[LangSlot(lang)][hits[i].doc];
    Trace::Candidate c;
    c.source = std::string(ReplySourceName(o.source));
    c.id = o.id;
    c.where = doc.where;
    c.pattern = doc.text;
    c.score = hits[i].score;
    c.verdict = i == 0 ? "closest question" : "less similar";
    if (hits[i].combined)
      c.verdict += ", counting the words of its other questions";
    trace->candidates.push_back(std::move(c));
  }
}

void Engine::Rep::AnswerFromSearch(const internal::SearchHit& hit,
                                   const std::vector<EntityMention>& mentions,
                                   Session* s, Reply* reply) const {
  const SearchOwner& o = owners[hit.owner];
  char similarity[16];
  std::snprintf(similarity, sizeof(similarity), "%.2f", hit.score);
  reply->trace.decisions.push_back(
      "answered by " + std::string(ReplySourceName(o.source)) + " '" + o.id +
      "' (similarity " + similarity + ")");
  s->choices.clear();
  if (o.source == ReplySource::kExample) {
    AnswerIntent(rules.intents[o.index], mentions, hit.score, s, reply);
    reply->source = ReplySource::kExample;
    return;
  }
  const internal::FaqEntry& entry = faq[o.index];
  s->consecutive_fallbacks = 0;
  s->pending_intent.clear();
  s->pending_slot.clear();
  reply->kind = ReplyKind::kAnswer;
  reply->source = ReplySource::kFaq;
  reply->id = entry.id;
  reply->confidence = hit.score;
  reply->text = PickReply({entry.answer}, *s, Vars(mentions, *s), reply);
}

void Engine::Rep::OfferChoices(const std::vector<internal::SearchHit>& hits,
                               Session* s, Reply* reply) const {
  static const internal::Located kHu{"Erre gondolt?", {}, 0};
  static const internal::Located kPl{"Czy chodzi o:", {}, 0};
  auto it = rules.settings.clarify_replies.find(reply->lang);
  const std::vector<internal::Located> intro =
      it != rules.settings.clarify_replies.end() && !it->second.empty()
          ? it->second
          : std::vector<internal::Located>{reply->lang == Lang::kPl ? kPl
                                                                    : kHu};
  std::string text = PickReply(intro, *s, Vars({}, *s), reply);
  s->choices.clear();
  const internal::SearchHit* first = nullptr;
  for (const auto& hit : hits) {
    if (hit.score < rules.settings.clarify_threshold) continue;
    if (s->choices.empty()) first = &hit;
    s->choices.push_back(OwnerKey(hit.owner));
    text += "\n" + std::to_string(s->choices.size()) + ") " +
            owners[hit.owner].display;
  }
  reply->kind = ReplyKind::kClarify;
  reply->reason = "choices";
  reply->source = owners[first->owner].source;
  reply->id = owners[first->owner].id;
  reply->confidence = first->score;
  reply->text = std::move(text);
  reply->trace.decisions.push_back("not sure enough: offering " +
                                   std::to_string(s->choices.size()) +
                                   " choices");
}

// "2", "a másodikat", "drugie", or words of one of the offered questions.
bool Engine::Rep::ResolveChoice(const Analysis& analysis,
                                const std::vector<EntityMention>& mentions,
                                Session* s, Reply* reply) const {
  static const std::vector<std::vector<std::string>> kOrdinals = {
      {"elso", "pierwsz"}, {"masodik", "drug"}, {"harmadik", "trzec"}};
  int picked = -1;
  for (const Token& t : analysis.tokens) {
    if (t.kind == TokenKind::kNumber && t.norm.size() == 1 &&
        t.norm[0] >= '1' && t.norm[0] <= '9') {
      picked = t.norm[0] - '1';
    }
    for (size_t n = 0; n < kOrdinals.size() && picked < 0; ++n) {
      for (const std::string& prefix : kOrdinals[n]) {
        if (t.folded.rfind(prefix, 0) == 0) picked = static_cast<int>(n);
      }
    }
  }
  std::vector<uint32_t> offered;
  for (const std::string& key : s->choices) {
    auto it = owner_index.find({reply->lang, key});
    if (it != owner_index.end()) offered.push_back(it->second);
  }
  std::vector<internal::SearchHit> hits;
  if (picked >= 0 && static_cast<size_t>(picked) < offered.size()) {
    hits.push_back({offered[static_cast<size_t>(picked)], 0, 1.0, 1.0});
  } else if (!offered.empty()) {
    search.Search(reply->lang, analysis, 1, &hits, offered);
    if (!hits.empty() && hits[0].score < rules.settings.clarify_threshold / 2)
      hits.clear();
  }
  if (hits.empty()) return false;
  reply->trace.decisions.push_back("the customer chose '" +
                                   owners[hits[0].owner].id + "'");
  internal::SearchHit chosen = hits[0];
  chosen.score = std::max(chosen.score, rules.settings.answer_threshold);
  AnswerFromSearch(chosen, mentions, s, reply);
  return true;
}

// Returns true when this fallback turned into a handoff.
bool Engine::Rep::CountFallback(Session* s, Reply* reply) const {
  ++s->consecutive_fallbacks;
  const int limit = rules.settings.fallback_handoff_after;
  if (limit > 0 && s->consecutive_fallbacks > limit) {
    reply->trace.decisions.push_back(
        "handoff: " + std::to_string(s->consecutive_fallbacks) +
        " fallbacks in a row (limit " + std::to_string(limit) + ")");
    Handoff("repeated_fallback", "", s, reply);
    s->consecutive_fallbacks = 0;
    return true;
  }
  return false;
}

void Engine::Rep::Handoff(const std::string& reason, const std::string& id,
                          Session* s, Reply* reply) const {
  reply->kind = ReplyKind::kHandoff;
  reply->source = ReplySource::kPolicy;
  reply->reason = reason;
  reply->id = id;
  reply->confidence = 1.0;
  reply->text = PickText(rules.settings.handoff_replies, reply->lang,
                         DefaultHandoff(reply->lang), *s, Vars({}, *s), reply);
  s->pending_intent.clear();
  s->pending_slot.clear();
  s->slots.clear();
}

void Engine::Rep::AnswerIntent(const IntentDef& intent,
                               const std::vector<EntityMention>& mentions,
                               double confidence, Session* s,
                               Reply* reply) const {
  reply->id = intent.id;
  reply->source = ReplySource::kRule;
  reply->confidence = confidence;
  s->consecutive_fallbacks = 0;
  // Slots: from this message, or kept from earlier turns of this intent.
  if (s->pending_intent != intent.id) s->slots.clear();
  for (const internal::SlotDef& slot : intent.slots) {
    if (const EntityMention* m = FindMention(mentions, slot.entity))
      s->slots[slot.name] = m->value;
    if (!s->slots.count(slot.name)) {
      reply->trace.decisions.push_back("slot '" + slot.name +
                                       "' missing: asking");
      return AskSlot(intent, slot, s, reply);
    }
  }
  s->pending_intent.clear();
  s->pending_slot.clear();
  const std::map<std::string, std::string> vars = Vars(mentions, *s);
  s->slots.clear();
  if (intent.complaint) {
    ++s->complaints;
    const int limit = rules.settings.complaint_handoff_after;
    if (limit > 0 && s->complaints >= limit) {
      reply->trace.decisions.push_back(
          "handoff: complaint " + std::to_string(s->complaints) +
          " in this conversation (limit " + std::to_string(limit) + ")");
      return Handoff("complaint", intent.id, s, reply);
    }
  }
  if (intent.handoff) {
    reply->trace.decisions.push_back(
        "handoff: the intent hands over to a person");
    Handoff("requested", intent.id, s, reply);
    if (!intent.replies.empty())
      reply->text = PickReply(intent.replies, *s, vars, reply);
    reply->source = ReplySource::kRule;
    reply->confidence = confidence;
    return;
  }
  reply->kind = ReplyKind::kAnswer;
  reply->text = PickReply(intent.replies, *s, vars, reply);
}

void Engine::Rep::AskSlot(const IntentDef& intent,
                          const internal::SlotDef& slot, Session* s,
                          Reply* reply) const {
  s->pending_intent = intent.id;
  s->pending_slot = slot.name;
  reply->kind = ReplyKind::kClarify;
  reply->reason = "slot";
  reply->id = intent.id;
  reply->source = ReplySource::kRule;
  if (reply->confidence == 0) reply->confidence = 0.8;
  reply->text = PickReply(slot.ask, *s, Vars({}, *s), reply);
}

std::string Engine::Rep::PickReply(
    const std::vector<internal::Located>& variants, const Session& s,
    const std::map<std::string, std::string>& vars, Reply* reply) const {
  if (variants.empty()) return "";
  // Varies from turn to turn, the same for the same conversation state:
  // conversations and tests replay exactly.
  const auto& chosen =
      variants[static_cast<size_t>(s.turn_count) % variants.size()];
  std::vector<std::string> missing;
  std::string text = internal::RenderTemplate(chosen.text, vars, &missing);
  for (const std::string& name : missing) {
    reply->trace.decisions.push_back("placeholder {" + name + "} at " +
                                     chosen.where.ToString() + " has no value");
  }
  return text;
}

std::string Engine::Rep::PickText(
    const std::map<Lang, std::vector<internal::Located>>& by_lang, Lang lang,
    const char* fallback, const Session& s,
    const std::map<std::string, std::string>& vars, Reply* reply) const {
  auto it = by_lang.find(lang);
  if (it == by_lang.end() || it->second.empty()) return fallback;
  return PickReply(it->second, s, vars, reply);
}

std::map<std::string, std::string> Engine::Rep::Vars(
    const std::vector<EntityMention>& mentions, const Session& s) const {
  std::map<std::string, std::string> vars = rules.settings.values;
  for (const EntityMention& m : mentions) vars.emplace(m.name, m.value);
  for (const auto& [name, value] : s.slots) vars[name] = value;
  return vars;
}

const EntityMention* Engine::Rep::FindMention(
    const std::vector<EntityMention>& mentions, const std::string& name) {
  for (const EntityMention& m : mentions) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

const internal::SlotDef* Engine::Rep::FindSlot(const IntentDef& intent,
                                               const std::string& name) {
  for (const auto& slot : intent.slots) {
    if (slot.name == name) return &slot;
  }
  return nullptr;
}

}  // namespace libbot
