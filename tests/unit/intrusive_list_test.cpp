// intrusive_list<T, &T::hook>: linking and unlinking user objects (never allocating), both size
// policies, splice, moves, objects in two lists at once, hooks at any offset and in
// over-aligned objects, and the debug checks (an object destroyed while linked, inserted
// twice, unlinked when not linked). The list's own check() is asserted after mutations.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <ranges>
#include <utility>
#include <vector>

#include "bare/intrusive_list.hpp"
#include "support/death.hpp"
#include "support/heap.hpp"

namespace {

using namespace bare_test;  // NOLINT
using ints = std::vector<int>;

struct item {
  int value = 0;
  bare::list_hook hook;
  explicit item(int v = 0) : value(v) {}
};
// An object in two lists at once, with hooks at non-zero offsets, over-aligned.
struct alignas(64) task {
  char pad[24] = {};
  int prio = 0;
  bare::list_hook ready;
  double weight = 1.0;
  bare::list_hook all;
  explicit task(int p = 0) : prio(p) {}
};

using list = bare::intrusive_list<item, &item::hook>;
using linear_list = bare::intrusive_list<item, &item::hook, bare::intrusive_size::linear>;
using ready_list = bare::intrusive_list<task, &task::ready>;
using all_list = bare::intrusive_list<task, &task::all, bare::intrusive_size::linear>;

static_assert(sizeof(bare::list_hook) == 2 * sizeof(void*));
static_assert(sizeof(list) == 3 * sizeof(void*));
static_assert(sizeof(linear_list) == 2 * sizeof(void*));
static_assert(!std::is_copy_constructible_v<list> && std::is_nothrow_move_constructible_v<list>);
static_assert(std::bidirectional_iterator<list::iterator> && std::bidirectional_iterator<list::const_iterator>);
static_assert(std::ranges::bidirectional_range<linear_list>);
#if BARE_CHECKS
static_assert(!std::is_trivially_destructible_v<bare::list_hook>);
#else
static_assert(std::is_trivially_destructible_v<bare::list_hook>);
#endif

template <class L>
ints values_of(const L& l) {
  ints out;
  for (const auto& x : l) out.push_back(x.value);
  return out;
}

TEST(IntrusiveList, PushIterateAndSizeWithoutAllocating) {
  const auto before = global_heap_stats();
  {
    item a(1), b(2), c(3), d(0);
    list l;
    EXPECT_TRUE(l.empty() && l.check());
    EXPECT_EQ(l.size(), 0u);
    EXPECT_EQ(l.pop_front(), nullptr);
    EXPECT_EQ(l.pop_back(), nullptr);
    l.push_back(a);
    l.push_back(b);
    l.push_back(c);
    l.push_front(d);
    EXPECT_EQ(values_of(l), (ints{0, 1, 2, 3}));
    EXPECT_EQ(l.size(), 4u);
    EXPECT_EQ(&l.front(), &d);
    EXPECT_EQ(&l.back(), &c);
    EXPECT_TRUE(list::is_linked(a) && a.hook.is_linked());
    EXPECT_TRUE(l.check());
    ints back;
    for (auto it = l.end(); it != l.begin();) back.push_back((--it)->value);
    EXPECT_EQ(back, (ints{3, 2, 1, 0}));
    auto found = std::ranges::find_if(l, [](const item& x) { return x.value == 2; });
    EXPECT_EQ(&*found, &b);
    const list& cl = l;
    EXPECT_EQ(std::distance(cl.begin(), cl.end()), 4);
    EXPECT_EQ(&cl.front(), &d);
    EXPECT_EQ(&*cl.iterator_to(b), &b);
    l.clear();
    EXPECT_TRUE(l.empty() && l.check());
    EXPECT_FALSE(a.hook.is_linked() || b.hook.is_linked() || c.hook.is_linked() || d.hook.is_linked());
  }
  EXPECT_EQ(global_heap_stats().allocations, before.allocations);
}

TEST(IntrusiveList, InsertEraseAndPop) {
  item a(1), b(2), c(3), x(9);
  list l;
  l.push_back(a);
  l.push_back(c);
  auto it = l.insert(l.iterator_to(c), b);
  EXPECT_EQ(&*it, &b);
  EXPECT_EQ(values_of(l), (ints{1, 2, 3}));
  l.insert(l.end(), x);
  EXPECT_EQ(values_of(l), (ints{1, 2, 3, 9}));
  auto next = l.erase(l.iterator_to(b));
  EXPECT_EQ(&*next, &c);
  EXPECT_FALSE(b.hook.is_linked());
  next = l.erase(x);
  EXPECT_EQ(next, l.end());
  EXPECT_FALSE(x.hook.is_linked());
  EXPECT_EQ(l.size(), 2u);
  EXPECT_EQ(l.pop_back(), &c);
  EXPECT_EQ(l.pop_front(), &a);
  EXPECT_TRUE(l.empty() && l.check());
  EXPECT_FALSE(a.hook.is_linked() || c.hook.is_linked());
  l.push_back(b);  // an unlinked object can be linked again
  EXPECT_EQ(l.size(), 1u);
  l.clear();
}

TEST(IntrusiveList, UnlinkFromTheHookAloneInALinearList) {
  item a(1), b(2), c(3);
  linear_list l;
  l.push_back(a);
  l.push_back(b);
  l.push_back(c);
  linear_list::unlink(b);  // no list needed
  EXPECT_FALSE(b.hook.is_linked());
  EXPECT_EQ(values_of(l), (ints{1, 3}));
  EXPECT_EQ(l.size(), 2u);  // walks: always right
  EXPECT_TRUE(l.check());
  linear_list::unlink(a);
  linear_list::unlink(c);
  EXPECT_TRUE(l.empty() && l.check());
}

TEST(IntrusiveList, RemoveIfReverseSwap) {
  std::vector<item> items;
  items.reserve(10);
  for (int i = 0; i < 10; ++i) items.emplace_back(i);
  list l;
  for (item& x : items) l.push_back(x);
  EXPECT_EQ(l.remove_if([](item& x) { return x.value % 3 == 0; }), 4u);
  EXPECT_EQ(values_of(l), (ints{1, 2, 4, 5, 7, 8}));
  EXPECT_EQ(l.size(), 6u);
  EXPECT_FALSE(items[3].hook.is_linked());
  l.reverse();
  EXPECT_EQ(values_of(l), (ints{8, 7, 5, 4, 2, 1}));
  list m;
  m.swap(l);
  EXPECT_TRUE(l.empty() && l.check());
  EXPECT_EQ(values_of(m), (ints{8, 7, 5, 4, 2, 1}));
  EXPECT_EQ(m.size(), 6u);
  swap(l, m);
  EXPECT_EQ(l.size(), 6u);
  EXPECT_TRUE(l.check() && m.check());
  l.clear();
}

TEST(IntrusiveList, SpliceKeepsCounts) {
  item a(1), b(2), c(3), d(4), e(5);
  list l, m;
  l.push_back(a);
  l.push_back(b);
  m.push_back(c);
  m.push_back(d);
  m.push_back(e);
  l.splice(l.iterator_to(b), m);
  EXPECT_EQ(values_of(l), (ints{1, 3, 4, 5, 2}));
  EXPECT_EQ(l.size(), 5u);
  EXPECT_EQ(m.size(), 0u);
  EXPECT_TRUE(m.empty() && l.check() && m.check());
  l.splice(l.begin(), l);  // itself: no-op
  l.splice(l.begin(), m);  // empty: no-op
  m.splice(m.end(), l, l.iterator_to(d));
  EXPECT_EQ(values_of(m), (ints{4}));
  EXPECT_EQ(m.size(), 1u);
  EXPECT_EQ(l.size(), 4u);
  l.splice(l.begin(), l, l.iterator_to(b));  // within: the last to the front
  EXPECT_EQ(values_of(l), (ints{2, 1, 3, 5}));
  l.splice(l.begin(), l, l.begin());  // no-op
  EXPECT_EQ(l.size(), 4u);
  EXPECT_TRUE(l.check() && m.check());
  l.clear();
  m.clear();
}

TEST(IntrusiveList, MovingAListMovesTheMembership) {
  item a(1), b(2);
  list l;
  l.push_back(a);
  l.push_back(b);
  list m = std::move(l);
  EXPECT_TRUE(l.empty() && l.check());
  EXPECT_EQ(values_of(m), (ints{1, 2}));
  EXPECT_EQ(m.size(), 2u);
  EXPECT_TRUE(m.check());
  item c(3);
  l.push_back(c);
  m = std::move(l);  // unlinks a and b first
  EXPECT_FALSE(a.hook.is_linked() || b.hook.is_linked());
  EXPECT_EQ(values_of(m), (ints{3}));
  EXPECT_TRUE(m.check() && l.check() && l.empty());
  m.clear();
}

TEST(IntrusiveList, DestructorUnlinksButDoesNotDestroy) {
  item a(1), b(2);
  {
    list l;
    l.push_back(a);
    l.push_back(b);
  }
  EXPECT_FALSE(a.hook.is_linked() || b.hook.is_linked());
  EXPECT_EQ(a.value, 1);
}

TEST(IntrusiveList, CopiesStartUnlinkedAndAssignmentKeepsLinks) {
  item a(1), b(2);
  list l;
  l.push_back(a);
  item copy = a;  // copying an object does not copy its membership
  EXPECT_FALSE(copy.hook.is_linked());
  EXPECT_EQ(copy.value, 1);
  a = b;  // a stays where it is
  EXPECT_TRUE(a.hook.is_linked());
  EXPECT_EQ(l.size(), 1u);
  EXPECT_EQ(&l.front(), &a);
  EXPECT_EQ(l.front().value, 2);
  l.clear();
}

TEST(IntrusiveList, OneObjectInTwoListsWithHooksAtAnyOffset) {
  std::vector<task> tasks;
  tasks.reserve(6);
  for (int i = 0; i < 6; ++i) tasks.emplace_back(i);
  ready_list ready;
  all_list all;
  for (task& t : tasks) {
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(&t) % 64, 0u);
    all.push_back(t);
    if (t.prio % 2) ready.push_front(t);
  }
  ints r, a;
  for (task& t : ready) r.push_back(t.prio);
  for (task& t : all) a.push_back(t.prio);
  EXPECT_EQ(r, (ints{5, 3, 1}));
  EXPECT_EQ(a, (ints{0, 1, 2, 3, 4, 5}));
  all_list::unlink(tasks[3]);  // out of `all`, still ready
  EXPECT_TRUE(tasks[3].ready.is_linked());
  EXPECT_EQ(all.size(), 5u);
  EXPECT_EQ(&ready.front(), &tasks[5]);
  EXPECT_EQ(&ready.back(), &tasks[1]);
  EXPECT_TRUE(ready.check() && all.check());
  ready.clear();
  all.clear();
}

