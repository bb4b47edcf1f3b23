// Copyright 2026 The libbot Authors.
//
// Knowledge-base benchmark on synthetic FAQs it writes itself: N entries
// (half Hungarian, half Polish) of 3 questions each, over real dictionary
// words with a skewed frequency (some words are very common). Messages: 60%
// paraphrases of a question (some of its words, in another order, with other
// words around), 20% made only of the most common words, 20% random words.
// Reports build time, engine open time, single-thread throughput through the
// KB path, p50/p99 latency and memory.
//
//   kb_bench [--entries 10000,100000] [--markdown docs/benchmarks.md]
//            [--keep DIR] [--one-question]
//
// --one-question writes entries of one question and an answer of three
// sentences (8-12 words each) instead: a FAQ of question-and-answer pairs,
// whose answers the bot also searches (kb_source.h, FoundByAnswer). Its
// table goes to the section "kbpairs".
//
// --keep DIR leaves each generated bot in DIR/N (rules/, faq.sqlite,
// messages.txt, one message a line, and paraphrases.tsv: each paraphrase,
// its language and its entry), so respond_bench or callgrind can run on
// exactly these messages, and a script can look at the paraphrases missed:
//   respond_bench DIR/10000/rules DIR/10000/faq.sqlite \
//       DIR/10000/messages.txt 1 --no-trace
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "bench_util.h"
#include "kb/kb.h"
#include "libbot/engine.h"

namespace {

using libbot::bench::Clock;
using libbot::bench::Micros;
using libbot::bench::Pick;
using libbot::bench::RssKb;

struct Result {
  int entries = 0, questions = 0;
  double build_ms = 0, open_ms = 0, per_second = 0, p50 = 0, p99 = 0,
         p99_common = 0, rss_mb = 0;
  double answered = 0;
  // Paraphrases answered with the entry they were made from; messages of
  // common or random words answered at all (by anything).
  double paraphrases_right = 0, paraphrases_first = 0, others_answered = 0;
  double fts_paraphrases_first = 0;
  double fts_p50 = 0, fts_p99 = 0, fts_common_p50 = 0, fts_common_p99 = 0;
};

// A sentence of `n` words of `vocab`.
std::string Sentence(const std::vector<std::string>& vocab, int n,
                     std::mt19937* rng) {
  std::string out;
  for (int w = 0; w < n; ++w) out += (w ? " " : "") + Pick(vocab, rng);
  return out + ".";
}

Result Run(int entries, const std::string& keep, bool one_question) {
  std::mt19937 rng(static_cast<unsigned>(entries));
  const std::string dir = keep.empty()
                              ? (std::filesystem::temp_directory_path() /
                                 ("libbot_bench_kb_" + std::to_string(entries)))
                                    .string()
                              : keep + "/" + std::to_string(entries);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir + "/kb");
  std::filesystem::create_directories(dir + "/rules");
  const int questions = one_question ? 1 : 3;  // per entry
  std::vector<std::pair<std::string, libbot::Lang>> paraphrases, common, random;
  std::vector<std::string> paraphrase_entries;  // the id each was made from
  for (libbot::Lang lang : {libbot::Lang::kHu, libbot::Lang::kPl}) {
    const std::string code(libbot::LangCode(lang));
    const auto vocab = libbot::bench::DictionaryWords(
        "/usr/share/hunspell/" +
            std::string(lang == libbot::Lang::kHu ? "hu_HU" : "pl_PL") + ".dic",
        6000, &rng);
    std::ofstream csv(dir + "/kb/" + code + ".csv");
    csv << "id,lang,question,answer\n";
    for (int e = 0; e < entries / 2; ++e) {
      for (int q = 0; q < questions; ++q) {
        std::vector<std::string> words;
        const int n = 6 + static_cast<int>(rng() % 4);
        for (int w = 0; w < n; ++w) words.push_back(Pick(vocab, &rng));
        std::string question;
        for (const auto& w : words)
          question += (question.empty() ? "" : " ") + w;
        csv << "faq." << e << "," << code << "," << question << ",";
        if (q == 0 && one_question) {
          // Three sentences, quoted (CSV): the answer is searched too.
          csv << '"';
          for (int sentence = 0; sentence < 3; ++sentence)
            csv << (sentence ? " " : "")
                << Sentence(vocab, 8 + static_cast<int>(rng() % 5), &rng);
          csv << '"';
        } else if (q == 0) {
          csv << "answer " << e;
        }
        csv << "\n";
        if (q == 0 && paraphrases.size() < 6000) {
          std::shuffle(words.begin(), words.end(), rng);
          std::string message = Pick(vocab, &rng);
          for (int w = 0; w < 4; ++w)
            message += " " + words[static_cast<size_t>(w)];
          paraphrases.push_back({message, lang});
          paraphrase_entries.push_back("faq." + std::to_string(e));
        }
      }
    }
    for (int m = 0; m < 1000; ++m) {
      std::string common_words, random_words;
      for (int w = 0; w < 8; ++w) {
        common_words += (w ? " " : "") + vocab[rng() % 20];
        random_words += (w ? " " : "") + vocab[rng() % vocab.size()];
      }
      common.push_back({common_words, lang});
      random.push_back({random_words, lang});
    }
  }
  Result r;
  r.entries = entries;
  r.questions = entries / 2 * 2 * questions;
  std::unique_ptr<libbot::Analyzer> analyzer;
  libbot::Analyzer::Open({}, &analyzer);
  libbot::KbBuildStats stats;
  auto t0 = Clock::now();
  const libbot::Status built = libbot::BuildKnowledgeBase(
      dir + "/kb", dir + "/faq.sqlite", *analyzer, &stats);
  r.build_ms = Micros(t0, Clock::now()) / 1000;
  if (!built.ok()) {
    std::fprintf(stderr, "%s\n", built.message().substr(0, 1000).c_str());
    std::exit(1);
  }
  analyzer.reset();
  const long rss_before = RssKb();
  libbot::EngineOptions options;
  options.rules_dir = dir + "/rules";
  options.kb_path = dir + "/faq.sqlite";
  std::unique_ptr<libbot::Engine> engine;
  t0 = Clock::now();
  if (!libbot::Engine::Open(options, &engine).ok()) std::exit(1);
  r.open_ms = Micros(t0, Clock::now()) / 1000;
  r.rss_mb = (RssKb() - rss_before) / 1024.0;

