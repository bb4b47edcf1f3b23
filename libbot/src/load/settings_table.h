// Copyright 2026 The libbot Authors.
//
// The one table of rule-set settings (`settings:` in a rule file): each
// key's type, range, default and meaning. Settings' defaults come from it,
// the loader reads by it, and tests check docs/rules.md ("Settings") and
// docs/rules.schema.json against it, so that adding a setting is one row
// here (plus its field in Settings) and the docs cannot drift.
#ifndef LIBBOT_SRC_LOAD_SETTINGS_TABLE_H_
#define LIBBOT_SRC_LOAD_SETTINGS_TABLE_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "load/rules.h"

namespace libbot::internal {

struct SettingSpec {
  enum class Kind {
    kCount,     // a whole number in [min, max]
    kFraction,  // a number in [min, max]
    kRegex,     // an RE2 regular expression
    kLang,      // "hu" or "pl"
    kValues,    // a mapping of names to texts
    kFlag,      // true or false
  };
  std::string_view key;
  Kind kind;
  double min = 0;  // kCount and kFraction
  double max = 0;
  // As docs/rules.md and the schema show it: "2", "0.55", "hu".
  std::string_view default_text;
  std::string_view meaning;  // for docs
  // The field it sets (the one matching `kind`; the others are null).
  int Settings::*count = nullptr;
  double Settings::*fraction = nullptr;
  std::string Settings::*text = nullptr;
  bool Settings::*flag = nullptr;
};

const std::vector<SettingSpec>& SettingSpecs();

// The policy's texts a rule file gives per language at its top level
// (`fallback:`, `handoff:`, `clarify:`, ...), in the order docs/rules.md
// lists them: one row each, which the loader reads by and the engine
// checks the sizes of.
struct LangTextsSpec {
  std::string_view key;
  std::map<Lang, std::vector<Located>> Settings::*texts;
  // Placeholders the policy fills for this text alone (confirm: {choice}),
  // besides the settings' values, slots and entities.
  std::vector<std::string_view> placeholders;
};
const std::vector<LangTextsSpec>& LangTextsSpecs();
// Every key `settings:` accepts, in the table's order.
std::vector<std::string> SettingKeys();

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_LOAD_SETTINGS_TABLE_H_
