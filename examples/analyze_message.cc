// Copyright 2026 The libbot Authors.
//
// The smallest useful libbot program: open the analyzer, read a message, and
// print each word with the lemma key rules and FAQ search will match on.
//   ./build/examples/analyze_message "Hol van a csomagom?"
#include <iostream>
#include <memory>

#include "libbot/analyzer.h"

int main(int argc, char** argv) {
  std::unique_ptr<libbot::Analyzer> analyzer;
  if (libbot::Status s = libbot::Analyzer::Open({}, &analyzer); !s.ok()) {
    std::cerr << s.ToString() << "\n";
    return 1;
  }
  const std::string text = argc > 1 ? argv[1] : "Zapomniałem hasła";
  const libbot::Analysis analysis = analyzer->Analyze(text);
  std::cout << "language: " << libbot::LangCode(analysis.language.lang) << " ("
            << analysis.language.confidence << ")\n";
  for (const libbot::Token& token : analysis.tokens) {
    std::cout << text.substr(token.begin, token.end - token.begin) << " -> " << token.key
              << "\n";
  }
  return 0;
}
