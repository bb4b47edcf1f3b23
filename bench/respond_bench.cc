// Copyright 2026 The libbot Authors.
//
// Answers every line of a file with one Engine on N threads (each message in
// a fresh session), keeping every reply as a batch run does, and prints the
// rate: the C++ side of bench/python_bench.py.
//   respond_bench RULES_DIR KB_FILE MESSAGES_FILE THREADS
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_util.h"
#include "libbot/engine.h"

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(
        stderr,
        "usage: respond_bench RULES_DIR KB_FILE MESSAGES_FILE THREADS\n");
    return 2;
  }
  libbot::EngineOptions options;
  options.rules_dir = argv[1];
  options.kb_path = argv[2];
  std::unique_ptr<libbot::Engine> engine;
  if (libbot::Status s = libbot::Engine::Open(options, &engine); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.message().c_str());
    return 1;
  }
  std::vector<std::string> texts;
  std::ifstream in(argv[3]);
  for (std::string line; std::getline(in, line);) texts.push_back(line);
  const size_t workers = static_cast<size_t>(std::max(1, std::atoi(argv[4])));
  for (size_t i = 0; i < std::min<size_t>(500, texts.size()); ++i)
    engine->Respond(texts[i]);
  const auto start = libbot::bench::Clock::now();
  std::vector<libbot::Reply> replies(texts.size());
  std::vector<std::thread> pool;
  for (size_t w = 0; w < workers; ++w) {
    pool.emplace_back([&, w] {
      for (size_t i = w; i < texts.size(); i += workers) {
        libbot::Session session;
        replies[i] = engine->Respond(texts[i], &session);
      }
    });
  }
  for (auto& t : pool) t.join();
  const double seconds =
      libbot::bench::Micros(start, libbot::bench::Clock::now()) / 1e6;
  std::printf("%.0f messages/s\n", static_cast<double>(texts.size()) / seconds);
  return 0;
}
