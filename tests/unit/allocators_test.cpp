// The shipped allocators and allocator plumbing: bare::global (the program's hooks), by_ref,
// counting, bump_allocator, malloc_allocator, and bare::testing::failing.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/bump.hpp"
#include "bare/alloc/counting.hpp"
#include "bare/alloc/global.hpp"
#include "bare/alloc/malloc.hpp"
#include "bare/testing/failing.hpp"
#include "bare/vec.hpp"
#include "support/heap.hpp"

namespace {

using bare::layout;

bool aligned(const void* p, std::size_t a) { return reinterpret_cast<std::uintptr_t>(p) % a == 0; }

void fill(void* p, std::size_t n, unsigned char seed) {
  auto* b = static_cast<unsigned char*>(p);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<unsigned char>(seed + i);
}
bool filled(const void* p, std::size_t n, unsigned char seed) {
  const auto* b = static_cast<const unsigned char*>(p);
  for (std::size_t i = 0; i < n; ++i)
    if (b[i] != static_cast<unsigned char>(seed + i)) return false;
  return true;
}

// ---- concepts -------------------------------------------------------------------------------

static_assert(bare::allocator<bare::global>);
static_assert(bare::allocator_with_grow<bare::global> && bare::allocator_with_shrink<bare::global>);
static_assert(bare::allocator<bare::malloc_allocator> && bare::allocator_with_grow<bare::malloc_allocator>);
static_assert(bare::allocator<bare_test::always_fails> && !bare::allocator_with_grow<bare_test::always_fails>);
static_assert(bare::allocator_with_grow<bare::by_ref<bare::bump_allocator>>);
static_assert(!bare::allocator_with_grow<bare::by_ref<bare_test::always_fails>>);
static_assert(!bare::allocator_with_grow<bare::by_ref<bare_test::basic_recording<false>>>);
static_assert(bare::allocator_with_failure_kind<bare::counting<bare::global>>);
static_assert(std::is_empty_v<bare::global> && std::is_empty_v<bare::malloc_allocator>);
static_assert(sizeof(bare::by_ref<bare::bump_allocator>) == sizeof(void*));

// ---- bare::global ---------------------------------------------------------------------------

TEST(GlobalAllocator, ForwardsToTheProgramsHooks) {
  const auto before = bare_test::global_heap_stats();
  bare::global g;
  void* p = g.allocate(layout{24, 8});
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(aligned(p, 8));
  fill(p, 24, 1);
  auto mid = bare_test::global_heap_stats();
  EXPECT_EQ(mid.allocations, before.allocations + 1);
  EXPECT_EQ(mid.live_blocks, before.live_blocks + 1);
  EXPECT_EQ(mid.live_bytes, before.live_bytes + 24);

  void* q = g.grow(p, layout{24, 8}, 4000);
  ASSERT_NE(q, nullptr);
  EXPECT_TRUE(filled(q, 24, 1));
  void* r = g.shrink(q, layout{4000, 8}, 10);
  ASSERT_NE(r, nullptr);
  EXPECT_TRUE(filled(r, 10, 1));
  mid = bare_test::global_heap_stats();
  EXPECT_EQ(mid.resizes, before.resizes + 2);
  EXPECT_EQ(mid.live_bytes, before.live_bytes + 10);

  g.deallocate(r, layout{10, 8});
  const auto after = bare_test::global_heap_stats();
  EXPECT_EQ(after.live_blocks, before.live_blocks);
  EXPECT_EQ(after.deallocations, before.deallocations + 1);
  EXPECT_TRUE(bare::global{} == bare::global{});
}

TEST(GlobalAllocator, FailureIsNull) {
  bare::global g;
  bare_test::global_heap_fail_next(1);
  EXPECT_EQ(g.allocate(layout{8, 8}), nullptr);
  void* p = g.allocate(layout{8, 8});
  ASSERT_NE(p, nullptr);
  fill(p, 8, 3);
  bare_test::global_heap_fail_next(1);
  EXPECT_EQ(g.grow(p, layout{8, 8}, 64), nullptr);
  EXPECT_TRUE(filled(p, 8, 3));  // untouched on failure
  g.deallocate(p, layout{8, 8});
}

TEST(GlobalAllocator, OverAligned) {
  bare::global g;
  for (std::size_t a : {32u, 64u, 256u, 4096u}) {
    void* p = g.allocate(layout{100, a});
    ASSERT_NE(p, nullptr);
    EXPECT_TRUE(aligned(p, a)) << a;
    fill(p, 100, 7);
    void* q = g.grow(p, layout{100, a}, 5000);
    ASSERT_NE(q, nullptr);
    EXPECT_TRUE(aligned(q, a)) << a;
    EXPECT_TRUE(filled(q, 100, 7));
    g.deallocate(q, layout{5000, a});
  }
}

// ---- malloc_allocator -----------------------------------------------------------------------

TEST(MallocAllocator, AllocateGrowShrink) {
  bare::malloc_allocator m;
  void* p = m.allocate(layout{16, 16});
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(aligned(p, 16));
  fill(p, 16, 9);
  p = m.grow(p, layout{16, 16}, 1 << 20);
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(filled(p, 16, 9));
  p = m.shrink(p, layout{1 << 20, 16}, 8);
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(filled(p, 8, 9));
  m.deallocate(p, layout{8, 16});
}

TEST(MallocAllocator, Alignment4096) {
  bare::malloc_allocator m;
  void* p = m.allocate(layout{10, 4096});  // size is not a multiple of the alignment
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(aligned(p, 4096));
  fill(p, 10, 5);
  void* q = m.grow(p, layout{10, 4096}, 9000);
  ASSERT_NE(q, nullptr);
  EXPECT_TRUE(aligned(q, 4096));
  EXPECT_TRUE(filled(q, 10, 5));
  fill(q, 9000, 6);
  void* r = m.shrink(q, layout{9000, 4096}, 100);
  ASSERT_NE(r, nullptr);
  EXPECT_TRUE(aligned(r, 4096));
  EXPECT_TRUE(filled(r, 100, 6));
  m.deallocate(r, layout{100, 4096});
}

TEST(MallocAllocator, ImpossibleRequestIsNull) {
  bare::malloc_allocator m;
  EXPECT_EQ(m.allocate(layout{SIZE_MAX - 10, 4096}), nullptr);  // rounding up would wrap
}

// ---- by_ref ---------------------------------------------------------------------------------

TEST(ByRef, ForwardsToTheReferencedAllocator) {
  bare_test::recording rec;
  bare::by_ref<bare_test::recording> r(rec);
  EXPECT_EQ(&r.get(), &rec);
  void* p = r.allocate(layout{8, 8});
  p = r.grow(p, layout{8, 8}, 32);
  p = r.shrink(p, layout{32, 8}, 16);
  r.deallocate(p, layout{16, 8});
  ASSERT_EQ(rec.calls.size(), 4u);
  EXPECT_EQ(rec.calls[0].what, bare_test::recording::kind::allocate);
  EXPECT_EQ(rec.calls[1].what, bare_test::recording::kind::grow);
  EXPECT_EQ(rec.calls[2].what, bare_test::recording::kind::shrink);
  EXPECT_EQ(rec.calls[3].what, bare_test::recording::kind::deallocate);
  EXPECT_EQ(rec.calls[3].l, (layout{16, 8}));
  bare_test::recording other;
  EXPECT_TRUE(r == bare::by_ref<bare_test::recording>(rec));
  EXPECT_FALSE(r == bare::by_ref<bare_test::recording>(other));
}

TEST(ByRef, LastFailureIsForwarded) {
  bare::counting<bare_test::always_fails> c;
  bare::by_ref<bare::counting<bare_test::always_fails>> r(c);
  EXPECT_EQ(r.allocate(layout{8, 8}), nullptr);
  EXPECT_EQ(r.last_failure(), bare::alloc_errc::out_of_memory);
}

// ---- counting -------------------------------------------------------------------------------

TEST(Counting, Statistics) {
  bare::counting<bare::malloc_allocator> c;
  void* a = c.allocate(layout{100, 8});
  void* b = c.allocate(layout{50, 8});
  EXPECT_EQ(c.stats().current_bytes, 150u);
  EXPECT_EQ(c.stats().peak_bytes, 150u);
  EXPECT_EQ(c.stats().allocations, 2u);
  EXPECT_EQ(c.stats().live_blocks(), 2u);
  c.deallocate(a, layout{100, 8});
  EXPECT_EQ(c.stats().current_bytes, 50u);
  EXPECT_EQ(c.stats().peak_bytes, 150u);
  EXPECT_EQ(c.stats().total_bytes, 150u);
  // A grow counts as one allocation of the new size and one deallocation of the old.
  b = c.grow(b, layout{50, 8}, 200);
  EXPECT_EQ(c.stats().current_bytes, 200u);
  EXPECT_EQ(c.stats().peak_bytes, 200u);
  EXPECT_EQ(c.stats().allocations, 3u);
  EXPECT_EQ(c.stats().deallocations, 2u);
  EXPECT_EQ(c.stats().total_bytes, 350u);
  b = c.shrink(b, layout{200, 8}, 20);
  EXPECT_EQ(c.stats().current_bytes, 20u);
  EXPECT_EQ(c.stats().live_blocks(), 1u);
  c.reset_stats();
  EXPECT_EQ(c.stats().current_bytes, 20u);
  EXPECT_EQ(c.stats().peak_bytes, 20u);
  EXPECT_EQ(c.stats().allocations, 0u);
  c.deallocate(b, layout{20, 8});
  EXPECT_EQ(c.stats().current_bytes, 0u);
  EXPECT_EQ(c.stats().failures, 0u);
}

TEST(Counting, Failures) {
  bare::counting<bare_test::always_fails> c;
  EXPECT_EQ(c.allocate(layout{1, 1}), nullptr);
  EXPECT_EQ(c.allocate(layout{1, 1}), nullptr);
  EXPECT_EQ(c.stats().failures, 2u);
  EXPECT_EQ(c.stats().allocations, 0u);
  EXPECT_EQ(c.last_failure(), bare::alloc_errc::out_of_memory);
}

TEST(Counting, SeesEveryVecAllocation) {
  bare::counting<bare::malloc_allocator> c;
  {
    bare::vec<int, bare::by_ref<bare::counting<bare::malloc_allocator>>> v(c);
    for (int i = 0; i < 100; ++i) ASSERT_TRUE(v.try_push_back(i));
    EXPECT_EQ(c.stats().current_bytes, v.capacity() * sizeof(int));
    EXPECT_EQ(c.stats().live_blocks(), 1u);
  }
  EXPECT_EQ(c.stats().current_bytes, 0u);
  EXPECT_EQ(c.stats().live_blocks(), 0u);
}

// ---- bump_allocator -------------------------------------------------------------------------

class Bump : public ::testing::Test {
 protected:
  alignas(64) unsigned char buf_[1024];
  bare::bump_allocator b_{buf_, sizeof buf_};
};

TEST_F(Bump, AllocatesInOrderAndAligns) {
  EXPECT_EQ(b_.capacity(), 1024u);
  void* p = b_.allocate(layout{3, 1});
  EXPECT_EQ(p, buf_);
  void* q = b_.allocate(layout{8, 8});
  EXPECT_EQ(q, buf_ + 8);
  void* r = b_.allocate(layout{1, 64});
  EXPECT_EQ(r, buf_ + 64);
  EXPECT_EQ(b_.used(), 65u);
  EXPECT_EQ(b_.remaining(), 1024u - 65u);
  for (std::size_t a = 1; a <= 512; a *= 2) {
    void* s = b_.allocate(layout{1, a});
    if (s == nullptr) break;
    EXPECT_TRUE(aligned(s, a)) << a;
  }
}

TEST_F(Bump, ExhaustionIsNull) {
  EXPECT_NE(b_.allocate(layout{1000, 1}), nullptr);
  EXPECT_EQ(b_.allocate(layout{25, 1}), nullptr);
  EXPECT_NE(b_.allocate(layout{24, 1}), nullptr);
  EXPECT_EQ(b_.allocate(layout{1, 1}), nullptr);
  EXPECT_EQ(b_.remaining(), 0u);
}

TEST_F(Bump, HugeRequestsDoNotWrap) {
  EXPECT_EQ(b_.allocate(layout{SIZE_MAX, 1}), nullptr);
  EXPECT_EQ(b_.allocate(layout{SIZE_MAX - 8, 8}), nullptr);
  EXPECT_EQ(b_.used(), 0u);
}

TEST_F(Bump, OnlyTheLastBlockIsFreed) {
  void* a = b_.allocate(layout{100, 1});
  void* b = b_.allocate(layout{100, 1});
  b_.deallocate(a, layout{100, 1});  // not the last: no-op
  EXPECT_EQ(b_.used(), 200u);
  b_.deallocate(b, layout{100, 1});  // the last: given back
  EXPECT_EQ(b_.used(), 100u);
  void* c = b_.allocate(layout{50, 1});
  EXPECT_EQ(c, b);  // reused
}

TEST_F(Bump, GrowsTheLastBlockInPlace) {
  void* a = b_.allocate(layout{16, 8});
  fill(a, 16, 2);
  void* g = b_.grow(a, layout{16, 8}, 400);
  EXPECT_EQ(g, a);
  EXPECT_EQ(b_.used(), 400u);
  EXPECT_TRUE(filled(g, 16, 2));
  void* s = b_.shrink(g, layout{400, 8}, 32);
  EXPECT_EQ(s, a);
  EXPECT_EQ(b_.used(), 32u);
  EXPECT_EQ(b_.grow(s, layout{32, 8}, 2000), nullptr);  // too big: untouched
  EXPECT_EQ(b_.used(), 32u);
  EXPECT_TRUE(filled(s, 16, 2));
}

TEST_F(Bump, GrowingAnotherBlockMovesIt) {
  void* a = b_.allocate(layout{16, 8});
  fill(a, 16, 4);
  void* b = b_.allocate(layout{16, 8});
  void* g = b_.grow(a, layout{16, 8}, 64);
  ASSERT_NE(g, nullptr);
  EXPECT_NE(g, a);
  EXPECT_GT(static_cast<unsigned char*>(g), static_cast<unsigned char*>(b));
  EXPECT_TRUE(filled(g, 16, 4));
  EXPECT_TRUE(aligned(g, 8));
}

TEST_F(Bump, Reset) {
  (void)b_.allocate(layout{500, 1});
  (void)b_.allocate(layout{500, 1});
  b_.reset();
  EXPECT_EQ(b_.used(), 0u);
  EXPECT_EQ(b_.allocate(layout{1024, 1}), buf_);
}

TEST_F(Bump, VecGrowsInPlaceInAnArena) {
  {
    bare::vec<int, bare::by_ref<bare::bump_allocator>> v(b_);
    for (int i = 0; i < 200; ++i) ASSERT_TRUE(v.try_push_back(i));
    EXPECT_EQ(b_.used(), v.capacity() * sizeof(int));  // one block, grown in place
    auto r = v.try_reserve(10000);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, bare::alloc_errc::out_of_memory);
    EXPECT_EQ(v.size(), 200u);
    EXPECT_EQ(v[199], 199);
  }
  EXPECT_EQ(b_.used(), 0u);  // the vec's block was the last: given back
}

