// vec<T>: every operation that applies to all element types, as typed tests over int,
// move_only, counted and over_aligned (DESIGN §6). Allocating operations go through the try_
// API here (so this file runs in the BARE_NO_GLOBAL_OOM_HANDLING build too); the infallible
// twins are tested in vec_copy_test.cpp / vec_test.cpp. The runner checks after every test
// that the global heap and the counted / move_only instance counters balance.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "unit/vec_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT

template <class T>
class VecTest : public ::testing::Test {};
using all_types = ::testing::Types<int, move_only, counted, over_aligned>;
TYPED_TEST_SUITE(VecTest, all_types);

template <class T>
bool is_aligned(const T* p) {
  return reinterpret_cast<std::uintptr_t>(p) % alignof(T) == 0;
}

TYPED_TEST(VecTest, DefaultIsEmptyAndAllocatesNothing) {
  using T = TypeParam;
  const auto before = global_heap_stats();
  {
    bare::vec<T> v;
    EXPECT_TRUE(v.empty());
    EXPECT_EQ(v.size(), 0u);
    EXPECT_EQ(v.capacity(), 0u);
    EXPECT_EQ(v.data(), nullptr);
    EXPECT_EQ(v.begin(), v.end());
    EXPECT_EQ(v.first(), nullptr);
    EXPECT_EQ(v.last(), nullptr);
    EXPECT_EQ(v.get(0), nullptr);
    EXPECT_FALSE(v.pop().has_value());
    v.clear();
    v.truncate(0);
    EXPECT_TRUE(v.try_shrink_to_fit());
    EXPECT_TRUE(v.try_reserve(0));
    bare::vec<T> w = std::move(v);
    EXPECT_TRUE(w.empty());
  }
  const auto after = global_heap_stats();
  EXPECT_EQ(after.allocations, before.allocations);
  EXPECT_EQ(after.deallocations, before.deallocations);
  EXPECT_EQ(after.resizes, before.resizes);
}

TYPED_TEST(VecTest, TryWithCapacity) {
  using T = TypeParam;
  auto r = bare::vec<T>::try_with_capacity(10);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->capacity(), 10u);
  EXPECT_TRUE(r->empty());
  EXPECT_TRUE(is_aligned(r->data()));
  const auto before = global_heap_stats();
  auto z = bare::vec<T>::try_with_capacity(0);
  ASSERT_TRUE(z);
  EXPECT_EQ(z->capacity(), 0u);
  EXPECT_EQ(global_allocations_since(before), 0u);
  auto huge = bare::vec<T>::try_with_capacity(bare::vec<T>::max_size() + 1);
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().kind, bare::alloc_errc::capacity_overflow);
}

TYPED_TEST(VecTest, TryReserve) {
  using T = TypeParam;
  auto v = make_vec<T>({1, 2, 3});
  ASSERT_TRUE(v.try_reserve(10));
  EXPECT_GE(v.capacity(), 13u);
  EXPECT_EQ(values(v), (ints{1, 2, 3}));
  const std::size_t cap = v.capacity();
  const T* data = v.data();
  ASSERT_TRUE(v.try_reserve(cap - v.size()));  // already enough: no-op
  EXPECT_EQ(v.capacity(), cap);
  EXPECT_EQ(v.data(), data);
  // Amortized: at least doubling.
  bare::vec<T> w;
  ASSERT_TRUE(w.try_reserve(1));
  EXPECT_EQ(w.capacity(), 4u);  // min non-zero capacity for elements of 2..1024 bytes
  ASSERT_TRUE(w.try_reserve(5));
  EXPECT_EQ(w.capacity(), 8u);
}

TYPED_TEST(VecTest, TryReserveExact) {
  using T = TypeParam;
  auto v = make_vec<T>({1, 2, 3});
  ASSERT_TRUE(v.try_reserve_exact(2));
  EXPECT_EQ(v.capacity(), 5u);
  ASSERT_TRUE(v.try_reserve_exact(1));  // fits: no-op
  EXPECT_EQ(v.capacity(), 5u);
  EXPECT_EQ(values(v), (ints{1, 2, 3}));
  EXPECT_TRUE(is_aligned(v.data()));
}

