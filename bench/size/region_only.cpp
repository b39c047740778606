// The region allocator's own code, measured by bench/size/run.sh: init, allocate,
// deallocate, grow and shrink, compiled to one object for Cortex-M4 at -Os.
#include "bare/alloc/region.hpp"

bare::region_allocator g_heap;

extern "C" int r_init(void* p, unsigned n) { return g_heap.init(p, n).has_value() ? 0 : 1; }
extern "C" void* r_alloc(unsigned n, unsigned a) { return g_heap.allocate(bare::layout{n, a}); }
extern "C" void r_free(void* p, unsigned n, unsigned a) { g_heap.deallocate(p, bare::layout{n, a}); }
extern "C" void* r_grow(void* p, unsigned n, unsigned a, unsigned m) {
  return g_heap.grow(p, bare::layout{n, a}, m);
}
extern "C" void* r_shrink(void* p, unsigned n, unsigned a, unsigned m) {
  return g_heap.shrink(p, bare::layout{n, a}, m);
}
