// Copyright 2026 The libbot Authors.
//
// Editor tools: lint findings, inline tests and pattern coverage.
#include <algorithm>
#include <deque>
#include <set>

#include "engine/engine_rep.h"
#include "engine/render.h"
#include "libbot/kb.h"
#include "load/settings_table.h"
#include "util/edit_distance.h"

namespace libbot {

using internal::IntentDef;
using internal::PatternProgram;

namespace {

// The text of a symbol that makes a token offer it: "w:jelszo" → "jelszo".
bool SymbolText(const std::string& symbol, std::string* text) {
  const char kind = symbol[0];
  const std::string rest = symbol.substr(2);
  if (kind == 'w' || kind == 'f') {
    *text = rest;
    return true;
  }
  if (kind == 'e') {
    // A built-in entity's sample; regex entities have none.
    const internal::BuiltinEntity* entity = internal::FindBuiltinEntity(rest);
    if (entity == nullptr) return false;
    *text = std::string(entity->sample);
    return true;
  }
  return false;  // entity continuations, regex entities: no sample
}

// The shortest message the program matches, built from the first symbol of
// each predicate on the shortest path through the NFA. Empty if none can be
// built (a regex entity or a raw regex on the way).
std::string ShortestExample(const PatternProgram& program,
                            const internal::Matcher& matcher,
                            const internal::PredicateTable& predicates) {
  if (!program.raw_regex_text.empty()) return "";
  const size_t n = program.insts.size();
  std::vector<int> cost(n, INT32_MAX);
  std::vector<int> from(n, -1);
  std::vector<std::string> word(n);
  std::deque<uint32_t> queue{0};
  cost[0] = 0;
  while (!queue.empty()) {  // 0-1 BFS: tokens cost 1, jumps 0
    const uint32_t pc = queue.front();
    queue.pop_front();
    const internal::Inst& inst = program.insts[pc];
    auto relax = [&](uint32_t to, int step, const std::string& w) {
      if (to < n && cost[pc] + step < cost[to]) {
        cost[to] = cost[pc] + step;
        from[to] = static_cast<int>(pc);
        word[to] = w;
        if (step == 0) {
          queue.push_front(to);
        } else {
          queue.push_back(to);
        }
      }
    };
    switch (inst.op) {
      case internal::Inst::kToken: {
        std::string text;
        const auto& symbols = predicates[inst.x];
        if (!symbols.empty() &&
            SymbolText(matcher.symbols().name(symbols[0]), &text)) {
          relax(pc + 1, 1, text);
        }
        break;
      }
      case internal::Inst::kAny:
        relax(pc + 1, 1, "x");
        break;
      case internal::Inst::kSplit:
        relax(inst.x, 0, "");
        relax(inst.y, 0, "");
        break;
      case internal::Inst::kJmp:
        relax(inst.x, 0, "");
        break;
      case internal::Inst::kAssertEnd:
        relax(pc + 1, 0, "");
        break;
      case internal::Inst::kAssertSet: {
        // The set's words, wherever it stands (one of each element).
        std::string text, words;
        for (const auto& element : program.sets[inst.x]) {
          if (!element.empty() &&
              SymbolText(matcher.symbols().name(element[0]), &text))
            words += (words.empty() ? "" : " ") + text;
        }
        relax(pc + 1, 0, words);
        break;
      }
      case internal::Inst::kMatch:
        break;
    }
  }
  const uint32_t match = static_cast<uint32_t>(n - 1);
  if (cost[match] == INT32_MAX) return "";
  std::vector<std::string> words;
  for (int pc = static_cast<int>(match); pc > 0; pc = from[pc]) {
    if (!word[pc].empty() && word[pc] != "x") words.push_back(word[pc]);
  }
  std::reverse(words.begin(), words.end());
  // A set's step carries all its words, space-separated: one word each.
  std::vector<std::string> split;
  for (const std::string& w : words) {
    size_t start = 0;
    while (start <= w.size()) {
      const size_t space = std::min(w.find(' ', start), w.size());
      if (space > start) split.push_back(w.substr(start, space - start));
      start = space + 1;
    }
  }
  words = std::move(split);
  // Words required anywhere (<...>) that the sequence did not contain.
  for (const auto& element : program.required) {
    std::string text;
    if (!element.empty() &&
        SymbolText(matcher.symbols().name(element[0]), &text) &&
        std::find(words.begin(), words.end(), text) == words.end()) {
      words.push_back(text);
    }
  }
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// Two patterns with the same canonical form match the same messages.
std::string Canonical(const PatternProgram& program) {
  std::string out = program.anchored_start ? "^" : "";
  for (const auto& inst : program.insts) {
    out += std::to_string(inst.op) + "," + std::to_string(inst.x) + "," +
           std::to_string(inst.y) + ";";
  }
  for (const auto& element : program.required) {
    out += "r";
    for (auto s : element) out += "," + std::to_string(s);
  }
  for (auto s : program.forbidden) out += "!" + std::to_string(s);
  return out + "/" + program.raw_regex_text;
}

}  // namespace

std::vector<uint32_t> internal::EngineRep::MatchedPatterns(
    std::string_view text, Lang lang) const {
  std::vector<uint32_t> out;
  const LangRules* lr = ForLang(lang);
  if (lr == nullptr) return out;
  const Analysis analysis = analyzer->Analyze(text, lang);
  std::vector<internal::EntityMention> mentions;
  entities->Extract(text, analysis, &mentions);
  internal::MatchInput input;
  BuildInput(lr->matcher.symbols(), analysis, mentions, &input);
  std::vector<internal::PatternHit> hits;
  lr->matcher.Match(input, &hits);
  for (const auto& h : hits) out.push_back(h.pattern);
  return out;
}

std::string Engine::UnknownExpectation(std::string_view expect) const {
  if (std::string_view id; internal::AskedIntent(expect, &id)) {
    // "ask:ID": ID must be an intent that has details to ask for.
    // "ask:ask:..." would recurse once per prefix: no recursion at all.
    if (std::string_view inner; internal::AskedIntent(id, &inner))
      return "unknown expected id '" + std::string(expect) + "'";
    for (const IntentDef& intent : rep_->rules.intents) {
      if (intent.id != id) continue;
      if (!intent.slots.empty()) return "";
      return "'" + std::string(expect) + "': intent '" + std::string(id) +
             "' has no slots, so the bot never asks for its details";
    }
    const std::string why = UnknownExpectation(id);
    return why.empty() ? "'" + std::string(expect) + "': '" + std::string(id) +
                             "' is a FAQ entry; only intents ask for details"
                       : why;
  }
  std::vector<std::string_view> known;
  for (const internal::KindExpectation& k : internal::KindExpectations())
    known.push_back(k.name);
  for (const IntentDef& intent : rep_->rules.intents)
    known.push_back(intent.id);
  for (const internal::FaqEntry& entry : rep_->faq) known.push_back(entry.id);
  // Known: no distances to compute (an evaluation set checks every row).
  if (std::find(known.begin(), known.end(), expect) != known.end()) return "";
  std::string_view closest;
  size_t best = std::string::npos;
  for (std::string_view id : known) {
    // Ids are short; a bounded cost whatever the input's length.
    if (expect.size() > 2 * id.size() + 8) continue;
    const size_t d = internal::EditDistance(expect, id);
    if (d < best) {
      best = d;
      closest = id;
    }
  }
  std::string why = "unknown expected id '" + std::string(expect) + "'";
  // Near enough to be a typo: a third of its letters, at least two.
  if (best <= std::max<size_t>(2, expect.size() / 3))
    why += " (did you mean '" + std::string(closest) + "'?)";
  return why;
}

EngineSize Engine::Size() const {
  EngineSize size;
  std::set<std::string_view> intents, entries;
  for (const IntentDef& intent : rep_->rules.intents) {
    intents.insert(intent.id);
    size.patterns += intent.patterns.size();
    size.examples += intent.examples.size();
    size.tests += intent.tests.size();
  }
  size.tests += rep_->rules.tests.size();
  for (const internal::FaqEntry& entry : rep_->faq) {
    entries.insert(entry.id);
    size.tests += entry.tests.size();
  }
  size.intents = intents.size();
  size.faq_entries = entries.size();
  return size;
}

std::vector<InlineTestResult> Engine::RunInlineTests() const {
  std::vector<InlineTestResult> results;
  // Each test in a fresh conversation, in the language of its file.
  auto run = [&](const internal::InlineTest& test, const std::string& intent) {
    InlineTestResult r;
    r.where = test.where.ToString();
    r.intent = intent;
    r.text = test.text;
    r.expect = test.expect;
    Session session;
    r.reply = rep_->Answer(test.text, &session, test.lang, /*trace=*/true);
    r.error = UnknownExpectation(test.expect);
    r.passed = r.error.empty() && MeetsExpectation(r.reply, test.expect);
    results.push_back(std::move(r));
  };
  for (const IntentDef& intent : rep_->rules.intents) {
    for (const auto& test : intent.tests) run(test, intent.id);
  }
  for (const auto& test : rep_->rules.tests) run(test, "");
  for (const internal::FaqEntry& entry : rep_->faq) {
    for (const auto& test : entry.tests) run(test, entry.id);
  }
  return results;
}

std::vector<std::string> Engine::UncoveredEntries(
    const std::vector<InlineTestResult>& results) const {
  std::set<std::pair<std::string, Lang>> answered;
  for (const auto& r : results) {
    if (r.passed && r.reply.kind == ReplyKind::kAnswer)
      answered.insert({r.reply.id, r.reply.lang});
  }
  std::vector<std::string> out;
  for (const internal::FaqEntry& entry : rep_->faq) {
    if (answered.count({entry.id, entry.lang})) continue;
    out.push_back(entry.where.ToString() + ": " + entry.id + " (" +
                  std::string(LangCode(entry.lang)) + ")");
  }
  return out;
}

std::vector<std::string> Engine::UncoveredPatterns(
    const std::vector<InlineTestResult>& results) const {
  std::set<std::pair<size_t, uint32_t>>
      covered;  // (language slot, matcher pattern)
  for (const auto& r : results) {
    for (uint32_t p : rep_->MatchedPatterns(r.text, r.reply.lang)) {
      covered.insert({internal::EngineRep::LangSlot(r.reply.lang), p});
    }
  }
  std::vector<std::string> out;
  for (Lang lang : {Lang::kHu, Lang::kPl}) {
    const internal::EngineRep::LangRules* lr = rep_->ForLang(lang);
    for (uint32_t p = 0; p < lr->refs.size(); ++p) {
      if (covered.count({internal::EngineRep::LangSlot(lang), p})) continue;
      const IntentDef& intent = rep_->rules.intents[lr->refs[p].intent];
      const auto& pattern = intent.patterns[lr->refs[p].pattern];
      out.push_back(pattern.where.ToString() + ": " + intent.id + ": " +
                    pattern.text);
    }
  }
  return out;
}

namespace {

// The checks of Engine::Lint(), each a named step over the loaded rules.
class Linter {
 public:
  Linter(const Engine& engine, const internal::EngineRep& rep)
      : engine_(engine), rep_(rep) {}

