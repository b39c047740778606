// fixed_vec<T, N>, vec_view<T>, buffer_vec<T> and small_vec<T, N, A>: the vec algorithm over
// inline, viewed, caller-provided and inline-then-heap storage (detail::vec_core).
//
// Typed tests over int, move_only, counted and over_aligned (DESIGN §6) through the try_ API
// (so they run in the BARE_NO_GLOBAL_OOM_HANDLING build too). Every operation that can exceed
// the capacity is tested at the full condition: it must report alloc_errc::full and leave the
// container exactly as before (same elements, same live instances, argument not consumed).
// The fixed containers must never touch the heap: the global heap's counters are checked.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "bare/buffer_vec.hpp"
#include "bare/fixed_vec.hpp"
#include "bare/small_vec.hpp"
#include "bare/vec.hpp"
#include "bare/vec_view.hpp"
#include "support/death.hpp"
#include "support/heap.hpp"
#include "support/tracked.hpp"

namespace {

using namespace bare_test;  // NOLINT

constexpr std::size_t cap = 8;

template <class T>
using fv = bare::fixed_vec<T, cap>;

template <class T, class V>
void fill(V& v, std::initializer_list<int> xs) {
  for (int x : xs) ASSERT_TRUE(v.try_push_back(mk<T>(x)));
}

// Snapshot of what a refused operation must not change.
template <class V>
struct unchanged {
  explicit unchanged(const V& v) : vals(values(v)), live(counted::live), mo_live(move_only::live), data(v.data()) {}
  ::testing::AssertionResult check(const V& v) const {
    if (values(v) != vals) return ::testing::AssertionFailure() << "contents changed";
    if (counted::live != live || move_only::live != mo_live) return ::testing::AssertionFailure() << "live instances changed";
    if (v.data() != data) return ::testing::AssertionFailure() << "storage moved";
    return ::testing::AssertionSuccess();
  }
  std::vector<int> vals;
  long live, mo_live;
  const void* data;
};

template <class R>
bool is_full(const R& r) {
  return !r && r.error().kind == bare::alloc_errc::full;
}

// ---- layout and compile-time properties ---------------------------------------------------

static_assert(sizeof(bare::fixed_vec<std::uint8_t, 16>) <= 24, "the length type shrinks with N");
static_assert(sizeof(bare::fixed_vec<std::uint8_t, 16>) == 17);
static_assert(std::is_same_v<bare::fixed_vec<int, 255>::length_type, unsigned char>);
static_assert(std::is_same_v<bare::fixed_vec<int, 256>::length_type, unsigned short>);
static_assert(std::is_same_v<bare::fixed_vec<char, 65536>::length_type, unsigned int>);
static_assert(sizeof(bare::vec<int>) == 3 * sizeof(void*), "the refactor must not grow vec");
static_assert(bare::is_trivially_relocatable_v<bare::vec<counted>>);
static_assert(std::is_trivially_copyable_v<bare::fixed_vec<int, 4>>);
static_assert(std::is_trivially_destructible_v<bare::fixed_vec<int, 4>>);
static_assert(!std::is_trivially_copyable_v<bare::fixed_vec<counted, 4>>);
static_assert(bare::is_trivially_relocatable_v<bare::fixed_vec<int, 4>>);
static_assert(!bare::is_trivially_relocatable_v<bare::fixed_vec<counted, 4>>);
static_assert(!std::is_copy_constructible_v<bare::fixed_vec<move_only, 4>>);
static_assert(std::is_nothrow_move_constructible_v<bare::fixed_vec<move_only, 4>>);
static_assert(alignof(bare::fixed_vec<over_aligned, 2>) == 64);
static_assert(!bare::is_trivially_relocatable_v<bare::small_vec<int, 4>>, "it points into itself");

// Built at compile time: a constexpr table and a constinit one (placed in flash / .data).
constexpr bare::fixed_vec<int, 6> primes{2, 3, 5, 7, 11};
static_assert(primes.size() == 5 && primes[4] == 11 && primes.capacity() == 6 && primes.contains(7));
constexpr auto edited = [] {
  bare::fixed_vec<int, 8> v{1, 2, 3};
  v.insert(v.begin() + 1, 10);                      // 1 10 2 3
  v.erase(v.begin());                               // 10 2 3
  (void)v.try_push_back(4);                         // 10 2 3 4
  const int more[] = {5, 6};
  v.extend_from(std::span<const int>(more));        // 10 2 3 4 5 6
  v.pop_back();                                     // 10 2 3 4 5
  if (v.try_extend_from(std::span<const int>(more)) && v.size() == 7) v.truncate(5);
  (void)v.remove(1);                                // 10 3 4 5
  return v;
}();
static_assert(edited.size() == 4 && edited[0] == 10 && edited[1] == 3 && edited[3] == 5);
static_assert(edited == bare::fixed_vec<int, 8>{10, 3, 4, 5});
constexpr bool refuses_when_full() {
  bare::fixed_vec<int, 2> v{1, 2};
  auto r = v.try_push_back(3);
  return !r && r.error().kind == bare::alloc_errc::full && v.size() == 2;
}
static_assert(refuses_when_full());
constinit bare::fixed_vec<int, 8> startup_table = edited;

TEST(FixedVec, ConstexprTablesAreUsableAtRunTime) {
  EXPECT_EQ(values(primes), (std::vector<int>{2, 3, 5, 7, 11}));
  EXPECT_EQ(values(startup_table), (std::vector<int>{10, 3, 4, 5}));
  startup_table.push_back(99);  // constinit: mutable at run time
  EXPECT_EQ(startup_table.size(), 5u);
  startup_table.pop_back();
}

// ---- typed tests --------------------------------------------------------------------------

template <class T>
class FixedVecTest : public ::testing::Test {
 protected:
  heap_stats before_ = global_heap_stats();
  // A fixed container never allocates (small_vec tests check their own allocations).
  void TearDown() override {
    const heap_stats after = global_heap_stats();
    EXPECT_EQ(after.allocations, before_.allocations) << "a fixed container allocated";
    EXPECT_EQ(after.resizes, before_.resizes);
  }
};
using all_types = ::testing::Types<int, move_only, counted, over_aligned>;
TYPED_TEST_SUITE(FixedVecTest, all_types);

TYPED_TEST(FixedVecTest, EmptyHasCapacityNAndConstructsNothing) {
  using T = TypeParam;
  const long live = counted::live;
  fv<T> v;
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(v.capacity(), cap);
  EXPECT_EQ(v.max_size(), cap);
  EXPECT_EQ(v.begin(), v.end());
  EXPECT_EQ(v.first(), nullptr);
  EXPECT_FALSE(v.pop().has_value());
  EXPECT_EQ(counted::live, live);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(v.data()) % alignof(T), 0u);
}

