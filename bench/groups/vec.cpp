// bench/groups/vec.cpp — bare::vec against std::vector, boost::container::devector (and Rust's
// Vec, in bench/rust/groups.rs), elements u64 = data(n) (bench/common/harness.hpp).
//
// Workloads (the row is ns per element; times are the thread's CPU time):
//   push_back           empty vector, push the n values one by one, drop it
//   push_back_reserved  the same after reserve(n)
//   extend              empty vector, append the values in slices of 16 (insert at end of a
//                       range / extend_from / extend_from_slice), drop it
//   insert_front        empty vector, insert each value at index 0 (O(n^2); n <= 10^4)
//   retain_half         keep the even values of a copy of data(n) (~half); the copies (2^16
//                       elements' worth per iteration) are made outside the timed part
//   clone               copy a vector of n values, drop the copy
//   iterate_sum         wrapping sum of a vector of n values, range-for
//
// impl: bare = bare::vec<u64, malloc_allocator>; bare-region = bare::vec<u64> on the region
// allocator (bare::global, see harness.cpp); std = std::vector<u64>; boost =
// boost::container::devector<u64> (small_vector is left out of these: at n >= 1000 it is a
// vector whose inline buffer is never used).
//
// The fixed-capacity and inline-first rows (issue 9), bare against boost only (std has no
// such container):
//   fixed_push          an empty fixed_vec<u64, 1024> (boost: static_vector<u64, 1024>), push
//                       the n = 1000 values, drop it (n = 1000 only: a fixed capacity)
//   fixed_iterate       wrapping sum of a full one, range-for (n = 1000 only)
//   small_push_inline   n / 8 times: an empty small_vec<u64, 16> (boost: small_vector<u64, 16>),
//                       push 8 values (they stay inline), drop it; ns per value
//   small_push          an empty small_vec<u64, 16>, push the n values (spills to the heap at
//                       16: malloc_allocator, boost: new), drop it
//   small_iterate       wrapping sum of a small_vec<u64, 16> of n values
#include <algorithm>
#include <boost/container/devector.hpp>
#include <boost/container/small_vector.hpp>
#include <boost/container/static_vector.hpp>
#include <span>
#include <vector>

#include "bare/alloc/malloc.hpp"
#include "bare/fixed_vec.hpp"
#include "bare/small_vec.hpp"
#include "bare/vec.hpp"
#include "harness.hpp"

const char* const bench::group_name = "vec";

