// bench/groups/list.cpp — bare::linked_list against std::list (and Rust's LinkedList, in
// bench/rust/groups.rs), elements u64 = data(n) (bench/common/harness.hpp).
//
// Workloads (times are the thread's CPU time):
//   push_back  empty list, push the n values at the back one by one, drop it (one node
//              allocation and one free per element); ns per element
//   iterate    wrapping sum of a list of the n values (built by push_back), range-for; ns per
//              element
//   splice     two lists, a (the n values) and b (empty), kept from one iteration to the
//              next; an iteration moves the first splice_chunk (16) elements of a to the back
//              of b until a is empty, then swaps a and b (so the next iteration starts from
//              the same list); ns per splice (ceil(n / 16) per iteration). bare and std:
//              b.splice(b.end(), a, a.begin(), next(a.begin(), 16)); Rust: rest =
//              a.split_off(16), b.append(a), a = rest (stable Rust has no range splice). All
//              three walk the 16 nodes (bare and libstdc++ also count them for size()).
//
// Every workload first builds and drops one list of the n values, untimed (warm_heap), and
// only then builds the lists it times or walks: the nodes then come from the blocks glibc
// recycles (its fast bins, last freed first) in every implementation and process, whatever
// ran before. Without it, whether a list's nodes were recycled or cut afresh from the top of
// the heap (and so lay in the opposite address order, or took page faults) depended on what
// the process had allocated between repetitions: one allocation of 1 KiB or more in between
// makes glibc merge its fast bins, and the next 10^7-element list then took 18-31 ns per
// element instead of 12-13 (measured in a scratch program). Bare's 10^7 row was 27 ns (reps
// of 18 ns after the first) against Rust's 16, whose harness allocates nothing between
// repetitions; with the warm-up both are 12-16 (bench/rust/groups.rs warms the same way).
//
// impl: bare = bare::linked_list<u64, malloc_allocator>; bare-region = bare::linked_list<u64>
// on the region allocator (bare::global, see harness.cpp); std = std::list<u64>.
#include <algorithm>
#include <iterator>
#include <list>
#include <utility>

#include "bare/alloc/malloc.hpp"
#include "bare/linked_list.hpp"
#include "harness.hpp"

const char* const bench::group_name = "list";

namespace {

using bench::u64;
using bare_list = bare::linked_list<u64, bare::malloc_allocator>;
using region_list = bare::linked_list<u64>;
using std_list = std::list<u64>;

constexpr std::size_t splice_chunk = 16;

template <class L>
L make_list(std::size_t n) {
  const u64* src = bench::data(n).data();
  L l;
  for (std::size_t i = 0; i < n; ++i) l.push_back(src[i]);
  return l;
}

// Builds and drops a list of the n values (see the top of the file).
template <class L>
void warm_heap(std::size_t n) {
  L l = make_list<L>(n);
  benchmark::DoNotOptimize(&l.back());
}

// Moves the first min(k, a.size()) elements of a to the back of b.
template <class L>
void move_front_chunk(L& a, L& b, std::size_t k) {
  k = std::min(k, a.size());
  b.splice(b.end(), a, a.begin(), std::next(a.begin(), static_cast<std::ptrdiff_t>(k)));
}

struct push_back {
  template <class L>
  static void run(benchmark::State& state, std::size_t n) {
    const u64* src = bench::data(n).data();
    warm_heap<L>(n);
    for (auto _ : state) {
      L l;
      for (std::size_t i = 0; i < n; ++i) l.push_back(src[i]);
      benchmark::DoNotOptimize(&l.back());
    }
  }
};

struct iterate {
  template <class L>
  static void run(benchmark::State& state, std::size_t n) {
    warm_heap<L>(n);
    const L l = make_list<L>(n);
    for (auto _ : state) {
      u64 sum = 0;
      for (u64 x : l) sum += x;
      benchmark::DoNotOptimize(sum);
    }
  }
};

struct splice {
  static double ops(std::size_t n) { return static_cast<double>((n + splice_chunk - 1) / splice_chunk); }
  template <class L>
  static void run(benchmark::State& state, std::size_t n) {
    warm_heap<L>(n);
    L a = make_list<L>(n), b;
    for (auto _ : state) {
      while (!a.empty()) move_front_chunk(a, b, splice_chunk);
      a.swap(b);
      benchmark::DoNotOptimize(&a.front());
    }
    if (a.size() != n || !b.empty() || a.front() != bench::data(n)[0])
      state.SkipWithError("splice lost or reordered elements");
  }
};

template <class W>
void add_all(const char* workload, std::size_t n) {
  bench::add_impls<W>(workload, n, bench::impl<bare_list>{"bare"}, bench::impl<region_list>{"bare-region"},
                      bench::impl<std_list>{"std"});
}

}  // namespace

void bench::register_group(const config& cfg) {
  for (std::size_t n : cfg.sizes) {
    add_all<push_back>("push_back", n);
    add_all<iterate>("iterate", n);
    add_all<splice>("splice", n);
  }
}
