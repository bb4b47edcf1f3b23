// Copyright 2026 The libbot Authors.
#include "text/tokenize.h"

#include <unicode/uchar.h>

#include <cctype>

#include "util/thread_scratch.h"
#include "util/utf8.h"

namespace libbot::internal {
namespace {

enum class CharClass : uint8_t {
  kSpace,  // white space, controls, format characters, ill-formed bytes
  kLetter,
  kDigit,
  kMark,       // combining marks and variation selectors: extend what precedes
  kEmoji,      // pictographs, regional indicators, skin-tone modifiers
  kZwj,        // zero-width joiner: joins emoji (and is ignored inside words)
  kIgnorable,  // invisible format characters: soft hyphen, zero-width
               // space, bidi controls, BOM; as if they were not there
  kSymbol,     // other symbols, and % ‰ § ° that customers write as symbols
  kPunct,
};

struct CodePoint {
  char32_t c;
  CharClass cls;
  size_t begin;  // byte offset of this code point
  size_t end;
};

CharClass Classify(char32_t c) {
  if (c < 0x80) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
      return CharClass::kLetter;
    if (c >= '0' && c <= '9') return CharClass::kDigit;
    if (c <= 0x20 || c == 0x7F) return CharClass::kSpace;
    if (c == '%') return CharClass::kSymbol;
    if (c == '$' || c == '+' || c == '=' || c == '^' || c == '`' || c == '|' ||
        c == '~') {
      return CharClass::kSymbol;
    }
    return CharClass::kPunct;
  }
  // Latin-1 and Latin Extended-A letters (every accented letter of Hungarian
  // and Polish) without the ICU property lookups below, which cost about
  // 300 instructions a letter; × and ÷ are the only non-letters there.
  if (c >= 0xC0 && c <= 0x17F && c != 0xD7 && c != 0xF7)
    return CharClass::kLetter;
  if (c == kInvalidCodePoint) return CharClass::kSpace;
  if (c == 0x200D) return CharClass::kZwj;
  if (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
      u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR) ||
      u_hasBinaryProperty(c, UCHAR_EMOJI_MODIFIER)) {
    return CharClass::kEmoji;
  }
  const uint32_t mask = U_GET_GC_MASK(c);
  // "jel\u00ADszó", "rende\u200Blésem": pasted or hostile text hides these
  // inside words; normalisation (NFKC_Casefold) removes them from the key.
  if ((mask & U_GC_CF_MASK) &&
      u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
    return CharClass::kIgnorable;
  }
  if (mask & U_GC_L_MASK) return CharClass::kLetter;
  if (mask & U_GC_M_MASK) return CharClass::kMark;
  if (mask & U_GC_ND_MASK) return CharClass::kDigit;
  if (mask & (U_GC_Z_MASK | U_GC_CC_MASK | U_GC_CF_MASK | U_GC_CS_MASK |
              U_GC_CO_MASK | U_GC_CN_MASK)) {
    return CharClass::kSpace;
  }
  if (mask & (U_GC_S_MASK | U_GC_NL_MASK | U_GC_NO_MASK))
    return CharClass::kSymbol;
  if (c == 0x2030 || c == 0x00A7 || c == 0x00B0)
    return CharClass::kSymbol;  // ‰ § °
  return CharClass::kPunct;
}

bool IsAlnum(CharClass cls) {
  return cls == CharClass::kLetter || cls == CharClass::kDigit;
}
bool IsHyphen(char32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }
bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019; }

bool IsTrailingPunct(char32_t c) {
  switch (c) {
    case '.':
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
    case ')':
    case ']':
    case '}':
    case '"':
    case '\'':
    case '>':
    case 0x00BB:
    case 0x201D:
    case 0x2019:
    case 0x2026:
      return true;
    default:
      return false;
  }
}