  std::vector<Finding> Run() {
    for (const auto& w : rep_.warnings)
      Add(FindingKind::kLoad, w.where, w.message, w.error);
    for (Lang lang : {Lang::kHu, Lang::kPl}) CheckPatterns(lang);
    for (const IntentDef& intent : rep_.rules.intents) {
      CheckLanguagePair(intent);
      CheckPlaceholders(intent);
      CheckExpectations(intent.tests);
      CheckGreetingTexts("intent '" + intent.id + "'", intent.lang,
                         intent.examples);
    }
    for (const internal::FaqEntry& entry : rep_.faq)
      CheckGreetingTexts("FAQ entry '" + entry.id + "'", entry.lang,
                         entry.questions);
    CheckSharedTexts();
    CheckExpectations(rep_.rules.tests);
    CheckFallbackReplies();
    CheckPolicyTexts();
    CheckFaqEntries();
    CheckKnowledgeBaseFresh();
    std::stable_sort(
        findings_.begin(), findings_.end(),
        [](const Finding& a, const Finding& b) { return a.where < b.where; });
    CheckFaqTests();  // after the sort: they follow the rule findings
    return std::move(findings_);
  }

 private:
  void Add(FindingKind kind, const internal::SourceLocation& where,
           const std::string& message, bool error) {
    findings_.push_back({where.ToString(), message, error, kind});
  }

