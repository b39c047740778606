// bare/detail/btree/node.hpp — the nodes of btree_map / btree_set: parameters, layout, and the
// node-level moves every algorithm is made of (open and close a gap, rotate elements between
// siblings through their parent, merge two siblings).
//
// A node is a block laid out as if it were
//
//   struct leaf {                           // every node starts like this
//     node_base  h;                         // parent, parent_idx, len, level (below)
//     K          keys[C];                   // [0, len) alive, in order
//     V          vals[C];                   // [0, len) alive; absent for a set (V = void)
//   };
//   struct internal {
//     leaf       l;
//     node_base* edges[C + 1];              // [0, len] point to the children
//   };
//
// (node_layout<P> is that pseudo-struct: it gives the sizes and offsets; nodes are only ever
// handled as node_base* plus offsets.) A leaf carries no child pointers, and keys are
// contiguous for the search. Invariants (verified by check.hpp): a node of length n has n
// keys, n values, and (internal) n + 1 edges; every edge's parent / parent_idx point back;
// every child is one level lower; every node but the root holds at least min_len = (C - 1) / 2
// keys; keys are in order across the whole tree (in-order: edge 0, key 0, edge 1, key 1, ...,
// edge n). The root's level is the height of the tree, so the tree object needs no height field.
//
// Two layers (STYLE 4, a typed shell over an untyped core). The structural algorithms (open
// or close a gap, rotate, merge, the insertion's splits and the removal's rebalancing, in
// insert.hpp / remove.hpp) only move slots and edges: they are written once, against a
// node_shape (the sizes and offsets of the arrays, plus, for keys or values that are not
// trivially relocatable, a function that moves them), not once per K and V. libstdc++ keeps
// its red-black rebalancing out of the templates the same way; on Cortex-M every map type
// then shares one copy of that code. What needs the element types (constructing, comparing,
// destroying, searching, iterating) is typed: the accessors below give a node's keys and
// values as K* / V*, with the same offsets, known at compile time.
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

// ---- layout -------------------------------------------------------------------------------

// The header every node starts with.
struct node_base {
  node_base* parent;          // an internal node; nullptr for the root
  std::uint16_t parent_idx;   // this node is parent's edge parent_idx
  std::uint16_t len;          // keys (and values) held, <= C
  std::uint8_t level;         // 0 for a leaf; a child's level + 1 above
  bool is_leaf() const noexcept { return level == 0; }
};

template <class T, std::size_t N>
struct raw_array {
  alignas(T) unsigned char bytes[N * sizeof(T)];
};
// A set has no values: no storage.
template <std::size_t N>
struct raw_array<void, N> {};

// A set has no values, and a "pointer" to them that ignores arithmetic.
struct no_value_ptr {
  constexpr no_value_ptr operator+(std::size_t) const noexcept { return {}; }
};
template <class V>
using value_ptr = std::conditional_t<std::is_void_v<V>, no_value_ptr, V*>;

// The layout of the nodes of P (the pseudo-structs of the header comment, as real structs that
// are never instantiated: they give sizeof, alignof and offsetof).
template <class P>
struct node_layout {
  using K = typename P::key_type;
  using V = typename P::mapped_type;
  static constexpr std::size_t C = P::capacity;
  struct leaf {
    node_base h;
    raw_array<K, C> keys;
    [[no_unique_address]] raw_array<V, C> vals;
  };
  struct internal {
    leaf l;
    node_base* edges[C + 1];
  };
  static_assert(std::is_standard_layout_v<leaf> && std::is_standard_layout_v<internal>);
  static constexpr std::size_t keys_off = offsetof(leaf, keys);
  static constexpr std::size_t vals_off = P::has_values ? offsetof(leaf, vals) : 0;
  static constexpr std::size_t edges_off = offsetof(internal, edges);
  static constexpr layout leaf_block = layout_of<leaf>;
  static constexpr layout internal_block = layout_of<internal>;
};