TYPED_TEST(VecTest, ShrinkToFitAndShrinkTo) {
  using T = TypeParam;
  auto v = make_vec<T>({1, 2, 3});
  ASSERT_TRUE(v.try_reserve_exact(20));
  ASSERT_TRUE(v.try_shrink_to(10));
  EXPECT_EQ(v.capacity(), 10u);
  ASSERT_TRUE(v.try_shrink_to(50));  // above capacity: no-op
  EXPECT_EQ(v.capacity(), 10u);
  ASSERT_TRUE(v.try_shrink_to(1));  // never below size()
  EXPECT_EQ(v.capacity(), 3u);
  ASSERT_TRUE(v.try_reserve(10));
  ASSERT_TRUE(v.try_shrink_to_fit());
  EXPECT_EQ(v.capacity(), 3u);
  EXPECT_EQ(values(v), (ints{1, 2, 3}));
  EXPECT_TRUE(is_aligned(v.data()));
  v.clear();
  const auto before = global_heap_stats();
  ASSERT_TRUE(v.try_shrink_to_fit());  // empty: frees the block
  EXPECT_EQ(v.capacity(), 0u);
  EXPECT_EQ(v.data(), nullptr);
  EXPECT_EQ(global_heap_stats().live_blocks + 1, before.live_blocks);
}

TYPED_TEST(VecTest, TryPushBackAndEmplaceBack) {
  using T = TypeParam;
  bare::vec<T> v;
  for (int i = 0; i < 100; ++i) {
    auto r = v.try_push_back(mk<T>(i));
    ASSERT_TRUE(r);
    EXPECT_EQ(&*r, &v.back());
    EXPECT_EQ(val(*r), i);
  }
  auto e = v.try_emplace_back(mk<T>(100));
  ASSERT_TRUE(e);
  EXPECT_EQ(val(*e), 100);
  if constexpr (!std::is_same_v<T, int>) {
    auto e2 = v.try_emplace_back(101);  // constructed in place from an int
    ASSERT_TRUE(e2);
    EXPECT_EQ(val(*e2), 101);
  } else {
    ASSERT_TRUE(v.try_emplace_back(101));
  }
  EXPECT_EQ(v.size(), 102u);
  EXPECT_GE(v.capacity(), 102u);
  for (int i = 0; i < 102; ++i) EXPECT_EQ(val(v[static_cast<std::size_t>(i)]), i);
  EXPECT_TRUE(is_aligned(v.data()));
}

TYPED_TEST(VecTest, PopBackAndPop) {
  using T = TypeParam;
  auto v = make_vec<T>({1, 2, 3});
  v.pop_back();
  EXPECT_EQ(values(v), (ints{1, 2}));
  std::optional<T> p = v.pop();
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(val(*p), 2);
  EXPECT_EQ(values(v), (ints{1}));
  EXPECT_EQ(v.capacity(), 3u);
  ASSERT_TRUE(v.pop().has_value());
  EXPECT_FALSE(v.pop().has_value());
}

TYPED_TEST(VecTest, TryEmplaceAndInsertOneWithRoom) {
  using T = TypeParam;
  auto v = make_vec<T>({1, 2, 3});
  ASSERT_TRUE(v.try_reserve(10));
  const T* data = v.data();
  auto a = v.try_insert(v.begin(), mk<T>(0));
  ASSERT_TRUE(a);
  EXPECT_EQ(&*a, &v[0]);
  auto b = v.try_insert(v.begin() + 2, mk<T>(9));
  ASSERT_TRUE(b);
  EXPECT_EQ(&*b, &v[2]);
  auto c = v.try_insert(v.end(), mk<T>(4));
  ASSERT_TRUE(c);
  auto d = v.try_emplace(v.begin() + 1, mk<T>(7));
  ASSERT_TRUE(d);
  EXPECT_EQ(val(*d), 7);
  EXPECT_EQ(values(v), (ints{0, 7, 1, 9, 2, 3, 4}));
  EXPECT_EQ(v.data(), data);  // had room: no reallocation
}

