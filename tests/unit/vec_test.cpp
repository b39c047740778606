// vec<T>: representation size, allocation behaviour (no allocation when empty; realloc-style
// grow for trivially relocatable elements only), allocator plumbing, error kinds, nesting, and
// the precondition panics.
#include <gtest/gtest.h>

#include <map>
#include <span>
#include <utility>
#include <vector>

#include "bare/alloc/budget.hpp"
#include "bare/alloc/counting.hpp"
#include "bare/testing/failing.hpp"
#include "support/death.hpp"
#include "unit/vec_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT
using kind = recording::kind;

static_assert(sizeof(bare::vec<int>) == 3 * sizeof(void*));
static_assert(sizeof(bare::vec<over_aligned>) == 3 * sizeof(void*));
static_assert(sizeof(bare::vec<int, always_fails>) == 3 * sizeof(void*));
static_assert(sizeof(bare::vec<int, recording_ref>) == 4 * sizeof(void*));
static_assert(!std::is_copy_constructible_v<bare::vec<int>>);
static_assert(std::is_nothrow_move_constructible_v<bare::vec<counted>>);
static_assert(bare::is_trivially_relocatable_v<bare::vec<counted>>);
static_assert(bare::is_trivially_relocatable_v<int> && bare::is_trivially_relocatable_v<over_aligned>);
static_assert(!bare::is_trivially_relocatable_v<counted> && !bare::is_trivially_relocatable_v<move_only>);

// Not trivially copyable, but declared trivially relocatable (a memcpy moves it correctly).
struct relocatable {
  int v;
  explicit relocatable(int x) : v(x) {}
  relocatable(const relocatable& o) : v(o.v) {}
  relocatable& operator=(const relocatable& o) {
    v = o.v;
    return *this;
  }
  ~relocatable() {}
  int value() const { return v; }
};

}  // namespace

template <>
struct bare::is_trivially_relocatable<relocatable> : std::true_type {};

