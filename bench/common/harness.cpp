// bench/common/harness.cpp — main() of every C++ benchmark group (see harness.hpp).
//
//   bench_<group> [--quick] [--sizes=1000,100000] [--reps=5] [--min-time=0.05]
//                 [--only=rows|time] [--benchmark_filter=...] [MODE args...]
//
// Prints one JSON line per row on stdout; Google Benchmark's table goes to stderr.
#include "harness.hpp"

#include <sys/mman.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <string>
#include <utility>

#include "bare/alloc/global.hpp"
#include "bare/alloc/region.hpp"

// ---- bare-region: bare::global is a region_allocator over a big reserved arena ---------------
// 16 GiB of address space, MAP_NORESERVE: pages are only backed once touched. Every
// container of the bare-region pass (bare::vec<T> with the default allocator, ...) uses it.
namespace {
bare::region_allocator g_region;
constexpr std::size_t region_arena_bytes = std::size_t{1} << 34;

void init_region_arena() {
  void* p = mmap(nullptr, region_arena_bytes, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED || !g_region.init(p, region_arena_bytes)) {
    std::fprintf(stderr, "bench: cannot set up the region arena\n");
    std::exit(1);
  }
}

// glibc serves blocks above its mmap threshold (128 KiB at start) with mmap, and raises the
// threshold to the size of an mmap'ed block when one is freed (up to 32 MiB). So the same
// allocation costs a fresh mapping plus page faults in one process and a recycled heap block
// in another, depending on what that process freed before. Every benchmark program (the Rust
// one too) therefore starts by allocating and freeing one block just under 32 MiB: the
// threshold is at its maximum everywhere, as in a long-running program.
void settle_glibc_malloc() {
  void* volatile p = std::malloc((std::size_t{32} << 20) - (std::size_t{64} << 10));
  std::free(p);
}
}  // namespace
BARE_GLOBAL_ALLOCATOR(g_region);

namespace bench {
namespace {

struct time_entry {
  std::size_t index;  // registration order: the order of the rows
  bool manual;        // timed by manual_timer (else: Google Benchmark's CPU time)
  std::string workload, impl;
  std::size_t n;
  double ops;
  std::optional<double> bytes_per_elem;
};

config g_cfg;
std::map<std::string, time_entry>& time_entries() {
  static std::map<std::string, time_entry> m;
  return m;
}
std::vector<std::function<void()>>& row_fns() {
  static std::vector<std::function<void()>> v;
  return v;
}
std::map<std::string, std::function<int(int, char**)>>& modes() {
  static std::map<std::string, std::function<int(int, char**)>> m;
  return m;
}

std::string n_json(std::optional<std::size_t> n) { return n ? std::to_string(*n) : "null"; }
std::string num_json(std::optional<double> x) {
  if (!x) return "null";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", *x);
  return buf;
}

std::string time_row(const std::string& workload, std::optional<std::size_t> n, const std::string& impl,
                     double ns_per_op, std::optional<double> bytes_per_elem) {
  return "{\"group\":\"" + std::string(group_name) + "\",\"workload\":\"" + workload + "\",\"n\":" + n_json(n) +
         ",\"impl\":\"" + impl + "\",\"ns_per_op\":" + num_json(ns_per_op) +
         ",\"bytes_per_elem\":" + num_json(bytes_per_elem) + "}";
}

// One row per benchmark: the median aggregate (or the single run without repetitions).
// The repetitions run randomly interleaved, so rows are kept and printed in registration
// order at the end (print_rows).
class row_reporter : public benchmark::ConsoleReporter {
 public:
  row_reporter() : benchmark::ConsoleReporter(OO_Tabular) {
    SetOutputStream(&std::cerr);
    SetErrorStream(&std::cerr);
  }
  void ReportRuns(const std::vector<Run>& runs) override {
    benchmark::ConsoleReporter::ReportRuns(runs);
    for (const Run& r : runs) {
      const bool take = r.run_type == Run::RT_Aggregate ? r.aggregate_name == "median" : r.repetitions <= 1;
      if (!take || r.error_occurred) continue;
      auto it = time_entries().find(r.run_name.function_name);
      if (it == time_entries().end()) continue;
      const time_entry& e = it->second;
      // A manual time is reported as the real time; otherwise the thread's CPU time.
      const double t = e.manual ? r.GetAdjustedRealTime() : r.GetAdjustedCPUTime();
      const double ns = t * ns_per_unit(r.time_unit);
      rows_[e.index] = time_row(e.workload, e.n, e.impl, ns / e.ops, e.bytes_per_elem);
    }
  }
  void print_rows() const {
    for (const auto& [index, row] : rows_) std::printf("%s\n", row.c_str());
    std::fflush(stdout);
  }

