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
#pragma once

#include <cstddef>
#include <initializer_list>
#include <new>
#include <optional>
#include <type_traits>
#include <utility>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/global.hpp"
#include "bare/detail/hash/container.hpp"
#include "bare/hash.hpp"
#include "bare/result.hpp"

namespace bare {

template <class K, class H = default_hasher, class Eq = equal_to<>, allocator A = global>
class hash_set : public detail::hash::container<detail::hash::set_policy<K>, H, Eq, A, hash_set<K, H, Eq, A>> {
  static_assert(std::is_object_v<K> && !std::is_const_v<K>, "bare::hash_set<K>: K must be a non-const object type");
  static_assert(std::is_nothrow_destructible_v<K>, "bare::hash_set: K's destructor must not throw");
  using P = detail::hash::set_policy<K>;
  using base = detail::hash::container<P, H, Eq, A, hash_set>;
  friend base;
  using table_t = typename base::table_t;
  using pos = typename base::pos;
  using base::t_;
  template <class Q>
  static constexpr bool lookup_ok = detail::hash::lookup_arg<Q, K, H, Eq>;

  explicit hash_set(table_t&& t) noexcept : base(static_cast<table_t&&>(t)) {}

 public:
  using iterator = typename base::iterator;
  using const_iterator = typename base::const_iterator;
  using value_type = K;
  using reference = const K&;
  using const_reference = const K&;

  // Where the key is, and whether it was inserted (false: an equal key was there already).
  struct insert_result {
    iterator position;
    bool inserted;
  };

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

  // (try_with_capacity / with_capacity, try_clone / clone, swap, ==, erase, retain,
  // extract_if, drain, reserve: see detail/hash/container.hpp.)

#if BARE_OOM_HANDLING
  // Inserts each key in turn.
  hash_set(std::initializer_list<K> il, H h = H(), Eq eq = Eq(), A a = A()) noexcept requires std::is_copy_constructible_v<K>
      : base(static_cast<H&&>(h), static_cast<Eq&&>(eq), static_cast<A&&>(a)) {
    this->reserve(il.size());
    for (const K& k : il) insert(k);
  }
#endif

  // ---- access ------------------------------------------------------------------------------

  // Pointer to the set's key equal to q, or nullptr. O(1) expected.
  template <class Q>
    requires lookup_ok<Q>
  const K* get(const Q& q) const noexcept {
    const pos p = t_.find(detail::hash::lookup_key<K, H, Eq>(q));
    return p.slot;
  }

  // ---- insertion ---------------------------------------------------------------------------
  // O(1) expected; allocates as hash_map's insertions do; invalidates all iterators if it
  // rehashes.

  // Inserts k unless an equal key is present (then nothing changes).
  BARE_HASH_HOT result<insert_result> try_insert(const K& k) noexcept { return insert_(true, k); }
  BARE_HASH_HOT result<insert_result> try_insert(K&& k) noexcept { return insert_(true, static_cast<K&&>(k)); }
  // As try_insert, never allocating: alloc_errc::full when size() == capacity().
  result<insert_result> insert_within_capacity(const K& k) noexcept { return insert_(false, k); }
  result<insert_result> insert_within_capacity(K&& k) noexcept { return insert_(false, static_cast<K&&>(k)); }
  // Replaces the equal key if present (inserted == false then), else inserts k.
  result<insert_result> try_replace(K&& k) noexcept {
    const pos p = t_.find(static_cast<const K&>(k));
    if (p.slot != nullptr) {
      *p.slot = static_cast<K&&>(k);
      return insert_result{iterator(p), false};
    }
    return insert_(true, static_cast<K&&>(k));
  }
#if BARE_OOM_HANDLING
  template <class KK>
  BARE_HASH_HOT insert_result insert(KK&& k) noexcept {
    return detail::unwrap_or_handle(try_insert(static_cast<KK&&>(k)));
  }
#endif

  // ---- removal (O(1) expected; never allocates) ---------------------------------------------

  // Removes the key equal to q and returns it (none if absent).
  template <class Q>
    requires lookup_ok<Q>
  std::optional<K> take(const Q& q) noexcept {
    const pos p = t_.find(detail::hash::lookup_key<K, H, Eq>(q));
    if (p.slot == nullptr) return std::nullopt;
    return this->take_(p);
  }
  // Removes the key equal to q; returns whether there was one.
  template <class Q>
    requires lookup_ok<Q>
  bool remove(const Q& q) noexcept {
    return this->erase(q) != 0;
  }

  // ---- set relations (O(size) expected lookups; never allocate) -----------------------------

  // Whether every key of this set is in o / no key is in both.
  bool is_subset(const hash_set& o) const noexcept {
    if (this->size() > o.size()) return false;
    for (const K& k : *this)
      if (!o.contains(k)) return false;
    return true;
  }
  bool is_disjoint(const hash_set& o) const noexcept {
    const hash_set& small = this->size() <= o.size() ? *this : o;
    const hash_set& large = this->size() <= o.size() ? o : *this;
    for (const K& k : small)
      if (large.contains(k)) return false;
    return true;
  }

 private:
  template <class KK>
  BARE_HASH_HOT result<insert_result> insert_(bool may_allocate, KK&& k) noexcept {
    auto make = [&](K* s) noexcept { ::new (static_cast<void*>(s)) K(static_cast<KK&&>(k)); };
    // (Never built aside: a key equal to an element of this set is found, not inserted.)
    auto r = t_.template insert_unique<false>(static_cast<const K&>(k), make, may_allocate);
    if (BARE_UNLIKELY(!r)) return err(r.error());
    return insert_result{iterator(r->at), r->inserted};
  }
};

template <class K, class H, class Eq, class A>
struct is_trivially_relocatable<hash_set<K, H, Eq, A>>
    : std::bool_constant<is_trivially_relocatable_v<H> && is_trivially_relocatable_v<Eq> && is_trivially_relocatable_v<A>> {};

}  // namespace bare