TYPED_TEST(VecTest, TryEmplaceAndInsertOneWhenFull) {
  using T = TypeParam;
  for (std::size_t at : {0u, 1u, 3u}) {
    auto v = make_vec<T>({1, 2, 3});
    ASSERT_EQ(v.capacity(), v.size());
    auto r = v.try_insert(v.begin() + static_cast<std::ptrdiff_t>(at), mk<T>(5));
    ASSERT_TRUE(r);
    EXPECT_EQ(val(*r), 5);
    EXPECT_EQ(&*r, &v[at]);
    ints want{1, 2, 3};
    want.insert(want.begin() + static_cast<std::ptrdiff_t>(at), 5);
    EXPECT_EQ(values(v), want) << "at " << at;
    EXPECT_GE(v.capacity(), 4u);
  }
  bare::vec<T> empty;
  ASSERT_TRUE(empty.try_emplace(empty.begin(), mk<T>(1)));
  EXPECT_EQ(values(empty), (ints{1}));
}

TYPED_TEST(VecTest, TryInsertIteratorPair) {
  using T = TypeParam;
  for (bool room : {false, true}) {
    auto v = make_vec<T>({1, 2, 3});
    if (room) {
      ASSERT_TRUE(v.try_reserve(10));
    }
    auto src = make_std<T>({7, 8});
    auto r = v.try_insert(v.begin() + 1, std::make_move_iterator(src.begin()), std::make_move_iterator(src.end()));
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, v.begin() + 1);
    EXPECT_EQ(values(v), (ints{1, 7, 8, 2, 3})) << "room " << room;
    auto src2 = make_std<T>({5});
    ASSERT_TRUE(v.try_insert(v.end(), std::make_move_iterator(src2.begin()), std::make_move_iterator(src2.end())));
    auto none = make_std<T>({});
    ASSERT_TRUE(v.try_insert(v.begin(), std::make_move_iterator(none.begin()), std::make_move_iterator(none.end())));
    EXPECT_EQ(values(v), (ints{1, 7, 8, 2, 3, 5}));
  }
}

TYPED_TEST(VecTest, EraseOneAndRange) {
  using T = TypeParam;
  auto v = make_vec<T>({0, 1, 2, 3, 4, 5, 6});
  auto it = v.erase(v.begin() + 1);
  EXPECT_EQ(it, v.begin() + 1);
  EXPECT_EQ(values(v), (ints{0, 2, 3, 4, 5, 6}));
  it = v.erase(v.begin() + 2, v.begin() + 4);
  EXPECT_EQ(it, v.begin() + 2);
  EXPECT_EQ(values(v), (ints{0, 2, 5, 6}));
  it = v.erase(v.begin() + 1, v.begin() + 1);  // empty range
  EXPECT_EQ(it, v.begin() + 1);
  it = v.erase(v.end() - 1);
  EXPECT_EQ(it, v.end());
  EXPECT_EQ(values(v), (ints{0, 2, 5}));
  it = v.erase(v.begin(), v.end());
  EXPECT_EQ(it, v.end());
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(v.capacity(), 7u);
}

TYPED_TEST(VecTest, RemoveAndSwapRemove) {
  using T = TypeParam;
  auto v = make_vec<T>({0, 1, 2, 3, 4});
  T r = v.remove(1);
  EXPECT_EQ(val(r), 1);
  EXPECT_EQ(values(v), (ints{0, 2, 3, 4}));
  T s = v.swap_remove(0);
  EXPECT_EQ(val(s), 0);
  EXPECT_EQ(values(v), (ints{4, 2, 3}));
  T last = v.swap_remove(2);  // the last element: nothing moves
  EXPECT_EQ(val(last), 3);
  EXPECT_EQ(values(v), (ints{4, 2}));
  T end = v.remove(1);
  EXPECT_EQ(val(end), 2);
  EXPECT_EQ(values(v), (ints{4}));
}