  // Duplicate patterns, patterns another intent always beats, and patterns
  // none of their intent's tests exercise.
  void CheckPatterns(Lang lang) {
    const internal::EngineRep::LangRules* lr = rep_.ForLang(lang);
    std::map<std::string, uint32_t> by_text;
    for (uint32_t p = 0; p < lr->refs.size(); ++p) {
      const IntentDef& intent = rep_.rules.intents[lr->refs[p].intent];
      const auto& pattern = intent.patterns[lr->refs[p].pattern];
      // Two patterns that compile to the same program match the same
      // messages, however they were written.
      const std::string canonical = Canonical(lr->matcher.program(p));
      auto [it, inserted] = by_text.emplace(canonical, p);
      if (!inserted) {
        const IntentDef& first =
            rep_.rules.intents[lr->refs[it->second].intent];
        const auto& first_pattern =
            first.patterns[lr->refs[it->second].pattern];
        Add(FindingKind::kDuplicatePattern, pattern.where,
            "pattern '" + pattern.text + "' of '" + intent.id +
                "' is the same as '" + first_pattern.text + "' of '" +
                first.id + "' at " + first_pattern.where.ToString(),
            true);
        continue;
      }
      CheckMatchesEverything(*lr, p, intent, pattern);
      CheckLooseSetItems(lr->matcher.program(p), intent, pattern);
      CheckShadowed(lang, *lr, p, intent, pattern);
      CheckTested(lang, p, intent, pattern);
    }
  }

