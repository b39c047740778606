// bare/binary_heap.hpp — binary_heap<T, Cmp, A>: a priority queue on a vec<T, A> (Rust's
// BinaryHeap; std::priority_queue's order). A max-heap by default: top() is a greatest element
// by Cmp (bare::less<T>); bare::greater<T> makes a min-heap.
//
// Every operation that may allocate comes as
//   try_X(...)             -> result<...>: on failure the heap is exactly as before and the
//                             argument is not consumed (strong guarantee);
//   X(...)                 the same, calling bare::handle_alloc_error on failure (not declared
//                          under BARE_NO_GLOBAL_OOM_HANDLING);
//   X_within_capacity(...) never allocates; reports alloc_errc::full.
// Growth is vec's (amortized doubling, bare/detail/raw_vec.hpp). Only push, append, reserve,
// shrink and clone allocate; pop, peek_mut, retain, drain and the conversions never do.
//
// Layout: the elements in an array in heap order (the vec), the comparator beside it (no space
// if stateless): sizeof == sizeof(vec<T, A>) for a stateless Cmp.
//
// Arity: each node has `Arity` children (2: a binary heap). It is a tuning parameter for the
// benchmarks (bench/: binary vs. 4-ary at large n); it changes only the internal order (what
// into_vec and iteration show), never the API or top/pop results. Binary is the default by
// measurement (tools/bench.sh heap, push then pop all, ns per element, g++ 12 -O3): 4-ary costs
// 1.4-1.5x at 10^3-10^4, and its advantage at 10^6 (a cache miss per level, half the levels)
// mostly goes once pop prefetches the hole's grandchildren (BARE_HEAP_PREFETCH): at 10^6
// binary 132-146 -> 100-110 ns, 4-ary ~95, std::priority_queue 131-139.
//
// The algorithms are in bare/detail/binary_heap.hpp (sift with a hole, Floyd heapify, Rust's
// rebuild-vs-push rule for append), the queue over its buffer in detail/heap_core.hpp (shared
// with fixed_binary_heap); this file adds what only a heap-allocated one has. A comparator that is not a strict weak order gives an
// unspecified order, never undefined behaviour.
//
// Invalidation: an operation that may allocate invalidates pointers to elements if it does;
// every operation that changes the heap may move elements (pointers then point at other
// elements). Iteration order is the internal, arbitrary one.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <span>
#include <type_traits>
#include <utility>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/global.hpp"
#include "bare/compare.hpp"
#include "bare/detail/binary_heap.hpp"
#include "bare/detail/clone.hpp"
#include "bare/detail/heap_core.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"
#include "bare/vec.hpp"

namespace bare {

template <class T, class Cmp = less<T>, allocator A = global, std::size_t Arity = 2>
class binary_heap : public detail::heap_core<vec<T, A>, Cmp, Arity> {
  using core = detail::heap_core<vec<T, A>, Cmp, Arity>;
  using core::cmp_;
  using core::data_;

  struct adopt_t {};
  // Takes a vec that is already a heap for cmp.
  binary_heap(adopt_t, vec<T, A>&& v, Cmp cmp) noexcept : core(static_cast<vec<T, A>&&>(v), static_cast<Cmp&&>(cmp)) {}

 public:
  using allocator_type = A;

  // ---- construction --------------------------------------------------------------------

  // An empty heap. O(1), never allocates.
  constexpr binary_heap() noexcept requires(std::default_initializable<A> && std::default_initializable<Cmp>) {}
  // An empty heap using allocator `a` and comparator `cmp`. O(1), never allocates.
  constexpr explicit binary_heap(A a, Cmp cmp = Cmp()) noexcept : core(vec<T, A>(static_cast<A&&>(a)), static_cast<Cmp&&>(cmp)) {}
  // Takes v's elements and memory and arranges them into a heap (Floyd's heapify).
  // O(n) (at most about 2n comparisons for Arity 2); never allocates.
  explicit binary_heap(vec<T, A>&& v, Cmp cmp = Cmp()) noexcept : core(static_cast<vec<T, A>&&>(v), static_cast<Cmp&&>(cmp)) {
    this->heapify_();
  }
  // The same, Rust's spelling (BinaryHeap::from(vec)).
  static binary_heap from(vec<T, A>&& v, Cmp cmp = Cmp()) noexcept {
    return binary_heap(static_cast<vec<T, A>&&>(v), static_cast<Cmp&&>(cmp));
  }