TYPED_TEST(VecTest, TruncateAndClear) {
  using T = TypeParam;
  auto v = make_vec<T>({0, 1, 2, 3, 4});
  v.truncate(10);
  EXPECT_EQ(v.size(), 5u);
  v.truncate(2);
  EXPECT_EQ(values(v), (ints{0, 1}));
  EXPECT_EQ(v.capacity(), 5u);
  v.clear();
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(v.capacity(), 5u);
  if constexpr (std::is_same_v<T, counted>) {
    EXPECT_EQ(counted::live, 0);
  }
}

TYPED_TEST(VecTest, TryResizeDefault) {
  using T = TypeParam;
  auto v = make_vec<T>({5, 6});
  ASSERT_TRUE(v.try_resize(5));
  EXPECT_EQ(values(v), (ints{5, 6, 0, 0, 0}));  // value-initialised
  ASSERT_TRUE(v.try_resize(1));
  EXPECT_EQ(values(v), (ints{5}));
  ASSERT_TRUE(v.try_resize(1));
  ASSERT_TRUE(v.try_resize(0));
  EXPECT_TRUE(v.empty());
  auto huge = v.try_resize(SIZE_MAX);
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().kind, bare::alloc_errc::capacity_overflow);
}

TYPED_TEST(VecTest, TryExtendFromSizedIterators) {
  using T = TypeParam;
  auto v = make_vec<T>({1});
  auto src = make_std<T>({2, 3, 4});
  const auto before = global_heap_stats();
  ASSERT_TRUE(v.try_extend_from(std::make_move_iterator(src.begin()), std::make_move_iterator(src.end())));
  EXPECT_EQ(values(v), (ints{1, 2, 3, 4}));
  EXPECT_LE(global_allocations_since(before), 1u);  // one allocation at most
  auto none = make_std<T>({});
  ASSERT_TRUE(v.try_extend_from(std::make_move_iterator(none.begin()), std::make_move_iterator(none.end())));
  EXPECT_EQ(v.size(), 4u);
}

TYPED_TEST(VecTest, TryExtendFromUnsizedInputIterator) {
  using T = TypeParam;
  auto v = make_vec<T>({0});
  ASSERT_TRUE(v.try_extend_from(counting_input<T>{1}, counting_end{20}));
  ints want;
  for (int i = 0; i < 20; ++i) want.push_back(i);
  EXPECT_EQ(values(v), want);
  ASSERT_TRUE(v.try_extend_from(counting_input<T>{5}, counting_end{5}));
  EXPECT_EQ(v.size(), 20u);
}

TYPED_TEST(VecTest, TryAppend) {
  using T = TypeParam;
  auto a = make_vec<T>({1, 2});
  auto b = make_vec<T>({3, 4, 5});
  const std::size_t bcap = b.capacity();
  ASSERT_TRUE(a.try_append(b));
  EXPECT_EQ(values(a), (ints{1, 2, 3, 4, 5}));
  EXPECT_TRUE(b.empty());
  EXPECT_EQ(b.capacity(), bcap);  // other keeps its capacity
  ASSERT_TRUE(a.try_append(b));   // empty other: no-op
  ASSERT_TRUE(a.try_append(a));   // self: no-op
  EXPECT_EQ(values(a), (ints{1, 2, 3, 4, 5}));
  bare::vec<T> c;
  ASSERT_TRUE(c.try_append(a));
  EXPECT_EQ(values(c), (ints{1, 2, 3, 4, 5}));
  EXPECT_TRUE(a.empty());
}

TYPED_TEST(VecTest, TrySplitOff) {
  using T = TypeParam;
  auto v = make_vec<T>({0, 1, 2, 3, 4});
  auto tail = v.try_split_off(2);
  ASSERT_TRUE(tail);
  EXPECT_EQ(values(v), (ints{0, 1}));
  EXPECT_EQ(values(*tail), (ints{2, 3, 4}));
  EXPECT_EQ(tail->capacity(), 3u);
  EXPECT_EQ(v.capacity(), 5u);
  const auto before = global_heap_stats();
  auto none = v.try_split_off(2);  // at == size(): no allocation
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(global_allocations_since(before), 0u);
  auto all = v.try_split_off(0);
  ASSERT_TRUE(all);
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(values(*all), (ints{0, 1}));
}

