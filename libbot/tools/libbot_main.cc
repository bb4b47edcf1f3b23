// Copyright 2026 The libbot Authors.
//
// The libbot command-line program, for editors and for scripts.
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "util/json.h"
#include "kb/kb.h"
#include "libbot/analyzer.h"
#include "libbot/engine.h"

namespace {

using libbot::internal::JsonString;

constexpr char kUsage[] =
    "usage: libbot <command> [options]\n"
    "\n"
    "commands:\n"
    "  chat                     talk to the bot (/explain shows why it "
    "answered,\n"
    "                           /session shows the state, /reset, /quit)\n"
    "  respond TEXT...          answer each TEXT as one turn of one "
    "conversation\n"
    "  explain TEXT             answer TEXT and show why: tokens, matches, "
    "decisions\n"
    "  lint [DIR]               check the rules for mistakes (exit 1 on "
    "errors)\n"
    "  test [DIR]               run the rules' inline tests, show pattern "
    "coverage\n"
    "                           (exit 1 on a failure)\n"
    "  eval FILE.jsonl          answer a test set, report accuracy; each "
    "line:\n"
    "                           {\"text\", \"expect\": id | [ids] | "
    "\"@handoff\" | \"@oos\"\n"
    "                           | \"@clarify\" | \"@fallback\", \"lang\"?, "
    "\"conversation\"?}\n"
    "  analyze [TEXT...]        show tokens, lemma keys and language\n"
    "  kb build DIR -o FILE     build the FAQ database from the sources in "
    "DIR\n"
    "  kb search --lang L TEXT  full-text search of the FAQ database (--kb "
    "FILE)\n"
    "\n"
    "options:\n"
    "  --rules DIR              rules folder (default: rules)\n"
    "  --kb FILE                FAQ database (default: kb/faq.sqlite if it "
    "exists)\n"
    "  --lang hu|pl             do not detect the language\n"
    "  --json                   machine-readable output (respond, explain, "
    "eval, analyze)\n"
    "  --dictionaries DIR       Hunspell dictionaries (default: "
    "/usr/share/hunspell)\n";

struct Args {
  std::string command;
  std::vector<std::string> positional;
  std::string rules = "rules";
  std::string kb;
  std::string output;
  std::string dictionaries;
  libbot::Lang lang = libbot::Lang::kUnknown;
  bool json = false;
};

int Usage(const std::string& problem) {
  std::fprintf(stderr, "libbot: %s\n\n%s", problem.c_str(), kUsage);
  return 2;
}

bool ParseArgs(int argc, char** argv, Args* args, int* exit_code) {
  args->command = argv[1];
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    std::string v;
    if (arg == "--json") {
      args->json = true;
    } else if (arg == "--rules") {
      if (!value(&args->rules))
        return (*exit_code = Usage("--rules needs a folder")), false;
    } else if (arg == "--kb") {
      if (!value(&args->kb))
        return (*exit_code = Usage("--kb needs a file")), false;
    } else if (arg == "-o" || arg == "--output") {
      if (!value(&args->output))
        return (*exit_code = Usage("-o needs a file")), false;
    } else if (arg == "--dictionaries") {
      if (!value(&args->dictionaries))
        return (*exit_code = Usage("--dictionaries needs a folder")), false;
    } else if (arg == "--lang") {
      if (!value(&v) || !libbot::ParseLang(v, &args->lang)) {
        return (*exit_code = Usage("--lang takes hu or pl")), false;
      }
    } else if (arg.rfind("--", 0) == 0) {
      return (*exit_code = Usage("unknown option '" + arg + "'")), false;
    } else {
      args->positional.push_back(arg);
    }
  }
  return true;
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

std::unique_ptr<libbot::Engine> OpenEngine(const Args& args,
                                           const std::string& rules) {
  libbot::EngineOptions options;
  options.rules_dir = rules;
  // The demo bot's database, when it has been built, unless --kb says
  // otherwise.
  std::error_code ec;
  options.kb_path = !args.kb.empty() ? args.kb
                    : std::filesystem::exists(rules + "/../kb/faq.sqlite", ec)
                        ? rules + "/../kb/faq.sqlite"
                        : "";
  options.analyzer = AnalyzerOptionsFor(args);
  std::unique_ptr<libbot::Engine> engine;
  if (libbot::Status s = libbot::Engine::Open(options, &engine); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.message().c_str());
    return nullptr;
  }
  return engine;
}

