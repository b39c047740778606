// bare's default hasher, keyed by the program's seed (a constant here, as in a program without
// a random source; a real one would read a TRNG): the configuration bare recommends.
#include "bare/hash_map.hpp"
#include "heap.hpp"
#include "map_program.hpp"

BARE_HASH_SEED(0x243f6a8885a308d3u);

int main() {
  size_program_heap_init();
  return map_program<bare::hash_map<int, int>, false>([](auto& m, int k, int v) { m.insert(k, v); });
}
