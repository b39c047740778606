// bounded_allocator: the shadow-model tests every allocator gets (exhaustive short sequences,
// random differential), and the worst-case bound: adversarial sequences (a class sweep that
// reaches the bound exactly, Robson's address-aware adversary, random churn under a live-byte
// cap) against a heap of exactly heap_size_bound(M, n, l) bytes must never see a failure.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <vector>

#include "bare/alloc/bounded.hpp"
#include "bare/vec.hpp"
#include "support/rng.hpp"
#include "support/shadow_heap.hpp"

namespace bare_test {
template <unsigned L, std::size_t Al>
inline constexpr bool shrink_can_fail<bare::basic_bounded_allocator<L, Al>> = true;
}

namespace {

using bounded = bare::bounded_allocator;
using bounded_a256 = bare::basic_bounded_allocator<20, 256>;
constexpr std::size_t A = 2 * sizeof(void*);

// An A-aligned arena of exactly n usable bytes (the vector's storage is over-aligned enough).
struct arena {
  explicit arena(std::size_t n) : mem(n / 8 + 64) {}
  void* data() { return mem.data(); }
  std::vector<std::uint64_t> mem;  // 8-aligned; 16-alignment comes from operator new
};

TEST(Bounded, InitValidatesTheRange) {
  alignas(16) static unsigned char m[256];
  bounded heap;
  EXPECT_EQ(heap.init(nullptr, 256).error(), bare::region_error::null_range);
  EXPECT_EQ(heap.init(m + 1, 200).error(), bare::region_error::misaligned);
  EXPECT_EQ(heap.init(m, A - 1).error(), bare::region_error::too_small);
  EXPECT_EQ(heap.init(m, SIZE_MAX).error(), bare::region_error::wraps);
  EXPECT_EQ(heap.allocate(bare::layout{8, 8}), nullptr);  // no range: every allocation fails
  ASSERT_TRUE(heap.init(m, sizeof m).has_value());
  EXPECT_EQ(heap.capacity(), sizeof m);
  EXPECT_TRUE(heap.check());
  // A start that is pointer- but not A-aligned loses the first word.
  if (sizeof(void*) < A) {
    ASSERT_TRUE(heap.init(m + sizeof(void*), 200).has_value());
    EXPECT_EQ(heap.capacity(), (200 - sizeof(void*)) / A * A);
  }
}

TEST(Bounded, ClassesArePowersOfTwo) {
  EXPECT_EQ(bounded::class_of({0, 1}), 0u);
  EXPECT_EQ(bounded::class_of({A, 1}), 0u);
  EXPECT_EQ(bounded::class_of({A + 1, 1}), 1u);
  EXPECT_EQ(bounded::class_of({2 * A, 1}), 1u);
  EXPECT_EQ(bounded::class_of({1, A}), 0u);
  EXPECT_EQ(bounded::class_of({1, 2 * A}), bounded::class_count);  // beyond MaxAlign
  EXPECT_EQ(bounded::class_of({1, 3}), bounded::class_count);      // not a power of two
  EXPECT_EQ(bounded::class_of({bounded::max_block, 1}), bounded::class_count - 1);
  EXPECT_EQ(bounded::class_of({bounded::max_block + 1, 1}), bounded::class_count);
  EXPECT_EQ(bounded_a256::class_of({1, 256}), bounded_a256::class_of({256, 1}));
  EXPECT_EQ(bounded_a256::block_align(bounded_a256::class_of({4096, 1})), 256u);
}

TEST(Bounded, ZeroOverheadAndLifoReuse) {
  arena m(4096);
  bounded heap;
  ASSERT_TRUE(heap.init(m.data(), 4096).has_value());
  void* a = heap.allocate({24, 8});
  void* b = heap.allocate({24, 8});
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  // Blocks of one class are adjacent: no header between them.
  EXPECT_EQ(static_cast<unsigned char*>(b) - static_cast<unsigned char*>(a), static_cast<std::ptrdiff_t>(2 * A));
  heap.deallocate(a, {24, 8});
  EXPECT_EQ(heap.allocate({20, 4}), a);  // same class: the freed block comes back first
  EXPECT_EQ(heap.stats().carved, 4 * A);
  EXPECT_TRUE(heap.check());
}

TEST(Bounded, GrowAndShrinkStayInPlaceWithinTheClass) {
  arena m(4096);
  bounded heap;
  ASSERT_TRUE(heap.init(m.data(), 4096).has_value());
  auto* p = static_cast<unsigned char*>(heap.allocate({40, 8}));  // class of 64 bytes (64-bit)
  ASSERT_NE(p, nullptr);
  for (int i = 0; i < 40; ++i) p[i] = static_cast<unsigned char>(i);
  const std::size_t s = bounded::block_size(bounded::class_of({40, 8}));
  EXPECT_EQ(heap.grow(p, {40, 8}, s), p);
  EXPECT_EQ(heap.shrink(p, {s, 8}, s / 2 + 1), p);
  // Across classes the block moves, contents kept.
  auto* q = static_cast<unsigned char*>(heap.grow(p, {s / 2 + 1, 8}, 4 * s));
  ASSERT_NE(q, nullptr);
  EXPECT_NE(q, p);
  for (std::size_t i = 0; i < s / 2 + 1; ++i) ASSERT_EQ(q[i], i);  // what the shrink kept
  auto* r = static_cast<unsigned char*>(heap.shrink(q, {4 * s, 8}, 10));
  ASSERT_NE(r, nullptr);
  for (int i = 0; i < 10; ++i) ASSERT_EQ(r[i], i);
  heap.deallocate(r, {10, 8});
  EXPECT_EQ(heap.stats().allocated, 0u);
  EXPECT_TRUE(heap.check());
}

TEST(Bounded, ExhaustiveShortSequences) {
  alignas(64) static unsigned char mem[512];
  std::size_t sequences = 0;
  ASSERT_TRUE(bare_test::run_all_sequences<bounded_a256>(
      bare_test::standard_alphabet(), 4, &sequences,
      [](bounded_a256& heap) { return heap.init(mem, sizeof mem).has_value(); },
      [](bounded_a256& heap) { return heap.stats().allocated == 0; }));
  const std::size_t k = bare_test::standard_alphabet().size();
  EXPECT_EQ(sequences, k + k * k + k * k * k + k * k * k * k);
}

TEST(Bounded, RandomDifferential) {
  arena m(1 << 20);
  bounded_a256 heap;
  ASSERT_TRUE(heap.init(m.data(), 1 << 20).has_value());
  ASSERT_TRUE(bare_test::random_steps(heap, 60000, 9));  // alignments up to 512: some fail
  EXPECT_EQ(heap.stats().allocated, 0u);
  EXPECT_GT(heap.stats().failures, 0u);  // the 512-aligned requests
}

TEST(Bounded, CheckCatchesADoubleFree) {
  arena m(1024);
  bounded heap;
  ASSERT_TRUE(heap.init(m.data(), 1024).has_value());
  void* a = heap.allocate({8, 8});
  void* b = heap.allocate({8, 8});
  ASSERT_NE(b, nullptr);
  heap.deallocate(a, {8, 8});
  EXPECT_TRUE(heap.check());
  heap.deallocate(a, {8, 8});  // b is still live, so the cheap check in deallocate passes
  EXPECT_FALSE(heap.check());
}

// ---- the worst-case bound ------------------------------------------------------------------

TEST(BoundedBound, FormulaValues) {
  // One class: n = l = A: floor(M / A) blocks of A bytes.
  EXPECT_EQ(bounded::heap_size_bound(10 * A, A, A), 10 * A);
  // l > A/2 keeps every term below 2M, hence below 2M(1 + ceil(log2 n)).
  for (std::size_t M : {1000u, 4096u, 100000u})
    for (std::size_t n : {64u, 1000u, 65536u}) {
      const std::size_t h = bounded::heap_size_bound(M, n, A / 2 + 1);
      const unsigned log2n = static_cast<unsigned>(std::bit_width(n - 1));
      EXPECT_LT(h, 2 * M * (1 + log2n - std::countr_zero(A))) << M << " " << n;
    }
  EXPECT_EQ(bounded::heap_size_bound(1000, bounded::max_block + 1), SIZE_MAX);
  EXPECT_EQ(bounded::heap_size_bound(SIZE_MAX / 2, 1u << 20, 1), SIZE_MAX);  // overflow
}

struct bound_case {
  std::size_t M, n, l;
};
const bound_case bound_cases[] = {
    {4096, 512, 1}, {4096, 512, 24}, {20000, 4000, 9}, {65536, 65536, 100}, {3000, 64, 1},
};

// Allocates request size `size` until the live total would pass M, then frees all: for each
// class from the lowest up, with the smallest request of the class. This is the sequence that
// makes the frontier reach the bound exactly.
template <class Heap>
bool class_sweep(Heap& heap, const bound_case& c) {
  const unsigned lo = Heap::class_of({c.l, 1}), hi = Heap::class_of({c.n, 1});
  for (unsigned k = lo; k <= hi; ++k) {
    const std::size_t s = Heap::block_size(k);
    const std::size_t m = std::max(c.l, k == 0 ? std::size_t{1} : s / 2 + 1);
    std::vector<void*> live;
    for (std::size_t total = m; total <= c.M; total += m) {
      void* p = heap.allocate({m, 1});
      if (p == nullptr) return false;
      live.push_back(p);
    }
    for (void* p : live) heap.deallocate(p, {m, 1});
  }
  return true;
}

TEST(BoundedBound, ClassSweepReachesTheBoundExactly) {
  for (const auto& c : bound_cases) {
    SCOPED_TRACE(testing::Message() << "M=" << c.M << " n=" << c.n << " l=" << c.l);
    const std::size_t h = bounded::heap_size_bound(c.M, c.n, c.l);
    arena m(h);
    bounded heap;
    ASSERT_TRUE(heap.init(m.data(), h).has_value());
    ASSERT_EQ(heap.capacity(), h);
    EXPECT_TRUE(class_sweep(heap, c));
    EXPECT_EQ(heap.stats().failures, 0u);
    EXPECT_EQ(heap.stats().carved, h);  // the bound is reached, not merely respected
    EXPECT_EQ(heap.sufficient_capacity(), h);
    EXPECT_TRUE(heap.check());
    // One minimum block less and the same sequence fails: the formula is tight.
    bounded small;
    ASSERT_TRUE(small.init(m.data(), h - A).has_value());
    EXPECT_FALSE(class_sweep(small, c));
  }
}

// Robson's adversary, adapted to the addresses the allocator returns: for each power of two
// from the smallest up, fill the live budget M with blocks of that size, then free every block
// but one in each aligned window of twice that size, so that the survivors pin as much address
// space as possible; repeated rounds, with the largest sizes first too.
template <class Heap>
bool robson(Heap& heap, const bound_case& c, bool ascending) {
  struct blk {
    std::uintptr_t a;
    std::size_t size;
  };
  std::vector<blk> live;
  std::size_t total = 0;
  std::vector<std::size_t> sizes;
  for (std::size_t s = c.l; s <= c.n; s *= 2) sizes.push_back(s);
  if (sizes.back() != c.n) sizes.push_back(c.n);
  if (!ascending) std::reverse(sizes.begin(), sizes.end());
  for (int round = 0; round < 3; ++round)
    for (std::size_t s : sizes) {
      while (total + s <= c.M) {
        void* p = heap.allocate({s, 1});
        if (p == nullptr) return false;
        live.push_back({reinterpret_cast<std::uintptr_t>(p), s});
        total += s;
      }
      std::map<std::uintptr_t, bool> kept;  // window -> a block already kept there
      std::vector<blk> next;
      for (const blk& b : live) {
        if (kept.emplace(b.a / (2 * s), true).second) {
          next.push_back(b);
        } else {
          heap.deallocate(reinterpret_cast<void*>(b.a), {b.size, 1});
          total -= b.size;
        }
      }
      live.swap(next);
    }
  for (const blk& b : live) heap.deallocate(reinterpret_cast<void*>(b.a), {b.size, 1});
  return heap.check() && heap.stats().allocated == 0;
}

TEST(BoundedBound, RobsonAdversaryNeverFailsAtTheBound) {
  for (const auto& c : bound_cases)
    for (bool ascending : {true, false}) {
      SCOPED_TRACE(testing::Message() << "M=" << c.M << " n=" << c.n << " l=" << c.l << " asc=" << ascending);
      const std::size_t h = bounded::heap_size_bound(c.M, c.n, c.l);
      arena m(h);
      bounded heap;
      ASSERT_TRUE(heap.init(m.data(), h).has_value());
      EXPECT_TRUE(robson(heap, c, ascending));
      EXPECT_EQ(heap.stats().failures, 0u);
      EXPECT_LE(heap.sufficient_capacity(), h);
    }
}

// Random churn: sizes in [l, n] (log-uniform), random frees, live bytes capped at M; with
// MaxAlign = 256 also random alignments up to 256, for which the bound takes the alignment.
template <class Heap>
void random_churn(const bound_case& c, std::size_t max_request_align) {
  const std::size_t h = Heap::heap_size_bound(c.M, c.n, c.l, max_request_align);
  arena m(h);
  Heap heap;
  ASSERT_TRUE(heap.init(m.data(), h).has_value());
  bare_test::rng g = bare_test::test_rng();
  struct blk {
    void* p;
    bare::layout l;
  };
  std::vector<blk> live;
  std::size_t total = 0;
  const unsigned span = static_cast<unsigned>(std::bit_width(c.n / c.l));
  for (int i = 0; i < 40000; ++i) {
    if (!live.empty() && g.chance(45)) {
      const std::size_t j = g.below(live.size());
      heap.deallocate(live[j].p, live[j].l);
      total -= live[j].l.size;
      live[j] = live.back();
      live.pop_back();
      continue;
    }
    std::size_t size = std::min(c.n, std::max(c.l, (c.l << g.below(span + 1)) - g.below(c.l + 1)));
    if (size + total > c.M) continue;
    const std::size_t align = std::size_t{1} << g.below(std::bit_width(max_request_align));
    const bare::layout l{size, align};
    void* p = heap.allocate(l);
    ASSERT_NE(p, nullptr) << "step " << i << " live " << total << " of M " << c.M;
    ASSERT_EQ(reinterpret_cast<std::uintptr_t>(p) % align, 0u);
    live.push_back({p, l});
    total += size;
  }
  EXPECT_TRUE(heap.check());
  EXPECT_LE(heap.sufficient_capacity(), h);
  for (const blk& b : live) heap.deallocate(b.p, b.l);
  EXPECT_EQ(heap.stats().failures, 0u);
}

TEST(BoundedBound, RandomChurnNeverFailsAtTheBound) {
  for (const auto& c : bound_cases) {
    SCOPED_TRACE(testing::Message() << "M=" << c.M << " n=" << c.n << " l=" << c.l);
    random_churn<bounded>(c, 1);
    random_churn<bounded_a256>(c, 256);
  }
}

TEST(Bounded, ServesAVecAsAnAllocator) {
  arena m(1 << 16);
  bounded heap;
  ASSERT_TRUE(heap.init(m.data(), 1 << 16).has_value());
  auto v = bare::vec<int, bare::by_ref<bounded>>::try_with_capacity(0, bare::by_ref<bounded>(heap));
  ASSERT_TRUE(v.has_value());
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(v->try_push_back(i).has_value());
  for (int i = 0; i < 1000; ++i) ASSERT_EQ((*v)[static_cast<std::size_t>(i)], i);
  EXPECT_TRUE(heap.check());
}

#if BARE_ASAN
TEST(BoundedDeath, OverflowIntoFreeMemoryIsReported) {
  arena m(1024);
  bounded heap;
  ASSERT_TRUE(heap.init(m.data(), 1024).has_value());
  auto* p = static_cast<volatile unsigned char*>(heap.allocate({A, 8}));
  EXPECT_DEATH(p[A] = 1, "use-after-poison");
}
#endif

}  // namespace
