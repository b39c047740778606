// bare/detail/btree/search.hpp — finding a key: within one node, and from the root down.
//
// Within a node, two strategies, chosen at compile time in one place (node_search_is_linear):
//   - blocked linear, for arithmetic keys: keys are counted against q eight at a time without
//     branches (the compiler unrolls and, where it can, vectorises the block), stopping at the
//     first block that is not all-less. Keys are contiguous in the node (node.hpp), so a
//     block is one cache line's worth and the scan touches lines in order;
//   - branch-free binary halving, for everything else (a comparison may cost more than a
//     mispredicted branch: strings).
// Measured (g++ 12 -O3, u64 -> u64, C = 31, random keys; ns per find, best of several runs
// on a noisy machine): at 10^3 elements blocked 7.8, counting all keys 20, an early-exit loop
// 16.6, binary 37, absl::btree_map 14; at 10^6 blocked ~240-270, counting all ~200-340,
// binary ~390-540, absl ~220-400. Insertion follows the same order. For exact lookups of
// other keys under bare::less, search_tree uses <=> (see search_is_three_way).
//
// Both return an index in [0, n] whatever the comparator answers: a comparator that is not a
// strict weak order gives a wrong position, never an out-of-bounds one.
#pragma once

#include <compare>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "bare/compare.hpp"
#include "bare/config.hpp"
#include "bare/detail/btree/navigate.hpp"
#include "bare/detail/btree/node.hpp"

