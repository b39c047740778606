// bare/detail/btree/node.hpp — the nodes of btree_map / btree_set: parameters, layout, and the
// node-level moves every algorithm is made of (insert into a node with room, close a gap,
// rotate elements between siblings through their parent, merge two siblings).
//
// A node is laid out as if it were
//
//   struct leaf_node {                      // every node starts like this
//     internal_node* parent;                // nullptr for the root
//     uint16_t       parent_idx;            // this node is parent->edges[parent_idx]
//     uint16_t       len;                   // keys (and values) held, <= C
//     uint8_t        level;                 // 0 for a leaf; a child's level + 1 above
//     K              keys[C];               // [0, len) alive, in order
//     V              vals[C];               // [0, len) alive; absent for a set (V = void)
//   };
//   struct internal_node : leaf_node {
//     leaf_node*     edges[C + 1];          // [0, len] point to the children
//   };
//
// so a leaf carries no child pointers, and keys are contiguous for the search. Invariants
// (verified by check.hpp): a node of length n has n keys, n values, and (internal) n + 1
// edges; every edge's parent / parent_idx point back; every child is one level lower; every
// node but the root holds at least min_len = (C - 1) / 2 keys; keys are in order across the
// whole tree (in-order: edge 0, key 0, edge 1, key 1, ..., edge n).
//
// The root's level is the height of the tree, so the tree object needs no height field.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>

#include "bare/alloc/allocator.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"

namespace bare::detail::btree {

// ---- node capacity ----------------------------------------------------------------------
//
// The default number of keys per node C makes a leaf about target_leaf_bytes long:
//   C = (target_leaf_bytes - 2 words) / (sizeof(K) + sizeof(V)), clamped to [5, 255].
// Chosen by measurement (g++ 12 -O3, random u64 -> u64, ns per operation at 10^3 / 10^6
// elements, best of several runs on a noisy shared machine; absl::btree_map for scale):
//   C = 15 (256-byte leaf):  insert 25 / 300   find 7.6 / 330   21.3 bytes per element
//   C = 31 (512-byte leaf):  insert 21 / 250   find 9.0 / 240   19.9 bytes per element
//   C = 63 (1 KiB leaf):     insert 19 / 245   find 10  / 260   19.0 bytes per element
//   absl (256-byte nodes):   insert 38 / 300   find 14-22 / 220-400
// 512 bytes is the compromise: lookups stay within a few cache lines per node (search.hpp),
// insertions move at most ~250 bytes, and the 16-byte header is amortised enough for random
// insertion to stay under 20 bytes per u64 -> u64 element. For 24-byte string keys it gives
// C = 15 (bare::string) or 12 (std::string): lookups there are dominated by the comparisons'
// cache misses, which the three-way search (search.hpp) keeps at or below absl's (simulated
// D1 misses per lookup, cachegrind: 26 for C = 12 against absl's 29). Override per
// instantiation with the NodeCapacity template argument of btree_map / btree_set (3..255).
inline constexpr std::size_t target_leaf_bytes = 512;
inline constexpr std::size_t leaf_header_bytes = 2 * sizeof(void*);

template <class K, class V>
constexpr std::size_t default_capacity() noexcept {
  std::size_t slot = sizeof(K);
  if constexpr (!std::is_void_v<V>) slot += sizeof(V);
  const std::size_t c = (target_leaf_bytes - leaf_header_bytes) / slot;
  return c < 5 ? 5 : (c > 255 ? 255 : c);
}

// Whether the mapped type is absent (a set).
template <class V>
inline constexpr bool has_values_v = !std::is_void_v<V>;

template <class K, class V, std::size_t C>
struct params {
  static_assert(C >= 3 && C <= 255, "bare::btree: node capacity must be in [3, 255]");
  using key_type = K;
  using mapped_type = V;  // void for a set
  static constexpr bool has_values = has_values_v<V>;
  static constexpr std::size_t capacity = C;
  // Fewest keys a non-root node holds. A node with min_len keys and a sibling with
  // min_len - 1 merge into at most C keys (2 * min_len <= C).
  static constexpr std::size_t min_len = (C - 1) / 2;
  // Levels a tree of at most SIZE_MAX elements can have: every internal node but the root has
  // at least min_len + 1 children (bounds the per-level arrays of the bulk builder).
  static constexpr std::size_t max_levels = [] {
    const std::size_t f = min_len + 1;
    std::size_t levels = 2, reach = f;
    while (reach <= SIZE_MAX / f) {
      reach *= f;
      ++levels;
    }
    return levels;
  }();
};

// ---- storage ------------------------------------------------------------------------------

template <class T, std::size_t N>
struct raw_array {
  alignas(T) unsigned char bytes[N * sizeof(T)];
  T* data() noexcept { return reinterpret_cast<T*>(bytes); }
  const T* data() const noexcept { return reinterpret_cast<const T*>(bytes); }
};
// A set has no values: no storage, and a "pointer" to them that ignores arithmetic.
struct no_value_ptr {
  constexpr no_value_ptr operator+(std::size_t) const noexcept { return {}; }
};
template <std::size_t N>
struct raw_array<void, N> {
  no_value_ptr data() const noexcept { return {}; }
};
template <class V>
using value_ptr = std::conditional_t<std::is_void_v<V>, no_value_ptr, V*>;

// Where one slot (a key and its value) lives: in a node, or in a temporary.
template <class P>
struct slot_ptr {
  using K = typename P::key_type;
  K* k;
  value_ptr<typename P::mapped_type> v;
  slot_ptr operator+(std::size_t i) const noexcept { return {k + i, v + i}; }
};

template <class P>
struct internal_node;

template <class P>
struct leaf_node {
  using K = typename P::key_type;
  using V = typename P::mapped_type;
  static constexpr std::size_t C = P::capacity;

