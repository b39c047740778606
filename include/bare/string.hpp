// bare/string.hpp — string<A>: an owned, growable UTF-8 string (Rust's String).
//
// Representation: a vec<char, A> whose bytes are always valid UTF-8: the growth policy, the
// allocator use and the fallible machinery are vec's (one implementation, not two).
// sizeof(string<>) == 3 words. Operations take and return byte offsets; an offset that must be
// a char boundary and is not panics through the handler (as Rust's String does).
//
// Small-string optimisation: none, decided by measurement. With SSO, a string of up to 15
// (std::string) or 22 (libc++) bytes lives inside the object, which saves the allocation of
// short strings but costs a branch on every access, a larger object, and a second code path
// beside vec's. The benchmark rows `string/append` and `string/clone_short` (tools/bench.sh
// string) measure the trade: see bench/results/latest.md. A program that wants short strings
// without the heap has fixed_string<N>.
//
// Every allocating operation comes as try_X (-> result, strong guarantee: on failure the
// string is unchanged) and X (calls handle_alloc_error; absent under
// BARE_NO_GLOBAL_OOM_HANDLING).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <type_traits>

#include "bare/alloc/global.hpp"
#include "bare/detail/format.hpp"
#include "bare/detail/utf8.hpp"
#include "bare/str.hpp"
#include "bare/vec.hpp"

namespace bare {

template <allocator A = global>
class string {
  // Representation invariant: buf_'s bytes are valid UTF-8.
  vec<char, A> buf_;

  explicit string(vec<char, A>&& bytes) noexcept : buf_(static_cast<vec<char, A>&&>(bytes)) {}

 public:
  using value_type = char;
  using size_type = std::size_t;
  using allocator_type = A;

  // ---- construction ------------------------------------------------------------------------

  // Empty; never allocates. O(1).
  constexpr string() noexcept requires std::default_initializable<A> = default;
  constexpr explicit string(A a) noexcept : buf_(static_cast<A&&>(a)) {}
  string(string&&) noexcept = default;
  string& operator=(string&&) noexcept = default;
  string(const string&) = delete;  // copying allocates: clone() / try_clone()
  string& operator=(const string&) = delete;

  // A copy of s. O(n); allocates s.size() bytes (nothing for an empty s).
  static result<string> try_from(str s, A a = A()) noexcept {
    auto v = vec<char, A>::try_from(s.bytes(), static_cast<A&&>(a));
    if (!v) return err(v.error());
    return string(static_cast<vec<char, A>&&>(*v));
  }
  static result<string> try_with_capacity(std::size_t bytes, A a = A()) noexcept {
    auto v = vec<char, A>::try_with_capacity(bytes, static_cast<A&&>(a));
    if (!v) return err(v.error());
    return string(static_cast<vec<char, A>&&>(*v));
  }
  // Takes the bytes if they are UTF-8. O(n), never allocates. On error `bytes` is untouched
  // (still the caller's) and the error says where the first invalid sequence is.
  static result<string, utf8_error> from_utf8(vec<char, A>&& bytes) noexcept {
    utf8_error e;
    if (!detail::utf8_validate(bytes.data(), bytes.size(), &e)) return err(e);
    return string(static_cast<vec<char, A>&&>(bytes));
  }
  // Bytes the caller guarantees to be UTF-8. O(1).
  static string from_utf8_unchecked(vec<char, A>&& bytes) noexcept {
    return string(static_cast<vec<char, A>&&>(bytes));
  }
  // A copy of bytes with each maximal invalid sequence replaced by U+FFFD (Unicode's
  // "substitution of maximal subparts", as Rust's from_utf8_lossy). O(n); allocates once
  // when the bytes are valid, else grows as it goes.
  static result<string> try_from_utf8_lossy(std::span<const char> bytes, A a = A()) noexcept {
    auto valid = str::from_utf8(bytes);
    if (valid) return try_from(*valid, static_cast<A&&>(a));
    string s(static_cast<A&&>(a));
    if (auto r = s.try_reserve(bytes.size()); !r) return err(r.error());
    std::size_t i = 0;
    while (i < bytes.size()) {
      utf8_error e;
      const std::span<const char> rest = bytes.subspan(i);
      const bool ok = detail::utf8_validate(rest.data(), rest.size(), &e);
      const std::size_t good = ok ? rest.size() : e.valid_up_to;
      if (auto r = s.buf_.try_extend_from(rest.first(good)); !r) return err(r.error());
      i += good;
      if (ok) break;
      if (auto r = s.try_push_back(U'\uFFFD'); !r) return err(r.error());
      i += e.error_len != 0 ? e.error_len : rest.size() - good;
    }
    return s;
  }

