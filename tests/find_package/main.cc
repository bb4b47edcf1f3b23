// Uses only the installed public headers and library.
#include <iostream>

#include "libbot/analyzer.h"

int main() {
  std::unique_ptr<libbot::Analyzer> analyzer;
  libbot::Status status = libbot::Analyzer::Open({}, &analyzer);
  if (!status.ok()) {
    std::cerr << status.ToString() << "\n";
    return 1;
  }
  const libbot::Analysis analysis =
      analyzer->Analyze("Zapomniałem hasła", libbot::Lang::kPl);
  for (const libbot::Token& token : analysis.tokens)
    std::cout << token.key << "\n";
  return 0;
}
