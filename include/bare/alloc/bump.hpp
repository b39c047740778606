// bare/alloc/bump.hpp — bump_allocator: a monotonic arena over a caller-given byte range.
//
// Guarantees:
//   allocate     O(1): aligns the top up, hands out [top, top + size); nullptr when the range
//                is exhausted (no other failure). Any power-of-two alignment. Size 0 is
//                served as size 1 (a unique pointer).
//   deallocate   O(1): frees the block only if it is the last one handed out (a stack
//                discipline gives full reuse); otherwise a no-op until reset().
//   grow/shrink  O(1), in place for the last block; grow of another block moves it (allocate +
//                copy; the old bytes stay used until reset()).
//   reset()      O(1): everything is free again. Blocks handed out before are invalid.
//   Overhead: 0 bytes per block (plus alignment padding). Memory is NOT zero-filled.
//   Not synchronised: one context only, or wrap in locked<>.
//   ASan: memory above the top (never handed out, or given back) is poisoned.
// The object holds the state: give it to containers through by_ref<bump_allocator>.
#pragma once

#include <cstddef>
#include <cstdint>

#include "bare/alloc/allocator.hpp"
#include "bare/detail/asan.hpp"
#include "bare/detail/checked.hpp"

namespace bare {

class bump_allocator {
 public:
  constexpr bump_allocator() noexcept = default;
  // Manages [start, start + size). The range must outlive every block handed out.
  bump_allocator(void* start, std::size_t size) noexcept { init(start, size); }
  void init(void* start, std::size_t size) noexcept {
    begin_ = reinterpret_cast<std::uintptr_t>(start);
    end_ = begin_ + size;
    top_ = begin_;
    last_ = 0;
    BARE_POISON(start, size);
  }
  bump_allocator(const bump_allocator&) = delete;
  bump_allocator& operator=(const bump_allocator&) = delete;

  void* allocate(layout l) noexcept {
    std::size_t at = 0;
    const std::size_t size = span_(l.size);
    if (!detail::checked_align_up(top_, l.align, &at) || at > end_ || end_ - at < size) return nullptr;
    top_ = at + size;
    last_ = at;
    BARE_UNPOISON(reinterpret_cast<void*>(at), l.size);
    return reinterpret_cast<void*>(at);
  }
  void deallocate(void* p, layout l) noexcept {
    if (is_last_(p, l.size)) {
      top_ = last_;
      last_ = 0;
      BARE_POISON(p, l.size);
    }
  }
  void* grow(void* p, layout old, std::size_t n) noexcept {
    if (is_last_(p, old.size)) {
      if (end_ - last_ < n) return nullptr;
      top_ = last_ + span_(n);
      BARE_UNPOISON(p, n);
      return p;
    }
    void* q = allocate(layout{n, old.align});
    if (q != nullptr) __builtin_memcpy(q, p, old.size);
    return q;
  }
  void* shrink(void* p, layout old, std::size_t n) noexcept {
    if (is_last_(p, old.size)) {
      top_ = last_ + span_(n);
      BARE_POISON(static_cast<unsigned char*>(p) + n, old.size - n);
    }
    return p;
  }

  // Frees everything. O(1).
  void reset() noexcept {
    top_ = begin_;
    last_ = 0;
    BARE_POISON(reinterpret_cast<void*>(begin_), end_ - begin_);
  }
  std::size_t capacity() const noexcept { return end_ - begin_; }
  std::size_t used() const noexcept { return top_ - begin_; }
  std::size_t remaining() const noexcept { return end_ - top_; }

 private:
  bool is_last_(void* p, std::size_t size) const noexcept {
    auto a = reinterpret_cast<std::uintptr_t>(p);
    return last_ != 0 && a == last_ && a + span_(size) == top_;
  }
  // The bytes a block of `size` takes: at least one, so that distinct blocks have distinct
  // addresses.
  static constexpr std::size_t span_(std::size_t size) noexcept { return size != 0 ? size : 1; }

  // begin_ <= last_ <= top_ <= end_ (last_ == 0: no block to give back).
  std::uintptr_t begin_ = 0, end_ = 0, top_ = 0, last_ = 0;
};

}  // namespace bare
