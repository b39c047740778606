// bare/detail/hash/map_face.hpp — the API of a hash map over the shared table: element access,
// the inserting operations in their three flavours, removal and the entry API. hash_map
// (heap storage) and fixed_hash_map (inline storage) derive from it and add construction;
// the members common with the sets are in container.hpp. The behaviour is documented in
// bare/hash_map.hpp; where a fixed map differs (full instead of allocating; the infallible
// twins panic), it is said at the member.
#pragma once

#include <concepts>
#include <cstddef>
#include <new>
#include <optional>
#include <type_traits>
#include <utility>

#include "bare/detail/hash/container.hpp"
#include "bare/detail/kv_ref.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"

namespace bare::detail::hash {

// B: the table's storage; Face: the public map deriving from this.
template <class K, class V, class H, class Eq, class B, class Face>
class map_face : public container<map_policy<K, V>, H, Eq, B, Face> {
  static_assert(std::is_object_v<K> && !std::is_const_v<K> && std::is_object_v<V> && !std::is_const_v<V>,
                "bare::hash_map<K, V>: K and V must be non-const object types");
  static_assert(std::is_nothrow_destructible_v<K> && std::is_nothrow_destructible_v<V>,
                "bare::hash_map: destructors must not throw");
  using P = map_policy<K, V>;
  using base = container<P, H, Eq, B, Face>;
  using pos = typename base::pos;
  using slot = typename P::slot_type;
  template <class Q>
  static constexpr bool lookup_ok = lookup_arg<Q, K, H, Eq>;

 protected:
  using table_t = typename base::table_t;
  using base::t_;
  using base::base;

 public:
  using mapped_type = V;
  using iterator = typename base::iterator;
  using const_iterator = typename base::const_iterator;
  using reference = kv_ref<K, V>;
  using const_reference = kv_ref<K, const V>;
  using value_type = reference;  // what iteration yields (see bare/hash_map.hpp)
  using base::allocates_;
  using base::infallible_;

  // What the inserting operations return: where the key's element is, and whether it was
  // inserted (false: the key was there already; the map did not change, except for
  // insert_or_assign, which assigned the value).
  struct insert_result {
    iterator position;
    bool inserted;
  };

  // (try_clone / clone, swap, ==, erase, retain, extract_if, drain, and the heap map's
  // try_with_capacity / with_capacity / reserve: see container.hpp.)

  // ---- element access (O(1) expected; never allocates) ---------------------------------------

  // Pointer to the value of key q, or nullptr.
  template <class Q>
    requires lookup_ok<Q>
  BARE_HASH_HOT V* get(const Q& q) noexcept {
    const pos p = t_.find(lookup_key<K, H, Eq>(q));
    return p.slot != nullptr ? &p.slot->second : nullptr;
  }
  template <class Q>
    requires lookup_ok<Q>
  BARE_HASH_HOT const V* get(const Q& q) const noexcept {
    const pos p = t_.find(lookup_key<K, H, Eq>(q));
    return p.slot != nullptr ? &p.slot->second : nullptr;
  }
  // The value of key q. Precondition (always checked): the key is present.
  template <class Q>
    requires lookup_ok<Q>
  V& at(const Q& q, source_loc where = source_loc::current()) noexcept {
    V* v = get(q);
    BARE_ASSERT_AT(v != nullptr, "bare::hash_map::at: key not found", where);
    return *v;
  }
  template <class Q>
    requires lookup_ok<Q>
  const V& at(const Q& q, source_loc where = source_loc::current()) const noexcept {
    const V* v = get(q);
    BARE_ASSERT_AT(v != nullptr, "bare::hash_map::at: key not found", where);
    return *v;
  }
  // The value of key k, inserting V() first if absent (std's operator[]). May allocate (as
  // try_insert); a fixed map panics when full.
  BARE_HASH_HOT V& operator[](const K& k) noexcept requires std::default_initializable<V> && infallible_ {
    return emplace(k).position->second;
  }
  BARE_HASH_HOT V& operator[](K&& k) noexcept requires std::default_initializable<V> && infallible_ {
    return emplace(static_cast<K&&>(k)).position->second;
  }

