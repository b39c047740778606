// hash_set: the API that differs from hash_map's (insertion of keys, take / remove / replace,
// set relations), and the shared members seen through a set (const iteration, retain,
// extract_if, drain, clone, equality). try_ API first; infallible twins at the end.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <set>
#include <vector>

#include "bare/string.hpp"
#include "unit/hash_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT
using IS = bare::hash_set<int, bare::fixed_seed_hasher>;

IS make_is(int from, int to) {
  IS s;
  for (int i = from; i < to; ++i)
    if (!s.try_insert(i)) ADD_FAILURE() << "allocation failed";
  return s;
}

TEST(HashSet, InsertContainsTakeRemove) {
  IS s;
  std::set<int> model;
  rng r(test_seed());
  for (int i = 0; i < 10000; ++i) {
    const int k = r.between(0, 2000);
    switch (r.below(4)) {
      case 0:
      case 1: {
        auto res = s.try_insert(k);
        ASSERT_TRUE(res);
        EXPECT_EQ(res->inserted, model.insert(k).second);
        EXPECT_EQ(*res->position, k);
        break;
      }
      case 2: {
        auto t = s.take(k);
        EXPECT_EQ(t.has_value(), model.erase(k) == 1);
        if (t) {
          EXPECT_EQ(*t, k);
        }
        break;
      }
      default:
        EXPECT_EQ(s.remove(k), model.erase(k) == 1);
    }
  }
  EXPECT_HASH_OK(s);
  EXPECT_EQ(sorted_keys(s), std::vector<int>(model.begin(), model.end()));
  for (int k = 0; k <= 2000; ++k) {
    EXPECT_EQ(s.contains(k), model.count(k) == 1);
    const int* p = s.get(k);
    EXPECT_EQ(p != nullptr, model.count(k) == 1);
    if (p) {
      EXPECT_EQ(*p, k);
    }
  }
  static_assert(std::is_same_v<IS::iterator, IS::const_iterator>);
  static_assert(std::is_same_v<decltype(*s.begin()), const int&>);
  static_assert(std::forward_iterator<IS::iterator>);
}

TEST(HashSet, ReplaceSwapsInTheNewKey) {
  bare::hash_set<counted, bare::fixed_seed_hasher> s;
  ASSERT_TRUE(s.try_insert(counted(1)));
  auto r = s.try_replace(counted(1));
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->inserted);
  auto r2 = s.try_replace(counted(2));
  ASSERT_TRUE(r2);
  EXPECT_TRUE(r2->inserted);
  EXPECT_EQ(s.size(), 2u);
  EXPECT_HASH_OK(s);
}

TEST(HashSet, RetainExtractIfDrainClone) {
  IS s = make_is(0, 500);
  s.retain([](const int& k) { return k % 2 == 0; });
  EXPECT_EQ(s.size(), 250u);
  int taken = 0;
  for (int& k : s.extract_if([](const int& k) { return k % 10 == 0; })) {
    EXPECT_EQ(k % 10, 0);
    ++taken;
  }
  EXPECT_EQ(taken, 50);
  EXPECT_EQ(s.size(), 200u);
  auto c = s.try_clone();
  ASSERT_TRUE(c);
  EXPECT_TRUE(*c == s);
  EXPECT_EQ(order_of(*c), order_of(s));
  std::vector<int> all;
  for (int& k : c->drain()) all.push_back(k);
  EXPECT_EQ(all.size(), 200u);
  EXPECT_TRUE(c->empty());
  EXPECT_HASH_OK(s);
  EXPECT_HASH_OK(*c);
}

TEST(HashSet, Relations) {
  IS a = make_is(0, 10), b = make_is(0, 20), d = make_is(100, 105);
  EXPECT_TRUE(a.is_subset(b));
  EXPECT_FALSE(b.is_subset(a));
  EXPECT_TRUE(a.is_disjoint(d));
  EXPECT_TRUE(d.is_disjoint(b));
  EXPECT_FALSE(a.is_disjoint(b));
  IS e;
  EXPECT_TRUE(e.is_subset(a));
  EXPECT_TRUE(e.is_disjoint(a));
  EXPECT_TRUE(a == make_is(0, 10));
  EXPECT_FALSE(a == b);
}

TEST(HashSet, StringKeysFoundByStr) {
  bare::hash_set<bare::string<>, bare::fixed_seed_hasher> s;
  for (const char* w : {"alpha", "beta", "gamma", "delta"}) {
    auto str = bare::string<>::try_from(bare::str::from_utf8_unchecked(w, std::char_traits<char>::length(w)));
    ASSERT_TRUE(str);
    ASSERT_TRUE(s.try_insert(std::move(*str)));
  }
  EXPECT_TRUE(s.contains(bare::str("gamma")));
  EXPECT_FALSE(s.contains(bare::str("epsilon")));
  auto t = s.take(bare::str("beta"));
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->as_str() == bare::str("beta"));
  EXPECT_EQ(s.size(), 3u);
}

TEST(HashSet, WithinCapacityAndReserve) {
  IS s;
  EXPECT_EQ(s.insert_within_capacity(1).error().kind, bare::alloc_errc::full);
  auto w = IS::try_with_capacity(100);
  ASSERT_TRUE(w);
  EXPECT_GE(w->growth_left(), 100u);
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(w->insert_within_capacity(i));
  EXPECT_HASH_OK(*w);
}

#if BARE_OOM_HANDLING
TEST(HashSet, InfallibleTwins) {
  bare::hash_set<int> s{3, 1, 4, 1, 5};
  EXPECT_EQ(s.size(), 4u);
  EXPECT_TRUE(s.insert(9).inserted);
  EXPECT_FALSE(s.insert(9).inserted);
  s.reserve(100);
  EXPECT_GE(s.capacity(), 100u);
  auto c = s.clone();
  EXPECT_TRUE(c == s);
  s.shrink_to_fit();
  EXPECT_HASH_OK(s);
}
#endif

}  // namespace
