// Copyright 2026 The libbot Authors.
//
// libbot's side of bench/run: opens an Engine on a rule folder (and a
// knowledge base), answers every message of a JSONL file one after another
// on one thread, and writes what NLP.js's side (bench/peers/nlpjs/run.js)
// writes: load time, peak RSS, and per message the reply and its time.
//
//   peer_libbot --rules DIR [--kb FILE] MESSAGES.jsonl OUT.json
//
// A message line is {"text": ..., "lang": "hu"|"pl", "conversation": ...};
// lines of one conversation share a Session, in file order.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "bench_util.h"
#include "libbot/engine.h"
#include "util/json.h"

namespace {

using libbot::bench::Clock;
using libbot::bench::Micros;
using libbot::bench::StatusKb;
using libbot::internal::Json;
using libbot::internal::JsonString;

struct Message {
  std::string text;
  libbot::Lang lang = libbot::Lang::kUnknown;
  std::string conversation;
};

bool ReadMessages(const std::string& path, std::vector<Message>* out) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    Json v;
    std::string error;
    if (!libbot::internal::ParseJson(line, &v, &error) || !v.is_object() ||
        !v.contains("text") || !v["text"].is_string()) {
      std::fprintf(stderr, "%s: bad line: %s\n", path.c_str(), error.c_str());
      return false;
    }
    Message m;
    m.text = v["text"].get<std::string>();
    libbot::ParseLang(v.value("lang", ""), &m.lang);
    m.conversation = v.value("conversation", "");
    out->push_back(std::move(m));
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  libbot::EngineOptions options;
  options.trace = true;  // a fallback is scored by its best candidate
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--rules") == 0 && i + 1 < argc) {
      options.rules_dir = argv[++i];
    } else if (std::strcmp(argv[i], "--kb") == 0 && i + 1 < argc) {
      options.kb_path = argv[++i];
    } else {
      positional.push_back(argv[i]);
    }
  }
  if (positional.size() != 2) {
    std::fprintf(stderr,
                 "usage: peer_libbot --rules DIR [--kb FILE] MESSAGES.jsonl "
                 "OUT.json\n");
    return 2;
  }
  std::vector<Message> messages;
  if (!ReadMessages(positional[0], &messages)) return 1;

  const auto start = Clock::now();
  std::unique_ptr<libbot::Engine> engine;
  if (libbot::Status s = libbot::Engine::Open(options, &engine); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.message().c_str());
    return 1;
  }
  const double load_ms = Micros(start, Clock::now()) / 1000;

  std::map<std::string, libbot::Session> sessions;
  std::string results;
  char buf[64];
  for (const Message& m : messages) {
    libbot::Session fresh;
    libbot::Session* session =
        m.conversation.empty() ? &fresh : &sessions[m.conversation];
    const auto t0 = Clock::now();
    const libbot::Reply r = engine->Respond(m.text, session, m.lang);
    const double us = Micros(t0, Clock::now());
    std::snprintf(buf, sizeof(buf), ",\"confidence\":%.4f,\"us\":%.2f}",
                  r.confidence, us);
    // The best guess even when the bot did not answer: for top-1 accuracy,
    // which NLP.js reports as its first classification.
    const std::string& top = !r.id.empty() || r.trace.candidates.empty()
                                 ? r.id
                                 : r.trace.candidates[0].id;
    results += (results.empty() ? "{" : ",{") + std::string("\"kind\":") +
               JsonString(libbot::ReplyKindName(r.kind)) +
               ",\"id\":" + JsonString(r.id) + ",\"top\":" + JsonString(top) +
               ",\"reason\":" + JsonString(libbot::ReplyReasonName(r.reason)) +
               buf;
  }
  // The peak of this process's own memory. Not getrusage's ru_maxrss: after
  // a fork and exec it is at least the parent's size at the fork (the
  // Python driver's, tens of MB). Mapped files (the program, ICU's data) are
  // part of it; the heap and the files are reported apart, as at the end.
  const long peak = StatusKb("VmHWM"), anon = StatusKb("RssAnon"),
             file = StatusKb("RssFile");
  std::ofstream out(positional[1]);
  char tail[160];
  std::snprintf(tail, sizeof(tail),
                "%.1f,\"rss_kb\":%ld,\"rss_anon_kb\":%ld,\"rss_file_kb\":%ld",
                load_ms, peak, anon, file);
  out << "{\"engine\":\"libbot\",\"load_ms\":" << tail << ",\"results\":["
      << results << "]}\n";
  std::printf(
      "%zu messages, opened in %.0f ms, peak RSS %ld KiB (now %ld heap, "
      "%ld mapped files)\n",
      messages.size(), load_ms, peak, anon, file);
  return out ? 0 : 1;
}
