// Every shipped allocator and wrapper under the shadow model of live blocks (alignment, no
// overlap, contents kept across grow/shrink, failures leave blocks untouched), the ASan
// poisoning of bump_allocator and pool_allocator, and the behaviour specific to each wrapper
// that the shadow cannot see. (region_allocator and bounded_allocator have their own files.)
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <type_traits>
#include <utility>
#include <vector>

#include "bare/alloc/allocator_ref.hpp"
#include "bare/alloc/budget.hpp"
#include "bare/alloc/bump.hpp"
#include "bare/alloc/cached.hpp"
#include "bare/alloc/counting.hpp"
#include "bare/alloc/locked.hpp"
#include "bare/alloc/pool.hpp"
#include "bare/alloc/region.hpp"
#include "bare/alloc/sealable.hpp"
#include "support/death.hpp"
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

// cached over counting over the region: counting's byte count only returns to 0 if every
// block reached the region with the layout it was allocated with (rounded sizes, raised
// alignment, grow/shrink across MaxSize included).
using counted_region = bare::counting<region_ref>;
using cached_counted = bare::cached<bare::by_ref<counted_region>, 256, 4>;

TEST(ShippedAllocators, CachedUnderTheShadow) {
  backing b;
  counted_region cr(region_ref(b.heap));
  {
    cached_counted a{bare::by_ref<counted_region>(cr)};
    ASSERT_TRUE(bare_test::random_steps(a, 20000, 12));
    EXPECT_TRUE(a.check());
    EXPECT_GT(a.cached_blocks(), 0u);
    EXPECT_EQ(cr.stats().current_bytes, a.cached_bytes());
    const std::size_t live = cr.stats().live_blocks();  // (read before flush changes it)
    EXPECT_EQ(a.flush(), live);
    EXPECT_EQ(a.cached_blocks(), 0u);
  }
  EXPECT_EQ(cr.stats().current_bytes, 0u);
  EXPECT_TRUE(b.heap.check());
  EXPECT_EQ(b.heap.stats().allocated, 0u);
}

TEST(ShippedAllocators, CachedHandsBackTheLastFreedBlockOfTheClass) {
  backing b;
  bare::cached<region_ref, 256, 4> a{region_ref(b.heap)};
  const std::size_t g = a.granule;
  void* p = a.allocate(bare::layout{g + 1, 8});  // the class of g + 1 .. 2g bytes
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % g, 0u);
  const std::size_t calls = b.heap.stats().allocations;
  a.deallocate(p, bare::layout{g + 1, 8});
  EXPECT_EQ(a.cached_blocks(), 1u);
  EXPECT_EQ(a.cached_bytes(), 2 * g);
  void* q = a.allocate(bare::layout{2 * g, 16});  // the same class, any alignment up to g
  EXPECT_EQ(q, p);
  EXPECT_EQ(b.heap.stats().allocations, calls);  // a hit does not reach the region
  a.deallocate(q, bare::layout{2 * g, 16});
  void* r = a.allocate(bare::layout{2 * g + 1, 8});  // the next class: not that block
  EXPECT_NE(r, p);
  a.deallocate(r, bare::layout{2 * g + 1, 8});
  void* big = a.allocate(bare::layout{64, 64});  // above the granule: not cached, aligned
  ASSERT_NE(big, nullptr);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(big) % 64, 0u);
  const std::size_t before = a.cached_blocks();
  a.deallocate(big, bare::layout{64, 64});
  EXPECT_EQ(a.cached_blocks(), before);
  void* large = a.allocate(bare::layout{257, 8});  // above MaxSize: not cached
  a.deallocate(large, bare::layout{257, 8});
  EXPECT_EQ(a.cached_blocks(), before);
  EXPECT_TRUE(a.check());
}

TEST(ShippedAllocators, CachedHoldsAtMostDepthBlocksPerClass) {
  backing b;
  bare::cached<region_ref, 256, 4> a{region_ref(b.heap)};
  void* blocks[7];
  for (auto& p : blocks) p = a.allocate(bare::layout{40, 8});
  const std::size_t in_region = b.heap.stats().allocated;
  for (auto* p : blocks) a.deallocate(p, bare::layout{40, 8});
  EXPECT_EQ(a.cached_blocks(), 4u);
  EXPECT_LT(b.heap.stats().allocated, in_region);  // the other 3 went back
  EXPECT_TRUE(a.check());
  EXPECT_EQ(a.flush(), 4u);
  EXPECT_EQ(b.heap.stats().allocated, 0u);
  EXPECT_TRUE(b.heap.check());
}

