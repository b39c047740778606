// fixed_map<K, V, N, Cmp>: sorted arrays and binary search. Compile-time tables (constexpr and
// constinit), the full condition (refused insertion of an absent key, the map unchanged; a
// present key never reports full), lookups and bounds, tracked elements, and a differential run
// against std::map and the heap map btree_map.
#include <gtest/gtest.h>

#include <cstdint>
#include <type_traits>
#include <map>
#include <string>
#include <vector>

#include "bare/btree_map.hpp"
#include "bare/compare.hpp"
#include "bare/fixed_map.hpp"
#include "support/death.hpp"
#include "support/heap.hpp"
#include "support/rng.hpp"
#include "support/tracked.hpp"

namespace {

using namespace bare_test;  // NOLINT

template <class R>
bool is_full(const R& r) {
  return !r && r.error().kind == bare::alloc_errc::full;
}

// A table built at compile time (placed in flash on a microcontroller).
constexpr auto k_table = [] {
  bare::fixed_map<int, int, 6> m;
  m.insert(30, 3);
  m.insert(10, 1);
  m.insert(20, 2);
  m.insert_or_assign(20, 22);
  (void)m.try_insert(10, 99);  // present: unchanged
  m[40] = 4;
  (void)m.remove(30);
  return m;
}();
static_assert(k_table.size() == 3 && k_table.check());
static_assert(*k_table.get(10) == 1 && *k_table.get(20) == 22 && k_table.get(30) == nullptr);
static_assert(k_table.keys()[2] == 40 && k_table.lower_bound(15) - k_table.begin() == 1);
constexpr bare::fixed_map<char, int, 4> k_digits{{'b', 2}, {'a', 1}, {'c', 3}};
static_assert(k_digits.at('b') == 2 && (*k_digits.begin()).first == 'a');
constinit bare::fixed_map<int, int, 6> g_startup = k_table;
static_assert(sizeof(bare::fixed_map<std::uint8_t, std::uint8_t, 16>) <= 36);

TEST(FixedMap, CompileTimeTablesAtRunTime) {
  std::vector<std::pair<int, int>> seen;
  for (auto [k, v] : k_table) seen.emplace_back(k, v);
  EXPECT_EQ(seen, (std::vector<std::pair<int, int>>{{10, 1}, {20, 22}, {40, 4}}));
  ASSERT_TRUE(g_startup.try_insert(50, 5));
  EXPECT_EQ(g_startup.size(), 4u);
}

TEST(FixedMap, FullRefusesOnlyAbsentKeys) {
  const heap_stats before = global_heap_stats();
  {
    bare::fixed_map<int, counted, 3> m;
    ASSERT_TRUE(m.try_emplace(2, 20));
    ASSERT_TRUE(m.try_insert(1, counted(10)));
    ASSERT_TRUE(m.try_insert(3, counted(30)));
    counted v(99);
    const long live = counted::live;
    EXPECT_TRUE(is_full(m.try_insert(0, std::move(v))));
    EXPECT_EQ(v.value(), 99) << "not consumed";
    EXPECT_TRUE(is_full(m.try_emplace(4, 40)));
    EXPECT_TRUE(is_full(m.try_insert_or_assign(5, counted(50))));
    EXPECT_EQ(counted::live, live);
    auto present = m.try_insert(2, counted(0));
    ASSERT_TRUE(present) << "a present key is never full";
    EXPECT_FALSE(present->inserted);
    EXPECT_EQ(present->position->second.value(), 20);
    auto assigned = m.try_insert_or_assign(2, counted(21));
    ASSERT_TRUE(assigned);
    EXPECT_FALSE(assigned->inserted);
    EXPECT_EQ(m.at(2).value(), 21);
    EXPECT_TRUE(m.check());
    auto e = m.remove_entry(1);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->first, 1);
    EXPECT_EQ(e->second.value(), 10);
    auto it = m.erase(m.find(2));
    EXPECT_EQ((*it).first, 3);
    m.retain([](const int& k, counted&) { return k != 3; });
    EXPECT_TRUE(m.empty());
  }
  EXPECT_EQ(counted::live, 0);
  EXPECT_EQ(global_heap_stats().allocations, before.allocations) << "it allocated";
}

