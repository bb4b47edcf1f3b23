// Copyright 2026 The libbot Authors.
//
// Text-pipeline benchmark: start-up, memory, and the cost of analysing a
// typical ~60-byte message, whole and stage by stage.
//
//   analyzer_bench [--messages tests/data/langid.tsv] [--markdown
//   docs/benchmarks.md]
//
// Messages are built from the language-identification set: consecutive
// messages of one language and accent style are joined until ~60 bytes.
// With --markdown, the section between "<!-- analyzer:begin -->" and
// "<!-- analyzer:end -->" in that file is replaced by the results.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "libbot/analyzer.h"
#include "text/fold.h"
#include "text/normalize.h"
#include "text/tokenize.h"

#include "bench_util.h"

namespace {

using libbot::bench::Clock;
using libbot::bench::Micros;
using libbot::bench::RssKb;

struct Stats {
  double median = 0, p99 = 0;
};

Stats Summarize(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  Stats s;
  if (v.empty()) return s;
  s.median = v[v.size() / 2];
  s.p99 = v[std::min(v.size() - 1, v.size() * 99 / 100)];
  return s;
}

bool HasNonAscii(const std::string& s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return true;
  }
  return false;
}

struct MessageSet {
  std::string name;
  libbot::Lang lang;
  std::vector<std::string> messages;
};

// Joins consecutive messages of one kind until each is at least 55 bytes.
std::vector<MessageSet> LoadSets(const std::string& path) {
  std::map<std::string, MessageSet> sets;
  std::map<std::string, std::string> pending;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    const std::string code = line.substr(0, tab), text = line.substr(tab + 1);
    const std::string name =
        code + (HasNonAscii(text) ? " accented" : " unaccented");
    libbot::Lang lang;
    libbot::ParseLang(code, &lang);
    MessageSet& set = sets[name];
    set.name = name;
    set.lang = lang;
    std::string& buffer = pending[name];
    buffer += (buffer.empty() ? "" : " ") + text;
    if (buffer.size() >= 55) {
      set.messages.push_back(buffer);
      buffer.clear();
    }
  }
  std::vector<MessageSet> out;
  for (auto& [name, set] : sets) out.push_back(set);
  return out;
}

struct Row {
  std::string set;
  double bytes = 0, tokens = 0;
  Stats given, detected;
  double tokens_per_second = 0;
};