std::string ReplyJson(const libbot::Reply& r, bool with_trace) {
  std::string out = "{\"kind\":" + JsonString(libbot::ReplyKindName(r.kind));
  out += ",\"id\":" + JsonString(r.id) + ",\"text\":" + JsonString(r.text);
  char conf[32];
  std::snprintf(conf, sizeof(conf), "%.4f", r.confidence);
  out += ",\"confidence\":" + std::string(conf);
  out += ",\"lang\":" + JsonString(libbot::LangCode(r.lang));
  out += ",\"source\":" + JsonString(libbot::ReplySourceName(r.source));
  out += ",\"reason\":" + JsonString(libbot::ReplyReasonName(r.reason)) + ",\"entities\":[";
  for (size_t i = 0; i < r.entities.size(); ++i) {
    const auto& e = r.entities[i];
    out += (i ? "," : "") + std::string("{\"name\":") + JsonString(e.name) +
           ",\"value\":" + JsonString(e.value) +
           ",\"begin\":" + std::to_string(e.begin) +
           ",\"end\":" + std::to_string(e.end) + "}";
  }
  out += "]";
  if (with_trace) {
    const auto& t = r.trace;
    out +=
        ",\"trace\":{\"language\":" + JsonString(t.language) + ",\"tokens\":[";
    for (size_t i = 0; i < t.tokens.size(); ++i)
      out += (i ? "," : "") + JsonString(t.tokens[i]);
    out += "],\"candidates\":[";
    for (size_t i = 0; i < t.candidates.size(); ++i) {
      const auto& c = t.candidates[i];
      out += (i ? "," : "") + std::string("{\"id\":") + JsonString(c.id) +
             ",\"where\":" + JsonString(c.where) +
             ",\"pattern\":" + JsonString(c.pattern) +
             ",\"priority\":" + std::to_string(c.priority) +
             ",\"specificity\":" + std::to_string(c.specificity) +
             ",\"verdict\":" + JsonString(c.verdict) + "}";
    }
    out += "],\"decisions\":[";
    for (size_t i = 0; i < t.decisions.size(); ++i) {
      out += (i ? "," : "") + JsonString(t.decisions[i]);
    }
    out += "]}";
  }
  return out + "}";
}

void PrintReply(const libbot::Reply& r) {
  std::printf("[%s%s%s %.2f %s %s%s%s] %s\n",
              std::string(libbot::ReplyKindName(r.kind)).c_str(),
              r.id.empty() ? "" : " ", r.id.c_str(), r.confidence,
              std::string(libbot::LangCode(r.lang)).c_str(),
              std::string(libbot::ReplySourceName(r.source)).c_str(),
              r.reason == libbot::ReplyReason::kNone ? "" : ", reason: ",
              std::string(libbot::ReplyReasonName(r.reason)).c_str(),
              r.text.c_str());
}

