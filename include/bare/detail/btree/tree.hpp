// bare/detail/btree/tree.hpp — the B-tree core shared by btree_map and btree_set: one tree of
// (key, value) slots, the value being absent for a set (P::has_values). The public containers
// are thin faces over it (STYLE 5: public type -> container core -> small policy).
//
// Layout of the object: { root, len, spare_leaves, spare_internals } + allocator + comparator
// (stateless ones take no space): 4 words.
#pragma once

#include <compare>
#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

#include "bare/alloc/allocator.hpp"
#include "bare/detail/btree/bulk.hpp"
#include "bare/detail/btree/check.hpp"
#include "bare/detail/btree/insert.hpp"
#include "bare/detail/btree/iterator.hpp"
#include "bare/detail/btree/navigate.hpp"
#include "bare/detail/btree/node.hpp"
#include "bare/detail/btree/remove.hpp"
#include "bare/detail/btree/search.hpp"
#include "bare/detail/btree/split.hpp"
#include "bare/detail/checked.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"

namespace bare::detail::btree {

template <class Cmp>
inline constexpr bool is_transparent_v = requires { typename Cmp::is_transparent; };

// A lookup argument: the key type, anything a transparent comparator compares with keys, or
// (otherwise) anything that converts to the key type (then converted once, see lookup_key).
template <class Q, class K, class Cmp>
concept lookup_arg = std::is_same_v<Q, K> || is_transparent_v<Cmp> || std::is_convertible_v<const Q&, K>;

// q itself, or q converted to K when the comparator cannot compare a Q.
template <class K, class Cmp, class Q>
BARE_ALWAYS_INLINE decltype(auto) lookup_key(const Q& q) noexcept {
  if constexpr (std::is_same_v<Q, K> || is_transparent_v<Cmp>) return (q);
  else return static_cast<K>(q);
}

template <class P, class Cmp, allocator A>
class tree {
 public:
  using K = typename P::key_type;
  using V = typename P::mapped_type;
  using pos = handle<P>;

  tree() noexcept requires std::default_initializable<Cmp> && std::default_initializable<A> : s_(), cmp_() {}
  tree(Cmp cmp, A a) noexcept : s_(static_cast<A&&>(a)), cmp_(static_cast<Cmp&&>(cmp)) {}
  tree(tree&& o) noexcept : s_(static_cast<A&&>(o.s_.alloc)), cmp_(static_cast<Cmp&&>(o.cmp_)) { take_nodes_(o); }
  tree& operator=(tree&& o) noexcept {
    if (this != &o) {
      release_();
      s_.alloc = static_cast<A&&>(o.s_.alloc);
      if constexpr (std::is_move_assignable_v<Cmp>) {
        cmp_ = static_cast<Cmp&&>(o.cmp_);
      } else {
        cmp_.~Cmp();
        ::new (static_cast<void*>(&cmp_)) Cmp(static_cast<Cmp&&>(o.cmp_));
      }
      take_nodes_(o);
    }
    return *this;
  }
  tree(const tree&) = delete;
  tree& operator=(const tree&) = delete;
  ~tree() { release_(); }

  // ---- state ------------------------------------------------------------------------------
  std::size_t size() const noexcept { return s_.len; }
  bool empty() const noexcept { return s_.len == 0; }
  std::size_t height() const noexcept { return s_.root ? s_.root->level + 1u : 0; }
  const A& alloc() const noexcept { return s_.alloc; }
  A& alloc() noexcept { return s_.alloc; }
  const Cmp& comp() const noexcept { return cmp_; }
  std::size_t spare_leaves() const noexcept { return spare_count(s_.spare_leaves); }
  std::size_t spare_internals() const noexcept { return spare_count(s_.spare_internals); }
  btree_check check() const noexcept { return check_tree(s_, cmp_); }

  // ---- positions ----------------------------------------------------------------------------
  pos end_pos() const noexcept { return s_.root ? pos{s_.root, s_.root->len} : pos{nullptr, 0}; }
  pos begin_pos() const noexcept { return s_.root ? pos{first_leaf(shape_of<P>, s_.root), 0} : pos{nullptr, 0}; }
  pos last_pos() const noexcept {
    if (!s_.root) return {nullptr, 0};
    node_base* l = last_leaf(shape_of<P>, s_.root);
    return {l, l->len - 1u};
  }
  bool is_end(pos p) const noexcept { return p.node == s_.root && p.idx == (s_.root ? s_.root->len : 0u); }
  static K& key_at(pos p) noexcept { return key<P>(p.node, p.idx); }
  static auto value_at(pos p) noexcept { return vals<P>(p.node) + p.idx; }

