// Copyright 2026 The libbot Authors.
//
// Session JSON parsing: what parses must write back to the same JSON, and a
// conversation must go on from it (a stateless server takes sessions from
// anywhere, a client's cookie included).
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace libbot;
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  Session session;
  session.pending_intent = "unchanged";
  const Status s = Session::FromJson(json, &session);
  if (!s.ok()) {
    LIBBOT_FUZZ_ASSERT(session.pending_intent == "unchanged");
    return 0;
  }
  const std::string written = session.ToJson();
  Session again;
  LIBBOT_FUZZ_ASSERT(Session::FromJson(written, &again).ok());
  LIBBOT_FUZZ_ASSERT(again.ToJson() == written);
  for (const char* m : {"2", "#123456", "igen", "Hol a csomagom?"}) {
    const Reply r = fuzz::DemoEngine().Respond(m, &session);
    LIBBOT_FUZZ_ASSERT(!r.text.empty());
  }
  return 0;
}
