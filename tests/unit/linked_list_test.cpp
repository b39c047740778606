// linked_list<T, A>: typed tests over int, move_only, counted and over_aligned (DESIGN §6), then
// the cursor API, allocator plumbing, the precondition panics and the infallible API.
// Allocating operations go through the try_ API except at the end (so this file runs in the
// BARE_NO_GLOBAL_OOM_HANDLING build too). The list's own check() (the ring and its count) is
// asserted after mutations. The runner checks after every test that the global heap and the
// counted / move_only instance counters balance.
#include <gtest/gtest.h>

#include <algorithm>
#include <compare>
#include <cstdint>
#include <iterator>
#include <optional>
#include <ranges>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "bare/alloc/counting.hpp"
#include "bare/alloc/malloc.hpp"
#include "bare/linked_list.hpp"
#include "support/death.hpp"
#include "support/heap.hpp"
#include "support/tracked.hpp"

namespace {

using namespace bare_test;  // NOLINT
using ints = std::vector<int>;

static_assert(sizeof(bare::linked_list<int>) == 3 * sizeof(void*));
static_assert(sizeof(bare::linked_list<over_aligned>) == 3 * sizeof(void*));
static_assert(!std::is_copy_constructible_v<bare::linked_list<int>>);
static_assert(std::is_nothrow_move_constructible_v<bare::linked_list<counted>>);
static_assert(!bare::is_trivially_relocatable_v<bare::linked_list<int>>);  // the ring points at the object
static_assert(std::bidirectional_iterator<bare::linked_list<int>::iterator>);
static_assert(std::bidirectional_iterator<bare::linked_list<int>::const_iterator>);
static_assert(std::ranges::bidirectional_range<bare::linked_list<move_only>>);
static_assert(std::is_convertible_v<bare::linked_list<int>::iterator, bare::linked_list<int>::const_iterator>);
static_assert(!std::is_convertible_v<bare::linked_list<int>::const_iterator, bare::linked_list<int>::iterator>);

template <class T, class A = bare::global>
bare::linked_list<T, A> make_list(std::initializer_list<int> xs, A a = A()) {
  bare::linked_list<T, A> l(a);
  for (int x : xs)
    if (!l.try_push_back(mk<T>(x))) ADD_FAILURE() << "make_list: allocation failed";
  return l;
}

template <class T>
class ListTest : public ::testing::Test {};
using all_types = ::testing::Types<int, move_only, counted, over_aligned>;
TYPED_TEST_SUITE(ListTest, all_types);

TYPED_TEST(ListTest, DefaultIsEmptyAndAllocatesNothing) {
  using T = TypeParam;
  const auto before = global_heap_stats();
  {
    bare::linked_list<T> l;
    EXPECT_TRUE(l.empty());
    EXPECT_EQ(l.size(), 0u);
    EXPECT_EQ(l.begin(), l.end());
    EXPECT_EQ(l.first(), nullptr);
    EXPECT_EQ(l.last(), nullptr);
    EXPECT_FALSE(l.pop_front().has_value());
    EXPECT_FALSE(l.pop_back().has_value());
    EXPECT_TRUE(l.check());
    l.clear();
    l.reverse();
    auto tail = l.split_off(0);
    EXPECT_TRUE(tail.empty());
    bare::linked_list<T> m = std::move(l);
    EXPECT_TRUE(m.empty() && m.check());
    EXPECT_TRUE(l.empty() && l.check());
  }
  EXPECT_EQ(global_heap_stats().allocations, before.allocations);
}

TYPED_TEST(ListTest, PushPopBothEnds) {
  using T = TypeParam;
  bare::linked_list<T> l;
  const auto before = global_heap_stats();
  for (int i = 0; i < 5; ++i) {
    auto r = l.try_push_back(mk<T>(i));
    ASSERT_TRUE(r);
    EXPECT_EQ(&*r, &l.back());
    EXPECT_EQ(val(*r), i);
  }
  for (int i = 1; i <= 3; ++i) {
    auto r = l.try_push_front(mk<T>(-i));
    ASSERT_TRUE(r);
    EXPECT_EQ(&*r, &l.front());
  }
  EXPECT_EQ(global_heap_stats().allocations - before.allocations, 8u) << "one node per element";
  EXPECT_EQ(values(l), (ints{-3, -2, -1, 0, 1, 2, 3, 4}));
  EXPECT_EQ(l.size(), 8u);
  EXPECT_TRUE(l.check());
  EXPECT_EQ(val(*l.first()), -3);
  EXPECT_EQ(val(*l.last()), 4);
  auto f = l.pop_front();
  auto b = l.pop_back();
  ASSERT_TRUE(f && b);
  EXPECT_EQ(val(*f), -3);
  EXPECT_EQ(val(*b), 4);
  EXPECT_EQ(values(l), (ints{-2, -1, 0, 1, 2, 3}));
  EXPECT_EQ(global_heap_stats().deallocations - before.deallocations, 2u);
  EXPECT_TRUE(l.check());
  while (l.pop_back()) {
  }
  EXPECT_TRUE(l.empty() && l.check());
}

TYPED_TEST(ListTest, EmplaceConstructsInPlaceAndAligns) {
  using T = TypeParam;
  bare::linked_list<T> l;
  for (int i = 0; i < 20; ++i) {
    auto r = i % 2 ? l.try_emplace_back(i) : l.try_emplace_front(i);
    ASSERT_TRUE(r);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(&*r) % alignof(T), 0u);
  }
  EXPECT_EQ(values(l), (ints{18, 16, 14, 12, 10, 8, 6, 4, 2, 0, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19}));
}

