// bare/detail/btree/navigate.hpp — moving between positions: in-order successor and
// predecessor, leaf edges (the gaps between elements, where cursors rest).
//
// Positions. A key position (node, i) has i < node->len. The end position of a non-empty tree
// is (root, root->len): it is where the successor walk ends by itself (climbing from the last
// leaf while at a node's right end stops at the root), so end() costs nothing to compute.
// The empty tree's end is (nullptr, 0).
//
// A leaf edge (leaf, i), i <= leaf->len, is the gap before key i of that leaf (or after its
// last key). Every gap between two consecutive elements, and the gaps before the first and
// after the last, is exactly one leaf edge.
#pragma once

#include <cstddef>

#include "bare/detail/btree/node.hpp"
#include "bare/detail/btree/search.hpp"

namespace bare::detail::btree {

template <class P>
leaf_node<P>* first_leaf(leaf_node<P>* n) noexcept {
  while (!n->is_leaf()) n = n->as_internal()->edges[0];
  return n;
}
template <class P>
leaf_node<P>* last_leaf(leaf_node<P>* n) noexcept {
  while (!n->is_leaf()) n = n->as_internal()->edges[n->len];
  return n;
}

// The key right after leaf edge e, or the end position if there is none. O(height).
template <class P>
BARE_ALWAYS_INLINE handle<P> kv_after_edge(handle<P> e) noexcept {
  leaf_node<P>* n = e.node;
  std::size_t i = e.idx;
  while (i == n->len && n->parent != nullptr) {
    i = n->parent_idx;
    n = n->parent;
  }
  return {n, i};
}

// The key right before leaf edge e; {nullptr, 0} if e is the first edge. O(height).
template <class P>
handle<P> kv_before_edge(handle<P> e) noexcept {
  leaf_node<P>* n = e.node;
  std::size_t i = e.idx;
  while (i == 0) {
    if (n->parent == nullptr) return {nullptr, 0};
    i = n->parent_idx;
    n = n->parent;
  }
  return {n, i - 1};
}

// The leaf edge right before / after key position k.
template <class P>
handle<P> edge_before_kv(handle<P> k) noexcept {
  if (k.node->is_leaf()) return k;
  leaf_node<P>* l = last_leaf(k.node->as_internal()->edges[k.idx]);
  return {l, l->len};
}
template <class P>
handle<P> edge_after_kv(handle<P> k) noexcept {
  if (k.node->is_leaf()) return {k.node, k.idx + 1};
  return {first_leaf(k.node->as_internal()->edges[k.idx + 1]), 0};
}

// In-order successor of key position p (which must not be the end). Precondition (checked
// unless BARE_UNCHECKED): p is a key position.
template <class P>
BARE_ALWAYS_INLINE void step_forward(leaf_node<P>*& node, std::size_t& idx) noexcept {
  leaf_node<P>* n = node;
  BARE_CHECK(n != nullptr && idx < n->len, "bare::btree: iterator incremented past the end");
  if (n->is_leaf()) {
    std::size_t i = idx + 1;
    if (BARE_LIKELY(i < n->len)) {
      idx = i;
      return;
    }
    while (i == n->len && n->parent != nullptr) {
      i = n->parent_idx;
      n = n->parent;
    }
    node = n;
    idx = i;
    return;
  }
  node = first_leaf(n->as_internal()->edges[idx + 1]);
  idx = 0;
}

// In-order predecessor of position p (a key or the end). Precondition (checked unless
// BARE_UNCHECKED): p is not the first key.
template <class P>
void step_backward(leaf_node<P>*& node, std::size_t& idx) noexcept {
  leaf_node<P>* n = node;
  BARE_CHECK(n != nullptr, "bare::btree: iterator decremented before the beginning");
  if (n->is_leaf()) {
    if (BARE_LIKELY(idx > 0)) {
      --idx;
      return;
    }
    const handle<P> k = kv_before_edge(handle<P>{n, 0});
    BARE_CHECK(k.node != nullptr, "bare::btree: iterator decremented before the beginning");
    node = k.node;
    idx = k.idx;
    return;
  }
  leaf_node<P>* l = last_leaf(n->as_internal()->edges[idx]);
  node = l;
  idx = l->len - 1u;
}

}  // namespace bare::detail::btree
