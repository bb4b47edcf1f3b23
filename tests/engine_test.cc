// Copyright 2026 The libbot Authors.
#include "libbot/engine.h"
#include "libbot/evaluate.h"
#include "libbot/kb.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <thread>

#include "demo_fixture.h"
#include "rules_fixture.h"

namespace libbot {
namespace {

const char* kHuRules = R"(
concepts:
  rendeles: [rendelés, csomag]
intents:
  - id: order_status
    patterns: ['hol *3 @rendeles']
    slots:
      order_number:
        ask: ['Kérem a rendelésszámot.']
    replies: ['A(z) {order_number} számú rendelés úton van.']
    sets_context: [order]
  - id: cancel_order
    patterns: ['<lemond @rendeles>']
    replies: ['Lemondtuk.']
  - id: order_followup
    context: [order]
    patterns: ['mikor (jön | érkezik)']
    replies: ['Holnap érkezik.']
  - id: general_question
    patterns: ['hol']
    replies: ['Általános.']
  - id: urgent
    priority: 5
    patterns: ['sürgős']
    replies: ['Sürgős ügy.']
  - id: human_handoff
    handoff: true
    patterns: ['<ügyintéző beszél>']
    replies: ['Átadom egy kollégának.']
  - id: complaint
    complaint: true
    patterns: ['panasz']
    replies: ['Sajnálom!']
)";

const char* kPlRules = R"(
intents:
  - id: order_status
    patterns: ['gdzie *3 (zamówienie | paczka)']
    slots:
      order_number:
        ask: ['Proszę o numer zamówienia.']
    replies: ['Zamówienie {order_number} jest w drodze.']
)";

const char* kSettings = R"(
settings:
  fallback_handoff_after: 2
  complaint_handoff_after: 2
  values: {shop: Példabolt}
fallback:
  hu: ['Nem értem.']
  pl: ['Nie rozumiem.']
handoff:
  hu: ['Kollégához kapcsolom.']
  pl: ['Przełączam do konsultanta.']
)";

const Engine& TestEngine() {
  static const Engine* engine =
      testing::EngineWith("engine", {{"settings.yaml", kSettings},
                                     {"hu/rules.yaml", kHuRules},
                                     {"pl/rules.yaml", kPlRules}})
          .release();
  return *engine;
}

}  // namespace

TEST_CASE("engine: the more specific pattern wins, and the trace says why") {
  const Reply r =
      TestEngine().Respond("hol van a csomagom #123456", nullptr, Lang::kHu);
  CHECK(r.kind == ReplyKind::kAnswer);
  CHECK(r.id == "order_status");
  CHECK(r.source == ReplySource::kRule);
  CHECK(r.text == "A(z) 123456 számú rendelés úton van.");
  CHECK(r.confidence > 0.6);
  CHECK(r.confidence <= 1.0);
  REQUIRE(r.trace.candidates.size() == 2);
  CHECK(r.trace.candidates[0].id == "order_status");
  CHECK(r.trace.candidates[0].where.find("hu/rules.yaml:") !=
        std::string::npos);
  CHECK(r.trace.candidates[1].id == "general_question");
  CHECK(r.trace.candidates[1].verdict == "lost: less specific");
  CHECK(r.trace.ToString().find("order_status") != std::string::npos);
}

TEST_CASE("engine: priority beats specificity") {
  const Reply r =
      TestEngine().Respond("hol a csomag, sürgős", nullptr, Lang::kHu);
  CHECK(r.id == "urgent");
  CHECK(r.trace.candidates[1].verdict == "lost: lower priority");
}

TEST_CASE(
    "engine: a missing slot is asked for, and the next message fills it") {
  Session s;
  Reply r = TestEngine().Respond("Hol tart a rendelésem?", &s);
  CHECK(r.kind == ReplyKind::kClarify);
  CHECK(r.id == "order_status");
  CHECK(r.text == "Kérem a rendelésszámot.");
  CHECK(s.pending_slot == "order_number");
  r = TestEngine().Respond("#987654", &s);
  CHECK(r.kind == ReplyKind::kAnswer);
  CHECK(r.text == "A(z) 987654 számú rendelés úton van.");
  REQUIRE_FALSE(r.entities.empty());
  CHECK(r.entities[0].name == "order_number");
  CHECK(r.entities[0].value == "987654");
  CHECK(r.entities[0].begin == 0);
  CHECK(s.pending_intent.empty());
}

TEST_CASE("engine: slot filling survives a JSON round trip of the session") {
  Session s;
  TestEngine().Respond("gdzie jest moja paczka", &s, Lang::kPl);
  Session restored;
  REQUIRE(Session::FromJson(s.ToJson(), &restored).ok());
  const Reply r = TestEngine().Respond("12345678", &restored, Lang::kPl);
  CHECK(r.text == "Zamówienie 12345678 jest w drodze.");
}

TEST_CASE("engine: asking something else drops the pending question") {
  Session s;
  TestEngine().Respond("hol a csomagom", &s, Lang::kHu);
  const Reply r = TestEngine().Respond("lemondanám a rendelést", &s, Lang::kHu);
  CHECK(r.id == "cancel_order");
  CHECK(s.pending_intent.empty());
}