TYPED_TEST(VecTest, RetainAndRetainMut) {
  using T = TypeParam;
  auto v = make_vec<T>({0, 1, 2, 3, 4, 5, 6, 7});
  v.retain([](const T& x) { return val(x) % 3 != 0; });
  EXPECT_EQ(values(v), (ints{1, 2, 4, 5, 7}));
  int visited = 0;
  v.retain_mut([&visited](T& x) {
    ++visited;
    if (val(x) % 2 == 0) return false;
    x = mk<T>(val(x) * 10);
    return true;
  });
  EXPECT_EQ(visited, 5);
  EXPECT_EQ(values(v), (ints{10, 50, 70}));
  v.retain([](const T&) { return true; });
  EXPECT_EQ(values(v), (ints{10, 50, 70}));
  v.retain([](const T&) { return false; });
  EXPECT_TRUE(v.empty());
}

TYPED_TEST(VecTest, DedupForms) {
  using T = TypeParam;
  auto v = make_vec<T>({1, 1, 2, 2, 2, 3, 1, 1});
  v.dedup();
  EXPECT_EQ(values(v), (ints{1, 2, 3, 1}));
  auto w = make_vec<T>({10, 11, 12, 20, 25, 31, 39});
  w.dedup_by_key([](const T& x) { return val(x) / 10; });
  EXPECT_EQ(values(w), (ints{10, 20, 31}));
  // dedup_by(current, previous_kept): removes current when the predicate holds (Rust's order).
  auto u = make_vec<T>({1, 2, 4, 5, 9, 10});
  std::vector<std::pair<int, int>> calls;
  u.dedup_by([&calls](T& cur, T& prev) {
    calls.push_back({val(cur), val(prev)});
    return val(cur) - val(prev) == 1;
  });
  EXPECT_EQ(values(u), (ints{1, 4, 9}));
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls[0], (std::pair<int, int>{2, 1}));
  EXPECT_EQ(calls[1], (std::pair<int, int>{4, 1}));  // compared to the previous KEPT element
  bare::vec<T> e;
  e.dedup();
  auto one = make_vec<T>({4});
  one.dedup();
  EXPECT_EQ(values(one), (ints{4}));
}

TYPED_TEST(VecTest, DrainPartiallyConsumed) {
  using T = TypeParam;
  auto v = make_vec<T>({0, 1, 2, 3, 4, 5, 6});
  std::vector<T> out;
  {
    auto d = v.drain(2, 5);
    EXPECT_EQ(d.size(), 3u);
    for (T& x : d) {
      out.push_back(std::move(x));  // take the first one only
      break;
    }
  }
  EXPECT_EQ(values(out), (ints{2}));
  EXPECT_EQ(values(v), (ints{0, 1, 5, 6}));
  EXPECT_EQ(v.capacity(), 7u);
}

TYPED_TEST(VecTest, DrainNotConsumedAndEdges) {
  using T = TypeParam;
  auto v = make_vec<T>({0, 1, 2, 3, 4, 5});
  { auto d = v.drain(1, 3); }
  EXPECT_EQ(values(v), (ints{0, 3, 4, 5}));
  { auto d = v.drain(2, 2); }
  EXPECT_EQ(values(v), (ints{0, 3, 4, 5}));
  {
    auto d = v.drain(2, 4);  // the tail: nothing to move back
    std::vector<int> seen;
    for (T& x : d) seen.push_back(val(x));
    EXPECT_EQ(seen, (ints{4, 5}));
  }
  EXPECT_EQ(values(v), (ints{0, 3}));
  {
    auto d = v.drain(0, v.size());
    EXPECT_TRUE(v.empty());  // while the range lives the vec shows [0, from)
  }
  EXPECT_TRUE(v.empty());
}

TYPED_TEST(VecTest, ExtractIfPartiallyConsumed) {
  using T = TypeParam;
  auto v = make_vec<T>({1, 2, 3, 4, 5, 6, 7, 8});
  std::vector<T> taken;
  {
    auto range = v.extract_if([](T& x) { return val(x) % 2 == 0; });
    for (auto it = range.begin(); it != range.end(); ++it) {
      taken.push_back(std::move(*it));
      if (taken.size() == 2) break;  // stop at 4: elements after it are kept
    }
  }
  EXPECT_EQ(values(taken), (ints{2, 4}));
  EXPECT_EQ(values(v), (ints{1, 3, 5, 6, 7, 8}));
}

