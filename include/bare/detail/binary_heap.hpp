// bare/detail/binary_heap.hpp — the heap algorithms behind binary_heap: sift up, sift down,
// heapify, over a plain array of T and a comparator, for any arity D >= 2 (children of i are
// D*i + 1 ... D*i + D; the parent of i > 0 is (i - 1) / D). No allocator, no container: the
// same code can serve a fixed-capacity heap.
//
// The heap property ("max-heap"): for every i > 0, !less(data[parent(i)], data[i]).
//
// Sifting moves an element through a "hole" (as Rust's BinaryHeap): the element is moved out
// once, the elements it passes are each moved once into the hole, and it is moved back in at
// its final place (one move per level instead of a swap's three). T must be move
// constructible and move assignable.
//
// A comparator that is not a strict weak order (inconsistent, or changing its answers) gives
// an unspecified order of elements, never undefined behaviour: every index stays in range and
// every element is moved, not lost or duplicated.
#pragma once

#include <bit>
#include <cstddef>
#include <type_traits>

#include "bare/config.hpp"

// Whether pop prefetches (heap_hole_to_bottom); by default where a prefetch can pay
// (BARE_PREFETCH_PAYS, config.hpp: not on wasm32 nor Cortex-M). Define it to 0 or 1 to choose.
#ifndef BARE_HEAP_PREFETCH
#define BARE_HEAP_PREFETCH BARE_PREFETCH_PAYS
#endif

namespace bare::detail {

// An element moved out of data[pos], leaving a hole that travels; filled on destruction.
template <class T>
class heap_hole {
 public:
  heap_hole(T* data, std::size_t pos) noexcept : data_(data), pos_(pos), elt_(static_cast<T&&>(data[pos])) {}
  // A hole at pos holding elt instead; data[pos] is a live object whose value is not used
  // (it is overwritten when the hole moves or is filled).
  heap_hole(T* data, std::size_t pos, T&& elt) noexcept : data_(data), pos_(pos), elt_(static_cast<T&&>(elt)) {}
  heap_hole(const heap_hole&) = delete;
  heap_hole& operator=(const heap_hole&) = delete;
  ~heap_hole() { data_[pos_] = static_cast<T&&>(elt_); }

  std::size_t pos() const noexcept { return pos_; }
  const T& element() const noexcept { return elt_; }
  const T& get(std::size_t i) const noexcept { return data_[i]; }
  // Moves data[i] into the hole; the hole is now at i. Precondition: i != pos().
  void move_to(std::size_t i) noexcept {
    data_[pos_] = static_cast<T&&>(data_[i]);
    pos_ = i;
  }

