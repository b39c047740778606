// bare/alloc/cached.hpp — cached<A, MaxSize, Depth>: A with a small cache of freed blocks in
// front, per size class, for programs that allocate and free many small blocks and prefer
// throughput to immediate coalescing.
//
//   static bare::region_allocator heap;
//   static bare::cached<bare::by_ref<bare::region_allocator>> fast_heap{heap};
//   BARE_GLOBAL_ALLOCATOR(fast_heap);
//
// What it does: a request of at most MaxSize bytes aligned to at most G (G = 2 * sizeof(void*):
// 16 bytes on 64-bit targets, 8 on 32-bit) belongs to size class ceil(size / G). Freeing such a
// block pushes it onto its class's list (last in, first out; the link is kept in the block's
// first word) unless that list already holds Depth blocks; allocating pops from the list, and
// goes to A only when it is empty. Every such request reaches A rounded up to its class's
// largest size and aligned to G, so that any block of a class serves any request of it; every
// other request goes to A as it is. glibc's tcache is the same idea (7 blocks per 16-byte
// class up to 1032 bytes).
//
// Guarantees (C = MaxSize / G classes):
//   allocate     a hit: O(1), a size check, a list pop and a count, no call to A. A miss: one call to A. If A
//                fails and blocks are cached, they all go back to A (flush(): at most C * Depth
//                deallocate calls) and the request is retried once: a failure is never caused
//                by the cache.
//   deallocate   O(1): a push, or one call to A when the class's list is full (or the block is
//                not cacheable). Freeing the block that was freed last of its class again
//                panics (an older double free goes unseen until the block is handed out twice:
//                A's own checks see only what reaches A).
//   grow/shrink  forwarded to A (with the rounded sizes); a failed grow flushes and retries,
//                as allocate does.
//   Memory held  at most C * Depth cached blocks: Depth * G * C (C + 1) / 2 bytes of user
//                memory in the worst case (the defaults, MaxSize = 128 W and Depth = 8: 260
//                KiB on 64-bit, 130 KiB on 32-bit; MaxSize = 128, Depth = 4 on 32-bit: 4.25
//                KiB), and up to G - 1 bytes of rounding per small block. Object size: C
//                pointers and C bytes of counts (the defaults: 64 classes).
//   Fragmentation  cached blocks are in use as far as A knows: A cannot coalesce them with
//                their neighbours until they are flushed. That is the price of the speed; A's own
//                guarantees (region_allocator: immediate coalescing, O(1) worst case) hold for
//                what reaches it. Call flush() before a phase that needs large blocks.
//   Lifetime     destroying a cached does not give its blocks back (see flush()).
//   Thread/ISR   not synchronised (no more than A): one context, or wrap it in locked<>.
//   Zero-fill    no.
//   ASan         cached blocks are poisoned (all but the link word, which the cache itself
//                reads): a use after free into one is reported. A block handed out is
//                addressable up to its class's largest size (what A was asked for).
//
// Measured (tools/bench.sh allocators, in front of a region_allocator, against glibc malloc in
// the same run): 1.33x glibc's speed at the median of talc's latency workload (the region
// alone: 1.0x), 1.5-3.1x on random allocate/free actions up to 200 ... 30000 bytes (the
// region alone: 0.7x at 200 and 1000 bytes), 1.2-1.8x with grow; bench/results/latest.md.
#pragma once

#include <cstddef>
#include <cstdint>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/error.hpp"
#include "bare/alloc/region_error.hpp"
#include "bare/detail/asan.hpp"
#include "bare/panic.hpp"

namespace bare {

template <allocator A, std::size_t MaxSize = 128 * sizeof(void*), unsigned Depth = 8>
class cached {
 public:
  // The size granule and the alignment of cached blocks.
  static constexpr std::size_t granule = 2 * sizeof(void*);
  static constexpr std::size_t classes = MaxSize / granule;
  static_assert(MaxSize % granule == 0 && classes >= 1, "cached: MaxSize must be a positive multiple of 2 * sizeof(void*)");
  static_assert(Depth >= 1 && Depth <= 255, "cached: Depth must be in 1..255");

  constexpr cached() noexcept requires std::default_initializable<A> = default;
  constexpr explicit cached(A inner) noexcept : inner_(static_cast<A&&>(inner)) {}
  cached(const cached&) = delete;
  cached& operator=(const cached&) = delete;
  // No destructor (trivially destructible when A is), so that a global one on bare metal
  // needs no exit-time registration: call flush() before destroying one whose A lives on.

  // (No function here needs BARE_NO_ASAN: the link word of a cached block stays addressable.)
  void* allocate(layout l) noexcept {
    if (cacheable_(l)) {
      const std::size_t c = class_of_(l.size);
      void* p = heads_[c];
      if (p != nullptr) {
        heads_[c] = *static_cast<void**>(p);
        --counts_[c];
        BARE_UNPOISON(p, class_size_(c));  // what A handed out: A's grow may copy all of it
        return p;
      }
      return allocate_miss_(class_size_(c), granule);
    }
    return allocate_miss_(l.size, inner_align_(l.align));
  }