  // ---- search ------------------------------------------------------------------------------
  template <class Q>
  BARE_ALWAYS_INLINE search_result<P> search(const Q& q) const noexcept {
    if (BARE_UNLIKELY(s_.root == nullptr)) return {{nullptr, 0}, false};
    return search_tree<P>(s_.root, q, cmp_);
  }
  template <class Q>
  pos find_pos(const Q& q) const noexcept {
    const search_result<P> r = search(q);
    return r.found ? r.at : end_pos();
  }
  template <class Q>
  pos lower_bound_pos(const Q& q) const noexcept {
    if (!s_.root) return end_pos();
    return kv_after_edge(leaf_edge_lower<P>(s_.root, q, cmp_));
  }
  template <class Q>
  pos upper_bound_pos(const Q& q) const noexcept {
    if (!s_.root) return end_pos();
    return kv_after_edge(leaf_edge_upper<P>(s_.root, q, cmp_));
  }

  // The leaf edges before the first element inside lo and after the last inside hi, found by
  // descending from the root with both bounds at once. Where the two paths share a node, the
  // lower edge index must not exceed the upper one: if it does (the comparator is not a
  // strict weak order, or lo > hi), panic rather than return a range whose iteration would
  // run past the end. Empty tree: {nullptr, 0} twice.
  template <class L, class H>
  std::pair<pos, pos> range_edges(bound<L> lo, bound<H> hi) const noexcept {
    if (!s_.root) return {pos{nullptr, 0}, pos{nullptr, 0}};
    node_base* a = s_.root;
    node_base* b = s_.root;
    bool same = true;
    for (;;) {
      const std::size_t i = lower_edge_(a, lo), j = upper_edge_(b, hi);
      if (same) {
        if (i > j) panic("bare::btree::range: the range's start is after its end (or the comparator is inconsistent)");
        same = i == j;
      }
      if (a->is_leaf()) return {pos{a, i}, pos{b, j}};
      a = edges<P>(a)[i];
      b = edges<P>(b)[j];
    }
  }
  // The key positions [first, last) of the elements inside the bounds.
  template <class L, class H>
  std::pair<pos, pos> range_pos(bound<L> lo, bound<H> hi) const noexcept {
    if (lo.kind != bound_kind::unbounded && hi.kind != bound_kind::unbounded) {
      if (cmp_(*hi.key, *lo.key)) panic("bare::btree::range: the range's start is greater than its end");
      if (lo.kind == bound_kind::excluded && hi.kind == bound_kind::excluded && !cmp_(*lo.key, *hi.key))
        panic("bare::btree::range: the range's start and end are equal and both excluded");
    }
    return range_kv_(lo, hi);
  }
  template <class Q>
  std::pair<pos, pos> equal_range_pos(const Q& q) const noexcept {
    return range_kv_(bound<Q>{bound_kind::included, &q}, bound<Q>{bound_kind::included, &q});
  }
  // The leaf edge before the first element inside `lo` (Rust's lower_bound cursor) and after
  // the last inside `hi` (upper_bound cursor).
  template <class Q>
  pos lower_cursor_edge(bound<Q> lo) const noexcept {
    if (!s_.root) return {nullptr, 0};
    return descend<P>(s_.root, [&](node_base* n) { return lower_edge_(n, lo); });
  }
  template <class Q>
  pos upper_cursor_edge(bound<Q> hi) const noexcept {
    if (!s_.root) return {nullptr, 0};
    return descend<P>(s_.root, [&](node_base* n) { return upper_edge_(n, hi); });
  }

  // ---- insertion ---------------------------------------------------------------------------
  // `make(slot_ptr<P>)` constructs the new element in its slot; it is called at most once, only
  // after every allocation succeeded (so on failure the caller's arguments are untouched).