char32_t AsciiLower(char32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

class ChunkScanner {
 public:
  ChunkScanner(const std::vector<CodePoint>& cps, size_t max_tokens,
               std::vector<RawToken>* tokens, TokenizeOutcome* outcome)
      : cps_(cps),
        max_tokens_(max_tokens),
        tokens_(tokens),
        outcome_(outcome) {}

  void Scan() {
    size_t first = 0, last = cps_.size();
    while (first < last && cps_[first].cls == CharClass::kPunct) ++first;
    while (last > first && IsTrailingPunct(cps_[last - 1].c)) --last;
    if (first < last && (ScanUrl(first, last) || ScanEmail(first, last)))
      return;
    ScanGeneral(0, cps_.size());
  }

 private:
  bool Emit(TokenKind kind, size_t from, size_t to) {  // code point indexes
    if (from >= to) return true;
    if (tokens_->size() >= max_tokens_) {
      outcome_->truncated = true;
      return false;
    }
    tokens_->push_back({kind, cps_[from].begin, cps_[to - 1].end});
    return true;
  }

  bool StartsWith(size_t at, size_t last, std::string_view prefix) const {
    if (last - at < prefix.size()) return false;
    for (size_t k = 0; k < prefix.size(); ++k) {
      if (AsciiLower(cps_[at + k].c) != static_cast<char32_t>(prefix[k]))
        return false;
    }
    return true;
  }

  bool ScanUrl(size_t first, size_t last) {
    if (!StartsWith(first, last, "http://") &&
        !StartsWith(first, last, "https://") &&
        !StartsWith(first, last, "www.")) {
      return false;
    }
    Emit(TokenKind::kUrl, first, last);
    return true;
  }

  static bool IsEmailLocalChar(char32_t c) {
    return (c < 0x80 && (std::isalnum(static_cast<int>(c)) || c == '.' ||
                         c == '_' || c == '%' || c == '+' || c == '-')) ||
           (c >= 0x80 && Classify(c) == CharClass::kLetter);
  }
  static bool IsDomainChar(char32_t c) {
    return (c < 0x80 && (std::isalnum(static_cast<int>(c)) || c == '-')) ||
           (c >= 0x80 && Classify(c) == CharClass::kLetter);
  }

  // local@domain.tld, optionally followed by a Hungarian suffix after a
  // hyphen ("info@bolt.hu-ra"), which becomes a word of its own.
  bool ScanEmail(size_t first, size_t last) {
    size_t at = first;
    while (at < last && cps_[at].c != '@') ++at;
    if (at == first || at == last) return false;
    for (size_t k = first; k < at; ++k) {
      if (!IsEmailLocalChar(cps_[k].c)) return false;
    }
    size_t label_start = at + 1;
    size_t labels = 0;
    size_t suffix_at = last;  // hyphen before a suffix in the last label
    for (size_t k = at + 1; k <= last; ++k) {
      if (k == last || cps_[k].c == '.') {
        if (k == label_start) return false;  // empty label
        ++labels;
        label_start = k + 1;
        continue;
      }
      if (!IsDomainChar(cps_[k].c)) return false;
    }
    if (labels < 2) return false;
    // A TLD never contains a hyphen: a hyphen in the last label starts a
    // suffix.
    size_t tld_start = last;
    while (tld_start > at && cps_[tld_start - 1].c != '.') --tld_start;
    for (size_t k = tld_start; k < last; ++k) {
      if (IsHyphen(cps_[k].c)) {
        suffix_at = k;
        break;
      }
    }
    if (suffix_at - tld_start < 2) return false;  // TLD of one letter or none
    for (size_t k = tld_start; k < suffix_at; ++k) {
      if (Classify(cps_[k].c) != CharClass::kLetter) return false;
    }
    if (!Emit(TokenKind::kEmail, first, suffix_at)) return true;
    if (suffix_at < last) ScanGeneral(suffix_at + 1, last);
    return true;
  }

  void ScanGeneral(size_t from, size_t to) {
    size_t i = from;
    while (i < to) {
      const CharClass cls = cps_[i].cls;
      if (IsAlnum(cls)) {
        const size_t end = AlnumRunEnd(i, to);
        if (!EmitAlnumRun(i, end)) return;
        i = end;
      } else if (cps_[i].c == '#' && i + 1 < to && IsAlnum(cps_[i + 1].cls)) {
        const size_t end = AlnumRunEnd(i + 1, to);
        if (RunHasDigit(i + 1, end)) {
          if (!Emit(TokenKind::kCode, i, end)) return;
        } else if (!EmitAlnumRun(i + 1, end)) {
          return;
        }
        i = end;
      } else if (cls == CharClass::kEmoji) {
        const size_t end = EmojiEnd(i, to);
        if (!Emit(TokenKind::kSymbol, i, end)) return;
        i = end;
      } else if (cls == CharClass::kSymbol) {
        size_t end = i + 1;
        while (end < to && cps_[end].cls == CharClass::kMark) ++end;
        if (!Emit(TokenKind::kSymbol, i, end)) return;
        i = end;
      } else {
        ++i;  // punctuation, a stray mark or joiner
      }
    }
  }

  bool RunHasDigit(size_t from, size_t to) const {
    for (size_t k = from; k < to; ++k) {
      if (cps_[k].cls == CharClass::kDigit) return true;
    }
    return false;
  }

  // Letters, digits and marks, joined by a hyphen, apostrophe, underscore,
  // slash, or (between digits) a dot, comma or colon.
  size_t AlnumRunEnd(size_t from, size_t to) const {
    size_t j = from;
    while (j < to) {
      const CharClass cls = cps_[j].cls;
      if (IsAlnum(cls) || cls == CharClass::kMark ||
          (cls == CharClass::kZwj && j > from && j + 1 < to &&
           IsAlnum(cps_[j + 1].cls))) {
        ++j;
        continue;
      }
      if (j + 1 >= to || j == from || !IsAlnum(cps_[j + 1].cls)) break;
      const char32_t c = cps_[j].c;
      const CharClass prev = PrevBaseClass(from, j);
      const CharClass next = cps_[j + 1].cls;
      const bool digits =
          prev == CharClass::kDigit && next == CharClass::kDigit;
      if (IsHyphen(c) || c == '_') {
        ++j;
      } else if (IsApostrophe(c) && prev == CharClass::kLetter &&
                 next == CharClass::kLetter) {
        ++j;
      } else if ((c == '.' || c == ',' || c == ':') && digits) {
        ++j;
      } else if (c == '/' &&
                 (prev == CharClass::kDigit || next == CharClass::kDigit)) {
        ++j;
      } else {
        break;
      }
    }
    return j;
  }

  CharClass PrevBaseClass(size_t from, size_t j) const {
    while (j > from && cps_[j - 1].cls == CharClass::kMark) --j;
    return j > from ? cps_[j - 1].cls : CharClass::kPunct;
  }

  // Decides what a run of letters, digits and joiners is.
  bool EmitAlnumRun(size_t from, size_t to) {
    size_t letters = 0, digits = 0, joiners = 0;
    for (size_t k = from; k < to; ++k) {
      switch (cps_[k].cls) {
        case CharClass::kLetter:
          ++letters;
          break;
        case CharClass::kDigit:
          ++digits;
          break;
        case CharClass::kMark:
          break;
        default:
          ++joiners;
          break;
      }
    }
    if (digits == 0) return Emit(TokenKind::kWord, from, to);
    if (letters == 0) {
      bool only_number_joiners = true;
      for (size_t k = from; k < to; ++k) {
        const char32_t c = cps_[k].c;
        if (c == '-' || c == '/' || c == '_' || IsHyphen(c))
          only_number_joiners = false;
      }
      return Emit(only_number_joiners ? TokenKind::kNumber : TokenKind::kCode,
                  from, to);
    }
    // "10-es", "5-ös", "2023-ban": a number with a Hungarian suffix.
    if (const size_t hyphen = NumberSuffixHyphen(from, to); hyphen != to) {
      return Emit(TokenKind::kNumber, from, hyphen) &&
             Emit(TokenKind::kWord, hyphen + 1, to);
    }
    // "AB-12345", "PL123456789", "X7K9P2": order-number-like.
    if (digits >= 3) return Emit(TokenKind::kCode, from, to);
    return EmitSplit(from, to);  // "5kg" → "5" "kg"
  }

  // Index of the hyphen in digits[.,:digits]-letters, else `to`.
  size_t NumberSuffixHyphen(size_t from, size_t to) const {
    size_t k = from;
    while (k < to && (cps_[k].cls == CharClass::kDigit || cps_[k].c == '.' ||
                      cps_[k].c == ',' || cps_[k].c == ':')) {
      ++k;
    }
    if (k == from || k >= to || !IsHyphen(cps_[k].c)) return to;
    for (size_t m = k + 1; m < to; ++m) {
      if (cps_[m].cls != CharClass::kLetter && cps_[m].cls != CharClass::kMark)
        return to;
    }
    return k;
  }

  // Splits a short mixed run into words and numbers, dropping the joiners.
  bool EmitSplit(size_t from, size_t to) {
    size_t k = from;
    while (k < to) {
      const CharClass cls = cps_[k].cls;
      if (cls != CharClass::kLetter && cls != CharClass::kDigit) {
        ++k;
        continue;
      }
      size_t end = k + 1;
      while (end < to &&
             (cps_[end].cls == cls || cps_[end].cls == CharClass::kMark))
        ++end;
      if (!Emit(
              cls == CharClass::kLetter ? TokenKind::kWord : TokenKind::kNumber,
              k, end))
        return false;
      k = end;
    }
    return true;
  }

  // One emoji: a pictograph with its modifiers, variation selectors and
  // ZWJ-joined parts, or a pair of regional indicators (a flag).
  size_t EmojiEnd(size_t from, size_t to) const {
    const bool regional =
        u_hasBinaryProperty(cps_[from].c, UCHAR_REGIONAL_INDICATOR);
    size_t j = from + 1;
    if (regional) {
      if (j < to && u_hasBinaryProperty(cps_[j].c, UCHAR_REGIONAL_INDICATOR))
        ++j;
      return j;
    }
    while (j < to) {
      const CharClass cls = cps_[j].cls;
      if (cls == CharClass::kMark ||
          (cls == CharClass::kEmoji &&
           u_hasBinaryProperty(cps_[j].c, UCHAR_EMOJI_MODIFIER))) {
        ++j;
      } else if (cls == CharClass::kZwj && j + 1 < to &&
                 cps_[j + 1].cls == CharClass::kEmoji) {
        j += 2;
      } else {
        break;
      }
    }
    return j;
  }

  const std::vector<CodePoint>& cps_;
  size_t max_tokens_;
  std::vector<RawToken>* tokens_;
  TokenizeOutcome* outcome_;
};

}  // namespace

