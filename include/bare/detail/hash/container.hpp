// bare/detail/hash/container.hpp — the public members hash_map, hash_set, fixed_hash_map and
// fixed_hash_set share: size and capacity, iteration, lookup, erasure, retain / extract_if /
// drain, clone, equality. The faces (map_face.hpp, set_face.hpp) add how elements are
// inserted and what they look like; the public types add construction. B is the table's
// storage (heap_block.hpp, inline_block.hpp): the members that only a heap table has
// (reserve, rehash, shrink_to_fit, with_capacity, allocator) require B::growable.
//
// Invalidation, for every member below and in every container: an insertion invalidates every
// iterator and reference if it rehashes (it allocates, or the growth budget was spent through
// erasures), and none otherwise — after try_reserve(n), the next n insertions rehash nothing;
// erasing invalidates only iterators and references to the erased elements; lookups, clear()
// aside, invalidate nothing. (A fixed container's elements live in the object: moving or
// swapping it also invalidates them.)
#pragma once

#include <concepts>
#include <cstddef>
#include <optional>
#include <type_traits>
#include <utility>

#include "bare/alloc/allocator.hpp"
#include "bare/detail/hash/iterator.hpp"
#include "bare/detail/hash/table.hpp"
#include "bare/detail/pull_range.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"

namespace bare::detail::hash {

// ---- heterogeneous lookup ----------------------------------------------------------------------
// A lookup argument Q is used as it is (hashed with H, compared with Eq(q, key)) when it is
// the key type, or when H and Eq are both transparent (have is_transparent), accept it, and
// H does not declare it incompatible (bare's hashers allow a Q of K's hash_family only, so
// that equal values hash alike); otherwise it must convert to K and is converted once.

template <class H, class Q, class K>
constexpr bool hasher_allows() noexcept {
  if constexpr (requires { { H::template interchangeable<Q, K> } -> std::convertible_to<bool>; })
    return H::template interchangeable<Q, K>;
  else
    return true;
}

template <class Q, class K, class H, class Eq>
concept direct_lookup =
    std::same_as<std::remove_cvref_t<Q>, K> ||
    (requires { typename H::is_transparent; typename Eq::is_transparent; } && hasher_allows<H, Q, K>() &&
     requires(const H& h, const Eq& e, const Q& q, const K& k) {
       h(q);
       { e(q, k) } -> std::convertible_to<bool>;
     });

template <class Q, class K, class H, class Eq>
concept lookup_arg = direct_lookup<Q, K, H, Eq> || std::convertible_to<const Q&, K>;

// q itself, or q converted to K.
template <class K, class H, class Eq, class Q>
BARE_HASH_HOT decltype(auto) lookup_key(const Q& q) noexcept {
  if constexpr (direct_lookup<Q, K, H, Eq>) return (q);
  else return K(q);
}

// Face is the public container deriving from this (hash_map, hash_set, ...); it has a private
// constructor from a table_t&& and is a friend of this class.
template <class P, class H, class Eq, class B, class Face>
class container {
 protected:
  using K = typename P::key_type;
  using V = typename P::mapped_type;
  using S = typename P::slot_type;
  using table_t = table<P, H, Eq, B>;
  using pos = typename table_t::pos;
  // What removing an element hands back: (key, value) for a map, the key for a set.
  using owned = std::conditional_t<P::has_values, std::pair<K, std::conditional_t<P::has_values, V, int>>, K>;

  table_t t_;

  container() noexcept requires std::default_initializable<H> && std::default_initializable<Eq> &&
                                    std::default_initializable<B> = default;
  // ba...: the storage's constructor arguments (heap: the allocator; inline: none).
  template <class... BA>
  container(H h, Eq eq, BA&&... ba) noexcept : t_(static_cast<H&&>(h), static_cast<Eq&&>(eq), static_cast<BA&&>(ba)...) {}
  explicit container(table_t&& t) noexcept : t_(static_cast<table_t&&>(t)) {}

  static table_t& table_of_(container& c) noexcept { return c.t_; }
  static const table_t& table_of_(const container& c) noexcept { return c.t_; }

