// Cortex-M4 firmware example (runs on QEMU's mps2-an386 board, see tools/demo.sh).
//
// - The global allocator is a region_allocator (O(1) TLSF-class heap) over the RAM the linker
//   leaves free after .bss ([__heap_start, __heap_end), targets/common/cortex_m.ld).
// - Allocation-error and panic handlers print and halt.
// - Sensor readings are sampled into a vec that lives in a small, separate 1 KiB arena. Its
//   growth is fallible: when the arena is full, try_push_back reports it as a value, and the
//   firmware summarises the batch into the global heap and starts over, losing nothing.
#include <cstddef>
#include <cstdint>

#include "bare/alloc/bump.hpp"
#include "bare/alloc/region.hpp"
#include "bare/box.hpp"
#include "bare/vec.hpp"
#include "port.h"

extern "C" unsigned char __heap_start[], __heap_end[];

namespace {

bare::region_allocator g_heap;  // constant-initialised (no global constructor); init() in main

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

[[noreturn]] void on_alloc_error(bare::alloc_error e) {
  print("fatal: cannot allocate ");
  print_int(static_cast<long>(e.request.size));
  print(" bytes: ");
  print(bare::to_string(e.kind));
  print("\n");
  bare_port_exit(2);  // on a real board: log, then reset or halt
}
[[noreturn]] void on_panic(const char* msg, bare::source_loc where) {
  print("panic: ");
  print(msg);
  if (where.file != nullptr) {
    print(" at ");
    print(where.file);
    print(":");
    print_int(static_cast<long>(where.line));
  }
  print("\n");
  bare_port_exit(3);
}

struct reading {
  std::uint32_t t_ms;
  std::int16_t centi_celsius;
};
struct summary {
  std::uint32_t from_ms, to_ms;
  std::size_t count;
  int min, max, mean;
};

// A stand-in for an ADC: a slow ramp with deterministic noise (no hardware on QEMU).
std::int16_t sample(std::uint32_t t) {
  static std::uint32_t lcg = 12345;
  lcg = lcg * 1664525u + 1013904223u;
  return static_cast<std::int16_t>(2000 + static_cast<int>(t / 50) + static_cast<int>(lcg >> 28) - 8);
}

summary summarise(const bare::vec<reading, bare::by_ref<bare::bump_allocator>>& batch) {
  summary s{batch.front().t_ms, batch.back().t_ms, batch.size(), 1 << 30, -(1 << 30), 0};
  long sum = 0;
  for (const reading& r : batch) {
    s.min = r.centi_celsius < s.min ? r.centi_celsius : s.min;
    s.max = r.centi_celsius > s.max ? r.centi_celsius : s.max;
    sum += r.centi_celsius;
  }
  s.mean = static_cast<int>(sum / static_cast<long>(batch.size()));
  return s;
}

}  // namespace

BARE_GLOBAL_ALLOCATOR(g_heap);

int main() {
  bare::set_alloc_error_handler(on_alloc_error);
  bare::set_panic_handler(on_panic);
  if (auto r = g_heap.init(__heap_start, static_cast<std::size_t>(__heap_end - __heap_start)); !r)
    on_panic(bare::to_string(r.error()), {});

  alignas(8) static unsigned char window_memory[1024];
  bare::bump_allocator window(window_memory, sizeof window_memory);
  bare::vec<reading, bare::by_ref<bare::bump_allocator>> batch(window);
  bare::vec<summary> summaries;  // global heap, infallible API: failure goes to on_alloc_error

  for (std::uint32_t t = 0; t < 2000; t += 4) {
    const reading r{t, sample(t)};
    if (batch.try_push_back(r)) continue;
    // The window is full: the reading was not consumed and the batch is intact.
    summaries.push_back(summarise(batch));
    batch.clear();  // keeps its capacity: the next batch needs no allocation
    if (!batch.try_push_back(r)) on_panic("empty batch cannot hold one reading", {});
  }
  if (!batch.empty()) summaries.push_back(summarise(batch));

  print("firmware: ");
  print_int(static_cast<long>(summaries.size()));
  print(" batches of up to ");
  print_int(static_cast<long>(batch.capacity()));
  print(" readings (1 KiB window, grown in place)\n");
  for (const summary& s : summaries) {
    print("  t=");
    print_int(static_cast<long>(s.from_ms));
    print("..");
    print_int(static_cast<long>(s.to_ms));
    print(" ms  n=");
    print_int(static_cast<long>(s.count));
    print("  min=");
    print_int(s.min);
    print(" max=");
    print_int(s.max);
    print(" mean=");
    print_int(s.mean);
    print(" (centi-degC)\n");
  }
  auto config = bare::make_box<summary>(summaries.back());
  print("firmware: last summary boxed on the global heap, mean ");
  print_int(config->mean);
  const bare::region_stats st = g_heap.stats();
  print("; global heap: ");
  print_int(static_cast<long>(st.allocated));
  print(" bytes in use (peak ");
  print_int(static_cast<long>(st.peak));
  print(") of ");
  print_int(static_cast<long>(st.capacity));
  print(", heap check ");
  print(g_heap.check() ? "ok" : g_heap.check().problem);
  print("\n");
  return 0;
}
