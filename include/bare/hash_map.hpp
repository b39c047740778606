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
#include "bare/detail/hash/container.hpp"
#include "bare/hash.hpp"
#include "bare/result.hpp"

namespace bare {

template <class K, class V, class H = default_hasher, class Eq = equal_to<>, allocator A = global>
class hash_map : public detail::hash::container<detail::hash::map_policy<K, V>, H, Eq, A, hash_map<K, V, H, Eq, A>> {
  static_assert(std::is_object_v<K> && !std::is_const_v<K> && std::is_object_v<V> && !std::is_const_v<V>,
                "bare::hash_map<K, V>: K and V must be non-const object types");
  static_assert(std::is_nothrow_destructible_v<K> && std::is_nothrow_destructible_v<V>,
                "bare::hash_map: destructors must not throw");
  using P = detail::hash::map_policy<K, V>;
  using base = detail::hash::container<P, H, Eq, A, hash_map>;
  friend base;
  using table_t = typename base::table_t;
  using pos = typename base::pos;
  using slot = typename P::slot_type;
  using base::t_;
  template <class Q>
  static constexpr bool lookup_ok = detail::hash::lookup_arg<Q, K, H, Eq>;

  explicit hash_map(table_t&& t) noexcept : base(static_cast<table_t&&>(t)) {}

 public:
  using mapped_type = V;
  using iterator = typename base::iterator;
  using const_iterator = typename base::const_iterator;
  using reference = kv_ref<K, V>;
  using const_reference = kv_ref<K, const V>;
  using value_type = reference;  // what iteration yields (see the header comment)

  // What the inserting operations return: where the key's element is, and whether it was
  // inserted (false: the key was there already; the map did not change, except for
  // insert_or_assign, which assigned the value).
  struct insert_result {
    iterator position;
    bool inserted;
  };

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
    for (const auto& kv : il) insert(kv.first, kv.second);
  }
#endif

  // (try_with_capacity / with_capacity, try_clone / clone, swap, ==, erase, retain,
  // extract_if, drain, reserve: see detail/hash/container.hpp.)

  // ---- element access (O(1) expected; never allocates) ---------------------------------------

  // Pointer to the value of key q, or nullptr.
  template <class Q>
    requires lookup_ok<Q>
  BARE_HASH_HOT V* get(const Q& q) noexcept {
    const pos p = t_.find(detail::hash::lookup_key<K, H, Eq>(q));
    return p.slot != nullptr ? &p.slot->second : nullptr;
  }
  template <class Q>
    requires lookup_ok<Q>
  BARE_HASH_HOT const V* get(const Q& q) const noexcept {
    const pos p = t_.find(detail::hash::lookup_key<K, H, Eq>(q));
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
#if BARE_OOM_HANDLING
  // The value of key k, inserting V() first if absent (std's operator[]). May allocate (as
  // try_insert).
  BARE_HASH_HOT V& operator[](const K& k) noexcept requires std::default_initializable<V> {
    return emplace(k).position->second;
  }
  BARE_HASH_HOT V& operator[](K&& k) noexcept requires std::default_initializable<V> {
    return emplace(static_cast<K&&>(k)).position->second;
  }
#endif

  // ---- insertion -------------------------------------------------------------------------
  // O(1) expected. Allocates (one block, twice the capacity) only if the load budget is
  // exhausted (growth_left() == 0); may then also rehash in place instead. Invalidates all
  // iterators if it rehashes.

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
#if BARE_OOM_HANDLING
  template <class KK, class VV = V>
  BARE_HASH_HOT insert_result insert(KK&& k, VV&& v) noexcept {
    return detail::unwrap_or_handle(try_insert(static_cast<KK&&>(k), static_cast<VV&&>(v)));
  }
  template <class KK, class... Args>
  BARE_HASH_HOT insert_result emplace(KK&& k, Args&&... args) noexcept {
    return detail::unwrap_or_handle(try_emplace(static_cast<KK&&>(k), static_cast<Args&&>(args)...));
  }
  template <class KK, class VV = V>
  BARE_HASH_HOT insert_result insert_or_assign(KK&& k, VV&& v) noexcept {
    return detail::unwrap_or_handle(try_insert_or_assign(static_cast<KK&&>(k), static_cast<VV&&>(v)));
  }
#endif

  // ---- removal (O(1) expected; never allocates) ---------------------------------------------

  // Removes key q's element and returns its value / the pair (none if absent).
  template <class Q>
    requires lookup_ok<Q>
  std::optional<V> remove(const Q& q) noexcept {
    const pos p = t_.find(detail::hash::lookup_key<K, H, Eq>(q));
    if (p.slot == nullptr) return std::nullopt;
    std::optional<V> out(std::in_place, static_cast<V&&>(p.slot->second));
    t_.erase(p);
    return out;
  }
  template <class Q>
    requires lookup_ok<Q>
  std::optional<std::pair<K, V>> remove_entry(const Q& q) noexcept {
    const pos p = t_.find(detail::hash::lookup_key<K, H, Eq>(q));
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
      std::optional<V> out(std::in_place, static_cast<V&&>(s->second));
      m_->t_.erase(p_);
      p_ = pos{nullptr, nullptr};
      return out;
    }
#if BARE_OOM_HANDLING
    template <class VV = V>
    V& or_insert(VV&& v) noexcept {
      return detail::unwrap_or_handle(try_or_insert(static_cast<VV&&>(v)));
    }
    template <class F>
    V& or_insert_with(F&& f) noexcept {
      return detail::unwrap_or_handle(try_or_insert_with(static_cast<F&&>(f)));
    }
    V& or_default() noexcept requires std::default_initializable<V> {
      return detail::unwrap_or_handle(try_or_default());
    }
    template <class VV = V>
    V& insert(VV&& v) noexcept {
      return detail::unwrap_or_handle(try_insert(static_cast<VV&&>(v)));
    }
#endif

   private:
    friend class hash_map;
    entry_type(hash_map* m, K&& k) noexcept : m_(m), key_(static_cast<K&&>(k)), hash_(m->t_.hash_of(key_)) {
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
    hash_map* m_;
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

// The object points at its block and the block does not point back (an empty map points at a
// shared constant), so moving it is a memcpy when its hasher, key_equal and allocator allow.
template <class K, class V, class H, class Eq, class A>
struct is_trivially_relocatable<hash_map<K, V, H, Eq, A>>
    : std::bool_constant<is_trivially_relocatable_v<H> && is_trivially_relocatable_v<Eq> && is_trivially_relocatable_v<A>> {};

}  // namespace bare
