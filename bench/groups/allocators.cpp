// bench/groups/allocators.cpp — bare::region_allocator (impl bare-region) against glibc malloc
// (impl glibc, through bare::malloc_allocator: malloc / aligned_alloc / realloc / free), on
// the goals of issue 3. No Rust peer (Rust's default allocator is glibc malloc itself). The
// alloc_free and random_actions rows also run impl bare-cached: bare::cached (default
// parameters) in front of a region_allocator of its own.
//
// Rows (all from one process; each region_allocator gets its own mmap'ed arena):
//   alloc_free_p50 / _p99 / _p999 / _max   (ns, n = 600 live blocks at most)
//       talc's microbenchmark shape: sizes 4 B ... 64 KiB, log-uniform with the exponent the
//       smaller of two uniform draws (skewed small: median ~100 B); alignments 8 (1/2), 16
//       (1/4), 32, 64 (1/8 each); fill up to a random target of live blocks (<= 600), then a
//       burst of frees of random live blocks down to a random level; repeat. Each allocate and
//       each deallocate is timed alone with rdtsc (lfence-fenced; the clock's own cost, the
//       minimum of an empty measurement, is subtracted); a block's sample is its allocate +
//       deallocate time. Per allocator, one warm-up pass, then `reps` passes of the same
//       sequence; each sample is its minimum over the passes (this filters interrupts and
//       preemption, which hit a different operation in each pass), and the percentiles are
//       taken over those.
//   random_actions / random_actions_grow   (ns per action, n = largest request in bytes)
//       10000 random actions on up to 1000 live blocks: allocate (1 ... n bytes, align 8 or
//       16) or free a random live block, half and half; _grow: 40% allocate, 40% free, 20%
//       grow a random live block by 1 ... n bytes (realloc for glibc). The last actions free
//       what is left. Timed with Google Benchmark like the container groups.
//   heap_efficiency (metric, bare-region only)
//       talc's heap-efficiency workload (the one behind the published dlmalloc 99.1%, rlsf
//       99.1%, talc 99.0% that issue 3 quotes): a 128 MiB region; actions: allocate (1/2;
//       size uniform in [4, c) with c uniform in [16, 10000): skewed small; alignment 8 << k,
//       k = trailing zeros of a random 16-bit word / 2: 8 (3/4), 16, 32, ... 2048), free a
//       random live block (1/10), or resize a random live block to a size uniform in
//       [1, 100000) (2/5: grow or shrink in place when possible, else move), until the first
//       allocate or resize fails; value = the sum over trials of the bytes requested by the
//       live blocks at that point / the sum of the heap sizes. 200 trials (quick: 40); trial t
//       draws its requests from the t-th seed of one generator, the same sequences for both
//       allocators (one trial's value varies by a point or more: glibc 96.8% to 98.2% on four
//       seeds, so 40 trials still moved the ratio by a few tenths). glibc: see
//       glibc_efficiency_mode.
//   heap_efficiency_small (metric, bare-region only; no goal)
//       small blocks only, no resizing: a 16 MiB region, random churn (allocate 16 ... 4096
//       bytes with probability 2/3, else free a random live block) until the first allocation
//       fails; value = bytes requested by the live blocks / bytes given to init(). Median
//       over 5 seeds (quick: 3). An exact best-fit allocator with the same one-word block
//       overhead reaches 97.8% here (simulated), so 99% is out of reach of any allocator on it.
//   instructions_worst_alloc / _alloc_aligned / _free (metric)
//       the most instructions one allocate (deallocate) call executed, counted by valgrind's
//       callgrind around a noinline probe function (the probe's own call/return included),
//       over adversarial sequences (aligned requests up to 4 KiB that split a leading gap,
//       frees that merge with both neighbours, requests that only the first block of their
//       own size class can serve) and a random talc-shape run with alignments up to 4 KiB.
//       _alloc counts requests aligned to at most 16 (malloc's: the case of TLSF's published
//       bound), _alloc_aligned the others (they may split twice: a leading gap and a tail).
//       This executable runs itself under callgrind (mode --probe-instructions).
//   vec_growth_in_place_ratio (metric)
//       a bare::vec<u8> and a bare::vec<u64> each pushed to 10^6 elements alone in the heap;
//       value = grow() calls that returned the same address / all grow() calls.
#include <malloc.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <x86intrin.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "bare/alloc/cached.hpp"
#include "bare/alloc/malloc.hpp"
#include "bare/alloc/region.hpp"
#include "bare/vec.hpp"
#include "harness.hpp"

