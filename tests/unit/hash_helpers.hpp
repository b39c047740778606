// Helpers shared by the hash_map / hash_set tests: the hash protocol for the tracked element
// types, hashers that make collisions on purpose, and comparisons with std containers.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <type_traits>
#include <utility>
#include <vector>

#include "bare/hash_map.hpp"
#include "bare/hash_set.hpp"
#include "support/heap.hpp"
#include "support/rng.hpp"
#include "support/tracked.hpp"

namespace bare_test {

// The int a test key stands for (integers as they are, tracked types by value()).
template <class T>
std::int64_t key_int(const T& v) {
  if constexpr (std::is_integral_v<T>) return static_cast<std::int64_t>(v);
  else return val(v);
}

// The element types of support/tracked.hpp hash by their value (found by ADL).
inline void hash_append(bare::hash_state& h, const counted& c) noexcept { h.add(c.value()); }
inline void hash_append(bare::hash_state& h, const move_only& c) noexcept { h.add(c.value()); }
inline void hash_append(bare::hash_state& h, const over_aligned& c) noexcept { h.add(c.value()); }

// Every key hashes to the same value: all keys collide in one home group and h2.
struct constant_hasher {
  template <class T>
  std::uint64_t operator()(const T&) const noexcept {
    return 0x5A5A5A5A5A5A5A5Aull;
  }
  using is_avalanching = void;  // taken as it is: really one value for every key
};

// libstdc++-style identity hash (not avalanching: the table mixes it).
struct identity_hasher {
  template <class T>
  std::size_t operator()(const T& v) const noexcept {
    return static_cast<std::size_t>(key_int(v));
  }
};

// Hashes only the low `bits` bits of the value, marked avalanching: keys that differ above
// them collide completely (the table cannot mix them apart).
template <unsigned Bits>
struct low_bits_hasher {
  using is_avalanching = void;
  template <class T>
  std::uint64_t operator()(const T& v) const noexcept {
    const auto x = static_cast<std::uint64_t>(key_int(v)) & ((1ull << Bits) - 1);
    return bare::fixed_seed_hasher()(x);
  }
};

// ASSERT that every invariant holds, printing the broken one.
#define EXPECT_HASH_OK(c)                              \
  do {                                                 \
    const ::bare::hash_check bare_chk_ = (c).check();  \
    EXPECT_TRUE(bare_chk_) << bare_chk_.problem;       \
  } while (0)

// The (key, value) ints of a map, sorted.
template <class M>
std::vector<std::pair<int, int>> sorted_pairs(const M& m) {
  std::vector<std::pair<int, int>> out;
  for (auto [k, v] : m) out.emplace_back(val(k), val(v));
  std::sort(out.begin(), out.end());
  return out;
}
inline std::vector<std::pair<int, int>> sorted_pairs(const std::map<int, int>& m) {
  return std::vector<std::pair<int, int>>(m.begin(), m.end());
}
// The key ints of a set, sorted.
template <class S>
std::vector<int> sorted_keys(const S& s) {
  std::vector<int> out;
  for (const auto& k : s) out.push_back(val(k));
  std::sort(out.begin(), out.end());
  return out;
}

// The keys in iteration order.
template <class M>
std::vector<int> order_of(const M& m) {
  std::vector<int> out;
  for (auto it = m.begin(); it != m.end(); ++it) {
    if constexpr (requires { (*it).first; }) out.push_back(val((*it).first));
    else out.push_back(val(*it));
  }
  return out;
}

}  // namespace bare_test
