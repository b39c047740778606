// bare/alloc/region.hpp — region_allocator: a general-purpose heap over caller-given byte
// ranges, O(1) worst case (two-level segregated fit, the TLSF class of allocators).
//
//   extern "C" unsigned char __heap_start[], __heap_end[];
//   static bare::region_allocator heap;        // constant-initialised, no global constructor
//   BARE_GLOBAL_ALLOCATOR(heap);
//   ... heap.init(__heap_start, __heap_end - __heap_start) -> result<void, region_error>
//
// Guarantees (W = sizeof(void*), A = 2W: 8 bytes on 32-bit targets, 16 on 64-bit):
//   allocate     O(1) worst case: a bounded number of bit scans and list operations,
//                independent of the number of blocks. nullptr iff no free block of the
//                request's (rounded-up) size class exists, or the request is invalid or larger
//                than max_block_size(). Size 0 is served as size 1 (a unique pointer).
//   deallocate   O(1) worst case; coalesces with both physical neighbours immediately.
//                Freeing a block twice is detected when the header still says "free" (panic).
//   grow/shrink  O(1) in place when the next block is free and large enough (grow) or when the
//                tail is at least a minimum block (shrink); otherwise grow moves (allocate +
//                copy + free: O(size)), and shrink keeps the block.
//   Overhead     one word (W bytes) per allocated block. Minimum block 4W (16 bytes on 32-bit,
//                usable 12). Block sizes are multiples of A. Per region: 2W of header and W of
//                end marker. Control structure: see sizeof(basic_region_allocator).
//   Alignment    every block is A-aligned; any larger power of two (4 KiB and beyond) is served
//                by splitting the leading gap off as a free block: no unusable holes.
//   Fragmentation  internal: a request is rounded up to its size class, at most 1/2^SlLog2 of
//                its size (6.25% with the default SlLog2 = 4) plus < A bytes; external: good
//                fit (TLSF): a request can fail while a block of its exact size class but
//                slightly too small for the rounded size exists.
//   Thread/ISR   not synchronised: one context, or wrap it in locked<> (interrupt masking).
//   Zero-fill    no. Memory is NOT zeroed, neither on allocation nor on free.
//   ASan         under AddressSanitizer, free and unallocated memory is poisoned, so that an
//                overflow from a block or a use after free is reported.
//
// Block layout, as if it were this struct (spans are multiples of A; a block's user memory is
// at block + W and is A-aligned):
//
//   struct block {
//     size_t header;         // span in bytes (header word included) | PREV_FREE(2) | FREE(1)
//     block* next_free;      // } only while free: the doubly linked list of its size class
//     block* prev_free;      // }
//     ...                    // user memory continues to the next block's header
//     block* footer;         // only while free: the last word of the block points to its
//   };                       // start, so the next block can find it (boundary tag)
//
// Region layout: [region header (2W) | pad | block | block | ... | end marker word]. The end
// marker is a header with span 0 that is never free; its PREV_FREE tracks the last block.
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

struct region_stats {
  std::size_t capacity = 0;       // bytes of all blocks (free or not) in all regions
  std::size_t allocated = 0;      // bytes in allocated blocks, headers included
  std::size_t peak = 0;           // maximum of allocated
  std::size_t largest_free = 0;   // span of the largest free block (usable: minus one word)
  std::size_t allocations = 0;    // successful allocations (grow/shrink that moved included)
  std::size_t failures = 0;       // allocate/grow calls that returned nullptr
};

// SlLog2: second-level classes per power of two (2^SlLog2, at most 32).
// MaxLog2: blocks are smaller than 2^MaxLog2 bytes; a larger region is used up to that size.
template <unsigned SlLog2 = 4, unsigned MaxLog2 = (sizeof(void*) == 4 ? 28 : 40)>
class basic_region_allocator {
  static_assert(SlLog2 >= 1 && SlLog2 <= 5, "SlLog2 must be in 1..5");

  struct block {
    std::size_t header;
    block* next_free;
    block* prev_free;
  };
  struct region {
    region* next;
    std::size_t bytes;  // of the whole range given to add_region
  };

  static constexpr std::size_t W = sizeof(void*);
  static constexpr std::size_t A = 2 * W;
  static constexpr unsigned A_LOG2 = std::countr_zero(A);
  static constexpr std::size_t MIN_SPAN = 4 * W;
  static constexpr std::size_t FREE = 1, PREV_FREE = 2, FLAGS = 3;
  static constexpr unsigned SL = 1u << SlLog2;
  static constexpr unsigned FL = MaxLog2 - A_LOG2 - SlLog2 + 1;
  static constexpr std::size_t MAX_SPAN = (std::size_t{1} << MaxLog2) - A;
  static_assert(FL >= 1 && FL <= sizeof(std::size_t) * 8, "MaxLog2 out of range");
  static_assert(sizeof(block) + W == MIN_SPAN && sizeof(region) == A);