TEST_CASE("engine: context conditions") {
  Session fresh;
  CHECK(TestEngine().Respond("mikor jön?", &fresh, Lang::kHu).kind ==
        ReplyKind::kFallback);
  Session s;
  TestEngine().Respond("hol a csomagom #123456", &s, Lang::kHu);
  CHECK(s.context.count("order"));
  CHECK(TestEngine().Respond("mikor jön?", &s, Lang::kHu).id ==
        "order_followup");
}

TEST_CASE("engine: repeated fallbacks hand over to a person") {
  Session s;
  Reply r = TestEngine().Respond("qwerty", &s, Lang::kHu);
  CHECK(r.kind == ReplyKind::kFallback);
  CHECK(r.id.empty());
  CHECK(r.text == "Nem értem.");
  r = TestEngine().Respond("asdf", &s, Lang::kHu);
  CHECK(r.kind == ReplyKind::kFallback);
  r = TestEngine().Respond("zxcv", &s, Lang::kHu);
  CHECK(r.kind == ReplyKind::kHandoff);
  CHECK(r.reason == ReplyReason::kRepeatedFallback);
  CHECK(r.text == "Kollégához kapcsolom.");
  // An understood message resets the count.
  Session t;
  TestEngine().Respond("qwerty", &t, Lang::kHu);
  TestEngine().Respond("sürgős", &t, Lang::kHu);
  CHECK(TestEngine().Respond("asdf", &t, Lang::kHu).kind ==
        ReplyKind::kFallback);
}

TEST_CASE("engine: handoff intents and complaints") {
  Reply r = TestEngine().Respond("ügyintézővel szeretnék beszélni", nullptr,
                                 Lang::kHu);
  CHECK(r.kind == ReplyKind::kHandoff);
  CHECK(r.id == "human_handoff");
  CHECK(r.reason == ReplyReason::kRequested);
  CHECK(r.text == "Átadom egy kollégának.");
  Session s;
  r = TestEngine().Respond("panaszt teszek", &s, Lang::kHu);
  CHECK(r.kind == ReplyKind::kAnswer);
  CHECK(r.text == "Sajnálom!");
  r = TestEngine().Respond("újabb panasz", &s, Lang::kHu);
  CHECK(r.kind == ReplyKind::kHandoff);
  CHECK(r.reason == ReplyReason::kComplaint);
}

TEST_CASE("engine: language detection and the session's language") {
  Session s;
  Reply r = TestEngine().Respond("Gdzie jest moja paczka?", &s);
  CHECK(r.lang == Lang::kPl);
  CHECK(r.kind == ReplyKind::kClarify);
  r = TestEngine().Respond("12345678", &s);  // says nothing of its language
  CHECK(r.lang == Lang::kPl);
  CHECK(r.kind == ReplyKind::kAnswer);
}

TEST_CASE("engine: a message without language clues uses default_lang") {
  auto engine = testing::EngineWith(
      "default_lang", {{"settings.yaml", "settings:\n  default_lang: pl\n"},
                       {"pl/a.yaml",
                        "intents:\n  - id: a\n    patterns: [$order_number]\n"
                        "    replies: [ok]\n"}});
  const Reply r = engine->Respond("12345678");
  CHECK(r.lang == Lang::kPl);
  CHECK(r.id == "a");
  // A greeting both languages write is no clue: the framing word lists
  // ("hello" is in the Hungarian one) do not decide the language.
  CHECK(engine->Respond("hello").lang == Lang::kPl);
  CHECK(engine->Respond("hello!").lang == Lang::kPl);
}

TEST_CASE("engine: hostile input gets a safe reply") {
  std::mt19937 rng(3);
  Session s;
  for (int i = 0; i < 200; ++i) {
    std::string junk(static_cast<size_t>(rng() % 300), '\0');
    for (char& c : junk) c = static_cast<char>(rng());
    const Reply r = TestEngine().Respond(junk, &s);
    CHECK(ToValidUtf8(r.text) == r.text);
  }
  std::string huge(1 << 20, 'x');
  CHECK(TestEngine().Respond(huge, nullptr).kind == ReplyKind::kFallback);
  CHECK(TestEngine().Respond("", nullptr).kind == ReplyKind::kFallback);
  CHECK(TestEngine()
            .Respond("\" OR 1=1; DROP TABLE x; -- NEAR( *", nullptr)
            .kind == ReplyKind::kFallback);
}

TEST_CASE("engine: 8 threads on one engine give the single-threaded answers") {
  const std::vector<std::string> messages = {
      "hol a csomagom #123456",     "sürgős", "panasz",
      "gdzie jest paczka 12345678", "qwerty", "ügyintézővel beszélnék"};
  std::vector<std::string> expected;
  for (const auto& m : messages) {
    const Reply r = TestEngine().Respond(m);
    expected.push_back(std::string(ReplyKindName(r.kind)) + r.id + r.text);
  }
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        const size_t k = static_cast<size_t>(i + t) % messages.size();
        const Reply r = TestEngine().Respond(messages[k]);
        if (std::string(ReplyKindName(r.kind)) + r.id + r.text != expected[k])
          ++mismatches;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(mismatches == 0);
}

