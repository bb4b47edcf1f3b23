// Copyright 2026 The libbot Authors.
#include "util/json.h"

#include <cstdio>

#include "util/utf8.h"

namespace libbot::internal {
namespace {

// Finds where nesting first goes deeper than kMaxJsonDepth, or npos. One pass
// over the text, skipping strings: the depth is refused before nlohmann's
// parser builds (and later destroys, recursively) a deep tree.
size_t TooDeepAt(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::string_view::npos;
}

// nlohmann's messages start with "[json.exception.parse_error.101] parse
// error at line 1, column 5: "; the byte offset says the same for one-line
// documents, so keep what follows.
std::string ParseErrorText(const Json::parse_error& e) {
  std::string what = e.what();
  const size_t colon = what.find(": ");
  if (colon != std::string::npos) what = what.substr(colon + 2);
  return "at byte " + std::to_string(e.byte) + ": " + what;
}

}  // namespace

bool ParseJson(std::string_view text, Json* value, std::string* error) {
  if (text.size() > kMaxJsonBytes) {
    *error = "document larger than 16 MiB";
    return false;
  }
  if (const size_t at = TooDeepAt(text); at != std::string_view::npos) {
    *error = "at byte " + std::to_string(at) + ": nested more than " +
             std::to_string(kMaxJsonDepth) + " levels";
    return false;
  }
  try {
    *value = Json::parse(text.begin(), text.end());
    return true;
  } catch (const Json::parse_error& e) {
    *error = ParseErrorText(e);
  } catch (const std::exception& e) {  // out of memory
    *error = e.what();
  }
  return false;
}

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  size_t pos = 0;
  while (pos < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[pos]);
    if (c >= 0x80) {
      // Whole characters are copied as they are; a broken one is replaced.
      const size_t start = pos;
      if (DecodeUtf8(s, &pos) == kInvalidCodePoint) {
        out->append("\xEF\xBF\xBD");  // U+FFFD
      } else {
        out->append(s.substr(start, pos - start));
      }
      continue;
    }
    ++pos;
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (c < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof(escaped), "\\u%04x", c);
          out->append(escaped);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

std::string JsonString(std::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}

std::string DumpJson(const Json& value) {
  return value.dump(-1, ' ', /*ensure_ascii=*/false,
                    Json::error_handler_t::replace);
}

std::string DumpJson(const OrderedJson& value) {
  return value.dump(-1, ' ', /*ensure_ascii=*/false,
                    OrderedJson::error_handler_t::replace);
}

}  // namespace libbot::internal
