// bare/btree_set.hpp — btree_set<K, Cmp, A>: an ordered set in a B-tree (Rust's BTreeSet,
// std::set's names), with fallible insertion.
//
// The same core as btree_map with no values (detail::btree::params<K, void, C>): everything
// said in bare/btree_map.hpp about allocation (try_ / infallible / within_capacity, the
// strong guarantee up to root splits, try_reserve), memory, misbehaving comparators and
// invalidation holds here. Iterators are const (a key cannot change in place) and yield
// const K&.
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
#include "bare/detail/btree/set_ops.hpp"
#include "bare/result.hpp"

namespace bare {

template <class K, class Cmp = bare::less<K>, allocator A = global,
          std::size_t NodeCapacity = detail::btree::default_capacity<K, void>()>
class btree_set
    : public detail::btree::container<detail::btree::params<K, void, NodeCapacity>, Cmp, A,
                                      btree_set<K, Cmp, A, NodeCapacity>> {
  static_assert(std::is_object_v<K> && !std::is_const_v<K>, "bare::btree_set<K>: K must be a non-const object type");
  static_assert(std::is_nothrow_destructible_v<K>, "bare::btree_set: K's destructor must not throw");
  using P = detail::btree::params<K, void, NodeCapacity>;
  using base = detail::btree::container<P, Cmp, A, btree_set>;
  friend base;
  using tree_t = typename base::tree_t;
  using pos = typename base::pos;
  using slot = detail::btree::slot_ptr<P>;
  using base::t_;

  explicit btree_set(tree_t&& t) noexcept : base(static_cast<tree_t&&>(t)) {}

 public:
  using iterator = typename base::iterator;
  using const_iterator = typename base::const_iterator;
  using value_type = K;
  using reference = const K&;
  using const_reference = const K&;

  struct insert_result {
    iterator position;
    bool inserted;
  };

  // ---- construction ------------------------------------------------------------------------

  // An empty set. O(1), never allocates.
  btree_set() noexcept requires std::default_initializable<Cmp> && std::default_initializable<A> = default;
  explicit btree_set(A a) noexcept requires std::default_initializable<Cmp> : base(Cmp(), static_cast<A&&>(a)) {}
  explicit btree_set(Cmp cmp, A a = A()) noexcept : base(static_cast<Cmp&&>(cmp), static_cast<A&&>(a)) {}
  btree_set(btree_set&&) noexcept = default;
  btree_set& operator=(btree_set&&) noexcept = default;
  btree_set(const btree_set&) = delete;  // copying allocates: clone() / try_clone()
  btree_set& operator=(const btree_set&) = delete;

  // (try_clone / clone, try_from_sorted / from_sorted, try_split_off / split_off, try_append /
  // append, swap, == and <=>: see detail/btree/container.hpp.)

#if BARE_OOM_HANDLING
  // Inserts each key in turn. O(n log n).
  btree_set(std::initializer_list<K> il, Cmp cmp = Cmp(), A a = A()) noexcept requires std::is_copy_constructible_v<K>
      : base(static_cast<Cmp&&>(cmp), static_cast<A&&>(a)) {
    for (const K& k : il) insert(k);
  }
#endif

  // ---- element access ----------------------------------------------------------------------

  // Pointer to the set's key equal to q, or nullptr. O(height * log C).
  template <detail::btree::lookup_arg<K, Cmp> Q>
  const K* get(const Q& q) const noexcept {
    const auto r = t_.search(detail::btree::lookup_key<K, Cmp>(q));
    return r.found ? &tree_t::key_at(r.at) : nullptr;
  }
  // The smallest / largest key, or nullptr. O(height).
  const K* first() const noexcept { return t_.empty() ? nullptr : &tree_t::key_at(t_.begin_pos()); }
  const K* last() const noexcept { return t_.empty() ? nullptr : &tree_t::key_at(t_.last_pos()); }

  // ---- insertion ---------------------------------------------------------------------------
  // O(height * C). Allocates at most height() + 1 nodes (none when the leaf has room or the
  // spare nodes suffice). Invalidates all iterators if it inserts.

  // Inserts k unless an equal key is present (then nothing changes).
  result<insert_result> try_insert(const K& k) noexcept { return insert_(true, k); }
  result<insert_result> try_insert(K&& k) noexcept { return insert_(true, static_cast<K&&>(k)); }
  // As try_insert, never allocating: alloc_errc::full when a split is needed and the spare
  // nodes do not cover it.
  result<insert_result> insert_within_capacity(const K& k) noexcept { return insert_(false, k); }
  result<insert_result> insert_within_capacity(K&& k) noexcept { return insert_(false, static_cast<K&&>(k)); }
  // Replaces the equal key if present (inserted == false then), else inserts k.
  result<insert_result> try_replace(K&& k) noexcept {
    const auto r = t_.search(static_cast<const K&>(k));
    if (r.found) {
      tree_t::key_at(r.at) = static_cast<K&&>(k);
      return insert_result{iterator(r.at), false};
    }
    return insert_(true, static_cast<K&&>(k));
  }
#if BARE_OOM_HANDLING
  template <class KK>
  insert_result insert(KK&& k) noexcept {
    return detail::unwrap_or_handle(try_insert(static_cast<KK&&>(k)));
  }
#endif

  // ---- set algebra (lazy, never allocates) ----------------------------------------------------
  // Views that yield, in order and without copying, the keys of the result; both sets must
  // order keys alike (this set's comparator is used). Equal keys yield this set's key. A view
  // refers to both sets (invalidated with their iterators). Walking a whole view is
  // O(size() + other.size()), or O(small * log large) for an intersection, or a difference
  // whose left side is small, when one set is at least 16 times larger
  // (detail/btree/set_ops.hpp). `union` is a C++ keyword, hence union_with.
  using union_view = detail::btree::set_op_view<btree_set, detail::btree::set_op::union_>;
  using intersection_view = detail::btree::set_op_view<btree_set, detail::btree::set_op::intersection>;
  using difference_view = detail::btree::set_op_view<btree_set, detail::btree::set_op::difference>;
  using symmetric_difference_view = detail::btree::set_op_view<btree_set, detail::btree::set_op::symmetric_difference>;

  // Keys in this set or in other.
  union_view union_with(const btree_set& other) const noexcept { return union_view(*this, other); }
  // Keys in both.
  intersection_view intersection(const btree_set& other) const noexcept { return intersection_view(*this, other); }
  // Keys in this set and not in other.
  difference_view difference(const btree_set& other) const noexcept { return difference_view(*this, other); }
  // Keys in exactly one of the two.
  symmetric_difference_view symmetric_difference(const btree_set& other) const noexcept {
    return symmetric_difference_view(*this, other);
  }
  // Whether no key is in both (stops at the first common key).
  bool is_disjoint(const btree_set& other) const noexcept { return intersection(other).empty(); }
  // Whether every key of this set is in other (stops at the first that is not).
  bool is_subset(const btree_set& other) const noexcept {
    return this->size() <= other.size() && difference(other).empty();
  }
  // Whether every key of other is in this set.
  bool is_superset(const btree_set& other) const noexcept { return other.is_subset(*this); }

  // ---- removal (never allocates) -------------------------------------------------------------

  // Removes the key equal to q and returns it (none if absent). O(height * C).
  template <detail::btree::lookup_arg<K, Cmp> Q>
  std::optional<K> take(const Q& q) noexcept {
    const auto r = t_.search(detail::btree::lookup_key<K, Cmp>(q));
    if (!r.found) return std::nullopt;
    return this->take_(r.at);
  }
  // Removes the key equal to q; returns whether there was one.
  template <detail::btree::lookup_arg<K, Cmp> Q>
  bool remove(const Q& q) noexcept {
    return this->erase(q) != 0;
  }

 private:
  template <class KK>
  BARE_ALWAYS_INLINE result<insert_result> insert_(bool may_allocate, KK&& k) noexcept {
    auto make = [&](slot s) noexcept { ::new (static_cast<void*>(s.k)) K(static_cast<KK&&>(k)); };
    return t_.template try_insert_unique<insert_result>(static_cast<const K&>(k), make, may_allocate);
  }
};

// The object points at its nodes and no node points back at it (the root has no parent), so
// moving it is a memcpy when its allocator and comparator allow.
template <class K, class Cmp, class A, std::size_t C>
struct is_trivially_relocatable<btree_set<K, Cmp, A, C>>
    : std::bool_constant<is_trivially_relocatable_v<A> && is_trivially_relocatable_v<Cmp>> {};

}  // namespace bare
