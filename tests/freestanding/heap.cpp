// The conformance suite's global allocator: bare::region_allocator over a static array, with
// a count of live blocks so tests can assert that nothing leaked, and the region's check()
// run on every free.
#include <cstddef>
#include <cstdint>

#include "bare/alloc/global.hpp"
#include "bare/alloc/region.hpp"
#include "test_heap.hpp"

#ifndef BARE_TEST_HEAP_SIZE
#define BARE_TEST_HEAP_SIZE 65536
#endif

namespace {

alignas(16) unsigned char g_arena[BARE_TEST_HEAP_SIZE];
bare::region_allocator g_region;  // constant-initialised
bool g_ready = false;
std::size_t g_live = 0;

bare::region_allocator& region() {
  if (!g_ready) {
    auto r = g_region.init(g_arena, sizeof g_arena);
    if (!r) bare::panic(bare::to_string(r.error()));
    g_ready = true;
  }
  return g_region;
}

struct test_heap {
  void* allocate(bare::layout l) noexcept {
    void* p = region().allocate(l);
    if (p != nullptr) ++g_live;
    return p;
  }
  void deallocate(void* p, bare::layout l) noexcept {
    region().deallocate(p, l);
    --g_live;
    if (!region().check()) bare::panic(region().check().problem);
  }
  void* grow(void* p, bare::layout l, std::size_t n) noexcept { return region().grow(p, l, n); }
  void* shrink(void* p, bare::layout l, std::size_t n) noexcept { return region().shrink(p, l, n); }
};

test_heap g_heap;

}  // namespace

BARE_GLOBAL_ALLOCATOR(g_heap);

std::size_t test_heap_live_blocks() { return g_live; }
std::size_t test_heap_size() { return sizeof(g_arena); }
