// bare/fixed_string.hpp — fixed_string<N>: a UTF-8 string of at most N bytes stored inside the
// object (heapless's String, ETL's string<N>). It never allocates.
//
// It is string's algorithm (detail::string_core) over a fixed_vec<char, N>: the same API (push,
// insert, replace_range, retain, drain, search, ...) and the same strong guarantee. What does
// not fit is alloc_errc::full and the string is unchanged (try_X) or a panic (X, declared
// also under BARE_NO_GLOBAL_OOM_HANDLING); text is never truncated silently, and never cut in
// the middle of a code point. A part of the string inserted into itself moves in place.
// c_str() needs one byte of spare room for the NUL: a fixed_string<N + 1> holds N bytes and
// always has it.
// A fixed_string converts to string_buf (bare/string_buf.hpp), so that one function serves
// every N.
//
// Layout: N bytes, then the length in the smallest unsigned type that holds N:
// sizeof(fixed_string<16>) == 17. Copyable (a copy of the bytes).
//
// constexpr (C++20): a fixed_string can be built at compile time, and a constexpr variable is
// then constant data in read-only memory (.rodata, flash):
//   constexpr bare::fixed_string<16> name("sensor-01");
// Usable in constant evaluation: construction from a str (a literal) and try_from / from,
// copy and move, appending (try_push_str / push_str / append, try_push_back / push_back, +=),
// comparison with strings and str, and every read (size, data, as_str, find, contains,
// starts_with / ends_with, slice, chars). Not: insertion, replace_range, removal (pop,
// remove, truncate, clear, drain, retain), integer formatting, c_str, string_buf views.
#pragma once

#include <cstddef>
#include <span>
#include <utility>

#include "bare/detail/string_core.hpp"
#include "bare/fixed_vec.hpp"
#include "bare/result.hpp"
#include "bare/str.hpp"

namespace bare {

template <std::size_t N>
class fixed_string : public detail::string_core<fixed_vec<char, N>> {
  using core = detail::string_core<fixed_vec<char, N>>;
  using core::buf_;

 public:
  // Empty. O(1).
  constexpr fixed_string() noexcept = default;
  // A copy of s. O(n). Panics if s.size() > N.
  constexpr fixed_string(str s) noexcept { this->push_str(s); }  // NOLINT: implicit, like a literal
  // A copy of s; alloc_errc::full if s.size() > N. O(n).
  static constexpr result<fixed_string> try_from(str s) noexcept {
    fixed_string f;
    if (auto r = f.try_push_str(s); !r) return err(r.error());
    return f;
  }
  static constexpr fixed_string from(str s) noexcept { return fixed_string(s); }
  constexpr fixed_string(const fixed_string&) = default;
  constexpr fixed_string(fixed_string&&) noexcept = default;
  constexpr fixed_string& operator=(const fixed_string&) = default;
  constexpr fixed_string& operator=(fixed_string&&) noexcept = default;

  constexpr fixed_string& operator+=(str s) noexcept {
    this->push_str(s);
    return *this;
  }
  constexpr fixed_string& operator+=(char32_t c) noexcept {
    this->push_back(c);
    return *this;
  }

  // Moves bytes [at, size()) into a new fixed_string (at a char boundary); never fails.
  // O(size() - at).
  fixed_string split_off(std::size_t at, source_loc where = source_loc::current()) noexcept {
    if (at > this->size()) panic("bare::string::split_off: index out of range", where);
    this->check_boundary_(at, where);
    fixed_string out;
    out.buf_ = buf_.split_off(at);
    return out;
  }

  // The bytes. O(1). (From untrusted bytes: str::from_utf8 validates, then try_from.)
  constexpr const fixed_vec<char, N>& as_bytes() const noexcept { return buf_; }

  void swap(fixed_string& o) noexcept { buf_.swap(o.buf_); }
  friend void swap(fixed_string& a, fixed_string& b) noexcept { a.swap(b); }
};

template <std::size_t N>
struct is_trivially_relocatable<fixed_string<N>> : std::true_type {};

}  // namespace bare
