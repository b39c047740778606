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

// Every sequence of 1 .. max_len steps of the standard alphabet, each on a fresh 320-byte
// arena, check() after every step; after freeing everything the arena must be one free block
// again, and every sequence must have run.
template <class Heap>
::testing::AssertionResult all_short_sequences(std::size_t max_len) {
  alignas(64) static unsigned char arena[320];
  std::size_t sequences = 0;
  auto r = bare_test::run_all_sequences<Heap>(
      bare_test::standard_alphabet(), max_len, &sequences,
      [](Heap& heap) { return heap.init(arena, sizeof arena).has_value(); },
      [](Heap& heap) { return heap.stats().allocated == 0 && heap.stats().largest_free == heap.stats().capacity; });
  if (!r) return r;
  const std::size_t k = bare_test::standard_alphabet().size();
  std::size_t expected = 0;
  for (std::size_t len = 1, n = k; len <= max_len; ++len, n *= k) expected += n;
  if (sequences != expected) return ::testing::AssertionFailure() << sequences << " of " << expected << " sequences ran";
  return ::testing::AssertionSuccess();
}

TEST(Region, ExhaustiveShortSequences) { EXPECT_TRUE(all_short_sequences<region>(4)); }

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

// A single free block whose span is not the start of its size class: good fit would round a
// request of exactly that span up to the next class and find nothing there; the head of the
// request's own class serves it (O(1): only the head is looked at).
TEST(Region, OwnClassHeadServesWhatGoodFitRejects) {
  constexpr std::size_t W = sizeof(void*), A = 2 * W;
  alignas(64) static unsigned char m[2048];
  // q = 63 spans of A is past the linear classes (q < 32) and odd, so not a class start.
  constexpr std::size_t want = 63 * A;
  region heap;
  std::size_t n = want;
  for (; n <= sizeof m; n += W) {
    ASSERT_TRUE(heap.init(m, n).has_value());
    if (heap.stats().capacity == want) break;
  }
  ASSERT_EQ(heap.stats().capacity, want) << "no arena size gives one block of 63 A";
  EXPECT_EQ(heap.allocate(bare::layout{want - W + 1, 8}), nullptr);  // one byte too many
  EXPECT_EQ(heap.stats().failures, 1u);
  void* p = heap.allocate(bare::layout{want - W, 8});
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(static_cast<unsigned char*>(p) > m && static_cast<unsigned char*>(p) < m + n);
  EXPECT_EQ(heap.stats().allocated, want);
  EXPECT_EQ(heap.stats().largest_free, 0u);
  EXPECT_TRUE(heap.check());
  heap.deallocate(p, bare::layout{want - W, 8});
  EXPECT_EQ(heap.stats().largest_free, want);
  // The same on the out-of-line path (alignment 4A): the search span is the request's plus
  // room for a leading gap, 4A - A + MIN_SPAN = 5A; 58A + 5A is the block, exactly.
  const bare::layout aligned{58 * A - W, 4 * A};
  EXPECT_EQ(heap.allocate(bare::layout{aligned.size + 1, aligned.align}), nullptr);
  void* q = heap.allocate(aligned);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(q) % aligned.align, 0u);
  EXPECT_TRUE(heap.check());
  heap.deallocate(q, aligned);
  EXPECT_TRUE(heap.check());
  EXPECT_EQ(heap.stats().largest_free, want);
}

// The head of the request's own class is taken before a block of a higher class, when it
// is large enough: an exact fit rather than a split of a larger block (fewer holes: see
// "Fragmentation" in region.hpp).
TEST(Region, OwnClassHeadIsPreferredToALargerClass) {
  constexpr std::size_t W = sizeof(void*), A = 2 * W;
  alignas(64) static unsigned char m[16384];
  region heap;
  ASSERT_TRUE(heap.init(m, sizeof m).has_value());
  // 63 A is in the class of 62 A (classes 2 A wide there) but not its start: good fit alone
  // would look from the next class up and split the 200 A block.
  const bare::layout exact{63 * A - W, 8}, larger{200 * A - W, 8}, sep{8, 8};
  void* a = heap.allocate(exact);
  void* s1 = heap.allocate(sep);
  void* b = heap.allocate(larger);
  void* s2 = heap.allocate(sep);
  ASSERT_TRUE(a && s1 && b && s2);
  // Use up the rest, so the two blocks freed below are the only free ones.
  std::vector<void*> rest;
  for (std::size_t size = 8192; size >= 8; size /= 2)
    while (void* p = heap.allocate(bare::layout{size, 8})) rest.push_back(p);
  heap.deallocate(a, exact);
  heap.deallocate(b, larger);
  ASSERT_TRUE(heap.check());
  EXPECT_EQ(heap.allocate(exact), a);
  EXPECT_EQ(heap.allocate(larger), b);  // still whole
  EXPECT_TRUE(heap.check());
}

// Sizes in the last size class (above its start) are served too, up to max_block_size():
// blocks below 2^12 bytes here, so the region's one block is as large as a block can be.
TEST(Region, LargestBlockIsServed) {
  using small = bare::basic_region_allocator<4, 12>;
  alignas(64) static unsigned char m[8192];
  small heap;
  ASSERT_TRUE(heap.init(m, sizeof m).has_value());
  EXPECT_EQ(heap.stats().capacity, small::max_block_size() + sizeof(void*));  // capped
  EXPECT_EQ(heap.allocate(bare::layout{small::max_block_size() + 1, 8}), nullptr);
  void* p = heap.allocate(bare::layout{small::max_block_size(), 8});
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(heap.check());
  EXPECT_EQ(heap.allocate(bare::layout{1, 1}), nullptr);  // nothing left
  EXPECT_EQ(heap.stats().failures, 2u);
  heap.deallocate(p, bare::layout{small::max_block_size(), 8});
  // Alignments above A need room for a leading gap: the whole block is not enough for that.
  EXPECT_EQ(heap.allocate(bare::layout{small::max_block_size(), 64}), nullptr);
  void* q = heap.allocate(bare::layout{small::max_block_size() - 256, 64});
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(q) % 64, 0u);
  EXPECT_TRUE(heap.check());
  heap.deallocate(q, bare::layout{small::max_block_size() - 256, 64});
  EXPECT_TRUE(heap.check());
  EXPECT_EQ(heap.stats().allocated, 0u);
}