  // Inserts at leaf edge e (e.node == nullptr iff the tree is empty). Allocates what
  // plan_insert counts, beyond what the stash holds (may_allocate), or reports
  // alloc_errc::full when the stash holds too few nodes (!may_allocate). On failure nothing
  // changed. Only the gap is made out of line (open_gap_slow): one copy of that, whatever
  // make is.
  template <class Make>
  BARE_ALWAYS_INLINE result<pos> try_insert_at(pos e, Make& make, bool may_allocate = true) noexcept {
    alloc_error error;
    const pos p = insert_at_(e, make, may_allocate, error);
    if (BARE_UNLIKELY(p.node == nullptr)) return err(error);
    return p;
  }
  // The same, never allocating.
  template <class Make>
  result<pos> insert_at_within_capacity(pos e, Make& make) noexcept {
    return try_insert_at(e, make, false);
  }
  // Inserts an element with key q unless one is there. Returns R{position, inserted}: R is a
  // face's insert_result (its `position` is an iterator made from the position).
  template <class R, class Q, class Make>
  BARE_ALWAYS_INLINE result<R> try_insert_unique(const Q& q, Make& make, bool may_allocate = true) noexcept {
    using It = decltype(R::position);
    const search_result<P> r = search(q);
    if (r.found) return R{It(r.at), false};
    alloc_error error;
    const pos p = insert_at_(r.at, make, may_allocate, error);
    if (BARE_UNLIKELY(p.node == nullptr)) return err(error);
    return R{It(p), true};
  }

  // Makes the next n insertions allocation-free: the stash then holds n leaves and
  // n * (height + 1) internal nodes. Why that suffices, whatever the n keys are: each insertion
  // splits at most one leaf, so at most n leaves; a node on level l >= 1 splits only when it
  // receives a separator from a split on level l - 1, so levels 1 .. height - 1 split at most
  // n times each; and the nodes created at and above the root's level number fewer than
  // 1 + (splits on the root's level) <= n + 1, hence at most n (every internal node has two
  // children, so each level above holds at most half the nodes of the one below). Erasing in
  // between only lowers the need. O(nodes allocated); on failure nothing changed.
  result<void> try_reserve(std::size_t n) noexcept {
    if (n == 0) return {};
    const std::size_t levels = s_.root ? s_.root->level + 1u : 1u;
    std::size_t internals = 0;
    if (n > max_object_size / leaf_layout<P>.size || !checked_mul(n, levels, &internals) ||
        internals > max_object_size / internal_layout<P>.size)
      return err(capacity_overflow(internal_layout<P>.align));
    return ensure_spares(shape_of<P>, s_, s_.alloc, n, internals);
  }
  // Frees the stash. O(spares).
  void shrink_to_fit() noexcept { s_.trim_spares(0, 0); }

  // ---- removal -------------------------------------------------------------------------------
  // Removes the element at key position k into `out` (raw storage for one key and value: the
  // caller destroys or keeps it); returns the position of the next one.
  pos remove_at(pos k, slot_ptr<P> out) noexcept {
    check_kv_(k);
    move_slots(out, slot<P>(k.node, k.idx), 1);
    return close_hole_(k);
  }
  // Removes and destroys the element at key position k; returns the position of the next one.
  pos erase_at(pos k) noexcept {
    check_kv_(k);
    destroy_slots(slot<P>(k.node, k.idx), 1);
    return close_hole_(k);
  }
  // Erases [first, last): counts the elements first (the positions move as elements go).
  // Precondition (checked): last is reachable from first.
  pos erase_range(pos first, pos last) noexcept {
    std::size_t n = 0;
    for (pos p = first; p != last; ++n) {
      BARE_ASSERT(!is_end(p), "bare::btree::erase: the range's end is not reachable from its start");
      step_forward<P>(p.node, p.idx);
    }
    pos p = first;
    for (; n > 0; --n) p = erase_at(p);
    return p;
  }
  // Keeps the elements for which keep(pos) is true. O(n * height) worst case.
  template <class Keep>
  void retain(Keep& keep) noexcept {
    pos p = begin_pos();
    while (!is_end(p)) {
      if (keep(p)) step_forward<P>(p.node, p.idx);
      else p = erase_at(p);
    }
  }
  // Destroys every element and frees every node; keeps the stash. O(n).
  void clear() noexcept {
    if (s_.root) destroy_subtree<P>(s_.alloc, s_.root);
    s_.root = nullptr;
    s_.len = 0;
  }

  // ---- whole trees ---------------------------------------------------------------------------

