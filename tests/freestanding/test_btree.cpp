// btree_map / btree_set on every target: insertion in scrambled order to height 3+, lookup,
// iteration both ways, erasure with rebalancing, range, cursors, entry, split_off / append /
// clone, the spare-node reserve (insertions that allocate nothing), tracked lifetimes,
// over-aligned keys and every injected allocation failure of an insertion that splits up to
// the root. Small nodes (3-4 keys) and few elements: the Cortex-M0 heap is 6 KiB.
#include <cstdint>
#include <utility>

#include "bare/btree_map.hpp"
#include "bare/btree_set.hpp"
#include "bare/testing/check_all_allocation_failures.hpp"
#include "runner.hpp"
#include "test_heap.hpp"

namespace {

template <class K, class V, class A = bare::global>
using map4 = bare::btree_map<K, V, bare::less<K>, A, 4>;
template <class K, class V, class A = bare::global>
using map3 = bare::btree_map<K, V, bare::less<K>, A, 3>;

// 0 .. n - 1 in a scrambled order, for n coprime with 37.
int scrambled(int i, int n) { return (i * 37) % n; }

void insert_find_iterate_erase() {
  const std::size_t live = test_heap_live_blocks();
  {
    map4<int, int> m;
    FT_CHECK(m.empty() && m.height() == 0 && test_heap_live_blocks() == live);
    for (int i = 0; i < 60; ++i) FT_CHECK(m.try_insert(scrambled(i, 60), i));
    FT_CHECK(m.size() == 60 && m.check() && m.height() >= 3);
    FT_CHECK(!m.try_insert(7, 0)->inserted);  // no overwrite
    int expect = 0, sum = 0;
    bool sorted = true;
    for (auto [k, v] : m) {
      sorted = sorted && k == expect++;
      sum += v;
    }
    FT_CHECK(sorted && sum == 59 * 60 / 2);
    int back = 59;
    for (auto it = m.end(); it != m.begin();) sorted = sorted && (*--it).first == back--;
    FT_CHECK(sorted && back == -1);
    FT_CHECK(m.contains(42) && !m.contains(60) && m.get(-1) == nullptr && m.find(13)->first == 13);
    FT_CHECK(m.lower_bound(60) == m.end() && m.upper_bound(10)->first == 11);
    for (int k = 0; k < 60; k += 2) FT_CHECK(m.erase(k) == 1);
    FT_CHECK(m.size() == 30 && m.check() && m.first()->first == 1 && m.last()->first == 59);
    auto next = m.erase(m.find(31));
    FT_CHECK(next->first == 33 && m.check());
    m.clear();
    FT_CHECK(m.empty() && test_heap_live_blocks() == live);
  }
  FT_CHECK(test_heap_live_blocks() == live);
  FT_CHECK(sizeof(map4<int, int>) == 4 * sizeof(void*));
}

void ranges_cursors_entry() {
  map4<int, int> m;
  for (int k = 0; k < 40; k += 2) m.insert(k, k * 10);
  int n = 0, first = -1;
  for (auto e : m.range(bare::excluded(10), bare::included(20))) {
    if (first < 0) first = e.first;
    ++n;
  }
  FT_CHECK(n == 5 && first == 12);
  auto c = m.lower_bound_cursor(bare::included(11));  // between 10 and 12
  FT_CHECK(c.peek_prev()->first == 10 && c.peek_next()->first == 12);
  FT_CHECK(c.try_insert_after(11, 110));
  FT_CHECK(c.next()->first == 11 && c.remove_next()->first == 12 && c.peek_next()->first == 14);
  m.entry(5).or_insert(0) += 5;
  m.entry(5).or_insert(0) += 5;
  FT_CHECK(*m.get(5) == 10 && m.check());
  m[100] = 1;
  FT_CHECK(m.last()->first == 100);
  m.retain([](const int& k, int&) { return k % 4 != 0; });
  FT_CHECK(m.check() && !m.contains(8) && m.contains(6));
}

void tracked_lifetimes() {
  {
    map3<int, ft::tracked> m;
    for (int i = 0; i < 40; ++i) m.insert(scrambled(i, 40), ft::tracked(i));
    FT_CHECK(ft::tracked::live == 40 && m.check());
    auto c = m.clone();
    FT_CHECK(c == m && ft::tracked::live == 80);
    auto hi = c.split_off(20);
    FT_CHECK(c.size() == 20 && hi.size() == 20 && c.check() && hi.check());
    c.append(hi);
    FT_CHECK(c == m && hi.empty() && ft::tracked::live == 80);
    auto p = m.pop_first();
    FT_CHECK(p && p->first == 0);
    auto r = m.remove(10);
    FT_CHECK(r && r->value == 10);  // scrambled(10, 40) == 10
    int taken = 0;
    for (auto& kv : m.extract_if([](const int& k, ft::tracked&) { return k > 30; })) taken += kv.first > 30;
    FT_CHECK(taken == 9 && m.size() == 29 && m.check());
  }
  FT_CHECK(ft::tracked::live == 0);
}

struct alignas(16) wide {
  int v;
  friend bool operator<(const wide& a, const wide& b) { return a.v < b.v; }
};

void sets_and_alignment() {
  bare::btree_set<wide, bare::less<wide>, bare::global, 3> s;
  for (int i = 0; i < 30; ++i) s.insert(wide{scrambled(i, 30)});
  bool aligned = true;
  int expect = 0;
  for (const wide& w : s) {
    aligned = aligned && reinterpret_cast<std::uintptr_t>(&w) % 16 == 0;
    aligned = aligned && w.v == expect++;
  }
  FT_CHECK(aligned && s.size() == 30 && s.check());
  FT_CHECK(s.take(wide{3}).has_value() && !s.contains(wide{3}) && s.check());
}

// The lazy set algebra: merge walks for similar sizes, lookups for a much smaller operand.
void set_algebra() {
  using iset = bare::btree_set<int, bare::less<int>, bare::global, 3>;
  iset twos, threes, few;
  for (int i = 0; i < 48; i += 2) twos.insert(scrambled(i / 2, 24) * 2);
  for (int i = 0; i < 48; i += 3) threes.insert(i);
  few.insert(9);  // 1 key against 16 and 24: the intersection and difference look it up
  auto count = [](const auto& view) {
    int n = 0, prev = -1;
    bool sorted = true;
    for (const int& k : view) {
      sorted = sorted && k > prev;
      prev = k;
      ++n;
    }
    return sorted ? n : -1;
  };
  FT_CHECK(count(twos.union_with(threes)) == 24 + 16 - 8);
  FT_CHECK(count(twos.intersection(threes)) == 8);  // multiples of 6 below 48
  FT_CHECK(count(twos.difference(threes)) == 16 && count(threes.difference(twos)) == 8);
  FT_CHECK(count(twos.symmetric_difference(threes)) == 24);
  FT_CHECK(count(few.intersection(twos)) == 0 && count(threes.intersection(few)) == 1);
  FT_CHECK(*few.difference(twos).begin() == 9 && count(few.difference(threes)) == 0);
  FT_CHECK(few.is_subset(threes) && !few.is_subset(twos) && few.is_disjoint(twos) && twos.is_superset(iset{}));
}

void reserve_makes_inserts_allocation_free() {
  map4<int, int> m;
  for (int i = 0; i < 24; ++i) m.insert(scrambled(i, 24) * 2, i);
  FT_CHECK(m.try_reserve(6));
  const std::size_t live = test_heap_live_blocks();
  for (int k = 1; k < 12; k += 2) FT_CHECK(m.insert_within_capacity(k, k));
  FT_CHECK(test_heap_live_blocks() == live && m.check() && m.size() == 30);
  m.shrink_to_fit();
  FT_CHECK(m.spare_leaves() == 0 && test_heap_live_blocks() < live);
}

// A map compared by contents and invariants.
struct state {
  map3<int, int, bare::testing::failing_ref<>> m;
  friend bool operator==(const state& a, const state& b) { return a.m == b.m && a.m.check() && b.m.check(); }
};
state full15(bare::testing::failing_ref<> a) {  // 15 keys, every node full: height 2
  std::pair<int, int> src[15];
  for (int i = 0; i < 15; ++i) src[i] = {2 * i, 2 * i};
  auto r = decltype(state::m)::try_from_sorted(src, src + 15, bare::less<int>(), a);
  if (!r) bare::panic("full15: allocation failed");
  return state{static_cast<decltype(state::m)&&>(*r)};
}

void every_allocation_failure() {
  using bare::testing::check_all_allocation_failures;
  auto ins = check_all_allocation_failures(full15, [](state& s) { return s.m.try_insert(7, 7); });
  FT_CHECK(ins && ins.allocations == 3);  // leaf split, root split, new root
  auto split = check_all_allocation_failures(full15, [](state& s) { return s.m.try_split_off(13); });
  FT_CHECK(split && split.allocations == 2);
  auto clone = check_all_allocation_failures(full15, [](state& s) { return s.m.try_clone(); });
  FT_CHECK(clone && clone.allocations == 5);
  auto reserve = check_all_allocation_failures(full15, [](state& s) { return s.m.try_reserve(2); });
  FT_CHECK(reserve && reserve.allocations == 2 + 4);
}

}  // namespace

FT_GROUP(btree, FT_TEST(insert_find_iterate_erase), FT_TEST(ranges_cursors_entry), FT_TEST(tracked_lifetimes),
         FT_TEST(sets_and_alignment), FT_TEST(set_algebra), FT_TEST(reserve_makes_inserts_allocation_free),
         FT_TEST(every_allocation_failure));
