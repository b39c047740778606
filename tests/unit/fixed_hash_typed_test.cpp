// fixed_hash_map / fixed_hash_set over every kind of element (DESIGN §6): int, move_only (owns
// a heap int: leaks and double frees show under ASan/LSan), counted (live-instance counting:
// the runner fails a test that leaks one or destroys one twice) and over_aligned (alignas(64):
// the slots come before the control bytes then). Elements move when the table rehashes in
// place (swaps through a temporary), when the container is moved or swapped (each to the
// same slot of the other object), and out through every removing operation.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "bare/fixed_hash_map.hpp"
#include "bare/fixed_hash_set.hpp"
#include "unit/hash_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT

template <class T>
class FixedHashTyped : public ::testing::Test {};
using all_types = ::testing::Types<int, move_only, counted, over_aligned>;
TYPED_TEST_SUITE(FixedHashTyped, all_types);

constexpr std::size_t cap = 60;  // 8 groups: 119 slots
template <class T, class H = bare::fixed_seed_hasher>
using map_of = bare::fixed_hash_map<T, T, cap, H>;
template <class T>
using set_of = bare::fixed_hash_set<T, cap, bare::fixed_seed_hasher>;

// Random insertions (refused exactly when the key is absent and the map holds cap elements)
// and erasures over a key range wider than the capacity.
TYPED_TEST(FixedHashTyped, RandomInsertEraseAgainstTheFullCondition) {
  using T = TypeParam;
  map_of<T> m;
  std::map<int, int> model;
  rng r(test_seed());
  std::size_t refused = 0;
  for (int i = 0; i < 6000; ++i) {
    const int k = r.between(0, 150);
    if (r.chance(60)) {
      T key = mk<T>(k);
      auto res = m.try_insert(std::move(key), mk<T>(i));
      const bool absent = model.count(k) == 0;
      if (absent && model.size() == cap) {
        ASSERT_TRUE(is_full(res));
        EXPECT_EQ(val(key), k) << "a refused key was consumed";
        ++refused;
      } else {
        ASSERT_TRUE(res);
        EXPECT_EQ(res->inserted, absent);
        model.emplace(k, i);
      }
    } else {
      EXPECT_EQ(m.erase(mk<T>(k)), model.erase(k));
    }
    if (i % 500 == 0) expect_same(m, model);
  }
  expect_same(m, model);
  EXPECT_GT(refused, 100u);
  if constexpr (std::is_same_v<T, counted>) {
    EXPECT_EQ(counted::live, static_cast<long>(2 * model.size()));
  }
}

// Steady churn at full size: the growth budget runs out and the table rehashes in place
// (moving elements by swaps); never full for a key whose room was just freed.
TYPED_TEST(FixedHashTyped, ChurnAtFullSizeRehashesInPlace) {
  using T = TypeParam;
  map_of<T> m;
  std::map<int, int> model;
  rng r(test_seed());
  std::vector<int> live;
  while (live.size() < cap) {
    const int k = static_cast<int>(r.below(1u << 30));
    if (!model.emplace(k, k).second) continue;
    live.push_back(k);
    ASSERT_TRUE(m.try_insert(mk<T>(k), mk<T>(k)));
  }
  for (int i = 0; i < 8000; ++i) {
    const std::size_t j = r.below(live.size());
    ASSERT_EQ(m.erase(mk<T>(live[j])), 1u);
    model.erase(live[j]);
    int k = static_cast<int>(r.below(1u << 30));
    while (model.count(k)) k = static_cast<int>(r.below(1u << 30));
    live[j] = k;
    model.emplace(k, i);
    ASSERT_TRUE(m.try_insert(mk<T>(k), mk<T>(i)));
    if (i % 1000 == 0) expect_same(m, model);
  }
  EXPECT_EQ(m.size(), cap);
  expect_same(m, model);
}