TYPED_TEST(FixedVecTest, PushUntilFullThenRefuses) {
  using T = TypeParam;
  fv<T> v;
  for (int i = 0; i < static_cast<int>(cap); ++i) {
    auto r = v.try_push_back(mk<T>(i));
    ASSERT_TRUE(r);
    EXPECT_EQ(val(*r), i);
  }
  EXPECT_EQ(v.size(), cap);
  T x = mk<T>(42);
  const unchanged<fv<T>> snap(v);
  EXPECT_TRUE(is_full(v.try_push_back(std::move(x))));
  EXPECT_EQ(val(x), 42) << "a refused push must not consume its argument";
  EXPECT_TRUE(is_full(v.try_emplace_back(43)));
  EXPECT_TRUE(is_full(v.push_back_within_capacity(mk<T>(44))));
  EXPECT_TRUE(is_full(v.emplace_back_within_capacity(45)));
  auto e = v.try_push_back(mk<T>(46));
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().request, bare::layout_of<T>);
  EXPECT_TRUE(snap.check(v));
}

TYPED_TEST(FixedVecTest, InsertAtEveryPositionWhenFullIsRefused) {
  using T = TypeParam;
  fv<T> v;
  fill<T>(v, {0, 1, 2, 3, 4, 5, 6, 7});
  const unchanged<fv<T>> snap(v);
  for (std::size_t at = 0; at <= cap; ++at) {
    T x = mk<T>(9);
    EXPECT_TRUE(is_full(v.try_insert(v.begin() + at, std::move(x))));
    EXPECT_EQ(val(x), 9);
    EXPECT_TRUE(is_full(v.try_emplace(v.begin() + at, 9)));
  }
  EXPECT_TRUE(snap.check(v));
}