// ---- failing --------------------------------------------------------------------------------

TEST(Failing, FailAtExactlyOneAttempt) {
  bare::testing::failing<bare::malloc_allocator> f;
  f.fail_at(2);
  void* a = f.allocate(layout{8, 8});
  void* b = f.allocate(layout{8, 8});
  void* c = f.allocate(layout{8, 8});
  void* d = f.allocate(layout{8, 8});
  EXPECT_NE(a, nullptr);
  EXPECT_NE(b, nullptr);
  EXPECT_EQ(c, nullptr);
  EXPECT_NE(d, nullptr);
  EXPECT_EQ(f.attempts(), 4u);
  EXPECT_EQ(f.injected_failures(), 1u);
  EXPECT_EQ(f.live_blocks(), 3u);
  EXPECT_EQ(f.live_bytes(), 24u);
  for (void* p : {a, b, d}) f.deallocate(p, layout{8, 8});
  EXPECT_EQ(f.live_blocks(), 0u);
  EXPECT_EQ(f.live_bytes(), 0u);
}

TEST(Failing, AndAfter) {
  bare::testing::failing<bare::malloc_allocator> f;
  f.fail_at(1, true);
  void* a = f.allocate(layout{8, 8});
  EXPECT_NE(a, nullptr);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(f.allocate(layout{8, 8}), nullptr);
  EXPECT_EQ(f.grow(a, layout{8, 8}, 16), nullptr);  // grow is an attempt too
  EXPECT_EQ(f.injected_failures(), 6u);
  f.disarm();
  void* g = f.grow(a, layout{8, 8}, 16);
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(f.live_bytes(), 16u);
  g = f.shrink(g, layout{16, 8}, 4);
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(f.live_bytes(), 4u);
  EXPECT_EQ(f.live_blocks(), 1u);
  f.deallocate(g, layout{4, 8});
  EXPECT_EQ(f.live_blocks(), 0u);
}