const char* const bench::group_name = "allocators";

namespace {

using bare::layout;
using bench::splitmix64;
using bench::u64;

constexpr std::size_t talc_max_live = 600;

using region_ref = bare::by_ref<bare::region_allocator>;
// impl bare-cached: the region behind bare::cached's default front cache.
using cached_region = bare::cached<region_ref>;

// A region_allocator over its own arena of reserved address space (pages are backed when
// first touched).
class region_heap {
 public:
  explicit region_heap(std::size_t bytes) : bytes_(bytes) {
    mem_ = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (mem_ == MAP_FAILED || !heap_.init(mem_, bytes)) {
      std::fprintf(stderr, "allocators: cannot set up a region arena\n");
      std::exit(1);
    }
  }
  region_heap(const region_heap&) = delete;
  region_heap& operator=(const region_heap&) = delete;
  ~region_heap() { munmap(mem_, bytes_); }
  bare::region_allocator& get() { return heap_; }
  // Forgets every block: the whole arena is free again.
  void reset() {
    if (!heap_.init(mem_, bytes_)) std::exit(1);
  }

 private:
  std::size_t bytes_;
  void* mem_;
  bare::region_allocator heap_;
};

// ---- the cycle counter -------------------------------------------------------------------

inline u64 tsc_begin() {
  _mm_lfence();
  const u64 t = __rdtsc();
  _mm_lfence();
  return t;
}
inline u64 tsc_end() {
  unsigned aux = 0;
  const u64 t = __rdtscp(&aux);
  _mm_lfence();
  return t;
}

struct tsc_clock {
  double ns_per_tick = 1;
  double overhead_ticks = 0;  // of one tsc_begin/tsc_end pair around nothing (minimum)
};

tsc_clock calibrate_tsc() {
  tsc_clock c;
  const auto t0 = std::chrono::steady_clock::now();
  const u64 c0 = tsc_begin();
  while (std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(50)) {
  }
  const u64 c1 = tsc_end();
  const auto t1 = std::chrono::steady_clock::now();
  c.ns_per_tick = std::chrono::duration<double, std::nano>(t1 - t0).count() / static_cast<double>(c1 - c0);
  u64 best = ~u64{0};
  for (int i = 0; i < 10000; ++i) {
    const u64 a = tsc_begin();
    const u64 b = tsc_end();
    best = std::min(best, b - a);
  }
  c.overhead_ticks = static_cast<double>(best);
  return c;
}

// ---- action sequences ----------------------------------------------------------------------

// alloc: size, align. free / grow: index into the live blocks (a free swaps the last live
// block into the hole), grow's new size in `size`.
struct action {
  enum kind_t : std::uint8_t { alloc, free, grow } kind;
  std::uint32_t index;
  std::size_t size;
  std::size_t align;
};

struct live_block {
  void* p;
  layout l;
  u64 ticks;  // allocate time of this block (talc shape)
};

std::size_t talc_size(splitmix64& r) {
  const unsigned e = 2 + static_cast<unsigned>(std::min(r.below(15), r.below(15)));
  const std::size_t size = (std::size_t{1} << e) + r.below(std::size_t{1} << e);
  return std::min<std::size_t>(size, 65536);
}
std::size_t talc_align(splitmix64& r, unsigned max_log2_over_8) {
  // 8 (1/2), 16 (1/4), 32 (1/8), ... doubling up to 8 << max_log2_over_8.
  unsigned k = 0;
  while (k < max_log2_over_8 && r.below(2) == 1) ++k;
  return std::size_t{8} << k;
}

// talc's shape: fill to a random target (<= max_live), burst of frees to a random level.
std::vector<action> talc_actions(u64 seed, std::size_t allocs, unsigned max_align_log2_over_8) {
  splitmix64 r(seed);
  std::vector<action> acts;
  std::size_t live = 0, done = 0;
  while (done < allocs) {
    const std::size_t target = 1 + r.below(talc_max_live);
    for (; live < target && done < allocs; ++live, ++done)
      acts.push_back({action::alloc, 0, talc_size(r), talc_align(r, max_align_log2_over_8)});
    const std::size_t keep = r.below(live);
    for (; live > keep; --live) acts.push_back({action::free, static_cast<std::uint32_t>(r.below(live)), 0, 0});
  }
  for (; live > 0; --live) acts.push_back({action::free, static_cast<std::uint32_t>(live - 1), 0, 0});
  return acts;
}

// random actions (rlsf / talc): allocate or free (or grow), up to max_live blocks.
std::vector<action> random_actions(u64 seed, std::size_t max_size, bool with_grow, std::size_t count) {
  constexpr std::size_t max_live = 1000;
  splitmix64 r(seed);
  std::vector<action> acts;
  std::vector<std::size_t> sizes;  // the model: size of each live block
  while (acts.size() < count) {
    const u64 x = r.below(10);
    const bool want_alloc = with_grow ? x < 4 : x < 5;
    const bool want_grow = with_grow && x >= 8;
    if (sizes.empty() || (want_alloc && sizes.size() < max_live)) {
      const std::size_t size = 1 + r.below(max_size);
      acts.push_back({action::alloc, 0, size, std::size_t{8} << r.below(2)});
      sizes.push_back(size);
    } else if (want_grow) {
      const auto i = static_cast<std::uint32_t>(r.below(sizes.size()));
      sizes[i] += 1 + r.below(max_size);
      acts.push_back({action::grow, i, sizes[i], 0});
    } else {
      const auto i = static_cast<std::uint32_t>(r.below(sizes.size()));
      sizes[i] = sizes.back();
      sizes.pop_back();
      acts.push_back({action::free, i, 0, 0});
    }
  }
  for (std::size_t i = sizes.size(); i > 0; --i) acts.push_back({action::free, static_cast<std::uint32_t>(i - 1), 0, 0});
  return acts;
}

// Runs acts on allocator a. With Timed, records each block's allocate + deallocate ticks in
// samples. Returns false if an allocation failed.
template <bool Timed, class A>
bool run_actions(A& a, const std::vector<action>& acts, std::vector<live_block>& live, std::vector<u64>* samples) {
  live.clear();
  for (const action& act : acts) {
    switch (act.kind) {
      case action::alloc: {
        const layout l{act.size, act.align};
        u64 t0 = 0, t1 = 0;
        if constexpr (Timed) t0 = tsc_begin();
        void* p = a.allocate(l);
        if constexpr (Timed) t1 = tsc_end();
        if (p == nullptr) return false;
        *static_cast<volatile char*>(p) = 1;  // the program uses its memory (not timed)
        live.push_back({p, l, t1 - t0});
        break;
      }
      case action::free: {
        const live_block b = live[act.index];
        live[act.index] = live.back();
        live.pop_back();
        u64 t0 = 0, t1 = 0;
        if constexpr (Timed) t0 = tsc_begin();
        a.deallocate(b.p, b.l);
        if constexpr (Timed) {
          t1 = tsc_end();
          samples->push_back(b.ticks + (t1 - t0));
        }
        break;
      }
      case action::grow: {
        live_block& b = live[act.index];
        void* p = a.grow(b.p, b.l, act.size);
        if (p == nullptr) return false;
        b.p = p;
        b.l.size = act.size;
        break;
      }
    }
  }
  return true;
}

// ---- alloc_free percentiles ------------------------------------------------------------------

struct percentiles {
  double p50, p99, p999, max;
};

percentiles percentiles_of(std::vector<u64> ticks, const tsc_clock& c) {
  std::sort(ticks.begin(), ticks.end());
  auto at = [&](double q) {
    const u64 t = ticks[static_cast<std::size_t>(q * static_cast<double>(ticks.size() - 1))];
    return std::max(0.0, static_cast<double>(t) - 2 * c.overhead_ticks) * c.ns_per_tick;
  };
  return {at(0.50), at(0.99), at(0.999), at(1.0)};
}

// Every pass replays the same sequence (for the region, at the same addresses), so the k-th
// sample of each pass measures the same operation: its minimum over the passes removes
// interrupts and preemption by other processes, not anything the allocator does.
void talc_percentile_rows(const bench::config& cfg) {
  const tsc_clock clk = calibrate_tsc();
  const std::size_t allocs = cfg.quick ? 50000 : 200000;
  const auto acts = talc_actions(1, allocs, 3);
  std::vector<live_block> live;
  live.reserve(talc_max_live);
  std::vector<u64> samples, min_glibc, min_region, min_cached;
  samples.reserve(allocs);
  region_heap region(std::size_t{1} << 28);
  bare::malloc_allocator glibc;
  auto keep_min = [&](std::vector<u64>& mins) {
    if (mins.empty()) mins = samples;
    for (std::size_t i = 0; i < mins.size(); ++i) mins[i] = std::min(mins[i], samples[i]);
  };
  // One allocator after the other, each with a warm-up pass (pass -1) right before its own
  // passes: alternating them would start every pass on caches and TLB filled by the other.
  auto passes = [&](auto& a, std::vector<u64>& mins) {
    for (int pass = -1; pass < std::max(cfg.repetitions, 1); ++pass) {
      samples.clear();
      if (!run_actions<true>(a, acts, live, &samples)) std::abort();
      if (pass >= 0) keep_min(mins);
    }
  };
  passes(glibc, min_glibc);
  passes(region.get(), min_region);
  region_heap cregion(std::size_t{1} << 28);
  cached_region cached{region_ref(cregion.get())};
  passes(cached, min_cached);
  auto emit = [](const char* impl, const percentiles& p) {
    bench::emit_time("alloc_free_p50", talc_max_live, impl, p.p50);
    bench::emit_time("alloc_free_p99", talc_max_live, impl, p.p99);
    bench::emit_time("alloc_free_p999", talc_max_live, impl, p.p999);
    bench::emit_time("alloc_free_max", talc_max_live, impl, p.max);
  };
  emit("glibc", percentiles_of(min_glibc, clk));
  emit("bare-region", percentiles_of(min_region, clk));
  emit("bare-cached", percentiles_of(min_cached, clk));
  std::fprintf(stderr, "allocators: tsc %.3f GHz, clock overhead %.0f ticks subtracted twice per sample\n",
               1 / clk.ns_per_tick, clk.overhead_ticks);
}

// ---- heap efficiency ---------------------------------------------------------------------------

// talc's heap-efficiency workload (see the top comment) on allocator a (bare's interface:
// resizing is grow / shrink) until its first failed allocate or resize; returns the bytes
// requested by the blocks live at that point. `live` (empty) holds the live blocks.
template <class A>
double talc_efficiency_trial(A& a, splitmix64& r, std::vector<live_block>& live) {
  for (;;) {
    const u64 action = r.below(10);
    if (action < 5) {
      const std::size_t cap = 16 + r.below(10000 - 16);
      const std::size_t size = 4 + r.below(cap - 4);
      const unsigned k = static_cast<unsigned>(std::countr_zero(static_cast<std::uint16_t>(r.next()))) / 2;
      const layout l{size, std::size_t{8} << k};
      void* p = a.allocate(l);
      if (p == nullptr) break;
      live.push_back({p, l, 0});
    } else if (live.empty()) {
      continue;
    } else if (action == 5) {
      const std::size_t i = r.below(live.size());
      a.deallocate(live[i].p, live[i].l);
      live[i] = live.back();
      live.pop_back();
    } else {
      live_block& b = live[r.below(live.size())];
      const std::size_t size = 1 + r.below(100000 - 1);
      void* p = size >= b.l.size ? a.grow(b.p, b.l, size) : a.shrink(b.p, b.l, size);
      if (p == nullptr) break;
      b.p = p;
      b.l.size = size;
    }
  }
  double used = 0;
  for (const live_block& b : live) used += static_cast<double>(b.l.size);
  return used;
}

// The region allocator over a fresh 128 MiB arena per trial: the used fraction, summed over
// trials.
double region_talc_efficiency(unsigned trials) {
  constexpr std::size_t arena = std::size_t{128} << 20;
  region_heap h(arena);  // re-initialised for each trial (init forgets every block)
  splitmix64 seeds(1);   // trial t draws from seed number t, as glibc's (glibc_efficiency_mode)
  double used = 0;
  for (unsigned t = 0; t < trials; ++t) {
    h.reset();
    splitmix64 r(seeds.next());
    std::vector<live_block> live;
    live.reserve(1 << 16);
    used += talc_efficiency_trial(h.get(), r, live);
  }
  return used / (static_cast<double>(arena) * trials);
}

// glibc malloc under the same workload, capped at 128 MiB, in a fresh process (mode
// --glibc-efficiency TRIALS): each trial runs in a child forked from it with mmap disabled
// (M_MMAP_MAX 0: every block comes from the main arena, grown by brk), no trimming, and
// RLIMIT_DATA set to what the child already uses + 128 MiB, so malloc fails when the arena
// cannot grow further; value = live bytes at the failure / bytes of the arena the trial could
// use (its size at the end less what was in use when the trial began: free chunks the process
// left in the arena count, as they serve the trial too), summed over trials. Through
// bare::malloc_allocator, as the other glibc rows (malloc / realloc; aligned_alloc + copy +
// free above 16). Prints the value.
int glibc_efficiency_mode(int argc, char** argv) {
  const unsigned trials = argc > 2 ? static_cast<unsigned>(std::atoi(argv[2])) : 0;
  splitmix64 seeds(1);
  double used = 0, usable = 0;
  for (unsigned t = 0; t < trials; ++t) {
    const u64 seed = seeds.next();
    int fds[2];
    if (pipe(fds) != 0) return 1;
    const pid_t pid = fork();
    if (pid < 0) return 1;
    if (pid == 0) {
      mallopt(M_MMAP_MAX, 0);
      mallopt(M_TRIM_THRESHOLD, INT_MAX);
      mallopt(M_TOP_PAD, 0);
      bare::malloc_allocator glibc;
      std::vector<live_block> live;  // in use before the trial: not counted as usable
      live.reserve(1 << 16);
      long pages[7] = {};
      if (FILE* f = std::fopen("/proc/self/statm", "r")) {
        for (long& x : pages) (void)!std::fscanf(f, "%ld", &x);
        std::fclose(f);
      }
      const rlim_t cap = static_cast<rlim_t>(pages[5]) * static_cast<rlim_t>(sysconf(_SC_PAGESIZE)) + (rlim_t{128} << 20);
      const rlimit rl{cap, cap};
      const std::size_t in_use = mallinfo2().uordblks;
      splitmix64 child(seed);
      double out[2] = {-1, 0};
      if (setrlimit(RLIMIT_DATA, &rl) == 0) {
        out[0] = talc_efficiency_trial(glibc, child, live);
        const struct mallinfo2 m = mallinfo2();
        out[1] = m.hblkhd == 0 ? static_cast<double>(m.arena - in_use) : 0;  // 0: something was mmap'ed
      }
      (void)!write(fds[1], out, sizeof out);
      _exit(0);
    }
    double out[2] = {-1, 0};
    const bool ok = read(fds[0], out, sizeof out) == static_cast<ssize_t>(sizeof out);
    waitpid(pid, nullptr, 0);
    close(fds[0]);
    close(fds[1]);
    if (!ok || out[0] < 0 || out[1] <= 0) return 1;
    used += out[0];
    usable += out[1];
  }
  std::printf("%.6f\n", used / usable);
  return 0;
}

// Runs glibc_efficiency_mode in a fresh copy of this executable; -1 if that failed.
double glibc_talc_efficiency(unsigned trials) {
  char exe[PATH_MAX] = {};
  if (readlink("/proc/self/exe", exe, sizeof exe - 1) <= 0) return -1;
  const std::string cmd = std::string("'") + exe + "' --glibc-efficiency " + std::to_string(trials);
  FILE* f = popen(cmd.c_str(), "r");
  if (f == nullptr) return -1;
  double v = -1;
  if (std::fscanf(f, "%lf", &v) != 1) v = -1;
  return pclose(f) == 0 ? v : -1;
}

double heap_efficiency_small(u64 seed) {
  constexpr std::size_t arena = std::size_t{16} << 20;
  region_heap h(arena);
  splitmix64 r(seed);
  std::vector<std::pair<void*, std::size_t>> live;
  std::size_t bytes = 0;
  for (;;) {
    if (live.empty() || r.below(3) < 2) {
      const std::size_t size = 16 + r.below(4096 - 16 + 1);
      void* p = h.get().allocate(layout{size, 8});
      if (p == nullptr) return static_cast<double>(bytes) / static_cast<double>(arena);
      live.emplace_back(p, size);
      bytes += size;
    } else {
      const std::size_t i = r.below(live.size());
      h.get().deallocate(live[i].first, layout{live[i].second, 8});
      bytes -= live[i].second;
      live[i] = live.back();
      live.pop_back();
    }
  }
}

// ---- vec growth in place -------------------------------------------------------------------------

// Forwards to A and counts grow() calls and those that kept the address.
template <class A>
struct grow_counter {
  A* a;
  std::size_t* grows;
  std::size_t* in_place;
  void* allocate(layout l) const noexcept { return a->allocate(l); }
  void deallocate(void* p, layout l) const noexcept { a->deallocate(p, l); }
  void* grow(void* p, layout old, std::size_t n) const noexcept {
    void* q = a->grow(p, old, n);
    ++*grows;
    if (q == p) ++*in_place;
    return q;
  }
  void* shrink(void* p, layout old, std::size_t n) const noexcept { return a->shrink(p, old, n); }
};

template <class T, class A>
void push_alone(A& a, std::size_t n, std::size_t& grows, std::size_t& in_place) {
  bare::vec<T, grow_counter<A>> v(grow_counter<A>{&a, &grows, &in_place});
  for (std::size_t i = 0; i < n; ++i) v.push_back(static_cast<T>(i));
  benchmark::DoNotOptimize(v.data());
}

template <class A>
double growth_in_place_ratio(A& a, std::size_t n) {
  std::size_t grows = 0, in_place = 0;
  push_alone<std::uint8_t>(a, n, grows, in_place);
  push_alone<u64>(a, n, grows, in_place);
  return grows == 0 ? 0 : static_cast<double>(in_place) / static_cast<double>(grows);
}

// ---- worst-case instructions (the probe runs under callgrind) -----------------------------------

#if defined(__clang__)
#define BENCH_PROBE extern "C" __attribute__((noinline, used))
#else
#define BENCH_PROBE extern "C" __attribute__((noipa, used))
#endif

bare::region_allocator* g_probe_region = nullptr;

}  // namespace