 private:
  T* data_;
  std::size_t pos_;
  T elt_;
};

// Moves data[pos] up towards start while it is greater than its parent; returns its final
// index. O(log_D(pos - start)) comparisons. Preconditions: start <= pos; data[start, pos) is
// a heap when rooted at start (the usual case: start == 0).
template <std::size_t D, class T, class Less>
std::size_t heap_sift_up(T* data, std::size_t start, std::size_t pos, Less& less) noexcept {
  heap_hole<T> hole(data, pos);
  while (hole.pos() > start) {
    const std::size_t parent = (hole.pos() - 1) / D;
    if (!less(hole.get(parent), hole.element())) break;
    hole.move_to(parent);
  }
  return hole.pos();
}

// Index of the greatest of data[first, first + n) (the last one among equals). n >= 1.
template <class T, class Less>
BARE_ALWAYS_INLINE std::size_t heap_greatest(const T* data, std::size_t first, std::size_t n, Less& less) noexcept {
  std::size_t best = first;
  // Branch-free choice (the comparison result is added, not branched on): on random keys a
  // branch here is mispredicted about half the time, at every level of every sift.
  // Counted by offset from first, so that with n = D known at compile time the trip count is
  // too and the loop unrolls (`c < first + n` might wrap, as far as the compiler knows: g++
  // kept a loop of one iteration per level for D = 2).
  for (std::size_t k = 1; k < n; ++k) {
    const std::size_t c = first + k;
    best += static_cast<std::size_t>(!static_cast<bool>(less(data[c], data[best]))) * (c - best);
  }
  return best;
}

// Number of nodes with at least one child in a heap of n elements.
template <std::size_t D>
constexpr std::size_t heap_parents(std::size_t n) noexcept {
  return n >= 2 ? (n - 2) / D + 1 : 0;
}

// Moves data[pos] down within data[0, end) while a child is greater. O(D log_D(end))
// comparisons. Preconditions: pos < end; the subtrees below pos are heaps.
template <std::size_t D, class T, class Less>
void heap_sift_down(T* data, std::size_t pos, std::size_t end, Less& less) noexcept {
  const std::size_t parents = heap_parents<D>(end);
  if (pos >= parents) return;
  // Nodes below `full` have all D children (D*i + D <= end - 1  <=>  i < (end - 1) / D).
  const std::size_t full = (end - 1) / D;
  heap_hole<T> hole(data, pos);
  while (hole.pos() < full) {
    const std::size_t c = heap_greatest(data, D * hole.pos() + 1, D, less);
    if (!less(hole.element(), hole.get(c))) return;
    hole.move_to(c);
  }
  if (hole.pos() < parents) {  // the one node with fewer than D children
    const std::size_t first = D * hole.pos() + 1;
    const std::size_t c = heap_greatest(data, first, end - first, less);
    if (less(hole.element(), hole.get(c))) hole.move_to(c);
  }
}

// For pop: the hole's element is known to be small (it came from the end), so move the hole
// all the way down along the greatest children without comparing against it, then sift the
// element up from there (Rust's sift_down_to_bottom: fewer comparisons on average).
// Preconditions: hole.pos() < end; the subtrees below it are heaps.
template <std::size_t D, class T, class Less>
void heap_hole_to_bottom(heap_hole<T>& hole, const T* data, std::size_t end, Less& less) noexcept {
  const std::size_t parents = heap_parents<D>(end);
  const std::size_t full = end != 0 ? (end - 1) / D : 0;
  const std::size_t start = hole.pos();
  while (hole.pos() < full) {
    const std::size_t first = D * hole.pos() + 1;
#if BARE_HEAP_PREFETCH
    // The hole's grandchildren: the next step reads one of their groups, so its cache miss
    // (in a heap larger than the caches, one per level) overlaps this step's.
    if (D * first + 1 < end) __builtin_prefetch(data + D * first + 1);
#endif
    hole.move_to(heap_greatest(data, first, D, less));
  }
  if (hole.pos() < parents) {
    const std::size_t first = D * hole.pos() + 1;
    hole.move_to(heap_greatest(data, first, end - first, less));
  }
  while (hole.pos() > start) {
    const std::size_t parent = (hole.pos() - 1) / D;
    if (!less(hole.get(parent), hole.element())) break;
    hole.move_to(parent);
  }
}

// The second half of a pop from the heap data[0, n), n >= 1, whose root the caller has just
// moved out: moves data[n - 1] into the root's place and restores the heap in data[0, n - 1).
// data[n - 1] is left moved-from (the caller destroys it). O(D log_D n).
template <std::size_t D, class T, class Less>
void heap_refill_root(T* data, std::size_t n, Less& less) noexcept {
  if (n == 1) return;
  heap_hole<T> hole(data, 0, static_cast<T&&>(data[n - 1]));
  heap_hole_to_bottom<D>(hole, data, n - 1, less);
}

// Makes data[0, n) a heap (Floyd's bottom-up heapify). O(n).
template <std::size_t D, class T, class Less>
void heap_make(T* data, std::size_t n, Less& less) noexcept {
  for (std::size_t i = heap_parents<D>(n); i-- > 0;) heap_sift_down<D>(data, i, n, less);
}

// data[0, start) is a heap; makes data[0, n) one, by sifting each new element up
// (O(k log n) for k = n - start new elements) or by rebuilding the whole (O(n)), whichever
// is estimated cheaper. The estimate is Rust's BinaryHeap::rebuild_tail rule: rebuild if
// start < k, else if 2n < k * log2(start) (for n <= 2048; above, 2n < 11k) — calibrated for
// D = 2 and used unchanged for other arities.
template <std::size_t D, class T, class Less>
void heap_rebuild_tail(T* data, std::size_t start, std::size_t n, Less& less) noexcept {
  if (start == n) return;
  const std::size_t tail = n - start;
  bool rebuild;
  if (start < tail) {
    rebuild = true;
  } else if (n <= 2048) {
    rebuild = 2 * n < tail * static_cast<std::size_t>(std::bit_width(start) - 1);
  } else {
    rebuild = 2 * n < tail * 11;
  }
  if (rebuild) {
    heap_make<D>(data, n, less);
  } else {
    for (std::size_t i = start; i < n; ++i) heap_sift_up<D>(data, 0, i, less);
  }
}

// Sorts a heap data[0, n) ascending (heapsort's second half). O(n log n).
template <std::size_t D, class T, class Less>
void heap_sort(T* data, std::size_t n, Less& less) noexcept {
  for (std::size_t end = n; end > 1;) {
    --end;
    T top(static_cast<T&&>(data[0]));
    data[0] = static_cast<T&&>(data[end]);
    data[end] = static_cast<T&&>(top);
    heap_sift_down<D>(data, 0, end, less);
  }
}

// Whether data[0, n) has the heap property. O(n).
template <std::size_t D, class T, class Less>
bool heap_check(const T* data, std::size_t n, Less& less) noexcept {
  for (std::size_t i = 1; i < n; ++i)
    if (less(data[(i - 1) / D], data[i])) return false;
  return true;
}

}  // namespace bare::detail