  // Exchanges the string for its bytes. O(1).
  vec<char, A> into_bytes() && noexcept { return static_cast<vec<char, A>&&>(buf_); }

  // A copy. O(n); allocates size() bytes.
  result<string> try_clone() const noexcept { return try_from(as_str(), buf_.allocator()); }

#if BARE_OOM_HANDLING
  static string from(str s, A a = A()) noexcept { return detail::unwrap_or_handle(try_from(s, static_cast<A&&>(a))); }
  static string with_capacity(std::size_t bytes, A a = A()) noexcept {
    return detail::unwrap_or_handle(try_with_capacity(bytes, static_cast<A&&>(a)));
  }
  static string from_utf8_lossy(std::span<const char> bytes, A a = A()) noexcept {
    return detail::unwrap_or_handle(try_from_utf8_lossy(bytes, static_cast<A&&>(a)));
  }
  string clone() const noexcept { return detail::unwrap_or_handle(try_clone()); }
#endif

  // ---- size and capacity (bytes) -----------------------------------------------------------
  constexpr std::size_t size() const noexcept { return buf_.size(); }
  constexpr std::size_t length() const noexcept { return buf_.size(); }
  constexpr bool empty() const noexcept { return buf_.empty(); }
  constexpr std::size_t capacity() const noexcept { return buf_.capacity(); }
  constexpr const A& allocator() const noexcept { return buf_.allocator(); }
  result<void> try_reserve(std::size_t additional) noexcept { return buf_.try_reserve(additional); }
  result<void> try_reserve_exact(std::size_t additional) noexcept { return buf_.try_reserve_exact(additional); }
  result<void> try_shrink_to_fit() noexcept { return buf_.try_shrink_to_fit(); }
#if BARE_OOM_HANDLING
  void reserve(std::size_t additional) noexcept { buf_.reserve(additional); }
  void reserve_exact(std::size_t additional) noexcept { buf_.reserve_exact(additional); }
  void shrink_to_fit() noexcept { buf_.shrink_to_fit(); }
#endif

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
  constexpr bool is_char_boundary(std::size_t i) const noexcept { return as_str().is_char_boundary(i); }
  constexpr str slice(std::size_t first, std::size_t last, source_loc where = source_loc::current()) const noexcept {
    return as_str().slice(first, last, where);
  }

