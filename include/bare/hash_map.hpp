// bare/hash_map.hpp — hash_map<K, V, H, Eq, A>: an unordered map in an open-addressing hash
// table with one byte of metadata per slot (the SwissTable / hashbrown / boost flat class),
// std::unordered_map's names, Rust's HashMap's operations, and fallible insertion.
//
//   BARE_HASH_SEED(boot_random());                   // once in the program (bare/hash.hpp)
//   bare::hash_map<bare::string<>, int> m;
//   if (!m.try_insert(std::move(name), 1)) ...      // allocation failure is a value
//   m.entry(std::move(word)).or_insert(0) += 1;      // infallible API (handle_alloc_error)
//   if (int* n = m.get(bare::str("apple"))) ...      // heterogeneous lookup: no string made
//
// Every operation that may allocate comes as
//   try_X(...)             -> result<...>: on failure the map is exactly as before and the
//                             arguments are not consumed (strong guarantee);
//   X(...)                 the same, calling bare::handle_alloc_error on failure (not declared
//                          under BARE_NO_GLOBAL_OOM_HANDLING);
//   X_within_capacity(...) never allocates; reports alloc_errc::full. After try_reserve(n),
//                          the next n insertions of any kind never allocate and never fail,
//                          so an interrupt handler or a real-time path can insert.
// (std's try_emplace keeps std's meaning, "construct the value only if the key is absent",
// and is fallible too; its infallible twin is emplace.)
//
// Hashing (bare/hash.hpp): the default H is bare::default_hasher, keyed by the program's
// BARE_HASH_SEED; bare::fixed_seed_hasher gives reproducible order. Any H works (std::hash,
// absl::Hash): a hasher whose output is not declared mixed (is_avalanching) is mixed with one
// folded multiply, so an identity integer hash does not cluster. A hasher or key_equal that
// is inconsistent (equal keys with different hashes, a non-equivalence) is a logic error: the
// map may then miss keys or keep equal ones twice, but never reads or writes out of bounds.
//
// Memory: one block of G groups (G a power of two) of 16 control bytes + 15 slots each; a
// slot is a struct {K first; V second;} (sizeof(K) + sizeof(V) + padding). At most 7/8 of the
// 15 G - 1 slots are used, so between 7/16 and 7/8 of them after growth (a u64 -> u64 map of
// 6 * 10^6 elements: 22.4 bytes per element). The map object is 5 words plus the hasher
// (two words for bare's hashers), key_equal and allocator when they have state.
// Details of the layout, probing and the tombstone-free erasure: detail/hash/raw.hpp.
//
// fixed_hash_map<K, V, N, H, Eq> (bare/fixed_hash_map.hpp) is the same map over storage
// inside the object: the same table code (detail/hash/table.hpp), never allocating.
//
// Iteration order is unspecified (the same for the same operations and the same seed). The
// map is move-only: copying allocates, so it is explicit (clone / try_clone).
// An argument of an insertion may be an element of the same map when it is copied (an
// lvalue): m.try_insert(k2, *m.get(k1)) is safe also when it rehashes. Moving an element of
// the map into the same map (std::move(*m.get(k1))) is not supported. A reference held across
// an insertion that rehashes dangles: `m[a] = m[b]` may read a moved element (use
// try_reserve first, or copy the value), as with every open-addressing table.
// Iterators: forward; *it is a kv_ref {const K& first; V& second;} by value. An insertion
// invalidates all iterators and references if it rehashes (it allocates, or the erasure
// budget ran out), none otherwise; erasing invalidates only the erased element's; lookups
// invalidate nothing.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <new>
#include <optional>
#include <type_traits>
#include <utility>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/global.hpp"
#include "bare/detail/hash/heap_block.hpp"
#include "bare/detail/hash/map_face.hpp"
#include "bare/hash.hpp"
#include "bare/result.hpp"

namespace bare {

template <class K, class V, class H = default_hasher, class Eq = equal_to<>, allocator A = global>
class hash_map : public detail::hash::map_face<K, V, H, Eq, detail::hash::heap_block<detail::hash::kv_slot<K, V>, A>,
                                               hash_map<K, V, H, Eq, A>> {
  using block = detail::hash::heap_block<detail::hash::kv_slot<K, V>, A>;
  using base = detail::hash::map_face<K, V, H, Eq, block, hash_map>;
  friend class detail::hash::container<detail::hash::map_policy<K, V>, H, Eq, block, hash_map>;
  using table_t = typename base::table_t;

  explicit hash_map(table_t&& t) noexcept : base(static_cast<table_t&&>(t)) {}

 public:
  using allocator_type = A;

  // ---- construction ------------------------------------------------------------------------

  // An empty map. O(1), never allocates (default_hasher reads the program's seed once).
  hash_map() noexcept requires std::default_initializable<H> && std::default_initializable<Eq> &&
                                   std::default_initializable<A> = default;
  explicit hash_map(A a) noexcept requires std::default_initializable<H> && std::default_initializable<Eq>
      : base(H(), Eq(), static_cast<A&&>(a)) {}
  explicit hash_map(H h, Eq eq = Eq(), A a = A()) noexcept
      : base(static_cast<H&&>(h), static_cast<Eq&&>(eq), static_cast<A&&>(a)) {}
  hash_map(hash_map&&) noexcept = default;
  hash_map& operator=(hash_map&&) noexcept = default;
  hash_map(const hash_map&) = delete;  // copying allocates: clone() / try_clone()
  hash_map& operator=(const hash_map&) = delete;

#if BARE_OOM_HANDLING
  // Inserts each pair in turn (the first of equal keys wins, as std::unordered_map).
  hash_map(std::initializer_list<std::pair<K, V>> il, H h = H(), Eq eq = Eq(), A a = A()) noexcept
    requires std::is_copy_constructible_v<K> && std::is_copy_constructible_v<V>
      : base(static_cast<H&&>(h), static_cast<Eq&&>(eq), static_cast<A&&>(a)) {
    this->reserve(il.size());
    for (const auto& kv : il) this->insert(kv.first, kv.second);
  }
#endif

  // (Element access, insertion, removal and the entry API: detail/hash/map_face.hpp;
  // try_with_capacity / with_capacity, try_clone / clone, swap, ==, erase, retain,
  // extract_if, drain, reserve: detail/hash/container.hpp.)
};

// The object points at its block and the block does not point back (an empty map points at a
// shared constant), so moving it is a memcpy when its hasher, key_equal and allocator allow.
template <class K, class V, class H, class Eq, class A>
struct is_trivially_relocatable<hash_map<K, V, H, Eq, A>>
    : std::bool_constant<is_trivially_relocatable_v<H> && is_trivially_relocatable_v<Eq> && is_trivially_relocatable_v<A>> {};

}  // namespace bare