template <class P>
inline constexpr layout leaf_layout = node_layout<P>::leaf_block;
template <class P>
inline constexpr layout internal_layout = node_layout<P>::internal_block;

// Moves n objects from src to dst and ends the sources' lifetime; the two runs may overlap
// (memmove's contract).
using move_fn = void (*)(void* dst, void* src, std::size_t n) noexcept;

template <class T>
void move_objects(void* dst, void* src, std::size_t n) noexcept {
  // (relocate_overlapping orders the two runs by address; when they are in different nodes
  // that order is arbitrary, and either direction is right.)
  relocate_overlapping(static_cast<T*>(dst), static_cast<T*>(src), n);
}

// nullptr for a trivially relocatable T (its bytes are moved).
template <class T>
constexpr move_fn mover() noexcept {
  if constexpr (is_trivially_relocatable_v<T>) return nullptr;
  else return &move_objects<T>;
}

// What the untyped algorithms know about the nodes of one P: capacity, the arrays' element
// sizes and offsets, how to move keys and values, and the two block layouts (to free nodes).
struct node_shape {
  std::size_t capacity;   // C
  std::size_t min_len;    // P::min_len
  std::size_t key_size;   // sizeof(K)
  std::size_t val_size;   // sizeof(V); 0 for a set
  std::size_t keys_off;   // offset of keys[0] in a node
  std::size_t vals_off;   // offset of vals[0] (unused for a set)
  std::size_t edges_off;  // offset of edges[0] in an internal node
  move_fn move_keys;      // nullptr: memmove
  move_fn move_vals;
  layout leaf;
  layout internal;
};

template <class P>
inline constexpr node_shape shape_of = {
    P::capacity,
    P::min_len,
    sizeof(typename P::key_type),
    [] {
      if constexpr (P::has_values) return sizeof(typename P::mapped_type);
      else return std::size_t{0};
    }(),
    node_layout<P>::keys_off,
    node_layout<P>::vals_off,
    node_layout<P>::edges_off,
    mover<typename P::key_type>(),
    [] {
      if constexpr (P::has_values) return mover<typename P::mapped_type>();
      else return move_fn{nullptr};
    }(),
    leaf_layout<P>,
    internal_layout<P>,
};

// ---- typed access ---------------------------------------------------------------------------

inline char* bytes_of(node_base* n) noexcept { return reinterpret_cast<char*>(n); }
inline const char* bytes_of(const node_base* n) noexcept { return reinterpret_cast<const char*>(n); }

// The edges of internal node n.
inline node_base** edges(const node_shape& s, node_base* n) noexcept {
  return reinterpret_cast<node_base**>(bytes_of(n) + s.edges_off);
}
inline node_base* const* edges(const node_shape& s, const node_base* n) noexcept {
  return reinterpret_cast<node_base* const*>(bytes_of(n) + s.edges_off);
}
template <class P>
node_base** edges(node_base* n) noexcept {
  return edges(shape_of<P>, n);
}
template <class P>
node_base* const* edges(const node_base* n) noexcept {
  return edges(shape_of<P>, n);
}

template <class P>
typename P::key_type* keys(node_base* n) noexcept {
  return reinterpret_cast<typename P::key_type*>(bytes_of(n) + node_layout<P>::keys_off);
}
template <class P>
const typename P::key_type* keys(const node_base* n) noexcept {
  return reinterpret_cast<const typename P::key_type*>(bytes_of(n) + node_layout<P>::keys_off);
}
template <class P>
typename P::key_type& key(node_base* n, std::size_t i) noexcept {
  return keys<P>(n)[i];
}
template <class P>
const typename P::key_type& key(const node_base* n, std::size_t i) noexcept {
  return keys<P>(n)[i];
}
template <class P>
value_ptr<typename P::mapped_type> vals(node_base* n) noexcept {
  using V = typename P::mapped_type;
  if constexpr (P::has_values) return reinterpret_cast<V*>(bytes_of(n) + node_layout<P>::vals_off);
  else return {};
}

