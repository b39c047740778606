// binary_heap<T, Cmp, A, Arity>: typed tests over int, move_only, counted and over_aligned, each
// with Arity 2 (the binary heap) and 4 (the 4-ary layout the benchmark compares). Allocating
// operations go through the try_ API (so this file runs in the BARE_NO_GLOBAL_OOM_HANDLING
// build too); the infallible twins are tested at the end. The heap's own check() (the heap
// property) is asserted after mutations. The runner checks that the global heap and the
// counted / move_only instance counters balance after every test.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "bare/alloc/counting.hpp"
#include "bare/alloc/malloc.hpp"
#include "bare/binary_heap.hpp"
#include "support/death.hpp"
#include "support/heap.hpp"
#include "support/rng.hpp"
#include "support/tracked.hpp"

namespace {

using namespace bare_test;  // NOLINT
using ints = std::vector<int>;

template <class T, std::size_t D>
struct cfg {
  using type = T;
  static constexpr std::size_t arity = D;
};

template <class C>
class HeapTest : public ::testing::Test {
 public:
  using T = typename C::type;
  using H = bare::binary_heap<T, bare::less<T>, bare::global, C::arity>;

  static H make(std::initializer_list<int> xs) { return make(ints(xs)); }
  static H make(const ints& xs) {
    H h;
    for (int x : xs) {
      if (!h.try_push(mk<T>(x))) ADD_FAILURE() << "make: allocation failed";
    }
    return h;
  }
  // Pops everything: the values, greatest first.
  static ints pop_all(H& h) {
    ints out;
    while (auto x = h.pop()) {
      out.push_back(val(*x));
      if (!h.check()) ADD_FAILURE() << "heap order broken after pop";
    }
    return out;
  }
  static ints sorted_values(const H& h) {
    ints v = values(h);
    std::sort(v.begin(), v.end());
    return v;
  }
  static ints descending(ints v) {
    std::sort(v.begin(), v.end(), std::greater<>());
    return v;
  }
};
using all_cfgs = ::testing::Types<cfg<int, 2>, cfg<int, 4>, cfg<move_only, 2>, cfg<move_only, 4>, cfg<counted, 2>,
                                  cfg<counted, 4>, cfg<over_aligned, 2>, cfg<over_aligned, 4>>;
TYPED_TEST_SUITE(HeapTest, all_cfgs);

// n values in [0, range) from a seeded generator (duplicates likely when range < n).
ints random_ints(rng& r, std::size_t n, int range) {
  ints v;
  for (std::size_t i = 0; i < n; ++i) v.push_back(static_cast<int>(r.below(static_cast<std::uint64_t>(range))));
  return v;
}

TYPED_TEST(HeapTest, DefaultIsEmptyAndAllocatesNothing) {
  using H = typename TestFixture::H;
  const auto before = global_heap_stats();
  {
    H h;
    EXPECT_TRUE(h.empty());
    EXPECT_EQ(h.size(), 0u);
    EXPECT_EQ(h.capacity(), 0u);
    EXPECT_EQ(h.peek(), nullptr);
    EXPECT_FALSE(h.pop().has_value());
    EXPECT_FALSE(h.peek_mut());
    EXPECT_EQ(h.begin(), h.end());
    EXPECT_TRUE(h.check());
    h.retain([](const auto&) { return false; });
    H g = std::move(h);
    EXPECT_TRUE(g.empty());
    EXPECT_TRUE(g.into_sorted_vec().empty());
  }
  EXPECT_EQ(global_heap_stats().allocations, before.allocations);
  static_assert(sizeof(H) == sizeof(bare::vec<typename TestFixture::T>));
  static_assert(H::arity == TypeParam::arity);
}

TYPED_TEST(HeapTest, PushThenPopGivesDescendingOrder) {
  using T = typename TestFixture::T;
  rng r = test_rng();
  for (int range : {5, 1000}) {  // many duplicates, few duplicates
    const ints xs = random_ints(r, 300, range);
    typename TestFixture::H h;
    for (std::size_t i = 0; i < xs.size(); ++i) {
      ASSERT_TRUE(h.try_push(mk<T>(xs[i])));
      ASSERT_TRUE(h.check()) << "after push " << i;
      ASSERT_EQ(h.size(), i + 1);
      ASSERT_EQ(val(h.top()), *std::max_element(xs.begin(), xs.begin() + static_cast<std::ptrdiff_t>(i) + 1));
    }
    EXPECT_EQ(TestFixture::pop_all(h), TestFixture::descending(xs));
    EXPECT_TRUE(h.empty());
  }
}

TYPED_TEST(HeapTest, SortedAndReverseSortedInput) {
  ints up(100), down(100);
  for (int i = 0; i < 100; ++i) up[static_cast<std::size_t>(i)] = down[static_cast<std::size_t>(99 - i)] = i;
  auto a = TestFixture::make(up);
  auto b = TestFixture::make(down);
  EXPECT_TRUE(a.check() && b.check());
  EXPECT_EQ(TestFixture::pop_all(a), down);
  EXPECT_EQ(TestFixture::pop_all(b), down);
}

TYPED_TEST(HeapTest, TryEmplaceAndPeek) {
  using T = typename TestFixture::T;
  typename TestFixture::H h;
  ASSERT_TRUE(h.try_emplace(mk<T>(3)));
  ASSERT_TRUE(h.try_emplace(7));  // T constructed in place from an int
  ASSERT_TRUE(h.try_emplace(mk<T>(5)));
  ASSERT_NE(h.peek(), nullptr);
  EXPECT_EQ(val(*h.peek()), 7);
  EXPECT_EQ(h.peek(), &h.top());
  EXPECT_EQ(TestFixture::pop_all(h), (ints{7, 5, 3}));
}

TYPED_TEST(HeapTest, PeekMutResiftsOnDestruction) {
  using T = typename TestFixture::T;
  auto h = TestFixture::make({10, 4, 8, 1, 6, 9, 2});
  {
    auto top = h.peek_mut();
    ASSERT_TRUE(top);
    EXPECT_EQ(val(*top), 10);
    *top = mk<T>(0);  // smaller: must sink
  }
  EXPECT_TRUE(h.check());
  EXPECT_EQ(val(h.top()), 9);
  {
    auto top = h.peek_mut();
    *top = mk<T>(100);  // still the greatest: stays
  }
  EXPECT_EQ(val(h.top()), 100);
  {
    auto top = h.peek_mut();
    (void)*top;  // untouched: nothing changes
  }
  EXPECT_TRUE(h.check());
  {
    auto top = h.peek_mut();
    T popped = top.pop();  // Rust's PeekMut::pop
    EXPECT_EQ(val(popped), 100);
    EXPECT_FALSE(top);  // empty guard: its destructor does nothing
  }
  EXPECT_EQ(TestFixture::pop_all(h), (ints{8, 6, 4, 2, 1, 0}));  // 10 became 0, 9 became 100 (popped)
  auto one = TestFixture::make({5});
  {
    auto top = one.peek_mut();
    *top = mk<T>(6);
  }
  EXPECT_EQ(val(one.top()), 6);
}

TYPED_TEST(HeapTest, PeekMutRandomUpdatesKeepTheOrder) {
  using T = typename TestFixture::T;
  rng r = test_rng();
  ints model = random_ints(r, 64, 100);
  auto h = TestFixture::make(model);
  for (int step = 0; step < 500; ++step) {
    const int x = r.between(0, 100);
    {
      auto top = h.peek_mut();
      ASSERT_TRUE(top);
      *top = mk<T>(x);
    }
    std::sort(model.begin(), model.end());
    model.back() = x;
    ASSERT_TRUE(h.check()) << "step " << step;
    ASSERT_EQ(val(h.top()), *std::max_element(model.begin(), model.end()));
  }
  EXPECT_EQ(TestFixture::pop_all(h), TestFixture::descending(model));
}

TYPED_TEST(HeapTest, FromVecHeapifiesInPlace) {
  using T = typename TestFixture::T;
  using H = typename TestFixture::H;
  rng r = test_rng();
  for (std::size_t n : {0u, 1u, 2u, 3u, 4u, 5u, 17u, 100u, 1000u}) {
    const ints xs = random_ints(r, n, 50);
    bare::vec<T> v;
    for (int x : xs) ASSERT_TRUE(v.try_push_back(mk<T>(x)));
    const T* block = v.data();
    const std::size_t cap = v.capacity();
    const auto before = global_heap_stats();
    H h = H::from(std::move(v));
    EXPECT_EQ(global_heap_stats().allocations, before.allocations) << "from(vec) must not allocate";
    EXPECT_EQ(h.as_span().data(), block);
    EXPECT_EQ(h.capacity(), cap);
    ASSERT_TRUE(h.check()) << "n = " << n;
    EXPECT_EQ(TestFixture::pop_all(h), TestFixture::descending(xs));
  }
  bare::vec<T> w;
  ASSERT_TRUE(w.try_push_back(mk<T>(1)));
  ASSERT_TRUE(w.try_push_back(mk<T>(2)));
  H h(std::move(w));  // the constructor
  EXPECT_EQ(val(h.top()), 2);
}

TYPED_TEST(HeapTest, IntoSortedVecAndIntoVec) {
  using T = typename TestFixture::T;
  rng r = test_rng();
  const ints xs = random_ints(r, 200, 40);
  auto h = TestFixture::make(xs);
  const T* block = h.as_span().data();
  const auto before = global_heap_stats();
  bare::vec<T> sorted = h.into_sorted_vec();
  EXPECT_EQ(global_heap_stats().allocations, before.allocations);
  EXPECT_EQ(sorted.data(), block);
  EXPECT_TRUE(h.empty());
  ints want = xs;
  std::sort(want.begin(), want.end());
  EXPECT_EQ(values(sorted), want);

  auto g = TestFixture::make(xs);
  const ints internal = values(g);
  bare::vec<T> raw = g.into_vec();
  EXPECT_TRUE(g.empty());
  EXPECT_EQ(values(raw), internal);  // the internal order, unchanged
  bare::less<T> less;
  EXPECT_TRUE((bare::detail::heap_check<TypeParam::arity>(raw.data(), raw.size(), less)));
}

TYPED_TEST(HeapTest, TryAppendBothDirectionsAndBothStrategies) {
  rng r = test_rng();
  // (size of this, size of other): other larger (swap), tail larger than start (rebuild),
  // tail small against a big heap (push one by one), empty sides.
  const std::pair<std::size_t, std::size_t> cases[] = {{0, 0},   {0, 10},   {10, 0},    {3, 50},  {50, 3},
                                                       {100, 5}, {2000, 3}, {3000, 40}, {64, 64}, {1, 1}};
  for (auto [n, m] : cases) {
    const ints xs = random_ints(r, n, 1000), ys = random_ints(r, m, 1000);
    auto a = TestFixture::make(xs);
    auto b = TestFixture::make(ys);
    ASSERT_TRUE(a.try_append(b));
    EXPECT_TRUE(b.empty());
    ASSERT_TRUE(a.check()) << n << " + " << m;
    ints all = xs;
    all.insert(all.end(), ys.begin(), ys.end());
    std::sort(all.begin(), all.end());
    EXPECT_EQ(TestFixture::sorted_values(a), all) << n << " + " << m;
    ASSERT_TRUE(b.try_push(mk<typename TestFixture::T>(1)));  // other stays usable
    EXPECT_EQ(b.size(), 1u);
  }
  auto self = TestFixture::make({1, 2, 3});
  ASSERT_TRUE(self.try_append(self));  // no-op
  EXPECT_EQ(self.size(), 3u);
}

TYPED_TEST(HeapTest, AppendKeepsTheLargerBlockWithStatelessAllocator) {
  auto small = TestFixture::make({1, 2});
  auto big = TestFixture::make({5, 6, 7, 8, 9, 10, 11, 12, 13});
  ASSERT_TRUE(big.try_reserve(10));
  const auto* big_block = big.as_span().data();
  ASSERT_TRUE(small.try_append(big));
  EXPECT_EQ(small.as_span().data(), big_block);  // the elements of `small` moved, not those of `big`
  EXPECT_EQ(small.size(), 11u);
  EXPECT_TRUE(small.check());
}

TYPED_TEST(HeapTest, FailedAppendSwapsTheBlocksBack) {
  auto small = TestFixture::make({1, 2});
  auto big = TestFixture::make({5, 6, 7, 8, 9, 10, 11, 12, 13});
  ASSERT_TRUE(big.try_shrink_to_fit());
  const auto* small_block = small.as_span().data();
  const auto* big_block = big.as_span().data();
  const ints small_internal = values(small), big_internal = values(big);
  global_heap_fail_next(1);  // the growth of big's block (swapped into small) fails
  auto r = small.try_append(big);
  global_heap_fail_next(0);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, bare::alloc_errc::out_of_memory);
  EXPECT_EQ(small.as_span().data(), small_block);
  EXPECT_EQ(big.as_span().data(), big_block);
  EXPECT_EQ(values(small), small_internal);
  EXPECT_EQ(values(big), big_internal);
}