  // "[szia]", "*", "^ * $": a pattern that needs no word matches every
  // message, so its intent answers whatever the customer writes. Seen as:
  // nothing required or forbidden, and it matches 0, 1 and 50 tokens that
  // carry no word at all.
  void CheckMatchesEverything(const internal::EngineRep::LangRules& lr,
                              uint32_t p, const IntentDef& intent,
                              const internal::Located& pattern) {
    const internal::PatternProgram& program = lr.matcher.program(p);
    if (!program.raw_regex_text.empty() || !program.required.empty() ||
        !program.forbidden.empty())
      return;
    for (size_t n : {0, 1, 50}) {
      const std::vector<std::vector<internal::SymbolId>> tokens(n);
      size_t begin = 0, end = 0;
      size_t budget = internal::Matcher::kMaxMatchSteps;
      if (!internal::RunProgram(program, lr.matcher.predicates(), tokens,
                                &begin, &end, &budget))
        return;
    }
    Add(FindingKind::kMatchesEverything, pattern.where,
        "pattern '" + pattern.text + "' of '" + intent.id +
            "' matches every message: it needs no word",
        false);
  }

  // The simplest message the pattern matches, answered as a customer's:
  // when another intent's pattern answers it, this one can never win.
  void CheckShadowed(Lang lang, const internal::EngineRep::LangRules& lr,
                     uint32_t p, const IntentDef& intent,
                     const internal::Located& pattern) {
    const std::string example = ShortestExample(
        lr.matcher.program(p), lr.matcher, lr.matcher.predicates());
    if (example.empty() || !intent.context.empty()) return;
    Session session;
    const Reply reply = rep_.Answer(example, &session, lang, /*trace=*/true);
    if (reply.id == intent.id || reply.source != ReplySource::kRule) return;
    Add(FindingKind::kShadowedPattern, pattern.where,
        "pattern '" + pattern.text + "' of '" + intent.id +
            "' is shadowed: its simplest message \"" + example +
            "\" is answered by '" + reply.id + "' (" +
            (reply.trace.candidates.empty() ? ""
                                            : reply.trace.candidates[0].where) +
            ")",
        false);
  }

