// BARE_GLOBAL_ALLOCATOR with each shipped allocator: this program is built once per allocator
// (BARE_TEST_GLOBAL = 1 ... 11, see tests/CMakeLists.txt), chooses it as the global allocator,
// and runs containers on bare::global. Exit status 0 iff every check held.
#include <cstdio>
#include <cstdint>

#include "bare/alloc/allocator_ref.hpp"
#include "bare/alloc/bounded.hpp"
#include "bare/alloc/budget.hpp"
#include "bare/alloc/bump.hpp"
#include "bare/alloc/cached.hpp"
#include "bare/alloc/counting.hpp"
#include "bare/alloc/global.hpp"
#include "bare/alloc/locked.hpp"
#include "bare/alloc/malloc.hpp"
#include "bare/alloc/pool.hpp"
#include "bare/alloc/region.hpp"
#include "bare/alloc/sealable.hpp"
#include "bare/box.hpp"
#include "bare/vec.hpp"

namespace {

[[maybe_unused]] alignas(64) unsigned char arena[1 << 16];
struct no_lock {};
[[maybe_unused]] bare::region_allocator backing;  // under the wrappers
using backing_ref = bare::by_ref<bare::region_allocator>;

#if BARE_TEST_GLOBAL == 1
bare::region_allocator heap;
bool setup() { return heap.init(arena, sizeof arena).has_value(); }
#elif BARE_TEST_GLOBAL == 2
bare::bounded_allocator heap;
bool setup() { return heap.init(arena, sizeof arena).has_value(); }
#elif BARE_TEST_GLOBAL == 3
bare::bump_allocator heap;
bool setup() { return heap.init(arena, sizeof arena), true; }
#elif BARE_TEST_GLOBAL == 4
bare::pool_allocator<1024, 32> heap;
bool setup() { return true; }
#elif BARE_TEST_GLOBAL == 5
bare::budget<backing_ref> heap(1 << 15, backing_ref(backing));
bool setup() { return backing.init(arena, sizeof arena).has_value(); }
#elif BARE_TEST_GLOBAL == 6
bare::counting<backing_ref> heap{backing_ref(backing)};
bool setup() { return backing.init(arena, sizeof arena).has_value(); }
#elif BARE_TEST_GLOBAL == 7
bare::locked<backing_ref, no_lock> heap{backing_ref(backing)};
bool setup() { return backing.init(arena, sizeof arena).has_value(); }
#elif BARE_TEST_GLOBAL == 8
bare::sealable<backing_ref> heap{backing_ref(backing)};
bool setup() { return backing.init(arena, sizeof arena).has_value(); }
#elif BARE_TEST_GLOBAL == 9
bare::allocator_ref heap(backing);
bool setup() { return backing.init(arena, sizeof arena).has_value(); }
#elif BARE_TEST_GLOBAL == 10
bare::malloc_allocator heap;
bool setup() { return true; }
#elif BARE_TEST_GLOBAL == 11
bare::cached<backing_ref> heap{backing_ref(backing)};
bool setup() { return backing.init(arena, sizeof arena).has_value(); }
#else
#error "BARE_TEST_GLOBAL must name an allocator (1..11)"
#endif

}  // namespace

BARE_GLOBAL_ALLOCATOR(heap);

#define CHECK(c)                                                         \
  do {                                                                   \
    if (!(c)) {                                                          \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c); \
      return 1;                                                          \
    }                                                                    \
  } while (0)

int main() {
  CHECK(setup());
  {
    bare::vec<int> v;
    for (int i = 0; i < 200; ++i) CHECK(v.try_push_back(i).has_value());
    for (int i = 0; i < 200; ++i) CHECK(v[static_cast<std::size_t>(i)] == i);
    auto b = bare::try_make_box<long>(42);
    CHECK(b.has_value() && **b == 42);
    auto w = v.try_clone();
    CHECK(w.has_value() && *w == v);
  }
  // A request no allocator can serve is an error value, through the global hooks too.
  bare::vec<char> big;
  CHECK(!big.try_reserve(std::size_t{1} << 40).has_value());
  std::printf("global allocator %d: ok\n", BARE_TEST_GLOBAL);
  return 0;
}
