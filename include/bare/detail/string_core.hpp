// bare/detail/string_core.hpp — string_core<Buf>: every algorithm of an owned UTF-8 string
// (Rust's String: push, insert, replace_range, retain, drain, search, ...) written once over a
// byte buffer Buf, which is a vec_core of char: vec<char, A> (string<A>), fixed_vec<char, N>
// (fixed_string<N>) or vec_view<char> (string_buf). One algorithm, three kinds of storage.
//
// Representation invariant: buf_'s bytes are valid UTF-8. Offsets are byte offsets; one that
// must be a char boundary and is not panics through the handler (as Rust's String does).
// Every operation that may need room comes as try_X (-> result; on failure the string is
// unchanged: out_of_memory from an allocator, full from a fixed capacity) and X (the
// handler, or a panic when a fixed capacity is full; see detail/vec_core.hpp for when X is
// declared).
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <type_traits>
#include <utility>

#include "bare/detail/format.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/detail/utf8.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"
#include "bare/str.hpp"

namespace bare {

class string_buf;

namespace detail {

template <class Buf>
class string_core {
  template <class B2>
  friend class string_core;
  friend class bare::string_buf;

 protected:
  // Representation invariant: buf_'s bytes are valid UTF-8.
  Buf buf_;

  static constexpr bool growable_ = Buf::growable_;
  static constexpr bool infallible_ = Buf::infallible_;

  constexpr string_core() noexcept requires std::default_initializable<Buf> = default;
  template <class... A>
  constexpr explicit string_core(std::in_place_t, A&&... a) noexcept : buf_(static_cast<A&&>(a)...) {}

 public:
  using value_type = char;
  using size_type = std::size_t;

  // ---- size and capacity (bytes) -----------------------------------------------------------
  constexpr std::size_t size() const noexcept { return buf_.size(); }
  constexpr std::size_t length() const noexcept { return buf_.size(); }
  constexpr bool empty() const noexcept { return buf_.empty(); }
  constexpr std::size_t capacity() const noexcept { return buf_.capacity(); }
  // Room for `additional` more bytes (amortized / exact growth; full if a fixed capacity
  // lacks it).
  result<void> try_reserve(std::size_t additional) noexcept { return buf_.try_reserve(additional); }
  result<void> try_reserve_exact(std::size_t additional) noexcept { return buf_.try_reserve_exact(additional); }
  void reserve(std::size_t additional) noexcept requires infallible_ { buf_.reserve(additional); }
  void reserve_exact(std::size_t additional) noexcept requires infallible_ { buf_.reserve_exact(additional); }

  // ---- views -------------------------------------------------------------------------------
  constexpr str as_str() const noexcept { return str::from_utf8_unchecked(buf_.data(), buf_.size()); }
  constexpr operator str() const noexcept { return as_str(); }  // NOLINT: implicit by design
  constexpr const char* data() const noexcept { return buf_.data(); }
  constexpr std::span<const char> bytes() const noexcept { return buf_.as_span(); }
  constexpr const char* begin() const noexcept { return buf_.begin(); }
  constexpr const char* end() const noexcept { return buf_.end(); }
  constexpr char operator[](std::size_t i) const noexcept { return as_str()[i]; }
  constexpr auto chars() const noexcept { return as_str().chars(); }
  constexpr auto char_indices() const noexcept { return as_str().char_indices(); }
  constexpr std::size_t char_count() const noexcept { return as_str().char_count(); }  // code points; O(n)
  constexpr bool is_char_boundary(std::size_t i) const noexcept { return as_str().is_char_boundary(i); }
  constexpr str slice(std::size_t first, std::size_t last, source_loc where = source_loc::current()) const noexcept {
    return as_str().slice(first, last, where);
  }

  // A NUL-terminated copy for C interfaces: writes '\0' after the last byte (in the spare
  // capacity; if there is none, reserving room for one more byte by the growth policy; with
  // a fixed capacity: full if the string fills it). The NUL is not part of the string; the
  // pointer is valid until the string is next modified. O(1) amortised.
  result<const char*> try_c_str() noexcept {
    if (buf_.capacity() == buf_.size()) {
      auto r = buf_.try_reserve(1);
      if (!r) return err(r.error());
    }
    buf_.spare_capacity().data[0] = '\0';
    return static_cast<const char*>(buf_.data());
  }
  const char* c_str() noexcept requires infallible_ { return unwrap_or_fail<Buf::allocates_>(try_c_str()); }

