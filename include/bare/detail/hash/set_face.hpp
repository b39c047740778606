// bare/detail/hash/set_face.hpp — the API of a hash set over the shared table: access,
// insertion in its three flavours, removal and the set relations. hash_set (heap storage) and
// fixed_hash_set (inline storage) derive from it and add construction; the members common
// with the maps are in container.hpp. The behaviour is documented in bare/hash_set.hpp.
#pragma once

#include <cstddef>
#include <new>
#include <optional>
#include <type_traits>
#include <utility>

#include "bare/detail/hash/container.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/result.hpp"

namespace bare::detail::hash {

// B: the table's storage; Face: the public set deriving from this.
template <class K, class H, class Eq, class B, class Face>
class set_face : public container<set_policy<K>, H, Eq, B, Face> {
  static_assert(std::is_object_v<K> && !std::is_const_v<K>, "bare::hash_set<K>: K must be a non-const object type");
  static_assert(std::is_nothrow_destructible_v<K>, "bare::hash_set: K's destructor must not throw");
  using P = set_policy<K>;
  using base = container<P, H, Eq, B, Face>;
  using pos = typename base::pos;
  template <class Q>
  static constexpr bool lookup_ok = lookup_arg<Q, K, H, Eq>;

 protected:
  using table_t = typename base::table_t;
  using base::t_;
  using base::base;

 public:
  using iterator = typename base::iterator;
  using const_iterator = typename base::const_iterator;
  using value_type = K;
  using reference = const K&;
  using const_reference = const K&;
  using base::allocates_;
  using base::infallible_;

  // Where the key is, and whether it was inserted (false: an equal key was there already).
  struct insert_result {
    iterator position;
    bool inserted;
  };

  // ---- access ------------------------------------------------------------------------------

  // Pointer to the set's key equal to q, or nullptr. O(1) expected.
  template <class Q>
    requires lookup_ok<Q>
  const K* get(const Q& q) const noexcept {
    const pos p = t_.find(lookup_key<K, H, Eq>(q));
    return p.slot;
  }

  // ---- insertion ---------------------------------------------------------------------------
  // O(1) expected; allocates as hash_map's insertions do (a fixed set: full when size() ==
  // capacity() and the key is absent); invalidates all iterators if it rehashes.

  // Inserts k unless an equal key is present (then nothing changes).
  BARE_HASH_HOT result<insert_result> try_insert(const K& k) noexcept { return insert_(true, k); }
  BARE_HASH_HOT result<insert_result> try_insert(K&& k) noexcept { return insert_(true, static_cast<K&&>(k)); }
  // As try_insert, never allocating: alloc_errc::full when size() == capacity(). (In a fixed
  // set, the same as try_insert.)
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
  // The infallible twin: handle_alloc_error on allocation failure (not declared under
  // BARE_NO_GLOBAL_OOM_HANDLING); a fixed set panics when full (declared in every mode).
  template <class KK>
  BARE_HASH_HOT insert_result insert(KK&& k) noexcept requires infallible_ {
    return unwrap_or_fail<allocates_>(try_insert(static_cast<KK&&>(k)));
  }

  // ---- removal (O(1) expected; never allocates) ---------------------------------------------

  // Removes the key equal to q and returns it (none if absent).
  template <class Q>
    requires lookup_ok<Q>
  std::optional<K> take(const Q& q) noexcept {
    const pos p = t_.find(lookup_key<K, H, Eq>(q));
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
  bool is_subset(const Face& o) const noexcept {
    if (this->size() > o.size()) return false;
    for (const K& k : *this)
      if (!o.contains(k)) return false;
    return true;
  }
  bool is_disjoint(const Face& o) const noexcept {
    const Face& self = static_cast<const Face&>(*this);
    const Face& small = this->size() <= o.size() ? self : o;
    const Face& large = this->size() <= o.size() ? o : self;
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

}  // namespace bare::detail::hash