 public:
  constexpr basic_region_allocator() noexcept = default;
  basic_region_allocator(const basic_region_allocator&) = delete;
  basic_region_allocator& operator=(const basic_region_allocator&) = delete;

  // Forgets all regions and blocks, then manages [start, start + size). O(FL).
  result<void, region_error> init(void* start, std::size_t size) noexcept {
    fl_bitmap_ = 0;
    for (auto& m : sl_bitmap_) m = 0;
    for (auto& row : heads_)
      for (auto& h : row) h = nullptr;
    regions_ = nullptr;
    stats_ = region_stats{};
    return add_region(start, size);
  }

  // Adds [start, start + size) as another region (not overlapping any other). O(1).
  // Errors: null_range, misaligned (start % sizeof(void*) != 0), wraps, too_small.
  BARE_NO_ASAN result<void, region_error> add_region(void* start, std::size_t size) noexcept {
    if (start == nullptr) return err(region_error::null_range);
    const auto s = reinterpret_cast<std::uintptr_t>(start);
    if (s % W != 0) return err(region_error::misaligned);
    std::uintptr_t e = 0;
    if (__builtin_add_overflow(s, size, &e)) return err(region_error::wraps);
    // First block: after the region header, at an address b with b + W ≡ 0 (mod A).
    std::uintptr_t b = align_up_(s + sizeof(region) + W, A) - W;
    if (b >= e || e - b < MIN_SPAN + W) return err(region_error::too_small);
    std::uintptr_t end_marker = align_down_(e, A) - W;  // end_marker + W ≡ 0 (mod A)
    if (end_marker + W > e) end_marker -= A;
    if (end_marker < b || end_marker - b < MIN_SPAN) return err(region_error::too_small);
    if (end_marker - b > MAX_SPAN) end_marker = b + MAX_SPAN;

    auto* r = reinterpret_cast<region*>(s);
    r->next = regions_;
    r->bytes = size;
    regions_ = r;

    auto* first = reinterpret_cast<block*>(b);
    first->header = end_marker - b;
    auto* marker = reinterpret_cast<block*>(end_marker);
    marker->header = 0;
    BARE_POISON(start, size);
    stats_.capacity += end_marker - b;
    insert_free_(first);
    return {};
  }

  // ---- the allocator interface ----------------------------------------------------------

  BARE_NO_ASAN void* allocate(layout l) noexcept {
    std::size_t span = 0;
    if (!l.is_valid() || !span_for_(l.size, &span)) return fail_();
    std::size_t search = span;
    if (l.align > A) {  // room to split off a leading gap of at least MIN_SPAN
      if (__builtin_add_overflow(span, l.align - A + MIN_SPAN, &search)) return fail_();
    }
    if (search > MAX_SPAN) return fail_();
    block* b = find_and_take_(round_up_to_class_(search));
    if (b == nullptr) return fail_();
    if (l.align > A) b = split_leading_gap_(b, l.align);
    // b was free, so its successor is not: a cut-off tail needs no coalescing.
    if (const std::size_t cur = span_of_(b); cur - span >= MIN_SPAN) {
      auto* rest = reinterpret_cast<block*>(reinterpret_cast<std::uintptr_t>(b) + span);
      rest->header = cur - span;
      b->header = span | (b->header & FLAGS);
      insert_free_(rest);
    }
    mark_used_(b);
    ++stats_.allocations;
    on_used_(span_of_(b));
    void* p = user_(b);
    BARE_UNPOISON(p, l.size);
    return p;
  }

  BARE_NO_ASAN void deallocate(void* p, layout l) noexcept {
    if (p == nullptr) return;
    block* b = from_user_(p);
    BARE_ASSERT((b->header & FREE) == 0, "bare::region_allocator: double free or foreign pointer");
    stats_.allocated -= span_of_(b);
    (void)l;
    release_(b);
  }