namespace {

TEST(Vec, DefaultNeverAllocates) {
  bare::counting<bare::malloc_allocator> c;
  {
    bare::vec<int, bare::by_ref<bare::counting<bare::malloc_allocator>>> v(c);
    EXPECT_TRUE(v.empty());
    bare::vec<int, bare::by_ref<bare::counting<bare::malloc_allocator>>> w = std::move(v);
    w.clear();
    EXPECT_TRUE(w.try_shrink_to_fit());
    EXPECT_TRUE(w.try_reserve(0));
    EXPECT_TRUE(w.try_reserve_exact(0));
    auto s = w.try_split_off(0);
    EXPECT_TRUE(s);
    auto cl = w.try_clone();
    EXPECT_TRUE(cl);
  }
  EXPECT_EQ(c.stats().allocations, 0u);
  EXPECT_EQ(c.stats().deallocations, 0u);
  EXPECT_EQ(c.stats().failures, 0u);
  EXPECT_EQ(c.stats().total_bytes, 0u);
}

// Pushes n elements and returns the calls the allocator saw.
template <class T, class Rec = recording>
std::vector<typename Rec::call> grow_by_pushing(int n) {
  Rec rec;
  {
    bare::vec<T, bare::by_ref<Rec>> v(rec);
    for (int i = 0; i < n; ++i) EXPECT_TRUE(v.try_push_back(T(i)));
    for (int i = 0; i < n; ++i) EXPECT_EQ(val(v[static_cast<std::size_t>(i)]), i);
    EXPECT_TRUE(v.try_reserve(1000));
    EXPECT_TRUE(v.try_shrink_to_fit());
    for (int i = 0; i < n; ++i) EXPECT_EQ(val(v[static_cast<std::size_t>(i)]), i);
  }
  EXPECT_EQ(rec.live, 0);
  return rec.calls;
}

template <class Calls>
std::size_t count(const Calls& calls, kind k) {
  std::size_t n = 0;
  for (const auto& c : calls) n += c.what == k;
  return n;
}

struct int_box {  // trivially copyable
  int v;
  explicit int_box(int x) : v(x) {}
  int value() const { return v; }
};

TEST(Vec, TriviallyRelocatableGrowsWithTheAllocatorsGrow) {
  for (const auto& calls : {grow_by_pushing<int_box>(100), grow_by_pushing<over_aligned>(100),
                            grow_by_pushing<relocatable>(100)}) {
    EXPECT_EQ(count(calls, kind::allocate), 1u);  // the first block only
    EXPECT_GE(count(calls, kind::grow), 5u);      // 4 -> 8 -> ... -> 128, then reserve
    EXPECT_EQ(count(calls, kind::shrink), 1u);    // shrink_to_fit
    EXPECT_EQ(count(calls, kind::deallocate), 1u);
  }
  // Over-aligned blocks keep their alignment through grow.
  for (const auto& c : grow_by_pushing<over_aligned>(20))
    if (c.what != kind::deallocate) {
      EXPECT_EQ(c.l.align, 64u);
    }
}

TEST(Vec, NonRelocatableMovesElementByElement) {
  const auto calls = grow_by_pushing<counted>(100);
  EXPECT_EQ(count(calls, kind::grow), 0u);
  EXPECT_EQ(count(calls, kind::shrink), 0u);
  EXPECT_GE(count(calls, kind::allocate), 7u);
  EXPECT_EQ(count(calls, kind::allocate), count(calls, kind::deallocate));
  EXPECT_EQ(counted::live, 0);
}

TEST(Vec, AllocatorWithoutGrowFallsBackToAllocateAndCopy) {
  const auto calls = grow_by_pushing<int_box, basic_recording<false>>(100);
  EXPECT_GE(count(calls, kind::allocate), 7u);
  EXPECT_EQ(count(calls, kind::allocate), count(calls, kind::deallocate));
}

TEST(Vec, ExtendInsertAndResizeGrowThroughGrow) {
  // Trivially relocatable elements from outside the vec: growth is the allocator's grow()
  // (realloc, in place when it can), not allocate + move + deallocate.
  recording rec;
  {
    bare::vec<int, recording_ref> v(rec);
    ASSERT_TRUE(v.try_push_back(1));
    const int more[40] = {};
    ASSERT_TRUE(v.try_extend_from(std::span<const int>(more)));
    ASSERT_TRUE(v.try_insert(v.begin(), std::span<const int>(more)));
    ASSERT_TRUE(v.try_insert(v.begin(), 100, 7));
    ASSERT_TRUE(v.try_resize(1000));
    ASSERT_TRUE(v.try_resize(2000, 5));
    EXPECT_EQ(v.size(), 2000u);
    EXPECT_EQ(v[0], 7);
    EXPECT_EQ(v[100 + 40], 1);
    EXPECT_EQ(v[1999], 5);
    EXPECT_EQ(rec.count(kind::allocate), 1u);  // the first push; every later growth was grow()
    EXPECT_EQ(rec.count(kind::grow), 5u);
    // From inside the vec, the source must survive the growth: a new block, then the move.
    ASSERT_TRUE(v.try_shrink_to_fit());
    ASSERT_TRUE(v.try_extend_from(std::span<const int>(v.data(), 10)));
    EXPECT_EQ(rec.count(kind::allocate), 2u);
    EXPECT_EQ(v[2000], 7);
  }
  EXPECT_EQ(rec.live, 0);
}

// Every byte count from 0 to 70 through the in-room copy of extend_from (its short copies
// take two overlapping moves of 1, 4, 8 or 16 bytes: bare::detail::copy_bytes), at every
// destination offset 0..16: each byte lands where it belongs and nothing around it changes.
TEST(Vec, ExtendCopiesEveryLengthExactly) {
  unsigned char src[70];
  for (unsigned i = 0; i < sizeof src; ++i) src[i] = static_cast<unsigned char>(i + 1);
  for (std::size_t n = 0; n <= sizeof src; ++n) {
    for (std::size_t off = 0; off <= 16; ++off) {
      bare::vec<unsigned char> v;
      // The bytes past the copy are 0xAB (the vec's spare capacity keeps them after
      // truncate): none may change.
      ASSERT_TRUE(v.try_resize(off + n + 32, 0xAB));
      for (std::size_t i = 0; i < off; ++i) v[i] = 0xEE;
      v.truncate(off);
      ASSERT_TRUE(v.try_extend_from(std::span<const unsigned char>(src, n)));
      ASSERT_EQ(v.size(), off + n);
      const unsigned char* d = v.data();
      for (std::size_t i = 0; i < off; ++i) ASSERT_EQ(d[i], 0xEE) << "n " << n << " off " << off;
      for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(d[off + i], src[i]) << "n " << n << " off " << off << " i " << i;
      for (std::size_t i = off + n; i < off + n + 32; ++i) ASSERT_EQ(d[i], 0xAB) << "n " << n << " off " << off;
    }
  }
}

TEST(Vec, DeallocateGetsTheAllocatedLayout) {
  recording rec;
  {
    bare::vec<over_aligned, recording_ref> v(rec);
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(v.try_emplace_back(i));  // moves to new blocks
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(v.try_push_back(over_aligned(i)));  // grows in place
    ASSERT_TRUE(v.try_shrink_to_fit());
  }
  // Every block handed back with the layout it had (after grows: the grown size).
  std::map<void*, bare::layout> live;
  for (const auto& c : rec.calls) {
    switch (c.what) {
      case kind::allocate:
        live[c.result] = c.l;
        break;
      case kind::grow:
      case kind::shrink:
        ASSERT_EQ(live.count(c.ptr), 1u);
        EXPECT_EQ(live[c.ptr], c.l);
        live.erase(c.ptr);
        live[c.result] = bare::layout{c.new_size, c.l.align};
        break;
      case kind::deallocate:
        ASSERT_EQ(live.count(c.ptr), 1u);
        EXPECT_EQ(live[c.ptr], c.l);
        live.erase(c.ptr);
        break;
    }
  }
  EXPECT_TRUE(live.empty());
  EXPECT_EQ(rec.live, 0);
}

TEST(Vec, StatefulAllocatorIsStoredMovedAndSwapped) {
  recording r1, r2;
  {
    bare::vec<int, recording_ref> a(r1), b(r2);
    ASSERT_TRUE(a.try_push_back(1));
    ASSERT_TRUE(b.try_push_back(2));
    EXPECT_EQ(&a.allocator().get(), &r1);
    a.swap(b);
    EXPECT_EQ(&a.allocator().get(), &r2);
    EXPECT_EQ(a[0], 2);
    bare::vec<int, recording_ref> c = std::move(a);
    EXPECT_EQ(&c.allocator().get(), &r2);
    auto d = c.try_clone();
    ASSERT_TRUE(d);
    EXPECT_EQ(&d->allocator().get(), &r2);  // the clone uses a copy of the allocator
    auto e = c.try_split_off(0);
    ASSERT_TRUE(e);
    EXPECT_EQ(&e->allocator().get(), &r2);
  }
  EXPECT_EQ(r1.live, 0);
  EXPECT_EQ(r2.live, 0);
  EXPECT_EQ(r1.count(kind::allocate), 1u);
  EXPECT_EQ(r2.count(kind::allocate), 3u);
}

TEST(Vec, ErrorKinds) {
  bare::vec<long, always_fails> v;
  auto oom = v.try_reserve_exact(3);
  ASSERT_FALSE(oom);
  EXPECT_EQ(oom.error().kind, bare::alloc_errc::out_of_memory);
  EXPECT_EQ(oom.error().request, (bare::layout{3 * sizeof(long), alignof(long)}));
  auto over = v.try_reserve(SIZE_MAX);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().kind, bare::alloc_errc::capacity_overflow);
  EXPECT_EQ(over.error().request, (bare::layout{SIZE_MAX, alignof(long)}));
  // An allocator that says "full" (a budget) is reported as full.
  bare::budget<bare::malloc_allocator> b(64);
  bare::vec<long, bare::by_ref<bare::budget<bare::malloc_allocator>>> w(b);
  ASSERT_TRUE(w.try_reserve_exact(8));
  auto full = w.try_push_back(1);
  ASSERT_TRUE(full);
  for (int i = 0; i < 7; ++i) ASSERT_TRUE(w.try_push_back(i));
  auto over_budget = w.try_push_back(9);
  ASSERT_FALSE(over_budget);
  EXPECT_EQ(over_budget.error().kind, bare::alloc_errc::full);
  EXPECT_EQ(w.size(), 8u);
}

