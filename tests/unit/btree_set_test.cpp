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

// ---- set algebra: every view against std::set_* on the same sorted keys ------------------------

namespace algebra {

std::vector<int> keys_of(const IS& s) { return std::vector<int>(s.begin(), s.end()); }

template <class View>
std::vector<int> walk(const View& v) {
  std::vector<int> out;
  for (const int& k : v) out.push_back(k);
  return out;
}

// Random sets of sizes na and nb drawn from [0, range): checks the four views and the three
// predicates against the std algorithms.
void check_pair(std::size_t na, std::size_t nb, int range, std::uint64_t seed) {
  SCOPED_TRACE(testing::Message() << "na=" << na << " nb=" << nb << " range=" << range << " seed=" << seed);
  bare_test::rng r(seed);
  IS a, b;
  while (a.size() < na) ASSERT_TRUE(a.try_insert(static_cast<int>(r.below(static_cast<std::uint64_t>(range)))));
  while (b.size() < nb) ASSERT_TRUE(b.try_insert(static_cast<int>(r.below(static_cast<std::uint64_t>(range)))));
  const auto ka = keys_of(a), kb = keys_of(b);
  std::vector<int> u, i, d, rd, x;
  std::set_union(ka.begin(), ka.end(), kb.begin(), kb.end(), std::back_inserter(u));
  std::set_intersection(ka.begin(), ka.end(), kb.begin(), kb.end(), std::back_inserter(i));
  std::set_difference(ka.begin(), ka.end(), kb.begin(), kb.end(), std::back_inserter(d));
  std::set_difference(kb.begin(), kb.end(), ka.begin(), ka.end(), std::back_inserter(rd));
  std::set_symmetric_difference(ka.begin(), ka.end(), kb.begin(), kb.end(), std::back_inserter(x));
  EXPECT_EQ(walk(a.union_with(b)), u);
  EXPECT_EQ(walk(a.intersection(b)), i);
  EXPECT_EQ(walk(b.intersection(a)), i);
  EXPECT_EQ(walk(a.difference(b)), d);
  EXPECT_EQ(walk(b.difference(a)), rd);
  EXPECT_EQ(walk(a.symmetric_difference(b)), x);
  EXPECT_EQ(a.intersection(b).empty(), i.empty());
  EXPECT_EQ(a.is_disjoint(b), i.empty());
  EXPECT_EQ(a.is_subset(b), d.empty());
  EXPECT_EQ(b.is_subset(a), rd.empty());
  EXPECT_EQ(a.is_superset(b), rd.empty());
}

}  // namespace algebra

TEST(BtreeSet, SetAlgebraAgainstStd) {
  const std::uint64_t seed = bare_test::test_seed();
  // Comparable sizes (stitch), one side 16x larger or more (search), empty sides, disjoint
  // ranges and heavy overlap.
  const std::size_t sizes[][2] = {{0, 0}, {0, 40}, {40, 0}, {1, 1}, {30, 30}, {200, 150}, {5, 400}, {400, 5},
                                  {25, 400}, {26, 400}, {700, 3}};
  for (const auto& s : sizes) {
    algebra::check_pair(s[0], s[1], 1000, seed);
    algebra::check_pair(s[0], s[1], static_cast<int>((s[0] + s[1]) * 2 + 2), seed + 1);  // much overlap
  }
}

TEST(BtreeSet, SetAlgebraEdges) {
  const IS a = make_set(0, 100, 2), b = make_set(1, 100, 2), c = make_set(0, 100, 4), e;
  EXPECT_TRUE(a.is_disjoint(b));
  EXPECT_TRUE(a.intersection(b).empty());
  EXPECT_TRUE(c.is_subset(a));
  EXPECT_TRUE(a.is_superset(c));
  EXPECT_FALSE(a.is_subset(c));
  EXPECT_TRUE(e.is_subset(a));
  EXPECT_TRUE(e.is_disjoint(e));
  EXPECT_TRUE(a.is_subset(a));
  EXPECT_EQ(std::ranges::distance(a.union_with(b)), 100);
  EXPECT_EQ(std::ranges::distance(a.symmetric_difference(a)), 0);
  EXPECT_EQ(std::ranges::distance(a.difference(e)), 50);
  // The equal key yielded is the left operand's (the address of a's element).
  const int* in_a = a.get(42);
  ASSERT_NE(in_a, nullptr);
  for (const int& k : a.intersection(c)) {
    if (k == 42) {
      EXPECT_EQ(&k, in_a);
    }
  }
  // A view's iterators do not refer to the view: they survive it.
  auto it = a.union_with(b).begin();
  EXPECT_EQ(*it, 0);
  ++it;
  EXPECT_EQ(*it, 1);
  static_assert(std::forward_iterator<IS::union_view::iterator>);
}