TYPED_TEST(FixedVecTest, InsertAndRemoveInTheMiddle) {
  using T = TypeParam;
  fv<T> v;
  fill<T>(v, {1, 2, 3});
  ASSERT_TRUE(v.try_insert(v.begin() + 1, mk<T>(10)));
  ASSERT_TRUE(v.try_emplace(v.begin(), 0));
  ASSERT_TRUE(v.try_insert(v.end(), mk<T>(4)));
  EXPECT_EQ(values(v), (std::vector<int>{0, 1, 10, 2, 3, 4}));
  EXPECT_EQ(val(v.remove(2)), 10);
  EXPECT_EQ(val(v.swap_remove(0)), 0);
  EXPECT_EQ(values(v), (std::vector<int>{4, 1, 2, 3}));
  v.erase(v.begin() + 1, v.begin() + 3);
  EXPECT_EQ(values(v), (std::vector<int>{4, 3}));
  auto p = v.pop();
  ASSERT_TRUE(p);
  EXPECT_EQ(val(*p), 3);
  v.clear();
  EXPECT_TRUE(v.empty());
}

TYPED_TEST(FixedVecTest, ExtendNeverTruncates) {
  using T = TypeParam;
  fv<T> v;
  fill<T>(v, {1, 2, 3, 4, 5});
  const unchanged<fv<T>> snap(v);
  // An input range (element by element) that does not fit: the elements added are removed.
  EXPECT_TRUE(is_full(v.try_extend_from(counting_input<T>{0}, counting_end{4})));
  EXPECT_TRUE(snap.check(v));
  if constexpr (std::is_copy_constructible_v<T>) {
    // A sized range that does not fit: refused before anything is added.
    const T src[] = {mk<T>(7), mk<T>(8), mk<T>(9), mk<T>(10)};
    const unchanged<fv<T>> snap2(v);
    EXPECT_TRUE(is_full(v.try_extend_from(std::span<const T>(src))));
    EXPECT_TRUE(is_full(v.try_extend_from(src, src + 4)));
    EXPECT_TRUE(is_full(v.try_insert(v.begin() + 1, std::span<const T>(src))));
    EXPECT_TRUE(is_full(v.try_insert(v.begin() + 1, 4, src[0])));
    EXPECT_TRUE(is_full(v.try_insert(v.begin() + 1, 4, v[0])));
    EXPECT_TRUE(is_full(v.try_resize(cap + 1, src[0])));
    EXPECT_TRUE(snap2.check(v));
  }
  EXPECT_TRUE(snap.check(v));
  EXPECT_TRUE(is_full(v.try_resize(cap + 1)));
  EXPECT_TRUE(snap.check(v));
  EXPECT_TRUE(is_full(v.try_reserve(4)));
  EXPECT_TRUE(is_full(v.try_reserve_exact(4)));
  EXPECT_TRUE(v.try_reserve(3));
  EXPECT_TRUE(snap.check(v));
  ASSERT_TRUE(v.try_extend_from(counting_input<T>{6}, counting_end{9}));  // exactly fits
  EXPECT_EQ(values(v), (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8}));
  EXPECT_TRUE(v.try_resize(2));
  EXPECT_EQ(values(v), (std::vector<int>{1, 2}));
  if constexpr (std::is_default_constructible_v<T>) {
    ASSERT_TRUE(v.try_resize(cap));
    EXPECT_EQ(v.size(), cap);
  }
}

TYPED_TEST(FixedVecTest, RetainDedupDrainExtract) {
  using T = TypeParam;
  fv<T> v;
  fill<T>(v, {1, 1, 2, 3, 3, 3, 4, 5});
  v.dedup();
  EXPECT_EQ(values(v), (std::vector<int>{1, 2, 3, 4, 5}));
  v.retain([](const T& x) { return val(x) % 2 == 1; });
  EXPECT_EQ(values(v), (std::vector<int>{1, 3, 5}));
  {
    auto d = v.drain(0, 2);
    std::vector<int> seen;
    for (T& x : d) seen.push_back(val(x));
    EXPECT_EQ(seen, (std::vector<int>{1, 3}));
  }
  EXPECT_EQ(values(v), (std::vector<int>{5}));
  fill<T>(v, {6, 7, 8});
  std::vector<int> taken;
  for (T& x : v.extract_if([](T& x) { return val(x) % 2 == 0; })) {
    T keep(std::move(x));
    taken.push_back(val(keep));
  }
  EXPECT_EQ(taken, (std::vector<int>{6, 8}));
  EXPECT_EQ(values(v), (std::vector<int>{5, 7}));
}

