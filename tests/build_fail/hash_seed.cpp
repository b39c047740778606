// build.*hash_seed*: a program using hash_map<int, int> with the default hasher
// (bare::default_hasher, keyed by the program's seed). Without -DDEFINE_HASH_SEED it compiles
// but must fail to link, and the linker must name BARE_HASH_SEED; with it (the one line a
// program adds) it links. With -DFIXED_SEED the map uses bare::fixed_seed_hasher, which needs
// no seed: it links without the line.
#include <bare/alloc/malloc.hpp>
#include <bare/hash_map.hpp>

static bare::malloc_allocator heap;
BARE_GLOBAL_ALLOCATOR(heap);
#ifdef DEFINE_HASH_SEED
BARE_HASH_SEED(0x12345);
#endif

int main() {
#ifdef FIXED_SEED
  bare::hash_map<int, int, bare::fixed_seed_hasher> m;
#else
  bare::hash_map<int, int> m;
#endif
  if (!m.try_insert(1, 42)) return 1;
  return *m.get(1) == 42 ? 0 : 1;
}
