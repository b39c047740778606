// bare/panic.hpp — precondition violations: bare::panic and its handler.
//
// A violated precondition (index out of range, pop_back on an empty container, value() of an
// error result, ...) calls bare::panic(msg, loc). panic calls the handler installed with
// set_panic_handler; the default handler traps (__builtin_trap()). A handler must not return
// (it may halt, reset the chip, longjmp, or exit); if it returns, panic traps.
//
// Checks are on by default; BARE_UNCHECKED=1 turns the cheap ones off (bare/config.hpp).
// Cost: a check is one compare and a never-taken branch to a cold, out-of-line call.
#pragma once

#include "bare/config.hpp"

namespace bare {

// Where a panic came from. File and line only (no function names: on a microcontroller
// those strings cost flash). With BARE_PANIC_LOCATION=0 both are empty.
struct source_loc {
  const char* file = nullptr;
  unsigned line = 0;

#if BARE_PANIC_LOCATION
  static constexpr source_loc current(const char* file = __builtin_FILE(),
                                      unsigned line = __builtin_LINE()) noexcept {
    return source_loc{file, line};
  }
#else
  static constexpr source_loc current() noexcept { return source_loc{}; }
#endif
};

using panic_handler = void (*)(const char* msg, source_loc where);

namespace detail {
// Constant-initialised: no global constructor, lives in .bss.
inline panic_handler g_panic_handler = nullptr;
}  // namespace detail

// Installs `h` (nullptr restores the default, which traps) and returns the previous handler.
// O(1). Not synchronised: install handlers at start-up, before other threads or interrupts use
// bare.
inline panic_handler set_panic_handler(panic_handler h) noexcept {
  panic_handler old = detail::g_panic_handler;
  detail::g_panic_handler = h;
  return old;
}

// Reports a violated precondition through the handler. Never returns.
[[noreturn]] BARE_COLD inline void panic(const char* msg,
                                         source_loc where = source_loc::current()) noexcept {
  if (panic_handler h = detail::g_panic_handler) h(msg, where);
  __builtin_trap();
}

}  // namespace bare

// BARE_CHECK(cond, msg): a cheap precondition check, compiled out by BARE_UNCHECKED=1.
#if BARE_CHECKS
#define BARE_CHECK(cond, msg)                                  \
  do {                                                         \
    if (BARE_UNLIKELY(!(cond))) ::bare::panic(msg);            \
  } while (0)
#else
#define BARE_CHECK(cond, msg) \
  do {                        \
  } while (0)
#endif

// BARE_ASSERT_AT(cond, msg, where): as BARE_ASSERT, reporting the caller's location `where`
// (functions that are not operators take a defaulted `source_loc where` for this).
#define BARE_ASSERT_AT(cond, msg, where)                       \
  do {                                                         \
    if (BARE_UNLIKELY(!(cond))) ::bare::panic(msg, where);     \
  } while (0)

// BARE_ASSERT(cond, msg): an internal invariant or a precondition that is always checked.
#define BARE_ASSERT(cond, msg)                                 \
  do {                                                         \
    if (BARE_UNLIKELY(!(cond))) ::bare::panic(msg);            \
  } while (0)
