// bare/alloc/error.hpp — the one error type of every container and smart pointer, and the
// out-of-memory handler used by the infallible API.
#pragma once

#include <cstdint>

#include "bare/alloc/layout.hpp"
#include "bare/config.hpp"

namespace bare {

enum class alloc_errc : std::uint8_t {
  capacity_overflow,  // a size computation overflowed (n * sizeof(T), len + extra, ...)
  out_of_memory,      // the allocator returned nullptr
  full,               // a fixed capacity, a budget or a sealed allocator said no
};

// What went wrong and the layout that could not be had. Trivially copyable, two words + a byte.
struct alloc_error {
  alloc_errc kind = alloc_errc::out_of_memory;
  layout request{};
  friend constexpr bool operator==(const alloc_error&, const alloc_error&) noexcept = default;
};

// A short, static description of `k` ("capacity overflow", ...), for handlers and logs.
constexpr const char* to_string(alloc_errc k) noexcept {
  switch (k) {
    case alloc_errc::capacity_overflow: return "capacity overflow";
    case alloc_errc::out_of_memory: return "out of memory";
    case alloc_errc::full: return "full";
  }
  return "unknown alloc_errc";
}

#if BARE_OOM_HANDLING

using alloc_error_handler = void (*)(alloc_error);

namespace detail {
inline alloc_error_handler g_alloc_error_handler = nullptr;
}  // namespace detail

// Installs `h` for the infallible API (nullptr restores the default, which traps) and returns
// the previous one. O(1). Install at start-up. A handler must not return; if it does, the
// library traps.
inline alloc_error_handler set_alloc_error_handler(alloc_error_handler h) noexcept {
  alloc_error_handler old = detail::g_alloc_error_handler;
  detail::g_alloc_error_handler = h;
  return old;
}

// Called by every infallible allocating operation when allocation fails. Never returns.
// Cold and out of line: the hot paths of the containers only hold a call to it.
[[noreturn]] BARE_COLD inline void handle_alloc_error(alloc_error e) noexcept {
  if (alloc_error_handler h = detail::g_alloc_error_handler) h(e);
  __builtin_trap();
}

// Rust's spelling: the allocator returned nullptr for `l`.
[[noreturn]] inline void handle_alloc_error(layout l) noexcept {
  handle_alloc_error(alloc_error{alloc_errc::out_of_memory, l});
}

#endif  // BARE_OOM_HANDLING

}  // namespace bare
