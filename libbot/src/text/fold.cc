// Copyright 2026 The libbot Authors.
#include "text/fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>

#include "util/utf8.h"

namespace libbot::internal {
namespace {

// Latin-1 Supplement, Latin Extended-A and -B cover every Hungarian and Polish
// letter; they are folded through a table. Above it, ICU decomposes.
constexpr char32_t kTableEnd = 0x250;

// Letters with no canonical decomposition, folded by hand.
std::string_view SpecialFold(char32_t c) {
  switch (c) {
    case 0x0141:
    case 0x0142:
      return "l";  // Ł ł
    case 0x0110:
    case 0x0111:
      return "d";  // Đ đ
    case 0x00D8:
    case 0x00F8:
      return "o";  // Ø ø
    case 0x0126:
    case 0x0127:
      return "h";  // Ħ ħ
    case 0x0131:
      return "i";  // ı
    case 0x0166:
    case 0x0167:
      return "t";  // Ŧ ŧ
    case 0x00DF:
      return "ss";  // ß
    case 0x00C6:
    case 0x00E6:
      return "ae";  // Æ æ
    case 0x0152:
    case 0x0153:
      return "oe";  // Œ œ
    case 0x00DE:
    case 0x00FE:
      return "th";  // Þ þ
    case 0x00D0:
    case 0x00F0:
      return "d";  // Ð ð
    case 0x0180:
      return "b";  // ƀ
    case 0x013F:
    case 0x0140:
      return "l";  // Ŀ ŀ
    case 0x2019:
    case 0x2018:
    case 0x02BC:
      return "'";  // typographic apostrophes
    default:
      return {};
  }
}

// Lower-cases c, decomposes it and keeps what is not a combining mark.
std::string FoldWithIcu(char32_t c) {
  std::string out;
  if (auto special = SpecialFold(c); !special.empty())
    return std::string(special);
  if ((U_GET_GC_MASK(c) & U_GC_M_MASK) != 0) return out;  // a mark alone
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString decomposition;
  const UChar32 lower = u_tolower(static_cast<UChar32>(c));
  if (U_FAILURE(status) || !nfd->getDecomposition(lower, decomposition)) {
    AppendUtf8(static_cast<char32_t>(lower), &out);
    return out;
  }
  for (int32_t i = 0; i < decomposition.length();) {
    const UChar32 part = decomposition.char32At(i);
    i += U16_LENGTH(part);
    if ((U_GET_GC_MASK(part) & U_GC_M_MASK) != 0) continue;
    if (auto special = SpecialFold(static_cast<char32_t>(part));
        !special.empty()) {
      out.append(special);
    } else {
      AppendUtf8(static_cast<char32_t>(part), &out);
    }
  }
  return out;
}

struct FoldTable {
  std::array<std::string, kTableEnd> entries;
  FoldTable() {
    for (char32_t c = 0; c < kTableEnd; ++c) {
      entries[c] =
          c < 0x80
              ? std::string(
                    1, static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c))
              : FoldWithIcu(c);
    }
  }
};

const FoldTable& Table() {
  static const FoldTable* table = new FoldTable();  // never destroyed
  return *table;
}

}  // namespace

std::string FoldCodePoint(char32_t c) {
  if (c < kTableEnd) return Table().entries[c];
  return FoldWithIcu(c);
}

void AppendFolded(std::string_view text, std::string* out) {
  const FoldTable& table = Table();
  size_t pos = 0;
  while (pos < text.size()) {
    const unsigned char byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
      out->push_back(byte >= 'A' && byte <= 'Z' ? static_cast<char>(byte + 32)
                                                : static_cast<char>(byte));
      ++pos;
      continue;
    }
    const char32_t c = DecodeUtf8(text, &pos);
    if (c == kInvalidCodePoint) continue;
    if (c < kTableEnd) {
      out->append(table.entries[c]);
    } else {
      out->append(FoldWithIcu(c));
    }
  }
}

}  // namespace libbot::internal