namespace bare::detail::btree {

template <class K, class Cmp, class Q>
inline constexpr bool node_search_is_linear = std::is_arithmetic_v<K> && std::is_same_v<Q, K>;

// The first i in [0, n) for which before(keys[i]) is false (n if none), for a predicate that
// holds on a prefix of the keys: blocks of 8 counted without branches.
template <class K, class Before>
BARE_ALWAYS_INLINE std::size_t linear_partition(const K* keys, std::size_t n, Before before) noexcept {
  constexpr std::size_t block = 8;
  std::size_t i = 0;
  for (; i + block <= n; i += block) {
    std::size_t c = 0;
    for (std::size_t j = 0; j < block; ++j) c += static_cast<std::size_t>(before(keys[i + j]));
    if (c < block) return i + c;
  }
  while (i < n && before(keys[i])) ++i;
  return i;
}

// The first i in [0, n) for which before(keys[i]) is false, by branch-free halving: base
// stays within [keys, keys + n); the last step decides base or base + 1.
template <class K, class Before>
BARE_ALWAYS_INLINE std::size_t binary_partition(const K* keys, std::size_t n, Before before) noexcept {
  if (n == 0) return 0;
  const K* base = keys;
  while (n > 1) {
    const std::size_t half = n / 2;
    base = before(base[half - 1]) ? base + half : base;
    n -= half;
  }
  return static_cast<std::size_t>(base - keys) + static_cast<std::size_t>(before(*base));
}

// The first index i in [0, n) with !cmp(keys[i], q) (n if none): lower bound.
template <class K, class Cmp, class Q>
BARE_ALWAYS_INLINE std::size_t lower_bound_in(const K* keys, std::size_t n, const Q& q, const Cmp& cmp) noexcept {
  auto before = [&](const K& k) { return static_cast<bool>(cmp(k, q)); };
  if constexpr (node_search_is_linear<K, Cmp, Q>) return linear_partition(keys, n, before);
  else return binary_partition(keys, n, before);
}

// The first index i in [0, n) with cmp(q, keys[i]) (n if none): upper bound.
template <class K, class Cmp, class Q>
BARE_ALWAYS_INLINE std::size_t upper_bound_in(const K* keys, std::size_t n, const Q& q, const Cmp& cmp) noexcept {
  auto before = [&](const K& k) { return !static_cast<bool>(cmp(q, k)); };
  if constexpr (node_search_is_linear<K, Cmp, Q>) return linear_partition(keys, n, before);
  else return binary_partition(keys, n, before);
}

struct node_search_result {
  node_pos at;  // found: the key; not found: the leaf edge where q would be inserted
  bool found;
};
template <class P>
using search_result = node_search_result;

// Whether the exact search may use <=> instead of the comparator: for bare::less (whose
// a < b the key type's <=> agrees with) on non-arithmetic keys. One three-way comparison
// per probe, stopping on equality, instead of a lower bound plus an equality test: string
// keys compare by reading memory elsewhere, so each comparison saved is a cache miss saved.
template <class K, class Cmp, class Q>
inline constexpr bool search_is_three_way =
    !node_search_is_linear<K, Cmp, Q> && (std::is_same_v<Cmp, bare::less<K>> || std::is_same_v<Cmp, bare::less<>>) &&
    std::three_way_comparable_with<K, Q>;

// Starts loading the cache lines a search of node n will read, all at once, so that their
// misses overlap instead of following one another: the key lines after the first and, for an
// internal node, its edges (one of them is needed), for a leaf its values (a hit reads one).
// Only in a tree of at least prefetch_min_level + 1 levels (~10^5 u64 keys and more, beyond
// the caches): in a cache-resident tree the prefetches are pure cost. Measured (g++ 12 -O3,
// u64 -> u64, C = 31, random lookups, ns per find, same run): at 10^6 hit 254 -> 173, miss
// 225 -> 162..185 (std::map 520-550); at 10^7 hit ~1350 -> 760 (one noisy run); at 10^3,
// prefetching on every level would cost 8.3 -> 11.5, hence the threshold.
inline constexpr std::uint8_t prefetch_min_level = 3;
// Whether search_tree has the prefetching loop at all. Not where a prefetch does nothing:
// wasm32 has no prefetch instruction, and Cortex-M parts up to the M4 have no data cache to
// fill (nor room for a tree of four levels); there the second copy of the loop was only code
// (178 bytes of the Cortex-M4 map program). Define BARE_BTREE_PREFETCH to 0 or 1 to choose.
#ifndef BARE_BTREE_PREFETCH
#define BARE_BTREE_PREFETCH BARE_PREFETCH_PAYS
#endif
template <class P>
BARE_ALWAYS_INLINE void prefetch_for_search(const node_base* n, bool internal) noexcept {
  constexpr std::size_t line = 64;
  const char* b = bytes_of(n);
  for (std::size_t off = line; off < P::capacity * sizeof(typename P::key_type); off += line)
    __builtin_prefetch(b + node_layout<P>::keys_off + off);
  if (internal) {
    for (std::size_t off = 0; off < (P::capacity + 1) * sizeof(void*); off += line)
      __builtin_prefetch(b + node_layout<P>::edges_off + off);
  } else if constexpr (P::has_values) {
    for (std::size_t off = 0; off < P::capacity * sizeof(typename P::mapped_type); off += line)
      __builtin_prefetch(b + node_layout<P>::vals_off + off);
  }
}

// For keys that keep their bytes out of line (a data() member: bare::string has no small-
// string optimisation, so every comparison of the three-way search reads a separate heap
// block, one dependent cache miss per probe): starts loading the bytes of the keys that the
// first three probes of node n can compare against (the halving's first three levels: 7
// keys), all at once, so that their misses overlap. Only in a tree whose root is at least at
// probe_prefetch_min_level (~10^5 24-byte string keys; below that the keys are in the caches
// and the prefetches cost), and where BARE_BTREE_PREFETCH allows prefetching. Measured (g++ 12
// -O3, bare::string of 24 bytes -> u64, C = 15, bench_btree, binaries without and with it
// alternating on a noisy machine, ns per lookup): lookup_hit_random_str24 at 10^6 1241-1483
// -> 862-1064 (std::map 1417-1691), lookup_miss_str24 at 10^6 1291-1453 -> 941-1203; at 10^5
// 302-464 -> 260-377. Prefetching every key of the node instead of the first three levels'
// seven: no better (10^6 hit 949-1098). With the threshold at level 3, 10^4 lost 3-10%.
inline constexpr std::uint8_t probe_prefetch_min_level = 4;
template <class P>
BARE_ALWAYS_INLINE void prefetch_probe_data(const node_base* n) noexcept {
  const std::size_t len = n->len;
  if (len == 0) return;
  const auto* k = keys<P>(n);
  auto mid = [](std::size_t a, std::size_t b) { return a + (b - a) / 2; };
  const std::size_t m = mid(0, len);
  __builtin_prefetch(k[m].data());
  if (m > 0) {
    const std::size_t l = mid(0, m);
    __builtin_prefetch(k[l].data());
    if (l > 0) __builtin_prefetch(k[mid(0, l)].data());
    if (l + 1 < m) __builtin_prefetch(k[mid(l + 1, m)].data());
  }
  if (m + 1 < len) {
    const std::size_t r = mid(m + 1, len);
    __builtin_prefetch(k[r].data());
    if (r > m + 1) __builtin_prefetch(k[mid(m + 1, r)].data());
    if (r + 1 < len) __builtin_prefetch(k[mid(r + 1, len)].data());
  }
}

// Descends from root (non-null) looking for q. O(height * search in node).
template <class P, class Cmp, class Q>
BARE_ALWAYS_INLINE node_search_result search_tree(node_base* root, const Q& q, const Cmp& cmp) noexcept {
  node_base* n = root;
  if constexpr (search_is_three_way<typename P::key_type, Cmp, Q>) {
    [[maybe_unused]] const bool far = root->level >= probe_prefetch_min_level;
    for (;;) {
#if BARE_BTREE_PREFETCH
      if constexpr (requires(const typename P::key_type& k) { k.data(); })
        if (far) prefetch_probe_data<P>(n);
#endif
      std::size_t lo = 0, hi = n->len;  // invariant: lo <= hi <= len, whatever <=> answers
      while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        const auto c = key<P>(n, mid) <=> q;
        if (c < 0) lo = mid + 1;
        else if (c > 0) hi = mid;
        else return {{n, mid}, true};
      }
      if (n->is_leaf()) return {{n, lo}, false};
      n = edges<P>(n)[lo];
    }
  } else {
    auto loop = [&](auto prefetch) -> node_search_result {
      for (;;) {
        const std::size_t len = n->len;
        const std::size_t i = lower_bound_in(keys<P>(n), len, q, cmp);
        if (i < len && !cmp(q, key<P>(n, i))) return {{n, i}, true};
        if (n->is_leaf()) return {{n, i}, false};
        const bool child_internal = n->level > 1;
        n = edges<P>(n)[i];
        if constexpr (decltype(prefetch)::value) prefetch_for_search<P>(n, child_internal);
      }
    };
#if BARE_BTREE_PREFETCH
    if (root->level >= prefetch_min_level) return loop(std::true_type{});
#endif
    return loop(std::false_type{});
  }
}

// Descends from root (non-null) to a leaf, following at each node the edge index(node) (in
// [0, len]); returns the leaf edge reached.
template <class P, class Index>
BARE_ALWAYS_INLINE node_pos descend(node_base* root, Index index) noexcept {
  node_base* n = root;
  for (;;) {
    const std::size_t i = index(n);
    if (n->is_leaf()) return {n, i};
    n = edges<P>(n)[i];
  }
}

// The leaf edge before the first key !(key < q) (lower) or before the first key with q < key
// (upper), descending from root (non-null).
template <class P, class Cmp, class Q>
node_pos leaf_edge_lower(node_base* root, const Q& q, const Cmp& cmp) noexcept {
  return descend<P>(root, [&](node_base* n) { return lower_bound_in(keys<P>(n), n->len, q, cmp); });
}
template <class P, class Cmp, class Q>
node_pos leaf_edge_upper(node_base* root, const Q& q, const Cmp& cmp) noexcept {
  return descend<P>(root, [&](node_base* n) { return upper_bound_in(keys<P>(n), n->len, q, cmp); });
}

}  // namespace bare::detail::btree
