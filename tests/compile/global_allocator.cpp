// Build test: a program that uses bare::vec (default allocator bare::global) must define its
// global allocator; without it the link fails with a symbol that names BARE_GLOBAL_ALLOCATOR.
#include "bare/vec.hpp"

#if defined(DEFINE_GLOBAL)
#include "bare/alloc/malloc.hpp"
static bare::malloc_allocator heap;
BARE_GLOBAL_ALLOCATOR(heap);
#endif

int main() {
  bare::vec<int> v;
  return v.try_push_back(1) ? 0 : 1;
}
