// Copyright 2026 The libbot Authors.
#include "libbot/engine.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <array>
#include <atomic>
#include <exception>
#include <iterator>
#include <mutex>
#include <system_error>
#include <thread>

#include "engine/engine_rep.h"
#include "engine/policy.h"
#include "engine/trace_json.h"
#include "util/thread_scratch.h"
#include "util/utf8.h"

namespace libbot {

using internal::Diagnostic;
using internal::EntityMention;
using internal::IntentDef;

namespace {

// One table per enum: the names JSON output, the CLI and Python use.
constexpr std::string_view kReplyKindNames[] = {"answer", "clarify", "handoff",
                                                "fallback"};
constexpr std::string_view kReplySourceNames[] = {"rule", "example", "faq",
                                                  "policy"};
constexpr std::string_view kReplyReasonNames[] = {
    "",           "requested",   "repeated_fallback",
    "complaint",  "slot",        "choices",
    "confirm",    "handed_over", "low_confidence",
    "frustrated", "cancelled",   "out_of_scope"};
constexpr std::string_view kSignalNames[] = {"profanity", "repeated_contact",
                                             "shouting", "negative"};
constexpr std::string_view kFindingKindNames[] = {"load",
                                                  "duplicate_pattern",
                                                  "matches_everything",
                                                  "shadowed_pattern",
                                                  "untested_pattern",
                                                  "loose_set_item",
                                                  "one_language",
                                                  "no_tests",
                                                  "unknown_expectation",
                                                  "placeholder",
                                                  "no_fallback_text",
                                                  "test_repeats_question",
                                                  "stale_kb",
                                                  "greeting_text",
                                                  "shared_text"};
static_assert(std::size(kReplyKindNames) ==
              static_cast<size_t>(ReplyKind::kFallback) + 1);
static_assert(std::size(kReplySourceNames) ==
              static_cast<size_t>(ReplySource::kPolicy) + 1);
static_assert(std::size(kReplyReasonNames) ==
              static_cast<size_t>(ReplyReason::kOutOfScope) + 1);
static_assert(std::size(kSignalNames) ==
              static_cast<size_t>(Signal::kNegative) + 1);
static_assert(std::size(kFindingKindNames) ==
              static_cast<size_t>(FindingKind::kSharedText) + 1);

template <typename Enum, size_t N>
std::string_view NameOf(Enum value, const std::string_view (&names)[N]) {
  const auto i = static_cast<size_t>(value);
  return i < N ? names[i] : std::string_view();
}

}  // namespace

std::string_view ReplyKindName(ReplyKind kind) {
  return NameOf(kind, kReplyKindNames);
}

std::string_view ReplySourceName(ReplySource source) {
  return NameOf(source, kReplySourceNames);
}

std::string_view ReplyReasonName(ReplyReason reason) {
  return NameOf(reason, kReplyReasonNames);
}

std::string_view SignalName(Signal signal) {
  return NameOf(signal, kSignalNames);
}

std::string_view FindingKindName(FindingKind kind) {
  return NameOf(kind, kFindingKindNames);
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
    char detail[96];
    if (c.source == ReplySource::kRule) {
      std::snprintf(detail, sizeof(detail), "priority %d, specificity %d",
                    c.priority, c.specificity);
    } else {
      const int n = std::snprintf(detail, sizeof(detail),
                                  "probability %.2f; words %.2f, n-grams %.2f",
                                  c.probability, c.score, c.ngram_score);
      if (c.document_score > 0 && n > 0 &&
          static_cast<size_t>(n) < sizeof(detail)) {
        std::snprintf(detail + n, sizeof(detail) - static_cast<size_t>(n),
                      ", whole text %.2f", c.document_score);
      }
    }
    out += "  " + std::string(ReplySourceName(c.source)) + " " + c.id + "  [" +
           c.where + "] " + c.pattern + "  (" + detail + ") → " + c.verdict +
           "\n";
  }
  for (const auto& d : decisions) out += "decision: " + d + "\n";
  return out;
}