// Where one slot (a key and its value) lives: in a node, or in a temporary.
template <class P>
struct slot_ptr {
  using K = typename P::key_type;
  K* k;
  value_ptr<typename P::mapped_type> v;
  slot_ptr operator+(std::size_t i) const noexcept { return {k + i, v + i}; }
};
template <class P>
slot_ptr<P> slot(node_base* n, std::size_t i) noexcept {
  return slot_ptr<P>{keys<P>(n) + i, vals<P>(n) + i};
}

// A key and a value outside any node (an element on its way out).
template <class P>
struct kv_temp {
  raw_array<typename P::key_type, 1> k_;
  [[no_unique_address]] raw_array<typename P::mapped_type, 1> v_;
  slot_ptr<P> slot() noexcept {
    auto* k = reinterpret_cast<typename P::key_type*>(k_.bytes);
    if constexpr (P::has_values) return {k, reinterpret_cast<typename P::mapped_type*>(v_.bytes)};
    else return {k, {}};
  }
};

// n slots from src to dst, which belong to different nodes or temporaries.
template <class T>
void relocate_to(T* dst, T* src, std::size_t n) noexcept {
  if constexpr (is_trivially_relocatable_v<T>) {
    if (n != 0) __builtin_memcpy(static_cast<void*>(dst), static_cast<const void*>(src), n * sizeof(T));
  } else {
    relocate_nonoverlapping<T>(dst, src, n);
  }
}
template <class P>
void move_slots(slot_ptr<P> dst, slot_ptr<P> src, std::size_t n) noexcept {
  relocate_to(dst.k, src.k, n);
  if constexpr (P::has_values) relocate_to(dst.v, src.v, n);
}
// Slots [from, from + n) of node a to [to, to + n) of node b, keys and values, typed (a
// constant element size: for trivially relocatable elements a single slot is a plain copy and
// a run one memmove per array; others move one by one). The runs may overlap (the same node).
template <class P>
BARE_ALWAYS_INLINE void shift_typed(node_base* b, std::size_t to, node_base* a, std::size_t from, std::size_t n) noexcept {
  relocate_overlapping(keys<P>(b) + to, keys<P>(a) + from, n);
  if constexpr (P::has_values) relocate_overlapping(vals<P>(b) + to, vals<P>(a) + from, n);
}
// One slot of node a to slot `to` of another node b.
template <class P>
BARE_ALWAYS_INLINE void move_one_typed(node_base* b, std::size_t to, node_base* a, std::size_t from) noexcept {
  move_slots<P>(slot<P>(b, to), slot<P>(a, from), 1);
}
template <class P>
void destroy_slots(slot_ptr<P> s, std::size_t n) noexcept {
  destroy_n(s.k, n);
  if constexpr (P::has_values) destroy_n(s.v, n);
}

// ---- untyped moves ----------------------------------------------------------------------------
// Preconditions are on the structure only (never on key order), so a comparator that is not a
// strict weak order can give wrong answers but never make these read or write out of bounds.

// n objects of `size` bytes through f, or as bytes.
inline void move_array(move_fn f, char* dst, char* src, std::size_t n, std::size_t size) noexcept {
  if (f != nullptr) f(dst, src, n);
  else __builtin_memmove(dst, src, n * size);
}
#if !defined(__OPTIMIZE_SIZE__)
// One object of `size` bytes through f, or as bytes. One of 4 or 8 bytes (an int, a pointer,
// a u64) is copied inline: a call to memmove costs more than the move, and rotations and
// splits move separators one at a time (measured, random insertion into a u64 -> u64 map at
// 10^3: ~15% slower with every single move through memmove).
inline void move_one(move_fn f, char* dst, char* src, std::size_t size) noexcept {
  if (f != nullptr) {
    f(dst, src, 1);
  } else if (size == 8) {
    std::uint64_t v;
    __builtin_memcpy(&v, src, 8);
    __builtin_memcpy(dst, &v, 8);
  } else if (size == 4) {
    std::uint32_t v;
    __builtin_memcpy(&v, src, 4);
    __builtin_memcpy(dst, &v, 4);
  } else {
    __builtin_memmove(dst, src, size);
  }
}
#endif

