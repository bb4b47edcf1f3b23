// Copyright 2026 The libbot Authors.
//
// engine/signals and load/signal_lists: the conversation's word lists and
// what they find in a message.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "engine/signals.h"
#include "load/signal_lists.h"
#include "rules_fixture.h"
#include "search_fixture.h"

namespace libbot {
namespace {

using internal::SignalList;
using internal::SignalWords;

const SignalWords& BuiltinWords() {
  static const SignalWords* words = [] {
    auto* w = new SignalWords();
    std::vector<internal::Diagnostic> diagnostics;
    w->Build(testing::SharedAnalyzer(), internal::Settings(), &diagnostics);
    if (!diagnostics.empty()) FAIL(diagnostics[0].message);
    return w;
  }();
  return *words;
}

bool Whole(SignalList list, const char* text, Lang lang) {
  return BuiltinWords().IsWhole(list, lang,
                                testing::SharedAnalyzer().Analyze(text, lang));
}

std::vector<Signal> Signals(const char* text, Lang lang) {
  return BuiltinWords().Find(
      lang, testing::SharedAnalyzer().Analyze(text, lang), text);
}

bool Has(const std::vector<Signal>& signals, Signal s) {
  return std::find(signals.begin(), signals.end(), s) != signals.end();
}

}  // namespace

TEST_CASE("signal lists: one row per list, in the enum's order") {
  const auto& names = internal::SignalListNames();
  REQUIRE(names.size() == static_cast<size_t>(internal::kSignalListCount));
  for (int l = 0; l < internal::kSignalListCount; ++l) {
    const auto list = static_cast<SignalList>(l);
    CHECK(names[static_cast<size_t>(l)] == internal::SignalListName(list));
    CHECK_FALSE(internal::BuiltinSignalWords(list, Lang::kHu).empty());
    CHECK_FALSE(internal::BuiltinSignalWords(list, Lang::kPl).empty());
  }
  CHECK(internal::SignalListName(SignalList::kRepeatedContact) ==
        std::string("repeated_contact"));
}

TEST_CASE("signals: a request, a cancel, a yes count only as the message") {
  // Inflected and with polite words around it.
  CHECK(Whole(SignalList::kHuman, "ügyintéző", Lang::kHu));
  CHECK(Whole(SignalList::kHuman, "Kérem, egy ügyintézőt!", Lang::kHu));
  CHECK(Whole(SignalList::kHuman, "konsultanta proszę", Lang::kPl));
  CHECK(Whole(SignalList::kHuman, "z człowiekiem", Lang::kPl));
  CHECK(Whole(SignalList::kCancel, "Akkor mégsem.", Lang::kHu));
  CHECK(Whole(SignalList::kCancel, "nieważne", Lang::kPl));
  CHECK(Whole(SignalList::kYes, "igen", Lang::kHu));
  CHECK(Whole(SignalList::kYes, "tak, o to chodzi", Lang::kPl));
  CHECK(Whole(SignalList::kNo, "nem", Lang::kHu));
  CHECK(Whole(SignalList::kNo, "nie", Lang::kPl));
  // A sentence that only contains the word says something else.
  CHECK_FALSE(Whole(SignalList::kHuman,
                    "Az ügyintéző nem válaszolt a levelemre", Lang::kHu));
  CHECK_FALSE(
      Whole(SignalList::kCancel, "nem kell a számla papíron", Lang::kHu));
  CHECK_FALSE(Whole(SignalList::kNo, "nie dostałem paczki", Lang::kPl));
  // Lists are per language.
  CHECK_FALSE(Whole(SignalList::kYes, "tak", Lang::kHu));
}

TEST_CASE("signals: anger from words anywhere in the message and its shape") {
  const auto pl = Signals("Kurwa, gdzie jest moja paczka?!", Lang::kPl);
  CHECK(Has(pl, Signal::kProfanity));
  CHECK_FALSE(Has(pl, Signal::kShouting));  // "?!" alone is a question
  const auto hu = Signals("Már harmadszor írok, ez felháborító!!!", Lang::kHu);
  CHECK(Has(hu, Signal::kRepeatedContact));
  CHECK(Has(hu, Signal::kNegative));
  CHECK(Has(hu, Signal::kShouting));
  CHECK(Has(Signals("znowu nie działa", Lang::kPl), Signal::kRepeatedContact));
  CHECK(Has(Signals("HOL VAN A CSOMAGOM", Lang::kHu), Signal::kShouting));
  // Calm messages show nothing: "újra" (again) is no complaint.
  CHECK(Signals("Szeretném újra beállítani a jelszavam.", Lang::kHu).empty());
  CHECK(Signals("Gdzie jest moja paczka?", Lang::kPl).empty());
  CHECK(Signals("", Lang::kHu).empty());
}

TEST_CASE("signals: shouting is mostly capitals or two exclamation marks") {
  CHECK(internal::LooksShouted("MIÉRT NEM VÁLASZOLNAK"));
  CHECK(internal::LooksShouted("no i co!!"));
  CHECK(internal::LooksShouted("Serio?!?!"));
  CHECK_FALSE(internal::LooksShouted("OK"));  // too short to shout
  CHECK_FALSE(internal::LooksShouted("Kérem a PIN és PUK kódot"));
  CHECK_FALSE(internal::LooksShouted("Hello! How are you?"));
}

TEST_CASE("signals: a rule file's signals: adds words to the built-in lists") {
  Status s;
  std::unique_ptr<Engine> engine;
  const std::string dir = testing::WriteRules(
      "signals_extra", {{"settings.yaml", R"(signals:
  profanity:
    hu: ["a mindenit"]
  human:
    pl: ["żywa osoba"]
)"},
                        {"hu/a.yaml",
                         "intents:\n  - id: hello\n    patterns: [szia]\n"
                         "    replies: [Szia!]\n"},
                        {"pl/a.yaml",
                         "intents:\n  - id: hello\n    patterns: [cześć]\n"
                         "    replies: [Cześć!]\n"}});
  REQUIRE(testing::OpenRules(dir, &engine).ok());
  const Reply angry = engine->Respond("A mindenit, szia", nullptr, Lang::kHu);
  CHECK(angry.frustrated);
  REQUIRE(angry.signals.size() == 1);
  CHECK(angry.signals[0] == Signal::kProfanity);
  // A bot without a handoff intent hands over by itself.
  const Reply person = engine->Respond("żywa osoba", nullptr, Lang::kPl);
  CHECK(person.kind == ReplyKind::kHandoff);
  CHECK(person.reason == ReplyReason::kRequested);
  CHECK(person.source == ReplySource::kPolicy);
  // Lists are bounded: phrases per list and words per phrase.
  std::string many = "signals:\n  negative:\n    hu:\n";
  for (int i = 0; i < 600; ++i)
    many += "      - \"szó" + std::to_string(i) + "\"\n";
  const Status too_many = testing::OpenRules(
      testing::WriteRules("signals_many", {{"settings.yaml", many}}), &engine);
  CHECK_FALSE(too_many.ok());
  CHECK(too_many.message().find("more than 500 phrases") != std::string::npos);
  const Status too_long = testing::OpenRules(
      testing::WriteRules(
          "signals_long",
          {{"settings.yaml",
            "signals:\n  cancel:\n    pl: [\"a b c d e f g h i\"]\n"}}),
      &engine);
  CHECK_FALSE(too_long.ok());
  CHECK(too_long.message().find("settings.yaml:3:10") != std::string::npos);
  // An unknown list is an error at its place.
  const std::string bad = testing::WriteRules(
      "signals_bad", {{"settings.yaml", "signals:\n  swearing: [x]\n"}});
  const Status status = testing::OpenRules(bad, &engine);
  CHECK_FALSE(status.ok());
  CHECK(status.message().find("settings.yaml:2:3") != std::string::npos);
}

}  // namespace libbot
