// bare/str.hpp — bare::str, a borrowed UTF-8 string (pointer + length; Rust's &str), and the
// code point iteration and search that bare::string shares with it.
//
// A str always holds valid UTF-8. It is made from
//   - a string literal, checked at compile time:  bare::str s = "grüße";  (an invalid literal
//     does not compile: the error names string_literal_is_not_valid_utf8),
//   - bytes checked at run time:  str::from_utf8(span) / from_cstr(p) -> result<str, utf8_error>,
//   - bytes the caller vouches for:  str::from_utf8_unchecked(p, n),
//   - a bare::string (as_str(), or implicitly).
// It does not own its bytes; they must outlive it. Nothing here allocates.
// (<string_view> is not freestanding; bare/std_interop.hpp converts to std::string_view.)
#pragma once

#include <compare>
#include <cstddef>
#include <optional>
#include <span>

#include "bare/detail/utf8.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"

namespace bare {

// Not constexpr on purpose: reaching it at compile time is the error message.
inline void string_literal_is_not_valid_utf8() noexcept {}

// Iterates the code points of valid UTF-8 (bidirectional). Dereferences to char32_t.
class char_iterator {
 public:
  using value_type = char32_t;
  using difference_type = std::ptrdiff_t;
  constexpr char_iterator() noexcept = default;
  constexpr char_iterator(const char* base, std::size_t pos) noexcept : base_(base), pos_(pos) {}
  constexpr char32_t operator*() const noexcept {
    unsigned len = 0;
    return detail::utf8_decode(base_ + pos_, &len);
  }
  constexpr char_iterator& operator++() noexcept {
    pos_ += detail::utf8_sequence_length(static_cast<unsigned char>(base_[pos_]));
    return *this;
  }
  constexpr char_iterator operator++(int) noexcept {
    auto t = *this;
    ++*this;
    return t;
  }
  constexpr char_iterator& operator--() noexcept {
    pos_ = detail::utf8_prev_boundary(base_, pos_);
    return *this;
  }
  constexpr char_iterator operator--(int) noexcept {
    auto t = *this;
    --*this;
    return t;
  }
  // The byte offset of the current code point.
  constexpr std::size_t offset() const noexcept { return pos_; }
  friend constexpr bool operator==(const char_iterator& a, const char_iterator& b) noexcept {
    return a.pos_ == b.pos_;
  }

 private:
  const char* base_ = nullptr;
  std::size_t pos_ = 0;
};

// A code point and the byte offset where it starts (char_indices()).
struct char_index {
  std::size_t index;
  char32_t ch;
};

class char_index_iterator {
 public:
  using value_type = char_index;
  using difference_type = std::ptrdiff_t;
  constexpr char_index_iterator() noexcept = default;
  constexpr explicit char_index_iterator(char_iterator it) noexcept : it_(it) {}
  constexpr char_index operator*() const noexcept { return {it_.offset(), *it_}; }
  constexpr char_index_iterator& operator++() noexcept {
    ++it_;
    return *this;
  }
  constexpr char_index_iterator operator++(int) noexcept {
    auto t = *this;
    ++it_;
    return t;
  }
  constexpr char_index_iterator& operator--() noexcept {
    --it_;
    return *this;
  }
  constexpr char_index_iterator operator--(int) noexcept {
    auto t = *this;
    --it_;
    return t;
  }
  friend constexpr bool operator==(const char_index_iterator&, const char_index_iterator&) noexcept = default;

 private:
  char_iterator it_;
};

template <class It>
struct char_range {
  It first, last;
  constexpr It begin() const noexcept { return first; }
  constexpr It end() const noexcept { return last; }
};

class str {
 public:
  // The empty string. O(1).
  constexpr str() noexcept = default;

  // A string literal, validated at compile time (an invalid one does not compile). The
  // terminating NUL is not part of the str.
  template <std::size_t N>
  consteval str(const char (&lit)[N]) noexcept : p_(lit), n_(N - 1) {  // NOLINT: implicit by design
    utf8_error e;
    if (lit[N - 1] != '\0' || !detail::utf8_validate(lit, N - 1, &e)) string_literal_is_not_valid_utf8();
  }

