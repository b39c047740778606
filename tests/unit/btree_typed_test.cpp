// btree_map / btree_set over every kind of element (DESIGN §6): int, move_only (owns a heap
// int: leaks and double frees show under ASan/LSan), counted (live-instance counting: the
// runner fails a test that leaks one or destroys one twice) and over_aligned (alignas(64)).
// Elements move between nodes on every split, rotation and merge; these tests drive all of
// them, and every path that destroys or hands out elements. try_ API only.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "unit/btree_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT

template <class T>
class BtreeTyped : public ::testing::Test {};
using all_types = ::testing::Types<int, move_only, counted, over_aligned>;
TYPED_TEST_SUITE(BtreeTyped, all_types);

template <class T>
bool aligned(const T* p) {
  return reinterpret_cast<std::uintptr_t>(p) % alignof(T) == 0;
}

template <class M>
void expect_same(const M& m, const std::map<int, int>& model) {
  EXPECT_BTREE_OK(m);
  ASSERT_EQ(m.size(), model.size());
  auto it = model.begin();
  for (auto [k, v] : m) {
    EXPECT_EQ(val(k), it->first);
    EXPECT_EQ(val(v), it->second);
    EXPECT_TRUE(aligned(&k) && aligned(&v));
    ++it;
  }
}

TYPED_TEST(BtreeTyped, RandomInsertEraseOnSmallNodes) {
  using T = TypeParam;
  bare::btree_map<T, T, bare::less<T>, bare::global, 4> m;
  std::map<int, int> model;
  bare_test::rng r(bare_test::test_seed());
  for (int i = 0; i < 1500; ++i) {
    const int k = r.between(0, 400);
    if (r.chance(60)) {
      auto res = m.try_insert(mk<T>(k), mk<T>(i));
      ASSERT_TRUE(res);
      EXPECT_EQ(res->inserted, model.emplace(k, i).second);
    } else {
      EXPECT_EQ(m.erase(mk<T>(k)), model.erase(k));
    }
    if (i % 50 == 0) expect_same(m, model);
  }
  expect_same(m, model);
  EXPECT_GE(m.height(), 3u);
}

TYPED_TEST(BtreeTyped, DefaultNodes) {
  using T = TypeParam;
  bare::btree_map<T, T> m;
  std::map<int, int> model;
  for (int i = 0; i < 3000; ++i) {
    const int k = (i * 7919) % 3001;
    ASSERT_TRUE(m.try_insert(mk<T>(k), mk<T>(-k)));
    model.emplace(k, -k);
  }
  expect_same(m, model);
  for (int k = 0; k < 3001; k += 3) {
    EXPECT_EQ(m.erase(mk<T>(k)), model.erase(k));
  }
  expect_same(m, model);
}

TYPED_TEST(BtreeTyped, EveryWayOut) {
  using T = TypeParam;
  using M = small_map<T, T>;
  M m;
  std::map<int, int> model;
  for (int k = 0; k < 120; ++k) {
    ASSERT_TRUE(m.try_insert(mk<T>(k), mk<T>(k + 1000)));
    model.emplace(k, k + 1000);
  }
  // pop_first / pop_last hand the elements out.
  auto f = m.pop_first();
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(val(f->second), 1000);
  model.erase(0);
  auto l = m.pop_last();
  EXPECT_EQ(val(l->first), 119);
  model.erase(119);
  // remove / remove_entry.
  EXPECT_EQ(val(*m.remove(mk<T>(50))), 1050);
  EXPECT_EQ(val(m.remove_entry(mk<T>(51))->first), 51);
  model.erase(50);
  model.erase(51);
  // erase by iterator and by range.
  auto it = m.erase(m.find(mk<T>(60)));
  EXPECT_EQ(val((*it).first), 61);
  model.erase(60);
  m.erase(m.find(mk<T>(70)), m.find(mk<T>(80)));
  for (int k = 70; k < 80; ++k) model.erase(k);
  // retain and extract_if (some taken, the rest left).
  m.retain([](const T& k, T&) { return val(k) % 7 != 0; });
  std::erase_if(model, [](const auto& kv) { return kv.first % 7 == 0; });
  int taken = 0;
  {
    auto x = m.extract_if([](const T& k, T&) { return val(k) % 5 == 0; });
    for (auto e = x.begin(); e != x.end(); ++e) {
      T keep = std::move(e->second);
      EXPECT_EQ(val(keep) - 1000, val(e->first));
      if (++taken == 4) break;  // moving on would take (remove) the next match
    }
  }
  int removed = 0;
  for (auto e = model.begin(); e != model.end() && removed < taken;)
    e = e->first % 5 == 0 ? (++removed, model.erase(e)) : std::next(e);
  // A cursor removes on both sides.
  auto c = m.lower_bound_cursor(bare::included(mk<T>(100)));
  auto n = c.remove_next();
  auto p = c.remove_prev();
  ASSERT_TRUE(n && p);
  model.erase(val(n->first));
  model.erase(val(p->first));
  expect_same(m, model);
  // split_off hands a part to another map; clear and the destructor drop the rest.
  auto hi = m.try_split_off(mk<T>(90));
  ASSERT_TRUE(hi);
  EXPECT_EQ(val(hi->first()->first), 90);
  EXPECT_BTREE_OK(*hi);
  m.clear();
  EXPECT_TRUE(m.empty());
}

