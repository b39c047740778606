// bare/alloc/malloc.hpp — malloc_allocator: the C library's heap, for HOSTED programs only.
// Never included by any other bare header (it needs <cstdlib>).
//
// Alignment up to alignof(std::max_align_t) uses malloc/realloc (so vec growth is realloc,
// often in place); larger alignments use aligned_alloc (grow/shrink then allocate + copy).
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>

#include "bare/alloc/allocator.hpp"

namespace bare {

struct malloc_allocator {
  void* allocate(layout l) const noexcept {
    if (l.align <= alignof(std::max_align_t)) return std::malloc(l.size);
    std::size_t size = (l.size + l.align - 1) & ~(l.align - 1);
    if (size < l.size) return nullptr;
    return std::aligned_alloc(l.align, size);
  }
  void deallocate(void* p, layout) const noexcept { std::free(p); }
  void* grow(void* p, layout old, std::size_t n) const noexcept { return resize_(p, old, n); }
  void* shrink(void* p, layout old, std::size_t n) const noexcept { return resize_(p, old, n); }
  friend constexpr bool operator==(malloc_allocator, malloc_allocator) noexcept { return true; }

 private:
  void* resize_(void* p, layout old, std::size_t n) const noexcept {
    if (old.align <= alignof(std::max_align_t)) return std::realloc(p, n);
    void* q = allocate(layout{n, old.align});
    if (q == nullptr) return nullptr;
    std::memcpy(q, p, old.size < n ? old.size : n);
    std::free(p);
    return q;
  }
};

}  // namespace bare