internal::OrderedJson internal::TraceJson(const Trace& trace) {
  OrderedJson list = OrderedJson::array();
  for (const Trace::Candidate& c : trace.candidates) {
    list.push_back({{"source", ReplySourceName(c.source)},
                    {"id", c.id},
                    {"where", c.where},
                    {"pattern", c.pattern},
                    {"priority", c.priority},
                    {"specificity", c.specificity},
                    {"score", c.score},
                    {"ngram_score", c.ngram_score},
                    {"document_score", c.document_score},
                    {"probability", c.probability},
                    {"rank", c.rank},
                    {"combined", c.combined},
                    {"verdict", c.verdict}});
  }
  return {{"language", trace.language},
          {"tokens", trace.tokens},
          {"entities", trace.entities},
          {"unknown_words", trace.unknown_words},
          {"outside_ngram_score", trace.outside_ngram_score},
          {"candidates", std::move(list)},
          {"decisions", trace.decisions}};
}

std::string Trace::ToJson() const {
  return internal::DumpJson(internal::TraceJson(*this));
}

Engine::Engine(std::unique_ptr<internal::EngineRep> rep)
    : rep_(std::move(rep)) {}
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

namespace {

// Loading frees far more than it keeps (parsed YAML, analyses, the
// learning's samples), and glibc keeps freed memory, in the thread's arena
// as in the main one, for the process's next allocations. Handing it back
// to the system after a load took the resident memory of a 1,000 x 10
// example bot from 54 to 38 MB. (Elsewhere than glibc: nothing to do.)
void ReleaseFreedMemory() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

}  // namespace

Status Engine::OpenRep(const EngineOptions& options,
                       std::shared_ptr<const Analyzer> analyzer,
                       std::unique_ptr<Engine>* engine) {
  auto rep = std::make_unique<internal::EngineRep>(options);
  rep->analyzer = std::move(analyzer);
  std::vector<Diagnostic> diagnostics;
  rep->rules =
      internal::LoadRules(options.rules_dir, options.limits, &diagnostics);
  if (!internal::WithinRuleLimits(options.rules_dir, rep->rules, options.limits,
                                  &diagnostics)) {
    return internal::ErrorsToStatus(diagnostics);
  }
  rep->Compile(&diagnostics);
  if (!rep->kb_status.ok()) return rep->kb_status;
  if (Status s = internal::ErrorsToStatus(diagnostics); !s.ok()) return s;
  rep->warnings = std::move(diagnostics);
  engine->reset(new Engine(std::move(rep)));
  ReleaseFreedMemory();
  return Status::Ok();
}

Reply Engine::Respond(std::string_view text, Session* session,
                      Lang lang) const {
  return rep_->Answer(text, session, lang, rep_->options.trace);
}

Reply internal::EngineRep::Answer(std::string_view text, Session* session,
                                  Lang lang, bool trace) const {
  Session scratch;
  Session& s = session ? *session : scratch;
  const Session before = s;
  const std::string_view cut =
      internal::TruncateUtf8(text, options.max_message_bytes);
  try {
    Reply reply = Respond(cut, &s, lang, trace);
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
                                            : default_lang;
    reply.text = internal::DefaultFallbackText(reply.lang);
    reply.trace.decisions.push_back(std::string("internal error: ") + e.what());
    return reply;
  }
}

