// Copyright 2026 The libbot Authors.
//
// CSV as spreadsheet programs write it (RFC 4180): quoted fields, doubled
// quotes, newlines inside quotes, CRLF or LF line ends, an optional UTF-8
// BOM. Used for FAQ sources and evaluation sets.
#ifndef LIBBOT_SRC_UTIL_CSV_H_
#define LIBBOT_SRC_UTIL_CSV_H_

#include <string>
#include <vector>

namespace libbot::internal {

// A record with the line it starts on (1-based).
struct CsvRecord {
  int line;
  std::vector<std::string> fields;
};

// Splits `text` into records, skipping empty lines. A quote left open gives
// false and the line where its record started in *bad_line.
bool ParseCsv(const std::string& text, std::vector<CsvRecord>* records,
              int* bad_line);

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_UTIL_CSV_H_
