// Copyright 2026 The libbot Authors.
//
// MASSIVE 1.1 (hu, pl): the train split becomes intent examples (60 intents),
// the dev split is answered by example search, and accuracy is printed per
// language. Nothing is trained; the data is read in place.
//
//   massive_bench [--data ../shared/data/massive] [--markdown
//   docs/benchmarks.md]
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "bench_util.h"
#include "libbot/analyzer.h"
#include "match/search_index.h"
#include "util/json.h"

namespace {

using libbot::bench::Clock;
using libbot::bench::Micros;

struct Example {
  std::string text;
  std::string intent;
};

std::vector<Example> Read(const std::string& path) {
  std::vector<Example> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    libbot::internal::Json v;
    std::string error;
    if (!libbot::internal::ParseJson(line, &v, &error)) continue;
    out.push_back({v.value("text", ""), v.value("intent", "")});
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data = "../shared/data/massive", markdown;
  libbot::internal::SearchOptions options;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--data") == 0) data = argv[i + 1];
    if (std::strcmp(argv[i], "--markdown") == 0) markdown = argv[i + 1];
    // For tuning on train/dev: --message-weight W --vote-weight V.
    if (std::strcmp(argv[i], "--message-weight") == 0)
      options.message_weight = std::atof(argv[i + 1]);
    if (std::strcmp(argv[i], "--vote-weight") == 0)
      options.vote_weight = std::atof(argv[i + 1]);
    // --ngram-weight N; --max-learned-texts 0 keeps the n-gram centroids
    // (what a FAQ of more than EngineOptions::max_learned_texts texts gets).
    if (std::strcmp(argv[i], "--ngram-weight") == 0)
      options.ngram_weight = std::atof(argv[i + 1]);
    if (std::strcmp(argv[i], "--max-learned-texts") == 0)
      options.max_learned_texts = static_cast<size_t>(std::atoll(argv[i + 1]));
  }
  std::unique_ptr<libbot::Analyzer> analyzer;
  if (!libbot::Analyzer::Open({}, &analyzer).ok()) return 1;
  std::ostringstream out;
  out << "Measured by `bench/massive_bench`: MASSIVE 1.1 train split as intent "
         "examples "
         "(11,514 per language, 60 intents), dev split (2,033) answered by "
         "example search; "
         "top-1 intent accuracy, no training.\n\n"
         "| language | accuracy | examples indexed in | µs per query "
         "|\n|---|---|---|---|\n";
  for (const char* code : {"hu", "pl"}) {
    libbot::Lang lang;
    libbot::ParseLang(code, &lang);
    const auto train = Read(data + "/" + code + "_train.jsonl");
    const auto dev = Read(data + "/" + code + "_dev.jsonl");
    if (train.empty() || dev.empty()) {
      std::fprintf(stderr, "no data in %s\n", data.c_str());
      return 1;
    }
    std::map<std::string, uint32_t> owners;
    std::vector<std::string> names;
    libbot::internal::SearchIndex index(options);
    auto t0 = Clock::now();
    for (const auto& e : train) {
      auto [it, inserted] =
          owners.emplace(e.intent, static_cast<uint32_t>(names.size()));
      if (inserted) names.push_back(e.intent);
      index.Add(lang, it->second, analyzer->Analyze(e.text, lang));
    }
    index.Finish();
    const double build_ms = Micros(t0, Clock::now()) / 1000;
    size_t right = 0;
    std::vector<libbot::internal::SearchHit> hits;
    t0 = Clock::now();
    for (const auto& e : dev) {
      index.Search(lang, analyzer->Analyze(e.text, lang), 1, &hits);
      right += !hits.empty() && names[hits[0].owner] == e.intent;
    }
    const double per_query =
        Micros(t0, Clock::now()) / static_cast<double>(dev.size());
    char line[256];
    std::snprintf(
        line, sizeof(line), "| %s | %.1f%% (%zu/%zu) | %.0f ms | %.1f |\n",
        code,
        100.0 * static_cast<double>(right) / static_cast<double>(dev.size()),
        right, dev.size(), build_ms, per_query);
    out << line;
    std::fputs(line, stdout);
  }
  if (!markdown.empty() &&
      !libbot::bench::WriteSection(markdown, "massive", out.str()))
    return 1;
  return 0;
}
