// Copyright 2026 The libbot Authors.
//
// Session as JSON. The JSON may come from anywhere (a client, a cache, an
// attacker), so reading checks every field's type and range and changes
// nothing unless the whole document is good.
#include <cmath>

#include "libbot/engine.h"
#include "util/json.h"

namespace libbot {
namespace {

using internal::Json;

// Bumped when the meaning of a field changes. Older versions are read;
// a newer major version is refused rather than misread.
constexpr int kSessionVersion = 1;
// Whole numbers in a session are counters and turn counts: far below this.
constexpr double kMaxSessionNumber = 1e9;

// Each reader leaves its output alone when the field is absent (older
// sessions lack newer fields) and returns false, with *error set, when it is
// there but wrong.

bool ReadInt(const Json& object, const char* key, int* out,
             std::string* error) {
  auto it = object.find(key);
  if (it == object.end()) return true;
  // Whole and within int range: a cast of anything else is undefined.
  if (!it->is_number() || it->get<double>() != std::floor(it->get<double>()) ||
      std::fabs(it->get<double>()) > kMaxSessionNumber) {
    *error = std::string("'") + key + "' must be a whole number";
    return false;
  }
  *out = static_cast<int>(it->get<double>());
  return true;
}

bool ReadString(const Json& object, const char* key, std::string* out,
                std::string* error) {
  auto it = object.find(key);
  if (it == object.end()) return true;
  if (!it->is_string()) {
    *error = std::string("'") + key + "' must be a string";
    return false;
  }
  *out = it->get<std::string>();
  return true;
}

// "version": present, and one this libbot understands.
bool ReadVersion(const Json& root, std::string* error) {
  int version = 0;
  if (!ReadInt(root, "version", &version, error)) return false;
  if (version < 1 || version > kSessionVersion) {
    *error = "version " + std::to_string(version) +
             " is not supported (this libbot reads 1 to " +
             std::to_string(kSessionVersion) + ")";
    return false;
  }
  return true;
}

bool ReadScalars(const Json& root, Session* s, std::string* error) {
  std::string lang;
  if (!ReadString(root, "lang", &lang, error) ||
      !ReadString(root, "pending_intent", &s->pending_intent, error) ||
      !ReadString(root, "pending_slot", &s->pending_slot, error) ||
      !ReadInt(root, "consecutive_fallbacks", &s->consecutive_fallbacks,
               error) ||
      !ReadInt(root, "complaints", &s->complaints, error) ||
      !ReadInt(root, "turn_count", &s->turn_count, error)) {
    return false;
  }
  if (!ParseLang(lang, &s->lang)) {
    *error = "'lang' must be hu, pl or unknown";
    return false;
  }
  return true;
}

// A collection member (`is_kind` says which: object or array): absent is
// fine, another kind is an error, and each element goes through
// `read_element(name, value)`, which sets *error when it refuses one.
template <typename IsKind, typename ReadElement>
bool ReadCollection(const Json& root, const char* key, IsKind is_kind,
                    const char* kind_name, ReadElement read_element,
                    std::string* error) {
  auto it = root.find(key);
  if (it == root.end()) return true;
  if (!is_kind(*it)) {
    *error = std::string("'") + key + "' must be " + kind_name;
    return false;
  }
  for (const auto& [name, value] : it->items()) {
    if (!read_element(name, value)) return false;
  }
  return true;
}

bool IsObject(const Json& j) { return j.is_object(); }
bool IsArray(const Json& j) { return j.is_array(); }

// "context": {tag: turns left}.
bool ReadContext(const Json& root, Session* s, std::string* error) {
  return ReadCollection(
      root, "context", IsObject, "an object",
      [&](const std::string& name, const Json&) {
        int value = 0;
        if (!ReadInt(root["context"], name.c_str(), &value, error)) {
          *error = "context values must be whole numbers";
          return false;
        }
        s->context[name] = value;
        return true;
      },
      error);
}

// "slots": {name: value}.
bool ReadSlots(const Json& root, Session* s, std::string* error) {
  return ReadCollection(
      root, "slots", IsObject, "an object",
      [&](const std::string& name, const Json& value) {
        if (!value.is_string()) {
          *error = "slot values must be strings";
          return false;
        }
        s->slots[name] = value.get<std::string>();
        return true;
      },
      error);
}

// "choices": ["faq:<id>" | "intent:<id>", ...].
bool ReadChoices(const Json& root, Session* s, std::string* error) {
  return ReadCollection(
      root, "choices", IsArray, "an array",
      [&](const std::string&, const Json& choice) {
        if (!choice.is_string()) {
          *error = "choices must be strings";
          return false;
        }
        s->choices.push_back(choice.get<std::string>());
        return true;
      },
      error);
}

// "turns": [{"user", "kind", "id"}, ...].
bool ReadTurns(const Json& root, Session* s, std::string* error) {
  return ReadCollection(
      root, "turns", IsArray, "an array",
      [&](const std::string&, const Json& t) {
        Session::Turn turn;
        if (!t.is_object()) {
          *error = "each turn must be an object";
          return false;
        }
        if (!ReadString(t, "user", &turn.user, error) ||
            !ReadString(t, "kind", &turn.kind, error) ||
            !ReadString(t, "id", &turn.id, error)) {
          return false;
        }
        s->turns.push_back(std::move(turn));
        return true;
      },
      error);
}

}  // namespace

// Appended as text, not built as a DOM: a server writes a session after
// every message (util/json.h says why).
std::string Session::ToJson() const {
  using internal::AppendJsonString;
  std::string out;
  out.reserve(256 + 160 * turns.size());
  out += "{\"version\":" + std::to_string(kSessionVersion) + ",\"lang\":";
  AppendJsonString(LangCode(lang), &out);
  out += ",\"context\":{";
  const char* separator = "";
  for (const auto& [name, turns_left] : context) {
    out += separator;
    AppendJsonString(name, &out);
    out += ":" + std::to_string(turns_left);
    separator = ",";
  }
  out += "},\"pending_intent\":";
  AppendJsonString(pending_intent, &out);
  out += ",\"pending_slot\":";
  AppendJsonString(pending_slot, &out);
  out += ",\"choices\":[";
  separator = "";
  for (const std::string& choice : choices) {
    out += separator;
    AppendJsonString(choice, &out);
    separator = ",";
  }
  out += "],\"slots\":{";
  separator = "";
  for (const auto& [name, value] : slots) {
    out += separator;
    AppendJsonString(name, &out);
    out += ":";
    AppendJsonString(value, &out);
    separator = ",";
  }
  out +=
      "},\"consecutive_fallbacks\":" + std::to_string(consecutive_fallbacks) +
      ",\"complaints\":" + std::to_string(complaints) +
      ",\"turn_count\":" + std::to_string(turn_count) + ",\"turns\":[";
  separator = "";
  for (const Turn& t : turns) {
    out += separator;
    out += "{\"user\":";
    AppendJsonString(t.user, &out);
    out += ",\"kind\":";
    AppendJsonString(t.kind, &out);
    out += ",\"id\":";
    AppendJsonString(t.id, &out);
    out += "}";
    separator = ",";
  }
  out += "]}";
  return out;
}

Status Session::FromJson(std::string_view json, Session* session) {
  Json root;
  std::string error;
  Session s;
  const bool ok = internal::ParseJson(json, &root, &error) &&
                  (root.is_object() || (error = "not an object", false)) &&
                  ReadVersion(root, &error) && ReadScalars(root, &s, &error) &&
                  ReadContext(root, &s, &error) &&
                  ReadSlots(root, &s, &error) &&
                  ReadChoices(root, &s, &error) && ReadTurns(root, &s, &error);
  if (!ok) return Status::InvalidArgument("session JSON: " + error);
  *session = std::move(s);
  return Status::Ok();
}

}  // namespace libbot
