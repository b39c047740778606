// The program that tests/gdb/check.sh debugs: one of every bare collection and smart pointer,
// plus objects whose bytes are garbage, all alive in run() when it calls
// bare_gdb_breakpoint(). gdb then prints them (tests/gdb/prints.gdb) and the output is
// compared with tests/gdb/expected_<variant>.txt.
//
// Built twice: for the host (hosted, malloc_allocator; g++ and clang++, -O0 -g) and for
// Cortex-M4 (freestanding, region_allocator over the linker's heap; run in QEMU under
// gdb-multiarch). The same source, so the same objects, except that the hash tables' order
// depends on the width of size_t (the hash is folded to 32 bits there).
//
// Including bare/gdb.hpp embeds the .debug_gdb_scripts entry that loads the printers.
#include <cstddef>
#include <cstdint>

#include "bare/bare.hpp"
#include "bare/fixed_hash_map.hpp"
#include "bare/fixed_hash_set.hpp"
#include "bare/gdb.hpp"

#if __STDC_HOSTED__
#include "bare/alloc/malloc.hpp"
static bare::malloc_allocator g_heap;
#else
extern "C" unsigned char __heap_start[], __heap_end[];  // targets/common/cortex_m.ld
static bare::region_allocator g_heap;
#endif
BARE_GLOBAL_ALLOCATOR(g_heap);
BARE_HASH_SEED(0x5EED'0F'6DB0ull);

// gdb stops here (tests/gdb/prints.gdb: `break bare_gdb_breakpoint`, then `up`). noinline and
// an observable side effect, so that the call stays at every optimisation level.
volatile int g_sink;
extern "C" __attribute__((noinline)) void bare_gdb_breakpoint(int n) { g_sink = n; }