std::string FormatRow(const Row& r) {
  char buf[256];
  std::snprintf(buf, sizeof(buf),
                "| %s | %.0f | %.1f | %.2f | %.2f | %.2f | %.2f | %.1f M |",
                r.set.c_str(), r.bytes, r.tokens, r.given.median, r.given.p99,
                r.detected.median, r.detected.p99, r.tokens_per_second / 1e6);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  std::string messages_path = "tests/data/langid.tsv", markdown;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--messages") == 0) messages_path = argv[i + 1];
    if (std::strcmp(argv[i], "--markdown") == 0) markdown = argv[i + 1];
  }
  const std::vector<MessageSet> sets = LoadSets(messages_path);
  if (sets.empty()) {
    std::fprintf(stderr, "no messages in %s\n", messages_path.c_str());
    return 1;
  }

  // Start-up: the first Open() in a process, then the median of 5 more.
  const long rss_before = RssKb();
  std::unique_ptr<libbot::Analyzer> analyzer;
  auto t0 = Clock::now();
  if (!libbot::Analyzer::Open({}, &analyzer).ok()) return 1;
  const double first_open_ms = Micros(t0, Clock::now()) / 1000;
  const long rss_after = RssKb();
  std::vector<double> opens;
  for (int i = 0; i < 5; ++i) {
    std::unique_ptr<libbot::Analyzer> again;
    t0 = Clock::now();
    libbot::Analyzer::Open({}, &again);
    opens.push_back(Micros(t0, Clock::now()) / 1000);
  }

  // Whole messages, after a warm-up pass (fills the lemma cache).
  constexpr int kRounds = 2000;
  std::vector<Row> rows;
  for (const MessageSet& set : sets) {
    for (const auto& m : set.messages)
      analyzer->Analyze(m), analyzer->Analyze(m, set.lang);
    Row row;
    row.set = set.name;
    std::vector<double> given, detected;
    double total_tokens = 0, total_us = 0, bytes = 0;
    for (int round = 0; round < kRounds; ++round) {
      for (const auto& m : set.messages) {
        auto a = Clock::now();
        const libbot::Analysis analysis = analyzer->Analyze(m, set.lang);
        auto b = Clock::now();
        given.push_back(Micros(a, b));
        total_us += Micros(a, b);
        total_tokens += static_cast<double>(analysis.tokens.size());
        if (round == 0) bytes += static_cast<double>(m.size());
        a = Clock::now();
        analyzer->Analyze(m);
        detected.push_back(Micros(a, Clock::now()));
      }
    }
    row.bytes = bytes / static_cast<double>(set.messages.size());
    row.tokens =
        total_tokens / kRounds / static_cast<double>(set.messages.size());
    row.given = Summarize(given);
    row.detected = Summarize(detected);
    row.tokens_per_second = total_tokens / (total_us / 1e6);
    rows.push_back(row);
  }

  // Stage by stage, over all messages (per message, medians).
  std::vector<double> t_tokenize, t_normalize, t_fold, t_lemma, t_lemma_cold,
      t_detect;
  std::vector<std::string> all;
  for (const auto& set : sets)
    all.insert(all.end(), set.messages.begin(), set.messages.end());
  libbot::AnalyzerOptions cold_options;
  cold_options.lemma_cache_entries = 0;
  std::unique_ptr<libbot::Analyzer> cold;
  libbot::Analyzer::Open(cold_options, &cold);
  for (int round = 0; round < 500; ++round) {
    for (const MessageSet& set : sets) {
      for (const auto& m : set.messages) {
        std::vector<libbot::internal::RawToken> raw;
        auto a = Clock::now();
        libbot::internal::Tokenize(m, 10000, &raw);
        auto b = Clock::now();
        t_tokenize.push_back(Micros(a, b));
        std::vector<std::string> norms(raw.size()), folds(raw.size());
        a = Clock::now();
        for (size_t i = 0; i < raw.size(); ++i) {
          libbot::internal::NormalizeToken(
              std::string_view(m).substr(raw[i].begin,
                                         raw[i].end - raw[i].begin),
              &norms[i]);
        }
        b = Clock::now();
        t_normalize.push_back(Micros(a, b));
        a = Clock::now();
        for (size_t i = 0; i < raw.size(); ++i)
          libbot::internal::AppendFolded(norms[i], &folds[i]);
        b = Clock::now();
        t_fold.push_back(Micros(a, b));
        a = Clock::now();
        for (const auto& f : folds) analyzer->LemmaKey(f, set.lang);
        b = Clock::now();
        t_lemma.push_back(Micros(a, b));
        if (round < 5) {
          a = Clock::now();
          for (const auto& f : folds) cold->LemmaKey(f, set.lang);
          b = Clock::now();
          t_lemma_cold.push_back(Micros(a, b));
        }
        a = Clock::now();
        analyzer->DetectLanguage(m);
        t_detect.push_back(Micros(a, Clock::now()));
      }
    }
  }

  std::ostringstream out;
  char buf[512];
  out << "Measured by `bench/analyzer_bench` (build type RelWithDebInfo, one "
         "thread).\n\n";
  std::snprintf(buf, sizeof(buf),
                "Start-up (both dictionaries loaded): first %.0f ms, then "
                "median %.0f ms. "
                "Resident memory added by one Analyzer: %.1f MB.\n\n",
                first_open_ms, Summarize(opens).median,
                (rss_after - rss_before) / 1024.0);
  out << buf;
  out << "Per message (µs), warm cache, language given or detected:\n\n"
         "| set | bytes | tokens | median | p99 | median (detect) | p99 "
         "(detect) | tokens/s |\n"
         "|---|---|---|---|---|---|---|---|\n";
  for (const Row& r : rows) out << FormatRow(r) << "\n";
  std::snprintf(
      buf, sizeof(buf),
      "\nStages, median µs per message (%zu messages): segment %.2f, normalise "
      "%.2f, fold %.2f, lemmatise (cache hit) %.2f, lemmatise (no cache) %.1f, "
      "detect language %.2f.\n",
      all.size(), Summarize(t_tokenize).median, Summarize(t_normalize).median,
      Summarize(t_fold).median, Summarize(t_lemma).median,
      Summarize(t_lemma_cold).median, Summarize(t_detect).median);
  out << buf;
  const std::string report = out.str();
  std::fputs(report.c_str(), stdout);

  if (!markdown.empty() &&
      !libbot::bench::WriteSection(markdown, "analyzer", report))
    return 1;
  return 0;
}
