// bare/detail/btree/bulk.hpp — building a whole tree from n elements in order, in O(n):
// construction from sorted input, clone, and append's merge.
//
// The shape depends on n only, so every node is allocated before any element moves (a
// failure changes nothing and consumes no input):
//   leaves  L0 = ceil((n + 1) / (C + 1)): each leaf but the last is followed by a separator;
//           the n - (L0 - 1) leaf keys are spread evenly (each leaf gets base or base + 1);
//   level l+1: N = ceil(N_l / (C + 1)) nodes share the N_l children of level l evenly;
//   up to a single root.
// Evenly spread, every non-root node holds at least min_len keys (the proof: with N >= 2
// nodes, N_l > (N - 1)(C + 1), so each gets at least floor((C + 1) / 2) children), and the
// leaves are nearly full: the tree is as compact and as shallow as a B-tree can be.
//
// Elements come from a source: produce(slot) constructs the next element in the slot and
// returns false if that failed (cloning an element whose copy allocates); then the partial
// tree, which is kept consistent at every step, is destroyed and the error returned.
#pragma once

#include <cstddef>
#include <cstdint>

#include "bare/detail/btree/navigate.hpp"
#include "bare/detail/btree/node.hpp"
#include "bare/detail/clone.hpp"

namespace bare::detail::btree {

template <class P>
struct tree_shape {
  std::size_t levels = 0;  // 0: the empty tree
  std::size_t nodes[P::max_levels] = {};
  std::size_t internals() const noexcept {
    std::size_t s = 0;
    for (std::size_t l = 1; l < levels; ++l) s += nodes[l];
    return s;
  }
};

template <class P>
tree_shape<P> shape_for(std::size_t n) noexcept {
  constexpr std::size_t fan = P::capacity + 1;
  tree_shape<P> s;
  if (n == 0) return s;
  std::size_t count = n / fan + 1;  // ceil((n + 1) / fan)
  s.nodes[0] = count;
  s.levels = 1;
  while (count > 1) {
    count = count / fan + (count % fan != 0);
    s.nodes[s.levels++] = count;
  }
  return s;
}

// A list of node blocks allocated up front for a build (the same links as the stash).
struct node_supply {
  void* leaves = nullptr;
  void* internals = nullptr;

  template <allocator A, class Shape>
  result<void> fill(A& a, const node_shape& s, const Shape& need) noexcept {
    return push_new_nodes(a, s, leaves, need.levels ? need.nodes[0] : 0, internals, need.internals());
  }
  node_base* take_leaf() noexcept { return new_node(pop_spare(leaves), 0); }
  node_base* take_internal(std::size_t level) noexcept { return new_node(pop_spare(internals), level); }
  template <allocator A>
  void release(A& a, const node_shape& s) noexcept {
    free_spares(a, leaves, spare_count(leaves), s.leaf);
    free_spares(a, internals, spare_count(internals), s.internal);
  }
};

template <class P, allocator A, class Source>
class tree_builder {
 public:
  tree_builder(const tree_shape<P>& s, node_supply& supply, Source& src, std::size_t n) noexcept
      : s_(s), supply_(supply), src_(src) {
    const std::size_t leaf_keys = n - (s.nodes[0] - 1);
    leaf_base_ = leaf_keys / s.nodes[0];
    leaf_extra_ = leaf_keys % s.nodes[0];
  }

  // Builds the whole tree; ok_ says whether every element was produced (if not, the returned
  // partial tree is consistent and must be destroyed).
  node_base* build() noexcept { return build_(s_.levels - 1); }
  bool ok() const noexcept { return ok_; }

 private:
  node_base* build_(std::size_t level) noexcept {
    const std::size_t j = next_[level]++;
    if (level == 0) {
      node_base* leaf = supply_.take_leaf();
      const std::size_t k = leaf_base_ + (j < leaf_extra_ ? 1 : 0);
      for (std::size_t r = 0; r < k; ++r) {
        if (!src_.produce(slot<P>(leaf, r))) {
          ok_ = false;
          return leaf;
        }
        leaf->len = static_cast<std::uint16_t>(r + 1);
      }
      return leaf;
    }
    node_base* node = supply_.take_internal(level);
    const std::size_t below = s_.nodes[level - 1], here = s_.nodes[level];
    const std::size_t children = below / here + (j < below % here ? 1 : 0);
    edges<P>(node)[0] = build_(level - 1);
    fix_links(shape_of<P>, node, 0, 1);
    for (std::size_t c = 1; ok_ && c < children; ++c) {
      if (!src_.produce(slot<P>(node, c - 1))) {
        ok_ = false;
        break;
      }
      edges<P>(node)[c] = build_(level - 1);
      node->len = static_cast<std::uint16_t>(c);
      fix_links(shape_of<P>, node, c, c + 1);
    }
    return node;
  }

