// bench/groups/btree.cpp — bare::btree_map against absl::btree_map and std::map (and Rust's
// BTreeMap, in bench/rust/groups.rs), u64 -> u64 and 24-byte string -> u64.
//
// Keys: key(i) = data(n)[i] with the lowest bit cleared (random, distinct); a missing key is
// the same value with the lowest bit set, so lookup_miss looks for keys that fall between
// present ones all over the tree. The value of key(i) is i. String keys (the `_str24`
// workloads): str24(x) = the 16 lowercase hex digits of x followed by the 8 hex digits of
// (x * 0x9e3779b97f4a7c15) >> 32, 24 bytes, heap-allocated in every implementation (bare::string,
// std::string: beyond its 15-byte SSO; Rust String).
//
// Workloads (ns per operation; times are the thread's CPU time):
//   insert_random      empty map, insert key(0..n) in that (random) order, drop the map
//   insert_sequential  empty map, insert 0, 1, ..., n-1 in order, drop the map
//   lookup_hit_random  a map of the n keys (built outside the timed part); look up
//                      lookups(n) = min(n, 10^6) of them in data order (random), summing the
//                      values; one operation = one lookup
//   lookup_miss        the same map; look up lookups(n) missing keys (key | 1)
//   erase_random       copies of the map (made outside the timed part); erase the n keys in
//                      data order until the map is empty
//   fwd_iter           the map; sum the values in key order; ns per element
//   range_scan_100     the map; lookups(n) / 100 scans, each from lower_bound(a random key)
//                      over up to 100 elements; ns per element visited
//   bulk_build_sorted  a vector of the n (key, value) pairs sorted by key, outside the timed
//                      part; build a map from it in one call (bare: from_sorted, std/absl:
//                      the range constructor, Rust: FromIterator); drop it
// The u64 workloads run at n = 10^3 ... 10^6; at 10^7 only the two lookups (building a map of
// 10^7 costs std::map ~15 s per iteration). The _str24 ones: insert_random, lookup_hit_random,
// lookup_miss, erase_random at n <= 10^6.
// Metric bytes_per_elem (n <= 10^6): heap bytes in use after insert_random's insertions
// (glibc's mallinfo2 uordblks + hblkhd, before minus after, so malloc's per-chunk overhead
// counts) divided by n; u64 -> u64. Metric bytes_requested_per_elem: the same maps' bytes as
// requested from the allocator (bare through bare::counting<malloc_allocator>, std/absl through
// bench::counting_std_allocator, Rust through a counting #[global_allocator]), which leaves
// malloc's 8-byte chunk header and 16-byte rounding out.
//
// impl: bare = bare::btree_map<.., malloc_allocator>; bare-region = bare::btree_map on the
// region allocator; absl = absl::btree_map; std = std::map.
#include <absl/container/btree_map.h>
#include <malloc.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bare/alloc/counting.hpp"
#include "bare/alloc/malloc.hpp"
#include "bare/btree_map.hpp"
#include "bare/string.hpp"
#include "harness.hpp"

const char* const bench::group_name = "btree";

