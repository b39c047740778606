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

namespace {

struct live_block {
  unsigned char* p;
  std::size_t size;
  std::size_t align;
  unsigned char fill;
};

// A shadow of the live blocks: checks alignment, disjointness and contents.
class shadow {
 public:
  ::testing::AssertionResult add(const live_block& b) {
    if (reinterpret_cast<std::uintptr_t>(b.p) % b.align != 0) return ::testing::AssertionFailure() << "misaligned";
    auto it = blocks_.lower_bound(b.p);
    if (it != blocks_.end() && it->first < b.p + (b.size ? b.size : 1)) return ::testing::AssertionFailure() << "overlaps next";
    if (it != blocks_.begin()) {
      auto prev = std::prev(it);
      if (prev->first + (prev->second.size ? prev->second.size : 1) > b.p)
        return ::testing::AssertionFailure() << "overlaps previous";
    }
    std::memset(b.p, b.fill, b.size);
    blocks_[b.p] = b;
    return ::testing::AssertionSuccess();
  }
  ::testing::AssertionResult intact(const live_block& b, std::size_t n) const {
    for (std::size_t i = 0; i < n; ++i)
      if (b.p[i] != b.fill) return ::testing::AssertionFailure() << "byte " << i << " of a block changed";
    return ::testing::AssertionSuccess();
  }
  void remove(unsigned char* p) { blocks_.erase(p); }
  std::size_t size() const { return blocks_.size(); }
  const live_block& nth(std::size_t i) const { return std::next(blocks_.begin(), static_cast<long>(i))->second; }

 private:
  std::map<unsigned char*, live_block> blocks_;
};

using region = bare::region_allocator;

// One step of an operation sequence, applied to (heap, shadow). Returns false on a broken rule.
::testing::AssertionResult apply(region& heap, shadow& sh, unsigned op, std::size_t size, std::size_t align,
                                 std::size_t which, unsigned char fill) {
  switch (op) {
    case 0: {  // allocate
      void* p = heap.allocate(bare::layout{size, align});
      if (p != nullptr) {
        auto r = sh.add(live_block{static_cast<unsigned char*>(p), size, align, fill});
        if (!r) return r;
      }
      break;
    }
    case 1: {  // free
      if (sh.size() == 0) break;
      live_block b = sh.nth(which % sh.size());
      auto r = sh.intact(b, b.size);
      if (!r) return r;
      sh.remove(b.p);
      heap.deallocate(b.p, bare::layout{b.size, b.align});
      break;
    }
    case 2: {  // grow
      if (sh.size() == 0) break;
      live_block b = sh.nth(which % sh.size());
      const std::size_t n = b.size + size;
      void* q = heap.grow(b.p, bare::layout{b.size, b.align}, n);
      if (q == nullptr) {
        auto r = sh.intact(b, b.size);  // failure leaves the block untouched
        if (!r) return r;
        break;
      }
      live_block nb{static_cast<unsigned char*>(q), b.size, b.align, b.fill};
      auto r = sh.intact(nb, b.size);
      if (!r) return r;
      sh.remove(b.p);
      nb.size = n;
      r = sh.add(nb);
      if (!r) return r;
      break;
    }
    case 3: {  // shrink
      if (sh.size() == 0) break;
      live_block b = sh.nth(which % sh.size());
      const std::size_t n = b.size / 2;
      void* q = heap.shrink(b.p, bare::layout{b.size, b.align}, n);
      if (q == nullptr) return ::testing::AssertionFailure() << "shrink failed";
      live_block nb{static_cast<unsigned char*>(q), n, b.align, b.fill};
      auto r = sh.intact(nb, n);
      if (!r) return r;
      sh.remove(b.p);
      r = sh.add(nb);
      if (!r) return r;
      break;
    }
  }
  if (auto c = heap.check(); !c) return ::testing::AssertionFailure() << "check(): " << c.problem;
  return ::testing::AssertionSuccess();
}

struct step {
  unsigned op;
  std::size_t size, align, which;
};

TEST(Region, ExhaustiveShortSequences) {
  // Every sequence of up to 4 steps over this alphabet, each on a fresh 320-byte arena.
  std::vector<step> alphabet;
  for (std::size_t size : {1u, 12u, 40u, 100u})
    for (std::size_t align : {8u, 64u}) alphabet.push_back({0, size, align, 0});
  for (std::size_t which = 0; which < 3; ++which) {
    alphabet.push_back({1, 0, 0, which});
    alphabet.push_back({2, 48, 0, which});
    alphabet.push_back({3, 0, 0, which});
  }
  alignas(64) static unsigned char arena[320];
  std::vector<std::size_t> idx;
  std::size_t sequences = 0;
  const std::size_t k = alphabet.size();
  for (std::size_t len = 1; len <= 4; ++len) {
    idx.assign(len, 0);
    for (;;) {
      region heap;
      ASSERT_TRUE(heap.init(arena, sizeof arena).has_value());
      shadow sh;
      for (std::size_t i = 0; i < len; ++i) {
        const step& s = alphabet[idx[i]];
        ASSERT_TRUE(apply(heap, sh, s.op, s.size, s.align, s.which, static_cast<unsigned char>(i + 1)))
            << "sequence #" << sequences << " step " << i;
      }
      // Free everything: the arena must be one free block again.
      while (sh.size() != 0) ASSERT_TRUE(apply(heap, sh, 1, 0, 0, 0, 0));
      EXPECT_EQ(heap.stats().allocated, 0u);
      EXPECT_EQ(heap.stats().largest_free, heap.stats().capacity);
      ++sequences;
      std::size_t d = 0;
      while (d < len && ++idx[d] == k) idx[d++] = 0;
      if (d == len) break;
    }
  }
  EXPECT_EQ(sequences, k + k * k + k * k * k + k * k * k * k);  // all of them ran
}

TEST(Region, RandomDifferential) {
  const char* env = std::getenv("BARE_TEST_SEED");
  const std::uint64_t seed = env ? std::strtoull(env, nullptr, 10) : 20261125u;
  SCOPED_TRACE("seed " + std::to_string(seed) + " (BARE_TEST_SEED)");
  std::vector<unsigned char> mem(1 << 18);
  region heap;
  ASSERT_TRUE(heap.init(mem.data(), mem.size()).has_value());
  shadow sh;
  std::mt19937_64 rng(seed);
  for (int i = 0; i < 60000; ++i) {
    const unsigned op = sh.size() < 8 ? 0 : static_cast<unsigned>(rng() % 4);
    const std::size_t size = rng() % 8 == 0 ? rng() % 9000 : rng() % 300;
    const std::size_t align = std::size_t{1} << (rng() % 13);
    ASSERT_TRUE(apply(heap, sh, op, size, align, rng(), static_cast<unsigned char>(rng()))) << "step " << i;
  }
  while (sh.size() != 0) ASSERT_TRUE(apply(heap, sh, 1, 0, 0, 0, 0));
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
