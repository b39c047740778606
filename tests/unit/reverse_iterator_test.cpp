// bare::reverse_iterator and rbegin()/rend() on every bidirectional container; bare::reversed.
#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <vector>

#include "bare/btree_map.hpp"
#include "bare/btree_set.hpp"
#include "bare/fixed_deque.hpp"
#include "bare/fixed_map.hpp"
#include "bare/fixed_vec.hpp"
#include "bare/intrusive_list.hpp"
#include "bare/linked_list.hpp"
#include "bare/reverse_iterator.hpp"
#include "bare/small_vec.hpp"
#include "bare/vec.hpp"
#include "bare/vec_deque.hpp"

namespace {

// The elements of [first, last) in a std::vector.
template <class It>
std::vector<int> collect(It first, It last) {
  std::vector<int> out;
  for (; first != last; ++first) out.push_back(*first);
  return out;
}

std::vector<int> descending(int n) {
  std::vector<int> v;
  for (int i = n - 1; i >= 0; --i) v.push_back(i);
  return v;
}

// rbegin..rend, crbegin..crend, the const overloads and reversed() all walk c backwards.
template <class C>
void expect_reverse_walk(C& c, int n) {
  EXPECT_EQ(collect(c.rbegin(), c.rend()), descending(n));
  EXPECT_EQ(collect(c.crbegin(), c.crend()), descending(n));
  const C& cc = c;
  EXPECT_EQ(collect(cc.rbegin(), cc.rend()), descending(n));
  std::vector<int> via_range;
  for (const auto& x : bare::reversed(c)) via_range.push_back(x);
  EXPECT_EQ(via_range, descending(n));
  // Walking back from rend() with -- visits the elements first to last.
  std::vector<int> forward;
  for (auto it = c.rend(); it != c.rbegin();) forward.push_back(*--it);
  EXPECT_EQ(forward, collect(c.begin(), c.end()));
}

TEST(ReverseIterator, VecIsRandomAccessAndBaseIsOnePast) {
  bare::vec<int> v;
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(v.try_push_back(i));
  expect_reverse_walk(v, 10);
  auto r = v.rbegin();
  EXPECT_EQ(r.base(), v.end());
  EXPECT_EQ(*r, 9);
  EXPECT_EQ(r[3], 6);
  EXPECT_EQ(*(r + 4), 5);
  EXPECT_EQ(*(2 + r), 7);
  EXPECT_EQ(v.rend() - v.rbegin(), 10);
  EXPECT_LT(v.rbegin(), v.rend());
  EXPECT_GT(v.rend() - 1, v.rbegin());
  r += 9;
  EXPECT_EQ(*r, 0);
  r -= 9;
  EXPECT_EQ(*r, 9);
  // Writable through the mutable iterator; iterator converts to const_iterator.
  *v.rbegin() = 90;
  EXPECT_EQ(v.back(), 90);
  bare::reverse_iterator<const int*> c = v.rbegin();
  EXPECT_EQ(*c, 90);
  EXPECT_TRUE(c == v.crbegin());
  // std algorithms accept it (hosted: random_access_iterator).
  static_assert(std::random_access_iterator<bare::reverse_iterator<int*>>);
  std::sort(v.rbegin(), v.rend());  // sorted backwards: descending forwards
  EXPECT_TRUE(std::is_sorted(v.begin(), v.end(), [](int a, int b) { return a > b; }));
}

TEST(ReverseIterator, EmptyContainers) {
  bare::vec<int> v;
  EXPECT_EQ(v.rbegin(), v.rend());
  bare::vec_deque<int> d;
  EXPECT_EQ(d.rbegin(), d.rend());
  bare::linked_list<int> l;
  EXPECT_EQ(l.rbegin(), l.rend());
  bare::btree_map<int, int> m;
  EXPECT_TRUE(m.rbegin() == m.rend());
  bare::btree_set<int> s;
  EXPECT_TRUE(s.rbegin() == s.rend());
}

TEST(ReverseIterator, VecDequeAcrossTheWrap) {
  bare::vec_deque<int> d;
  ASSERT_TRUE(d.try_reserve(8));
  for (int i = 0; i < 6; ++i) ASSERT_TRUE(d.try_push_back(i));
  for (int i = 0; i < 4; ++i) (void)d.pop_front();
  for (int i = 6; i < 10; ++i) ASSERT_TRUE(d.try_push_back(i));  // wraps around the block
  for (int i = 3; i >= 0; --i) ASSERT_TRUE(d.try_push_front(i));
  ASSERT_EQ(d.size(), 10u);
  expect_reverse_walk(d, 10);
  static_assert(std::random_access_iterator<decltype(d.rbegin())>);
  EXPECT_EQ(d.rbegin()[9], 0);
  EXPECT_EQ(d.rend() - d.rbegin(), 10);
}

TEST(ReverseIterator, FixedAndSmallVecAndFixedDeque) {
  bare::fixed_vec<int, 8> f;
  bare::small_vec<int, 4> s;
  bare::fixed_deque<int, 8> q;
  for (int i = 0; i < 8; ++i) {
    f.push_back(i);
    ASSERT_TRUE(s.try_push_back(i));  // spills to the heap after 4
    q.push_back(i);
  }
  expect_reverse_walk(f, 8);
  expect_reverse_walk(s, 8);
  expect_reverse_walk(q, 8);
}

TEST(ReverseIterator, LinkedList) {
  bare::linked_list<int> l;
  for (int i = 0; i < 7; ++i) ASSERT_TRUE(l.try_push_back(i));
  expect_reverse_walk(l, 7);
  static_assert(std::bidirectional_iterator<decltype(l.rbegin())>);
  static_assert(!std::random_access_iterator<decltype(l.rbegin())>);
  *l.rbegin() = 60;
  EXPECT_EQ(l.back(), 60);
}

struct item {
  int v;
  bare::list_hook hook;
};

TEST(ReverseIterator, IntrusiveList) {
  item items[5] = {{0, {}}, {1, {}}, {2, {}}, {3, {}}, {4, {}}};
  bare::intrusive_list<item, &item::hook> l;
  for (auto& it : items) l.push_back(it);
  std::vector<int> got;
  for (auto it = l.rbegin(); it != l.rend(); ++it) got.push_back(it->v);
  EXPECT_EQ(got, descending(5));
  got.clear();
  for (const item& x : bare::reversed(l)) got.push_back(x.v);
  EXPECT_EQ(got, descending(5));
  l.clear();
}

TEST(ReverseIterator, BTreeMapInReverseKeyOrderAcrossNodes) {
  bare::btree_map<int, int> m;
  const int n = 2000;  // several levels of 31-key nodes
  for (int i = 0; i < n; ++i) ASSERT_TRUE(m.try_insert((i * 7919) % n, -((i * 7919) % n)));
  int expect = n - 1;
  for (auto it = m.rbegin(); it != m.rend(); ++it, --expect) {
    ASSERT_EQ(it->first, expect);
    ASSERT_EQ((*it).second, -expect);
  }
  EXPECT_EQ(expect, -1);
  m.rbegin()->second = 5;  // the map's values are writable through it
  EXPECT_EQ(*m.get(n - 1), 5);
  EXPECT_EQ(std::distance(m.crbegin(), m.crend()), n);
  EXPECT_EQ(m.rbegin().base(), m.end());
}

TEST(ReverseIterator, BTreeSetAndFixedMap) {
  bare::btree_set<int> s;
  for (int i = 0; i < 500; ++i) ASSERT_TRUE(s.try_insert((i * 37) % 500));
  expect_reverse_walk(s, 500);

  bare::fixed_map<int, int, 8> fm;
  for (int i : {5, 1, 7, 3, 0, 2, 6, 4}) (void)fm.insert(i, i * 10);
  int expect = 7;
  for (auto it = fm.rbegin(); it != fm.rend(); ++it, --expect) {
    EXPECT_EQ(it->first, expect);
    EXPECT_EQ(it->second, expect * 10);
  }
  EXPECT_EQ(expect, -1);
}

TEST(ReverseIterator, ConstexprOnPointers) {
  constexpr int a[] = {1, 2, 3};
  constexpr int last = *bare::reverse_iterator<const int*>(a + 3);
  static_assert(last == 3);
  static_assert(bare::reverse_iterator<const int*>(a + 3)[2] == 1);
  static_assert(bare::reverse_iterator<const int*>(a) - bare::reverse_iterator<const int*>(a + 3) == 3);
}

}  // namespace
