// hash_map / hash_set over every kind of element (DESIGN §6): int, move_only (owns a heap int:
// leaks and double frees show under ASan/LSan), counted (live-instance counting: the runner
// fails a test that leaks one or destroys one twice) and over_aligned (alignas(64)). Elements
// move on growth, on rehashing in place (swaps through a temporary) and out through every
// removing operation; these tests drive all of them. try_ API only.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "unit/hash_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT

template <class T>
class HashTyped : public ::testing::Test {};
using all_types = ::testing::Types<int, move_only, counted, over_aligned>;
TYPED_TEST_SUITE(HashTyped, all_types);

template <class T>
using map_of = bare::hash_map<T, T, bare::fixed_seed_hasher>;
template <class T>
using set_of = bare::hash_set<T, bare::fixed_seed_hasher>;

TYPED_TEST(HashTyped, RandomInsertEraseWithGrowth) {
  using T = TypeParam;
  map_of<T> m;
  std::map<int, int> model;
  rng r(test_seed());
  for (int i = 0; i < 4000; ++i) {
    const int k = r.between(0, 1500);
    if (r.chance(60)) {
      auto res = m.try_insert(mk<T>(k), mk<T>(i));
      ASSERT_TRUE(res);
      EXPECT_EQ(res->inserted, model.emplace(k, i).second);
    } else {
      EXPECT_EQ(m.erase(mk<T>(k)), model.erase(k));
    }
    if (i % 500 == 0) expect_same(m, model);
  }
  expect_same(m, model);
  if constexpr (std::is_same_v<T, counted>) {
    EXPECT_EQ(counted::live, static_cast<long>(2 * model.size()));
  }
}

TYPED_TEST(HashTyped, ChurnRehashesInPlace) {
  // A fixed capacity and steady churn: the growth budget runs out through erasures from
  // overflowed groups and the table rehashes in place (at most 7/8 of the maximum load),
  // moving elements by swaps.
  using T = TypeParam;
  map_of<T> m;
  ASSERT_TRUE(m.try_reserve(400));  // 300 elements stay below 7/8 of the maximum load
  const std::size_t cap = m.capacity();
  std::map<int, int> model;
  rng r(test_seed());
  std::vector<int> live;
  for (int i = 0; i < 300; ++i) {
    live.push_back(static_cast<int>(r.below(1u << 30)));
    if (model.emplace(live.back(), i).second) {
      ASSERT_TRUE(m.try_insert(mk<T>(live.back()), mk<T>(i)));
    } else {
      live.pop_back();
    }
  }
  for (int i = 0; i < 20000; ++i) {
    const std::size_t j = r.below(live.size());
    ASSERT_EQ(m.erase(mk<T>(live[j])), 1u);
    model.erase(live[j]);
    int k = static_cast<int>(r.below(1u << 30));
    while (model.count(k)) k = static_cast<int>(r.below(1u << 30));
    live[j] = k;
    model.emplace(k, i);
    ASSERT_TRUE(m.try_insert(mk<T>(k), mk<T>(i)));
  }
  EXPECT_EQ(m.capacity(), cap);
  expect_same(m, model);
}

TYPED_TEST(HashTyped, EveryWayOut) {
  using T = TypeParam;
  map_of<T> m;
  every_way_out<T>(m, 200);
  if (::testing::Test::HasFatalFailure()) return;
  for (int k = 0; k < 30; ++k) ASSERT_TRUE(m.try_insert(mk<T>(k), mk<T>(k)));
  ASSERT_TRUE(m.try_rehash(5000));
  ASSERT_TRUE(m.try_shrink_to_fit());
  EXPECT_EQ(m.size(), 30u);
  EXPECT_HASH_OK(m);
}

TYPED_TEST(HashTyped, CloneWhenCopyable) {
  using T = TypeParam;
  if constexpr (std::is_copy_constructible_v<T>) {
    map_of<T> m;
    for (int k = 0; k < 300; ++k) ASSERT_TRUE(m.try_insert(mk<T>(k), mk<T>(-k)));
    auto c = m.try_clone();
    ASSERT_TRUE(c);
    EXPECT_TRUE(*c == m);
    EXPECT_HASH_OK(*c);
    EXPECT_EQ(order_of(*c), order_of(m));
  } else {
    static_assert(!requires(const map_of<T>& m) { m.try_clone(); });
  }
}

TYPED_TEST(HashTyped, SetOfT) {
  using T = TypeParam;
  set_of<T> s;
  std::set<int> model;
  rng r(test_seed());
  for (int i = 0; i < 3000; ++i) {
    const int k = r.between(0, 700);
    if (r.chance(65)) {
      ASSERT_TRUE(s.try_insert(mk<T>(k)));
      model.insert(k);
    } else if (r.chance(50)) {
      auto t = s.take(mk<T>(k));
      EXPECT_EQ(t.has_value(), model.erase(k) == 1);
      if (t) {
        EXPECT_EQ(val(*t), k);
      }
    } else {
      EXPECT_EQ(s.remove(mk<T>(k)), model.erase(k) == 1);
    }
  }
  EXPECT_HASH_OK(s);
  EXPECT_EQ(sorted_keys(s), std::vector<int>(model.begin(), model.end()));
  for (const T& k : s) EXPECT_TRUE(aligned(&k));
}

TYPED_TEST(HashTyped, EntryWithT) {
  using T = TypeParam;
  map_of<T> m;
  for (int k = 0; k < 400; ++k) ASSERT_TRUE(m.entry(mk<T>(k % 200)).try_or_insert(mk<T>(k)));
  EXPECT_EQ(m.size(), 200u);
  EXPECT_EQ(val(*m.get(mk<T>(5))), 5);
  EXPECT_HASH_OK(m);
}

TYPED_TEST(HashTyped, AllKeysInOneGroup) {
  using T = TypeParam;
  bare::hash_map<T, T, constant_hasher> m;
  std::map<int, int> model;
  for (int k = 0; k < 120; ++k) {
    ASSERT_TRUE(m.try_insert(mk<T>(k), mk<T>(k)));
    model.emplace(k, k);
  }
  for (int k = 0; k < 120; k += 3) {
    EXPECT_EQ(m.erase(mk<T>(k)), 1u);
    model.erase(k);
  }
  ASSERT_TRUE(m.try_rehash(0));
  expect_same(m, model);
}

}  // namespace