  BARE_NO_ASAN void* grow(void* p, layout old, std::size_t new_size) noexcept {
    block* b = from_user_(p);
    std::size_t need = 0;
    if (!span_for_(new_size, &need)) return fail_();
    const std::size_t cur = span_of_(b);
    if (need <= cur) {
      BARE_UNPOISON(p, new_size);
      return p;
    }
    block* next = next_phys_(b);
    if ((next->header & FREE) != 0 && cur + span_of_(next) >= need) {
      remove_free_(next);
      b->header += span_of_(next);
      next_phys_(b)->header &= ~PREV_FREE;
      trim_(b, need);
      on_used_(span_of_(b) - cur);
      BARE_UNPOISON(p, new_size);
      return p;
    }
    void* q = allocate(layout{new_size, old.align});
    if (q == nullptr) return nullptr;
    __builtin_memcpy(q, p, old.size);
    deallocate(p, old);
    return q;
  }

  BARE_NO_ASAN void* shrink(void* p, layout old, std::size_t new_size) noexcept {
    block* b = from_user_(p);
    std::size_t need = 0;
    if (!span_for_(new_size, &need)) return p;
    const std::size_t cur = span_of_(b);
    if (cur - need >= MIN_SPAN) {
      trim_(b, need);  // the tail is freed and coalesced with a free successor
      stats_.allocated -= cur - span_of_(b);
    }
    BARE_POISON(static_cast<unsigned char*>(p) + new_size, old.size - new_size);
    return p;
  }

  // ---- inspection -----------------------------------------------------------------------

  // Statistics. O(1) except largest_free: O(length of the largest class's free list).
  BARE_NO_ASAN region_stats stats() const noexcept {
    region_stats s = stats_;
    s.largest_free = 0;
    if (fl_bitmap_ != 0) {
      const unsigned fl = static_cast<unsigned>(std::bit_width(fl_bitmap_) - 1);
      const unsigned sl = static_cast<unsigned>(std::bit_width(sl_bitmap_[fl]) - 1);
      for (const block* b = heads_[fl][sl]; b != nullptr; b = b->next_free)
        if (span_of_(b) > s.largest_free) s.largest_free = span_of_(b);
    }
    return s;
  }

  // The largest block size this allocator can hand out (bytes of user memory).
  static constexpr std::size_t max_block_size() noexcept { return MAX_SPAN - W; }

  // Verifies every invariant: physical chain of each region (spans, alignment, flags,
  // footers, no two free neighbours, end marker), free lists (class, links, flags), bitmaps,
  // and the byte counts. O(number of blocks). For tests and self-tests.
  BARE_NO_ASAN heap_check check() const noexcept {
    std::size_t free_blocks = 0, allocated = 0, capacity = 0;
    for (const region* r = regions_; r != nullptr; r = r->next) {
      auto s = reinterpret_cast<std::uintptr_t>(r);
      auto* b = reinterpret_cast<const block*>(align_up_(s + sizeof(region) + W, A) - W);
      bool prev_free = false;
      for (;;) {
        const std::size_t span = span_of_(b);
        if (reinterpret_cast<std::uintptr_t>(b) + span > s + r->bytes) return {"block beyond its region"};
        if (((b->header & PREV_FREE) != 0) != prev_free) return {"PREV_FREE flag disagrees with the previous block"};
        if (span == 0) {
          if ((b->header & FREE) != 0) return {"end marker marked free"};
          break;
        }
        if (span % A != 0 || span < MIN_SPAN) return {"block span not a multiple of A or below the minimum"};
        if ((reinterpret_cast<std::uintptr_t>(user_(b)) % A) != 0) return {"user memory not A-aligned"};
        capacity += span;
        if ((b->header & FREE) != 0) {
          if (prev_free) return {"two adjacent free blocks (missed coalescing)"};
          const block* footer = *reinterpret_cast<block* const*>(reinterpret_cast<std::uintptr_t>(b) + span - W);
          if (footer != b) return {"free block footer does not point to its block"};
          ++free_blocks;
          prev_free = true;
        } else {
          allocated += span;
          prev_free = false;
        }
        b = reinterpret_cast<const block*>(reinterpret_cast<std::uintptr_t>(b) + span);
      }
    }
    std::size_t listed = 0;
    for (unsigned fl = 0; fl < FL; ++fl) {
      if (((fl_bitmap_ >> fl) & 1u) != (sl_bitmap_[fl] != 0 ? 1u : 0u)) return {"first-level bitmap disagrees"};
      for (unsigned sl = 0; sl < SL; ++sl) {
        const block* h = heads_[fl][sl];
        if (((sl_bitmap_[fl] >> sl) & 1u) != (h != nullptr ? 1u : 0u)) return {"second-level bitmap disagrees"};
        const block* prev = nullptr;
        for (const block* b = h; b != nullptr; prev = b, b = b->next_free) {
          if ((b->header & FREE) == 0) return {"allocated block in a free list"};
          if (b->prev_free != prev) return {"free list back link broken"};
          unsigned f = 0, s = 0;
          mapping_(span_of_(b), &f, &s);
          if (f != fl || s != sl) return {"free block in the wrong size class"};
          if (++listed > free_blocks) return {"free lists hold more blocks than the regions"};
        }
      }
    }
    if (listed != free_blocks) return {"a free block is missing from the free lists"};
    if (capacity != stats_.capacity) return {"capacity count is off"};
    if (allocated != stats_.allocated) return {"allocated byte count is off"};
    return {};
  }

