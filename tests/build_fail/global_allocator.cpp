// build.*global_allocator*: a program using vec<int> with the default allocator (bare::global).
// Without -DDEFINE_GLOBAL_ALLOCATOR it compiles but must fail to link, and the linker must name
// BARE_GLOBAL_ALLOCATOR; with it (the one line a program adds) it links.
#include <bare/vec.hpp>

#ifdef DEFINE_GLOBAL_ALLOCATOR
#include <bare/alloc/malloc.hpp>
static bare::malloc_allocator heap;
BARE_GLOBAL_ALLOCATOR(heap);
#endif

int main() {
  bare::vec<int> v;
  if (!v.try_push_back(42)) return 1;
  return v[0] == 42 ? 0 : 1;
}
