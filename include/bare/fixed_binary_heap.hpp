// bare/fixed_binary_heap.hpp — fixed_binary_heap<T, N, Cmp, Arity>: a priority queue of at most
// N elements stored inside the object (heapless's BinaryHeap, ETL's priority_queue). It never
// allocates. A max-heap by default (bare::less<T>); bare::greater<T> makes a min-heap.
//
// It is binary_heap's algorithm (detail::heap_core over a fixed_vec<T, N>): the same API
// (push, pop, peek_mut, retain, drain_sorted, append, into_sorted_vec, ...). A push that does
// not fit is alloc_errc::full and the heap is unchanged (try_push) or a panic (push, declared
// also under BARE_NO_GLOBAL_OOM_HANDLING). Copyable when T is.
// Costs: push O(log n), pop O(Arity log n), peek O(1); nothing allocates.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <span>
#include <utility>

#include "bare/compare.hpp"
#include "bare/detail/clone.hpp"
#include "bare/detail/heap_core.hpp"
#include "bare/fixed_vec.hpp"
#include "bare/result.hpp"

namespace bare {

template <class T, std::size_t N, class Cmp = less<T>, std::size_t Arity = 2>
class fixed_binary_heap : public detail::heap_core<fixed_vec<T, N>, Cmp, Arity> {
  using core = detail::heap_core<fixed_vec<T, N>, Cmp, Arity>;
  using core::cmp_;
  using core::data_;

 public:
  // Empty. O(1).
  fixed_binary_heap() noexcept requires std::default_initializable<Cmp> = default;
  explicit fixed_binary_heap(Cmp cmp) noexcept : core(fixed_vec<T, N>(), static_cast<Cmp&&>(cmp)) {}
  // Takes v's elements and arranges them into a heap. O(n); never fails.
  explicit fixed_binary_heap(fixed_vec<T, N>&& v, Cmp cmp = Cmp()) noexcept
      : core(static_cast<fixed_vec<T, N>&&>(v), static_cast<Cmp&&>(cmp)) {
    this->heapify_();
  }
  // Copies of the list's elements. O(n). Panics if there are more than N.
  fixed_binary_heap(std::initializer_list<T> il, Cmp cmp = Cmp()) noexcept requires detail::cloneable<T>
      : fixed_binary_heap(fixed_vec<T, N>::from(std::span<const T>(il.begin(), il.size())), static_cast<Cmp&&>(cmp)) {}
  // A heap of copies of src; alloc_errc::full if src.size() > N. O(n).
  static result<fixed_binary_heap> try_from(std::span<const T> src, Cmp cmp = Cmp()) noexcept requires detail::cloneable<T> {
    auto v = fixed_vec<T, N>::try_from(src);
    if (!v) return err(v.error());
    return fixed_binary_heap(static_cast<fixed_vec<T, N>&&>(*v), static_cast<Cmp&&>(cmp));
  }

  fixed_binary_heap(const fixed_binary_heap&) = default;
  fixed_binary_heap(fixed_binary_heap&&) noexcept = default;
  fixed_binary_heap& operator=(const fixed_binary_heap&) = default;
  fixed_binary_heap& operator=(fixed_binary_heap&&) noexcept = default;
  ~fixed_binary_heap() = default;
};

}  // namespace bare