TEST_CASE("engine: inline tests, coverage and lint") {
  auto engine = testing::EngineWith(
      "lint",
      {{"hu/a.yaml",
        "intents:\n"
        "  - id: a\n    patterns: [számla, 'számla']\n    replies: "
        "['{nincs}']\n"
        "    tests: [számla, {text: 'valami más', expect: '@fallback'}]\n"
        "  - id: b\n    patterns: [számla kell]\n    replies: [ok]\n"
        "    tests: ['nem ez']\n"}});
  const auto results = engine->RunInlineTests();
  REQUIRE(results.size() == 3);
  CHECK(results[0].passed);
  CHECK(results[1].passed);
  CHECK_FALSE(results[2].passed);
  const auto uncovered = engine->UncoveredPatterns(results);
  CHECK(uncovered.size() == 1);  // b's pattern: no test matches it
  std::string findings;
  for (const Finding& f : engine->Lint()) findings += f.ToString() + "\n";
  CAPTURE(findings);
  CHECK(findings.find("is the same as") != std::string::npos);
  CHECK(findings.find("placeholder {nincs}") != std::string::npos);
  CHECK(findings.find("exists in hu but not in pl") != std::string::npos);
  CHECK(findings.find("matches none of the tests of 'b'") != std::string::npos);
}

TEST_CASE("engine: an expected id the bot does not have is an error") {
  auto engine = testing::EngineWith(
      "expect_typo",
      {{"hu/a.yaml",
        "intents:\n"
        "  - id: network_outage\n    patterns: [térerő]\n    replies: [ok]\n"
        "    tests: [{text: 'nincs térerő', expect: netwrok_outage}]\n"}});
  CHECK(engine->UnknownExpectation("network_outage").empty());
  CHECK(engine->UnknownExpectation("@oos").empty());
  CHECK(engine->UnknownExpectation("netwrok_outage") ==
        "unknown expected id 'netwrok_outage' (did you mean "
        "'network_outage'?)");
  CHECK(engine->UnknownExpectation("@handof") ==
        "unknown expected id '@handof' (did you mean '@handoff'?)");
  // Nothing near: no suggestion.
  CHECK(engine->UnknownExpectation("greeting") ==
        "unknown expected id 'greeting'");
  // An inline test fails with the reason, whatever the reply; lint says so.
  const auto results = engine->RunInlineTests();
  REQUIRE(results.size() == 1);
  CHECK_FALSE(results[0].passed);
  CHECK(results[0].error.find("did you mean 'network_outage'") !=
        std::string::npos);
  std::string findings;
  for (const Finding& f : engine->Lint()) findings += f.ToString() + "\n";
  CHECK(findings.find("a.yaml:5:") != std::string::npos);
  CHECK(findings.find("unknown expected id 'netwrok_outage'") !=
        std::string::npos);
  // An evaluation set: every unknown id at its line.
  std::vector<EvalCase> cases(2);
  cases[0] = {"nincs térerő", {"network_outage"}, Lang::kHu, "", "", 1};
  cases[1] = {"nincs térerő", {"@oos", "netwrok_outage"}, Lang::kHu, "", "", 7};
  const Status s = CheckExpectations(*engine, cases, "set.jsonl");
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(s.message() ==
        "set.jsonl:7: unknown expected id 'netwrok_outage' (did you mean "
        "'network_outage'?)");
  cases.pop_back();
  CHECK(CheckExpectations(*engine, cases, "set.jsonl").ok());
}

TEST_CASE("evaluate: a slot question is understood, never correct") {
  const Engine& engine = TestEngine();
  const Reply asked = engine.Respond("hol van a csomagom", nullptr, Lang::kHu);
  REQUIRE(asked.reason == ReplyReason::kSlot);
  CHECK(UnderstoodAs(asked) == "ask:order_status");
  CHECK(DescribeReply(asked) == "a question for a detail of order_status");
  CHECK_FALSE(MeetsExpectation(asked, "order_status"));
  CHECK(MeetsExpectation(asked, "ask:order_status"));
  CHECK(MeetsExpectation(asked, "@clarify"));
  const Reply answered =
      engine.Respond("hol van a csomagom #123456", nullptr, Lang::kHu);
  CHECK(MeetsExpectation(answered, "order_status"));
  CHECK_FALSE(MeetsExpectation(answered, "ask:order_status"));
  CHECK_FALSE(MeetsExpectation(answered, ""));

  // "ask:" needs an intent with slots.
  CHECK(engine.UnknownExpectation("ask:order_status").empty());
  CHECK(engine.UnknownExpectation("ask:cancel_order") ==
        "'ask:cancel_order': intent 'cancel_order' has no slots, so the bot "
        "never asks for its details");
  CHECK(engine.UnknownExpectation("ask:order_statsu") ==
        "unknown expected id 'order_statsu' (did you mean 'order_status'?)");
  CHECK(engine.UnknownExpectation("ask:ask:order_status") ==
        "unknown expected id 'ask:ask:order_status'");
  // A hostile expectation is refused without recursing once per prefix.
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "ask:";
  CHECK_FALSE(engine.UnknownExpectation(deep + "order_status").empty());

  std::vector<EvalCase> cases(3);
  cases[0] = {"hol van a csomagom", {"order_status"}, Lang::kHu, "", "", 1};
  cases[1] = {"hol van a csomagom", {"ask:order_status"}, Lang::kHu, "", "", 2};
  cases[2] = {
      "hol van a csomagom #1234567", {"order_status"}, Lang::kHu, "", "", 3};
  const EvalReport report = Evaluate(engine, cases);
  CHECK_FALSE(report.results[0].correct);
  CHECK(report.results[0].understood);
  CHECK(report.results[1].correct);
  CHECK(report.results[2].correct);
  const EvalCounts all = report.Overall();
  CHECK(all.correct == 2);
  CHECK(all.understood == 3);
  const auto per_id = report.PerId();
  CHECK(per_id.at("order_status").support == 2);
  CHECK(per_id.at("order_status").correct == 1);
  CHECK(per_id.at("order_status").asked == 1);
  CHECK(per_id.at("order_status").recall == 0.5);
  CHECK(per_id.at("ask:order_status").f1 == 1.0);
  // The miss names what happened, never "expected x, got x".
  const auto confusions = report.Confusions();
  REQUIRE(confusions.size() == 1);
  CHECK(confusions[0].expected == "order_status");
  CHECK(confusions[0].got == "ask:order_status");
  const std::string text = report.ToText();
  CAPTURE(text);
  CHECK(text.find("2/3 correct (66.7%), understood 3 (100.0%)") !=
        std::string::npos);
  CHECK(text.find("order_status         2      1      1") != std::string::npos);
  CHECK(text.find("expected order_status, got a question for a detail of "
                  "order_status") != std::string::npos);
}

