// bare/detail/format.hpp — integer to text without snprintf (string::append_int/append_hex and
// the fixed-capacity strings share it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace bare::detail {

// Enough for any 64-bit integer in base 10 with a sign, or in base 16.
inline constexpr std::size_t max_int_chars = 20 + 1;

// The digit characters of bases up to 16.
constexpr const char* format_digits(bool upper) noexcept {
  return upper ? "0123456789ABCDEF" : "0123456789abcdef";
}

// Writes the digits of a 32-bit v in `base` (2..16) backwards, ending just before `end`, and
// returns the first character written. Divides in 32 bits only, so that formatting an int
// links no 64-bit division routine on a 32-bit target (__aeabi_uldivmod / __udivmoddi4: 700
// bytes on Cortex-M4), and pads nothing (a padding loop becomes a call of memset: 379 bytes
// of wasi-libc on wasm32).
constexpr char* format_unsigned32(std::uint32_t v, unsigned base, bool upper, char* end) noexcept {
  const char* digits = format_digits(upper);
  char* p = end;
  do {
    *--p = digits[v % base];
    v /= base;
  } while (v != 0);
  return p;
}

// The same for a 64-bit v: 64-bit divisions while v needs them, then format_unsigned32.
constexpr char* format_unsigned64(std::uint64_t v, unsigned base, bool upper, char* end) noexcept {
  const char* digits = format_digits(upper);
  char* p = end;
  while (v > 0xFFFFFFFFu) {
    *--p = digits[v % base];
    v /= base;
  }
  return format_unsigned32(static_cast<std::uint32_t>(v), base, upper, p);
}

// The same with at least min_digits digits (zero-padded).
constexpr char* format_unsigned(std::uint64_t v, unsigned base, unsigned min_digits, bool upper, char* end) noexcept {
  char* p = format_unsigned64(v, base, upper, end);
  while (static_cast<std::size_t>(end - p) < min_digits) *--p = '0';
  return p;
}

// Decimal digits of a magnitude: integer types of at most 32 bits take format_unsigned32.
constexpr char* format_magnitude(std::uint32_t v, char* end) noexcept { return format_unsigned32(v, 10, false, end); }
constexpr char* format_magnitude(std::uint64_t v, char* end) noexcept { return format_unsigned64(v, 10, false, end); }

// Decimal text of any integer (bool and character types excluded), backwards from end.
template <class T>
constexpr char* format_decimal(T value, char* end) noexcept {
  static_assert(std::is_integral_v<T> && !std::is_same_v<T, bool>, "format_decimal: an integer type");
  using U = std::conditional_t<(sizeof(T) <= 4), std::uint32_t, std::uint64_t>;
  if constexpr (std::is_signed_v<T>) {
    if (value < 0) {
      // -(value + 1) + 1 avoids overflowing on the minimum value.
      const U mag = static_cast<U>(-(value + 1)) + 1;
      char* p = format_magnitude(mag, end);
      *--p = '-';
      return p;
    }
  }
  return format_magnitude(static_cast<U>(value), end);
}

}  // namespace bare::detail
