// Copyright 2026 The libbot Authors.
//
// Splits a message into tokens (words, numbers, e-mails, URLs, order-number-
// like codes, emoji and symbols) with their byte spans. Punctuation separates
// tokens and is dropped. Our own scanner rather than ICU's BreakIterator: it
// keeps e-mails, URLs, codes and hyphenated words whole where customers need
// them whole, and it holds no state, so it is freely shared between threads.
#ifndef LIBBOT_SRC_TEXT_TOKENIZE_H_
#define LIBBOT_SRC_TEXT_TOKENIZE_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "libbot/analyzer.h"

namespace libbot::internal {

struct RawToken {
  TokenKind kind;
  size_t begin;  // byte offsets into the tokenised text
  size_t end;
};

struct TokenizeOutcome {
  bool invalid_utf8 = false;  // ill-formed bytes were seen (and skipped)
  bool truncated = false;     // more than max_tokens tokens were present
};

// A run of more characters than this without white space is scanned in
// pieces of this size: a 10 MB "word" costs no more memory than a short one.
inline constexpr size_t kMaxChunkCodePoints = 1024;

// Appends the tokens of `text` to *tokens, at most max_tokens of them.
// Invisible format characters (soft hyphen, zero-width space, bidi controls)
// neither split nor end a word: "jel\u00ADszó" is one token.
TokenizeOutcome Tokenize(std::string_view text, size_t max_tokens,
                         std::vector<RawToken>* tokens);

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_TEXT_TOKENIZE_H_
