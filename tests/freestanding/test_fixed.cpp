// The fixed-capacity collections on every target: full reported as a value and the container
// unchanged, views serving every capacity, tables built at compile time (read from flash),
// the history ring, the priority queue and the sorted map, small_vec's spill to the heap, a
// caller's buffer, the object pool (also as a box's allocator), and the spsc queue with a
// simulated interrupt pushing between the main loop's steps (single core: the Cortex-M0
// build has no atomic read-modify-write, the queue needs none). Everything but small_vec must
// leave the heap untouched. Small sizes: the Cortex-M0 stack is 4 KiB.
// On the ELF bare-metal targets (Cortex-M0/M4: flash; rv32imac: before .data) the fixed
// containers built at compile time are checked to be read-only data: outside [.data, .bss) of
// the linker script, while the constinit control is inside .data.
#include <cstdint>
#include <optional>
#include <span>

#include "bare/box.hpp"
#include "bare/buffer_vec.hpp"
#include "bare/deque_view.hpp"
#include "bare/fixed_binary_heap.hpp"
#include "bare/fixed_deque.hpp"
#include "bare/fixed_map.hpp"
#include "bare/fixed_string.hpp"
#include "bare/fixed_vec.hpp"
#include "bare/object_pool.hpp"
#include "bare/small_vec.hpp"
#include "bare/spsc_queue.hpp"
#include "bare/string_buf.hpp"
#include "bare/vec_view.hpp"
#include "runner.hpp"
#include "test_heap.hpp"

namespace {

static_assert(sizeof(bare::fixed_vec<std::uint8_t, 16>) <= 24);
static_assert(sizeof(bare::fixed_vec<std::uint8_t, 16>) == 17);

constexpr bare::fixed_vec<int, 5> k_primes{2, 3, 5, 7, 11};
constexpr auto k_codes = [] {
  bare::fixed_map<std::uint16_t, std::uint8_t, 8> m;
  m.insert(0x0200, 2);
  m.insert(0x0100, 1);
  m.insert(0x0300, 3);
  return m;
}();
static_assert(*k_codes.get(0x0100) == 1 && k_codes.size() == 3);
constinit bare::fixed_vec<int, 8> g_table = bare::fixed_vec<int, 8>{1, 2, 3};

}  // namespace

// Constant data with external linkage (so that the objects exist in the image, whatever the
// optimiser folds): a fixed_vec, a fixed_map and a fixed_string built at compile time.
namespace ft_rodata {
constexpr auto make_codes() {
  bare::fixed_map<std::uint16_t, std::uint8_t, 8> m;
  m.insert(0x0200, 2);
  m[0x0100] = 1;
  (void)m.try_insert(0x0300, 3);
  return m;
}
extern constexpr bare::fixed_vec<std::uint16_t, 6> k_vec{2, 3, 5, 7, 11};
extern constexpr bare::fixed_map<std::uint16_t, std::uint8_t, 8> k_map = make_codes();
extern constexpr bare::fixed_string<12> k_name("sensor-01");
static_assert(k_vec.size() == 5 && *k_map.get(0x0300) == 3 && k_name == bare::str("sensor-01"));
}  // namespace ft_rodata

#if defined(__arm__) || (defined(__riscv) && __riscv_xlen == 32)
// The linker scripts' bounds of .data and .bss (targets/common/cortex_m.ld, rv32imac/link.ld).
extern "C" std::uint32_t __data_start[], __data_end[], __bss_start[], __bss_end[];
#define FT_SECTION_BOUNDS 1
#endif

