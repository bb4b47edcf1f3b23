// Copyright 2026 The libbot Authors.
//
// The libbot command-line program, for editors and for scripts. It uses only
// libbot's public API (tests/check_layers.py checks): what it can do, any
// program embedding libbot can do. Options are parsed by CLI11; JSON output
// is written with nlohmann-json.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "libbot/analyzer.h"
#include "libbot/engine.h"
#include "libbot/evaluate.h"
#include "libbot/kb.h"

namespace {

using Json = nlohmann::ordered_json;

// Everything any command may be given; each command declares the options it
// takes (libbot COMMAND --help lists them).
struct Args {
  std::vector<std::string> texts;  // respond, explain, analyze
  std::string dir;                 // lint, test: the rules folder; diff: new
  std::string old_rules;           // diff: the rules before the change
  std::string old_kb, new_kb;      // diff: each side's FAQ database
  std::string file;                // eval: the set; kb build: the sources
  std::string rules = "rules";
  std::string kb;
  std::string output;
  std::string dictionaries;
  std::string lang_code;
  libbot::Lang lang = libbot::Lang::kUnknown;
  bool json = false;
  bool no_kb = false;    // no FAQ database, not even the default one
  bool quiet = false;    // lint: errors and counts only
  bool no_fail = false;  // eval: exit 0 even when rows fail
  bool trace = false;    // eval --json: each row's trace
  size_t top = 5;        // example and FAQ candidates a trace lists
};

// Ill-formed UTF-8 (a customer's broken bytes) becomes U+FFFD, never an
// exception or broken output.
std::string Dump(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

libbot::AnalyzerOptions AnalyzerOptionsFor(const Args& args) {
  libbot::AnalyzerOptions options;
  if (!args.dictionaries.empty()) options.dictionary_dir = args.dictionaries;
  return options;
}

// The analyzer alone; null (the reason printed) when the dictionaries fail.
std::unique_ptr<libbot::Analyzer> OpenAnalyzer(const Args& args) {
  std::unique_ptr<libbot::Analyzer> analyzer;
  if (libbot::Status s =
          libbot::Analyzer::Open(AnalyzerOptionsFor(args), &analyzer);
      !s.ok()) {
    std::fprintf(stderr, "libbot: %s\n", s.message().c_str());
  }
  return analyzer;
}

// Opens the bot. The FAQ database is --kb, else kb/faq.sqlite beside the
// rules folder if it exists (libbot::DefaultKbPath, as in Python), unless
// --no-kb. A missing or stale database is said on stderr, unless the
// command reports it itself (lint has it as a finding).
// `kb` overrides --kb (diff's two sides); `analyzer`, when given, is shared
// instead of loading the dictionaries again.
std::unique_ptr<libbot::Engine> OpenEngine(
    const Args& args, const std::string& rules, bool warn_stale_kb = true,
    const std::string* kb = nullptr,
    std::shared_ptr<const libbot::Analyzer> analyzer = nullptr) {
  const std::string& named = kb != nullptr ? *kb : args.kb;
  libbot::EngineOptions options;
  options.rules_dir = rules;
  if (!args.no_kb) {
    options.kb_path = !named.empty() ? named : libbot::DefaultKbPath(rules);
    const std::string warning = libbot::KbWarning(rules, named);
    if (warn_stale_kb && !warning.empty())
      std::fprintf(stderr, "libbot: warning: %s\n", warning.c_str());
  }
  options.analyzer = AnalyzerOptionsFor(args);
  // An editor's tool: every reply says why (explain, eval --trace, test).
  options.trace = true;
  options.trace_candidates = args.top;
  std::unique_ptr<libbot::Engine> engine;
  const libbot::Status s =
      analyzer ? libbot::Engine::Open(options, std::move(analyzer), &engine)
               : libbot::Engine::Open(options, &engine);
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.message().c_str());
    return nullptr;
  }
  return engine;
}

