// bare/alloc/allocator.hpp — the allocator concept, its optional members, and by_ref.
//
//   struct my_alloc {
//     void* allocate(bare::layout) noexcept;            // nullptr on failure, never throws
//     void  deallocate(void* p, bare::layout) noexcept; // the layout p was allocated with
//     // optional: resize in place or move (like realloc); nullptr = failed, p untouched.
//     void* grow(void* p, bare::layout old, size_t new_size) noexcept;    // new_size >= old.size
//     void* shrink(void* p, bare::layout old, size_t new_size) noexcept;  // new_size <= old.size
//   };
//
// Contract every bare container relies on:
// - allocate(l) with l.is_valid() and l.size > 0 returns nullptr or a block of at least
//   l.size bytes aligned to l.align. bare never asks for size 0.
// - deallocate(p, l) gets exactly the layout p was last allocated / grown / shrunk to.
// - grow/shrink keep l.align; on success the first min(old, new) bytes are preserved.
// - An allocator object may be stateless (takes no space in containers) or a small handle
//   (a pointer); a container stores it by value and moves it with the container. Allocators
//   with state inside them (a pool, an arena) are given to containers through by_ref<A>.
#pragma once

#include <concepts>
#include <cstddef>

#include "bare/alloc/error.hpp"
#include "bare/alloc/layout.hpp"

namespace bare {

template <class A>
concept allocator = requires(A& a, void* p, layout l) {
  { a.allocate(l) } noexcept -> std::same_as<void*>;
  { a.deallocate(p, l) } noexcept;
};

template <class A>
concept allocator_with_grow = allocator<A> && requires(A& a, void* p, layout l, std::size_t n) {
  { a.grow(p, l, n) } noexcept -> std::same_as<void*>;
};

template <class A>
concept allocator_with_shrink = allocator<A> && requires(A& a, void* p, layout l, std::size_t n) {
  { a.shrink(p, l, n) } noexcept -> std::same_as<void*>;
};

// A pointer-sized handle to an allocator that lives elsewhere (an arena, a pool, a budget),
// so that several containers share it. The referenced allocator must outlive every container
// using the handle. Forwards grow/shrink when A has them.
template <class A>
concept allocator_with_failure_kind = allocator<A> && requires(const A& a) {
  { a.last_failure() } noexcept -> std::same_as<alloc_errc>;
};

template <allocator A>
class by_ref {
 public:
  constexpr by_ref(A& a) noexcept : a_(&a) {}  // NOLINT: implicit by design

  void* allocate(layout l) const noexcept { return a_->allocate(l); }
  void deallocate(void* p, layout l) const noexcept { a_->deallocate(p, l); }
  void* grow(void* p, layout old, std::size_t n) const noexcept
    requires allocator_with_grow<A>
  {
    return a_->grow(p, old, n);
  }
  void* shrink(void* p, layout old, std::size_t n) const noexcept
    requires allocator_with_shrink<A>
  {
    return a_->shrink(p, old, n);
  }

  alloc_errc last_failure() const noexcept
    requires allocator_with_failure_kind<A>
  {
    return a_->last_failure();
  }

  constexpr A& get() const noexcept { return *a_; }
  friend constexpr bool operator==(by_ref x, by_ref y) noexcept { return x.a_ == y.a_; }

 private:
  A* a_;
};

namespace detail {

// The error for an allocator that just returned nullptr for l: its last_failure() if it has
// one (full from a budget or a sealed allocator), otherwise out_of_memory. Inline on purpose:
// an out-of-line cold call cost 140 bytes of Cortex-M4 code in bench/size (measured).
template <allocator A>
alloc_errc last_failure_of(const A& a) noexcept {
  if constexpr (allocator_with_failure_kind<A>) return a.last_failure();
  else return alloc_errc::out_of_memory;
}
template <allocator A>
[[nodiscard]] inline alloc_error alloc_failed(const A& a, layout l) noexcept {
  return alloc_error{last_failure_of(a), l};
}

// Grows the block p (layout old) to new_size bytes: the allocator's grow if it has one,
// otherwise allocate + copy + deallocate. Returns nullptr (p untouched) on failure.
// Preconditions: p was allocated by a with layout old; new_size >= old.size.
template <allocator A>
void* alloc_grow(A& a, void* p, layout old, std::size_t new_size) noexcept {
  if constexpr (allocator_with_grow<A>) {
    return a.grow(p, old, new_size);
  } else {
    void* q = a.allocate(layout{new_size, old.align});
    if (q == nullptr) return nullptr;
    __builtin_memcpy(q, p, old.size);
    a.deallocate(p, old);
    return q;
  }
}

// Shrinks the block p (layout old) to new_size > 0 bytes; nullptr (p untouched) on failure.
template <allocator A>
void* alloc_shrink(A& a, void* p, layout old, std::size_t new_size) noexcept {
  if constexpr (allocator_with_shrink<A>) {
    return a.shrink(p, old, new_size);
  } else {
    void* q = a.allocate(layout{new_size, old.align});
    if (q == nullptr) return nullptr;
    __builtin_memcpy(q, p, new_size);
    a.deallocate(p, old);
    return q;
  }
}

}  // namespace detail
}  // namespace bare
