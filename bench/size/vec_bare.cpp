#include "bare/vec.hpp"
#include "program.hpp"

#if defined(BARE_SIZE_NEWLIB_MALLOC)
#include <cstdlib>
struct newlib_heap {  // the same allocator as std::vector's (newlib malloc/realloc/free)
  void* allocate(bare::layout l) noexcept { return std::malloc(l.size); }
  void deallocate(void* p, bare::layout) noexcept { std::free(p); }
  void* grow(void* p, bare::layout, std::size_t n) noexcept { return std::realloc(p, n); }
  void* shrink(void* p, bare::layout, std::size_t n) noexcept { return std::realloc(p, n); }
};
static newlib_heap g_heap;
#else
#include "bare/alloc/bump.hpp"
alignas(8) static unsigned char g_arena[4096];
static bare::bump_allocator g_heap;
#endif
BARE_GLOBAL_ALLOCATOR(g_heap);

int main() {
#if !defined(BARE_SIZE_NEWLIB_MALLOC)
  g_heap.init(g_arena, sizeof g_arena);
#endif
  long sum = 0;
  {
    bare::vec<int> v;
    for (int i = 0; i < g_n; ++i) v.push_back(i * 3);
    for (int x : v) sum += x;
  }
  return sum == 14850 ? 0 : 1;
}
