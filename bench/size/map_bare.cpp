#include "bare/btree_map.hpp"
#include "heap.hpp"
#include "map_program.hpp"

int main() {
  size_program_heap_init();
  return map_program<bare::btree_map<int, int>, true>([](auto& m, int k, int v) { m.insert(k, v); });
}