TYPED_TEST(HeapTest, Retain) {
  rng r = test_rng();
  for (int k : {2, 3, 7, 1000}) {
    const ints xs = random_ints(r, 300, 100);
    auto h = TestFixture::make(xs);
    const auto before = global_heap_stats();
    h.retain([k](const auto& x) { return val(x) % k != 0; });
    EXPECT_EQ(global_heap_stats().allocations, before.allocations);
    ASSERT_TRUE(h.check()) << "k = " << k;
    ints want;
    for (int x : xs)
      if (x % k != 0) want.push_back(x);
    EXPECT_EQ(TestFixture::pop_all(h), TestFixture::descending(want));
  }
  auto h = TestFixture::make({4, 5, 6});
  h.retain([](const auto&) { return true; });
  EXPECT_EQ(h.size(), 3u);
  h.retain([](const auto&) { return false; });
  EXPECT_TRUE(h.empty());
}

TYPED_TEST(HeapTest, DrainVisitsEverythingAndEmpties) {
  using T = typename TestFixture::T;
  const ints xs{5, 1, 4, 1, 5, 9, 2, 6};
  auto h = TestFixture::make(xs);
  const std::size_t cap = h.capacity();
  ints got;
  {
    auto d = h.drain();
    EXPECT_EQ(d.size(), xs.size());
    EXPECT_TRUE(h.empty());  // shows empty while draining
    for (T& x : d) {
      T moved = std::move(x);
      got.push_back(val(moved));
    }
  }
  std::sort(got.begin(), got.end());
  ints want = xs;
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);
  EXPECT_TRUE(h.empty());
  EXPECT_EQ(h.capacity(), cap);
  // Dropped unvisited: still all removed.
  auto g = TestFixture::make(xs);
  { auto d = g.drain(); }
  EXPECT_TRUE(g.empty());
  ASSERT_TRUE(g.try_push(mk<T>(3)));
  EXPECT_EQ(val(g.top()), 3);
}

