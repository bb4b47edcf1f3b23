// Copyright 2026 The libbot Authors.
#include "load/rules_loader.h"

#include <doctest/doctest.h>

#include "rules_fixture.h"

namespace libbot {
namespace {

// Loads text as rules/hu/test.yaml and returns the diagnostics, one per line.
std::string Diagnose(const std::string& text, Lang lang = Lang::kHu) {
  internal::RuleSet rules;
  std::vector<internal::Diagnostic> diagnostics;
  internal::LoadRulesText(text, "rules/hu/test.yaml", lang, LoadLimits(),
                          &rules, &diagnostics);
  std::string out;
  for (const auto& d : diagnostics) out += d.ToString() + "\n";
  return out;
}

}  // namespace

TEST_CASE(
    "rules loader: unknown keys are reported where they are, with a "
    "suggestion") {
  const std::string out = Diagnose(
      "intents:\n"
      "  - id: order_status\n"
      "    pattens: [rendelés]\n"
      "    replies: [ok]\n");
  CHECK(out.find("rules/hu/test.yaml:3:5: unknown key 'pattens' in intent (did "
                 "you mean "
                 "'patterns'?)") != std::string::npos);
  CHECK(Diagnose("intentz: []\n")
            .find("1:1: unknown key 'intentz' in top-level (did you mean "
                  "'intents'?)") != std::string::npos);
}

TEST_CASE("rules loader: duplicate keys are errors, not silently dropped") {
  const std::string out = Diagnose(
      "intents:\n"
      "  - id: a\n"
      "    patterns: [x]\n"
      "    replies: [ok]\n"
      "    patterns: [y]\n");
  CHECK(out.find(
            "5:5: duplicate key 'patterns' (first at rules/hu/test.yaml:3:5") !=
        std::string::npos);
}

TEST_CASE("rules loader: YAML syntax errors carry line and column") {
  const std::string out = Diagnose("intents: [\n  - id: a\n");
  CHECK(out.find("rules/hu/test.yaml:") == 0);
  CHECK(out.find("YAML syntax") != std::string::npos);
  CHECK(out.find("in quotes") == std::string::npos);
}

TEST_CASE("rules loader: a question in a [...] list gets a hint") {
  // YAML reads '?' before ']' or ',' as a key marker; the parser's own
  // message is "unknown token".
  for (const char* list : {"[Hol van a csomagom?]", "[Gdzie paczka? , inne]",
                           "[a, Hol van a csomagom?  ]"}) {
    CAPTURE(list);
    const std::string out =
        Diagnose(std::string("intents:\n  - id: a\n    examples: ") + list +
                 "\n    replies: [ok]\n");
    CHECK(out.find("rules/hu/test.yaml:3:") == 0);
    CHECK(out.find("put it in quotes") != std::string::npos);
  }
  // Quoted, or one item per line, it loads.
  CHECK(Diagnose("intents:\n  - id: a\n    examples: [\"Hol van?\"]\n"
                 "    replies: [ok]\n") == "");
  CHECK(Diagnose("intents:\n  - id: a\n    examples:\n      - Hol van?\n"
                 "    replies: [ok]\n") == "");
}

TEST_CASE("rules loader: an alias bomb stops at the node budget") {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c, ++prev) {
    bomb += std::string(1, c) + ": &" + c + " [*" + prev + ", *" + prev +
            ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" +
            prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n";
  }
  CHECK(Diagnose(bomb).find("document too large or too deep") !=
        std::string::npos);
}