TYPED_TEST(BtreeTyped, AppendMovesEverythingOnce) {
  using T = TypeParam;
  small_map<T, T> a, b;
  std::map<int, int> model;
  for (int k = 0; k < 80; k += 2) {
    ASSERT_TRUE(a.try_insert(mk<T>(k), mk<T>(k)));
    model[k] = k;
  }
  for (int k = 0; k < 80; k += 3) {
    ASSERT_TRUE(b.try_insert(mk<T>(k), mk<T>(-k)));
    model[k] = -k;
  }
  ASSERT_TRUE(a.try_append(b));
  EXPECT_TRUE(b.empty());
  expect_same(a, model);
}

TYPED_TEST(BtreeTyped, FromSortedByMoveAndCursorInserts) {
  using T = TypeParam;
  std::vector<std::pair<T, T>> src;
  for (int k = 0; k < 50; ++k) src.emplace_back(mk<T>(k * 2), mk<T>(k));
  auto m = small_map<T, T>::try_from_sorted(std::make_move_iterator(src.begin()), std::make_move_iterator(src.end()));
  ASSERT_TRUE(m);
  std::map<int, int> model;
  for (int k = 0; k < 50; ++k) model[k * 2] = k;
  expect_same(*m, model);
  for (int k = 1; k < 100; k += 4) {
    auto c = m->lower_bound_cursor(bare::included(mk<T>(k)));
    ASSERT_TRUE(c.try_insert_before(mk<T>(k), mk<T>(-k)));
    model[k] = -k;
  }
  expect_same(*m, model);
}

TYPED_TEST(BtreeTyped, CloneWhenCopyable) {
  using T = TypeParam;
  if constexpr (std::is_copy_constructible_v<T>) {
    small_map<T, T> m;
    for (int k = 0; k < 60; ++k) ASSERT_TRUE(m.try_insert(mk<T>(k), mk<T>(k)));
    auto c = m.try_clone();
    ASSERT_TRUE(c);
    EXPECT_TRUE(*c == m);
    EXPECT_BTREE_OK(*c);
  } else {
    static_assert(!requires(const small_map<T, T>& m) { m.try_clone(); });
  }
}

TYPED_TEST(BtreeTyped, SetOfT) {
  using T = TypeParam;
  small_set<T> s;
  std::set<int> model;
  bare_test::rng r(bare_test::test_seed());
  for (int i = 0; i < 800; ++i) {
    const int k = r.between(0, 300);
    if (r.chance(65)) {
      ASSERT_TRUE(s.try_insert(mk<T>(k)));
      model.insert(k);
    } else if (r.chance(50)) {
      auto t = s.take(mk<T>(k));
      EXPECT_EQ(t.has_value(), model.erase(k) == 1);
    } else {
      EXPECT_EQ(s.remove(mk<T>(k)), model.erase(k) == 1);
    }
  }
  EXPECT_BTREE_OK(s);
  EXPECT_EQ(keys(s), std::vector<int>(model.begin(), model.end()));
  for (const T& k : s) EXPECT_TRUE(aligned(&k));
  auto hi = s.try_split_off(mk<T>(150));
  ASSERT_TRUE(hi);
  ASSERT_TRUE(s.try_append(*hi));
  EXPECT_EQ(keys(s), std::vector<int>(model.begin(), model.end()));
}

TYPED_TEST(BtreeTyped, EntryWithT) {
  using T = TypeParam;
  small_map<T, T> m;
  for (int k = 0; k < 40; ++k) ASSERT_TRUE(m.entry(mk<T>(k % 20)).try_or_insert(mk<T>(k)));
  EXPECT_EQ(m.size(), 20u);
  EXPECT_EQ(val(*m.get(mk<T>(5))), 5);
  auto old = m.entry(mk<T>(5)).remove();
  ASSERT_TRUE(old.has_value());
  EXPECT_EQ(val(*old), 5);
  EXPECT_BTREE_OK(m);
}

}  // namespace