  void CheckTested(Lang lang, uint32_t p, const IntentDef& intent,
                   const internal::Located& pattern) {
    if (intent.tests.empty()) return;  // reported once, by CheckLanguagePair
    for (const auto& test : intent.tests) {
      const auto matched = rep_.MatchedPatterns(test.text, lang);
      if (std::find(matched.begin(), matched.end(), p) != matched.end()) return;
    }
    Add(FindingKind::kUntestedPattern, pattern.where,
        "pattern '" + pattern.text + "' matches none of the tests of '" +
            intent.id + "'",
        false);
  }

  // Intents in one language but not the other, and intents without tests.
  void CheckLanguagePair(const IntentDef& intent) {
    if (rep_.FindIntent(OtherLang(intent.lang), intent.id) == nullptr)
      OnlyIn(intent.lang, "intent '" + intent.id + "'", intent.where);
    if (intent.tests.empty())
      Add(FindingKind::kNoTests, intent.where,
          "intent '" + intent.id + "' has no tests", false);
  }

  // A test whose expectation names nothing the bot has could never pass.
  void CheckExpectations(const std::vector<internal::InlineTest>& tests) {
    for (const internal::InlineTest& test : tests) {
      const std::string why = engine_.UnknownExpectation(test.expect);
      if (!why.empty())
        Add(FindingKind::kUnknownExpectation, test.where, why, true);
    }
  }

  // A {placeholder} in a reply needs a slot, an entity of a pattern
  // ($order_number) or a settings value to fill it; a slot's question and
  // help may also use the intent's slots, and help its {example}.
  void CheckPlaceholders(const IntentDef& intent) {
    std::set<std::string> fillable = SettingsValueNames();
    for (const auto& slot : intent.slots) fillable.insert(slot.name);
    for (const auto& pattern : intent.patterns) {
      for (size_t at = pattern.text.find('$'); at != std::string::npos;
           at = pattern.text.find('$', at + 1)) {
        size_t end = at + 1;
        while (end < pattern.text.size() &&
               (std::isalnum(static_cast<unsigned char>(pattern.text[end])) ||
                pattern.text[end] == '_')) {
          ++end;
        }
        fillable.insert(pattern.text.substr(at + 1, end - at - 1));
      }
    }
    const std::string owner = "a reply of '" + intent.id + "'";
    for (const auto& reply : intent.replies)
      CheckTemplate(reply, fillable, false, owner,
                    "no slot, pattern entity or "
                    "settings value fills it");
    for (const auto& slot : intent.slots) {
      const std::string of_slot =
          "slot '" + slot.name + "' of '" + intent.id + "'";
      for (const auto& ask : slot.ask) {
        CheckTemplate(ask, fillable, false, "the question of " + of_slot,
                      "no slot or settings value fills it");
      }
      std::set<std::string> with_example = fillable;
      with_example.insert("example");
      for (const auto& help : slot.help) {
        CheckTemplate(help, with_example, false, "the help of " + of_slot,
                      "only {example}, the intent's slots and settings "
                      "values fill it");
      }
    }
  }

  // The policy's own texts (fallback:, confirm:, ...) are filled with the
  // settings' values, the conversation's slots and the message's entities,
  // and confirm: with {choice}: a name that is none of these is a typo.
  void CheckPolicyTexts() {
    const std::set<std::string> fillable = ConversationNames();
    for (const internal::LangTextsSpec& spec : internal::LangTextsSpecs()) {
      std::set<std::string> names = fillable;
      names.insert(spec.placeholders.begin(), spec.placeholders.end());
      for (const auto& [lang, texts] : rep_.rules.settings.*spec.texts) {
        for (const auto& text : texts) {
          CheckTemplate(text, names, true,
                        "a " + std::string(spec.key) + ": text",
                        "it is no settings value, slot or entity");
        }
      }
    }
  }