// Issue 20, item 4: lint gaps an editor of a telco bot hit.
TEST_CASE(
    "lint: placeholders everywhere, one-language FAQ, loose <...> items") {
  Status built;
  const std::string db = testing::BuildKb(
      "lint_faq",
      {{"hu/a.yaml",
        "entries:\n"
        "  - id: faq.contact\n"
        "    questions: ['Hogyan érhetem el az ügyfélszolgálatot?']\n"
        "    answer: 'Hívjon minket: {telefon_hu}, vagy írjon: {email}.'\n"},
       {"pl/a.yaml",
        "entries:\n"
        "  - id: faq.contact\n"
        "    questions: ['Jak się skontaktować?']\n"
        "    answer: 'Proszę dzwonić: {email}.'\n"
        "  - id: faq.only_pl\n"
        "    questions: ['Czy jest aplikacja?']\n"
        "    answer: 'Tak.'\n"}},
      &built);
  REQUIRE(built.ok());
  std::unique_ptr<Engine> engine;
  REQUIRE(testing::OpenWithKb(
              "lint_rules",
              {{"settings.yaml",
                "settings:\n  values: {email: 'info@example.hu'}\n"
                "confirm:\n  hu: ['Erre gondolt: {choice}?']\n"
                "  pl: ['Chodzi o {wybor}?']\n"},
               {"pl/a.yaml",
                "concepts:\n  saldo: ['ile * środków', saldo]\n"
                "intents:\n"
                "  - id: balance\n"
                "    patterns: ['<@saldo konto>']\n"
                "    slots:\n"
                "      account:\n"
                "        entity: order_number\n"
                "        ask: ['Numer konta? {account}']\n"
                "        help: ['Na przykład {example}. {przyklad}']\n"
                "    replies: ['Saldo.']\n"
                "    tests: ['ile mam środków na koncie']\n"}},
              db, &engine)
              .ok());
  std::map<std::string, std::vector<std::string>> by_kind;
  for (const Finding& f : engine->Lint())
    by_kind[std::string(FindingKindName(f.kind))].push_back(f.ToString());
  std::string all;
  for (const auto& [kind, list] : by_kind)
    for (const auto& line : list) all += kind + ": " + line + "\n";
  CAPTURE(all);
  auto has = [&](const char* kind, const char* text) {
    for (const std::string& line : by_kind[kind])
      if (line.find(text) != std::string::npos) return true;
    return false;
  };
  // An answer's placeholder that nothing fills, at the answer; {email} is a
  // settings value.
  CHECK(has("placeholder",
            "hu/a.yaml:2:5: placeholder {telefon_hu} in the "
            "answer of FAQ entry 'faq.contact'"));
  CHECK_FALSE(has("placeholder", "placeholder {email}"));
  // The policy's texts: {choice} is confirm:'s own, {wybor} a typo.
  CHECK(has("placeholder", "{wybor} in a confirm: text"));
  CHECK_FALSE(has("placeholder", "placeholder {choice}"));
  // A slot's question may name its slots, its help {example} too.
  CHECK_FALSE(has("placeholder", "placeholder {account}"));
  CHECK_FALSE(has("placeholder", "placeholder {example}"));
  CHECK(has("placeholder", "{przyklad} in the help of slot 'account'"));
  CHECK(has("one_language",
            "FAQ entry 'faq.only_pl' exists in pl but not "
            "in hu"));
  CHECK(has("loose_set_item",
            "only the first word of 'ile * środków' "
            "(concept @saldo) is needed"));
  // What the warning is about is real: a bare "ile" matches.
  CHECK(engine->Respond("ile konto", nullptr, Lang::kPl).id == "balance");
  // Every finding has a kind with a name.
  for (const Finding& f : engine->Lint())
    CHECK_FALSE(FindingKindName(f.kind).empty());
}

