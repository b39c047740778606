// btree_set: what differs from btree_map (the shared core is covered by btree_map_test.cpp,
// the model and the typed tests): keys only, const iteration, take / remove / try_replace,
// cursors and whole-set operations over keys. try_ API unless under BARE_OOM_HANDLING.
#include <gtest/gtest.h>

#include <algorithm>
#include <compare>
#include <iterator>
#include <ranges>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support/death.hpp"
#include "unit/btree_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT
using IS = small_set<int>;

IS make_set(int from, int to, int step = 1) {
  IS s;
  for (int k = from; k < to; k += step)
    if (!s.try_insert(k)) {
      ADD_FAILURE() << "make_set: allocation failed";
    }
  return s;
}

TEST(BtreeSet, EmptyAndLayout) {
  bare::btree_set<int> s;
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(s.first(), nullptr);
  EXPECT_EQ(s.last(), nullptr);
  EXPECT_EQ(s.get(3), nullptr);
  EXPECT_FALSE(s.pop_first().has_value());
  EXPECT_TRUE(s.begin() == s.end());
  EXPECT_EQ(sizeof(s), 4 * sizeof(void*));
  EXPECT_BTREE_OK(s);
  static_assert(std::is_same_v<bare::btree_set<int>::iterator, bare::btree_set<int>::const_iterator>);
  static_assert(std::is_same_v<decltype(*s.begin()), const int&>);
  static_assert(std::bidirectional_iterator<bare::btree_set<int>::iterator>);
}

TEST(BtreeSet, InsertContainsAndOrder) {
  IS s;
  bare_test::rng r(bare_test::test_seed());
  std::vector<int> want;
  for (int i = 0; i < 300; ++i) {
    const int k = r.between(0, 500);
    auto res = s.try_insert(k);
    ASSERT_TRUE(res);
    EXPECT_EQ(*res->position, k);
    const bool fresh = std::find(want.begin(), want.end(), k) == want.end();
    EXPECT_EQ(res->inserted, fresh);
    if (fresh) want.push_back(k);
  }
  std::sort(want.begin(), want.end());
  EXPECT_EQ(keys(s), want);
  EXPECT_BTREE_OK(s);
  for (int k = 0; k <= 500; ++k) EXPECT_EQ(s.contains(k), std::binary_search(want.begin(), want.end(), k));
  EXPECT_EQ(*s.first(), want.front());
  EXPECT_EQ(*s.last(), want.back());
  EXPECT_TRUE(std::ranges::is_sorted(s));
  EXPECT_EQ(std::ranges::distance(s), static_cast<std::ptrdiff_t>(want.size()));
  EXPECT_EQ(*std::prev(s.end()), want.back());
}

TEST(BtreeSet, TakeRemoveReplace) {
  bare::btree_set<std::string, bare::less<>, bare::global, 3> s;
  for (const char* w : {"delta", "alpha", "charlie", "bravo", "echo"}) ASSERT_TRUE(s.try_insert(std::string(w)));
  EXPECT_TRUE(s.contains("alpha"));
  EXPECT_EQ(*s.get(std::string_view("bravo")), "bravo");
  auto t = s.take("charlie");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(*t, "charlie");
  EXPECT_FALSE(s.take("charlie").has_value());
  EXPECT_TRUE(s.remove("delta"));
  EXPECT_FALSE(s.remove("delta"));
  auto rep = s.try_replace(std::string("echo"));
  ASSERT_TRUE(rep);
  EXPECT_FALSE(rep->inserted);
  auto add = s.try_replace(std::string("foxtrot"));
  ASSERT_TRUE(add);
  EXPECT_TRUE(add->inserted);
  std::vector<std::string> all(s.begin(), s.end());
  EXPECT_EQ(all, (std::vector<std::string>{"alpha", "bravo", "echo", "foxtrot"}));
  EXPECT_BTREE_OK(s);
}

TEST(BtreeSet, RangesAndBounds) {
  IS s = make_set(0, 100, 5);
  std::vector<int> got;
  for (int k : s.range(bare::excluded(10), bare::included(30))) got.push_back(k);
  EXPECT_EQ(got, (std::vector<int>{15, 20, 25, 30}));
  EXPECT_EQ(*s.lower_bound(11), 15);
  EXPECT_EQ(*s.upper_bound(15), 20);
  EXPECT_TRUE(s.upper_bound(95) == s.end());
  auto er = s.equal_range(40);
  EXPECT_EQ(*er.first, 40);
  EXPECT_EQ(*er.last, 45);
}

