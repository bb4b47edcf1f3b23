// Copyright 2026 The libbot Authors.
#include "libbot/status.h"

#include <iterator>

namespace libbot {

Status Status::AtLocation(Code code, std::string_view file, int line, int col,
                          std::string_view msg) {
  std::string where(file);
  if (line > 0) {
    where += ':' + std::to_string(line);
    if (col > 0) where += ':' + std::to_string(col);
  }
  if (!where.empty()) where += ": ";
  return Status(code, where + std::string(msg));
}

namespace {

// The one table of code names: for people (ToString) and for programs.
struct CodeNames {
  std::string_view display;  // "InvalidArgument"
  std::string_view program;  // "invalid_argument"
};
constexpr CodeNames kCodeNames[] = {
    {"OK", "ok"},
    {"InvalidArgument", "invalid_argument"},
    {"NotFound", "not_found"},
    {"IOError", "io_error"},
    {"Corruption", "corruption"},
    {"Internal", "internal"},
    {"Unavailable", "unavailable"},
};
static_assert(std::size(kCodeNames) ==
              static_cast<size_t>(Status::Code::kUnavailable) + 1);

const CodeNames& NamesOf(Status::Code code) {
  const auto i = static_cast<size_t>(code);
  return kCodeNames[i < std::size(kCodeNames) ? i : 5];  // kInternal
}

}  // namespace

std::string Status::ToString() const {
  const std::string name(NamesOf(code_).display);
  if (ok()) return name;
  return name + ": " + message_;
}

std::string_view StatusCodeName(Status::Code code) {
  return NamesOf(code).program;
}

}  // namespace libbot
