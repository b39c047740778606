// bare/detail/btree/insert.hpp — inserting at a leaf edge: the plan (how many nodes the
// insertion will allocate), then the insertion, which cannot fail.
//
// Strong guarantee, also when splits cascade to the root: the nodes an insertion needs are
// counted before anything changes (plan_insert walks up from the leaf while nodes are full and
// cannot shed an element to a sibling), taken from the tree's stash of spare nodes, and
// allocated into that stash first if it holds too few. After that, insert_gap only moves
// elements and links nodes.
//
// A full node first tries to make room by rotating elements into a sibling with room (as
// abseil's btree does; B*-tree style); only when both neighbours are full too does it split.
// This keeps random-insert trees ~80% full instead of ~69% (Knuth's ln 2), which matters
// for memory per element, and fills sequentially inserted trees almost completely. The same
// choose_rebalance decides for the plan and for the insertion, so they agree.
//
// All of it is untyped (node.hpp), except one typed shortcut for the most frequent case, a
// full leaf that rotates into a sibling (rotate_open_leaf_gap; not in -Os builds). insert_gap
// opens a gap for the new element and returns where it is; the typed caller constructs the
// element there. Nothing else waits outside the tree meanwhile: a split's separator travels
// up parked in the last slot (C - 1) of the new right node, which that node does not use
// until the separator has left (it holds C - 1 - C/2 elements, one more if the new element
// lands there: at most C - 2 slots, as C >= 3).
#pragma once

#include <cstddef>
#include <cstdint>

#include "bare/alloc/allocator.hpp"
#include "bare/detail/btree/navigate.hpp"
#include "bare/detail/btree/node.hpp"
#include "bare/result.hpp"