  // Bytes checked at run time. O(n), never allocates.
  static constexpr result<str, utf8_error> from_utf8(std::span<const char> bytes) noexcept {
    utf8_error e;
    if (!detail::utf8_validate(bytes.data(), bytes.size(), &e)) return err(e);
    return from_utf8_unchecked(bytes.data(), bytes.size());
  }
  static constexpr result<str, utf8_error> from_utf8(const char* p, std::size_t n) noexcept {
    return from_utf8(std::span<const char>(p, n));
  }
  // A NUL-terminated C string (not including the NUL). O(n).
  static constexpr result<str, utf8_error> from_cstr(const char* p) noexcept {
    std::size_t n = 0;
    while (p[n] != '\0') ++n;
    return from_utf8(p, n);
  }
  // Bytes the caller guarantees to be valid UTF-8 (not checked). O(1).
  static constexpr str from_utf8_unchecked(const char* p, std::size_t n) noexcept {
    str s;
    s.p_ = n != 0 ? p : "";
    s.n_ = n;
    return s;
  }

  // ---- bytes -------------------------------------------------------------------------------
  constexpr const char* data() const noexcept { return p_; }
  constexpr std::size_t size() const noexcept { return n_; }
  constexpr bool empty() const noexcept { return n_ == 0; }
  constexpr std::span<const char> bytes() const noexcept { return {p_, n_}; }
  constexpr const char* begin() const noexcept { return p_; }
  constexpr const char* end() const noexcept { return p_ + n_; }
  // The byte at i. Panics if i >= size().
  constexpr char operator[](std::size_t i) const noexcept {
    BARE_CHECK(i < n_, "bare::str: index out of range");
    return p_[i];
  }

  // ---- code points -------------------------------------------------------------------------
  // Whether a code point starts at byte i (also true at 0 and at size()). O(1).
  constexpr bool is_char_boundary(std::size_t i) const noexcept {
    if (i == 0 || i == n_) return true;
    return i < n_ && (static_cast<unsigned char>(p_[i]) & 0xC0u) != 0x80u;
  }
  // The code points, in order (reverse with --). O(1) to make, O(n) to walk.
  constexpr char_range<char_iterator> chars() const noexcept {
    return {char_iterator(p_, 0), char_iterator(p_, n_)};
  }
  // The code points with their byte offsets.
  constexpr char_range<char_index_iterator> char_indices() const noexcept {
    return {char_index_iterator(char_iterator(p_, 0)), char_index_iterator(char_iterator(p_, n_))};
  }
  // Number of code points. O(n).
  constexpr std::size_t char_count() const noexcept {
    std::size_t c = 0;
    for (std::size_t i = 0; i < n_; ++i) c += (static_cast<unsigned char>(p_[i]) & 0xC0u) != 0x80u;
    return c;
  }

  // Bytes [first, last). Panics unless first <= last <= size() and both are char boundaries.
  constexpr str slice(std::size_t first, std::size_t last, source_loc where = source_loc::current()) const noexcept {
    if (first > last || last > n_) panic("bare::str: slice out of range", where);
    if (!is_char_boundary(first) || !is_char_boundary(last)) panic("bare::str: slice not at a char boundary", where);
    return from_utf8_unchecked(p_ + first, last - first);
  }
  // Bytes from first to the end (same checks).
  constexpr str slice_from(std::size_t first, source_loc where = source_loc::current()) const noexcept {
    return slice(first, n_, where);
  }

