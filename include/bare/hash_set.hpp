// bare/hash_set.hpp — hash_set<K, H, Eq, A>: an unordered set in the same hash table as
// hash_map (bare/hash_map.hpp: hashing policy, memory, invalidation, the three flavours of
// every allocating operation), with std::unordered_set's names and Rust's HashSet's
// operations.
//
//   bare::hash_set<std::uint32_t> seen;
//   if (auto r = seen.try_insert(id); !r) return bare::err(r.error());
//   else if (!r->inserted) ...                       // a duplicate
//
// A slot is the key itself; iteration yields const K& (keys must not change in the set).
// fixed_hash_set<K, N, H, Eq> (bare/fixed_hash_set.hpp) is the same set inside the object.
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
#include "bare/detail/hash/set_face.hpp"
#include "bare/hash.hpp"
#include "bare/result.hpp"

namespace bare {

template <class K, class H = default_hasher, class Eq = equal_to<>, allocator A = global>
class hash_set : public detail::hash::set_face<K, H, Eq, detail::hash::heap_block<K, A>, hash_set<K, H, Eq, A>> {
  using block = detail::hash::heap_block<K, A>;
  using base = detail::hash::set_face<K, H, Eq, block, hash_set>;
  friend class detail::hash::container<detail::hash::set_policy<K>, H, Eq, block, hash_set>;
  using table_t = typename base::table_t;

  explicit hash_set(table_t&& t) noexcept : base(static_cast<table_t&&>(t)) {}

 public:
  using allocator_type = A;

  // ---- construction ------------------------------------------------------------------------

  // An empty set. O(1), never allocates (default_hasher reads the program's seed once).
  hash_set() noexcept requires std::default_initializable<H> && std::default_initializable<Eq> &&
                                   std::default_initializable<A> = default;
  explicit hash_set(A a) noexcept requires std::default_initializable<H> && std::default_initializable<Eq>
      : base(H(), Eq(), static_cast<A&&>(a)) {}
  explicit hash_set(H h, Eq eq = Eq(), A a = A()) noexcept
      : base(static_cast<H&&>(h), static_cast<Eq&&>(eq), static_cast<A&&>(a)) {}
  hash_set(hash_set&&) noexcept = default;
  hash_set& operator=(hash_set&&) noexcept = default;
  hash_set(const hash_set&) = delete;  // copying allocates: clone() / try_clone()
  hash_set& operator=(const hash_set&) = delete;

#if BARE_OOM_HANDLING
  // Inserts each key in turn.
  hash_set(std::initializer_list<K> il, H h = H(), Eq eq = Eq(), A a = A()) noexcept requires std::is_copy_constructible_v<K>
      : base(static_cast<H&&>(h), static_cast<Eq&&>(eq), static_cast<A&&>(a)) {
    this->reserve(il.size());
    for (const K& k : il) this->insert(k);
  }
#endif

  // (Access, insertion, removal and set relations: detail/hash/set_face.hpp;
  // try_with_capacity / with_capacity, try_clone / clone, swap, ==, erase, retain,
  // extract_if, drain, reserve: detail/hash/container.hpp.)
};

template <class K, class H, class Eq, class A>
struct is_trivially_relocatable<hash_set<K, H, Eq, A>>
    : std::bool_constant<is_trivially_relocatable_v<H> && is_trivially_relocatable_v<Eq> && is_trivially_relocatable_v<A>> {};

}  // namespace bare
