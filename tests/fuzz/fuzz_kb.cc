// Copyright 2026 The libbot Authors.
//
// The knowledge-base builder on arbitrary sources: the input is one FAQ
// source file (YAML or CSV). What builds must read back whole.
// With a first byte of 4 mod 5, the input instead damages the demo bot's
// built database (records of a 3-byte offset and a byte): a damaged file is refused, or
// reads the same entries as the original, never other text.
#include <iterator>

#include "fuzz_support.h"

namespace {

using libbot::internal::FaqEntry;

// The demo bot's knowledge base, built once, and what it reads.
const std::string& DemoDatabase(std::vector<FaqEntry>* entries) {
  static std::vector<FaqEntry> read;
  static const std::string db = [] {
    const std::string path = libbot::fuzz::ScratchDir() + "/damage_base.sqlite";
    std::filesystem::remove(path);
    libbot::KbBuildStats stats;
    if (!libbot::BuildKnowledgeBase(std::string(LIBBOT_FUZZ_REPO_DIR) + "/kb",
                                    path, *libbot::fuzz::SharedAnalyzer(),
                                    &stats)
             .ok() ||
        !libbot::internal::ReadKnowledgeBase(path, &read).ok())
      std::abort();
    return path;
  }();
  *entries = read;
  return db;
}

void FuzzDamagedDatabase(const uint8_t* data, size_t size) {
  std::vector<FaqEntry> original;
  const std::string& pristine = DemoDatabase(&original);
  // The bytes are changed in memory and written with a stream: copy_file()
  // uses sendfile(), which libFuzzer's timer signal can interrupt (EINTR).
  static const std::string bytes = [&] {
    std::ifstream in(pristine, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  std::string damaged = bytes;
  for (size_t i = 0; i + 4 <= size; i += 4) {  // 3 bytes offset, 1 value
    const size_t at =
        ((size_t{data[i]} << 16) | (size_t{data[i + 1]} << 8) | data[i + 2]) %
        damaged.size();
    damaged[at] = static_cast<char>(data[i + 3]);
  }
  const std::string copy = libbot::fuzz::ScratchDir() + "/damaged.sqlite";
  std::ofstream(copy, std::ios::binary | std::ios::trunc) << damaged;
  std::vector<FaqEntry> read;
  if (!libbot::internal::ReadKnowledgeBase(copy, &read).ok()) return;
  LIBBOT_FUZZ_ASSERT(read.size() == original.size());
  for (size_t e = 0; e < read.size(); ++e) {
    LIBBOT_FUZZ_ASSERT(read[e].id == original[e].id);
    LIBBOT_FUZZ_ASSERT(read[e].answer.text == original[e].answer.text);
    LIBBOT_FUZZ_ASSERT(read[e].questions.size() ==
                       original[e].questions.size());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace libbot;
  if (size > 0 && data[0] % 5 == 4) {
    FuzzDamagedDatabase(data + 1, size - 1);
    return 0;
  }
  const std::string dir = fuzz::ScratchDir() + "/kb";
  // The first byte picks the file: hu/faq.yaml, pl/faq.csv or faq.csv.
  const char* names[] = {"hu/faq.yaml", "pl/faq.csv", "faq.csv", "faq.yaml"};
  const char* name = size > 0 ? names[data[0] % 5 % 4] : "faq.yaml";
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
  // Every entry's first searched text: a question, a title or an answer
  // sentence (the index holds all three).
  for (const internal::FaqEntry& e : entries) {
    const std::vector<internal::SearchText> texts = internal::SearchTexts(e);
    if (!texts.empty())
      LIBBOT_FUZZ_ASSERT(fts.Search(e.lang, texts[0].text, 3, &hits).ok());
  }
  return 0;
}