TYPED_TEST(VecTest, ExtractIfFullyConsumedAndNotBegun) {
  using T = TypeParam;
  auto v = make_vec<T>({1, 2, 3, 4, 5, 6, 7, 8});
  ints seen;
  for (T& x : v.extract_if([](T& x) { return val(x) > 5; })) seen.push_back(val(x));
  EXPECT_EQ(seen, (ints{6, 7, 8}));
  EXPECT_EQ(values(v), (ints{1, 2, 3, 4, 5}));
  { auto r = v.extract_if([](T&) { return true; }); }  // never begun: keeps everything
  EXPECT_EQ(values(v), (ints{1, 2, 3, 4, 5}));
  int calls = 0;
  for (T& x : v.extract_if([&calls](T& x) {
         ++calls;
         return val(x) == 1 || val(x) == 5;
       }))
    (void)x;
  EXPECT_EQ(calls, 5);
  EXPECT_EQ(values(v), (ints{2, 3, 4}));
}

TYPED_TEST(VecTest, SwapAndMove) {
  using T = TypeParam;
  auto a = make_vec<T>({1, 2});
  auto b = make_vec<T>({3, 4, 5});
  const T* pa = a.data();
  a.swap(b);
  EXPECT_EQ(values(a), (ints{3, 4, 5}));
  EXPECT_EQ(values(b), (ints{1, 2}));
  EXPECT_EQ(b.data(), pa);  // iterators follow the elements
  swap(a, b);
  EXPECT_EQ(values(a), (ints{1, 2}));
  bare::vec<T> c = std::move(a);
  EXPECT_TRUE(a.empty());
  EXPECT_EQ(a.capacity(), 0u);
  EXPECT_EQ(c.data(), pa);
  c = std::move(b);
  EXPECT_EQ(values(c), (ints{3, 4, 5}));
  bare::vec<T>& self = c;
  c = std::move(self);
  EXPECT_EQ(values(c), (ints{3, 4, 5}));
}

TYPED_TEST(VecTest, ElementAccess) {
  using T = TypeParam;
  auto v = make_vec<T>({10, 11, 12});
  const auto& cv = v;
  EXPECT_EQ(val(v[1]), 11);
  EXPECT_EQ(val(cv[1]), 11);
  EXPECT_EQ(val(v.at(2)), 12);
  EXPECT_EQ(val(cv.at(0)), 10);
  EXPECT_EQ(val(v.front()), 10);
  EXPECT_EQ(val(cv.back()), 12);
  EXPECT_EQ(v.first(), v.data());
  EXPECT_EQ(cv.last(), cv.data() + 2);
  EXPECT_EQ(v.get(1), v.data() + 1);
  EXPECT_EQ(cv.get(3), nullptr);
  EXPECT_EQ(v.end() - v.begin(), 3);
  EXPECT_EQ(cv.cend() - cv.cbegin(), 3);
  v[0] = mk<T>(20);
  EXPECT_EQ(val(*v.first()), 20);
  int sum = 0;
  for (const T& x : cv) sum += val(x);
  EXPECT_EQ(sum, 43);
  EXPECT_TRUE(is_aligned(v.data()));
}

TYPED_TEST(VecTest, Contains) {
  using T = TypeParam;
  auto v = make_vec<T>({1, 2, 3});
  EXPECT_TRUE(v.contains(mk<T>(2)));
  EXPECT_FALSE(v.contains(mk<T>(4)));
  EXPECT_FALSE(bare::vec<T>().contains(mk<T>(1)));
}

