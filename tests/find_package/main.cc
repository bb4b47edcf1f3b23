// Uses only the installed public headers and library, as a user's program
// would: the text pipeline, a knowledge base built from FAQ sources, an
// engine answering a conversation, and an evaluation.
//
// usage: consumer RULES_DIR KB_SOURCES_DIR WORK_DIR
#include <iostream>
#include <string>
#include <vector>

#include "libbot/analyzer.h"
#include "libbot/engine.h"
#include "libbot/evaluate.h"
#include "libbot/kb.h"

namespace {

int Fail(const libbot::Status& status) {
  std::cerr << status.ToString() << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: consumer RULES_DIR KB_SOURCES_DIR WORK_DIR\n";
    return 2;
  }
  std::unique_ptr<libbot::Analyzer> analyzer;
  if (libbot::Status s = libbot::Analyzer::Open({}, &analyzer); !s.ok())
    return Fail(s);
  for (const libbot::Token& token :
       analyzer->Analyze("Zapomniałem hasła", libbot::Lang::kPl).tokens)
    std::cout << token.key << "\n";

  const std::string kb = std::string(argv[3]) + "/consumer_faq.sqlite";
  libbot::KbBuildStats stats;
  if (libbot::Status s =
          libbot::BuildKnowledgeBase(argv[2], kb, *analyzer, &stats);
      !s.ok())
    return Fail(s);

  libbot::EngineOptions options;
  options.rules_dir = argv[1];
  options.kb_path = kb;
  std::unique_ptr<libbot::Engine> engine;
  if (libbot::Status s = libbot::Engine::Open(options, &engine); !s.ok())
    return Fail(s);
  libbot::Session session;
  for (const char* text : {"Hol tart a rendelésem?", "#483920"}) {
    const libbot::Reply r = engine->Respond(text, &session);
    std::cout << libbot::ReplyKindName(r.kind) << " " << r.id << ": " << r.text
              << "\n";
  }
  const libbot::Reply faq = engine->Respond("ile kosztuje wysyłka?");
  std::cout << libbot::ReplyKindName(faq.kind) << " " << faq.id << "\n";

  std::vector<libbot::EvalCase> cases(1);
  cases[0].text = "Zapomniałem hasła";
  cases[0].expect = {"password_reset"};
  const libbot::EvalReport report = libbot::Evaluate(*engine, cases);
  std::cout << "eval " << report.Overall().correct << "/"
            << report.Overall().total << "\n";
  return 0;
}
