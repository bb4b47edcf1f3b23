// Copyright 2026 The libbot Authors.
//
// The catalogue of bad inputs (docs/reliability.md lists the same): each
// input with what libbot must do with it, an error text or a safe reply.
// Messages go to the demo bot; rule files, knowledge bases and sessions are
// written here.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include <sqlite3.h>
#include "demo_fixture.h"

#include "kb/kb.h"
#include "libbot/kb.h"
#include "small_stack.h"
#include "util/utf8.h"

namespace libbot {
namespace {

using testing::DemoEngine;

// What every reply must be, whatever the message: a known kind, a text in
// well-formed UTF-8, entity spans inside the message.
void CheckSafe(const Reply& r, std::string_view message) {
  CHECK(!r.text.empty());
  CHECK(internal::IsValidUtf8(r.text));
  for (const std::string& t : r.trace.tokens) CHECK(internal::IsValidUtf8(t));
  for (const Entity& e : r.entities) {
    CHECK(e.begin <= e.end);
    CHECK(e.end <= message.size());
    CHECK(internal::IsValidUtf8(e.value));
  }
  CHECK((r.kind == ReplyKind::kAnswer || r.kind == ReplyKind::kClarify ||
         r.kind == ReplyKind::kHandoff || r.kind == ReplyKind::kFallback));
}

Reply Ask(std::string_view message) {
  Session session;
  Reply r = DemoEngine()->Respond(message, &session);
  CheckSafe(r, message);
  return r;
}

std::string Repeat(std::string_view piece, size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (size_t i = 0; i < times; ++i) out += piece;
  return out;
}

TEST_CASE("hostile: invalid UTF-8 bytes separate words and are never echoed") {
  CHECK(Ask("Elfelejtettem a jelszavam\xff").id == "password_reset");
  CHECK(Ask("Elfelejtettem\xc3 a jelszavam").id == "password_reset");
  const Reply r = Ask("\xff\xfe\xfd\x80\xbf");
  CHECK(r.kind == ReplyKind::kFallback);
  CHECK(r.trace.tokens.empty());
}

TEST_CASE(
    "hostile: overlong encodings are ill-formed, not the ASCII they hide") {
  // C0 AF, E0 80 AF and F0 80 80 AF are '/' written long; C0 80 is NUL.
  const Reply r = Ask("\xc0\xaf\xc0\x80\xe0\x80\xaf\xf0\x80\x80\xaf");
  CHECK(r.kind == ReplyKind::kFallback);
  CHECK(r.trace.tokens.empty());
  // A surrogate written in UTF-8 (ED A0 80) is ill-formed as well.
  CHECK(Ask("jelsz\xed\xa0\x80").trace.tokens.size() == 1);
}

TEST_CASE("hostile: NUL bytes separate words, nothing stops at them") {
  const std::string message("Elfelejtettem a\0jelszavam", 25);
  const Reply r = Ask(message);
  CHECK(r.id == "password_reset");
  CHECK(r.trace.tokens.back().rfind("jelszavam", 0) == 0);
}

TEST_CASE("hostile: a 10 MB message is cut to max_message_bytes") {
  const std::string words = Repeat("Elfelejtettem a jelszavam. ", 400000);
  REQUIRE(words.size() > 10000000);
  Reply r = Ask(words);
  REQUIRE(!r.trace.decisions.empty());
  CHECK(r.trace.decisions[0] ==
        "message cut to its first 65536 of " + std::to_string(words.size()) +
            " bytes (EngineOptions::max_message_bytes)");
  CHECK(r.trace.tokens.size() < 10000);

  // One 10 MB "word", and a cut inside a character: still a safe reply.
  CHECK(Ask(std::string(10 << 20, 'a')).kind == ReplyKind::kFallback);
  CHECK(Ask(Repeat("ő", 5 << 20)).kind == ReplyKind::kFallback);

  // With the cut raised, the analyzer's token limit bounds the work.
  EngineOptions options = testing::DemoOptions();
  options.max_message_bytes = 32 << 20;
  std::unique_ptr<Engine> engine;
  REQUIRE(Engine::Open(options, &engine).ok());
  r = engine->Respond(words);
  CheckSafe(r, words);
  CHECK(r.trace.tokens.size() == AnalyzerOptions().max_tokens);
}

TEST_CASE(
    "hostile: a word of thousands of hyphenated parts, an endless article") {
  // Each part of a hyphenated word is a word of the search, in questions
  // and messages; an article without a title is named by its first
  // sentence, and an entry of one question is searched by its answer too.
  // Parts are bounded by the word (and the word by the file or the
  // message), the label by kMaxAnswerLabelBytes; an answer stays under the
  // reply bound (kMaxReplyBytes).
  std::string parts;
  for (int i = 0; i < 20000; ++i)
    parts += (i ? "-" : "") + std::string("ab") + char('a' + i % 26);
  const std::string sentence = Repeat("kártya ", 7000) + "vége.";  // < 64 KiB
  const std::unique_ptr<Engine> engine = testing::FaqOnlyEngine(
      "hostile_hyphens", {{"hu/a.yaml",
                           "entries:\n"
                           "  - id: faq.parts\n"
                           "    questions: [\"" +
                               parts +
                               "\"]\n"
                               "    answer: Részek.\n"
                               "  - id: faq.endless\n"
                               "    answer: \"" +
                               sentence +
                               "\"\n"
                               "  - id: faq.endless_pair\n"
                               "    questions: [\"Mi a "
                               "vége?\"]\n"
                               "    answer: \"" +
                               sentence + "\"\n"}});
  for (const std::string& message : {parts, parts + " " + sentence}) {
    Session session;
    const Reply r = engine->Respond(message, &session, Lang::kHu);
    CheckSafe(r, message);
  }
}

TEST_CASE("hostile: emoji, zero-width and bidi characters") {
  // Invisible characters inside a word do not split it.
  CHECK(Ask("Elfelejtettem a jel\u00adszavam").id == "password_reset");
  CHECK(Ask("Elfelejtettem a jel\u200bsza\u200dvam").id == "password_reset");
  CHECK(Ask("\u202eElfelejtettem a jelszavam\u202c").id == "password_reset");
  CHECK(Ask("\ufeffZapomnia\u0142em has\u0142a\u2069").id == "password_reset");
  CHECK(Ask("Elfelejtettem a jelszavam 😭🙏🏽👨‍👩‍👧").id ==
        "password_reset");
  // Nothing but emoji, flags and joiners.
  CheckSafe(Ask("🇭🇺🇵🇱👍🏽\u200d\u200d👨‍👩‍👧️"),
            "🇭🇺🇵🇱👍🏽\u200d\u200d👨‍👩‍👧️");
}

TEST_CASE("hostile: 10,000 combining marks") {
  const std::string marks = Repeat("\u0301", 10000);
  CHECK(Ask("Elfelejtettem a jelszavam " + marks).id == "password_reset");
  const Reply r = Ask("a" + marks);
  CHECK(r.kind == ReplyKind::kFallback);
  for (const std::string& t : r.trace.tokens) CHECK(t.size() < 4096);
}

TEST_CASE("hostile: FTS5 operators and SQL in messages are words, not syntax") {
  const std::vector<std::string> messages = {
      "jelszó OR * NEAR(a b) AND NOT ^x \"",
      "'; DROP TABLE entries; --",
      "\" OR 1=1 --",
      "szállítás\" OR \"",
      "questions_hu MATCH '*'",
      "SELECT * FROM meta; PRAGMA writable_schema=1"};
  for (const std::string& m : messages) {
    CAPTURE(m);
    Ask(m);
  }
  CHECK(Ask("'; DROP TABLE entries; --").kind == ReplyKind::kFallback);
  // The full-text index searches them as words too.
  internal::FtsSearcher fts;
  REQUIRE(fts.Open(testing::DemoKbPath(), &testing::SharedAnalyzer()).ok());
  std::vector<KbSearchHit> hits;
  for (const std::string& m : messages) {
    CAPTURE(m);
    CHECK(fts.Search(Lang::kHu, m, 5, &hits).ok());
  }
  // And the database is as it was.
  CHECK(Ask("Mennyibe kerül a szállítás?").id == "faq.shipping_cost");
}

Status OpenWith(const std::string& name,
                const std::map<std::string, std::string>& files,
                const LoadLimits& limits = LoadLimits(),
                int64_t max_regex_memory = EngineOptions().max_regex_memory) {
  EngineOptions options;
  options.rules_dir = testing::WriteRules(name, files);
  options.analyzer.dictionary_dir = LIBBOT_TEST_DICTIONARY_DIR;
  options.limits = limits;
  options.max_regex_memory = max_regex_memory;
  std::unique_ptr<Engine> engine;
  return Engine::Open(options, &engine);
}

bool Contains(const Status& s, const std::string& text) {
  if (s.message().find(text) != std::string::npos) return true;
  MESSAGE("status: " << s.message());
  return false;
}

const char* kIntent =
    "intents:\n  - id: greeting\n    patterns: [\"szia\"]\n"
    "    replies: [\"Szia!\"]\n";

TEST_CASE("hostile: a YAML alias bomb is refused") {
  std::string bomb =
      "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c, ++prev) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 9; ++i) bomb += std::string(i ? "," : "") + "*" + prev;
    bomb += "]\n";
  }
  bomb += "intents: *j\n";
  const Status s = OpenWith("alias_bomb", {{"hu/a.yaml", bomb}});
  CHECK(Contains(s, "hu/a.yaml: document too large or too deep"));
}

TEST_CASE("hostile: 100 levels of nesting are refused, 100,000 too") {
  const std::string deep = "intents: " + Repeat("[", 100) + Repeat("]", 100);
  CHECK(Contains(OpenWith("nest100", {{"hu/a.yaml", deep}}),
                 "document too large or too deep (more than 1048576 nodes or "
                 "64 levels"));
  std::string block = "intents:\n";
  for (int i = 0; i < 100; ++i) block += std::string(2 * i + 2, ' ') + "- \n";
  CHECK(Contains(OpenWith("nest100b", {{"hu/a.yaml", block}}), "too deep"));
  const std::string deeper =
      "intents: " + Repeat("[", 100000) + Repeat("]", 100000);
  CHECK(
      Contains(OpenWith("nest100k", {{"hu/a.yaml", deeper}}), "hu/a.yaml:1:"));
}

TEST_CASE("hostile: huge rule files and rule sets stop at their limits") {
  std::string huge = kIntent;
  huge += "# " + std::string(17 << 20, 'x') + "\n";
  CHECK(Contains(OpenWith("huge_file", {{"hu/a.yaml", huge}}),
                 "hu/a.yaml: file larger than 16777216 bytes "
                 "(LoadLimits::max_file_bytes)"));

  std::string many = "intents:\n";
  for (int i = 0; i < 11; ++i) {
    many += "  - id: i" + std::to_string(i) +
            "\n    patterns: [a, b]\n    replies: [x]\n";
  }
  LoadLimits limits;
  limits.max_intents = 10;
  CHECK(Contains(OpenWith("many_intents", {{"hu/a.yaml", many}}, limits),
                 "11 intents, more than the limit of 10 "
                 "(LoadLimits::max_intents)"));
  limits = LoadLimits();
  limits.max_patterns = 21;
  CHECK(Contains(OpenWith("many_patterns", {{"hu/a.yaml", many}}, limits),
                 "22 patterns and examples, more than the limit of 21 "
                 "(LoadLimits::max_patterns)"));
  limits = LoadLimits();
  limits.max_total_bytes = 1000;
  CHECK(Contains(
      OpenWith("total_bytes", {{"hu/a.yaml", many}, {"pl/a.yaml", many}},
               limits),
      "files larger than 1000 bytes in all (LoadLimits::max_total_bytes"));
  limits = LoadLimits();
  limits.max_files = 1;
  CHECK(Contains(
      OpenWith("files", {{"hu/a.yaml", kIntent}, {"pl/a.yaml", kIntent}},
               limits),
      "more than 1 files (LoadLimits::max_files)"));
}

TEST_CASE(
    "hostile: rule files in another encoding are refused where it shows") {
  const std::string latin2 =
      "intents:\n  - id: greeting\n    patterns: [\"sz\xf5r\"]\n"
      "    replies: [\"x\"]\n";
  CHECK(Contains(OpenWith("latin2", {{"hu/a.yaml", latin2}}),
                 "hu/a.yaml:3:19: not UTF-8 (byte 0xF5; ISO-8859-2 or "
                 "Windows-1250?): save the file as UTF-8"));
  const std::string utf16("\xff\xfei\0n\0t\0", 8);
  CHECK(Contains(OpenWith("utf16", {{"hu/a.yaml", utf16}}),
                 "hu/a.yaml:1:1: a UTF-16 file: save the file as UTF-8"));
  // A UTF-8 byte-order mark is fine.
  CHECK(OpenWith("bom", {{"hu/a.yaml", "\xef\xbb\xbf" + std::string(kIntent)}})
            .ok());
}

TEST_CASE("hostile: a regex that backtracking engines choke on runs linearly") {
  // (a+)+$ takes exponential time in a backtracking engine on "aaa...ab";
  // RE2 is linear, so the rule loads and the message gets its reply.
  const std::string rules =
      "entities:\n  code:\n    regex: \"(a+)+$\"\n" + std::string(kIntent) +
      "  - id: code\n    patterns: [\"re:/(x+x+)+y/\", \"{code}\"]\n"
      "    replies: [\"kód\"]\n";
  auto engine = testing::EngineWith("evil_regex", {{"hu/a.yaml", rules}});
  const std::string message =
      "szia " + std::string(30000, 'x') + " " + std::string(30000, 'a') + "b";
  CheckSafe(engine->Respond(message), message);

  // What RE2 cannot do is an error with its place.
  const std::string backref =
      "entities:\n  code:\n    regex: \"(a)\\\\1\"\n" + std::string(kIntent);
  CHECK(Contains(OpenWith("backref", {{"hu/a.yaml", backref}}),
                 "hu/a.yaml:2:3: entity 'code': bad regex: invalid escape "
                 "sequence: \\1"));
  // And a regex over the memory budget is refused, not truncated.
  const std::string big = std::string(kIntent) +
                          "  - id: big\n    patterns: "
                          "[\"re:/((abc|def|ghi|jkl){1000})/\"]\n"
                          "    replies: [x]\n";
  CHECK(Contains(
      OpenWith("big_regex", {{"hu/a.yaml", big}}, LoadLimits(), 256 << 10),
      "the re: patterns together need more than the regex memory limit of "
      "262144 bytes (EngineOptions::max_regex_memory)"));
}

std::string CopyOfDemoKb(const std::string& name) {
  const std::string path = testing::WriteRules(name, {}) + "/faq.sqlite";
  std::filesystem::copy_file(testing::DemoKbPath(), path,
                             std::filesystem::copy_options::overwrite_existing);
  return path;
}

Status OpenDemoWithKb(const std::string& kb) {
  EngineOptions options = testing::DemoOptions();
  options.kb_path = kb;
  std::unique_ptr<Engine> engine;
  return Engine::Open(options, &engine);
}

TEST_CASE("hostile: a truncated or garbage faq.sqlite is refused, clearly") {
  const std::string truncated = CopyOfDemoKb("kb_truncated");
  std::filesystem::resize_file(truncated,
                               std::filesystem::file_size(truncated) / 2);
  Status s = OpenDemoWithKb(truncated);
  CHECK(s.code() == Status::Code::kCorruption);
  CHECK(Contains(s, truncated + ": not a libbot knowledge base, or damaged"));

  const std::string garbage =
      testing::WriteRules("kb_garbage", {}) + "/faq.sqlite";
  {
    std::ofstream out(garbage, std::ios::binary);
    uint32_t x = 12345;
    for (int i = 0; i < 100000; ++i) {
      x = x * 1103515245 + 12345;
      out.put(static_cast<char>(x >> 24));
    }
  }
  s = OpenDemoWithKb(garbage);
  CHECK(s.code() == Status::Code::kCorruption);
  CHECK(Contains(s, "not a libbot knowledge base, or damaged"));

  // A real SQLite file whose pages were overwritten in the middle.
  const std::string damaged = CopyOfDemoKb("kb_damaged");
  {
    std::fstream f(damaged, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(8192);
    f << std::string(16384, '\x5a');
  }
  s = OpenDemoWithKb(damaged);
  CHECK(s.code() == Status::Code::kCorruption);

  const std::string empty = testing::WriteRules("kb_empty", {}) + "/faq.sqlite";
  std::ofstream(empty, std::ios::binary).flush();
  s = OpenDemoWithKb(empty);
  CHECK(s.code() == Status::Code::kCorruption);
  CHECK(Contains(s, "knowledge-base schema version 0"));
}

TEST_CASE("hostile: a knowledge base rewritten in place while it is read") {
  // Two versions of the file; a writer copies them over the one path, in
  // place (truncate and write, as cp does), while the engine reads it.
  const std::string a = CopyOfDemoKb("kb_rewrite_a");
  Status built;
  const std::string b = testing::BuildKb(
      "kb_rewrite_b",
      {{"hu/a.yaml",
        "entries:\n  - id: faq.only\n    questions: [\"Hol a bolt?\"]\n"
        "    answer: \"Itt.\"\n"}},
      &built);
  REQUIRE(built.ok());
  auto slurp = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const std::string bytes[2] = {slurp(a), slurp(b)};
  std::vector<internal::FaqEntry> entries_a, entries_b;
  REQUIRE(internal::ReadKnowledgeBase(a, &entries_a).ok());
  REQUIRE(internal::ReadKnowledgeBase(b, &entries_b).ok());

  const std::string target =
      testing::WriteRules("kb_rewrite", {}) + "/faq.sqlite";
  std::ofstream(target, std::ios::binary) << bytes[0];
  std::atomic<bool> stop{false};
  std::atomic<int> writes{0};
  std::thread writer([&] {
    for (int i = 1; !stop; ++i) {
      std::ofstream out(target, std::ios::binary | std::ios::trunc);
      // In pieces, so that readers see half-written files.
      const std::string& v = bytes[i % 2];
      for (size_t at = 0; at < v.size(); at += 4096)
        out.write(v.data() + at, std::min<size_t>(4096, v.size() - at));
      out.close();
      ++writes;
      // Pauses between rewrites, as when an editor saves twice, and now and
      // then a quiet spell in which a read can succeed on a slow machine.
      std::this_thread::sleep_for(
          std::chrono::milliseconds(i % 10 == 0 ? 60 : i % 7));
    }
  });
  int ok = 0, refused = 0;
  for (int i = 0; i < 200 && (i < 20 || writes < 50); ++i) {
    std::vector<internal::FaqEntry> entries;
    const Status s = internal::ReadKnowledgeBase(target, &entries);
    if (s.ok()) {
      ++ok;
      // One version or the other, whole.
      const bool is_a =
          entries.size() == entries_a.size() &&
          entries.front().answer.text == entries_a.front().answer.text;
      const bool is_b =
          entries.size() == entries_b.size() &&
          entries.front().answer.text == entries_b.front().answer.text;
      CHECK((is_a || is_b));
    } else {
      ++refused;
      CAPTURE(s.message());
      CHECK((s.code() == Status::Code::kIoError ||
             s.code() == Status::Code::kUnavailable ||
             s.code() == Status::Code::kCorruption));
    }
  }
  stop = true;
  writer.join();
  MESSAGE(ok << " reads whole, " << refused << " refused, " << writes.load()
             << " rewrites");
  CHECK(writes > 0);
  CHECK(ok > 0);
}

TEST_CASE("hostile: Session JSON from an older or a newer libbot") {
  Session s;
  s.pending_intent = "keep";
  // Version 1 as the first libbot wrote it: no choices, turns or slots.
  REQUIRE(Session::FromJson(R"({"version":1,"lang":"hu","turn_count":3})", &s)
              .ok());
  CHECK(s.turn_count == 3);
  CHECK(s.pending_intent.empty());
  CHECK(s.turns.empty());

  s.pending_intent = "keep";
  Status st = Session::FromJson(R"({"version":2,"lang":"hu"})", &s);
  CHECK(Contains(st,
                 "session JSON: version 2 is not supported (this libbot "
                 "reads 1 to 1)"));
  CHECK(s.pending_intent == "keep");                            // unchanged
  CHECK_FALSE(Session::FromJson(R"({"lang":"hu"})", &s).ok());  // no version
  CHECK_FALSE(
      Session::FromJson(R"({"version":1,"context":{"x":1e300}})", &s).ok());
  CHECK_FALSE(Session::FromJson(R"({"version":1,"turn_count":"3"})", &s).ok());
  CHECK_FALSE(
      Session::FromJson("{\"version\":1,\"x\":" + Repeat("[", 1000), &s).ok());
  CHECK_FALSE(
      Session::FromJson("{\"version\":1,\"lang\":\"h\xffu\"}", &s).ok());
  CHECK(s.pending_intent == "keep");
}

}  // namespace
namespace {

std::string ConceptRules(const std::string& concepts,
                         const std::string& pattern) {
  return (concepts.empty() ? "" : "concepts:\n" + concepts) +
         "intents:\n  - id: x\n    patterns: [\"" + pattern +
         "\"]\n    replies: [\"x\"]\n";
}

}  // namespace

// Issue 18: 7,800 nested '(' in a concept item (16 KB) overflowed the stack
// of respond, lint, test and Python's Engine(); 2,040 in a legal 4 KB
// pattern overflowed a 1 MB thread stack.
TEST_CASE("hostile: deeply nested brackets are refused on any stack") {
  const std::string item = Repeat("(", 2040) + "a" + Repeat(")", 2040);
  const std::string pattern = Repeat("(", 2040) + "a" + Repeat(")", 2040);
  const std::string sets = Repeat("<a ", 200) + Repeat(">", 200);
  Status deep_concept, deep_pattern, deep_sets;
  testing::RunOnSmallStack([&] {
    deep_concept = OpenWith(
        "nest_concept",
        {{"hu/a.yaml", ConceptRules("  c: [\"" + item + "\"]\n", "@c")}});
    deep_pattern =
        OpenWith("nest_pattern", {{"hu/a.yaml", ConceptRules("", pattern)}});
    deep_sets = OpenWith("nest_sets", {{"hu/a.yaml", ConceptRules("", sets)}});
  });
  CHECK(Contains(deep_concept, "nested more than 32 levels deep"));
  CHECK(Contains(deep_pattern, "nested more than 32 levels deep"));
  CHECK(Contains(deep_sets, "nested more than 32 levels deep"));
  // 32 levels are fine.
  const Status s32 = OpenWith(
      "nest_32", {{"hu/a.yaml", ConceptRules("", Repeat("(", 32) + "szia" +
                                                     Repeat(")", 32))}});
  CHECK_MESSAGE(s32.ok(), s32.message());
}

// Issue 18: concepts that repeat the next one 8 times, 9 levels deep (467
// bytes) were expanded in full (3.9 GB, 18-31 s) before the size was checked.
TEST_CASE("hostile: a concept bomb stops while it is expanded") {
  std::string concepts = "  c0: [\"a\"]\n";
  for (int level = 1; level <= 9; ++level) {
    const std::string prev = "@c" + std::to_string(level - 1);
    concepts += "  c" + std::to_string(level) + ": [\"" +
                Repeat(prev + " ", 7) + prev + "\"]\n";
  }
  const Status s =
      OpenWith("concept_bomb", {{"hu/a.yaml", ConceptRules(concepts, "@c9")}});
  CHECK(Contains(s, "pattern too large once its concepts are expanded"));
  // Said once, not once per level.
  CHECK(s.message().find("in concept") == std::string::npos);
}

// Issue 18: 16 levels of concepts said "refers to itself".
TEST_CASE("hostile: concepts nested too deep say so") {
  std::string concepts = "  c0: [\"a\"]\n";
  for (int level = 1; level <= 20; ++level) {
    concepts += "  c" + std::to_string(level) + ": [\"@c" +
                std::to_string(level - 1) + "\"]\n";
  }
  const Status s = OpenWith("concept_depth",
                            {{"hu/a.yaml", ConceptRules(concepts, "@c20")}});
  CHECK(Contains(s, "concepts nested more than 16 levels deep"));
  CHECK(s.message().find("refers to itself") == std::string::npos);
}

namespace {

std::string TurnsJson(size_t n) {
  std::string json = "{\"version\":1,\"turns\":[";
  for (size_t i = 0; i < n; ++i)
    json += std::string(i ? "," : "") + "{\"user\":\"\",\"kind\":\"\"}";
  return json + "]}";
}

std::string Message(const Status& s) { return s.message(); }

}  // namespace

// Issue 18: a forged session of 100k empty turns made one respond() take 33 s
// (quadratic), and the 16 MiB limit allowed millions of them.
TEST_CASE("hostile: a session is small by construction") {
  Session s;
  CHECK(Message(Session::FromJson(TurnsJson(Session::kMaxTurns + 1), &s))
            .find("'turns' has more than 1000 elements") != std::string::npos);
  REQUIRE(Session::FromJson(TurnsJson(Session::kMaxTurns), &s).ok());
  // One message trims them to max_turns_kept (10), in one step.
  DemoEngine()->Respond("szia", &s);
  CHECK(s.turns.size() == 10);

  const std::string big(Session::kMaxJsonBytes + 1, ' ');
  CHECK(Message(Session::FromJson("{\"version\":1}" + big, &s))
            .find("larger than 4194304 bytes") != std::string::npos);
  const std::string long_value(Session::kMaxSlotValueBytes + 1, 'x');
  CHECK(Message(Session::FromJson(
                    R"({"version":1,"slots":{"a":")" + long_value + "\"}}", &s))
            .find("longer than 1024 bytes") != std::string::npos);
  std::string many = "{\"version\":1,\"context\":{";
  for (int i = 0; i <= 64; ++i)
    many += (i ? ",\"c" : "\"c") + std::to_string(i) + "\":1";
  CHECK(Message(Session::FromJson(many + "}}", &s))
            .find("'context' has more than 64") != std::string::npos);
}

