// bare/detail/btree/container.hpp — the public members btree_map and btree_set share:
// size and reserve, iteration, lookup, ranges, erasing, pop, retain, extract_if, cursors.
// Each face adds what differs (how elements are inserted and what they look like).
//
// Invalidation, for every member below and in both containers: an operation that inserts or
// removes elements invalidates every iterator, cursor and reference (B-tree nodes move
// elements between them), except the iterator it returns; lookups and reserve invalidate
// nothing, except that try_reserve never moves elements at all.
#pragma once

#include <compare>
#include <concepts>
#include <cstddef>
#include <optional>
#include <type_traits>
#include <utility>

#include "bare/alloc/allocator.hpp"
#include "bare/detail/btree/tree.hpp"
#include "bare/detail/pull_range.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"
#include "bare/reverse_iterator.hpp"

namespace bare::detail::btree {

// Face is the public container deriving from this (btree_map / btree_set), which the
// whole-container operations return; it has a private constructor from a tree_t&& and is a
// friend of this class.
template <class P, class Cmp, allocator A, class Face>
class container {
 protected:
  using K = typename P::key_type;
  using V = typename P::mapped_type;
  using tree_t = tree<P, Cmp, A>;
  using pos = handle<P>;
  // What removing an element hands back: (key, value) for a map, the key for a set.
  using owned = std::conditional_t<P::has_values, std::pair<K, std::conditional_t<P::has_values, V, int>>, K>;

  tree_t t_;

  container() noexcept requires std::default_initializable<Cmp> && std::default_initializable<A> = default;
  container(Cmp cmp, A a) noexcept : t_(static_cast<Cmp&&>(cmp), static_cast<A&&>(a)) {}
  explicit container(tree_t&& t) noexcept : t_(static_cast<tree_t&&>(t)) {}

  // The tree of a container (also of a Face, whose t_ is private to it).
  static tree_t& tree_of_(container& c) noexcept { return c.t_; }
  static const tree_t& tree_of_(const container& c) noexcept { return c.t_; }

  static result<Face> face_(result<tree_t>&& t) noexcept {
    if (!t) return err(t.error());
    return Face(static_cast<tree_t&&>(*t));
  }

 public:
  using key_type = K;
  using key_compare = Cmp;
  using allocator_type = A;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  // A set's elements cannot change through an iterator: both of its iterators are const.
  using iterator = btree::iterator<P, !P::has_values>;
  using const_iterator = btree::iterator<P, true>;
  using range_type = iter_range<iterator>;
  using const_range_type = iter_range<const_iterator>;
  // Keys per node (see node.hpp for how the default is chosen).
  static constexpr std::size_t node_capacity = P::capacity;

  // ---- size -------------------------------------------------------------------------------

  // O(1).
  std::size_t size() const noexcept { return t_.size(); }
  bool empty() const noexcept { return t_.empty(); }
  static constexpr std::size_t max_size() noexcept { return max_object_size / sizeof(K); }
  // Levels of nodes (0 when empty). O(1).
  std::size_t height() const noexcept { return t_.height(); }
  // Spare nodes held for allocation-free insertion (try_reserve). O(1).
  std::size_t spare_leaves() const noexcept { return t_.spare_leaves(); }
  std::size_t spare_internals() const noexcept { return t_.spare_internals(); }
  const A& allocator() const noexcept { return t_.alloc(); }
  A& allocator() noexcept { return t_.alloc(); }
  const Cmp& key_comp() const noexcept { return t_.comp(); }
  // Verifies every structural invariant (order by key_comp(), fill bounds, parent links,
  // uniform leaf depth, size()). O(n); never allocates.
  btree_check check() const noexcept { return t_.check(); }