  internal_node<P>* parent;
  std::uint16_t parent_idx;
  std::uint16_t len;
  std::uint8_t level;
  raw_array<K, C> keys_;
  [[no_unique_address]] raw_array<V, C> vals_;

  K* keys() noexcept { return keys_.data(); }
  const K* keys() const noexcept { return keys_.data(); }
  K& key(std::size_t i) noexcept { return keys_.data()[i]; }
  const K& key(std::size_t i) const noexcept { return keys_.data()[i]; }
  value_ptr<V> vals() noexcept { return vals_.data(); }
  slot_ptr<P> slot(std::size_t i) noexcept { return slot_ptr<P>{keys() + i, vals() + i}; }
  bool is_leaf() const noexcept { return level == 0; }
  internal_node<P>* as_internal() noexcept { return static_cast<internal_node<P>*>(this); }
  const internal_node<P>* as_internal() const noexcept { return static_cast<const internal_node<P>*>(this); }
};

template <class P>
struct internal_node : leaf_node<P> {
  leaf_node<P>* edges[P::capacity + 1];
  leaf_node<P>* edge(std::size_t i) const noexcept { return edges[i]; }
};

// A key and a value outside any node (the separator travelling up during a split, an
// element on its way out).
template <class P>
struct kv_temp {
  raw_array<typename P::key_type, 1> k_;
  [[no_unique_address]] raw_array<typename P::mapped_type, 1> v_;
  slot_ptr<P> slot() noexcept { return slot_ptr<P>{k_.data(), v_.data()}; }
};

template <class P>
inline constexpr layout leaf_layout = layout_of<leaf_node<P>>;
template <class P>
inline constexpr layout internal_layout = layout_of<internal_node<P>>;

// ---- element moves ------------------------------------------------------------------------

// Moves n objects from src to dst, different blocks (no overlap), ending the sources'
// lifetime. No pointer comparison: the blocks are unrelated objects.
template <class T>
void relocate_to(T* dst, T* src, std::size_t n) noexcept {
  if constexpr (is_trivially_relocatable_v<T>) {
    if (n != 0) __builtin_memcpy(static_cast<void*>(dst), static_cast<const void*>(src), n * sizeof(T));
  } else {
    relocate_nonoverlapping<T>(dst, src, n);
  }
}

// n slots from src to dst, which belong to different nodes or temporaries.
template <class P>
void move_slots(slot_ptr<P> dst, slot_ptr<P> src, std::size_t n) noexcept {
  relocate_to(dst.k, src.k, n);
  if constexpr (P::has_values) relocate_to(dst.v, src.v, n);
}

// Slots [from, from + n) of node to [to, to + n) (overlap allowed).
template <class P>
void shift_slots(leaf_node<P>* node, std::size_t from, std::size_t to, std::size_t n) noexcept {
  relocate_overlapping(node->keys() + to, node->keys() + from, n);
  if constexpr (P::has_values) relocate_overlapping(node->vals() + to, node->vals() + from, n);
}

template <class P>
void destroy_slots(slot_ptr<P> s, std::size_t n) noexcept {
  destroy_n(s.k, n);
  if constexpr (P::has_values) destroy_n(s.v, n);
}

// Points edges [from, to) of node back at it.
template <class P>
void fix_links(internal_node<P>* node, std::size_t from, std::size_t to) noexcept {
  for (std::size_t i = from; i < to; ++i) {
    leaf_node<P>* c = node->edges[i];
    c->parent = node;
    c->parent_idx = static_cast<std::uint16_t>(i);
  }
}

template <class P>
void shift_edges(internal_node<P>* node, std::size_t from, std::size_t to, std::size_t n) noexcept {
  if (n != 0) __builtin_memmove(node->edges + to, node->edges + from, n * sizeof(void*));
}

// ---- node-level operations ----------------------------------------------------------------
// Preconditions are on the structure only (never on key order), so a comparator that is not a
// strict weak order can give wrong answers but never make these read or write out of bounds.

// Opens a gap at slot idx of node (len < C): slots [idx, len) and, for an internal node, edges
// [idx + 1, len + 1) move one to the right. The caller fills slot idx (and edge idx + 1), then
// the length is len + 1 (already set here; links are fixed by the caller via fix_links).
template <class P>
void open_gap(leaf_node<P>* node, std::size_t idx) noexcept {
  const std::size_t len = node->len;
  BARE_ASSERT(len < P::capacity && idx <= len, "bare::btree: open_gap out of bounds");
  shift_slots(node, idx, idx + 1, len - idx);
  if (!node->is_leaf()) shift_edges(node->as_internal(), idx + 1, idx + 2, len - idx);
  node->len = static_cast<std::uint16_t>(len + 1);
}

// Inserts a slot, relocated from src, at idx of a node with room; for an internal node, with
// `right` as edge idx + 1 (the child to the right of the new key).
template <class P>
void insert_fit(leaf_node<P>* node, std::size_t idx, slot_ptr<P> src, leaf_node<P>* right) noexcept {
  open_gap(node, idx);
  move_slots(node->slot(idx), src, 1);
  if (!node->is_leaf()) {
    internal_node<P>* in = node->as_internal();
    in->edges[idx + 1] = right;
    fix_links(in, idx + 1, node->len + 1u);
  }
}

// Closes the gap at slot idx (already moved out): slots (idx, len) move one to the left and,
// for an internal node, edges (idx + 1, len] too (edge idx + 1 is dropped).
template <class P>
void close_gap(leaf_node<P>* node, std::size_t idx) noexcept {
  const std::size_t len = node->len;
  BARE_ASSERT(idx < len, "bare::btree: close_gap out of bounds");
  shift_slots(node, idx + 1, idx, len - idx - 1);
  if (!node->is_leaf()) {
    internal_node<P>* in = node->as_internal();
    shift_edges(in, idx + 2, idx + 1, len - idx - 1);
    fix_links(in, idx + 1, len);
  }
  node->len = static_cast<std::uint16_t>(len - 1);
}

// Rotates `count` slots from parent's child i + 1 (right) to child i (left), through the
// separator key i: left gets the separator and right's first count - 1 slots (and, internal,
// right's first count edges); right's slot count - 1 becomes the separator.
// Preconditions (checked): 1 <= count <= right->len, left->len + count <= C.
template <class P>
void rotate_left(internal_node<P>* parent, std::size_t i, std::size_t count) noexcept {
  leaf_node<P>* left = parent->edges[i];
  leaf_node<P>* right = parent->edges[i + 1];
  const std::size_t ll = left->len, rl = right->len;
  BARE_ASSERT(count >= 1 && count <= rl && ll + count <= P::capacity, "bare::btree: rotate_left out of bounds");
  move_slots(left->slot(ll), parent->slot(i), 1);
  move_slots(left->slot(ll + 1), right->slot(0), count - 1);
  move_slots(parent->slot(i), right->slot(count - 1), 1);
  shift_slots(right, count, 0, rl - count);
  if (!left->is_leaf()) {
    internal_node<P>* l = left->as_internal();
    internal_node<P>* r = right->as_internal();
    __builtin_memcpy(l->edges + ll + 1, r->edges, count * sizeof(void*));
    shift_edges(r, count, 0, rl - count + 1);
    fix_links(l, ll + 1, ll + count + 1);
    fix_links(r, 0, rl - count + 1);
  }
  left->len = static_cast<std::uint16_t>(ll + count);
  right->len = static_cast<std::uint16_t>(rl - count);
}

// Rotates `count` slots from parent's child i (left) to child i + 1 (right), through the
// separator key i. Preconditions (checked): 1 <= count <= left->len, right->len + count <= C.
template <class P>
void rotate_right(internal_node<P>* parent, std::size_t i, std::size_t count) noexcept {
  leaf_node<P>* left = parent->edges[i];
  leaf_node<P>* right = parent->edges[i + 1];
  const std::size_t ll = left->len, rl = right->len;
  BARE_ASSERT(count >= 1 && count <= ll && rl + count <= P::capacity, "bare::btree: rotate_right out of bounds");
  shift_slots(right, 0, count, rl);
  move_slots(right->slot(count - 1), parent->slot(i), 1);
  move_slots(right->slot(0), left->slot(ll - count + 1), count - 1);
  move_slots(parent->slot(i), left->slot(ll - count), 1);
  if (!left->is_leaf()) {
    internal_node<P>* l = left->as_internal();
    internal_node<P>* r = right->as_internal();
    shift_edges(r, 0, count, rl + 1);
    __builtin_memcpy(r->edges, l->edges + ll - count + 1, count * sizeof(void*));
    fix_links(r, 0, rl + count + 1);
  }
  left->len = static_cast<std::uint16_t>(ll - count);
  right->len = static_cast<std::uint16_t>(rl + count);
}

// Merges parent's child i + 1 into child i with separator key i between them, removes key i
// and edge i + 1 from parent, and returns the emptied right node (the caller frees it).
// Precondition (checked): left->len + 1 + right->len <= C.
template <class P>
leaf_node<P>* merge_children(internal_node<P>* parent, std::size_t i) noexcept {
  leaf_node<P>* left = parent->edges[i];
  leaf_node<P>* right = parent->edges[i + 1];
  const std::size_t ll = left->len, rl = right->len;
  BARE_ASSERT(ll + 1 + rl <= P::capacity, "bare::btree: merge overflows a node");
  move_slots(left->slot(ll), parent->slot(i), 1);
  move_slots(left->slot(ll + 1), right->slot(0), rl);
  if (!left->is_leaf()) {
    internal_node<P>* l = left->as_internal();
    __builtin_memcpy(l->edges + ll + 1, right->as_internal()->edges, (rl + 1) * sizeof(void*));
    fix_links(l, ll + 1, ll + rl + 2);
  }
  left->len = static_cast<std::uint16_t>(ll + 1 + rl);
  close_gap(parent, i);  // slot i was moved out; drops edge i + 1
  return right;
}

// ---- allocation -----------------------------------------------------------------------------

// Frees a node's block (its elements are already destroyed or moved out).
template <class P, allocator A>
void free_node(A& a, leaf_node<P>* n) noexcept {
  if (n->is_leaf()) a.deallocate(static_cast<void*>(n), leaf_layout<P>);
  else a.deallocate(static_cast<void*>(n->as_internal()), internal_layout<P>);
}

// Destroys every element of the subtree under n and frees its nodes. O(nodes); the recursion
// is as deep as the tree (at most a few dozen levels).
template <class P, allocator A>
void destroy_subtree(A& a, leaf_node<P>* n) noexcept {
  if (!n->is_leaf()) {
    internal_node<P>* in = n->as_internal();
    for (std::size_t i = 0; i <= n->len; ++i) destroy_subtree(a, in->edges[i]);
  }
  destroy_slots(n->slot(0), n->len);
  free_node(a, n);
}


// An empty, unlinked node in the node-sized block p.
template <class P>
leaf_node<P>* new_leaf(void* p) noexcept {
  leaf_node<P>* n = ::new (p) leaf_node<P>;
  n->parent = nullptr;
  n->parent_idx = 0;
  n->len = 0;
  n->level = 0;
  return n;
}
template <class P>
internal_node<P>* new_internal(void* p, std::size_t level) noexcept {
  internal_node<P>* n = ::new (p) internal_node<P>;
  n->parent = nullptr;
  n->parent_idx = 0;
  n->len = 0;
  n->level = static_cast<std::uint8_t>(level);
  return n;
}

// ---- the tree's state and its stash of spare nodes -------------------------------------------
//
// A spare node is a node-sized block that holds no node: it starts with a spare_link (the next
// spare and how many spares follow, itself included), so the stash needs one pointer per kind
// of node and answers "how many" in O(1).
struct spare_link {
  void* next;
  std::size_t count;
};

inline std::size_t spare_count(const void* head) noexcept {
  return head == nullptr ? 0 : static_cast<const spare_link*>(head)->count;
}
inline void push_spare(void*& head, void* block) noexcept {
  head = ::new (block) spare_link{head, spare_count(head) + 1};
}
// Precondition (checked): the list is not empty.
inline void* pop_spare(void*& head) noexcept {
  BARE_ASSERT(head != nullptr, "bare::btree: spare node list exhausted (insert plan was wrong)");
  spare_link* s = static_cast<spare_link*>(head);
  head = s->next;
  return static_cast<void*>(s);
}

// Frees the first n blocks of the list (layout l). Precondition: the list holds n.
template <allocator A>
void free_spares(A& a, void*& head, std::size_t n, layout l) noexcept {
  for (; n > 0; --n) a.deallocate(pop_spare(head), l);
}
// Pushes n newly allocated blocks of layout l onto the list. On failure the blocks this call
// pushed are freed again and the list is as before.
template <allocator A>
result<void> push_new_spares(A& a, void*& head, std::size_t n, layout l) noexcept {
  for (std::size_t i = 0; i < n; ++i) {
    void* p = a.allocate(l);
    if (BARE_UNLIKELY(p == nullptr)) {
      const alloc_error e = alloc_failed(a, l);
      free_spares(a, head, i, l);
      return err(e);
    }
    push_spare(head, p);
  }
  return {};
}
// Allocates `leaves` leaf blocks and `internals` internal blocks onto two lists, all or
// nothing.
template <class P, allocator A>
result<void> push_new_nodes(A& a, void*& leaf_list, std::size_t leaves, void*& internal_list,
                            std::size_t internals) noexcept {
  BARE_TRY(push_new_spares(a, leaf_list, leaves, leaf_layout<P>));
  auto r = push_new_spares(a, internal_list, internals, internal_layout<P>);
  if (!r) {
    free_spares(a, leaf_list, leaves, leaf_layout<P>);
    return err(r.error());
  }
  return {};
}

// Representation invariant:
//   root == nullptr iff len == 0 (an empty tree owns no node, only perhaps spares);
//   otherwise root is a node with parent == nullptr and the tree under it holds len elements
//   and satisfies the node invariants (node.hpp); root->level is the height;
//   spare_leaves / spare_internals are lists of leaf-sized / internal-sized blocks allocated
//   by alloc, holding no elements (try_reserve's reserve).
template <class P, allocator A>
struct tree_state {
  static_assert(sizeof(spare_link) <= sizeof(leaf_node<P>) && alignof(spare_link) <= alignof(leaf_node<P>),
                "a spare_link must fit in a leaf block");
  leaf_node<P>* root = nullptr;
  std::size_t len = 0;
  void* spare_leaves = nullptr;
  void* spare_internals = nullptr;
  [[no_unique_address]] A alloc;