  // An empty heap with room for exactly n elements. O(1); allocates unless n == 0.
  static result<binary_heap> try_with_capacity(std::size_t n, A a = A(), Cmp cmp = Cmp()) noexcept {
    auto v = vec<T, A>::try_with_capacity(n, static_cast<A&&>(a));
    if (!v) return err(v.error());
    return binary_heap(adopt_t{}, static_cast<vec<T, A>&&>(*v), static_cast<Cmp&&>(cmp));
  }
  // A heap of copies of src. O(n); allocates once (capacity exactly src.size()).
  static result<binary_heap> try_from(std::span<const T> src, A a = A(), Cmp cmp = Cmp()) noexcept
    requires detail::cloneable<T>
  {
    auto v = vec<T, A>::try_from(src, static_cast<A&&>(a));
    if (!v) return err(v.error());
    return binary_heap(static_cast<vec<T, A>&&>(*v), static_cast<Cmp&&>(cmp));
  }
#if BARE_OOM_HANDLING
  static binary_heap with_capacity(std::size_t n, A a = A(), Cmp cmp = Cmp()) noexcept {
    return detail::unwrap_or_handle(try_with_capacity(n, static_cast<A&&>(a), static_cast<Cmp&&>(cmp)));
  }
  static binary_heap from(std::span<const T> src, A a = A(), Cmp cmp = Cmp()) noexcept
    requires detail::cloneable<T>
  {
    return detail::unwrap_or_handle(try_from(src, static_cast<A&&>(a), static_cast<Cmp&&>(cmp)));
  }
  // A heap of copies of the list's elements. O(n); allocates once.
  binary_heap(std::initializer_list<T> il, A a = A(), Cmp cmp = Cmp()) noexcept requires detail::cloneable<T>
      : binary_heap(vec<T, A>::from(std::span<const T>(il.begin(), il.size()), static_cast<A&&>(a)),
                    static_cast<Cmp&&>(cmp)) {}
#endif

  // Moving takes the elements, memory, allocator and comparator. O(1) (the move assignment
  // first destroys this heap's elements: O(n)).
  binary_heap(binary_heap&&) noexcept = default;
  binary_heap& operator=(binary_heap&&) noexcept = default;
  binary_heap(const binary_heap&) = delete;  // copying allocates: use clone() / try_clone()
  binary_heap& operator=(const binary_heap&) = delete;
  ~binary_heap() = default;

  // A copy (same internal order), capacity exactly size(). O(n); allocates once (plus what
  // cloning each element allocates).
  result<binary_heap> try_clone() const noexcept requires detail::cloneable<T> {
    auto v = data_.try_clone();
    if (!v) return err(v.error());
    return binary_heap(adopt_t{}, static_cast<vec<T, A>&&>(*v), cmp_);
  }
#if BARE_OOM_HANDLING
  binary_heap clone() const noexcept requires detail::cloneable<T> { return detail::unwrap_or_handle(try_clone()); }
#endif

  constexpr const A& allocator() const noexcept { return data_.allocator(); }

  // As vec's: less unused room. O(n) if they reallocate, else O(1). Invalidate pointers to
  // elements if they reallocate.
  result<void> try_shrink_to_fit() noexcept { return data_.try_shrink_to_fit(); }
  result<void> try_shrink_to(std::size_t n) noexcept { return data_.try_shrink_to(n); }
#if BARE_OOM_HANDLING
  void shrink_to_fit() noexcept { data_.shrink_to_fit(); }
  void shrink_to(std::size_t n) noexcept { data_.shrink_to(n); }
#endif
};

// A heap is trivially relocatable when its vec (that is, its allocator handle) and comparator are.
template <class T, class Cmp, class A, std::size_t Arity>
struct is_trivially_relocatable<binary_heap<T, Cmp, A, Arity>>
    : std::bool_constant<is_trivially_relocatable_v<vec<T, A>> && std::is_trivially_copyable_v<Cmp>> {};

}  // namespace bare