  // ---- insertion -------------------------------------------------------------------------
  // O(1) expected. Allocates (one block, twice the capacity) only if the load budget is
  // exhausted (growth_left() == 0); may then also rehash in place instead (O(capacity), no
  // allocation). Invalidates all iterators if it rehashes. A fixed map never allocates: full
  // when size() == capacity() and the key is absent; it rehashes in place when erasures spent
  // the budget.

  // Inserts (k, v) unless key k is present (then nothing changes: no overwrite).
  template <class VV = V>
  BARE_HASH_HOT result<insert_result> try_insert(const K& k, VV&& v) noexcept {
    return emplace_(true, k, static_cast<VV&&>(v));
  }
  template <class VV = V>
  BARE_HASH_HOT result<insert_result> try_insert(K&& k, VV&& v) noexcept {
    return emplace_(true, static_cast<K&&>(k), static_cast<VV&&>(v));
  }
  // Inserts (k, V(args...)) unless key k is present; the value is constructed only when
  // inserted (std's try_emplace, fallible).
  template <class... Args>
  BARE_HASH_HOT result<insert_result> try_emplace(const K& k, Args&&... args) noexcept {
    return emplace_(true, k, static_cast<Args&&>(args)...);
  }
  template <class... Args>
  BARE_HASH_HOT result<insert_result> try_emplace(K&& k, Args&&... args) noexcept {
    return emplace_(true, static_cast<K&&>(k), static_cast<Args&&>(args)...);
  }
  // As try_insert, never allocating: alloc_errc::full when size() == capacity() (with room
  // left only behind stale overflow bits, it rehashes in place: O(capacity), no allocation).
  // (In a fixed map, the same as try_insert.)
  template <class VV = V>
  result<insert_result> insert_within_capacity(const K& k, VV&& v) noexcept {
    return emplace_(false, k, static_cast<VV&&>(v));
  }
  template <class VV = V>
  result<insert_result> insert_within_capacity(K&& k, VV&& v) noexcept {
    return emplace_(false, static_cast<K&&>(k), static_cast<VV&&>(v));
  }
  // Inserts (k, v), or assigns v to the value of key k if present (inserted == false then).
  template <class VV = V>
  BARE_HASH_HOT result<insert_result> try_insert_or_assign(const K& k, VV&& v) noexcept {
    return insert_or_assign_(k, static_cast<VV&&>(v));
  }
  template <class VV = V>
  BARE_HASH_HOT result<insert_result> try_insert_or_assign(K&& k, VV&& v) noexcept {
    return insert_or_assign_(static_cast<K&&>(k), static_cast<VV&&>(v));
  }
  // The infallible twins: handle_alloc_error on allocation failure (not declared under
  // BARE_NO_GLOBAL_OOM_HANDLING); a fixed map panics when full (declared in every mode).
  template <class KK, class VV = V>
  BARE_HASH_HOT insert_result insert(KK&& k, VV&& v) noexcept requires infallible_ {
    return unwrap_or_fail<allocates_>(try_insert(static_cast<KK&&>(k), static_cast<VV&&>(v)));
  }
  template <class KK, class... Args>
  BARE_HASH_HOT insert_result emplace(KK&& k, Args&&... args) noexcept requires infallible_ {
    return unwrap_or_fail<allocates_>(try_emplace(static_cast<KK&&>(k), static_cast<Args&&>(args)...));
  }
  template <class KK, class VV = V>
  BARE_HASH_HOT insert_result insert_or_assign(KK&& k, VV&& v) noexcept requires infallible_ {
    return unwrap_or_fail<allocates_>(try_insert_or_assign(static_cast<KK&&>(k), static_cast<VV&&>(v)));
  }

  // ---- removal (O(1) expected; never allocates) ---------------------------------------------

  // Removes key q's element and returns its value / the pair (none if absent).
  template <class Q>
    requires lookup_ok<Q>
  std::optional<V> remove(const Q& q) noexcept {
    const pos p = t_.find(lookup_key<K, H, Eq>(q));
    if (p.slot == nullptr) return std::nullopt;
    std::optional<V> out = detail::moved_into_optional(p.slot->second);
    t_.erase(p);
    return out;
  }
  template <class Q>
    requires lookup_ok<Q>
  std::optional<std::pair<K, V>> remove_entry(const Q& q) noexcept {
    const pos p = t_.find(lookup_key<K, H, Eq>(q));
    if (p.slot == nullptr) return std::nullopt;
    return this->take_(p);
  }

