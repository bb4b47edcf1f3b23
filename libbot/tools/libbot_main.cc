// Copyright 2026 The libbot Authors.
//
// The libbot command-line program.
//   libbot analyze [--lang hu|pl] [--json] [TEXT...]   show tokens and lemma
//   keys
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "libbot/analyzer.h"

namespace {

constexpr char kUsage[] =
    "usage: libbot <command> [options]\n"
    "\n"
    "commands:\n"
    "  analyze [--lang hu|pl] [--json] [--dictionaries DIR] [TEXT...]\n"
    "      Shows how libbot reads each message: its language, and for each\n"
    "      token the span, kind, normalised and folded forms and lemma key.\n"
    "      Without TEXT, reads one message per line from standard input.\n"
    "\n"
    "options:\n"
    "  --lang hu|pl        analyse in this language instead of detecting it\n"
    "  --json              one JSON object per message\n"
    "  --dictionaries DIR  Hunspell dictionaries (default "
    "/usr/share/hunspell)\n";

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          *out += buf;
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

std::string ToJson(std::string_view text, const libbot::Analysis& a) {
  std::string out = "{\"text\":";
  AppendJsonString(libbot::ToValidUtf8(text), &out);
  out += ",\"lang\":\"" + std::string(libbot::LangCode(a.language.lang)) + "\"";
  out += ",\"confidence\":" + std::to_string(a.language.confidence);
  out += ",\"invalid_utf8\":" + std::string(a.invalid_utf8 ? "true" : "false");
  out += ",\"truncated\":" + std::string(a.truncated ? "true" : "false");
  out += ",\"tokens\":[";
  for (size_t i = 0; i < a.tokens.size(); ++i) {
    const libbot::Token& t = a.tokens[i];
    if (i) out += ",";
    out += "{\"kind\":\"" + std::string(libbot::TokenKindName(t.kind)) + "\"";
    out += ",\"begin\":" + std::to_string(t.begin) +
           ",\"end\":" + std::to_string(t.end);
    out += ",\"text\":";
    AppendJsonString(libbot::ToValidUtf8(text.substr(t.begin, t.end - t.begin)),
                     &out);
    out += ",\"norm\":";
    AppendJsonString(t.norm, &out);
    out += ",\"folded\":";
    AppendJsonString(t.folded, &out);
    out += ",\"key\":";
    AppendJsonString(t.key, &out);
    out += ",\"alt_keys\":[";
    for (size_t k = 0; k < t.alt_keys.size(); ++k) {
      if (k) out += ",";
      AppendJsonString(t.alt_keys[k], &out);
    }
    out += "]";
    out += ",\"lemma_source\":\"" +
           std::string(libbot::LemmaSourceName(t.lemma_source)) + "\"}";
  }
  out += "]}";
  return out;
}

void PrintHuman(std::string_view text, const libbot::Analysis& a) {
  std::printf("> %s\n", libbot::ToValidUtf8(text).c_str());
  std::printf("  language: %s (confidence %.2f)%s%s\n",
              std::string(libbot::LangCode(a.language.lang)).c_str(),
              a.language.confidence,
              a.invalid_utf8 ? ", ill-formed UTF-8 skipped" : "",
              a.truncated ? ", truncated" : "");
  for (const libbot::Token& t : a.tokens) {
    const std::string surface =
        libbot::ToValidUtf8(text.substr(t.begin, t.end - t.begin));
    std::string alternatives;
    for (const std::string& alt : t.alt_keys)
      alternatives += (alternatives.empty() ? " (or " : ", ") + alt;
    if (!alternatives.empty()) alternatives += ")";
    std::printf(
        "  %-6s %-18s key=%-16s folded=%-16s %s%s\n",
        std::string(libbot::TokenKindName(t.kind)).c_str(), surface.c_str(),
        t.key.c_str(), t.folded.c_str(),
        t.kind == libbot::TokenKind::kWord
            ? std::string(libbot::LemmaSourceName(t.lemma_source)).c_str()
            : "",
        alternatives.c_str());
  }
}

int Analyze(int argc, char** argv) {
  libbot::AnalyzerOptions options;
  libbot::Lang lang = libbot::Lang::kUnknown;
  bool json = false;
  std::vector<std::string> texts;
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--json") {
      json = true;
    } else if (arg == "--lang" && i + 1 < argc) {
      if (!libbot::ParseLang(argv[++i], &lang)) {
        std::fprintf(stderr, "libbot: --lang takes hu or pl, not '%s'\n",
                     argv[i]);
        return 2;
      }
    } else if (arg == "--dictionaries" && i + 1 < argc) {
      options.dictionary_dir = argv[++i];
    } else if (arg.rfind("--", 0) == 0) {
      std::fprintf(stderr, "libbot: unknown option '%s'\n\n%s", arg.c_str(),
                   kUsage);
      return 2;
    } else {
      texts.push_back(arg);
    }
  }
  std::unique_ptr<libbot::Analyzer> analyzer;
  if (libbot::Status s = libbot::Analyzer::Open(options, &analyzer); !s.ok()) {
    std::fprintf(stderr, "libbot: %s\n", s.message().c_str());
    return 1;
  }
  auto run = [&](const std::string& text) {
    const libbot::Analysis a = analyzer->Analyze(text, lang);
    if (json) {
      std::printf("%s\n", ToJson(text, a).c_str());
    } else {
      PrintHuman(text, a);
    }
  };
  if (texts.empty()) {
    std::string line;
    while (std::getline(std::cin, line)) {
      if (!line.empty() && line[0] != '#') run(line);
    }
  } else {
    for (const std::string& text : texts) run(text);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 ||
      std::strcmp(argv[1], "-h") == 0) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  const std::string command = argv[1];
  if (command == "analyze") return Analyze(argc - 2, argv + 2);
  std::fprintf(stderr, "libbot: unknown command '%s'\n\n%s", command.c_str(),
               kUsage);
  return 2;
}