namespace {

struct point {
  int x, y;
};

// Polymorphic, without a virtual destructor (one would need operator delete on the target):
// box and rc destroy the complete object through their own descriptor.
struct shape {
  virtual int area() const noexcept { return 0; }
  int id = 1;
};
struct named {
  virtual int name() const noexcept { return 's'; }
};
// shape is its second polymorphic base, so a shape* points 1 word into a square: the printers
// find the complete object (and the rc counts before it) through the vtable's offset-to-top.
struct square final : named, shape {
  explicit square(int s) noexcept : side(s) {}
  int area() const noexcept override { return side * side; }
  int side;
};

struct task {
  int prio;
  bare::list_hook hook;
  explicit task(int p) noexcept : prio(p) {}
};
using task_list = bare::intrusive_list<task, &task::hook>;

struct job {
  bare::list_hook queue;
  int id;
  bare::list_hook all;
  explicit job(int i) noexcept : id(i) {}
};
using job_list = bare::intrusive_list<job, &job::all, bare::intrusive_size::linear>;

// Bytes that no valid object holds: pointers to nowhere, lengths beyond capacities, bools that
// are neither 0 nor 1. The printers must say so, never fail or loop.
template <std::size_t N>
struct alignas(64) garbage {
  unsigned char bytes[N];
  explicit garbage(unsigned char fill) noexcept {
    for (auto& b : bytes) b = fill;
  }
  // Every word (std::size_t) holds `word`: small lengths with pointers to nowhere.
  static garbage words(std::size_t word) noexcept {
    garbage g(0);
    for (std::size_t i = 0; i + sizeof word <= N; i += sizeof word) __builtin_memcpy(g.bytes + i, &word, sizeof word);
    return g;
  }
  template <class T>
  T& as() noexcept {
    static_assert(sizeof(T) <= N);
    return *reinterpret_cast<T*>(bytes);
  }
};

int run() {
  // ---- contiguous ----
  bare::vec<int> v;
  for (int i = 1; i <= 5; ++i) v.push_back(i * 10);
  bare::vec<int> v_empty;
  bare::vec<point> points;
  points.push_back(point{1, 2});
  points.push_back(point{3, 4});
  bare::vec<int> v_long;
  for (int i = 0; i < 300; ++i) v_long.push_back(i);
  bare::fixed_vec<int, 8> fv{1, 2, 3};
  bare::small_vec<int, 4> sv_inline{7, 8};
  bare::small_vec<int, 2> sv_heap{1, 2, 3};
  // Stateful allocators (a pointer and a vtable, or a pointer) change no printer's output.
  alignas(16) static unsigned char arena_bytes[2048];
  bare::bump_allocator arena(arena_bytes, sizeof arena_bytes);
  bare::vec<int, bare::allocator_ref> v_arena{bare::allocator_ref(arena)};
  v_arena.push_back(7);
  bare::btree_set<int, bare::less<int>, bare::by_ref<bare::bump_allocator>> bset_arena{bare::by_ref(arena)};
  bset_arena.insert(8);
  bare::vec_view<int> vv(fv);
  static int area[4];
  bare::buffer_vec<int> bv(bare::uninit_span<int>{area, 4});
  bv.push_back(-1);
  bv.push_back(-2);

  // ---- strings ----
  auto s = bare::string<>::from("h\xC3\xA9llo, w\xC3\xB6rld");  // héllo, wörld
  bare::string<> s_empty;
  bare::str st("a str");
  bare::fixed_string<16> fs;
  fs.push_str("fixed");
  bare::string_buf sb(fs);
  bare::vec<bare::string<>> names;
  names.push_back(bare::string<>::from("ada"));
  names.push_back(bare::string<>::from("grace"));

  // ---- deques and heaps ----
  bare::vec_deque<int> dq;
  dq.reserve_exact(4);
  for (int i = 1; i <= 4; ++i) dq.push_back(i);
  (void)dq.pop_front();
  (void)dq.pop_front();
  dq.push_back(5);
  dq.push_back(6);  // wraps: slots hold 5 6 3 4, the logical order is 3 4 5 6
  bare::fixed_deque<int, 3> fdq;
  for (int i = 0; i < 5; ++i) (void)fdq.push_back_overwrite(i);  // 2 3 4, wrapped
  bare::deque_view<int> dv(fdq);
  bare::binary_heap<int> heap;
  for (int x : {3, 1, 4, 1, 5}) heap.push(x);
  bare::fixed_binary_heap<int, 4> fheap{2, 9, 4};

  // ---- lists ----
  bare::linked_list<int> ll;
  for (int i = 1; i <= 3; ++i) ll.push_back(i);
  bare::linked_list<bare::string<>> ll_strings;
  ll_strings.push_back(bare::string<>::from("x"));
  task t1(1), t2(2), t3(3);
  task_list tasks;
  tasks.push_back(t2);
  tasks.push_back(t1);
  tasks.push_back(t3);
  job j1(1), j2(2);
  job_list jobs;
  jobs.push_back(j1);
  jobs.push_back(j2);

  // ---- ordered and hashed maps ----
  bare::btree_map<int, int> bm;
  for (int i = 1; i <= 40; ++i) bm.insert((i * 7) % 41, i);  // 40 keys: more than one node
  bare::btree_map<int, int, bare::less<int>, bare::global, 3> bm_deep;  // 3 keys a node: 3 levels
  for (int i = 20; i >= 1; --i) bm_deep.insert(i, -i);
  bare::btree_map<int, bare::string<>> bm_small;
  bm_small.insert(2, bare::string<>::from("two"));
  bm_small.insert(1, bare::string<>::from("one"));
  bare::btree_set<int> bset;
  for (int x : {5, 3, 9, 1}) bset.insert(x);
  bare::btree_map<int, int> bm_empty;
  bare::hash_map<int, int> hm;
  for (int i = 1; i <= 5; ++i) hm.insert(i, i * i);
  bare::hash_set<int> hs;
  for (int x : {10, 20, 30}) hs.insert(x);
  bare::hash_map<int, int> hm_empty;
  bare::hash_set<int> hs_big;  // 4 groups; the order depends on the width of size_t
  for (int i = 1; i <= 30; ++i) hs_big.insert(i);
  bare::fixed_hash_map<int, int, 8> fhm;
  for (int i = 1; i <= 3; ++i) fhm.insert(i, -i);
  bare::fixed_hash_set<int, 4> fhs;
  fhs.insert(7);
  bare::fixed_map<int, char, 4> fm;
  fm.insert(3, 'c');
  fm.insert(1, 'a');

  // ---- smart pointers ----
  auto b = bare::make_box<point>(point{5, 6});
  bare::box<int> b_null;
  auto b_arr = bare::make_box<int[]>(3);
  b_arr[1] = 42;
  bare::box<shape> b_poly = bare::make_box<square>(3);
  auto r = bare::make_rc<int>(7);
  auto r2 = r;
  auto rw = r.downgrade();
  bare::rc<int> r_null;
  bare::rc_weak<int> rw_expired;
  {
    auto gone = bare::make_rc<int>(8);
    rw_expired = gone.downgrade();
  }
  auto r_arr = bare::make_rc<int[]>(2);
  bare::rc<shape> r_poly = bare::make_rc<square>(4);
  auto r_arena = bare::make_rc_in<int>(bare::allocator_ref(arena), 9);
  auto a = bare::make_arc<point>(point{7, 8});
  auto aw = a.downgrade();
  auto aw2 = aw;

  // ---- results ----
  bare::result<int> res_ok = 42;
  bare::result<int> res_err = bare::err(bare::alloc_error{bare::alloc_errc::full, bare::layout{4, 4}});
  bare::result<void> res_void;
  int target = 5;
  bare::result<int&> res_ref = target;

  // ---- fixed-capacity others ----
  bare::spsc_queue<int, 4> q;
  auto ends = q.split();
  for (int i = 1; i <= 4; ++i) (void)ends.tx.try_push(i);
  (void)ends.rx.try_pop();
  (void)ends.rx.try_pop();
  (void)ends.tx.try_push(5);  // 3 4 5, across the end of the slots
  bare::object_pool<point, 4> pool;
  auto p1 = pool.try_make(point{1, 1});
  auto p2 = pool.try_make(point{2, 2});
  auto p3 = pool.try_make(point{3, 3});
  p2->reset();  // slot 1 is free again: the pool holds slots 0 and 2

  // ---- garbage ----
  garbage<512> junk(0xA5);  // pointers to unmapped memory, huge lengths
  garbage<512> zero(0x00);  // null pointers, zero lengths
  auto three = garbage<512>::words(3);  // pointers to address 3, lengths 3
  auto& bad_vec = junk.as<bare::vec<int>>();
  auto& bad_string = junk.as<bare::string<>>();
  auto& bad_str = junk.as<bare::str>();
  auto& bad_fixed_vec = junk.as<bare::fixed_vec<int, 8>>();
  auto& bad_small_vec = junk.as<bare::small_vec<int, 4>>();
  auto& bad_deque = junk.as<bare::vec_deque<int>>();
  auto& bad_fixed_deque = junk.as<bare::fixed_deque<int, 3>>();
  auto& bad_list = junk.as<bare::linked_list<int>>();
  auto& zero_list = zero.as<bare::linked_list<int>>();
  auto& bad_tasks = junk.as<task_list>();
  auto& bad_btree = junk.as<bare::btree_map<int, int>>();
  auto& bad_hash = junk.as<bare::hash_map<int, int>>();
  auto& zero_hash = zero.as<bare::hash_map<int, int>>();
  auto& bad_box = junk.as<bare::box<int>>();
  auto& bad_rc = junk.as<bare::rc<int>>();
  auto& bad_weak = junk.as<bare::rc_weak<int>>();
  auto& bad_result = junk.as<bare::result<int>>();
  auto& bad_queue = junk.as<bare::spsc_queue<int, 4>>();
  auto& bad_pool = junk.as<bare::object_pool<point, 4>>();
  auto& bad_fixed_map = junk.as<bare::fixed_map<int, char, 4>>();
  auto& bad_alloc_error = junk.as<bare::alloc_error>();
  auto& three_vec = three.as<bare::vec<int>>();
  auto& three_string = three.as<bare::string<>>();
  auto& three_deque = three.as<bare::vec_deque<int>>();
  auto& three_list = three.as<bare::linked_list<int>>();
  auto& three_jobs = three.as<job_list>();
  auto& three_btree = three.as<bare::btree_set<int>>();
  auto& three_hash = three.as<bare::hash_set<int>>();
  auto& three_box = three.as<bare::box<int[]>>();
  auto& three_rc = three.as<bare::rc<int>>();
  auto& three_arc = three.as<bare::arc<int>>();
  auto& three_result = three.as<bare::result<int>>();

  bare_gdb_breakpoint(0);

  (void)bad_vec, (void)bad_string, (void)bad_str, (void)bad_fixed_vec, (void)bad_small_vec;
  (void)bad_deque, (void)bad_fixed_deque, (void)bad_list, (void)zero_list, (void)bad_tasks;
  (void)bad_btree, (void)bad_hash, (void)zero_hash, (void)bad_box, (void)bad_rc, (void)bad_weak;
  (void)bad_result, (void)bad_queue, (void)bad_pool, (void)bad_fixed_map, (void)bad_alloc_error;
  (void)three_vec, (void)three_string, (void)three_deque, (void)three_list, (void)three_jobs;
  (void)three_btree, (void)three_hash, (void)three_box, (void)three_rc, (void)three_arc, (void)three_result;
  while (!tasks.empty()) tasks.pop_front();
  while (!jobs.empty()) jobs.pop_front();
  int sum = static_cast<int>(v.size() + s.size() + st.size() + sb.size() + names.size() + dq.size() +
                             dv.size() + heap.size() + fheap.size() + ll.size() + ll_strings.size() +
                             bm.size() + bm_deep.size() + bm_small.size() + hs_big.size() + bset.size() + bm_empty.size() + hm.size() +
                             hs.size() + hm_empty.size() + fhm.size() + fhs.size() + fm.size() + vv.size() + bv.size() +
                             sv_inline.size() + sv_heap.size() + v_empty.size() + points.size() +
                             v_long.size() + s_empty.size() + v_arena.size() + bset_arena.size());
  sum += b->x + (b_null ? 1 : 0) + b_arr[1] + b_poly->area() + *r + *r2 + (rw.upgrade() ? 1 : 0);
  sum += (r_null ? 1 : 0) + (rw_expired.upgrade() ? 1 : 0) + r_arr[0] + r_poly->area() + a->y;
  sum += *r_arena + (aw2.upgrade() ? 1 : 0) + *res_ok + (res_err ? 1 : 0) + (res_void ? 1 : 0) + *res_ref;
  sum += static_cast<int>(pool.size() + ends.rx.size()) + (p1 ? 1 : 0) + (p3 ? 1 : 0);
  return sum;
}

}  // namespace

int main() {
#if !__STDC_HOSTED__
  if (!g_heap.init(__heap_start, static_cast<std::size_t>(__heap_end - __heap_start))) return 2;
#endif
  return run() == 0 ? 1 : 0;
}