  std::vector<std::pair<std::string, libbot::Lang>> all = paraphrases;
  all.insert(all.end(), common.begin(), common.end());
  all.insert(all.end(), random.begin(), random.end());
  std::shuffle(all.begin(), all.end(), rng);
  if (!keep.empty()) {
    std::ofstream messages(dir + "/messages.txt");
    for (const auto& m : all) messages << m.first << "\n";
    // Each paraphrase with its language and the entry it paraphrases.
    std::ofstream expected(dir + "/paraphrases.tsv");
    for (size_t i = 0; i < paraphrases.size(); ++i) {
      expected << paraphrases[i].first << '\t'
               << (paraphrases[i].second == libbot::Lang::kHu ? "hu" : "pl")
               << '\t' << paraphrase_entries[i] << "\n";
    }
  }
  for (const auto& [m, lang] : all)
    engine->Respond(m, nullptr, lang);  // warm-up
  std::vector<double> latencies, common_latencies;
  size_t answered = 0;
  const auto start = Clock::now();
  for (int round = 0; round < 3; ++round) {
    for (const auto& [m, lang] : all) {
      const auto a = Clock::now();
      const libbot::Reply reply = engine->Respond(m, nullptr, lang);
      latencies.push_back(Micros(a, Clock::now()));
      answered += reply.kind == libbot::ReplyKind::kAnswer;
    }
  }
  const double seconds = Micros(start, Clock::now()) / 1e6;
  for (const auto& [m, lang] : common) {
    const auto a = Clock::now();
    engine->Respond(m, nullptr, lang);
    common_latencies.push_back(Micros(a, Clock::now()));
  }
  std::sort(latencies.begin(), latencies.end());
  std::sort(common_latencies.begin(), common_latencies.end());
  r.per_second = static_cast<double>(latencies.size()) / seconds;
  r.p50 = latencies[latencies.size() / 2];
  r.p99 = latencies[latencies.size() * 99 / 100];
  r.p99_common = common_latencies[common_latencies.size() * 99 / 100];
  r.answered =
      static_cast<double>(answered) / static_cast<double>(latencies.size());
  // Whether the answers are right, outside the timed loop: a paraphrase
  // keeps 4 of its question's 6-9 words and adds one random word. And
  // whether its entry is ranked first, answered or not, so that a change
  // in the confidence (fewer answers) is told apart from one in the
  // ranking: a second engine over the same files with the trace on (its
  // dictionaries shared; the trace changes no other field of a reply).
  options.trace = true;
  std::unique_ptr<libbot::Engine> traced;
  if (!libbot::Engine::Open(options, engine->shared_analyzer(), &traced).ok())
    std::exit(1);
  size_t right = 0, first = 0, others = 0;
  for (size_t i = 0; i < paraphrases.size(); ++i) {
    const libbot::Reply reply =
        traced->Respond(paraphrases[i].first, nullptr, paraphrases[i].second);
    right += reply.kind == libbot::ReplyKind::kAnswer &&
             reply.id == paraphrase_entries[i];
    first += !reply.trace.candidates.empty() &&
             reply.trace.candidates.front().id == paraphrase_entries[i];
  }
  traced.reset();
  for (const auto* list : {&common, &random}) {
    for (const auto& [m, lang] : *list)
      others +=
          engine->Respond(m, nullptr, lang).kind == libbot::ReplyKind::kAnswer;
  }
  r.paraphrases_right =
      static_cast<double>(right) / static_cast<double>(paraphrases.size());
  r.paraphrases_first =
      static_cast<double>(first) / static_cast<double>(paraphrases.size());
  r.others_answered = static_cast<double>(others) /
                      static_cast<double>(common.size() + random.size());
  // The same messages through SQLite FTS5 (bm25, top 5), for comparison.
  std::unique_ptr<libbot::Analyzer> fts_analyzer;
  libbot::Analyzer::Open({}, &fts_analyzer);
  libbot::internal::FtsSearcher fts;
  if (fts.Open(dir + "/faq.sqlite", fts_analyzer.get()).ok()) {
    std::vector<libbot::KbSearchHit> hits;
    // Times each search; with `expected` (the paraphrases' entries), also
    // counts the messages whose first hit is theirs, after the clock stops.
    size_t fts_first = 0;
    auto time =
        [&](const std::vector<std::pair<std::string, libbot::Lang>>& messages,
            const std::vector<std::string>* expected) {
          std::vector<double> t;
          for (size_t i = 0; i < messages.size(); ++i) {
            const auto a = Clock::now();
            fts.Search(messages[i].second, messages[i].first, 5, &hits);
            t.push_back(Micros(a, Clock::now()));
            if (expected != nullptr)
              fts_first +=
                  !hits.empty() && hits.front().entry_id == (*expected)[i];
          }
          std::sort(t.begin(), t.end());
          return std::make_pair(t[t.size() / 2], t[t.size() * 99 / 100]);
        };
    std::tie(r.fts_p50, r.fts_p99) = time(paraphrases, &paraphrase_entries);
    std::tie(r.fts_common_p50, r.fts_common_p99) = time(common, nullptr);
    r.fts_paraphrases_first = static_cast<double>(fts_first) /
                              static_cast<double>(paraphrases.size());
  }
  if (keep.empty()) std::filesystem::remove_all(dir);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> sizes = {10000, 100000};
  std::string markdown, keep;
  bool one_question = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--one-question") == 0) {
      one_question = true;
      continue;
    }
    if (i + 1 == argc) break;
    if (std::strcmp(argv[i], "--keep") == 0) keep = argv[i + 1];
    if (std::strcmp(argv[i], "--markdown") == 0) markdown = argv[i + 1];
    if (std::strcmp(argv[i], "--entries") == 0)
      sizes = libbot::bench::ParseSizes(argv[i + 1]);
    ++i;
  }
  std::ostringstream out;
  out << "Measured by `bench/kb_bench"
      << (one_question ? " --one-question" : "")
      << "` (one thread). Synthetic FAQs: half Hungarian, half Polish, "
      << (one_question ? "one question of 6-9 dictionary words per entry and "
                         "an answer of three sentences of 8-12 (searched "
                         "too)"
                       : "3 questions of 6-9 dictionary words per entry")
      << "; messages: 60% paraphrases of a question, 20% only the 20 most "
         "common words, 20% random words.\n\n"
         "| entries | questions | build | engine open | messages/s | p50 µs | "
         "p99 µs | "
         "p99 µs, common words | answered | paraphrases answered right | "
         "paraphrases ranked first | common or random words answered | "
         "memory |\n"
         "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (int n : sizes) {
    const Result r = Run(n, keep, one_question);
    char line[512];
    std::snprintf(line, sizeof(line),
                  "| %d | %d | %.0f ms | %.0f ms | %.0f | %.1f | %.1f | %.1f | "
                  "%.0f%% | %.0f%% | %.0f%% | %.0f%% | %.0f MB |\n",
                  r.entries, r.questions, r.build_ms, r.open_ms, r.per_second,
                  r.p50, r.p99, r.p99_common, 100 * r.answered,
                  100 * r.paraphrases_right, 100 * r.paraphrases_first,
                  100 * r.others_answered, r.rss_mb);
    out << line;
    std::fputs(line, stdout);
    std::snprintf(line, sizeof(line),
                  "| ↳ SQLite FTS5 bm25 top 5, same messages | | | | | %.0f | "
                  "%.0f | %.0f "
                  "(p50 %.0f) | | | %.0f%% | | |\n",
                  r.fts_p50, r.fts_p99, r.fts_common_p99, r.fts_common_p50,
                  100 * r.fts_paraphrases_first);
    out << line;
    std::fputs(line, stdout);
    std::fflush(stdout);
  }
  if (!markdown.empty() &&
      !libbot::bench::WriteSection(markdown, one_question ? "kbpairs" : "kb",
                                   out.str()))
    return 1;
  return 0;
}
