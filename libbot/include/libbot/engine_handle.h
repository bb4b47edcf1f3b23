// Copyright 2026 The libbot Authors.
//
// EngineHandle holds the Engine a server answers with and swaps in a newly
// loaded one (edited rules, a rebuilt knowledge base) while other threads
// keep answering: hot reload.
//
//   std::unique_ptr<libbot::EngineHandle> bot;
//   libbot::Status s = libbot::EngineHandle::Open(options, &bot);
//   ...
//   libbot::Reply r = bot->Respond(text, &session);    // any thread
//   ...
//   if (libbot::Status s = bot->Reload(); !s.ok())     // e.g. on SIGHUP
//     log(s.message());  // "rules/hu/orders.yaml:12:5: ...": the old rules
//                        // keep answering
//
// A reply comes from one engine: a reload during Respond() does not change
// the rules or knowledge base that reply was made with (Reply::generation
// says which load it was). A failed reload changes nothing. Reloads reuse
// the loaded dictionaries when the analyzer options are unchanged, so a
// reload costs what loading the rules and the knowledge base costs. For
// a while after a reload, the old engine stays in memory until the last
// reply made with it is done.
#ifndef LIBBOT_ENGINE_HANDLE_H_
#define LIBBOT_ENGINE_HANDLE_H_

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "libbot/engine.h"
#include "libbot/export.h"
#include "libbot/status.h"

namespace libbot {

class LIBBOT_EXPORT EngineHandle {
 public:
  // Opens the first engine (as Engine::Open does).
  static Status Open(const EngineOptions& options,
                     std::unique_ptr<EngineHandle>* handle);

  EngineHandle(const EngineHandle&) = delete;
  EngineHandle& operator=(const EngineHandle&) = delete;
  ~EngineHandle();

  // Answers with the current engine; safe from any number of threads, also
  // while a reload runs. Reply::generation names the engine that answered.
  Reply Respond(std::string_view text, Session* session = nullptr,
                Lang lang = Lang::kUnknown) const;

  // Engine::RespondMany with the current engine: the whole batch is answered
  // by one version, even when a reload happens meanwhile.
  void RespondMany(const std::vector<std::string>& texts,
                   std::vector<Reply>* replies,
                   const RespondManyOptions& options = {}) const;

  // The current engine, kept alive while the pointer is held: several calls
  // (lint, tests, Respond) on one version.
  std::shared_ptr<const Engine> Current() const;
  // 1 for the engine Open() loaded, one more for each successful reload.
  uint64_t generation() const;

  // Loads the rules and knowledge base again with the current options (or
  // with `options`) and swaps the new engine in. On any error, the current
  // engine keeps answering, nothing changes, and the status lists the errors
  // as Engine::Open does. Reloads from several threads run one at a time.
  Status Reload();
  Status Reload(const EngineOptions& options);

 private:
  struct Rep;
  explicit EngineHandle(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace libbot

#endif  // LIBBOT_ENGINE_HANDLE_H_