  // ---- search (O(size() * needle.size()) worst case; never allocates) --------------------
  constexpr bool starts_with(str s) const noexcept { return s.n_ <= n_ && eq_bytes_(p_, s.p_, s.n_); }
  constexpr bool ends_with(str s) const noexcept { return s.n_ <= n_ && eq_bytes_(p_ + n_ - s.n_, s.p_, s.n_); }
  constexpr bool starts_with(char32_t c) const noexcept { return n_ != 0 && *chars().begin() == c; }
  constexpr bool ends_with(char32_t c) const noexcept { return n_ != 0 && *--chars().end() == c; }
  // The byte offset of the first occurrence of s at or after byte `from`, if any.
  constexpr std::optional<std::size_t> find(str s, std::size_t from = 0) const noexcept {
    if (s.n_ > n_ || from > n_ - s.n_) return std::nullopt;
    if (s.n_ == 0) return from;
    for (std::size_t i = from; i + s.n_ <= n_; ++i)
      if (p_[i] == s.p_[0] && eq_bytes_(p_ + i + 1, s.p_ + 1, s.n_ - 1)) return i;
    return std::nullopt;
  }
  constexpr std::optional<std::size_t> find(char32_t c, std::size_t from = 0) const noexcept {
    char buf[4] = {};
    return detail::is_scalar_value(c) ? find(encoded_(c, buf), from) : std::nullopt;
  }
  // The byte offset of the last occurrence.
  constexpr std::optional<std::size_t> rfind(str s) const noexcept {
    if (s.n_ > n_) return std::nullopt;
    for (std::size_t i = n_ - s.n_ + 1; i-- > 0;)
      if (eq_bytes_(p_ + i, s.p_, s.n_)) return i;
    return std::nullopt;
  }
  constexpr std::optional<std::size_t> rfind(char32_t c) const noexcept {
    char buf[4] = {};
    return detail::is_scalar_value(c) ? rfind(encoded_(c, buf)) : std::nullopt;
  }
  constexpr bool contains(str s) const noexcept { return find(s).has_value(); }
  constexpr bool contains(char32_t c) const noexcept { return find(c).has_value(); }

  // Equal when ASCII letters are compared without case. O(n).
  constexpr bool eq_ignore_ascii_case(str s) const noexcept {
    if (s.n_ != n_) return false;
    for (std::size_t i = 0; i < n_; ++i)
      if (ascii_lower(p_[i]) != ascii_lower(s.p_[i])) return false;
    return true;
  }
  static constexpr char ascii_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
  static constexpr char ascii_upper(char c) noexcept { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; }

  // Byte-wise comparison, which for UTF-8 is code point order. O(n).
  friend constexpr bool operator==(str a, str b) noexcept { return a.n_ == b.n_ && eq_bytes_(a.p_, b.p_, a.n_); }
  friend constexpr std::strong_ordering operator<=>(str a, str b) noexcept {
    const std::size_t n = a.n_ < b.n_ ? a.n_ : b.n_;
    if (!__builtin_is_constant_evaluated()) {  // one memcmp (btree_map<string> keys: ~1.3x faster lookups)
      const int c = n == 0 ? 0 : __builtin_memcmp(a.p_, b.p_, n);
      return c != 0 ? c <=> 0 : a.n_ <=> b.n_;
    }
    for (std::size_t i = 0; i < n; ++i) {
      const auto x = static_cast<unsigned char>(a.p_[i]), y = static_cast<unsigned char>(b.p_[i]);
      if (x != y) return x <=> y;
    }
    return a.n_ <=> b.n_;
  }

 private:
  static constexpr bool eq_bytes_(const char* a, const char* b, std::size_t n) noexcept {
    if (!__builtin_is_constant_evaluated()) return n == 0 || __builtin_memcmp(a, b, n) == 0;
    for (std::size_t i = 0; i < n; ++i)
      if (a[i] != b[i]) return false;
    return true;
  }
  static constexpr str encoded_(char32_t c, char* buf) noexcept {
    return from_utf8_unchecked(buf, detail::utf8_encode(c, buf));
  }

  // Invariant: [p_, p_ + n_) is valid UTF-8; p_ is never null.
  const char* p_ = "";
  std::size_t n_ = 0;
};

}  // namespace bare
