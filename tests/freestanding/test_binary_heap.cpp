// binary_heap on every target: push / pop order for arity 2 and 4, peek_mut, heapify from a
// vec, heapsort, append, retain, both drains, a min-heap, tracked lifetimes, over-aligned
// elements and every injected allocation failure. Small sizes: the Cortex-M0 heap is 6 KiB.
#include <cstdint>

#include "bare/binary_heap.hpp"
#include "bare/testing/check_all_allocation_failures.hpp"
#include "runner.hpp"
#include "test_heap.hpp"

namespace {

// A scrambled sequence of 0..n-1 (n a power of two: 37 is odd, so i -> 37 i mod n is a bijection).
int scrambled(int i, int n) { return (i * 37 + 11) % n; }

template <std::size_t D>
void push_pop_order() {
  const std::size_t live = test_heap_live_blocks();
  {
    bare::binary_heap<int, bare::less<int>, bare::global, D> h;
    FT_CHECK(h.empty() && h.peek() == nullptr && !h.pop() && test_heap_live_blocks() == live);
    for (int i = 0; i < 64; ++i) h.push(scrambled(i, 64));
    FT_CHECK(h.size() == 64 && h.top() == 63 && *h.peek() == 63 && h.check());
    bool ordered = true;
    for (int want = 63; want >= 0; --want) {
      auto x = h.pop();
      ordered = ordered && x && *x == want && h.check();
    }
    FT_CHECK(ordered && h.empty());
  }
  FT_CHECK(test_heap_live_blocks() == live);
}
void push_pop_binary() { push_pop_order<2>(); }
void push_pop_four_ary() { push_pop_order<4>(); }

void peek_mut_and_conversions() {
  bare::binary_heap<int> h{5, 1, 8, 3, 9, 2};
  {
    auto top = h.peek_mut();
    FT_CHECK(top && *top == 9);
    *top = 0;  // sinks when the guard goes
  }
  FT_CHECK(h.top() == 8 && h.check());
  {
    auto top = h.peek_mut();
    FT_CHECK(top.pop() == 8 && !top);
  }
  bare::vec<int> sorted = h.into_sorted_vec();
  const int want[] = {0, 1, 2, 3, 5};
  bool same = sorted.size() == 5;
  for (std::size_t i = 0; same && i < 5; ++i) same = sorted[i] == want[i];
  FT_CHECK(same && h.empty());
  const int* block = sorted.data();
  auto again = bare::binary_heap<int>::from(static_cast<bare::vec<int>&&>(sorted));  // O(n), no allocation
  FT_CHECK(again.top() == 5 && again.as_span().data() == block && again.check());
  bare::vec<int> raw = again.into_vec();
  FT_CHECK(raw.size() == 5 && raw[0] == 5);
}

void append_retain_drain() {
  bare::binary_heap<int, bare::less<int>, bare::global, 4> a{1, 2, 3};
  bare::binary_heap<int, bare::less<int>, bare::global, 4> b{10, 20, 30, 40, 50};
  a.append(b);
  FT_CHECK(a.size() == 8 && b.empty() && a.top() == 50 && a.check());
  a.retain([](const int& x) { return x % 10 != 0; });
  FT_CHECK(a.size() == 3 && a.top() == 3 && a.check());
  int sum = 0;
  {
    auto d = a.drain();
    for (int& x : d) sum += x;
  }
  FT_CHECK(sum == 6 && a.empty());
  bare::binary_heap<int> c{4, 9, 1, 7};
  int first = -1, n = 0;
  for (int& x : c.drain_sorted()) {
    if (n++ == 0) first = x;
    if (n == 2) {
      FT_CHECK(x == 7);
      break;  // the rest is dropped with the range
    }
  }
  FT_CHECK(first == 9 && c.empty());
}

void min_heap() {
  bare::binary_heap<int, bare::greater<int>> h{5, 3, 8, 1};
  FT_CHECK(h.top() == 1);
  (void)h.pop();
  FT_CHECK(h.top() == 3);
}

struct by_value {
  bool operator()(const ft::tracked& a, const ft::tracked& b) const { return a.value < b.value; }
};

void tracked_lifetimes() {
  {
    bare::binary_heap<ft::tracked, by_value> h;
    for (int i = 0; i < 20; ++i) h.emplace(scrambled(i, 32));
    FT_CHECK(ft::tracked::live == 20);
    auto c = h.clone();
    FT_CHECK(ft::tracked::live == 40 && c.size() == 20);
    h.append(c);
    FT_CHECK(ft::tracked::live == 40 && h.size() == 40 && h.check());
    auto x = h.pop();
    FT_CHECK(x && x->value == h.top().value && ft::tracked::live == 40);
    {
      auto top = h.peek_mut();
      top->value = -5;
    }
    FT_CHECK(h.check());
    h.retain([](const ft::tracked& t) { return t.value > 10; });
    FT_CHECK(ft::tracked::live == static_cast<int>(h.size()) + 1);
    bare::vec<ft::tracked> v = h.into_sorted_vec();
    bool sorted = true;
    for (std::size_t i = 1; i < v.size(); ++i) sorted = sorted && !(v[i].value < v[i - 1].value);
    FT_CHECK(sorted);
  }
  FT_CHECK(ft::tracked::live == 0);
}

struct alignas(64) wide {
  int v;
  friend bool operator<(const wide& a, const wide& b) { return a.v < b.v; }
};

void over_aligned() {
  bare::binary_heap<wide> h;
  for (int i = 0; i < 6; ++i) h.push(wide{scrambled(i, 8)});
  bool aligned = true;
  for (const wide& w : h) aligned = aligned && reinterpret_cast<std::uintptr_t>(&w) % 64 == 0;
  FT_CHECK(aligned && h.top().v == 7 && h.check());
}

using F = bare::testing::failing_ref<>;
template <class T, std::size_t D>
using FH = bare::binary_heap<T, by_value, F, D>;

// A heap of 8 (capacity 8) and its second one, for append; compared by internal order.
template <std::size_t D>
struct state {
  FH<ft::tracked, D> h, other;
  friend bool operator==(const state& a, const state& b) {
    auto same = [](const FH<ft::tracked, D>& x, const FH<ft::tracked, D>& y) {
      if (x.size() != y.size() || x.capacity() != y.capacity()) return false;
      for (std::size_t i = 0; i < x.size(); ++i)
        if (x.as_span()[i].value != y.as_span()[i].value) return false;
      return true;
    };
    return same(a.h, b.h) && same(a.other, b.other);
  }
};
template <std::size_t D>
state<D> filled(F a) {
  state<D> s{FH<ft::tracked, D>(a), FH<ft::tracked, D>(a)};
  (void)s.h.try_reserve_exact(8);
  for (int i = 0; i < 8; ++i) (void)s.h.try_emplace(scrambled(i, 8));
  for (int i = 0; i < 3; ++i) (void)s.other.try_emplace(i);
  return s;
}

template <std::size_t D>
void every_failure() {
  using S = state<D>;
  auto push = bare::testing::check_all_allocation_failures(filled<D>, [](S& s) { return s.h.try_push(ft::tracked(99)); });
  FT_CHECK(push.ok && push.allocations == 1);
  auto app = bare::testing::check_all_allocation_failures(filled<D>, [](S& s) { return s.h.try_append(s.other); });
  FT_CHECK(app.ok && app.allocations == 1);
  auto cl = bare::testing::check_all_allocation_failures(filled<D>, [](S& s) { return s.h.try_clone(); });
  FT_CHECK(cl.ok && cl.allocations == 1);
  auto res = bare::testing::check_all_allocation_failures(filled<D>, [](S& s) { return s.h.try_reserve(5); });
  FT_CHECK(res.ok && res.allocations == 1);
}
void every_failure_binary() { every_failure<2>(); }
void every_failure_four_ary() { every_failure<4>(); }

void within_capacity() {
  bare::binary_heap<int> h;
  FT_CHECK(h.try_reserve_exact(2).has_value());
  FT_CHECK(h.push_within_capacity(1).has_value() && h.push_within_capacity(2).has_value());
  auto full = h.push_within_capacity(3);
  FT_CHECK(!full && full.error().kind == bare::alloc_errc::full && h.size() == 2 && h.top() == 2);
}

}  // namespace

FT_GROUP(binary_heap, FT_TEST(push_pop_binary), FT_TEST(push_pop_four_ary), FT_TEST(peek_mut_and_conversions),
         FT_TEST(append_retain_drain), FT_TEST(min_heap), FT_TEST(tracked_lifetimes), FT_TEST(over_aligned),
         FT_TEST(every_failure_binary), FT_TEST(every_failure_four_ary), FT_TEST(within_capacity));
