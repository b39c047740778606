// Build test: under BARE_NO_GLOBAL_OOM_HANDLING, push_back and handle_alloc_error do not exist.
#include "bare/alloc/malloc.hpp"
#include "bare/vec.hpp"

static bare::malloc_allocator heap;
BARE_GLOBAL_ALLOCATOR(heap);

int main() {
  bare::vec<int> v;
#if defined(USE_PUSH_BACK)
  v.push_back(1);
#elif defined(USE_HANDLER)
  bare::handle_alloc_error(bare::layout{1, 1});
#else
  if (!v.try_push_back(1)) return 1;
#endif
  return 0;
}