TYPED_TEST(FixedVecTest, MoveSplitSwap) {
  using T = TypeParam;
  fv<T> v;
  fill<T>(v, {1, 2, 3, 4});
  fv<T> w(std::move(v));
  EXPECT_EQ(values(w), (std::vector<int>{1, 2, 3, 4}));
  if constexpr (!std::is_trivially_copyable_v<T>) {
    EXPECT_TRUE(v.empty()) << "moving relocates the elements and leaves the source empty";
  }
  fv<T> tail = w.split_off(1);
  EXPECT_EQ(values(w), (std::vector<int>{1}));
  EXPECT_EQ(values(tail), (std::vector<int>{2, 3, 4}));
  swap(w, tail);
  EXPECT_EQ(values(w), (std::vector<int>{2, 3, 4}));
  EXPECT_EQ(values(tail), (std::vector<int>{1}));
  tail = std::move(w);
  EXPECT_EQ(values(tail), (std::vector<int>{2, 3, 4}));
}

TYPED_TEST(FixedVecTest, AppendFromAHeapVecRespectsTheCapacity) {
  using T = TypeParam;
  fv<T> v;
  fill<T>(v, {1, 2, 3, 4, 5, 6});
  bare::vec<T> heap;
  ASSERT_TRUE(heap.try_push_back(mk<T>(7)));
  ASSERT_TRUE(heap.try_push_back(mk<T>(8)));
  ASSERT_TRUE(heap.try_push_back(mk<T>(9)));
  const unchanged<fv<T>> snap(v);
  EXPECT_TRUE(is_full(v.try_append(heap)));
  EXPECT_TRUE(snap.check(v));
  EXPECT_EQ(heap.size(), 3u);
  heap.pop_back();
  ASSERT_TRUE(v.try_append(heap));
  EXPECT_TRUE(heap.empty());
  EXPECT_EQ(values(v), (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8}));
  this->before_ = global_heap_stats();  // (the heap vec above allocated)
}

TYPED_TEST(FixedVecTest, ViewOfAnyCapacity) {
  using T = TypeParam;
  bare::fixed_vec<T, 3> small;
  bare::fixed_vec<T, 300> big;  // another length type
  auto push_some = [](bare::vec_view<T> out, int n) {
    int pushed = 0;
    for (int i = 0; i < n; ++i) {
      if (!out.try_push_back(mk<T>(i))) break;
      ++pushed;
    }
    return pushed;
  };
  EXPECT_EQ(push_some(small, 5), 3);
  EXPECT_EQ(push_some(big, 5), 5);
  EXPECT_EQ(small.size(), 3u) << "the view writes the container's length";
  EXPECT_EQ(big.size(), 5u);
  bare::vec_view<T> v = big;
  EXPECT_EQ(v.capacity(), 300u);
  EXPECT_EQ(v.data(), big.data());
  ASSERT_TRUE(v.try_insert(v.begin(), mk<T>(-1)));
  EXPECT_EQ(val(big[0]), -1);
  v.retain([](const T& x) { return val(x) >= 0; });
  EXPECT_EQ(big.size(), 5u);
  bare::vec_view<T> s = small;
  const unchanged<bare::fixed_vec<T, 3>> snap(small);
  EXPECT_TRUE(is_full(s.try_push_back(mk<T>(9))));
  EXPECT_TRUE(is_full(s.try_insert(s.begin(), mk<T>(9))));
  EXPECT_TRUE(snap.check(small));
}

