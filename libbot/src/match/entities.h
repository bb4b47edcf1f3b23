// Copyright 2026 The libbot Authors.
//
// Finds entities in a message and normalises their values:
//   number        "234,50" → "234.50", "1.000" → "1000"
//   email         "Jan@Poczta.PL" → "jan@poczta.pl"
//   url           as written
//   phone         "06 30 123 4567", "+36-30-1234567" → "+36301234567";
//                 "+48 601 234 567", "601-234-567" → "+48601234567"
//   order_number  settings.order_number (default "#?[0-9]{5,10}") → digits
//   money         "234,50 zł", "12 000 Ft", "15 PLN" → "234.50 PLN", "12000 HUF"
//   postal_code   PL "00-950" → "00-950"; HU "1051 Budapest" → "1051"
//   date          "2023.05.01", "01.05.2023", "2023-05-01" → "2023-05-01";
//                 "május 5", "5 maja" → "--05-05"; "hétfőn", "w poniedziałek"
//                 → "monday"; "holnap", "jutro" → "tomorrow" (also today,
//                 yesterday)
// and every regex entity an editor defines (value: the matched text).
// A mention covers whole tokens only. Thread safety: immutable after Create().
#ifndef LIBBOT_SRC_MATCH_ENTITIES_H_
#define LIBBOT_SRC_MATCH_ENTITIES_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "libbot/analyzer.h"
#include "libbot/status.h"
#include "load/rules.h"

namespace libbot::internal {

// One row per built-in entity: the only list of them. docs/rules.md
// ("Entities") has a row for each; entities_test checks that both agree and
// that every sample is found as its entity.
struct BuiltinEntity {
  std::string_view name;
  // A typical mention, for lint's example messages ("$phone" in a pattern
  // becomes "+36301234567").
  std::string_view sample;
  // What the bot shows a customer who has not given a usable value, per
  // language ("1051" for a Hungarian postal code, "00-950" for a Polish).
  std::string_view example_hu;
  std::string_view example_pl;
};
const std::vector<BuiltinEntity>& BuiltinEntities();
// The row of `name`, or nullptr when it is not built in.
const BuiltinEntity* FindBuiltinEntity(std::string_view name);
// Its example for a customer in `lang`; "" when the entity is not built in.
std::string_view EntityExample(std::string_view name, Lang lang);

// A slot's answer as a customer types it when asked for exactly that: the
// whole message (spaces and end punctuation aside) is a value in a looser
// form than the entity takes inside a sentence: a Hungarian postal code
// without its town ("1117"), a Polish one without its hyphen ("00950").
// Returns the normalised value ("1117", "00-950"), or "" when the message is
// not one.
std::string BareEntityValue(std::string_view entity, Lang lang,
                            std::string_view text);

struct EntityMention {
  std::string name;
  std::string value;  // normalised
  size_t begin = 0;   // bytes in the message
  size_t end = 0;
  size_t first_token = 0;  // tokens [first_token, last_token)
  size_t last_token = 0;
};

class EntityExtractor {
 public:
  // Compiles the regexes; errors name the entity's file:line.
  static Status Create(const std::vector<EntityDef>& custom,
                       const std::string& order_number_regex,
                       std::unique_ptr<EntityExtractor>* extractor);
  ~EntityExtractor();

  bool Defined(const std::string& name) const;
  // Mentions in `text` (analysed as `analysis`), in text order.
  void Extract(std::string_view text, const Analysis& analysis,
               std::vector<EntityMention>* mentions) const;

 private:
  struct Regex;
  EntityExtractor();
  std::vector<std::unique_ptr<Regex>> regexes_;  // built-in and custom
};

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_MATCH_ENTITIES_H_