void Engine::RespondMany(const std::vector<std::string>& texts,
                         std::vector<Reply>* replies,
                         const RespondManyOptions& options) const {
  const size_t n = texts.size();
  replies->assign(n, Reply());
  if (n == 0) return;
  // Workers take chunks from a shared counter, so a slow chunk does not hold
  // the others up, and report each one as soon as it is complete.
  constexpr size_t kChunk = RespondManyOptions::kChunk;
  const size_t chunks = (n + kChunk - 1) / kChunk;
  size_t workers = options.threads > 0
                       ? static_cast<size_t>(options.threads)
                       : std::max(1u, std::thread::hardware_concurrency());
  workers = std::min(workers, chunks);
  std::atomic<size_t> next_chunk{0};
  // No exception may leave a worker thread (that would end the process):
  // the first one stops the batch and is rethrown here, after the join.
  std::mutex failure_mu;
  std::exception_ptr failure;
  auto stop_with = [&](std::exception_ptr e) {
    std::lock_guard<std::mutex> lock(failure_mu);
    if (!failure) failure = std::move(e);
    next_chunk = chunks;
  };
  auto work = [&] {
    try {
      for (size_t c; (c = next_chunk.fetch_add(1)) < chunks;) {
        if (options.cancel != nullptr && options.cancel->load()) {
          next_chunk = chunks;
          return;
        }
        const size_t begin = c * kChunk, end = std::min(n, begin + kChunk);
        for (size_t i = begin; i < end; ++i) {
          Session session;
          (*replies)[i] = Respond(texts[i], &session, options.lang);
        }
        if (options.on_ready) options.on_ready(begin, end);
      }
    } catch (...) {
      stop_with(std::current_exception());
    }
  };
  // The calling thread is one of the workers. When the system refuses
  // another thread, the batch goes on with the ones it has. The pool is
  // joined however this function ends.
  struct Pool {
    std::vector<std::thread> threads;
    ~Pool() {
      for (std::thread& t : threads) {
        if (t.joinable()) t.join();
      }
    }
  } pool;
  try {
    pool.threads.reserve(workers);
    for (size_t w = 1; w < workers; ++w) pool.threads.emplace_back(work);
  } catch (...) {
    // No more threads (system_error) or no memory for one: go on with
    // those that started.
  }
  work();
  for (std::thread& t : pool.threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

Reply internal::EngineRep::Respond(std::string_view text, Session* s,
                                   Lang forced, bool tracing) const {
  Reply reply;
  // One analysis: Analyze() detects the language when none is given; only a
  // message that shows none is analysed again, in the conversation's (or
  // the default) language.
  Analysis analysis = analyzer->Analyze(text, forced);
  LanguageGuess guess = analysis.language;
  std::string language_note = forced != Lang::kUnknown ? "given" : "detected";
  if (guess.lang == Lang::kUnknown)
    analysis = ResolveUnclearLanguage(text, *s, &guess, &language_note);
  reply.lang = guess.lang;
  std::vector<std::string> session_notes;
  internal::ValidateSession(*this, s, &session_notes);
  if (tracing) {
    for (std::string& note : session_notes)
      reply.trace.decisions.push_back(std::move(note));
  }
  if (tracing) TraceAnalysis(text, analysis, guess, language_note, &reply);
  std::vector<EntityMention> mentions;
  entities->Extract(text, analysis, &mentions);
  for (const EntityMention& m : mentions) {
    reply.entities.push_back({m.name, m.value, m.begin, m.end});
    if (tracing) reply.trace.entities.push_back(m.name + "=" + m.value);
  }
  std::vector<Match> matches = FindMatches(analysis, mentions, guess.lang, *s,
                                           tracing ? &reply.trace : nullptr);
  // The policy sees kTraceCandidates hits; the trace may list more or
  // fewer. A hit's rank and probability do not depend on how many are
  // asked for (SearchIndex::Search), so neither does the reply.
  const size_t listed = tracing ? std::min(options.trace_candidates,
                                           EngineOptions::kMaxTraceCandidates)
                                : 0;
  const Framing framing = ReadFraming(text, analysis, guess.lang);
  if (framing.kind == Framing::kAround) {
    for (Match& m : matches) {
      m.framing_only = m.begin < m.end;
      for (size_t i = m.begin; i < m.end && i < framing.tokens.size(); ++i)
        m.framing_only &= framing.tokens[i];
    }
  }
  std::vector<internal::SearchHit> hits;
  SearchMessage(text, analysis, framing, guess.lang,
                std::max(internal::kTraceCandidates, listed), &hits,
                tracing ? &reply.trace : nullptr);
  std::vector<std::string> blocked = HitsBlocked(hits, *s);
  if (tracing) TraceSearch(hits, blocked, guess.lang, listed, &reply.trace);
  if (hits.size() > internal::kTraceCandidates) {
    hits.resize(internal::kTraceCandidates);
    blocked.resize(internal::kTraceCandidates);
  }
  for (size_t i = hits.size(); i-- > 0;) {
    if (!blocked[i].empty()) hits.erase(hits.begin() + static_cast<long>(i));
  }

  const std::vector<Signal> signals =
      signal_words.Find(guess.lang, analysis, text);
  internal::DecideReply(*this,
                        {text, analysis, mentions, matches, hits, signals,
                         framing.question_words},
                        s, &reply);
  if (tracing) MarkDecided(*s, &reply);
  internal::RecordTurn(*this, text, reply, s);
  return reply;
}

// Greetings, thanks and a signature around a question are no part of what
// it asks: searched, they pulled answers towards any text that shares their
// words ("ügyfélszolgálat", "odpowiedź"). bench/helpcentre's questions
// wrapped in them: right article first 58.8-73.8% where the bare questions
// give 70.6-76.9%; searched without the framing, as the bare ones.
void internal::EngineRep::SearchMessage(std::string_view text,
                                        const Analysis& analysis,
                                        const Framing& framing, Lang lang,
                                        size_t k, std::vector<SearchHit>* hits,
                                        Trace* trace) const {
  SearchReadings(text, analysis, framing, lang, k, hits, trace);
  AnswerCourtesy(framing, lang, hits, trace);
}

void internal::EngineRep::SearchReadings(std::string_view text,
                                         const Analysis& analysis,
                                         const Framing& framing, Lang lang,
                                         size_t k, std::vector<SearchHit>* hits,
                                         Trace* trace) const {
  if (framing.kind != Framing::kAround) {
    search.Search(lang, analysis, k, hits);
    ReadSentences(text, analysis, lang, k, hits, trace);
    return;
  }
  search.Search(lang, framing.rest, k, hits);
  if (framing_owners[LangSlot(lang)]) {
    std::vector<SearchHit> whole;
    search.Search(lang, analysis, k, &whole);
    const bool greeting =
        !whole.empty() && owners[whole[0].owner].framing &&
        (hits->empty() || whole[0].probability > (*hits)[0].probability);
    if (greeting) {
      *hits = std::move(whole);
      if (trace) {
        trace->decisions.push_back(
            "read whole: '" + owners[(*hits)[0].owner].id +
            "' is likelier with the greeting or thanks (" +
            FramingWords(text, analysis, framing) +
            ") than anything without it");
      }
      return;
    }
  }
  if (trace) {
    trace->decisions.push_back("set aside as greeting, thanks or sign-off: " +
                               FramingWords(text, analysis, framing));
  }
  ReadSentences(text, framing.rest, lang, k, hits, trace);
}

// Greetings and thanks are formulas: "Szervusz" and "Szia" share no letter
// a search could weigh, yet a bot whose greeting intent says "Szia" means
// it for both. bench/servicebot (its examples "Szia", "Jó napot", ...)
// fell back on "Üdv!", "Szervusz" and "jo estet" before this.
void internal::EngineRep::AnswerCourtesy(const Framing& framing, Lang lang,
                                         std::vector<SearchHit>* hits,
                                         Trace* trace) const {
  const int kind = CourtesyKind(framing.courtesy);
  if (kind < 0) return;
  const CourtesyOwner& courtesy = courtesy_owners[LangSlot(lang)][kind];
  if (courtesy.owner == kNoOwner) return;
  const bool greeting = framing.courtesy == SignalList::kGreeting;
  // Its hit if the search found it, else one made for it.
  SearchHit hit{courtesy.owner, courtesy.doc, 0};
  for (auto h = hits->begin(); h != hits->end(); ++h) {
    if (h->owner != courtesy.owner) continue;
    hit = *h;
    hits->erase(h);
    break;
  }
  // The message is all courtesy, as the owner's texts are.
  hit.score = hit.coverage = 1.0;
  hit.probability = std::max(hit.probability, kCourtesyProbability);
  // The others keep their order and share what is left (the hits exclude
  // each other: SearchIndex's Calibrate).
  double others = 0;
  for (const SearchHit& h : *hits) others += h.probability;
  const double room = 1.0 - hit.probability;
  if (others > room) {
    for (SearchHit& h : *hits) h.probability *= room / others;
  }
  hits->insert(hits->begin(), hit);
  if (trace) {
    trace->decisions.push_back(std::string(greeting ? "a greeting" : "thanks") +
                               " alone: '" + owners[courtesy.owner].id +
                               "' answers it (most of its texts are " +
                               (greeting ? "greetings" : "thanks") + " alone)");
  }
}

void internal::EngineRep::ReadSentences(std::string_view text,
                                        const Analysis& message, Lang lang,
                                        size_t k, std::vector<SearchHit>* hits,
                                        Trace* trace) const {
  // Sentences: token ranges split where the text between two tokens holds
  // an end of sentence. A message of more than kMaxSentenceReadings is read
  // whole only: the work per message stays bounded.
  const std::vector<Token>& tokens = message.tokens;
  auto ends_sentence = [&](size_t i) {  // token i is a sentence's last
    return i + 1 == tokens.size() ||
           TextBetween(text, tokens[i], tokens[i + 1]).find_first_of(".!?\n") !=
               std::string_view::npos;
  };
  // Counted first: most messages are one sentence, and allocate nothing.
  size_t count = 0;
  for (size_t i = 0; i < tokens.size(); ++i) count += ends_sentence(i);
  if (count < 2 || count > kMaxSentenceReadings) return;
  std::vector<std::pair<size_t, size_t>> sentences;
  for (size_t i = 0, begin = 0; i < tokens.size(); ++i) {
    if (!ends_sentence(i)) continue;
    sentences.emplace_back(begin, i + 1);
    begin = i + 1;
  }
  std::vector<SearchHit> part_hits;
  Analysis part;
  part.language = message.language;
  for (const auto& [first, end] : sentences) {
    part.tokens.assign(tokens.begin() + static_cast<long>(first),
                       tokens.begin() + static_cast<long>(end));
    search.Search(lang, part, k, &part_hits);
    if (part_hits.empty() ||
        (!hits->empty() && part_hits[0].probability <= (*hits)[0].probability))
      continue;
    hits->swap(part_hits);
    if (trace) {
      trace->decisions.push_back(
          "read one sentence alone: '" + owners[(*hits)[0].owner].id +
          "' is likelier by it than by the whole message");
    }
  }
}

internal::EngineRep::Framing internal::EngineRep::ReadFraming(
    std::string_view text, const Analysis& analysis, Lang lang) const {
  Framing out;
  if (!signal_words.Framing(lang, analysis, text, &out.tokens)) return out;
  // Something of substance must be left: a word the search reads (not a
  // stopword), a number, a code.
  bool substance = false;
  for (size_t i = 0; i < analysis.tokens.size(); ++i) {
    const Token& t = analysis.tokens[i];
    if (out.tokens[i] || t.kind == TokenKind::kSymbol ||
        (t.kind == TokenKind::kWord && IsSearchStopword(lang, t.folded)))
      continue;
    substance = true;
    out.question_words += !signal_words.IsFramingWord(lang, t);
  }
  out.kind = substance ? Framing::kAround : Framing::kWhole;
  // Nothing asked besides: "Serdecznie dziękuję" (a word of a greeting
  // phrase beside a thanks), "Dzień dobry, chciałabym o coś zapytać".
  if (out.question_words == 0)
    out.courtesy = signal_words.Courtesy(lang, analysis, out.tokens);
  if (out.kind == Framing::kWhole) return out;
  out.rest.language = analysis.language;
  out.rest.invalid_utf8 = analysis.invalid_utf8;
  out.rest.truncated = analysis.truncated;
  for (size_t i = 0; i < analysis.tokens.size(); ++i)
    if (!out.tokens[i]) out.rest.tokens.push_back(analysis.tokens[i]);
  return out;
}

std::string internal::EngineRep::FramingWords(std::string_view text,
                                              const Analysis& analysis,
                                              const Framing& framing) {
  std::string words;
  for (size_t i = 0; i < analysis.tokens.size(); ++i) {
    const Token& t = analysis.tokens[i];
    if (!framing.tokens[i] || t.end > text.size()) continue;
    if (!words.empty()) words += ' ';
    words.append(text.substr(t.begin, t.end - t.begin));
  }
  return words;
}

// A message that shows no language of its own ("paczka", "To skandal!",
// "ok"): the conversation's language when it has one; else the language
// whose texts (examples, FAQ questions) and conversation word lists know
// more of its words; else the bot's default_lang. The trace names the rule
// that decided.
Analysis internal::EngineRep::ResolveUnclearLanguage(std::string_view text,
                                                     const Session& s,
                                                     LanguageGuess* guess,
                                                     std::string* note) const {
  if (s.lang != Lang::kUnknown) {
    guess->lang = s.lang;
    *note = "unclear: the conversation's";
    return analyzer->Analyze(text, guess->lang);
  }
  Analysis hu = analyzer->Analyze(text, Lang::kHu);
  Analysis pl = analyzer->Analyze(text, Lang::kPl);
  // The conversation word lists count too: "To skandal!" is Polish anger.
  const size_t known_hu = search.KnownWords(Lang::kHu, hu) +
                          signal_words.ListsContaining(Lang::kHu, hu);
  const size_t known_pl = search.KnownWords(Lang::kPl, pl) +
                          signal_words.ListsContaining(Lang::kPl, pl);
  if (known_hu != known_pl) {
    guess->lang = known_hu > known_pl ? Lang::kHu : Lang::kPl;
    *note = "unclear: the bot's texts and word lists know its words";
    return guess->lang == Lang::kHu ? std::move(hu) : std::move(pl);
  }
  guess->lang = default_lang;
  *note = "unclear: the bot's default_lang";
  return guess->lang == Lang::kHu ? std::move(hu) : std::move(pl);
}

void internal::EngineRep::TraceAnalysis(std::string_view text,
                                        const Analysis& analysis,
                                        const LanguageGuess& guess,
                                        const std::string& language_note,
                                        Reply* reply) const {
  char conf[16];
  std::snprintf(conf, sizeof(conf), "%.2f", guess.confidence);
  reply->trace.language = std::string(LangCode(guess.lang)) + " (" +
                          language_note + ", " + conf + ")";
  reply->trace.tokens.reserve(analysis.tokens.size());
  for (const Token& t : analysis.tokens) {
    // Tokens never contain ill-formed bytes (they separate tokens).
    std::string surface(text.substr(t.begin, t.end - t.begin));
    if (surface != t.key) surface += "→" + t.key;
    reply->trace.tokens.push_back(std::move(surface));
  }
}

std::vector<internal::EngineRep::Match> internal::EngineRep::FindMatches(
    const Analysis& analysis, const std::vector<EntityMention>& mentions,
    Lang lang, const Session& s, Trace* trace) const {
  std::vector<Match> matches;
  const LangRules* lr = ForLang(lang);
  if (lr == nullptr) return matches;
  // The thread's input, reused: its per-token lists keep their memory.
  struct Input {
    internal::MatchInput input;
  };
  internal::MatchInput& input = internal::ThreadLocal<Input>().input;
  BuildInput(lr->matcher.symbols(), analysis, mentions, &input);
  std::vector<internal::PatternHit> hits;
  bool exhausted = false;
  lr->matcher.Match(input, &hits, &exhausted);
  if (exhausted && trace != nullptr) {
    trace->decisions.push_back(
        "pattern matching stopped after " +
        std::to_string(internal::Matcher::kMaxMatchSteps) +
        " steps (the bound per message): the patterns not yet run did not "
        "match");
  }
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
    m.blocked = MissingContext(intent, s);
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
  for (size_t i = 0; trace != nullptr && i < matches.size(); ++i) {
    const Match& m = matches[i];
    if (std::find(seen.begin(), seen.end(), m.intent) != seen.end()) continue;
    seen.push_back(m.intent);
    const IntentDef& intent = rules.intents[m.intent];
    Trace::Candidate c;
    c.source = ReplySource::kRule;
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

// Gives `input` one empty symbol list per token. Lists of a longer earlier
// message wait in `spare` (the thread's), so a reused input allocates only
// when a message has more tokens than any before it.
void internal::EngineRep::ResizeTokenSymbols(size_t tokens,
                                             internal::MatchInput* input) {
  struct Spare {
    std::vector<std::vector<internal::SymbolId>> lists;
  };
  std::vector<std::vector<internal::SymbolId>>& spare =
      internal::ThreadLocal<Spare>().lists;
  auto& lists = input->token_symbols;
  while (lists.size() > tokens) {
    spare.push_back(std::move(lists.back()));
    lists.pop_back();
  }
  while (lists.size() < tokens) {
    if (spare.empty()) {
      lists.emplace_back();
    } else {
      lists.push_back(std::move(spare.back()));
      spare.pop_back();
    }
  }
  for (auto& list : lists) list.clear();
  input->folded_text.clear();
}

void internal::EngineRep::BuildInput(const internal::SymbolTable& symbols,
                                     const Analysis& analysis,
                                     const std::vector<EntityMention>& mentions,
                                     internal::MatchInput* input) {
  using internal::kNoSymbol;
  ResizeTokenSymbols(analysis.tokens.size(), input);
  auto add = [&](size_t token, char kind, std::string_view text) {
    const internal::SymbolId id = symbols.Find(kind, text);
    if (id != kNoSymbol) input->token_symbols[token].push_back(id);
  };
  for (size_t i = 0; i < analysis.tokens.size(); ++i) {
    const Token& t = analysis.tokens[i];
    add(i, 'w', t.key);
    for (const std::string& alt : t.alt_keys) add(i, 'w', alt);
    add(i, 'f', t.folded);
    if (i > 0) input->folded_text += ' ';
    input->folded_text += t.folded;
  }
  for (const EntityMention& m : mentions) {
    add(m.first_token, 'e', m.name);
    for (size_t i = m.first_token + 1; i < m.last_token; ++i)
      add(i, 'c', m.name);
  }
}

std::string internal::EngineRep::OwnerKey(uint32_t owner) const {
  return OwnerKey(owners[owner].source, owners[owner].id);
}

std::string internal::EngineRep::OwnerKey(ReplySource source,
                                          const std::string& id) {
  return std::string(source == ReplySource::kFaq ? "faq:" : "intent:") + id;
}

std::string internal::EngineRep::MissingContext(const IntentDef& intent,
                                                const Session& s) {
  for (const std::string& needed : intent.context) {
    if (!s.context.count(needed)) return "needs context '" + needed + "'";
  }
  return "";
}

std::vector<std::string> internal::EngineRep::HitsBlocked(
    const std::vector<internal::SearchHit>& hits, const Session& s) const {
  std::vector<std::string> blocked(hits.size());
  for (size_t i = 0; i < hits.size(); ++i) {
    const SearchOwner& o = owners[hits[i].owner];
    if (o.source == ReplySource::kExample)
      blocked[i] = MissingContext(rules.intents[o.index], s);
  }
  return blocked;
}

void internal::EngineRep::TraceSearch(
    const std::vector<internal::SearchHit>& hits,
    const std::vector<std::string>& blocked, Lang lang, size_t listed,
    Trace* trace) const {
  if (!hits.empty()) {
    trace->unknown_words = hits[0].unknown_share;
    trace->outside_ngram_score = hits[0].outside_ngram;
  }
  for (size_t i = 0; i < hits.size() && i < listed; ++i) {
    const SearchOwner& o = owners[hits[i].owner];
    const SearchDoc& doc = docs[LangSlot(lang)][hits[i].doc];
    Trace::Candidate c;
    c.source = o.source;
    c.id = o.id;
    c.where = doc.where;
    c.pattern = doc.text;
    c.score = hits[i].score;
    c.ngram_score = hits[i].ngram;
    c.document_score = hits[i].document;
    c.probability = hits[i].probability;
    c.rank = hits[i].rank;
    // Final verdicts come from the decision (MarkDecided); an ineligible
    // hit is out whatever it decides.
    if (!blocked[i].empty()) c.verdict = "not eligible: " + blocked[i];
    c.combined = hits[i].combined;
    trace->candidates.push_back(std::move(c));
  }
}

// Each candidate's verdict from what the policy did with it, so that
// `explain` says what happened: answered, offered, asked about, or why not.
// The policy weighs search hits by probability, so "most probable" is the
// first by probability, not by rank.
void internal::EngineRep::MarkDecided(const Session& s, Reply* reply) const {
  Trace& trace = reply->trace;
  const bool offering = reply->kind == ReplyKind::kClarify &&
                        (reply->reason == ReplyReason::kChoices ||
                         reply->reason == ReplyReason::kConfirm);
  const Trace::Candidate* most_probable = nullptr;
  for (const Trace::Candidate& c : trace.candidates) {
    if (c.source == ReplySource::kRule || !c.verdict.empty()) continue;
    if (most_probable == nullptr || c.probability > most_probable->probability)
      most_probable = &c;
  }
  bool rule_seen = false;
  for (Trace::Candidate& c : trace.candidates) {
    if (!c.verdict.empty() && c.verdict.rfind("not eligible", 0) == 0) continue;
    const bool is_reply = c.source == reply->source && c.id == reply->id;
    if (c.source == ReplySource::kRule) {
      const bool first = !rule_seen;
      rule_seen = true;
      if (is_reply) {
        c.verdict = reply->kind == ReplyKind::kClarify ? "matched: asks for "
                                                         "a detail"
                    : reply->reason == ReplyReason::kOutOfScope
                        ? "matched: out of scope, declined"
                        : "matched: answered";
      } else if (first) {
        c.verdict = "matched, but not the reply (see the decisions)";
      }
      continue;  // the others keep why they lost to the first rule
    }
    const auto offered =
        std::find(s.choices.begin(), s.choices.end(), OwnerKey(c.source, c.id));
    if (offering && offered != s.choices.end()) {
      c.verdict = reply->reason == ReplyReason::kConfirm
                      ? "asked: did the customer mean it?"
                      : "offered as choice " +
                            std::to_string(offered - s.choices.begin() + 1);
    } else if (is_reply && reply->reason == ReplyReason::kOutOfScope) {
      c.verdict = "out of scope: declined";
    } else if (is_reply && reply->kind != ReplyKind::kClarify) {
      c.verdict = "answered";
    } else if (&c == most_probable) {
      c.verdict = "most probable, not the reply (see the decisions)";
    } else {
      c.verdict = "less probable";
    }
    if (c.combined) c.verdict += ", counting the words of its other questions";
  }
}

}  // namespace libbot
