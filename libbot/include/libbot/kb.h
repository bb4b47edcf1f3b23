// Copyright 2026 The libbot Authors.
//
// The FAQ knowledge base: editors write entries as YAML or CSV files
// (docs/kb.md); BuildKnowledgeBase() turns them into the SQLite file that
// EngineOptions::kb_path names.
//
//   std::unique_ptr<libbot::Analyzer> analyzer;
//   libbot::Analyzer::Open({}, &analyzer);
//   libbot::KbBuildStats stats;
//   libbot::Status s = libbot::BuildKnowledgeBase("kb", "kb/faq.sqlite", *analyzer, &stats);
//   // errors: "kb/hu/shipping.yaml:12:5: ..." (every one, one per line)
#ifndef LIBBOT_KB_H_
#define LIBBOT_KB_H_

#include <cstddef>
#include <string>
#include <vector>

#include "libbot/analyzer.h"
#include "libbot/export.h"
#include "libbot/status.h"

namespace libbot {

struct KbBuildStats {
  size_t entries = 0;    // one per id and language
  size_t questions = 0;  // all their questions
  size_t tests = 0;      // editors' inline tests stored with them
};

// Reads the sources under `source_dir` and writes `out_path` in one
// transaction, through a temporary file renamed into place: a failed build
// never leaves half a database behind, and the old one stays until the new
// one is complete. The same sources always give the same answers. Mistakes
// in the sources give kInvalidArgument listing each at its file:line:col; a
// missing folder gives kNotFound.
LIBBOT_EXPORT Status BuildKnowledgeBase(const std::string& source_dir,
                                        const std::string& out_path,
                                        const Analyzer& analyzer,
                                        KbBuildStats* stats);

// Which of an entry's texts a search found: a question written for it, its
// title, or a sentence of its answer (searched for an article, an entry
// without questions, and for an entry of one question, as the bot searches
// them).
enum class KbTextKind { kQuestion, kTitle, kAnswer };

// "question", "title", "answer" ("unknown" for a value outside the enum).
LIBBOT_EXPORT const char* KbTextKindName(KbTextKind kind);

struct KbSearchHit {
  std::string entry_id;
  KbTextKind kind = KbTextKind::kQuestion;
  std::string text;  // the question, title or answer sentence that matched
};

// The FAQ database a rules folder uses when none is named: kb/faq.sqlite
// beside it ("rules" -> "kb/faq.sqlite", "bots/x/rules" ->
// "bots/x/kb/faq.sqlite"), if that file exists; else "". `libbot` and
// Python's libbot.Engine both use it.
LIBBOT_EXPORT std::string DefaultKbPath(const std::string& rules_dir);

// Empty, or a warning that the FAQ database is missing or older than the
// FAQ sources in its folder and the folders one level down (*.yaml and
// *.yml with a top-level `entries:`, *.csv with a `question` or `answer`
// column; rule files and test sets beside them are not sources), with the
// command that builds it: "kb/faq.sqlite is older than kb/hu/shop.yaml:
// rebuild it with `libbot kb build kb -o kb/faq.sqlite`". `kb_path` empty:
// the default place beside `rules_dir`. Answers are never affected; only a
// person can tell whether the old database is what they want.
LIBBOT_EXPORT std::string KbWarning(const std::string& rules_dir,
                                    const std::string& kb_path);

// SQLite's own full-text search (FTS5, bm25 ranking) over the texts the bot
// searches in one language: questions, titles and the answer sentences of
// articles and of entries of one question (an answer sentence ranks 0.9 of
// a question that matches as well). At most `limit` hits, one per entry
// (its best text), best first: for editors' tools and comparisons; the
// engine ranks with its own index.
// The text is never read as FTS5 syntax. `lang` kUnknown searches the
// text's own language, as the bot detects it; the Status is
// kInvalidArgument only when that is unclear (a caller says how to name the
// language in its own terms).
LIBBOT_EXPORT Status SearchKnowledgeBase(const std::string& path,
                                         const Analyzer& analyzer, Lang lang,
                                         const std::string& text, int limit,
                                         std::vector<KbSearchHit>* hits);

}  // namespace libbot

#endif  // LIBBOT_KB_H_
