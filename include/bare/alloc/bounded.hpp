// bare/alloc/bounded.hpp — bounded_allocator: an O(1) heap whose worst-case size is a formula,
// for programs that must prove before they run that no allocation can ever fail.
//
//   alignas(16) static unsigned char arena[bare::bounded_allocator::heap_size_bound(M, n, l)];
//   static bare::bounded_allocator heap;
//   BARE_GLOBAL_ALLOCATOR(heap);
//   ... heap.init(arena, sizeof arena) -> result<void, region_error>
//
// Algorithm: segregated power-of-two classes carved from one frontier. A request is served by a
// block of size s = the next power of two >= max(size, align, A); class k holds the blocks of
// size A·2^k. Each class has a LIFO free list. allocate pops the list of its class, or, when
// that list is empty, carves a new block at the frontier. deallocate pushes the block on its
// class's list. Blocks are never split or merged, so they never have to be searched for.
//
// Guarantees (W = sizeof(void*), A = 2W: 8 bytes on 32-bit targets, 16 on 64-bit):
//   allocate     O(1) worst case: a bit-width, one list pop or one frontier bump (plus, only
//                if MaxAlign > A, at most log2(MaxAlign / A) alignment pieces pushed). nullptr
//                iff the request is invalid, larger than max_block, more aligned than MaxAlign,
//                or its class's list is empty and the frontier has no room.
//   deallocate   O(1) worst case: one list push. Needs the layout it was allocated with (the
//                class comes from it: there is no block header).
//   grow/shrink  O(1) in place while the new size stays in the block's class; otherwise they
//                move (allocate + copy + deallocate, so both blocks are live for that moment).
//   Overhead     0 bytes per block. Internal: a request is rounded up to its power of two
//                (< 2x for requests above A/2). Minimum block A. Control structure: see
//                sizeof(basic_bounded_allocator) (one pointer and three counters per class).
//   Alignment    every block is A-aligned; a block of size s is aligned to min(s, MaxAlign).
//                Requests more aligned than MaxAlign fail.
//   Thread/ISR   not synchronised: one context, or wrap it in locked<> (interrupt masking).
//   Zero-fill    no.  ASan: free and never-used memory is poisoned.
//
// Worst-case heap size — the reason this allocator exists. Proof, in three lines:
//   1. A class-k block is carved only when class k's free list is empty, i.e. when every
//      class-k block that exists is live. So the number of class-k blocks ever carved is at
//      most peak_k, the largest number of class-k blocks live at one time.
//   2. A carve advances the frontier by s_k plus an alignment gap of at most
//      pad_k = min(s_k, MaxAlign) - A (zero with the default MaxAlign = A).
//   3. Hence the frontier never passes  H = sum over k of peak_k · (s_k + pad_k),  and an
//      allocation can fail only when the frontier would pass the capacity. No interleaving of
//      requests, however adversarial (Robson's), can do worse.
// If every request has size in [l, n] and align <= A, and the sizes of the live requests never
// add up to more than M bytes, then peak_k <= floor(M / m_k), with m_k = max(l, s_k/2 + 1) the
// smallest request that class k serves (m_0 = l). heap_size_bound(M, n, l) computes H from
// that; for l > A/2 every term is below 2M, so
//
//     H  <  2M · (1 + ceil(log2 n) - log2 A)  <  2M · (1 + ceil(log2 n)),
//
// below o1heap's published half-fit bound for the same M and n (that bound is stated for the
// half-fit algorithm; this one is proved above for this algorithm). sufficient_capacity()
// gives the tighter H of a measured run: the heap needed by *any* reordering of a workload
// with the same per-class peaks. A test drives Robson-style adversaries against a heap of
// exactly heap_size_bound(...) bytes and sees no failure, and sees the bound reached exactly.
//
// Compared with region_allocator (TLSF): no coalescing, so memory freed in one class is never
// reused by another; its worst case is bounded by the formula instead of by luck. Use
// region_allocator for general programs, this one where the heap must be sized by proof.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/region_error.hpp"
#include "bare/config.hpp"
#include "bare/detail/asan.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"

