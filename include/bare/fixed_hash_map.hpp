// bare/fixed_hash_map.hpp — fixed_hash_map<K, V, N, H, Eq>: an unordered map of at most N
// elements whose table lives inside the object (heapless's FnvIndexMap, ETL's
// unordered_map<K, V, N>). It never allocates and needs no allocator.
//
//   BARE_HASH_SEED(boot_random());                       // as for hash_map (bare/hash.hpp)
//   bare::fixed_hash_map<std::uint32_t, session, 16> sessions;
//   if (!sessions.try_insert(id, session{})) ...         // full: reported, the map unchanged
//   if (session* s = sessions.get(id)) ...
//
// It is hash_map's table (detail/hash/table.hpp: the same SwissTable-class groups, probing,
// tombstone-free erasure and in-place rehash) over storage inside the object
// (detail/hash/inline_block.hpp), and hash_map's API (detail/hash/map_face.hpp,
// container.hpp): element access, try_insert / try_emplace / try_insert_or_assign, entry,
// remove, retain, extract_if, drain, clone, ==. Not here: reserve, rehash, shrink_to_fit,
// with_capacity and allocator(), which only a growable table has.
//
// Hashing policy: hash_map's. The default H is bare::default_hasher, keyed by the program's
// BARE_HASH_SEED (a program that forgets the line fails to link, naming it);
// bare::fixed_seed_hasher is the explicit choice for reproducible placement and iteration
// order, and needs no seed. Any H and Eq hash_map accepts work (heterogeneous lookup too).
//
// Full: every insertion comes as
//   try_X(...)  -> result<...>: alloc_errc::full when the key is absent and size() == N; the
//                  map exactly as before and the arguments not consumed;
//   X(...)      the same, panicking (bare::panic) when full: a precondition violation here,
//               so X is declared also under BARE_NO_GLOBAL_OOM_HANDLING;
//   X_within_capacity(...)  the same as try_X (nothing to allocate).
// Inserting a present key never reports full. Erasing and re-inserting never fills the map:
// erasures from groups that overflowed spend the table's growth budget (raw.hpp); when it
// is spent, the next insertion rehashes in place (O(slot_count()), no allocation, no
// growth) and the budget is back to N - size().
//
// Memory: G = the smallest power of two whose 7/8 load (raw.hpp's max_load) holds N; the
// object holds 16 G control bytes, 15 G - 1 slots {K first; V second;}, the size and the load
// limit (each in the smallest unsigned type that holds 15 G - 1), the hasher and key_equal.
// E.g. N up to 13: one group (fixed_hash_map<uint32_t, uint32_t, 8> with a stateless hasher:
// 144 bytes); N = 100: 8 groups (119 slots, 128 control bytes).
//
// Costs: lookup, insertion and erasure O(1) expected (the hash, one 16-byte group match, more
// groups only past ones that overflowed for the key); an insertion that rehashes in place is
// O(slot_count()). Iteration O(slot_count() / 15 + size()). Copying copies every element to
// the same slot (O(G) + size() copies; declared when K and V are copyable); moving moves them
// and leaves the source empty; swap is three moves. Invalidation: as hash_map's (bare/
// hash_map.hpp), and, since the elements live in the object, moving or swapping the map also
// invalidates its iterators and references.
#pragma once

#include <concepts>
#include <cstddef>
#include <initializer_list>
#include <span>
#include <type_traits>
#include <utility>

#include "bare/detail/hash/inline_block.hpp"
#include "bare/detail/hash/map_face.hpp"
#include "bare/hash.hpp"
#include "bare/result.hpp"

namespace bare {

template <class K, class V, std::size_t N, class H = default_hasher, class Eq = equal_to<>>
class fixed_hash_map
    : public detail::hash::map_face<K, V, H, Eq, detail::hash::inline_block<detail::hash::kv_slot<K, V>, N>,
                                    fixed_hash_map<K, V, N, H, Eq>> {
  using block = detail::hash::inline_block<detail::hash::kv_slot<K, V>, N>;
  using base = detail::hash::map_face<K, V, H, Eq, block, fixed_hash_map>;
  friend class detail::hash::container<detail::hash::map_policy<K, V>, H, Eq, block, fixed_hash_map>;
  using table_t = typename base::table_t;

  explicit fixed_hash_map(table_t&& t) noexcept : base(static_cast<table_t&&>(t)) {}

  // Inserts each pair of [first, last) in turn (the first of equal keys wins); full if more
  // than N distinct keys.
  template <class It>
  static result<fixed_hash_map> try_from_(It first, It last, H&& h, Eq&& eq) noexcept {
    fixed_hash_map m(static_cast<H&&>(h), static_cast<Eq&&>(eq));
    for (; first != last; ++first)
      if (auto r = m.try_insert(first->first, first->second); !r) return err(r.error());
    return m;
  }

 public:
  // ---- construction ------------------------------------------------------------------------

  // An empty map. O(slot_count() / 15) (control bytes set); never allocates. default_hasher
  // reads the program's seed once.
  fixed_hash_map() noexcept requires std::default_initializable<H> && std::default_initializable<Eq> = default;
  explicit fixed_hash_map(H h, Eq eq = Eq()) noexcept : base(static_cast<H&&>(h), static_cast<Eq&&>(eq)) {}
  // Inserts each pair in turn (the first of equal keys wins, as std::unordered_map). Panics
  // if there are more than N distinct keys (never truncates).
  fixed_hash_map(std::initializer_list<std::pair<K, V>> il, H h = H(), Eq eq = Eq()) noexcept
    requires std::is_copy_constructible_v<K> && std::is_copy_constructible_v<V>
      : base(static_cast<H&&>(h), static_cast<Eq&&>(eq)) {
    for (const auto& kv : il) this->insert(kv.first, kv.second);
  }
  // The same, reporting alloc_errc::full instead (nothing is made then).
  static result<fixed_hash_map> try_from(std::span<const std::pair<K, V>> src, H h = H(), Eq eq = Eq()) noexcept
    requires std::is_copy_constructible_v<K> && std::is_copy_constructible_v<V>
  {
    return try_from_(src.begin(), src.end(), static_cast<H&&>(h), static_cast<Eq&&>(eq));
  }
  static result<fixed_hash_map> try_from(std::initializer_list<std::pair<K, V>> il, H h = H(), Eq eq = Eq()) noexcept
    requires std::is_copy_constructible_v<K> && std::is_copy_constructible_v<V>
  {
    return try_from_(il.begin(), il.end(), static_cast<H&&>(h), static_cast<Eq&&>(eq));
  }

  fixed_hash_map(const fixed_hash_map&) = default;
  fixed_hash_map(fixed_hash_map&&) noexcept = default;
  fixed_hash_map& operator=(const fixed_hash_map&) = default;
  fixed_hash_map& operator=(fixed_hash_map&&) noexcept = default;
  ~fixed_hash_map() = default;

  // (Element access, insertion, removal and the entry API: detail/hash/map_face.hpp;
  // try_clone / clone, swap, ==, erase, retain, extract_if, drain, check:
  // detail/hash/container.hpp.)
};

// No pointer refers into the object (detail/hash/inline_block.hpp): it relocates as its bytes
// when its elements, hasher and key_equal do.
template <class K, class V, std::size_t N, class H, class Eq>
struct is_trivially_relocatable<fixed_hash_map<K, V, N, H, Eq>>
    : std::bool_constant<is_trivially_relocatable_v<K> && is_trivially_relocatable_v<V> && is_trivially_relocatable_v<H> &&
                         is_trivially_relocatable_v<Eq>> {};

}  // namespace bare
