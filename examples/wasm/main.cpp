// WebAssembly example: a module that keeps a running set of measurements for JavaScript.
// It imports nothing. Its global allocator is a bump arena over a static array in linear
// memory; allocation failure is returned to JavaScript as a status code, never a trap.
//
// Exports (called by examples/wasm/demo.mjs):
//   stats_add(value)     -> 0 ok, 1 out of memory (the value was not stored), 2 overflow
//   stats_count()        -> number of stored values
//   stats_median()       -> median of the stored values (0 if none)
//   stats_reset()        -> frees everything
// and main(), run by the target runtime's run() (tools/demo.sh prints what it writes).
#include <cstddef>
#include <cstdint>

#include "bare/alloc/bump.hpp"
#include "bare/vec.hpp"
#include "port.h"

#define EXPORT(name) extern "C" __attribute__((export_name(name), used))

namespace {

alignas(16) unsigned char g_arena[16 * 1024];
bare::bump_allocator g_heap;
bool g_ready = false;

bare::bump_allocator& heap() {
  if (!g_ready) {
    g_heap.init(g_arena, sizeof g_arena);
    g_ready = true;
  }
  return g_heap;
}

struct heap_ref {  // the global allocator, initialised on first use
  void* allocate(bare::layout l) noexcept { return heap().allocate(l); }
  void deallocate(void* p, bare::layout l) noexcept { heap().deallocate(p, l); }
  void* grow(void* p, bare::layout l, std::size_t n) noexcept { return heap().grow(p, l, n); }
  void* shrink(void* p, bare::layout l, std::size_t n) noexcept { return heap().shrink(p, l, n); }
};
heap_ref g_global;

bare::vec<std::int32_t>* g_values = nullptr;  // the module's state
alignas(bare::vec<std::int32_t>) unsigned char g_values_storage[sizeof(bare::vec<std::int32_t>)];

bare::vec<std::int32_t>& values() {
  if (g_values == nullptr) g_values = ::new (g_values_storage) bare::vec<std::int32_t>();
  return *g_values;
}

void print(const char* s) {
  std::size_t n = 0;
  while (s[n] != '\0') ++n;
  bare_port_write(s, n);
}
void print_int(long v) {
  char buf[24];
  int i = 23;
  buf[i] = '\0';
  const bool neg = v < 0;
  unsigned long u = neg ? 0ul - static_cast<unsigned long>(v) : static_cast<unsigned long>(v);
  do {
    buf[--i] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (neg) buf[--i] = '-';
  print(buf + i);
}

}  // namespace

BARE_GLOBAL_ALLOCATOR(g_global);

EXPORT("stats_add") int stats_add(std::int32_t value) {
  auto r = values().try_push_back(value);
  if (r) return 0;
  return r.error().kind == bare::alloc_errc::out_of_memory ? 1 : 2;
}

EXPORT("stats_count") std::uint32_t stats_count() { return static_cast<std::uint32_t>(values().size()); }

EXPORT("stats_median") std::int32_t stats_median() {
  bare::vec<std::int32_t>& v = values();
  if (v.empty()) return 0;
  // Insertion sort in place: the module has no <algorithm> (no C library).
  for (std::size_t i = 1; i < v.size(); ++i) {
    const std::int32_t x = v[i];
    std::size_t j = i;
    for (; j > 0 && v[j - 1] > x; --j) v[j] = v[j - 1];
    v[j] = x;
  }
  return v[v.size() / 2];
}

EXPORT("stats_reset") void stats_reset() {
  values() = bare::vec<std::int32_t>();
  heap().reset();
}

int main() {
  int added = 0, refused = 0;
  for (std::int32_t i = 0; i < 10000; ++i) {
    if (stats_add((i * 7919) % 1000) == 0) ++added;
    else ++refused;
  }
  print("wasm: stored ");
  print_int(added);
  print(" values in a 16 KiB arena, refused ");
  print_int(refused);
  print(" (reported as values, nothing lost), median ");
  print_int(stats_median());
  print("\n");
  stats_reset();
  return stats_count() == 0 ? 0 : 1;
}
