// bare/detail/hash/bitmask.hpp — the result of matching a group of control bytes: which of
// the group's 15 slots matched, one bit (or, on NEON, one bit per 4) per slot.
#pragma once

#include <cstddef>
#include <cstdint>

#include "bare/config.hpp"

namespace bare::detail::hash {

// Slots whose bit is set in `bits`; slot i owns bits [i << Shift, (i + 1) << Shift), of which
// at most one is set. Bits of the overflow byte (slot 15) are never set.
template <class W, unsigned Shift>
struct bitmask {
  W bits;

  constexpr explicit operator bool() const noexcept { return bits != 0; }
  // The lowest matching slot. Precondition: *this (some bit set).
  BARE_ALWAYS_INLINE unsigned lowest() const noexcept {
    if constexpr (sizeof(W) > sizeof(unsigned)) return static_cast<unsigned>(__builtin_ctzll(bits)) >> Shift;
    else return static_cast<unsigned>(__builtin_ctz(bits)) >> Shift;
  }
  BARE_ALWAYS_INLINE void clear_lowest() noexcept { bits &= bits - 1; }
  // Only the slots after slot i. Precondition: i < 15.
  BARE_ALWAYS_INLINE constexpr bitmask after(std::size_t i) const noexcept {
    return bitmask{static_cast<W>(bits & (~W(0) << ((i + 1) << Shift)))};
  }
  // Without slot i.
  BARE_ALWAYS_INLINE constexpr bitmask without(std::size_t i) const noexcept {
    return bitmask{static_cast<W>(bits & ~(W(1) << ((i << Shift) + (1u << Shift) - 1)))};
  }
  constexpr bitmask operator|(bitmask o) const noexcept { return bitmask{static_cast<W>(bits | o.bits)}; }
  // The matching slots as a 15-bit set (bit i: slot i), whatever the representation.
  constexpr std::uint32_t slots() const noexcept {
    std::uint32_t out = 0;
    for (unsigned i = 0; i < 15; ++i)
      if ((bits >> (i << Shift)) & ((W(1) << (1u << Shift)) - 1)) out |= 1u << i;
    return out;
  }
};

}  // namespace bare::detail::hash
