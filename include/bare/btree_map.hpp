// bare/btree_map.hpp — btree_map<K, V, Cmp, A>: an ordered map in a B-tree (Rust's BTreeMap,
// std::map's names), with fallible insertion that Rust does not have.
//
// Every operation that may allocate comes as
//   try_X(...)             -> result<...>: on failure the map is exactly as before and the
//                             arguments are not consumed (strong guarantee), also when the
//                             insertion's splits would have cascaded to the root: the nodes
//                             an insertion needs are counted and allocated before anything
//                             moves (detail/btree/insert.hpp);
//   X(...)                 the same, calling bare::handle_alloc_error on failure (not declared
//                          under BARE_NO_GLOBAL_OOM_HANDLING);
//   X_within_capacity(...) never allocates; reports alloc_errc::full. try_reserve(n) makes the
//                          next n insertions allocation-free (spare nodes), so an interrupt
//                          handler or a real-time path can insert without the allocator.
// (std's try_emplace keeps std's meaning, "construct the value only if the key is absent",
// and is fallible too; its infallible twin is emplace.)
//
// Memory: nodes of C keys (default: a leaf of about 512 bytes, see detail/btree/node.hpp);
// leaves carry no child pointers. A full node first sheds elements to a sibling with room,
// then splits, so random insertion keeps nodes ~80% full. The map object is 4 words (root,
// size, two spare-node lists) plus the allocator and comparator when they are stateful.
// Inserting allocates at most height() + 1 nodes (usually none); erasing never allocates.
//
// A comparator that is not a strict weak order (a logic error) may make lookups give wrong
// answers, and range() panic, but never makes the map read or write out of bounds: every index
// taken from comparisons is within its node (tests/unit/btree_chaos_test.cpp runs a random
// comparator under ASan).
//
// The map is move-only: copying allocates, so it is explicit (clone / try_clone).
// Iterators: bidirectional; *it is a kv_ref {const K& first; V& second;} by value (keys and
// values are stored apart, so there is no pair to refer to). Any insertion or removal
// invalidates all iterators, references and cursors (elements move between nodes), except
// the iterator it returns. Lookups never invalidate.
#pragma once

#include <compare>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <type_traits>
#include <utility>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/global.hpp"
#include "bare/compare.hpp"
#include "bare/detail/btree/container.hpp"
#include "bare/detail/btree/node.hpp"
#include "bare/result.hpp"

