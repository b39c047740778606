#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/bump.hpp"
#include "bare/alloc/counting.hpp"
#include "bare/alloc/global.hpp"
#include "bare/alloc/malloc.hpp"
#include "bare/testing/check_all_allocation_failures.hpp"
#include "bare/vec.hpp"
#include "support.hpp"

namespace {

using bare::layout;

TEST(Layout, Basics) {
  EXPECT_TRUE((layout{0, 1}.is_valid()));
  EXPECT_TRUE((layout{3, 64}.is_valid()));
  EXPECT_FALSE((layout{3, 0}.is_valid()));
  EXPECT_FALSE((layout{3, 24}.is_valid()));
  EXPECT_EQ(bare::layout_of<bt::wide>.align, 64u);
  static_assert(bare::allocator<bare::global> && bare::allocator_with_grow<bare::global>);
  static_assert(bare::allocator<bare::bump_allocator> && bare::allocator_with_shrink<bare::bump_allocator>);
  static_assert(std::is_empty_v<bare::global>);
}

TEST(Global, HooksForwardToTheProgramsAllocator) {
  const std::size_t live = bt::global_live_blocks();
  bare::global g;
  void* p = g.allocate(layout{100, 16});
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(bt::global_live_blocks(), live + 1);
  std::memset(p, 7, 100);
  void* q = g.grow(p, layout{100, 16}, 5000);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(static_cast<unsigned char*>(q)[99], 7);
  void* s = g.shrink(q, layout{5000, 16}, 50);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(static_cast<unsigned char*>(s)[49], 7);
  g.deallocate(s, layout{50, 16});
  EXPECT_EQ(bt::global_live_blocks(), live);
}

TEST(Malloc, AlignmentsUpTo4096AndResize) {
  bare::malloc_allocator m;
  for (std::size_t a = 1; a <= 4096; a *= 2) {
    void* p = m.allocate(layout{a + 3, a});
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % a, 0u);
    std::memset(p, 1, a + 3);
    void* q = m.grow(p, layout{a + 3, a}, 3 * a + 5);
    ASSERT_NE(q, nullptr);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(q) % a, 0u);
    EXPECT_EQ(static_cast<unsigned char*>(q)[a + 2], 1);
    m.deallocate(q, layout{3 * a + 5, a});
  }
}

TEST(Bump, LastBlockFreeGrowInPlaceReset) {
  alignas(16) unsigned char buf[256];
  bare::bump_allocator b(buf, sizeof buf);
  void* x = b.allocate(layout{10, 1});
  void* y = b.allocate(layout{16, 16});
  EXPECT_EQ(x, buf);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(y) % 16, 0u);
  EXPECT_EQ(b.grow(y, layout{16, 16}, 100), y);  // the last block grows in place
  EXPECT_EQ(b.used(), 16u + 100u);
  EXPECT_EQ(b.grow(y, layout{100, 16}, 1000), nullptr);  // does not fit
  EXPECT_EQ(b.shrink(y, layout{100, 16}, 20), y);
  b.deallocate(y, layout{20, 16});
  EXPECT_EQ(b.used(), 16u);
  void* moved = b.grow(x, layout{10, 1}, 20);  // x is not the last block handed out: it moves
  EXPECT_EQ(moved, buf + 16);
  EXPECT_EQ(std::memcmp(moved, x, 10), 0);
  EXPECT_EQ(b.allocate(layout{1000, 1}), nullptr);
  b.reset();
  EXPECT_EQ(b.used(), 0u);
  EXPECT_EQ(b.remaining(), sizeof buf);
}

TEST(ByRefAndCounting, SharedStateAndStatistics) {
  alignas(16) unsigned char buf[1024];
  bare::bump_allocator arena(buf, sizeof buf);
  using ref = bare::by_ref<bare::bump_allocator>;
  static_assert(sizeof(ref) == sizeof(void*));
  bare::counting<ref> c{ref(arena)};
  {
    bare::vec<int, bare::by_ref<bare::counting<ref>>> v(c);
    for (int i = 0; i < 50; ++i) ASSERT_TRUE(v.try_push_back(i));
    EXPECT_EQ(c.stats().current_bytes, v.capacity() * sizeof(int));
    EXPECT_GE(c.stats().peak_bytes, c.stats().current_bytes);
    EXPECT_GE(c.stats().allocations, 1u);
    auto r = v.try_reserve(10000);
    EXPECT_FALSE(r);
    EXPECT_EQ(c.stats().failures, 1u);
  }
  EXPECT_EQ(c.stats().current_bytes, 0u);
  EXPECT_EQ(c.stats().live_blocks(), 0u);
}