TEST_CASE("kb: a missing or stale database is said, with how to build it") {
  namespace fs = std::filesystem;
  const std::string bot =
      testing::WriteRules("stale_kb", {{"rules/hu/a.yaml", "intents: []\n"},
                                       {"kb/hu/faq.yaml", "entries: []\n"}});
  const std::string rules = bot + "/rules";
  const std::string db = (fs::path(bot) / "kb" / "faq.sqlite").string();
  CHECK(DefaultKbPath(rules).empty());
  const std::string missing = KbWarning(rules, "");
  CHECK(missing.find("has FAQ sources but no database " + db) !=
        std::string::npos);
  CHECK(missing.find("libbot kb build " + bot + "/kb -o " + db) !=
        std::string::npos);
  std::ofstream(db) << "";
  CHECK(DefaultKbPath(rules) == db);
  // Newer than every source: nothing to say.
  fs::last_write_time(db, fs::last_write_time(bot + "/kb/hu/faq.yaml") +
                              std::chrono::seconds(10));
  CHECK(KbWarning(rules, "").empty());
  CHECK(KbWarning(rules, db).empty());
  // A source edited after the build.
  fs::last_write_time(bot + "/kb/hu/faq.yaml",
                      fs::last_write_time(db) + std::chrono::seconds(10));
  CHECK(KbWarning(rules, db).find(db + " is older than " + bot +
                                  "/kb/hu/faq.yaml") != std::string::npos);
  // No sources beside it: nothing to compare with.
  CHECK(
      KbWarning(testing::WriteRules("no_kb", {{"hu/a.yaml", ""}}), "").empty());
}

TEST_CASE("kb: rule files beside a database are not its sources") {
  namespace fs = std::filesystem;
  // A database kept in the bot's top folder, its rules one level down:
  // editing settings.yaml or a test set does not make the database stale.
  const std::string bot = testing::WriteRules(
      "kb_at_top", {{"rules/settings.yaml", "answer_threshold: 0.5\n"},
                    {"tests.csv", "text,expect\nszia,greeting\n"},
                    {"faq.csv",
                     "id,lang,question,answer\n"
                     "a,hu,Hol a csomagom?,Úton van.\n"}});
  const std::string db = (fs::path(bot) / "faq.sqlite").string();
  std::ofstream(db) << "";
  const auto built = fs::last_write_time(db);
  for (const char* file : {"/rules/settings.yaml", "/tests.csv"})
    fs::last_write_time(bot + file, built + std::chrono::seconds(10));
  fs::last_write_time(bot + "/faq.csv", built - std::chrono::seconds(10));
  CHECK(KbWarning("", db).empty());
  // The FAQ file edited after the build is said.
  fs::last_write_time(bot + "/faq.csv", built + std::chrono::seconds(10));
  CHECK(KbWarning("", db).find("is older than " + bot + "/faq.csv") !=
        std::string::npos);
  // A YAML FAQ file with its top-level `entries:` after `lang:` counts too.
  const std::string yaml_bot = testing::WriteRules(
      "kb_yaml", {{"hu/faq.yaml", "lang: hu\nentries: []\n"},
                  {"hu/notes.yaml", "intents: []\n"}});
  const std::string yaml_db = yaml_bot + "/faq.sqlite";
  std::ofstream(yaml_db) << "";
  fs::last_write_time(yaml_bot + "/hu/notes.yaml",
                      fs::last_write_time(yaml_db) + std::chrono::seconds(10));
  CHECK(KbWarning("", yaml_db).empty());
  fs::last_write_time(yaml_bot + "/hu/faq.yaml",
                      fs::last_write_time(yaml_db) + std::chrono::seconds(10));
  CHECK_FALSE(KbWarning("", yaml_db).empty());
}

TEST_CASE(
    "evaluate: two reports compare only when they are of the same cases") {
  const Engine& engine = TestEngine();
  std::vector<EvalCase> cases(2);
  cases[0] = {"sürgős", {"urgent"}, Lang::kHu, "", "", 1};
  cases[1] = {
      "hol van a csomagom #123456", {"order_status"}, Lang::kHu, "", "", 2};
  const EvalReport report = Evaluate(engine, cases);
  EvalDiff diff;
  REQUIRE(CompareReports(report, report, &diff).ok());
  CHECK(diff.changes.empty());
  CHECK(diff.before.correct == diff.after.correct);
  // A report that lost a right answer: a regression, with both replies.
  EvalReport worse = report;
  worse.results[1].kind = ReplyKind::kFallback;
  worse.results[1].id.clear();
  worse.results[1].correct = false;
  REQUIRE(CompareReports(report, worse, &diff).ok());
  REQUIRE(diff.changes.size() == 1);
  CHECK(diff.changes[0].regression());
  CHECK(diff.regressions() == 1);
  CHECK(diff.fixes() == 0);
  REQUIRE(CompareReports(worse, report, &diff).ok());
  CHECK(diff.fixes() == 1);
  // Not the same cases: an error, not a meaningless diff.
  EvalReport other = report;
  other.results.pop_back();
  CHECK(CompareReports(report, other, &diff).code() ==
        Status::Code::kInvalidArgument);
  other = report;
  other.results[0].c.text = "más";
  CHECK_FALSE(CompareReports(report, other, &diff).ok());
}

TEST_CASE("engine: a pattern that can never win is reported as shadowed") {
  auto engine = testing::EngineWith(
      "shadow",
      {{"hu/a.yaml",
        "intents:\n"
        "  - id: strong\n    priority: 3\n    patterns: [számla]\n    replies: "
        "[a]\n"
        "  - id: weak\n    patterns: [számla kérés]\n    replies: [b]\n"}});
  std::string findings;
  for (const Finding& f : engine->Lint()) findings += f.ToString() + "\n";
  CHECK(findings.find("of 'weak' is shadowed") != std::string::npos);
}