TokenizeOutcome Tokenize(std::string_view text, size_t max_tokens,
                         std::vector<RawToken>* tokens) {
  TokenizeOutcome outcome;
  // The thread's buffer, at most kMaxChunkCodePoints long: a message's
  // chunks need no allocation of their own.
  struct Chunk {
    std::vector<CodePoint> code_points;
  };
  std::vector<CodePoint>& chunk = ThreadLocal<Chunk>().code_points;
  chunk.clear();
  size_t pos = 0;
  auto flush = [&]() {
    if (chunk.empty()) return;
    ChunkScanner(chunk, max_tokens, tokens, &outcome).Scan();
    chunk.clear();
  };
  while (pos < text.size() && !outcome.truncated) {
    const size_t begin = pos;
    const char32_t c = DecodeUtf8(text, &pos);
    if (c == kInvalidCodePoint) outcome.invalid_utf8 = true;
    const CharClass cls = Classify(c);
    if (cls == CharClass::kIgnorable) continue;
    if (cls == CharClass::kSpace || chunk.size() == kMaxChunkCodePoints) {
      flush();
    }
    if (cls != CharClass::kSpace) chunk.push_back({c, cls, begin, pos});
  }
  if (!outcome.truncated) flush();
  if (!outcome.truncated && pos < text.size()) outcome.truncated = true;
  return outcome;
}

}  // namespace libbot::internal
