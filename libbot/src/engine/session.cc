// Copyright 2026 The libbot Authors.
//
// Session as JSON. The JSON may come from anywhere (a client, a cache, an
// attacker), so reading checks every field's type and range and changes
// nothing unless the whole document is good.
#include <cmath>
#include <map>

#include "libbot/engine.h"
#include "util/json.h"

namespace libbot {
namespace {

using internal::Json;

// Bumped when the meaning of a field changes. Older versions are read;
// a newer major version is refused rather than misread.
constexpr int kSessionVersion = 1;
// Each reader leaves its output alone when the field is absent (older
// sessions lack newer fields) and returns false, with *error set, when it is
// there but wrong.

// A whole number from 0 to Session::kMaxCounter (`what` names it in errors).
bool ReadCount(const Json& value, const std::string& what, int* out,
               std::string* error) {
  // Whole and within range: a cast of anything else is undefined.
  if (!value.is_number() ||
      value.get<double>() != std::floor(value.get<double>()) ||
      value.get<double>() < 0 || value.get<double>() > Session::kMaxCounter) {
    *error = "'" + what + "' must be a whole number from 0 to " +
             std::to_string(Session::kMaxCounter);
    return false;
  }
  *out = static_cast<int>(value.get<double>());
  return true;
}

bool ReadInt(const Json& object, const char* key, int* out,
             std::string* error) {
  auto it = object.find(key);
  if (it == object.end()) return true;
  return ReadCount(*it, key, out, error);
}

// A string of at most `max_bytes` (`what` names it in errors).
bool ReadText(const Json& value, const std::string& what, size_t max_bytes,
              std::string* out, std::string* error) {
  if (!value.is_string()) {
    *error = "'" + what + "' must be a string";
    return false;
  }
  const auto& text = value.get_ref<const std::string&>();
  if (text.size() > max_bytes) {
    *error =
        "'" + what + "' is longer than " + std::to_string(max_bytes) + " bytes";
    return false;
  }
  *out = text;
  return true;
}

bool ReadString(const Json& object, const char* key, std::string* out,
                std::string* error, size_t max_bytes = Session::kMaxNameBytes) {
  auto it = object.find(key);
  if (it == object.end()) return true;
  return ReadText(*it, key, max_bytes, out, error);
}

// A name used as a key (a context, a slot): bounded, and without NUL, which
// would make two keys one in a C string.
bool ValidKey(const std::string& name, const char* what, std::string* error) {
  if (name.size() > Session::kMaxNameBytes ||
      name.find('\0') != std::string::npos) {
    *error = std::string(what) + " names must be at most " +
             std::to_string(Session::kMaxNameBytes) + " bytes, without NUL";
    return false;
  }
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

bool ReadBool(const Json& object, const char* key, bool* out,
              std::string* error) {
  auto it = object.find(key);
  if (it == object.end()) return true;
  if (!it->is_boolean()) {
    *error = std::string("'") + key + "' must be true or false";
    return false;
  }
  *out = it->get<bool>();
  return true;
}

bool ReadScalars(const Json& root, Session* s, std::string* error) {
  std::string lang;
  if (!ReadString(root, "lang", &lang, error) ||
      !ReadString(root, "pending_intent", &s->pending_intent, error) ||
      !ReadString(root, "pending_slot", &s->pending_slot, error) ||
      !ReadString(root, "slots_intent", &s->slots_intent, error) ||
      !ReadInt(root, "consecutive_fallbacks", &s->consecutive_fallbacks,
               error) ||
      !ReadInt(root, "complaints", &s->complaints, error) ||
      !ReadInt(root, "turn_count", &s->turn_count, error) ||
      !ReadInt(root, "low_confidence_turns", &s->low_confidence_turns, error) ||
      !ReadInt(root, "frustrated_turns", &s->frustrated_turns, error) ||
      !ReadBool(root, "handed_over", &s->handed_over, error)) {
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
                    const char* kind_name, size_t max_size,
                    ReadElement read_element, std::string* error) {
  auto it = root.find(key);
  if (it == root.end()) return true;
  if (!is_kind(*it)) {
    *error = std::string("'") + key + "' must be " + kind_name;
    return false;
  }
  if (it->size() > max_size) {
    *error = std::string("'") + key + "' has more than " +
             std::to_string(max_size) + " elements";
    return false;
  }
  for (const auto& [name, value] : it->items()) {
    if (!read_element(name, value)) return false;
  }
  return true;
}

bool IsObject(const Json& j) { return j.is_object(); }
bool IsArray(const Json& j) { return j.is_array(); }

// `key`: {name: count}, names of `what` ("context": {tag: turns left},
// "slot_turns": {slot: turn}).
bool ReadCounts(const Json& root, const char* key, const char* what,
                std::map<std::string, int>* out, std::string* error) {
  return ReadCollection(
      root, key, IsObject, "an object", Session::kMaxEntries,
      [&](const std::string& name, const Json& value) {
        int count = 0;
        if (!ValidKey(name, what, error) ||
            !ReadCount(value, key + ("." + name), &count, error)) {
          return false;
        }
        (*out)[name] = count;
        return true;
      },
      error);
}

// "slots": {name: value}.
bool ReadSlots(const Json& root, Session* s, std::string* error) {
  return ReadCollection(
      root, "slots", IsObject, "an object", Session::kMaxEntries,
      [&](const std::string& name, const Json& value) {
        std::string text;
        if (!ValidKey(name, "slot", error) ||
            !ReadText(value, "slots." + name, Session::kMaxSlotValueBytes,
                      &text, error)) {
          return false;
        }
        s->slots[name] = std::move(text);
        return true;
      },
      error);
}

// "choices": ["faq:<id>" | "intent:<id>", ...].
bool ReadChoices(const Json& root, Session* s, std::string* error) {
  return ReadCollection(
      root, "choices", IsArray, "an array", Session::kMaxEntries,
      [&](const std::string&, const Json& choice) {
        std::string text;
        if (!ReadText(choice, "choices", Session::kMaxNameBytes, &text,
                      error)) {
          return false;
        }
        s->choices.push_back(std::move(text));
        return true;
      },
      error);
}

// "turns": [{"user", "kind", "id"}, ...].
bool ReadTurns(const Json& root, Session* s, std::string* error) {
  return ReadCollection(
      root, "turns", IsArray, "an array", Session::kMaxTurns,
      [&](const std::string&, const Json& t) {
        Session::Turn turn;
        if (!t.is_object()) {
          *error = "each turn must be an object";
          return false;
        }
        if (!ReadString(t, "user", &turn.user, error,
                        Session::kMaxTurnTextBytes) ||
            !ReadString(t, "kind", &turn.kind, error) ||
            !ReadString(t, "id", &turn.id, error)) {
          return false;
        }
        s->turns.push_back(std::move(turn));
        return true;
      },
      error);
}

// {name: count, ...}
void AppendCounts(const std::map<std::string, int>& counts, std::string* out) {
  *out += "{";
  const char* separator = "";
  for (const auto& [name, count] : counts) {
    *out += separator;
    internal::AppendJsonString(name, out);
    *out += ":" + std::to_string(count);
    separator = ",";
  }
  *out += "}";
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
  out += ",\"context\":";
  AppendCounts(context, &out);
  out += ",\"pending_intent\":";
  AppendJsonString(pending_intent, &out);
  out += ",\"pending_slot\":";
  AppendJsonString(pending_slot, &out);
  out += ",\"choices\":[";
  const char* separator = "";
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
  out += "},\"slots_intent\":";
  AppendJsonString(slots_intent, &out);
  out += ",\"slot_turns\":";
  AppendCounts(slot_turns, &out);
  out += ",\"consecutive_fallbacks\":" + std::to_string(consecutive_fallbacks) +
         ",\"complaints\":" + std::to_string(complaints) +
         ",\"turn_count\":" + std::to_string(turn_count) +
         ",\"low_confidence_turns\":" + std::to_string(low_confidence_turns) +
         ",\"frustrated_turns\":" + std::to_string(frustrated_turns) +
         ",\"handed_over\":" + (handed_over ? "true" : "false") +
         ",\"turns\":[";
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
  if (json.size() > kMaxJsonBytes) {
    return Status::InvalidArgument("session JSON: larger than " +
                                   std::to_string(kMaxJsonBytes) + " bytes");
  }
  Json root;
  std::string error;
  Session s;
  const bool ok =
      internal::ParseJson(json, &root, &error) &&
      (root.is_object() || (error = "not an object", false)) &&
      ReadVersion(root, &error) && ReadScalars(root, &s, &error) &&
      ReadCounts(root, "context", "context", &s.context, &error) &&
      ReadSlots(root, &s, &error) &&
      ReadCounts(root, "slot_turns", "slot", &s.slot_turns, &error) &&
      ReadChoices(root, &s, &error) && ReadTurns(root, &s, &error);
  if (!ok) return Status::InvalidArgument("session JSON: " + error);
  *session = std::move(s);
  return Status::Ok();
}

}  // namespace libbot
