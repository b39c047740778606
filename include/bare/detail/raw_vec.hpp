// bare/detail/raw_vec.hpp — the untyped core of every contiguous buffer (vec, string,
// vec_deque, ...): capacity policy and (re)allocation of an array of elements described by a
// run-time layout. Templated on the allocator only, so one copy of this code serves every
// element type (a typed shell over an untyped core, as Rust's RawVecInner).
//
// Growth policy (documented contract, the same as Rust's RawVec):
//   amortized growth: new_cap = max(2 * cap, len + additional, min_non_zero_cap(elem.size)),
//   clamped to the largest capacity whose byte size fits PTRDIFF_MAX;
//   exact growth (reserve_exact, try_reserve_exact): new_cap = len + additional.
//   min_non_zero_cap: 8 for 1-byte elements, 4 up to 1 KiB, 1 above.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <type_traits>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/error.hpp"
#include "bare/detail/checked.hpp"
#include "bare/result.hpp"

namespace bare {

// Whether moving a T to another address and forgetting the original is a plain memcpy.
// Specialise to std::true_type for your own types that qualify (most types without internal
// pointers do). Trivially relocatable elements grow through the allocator's grow (realloc).
template <class T>
struct is_trivially_relocatable : std::bool_constant<std::is_trivially_copyable_v<T>> {};
template <class T>
inline constexpr bool is_trivially_relocatable_v = is_trivially_relocatable<T>::value;

namespace detail {

// A block of `cap` elements at `ptr` (ptr == nullptr iff cap == 0).
struct raw_block {
  void* ptr;
  std::size_t cap;
};

// Moves n elements from src to dst (non-overlapping) and ends the lifetime of the sources.
// nullptr stands for "memcpy" (trivially relocatable elements).
using relocate_fn = void (*)(void* dst, void* src, std::size_t n) noexcept;

template <class T>
void relocate_nonoverlapping(void* dst, void* src, std::size_t n) noexcept {
  T* d = static_cast<T*>(dst);
  T* s = static_cast<T*>(src);
  for (std::size_t i = 0; i < n; ++i) {
    ::new (static_cast<void*>(d + i)) T(static_cast<T&&>(s[i]));
    s[i].T::~T();
  }
}

template <class T>
constexpr relocate_fn relocator() noexcept {
  if constexpr (is_trivially_relocatable_v<T>) return nullptr;
  else return &relocate_nonoverlapping<T>;
}

// Constructs a T at p from args; returns p. In constant evaluation (a fixed-capacity container
// built at compile time, whose inline storage then holds value-initialised elements, see
// detail/fixed_storage.hpp) the slot already holds a T and is assigned instead: placement new
// is not a constant expression in C++20.
// Preconditions: p is storage for a T holding no live T (at run time).
template <class T, class... Args>
BARE_ALWAYS_INLINE constexpr T* construct_elem(T* p, Args&&... args) noexcept {
  if constexpr (std::is_move_assignable_v<T>) {
    if (std::is_constant_evaluated()) {
      *p = T(static_cast<Args&&>(args)...);
      return p;
    }
  }
  return ::new (static_cast<void*>(p)) T(static_cast<Args&&>(args)...);
}

// Moves n elements from src to dst; the ranges may overlap. Sources end their lifetime.
template <class T>
constexpr void relocate_overlapping(T* dst, T* src, std::size_t n) noexcept {
  if (n == 0 || dst == src) return;
  if constexpr (std::is_move_assignable_v<T> && std::is_trivially_destructible_v<T>) {
    if (std::is_constant_evaluated()) {  // (see construct_elem: every slot holds a T)
      if (dst < src) {
        for (std::size_t i = 0; i < n; ++i) dst[i] = static_cast<T&&>(src[i]);
      } else {
        for (std::size_t i = n; i-- > 0;) dst[i] = static_cast<T&&>(src[i]);
      }
      return;
    }
  }
  if constexpr (is_trivially_relocatable_v<T>) {
    __builtin_memmove(static_cast<void*>(dst), static_cast<const void*>(src), n * sizeof(T));
  } else if (dst < src) {
    for (std::size_t i = 0; i < n; ++i) {
      ::new (static_cast<void*>(dst + i)) T(static_cast<T&&>(src[i]));
      src[i].T::~T();
    }
  } else {
    for (std::size_t i = n; i-- > 0;) {
      ::new (static_cast<void*>(dst + i)) T(static_cast<T&&>(src[i]));
      src[i].T::~T();
    }
  }
}

template <class T>
constexpr void destroy_n(T* p, std::size_t n) noexcept {
  if constexpr (!std::is_trivially_destructible_v<T>) {
    for (std::size_t i = 0; i < n; ++i) p[i].T::~T();
  }
}

// An optional holding x, moved out of x (x stays alive, moved from). A trivially copyable
// value goes through a local first: built in place, GCC 12 stored the value and the
// optional's flag separately and then copied the optional as one 16-byte load, which cannot
// be forwarded from those two stores: a store-forwarding stall on every pop (bench group
// deque, steady_queue_struct at 10^4: 6.07 -> 1.05 ns per push_back + pop_front; a vec push +
// pop of the same struct 6.5 -> 0.8 ns).
template <class T>
constexpr std::optional<T> moved_into_optional(T& x) noexcept {
  if constexpr (std::is_trivially_copyable_v<T>) {
    T v(static_cast<T&&>(x));  // (moved: a trivially copyable type may have no copy constructor)
    return std::optional<T>(static_cast<T&&>(v));
  } else {
    return std::optional<T>(static_cast<T&&>(x));
  }
}

// *p moved into an optional, then destroyed (the pop of every collection).
template <class T>
constexpr std::optional<T> take_optional(T* p) noexcept {
  std::optional<T> out = moved_into_optional(*p);
  p->T::~T();
  return out;
}

// Whether the out-of-line growth path of an emplace at an end (vec, vec_deque) takes a copy
// of its one argument by value instead of a reference: for a small trivially copyable T.
// Taken by reference, the caller's value must sit in memory, and GCC 12 stores it there on
// every call of the inline fast path, not only before the rare growth call: one store more
// per push_back, which made a loop of reserved vec push_backs of u64 store-bound (a scratch
// loop of 10^4 whose vec had its address taken: 0.80 ns per element, 0.56 by value, as
// std::vector). A by-value copy cannot be an element of the container either, so no
// aliasing check is needed after the growth.
template <class T, class... Args>
inline constexpr bool grows_with_copy =
    sizeof...(Args) == 1 && (std::is_same_v<std::remove_cvref_t<Args>, T> && ...) &&
    std::is_trivially_copyable_v<T> && sizeof(T) <= 2 * sizeof(void*);

constexpr std::size_t min_non_zero_cap(std::size_t elem_size) noexcept {
  return elem_size == 1 ? 8 : (elem_size <= 1024 ? 4 : 1);
}

// The largest element count whose byte size fits max_object_size.
constexpr std::size_t max_elems(std::size_t elem_size) noexcept { return max_object_size / elem_size; }

[[nodiscard]] BARE_COLD inline alloc_error capacity_overflow(std::size_t align) noexcept {
  return alloc_error{alloc_errc::capacity_overflow, layout{SIZE_MAX, align}};
}

// The capacity to move to so that len + additional elements fit (policy above).
// Preconditions: len <= cap; cap - len < additional (the caller already knows it must grow).
inline result<std::size_t> next_capacity(std::size_t cap, std::size_t len, std::size_t additional,
                                         layout elem, bool exact) noexcept {
  std::size_t required = 0;
  const std::size_t limit = max_elems(elem.size);
  if (!checked_add(len, additional, &required) || required > limit) return err(capacity_overflow(elem.align));
  if (exact) return required;
  std::size_t doubled = cap > limit / 2 ? limit : cap * 2;
  std::size_t n = doubled > required ? doubled : required;
  std::size_t floor = min_non_zero_cap(elem.size);
  return n > floor ? n : floor;
}

// Allocates an uninitialised array of cap elements. Preconditions: 0 < cap <= max_elems.
template <allocator A>
result<void*> raw_allocate(A& a, std::size_t cap, layout elem) noexcept {
  layout l{cap * elem.size, elem.align};
  void* p = a.allocate(l);
  if (BARE_UNLIKELY(p == nullptr)) return err(alloc_failed(a, l));
  return p;
}

template <allocator A>
void raw_deallocate(A& a, raw_block b, layout elem) noexcept {
  if (b.cap != 0) a.deallocate(b.ptr, layout{b.cap * elem.size, elem.align});
}

// Moves the first `len` elements of `old` into a block of new_cap elements and frees the old
// one; with new_cap == 0, just frees. On failure nothing changed.
// Preconditions: len <= old.cap, len <= new_cap <= max_elems(elem.size).
template <allocator A>
BARE_NOINLINE result<raw_block> raw_resize(A& a, raw_block old, std::size_t len, std::size_t new_cap,
                                           layout elem, relocate_fn reloc) noexcept {
  if (new_cap == 0) {
    raw_deallocate(a, old, elem);
    return raw_block{nullptr, 0};
  }
  if (old.cap == 0) {
    auto p = raw_allocate(a, new_cap, elem);
    if (!p) return err(p.error());
    return raw_block{*p, new_cap};
  }
  const layout old_l{old.cap * elem.size, elem.align};
  const layout new_l{new_cap * elem.size, elem.align};
  void* p = nullptr;
  if (reloc == nullptr) {
    p = new_cap >= old.cap ? alloc_grow(a, old.ptr, old_l, new_l.size)
                           : alloc_shrink(a, old.ptr, old_l, new_l.size);
    if (BARE_UNLIKELY(p == nullptr)) return err(alloc_failed(a, new_l));
  } else {
    p = a.allocate(new_l);
    if (BARE_UNLIKELY(p == nullptr)) return err(alloc_failed(a, new_l));
    reloc(p, old.ptr, len);
    a.deallocate(old.ptr, old_l);
  }
  return raw_block{p, new_cap};
}

// Growth by the policy of next_capacity (room for `additional` more, doubling unless exact),
// then raw_resize. Takes a stateless allocator by value, not by reference: a container whose
// growth passes nothing of itself by address to an out-of-line function does not escape,
// and the compiler can keep a local vec's pointer, length and capacity in registers around a
// push_back loop (see heap_block::grows_detached). On failure nothing changed.
template <allocator A>
BARE_NOINLINE result<raw_block> raw_grow(A a, raw_block old, std::size_t len, std::size_t additional, layout elem,
                                         bool exact, relocate_fn reloc) noexcept {
  auto nc = next_capacity(old.cap, len, additional, elem, exact);
  if (!nc) return err(nc.error());
  return raw_resize(a, old, len, *nc, elem, reloc);
}

// What a fixed-capacity container's panicking twin (push_back beside try_push_back) does when
// the container is full: that is a precondition violation there. One cold function.
[[noreturn]] BARE_COLD inline void full_panic() noexcept { panic("bare: fixed-capacity container is full"); }

// The infallible twin of an operation of a container core whose storage may allocate
// (Allocates: heap, small) or never does (inline, view, caller's buffer): on error, the
// allocation-error handler, or a panic. Storage that allocates declares no infallible API under
// BARE_NO_GLOBAL_OOM_HANDLING, so handle_alloc_error is only named where it exists.
template <bool Allocates>
[[noreturn]] BARE_ALWAYS_INLINE void infallible_failed(alloc_error e) noexcept {
#if BARE_OOM_HANDLING
  if constexpr (Allocates) handle_alloc_error(e);
#endif
  (void)e;
  full_panic();
}
// (By reference: g++ copied a by-value result through memory, a store-forwarding stall on
// every infallible call.)
template <bool Allocates, class T>
BARE_ALWAYS_INLINE constexpr T& unwrap_or_fail(const result<T&>& r) noexcept {
  if (BARE_UNLIKELY(!r)) infallible_failed<Allocates>(r.error());
  return *r;
}
template <bool Allocates>
BARE_ALWAYS_INLINE constexpr void unwrap_or_fail(const result<void>& r) noexcept {
  if (BARE_UNLIKELY(!r)) infallible_failed<Allocates>(r.error());
}
template <bool Allocates, class T>
  requires(!std::is_void_v<T>)
BARE_ALWAYS_INLINE constexpr T unwrap_or_fail(result<T>&& r) noexcept {
  if (BARE_UNLIKELY(!r)) infallible_failed<Allocates>(r.error());
  return static_cast<T&&>(*r);
}

// The error of a container whose capacity cannot grow (alloc_errc::full, the layout of one
// element, as every X_within_capacity reports it).
template <class T>
constexpr alloc_error full_error() noexcept {
  return alloc_error{alloc_errc::full, layout_of<T>};
}

#if BARE_OOM_HANDLING
// The infallible API is the fallible one plus this: on error, the handler (never returns).
template <class T>
BARE_ALWAYS_INLINE T& unwrap_or_handle(const result<T&>& r) noexcept {
  if (BARE_UNLIKELY(!r)) handle_alloc_error(r.error());
  return *r;
}
BARE_ALWAYS_INLINE void unwrap_or_handle(const result<void>& r) noexcept {
  if (BARE_UNLIKELY(!r)) handle_alloc_error(r.error());
}
template <class T>
  requires(!std::is_void_v<T>)
BARE_ALWAYS_INLINE T unwrap_or_handle(result<T>&& r) noexcept {
  if (BARE_UNLIKELY(!r)) handle_alloc_error(r.error());
  return static_cast<T&&>(*r);
}
#endif

}  // namespace detail
}  // namespace bare