TEST(Region, InvalidLayoutsFail) {
  alignas(16) static unsigned char m[1024];
  region heap;
  ASSERT_TRUE(heap.init(m, sizeof m).has_value());
  EXPECT_EQ(heap.allocate(bare::layout{8, 0}), nullptr);
  EXPECT_EQ(heap.allocate(bare::layout{8, 3}), nullptr);
  EXPECT_EQ(heap.allocate(bare::layout{8, 24}), nullptr);
  EXPECT_EQ(heap.allocate(bare::layout{SIZE_MAX, 8}), nullptr);
  EXPECT_EQ(heap.allocate(bare::layout{8, std::size_t{1} << (sizeof(void*) * 8 - 1)}), nullptr);
  EXPECT_EQ(heap.allocate(bare::layout{region::max_block_size(), 1 << 12}), nullptr);  // no room
  EXPECT_EQ(heap.stats().failures, 6u);
  EXPECT_EQ(heap.stats().allocations, 0u);
  void* p = heap.allocate(bare::layout{0, 1});  // size 0: a unique pointer
  void* q = heap.allocate(bare::layout{0, 1});
  ASSERT_NE(p, nullptr);
  ASSERT_NE(q, nullptr);
  EXPECT_NE(p, q);
  EXPECT_EQ(heap.grow(p, bare::layout{0, 1}, SIZE_MAX), nullptr);  // p is untouched
  EXPECT_EQ(heap.stats().failures, 7u);
  heap.deallocate(p, bare::layout{0, 1});
  heap.deallocate(q, bare::layout{0, 1});
  EXPECT_TRUE(heap.check());
  EXPECT_EQ(heap.stats().allocations, 2u);
}

// Other parameters: few and many second-level classes, and a small largest block (most
// requests of the random run then take the last class or fail).
template <class Heap>
class RegionParams : public ::testing::Test {};
using region_params = ::testing::Types<bare::basic_region_allocator<1>, bare::basic_region_allocator<5>,
                                       bare::basic_region_allocator<4, 12>, bare::basic_region_allocator<2, 14>>;
TYPED_TEST_SUITE(RegionParams, region_params);

TYPED_TEST(RegionParams, RandomDifferential) {
  std::vector<unsigned char> mem(1 << 17);
  static TypeParam heap;  // the control block of <5> is large for the stack
  ASSERT_TRUE(heap.init(mem.data(), mem.size()).has_value());
  ASSERT_TRUE(bare_test::random_steps(heap, 20000, 12));
  EXPECT_EQ(heap.stats().allocated, 0u);
  EXPECT_TRUE(heap.check());
}

TYPED_TEST(RegionParams, ExhaustiveShortSequences) { EXPECT_TRUE(all_short_sequences<TypeParam>(3)); }

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

#if BARE_ASAN
// Under ASan the region hands out exactly the requested bytes: the rest of a block, its
// neighbours' headers, free blocks and never-used memory are poisoned.
TEST(RegionDeath, PoisonsAllButTheRequestedBytes) {
  alignas(64) static unsigned char m[2048];
  region heap;
  ASSERT_TRUE(heap.init(m, sizeof m).has_value());
  auto* p = static_cast<volatile unsigned char*>(heap.allocate(bare::layout{20, 8}));
  auto* q = static_cast<volatile unsigned char*>(heap.allocate(bare::layout{20, 8}));
  ASSERT_NE(q, nullptr);
  p[19] = 1;
  EXPECT_DEATH(p[20] = 1, "use-after-poison");  // the block's rounding slack
  EXPECT_DEATH(q[-1] = 1, "use-after-poison");  // q's header
  volatile unsigned char* volatile arena = m;  // not a constant offset: ASan checks it
  EXPECT_DEATH(arena[1500] = 1, "use-after-poison");                            // never used
  // grow in place unpoisons the new bytes; shrink poisons the cut ones.
  ASSERT_EQ(heap.grow(const_cast<unsigned char*>(q), bare::layout{20, 8}, 300), q);
  q[299] = 1;
  EXPECT_DEATH(q[300] = 1, "use-after-poison");
  ASSERT_EQ(heap.shrink(const_cast<unsigned char*>(q), bare::layout{300, 8}, 8), q);
  q[7] = 1;
  EXPECT_DEATH(q[8] = 1, "use-after-poison");
  heap.deallocate(const_cast<unsigned char*>(p), bare::layout{20, 8});
  EXPECT_DEATH(p[0] = 1, "use-after-poison");  // freed
  // An aligned block behind a split-off gap: the gap is poisoned, the block is not.
  auto* r = static_cast<volatile unsigned char*>(heap.allocate(bare::layout{64, 256}));
  ASSERT_NE(r, nullptr);
  r[0] = 1;
  r[63] = 1;
  EXPECT_DEATH(r[-16] = 1, "use-after-poison");
  heap.deallocate(const_cast<unsigned char*>(r), bare::layout{64, 256});
  heap.deallocate(const_cast<unsigned char*>(q), bare::layout{8, 8});
  EXPECT_TRUE(heap.check());
}
#endif

}  // namespace