TEST(Vec, ByteElementsAndHugeRequests) {
  bare::vec<char> v;
  ASSERT_TRUE(v.try_push_back('x'));
  EXPECT_EQ(v.capacity(), 8u);
  auto r = v.try_reserve(static_cast<std::size_t>(PTRDIFF_MAX));  // 1 + PTRDIFF_MAX bytes
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, bare::alloc_errc::capacity_overflow);
  auto w = bare::vec<char>::try_with_capacity(static_cast<std::size_t>(PTRDIFF_MAX) + 1);
  ASSERT_FALSE(w);
  EXPECT_EQ(w.error().kind, bare::alloc_errc::capacity_overflow);
  EXPECT_EQ(bare::vec<char>::max_size(), static_cast<std::size_t>(PTRDIFF_MAX));
  EXPECT_EQ(bare::vec<over_aligned>::max_size(), static_cast<std::size_t>(PTRDIFF_MAX) / 64);
}

TEST(Vec, NestedVecsCloneDeeply) {
  bare::vec<bare::vec<int>> outer;
  for (int i = 0; i < 4; ++i) {
    bare::vec<int> in;
    for (int j = 0; j <= i; ++j) ASSERT_TRUE(in.try_push_back(j));
    ASSERT_TRUE(outer.try_push_back(std::move(in)));
  }
  ASSERT_TRUE(outer.try_emplace_back());  // an empty inner vec
  const auto before = global_heap_stats();
  auto c = outer.try_clone();
  ASSERT_TRUE(c);
  EXPECT_EQ(global_allocations_since(before), 5u);  // outer + four non-empty inners
  EXPECT_TRUE(*c == outer);
  EXPECT_NE((*c)[3].data(), outer[3].data());
  ASSERT_TRUE(outer[0].try_push_back(9));
  EXPECT_FALSE(*c == outer);
  // Nested vecs of the global allocator are trivially relocatable: the outer one grows in place.
  ASSERT_TRUE(outer.try_resize(40));
  EXPECT_EQ(outer[2].size(), 3u);
  auto d = outer.try_split_off(1);
  ASSERT_TRUE(d);
  ASSERT_TRUE(outer.try_append(*d));
  EXPECT_EQ(outer.size(), 40u);
  EXPECT_EQ(outer[3][3], 3);
  ASSERT_TRUE(outer.try_assign_from(c->as_span()));
  EXPECT_TRUE(outer == *c);
  ASSERT_TRUE(outer.try_insert(outer.begin(), std::size_t{2}, outer[3]));  // grows; x is inside
  EXPECT_EQ(values(outer[0]), (ints{0, 1, 2, 3}));
  EXPECT_EQ(values(outer[1]), (ints{0, 1, 2, 3}));
  EXPECT_EQ(values(outer[5]), (ints{0, 1, 2, 3}));
}

