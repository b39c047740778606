// bare/config.hpp — configuration macros, normalised in one place.
//
// A program configures bare by defining macros before including any bare header (on the
// command line, or in one header named by BARE_CONFIG_HEADER). Every macro has a safe default.
//
//   BARE_CONFIG_HEADER            "my_bare_config.h": included first, may define the rest.
//   BARE_NO_GLOBAL_OOM_HANDLING   defined: no infallible allocating API is declared and
//                                 handle_alloc_error does not exist. Every collection is
//                                 still usable through its try_ API (DESIGN §2).
//   BARE_UNCHECKED=1              turns off the cheap precondition checks (index bounds,
//                                 pop on empty, ...) for benchmarks. Default 0: checked.
//   BARE_PANIC_LOCATION=0         panics carry no file/line (saves the strings in flash).
//                                 Default 1.
//
// After this header, BARE_OOM_HANDLING is 1 or 0 and BARE_CHECKS is 1 or 0, so code tests
// positive switches only.
#pragma once

#ifdef BARE_CONFIG_HEADER
#include BARE_CONFIG_HEADER
#endif

#if defined(BARE_NO_GLOBAL_OOM_HANDLING)
#define BARE_OOM_HANDLING 0
#else
#define BARE_OOM_HANDLING 1
#endif

#ifndef BARE_UNCHECKED
#define BARE_UNCHECKED 0
#endif
#if BARE_UNCHECKED
#define BARE_CHECKS 0
#else
#define BARE_CHECKS 1
#endif

#ifndef BARE_PANIC_LOCATION
#define BARE_PANIC_LOCATION 1
#endif

#if defined(__GNUC__) || defined(__clang__)
#define BARE_COLD __attribute__((cold, noinline))
#define BARE_NOINLINE __attribute__((noinline))
#define BARE_ALWAYS_INLINE inline __attribute__((always_inline))
#define BARE_LIKELY(x) __builtin_expect(!!(x), 1)
#define BARE_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#error "bare needs g++ or clang"
#endif

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BARE_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(BARE_ASAN)
#define BARE_ASAN 1
#endif
#ifndef BARE_ASAN
#define BARE_ASAN 0
#endif

// Whether a software prefetch can pay here: not on wasm32 (no prefetch instruction) nor on
// Cortex-M (parts up to the M4 have no data cache to fill). The default of the collections'
// prefetch switches (BARE_BTREE_PREFETCH, BARE_HEAP_PREFETCH).
#if defined(__wasm__) || (defined(__ARM_ARCH_PROFILE) && __ARM_ARCH_PROFILE == 'M')
#define BARE_PREFETCH_PAYS 0
#else
#define BARE_PREFETCH_PAYS 1
#endif

namespace bare::detail {
// A copy of a run-time number of bytes (no overlap). On x86, g++ expands a __builtin_memcpy
// whose size it can bound (a caller's min(k, 16), say) but not fold into `rep movsq`, which
// takes some 30 cycles to start; an empty asm hides the bound so that it calls memcpy, whose
// short-copy path is a few vector moves (vec extend in slices of 16 u64: 0.73 -> 0.23 ns per
// element). A size known at compile time is still folded into plain moves.
BARE_ALWAYS_INLINE void copy_bytes(void* dst, const void* src, decltype(sizeof 0) n) noexcept {
#if defined(__GNUC__) && !defined(__clang__) && (defined(__x86_64__) || defined(__i386__))
  if (!__builtin_constant_p(n)) __asm__("" : "+r"(n));
#endif
  __builtin_memcpy(dst, src, n);
}
}  // namespace bare::detail