TYPED_TEST(FixedVecTest, BufferVecOverCallersArray) {
  using T = TypeParam;
  alignas(T) unsigned char area[5 * sizeof(T)];
  const long live = counted::live;
  {
    bare::buffer_vec<T> b(bare::uninit_span<T>{reinterpret_cast<T*>(area), 5});
    EXPECT_EQ(b.capacity(), 5u);
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(b.try_push_back(mk<T>(i)));
    EXPECT_TRUE(is_full(b.try_push_back(mk<T>(5))));
    EXPECT_EQ(static_cast<const void*>(b.data()), static_cast<const void*>(area));
    bare::buffer_vec<T> c(std::move(b));
    EXPECT_EQ(b.capacity(), 0u);
    EXPECT_EQ(values(c), (std::vector<int>{0, 1, 2, 3, 4}));
    bare::vec_view<T> view = c;
    view.truncate(2);
    EXPECT_EQ(c.size(), 2u);
  }
  EXPECT_EQ(counted::live, live) << "destroying a buffer_vec destroys its elements";
}

TEST(BufferVec, FromBytesAlignsAndCounts) {
  alignas(8) std::byte bytes[8 * 4 + 3];
  bare::buffer_vec<std::uint64_t> b(std::span<std::byte>(bytes + 1, sizeof bytes - 1));
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(b.data()) % 8, 0u);
  EXPECT_EQ(b.capacity(), 3u);  // 34 bytes from offset 1: 7 skipped to align, 27 left: 3 whole
  bare::buffer_vec<std::uint64_t> none(std::span<std::byte>(bytes + 1, 6));
  EXPECT_EQ(none.capacity(), 0u);
  EXPECT_FALSE(none.try_push_back(1));
}

TEST(FixedVec, CopyAndClone) {
  bare::fixed_vec<counted, 4> a;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(a.try_emplace_back(i));
  bare::fixed_vec<counted, 4> b = a;
  EXPECT_EQ(counted::live, 6);
  EXPECT_TRUE(a == b);
  b[0] = counted(9);
  EXPECT_TRUE(a != b);
  EXPECT_TRUE(a < b);
  b = a;
  EXPECT_TRUE(a == b);
  auto c = a.try_clone();
  ASSERT_TRUE(c);
  EXPECT_TRUE(*c == a);
  // Against the heap twin.
  bare::vec<counted> h;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(h.try_emplace_back(i));
  EXPECT_TRUE(a == h);
  EXPECT_TRUE(h == a);
}

TEST(FixedVec, AssignFrom) {
  bare::fixed_vec<int, 4> v{1, 2, 3};
  const int big[] = {1, 2, 3, 4, 5};
  EXPECT_TRUE(is_full(v.try_assign_from(big)));
  EXPECT_EQ(values(v), (std::vector<int>{1, 2, 3}));
  ASSERT_TRUE(v.try_assign_from(std::span<const int>(big, 4)));
  EXPECT_EQ(values(v), (std::vector<int>{1, 2, 3, 4}));
  ASSERT_TRUE(v.try_assign_from(std::span<const int>(v.data() + 1, 2)));  // a part of itself
  EXPECT_EQ(values(v), (std::vector<int>{2, 3}));
}

TEST(FixedVec, AssignFromWithFallibleClones) {
  // Elements whose clones allocate (and may fail) are cloned after the old ones first.
  bare::fixed_vec<bare::vec<int>, 3> v;
  bare::vec<int> one;
  ASSERT_TRUE(one.try_push_back(1));
  ASSERT_TRUE(v.try_push_back(std::move(one)));
  bare::vec<int> src[2];
  ASSERT_TRUE(src[0].try_push_back(5));
  ASSERT_TRUE(src[1].try_push_back(6));
  ASSERT_TRUE(v.try_assign_from(src));
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[1][0], 6);
  EXPECT_TRUE(is_full(v.try_assign_from(src)));  // 2 old + 2 clones > 3: no room to stay strong
  EXPECT_EQ(v.size(), 2u);
}

// ---- small_vec ----------------------------------------------------------------------------

template <class T>
class SmallVecTest : public ::testing::Test {};
TYPED_TEST_SUITE(SmallVecTest, all_types);

