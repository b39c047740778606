// bare/detail/hash/group_swar.hpp — the portable group: 16 control bytes matched with word
// arithmetic (SIMD within a register). Built on every target and tested against the SIMD
// groups on x86-64 (tests/unit/hash_group_test.cpp), whichever group a target uses.
//
// Matching is exact (no false positives, unlike the classic has-zero-byte trick): for each
// byte b of v, zero_bytes(v) has 0x80 iff b == 0. ((b & 0x7F) + 0x7F sets bit 7 iff the low
// seven bits are not all zero, never carries out of the byte; or-ing b adds its bit 7.)
// Then gather() packs the bytes' top bits into consecutive bits with one multiply: for a word
// of eight bytes, bit 7 of byte k, moved to bit 8k, times sum(2^(7j)) lands on bit 56 + k for
// k + j = 7, and every other (k, j) term on a bit of its own below 56 or above 63 (8k + 7j
// takes distinct values), so nothing carries; likewise for four bytes (bits 21 + k).
#pragma once

#include <cstdint>
#include <type_traits>

#include "bare/detail/hash/bitmask.hpp"

namespace bare::detail::hash {

// W: the word, std::uint64_t or std::uint32_t (16 / sizeof(W) words per group).
template <class W>
struct group_swar {
  static_assert(std::is_same_v<W, std::uint64_t> || std::is_same_v<W, std::uint32_t>);
  using mask = bitmask<std::uint32_t, 0>;
  static constexpr unsigned words = 16 / sizeof(W);
  static constexpr W ones = static_cast<W>(~W(0)) / 0xFF;  // 0x0101...
  static constexpr W low7 = ones * 0x7F;

  W w[words];

  // The 16 control bytes at p. Precondition: p is 16-byte aligned.
  BARE_ALWAYS_INLINE static group_swar load(const std::uint8_t* p) noexcept {
    group_swar g;
    __builtin_memcpy(g.w, p, 16);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    for (W& x : g.w) {
      if constexpr (sizeof(W) == 8) x = __builtin_bswap64(x);
      else x = __builtin_bswap32(x);
    }
#endif
    return g;
  }
  // Slots (0..14) whose byte is b.
  BARE_ALWAYS_INLINE mask match(std::uint8_t b) const noexcept { return match_pattern(ones * b); }
  // Slots whose byte is the byte w holds in each of its four bytes.
  BARE_ALWAYS_INLINE mask match_word(std::uint32_t w) const noexcept {
    if constexpr (sizeof(W) == 8) return match_pattern(w * 0x0000000100000001ull);
    else return match_pattern(w);
  }
  BARE_ALWAYS_INLINE mask match_pattern(W pattern) const noexcept {
    std::uint32_t m = 0;
    for (unsigned i = 0; i < words; ++i) m |= gather(zero_bytes(w[i] ^ pattern)) << (i * sizeof(W));
    return mask{m & 0x7FFFu};
  }
  // Slots whose byte is 0 (empty).
  BARE_ALWAYS_INLINE mask match_empty() const noexcept {
    std::uint32_t m = 0;
    for (unsigned i = 0; i < words; ++i) m |= gather(zero_bytes(w[i])) << (i * sizeof(W));
    return mask{m & 0x7FFFu};
  }
  // Slots whose byte is not 0 (full, or the sentinel).
  BARE_ALWAYS_INLINE mask match_occupied() const noexcept { return mask{~match_empty().bits & 0x7FFFu}; }

  // 0x80 in each byte of v that is zero, 0 in the others.
  BARE_ALWAYS_INLINE static constexpr W zero_bytes(W v) noexcept {
    return static_cast<W>(~(((v & low7) + low7) | v | low7));
  }
  // Bit 7 of each byte of t (t has no other bits) packed into bits 0 .. sizeof(W) - 1.
  BARE_ALWAYS_INLINE static constexpr std::uint32_t gather(W t) noexcept {
    if constexpr (sizeof(W) == 8) return static_cast<std::uint32_t>(((t >> 7) * 0x0102040810204080ull) >> 56);
    else return static_cast<std::uint32_t>((((t >> 7) * 0x00204081u) >> 21) & 0xFu);
  }
};

}  // namespace bare::detail::hash
