// Helpers shared by the str / string unit tests: byte strings written as numbers (no "\x"
// escape swallowing the next hex digit), conversions to std::string for readable comparisons,
// strings built through the try_ API (usable in every configuration), and the death-test
// macros that check the caller's line.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <initializer_list>
#include <ostream>
#include <string>

#include "bare/str.hpp"
#include "bare/string.hpp"
#include "support/death.hpp"

namespace bare {
// gtest output: the bytes, with non-ASCII ones as \xNN.
inline void PrintTo(str s, std::ostream* os) {
  static const char hex[] = "0123456789ABCDEF";
  *os << '"';
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x20 && b < 0x7F) *os << c;
    else *os << "\\x" << hex[b >> 4] << hex[b & 15];
  }
  *os << '"';
}
template <allocator A>
void PrintTo(const string<A>& s, std::ostream* os) {
  PrintTo(s.as_str(), os);
}
inline std::ostream& operator<<(std::ostream& os, const utf8_error& e) {
  return os << "{valid_up_to " << e.valid_up_to << ", error_len " << unsigned{e.error_len} << "}";
}
}  // namespace bare

namespace bare_test {

// Bytes given as numbers: B({0xE2, 0x82, 0xAC}) is the euro sign.
inline std::string B(std::initializer_list<int> bytes) {
  std::string s;
  for (int b : bytes) s += static_cast<char>(static_cast<unsigned char>(b));
  return s;
}

inline std::string std_of(bare::str s) { return std::string(s.data(), s.size()); }

// The str of bytes the test knows to be UTF-8 (checked).
inline bare::str str_of(const std::string& s) {
  auto r = bare::str::from_utf8(s.data(), s.size());
  if (!r) {
    ADD_FAILURE() << "str_of: not UTF-8";
    return {};
  }
  return *r;
}

// A string<A> holding utf8 with `extra` bytes of spare capacity (capacity exactly
// size() + extra), built with the try_ API.
template <class A = bare::global>
bare::string<A> make_string(const std::string& utf8, std::size_t extra = 0, A a = A()) {
  auto s = bare::string<A>::try_with_capacity(utf8.size() + extra, a);
  if (!s) {
    ADD_FAILURE() << "make_string: allocation failed";
    return bare::string<A>(a);
  }
  if (!s->try_push_str(str_of(utf8))) ADD_FAILURE() << "make_string: allocation failed";
  return static_cast<bare::string<A>&&>(*s);
}

// The UTF-8 encoding of a scalar value, by the test's own straightforward encoder.
inline std::string encode(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

// The code points of UTF-8 text, decoded by the test's own straightforward decoder (valid
// input only).
inline std::u32string decode(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t c = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out += c;
    i += static_cast<std::size_t>(n);
  }
  return out;
}

}  // namespace bare_test

// EXPECT_PANIC_AT(stmt, msg): stmt panics with a message matching msg, reported at this line
// (the caller's, passed down through a defaulted source_loc). EXPECT_PANIC: any location.
#define EXPECT_PANIC_AT(stmt, msg)                                                                           \
  do {                                                                                                       \
    const unsigned line_ = __LINE__;                                                                         \
    auto call_ = [&] { stmt; };                                                                              \
    EXPECT_EXIT(call_(), ::testing::ExitedWithCode(::bare_test::panic_exit),                                 \
                ::bare_test::panic_regex(msg, __FILE__, line_));                                             \
  } while (0)
#define EXPECT_PANIC(stmt, msg) EXPECT_EXIT(stmt, ::testing::ExitedWithCode(::bare_test::panic_exit), msg)
