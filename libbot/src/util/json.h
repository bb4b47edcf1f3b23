// Copyright 2026 The libbot Authors.
//
// A small JSON reader and writer for Session state and tool output. The reader
// is strict (RFC 8259), bounded (depth 64, 16 MiB) and never throws.
#ifndef LIBBOT_SRC_UTIL_JSON_H_
#define LIBBOT_SRC_UTIL_JSON_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace libbot::internal {

class JsonValue {
 public:
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };

  Type type() const { return type_; }
  bool is(Type t) const { return type_ == t; }
  bool boolean() const { return boolean_; }
  double number() const { return number_; }
  const std::string& string() const { return string_; }
  const std::vector<JsonValue>& array() const { return array_; }
  const std::map<std::string, JsonValue>& object() const { return object_; }
  // The member `key` of an object, or nullptr.
  const JsonValue* Find(const std::string& key) const;

 private:
  friend class JsonParser;
  Type type_ = Type::kNull;
  bool boolean_ = false;
  double number_ = 0;
  std::string string_;
  std::vector<JsonValue> array_;
  std::map<std::string, JsonValue> object_;
};

// Parses `text`; on failure returns false and says where in *error.
bool ParseJson(std::string_view text, JsonValue* value, std::string* error);

// Appends `s` as a JSON string literal (ill-formed UTF-8 becomes U+FFFD).
void AppendJsonString(std::string_view s, std::string* out);
std::string JsonString(std::string_view s);

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_UTIL_JSON_H_
