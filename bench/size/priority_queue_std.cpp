#include <queue>

#include "program.hpp"

int main() {
  const int n = g_n;
  long sum = 0;
  {
    std::priority_queue<int> h;
    for (int i = 0; i < n; ++i) h.push(size_program_key(i, n) * 3);
    if (h.size() != static_cast<std::size_t>(n) || h.top() != 3 * (n - 1)) return 2;
    int prev = 3 * n;
    while (!h.empty()) {
      const int x = h.top();
      h.pop();
      if (x > prev) return 3;  // greatest first
      prev = x;
      sum += x;
    }
  }
  return sum == 14850 ? 0 : 1;
}
