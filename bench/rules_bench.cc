// Copyright 2026 The libbot Authors.
//
// Rule-engine benchmark on synthetic rule sets it writes itself:
// N intents (half Hungarian, half Polish), 5 patterns each, built from real
// dictionary words; messages built from the patterns (70%) or from random
// words (30%, mostly fallbacks). Reports load time, single-thread throughput,
// p50/p99 latency and memory (the resident memory opening the engine adds,
// its own dictionaries included).
//
// With --examples N, the intents have N examples each (6-9 dictionary words,
// most of them the intent's own) instead of patterns: the load then builds
// the example search and the n-gram model (issue 17: 1,000 intents x 10
// examples load in <= 1 s).
//
//   rules_bench [--intents 1000,10000] [--examples N]
//               [--markdown docs/benchmarks.md] [--keep DIR]
//
// --keep DIR leaves each generated bot in DIR/N (its rules, for callgrind
// or perf on the load: `libbot lint DIR/1000` opens it) instead of deleting
// it.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "libbot/engine.h"

#include "bench_util.h"

namespace {

using libbot::bench::Clock;
using libbot::bench::Micros;
using libbot::bench::RssKb;

struct Synthetic {
  std::string dir;
  std::vector<std::pair<std::string, libbot::Lang>> messages;
};

// N examples of 6-9 words: most are the intent's own words (w), in a random
// order, with a word or two of the vocabulary among them.
void WriteExamples(const std::vector<std::string>& w,
                   const std::vector<std::string>& vocab, int n,
                   std::mt19937* rng, std::ofstream* file) {
  *file << "    examples:\n";
  for (int e = 0; e < n; ++e) {
    std::vector<std::string> words = w;
    std::shuffle(words.begin(), words.end(), *rng);
    words.resize(4 + (*rng)() % 4);
    for (int k = 0; k < 1 + static_cast<int>((*rng)() % 2); ++k)
      words.push_back(libbot::bench::Pick(vocab, rng));
    std::shuffle(words.begin(), words.end(), *rng);
    *file << "      - '";
    for (size_t k = 0; k < words.size(); ++k)
      *file << (k ? " " : "") << words[k];
    *file << "'\n";
  }
}

Synthetic Generate(int intents, int examples, std::mt19937* rng) {
  Synthetic s;
  s.dir = (std::filesystem::temp_directory_path() /
           ("libbot_bench_rules_" + std::to_string(intents) + "_" +
            std::to_string(examples)))
              .string();
  std::filesystem::remove_all(s.dir);
  const std::vector<std::string> hu = libbot::bench::DictionaryWords(
      "/usr/share/hunspell/hu_HU.dic", 4000, rng);
  const std::vector<std::string> pl = libbot::bench::DictionaryWords(
      "/usr/share/hunspell/pl_PL.dic", 4000, rng);
  std::vector<std::vector<std::string>> pattern_messages;
  for (libbot::Lang lang : {libbot::Lang::kHu, libbot::Lang::kPl}) {
    const auto& vocab = lang == libbot::Lang::kHu ? hu : pl;
    const std::string code(libbot::LangCode(lang));
    std::filesystem::create_directories(s.dir + "/" + code);
    std::ofstream file;
    for (int i = 0; i < intents / 2; ++i) {
      if (i % 100 == 0) {
        file.close();
        file.open(s.dir + "/" + code + "/part" + std::to_string(i / 100) +
                  ".yaml");
        file << "intents:\n";
      }
      std::vector<std::string> w;
      for (int k = 0; k < 8; ++k) w.push_back(libbot::bench::Pick(vocab, rng));
      file << "  - id: intent_" << i << "\n";
      if (examples > 0) {
        WriteExamples(w, vocab, examples, rng, &file);
      } else {
        file << "    patterns:\n"
             << "      - '" << w[0] << " " << w[1] << "'\n"
             << "      - '" << w[0] << " *2 " << w[2] << "'\n"
             << "      - '<" << w[3] << " " << w[4] << ">'\n"
             << "      - '(" << w[1] << " | " << w[5] << ") " << w[6] << "'\n"
             << "      - '[" << w[7] << "] " << w[2] << " " << w[4] << "'\n";
      }
      file << "    replies: ['ok " << i << "']\n";
      // Messages for this intent: its words with filler around them.
      const std::string filler1 = libbot::bench::Pick(vocab, rng),
                        filler2 = libbot::bench::Pick(vocab, rng);
      s.messages.push_back({filler1 + " " + w[0] + " " + w[1] + " " + filler2 +
                                " " + libbot::bench::Pick(vocab, rng) + " " +
                                libbot::bench::Pick(vocab, rng),
                            lang});
      s.messages.push_back({w[4] + " " + filler1 + " " + filler2 + " " + w[3] +
                                " " + libbot::bench::Pick(vocab, rng) + " " +
                                libbot::bench::Pick(vocab, rng) + " " +
                                libbot::bench::Pick(vocab, rng),
                            lang});
    }
    // Random messages (mostly fallbacks).
    for (int i = 0; i < intents / 3; ++i) {
      std::string m;
      for (int k = 0; k < 8; ++k)
        m += (k ? " " : "") + libbot::bench::Pick(vocab, rng);
      s.messages.push_back({m, lang});
    }
  }
  std::shuffle(s.messages.begin(), s.messages.end(), *rng);
  if (s.messages.size() > 4000) s.messages.resize(4000);
  return s;
}

struct Result {
  int intents = 0;
  double open_ms = 0, analyzer_ms = 0;
  double per_second = 0, p50 = 0, p99 = 0;
  double rss_mb = 0;
  double answered = 0;
};

Result Run(int intents, int examples, const std::string& keep) {
  std::mt19937 rng(static_cast<unsigned>(intents));
  const Synthetic synthetic = Generate(intents, examples, &rng);
  Result r;
  r.intents = intents;
  std::unique_ptr<libbot::Analyzer> analyzer;
  auto t0 = Clock::now();
  libbot::Analyzer::Open({}, &analyzer);
  r.analyzer_ms = Micros(t0, Clock::now()) / 1000;
  // The analyzer stays alive until the engine's memory is measured: freed,
  // its pages would be reused by the engine's own dictionaries, and the
  // difference would leave most of them out.
  const long rss_before = RssKb();
  libbot::EngineOptions options;
  options.rules_dir = synthetic.dir;
  std::unique_ptr<libbot::Engine> engine;
  t0 = Clock::now();
  const libbot::Status s = libbot::Engine::Open(options, &engine);
  r.open_ms = Micros(t0, Clock::now()) / 1000;
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.message().substr(0, 2000).c_str());
    std::exit(1);
  }
  r.rss_mb = (RssKb() - rss_before) / 1024.0;
  analyzer.reset();
  for (const auto& [m, lang] : synthetic.messages)
    engine->Respond(m, nullptr, lang);  // warm-up
  std::vector<double> latencies;
  size_t answered = 0;
  const auto start = Clock::now();
  for (int round = 0; round < 5; ++round) {
    for (const auto& [m, lang] : synthetic.messages) {
      const auto a = Clock::now();
      const libbot::Reply reply = engine->Respond(m, nullptr, lang);
      latencies.push_back(Micros(a, Clock::now()));
      answered += reply.kind == libbot::ReplyKind::kAnswer;
    }
  }
  const double seconds = Micros(start, Clock::now()) / 1e6;
  std::sort(latencies.begin(), latencies.end());
  r.per_second = static_cast<double>(latencies.size()) / seconds;
  r.p50 = latencies[latencies.size() / 2];
  r.p99 = latencies[latencies.size() * 99 / 100];
  r.answered =
      static_cast<double>(answered) / static_cast<double>(latencies.size());
  if (!keep.empty()) {
    const std::string kept = keep + "/" + std::to_string(intents);
    std::filesystem::remove_all(kept);
    std::filesystem::create_directories(keep);
    std::filesystem::copy(synthetic.dir, kept,
                          std::filesystem::copy_options::recursive);
  }
  std::filesystem::remove_all(synthetic.dir);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> sizes = {1000, 10000};
  std::string markdown, keep;
  int examples = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--markdown") == 0) markdown = argv[i + 1];
    if (std::strcmp(argv[i], "--intents") == 0)
      sizes = libbot::bench::ParseSizes(argv[i + 1]);
    if (std::strcmp(argv[i], "--examples") == 0)
      examples = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--keep") == 0) keep = argv[i + 1];
  }
  std::ostringstream out;
  if (examples > 0) {
    out << "Measured by `bench/rules_bench --examples " << examples
        << "` (one thread, RelWithDebInfo). Synthetic example-only bots: "
           "half Hungarian, half Polish intents, "
        << examples
        << " examples each of 5-9 dictionary words (4-7 of the intent's own "
           "8, 1-2 others); messages built as for the patterns.\n\n"
           "| intents | examples | open (dictionaries + rules) | rules only | "
           "messages/s | p50 µs | p99 µs | answered | memory "
           "|\n|---|---|---|---|---|---|---|---|---|\n";
  } else {
    out << "Measured by `bench/rules_bench` (one thread, RelWithDebInfo). "
           "Synthetic rule sets: "
           "half Hungarian, half Polish intents, 5 patterns each (sequence, "
           "bounded wildcard, "
           "order-free set, alternatives, optional word) over real dictionary "
           "words; 4,000 "
           "messages of 6-8 words, about 70% built from patterns.\n\n"
           "| intents | patterns | open (dictionaries + rules) | rules only | "
           "messages/s | p50 µs | "
           "p99 µs | answered | memory "
           "|\n|---|---|---|---|---|---|---|---|---|\n";
  }
  for (int n : sizes) {
    const Result r = Run(n, examples, keep);
    char line[512];
    std::snprintf(line, sizeof(line),
                  "| %d | %d | %.0f ms | %.0f ms | %.0f | %.1f | %.1f | %.0f%% "
                  "| %.1f MB |\n",
                  r.intents, r.intents * (examples > 0 ? examples : 5),
                  r.open_ms, r.open_ms - r.analyzer_ms, r.per_second, r.p50,
                  r.p99, 100 * r.answered, r.rss_mb);
    out << line;
    std::fputs(line, stdout);
    std::fflush(stdout);
  }
  const std::string report = out.str();
  if (!markdown.empty() &&
      !libbot::bench::WriteSection(
          markdown, examples > 0 ? "rules_examples" : "rules", report))
    return 1;
  return 0;
}
