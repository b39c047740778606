// bare/vec.hpp — vec<T, A>: a contiguous growable array (Rust's Vec, std::vector's names).
//
// Every operation that may allocate comes as
//   try_X(...)            -> result<...>: on failure the vector is exactly as before and the
//                            argument is not consumed (strong guarantee);
//   X(...)                the same, calling bare::handle_alloc_error on failure (not declared
//                         under BARE_NO_GLOBAL_OOM_HANDLING);
//   X_within_capacity(...) never allocates; reports alloc_errc::full.
//
// Growth: amortized doubling with a minimum capacity of 8 / 4 / 1 elements (1-byte / up to
// 1 KiB / larger), exact growth for reserve_exact; see bare/detail/raw_vec.hpp. Trivially
// relocatable elements (bare::is_trivially_relocatable) move by the allocator's grow (realloc,
// in place when it can); others are moved one by one into a new block.
//
// A vec is move-only, like Rust's: copying allocates, so it is explicit (clone / try_clone).
// Iterators are raw pointers (contiguous, usable with <algorithm> in hosted programs).
// Invalidation, in general: an operation that may allocate invalidates all pointers and
// iterators if it does allocate; an operation that moves elements invalidates the pointers
// to the moved ones. Each function says which.
//
// The algorithms are detail::vec_core's (detail/vec_core.hpp), shared with fixed_vec,
// small_vec, buffer_vec and vec_view, over the heap block of detail::heap_vec_storage; this
// file adds what only a heap vec has: construction with an allocator, try_clone, split_off,
// raw parts. The members documented in vec_core (push, insert, erase, retain, drain, ...)
// are vec's public API.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <new>
#include <span>
#include <type_traits>
#include <utility>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/global.hpp"
#include "bare/detail/clone.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/detail/vec_core.hpp"
#include "bare/detail/vec_storage.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"

namespace bare {

template <class T, allocator A = global>
class vec : public detail::vec_core<T, detail::heap_vec_storage<T, A>> {
  using core = detail::vec_core<T, detail::heap_vec_storage<T, A>>;
  using core::s_;

 public:
  using allocator_type = A;

  // ---- construction --------------------------------------------------------------------

  // An empty vec. O(1), never allocates.
  constexpr vec() noexcept requires std::default_initializable<A> = default;
  // An empty vec using allocator `a`. O(1), never allocates.
  constexpr explicit vec(A a) noexcept : core(std::in_place, static_cast<A&&>(a)) {}

  // A vec with room for exactly n elements (none yet). O(1); allocates n * sizeof(T) bytes
  // unless n == 0.
  static result<vec> try_with_capacity(std::size_t n, A a = A()) noexcept {
    vec v(static_cast<A&&>(a));
    auto r = v.try_reserve_exact(n);
    if (!r) return err(r.error());
    return v;
  }

  // A vec holding copies of `src`, capacity exactly src.size(). O(n); allocates once.
  static result<vec> try_from(std::span<const T> src, A a = A()) noexcept
    requires detail::cloneable<T>
  {
    vec v(static_cast<A&&>(a));
    auto r = v.try_reserve_exact(src.size());  // the one allocation, exactly src.size()
    if (r) r = v.try_extend_from(src);
    if (!r) return err(r.error());
    return v;
  }

#if BARE_OOM_HANDLING
  static vec with_capacity(std::size_t n, A a = A()) noexcept {
    return detail::unwrap_or_handle(try_with_capacity(n, static_cast<A&&>(a)));
  }
  static vec from(std::span<const T> src, A a = A()) noexcept requires detail::cloneable<T> {
    return detail::unwrap_or_handle(try_from(src, static_cast<A&&>(a)));
  }
  // A vec holding copies of the list. O(n); allocates once.
  vec(std::initializer_list<T> il, A a = A()) noexcept requires detail::cloneable<T>
      : core(std::in_place, static_cast<A&&>(a)) {
    this->reserve_exact(il.size());
    this->extend_from(std::span<const T>(il.begin(), il.size()));
  }
#endif

