// Copyright 2026 The libbot Authors.
#include "libbot/status.h"

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

std::string Status::ToString() const {
  static constexpr std::string_view kNames[] = {
      "OK", "InvalidArgument", "NotFound", "IOError", "Corruption", "Internal"};
  const std::string_view name = kNames[static_cast<int>(code_)];
  if (ok()) return std::string(name);
  return std::string(name) + ": " + message_;
}

}  // namespace libbot