  const tree_shape<P>& s_;
  node_supply& supply_;
  Source& src_;
  std::size_t leaf_base_ = 0, leaf_extra_ = 0;
  std::size_t next_[P::max_levels] = {};
  bool ok_ = true;
};

// Builds a tree of exactly n elements from src into t (which must be empty). On failure
// (allocation, or src failing) t is still empty, everything built is freed, and the error is
// returned; src may have produced (and then lost) some elements only if src itself failed.
template <class P, allocator A, class Source>
result<void> build_tree(tree_state<P, A>& t, std::size_t n, Source& src) noexcept {
  if (n == 0) return {};
  const tree_shape<P> s = shape_for<P>(n);
  node_supply supply;
  BARE_TRY(supply.fill(t.alloc, shape_of<P>, s));
  tree_builder<P, A, Source> b(s, supply, src, n);
  node_base* root = b.build();
  if (!b.ok()) {
    destroy_subtree<P>(t.alloc, root);
    supply.release(t.alloc, shape_of<P>);
    return err(src.error());
  }
  BARE_ASSERT(supply.leaves == nullptr && supply.internals == nullptr, "bare::btree: bulk build left nodes over");
  t.root = root;
  t.len = n;
  return {};
}


// ---- sources ----------------------------------------------------------------------------------

// Constructs *dst from x: an rvalue is moved, an lvalue of type T is cloned (through
// try_clone when T has one, so that can fail), any other lvalue converted.
template <class T, class U>
result<void> construct_from(T* dst, U&& x) noexcept {
  if constexpr (std::is_lvalue_reference_v<U> && std::is_same_v<std::remove_cvref_t<U>, T>) {
    return clone_into(dst, x);
  } else {
    ::new (static_cast<void*>(dst)) T(static_cast<U&&>(x));
    return {};
  }
}

// Constructs slot s from element e: for a map, e is pair-like (.first, .second); for a set,
// e is the key. Forwarding e moves from it if it is an rvalue (a move iterator), else copies.
template <class P, class E>
result<void> construct_slot(slot_ptr<P> s, E&& e) noexcept {
  if constexpr (P::has_values) {
    BARE_TRY(construct_from(s.k, static_cast<E&&>(e).first));
    auto r = construct_from(s.v, static_cast<E&&>(e).second);
    if (!r) {
      destroy_n(s.k, 1);
      return err(r.error());
    }
    return {};
  } else {
    return construct_from(s.k, static_cast<E&&>(e));
  }
}

// The elements of [it, end) in order; with a comparator, checks (always) that each key is
// greater than the one before (panics otherwise: the input must be sorted and unique).
template <class P, class It, class Sent, class Cmp>
class iter_source {
 public:
  iter_source(It it, Sent end, const Cmp* order) noexcept : it_(static_cast<It&&>(it)), end_(end), order_(order) {}
  bool produce(slot_ptr<P> s) noexcept {
    BARE_ASSERT(!(it_ == end_), "bare::btree: the input range ended early (its length changed)");
    auto r = construct_slot<P>(s, *it_);
    if (!r) {
      err_ = r.error();
      return false;
    }
    if (order_ != nullptr) {
      if (prev_ != nullptr && !(*order_)(*prev_, *s.k))
        panic("bare::btree::try_from_sorted: input keys are not strictly increasing");
      prev_ = s.k;
    }
    ++it_;
    return true;
  }
  alloc_error error() const noexcept { return err_; }

