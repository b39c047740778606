#include "bare/vec_deque.hpp"
#include "heap.hpp"
#include "program.hpp"

int main() {
  size_program_heap_init();
  const int n = g_n;
  long sum = 0;
  {
    bare::vec_deque<int> d;
    for (int i = 0; i < n; ++i) {
      d.push_back(i);
      d.push_front(-i - 1);
    }
    for (int x : d) sum += x;
    for (std::size_t i = 0; i < d.size(); i += 2) sum += d[i];
    for (int i = 0; i < n / 2; ++i) {
      if (auto x = d.pop_back()) sum += *x;
      if (auto x = d.pop_front()) sum -= *x;
    }
    if (d.size() != static_cast<std::size_t>(n) || d.front() != -n / 2 || d.back() != n / 2 - 1) return 2;
  }
  return sum == 7300 ? 0 : 1;
}