  void deallocate(void* p, layout l) noexcept {
    if (p == nullptr) return;
    if (cacheable_(l)) {
      const std::size_t c = class_of_(l.size);
      // Freeing the block freed last, again (the double free a cache can see in O(1)).
      BARE_ASSERT(p != heads_[c], "bare::cached: double free");
      if (counts_[c] < Depth) {
        *static_cast<void**>(p) = heads_[c];
        heads_[c] = p;
        ++counts_[c];
        BARE_POISON(static_cast<unsigned char*>(p) + sizeof(void*), class_size_(c) - sizeof(void*));
        return;
      }
    }
    inner_.deallocate(p, inner_layout_(l));
  }

  void* grow(void* p, layout old, std::size_t n) noexcept {
    const layout il = inner_layout_(old);
    const std::size_t in = inner_size_(n, old.align);
    void* q = detail::alloc_grow(inner_, p, il, in);
    if (q == nullptr && flush() != 0) q = detail::alloc_grow(inner_, p, il, in);
    return q;
  }
  void* shrink(void* p, layout old, std::size_t n) noexcept {
    return detail::alloc_shrink(inner_, p, inner_layout_(old), inner_size_(n, old.align));
  }

  alloc_errc last_failure() const noexcept { return detail::last_failure_of(inner_); }

  // Gives every cached block back to A; returns how many. O(blocks cached).
  std::size_t flush() noexcept {
    std::size_t n = 0;
    for (std::size_t c = 0; c < classes; ++c) {
      void* p = heads_[c];
      while (p != nullptr) {
        void* next = *static_cast<void**>(p);
        BARE_UNPOISON(p, class_size_(c));
        inner_.deallocate(p, layout{class_size_(c), granule});
        p = next;
        ++n;
      }
      heads_[c] = nullptr;
      counts_[c] = 0;
    }
    return n;
  }

  // Blocks and bytes (of user memory, rounded to their class) held in the cache now. O(C).
  std::size_t cached_blocks() const noexcept {
    std::size_t n = 0;
    for (std::size_t c = 0; c < classes; ++c) n += counts_[c];
    return n;
  }
  std::size_t cached_bytes() const noexcept {
    std::size_t n = 0;
    for (std::size_t c = 0; c < classes; ++c) n += counts_[c] * class_size_(c);
    return n;
  }

  A& inner() noexcept { return inner_; }

  // Verifies the cache: each class's list holds exactly as many blocks as its count (at most
  // Depth; a block listed twice makes a cycle, which this catches), each granule-aligned.
  // O(C * Depth). For tests and self-tests.
  heap_check check() const noexcept {
    for (std::size_t c = 0; c < classes; ++c) {
      std::size_t n = 0;
      for (void* p = heads_[c]; p != nullptr; p = *static_cast<void**>(p)) {
        if (++n > counts_[c]) return {"bare::cached: a list is longer than its count"};
        if (reinterpret_cast<std::uintptr_t>(p) % granule != 0) return {"bare::cached: a cached block is misaligned"};
      }
      if (n != counts_[c]) return {"bare::cached: a list is shorter than its count"};
    }
    return {};
  }

 private:
  // A power of two up to the granule.
  static constexpr bool small_align_(std::size_t align) noexcept {
    return align - 1 < granule && (align & (align - 1)) == 0;
  }
  // Sizes 1 .. MaxSize with a small alignment.
  static constexpr bool cacheable_(layout l) noexcept { return l.size - 1 < MaxSize && small_align_(l.align); }
  static constexpr std::size_t class_of_(std::size_t size) noexcept { return (size - 1) / granule; }
  // The largest size of class c: what A is asked for, for every request of the class.
  static constexpr std::size_t class_size_(std::size_t c) noexcept { return (c + 1) * granule; }
  // What A sees: a small alignment raised to the granule (whatever the size, so that
  // grow/shrink across MaxSize keep it), a cacheable size rounded up to its class's largest.
  static constexpr std::size_t inner_align_(std::size_t align) noexcept { return small_align_(align) ? granule : align; }
  static constexpr std::size_t inner_size_(std::size_t size, std::size_t align) noexcept {
    return cacheable_(layout{size, align}) ? class_size_(class_of_(size)) : size;
  }
  static constexpr layout inner_layout_(layout l) noexcept {
    return layout{inner_size_(l.size, l.align), inner_align_(l.align)};
  }

  // (Size and alignment as two words: a layout argument was stored and reloaded as one
  // 16-byte word, a store-forwarding stall on every miss.)
  BARE_NOINLINE void* allocate_miss_(std::size_t size, std::size_t align) noexcept {
    void* p = inner_.allocate(layout{size, align});
    if (p == nullptr && flush() != 0) p = inner_.allocate(layout{size, align});
    return p;
  }

  [[no_unique_address]] A inner_{};
  void* heads_[classes] = {};
  std::uint8_t counts_[classes] = {};
};

}  // namespace bare