  // Makes the next n insertions (by any inserting operation, including cursors and entries)
  // allocation-free, whatever the keys: keeps n leaves and n * height() internal nodes spare
  // (n for an empty tree; see tree::try_reserve for why that is enough: its "height" is the
  // root's level, height() - 1). Erasing meanwhile only lowers the need. O(nodes allocated);
  // allocates those nodes; invalidates nothing. On failure nothing changed.
  result<void> try_reserve(std::size_t n) noexcept { return t_.try_reserve(n); }
#if BARE_OOM_HANDLING
  void reserve(std::size_t n) noexcept { unwrap_or_handle(try_reserve(n)); }
#endif
  // Frees the spare nodes. O(spares); invalidates nothing.
  void shrink_to_fit() noexcept { t_.shrink_to_fit(); }

  // ---- iteration --------------------------------------------------------------------------

  // In key order. begin() is O(height), end() O(1); ++/-- amortised O(1).
  iterator begin() noexcept { return iterator(t_.begin_pos()); }
  const_iterator begin() const noexcept { return const_iterator(t_.begin_pos()); }
  const_iterator cbegin() const noexcept { return begin(); }
  iterator end() noexcept { return iterator(t_.end_pos()); }
  const_iterator end() const noexcept { return const_iterator(t_.end_pos()); }
  // Last to first: reverse_iterator over the iterators above (rbegin() is end()'s position).
  // O(1) (as begin() / end()); never allocate; valid as long as those iterators are.
  reverse_iterator<iterator> rbegin() noexcept { return reverse_iterator<iterator>(end()); }
  reverse_iterator<const_iterator> rbegin() const noexcept { return reverse_iterator<const_iterator>(end()); }
  reverse_iterator<const_iterator> crbegin() const noexcept { return rbegin(); }
  reverse_iterator<iterator> rend() noexcept { return reverse_iterator<iterator>(begin()); }
  reverse_iterator<const_iterator> rend() const noexcept { return reverse_iterator<const_iterator>(begin()); }
  reverse_iterator<const_iterator> crend() const noexcept { return rend(); }
  const_iterator cend() const noexcept { return end(); }

  // ---- lookup (O(height * log C); never allocate) -------------------------------------------
  // Every key argument may be a key_type, anything the comparator compares with keys when it
  // is transparent (has is_transparent: heterogeneous lookup), or anything that converts to
  // key_type (converted once).

