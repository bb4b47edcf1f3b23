// Copyright 2026 The libbot Authors.
#include "text/tokenize.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace libbot::internal {
namespace {

// "kind:text" for each token, e.g. {"word:Hol", "code:#12345"}.
std::vector<std::string> Tok(std::string_view text, size_t max_tokens = 1000) {
  std::vector<RawToken> tokens;
  Tokenize(text, max_tokens, &tokens);
  std::vector<std::string> out;
  for (const RawToken& t : tokens) {
    out.push_back(std::string(TokenKindName(t.kind)) + ":" +
                  std::string(text.substr(t.begin, t.end - t.begin)));
  }
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("tokenize: words and punctuation") {
  CHECK(Tok("Hol van a csomagom?") ==
        V{"word:Hol", "word:van", "word:a", "word:csomagom"});
  CHECK(Tok("Gdzie jest moja paczka?!...") ==
        V{"word:Gdzie", "word:jest", "word:moja", "word:paczka"});
  CHECK(Tok("(szamla)") == V{"word:szamla"});
  CHECK(Tok("e-mail, Kowalski-Nowak") ==
        V{"word:e-mail", "word:Kowalski-Nowak"});
  CHECK(Tok("i/lub") == V{"word:i", "word:lub"});
}

TEST_CASE("tokenize: spans are byte offsets into the original text") {
  const std::string text = "  Zapomniałem  hasła!";
  std::vector<RawToken> tokens;
  Tokenize(text, 100, &tokens);
  REQUIRE(tokens.size() == 2);
  CHECK(tokens[0].begin == 2);
  CHECK(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin) ==
        "Zapomniałem");
  CHECK(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin) ==
        "hasła");
}

TEST_CASE("tokenize: numbers") {
  CHECK(Tok("234,50 zł") == V{"number:234,50", "word:zł"});
  CHECK(Tok("2023.05.01") == V{"number:2023.05.01"});
  CHECK(Tok("10:30-kor") == V{"number:10:30", "word:kor"});
  CHECK(Tok("1 234,50") == V{"number:1", "number:234,50"});
  CHECK(Tok("5-ös, 2023-ban") ==
        V{"number:5", "word:ös", "number:2023", "word:ban"});
  CHECK(Tok("5kg") == V{"number:5", "word:kg"});
  CHECK(Tok("Koniec.") == V{"word:Koniec"});
  CHECK(Tok("kosztuje 12.") == V{"word:kosztuje", "number:12"});
}

TEST_CASE("tokenize: order-number-like codes") {
  CHECK(Tok("#12345") == V{"code:#12345"});
  CHECK(Tok("rendelés: AB-12345") == V{"word:rendelés", "code:AB-12345"});
  CHECK(Tok("PL123456789") == V{"code:PL123456789"});
  CHECK(Tok("12/2024") == V{"code:12/2024"});
  CHECK(Tok("00-950 Warszawa") == V{"code:00-950", "word:Warszawa"});
  CHECK(Tok("#hashtag") == V{"word:hashtag"});
}

TEST_CASE("tokenize: e-mail addresses and URLs stay whole") {
  CHECK(Tok("írjon az info@bolt.hu-ra") ==
        V{"word:írjon", "word:az", "email:info@bolt.hu", "word:ra"});
  CHECK(Tok("jan.kowalski@poczta.pl.") == V{"email:jan.kowalski@poczta.pl"});
  CHECK(Tok("<biuro@my-shop.com.pl>") == V{"email:biuro@my-shop.com.pl"});
  CHECK(Tok("https://sklep.pl/zwroty?id=5, ok") ==
        V{"url:https://sklep.pl/zwroty?id=5", "word:ok"});
  CHECK(Tok("(www.bolt.hu)") == V{"url:www.bolt.hu"});
  CHECK(Tok("a@b") == V{"word:a", "word:b"});  // no domain: not an e-mail
}

TEST_CASE("tokenize: emoji and symbols") {
  CHECK(Tok("köszi 👍🏽!") == V{"word:köszi", "symbol:👍🏽"});
  CHECK(Tok("👨‍👩‍👧") ==
        V{"symbol:👨‍👩‍👧"});  // one ZWJ family
  CHECK(Tok("🇭🇺🇵🇱") == V{"symbol:🇭🇺", "symbol:🇵🇱"});
  CHECK(Tok("10% €") == V{"number:10", "symbol:%", "symbol:€"});
  CHECK(Tok("❤️") == V{"symbol:❤️"});
}

TEST_CASE("tokenize: control characters and NUL separate") {
  CHECK(Tok(std::string("hol\0van", 7)) == V{"word:hol", "word:van"});
  CHECK(Tok("a\tb\r\nc\x01"
            "d") == V{"word:a", "word:b", "word:c", "word:d"});
}

TEST_CASE("tokenize: invisible format characters neither split nor end words") {
  // The token keeps them (its bytes are the message's); normalisation drops
  // them from the key.
  CHECK(Tok("jel\u200Bszó") == V{"word:jel\u200Bszó"});
  CHECK(Tok("jel\u00ADszó") == V{"word:jel\u00ADszó"});
  CHECK(Tok("jel\u200Dszó") == V{"word:jel\u200Dszó"});
  CHECK(Tok("\u202Eabc\u202C") == V{"word:abc"});
  CHECK(Tok("\uFEFFabc \u2066def\u2069") == V{"word:abc", "word:def"});
  CHECK(Tok("abc\u200B \u200Bdef") == V{"word:abc", "word:def"});
}

TEST_CASE("tokenize: a run without white space is scanned in pieces") {
  const std::string run(3 * kMaxChunkCodePoints + 5, 'a');
  const V tokens = Tok(run);
  REQUIRE(tokens.size() == 4);
  CHECK(tokens[0] == "word:" + std::string(kMaxChunkCodePoints, 'a'));
  CHECK(tokens[3] == "word:aaaaa");
}

TEST_CASE("tokenize: ill-formed UTF-8 separates and is reported") {
  std::vector<RawToken> tokens;
  const std::string text = "has\xC5o \xFF\xFEok";
  const TokenizeOutcome outcome = Tokenize(text, 100, &tokens);
  CHECK(outcome.invalid_utf8);
  CHECK(Tok(text) == V{"word:has", "word:o", "word:ok"});
}

TEST_CASE("tokenize: max_tokens truncates") {
  std::vector<RawToken> tokens;
  const TokenizeOutcome outcome = Tokenize("a b c d e", 3, &tokens);
  CHECK(tokens.size() == 3);
  CHECK(outcome.truncated);
  tokens.clear();
  CHECK_FALSE(Tokenize("a b c", 3, &tokens).truncated);
}

TEST_CASE("tokenize: combining marks stay with their letter") {
  CHECK(Tok("jelszo\xCC\x81 ok") == V{"word:jelszo\xCC\x81", "word:ok"});
}

}  // namespace libbot::internal
