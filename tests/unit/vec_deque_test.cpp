// vec_deque<T>: representation size, allocation behaviour (no allocation when empty; grow
// through the allocator's grow for trivially relocatable elements, then the wrapped piece
// fixed in one of two ways; element-by-element moves otherwise), allocator plumbing, error
// kinds, the copying operations, nesting, the precondition panics, and the infallible API
// (compiled out under BARE_NO_GLOBAL_OOM_HANDLING).
#include <gtest/gtest.h>

#include <map>
#include <span>
#include <utility>
#include <vector>

#include "bare/alloc/budget.hpp"
#include "bare/alloc/counting.hpp"
#include "support/death.hpp"
#include "unit/vec_deque_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT
using kind = recording::kind;
using piece_sizes = std::pair<std::size_t, std::size_t>;

static_assert(sizeof(bare::vec_deque<int>) == 4 * sizeof(void*));
static_assert(sizeof(bare::vec_deque<over_aligned>) == 4 * sizeof(void*));
static_assert(sizeof(bare::vec_deque<int, always_fails>) == 4 * sizeof(void*));
static_assert(sizeof(bare::vec_deque<int, recording_ref>) == 5 * sizeof(void*));
static_assert(!std::is_copy_constructible_v<bare::vec_deque<int>>);
static_assert(std::is_nothrow_move_constructible_v<bare::vec_deque<counted>>);
static_assert(bare::is_trivially_relocatable_v<bare::vec_deque<counted>>);

TEST(VecDeque, DefaultNeverAllocates) {
  bare::counting<bare::malloc_allocator> c;
  using A = bare::by_ref<bare::counting<bare::malloc_allocator>>;
  {
    bare::vec_deque<int, A> d(c);
    bare::vec_deque<int, A> w = std::move(d);
    w.clear();
    EXPECT_TRUE(w.try_shrink_to_fit());
    EXPECT_TRUE(w.try_reserve(0));
    EXPECT_TRUE(w.try_reserve_exact(0));
    EXPECT_TRUE(w.try_split_off(0));
    EXPECT_TRUE(w.try_clone());
    EXPECT_TRUE(w.try_resize(0));
    EXPECT_TRUE(w.try_extend_from(std::span<const int>()));
    EXPECT_TRUE(w.into_vec().empty());
  }
  EXPECT_EQ(c.stats().allocations, 0u);
  EXPECT_EQ(c.stats().total_bytes, 0u);
}