// ---- debug checks ------------------------------------------------------------------------------

class IntrusiveListDeathTest : public ::testing::Test {
 protected:
  panic_handler_guard g_{exiting_panic_handler};
};
#define EXPECT_PANIC(stmt, msg) EXPECT_EXIT(stmt, ::testing::ExitedWithCode(panic_exit), msg)

#if BARE_CHECKS
TEST_F(IntrusiveListDeathTest, ObjectDestroyedWhileLinked) {
  auto destroy_linked = [] {
    list l;
    {
      item a(1);
      l.push_back(a);
    }  // a dies here, still in l
  };
  EXPECT_PANIC(destroy_linked(), "bare::list_hook: object destroyed while still in an intrusive_list");
}

TEST_F(IntrusiveListDeathTest, InsertedTwice) {
  item a(1);
  list l, m;
  l.push_back(a);
  EXPECT_PANIC(l.push_back(a), "bare::intrusive_list: the object is already in a list");
  EXPECT_PANIC(l.push_front(a), "already in a list");
  EXPECT_PANIC(m.push_back(a), "already in a list");  // in another list
  EXPECT_PANIC((void)m.insert(m.end(), a), "already in a list");
  l.clear();
}

TEST_F(IntrusiveListDeathTest, UnlinkingWhatIsNotLinked) {
  item a(1);
  list l;
  EXPECT_PANIC((void)l.erase(a), "bare::intrusive_list::erase: the object is not in a list");
  EXPECT_PANIC(linear_list::unlink(a), "bare::intrusive_list::unlink: the object is not in a list");
  EXPECT_PANIC((void)l.erase(l.end()), "bare::intrusive_list::erase: end\\(\\) is not an element");
  EXPECT_PANIC((void)l.front(), "bare::intrusive_list::front: empty");
  EXPECT_PANIC((void)l.back(), "bare::intrusive_list::back: empty");
}
#endif

}  // namespace
