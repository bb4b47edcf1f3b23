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

// The framing words of `text` as typed, joined by spaces ("" for none).
std::string Framing(const char* text, Lang lang) {
  const Analysis a = testing::SharedAnalyzer().Analyze(text, lang);
  std::vector<bool> framing;
  if (!BuiltinWords().Framing(lang, a, text, &framing)) return "";
  REQUIRE(framing.size() == a.tokens.size());
  std::string words;
  for (size_t i = 0; i < a.tokens.size(); ++i) {
    if (!framing[i]) continue;
    if (!words.empty()) words += ' ';
    words += std::string(text).substr(a.tokens[i].begin,
                                      a.tokens[i].end - a.tokens[i].begin);
  }
  return words;
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
  // The lists are read in one pass: each is found wherever it stands.
  const auto three = Signals("To skandal, znowu to samo, kurwa", Lang::kPl);
  CHECK(three == std::vector<Signal>{Signal::kProfanity,
                                     Signal::kRepeatedContact,
                                     Signal::kNegative});
  CHECK(Has(Signals("HOL VAN A CSOMAGOM", Lang::kHu), Signal::kShouting));
  // Calm messages show nothing: "újra" (again) is no complaint.
  CHECK(Signals("Szeretném újra beállítani a jelszavam.", Lang::kHu).empty());
  CHECK(Signals("Gdzie jest moja paczka?", Lang::kPl).empty());
  CHECK(Signals("", Lang::kHu).empty());
}

TEST_CASE("signals: greetings, thanks and a signature frame a message") {
  // Phrases inflected as customers write them, and a signature after a
  // sign-off.
  CHECK(Framing("Dzień dobry, jak zapłacić fakturę? Z góry dziękuję.",
                Lang::kPl) == "Dzień dobry Z góry dziękuję");
  CHECK(Framing("Witam. Czy mogę zapłacić kartą? Pozdrawiam, Anna Kowalska",
                Lang::kPl) == "Witam Pozdrawiam Anna Kowalska");
  CHECK(Framing("Chciałabym zapytać, czy mogę zmienić adres?", Lang::kPl) ==
        "Chciałabym zapytać");
  CHECK(Framing("Tisztelt Ügyfélszolgálat! Mennyi a díj? Üdvözlettel: Kovács "
                "Anna",
                Lang::kHu) ==
        "Tisztelt Ügyfélszolgálat Üdvözlettel Kovács Anna");
  CHECK(Framing("Jó napot! Meddig vannak nyitva?", Lang::kHu) == "Jó napot");
  // A message of them alone is framed all through.
  CHECK(Framing("Köszönöm szépen!", Lang::kHu) == "Köszönöm szépen");
  // A word after a sign-off that is not capitalised is no signature.
  CHECK(Framing("Pozdrawiam, gdzie paczka", Lang::kPl) == "Pozdrawiam");
  // A lone framing word that runs on into its sentence is something else:
  // "dzięki" (thanks to).
  CHECK(Framing("Dzięki aplikacji sprawdzisz saldo.", Lang::kPl) == "");
  CHECK(Framing("Dzięki! A jak sprawdzić saldo?", Lang::kPl) == "Dzięki");
  // "część" (part) folds to the letters of "cześć" (hello), and "części"
  // shares its lemma key: neither is a greeting; typed without accents it
  // may be.
  CHECK(Framing("Czy mogę zwrócić tylko część?", Lang::kPl) == "");
  CHECK(Framing("Gdzie są pozostałe części?", Lang::kPl) == "");
  CHECK(Framing("Cześć, jak zwrócić zamówienie?", Lang::kPl) == "Cześć");
  CHECK(Framing("czesc, jak zwrocic zamowienie?", Lang::kPl) == "czesc");
  CHECK(Framing("Gdzie jest moja paczka?", Lang::kPl) == "");
}

TEST_CASE("signals: a greeting or a thanks alone is told apart") {
  auto courtesy = [](const char* text, Lang lang) {
    const Analysis a = testing::SharedAnalyzer().Analyze(text, lang);
    std::vector<bool> framing;
    BuiltinWords().Framing(lang, a, text, &framing);
    return BuiltinWords().Courtesy(lang, a, framing);
  };
  CHECK(courtesy("Üdv!", Lang::kHu) == SignalList::kGreeting);
  CHECK(courtesy("jo estet", Lang::kHu) == SignalList::kGreeting);
  CHECK(courtesy("Dzień dobry, mam pytanie", Lang::kPl) ==
        SignalList::kGreeting);
  CHECK(courtesy("Köszi, üdvözlettel", Lang::kHu) == SignalList::kThanks);
  CHECK(courtesy("Z góry dziękuję", Lang::kPl) == SignalList::kThanks);
  // Both, or neither: no one courtesy.
  CHECK(courtesy("Szia, köszi!", Lang::kHu) == SignalList::kFraming);
  CHECK(courtesy("Pozdrawiam", Lang::kPl) == SignalList::kFraming);
  CHECK(courtesy("Gdzie paczka?", Lang::kPl) == SignalList::kFraming);
  // A thanks that runs on into its sentence is no framing, so no thanks.
  CHECK(courtesy("Dzięki aplikacji", Lang::kPl) == SignalList::kFraming);
}

TEST_CASE("signals: the words of framing phrases are known by their lemma") {
  auto framing_word = [](const char* word, Lang lang) {
    const Analysis a = testing::SharedAnalyzer().Analyze(word, lang);
    REQUIRE(a.tokens.size() == 1);
    return BuiltinWords().IsFramingWord(lang, a.tokens[0]);
  };
  // "chciałbym zapytać", "potrzebuję pomocy", inflected otherwise.
  CHECK(framing_word("zapytam", Lang::kPl));
  CHECK(framing_word("pomocą", Lang::kPl));
  // "segítséget szeretnék kérni", "egy kérdésem lenne".
  CHECK(framing_word("segítség", Lang::kHu));
  CHECK(framing_word("kérdés", Lang::kHu));
  // Words of no phrase, and a phrase word of the other language.
  CHECK_FALSE(framing_word("paczka", Lang::kPl));
  CHECK_FALSE(framing_word("szállítás", Lang::kHu));
  CHECK_FALSE(framing_word("zapytać", Lang::kHu));
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
  framing:
    hu: ["kellemes napot"]
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
  // A framing phrase of the bot's own is set aside like the built-in ones.
  const Reply framed = engine->Respond(
      "Hol a csomagom? Kellemes napot kívánok!", nullptr, Lang::kHu);
  CAPTURE(framed.trace.ToString());
  CHECK(framed.trace.ToString().find("set aside as greeting, thanks or "
                                     "sign-off: Kellemes napot") !=
        std::string::npos);
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
