// Every shipped allocator and wrapper under the shadow model of live blocks (alignment, no
// overlap, contents kept across grow/shrink, failures leave blocks untouched), the ASan
// poisoning of bump_allocator and pool_allocator, and the behaviour specific to each wrapper
// that the shadow cannot see. (region_allocator and bounded_allocator have their own files.)
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "bare/alloc/allocator_ref.hpp"
#include "bare/alloc/budget.hpp"
#include "bare/alloc/bump.hpp"
#include "bare/alloc/counting.hpp"
#include "bare/alloc/locked.hpp"
#include "bare/alloc/pool.hpp"
#include "bare/alloc/region.hpp"
#include "bare/alloc/sealable.hpp"
#include "support/shadow_heap.hpp"

namespace {

using region_ref = bare::by_ref<bare::region_allocator>;

// A region_allocator over its own 256 KiB, for the wrappers to sit on.
struct backing {
  backing() { EXPECT_TRUE(heap.init(mem.data(), mem.size() * sizeof(std::uint64_t)).has_value()); }
  std::vector<std::uint64_t> mem = std::vector<std::uint64_t>(1 << 15);
  bare::region_allocator heap;
};

TEST(ShippedAllocators, BumpUnderTheShadow) {
  std::vector<std::uint64_t> mem(1 << 17);
  bare::bump_allocator b(mem.data(), mem.size() * sizeof(std::uint64_t));
  ASSERT_TRUE(bare_test::random_steps(b, 20000, 12));
  b.reset();
  EXPECT_EQ(b.used(), 0u);
}

TEST(ShippedAllocators, PoolUnderTheShadow) {
  static bare::pool_allocator<320, 64> pool;
  ASSERT_TRUE(bare_test::random_steps(pool, 20000, 5));
  EXPECT_EQ(pool.used(), 0u);
}

TEST(ShippedAllocators, BudgetUnderTheShadow) {
  backing b;
  bare::budget<region_ref> a(40000, region_ref(b.heap));
  ASSERT_TRUE(bare_test::random_steps(a, 20000, 12));
  EXPECT_EQ(a.used(), 0u);
  EXPECT_TRUE(b.heap.check());
  EXPECT_EQ(b.heap.stats().allocated, 0u);
}

TEST(ShippedAllocators, CountingUnderTheShadow) {
  backing b;
  bare::counting<region_ref> a(region_ref(b.heap));
  ASSERT_TRUE(bare_test::random_steps(a, 20000, 12));
  EXPECT_EQ(a.stats().current_bytes, 0u);
  EXPECT_GT(a.stats().peak_bytes, 0u);
  EXPECT_EQ(b.heap.stats().allocated, 0u);
}

TEST(ShippedAllocators, SealableUnderTheShadowThenSealed) {
  backing b;
  bare::sealable<region_ref> a(region_ref(b.heap));
  ASSERT_TRUE(bare_test::random_steps(a, 20000, 12));
  a.seal();
  EXPECT_EQ(a.allocate(bare::layout{8, 8}), nullptr);
  EXPECT_EQ(a.last_failure(), bare::alloc_errc::full);
  EXPECT_EQ(b.heap.stats().allocated, 0u);
}

int g_depth = 0, g_max_depth = 0, g_entries = 0;
struct counting_guard {  // stands in for interrupt masking
  counting_guard() noexcept {
    if (++g_depth > g_max_depth) g_max_depth = g_depth;
    ++g_entries;
  }
  ~counting_guard() { --g_depth; }
};

TEST(ShippedAllocators, LockedUnderTheShadow) {
  backing b;
  bare::locked<region_ref, counting_guard> a(region_ref(b.heap));
  g_entries = 0;
  ASSERT_TRUE(bare_test::random_steps(a, 20000, 12));
  EXPECT_EQ(g_depth, 0);
  EXPECT_EQ(g_max_depth, 1);   // never nested
  EXPECT_GT(g_entries, 20000);  // every call went through the guard
  EXPECT_EQ(b.heap.stats().allocated, 0u);
}

TEST(ShippedAllocators, AllocatorRefUnderTheShadow) {
  backing b;
  bare::allocator_ref a(b.heap);
  ASSERT_TRUE(bare_test::random_steps(a, 20000, 12));
  EXPECT_TRUE(b.heap.check());
  EXPECT_EQ(b.heap.stats().allocated, 0u);
}

#if BARE_ASAN
TEST(ShippedAllocatorsDeath, BumpPoisonsWhatItHasNotHandedOut) {
  std::vector<std::uint64_t> mem(128);
  bare::bump_allocator b(mem.data(), 1024);
  auto* p = static_cast<volatile unsigned char*>(b.allocate(bare::layout{16, 16}));
  p[15] = 1;
  EXPECT_DEATH(p[16] = 1, "use-after-poison");
  b.deallocate(const_cast<unsigned char*>(p), bare::layout{16, 16});  // the last block: given back
  EXPECT_DEATH(p[0] = 1, "use-after-poison");
  b.reset();
  EXPECT_DEATH(static_cast<volatile unsigned char*>(static_cast<void*>(mem.data()))[1000] = 1, "use-after-poison");
}

TEST(ShippedAllocatorsDeath, PoolPoisonsFreedBlocksAndTails) {
  static bare::pool_allocator<64, 4> pool;
  auto* p = static_cast<volatile unsigned char*>(pool.allocate(bare::layout{10, 8}));
  p[9] = 1;
  EXPECT_DEATH(p[10] = 1, "use-after-poison");  // beyond the request, inside the block
  pool.deallocate(const_cast<unsigned char*>(p), bare::layout{10, 8});
  EXPECT_DEATH(p[0] = 1, "use-after-poison");  // freed
  auto* q = static_cast<volatile unsigned char*>(pool.allocate(bare::layout{64, 8}));
  q[63] = 1;  // handed out again: addressable
  pool.deallocate(const_cast<unsigned char*>(q), bare::layout{64, 8});
}
#endif

}  // namespace