  // ---- search (see str) --------------------------------------------------------------------
  constexpr std::optional<std::size_t> find(str s, std::size_t from = 0) const noexcept { return as_str().find(s, from); }
  constexpr std::optional<std::size_t> find(char32_t c, std::size_t from = 0) const noexcept {
    return as_str().find(c, from);
  }
  constexpr std::optional<std::size_t> rfind(str s) const noexcept { return as_str().rfind(s); }
  constexpr std::optional<std::size_t> rfind(char32_t c) const noexcept { return as_str().rfind(c); }
  constexpr bool contains(str s) const noexcept { return as_str().contains(s); }
  constexpr bool contains(char32_t c) const noexcept { return as_str().contains(c); }
  constexpr bool starts_with(str s) const noexcept { return as_str().starts_with(s); }
  constexpr bool starts_with(char32_t c) const noexcept { return as_str().starts_with(c); }
  constexpr bool ends_with(str s) const noexcept { return as_str().ends_with(s); }
  constexpr bool ends_with(char32_t c) const noexcept { return as_str().ends_with(c); }

  // ---- appending (amortised O(added bytes); may allocate; on failure nothing changed) -----

  // Appends code point c, UTF-8 encoded. Panics if c is not a Unicode scalar value
  // (a surrogate or above U+10FFFF).
  constexpr result<void> try_push_back(char32_t c, source_loc where = source_loc::current()) noexcept {
    char b[4];
    return buf_.try_extend_from(std::span<const char>(b, encode_(c, b, where)));
  }
  // Appends s (which may be a part of this string).
  constexpr result<void> try_push_str(str s) noexcept { return buf_.try_extend_from(s.bytes()); }
  constexpr result<void> try_append(str s) noexcept { return try_push_str(s); }
  // Appends the decimal text of an integer (e.g. -42). Never more than 21 bytes.
  template <class T>
    requires std::is_integral_v<T> && (!std::is_same_v<T, bool>) && (!std::is_same_v<T, char>) &&
             (!std::is_same_v<T, char8_t>) && (!std::is_same_v<T, char16_t>) && (!std::is_same_v<T, char32_t>) &&
             (!std::is_same_v<T, wchar_t>)
  result<void> try_append_int(T value) noexcept {
    char buf[max_int_chars];
    char* end = buf + sizeof buf;
    return buf_.try_extend_from(span_(format_decimal(value, end), end));
  }
  // Appends the hexadecimal digits of value (no prefix), at least min_digits (<= 16) of
  // them, zero-padded; lower case unless upper.
  result<void> try_append_hex(std::uint64_t value, unsigned min_digits = 1, bool upper = false) noexcept {
    char buf[max_int_chars];
    char* end = buf + sizeof buf;
    return buf_.try_extend_from(span_(format_unsigned(value, 16, min_digits > 16 ? 16 : min_digits, upper, end), end));
  }

  constexpr void push_back(char32_t c, source_loc where = source_loc::current()) noexcept requires infallible_ {
    unwrap_or_fail<Buf::allocates_>(try_push_back(c, where));
  }
  constexpr void push_str(str s) noexcept requires infallible_ { unwrap_or_fail<Buf::allocates_>(try_push_str(s)); }
  constexpr void append(str s) noexcept requires infallible_ { unwrap_or_fail<Buf::allocates_>(try_push_str(s)); }
  template <class T>
  void append_int(T value) noexcept requires infallible_ && requires(string_core& s, T v) { s.try_append_int(v); }
  {
    unwrap_or_fail<Buf::allocates_>(try_append_int(value));
  }
  void append_hex(std::uint64_t value, unsigned min_digits = 1, bool upper = false) noexcept requires infallible_ {
    unwrap_or_fail<Buf::allocates_>(try_append_hex(value, min_digits, upper));
  }

  // ---- inserting (O(size() + added); may allocate; idx must be a char boundary) ----------