  // ---- entry API ---------------------------------------------------------------------------
  //
  // entry(k) looks the key up once (hashing it once); the entry then reads, modifies or
  // inserts without a second lookup: m.entry(k).or_insert(0) += 1. It holds the key (moved in)
  // and its position: the map must not change while the entry is used, other than through it.
  // An entry is occupied (the key is in the map) or vacant; occupied() / vacant() say which.
  class entry_type {
   public:
    bool is_occupied() const noexcept { return p_.slot != nullptr; }
    bool is_vacant() const noexcept { return p_.slot == nullptr; }
    const K& key() const noexcept { return p_.slot != nullptr ? p_.slot->first : key_; }
    // The value if occupied, else nullptr.
    V* get() const noexcept { return p_.slot != nullptr ? &p_.slot->second : nullptr; }
    // Calls f(V&) if occupied. Returns the entry.
    template <class F>
    entry_type&& and_modify(F&& f) && noexcept {
      if (p_.slot != nullptr) f(p_.slot->second);
      return static_cast<entry_type&&>(*this);
    }
    // The value: the present one, or one inserted from v / f() / V(). Inserting may allocate
    // (as try_insert); on failure nothing changed and the entry still holds its key.
    template <class VV = V>
    result<V&> try_or_insert(VV&& v) noexcept {
      if (p_.slot != nullptr) return p_.slot->second;
      return insert_with_<std::is_lvalue_reference_v<VV>>(
          [&v](V* dst) noexcept { ::new (static_cast<void*>(dst)) V(static_cast<VV&&>(v)); });
    }
    // f is called only if the entry is vacant, once the map has made room for the element.
    template <class F>
    result<V&> try_or_insert_with(F&& f) noexcept {
      if (p_.slot != nullptr) return p_.slot->second;
      return insert_with_<false>([&f](V* dst) noexcept { ::new (static_cast<void*>(dst)) V(f()); });
    }
    result<V&> try_or_default() noexcept requires std::default_initializable<V> {
      if (p_.slot != nullptr) return p_.slot->second;
      return insert_with_<false>([](V* dst) noexcept { ::new (static_cast<void*>(dst)) V(); });
    }
    // Inserts (key, v) if vacant, assigns v if occupied; returns the value.
    template <class VV = V>
    result<V&> try_insert(VV&& v) noexcept {
      if (p_.slot != nullptr) {
        p_.slot->second = static_cast<VV&&>(v);
        return p_.slot->second;
      }
      return insert_with_<std::is_lvalue_reference_v<VV>>(
          [&v](V* dst) noexcept { ::new (static_cast<void*>(dst)) V(static_cast<VV&&>(v)); });
    }
    // Removes the element if occupied and returns its value; the entry is vacant after it
    // (holding the removed key).
    std::optional<V> remove() noexcept {
      if (p_.slot == nullptr) return std::nullopt;
      slot* s = p_.slot;
      key_ = static_cast<K&&>(s->first);
      std::optional<V> out = detail::moved_into_optional(s->second);
      m_->t_.erase(p_);
      p_ = pos{nullptr, nullptr};
      return out;
    }
    template <class VV = V>
    V& or_insert(VV&& v) noexcept requires infallible_ {
      return unwrap_or_fail<allocates_>(try_or_insert(static_cast<VV&&>(v)));
    }
    template <class F>
    V& or_insert_with(F&& f) noexcept requires infallible_ {
      return unwrap_or_fail<allocates_>(try_or_insert_with(static_cast<F&&>(f)));
    }
    V& or_default() noexcept requires std::default_initializable<V> && infallible_ {
      return unwrap_or_fail<allocates_>(try_or_default());
    }
    template <class VV = V>
    V& insert(VV&& v) noexcept requires infallible_ {
      return unwrap_or_fail<allocates_>(try_insert(static_cast<VV&&>(v)));
    }

