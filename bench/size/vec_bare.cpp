#include "bare/vec.hpp"
#include "heap.hpp"
#include "program.hpp"

int main() {
  size_program_heap_init();
  long sum = 0;
  {
    bare::vec<int> v;
    for (int i = 0; i < g_n; ++i) v.push_back(i * 3);
    for (int x : v) sum += x;
  }
  return sum == 14850 ? 0 : 1;
}
