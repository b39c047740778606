// bench/groups/deque.cpp — bare::vec_deque against std::deque, boost::container::devector
// (and Rust's VecDeque, in bench/rust/groups.rs), elements u64 = data(n)
// (bench/common/harness.hpp).
//
// Workloads (the row is ns per element; times are the thread's CPU time):
//   steady_queue     a queue of n values (filled by push_back outside the timed part, kept
//                    from one iteration to the next); an iteration pushes each of the n
//                    values at the back and pops one from the front (a FIFO of constant
//                    length n); one operation = one push_back + one pop_front. One such pass
//                    runs untimed after the fill, so that the memory the steady state cycles
//                    through has been touched once: filling by push_back leaves a ring's
//                    slots from n to its capacity unwritten (a fresh mmap for glibc at 10^7),
//                    and with one or two iterations per repetition at 10^7 their page faults
//                    would be a third of the row (Rust's peer builds its queue once for all
//                    repetitions and runs the same untimed pass)
//   steady_queue_struct  the same with an 8-byte struct element (cell: a u64 with a
//                    constructor, trivially copyable), as a handle or a timestamp would be
//   push_front_fill  empty deque, push the n values at the front one by one, drop it
//   random_get       a deque of the n values, built outside the timed part by alternating
//                    push_back / push_front (so a ring buffer wraps); an iteration reads the
//                    elements at n random indexes (precomputed, random_indexes) with
//                    operator[] and sums them
//
// impl: bare = bare::vec_deque<u64, malloc_allocator>; bare-region = bare::vec_deque<u64> on
// the region allocator (bare::global, see harness.cpp); std = std::deque<u64>; boost =
// boost::container::devector<u64> (one contiguous block with free room at both ends).
#include <boost/container/devector.hpp>
#include <deque>
#include <vector>

#include "bare/alloc/malloc.hpp"
#include "bare/vec_deque.hpp"
#include "harness.hpp"

const char* const bench::group_name = "deque";

namespace {

using bench::u64;
using bare_deque = bare::vec_deque<u64, bare::malloc_allocator>;
using region_deque = bare::vec_deque<u64>;
using std_deque = std::deque<u64>;
using boost_deque = boost::container::devector<u64>;

// The seed of random_get's indexes (bench/rust/groups.rs: the same).
constexpr u64 index_seed = 7;

// n indexes in [0, n): the first n outputs of splitmix64(index_seed), each modulo n.
const std::vector<std::uint32_t>& random_indexes(std::size_t n) {
  static std::vector<std::uint32_t> v;
  if (v.size() != n) {
    v.resize(n);
    bench::splitmix64 r(index_seed);
    for (auto& i : v) i = static_cast<std::uint32_t>(r.below(n));
  }
  return v;
}

// steady_queue_struct's element.
struct cell {
  u64 v;
  explicit cell(u64 x) noexcept : v(x) {}
};
u64 value_of(u64 x) { return x; }
u64 value_of(const cell& c) { return c.v; }

// Removes the front element and adds it to sum (bare and Rust: pop_front returns it; std
// and boost: front() then pop_front()).
template <class D>
void pop_front_into(D& d, u64& sum) {
  if constexpr (requires { d.pop_front().has_value(); }) {
    if (auto x = d.pop_front()) sum += value_of(*x);
  } else {
    sum += value_of(d.front());
    d.pop_front();
  }
}

struct steady_queue {
  template <class D>
  static void run(benchmark::State& state, std::size_t n) {
    using E = typename D::value_type;
    const u64* src = bench::data(n).data();
    D d;
    for (std::size_t i = 0; i < n; ++i) d.push_back(E(src[i]));
    u64 warm = 0;
    for (std::size_t i = 0; i < n; ++i) {
      d.push_back(E(src[i]));
      pop_front_into(d, warm);
    }
    benchmark::DoNotOptimize(warm);
    for (auto _ : state) {
      u64 sum = 0;
      for (std::size_t i = 0; i < n; ++i) {
        d.push_back(E(src[i]));
        pop_front_into(d, sum);
      }
      benchmark::DoNotOptimize(sum);
    }
    if (d.size() != n) state.SkipWithError("steady_queue changed the queue's length");
  }
};

struct push_front_fill {
  template <class D>
  static void run(benchmark::State& state, std::size_t n) {
    const u64* src = bench::data(n).data();
    for (auto _ : state) {
      D d;
      for (std::size_t i = 0; i < n; ++i) d.push_front(src[i]);
      benchmark::DoNotOptimize(&d.front());
    }
  }
};

struct random_get {
  template <class D>
  static void run(benchmark::State& state, std::size_t n) {
    const u64* src = bench::data(n).data();
    const std::uint32_t* idx = random_indexes(n).data();
    D d;
    for (std::size_t i = 0; i < n; ++i) {
      if (i % 2 == 0) d.push_back(src[i]);
      else d.push_front(src[i]);
    }
    for (auto _ : state) {
      u64 sum = 0;
      for (std::size_t i = 0; i < n; ++i) sum += d[idx[i]];
      benchmark::DoNotOptimize(sum);
    }
  }
};

template <class W>
void add_all(const char* workload, std::size_t n) {
  bench::add_impls<W>(workload, n, bench::impl<bare_deque>{"bare"}, bench::impl<region_deque>{"bare-region"},
                      bench::impl<std_deque>{"std"}, bench::impl<boost_deque>{"boost"});
}

template <class W>
void add_all_cell(const char* workload, std::size_t n) {
  bench::add_impls<W>(workload, n, bench::impl<bare::vec_deque<cell, bare::malloc_allocator>>{"bare"},
                      bench::impl<bare::vec_deque<cell>>{"bare-region"}, bench::impl<std::deque<cell>>{"std"},
                      bench::impl<boost::container::devector<cell>>{"boost"});
}

}  // namespace

void bench::register_group(const config& cfg) {
  for (std::size_t n : cfg.sizes) {
    add_all<steady_queue>("steady_queue", n);
    add_all_cell<steady_queue>("steady_queue_struct", n);
    add_all<push_front_fill>("push_front_fill", n);
    add_all<random_get>("random_get", n);
  }
}