// Issue 17: the trace costs a fifth of a Respond(), so it is built only
// when asked for; the editors' checks still say why.
TEST_CASE("engine: the trace is off by default, lint and inline tests trace") {
  CHECK_FALSE(EngineOptions().trace);
  EngineOptions options;
  options.rules_dir = testing::WriteRules(
      "untraced",
      {{"hu/a.yaml",
        "intents:\n"
        "  - id: strong\n    priority: 3\n    patterns: [számla]\n"
        "    replies: [a]\n"
        "  - id: weak\n    patterns: [számla kérés]\n    replies: [b]\n"
        "    tests: [\"számla kérés\"]\n"}});
  options.analyzer.dictionary_dir = LIBBOT_TEST_DICTIONARY_DIR;
  std::unique_ptr<Engine> engine;
  REQUIRE(Engine::Open(options, &engine).ok());
  CHECK(engine->Respond("számla").trace.decisions.empty());
  // The shadowed pattern's finding names the rule that wins, from the trace.
  std::string findings;
  for (const Finding& f : engine->Lint()) findings += f.ToString() + "\n";
  CHECK(findings.find("is answered by 'strong' (") != std::string::npos);
  CHECK(findings.find("is answered by 'strong' ()") == std::string::npos);
  // A failing inline test shows why it got what it got.
  const std::vector<InlineTestResult> results = engine->RunInlineTests();
  REQUIRE(results.size() == 1);
  CHECK_FALSE(results[0].passed);
  // (A pattern's answer notes no decision: its rules' verdicts say why.)
  const std::vector<Trace::Candidate>& why = results[0].reply.trace.candidates;
  REQUIRE(why.size() == 2);
  CHECK(why[1].id == "weak");
  CHECK(why[1].verdict == "lost: lower priority");
}

TEST_CASE("engine: without a trace the replies and sessions are the same") {
  EngineOptions options = testing::DemoOptions();
  options.trace = false;
  std::unique_ptr<Engine> quiet;
  REQUIRE(Engine::Open(options, &quiet).ok());
  const std::shared_ptr<const Engine> traced = testing::DemoEngine();
  // A conversation through a pattern, a slot, a FAQ answer, a "which one?"
  // question and its pick, and a fallback.
  const char* const kTurns[] = {
      "Hol a csomagom?",       "123456", "Mennyi a szállítási díj?",
      "utanvet vagy atutalas", "2",      "xyzzy qwerty"};
  Session a, b;
  for (const char* text : kTurns) {
    CAPTURE(text);
    const Reply with = traced->Respond(text, &a);
    const Reply without = quiet->Respond(text, &b);
    CHECK(without.kind == with.kind);
    CHECK(without.id == with.id);
    CHECK(without.text == with.text);
    CHECK(without.confidence == with.confidence);
    CHECK(without.reason == with.reason);
    CHECK(b.ToJson() == a.ToJson());
    CHECK_FALSE(with.trace.ToString().empty());
    CHECK(without.trace.candidates.empty());
    CHECK(without.trace.tokens.empty());
    CHECK(without.trace.decisions.empty());
  }
}

// Issue 20, item 8: a tester asks for more candidates to measure recall@k;
// the replies must not change with it.
TEST_CASE("engine: trace_candidates lists more or fewer, the reply stays") {
  EngineOptions options = testing::DemoOptions();
  options.trace_candidates = 12;
  std::unique_ptr<Engine> wide;
  REQUIRE(Engine::Open(options, &wide).ok());
  options.trace_candidates = 1;
  std::unique_ptr<Engine> narrow;
  REQUIRE(Engine::Open(options, &narrow).ok());
  const std::shared_ptr<const Engine> usual = testing::DemoEngine();
  auto searched = [](const Reply& r) {
    size_t n = 0;
    for (const auto& c : r.trace.candidates)
      n += c.source != ReplySource::kRule;
    return n;
  };
  const char* const kTurns[] = {"Mennyi a szállítási díj?",
                                "utanvet vagy atutalas", "2",
                                "Ile kosztuje wysyłka za granicę?"};
  Session a, b, c;
  for (const char* text : kTurns) {
    CAPTURE(text);
    const Reply base = usual->Respond(text, &a);
    const Reply more = wide->Respond(text, &b);
    const Reply fewer = narrow->Respond(text, &c);
    for (const Reply* r : {&more, &fewer}) {
      CHECK(r->kind == base.kind);
      CHECK(r->id == base.id);
      CHECK(r->confidence == base.confidence);
    }
    CHECK(b.ToJson() == a.ToJson());
    CHECK(c.ToJson() == a.ToJson());
    CHECK(searched(base) <= 5);
    CHECK(searched(fewer) <= 1);
    CHECK(searched(more) >= searched(base));
  }
  // "Mennyi a szállítási díj?" has more than five FAQ and example hits.
  CHECK(searched(wide->Respond("Mennyi a szállítási díj?")) > 5);
  // The JSON of a trace carries every candidate's id, source, score,
  // probability and verdict.
  const std::string json =
      wide->Respond("Mennyi a szállítási díj?").trace.ToJson();
  CHECK(json.find("\"id\":\"faq.shipping_cost\"") != std::string::npos);
  CHECK(json.find("\"verdict\":\"answered\"") != std::string::npos);
  CHECK(json.find("\"probability\":") != std::string::npos);
}