 private:
  It it_;
  Sent end_;
  const Cmp* order_;
  const typename P::key_type* prev_ = nullptr;
  alloc_error err_{};
};

// Copies of the elements of a tree, in order (clone).
template <class P>
class clone_source {
 public:
  explicit clone_source(node_pos first) noexcept : at_(first) {}
  bool produce(slot_ptr<P> s) noexcept {
    node_base* n = at_.node;
    result<void> r;
    if constexpr (P::has_values) {
      struct ref {
        const typename P::key_type& first;
        const typename P::mapped_type& second;
      };
      r = construct_slot<P>(s, ref{key<P>(n, at_.idx), vals<P>(n)[at_.idx]});
    } else {
      r = construct_slot<P>(s, static_cast<const typename P::key_type&>(key<P>(n, at_.idx)));
    }
    if (!r) {
      err_ = r.error();
      return false;
    }
    step_forward<P>(at_.node, at_.idx);
    return true;
  }
  alloc_error error() const noexcept { return err_; }

 private:
  node_pos at_;
  alloc_error err_{};
};

// The union of two trees' elements, moved out of them in order (append). On equal keys the
// element of b wins and a's is destroyed, but at most `drops` times: a comparator that is not a
// strict weak order may see other "equal" pairs than the counting pass did, and capping the
// drops keeps the number of elements at least what was counted, so the build never runs dry.
// finish() destroys whatever was not taken (there may be some for the same reason).
template <class P, class Cmp>
class merge_source {
 public:
  merge_source(node_base* a_root, node_base* b_root, std::size_t drops, const Cmp& cmp) noexcept
      : a_{first_leaf(shape_of<P>, a_root), 0}, b_{first_leaf(shape_of<P>, b_root), 0}, a_end_{a_root, a_root->len},
        b_end_{b_root, b_root->len}, drops_(drops), cmp_(cmp) {}

  // How many elements the merge yields, with the same decisions produce() makes (drops
  // unlimited). O(n + m) comparisons.
  static std::size_t count(node_base* a_root, node_base* b_root, std::size_t n, std::size_t m,
                           const Cmp& cmp) noexcept {
    node_pos a{first_leaf(shape_of<P>, a_root), 0}, b{first_leaf(shape_of<P>, b_root), 0};
    const node_pos ae{a_root, a_root->len}, be{b_root, b_root->len};
    std::size_t equal = 0;
    while (a != ae && b != be) {
      const auto& x = key<P>(a.node, a.idx);
      const auto& y = key<P>(b.node, b.idx);
      if (cmp(x, y)) {
        step_forward<P>(a.node, a.idx);
      } else if (cmp(y, x)) {
        step_forward<P>(b.node, b.idx);
      } else {
        ++equal;
        step_forward<P>(a.node, a.idx);
        step_forward<P>(b.node, b.idx);
      }
    }
    return n + m - equal;
  }

  bool produce(slot_ptr<P> s) noexcept {
    for (;;) {
      const bool a_done = a_ == a_end_, b_done = b_ == b_end_;
      BARE_ASSERT(!(a_done && b_done), "bare::btree::append: merge ran dry");
      if (b_done) return take_(a_, s);
      if (a_done) return take_(b_, s);
      const auto& x = key<P>(a_.node, a_.idx);
      const auto& y = key<P>(b_.node, b_.idx);
      if (cmp_(x, y)) return take_(a_, s);
      if (cmp_(y, x)) return take_(b_, s);
      if (drops_ == 0) return take_(a_, s);
      --drops_;
      destroy_slots(slot<P>(a_.node, a_.idx), 1);
      step_forward<P>(a_.node, a_.idx);
    }
  }
  alloc_error error() const noexcept { return {}; }  // moving never fails

  // Destroys the elements not taken.
  void finish() noexcept {
    for (; a_ != a_end_; step_forward<P>(a_.node, a_.idx)) destroy_slots(slot<P>(a_.node, a_.idx), 1);
    for (; b_ != b_end_; step_forward<P>(b_.node, b_.idx)) destroy_slots(slot<P>(b_.node, b_.idx), 1);
  }

 private:
  static bool take_(node_pos& h, slot_ptr<P> s) noexcept {
    move_slots(s, slot<P>(h.node, h.idx), 1);
    step_forward<P>(h.node, h.idx);
    return true;
  }
  node_pos a_, b_;
  const node_pos a_end_, b_end_;
  std::size_t drops_;
  const Cmp& cmp_;
};

}  // namespace bare::detail::btree
