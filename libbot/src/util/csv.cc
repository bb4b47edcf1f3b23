// Copyright 2026 The libbot Authors.
#include "util/csv.h"

namespace libbot::internal {

// One pass, a character at a time: a quote opens a quoted field only at the
// field's start; inside quotes, "" is a quote and a newline is data (the
// line count still advances, so errors point at the right line).
bool ParseCsv(const std::string& text, std::vector<CsvRecord>* records,
              int* bad_line) {
  size_t i = 0;
  int line = 1;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0)
    i = 3;  // a BOM from spreadsheet programs
  while (i < text.size()) {
    CsvRecord record{line, {}};
    std::string field;
    bool in_quotes = false, quoted = false;
    for (; i < text.size(); ++i) {
      const char c = text[i];
      if (in_quotes) {
        if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else if (c == '"') {
          in_quotes = false;
        } else {
          if (c == '\n') ++line;
          field += c;
        }
      } else if (c == '"' && field.empty() && !quoted) {
        in_quotes = quoted = true;
      } else if (c == ',') {
        record.fields.push_back(std::move(field));
        field.clear();
        quoted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        ++i;
        ++line;
        break;
      } else {
        field += c;
      }
    }
    if (in_quotes) {
      *bad_line = record.line;
      return false;
    }
    record.fields.push_back(std::move(field));
    if (!(record.fields.size() == 1 && record.fields[0].empty())) {
      records->push_back(std::move(record));
    }
  }
  return true;
}

}  // namespace libbot::internal
