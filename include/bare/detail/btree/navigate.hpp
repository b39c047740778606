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
//
// These only follow links: they need the node shape for the edges' offset only. The typed
// callers (iterators) pass shape_of<P>, a constant, so inlined they cost what a typed walk
// does; the untyped removal passes its run-time shape.
#pragma once

#include <cstddef>

#include "bare/detail/btree/node.hpp"

namespace bare::detail::btree {

// A position in the tree: a key (idx < node->len) or an edge, depending on context.
struct node_pos {
  node_base* node;
  std::size_t idx;
  friend bool operator==(node_pos, node_pos) noexcept = default;
};
// (The typed layers' name for it.)
template <class P>
using handle = node_pos;

inline node_base* first_leaf(const node_shape& s, node_base* n) noexcept {
  while (!n->is_leaf()) n = edges(s, n)[0];
  return n;
}
inline node_base* last_leaf(const node_shape& s, node_base* n) noexcept {
  while (!n->is_leaf()) n = edges(s, n)[n->len];
  return n;
}

// The key right after leaf edge e, or the end position if there is none. O(height).
BARE_ALWAYS_INLINE node_pos kv_after_edge(node_pos e) noexcept {
  node_base* n = e.node;
  std::size_t i = e.idx;
  while (i == n->len && n->parent != nullptr) {
    i = n->parent_idx;
    n = n->parent;
  }
  return {n, i};
}

// The key right before leaf edge e; {nullptr, 0} if e is the first edge. O(height).
inline node_pos kv_before_edge(node_pos e) noexcept {
  node_base* n = e.node;
  std::size_t i = e.idx;
  while (i == 0) {
    if (n->parent == nullptr) return {nullptr, 0};
    i = n->parent_idx;
    n = n->parent;
  }
  return {n, i - 1};
}

// The leaf edge right before / after key position k.
inline node_pos edge_before_kv(const node_shape& s, node_pos k) noexcept {
  if (k.node->is_leaf()) return k;
  node_base* l = last_leaf(s, edges(s, k.node)[k.idx]);
  return {l, l->len};
}
inline node_pos edge_after_kv(const node_shape& s, node_pos k) noexcept {
  if (k.node->is_leaf()) return {k.node, k.idx + 1};
  return {first_leaf(s, edges(s, k.node)[k.idx + 1]), 0};
}

// In-order successor of key position p (which must not be the end). Precondition (checked
// unless BARE_UNCHECKED): p is a key position.
BARE_ALWAYS_INLINE void step_forward(const node_shape& s, node_base*& node, std::size_t& idx) noexcept {
  node_base* n = node;
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
  node = first_leaf(s, edges(s, n)[idx + 1]);
  idx = 0;
}

// In-order predecessor of position p (a key or the end). Precondition (checked unless
// BARE_UNCHECKED): p is not the first key.
inline void step_backward(const node_shape& s, node_base*& node, std::size_t& idx) noexcept {
  node_base* n = node;
  BARE_CHECK(n != nullptr, "bare::btree: iterator decremented before the beginning");
  if (n->is_leaf()) {
    if (BARE_LIKELY(idx > 0)) {
      --idx;
      return;
    }
    const node_pos k = kv_before_edge(node_pos{n, 0});
    BARE_CHECK(k.node != nullptr, "bare::btree: iterator decremented before the beginning");
    node = k.node;
    idx = k.idx;
    return;
  }
  node_base* l = last_leaf(s, edges(s, n)[idx]);
  node = l;
  idx = l->len - 1u;
}

// The typed walks: the shape of P, a constant.
template <class P>
BARE_ALWAYS_INLINE void step_forward(node_base*& node, std::size_t& idx) noexcept {
  step_forward(shape_of<P>, node, idx);
}
template <class P>
void step_backward(node_base*& node, std::size_t& idx) noexcept {
  step_backward(shape_of<P>, node, idx);
}

}  // namespace bare::detail::btree
