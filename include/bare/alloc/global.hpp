// bare/alloc/global.hpp — bare::global, the default allocator of every container, and
// BARE_GLOBAL_ALLOCATOR, with which the final program chooses it (Rust's #[global_allocator]).
//
// The library declares four extern "C" hooks and never defines them. The program defines
// them in exactly one source file:
//
//   static bare::region_allocator heap;      // any object modelling bare::allocator
//   BARE_GLOBAL_ALLOCATOR(heap);
//
// A library built on bare compiles without choosing a heap. A program that uses bare::global
// (directly or through a container's default) and forgets the line fails to link with
//   undefined reference to `bare_global_allocate__define_BARE_GLOBAL_ALLOCATOR_in_one_source_file'
// A program that only uses allocation-free collections or its own allocators needs no line.
#pragma once

#include <cstddef>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/layout.hpp"

extern "C" {
void* bare_global_allocate__define_BARE_GLOBAL_ALLOCATOR_in_one_source_file(
    std::size_t size, std::size_t align) noexcept;
void bare_global_deallocate__define_BARE_GLOBAL_ALLOCATOR_in_one_source_file(
    void* p, std::size_t size, std::size_t align) noexcept;
void* bare_global_grow__define_BARE_GLOBAL_ALLOCATOR_in_one_source_file(
    void* p, std::size_t old_size, std::size_t align, std::size_t new_size) noexcept;
void* bare_global_shrink__define_BARE_GLOBAL_ALLOCATOR_in_one_source_file(
    void* p, std::size_t old_size, std::size_t align, std::size_t new_size) noexcept;
}

namespace bare {

// Stateless: takes no space in a container. Forwards to the program's global allocator.
// Always offers grow/shrink (the hook falls back to allocate + copy + free when the
// program's allocator has no in-place resize).
struct global {
  void* allocate(layout l) const noexcept {
    return bare_global_allocate__define_BARE_GLOBAL_ALLOCATOR_in_one_source_file(l.size, l.align);
  }
  void deallocate(void* p, layout l) const noexcept {
    bare_global_deallocate__define_BARE_GLOBAL_ALLOCATOR_in_one_source_file(p, l.size, l.align);
  }
  void* grow(void* p, layout old, std::size_t new_size) const noexcept {
    return bare_global_grow__define_BARE_GLOBAL_ALLOCATOR_in_one_source_file(p, old.size, old.align,
                                                                               new_size);
  }
  void* shrink(void* p, layout old, std::size_t new_size) const noexcept {
    return bare_global_shrink__define_BARE_GLOBAL_ALLOCATOR_in_one_source_file(p, old.size, old.align,
                                                                                 new_size);
  }
  friend constexpr bool operator==(global, global) noexcept { return true; }
};

}  // namespace bare

// Defines the global allocator hooks to forward to `instance`, an lvalue whose type models
// bare::allocator (a global object, or a function-free expression such as *ptr). Use it once,
// at namespace scope, in one source file of the final program.
#define BARE_GLOBAL_ALLOCATOR(instance)                                                           \
  extern "C" void* bare_global_allocate__define_BARE_GLOBAL_ALLOCATOR_in_one_source_file(         \
      std::size_t size, std::size_t align) noexcept {                                             \
    return (instance).allocate(::bare::layout{size, align});                                      \
  }                                                                                               \
  extern "C" void bare_global_deallocate__define_BARE_GLOBAL_ALLOCATOR_in_one_source_file(        \
      void* p, std::size_t size, std::size_t align) noexcept {                                    \
    (instance).deallocate(p, ::bare::layout{size, align});                                        \
  }                                                                                               \
  extern "C" void* bare_global_grow__define_BARE_GLOBAL_ALLOCATOR_in_one_source_file(             \
      void* p, std::size_t old_size, std::size_t align, std::size_t new_size) noexcept {          \
    return ::bare::detail::alloc_grow((instance), p, ::bare::layout{old_size, align}, new_size);  \
  }                                                                                               \
  extern "C" void* bare_global_shrink__define_BARE_GLOBAL_ALLOCATOR_in_one_source_file(           \
      void* p, std::size_t old_size, std::size_t align, std::size_t new_size) noexcept {          \
    return ::bare::detail::alloc_shrink((instance), p, ::bare::layout{old_size, align}, new_size);\
  }                                                                                               \
  static_assert(::bare::allocator<decltype(instance)>, "BARE_GLOBAL_ALLOCATOR needs an allocator")
