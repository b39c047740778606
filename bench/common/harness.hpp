// bench/common/harness.hpp — what every C++ benchmark group uses.
//
// A group is one file, bench/groups/<group>.cpp, built into build/bench/bench_<group> with
// common/harness.cpp (main). It defines
//
//   const char* const bench::group_name = "vec";
//   void bench::register_group(const bench::config& cfg) { ... }
//
// and registers, from register_group:
//   - timed workloads (Google Benchmark underneath): add_time / add_manual_time. Each becomes
//     one row {"group","workload","n","impl","ns_per_op","bytes_per_elem"} with ns_per_op =
//     median over cfg.repetitions of (time per iteration / ops per iteration);
//   - other rows (percentiles, efficiencies, instruction counts): add_rows(fn), where fn
//     measures and calls emit_time / emit_metric itself. They run before the timed workloads,
//     in registration order, on a fresh process heap.
// Rows go to stdout as JSON lines, one per row (the Rust program prints the same format),
// in registration order; Google Benchmark's progress table goes to stderr. The repetitions of
// the timed workloads run randomly interleaved (the machine is shared: a change in its load
// then spreads over every implementation).
//
// `impl` is one of: bare (bare on glibc through bare::malloc_allocator), bare-region (bare on
// its own region_allocator: bare::global is wired to one over a big mmap'ed arena, see
// harness.cpp), std, absl, boost, rust, glibc.
#pragma once

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace bench {

using u64 = std::uint64_t;

// The run's parameters, from tools/bench.sh (the Rust program gets the same ones).
struct config {
  bool quick = false;
  std::vector<std::size_t> sizes;  // n for size-parameterised workloads (10^3 ... 10^7)
  int repetitions = 5;             // the row is the median over these
  double min_time = 0.05;          // seconds per repetition (at least one iteration)
};
// From this n up, a benchmark has no warm-up and at most large_n_reps repetitions
// (bench/README.md, rule 5).
inline constexpr std::size_t large_n = 1000000;
inline constexpr int large_n_reps = 3;

// Defined by each group file.
extern const char* const group_name;
void register_group(const config& cfg);

// splitmix64 (Vigna): the shared PRNG. bench/rust/main.rs has the identical generator, so
// the same seed gives the same data and the same operation sequences in C++ and Rust.
class splitmix64 {
 public:
  explicit splitmix64(u64 seed) noexcept : state_(seed) {}
  u64 next() noexcept {
    u64 z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  // In [0, n), n > 0 (modulo; the bias is irrelevant here and identical in Rust).
  u64 below(u64 n) noexcept { return next() % n; }

 private:
  u64 state_;
};

// The seed of the workload data: data(n) is the first n outputs of splitmix64(data_seed).
inline constexpr u64 data_seed = 42;
// n pseudo-random u64 values, the same for every implementation (and for Rust).
std::span<const u64> data(std::size_t n);

// ---- timed rows ------------------------------------------------------------------------------

// Registers a timed workload. fn contains the usual `for (auto _ : state)` loop; one
// iteration performs `ops` operations (the row's ns_per_op is the CPU time per iteration /
// ops).
void add_time(const std::string& workload, const std::string& impl, std::size_t n, double ops,
              std::function<void(benchmark::State&)> fn,
              std::optional<double> bytes_per_elem = std::nullopt);
// Same, but fn reports each iteration's time itself with state.SetIterationTime (use
// manual_timer), so that per-iteration set-up (a copy to work on) is not timed.
void add_manual_time(const std::string& workload, const std::string& impl, std::size_t n, double ops,
                     std::function<void(benchmark::State&)> fn);

// One implementation of a group's workloads: the container type V and its `impl` name.
template <class V>
struct impl {
  const char* name;
};

// Registers workload W at size n once per implementation, in the order given (the order of
// the rows). W::template run<V>(state, n) is one benchmark; an iteration performs W::ops(n)
// operations if W declares ops, else n; `static constexpr bool manual = true` in W means
// that W times its iterations itself (manual_timer).
template <class W, class... V>
void add_impls(const std::string& workload, std::size_t n, impl<V>... impls) {
  double ops = static_cast<double>(n);
  if constexpr (requires { W::ops(n); }) ops = W::ops(n);
  auto one = [&]<class T>(impl<T> i) {
    auto fn = [n](benchmark::State& s) { W::template run<T>(s, n); };
    if constexpr (requires { requires W::manual; }) add_manual_time(workload, i.name, n, ops, fn);
    else add_time(workload, i.name, n, ops, fn);
  };
  (one(impls), ...);
}

// Workloads that work on copies made outside the timed part take this many copies of n
// elements per timed iteration: 2^16 elements' worth, so that one pair of clock reads is
// negligible next to the work it times (bench/rust/groups.rs: the same).
constexpr std::size_t copies_per_iteration(std::size_t n) { return n >= 65536 ? 1 : 65536 / n; }

// A workload (for add_impls) whose benchmark is time_on_copies derives from this: manual
// timing, copies_per_iteration(n) * n operations per iteration.
struct copies_workload {
  static constexpr bool manual = true;
  static double ops(std::size_t n) { return static_cast<double>(copies_per_iteration(n) * n); }
};

// One benchmark of a workload that works on copies made outside the timed part: each
// iteration makes copies_per_iteration(n) values with make(), untimed, then calls work(copy)
// on each, timed. What work returns (if anything) is kept until the next iteration, so its
// destruction is not timed either. After each iteration, check(copies) (untimed) returns
// nullptr or an error that stops the benchmark.
template <class Make, class Work, class Check>
void time_on_copies(benchmark::State& state, std::size_t n, Make make, Work work, Check check) {
  using C = decltype(make());
  using R = decltype(work(std::declval<C&>()));
  const std::size_t k = copies_per_iteration(n);
  std::vector<C> copies;
  copies.reserve(k);
  [[maybe_unused]] std::vector<std::conditional_t<std::is_void_v<R>, char, R>> results;
  if constexpr (!std::is_void_v<R>) results.reserve(k);
  for (auto _ : state) {
    copies.clear();
    if constexpr (!std::is_void_v<R>) results.clear();
    for (std::size_t i = 0; i < k; ++i) copies.push_back(make());
    manual_timer(state, [&] {
      for (C& c : copies) {
        if constexpr (std::is_void_v<R>) {
          work(c);
        } else {
          results.push_back(work(c));
          benchmark::DoNotOptimize(results.back());
        }
      }
    });
    if (const char* error = check(static_cast<const std::vector<C>&>(copies))) {
      state.SkipWithError(error);
      break;
    }
  }
}
template <class Make, class Work>
void time_on_copies(benchmark::State& state, std::size_t n, Make make, Work work) {
  time_on_copies(state, n, make, work, [](const auto&) -> const char* { return nullptr; });
}

// The smallest n of every run (quick and default): a workload whose size does not vary
// (string/utf8_validate_1mib) registers with it, so it runs once per run.
inline constexpr std::size_t first_size = 1000;

// The calling thread's CPU time in seconds (CLOCK_THREAD_CPUTIME_ID: user + system time of
// this thread; time spent preempted by other processes is not counted). The clock of every
// timed row, in C++ (Google Benchmark's CPU time) and in Rust alike.
double thread_cpu_seconds();

// Times `work` with thread_cpu_seconds() and reports it as this iteration's time.
template <class Work>
void manual_timer(benchmark::State& state, Work&& work) {
  const double t0 = thread_cpu_seconds();
  work();
  state.SetIterationTime(thread_cpu_seconds() - t0);
}

// ---- other rows ------------------------------------------------------------------------------

void add_rows(std::function<void()> fn);
// A row whose value is a time (a percentile, ...) measured by the group itself.
void emit_time(const std::string& workload, std::optional<std::size_t> n, const std::string& impl,
               double ns_per_op, std::optional<double> bytes_per_elem = std::nullopt);
// A row that is not a time: {"group","workload","n","impl","metric","value"}.
void emit_metric(const std::string& workload, std::optional<std::size_t> n, const std::string& impl,
                 const std::string& metric, double value);

// A sub-command of this group's executable (argv[1] == name runs fn(argc, argv) instead of the
// benchmarks), e.g. a probe that the group runs under valgrind.
void add_mode(const std::string& name, std::function<int(int, char**)> fn);

// The median of xs (xs is reordered).
double median(std::vector<double> xs);

// ---- requested bytes ---------------------------------------------------------------------------

// Bytes allocated through counting_std_allocator and not yet returned: what a container asked
// for, without malloc's per-chunk overhead and rounding (mallinfo2 shows those). Single-threaded
// use only (metric rows run before the timed workloads, on the main thread).
inline std::size_t requested_bytes = 0;

// std::allocator<T> that adds what it hands out to requested_bytes (std::map, absl maps).
template <class T>
struct counting_std_allocator {
  using value_type = T;
  counting_std_allocator() = default;
  template <class U>
  counting_std_allocator(const counting_std_allocator<U>&) noexcept {}
  T* allocate(std::size_t n) {
    requested_bytes += n * sizeof(T);
    return std::allocator<T>().allocate(n);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    requested_bytes -= n * sizeof(T);
    std::allocator<T>().deallocate(p, n);
  }
  template <class U>
  bool operator==(const counting_std_allocator<U>&) const noexcept {
    return true;
  }
};

}  // namespace bench
