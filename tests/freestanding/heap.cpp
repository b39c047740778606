// The conformance suite's global allocator: first fit over a static array, address-ordered
// free list, coalescing on free. Deliberately simple (the shipped allocators are tested
// elsewhere); it also counts live blocks so tests can assert that nothing leaked.
#include <cstddef>
#include <cstdint>

#include "bare/alloc/global.hpp"
#include "test_heap.hpp"

#ifndef BARE_TEST_HEAP_SIZE
#define BARE_TEST_HEAP_SIZE 65536
#endif

namespace {

constexpr std::size_t kGrain = 16;  // every block starts and ends on this
struct free_node {
  std::size_t len;  // bytes of the whole free block
  free_node* next;  // next free block, at a higher address
};
struct header {  // just below each user pointer
  std::uintptr_t start;
  std::size_t len;
};
static_assert(sizeof(header) <= kGrain && sizeof(free_node) <= kGrain);

alignas(kGrain) unsigned char g_arena[BARE_TEST_HEAP_SIZE];
free_node* g_free = nullptr;
bool g_ready = false;
std::size_t g_live = 0;

std::uintptr_t up(std::uintptr_t x, std::size_t a) { return (x + a - 1) & ~static_cast<std::uintptr_t>(a - 1); }

void init() {
  g_free = reinterpret_cast<free_node*>(g_arena);
  g_free->len = sizeof(g_arena);
  g_free->next = nullptr;
  g_ready = true;
}

struct test_heap {
  void* allocate(bare::layout l) noexcept {
    if (!g_ready) init();
    const std::size_t align = l.align < kGrain ? kGrain : l.align;
    free_node** link = &g_free;
    for (free_node* b = g_free; b != nullptr; link = &b->next, b = b->next) {
      const auto start = reinterpret_cast<std::uintptr_t>(b);
      const std::uintptr_t limit = start + b->len;
      const std::uintptr_t user = up(start + sizeof(header), align);
      if (user > limit || limit - user < l.size) continue;
      std::uintptr_t end = up(user + l.size, kGrain);
      free_node* next = b->next;
      if (limit - end >= 2 * kGrain) {  // keep the rest free
        auto* rest = reinterpret_cast<free_node*>(end);
        rest->len = limit - end;
        rest->next = next;
        *link = rest;
      } else {
        end = limit;
        *link = next;
      }
      auto* h = reinterpret_cast<header*>(user - sizeof(header));
      h->start = start;
      h->len = end - start;
      ++g_live;
      return reinterpret_cast<void*>(user);
    }
    return nullptr;
  }

  void deallocate(void* p, bare::layout) noexcept {
    const auto* h = reinterpret_cast<const header*>(reinterpret_cast<std::uintptr_t>(p) - sizeof(header));
    auto* b = reinterpret_cast<free_node*>(h->start);
    b->len = h->len;
    --g_live;
    free_node* prev = nullptr;
    free_node* cur = g_free;
    while (cur != nullptr && cur < b) {
      prev = cur;
      cur = cur->next;
    }
    b->next = cur;
    if (cur != nullptr && reinterpret_cast<std::uintptr_t>(b) + b->len == reinterpret_cast<std::uintptr_t>(cur)) {
      b->len += cur->len;
      b->next = cur->next;
    }
    if (prev != nullptr && reinterpret_cast<std::uintptr_t>(prev) + prev->len == reinterpret_cast<std::uintptr_t>(b)) {
      prev->len += b->len;
      prev->next = b->next;
    } else if (prev != nullptr) {
      prev->next = b;
    } else {
      g_free = b;
    }
  }
};

test_heap g_heap;

}  // namespace

BARE_GLOBAL_ALLOCATOR(g_heap);

std::size_t test_heap_live_blocks() { return g_live; }
std::size_t test_heap_size() { return sizeof(g_arena); }
