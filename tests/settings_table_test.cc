// Copyright 2026 The libbot Authors.
//
// load/settings_table: the one table of settings, and the docs and the
// JSON Schema checked against it.
#include "load/settings_table.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "load/signal_lists.h"
#include "util/json.h"

namespace libbot::internal {
namespace {

std::string RepoFile(const std::string& path) {
  std::ifstream in(std::string(LIBBOT_TEST_REPO_DIR) + "/" + path);
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The "| `key` | default | ..." rows of docs/rules.md's Settings section.
std::vector<std::pair<std::string, std::string>> DocumentedSettings() {
  std::istringstream docs(RepoFile("docs/rules.md"));
  std::vector<std::pair<std::string, std::string>> rows;
  bool in_section = false;
  for (std::string line; std::getline(docs, line);) {
    if (line.rfind("## ", 0) == 0) in_section = line == "## Settings";
    if (!in_section || line.rfind("| `", 0) != 0) continue;
    const std::string key = line.substr(3, line.find('`', 3) - 3);
    const size_t cell = line.find('|', 1) + 1;
    std::string value = line.substr(cell, line.find('|', cell) - cell);
    // " `#?[0-9]{5,10}` " -> "#?[0-9]{5,10}"
    value.erase(0, value.find_first_not_of(" `"));
    value.erase(value.find_last_not_of(" `") + 1);
    rows.emplace_back(key, value);
  }
  return rows;
}

}  // namespace

TEST_CASE("settings: docs/rules.md lists every setting with its default") {
  std::vector<std::pair<std::string, std::string>> table;
  for (const SettingSpec& spec : SettingSpecs())
    table.emplace_back(std::string(spec.key), std::string(spec.default_text));
  CHECK(DocumentedSettings() == table);
}

namespace {
Json RulesSchema() {
  Json schema;
  std::string error;
  REQUIRE(ParseJson(RepoFile("docs/rules.schema.json"), &schema, &error));
  return schema;
}
}  // namespace

// Editors' tools validate `signals:` with the schema: a list it lacks
// ("framing" was missing until 2026-12-02) is flagged as a mistake there.
TEST_CASE("settings: the JSON Schema names every signal list") {
  const Json schema = RulesSchema();
  const Json& lists = schema["properties"]["signals"]["properties"];
  CHECK(lists.size() == SignalListNames().size());
  for (const std::string& name : SignalListNames()) {
    CAPTURE(name);
    CHECK(lists.contains(name));
  }
}

TEST_CASE("settings: the JSON Schema has every setting, range and default") {
  const Json schema = RulesSchema();
  const Json& properties = schema["$defs"]["settings"]["properties"];
  CHECK(properties.size() == SettingSpecs().size());
  for (const SettingSpec& spec : SettingSpecs()) {
    const std::string key(spec.key);
    CAPTURE(key);
    REQUIRE(properties.contains(key));
    const Json& p = properties[key];
    switch (spec.kind) {
      case SettingSpec::Kind::kCount:
      case SettingSpec::Kind::kFraction:
        CHECK(p["type"] ==
              (spec.kind == SettingSpec::Kind::kCount ? "integer" : "number"));
        CHECK(p["minimum"].get<double>() == spec.min);
        CHECK(p["maximum"].get<double>() == spec.max);
        CHECK(p["default"].get<double>() ==
              std::stod(std::string(spec.default_text)));
        break;
      case SettingSpec::Kind::kRegex:
      case SettingSpec::Kind::kLang:
        CHECK(p["default"] == std::string(spec.default_text));
        break;
      case SettingSpec::Kind::kValues:
        CHECK(p["type"] == "object");
        break;
      case SettingSpec::Kind::kFlag:
        CHECK(p["type"] == "boolean");
        CHECK(p["default"].get<bool>() == (spec.default_text == "true"));
        break;
    }
  }
}

TEST_CASE("settings: defaults come from the table") {
  const Settings s;
  CHECK(s.fallback_handoff_after == 2);
  CHECK(s.context_turns == 3);
  CHECK(s.answer_threshold == 0.6);
  CHECK(s.question_beats_pattern == 0.9);
  CHECK(s.order_number_regex == "#?[0-9]{5,10}");
  CHECK(s.default_lang == Lang::kHu);
  CHECK(s.count_clarify_as_fallback);
  CHECK_FALSE(s.answer_after_handoff);
  CHECK(s.confirm_threshold == 0.35);
  // Every count and fraction has exactly one field.
  for (const SettingSpec& spec : SettingSpecs()) {
    CAPTURE(spec.key);
    const int fields = (spec.count != nullptr) + (spec.fraction != nullptr) +
                       (spec.text != nullptr) + (spec.flag != nullptr);
    CHECK(fields == (spec.kind == SettingSpec::Kind::kCount ||
                             spec.kind == SettingSpec::Kind::kFraction ||
                             spec.kind == SettingSpec::Kind::kRegex ||
                             spec.kind == SettingSpec::Kind::kFlag
                         ? 1
                         : 0));
  }
}

}  // namespace libbot::internal