namespace {

using bench::u64;
using bare_vec = bare::vec<u64, bare::malloc_allocator>;
using region_vec = bare::vec<u64>;
using std_vec = std::vector<u64>;
using boost_vec = boost::container::devector<u64>;

constexpr std::size_t fixed_cap = 1024;
constexpr std::size_t fixed_n = 1000;
constexpr std::size_t small_inline = 16;
constexpr std::size_t small_burst = 8;  // values per small_vec in small_push_inline
using bare_fixed = bare::fixed_vec<u64, fixed_cap>;
using boost_static = boost::container::static_vector<u64, fixed_cap>;
using bare_small = bare::small_vec<u64, small_inline, bare::malloc_allocator>;
using boost_small = boost::container::small_vector<u64, small_inline>;

constexpr std::size_t extend_chunk = 16;
constexpr std::size_t insert_front_max_n = 10000;

// ---- the operations whose spelling differs ---------------------------------------------------

template <class V>
V make_from(std::span<const u64> s) {
  if constexpr (requires { V::from(s); }) return V::from(s);
  else return V(s.begin(), s.end());
}

template <class V>
V clone(const V& v) {
  if constexpr (requires { v.clone(); }) return v.clone();
  else return v;
}

template <class V>
void extend(V& v, const u64* p, std::size_t k) {
  if constexpr (requires { v.extend_from(std::span<const u64>(p, k)); }) v.extend_from(std::span<const u64>(p, k));
  else v.insert(v.end(), p, p + k);
}

constexpr bool is_even(u64 x) { return (x & 1) == 0; }
template <class V>
void retain_even(V& v) {
  if constexpr (requires { v.retain(is_even); }) v.retain(is_even);
  else v.erase(std::remove_if(v.begin(), v.end(), [](u64 x) { return !is_even(x); }), v.end());
}

// ---- the workloads: run<V>(state, n) times one iteration's n operations ----------------------

// One iteration: a fresh V filled from data(n) by fill(v, src), then dropped.
template <class V, class Fill>
void fill_and_drop(benchmark::State& state, std::size_t n, Fill fill) {
  const u64* src = bench::data(n).data();
  for (auto _ : state) {
    V v;
    fill(v, src);
    benchmark::DoNotOptimize(v.data());
  }
}

template <bool Reserve>
struct push_back {
  template <class V>
  static void run(benchmark::State& state, std::size_t n) {
    fill_and_drop<V>(state, n, [n](V& v, const u64* src) {
      if constexpr (Reserve) v.reserve(n);
      for (std::size_t i = 0; i < n; ++i) v.push_back(src[i]);
    });
  }
};

struct extend_chunks {
  template <class V>
  static void run(benchmark::State& state, std::size_t n) {
    fill_and_drop<V>(state, n, [n](V& v, const u64* src) {
      for (std::size_t i = 0; i < n; i += extend_chunk) extend(v, src + i, std::min(extend_chunk, n - i));
    });
  }
};

struct insert_front {
  template <class V>
  static void run(benchmark::State& state, std::size_t n) {
    fill_and_drop<V>(state, n, [n](V& v, const u64* src) {
      for (std::size_t i = 0; i < n; ++i) v.insert(v.begin(), src[i]);
    });
  }
};

struct retain_half : bench::copies_workload {  // the copies to work on are made outside the timed part
  template <class V>
  static void run(benchmark::State& state, std::size_t n) {
    const auto src = bench::data(n);
    const auto expected = static_cast<std::size_t>(std::count_if(src.begin(), src.end(), is_even));
    bench::time_on_copies(
        state, n, [src] { return make_from<V>(src); },
        [](V& v) {
          retain_even(v);
          benchmark::DoNotOptimize(v.data());
        },
        [expected](const std::vector<V>& copies) -> const char* {
          for (const V& v : copies)
            if (v.size() != expected) return "retain_half kept the wrong number of elements";
          return nullptr;
        });
  }
};

struct clone_drop {
  template <class V>
  static void run(benchmark::State& state, std::size_t n) {
    const V v = make_from<V>(bench::data(n));
    for (auto _ : state) {
      V c = clone(v);
      benchmark::DoNotOptimize(c.data());
    }
  }
};

struct iterate_sum {
  template <class V>
  static void run(benchmark::State& state, std::size_t n) {
    const V v = make_from<V>(bench::data(n));
    for (auto _ : state) {
      u64 sum = 0;
      for (u64 x : v) sum += x;
      benchmark::DoNotOptimize(sum);
    }
  }
};

// ---- fixed-capacity and inline-first workloads ------------------------------------------------

struct small_push_inline {
  template <class V>
  static void run(benchmark::State& state, std::size_t n) {
    const u64* src = bench::data(n).data();
    for (auto _ : state) {
      for (std::size_t i = 0; i + small_burst <= n; i += small_burst) {
        V v;
        for (std::size_t k = 0; k < small_burst; ++k) v.push_back(src[i + k]);
        benchmark::DoNotOptimize(v.data());
      }
    }
  }
};

template <class V>
V filled(std::size_t n) {
  V v;
  for (u64 x : bench::data(n)) v.push_back(x);
  return v;
}

// iterate_sum over a container that make_from cannot build (no from / range constructor).
struct iterate_sum_filled {
  template <class V>
  static void run(benchmark::State& state, std::size_t n) {
    const V v = filled<V>(n);
    for (auto _ : state) {
      u64 sum = 0;
      for (u64 x : v) sum += x;
      benchmark::DoNotOptimize(sum);
    }
  }
};

// Registers workload W at size n for every implementation (the rows come out in this order).
template <class W>
void add_all(const char* workload, std::size_t n) {
  bench::add_impls<W>(workload, n, bench::impl<bare_vec>{"bare"}, bench::impl<region_vec>{"bare-region"},
                      bench::impl<std_vec>{"std"}, bench::impl<boost_vec>{"boost"});
}

}  // namespace

void bench::register_group(const config& cfg) {
  for (std::size_t n : cfg.sizes) {
    add_all<push_back<false>>("push_back", n);
    add_all<push_back<true>>("push_back_reserved", n);
    add_all<extend_chunks>("extend", n);
    if (n <= insert_front_max_n) add_all<insert_front>("insert_front", n);
    add_all<retain_half>("retain_half", n);
    add_all<clone_drop>("clone", n);
    add_all<iterate_sum>("iterate_sum", n);
    if (n == fixed_n) {
      bench::add_impls<push_back<false>>("fixed_push", n, bench::impl<bare_fixed>{"bare"},
                                         bench::impl<boost_static>{"boost"});
      bench::add_impls<iterate_sum_filled>("fixed_iterate", n, bench::impl<bare_fixed>{"bare"},
                                           bench::impl<boost_static>{"boost"});
      bench::add_impls<small_push_inline>("small_push_inline", n, bench::impl<bare_small>{"bare"},
                                          bench::impl<boost_small>{"boost"});
    }
    bench::add_impls<push_back<false>>("small_push", n, bench::impl<bare_small>{"bare"}, bench::impl<boost_small>{"boost"});
    bench::add_impls<iterate_sum_filled>("small_iterate", n, bench::impl<bare_small>{"bare"},
                                         bench::impl<boost_small>{"boost"});
  }
}