 public:
  using key_type = K;
  using hasher = H;
  using key_equal = Eq;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  // A set's elements cannot change through an iterator: both of its iterators are const.
  using iterator = hash::iterator<P, !P::has_values>;
  using const_iterator = hash::iterator<P, true>;

  // ---- size and capacity ---------------------------------------------------------------------

  // Whether the infallible twins (insert beside try_insert, ...) are declared: always for
  // storage that never allocates (they panic when full), else unless
  // BARE_NO_GLOBAL_OOM_HANDLING (they call handle_alloc_error).
  static constexpr bool allocates_ = B::allocates;
  static constexpr bool infallible_ = !B::allocates || BARE_OOM_HANDLING;

  // O(1).
  std::size_t size() const noexcept { return t_.size(); }
  bool empty() const noexcept { return t_.size() == 0; }
  // The most elements the container holds without allocating: 7/8 of its slots (a fixed
  // container: its N). O(1).
  std::size_t capacity() const noexcept { return t_.capacity(); }
  // Insertions left before the next rehash (at most capacity() - size(); erasures from groups
  // that overflowed do not give theirs back, see detail/hash/raw.hpp). O(1).
  std::size_t growth_left() const noexcept { return t_.growth_left(); }
  // Slots in the block (15 per group of 16 control bytes, less the sentinel's). O(1).
  std::size_t slot_count() const noexcept { return capacity_of(t_.groups()); }
  static constexpr std::size_t max_size() noexcept { return B::max_elems; }
  const H& hash_function() const noexcept { return t_.hasher(); }
  const Eq& key_eq() const noexcept { return t_.key_eq(); }
  const auto& allocator() const noexcept requires B::growable { return t_.storage().alloc(); }
  auto& allocator() noexcept requires B::growable { return t_.storage().alloc(); }
  // Verifies every invariant of the table: control bytes against the elements' hashes (h2),
  // every element reachable from its home group, no duplicate keys, the counts. O(n) hashes
  // and lookups; never allocates.
  hash_check check() const noexcept { return t_.check(); }

  // Makes the next n insertions (by any inserting operation) allocation-free and free of
  // rehashing: growth_left() >= n afterwards. O(n + size()) if it rehashes or allocates, else
  // O(1). May allocate one block for max(size() + n, 2 * capacity()) elements (or rehash in
  // place, without allocating, when size() + n is at most 7/8 of capacity()). Invalidates
  // iterators and references if it rehashes. On failure nothing changed.
  result<void> try_reserve(std::size_t n) noexcept requires B::growable { return t_.try_reserve(n); }
  // Rebuilds the table for max(n, size()) elements, clearing every stale overflow bit: in place
  // (no allocation) when that needs the same number of groups, else into a new block (all
  // memory freed when both are 0). O(size() + capacity()). Invalidates all iterators and
  // references. On failure nothing changed.
  result<void> try_rehash(std::size_t n) noexcept requires B::growable { return t_.try_rehash(n); }
  // try_rehash(0): the smallest block that holds size() elements (none when empty).
  result<void> try_shrink_to_fit() noexcept requires B::growable { return t_.try_rehash(0); }
#if BARE_OOM_HANDLING
  void reserve(std::size_t n) noexcept requires B::growable { unwrap_or_handle(try_reserve(n)); }
  void rehash(std::size_t n) noexcept requires B::growable { unwrap_or_handle(try_rehash(n)); }
  void shrink_to_fit() noexcept requires B::growable { unwrap_or_handle(try_shrink_to_fit()); }
#endif

  // ---- iteration (in an unspecified order, the same for equal histories) ---------------------

  // begin() is O(1) expected (O(groups) if the first groups are empty); end() O(1).
  iterator begin() noexcept { return iterator(t_.begin_pos()); }
  const_iterator begin() const noexcept { return const_iterator(t_.begin_pos()); }
  const_iterator cbegin() const noexcept { return begin(); }
  iterator end() noexcept { return iterator(t_.end_pos()); }
  const_iterator end() const noexcept { return const_iterator(t_.end_pos()); }
  const_iterator cend() const noexcept { return end(); }