  // FAQ entries: in both languages, and their answers' placeholders filled
  // (a {telefon_hu} that is no settings value renders as nothing).
  void CheckFaqEntries() {
    std::set<std::pair<Lang, std::string>> present;
    for (const internal::FaqEntry& entry : rep_.faq)
      present.insert({entry.lang, entry.id});
    const std::set<std::string> fillable = ConversationNames();
    for (const internal::FaqEntry& entry : rep_.faq) {
      if (!present.count({OtherLang(entry.lang), entry.id}))
        OnlyIn(entry.lang, "FAQ entry '" + entry.id + "'", entry.where);
      // The database keeps the entry's place, not its answer's.
      internal::Located answer = entry.answer;
      if (answer.where.file.empty()) answer.where = entry.where;
      CheckTemplate(answer, fillable, true,
                    "the answer of FAQ entry '" + entry.id + "'",
                    "it is no settings value, slot or entity");
    }
  }

  // The database may be older than its sources: then every FAQ finding
  // above is about the old entries.
  void CheckKnowledgeBaseFresh() {
    const std::string warning =
        KbWarning(rep_.options.rules_dir, rep_.options.kb_path);
    if (warning.empty()) return;
    const std::string& where = rep_.options.kb_path.empty()
                                   ? rep_.options.rules_dir
                                   : rep_.options.kb_path;
    Add(FindingKind::kStaleKnowledgeBase, {where, 0, 0}, warning, false);
  }

  // "<@saldo konto>" with the item "ile * środków": inside <...> only
  // "ile" is needed, so "ile kosztuje dostawa?" matches.
  void CheckLooseSetItems(const internal::PatternProgram& program,
                          const IntentDef& intent,
                          const internal::Located& pattern) {
    std::set<std::string> said;
    for (const std::string& item : program.loose_set_items) {
      if (!said.insert(item).second) continue;
      Add(FindingKind::kLooseSetItem, pattern.where,
          "pattern '" + pattern.text + "' of '" + intent.id +
              "': inside <...> only the first word of " + item +
              " is needed, so a message with that word alone matches; use "
              "one-word items inside <...>, or give the phrase a pattern of "
              "its own",
          false);
    }
  }

  static Lang OtherLang(Lang lang) {
    return lang == Lang::kHu ? Lang::kPl : Lang::kHu;
  }

  // "intent 'x' exists in hu but not in pl": one finding for intents and
  // FAQ entries alike.
  void OnlyIn(Lang lang, const std::string& what,
              const internal::SourceLocation& where) {
    Add(FindingKind::kOneLanguage, where,
        what + " exists in " + std::string(LangCode(lang)) + " but not in " +
            std::string(LangCode(OtherLang(lang))),
        false);
  }

  // `fillable` names, and with `entities` any entity a message may carry.
  void CheckTemplate(const internal::Located& text,
                     const std::set<std::string>& fillable, bool entities,
                     const std::string& owner, const std::string& why) {
    for (const std::string& name : internal::TemplatePlaceholders(text.text)) {
      if (!fillable.count(name) &&
          !(entities && rep_.entities->Defined(name))) {
        Add(FindingKind::kPlaceholder, text.where,
            "placeholder {" + name + "} in " + owner + ": " + why +
                " (customers would see nothing there)",
            true);
      }
    }
  }

  std::set<std::string> SettingsValueNames() const {
    std::set<std::string> names;
    for (const auto& [name, value] : rep_.rules.settings.values)
      names.insert(name);
    return names;
  }

  // What a text outside an intent may name: settings values, any intent's
  // slots (the conversation may have them). Entities are checked apart:
  // CheckTemplate's `entities`.
  std::set<std::string> ConversationNames() const {
    std::set<std::string> names = SettingsValueNames();
    for (const IntentDef& intent : rep_.rules.intents)
      for (const auto& slot : intent.slots) names.insert(slot.name);
    return names;
  }

  void CheckFallbackReplies() {
    // Without a settings file, the rules folder is the place to add one.
    const internal::SourceLocation settings_at =
        rep_.rules.settings.where.file.empty()
            ? internal::SourceLocation{rep_.options.rules_dir, 0, 0}
            : rep_.rules.settings.where;
    for (Lang lang : {Lang::kHu, Lang::kPl}) {
      if (!rep_.rules.settings.fallback_replies.count(lang)) {
        Add(FindingKind::kNoFallbackText, settings_at,
            "no fallback replies for " + std::string(LangCode(lang)) +
                ": a built-in text is used",
            false);
      }
    }
  }

