// Copyright 2026 The libbot Authors.
//
// Concurrency: many threads on one Engine, and hot reload through an
// EngineHandle while they answer. Also the stress test the TSan build runs
// (test cases named "concurrency: ...").
#include "libbot/engine_handle.h"

#include <doctest/doctest.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <thread>

#include "demo_fixture.h"

namespace libbot {
namespace {

// Everything a reply says, the trace included, and the session after it.
std::string Fingerprint(const Reply& r, const Session& s) {
  char confidence[32];
  std::snprintf(confidence, sizeof(confidence), "%a", r.confidence);
  std::string out = std::string(ReplyKindName(r.kind)) + "|" + r.id + "|" +
                    r.text + "|" + confidence + "|" +
                    std::string(LangCode(r.lang)) + "|" +
                    std::string(ReplySourceName(r.source)) + "|" +
                    std::string(ReplyReasonName(r.reason));
  for (const Entity& e : r.entities) {
    out += "|" + e.name + "=" + e.value + "@" + std::to_string(e.begin);
  }
  return out + "\n" + r.trace.ToString() + s.ToJson();
}

// Conversations of four messages each, in order: conversation c holds
// messages 4c .. 4c+3. Returns one fingerprint per message.
std::vector<std::string> Converse(const Engine& engine,
                                  const std::vector<std::string>& messages,
                                  size_t first_conversation) {
  const size_t conversations = (messages.size() + 3) / 4;
  std::vector<std::string> out(messages.size());
  for (size_t n = 0; n < conversations; ++n) {
    const size_t c = (first_conversation + n) % conversations;
    Session session;
    for (size_t i = 4 * c; i < std::min(messages.size(), 4 * c + 4); ++i) {
      const Reply r = engine.Respond(messages[i], &session);
      out[i] = Fingerprint(r, session);
    }
  }
  return out;
}

TEST_CASE("concurrency: 8 threads on one Engine answer as one thread does") {
  const std::shared_ptr<const Engine> engine = testing::DemoEngine();
  const std::vector<std::string> messages = testing::DemoMessages();
  REQUIRE(messages.size() > 800);
  const std::vector<std::string> expected = Converse(*engine, messages, 0);

  constexpr int kThreads = 8;
  std::vector<std::vector<std::string>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    // Each thread starts at another conversation: the same messages meet
    // different neighbours in the shared caches.
    threads.emplace_back([&, t] {
      got[t] = Converse(*engine, messages, static_cast<size_t>(t) * 29);
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) {
    size_t differ = 0;
    for (size_t i = 0; i < messages.size(); ++i) {
      if (got[t][i] != expected[i]) {
        if (differ++ == 0) {
          CAPTURE(messages[i]);
          CHECK(got[t][i] == expected[i]);
        }
      }
    }
    CHECK_MESSAGE(differ == 0,
                  "thread " << t << ": " << differ << " replies differ");
  }
}

// Two versions of a bot: a rule reply, a knowledge-base answer and file
// names that carry the version tag.
struct Version {
  EngineOptions options;
  std::string tag;  // "A" or "B"
};

Version MakeVersion(const std::string& tag) {
  const std::string faq =
      "entries:\n  - id: faq.shipping_cost\n"
      "    questions: [\"Mennyibe kerül a szállítás?\"]\n"
      "    answer: \"" +
      tag + ": 1490 Ft\"\n";
  Status built;
  const std::string kb =
      testing::BuildKb("reload_kb_" + tag, {{"hu/faq.yaml", faq}}, &built);
  REQUIRE(built.ok());
  const std::string rules =
      "intents:\n  - id: greeting\n"
      "    patterns: [\"szia\"]\n"
      "    replies: [\"" +
      tag + ": Szia!\"]\n";
  Version v;
  v.tag = tag;
  v.options.rules_dir =
      testing::WriteRules("reload_rules_" + tag, {{"hu/a.yaml", rules}});
  v.options.kb_path = kb;
  v.options.analyzer.dictionary_dir = LIBBOT_TEST_DICTIONARY_DIR;
  return v;
}

// The version tag a reply shows in its text and in every candidate's file,
// or "mixed" when they disagree.
std::string VersionOf(const Reply& r) {
  std::string tag = r.text.substr(0, r.text.find(':'));
  for (const Trace::Candidate& c : r.trace.candidates) {
    const bool a = c.where.find("_A_") != std::string::npos;
    const bool b = c.where.find("_B_") != std::string::npos;
    if (a == b || (a ? "A" : "B") != tag) return "mixed";
  }
  return tag;
}

TEST_CASE("concurrency: hot reload under load loses no reply and mixes none") {
  const Version a = MakeVersion("A"), b = MakeVersion("B");
  std::unique_ptr<EngineHandle> handle;
  REQUIRE(EngineHandle::Open(a.options, &handle).ok());
  CHECK(handle->generation() == 1);

  // Generation g serves version A when odd, B when even.
  auto expected_tag = [](uint64_t g) { return g % 2 == 1 ? "A" : "B"; };
  const std::vector<std::string> messages = {
      "szia", "Mennyibe kerül a szállítás?",
      "szia, mennyibe kerül a szállítás?"};
  std::atomic<bool> stop{false};
  std::atomic<long> replies{0}, wrong{0};
  std::vector<std::string> first_wrong(8);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (size_t i = 0; !stop; ++i) {
        const Reply r = handle->Respond(messages[(i + t) % messages.size()]);
        ++replies;
        if (r.kind != ReplyKind::kAnswer ||
            VersionOf(r) != expected_tag(r.generation)) {
          if (wrong++ == 0)
            first_wrong[t] =
                r.text + " (generation " + std::to_string(r.generation) + ")";
        }
      }
    });
  }
  constexpr int kReloads = 20;
  for (int i = 0; i < kReloads; ++i) {
    const Version& next = i % 2 == 0 ? b : a;
    const long before = replies;
    while (replies < before + 50) std::this_thread::yield();
    const Status s = handle->Reload(next.options);
    REQUIRE_MESSAGE(s.ok(), s.message());
    CHECK(handle->generation() == static_cast<uint64_t>(i + 2));
  }
  stop = true;
  for (auto& th : threads) th.join();
  for (const std::string& w : first_wrong) CHECK_MESSAGE(w.empty(), w);
  CHECK(wrong == 0);
  CHECK(replies > 1000);
  // After an even number of swaps, version A answers again.
  CHECK(handle->Respond("szia").text == "A: Szia!");
}