namespace bare {

struct bounded_stats {
  std::size_t capacity = 0;     // bytes between the aligned start and the end of the range
  std::size_t carved = 0;       // bytes below the frontier (blocks that exist, free or not)
  std::size_t allocated = 0;    // bytes in live blocks (rounded sizes)
  std::size_t peak = 0;         // maximum of allocated
  std::size_t allocations = 0;  // successful allocations (moves of grow/shrink included)
  std::size_t failures = 0;     // allocate/grow/shrink calls that returned nullptr
};

struct bounded_class_stats {
  std::size_t block_size = 0;  // s_k
  std::size_t blocks = 0;      // class-k blocks that exist (live or on the free list)
  std::size_t live = 0;        // class-k blocks handed out now
  std::size_t peak_live = 0;   // maximum of live
};

// MaxLog2: the largest block is 2^MaxLog2 bytes. MaxAlign: the largest alignment served.
template <unsigned MaxLog2 = (sizeof(void*) == 4 ? 24 : 32), std::size_t MaxAlign = 2 * sizeof(void*)>
class basic_bounded_allocator {
  static constexpr std::size_t W = sizeof(void*);
  static constexpr std::size_t A = 2 * W;
  static constexpr unsigned A_LOG2 = std::countr_zero(A);
  static_assert(MaxLog2 >= A_LOG2 && MaxLog2 < sizeof(std::size_t) * 8 - 1, "MaxLog2 out of range");
  static_assert(std::has_single_bit(MaxAlign) && MaxAlign >= A && MaxAlign <= (std::size_t{1} << MaxLog2),
                "MaxAlign must be a power of two in [2 * sizeof(void*), 2^MaxLog2]");

  struct node {
    node* next;
  };
  struct class_counts {
    std::size_t blocks = 0;     // class-k blocks that exist
    std::size_t live = 0;       // of which handed out
    std::size_t peak_live = 0;  // maximum of live
  };

 public:
  static constexpr unsigned class_count = MaxLog2 - A_LOG2 + 1;
  static constexpr std::size_t min_block = A;
  static constexpr std::size_t max_block = std::size_t{1} << MaxLog2;
  static constexpr std::size_t max_align = MaxAlign;

  constexpr basic_bounded_allocator() noexcept = default;
  basic_bounded_allocator(const basic_bounded_allocator&) = delete;
  basic_bounded_allocator& operator=(const basic_bounded_allocator&) = delete;

  // Forgets every block, then manages [start, start + size) (its A-aligned part). O(classes).
  // Errors: null_range, misaligned (start % sizeof(void*) != 0), wraps, too_small (not one
  // minimum block).
  result<void, region_error> init(void* start, std::size_t size) noexcept {
    if (start == nullptr) return err(region_error::null_range);
    const auto s = reinterpret_cast<std::uintptr_t>(start);
    if (s % W != 0) return err(region_error::misaligned);
    std::uintptr_t e = 0;
    if (__builtin_add_overflow(s, size, &e)) return err(region_error::wraps);
    const std::uintptr_t b = (s + (A - 1)) & ~std::uintptr_t{A - 1};
    if (b < s || b >= e || e - b < A) return err(region_error::too_small);
    for (unsigned k = 0; k < class_count; ++k) {
      heads_[k] = nullptr;
      classes_[k] = class_counts{};
    }
    stats_ = bounded_stats{};
    base_ = top_ = b;
    end_ = b + ((e - b) & ~std::uintptr_t{A - 1});
    stats_.capacity = end_ - base_;
    BARE_POISON(reinterpret_cast<void*>(base_), end_ - base_);
    return {};
  }

  // ---- the allocator interface ----------------------------------------------------------

  BARE_NO_ASAN void* allocate(layout l) noexcept {
    const unsigned k = class_of(l);
    if (k >= class_count) return fail_();
    node* n = heads_[k];
    if (n != nullptr) {
      heads_[k] = n->next;
    } else {
      n = carve_(k);
      if (n == nullptr) return fail_();
    }
    auto& c = classes_[k];
    if (++c.live > c.peak_live) c.peak_live = c.live;
    stats_.allocated += block_size(k);
    if (stats_.allocated > stats_.peak) stats_.peak = stats_.allocated;
    ++stats_.allocations;
    BARE_UNPOISON(n, l.size);
    return n;
  }