TYPED_TEST(VecTest, EqualityAndOrdering) {
  using T = TypeParam;
  auto a = make_vec<T>({1, 2, 3});
  auto b = make_vec<T>({1, 2, 3});
  auto c = make_vec<T>({1, 2, 4});
  auto d = make_vec<T>({1, 2});
  ASSERT_TRUE(b.try_reserve(100));  // capacity does not matter
  EXPECT_TRUE(a == b);
  EXPECT_FALSE(a != b);
  EXPECT_TRUE(a != c);
  EXPECT_TRUE(a < c);
  EXPECT_TRUE(d < a);
  EXPECT_TRUE(c > d);
  EXPECT_TRUE((a <=> b) == 0);
  EXPECT_TRUE((a <=> c) < 0);
  EXPECT_TRUE((a <=> d) > 0);
  EXPECT_TRUE(bare::vec<T>() == bare::vec<T>());
  EXPECT_TRUE(bare::vec<T>() < d);
}

TYPED_TEST(VecTest, SpareCapacityAndSetLen) {
  using T = TypeParam;
  auto v = make_vec<T>({1});
  ASSERT_TRUE(v.try_reserve_exact(3));
  bare::uninit_span<T> spare = v.spare_capacity();
  EXPECT_EQ(spare.data, v.data() + 1);
  ASSERT_EQ(spare.size, 3u);
  for (std::size_t i = 0; i < spare.size; ++i) ::new (static_cast<void*>(spare.data + i)) T(mk<T>(static_cast<int>(i) + 2));
  v.set_len(4);
  EXPECT_EQ(values(v), (ints{1, 2, 3, 4}));
  EXPECT_EQ(v.spare_capacity().size, 0u);
  // Shortening through set_len: the caller destroys first.
  v[3].~T();
  v.set_len(3);
  EXPECT_EQ(values(v), (ints{1, 2, 3}));
}

TYPED_TEST(VecTest, WithinCapacity) {
  using T = TypeParam;
  bare::vec<T> v;
  auto none = v.push_back_within_capacity(mk<T>(1));  // capacity 0: full
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().kind, bare::alloc_errc::full);
  EXPECT_EQ(none.error().request, bare::layout_of<T>);
  ASSERT_TRUE(v.try_reserve_exact(2));
  const auto before = global_heap_stats();
  auto a = v.push_back_within_capacity(mk<T>(1));
  ASSERT_TRUE(a);
  EXPECT_EQ(&*a, &v[0]);
  auto b = v.emplace_back_within_capacity(mk<T>(2));
  ASSERT_TRUE(b);
  T x = mk<T>(3);
  auto c = v.push_back_within_capacity(std::move(x));
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().kind, bare::alloc_errc::full);
  EXPECT_EQ(val(x), 3);  // not consumed on failure
  EXPECT_EQ(values(v), (ints{1, 2}));
  EXPECT_EQ(global_heap_stats().allocations, before.allocations);
  EXPECT_EQ(global_heap_stats().resizes, before.resizes);
}

TYPED_TEST(VecTest, FailedPushDoesNotConsumeTheArgument) {
  using T = TypeParam;
  bare::vec<T, always_fails> v;
  T x = mk<T>(8);
  auto r = v.try_push_back(std::move(x));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, bare::alloc_errc::out_of_memory);
  EXPECT_EQ(r.error().request, (bare::layout{4 * sizeof(T), alignof(T)}));
  EXPECT_EQ(val(x), 8);
  auto e = v.try_emplace_back(std::move(x));
  ASSERT_FALSE(e);
  EXPECT_EQ(val(x), 8);
  auto i = v.try_insert(v.begin(), std::move(x));
  ASSERT_FALSE(i);
  EXPECT_EQ(val(x), 8);
  EXPECT_TRUE(v.empty());
}

TYPED_TEST(VecTest, SpanViews) {
  using T = TypeParam;
  auto v = make_vec<T>({1, 2, 3});
  std::span<T> s = v.as_span();
  EXPECT_EQ(s.data(), v.data());
  EXPECT_EQ(s.size(), 3u);
  const auto& cv = v;
  std::span<const T> cs = cv.as_span();
  EXPECT_EQ(cs.size(), 3u);
  std::span<T> implicit = v;  // a vec is a contiguous range
  std::span<const T> cimplicit = cv;
  EXPECT_EQ(implicit.data(), v.data());
  EXPECT_EQ(cimplicit.size(), 3u);
  s[0] = mk<T>(9);
  EXPECT_EQ(val(v[0]), 9);
  EXPECT_TRUE(bare::vec<T>().as_span().empty());
}

