// bare/detail/hash/group_neon.hpp — the AArch64 group: a NEON compare, then a shift-right-
// narrow that leaves four bits per byte in one 64-bit word (NEON has no movemask); the mask
// keeps the top bit of each slot's nibble, so a slot is one bit again (Shift 2).
#pragma once

// Defined only where the instructions exist (AArch64 with NEON); empty elsewhere.
#if defined(__aarch64__) && defined(__ARM_NEON)

#include <arm_neon.h>

#include <cstdint>

#include "bare/detail/hash/bitmask.hpp"

namespace bare::detail::hash {

struct group_neon {
  using mask = bitmask<std::uint64_t, 2>;
  uint8x16_t v;

  BARE_ALWAYS_INLINE static group_neon load(const std::uint8_t* p) noexcept { return group_neon{vld1q_u8(p)}; }
  BARE_ALWAYS_INLINE mask match_word(std::uint32_t w) const noexcept {
    return to_mask(vceqq_u8(v, vreinterpretq_u8_u32(vdupq_n_u32(w))));
  }
  BARE_ALWAYS_INLINE mask match(std::uint8_t b) const noexcept { return to_mask(vceqq_u8(v, vdupq_n_u8(b))); }
  BARE_ALWAYS_INLINE mask match_empty() const noexcept { return to_mask(vceqq_u8(v, vdupq_n_u8(0))); }
  BARE_ALWAYS_INLINE mask match_occupied() const noexcept { return to_mask(vtstq_u8(v, v)); }

  // 0xFF / 0x00 bytes -> bit 4i + 3 for slot i (slots 0..14).
  BARE_ALWAYS_INLINE static mask to_mask(uint8x16_t cmp) noexcept {
    const uint8x8_t nibbles = vshrn_n_u16(vreinterpretq_u16_u8(cmp), 4);
    return mask{vget_lane_u64(vreinterpret_u64_u8(nibbles), 0) & 0x0888888888888888ull};
  }
};

}  // namespace bare::detail::hash

#endif  // defined(__aarch64__) && defined(__ARM_NEON)
