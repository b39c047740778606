#include "bare/alloc/bump.hpp"
#include "bare/alloc/global.hpp"
#include "runner.hpp"
#include "test_heap.hpp"

namespace {

void global_hooks() {
  bare::global g;
  const std::size_t live = test_heap_live_blocks();
  void* p = g.allocate(bare::layout{24, 8});
  FT_CHECK(p != nullptr && test_heap_live_blocks() == live + 1);
  static_cast<unsigned char*>(p)[23] = 7;
  void* q = g.grow(p, bare::layout{24, 8}, 200);
  FT_CHECK(q != nullptr && static_cast<unsigned char*>(q)[23] == 7);
  void* r = g.shrink(q, bare::layout{200, 8}, 30);
  FT_CHECK(r != nullptr && static_cast<unsigned char*>(r)[23] == 7);
  g.deallocate(r, bare::layout{30, 8});
  FT_CHECK(test_heap_live_blocks() == live);
  void* big = g.allocate(bare::layout{test_heap_size() * 2, 8});
  FT_CHECK(big == nullptr);
  void* aligned = g.allocate(bare::layout{8, 256});
  FT_CHECK(aligned != nullptr && reinterpret_cast<std::uintptr_t>(aligned) % 256 == 0);
  g.deallocate(aligned, bare::layout{8, 256});
}

void bump() {
  alignas(8) static unsigned char buf[64];
  bare::bump_allocator b(buf, sizeof buf);
  void* x = b.allocate(bare::layout{10, 1});
  void* y = b.allocate(bare::layout{8, 8});
  FT_CHECK(x == buf && reinterpret_cast<std::uintptr_t>(y) % 8 == 0 && b.used() == 24);
  b.deallocate(x, bare::layout{10, 1});  // not the last block: stays used
  FT_CHECK(b.used() == 24);
  b.deallocate(y, bare::layout{8, 8});  // the last block: given back
  FT_CHECK(b.used() == 16);
  FT_CHECK(b.allocate(bare::layout{100, 1}) == nullptr);
  b.reset();
  FT_CHECK(b.used() == 0 && b.remaining() == 64);
}

}  // namespace

FT_GROUP(alloc, FT_TEST(global_hooks), FT_TEST(bump));