TYPED_TEST(HeapTest, DrainSortedGivesGreatestFirst) {
  using T = typename TestFixture::T;
  rng r = test_rng();
  const ints xs = random_ints(r, 100, 30);
  const ints desc = TestFixture::descending(xs);
  for (std::size_t take : {0u, 1u, 10u, 100u}) {
    auto h = TestFixture::make(xs);
    ints got;
    {
      auto d = h.drain_sorted();
      EXPECT_EQ(d.size(), xs.size());
      for (auto it = d.begin(); it != d.end(); ++it) {
        if (got.size() == take) break;
        T moved = std::move(*it);  // moving out the shown element is allowed
        got.push_back(val(moved));
      }
      EXPECT_EQ(d.size(), xs.size() - take);
    }
    EXPECT_EQ(got, ints(desc.begin(), desc.begin() + static_cast<std::ptrdiff_t>(take)));
    EXPECT_TRUE(h.empty()) << "the rest is destroyed with the range";
  }
}

TYPED_TEST(HeapTest, ReserveShrinkAndWithinCapacity) {
  using T = typename TestFixture::T;
  using H = typename TestFixture::H;
  auto c = H::try_with_capacity(3);
  ASSERT_TRUE(c);
  H h = std::move(*c);
  EXPECT_EQ(h.capacity(), 3u);
  const auto* block = h.as_span().data();
  for (int i : {2, 9, 4}) ASSERT_TRUE(h.push_within_capacity(mk<T>(i)));
  const T x = mk<T>(100);
  if constexpr (std::is_copy_constructible_v<T>) {
    auto full = h.push_within_capacity(x);
    ASSERT_FALSE(full);
    EXPECT_EQ(full.error().kind, bare::alloc_errc::full);
  }
  auto full2 = h.push_within_capacity(mk<T>(100));
  ASSERT_FALSE(full2);
  EXPECT_EQ(full2.error().kind, bare::alloc_errc::full);
  EXPECT_EQ(h.as_span().data(), block);
  EXPECT_EQ(val(h.top()), 9);
  ASSERT_TRUE(h.try_reserve(10));
  EXPECT_GE(h.capacity(), 13u);
  ASSERT_TRUE(h.try_reserve_exact(20));
  EXPECT_EQ(h.capacity(), 23u);
  ASSERT_TRUE(h.try_shrink_to(5));
  EXPECT_EQ(h.capacity(), 5u);
  ASSERT_TRUE(h.try_shrink_to_fit());
  EXPECT_EQ(h.capacity(), 3u);
  EXPECT_TRUE(h.check());
  EXPECT_EQ(TestFixture::pop_all(h), (ints{9, 4, 2}));
  h.clear();
  EXPECT_EQ(h.capacity(), 3u);
  auto huge = H::try_with_capacity(H::max_size() + 1);
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().kind, bare::alloc_errc::capacity_overflow);
}

