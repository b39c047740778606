// bare/detail/hash/group_wasm.hpp — the WebAssembly group (when compiled with -msimd128): one
// i8x16 compare and bitmask per match.
#pragma once

// Defined only where the instructions exist (wasm compiled with -msimd128); empty elsewhere.
#if defined(__wasm_simd128__)

#include <wasm_simd128.h>

#include <cstdint>

#include "bare/detail/hash/bitmask.hpp"

namespace bare::detail::hash {

struct group_wasm {
  using mask = bitmask<std::uint32_t, 0>;
  v128_t v;

  BARE_ALWAYS_INLINE static group_wasm load(const std::uint8_t* p) noexcept { return group_wasm{wasm_v128_load(p)}; }
  BARE_ALWAYS_INLINE mask match_word(std::uint32_t w) const noexcept {
    return mask{static_cast<std::uint32_t>(wasm_i8x16_bitmask(wasm_i8x16_eq(v, wasm_i32x4_splat(static_cast<int>(w))))) & 0x7FFFu};
  }
  BARE_ALWAYS_INLINE mask match(std::uint8_t b) const noexcept {
    return mask{static_cast<std::uint32_t>(wasm_i8x16_bitmask(wasm_i8x16_eq(v, wasm_u8x16_splat(b)))) & 0x7FFFu};
  }
  BARE_ALWAYS_INLINE mask match_empty() const noexcept {
    return mask{static_cast<std::uint32_t>(wasm_i8x16_bitmask(wasm_i8x16_eq(v, wasm_i8x16_const_splat(0)))) & 0x7FFFu};
  }
  BARE_ALWAYS_INLINE mask match_occupied() const noexcept { return mask{~match_empty().bits & 0x7FFFu}; }
};

}  // namespace bare::detail::hash

#endif  // defined(__wasm_simd128__)
