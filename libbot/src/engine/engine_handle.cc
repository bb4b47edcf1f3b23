// Copyright 2026 The libbot Authors.
#include "libbot/engine_handle.h"

#include <chrono>
#include <mutex>
#include <thread>
#include <utility>

namespace libbot {

namespace {

// Dictionaries are reused only when they would load the same.
bool SameAnalyzer(const AnalyzerOptions& a, const AnalyzerOptions& b) {
  return a.dictionary_dir == b.dictionary_dir && a.max_tokens == b.max_tokens &&
         a.max_word_bytes == b.max_word_bytes &&
         a.lemma_cache_entries == b.lemma_cache_entries;
}

// Freeing an engine takes milliseconds. Whoever drops the last reference
// frees it, and that should be the reloading thread, not a thread in the
// middle of answering: so the reload waits (a little) for the replies still
// using the old engine to finish. No one can take a new reference to it
// after the swap, so a count of "only ours" stays true.
template <typename T>
void RetireHere(std::shared_ptr<T> replaced) {
  for (int i = 0; i < 1000 && replaced.use_count() > 1; ++i)
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  // A reply still running after 200 ms frees it itself. Callers of
  // Current() hold the engine, not this pair: they free it when done.
}

}  // namespace

struct EngineHandle::Rep {
  // An engine and its generation, swapped together so that a reply never
  // pairs one engine with another's number.
  struct Current {
    std::shared_ptr<const Engine> engine;
    uint64_t generation = 0;
  };

  std::shared_ptr<const Current> Get() const {
    std::lock_guard<std::mutex> lock(current_mu);
    return current;
  }
  // Swaps `next` in; returns the engine it replaces.
  std::shared_ptr<const Current> Swap(std::shared_ptr<const Current> next) {
    std::lock_guard<std::mutex> lock(current_mu);
    return std::exchange(current, std::move(next));
  }

  mutable std::mutex current_mu;  // held only to copy or swap `current`
  std::shared_ptr<const Current> current;
  std::mutex reload_mu;  // one reload at a time
};

EngineHandle::EngineHandle(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
EngineHandle::~EngineHandle() = default;

Status EngineHandle::Open(const EngineOptions& options,
                          std::unique_ptr<EngineHandle>* handle) {
  std::unique_ptr<Engine> engine;
  if (Status s = Engine::Open(options, &engine); !s.ok()) return s;
  auto rep = std::make_unique<Rep>();
  rep->current =
      std::make_shared<const Rep::Current>(Rep::Current{std::move(engine), 1});
  handle->reset(new EngineHandle(std::move(rep)));
  return Status::Ok();
}

Reply EngineHandle::Respond(std::string_view text, Session* session,
                            Lang lang) const {
  const std::shared_ptr<const Rep::Current> current = rep_->Get();
  Reply reply = current->engine->Respond(text, session, lang);
  reply.generation = current->generation;
  return reply;
}

std::shared_ptr<const Engine> EngineHandle::Current() const {
  return rep_->Get()->engine;
}

void EngineHandle::RespondMany(const std::vector<std::string>& texts,
                               std::vector<Reply>* replies,
                               const RespondManyOptions& options) const {
  const std::shared_ptr<const Rep::Current> current = rep_->Get();
  // Each chunk gets its generation before anyone is told it is ready.
  RespondManyOptions stamped = options;
  stamped.on_ready = [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i)
      (*replies)[i].generation = current->generation;
    if (options.on_ready) options.on_ready(begin, end);
  };
  current->engine->RespondMany(texts, replies, stamped);
}

uint64_t EngineHandle::generation() const { return rep_->Get()->generation; }

Status EngineHandle::Reload() { return Reload(Current()->options()); }

Status EngineHandle::Reload(const EngineOptions& options) {
  std::lock_guard<std::mutex> lock(rep_->reload_mu);
  std::shared_ptr<const Rep::Current> old = rep_->Get();
  std::unique_ptr<Engine> engine;
  Status s =
      SameAnalyzer(options.analyzer, old->engine->options().analyzer)
          ? Engine::Open(options, old->engine->shared_analyzer(), &engine)
          : Engine::Open(options, &engine);
  if (!s.ok()) return s;
  const uint64_t generation = old->generation + 1;
  old.reset();
  RetireHere(rep_->Swap(std::make_shared<const Rep::Current>(
      Rep::Current{std::move(engine), generation})));
  return Status::Ok();
}

}  // namespace libbot