TYPED_TEST(HeapTest, TryCloneAndTryFromCopyable) {
  using T = typename TestFixture::T;
  using H = typename TestFixture::H;
  if constexpr (std::is_copy_constructible_v<T>) {
    auto h = TestFixture::make({3, 1, 4, 1, 5, 9, 2, 6, 5, 3});
    auto c = h.try_clone();
    ASSERT_TRUE(c);
    EXPECT_EQ(values(*c), values(h));  // the same internal order
    EXPECT_EQ(c->capacity(), h.size());
    EXPECT_NE(c->as_span().data(), h.as_span().data());
    std::vector<T> src;
    for (int x : {8, 3, 9, 1}) src.push_back(mk<T>(x));
    auto f = H::try_from(std::span<const T>(src));
    ASSERT_TRUE(f);
    EXPECT_EQ(f->capacity(), 4u);
    EXPECT_TRUE(f->check());
    EXPECT_EQ(TestFixture::pop_all(*f), (ints{9, 8, 3, 1}));
  } else {
    static_assert(!requires(const H& h) { h.try_clone(); });
  }
}

TYPED_TEST(HeapTest, SwapAndMoveAssign) {
  auto a = TestFixture::make({1, 2, 3});
  auto b = TestFixture::make({7});
  a.swap(b);
  EXPECT_EQ(a.size(), 1u);
  EXPECT_EQ(val(b.top()), 3);
  swap(a, b);
  EXPECT_EQ(val(a.top()), 3);
  a = std::move(b);  // destroys a's elements
  EXPECT_EQ(a.size(), 1u);
  EXPECT_EQ(val(a.top()), 7);
}