TEST(Failing, FailAtAndAfterAndLiveTracking) {
  bare::testing::failing<> f;
  void* a = f.allocate(layout{8, 8});
  EXPECT_NE(a, nullptr);
  f.fail_at(f.attempts());  // the next one
  EXPECT_EQ(f.allocate(layout{8, 8}), nullptr);
  void* b = f.allocate(layout{8, 8});
  EXPECT_NE(b, nullptr);  // only that one
  f.fail_at(f.attempts() + 1, true);
  void* c = f.allocate(layout{8, 8});
  EXPECT_NE(c, nullptr);
  EXPECT_EQ(f.allocate(layout{8, 8}), nullptr);
  EXPECT_EQ(f.grow(c, layout{8, 8}, 16), nullptr);  // and every later one
  EXPECT_EQ(f.injected_failures(), 3u);
  EXPECT_EQ(f.live_blocks(), 3u);
  EXPECT_EQ(f.live_bytes(), 24u);
  f.disarm();
  for (void* p : {a, b, c}) f.deallocate(p, layout{8, 8});
  EXPECT_EQ(f.live_blocks(), 0u);
  EXPECT_EQ(f.live_bytes(), 0u);
}

using fref = bare::testing::failing_ref<>;
using ivec = bare::vec<int, fref>;

ivec four(fref a) {
  ivec v(a);
  for (int i = 0; i < 4; ++i) (void)v.try_push_back(i);
  return v;
}

TEST(CheckAllAllocationFailures, PassesACorrectOperation) {
  auto rep = bare::testing::check_all_allocation_failures(four, [](ivec& v) { return v.try_reserve(100); });
  EXPECT_TRUE(rep) << rep.problem;
  EXPECT_EQ(rep.allocations, 1u);
}

TEST(CheckAllAllocationFailures, DetectsASwallowedFailure) {
  auto rep = bare::testing::check_all_allocation_failures(four, [](ivec& v) {
    (void)v.try_reserve(100);
    return bare::result<void>();
  });
  EXPECT_FALSE(rep);
  EXPECT_STREQ(rep.problem, "an allocation failed but the operation succeeded");
  EXPECT_EQ(rep.failed_attempt, 0u);
}

void* g_leaked = nullptr;

TEST(CheckAllAllocationFailures, DetectsALeakOnFailure) {
  auto rep = bare::testing::check_all_allocation_failures([](fref a) -> bare::result<void> {
    void* first = a.allocate(layout{16, 8});
    if (!first) return bare::err(bare::alloc_error{});
    void* second = a.allocate(layout{16, 8});
    if (!second) {
      g_leaked = first;  // the bug under test: `first` is not freed (the test frees it below)
      return bare::err(bare::alloc_error{});
    }
    a.deallocate(second, layout{16, 8});
    a.deallocate(first, layout{16, 8});
    return {};
  });
  EXPECT_FALSE(rep);
  EXPECT_STREQ(rep.problem, "leak after failure");
  EXPECT_EQ(rep.failed_attempt, 1u);
  bare::global{}.deallocate(g_leaked, layout{16, 8});  // failing<global> forwarded it to malloc
}

TEST(CheckAllAllocationFailures, DetectsAChangeOnFailure) {
  auto rep = bare::testing::check_all_allocation_failures(four, [](ivec& v) {
    v.pop_back();  // mutates before the allocation that may fail
    return v.try_reserve(100);
  });
  EXPECT_FALSE(rep);
  EXPECT_STREQ(rep.problem, "the state changed although the operation failed");
}

TEST(CheckAllAllocationFailures, DetectsTheWrongErrorKind) {
  auto rep = bare::testing::check_all_allocation_failures(four, [](ivec& v) -> bare::result<void> {
    if (!v.try_reserve(100)) return bare::err(bare::alloc_error{bare::alloc_errc::full, {}});
    return {};
  });
  EXPECT_FALSE(rep);
  EXPECT_STREQ(rep.problem, "the error is not out_of_memory");
}

}  // namespace