  tree_state() noexcept requires std::default_initializable<A> : alloc() {}
  explicit tree_state(A a) noexcept : alloc(static_cast<A&&>(a)) {}

  leaf_node<P>* take_leaf() noexcept { return new_leaf<P>(pop_spare(spare_leaves)); }
  internal_node<P>* take_internal(std::size_t level) noexcept {
    return new_internal<P>(pop_spare(spare_internals), level);
  }

  // Makes the stash hold at least `leaves` leaf blocks and `internals` internal blocks. O(blocks
  // allocated). On failure the blocks allocated by this call are freed again: nothing changed.
  result<void> ensure_spares(std::size_t leaves, std::size_t internals) noexcept {
    const std::size_t hl = spare_count(spare_leaves), hi = spare_count(spare_internals);
    return push_new_nodes<P>(alloc, spare_leaves, leaves > hl ? leaves - hl : 0, spare_internals,
                             internals > hi ? internals - hi : 0);
  }
  // Frees spare blocks until at most `leaves` / `internals` remain.
  void trim_spares(std::size_t leaves, std::size_t internals) noexcept {
    const std::size_t hl = spare_count(spare_leaves), hi = spare_count(spare_internals);
    if (hl > leaves) free_spares(alloc, spare_leaves, hl - leaves, leaf_layout<P>);
    if (hi > internals) free_spares(alloc, spare_internals, hi - internals, internal_layout<P>);
  }
};

}  // namespace bare::detail::btree
