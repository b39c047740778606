// Helpers shared by the vec_deque unit tests: deques built in a chosen ring layout (capacity
// and the slot of element 0), so that every operation can be run on wrapped and unwrapped
// rings alike.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <initializer_list>
#include <utility>
#include <vector>

#include "bare/vec_deque.hpp"
#include "support/heap.hpp"
#include "support/tracked.hpp"

namespace bare_test {

using ints = std::vector<int>;

// A deque of capacity exactly `cap` whose element 0 lives in slot `head`, holding mk<T>(x)
// for each x of xs (wrapped when head + xs.size() > cap). Built with the try_ API.
// Preconditions: xs.size() <= cap, head < cap (or both 0).
template <class T, class A = bare::global>
bare::vec_deque<T, A> make_dq(const ints& xs, std::size_t cap, std::size_t head, A a = A()) {
  bare::vec_deque<T, A> d(a);
  if (!d.try_reserve_exact(cap)) ADD_FAILURE() << "make_dq: allocation failed";
  for (std::size_t i = 0; i < head; ++i)
    if (!d.try_push_back(mk<T>(-1))) ADD_FAILURE() << "make_dq: allocation failed";
  for (std::size_t i = 0; i < head; ++i) (void)d.pop_front();
  for (int x : xs)
    if (!d.try_push_back(mk<T>(x))) ADD_FAILURE() << "make_dq: allocation failed";
  EXPECT_EQ(d.capacity(), cap);
  return d;
}
template <class T, class A = bare::global>
bare::vec_deque<T, A> make_dq(std::initializer_list<int> xs, std::size_t cap, std::size_t head, A a = A()) {
  return make_dq<T, A>(ints(xs), cap, head, a);
}
// Capacity exactly xs.size(), element 0 in slot 0.
template <class T, class A = bare::global>
bare::vec_deque<T, A> make_dq(std::initializer_list<int> xs, A a = A()) {
  return make_dq<T, A>(ints(xs), xs.size(), 0, a);
}

// 0, 1, ..., n - 1.
inline ints iota(std::size_t n, int from = 0) {
  ints v;
  for (std::size_t i = 0; i < n; ++i) v.push_back(from + static_cast<int>(i));
  return v;
}

// The sizes of the two pieces of as_slices(): {n, 0} when not wrapped.
template <class D>
std::pair<std::size_t, std::size_t> pieces(const D& d) {
  const auto s = d.as_slices();
  return {s.first.size(), s.second.size()};
}

// Addresses of every element, in order.
template <class D>
std::vector<const void*> addresses(const D& d) {
  std::vector<const void*> out;
  for (std::size_t i = 0; i < d.size(); ++i) out.push_back(static_cast<const void*>(&d[i]));
  return out;
}

// Calls fn(cap, head) for every capacity in [n + extra_lo, n + extra_hi] (at least 1) and
// every head slot of that capacity: every way n elements can lie in such rings.
template <class Fn>
void for_each_layout(std::size_t n, std::size_t extra_lo, std::size_t extra_hi, Fn fn) {
  for (std::size_t cap = n + extra_lo; cap <= n + extra_hi; ++cap) {
    if (cap == 0) continue;
    for (std::size_t head = 0; head < cap; ++head) {
      SCOPED_TRACE(::testing::Message() << "capacity " << cap << ", head " << head << ", size " << n);
      fn(cap, head);
      if (::testing::Test::HasFatalFailure()) return;
    }
  }
}

// Number of allocate calls of the global heap since `since`.
inline std::size_t dq_allocations_since(const heap_stats& since) {
  return global_heap_stats().allocations - since.allocations;
}

}  // namespace bare_test