TEST(FixedMap, BoundsAndTransparentLookup) {
  bare::fixed_map<int, int, 8, bare::less<>> m{{10, 1}, {20, 2}, {30, 3}};
  EXPECT_EQ(m.lower_bound(20) - m.begin(), 1);
  EXPECT_EQ(m.upper_bound(20) - m.begin(), 2);
  EXPECT_EQ(m.lower_bound(31), m.end());
  EXPECT_EQ(m.find(25), m.end());
  EXPECT_TRUE(m.contains(20L)) << "a transparent comparator compares other types";
  EXPECT_EQ(m.first()->second, 1);
  EXPECT_EQ(m.last()->first, 30);
  const auto& cm = m;
  static_assert(std::is_same_v<decltype(cm.first()->second), const int&>, "a const map gives const values");
  EXPECT_EQ(cm.first()->first, 10);
  EXPECT_EQ(cm.last()->second, 3);
  EXPECT_EQ(cm.cend() - cm.cbegin(), 3);
  EXPECT_EQ((*cm.cbegin()).second, 1);
  EXPECT_FALSE((bare::fixed_map<int, int, 2>{}.first().has_value()));
  for (auto [k, v] : m) v = k;  // kv_ref gives the value by reference
  EXPECT_EQ(m.values()[2], 30);
  bare::fixed_map<int, int, 8, bare::less<>> copy = m;
  EXPECT_TRUE(copy == m);
  copy[5] = 0;
  EXPECT_FALSE(copy == m);
}

TEST(FixedMapDeath, InsertOnFullAndAtPanic) {
  panic_handler_guard g(exiting_panic_handler);
  bare::fixed_map<int, int, 1> m{{1, 1}};
  EXPECT_EXIT(m.insert(2, 2), ::testing::ExitedWithCode(panic_exit), "full");
  EXPECT_EXIT(m[3] = 3, ::testing::ExitedWithCode(panic_exit), "full");
  EXPECT_EXIT((void)m.at(7), ::testing::ExitedWithCode(panic_exit), "key not found");
}

TEST(FixedMapModel, AgainstStdMapAndBtreeMap) {
  constexpr std::size_t N = 24;
  std::size_t refused = 0, accepted = 0;
  const std::uint64_t base = test_seed();
  for (std::uint64_t s = 0; s < 10; ++s) {
    SCOPED_TRACE("sequence seed " + std::to_string(base + s));
    rng r(base + s);
    bare::fixed_map<int, counted, N> f;
    bare::btree_map<int, counted> b;
    std::map<int, int> m;
    for (int step = 0; step < 3000; ++step) {
      SCOPED_TRACE("step " + std::to_string(step));
      const int k = r.between(0, 60), v = r.between(0, 1000);
      switch (r.below(6)) {
        case 0:
        case 1: {
          auto fr = f.try_insert(k, counted(v));
          const bool absent = m.find(k) == m.end();
          if (absent && m.size() == N) {
            ASSERT_TRUE(is_full(fr));
            ++refused;
          } else {
            ASSERT_TRUE(fr);
            ASSERT_EQ(fr->inserted, absent);
            ASSERT_TRUE(b.try_insert(k, counted(v)));
            m.emplace(k, v);
            ++accepted;
          }
          break;
        }
        case 2: {
          auto fr = f.try_insert_or_assign(k, counted(v));
          const bool absent = m.find(k) == m.end();
          if (absent && m.size() == N) {
            ASSERT_TRUE(is_full(fr));
          } else {
            ASSERT_TRUE(fr);
            ASSERT_TRUE(b.try_insert_or_assign(k, counted(v)));
            m[k] = v;
          }
          break;
        }
        case 3: {
          auto fv = f.remove(k);
          auto bv = b.remove(k);
          const auto it = m.find(k);
          ASSERT_EQ(fv.has_value(), it != m.end());
          ASSERT_EQ(bv.has_value(), it != m.end());
          if (it != m.end()) {
            ASSERT_EQ(fv->value(), it->second);
            m.erase(it);
          }
          break;
        }
        case 4: {
          const auto it = m.lower_bound(k);
          const auto fit = f.lower_bound(k);
          if (it == m.end()) {
            ASSERT_EQ(fit, f.end());
          } else {
            ASSERT_EQ((*fit).first, it->first);
          }
          ASSERT_EQ(f.get(k) != nullptr, m.count(k) == 1);
          break;
        }
        case 5:
          if (r.chance(10)) {
            f.retain([k](const int& key, counted&) { return key % 7 != k % 7; });
            b.retain([k](const int& key, counted&) { return key % 7 != k % 7; });
            std::erase_if(m, [k](const auto& kv) { return kv.first % 7 == k % 7; });
          }
          break;
      }
      ASSERT_TRUE(f.check());
      ASSERT_EQ(f.size(), m.size());
      ASSERT_EQ(b.size(), m.size());
      auto mi = m.begin();
      for (auto [fk, fval] : f) {
        ASSERT_EQ(fk, mi->first);
        ASSERT_EQ(fval.value(), mi->second);
        ASSERT_EQ(b.at(fk).value(), mi->second);
        ++mi;
      }
      ASSERT_EQ(counted::live, static_cast<long>(f.size() + b.size()));
    }
  }
  EXPECT_GT(refused, 100u);
  EXPECT_GT(accepted, refused);
}

}  // namespace