  template <lookup_arg<K, Cmp> Q>
  BARE_ALWAYS_INLINE iterator find(const Q& q) noexcept {
    return iterator(t_.find_pos(lookup_key<K, Cmp>(q)));
  }
  template <lookup_arg<K, Cmp> Q>
  BARE_ALWAYS_INLINE const_iterator find(const Q& q) const noexcept {
    return const_iterator(t_.find_pos(lookup_key<K, Cmp>(q)));
  }
  template <lookup_arg<K, Cmp> Q>
  BARE_ALWAYS_INLINE bool contains(const Q& q) const noexcept {
    return t_.search(lookup_key<K, Cmp>(q)).found;
  }
  template <lookup_arg<K, Cmp> Q>
  std::size_t count(const Q& q) const noexcept {
    return contains(q) ? 1 : 0;
  }
  // The first element not less than q / greater than q.
  template <lookup_arg<K, Cmp> Q>
  iterator lower_bound(const Q& q) noexcept {
    return iterator(t_.lower_bound_pos(lookup_key<K, Cmp>(q)));
  }
  template <lookup_arg<K, Cmp> Q>
  const_iterator lower_bound(const Q& q) const noexcept {
    return const_iterator(t_.lower_bound_pos(lookup_key<K, Cmp>(q)));
  }
  template <lookup_arg<K, Cmp> Q>
  iterator upper_bound(const Q& q) noexcept {
    return iterator(t_.upper_bound_pos(lookup_key<K, Cmp>(q)));
  }
  template <lookup_arg<K, Cmp> Q>
  const_iterator upper_bound(const Q& q) const noexcept {
    return const_iterator(t_.upper_bound_pos(lookup_key<K, Cmp>(q)));
  }
  // [lower_bound(q), upper_bound(q)), found in one descent.
  template <lookup_arg<K, Cmp> Q>
  range_type equal_range(const Q& q) noexcept {
    const auto r = t_.equal_range_pos(lookup_key<K, Cmp>(q));
    return {iterator(r.first), iterator(r.second)};
  }
  template <lookup_arg<K, Cmp> Q>
  const_range_type equal_range(const Q& q) const noexcept {
    const auto r = t_.equal_range_pos(lookup_key<K, Cmp>(q));
    return {const_iterator(r.first), const_iterator(r.second)};
  }
  // The elements between two bounds (bare::included(k), bare::excluded(k), bare::unbounded),
  // usable in range-for. Preconditions (checked, as Rust's range): start <= end, and not both
  // excluded and equal; a comparator that is not a strict weak order also panics rather than
  // produce a range that runs past its end. O(height * log C).
  template <class L = K, class H = K>
  range_type range(bound<L> lo, bound<H> hi) noexcept {
    const auto r = t_.range_pos(lo, hi);
    return {iterator(r.first), iterator(r.second)};
  }
  template <class L = K, class H = K>
  const_range_type range(bound<L> lo, bound<H> hi) const noexcept {
    const auto r = t_.range_pos(lo, hi);
    return {const_iterator(r.first), const_iterator(r.second)};
  }
  template <class L = K>
  range_type range(bound<L> lo, unbounded_t) noexcept {
    return range(lo, bound<L>{bound_kind::unbounded, nullptr});
  }
  template <class L = K>
  const_range_type range(bound<L> lo, unbounded_t) const noexcept {
    return range(lo, bound<L>{bound_kind::unbounded, nullptr});
  }
  template <class H = K>
  range_type range(unbounded_t, bound<H> hi) noexcept {
    return range(bound<H>{bound_kind::unbounded, nullptr}, hi);
  }
  template <class H = K>
  const_range_type range(unbounded_t, bound<H> hi) const noexcept {
    return range(bound<H>{bound_kind::unbounded, nullptr}, hi);
  }
  range_type range(unbounded_t, unbounded_t) noexcept { return {begin(), end()}; }
  const_range_type range(unbounded_t, unbounded_t) const noexcept { return {begin(), end()}; }

  // ---- erasing (never allocate; invalidate everything but the returned iterator) ------------

  // Erases the element with key q, if any; returns how many were erased (0 or 1).
  // O(height * C).
  template <lookup_arg<K, Cmp> Q>
  std::size_t erase(const Q& q) noexcept {
    const search_result<P> r = t_.search(lookup_key<K, Cmp>(q));
    if (!r.found) return 0;
    t_.erase_at(r.at);
    return 1;
  }
  // Erases the element at it and returns the iterator to the one after it.
  // Precondition (checked): it is an element of this container (not end()).
  iterator erase(const_iterator it) noexcept { return iterator(t_.erase_at(it.pos_())); }
  iterator erase(iterator it) noexcept requires P::has_values { return iterator(t_.erase_at(it.pos_())); }
  // Erases [first, last); returns last's new position. O(k * height * C) for k elements.
  // Precondition (checked): last is reachable from first.
  iterator erase(const_iterator first, const_iterator last) noexcept {
    return iterator(t_.erase_range(first.pos_(), last.pos_()));
  }
  // Destroys every element and frees every node (the spare nodes stay). O(n).
  void clear() noexcept { t_.clear(); }

  // Removes and returns the first / last element (nullopt if empty). O(height * C).
  std::optional<owned> pop_first() noexcept { return t_.empty() ? std::nullopt : take_(t_.begin_pos()); }
  std::optional<owned> pop_last() noexcept { return t_.empty() ? std::nullopt : take_(t_.last_pos()); }