namespace {

using bench::u64;
using bare_string = bare::string<bare::malloc_allocator>;

using bare_map = bare::btree_map<u64, u64, bare::less<u64>, bare::malloc_allocator>;
using region_map = bare::btree_map<u64, u64>;
using absl_map = absl::btree_map<u64, u64>;
using std_map = std::map<u64, u64>;
using bare_smap = bare::btree_map<bare_string, u64, bare::less<bare_string>, bare::malloc_allocator>;
using absl_smap = absl::btree_map<std::string, u64>;
using std_smap = std::map<std::string, u64>;

constexpr std::size_t all_workloads_max_n = 1000000;
constexpr std::size_t max_lookups = 1000000;
constexpr std::size_t scan_length = 100;
std::size_t lookups(std::size_t n) { return n < max_lookups ? n : max_lookups; }

// ---- keys -------------------------------------------------------------------------------------

u64 key_of(u64 x) { return x & ~u64{1}; }
u64 miss_of(u64 x) { return x | 1; }

// The 24 bytes of str24(x) (see the header comment).
void str24(u64 x, char out[24]) {
  static constexpr char hex[] = "0123456789abcdef";
  for (int i = 0; i < 16; ++i) out[i] = hex[(x >> (60 - 4 * i)) & 15];
  const u64 y = (x * 0x9e3779b97f4a7c15ull) >> 32;
  for (int i = 0; i < 8; ++i) out[16 + i] = hex[(y >> (28 - 4 * i)) & 15];
}

// Key types: u64 or a 24-byte string, made from a u64 (key_of or miss_of already applied).
template <class K>
K make_key(u64 x) {
  if constexpr (std::is_same_v<K, u64>) {
    return x;
  } else {
    char b[24];
    str24(x, b);
    if constexpr (std::is_same_v<K, std::string>) return std::string(b, 24);
    else return K::from(bare::str::from_utf8_unchecked(b, 24));
  }
}

// keys(n, f) = make_key(f(data(n)[i])) for each i, cached per (key type, f, n).
template <class K, u64 (*F)(u64)>
const std::vector<K>& keys(std::size_t n) {
  static std::vector<K> v;
  static std::size_t cached = 0;
  if (cached != n) {
    v.clear();
    v.reserve(n);
    for (u64 x : bench::data(n)) v.push_back(make_key<K>(F(x)));
    cached = n;
  }
  return v;
}

// ---- the operations whose spelling differs ---------------------------------------------------

template <class M>
struct map_api {  // std::map, absl::btree_map
  using key = typename M::key_type;
  static void insert(M& m, const key& k, u64 v) { m.emplace(k, v); }
  static const u64* get(const M& m, const key& k) {
    const auto it = m.find(k);
    return it == m.end() ? nullptr : &it->second;
  }
  static M clone(const M& m) { return m; }
  static M from_sorted(const std::vector<std::pair<key, u64>>& s) { return M(s.begin(), s.end()); }
};

template <class K, class Cmp, class A>
struct map_api<bare::btree_map<K, u64, Cmp, A>> {
  using M = bare::btree_map<K, u64, Cmp, A>;
  using key = K;
  static void insert(M& m, const key& k, u64 v) {
    if constexpr (std::is_same_v<K, u64>) m.insert(k, v);
    else m.insert(k.clone(), v);
  }
  static const u64* get(const M& m, const key& k) { return m.get(k); }
  static M clone(const M& m) { return m.clone(); }
  static M from_sorted(const std::vector<std::pair<key, u64>>& s) { return M::from_sorted(s.begin(), s.end()); }
};

template <class M>
M build(std::size_t n) {
  using K = typename map_api<M>::key;
  const auto& k = keys<K, key_of>(n);
  M m;
  for (std::size_t i = 0; i < n; ++i) map_api<M>::insert(m, k[i], i);
  return m;
}

// build<M>(n), kept from one benchmark call to the next (Google Benchmark calls a benchmark
// function once per repetition; a std::map of 10^7 takes ~15 s to build).
template <class M>
const M& shared_map(std::size_t n) {
  static std::optional<M> m;
  static std::size_t cached = 0;
  if (!m || cached != n) {
    m.reset();
    m.emplace(build<M>(n));
    cached = n;
  }
  return *m;
}

// ---- the workloads ---------------------------------------------------------------------------

struct insert_random {
  template <class M>
  static void run(benchmark::State& state, std::size_t n) {
    for (auto _ : state) {
      M m = build<M>(n);
      benchmark::DoNotOptimize(m);
      if (m.size() != n) state.SkipWithError("insert_random: wrong size");
    }
  }
};

struct insert_sequential {
  template <class M>
  static void run(benchmark::State& state, std::size_t n) {
    for (auto _ : state) {
      M m;
      for (u64 i = 0; i < n; ++i) map_api<M>::insert(m, i, i);
      benchmark::DoNotOptimize(m);
      if (m.size() != n) state.SkipWithError("insert_sequential: wrong size");
    }
  }
};

template <u64 (*F)(u64), bool Hit>
struct lookup {
  static double ops(std::size_t n) { return static_cast<double>(lookups(n)); }
  template <class M>
  static void run(benchmark::State& state, std::size_t n) {
    using K = typename map_api<M>::key;
    const M& m = shared_map<M>(n);
    const auto& q = keys<K, F>(n);
    const std::size_t count = lookups(n);
    for (auto _ : state) {
      u64 sum = 0, found = 0;
      for (std::size_t i = 0; i < count; ++i) {
        if (const u64* v = map_api<M>::get(m, q[i])) {
          sum += *v;
          ++found;
        }
      }
      benchmark::DoNotOptimize(sum);
      if (found != (Hit ? count : 0)) state.SkipWithError("lookup: wrong number of hits");
    }
  }
};
using lookup_hit_random = lookup<key_of, true>;
using lookup_miss = lookup<miss_of, false>;

struct erase_random : bench::copies_workload {  // copies of the map, made outside the timed part
  template <class M>
  static void run(benchmark::State& state, std::size_t n) {
    using K = typename map_api<M>::key;
    const M& m = shared_map<M>(n);
    const auto& k = keys<K, key_of>(n);
    bench::time_on_copies(
        state, n, [&m] { return map_api<M>::clone(m); },
        [&k](M& c) {
          std::size_t erased = 0;
          for (const K& x : k) erased += c.erase(x);
          benchmark::DoNotOptimize(erased);
        },
        [](const std::vector<M>& copies) -> const char* {
          for (const M& c : copies) {
            if (!c.empty()) return "erase_random: map not empty";
          }
          return nullptr;
        });
  }
};

struct fwd_iter {
  template <class M>
  static void run(benchmark::State& state, std::size_t n) {
    const M& m = shared_map<M>(n);
    const u64 expected = static_cast<u64>(n) * (n - 1) / 2;
    for (auto _ : state) {
      u64 sum = 0;
      for (auto&& kv : m) sum += kv.second;
      benchmark::DoNotOptimize(sum);
      if (sum != expected) state.SkipWithError("fwd_iter: wrong sum");
    }
  }
};

struct range_scan_100 {
  static double ops(std::size_t n) {
    const std::size_t scans = lookups(n) / scan_length;
    return static_cast<double>(scans * (n < scan_length ? n : scan_length));  // ~ elements visited
  }
  template <class M>
  static void run(benchmark::State& state, std::size_t n) {
    const M& m = shared_map<M>(n);
    const auto& q = keys<u64, miss_of>(n);
    const std::size_t scans = lookups(n) / scan_length;
    for (auto _ : state) {
      u64 sum = 0;
      for (std::size_t i = 0; i < scans; ++i) {
        auto it = m.lower_bound(q[i]);
        for (std::size_t j = 0; j < scan_length && it != m.end(); ++j, ++it) sum += (*it).second;
      }
      benchmark::DoNotOptimize(sum);
    }
  }
};

struct bulk_build_sorted {
  template <class M>
  static void run(benchmark::State& state, std::size_t n) {
    std::vector<std::pair<u64, u64>> sorted;
    sorted.reserve(n);
    const auto& k = keys<u64, key_of>(n);
    for (std::size_t i = 0; i < n; ++i) sorted.emplace_back(k[i], i);
    std::sort(sorted.begin(), sorted.end());
    for (auto _ : state) {
      M m = map_api<M>::from_sorted(sorted);
      benchmark::DoNotOptimize(m);
      if (m.size() != n) state.SkipWithError("bulk_build_sorted: wrong size");
    }
  }
};

// ---- memory ----------------------------------------------------------------------------------

std::size_t heap_in_use() {
  const struct mallinfo2 mi = mallinfo2();
  return mi.uordblks + mi.hblkhd;
}

template <class M>
void emit_bytes(const char* impl, std::size_t n) {
  keys<u64, key_of>(n);  // the keys' own vector is not counted
  const std::size_t before = heap_in_use();
  {
    M m = build<M>(n);
    const std::size_t after = heap_in_use();
    bench::emit_metric("bytes_per_elem", n, impl, "bytes_per_elem",
                       static_cast<double>(after - before) / static_cast<double>(n));
    benchmark::DoNotOptimize(m);
  }
}

template <class M>
void emit_requested(const char* impl, std::size_t n) {
  keys<u64, key_of>(n);
  const std::size_t before = bench::requested_bytes;
  M m = build<M>(n);
  std::size_t bytes = bench::requested_bytes - before;
  if constexpr (requires { m.allocator().stats(); }) bytes = m.allocator().stats().current_bytes;
  bench::emit_metric("bytes_requested_per_elem", n, impl, "bytes_requested_per_elem",
                     static_cast<double>(bytes) / static_cast<double>(n));
}
using counted_pair = bench::counting_std_allocator<std::pair<const u64, u64>>;

template <class W>
void add_u64(const char* workload, std::size_t n) {
  bench::add_impls<W>(workload, n, bench::impl<bare_map>{"bare"}, bench::impl<region_map>{"bare-region"},
                      bench::impl<absl_map>{"absl"}, bench::impl<std_map>{"std"});
}

template <class W>
void add_str(const std::string& workload, std::size_t n) {
  bench::add_impls<W>(workload + "_str24", n, bench::impl<bare_smap>{"bare"}, bench::impl<absl_smap>{"absl"},
                      bench::impl<std_smap>{"std"});
}

}  // namespace