  // ---- lookup (O(1) expected; never allocate; invalidate nothing) ----------------------------
  // Every key argument may be a key_type, a type the hasher and key_equal accept directly
  // (heterogeneous lookup, see lookup_arg above), or anything that converts to key_type.

  template <lookup_arg<K, H, Eq> Q>
  BARE_HASH_HOT iterator find(const Q& q) noexcept {
    const pos p = t_.find(lookup_key<K, H, Eq>(q));
    return p.slot != nullptr ? iterator(p) : end();
  }
  template <lookup_arg<K, H, Eq> Q>
  BARE_HASH_HOT const_iterator find(const Q& q) const noexcept {
    const pos p = t_.find(lookup_key<K, H, Eq>(q));
    return p.slot != nullptr ? const_iterator(p) : end();
  }
  template <lookup_arg<K, H, Eq> Q>
  BARE_HASH_HOT bool contains(const Q& q) const noexcept {
    return t_.find(lookup_key<K, H, Eq>(q)).slot != nullptr;
  }
  template <lookup_arg<K, H, Eq> Q>
  std::size_t count(const Q& q) const noexcept {
    return contains(q) ? 1 : 0;
  }

  // ---- erasure (O(1) expected; never allocates; invalidates only the erased element) --------

  // Erases the element with key q, if any; returns how many were erased (0 or 1).
  template <lookup_arg<K, H, Eq> Q>
  BARE_HASH_HOT std::size_t erase(const Q& q) noexcept {
    const pos p = t_.find(lookup_key<K, H, Eq>(q));
    if (p.slot == nullptr) return 0;
    t_.erase(p);
    return 1;
  }
  // Erases the element at it. Returns nothing (finding the next element costs a scan; it++
  // stays valid: erase(it++) erases and moves on). O(1).
  // Precondition (checked unless BARE_UNCHECKED): it is an element of this container.
  void erase(const_iterator it) noexcept {
    const pos p = it.template pos_<pos>();
    BARE_CHECK(p.slot != nullptr, "bare::hash: erase(end())");
    t_.erase(p);
  }
  void erase(iterator it) noexcept requires P::has_values { erase(const_iterator(it)); }
  // Destroys every element; keeps the memory (capacity() stays). O(capacity()).
  void clear() noexcept { t_.clear(); }

  // Keeps the elements for which pred is true (pred(const K&, V&) for a map, pred(const K&)
  // for a set). O(capacity()); never allocates.
  template <class Pred>
  void retain(Pred pred) noexcept {
    t_.for_each_pos([&](pos p) {
      if (!test_(pred, p)) t_.erase(p);
    });
  }

  // A range over the elements for which pred is true (pred as for retain), each removed when
  // the iteration reaches it (Rust's extract_if). Dereferencing gives the removed element (a
  // std::pair<K, V>& for a map, K& for a set), which may be moved from; it is destroyed when
  // the iteration moves on. Elements not reached when the range is destroyed stay. The
  // container must not be used while the range lives. Never allocates.
  template <class Pred>
  class extract_if_range;
  template <class Pred>
  [[nodiscard]] extract_if_range<Pred> extract_if(Pred pred) noexcept {
    return extract_if_range<Pred>(this, static_cast<Pred&&>(pred));
  }
  // A range over every element, each removed as the iteration reaches it (moved into the
  // range's element, which may be moved from). When the range is destroyed, the elements not
  // reached are destroyed too: the container is empty, with its capacity kept (Rust's drain).
  // The container must not be used while the range lives. Never allocates.
  [[nodiscard]] auto drain() noexcept {
    struct all {
      bool operator()(const K&) const noexcept { return true; }
      bool operator()(const K&, std::conditional_t<P::has_values, V, int>&) const noexcept { return true; }
    };
    return extract_if_range<all>(this, all{}, true);
  }

  // ---- whole containers ------------------------------------------------------------------