 protected:
  // Removes the element at key position p and returns it.
  std::optional<owned> take_(pos p) noexcept {
    kv_temp<P> tmp;
    t_.remove_at(p, tmp.slot());
    return own_(tmp);
  }
  static std::optional<owned> own_(kv_temp<P>& tmp) noexcept {
    const slot_ptr<P> s = tmp.slot();
    std::optional<owned> out;
    if constexpr (P::has_values) out.emplace(static_cast<K&&>(*s.k), static_cast<V&&>(*s.v));
    else out.emplace(static_cast<K&&>(*s.k));
    destroy_slots(s, 1);
    return out;
  }

  // extract_if for both faces: Pred is called as pred(const K&, V&) for a map, pred(const K&)
  // for a set.
  template <class Pred>
  static bool test_(Pred& pred, pos p) noexcept {
    if constexpr (P::has_values) return pred(static_cast<const K&>(tree_t::key_at(p)), *tree_t::value_at(p));
    else return pred(static_cast<const K&>(tree_t::key_at(p)));
  }

 public:
  // Keeps the elements for which pred is true (pred(const K&, V&) for a map, pred(const K&)
  // for a set), in order. O(n * height) worst case; never allocates.
  template <class Pred>
  void retain(Pred pred) noexcept {
    auto keep = [&pred](pos p) { return test_(pred, p); };
    t_.retain(keep);
  }

  // A range that visits the elements for which pred is true, in order, and removes each one
  // when it reaches it (Rust's extract_if). Dereferencing gives the removed element (a
  // std::pair<K, V>& for a map, K& for a set), which may be moved from; it is destroyed when
  // the iteration moves on. Elements not reached when the range is destroyed stay. The
  // container must not be used while the range lives. Never allocates.
  template <class Pred>
  class extract_if_range : public pull_range<extract_if_range<Pred>, owned> {
   private:
    friend class container;
    friend class pull_range<extract_if_range, owned>;
    owned* current_() noexcept { return held_ ? &*held_ : nullptr; }
    extract_if_range(container* c, Pred pred) noexcept : c_(c), at_(c->t_.begin_pos()), pred_(static_cast<Pred&&>(pred)) {}
    void advance_() noexcept {
      held_.reset();
      while (!c_->t_.is_end(at_)) {
        if (test_(pred_, at_)) {
          kv_temp<P> tmp;
          at_ = c_->t_.remove_at(at_, tmp.slot());
          held_ = own_(tmp);
          return;
        }
        step_forward<P>(at_.node, at_.idx);
      }
    }
    container* c_;
    pos at_;
    Pred pred_;
    std::optional<owned> held_;
  };
  template <class Pred>
  [[nodiscard]] extract_if_range<Pred> extract_if(Pred pred) noexcept {
    return extract_if_range<Pred>(this, static_cast<Pred&&>(pred));
  }

  // ---- whole containers ------------------------------------------------------------------

