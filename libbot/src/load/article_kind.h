// Copyright 2026 The libbot Authors.
//
// What kind of FAQ text a search hit belongs to, in a header of its own so
// that the search and the confidence model (match/) need not pull in the
// whole FAQ source reader (load/kb_source.h) for one enum.
#ifndef LIBBOT_SRC_LOAD_ARTICLE_KIND_H_
#define LIBBOT_SRC_LOAD_ARTICLE_KIND_H_

#include <cstdint>

namespace libbot::internal {

// An article: an entry without questions (a title and an answer, or an
// answer alone). Its confidence reads differently from a question's, and
// an untitled one's differently again (match/confidence.h); an entry of one
// question reads as an article only when a sentence of its answer is what
// the message found (match/search_index.cc).
enum class ArticleKind : uint8_t {
  kNone,      // an entry with questions (or an intent's examples)
  kTitled,    // a title and an answer
  kUntitled,  // an answer alone
};

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_LOAD_ARTICLE_KIND_H_