Json ReplyJson(const libbot::Reply& r, bool with_trace) {
  Json entities = Json::array();
  for (const auto& e : r.entities) {
    entities.push_back({{"name", e.name},
                        {"value", e.value},
                        {"begin", e.begin},
                        {"end", e.end}});
  }
  Json slots = Json::array();
  for (const auto& s : r.slots) {
    slots.push_back({{"name", s.name}, {"value", s.value}, {"turn", s.turn}});
  }
  Json signals = Json::array();
  for (libbot::Signal s : r.signals) signals.push_back(libbot::SignalName(s));
  Json out = {{"kind", libbot::ReplyKindName(r.kind)},
              {"id", r.id},
              {"text", r.text},
              {"confidence", r.confidence},
              {"lang", libbot::LangCode(r.lang)},
              {"source", libbot::ReplySourceName(r.source)},
              {"reason", libbot::ReplyReasonName(r.reason)},
              {"entities", entities},
              {"slots", slots},
              {"frustrated", r.frustrated},
              {"signals", signals}};
  if (with_trace) out["trace"] = Json::parse(r.trace.ToJson());
  return out;
}

Json AnalysisJson(const std::string& text, const libbot::Analysis& a) {
  Json tokens = Json::array();
  for (const libbot::Token& t : a.tokens) {
    tokens.push_back({{"kind", libbot::TokenKindName(t.kind)},
                      {"begin", t.begin},
                      {"end", t.end},
                      {"text", text.substr(t.begin, t.end - t.begin)},
                      {"norm", t.norm},
                      {"folded", t.folded},
                      {"key", t.key},
                      {"alt_keys", t.alt_keys},
                      {"lemma_source", libbot::LemmaSourceName(t.lemma_source)},
                      {"proper_noun", t.proper_noun}});
  }
  return {{"text", text},
          {"lang", libbot::LangCode(a.language.lang)},
          {"confidence", a.language.confidence},
          {"invalid_utf8", a.invalid_utf8},
          {"truncated", a.truncated},
          {"tokens", tokens}};
}

void PrintReply(const libbot::Reply& r) {
  std::string extra;
  for (const auto& s : r.slots)
    extra += ", " + s.name + "=" + s.value + " (turn " +
             std::to_string(s.turn) + ")";
  for (libbot::Signal s : r.signals)
    extra += ", signal: " + std::string(libbot::SignalName(s));
  std::printf("[%s%s%s %.2f %s %s%s%s%s] %s\n",
              std::string(libbot::ReplyKindName(r.kind)).c_str(),
              r.id.empty() ? "" : " ", r.id.c_str(), r.confidence,
              std::string(libbot::LangCode(r.lang)).c_str(),
              std::string(libbot::ReplySourceName(r.source)).c_str(),
              r.reason == libbot::ReplyReason::kNone ? "" : ", reason: ",
              std::string(libbot::ReplyReasonName(r.reason)).c_str(),
              extra.c_str(), r.text.c_str());
}

// `respond` and `explain`: each text is one turn of one conversation.
int Answer(const Args& args, bool explain) {
  auto engine = OpenEngine(args, args.rules);
  if (!engine) return 1;
  libbot::Session session;
  for (const std::string& text : args.texts) {
    const libbot::Reply r = engine->Respond(text, &session, args.lang);
    if (args.json) {
      std::printf("%s\n", Dump(ReplyJson(r, explain)).c_str());
      continue;
    }
    std::printf("> %s\n", libbot::ToValidUtf8(text).c_str());
    PrintReply(r);
    if (explain) std::printf("%s\n", r.trace.ToString().c_str());
  }
  return 0;
}

int Respond(const Args& args) { return Answer(args, /*explain=*/false); }
int Explain(const Args& args) { return Answer(args, /*explain=*/true); }

