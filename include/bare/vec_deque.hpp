// bare/vec_deque.hpp — vec_deque<T, A>: a double-ended queue in one growable ring buffer
// (Rust's VecDeque since 2022: head + length, any capacity, not only powers of two).
//
// Every operation that may allocate comes as
//   try_X(...)             -> result<...>: on failure the deque is exactly as before (same
//                             elements, same block, same layout) and the argument is not
//                             consumed (strong guarantee);
//   X(...)                 the same, calling bare::handle_alloc_error on failure (not declared
//                          under BARE_NO_GLOBAL_OOM_HANDLING);
//   X_within_capacity(...) never allocates; reports alloc_errc::full.
//
// Growth: the policy of vec (bare/detail/raw_vec.hpp: amortized doubling, minimum capacity
// 8 / 4 / 1 elements, exact for reserve_exact), applied by the same code. Trivially
// relocatable elements grow through the allocator's grow (realloc, in place when it can);
// a ring that wrapped is then fixed by moving its shorter piece (bare/detail/ring.hpp).
//
// Costs: push/pop at either end amortized O(1); index O(1) (one compare, no division);
// insert / erase in the middle move the shorter side, O(min(i, len - i)).
//
// A vec_deque is move-only: copying allocates, so it is explicit (clone / try_clone).
// Conversion from a vec is O(1) and never allocates (the vec's block becomes the ring);
// into_vec() gives the block back, O(len) at most to line the elements up at slot 0.
//
// The algorithms are detail::ring_core's (detail/ring_core.hpp), shared with fixed_deque and
// deque_view, over the heap block of detail::heap_ring_storage; this file adds what only a
// heap deque has: construction with an allocator, conversions from and to vec, clones,
// split_off, shrinking. The members documented in ring_core are vec_deque's public API.
//
// Invalidation, in general: an operation that allocates invalidates every iterator, pointer
// and reference. Iterators also become invalid when the deque's start moves (push_front,
// pop_front, insert, erase, rotate, make_contiguous, ...); pointers and references to
// elements that did not move stay valid. Each function says which.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <span>
#include <type_traits>
#include <utility>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/global.hpp"
#include "bare/detail/clone.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/detail/ring.hpp"
#include "bare/detail/ring_core.hpp"
#include "bare/detail/ring_storage.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"
#include "bare/vec.hpp"

namespace bare {

template <class T, allocator A = global>
class vec_deque : public detail::ring_core<T, detail::heap_ring_storage<T, A>> {
  using core = detail::ring_core<T, detail::heap_ring_storage<T, A>>;
  using core::s_;

 public:
  using allocator_type = A;

  // ---- construction --------------------------------------------------------------------

  // An empty deque. O(1), never allocates.
  constexpr vec_deque() noexcept requires std::default_initializable<A> = default;
  // An empty deque using allocator `a`. O(1), never allocates.
  constexpr explicit vec_deque(A a) noexcept : core(std::in_place, static_cast<A&&>(a)) {}

  // Takes over v's block, elements and allocator; v is left empty. O(1), never allocates:
  // the elements stay where they are (slot 0 on).
  explicit vec_deque(vec<T, A>&& v) noexcept : vec_deque(v.into_raw_parts()) {}
  static vec_deque from_vec(vec<T, A>&& v) noexcept { return vec_deque(static_cast<vec<T, A>&&>(v)); }

  // A deque with room for exactly n elements (none yet). O(1); allocates n * sizeof(T) bytes
  // unless n == 0.
  static result<vec_deque> try_with_capacity(std::size_t n, A a = A()) noexcept {
    vec_deque d(static_cast<A&&>(a));
    auto r = d.try_reserve_exact(n);
    if (!r) return err(r.error());
    return d;
  }
  // A deque holding copies of src, capacity exactly src.size(). O(n); allocates once.
  static result<vec_deque> try_from(std::span<const T> src, A a = A()) noexcept requires detail::cloneable<T> {
    auto d = try_with_capacity(src.size(), static_cast<A&&>(a));
    if (!d) return err(d.error());
    auto r = d->clone_from_(src.data(), src.size());
    if (!r) return err(r.error());
    return d;
  }

#if BARE_OOM_HANDLING
  static vec_deque with_capacity(std::size_t n, A a = A()) noexcept {
    return detail::unwrap_or_handle(try_with_capacity(n, static_cast<A&&>(a)));
  }
  static vec_deque from(std::span<const T> src, A a = A()) noexcept requires detail::cloneable<T> {
    return detail::unwrap_or_handle(try_from(src, static_cast<A&&>(a)));
  }
  // A deque holding copies of the list. O(n); allocates once.
  vec_deque(std::initializer_list<T> il, A a = A()) noexcept requires detail::cloneable<T>
      : core(std::in_place, static_cast<A&&>(a)) {
    this->reserve_exact(il.size());
    detail::unwrap_or_handle(this->clone_from_(il.begin(), il.size()));
  }
#endif