  // An example or question that is only a greeting or a thanks ("Dzień
  // dobry", "Köszönöm szépen") among texts that say something: the bot
  // takes the intent or entry for a greeting, and a message that is a
  // greeting around a question may be read whole and answered by it
  // (EngineRep::SearchMessage). A greeting intent whose texts are mostly
  // greetings is what it should be (EngineRep::MostlyCourtesy: "Csókolom",
  // a greeting no list knows, beside "Szia" and "Jó napot").
  void CheckGreetingTexts(const std::string& owner, Lang lang,
                          const std::vector<internal::Located>& texts) {
    std::vector<const internal::Located*> greetings;
    for (const internal::Located& text : texts) {
      const Analysis a = rep_.analyzer->Analyze(text.text, lang);
      if (rep_.ReadFraming(text.text, a, lang).kind ==
          internal::EngineRep::Framing::kWhole)
        greetings.push_back(&text);
    }
    if (greetings.empty() ||
        internal::EngineRep::MostlyCourtesy(greetings.size(), texts.size()))
      return;
    for (const internal::Located* text : greetings) {
      Add(FindingKind::kGreetingText, text->where,
          "\"" + text->text + "\" of " + owner +
              " is only a greeting or thanks: the bot will take greetings "
              "for " +
              owner + "; give greetings an intent of their own",
          false);
    }
  }

  // The same example or question (the same words, whatever their case,
  // accents and punctuation) under two intents or entries: the search finds
  // both equally, so the text says nothing about which one is meant. Worst
  // between an intent and an out_of_scope one, which then declines what the
  // other should answer.
  void CheckSharedTexts() {
    std::map<std::pair<Lang, std::string>, SharedTextOwner> first;
    auto check = [&](const std::string& owner, Lang lang,
                     const std::vector<internal::Located>& texts) {
      for (const internal::Located& text : texts) {
        const std::string words = FoldedWords(text.text, lang);
        if (words.empty()) continue;
        const auto [it, added] =
            first.try_emplace({lang, words}, SharedTextOwner{owner, &text});
        if (added || it->second.owner == owner) continue;
        Add(FindingKind::kSharedText, text.where,
            "\"" + text.text + "\" of " + owner + " is also a text of " +
                it->second.owner + " (" + it->second.text->where.ToString() +
                "): it cannot tell them apart; keep it in one",
            false);
      }
    };
    for (const IntentDef& intent : rep_.rules.intents)
      check("intent '" + intent.id + "'", intent.lang, intent.examples);
    for (const internal::FaqEntry& entry : rep_.faq)
      check("FAQ entry '" + entry.id + "'", entry.lang, entry.questions);
  }
  struct SharedTextOwner {
    std::string owner;
    const internal::Located* text;
  };
  // A text's tokens but symbols, folded, one space apart ("Mennyibe
  // kerül?" and "mennyibe kerul" are the same).
  std::string FoldedWords(const std::string& text, Lang lang) const {
    std::string words;
    for (const Token& token : rep_.analyzer->Analyze(text, lang).tokens) {
      if (token.kind == TokenKind::kSymbol) continue;
      if (!words.empty()) words += ' ';
      words += token.folded;
    }
    return words;
  }

  // A test that repeats one of its entry's questions (accents, case and
  // punctuation aside) proves nothing about how customers write.
  void CheckFaqTests() {
    for (const internal::FaqEntry& entry : rep_.faq) {
      std::set<std::string> questions;
      for (const auto& q : entry.questions)
        questions.insert(FoldedWords(q.text, entry.lang));
      for (const auto& test : entry.tests) {
        if (questions.count(FoldedWords(test.text, entry.lang))) {
          Add(FindingKind::kTestRepeatsQuestion, test.where,
              "test \"" + test.text + "\" repeats a question of " + entry.id +
                  "; write it the way a customer would ask",
              false);
        }
      }
    }
  }

  const Engine& engine_;
  const internal::EngineRep& rep_;
  std::vector<Finding> findings_;
};

}  // namespace

std::vector<Finding> Engine::Lint() const { return Linter(*this, *rep_).Run(); }

}  // namespace libbot