// Issue 18: a counter of 1e9 was accepted, written back as 1000000001 and
// then refused (a stuck conversation); "\u0000" in a key read another key.
TEST_CASE("hostile: session counters and keys read back as written") {
  Session s;
  CHECK_FALSE(
      Session::FromJson(R"({"version":1,"consecutive_fallbacks":1e9})", &s)
          .ok());
  CHECK_FALSE(Session::FromJson(R"({"version":1,"turn_count":-1})", &s).ok());
  REQUIRE(Session::FromJson(R"({"version":1,"turn_count":1000000,)"
                            R"("consecutive_fallbacks":1000000})",
                            &s)
              .ok());
  DemoEngine()->Respond("qwzx vbnm", &s);  // a fallback: both count
  CHECK(s.turn_count == Session::kMaxCounter);
  Session again;
  CHECK(Session::FromJson(s.ToJson(), &again).ok());

  CHECK(Message(Session::FromJson(
                    R"({"version":1,"context":{"order\u0000x":1}})", &s))
            .find("without NUL") != std::string::npos);
  CHECK_FALSE(
      Session::FromJson(R"({"version":1,"slots":{"a\u0000b":"x"}})", &s).ok());
}

namespace {

// Runs SQL on a copy of the demo knowledge base, as another program would.
void Rewrite(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  CAPTURE(error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

}  // namespace

// Issue 18: a valid SQLite file whose meta table was a view over an endless
// recursive query made Engine() and reload() never return (memory grew 115
// MB/s).
TEST_CASE("hostile: a knowledge base with views or other tables is refused") {
  const std::string view = CopyOfDemoKb("kb_view");
  Rewrite(view,
          "DROP TABLE meta; CREATE VIEW meta(key, value) AS "
          "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
          "SELECT 'k' || n, 'v' FROM r;");
  Status s = OpenDemoWithKb(view);
  CHECK(s.code() == Status::Code::kCorruption);
  CHECK(Contains(s, "not a libbot knowledge base (it holds a view, 'meta'"));

  const std::string trigger = CopyOfDemoKb("kb_trigger");
  Rewrite(trigger,
          "CREATE TRIGGER t AFTER INSERT ON meta BEGIN SELECT 1; END;");
  CHECK(Contains(OpenDemoWithKb(trigger), "it holds a trigger, 't'"));

  const std::string columns = CopyOfDemoKb("kb_columns");
  Rewrite(columns, "ALTER TABLE entries ADD COLUMN extra TEXT;");
  CHECK(Contains(OpenDemoWithKb(columns), "table 'entries' has other columns"));
}

// Issue 18: of 50 random single-byte changes, 3 changed an answer and one
// gave reply text that is not UTF-8; a change inside an answer was never
// detected.
TEST_CASE("hostile: a knowledge base changed inside an answer is refused") {
  const std::string edited = CopyOfDemoKb("kb_edited");
  Rewrite(edited, "UPDATE entries SET answer = answer || 'x' WHERE rowid = 1;");
  Status s = OpenDemoWithKb(edited);
  CHECK(s.code() == Status::Code::kCorruption);
  CHECK(Contains(s, "the content does not match its checksum"));

  // Single bytes changed anywhere: each copy is refused, or reads the same
  // entries as the original.
  std::vector<internal::FaqEntry> original;
  const std::string pristine = CopyOfDemoKb("kb_pristine");
  REQUIRE(internal::ReadKnowledgeBase(pristine, &original).ok());
  const auto size = std::filesystem::file_size(pristine);
  uint64_t x = 7;
  int refused = 0;
  for (int i = 0; i < 50; ++i) {
    const std::string copy = CopyOfDemoKb("kb_flip");
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    const auto at = static_cast<std::streamoff>((x >> 33) % size);
    {
      std::fstream f(copy, std::ios::in | std::ios::out | std::ios::binary);
      f.seekg(at);
      const char old = static_cast<char>(f.get());
      f.seekp(at);
      f.put(static_cast<char>(old ^ (1 << ((x >> 20) % 8))));
    }
    std::vector<internal::FaqEntry> read;
    if (!internal::ReadKnowledgeBase(copy, &read).ok()) {
      ++refused;
      continue;
    }
    CAPTURE(at);
    REQUIRE(read.size() == original.size());
    for (size_t e = 0; e < read.size(); ++e) {
      CHECK(read[e].answer.text == original[e].answer.text);
      CHECK(read[e].questions.size() == original[e].questions.size());
    }
  }
  MESSAGE(refused << " of 50 single-byte changes refused");
}

// Issue 18: a 1 MB settings value used 500 times in a reply made every
// answer 500 MB. The bound is checked when the bot is loaded.
TEST_CASE("hostile: a reply that could render huge is refused at load") {
  const std::string big(200 << 10, 'x');
  const std::string settings =
      "settings:\n  values:\n    big: \"" + big + "\"\n";
  const std::string intent =
      "intents:\n  - id: x\n    patterns: [szia]\n    replies: [\"{big}\"]\n";
  CHECK(
      Contains(OpenWith("reply_big",
                        {{"settings.yaml", settings}, {"hu/a.yaml", intent}}),
               "hu/a.yaml:4:15: this reply may render to 204800 bytes with its "
               "{placeholders} filled, more than 65536"));
  // A slot or entity counts at its bound (1,024 bytes): 100 of them.
  const std::string many =
      "intents:\n  - id: x\n    patterns: [szia]\n    replies: [\"" +
      Repeat("{order_number}", 100) + "\"]\n";
  CHECK(Contains(OpenWith("reply_slots", {{"hu/a.yaml", many}}),
                 "this reply may render to 102400 bytes"));
  // Used once, the same value is fine.
  CHECK(OpenWith("reply_ok",
                 {{"hu/a.yaml", intent},
                  {"settings.yaml", "settings:\n  values:\n    big: small\n"}})
            .ok());
}

// Issue 18: forged slots overrode settings values in replies (an
// attacker's phone number, markup, control characters in the reply).
TEST_CASE("hostile: a session's slots never replace settings values") {
  const std::unique_ptr<Engine> engine = testing::EngineWith(
      "forged_slots",
      {{"settings.yaml",
        "settings:\n  values:\n    phone: \"+36 1 234 5678\"\n"},
       {"hu/a.yaml", R"(intents:
  - id: order_status
    patterns: ["hol * rendelés"]
    slots:
      order_number:
        ask: ["Kérem a rendelésszámot."]
    replies: ["A(z) {order_number} rendelésről a {phone} számon is kérdezhet."]
)"}});
  REQUIRE(engine);
  Session s;
  REQUIRE(Session::FromJson(
              R"({"version":1,"lang":"hu","pending_intent":"order_status",)"
              R"("pending_slot":"order_number",)"
              R"("slots":{"phone":"<script>\u001b\u202e666"}})",
              &s)
              .ok());
  const Reply r = engine->Respond("#123456", &s, Lang::kHu);
  CAPTURE(r.trace.ToString());
  REQUIRE(r.kind == ReplyKind::kAnswer);
  CHECK(r.text ==
        "A(z) 123456 rendelésről a +36 1 234 5678 számon is kérdezhet.");
}

// A Session built in C++ skips FromJson's limits: a slot value is cut to
// Session::kMaxSlotValueBytes before it is used, as the engine cuts the
// values it stores, so no reply grows past what was checked at load.
TEST_CASE("hostile: a host's overlong slot value is cut before it is used") {
  const std::unique_ptr<Engine> engine =
      testing::EngineWith("long_slot", {{"hu/a.yaml", R"(intents:
  - id: order_status
    patterns: ["hol * rendelés"]
    slots:
      order_number:
        ask: ["Kérem a rendelésszámot."]
      email:
        ask: ["Kérem az e-mail-címét."]
    replies: ["{order_number} / {email}"]
)"}});
  REQUIRE(engine);
  Session s;
  s.lang = Lang::kHu;
  s.pending_intent = "order_status";
  s.pending_slot = "email";
  s.slots["order_number"] = std::string(5000, '7');
  const Reply r = engine->Respond("a@b.hu", &s, Lang::kHu);
  CAPTURE(r.trace.ToString());
  REQUIRE(r.kind == ReplyKind::kAnswer);
  CHECK(r.text == std::string(Session::kMaxSlotValueBytes, '7') + " / a@b.hu");
}

// Issue 18: a session must only express states the bot could have produced.
TEST_CASE("hostile: a forged session is cut back to what the bot could write") {
  Session s;
  REQUIRE(Session::FromJson(R"({"version":1,"lang":"hu",)"
                            R"("pending_intent":"no_such_intent",)"
                            R"("pending_slot":"x","slots":{"x":"y"},)"
                            R"("choices":["intent:no_such","faq:nope"],)"
                            R"("context":{"no_such_context":3},)"
                            R"("consecutive_fallbacks":999999})",
                            &s)
              .ok());
  const Reply r = DemoEngine()->Respond("szia", &s, Lang::kHu);
  CHECK(r.id == "greeting");
  CHECK(s.pending_intent.empty());
  CHECK(s.slots.empty());
  CHECK(s.choices.empty());
  CHECK(s.context.empty());
  CHECK(s.consecutive_fallbacks == 0);  // an answer resets it
  const std::string trace = r.trace.ToString();
  CHECK(trace.find("pending question for unknown 'no_such_intent' dropped") !=
        std::string::npos);

  // A known pending question keeps a value its entity recognises and drops
  // markup and control characters.
  Session t;
  REQUIRE(Session::FromJson(R"({"version":1,"lang":"hu",)"
                            R"("pending_intent":"order_status",)"
                            R"("pending_slot":"order_number",)"
                            R"("slots":{"order_number":"<b>\u001b[2J"}})",
                            &t)
              .ok());
  const Reply u = DemoEngine()->Respond("#654321", &t, Lang::kHu);
  CHECK(u.kind == ReplyKind::kAnswer);
  CHECK(u.text.find("654321") != std::string::npos);
  CHECK(u.text.find("<b>") == std::string::npos);

  // Forged choices of ids that exist but were never offered together with
  // a second: a single choice is no choice, and is dropped.
  Session c;
  REQUIRE(Session::FromJson(
              R"({"version":1,"lang":"hu","choices":["intent:greeting"]})", &c)
              .ok());
  const Reply v = DemoEngine()->Respond("1", &c, Lang::kHu);
  CHECK(v.id != "greeting");
}

// Issue 18: one 2 KB pattern ("jelszó *20" x 480, "elfelejt") took 7 s on
// an 8,000-token message; the work per message is now bounded by design.
TEST_CASE("hostile: pattern matching stops at its bound per message") {
  std::string pattern;
  for (int i = 0; i < 100; ++i) pattern += "jelszó *20 ";
  pattern += "elfelejt";
  const std::unique_ptr<Engine> engine = testing::EngineWith(
      "match_bound", {{"hu/a.yaml", "intents:\n  - id: x\n    patterns: ['" +
                                        pattern + "']\n    replies: [ok]\n"}});
  REQUIRE(engine);
  const std::string message = Repeat("jelszó ", 8000);
  const Reply r = engine->Respond(message, nullptr, Lang::kHu);
  CheckSafe(r, message);
  CHECK(r.trace.ToString().find("pattern matching stopped after 2000000 "
                                "steps") != std::string::npos);
  // A normal message is far from the bound.
  const Reply ok = engine->Respond(Repeat("jelszó ", 100) + "elfelejtettem",
                                   nullptr, Lang::kHu);
  CHECK(ok.trace.ToString().find("pattern matching stopped") ==
        std::string::npos);
}

// Issue 18: a regex entity "A[^#]*#|A" took 2.7 s on 64 KiB (each match
// searched to the end of the message). Regexes are searched in windows; a
// match far into a long message is still found.
TEST_CASE("hostile: regex entities are searched in bounded windows") {
  const std::unique_ptr<Engine> engine = testing::EngineWith(
      "regex_windows",
      {{"hu/a.yaml",
        "entities:\n  code:\n    regex: 'A[^#]*#|A'\n  tracking:\n"
        "    regex: '[A-Z]{2}[0-9]{9}[A-Z]{2}'\nintents:\n  - id: x\n"
        "    patterns: ['$tracking']\n    replies: ['{tracking}']\n"}});
  REQUIRE(engine);
  const std::string flood = "A " + std::string(65000, 'A');
  CheckSafe(engine->Respond(flood, nullptr, Lang::kHu), flood);
  const std::string far = Repeat("csomag ", 9000) + "RR123456789HU";
  const Reply r = engine->Respond(far, nullptr, Lang::kHu);
  CHECK(r.id == "x");
  CHECK(r.text == "RR123456789HU");
}

// Issue 18: an unreadable hu/ folder was skipped silently (lint exited 0,
// every Hungarian message fell back). Root reads every folder, so the bot
// is opened in a child process that runs as "nobody" when the test runs as
// root.
TEST_CASE("hostile: a folder that cannot be read is an error") {
  const std::string dir = testing::WriteRules(
      "unreadable", {{"hu/a.yaml", kIntent}, {"pl/a.yaml", kIntent}});
  REQUIRE(chmod((dir + "/hu").c_str(), 0) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(2);
    EngineOptions options;
    options.rules_dir = dir;
    options.analyzer.dictionary_dir = LIBBOT_TEST_DICTIONARY_DIR;
    std::unique_ptr<Engine> engine;
    const Status s = Engine::Open(options, &engine);
    _exit(s.message().find("/hu: cannot read the folder (Permission denied)") !=
                  std::string::npos
              ? 0
              : 1);
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  chmod((dir + "/hu").c_str(), 0755);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

// Issue 18: only the first YAML document of a rule file was read; a file
// starting "---\n---" loaded nothing, silently.
TEST_CASE("hostile: a rule file with two YAML documents is an error") {
  CHECK(Contains(OpenWith("two_docs", {{"hu/a.yaml", std::string(kIntent) +
                                                         "---\n" + kIntent}}),
                 "a second YAML document (after '---')"));
  CHECK(Contains(OpenWith("two_empty", {{"hu/a.yaml", "---\n---\n"}}),
                 "a second YAML document"));
  CHECK(OpenWith("one_doc", {{"hu/a.yaml", "---\n" + std::string(kIntent)}})
            .ok());
  // After an end marker "...", a document needs no "---" (the quick check
  // for markers must look for both).
  CHECK(Contains(OpenWith("end_marker", {{"hu/a.yaml", std::string(kIntent) +
                                                           "...\n" + kIntent}}),
                 "a second YAML document"));
  // fuzz_kb: a NUL byte made yaml-cpp's LoadAll() loop forever.
  const std::string nul("g,question,ans\x0f\0\0\0we,konto,,\nf,Ilu,", 34);
  CHECK(Contains(OpenWith("nul_byte", {{"hu/a.yaml", nul}}),
                 "hu/a.yaml:1:16: a NUL byte: not a text file"));
}

}  // namespace libbot

namespace libbot {

// KbWarning lists the FAQ sources beside a database on every CLI command
// and every Python Engine(): a database beside a huge folder ("/tmp") must
// cost a bounded scan and say nothing, not walk the whole tree.
TEST_CASE("hostile: a stale-database check beside a huge folder is bounded") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(testing::WriteRules(
                           "kb_huge", {{"kb/hu/faq.yaml", "entries: []\n"}})) /
                       "kb";
  // Sources and no database: said.
  CHECK_FALSE(KbWarning("", (dir / "faq.sqlite").string()).empty());
  // Past 10,000 entries in the folder: no scan to the end, no warning.
  for (int i = 0; i < 10001; ++i)
    std::ofstream(dir / ("x" + std::to_string(i) + ".txt")) << "";
  CHECK(KbWarning("", (dir / "faq.sqlite").string()).empty());
  fs::remove_all(dir.parent_path());
}

// Each file beside the database is read only as far as its first 64 KiB
// to tell an FAQ file from a rule file: a huge file costs no more, and an
// `entries:` key past that point is not looked for.
TEST_CASE("hostile: a huge file beside a database is read only at its head") {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::path(testing::WriteRules("kb_huge_file",
                                   {{"kb/hu/faq.yaml", "entries: []\n"}})) /
      "kb";
  const fs::path db = dir / "faq.sqlite";
  std::ofstream(db) << "";
  const auto built = fs::last_write_time(db);
  fs::last_write_time(dir / "hu" / "faq.yaml",
                      built - std::chrono::seconds(10));
  {
    std::ofstream big(dir / "hu" / "big.yaml");
    const std::string comment = "# " + std::string(1022, 'x') + "\n";
    for (int i = 0; i < 8 * 1024; ++i) big << comment;  // 8 MiB
    big << "entries: []\n";
  }
  fs::last_write_time(dir / "hu" / "big.yaml",
                      built + std::chrono::seconds(10));
  CHECK(KbWarning("", db.string()).empty());
  fs::remove_all(dir.parent_path());
}

}  // namespace libbot
