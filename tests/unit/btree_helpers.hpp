// Helpers shared by the btree unit tests.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <map>
#include <utility>
#include <vector>

#include "bare/btree_map.hpp"
#include "bare/btree_set.hpp"
#include "support/heap.hpp"
#include "support/rng.hpp"
#include "support/tracked.hpp"

namespace bare_test {

// Small nodes (3 keys), so that a few dozen elements make a tree of several levels.
template <class K, class V, class A = bare::global>
using small_map = bare::btree_map<K, V, bare::less<K>, A, 3>;
template <class K, class A = bare::global>
using small_set = bare::btree_set<K, bare::less<K>, A, 3>;

// ASSERT that every invariant holds, printing the broken one.
#define EXPECT_BTREE_OK(c)                                 \
  do {                                                     \
    const ::bare::btree_check bare_chk_ = (c).check();     \
    EXPECT_TRUE(bare_chk_) << bare_chk_.problem;           \
  } while (0)

// The (key, value) ints of a map, in iteration order.
template <class M>
std::vector<std::pair<int, int>> pairs(const M& m) {
  std::vector<std::pair<int, int>> out;
  for (auto [k, v] : m) out.emplace_back(val(k), val(v));
  return out;
}
// The key ints of a map or set, in iteration order.
template <class M>
std::vector<int> keys(const M& m) {
  std::vector<int> out;
  for (auto it = m.begin(); it != m.end(); ++it) {
    if constexpr (requires { (*it).first; }) out.push_back(val((*it).first));
    else out.push_back(val(*it));
  }
  return out;
}
// A map holding k -> value(k) for each k in ks, built with the try_ API.
template <class M, class F>
M make_map(std::initializer_list<int> ks, F value) {
  M m;
  for (int k : ks)
    if (!m.try_insert(mk<typename M::key_type>(k), mk<typename M::mapped_type>(value(k))))
      ADD_FAILURE() << "make_map: allocation failed";
  return m;
}
template <class M>
M make_range_map(int from, int to, int step = 1) {
  M m;
  for (int k = from; k < to; k += step)
    if (!m.try_insert(mk<typename M::key_type>(k), mk<typename M::mapped_type>(k * 10)))
      ADD_FAILURE() << "make_range_map: allocation failed";
  return m;
}
inline std::vector<int> iota_vec(int from, int to, int step = 1) {
  std::vector<int> v;
  for (int k = from; k < to; k += step) v.push_back(k);
  return v;
}

}  // namespace bare_test