// Issue 17, item 7: "simkártya" is not in the dictionary, so before its forms
// had a stem of their own, a rule naming it missed "simkártyámat".
TEST_CASE("engine: a rule's word the dictionary lacks matches its forms") {
  std::unique_ptr<Engine> engine;
  REQUIRE(testing::OpenRules(
              testing::WriteRules("unknown_forms",
                                  {{"hu/sim.yaml",
                                    "lang: hu\nintents:\n  - id: sim_lost\n"
                                    "    patterns: [\"simkártya\"]\n"
                                    "    replies: [\"SIM\"]\n"},
                                   {"pl/sim.yaml",
                                    "lang: pl\nintents:\n  - id: sim_lost\n"
                                    "    patterns: [\"esim\"]\n"
                                    "    replies: [\"SIM\"]\n"}}),
              &engine)
              .ok());
  for (const auto& message : std::vector<std::pair<std::string, Lang>>{
           {"Elvesztettem a simkártyámat", Lang::kHu},
           {"Mi van a simkártyáinkkal?", Lang::kHu},
           {"Nie działa mi esimem", Lang::kPl},
           {"Jak aktywować esima?", Lang::kPl}}) {
    CAPTURE(message.first);
    const Reply r = engine->Respond(message.first, nullptr, message.second);
    CHECK(r.kind == ReplyKind::kAnswer);
    CHECK(r.id == "sim_lost");
  }
}

// Issue 18: an exception in a worker of RespondMany (memory running out)
// ended the process ("terminate called ..."). It now stops the batch and
// is thrown on the calling thread.
TEST_CASE("engine: RespondMany hands a worker's exception to the caller") {
  std::vector<std::string> texts(2000, "Hol a csomagom?");
  std::vector<Reply> replies;
  RespondManyOptions options;
  options.threads = 4;
  std::atomic<int> chunks{0};
  options.on_ready = [&](size_t, size_t) {
    if (++chunks == 3) throw std::runtime_error("out of something");
  };
  CHECK_THROWS_WITH_AS(TestEngine().RespondMany(texts, &replies, options),
                       "out of something", std::runtime_error);
  // And a cancelled batch stops: the replies after it stay empty.
  std::atomic<bool> cancel{true};
  options = RespondManyOptions();
  options.cancel = &cancel;
  TestEngine().RespondMany(texts, &replies, options);
  CHECK(replies.back().text.empty());
  cancel = false;
  TestEngine().RespondMany(texts, &replies, options);
  CHECK_FALSE(replies.back().text.empty());
}

