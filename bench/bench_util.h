// Copyright 2026 The libbot Authors.
//
// Small helpers shared by the benchmarks: timing, memory, and writing a
// section of docs/benchmarks.md between two markers.
#ifndef LIBBOT_BENCH_BENCH_UTIL_H_
#define LIBBOT_BENCH_BENCH_UTIL_H_

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace libbot::bench {

using Clock = std::chrono::steady_clock;

inline double Micros(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::micro>(b - a).count();
}

// A line of /proc/self/status in KiB ("VmRSS", "VmHWM", "RssAnon"), or 0.
inline long StatusKb(const std::string& field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0)
      return std::atol(line.c_str() + field.size() + 1);
  }
  return 0;
}

// Resident memory of this process, in KiB.
inline long RssKb() { return StatusKb("VmRSS"); }

// Replaces what stands between "<!-- NAME:begin -->" and "<!-- NAME:end -->"
// in `markdown` with `report`. Returns false (and says why) if the markers
// are missing.
inline bool WriteSection(const std::string& markdown, const std::string& name,
                         const std::string& report) {
  std::ifstream in(markdown);
  std::stringstream doc;
  doc << in.rdbuf();
  std::string text = doc.str();
  const std::string begin = "<!-- " + name + ":begin -->",
                    end = "<!-- " + name + ":end -->";
  const size_t b = text.find(begin), e = text.find(end);
  if (b == std::string::npos || e == std::string::npos || e < b) {
    std::fprintf(stderr, "%s: markers %s ... %s not found\n", markdown.c_str(),
                 begin.c_str(), end.c_str());
    return false;
  }
  text = text.substr(0, b + begin.size()) + "\n" + report + text.substr(e);
  std::ofstream(markdown) << text;
  return true;
}

// ASCII-only dictionary entries of 4-10 letters (no encoding questions).
inline std::vector<std::string> DictionaryWords(const std::string& path,
                                                size_t want,
                                                std::mt19937* rng) {
  std::ifstream in(path);
  std::vector<std::string> words;
  std::string line;
  while (std::getline(in, line)) {
    const std::string word = line.substr(0, line.find_first_of("/\t"));
    if (word.size() < 4 || word.size() > 10) continue;
    if (!std::all_of(word.begin(), word.end(),
                     [](char c) { return c >= 'a' && c <= 'z'; }))
      continue;
    words.push_back(word);
  }
  std::shuffle(words.begin(), words.end(), *rng);
  if (words.size() > want) words.resize(want);
  return words;
}

// A word drawn with a skewed distribution: some words are common.
inline const std::string& Pick(const std::vector<std::string>& vocab,
                               std::mt19937* rng) {
  std::uniform_real_distribution<double> u(0, 1);
  const double x = u(*rng);
  return vocab[static_cast<size_t>(x * x *
                                   static_cast<double>(vocab.size() - 1))];
}

// "1000,10000" → {1000, 10000}: the sizes a scale benchmark runs.
inline std::vector<int> ParseSizes(const char* list) {
  std::vector<int> sizes;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) sizes.push_back(std::stoi(item));
  return sizes;
}

}  // namespace libbot::bench

#endif  // LIBBOT_BENCH_BENCH_UTIL_H_