// ---- not typed -----------------------------------------------------------------------------

TEST(Heap, MinHeapWithGreater) {
  bare::binary_heap<int, bare::greater<int>> h;
  for (int x : {5, 3, 8, 1, 9, 2}) ASSERT_TRUE(h.try_push(x));
  EXPECT_EQ(h.top(), 1);
  ints got;
  while (auto x = h.pop()) got.push_back(*x);
  EXPECT_EQ(got, (ints{1, 2, 3, 5, 8, 9}));
  bare::binary_heap<int, bare::greater<>, bare::global, 4> t;  // transparent, 4-ary
  for (int x : {5, 3, 8}) ASSERT_TRUE(t.try_push(x));
  EXPECT_EQ(t.top(), 3);
  bare::vec<int> s = t.into_sorted_vec();  // "ascending" by the comparator: descending values
  EXPECT_EQ(values(s), (ints{8, 5, 3}));
}

// A comparator with state (and size): ordered by distance from a pivot.
struct by_distance {
  int pivot = 0;
  bool operator()(int a, int b) const noexcept { return std::abs(a - pivot) < std::abs(b - pivot); }
};

TEST(Heap, StatefulComparatorIsStoredAndUsed) {
  bare::binary_heap<int, by_distance> h(bare::global{}, by_distance{10});
  for (int x : {9, 30, 11, -5, 10}) ASSERT_TRUE(h.try_push(x));
  EXPECT_EQ(h.value_comp().pivot, 10);
  EXPECT_EQ(h.top(), 30);
  auto c = h.try_clone();
  ASSERT_TRUE(c);
  EXPECT_EQ(c->value_comp().pivot, 10);
  bare::binary_heap<int, by_distance> other(bare::global{}, by_distance{0});
  ASSERT_TRUE(other.try_push(1));
  ASSERT_TRUE(other.try_push(-40));
  ASSERT_TRUE(h.try_append(other));  // stateful comparator: appended into h, by h's order
  EXPECT_EQ(h.value_comp().pivot, 10);
  EXPECT_TRUE(h.check());
  EXPECT_EQ(h.top(), -40);
  static_assert(sizeof(bare::binary_heap<int, by_distance>) > sizeof(bare::vec<int>));
}

