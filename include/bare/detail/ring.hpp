// bare/detail/ring.hpp — the ring-buffer core of vec_deque: index arithmetic on a ring of any
// capacity (not a power of two), moving runs of elements inside a ring, and (re)allocating a
// ring's block. The block is allocated as raw_vec.hpp's (same layout, same growth policy:
// detail::next_capacity); ring_resize is the ring's own (re)allocation path.
//
// A ring of `cap` slots holding `len` elements from physical slot `head`:
//
//   not wrapped (head + len <= cap)        wrapped (head + len > cap)
//   [ . . . A B C D E . . ]                [ F G H . . . . A B C D E ]
//           ^head                            tail piece      ^head: head piece
//
// Logical index i lives in slot (head + i) mod cap; the modulo is one subtract and a
// conditional move, because head < cap and i <= cap.
#pragma once

#include <cstddef>
#include <type_traits>

#include "bare/alloc/allocator.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/result.hpp"

namespace bare::detail {

// Slot of logical position i when head < cap (or head == 0) and i <= cap. Any i is allowed
// (unsigned arithmetic only: the accessors call it before their index check); the result is
// a slot only under those conditions.
constexpr std::size_t ring_wrap(std::size_t head, std::size_t i, std::size_t cap) noexcept {
  const std::size_t p = head + i;
  // The subtraction's borrow is the comparison (sub + cmov; p >= cap ? p - cap : p compiled
  // to mov, sub, cmp and cmov).
  std::size_t q = 0;
  return __builtin_sub_overflow(p, cap, &q) ? p : q;
}

// The slot after `slot` (the step of pop_front: kept short, it is on the loop-carried path of a
// queue). The wrap is a branch marked rare, not a conditional move: a predicted branch takes
// the compare off the dependency chain from one head to the next (add, compare, cmov: three
// cycles per pop; add: one). Measured (bench group deque, steady_queue, u64, 10^4): 0.85 ->
// 0.68 ns per push_back + pop_front. Preconditions: slot < cap.
constexpr std::size_t ring_next(std::size_t slot, std::size_t cap) noexcept {
  std::size_t n = slot + 1;
  if (__builtin_expect_with_probability(n == cap, 0, 0.001)) n = 0;
  return n;
}

// Slot n positions before `slot`. Preconditions: slot < cap, n <= cap.
constexpr std::size_t ring_wrap_back(std::size_t slot, std::size_t n, std::size_t cap) noexcept {
  return slot >= n ? slot - n : slot + cap - n;
}

// A ring's block after a resize: `head` is where element 0 now lives.
struct ring_block {
  void* ptr;
  std::size_t cap;
  std::size_t head;
};

// Moves n elements between two blocks (or non-overlapping places of one block): through
// `reloc`, or memcpy when reloc is nullptr (trivially relocatable elements).
inline void relocate_elems(relocate_fn reloc, char* dst, char* src, std::size_t n, std::size_t elem_size) noexcept {
  if (n == 0) return;
  if (reloc != nullptr) reloc(dst, src, n);
  else __builtin_memcpy(dst, src, n * elem_size);
}

// After a block of old_cap slots grew in place to new_cap (its first old_cap slots kept), a
// ring that wrapped is made valid again by moving one of its pieces (Rust's
// handle_capacity_increase): the tail piece goes after the head piece if it is the shorter one
// and the new room holds it, otherwise the head piece goes to the end of the new block.
// Returns the new head. Trivially relocatable elements only (bytes are moved).
// Preconditions: head + len > old_cap (the ring wrapped), len <= old_cap < new_cap.
inline std::size_t ring_unwrap_after_grow(char* buf, std::size_t old_cap, std::size_t new_cap,
                                          std::size_t head, std::size_t len, std::size_t elem_size) noexcept {
  const std::size_t head_len = old_cap - head;
  const std::size_t tail_len = len - head_len;
  if (tail_len < head_len && new_cap - old_cap >= tail_len) {
    //   [ F G H . . A B C D E | . . . . ]  ->  [ . . . . . A B C D E | F G H . ]
    __builtin_memcpy(buf + old_cap * elem_size, buf, tail_len * elem_size);
    return head;
  }
  //   [ D E F G H . . A B C | . . . . ]  ->  [ D E F G H . . . . . | . A B C ]
  const std::size_t new_head = new_cap - head_len;
  __builtin_memmove(buf + new_head * elem_size, buf + head * elem_size, head_len * elem_size);
  return new_head;
}

// Moves the ring b (its block, capacity and head; len elements) to a block of new_cap slots
// and updates b; new_cap == 0 frees the block. The one growth and shrink path of every ring
// (vec_deque's, whatever T and A), self-contained so that a program links no second one:
//   - trivially relocatable elements (reloc == nullptr) keep their block through the
//     allocator's grow / shrink (realloc: in place when it can), when growing, or when
//     shrinking and the elements already lie in the first new_cap slots; after a growth a
//     wrapped ring gets one piece moved (ring_unwrap_after_grow), the head stays put otherwise;
//   - otherwise a new block is allocated and the elements are relocated to its slots [0, len)
//     (through reloc, or memcpy), then the old block is freed.
// On failure (the layout of new_cap slots could not be had) b and its elements are untouched.
// Preconditions: len <= b.cap, len <= new_cap <= max_elems(elem.size), new_cap != b.cap;
// b.head < b.cap, or b.cap == 0 (then b.ptr == nullptr and b.head == 0).
template <allocator A>
BARE_NOINLINE result<void> ring_resize(A& a, ring_block& b, std::size_t len, std::size_t new_cap, layout elem,
                                       relocate_fn reloc) noexcept {
  if (new_cap == 0) {  // (len == 0 here)
    raw_deallocate(a, raw_block{b.ptr, b.cap}, elem);
    b = ring_block{nullptr, 0, 0};
    return {};
  }
  const std::size_t head = len == 0 ? 0 : b.head;  // an empty ring may start anywhere: slot 0
  const std::size_t head_len = b.cap - head < len ? b.cap - head : len;  // the piece at [head, ...)
  const layout old_l{b.cap * elem.size, elem.align}, new_l{new_cap * elem.size, elem.align};
  const bool grows = new_cap > b.cap;
  const bool keep_block = reloc == nullptr && b.cap != 0 && (grows || head + len <= new_cap);
  void* p = !keep_block ? a.allocate(new_l)
            : grows     ? alloc_grow(a, b.ptr, old_l, new_l.size)
                        : alloc_shrink(a, b.ptr, old_l, new_l.size);
  if (BARE_UNLIKELY(p == nullptr)) return err(alloc_failed(a, new_l));
  char* const dst = static_cast<char*>(p);
  std::size_t new_head = 0;
  if (keep_block) {
    new_head = head;
    if (head_len < len && grows) new_head = ring_unwrap_after_grow(dst, b.cap, new_cap, head, len, elem.size);
  } else {
    char* const src = static_cast<char*>(b.ptr);
    relocate_elems(reloc, dst, src + head * elem.size, head_len, elem.size);
    relocate_elems(reloc, dst + head_len * elem.size, src, len - head_len, elem.size);
    raw_deallocate(a, raw_block{b.ptr, b.cap}, elem);
  }
  b = ring_block{p, new_cap, new_head};
  return {};
}

// Growth by the policy of next_capacity, then ring_resize; returns the new block. A stateless
// allocator is taken by value (see raw_grow): nothing of the ring is passed by address.
template <allocator A>
BARE_NOINLINE result<ring_block> ring_grow(A a, ring_block b, std::size_t len, std::size_t additional, layout elem,
                                           bool exact, relocate_fn reloc) noexcept {
  auto nc = next_capacity(b.cap, len, additional, elem, exact);
  if (!nc) return err(nc.error());
  if (auto r = ring_resize(a, b, len, *nc, elem, reloc); !r) return err(r.error());
  return b;
}

// ---- typed helpers (element moves inside one ring) ----------------------------------------

// Moves n elements from the ring slots starting at `src` to those starting at `dst` (both
// physical, wrapping at cap); the two runs may overlap. Each moved element ends its lifetime
// at the source. Works in contiguous chunks, back to front when the destination lies ahead
// of the source within n slots, else front to back, so no source is overwritten before it
// has moved.
// Preconditions: src, dst < cap; the runs fit in the ring together, i.e. n + min(distance
// forward, distance backward from src to dst) <= cap; destination slots outside the source
// run hold no live element.
template <class T>
void ring_move(T* buf, std::size_t cap, std::size_t src, std::size_t dst, std::size_t n) noexcept {
  if (n == 0 || src == dst) return;
  const std::size_t ahead = dst >= src ? dst - src : dst + cap - src;
  if (ahead < n) {
    for (std::size_t left = n; left != 0;) {
      std::size_t s_end = src + left, d_end = dst + left;  // one past the last, in (0, cap]
      if (s_end > cap) s_end -= cap;
      if (d_end > cap) d_end -= cap;
      std::size_t k = left < s_end ? left : s_end;
      if (d_end < k) k = d_end;
      relocate_overlapping(buf + d_end - k, buf + s_end - k, k);
      left -= k;
    }
  } else {
    for (std::size_t done = 0; done != n;) {
      const std::size_t s = ring_wrap(src, done, cap), d = ring_wrap(dst, done, cap);
      std::size_t k = n - done;
      if (cap - s < k) k = cap - s;
      if (cap - d < k) k = cap - d;
      relocate_overlapping(buf + d, buf + s, k);
      done += k;
    }
  }
}

// Destroys n elements from slot `first` on, wrapping. Preconditions: first < cap (or n == 0),
// n <= cap, the n slots hold live elements.
template <class T>
void ring_destroy(T* buf, std::size_t cap, std::size_t first, std::size_t n) noexcept {
  if constexpr (!std::is_trivially_destructible_v<T>) {
    const std::size_t k = cap - first < n ? cap - first : n;
    destroy_n(buf + first, k);
    destroy_n(buf, n - k);
  }
}

// Exchanges two live elements by relocation (only T's move constructor is needed).
template <class T>
void swap_elems(T* a, T* b) noexcept {
  if constexpr (is_trivially_relocatable_v<T>) {
    alignas(T) unsigned char tmp[sizeof(T)];
    __builtin_memcpy(tmp, static_cast<void*>(a), sizeof(T));
    __builtin_memcpy(static_cast<void*>(a), static_cast<const void*>(b), sizeof(T));
    __builtin_memcpy(static_cast<void*>(b), tmp, sizeof(T));
  } else {
    T tmp(static_cast<T&&>(*a));
    a->T::~T();
    ::new (static_cast<void*>(a)) T(static_cast<T&&>(*b));
    b->T::~T();
    ::new (static_cast<void*>(b)) T(static_cast<T&&>(tmp));
  }
}

// Rotates the n live elements at p left by k (p[k] becomes p[0]), by three reversals.
// Preconditions: k <= n.
template <class T>
void rotate_left_contiguous(T* p, std::size_t n, std::size_t k) noexcept {
  const auto reverse = [](T* first, T* last) noexcept {
    while (first != last && first != --last) swap_elems(first++, last);
  };
  reverse(p, p + k);
  reverse(p + k, p + n);
  reverse(p, p + n);
}

}  // namespace bare::detail
