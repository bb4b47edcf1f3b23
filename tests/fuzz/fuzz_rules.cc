// Copyright 2026 The libbot Authors.
//
// The rule loader on arbitrary YAML: the input is one rule file of a bot;
// when it loads, the bot answers a few messages, lints and runs its tests.
// Loading runs on a 256 KB stack.
#include "fuzz_support.h"
#include "small_stack.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace libbot;
  const std::string dir = fuzz::ScratchDir() + "/rules";
  // The first byte picks the folder: hu/, pl/ or the shared top level.
  const char* folders[] = {"hu/", "pl/", ""};
  const char* folder = size > 0 ? folders[data[0] % 3] : "";
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  fuzz::WriteOnly(dir, std::string(folder) + "fuzz.yaml",
                  size > 0 ? text.substr(1) : text);
  EngineOptions options;
  options.rules_dir = dir;
  options.trace = true;  // the trace's code is fuzzed too
  std::unique_ptr<Engine> engine;
  Status s;
  // On a small stack, so that a recursion without a bound (deep brackets,
  // concepts) crashes here instead of passing on a big main-thread stack.
  testing::RunOnSmallStack(
      [&] { s = Engine::Open(options, fuzz::SharedAnalyzer(), &engine); });
  if (!s.ok()) {
    LIBBOT_FUZZ_ASSERT(!s.message().empty());
    return 0;
  }
  Session session;
  for (const char* m :
       {"szia", "Hol a csomagom? #123456", "Dzień dobry", "nie wiem", "2"}) {
    const Reply r = engine->Respond(m, &session);
    LIBBOT_FUZZ_ASSERT(!r.text.empty());
  }
  engine->Lint();
  const auto results = engine->RunInlineTests();
  engine->UncoveredPatterns(results);
  return 0;
}
