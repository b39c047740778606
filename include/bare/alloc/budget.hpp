// bare/alloc/budget.hpp — budget<A>: caps the bytes an allocator may hand out (per container
// or per subsystem). Over budget is alloc_errc::full (containers report it as such).
//
// Costs an add and a compare per call. Counts requested sizes (layout.size), not the inner
// allocator's rounding. grow beyond the budget fails and leaves the block untouched.
// Not synchronised. Share one budget between containers with by_ref<budget<A>>.
#pragma once

#include <cstddef>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/error.hpp"

namespace bare {

template <allocator A>
class budget {
 public:
  constexpr explicit budget(std::size_t limit, A inner = A()) noexcept
      : inner_(static_cast<A&&>(inner)), limit_(limit) {}

  void* allocate(layout l) noexcept {
    if (l.size > limit_ - used_) return fail_(alloc_errc::full);
    void* p = inner_.allocate(l);
    if (p == nullptr) return fail_(detail::alloc_failed(inner_, l).kind);
    used_ += l.size;
    return p;
  }
  void deallocate(void* p, layout l) noexcept {
    inner_.deallocate(p, l);
    used_ -= l.size;
  }
  void* grow(void* p, layout old, std::size_t n) noexcept {
    if (n - old.size > limit_ - used_) return fail_(alloc_errc::full);
    void* q = detail::alloc_grow(inner_, p, old, n);
    if (q == nullptr) return fail_(detail::alloc_failed(inner_, layout{n, old.align}).kind);
    used_ += n - old.size;
    return q;
  }
  void* shrink(void* p, layout old, std::size_t n) noexcept {
    void* q = detail::alloc_shrink(inner_, p, old, n);
    if (q == nullptr) return fail_(detail::alloc_failed(inner_, layout{n, old.align}).kind);
    used_ -= old.size - n;
    return q;
  }
  alloc_errc last_failure() const noexcept { return last_failure_; }

  std::size_t limit() const noexcept { return limit_; }
  std::size_t used() const noexcept { return used_; }
  std::size_t remaining() const noexcept { return limit_ - used_; }
  // Changes the limit; a limit below used() only stops further allocation.
  void set_limit(std::size_t limit) noexcept { limit_ = limit < used_ ? used_ : limit; }
  A& inner() noexcept { return inner_; }

 private:
  void* fail_(alloc_errc k) noexcept {
    last_failure_ = k;
    return nullptr;
  }
  [[no_unique_address]] A inner_;
  std::size_t limit_;
  std::size_t used_ = 0;  // invariant: used_ <= limit_
  alloc_errc last_failure_ = alloc_errc::out_of_memory;
};

}  // namespace bare