namespace bare::detail::btree {

// Where a full node can shed elements to make room: none, its left or its right sibling, and
// how many elements to rotate there (at most C <= 255).
enum class shed : std::uint8_t { none, left, right };
struct rebalance_choice {
  shed to;
  std::uint8_t count;
};

// For a full non-root node n and an insertion before its slot idx: the sibling to rotate into,
// if one has room. Moves all of the sibling's room when inserting at the node's far end
// (sequential inserts then fill nodes completely), half of it otherwise. The insertion then
// lands in n or in that sibling, which is guaranteed to have room left.
inline rebalance_choice choose_rebalance(const node_shape& s, const node_base* n, std::size_t idx) noexcept {
  const std::size_t C = s.capacity;
  const node_base* p = n->parent;
  const std::size_t pi = n->parent_idx;
  if (pi > 0) {
    const std::size_t ll = edges(s, p)[pi - 1]->len;
    if (ll < C) {
      const std::size_t room = C - ll;
      std::size_t c = idx == C ? room : room / 2;
      if (c == 0) c = 1;
      if (idx >= c || ll + c < C) return {shed::left, static_cast<std::uint8_t>(c)};
    }
  }
  if (pi < p->len) {
    const std::size_t rl = edges(s, p)[pi + 1]->len;
    if (rl < C) {
      const std::size_t room = C - rl;
      std::size_t c = idx == 0 ? room : room / 2;
      if (c == 0) c = 1;
      if (idx <= C - c || rl + c < C) return {shed::right, static_cast<std::uint8_t>(c)};
    }
  }
  return {shed::none, 0};
}

#if !defined(__OPTIMIZE_SIZE__)
// The most frequent slow path of random insertion, typed and in one pass: the leaf is full,
// not the root, and choose_rebalance finds a sibling with room (about a quarter of random
// insertions into a u64 map at 10^3 hit it). Rotating through the untyped rotate() and then
// opening the gap with open_gap moved most of the leaf twice, each run through a memmove call
// per array and the shape's address arithmetic: ~680 instructions per call, 40% of random
// insertion (callgrind). Here each element moves once, to its final place, and a run that
// stays put is not moved: ~225 instructions; random insertion of 10^3 u64 keys 410 -> 331
// instructions and 26.8 -> 23.3 ns each (scratch program, min of 30 runs; 10^4: 65 -> 59 ns,
// 10^5: 90 -> 85). The tree is the one rotate + put_slot make (same shapes, same bytes per
// element). Returns the gap (as insert_gap), or {nullptr, 0} if no sibling has room (the
// caller then takes open_gap_slow). Never allocates.
// Preconditions: n is a full leaf with a parent; i <= C.
template <class P>
BARE_NOINLINE node_pos rotate_open_leaf_gap(node_base* n, std::size_t i) noexcept {
  constexpr std::size_t C = P::capacity;
  BARE_ASSERT(n->is_leaf() && n->len == C && n->parent != nullptr && i <= C,
              "bare::btree: rotate_open_leaf_gap out of bounds");
  const node_shape& s = shape_of<P>;
  const rebalance_choice r = choose_rebalance(s, n, i);
  node_base* p = n->parent;
  const std::size_t pi = n->parent_idx;
  const std::size_t c = r.count;
  if (r.to == shed::left) {
    // L = [l...] sep R = n = [x0 ... x(C-1)]: L gains sep and x0 .. x(c-2); x(c-1) becomes the
    // separator; the gap is in n at i - c, or in L after sep and x0 .. x(i-1).
    node_base* left = edges(s, p)[pi - 1];
    const std::size_t ll = left->len;
    const std::size_t sep = pi - 1;
    move_one_typed<P>(left, ll, p, sep);
    if (i >= c) {
      shift_typed<P>(left, ll + 1, n, 0, c - 1);
      move_one_typed<P>(p, sep, n, c - 1);
      shift_typed<P>(n, 0, n, c, i - c);            // left by c
      shift_typed<P>(n, i - c + 1, n, i, C - i);    // left by c - 1 (nothing when c == 1)
      left->len = static_cast<std::uint16_t>(ll + c);
      n->len = static_cast<std::uint16_t>(C - c + 1);
      return {n, i - c};
    }
    shift_typed<P>(left, ll + 1, n, 0, i);
    shift_typed<P>(left, ll + 2 + i, n, i, c - 1 - i);
    move_one_typed<P>(p, sep, n, c - 1);
    shift_typed<P>(n, 0, n, c, C - c);
    left->len = static_cast<std::uint16_t>(ll + c + 1);
    n->len = static_cast<std::uint16_t>(C - c);
    return {left, ll + 1 + i};
  }
  if (r.to == shed::right) {
    // L = n = [x0 ... x(C-1)] sep R = [r...]: R's elements move up, and x(C-c+1) .. x(C-1)
    // then sep come in front of them; x(C-c) becomes the separator; the gap is in n at i, or
    // in R at i - (C - c) - 1.
    node_base* right = edges(s, p)[pi + 1];
    const std::size_t rl = right->len, kept = C - c;
    if (i <= kept) {
      shift_typed<P>(right, c, right, 0, rl);
      move_one_typed<P>(right, c - 1, p, pi);
      shift_typed<P>(right, 0, n, kept + 1, c - 1);
      move_one_typed<P>(p, pi, n, kept);
      shift_typed<P>(n, i + 1, n, i, kept - i);
      n->len = static_cast<std::uint16_t>(kept + 1);
      right->len = static_cast<std::uint16_t>(rl + c);
      return {n, i};
    }
    const std::size_t j = i - kept - 1;  // <= c - 1
    shift_typed<P>(right, c + 1, right, 0, rl);
    move_one_typed<P>(right, c, p, pi);
    shift_typed<P>(right, 0, n, kept + 1, j);
    shift_typed<P>(right, j + 1, n, kept + 1 + j, c - 1 - j);
    move_one_typed<P>(p, pi, n, kept);
    n->len = static_cast<std::uint16_t>(kept);
    right->len = static_cast<std::uint16_t>(rl + c + 1);
    return {right, j};
  }
  return {nullptr, 0};
}
#endif

struct insert_plan {
  std::size_t leaves;
  std::size_t internals;
};

// The nodes inserting at leaf edge (leaf, idx) will allocate. O(height). Preconditions: the
// tree is not empty (an empty tree needs one leaf).
inline insert_plan plan_insert(const node_shape& s, node_base* leaf, std::size_t idx) noexcept {
  insert_plan plan{0, 0};
  node_base* n = leaf;
  std::size_t i = idx;
  while (n->len == s.capacity) {
    if (n->parent == nullptr) {
      (n->is_leaf() ? plan.leaves : plan.internals) += 1;
      plan.internals += 1;  // the new root
      break;
    }
    if (choose_rebalance(s, n, i).to != shed::none) break;
    (n->is_leaf() ? plan.leaves : plan.internals) += 1;
    i = n->parent_idx;
    n = n->parent;
  }
  return plan;
}

// Opens a gap at slot idx of n (len < C) and, if `parked` is not null, fills it with the
// separator parked in parked's slot C - 1 and links parked as edge idx + 1 (its right child).
inline void put_slot(const node_shape& s, node_base* n, std::size_t idx, node_base* parked) noexcept {
  open_gap(s, n, idx);
  if (parked != nullptr) {
    move_slot(s, n, idx, parked, s.capacity - 1);
    edges(s, n)[idx + 1] = parked;
    fix_links(s, n, idx + 1, idx + 2);
  }
}

// Opens a gap for one new element at leaf edge (leaf, idx) and returns where the gap is: the
// node's length counts it, the slot is uninitialised, and the caller constructs the element
// there before anything else uses the tree. O(height * C). Never allocates: the nodes
// plan_insert(leaf, idx) counted come from t's stash. Does not change t.len.
// Preconditions: t is not empty; the stash holds the plan's nodes (checked when taken).
// Invalidates positions in the nodes it changes (all, for the purposes of the public API).
inline node_pos insert_gap(const node_shape& s, tree_base& t, node_base* leaf, std::size_t idx) noexcept {
  const std::size_t C = s.capacity;
  node_pos placed{nullptr, 0};  // the gap, once a split has placed it
  node_base* pending = nullptr;  // the new right node whose separator waits for a slot here
  node_base* n = leaf;
  std::size_t i = idx;
  for (;;) {
    if (n->len < C) {
      put_slot(s, n, i, pending);
      return placed.node != nullptr ? placed : node_pos{n, i};
    }
    if (n->parent != nullptr) {
      const rebalance_choice c = choose_rebalance(s, n, i);
      node_base* p = n->parent;
      const std::size_t pi = n->parent_idx;
      if (c.to == shed::left) {
        node_base* left = edges(s, p)[pi - 1];
        const std::size_t ll = left->len;
        rotate_left(s, p, pi - 1, c.count);
        if (i >= c.count) {
          i -= c.count;
        } else {
          i += ll + 1;
          n = left;
        }
        continue;  // n has room now
      }
      if (c.to == shed::right) {
        node_base* right = edges(s, p)[pi + 1];
        rotate_right(s, p, pi, c.count);
        const std::size_t kept = n->len;
        if (i > kept) {
          i -= kept + 1;
          n = right;
        }
        continue;
      }
    }
    // Split n: keys [0, mid) stay, key mid goes up (parked in the new node), (mid, C) move to a
    // new right node; the gap goes where its index falls.
    const std::size_t mid = C / 2;
    node_base* right = n->is_leaf() ? t.take_leaf() : t.take_internal(n->level);
    move_slot(s, right, C - 1, n, mid);
    move_slots(s, right, 0, n, mid + 1, C - mid - 1);
    right->len = static_cast<std::uint16_t>(C - mid - 1);
    n->len = static_cast<std::uint16_t>(mid);
    if (!n->is_leaf()) move_edges(s, right, 0, n, mid + 1, C - mid);
    node_base* into = n;
    if (i > mid) {
      into = right;
      i -= mid + 1;
    }
    put_slot(s, into, i, pending);
    if (placed.node == nullptr) placed = {into, i};
    pending = right;
    if (n->parent == nullptr) {
      node_base* root = t.take_internal(n->level + 1u);
      move_slot(s, root, 0, right, C - 1);
      root->len = 1;
      edges(s, root)[0] = n;
      edges(s, root)[1] = right;
      fix_links(s, root, 0, 2);
      t.root = root;
      return placed;
    }
    i = n->parent_idx;
    n = n->parent;
  }
}

// The gap of the first element of an empty tree: the root leaf comes from the stash.
inline node_pos insert_first_gap(tree_base& t) noexcept {
  node_base* leaf = t.take_leaf();
  leaf->len = 1;
  t.root = leaf;
  return {leaf, 0};
}

// The gap of an insertion at leaf edge e (e.node == nullptr iff the tree is empty) that may
// need nodes: plans, makes the stash hold the plan's nodes (allocating with a, or, with
// !may_allocate, failing with alloc_errc::full and the layout that is short), then opens the
// gap (insert_gap). Returns the gap, or {nullptr, 0} with `error` set; on failure nothing
// changed. Does not change t.len. Out of line: the slow path of every insertion, one copy per
// allocator type.
template <allocator A>
BARE_NOINLINE node_pos open_gap_slow(const node_shape& s, tree_base& t, A& a, node_pos e, bool may_allocate,
                                     alloc_error& error) noexcept {
  const insert_plan plan = e.node != nullptr ? plan_insert(s, e.node, e.idx) : insert_plan{1, 0};
  if (may_allocate) {
    auto r = ensure_spares(s, t, a, plan.leaves, plan.internals);
    if (BARE_UNLIKELY(!r)) {
      error = r.error();
      return {nullptr, 0};
    }
  } else if (spare_count(t.spare_leaves) < plan.leaves || spare_count(t.spare_internals) < plan.internals) {
    error = alloc_error{alloc_errc::full, spare_count(t.spare_leaves) < plan.leaves ? s.leaf : s.internal};
    return {nullptr, 0};
  }
  return e.node == nullptr ? insert_first_gap(t) : insert_gap(s, t, e.node, e.idx);
}

}  // namespace bare::detail::btree
