// Copyright 2026 The libbot Authors.
#include "text/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include "util/utf8.h"

namespace libbot::internal {
namespace {

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

bool IsCombiningMark(char32_t c) {
  return (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

// Copies `token` without the marks beyond kMaxCombiningMarks in a row.
// Returns false (and leaves *out alone) when nothing needs dropping.
bool DropExcessMarks(std::string_view token, std::string* out) {
  size_t pos = 0;
  int run = 0;
  bool dropped = false;
  std::string kept;
  while (pos < token.size()) {
    const size_t start = pos;
    const char32_t c = DecodeUtf8(token, &pos);
    run = IsCombiningMark(c) ? run + 1 : 0;
    if (run > kMaxCombiningMarks) {
      if (!dropped) kept.assign(token.substr(0, start));
      dropped = true;
      continue;
    }
    if (dropped) kept.append(token.substr(start, pos - start));
  }
  if (dropped) *out = std::move(kept);
  return dropped;
}

}  // namespace

void NormalizeToken(std::string_view token, std::string* out) {
  out->clear();
  if (IsAscii(token)) {
    out->reserve(token.size());
    for (char c : token) {
      out->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    }
    return;
  }
  std::string bounded;
  if (DropExcessMarks(token, &bounded)) token = bounded;

  UErrorCode status = U_ZERO_ERROR;
  // A process-wide, immutable, thread-safe singleton.
  const icu::Normalizer2* nfkc_cf =
      icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_SUCCESS(status)) {
    icu::StringByteSink<std::string> sink(out,
                                          static_cast<int32_t>(token.size()));
    nfkc_cf->normalizeUTF8(
        0, icu::StringPiece(token.data(), static_cast<int32_t>(token.size())),
        sink, nullptr, status);
  }
  if (U_FAILURE(status)) out->assign(token);  // unreachable with valid UTF-8
}

}  // namespace libbot::internal
