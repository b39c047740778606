// bare/alloc/sealable.hpp — sealable<A>: after seal(), every allocation fails with
// alloc_errc::full ("allocate at start-up only", as safety standards ask). Deallocation and
// shrinking keep working. One branch per call. Not synchronised: seal before starting other
// contexts.
#pragma once

#include <cstddef>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/error.hpp"

namespace bare {

template <allocator A>
class sealable {
 public:
  constexpr sealable() noexcept requires std::default_initializable<A> = default;
  constexpr explicit sealable(A inner) noexcept : inner_(static_cast<A&&>(inner)) {}

  // From now on allocate and grow fail with full. Irreversible.
  void seal() noexcept { sealed_ = true; }
  bool sealed() const noexcept { return sealed_; }

  void* allocate(layout l) noexcept { return sealed_ ? nullptr : inner_.allocate(l); }
  void deallocate(void* p, layout l) noexcept { inner_.deallocate(p, l); }
  void* grow(void* p, layout old, std::size_t n) noexcept {
    return sealed_ ? nullptr : detail::alloc_grow(inner_, p, old, n);
  }
  void* shrink(void* p, layout old, std::size_t n) noexcept {
    // Sealed: keep the block rather than move it (a move would allocate).
    if (sealed_ && !allocator_with_shrink<A>) return p;
    return detail::alloc_shrink(inner_, p, old, n);
  }
  alloc_errc last_failure() const noexcept {
    if (sealed_) return alloc_errc::full;
    return detail::last_failure_of(inner_);
  }
  A& inner() noexcept { return inner_; }

 private:
  [[no_unique_address]] A inner_{};
  bool sealed_ = false;
};

}  // namespace bare
