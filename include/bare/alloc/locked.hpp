// bare/alloc/locked.hpp — locked<A, Guard>: each call of A runs inside a critical section.
//
// Guard is the user's RAII critical section: its constructor enters, its destructor leaves.
// On a single-core microcontroller, interrupt masking that restores the previous state:
//
//   struct irq_guard {
//     std::uint32_t primask;
//     irq_guard() noexcept { asm volatile("mrs %0, primask\n cpsid i" : "=r"(primask) :: "memory"); }
//     ~irq_guard() { asm volatile("msr primask, %0" :: "r"(primask) : "memory"); }
//   };
//   static bare::locked<bare::region_allocator, irq_guard> heap;
//   BARE_GLOBAL_ALLOCATOR(heap);
//
// Then allocation is safe from interrupt handlers too. The time spent inside the section is
// A's worst case (O(1) for region_allocator and pool_allocator).
#pragma once

#include <cstddef>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/error.hpp"

namespace bare {

template <allocator A, class Guard>
class locked {
 public:
  constexpr locked() noexcept requires std::default_initializable<A> = default;
  constexpr explicit locked(A inner) noexcept : inner_(static_cast<A&&>(inner)) {}

  void* allocate(layout l) noexcept {
    [[maybe_unused]] const Guard g;
    return inner_.allocate(l);
  }
  void deallocate(void* p, layout l) noexcept {
    [[maybe_unused]] const Guard g;
    inner_.deallocate(p, l);
  }
  void* grow(void* p, layout old, std::size_t n) noexcept {
    [[maybe_unused]] const Guard g;
    return detail::alloc_grow(inner_, p, old, n);
  }
  void* shrink(void* p, layout old, std::size_t n) noexcept {
    [[maybe_unused]] const Guard g;
    return detail::alloc_shrink(inner_, p, old, n);
  }
  alloc_errc last_failure() const noexcept {
    [[maybe_unused]] const Guard g;
    return detail::last_failure_of(inner_);
  }
  // The wrapped allocator, for set-up (init) before other contexts run, and for inspection
  // (take a Guard yourself if other contexts may be allocating).
  A& inner() noexcept { return inner_; }

 private:
  A inner_{};
};

}  // namespace bare