  // An empty container with room for n elements (growth_left() >= n). Allocates one block
  // unless n == 0.
  template <class A = typename B::allocator_type>
  static result<Face> try_with_capacity(std::size_t n, H h = H(), Eq eq = Eq(), A a = A()) noexcept requires B::growable {
    Face f(static_cast<H&&>(h), static_cast<Eq&&>(eq), static_cast<A&&>(a));
    if (auto r = f.try_reserve(n); !r) return err(r.error());
    return f;
  }
#if BARE_OOM_HANDLING
  template <class A = typename B::allocator_type>
  static Face with_capacity(std::size_t n, H h = H(), Eq eq = Eq(), A a = A()) noexcept requires B::growable {
    return unwrap_or_handle(try_with_capacity(n, static_cast<H&&>(h), static_cast<Eq&&>(eq), static_cast<A&&>(a)));
  }
#endif

  // A copy (same hasher and key_eq, a copy of the allocator, the same capacity and iteration
  // order). O(capacity()); allocates one block if the storage is a heap block (plus what
  // cloning elements allocates: elements with try_clone are cloned through it, so their
  // failures surface here).
  result<Face> try_clone() const noexcept requires cloneable<S> {
    auto t = t_.try_clone();
    if (!t) return err(t.error());
    return Face(static_cast<table_t&&>(*t));
  }
#if BARE_OOM_HANDLING
  Face clone() const noexcept requires cloneable<S> { return unwrap_or_handle(try_clone()); }
#endif

  // Exchanges contents, hashers, key_equals and allocators. O(1).
  void swap(Face& o) noexcept { t_.swap(table_of_(o)); }
  friend void swap(Face& a, Face& b) noexcept { a.swap(b); }

  // The same elements (keys, and values for a map), whatever the order. O(n) lookups in b.
  friend bool operator==(const Face& a, const Face& b) noexcept
    requires std::equality_comparable<K> && (!P::has_values || std::equality_comparable<V>)
  {
    if (a.size() != b.size()) return false;
    bool same = true;
    table_of_(a).for_each_pos([&](pos p) {
      if (!same) return;
      const pos q = table_of_(b).find(table_t::key_of(*p.slot));
      if (q.slot == nullptr) same = false;
      else if constexpr (P::has_values) same = p.slot->second == q.slot->second;
    });
    return same;
  }

 protected:
  template <class Pred>
  static bool test_(Pred& pred, pos p) noexcept {
    if constexpr (P::has_values) return pred(static_cast<const K&>(p.slot->first), p.slot->second);
    else return pred(static_cast<const K&>(*p.slot));
  }
  // Removes the element at p and returns it.
  owned take_(pos p) noexcept {
    owned out = own_(*p.slot);
    t_.erase(p);
    return out;
  }
  static owned own_(S& s) noexcept {
    if constexpr (P::has_values) return owned(static_cast<K&&>(s.first), static_cast<V&&>(s.second));
    else return static_cast<K&&>(s);
  }
};

template <class P, class H, class Eq, class B, class Face>
template <class Pred>
class container<P, H, Eq, B, Face>::extract_if_range
    : public pull_range<typename container<P, H, Eq, B, Face>::template extract_if_range<Pred>,
                        typename container<P, H, Eq, B, Face>::owned> {
 public:
  ~extract_if_range() {
    held_.reset();
    if (drain_) c_->t_.clear();
  }

 private:
  friend class container;
  friend class pull_range<extract_if_range, owned>;
  owned* current_() noexcept { return held_ ? &*held_ : nullptr; }
  extract_if_range(container* c, Pred pred, bool drain = false) noexcept
      : c_(c), at_(c->t_.begin_pos()), pred_(static_cast<Pred&&>(pred)), drain_(drain) {}
  void advance_() noexcept {
    held_.reset();
    while (at_.slot != nullptr) {
      const pos p = at_;
      step_forward(at_.ctrl, at_.slot);
      if (test_(pred_, p)) {
        held_.emplace(c_->take_(p));
        return;
      }
    }
  }
  container* c_;
  pos at_;  // the next element to test
  Pred pred_;
  bool drain_;
  std::optional<owned> held_;
};

}  // namespace bare::detail::hash