TYPED_TEST(VecTest, StdAlgorithms) {
  using T = TypeParam;
  auto v = make_vec<T>({5, 3, 9, 1, 7, 2, 8});
  std::sort(v.begin(), v.end());
  EXPECT_EQ(values(v), (ints{1, 2, 3, 5, 7, 8, 9}));
  std::reverse(v.begin(), v.end());
  EXPECT_EQ(values(v), (ints{9, 8, 7, 5, 3, 2, 1}));
  std::ranges::sort(v);
  EXPECT_EQ(values(v), (ints{1, 2, 3, 5, 7, 8, 9}));
  auto it = std::find_if(v.begin(), v.end(), [](const T& x) { return val(x) > 4; });
  EXPECT_EQ(it - v.begin(), 3);
  EXPECT_TRUE(std::is_sorted(v.cbegin(), v.cend()));
  std::rotate(v.begin(), v.begin() + 2, v.end());
  EXPECT_EQ(values(v), (ints{3, 5, 7, 8, 9, 1, 2}));
  static_assert(std::contiguous_iterator<typename bare::vec<T>::iterator>);
  static_assert(std::ranges::contiguous_range<bare::vec<T>>);
  static_assert(std::ranges::sized_range<bare::vec<T>>);
}

TYPED_TEST(VecTest, CapacityOverflow) {
  using T = TypeParam;
  auto v = make_vec<T>({1, 2});
  for (std::size_t n : {SIZE_MAX, SIZE_MAX - 1, bare::vec<T>::max_size(), bare::vec<T>::max_size() - 1}) {
    auto r = v.try_reserve(n);
    ASSERT_FALSE(r) << n;
    EXPECT_EQ(r.error().kind, bare::alloc_errc::capacity_overflow);
    EXPECT_EQ(r.error().request.align, alignof(T));
    auto e = v.try_reserve_exact(n);
    ASSERT_FALSE(e);
    EXPECT_EQ(e.error().kind, bare::alloc_errc::capacity_overflow);
  }
  EXPECT_EQ(values(v), (ints{1, 2}));
  EXPECT_EQ(v.capacity(), 2u);
}

// push_back(std::move(v[k])) and insert(pos, std::move(v[k])) when the vec must grow: the
// argument lives in the block being replaced.
TYPED_TEST(VecTest, AliasingMoveFromOwnElementWhenFull) {
  using T = TypeParam;
  auto v = make_vec<T>({1, 2, 3, 4});
  ASSERT_EQ(v.size(), v.capacity());
  ASSERT_TRUE(v.try_push_back(std::move(v[1])));
  EXPECT_EQ(val(v[4]), 2);
  EXPECT_EQ(v.size(), 5u);
  auto w = make_vec<T>({1, 2, 3, 4});
  ASSERT_TRUE(w.try_insert(w.begin() + 1, std::move(w[3])));
  EXPECT_EQ(val(w[1]), 4);
  EXPECT_EQ(val(w[0]), 1);
  EXPECT_EQ(val(w[2]), 2);
  EXPECT_EQ(w.size(), 5u);
  auto u = make_vec<T>({1, 2, 3, 4});
  ASSERT_TRUE(u.try_emplace_back(std::move(u[0])));
  EXPECT_EQ(val(u[4]), 1);
}

TYPED_TEST(VecTest, AliasingMoveFromOwnElementWithRoom) {
  using T = TypeParam;
  auto v = make_vec<T>({1, 2, 3, 4});
  ASSERT_TRUE(v.try_reserve(4));
  ASSERT_TRUE(v.try_insert(v.begin(), std::move(v[2])));
  EXPECT_EQ(val(v[0]), 3);
  EXPECT_EQ(val(v[1]), 1);
  EXPECT_EQ(val(v[4]), 4);
  ASSERT_TRUE(v.try_push_back(std::move(v[1])));
  EXPECT_EQ(val(v[5]), 1);
}

}  // namespace