TYPED_TEST(ListTest, IteratorsBothWays) {
  using T = TypeParam;
  auto l = make_list<T>({1, 2, 3, 4});
  ints back;
  for (auto it = l.end(); it != l.begin();) back.push_back(val(*--it));
  EXPECT_EQ(back, (ints{4, 3, 2, 1}));
  const auto& cl = l;
  typename bare::linked_list<T>::const_iterator ci = l.begin();  // iterator -> const_iterator
  EXPECT_EQ(ci, cl.begin());
  EXPECT_EQ(ci++, cl.begin());
  EXPECT_EQ(val(*ci), 2);
  EXPECT_EQ(val(*ci--), 2);
  EXPECT_EQ(ci, cl.cbegin());
  EXPECT_EQ(std::distance(cl.begin(), cl.end()), 4);
  EXPECT_EQ(val(*std::prev(cl.end())), 4);
  auto rev = l | std::views::reverse;
  EXPECT_EQ(val(*rev.begin()), 4);
  auto found = std::ranges::find_if(l, [](const T& x) { return val(x) == 3; });
  ASSERT_NE(found, l.end());
  EXPECT_EQ(val(*found), 3);
  EXPECT_EQ(found.operator->(), &*found);
}

TYPED_TEST(ListTest, InsertAndEraseKeepOtherElementsInPlace) {
  using T = TypeParam;
  auto l = make_list<T>({1, 2, 3});
  const T* two = &*std::next(l.begin());
  auto a = l.try_insert(l.begin(), mk<T>(0));
  ASSERT_TRUE(a);
  EXPECT_EQ(*a, l.begin());
  auto b = l.try_insert(l.end(), mk<T>(4));
  ASSERT_TRUE(b);
  EXPECT_EQ(val(**b), 4);
  auto c = l.try_emplace(std::next(l.begin(), 2), 9);
  ASSERT_TRUE(c);
  EXPECT_EQ(values(l), (ints{0, 1, 9, 2, 3, 4}));
  EXPECT_EQ(&*std::next(l.begin(), 3), two) << "nodes never move";
  auto it = l.erase(*c);
  EXPECT_EQ(&*it, two);
  it = l.erase(std::next(l.begin()), std::prev(l.end()));
  EXPECT_EQ(val(*it), 4);
  EXPECT_EQ(values(l), (ints{0, 4}));
  it = l.erase(l.begin(), l.end());
  EXPECT_EQ(it, l.end());
  EXPECT_TRUE(l.empty() && l.check());
}