// Pushes n elements at alternating ends, then reserves and shrinks; returns the calls seen.
template <class T, class Rec = recording>
std::vector<typename Rec::call> grow_by_pushing(int n) {
  Rec rec;
  {
    bare::vec_deque<T, bare::by_ref<Rec>> d(rec);
    for (int i = 0; i < n; ++i) {
      if (i % 2) {
        EXPECT_TRUE(d.try_push_back(T(i)));
      } else {
        EXPECT_TRUE(d.try_push_front(T(i)));
      }
    }
    ints want;
    for (int i = n - 1; i >= 0; --i)
      if (i % 2 == 0) want.push_back(i);
    for (int i = 0; i < n; ++i)
      if (i % 2) want.push_back(i);
    EXPECT_EQ(values(d), want);
    EXPECT_TRUE(d.try_reserve(1000));
    EXPECT_TRUE(d.try_shrink_to_fit());
    EXPECT_EQ(values(d), want);
    EXPECT_TRUE(d.check());
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

TEST(VecDeque, TriviallyRelocatableGrowsWithTheAllocatorsGrow) {
  for (const auto& calls : {grow_by_pushing<int_box>(100), grow_by_pushing<over_aligned>(100)}) {
    // The first block, and at the end shrink_to_fit: the ring wraps (pushed at both ends), so
    // its elements do not lie in the first size() slots and move to a new block.
    EXPECT_EQ(count(calls, kind::allocate), 2u);
    EXPECT_EQ(count(calls, kind::shrink), 0u);
    EXPECT_GE(count(calls, kind::grow), 6u);  // 4 -> 8 -> ... -> 128, then reserve
    EXPECT_EQ(count(calls, kind::deallocate), 2u);
  }
  for (const auto& c : grow_by_pushing<over_aligned>(20))
    if (c.what != kind::deallocate) {
      EXPECT_EQ(c.l.align, 64u);
    }
}

TEST(VecDeque, NonRelocatableMovesElementByElement) {
  const auto calls = grow_by_pushing<counted>(100);
  EXPECT_EQ(count(calls, kind::grow), 0u);
  EXPECT_EQ(count(calls, kind::shrink), 0u);
  EXPECT_GE(count(calls, kind::allocate), 7u);
  EXPECT_EQ(count(calls, kind::allocate), count(calls, kind::deallocate));
}

TEST(VecDeque, AllocatorWithoutGrowFallsBackToAllocateAndCopy) {
  const auto calls = grow_by_pushing<int_box, basic_recording<false>>(100);
  EXPECT_GE(count(calls, kind::allocate), 7u);
  EXPECT_EQ(count(calls, kind::allocate), count(calls, kind::deallocate));
}

// After an in-place grow a wrapped ring is fixed by moving one piece (Rust's
// handle_capacity_increase): the tail piece when it is shorter and fits behind the old end,
// else the head piece to the end of the new block.
TEST(VecDeque, UnwrapAfterGrowMovesTheRightPiece) {
  recording rec;
  {
    // [4 5 . . . 0 1 2 3] -> grow to 18: the tail {4, 5} is copied behind 3; not wrapped.
    auto d = make_dq<int, recording_ref>(iota(6), 9, 5, rec);
    ASSERT_EQ(pieces(d), (piece_sizes{4, 2}));
    ASSERT_TRUE(d.try_reserve(4));
    EXPECT_EQ(rec.calls.back().what, kind::grow);
    EXPECT_EQ(d.capacity(), 18u);
    EXPECT_EQ(pieces(d), (piece_sizes{6, 0}));
    EXPECT_EQ(values(d), iota(6));
    EXPECT_EQ(&d[0], static_cast<int*>(rec.calls.back().result) + 5);  // head unchanged
  }
  {
    // [2 3 4 5 . . . 0 1] -> grow: the head piece {0, 1} moves to the end; still wrapped.
    auto d = make_dq<int, recording_ref>(iota(6), 9, 7, rec);
    ASSERT_EQ(pieces(d), (piece_sizes{2, 4}));
    ASSERT_TRUE(d.try_reserve(4));
    EXPECT_EQ(d.capacity(), 18u);
    EXPECT_EQ(pieces(d), (piece_sizes{2, 4}));
    EXPECT_EQ(values(d), iota(6));
    EXPECT_EQ(&d[0], static_cast<int*>(rec.calls.back().result) + 16);
  }
  {
    // Tail shorter but the new room too small: the head piece moves.
    // [5 6 . 0 1 2 3 4] with 8 slots -> reserve_exact to 9 slots.
    auto d = make_dq<int, recording_ref>(iota(7), 8, 3, rec);
    ASSERT_EQ(pieces(d), (piece_sizes{5, 2}));
    ASSERT_TRUE(d.try_reserve_exact(2));
    EXPECT_EQ(d.capacity(), 9u);
    EXPECT_EQ(pieces(d), (piece_sizes{5, 2}));
    EXPECT_EQ(values(d), iota(7));
  }
  EXPECT_EQ(rec.live, 0);
}

// resize and extend_from of trivially relocatable elements from outside the deque grow through
// the allocator's grow (as vec); from inside, the copies are made in a new block first.
TEST(VecDeque, BulkAppendsGrowInPlaceWhenTheSourceIsOutside) {
  recording rec;
  auto d = make_dq<int, recording_ref>({1, 2, 3}, 4, 3, rec);
  const std::size_t allocs = rec.count(kind::allocate);
  ASSERT_TRUE(d.try_resize(6));
  const int src[] = {7, 8, 9, 10};
  ASSERT_TRUE(d.try_extend_from(std::span<const int>(src)));
  ASSERT_TRUE(d.try_resize(20, src[0]));
  EXPECT_EQ(rec.count(kind::allocate), allocs);
  EXPECT_EQ(rec.count(kind::grow), 3u);
  ASSERT_TRUE(d.try_resize(d.capacity() + 1, d[0]));  // from inside: a new block
  EXPECT_EQ(rec.count(kind::allocate), allocs + 1);
  ints want{1, 2, 3, 0, 0, 0, 7, 8, 9, 10};
  want.resize(20, 7);
  want.resize(d.size(), 1);
  EXPECT_EQ(values(d), want);
}

TEST(VecDeque, ShrinkInPlaceWhenTheElementsFitTheSmallerBlock) {
  recording rec;
  auto d = make_dq<int, recording_ref>({1, 2, 3}, 16, 2, rec);
  ASSERT_TRUE(d.try_shrink_to(6));  // slots 2..4 are inside the first 6: the allocator's shrink
  EXPECT_EQ(rec.calls.back().what, kind::shrink);
  EXPECT_EQ(d.capacity(), 6u);
  EXPECT_EQ(&d[0], static_cast<int*>(rec.calls.back().result) + 2);
  ASSERT_TRUE(d.try_shrink_to_fit());  // slots 2..4 are not inside the first 3: a new block
  EXPECT_EQ(rec.calls.back().what, kind::deallocate);
  EXPECT_EQ(d.capacity(), 3u);
  EXPECT_EQ(values(d), (ints{1, 2, 3}));
  d.clear();
  ASSERT_TRUE(d.try_shrink_to_fit());  // frees the block
  EXPECT_EQ(d.capacity(), 0u);
  EXPECT_EQ(rec.live, 0);
  EXPECT_TRUE(d.check());
}

TEST(VecDeque, DeallocateGetsTheAllocatedLayout) {
  recording rec;
  {
    bare::vec_deque<over_aligned, recording_ref> d(rec);
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(d.try_emplace_front(i));  // new blocks
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(d.try_push_back(over_aligned(i)));  // grows
    ASSERT_TRUE(d.try_shrink_to_fit());
    ASSERT_TRUE(d.try_reserve_exact(7));
    auto tail = d.try_split_off(3);
    ASSERT_TRUE(tail);
  }
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

TEST(VecDeque, StatefulAllocatorIsStoredMovedAndSwapped) {
  recording r1, r2;
  {
    bare::vec_deque<int, recording_ref> a(r1), b(r2);
    ASSERT_TRUE(a.try_push_back(1));
    ASSERT_TRUE(b.try_push_front(2));
    EXPECT_EQ(&a.allocator().get(), &r1);
    a.swap(b);
    EXPECT_EQ(&a.allocator().get(), &r2);
    EXPECT_EQ(a[0], 2);
    bare::vec_deque<int, recording_ref> c = std::move(a);
    EXPECT_EQ(&c.allocator().get(), &r2);
    auto d = c.try_clone();
    ASSERT_TRUE(d);
    EXPECT_EQ(&d->allocator().get(), &r2);
    auto e = c.try_split_off(0);
    ASSERT_TRUE(e);
    EXPECT_EQ(&e->allocator().get(), &r2);
    bare::vec<int, recording_ref> v = e->into_vec();  // the allocator goes with the block
    EXPECT_EQ(&v.allocator().get(), &r2);
    bare::vec_deque<int, recording_ref> back(std::move(v));
    EXPECT_EQ(&back.allocator().get(), &r2);
    EXPECT_EQ(values(back), (ints{2}));
  }
  EXPECT_EQ(r1.live, 0);
  EXPECT_EQ(r2.live, 0);
  EXPECT_EQ(r1.count(kind::allocate), 1u);
  EXPECT_EQ(r2.count(kind::allocate), 3u);
}

TEST(VecDeque, ErrorKinds) {
  bare::vec_deque<long, always_fails> d;
  auto oom = d.try_reserve_exact(3);
  ASSERT_FALSE(oom);
  EXPECT_EQ(oom.error().kind, bare::alloc_errc::out_of_memory);
  EXPECT_EQ(oom.error().request, (bare::layout{3 * sizeof(long), alignof(long)}));
  auto over = d.try_reserve(SIZE_MAX);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().kind, bare::alloc_errc::capacity_overflow);
  EXPECT_EQ(over.error().request, (bare::layout{SIZE_MAX, alignof(long)}));
  bare::budget<bare::malloc_allocator> b(64);
  bare::vec_deque<long, bare::by_ref<bare::budget<bare::malloc_allocator>>> w(b);
  ASSERT_TRUE(w.try_reserve_exact(8));
  for (int i = 0; i < 8; ++i) ASSERT_TRUE(w.try_push_front(i));
  auto over_budget = w.try_push_front(9);
  ASSERT_FALSE(over_budget);
  EXPECT_EQ(over_budget.error().kind, bare::alloc_errc::full);
  EXPECT_EQ(w.size(), 8u);
}

// ---- copying operations (copyable element types) ------------------------------------------

template <class T>
class VecDequeCopyTest : public ::testing::Test {};
using copyable_types = ::testing::Types<int, counted, over_aligned>;
TYPED_TEST_SUITE(VecDequeCopyTest, copyable_types);

TYPED_TEST(VecDequeCopyTest, TryFromAndTryClone) {
  using T = TypeParam;
  std::vector<T> src;
  for (int i = 0; i < 4; ++i) src.push_back(mk<T>(i));
  auto r = bare::vec_deque<T>::try_from(std::span<const T>(src));
  ASSERT_TRUE(r);
  EXPECT_EQ(values(*r), iota(4));
  EXPECT_EQ(r->capacity(), 4u);
  for_each_layout(5, 0, 2, [](std::size_t cap, std::size_t head) {
    auto d = make_dq<T>({1, 2, 3, 4, 5}, cap, head);
    auto c = d.try_clone();
    ASSERT_TRUE(c);
    EXPECT_TRUE(*c == d);
    EXPECT_EQ(c->capacity(), 5u);
    EXPECT_EQ(pieces(*c), (piece_sizes{5, 0}));
    (*c)[0] = mk<T>(9);
    EXPECT_EQ(val(d[0]), 1);
  });
  const auto before = global_heap_stats();
  auto e = bare::vec_deque<T>().try_clone();
  ASSERT_TRUE(e);
  EXPECT_EQ(dq_allocations_since(before), 0u);
}

TYPED_TEST(VecDequeCopyTest, CopiesOfOwnElements) {
  using T = TypeParam;
  for (std::size_t cap : {4u, 9u}) {
    auto d = make_dq<T>({1, 2, 3, 4}, cap, 3);
    ASSERT_TRUE(d.try_push_back(d[0]));
    ASSERT_TRUE(d.try_push_front(d[4]));
    ASSERT_TRUE(d.try_insert(2, d[5]));
    ASSERT_TRUE(d.try_resize(9, d[1]));
    EXPECT_EQ(values(d), (ints{1, 1, 1, 2, 3, 4, 1, 1, 1}));
    ASSERT_GE(d.as_slices().first.size(), 2u);
    ASSERT_TRUE(d.try_extend_from(d.as_slices().first.first(2)));  // a part of itself
    EXPECT_EQ(values(d), (ints{1, 1, 1, 2, 3, 4, 1, 1, 1, 1, 1}));
    EXPECT_TRUE(d.check());
  }
}

TYPED_TEST(VecDequeCopyTest, TryExtendFromSpanInEveryLayout) {
  using T = TypeParam;
  std::vector<T> src;
  for (int i = 10; i < 13; ++i) src.push_back(mk<T>(i));
  for_each_layout(3, 0, 4, [&](std::size_t cap, std::size_t head) {
    auto d = make_dq<T>({1, 2, 3}, cap, head);
    ASSERT_TRUE(d.try_extend_from(std::span<const T>(src)));
    EXPECT_EQ(values(d), (ints{1, 2, 3, 10, 11, 12}));
    if (cap >= 6) {
      EXPECT_EQ(d.capacity(), cap);
    }
    ASSERT_TRUE(d.try_resize(8, mk<T>(7)));
    EXPECT_EQ(values(d), (ints{1, 2, 3, 10, 11, 12, 7, 7}));
  });
}

// ---- nesting: element clones that allocate -------------------------------------------------

TEST(VecDeque, NestedDequesCloneDeeply) {
  bare::vec_deque<bare::vec_deque<int>> outer;
  for (int i = 0; i < 4; ++i) {
    bare::vec_deque<int> in;
    for (int j = 0; j <= i; ++j) ASSERT_TRUE(in.try_push_front(j));
    ASSERT_TRUE(outer.try_push_front(std::move(in)));
  }
  ASSERT_TRUE(outer.try_emplace_back());  // an empty inner deque
  const auto before = global_heap_stats();
  auto c = outer.try_clone();
  ASSERT_TRUE(c);
  EXPECT_EQ(dq_allocations_since(before), 5u);  // outer + four non-empty inners
  EXPECT_TRUE(*c == outer);
  EXPECT_NE(&(*c)[0][0], &outer[0][0]);
  ASSERT_TRUE(outer[0].try_push_back(9));
  EXPECT_FALSE(*c == outer);
  // Nested deques of the global allocator are trivially relocatable: grown in place.
  ASSERT_TRUE(outer.try_resize(40));
  EXPECT_EQ(values(outer[1]), (ints{2, 1, 0}));
  auto d = outer.try_split_off(1);
  ASSERT_TRUE(d);
  ASSERT_TRUE(outer.try_append(*d));
  EXPECT_EQ(outer.size(), 40u);
  ASSERT_TRUE(outer.try_resize(42, outer[1]));  // copies of an element, cloned through try_clone
  EXPECT_EQ(values(outer[41]), (ints{2, 1, 0}));
  EXPECT_EQ(values(outer[40]), (ints{2, 1, 0}));
}

TEST(VecDeque, CountedBalanceThroughMixedOperations) {
  {
    bare::vec_deque<counted> d;
    for (int i = 0; i < 50; ++i) ASSERT_TRUE(i % 2 ? d.try_emplace_back(i) : d.try_emplace_front(i));
    d.erase(d.begin() + 3, d.begin() + 9);
    EXPECT_EQ(counted::live, static_cast<long>(d.size()));
    {
      auto dr = d.drain(3, 30);
    }
    EXPECT_EQ(counted::live, static_cast<long>(d.size()));
    d.rotate_left(5);
    (void)d.make_contiguous();
    d.retain([](const counted& c) { return c.value() % 3 != 0; });
    EXPECT_EQ(counted::live, static_cast<long>(d.size()));
    (void)d.pop_front();
    (void)d.swap_remove_front(2);
    EXPECT_EQ(counted::live, static_cast<long>(d.size()));
  }
  EXPECT_EQ(counted::live, 0);
}

// A type only move-constructible (no assignment): every operation relocates by construction.
struct construct_only {
  int v;
  explicit construct_only(int x) : v(x) {}
  construct_only(construct_only&& o) noexcept : v(o.v) { o.v = -1; }
  construct_only& operator=(construct_only&&) = delete;
  ~construct_only() {}
  int value() const { return v; }
};

TEST(VecDeque, ElementsNeedOnlyAMoveConstructor) {
  // 11 slots, 9 elements from slot 6: the free room (2) is smaller than both pieces (5, 4),
  // so make_contiguous rotates in place (swaps by relocation).
  auto d = make_dq<construct_only>(iota(9), 11, 6);
  ASSERT_EQ(pieces(d), (piece_sizes{5, 4}));
  (void)d.make_contiguous();
  EXPECT_EQ(values(d), iota(9));
  EXPECT_EQ(pieces(d), (piece_sizes{9, 0}));
  ASSERT_TRUE(d.try_insert(4, construct_only(40)));
  (void)d.remove(2);
  d.rotate_left(3);
  ASSERT_TRUE(d.try_push_front(construct_only(-5)));
  ASSERT_TRUE(d.try_push_back(construct_only(50)));  // full: grows
  EXPECT_EQ(values(d), (ints{-5, 40, 4, 5, 6, 7, 8, 0, 1, 3, 50}));
  auto e = make_dq<construct_only>(iota(9), 11, 3);
  ASSERT_TRUE(e.try_reserve(5));
  EXPECT_EQ(values(e), iota(9));
  EXPECT_TRUE(d.check() && e.check());
}

// ---- panics -------------------------------------------------------------------------------

class VecDequeDeathTest : public ::testing::Test {
 protected:
  panic_handler_guard g_{exiting_panic_handler};
  bare::vec_deque<int> d_ = make_dq<int>({1, 2, 3}, 4, 2);
};

#define EXPECT_PANIC_AT(stmt, msg)                                                                     \
  do {                                                                                                 \
    const unsigned line_ = __LINE__;                                                                   \
    auto call_ = [&] { stmt; };                                                                        \
    EXPECT_EXIT(call_(), ::testing::ExitedWithCode(panic_exit), panic_regex(msg, __FILE__, line_));     \
  } while (0)
#define EXPECT_PANIC(stmt, msg) EXPECT_EXIT(stmt, ::testing::ExitedWithCode(panic_exit), msg)

TEST_F(VecDequeDeathTest, AtOutOfRange) {
  EXPECT_PANIC_AT((void)d_.at(3), "bare::vec_deque::at: index out of range");
  const auto& c = d_;
  EXPECT_PANIC_AT((void)c.at(100), "bare::vec_deque::at: index out of range");
}

TEST_F(VecDequeDeathTest, IndexAndEndsOnEmpty) {
  EXPECT_PANIC((void)d_[3], "bare::vec_deque: index out of range");
  // d_ is wrapped (head 2 of 4): head + SIZE_MAX overflows in the slot computation, which
  // runs before the check (unsigned arithmetic only); the check still panics.
  EXPECT_PANIC((void)d_[SIZE_MAX], "bare::vec_deque: index out of range");
  EXPECT_PANIC_AT((void)d_.at(SIZE_MAX - 1), "bare::vec_deque::at: index out of range");
  EXPECT_EQ(d_.get(SIZE_MAX - 1), nullptr);
  bare::vec_deque<int> e;
  EXPECT_PANIC((void)e[0], "index out of range");
  EXPECT_PANIC((void)e.front(), "bare::vec_deque::front: empty");
  EXPECT_PANIC((void)e.back(), "bare::vec_deque::back: empty");
}

TEST_F(VecDequeDeathTest, RangesOutOfBounds) {
  EXPECT_PANIC_AT((void)d_.drain(2, 4), "bare::vec_deque::drain: range out of bounds");
  EXPECT_PANIC_AT((void)d_.drain(2, 1), "bare::vec_deque::drain: range out of bounds");
  EXPECT_PANIC_AT((void)d_.range(0, 4), "bare::vec_deque::range: range out of bounds");
  EXPECT_PANIC_AT((void)d_.range(3, 2), "bare::vec_deque::range: range out of bounds");
  EXPECT_PANIC_AT((void)d_.try_split_off(4), "bare::vec_deque::split_off: index out of range");
  EXPECT_PANIC_AT(d_.rotate_left(4), "bare::vec_deque::rotate_left: n exceeds size");
  EXPECT_PANIC_AT(d_.rotate_right(4), "bare::vec_deque::rotate_right: n exceeds size");
  EXPECT_PANIC((void)d_.range(0, 2)[2], "bare::vec_deque::range: index out of range");
}

TEST_F(VecDequeDeathTest, BadIndicesAndIterators) {
  bare::vec_deque<int> other = make_dq<int>({1});
  EXPECT_PANIC((void)d_.try_insert(4, 1), "bare::vec_deque::insert: index out of range");
  EXPECT_PANIC((void)d_.erase(other.begin()), "bare::vec_deque: iterator out of range");
  EXPECT_PANIC((void)d_.erase(d_.end()), "bare::vec_deque::erase: end\\(\\) is not an element");
  EXPECT_PANIC((void)d_.erase(d_.begin() + 2, d_.begin() + 1), "bare::vec_deque::erase: first after last");
  EXPECT_PANIC((void)d_.try_insert(other.cbegin(), 1), "bare::vec_deque: iterator out of range");
  EXPECT_PANIC((void)d_.erase(d_.begin() + 4), "bare::vec_deque: iterator out of range");
}

// ---- the infallible API -------------------------------------------------------------------

#if BARE_OOM_HANDLING
TEST(VecDequeInfallible, CallsTheHandlerOnFailure) {
  alloc_error_handler_guard g(exiting_alloc_error_handler);
  bare::vec_deque<int, always_fails> d;
  EXPECT_EXIT(d.push_back(1), ::testing::ExitedWithCode(alloc_error_exit), "out of memory size=16 align=4;");
  EXPECT_EXIT(d.push_front(1), ::testing::ExitedWithCode(alloc_error_exit), "out of memory size=16 align=4;");
  EXPECT_EXIT(d.emplace_back(1), ::testing::ExitedWithCode(alloc_error_exit), "out of memory");
  EXPECT_EXIT(d.emplace_front(1), ::testing::ExitedWithCode(alloc_error_exit), "out of memory");
  EXPECT_EXIT(d.insert(0, 1), ::testing::ExitedWithCode(alloc_error_exit), "out of memory");
  EXPECT_EXIT(d.insert(d.cbegin(), 1), ::testing::ExitedWithCode(alloc_error_exit), "out of memory");
  EXPECT_EXIT(d.reserve_exact(3), ::testing::ExitedWithCode(alloc_error_exit), "out of memory size=12 align=4;");
  EXPECT_EXIT(d.resize(3), ::testing::ExitedWithCode(alloc_error_exit), "out of memory");
  EXPECT_EXIT(d.reserve(SIZE_MAX), ::testing::ExitedWithCode(alloc_error_exit), "capacity overflow");
  EXPECT_EXIT((void)(bare::vec_deque<int, always_fails>::with_capacity(1)),
              ::testing::ExitedWithCode(alloc_error_exit), "out of memory size=4 align=4;");
  bare::vec_deque<int> w = make_dq<int>({1, 2});
  bare::vec_deque<int> wrapped = make_dq<int>({1, 2}, 6, 5);
  global_heap_fail_next(1);
  EXPECT_EXIT((void)w.clone(), ::testing::ExitedWithCode(alloc_error_exit), "out of memory");
  global_heap_fail_next(1);
  EXPECT_EXIT((void)w.split_off(0), ::testing::ExitedWithCode(alloc_error_exit), "out of memory");
  global_heap_fail_next(1);
  EXPECT_EXIT(wrapped.shrink_to_fit(), ::testing::ExitedWithCode(alloc_error_exit), "out of memory");
  global_heap_fail_next(0);
}

TEST(VecDequeInfallible, EveryOperation) {
  bare::vec_deque<int> d{1, 2, 3, 4};
  EXPECT_EQ(d.capacity(), 4u);
  d.push_front(0);
  d.push_back(5);
  d.emplace_front(-1);
  d.emplace_back(6);
  EXPECT_EQ(values(d), (ints{-1, 0, 1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(d.insert(3, 9), 9);
  EXPECT_EQ(*d.insert(d.cbegin() + 1, 8), 8);
  EXPECT_EQ(d.emplace(2, 7), 7);
  EXPECT_EQ(values(d), (ints{-1, 8, 7, 0, 1, 9, 2, 3, 4, 5, 6}));
  d.push_back(d[2]);   // aliasing
  d.push_front(d[1]);  // aliasing
  EXPECT_EQ(d.front(), 8);
  EXPECT_EQ(d.back(), 7);
  EXPECT_EQ(d.size(), 13u);
  d.resize(20);
  EXPECT_EQ(d[19], 0);
  d.resize(22, 5);
  EXPECT_EQ(d[21], 5);
  auto tail = d.split_off(13);
  EXPECT_EQ(tail.size(), 9u);
  d.append(tail);
  EXPECT_EQ(d.size(), 22u);
  const int more[] = {1, 2};
  d.extend_from(std::span<const int>(more));
  std::vector<int> src{3, 4};
  d.extend_from(src.begin(), src.end());
  EXPECT_EQ(d.size(), 26u);
  auto c = d.clone();
  EXPECT_TRUE(c == d);
  d.reserve(100);
  EXPECT_GE(d.capacity(), 126u);
  d.reserve_exact(200);
  d.shrink_to(30);
  EXPECT_EQ(d.capacity(), 30u);
  d.shrink_to_fit();
  EXPECT_EQ(d.capacity(), 26u);
  auto w = bare::vec_deque<int>::with_capacity(3);
  EXPECT_EQ(w.capacity(), 3u);
  auto f = bare::vec_deque<int>::from(std::span<const int>(more));
  EXPECT_EQ(values(f), (ints{1, 2}));
  bare::vec_deque<move_only> m;
  for (int i = 0; i < 5; ++i) m.push_front(move_only(i));
  m.emplace_back(10);
  m.push_back(std::move(m[0]));
  EXPECT_EQ(values(m), (ints{moved_from, 3, 2, 1, 0, 10, 4}));
}
#endif

// A trivially copyable element without a copy constructor is moved out by every pop.
TEST(VecDeque, PopsMoveATriviallyCopyableMoveOnlyValue) {
  bare::vec_deque<trivial_move_only> d;
  for (int i = 0; i < 6; ++i) ASSERT_TRUE(d.try_push_back(trivial_move_only(i)));
  EXPECT_EQ(d.pop_front()->v, 0);
  EXPECT_EQ(d.pop_back()->v, 5);
  EXPECT_EQ(d.remove(1)->v, 2);               // 1 3 4 left
  EXPECT_EQ(d.swap_remove_front(2)->v, 4);    // 3 1
  EXPECT_EQ(d.swap_remove_back(0)->v, 3);     // 1
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].v, 1);
  EXPECT_FALSE(d.remove(1));
}

}  // namespace

// The detached growth of a vec_deque with a stateless allocator (ring_storage.hpp): on a
// wrapped full ring, a failing push at either end leaves it as it was; an element of the ring
// pushed into a full ring is copied before the block moves; the ring unwraps correctly.
TEST(VecDequeDetachedGrowth, FailureChangesNothingAndAliasingCopiesFirst) {
  static_assert(bare::detail::heap_block<std::uint64_t, bare::global>::grows_detached);
  bare::vec_deque<std::uint64_t> d;
  for (std::uint64_t i = 0; i < 4; ++i) ASSERT_TRUE(d.try_push_back(i));
  ASSERT_EQ(d.size(), d.capacity());
  (void)d.pop_front();
  (void)d.pop_front();
  ASSERT_TRUE(d.try_push_back(4));
  ASSERT_TRUE(d.try_push_back(5));  // full and wrapped: 2 3 | 4 5
  ASSERT_EQ(d.size(), d.capacity());
  ASSERT_EQ(d.as_slices().second.size(), 2u);
  const std::size_t cap = d.capacity();
  global_heap_fail_next(1);
  EXPECT_FALSE(d.try_push_back(d[0]));
  global_heap_fail_next(1);
  EXPECT_FALSE(d.try_push_front(d[3]));
  global_heap_fail_next(1);
  EXPECT_FALSE(d.try_reserve(50));
  global_heap_fail_next(0);
  EXPECT_EQ(d.capacity(), cap);
  EXPECT_EQ((std::vector<std::uint64_t>(d.begin(), d.end())), (std::vector<std::uint64_t>{2, 3, 4, 5}));
  ASSERT_TRUE(d.try_push_back(d[0]));   // grows: 2 3 4 5 2
  ASSERT_TRUE(d.try_push_front(d[3]));  // 5 2 3 4 5 2
  for (std::uint64_t i = 0; i < 20; ++i) {
    ASSERT_TRUE(d.try_push_back(d[i % d.size()]));
    (void)d.pop_front();
    ASSERT_TRUE(d.try_push_front(d.back()));
  }
  std::vector<std::uint64_t> model{5, 2, 3, 4, 5, 2};
  for (std::size_t i = 0; i < 20; ++i) {
    model.push_back(model[i % model.size()]);
    model.erase(model.begin());
    model.insert(model.begin(), model.back());
  }
  EXPECT_EQ((std::vector<std::uint64_t>(d.begin(), d.end())), model);
}