  result<void> try_insert(std::size_t idx, char32_t c, source_loc where = source_loc::current()) noexcept {
    check_boundary_(idx, where);
    char b[4];
    return try_insert_bytes_(idx, std::span<const char>(b, encode_(c, b, where)));
  }
  // Inserts s (which may be a part of this string: with growable storage it is then copied
  // first, a temporary allocation of s.size() bytes; with a fixed capacity it is moved in
  // place, no copy).
  result<void> try_insert_str(std::size_t idx, str s, source_loc where = source_loc::current()) noexcept {
    check_boundary_(idx, where);
    if (!overlaps_(s)) return try_insert_bytes_(idx, s.bytes());
    if constexpr (growable_) {
      auto copy = Buf::try_from(s.bytes(), buf_.allocator());
      if (!copy) return err(copy.error());
      return try_insert_bytes_(idx, copy->as_span());
    } else {
      return replace_own_(idx, idx, s);
    }
  }
  // Replaces bytes [first, last) by s (which may be a part of this string). Both ends must be
  // char boundaries. O(size() + s.size()); allocates if the string grows past capacity, and
  // (first) a temporary copy of s when s is a part of this growable string.
  result<void> try_replace_range(std::size_t first, std::size_t last, str s,
                                 source_loc where = source_loc::current()) noexcept {
    check_range_(first, last, where);
    if (overlaps_(s)) {
      if constexpr (growable_) {
        auto copy = Buf::try_from(s.bytes(), buf_.allocator());
        if (!copy) return err(copy.error());
        return try_replace_range(first, last, str::from_utf8_unchecked(copy->data(), copy->size()), where);
      } else {
        return replace_own_(first, last, s);
      }
    }
    const std::size_t old_n = last - first, n = s.size(), len = size();
    if (n > old_n) {
      auto r = buf_.try_reserve(n - old_n);
      if (!r) return err(r.error());
    }
    char* d = buf_.data();
    if (n != old_n && len != last) __builtin_memmove(d + first + n, d + last, len - last);
    if (n != 0) __builtin_memcpy(d + first, s.data(), n);
    buf_.set_len(len - old_n + n);
    return {};
  }
  void insert(std::size_t idx, char32_t c, source_loc where = source_loc::current()) noexcept requires infallible_ {
    unwrap_or_fail<Buf::allocates_>(try_insert(idx, c, where));
  }
  void insert_str(std::size_t idx, str s, source_loc where = source_loc::current()) noexcept requires infallible_ {
    unwrap_or_fail<Buf::allocates_>(try_insert_str(idx, s, where));
  }
  void replace_range(std::size_t first, std::size_t last, str s, source_loc where = source_loc::current()) noexcept
    requires infallible_
  {
    unwrap_or_fail<Buf::allocates_>(try_replace_range(first, last, s, where));
  }

  // ---- removing (never allocate; invalidate views of the removed bytes and after) ---------

  // Removes and returns the last code point. O(1).
  std::optional<char32_t> pop() noexcept {
    if (empty()) return std::nullopt;
    const std::size_t at = utf8_prev_boundary(buf_.data(), size());
    unsigned len = 0;
    const char32_t c = utf8_decode(buf_.data() + at, &len);
    buf_.truncate(at);
    return c;
  }
  // Removes and returns the code point starting at byte idx. O(size()). Panics if idx is not
  // a char boundary or is size().
  char32_t remove(std::size_t idx, source_loc where = source_loc::current()) noexcept {
    if (idx >= size()) panic("bare::string::remove: index out of range", where);
    check_boundary_(idx, where);
    unsigned len = 0;
    const char32_t c = utf8_decode(buf_.data() + idx, &len);
    buf_.erase(buf_.begin() + idx, buf_.begin() + idx + len);
    return c;
  }
  // Keeps the first n bytes (no-op if n >= size()). Panics if n is not a char boundary. O(1).
  void truncate(std::size_t n, source_loc where = source_loc::current()) noexcept {
    if (n >= size()) return;
    check_boundary_(n, where);
    buf_.truncate(n);
  }
  void clear() noexcept { buf_.clear(); }
  // Removes bytes [first, last) (char boundaries). O(size()).
  void erase(std::size_t first, std::size_t last, source_loc where = source_loc::current()) noexcept {
    check_range_(first, last, where);
    buf_.erase(buf_.begin() + first, buf_.begin() + last);
  }
  // Keeps the code points for which pred(char32_t) is true, in order. O(size()).
  template <class Pred>
  void retain(Pred pred) noexcept {
    char* d = buf_.data();
    const std::size_t n = size();
    std::size_t r = 0, w = 0;
    while (r < n) {
      unsigned len = 0;
      const char32_t c = utf8_decode(d + r, &len);
      if (pred(c)) {
        if (w != r) __builtin_memmove(d + w, d + r, len);
        w += len;
      }
      r += len;
    }
    buf_.set_len(w);
  }

  // Removes bytes [first, last) (char boundaries) when the returned object is destroyed; until
  // then it iterates the removed code points. The string must not be used meanwhile.
  class drain_range {
   public:
    drain_range(const drain_range&) = delete;
    drain_range& operator=(const drain_range&) = delete;
    ~drain_range() { s_->buf_.erase(s_->buf_.begin() + first_, s_->buf_.begin() + last_); }
    char_iterator begin() const noexcept { return view_().chars().begin(); }
    char_iterator end() const noexcept { return view_().chars().end(); }
    str as_str() const noexcept { return view_(); }