void bench::register_group(const config& cfg) {
  for (std::size_t n : cfg.sizes) {
    if (n <= all_workloads_max_n) {
      bench::add_rows([n] {
        emit_bytes<bare_map>("bare", n);
        emit_bytes<absl_map>("absl", n);
        emit_bytes<std_map>("std", n);
        emit_requested<bare::btree_map<u64, u64, bare::less<u64>, bare::counting<bare::malloc_allocator>>>("bare", n);
        emit_requested<absl::btree_map<u64, u64, std::less<u64>, counted_pair>>("absl", n);
        emit_requested<std::map<u64, u64, std::less<u64>, counted_pair>>("std", n);
      });
      add_u64<insert_random>("insert_random", n);
      add_u64<insert_sequential>("insert_sequential", n);
    }
    add_u64<lookup_hit_random>("lookup_hit_random", n);
    add_u64<lookup_miss>("lookup_miss", n);
    if (n <= all_workloads_max_n) {
      add_u64<erase_random>("erase_random", n);
      add_u64<fwd_iter>("fwd_iter", n);
      add_u64<range_scan_100>("range_scan_100", n);
      add_u64<bulk_build_sorted>("bulk_build_sorted", n);
      add_str<insert_random>("insert_random", n);
      add_str<lookup_hit_random>("lookup_hit_random", n);
      add_str<lookup_miss>("lookup_miss", n);
      add_str<erase_random>("erase_random", n);
    }
  }
}