 private:
  static constexpr std::uintptr_t align_up_(std::uintptr_t x, std::size_t a) noexcept {
    return (x + a - 1) & ~static_cast<std::uintptr_t>(a - 1);
  }
  static constexpr std::uintptr_t align_down_(std::uintptr_t x, std::size_t a) noexcept {
    return x & ~static_cast<std::uintptr_t>(a - 1);
  }
  BARE_NO_ASAN static std::size_t span_of_(const block* b) noexcept { return b->header & ~FLAGS; }
  BARE_NO_ASAN static block* next_phys_(const block* b) noexcept {
    return reinterpret_cast<block*>(reinterpret_cast<std::uintptr_t>(b) + span_of_(b));
  }
  BARE_NO_ASAN static void* user_(const block* b) noexcept { return reinterpret_cast<void*>(reinterpret_cast<std::uintptr_t>(b) + W); }
  BARE_NO_ASAN static block* from_user_(void* p) noexcept { return reinterpret_cast<block*>(reinterpret_cast<std::uintptr_t>(p) - W); }

  // The span (header word included) that serves `size` bytes; false if too large.
  static bool span_for_(std::size_t size, std::size_t* span) noexcept {
    if (size == 0) size = 1;
    if (size > MAX_SPAN - W) return false;
    std::size_t s = align_up_(size + W, A);
    *span = s < MIN_SPAN ? MIN_SPAN : s;
    return true;
  }

  // Size class of a span: linear below SL * A, then SL classes per power of two.
  static void mapping_(std::size_t span, unsigned* fl, unsigned* sl) noexcept {
    const std::size_t q = span >> A_LOG2;
    if (q < SL) {
      *fl = 0;
      *sl = static_cast<unsigned>(q);
    } else {
      const unsigned f = static_cast<unsigned>(std::bit_width(q) - 1);
      *fl = f - SlLog2 + 1;
      *sl = static_cast<unsigned>(q >> (f - SlLog2)) - SL;
    }
  }
  // Rounds a span up to the start of the next size class, so that every block of the class
  // found is large enough (good fit). Precondition: span <= MAX_SPAN.
  static std::size_t round_up_to_class_(std::size_t span) noexcept {
    const std::size_t q = span >> A_LOG2;
    if (q < SL) return span;
    const unsigned f = static_cast<unsigned>(std::bit_width(q) - 1);
    const std::size_t step = std::size_t{1} << (f - SlLog2 + A_LOG2);
    return (span + step - 1) & ~(step - 1);
  }

  BARE_NO_ASAN void insert_free_(block* b) noexcept {
    unsigned fl = 0, sl = 0;
    mapping_(span_of_(b), &fl, &sl);
    b->header |= FREE;
    *reinterpret_cast<block**>(reinterpret_cast<std::uintptr_t>(b) + span_of_(b) - W) = b;
    next_phys_(b)->header |= PREV_FREE;
    block* h = heads_[fl][sl];
    b->next_free = h;
    b->prev_free = nullptr;
    if (h != nullptr) h->prev_free = b;
    heads_[fl][sl] = b;
    sl_bitmap_[fl] |= std::uint32_t{1} << sl;
    fl_bitmap_ |= std::size_t{1} << fl;
  }

  BARE_NO_ASAN void remove_free_(block* b) noexcept {
    unsigned fl = 0, sl = 0;
    mapping_(span_of_(b), &fl, &sl);
    if (b->prev_free != nullptr) b->prev_free->next_free = b->next_free;
    else heads_[fl][sl] = b->next_free;
    if (b->next_free != nullptr) b->next_free->prev_free = b->prev_free;
    if (heads_[fl][sl] == nullptr) {
      sl_bitmap_[fl] &= ~(std::uint32_t{1} << sl);
      if (sl_bitmap_[fl] == 0) fl_bitmap_ &= ~(std::size_t{1} << fl);
    }
    b->header &= ~FREE;
  }

