// Cortex-M4 firmware example (runs on QEMU's mps2-an386 board, see tools/demo.sh): a small
// sensor node, in simulated time (QEMU has no sensors; 2 seconds of the node's life run in
// a few milliseconds).
//
// - The global allocator is a region_allocator (O(1) TLSF-class heap) over the RAM the linker
//   leaves free after .bss ([__heap_start, __heap_end), targets/common/cortex_m.ld). Its
//   statistics are printed at the end.
// - Allocation-error and panic handlers print and halt.
// - A timer queue on binary_heap (earliest deadline first) drives everything: one periodic
//   sampling timer per sensor, a report timer every 500 ms.
// - A registry on btree_map, sorted by sensor id, holds each sensor's name, counters and its
//   ring buffer of the last 16 readings (fixed_deque: push_back_overwrite drops the oldest;
//   no allocation after start-up).
// - Temperature readings are also sampled into a vec in a separate 1 KiB arena. Its growth is
//   fallible: when the arena is full, try_push_back reports it as a value, and the firmware
//   summarises the batch into the global heap and starts over, losing nothing.
// - The report is built in a bare::string on the global heap and printed once at the end.
#include <cstddef>
#include <cstdint>

#include "bare/alloc/bump.hpp"
#include "bare/alloc/region.hpp"
#include "bare/binary_heap.hpp"
#include "bare/btree_map.hpp"
#include "bare/fixed_deque.hpp"
#include "bare/str.hpp"
#include "bare/string.hpp"
#include "bare/vec.hpp"
#include "port.h"

extern "C" unsigned char __heap_start[], __heap_end[];

namespace {

bare::region_allocator g_heap;  // constant-initialised (no global constructor); init() in main

void print(bare::str s) { bare_port_write(s.data(), s.size()); }
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

// ---- sensors -----------------------------------------------------------------------------------

// A stand-in for an ADC: a slow ramp per sensor with deterministic noise.
std::int16_t sample(std::uint8_t id, std::uint32_t t) {
  static std::uint32_t lcg = 12345;
  lcg = lcg * 1664525u + 1013904223u;
  const int base = id == 0x10 ? 2000 : id == 0x22 ? 4500 : 1013;
  return static_cast<std::int16_t>(base + static_cast<int>(t / 50) + static_cast<int>(lcg >> 28) - 8);
}

// One sensor in the registry. The ring buffer lives inside the entry: once registered, a
// sensor never allocates again.
struct sensor {
  sensor(bare::str n, bare::str u, std::uint32_t period) noexcept : name(n), unit(u), period_ms(period) {}

  bare::str name;
  bare::str unit;
  std::uint32_t period_ms;
  std::uint32_t samples = 0;
  int min = 1 << 30, max = -(1 << 30);
  bare::fixed_deque<std::int16_t, 16> recent;  // the last 16 readings, oldest first