TYPED_TEST(SmallVecTest, InlineUntilNThenOneBlock) {
  using T = TypeParam;
  bare::small_vec<T, 4> v;
  const heap_stats before = global_heap_stats();
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(v.try_push_back(mk<T>(i)));
  EXPECT_TRUE(v.is_inline());
  EXPECT_EQ(v.capacity(), 4u);
  EXPECT_EQ(global_heap_stats().allocations, before.allocations);
  ASSERT_TRUE(v.try_push_back(mk<T>(4)));
  EXPECT_FALSE(v.is_inline());
  EXPECT_EQ(v.capacity(), 8u) << "doubling from N";
  EXPECT_EQ(global_heap_stats().allocations, before.allocations + 1);
  for (int i = 5; i < 20; ++i) ASSERT_TRUE(v.try_push_back(mk<T>(i)));
  EXPECT_EQ(v.size(), 20u);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(val(v[i]), i);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(v.data()) % alignof(T), 0u);
  v.truncate(3);
  ASSERT_TRUE(v.try_shrink_to_fit());
  EXPECT_TRUE(v.is_inline()) << "shrink_to_fit brings the elements back inside";
  EXPECT_EQ(values(v), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(global_heap_stats().live_blocks, before.live_blocks);
}

TYPED_TEST(SmallVecTest, MovesInlineAndHeap) {
  using T = TypeParam;
  bare::small_vec<T, 4> a;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(a.try_push_back(mk<T>(i)));
  bare::small_vec<T, 4> b(std::move(a));
  EXPECT_TRUE(b.is_inline());
  EXPECT_TRUE(a.empty());
  EXPECT_EQ(values(b), (std::vector<int>{0, 1, 2}));
  for (int i = 3; i < 10; ++i) ASSERT_TRUE(b.try_push_back(mk<T>(i)));
  const T* block = b.data();
  bare::small_vec<T, 4> c(std::move(b));
  EXPECT_EQ(c.data(), block) << "a heap block is taken, not copied";
  EXPECT_TRUE(b.is_inline() && b.empty());
  ASSERT_TRUE(b.try_push_back(mk<T>(7)));
  b = std::move(c);
  EXPECT_EQ(b.size(), 10u);
  auto tail = b.try_split_off(8);
  ASSERT_TRUE(tail);
  EXPECT_TRUE(tail->is_inline());
  EXPECT_EQ(values(*tail), (std::vector<int>{8, 9}));
  swap(b, *tail);
  EXPECT_EQ(b.size(), 2u);
}

TYPED_TEST(SmallVecTest, InsertAcrossTheSpill) {
  using T = TypeParam;
  bare::small_vec<T, 4> v;
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(v.try_push_back(mk<T>(i * 10)));
  ASSERT_TRUE(v.try_insert(v.begin() + 2, mk<T>(15)));  // spills
  EXPECT_EQ(values(v), (std::vector<int>{0, 10, 15, 20, 30}));
  ASSERT_TRUE(v.try_extend_from(counting_input<T>{1}, counting_end{4}));
  EXPECT_EQ(values(v), (std::vector<int>{0, 10, 15, 20, 30, 1, 2, 3}));
  if constexpr (bare::detail::cloneable<T>) {
    auto c = v.try_clone();
    ASSERT_TRUE(c);
    EXPECT_TRUE(*c == v);
  }
}

TEST(SmallVec, ViewIsCapacityLimited) {
  bare::small_vec<int, 2> v;
  bare::vec_view<int> view = v;
  EXPECT_TRUE(view.try_push_back(1));
  EXPECT_TRUE(view.try_push_back(2));
  EXPECT_TRUE(is_full(view.try_push_back(3))) << "a view never allocates";
  EXPECT_EQ(v.size(), 2u);
  EXPECT_TRUE(v.is_inline());
}

// ---- the panicking twins ------------------------------------------------------------------

TEST(FixedVecDeath, PushBackOnFullPanics) {
  panic_handler_guard g(exiting_panic_handler);
  bare::fixed_vec<int, 2> v{1, 2};
  EXPECT_EXIT(v.push_back(3), ::testing::ExitedWithCode(panic_exit), "fixed-capacity container is full");
  EXPECT_EXIT(v.insert(v.begin(), 3), ::testing::ExitedWithCode(panic_exit), "full");
  auto too_many = [] {
    bare::fixed_vec<int, 2> w{1, 2, 3};
    (void)w;
  };
  EXPECT_EXIT(too_many(), ::testing::ExitedWithCode(panic_exit), "full");
  bare::vec_view<int> view = v;
  EXPECT_EXIT(view.push_back(3), ::testing::ExitedWithCode(panic_exit), "full");
}

}  // namespace
