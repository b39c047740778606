// vec_deque on every target: both ends, wrapping, growth with a wrapped ring, insert/erase in
// the middle, rotation, make_contiguous, drain, the vec round trip, tracked lifetimes and
// every injected allocation failure. Small sizes: the Cortex-M0 heap is 6 KiB.
#include "bare/testing/check_all_allocation_failures.hpp"
#include "bare/vec_deque.hpp"
#include "runner.hpp"
#include "test_heap.hpp"

namespace {

using bare::vec_deque;

template <class D>
bool holds(const D& d, const int* want, std::size_t n) {
  if (d.size() != n) return false;
  for (std::size_t i = 0; i < n; ++i)
    if (d[i] != want[i]) return false;
  return true;
}

void both_ends_and_wrap() {
  const std::size_t live = test_heap_live_blocks();
  {
    vec_deque<int> d;
    FT_CHECK(d.capacity() == 0 && d.empty() && test_heap_live_blocks() == live);
    for (int i = 0; i < 3; ++i) d.push_back(i);
    d.push_front(-1);  // capacity 4, element 0 in the last slot: wrapped
    const auto [a, b] = d.as_slices();
    FT_CHECK(a.size() == 1 && b.size() == 3 && d.capacity() == 4);
    d.push_back(3);  // grows a wrapped ring
    const int want[] = {-1, 0, 1, 2, 3};
    FT_CHECK(holds(d, want, 5) && d.check());
    FT_CHECK(d.front() == -1 && d.back() == 3 && *d.get(2) == 1 && d.get(5) == nullptr);
    auto f = d.pop_front();
    auto k = d.pop_back();
    FT_CHECK(f && *f == -1 && k && *k == 3 && d.size() == 3);
    int sum = 0;
    for (int x : d) sum += x;
    FT_CHECK(sum == 3);
    d.clear();
    FT_CHECK(!d.pop_front() && !d.pop_back());
    d.shrink_to_fit();
    FT_CHECK(d.capacity() == 0);
  }
  FT_CHECK(test_heap_live_blocks() == live);
  FT_CHECK(sizeof(vec_deque<int>) == 4 * sizeof(void*));
}

void middle_rotate_contiguous() {
  vec_deque<int> d{1, 2, 3, 4, 5};
  d.reserve_exact(3);  // 8 slots
  d.push_front(0);
  d.insert(3, 9);                  // [0 1 2 9 3 4 5]
  (void)d.remove(1);               // [0 2 9 3 4 5]
  d.erase(d.begin() + 4);          // [0 2 9 3 5]
  const int want[] = {0, 2, 9, 3, 5};
  FT_CHECK(holds(d, want, 5));
  d.rotate_left(2);
  const int rot[] = {9, 3, 5, 0, 2};
  FT_CHECK(holds(d, rot, 5));
  d.rotate_right(2);
  FT_CHECK(holds(d, want, 5));
  auto s = d.make_contiguous();
  FT_CHECK(s.size() == 5 && s[2] == 9 && d.as_slices().second.empty());
  auto sw = d.swap_remove_back(0);
  FT_CHECK(sw && *sw == 0 && d[0] == 5 && d.size() == 4);
  auto r = d.range(1, 3);
  FT_CHECK(r.size() == 2 && r[0] == 2 && r[1] == 9);
  auto it = d.begin();
  it += 2;
  FT_CHECK(*it == 9 && it - d.begin() == 2 && it[1] == 3 && d.end() - it == 2);
}

void drain_and_retain() {
  vec_deque<ft::tracked> d;
  for (int i = 0; i < 12; ++i) {
    if (i % 2) d.emplace_back(i);
    else d.emplace_front(i);
  }
  FT_CHECK(ft::tracked::live == 12);
  {
    auto dr = d.drain(2, 8);
    int n = 0;
    for (ft::tracked& t : dr) {
      ft::tracked keep(static_cast<ft::tracked&&>(t));
      n += keep.value >= 0;
      if (n == 3) break;  // not fully consumed: the rest is removed too
    }
    FT_CHECK(n == 3);
  }
  FT_CHECK(d.size() == 6 && ft::tracked::live == 6);
  d.retain([](const ft::tracked& t) { return t.value % 3 != 0; });
  FT_CHECK(ft::tracked::live == static_cast<int>(d.size()));
  auto c = d.clone();
  FT_CHECK(c == d);
  auto tail = c.split_off(1);
  c.append(tail);
  FT_CHECK(c == d && tail.empty());
  c.resize(10, ft::tracked(7));
  FT_CHECK(c.back().value == 7 && ft::tracked::live == static_cast<int>(c.size() + d.size()));
}

void vec_round_trip() {
  bare::vec<int> v{1, 2, 3, 4};
  const int* data = v.data();
  const std::size_t live = test_heap_live_blocks();
  vec_deque<int> d(static_cast<bare::vec<int>&&>(v));
  FT_CHECK(&d[0] == data && v.empty() && test_heap_live_blocks() == live);
  d.push_front(0);  // grows
  d.push_front(-1);
  d.rotate_right(1);
  bare::vec<int> back = d.into_vec();
  const int want[] = {4, -1, 0, 1, 2, 3};
  FT_CHECK(back.size() == 6 && d.empty() && d.capacity() == 0);
  for (std::size_t i = 0; i < 6; ++i) FT_CHECK(back[i] == want[i]);
  auto found = vec_deque<int>{1, 3, 5, 7}.binary_search(5);
  FT_CHECK(found && *found == 2);
  auto missing = vec_deque<int>{1, 3, 5, 7}.binary_search(4);
  FT_CHECK(!missing && missing.error() == 2);
}

using F = bare::testing::failing_ref<>;

// n elements in a ring of 6 slots, element 0 in slot 4 (wrapped).
template <class T, int N = 6>
vec_deque<T, F> wrapped(F a) {
  vec_deque<T, F> d(a);
  (void)d.try_reserve_exact(6);
  for (int i = 0; i < 4; ++i) (void)d.try_push_back(T(-1));
  for (int i = 0; i < 4; ++i) (void)d.pop_front();
  for (int i = 0; i < N; ++i) (void)d.try_push_back(T(i));
  return d;
}

template <class T>
void every_failure() {
  using D = vec_deque<T, F>;
  using bare::testing::check_all_allocation_failures;
  FT_CHECK(check_all_allocation_failures(wrapped<T>, [](D& d) { return d.try_push_back(T(9)); }).ok);
  FT_CHECK(check_all_allocation_failures(wrapped<T>, [](D& d) { return d.try_push_front(d[3]); }).ok);
  FT_CHECK(check_all_allocation_failures(wrapped<T>, [](D& d) { return d.try_insert(2, T(9)); }).ok);
  FT_CHECK(check_all_allocation_failures(wrapped<T>, [](D& d) { return d.try_resize(9, d[1]); }).ok);
  FT_CHECK(check_all_allocation_failures(wrapped<T>, [](D& d) { return d.try_reserve(1); }).ok);
  FT_CHECK(check_all_allocation_failures(wrapped<T>, [](D& d) { return d.try_clone(); }).ok);
  FT_CHECK(check_all_allocation_failures(wrapped<T>, [](D& d) { return d.try_split_off(2); }).ok);
  auto sh = check_all_allocation_failures(wrapped<T, 5>, [](D& d) { return d.try_shrink_to_fit(); });
  FT_CHECK(sh.ok && sh.allocations == 1);
  auto cl = check_all_allocation_failures(wrapped<T>, [](D& d) { return d.try_clone(); });
  FT_CHECK(cl.allocations == 1);
}

void every_failure_int() { every_failure<int>(); }
void every_failure_tracked() { every_failure<ft::tracked>(); }

void within_capacity() {
  bare::testing::failing<> f;
  vec_deque<int, F> d(f);
  f.fail_at(0);
  auto r = d.try_push_front(1);
  FT_CHECK(!r && r.error().kind == bare::alloc_errc::out_of_memory && d.empty());
  f.disarm();
  FT_CHECK(d.try_reserve_exact(2).has_value());
  FT_CHECK(d.push_front_within_capacity(1).has_value() && d.push_back_within_capacity(2).has_value());
  auto full = d.push_back_within_capacity(3);
  FT_CHECK(!full && full.error().kind == bare::alloc_errc::full && d.size() == 2);
  auto huge = d.try_reserve(static_cast<std::size_t>(-1));
  FT_CHECK(!huge && huge.error().kind == bare::alloc_errc::capacity_overflow && d.size() == 2);
}

}  // namespace

FT_GROUP(vec_deque, FT_TEST(both_ends_and_wrap), FT_TEST(middle_rotate_contiguous), FT_TEST(drain_and_retain),
         FT_TEST(vec_round_trip), FT_TEST(every_failure_int), FT_TEST(every_failure_tracked),
         FT_TEST(within_capacity));
