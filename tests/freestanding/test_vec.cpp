#include "bare/alloc/bump.hpp"
#include "bare/alloc/counting.hpp"
#include "bare/testing/check_all_allocation_failures.hpp"
#include "bare/vec.hpp"
#include "runner.hpp"
#include "test_heap.hpp"

namespace {

using bare::vec;

struct alignas(64) wide {
  int v;
};

void push_grow_iterate() {
  const std::size_t live = test_heap_live_blocks();
  {
    vec<int> v;
    FT_CHECK(v.capacity() == 0 && v.data() == nullptr && test_heap_live_blocks() == live);
    for (int i = 0; i < 100; ++i) v.push_back(i);
    FT_CHECK(v.size() == 100 && v.capacity() >= 100);
    int sum = 0;
    for (int x : v) sum += x;
    FT_CHECK(sum == 4950);
    FT_CHECK(v[99] == 99 && v.front() == 0 && v.back() == 99 && *v.last() == 99);
    FT_CHECK(v.get(100) == nullptr && *v.get(5) == 5);
    v.pop_back();
    auto p = v.pop();
    FT_CHECK(p && *p == 98 && v.size() == 98);
    v.clear();
    FT_CHECK(!v.pop() && v.empty() && v.capacity() >= 100);
    v.shrink_to_fit();
    FT_CHECK(v.capacity() == 0);
  }
  FT_CHECK(test_heap_live_blocks() == live);
  FT_CHECK(sizeof(vec<int>) == 3 * sizeof(void*));
}

void insert_erase() {
  vec<int> v{1, 2, 3, 4, 5};
  v.insert(v.begin() + 2, 9);
  v.insert(v.begin(), {7, 7});
  v.insert(v.end(), std::size_t{2}, 0);
  const int want[] = {7, 7, 1, 2, 9, 3, 4, 5, 0, 0};
  FT_CHECK(v.size() == 10);
  for (std::size_t i = 0; i < v.size(); ++i) FT_CHECK(v[i] == want[i]);
  v.erase(v.begin() + 1, v.begin() + 3);
  FT_CHECK(v.size() == 8 && v[0] == 7 && v[1] == 2);
  FT_CHECK(v.remove(0) == 7 && v[0] == 2);
  FT_CHECK(v.swap_remove(0) == 2 && v[0] == 0 && v.size() == 6);
  v.insert(v.begin(), v[3]);  // aliasing argument
  FT_CHECK(v[0] == v[4]);
  FT_CHECK(v.contains(9) && !v.contains(42));
}

void tracked_lifetimes() {
  {
    vec<ft::tracked> v;
    for (int i = 0; i < 20; ++i) v.emplace_back(i);
    v.insert(v.begin() + 5, ft::tracked(100));
    v.erase(v.begin());
    v.retain([](const ft::tracked& t) { return t.value % 3 != 0; });
    FT_CHECK(ft::tracked::live == static_cast<int>(v.size()));
    auto w = v.clone();
    FT_CHECK(w == v && ft::tracked::live == 2 * static_cast<int>(v.size()));
    auto tail = w.split_off(4);
    FT_CHECK(w.size() == 4 && w.size() + tail.size() == v.size());
    w.append(tail);
    FT_CHECK(w == v && tail.empty());
    {
      auto d = w.drain(1, 3);
      int n = 0;
      for (ft::tracked& t : d) n += (t.value >= 0);
      FT_CHECK(n == 2);
    }
    FT_CHECK(w.size() + 2 == v.size());
    int taken = 0;
    for (ft::tracked& t : w.extract_if([](ft::tracked& t) { return t.value > 10; })) {
      ft::tracked keep(static_cast<ft::tracked&&>(t));
      taken += keep.value > 10;
    }
    for (const ft::tracked& t : w) FT_CHECK(t.value <= 10);
    FT_CHECK(taken > 0);
    w.resize(30, ft::tracked(1));
    w.dedup();
    FT_CHECK(w.back().value == 1 && w.size() < 30);
  }
  FT_CHECK(ft::tracked::live == 0);
}

void over_aligned() {
  vec<wide> v;
  for (int i = 0; i < 9; ++i) v.push_back(wide{i});
  for (const wide& w : v) FT_CHECK((reinterpret_cast<std::uintptr_t>(&w) % 64) == 0);
  FT_CHECK(v[8].v == 8);
}

void fallible_and_within_capacity() {
  bare::testing::failing<> f;
  vec<int, bare::testing::failing_ref<>> v(f);
  f.fail_at(0);
  auto r = v.try_push_back(1);
  FT_CHECK(!r && r.error().kind == bare::alloc_errc::out_of_memory && v.empty());
  FT_CHECK(r.error().request.size == 4 * sizeof(int));
  f.disarm();
  FT_CHECK(v.try_reserve_exact(2).has_value() && v.capacity() == 2);
  FT_CHECK(v.push_back_within_capacity(1).has_value());
  FT_CHECK(v.push_back_within_capacity(2).has_value());
  auto full = v.push_back_within_capacity(3);
  FT_CHECK(!full && full.error().kind == bare::alloc_errc::full && v.size() == 2);
  auto huge = v.try_reserve(static_cast<std::size_t>(-1));
  FT_CHECK(!huge && huge.error().kind == bare::alloc_errc::capacity_overflow && v.size() == 2);
  auto huge2 = v.try_reserve(bare::vec<int>::max_size());
  FT_CHECK(!huge2 && huge2.error().kind == bare::alloc_errc::capacity_overflow);
}

template <class T>
auto filled(bare::testing::failing_ref<> a) {
  vec<T, bare::testing::failing_ref<>> v(a);
  for (int i = 0; i < 8; ++i) (void)v.try_emplace_back(i);  // full: capacity 8
  return v;
}

template <class T>
void every_failure() {
  using V = vec<T, bare::testing::failing_ref<>>;
  auto ins = bare::testing::check_all_allocation_failures(
      filled<T>, [](V& v) { return v.try_insert(v.begin() + 1, T(9)); });
  FT_CHECK(ins.ok && ins.allocations == 1);
  const T src[] = {T(1), T(2), T(3)};
  auto ext = bare::testing::check_all_allocation_failures(
      filled<T>, [&](V& v) { return v.try_extend_from(std::span<const T>(src, 3)); });
  FT_CHECK(ext.ok && ext.allocations == 1);
  auto res = bare::testing::check_all_allocation_failures(filled<T>, [](V& v) { return v.try_resize(20); });
  FT_CHECK(res.ok);
  auto cl = bare::testing::check_all_allocation_failures(filled<T>, [](V& v) { return v.try_clone(); });
  FT_CHECK(cl.ok && cl.allocations == 1);
  auto sp = bare::testing::check_all_allocation_failures(filled<T>, [](V& v) { return v.try_split_off(2); });
  FT_CHECK(sp.ok);
  auto pb = bare::testing::check_all_allocation_failures(filled<T>, [](V& v) {
    for (int i = 0; i < 10; ++i) {
      auto r = v.try_push_back(T(i));
      if (!r) return bare::result<void>(bare::err(r.error()));
    }
    return bare::result<void>();
  });
  FT_CHECK(!pb.ok);  // a failure after earlier successful pushes changes the vector: by design
  auto one = bare::testing::check_all_allocation_failures(filled<T>, [](V& v) { return v.try_push_back(T(7)); });
  FT_CHECK(one.ok && one.allocations == 1);
  auto shr = bare::testing::check_all_allocation_failures(filled<T>, [](V& v) { return v.try_shrink_to_fit(); });
  FT_CHECK(shr.ok);
}

void every_failure_int() { every_failure<int>(); }
void every_failure_tracked() { every_failure<ft::tracked>(); }

void nested_clone_failure() {
  using inner = vec<int, bare::testing::failing_ref<>>;
  using outer = vec<inner, bare::testing::failing_ref<>>;
  auto setup = [](bare::testing::failing_ref<> a) {
    outer o(a);
    for (int i = 0; i < 3; ++i) {
      inner in(a);
      for (int j = 0; j <= i; ++j) (void)in.try_push_back(j);
      (void)o.try_push_back(static_cast<inner&&>(in));
    }
    return o;
  };
  auto rep = bare::testing::check_all_allocation_failures(setup, [](outer& o) { return o.try_clone(); });
  FT_CHECK(rep.ok && rep.allocations == 4);
}

void counting_and_bump() {
  alignas(16) static unsigned char buf[512];
  bare::bump_allocator bump(buf, sizeof buf);
  bare::counting<bare::by_ref<bare::bump_allocator>> c{bare::by_ref<bare::bump_allocator>(bump)};
  {
    vec<int, bare::by_ref<decltype(c)>> v(c);
    for (int i = 0; i < 40; ++i) FT_CHECK(v.try_push_back(i).has_value());
    FT_CHECK(c.stats().current_bytes == v.capacity() * sizeof(int));
    // The last block grows in place: the arena holds just the final capacity.
    FT_CHECK(bump.used() == v.capacity() * sizeof(int));
    auto r = v.try_reserve(1000);
    FT_CHECK(!r && v.size() == 40);
  }
  FT_CHECK(c.stats().current_bytes == 0 && c.stats().live_blocks() == 0 && bump.used() == 0);
  FT_CHECK(c.stats().failures == 1);
}

void comparisons() {
  vec<int> a{1, 2, 3}, b{1, 2, 4}, c{1, 2};
  FT_CHECK(a != b && a < b && c < a && a == a.clone());
  FT_CHECK((a <=> b) < 0);
}

}  // namespace

FT_GROUP(vec, FT_TEST(push_grow_iterate), FT_TEST(insert_erase), FT_TEST(tracked_lifetimes),
         FT_TEST(over_aligned), FT_TEST(fallible_and_within_capacity), FT_TEST(every_failure_int),
         FT_TEST(every_failure_tracked), FT_TEST(nested_clone_failure), FT_TEST(counting_and_bump),
         FT_TEST(comparisons));
