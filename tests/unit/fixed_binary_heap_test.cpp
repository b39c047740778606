// fixed_binary_heap<T, N, Cmp, Arity>: binary_heap's algorithm (detail::heap_core) over a
// fixed_vec. The full condition (refused push / append, the heap unchanged and still a heap),
// pop order against std::priority_queue and the heap twin binary_heap over random sequences
// (binary and 4-ary, max and min), peek_mut, retain, drain_sorted, conversions.
#include <gtest/gtest.h>

#include <algorithm>
#include <queue>
#include <string>
#include <vector>

#include "bare/binary_heap.hpp"
#include "bare/compare.hpp"
#include "bare/fixed_binary_heap.hpp"
#include "support/death.hpp"
#include "support/heap.hpp"
#include "support/rng.hpp"
#include "support/tracked.hpp"

namespace {

using namespace bare_test;  // NOLINT

template <class R>
bool is_full(const R& r) {
  return !r && r.error().kind == bare::alloc_errc::full;
}

template <class H>
std::vector<int> sorted_values(const H& h) {
  std::vector<int> v = values(h.as_span());
  std::sort(v.begin(), v.end());
  return v;
}

TEST(FixedBinaryHeap, FullIsRefusedAndTheHeapIsUnchanged) {
  const heap_stats before = global_heap_stats();
  bare::fixed_binary_heap<counted, 4> h;
  for (int x : {5, 1, 9, 3}) ASSERT_TRUE(h.try_push(counted(x)));
  EXPECT_EQ(h.top().value(), 9);
  const std::vector<int> order = values(h.as_span());
  counted c(100);
  EXPECT_TRUE(is_full(h.try_push(std::move(c))));
  EXPECT_EQ(c.value(), 100) << "not consumed";
  EXPECT_TRUE(is_full(h.try_emplace(100)));
  EXPECT_TRUE(is_full(h.push_within_capacity(counted(100))));
  EXPECT_EQ(values(h.as_span()), order) << "same elements in the same internal order";
  EXPECT_TRUE(h.check());
  bare::fixed_binary_heap<counted, 4> other{counted(7)};
  EXPECT_TRUE(is_full(h.try_append(other)));
  EXPECT_EQ(values(h.as_span()), order);
  EXPECT_EQ(other.size(), 1u);
  EXPECT_EQ(*h.pop(), counted(9));
  ASSERT_TRUE(h.try_append(other));
  EXPECT_TRUE(other.empty());
  EXPECT_EQ(sorted_values(h), (std::vector<int>{1, 3, 5, 7}));
  EXPECT_EQ(global_heap_stats().allocations, before.allocations);
}

TEST(FixedBinaryHeap, PeekMutRetainDrainSortedConversions) {
  bare::fixed_binary_heap<int, 16> h{4, 8, 1, 9, 2, 7};
  if (auto top = h.peek_mut()) *top = 0;  // re-sifted when the guard goes
  EXPECT_EQ(h.top(), 8);
  EXPECT_TRUE(h.check());
  h.retain([](int x) { return x != 7; });
  EXPECT_TRUE(h.check());
  std::vector<int> seen;
  for (int& x : h.drain_sorted()) seen.push_back(x);
  EXPECT_EQ(seen, (std::vector<int>{8, 4, 2, 1, 0}));
  EXPECT_TRUE(h.empty());
  bare::fixed_binary_heap<int, 16> g{3, 1, 2};
  bare::fixed_vec<int, 16> sorted = g.into_sorted_vec();
  EXPECT_EQ(values(sorted), (std::vector<int>{1, 2, 3}));
  bare::fixed_binary_heap<int, 16, bare::greater<int>> min{5, 3, 8};
  EXPECT_EQ(min.top(), 3);
  auto copy = min;
  EXPECT_EQ(*copy.pop(), 3);
  EXPECT_EQ(min.size(), 3u);
  auto r = bare::fixed_binary_heap<int, 2>::try_from(std::vector<int>{1, 2, 3});
  EXPECT_TRUE(is_full(r));
}

TEST(FixedBinaryHeapDeath, PushOnFullPanics) {
  panic_handler_guard g(exiting_panic_handler);
  bare::fixed_binary_heap<int, 2> h{1, 2};
  EXPECT_EXIT(h.push(3), ::testing::ExitedWithCode(panic_exit), "full");
}

template <std::size_t Arity, class Cmp, class StdCmp>
void random_against_twins(std::uint64_t seed, std::size_t* refused) {
  constexpr std::size_t N = 20;
  rng r(seed);
  bare::fixed_binary_heap<counted, N, Cmp, Arity> f;
  bare::binary_heap<counted, Cmp, bare::global, Arity> h;
  std::priority_queue<int, std::vector<int>, StdCmp> m;
  for (int step = 0; step < 2000; ++step) {
    SCOPED_TRACE("step " + std::to_string(step));
    const int x = r.between(0, 99);
    if (r.chance(55)) {
      auto fr = f.try_push(counted(x));
      if (m.size() == N) {
        ASSERT_TRUE(is_full(fr));
        ++*refused;
      } else {
        ASSERT_TRUE(fr);
        ASSERT_TRUE(h.try_push(counted(x)));
        m.push(x);
      }
    } else if (!m.empty()) {
      ASSERT_EQ(f.pop()->value(), m.top());
      ASSERT_EQ(h.pop()->value(), m.top());
      m.pop();
    } else {
      ASSERT_FALSE(f.pop().has_value());
    }
    ASSERT_TRUE(f.check());
    ASSERT_EQ(f.size(), m.size());
    if (!m.empty()) {
      ASSERT_EQ(f.top().value(), m.top());
    }
    ASSERT_EQ(sorted_values(f), sorted_values(h));
  }
}

TEST(FixedBinaryHeapModel, AgainstBinaryHeapAndStd) {
  std::size_t refused = 0;
  const std::uint64_t base = test_seed();
  for (std::uint64_t s = 0; s < 4; ++s) {
    SCOPED_TRACE("seed " + std::to_string(base + s));
    random_against_twins<2, bare::less<counted>, std::less<int>>(base + s, &refused);
    random_against_twins<4, bare::less<counted>, std::less<int>>(base + s, &refused);
    random_against_twins<2, bare::greater<counted>, std::greater<int>>(base + s, &refused);
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(refused, 20u);
}

}  // namespace
