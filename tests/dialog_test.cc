// Copyright 2026 The libbot Authors.
//
// Replays the demo bot's conversation transcripts (tests/data/dialogs/*.txt):
//   # comment
//   user: Hol tart a rendelésem?
//   bot: clarify order_status
//   user: #483920
//   bot: answer order_status "483920"
// A bot line gives the reply kind, optionally the id and a text the reply must
// contain; words in brackets check the reply's other fields: [reason=confirm],
// [slot order_number=483920@2] (a slot, its value and turn), [frustrated],
// [signal=profanity]. Each file is one conversation (one Session), in order.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "demo_fixture.h"

namespace libbot {
namespace {

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(' '), e = s.find_last_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// One [check] of a bot line.
void CheckField(const std::string& check, const Reply& r) {
  CAPTURE(check);
  if (check == "frustrated") {
    CHECK(r.frustrated);
  } else if (check.rfind("reason=", 0) == 0) {
    CHECK(ReplyReasonName(r.reason) == check.substr(7));
  } else if (check.rfind("signal=", 0) == 0) {
    bool found = false;
    for (Signal s : r.signals) found |= SignalName(s) == check.substr(7);
    CHECK(found);
  } else if (check.rfind("slot ", 0) == 0) {
    // "slot name=value@turn"
    const std::string body = check.substr(5);
    const size_t eq = body.find('='), at = body.rfind('@');
    REQUIRE(eq != std::string::npos);
    REQUIRE(at != std::string::npos);
    bool found = false;
    for (const FilledSlot& slot : r.slots) {
      found |= slot.name == body.substr(0, eq) &&
               slot.value == body.substr(eq + 1, at - eq - 1) &&
               std::to_string(slot.turn) == body.substr(at + 1);
    }
    CHECK(found);
  } else {
    FAIL("unknown check [" << check << "]");
  }
}

}  // namespace

TEST_CASE("dialogs: every transcript of the demo bot replays") {
  const std::string dir = std::string(LIBBOT_TEST_DATA_DIR) + "/dialogs";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 20);
  int hu = 0, pl = 0;
  for (const auto& path : files) {
    const std::string name = path.filename().string();
    hu += name.rfind("hu_", 0) == 0;
    pl += name.rfind("pl_", 0) == 0;
    std::ifstream in(path);
    Session session;
    Reply last;
    std::string line;
    int number = 0, turns = 0;
    while (std::getline(in, line)) {
      ++number;
      CAPTURE(name + ":" + std::to_string(number) + ": " + line);
      if (line.empty() || line[0] == '#') continue;
      if (line.rfind("user:", 0) == 0) {
        last = testing::DemoEngine()->Respond(Trim(line.substr(5)), &session);
        ++turns;
        continue;
      }
      REQUIRE(line.rfind("bot:", 0) == 0);
      std::string spec = Trim(line.substr(4)), text;
      CAPTURE(std::string(ReplyReasonName(last.reason)));
      // [checks] first: they may follow the text.
      for (size_t open; (open = spec.find('[')) != std::string::npos;) {
        const size_t close = spec.find(']', open);
        REQUIRE(close != std::string::npos);
        CheckField(spec.substr(open + 1, close - open - 1), last);
        spec.erase(open, close - open + 1);
      }
      spec = Trim(spec);
      if (const size_t q = spec.find('"'); q != std::string::npos) {
        text = spec.substr(q + 1, spec.rfind('"') - q - 1);
        spec = Trim(spec.substr(0, q));
      }
      const size_t space = spec.find(' ');
      const std::string kind = spec.substr(0, space);
      const std::string id =
          space == std::string::npos ? "" : Trim(spec.substr(space + 1));
      CAPTURE(std::string(ReplyKindName(last.kind)) + " " + last.id + ": " +
              last.text);
      CHECK(ReplyKindName(last.kind) == kind);
      if (!id.empty()) CHECK(last.id == id);
      if (!text.empty()) CHECK(last.text.find(text) != std::string::npos);
    }
    CHECK(turns >= 2);
  }
  CHECK(hu >= 10);
  CHECK(pl >= 10);
}

}  // namespace libbot
