#include "bare/string.hpp"
#include "heap.hpp"
#include "program.hpp"

int main() {
  size_program_heap_init();
  unsigned hash = 0;
  std::size_t size = 0;
  {
    bare::string s;
    for (int i = 0; i < g_n; ++i) {
      s.append("sensor ");
      s.append_int(i);
      s.append(": ");
      s.append_int(i * 37 - 1000);
      s.append(" mV\n");
    }
    for (char c : s) hash = hash * 31 + static_cast<unsigned char>(c);
    size = s.size();
  }
  return size == 1858 && hash == 2556601698u ? 0 : 1;
}
