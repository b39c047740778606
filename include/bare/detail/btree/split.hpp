// bare/detail/btree/split.hpp — split_off: cutting a tree in two at a key in O(height * C)
// plus counting one side, and repairing the borders the cut leaves thin.
//
// The cut follows the search path of the key. At each level the node on the path keeps its
// keys before the cut and the edge to the child being cut; a new node (one per level: the
// height + 1 nodes are allocated before anything changes) takes the keys from the cut on and
// the edges after it, with the right part of the cut child as its edge 0. Afterwards the
// nodes along the left tree's right border and the right tree's left border may hold fewer
// than min_len keys, even none. fix_border walks down a border making each border
// child hold at least min_len + 1 keys, by merging it into its sibling when they fit in one
// node, otherwise by rotating keys over from the sibling; the extra key lets the child lose
// one to a merge one level down and still hold min_len. Roots left without keys are removed
// (fix_top). Only merges free nodes; nothing allocates.
//
// Element counts: the side with the smaller height is counted (O(its nodes)), as Rust does.
#pragma once

#include <cstddef>

#include "bare/detail/btree/bulk.hpp"
#include "bare/detail/btree/node.hpp"
#include "bare/detail/btree/search.hpp"

namespace bare::detail::btree {

// Removes roots that hold no key: an internal one is replaced by its only child, a leaf
// makes the tree empty.
template <class P, allocator A>
void fix_top(tree_state<P, A>& t) noexcept {
  while (t.root != nullptr && t.root->len == 0) {
    leaf_node<P>* n = t.root;
    if (n->is_leaf()) {
      t.root = nullptr;
    } else {
      leaf_node<P>* child = n->as_internal()->edges[0];
      child->parent = nullptr;
      child->parent_idx = 0;
      t.root = child;
    }
    free_node(t.alloc, n);
  }
}

// Walks down the right border (RightBorder) or the left border of t, giving every border
// child at least min_len + 1 keys: merged with its inner sibling when the two fit in one node,
// else topped up by rotating keys over from it.
template <bool RightBorder, class P, allocator A>
void fix_border(tree_state<P, A>& t) noexcept {
  fix_top(t);
  if (t.root == nullptr) return;
  leaf_node<P>* n = t.root;
  while (!n->is_leaf()) {
    internal_node<P>* in = n->as_internal();
    const std::size_t i = RightBorder ? in->len - 1u : 0;  // the separator next to the border child
    leaf_node<P>* left = in->edges[i];
    leaf_node<P>* right = in->edges[i + 1];
    leaf_node<P>* child = RightBorder ? right : left;
    if (child->len <= P::min_len) {
      if (left->len + 1u + right->len <= P::capacity) {
        free_node(t.alloc, merge_children(in, i));
        child = left;
      } else if (RightBorder) {
        rotate_right(in, i, P::min_len + 1 - child->len);
      } else {
        rotate_left(in, i, P::min_len + 1 - child->len);
      }
    }
    n = child;
  }
  fix_top(t);
}

template <class P>
std::size_t count_elements(const leaf_node<P>* n) noexcept {
  std::size_t s = n->len;
  if (!n->is_leaf())
    for (std::size_t i = 0; i <= n->len; ++i) s += count_elements<P>(n->as_internal()->edges[i]);
  return s;
}

// Moves the elements of `left` from the first one not less than key on into `right` (an empty
// tree with the same allocator). Allocates height + 1 nodes first; on failure nothing changed.
// Precondition: left is not empty.
template <class P, allocator A, class Cmp, class Q>
result<void> split_tree(tree_state<P, A>& left, tree_state<P, A>& right, const Q& key, const Cmp& cmp) noexcept {
  const std::size_t height = left.root->level;
  tree_shape<P> need;  // one new node per level
  need.levels = height + 1;
  for (std::size_t l = 0; l <= height; ++l) need.nodes[l] = 1;
  node_supply<P, A> supply;
  BARE_TRY(supply.fill(left.alloc, need));

  const std::size_t total = left.len;
  leaf_node<P>* n = left.root;
  internal_node<P>* above = nullptr;  // the new node of the level above
  for (;;) {
    const std::size_t i = lower_bound_in(n->keys(), n->len, key, cmp);
    const std::size_t moved = n->len - i;
    leaf_node<P>* r = n->is_leaf() ? supply.take_leaf() : supply.take_internal(n->level);
    move_slots(r->slot(0), n->slot(i), moved);
    r->len = static_cast<std::uint16_t>(moved);
    n->len = static_cast<std::uint16_t>(i);
    if (above != nullptr) {
      above->edges[0] = r;
      fix_links(above, 0, 1);
    } else {
      right.root = r;
    }
    if (n->is_leaf()) break;
    internal_node<P>* in = n->as_internal();
    internal_node<P>* rin = r->as_internal();
    __builtin_memcpy(rin->edges + 1, in->edges + i + 1, moved * sizeof(void*));
    fix_links(rin, 1, moved + 1);
    above = rin;
    n = in->edges[i];
  }
  fix_border<true>(left);
  fix_border<false>(right);
  const std::size_t lh = left.root ? left.root->level + 1u : 0, rh = right.root ? right.root->level + 1u : 0;
  if (lh <= rh) {
    left.len = left.root ? count_elements<P>(left.root) : 0;
    right.len = total - left.len;
  } else {
    right.len = right.root ? count_elements<P>(right.root) : 0;
    left.len = total - right.len;
  }
  return {};
}

}  // namespace bare::detail::btree
