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
#include <vector>

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