// One function per (allocator, operation): callgrind counts the instructions of each call
// (--toggle-collect) and writes one dump per call (--dump-after). Allocations with an
// alignment above 16 go through their own probe, so that the log can tell the two paths apart.
BENCH_PROBE void* bench_probe_alloc_region(std::size_t size, std::size_t align) {
  return g_probe_region->allocate(layout{size, align});
}
BENCH_PROBE void* bench_probe_alloc_aligned_region(std::size_t size, std::size_t align) {
  return g_probe_region->allocate(layout{size, align});
}
BENCH_PROBE void bench_probe_free_region(void* p, std::size_t size, std::size_t align) {
  g_probe_region->deallocate(p, layout{size, align});
}
BENCH_PROBE void* bench_probe_alloc_glibc(std::size_t size, std::size_t align) {
  return bare::malloc_allocator{}.allocate(layout{size, align});
}
BENCH_PROBE void* bench_probe_alloc_aligned_glibc(std::size_t size, std::size_t align) {
  return bare::malloc_allocator{}.allocate(layout{size, align});
}
BENCH_PROBE void bench_probe_free_glibc(void* p, std::size_t size, std::size_t align) {
  bare::malloc_allocator{}.deallocate(p, layout{size, align});
}

namespace {

struct probes {
  void* (*alloc_small_align)(std::size_t, std::size_t);
  void* (*alloc_large_align)(std::size_t, std::size_t);
  void (*free)(void*, std::size_t, std::size_t);
  void* alloc(std::size_t size, std::size_t align) const {
    return (align > 16 ? alloc_large_align : alloc_small_align)(size, align);
  }
};

// The adversarial sequences and the random run, through the probes of one allocator.
void probe_sequences(probes pr, bool quick) {
  std::vector<std::pair<void*, layout>> ps;
  auto take = [&](std::size_t size, std::size_t align) {
    void* p = pr.alloc(size, align);
    if (p == nullptr) std::abort();
    ps.emplace_back(p, layout{size, align});
  };
  auto give_back = [&](std::size_t i) { pr.free(ps[i].first, ps[i].second.size, ps[i].second.align); };
  // 1. Aligned requests from a large free block: first-level search, leading-gap split, trim.
  for (std::size_t align = 32; align <= 4096; align *= 2) take(100, align);
  for (std::size_t i = 0; i < ps.size(); ++i) give_back(i);
  ps.clear();
  // 2. Frees that merge with both neighbours: free every other block, then the rest.
  for (std::size_t i = 0; i < 64; ++i) take(48 + 16 * (i % 7), 8);
  for (std::size_t i = 0; i < ps.size(); i += 2) give_back(i);
  for (std::size_t i = 1; i < ps.size(); i += 2) give_back(i);
  ps.clear();
  // 3. Many size classes populated (each block fenced by a small one), then requests with
  //    64-byte alignment that must search upwards, then the fences go.
  for (std::size_t s = 16; s <= 65536; s += s / 4 + 8) take(s, 8), take(16, 8);
  for (std::size_t i = 0; i < ps.size(); i += 2) give_back(i);
  for (std::size_t s = 16; s <= 65536; s += s / 3 + 8) pr.free(pr.alloc(s, 64), s, 64);
  for (std::size_t i = 1; i < ps.size(); i += 2) give_back(i);
  ps.clear();
  // 4. talc's shape with alignments up to 4 KiB.
  const auto acts = talc_actions(7, quick ? 1000 : 3000, 9);
  std::vector<std::pair<void*, layout>> live;
  for (const action& a : acts) {
    if (a.kind == action::alloc) {
      void* p = pr.alloc(a.size, a.align);
      if (p == nullptr) std::abort();
      live.emplace_back(p, layout{a.size, a.align});
    } else {
      auto b = live[a.index];
      live[a.index] = live.back();
      live.pop_back();
      pr.free(b.first, b.second.size, b.second.align);
    }
  }
}

// region_allocator only: a heap filled with blocks of 67 A, one of them freed between two
// live ones, then a request of 65 A: its class (64 A ... 67 A) rounded up is 68 A and above,
// all empty, so the first block of its own class serves it, and the 2 A left over is split
// off (a list insertion) — the longest path of an allocation aligned to at most A. Then the
// same for an allocation aligned to 4 A.
void probe_own_class_head() {
  region_heap small(std::size_t{1} << 16);
  bare::region_allocator* const saved = g_probe_region;
  g_probe_region = &small.get();
  constexpr std::size_t W = sizeof(void*), A = 2 * W;
  std::vector<void*> ps;
  for (void* p; (p = bench_probe_alloc_region(67 * A - W, 8)) != nullptr;) ps.push_back(p);
  if (ps.size() < 3) std::abort();
  bench_probe_free_region(ps[1], 67 * A - W, 8);
  void* q = bench_probe_alloc_region(65 * A - W, 8);
  if (q == nullptr) std::abort();
  bench_probe_free_region(q, 65 * A - W, 8);
  // The same with alignment 4 A: 60 A + room for a gap (4 A - A + MIN_SPAN = 5 A) is 65 A.
  q = bench_probe_alloc_aligned_region(60 * A - W, 4 * A);
  if (q == nullptr) std::abort();
  bench_probe_free_region(q, 60 * A - W, 4 * A);
  for (std::size_t i = 0; i < ps.size(); ++i)
    if (i != 1) bench_probe_free_region(ps[i], 67 * A - W, 8);
  g_probe_region = saved;
}

int probe_instructions_mode(int argc, char** argv) {
  const bool quick = argc > 2 && std::string(argv[2]) == "quick";
  // glibc: initialise malloc and bind its symbols outside the probes.
  void* volatile w = std::malloc(16);
  std::free(w);
  w = std::aligned_alloc(64, 64);
  std::free(w);
  region_heap region(std::size_t{1} << 28);
  g_probe_region = &region.get();
  probe_sequences({bench_probe_alloc_region, bench_probe_alloc_aligned_region, bench_probe_free_region}, quick);
  probe_own_class_head();
  probe_sequences({bench_probe_alloc_glibc, bench_probe_alloc_aligned_glibc, bench_probe_free_glibc}, quick);
  return 0;
}

void instruction_rows(const bench::config& cfg) {
  if (std::system("command -v valgrind >/dev/null 2>&1") != 0) {
    std::fprintf(stderr, "allocators: valgrind not found: no instructions_* rows\n");
    return;
  }
  char exe[PATH_MAX] = {};
  if (readlink("/proc/self/exe", exe, sizeof exe - 1) <= 0) return;
  char dir_template[] = "/tmp/bare-bench-callgrind-XXXXXX";
  const char* dir = mkdtemp(dir_template);
  if (dir == nullptr) return;
  struct probe_fn {
    const char* name;
    const char* impl;
    const char* workload;
    double worst = 0;
    std::size_t calls = 0;
  } fns[] = {
      {"bench_probe_alloc_region", "bare-region", "instructions_worst_alloc"},
      {"bench_probe_alloc_aligned_region", "bare-region", "instructions_worst_alloc_aligned"},
      {"bench_probe_free_region", "bare-region", "instructions_worst_free"},
      {"bench_probe_alloc_glibc", "glibc", "instructions_worst_alloc"},
      {"bench_probe_alloc_aligned_glibc", "glibc", "instructions_worst_alloc_aligned"},
      {"bench_probe_free_glibc", "glibc", "instructions_worst_free"},
  };
  std::string cmd = "valgrind --tool=callgrind --collect-atstart=no --toggle-collect='bench_probe_*'";
  for (const auto& f : fns) cmd += std::string(" --dump-after=") + f.name;
  cmd += std::string(" --callgrind-out-file=") + dir + "/cg.out '" + exe + "' --probe-instructions " +
         (cfg.quick ? "quick" : "full") + " >/dev/null 2>" + dir + "/log";
  if (std::system(cmd.c_str()) != 0) {
    std::fprintf(stderr, "allocators: callgrind failed (see %s/log)\n", dir);
    return;
  }
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path());
    std::string line, trigger;
    double summary = -1;
    while (std::getline(in, line)) {
      if (line.rfind("desc: Trigger: --dump-after=", 0) == 0) trigger = line.substr(28);
      else if (line.rfind("summary: ", 0) == 0) summary = std::atof(line.c_str() + 9);
    }
    for (auto& f : fns)
      if (trigger == f.name && summary >= 0) {
        f.worst = std::max(f.worst, summary);
        ++f.calls;
      }
  }
  std::filesystem::remove_all(dir);
  for (const auto& f : fns)
    std::fprintf(stderr, "allocators: %s: %zu calls, worst %.0f instructions\n", f.name, f.calls, f.worst);
  // Rows: the worst over the probes of each (impl, workload).
  for (const char* impl : {"bare-region", "glibc"})
    for (const char* workload : {"instructions_worst_alloc", "instructions_worst_alloc_aligned", "instructions_worst_free"}) {
      double worst = 0;
      std::size_t calls = 0;
      for (const auto& f : fns)
        if (std::string(f.impl) == impl && std::string(f.workload) == workload) {
          worst = std::max(worst, f.worst);
          calls += f.calls;
        }
      if (calls != 0) bench::emit_metric(workload, std::nullopt, impl, "instructions", worst);
    }
}