  // A copy (same comparator, a copy of the allocator), in a compact tree. O(n); allocates its
  // nodes, all before any element is copied (plus what cloning elements allocates: elements
  // with try_clone are cloned through it, so their failures surface here).
  result<Face> try_clone() const noexcept requires cloneable<K> && (!P::has_values || cloneable<V>) {
    return face_(t_.try_clone());
  }
  // A container of the elements of [first, last), sorted by key with unique keys (checked:
  // panics otherwise): pair-likes (.first, .second) for a map, keys for a set. Moved from if
  // *first is an rvalue (a move iterator), else copied. The iterator must be multi-pass
  // unless last - first is defined. O(n), into a compact tree; all nodes are allocated before
  // any element is taken, so on failure the input is untouched.
  template <class It, class Sent>
  static result<Face> try_from_sorted(It first, Sent last, Cmp cmp = Cmp(), A a = A()) noexcept {
    return face_(tree_t::try_from_sorted(static_cast<It&&>(first), last, static_cast<Cmp&&>(cmp), static_cast<A&&>(a)));
  }
  // Moves the elements with keys not less than k into a new container (same comparator, a
  // copy of the allocator) and returns it. O(height * C) plus counting one side's nodes;
  // allocates height() nodes (one per level) unless all or none of the elements move. On
  // failure nothing changed.
  template <lookup_arg<K, Cmp> Q>
  result<Face> try_split_off(const Q& k) noexcept {
    return face_(t_.try_split_off(lookup_key<K, Cmp>(k)));
  }
  // Moves every element of other into this container; for equal keys other's element
  // replaces this one's. other is left empty. O(n + m): a linear merge into a new compact tree
  // (its nodes allocated first), or O(1) when this one is empty and the allocators are equal.
  // On failure both are unchanged.
  result<void> try_append(Face& other) noexcept { return t_.try_append(tree_of_(other)); }
#if BARE_OOM_HANDLING
  Face clone() const noexcept requires cloneable<K> && (!P::has_values || cloneable<V>) {
    return unwrap_or_handle(try_clone());
  }
  template <class It, class Sent>
  static Face from_sorted(It first, Sent last, Cmp cmp = Cmp(), A a = A()) noexcept {
    return unwrap_or_handle(try_from_sorted(static_cast<It&&>(first), last, static_cast<Cmp&&>(cmp), static_cast<A&&>(a)));
  }
  template <lookup_arg<K, Cmp> Q>
  Face split_off(const Q& k) noexcept {
    return unwrap_or_handle(try_split_off(k));
  }
  void append(Face& other) noexcept { unwrap_or_handle(try_append(other)); }
#endif

  // Exchanges contents, comparators and allocators. O(1).
  void swap(Face& o) noexcept { t_.swap(tree_of_(o)); }
  friend void swap(Face& a, Face& b) noexcept { a.swap(b); }

  // Element-wise: the same size and equal elements (key, and value for a map) in order. O(n).
  friend bool operator==(const Face& a, const Face& b) noexcept
    requires std::equality_comparable<K> && (!P::has_values || std::equality_comparable<V>)
  {
    if (a.size() != b.size()) return false;
    pos j = tree_of_(b).begin_pos();
    for (pos i = tree_of_(a).begin_pos(); !tree_of_(a).is_end(i);
         step_forward<P>(i.node, i.idx), step_forward<P>(j.node, j.idx)) {
      if (!(tree_t::key_at(i) == tree_t::key_at(j))) return false;
      if constexpr (P::has_values)
        if (!(*tree_t::value_at(i) == *tree_t::value_at(j))) return false;
    }
    return true;
  }
  // Lexicographic over the elements (key, then value for a map). O(n).
  friend auto operator<=>(const Face& a, const Face& b) noexcept
    requires std::three_way_comparable<K> && (!P::has_values || std::three_way_comparable<V>)
  {
    using R = typename order_of_<P::has_values>::type;
    const tree_t &x = tree_of_(a), &y = tree_of_(b);
    pos i = x.begin_pos(), j = y.begin_pos();
    for (; !x.is_end(i) && !y.is_end(j); step_forward<P>(i.node, i.idx), step_forward<P>(j.node, j.idx)) {
      if (auto c = tree_t::key_at(i) <=> tree_t::key_at(j); c != 0) return static_cast<R>(c);
      if constexpr (P::has_values)
        if (auto c = *tree_t::value_at(i) <=> *tree_t::value_at(j); c != 0) return static_cast<R>(c);
    }
    return static_cast<R>(a.size() <=> b.size());
  }

 private:
  template <bool WithValues, class = void>
  struct order_of_ {
    using type = std::compare_three_way_result_t<K>;
  };
  template <class Unused>
  struct order_of_<true, Unused> {
    using type = std::common_comparison_category_t<std::compare_three_way_result_t<K>, std::compare_three_way_result_t<V>>;
  };