inline char* key_addr(const node_shape& s, node_base* n, std::size_t i) noexcept {
  return bytes_of(n) + s.keys_off + i * s.key_size;
}
inline char* val_addr(const node_shape& s, node_base* n, std::size_t i) noexcept {
  return bytes_of(n) + s.vals_off + i * s.val_size;
}

// Slots [si, si + n) of node src to [di, di + n) of node dst, keys and values; the runs may
// overlap (the same node). Out of line, as fix_links and move_edges: the structural operations
// call them a dozen times, and each inlined copy (clang -Os inlined them) repeats the shape's
// address arithmetic (2.4 KB of the wasm32 map program).
BARE_NOINLINE inline void move_slots(const node_shape& s, node_base* dst, std::size_t di, node_base* src, std::size_t si,
                       std::size_t n) noexcept {
  move_array(s.move_keys, key_addr(s, dst, di), key_addr(s, src, si), n, s.key_size);
  if (s.val_size != 0) move_array(s.move_vals, val_addr(s, dst, di), val_addr(s, src, si), n, s.val_size);
}
// One slot. In builds optimised for size (-Os) through move_slots: there the inline copies of
// move_one are only code (96 bytes of the Cortex-M4 map program).
inline void move_slot(const node_shape& s, node_base* dst, std::size_t di, node_base* src, std::size_t si) noexcept {
#if defined(__OPTIMIZE_SIZE__)
  move_slots(s, dst, di, src, si, 1);
#else
  move_one(s.move_keys, key_addr(s, dst, di), key_addr(s, src, si), s.key_size);
  if (s.val_size != 0) move_one(s.move_vals, val_addr(s, dst, di), val_addr(s, src, si), s.val_size);
#endif
}

// Points edges [from, to) of node n back at it.
BARE_NOINLINE inline void fix_links(const node_shape& s, node_base* n, std::size_t from, std::size_t to) noexcept {
  node_base** e = edges(s, n);
  for (std::size_t i = from; i < to; ++i) {
    e[i]->parent = n;
    e[i]->parent_idx = static_cast<std::uint16_t>(i);
  }
}

// Edges [si, si + n) of internal node src to [di, di + n) of internal node dst (the runs may
// overlap), then pointed back at dst.
BARE_NOINLINE inline void move_edges(const node_shape& s, node_base* dst, std::size_t di, node_base* src, std::size_t si,
                       std::size_t n) noexcept {
  __builtin_memmove(edges(s, dst) + di, edges(s, src) + si, n * sizeof(node_base*));
  fix_links(s, dst, di, di + n);
}

// ---- node-level operations --------------------------------------------------------------------

// Opens a gap at slot idx of node n (len < C): slots [idx, len) and, for an internal node,
// edges [idx + 1, len] move one to the right. The length counts the gap; the caller fills
// slot idx (and, internal, edge idx + 1).
inline void open_gap(const node_shape& s, node_base* n, std::size_t idx) noexcept {
  const std::size_t len = n->len;
  BARE_ASSERT(len < s.capacity && idx <= len, "bare::btree: open_gap out of bounds");
  move_slots(s, n, idx + 1, n, idx, len - idx);
  if (!n->is_leaf()) move_edges(s, n, idx + 2, n, idx + 1, len - idx);
  n->len = static_cast<std::uint16_t>(len + 1);
}