TEST_CASE("concurrency: a failed reload keeps the old bot and says why") {
  const Version a = MakeVersion("A");
  std::unique_ptr<EngineHandle> handle;
  REQUIRE(EngineHandle::Open(a.options, &handle).ok());

  std::atomic<bool> stop{false};
  std::atomic<long> not_a{0}, replies{0};
  std::thread responder([&] {
    while (!stop) {
      if (handle->Respond("szia").text != "A: Szia!") ++not_a;
      ++replies;
    }
  });

  EngineOptions broken = a.options;
  broken.rules_dir = testing::WriteRules(
      "reload_broken",
      {{"hu/a.yaml", "intents:\n  - id: x\n    pattens: [a]\n"}});
  Status s = handle->Reload(broken);
  CHECK_FALSE(s.ok());
  CHECK(s.message().find("hu/a.yaml:3:5: unknown key 'pattens'") !=
        std::string::npos);

  EngineOptions no_kb = a.options;
  no_kb.kb_path = a.options.kb_path + ".missing";
  s = handle->Reload(no_kb);
  CHECK(s.code() == Status::Code::kNotFound);

  EngineOptions no_dictionaries = a.options;
  no_dictionaries.analyzer.dictionary_dir = "/nonexistent";
  CHECK_FALSE(handle->Reload(no_dictionaries).ok());

  while (replies < 100) std::this_thread::yield();
  stop = true;
  responder.join();
  CHECK(not_a == 0);
  CHECK(handle->generation() == 1);
  // Reload() with no options reloads what is current: an editor's fix.
  CHECK(handle->Reload().ok());
  CHECK(handle->generation() == 2);
  CHECK(handle->Respond("szia").generation == 2);
}

TEST_CASE("engine handle: a reload reuses the dictionaries") {
  const Version a = MakeVersion("A"), b = MakeVersion("B");
  std::unique_ptr<EngineHandle> handle;
  REQUIRE(EngineHandle::Open(a.options, &handle).ok());
  const std::shared_ptr<const Engine> first = handle->Current();
  REQUIRE(handle->Reload(b.options).ok());
  CHECK(&handle->Current()->analyzer() == &first->analyzer());
  // The first engine lives on while someone holds it.
  CHECK(first->Respond("szia").text == "A: Szia!");
  CHECK(handle->Current()->Respond("szia").text == "B: Szia!");

  EngineOptions other = b.options;
  other.analyzer.max_tokens = 100;
  REQUIRE(handle->Reload(other).ok());
  CHECK(&handle->Current()->analyzer() != &first->analyzer());
}

}  // namespace
}  // namespace libbot