// A comparator that answers at random: the order is unspecified, but nothing is lost,
// duplicated or touched out of bounds (ASan / UBSan and the counted instances watch).
TEST(Heap, InconsistentComparatorIsNotUndefinedBehaviour) {
  struct chaos {
    rng* r;
    bool operator()(const counted&, const counted&) const noexcept { return r->chance(50); }
  };
  rng r = test_rng();
  {
    bare::binary_heap<counted, chaos, bare::global, 2> h(bare::global{}, chaos{&r});
    bare::binary_heap<counted, chaos, bare::global, 2> other(bare::global{}, chaos{&r});
    for (int i = 0; i < 500; ++i) ASSERT_TRUE((i % 3 ? h : other).try_push(counted(i)));
    {
      auto t = h.peek_mut();
      *t = counted(-1);
    }
    ASSERT_TRUE(h.try_append(other));
    EXPECT_EQ(h.size(), 500u);
    h.retain([](const counted& c) { return c.value() % 5 != 0; });
    ints got;
    while (auto x = h.pop()) got.push_back(x->value());
    EXPECT_LE(got.size(), 500u);
    EXPECT_EQ(counted::errors, 0);
    for (int x : got) EXPECT_NE(x, moved_from);
  }
  EXPECT_EQ(counted::live, 0);
}

TEST(Heap, WorksWithAStatefulAllocator) {
  bare::counting<bare::malloc_allocator> c;
  using A = bare::by_ref<bare::counting<bare::malloc_allocator>>;
  {
    bare::binary_heap<int, bare::less<int>, A> h{A(c)};
    for (int i = 0; i < 100; ++i) ASSERT_TRUE(h.try_push(i));
    bare::binary_heap<int, bare::less<int>, A> big{A(c)};
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE(big.try_push(-i));
    ASSERT_TRUE(h.try_append(big));  // stateful allocator: h keeps its own block
    EXPECT_EQ(h.size(), 1100u);
    EXPECT_EQ(h.top(), 99);
    EXPECT_EQ(&h.allocator().get(), &c);
  }
  EXPECT_EQ(c.stats().live_blocks(), 0u);
}

