// Copyright 2026 The libbot Authors.
//
// libbot's analyzer as an SQLite FTS5 tokenizer: a table declared with
// tokenize = 'libbot hu' (or 'libbot pl') indexes lemma keys, with a word's
// alternative keys at the same position (FTS5_TOKEN_COLOCATED). So "hasłem",
// "haslo" and "hasło" are one term, and ł folds, in the index and in queries.
#ifndef LIBBOT_SRC_KB_FTS5_TOKENIZER_H_
#define LIBBOT_SRC_KB_FTS5_TOKENIZER_H_

#include <string>
#include <string_view>

#include "libbot/analyzer.h"
#include "libbot/status.h"

struct sqlite3;

namespace libbot::internal {

// Registers the "libbot" tokenizer on `db`. `analyzer` must outlive `db`.
Status RegisterFts5Tokenizer(sqlite3* db, const Analyzer* analyzer);

// A user message as an FTS5 query: each token a quoted string (quotes
// doubled), joined by OR. No character of the message can act as FTS5 syntax.
std::string Fts5Query(std::string_view text, const Analyzer& analyzer,
                      Lang lang);

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_KB_FTS5_TOKENIZER_H_