  // A copy: same comparator, a copy of the allocator, the elements cloned (through try_clone
  // where they have it). Allocates the nodes of a compact tree of size() elements (bulk.hpp),
  // all before cloning any element. O(n).
  result<tree> try_clone() const noexcept requires cloneable<K> && (!P::has_values || cloneable<V>) {
    tree out(cmp_, s_.alloc);
    if (s_.root == nullptr) return out;
    clone_source<P> src(begin_pos());
    BARE_TRY(build_tree(out.s_, s_.len, src));
    return out;
  }

  // A tree of the elements of [first, last), which must be sorted and unique by cmp (checked:
  // panics otherwise). The iterator must be multi-pass (it is walked once to count, unless
  // last - first gives the count). Elements are moved if *first is an rvalue, else copied.
  // O(n); allocates every node before taking any element.
  template <class It, class Sent>
  static result<tree> try_from_sorted(It first, Sent last, Cmp cmp, A a) noexcept {
    tree out(static_cast<Cmp&&>(cmp), static_cast<A&&>(a));
    std::size_t n = 0;
    if constexpr (requires { last - first; }) {
      n = static_cast<std::size_t>(last - first);
    } else {
      for (It c = first; !(c == last); ++c) ++n;
    }
    iter_source<P, It, Sent, Cmp> src(static_cast<It&&>(first), last, &out.cmp_);
    BARE_TRY(build_tree(out.s_, n, src));
    return out;
  }

  // Moves every element of other into this tree; on equal keys other's element replaces this
  // one's. Linear: merges both in order into a new compact tree (all its nodes allocated
  // first), then frees the old nodes. When this tree is empty and the allocators are equal,
  // O(1): other's nodes are adopted. On failure both are unchanged.
  result<void> try_append(tree& other) noexcept {
    if (&other == this || other.s_.root == nullptr) return {};
    if (s_.root == nullptr && same_allocator_(other)) {
      s_.root = other.s_.root;
      s_.len = other.s_.len;
      other.s_.root = nullptr;
      other.s_.len = 0;
      return {};
    }
    node_base* a = s_.root;
    node_base* b = other.s_.root;
    std::size_t total = other.s_.len, drops = 0;
    if (a != nullptr) {
      total = merge_source<P, Cmp>::count(a, b, s_.len, other.s_.len, cmp_);
      drops = s_.len + other.s_.len - total;
    }
    tree_state<P, A> fresh(s_.alloc);
    if (a == nullptr) {
      clone_like_move_source_ src{begin_pos_of_(b), other.end_pos()};
      BARE_TRY(build_tree(fresh, total, src));
    } else {
      merge_source<P, Cmp> src(a, b, drops, cmp_);
      BARE_TRY(build_tree(fresh, total, src));
      src.finish();
      free_nodes(s_.alloc, shape_of<P>, a);
    }
    free_nodes(other.s_.alloc, shape_of<P>, b);
    other.s_.root = nullptr;
    other.s_.len = 0;
    s_.root = fresh.root;
    s_.len = fresh.len;
    fresh.root = nullptr;
    return {};
  }

  // Splits off the elements not less than q into a new tree (same comparator, a copy of the
  // allocator). O(height * C) plus counting the lower of the two trees' nodes; allocates
  // height + 1 nodes unless all or none of the elements move. On failure nothing changed.
  template <class Q>
  result<tree> try_split_off(const Q& q) noexcept {
    tree out(cmp_, s_.alloc);
    if (s_.root == nullptr) return out;
    if (!cmp_(key_at(begin_pos()), q)) {  // everything moves
      out.s_.root = s_.root;
      out.s_.len = s_.len;
      s_.root = nullptr;
      s_.len = 0;
      return out;
    }
    if (cmp_(key_at(last_pos()), q)) return out;  // nothing moves
    BARE_TRY(split_tree(s_, out.s_, q, cmp_));
    return out;
  }

  void swap(tree& o) noexcept {
    tree t(static_cast<tree&&>(o));
    o = static_cast<tree&&>(*this);
    *this = static_cast<tree&&>(t);
  }

