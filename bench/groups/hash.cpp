// bench/groups/hash.cpp — bare::hash_map against boost::unordered_flat_map, absl::flat_hash_map
// and std::unordered_map (and Rust's HashMap, in bench/rust/groups.rs), u64 -> u64 and
// 24-byte string -> u64.
//
// Two passes over every workload (fairness rule 4 of bench/README.md):
//   <workload>         each map with its default hash: bare::default_hasher (keyed by
//                      BARE_HASH_SEED, below), boost::hash (boost mixes it: not avalanching),
//                      absl::Hash, std::hash (libstdc++: the identity on u64), Rust's
//                      RandomState (SipHash-1-3);
//   <workload>_common  every map with the same function, common_hash below (and Rust's
//                      CommonHasher, the same arithmetic): u64: fold(x ^ c0, c1), where fold
//                      is the 64 x 64 -> 128-bit product's halves xor-ed; bytes: h = c0 ^ len,
//                      then h = fold(h ^ w, c1) for each 8-byte little-endian word w (the last
//                      one zero-padded). It declares is_avalanching, so boost and bare use it
//                      as it is (absl and std always do).
//
// Keys: key(i) = data(n)[i] with the lowest bit cleared (random, distinct); a missing key is
// the same value with the lowest bit set. String keys: str24(x) (as in btree.cpp: 16 hex
// digits of x and 8 of a multiple of it), 24 bytes on the heap in every implementation.
//
// Workloads (ns per operation; times are the thread's CPU time):
//   boost_uint64_aggregate  Boost.Unordered's uint64 benchmark at N = n / 3, with the lookup
//                      rounds cut from 10 to 1: into an empty map insert N consecutive keys
//                      1..N, N random keys (data), N byte-reversed consecutive keys; look up
//                      2N keys of each kind (half present); iterate erasing the elements with
//                      an odd value; look up again; erase the 3N keys (N of each kind). One
//                      operation = one insert, lookup, iteration step or erase (21N of them).
//                      n = 10^3 ... 10^6, and 6 * 10^6 with the 10^7 run (the goal of issue 7).
//   lookup_hit         a map of the n keys (built outside the timed part); look up
//                      min(n, 10^6) of them in data order, summing the values
//   lookup_miss        the same map; min(n, 10^6) missing keys
//   insert_erase_mask_low, insert_erase_mask_high
//                      Ankerl's RandomInsertErase: keys are splitmix64(99) outputs masked to B
//                      bits, 2^B >= 2n (so the map settles near n elements): the lowest B bits,
//                      or the highest B bits (a hash that ignores high bits puts every key in
//                      one place). A map kept across iterations (filled outside the timed
//                      part); an iteration does n times m[next() & mask] = i; m.erase(next() &
//                      mask). One operation = one assignment + one erase. n <= 10^6.
//   lookup_hit_str24   a map of n string keys; look up min(n, 10^6) of them. n <= 10^6.
// Metric bytes_per_elem: heap bytes in use after the aggregate's 3N insertions (glibc
// mallinfo2 uordblks + hblkhd, before minus after, so malloc's per-chunk overhead counts)
// divided by 3N; the default pass only (the hash does not change the memory).
//
// impl: bare = bare::hash_map<.., malloc_allocator>; bare-region = bare::hash_map on the region
// allocator (default pass only); boost = boost::unordered_flat_map; absl = absl::flat_hash_map;
// std = std::unordered_map.
#include <absl/container/flat_hash_map.h>
#include <absl/hash/hash.h>
#include <malloc.h>

#include <boost/unordered/unordered_flat_map.hpp>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bare/alloc/malloc.hpp"
#include "bare/hash_map.hpp"
#include "bare/string.hpp"
#include "harness.hpp"

const char* const bench::group_name = "hash";