TEST(Vec, CountedBalanceThroughMixedOperations) {
  {
    bare::vec<counted> v;
    for (int i = 0; i < 50; ++i) ASSERT_TRUE(v.try_emplace_back(i));
    ASSERT_TRUE(v.try_insert(v.begin() + 10, std::size_t{20}, counted(7)));
    v.erase(v.begin(), v.begin() + 5);
    EXPECT_EQ(counted::live, static_cast<long>(v.size()));
    {
      auto d = v.drain(3, 30);
    }
    EXPECT_EQ(counted::live, static_cast<long>(v.size()));
    for (auto& x : v.extract_if([](counted& c) { return c.value() % 2 == 0; })) (void)x;
    EXPECT_EQ(counted::live, static_cast<long>(v.size()));
  }
  EXPECT_EQ(counted::live, 0);
}

// ---- panics: the caller's line where the API takes a location -----------------------------

class VecDeathTest : public ::testing::Test {
 protected:
  panic_handler_guard g_{exiting_panic_handler};
  bare::vec<int> v_ = make_vec<int>({1, 2, 3});
};

#define EXPECT_PANIC_AT(stmt, msg)                                                                     \
  do {                                                                                                 \
    const unsigned line_ = __LINE__;                                                                   \
    auto call_ = [&] { stmt; };                                                                        \
    EXPECT_EXIT(call_(), ::testing::ExitedWithCode(panic_exit), panic_regex(msg, __FILE__, line_));     \
  } while (0)
#define EXPECT_PANIC(stmt, msg) EXPECT_EXIT(stmt, ::testing::ExitedWithCode(panic_exit), msg)

