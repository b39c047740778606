#include <vector>

#include "program.hpp"

int main() {
  long sum = 0;
  {
    std::vector<int> v;
    for (int i = 0; i < g_n; ++i) v.push_back(i * 3);
    for (int x : v) sum += x;
  }
  return sum == 14850 ? 0 : 1;
}