  // A NUL-terminated copy for C interfaces: writes '\0' after the last byte (in the spare
  // capacity, allocating one byte of room if there is none). The NUL is not part of the
  // string; the pointer is valid until the string is next modified. O(1) amortised.
  result<const char*> try_c_str() noexcept {
    if (buf_.capacity() == buf_.size()) {
      auto r = buf_.try_reserve(1);
      if (!r) return err(r.error());
    }
    buf_.spare_capacity().data[0] = '\0';
    return static_cast<const char*>(buf_.data());
  }
#if BARE_OOM_HANDLING
  const char* c_str() noexcept { return detail::unwrap_or_handle(try_c_str()); }
#endif

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
  result<void> try_push_back(char32_t c, source_loc where = source_loc::current()) noexcept {
    char b[4];
    return buf_.try_extend_from(std::span<const char>(b, encode_(c, b, where)));
  }
  // Appends s (which may be a part of this string).
  result<void> try_push_str(str s) noexcept { return buf_.try_extend_from(s.bytes()); }
  result<void> try_append(str s) noexcept { return try_push_str(s); }
  // Appends the decimal text of an integer (e.g. -42). Never more than 21 bytes.
  template <class T>
    requires std::is_integral_v<T> && (!std::is_same_v<T, bool>) && (!std::is_same_v<T, char>) &&
             (!std::is_same_v<T, char8_t>) && (!std::is_same_v<T, char16_t>) && (!std::is_same_v<T, char32_t>) &&
             (!std::is_same_v<T, wchar_t>)
  result<void> try_append_int(T value) noexcept {
    char buf[detail::max_int_chars];
    char* end = buf + sizeof buf;
    return buf_.try_extend_from(span_(detail::format_decimal(value, end), end));
  }
  // Appends the hexadecimal digits of value (no prefix), at least min_digits (<= 16) of
  // them, zero-padded; lower case unless upper.
  result<void> try_append_hex(std::uint64_t value, unsigned min_digits = 1, bool upper = false) noexcept {
    char buf[detail::max_int_chars];
    char* end = buf + sizeof buf;
    return buf_.try_extend_from(span_(detail::format_unsigned(value, 16, min_digits > 16 ? 16 : min_digits, upper, end), end));
  }

#if BARE_OOM_HANDLING
  void push_back(char32_t c, source_loc where = source_loc::current()) noexcept {
    detail::unwrap_or_handle(try_push_back(c, where));
  }
  void push_str(str s) noexcept { detail::unwrap_or_handle(try_push_str(s)); }
  void append(str s) noexcept { detail::unwrap_or_handle(try_push_str(s)); }
  string& operator+=(str s) noexcept {
    push_str(s);
    return *this;
  }
  string& operator+=(char32_t c) noexcept {
    push_back(c);
    return *this;
  }
  template <class T>
  void append_int(T value) noexcept requires requires(string& s, T v) { s.try_append_int(v); }
  {
    detail::unwrap_or_handle(try_append_int(value));
  }
  void append_hex(std::uint64_t value, unsigned min_digits = 1, bool upper = false) noexcept {
    detail::unwrap_or_handle(try_append_hex(value, min_digits, upper));
  }
#endif

  // ---- inserting (O(size() + added); may allocate; idx must be a char boundary) ----------