// ---- random actions (Google Benchmark) --------------------------------------------------------

template <class A>
void random_actions_bench(benchmark::State& state, A& a, const std::vector<action>& acts) {
  std::vector<live_block> live;
  live.reserve(1000);
  for (auto _ : state) {
    if (!run_actions<false>(a, acts, live, nullptr)) {
      state.SkipWithError("allocation failed");
      break;
    }
  }
}

void register_random_actions(const bench::config& cfg) {
  const std::vector<std::size_t> max_sizes =
      cfg.quick ? std::vector<std::size_t>{200, 30000} : std::vector<std::size_t>{200, 1000, 5000, 30000};
  for (const bool grow : {false, true}) {
    for (const std::size_t max : max_sizes) {
      const char* workload = grow ? "random_actions_grow" : "random_actions";
      auto acts = std::make_shared<const std::vector<action>>(random_actions(3, max, grow, 10000));
      const auto ops = static_cast<double>(acts->size());
      bench::add_time(workload, "glibc", max, ops, [acts](benchmark::State& s) {
        bare::malloc_allocator a;
        random_actions_bench(s, a, *acts);
      });
      // One arena for all the calls (repetitions) of this benchmark: its pages are touched
      // once, as the process heap's are for glibc.
      auto heap = std::make_shared<region_heap>(std::size_t{1} << 30);
      bench::add_time(workload, "bare-region", max, ops, [acts, heap](benchmark::State& s) {
        random_actions_bench(s, heap->get(), *acts);
      });
      auto cheap = std::make_shared<region_heap>(std::size_t{1} << 30);
      bench::add_time(workload, "bare-cached", max, ops, [acts, cheap](benchmark::State& s) {
        cached_region a{region_ref(cheap->get())};
        random_actions_bench(s, a, *acts);
        a.flush();  // (destroying a cached does not give its blocks back)
      });
    }
  }
}

}  // namespace

