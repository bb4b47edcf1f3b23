// Copyright 2026 The libbot Authors.
//
// Respond() on arbitrary bytes: each line is one turn of a conversation with
// the demo bot, so session state (slots, choices, context) is fuzzed too.
#include "fuzz_support.h"
#include "util/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace libbot;
  const Engine& engine = fuzz::DemoEngine();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  Session session;
  size_t start = 0;
  for (int turn = 0; turn < 8 && start <= input.size(); ++turn) {
    size_t end = input.find('\n', start);
    if (end == std::string_view::npos) end = input.size();
    const std::string_view message = input.substr(start, end - start);
    const Reply r = engine.Respond(message, &session);
    LIBBOT_FUZZ_ASSERT(!r.text.empty());
    LIBBOT_FUZZ_ASSERT(internal::IsValidUtf8(r.text));
    for (const Entity& e : r.entities)
      LIBBOT_FUZZ_ASSERT(e.begin <= e.end && e.end <= message.size());
    start = end + 1;
  }
  // What a stateless server stores must read back.
  Session copy;
  LIBBOT_FUZZ_ASSERT(Session::FromJson(session.ToJson(), &copy).ok());
  LIBBOT_FUZZ_ASSERT(copy.ToJson() == session.ToJson());
  return 0;
}