TEST(Failing, ResetRestartsNumberingKeepsLiveTracking) {
  bare::testing::failing<bare::malloc_allocator> f;
  void* a = f.allocate(layout{8, 8});
  f.fail_at(0);
  f.reset();  // disarms too
  EXPECT_EQ(f.attempts(), 0u);
  EXPECT_EQ(f.live_blocks(), 1u);
  void* b = f.allocate(layout{8, 8});
  EXPECT_NE(b, nullptr);
  f.fail_at(1);  // counted from the reset: the next attempt
  EXPECT_EQ(f.allocate(layout{8, 8}), nullptr);
  f.deallocate(a, layout{8, 8});
  f.deallocate(b, layout{8, 8});
  EXPECT_EQ(f.live_blocks(), 0u);
}

TEST(Failing, DrivesAVecsErrors) {
  bare::testing::failing<> f;  // over bare::global
  bare::vec<int, bare::testing::failing_ref<>> v(f);
  f.fail_at(0);
  auto r = v.try_push_back(1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, bare::alloc_errc::out_of_memory);
  EXPECT_EQ(r.error().request, (layout{4 * sizeof(int), alignof(int)}));
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(v.capacity(), 0u);
  ASSERT_TRUE(v.try_push_back(2));  // attempt 1 succeeds
  EXPECT_EQ(f.live_blocks(), 1u);
}

}  // namespace