namespace {

bool full(const bare::result<void>& r) { return !r && r.error().kind == bare::alloc_errc::full; }
template <class T>
bool full(const bare::result<T&>& r) {
  return !r && r.error().kind == bare::alloc_errc::full;
}

// One copy of this function serves every capacity.
int fill_squares(bare::vec_view<int> out) {
  int i = 0;
  while (out.try_push_back(i * i)) ++i;
  return i;
}

void fixed_vec_full_and_views() {
  const std::size_t live = test_heap_live_blocks();
  bare::fixed_vec<int, 4> a;
  bare::fixed_vec<int, 8> b;
  FT_CHECK(fill_squares(a) == 4 && fill_squares(b) == 8);
  FT_CHECK(a.size() == 4 && a[3] == 9 && b[7] == 49);
  FT_CHECK(full(a.try_push_back(1)) && full(a.try_insert(a.begin(), 1)) && a.size() == 4 && a[0] == 0);
  const int more[] = {1, 2};
  FT_CHECK(full(a.try_extend_from(std::span<const int>(more))) && a.size() == 4 && a[3] == 9);
  a.erase(a.begin() + 1);
  FT_CHECK(a.try_insert(a.begin(), -1) && a[0] == -1 && a.size() == 4);
  FT_CHECK(k_primes[4] == 11 && k_primes.contains(7) && k_primes.size() == 5);
  g_table.push_back(4);
  FT_CHECK(g_table.size() == 4 && g_table[3] == 4);
  auto tail = b.split_off(6);
  FT_CHECK(tail.size() == 2 && tail[0] == 36 && b.size() == 6);
  b.retain([](int x) { return x % 2 == 0; });
  FT_CHECK(b.size() == 3 && b[2] == 16);
  FT_CHECK(test_heap_live_blocks() == live);
}

void fixed_vec_tracked() {
  {
    bare::fixed_vec<ft::tracked, 3> v;
    FT_CHECK(v.try_emplace_back(1) && v.try_emplace_back(2) && v.try_emplace_back(3));
    ft::tracked x(4);
    FT_CHECK(!v.try_push_back(static_cast<ft::tracked&&>(x)) && x.value == 4);
    FT_CHECK(ft::tracked::live == 4);
    auto w = v;
    FT_CHECK(w == v && ft::tracked::live == 7);
    bare::fixed_vec<ft::tracked, 3> m(static_cast<bare::fixed_vec<ft::tracked, 3>&&>(w));
    FT_CHECK(w.empty() && m.size() == 3 && ft::tracked::live == 7);
    (void)m.remove(0);
    FT_CHECK(ft::tracked::live == 6);
  }
  FT_CHECK(ft::tracked::live == 0);
}

int write_reading(bare::string_buf out, int mv) {
  if (!out.try_push_str("V=")) return -1;
  if (!out.try_append_int(mv)) return -2;
  return static_cast<int>(out.size());
}

void strings() {
  const std::size_t live = test_heap_live_blocks();
  bare::fixed_string<4> small;
  bare::fixed_string<16> big;
  FT_CHECK(write_reading(small, 3300) == -2 && small == bare::str("V="));
  FT_CHECK(write_reading(big, 3300) == 6 && big == bare::str("V=3300"));
  FT_CHECK(big.try_insert_str(0, big.slice(2, 6)) && big == bare::str("3300V=3300"));  // a part of itself
  FT_CHECK(full(big.try_push_str("1234567")) && big.size() == 10);
  bare::fixed_string<4> e;
  FT_CHECK(e.try_push_back(U'\u20AC') && full(e.try_push_back(U'\u00E9')) && e.size() == 3);  // 3 + 2 > 4
  auto c = big.try_c_str();
  FT_CHECK(c && (*c)[10] == '\0');
  FT_CHECK(test_heap_live_blocks() == live);
}

int log_samples(bare::deque_view<int> log, int n) {
  int dropped = 0;
  for (int i = 0; i < n; ++i) dropped += log.push_back_overwrite(i).has_value();
  return dropped;
}

void deques_heaps_maps() {
  const std::size_t live = test_heap_live_blocks();
  bare::fixed_deque<int, 3> h3;
  bare::fixed_deque<int, 5> h5;
  FT_CHECK(log_samples(h3, 10) == 7 && log_samples(h5, 10) == 5);
  FT_CHECK(h3.front() == 7 && h3.back() == 9 && h5.front() == 5);
  FT_CHECK(full(h3.try_push_front(0)) && h3.size() == 3);
  auto f = h3.pop_front();
  FT_CHECK(f && *f == 7 && h3.try_push_front(6) && h3.front() == 6 && h3.check());
  h5.rotate_left(2);
  FT_CHECK(h5.front() == 7 && h5.back() == 6);

  bare::fixed_binary_heap<int, 4> pq{5, 1, 9};
  FT_CHECK(pq.try_push(7) && !pq.try_push(8) && pq.size() == 4);
  FT_CHECK(*pq.pop() == 9 && *pq.pop() == 7 && *pq.pop() == 5 && *pq.pop() == 1 && !pq.pop());

  bare::fixed_map<int, int, 4> m;
  for (int k : {40, 10, 30, 20}) FT_CHECK(m.try_insert(k, k / 10));
  auto r = m.try_insert(50, 5);
  FT_CHECK(!r && r.error().kind == bare::alloc_errc::full && m.size() == 4);
  auto present = m.try_insert(10, 99);
  FT_CHECK(present && !present->inserted && *m.get(10) == 1);
  FT_CHECK(m.keys()[0] == 10 && m.keys()[3] == 40 && m.lower_bound(25) - m.begin() == 2);
  FT_CHECK(m.remove(30) && !m.contains(30) && m.check());
  FT_CHECK(*k_codes.get(0x0300) == 3 && k_codes.keys()[0] == 0x0100);
  FT_CHECK(test_heap_live_blocks() == live);
}

void small_vec_and_buffer() {
  const std::size_t live = test_heap_live_blocks();
  {
    bare::small_vec<int, 4> v;
    for (int i = 0; i < 4; ++i) FT_CHECK(v.try_push_back(i));
    FT_CHECK(v.is_inline() && test_heap_live_blocks() == live);
    FT_CHECK(v.try_push_back(4) && !v.is_inline() && test_heap_live_blocks() == live + 1);
    v.truncate(2);
    FT_CHECK(v.try_shrink_to_fit() && v.is_inline() && test_heap_live_blocks() == live && v[1] == 1);
  }
  static int area[6];
  {
    bare::buffer_vec<int> b(bare::uninit_span<int>{area, 6});
    FT_CHECK(fill_squares(b) == 6 && b.data() == area && area[5] == 25);
  }
  FT_CHECK(test_heap_live_blocks() == live);
}

bare::object_pool<ft::tracked, 2> g_pool;

void object_pool_and_box() {
  const std::size_t live = test_heap_live_blocks();
  {
    auto a = g_pool.try_make(1);
    auto b = bare::try_make_box_in<ft::tracked>(bare::by_ref(g_pool), 2);
    FT_CHECK(a && b && g_pool.full() && ft::tracked::live == 2);
    auto c = g_pool.try_make(3);
    FT_CHECK(!c && c.error().kind == bare::alloc_errc::full);
    auto d = bare::try_make_box_in<ft::tracked>(bare::by_ref(g_pool), 4);
    FT_CHECK(!d && d.error().kind == bare::alloc_errc::full);
    a->reset();
    FT_CHECK(g_pool.size() == 1 && ft::tracked::live == 1);
  }
  FT_CHECK(g_pool.empty() && ft::tracked::live == 0 && test_heap_live_blocks() == live);
}

// The queue between an "interrupt" and the main loop, on one core: at each step of the main
// loop's consumer, the interrupt may fire and push a burst (refused when full). Every value
// must arrive once, in order, and the refusals must match the occupancy.
bare::spsc_queue<std::uint32_t, 5> g_queue;
constinit bare::spsc_producer<std::uint32_t> g_tx = g_queue.split().tx;
std::uint32_t g_next_in = 0;
std::uint32_t g_refused = 0;

void simulated_isr(std::uint32_t burst) {
  for (std::uint32_t i = 0; i < burst; ++i) {
    const bool was_full = g_tx.full();
    const bool pushed = g_tx.try_push(g_next_in).has_value();
    FT_CHECK(pushed == !was_full);
    if (pushed) ++g_next_in;
    else ++g_refused;
  }
}

void spsc_interleaving() {
  auto rx = g_queue.split().rx;
  std::uint32_t expected = 0, lcg = 12345;
  for (int step = 0; step < 2000; ++step) {
    lcg = lcg * 1103515245u + 12345u;
    if ((lcg >> 16) % 3 == 0) simulated_isr((lcg >> 20) % 4);  // the interrupt fires here
    if (std::uint32_t* p = rx.peek()) FT_CHECK(*p == expected);
    if ((lcg >> 24) % 2 == 0) {
      if (auto v = rx.try_pop()) {
        FT_CHECK(*v == expected);
        ++expected;
      }
    }
  }
  while (auto v = rx.try_pop()) {
    FT_CHECK(*v == expected);
    ++expected;
  }
  FT_CHECK(expected == g_next_in && g_refused > 0 && expected > 500);
}

// The objects built at compile time are read-only data (flash on Cortex-M), usable at run
// time; a constinit one is writable .data.
template <class T>
bool within(const T* p, const std::uint32_t* first, const std::uint32_t* last) {
  const auto a = reinterpret_cast<std::uintptr_t>(p);
  return a >= reinterpret_cast<std::uintptr_t>(first) && a + sizeof(T) <= reinterpret_cast<std::uintptr_t>(last);
}
template <class T>
bool read_only(const T* p) {
#if FT_SECTION_BOUNDS
  const auto a = reinterpret_cast<std::uintptr_t>(p);
  const bool in_data = a + sizeof(T) > reinterpret_cast<std::uintptr_t>(__data_start) &&
                       a < reinterpret_cast<std::uintptr_t>(__data_end);
  const bool in_bss = a + sizeof(T) > reinterpret_cast<std::uintptr_t>(__bss_start) &&
                      a < reinterpret_cast<std::uintptr_t>(__bss_end);
  return !in_data && !in_bss;
#else
  (void)p;
  return true;  // (no linker-script bounds on this target: x86-64 and wasm32 are checked on
                // the host, tests/build_fail/fixed_rodata.cpp)
#endif
}

void compile_time_tables_in_rodata() {
  using namespace ft_rodata;
  FT_CHECK(read_only(&k_vec) && read_only(&k_map) && read_only(&k_name));
#if FT_SECTION_BOUNDS
  FT_CHECK(within(&g_table, __data_start, __data_end));  // the control: constinit is .data
#endif
  FT_CHECK(k_vec[4] == 11 && k_vec.contains(7) && *k_map.get(0x0100) == 1 && k_map.keys()[2] == 0x0300);
  FT_CHECK(k_name.size() == 9 && k_name.starts_with("sensor") && k_name.find("01") == std::optional<std::size_t>(7));
  bare::fixed_string<12> copy = k_name;
  FT_CHECK(copy.try_push_str("x") && copy.size() == 10);
}

}  // namespace

FT_GROUP(fixed, FT_TEST(fixed_vec_full_and_views), FT_TEST(fixed_vec_tracked), FT_TEST(strings),
         FT_TEST(deques_heaps_maps), FT_TEST(small_vec_and_buffer), FT_TEST(object_pool_and_box),
         FT_TEST(spsc_interleaving), FT_TEST(compile_time_tables_in_rodata));