// `respond` and `explain`: each text is one turn of one conversation.
int Answer(const Args& args, bool explain) {
  if (args.positional.empty()) return Usage(args.command + " needs a message");
  auto engine = OpenEngine(args, args.rules);
  if (!engine) return 1;
  libbot::Session session;
  for (const std::string& text : args.positional) {
    const libbot::Reply r = engine->Respond(text, &session, args.lang);
    if (args.json) {
      std::printf("%s\n", ReplyJson(r, explain).c_str());
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

int Chat(const Args& args) {
  auto engine = OpenEngine(args, args.rules);
  if (!engine) return 1;
  const bool interactive = isatty(0);
  if (interactive) {
    std::printf(
        "libbot chat: write in Hungarian or Polish. /explain, /session, "
        "/reset, /quit\n");
  }
  libbot::Session session;
  libbot::Reply last;
  std::string line;
  while (true) {
    if (interactive) {
      std::printf("you> ");
      std::fflush(stdout);
    }
    if (!std::getline(std::cin, line)) break;
    if (line == "/quit" || line == "/exit") break;
    if (line == "/explain") {
      std::printf("%s", last.trace.ToString().c_str());
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
    if (line.empty()) continue;
    last = engine->Respond(line, &session, args.lang);
    std::printf("bot> %s\n     (%s%s%s, %.2f)\n", last.text.c_str(),
                std::string(libbot::ReplyKindName(last.kind)).c_str(),
                last.id.empty() ? "" : " ", last.id.c_str(), last.confidence);
  }
  return 0;
}

int Lint(const Args& args) {
  const std::string dir =
      args.positional.empty() ? args.rules : args.positional[0];
  auto engine = OpenEngine(args, dir);
  if (!engine) return 1;
  int errors = 0;
  for (const libbot::Finding& f : engine->Lint()) {
    std::printf("%s\n", f.ToString().c_str());
    errors += f.error;
  }
  return errors > 0 ? 1 : 0;
}

int Test(const Args& args) {
  const std::string dir =
      args.positional.empty() ? args.rules : args.positional[0];
  auto engine = OpenEngine(args, dir);
  if (!engine) return 1;
  const auto results = engine->RunInlineTests();
  int failed = 0;
  for (const auto& r : results) {
    if (r.passed) continue;
    ++failed;
    std::printf("FAIL %s: %s: \"%s\" expected %s, got %s %s\n", r.where.c_str(),
                r.intent.c_str(), r.text.c_str(), r.expect.c_str(),
                std::string(libbot::ReplyKindName(r.reply.kind)).c_str(),
                r.reply.id.c_str());
    std::printf("%s\n", r.reply.trace.ToString().c_str());
  }
  // Coverage: patterns no test matched, FAQ entries no test was answered by.
  const auto patterns = engine->UncoveredPatterns(results);
  for (const auto& u : patterns)
    std::printf("not covered by any test: %s\n", u.c_str());
  const auto entries = engine->UncoveredEntries(results);
  for (const auto& u : entries)
    std::printf("FAQ entry no test gets: %s\n", u.c_str());
  std::printf("%zu passed, %d failed\n", results.size() - failed, failed);
  std::printf("uncovered patterns: %zu\n", patterns.size());
  std::printf("uncovered FAQ entries: %zu\n", entries.size());
  return failed > 0 ? 1 : 0;
}

bool ExpectMatches(const libbot::internal::JsonValue& expect,
                   const libbot::Reply& r) {
  using Type = libbot::internal::JsonValue::Type;
  std::vector<std::string> ids;
  if (expect.is(Type::kString)) ids.push_back(expect.string());
  if (expect.is(Type::kArray)) {
    for (const auto& v : expect.array()) {
      if (v.is(Type::kString)) ids.push_back(v.string());
    }
  }
  for (const std::string& id : ids) {
    if (libbot::MeetsExpectation(r, id)) return true;
  }
  return false;
}

// Counts of one slice of an eval file (a language, or a language and split).
struct EvalGroup {
  int total = 0, correct = 0, oos = 0, oos_answered = 0;

  void Add(bool is_correct, bool expects_oos, bool answered) {
    ++total;
    correct += is_correct;
    oos += expects_oos;
    oos_answered += expects_oos && answered;
  }
  double Accuracy() const { return total ? double(correct) / total : 0.0; }
  double OosAnswerRate() const {
    return oos ? double(oos_answered) / oos : 0.0;
  }

  std::string Text() const {
    char buf[160];
    std::snprintf(buf, sizeof(buf),
                  "%d/%d correct (%.1f%%), out-of-scope answered %d/%d "
                  "(%.1f%%)",
                  correct, total, 100.0 * Accuracy(), oos_answered, oos,
                  100.0 * OosAnswerRate());
    return buf;
  }
  std::string Json() const {
    char buf[200];
    std::snprintf(buf, sizeof(buf),
                  "{\"total\":%d,\"correct\":%d,\"accuracy\":%.4f,"
                  "\"oos\":%d,\"oos_answered\":%d,\"oos_answer_rate\":%.4f}",
                  total, correct, Accuracy(), oos, oos_answered,
                  OosAnswerRate());
    return buf;
  }
};

int Eval(const Args& args) {
  if (args.positional.empty()) return Usage("eval needs a JSONL file");
  std::ifstream in(args.positional[0]);
  if (!in) {
    std::fprintf(stderr, "libbot: cannot open %s\n",
                 args.positional[0].c_str());
    return 1;
  }
  auto engine = OpenEngine(args, args.rules);
  if (!engine) return 1;
  using libbot::internal::JsonValue;
  std::map<std::string, libbot::Session> conversations;
  std::map<std::string, std::pair<int, int>> per_expect;  // right, total
  std::map<std::string, EvalGroup> groups;     // "lang" or "lang/split"
  std::map<std::string, EvalGroup> languages;  // "lang", all splits
  EvalGroup all;
  std::string line, results;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    JsonValue row;
    std::string error;
    if (!libbot::internal::ParseJson(line, &row, &error) ||
        !row.is(JsonValue::Type::kObject) || !row.Find("text") ||
        !row.Find("text")->is(JsonValue::Type::kString) ||
        !row.Find("expect")) {
      std::fprintf(
          stderr,
          "%s:%d: each line needs {\"text\": ..., \"expect\": ...}%s%s\n",
          args.positional[0].c_str(), number, error.empty() ? "" : ": ",
          error.c_str());
      return 1;
    }
    const std::string text = row.Find("text")->string();
    libbot::Lang lang = args.lang;
    if (const JsonValue* l = row.Find("lang");
        l && l->is(JsonValue::Type::kString)) {
      libbot::ParseLang(l->string(), &lang);
    }
    libbot::Session fresh;
    libbot::Session* session = &fresh;
    if (const JsonValue* c = row.Find("conversation");
        c && c->is(JsonValue::Type::kString)) {
      session = &conversations[c->string()];
    }
    const libbot::Reply r = engine->Respond(text, session, lang);
    const JsonValue& expect = *row.Find("expect");
    const bool correct = ExpectMatches(expect, r);
    std::string expect_key =
        expect.is(JsonValue::Type::kString) ? expect.string() : "[list]";
    const std::string language(
        libbot::LangCode(lang == libbot::Lang::kUnknown ? r.lang : lang));
    std::string group = language;
    if (const JsonValue* split = row.Find("split");
        split && split->is(JsonValue::Type::kString)) {
      group += "/" + split->string();
    }
    const bool oos = expect_key == "@oos";
    const bool answered = r.kind == libbot::ReplyKind::kAnswer;
    all.Add(correct, oos, answered);
    groups[group].Add(correct, oos, answered);
    languages[language].Add(correct, oos, answered);
    per_expect[expect_key].first += correct;
    per_expect[expect_key].second += 1;
    if (args.json) {
      char conf[32];
      std::snprintf(conf, sizeof(conf), "%.4f", r.confidence);
      results += (results.empty() ? "" : ",") + std::string("{\"line\":") +
                 std::to_string(number) + ",\"text\":" + JsonString(text) +
                 ",\"expect\":" + JsonString(expect_key) +
                 ",\"kind\":" + JsonString(libbot::ReplyKindName(r.kind)) +
                 ",\"id\":" + JsonString(r.id) + ",\"confidence\":" + conf +
                 ",\"lang\":" + JsonString(libbot::LangCode(r.lang)) +
                 ",\"correct\":" + (correct ? "true" : "false") + "}";
    } else if (!correct) {
      std::printf("%s:%d: \"%s\" expected %s, got %s %s (%.2f)\n",
                  args.positional[0].c_str(), number, text.c_str(),
                  expect_key.c_str(),
                  std::string(libbot::ReplyKindName(r.kind)).c_str(),
                  r.id.c_str(), r.confidence);
    }
  }
  if (args.json) {
    std::string per, per_group;
    for (const auto& [id, counts] : per_expect) {
      per += (per.empty() ? "" : ",") + JsonString(id) +
             ":{\"correct\":" + std::to_string(counts.first) +
             ",\"total\":" + std::to_string(counts.second) + "}";
    }
    for (const auto& [name, g] : groups)
      per_group +=
          (per_group.empty() ? "" : ",") + JsonString(name) + ":" + g.Json();
    std::string per_language;
    for (const auto& [name, g] : languages)
      per_language +=
          (per_language.empty() ? "" : ",") + JsonString(name) + ":" + g.Json();
    const std::string summary = all.Json();
    std::printf(
        "{%s,\"groups\":{%s},\"languages\":{%s},\"per_expect\":{%s},"
        "\"results\":[%s]}\n",
        summary.substr(1, summary.size() - 2).c_str(), per_group.c_str(),
        per_language.c_str(), per.c_str(), results.c_str());
  } else {
    if (groups.size() > 1) {
      for (const auto& [name, g] : groups)
        std::printf("%-16s %s\n", name.c_str(), g.Text().c_str());
    }
    // With splits, each language over all of them too.
    if (groups.size() > languages.size() && languages.size() > 1) {
      for (const auto& [name, g] : languages)
        std::printf("%-16s %s\n", name.c_str(), g.Text().c_str());
    }
    std::printf("%-16s %s\n", "all", all.Text().c_str());
  }
  return 0;
}

int Kb(const Args& args) {
  if (args.positional.empty()) return Usage("kb needs 'build' or 'search'");
  std::unique_ptr<libbot::Analyzer> analyzer = OpenAnalyzer(args);
  if (!analyzer) return 1;
  const std::string& sub = args.positional[0];
  if (sub == "build") {
    if (args.positional.size() != 2 || args.output.empty()) {
      return Usage("usage: libbot kb build DIR -o FILE");
    }
    libbot::internal::KbBuildStats stats;
    const libbot::Status s = libbot::internal::BuildKnowledgeBase(
        args.positional[1], args.output, *analyzer, &stats);
    if (!s.ok()) {
      std::fprintf(stderr, "%s\n", s.message().c_str());
      return 1;
    }
    std::printf("%s: %zu entries, %zu questions, %zu tests\n",
                args.output.c_str(), stats.entries, stats.questions,
                stats.tests);
    return 0;
  }
  if (sub == "search") {
    if (args.positional.size() < 2 || args.lang == libbot::Lang::kUnknown) {
      return Usage("usage: libbot kb search --lang hu|pl [--kb FILE] TEXT");
    }
    std::vector<libbot::internal::FtsHit> hits;
    const libbot::Status s = libbot::internal::SearchKnowledgeBaseFts(
        args.kb.empty() ? "kb/faq.sqlite" : args.kb, *analyzer, args.lang,
        args.positional[1], 10, &hits);
    if (!s.ok()) {
      std::fprintf(stderr, "%s\n", s.message().c_str());
      return 1;
    }
    for (const auto& hit : hits)
      std::printf("%s\t%s\n", hit.entry_id.c_str(), hit.question.c_str());
    return 0;
  }
  return Usage("unknown kb command '" + sub + "'");
}

int Analyze(const Args& args) {
  std::unique_ptr<libbot::Analyzer> analyzer = OpenAnalyzer(args);
  if (!analyzer) return 1;
  auto run = [&](const std::string& text) {
    const libbot::Analysis a = analyzer->Analyze(text, args.lang);
    if (args.json) {
      std::string out =
          "{\"text\":" + JsonString(text) +
          ",\"lang\":" + JsonString(libbot::LangCode(a.language.lang)) +
          ",\"confidence\":" + std::to_string(a.language.confidence) +
          ",\"invalid_utf8\":" + (a.invalid_utf8 ? "true" : "false") +
          ",\"truncated\":" + (a.truncated ? "true" : "false") +
          ",\"tokens\":[";
      for (size_t i = 0; i < a.tokens.size(); ++i) {
        const libbot::Token& t = a.tokens[i];
        out += (i ? "," : "") + std::string("{\"kind\":") +
               JsonString(libbot::TokenKindName(t.kind)) +
               ",\"begin\":" + std::to_string(t.begin) +
               ",\"end\":" + std::to_string(t.end) + ",\"text\":" +
               JsonString(text.substr(t.begin, t.end - t.begin)) +
               ",\"norm\":" + JsonString(t.norm) +
               ",\"folded\":" + JsonString(t.folded) +
               ",\"key\":" + JsonString(t.key) + ",\"alt_keys\":[";
        for (size_t k = 0; k < t.alt_keys.size(); ++k)
          out += (k ? "," : "") + JsonString(t.alt_keys[k]);
        out += "],\"lemma_source\":" +
               JsonString(libbot::LemmaSourceName(t.lemma_source)) +
               ",\"proper_noun\":" + (t.proper_noun ? "true" : "false") + "}";
      }
      std::printf("%s]}\n", out.c_str());
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
  if (args.positional.empty()) {
    std::string line;
    while (std::getline(std::cin, line)) {
      if (!line.empty() && line[0] != '#') run(line);
    }
  } else {
    for (const std::string& text : args.positional) run(text);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage("no command");
  if (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  Args args;
  int exit_code = 0;
  if (!ParseArgs(argc, argv, &args, &exit_code)) return exit_code;
  const std::map<std::string, int (*)(const Args&)> commands = {
      {"respond", Respond}, {"explain", Explain},
      {"chat", Chat},       {"lint", Lint},
      {"test", Test},       {"eval", Eval},
      {"analyze", Analyze}, {"kb", Kb}};
  auto it = commands.find(args.command);
  if (it == commands.end())
    return Usage("unknown command '" + args.command + "'");
  return it->second(args);
}
