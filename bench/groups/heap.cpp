// bench/groups/heap.cpp — bare::binary_heap (binary and 4-ary) against std::priority_queue
// (and Rust's BinaryHeap, in bench/rust/groups.rs), max-heaps of u64 = data(n)
// (bench/common/harness.hpp).
//
// Workloads (the row is ns per element; times are the thread's CPU time; push_pop_all and
// push_pop_mix for n <= 10^6):
//   push_pop_all  empty heap, push the n values one by one, then pop until empty (the popped
//                 values are summed and checked), drop it; one operation = one push + one pop
//   heapify       build a heap from a vector of the n values in O(n) (bare: from(vec),
//                 std: the (compare, vector&&) constructor, Rust: From<Vec>); the vectors
//                 (copies_per_iteration(n) of them) are copied outside the timed part
//   push_pop_mix  a heap of the n values (copies made outside the timed part), then n
//                 operations: operation i pushes mix[i] if it is odd, else pops (mix: the
//                 first n outputs of splitmix64(mix_seed); about half pushes, half pops)
//
// impl: bare = bare::binary_heap<u64, less, malloc_allocator> (Arity 2, the default);
// bare-4ary = the same with Arity 4 (rows for choosing the default arity); bare-region =
// bare::binary_heap<u64> on the region allocator; std = std::priority_queue<u64> (on
// std::vector, std::less).
#include <functional>
#include <queue>
#include <span>
#include <vector>

#include "bare/alloc/malloc.hpp"
#include "bare/binary_heap.hpp"
#include "harness.hpp"

const char* const bench::group_name = "heap";

namespace {

using bench::u64;
using bare_heap = bare::binary_heap<u64, bare::less<u64>, bare::malloc_allocator>;
using bare_heap4 = bare::binary_heap<u64, bare::less<u64>, bare::malloc_allocator, 4>;
using region_heap = bare::binary_heap<u64>;
using std_heap = std::priority_queue<u64>;

// push_pop_all and push_pop_mix stop at 10^6 (the goal's size): at 10^7 one iteration of
// push_pop_all takes ~3 s of CPU, which would make the heap group most of a default run.
constexpr std::size_t push_pop_max_n = 1000000;

// The seed of push_pop_mix's operations (bench/rust/groups.rs: the same).
constexpr u64 mix_seed = 1234;

const std::vector<u64>& mix_ops(std::size_t n) {
  static std::vector<u64> v;
  if (v.size() != n) {
    v.resize(n);
    bench::splitmix64 r(mix_seed);
    for (auto& x : v) x = r.next();
  }
  return v;
}

// ---- the operations whose spelling differs ---------------------------------------------------

// bare::binary_heap: the vector type it is built from, from(vec), clone(), pop() -> optional.
template <class H>
struct heap_api {
  using vec = bare::vec<u64, typename H::allocator_type>;
  static vec vec_from(std::span<const u64> s) { return vec::from(s); }
  static H from_vec(vec&& v) { return H::from(std::move(v)); }
  static H clone(const H& h) { return h.clone(); }
  static bool pop_into(H& h, u64& sum) {
    auto x = h.pop();
    if (x) sum += *x;
    return x.has_value();
  }
};

template <>
struct heap_api<std_heap> {
  using vec = std::vector<u64>;
  static vec vec_from(std::span<const u64> s) { return vec(s.begin(), s.end()); }
  static std_heap from_vec(vec&& v) { return std_heap(std::less<u64>(), std::move(v)); }
  static std_heap clone(const std_heap& h) { return h; }
  static bool pop_into(std_heap& h, u64& sum) {
    if (h.empty()) return false;
    sum += h.top();
    h.pop();
    return true;
  }
};

// ---- the workloads ---------------------------------------------------------------------------

struct push_pop_all {
  template <class H>
  static void run(benchmark::State& state, std::size_t n) {
    const auto src = bench::data(n);
    u64 expected = 0;
    for (u64 x : src) expected += x;
    for (auto _ : state) {
      H h;
      for (u64 x : src) h.push(x);
      u64 sum = 0;
      while (heap_api<H>::pop_into(h, sum)) {
      }
      benchmark::DoNotOptimize(sum);
      if (sum != expected) state.SkipWithError("push_pop_all popped other values than it pushed");
    }
  }
};

struct heapify : bench::copies_workload {  // copies of the vector, made outside the timed part
  template <class H>
  static void run(benchmark::State& state, std::size_t n) {
    using api = heap_api<H>;
    const auto src = bench::data(n);
    bench::time_on_copies(state, n, [src] { return api::vec_from(src); },
                          [](typename api::vec& v) { return api::from_vec(std::move(v)); });
  }
};

struct push_pop_mix : bench::copies_workload {  // copies of the heap, made outside the timed part
  template <class H>
  static void run(benchmark::State& state, std::size_t n) {
    using api = heap_api<H>;
    const H h = api::from_vec(api::vec_from(bench::data(n)));
    const u64* mix = mix_ops(n).data();
    bench::time_on_copies(state, n, [&h] { return api::clone(h); }, [mix, n](H& c) {
      u64 sum = 0;
      for (std::size_t i = 0; i < n; ++i) {
        if (mix[i] & 1) c.push(mix[i]);
        else api::pop_into(c, sum);
      }
      benchmark::DoNotOptimize(sum);
    });
  }
};

template <class W>
void add_all(const char* workload, std::size_t n) {
  bench::add_impls<W>(workload, n, bench::impl<bare_heap>{"bare"}, bench::impl<bare_heap4>{"bare-4ary"},
                      bench::impl<region_heap>{"bare-region"}, bench::impl<std_heap>{"std"});
}

}  // namespace

void bench::register_group(const config& cfg) {
  for (std::size_t n : cfg.sizes) {
    if (n <= push_pop_max_n) add_all<push_pop_all>("push_pop_all", n);
    add_all<heapify>("heapify", n);
    if (n <= push_pop_max_n) add_all<push_pop_mix>("push_pop_mix", n);
  }
}
