// Copyright 2026 The libbot Authors.
#include <doctest/doctest.h>

#include "libbot/engine.h"

namespace libbot {

TEST_CASE("session: JSON round trip") {
  Session s;
  s.lang = Lang::kPl;
  s.context["order"] = 2;
  s.pending_intent = "order_status";
  s.pending_slot = "order_number";
  s.slots["x"] = "idézőjel \" és \\ és \n új sor";
  s.consecutive_fallbacks = 1;
  s.complaints = 1;
  s.turn_count = 7;
  s.turns.push_back({"Gdzie jest moja paczka?", "clarify", "order_status"});
  s.slots_intent = "order_status";
  s.slot_turns["x"] = 6;
  s.low_confidence_turns = 2;
  s.frustrated_turns = 1;
  s.handed_over = true;
  Session back;
  REQUIRE(Session::FromJson(s.ToJson(), &back).ok());
  CHECK(back.ToJson() == s.ToJson());
  CHECK(back.slots_intent == "order_status");
  CHECK(back.slot_turns["x"] == 6);
  CHECK(back.low_confidence_turns == 2);
  CHECK(back.frustrated_turns == 1);
  CHECK(back.handed_over);
  CHECK(back.lang == Lang::kPl);
  CHECK(back.slots["x"] == s.slots["x"]);
  CHECK(back.turns[0].user == "Gdzie jest moja paczka?");
}

TEST_CASE("session: bad JSON is refused and leaves the session alone") {
  Session s;
  s.turn_count = 3;
  for (const char* bad :
       {"", "{", "[]", "{\"version\":2}", "{\"version\":1,\"lang\":\"de\"}",
        "{\"version\":1,\"turns\":5}", "{\"version\":1,\"turn_count\":\"x\"}",
        "{\"version\":1,\"slots\":{\"a\":1}}", "nul", "{\"version\":1}x",
        "{\"version\":1,\"handed_over\":\"yes\"}",
        "{\"version\":1,\"slot_turns\":{\"a\":-1}}",
        "{\"version\":1,\"frustrated_turns\":1.5}"}) {
    CAPTURE(bad);
    CHECK_FALSE(Session::FromJson(bad, &s).ok());
    CHECK(s.turn_count == 3);
  }
  CHECK(Session::FromJson("{\"version\":2}", &s)
            .message()
            .find("version 2 is not supported") != std::string::npos);
}

TEST_CASE("session: older fields missing, unknown fields ignored") {
  Session s;
  REQUIRE(Session::FromJson(
              "{\"version\":1,\"future_field\":[1,2],\"lang\":\"hu\"}", &s)
              .ok());
  CHECK(s.lang == Lang::kHu);
  CHECK(s.turns.empty());
}

}  // namespace libbot