// chat's own commands: a line that starts with one is not sent to the bot.
constexpr const char* kChatHelp =
    "/explain   why the bot gave its last reply (tokens, candidates, "
    "decisions)\n"
    "/session   the conversation's state as JSON\n"
    "/reset     start a new conversation\n"
    "/handback  end a handoff, as your program does when the person is "
    "done\n"
    "/help      this list\n"
    "/quit      leave (also /exit, or end of input)\n";

int Chat(const Args& args) {
  auto engine = OpenEngine(args, args.rules);
  if (!engine) return 1;
  const bool interactive = isatty(0);
  if (interactive) {
    std::printf(
        "libbot chat: write in Hungarian or Polish. /help lists the "
        "commands.\n");
  }
  libbot::Session session;
  libbot::Reply last;
  bool answered = false;
  std::string line;
  while (true) {
    if (interactive) {
      std::printf("you> ");
      std::fflush(stdout);
    }
    if (!std::getline(std::cin, line)) break;
    if (line == "/quit" || line == "/exit") break;
    if (line == "/help" || line == "/?") {
      std::printf("%s", kChatHelp);
      continue;
    }
    if (line == "/explain") {
      if (!answered) {
        std::printf("(nothing to explain yet: write a message first)\n");
      } else {
        std::printf("%s", last.trace.ToString().c_str());
      }
      continue;
    }
    if (line == "/session") {
      std::printf("%s\n", session.ToJson().c_str());
      continue;
    }
    if (line == "/reset") {
      session = libbot::Session();
      std::printf("(new conversation)\n");
      continue;
    }
    if (line == "/handback") {  // what a host does when its agent is done
      session.handed_over = false;
      std::printf("(the bot answers again)\n");
      continue;
    }
    if (line.empty()) continue;
    if (line[0] == '/' && line.find(' ') == std::string::npos) {
      // "/hlep": a mistyped command, not a message for the bot.
      std::printf("unknown command %s; /help lists them\n", line.c_str());
      continue;
    }
    last = engine->Respond(line, &session, args.lang);
    answered = true;
    std::printf("bot> %s\n     (%s%s%s, %.2f)\n", last.text.c_str(),
                std::string(libbot::ReplyKindName(last.kind)).c_str(),
                last.id.empty() ? "" : " ", last.id.c_str(), last.confidence);
  }
  return 0;
}

// Lint's findings for people: every error at its place (editors jump
// there), then the warnings grouped by kind, largest group last so that the
// rare ones are not buried; --quiet keeps only the errors and the counts.
void PrintFindings(const std::vector<libbot::Finding>& findings, bool quiet) {
  std::map<std::string, std::vector<const libbot::Finding*>> warnings;
  size_t errors = 0;
  for (const libbot::Finding& f : findings) {
    if (f.error) {
      ++errors;
      std::printf("%s\n", f.ToString().c_str());
    } else {
      warnings[std::string(libbot::FindingKindName(f.kind))].push_back(&f);
    }
  }
  std::vector<std::pair<std::string, std::vector<const libbot::Finding*>>>
      groups(warnings.begin(), warnings.end());
  std::stable_sort(groups.begin(), groups.end(),
                   [](const auto& a, const auto& b) {
                     return a.second.size() < b.second.size();
                   });
  std::string counts;
  size_t total = 0;
  for (const auto& [kind, list] : groups) {
    total += list.size();
    counts +=
        (counts.empty() ? "" : ", ") + kind + " " + std::to_string(list.size());
    if (quiet) continue;
    std::printf("-- %s: %zu warning%s\n", kind.c_str(), list.size(),
                list.size() == 1 ? "" : "s");
    for (const libbot::Finding* f : list)
      std::printf("%s\n", f->ToString().c_str());
  }
  std::printf("%zu error%s, %zu warning%s%s%s%s\n", errors,
              errors == 1 ? "" : "s", total, total == 1 ? "" : "s",
              counts.empty() ? "" : " (", counts.c_str(),
              counts.empty() ? "" : ")");
}