 private:
  static double ns_per_unit(benchmark::TimeUnit u) {
    switch (u) {
      case benchmark::kNanosecond: return 1;
      case benchmark::kMicrosecond: return 1e3;
      case benchmark::kMillisecond: return 1e6;
      default: return 1e9;
    }
  }
  std::map<std::size_t, std::string> rows_;
};

benchmark::internal::Benchmark* add_(const std::string& workload, const std::string& impl, std::size_t n,
                                     double ops, std::function<void(benchmark::State&)> fn,
                                     std::optional<double> bytes_per_elem, bool manual) {
  std::string name = std::string(group_name) + "/" + workload + "/" + impl + "/n:" + std::to_string(n);
  time_entries()[name] = time_entry{time_entries().size(), manual, workload, impl, n, ops, bytes_per_elem};
  auto* b = benchmark::RegisterBenchmark(name.c_str(), [fn = std::move(fn)](benchmark::State& s) { fn(s); });
  // A warm-up of min_time / 2 below n = 10^6; from 10^6 up, where the setup has touched the
  // data already and one iteration alone lasts 0.1 s or more, none and at most 3 repetitions
  // (bench/rust/main.rs: the same).
  const bool large = n >= large_n;
  const int reps = large ? std::min(g_cfg.repetitions, large_n_reps) : g_cfg.repetitions;
  b->Unit(benchmark::kNanosecond)->MinTime(g_cfg.min_time)->MinWarmUpTime(large ? 0.0 : g_cfg.min_time / 2);
  if (reps > 1) b->Repetitions(reps)->ReportAggregatesOnly(true);
  return b;
}

std::vector<std::size_t> parse_sizes(const char* s) {
  std::vector<std::size_t> out;
  while (*s != '\0') {
    char* end = nullptr;
    const unsigned long long v = std::strtoull(s, &end, 10);
    if (end == s) break;
    out.push_back(static_cast<std::size_t>(v));
    s = *end == ',' ? end + 1 : end;
  }
  return out;
}

}  // namespace

std::span<const u64> data(std::size_t n) {
  static std::vector<u64> v;
  if (v.size() < n) {
    v.resize(n);
    splitmix64 r(data_seed);
    for (auto& x : v) x = r.next();
  }
  return {v.data(), n};
}

void add_time(const std::string& workload, const std::string& impl, std::size_t n, double ops,
              std::function<void(benchmark::State&)> fn, std::optional<double> bytes_per_elem) {
  add_(workload, impl, n, ops, std::move(fn), bytes_per_elem, false);
}

void add_manual_time(const std::string& workload, const std::string& impl, std::size_t n, double ops,
                     std::function<void(benchmark::State&)> fn) {
  add_(workload, impl, n, ops, std::move(fn), std::nullopt, true)->UseManualTime();
}

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

void add_rows(std::function<void()> fn) { row_fns().push_back(std::move(fn)); }
void add_mode(const std::string& name, std::function<int(int, char**)> fn) { modes()[name] = std::move(fn); }

void emit_time(const std::string& workload, std::optional<std::size_t> n, const std::string& impl,
               double ns_per_op, std::optional<double> bytes_per_elem) {
  std::printf("%s\n", time_row(workload, n, impl, ns_per_op, bytes_per_elem).c_str());
  std::fflush(stdout);
}

void emit_metric(const std::string& workload, std::optional<std::size_t> n, const std::string& impl,
                 const std::string& metric, double value) {
  std::printf("{\"group\":\"%s\",\"workload\":\"%s\",\"n\":%s,\"impl\":\"%s\",\"metric\":\"%s\",\"value\":%s}\n",
              group_name, workload.c_str(), n_json(n).c_str(), impl.c_str(), metric.c_str(),
              num_json(value).c_str());
  std::fflush(stdout);
}

double median(std::vector<double> xs) {
  if (xs.empty()) return 0;
  const std::size_t mid = xs.size() / 2;
  std::nth_element(xs.begin(), xs.begin() + static_cast<std::ptrdiff_t>(mid), xs.end());
  double m = xs[mid];
  if (xs.size() % 2 == 0) m = (m + *std::max_element(xs.begin(), xs.begin() + static_cast<std::ptrdiff_t>(mid))) / 2;
  return m;
}

}  // namespace bench

int main(int argc, char** argv) {
  using namespace bench;
  // The first-level check of the shared PRNG (bench/rust/main.rs checks the same value).
  if (splitmix64(0).next() != 0xe220a8397b1dcdafull) {
    std::fprintf(stderr, "bench: splitmix64 is broken\n");
    return 1;
  }
  g_cfg.sizes = {1000, 10000, 100000, 1000000, 10000000};
  std::string only;
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    if (std::strcmp(a, "--quick") == 0) g_cfg.quick = true;
    else if (std::strncmp(a, "--sizes=", 8) == 0) g_cfg.sizes = parse_sizes(a + 8);
    else if (std::strncmp(a, "--reps=", 7) == 0) g_cfg.repetitions = std::atoi(a + 7);
    else if (std::strncmp(a, "--min-time=", 11) == 0) g_cfg.min_time = std::atof(a + 11);
    else if (std::strncmp(a, "--only=", 7) == 0) only = a + 7;
    else rest.push_back(argv[i]);
  }
  settle_glibc_malloc();
  init_region_arena();
  register_group(g_cfg);

  if (rest.size() > 1) {
    auto m = modes().find(rest[1]);
    if (m != modes().end()) return m->second(static_cast<int>(rest.size()), rest.data());
  }
  // Repetitions of all benchmarks in random order: a change in the machine's load (it is
  // shared) then spreads over every implementation instead of hitting one of them.
  static char interleave[] = "--benchmark_enable_random_interleaving=true";
  rest.insert(rest.begin() + 1, interleave);
  int bargc = static_cast<int>(rest.size());
  benchmark::Initialize(&bargc, rest.data());
  if (benchmark::ReportUnrecognizedArguments(bargc, rest.data())) return 1;

  if (only != "time")
    for (auto& fn : row_fns()) fn();
  if (only != "rows") {
    row_reporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    reporter.print_rows();
  }
  benchmark::Shutdown();
  return 0;
}
