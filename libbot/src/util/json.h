// Copyright 2026 The libbot Authors.
//
// JSON for Session state, evaluation files and tool output: nlohmann-json
// (Debian's nlohmann-json3-dev) behind the bounds libbot promises for input
// that may be hostile. ParseJson is strict (RFC 8259, UTF-8 checked),
// refuses documents over 16 MiB and nesting deeper than 64 levels before the
// parser sees them, and never throws.
//
// Why nlohmann-json: one well-kept, strict reader instead of 300 lines of
// our own, at the same speed (docs/benchmarks.md, "Session JSON"). Writing
// a Session through its DOM cost 50% more than appending text, on the hot
// path of a stateless server, so Session::ToJson appends with
// AppendJsonString instead; everything else is written with DumpJson.
#ifndef LIBBOT_SRC_UTIL_JSON_H_
#define LIBBOT_SRC_UTIL_JSON_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace libbot::internal {

using Json = nlohmann::json;
// Keeps members in the order they were added: for output people read.
using OrderedJson = nlohmann::ordered_json;

inline constexpr int kMaxJsonDepth = 64;
inline constexpr size_t kMaxJsonBytes = 16 << 20;

// Parses `text`; on failure returns false and says where in *error
// ("at byte 12: nested more than 64 levels").
bool ParseJson(std::string_view text, Json* value, std::string* error);

// Appends `s` as a JSON string literal, escaped as DumpJson escapes it;
// ill-formed UTF-8 becomes U+FFFD.
void AppendJsonString(std::string_view s, std::string* out);
std::string JsonString(std::string_view s);

// `value` as compact JSON text; ill-formed UTF-8 in its strings becomes
// U+FFFD (so a customer's broken bytes never break the output).
std::string DumpJson(const Json& value);
std::string DumpJson(const OrderedJson& value);

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_UTIL_JSON_H_
