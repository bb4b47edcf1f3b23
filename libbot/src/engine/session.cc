// Copyright 2026 The libbot Authors.
#include <cmath>

#include "util/json.h"
#include "libbot/engine.h"

namespace libbot {
namespace {

// Bumped when the meaning of a field changes. Older versions are read;
// a newer major version is refused rather than misread.
constexpr int kSessionVersion = 1;

using internal::JsonString;
using internal::JsonValue;

bool GetInt(const JsonValue& object, const char* key, int* out,
            std::string* error) {
  const JsonValue* v = object.Find(key);
  if (v == nullptr) return true;  // absent: keep the default
  if (!v->is(JsonValue::Type::kNumber) ||
      v->number() != std::floor(v->number()) || std::fabs(v->number()) > 1e9) {
    *error = std::string("'") + key + "' must be a whole number";
    return false;
  }
  *out = static_cast<int>(v->number());
  return true;
}

bool GetString(const JsonValue& object, const char* key, std::string* out,
               std::string* error) {
  const JsonValue* v = object.Find(key);
  if (v == nullptr) return true;
  if (!v->is(JsonValue::Type::kString)) {
    *error = std::string("'") + key + "' must be a string";
    return false;
  }
  *out = v->string();
  return true;
}

}  // namespace

std::string Session::ToJson() const {
  std::string out = "{\"version\":" + std::to_string(kSessionVersion);
  out += ",\"lang\":" + JsonString(LangCode(lang));
  out += ",\"context\":{";
  bool first = true;
  for (const auto& [name, turns] : context) {
    out += (first ? "" : ",") + JsonString(name) + ":" + std::to_string(turns);
    first = false;
  }
  out += "},\"pending_intent\":" + JsonString(pending_intent);
  out += ",\"pending_slot\":" + JsonString(pending_slot);
  out += ",\"choices\":[";
  for (size_t i = 0; i < choices.size(); ++i)
    out += (i ? "," : "") + JsonString(choices[i]);
  out += "]";
  out += ",\"slots\":{";
  first = true;
  for (const auto& [name, value] : slots) {
    out += (first ? "" : ",") + JsonString(name) + ":" + JsonString(value);
    first = false;
  }
  out += "},\"consecutive_fallbacks\":" + std::to_string(consecutive_fallbacks);
  out += ",\"complaints\":" + std::to_string(complaints);
  out += ",\"turn_count\":" + std::to_string(turn_count);
  out += ",\"turns\":[";
  for (size_t i = 0; i < turns.size(); ++i) {
    out += (i ? "," : "") + std::string("{\"user\":") +
           JsonString(turns[i].user) +
           ",\"kind\":" + JsonString(turns[i].kind) +
           ",\"id\":" + JsonString(turns[i].id) + "}";
  }
  out += "]}";
  return out;
}

Status Session::FromJson(std::string_view json, Session* session) {
  JsonValue root;
  std::string error;
  if (!internal::ParseJson(json, &root, &error)) {
    return Status::InvalidArgument("session JSON: " + error);
  }
  if (!root.is(JsonValue::Type::kObject)) {
    return Status::InvalidArgument("session JSON: not an object");
  }
  int version = 0;
  if (!GetInt(root, "version", &version, &error)) {
    return Status::InvalidArgument("session JSON: " + error);
  }
  if (version < 1 || version > kSessionVersion) {
    return Status::InvalidArgument(
        "session JSON: version " + std::to_string(version) +
        " is not supported (this libbot reads 1 to " +
        std::to_string(kSessionVersion) + ")");
  }
  Session s;
  std::string lang;
  bool ok =
      GetString(root, "lang", &lang, &error) &&
      GetString(root, "pending_intent", &s.pending_intent, &error) &&
      GetString(root, "pending_slot", &s.pending_slot, &error) &&
      GetInt(root, "consecutive_fallbacks", &s.consecutive_fallbacks, &error) &&
      GetInt(root, "complaints", &s.complaints, &error) &&
      GetInt(root, "turn_count", &s.turn_count, &error);
  if (ok && !ParseLang(lang, &s.lang)) {
    ok = false;
    error = "'lang' must be hu, pl or unknown";
  }
  if (const JsonValue* ctx = root.Find("context"); ok && ctx) {
    if (!ctx->is(JsonValue::Type::kObject)) {
      ok = false;
      error = "'context' must be an object";
    } else {
      for (const auto& [name, turns] : ctx->object()) {
        int value = 0;
        if (!GetInt(*ctx, name.c_str(), &value, &error)) {
          ok = false;
          error = "context values must be whole numbers";
          break;
        }
        s.context[name] = value;
      }
    }
  }
  if (const JsonValue* slots = root.Find("slots"); ok && slots) {
    if (!slots->is(JsonValue::Type::kObject)) {
      ok = false;
      error = "'slots' must be an object";
    } else {
      for (const auto& [name, value] : slots->object()) {
        if (!value.is(JsonValue::Type::kString)) {
          ok = false;
          error = "slot values must be strings";
          break;
        }
        s.slots[name] = value.string();
      }
    }
  }
  if (const JsonValue* choices = root.Find("choices"); ok && choices) {
    if (!choices->is(JsonValue::Type::kArray)) {
      ok = false;
      error = "'choices' must be an array";
    } else {
      for (const JsonValue& c : choices->array()) {
        if (!c.is(JsonValue::Type::kString)) {
          ok = false;
          error = "choices must be strings";
          break;
        }
        s.choices.push_back(c.string());
      }
    }
  }
  if (const JsonValue* turns = root.Find("turns"); ok && turns) {
    if (!turns->is(JsonValue::Type::kArray)) {
      ok = false;
      error = "'turns' must be an array";
    } else {
      for (const JsonValue& t : turns->array()) {
        Turn turn;
        if (!t.is(JsonValue::Type::kObject) ||
            !GetString(t, "user", &turn.user, &error) ||
            !GetString(t, "kind", &turn.kind, &error) ||
            !GetString(t, "id", &turn.id, &error)) {
          ok = false;
          if (error.empty()) error = "each turn must be an object";
          break;
        }
        s.turns.push_back(std::move(turn));
      }
    }
  }
  if (!ok) return Status::InvalidArgument("session JSON: " + error);
  *session = std::move(s);
  return Status::Ok();
}

}  // namespace libbot