// Closes the gap at slot idx (already moved out or destroyed): slots (idx, len) move one to
// the left and, for an internal node, edges (idx + 1, len] too (edge idx + 1 is dropped).
inline void close_gap(const node_shape& s, node_base* n, std::size_t idx) noexcept {
  const std::size_t len = n->len;
  BARE_ASSERT(idx < len, "bare::btree: close_gap out of bounds");
  move_slots(s, n, idx, n, idx + 1, len - idx - 1);
  if (!n->is_leaf()) move_edges(s, n, idx + 1, n, idx + 2, len - idx - 1);
  n->len = static_cast<std::uint16_t>(len - 1);
}

// The leaf forms of open_gap / close_gap, typed: the fast paths of insertion and removal,
// inlined where they are used, with the element sizes known (memmoves of a constant element
// size; through the shape they cost a call, loads and tests on every insertion). In builds
// optimised for size (-Os), the shared open_gap / close_gap instead (104 bytes less in the
// Cortex-M4 map program).
template <class P>
BARE_ALWAYS_INLINE void open_leaf_gap(node_base* leaf, std::size_t idx) noexcept {
#if defined(__OPTIMIZE_SIZE__)
  open_gap(shape_of<P>, leaf, idx);
#else
  const std::size_t len = leaf->len;
  BARE_ASSERT(len < P::capacity && idx <= len, "bare::btree: open_gap out of bounds");
  shift_typed<P>(leaf, idx + 1, leaf, idx, len - idx);
  leaf->len = static_cast<std::uint16_t>(len + 1);
#endif
}
template <class P>
BARE_ALWAYS_INLINE void close_leaf_gap(node_base* leaf, std::size_t idx) noexcept {
#if defined(__OPTIMIZE_SIZE__)
  close_gap(shape_of<P>, leaf, idx);
#else
  const std::size_t len = leaf->len;
  BARE_ASSERT(idx < len, "bare::btree: close_gap out of bounds");
  shift_typed<P>(leaf, idx, leaf, idx + 1, len - idx - 1);
  leaf->len = static_cast<std::uint16_t>(len - 1);
#endif
}

// Moves slots [from, from + n) of node n to [to, to + n) and, if internal, its edges
// [from, from + n + 1) to [to, to + n + 1).
inline void shift_run(const node_shape& s, node_base* node, std::size_t to, std::size_t from, std::size_t n,
                      bool internal) noexcept {
  move_slots(s, node, to, node, from, n);
  if (internal) move_edges(s, node, to, node, from, n + 1);
}

// Rotates `count` slots between parent's children i (left) and i + 1 (right), through the
// separator key i; to_left says which way. The receiver gets, at its end facing the donor, the
// separator and the donor's count - 1 nearest slots (and, internal, the donor's count nearest
// edges); the donor's count-th nearest slot becomes the separator:
//
//   to_left:   L = [a b] sep = s R = [c d e f]   count 2  ->  L = [a b s c] sep = d R = [e f]
//   to_right:  L = [a b c d] sep = s R = [e f]   count 2  ->  L = [a b] sep = c R = [d s e f]
//
// One function for both directions: they differ in indices, and in whether the right node
// shifts before (to_right, to make room) or after (to_left, to close the gap) the moves.
// Preconditions (checked): 1 <= count <= donor's len, receiver's len + count <= C.
inline void rotate(const node_shape& s, node_base* parent, std::size_t i, std::size_t count, bool to_left) noexcept {
  node_base* left = edges(s, parent)[i];
  node_base* right = edges(s, parent)[i + 1];
  const std::size_t ll = left->len, rl = right->len;
  node_base* recv = to_left ? left : right;
  node_base* donor = to_left ? right : left;
  BARE_ASSERT(count >= 1 && count <= donor->len && recv->len + count <= s.capacity,
              "bare::btree: rotate out of bounds");
  const bool internal = !left->is_leaf();
  // The right node's shift: its elements from `count` to 0 (to_left) or from 0 to `count`.
  const std::size_t shift_from = to_left ? count : 0, shift_to = to_left ? 0 : count;
  const std::size_t shift_len = to_left ? rl - count : rl;
  if (!to_left) shift_run(s, right, shift_to, shift_from, shift_len, internal);
  // The block that crosses: in the receiver from recv_at, out of the donor from donor_at.
  const std::size_t recv_at = to_left ? ll : 0, donor_at = to_left ? 0 : ll - count;
  move_slot(s, recv, to_left ? recv_at : recv_at + count - 1, parent, i);
  move_slots(s, recv, recv_at + to_left, donor, donor_at + !to_left, count - 1);
  move_slot(s, parent, i, donor, to_left ? donor_at + count - 1 : donor_at);
  if (internal) move_edges(s, recv, recv_at + to_left, donor, donor_at + !to_left, count);
  if (to_left) shift_run(s, right, shift_to, shift_from, shift_len, internal);
  left->len = static_cast<std::uint16_t>(to_left ? ll + count : ll - count);
  right->len = static_cast<std::uint16_t>(to_left ? rl - count : rl + count);
}
inline void rotate_left(const node_shape& s, node_base* parent, std::size_t i, std::size_t count) noexcept {
  rotate(s, parent, i, count, true);
}
inline void rotate_right(const node_shape& s, node_base* parent, std::size_t i, std::size_t count) noexcept {
  rotate(s, parent, i, count, false);
}