int Lint(const Args& args) {
  const std::string dir = args.dir.empty() ? args.rules : args.dir;
  auto engine = OpenEngine(args, dir, /*warn_stale_kb=*/false);
  if (!engine) return 1;
  const std::vector<libbot::Finding> findings = engine->Lint();
  int errors = 0;
  for (const libbot::Finding& f : findings) errors += f.error;
  if (args.json) {
    Json out = Json::array();
    for (const libbot::Finding& f : findings) {
      out.push_back({{"where", f.where},
                     {"message", f.message},
                     {"error", f.error},
                     {"kind", libbot::FindingKindName(f.kind)}});
    }
    std::printf("%s\n", Dump(out).c_str());
  } else {
    PrintFindings(findings, args.quiet);
  }
  return errors > 0 ? 1 : 0;
}

int Test(const Args& args) {
  const std::string dir = args.dir.empty() ? args.rules : args.dir;
  auto engine = OpenEngine(args, dir);
  if (!engine) return 1;
  const libbot::TestReport report = libbot::RunTests(*engine);
  const int exit_code = report.failed() > 0 ? 1 : 0;
  if (args.json) {
    std::printf("%s\n", report.ToJson().c_str());
    return exit_code;
  }
  std::fputs(report.ToText().c_str(), stdout);
  return exit_code;
}

// eval's and diff's set (FILE); false, the reason printed, when it cannot
// be read.
bool ReadCases(const Args& args, std::vector<libbot::EvalCase>* cases) {
  const libbot::Status s = libbot::ReadEvalCases(args.file, cases);
  if (!s.ok()) std::fprintf(stderr, "libbot: %s\n", s.message().c_str());
  return s.ok();
}

// False, each such line printed, when the set expects an id the bot lacks.
bool ExpectationsKnown(const Args& args, const libbot::Engine& engine,
                       const std::vector<libbot::EvalCase>& cases) {
  const libbot::Status s = libbot::CheckExpectations(engine, cases, args.file);
  if (!s.ok()) std::fprintf(stderr, "%s\n", s.message().c_str());
  return s.ok();
}

int Eval(const Args& args) {
  std::vector<libbot::EvalCase> cases;
  if (!ReadCases(args, &cases)) return 1;
  auto engine = OpenEngine(args, args.rules);
  if (!engine || !ExpectationsKnown(args, *engine, cases)) return 1;
  libbot::EvalOptions options;
  options.lang = args.lang;
  options.trace = args.trace;
  const libbot::EvalReport report = libbot::Evaluate(*engine, cases, options);
  const bool all_correct = report.Overall().correct == report.Overall().total;
  const int exit_code = all_correct || args.no_fail ? 0 : 1;
  if (args.json) {
    std::printf("%s\n", report.ToJson().c_str());
    return exit_code;
  }
  // Every failing case at its file:line (editors jump there), then the
  // report without its own short list of them.
  for (const libbot::EvalResult& r : report.results) {
    if (r.correct) continue;
    std::printf("%s:%d: %s\n", args.file.c_str(), r.c.line,
                r.Describe().c_str());
  }
  std::fputs(report.ToText(/*max_failing=*/0).c_str(), stdout);
  return exit_code;
}

