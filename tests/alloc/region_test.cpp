// region_allocator: exhaustive short sequences on small arenas, a randomized differential run
// against a shadow model of live blocks, and targeted cases. check() after every step.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <random>
#include <vector>

#include "bare/alloc/region.hpp"
#include "support/shadow_heap.hpp"

namespace {

using region = bare::region_allocator;
using bare_test::apply;
using bare_test::shadow;
using bare_test::step;

TEST(Region, ExhaustiveShortSequences) {
  // Every sequence of up to 4 steps, each on a fresh 320-byte arena; after freeing everything
  // the arena must be one free block again.
  alignas(64) static unsigned char arena[320];
  std::size_t sequences = 0;
  ASSERT_TRUE(bare_test::run_all_sequences<region>(
      bare_test::standard_alphabet(), 4, &sequences,
      [](region& heap) { return heap.init(arena, sizeof arena).has_value(); },
      [](region& heap) {
        return heap.stats().allocated == 0 && heap.stats().largest_free == heap.stats().capacity;
      }));
  const std::size_t k = bare_test::standard_alphabet().size();
  EXPECT_EQ(sequences, k + k * k + k * k * k + k * k * k * k);  // all of them ran
}

TEST(Region, RandomDifferential) {
  std::vector<unsigned char> mem(1 << 18);
  region heap;
  ASSERT_TRUE(heap.init(mem.data(), mem.size()).has_value());
  ASSERT_TRUE(bare_test::random_steps(heap, 60000, 12));
  EXPECT_EQ(heap.stats().allocated, 0u);
  EXPECT_EQ(heap.stats().largest_free, heap.stats().capacity);
}

TEST(Region, InitValidatesTheRange) {
  alignas(16) static unsigned char m[256];
  region heap;
  EXPECT_EQ(heap.init(nullptr, 256).error(), bare::region_error::null_range);
  EXPECT_EQ(heap.init(m + 1, 200).error(), bare::region_error::misaligned);
  EXPECT_EQ(heap.init(m, 8).error(), bare::region_error::too_small);
  EXPECT_EQ(heap.init(m, SIZE_MAX).error(), bare::region_error::wraps);
  EXPECT_EQ(heap.allocate(bare::layout{8, 8}), nullptr);  // no region: every allocation fails
  EXPECT_TRUE(heap.init(m, sizeof m).has_value());
  EXPECT_TRUE(heap.check());
}

TEST(Region, OneWordOverheadAndInPlaceGrowth) {
  alignas(64) static unsigned char m[4096];
  region heap;
  ASSERT_TRUE(heap.init(m, sizeof m).has_value());
  constexpr std::size_t W = sizeof(void*);
  auto* a = static_cast<unsigned char*>(heap.allocate(bare::layout{8 * W - W, 8}));
  auto* b = static_cast<unsigned char*>(heap.allocate(bare::layout{8 * W - W, 8}));
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(b - a, static_cast<long>(8 * W));  // 7 words of payload + 1 word of header
  // b is followed by the free rest of the arena: it grows in place.
  void* g = heap.grow(b, bare::layout{7 * W, 8}, 1000);
  EXPECT_EQ(g, b);
  // a is followed by b: it moves.
  std::memset(a, 0x42, 7 * W);
  auto* a2 = static_cast<unsigned char*>(heap.grow(a, bare::layout{7 * W, 8}, 200));
  ASSERT_NE(a2, nullptr);
  EXPECT_NE(a2, a);
  EXPECT_EQ(a2[7 * W - 1], 0x42);
  // shrinking g frees its tail, which a new block then reuses.
  void* s = heap.shrink(g, bare::layout{1000, 8}, 16);
  EXPECT_EQ(s, g);
  EXPECT_TRUE(heap.check());
  heap.deallocate(a2, bare::layout{200, 8});
  heap.deallocate(s, bare::layout{16, 8});
  EXPECT_TRUE(heap.check());
  EXPECT_EQ(heap.stats().allocated, 0u);
}

TEST(Region, LargeAlignmentsLeaveNoHoles) {
  std::vector<unsigned char> mem(1 << 16);
  region heap;
  ASSERT_TRUE(heap.init(mem.data(), mem.size()).has_value());
  std::vector<std::pair<void*, std::size_t>> live;
  for (std::size_t align = 16; align <= 4096; align *= 2) {
    void* p = heap.allocate(bare::layout{24, align});
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % align, 0u);
    live.emplace_back(p, align);
    ASSERT_TRUE(heap.check());
  }
  for (auto [p, align] : live) heap.deallocate(p, bare::layout{24, align});
  EXPECT_TRUE(heap.check());
  EXPECT_EQ(heap.stats().largest_free, heap.stats().capacity);  // every gap was coalesced back
}

TEST(Region, DoubleFreeIsCaught) {
  alignas(16) static unsigned char m[512];
  region heap;
  ASSERT_TRUE(heap.init(m, sizeof m).has_value());
  void* keep = heap.allocate(bare::layout{32, 8});
  void* p = heap.allocate(bare::layout{32, 8});
  void* after = heap.allocate(bare::layout{32, 8});
  heap.deallocate(p, bare::layout{32, 8});
  bare::set_panic_handler([](const char* msg, bare::source_loc) {
    std::fprintf(stderr, "panic: %s\n", msg);
    std::abort();
  });
  EXPECT_DEATH(heap.deallocate(p, bare::layout{32, 8}), "double free");
  bare::set_panic_handler(nullptr);
  heap.deallocate(keep, bare::layout{32, 8});
  heap.deallocate(after, bare::layout{32, 8});
}

}  // namespace