TYPED_TEST(ListTest, RemoveIfRetainRetainMut) {
  using T = TypeParam;
  auto l = make_list<T>({0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  EXPECT_EQ(l.remove_if([](const T& x) { return val(x) % 3 == 0; }), 4u);
  EXPECT_EQ(values(l), (ints{1, 2, 4, 5, 7, 8}));
  l.retain([](const T& x) { return val(x) != 5; });
  EXPECT_EQ(values(l), (ints{1, 2, 4, 7, 8}));
  l.retain_mut([](T& x) {
    if (val(x) == 2) return false;
    x = mk<T>(val(x) * 10);
    return true;
  });
  EXPECT_EQ(values(l), (ints{10, 40, 70, 80}));
  EXPECT_TRUE(l.check());
  EXPECT_EQ(l.remove_if([](const T&) { return false; }), 0u);
  l.retain([](const T&) { return false; });
  EXPECT_TRUE(l.empty() && l.check());
}

TYPED_TEST(ListTest, ExtractIfIsLazy) {
  using T = TypeParam;
  auto l = make_list<T>({1, 2, 3, 4, 5, 6, 7, 8});
  ints got;
  {
    auto r = l.extract_if([](T& x) { return val(x) % 2 == 0; });
    for (auto it = r.begin(); it != r.end(); ++it) {
      T moved = std::move(*it);
      got.push_back(val(moved));
      EXPECT_TRUE(l.check());  // readable meanwhile, never shows an extracted element
      if (got.size() == 3) break;
    }
  }
  EXPECT_EQ(got, (ints{2, 4, 6}));
  EXPECT_EQ(values(l), (ints{1, 3, 5, 7, 8}));  // 8 was not reached
  EXPECT_EQ(l.size(), 5u);
  int n = 0;
  for (T& x : l.extract_if([](T& x) { return val(x) > 4; })) n += val(x) > 4;
  EXPECT_EQ(n, 3);
  EXPECT_EQ(values(l), (ints{1, 3}));
  EXPECT_TRUE(l.check());
}

TYPED_TEST(ListTest, SpliceWholeListsAndSingleElements) {
  using T = TypeParam;
  auto a = make_list<T>({1, 2, 3});
  auto b = make_list<T>({7, 8, 9});
  const T* eight = &*std::next(b.begin());
  const auto before = global_heap_stats();
  a.splice(std::next(a.begin()), b);
  EXPECT_EQ(values(a), (ints{1, 7, 8, 9, 2, 3}));
  EXPECT_TRUE(b.empty() && b.check() && a.check());
  EXPECT_EQ(&*std::next(a.begin(), 2), eight) << "spliced nodes are not copied";
  a.splice(a.end(), b);  // empty: no-op
  a.splice(a.begin(), a);  // itself: no-op
  EXPECT_EQ(a.size(), 6u);
  a.splice(a.begin(), std::move(b));
  // One element, from another list and within this one.
  auto c = make_list<T>({100, 200});
  a.splice(a.end(), c, c.begin());
  EXPECT_EQ(values(a), (ints{1, 7, 8, 9, 2, 3, 100}));
  EXPECT_EQ(values(c), (ints{200}));
  a.splice(a.begin(), a, std::prev(a.end()));  // move the last to the front
  EXPECT_EQ(values(a), (ints{100, 1, 7, 8, 9, 2, 3}));
  a.splice(a.begin(), a, a.begin());  // onto itself: no-op
  a.splice(std::next(a.begin()), a, a.begin());  // already before that position: no-op
  EXPECT_EQ(values(a), (ints{100, 1, 7, 8, 9, 2, 3}));
  a.splice(std::next(a.begin(), 3), a, a.begin());
  EXPECT_EQ(values(a), (ints{1, 7, 100, 8, 9, 2, 3}));
  EXPECT_EQ(a.size(), 7u);
  EXPECT_TRUE(a.check() && c.check());
  EXPECT_EQ(global_heap_stats().allocations, before.allocations + 2) << "only make_list allocated";
}

TYPED_TEST(ListTest, SpliceRanges) {
  using T = TypeParam;
  auto a = make_list<T>({1, 2, 3, 4, 5});
  auto b = make_list<T>({10, 20});
  const T* three = &*std::next(a.begin(), 2);
  const auto before = global_heap_stats();
  // From another list: [2, 4) of a before b's 20.
  b.splice(std::next(b.begin()), a, std::next(a.begin()), std::next(a.begin(), 3));
  EXPECT_EQ(values(a), (ints{1, 4, 5}));
  EXPECT_EQ(values(b), (ints{10, 2, 3, 20}));
  EXPECT_EQ(a.size(), 3u);
  EXPECT_EQ(b.size(), 4u);
  EXPECT_EQ(&*std::next(b.begin(), 2), three) << "spliced nodes are not copied";
  EXPECT_TRUE(a.check() && b.check());
  // Empty ranges change nothing; the whole of a to b's front.
  b.splice(b.end(), a, a.begin(), a.begin());
  b.splice(b.end(), a, a.end(), a.end());
  EXPECT_EQ(a.size(), 3u);
  b.splice(b.begin(), a, a.begin(), a.end());
  EXPECT_EQ(values(b), (ints{1, 4, 5, 10, 2, 3, 20}));
  EXPECT_TRUE(a.empty() && a.check() && b.check());
  // Within one list: [10, 3) to the end, then back to the front; already in place: no-op.
  b.splice(b.end(), b, std::next(b.begin(), 3), std::next(b.begin(), 6));
  EXPECT_EQ(values(b), (ints{1, 4, 5, 20, 10, 2, 3}));
  b.splice(b.begin(), b, std::next(b.begin(), 4), b.end());
  EXPECT_EQ(values(b), (ints{10, 2, 3, 1, 4, 5, 20}));
  b.splice(std::next(b.begin(), 3), b, b.begin(), std::next(b.begin(), 3));
  EXPECT_EQ(values(b), (ints{10, 2, 3, 1, 4, 5, 20}));
  EXPECT_EQ(b.size(), 7u);
  EXPECT_TRUE(b.check());
  EXPECT_EQ(global_heap_stats().allocations, before.allocations) << "splicing never allocates";
}

TYPED_TEST(ListTest, AppendIsConstantTime) {
  using T = TypeParam;
  auto a = make_list<T>({1, 2});
  auto b = make_list<T>({3, 4, 5});
  a.append(b);
  EXPECT_EQ(values(a), (ints{1, 2, 3, 4, 5}));
  EXPECT_TRUE(b.empty());
  ASSERT_TRUE(b.try_push_back(mk<T>(6)));
  a.append(std::move(b));
  EXPECT_EQ(a.size(), 6u);
  EXPECT_TRUE(a.check() && b.check());
}

TYPED_TEST(ListTest, SplitOffAtEveryPosition) {
  using T = TypeParam;
  for (std::size_t at = 0; at <= 7; ++at) {
    auto l = make_list<T>({0, 1, 2, 3, 4, 5, 6});
    std::vector<const T*> addrs;
    for (const T& x : l) addrs.push_back(&x);
    const auto before = global_heap_stats();
    auto tail = l.split_off(at);
    EXPECT_EQ(global_heap_stats().allocations, before.allocations) << "split_off never allocates";
    EXPECT_EQ(l.size(), at);
    EXPECT_EQ(tail.size(), 7 - at);
    EXPECT_TRUE(l.check() && tail.check());
    ints head_want, tail_want;
    for (int i = 0; i < 7; ++i) (static_cast<std::size_t>(i) < at ? head_want : tail_want).push_back(i);
    EXPECT_EQ(values(l), head_want);
    EXPECT_EQ(values(tail), tail_want);
    if (!tail.empty()) {
      EXPECT_EQ(&tail.front(), addrs[at]);
    }
    l.append(tail);
    EXPECT_EQ(l.size(), 7u);
  }
}

TYPED_TEST(ListTest, ReverseKeepsNodes) {
  using T = TypeParam;
  auto l = make_list<T>({1, 2, 3, 4, 5});
  const T* three = &*std::next(l.begin(), 2);
  l.reverse();
  EXPECT_EQ(values(l), (ints{5, 4, 3, 2, 1}));
  EXPECT_EQ(&*std::next(l.begin(), 2), three);
  EXPECT_TRUE(l.check());
  auto one = make_list<T>({1});
  one.reverse();
  EXPECT_EQ(values(one), (ints{1}));
}

TYPED_TEST(ListTest, MoveSwapAndAssign) {
  using T = TypeParam;
  auto a = make_list<T>({1, 2, 3});
  const T* first = &a.front();
  bare::linked_list<T> b = std::move(a);
  EXPECT_TRUE(a.empty() && a.check());
  EXPECT_EQ(&b.front(), first) << "moving a list moves no element";
  EXPECT_TRUE(b.check());
  ASSERT_TRUE(a.try_push_back(mk<T>(9)));  // the moved-from list is usable
  a.swap(b);
  EXPECT_EQ(values(a), (ints{1, 2, 3}));
  EXPECT_EQ(values(b), (ints{9}));
  swap(a, b);
  EXPECT_EQ(values(a), (ints{9}));
  a = std::move(b);
  EXPECT_EQ(values(a), (ints{1, 2, 3}));
  EXPECT_TRUE(a.check() && b.check() && b.empty());
  bare::linked_list<T> e;
  a = std::move(e);  // from an empty list
  EXPECT_TRUE(a.empty() && a.check());
}

TYPED_TEST(ListTest, ComparisonsAndContains) {
  using T = TypeParam;
  auto a = make_list<T>({1, 2, 3});
  auto b = make_list<T>({1, 2, 4});
  auto c = make_list<T>({1, 2});
  EXPECT_TRUE(a == a);
  EXPECT_FALSE(a == b);
  EXPECT_FALSE(a == c);
  EXPECT_TRUE(a < b);
  EXPECT_TRUE(c < a);
  EXPECT_EQ(a <=> a, std::strong_ordering::equal);
  EXPECT_TRUE(a.contains(mk<T>(3)));
  EXPECT_FALSE(a.contains(mk<T>(4)));
}

TYPED_TEST(ListTest, TryCloneAndTryFrom) {
  using T = TypeParam;
  using L = bare::linked_list<T>;
  if constexpr (std::is_copy_constructible_v<T>) {
    auto a = make_list<T>({5, 6, 7});
    auto c = a.try_clone();
    ASSERT_TRUE(c);
    EXPECT_TRUE(*c == a);
    EXPECT_NE(&c->front(), &a.front());
    std::vector<T> src;
    for (int x : {3, 2, 1}) src.push_back(mk<T>(x));
    auto f = L::try_from(std::span<const T>(src));
    ASSERT_TRUE(f);
    EXPECT_EQ(values(*f), (ints{3, 2, 1}));
    auto e = L().try_clone();
    ASSERT_TRUE(e);
    EXPECT_TRUE(e->empty());
  } else {
    static_assert(!requires(const L& l) { l.try_clone(); });
  }
}

// ---- cursors --------------------------------------------------------------------------------

using L = bare::linked_list<int>;

template <class C>
std::optional<int> cur(const C& c) {
  if (auto* p = c.current()) return *p;
  return std::nullopt;
}

TEST(ListCursor, WalksThroughTheGhostBothWays) {
  auto l = make_list<int>({10, 11, 12});
  auto c = l.cursor_front();
  EXPECT_EQ(c.index(), 0u);
  EXPECT_EQ(cur(c), 10);
  EXPECT_EQ(c.peek_prev(), nullptr);
  EXPECT_EQ(*c.peek_next(), 11);
  c.move_next();
  c.move_next();
  EXPECT_EQ(c.index(), 2u);
  EXPECT_EQ(cur(c), 12);
  EXPECT_EQ(c.peek_next(), nullptr);
  c.move_next();  // the ghost
  EXPECT_EQ(c.index(), std::nullopt);
  EXPECT_EQ(c.current(), nullptr);
  EXPECT_EQ(*c.peek_next(), 10);
  EXPECT_EQ(*c.peek_prev(), 12);
  c.move_next();  // wraps to the front
  EXPECT_EQ(c.index(), 0u);
  c.move_prev();  // back to the ghost
  EXPECT_EQ(c.index(), std::nullopt);
  c.move_prev();
  EXPECT_EQ(c.index(), 2u);
  EXPECT_EQ(cur(c), 12);
  EXPECT_EQ(*c.front(), 10);
  EXPECT_EQ(*c.back(), 12);
  EXPECT_EQ(&c.list(), &l);
  auto b = l.cursor_back();
  EXPECT_EQ(b.index(), 2u);
  EXPECT_EQ(cur(b), 12);

  L empty;
  auto e = empty.cursor_front();
  EXPECT_EQ(e.index(), std::nullopt);
  e.move_next();
  EXPECT_EQ(e.index(), std::nullopt);
  e.move_prev();
  EXPECT_EQ(e.index(), std::nullopt);
  EXPECT_EQ(e.peek_next(), nullptr);
  EXPECT_EQ(e.front(), nullptr);
  EXPECT_EQ(empty.cursor_back().index(), std::nullopt);
}

TEST(ListCursor, InsertAfterAndBefore) {
  auto l = make_list<int>({1, 2, 3});
  auto c = l.cursor_front_mut();
  c.move_next();  // at 2, index 1
  ASSERT_TRUE(c.try_insert_after(20));
  ASSERT_TRUE(c.try_insert_before(15));
  EXPECT_EQ(values(l), (ints{1, 15, 2, 20, 3}));
  EXPECT_EQ(c.index(), 2u);
  EXPECT_EQ(cur(c), 2);
  c.move_prev();
  c.move_prev();
  c.move_prev();  // the ghost (index as size)
  ASSERT_TRUE(c.try_insert_after(0));  // at the ghost: the front
  ASSERT_TRUE(c.try_insert_before(99));  // at the ghost: the back
  EXPECT_EQ(values(l), (ints{0, 1, 15, 2, 20, 3, 99}));
  EXPECT_EQ(c.index(), std::nullopt);
  c.move_next();
  EXPECT_EQ(c.index(), 0u);
  EXPECT_EQ(cur(c), 0);
  auto e = c.try_emplace_after(5);
  ASSERT_TRUE(e);
  EXPECT_EQ(*e, 5);
  *e = 6;  // the reference is to the element in the list
  EXPECT_EQ(*c.peek_next(), 6);
  EXPECT_TRUE(l.check());

  L empty;
  auto m = empty.cursor_front_mut();
  ASSERT_TRUE(m.try_insert_before(1));
  ASSERT_TRUE(m.try_insert_after(0));
  EXPECT_EQ(values(empty), (ints{0, 1}));
  m.move_next();
  EXPECT_EQ(m.index(), 0u);
  EXPECT_EQ(cur(m), 0);
}

TEST(ListCursor, RemoveCurrent) {
  auto l = make_list<int>({1, 2, 3});
  auto c = l.cursor_front_mut();
  c.move_next();
  auto x = c.remove_current();
  ASSERT_TRUE(x);
  EXPECT_EQ(*x, 2);
  EXPECT_EQ(cur(c), 3);  // moved to the next
  EXPECT_EQ(c.index(), 1u);
  x = c.remove_current();
  EXPECT_EQ(*x, 3);
  EXPECT_EQ(c.index(), std::nullopt);  // the last one removed: the ghost
  EXPECT_FALSE(c.remove_current());  // nothing at the ghost
  EXPECT_EQ(values(l), (ints{1}));
  c.move_next();
  auto as_list = c.remove_current_as_list();
  ASSERT_TRUE(as_list);
  EXPECT_EQ(values(*as_list), (ints{1}));
  EXPECT_TRUE(l.empty() && l.check() && as_list->check());
  EXPECT_FALSE(c.remove_current_as_list());
}

TEST(ListCursor, RemoveCurrentAsListDoesNotAllocate) {
  auto l = make_list<int>({1, 2, 3});
  const int* two = &*std::next(l.begin());
  auto c = l.cursor_front_mut();
  c.move_next();
  const auto before = global_heap_stats();
  auto one = c.remove_current_as_list();
  EXPECT_EQ(global_heap_stats().allocations, before.allocations);
  EXPECT_EQ(global_heap_stats().deallocations, before.deallocations);
  ASSERT_TRUE(one);
  EXPECT_EQ(&one->front(), two);
  EXPECT_EQ(cur(c), 3);
}

TEST(ListCursor, SplitAfterAndBefore) {
  auto l = make_list<int>({1, 2, 3, 4, 5});
  auto c = l.cursor_front_mut();
  c.move_next();  // at 2
  auto after = c.split_after();
  EXPECT_EQ(values(l), (ints{1, 2}));
  EXPECT_EQ(values(after), (ints{3, 4, 5}));
  EXPECT_EQ(c.index(), 1u);
  auto before = c.split_before();
  EXPECT_EQ(values(before), (ints{1}));
  EXPECT_EQ(values(l), (ints{2}));
  EXPECT_EQ(c.index(), 0u);
  EXPECT_EQ(cur(c), 2);
  EXPECT_TRUE(c.split_after().empty());  // at the last element
  EXPECT_TRUE(c.split_before().empty());  // at the first
  c.move_next();  // the ghost: everything goes
  auto all = c.split_after();
  EXPECT_EQ(values(all), (ints{2}));
  EXPECT_TRUE(l.empty());
  EXPECT_EQ(c.index(), std::nullopt);
  EXPECT_TRUE(l.check() && after.check() && before.check() && all.check());

  auto m = make_list<int>({7, 8});
  auto g = m.cursor_back_mut();
  g.move_next();  // ghost
  auto all2 = g.split_before();
  EXPECT_EQ(values(all2), (ints{7, 8}));
  EXPECT_TRUE(m.empty() && m.check());
  ASSERT_TRUE(g.try_insert_before(1));  // the cursor is still usable
  EXPECT_EQ(values(m), (ints{1}));
}

TEST(ListCursor, SpliceAfterAndBefore) {
  auto l = make_list<int>({1, 2, 3});
  auto c = l.cursor_front_mut();
  c.move_next();  // at 2
  auto x = make_list<int>({20, 21});
  c.splice_after(x);
  EXPECT_TRUE(x.empty());
  EXPECT_EQ(values(l), (ints{1, 2, 20, 21, 3}));
  EXPECT_EQ(c.index(), 1u);
  c.splice_before(make_list<int>({10, 11}));
  EXPECT_EQ(values(l), (ints{1, 10, 11, 2, 20, 21, 3}));
  EXPECT_EQ(c.index(), 3u);
  EXPECT_EQ(cur(c), 2);
  c.splice_before(L());  // empty: no-op
  EXPECT_EQ(c.index(), 3u);
  c.move_prev();
  c.move_prev();
  c.move_prev();
  c.move_prev();  // the ghost
  c.splice_after(make_list<int>({-1, 0}));  // at the front
  c.splice_before(make_list<int>({4}));  // at the back
  EXPECT_EQ(values(l), (ints{-1, 0, 1, 10, 11, 2, 20, 21, 3, 4}));
  EXPECT_EQ(c.index(), std::nullopt);
  c.move_prev();
  EXPECT_EQ(c.index(), 9u);
  EXPECT_EQ(cur(c), 4);
  EXPECT_TRUE(l.check());
}

TEST(ListCursor, PushAndPopThroughTheCursor) {
  auto l = make_list<int>({1, 2, 3});
  auto c = l.cursor_front_mut();
  c.move_next();  // at 2, index 1
  ASSERT_TRUE(c.try_push_front(0));
  EXPECT_EQ(c.index(), 2u);
  ASSERT_TRUE(c.try_push_back(4));
  EXPECT_EQ(c.index(), 2u);
  EXPECT_EQ(*c.pop_front(), 0);
  EXPECT_EQ(c.index(), 1u);
  EXPECT_EQ(*c.pop_back(), 4);
  EXPECT_EQ(c.index(), 1u);
  EXPECT_EQ(cur(c), 2);
  c.move_prev();  // at the front
  EXPECT_EQ(*c.pop_front(), 1);  // the cursor moves to the new front
  EXPECT_EQ(c.index(), 0u);
  EXPECT_EQ(cur(c), 2);
  c.move_next();  // at the back (3)
  EXPECT_EQ(*c.pop_back(), 3);  // the cursor moves to the ghost
  EXPECT_EQ(c.index(), std::nullopt);
  ASSERT_TRUE(c.try_push_back(5));  // at the ghost: still the ghost
  ASSERT_TRUE(c.try_push_front(1));
  EXPECT_EQ(values(l), (ints{1, 2, 5}));
  c.move_prev();
  EXPECT_EQ(c.index(), 2u);
  c.move_next();
  EXPECT_EQ(*c.pop_back(), 5);  // at the ghost
  c.move_prev();
  EXPECT_EQ(c.index(), 1u);
  EXPECT_EQ(cur(c), 2);
  EXPECT_EQ(*c.pop_front(), 1);
  EXPECT_EQ(*c.pop_front(), 2);
  EXPECT_FALSE(c.pop_front());
  EXPECT_FALSE(c.pop_back());
  EXPECT_EQ(c.index(), std::nullopt);
  EXPECT_TRUE(l.empty() && l.check());
}

TEST(ListCursor, ReadOnlyViewAndMoveOnlyElements) {
  bare::linked_list<move_only> l;
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(l.try_push_back(move_only(i)));
  auto c = l.cursor_back_mut();
  *c.current() = move_only(30);  // cursor_mut gives mutable access
  auto ro = c.as_cursor();
  EXPECT_EQ(ro.current()->value(), 30);
  EXPECT_EQ(ro.index(), 3u);
  static_assert(std::is_same_v<decltype(ro.current()), const move_only*>);
  auto x = c.remove_current();
  ASSERT_TRUE(x);
  EXPECT_EQ(x->value(), 30);
  ASSERT_TRUE(c.try_insert_after(move_only(-1)));  // ghost: front
  EXPECT_EQ(values(l), (ints{-1, 0, 1, 2}));
}

// ---- allocators ------------------------------------------------------------------------------

TEST(List, StatefulAllocatorIsCopiedToSplitsAndClones) {
  bare::counting<bare::malloc_allocator> c;
  using A = bare::by_ref<bare::counting<bare::malloc_allocator>>;
  {
    auto l = make_list<int, A>({1, 2, 3, 4, 5}, A(c));
    EXPECT_EQ(c.stats().allocations, 5u);
    EXPECT_EQ(c.stats().current_bytes, 5 * 3 * sizeof(void*));  // node: two links and the int (padded)
    auto tail = l.split_off(2);
    EXPECT_EQ(&tail.allocator().get(), &c);
    auto cl = tail.try_clone();
    ASSERT_TRUE(cl);
    EXPECT_EQ(&cl->allocator().get(), &c);
    auto cur = l.cursor_front_mut();
    auto after = cur.split_after();
    EXPECT_EQ(&after.allocator().get(), &c);
    EXPECT_EQ(c.stats().allocations, 8u);
  }
  EXPECT_EQ(c.stats().live_blocks(), 0u);
  EXPECT_EQ(c.stats().current_bytes, 0u);
}

TEST(List, DeallocateGetsTheNodeLayout) {
  recording rec;
  {
    bare::linked_list<over_aligned, recording_ref> l(rec);
    for (int i = 0; i < 4; ++i) ASSERT_TRUE(l.try_emplace_back(i));
    (void)l.pop_front();
  }
  ASSERT_EQ(rec.count(recording::kind::allocate), 4u);
  ASSERT_EQ(rec.count(recording::kind::deallocate), 4u);
  for (const auto& call : rec.calls) {
    EXPECT_EQ(call.l.align, 64u);
    EXPECT_EQ(call.l.size, 128u);  // two links, then the over-aligned element
  }
  EXPECT_EQ(rec.live, 0);
}

TEST(List, FailedInsertChangesNothing) {
  bare::linked_list<counted, always_fails> l;
  auto r = l.try_push_back(counted(1));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, bare::alloc_errc::out_of_memory);
  EXPECT_EQ(r.error().request.align, alignof(void*));
  counted keep(5);
  EXPECT_FALSE(l.try_push_front(std::move(keep)));
  EXPECT_EQ(keep.value(), 5) << "the argument is not consumed on failure";
  EXPECT_FALSE(l.try_insert(l.end(), counted(2)));
  auto c = l.cursor_front_mut();
  EXPECT_FALSE(c.try_insert_after(std::move(keep)));
  EXPECT_EQ(keep.value(), 5);
  EXPECT_FALSE(c.try_insert_before(counted(3)));
  EXPECT_EQ(c.index(), std::nullopt);
  EXPECT_TRUE(l.empty() && l.check());
  EXPECT_EQ(counted::live, 1);
}

// ---- panics --------------------------------------------------------------------------------

class ListDeathTest : public ::testing::Test {
 protected:
  panic_handler_guard g_{exiting_panic_handler};
};

#define EXPECT_PANIC(stmt, msg) EXPECT_EXIT(stmt, ::testing::ExitedWithCode(panic_exit), msg)

TEST_F(ListDeathTest, FrontBackOfEmpty) {
  L l;
  EXPECT_PANIC((void)l.front(), "bare::linked_list::front: empty");
  EXPECT_PANIC((void)l.back(), "bare::linked_list::back: empty");
}

TEST_F(ListDeathTest, EraseEnd) {
  L l;
  EXPECT_PANIC((void)l.erase(l.end()), "bare::linked_list::erase: end\\(\\) is not an element");
  L other;
  EXPECT_PANIC(l.splice(l.end(), other, other.end()), "bare::linked_list::splice: end\\(\\) is not an element");
}

TEST_F(ListDeathTest, SpliceRangeNotOfOther) {
  auto a = make_list<int>({1, 2, 3});
  auto b = make_list<int>({4, 5});
  // last before first: counting from first passes a's end.
  EXPECT_PANIC(b.splice(b.end(), a, std::next(a.begin(), 2), a.begin()),
               "bare::linked_list::splice: \\[first, last\\) is not a range of other");
}

TEST_F(ListDeathTest, SplitOffOutOfRange) {
  auto l = make_list<int>({1, 2});
  const unsigned line = __LINE__ + 1;  // the panic reports the caller's line
  EXPECT_PANIC((void)l.split_off(3), panic_regex("bare::linked_list::split_off: index out of range", __FILE__, line));
}

TEST_F(ListDeathTest, SplicingBetweenDifferentAllocators) {
  bare::counting<bare::malloc_allocator> c1, c2;
  using A = bare::by_ref<bare::counting<bare::malloc_allocator>>;
  auto a = make_list<int, A>({1}, A(c1));
  auto b = make_list<int, A>({2}, A(c2));
  EXPECT_PANIC(a.splice(a.end(), b), "bare::linked_list::splice: the lists' allocators differ");
  EXPECT_PANIC(a.append(b), "the lists' allocators differ");
  EXPECT_PANIC(a.splice(a.end(), b, b.begin()), "the lists' allocators differ");
  auto cur = a.cursor_front_mut();
  EXPECT_PANIC(cur.splice_after(b), "bare::linked_list::cursor: the lists' allocators differ");
}

TEST_F(ListDeathTest, CursorSplicingItsOwnList) {
  auto l = make_list<int>({1, 2});
  auto c = l.cursor_front_mut();
  EXPECT_PANIC(c.splice_before(l), "bare::linked_list::cursor: splicing a list into itself");
}

// ---- the infallible API ----------------------------------------------------------------------

#if BARE_OOM_HANDLING
TEST(ListInfallible, PushEmplaceInsertCloneAndCursors) {
  L l{3, 4};
  l.push_back(5);
  l.push_front(2);
  const int one = 1;
  l.push_front(one);
  l.emplace_back(6);
  l.emplace_front(0);
  auto it = l.insert(std::next(l.begin()), 100);
  EXPECT_EQ(*it, 100);
  l.erase(it);
  l.emplace(l.end(), 7);
  EXPECT_EQ(values(l), (ints{0, 1, 2, 3, 4, 5, 6, 7}));
  auto c = l.clone();
  EXPECT_TRUE(c == l);
  const int src[] = {9, 8};
  auto f = L::from(std::span<const int>(src));
  EXPECT_EQ(values(f), (ints{9, 8}));
  auto cur = f.cursor_front_mut();
  cur.insert_after(10);
  cur.insert_before(11);
  cur.push_back(12);
  cur.push_front(13);
  const int x = 14;
  cur.insert_after(x);
  EXPECT_EQ(values(f), (ints{13, 11, 9, 14, 10, 8, 12}));
  bare::linked_list<move_only> m;
  m.push_back(move_only(1));
  m.emplace_front(0);
  EXPECT_EQ(values(m), (ints{0, 1}));
}

TEST(ListInfallible, CallsTheHandlerOnFailure) {
  alloc_error_handler_guard g(exiting_alloc_error_handler);
  bare::linked_list<int, always_fails> l;
  const std::string node = "size=" + std::to_string(3 * sizeof(void*)) + " align=" + std::to_string(alignof(void*));
  EXPECT_EXIT(l.push_back(1), ::testing::ExitedWithCode(alloc_error_exit), "out of memory " + node);
  EXPECT_EXIT(l.push_front(1), ::testing::ExitedWithCode(alloc_error_exit), "out of memory");
  EXPECT_EXIT(l.emplace_back(1), ::testing::ExitedWithCode(alloc_error_exit), "out of memory");
  EXPECT_EXIT((void)l.insert(l.end(), 1), ::testing::ExitedWithCode(alloc_error_exit), "out of memory");
  auto c = l.cursor_front_mut();
  EXPECT_EXIT(c.insert_after(1), ::testing::ExitedWithCode(alloc_error_exit), "out of memory");
  L w{1, 2};
  global_heap_fail_next(1);
  EXPECT_EXIT((void)w.clone(), ::testing::ExitedWithCode(alloc_error_exit), "out of memory");
  global_heap_fail_next(0);
}
#endif

// A trivially copyable element without a copy constructor is moved out by the pops.
TEST(List, PopsMoveATriviallyCopyableMoveOnlyValue) {
  bare::linked_list<trivial_move_only> l;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(l.try_push_back(trivial_move_only(i)));
  EXPECT_EQ(l.pop_front()->v, 0);
  EXPECT_EQ(l.pop_back()->v, 2);
  EXPECT_EQ(l.pop_back()->v, 1);
  EXPECT_FALSE(l.pop_front());
}

}  // namespace
