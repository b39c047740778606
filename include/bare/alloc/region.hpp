// bare/alloc/region.hpp — region_allocator: a general-purpose heap over caller-given byte
// ranges, O(1) worst case (two-level segregated fit, the TLSF class of allocators).
//
//   extern "C" unsigned char __heap_start[], __heap_end[];
//   static bare::region_allocator heap;        // constant-initialised, no global constructor
//   BARE_GLOBAL_ALLOCATOR(heap);
//   ... heap.init(__heap_start, __heap_end - __heap_start) -> result<void, region_error>
//
// Guarantees (W = sizeof(void*), A = 2W: 8 bytes on 32-bit targets, 16 on 64-bit):
//   allocate     O(1) worst case: a few bit scans, one list removal and at most one list
//                insertion (two above alignment A: a leading gap and a tail are split off),
//                independent of the number of blocks. Measured worst case on x86-64 (g++ 12
//                -O3, callgrind over bench/groups/allocators.cpp's adversarial sequences, call
//                and return included): 162 instructions for alignments up to A, 257 above,
//                with allocate compiled out of line (as a global allocator's is called); 139
//                and 231 when g++ inlined it into the probe.
//                nullptr iff the request is invalid or larger than max_block_size(), or the
//                first block of the request's own class is too small (or absent) and every
//                class from the request's rounded-up one on is empty (see Fragmentation).
//                Size 0 is served as size 1 (a unique pointer).
//   deallocate   O(1) worst case, coalescing with both physical neighbours immediately: at most
//                two list removals and one insertion. Measured worst case 158 instructions (as
//                above). Freeing a block twice is detected while its header still says "free"
//                (panic).
//   grow/shrink  O(1) in place when the next block is free and large enough (grow) or when the
//                tail is at least a minimum block (shrink); otherwise grow moves (allocate +
//                copy + free: O(size)), and shrink keeps the block.
//   Overhead     one word (W bytes) per allocated block. Minimum block 4W (16 bytes on 32-bit,
//                usable 12). Block sizes are multiples of A. Per region: 2W of header and W of
//                end marker. Control structure (free-list heads, bitmaps, statistics): 1528
//                bytes on 32-bit targets and 4424 on 64-bit with the default parameters.
//   Code size    about 1.6 KiB of Cortex-M4 Thumb-2 at -Os for init, allocate, deallocate, grow
//                and shrink (bench/size/run.sh prints it; check() and stats() come on top).
//   Alignment    every block is A-aligned; any larger power of two (4 KiB and beyond) is served
//                by splitting the leading gap off as a free block: no unusable holes.
//   Fragmentation  internal: < A bytes of rounding, plus a tail below 4W that is kept in the
//                block rather than split off. External: the first block of the request's own
//                size class if it is large enough (classes are 1/2^SlLog2 of a power of two
//                wide: 1/16 with the default SlLog2 = 4), otherwise good fit (TLSF): the first
//                block of the first non-empty class above it, whose every block is large
//                enough. So a request can fail while a large enough block sits behind the first
//                one of its own class. Looking at that first block before going up (rather
//                than only when going up fails, as TLSF does) costs one load and took the heap
//                filled at the first failure from 96.4% to 97.2% on talc's heap-efficiency
//                workload (then 40 trials on one request stream; 97.2% also with 200 trials,
//                one seed each, and glibc malloc 97.6% on the same requests; an exact
//                best-fit model with this block overhead 97.6%,
//                bench/model/best_fit_efficiency.cpp) and from 97.2% to 97.7% on small-block
//                churn (an exact best-fit allocator with the same block overhead: 97.8%);
//                bench/groups/allocators.cpp, rows heap_efficiency and heap_efficiency_small.
//                Measured and not taken (each costs instructions on every allocation that
//                misses its own class's first block, and the worst-case allocate, 162
//                instructions, is near the 170 goal): looking at up to 2 / 4 / all blocks of
//                the own class, 97.4% / 97.4% / 97.4%; SlLog2 = 5 (finer classes, a control
//                structure twice as large) adds 0.2 points. Growing backwards into a free
//                predecessor when a move finds no block changed nothing: at the first failure
//                no free block, or pair of neighbours, is large enough for the request (a
//                resize to ~60-100 KB with ~3 MB free).
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
//     block* prev_free;      // }   (unspecified in a list's first block: never used)
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
  static constexpr unsigned CLASSES = FL * SL;
  static constexpr std::size_t MAX_SPAN = (std::size_t{1} << MaxLog2) - A;
  static_assert(MaxLog2 < sizeof(std::size_t) * 8 && MaxLog2 >= A_LOG2 + SlLog2 + 1, "MaxLog2 out of range");
  static_assert(FL < sizeof(std::size_t) * 8, "the first-level search shifts by up to FL");
  static_assert(sizeof(block) + W == MIN_SPAN && sizeof(region) == A);
  static_assert(sizeof(std::size_t) <= sizeof(unsigned long), "bit scans use __builtin_ctzl");

  // The smallest span of size class c (see class_of_).
  static constexpr std::size_t class_start_(unsigned c) noexcept {
    const unsigned fl = c >> SlLog2, sl = c & (SL - 1);
    return (fl == 0 ? std::size_t{sl} : std::size_t{SL + sl} << (fl - 1)) << A_LOG2;
  }
  // Spans up to the start of the last class round up to an existing class: the fast path.
  static constexpr std::size_t LAST_START = class_start_(CLASSES - 1);
  static_assert(LAST_START <= MAX_SPAN && LAST_START >= MIN_SPAN);

 public:
  constexpr basic_region_allocator() noexcept = default;
  basic_region_allocator(const basic_region_allocator&) = delete;
  basic_region_allocator& operator=(const basic_region_allocator&) = delete;

  // Forgets all regions and blocks, then manages [start, start + size). O(FL * SL).
  result<void, region_error> init(void* start, std::size_t size) noexcept {
    fl_bitmap_ = 0;
    for (auto& m : sl_bitmap_) m = 0;
    for (auto& h : heads_) h = nullptr;
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

    reinterpret_cast<block*>(end_marker)->header = PREV_FREE;  // span 0, after a free block
    link_free_(reinterpret_cast<block*>(b), end_marker - b);
    BARE_POISON(start, size);
    stats_.capacity += end_marker - b;
    return {};
  }

  // ---- the allocator interface ----------------------------------------------------------

  // A block of l.size bytes aligned to l.align, or nullptr (when: see the top comment). O(1).
  // Alignments up to A and sizes up to the last size class's start take the inline path;
  // larger ones (and invalid layouts) an out-of-line one.
  BARE_NO_ASAN void* allocate(layout l) noexcept {
    if (BARE_LIKELY(l.align - 1 < A && (l.align & (l.align - 1)) == 0 && l.size <= LAST_START - W)) {
      const std::size_t span = span_for_(l.size);
      block* b = take_exact_(span);
      if (b == nullptr) b = take_fit_(span);
      if (BARE_UNLIKELY(b == nullptr)) return fail_();
      return carve_(b, b->header - FREE, span, 0, l.size);
    }
    return allocate_slow_(l);
  }

  // Frees p (from this allocator, live; nullptr: nothing), coalescing it with its free
  // neighbours. O(1). Panics on a block that is already free.
  BARE_NO_ASAN void deallocate(void* p, layout l) noexcept {
    (void)l;
    if (p == nullptr) return;
    block* b = from_user_(p);
    const std::size_t h = b->header;
    BARE_ASSERT((h & FREE) == 0, "bare::region_allocator: double free or foreign pointer");
    std::size_t span = h & ~FLAGS;
    stats_.allocated -= span;
    // A branch on each neighbour, mispredicted often under random frees. Tried without one
    // (an in-use neighbour replaced by a dummy block that is unlinked to no effect): fewer
    // mispredictions in callgrind's model, but 1.4x slower on random allocate/free (14 against
    // 10 ns per action, sizes up to 1000 bytes), likely from the dummy's list and bitmap writes
    // on every free. Selecting the size class without branches in allocate lost too.
    if ((h & PREV_FREE) != 0) {  // the previous block is free: its footer precedes b
      block* prev = *reinterpret_cast<block**>(reinterpret_cast<std::uintptr_t>(b) - W);
      const std::size_t prev_span = prev->header - FREE;
      unlink_free_(prev, prev_span);
      b = prev;
      span += prev_span;
    }
    release_(b, span);
  }

  // Resizes p to new_size >= old.size: in place, O(1), returning p, if the block is large
  // enough or its free successor can be absorbed; otherwise moves it (allocate + copy +
  // deallocate, O(old.size); p is then freed). nullptr, with p untouched, if neither works.
  BARE_NO_ASAN void* grow(void* p, layout old, std::size_t new_size) noexcept {
    if (new_size > MAX_SPAN - W) return fail_();
    block* b = from_user_(p);
    const std::size_t need = span_for_(new_size);
    const std::size_t h = b->header, cur = h & ~FLAGS;
    if (need <= cur) {
      BARE_UNPOISON(p, new_size);
      return p;
    }
    block* next = at_(b, cur);
    const std::size_t next_header = next->header;
    if ((next_header & FREE) != 0 && cur + (next_header - FREE) >= need) {
      unlink_free_(next, next_header - FREE);
      const std::size_t span = split_(b, cur + (next_header - FREE), need, h & PREV_FREE);
      on_used_(span - cur);
      BARE_UNPOISON(p, new_size);
      return p;
    }
    void* q = allocate(layout{new_size, old.align});
    if (q == nullptr) return nullptr;
    __builtin_memcpy(q, p, old.size);
    deallocate(p, old);
    return q;
  }

  // Resizes p to new_size <= old.size, in place, O(1); returns p. A tail of at least a
  // minimum block is freed (and coalesced with a free successor).
  BARE_NO_ASAN void* shrink(void* p, layout old, std::size_t new_size) noexcept {
    if (new_size > MAX_SPAN - W) return p;
    block* b = from_user_(p);
    const std::size_t need = span_for_(new_size);
    const std::size_t h = b->header, cur = h & ~FLAGS;
    if (need + MIN_SPAN <= cur) {
      b->header = need | (h & PREV_FREE);
      release_(at_(b, need), cur - need);
      stats_.allocated -= cur - need;
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
      for (const block* b = heads_[fl * SL + sl]; b != nullptr; b = b->next_free)
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
      if (SL < 32 && (sl_bitmap_[fl] >> (SL % 32)) != 0) return {"second-level bitmap has a bit beyond SL"};
      for (unsigned sl = 0; sl < SL; ++sl) {
        const block* h = heads_[fl * SL + sl];
        if (((sl_bitmap_[fl] >> sl) & 1u) != (h != nullptr ? 1u : 0u)) return {"second-level bitmap disagrees"};
        // The head's prev_free is unspecified (never read); every other block's is its
        // predecessor in the list.
        for (const block* prev = nullptr, *b = h; b != nullptr; prev = b, b = b->next_free) {
          if ((b->header & FREE) == 0) return {"allocated block in a free list"};
          if (prev != nullptr && b->prev_free != prev) return {"free list back link broken"};
          if (class_of_(span_of_(b)) != fl * SL + sl) return {"free block in the wrong size class"};
          if (++listed > free_blocks) return {"free lists hold more blocks than the regions"};
        }
      }
    }
    if ((fl_bitmap_ >> FL) != 0) return {"first-level bitmap has a bit beyond FL"};
    if (listed != free_blocks) return {"a free block is missing from the free lists"};
    if (capacity != stats_.capacity) return {"capacity count is off"};
    if (allocated != stats_.allocated) return {"allocated byte count is off"};
    if (stats_.peak < stats_.allocated) return {"peak below the allocated byte count"};
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
  static block* at_(block* b, std::size_t offset) noexcept {
    return reinterpret_cast<block*>(reinterpret_cast<std::uintptr_t>(b) + offset);
  }
  static void* user_(const block* b) noexcept { return reinterpret_cast<void*>(reinterpret_cast<std::uintptr_t>(b) + W); }
  static block* from_user_(void* p) noexcept { return reinterpret_cast<block*>(reinterpret_cast<std::uintptr_t>(p) - W); }

  // The span (header word included) that serves `size` bytes. Precondition: size <= MAX_SPAN - W.
  static std::size_t span_for_(std::size_t size) noexcept {
    const std::size_t s = align_up_(size + W, A);  // size 0 is served as size 1: MIN_SPAN
    return s < MIN_SPAN ? MIN_SPAN : s;
  }

  // Size classes, numbered c = fl * SL + sl: linear below 2 * SL * A (class c holds the span
  // c * A), then SL classes per power of two. With q = span / A and s = max(0, log2(q) - SlLog2),
  // c = s * SL + (q >> s): one bit scan, no branch.
  static unsigned class_shift_(std::size_t q) noexcept {
    return static_cast<unsigned>(std::bit_width(q | SL)) - 1 - SlLog2;
  }
  static unsigned class_of_(std::size_t span) noexcept {
    const std::size_t q = span >> A_LOG2;
    const unsigned s = class_shift_(q);
    return (s << SlLog2) + static_cast<unsigned>(q >> s);
  }
  // The first class whose every block is at least `span` (good fit): span's class, rounded
  // up unless span starts it. Precondition: span <= LAST_START (the result is < CLASSES).
  static unsigned class_at_least_(std::size_t span) noexcept {
    const std::size_t q = span >> A_LOG2;
    const unsigned s = class_shift_(q);
    return (s << SlLog2) + static_cast<unsigned>((q + (std::size_t{1} << s) - 1) >> s);
  }

  // Takes a free block of at least `span` bytes out of its list (still marked free), or
  // returns nullptr. Good fit: the first block of the first non-empty class whose every block
  // is large enough (two bit scans). Precondition: span <= LAST_START.
  BARE_NO_ASAN block* take_fit_(std::size_t span) noexcept {
    const unsigned c = class_at_least_(span);
    unsigned fl = c >> SlLog2;
    std::uint32_t sl_map = sl_bitmap_[fl] & (~std::uint32_t{0} << (c & (SL - 1)));
    if (sl_map == 0) {  // a larger first-level row
      const std::size_t fl_map = fl_bitmap_ & (~std::size_t{0} << (fl + 1));  // fl + 1 <= FL
      if (BARE_UNLIKELY(fl_map == 0)) return nullptr;
      fl = static_cast<unsigned>(__builtin_ctzl(fl_map));
      sl_map = sl_bitmap_[fl];  // not 0: its row's bit is set
    }
    return take_head_((fl << SlLog2) + static_cast<unsigned>(__builtin_ctz(sl_map)));
  }
  // The first block of span's own class if it is at least `span` (O(1): only the head is
  // looked at), taken out of its list; else nullptr. Precondition: span <= MAX_SPAN.
  BARE_NO_ASAN block* take_exact_(std::size_t span) noexcept {
    const unsigned c = class_of_(span);
    const block* h = heads_[c];
    return h != nullptr && h->header - FREE >= span ? take_head_(c) : nullptr;
  }

  // Clears class c's bit if `empty`, without a branch (whether a list runs empty is
  // data-dependent).
  void clear_bit_if_(unsigned c, bool empty) noexcept {
    const unsigned fl = c >> SlLog2;
    sl_bitmap_[fl] &= ~(std::uint32_t{empty} << (c & (SL - 1)));
    fl_bitmap_ &= ~(std::size_t{sl_bitmap_[fl] == 0} << fl);
  }

  // Removes the first block of class c (not empty) from its list and returns it, still
  // marked free. Its successor becomes the head: its prev_free is left as it is.
  BARE_NO_ASAN block* take_head_(unsigned c) noexcept {
    block* b = heads_[c];
    block* next = b->next_free;
    heads_[c] = next;
    clear_bit_if_(c, next == nullptr);
    return b;
  }

  // Makes b (span `span`, its predecessor not free) a free block: header, footer, and the
  // head of its class's list. The caller sets PREV_FREE in the next block's header.
  BARE_NO_ASAN void link_free_(block* b, std::size_t span) noexcept {
    b->header = span | FREE;
    *reinterpret_cast<block**>(reinterpret_cast<std::uintptr_t>(b) + span - W) = b;
    const unsigned c = class_of_(span);
    block* h = heads_[c];
    b->next_free = h;
    (h != nullptr ? h : b)->prev_free = b;  // b's own if the list was empty: unspecified
    heads_[c] = b;
    sl_bitmap_[c >> SlLog2] |= std::uint32_t{1} << (c & (SL - 1));
    fl_bitmap_ |= std::size_t{1} << (c >> SlLog2);
  }

  // Removes the free block b (span `span`) from its class's list. Written to compile to
  // conditional moves rather than branches (g++ and clang do): whether b is its list's head or
  // last block is data-dependent, and mispredicting it cost more than the moves (measured).
  BARE_NO_ASAN void unlink_free_(block* b, std::size_t span) noexcept {
    const unsigned c = class_of_(span);
    block* next = b->next_free;
    block* prev = b->prev_free;  // unspecified if b is the head
    const bool head = heads_[c] == b;
    *(head ? &heads_[c] : &prev->next_free) = next;
    (next != nullptr ? next : b)->prev_free = prev;  // b's own if b was the last
    clear_bit_if_(c, head && next == nullptr);
  }

  // b, out of the lists, spans `cur` bytes and is followed by a block whose PREV_FREE is set:
  // keeps `span` of it (with the PREV_FREE flag `prev_free`) and frees the rest if that makes
  // a block. Returns b's new span.
  BARE_NO_ASAN std::size_t split_(block* b, std::size_t cur, std::size_t span, std::size_t prev_free) noexcept {
    if (cur - span >= MIN_SPAN) {
      b->header = span | prev_free;
      link_free_(at_(b, span), cur - span);  // its successor keeps PREV_FREE
      return span;
    }
    b->header = cur | prev_free;
    at_(b, cur)->header &= ~PREV_FREE;
    return cur;
  }

  // Hands out b (taken from its list, span `cur`) for a request of `size` bytes (span `span`).
  BARE_NO_ASAN void* carve_(block* b, std::size_t cur, std::size_t span, std::size_t prev_free, std::size_t size) noexcept {
    on_used_(split_(b, cur, span, prev_free));
    ++stats_.allocations;
    void* p = user_(b);
    BARE_UNPOISON(p, size);
    return p;
  }

  // Alignments above A, sizes in the last class, and invalid layouts.
  BARE_NO_ASAN BARE_NOINLINE void* allocate_slow_(layout l) noexcept {
    if (!l.is_valid() || l.size > MAX_SPAN - W || l.align > MAX_SPAN) return fail_();
    const std::size_t span = span_for_(l.size);
    // Room to split off a leading gap of at least MIN_SPAN: the gap is a multiple of A below
    // align, or, where that is below MIN_SPAN, that plus align.
    const std::size_t extra = l.align > A ? l.align - A + MIN_SPAN : 0;
    if (extra > MAX_SPAN - span) return fail_();
    const std::size_t search = span + extra;
    block* b = take_exact_(search);
    if (b == nullptr && search <= LAST_START) b = take_fit_(search);
    if (b == nullptr) return fail_();
    std::size_t cur = b->header - FREE, prev_free = 0;
    const auto u = reinterpret_cast<std::uintptr_t>(user_(b));
    std::size_t gap = align_up_(u, l.align) - u;
    if (gap != 0) {
      if (gap < MIN_SPAN) gap += l.align;
      block* nb = at_(b, gap);  // b keeps the gap as a free block; its predecessor is in use
      link_free_(b, gap);
      b = nb;
      cur -= gap;
      prev_free = PREV_FREE;
    }
    return carve_(b, cur, span, prev_free, l.size);
  }

  // Frees b (span `span`, its predecessor in use, b not in a list): merges it with a free
  // successor, links it, poisons it.
  BARE_NO_ASAN void release_(block* b, std::size_t span) noexcept {
    block* next = at_(b, span);
    const std::size_t next_header = next->header;
    if ((next_header & FREE) != 0) {
      unlink_free_(next, next_header - FREE);
      span += next_header - FREE;
    } else {
      next->header = next_header | PREV_FREE;
    }
    link_free_(b, span);
    BARE_POISON(user_(b), span - W);
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
  // sl_bitmap_[fl] != 0; bit sl of sl_bitmap_[fl] is set iff heads_[fl * SL + sl] != nullptr;
  // every free block is in exactly the list of its size class, linked by next_free, and
  // every block but a list's head has prev_free = its predecessor in the list (a head's is
  // unspecified, so that taking the head does not touch the next block); no two free blocks
  // are adjacent and a free block's last word points to it.
  std::size_t fl_bitmap_ = 0;
  std::uint32_t sl_bitmap_[FL] = {};
  block* heads_[CLASSES] = {};
  region* regions_ = nullptr;
  region_stats stats_{};
};

using region_allocator = basic_region_allocator<>;

}  // namespace bare
