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
// The first and the last K bytes of [s, s + n) to d (K <= n <= 2K): every byte of the range,
// in two moves that may overlap, each of a size known at compile time (plain loads/stores).
template <unsigned K>
BARE_ALWAYS_INLINE void copy_ends(unsigned char* d, const unsigned char* s, decltype(sizeof 0) n) noexcept {
  unsigned char a[K], b[K];
  __builtin_memcpy(a, s, K);
  __builtin_memcpy(b, s + n - K, K);
  __builtin_memcpy(d, a, K);
  __builtin_memcpy(d + n - K, b, K);
}

// A copy of a run-time number of bytes (no overlap). On x86, g++ expands a __builtin_memcpy
// whose size it can bound (a caller's min(k, 16), say) but not fold into `rep movsq`, which
// takes some 30 cycles to start; an empty asm hides the bound so that it calls memcpy, whose
// short-copy path is a few vector moves (vec extend in slices of 16 u64: 0.73 -> 0.23 ns per
// element). Up to 32 bytes, those moves are done here, without the call through the PLT (and
// without the caller's registers spilled around it): string append of 2..41-byte words,
// 2.72 -> 1.75 ns per word at 10^3 words (Rust's String: 2.39). Not at -Os, where the call
// is smaller. A size known at compile time is still folded into plain moves.
BARE_ALWAYS_INLINE void copy_bytes(void* dst, const void* src, decltype(sizeof 0) n) noexcept {
#if defined(__GNUC__) && !defined(__clang__) && (defined(__x86_64__) || defined(__i386__))
  if (!__builtin_constant_p(n)) {
#ifndef __OPTIMIZE_SIZE__
    if (n <= 32) {
      auto* d = static_cast<unsigned char*>(dst);
      const auto* s = static_cast<const unsigned char*>(src);
      if (n >= 16) copy_ends<16>(d, s, n);
      else if (n >= 8) copy_ends<8>(d, s, n);
      else if (n >= 4) copy_ends<4>(d, s, n);
      else if (n != 0) d[0] = s[0], d[n / 2] = s[n / 2], d[n - 1] = s[n - 1];  // 1..3 bytes
      return;
    }
#endif
    __asm__("" : "+r"(n));
  }
#endif
  __builtin_memcpy(dst, src, n);
}
}  // namespace bare::detail
