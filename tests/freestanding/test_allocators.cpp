// The allocator conformance run (Zig's std.heap.testAllocator in spirit), applied to every
// shipped allocator, plus the behaviour specific to each. Arenas are carved from the suite's
// global heap so that this also runs in the 16 KiB of RAM of the Cortex-M0 board.
#include "bare/alloc/allocator_ref.hpp"
#include "bare/alloc/bounded.hpp"
#include "bare/alloc/budget.hpp"
#include "bare/alloc/bump.hpp"
#include "bare/alloc/cached.hpp"
#include "bare/alloc/counting.hpp"
#include "bare/alloc/global.hpp"
#include "bare/alloc/locked.hpp"
#include "bare/alloc/pool.hpp"
#include "bare/alloc/region.hpp"
#include "bare/alloc/sealable.hpp"
#include "bare/vec.hpp"
#include "runner.hpp"

namespace {

constexpr std::size_t kArena = 2048;

struct arena {  // kArena bytes from the global heap, 16-aligned
  void* p = bare::global{}.allocate(bare::layout{kArena, 16});
  ~arena() { bare::global{}.deallocate(p, bare::layout{kArena, 16}); }
};

bool aligned(const void* p, std::size_t a) { return reinterpret_cast<std::uintptr_t>(p) % a == 0; }

// Conformance: zero and huge sizes, alignments, exhaustion with disjoint blocks, everything
// reusable after freeing everything, contents kept by grow/shrink.
template <class A>
void conformance(A& a, std::size_t max_align, std::size_t block, bool monotonic = false) {
  void* z = a.allocate(bare::layout{0, 1});
  FT_CHECK(z != nullptr);
  if (z) a.deallocate(z, bare::layout{0, 1});
  FT_CHECK(a.allocate(bare::layout{static_cast<std::size_t>(-1), 1}) == nullptr);
  FT_CHECK(a.allocate(bare::layout{static_cast<std::size_t>(-1) / 2, 8}) == nullptr);
  for (std::size_t al = 1; al <= max_align; al *= 2) {
    void* p = a.allocate(bare::layout{al, al});
    FT_CHECK(p != nullptr && aligned(p, al));
    if (p) {
      __builtin_memset(p, 0x5A, al);
      a.deallocate(p, bare::layout{al, al});
    }
  }
  void* blocks[96];
  std::size_t n = 0;
  for (; n < 96; ++n) {
    blocks[n] = a.allocate(bare::layout{block, 8});
    if (blocks[n] == nullptr) break;
    FT_CHECK(aligned(blocks[n], 8));
    __builtin_memset(blocks[n], static_cast<int>(n & 0xFF), block);
  }
  FT_CHECK(n > 2 && n < 96);  // exhausted, after some success
  for (std::size_t i = 0; i < n; ++i) {
    const auto* b = static_cast<const unsigned char*>(blocks[i]);
    FT_CHECK(b[0] == (i & 0xFF) && b[block - 1] == (i & 0xFF));  // no overlap
  }
  for (std::size_t i = n; i-- > 0;) a.deallocate(blocks[i], bare::layout{block, 8});
  if (monotonic) return;  // a bump arena gives memory back by reset() only
  std::size_t again = 0;
  for (; again < n; ++again) {
    blocks[again] = a.allocate(bare::layout{block, 8});
    if (blocks[again] == nullptr) break;
  }
  FT_CHECK(again == n);  // everything is reusable
  for (std::size_t i = again; i-- > 0;) a.deallocate(blocks[i], bare::layout{block, 8});
  if constexpr (bare::allocator_with_grow<A>) {
    const std::size_t small = block / 4 ? block / 4 : 1;
    auto* p = static_cast<unsigned char*>(a.allocate(bare::layout{small, 8}));
    FT_CHECK(p != nullptr);
    if (p) {
      for (std::size_t i = 0; i < small; ++i) p[i] = static_cast<unsigned char>(i);
      auto* q = static_cast<unsigned char*>(a.grow(p, bare::layout{small, 8}, block));
      FT_CHECK(q != nullptr);
      if (q) {
        for (std::size_t i = 0; i < small; ++i) FT_CHECK(q[i] == static_cast<unsigned char>(i));
        p = q;
        q = static_cast<unsigned char*>(a.shrink(p, bare::layout{block, 8}, 2));
        FT_CHECK(q != nullptr && q[1] == 1);
        if (q) p = q;
        a.deallocate(p, bare::layout{q ? 2 : block, 8});
      } else {
        a.deallocate(p, bare::layout{small, 8});
      }
    }
  }
}

void region_conformance() {
  arena m;
  bare::region_allocator r;
  FT_CHECK(r.init(m.p, kArena).has_value());
  conformance(r, 256, 48);
  FT_CHECK(r.check());
  FT_CHECK(r.stats().allocated == 0 && r.stats().largest_free == r.stats().capacity);
}

void region_errors_and_regions() {
  arena m;
  bare::region_allocator r;
  auto e1 = r.init(nullptr, 100);
  FT_CHECK(!e1 && e1.error() == bare::region_error::null_range);
  auto e2 = r.init(static_cast<unsigned char*>(m.p) + 1, 100);
  FT_CHECK(!e2 && e2.error() == bare::region_error::misaligned);
  auto e3 = r.init(m.p, 16);
  FT_CHECK(!e3 && e3.error() == bare::region_error::too_small);
  auto e4 = r.init(m.p, static_cast<std::size_t>(-1));
  FT_CHECK(!e4 && e4.error() == bare::region_error::wraps);
  FT_CHECK(r.init(m.p, kArena / 2).has_value());
  const std::size_t cap1 = r.stats().capacity;
  FT_CHECK(r.add_region(static_cast<unsigned char*>(m.p) + kArena / 2, kArena / 2).has_value());
  FT_CHECK(r.stats().capacity > cap1 && r.check());
  void* big = r.allocate(bare::layout{kArena / 2 - 200, 8});
  void* big2 = r.allocate(bare::layout{kArena / 2 - 200, 8});  // needs the second region
  FT_CHECK(big != nullptr && big2 != nullptr && r.check());
  FT_CHECK(r.allocate(bare::layout{kArena / 2 - 200, 8}) == nullptr && r.stats().failures == 1);
  r.deallocate(big, bare::layout{kArena / 2 - 200, 8});
  r.deallocate(big2, bare::layout{kArena / 2 - 200, 8});
  FT_CHECK(r.check() && r.stats().allocated == 0);
}

void region_grows_vec_in_place() {
  arena m;
  bare::region_allocator r;
  FT_CHECK(r.init(m.p, kArena).has_value());
  bare::counting<bare::by_ref<bare::region_allocator>> c{bare::by_ref<bare::region_allocator>(r)};
  {
    bare::vec<int, bare::by_ref<decltype(c)>> v(c);
    const int* first = nullptr;
    for (int i = 0; i < 200; ++i) {
      FT_CHECK(v.try_push_back(i).has_value());
      if (i == 0) first = v.data();
    }
    FT_CHECK(v.data() == first);  // alone in the heap: every growth happened in place
    FT_CHECK(r.check());
  }
  FT_CHECK(c.stats().current_bytes == 0 && r.stats().allocated == 0);
}

void bounded_conformance() {
  arena m;
  static bare::basic_bounded_allocator<16, 256> b;
  FT_CHECK(b.init(m.p, kArena).has_value());
  conformance(b, 256, 48);
  FT_CHECK(b.check());
  FT_CHECK(b.stats().allocated == 0);
  FT_CHECK(b.allocate(bare::layout{8, 512}) == nullptr);  // beyond MaxAlign
}

// The worst-case bound, on the target: the class sweep (the sequence that reaches the bound)
// fits a heap of exactly heap_size_bound(M, n, l) bytes and fills it exactly.
void bounded_bound_is_exact() {
  using heap_t = bare::bounded_allocator;
  constexpr std::size_t M = 256, n = 64, l = heap_t::min_block;
  constexpr std::size_t H = heap_t::heap_size_bound(M, n, l);
  static_assert(H <= kArena);
  arena m;
  static heap_t b;  // static: the control block stays off the small targets' stacks
  FT_CHECK(b.init(m.p, H).has_value() && b.capacity() == H);
  for (unsigned k = heap_t::class_of({l, 1}); k <= heap_t::class_of({n, 1}); ++k) {
    const std::size_t s = heap_t::block_size(k), req = k == 0 ? l : s / 2 + 1;
    void* live[M / l];
    std::size_t count = 0;
    for (std::size_t total = req; total <= M; total += req) {
      live[count] = b.allocate({req, 1});
      FT_CHECK(live[count] != nullptr);
      ++count;
    }
    while (count > 0) b.deallocate(live[--count], {req, 1});
  }
  FT_CHECK(b.stats().failures == 0 && b.stats().carved == H && b.check());
}

void bump_conformance() {
  arena m;
  bare::bump_allocator b(m.p, kArena);
  conformance(b, 256, 48, true);
  b.reset();
  FT_CHECK(b.used() == 0);
  conformance(b, 256, 48, true);
}

void pool_conformance() {
  static bare::pool_allocator<64, 12> pool;
  conformance(pool, 8, 64);
  FT_CHECK(pool.used() == 0);
  FT_CHECK(pool.allocate(bare::layout{65, 1}) == nullptr);  // larger than a block
  void* ps[12];
  for (auto& p : ps) p = pool.allocate(bare::layout{8, 8});
  FT_CHECK(pool.allocate(bare::layout{8, 8}) == nullptr && pool.last_failure() == bare::alloc_errc::full);
  FT_CHECK(pool.owns(ps[3]));
  for (auto& p : ps) pool.deallocate(p, bare::layout{8, 8});
  // A vec of at most one block: the 13th... block request reports full.
  bare::vec<char, bare::by_ref<decltype(pool)>> v(pool);
  FT_CHECK(v.try_reserve_exact(64).has_value());
  auto r = v.try_reserve_exact(65);
  FT_CHECK(!r && r.error().kind == bare::alloc_errc::out_of_memory);
}

void budget_reports_full() {
  arena m;
  bare::region_allocator r;
  FT_CHECK(r.init(m.p, kArena).has_value());
  using ref = bare::by_ref<bare::region_allocator>;
  bare::budget<ref> b(600, ref(r));
  conformance(b, 64, 40);
  FT_CHECK(b.used() == 0);
  bare::vec<int, bare::by_ref<bare::budget<ref>>> v(b);
  for (int i = 0; i < 100; ++i) FT_CHECK(v.try_push_back(i).has_value());
  auto full = v.try_reserve_exact(200);
  FT_CHECK(!full && full.error().kind == bare::alloc_errc::full && v.size() == 100);
  FT_CHECK(b.used() == v.capacity() * sizeof(int) && b.used() <= 600);
}

void sealable_after_seal() {
  arena m;
  bare::region_allocator r;
  FT_CHECK(r.init(m.p, kArena).has_value());
  bare::sealable<bare::by_ref<bare::region_allocator>> s{bare::by_ref<bare::region_allocator>(r)};
  conformance(s, 64, 40);
  bare::vec<int, bare::by_ref<decltype(s)>> v(s);
  FT_CHECK(v.try_reserve_exact(8).has_value());
  s.seal();
  for (int i = 0; i < 8; ++i) FT_CHECK(v.push_back_within_capacity(i).has_value());
  auto e = v.try_push_back(9);
  FT_CHECK(!e && e.error().kind == bare::alloc_errc::full && v.size() == 8);
  FT_CHECK(s.allocate(bare::layout{4, 4}) == nullptr);
}

void cached_conformance() {
  arena m;
  bare::region_allocator r;
  FT_CHECK(r.init(m.p, kArena).has_value());
  using ref = bare::by_ref<bare::region_allocator>;
  {
    bare::cached<ref, 128, 4> c{ref(r)};
    conformance(c, 64, 40);
    FT_CHECK(c.check());
    void* p = c.allocate(bare::layout{c.granule + 1, 4});  // the class of granule + 1 .. 2 granule
    c.deallocate(p, bare::layout{c.granule + 1, 4});
    const std::size_t calls = r.stats().allocations;
    FT_CHECK(c.allocate(bare::layout{2 * c.granule, 8}) == p);  // a hit: the same block
    FT_CHECK(r.stats().allocations == calls);
    c.deallocate(p, bare::layout{2 * c.granule, 8});
    FT_CHECK(c.cached_blocks() > 0 && c.check());
    FT_CHECK(c.flush() > 0 && c.cached_blocks() == 0);
  }
  FT_CHECK(r.check() && r.stats().allocated == 0);
}

int g_depth = 0, g_entries = 0;
struct test_guard {  // stands in for interrupt masking: counts nesting
  test_guard() noexcept {
    ++g_depth;
    ++g_entries;
  }
  ~test_guard() { --g_depth; }
};

void locked_wraps_every_call() {
  arena m;
  bare::region_allocator r;
  FT_CHECK(r.init(m.p, kArena).has_value());
  bare::locked<bare::by_ref<bare::region_allocator>, test_guard> l{bare::by_ref<bare::region_allocator>(r)};
  conformance(l, 64, 40);
  FT_CHECK(g_depth == 0 && g_entries > 20);
}

void allocator_ref_dispatch() {
  arena m;
  bare::region_allocator r;
  FT_CHECK(r.init(m.p, kArena).has_value());
  static bare::pool_allocator<32, 8> pool;
  bare::allocator_ref ar(r), ap(pool);
  conformance(ar, 64, 40);
  FT_CHECK(r.stats().allocations > 0 && r.check());
  void* p = ap.allocate(bare::layout{16, 8});
  FT_CHECK(pool.owns(p));
  ap.deallocate(p, bare::layout{16, 8});
  bare::vec<int, bare::allocator_ref> v(ap);
  for (int i = 0; i < 8; ++i) FT_CHECK(v.try_push_back(i).has_value());
  auto e = v.try_push_back(8);  // 9 ints do not fit a 32-byte block
  FT_CHECK(!e && v.size() == 8);
  FT_CHECK(sizeof(bare::allocator_ref) == 2 * sizeof(void*));
}

}  // namespace

FT_GROUP(allocators, FT_TEST(region_conformance), FT_TEST(region_errors_and_regions),
         FT_TEST(region_grows_vec_in_place), FT_TEST(bounded_conformance),
         FT_TEST(bounded_bound_is_exact), FT_TEST(bump_conformance), FT_TEST(pool_conformance),
         FT_TEST(budget_reports_full), FT_TEST(cached_conformance), FT_TEST(sealable_after_seal), FT_TEST(locked_wraps_every_call),
         FT_TEST(allocator_ref_dispatch));