// Merges parent's child i + 1 into child i with separator key i between them, removes key i
// and edge i + 1 from parent, and returns the emptied right node (the caller frees it).
// Precondition (checked): left->len + 1 + right->len <= C.
inline node_base* merge_children(const node_shape& s, node_base* parent, std::size_t i) noexcept {
  node_base* left = edges(s, parent)[i];
  node_base* right = edges(s, parent)[i + 1];
  const std::size_t ll = left->len, rl = right->len;
  BARE_ASSERT(ll + 1 + rl <= s.capacity, "bare::btree: merge overflows a node");
  move_slot(s, left, ll, parent, i);
  move_slots(s, left, ll + 1, right, 0, rl);
  if (!left->is_leaf()) move_edges(s, left, ll + 1, right, 0, rl + 1);
  left->len = static_cast<std::uint16_t>(ll + 1 + rl);
  close_gap(s, parent, i);  // slot i was moved out; drops edge i + 1
  return right;
}

// ---- allocation -----------------------------------------------------------------------------

// Frees a node's block (its elements are already destroyed or moved out).
template <allocator A>
void free_node(A& a, const node_shape& s, node_base* n) noexcept {
  a.deallocate(static_cast<void*>(n), n->is_leaf() ? s.leaf : s.internal);
}

// Frees every node under n without touching elements (they were all moved out or need no
// destruction). The recursion is as deep as the tree (at most a few dozen levels).
template <allocator A>
void free_nodes(A& a, const node_shape& s, node_base* n) noexcept {
  if (!n->is_leaf())
    for (std::size_t i = 0; i <= n->len; ++i) free_nodes(a, s, edges(s, n)[i]);
  free_node(a, s, n);
}

// Destroys every element of the subtree under n and frees its nodes. O(nodes).
template <class P, allocator A>
void destroy_subtree(A& a, node_base* n) noexcept {
  if constexpr (std::is_trivially_destructible_v<typename P::key_type> &&
                (!P::has_values || std::is_trivially_destructible_v<typename P::mapped_type>)) {
    free_nodes(a, shape_of<P>, n);
  } else {
    if (!n->is_leaf())
      for (std::size_t i = 0; i <= n->len; ++i) destroy_subtree<P>(a, edges<P>(n)[i]);
    destroy_slots(slot<P>(n, 0), n->len);
    free_node(a, shape_of<P>, n);
  }
}