namespace bare {

template <class K, class V, class Cmp = bare::less<K>, allocator A = global,
          std::size_t NodeCapacity = detail::btree::default_capacity<K, V>()>
class btree_map
    : public detail::btree::container<detail::btree::params<K, V, NodeCapacity>, Cmp, A,
                                      btree_map<K, V, Cmp, A, NodeCapacity>> {
  static_assert(std::is_object_v<K> && !std::is_const_v<K> && std::is_object_v<V> && !std::is_const_v<V>,
                "bare::btree_map<K, V>: K and V must be non-const object types");
  static_assert(std::is_nothrow_destructible_v<K> && std::is_nothrow_destructible_v<V>,
                "bare::btree_map: destructors must not throw");
  using P = detail::btree::params<K, V, NodeCapacity>;
  using base = detail::btree::container<P, Cmp, A, btree_map>;
  friend base;
  using tree_t = typename base::tree_t;
  using pos = typename base::pos;
  using slot = detail::btree::slot_ptr<P>;
  using base::t_;

  explicit btree_map(tree_t&& t) noexcept : base(static_cast<tree_t&&>(t)) {}

 public:
  using mapped_type = V;
  using iterator = typename base::iterator;
  using const_iterator = typename base::const_iterator;
  using reference = kv_ref<K, V>;
  using const_reference = kv_ref<K, const V>;
  using value_type = reference;  // what iteration yields (see the header comment)

  // What the inserting operations return: where the key's element is, and whether it was
  // inserted (false: the key was there already; the map did not change).
  struct insert_result {
    iterator position;
    bool inserted;
  };

  // ---- construction ------------------------------------------------------------------------

  // An empty map. O(1), never allocates.
  btree_map() noexcept requires std::default_initializable<Cmp> && std::default_initializable<A> = default;
  explicit btree_map(A a) noexcept requires std::default_initializable<Cmp> : base(Cmp(), static_cast<A&&>(a)) {}
  explicit btree_map(Cmp cmp, A a = A()) noexcept : base(static_cast<Cmp&&>(cmp), static_cast<A&&>(a)) {}
  btree_map(btree_map&&) noexcept = default;
  btree_map& operator=(btree_map&&) noexcept = default;
  btree_map(const btree_map&) = delete;             // copying allocates: clone() / try_clone()
  btree_map& operator=(const btree_map&) = delete;

  // (try_clone / clone, try_from_sorted / from_sorted, try_split_off / split_off, try_append /
  // append, swap, == and <=>: see detail/btree/container.hpp.)

#if BARE_OOM_HANDLING
  // Inserts each pair in turn (the first of equal keys wins, as std::map). O(n log n).
  btree_map(std::initializer_list<std::pair<K, V>> il, Cmp cmp = Cmp(), A a = A()) noexcept
    requires std::is_copy_constructible_v<K> && std::is_copy_constructible_v<V>
      : base(static_cast<Cmp&&>(cmp), static_cast<A&&>(a)) {
    for (const auto& kv : il) insert(kv.first, kv.second);
  }
#endif

  // ---- element access ----------------------------------------------------------------------

  // Pointer to the value of key q, or nullptr. O(height * log C).
  template <detail::btree::lookup_arg<K, Cmp> Q>
  BARE_ALWAYS_INLINE V* get(const Q& q) noexcept {
    const auto r = t_.search(detail::btree::lookup_key<K, Cmp>(q));
    return r.found ? tree_t::value_at(r.at) : nullptr;
  }
  template <detail::btree::lookup_arg<K, Cmp> Q>
  BARE_ALWAYS_INLINE const V* get(const Q& q) const noexcept {
    const auto r = t_.search(detail::btree::lookup_key<K, Cmp>(q));
    return r.found ? tree_t::value_at(r.at) : nullptr;
  }
  // The value of key q. Precondition (always checked): the key is present.
  template <detail::btree::lookup_arg<K, Cmp> Q>
  V& at(const Q& q, source_loc where = source_loc::current()) noexcept {
    V* v = get(q);
    BARE_ASSERT_AT(v != nullptr, "bare::btree_map::at: key not found", where);
    return *v;
  }
  template <detail::btree::lookup_arg<K, Cmp> Q>
  const V& at(const Q& q, source_loc where = source_loc::current()) const noexcept {
    const V* v = get(q);
    BARE_ASSERT_AT(v != nullptr, "bare::btree_map::at: key not found", where);
    return *v;
  }
  // The first / last element, or none. O(height).
  std::optional<reference> first() noexcept { return elem_(t_.begin_pos()); }
  std::optional<const_reference> first() const noexcept { return celem_(t_.begin_pos()); }
  std::optional<reference> last() noexcept { return elem_(t_.last_pos()); }
  std::optional<const_reference> last() const noexcept { return celem_(t_.last_pos()); }

#if BARE_OOM_HANDLING
  // The value of key k, inserting V() first if absent (std::map's operator[]). May allocate
  // (as try_insert).
  V& operator[](const K& k) noexcept requires std::default_initializable<V> { return *get_or_insert_(k); }
  V& operator[](K&& k) noexcept requires std::default_initializable<V> { return *get_or_insert_(static_cast<K&&>(k)); }
#endif

  // ---- insertion ---------------------------------------------------------------------------
  // O(height * C). Allocates at most height() + 1 nodes (none when the leaf has room, or the
  // spare nodes suffice). Invalidates all iterators if it inserts.

  // Inserts (k, v) unless key k is present (then nothing changes: no overwrite).
  template <class VV = V>
  result<insert_result> try_insert(const K& k, VV&& v) noexcept {
    return try_emplace(k, static_cast<VV&&>(v));
  }
  template <class VV = V>
  result<insert_result> try_insert(K&& k, VV&& v) noexcept {
    return try_emplace(static_cast<K&&>(k), static_cast<VV&&>(v));
  }
  // Inserts (k, V(args...)) unless key k is present; the value is constructed only when
  // inserted (std's try_emplace, fallible).
  template <class... Args>
  BARE_ALWAYS_INLINE result<insert_result> try_emplace(const K& k, Args&&... args) noexcept {
    return emplace_(true, k, static_cast<Args&&>(args)...);
  }
  template <class... Args>
  BARE_ALWAYS_INLINE result<insert_result> try_emplace(K&& k, Args&&... args) noexcept {
    return emplace_(true, static_cast<K&&>(k), static_cast<Args&&>(args)...);
  }
  // As try_insert, never allocating: alloc_errc::full if the leaf is full and the spare nodes
  // do not cover the split.
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
  result<insert_result> try_insert_or_assign(const K& k, VV&& v) noexcept {
    return insert_or_assign_(k, static_cast<VV&&>(v));
  }
  template <class VV = V>
  result<insert_result> try_insert_or_assign(K&& k, VV&& v) noexcept {
    return insert_or_assign_(static_cast<K&&>(k), static_cast<VV&&>(v));
  }
#if BARE_OOM_HANDLING
  template <class KK, class VV = V>
  insert_result insert(KK&& k, VV&& v) noexcept {
    return detail::unwrap_or_handle(try_insert(static_cast<KK&&>(k), static_cast<VV&&>(v)));
  }
  template <class KK, class... Args>
  insert_result emplace(KK&& k, Args&&... args) noexcept {
    return detail::unwrap_or_handle(try_emplace(static_cast<KK&&>(k), static_cast<Args&&>(args)...));
  }
  template <class KK, class VV = V>
  insert_result insert_or_assign(KK&& k, VV&& v) noexcept {
    return detail::unwrap_or_handle(try_insert_or_assign(static_cast<KK&&>(k), static_cast<VV&&>(v)));
  }
#endif

  // ---- removal (never allocates) -------------------------------------------------------------

  // Removes key q's element and returns its value / the pair (none if absent). O(height * C).
  template <detail::btree::lookup_arg<K, Cmp> Q>
  std::optional<V> remove(const Q& q) noexcept {
    auto e = remove_entry(q);
    if (!e) return std::nullopt;
    return detail::moved_into_optional(e->second);
  }
  template <detail::btree::lookup_arg<K, Cmp> Q>
  std::optional<std::pair<K, V>> remove_entry(const Q& q) noexcept {
    const auto r = t_.search(detail::btree::lookup_key<K, Cmp>(q));
    if (!r.found) return std::nullopt;
    return this->take_(r.at);
  }

  // ---- entry API ---------------------------------------------------------------------------
  //
  // entry(k) looks the key up once; the entry then reads, modifies or inserts without a second
  // search: m.entry(k).or_insert(0) += 1. It holds the key (moved in) and a position in the
  // map: the map must not change while the entry is used, other than through it.
  class entry_type {
   public:
    // Whether the key is in the map.
    bool is_occupied() const noexcept { return r_.found; }
    const K& key() const noexcept { return r_.found ? tree_t::key_at(r_.at) : key_; }
    // The value if occupied, else nullptr.
    V* get() const noexcept { return r_.found ? tree_t::value_at(r_.at) : nullptr; }
    // Calls f(V&) if occupied. Returns the entry.
    template <class F>
    entry_type&& and_modify(F&& f) && noexcept {
      if (r_.found) f(*tree_t::value_at(r_.at));
      return static_cast<entry_type&&>(*this);
    }
    // The value: the present one, or one inserted from v / f() / V(). Inserting may allocate
    // (as try_insert); on failure nothing changed and the entry still holds its key.
    template <class VV = V>
    result<V&> try_or_insert(VV&& v) noexcept {
      return insert_(static_cast<VV&&>(v));
    }
    template <class F>
    result<V&> try_or_insert_with(F&& f) noexcept {
      if (r_.found) return *tree_t::value_at(r_.at);
      return insert_with_([&f](void* dst) noexcept { ::new (dst) V(f()); });
    }
    result<V&> try_or_default() noexcept requires std::default_initializable<V> {
      if (r_.found) return *tree_t::value_at(r_.at);
      return insert_with_([](void* dst) noexcept { ::new (dst) V(); });
    }
    // Inserts (key, v) if vacant, assigns v if occupied; returns the value.
    template <class VV = V>
    result<V&> try_insert(VV&& v) noexcept {
      if (r_.found) {
        V& cur = *tree_t::value_at(r_.at);
        cur = static_cast<VV&&>(v);
        return cur;
      }
      return insert_(static_cast<VV&&>(v));
    }
    // Removes the element if occupied and returns its value.
    std::optional<V> remove() noexcept {
      if (!r_.found) return std::nullopt;
      auto e = m_->take_(r_.at);
      r_.found = false;
      r_.at = {nullptr, 0};
      return detail::moved_into_optional(e->second);
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
    friend class btree_map;
    entry_type(btree_map* m, K&& k) noexcept : m_(m), key_(static_cast<K&&>(k)), r_(m->t_.search(key_)) {}
    template <class VV>
    result<V&> insert_(VV&& v) noexcept {
      if (r_.found) return *tree_t::value_at(r_.at);
      return insert_with_([&v](void* dst) noexcept { ::new (dst) V(static_cast<VV&&>(v)); });
    }
    template <class MakeV>
    result<V&> insert_with_(MakeV&& make_v) noexcept {
      auto make = [&](slot s) noexcept {
        ::new (static_cast<void*>(s.k)) K(static_cast<K&&>(key_));
        make_v(static_cast<void*>(s.v));
      };
      auto p = m_->t_.try_insert_at(r_.at, make);
      if (!p) return err(p.error());
      r_.at = *p;
      r_.found = true;
      return *tree_t::value_at(*p);
    }
    btree_map* m_;
    K key_;  // moved into the map on insertion (then moved-from)
    detail::btree::search_result<P> r_;
  };
  // The entry of key k (moved into the entry). O(height * log C); never allocates.
  entry_type entry(K k) noexcept { return entry_type(this, static_cast<K&&>(k)); }

 private:
  friend class entry_type;
  static std::optional<reference> elem_(pos p) noexcept {
    if (p.node == nullptr) return std::nullopt;
    return std::optional<reference>(std::in_place, tree_t::key_at(p), *tree_t::value_at(p));
  }
  static std::optional<const_reference> celem_(pos p) noexcept {
    if (p.node == nullptr) return std::nullopt;
    return std::optional<const_reference>(std::in_place, tree_t::key_at(p), *tree_t::value_at(p));
  }

  template <class KK, class... Args>
  BARE_ALWAYS_INLINE result<insert_result> emplace_(bool may_allocate, KK&& k, Args&&... args) noexcept {
    auto make = [&](slot s) noexcept {
      ::new (static_cast<void*>(s.k)) K(static_cast<KK&&>(k));
      ::new (static_cast<void*>(s.v)) V(static_cast<Args&&>(args)...);
    };
    return t_.template try_insert_unique<insert_result>(static_cast<const K&>(k), make, may_allocate);
  }
  template <class KK, class VV>
  result<insert_result> insert_or_assign_(KK&& k, VV&& v) noexcept {
    const auto r = t_.search(static_cast<const K&>(k));
    if (r.found) {
      *tree_t::value_at(r.at) = static_cast<VV&&>(v);
      return insert_result{iterator(r.at), false};
    }
    auto make = [&](slot s) noexcept {
      ::new (static_cast<void*>(s.k)) K(static_cast<KK&&>(k));
      ::new (static_cast<void*>(s.v)) V(static_cast<VV&&>(v));
    };
    auto p = t_.try_insert_at(r.at, make);
    if (!p) return err(p.error());
    return insert_result{iterator(*p), true};
  }
#if BARE_OOM_HANDLING
  template <class KK>
  V* get_or_insert_(KK&& k) noexcept {
    auto r = detail::unwrap_or_handle(try_emplace(static_cast<KK&&>(k)));
    return tree_t::value_at(r.position.pos_());
  }
#endif
};

// The object points at its nodes and no node points back at it (the root has no parent), so
// moving it is a memcpy when its allocator and comparator allow.
template <class K, class V, class Cmp, class A, std::size_t C>
struct is_trivially_relocatable<btree_map<K, V, Cmp, A, C>>
    : std::bool_constant<is_trivially_relocatable_v<A> && is_trivially_relocatable_v<Cmp>> {};

}  // namespace bare
