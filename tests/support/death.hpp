// Death-test helpers: panic / allocation-error handlers that report and end the process with a
// known exit code, so EXPECT_EXIT can check both that the handler ran and what it was told.
//
//   panic_handler_guard g(bare_test::exiting_panic_handler);
//   const unsigned line = __LINE__ + 1;
//   auto call = [&] { (void)v.at(9); };
//   EXPECT_EXIT(call(), testing::ExitedWithCode(bare_test::panic_exit),
//               bare_test::panic_regex("index out of range", __FILE__, line));
#pragma once

#include <string>

#include "bare/alloc/error.hpp"
#include "bare/panic.hpp"

namespace bare_test {

inline constexpr int panic_exit = 42;
inline constexpr int alloc_error_exit = 43;

// Prints "bare panic: <msg> @ <file>:<line>;" to stderr and _Exit(panic_exit).
[[noreturn]] void exiting_panic_handler(const char* msg, bare::source_loc where);
// A regex matching exiting_panic_handler's line for a message (a regex) at file (a path whose
// basename is used) and line.
std::string panic_regex(const std::string& msg_regex, const char* file, unsigned line);

class panic_handler_guard {
 public:
  explicit panic_handler_guard(bare::panic_handler h) noexcept : old_(bare::set_panic_handler(h)) {}
  ~panic_handler_guard() { bare::set_panic_handler(old_); }
  panic_handler_guard(const panic_handler_guard&) = delete;
  panic_handler_guard& operator=(const panic_handler_guard&) = delete;

 private:
  bare::panic_handler old_;
};

#if BARE_OOM_HANDLING
// Prints "bare alloc error: <kind> size=<n> align=<a>;" to stderr and _Exit(alloc_error_exit).
[[noreturn]] void exiting_alloc_error_handler(bare::alloc_error e);

class alloc_error_handler_guard {
 public:
  explicit alloc_error_handler_guard(bare::alloc_error_handler h) noexcept
      : old_(bare::set_alloc_error_handler(h)) {}
  ~alloc_error_handler_guard() { bare::set_alloc_error_handler(old_); }
  alloc_error_handler_guard(const alloc_error_handler_guard&) = delete;
  alloc_error_handler_guard& operator=(const alloc_error_handler_guard&) = delete;

 private:
  bare::alloc_error_handler old_;
};
#endif

}  // namespace bare_test
