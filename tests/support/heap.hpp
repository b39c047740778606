// The host test programs' global allocator and the allocators tests use to observe containers.
//
// Global heap: BARE_GLOBAL_ALLOCATOR over bare::malloc_allocator, wrapped so that it counts
// live blocks and bytes (support/global_heap.cpp). The runner fails any test that ends with
// more or fewer live blocks than it started with, so every test that uses bare::global is a
// leak test too. global_heap_fail_next(n) makes the next n attempts (allocate, grow, shrink)
// fail, to drive bare::global's failure paths.
#pragma once

#include <cstddef>
#include <vector>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/malloc.hpp"

namespace bare_test {

struct heap_stats {
  std::size_t live_blocks = 0;
  std::size_t live_bytes = 0;
  std::size_t allocations = 0;  // successful allocate calls
  std::size_t resizes = 0;      // successful grow / shrink calls
  std::size_t deallocations = 0;
  std::size_t failures = 0;     // attempts that returned nullptr
};
heap_stats global_heap_stats() noexcept;
void global_heap_fail_next(std::size_t n) noexcept;

// An allocator that never succeeds (for the error paths of the infallible API).
struct always_fails {
  void* allocate(bare::layout) noexcept { return nullptr; }
  void deallocate(void*, bare::layout) noexcept {}
  friend bool operator==(always_fails, always_fails) noexcept { return true; }
};

// Records every call, over malloc_allocator. Give it to containers as bare::by_ref<recording>.
// With with_grow = false it has no grow/shrink members (containers then fall back to
// allocate + copy + deallocate).
enum class alloc_call_kind { allocate, deallocate, grow, shrink };
struct alloc_call {
  alloc_call_kind what;
  void* ptr;             // the block (for grow/shrink: the old block)
  bare::layout l;        // its layout (for grow/shrink: the old layout)
  std::size_t new_size;  // grow/shrink only
  void* result;          // allocate/grow/shrink: what was returned
};

template <bool WithGrow = true>
class basic_recording {
 public:
  using kind = alloc_call_kind;
  using call = alloc_call;

  void* allocate(bare::layout l) noexcept {
    void* p = inner_.allocate(l);
    calls.push_back({kind::allocate, nullptr, l, 0, p});
    if (p) ++live;
    return p;
  }
  void deallocate(void* p, bare::layout l) noexcept {
    calls.push_back({kind::deallocate, p, l, 0, nullptr});
    --live;
    inner_.deallocate(p, l);
  }
  void* grow(void* p, bare::layout old, std::size_t n) noexcept
    requires WithGrow
  {
    void* q = inner_.grow(p, old, n);
    calls.push_back({kind::grow, p, old, n, q});
    return q;
  }
  void* shrink(void* p, bare::layout old, std::size_t n) noexcept
    requires WithGrow
  {
    void* q = inner_.shrink(p, old, n);
    calls.push_back({kind::shrink, p, old, n, q});
    return q;
  }

  std::size_t count(kind k) const noexcept {
    std::size_t n = 0;
    for (const call& c : calls) n += c.what == k;
    return n;
  }

  std::vector<call> calls;
  long live = 0;

 private:
  bare::malloc_allocator inner_;
};
using recording = basic_recording<true>;
using recording_ref = bare::by_ref<recording>;

}  // namespace bare_test