TEST_F(VecDeathTest, AtOutOfRange) {
  EXPECT_PANIC_AT((void)v_.at(3), "bare::vec::at: index out of range");
  const auto& c = v_;
  EXPECT_PANIC_AT((void)c.at(100), "bare::vec::at: index out of range");
}

TEST_F(VecDeathTest, IndexOutOfRange) {
  EXPECT_PANIC((void)v_[3], "bare::vec: index out of range");
  // The data pointer is read before the check; no pointer is formed from the index.
  EXPECT_PANIC((void)v_[SIZE_MAX], "bare::vec: index out of range");
  EXPECT_PANIC_AT((void)v_.at(SIZE_MAX), "bare::vec::at: index out of range");
  EXPECT_EQ(v_.get(SIZE_MAX), nullptr);
  EXPECT_EQ(v_.get(3), nullptr);
  bare::vec<int> e;
  EXPECT_PANIC((void)e[0], "index out of range");
  EXPECT_PANIC((void)e.front(), "index out of range");
  EXPECT_PANIC((void)e.back(), "bare::vec::back: empty");
}

TEST_F(VecDeathTest, PopBackOnEmpty) {
  bare::vec<int> e;
  EXPECT_PANIC(e.pop_back(), "bare::vec::pop_back: empty");
}

TEST_F(VecDeathTest, RemoveSwapRemoveSplitOffDrainOutOfRange) {
  EXPECT_PANIC_AT((void)v_.remove(3), "bare::vec::remove: index out of range");
  EXPECT_PANIC_AT((void)v_.swap_remove(3), "bare::vec::swap_remove: index out of range");
  EXPECT_PANIC_AT((void)v_.try_split_off(4), "bare::vec::split_off: index out of range");
  EXPECT_PANIC_AT((void)v_.drain(2, 4), "bare::vec::drain: range out of bounds");
  EXPECT_PANIC_AT((void)v_.drain(2, 1), "bare::vec::drain: range out of bounds");
}

TEST_F(VecDeathTest, BadIterators) {
  bare::vec<int> other = make_vec<int>({1});
  EXPECT_PANIC((void)v_.erase(other.begin()), "bare::vec: iterator out of range");
  EXPECT_PANIC((void)v_.erase(v_.end()), "bare::vec::erase: end\\(\\) is not an element");
  EXPECT_PANIC((void)v_.erase(v_.begin() + 2, v_.begin() + 1), "bare::vec::erase: first after last");
  EXPECT_PANIC((void)v_.try_insert(other.begin(), 1), "bare::vec: iterator out of range");
  EXPECT_PANIC((void)v_.try_insert(other.end(), std::size_t{2}, 1), "iterator out of range");
}

TEST_F(VecDeathTest, SetLenBeyondCapacity) {
  EXPECT_PANIC(v_.set_len(4), "bare::vec::set_len: length exceeds capacity");
}

TEST_F(VecDeathTest, InsertSpanFromItself) {
  EXPECT_PANIC((void)v_.try_insert(v_.begin(), v_.as_span()), "source range is inside the vector");
}

#if BARE_OOM_HANDLING
TEST(VecInfallible, CallsTheHandlerOnFailure) {
  alloc_error_handler_guard g(exiting_alloc_error_handler);
  bare::vec<int, always_fails> v;
  EXPECT_EXIT(v.push_back(1), ::testing::ExitedWithCode(alloc_error_exit), "out of memory size=16 align=4;");
  EXPECT_EXIT(v.emplace_back(1), ::testing::ExitedWithCode(alloc_error_exit), "out of memory");
  EXPECT_EXIT(v.insert(v.begin(), 1), ::testing::ExitedWithCode(alloc_error_exit), "out of memory");
  EXPECT_EXIT(v.reserve_exact(3), ::testing::ExitedWithCode(alloc_error_exit), "out of memory size=12 align=4;");
  EXPECT_EXIT(v.resize(3), ::testing::ExitedWithCode(alloc_error_exit), "out of memory");
  EXPECT_EXIT(v.reserve(SIZE_MAX), ::testing::ExitedWithCode(alloc_error_exit), "capacity overflow");
  EXPECT_EXIT((void)(bare::vec<int, always_fails>::with_capacity(1)), ::testing::ExitedWithCode(alloc_error_exit),
              "out of memory size=4 align=4;");
  bare::vec<int> w = make_vec<int>({1, 2});
  global_heap_fail_next(1);
  EXPECT_EXIT((void)w.clone(), ::testing::ExitedWithCode(alloc_error_exit), "out of memory");
  global_heap_fail_next(1);
  EXPECT_EXIT((void)w.split_off(0), ::testing::ExitedWithCode(alloc_error_exit), "out of memory");
  global_heap_fail_next(0);
}

