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
template <allocator A>
void fix_top(const node_shape& s, tree_base& t, A& a) noexcept {
  while (t.root != nullptr && t.root->len == 0) {
    node_base* n = t.root;
    if (n->is_leaf()) {
      t.root = nullptr;
    } else {
      node_base* child = edges(s, n)[0];
      child->parent = nullptr;
      child->parent_idx = 0;
      t.root = child;
    }
    free_node(a, s, n);
  }
}

// Walks down the right border (RightBorder) or the left border of t, giving every border
// child at least min_len + 1 keys: merged with its inner sibling when the two fit in one node,
// else topped up by rotating keys over from it.
template <allocator A>
void fix_border(const node_shape& s, tree_base& t, A& a, bool right_border) noexcept {
  fix_top(s, t, a);
  if (t.root == nullptr) return;
  node_base* n = t.root;
  while (!n->is_leaf()) {
    const std::size_t i = right_border ? n->len - 1u : 0;  // the separator next to the border child
    node_base* left = edges(s, n)[i];
    node_base* right = edges(s, n)[i + 1];
    node_base* child = right_border ? right : left;
    if (child->len <= s.min_len) {
      if (left->len + 1u + right->len <= s.capacity) {
        free_node(a, s, merge_children(s, n, i));
        child = left;
      } else if (right_border) {
        rotate_right(s, n, i, s.min_len + 1 - child->len);
      } else {
        rotate_left(s, n, i, s.min_len + 1 - child->len);
      }
    }
    n = child;
  }
  fix_top(s, t, a);
}

inline std::size_t count_elements(const node_shape& s, const node_base* n) noexcept {
  std::size_t c = n->len;
  if (!n->is_leaf())
    for (std::size_t i = 0; i <= n->len; ++i) c += count_elements(s, edges(s, n)[i]);
  return c;
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
  node_supply supply;
  BARE_TRY(supply.fill(left.alloc, shape_of<P>, need));

  constexpr const node_shape& s = shape_of<P>;
  const std::size_t total = left.len;
  node_base* n = left.root;
  node_base* above = nullptr;  // the new node of the level above
  for (;;) {
    const std::size_t i = lower_bound_in(keys<P>(n), n->len, key, cmp);
    const std::size_t moved = n->len - i;
    node_base* r = n->is_leaf() ? supply.take_leaf() : supply.take_internal(n->level);
    move_slots(s, r, 0, n, i, moved);
    r->len = static_cast<std::uint16_t>(moved);
    n->len = static_cast<std::uint16_t>(i);
    if (above != nullptr) {
      edges(s, above)[0] = r;
      fix_links(s, above, 0, 1);
    } else {
      right.root = r;
    }
    if (n->is_leaf()) break;
    move_edges(s, r, 1, n, i + 1, moved);
    above = r;
    n = edges(s, n)[i];
  }
  fix_border(s, left, left.alloc, true);
  fix_border(s, right, right.alloc, false);
  const std::size_t lh = left.root ? left.root->level + 1u : 0, rh = right.root ? right.root->level + 1u : 0;
  if (lh <= rh) {
    left.len = left.root ? count_elements(s, left.root) : 0;
    right.len = total - left.len;
  } else {
    right.len = right.root ? count_elements(s, right.root) : 0;
    left.len = total - right.len;
  }
  return {};
}

}  // namespace bare::detail::btree