// Two versions of the rules on one set: what changed, regressions first.
int Diff(const Args& args) {
  std::vector<libbot::EvalCase> cases;
  if (!ReadCases(args, &cases)) return 2;
  const std::string& old_kb = args.old_kb.empty() ? args.kb : args.old_kb;
  const std::string& new_kb = args.new_kb.empty() ? args.kb : args.new_kb;
  auto before = OpenEngine(args, args.old_rules, true, &old_kb);
  if (!before) return 2;
  auto after =
      OpenEngine(args, args.dir, true, &new_kb, before->shared_analyzer());
  if (!after) return 2;
  // An id either version lacks is a mistake in the set, for both.
  for (const libbot::Engine* engine : {before.get(), after.get()}) {
    if (!ExpectationsKnown(args, *engine, cases)) return 2;
  }
  libbot::EvalOptions options;
  options.lang = args.lang;
  libbot::EvalDiff diff;
  if (libbot::Status s = libbot::CompareReports(
          libbot::Evaluate(*before, cases, options),
          libbot::Evaluate(*after, cases, options), &diff);
      !s.ok()) {
    std::fprintf(stderr, "libbot: %s\n", s.message().c_str());
    return 2;
  }
  if (args.json) {
    std::printf("%s\n", diff.ToJson().c_str());
  } else {
    std::fputs(diff.ToText(args.file).c_str(), stdout);
  }
  return diff.regressions() > 0 ? 1 : 0;
}

int KbBuild(const Args& args) {
  std::unique_ptr<libbot::Analyzer> analyzer = OpenAnalyzer(args);
  if (!analyzer) return 1;
  libbot::KbBuildStats stats;
  const libbot::Status s =
      libbot::BuildKnowledgeBase(args.file, args.output, *analyzer, &stats);
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.message().c_str());
    return 1;
  }
  std::printf("%s: %zu entries, %zu questions, %zu tests\n",
              args.output.c_str(), stats.entries, stats.questions, stats.tests);
  return 0;
}

int KbSearch(const Args& args) {
  std::unique_ptr<libbot::Analyzer> analyzer = OpenAnalyzer(args);
  if (!analyzer) return 1;
  // Without --lang, SearchKnowledgeBase searches the text's own language.
  std::vector<libbot::KbSearchHit> hits;
  const libbot::Status s = libbot::SearchKnowledgeBase(
      args.kb.empty() ? "kb/faq.sqlite" : args.kb, *analyzer, args.lang,
      args.texts[0], 10, &hits);
  if (s.code() == libbot::Status::Code::kInvalidArgument) {
    std::fprintf(stderr, "libbot: %s: give --lang hu or --lang pl\n",
                 s.message().c_str());
    return 2;
  }
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.message().c_str());
    return 1;
  }
  for (const auto& hit : hits)
    std::printf("%s\t%s\t%s\n", hit.entry_id.c_str(),
                libbot::KbTextKindName(hit.kind), hit.text.c_str());
  return 0;
}

int Analyze(const Args& args) {
  std::unique_ptr<libbot::Analyzer> analyzer = OpenAnalyzer(args);
  if (!analyzer) return 1;
  auto run = [&](const std::string& text) {
    const libbot::Analysis a = analyzer->Analyze(text, args.lang);
    if (args.json) {
      std::printf("%s\n", Dump(AnalysisJson(text, a)).c_str());
      return;
    }
    std::printf("> %s\n", libbot::ToValidUtf8(text).c_str());
    std::printf("  language: %s (confidence %.2f)%s%s\n",
                std::string(libbot::LangCode(a.language.lang)).c_str(),
                a.language.confidence,
                a.invalid_utf8 ? ", ill-formed UTF-8 skipped" : "",
                a.truncated ? ", truncated" : "");
    for (const libbot::Token& t : a.tokens) {
      std::string alternatives;
      for (const std::string& alt : t.alt_keys) {
        alternatives += (alternatives.empty() ? " (or " : ", ") + alt;
      }
      if (!alternatives.empty()) alternatives += ")";
      if (t.proper_noun) alternatives += ", proper noun";
      std::printf(
          "  %-6s %-18s key=%-16s folded=%-16s %s%s\n",
          std::string(libbot::TokenKindName(t.kind)).c_str(),
          libbot::ToValidUtf8(text.substr(t.begin, t.end - t.begin)).c_str(),
          t.key.c_str(), t.folded.c_str(),
          t.kind == libbot::TokenKind::kWord
              ? std::string(libbot::LemmaSourceName(t.lemma_source)).c_str()
              : "",
          alternatives.c_str());
    }
  };
  if (args.texts.empty()) {
    std::string line;
    while (std::getline(std::cin, line)) {
      if (!line.empty() && line[0] != '#') run(line);
    }
  } else {
    for (const std::string& text : args.texts) run(text);
  }
  return 0;
}

