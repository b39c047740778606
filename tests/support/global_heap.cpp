// The host test programs' global allocator: malloc, counted (see heap.hpp); and their hash seed.
#include <cstddef>

#include "bare/alloc/global.hpp"
#include "bare/alloc/malloc.hpp"
#include "bare/hash.hpp"
#include "support/heap.hpp"

namespace {

struct counted_malloc {
  bare::malloc_allocator inner;
  bare_test::heap_stats stats;
  std::size_t fail_next = 0;

  bool fail_now() noexcept {
    if (fail_next == 0) return false;
    --fail_next;
    ++stats.failures;
    return true;
  }
  void* allocate(bare::layout l) noexcept {
    if (fail_now()) return nullptr;
    void* p = inner.allocate(l);
    if (p == nullptr) {
      ++stats.failures;
      return nullptr;
    }
    ++stats.allocations;
    ++stats.live_blocks;
    stats.live_bytes += l.size;
    return p;
  }
  void deallocate(void* p, bare::layout l) noexcept {
    inner.deallocate(p, l);
    ++stats.deallocations;
    --stats.live_blocks;
    stats.live_bytes -= l.size;
  }
  void* resized(void* q, bare::layout old, std::size_t n) noexcept {
    if (q == nullptr) {
      ++stats.failures;
      return nullptr;
    }
    ++stats.resizes;
    stats.live_bytes = stats.live_bytes - old.size + n;
    return q;
  }
  void* grow(void* p, bare::layout old, std::size_t n) noexcept {
    if (fail_now()) return nullptr;
    return resized(inner.grow(p, old, n), old, n);
  }
  void* shrink(void* p, bare::layout old, std::size_t n) noexcept {
    if (fail_now()) return nullptr;
    return resized(inner.shrink(p, old, n), old, n);
  }
};

counted_malloc g_heap;  // constant-initialised: no global constructor

}  // namespace

BARE_GLOBAL_ALLOCATOR(g_heap);
// The seed of bare::default_hasher (hash_map / hash_set): fixed, so that test runs replay.
BARE_HASH_SEED(0x7E57'5EEDull);

namespace bare_test {
heap_stats global_heap_stats() noexcept { return g_heap.stats; }
void global_heap_fail_next(std::size_t n) noexcept { g_heap.fail_next = n; }
}  // namespace bare_test
