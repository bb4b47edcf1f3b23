// Copyright 2026 The libbot Authors.
#include "engine/policy.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "engine/render.h"
#include "util/utf8.h"

namespace libbot::internal {

const char* DefaultFallbackText(Lang lang) {
  return lang == Lang::kPl
             ? "Przepraszam, nie zrozumiałem. Czy może Pan/Pani napisać to inaczej?"
             : "Elnézést, ezt nem értettem. Megfogalmazná másképp?";
}

const char* DefaultHandoffText(Lang lang) {
  return lang == Lang::kPl
             ? "Przekazuję rozmowę do konsultanta, proszę chwilę poczekać."
             : "Átadom a beszélgetést egy kollégámnak, kérem, várjon egy kicsit.";
}

const char* DefaultClarifyText(Lang lang) {
  return lang == Lang::kPl ? "Czy chodzi o:" : "Erre gondolt?";
}

const char* DefaultConfirmText(Lang lang) {
  return lang == Lang::kPl ? "Czy chodzi o: „{choice}” (tak / nie)"
                           : "Erre gondolt: „{choice}” (igen / nem)";
}

const char* DefaultHandedOverText(Lang lang) {
  return lang == Lang::kPl
             ? "Rozmowa jest już przekazana konsultantowi, który wkrótce "
               "odpowie. Dziękuję za cierpliwość."
             : "A beszélgetést már átadtam egy kollégámnak, hamarosan "
               "válaszol. Köszönöm a türelmét.";
}

const char* DefaultCancelledText(Lang lang) {
  return lang == Lang::kPl ? "Dobrze, nie ma sprawy. W czym jeszcze mogę pomóc?"
                           : "Rendben, akkor hagyjuk. Miben segíthetek még?";
}

const char* DefaultSlotHelpText(Lang lang, bool with_example) {
  if (lang == Lang::kPl) {
    return with_example
               ? "Nie rozpoznałem tego, czego potrzebuję. Proszę podać to "
                 "w takiej postaci: {example}. Jeśli to nieaktualne, proszę "
                 "napisać „nieważne”."
               : "Nie rozpoznałem tego, czego potrzebuję. Proszę spróbować "
                 "jeszcze raz albo napisać „nieważne”.";
  }
  return with_example
             ? "Ebből nem tudtam kiolvasni, amire szükségem van. Kérem, "
               "ilyen formában írja meg: {example}. Ha már nem aktuális, "
               "írja azt, hogy „mégsem”."
             : "Ebből nem tudtam kiolvasni, amire szükségem van. Kérem, "
               "próbálja újra, vagy írja azt, hogy „mégsem”.";
}

const char* DefaultOutOfRangeText(Lang lang) {
  return lang == Lang::kPl ? "Proszę wybrać numer od 1 do {count}:"
                           : "Kérem, 1 és {count} közötti számot írjon:";
}

std::string ChoiceLabel(const std::string& title,
                        const std::vector<Located>& questions,
                        std::string_view first_answer_sentence,
                        const std::string& id) {
  if (!title.empty()) return title;
  if (!questions.empty()) return questions[0].text;
  if (first_answer_sentence.empty()) return id;
  std::string label(first_answer_sentence);
  if (label.size() <= kMaxAnswerLabelBytes) return label;
  // Cut at the last space that keeps the label within the bound: a space
  // is one byte, so the cut never splits a UTF-8 sequence.
  const size_t space = label.rfind(' ', kMaxAnswerLabelBytes);
  if (space == std::string::npos || space == 0) return id;
  label.resize(space);
  while (!label.empty() &&
         (label.back() == ',' || label.back() == ';' || label.back() == ':'))
    label.pop_back();
  return label + "…";
}

namespace {

// ---------------------------------------------------------------------------
// The Session changes only through these operations.

// Forgets the slots gathered so far (and when each came).
void ForgetSlots(Session* s) {
  s->slots.clear();
  s->slot_turns.clear();
  s->slots_intent.clear();
}

// Forgets a slot question the bot asked and the slots gathered for it.
void ForgetPendingQuestion(Session* s) {
  if (!s->pending_intent.empty()) ForgetSlots(s);
  s->pending_intent.clear();
  s->pending_slot.clear();
}

// The intent got all its slots and answers: the question is over, the
// slots stay in the session for the host (Session::slots_intent).
void CloseQuestion(Session* s) {
  s->pending_intent.clear();
  s->pending_slot.clear();
}

// The customer gave slot `name` of `intent` in this message (the turn
// RecordTurn() is about to count).
void FillSlot(Session* s, const IntentDef& intent, const std::string& name,
              std::string value) {
  if (s->slots_intent != intent.id) ForgetSlots(s);
  s->slots_intent = intent.id;
  s->slots[name] = std::move(value);
  s->slot_turns[name] = std::min(s->turn_count + 1, Session::kMaxCounter);
}

// The bot asked for slot `slot` of `intent`: the next message may answer.
void AwaitSlot(Session* s, const IntentDef& intent, const SlotDef& slot) {
  s->pending_intent = intent.id;
  s->pending_slot = slot.name;
}

// Remembers the choices a "which one?" reply offered (OwnerKey each).
void RememberChoices(Session* s, std::vector<std::string> keys) {
  s->choices = std::move(keys);
}

void ForgetChoices(Session* s) { s->choices.clear(); }

// A session's counters stop at Session::kMaxCounter: a session the engine
// writes must read back (FromJson refuses more).
int Increment(int* counter) {
  if (*counter < Session::kMaxCounter) ++*counter;
  return *counter;
}

// Returns the number of fallbacks in a row, this one included.
int CountFallback(Session* s) { return Increment(&s->consecutive_fallbacks); }

// The bot understood the customer: the fallback run ends.
void ResetFallbacks(Session* s) { s->consecutive_fallbacks = 0; }

// A person takes the conversation over (until the host sets it back).
void MarkHandedOver(Session* s) { s->handed_over = true; }

// Returns the number of complaints in the conversation, this one included.
int CountComplaint(Session* s) { return Increment(&s->complaints); }

// ---------------------------------------------------------------------------
// Small helpers.

// What a session keeps of an entity's value: at most
// Session::kMaxSlotValueBytes (a regex entity may match a long run of the
// message), cut at a character boundary, so that the session reads back.
std::string SlotValue(const EntityMention& m) {
  return std::string(TruncateUtf8(m.value, Session::kMaxSlotValueBytes));
}

const EntityMention* FindMention(const std::vector<EntityMention>& mentions,
                                 const std::string& name) {
  for (const EntityMention& m : mentions) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

const SlotDef* FindSlot(const IntentDef& intent, const std::string& name) {
  for (const auto& slot : intent.slots) {
    if (slot.name == name) return &slot;
  }
  return nullptr;
}

std::string TwoDecimals(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.2f", value);
  return text;
}

// The hit to answer with: the most probable. (Usually the first by rank;
// the probability also weighs the lead over the others.)
const SearchHit* BestHit(const std::vector<SearchHit>& hits) {
  if (hits.empty()) return nullptr;
  const SearchHit* best = &hits[0];
  for (const auto& h : hits) {
    if (h.probability > best->probability) best = &h;
  }
  return best;
}

// A pattern's confidence grows with the share of the message's words it
// matched literally: "jelszó" alone in a long message is less sure.
double PatternConfidence(const EngineRep::Match& m, const Analysis& analysis) {
  size_t words = 0;
  for (const Token& t : analysis.tokens) words += t.kind != TokenKind::kSymbol;
  const double coverage =
      words == 0 ? 1.0
                 : std::min(1.0, static_cast<double>(m.specificity) /
                                     static_cast<double>(words));
  return std::min(
      1.0, kPatternBaseConfidence + (1.0 - kPatternBaseConfidence) * coverage);
}

// "2", "a másodikat", "drugie": the number of an offered choice, 0-based, or
// -1. Ordinal words are matched by their folded stem, so any case ending
// counts; one table row per position, up to kMaxChoices.
int PickedNumber(const Analysis& analysis) {
  static const std::vector<std::vector<std::string>> kOrdinalStems = {
      {"elso", "pierwsz"}, {"masodik", "drug"}, {"harmadik", "trzec"}};
  static_assert(kMaxChoices == 3, "one row of ordinal stems per choice");
  int picked = -1;
  for (const Token& t : analysis.tokens) {
    if (t.kind == TokenKind::kNumber && t.norm.size() == 1 &&
        t.norm[0] >= '1' && t.norm[0] <= '9') {
      picked = t.norm[0] - '1';
    }
    for (size_t n = 0; n < kOrdinalStems.size() && picked < 0; ++n) {
      for (const std::string& stem : kOrdinalStems[n]) {
        if (t.folded.rfind(stem, 0) == 0) picked = static_cast<int>(n);
      }
    }
  }
  return picked;
}

// ---------------------------------------------------------------------------
// One decision. The step functions try, in DecideReply's order, whether they
// apply; each outcome fills an Outcome, and Emit() writes it into the Reply
// once.

struct Outcome {
  ReplyKind kind = ReplyKind::kFallback;
  ReplyReason reason = ReplyReason::kNone;
  ReplySource source = ReplySource::kPolicy;
  std::string id;
  double confidence = 0.0;
  std::string text;
};

class Decision {
 public:
  Decision(const EngineRep& rep, const Candidates& c, Session* s, Reply* r)
      : rep_(rep), settings_(rep.rules.settings), c_(c), s_(s), reply_(r) {}

  void Run() {
    ReadSearch();
    if (WaitForColleague()) return;
    if (HandOffOnRequest()) return;
    if (CancelQuestion()) return;
    if (TakeOfferedChoice()) return;
    if (ContinuePendingQuestion()) return;
    if (AnswerWithPattern()) return;
    if (AnswerOrAskFromSearch()) return;
    FallBack();
  }

  // After the decision: what the conversation as a whole asks for. An angry
  // customer (signals) gets the rule files' empathy line, and a person after
  // frustration_handoff_after angry messages; a bot unsure for
  // low_confidence_handoff_after replies in a row hands over too. Any
  // handoff marks the session handed over.
  void Conclude() {
    reply_->signals = c_.signals;
    reply_->frustrated = !c_.signals.empty();
    if (reply_->frustrated) Increment(&s_->frustrated_turns);
    if (reply_->kind == ReplyKind::kHandoff) {
      s_->low_confidence_turns = 0;
    } else if (!HandOffWhenFrustrated()) {
      HandOffWhenUnsure();
    }
    if (reply_->frustrated) AddEmpathy();
    if (reply_->kind == ReplyKind::kHandoff) MarkHandedOver(s_);
  }

 private:
  // The search's best hit and whether it may answer (steps 2-4 use them).
  void ReadSearch() {
    best_hit_ = BestHit(c_.hits);
    const bool probable = best_hit_ != nullptr &&
                          best_hit_->probability >= settings_.answer_threshold;
    search_confident_ =
        probable && best_hit_->score >= settings_.min_word_similarity;
    below_word_floor_ = probable && !search_confident_;
  }

  // The conversation is with a person already: the bot says so, briefly,
  // until the host ends the handoff (Session::handed_over), unless the
  // editors let it go on answering (answer_after_handoff).
  bool WaitForColleague() {
    if (!s_->handed_over || settings_.answer_after_handoff) return false;
    Note("the conversation is with a person: the bot waits");
    Outcome out;
    out.kind = ReplyKind::kHandoff;
    out.reason = ReplyReason::kHandedOver;
    out.confidence = kPolicyHandoffConfidence;
    out.text = PickText(settings_.handed_over_replies,
                        DefaultHandedOverText(reply_->lang), Vars({}));
    Emit(std::move(out));
    return true;
  }

  // "ügyintéző", "konsultanta proszę": a request for a person, however short,
  // hands over, through the bot's own handoff intent when it has one. A
  // pattern that matches decides instead (its intent may be that handoff:
  // then the reply is the rule's, and explain says so).
  bool HandOffOnRequest() {
    if (!c_.matches.empty() ||
        !rep_.signal_words.IsWhole(SignalList::kHuman, reply_->lang,
                                   c_.analysis))
      return false;
    Note("the customer asks for a person (signals: human)");
    ForgetChoices(s_);
    const int intent = rep_.handoff_intent[EngineRep::LangSlot(reply_->lang)];
    if (intent >= 0) {
      AnswerIntent(rep_.rules.intents[static_cast<size_t>(intent)],
                   kPolicyHandoffConfidence, ReplySource::kPolicy);
    } else {
      HandOff(ReplyReason::kRequested, "", ReplySource::kPolicy);
    }
    return true;
  }

  // "mégsem", "nieważne" while the bot waits for a slot or a choice: the
  // question is called off.
  bool CancelQuestion() {
    if (s_->pending_intent.empty() && s_->choices.empty()) return false;
    if (!rep_.signal_words.IsWhole(SignalList::kCancel, reply_->lang,
                                   c_.analysis))
      return false;
    Note("the customer called off the question (signals: cancel)");
    ForgetPendingQuestion(s_);
    ForgetChoices(s_);
    ResetFallbacks(s_);
    Outcome out;
    out.kind = ReplyKind::kAnswer;
    out.reason = ReplyReason::kCancelled;
    out.confidence = 1.0;
    out.text = PickText(settings_.cancelled_replies,
                        DefaultCancelledText(reply_->lang), Vars({}));
    Emit(std::move(out));
    return true;
  }

  // Step 1. A "which one?" reply offered choices: this message may pick one
  // by number, by ordinal ("a másodikat", "drugie") or by its words; a
  // "did you mean ...?" (one choice) takes a yes or a no. Words pick a
  // choice only when nothing else claims the message: a rule that matches
  // (a handoff request, a complaint) or a probable answer that was not
  // offered is what a fresh conversation would get, so it wins. A number
  // out of range offers the choices again.
  bool TakeOfferedChoice() {
    if (s_->choices.empty()) return false;
    std::vector<uint32_t> offered;
    for (const std::string& key : s_->choices) {
      auto it = rep_.owner_index.find({reply_->lang, key});
      if (it != rep_.owner_index.end()) offered.push_back(it->second);
    }
    if (offered.size() == 1) return AnswerConfirmation(offered[0]);
    std::vector<SearchHit> hits;
    const int picked = PickedNumber(c_.analysis);
    if (picked >= 0 && static_cast<size_t>(picked) < offered.size()) {
      SearchHit by_number;
      by_number.owner = offered[static_cast<size_t>(picked)];
      by_number.score = by_number.probability = 1.0;
      hits.push_back(by_number);
    } else if (picked >= 0 && !offered.empty() && OnlyANumber()) {
      Note([&] {
        return "choice " + std::to_string(picked + 1) + " was not offered (1-" +
               std::to_string(offered.size()) + "): offering them again";
      });
      OfferAgain(offered);
      return true;
    } else if (!offered.empty() && !ClaimedBeyondChoices(offered)) {
      rep_.search.Search(reply_->lang, c_.analysis, 1, &hits, offered);
      if (!hits.empty() && hits[0].score < kChoiceByWordsMin) hits.clear();
    }
    if (hits.empty()) {
      Note("the offered choices were not taken");
      ForgetChoices(s_);
      return false;
    }
    Note([&] {
      return "the customer chose '" + rep_.owners[hits[0].owner].id + "'";
    });
    SearchHit chosen = hits[0];
    chosen.probability =
        std::max(chosen.probability, settings_.answer_threshold);
    AnswerFromSearch(chosen);
    return true;
  }

  // The answer to "did you mean ...?": yes answers it, no is a
  // misunderstanding, anything else is read as a new message.
  bool AnswerConfirmation(uint32_t owner) {
    const Lang lang = reply_->lang;
    if (rep_.signal_words.IsWhole(SignalList::kYes, lang, c_.analysis) ||
        PickedNumber(c_.analysis) == 0) {
      Note([&] {
        return "the customer confirmed '" + rep_.owners[owner].id + "'";
      });
      SearchHit chosen;
      chosen.owner = owner;
      chosen.score = 1.0;
      chosen.probability = std::max(settings_.answer_threshold, 0.9);
      AnswerFromSearch(chosen);
      return true;
    }
    ForgetChoices(s_);
    if (rep_.signal_words.IsWhole(SignalList::kNo, lang, c_.analysis)) {
      Note([&] {
        return "the customer said no to '" + rep_.owners[owner].id + "'";
      });
      FallBack();
      return true;
    }
    Note("no yes or no to the confirmation: read as a new message");
    return false;
  }

  // The message is one number and nothing else that says something.
  bool OnlyANumber() const {
    size_t numbers = 0;
    for (const Token& t : c_.analysis.tokens) {
      if (t.kind == TokenKind::kNumber) {
        ++numbers;
      } else if (t.kind == TokenKind::kWord &&
                 !IsSearchStopword(reply_->lang, t.folded)) {
        return false;
      }
    }
    return numbers == 1;
  }

  // A rule matches the message, or the search's best hit is probable and
  // was not among the choices.
  bool ClaimedBeyondChoices(const std::vector<uint32_t>& offered) {
    if (!c_.matches.empty()) {
      Note("a rule matches: the message is not taken as a choice");
      return true;
    }
    if (search_confident_ && std::find(offered.begin(), offered.end(),
                                       best_hit_->owner) == offered.end()) {
      Note([&] {
        return "'" + rep_.owners[best_hit_->owner].id +
               "' is probable and was not offered: the message is not taken as "
               "a choice";
      });
      return true;
    }
    return false;
  }

  // Step 2. A pending slot question: the answer to it comes first, unless
  // the customer clearly moved on: another intent's rule (of higher
  // priority, when the message also holds the value) or, without a value,
  // a confident answer of something else (kMoveOnProbability: the question
  // makes an answer to it likelier than the search alone says). A value
  // may also be typed bare, "1117" for a postal code. After kSlotHelpAfter
  // unusable answers the bot explains what it needs, with an example; a
  // handoff for them comes only after that.
  bool ContinuePendingQuestion() {
    if (s_->pending_intent.empty()) return false;
    const IntentDef* pending =
        rep_.FindIntent(reply_->lang, s_->pending_intent);
    const SlotDef* slot =
        pending ? FindSlot(*pending, s_->pending_slot) : nullptr;
    std::string value;
    if (slot != nullptr) {
      if (const EntityMention* m = FindMention(c_.mentions, slot->entity)) {
        value = SlotValue(*m);
      } else {
        value = BareEntityValue(slot->entity, reply_->lang, c_.text);
      }
    }
    const IntentDef* matched = c_.matches.empty()
                                   ? nullptr
                                   : &rep_.rules.intents[c_.matches[0].intent];
    const bool rule_wins =
        matched != nullptr && matched->id != s_->pending_intent &&
        (value.empty() || matched->priority > pending->priority);
    const bool search_wins = value.empty() && matched == nullptr &&
                             search_confident_ &&
                             best_hit_->probability >= kMoveOnProbability &&
                             !IsOwnIntent(*best_hit_);
    if (!value.empty() && !rule_wins) {
      FillSlot(s_, *pending, slot->name, value);
      Note([&] {
        return "slot '" + slot->name + "' of '" + pending->id +
               "' filled: " + value;
      });
      AnswerIntent(*pending, kSlotFilledConfidence, ReplySource::kRule);
      return true;
    }
    if (slot != nullptr && matched == nullptr && !search_wins) {
      Note([&] { return "still waiting for slot '" + slot->name + "'"; });
      RetrySlot(*pending, *slot);
      return true;
    }
    Note([&] {
      return "pending question for '" + s_->pending_intent +
             "' dropped: the customer asked something else";
    });
    ForgetPendingQuestion(s_);
    return false;
  }

  bool IsOwnIntent(const SearchHit& hit) const {
    const EngineRep::SearchOwner& o = rep_.owners[hit.owner];
    return o.source == ReplySource::kExample &&
           rep_.rules.intents[o.index].id == s_->pending_intent;
  }

  // One more unusable answer to a slot question: ask again, then explain
  // with an example, then (past fallback_handoff_after) hand over.
  void RetrySlot(const IntentDef& intent, const SlotDef& slot) {
    if (HandOffAfterFallback(/*at_least=*/kSlotHelpAfter)) return;
    if (s_->consecutive_fallbacks < kSlotHelpAfter) {
      AskSlot(intent, slot, kSlotQuestionConfidence, ReplySource::kRule);
      return;
    }
    Note([&] { return "explaining what slot '" + slot.name + "' needs"; });
    std::map<std::string, std::string> vars = Vars({});
    const std::string_view example = EntityExample(slot.entity, reply_->lang);
    vars["example"] = std::string(example);
    EmitSlotQuestion(intent, slot, kSlotQuestionConfidence, ReplySource::kRule,
                     slot.help.empty()
                         ? RenderTemplate(DefaultSlotHelpText(reply_->lang,
                                                              !example.empty()),
                                          vars, nullptr)
                         : PickReply(slot.help, vars));
  }

  // Step 3. A pattern answers, unless its intent's priority is negative and
  // the search is confident, or the customer wrote (nearly) a question or
  // example of another answer: "Hogyan menthetek el egy terméket
  // későbbre?" is the wishlist question, though "később" may be a form of
  // "késik".
  // A pattern that read only the greeting or thanks around a question
  // (Match::framing_only) yields when the rest is a question of its own (two
  // or more words of substance, kMinQuestionWordsBesideFraming), or when a
  // search of the rest is confident: the message is then read as the rest
  // alone would be. The demo bot's "^ (szia | jó napot | ...)" answered "Jó
  // napot kívánok! Miben segíthetek?" to every question that began with a
  // greeting, off-topic ones too ("Jó napot! Milyen idő lesz holnap?"):
  // demo_eval's messages wrapped in greetings and thanks (bench/demo_bots.py)
  // were 46-50% right, and 50-76% of the off-topic ones answered. Yielding
  // to a confident search only: 81-87% right, off-topic as before; to a
  // search that found something plausible too: 90-93%, 18-29%; so: 96%, as
  // bare, and 0-1%. With one word beside it the greeting still answers:
  // "Szia, kérdeznék valamit", "Dzień dobry, mam problem z zamówieniem"
  // ask for help ("W czym mogę pomóc?" asks for more), as do the framing
  // list's "segítene?", "jest ktoś?".
  bool AnswerWithPattern() {
    const bool rest_is_question =
        c_.words_beside_framing >= kMinQuestionWordsBesideFraming;
    const auto first = search_confident_ || rest_is_question
                           ? std::find_if(c_.matches.begin(), c_.matches.end(),
                                          [](const EngineRep::Match& m) {
                                            return !m.framing_only;
                                          })
                           : c_.matches.begin();
    if (first == c_.matches.end()) {
      if (!c_.matches.empty()) {
        Note(search_confident_
                 ? "the rules read only the greeting or thanks around the "
                   "question: the search of the rest answers"
                 : "the rules read only the greeting or thanks around a "
                   "question: the rest is read alone");
      }
      return false;
    }
    const EngineRep::Match& match = *first;
    const bool question_found =
        search_confident_ &&
        best_hit_->coverage >= settings_.question_beats_pattern &&
        !(rep_.owners[best_hit_->owner].source == ReplySource::kExample &&
          rep_.owners[best_hit_->owner].index == match.intent);
    if (question_found) {
      Note([&] {
        return "a question of another answer is nearly the message: it beats "
               "the pattern";
      });
      return false;
    }
    const IntentDef& intent = rep_.rules.intents[match.intent];
    if (intent.priority < 0 && search_confident_) return false;
    AnswerIntent(intent, PatternConfidence(match, c_.analysis),
                 ReplySource::kRule);
    return true;
  }

  // Step 4. Answer when the best hit is probably right and no other is
  // about as probable; ask "which one?" when two or three are plausible and
  // together likely (asking helps only then: one plausible hit is no
  // choice, and a list of unlikely ones wastes the customer's turn); ask
  // "did you mean ...?" when one alone is fairly probable
  // (confirm_threshold).
  // (Tried: also asking when another hit is as similar in words, within
  // clarify_margin; on demo_eval's dev split it asked where it should have
  // answered, 479 -> 475 of 499 right, out-of-scope answered 0 either way.)
  bool AnswerOrAskFromSearch() {
    if (best_hit_ == nullptr) return false;
    const size_t plausible = PlausibleHits();
    const bool close =
        std::any_of(c_.hits.begin(), c_.hits.end(), [&](const SearchHit& h) {
          return &h != best_hit_ && IsPlausible(h) &&
                 best_hit_->probability - h.probability <
                     settings_.clarify_margin;
        });
    if (search_confident_ && !close) {
      AnswerFromSearch(*best_hit_);
      return true;
    }
    if (plausible >= 2 && PlausibleTogether() >= settings_.answer_threshold &&
        OfferChoices()) {
      return true;
    }
    // Probable, but too few words in common to answer outright
    // (min_word_similarity): when another hit is as similar in words, the
    // message may mean either ("utánvét vagy átutalás"), so ask.
    if (below_word_floor_ &&
        std::any_of(c_.hits.begin(), c_.hits.end(),
                    [&](const SearchHit& h) { return IsWordRival(h); }) &&
        OfferChoices(/*with_word_rivals=*/true)) {
      return true;
    }
    // One candidate alone, fairly probable, or probable with too few words
    // in common to answer outright: ask about it rather than fall back.
    const bool fairly_probable =
        best_hit_->probability >= settings_.confirm_threshold &&
        settings_.confirm_threshold < settings_.answer_threshold &&
        best_hit_->score >= settings_.min_word_similarity;
    if (plausible <= 1 && !IsOutOfScope(*best_hit_) &&
        (fairly_probable ||
         (below_word_floor_ && best_hit_->score >= kMinWordRivalScore))) {
      Confirm(*best_hit_);
      return true;
    }
    return false;
  }

  // As similar in words as the best hit (within kWordRivalMargin).
  bool IsWordRival(const SearchHit& h) const {
    return &h != best_hit_ && h.score >= kMinWordRivalScore &&
           h.score >= best_hit_->score - kWordRivalMargin;
  }

  bool IsPlausible(const SearchHit& h) const {
    return h.probability >= settings_.clarify_threshold;
  }
  // A plausible hit a "which one?" question may offer. An out_of_scope
  // intent never is one: it is no answer to choose (though, close to the
  // best hit, it keeps the best from answering outright).
  bool IsChoice(const SearchHit& h) const {
    return IsPlausible(h) && !IsOutOfScope(h);
  }
  bool IsOutOfScope(const SearchHit& h) const {
    return rep_.owners[h.owner].out_of_scope;
  }
  // Choices among the first kMaxChoices (those a question offers).
  size_t PlausibleHits() const {
    size_t n = 0;
    for (size_t i = 0; i < c_.hits.size() && i < kMaxChoices; ++i)
      n += IsChoice(c_.hits[i]);
    return n;
  }
  // The chance that one of the offered choices is right.
  double PlausibleTogether() const {
    double p = 0;
    for (size_t i = 0; i < c_.hits.size() && i < kMaxChoices; ++i)
      if (IsChoice(c_.hits[i])) p += c_.hits[i].probability;
    return std::min(1.0, p);
  }

  // Step 5.
  void FallBack() {
    if (HandOffAfterFallback()) return;
    Outcome out;
    out.kind = ReplyKind::kFallback;
    out.text = FallbackText();
    Note([&] {
      return "fallback " + std::to_string(s_->consecutive_fallbacks) +
             " in a row";
    });
    Emit(std::move(out));
  }

  // An out_of_scope intent won: a fallback in the intent's own words (the
  // settings' fallback text when it has none), counted like any other
  // toward fallback_handoff_after. Its confidence is the probability that
  // the message is one the bot does not answer.
  void DeclineOutOfScope(const IntentDef& intent, double confidence,
                         ReplySource found_by) {
    if (HandOffAfterFallback()) return;
    Note([&] {
      return "out of scope: intent '" + intent.id +
             "' teaches what the bot does not answer";
    });
    Outcome out;
    out.kind = ReplyKind::kFallback;
    out.reason = ReplyReason::kOutOfScope;
    out.source = found_by;
    out.id = intent.id;
    out.confidence = confidence;
    out.text = intent.replies.empty()
                   ? FallbackText()
                   : PickReply(intent.replies, Vars(c_.mentions));
    Emit(std::move(out));
  }

  // --- The conversation as a whole (Conclude) -------------------------------

  bool HandOffWhenFrustrated() {
    if (!reply_->frustrated) return false;
    const int angry = s_->frustrated_turns;
    const int limit = settings_.frustration_handoff_after;
    if (limit <= 0 || angry <= limit) return false;
    Note([&] {
      return "handoff: " + std::to_string(angry) +
             " messages showed anger (limit " + std::to_string(limit) + ")";
    });
    HandOff(ReplyReason::kFrustrated, "", ReplySource::kPolicy);
    return true;
  }

  // Answers, "which one?" questions and fallbacks below low_confidence
  // count; a slot question or a handoff ends the run.
  bool HandOffWhenUnsure() {
    const bool unsure = reply_->reason != ReplyReason::kSlot &&
                        reply_->reason != ReplyReason::kCancelled &&
                        reply_->confidence < settings_.low_confidence;
    if (!unsure) {
      s_->low_confidence_turns = 0;
      return false;
    }
    const int turns = Increment(&s_->low_confidence_turns);
    const int limit = settings_.low_confidence_handoff_after;
    if (limit <= 0 || turns <= limit) return false;
    Note([&] {
      return "handoff: " + std::to_string(turns) +
             " unsure replies in a row (limit " + std::to_string(limit) + ")";
    });
    HandOff(ReplyReason::kLowConfidence, "", ReplySource::kPolicy);
    s_->low_confidence_turns = 0;
    return true;
  }

  // The rule files' `empathy:` line before the reply (none: no line).
  void AddEmpathy() {
    auto it = settings_.empathy_replies.find(reply_->lang);
    if (it == settings_.empathy_replies.end() || it->second.empty()) return;
    std::string line = PickReply(it->second, Vars({}));
    if (line.empty()) return;
    // Each text is within kMaxReplyBytes (checked at load); together they
    // must be too.
    if (line.size() + 1 + reply_->text.size() > kMaxReplyBytes) {
      Note("empathy line left out: the reply would pass kMaxReplyBytes");
      return;
    }
    Note("the customer seems upset: empathy line first");
    reply_->text = line + "\n" + reply_->text;
  }

  // --- Outcomes ------------------------------------------------------------

  void AnswerFromSearch(const SearchHit& hit) {
    const EngineRep::SearchOwner& o = rep_.owners[hit.owner];
    Note([&] {
      return std::string(o.out_of_scope ? "won by " : "answered by ") +
             std::string(ReplySourceName(o.source)) + " '" + o.id +
             "' (probability " + TwoDecimals(hit.probability) + ")";
    });
    ForgetChoices(s_);
    if (o.source == ReplySource::kExample) {
      AnswerIntent(rep_.rules.intents[o.index], hit.probability,
                   ReplySource::kExample);
      return;
    }
    const FaqEntry& entry = rep_.faq[o.index];
    ResetFallbacks(s_);
    ForgetPendingQuestion(s_);
    Outcome out;
    out.kind = ReplyKind::kAnswer;
    out.source = ReplySource::kFaq;
    out.id = entry.id;
    out.confidence = hit.probability;
    out.text = PickReply({entry.answer}, Vars(c_.mentions));
    Emit(std::move(out));
  }

  // Lists the plausible hits, best first, and remembers them so that the
  // next message can pick one. Fewer than two are no choice: false, and
  // nothing changed.
  // With `with_word_rivals`, the best hit and those as similar in words are
  // offered too, however improbable (see AnswerOrAskFromSearch).
  bool OfferChoices(bool with_word_rivals = false) {
    std::vector<uint32_t> owners;
    for (size_t i = 0; i < c_.hits.size() && i < kMaxChoices; ++i) {
      const SearchHit& hit = c_.hits[i];
      if (IsOutOfScope(hit)) continue;
      if (IsPlausible(hit) ||
          (with_word_rivals && (&hit == best_hit_ || IsWordRival(hit))))
        owners.push_back(hit.owner);
    }
    if (owners.size() < 2) return false;
    if (HandOffForClarify()) return true;
    const SearchHit& first =
        *std::find_if(c_.hits.begin(), c_.hits.end(),
                      [&](const SearchHit& h) { return h.owner == owners[0]; });
    Note([&] {
      return "not sure enough: offering " + std::to_string(owners.size()) +
             " choices";
    });
    EmitChoices(owners, IntroText(), first.probability);
    return true;
  }

  // "Kérem, 1 és 3 közötti számot írjon:" and the same choices.
  void OfferAgain(const std::vector<uint32_t>& offered) {
    if (HandOffForClarify()) return;
    std::map<std::string, std::string> vars = Vars({});
    vars["count"] = std::to_string(offered.size());
    EmitChoices(
        offered,
        RenderTemplate(DefaultOutOfRangeText(reply_->lang), vars, nullptr),
        0.0);
  }

  // "Erre gondolt: „Hol találom a PUK kódot?”" — one candidate, yes or no.
  void Confirm(const SearchHit& hit) {
    if (HandOffForClarify()) return;
    const EngineRep::SearchOwner& o = rep_.owners[hit.owner];
    Note([&] {
      return "one candidate, fairly probable: asking whether it is '" + o.id +
             "'";
    });
    std::map<std::string, std::string> vars = Vars({});
    vars["choice"] =
        std::string(TruncateUtf8(o.label, Session::kMaxSlotValueBytes));
    RememberChoices(s_, {rep_.OwnerKey(hit.owner)});
    Outcome out;
    out.kind = ReplyKind::kClarify;
    out.reason = ReplyReason::kConfirm;
    out.source = o.source;
    out.id = o.id;
    out.confidence = hit.probability;
    out.text = PickText(settings_.confirm_replies,
                        DefaultConfirmText(reply_->lang), vars);
    Emit(std::move(out));
  }

  // A "which one?" or "did you mean?" counts toward the handoff like a
  // misunderstanding (count_clarify_as_fallback): true when it was one too
  // many and the conversation went to a person instead.
  bool HandOffForClarify() {
    if (!settings_.count_clarify_as_fallback) return false;
    return HandOffAfterFallback();
  }

  std::string IntroText() {
    return PickText(settings_.clarify_replies, DefaultClarifyText(reply_->lang),
                    Vars({}));
  }

  void EmitChoices(const std::vector<uint32_t>& owners, std::string intro,
                   double confidence) {
    Outcome out;
    out.text = std::move(intro);
    std::vector<std::string> keys;
    for (uint32_t owner : owners) {
      keys.push_back(rep_.OwnerKey(owner));
      out.text +=
          "\n" + std::to_string(keys.size()) + ") " + rep_.owners[owner].label;
    }
    RememberChoices(s_, std::move(keys));
    out.kind = ReplyKind::kClarify;
    out.reason = ReplyReason::kChoices;
    out.source = rep_.owners[owners[0]].source;
    out.id = rep_.owners[owners[0]].id;
    out.confidence = confidence;
    Emit(std::move(out));
  }

  // The intent answers, asks for a missing slot, or hands over (a handoff
  // intent, or one complaint too many). `found_by` is what found it.
  void AnswerIntent(const IntentDef& intent, double confidence,
                    ReplySource found_by) {
    if (intent.out_of_scope) {
      DeclineOutOfScope(intent, confidence, found_by);
      return;
    }
    ResetFallbacks(s_);
    // Slots: from this message, or kept from earlier turns of this
    // intent's question. (An intent without slots leaves the last answered
    // intent's slots in the session, for the host.)
    if (!intent.slots.empty() && s_->pending_intent != intent.id)
      ForgetSlots(s_);
    for (const SlotDef& slot : intent.slots) {
      if (const EntityMention* m = FindMention(c_.mentions, slot.entity))
        FillSlot(s_, intent, slot.name, SlotValue(*m));
      if (!s_->slots.count(slot.name)) {
        Note([&] { return "slot '" + slot.name + "' missing: asking"; });
        AskSlot(intent, slot, confidence, found_by);
        return;
      }
    }
    const std::map<std::string, std::string> vars = Vars(c_.mentions);
    CloseQuestion(s_);
    if (intent.complaint) {
      const int complaints = CountComplaint(s_);
      const int limit = settings_.complaint_handoff_after;
      if (limit > 0 && complaints >= limit) {
        Note([&] {
          return "handoff: complaint " + std::to_string(complaints) +
                 " in this conversation (limit " + std::to_string(limit) + ")";
        });
        // A complaint handoff is the policy's, unless an example found it.
        HandOff(ReplyReason::kComplaint, intent.id,
                found_by == ReplySource::kExample ? found_by
                                                  : ReplySource::kPolicy);
        return;
      }
    }
    Outcome out;
    out.id = intent.id;
    out.source = found_by;
    out.confidence = confidence;
    if (intent.handoff) {
      Note("handoff: the intent hands over to a person");
      out.kind = ReplyKind::kHandoff;
      out.reason = ReplyReason::kRequested;
      out.text = intent.replies.empty() ? HandoffText()
                                        : PickReply(intent.replies, vars);
      Emit(std::move(out));
      return;
    }
    out.kind = ReplyKind::kAnswer;
    out.text = PickReply(intent.replies, vars);
    Emit(std::move(out));
  }

  void AskSlot(const IntentDef& intent, const SlotDef& slot, double confidence,
               ReplySource found_by) {
    EmitSlotQuestion(intent, slot, confidence, found_by,
                     PickReply(slot.ask, Vars({})));
  }

  // A question for `slot` (its `ask:`, or what it needs): the next message
  // may answer it.
  void EmitSlotQuestion(const IntentDef& intent, const SlotDef& slot,
                        double confidence, ReplySource found_by,
                        std::string text) {
    AwaitSlot(s_, intent, slot);
    Outcome out;
    out.kind = ReplyKind::kClarify;
    out.reason = ReplyReason::kSlot;
    out.id = intent.id;
    out.source = found_by;
    out.confidence = confidence > 0 ? confidence : kSlotQuestionConfidence;
    out.text = std::move(text);
    Emit(std::move(out));
  }

  // Counts a fallback; returns true when it was one too many and the
  // conversation went to a person instead. `at_least` raises the limit
  // (never to hand over before a slot's explanation, kSlotHelpAfter).
  bool HandOffAfterFallback(int at_least = 0) {
    const int fallbacks = CountFallback(s_);
    const int limit = settings_.fallback_handoff_after;
    if (limit <= 0 || fallbacks <= std::max(limit, at_least)) return false;
    Note([&] {
      return "handoff: " + std::to_string(fallbacks) +
             " fallbacks in a row (limit " + std::to_string(limit) + ")";
    });
    HandOff(ReplyReason::kRepeatedFallback, "", ReplySource::kPolicy);
    ResetFallbacks(s_);
    return true;
  }

  void HandOff(ReplyReason reason, const std::string& id, ReplySource source) {
    ForgetPendingQuestion(s_);
    ForgetChoices(s_);
    Outcome out;
    out.kind = ReplyKind::kHandoff;
    out.reason = reason;
    out.source = source;
    out.id = id;
    out.confidence = kPolicyHandoffConfidence;
    out.text = HandoffText();
    Emit(std::move(out));
  }

  // --- Texts -----------------------------------------------------------------

  // The settings' fallback text, with the message's entities.
  std::string FallbackText() {
    return PickText(settings_.fallback_replies,
                    DefaultFallbackText(reply_->lang), Vars(c_.mentions));
  }

  std::string HandoffText() {
    return PickText(settings_.handoff_replies, DefaultHandoffText(reply_->lang),
                    Vars({}));
  }

  // One of the variants, rendered with `vars`. The choice varies from turn
  // to turn but is the same for the same conversation state, so that
  // conversations and tests replay exactly.
  std::string PickReply(const std::vector<Located>& variants,
                        const std::map<std::string, std::string>& vars) {
    if (variants.empty()) return "";
    const Located& chosen =
        variants[static_cast<size_t>(s_->turn_count) % variants.size()];
    std::vector<std::string> missing;
    std::string text = RenderTemplate(chosen.text, vars, &missing);
    for (const std::string& name : missing) {
      Note([&] {
        return "placeholder {" + name + "} at " + chosen.where.ToString() +
               " has no value";
      });
    }
    return text;
  }

  // The settings' texts for the reply's language, or the built-in one.
  std::string PickText(const std::map<Lang, std::vector<Located>>& by_lang,
                       const char* builtin,
                       const std::map<std::string, std::string>& vars) {
    auto it = by_lang.find(reply_->lang);
    if (it == by_lang.end() || it->second.empty())
      return RenderTemplate(builtin, vars, nullptr);
    return PickReply(it->second, vars);
  }

  // Placeholder values: the settings' values, which nothing overrides (a
  // session may be forged: its slots must not replace the hotline's
  // number), then the slots gathered so far, then entities of this message.
  // Slots and entities are at most Session::kMaxSlotValueBytes each, as
  // CheckReplySizes() assumed at load time (slots: SlotValue when filled,
  // ValidateSession for a session from elsewhere).
  std::map<std::string, std::string> Vars(
      const std::vector<EntityMention>& mentions) const {
    std::map<std::string, std::string> vars = settings_.values;
    vars.insert(s_->slots.begin(), s_->slots.end());  // existing keys stay
    for (const EntityMention& m : mentions) vars.emplace(m.name, SlotValue(m));
    return vars;
  }

  // A decision for the trace. Composed notes are given as a function that
  // builds the text, called only when the trace is on: building them on
  // every message cost several allocations and a printf.
  void Note(const char* decision) {
    if (rep_.options.trace) reply_->trace.decisions.emplace_back(decision);
  }
  template <typename BuildText>
  void Note(BuildText build) {
    if (rep_.options.trace) reply_->trace.decisions.push_back(build());
  }

  // The only place the decided fields of the Reply are written.
  void Emit(Outcome&& out) {
    reply_->kind = out.kind;
    reply_->reason = out.reason;
    reply_->source = out.source;
    reply_->id = std::move(out.id);
    reply_->confidence = out.confidence;
    reply_->text = std::move(out.text);
  }

  const EngineRep& rep_;
  const Settings& settings_;
  const Candidates& c_;
  Session* s_;
  Reply* reply_;
  const SearchHit* best_hit_ = nullptr;  // set by AnswerWithPattern
  bool search_confident_ = false;        // likewise
  // The best hit is probable but shares too few words to answer outright.
  bool below_word_floor_ = false;
};

}  // namespace

// The slots of the replied intent the customer gave, in the intent's order,
// each with the turn it came in.
void FillReplySlots(const EngineRep& rep, const Session& s, Reply* reply) {
  if (reply->id.empty() || s.slots_intent != reply->id) return;
  const IntentDef* intent = rep.FindIntent(reply->lang, reply->id);
  if (intent == nullptr) return;
  for (const SlotDef& slot : intent->slots) {
    auto value = s.slots.find(slot.name);
    if (value == s.slots.end()) continue;
    auto turn = s.slot_turns.find(slot.name);
    reply->slots.push_back({slot.name, value->second,
                            turn == s.slot_turns.end() ? 0 : turn->second});
  }
}

void DecideReply(const EngineRep& rep, const Candidates& candidates,
                 Session* session, Reply* reply) {
  Decision decision(rep, candidates, session, reply);
  decision.Run();
  decision.Conclude();
  FillReplySlots(rep, *session, reply);
}

namespace {

// Letters, digits, spaces and the punctuation of numbers, codes, dates,
// addresses and e-mail: no markup, no control or format characters (ESC,
// RLO, NUL).
bool PlainValue(const std::string& value) {
  if (!IsValidUtf8(value)) return false;
  size_t pos = 0;
  while (pos < value.size()) {
    const char32_t c = DecodeUtf8(value, &pos);
    const bool ascii_punct =
        c < 0x80 &&
        std::string_view("+-./@#,:_ ()").find(static_cast<char>(c)) !=
            std::string_view::npos;
    if (!ascii_punct && !u_isalnum(static_cast<UChar32>(c))) return false;
  }
  return true;
}

// A slot value as the bot could have stored it: a mention of the slot's
// entity that is the whole value, or a plain value (a normalised one such
// as a postal code "1051" need not be recognised again on its own).
bool RecognisedAs(const EngineRep& rep, const std::string& value,
                  const std::string& entity, Lang lang) {
  if (PlainValue(value)) return true;
  const Analysis analysis = rep.analyzer->Analyze(value, lang);
  std::vector<EntityMention> mentions;
  rep.entities->Extract(value, analysis, &mentions);
  for (const EntityMention& m : mentions) {
    if (m.name == entity && m.value == SlotValue(m) &&
        (m.value == value || (m.begin == 0 && m.end == value.size())))
      return true;
  }
  return false;
}

// A pending question names an intent and one of its slots; the slots the
// session holds belong to it (or, with no question, to the intent last
// answered with slots, `slots_intent`).
void ValidatePendingQuestion(const EngineRep& rep, Session* s,
                             std::vector<std::string>* notes) {
  if (s->pending_intent.empty()) {
    if (!s->pending_slot.empty()) {
      notes->push_back("session: a pending slot without its intent dropped");
      s->pending_slot.clear();
    }
    return;
  }
  const IntentDef* intent = rep.FindIntent(s->lang, s->pending_intent);
  const SlotDef* slot =
      intent != nullptr ? FindSlot(*intent, s->pending_slot) : nullptr;
  if (slot == nullptr) {
    notes->push_back("session: pending question for unknown '" +
                     ToValidUtf8(s->pending_intent) + "' dropped");
    ForgetPendingQuestion(s);
    return;
  }
  // Sessions written before slots_intent: the slots were the question's.
  if (s->slots_intent.empty()) s->slots_intent = s->pending_intent;
  if (s->slots_intent != s->pending_intent) {
    notes->push_back(
        "session: slots of another intent than the question's "
        "dropped");
    ForgetSlots(s);
    s->slots_intent = s->pending_intent;
  }
}

// Each slot is one of its intent's, with a value its entity recognises;
// each turn is a slot's, and not after the conversation's last turn.
void ValidateSlots(const EngineRep& rep, Session* s,
                   std::vector<std::string>* notes) {
  if (s->slots.empty() && s->slot_turns.empty()) return;
  const IntentDef* intent = s->slots_intent.empty()
                                ? nullptr
                                : rep.FindIntent(s->lang, s->slots_intent);
  if (intent == nullptr) {
    notes->push_back("session: slots of no known intent dropped");
    ForgetSlots(s);
    return;
  }
  for (auto it = s->slots.begin(); it != s->slots.end();) {
    // A host may build a Session in C++ without FromJson's limits: the
    // value is cut first, as the engine cuts the slots it fills
    // (SlotValue), so checking it is bounded work and replies stay within
    // what CheckReplySizes() assumed.
    it->second.resize(
        TruncateUtf8(it->second, Session::kMaxSlotValueBytes).size());
    const SlotDef* own = FindSlot(*intent, it->first);
    if (own != nullptr && RecognisedAs(rep, it->second, own->entity, s->lang)) {
      ++it;
      continue;
    }
    notes->push_back(
        "session: slot '" + ToValidUtf8(it->first) + "' dropped (not a " +
        (own ? "value of $" + own->entity : "slot of the intent") + ")");
    it = s->slots.erase(it);
  }
  for (auto it = s->slot_turns.begin(); it != s->slot_turns.end();) {
    if (s->slots.count(it->first) == 0) {
      it = s->slot_turns.erase(it);
      continue;
    }
    it->second = std::min(it->second, s->turn_count);
    ++it;
  }
}

void ValidateChoices(const EngineRep& rep, Session* s,
                     std::vector<std::string>* notes) {
  std::vector<std::string> kept;
  for (const std::string& key : s->choices) {
    if (kept.size() < kMaxChoices &&
        rep.owner_index.count({s->lang, key}) != 0 &&
        std::find(kept.begin(), kept.end(), key) == kept.end()) {
      kept.push_back(key);
    }
  }
  if (kept.size() != s->choices.size())
    notes->push_back("session: choices the bot could not have offered dropped");
  // One choice is a "did you mean ...?" (confirm); two or three a list.
  s->choices = std::move(kept);
}

void ValidateContexts(const EngineRep& rep, Session* s,
                      std::vector<std::string>* notes) {
  const int max_turns = rep.rules.settings.context_turns;
  for (auto it = s->context.begin(); it != s->context.end();) {
    if (rep.context_tags.count(it->first) == 0 || it->second <= 0) {
      notes->push_back("session: context '" + ToValidUtf8(it->first) +
                       "' dropped (no intent sets it)");
      it = s->context.erase(it);
      continue;
    }
    it->second = std::min(it->second, max_turns);
    ++it;
  }
}

}  // namespace

void ValidateSession(const EngineRep& rep, Session* s,
                     std::vector<std::string>* notes) {
  const Settings& settings = rep.rules.settings;
  ValidatePendingQuestion(rep, s, notes);
  ValidateSlots(rep, s, notes);
  ValidateChoices(rep, s, notes);
  ValidateContexts(rep, s, notes);
  // A counter over its threshold means the same as at it.
  // (Failed answers to a slot question count on to kSlotHelpAfter, which
  // comes before any handoff.)
  s->consecutive_fallbacks =
      std::min(s->consecutive_fallbacks,
               std::max(settings.fallback_handoff_after, kSlotHelpAfter));
  s->complaints = std::min(s->complaints, settings.complaint_handoff_after);
  s->low_confidence_turns =
      std::min(s->low_confidence_turns, settings.low_confidence_handoff_after);
  s->frustrated_turns =
      std::min(s->frustrated_turns, settings.frustration_handoff_after);
}

void RecordTurn(const EngineRep& rep, std::string_view text, const Reply& reply,
                Session* s) {
  const Settings& settings = rep.rules.settings;
  s->lang = reply.lang;
  Increment(&s->turn_count);
  for (auto it = s->context.begin(); it != s->context.end();) {
    it = --it->second <= 0 ? s->context.erase(it) : std::next(it);
  }
  if (reply.kind == ReplyKind::kAnswer || reply.kind == ReplyKind::kHandoff) {
    if (const IntentDef* intent = rep.FindIntent(reply.lang, reply.id)) {
      for (const std::string& tag : intent->sets_context) {
        s->context[tag] = settings.context_turns;
      }
    }
  }
  if (settings.max_turns_kept <= 0) return;
  std::string user = ToValidUtf8(TruncateUtf8(text, kMaxTurnTextBytes));
  s->turns.push_back(
      {std::move(user), std::string(ReplyKindName(reply.kind)), reply.id});
  // One erase of the oldest: linear, however many turns a forged session
  // brought (one at a time was quadratic: 33 s for 100,000 turns).
  const size_t keep = static_cast<size_t>(settings.max_turns_kept);
  if (s->turns.size() > keep) {
    s->turns.erase(s->turns.begin(), s->turns.end() - static_cast<long>(keep));
  }
}

}  // namespace libbot::internal
