// build.fixed_*_global_allocator: a program that uses only the allocation-free collections
// needs no global allocator (DESIGN §4): it links without BARE_GLOBAL_ALLOCATOR. The control
// (-DUSE_HEAP_VEC) adds one bare::vec<int> and must fail to link, naming
// BARE_GLOBAL_ALLOCATOR: so the first link proves something.
#include <bare/buffer_vec.hpp>
#include <bare/deque_view.hpp>
#include <bare/fixed_binary_heap.hpp>
#include <bare/fixed_deque.hpp>
#include <bare/fixed_hash_map.hpp>
#include <bare/fixed_hash_set.hpp>
#include <bare/fixed_map.hpp>
#include <bare/fixed_string.hpp>
#include <bare/fixed_vec.hpp>
#include <bare/object_pool.hpp>
#include <bare/spsc_queue.hpp>
#include <bare/string_buf.hpp>
#include <bare/vec_view.hpp>
#ifdef USE_HEAP_VEC
#include <bare/vec.hpp>
#endif

// fixed_hash_map's default hasher is keyed by the program's seed (as hash_map's): one line.
BARE_HASH_SEED(0x5EED);

namespace {
int fill(bare::vec_view<int> v) {
  while (v.try_push_back(static_cast<int>(v.size()))) {
  }
  return static_cast<int>(v.size());
}
int append(bare::string_buf s) { return s.try_push_str("abc") ? static_cast<int>(s.size()) : -1; }
int log3(bare::deque_view<int> d) { return d.push_back_overwrite(3).has_value() ? 1 : 0; }
bare::object_pool<int, 4> g_pool;
bare::spsc_queue<int, 4> g_queue;
}  // namespace

int main() {
  bare::fixed_vec<int, 8> v;
  int slots[4];
  bare::buffer_vec<int> b(bare::uninit_span<int>{slots, 4});
  bare::fixed_string<8> s;
  bare::fixed_deque<int, 2> d;
  bare::fixed_binary_heap<int, 4> h{3, 1, 2};
  bare::fixed_map<int, int, 4> m{{1, 10}, {2, 20}};
  bare::fixed_hash_map<int, int, 4> hm{{3, 30}};
  bare::fixed_hash_set<int, 4, bare::fixed_seed_hasher> hs{5, 6};
  hm[4] = 40;
  auto p = g_pool.try_make(5);
  auto [tx, rx] = g_queue.split();
  (void)tx.try_push(7);
  int sum = fill(v) + fill(b) + append(s) + log3(d) + log3(d) + log3(d) + *h.pop() + *m.get(2) + (p ? **p : 0) +
            (rx.try_pop().value_or(0)) + *hm.get(4) + static_cast<int>(hs.size());
#ifdef USE_HEAP_VEC
  bare::vec<int> heap;
  if (!heap.try_push_back(1)) return 1;
  sum += heap[0];
#endif
  return sum == 8 + 4 + 3 + 1 + 3 + 20 + 5 + 7 + 40 + 2 ? 0 : 1;
}
