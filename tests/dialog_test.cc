// Copyright 2026 The libbot Authors.
//
// Replays the demo bot's conversation transcripts (tests/data/dialogs/*.txt):
//   # comment
//   user: Hol tart a rendelésem?
//   bot: clarify order_status
//   user: #483920
//   bot: answer order_status "483920"
// A bot line gives the reply kind, optionally the id and a text the reply must
// contain. Each file is one conversation (one Session), in order.
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