TEST(BtreeSet, PopRetainExtractIf) {
  IS s = make_set(0, 60);
  EXPECT_EQ(*s.pop_first(), 0);
  EXPECT_EQ(*s.pop_last(), 59);
  s.retain([](const int& k) { return k % 2 == 0; });
  EXPECT_EQ(keys(s), iota_vec(2, 59, 2));
  std::vector<int> taken;
  for (int& k : s.extract_if([](const int& k) { return k % 10 == 0; })) taken.push_back(k);
  EXPECT_EQ(taken, (std::vector<int>{10, 20, 30, 40, 50}));
  EXPECT_EQ(s.size(), 24u);
  EXPECT_BTREE_OK(s);
}

TEST(BtreeSet, Cursors) {
  IS s = make_set(0, 40, 4);                          // 0, 4, ..., 36
  auto c = s.lower_bound_cursor(bare::included(9));  // between 8 and 12
  EXPECT_EQ(*c.peek_prev(), 8);
  EXPECT_EQ(*c.peek_next(), 12);
  ASSERT_TRUE(c.try_insert_after(9));  // the cursor stays before 9
  EXPECT_EQ(*c.peek_next(), 9);
  EXPECT_EQ(*c.next(), 9);
  ASSERT_TRUE(c.try_insert_before(10));  // the cursor is after 10
  EXPECT_EQ(*c.peek_prev(), 10);
  EXPECT_EQ(*c.remove_next(), 12);
  EXPECT_EQ(*c.peek_next(), 16);
  EXPECT_EQ(keys(s), (std::vector<int>{0, 4, 8, 9, 10, 16, 20, 24, 28, 32, 36}));
  EXPECT_BTREE_OK(s);
  const IS& cs = s;
  auto rc = cs.upper_bound_cursor(bare::excluded(16));
  EXPECT_EQ(*rc.peek_prev(), 10);
  EXPECT_EQ(*rc.prev(), 10);
}

TEST(BtreeSet, WholeSetOperations) {
  IS a = make_set(0, 100, 2), b = make_set(1, 100, 2);
  auto c = a.try_clone();
  ASSERT_TRUE(c);
  EXPECT_TRUE(*c == a);
  ASSERT_TRUE(a.try_append(b));
  EXPECT_EQ(keys(a), iota_vec(0, 100));
  EXPECT_TRUE(b.empty());
  auto hi = a.try_split_off(50);
  ASSERT_TRUE(hi);
  EXPECT_EQ(keys(a), iota_vec(0, 50));
  EXPECT_EQ(keys(*hi), iota_vec(50, 100));
  EXPECT_BTREE_OK(a);
  EXPECT_BTREE_OK(*hi);
  EXPECT_TRUE(a < *hi);
  EXPECT_TRUE((a <=> a) == 0);
  EXPECT_FALSE(a == *c);
  std::vector<int> src = iota_vec(0, 77, 7);
  auto f = IS::try_from_sorted(src.begin(), src.end());
  ASSERT_TRUE(f);
  EXPECT_EQ(keys(*f), src);
  EXPECT_BTREE_OK(*f);
}

TEST(BtreeSet, ReserveAndWithinCapacity) {
  IS s = make_set(0, 30);
  ASSERT_TRUE(s.try_reserve(10));
  const auto before = global_heap_stats();
  for (int k = 100; k < 110; ++k) ASSERT_TRUE(s.insert_within_capacity(k));
  EXPECT_EQ(global_heap_stats().allocations, before.allocations);
  EXPECT_BTREE_OK(s);
}

#if BARE_OOM_HANDLING
TEST(BtreeSetInfallible, ListInsertCloneSplitAppend) {
  IS s{5, 1, 3, 1};
  EXPECT_EQ(keys(s), (std::vector<int>{1, 3, 5}));
  EXPECT_TRUE(s.insert(2).inserted);
  EXPECT_FALSE(s.insert(2).inserted);
  IS c = s.clone();
  IS hi = c.split_off(3);
  EXPECT_EQ(keys(hi), (std::vector<int>{3, 5}));
  c.append(hi);
  EXPECT_TRUE(c == s);
  std::vector<int> src{1, 2};
  EXPECT_EQ(IS::from_sorted(src.begin(), src.end()).size(), 2u);
  auto cur = s.upper_bound_cursor(bare::unbounded);
  cur.insert_before(9);
  EXPECT_EQ(*s.last(), 9);
}
#endif

}  // namespace