  // Takes the first block of the first non-empty class at or above span's class; nullptr if
  // none. The block is removed from its list (still marked free to its successor).
  BARE_NO_ASAN block* find_and_take_(std::size_t span) noexcept {
    if (span > MAX_SPAN) return nullptr;
    unsigned fl = 0, sl = 0;
    mapping_(span, &fl, &sl);
    std::uint32_t sl_map = sl_bitmap_[fl] & (~std::uint32_t{0} << sl);
    if (sl_map == 0) {
      const std::size_t fl_map = fl + 1 < sizeof(std::size_t) * 8 ? fl_bitmap_ & (~std::size_t{0} << (fl + 1)) : 0;
      if (fl_map == 0) return nullptr;
      fl = static_cast<unsigned>(std::countr_zero(fl_map));
      sl_map = sl_bitmap_[fl];
    }
    sl = static_cast<unsigned>(std::countr_zero(sl_map));
    block* b = heads_[fl][sl];  // the head: no predecessor in its list
    block* next = b->next_free;
    heads_[fl][sl] = next;
    if (next != nullptr) {
      next->prev_free = nullptr;
    } else {
      sl_bitmap_[fl] &= ~(std::uint32_t{1} << sl);
      if (sl_bitmap_[fl] == 0) fl_bitmap_ &= ~(std::size_t{1} << fl);
    }
    b->header &= ~FREE;
    return b;
  }

  // b (taken, span large enough) gets its user memory aligned to `align` by splitting off a
  // leading free block of at least MIN_SPAN. Returns the aligned block.
  BARE_NO_ASAN block* split_leading_gap_(block* b, std::size_t align) noexcept {
    const auto u = reinterpret_cast<std::uintptr_t>(user_(b));
    std::uintptr_t aligned = align_up_(u, align);
    if (aligned != u && aligned - u < MIN_SPAN) aligned = align_up_(u + MIN_SPAN, align);
    const std::size_t gap = aligned - u;
    if (gap == 0) return b;
    auto* nb = reinterpret_cast<block*>(reinterpret_cast<std::uintptr_t>(b) + gap);
    nb->header = span_of_(b) - gap;  // not free, previous (the gap) free: set by insert_free_
    b->header = gap | (b->header & PREV_FREE);
    insert_free_(b);
    return nb;
  }

  // Cuts b (not in a list) to `span` if the rest makes a block; the rest is freed like any
  // block (coalesced with a free successor, which only shrink can have).
  BARE_NO_ASAN void trim_(block* b, std::size_t span) noexcept {
    const std::size_t cur = span_of_(b);
    if (cur - span < MIN_SPAN) return;
    auto* rest = reinterpret_cast<block*>(reinterpret_cast<std::uintptr_t>(b) + span);
    rest->header = cur - span;  // its predecessor b is in use: no PREV_FREE
    b->header = span | (b->header & FLAGS);
    release_(rest);
  }

  BARE_NO_ASAN void mark_used_(block* b) noexcept {
    b->header &= ~FREE;
    next_phys_(b)->header &= ~PREV_FREE;
  }

  // Frees b, coalescing with free neighbours.
  BARE_NO_ASAN void release_(block* b) noexcept {
    if ((b->header & PREV_FREE) != 0) {
      block* prev = *reinterpret_cast<block**>(reinterpret_cast<std::uintptr_t>(b) - W);
      remove_free_(prev);
      prev->header += span_of_(b);
      b = prev;
    }
    block* next = next_phys_(b);
    if ((next->header & FREE) != 0) {
      remove_free_(next);
      b->header += span_of_(next);
    }
    insert_free_(b);
    BARE_POISON(user_(b), span_of_(b) - W);
  }

  void on_used_(std::size_t bytes) noexcept {
    stats_.allocated += bytes;
    if (stats_.allocated > stats_.peak) stats_.peak = stats_.allocated;
  }
  void* fail_() noexcept {
    ++stats_.failures;
    return nullptr;
  }

  // Representation invariant (verified by check()): bit fl of fl_bitmap_ is set iff
  // sl_bitmap_[fl] != 0; bit sl of sl_bitmap_[fl] is set iff heads_[fl][sl] != nullptr; every
  // free block is in exactly the list of its size class; no two free blocks are adjacent.
  std::size_t fl_bitmap_ = 0;
  std::uint32_t sl_bitmap_[FL] = {};
  block* heads_[FL][SL] = {};
  region* regions_ = nullptr;
  region_stats stats_{};
};

using region_allocator = basic_region_allocator<>;

}  // namespace bare
