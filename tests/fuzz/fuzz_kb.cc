// Copyright 2026 The libbot Authors.
//
// The knowledge-base builder on arbitrary sources: the input is one FAQ
// source file (YAML or CSV). What builds must read back whole.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace libbot;
  const std::string dir = fuzz::ScratchDir() + "/kb";
  // The first byte picks the file: hu/faq.yaml, pl/faq.csv or faq.csv.
  const char* names[] = {"hu/faq.yaml", "pl/faq.csv", "faq.csv", "faq.yaml"};
  const char* name = size > 0 ? names[data[0] % 4] : "faq.yaml";
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  fuzz::WriteOnly(dir, name, size > 0 ? text.substr(1) : text);
  const std::string db = fuzz::ScratchDir() + "/faq.sqlite";
  std::filesystem::remove(db);
  KbBuildStats stats;
  const Status s = BuildKnowledgeBase(dir, db, *fuzz::SharedAnalyzer(), &stats);
  if (!s.ok()) {
    LIBBOT_FUZZ_ASSERT(!s.message().empty());
    LIBBOT_FUZZ_ASSERT(!std::filesystem::exists(db));  // no half database
    return 0;
  }
  std::vector<internal::FaqEntry> entries;
  const Status read = internal::ReadKnowledgeBase(db, &entries);
  if (!read.ok()) std::fprintf(stderr, "%s\n", read.ToString().c_str());
  LIBBOT_FUZZ_ASSERT(read.ok());
  LIBBOT_FUZZ_ASSERT(entries.size() == stats.entries);
  internal::FtsSearcher fts;
  LIBBOT_FUZZ_ASSERT(fts.Open(db, fuzz::SharedAnalyzer().get()).ok());
  std::vector<KbSearchHit> hits;
  for (const internal::FaqEntry& e : entries) {
    if (!e.questions.empty())
      LIBBOT_FUZZ_ASSERT(
          fts.Search(e.lang, e.questions[0].text, 3, &hits).ok());
  }
  return 0;
}
