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
//
// The algorithms (push, insert, replace_range, retain, drain, search, ...) are
// detail::string_core's (detail/string_core.hpp), shared with fixed_string<N> and string_buf;
// this file adds what only a heap string has: construction with an allocator, from_utf8 of a
// vec, clones, split_off, shrinking.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <type_traits>

#include "bare/alloc/global.hpp"
#include "bare/detail/string_core.hpp"
#include "bare/detail/utf8.hpp"
#include "bare/str.hpp"
#include "bare/vec.hpp"

namespace bare {

template <allocator A = global>
class string : public detail::string_core<vec<char, A>> {
  using core = detail::string_core<vec<char, A>>;
  using core::buf_;

  explicit string(vec<char, A>&& bytes) noexcept : core(std::in_place, static_cast<vec<char, A>&&>(bytes)) {}

 public:
  using allocator_type = A;

  // ---- construction ------------------------------------------------------------------------

  // Empty; never allocates. O(1).
  constexpr string() noexcept requires std::default_initializable<A> = default;
  constexpr explicit string(A a) noexcept : core(std::in_place, static_cast<A&&>(a)) {}
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
  result<string> try_clone() const noexcept { return try_from(this->as_str(), buf_.allocator()); }

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

  constexpr const A& allocator() const noexcept { return buf_.allocator(); }
  result<void> try_shrink_to_fit() noexcept { return buf_.try_shrink_to_fit(); }
#if BARE_OOM_HANDLING
  void shrink_to_fit() noexcept { buf_.shrink_to_fit(); }
  string& operator+=(str s) noexcept {
    this->push_str(s);
    return *this;
  }
  string& operator+=(char32_t c) noexcept {
    this->push_back(c);
    return *this;
  }
#endif

  // Moves bytes [at, size()) into a new string (at a char boundary). O(size() - at);
  // allocates the tail.
  result<string> try_split_off(std::size_t at, source_loc where = source_loc::current()) noexcept {
    if (at > this->size()) panic("bare::string::split_off: index out of range", where);
    this->check_boundary_(at, where);
    auto tail = buf_.try_split_off(at, where);
    if (!tail) return err(tail.error());
    return string(static_cast<vec<char, A>&&>(*tail));
  }
#if BARE_OOM_HANDLING
  string split_off(std::size_t at, source_loc where = source_loc::current()) noexcept {
    return detail::unwrap_or_handle(try_split_off(at, where));
  }
#endif

  // Copies with the ASCII letters' case changed. O(n); allocate size() bytes.
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
};

// A string is its vec: trivially relocatable when the allocator handle is.
template <class A>
struct is_trivially_relocatable<string<A>> : is_trivially_relocatable<A> {};

}  // namespace bare
