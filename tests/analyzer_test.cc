// Copyright 2026 The libbot Authors.
#include "libbot/analyzer.h"

#include "text/tokenize.h"

#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "test_support.h"

namespace libbot {
namespace {

std::string Keys(const Analysis& a) {
  std::string out;
  for (const Token& t : a.tokens) out += (out.empty() ? "" : " ") + t.key;
  return out;
}

std::string TempDir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("libbot_test_" + name + "_" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

}  // namespace

TEST_CASE(
    "analyzer: a Hungarian message, accents or not, gives the same keys") {
  const Analyzer& analyzer = testing::SharedAnalyzer();
  const Analysis accented =
      analyzer.Analyze("Elfelejtettem a jelszavamat, küldjenek számlát!");
  const Analysis plain =
      analyzer.Analyze("elfelejtettem a jelszavamat, kuldjenek szamlat");
  CHECK(accented.language.lang == Lang::kHu);
  CHECK(plain.language.lang == Lang::kHu);
  CHECK(Keys(accented) == Keys(plain));
  CHECK(Keys(accented).find("jelszo") != std::string::npos);
  CHECK(Keys(accented).find("szamla") != std::string::npos);
}

TEST_CASE("analyzer: a Polish message, accents or not, gives the same keys") {
  const Analyzer& analyzer = testing::SharedAnalyzer();
  const Analysis accented =
      analyzer.Analyze("Przesyłka z fakturą nie dotarła, zapomniałem hasła");
  const Analysis plain =
      analyzer.Analyze("przesylka z faktura nie dotarla, zapomnialem hasla");
  CHECK(accented.language.lang == Lang::kPl);
  CHECK(Keys(accented) == Keys(plain));
}

TEST_CASE("analyzer: a Hungarian verbal prefix standing apart joins its verb") {
  const Analyzer& analyzer = testing::SharedAnalyzer();
  auto key_of = [&](const std::string& text, const std::string& folded) {
    for (const Token& t : analyzer.Analyze(text, Lang::kHu).tokens) {
      if (t.folded == folded) return t.key;
    }
    return std::string("(missing)");
  };
  const std::string joined = key_of("bekötik a gépet", "bekotik");
  CHECK(key_of("be is kötik a gépet", "kotik") == joined);
  CHECK(key_of("be tudják kötni a gépet", "kotni") == joined);
  // The verb's own key stays an alternative for rules that name it.
  const Analysis split = analyzer.Analyze("be is kötik", Lang::kHu);
  CHECK(split.tokens[2].alt_keys.front() == key_of("kötik", "kotik"));
  // Not a prefix: "még" (still) typed with accents, a sentence-initial "ki"
  // (who), a joined word the dictionary does not know.
  CHECK(key_of("módosíthatom még ma", "ma") == key_of("ma", "ma"));
  CHECK(key_of("ki rendelte ezt", "rendelte") ==
        key_of("rendelte", "rendelte"));
  CHECK(key_of("be csomag", "csomag") == "csomag");
}

TEST_CASE("analyzer: a Hungarian verb with its prefix after it or inside it") {
  const Analyzer& analyzer = testing::SharedAnalyzer();
  auto token = [&](const std::string& text, const std::string& folded) {
    for (const Token& t : analyzer.Analyze(text, Lang::kHu).tokens) {
      if (t.folded == folded) return t;
    }
    return Token();
  };
  auto has_alt = [](const Token& t, const std::string& key) {
    return std::find(t.alt_keys.begin(), t.alt_keys.end(), key) !=
           t.alt_keys.end();
  };
  const std::string joined = token("feliratkozom", "feliratkozom").key;
  const std::string bare = token("iratkozom", "iratkozom").key;
  REQUIRE(joined != bare);
  // Prefix after the verb: the joined verb is only an alternative, because
  // "módosíthatom meg" is often "még" typed without accents.
  const Token after = token("iratkozhatok fel", "iratkozhatok");
  CHECK(after.key == bare);
  CHECK(has_alt(after, joined));
  // Prefix inside the word: the bare verb is an alternative.
  CHECK(has_alt(token("feliratkoznék", "feliratkoznek"), bare));
  // Two-letter verbs too: "elérni" still finds "érhetem el".
  CHECK(has_alt(token("elérni", "elerni"), token("érhetem", "erhetem").key));
  // Nothing bare to offer: "beteg" is no prefixed verb.
  CHECK(token("beteg", "beteg").alt_keys.empty());
}

TEST_CASE("analyzer: tokens carry span, norm, folded form and key") {
  const std::string text = "Hasłem? ZAMÓWIENIE #12345";
  const Analysis a = testing::SharedAnalyzer().Analyze(text, Lang::kPl);
  REQUIRE(a.tokens.size() == 3);
  const Token& t = a.tokens[0];
  CHECK(text.substr(t.begin, t.end - t.begin) == "Hasłem");
  CHECK(t.norm == "hasłem");
  CHECK(t.folded == "haslem");
  CHECK(t.key == "haslo");
  CHECK(a.tokens[1].norm == "zamówienie");
  CHECK(a.tokens[1].key == "zamowienie");
  CHECK(a.tokens[2].kind == TokenKind::kCode);
  CHECK(a.tokens[2].key == "#12345");
  CHECK(a.tokens[2].lemma_source == LemmaSource::kNone);
}

TEST_CASE("analyzer: hostile input never crashes, hangs or throws") {
  const Analyzer& analyzer = testing::SharedAnalyzer();
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> byte(0, 255);
  SUBCASE("random bytes") {
    for (int i = 0; i < 300; ++i) {
      std::string s(static_cast<size_t>(i * 7 % 500), '\0');
      for (char& c : s) c = static_cast<char>(byte(rng));
      const Analysis a = analyzer.Analyze(s);
      for (const Token& t : a.tokens) {
        CHECK(t.end <= s.size());
        CHECK(t.begin < t.end);
        CHECK(ToValidUtf8(t.norm) == t.norm);
      }
    }
  }
  SUBCASE("ill-formed UTF-8 is reported and skipped") {
    const Analysis a = analyzer.Analyze("jelsz\xC3 \xC0\x80 sz\xE1mla ok");
    CHECK(a.invalid_utf8);
    for (const Token& t : a.tokens) CHECK(ToValidUtf8(t.norm) == t.norm);
  }
  SUBCASE("NUL and control characters") {
    static const char kText[] = "hol\0van\x01\x7F a\x1B[31mcsomag";
    const Analysis a = analyzer.Analyze(std::string(kText, sizeof(kText) - 1));
    CHECK(a.tokens.size() >= 3);
  }
  SUBCASE("a 1 MB message is truncated to max_tokens in bounded time") {
    std::string big;
    while (big.size() < (1 << 20))
      big += "Hol van a csomagom? Zamówienie 12345 😀 ";
    const auto start = std::chrono::steady_clock::now();
    const Analysis a = analyzer.Analyze(big);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    CHECK(a.truncated);
    CHECK(a.tokens.size() == AnalyzerOptions().max_tokens);
    CHECK(seconds <
          30);  // a hang guard, not a speed test (bench/ measures speed)
  }
  SUBCASE("a 1 MB single word is read in pieces of 1,024 characters") {
    const Analysis a = analyzer.Analyze(std::string(1 << 20, 'a'), Lang::kHu);
    REQUIRE(a.tokens.size() == (1 << 20) / internal::kMaxChunkCodePoints);
    CHECK(a.tokens[0].end == internal::kMaxChunkCodePoints);
    CHECK(a.tokens[0].lemma_source ==
          LemmaSource::kUnknown);  // longer than max_word_bytes
  }
  SUBCASE("10,000 combining marks") {
    std::string flood = "a";
    for (int i = 0; i < 10000; ++i) flood += "\xCC\x81";
    const Analysis a = analyzer.Analyze(flood + " jelszó", Lang::kHu);
    REQUIRE(a.tokens.size() == 2);
    CHECK(a.tokens[0].norm.size() < 100);
    CHECK(a.tokens[1].key == "jelszo");
  }
  SUBCASE("emoji, zero-width and bidi characters") {
    const Analysis a = analyzer.Analyze(
        "\u202Ejelszó\u202C 👩🏽‍💻\u200D\uFE0F \u2066x\u2069");
    CHECK(a.tokens.size() >= 2);
  }
  SUBCASE("empty and blank") {
    CHECK(analyzer.Analyze("").tokens.empty());
    CHECK(analyzer.Analyze(" \t\n ").tokens.empty());
    CHECK(analyzer.Analyze("").language.lang == Lang::kUnknown);
  }
}

TEST_CASE(
    "analyzer: one instance shared by 8 threads gives single-threaded "
    "results") {
  const Analyzer& analyzer = testing::SharedAnalyzer();
  const std::vector<std::string> messages = {
      "Elfelejtettem a jelszavamat", "Hol tart a rendelésem?",
      "nem jott meg a csomag",       "Zapomniałem hasła do konta",
      "gdzie jest moja paczka",      "Przesyłka nie dotarła",
      "Kérem a számlát e-mailben",   "chce zwrocic towar",
      "szállítási díj mennyi?",      "Płatność kartą nie przeszła"};
  std::vector<std::string> expected;
  for (const auto& m : messages) expected.push_back(Keys(analyzer.Analyze(m)));
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        const size_t k = static_cast<size_t>(i * 7 + t) % messages.size();
        if (Keys(analyzer.Analyze(messages[k])) != expected[k]) ++mismatches;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(mismatches == 0);
}

TEST_CASE("analyzer: Open reports what is missing or broken, and where") {
  std::unique_ptr<Analyzer> analyzer;
  AnalyzerOptions options;
  SUBCASE("missing folder") {
    options.dictionary_dir = "/nonexistent/dicts";
    const Status s = Analyzer::Open(options, &analyzer);
    CHECK(s.code() == Status::Code::kNotFound);
    CHECK(s.message().find("/nonexistent/dicts/") != std::string::npos);
    CHECK(analyzer == nullptr);
  }
  SUBCASE("an unsupported flag type names the file and line") {
    const std::string dir = TempDir("badflag");
    for (const char* lang : {"hu_HU", "pl_PL"}) {
      WriteFile(dir + "/" + lang + ".aff", "SET UTF-8\n\nFLAG long\n");
      WriteFile(dir + "/" + lang + ".dic", "1\nalma\n");
    }
    options.dictionary_dir = dir;
    const Status s = Analyzer::Open(options, &analyzer);
    CHECK(s.code() == Status::Code::kCorruption);
    CHECK(s.message().find(".aff:3: unsupported FLAG long") !=
          std::string::npos);
  }
  SUBCASE(
      "garbage files do not crash and give an error or a working analyzer") {
    const std::string dir = TempDir("garbage");
    std::mt19937 rng(7);
    for (const char* lang : {"hu_HU", "pl_PL"}) {
      std::string junk(4096, '\0');
      for (char& c : junk) c = static_cast<char>(rng());
      WriteFile(dir + "/" + lang + ".aff",
                "SFX A Y 1\nSFX A 0 " + junk + "\nAF 2\n");
      WriteFile(dir + "/" + lang + ".dic", junk);
    }
    options.dictionary_dir = dir;
    const Status s = Analyzer::Open(options, &analyzer);
    if (s.ok()) CHECK(analyzer->Analyze("alma").tokens.size() == 1);
  }
  SUBCASE("a small valid dictionary works") {
    const std::string dir = TempDir("small");
    for (const char* lang : {"hu_HU", "pl_PL"}) {
      WriteFile(dir + "/" + lang + ".aff",
                "SET UTF-8\nSFX A Y 1\nSFX A 0 ot .\n");
      WriteFile(dir + "/" + lang + ".dic", "2\ncsomag/A\nalma\n");
    }
    options.dictionary_dir = dir;
    REQUIRE(Analyzer::Open(options, &analyzer).ok());
    CHECK(analyzer->LemmaKey("Csomagot", Lang::kHu) == "csomag");
  }
}

TEST_CASE("analyzer: names of enums") {
  Lang lang;
  CHECK(ParseLang("HU", &lang));
  CHECK(lang == Lang::kHu);
  CHECK(ParseLang("", &lang));
  CHECK(lang == Lang::kUnknown);
  CHECK_FALSE(ParseLang("de", &lang));
  CHECK(LangCode(Lang::kPl) == "pl");
  CHECK(TokenKindName(TokenKind::kEmail) == "email");
  CHECK(LemmaSourceName(LemmaSource::kCompound) == "compound");
}

}  // namespace libbot
