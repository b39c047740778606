// bare/detail/btree/remove.hpp — removing an element, rebalancing, and finding where the
// element after it ended up (erase(iterator) returns it; cursors rest there).
//
// The caller first takes the element out of its slot (moves it out, or destroys it in place);
// then the hole is closed. A hole in a leaf is closed in place. A hole in an internal
// node is filled with the in-order predecessor (the last key of the rightmost leaf of its
// left subtree), which leaves a hole at that leaf's end instead. Either way one leaf lost a
// key; if it fell below min_len it takes one key from a sibling through the parent (rotate)
// or, when the two fit in one node, merges with it (preferred: it frees a node), and the
// parent may underflow in turn, up to the root. A root left with no key is replaced by its
// only child. Never allocates; merged-away nodes are freed.
//
// The position of the following element is tracked as a leaf edge through the rebalancing
// (merges and rotations move leaf keys but keep their order, so "the gap after the removed
// element" keeps meaning the same), then turned back into a key position.
//
// Untyped (node.hpp): one copy per allocator type, whatever the keys and values.
#pragma once

#include <cstddef>
#include <cstdint>

#include "bare/alloc/allocator.hpp"
#include "bare/detail/btree/navigate.hpp"
#include "bare/detail/btree/node.hpp"

namespace bare::detail::btree {

// Restores the fill invariant after leaf `edge.node` lost a key, keeping track of leaf edge
// `edge`. Returns the edge's new place ({nullptr, 0} if the tree became empty). O(height * C).
template <allocator A>
node_pos rebalance_after_remove(const node_shape& s, tree_base& t, A& a, node_pos edge) noexcept {
  node_base* n = edge.node;
  for (;;) {
    node_base* p = n->parent;
    if (p == nullptr) {
      if (n->len == 0) {
        if (n->is_leaf()) {
          free_node(a, s, n);
          t.root = nullptr;
          return {nullptr, 0};
        }
        node_base* child = edges(s, n)[0];
        child->parent = nullptr;
        child->parent_idx = 0;
        t.root = child;
        free_node(a, s, n);
      }
      return edge;
    }
    if (n->len >= s.min_len) return edge;
    const std::size_t pi = n->parent_idx;
    if (pi > 0) {
      node_base* left = edges(s, p)[pi - 1];
      if (left->len + 1u + n->len <= s.capacity) {
        if (edge.node == n) edge = {left, left->len + 1u + edge.idx};
        free_node(a, s, merge_children(s, p, pi - 1));
      } else {
        rotate_right(s, p, pi - 1, 1);
        if (edge.node == n) edge.idx += 1;
        return edge;
      }
    } else {
      node_base* right = edges(s, p)[1];
      if (n->len + 1u + right->len <= s.capacity) {
        free_node(a, s, merge_children(s, p, 0));
      } else {
        rotate_left(s, p, 0, 1);
        return edge;
      }
    }
    n = p;
  }
}

// Removes the element at key position k, whose slot the caller has already emptied (moved out
// or destroyed), and returns the position of the element that followed it, or the end
// position. O(height * C); never allocates. The typed caller (tree::erase_at) handles the
// common case itself, inline: a leaf that keeps enough keys (min_len; a root leaf, one) only
// closes its gap. This is the rest, out of line: k is in an internal node (then this
// decrements t.len), or k was in a leaf that has had its gap closed (close_leaf_gap, t.len
// decremented) and now holds too few keys.
template <allocator A>
BARE_NOINLINE node_pos remove_hole(const node_shape& s, tree_base& t, A& a, node_pos k) noexcept {
  node_base* n = k.node;
  node_pos edge = k;
  const bool from_internal = !n->is_leaf();
  if (from_internal) {
    node_base* l = last_leaf(s, edges(s, n)[k.idx]);
    move_slot(s, n, k.idx, l, l->len - 1u);
    l->len = static_cast<std::uint16_t>(l->len - 1u);
    edge = {l, l->len};
    --t.len;
  }
  edge = rebalance_after_remove(s, t, a, edge);
  if (edge.node == nullptr) return {nullptr, 0};
  node_pos next = kv_after_edge(edge);
  // From an internal node, the key after the edge is the predecessor now standing in the
  // removed key's place; the removed key's successor follows it.
  if (from_internal) step_forward(s, next.node, next.idx);
  return next;
}

}  // namespace bare::detail::btree
