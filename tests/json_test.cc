// Copyright 2026 The libbot Authors.
//
// util/json: nlohmann-json behind libbot's bounds (depth, size, UTF-8).
#include <doctest/doctest.h>

#include <string>

#include "util/json.h"
#include "util/utf8.h"

namespace libbot::internal {

TEST_CASE("json: strict parsing, bounded depth") {
  Json v;
  std::string error;
  CHECK(ParseJson("{\"a\":[1,2.5,-3e2,true,null,\"\\u00e1\\ud83d\\ude00\"]}",
                  &v, &error));
  CHECK(v["a"][5].get<std::string>() == "á😀");
  CHECK_FALSE(ParseJson(std::string(100, '['), &v, &error));
  CHECK(error.find("nested more than 64") != std::string::npos);
  CHECK_FALSE(ParseJson("\"\\ud800\"", &v, &error));
  CHECK_FALSE(ParseJson("\"a\xff\"", &v, &error));
}

TEST_CASE("json: depth counts brackets outside strings only") {
  Json v;
  std::string error;
  // 64 levels are fine, 65 are not; brackets inside strings do not count.
  std::string deep = std::string(64, '[') + std::string(64, ']');
  CHECK(ParseJson(deep, &v, &error));
  CHECK_FALSE(ParseJson("[" + deep + "]", &v, &error));
  CHECK(error == "at byte 64: nested more than 64 levels");
  CHECK(ParseJson("[\"" + std::string(200, '[') + "\\\"{\"]", &v, &error));
}

TEST_CASE("json: errors say where, size is bounded") {
  Json v;
  std::string error;
  CHECK_FALSE(ParseJson("{\"a\":1}x", &v, &error));
  CHECK(error.rfind("at byte ", 0) == 0);
  CHECK_FALSE(ParseJson("", &v, &error));
  CHECK_FALSE(ParseJson("{\"a\":tru}", &v, &error));
  CHECK(error.find("at byte") != std::string::npos);
  std::string huge = "\"" + std::string(kMaxJsonBytes, 'a') + "\"";
  CHECK_FALSE(ParseJson(huge, &v, &error));
  CHECK(error == "document larger than 16 MiB");
}

TEST_CASE("json: writing never breaks on bad bytes") {
  // Quotes and newlines are escaped; an ill-formed byte becomes U+FFFD.
  const std::string out = JsonString("a\"b\n\xff");
  CHECK(out == "\"a\\\"b\\n\xEF\xBF\xBD\"");
  Json back;
  std::string error;
  REQUIRE(ParseJson(out, &back, &error));
  CHECK(back.get<std::string>() == "a\"b\n\xEF\xBF\xBD");
  // Members keep their order in ordered output.
  OrderedJson o;
  o["z"] = 1;
  o["a"] = 2;
  CHECK(DumpJson(o) == "{\"z\":1,\"a\":2}");
}

TEST_CASE("json: the text writer escapes exactly as the DOM writer does") {
  // Session::ToJson appends text (for speed); the result must be what
  // nlohmann-json would write, and read back to the same string.
  for (const std::string text :
       {std::string("plain"), std::string("idézőjel \" és \\ és \n új sor"),
        std::string("tab\tcr\rbs\bff\f"), std::string("\x01\x1f\x7f"),
        std::string("ill\xff\xfe formed \xc3"), std::string("emoji 😀"),
        std::string("nul\0inside", 11)}) {
    CAPTURE(text);
    const std::string ours = JsonString(text);
    CHECK(ours == DumpJson(Json(text)));
    Json back;
    std::string error;
    REQUIRE(ParseJson(ours, &back, &error));
    if (IsValidUtf8(text)) CHECK(back.get<std::string>() == text);
  }
}

}  // namespace libbot::internal
