// Copyright 2026 The libbot Authors.
#include "libbot/status.h"

#include <doctest/doctest.h>

namespace libbot {

TEST_CASE("status: ok and errors") {
  CHECK(Status().ok());
  CHECK(Status::Ok().ToString() == "OK");
  const Status s = Status::NotFound("x.dic: cannot open");
  CHECK_FALSE(s.ok());
  CHECK(s.code() == Status::Code::kNotFound);
  CHECK(s.ToString() == "NotFound: x.dic: cannot open");
}

TEST_CASE("status: file:line:col locations") {
  CHECK(Status::AtLocation(Status::Code::kInvalidArgument,
                           "rules/pl/orders.yaml", 12, 5,
                           "unknown key 'pattens'")
            .message() == "rules/pl/orders.yaml:12:5: unknown key 'pattens'");
  CHECK(Status::AtLocation(Status::Code::kCorruption, "hu_HU.aff", 7, 0, "bad")
            .message() == "hu_HU.aff:7: bad");
}

}  // namespace libbot