  void record(std::int16_t v) {
    (void)recent.push_back_overwrite(v);  // full: the oldest reading goes
    ++samples;
    min = v < min ? v : min;
    max = v > max ? v : max;
  }
  int recent_mean() const {
    long sum = 0;
    for (std::int16_t v : recent) sum += v;
    return recent.empty() ? 0 : static_cast<int>(sum / static_cast<long>(recent.size()));
  }
};
using registry = bare::btree_map<std::uint8_t, sensor>;

// ---- the timer queue -------------------------------------------------------------------------

enum class job : std::uint8_t { sample, report };
struct timer {
  std::uint32_t due_ms;
  std::uint32_t seq;  // insertion order: equal deadlines fire first-come first-served
  job what;
  std::uint8_t sensor_id;
};
// binary_heap is a max-heap by its comparator: "a before b" means a fires later.
struct fires_later {
  bool operator()(const timer& a, const timer& b) const noexcept {
    return a.due_ms != b.due_ms ? a.due_ms > b.due_ms : a.seq > b.seq;
  }
};
using timer_queue = bare::binary_heap<timer, fires_later>;

// ---- the temperature batches (fallible growth in a fixed arena) ------------------------------

struct reading {
  std::uint32_t t_ms;
  std::int16_t centi_celsius;
};
struct summary {
  std::uint32_t from_ms, to_ms;
  std::size_t count;
  int min, max, mean;
};
using batch_vec = bare::vec<reading, bare::by_ref<bare::bump_allocator>>;

summary summarise(const batch_vec& batch) {
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

// One line of the report per sensor: "t=500 ms  temp    avg16=2011 cC  n=125".
void report_line(bare::string<>& out, std::uint32_t now, const sensor& s) {
  out += "  t=";
  out.append_int(now);
  out += " ms  ";
  out += s.name;
  for (std::size_t i = s.name.size(); i < 9; ++i) out += U' ';
  out += "avg16=";
  out.append_int(s.recent_mean());
  out += " ";
  out += s.unit;
  out += "  n=";
  out.append_int(s.samples);
  out += "\n";
}

}  // namespace

BARE_GLOBAL_ALLOCATOR(g_heap);

int main() {
  bare::set_alloc_error_handler(on_alloc_error);
  bare::set_panic_handler(on_panic);
  if (auto r = g_heap.init(__heap_start, static_cast<std::size_t>(__heap_end - __heap_start)); !r)
    on_panic(bare::to_string(r.error()), {});

  // Start-up: everything that allocates for the node's whole life happens here.
  registry sensors;
  sensors.insert(std::uint8_t{0x10}, sensor("temp", "cC", 4));
  sensors.insert(std::uint8_t{0x22}, sensor("humidity", "c%", 20));
  sensors.insert(std::uint8_t{0x31}, sensor("pressure", "hPa", 50));

  timer_queue timers;
  timers.reserve(sensors.size() + 1);  // one timer per sensor + the report: never grows later
  std::uint32_t seq = 0;
  for (auto [id, s] : sensors) timers.push(timer{s.period_ms, seq++, job::sample, id});
  timers.push(timer{500, seq++, job::report, 0});

  bare::string<> report;
  alignas(8) static unsigned char window_memory[1024];
  bare::bump_allocator window(window_memory, sizeof window_memory);
  batch_vec batch(window);
  bare::vec<summary> summaries;  // global heap, infallible API: failure goes to on_alloc_error

  // The main loop: run whatever is due, earliest first, until t = 2000 ms.
  constexpr std::uint32_t end_ms = 2000;
  std::uint32_t fired = 0, reports = 0;
  while (timers.top().due_ms <= end_ms) {
    timer t = *timers.pop();  // never empty: every timer re-arms itself
    ++fired;
    if (t.what == job::sample) {
      sensor& s = sensors.at(t.sensor_id);
      const std::int16_t v = sample(t.sensor_id, t.due_ms);
      s.record(v);
      if (t.sensor_id == 0x10 && !batch.try_push_back(reading{t.due_ms, v})) {
        // The window is full: the reading was not consumed and the batch is intact.
        summaries.push_back(summarise(batch));
        batch.clear();  // keeps its capacity: the next batch needs no allocation
        if (!batch.try_push_back(reading{t.due_ms, v})) on_panic("empty batch cannot hold one reading", {});
      }
      t.due_ms += s.period_ms;
    } else {
      ++reports;
      for (const auto& [id, s] : sensors) report_line(report, t.due_ms, s);
      t.due_ms += 500;
    }
    t.seq = seq++;
    if (!timers.push_within_capacity(t)) on_panic("timer queue grew after start-up", {});
  }
  if (!batch.empty()) summaries.push_back(summarise(batch));

  print("firmware: timer queue (binary_heap): ");
  print_int(static_cast<long>(fired));
  print(" timers fired in ");
  print_int(end_ms);
  print(" ms, ");
  print_int(reports);
  print(" reports\n");

  print("firmware: registry (btree_map, by id):\n");
  for (const auto& [id, s] : sensors) {
    const char hex[] = {' ', ' ', '0', 'x', "0123456789abcdef"[id >> 4], "0123456789abcdef"[id & 15], ' ', '\0'};
    print(hex);
    print(s.name);
    print(": ");
    print_int(static_cast<long>(s.samples));
    print(" samples, min ");
    print_int(s.min);
    print(" max ");
    print_int(s.max);
    print(", ring buffer (fixed_deque) holds the last ");
    print_int(static_cast<long>(s.recent.size()));
    print(", newest ");
    print_int(s.recent.back());
    print("\n");
  }

  print("firmware: report (a bare::string of ");
  print_int(static_cast<long>(report.size()));
  print(" bytes):\n");
  print(report);

  print("firmware: ");
  print_int(static_cast<long>(summaries.size()));
  print(" temperature batches of up to ");
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
    print(" (cC)\n");
  }

  const bare::region_stats st = g_heap.stats();
  const bare::heap_check check = g_heap.check();
  print("firmware: heap: ");
  print_int(static_cast<long>(st.allocated));
  print(" bytes in use (peak ");
  print_int(static_cast<long>(st.peak));
  print(") of ");
  print_int(static_cast<long>(st.capacity));
  print(", ");
  print_int(static_cast<long>(st.allocations));
  print(" allocations, ");
  print_int(static_cast<long>(st.failures));
  print(" failures, largest free block ");
  print_int(static_cast<long>(st.largest_free));
  print(", check ");
  print(check ? "ok" : check.problem);
  print("\n");
  return check && st.failures == 0 ? 0 : 1;
}