  // Precondition: p came from allocate(l) (or grow/shrink to l.size) of this allocator.
  BARE_NO_ASAN void deallocate(void* p, layout l) noexcept {
    if (p == nullptr) return;
    const unsigned k = class_of(l);
    const auto a = reinterpret_cast<std::uintptr_t>(p);
    BARE_CHECK(k < class_count && a >= base_ && a < top_ && a % block_align(k) == 0 && classes_[k].live > 0,
                "bounded_allocator: deallocate of a block it did not hand out (or a wrong layout)");
    auto* n = static_cast<node*>(p);
    n->next = heads_[k];
    heads_[k] = n;
    --classes_[k].live;
    stats_.allocated -= block_size(k);
    BARE_POISON(p, block_size(k));
  }

  void* grow(void* p, layout old, std::size_t new_size) noexcept {
    return resize_(p, old, new_size);
  }
  void* shrink(void* p, layout old, std::size_t new_size) noexcept {
    return resize_(p, old, new_size);
  }

  // ---- sizing -----------------------------------------------------------------------------

  // The class serving l (class_count if none does). O(1).
  static constexpr unsigned class_of(layout l) noexcept {
    if (!l.is_valid() || l.align > MaxAlign) return class_count;
    std::size_t need = l.size > l.align ? l.size : l.align;
    if (need > max_block) return class_count;
    if (need <= A) return 0;
    return static_cast<unsigned>(std::bit_width(need - 1)) - A_LOG2;
  }
  static constexpr std::size_t block_size(unsigned k) noexcept { return A << k; }
  // Blocks of class k are aligned to this (and carving one wastes at most it minus A).
  static constexpr std::size_t block_align(unsigned k) noexcept {
    return block_size(k) < MaxAlign ? block_size(k) : MaxAlign;
  }

  // H: a capacity with which no allocation can fail, for every sequence of requests whose
  // sizes are in [l, n] (a size 0 counts as 1), whose alignments are at most max_request_align
  // and whose live sizes never add up to more than M bytes (see the proof at the top of this
  // header). SIZE_MAX if H overflows or n is not servable. O(classes).
  static constexpr std::size_t heap_size_bound(std::size_t M, std::size_t n, std::size_t l = 1,
                                               std::size_t max_request_align = A) noexcept {
    if (l == 0) l = 1;
    if (n < l) n = l;
    if (max_request_align < 1) max_request_align = 1;
    const unsigned lo = class_of(layout{l, 1}), hi = class_of(layout{n, max_request_align});
    if (hi >= class_count) return SIZE_MAX;
    std::size_t h = 0;
    for (unsigned k = lo; k <= hi; ++k) {
      const std::size_t s = block_size(k);
      // The smallest request class k serves: a small request with a large alignment lands in
      // any class up to max_request_align.
      std::size_t m = (k == 0 || s <= max_request_align) ? 1 : s / 2 + 1;
      if (m < l) m = l;
      std::size_t term = 0;
      if (__builtin_mul_overflow(s + (block_align(k) - A), M / m, &term) || __builtin_add_overflow(h, term, &h))
        return SIZE_MAX;
    }
    return h;
  }

  // The H of the run so far: sum over classes of peak_live · (s + pad). Any reordering of
  // the same requests with the same per-class peaks fits in this many bytes. O(classes).
  std::size_t sufficient_capacity() const noexcept {
    std::size_t h = 0;
    for (unsigned k = 0; k < class_count; ++k)
      h += classes_[k].peak_live * (block_size(k) + block_align(k) - A);
    return h;
  }

  bounded_stats stats() const noexcept {
    bounded_stats s = stats_;
    s.carved = top_ - base_;
    return s;
  }
  bounded_class_stats class_stats(unsigned k) const noexcept {
    if (k >= class_count) return {};
    const class_counts& c = classes_[k];
    return {block_size(k), c.blocks, c.live, c.peak_live};
  }
  std::size_t capacity() const noexcept { return end_ - base_; }

