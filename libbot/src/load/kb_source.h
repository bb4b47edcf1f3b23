// Copyright 2026 The libbot Authors.
//
// FAQ sources as editors write them (docs/kb.md):
//   kb/hu/*.yaml, kb/pl/*.yaml
//     entries: [{id, title, questions, answer, category, tags, follow_up, tests}]
//   kb/*.csv
//     id,lang,question,answer,category,tags,follow_up,test
//     (one row per question or test; rows of one id and language form one
//     entry; answer etc. may be left empty after the first row)
// Errors name file:line (and column for YAML).
#ifndef LIBBOT_SRC_LOAD_KB_SOURCE_H_
#define LIBBOT_SRC_LOAD_KB_SOURCE_H_

#include <string>
#include <string_view>
#include <vector>

#include "libbot/kb.h"
#include "load/article_kind.h"
#include "load/rules.h"
#include "load/rules_loader.h"

namespace libbot::internal {

struct FaqEntry {
  std::string id;
  Lang lang = Lang::kUnknown;
  std::vector<Located> questions;
  // A help-centre article's title: searched like a question, and the
  // entry's label when the bot asks "which one?". May be empty. An entry
  // without questions is an article (title and answer searched), with or
  // without a title.
  Located title;
  Located answer;
  std::string category;
  std::vector<std::string> tags;
  std::vector<std::string> follow_up;  // ids of related entries
  // Messages that must get this entry (or what a test expects instead).
  std::vector<InlineTest> tests;
  SourceLocation where;
};

// An entry of at most this many questions is found by its answer's
// sentences too; what they find reads as an article's evidence
// (confidence.h, search_index.cc's Calibrate).
// A FAQ exported as question-and-answer pairs (or a help centre's titles
// written as questions) has one question, and the answer holds most of
// the words customers use: on bench/helpcentre's "titles as questions"
// the right article came first 46.2 / 51.2% (hu / pl) with the question
// alone, 71.2 / 70.6% with the answer too; the demo FAQ cut to one question
// an entry (bench/demo_bots.py) answered 46.9 -> 57.7% of its messages
// right, off-topic ones 8.2 -> 2.7%. An entry of several written
// phrasings is found by them: searching the demo FAQ's answers too (4-15
// questions an entry) cost 6 of demo_eval's 883 messages, and with an
// article's confidence a quarter of the example-only demo bot's
// off-topic messages were answered.
inline constexpr size_t kMaxQuestionsFoundByAnswer = 1;
bool FoundByAnswer(const FaqEntry& entry);
// The kind of article an entry is (load/article_kind.h).
ArticleKind ArticleKindOf(const FaqEntry& entry);

// Whether the first bytes of a .yaml or .csv file read as an FAQ source,
// not a rule file or a test set kept beside one: YAML with a top-level
// `entries:` key (docs/kb.md puts `lang:` and `entries:` first, or a flow
// mapping `{entries: [...]}`), CSV whose header names a `question` or
// `answer` column. For the stale-database warning (kb/kb.cc), which must
// not call a database old because a settings.yaml beside it changed.
bool LooksLikeFaqSource(std::string_view head, bool csv);

// The texts an entry is found by, in the engine's search and in the
// database's FTS5 index alike (one list, so that `libbot kb search` finds
// what the bot finds): each question, the title, and, for an entry of at
// most one question (FoundByAnswer), each sentence of its answer.
struct SearchText {
  KbTextKind kind;
  std::string text;
  std::string where;  // the file it comes from, for the trace
};
std::vector<SearchText> SearchTexts(const FaqEntry& entry);

// How much a sentence of an article's answer counts in the search, against
// a question written for an entry (1): below it, so that where an article
// and a written question fit equally, the question wins. Measured on the
// help-centre set (all articles), answered right went 25.3 / 26.7 / 28.9 /
// 30.6% for 0.6 / 0.8 / 0.9 / 1.0, never with an out-of-scope answer: a
// lower weight only pushes scores under the answer threshold.
inline constexpr double kAnswerTextWeight = 0.9;

// The weight of a text of that kind in a search: kAnswerTextWeight for an
// answer sentence, else 1.
double SearchWeight(KbTextKind kind);

// The sentences of a text (split after . ! ? and line ends), for indexing
// an article's answer sentence by sentence.
std::vector<std::string> Sentences(const std::string& text);

// Reads every .yaml/.yml/.csv file under `dir`, sorted by path.
std::vector<FaqEntry> LoadFaqSources(const std::string& dir,
                                     std::vector<Diagnostic>* diagnostics);

// One CSV document (RFC 4180: quotes, doubled quotes, newlines inside quotes).
void LoadFaqCsv(const std::string& text, const std::string& file_name,
                Lang folder_lang, std::vector<FaqEntry>* entries,
                std::vector<Diagnostic>* diagnostics);
void LoadFaqYaml(const std::string& text, const std::string& file_name,
                 Lang folder_lang, std::vector<FaqEntry>* entries,
                 std::vector<Diagnostic>* diagnostics);

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_LOAD_KB_SOURCE_H_
