// Shared pieces of the container fuzzers (vec_fuzz, vec_deque_fuzz, ...): the trap-on-failure
// check, an allocator whose failures the input drives, and an element type that owns heap
// memory (so a leak or a double free shows up under ASan).
#pragma once

#include <compare>
#include <cstddef>
#include <utility>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/malloc.hpp"

#define FUZZ_CHECK(cond)           \
  do {                             \
    if (!(cond)) __builtin_trap(); \
  } while (0)

namespace bare_fuzz {

// Fails allocation attempt k of the current operation iff bit (k % 8) of `mask` is set; the
// fuzzer sets `mask` and resets `attempt` before each operation. Counts live blocks.
struct fuzz_alloc {
  bare::malloc_allocator inner;
  unsigned mask = 0;     // failure bits of the current operation
  unsigned attempt = 0;  // attempts in the current operation
  long live = 0;

  bool fail() noexcept { return (mask >> (attempt++ % 8)) & 1u; }
  void* allocate(bare::layout l) noexcept {
    if (fail()) return nullptr;
    void* p = inner.allocate(l);
    if (p) ++live;
    return p;
  }
  void deallocate(void* p, bare::layout l) noexcept {
    --live;
    inner.deallocate(p, l);
  }
  void* grow(void* p, bare::layout l, std::size_t n) noexcept { return fail() ? nullptr : inner.grow(p, l, n); }
  void* shrink(void* p, bare::layout l, std::size_t n) noexcept { return fail() ? nullptr : inner.shrink(p, l, n); }
};

// Copyable, owns a heap int; a moved-from one reads -1.
class boxed_int {
 public:
  explicit boxed_int(int v = 0) : p_(new int(v)) {}
  boxed_int(const boxed_int& o) : p_(new int(o.get())) {}
  boxed_int(boxed_int&& o) noexcept : p_(o.p_) { o.p_ = nullptr; }
  boxed_int& operator=(const boxed_int& o) {
    if (this != &o) *this = boxed_int(o);
    return *this;
  }
  boxed_int& operator=(boxed_int&& o) noexcept {
    std::swap(p_, o.p_);
    return *this;
  }
  ~boxed_int() { delete p_; }
  int get() const { return p_ ? *p_ : -1; }
  friend bool operator==(const boxed_int& a, const boxed_int& b) { return a.get() == b.get(); }
  friend std::strong_ordering operator<=>(const boxed_int& a, const boxed_int& b) { return a.get() <=> b.get(); }

 private:
  int* p_;
};

inline int get(int x) { return x; }
inline int get(const boxed_int& x) { return x.get(); }

}  // namespace bare_fuzz
