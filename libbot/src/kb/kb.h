// Copyright 2026 The libbot Authors.
//
// The FAQ knowledge base as an SQLite file (schema version 2, docs/kb.md):
//   meta(key, value)                               format = libbot-kb, schema, counts
//   entries(id, lang, answer, category, tags, follow_up, source)
//   questions(qid, entry_id, lang, text, source)
//   questions_hu, questions_pl                     FTS5 over questions.text,
//                                                  tokenize='libbot hu|pl'
//   tests(entry_id, lang, text, expect, source)    editors' inline tests
//   PRAGMA user_version = 2
// This is the only module that sees SQLite (with fts5_tokenizer.cc).
#ifndef LIBBOT_SRC_KB_KB_H_
#define LIBBOT_SRC_KB_KB_H_

#include <memory>
#include <string>
#include <vector>

#include "load/kb_source.h"
#include "libbot/analyzer.h"
#include "libbot/status.h"

namespace libbot::internal {

inline constexpr int kKbSchemaVersion = 2;

struct KbBuildStats {
  size_t entries = 0;
  size_t questions = 0;
  size_t tests = 0;
};

// Reads the sources under `source_dir` and writes `out_path` in one
// transaction, through a temporary file renamed into place: a failed build
// never leaves half a database behind, and the old one stays until the new
// one is complete. The same sources always give the same answers.
Status BuildKnowledgeBase(const std::string& source_dir,
                          const std::string& out_path, const Analyzer& analyzer,
                          KbBuildStats* stats);

// Reads every entry of a knowledge base (read-only). A missing, locked,
// damaged or wrong-version file gives a Status naming the file and the cause.
Status ReadKnowledgeBase(const std::string& path,
                         std::vector<FaqEntry>* entries);

struct FtsHit {
  std::string entry_id;
  std::string question;
};

// Full-text search through the FTS5 index (bm25 ranking), for editors'
// tools and for comparison: the engine ranks with its own index. Customer
// text is escaped, never interpreted as FTS5 syntax. Not thread-safe.
class FtsSearcher {
 public:
  FtsSearcher();
  ~FtsSearcher();
  Status Open(const std::string& path, const Analyzer* analyzer);
  Status Search(Lang lang, const std::string& text, int limit,
                std::vector<FtsHit>* hits);

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

// Opens, searches once, closes.
Status SearchKnowledgeBaseFts(const std::string& path, const Analyzer& analyzer,
                              Lang lang, const std::string& text, int limit,
                              std::vector<FtsHit>* hits);

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_KB_KB_H_