 public:
  // ---- cursors (Rust's BTreeMap cursors) ---------------------------------------------------
  //
  // A cursor rests in a gap between two elements (or before the first / after the last).
  // peek_next / peek_prev look at the neighbours; next / prev move over one and return it. A
  // mutable cursor also inserts into its gap (insert_after: the new element follows the
  // cursor; insert_before: it precedes it) and removes a neighbour. An inserted key must sort
  // strictly between the gap's neighbours (checked: panics otherwise), so the order holds.
  // Each operation is O(height) (inserting and removing O(height * C)); inserting allocates
  // like any insertion (try_ twins with the strong guarantee; try_reserve makes them
  // allocation-free). A cursor's own edits keep it valid; any other change to the container
  // invalidates it.
  using element_ref = std::conditional_t<P::has_values, std::optional<typename iterator::reference>, const K*>;
  using const_element_ref = std::conditional_t<P::has_values, std::optional<typename const_iterator::reference>, const K*>;

  template <bool Mut>
  class basic_cursor {
    using owner = std::conditional_t<Mut, container, const container>;
    using ref = std::conditional_t<Mut, element_ref, const_element_ref>;

   public:
    // The element after / before the gap, or none.
    ref peek_next() const noexcept { return element_(after_()); }
    ref peek_prev() const noexcept { return element_(before_()); }
    // Moves over the next / previous element and returns it (none: the cursor stays).
    ref next() noexcept {
      const pos k = after_();
      if (k.node == nullptr) return ref{};
      e_ = edge_after_kv(shape_of<P>, k);
      return element_(k);
    }
    ref prev() noexcept {
      const pos k = before_();
      if (k.node == nullptr) return ref{};
      e_ = edge_before_kv(shape_of<P>, k);
      return element_(k);
    }
    // A read-only cursor at the same gap.
    basic_cursor<false> as_cursor() const noexcept { return basic_cursor<false>(c_, e_); }

    // Inserts an element (key k; for a map, value constructed from va) into the gap; after it
    // the cursor is before the new element (insert_after) or after it (insert_before).
    // Precondition (checked): prev < k < next. On failure nothing changed.
    template <class... VA>
    result<void> try_insert_after(const K& k, VA&&... va) noexcept requires Mut {
      return insert_(true, k, static_cast<VA&&>(va)...);
    }
    template <class... VA>
    result<void> try_insert_after(K&& k, VA&&... va) noexcept requires Mut {
      return insert_(true, static_cast<K&&>(k), static_cast<VA&&>(va)...);
    }
    template <class... VA>
    result<void> try_insert_before(const K& k, VA&&... va) noexcept requires Mut {
      return insert_(false, k, static_cast<VA&&>(va)...);
    }
    template <class... VA>
    result<void> try_insert_before(K&& k, VA&&... va) noexcept requires Mut {
      return insert_(false, static_cast<K&&>(k), static_cast<VA&&>(va)...);
    }
#if BARE_OOM_HANDLING
    template <class KK, class... VA>
    void insert_after(KK&& k, VA&&... va) noexcept requires Mut {
      unwrap_or_handle(try_insert_after(static_cast<KK&&>(k), static_cast<VA&&>(va)...));
    }
    template <class KK, class... VA>
    void insert_before(KK&& k, VA&&... va) noexcept requires Mut {
      unwrap_or_handle(try_insert_before(static_cast<KK&&>(k), static_cast<VA&&>(va)...));
    }
#endif
    // Removes the element after / before the gap and returns it (none if there is none); the
    // cursor stays in the gap where it was. Never allocates.
    std::optional<owned> remove_next() noexcept requires Mut {
      const pos k = after_();
      if (k.node == nullptr) return std::nullopt;
      return remove_(k);
    }
    std::optional<owned> remove_prev() noexcept requires Mut {
      const pos k = before_();
      if (k.node == nullptr) return std::nullopt;
      return remove_(k);
    }

   private:
    friend class container;
    template <bool>
    friend class basic_cursor;
    basic_cursor(owner* c, pos e) noexcept : c_(c), e_(e) {}

