// Copyright 2026 The libbot Authors.
//
// Answers every message of a file (a test set's texts, .jsonl or .csv, or
// else one message per line) with one Engine on N threads, each message in
// a fresh session, and prints the rate: the median of five rounds and their
// range.
//   respond_bench RULES_DIR KB_FILE MESSAGES_FILE THREADS [--keep-replies]
//       [--trace | --no-trace]
// By default it answers as a server does: each reply is used (its kind and
// text length are summed, so nothing is optimised away) and dropped.
// --keep-replies keeps every reply until the batch is done, as a batch run
// (and Python's respond_many) does: bench/python_bench.py compares like with
// like. --trace sets EngineOptions::trace (each reply says why); --no-trace
// keeps the default (no trace).
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "bench_util.h"
#include "libbot/engine.h"
#include "libbot/evaluate.h"

namespace {

constexpr int kRounds = 5;

// The messages of `path`: a test set's texts (.jsonl or .csv, read as
// `libbot eval` reads them), else each line of the file. (Until 2026-12-01
// every line was a message, so bench/demo_eval.jsonl was answered as its
// JSON lines, labels and all.)
bool ReadMessages(const std::string& path, std::vector<std::string>* texts) {
  auto ends_with = [&](std::string_view suffix) {
    return path.size() >= suffix.size() &&
           path.compare(path.size() - suffix.size(), suffix.size(), suffix) ==
               0;
  };
  if (ends_with(".jsonl") || ends_with(".csv")) {
    std::vector<libbot::EvalCase> cases;
    if (libbot::Status s = libbot::ReadEvalCases(path, &cases); !s.ok()) {
      std::fprintf(stderr, "%s\n", s.message().c_str());
      return false;
    }
    for (libbot::EvalCase& c : cases) texts->push_back(std::move(c.text));
    return true;
  }
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    return false;
  }
  for (std::string line; std::getline(in, line);) texts->push_back(line);
  return true;
}

// One round: every message once, on `workers` threads. Messages per second.
double Round(const libbot::Engine& engine,
             const std::vector<std::string>& texts, size_t workers,
             bool keep_replies, std::atomic<size_t>* checksum) {
  std::vector<libbot::Reply> kept(keep_replies ? texts.size() : 0);
  const auto start = libbot::bench::Clock::now();
  std::vector<std::thread> pool;
  for (size_t w = 0; w < workers; ++w) {
    pool.emplace_back([&, w] {
      size_t sum = 0;
      for (size_t i = w; i < texts.size(); i += workers) {
        libbot::Session session;
        libbot::Reply reply = engine.Respond(texts[i], &session);
        sum += static_cast<size_t>(reply.kind) + reply.text.size();
        if (keep_replies) kept[i] = std::move(reply);
      }
      *checksum += sum;
    });
  }
  for (auto& t : pool) t.join();
  const double seconds =
      libbot::bench::Micros(start, libbot::bench::Clock::now()) / 1e6;
  return static_cast<double>(texts.size()) / seconds;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr,
                 "usage: respond_bench RULES_DIR KB_FILE MESSAGES_FILE THREADS "
                 "[--keep-replies] [--trace | --no-trace]\n");
    return 2;
  }
  bool keep_replies = false;
  libbot::EngineOptions options;
  for (int i = 5; i < argc; ++i) {
    if (std::strcmp(argv[i], "--keep-replies") == 0) {
      keep_replies = true;
    } else if (std::strcmp(argv[i], "--no-trace") == 0) {
      options.trace = false;
    } else if (std::strcmp(argv[i], "--trace") == 0) {
      options.trace = true;
    } else {
      std::fprintf(stderr, "unknown option %s\n", argv[i]);
      return 2;
    }
  }
  options.rules_dir = argv[1];
  options.kb_path = argv[2];
  std::unique_ptr<libbot::Engine> engine;
  if (libbot::Status s = libbot::Engine::Open(options, &engine); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.message().c_str());
    return 1;
  }
  std::vector<std::string> texts;
  if (!ReadMessages(argv[3], &texts)) return 1;
  const size_t workers = static_cast<size_t>(std::max(1, std::atoi(argv[4])));
  std::atomic<size_t> checksum{0};
  Round(*engine, texts, workers, false, &checksum);  // warm-up: caches
  std::vector<double> rates;
  for (int r = 0; r < kRounds; ++r)
    rates.push_back(Round(*engine, texts, workers, keep_replies, &checksum));
  std::sort(rates.begin(), rates.end());
  std::printf(
      "%.0f messages/s (%.0f-%.0f over %d rounds; %.2f us each; "
      "checksum %zu)\n",
      rates[kRounds / 2], rates.front(), rates.back(), kRounds,
      1e6 / rates[kRounds / 2] * static_cast<double>(workers), checksum.load());
  return 0;
}
