// Copyright 2026 The libbot Authors.
//
// Status reports the outcome of a load-time operation (opening dictionaries,
// loading rules, building a knowledge base). It says what went wrong and, when
// the cause is in a file, where: "rules/pl/orders.yaml:12:5: unknown key ...".
//
// The hot path (analysing a message, answering it) never returns a Status: it
// cannot fail, it degrades to a safe result instead.
#ifndef LIBBOT_STATUS_H_
#define LIBBOT_STATUS_H_

#include <string>
#include <string_view>

#include "libbot/export.h"

namespace libbot {

class LIBBOT_EXPORT Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // bad input: a malformed file, an unknown option
    kNotFound,         // a file or folder that does not exist
    kIoError,          // a file that exists but cannot be read
    kCorruption,       // a file whose content is damaged or of a wrong version
    kInternal,         // a bug in libbot, or out of memory while loading
    kUnavailable,      // a file another program holds locked: try again later
  };

  Status() = default;  // OK
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string_view msg) {
    return Status(Code::kInvalidArgument, msg);
  }
  static Status NotFound(std::string_view msg) {
    return Status(Code::kNotFound, msg);
  }
  static Status IoError(std::string_view msg) {
    return Status(Code::kIoError, msg);
  }
  static Status Corruption(std::string_view msg) {
    return Status(Code::kCorruption, msg);
  }
  static Status Internal(std::string_view msg) {
    return Status(Code::kInternal, msg);
  }
  static Status Unavailable(std::string_view msg) {
    return Status(Code::kUnavailable, msg);
  }
  // An error located in a file: message() reads "file:line:col: msg".
  // line and col are 1-based; 0 omits them.
  static Status AtLocation(Code code, std::string_view file, int line, int col,
                           std::string_view msg);

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  // The message alone, e.g. "rules/pl/orders.yaml:12:5: unknown key 'x'".
  const std::string& message() const { return message_; }
  // The code's name and the message, e.g. "NotFound: /x/hu_HU.dic: ...".
  std::string ToString() const;

 private:
  Status(Code code, std::string_view msg) : code_(code), message_(msg) {}

  Code code_ = Code::kOk;
  std::string message_;
};

// A code's name for programs: "ok", "invalid_argument", "not_found",
// "io_error", "corruption", "internal", "unavailable" (the Python module
// chooses its exception by it).
LIBBOT_EXPORT std::string_view StatusCodeName(Status::Code code);

}  // namespace libbot

#endif  // LIBBOT_STATUS_H_