TEST_CASE("rules loader: structural mistakes") {
  CHECK(Diagnose("intents:\n  - patterns: [x]\n    replies: [y]\n")
            .find("needs an id") != std::string::npos);
  CHECK(Diagnose(
            "intents:\n  - id: Bad Id\n    patterns: [x]\n    replies: [y]\n")
            .find("may use only") != std::string::npos);
  CHECK(Diagnose("intents:\n  - id: a\n    replies: [y]\n")
            .find("neither patterns nor examples") != std::string::npos);
  CHECK(Diagnose("intents:\n  - id: a\n    patterns: [x]\n")
            .find("has no replies") != std::string::npos);
  CHECK(Diagnose("intents:\n  - id: a\n    patterns: [x]\n    replies: [y]\n   "
                 " priority: high\n")
            .find("priority must be a whole number") != std::string::npos);
  CHECK(Diagnose("intents: []\n", Lang::kUnknown) == "");
  CHECK(Diagnose("intents:\n  - id: a\n    patterns: [x]\n    replies: [y]\n",
                 Lang::kUnknown)
            .find("intents need a language") != std::string::npos);
  CHECK(Diagnose("lang: de\n").find("lang must be 'hu' or 'pl'") !=
        std::string::npos);
  CHECK(Diagnose("intents:\n  - id: a\n    patterns: [x]\n    replies: [y]\n"
                 "    slots:\n      order_number: {entity: order_number}\n")
            .find("needs a question to ask") != std::string::npos);
}

TEST_CASE("rules loader: an out_of_scope intent answers nothing") {
  // No replies needed: the fallback text is its reply.
  CHECK(Diagnose("intents:\n  - id: off_topic\n    out_of_scope: true\n"
                 "    examples: [\"Milyen idő lesz holnap?\"]\n") == "");
  CHECK(Diagnose("intents:\n  - id: off_topic\n    out_of_scope: igen\n"
                 "    examples: [x]\n")
            .find("out_of_scope must be true or false") != std::string::npos);
  // Nothing may follow from an answer it never gives, each where it is.
  const std::string out = Diagnose(
      "intents:\n"
      "  - id: off_topic\n"
      "    out_of_scope: true\n"
      "    examples: [x]\n"
      "    handoff: true\n"
      "    complaint: true\n"
      "    sets_context: [weather]\n"
      "    slots:\n"
      "      city: {ask: [\"Melyik városban?\"]}\n");
  CHECK(out.find("test.yaml:5:14: intent 'off_topic' is out_of_scope: it "
                 "answers nothing, so it cannot have 'handoff'") !=
        std::string::npos);
  CHECK(out.find("6:16: intent 'off_topic' is out_of_scope") !=
        std::string::npos);
  CHECK(out.find("7:19: intent 'off_topic' is out_of_scope") !=
        std::string::npos);
  CHECK(out.find("9:7: intent 'off_topic' is out_of_scope") !=
        std::string::npos);
  // Written false, they are no follow-up.
  CHECK(Diagnose("intents:\n  - id: off_topic\n    out_of_scope: true\n"
                 "    examples: [x]\n    handoff: false\n") == "");
}

TEST_CASE("rules loader: did-you-mean") {
  CHECK(internal::DidYouMean("pattens", {"patterns", "replies"}) == "patterns");
  CHECK(internal::DidYouMean("xyz", {"patterns", "replies"}).empty());
}

TEST_CASE("engine: loading is all-or-nothing and lists every error") {
  std::unique_ptr<Engine> engine;
  const std::string dir = testing::WriteRules(
      "broken",
      {{"hu/a.yaml",
        "intents:\n  - id: a\n    pattens: [x]\n    replies: [y]\n"},
       {"pl/b.yaml",
        "intents:\n  - id: b\n    patterns: ['@nope']\n    replies: [y]\n"}});
  const Status s = testing::OpenRules(dir, &engine);
  CHECK_FALSE(s.ok());
  CHECK(engine == nullptr);
  CHECK(s.message().find("hu/a.yaml:3:5: unknown key 'pattens'") !=
        std::string::npos);
  CHECK(s.message().find("pl/b.yaml:3:") != std::string::npos);
  CHECK(s.message().find("unknown concept '@nope'") != std::string::npos);
  CHECK(testing::OpenRules("/nonexistent/rules", &engine)
            .message()
            .find("no such rules folder") != std::string::npos);
}

}  // namespace libbot
