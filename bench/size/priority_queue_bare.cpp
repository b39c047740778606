#include "bare/binary_heap.hpp"
#include "heap.hpp"
#include "program.hpp"

int main() {
  size_program_heap_init();
  const int n = g_n;
  long sum = 0;
  {
    bare::binary_heap<int> h;
    for (int i = 0; i < n; ++i) h.push(size_program_key(i, n) * 3);
    if (h.size() != static_cast<std::size_t>(n) || *h.peek() != 3 * (n - 1)) return 2;
    int prev = 3 * n;
    while (auto x = h.pop()) {
      if (*x > prev) return 3;  // greatest first
      prev = *x;
      sum += *x;
    }
  }
  return sum == 14850 ? 0 : 1;
}
