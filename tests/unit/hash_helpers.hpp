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

// Whether r is the error of a full fixed-capacity container.
template <class R>
bool is_full(const R& r) {
  return !r && r.error().kind == bare::alloc_errc::full;
}

// Whether p is aligned for T.
template <class T>
bool aligned(const T* p) {
  return reinterpret_cast<std::uintptr_t>(p) % alignof(T) == 0;
}

// A map (of any element types, see key_int) holds exactly the model's pairs, its invariants
// hold, and its keys and values are aligned.
template <class M>
void expect_same(const M& m, const std::map<int, int>& model) {
  EXPECT_HASH_OK(m);
  ASSERT_EQ(m.size(), model.size());
  for (auto [k, v] : m) {
    auto it = model.find(val(k));
    ASSERT_TRUE(it != model.end()) << val(k);
    EXPECT_EQ(val(v), it->second);
    EXPECT_TRUE(aligned(&k) && aligned(&v));
  }
}

// Fills the empty map m with keys 0..n-1 (k -> k + 1000; n >= 8) and takes them out every way
// a map gives elements back: remove, remove_entry, erase(iterator), retain, extract_if (moving
// out of the held element, stopping early), entry().remove(), drain (stopping early: the rest
// is dropped), clear. Checked against a model; m is empty afterwards.
template <class T, class M>
void every_way_out(M& m, int n) {
  std::map<int, int> model;
  for (int k = 0; k < n; ++k) {
    ASSERT_TRUE(m.try_insert(mk<T>(k), mk<T>(k + 1000)));
    model.emplace(k, k + 1000);
  }
  const int a = n / 4, b = a + 1, c = n / 3;
  int probe = n / 2 + 1;  // survives retain and extract_if below
  while (probe % 5 == 0 || probe % 7 == 0) ++probe;
  EXPECT_EQ(val(*m.remove(mk<T>(a))), a + 1000);
  auto e = m.remove_entry(mk<T>(b));
  ASSERT_TRUE(e);
  EXPECT_EQ(val(e->first), b);
  EXPECT_EQ(val(e->second), b + 1000);
  model.erase(a);
  model.erase(b);
  m.erase(m.find(mk<T>(c)));
  model.erase(c);
  m.retain([](const T& k, T&) { return val(k) % 7 != 0; });
  std::erase_if(model, [](const auto& kv) { return kv.first % 7 == 0; });
  int taken = 0;
  {
    auto x = m.extract_if([](const T& k, T&) { return val(k) % 5 == 0; });
    for (auto it = x.begin(); it != x.end(); ++it) {  // (++it removes the next one)
      T keep = std::move(it->second);
      EXPECT_EQ(val(keep) - 1000, val(it->first));
      model.erase(val(it->first));
      if (++taken == 4) break;
    }
  }
  expect_same(m, model);
  auto ent = m.entry(mk<T>(probe));
  ASSERT_TRUE(ent.is_occupied());
  auto old = ent.remove();
  ASSERT_TRUE(old);
  EXPECT_EQ(val(*old), probe + 1000);
  model.erase(probe);
  expect_same(m, model);
  int drained = 0;
  {
    auto d = m.drain();
    for (auto it = d.begin(); it != d.end() && drained < 7; ++it) ++drained;
  }
  EXPECT_TRUE(m.empty());
  for (int k = 0; k < 30 && k < n; ++k) ASSERT_TRUE(m.try_insert(mk<T>(k), mk<T>(k)));
  m.clear();
  EXPECT_TRUE(m.empty());
  EXPECT_HASH_OK(m);
}

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