  // Takes other's elements, memory and allocator; other is left empty. O(1).
  constexpr vec(vec&& other) noexcept = default;
  // Destroys this vec's elements and frees its memory, then takes other's. O(len).
  vec& operator=(vec&& other) noexcept = default;
  vec(const vec&) = delete;             // copying allocates: use clone() / try_clone()
  vec& operator=(const vec&) = delete;  // or assign_from / try_assign_from

  // Destroys the elements and frees the memory. O(len).
  ~vec() = default;

  // A copy with capacity exactly size(), using a copy of the allocator. O(n); allocates once
  // (plus whatever cloning each element allocates). Elements with a try_clone() member are
  // cloned through it, so nested failures surface here.
  result<vec> try_clone() const noexcept requires detail::cloneable<T> { return try_from(this->as_span(), s_.alloc()); }
#if BARE_OOM_HANDLING
  vec clone() const noexcept requires detail::cloneable<T> { return detail::unwrap_or_handle(try_clone()); }
#endif

  constexpr const A& allocator() const noexcept { return s_.alloc(); }
  constexpr A& allocator() noexcept { return s_.alloc(); }

  // Moves the elements [at, size()) into a new vec (capacity exactly their number) and returns
  // it; this keeps [0, at) and its capacity. O(size() - at); allocates unless at == size().
  // Precondition (checked): at <= size(). On failure nothing changed.
  result<vec> try_split_off(std::size_t at, source_loc where = source_loc::current()) noexcept {
    BARE_ASSERT_AT(at <= this->size(), "bare::vec::split_off: index out of range", where);
    auto out = vec::try_with_capacity(this->size() - at, s_.alloc());
    if (!out) return err(out.error());
    out->s_.set_len(this->size() - at);
    this->split_to_(out->data(), at);
    return out;
  }
#if BARE_OOM_HANDLING
  vec split_off(std::size_t at, source_loc where = source_loc::current()) noexcept {
    return detail::unwrap_or_handle(try_split_off(at, where));
  }
#endif

  // ---- raw parts ---------------------------------------------------------------------------

  // The buffer, length, capacity and allocator, handed over: the vec is left empty and the
  // caller owns the elements and the block (give them back with from_raw_parts, or destroy
  // and deallocate with layout {capacity * sizeof(T), alignof(T)}). O(1), never allocates.
  struct raw_parts {
    T* ptr;
    std::size_t len;
    std::size_t cap;
    A alloc;
  };
  raw_parts into_raw_parts() noexcept {
    raw_parts r{s_.data(), s_.len(), s_.cap(), static_cast<A&&>(s_.alloc())};
    s_.forget();
    return r;
  }
  // Adopts what into_raw_parts (or another vec<T, A> with the same allocator) gave out.
  // Preconditions (checked): len <= cap, ptr == nullptr iff cap == 0. O(1), never allocates.
  static vec from_raw_parts(raw_parts p, source_loc where = source_loc::current()) noexcept {
    if (p.len > p.cap || (p.ptr == nullptr) != (p.cap == 0))
      panic("bare::vec::from_raw_parts: inconsistent parts", where);
    vec v(static_cast<A&&>(p.alloc));
    v.s_.adopt(p.ptr, p.len, p.cap);
    return v;
  }

  // Exchanges contents and allocators. O(1), never allocates, invalidates nothing (iterators
  // follow the elements).
  void swap(vec& other) noexcept {
    vec tmp(static_cast<vec&&>(other));
    other = static_cast<vec&&>(*this);
    *this = static_cast<vec&&>(tmp);
  }
  friend void swap(vec& a, vec& b) noexcept { a.swap(b); }
};

// A vec of trivially relocatable allocator handles is itself trivially relocatable.
template <class T, class A>
struct is_trivially_relocatable<vec<T, A>> : is_trivially_relocatable<A> {};

}  // namespace bare
