// Copyright 2026 The libbot Authors.
//
// Session JSON: what a stateless server pays per message to restore the
// conversation and store it again. A session as the demo bot leaves it after
// ten turns (1.4 KB): ten kept turns, a pending question, three choices.
//
//   ./build/bench/session_json_bench [--rounds N]
//
// Uses only the public API, so the same file builds against an older libbot
// for a side-by-side run (docs/benchmarks.md, "Session JSON").
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "libbot/engine.h"

namespace {

using Clock = std::chrono::steady_clock;

libbot::Session TenTurns() {
  libbot::Session s;
  s.lang = libbot::Lang::kHu;
  s.context["order"] = 2;
  s.pending_intent = "order_status";
  s.pending_slot = "order_number";
  s.choices = {"faq:shipping_cost", "intent:order_status", "faq:returns"};
  s.turn_count = 10;
  for (int i = 0; i < 10; ++i) {
    s.turns.push_back(
        {"Hol tart a rendelésem? Szeretném tudni, mikor "
         "érkezik meg a csomag.",
         "clarify", "order_status"});
  }
  return s;
}

// Median over `repeats` runs of `rounds` calls, in microseconds per call.
template <typename F>
double MedianMicros(int repeats, int rounds, F&& f) {
  std::vector<double> runs;
  for (int r = 0; r < repeats; ++r) {
    const auto start = Clock::now();
    for (int i = 0; i < rounds; ++i) f();
    runs.push_back(
        std::chrono::duration<double, std::micro>(Clock::now() - start)
            .count() /
        rounds);
  }
  std::sort(runs.begin(), runs.end());
  return runs[runs.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 50000;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::atoi(argv[i + 1]);
  }
  const libbot::Session session = TenTurns();
  const std::string json = session.ToJson();
  size_t sink = 0;
  const double write =
      MedianMicros(5, rounds, [&] { sink += session.ToJson().size(); });
  const double read = MedianMicros(5, rounds, [&] {
    libbot::Session back;
    sink += libbot::Session::FromJson(json, &back).ok();
  });
  std::printf(
      "session JSON %zu bytes: ToJson %.2f us, FromJson %.2f us, "
      "round trip %.2f us (median of 5 x %d; %zu)\n",
      json.size(), write, read, write + read, rounds, sink % 10);
  return 0;
}
