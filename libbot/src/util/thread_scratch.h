// Copyright 2026 The libbot Authors.
//
// Per-thread scratch memory for the hot path, without locks or allocation
// per call. A thread usually serves a few owners at once (a matcher or index
// per language, and two engines during a reload), so it keeps a small ring of
// slots, each tagged with the owner it was prepared for.
#ifndef LIBBOT_SRC_UTIL_THREAD_SCRATCH_H_
#define LIBBOT_SRC_UTIL_THREAD_SCRATCH_H_

#include <array>
#include <cstddef>
#include <cstdint>

namespace libbot::internal {

// This thread's T for `owner` (a process-unique id). `prepare(T&)` runs when
// a slot is (re)assigned to the owner; T must have a `uint64_t owner` member.
template <typename T, typename Prepare>
T& ThreadScratch(uint64_t owner, Prepare prepare) {
  constexpr size_t kSlots = 4;
  thread_local std::array<T, kSlots> slots;
  thread_local size_t next_victim = 0;
  for (T& slot : slots) {
    if (slot.owner == owner) return slot;
  }
  T& slot = slots[next_victim];
  next_victim = (next_victim + 1) % kSlots;
  slot.owner = owner;
  prepare(slot);
  return slot;
}

// This thread's T, built on first use. Give each use a type of its own (a
// struct declared where it is used), so two callers never share one.
//
// Why a function the compiler may not inline: in a shared library each
// access to a thread_local is a call to __tls_get_addr, and GCC repeats that
// call at every use in a loop, even through a reference taken once (it
// recomputes the address rather than keep it in a register). Behind this
// call the address is an ordinary pointer, computed once per call.
template <typename T>
[[gnu::noinline]] T& ThreadLocal() {
  thread_local T value;
  return value;
}

}  // namespace libbot::internal

#endif  // LIBBOT_SRC_UTIL_THREAD_SCRATCH_H_