  // Verifies every invariant: each free list holds exactly blocks - live nodes, each inside
  // the carved range and aligned for its class; the blocks tile the carved range exactly;
  // the byte counts agree. O(classes + free blocks).
  BARE_NO_ASAN heap_check check() const noexcept {
    if (base_ > top_ || top_ > end_) return {"frontier outside the range"};
    std::size_t tiled = 0, allocated = 0;
    for (unsigned k = 0; k < class_count; ++k) {
      const auto& c = classes_[k];
      if (c.live > c.blocks) return {"more live blocks than blocks in a class"};
      if (c.peak_live < c.live) return {"peak below live"};
      const std::size_t want = c.blocks - c.live;
      std::size_t count = 0;
      for (const node* n = heads_[k]; n != nullptr; n = n->next) {
        if (++count > want) return {"free list longer than the class's free blocks (double free or cycle)"};
        const auto a = reinterpret_cast<std::uintptr_t>(n);
        if (a < base_ || a >= top_ || top_ - a < block_size(k)) return {"free block outside the carved range"};
        if (a % block_align(k) != 0) return {"free block misaligned for its class"};
      }
      if (count != want) return {"free list shorter than the class's free blocks"};
      tiled += c.blocks * block_size(k);
      allocated += c.live * block_size(k);
    }
    if (tiled != top_ - base_) return {"blocks do not tile the carved range"};
    if (allocated != stats_.allocated) return {"allocated byte count is off"};
    if (stats_.peak < stats_.allocated) return {"peak below allocated"};
    return {};
  }

 private:
  // A new class-k block at the frontier; the alignment gap before it is cut into naturally
  // aligned power-of-two pieces that go to the smaller classes' free lists (nothing is lost).
  BARE_NO_ASAN node* carve_(unsigned k) noexcept {
    const std::size_t s = block_size(k), al = block_align(k);
    const std::uintptr_t at = (top_ + (al - 1)) & ~std::uintptr_t{al - 1};
    if (at < top_ || at > end_ || end_ - at < s) return nullptr;
    while (top_ < at) {  // top_ is A-aligned, so each piece is at least A
      const std::uintptr_t piece = top_ & (~top_ + 1);  // lowest set bit: < al, fits before at
      const unsigned j = static_cast<unsigned>(std::countr_zero(piece)) - A_LOG2;
      auto* n = reinterpret_cast<node*>(top_);
      n->next = heads_[j];
      heads_[j] = n;
      ++classes_[j].blocks;
      top_ += piece;
    }
    ++classes_[k].blocks;
    top_ = at + s;
    return reinterpret_cast<node*>(at);
  }

  void* resize_(void* p, layout old, std::size_t new_size) noexcept {
    const layout nl{new_size, old.align};
    const unsigned k = class_of(old);
    if (class_of(nl) == k && k < class_count) {
      if (new_size > old.size)
        BARE_UNPOISON(static_cast<unsigned char*>(p) + old.size, new_size - old.size);
      else
        BARE_POISON(static_cast<unsigned char*>(p) + new_size, old.size - new_size);
      return p;
    }
    void* q = allocate(nl);
    if (q == nullptr) return nullptr;
    __builtin_memcpy(q, p, old.size < new_size ? old.size : new_size);
    deallocate(p, old);
    return q;
  }

  void* fail_() noexcept {
    ++stats_.failures;
    return nullptr;
  }

  // Representation invariant: base_ <= top_ <= end_, all A-aligned; [base_, top_) is tiled by
  // blocks, classes_[k].blocks of size block_size(k) each, aligned to block_align(k); of
  // those, classes_[k].live are handed out and the rest are on heads_[k] (singly linked
  // through their first word). [top_, end_) is untouched.
  std::uintptr_t base_ = 0, top_ = 0, end_ = 0;
  node* heads_[class_count] = {};
  class_counts classes_[class_count] = {};
  bounded_stats stats_{};
};

using bounded_allocator = basic_bounded_allocator<>;

}  // namespace bare