TYPED_TEST(FixedHashTyped, MoveSwapAndCopyWhenCopyable) {
  using T = TypeParam;
  std::map<int, int> model;
  map_of<T> a;
  for (int k = 0; k < 50; ++k) {
    ASSERT_TRUE(a.try_insert(mk<T>(k * 3), mk<T>(k)));
    model.emplace(k * 3, k);
  }
  const auto order = order_of(a);
  map_of<T> b(std::move(a));
  EXPECT_TRUE(a.empty());
  EXPECT_HASH_OK(a);
  EXPECT_EQ(order_of(b), order) << "moved to the same slots";
  expect_same(b, model);
  ASSERT_TRUE(a.try_insert(mk<T>(1), mk<T>(1)));
  swap(a, b);
  expect_same(a, model);
  EXPECT_EQ(b.size(), 1u);
  b = std::move(a);
  expect_same(b, model);
  EXPECT_TRUE(a.empty());
  if constexpr (std::is_copy_constructible_v<T>) {
    map_of<T> c = b;
    EXPECT_TRUE(c == b);
    EXPECT_EQ(order_of(c), order_of(b));
    auto d = c.try_clone();
    ASSERT_TRUE(d);
    expect_same(*d, model);
    a = c;
    expect_same(a, model);
    if constexpr (std::is_same_v<T, counted>) {
      EXPECT_EQ(counted::live, static_cast<long>(4 * 2 * model.size())) << "a, b, c and d";
    }
  } else {
    static_assert(!std::is_copy_constructible_v<map_of<T>>);
    static_assert(!requires(const map_of<T>& m) { m.try_clone(); });
  }
}

TYPED_TEST(FixedHashTyped, EveryWayOut) {
  using T = TypeParam;
  map_of<T> m;
  every_way_out<T>(m, static_cast<int>(cap));
  if (::testing::Test::HasFatalFailure()) return;
  for (int k = 0; k < static_cast<int>(cap); ++k) ASSERT_TRUE(m.entry(mk<T>(k)).try_or_insert(mk<T>(k)));
  EXPECT_TRUE(is_full(m.entry(mk<T>(-1)).try_or_insert(mk<T>(0))));
  EXPECT_EQ(m.size(), cap);
  EXPECT_HASH_OK(m);
}

TYPED_TEST(FixedHashTyped, SetOfT) {
  using T = TypeParam;
  set_of<T> s;
  std::set<int> model;
  rng r(test_seed());
  for (int i = 0; i < 4000; ++i) {
    const int k = r.between(0, 100);
    if (r.chance(65)) {
      auto res = s.try_insert(mk<T>(k));
      if (!res) {
        ASSERT_TRUE(is_full(res));
        ASSERT_EQ(model.size(), cap);
        ASSERT_EQ(model.count(k), 0u);
      } else {
        EXPECT_EQ(res->inserted, model.insert(k).second);
      }
    } else if (r.chance(50)) {
      auto t = s.take(mk<T>(k));
      EXPECT_EQ(t.has_value(), model.erase(k) == 1);
    } else {
      EXPECT_EQ(s.remove(mk<T>(k)), model.erase(k) == 1);
    }
  }
  EXPECT_HASH_OK(s);
  EXPECT_EQ(sorted_keys(s), std::vector<int>(model.begin(), model.end()));
  for (const T& k : s) EXPECT_TRUE(aligned(&k));
}

// Every key hashes alike: the elements fill the home group and overflow through the others.
TYPED_TEST(FixedHashTyped, AllKeysInOneGroup) {
  using T = TypeParam;
  map_of<T, constant_hasher> m;
  std::map<int, int> model;
  for (int k = 0; k < static_cast<int>(cap); ++k) {
    ASSERT_TRUE(m.try_insert(mk<T>(k), mk<T>(k)));
    model.emplace(k, k);
  }
  EXPECT_TRUE(is_full(m.try_insert(mk<T>(-1), mk<T>(0))));
  // Rounds of churn at full size: a third of the elements leave and come back under new keys.
  for (int round = 0; round < 20; ++round) {
    std::vector<std::pair<int, int>> moving;
    for (auto [k, v] : model)
      if (v % 3 == round % 3) moving.emplace_back(k, v);
    for (auto [k, v] : moving) {
      EXPECT_EQ(m.erase(mk<T>(k)), 1u);
      model.erase(k);
      const int renamed = v + 1000 * (round + 1);
      ASSERT_TRUE(m.try_insert(mk<T>(renamed), mk<T>(v)));
      model.emplace(renamed, v);
    }
    EXPECT_HASH_OK(m);
  }
  expect_same(m, model);
}

}  // namespace
