// Helpers shared by the vec unit tests.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <vector>

#include "bare/vec.hpp"
#include "support/heap.hpp"
#include "support/tracked.hpp"

namespace bare_test {

// A vec of T holding mk<T>(x) for each x, built with the try_ API (usable in every
// configuration). Its capacity is exactly the number of elements.
template <class T, class A = bare::global>
bare::vec<T, A> make_vec(std::initializer_list<int> xs, A a = A()) {
  bare::vec<T, A> v(a);
  if (!v.try_reserve_exact(xs.size())) ADD_FAILURE() << "make_vec: allocation failed";
  for (int x : xs)
    if (!v.try_push_back(mk<T>(x))) ADD_FAILURE() << "make_vec: allocation failed";
  return v;
}

template <class T>
std::vector<T> make_std(std::initializer_list<int> xs) {
  std::vector<T> v;
  for (int x : xs) v.push_back(mk<T>(x));
  return v;
}

using ints = std::vector<int>;

// Number of allocate calls of the global heap since `since`.
inline std::size_t global_allocations_since(const heap_stats& since) {
  return global_heap_stats().allocations - since.allocations;
}

}  // namespace bare_test
