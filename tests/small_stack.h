// Copyright 2026 The libbot Authors.
//
// Runs a function on a thread with a small stack: libbot's limits must hold
// whatever stack an embedding program gives its threads, and a recursion
// that is not bounded shows up at once there.
#ifndef LIBBOT_TESTS_SMALL_STACK_H_
#define LIBBOT_TESTS_SMALL_STACK_H_

#include <pthread.h>

#include <cstddef>
#include <cstdlib>

namespace libbot::testing {

inline constexpr size_t kSmallStackBytes = 256 << 10;

// Calls fn() on a new thread with `stack_bytes` of stack and waits for it.
template <typename Fn>
void RunOnSmallStack(Fn fn, size_t stack_bytes = kSmallStackBytes) {
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0 ||
      pthread_attr_setstacksize(&attr, stack_bytes) != 0)
    std::abort();
  pthread_t thread;
  auto call = [](void* arg) -> void* {
    (*static_cast<Fn*>(arg))();
    return nullptr;
  };
  if (pthread_create(&thread, &attr, call, &fn) != 0) std::abort();
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
}

}  // namespace libbot::testing

#endif  // LIBBOT_TESTS_SMALL_STACK_H_