// ---- panics --------------------------------------------------------------------------------

class HeapDeathTest : public ::testing::Test {
 protected:
  panic_handler_guard g_{exiting_panic_handler};
};

TEST_F(HeapDeathTest, TopOfEmpty) {
  bare::binary_heap<int> h;
  EXPECT_EXIT((void)h.top(), ::testing::ExitedWithCode(panic_exit), "bare::binary_heap::top: empty");
}

TEST_F(HeapDeathTest, EmptyPeekMutGuard) {
  bare::binary_heap<int> h;
  auto g = h.peek_mut();
  EXPECT_EXIT((void)*g, ::testing::ExitedWithCode(panic_exit), "bare::binary_heap::peek_mut: empty heap");
  EXPECT_EXIT((void)g.pop(), ::testing::ExitedWithCode(panic_exit), "bare::binary_heap::peek_mut: empty heap");
}

// ---- the infallible API ----------------------------------------------------------------------

#if BARE_OOM_HANDLING
TEST(HeapInfallible, PushEmplaceAppendClone) {
  bare::binary_heap<int> h{4, 1, 7};
  h.push(9);
  h.emplace(2);
  const int x = 8;
  h.push(x);
  bare::binary_heap<int> other{10, 0};
  h.append(other);
  EXPECT_TRUE(other.empty());
  auto c = h.clone();
  h.reserve(100);
  EXPECT_GE(h.capacity(), 108u);
  h.shrink_to_fit();
  EXPECT_EQ(h.capacity(), 8u);
  h.reserve_exact(2);
  EXPECT_EQ(h.capacity(), 10u);
  h.shrink_to(9);
  EXPECT_EQ(h.capacity(), 9u);
  ints got;
  while (auto v = c.pop()) got.push_back(*v);
  EXPECT_EQ(got, (ints{10, 9, 8, 7, 4, 2, 1, 0}));
  auto w = bare::binary_heap<int>::with_capacity(5);
  EXPECT_EQ(w.capacity(), 5u);
  const int src[] = {3, 9, 4};
  auto f = bare::binary_heap<int>::from(std::span<const int>(src));
  EXPECT_EQ(f.top(), 9);
  bare::binary_heap<move_only, bare::less<move_only>, bare::global, 4> m;
  for (int i = 0; i < 20; ++i) m.push(move_only(i));
  m.emplace(100);
  EXPECT_EQ(m.top().value(), 100);
}

TEST(HeapInfallible, CallsTheHandlerOnFailure) {
  alloc_error_handler_guard g(exiting_alloc_error_handler);
  bare::binary_heap<int, bare::less<int>, always_fails> h;
  EXPECT_EXIT(h.push(1), ::testing::ExitedWithCode(alloc_error_exit), "out of memory size=16 align=4;");
  EXPECT_EXIT(h.emplace(1), ::testing::ExitedWithCode(alloc_error_exit), "out of memory");
  EXPECT_EXIT(h.reserve(3), ::testing::ExitedWithCode(alloc_error_exit), "out of memory");
  bare::binary_heap<int> w{1, 2};
  global_heap_fail_next(1);
  EXPECT_EXIT((void)w.clone(), ::testing::ExitedWithCode(alloc_error_exit), "out of memory");
  global_heap_fail_next(0);
}
#endif

// A trivially copyable element without a copy constructor is moved out by pop.
TEST(Heap, PopMovesATriviallyCopyableMoveOnlyValue) {
  bare::binary_heap<trivial_move_only> h;
  for (int i : {2, 7, 1, 5}) ASSERT_TRUE(h.try_push(trivial_move_only(i)));
  std::vector<int> out;
  while (auto x = h.pop()) out.push_back(x->v);
  EXPECT_EQ(out, (std::vector<int>{7, 5, 2, 1}));
}

}  // namespace
