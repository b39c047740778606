// bare/detail/hash/group_sse2.hpp — the x86-64 group: one SSE2 compare and movemask per match.
#pragma once

// Defined only where the instructions exist (x86 with SSE2); empty elsewhere.
#if defined(__SSE2__)

#include <emmintrin.h>

#include <cstdint>

#include "bare/detail/hash/bitmask.hpp"

namespace bare::detail::hash {

struct group_sse2 {
  using mask = bitmask<std::uint32_t, 0>;
  __m128i v;

  // Precondition: p is 16-byte aligned.
  BARE_ALWAYS_INLINE static group_sse2 load(const std::uint8_t* p) noexcept {
    return group_sse2{_mm_load_si128(reinterpret_cast<const __m128i*>(p))};
  }
  // Slots whose byte is the byte w holds in each of its four bytes.
  BARE_ALWAYS_INLINE mask match_word(std::uint32_t w) const noexcept {
    const __m128i eq = _mm_cmpeq_epi8(v, _mm_shuffle_epi32(_mm_cvtsi32_si128(static_cast<int>(w)), 0));
    return mask{static_cast<std::uint32_t>(_mm_movemask_epi8(eq)) & 0x7FFFu};
  }
  BARE_ALWAYS_INLINE mask match(std::uint8_t b) const noexcept { return match_word(b * 0x01010101u); }
  BARE_ALWAYS_INLINE mask match_empty() const noexcept {
    return mask{static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128()))) & 0x7FFFu};
  }
  BARE_ALWAYS_INLINE mask match_occupied() const noexcept {
    return mask{~static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128()))) & 0x7FFFu};
  }
};

}  // namespace bare::detail::hash

#endif  // defined(__SSE2__)
