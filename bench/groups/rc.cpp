// bench/groups/rc.cpp — bare::rc / bare::arc against std::shared_ptr (and Rust's Rc / Arc, in
// bench/rust/groups.rs), on a u64 value.
//
// Workloads (ns per operation; times are the calling thread's CPU time; n <= 10^5, the loop
// length: the operations do not depend on n):
//   rc_make_drop       n times: make a pointer to the value i (bare: make_rc, std:
//                      make_shared, Rust: Rc::new) and drop it (one allocation + one free)
//   arc_make_drop      the same with bare::make_arc / std::make_shared / Arc::new
//   rc_clone_drop      one pointer; n times: clone it and drop the clone (bare::rc against
//                      shared_ptr's copy, whose counts libstdc++ makes atomic because the
//                      program links pthreads, and Rust's Rc)
//   arc_clone_drop     the same with bare::arc / shared_ptr / Arc
//   arc_clone_drop_2t  (n = 10^5 only) the same on one pointer shared by two threads: a
//                      second thread, spawned for each iteration, does the same n clone+drop
//                      while the timed thread does its n; the cache line of the counts
//                      moves between the cores
// Metric object_bytes: sizeof the pointer (bare rc / arc, shared_ptr, Rust Rc / Arc).
//
// impl: bare = bare::rc / arc over malloc_allocator; bare-region = over the region allocator
// (make_drop rows only: cloning does not allocate); std = std::shared_ptr / make_shared in a
// process that has started a thread, so with atomic counts (see register_group; in a process
// that never started one, libstdc++ uses plain increments: clone + drop then took 1.25 ns and
// make + drop 10.5 ns here, against bare::rc's 1.9 and 7.4).
#include <memory>
#include <thread>
#include <type_traits>

#include "bare/alloc/malloc.hpp"
#include "bare/arc.hpp"
#include "bare/rc.hpp"
#include "harness.hpp"

const char* const bench::group_name = "rc";

namespace {

using bench::u64;
constexpr std::size_t max_n = 100000;
constexpr std::size_t two_thread_n = 100000;

// The pointer types, named by their factory.
template <bool Atomic, class A>
struct bare_ptr {
  using type = std::conditional_t<Atomic, bare::arc<u64, A>, bare::rc<u64, A>>;
  static type make(u64 v) {
    if constexpr (Atomic) return bare::make_arc<u64, A>(v);
    else return bare::make_rc<u64, A>(v);
  }
  static type clone(const type& p) { return p.clone(); }
};
struct std_ptr {
  using type = std::shared_ptr<u64>;
  static type make(u64 v) { return std::make_shared<u64>(v); }
  static type clone(const type& p) { return p; }
};

using bare_rc = bare_ptr<false, bare::malloc_allocator>;
using bare_arc = bare_ptr<true, bare::malloc_allocator>;
using region_rc = bare_ptr<false, bare::global>;
using region_arc = bare_ptr<true, bare::global>;

struct make_drop {
  template <class F>
  static void run(benchmark::State& state, std::size_t n) {
    for (auto _ : state) {
      for (u64 i = 0; i < n; ++i) {
        auto p = F::make(i);
        benchmark::DoNotOptimize(p);
      }
    }
  }
};

// n clone + drop of p by the calling thread.
template <class F>
void clone_drop_loop(const typename F::type& p, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    auto c = F::clone(p);
    benchmark::DoNotOptimize(c);
  }
}

struct clone_drop {
  template <class F>
  static void run(benchmark::State& state, std::size_t n) {
    // Not const: GCC 12 keeps a const local of a class type with a destructor in memory, so
    // the loop reloaded p after every DoNotOptimize and tested it for null again (bare rc
    // clone + drop 0.67 ns against 0.61 with p in a register; Rust keeps it in a register).
    auto p = F::make(7);
    for (auto _ : state) clone_drop_loop<F>(p, n);
    if (*p != 7) state.SkipWithError("clone_drop: the value changed");
  }
};

struct clone_drop_2t {
  template <class F>
  static void run(benchmark::State& state, std::size_t n) {
    const auto p = F::make(7);
    for (auto _ : state) {
      std::thread other([&p, n] { clone_drop_loop<F>(p, n); });
      clone_drop_loop<F>(p, n);
      other.join();
    }
    if (*p != 7) state.SkipWithError("clone_drop_2t: the value changed");
  }
};

}  // namespace

void bench::register_group(const config& cfg) {
  using bench::impl;
  // libstdc++ counts shared_ptr references with plain increments while the process has never
  // started a thread (glibc's __libc_single_threaded), atomically once it has. Start one now,
  // so that every std row is the multi-threaded program's shared_ptr (arc_clone_drop_2t
  // starts threads anyway, which would otherwise switch std's mode in the middle of the run).
  std::thread([] {}).join();
  bench::add_rows([] {
    bench::emit_metric("object_bytes", std::nullopt, "bare", "bytes", sizeof(bare::rc<u64>));
    bench::emit_metric("object_bytes", std::nullopt, "std", "bytes", sizeof(std::shared_ptr<u64>));
  });
  for (std::size_t n : cfg.sizes) {
    if (n > max_n) continue;
    bench::add_impls<make_drop>("rc_make_drop", n, impl<bare_rc>{"bare"}, impl<region_rc>{"bare-region"},
                                impl<std_ptr>{"std"});
    bench::add_impls<make_drop>("arc_make_drop", n, impl<bare_arc>{"bare"}, impl<region_arc>{"bare-region"},
                                impl<std_ptr>{"std"});
    bench::add_impls<clone_drop>("rc_clone_drop", n, impl<bare_rc>{"bare"}, impl<std_ptr>{"std"});
    bench::add_impls<clone_drop>("arc_clone_drop", n, impl<bare_arc>{"bare"}, impl<std_ptr>{"std"});
    if (n == two_thread_n)
      bench::add_impls<clone_drop_2t>("arc_clone_drop_2t", n, impl<bare_arc>{"bare"}, impl<std_ptr>{"std"});
  }
}