TEST(VecInfallible, MoveOnlyAndAliasing) {
  bare::vec<move_only> v;
  for (int i = 0; i < 5; ++i) v.push_back(move_only(i));
  v.emplace_back(5);
  v.insert(v.begin(), move_only(-1));
  v.emplace(v.begin() + 1, 10);
  EXPECT_EQ(values(v), (ints{-1, 10, 0, 1, 2, 3, 4, 5}));
  v.resize(10);
  EXPECT_EQ(val(v[9]), 0);
  v.push_back(std::move(v[1]));
  EXPECT_EQ(val(v[10]), 10);
  auto tail = v.split_off(8);
  EXPECT_EQ(tail.size(), 3u);
  v.append(tail);
  EXPECT_EQ(v.size(), 11u);
  v.reserve(100);
  v.shrink_to_fit();
  EXPECT_EQ(v.capacity(), 11u);
  bare::vec<int> w{1, 2, 3, 4};
  w.push_back(w[0]);  // full: aliasing
  w.insert(w.begin(), w[4]);
  EXPECT_EQ(values(w), (ints{1, 1, 2, 3, 4, 1}));
}
#endif

// A trivially copyable element without a copy constructor is moved out by pop.
TEST(Vec, PopMovesATriviallyCopyableMoveOnlyValue) {
  bare::vec<trivial_move_only> v;
  ASSERT_TRUE(v.try_push_back(trivial_move_only(1)));
  ASSERT_TRUE(v.try_push_back(trivial_move_only(2)));
  std::optional<trivial_move_only> x = v.pop();
  ASSERT_TRUE(x);
  EXPECT_EQ(x->v, 2);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v.pop()->v, 1);
  EXPECT_FALSE(v.pop());
}

}  // namespace

// A vec with a stateless allocator grows detached (vec_storage.hpp: the out-of-line part gets
// the block by value): a failing growth of push_back, try_reserve and try_reserve_exact leaves
// the vec as it was, and an element of the vec pushed into a full vec is copied before the
// block moves. bare::global here: failures are injected with global_heap_fail_next.
TEST(VecDetachedGrowth, FailureChangesNothingAndAliasingCopiesFirst) {
  static_assert(bare::detail::heap_block<std::uint64_t, bare::global>::grows_detached);
  static_assert(!bare::detail::heap_block<std::uint64_t, bare::testing::failing_ref<>>::grows_detached);
  bare::vec<std::uint64_t> v;
  for (std::uint64_t i = 0; i < 4; ++i) ASSERT_TRUE(v.try_push_back(i * 10));
  ASSERT_EQ(v.size(), v.capacity());
  const std::uint64_t* block = v.data();
  const std::size_t cap = v.capacity();
  global_heap_fail_next(1);
  auto r = v.try_push_back(v[1]);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, bare::alloc_errc::out_of_memory);
  global_heap_fail_next(1);
  EXPECT_FALSE(v.try_reserve(100));
  global_heap_fail_next(1);
  EXPECT_FALSE(v.try_reserve_exact(100));
  global_heap_fail_next(0);
  EXPECT_EQ(v.data(), block);
  EXPECT_EQ(v.capacity(), cap);
  EXPECT_EQ((std::vector<std::uint64_t>(v.begin(), v.end())), (std::vector<std::uint64_t>{0, 10, 20, 30}));
  for (int k = 0; k < 6; ++k) {  // full each time round: every push grows, copying from the old block
    while (v.size() < v.capacity()) ASSERT_TRUE(v.try_push_back(v.size()));
    const std::uint64_t want = v[1];
    ASSERT_TRUE(v.try_push_back(v[1]));
    EXPECT_EQ(v.back(), want);
  }
  EXPECT_EQ(v[0], 0u);
  EXPECT_EQ(v[3], 30u);
}
