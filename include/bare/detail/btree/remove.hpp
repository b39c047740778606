// bare/detail/btree/remove.hpp — removing an element, rebalancing, and finding where the
// element after it ended up (erase(iterator) returns it; cursors rest there).
//
// A key in a leaf is removed in place. A key in an internal node is replaced by its in-order
// predecessor (the last key of the rightmost leaf of its left subtree), which is removed from
// that leaf instead. Either way one leaf lost a key; if it fell below min_len it takes one key
// from a sibling through the parent (rotate) or, when the two fit in one node, merges with it
// (preferred: it frees a node), and the parent may underflow in turn, up to the root. A root
// left with no key is replaced by its only child. Never allocates; merged-away nodes are freed.
//
// The position of the following element is tracked as a leaf edge through the rebalancing
// (merges and rotations move leaf keys but keep their order, so "the gap after the removed
// element" keeps meaning the same), then turned back into a key position.
#pragma once

#include <cstddef>

#include "bare/detail/btree/navigate.hpp"
#include "bare/detail/btree/node.hpp"

namespace bare::detail::btree {

// Restores the fill invariant after leaf `edge.node` lost a key, keeping track of leaf edge
// `edge`. Returns the edge's new place ({nullptr, 0} if the tree became empty). O(height * C).
template <class P, allocator A>
handle<P> rebalance_after_remove(tree_state<P, A>& t, handle<P> edge) noexcept {
  constexpr std::size_t C = P::capacity;
  leaf_node<P>* n = edge.node;
  for (;;) {
    internal_node<P>* p = n->parent;
    if (p == nullptr) {
      if (n->len == 0) {
        if (n->is_leaf()) {
          free_node(t.alloc, n);
          t.root = nullptr;
          return {nullptr, 0};
        }
        leaf_node<P>* child = n->as_internal()->edges[0];
        child->parent = nullptr;
        child->parent_idx = 0;
        t.root = child;
        free_node(t.alloc, n);
      }
      return edge;
    }
    if (n->len >= P::min_len) return edge;
    const std::size_t pi = n->parent_idx;
    if (pi > 0) {
      leaf_node<P>* left = p->edges[pi - 1];
      if (left->len + 1u + n->len <= C) {
        if (edge.node == n) edge = {left, left->len + 1u + edge.idx};
        free_node(t.alloc, merge_children(p, pi - 1));
      } else {
        rotate_right(p, pi - 1, 1);
        if (edge.node == n) edge.idx += 1;
        return edge;
      }
    } else {
      leaf_node<P>* right = p->edges[1];
      if (n->len + 1u + right->len <= C) {
        free_node(t.alloc, merge_children(p, 0));
      } else {
        rotate_left(p, 0, 1);
        return edge;
      }
    }
    n = p;
  }
}

// Removes the element at key position k, relocating it into `out` (raw storage for one key
// and value: the caller destroys or keeps it). Returns the position of the element that
// followed it, or the end position. O(height * C); never allocates.
template <class P, allocator A>
handle<P> remove_kv(tree_state<P, A>& t, handle<P> k, slot_ptr<P> out) noexcept {
  leaf_node<P>* n = k.node;
  BARE_ASSERT(n != nullptr && k.idx < n->len, "bare::btree: removing at a position that holds no element");
  move_slots(out, n->slot(k.idx), 1);
  handle<P> edge;
  bool from_internal = false;
  if (n->is_leaf()) {
    close_gap(n, k.idx);
    edge = {n, k.idx};
  } else {
    leaf_node<P>* l = last_leaf(n->as_internal()->edges[k.idx]);
    move_slots(n->slot(k.idx), l->slot(l->len - 1u), 1);
    l->len = static_cast<std::uint16_t>(l->len - 1u);
    edge = {l, l->len};
    from_internal = true;
  }
  --t.len;
  edge = rebalance_after_remove(t, edge);
  if (edge.node == nullptr) return {nullptr, 0};
  handle<P> next = kv_after_edge(edge);
  // From an internal node, the key after the edge is the predecessor now standing in the
  // removed key's place; the removed key's successor follows it.
  if (from_internal) step_forward(next.node, next.idx);
  return next;
}

}  // namespace bare::detail::btree