  // Takes other's elements, block and allocator; other is left empty. O(1).
  constexpr vec_deque(vec_deque&& other) noexcept = default;
  // Destroys this deque's elements and frees its block, then takes other's. O(len).
  vec_deque& operator=(vec_deque&& other) noexcept = default;
  vec_deque(const vec_deque&) = delete;             // copying allocates: clone() / try_clone()
  vec_deque& operator=(const vec_deque&) = delete;

  // Destroys the elements and frees the block. O(len).
  ~vec_deque() = default;

  // A copy (capacity exactly size(), elements from slot 0, a copy of the allocator). O(n);
  // allocates once, plus what cloning each element allocates (elements with try_clone() are
  // cloned through it, so nested failures surface here).
  result<vec_deque> try_clone() const noexcept requires detail::cloneable<T> {
    auto d = try_with_capacity(this->size(), s_.alloc());
    if (!d) return err(d.error());
    const auto [a, b] = this->as_slices();
    auto r = d->clone_from_(a.data(), a.size());
    if (r) r = d->clone_from_(b.data(), b.size());
    if (!r) return err(r.error());
    return d;
  }
#if BARE_OOM_HANDLING
  vec_deque clone() const noexcept requires detail::cloneable<T> { return detail::unwrap_or_handle(try_clone()); }
#endif

  // Hands the block over to a vec (same allocator), the elements lined up from slot 0; this
  // deque is left empty, without a block. Never allocates; O(1) if element 0 is in slot 0,
  // else O(len) (make_contiguous, then one move to the front).
  vec<T, A> into_vec() noexcept {
    this->make_contiguous();
    if (s_.head() != 0) detail::relocate_overlapping(s_.buf(), s_.buf() + s_.head(), s_.len());
    typename vec<T, A>::raw_parts p{s_.buf(), s_.len(), s_.cap(), static_cast<A&&>(s_.alloc())};
    s_.forget();
    return vec<T, A>::from_raw_parts(static_cast<typename vec<T, A>::raw_parts&&>(p));
  }

  constexpr const A& allocator() const noexcept { return s_.alloc(); }
  constexpr A& allocator() noexcept { return s_.alloc(); }

  // Moves the elements [at, size()) into a new deque (capacity exactly their number) and
  // returns it; this keeps [0, at) and its capacity. O(size() - at); allocates unless
  // at == size(). Precondition (checked): at <= size(). On failure nothing changed.
  result<vec_deque> try_split_off(std::size_t at, source_loc where = source_loc::current()) noexcept {
    BARE_ASSERT_AT(at <= this->size(), "bare::vec_deque::split_off: index out of range", where);
    auto out = try_with_capacity(this->size() - at, s_.alloc());
    if (!out) return err(out.error());
    this->relocate_out_(out->s_.buf(), at, this->size() - at);
    out->s_.set_len(this->size() - at);
    s_.set_len(at);
    return out;
  }
#if BARE_OOM_HANDLING
  vec_deque split_off(std::size_t at, source_loc where = source_loc::current()) noexcept {
    return detail::unwrap_or_handle(try_split_off(at, where));
  }
#endif

  // Exchanges contents and allocators. O(1), never allocates, invalidates nothing.
  void swap(vec_deque& other) noexcept {
    vec_deque tmp(static_cast<vec_deque&&>(other));
    other = static_cast<vec_deque&&>(*this);
    *this = static_cast<vec_deque&&>(tmp);
  }
  friend void swap(vec_deque& a, vec_deque& b) noexcept { a.swap(b); }

 private:
  explicit vec_deque(typename vec<T, A>::raw_parts p) noexcept : core(std::in_place, static_cast<A&&>(p.alloc)) {
    s_.adopt(p.ptr, p.len, p.cap);
  }
};

// A deque of a trivially relocatable allocator handle is itself trivially relocatable.
template <class T, class A>
struct is_trivially_relocatable<vec_deque<T, A>> : is_trivially_relocatable<A> {};

}  // namespace bare