  result<void> try_insert(std::size_t idx, char32_t c, source_loc where = source_loc::current()) noexcept {
    check_boundary_(idx, where);
    char b[4];
    return try_insert_bytes_(idx, std::span<const char>(b, encode_(c, b, where)));
  }
  // Inserts s (which may be a part of this string: it is then copied first, a temporary
  // allocation of s.size() bytes).
  result<void> try_insert_str(std::size_t idx, str s, source_loc where = source_loc::current()) noexcept {
    check_boundary_(idx, where);
    if (!overlaps_(s)) return try_insert_bytes_(idx, s.bytes());
    auto copy = try_from(s, buf_.allocator());
    if (!copy) return err(copy.error());
    return try_insert_bytes_(idx, copy->bytes());
  }
  // Replaces bytes [first, last) by s (which may be a part of this string). Both ends must be
  // char boundaries. O(size() + s.size()); allocates if the string grows past capacity, and
  // (first) a temporary copy of s when s is a part of this string.
  result<void> try_replace_range(std::size_t first, std::size_t last, str s,
                                 source_loc where = source_loc::current()) noexcept {
    check_range_(first, last, where);
    if (overlaps_(s)) {
      auto copy = try_from(s, buf_.allocator());
      if (!copy) return err(copy.error());
      return try_replace_range(first, last, copy->as_str(), where);
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
#if BARE_OOM_HANDLING
  void insert(std::size_t idx, char32_t c, source_loc where = source_loc::current()) noexcept {
    detail::unwrap_or_handle(try_insert(idx, c, where));
  }
  void insert_str(std::size_t idx, str s, source_loc where = source_loc::current()) noexcept {
    detail::unwrap_or_handle(try_insert_str(idx, s, where));
  }
  void replace_range(std::size_t first, std::size_t last, str s, source_loc where = source_loc::current()) noexcept {
    detail::unwrap_or_handle(try_replace_range(first, last, s, where));
  }
#endif

  // ---- removing (never allocate; invalidate views of the removed bytes and after) ---------

  // Removes and returns the last code point. O(1).
  std::optional<char32_t> pop() noexcept {
    if (empty()) return std::nullopt;
    const std::size_t at = detail::utf8_prev_boundary(buf_.data(), size());
    unsigned len = 0;
    const char32_t c = detail::utf8_decode(buf_.data() + at, &len);
    buf_.truncate(at);
    return c;
  }
  // Removes and returns the code point starting at byte idx. O(size()). Panics if idx is not
  // a char boundary or is size().
  char32_t remove(std::size_t idx, source_loc where = source_loc::current()) noexcept {
    if (idx >= size()) panic("bare::string::remove: index out of range", where);
    check_boundary_(idx, where);
    unsigned len = 0;
    const char32_t c = detail::utf8_decode(buf_.data() + idx, &len);
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
      const char32_t c = detail::utf8_decode(d + r, &len);
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
    friend class string;
    drain_range(string* s, std::size_t first, std::size_t last) noexcept : s_(s), first_(first), last_(last) {}
    str view_() const noexcept { return str::from_utf8_unchecked(s_->data() + first_, last_ - first_); }
    string* s_;
    std::size_t first_, last_;
  };
  [[nodiscard]] drain_range drain(std::size_t first, std::size_t last, source_loc where = source_loc::current()) noexcept {
    check_range_(first, last, where);
    return drain_range(this, first, last);
  }

  // Moves bytes [at, size()) into a new string (at a char boundary). O(size() - at);
  // allocates the tail.
  result<string> try_split_off(std::size_t at, source_loc where = source_loc::current()) noexcept {
    if (at > size()) panic("bare::string::split_off: index out of range", where);
    check_boundary_(at, where);
    auto tail = buf_.try_split_off(at, where);
    if (!tail) return err(tail.error());
    return string(static_cast<vec<char, A>&&>(*tail));
  }
#if BARE_OOM_HANDLING
  string split_off(std::size_t at, source_loc where = source_loc::current()) noexcept {
    return detail::unwrap_or_handle(try_split_off(at, where));
  }
#endif

  // ---- ASCII case -------------------------------------------------------------------------
  // In place; other bytes are left alone. O(n), never allocates.
  void make_ascii_lowercase() noexcept {
    for (char& c : bytes_mut_()) c = str::ascii_lower(c);
  }
  void make_ascii_uppercase() noexcept {
    for (char& c : bytes_mut_()) c = str::ascii_upper(c);
  }
  // Copies. O(n); allocate size() bytes.
  result<string> try_to_ascii_lowercase() const noexcept {
    auto s = try_clone();
    if (s) s->make_ascii_lowercase();
    return s;
  }
  result<string> try_to_ascii_uppercase() const noexcept {
    auto s = try_clone();
    if (s) s->make_ascii_uppercase();
    return s;
  }
#if BARE_OOM_HANDLING
  string to_ascii_lowercase() const noexcept { return detail::unwrap_or_handle(try_to_ascii_lowercase()); }
  string to_ascii_uppercase() const noexcept { return detail::unwrap_or_handle(try_to_ascii_uppercase()); }
#endif

  void swap(string& o) noexcept { buf_.swap(o.buf_); }
  friend void swap(string& a, string& b) noexcept { a.swap(b); }

  // Byte-wise (code point order) comparisons, also with str and string literals. O(n).
  friend bool operator==(const string& a, const string& b) noexcept { return a.as_str() == b.as_str(); }
  friend bool operator==(const string& a, str b) noexcept { return a.as_str() == b; }
  friend std::strong_ordering operator<=>(const string& a, const string& b) noexcept {
    return a.as_str() <=> b.as_str();
  }
  friend std::strong_ordering operator<=>(const string& a, str b) noexcept { return a.as_str() <=> b; }

 private:
  static std::span<const char> span_(const char* first, const char* last) noexcept {
    return {first, static_cast<std::size_t>(last - first)};
  }
  std::span<char> bytes_mut_() noexcept { return buf_.as_span(); }
  static unsigned encode_(char32_t c, char* out, source_loc where) noexcept {
    if (!detail::is_scalar_value(c)) panic("bare::string: not a Unicode scalar value", where);
    return detail::utf8_encode(c, out);
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
};

// A string is its vec: trivially relocatable when the allocator handle is.
template <class A>
struct is_trivially_relocatable<string<A>> : is_trivially_relocatable<A> {};

}  // namespace bare