void bench::register_group(const config& cfg) {
  add_mode("--probe-instructions", probe_instructions_mode);
  add_mode("--glibc-efficiency", glibc_efficiency_mode);
  // First, while the process heap is still nearly empty ("alone in the heap").
  add_rows([cfg] {
    const std::size_t n = 1000000;
    region_heap h(std::size_t{1} << 30);
    bare::malloc_allocator glibc;
    emit_metric("vec_growth_in_place_ratio", n, "bare-region", "ratio", growth_in_place_ratio(h.get(), n));
    emit_metric("vec_growth_in_place_ratio", n, "glibc", "ratio", growth_in_place_ratio(glibc, n));
  });
  add_rows([cfg] { talc_percentile_rows(cfg); });
  add_rows([cfg] {
    std::vector<double> effs;
    for (u64 seed = 1; seed <= (cfg.quick ? 3u : 5u); ++seed) effs.push_back(heap_efficiency_small(seed));
    emit_metric("heap_efficiency_small", std::nullopt, "bare-region", "ratio", median(effs));
    const unsigned trials = cfg.quick ? 40 : 200;
    emit_metric("heap_efficiency", std::nullopt, "bare-region", "ratio", region_talc_efficiency(trials));
    const double glibc = glibc_talc_efficiency(trials);
    if (glibc > 0) emit_metric("heap_efficiency", std::nullopt, "glibc", "ratio", glibc);
    else std::fprintf(stderr, "allocators: the glibc heap_efficiency run failed\n");
  });
  add_rows([cfg] { instruction_rows(cfg); });
  register_random_actions(cfg);
}