   private:
    friend class map_face;
    entry_type(map_face* m, K&& k) noexcept : m_(m), key_(static_cast<K&&>(k)), hash_(m->t_.hash_of(key_)) {
      p_ = m->t_.find_hashed(key_, hash_);
    }
    // Inserts (key_, make_v(&value)). Aside: whether making the value consumes nothing (see
    // table::insert_unique); on a failure the key goes back into the entry.
    template <bool Aside, class MakeV>
    result<V&> insert_with_(MakeV&& make_v) noexcept {
      auto make = [&](slot* s) noexcept {
        ::new (static_cast<void*>(&s->first)) K(static_cast<K&&>(key_));
        make_v(&s->second);
      };
      auto undo = [this](slot* s) noexcept {
        key_.K::~K();
        ::new (static_cast<void*>(&key_)) K(static_cast<K&&>(s->first));
        s->slot::~slot();
      };
      auto r = m_->t_.template insert_hashed<Aside>(hash_, make, true, undo);
      if (!r) return err(r.error());
      p_ = *r;
      return p_.slot->second;
    }
    map_face* m_;
    K key_;  // moved into the map on insertion (then moved-from)
    std::size_t hash_;
    pos p_;
  };
  // The entry of key k (moved into the entry). O(1) expected; never allocates.
  entry_type entry(K k) noexcept { return entry_type(this, static_cast<K&&>(k)); }

 private:
  // An insertion that must rehash first builds the element aside (see table::insert_unique)
  // when a value argument is an lvalue: it may be an element of this map, which the rehash
  // moves. (The key never is: a key equal to an element's is found, not inserted.) On a
  // failure, the arguments the element was built from are given back what was moved out of
  // them: rvalue arguments must then be trivially copyable (moving is copying), the key, or a
  // single value argument of type V; otherwise the element is built after the rehash.
  template <class Arg>
  static constexpr bool kept_ = std::is_lvalue_reference_v<Arg> || std::is_trivially_copyable_v<std::remove_cvref_t<Arg>>;
  template <class... Args>
  static constexpr bool aside_ =
      (std::is_lvalue_reference_v<Args> || ...) &&
      ((kept_<Args> && ...) || (sizeof...(Args) == 1 && (std::is_same_v<std::remove_cvref_t<Args>, V> && ...)));

  template <class KK, class... Args>
  BARE_HASH_HOT result<insert_result> emplace_(bool may_allocate, KK&& k, Args&&... args) noexcept {
    auto make = [&](slot* s) noexcept {
      ::new (static_cast<void*>(&s->first)) K(static_cast<KK&&>(k));
      ::new (static_cast<void*>(&s->second)) V(static_cast<Args&&>(args)...);
    };
    auto undo = [&](slot* s) noexcept { give_back_<KK, Args...>(s, k, args...); };
    auto r = t_.template insert_unique<aside_<Args...>>(static_cast<const K&>(k), make, may_allocate, undo);
    if (BARE_UNLIKELY(!r)) return err(r.error());
    return insert_result{iterator(r->at), r->inserted};
  }
  template <class KK, class VV>
  BARE_HASH_HOT result<insert_result> insert_or_assign_(KK&& k, VV&& v) noexcept {
    auto make = [&](slot* s) noexcept {
      ::new (static_cast<void*>(&s->first)) K(static_cast<KK&&>(k));
      ::new (static_cast<void*>(&s->second)) V(static_cast<VV&&>(v));
    };
    auto undo = [&](slot* s) noexcept { give_back_<KK, VV>(s, k, v); };
    auto r = t_.template insert_unique<aside_<VV>>(static_cast<const K&>(k), make, true, undo);
    if (BARE_UNLIKELY(!r)) return err(r.error());
    if (!r->inserted) r->at.slot->second = static_cast<VV&&>(v);
    return insert_result{iterator(r->at), r->inserted};
  }
  // Takes apart an element built aside from (k, args...) whose insertion failed, moving back
  // what was moved out of the arguments (see aside_).
  template <class KK, class... Args>
  static void give_back_(slot* s, KK& k, Args&... args) noexcept {
    if constexpr (kept_<KK>) {
      s->first.K::~K();
    } else {
      k.K::~K();
      ::new (static_cast<void*>(&k)) K(static_cast<K&&>(s->first));
      s->first.K::~K();
    }
    if constexpr ((kept_<Args> && ...)) {
      s->second.V::~V();
    } else {
      ((args.V::~V(), ::new (static_cast<void*>(&args)) V(static_cast<V&&>(s->second))), ...);
      s->second.V::~V();
    }
  }
};

}  // namespace bare::detail::hash
