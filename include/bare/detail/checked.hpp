// bare/detail/checked.hpp — size arithmetic that reports overflow instead of wrapping.
#pragma once

#include <cstddef>
#include <cstdint>

namespace bare::detail {

// The largest byte size of one object bare will ask for: PTRDIFF_MAX, so that pointer
// differences inside any block are defined (Rust's isize::MAX rule).
inline constexpr std::size_t max_object_size = static_cast<std::size_t>(PTRDIFF_MAX);

// *out = a + b; returns false on overflow (then *out is unspecified).
[[nodiscard]] constexpr bool checked_add(std::size_t a, std::size_t b, std::size_t* out) noexcept {
  return !__builtin_add_overflow(a, b, out);
}

// *out = a * b; returns false on overflow.
[[nodiscard]] constexpr bool checked_mul(std::size_t a, std::size_t b, std::size_t* out) noexcept {
  return !__builtin_mul_overflow(a, b, out);
}

// Rounds `n` up to a multiple of `align` (a power of two); returns false on overflow.
[[nodiscard]] constexpr bool checked_align_up(std::size_t n, std::size_t align, std::size_t* out) noexcept {
  std::size_t r = 0;
  if (__builtin_add_overflow(n, align - 1, &r)) return false;
  *out = r & ~(align - 1);
  return true;
}

}  // namespace bare::detail
