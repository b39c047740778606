// bare/detail/format.hpp — integer to text without snprintf (string::append_int/append_hex and
// the fixed-capacity strings share it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace bare::detail {

// Enough for any 64-bit integer in base 10 with a sign, or in base 16.
inline constexpr std::size_t max_int_chars = 20 + 1;

// Writes the digits of v in `base` (2..16) backwards, ending just before `end`; at least
// min_digits digits (zero-padded). Returns the first character written. 32-bit values take a
// 32-bit division path (no 64-bit division routine on 32-bit targets for them).
constexpr char* format_unsigned(std::uint64_t v, unsigned base, unsigned min_digits, bool upper, char* end) noexcept {
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  char* p = end;
  while (v > 0xFFFFFFFFu) {
    *--p = digits[v % base];
    v /= base;
  }
  auto w = static_cast<std::uint32_t>(v);
  do {
    *--p = digits[w % base];
    w /= base;
  } while (w != 0);
  while (static_cast<std::size_t>(end - p) < min_digits) *--p = '0';
  return p;
}

// Decimal text of any integer (bool and character types excluded), backwards from end.
template <class T>
constexpr char* format_decimal(T value, char* end) noexcept {
  static_assert(std::is_integral_v<T> && !std::is_same_v<T, bool>, "format_decimal: an integer type");
  if constexpr (std::is_signed_v<T>) {
    if (value < 0) {
      // -(value + 1) + 1 avoids overflowing on the minimum value.
      const auto mag = static_cast<std::uint64_t>(-(value + 1)) + 1;
      char* p = format_unsigned(mag, 10, 1, false, end);
      *--p = '-';
      return p;
    }
  }
  return format_unsigned(static_cast<std::uint64_t>(value), 10, 1, false, end);
}

}  // namespace bare::detail