// An empty, unlinked node of the given level in the node-sized block p.
inline node_base* new_node(void* p, std::size_t level) noexcept {
  return ::new (p) node_base{nullptr, 0, 0, static_cast<std::uint8_t>(level)};
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
// Pushes up to n newly allocated blocks of layout l onto the list and returns how many: fewer
// than n when an allocation failed (then the caller frees those it pushed).
template <allocator A>
std::size_t push_new_spares(A& a, void*& head, std::size_t n, layout l) noexcept {
  std::size_t i = 0;
  for (; i < n; ++i) {
    void* p = a.allocate(l);
    if (BARE_UNLIKELY(p == nullptr)) break;
    push_spare(head, p);
  }
  return i;
}
// Allocates `leaves` leaf blocks and `internals` internal blocks (layouts of shape s) onto two
// lists, all or nothing: on failure the blocks allocated here are freed again and the error
// names the layout that could not be had.
template <allocator A>
result<void> push_new_nodes(A& a, const node_shape& s, void*& leaf_list, std::size_t leaves, void*& internal_list,
                            std::size_t internals) noexcept {
  const std::size_t got_leaves = push_new_spares(a, leaf_list, leaves, s.leaf);
  std::size_t got_internals = 0;
  layout failed = s.leaf;
  if (got_leaves == leaves) {
    got_internals = push_new_spares(a, internal_list, internals, s.internal);
    if (BARE_LIKELY(got_internals == internals)) return {};
    failed = s.internal;
  }
  const alloc_error e = alloc_failed(a, failed);  // (before freeing: the allocator's last failure)
  free_spares(a, leaf_list, got_leaves, s.leaf);
  free_spares(a, internal_list, got_internals, s.internal);
  return err(e);
}

// The part of a tree's state the untyped algorithms use.
// Representation invariant:
//   root == nullptr iff len == 0 (an empty tree owns no node, only perhaps spares);
//   otherwise root is a node with parent == nullptr and the tree under it holds len elements
//   and satisfies the node invariants (above); root->level is the height;
//   spare_leaves / spare_internals are lists of leaf-sized / internal-sized blocks allocated
//   by the tree's allocator, holding no elements (try_reserve's reserve).
struct tree_base {
  node_base* root = nullptr;
  std::size_t len = 0;
  void* spare_leaves = nullptr;
  void* spare_internals = nullptr;

  node_base* take_leaf() noexcept { return new_node(pop_spare(spare_leaves), 0); }
  node_base* take_internal(std::size_t level) noexcept { return new_node(pop_spare(spare_internals), level); }
};

// Makes t's stash hold at least `leaves` leaf blocks and `internals` internal blocks. O(blocks
// allocated). On failure the blocks allocated by this call are freed again: nothing changed.
template <allocator A>
result<void> ensure_spares(const node_shape& s, tree_base& t, A& a, std::size_t leaves,
                           std::size_t internals) noexcept {
  const std::size_t hl = spare_count(t.spare_leaves), hi = spare_count(t.spare_internals);
  return push_new_nodes(a, s, t.spare_leaves, leaves > hl ? leaves - hl : 0, t.spare_internals,
                        internals > hi ? internals - hi : 0);
}

// The state of a tree of P with allocator A.
template <class P, allocator A>
struct tree_state : tree_base {
  static_assert(sizeof(spare_link) <= leaf_layout<P>.size && alignof(spare_link) <= leaf_layout<P>.align,
                "a spare_link must fit in a leaf block");
  [[no_unique_address]] A alloc;

  tree_state() noexcept requires std::default_initializable<A> : alloc() {}
  explicit tree_state(A a) noexcept : alloc(static_cast<A&&>(a)) {}

  // Frees spare blocks until at most `leaves` / `internals` remain.
  void trim_spares(std::size_t leaves, std::size_t internals) noexcept {
    const std::size_t hl = spare_count(spare_leaves), hi = spare_count(spare_internals);
    if (hl > leaves) free_spares(alloc, spare_leaves, hl - leaves, leaf_layout<P>);
    if (hi > internals) free_spares(alloc, spare_internals, hi - internals, internal_layout<P>);
  }
};

}  // namespace bare::detail::btree
