// bare/alloc/pool.hpp — pool_allocator<BlockSize, Count>: Count fixed-size blocks stored
// inside the object.
//
// Guarantees:
//   allocate     O(1): pops the free list, or takes the next never-used block. nullptr iff the
//                request is larger than BlockSize, more aligned than Align, or all Count
//                blocks are in use (last_failure() then says full).
//   deallocate   O(1): pushes the block on the free list. Precondition: p came from this pool.
//   grow/shrink  O(1), in place while the new size fits BlockSize; a larger grow fails.
//   Overhead     none per block (the free list lives in free blocks); blocks are
//                max(BlockSize, sizeof(void*)) rounded up to Align. No fragmentation: any
//                free block serves any request that fits.
//   Thread/ISR   not synchronised (wrap in locked<>). Memory is NOT zero-filled.
//   ASan         a freed block is poisoned until it is handed out again, and the bytes of a
//                block beyond the requested size stay poisoned.
// The object holds the memory: give it to containers through by_ref<pool_allocator<...>>;
// it must outlive them. Constant-initialisable (no global constructor).
#pragma once

#include <cstddef>
#include <cstdint>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/error.hpp"
#include "bare/detail/asan.hpp"

namespace bare {

template <std::size_t BlockSize, std::size_t Count, std::size_t Align = alignof(std::max_align_t)>
class pool_allocator {
  static_assert(BlockSize > 0 && Count > 0, "pool_allocator: empty pool");
  static_assert(Align != 0 && (Align & (Align - 1)) == 0, "pool_allocator: Align must be a power of two");

  static constexpr std::size_t raw = BlockSize < sizeof(void*) ? sizeof(void*) : BlockSize;

 public:
  static constexpr std::size_t block_size = (raw + Align - 1) / Align * Align;
  static constexpr std::size_t block_count = Count;

  constexpr pool_allocator() noexcept = default;
#if BARE_ASAN
  // Under ASan only: the storage may be reused as something else after the pool is gone.
  ~pool_allocator() { BARE_UNPOISON(storage_, sizeof storage_); }
#endif
  pool_allocator(const pool_allocator&) = delete;
  pool_allocator& operator=(const pool_allocator&) = delete;

  BARE_NO_ASAN void* allocate(layout l) noexcept {
    if (l.size > BlockSize || l.align > Align) return fail_(alloc_errc::out_of_memory);
    void* p;
    if (free_ != nullptr) {
      p = free_;
      free_ = free_->next;
      BARE_UNPOISON(p, l.size);
    } else if (fresh_ < Count) {
      p = storage_ + fresh_++ * block_size;
      BARE_POISON(static_cast<unsigned char*>(p) + l.size, block_size - l.size);
    } else {
      return fail_(alloc_errc::full);
    }
    ++used_;
    return p;
  }
  BARE_NO_ASAN void deallocate(void* p, layout) noexcept {
    auto* n = static_cast<node*>(p);
    n->next = free_;
    free_ = n;
    --used_;
    BARE_POISON(p, block_size);
  }
  void* grow(void* p, layout old, std::size_t n) noexcept {
    if (n > BlockSize) return fail_(alloc_errc::out_of_memory);
    BARE_UNPOISON(p, n > old.size ? n : old.size);
    return p;
  }
  void* shrink(void* p, layout old, std::size_t n) noexcept {
    BARE_POISON(static_cast<unsigned char*>(p) + n, old.size - n);
    return p;
  }
  alloc_errc last_failure() const noexcept { return last_failure_; }

  // Whether p points to a block of this pool.
  bool owns(const void* p) const noexcept {
    auto a = reinterpret_cast<std::uintptr_t>(p), b = reinterpret_cast<std::uintptr_t>(storage_);
    return a >= b && a < b + sizeof storage_ && (a - b) % block_size == 0;
  }
  std::size_t used() const noexcept { return used_; }
  std::size_t available() const noexcept { return Count - used_; }

 private:
  struct node {
    node* next;
  };
  void* fail_(alloc_errc k) noexcept {
    last_failure_ = k;
    return nullptr;
  }

  // Blocks [0, fresh_) were handed out at least once; the free ones among them are on free_.
  alignas(Align) unsigned char storage_[block_size * Count];
  node* free_ = nullptr;
  std::size_t fresh_ = 0;
  std::size_t used_ = 0;
  alloc_errc last_failure_ = alloc_errc::out_of_memory;
};

}  // namespace bare