// The seed of bare::default_hasher in this program (a firmware would read a hardware RNG).
BARE_HASH_SEED(0x5EED0F'BE4C4ull);

namespace {

using bench::u64;
using bare_string = bare::string<bare::malloc_allocator>;

// ---- the common hash ---------------------------------------------------------------------------

struct common_hash {
  using is_avalanching = void;  // boost and bare take it as it is
  static constexpr u64 c0 = 0x243F6A8885A308D3ull, c1 = 0x9E3779B97F4A7C15ull;
  static u64 fold(u64 a, u64 b) noexcept {
    __extension__ typedef unsigned __int128 u128;
    const u128 p = static_cast<u128>(a) * b;
    return static_cast<u64>(p) ^ static_cast<u64>(p >> 64);
  }
  static u64 bytes(const char* p, std::size_t n) noexcept {
    u64 h = c0 ^ n;
    for (; n >= 8; p += 8, n -= 8) {
      u64 w;
      std::memcpy(&w, p, 8);
      h = fold(h ^ w, c1);
    }
    if (n != 0) {
      u64 w = 0;
      std::memcpy(&w, p, n);
      h = fold(h ^ w, c1);
    }
    return h;
  }
  std::size_t operator()(u64 x) const noexcept { return fold(x ^ c0, c1); }
  std::size_t operator()(const std::string& s) const noexcept { return bytes(s.data(), s.size()); }
  std::size_t operator()(const bare_string& s) const noexcept { return bytes(s.data(), s.size()); }
};

// ---- the maps ----------------------------------------------------------------------------------

template <class K, class H>
using bare_map = bare::hash_map<K, u64, H, bare::equal_to<>, bare::malloc_allocator>;
template <class K, class H>
using region_map = bare::hash_map<K, u64, H>;
template <class K, class H>
using boost_map = boost::unordered_flat_map<K, u64, H>;
template <class K, class H>
using absl_map = absl::flat_hash_map<K, u64, H>;
template <class K, class H>
using std_map = std::unordered_map<K, u64, H>;

template <class M>
constexpr bool is_bare = requires(M& m) { m.try_insert(std::declval<typename M::key_type>(), u64{}); };

// Copies of a key for insertion (bare::string has no copy constructor: clone()).
template <class K>
K copy_key(const K& k) {
  if constexpr (std::is_same_v<K, bare_string>) return k.clone();
  else return k;
}

// (The two helpers below are forced inline for every map alike: left to the compiler, which
// maps' calls get inlined into the workload loops differs, which is not what is measured.)
template <class M, class K>
__attribute__((always_inline)) inline void insert(M& m, const K& k, u64 v) {
  if constexpr (is_bare<M>) m.insert(copy_key(k), v);
  else m.emplace(k, v);
}
template <class M, class K>
__attribute__((always_inline)) inline const u64* get(const M& m, const K& k) {
  if constexpr (is_bare<M>) {
    return m.get(k);
  } else {
    const auto it = m.find(k);
    return it == m.end() ? nullptr : &it->second;
  }
}

// ---- keys ------------------------------------------------------------------------------------

u64 key_of(u64 x) { return x & ~u64{1}; }
u64 miss_of(u64 x) { return x | 1; }

void str24(u64 x, char out[24]) {
  static constexpr char hex[] = "0123456789abcdef";
  for (int i = 0; i < 16; ++i) out[i] = hex[(x >> (60 - 4 * i)) & 15];
  const u64 y = (x * 0x9e3779b97f4a7c15ull) >> 32;
  for (int i = 0; i < 8; ++i) out[16 + i] = hex[(y >> (28 - 4 * i)) & 15];
}

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

constexpr std::size_t max_lookups = 1000000;
std::size_t lookups(std::size_t n) { return n < max_lookups ? n : max_lookups; }

// The map of the n keys (value i for key(i)), kept from one benchmark call to the next.
template <class M>
const M& shared_map(std::size_t n) {
  using K = typename M::key_type;
  static std::optional<M> m;
  static std::size_t cached = 0;
  if (!m || cached != n) {
    m.reset();
    m.emplace();
    const auto& k = keys<K, key_of>(n);
    for (std::size_t i = 0; i < n; ++i) insert(*m, k[i], i);
    cached = n;
  }
  return *m;
}

// ---- workloads ---------------------------------------------------------------------------------

template <u64 (*F)(u64), bool Hit>
struct lookup {
  static double ops(std::size_t n) { return static_cast<double>(lookups(n)); }
  template <class M>
  static void run(benchmark::State& state, std::size_t n) {
    using K = typename M::key_type;
    const M& m = shared_map<M>(n);
    const auto& q = keys<K, F>(n);
    const std::size_t count = lookups(n);
    for (auto _ : state) {
      u64 sum = 0, found = 0;
      for (std::size_t i = 0; i < count; ++i) {
        if (const u64* v = get(m, q[i])) {
          sum += *v;
          ++found;
        }
      }
      benchmark::DoNotOptimize(sum);
      if (found != (Hit ? count : 0)) state.SkipWithError("lookup: wrong number of hits");
    }
  }
};
using lookup_hit = lookup<key_of, true>;
using lookup_miss = lookup<miss_of, false>;

// Boost's three key sequences for N: 1..2N, 2N random (data), 2N byte-reversed 1..2N.
struct aggregate_keys {
  std::vector<u64> consecutive, random, reversed;
};
const aggregate_keys& aggregate_keys_for(std::size_t N) {
  static aggregate_keys k;
  static std::size_t cached = 0;
  if (cached != N) {
    k = {};
    const auto d = bench::data(2 * N);
    for (u64 i = 1; i <= 2 * N; ++i) {
      k.consecutive.push_back(i);
      k.random.push_back(d[i - 1]);
      k.reversed.push_back(__builtin_bswap64(i));
    }
    cached = N;
  }
  return k;
}

template <class M>
void aggregate_insert(M& m, const aggregate_keys& k, std::size_t N) {
  for (std::size_t i = 0; i < N; ++i) insert(m, k.consecutive[i], i + 1);
  for (std::size_t i = 0; i < N; ++i) insert(m, k.random[i], i + 1);
  for (std::size_t i = 0; i < N; ++i) insert(m, k.reversed[i], i + 1);
}

struct boost_uint64_aggregate {
  // 3N inserts, 2 x 6N lookups, 3N iteration steps, 3N erases.
  static double ops(std::size_t n) { return static_cast<double>(21 * (n / 3)); }
  template <class M>
  static void run(benchmark::State& state, std::size_t n) {
    const std::size_t N = n / 3;
    const aggregate_keys& k = aggregate_keys_for(N);
    for (auto _ : state) {
      M m;
      aggregate_insert(m, k, N);
      u64 s = 0;
      auto look = [&] {
        for (const auto* v : {&k.consecutive, &k.random, &k.reversed})
          for (u64 x : *v)
            if (const u64* p = get(m, x)) s += *p;
      };
      look();
      for (auto it = m.begin(); it != m.end();) {
        if ((*it).second & 1) m.erase(it++);
        else ++it;
      }
      look();
      for (const auto* v : {&k.consecutive, &k.random, &k.reversed})
        for (std::size_t i = 0; i < N; ++i) m.erase((*v)[i]);
      benchmark::DoNotOptimize(s);
      if (!m.empty()) state.SkipWithError("aggregate: map not empty at the end");
    }
  }
};

// Ankerl's RandomInsertErase, one mask.
template <bool High>
struct insert_erase {
  static unsigned bits(std::size_t n) {
    unsigned b = 1;
    while ((std::size_t(1) << b) < 2 * n) ++b;
    return b;
  }
  static u64 mask(std::size_t n) {
    const u64 low = (u64{1} << bits(n)) - 1;
    return High ? low << (64 - bits(n)) : low;
  }
  template <class M>
  static void run(benchmark::State& state, std::size_t n) {
    const u64 msk = mask(n);
    bench::splitmix64 r(99);
    M m;
    for (std::size_t i = 0; i < 4 * n; ++i) {  // settle near n elements (untimed)
      m[r.next() & msk] = i;
      m.erase(r.next() & msk);
    }
    for (auto _ : state) {
      for (std::size_t i = 0; i < n; ++i) {
        m[r.next() & msk] = i;
        m.erase(r.next() & msk);
      }
      benchmark::DoNotOptimize(m);
    }
    if (m.size() < n / 2 || m.size() > 2 * n) state.SkipWithError("insert_erase: the map did not settle near n");
  }
};

// ---- memory ----------------------------------------------------------------------------------

std::size_t heap_in_use() {
  const struct mallinfo2 mi = mallinfo2();
  return mi.uordblks + mi.hblkhd;
}

template <class M>
void emit_bytes(const char* impl, std::size_t n) {
  const std::size_t N = n / 3;
  const aggregate_keys& k = aggregate_keys_for(N);
  const std::size_t before = heap_in_use();
  {
    M m;
    aggregate_insert(m, k, N);
    const std::size_t after = heap_in_use();
    bench::emit_metric("bytes_per_elem", n, impl, "bytes_per_elem",
                       static_cast<double>(after - before) / static_cast<double>(3 * N));
    benchmark::DoNotOptimize(m);
  }
}

// ---- registration ----------------------------------------------------------------------------

template <class W, class K>
void add_defaults(const std::string& workload, std::size_t n) {
  if constexpr (std::is_same_v<K, u64>) {
    bench::add_impls<W>(workload, n, bench::impl<bare_map<u64, bare::default_hasher>>{"bare"},
                        bench::impl<region_map<u64, bare::default_hasher>>{"bare-region"},
                        bench::impl<boost_map<u64, boost::hash<u64>>>{"boost"},
                        bench::impl<absl_map<u64, absl::Hash<u64>>>{"absl"},
                        bench::impl<std_map<u64, std::hash<u64>>>{"std"});
  } else {
    bench::add_impls<W>(workload, n, bench::impl<bare_map<bare_string, bare::default_hasher>>{"bare"},
                        bench::impl<boost_map<std::string, boost::hash<std::string>>>{"boost"},
                        bench::impl<absl_map<std::string, absl::Hash<std::string>>>{"absl"},
                        bench::impl<std_map<std::string, std::hash<std::string>>>{"std"});
  }
}
template <class W, class K>
void add_common(const std::string& workload, std::size_t n) {
  using C = common_hash;
  if constexpr (std::is_same_v<K, u64>) {
    bench::add_impls<W>(workload + "_common", n, bench::impl<bare_map<u64, C>>{"bare"},
                        bench::impl<boost_map<u64, C>>{"boost"}, bench::impl<absl_map<u64, C>>{"absl"},
                        bench::impl<std_map<u64, C>>{"std"});
  } else {
    bench::add_impls<W>(workload + "_common", n, bench::impl<bare_map<bare_string, C>>{"bare"},
                        bench::impl<boost_map<std::string, C>>{"boost"},
                        bench::impl<absl_map<std::string, C>>{"absl"}, bench::impl<std_map<std::string, C>>{"std"});
  }
}
template <class W, class K = u64>
void add_both(const std::string& workload, std::size_t n) {
  add_defaults<W, K>(workload, n);
  add_common<W, K>(workload, n);
}

constexpr std::size_t small_max_n = 1000000;
constexpr std::size_t aggregate_goal_n = 6000000;  // Boost's benchmark: N = 2 * 10^6

}  // namespace

void bench::register_group(const config& cfg) {
  for (std::size_t n : cfg.sizes) {
    if (n <= small_max_n || n == 10000000) {
      const std::size_t an = n <= small_max_n ? n : aggregate_goal_n;
      bench::add_rows([an] {
        emit_bytes<bare_map<u64, bare::default_hasher>>("bare", an);
        emit_bytes<boost_map<u64, boost::hash<u64>>>("boost", an);
        emit_bytes<absl_map<u64, absl::Hash<u64>>>("absl", an);
        emit_bytes<std_map<u64, std::hash<u64>>>("std", an);
      });
      add_both<boost_uint64_aggregate>("boost_uint64_aggregate", an);
    }
    add_both<lookup_hit>("lookup_hit", n);
    add_both<lookup_miss>("lookup_miss", n);
    if (n <= small_max_n) {
      add_both<insert_erase<false>>("insert_erase_mask_low", n);
      add_both<insert_erase<true>>("insert_erase_mask_high", n);
      add_both<lookup_hit, bare_string>("lookup_hit_str24", n);
    }
  }
}