   private:
    friend class string_core;
    drain_range(string_core* s, std::size_t first, std::size_t last) noexcept : s_(s), first_(first), last_(last) {}
    str view_() const noexcept { return str::from_utf8_unchecked(s_->data() + first_, last_ - first_); }
    string_core* s_;
    std::size_t first_, last_;
  };
  [[nodiscard]] drain_range drain(std::size_t first, std::size_t last, source_loc where = source_loc::current()) noexcept {
    check_range_(first, last, where);
    return drain_range(this, first, last);
  }

  // ---- ASCII case -------------------------------------------------------------------------
  // In place; other bytes are left alone. O(n), never allocates.
  void make_ascii_lowercase() noexcept {
    for (char& c : buf_.as_span()) c = str::ascii_lower(c);
  }
  void make_ascii_uppercase() noexcept {
    for (char& c : buf_.as_span()) c = str::ascii_upper(c);
  }

  // Byte-wise (code point order) comparisons, with any string kind, str and literals. O(n).
  template <class B2>
  friend constexpr bool operator==(const string_core& a, const string_core<B2>& b) noexcept {
    return a.as_str() == b.as_str();
  }
  friend constexpr bool operator==(const string_core& a, str b) noexcept { return a.as_str() == b; }
  template <class B2>
  friend constexpr std::strong_ordering operator<=>(const string_core& a, const string_core<B2>& b) noexcept {
    return a.as_str() <=> b.as_str();
  }
  friend constexpr std::strong_ordering operator<=>(const string_core& a, str b) noexcept { return a.as_str() <=> b; }

 protected:
  static std::span<const char> span_(const char* first, const char* last) noexcept {
    return {first, static_cast<std::size_t>(last - first)};
  }
  static constexpr unsigned encode_(char32_t c, char* out, source_loc where) noexcept {
    if (!is_scalar_value(c)) panic("bare::string: not a Unicode scalar value", where);
    return utf8_encode(c, out);
  }
  void check_boundary_(std::size_t i, source_loc where) const noexcept {
    if (i > size()) panic("bare::string: index out of range", where);
    if (!is_char_boundary(i)) panic("bare::string: index not at a char boundary", where);
  }
  void check_range_(std::size_t first, std::size_t last, source_loc where) const noexcept {
    if (first > last) panic("bare::string: range first > last", where);
    check_boundary_(first, where);
    check_boundary_(last, where);
  }
  bool overlaps_(str s) const noexcept {
    const auto b = reinterpret_cast<std::uintptr_t>(buf_.data()), p = reinterpret_cast<std::uintptr_t>(s.data());
    return !s.empty() && p >= b && p < b + buf_.size();
  }
  // Inserts bytes (not a part of this string) at idx. On failure nothing changed.
  result<void> try_insert_bytes_(std::size_t idx, std::span<const char> b) noexcept {
    auto r = buf_.try_insert(buf_.begin() + idx, b);
    if (!r) return err(r.error());
    return {};
  }
  // try_replace_range for an s inside this string, without a copy (the storage cannot
  // allocate one): the room is checked first, then the bytes move in place.
  // Preconditions: first <= last <= size() (boundaries); s lies inside [0, size()).
  result<void> replace_own_(std::size_t first, std::size_t last, str s) noexcept {
    char* d = buf_.data();
    const std::size_t len = size(), old_n = last - first, n = s.size();
    const std::size_t off = static_cast<std::size_t>(s.data() - d);
    if (n <= old_n) {  // s is copied before anything after it moves
      __builtin_memmove(d + first, d + off, n);
      if (n != old_n) __builtin_memmove(d + first + n, d + last, len - last);
      buf_.set_len(len - (old_n - n));
      return {};
    }
    const std::size_t grow = n - old_n;
    // Open the room at `last` (vec's insert: full if it does not fit, then nothing changed):
    // the bytes of s at or after `last` move by `grow`.
    if (auto r = buf_.try_insert(buf_.begin() + last, grow, '\0'); !r) return err(r.error());
    // s = a (the part before `last`, in place) + b (the part at or after it, moved); the
    // destination [first, first + n) ends at last + grow, before b's new place: write a,
    // then b (memmove: a may overlap its destination).
    const std::size_t a_end = off + n < last ? off + n : (off < last ? last : off);
    const std::size_t a_len = a_end - off;
    __builtin_memmove(d + first, d + off, a_len);
    if (a_len != n) __builtin_memmove(d + first + a_len, d + (off > last ? off : last) + grow, n - a_len);
    return {};
  }
};

}  // namespace detail
}  // namespace bare