// Issue 18: patterns such as "[word]", "*", "^ * $" match every message,
// and lint said nothing.
TEST_CASE("engine: lint warns of a pattern that matches every message") {
  const std::unique_ptr<Engine> engine =
      testing::EngineWith("lint_everything", {{"hu/a.yaml", R"(intents:
  - id: a
    patterns: ["[szia]", "*", "^ * $", "^ *3 $", "szia", "<szia>"]
    replies: [x]
    tests: ["szia"]
)"}});
  REQUIRE(engine);
  std::vector<std::string> flagged;
  for (const Finding& f : engine->Lint()) {
    if (f.message.find("matches every message") != std::string::npos)
      flagged.push_back(f.message.substr(0, f.message.find(" of ")));
  }
  CHECK(flagged == std::vector<std::string>{"pattern '[szia]'", "pattern '*'",
                                            "pattern '^ * $'"});
}

// Lint's findings of one kind, as `libbot lint` prints them.
std::vector<std::string> FindingsOf(const Engine& engine, FindingKind kind) {
  std::vector<std::string> out;
  for (const Finding& f : engine.Lint())
    if (f.kind == kind) out.push_back(f.ToString());
  return out;
}

TEST_CASE("engine: lint warns of a greeting among an intent's examples") {
  const std::unique_ptr<Engine> engine =
      testing::EngineWith("lint_greeting", {{"pl/a.yaml", R"(intents:
  - id: order_status
    examples: ["Gdzie jest moja paczka?", "Dzień dobry", "Witam, gdzie jest zamówienie?"]
    replies: [x]
  - id: thanks
    examples: ["Dziękuję", "Dzięki!"]
    replies: [y]
  - id: greeting
    examples: ["Dzień dobry", "Siemanko"]
    replies: [z]
)"}});
  REQUIRE(engine);
  const std::vector<std::string> flagged =
      FindingsOf(*engine, FindingKind::kGreetingText);
  // Only the bare greeting of order_status: an example with a greeting
  // around a question is fine, a thanks intent is all thanks, and a
  // greeting intent mostly greetings ("Siemanko" is one no list knows).
  REQUIRE(flagged.size() == 1);
  CHECK(flagged[0].find("a.yaml:3:") != std::string::npos);
  CHECK(flagged[0].find("\"Dzień dobry\" of intent 'order_status' is only "
                        "a greeting or thanks") != std::string::npos);
  CHECK(FindingKindName(FindingKind::kGreetingText) == "greeting_text");
}

TEST_CASE("engine: lint warns of the same text in two intents") {
  const std::unique_ptr<Engine> engine =
      testing::EngineWith("lint_shared", {{"hu/a.yaml", R"(intents:
  - id: price_info
    examples: ["Mennyibe kerül?", "Mennyi az áram ára?", "mennyi az aram ara"]
    replies: [x]
  - id: off_topic
    out_of_scope: true
    examples: ["Mennyi a benzin ára?", "mennyibe kerul", "Mennyibe kerül a tej?"]
)"}});
  REQUIRE(engine);
  const std::vector<std::string> flagged =
      FindingsOf(*engine, FindingKind::kSharedText);
  // "mennyibe kerul" is "Mennyibe kerül?" without accents and the question
  // mark; the same text twice in one intent is no conflict.
  REQUIRE(flagged.size() == 1);
  CHECK(flagged[0].find("a.yaml:7:") != std::string::npos);
  CHECK(flagged[0].find("\"mennyibe kerul\" of intent 'off_topic' is also a "
                        "text of intent 'price_info' (") != std::string::npos);
  CHECK(flagged[0].find("a.yaml:3:") != std::string::npos);
  CHECK(FindingKindName(FindingKind::kSharedText) == "shared_text");
}

}  // namespace libbot

namespace libbot {

TEST_CASE("evaluate: answers by confidence and their calibration error") {
  // Built by hand: what Reliability() and CalibrationError() read is each
  // result's kind, confidence and whether it was right.
  auto result = [](ReplyKind kind, double confidence, bool correct) {
    EvalResult r;
    r.kind = kind;
    r.confidence = confidence;
    r.correct = correct;
    return r;
  };
  EvalReport report;
  CHECK(report.CalibrationError() == 0.0);
  // Four answers at 0.95, three right; two at 0.65, both right; a
  // fallback and a clarify, which are not answers.
  for (bool right : {true, true, true, false})
    report.results.push_back(result(ReplyKind::kAnswer, 0.95, right));
  report.results.push_back(result(ReplyKind::kAnswer, 0.65, true));
  report.results.push_back(result(ReplyKind::kAnswer, 0.65, true));
  report.results.push_back(result(ReplyKind::kFallback, 0.0, false));
  report.results.push_back(result(ReplyKind::kClarify, 0.4, false));
  report.results.push_back(result(ReplyKind::kAnswer, 1.0, true));
  const std::vector<EvalConfidenceBucket> buckets = report.Reliability();
  REQUIRE(buckets.size() == 7);
  CHECK(buckets.front().low == 0.0);
  CHECK(buckets.back().high == 1.0);
  int answers = 0;
  for (const EvalConfidenceBucket& b : buckets) answers += b.answers;
  CHECK(answers == 7);
  CHECK(buckets[3].low == doctest::Approx(0.6));  // 0.6-0.7
  CHECK(buckets[3].answers == 2);
  CHECK(buckets[3].correct == 2);
  CHECK(buckets[3].mean_confidence == doctest::Approx(0.65));
  CHECK(buckets[6].answers == 5);  // 0.9-1.0, with the 1.0
  CHECK(buckets[6].correct == 4);
  CHECK(buckets[6].mean_confidence == doctest::Approx((4 * 0.95 + 1) / 5));
  // Bins of a tenth: 0.6-0.7 gap |1.3 - 2| = 0.7; 0.9-1.0 gap |4.8 - 4|.
  CHECK(report.CalibrationError() == doctest::Approx((0.7 + 0.8) / 7));
  const std::string text = report.ToText();
  CHECK(text.find("answers by confidence: 0.6-0.7 2 (100.0% right), "
                  "0.9-1.0 5 (80.0% right)") != std::string::npos);
  CHECK(text.find("calibration error 0.214") != std::string::npos);
  CHECK(text.find("would come from chance alone") != std::string::npos);
  const std::string json = report.ToJson();
  CHECK(json.find("\"calibration_error\":") != std::string::npos);
  CHECK(json.find("\"calibration_error_by_chance\":") != std::string::npos);
  CHECK(json.find("\"reliability\":[{\"low\":0.0,\"high\":0.3,\"answers\":0") !=
        std::string::npos);
}

}  // namespace libbot

namespace libbot {

TEST_CASE("evaluate: the calibration error chance alone would give") {
  auto answers = [](int n, double confidence) {
    EvalReport report;
    for (int i = 0; i < n; ++i) {
      EvalResult r;
      r.kind = ReplyKind::kAnswer;
      r.confidence = confidence;
      r.correct = i % 2 == 0;
      report.results.push_back(r);
    }
    return report;
  };
  CHECK(EvalReport().CalibrationErrorByChance() == 0.0);
  // Answers that are certain cannot miss by chance.
  CHECK(answers(50, 1.0).CalibrationErrorByChance() == 0.0);
  // 200 answers at 0.6, each right with probability 0.6: the share right
  // strays from 0.6 by about sqrt(2 / pi) * sqrt(0.6 * 0.4 / 200) = 0.028.
  const EvalReport many = answers(200, 0.6);
  const double by_chance = many.CalibrationErrorByChance();
  CHECK(by_chance > 0.022);
  CHECK(by_chance < 0.034);
  // A fixed seed: the same report, the same number.
  CHECK(many.CalibrationErrorByChance() == by_chance);
  // Fewer answers, more chance: 20 at 0.6 stray by about 0.087.
  CHECK(answers(20, 0.6).CalibrationErrorByChance() > 0.06);
}

}  // namespace libbot