// --- Options ---------------------------------------------------------------

void AddRules(CLI::App* command, Args* args) {
  command->add_option("--rules", args->rules, "rules folder")
      ->capture_default_str();
}
void AddKb(CLI::App* command, Args* args) {
  command->add_option("--kb", args->kb,
                      "FAQ database (default: kb/faq.sqlite beside the rules "
                      "folder, when it exists; Python's Engine the same)");
  command->add_flag("--no-kb", args->no_kb, "answer without any FAQ database")
      ->excludes(command->get_option("--kb"));
}
void AddLang(CLI::App* command, Args* args) {
  command->add_option("--lang", args->lang_code, "do not detect the language")
      ->check(CLI::IsMember({"hu", "pl"}));
}
void AddJson(CLI::App* command, Args* args) {
  command->add_flag("--json", args->json, "machine-readable output");
}
void AddTop(CLI::App* command, Args* args) {
  command
      ->add_option("--top", args->top,
                   "example and FAQ candidates the trace lists, best first")
      ->capture_default_str()
      ->check(
          CLI::Range(size_t{1}, libbot::EngineOptions::kMaxTraceCandidates));
}
void AddDictionaries(CLI::App* command, Args* args) {
  command->add_option("--dictionaries", args->dictionaries,
                      "Hunspell dictionaries (default: /usr/share/hunspell)");
}
// The options of every command that opens the bot.
void AddEngineOptions(CLI::App* command, Args* args) {
  AddRules(command, args);
  AddKb(command, args);
  AddLang(command, args);
  AddDictionaries(command, args);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "libbot: answers customer-service messages in Hungarian and Polish.\n"
      "Run 'libbot COMMAND --help' for a command's options."};
  app.name("libbot");
  app.require_subcommand(1);
  Args args;
  int (*run)(const Args&) = nullptr;
  auto command = [&](const char* name, const char* what,
                     int (*fn)(const Args&)) {
    CLI::App* c = app.add_subcommand(name, what);
    c->callback([&run, fn] { run = fn; });
    return c;
  };

  CLI::App* chat =
      command("chat",
              "talk to the bot (/explain shows why it answered, "
              "/session shows the state, /reset, /handback, /quit)",
              Chat);
  AddEngineOptions(chat, &args);
  AddTop(chat, &args);

  // Commands that answer messages: the engine's options, --json, TEXT...
  auto answering = [&](const char* name, const char* what,
                       int (*fn)(const Args&)) {
    CLI::App* c = command(name, what, fn);
    AddEngineOptions(c, &args);
    AddJson(c, &args);
    c->add_option("TEXT", args.texts, "messages")->required();
    return c;
  };
  answering("respond", "answer each TEXT as one turn of one conversation",
            Respond);
  CLI::App* explain = answering(
      "explain",
      "answer each TEXT and show why: tokens, candidates with their scores "
      "and verdicts, decisions",
      Explain);
  AddTop(explain, &args);

  // Commands that check a rules folder: the engine's options, --json, [DIR].
  auto checking = [&](const char* name, const char* what,
                      int (*fn)(const Args&)) {
    CLI::App* c = command(name, what, fn);
    AddEngineOptions(c, &args);
    AddJson(c, &args);
    c->add_option("DIR", args.dir, "rules folder (default: --rules)");
    return c;
  };
  CLI::App* lint = checking(
      "lint",
      "check the rules and FAQ for mistakes: errors at their file:line, "
      "warnings grouped by kind (exit 1 on errors)",
      Lint);
  lint->add_flag("-q,--quiet", args.quiet,
                 "only the errors, and how many warnings of each kind");
  checking("test",
           "run the rules' inline tests, show pattern and FAQ coverage "
           "(exit 1 on a failure)",
           Test);

  CLI::App* eval =
      command("eval",
              "answer a test set and report accuracy, per-id F1, "
              "confusions and reply rates. FILE: .jsonl, each line "
              "{\"text\", \"expect\": id | [ids] | \"ask:ID\" | \"@handoff\" | "
              "\"@oos\" | \"@clarify\" | \"@fallback\", \"lang\"?, "
              "\"conversation\"?, \"split\"?}, or .csv with those "
              "columns",
              Eval);
  AddEngineOptions(eval, &args);
  AddJson(eval, &args);
  eval->add_flag("--no-fail", args.no_fail,
                 "exit 0 even when rows fail (the default is 1, for CI)");
  eval->add_flag("--trace", args.trace,
                 "with --json: each row's trace (candidates with id, source, "
                 "score, probability and verdict; --top of them)")
      ->needs(eval->get_option("--json"));
  AddTop(eval, &args);
  eval->add_option("FILE", args.file, "the test set")->required();

  CLI::App* diff = command(
      "diff",
      "answer FILE with two versions of the rules and show the messages "
      "whose reply changed, with both replies (exit 1 when a line that was "
      "right is now wrong, 2 on an error)",
      Diff);
  diff->add_option("OLD_RULES", args.old_rules, "the rules before the change")
      ->required();
  diff->add_option("NEW_RULES", args.dir, "the rules after the change")
      ->required();
  diff->add_option("FILE", args.file, "the test set (as for eval)")->required();
  AddKb(diff, &args);
  diff->add_option("--old-kb", args.old_kb,
                   "the old rules' FAQ database (default: --kb, else "
                   "kb/faq.sqlite beside OLD_RULES)");
  diff->add_option("--new-kb", args.new_kb,
                   "the new rules' FAQ database (default: --kb, else "
                   "kb/faq.sqlite beside NEW_RULES)");
  AddLang(diff, &args);
  AddDictionaries(diff, &args);
  AddJson(diff, &args);

  CLI::App* analyze =
      command("analyze",
              "show tokens, lemma keys and language of each TEXT "
              "(or of each line of standard input)",
              Analyze);
  AddLang(analyze, &args);
  AddJson(analyze, &args);
  AddDictionaries(analyze, &args);
  analyze->add_option("TEXT", args.texts, "messages");

  CLI::App* kb = app.add_subcommand("kb", "the FAQ knowledge base");
  kb->require_subcommand(1);
  CLI::App* build = kb->add_subcommand(
      "build", "build the FAQ database from the sources in DIR");
  build->callback([&run] { run = KbBuild; });
  build->add_option("DIR", args.file, "FAQ sources (docs/kb.md)")->required();
  build->add_option("-o,--output", args.output, "the database to write")
      ->required();
  AddDictionaries(build, &args);
  CLI::App* search = kb->add_subcommand("search",
                                        "full-text search (SQLite FTS5) of the "
                                        "FAQ database: questions, titles and "
                                        "the answers of articles and of "
                                        "entries of one question; prints ID, "
                                        "what matched (question, title, "
                                        "answer) and its text");
  search->callback([&run] { run = KbSearch; });
  search->add_option("TEXT", args.texts, "what to look for")
      ->required()
      ->expected(1);
  search
      ->add_option("--lang", args.lang_code,
                   "the entries' language (default: the text's, detected)")
      ->check(CLI::IsMember({"hu", "pl"}));
  search->add_option("--kb", args.kb, "FAQ database (default: kb/faq.sqlite)");
  AddDictionaries(search, &args);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help prints and exits 0; a mistake names the option and exits 2.
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (!args.lang_code.empty()) libbot::ParseLang(args.lang_code, &args.lang);
  return run ? run(args) : 2;
}