 private:
  // Moves the elements of another tree out in order (append into an empty tree whose
  // allocator differs).
  struct clone_like_move_source_ {
    pos at, end;
    bool produce(slot_ptr<P> s) noexcept {
      BARE_ASSERT(at != end, "bare::btree::append: source ran dry");
      move_slots(s, slot<P>(at.node, at.idx), 1);
      step_forward<P>(at.node, at.idx);
      return true;
    }
    alloc_error error() const noexcept { return {}; }
  };
  static pos begin_pos_of_(node_base* root) noexcept { return {first_leaf(shape_of<P>, root), 0}; }

  template <class Q>
  std::size_t lower_edge_(node_base* n, bound<Q> lo) const noexcept {
    switch (lo.kind) {
      case bound_kind::included: return lower_bound_in(keys<P>(n), n->len, *lo.key, cmp_);
      case bound_kind::excluded: return upper_bound_in(keys<P>(n), n->len, *lo.key, cmp_);
      case bound_kind::unbounded: break;
    }
    return 0;
  }
  template <class Q>
  std::size_t upper_edge_(node_base* n, bound<Q> hi) const noexcept {
    switch (hi.kind) {
      case bound_kind::included: return upper_bound_in(keys<P>(n), n->len, *hi.key, cmp_);
      case bound_kind::excluded: return lower_bound_in(keys<P>(n), n->len, *hi.key, cmp_);
      case bound_kind::unbounded: break;
    }
    return n->len;
  }
  template <class L, class H>
  std::pair<pos, pos> range_kv_(bound<L> lo, bound<H> hi) const noexcept {
    const std::pair<pos, pos> e = range_edges(lo, hi);
    if (e.first.node == nullptr) return {end_pos(), end_pos()};
    return {kv_after_edge(e.first), kv_after_edge(e.second)};
  }

  // try_insert_at without the result: the position, or {nullptr, 0} with `error` set.
  // (Results are built once, by the callers: at -Os, converting one result into another costs
  // copies of the error.)
  template <class Make>
  BARE_ALWAYS_INLINE pos insert_at_(pos e, Make& make, bool may_allocate, alloc_error& error) noexcept {
    if (BARE_LIKELY(e.node != nullptr && e.node->len < P::capacity)) {
      open_leaf_gap<P>(e.node, e.idx);
    } else {
      pos g{nullptr, 0};  // the gap, if a full leaf made room by rotating (typed, one pass)
#if !defined(__OPTIMIZE_SIZE__)
      if (e.node != nullptr && e.node->parent != nullptr) g = rotate_open_leaf_gap<P>(e.node, e.idx);
#endif
      e = g.node != nullptr ? g : open_gap_slow(shape_of<P>, s_, s_.alloc, e, may_allocate, error);
      if (BARE_UNLIKELY(e.node == nullptr)) return e;
    }
    make(slot<P>(e.node, e.idx));
    ++s_.len;
    return e;
  }

  static void check_kv_(pos k) noexcept {
    BARE_ASSERT(k.node != nullptr && k.idx < k.node->len, "bare::btree: removing at a position that holds no element");
  }
  // Closes the hole left by the element at key position k (moved out or destroyed) and
  // returns the position of the next element: inline for a leaf that keeps enough keys,
  // else remove_hole (remove.hpp).
  BARE_ALWAYS_INLINE pos close_hole_(pos k) noexcept {
    node_base* n = k.node;
    if (n->is_leaf()) {
      close_leaf_gap<P>(n, k.idx);
      --s_.len;
      if (BARE_LIKELY(n->len >= (n->parent != nullptr ? P::min_len : 1u))) return kv_after_edge(k);
    }
    return remove_hole(shape_of<P>, s_, s_.alloc, k);
  }

  bool same_allocator_(const tree& o) const noexcept {
    if constexpr (std::equality_comparable<A>) return s_.alloc == o.s_.alloc;
    else return std::is_empty_v<A>;
  }
  void take_nodes_(tree& o) noexcept {
    s_.root = o.s_.root;
    s_.len = o.s_.len;
    s_.spare_leaves = o.s_.spare_leaves;
    s_.spare_internals = o.s_.spare_internals;
    o.s_.root = nullptr;
    o.s_.len = 0;
    o.s_.spare_leaves = nullptr;
    o.s_.spare_internals = nullptr;
  }
  void release_() noexcept {
    clear();
    s_.trim_spares(0, 0);
  }

  tree_state<P, A> s_;
  [[no_unique_address]] Cmp cmp_;
};

}  // namespace bare::detail::btree
