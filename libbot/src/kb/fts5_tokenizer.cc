// Copyright 2026 The libbot Authors.
#include "kb/fts5_tokenizer.h"

#include <sqlite3.h>

#include <new>

namespace libbot::internal {
namespace {

struct LibbotTokenizer {
  const Analyzer* analyzer;
  Lang lang;
};

int Create(void* context, const char** args, int argc, Fts5Tokenizer** out) {
  Lang lang = Lang::kUnknown;
  if (argc > 1 || (argc == 1 && !ParseLang(args[0], &lang)))
    return SQLITE_ERROR;
  auto* tokenizer = new (std::nothrow)
      LibbotTokenizer{static_cast<const Analyzer*>(context), lang};
  if (tokenizer == nullptr) return SQLITE_NOMEM;
  *out = reinterpret_cast<Fts5Tokenizer*>(tokenizer);
  return SQLITE_OK;
}

void Delete(Fts5Tokenizer* tokenizer) {
  delete reinterpret_cast<LibbotTokenizer*>(tokenizer);
}

int Tokenize(Fts5Tokenizer* tokenizer, void* context, int /*flags*/,
             const char* text, int size,
             int (*emit)(void*, int, const char*, int, int, int)) {
  const auto* t = reinterpret_cast<LibbotTokenizer*>(tokenizer);
  if (size < 0) return SQLITE_ERROR;
  const Analysis analysis = t->analyzer->Analyze(
      std::string_view(text, static_cast<size_t>(size)), t->lang);
  for (const Token& token : analysis.tokens) {
    const int begin = static_cast<int>(token.begin),
              end = static_cast<int>(token.end);
    int rc = emit(context, 0, token.key.data(),
                  static_cast<int>(token.key.size()), begin, end);
    for (const std::string& alt : token.alt_keys) {
      if (rc != SQLITE_OK) break;
      rc = emit(context, FTS5_TOKEN_COLOCATED, alt.data(),
                static_cast<int>(alt.size()), begin, end);
    }
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

fts5_api* GetFts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) !=
      SQLITE_OK)
    return nullptr;
  sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr",
                       nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  return api;
}

}  // namespace

Status RegisterFts5Tokenizer(sqlite3* db, const Analyzer* analyzer) {
  fts5_api* api = GetFts5Api(db);
  if (api == nullptr) return Status::Internal("this SQLite has no FTS5");
  fts5_tokenizer tokenizer{Create, Delete, Tokenize};
  if (api->xCreateTokenizer(api, "libbot", const_cast<Analyzer*>(analyzer),
                            &tokenizer, nullptr) != SQLITE_OK) {
    return Status::Internal(
        std::string("cannot register the FTS5 tokenizer: ") +
        sqlite3_errmsg(db));
  }
  return Status::Ok();
}

std::string Fts5Query(std::string_view text, const Analyzer& analyzer,
                      Lang lang) {
  std::string query;
  for (const Token& token : analyzer.Analyze(text, lang).tokens) {
    std::string_view surface =
        text.substr(token.begin, token.end - token.begin);
    if (!query.empty()) query += " OR ";
    query += '"';
    for (char c : surface) {
      if (c == '"') query += '"';  // FTS5 escapes a quote by doubling it
      query += c;
    }
    query += '"';
  }
  return query;
}

}  // namespace libbot::internal