TEST(ShippedAllocators, CachedGivesItsBlocksBackBeforeFailing) {
  // A small region filled with small blocks, all freed into the cache (one per class): they
  // pin the region, and a large request only fits once they are given back.
  std::vector<std::uint64_t> mem(4096 / 8);
  bare::region_allocator heap;
  ASSERT_TRUE(heap.init(mem.data(), 4096).has_value());
  bare::cached<region_ref, 1024, 8> a{region_ref(heap)};
  std::vector<std::pair<void*, std::size_t>> live;
  for (std::size_t size = a.granule; size <= 512; size += a.granule) {
    void* p = a.allocate(bare::layout{size, 8});
    if (p == nullptr) break;
    live.emplace_back(p, size);
  }
  ASSERT_GT(live.size(), 5u);
  for (auto [p, size] : live) a.deallocate(p, bare::layout{size, 8});
  EXPECT_EQ(a.cached_blocks(), live.size());
  EXPECT_GT(heap.stats().allocated, 0u);
  const std::size_t failures = heap.stats().failures;
  void* big = a.allocate(bare::layout{3000, 8});
  ASSERT_NE(big, nullptr);
  EXPECT_EQ(a.cached_blocks(), 0u);
  EXPECT_EQ(heap.stats().failures, failures + 1);  // the first try, before the flush
  a.deallocate(big, bare::layout{3000, 8});
  // grow: the same. A block, then small ones until the region is full, freed into the cache.
  auto* p = static_cast<unsigned char*>(a.allocate(bare::layout{1500, 8}));
  ASSERT_NE(p, nullptr);
  std::memset(p, 0x77, 1500);
  live.clear();
  for (std::size_t size = a.granule;; size = size % 1024 + a.granule) {
    void* f = a.allocate(bare::layout{size, 8});
    if (f == nullptr) break;
    live.emplace_back(f, size);
  }
  for (auto [f, size] : live) a.deallocate(f, bare::layout{size, 8});
  ASSERT_GT(a.cached_blocks(), 0u);
  EXPECT_LT(heap.stats().largest_free, 3000u);
  auto* g = static_cast<unsigned char*>(a.grow(p, bare::layout{1500, 8}, 3000));
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g[0], 0x77);
  EXPECT_EQ(g[1499], 0x77);
  EXPECT_EQ(a.cached_blocks(), 0u);
  // Nothing cached and nothing fits: a plain failure.
  EXPECT_EQ(a.allocate(bare::layout{4000, 8}), nullptr);
  EXPECT_EQ(a.last_failure(), bare::alloc_errc::out_of_memory);
  a.deallocate(g, bare::layout{3000, 8});
  EXPECT_EQ(a.flush(), 0u);
  EXPECT_TRUE(heap.check());
  EXPECT_EQ(heap.stats().allocated, 0u);
}

// A global one on bare metal must need no exit-time registration (__cxa_atexit).
static_assert(std::is_trivially_destructible_v<bare::cached<region_ref>>);

TEST(ShippedAllocatorsDeath, CachedCatchesAnImmediateDoubleFree) {
  backing b;
  bare::cached<region_ref> a{region_ref(b.heap)};
  void* p = a.allocate(bare::layout{24, 8});
  a.deallocate(p, bare::layout{24, 8});
  bare_test::panic_handler_guard guard(bare_test::exiting_panic_handler);
  EXPECT_DEATH(a.deallocate(p, bare::layout{24, 8}), "double free");
}

#if BARE_ASAN
TEST(ShippedAllocatorsDeath, CachedPoisonsCachedBlocks) {
  backing b;
  bare::cached<region_ref> a{region_ref(b.heap)};
  auto* p = static_cast<volatile unsigned char*>(a.allocate(bare::layout{64, 8}));
  p[63] = 1;
  a.deallocate(const_cast<unsigned char*>(p), bare::layout{64, 8});
  EXPECT_DEATH(p[sizeof(void*)] = 1, "use-after-poison");  // cached: poisoned past the link
  auto* q = static_cast<volatile unsigned char*>(a.allocate(bare::layout{50, 8}));
  EXPECT_EQ(q, p);
  q[63] = 1;  // handed out again: addressable up to its class's size (64: what the region gave)
  EXPECT_DEATH(q[64] = 1, "use-after-poison");
  a.deallocate(const_cast<unsigned char*>(q), bare::layout{50, 8});
}
#endif

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
