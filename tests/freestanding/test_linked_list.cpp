// linked_list on every target: both ends, iteration both ways, insert / erase, splice, append,
// split_off, the cursor API through the ghost, tracked lifetimes, over-aligned elements and
// every injected allocation failure. Small sizes: the Cortex-M0 heap is 6 KiB.
#include <cstdint>

#include "bare/linked_list.hpp"
#include "bare/testing/check_all_allocation_failures.hpp"
#include "runner.hpp"
#include "test_heap.hpp"

namespace {

using list = bare::linked_list<int>;

template <class L>
bool holds(const L& l, const int* want, std::size_t n) {
  if (l.size() != n || !l.check()) return false;
  std::size_t i = 0;
  for (const int& x : l)
    if (x != want[i++]) return false;
  return true;
}

void both_ends_and_iteration() {
  const std::size_t live = test_heap_live_blocks();
  {
    list l;
    FT_CHECK(l.empty() && l.first() == nullptr && !l.pop_front() && test_heap_live_blocks() == live);
    for (int i = 1; i <= 3; ++i) l.push_back(i);
    l.push_front(0);
    FT_CHECK(test_heap_live_blocks() == live + 4);  // one node each
    const int want[] = {0, 1, 2, 3};
    FT_CHECK(holds(l, want, 4) && l.front() == 0 && l.back() == 3);
    int expect = 3;
    bool backwards = true;
    for (auto it = l.end(); it != l.begin();) backwards = backwards && *--it == expect--;
    FT_CHECK(backwards && expect == -1);
    auto f = l.pop_front();
    auto b = l.pop_back();
    FT_CHECK(f && *f == 0 && b && *b == 3 && l.size() == 2);
    l.clear();
    FT_CHECK(l.empty() && test_heap_live_blocks() == live);
  }
  FT_CHECK(test_heap_live_blocks() == live);
  FT_CHECK(sizeof(list) == 3 * sizeof(void*));
}

void insert_erase_splice_split() {
  list l{1, 2, 5};
  auto it = l.insert(++ ++l.begin(), 4);
  l.insert(it, 3);
  const int a[] = {1, 2, 3, 4, 5};
  FT_CHECK(holds(l, a, 5));
  const int* three = &*++ ++l.begin();
  list tail = l.split_off(3);  // no allocation: nodes move
  const int head[] = {1, 2, 3}, t[] = {4, 5};
  FT_CHECK(holds(l, head, 3) && holds(tail, t, 2) && &l.back() == three);
  l.splice(l.begin(), tail);
  const int s[] = {4, 5, 1, 2, 3};
  FT_CHECK(holds(l, s, 5) && tail.empty());
  l.erase(l.begin());
  l.reverse();
  const int r[] = {3, 2, 1, 5};
  FT_CHECK(holds(l, r, 4));
  list more{7, 8};
  l.append(more);
  FT_CHECK(l.size() == 6 && more.empty() && l.contains(8) && !l.contains(4));
  FT_CHECK(l.remove_if([](const int& x) { return x > 6; }) == 2 && l.size() == 4);
  list c = l.clone();
  FT_CHECK(c == l && !(c < l));
}

void cursors() {
  list l{1, 2, 3};
  auto c = l.cursor_front_mut();
  c.move_next();  // at 2
  c.insert_after(25);
  c.insert_before(15);
  FT_CHECK(*c.current() == 2 && *c.index() == 2 && *c.peek_next() == 25 && *c.peek_prev() == 15);
  auto x = c.remove_current();
  FT_CHECK(x && *x == 2 && *c.current() == 25);
  c.move_next();
  c.move_next();  // the ghost
  FT_CHECK(!c.index() && c.current() == nullptr && *c.peek_next() == 1 && *c.peek_prev() == 3);
  c.insert_after(0);   // at the front
  c.insert_before(4);  // at the back
  const int want[] = {0, 1, 15, 25, 3, 4};
  FT_CHECK(holds(l, want, 6));
  c.move_prev();
  c.move_prev();  // at 3
  list after = c.split_after();
  list before = c.split_before();
  const int a[] = {4}, b[] = {0, 1, 15, 25}, rest[] = {3};
  FT_CHECK(holds(after, a, 1) && holds(before, b, 4) && holds(l, rest, 1) && *c.index() == 0);
  c.splice_before(before);
  c.splice_after(after);
  const int back[] = {0, 1, 15, 25, 3, 4};
  FT_CHECK(holds(l, back, 6) && *c.index() == 4);
  auto ro = l.cursor_back();
  FT_CHECK(*ro.current() == 4 && *ro.index() == 5);
}

void tracked_lifetimes() {
  {
    bare::linked_list<ft::tracked> l;
    for (int i = 0; i < 12; ++i) l.emplace_back(i);
    l.retain([](const ft::tracked& t) { return t.value % 3 != 0; });
    FT_CHECK(ft::tracked::live == 8);
    auto c = l.clone();
    FT_CHECK(ft::tracked::live == 16 && c == l);
    int taken = 0;
    for (ft::tracked& t : c.extract_if([](ft::tracked& t) { return t.value > 5; })) {
      ft::tracked keep(static_cast<ft::tracked&&>(t));
      taken += keep.value > 5;
    }
    FT_CHECK(taken == 4 && c.size() == 4 && ft::tracked::live == 12);
    auto cur = l.cursor_front_mut();
    auto one = cur.remove_current_as_list();
    FT_CHECK(one && one->size() == 1 && ft::tracked::live == 12);
  }
  FT_CHECK(ft::tracked::live == 0);
}

struct alignas(64) wide {
  int v;
};

void over_aligned() {
  bare::linked_list<wide> l;
  for (int i = 0; i < 4; ++i) l.push_back(wide{i});
  bool aligned = true;
  for (const wide& w : l) aligned = aligned && reinterpret_cast<std::uintptr_t>(&w) % 64 == 0;
  FT_CHECK(aligned && l.back().v == 3);
}

using F = bare::testing::failing_ref<>;
using FL = bare::linked_list<ft::tracked, F>;

FL filled(F a) {
  FL l(a);
  for (int i = 0; i < 4; ++i) (void)l.try_emplace_back(i);
  return l;
}

void every_failure() {
  auto pb = bare::testing::check_all_allocation_failures(filled, [](FL& l) { return l.try_push_back(ft::tracked(9)); });
  FT_CHECK(pb.ok && pb.allocations == 1);
  auto pf = bare::testing::check_all_allocation_failures(filled, [](FL& l) { return l.try_emplace_front(9); });
  FT_CHECK(pf.ok && pf.allocations == 1);
  auto in = bare::testing::check_all_allocation_failures(filled, [](FL& l) { return l.try_insert(++l.begin(), l.back()); });
  FT_CHECK(in.ok && in.allocations == 1);
  auto cl = bare::testing::check_all_allocation_failures(filled, [](FL& l) { return l.try_clone(); });
  FT_CHECK(cl.ok && cl.allocations == 4);
  auto ca = bare::testing::check_all_allocation_failures(filled, [](FL& l) {
    auto c = l.cursor_front_mut();
    c.move_next();
    return c.try_insert_after(ft::tracked(7));
  });
  FT_CHECK(ca.ok && ca.allocations == 1);
  auto cb = bare::testing::check_all_allocation_failures(filled, [](FL& l) {
    auto c = l.cursor_back_mut();
    c.move_next();  // the ghost
    return c.try_insert_before(ft::tracked(7));
  });
  FT_CHECK(cb.ok && cb.allocations == 1);
}

}  // namespace

FT_GROUP(linked_list, FT_TEST(both_ends_and_iteration), FT_TEST(insert_erase_splice_split), FT_TEST(cursors),
         FT_TEST(tracked_lifetimes), FT_TEST(over_aligned), FT_TEST(every_failure));
