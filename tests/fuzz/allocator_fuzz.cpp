// libFuzzer target: the input bytes are a program of allocate / free / grow / shrink /
// add-region operations on a region_allocator over a few small arenas (the first byte's bit
// 1 chooses the default parameters or small ones: blocks below 1 KiB, 4 classes per power of
// two), or (when the first byte is odd) on a bounded_allocator (no add-region; shrink may then
// fail, leaving the block intact), or (bit 2) on cached<> in front of a region_allocator with a
// cache of 8 classes of 3 blocks (2048-byte arenas: a full cache often starves the region, so
// the flush-and-retry on failure runs); check() runs after every operation and every live
// block's contents are verified before it is freed or moved.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>

#include "bare/alloc/bounded.hpp"
#include "bare/alloc/cached.hpp"
#include "bare/alloc/region.hpp"

namespace {

// cached<> over a region_allocator, with the interface run() drives. init() forgets the cached
// blocks with the region's (the region forgets them all); check() checks both.
class cached_region {
  using region_t = bare::region_allocator;
  using front_t = bare::cached<bare::by_ref<region_t>, 8 * 2 * sizeof(void*), 3>;

 public:
  bare::result<void, bare::region_error> init(void* start, std::size_t size) noexcept {
    std::construct_at(&front_, bare::by_ref<region_t>(region_));
    return region_.init(start, size);
  }
  bare::result<void, bare::region_error> add_region(void* start, std::size_t size) noexcept {
    return region_.add_region(start, size);
  }
  // A failure is never caused by the cache: it gave every block back before failing.
  void* allocate(bare::layout l) noexcept { return settled(front_.allocate(l)); }
  void deallocate(void* p, bare::layout l) noexcept { front_.deallocate(p, l); }
  void* grow(void* p, bare::layout l, std::size_t n) noexcept { return settled(front_.grow(p, l, n)); }
  void* shrink(void* p, bare::layout l, std::size_t n) noexcept { return front_.shrink(p, l, n); }
  bare::heap_check check() const noexcept {
    const bare::heap_check c = front_.check();
    return c ? region_.check() : c;
  }
  std::size_t flush() noexcept { return front_.flush(); }
  bare::region_stats stats() const noexcept { return region_.stats(); }

 private:
  void* settled(void* p) const noexcept {
    if (p == nullptr && front_.cached_blocks() != 0) __builtin_trap();
    return p;
  }

  region_t region_;
  front_t front_{region_};
};

struct blk {
  unsigned char* p;
  std::size_t size, align;
  unsigned char fill;
};

void verify(const blk& b) {
  for (std::size_t i = 0; i < b.size; ++i)
    if (b.p[i] != b.fill) __builtin_trap();
}

template <class Heap>
void run(const std::uint8_t* data, std::size_t size) {
  constexpr bool is_region = requires(Heap& h) { h.add_region(nullptr, 0); };
  alignas(64) static unsigned char arenas[4][2048];
  static Heap heap;
  if (!heap.init(arenas[0], sizeof arenas[0])) __builtin_trap();
  unsigned regions = 1;
  blk live[64];
  std::size_t n = 0;
  unsigned char fill = 1;
  for (std::size_t i = 0; i + 2 < size; i += 3) {
    const std::uint8_t op = data[i] % 5, a = data[i + 1], b = data[i + 2];
    switch (op) {
      case 0: {  // allocate a * 4 + (b & 7) bytes, alignment 2^(b >> 4 & 15)
        if (n == 64) break;
        const std::size_t sz = std::size_t{a} * 4 + (b & 7u);
        const std::size_t al = std::size_t{1} << ((b >> 4) % 13);
        void* p = heap.allocate(bare::layout{sz, al});
        if (p == nullptr) break;
        if (reinterpret_cast<std::uintptr_t>(p) % al != 0) __builtin_trap();
        live[n] = blk{static_cast<unsigned char*>(p), sz, al, fill++};
        std::memset(p, live[n].fill, sz);
        ++n;
        break;
      }
      case 1: {  // free
        if (n == 0) break;
        const std::size_t k = a % n;
        verify(live[k]);
        heap.deallocate(live[k].p, bare::layout{live[k].size, live[k].align});
        live[k] = live[--n];
        break;
      }
      case 2: {  // grow by b * 8
        if (n == 0) break;
        blk& x = live[a % n];
        verify(x);
        void* q = heap.grow(x.p, bare::layout{x.size, x.align}, x.size + std::size_t{b} * 8);
        if (q == nullptr) break;
        x.p = static_cast<unsigned char*>(q);
        verify(x);
        x.size += std::size_t{b} * 8;
        std::memset(x.p, x.fill, x.size);
        break;
      }
      case 3: {  // shrink to b / 256 of the size
        if (n == 0) break;
        blk& x = live[a % n];
        const std::size_t to = x.size * b / 256;
        void* q = heap.shrink(x.p, bare::layout{x.size, x.align}, to);
        if (q == nullptr) {
          if (is_region) __builtin_trap();  // region_allocator shrinks in place, always
          verify(x);
          break;
        }
        x.p = static_cast<unsigned char*>(q);
        x.size = to;
        verify(x);
        break;
      }
      case 4: {  // add a region (at most 4 in all), of a part of the next arena
        if constexpr (is_region) {
          if (regions == 4) break;
          const std::size_t bytes = 64 + std::size_t{a} * 7;
          if (!heap.add_region(arenas[regions] + (b % 4) * 8, bytes)) break;
          ++regions;
        }
        break;
      }
    }
    if (!heap.check()) __builtin_trap();
  }
  for (std::size_t k = 0; k < n; ++k) {
    verify(live[k]);
    heap.deallocate(live[k].p, bare::layout{live[k].size, live[k].align});
  }
  if constexpr (requires { heap.flush(); }) heap.flush();  // the cache gives its blocks back
  if (!heap.check() || heap.stats().allocated != 0) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  if (data[0] & 1)
    run<bare::basic_bounded_allocator<16, 256>>(data + 1, size - 1);
  else if (data[0] & 2)  // blocks below 1 KiB, 4 classes per power of two: the last class is hit
    run<bare::basic_region_allocator<2, 10>>(data + 1, size - 1);
  else if (data[0] & 4)
    run<cached_region>(data + 1, size - 1);
  else
    run<bare::region_allocator>(data + 1, size - 1);
  return 0;
}
