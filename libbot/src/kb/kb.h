// Copyright 2026 The libbot Authors.
//
// The FAQ knowledge base as an SQLite file (schema version 5, docs/kb.md):
//   meta(key, value)                               format = libbot-kb, schema, counts
//   entries(id, lang, title, answer, category, tags, follow_up, source)
//   questions(qid, entry_id, lang, text, source)
//   texts_hu, texts_pl                             FTS5 over what the bot
//     (text, kind, entry_id)                       searches (SearchTexts()),
//                                                  tokenize='libbot hu|pl'
//   tests(entry_id, lang, text, expect, source)    editors' inline tests
//   PRAGMA user_version = 5
// This is the only module that sees SQLite (with fts5_tokenizer.cc).
#ifndef LIBBOT_SRC_KB_KB_H_
#define LIBBOT_SRC_KB_KB_H_

#include <memory>
#include <string>
#include <vector>

#include "libbot/analyzer.h"
#include "libbot/kb.h"
#include "libbot/status.h"
#include "load/kb_source.h"

namespace libbot::internal {

// 3: entries.title; 4: checksum; 5: FTS5 over titles and answer sentences
inline constexpr int kKbSchemaVersion = 5;

// Building (BuildKnowledgeBase) and a one-shot FTS5 search
// (SearchKnowledgeBase) are public: libbot/kb.h.

// Reads every entry of a knowledge base (read-only). A missing, locked,
// damaged or wrong-version file gives a Status naming the file and the cause.
Status ReadKnowledgeBase(const std::string& path,
                         std::vector<FaqEntry>* entries);

// Full-text search through the FTS5 index (bm25 ranking, one hit per
// entry; SearchKnowledgeBase() in libbot/kb.h), for editors'
// tools and for comparison: the engine ranks with its own index. Customer
// text is escaped, never interpreted as FTS5 syntax. Not thread-safe.
class FtsSearcher {
 public:
  FtsSearcher();
  ~FtsSearcher();
  Status Open(const std::string& path, const Analyzer* analyzer);
  Status Search(Lang lang, const std::string& text, int limit,
                std::vector<KbSearchHit>* hits);

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_KB_KB_H_
