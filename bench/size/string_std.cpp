#include <string>

#include "program.hpp"

int main() {
  unsigned hash = 0;
  std::size_t size = 0;
  {
    std::string s;
    for (int i = 0; i < g_n; ++i) {
      s += "sensor ";
      s += std::to_string(i);
      s += ": ";
      s += std::to_string(i * 37 - 1000);
      s += " mV\n";
    }
    for (char c : s) hash = hash * 31 + static_cast<unsigned char>(c);
    size = s.size();
  }
  return size == 1858 && hash == 2556601698u ? 0 : 1;
}
