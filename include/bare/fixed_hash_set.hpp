// bare/fixed_hash_set.hpp — fixed_hash_set<K, N, H, Eq>: an unordered set of at most N keys
// whose table lives inside the object (heapless's FnvIndexSet, ETL's unordered_set<K, N>). It
// never allocates.
//
//   bare::fixed_hash_set<std::uint16_t, 32, bare::fixed_seed_hasher> seen;
//   if (auto r = seen.try_insert(msg_id); !r) drop_oldest();    // full
//   else if (!r->inserted) return;                              // a duplicate
//
// It is hash_set's table and API over storage inside the object: everything said in
// bare/fixed_hash_map.hpp (hashing policy, full reported as a value, the panicking twins
// declared in every mode, erase/insert churn rehashing in place, memory, costs, invalidation)
// holds here, with a slot that is the key itself. Not here: reserve, rehash, shrink_to_fit,
// with_capacity, allocator().
#pragma once

#include <concepts>
#include <cstddef>
#include <initializer_list>
#include <span>
#include <type_traits>
#include <utility>

#include "bare/detail/hash/inline_block.hpp"
#include "bare/detail/hash/set_face.hpp"
#include "bare/hash.hpp"
#include "bare/result.hpp"

namespace bare {

template <class K, std::size_t N, class H = default_hasher, class Eq = equal_to<>>
class fixed_hash_set
    : public detail::hash::set_face<K, H, Eq, detail::hash::inline_block<K, N>, fixed_hash_set<K, N, H, Eq>> {
  using block = detail::hash::inline_block<K, N>;
  using base = detail::hash::set_face<K, H, Eq, block, fixed_hash_set>;
  friend class detail::hash::container<detail::hash::set_policy<K>, H, Eq, block, fixed_hash_set>;
  using table_t = typename base::table_t;

  explicit fixed_hash_set(table_t&& t) noexcept : base(static_cast<table_t&&>(t)) {}

  template <class It>
  static result<fixed_hash_set> try_from_(It first, It last, H&& h, Eq&& eq) noexcept {
    fixed_hash_set s(static_cast<H&&>(h), static_cast<Eq&&>(eq));
    for (; first != last; ++first)
      if (auto r = s.try_insert(*first); !r) return err(r.error());
    return s;
  }

 public:
  // ---- construction ------------------------------------------------------------------------

  // An empty set. O(slot_count() / 15); never allocates.
  fixed_hash_set() noexcept requires std::default_initializable<H> && std::default_initializable<Eq> = default;
  explicit fixed_hash_set(H h, Eq eq = Eq()) noexcept : base(static_cast<H&&>(h), static_cast<Eq&&>(eq)) {}
  // Inserts each key in turn. Panics if there are more than N distinct keys.
  fixed_hash_set(std::initializer_list<K> il, H h = H(), Eq eq = Eq()) noexcept requires std::is_copy_constructible_v<K>
      : base(static_cast<H&&>(h), static_cast<Eq&&>(eq)) {
    for (const K& k : il) this->insert(k);
  }
  // The same, reporting alloc_errc::full instead (nothing is made then).
  static result<fixed_hash_set> try_from(std::span<const K> src, H h = H(), Eq eq = Eq()) noexcept
    requires std::is_copy_constructible_v<K>
  {
    return try_from_(src.begin(), src.end(), static_cast<H&&>(h), static_cast<Eq&&>(eq));
  }
  static result<fixed_hash_set> try_from(std::initializer_list<K> il, H h = H(), Eq eq = Eq()) noexcept
    requires std::is_copy_constructible_v<K>
  {
    return try_from_(il.begin(), il.end(), static_cast<H&&>(h), static_cast<Eq&&>(eq));
  }

  fixed_hash_set(const fixed_hash_set&) = default;
  fixed_hash_set(fixed_hash_set&&) noexcept = default;
  fixed_hash_set& operator=(const fixed_hash_set&) = default;
  fixed_hash_set& operator=(fixed_hash_set&&) noexcept = default;
  ~fixed_hash_set() = default;

  // (Access, insertion, removal and set relations: detail/hash/set_face.hpp; try_clone /
  // clone, swap, ==, erase, retain, extract_if, drain, check: detail/hash/container.hpp.)
};

template <class K, std::size_t N, class H, class Eq>
struct is_trivially_relocatable<fixed_hash_set<K, N, H, Eq>>
    : std::bool_constant<is_trivially_relocatable_v<K> && is_trivially_relocatable_v<H> && is_trivially_relocatable_v<Eq>> {};

}  // namespace bare
