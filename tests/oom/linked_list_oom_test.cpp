// Every fallible linked_list operation (the list's and the cursor's) under
// check_all_allocation_failures (fail attempt 0, 1, ... N-1 in turn: each failure must surface
// as out_of_memory, leave the list exactly as before, not consume the argument, and leak
// nothing), for int and counted, and for a list of vecs (whose clones allocate and may fail
// too). Each case states how many allocation attempts the operation makes when nothing fails.
#include <gtest/gtest.h>

#include <cstdlib>
#include <span>
#include <utility>

#include "bare/linked_list.hpp"
#include "bare/vec.hpp"
#include "oom/oom_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT

template <class T>
using L = bare::linked_list<T, F>;

// A list of 5 and a value to insert (which a failed insertion must leave untouched).
template <class T>
struct state {
  L<T> l;
  T x;
  friend bool operator==(const state& a, const state& b) { return a.l == b.l && a.x == b.x; }
};
template <class T>
state<T> five(F a) {
  state<T> s{L<T>(a), mk<T>(42)};
  for (int i = 0; i < 5; ++i)
    if (!s.l.try_push_back(mk<T>(i))) std::abort();
  return s;
}
template <class T>
state<T> none(F a) {
  return state<T>{L<T>(a), mk<T>(42)};
}

template <class T>
class ListOom : public ::testing::Test {};
using types = ::testing::Types<int, counted>;
TYPED_TEST_SUITE(ListOom, types);

TYPED_TEST(ListOom, PushAndEmplace) {
  using T = TypeParam;
  using S = state<T>;
  EXPECT_OOM_SAFE(1u, five<T>, [](S& s) { return s.l.try_push_back(std::move(s.x)); });
  EXPECT_OOM_SAFE(1u, five<T>, [](S& s) { return s.l.try_push_front(std::move(s.x)); });
  EXPECT_OOM_SAFE(1u, five<T>, [](S& s) { return s.l.try_push_back(s.x); });
  EXPECT_OOM_SAFE(1u, five<T>, [](S& s) { return s.l.try_push_front(s.x); });
  EXPECT_OOM_SAFE(1u, five<T>, [](S& s) { return s.l.try_emplace_back(7); });
  EXPECT_OOM_SAFE(1u, five<T>, [](S& s) { return s.l.try_emplace_front(7); });
  EXPECT_OOM_SAFE(1u, five<T>, [](S& s) { return s.l.try_push_back(s.l.front()); });  // an element of itself
  EXPECT_OOM_SAFE(1u, none<T>, [](S& s) { return s.l.try_push_back(std::move(s.x)); });
}

TYPED_TEST(ListOom, Insert) {
  using T = TypeParam;
  using S = state<T>;
  EXPECT_OOM_SAFE(1u, five<T>, [](S& s) { return s.l.try_insert(std::next(s.l.begin(), 2), std::move(s.x)); });
  EXPECT_OOM_SAFE(1u, five<T>, [](S& s) { return s.l.try_insert(s.l.end(), s.x); });
  EXPECT_OOM_SAFE(1u, five<T>, [](S& s) { return s.l.try_emplace(s.l.begin(), 9); });
  EXPECT_OOM_SAFE(1u, none<T>, [](S& s) { return s.l.try_insert(s.l.end(), std::move(s.x)); });
}

TYPED_TEST(ListOom, CursorInserts) {
  using T = TypeParam;
  using S = state<T>;
  // At an element (index 2) and at the ghost; each must also leave the cursor's index alone.
  auto at = [](S& s, bool ghost) {
    auto c = s.l.cursor_front_mut();
    c.move_next();
    c.move_next();
    if (ghost) {
      c.move_next();
      c.move_next();
      c.move_next();
    }
    return c;
  };
  for (bool ghost : {false, true}) {
    EXPECT_OOM_SAFE(1u, five<T>, [&](S& s) {
      auto c = at(s, ghost);
      const auto before = c.index();
      auto r = c.try_insert_after(std::move(s.x));
      if (!r) {
        EXPECT_EQ(c.index(), before);
      }
      return r;
    });
    EXPECT_OOM_SAFE(1u, five<T>, [&](S& s) {
      auto c = at(s, ghost);
      const auto before = c.index();
      auto r = c.try_insert_before(s.x);
      if (!r) {
        EXPECT_EQ(c.index(), before);
      }
      return r;
    });
    EXPECT_OOM_SAFE(1u, five<T>, [&](S& s) { return at(s, ghost).try_emplace_after(3); });
    EXPECT_OOM_SAFE(1u, five<T>, [&](S& s) { return at(s, ghost).try_emplace_before(3); });
    EXPECT_OOM_SAFE(1u, five<T>, [&](S& s) { return at(s, ghost).try_push_front(std::move(s.x)); });
    EXPECT_OOM_SAFE(1u, five<T>, [&](S& s) { return at(s, ghost).try_push_back(s.x); });
  }
  EXPECT_OOM_SAFE(1u, none<T>, [](S& s) { return s.l.cursor_front_mut().try_insert_after(std::move(s.x)); });
}

TYPED_TEST(ListOom, CloneAndFrom) {
  using T = TypeParam;
  using S = state<T>;
  EXPECT_OOM_SAFE(5u, five<T>, [](S& s) { return s.l.try_clone(); });
  EXPECT_OOM_SAFE(0u, none<T>, [](S& s) { return s.l.try_clone(); });
  EXPECT_OOM_SAFE(3u, [](F a) {
    const T src[] = {mk<T>(1), mk<T>(2), mk<T>(3)};
    return L<T>::try_from(std::span<const T>(src), a);
  });
}

// A list of vecs: cloning clones each vec (one allocation each) before its node.
using inner = bare::vec<int, F>;
using outer = bare::linked_list<inner, F>;
outer nested(F a) {
  outer o(a);
  for (int i = 0; i < 3; ++i) {
    inner in(a);
    for (int j = 0; j <= i; ++j)
      if (!in.try_push_back(j)) std::abort();
    if (!o.try_push_back(std::move(in))) std::abort();
  }
  if (!o.try_emplace_back(a)) std::abort();  // an empty vec: its clone allocates nothing
  return o;
}

TEST(ListOomNested, Clone) {
  EXPECT_OOM_SAFE(7u, nested, [](outer& o) { return o.try_clone(); });  // 3 inner blocks + 4 nodes
}

}  // namespace