    pos after_() const noexcept {
      if (e_.node == nullptr) return {nullptr, 0};
      const pos k = kv_after_edge(e_);
      return k.idx < k.node->len ? k : pos{nullptr, 0};
    }
    pos before_() const noexcept { return e_.node == nullptr ? pos{nullptr, 0} : kv_before_edge(e_); }
    static ref element_(pos k) noexcept {
      if (k.node == nullptr) return ref{};
      if constexpr (P::has_values) return ref(std::in_place, key<P>(k.node, k.idx), vals<P>(k.node)[k.idx]);
      else return &key<P>(k.node, k.idx);
    }
    template <class KK, class... VA>
    result<void> insert_(bool after, KK&& k, VA&&... va) noexcept {
      static_assert(sizeof...(VA) == (P::has_values ? 1u : 0u) || P::has_values,
                    "bare::btree_set cursors insert a key only");
      const Cmp& cmp = c_->t_.comp();
      const pos lo = before_(), hi = after_();
      if ((lo.node != nullptr && !cmp(tree_t::key_at(lo), k)) || (hi.node != nullptr && !cmp(k, tree_t::key_at(hi))))
        panic("bare::btree cursor: the key does not sort strictly between the cursor's neighbours");
      auto make = [&](slot_ptr<P> s) noexcept {
        ::new (static_cast<void*>(s.k)) K(static_cast<KK&&>(k));
        if constexpr (P::has_values) ::new (static_cast<void*>(s.v)) V(static_cast<VA&&>(va)...);
      };
      auto r = c_->t_.try_insert_at(e_, make);
      if (!r) return err(r.error());
      e_ = after ? *r : pos{r->node, r->idx + 1};
      return {};
    }
    std::optional<owned> remove_(pos k) noexcept {
      kv_temp<P> tmp;
      const pos next = c_->t_.remove_at(k, tmp.slot());
      e_ = next.node == nullptr ? pos{nullptr, 0} : edge_before_kv(shape_of<P>, next);
      return own_(tmp);
    }

    owner* c_;
    pos e_;  // a leaf edge; {nullptr, 0} iff the container is empty
  };
  using cursor = basic_cursor<false>;
  using cursor_mut = basic_cursor<true>;

  // A cursor in the gap before the first element inside `lo` (included(k): first >= k;
  // excluded(k): first > k; unbounded: before the first element). O(height * log C).
  template <class Q = K>
  cursor_mut lower_bound_cursor(bound<Q> lo) noexcept {
    return cursor_mut(this, t_.lower_cursor_edge(lo));
  }
  template <class Q = K>
  cursor lower_bound_cursor(bound<Q> lo) const noexcept {
    return cursor(this, t_.lower_cursor_edge(lo));
  }
  cursor_mut lower_bound_cursor(unbounded_t) noexcept { return lower_bound_cursor(bound<K>{bound_kind::unbounded, nullptr}); }
  cursor lower_bound_cursor(unbounded_t) const noexcept {
    return lower_bound_cursor(bound<K>{bound_kind::unbounded, nullptr});
  }
  // A cursor in the gap after the last element inside `hi` (included(k): last <= k;
  // excluded(k): last < k; unbounded: after the last element).
  template <class Q = K>
  cursor_mut upper_bound_cursor(bound<Q> hi) noexcept {
    return cursor_mut(this, t_.upper_cursor_edge(hi));
  }
  template <class Q = K>
  cursor upper_bound_cursor(bound<Q> hi) const noexcept {
    return cursor(this, t_.upper_cursor_edge(hi));
  }
  cursor_mut upper_bound_cursor(unbounded_t) noexcept { return upper_bound_cursor(bound<K>{bound_kind::unbounded, nullptr}); }
  cursor upper_bound_cursor(unbounded_t) const noexcept {
    return upper_bound_cursor(bound<K>{bound_kind::unbounded, nullptr});
  }
};

}  // namespace bare::detail::btree
