// The heap under the bare programs of bench/size (included by every *_bare.cpp, once, in the
// file that has main). Two choices:
//   BARE_SIZE_NEWLIB_MALLOC  bare::global forwards to the C library's malloc / realloc / free
//                            (newlib-nano on Cortex-M4, wasi-libc on wasm32): the same heap as
//                            the std twin's operator new, so the two images differ only by the
//                            containers' code. grow / shrink are realloc, as in
//                            bare::malloc_allocator (so a vec grows in place when it can).
//   otherwise                a bump arena of 4 KiB inside the program, no libc (the
//                            freestanding build of vec_bare.cpp, bench/size/freestanding.sh);
//                            bump_allocator frees only the last block, which is enough there.
// size_program_heap_init() must be called first thing in main.
#pragma once

#include "bare/alloc/global.hpp"
#include "bare/alloc/layout.hpp"

#if defined(BARE_SIZE_NEWLIB_MALLOC)
#include <cstddef>
#include <cstdlib>

struct newlib_heap {
  void* allocate(bare::layout l) noexcept { return std::malloc(l.size); }
  void deallocate(void* p, bare::layout) noexcept { std::free(p); }
  void* grow(void* p, bare::layout, std::size_t n) noexcept { return std::realloc(p, n); }
  void* shrink(void* p, bare::layout, std::size_t n) noexcept { return std::realloc(p, n); }
};
static newlib_heap g_heap;
inline void size_program_heap_init() noexcept {}
#else
#include "bare/alloc/bump.hpp"
alignas(8) static unsigned char g_arena[4096];
static bare::bump_allocator g_heap;
inline void size_program_heap_init() noexcept { g_heap.init(g_arena, sizeof g_arena); }
#endif
BARE_GLOBAL_ALLOCATOR(g_heap);
