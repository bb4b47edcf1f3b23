// Copyright 2026 The libbot Authors.
//
// Hot reload of the demo bot through an EngineHandle while one thread
// answers: how long a reload takes, and what it costs the replies made
// meanwhile (rate and slowest reply, against the same thread without
// reloads).
//   ./build/bench/reload_bench [--markdown docs/benchmarks.md]
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_util.h"
#include "kb/kb.h"
#include "libbot/engine_handle.h"
#include "libbot/evaluate.h"

namespace {

using libbot::bench::Clock;
using libbot::bench::Micros;

std::vector<std::string> DemoMessages(const std::string& repo) {
  std::vector<libbot::EvalCase> cases;
  libbot::ReadEvalCases(repo + "/bench/demo_eval.jsonl", &cases);
  std::vector<std::string> out;
  for (libbot::EvalCase& c : cases) out.push_back(std::move(c.text));
  return out;
}

double Quantile(const std::vector<double>& sorted, double q) {
  return sorted[static_cast<size_t>(q *
                                    static_cast<double>(sorted.size() - 1))];
}

struct Load {
  double seconds = 0;
  size_t replies = 0;
  std::vector<double> reply_us;
  std::vector<double> reload_ms;
};

// Answers the messages over and over for `seconds`; when `reload` is set,
// the main thread reloads the whole time, one reload after another.
Load Run(libbot::EngineHandle* handle, const std::vector<std::string>& messages,
         double seconds, bool reload) {
  Load load;
  std::atomic<bool> stop{false};
  std::thread answering([&] {
    for (size_t i = 0; !stop; ++i) {
      const auto t0 = Clock::now();
      handle->Respond(messages[i % messages.size()]);
      load.reply_us.push_back(Micros(t0, Clock::now()));
      ++load.replies;
    }
  });
  const auto start = Clock::now();
  while (Micros(start, Clock::now()) < seconds * 1e6) {
    if (!reload) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    const auto t0 = Clock::now();
    if (libbot::Status s = handle->Reload(); !s.ok()) {
      std::fprintf(stderr, "%s\n", s.message().c_str());
      std::exit(1);
    }
    load.reload_ms.push_back(Micros(t0, Clock::now()) / 1000);
  }
  stop = true;
  answering.join();
  load.seconds = Micros(start, Clock::now()) / 1e6;
  std::sort(load.reply_us.begin(), load.reply_us.end());
  return load;
}

}  // namespace

int main(int argc, char** argv) {
  std::string markdown;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--markdown") markdown = argv[i + 1];
  }
  const std::string repo = LIBBOT_BENCH_REPO_DIR;
  const std::string kb = "/tmp/libbot_reload_bench.sqlite";
  libbot::EngineOptions options;
  options.rules_dir = repo + "/rules";
  options.kb_path = kb;
  std::unique_ptr<libbot::Analyzer> analyzer;
  libbot::KbBuildStats stats;
  libbot::Status s = libbot::Analyzer::Open(options.analyzer, &analyzer);
  if (s.ok())
    s = libbot::BuildKnowledgeBase(repo + "/kb", kb, *analyzer, &stats);
  analyzer.reset();
  std::unique_ptr<libbot::EngineHandle> handle;
  if (s.ok()) s = libbot::EngineHandle::Open(options, &handle);
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.message().c_str());
    return 1;
  }
  const std::vector<std::string> messages = DemoMessages(repo);

  // A reload with fresh dictionaries, for comparison: what a new Engine costs.
  const auto t0 = Clock::now();
  std::unique_ptr<libbot::Engine> fresh;
  libbot::Engine::Open(options, &fresh);
  const double open_ms = Micros(t0, Clock::now()) / 1000;
  fresh.reset();

  Run(handle.get(), messages, 1, false);  // warm-up
  const Load quiet = Run(handle.get(), messages, 5, false);
  const Load busy = Run(handle.get(), messages, 5, true);
  std::vector<double> ms = busy.reload_ms;
  std::sort(ms.begin(), ms.end());
  const double median = ms[ms.size() / 2];
  const double peak_mb = libbot::bench::StatusKb("VmHWM") / 1024.0;

  std::ostringstream out;
  char line[512];
  out << "Measured by `bench/reload_bench` (RelWithDebInfo): the demo bot ("
      << stats.entries << " FAQ entries) behind an `EngineHandle`; one thread "
      << "answers the " << messages.size()
      << " messages of `bench/demo_eval.jsonl` over and over for 5 s, once "
         "alone and once while the main thread reloads rules and knowledge "
         "base back to back.\n\n"
      << "| | value |\n|---|---|\n";
  std::snprintf(
      line, sizeof(line),
      "| reload (rules + knowledge base, dictionaries reused), "
      "median of %zu | %.1f ms |\n| slowest reload | %.1f ms |\n"
      "| a new `Engine::Open` (dictionaries loaded again) | %.1f ms |\n",
      ms.size(), median, ms.back(), open_ms);
  out << line;
  std::snprintf(
      line, sizeof(line),
      "| replies/s without reloads | %.0f |\n"
      "| replies/s during back-to-back reloads | %.0f |\n"
      "| reply p99 / p99.9 / slowest without reloads | %.0f / %.0f / %.0f µs "
      "|\n"
      "| reply p99 / p99.9 / slowest during reloads | %.0f / %.0f / %.0f µs |\n"
      "| peak memory of the process | %.1f MB |\n",
      quiet.replies / quiet.seconds, busy.replies / busy.seconds,
      Quantile(quiet.reply_us, 0.99), Quantile(quiet.reply_us, 0.999),
      quiet.reply_us.back(), Quantile(busy.reply_us, 0.99),
      Quantile(busy.reply_us, 0.999), busy.reply_us.back(), peak_mb);
  out << line;
  std::printf("%s", out.str().c_str());
  if (!markdown.empty() &&
      !libbot::bench::WriteSection(markdown, "reload", out.str()))
    return 1;
  return 0;
}
