// bare/alloc/allocator_ref.hpp — allocator_ref: any allocator chosen at run time, as a
// pointer and a vtable (two words). One indirect call per operation.
//
//   bare::region_allocator fast;  bare::pool_allocator<64, 32> small;
//   bare::allocator_ref a = use_pool ? bare::allocator_ref(small) : bare::allocator_ref(fast);
//   bare::vec<int, bare::allocator_ref> v(a);
//
// The referenced allocator must outlive every container using the reference. grow/shrink
// fall back to allocate + copy + free when the referenced type has none.
#pragma once

#include <cstddef>
#include <type_traits>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/error.hpp"

namespace bare {

class allocator_ref {
  struct vtable {
    void* (*allocate)(void*, layout) noexcept;
    void (*deallocate)(void*, void*, layout) noexcept;
    void* (*grow)(void*, void*, layout, std::size_t) noexcept;
    void* (*shrink)(void*, void*, layout, std::size_t) noexcept;
    alloc_errc (*last_failure)(const void*) noexcept;
  };

  template <allocator A>
  struct ops {
    static void* allocate(void* a, layout l) noexcept { return static_cast<A*>(a)->allocate(l); }
    static void deallocate(void* a, void* p, layout l) noexcept { static_cast<A*>(a)->deallocate(p, l); }
    static void* grow(void* a, void* p, layout o, std::size_t n) noexcept {
      return detail::alloc_grow(*static_cast<A*>(a), p, o, n);
    }
    static void* shrink(void* a, void* p, layout o, std::size_t n) noexcept {
      return detail::alloc_shrink(*static_cast<A*>(a), p, o, n);
    }
    static alloc_errc last_failure(const void* a) noexcept {
      return detail::last_failure_of(*static_cast<const A*>(a));
    }
    static constexpr vtable table{&allocate, &deallocate, &grow, &shrink, &last_failure};
  };

 public:
  template <allocator A>
    requires(!std::is_same_v<A, allocator_ref>)
  constexpr allocator_ref(A& a) noexcept : obj_(&a), vt_(&ops<A>::table) {}  // NOLINT: implicit by design

  void* allocate(layout l) const noexcept { return vt_->allocate(obj_, l); }
  void deallocate(void* p, layout l) const noexcept { vt_->deallocate(obj_, p, l); }
  void* grow(void* p, layout o, std::size_t n) const noexcept { return vt_->grow(obj_, p, o, n); }
  void* shrink(void* p, layout o, std::size_t n) const noexcept { return vt_->shrink(obj_, p, o, n); }
  alloc_errc last_failure() const noexcept { return vt_->last_failure(obj_); }
  friend constexpr bool operator==(allocator_ref x, allocator_ref y) noexcept { return x.obj_ == y.obj_; }

 private:
  void* obj_;
  const vtable* vt_;
};

}  // namespace bare
