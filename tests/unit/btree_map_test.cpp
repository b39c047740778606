// btree_map: the API, one behaviour per test, on small nodes (C = 3: several levels with a
// few dozen elements) and on the default nodes. Allocating operations go through the try_
// API, so this file runs in the BARE_NO_GLOBAL_OOM_HANDLING build too; the infallible twins
// are tested at the end, under BARE_OOM_HANDLING. The runner checks after every test that
// the global heap and the counted / move_only counters balance.
#include <gtest/gtest.h>

#include <algorithm>
#include <compare>
#include <cstdint>
#include <iterator>
#include <map>
#include <ranges>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bare/string.hpp"
#include "bare/vec.hpp"
#include "support/death.hpp"
#include "unit/btree_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT
using IM = small_map<int, int>;
using DM = bare::btree_map<int, int>;
using ipairs = std::vector<std::pair<int, int>>;

ipairs expected_pairs(const std::vector<int>& ks) {
  ipairs out;
  for (int k : ks) out.emplace_back(k, k * 10);
  return out;
}

TEST(BtreeMap, DefaultIsEmptyAndAllocatesNothing) {
  const auto before = global_heap_stats();
  {
    DM m;
    EXPECT_TRUE(m.empty());
    EXPECT_EQ(m.size(), 0u);
    EXPECT_EQ(m.height(), 0u);
    EXPECT_TRUE(m.begin() == m.end());
    EXPECT_TRUE(m.find(1) == m.end());
    EXPECT_EQ(m.get(1), nullptr);
    EXPECT_FALSE(m.contains(1));
    EXPECT_FALSE(m.first().has_value());
    EXPECT_FALSE(m.pop_first().has_value());
    EXPECT_FALSE(m.pop_last().has_value());
    EXPECT_EQ(m.erase(1), 0u);
    EXPECT_TRUE(m.lower_bound(0) == m.end());
    EXPECT_TRUE(m.range(bare::unbounded, bare::included(3)).empty());
    EXPECT_BTREE_OK(m);
    m.clear();
    DM w = std::move(m);
    EXPECT_TRUE(w.empty());
  }
  EXPECT_EQ(global_heap_stats().allocations, before.allocations);
  // Four words: root, size, two spare lists; stateless allocator and comparator are free.
  EXPECT_EQ(sizeof(DM), 4 * sizeof(void*));
}

TEST(BtreeMap, TriviallyRelocatableWithStatelessParts) {
  static_assert(bare::is_trivially_relocatable_v<DM>);
  static_assert(bare::is_trivially_relocatable_v<bare::btree_set<int>>);
  static_assert(bare::is_trivially_relocatable_v<small_map<int, int, recording_ref>>);
  // A vec of maps grows by moving the map objects' bytes: the maps stay intact.
  bare::vec<DM> v;
  for (int i = 0; i < 20; ++i) {
    DM m;
    for (int k = 0; k < 100; ++k) ASSERT_TRUE(m.try_insert(k, i));
    ASSERT_TRUE(v.try_push_back(std::move(m)));
  }
  for (int i = 0; i < 20; ++i) {
    EXPECT_BTREE_OK(v[static_cast<std::size_t>(i)]);
    EXPECT_EQ(*v[static_cast<std::size_t>(i)].get(99), i);
  }
}

TEST(BtreeMap, NodeCapacityFollowsTheElementSize) {
  // A leaf of about 512 bytes (see detail/btree/node.hpp).
  EXPECT_EQ((bare::btree_map<std::uint64_t, std::uint64_t>::node_capacity), 31u);
  EXPECT_EQ((bare::btree_map<int, int>::node_capacity), 62u);
  EXPECT_EQ((bare::btree_set<std::uint64_t>::node_capacity), 62u);
  EXPECT_EQ((bare::btree_map<std::uint64_t, std::uint64_t, bare::less<std::uint64_t>, bare::global, 7>::node_capacity), 7u);
  struct big {
    char b[600];
  };
  EXPECT_EQ((bare::btree_map<int, big>::node_capacity), 5u);  // never fewer than 5
}

TEST(BtreeMap, TryInsertDoesNotOverwrite) {
  IM m;
  auto r = m.try_insert(5, 50);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->inserted);
  EXPECT_EQ((*r->position).first, 5);
  EXPECT_EQ((*r->position).second, 50);
  auto again = m.try_insert(5, 51);
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->inserted);
  EXPECT_EQ((*again->position).second, 50);
  EXPECT_TRUE(again->position == r->position);
  EXPECT_EQ(m.size(), 1u);
  (*again->position).second = 7;  // the value is mutable through the iterator
  EXPECT_EQ(*m.get(5), 7);
}

TEST(BtreeMap, InsertInAnyOrderIteratesSorted) {
  for (int order = 0; order < 3; ++order) {
    IM m;
    std::vector<int> ks = iota_vec(0, 200);
    if (order == 1) std::reverse(ks.begin(), ks.end());
    if (order == 2) {
      bare_test::rng r(bare_test::test_seed());
      for (std::size_t i = ks.size(); i > 1; --i) std::swap(ks[i - 1], ks[r.below(i)]);
    }
    for (int k : ks) {
      ASSERT_TRUE(m.try_insert(k, k * 10));
      EXPECT_BTREE_OK(m);
    }
    EXPECT_EQ(pairs(m), expected_pairs(iota_vec(0, 200))) << "order " << order;
    EXPECT_GE(m.height(), 4u);
  }
}

TEST(BtreeMap, SequentialInsertionFillsNodes) {
  // A full node sheds elements to a sibling before splitting, so sorted insertion packs the
  // nodes: 1000 keys in nodes of 62 need 17 leaves when full; half-full splits would need 32.
  DM m;
  for (int k = 0; k < 1000; ++k) ASSERT_TRUE(m.try_insert(k, k));
  const auto before = global_heap_stats();
  m.clear();
  const std::size_t nodes = before.live_blocks - global_heap_stats().live_blocks;
  EXPECT_LE(nodes, 20u);
}

TEST(BtreeMap, InsertOrAssign) {
  IM m = make_range_map<IM>(0, 30);
  auto r = m.try_insert_or_assign(7, 700);
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->inserted);
  EXPECT_EQ(*m.get(7), 700);
  auto n = m.try_insert_or_assign(77, 7);
  ASSERT_TRUE(n);
  EXPECT_TRUE(n->inserted);
  EXPECT_EQ((*n->position).first, 77);
  EXPECT_EQ(m.size(), 31u);
  EXPECT_BTREE_OK(m);
}

// Counts how often it is constructed.
struct made_from {
  static inline int made = 0;
  int a, b;
  made_from(int x, int y) : a(x), b(y) { ++made; }
};

TEST(BtreeMap, TryEmplaceConstructsTheValueOnlyWhenInserting) {
  bare::btree_map<int, made_from> m;
  made_from::made = 0;
  auto r = m.try_emplace(1, 2, 3);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->inserted);
  EXPECT_EQ(made_from::made, 1);
  auto again = m.try_emplace(1, 4, 5);
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->inserted);
  EXPECT_EQ(made_from::made, 1);
  EXPECT_EQ(m.get(1)->a, 2);
  EXPECT_EQ(m.get(1)->b, 3);
}

TEST(BtreeMap, MoveOnlyValuesAreMovedIn) {
  bare::btree_map<int, move_only> m;
  move_only v(4);
  ASSERT_TRUE(m.try_insert(1, std::move(v)));
  EXPECT_EQ(v.value(), moved_from);
  move_only w(5);
  auto r = m.try_insert(1, std::move(w));  // present: w is not consumed
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->inserted);
  EXPECT_EQ(w.value(), 5);
  ASSERT_TRUE(m.try_insert_or_assign(1, std::move(w)));
  EXPECT_EQ(m.get(1)->value(), 5);
}

TEST(BtreeMap, GetAtFindContainsCount) {
  IM m = make_range_map<IM>(0, 100, 2);
  const IM& cm = m;
  for (int k = -1; k < 101; ++k) {
    const bool present = k >= 0 && k < 100 && k % 2 == 0;
    EXPECT_EQ(m.contains(k), present) << k;
    EXPECT_EQ(m.count(k), present ? 1u : 0u);
    EXPECT_EQ(m.get(k) != nullptr, present);
    EXPECT_EQ(cm.find(k) != cm.end(), present);
    if (present) {
      EXPECT_EQ(*cm.get(k), k * 10);
      EXPECT_EQ(m.at(k), k * 10);
      EXPECT_EQ((*m.find(k)).second, k * 10);
      EXPECT_EQ(m.find(k)->first, k);
    }
  }
  *m.get(4) = 1;
  m.at(6) = 2;
  m.find(8)->second = 3;
  EXPECT_EQ(pairs(m)[2], std::make_pair(4, 1));
  EXPECT_EQ(pairs(m)[3], std::make_pair(6, 2));
  EXPECT_EQ(pairs(m)[4], std::make_pair(8, 3));
}

TEST(BtreeMapDeathTest, AtOfAMissingKeyPanics) {
  panic_handler_guard g(exiting_panic_handler);
  IM m = make_range_map<IM>(0, 10);
  const unsigned line = __LINE__ + 1;
  auto call = [&] { (void)m.at(42); };
  EXPECT_EXIT(call(), testing::ExitedWithCode(panic_exit), panic_regex("key not found", __FILE__, line));
}

TEST(BtreeMapDeathTest, EndIsNotAnElement) {
  panic_handler_guard g(exiting_panic_handler);
  IM m = make_range_map<IM>(0, 10);
  EXPECT_EXIT((void)*m.end(), testing::ExitedWithCode(panic_exit), "dereferencing end");
  EXPECT_EXIT(++m.end(), testing::ExitedWithCode(panic_exit), "past the end");
  EXPECT_EXIT(--m.begin(), testing::ExitedWithCode(panic_exit), "before the beginning");
  IM empty;
  EXPECT_EXIT(--empty.end(), testing::ExitedWithCode(panic_exit), "before the beginning");
}

TEST(BtreeMap, IteratesBothWaysAcrossLevels) {
  IM m = make_range_map<IM>(0, 150);
  ASSERT_GE(m.height(), 4u);
  std::vector<int> back;
  for (auto it = m.end(); it != m.begin();) back.push_back((*--it).first);
  std::reverse(back.begin(), back.end());
  EXPECT_EQ(back, iota_vec(0, 150));
  // Zig-zag: ++ then -- returns to the same element everywhere.
  for (auto it = m.begin(); it != m.end(); ++it) {
    auto j = it;
    ++j;
    --j;
    EXPECT_TRUE(j == it);
  }
  auto it = m.begin();
  EXPECT_EQ((*it++).first, 0);
  EXPECT_EQ((*it--).first, 1);
  EXPECT_EQ((*it).first, 0);
  // const_iterator from iterator; comparisons across them.
  IM::const_iterator c = m.begin();
  EXPECT_TRUE(c == m.cbegin());
  EXPECT_TRUE(m.cend() == IM::const_iterator(m.end()));
}

TEST(BtreeMap, StructuredBindingsAndArrow) {
  IM m = make_range_map<IM>(0, 5);
  for (auto [k, v] : m) v += k;  // v is a reference into the map
  for (const auto& [k, v] : m) EXPECT_EQ(v, k * 11);
  auto it = m.find(3);
  it->second = -3;
  EXPECT_EQ(it->first, 3);
  EXPECT_EQ(*m.get(3), -3);
  const IM& cm = m;
  static_assert(std::is_same_v<decltype(cm.begin()->second), const int&>);
  static_assert(std::is_same_v<decltype((*m.begin()).key()), const int&>);
}

TEST(BtreeMap, ModelsStdIteratorConcepts) {
  static_assert(std::bidirectional_iterator<IM::iterator>);
  static_assert(std::bidirectional_iterator<IM::const_iterator>);
  static_assert(std::ranges::bidirectional_range<IM>);
  IM m = make_range_map<IM>(0, 40);
  EXPECT_EQ(std::ranges::distance(m), 40);
  EXPECT_EQ((*std::prev(m.end())).first, 39);
  EXPECT_EQ((*std::next(m.begin(), 5)).first, 5);
  auto odd = std::ranges::count_if(m, [](auto kv) { return kv.first % 2 == 1; });
  EXPECT_EQ(odd, 20);
  EXPECT_TRUE(std::ranges::is_sorted(m, {}, [](auto kv) { return kv.first; }));
}

TEST(BtreeMap, BoundsAndEqualRange) {
  IM m = make_range_map<IM>(0, 100, 10);  // 0, 10, ..., 90
  EXPECT_EQ((*m.lower_bound(10)).first, 10);
  EXPECT_EQ((*m.lower_bound(11)).first, 20);
  EXPECT_EQ((*m.upper_bound(10)).first, 20);
  EXPECT_EQ((*m.lower_bound(-5)).first, 0);
  EXPECT_TRUE(m.lower_bound(91) == m.end());
  EXPECT_TRUE(m.upper_bound(90) == m.end());
  auto er = m.equal_range(30);
  ASSERT_FALSE(er.empty());
  EXPECT_EQ((*er.first).first, 30);
  EXPECT_EQ((*er.last).first, 40);
  EXPECT_TRUE(m.equal_range(35).empty());
  EXPECT_TRUE(m.equal_range(35).first == m.lower_bound(40));
}

TEST(BtreeMap, RangeWithEveryKindOfBound) {
  IM m = make_range_map<IM>(0, 60, 2);  // 0, 2, ..., 58
  auto ks = [](auto r) {
    std::vector<int> out;
    for (auto e : r) out.push_back(e.first);
    return out;
  };
  EXPECT_EQ(ks(m.range(bare::included(10), bare::included(20))), (std::vector<int>{10, 12, 14, 16, 18, 20}));
  EXPECT_EQ(ks(m.range(bare::excluded(10), bare::excluded(20))), (std::vector<int>{12, 14, 16, 18}));
  EXPECT_EQ(ks(m.range(bare::included(11), bare::excluded(17))), (std::vector<int>{12, 14, 16}));
  EXPECT_EQ(ks(m.range(bare::excluded(53), bare::unbounded)), (std::vector<int>{54, 56, 58}));
  EXPECT_EQ(ks(m.range(bare::unbounded, bare::excluded(5))), (std::vector<int>{0, 2, 4}));
  EXPECT_EQ(ks(m.range(bare::unbounded, bare::unbounded)), iota_vec(0, 60, 2));
  EXPECT_TRUE(m.range(bare::included(11), bare::included(11)).empty());
  EXPECT_TRUE(m.range(bare::excluded(10), bare::excluded(11)).empty());
  EXPECT_TRUE(m.range(bare::included(100), bare::unbounded).empty());
  // Values are mutable through a range of a non-const map.
  for (auto e : m.range(bare::included(0), bare::included(4))) e.second = -1;
  EXPECT_EQ(*m.get(4), -1);
  EXPECT_EQ(*m.get(6), 60);
}

TEST(BtreeMapDeathTest, RangeStartAfterEndPanics) {
  panic_handler_guard g(exiting_panic_handler);
  IM m = make_range_map<IM>(0, 10);
  EXPECT_EXIT((void)m.range(bare::included(5), bare::included(4)), testing::ExitedWithCode(panic_exit),
              "start is greater than its end");
  EXPECT_EXIT((void)m.range(bare::excluded(5), bare::excluded(5)), testing::ExitedWithCode(panic_exit),
              "equal and both excluded");
}

TEST(BtreeMap, FirstLastPop) {
  IM m = make_range_map<IM>(0, 50);
  EXPECT_EQ(m.first()->first, 0);
  EXPECT_EQ(m.last()->first, 49);
  m.last()->second = 1;
  EXPECT_EQ(*m.get(49), 1);
  for (int i = 0; i < 25; ++i) {
    auto f = m.pop_first();
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->first, i);
    auto l = m.pop_last();
    ASSERT_TRUE(l.has_value());
    EXPECT_EQ(l->first, 49 - i);
    EXPECT_BTREE_OK(m);
  }
  EXPECT_TRUE(m.empty());
  EXPECT_EQ(m.height(), 0u);
}

TEST(BtreeMap, EraseByKeyIteratorAndRange) {
  IM m = make_range_map<IM>(0, 100);
  EXPECT_EQ(m.erase(50), 1u);
  EXPECT_EQ(m.erase(50), 0u);
  auto next = m.erase(m.find(20));
  EXPECT_EQ((*next).first, 21);
  next = m.erase(m.find(99));
  EXPECT_TRUE(next == m.end());
  // Erasing through internal nodes: every other key, by iterator, front to back.
  for (auto it = m.begin(); it != m.end();) {
    it = m.erase(it);
    if (it != m.end()) ++it;
    EXPECT_BTREE_OK(m);
  }
  std::vector<int> want;
  const std::vector<int> before = [] {
    std::vector<int> v = iota_vec(0, 99);
    std::erase(v, 50);
    std::erase(v, 20);
    return v;
  }();
  for (std::size_t i = 1; i < before.size(); i += 2) want.push_back(before[i]);
  EXPECT_EQ(keys(m), want);
  // A range.
  IM r = make_range_map<IM>(0, 100);
  auto after = r.erase(r.find(10), r.find(90));
  EXPECT_EQ((*after).first, 90);
  EXPECT_EQ(keys(r), [] {
    auto v = iota_vec(0, 10);
    for (int k = 90; k < 100; ++k) v.push_back(k);
    return v;
  }());
  EXPECT_BTREE_OK(r);
  const auto all = r.erase(r.begin(), r.end());
  EXPECT_TRUE(all == r.end());
  EXPECT_TRUE(r.empty());
}

TEST(BtreeMap, RemoveAndRemoveEntry) {
  bare::btree_map<int, move_only, bare::less<int>, bare::global, 3> m;
  for (int k = 0; k < 30; ++k) ASSERT_TRUE(m.try_insert(k, move_only(k * 2)));
  std::optional<move_only> v = m.remove(10);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->value(), 20);
  EXPECT_FALSE(m.remove(10).has_value());
  auto e = m.remove_entry(11);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->first, 11);
  EXPECT_EQ(e->second.value(), 22);
  EXPECT_EQ(m.size(), 28u);
  EXPECT_BTREE_OK(m);
}

TEST(BtreeMap, RetainVisitsInOrderAndMayModify) {
  IM m = make_range_map<IM>(0, 100);
  std::vector<int> seen;
  m.retain([&](const int& k, int& v) {
    seen.push_back(k);
    v = -v;
    return k % 3 == 0;
  });
  EXPECT_EQ(seen, iota_vec(0, 100));
  EXPECT_EQ(keys(m), iota_vec(0, 100, 3));
  EXPECT_EQ(*m.get(9), -90);
  EXPECT_BTREE_OK(m);
  m.retain([](const int&, int&) { return false; });
  EXPECT_TRUE(m.empty());
}

TEST(BtreeMap, ExtractIfTakesMatchingElementsLazily) {
  bare::btree_map<int, move_only, bare::less<int>, bare::global, 3> m;
  for (int k = 0; k < 40; ++k) ASSERT_TRUE(m.try_insert(k, move_only(k)));
  std::vector<move_only> taken;
  {
    auto x = m.extract_if([](const int& k, move_only&) { return k % 4 == 0; });
    for (auto it = x.begin(); it != x.end(); ++it) {
      EXPECT_EQ(it->first % 4, 0);
      taken.push_back(std::move(it->second));
      if (taken.size() == 5) break;  // 0, 4, 8, 12, 16; the rest stays
    }
  }
  ASSERT_EQ(taken.size(), 5u);
  EXPECT_EQ(taken[4].value(), 16);
  EXPECT_EQ(m.size(), 35u);
  EXPECT_TRUE(m.contains(20));
  EXPECT_FALSE(m.contains(16));
  EXPECT_BTREE_OK(m);
  // Not moving out destroys the element; range-for works.
  int n = 0;
  for (auto& kv : m.extract_if([](const int& k, move_only&) { return k > 30; })) n += kv.first > 30;
  EXPECT_EQ(n, 9);
  EXPECT_EQ(m.size(), 26u);
}

TEST(BtreeMap, EntryApi) {
  IM m = make_range_map<IM>(0, 20);
  auto e = m.entry(5);
  EXPECT_TRUE(e.is_occupied());
  EXPECT_EQ(e.key(), 5);
  ASSERT_NE(e.get(), nullptr);
  EXPECT_EQ(*e.get(), 50);
  auto r = e.try_or_insert(7);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, 50);  // present: not replaced
  *r += 1;
  EXPECT_EQ(*m.get(5), 51);

  auto v = m.entry(100);
  EXPECT_FALSE(v.is_occupied());
  EXPECT_EQ(v.get(), nullptr);
  EXPECT_EQ(v.key(), 100);
  auto r2 = v.try_or_insert_with([] { return 1000; });
  ASSERT_TRUE(r2);
  EXPECT_EQ(*r2, 1000);
  EXPECT_TRUE(v.is_occupied());  // the entry now refers to the inserted element

  // and_modify only runs on an occupied entry.
  auto inc = [](int& x) { x += 1; };
  ASSERT_TRUE(m.entry(100).and_modify(inc).try_or_insert(0));
  ASSERT_TRUE(m.entry(101).and_modify(inc).try_or_insert(0));
  EXPECT_EQ(*m.get(100), 1001);
  EXPECT_EQ(*m.get(101), 0);
  auto d = m.entry(102).try_or_default();
  ASSERT_TRUE(d);
  EXPECT_EQ(*d, 0);
  // insert: assigns when occupied; remove.
  ASSERT_TRUE(m.entry(5).try_insert(-5));
  EXPECT_EQ(*m.get(5), -5);
  auto gone = m.entry(6).remove();
  ASSERT_TRUE(gone.has_value());
  EXPECT_EQ(*gone, 60);
  EXPECT_FALSE(m.contains(6));
  EXPECT_FALSE(m.entry(6).remove().has_value());
  EXPECT_BTREE_OK(m);
}

TEST(BtreeMap, EntryCountsWords) {
  bare::btree_map<std::string, int, bare::less<>> counts;
  for (const char* w : {"b", "a", "b", "c", "b", "a"}) ASSERT_TRUE(counts.entry(w).and_modify([](int& n) { ++n; }).try_or_insert(1));
  EXPECT_EQ(*counts.get("a"), 2);
  EXPECT_EQ(*counts.get(std::string_view("b")), 3);
  EXPECT_EQ(*counts.get(std::string("c")), 1);
}

// Keys that keep their bytes behind a data() member have those bytes prefetched along the
// search once the root is at level 4 or above (search.hpp, prefetch_probe_data): small nodes
// make such a tree from a few thousand keys. Lookups must answer exactly as std::map does,
// for the empty key, short keys and 24-byte keys, hits and misses.
template <class K>
void deep_tree_of_string_keys() {
  bare::btree_map<K, int, bare::less<>, bare::global, 3> m;
  std::map<std::string, int> model;
  auto key = [](int i) {
    if (i == 0) return std::string();
    std::string s = std::to_string((i * 7919) % 10007);
    if (i % 2 == 0) s.append(24 - s.size(), 'k');  // 24 bytes: out of line in a std::string too
    return s;
  };
  auto mk_key = [](const std::string& s) {
    if constexpr (std::is_same_v<K, std::string>) {
      return s;
    } else {
      auto r = K::try_from(bare::str::from_utf8_unchecked(s.data(), s.size()));
      if (!r) {
        ADD_FAILURE() << "allocation failed";
        return K();
      }
      return std::move(*r);
    }
  };
  for (int i = 0; i < 3000; ++i) {
    const std::string k = key(i);
    const bool fresh = model.emplace(k, i).second;
    auto r = m.try_insert(mk_key(k), i);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->inserted, fresh) << k;
  }
  ASSERT_EQ(m.size(), model.size());
  ASSERT_GE(m.height(), 5u);
  EXPECT_BTREE_OK(m);
  for (const auto& [k, v] : model) {
    const int* got = m.get(mk_key(k));
    ASSERT_NE(got, nullptr) << k;
    EXPECT_EQ(*got, v) << k;
    EXPECT_EQ(m.get(mk_key(k + "x")), nullptr) << k;
  }
}
TEST(BtreeMap, DeepTreeOfBareStringKeys) { deep_tree_of_string_keys<bare::string<>>(); }
TEST(BtreeMap, DeepTreeOfStdStringKeys) { deep_tree_of_string_keys<std::string>(); }

TEST(BtreeMap, CursorsPeekAndMove) {
  IM m = make_range_map<IM>(0, 50, 2);  // 0 .. 48
  auto c = m.lower_bound_cursor(bare::included(10));
  EXPECT_EQ(c.peek_next()->first, 10);
  EXPECT_EQ(c.peek_prev()->first, 8);
  c = m.lower_bound_cursor(bare::excluded(10));
  EXPECT_EQ(c.peek_next()->first, 12);
  c = m.upper_bound_cursor(bare::included(10));
  EXPECT_EQ(c.peek_prev()->first, 10);
  EXPECT_EQ(c.peek_next()->first, 12);
  c = m.upper_bound_cursor(bare::excluded(10));
  EXPECT_EQ(c.peek_prev()->first, 8);
  // Walking to both ends.
  auto f = m.lower_bound_cursor(bare::unbounded);
  EXPECT_FALSE(f.peek_prev().has_value());
  std::vector<int> fwd;
  while (auto e = f.next()) fwd.push_back(e->first);
  EXPECT_EQ(fwd, iota_vec(0, 50, 2));
  EXPECT_FALSE(f.peek_next().has_value());
  std::vector<int> back;
  while (auto e = f.prev()) back.push_back(e->first);
  std::reverse(back.begin(), back.end());
  EXPECT_EQ(back, fwd);
  // Values are mutable through a mutable cursor; a const map gives a read-only one.
  f.peek_next()->second = 99;
  EXPECT_EQ(*m.get(0), 99);
  const IM& cm = m;
  auto rc = cm.upper_bound_cursor(bare::unbounded);
  static_assert(std::is_same_v<decltype(rc.peek_prev()->second), const int&>);
  EXPECT_EQ(rc.peek_prev()->first, 48);
  auto ro = f.as_cursor();
  EXPECT_EQ(ro.peek_next()->first, 0);
}

TEST(BtreeMap, CursorsInsertAndRemove) {
  IM m = make_range_map<IM>(0, 50, 2);                // 0, 2, ..., 48
  auto c = m.lower_bound_cursor(bare::included(11));  // between 10 and 12
  ASSERT_TRUE(c.try_insert_after(11, 110));
  EXPECT_EQ(c.peek_next()->first, 11);  // the cursor is before the new element
  EXPECT_EQ(c.peek_prev()->first, 10);
  EXPECT_EQ(c.next()->first, 11);
  EXPECT_EQ(c.next()->first, 12);  // between 12 and 14
  ASSERT_TRUE(c.try_insert_before(13, 130));
  EXPECT_EQ(c.peek_prev()->first, 13);  // the cursor is after the new element
  EXPECT_EQ(c.peek_next()->first, 14);
  auto gone = c.remove_prev();
  ASSERT_TRUE(gone.has_value());
  EXPECT_EQ(gone->first, 13);
  EXPECT_EQ(gone->second, 130);
  EXPECT_EQ(c.peek_prev()->first, 12);
  EXPECT_EQ(c.remove_next()->first, 14);
  EXPECT_EQ(c.peek_next()->first, 16);
  EXPECT_BTREE_OK(m);
  // At the end.
  auto e = m.upper_bound_cursor(bare::unbounded);
  ASSERT_TRUE(e.try_insert_after(100, 1));
  ASSERT_TRUE(e.try_insert_before(60, 1));
  EXPECT_EQ(e.peek_prev()->first, 60);
  EXPECT_EQ(e.peek_next()->first, 100);
  EXPECT_BTREE_OK(m);
  // Removing everything through one cursor, from the front.
  auto f = m.lower_bound_cursor(bare::unbounded);
  std::size_t n = m.size();
  while (f.remove_next()) {
    EXPECT_EQ(m.size(), --n);
    EXPECT_FALSE(f.peek_prev().has_value());
    EXPECT_BTREE_OK(m);
  }
  EXPECT_TRUE(m.empty());
  // An empty map's cursor inserts the first element.
  ASSERT_TRUE(f.try_insert_after(5, 50));
  EXPECT_EQ(f.peek_next()->first, 5);
  EXPECT_FALSE(f.remove_prev().has_value());
  EXPECT_EQ(f.remove_next()->second, 50);
  EXPECT_TRUE(m.empty());
}

TEST(BtreeMap, CursorsFillATreeInOrder) {
  // Appending through a cursor at the end builds the same map as sorted insertion.
  IM m;
  auto c = m.upper_bound_cursor(bare::unbounded);
  for (int k = 0; k < 200; ++k) {
    ASSERT_TRUE(c.try_insert_before(k, k * 10));
    ASSERT_EQ(c.peek_prev()->first, k);
  }
  EXPECT_EQ(pairs(m), expected_pairs(iota_vec(0, 200)));
  EXPECT_BTREE_OK(m);
  // And from the front, backwards.
  IM r;
  auto d = r.lower_bound_cursor(bare::unbounded);
  for (int k = 199; k >= 0; --k) ASSERT_TRUE(d.try_insert_after(k, k * 10));
  EXPECT_EQ(pairs(r), expected_pairs(iota_vec(0, 200)));
  EXPECT_BTREE_OK(r);
}

TEST(BtreeMapDeathTest, CursorInsertOutOfOrderPanics) {
  panic_handler_guard g(exiting_panic_handler);
  IM m = make_range_map<IM>(0, 50, 2);
  auto c = m.lower_bound_cursor(bare::included(11));  // between 10 and 12
  EXPECT_EXIT((void)c.try_insert_after(10, 0), testing::ExitedWithCode(panic_exit), "strictly between");
  EXPECT_EXIT((void)c.try_insert_before(13, 0), testing::ExitedWithCode(panic_exit), "strictly between");
}

struct by_length {
  using is_transparent = void;
  static std::size_t len(std::string_view s) { return s.size(); }
  static std::size_t len(std::size_t n) { return n; }
  template <class A, class B>
  bool operator()(const A& a, const B& b) const {
    return len(a) < len(b);
  }
};

TEST(BtreeMap, HeterogeneousLookupWithATransparentComparator) {
  bare::btree_map<std::string, int, bare::less<>> m;
  for (const char* w : {"pear", "apple", "fig", "kiwi", "banana"}) ASSERT_TRUE(m.try_insert(w, 1));
  EXPECT_TRUE(m.contains("fig"));
  EXPECT_TRUE(m.contains(std::string_view("kiwi")));
  EXPECT_FALSE(m.contains("plum"));
  EXPECT_EQ(m.find(std::string_view("banana"))->first, "banana");
  EXPECT_EQ(m.lower_bound("c")->first, "fig");
  EXPECT_EQ(m.erase(std::string_view("pear")), 1u);
  EXPECT_EQ(m.size(), 4u);
  // A comparator that orders strings by length, looked up by a length.
  bare::btree_map<std::string, int, by_length> byl;
  ASSERT_TRUE(byl.try_insert("three", 3));
  ASSERT_TRUE(byl.try_insert("a", 1));
  ASSERT_TRUE(byl.try_insert("xy", 2));
  EXPECT_EQ(*byl.get(std::size_t{2}), 2);
  EXPECT_EQ(byl.find(std::size_t{5})->first, "three");
  EXPECT_EQ(byl.get(std::size_t{4}), nullptr);
}

TEST(BtreeMap, ConvertibleLookupWithAPlainComparator) {
  bare::btree_map<long long, int> m;
  ASSERT_TRUE(m.try_insert(5, 50));
  EXPECT_EQ(*m.get(5), 50);        // int converted to long long once
  EXPECT_TRUE(m.contains(short{5}));
  EXPECT_EQ(m.erase(5), 1u);
}

TEST(BtreeMap, CustomComparatorOrdersDescending) {
  bare::btree_map<int, int, bare::greater<int>, bare::global, 3> m;
  for (int k = 0; k < 50; ++k) ASSERT_TRUE(m.try_insert(k, k));
  std::vector<int> ks = keys(m);
  std::vector<int> want = iota_vec(0, 50);
  std::reverse(want.begin(), want.end());
  EXPECT_EQ(ks, want);
  EXPECT_EQ(m.lower_bound(10)->first, 10);
  EXPECT_EQ(m.upper_bound(10)->first, 9);
  EXPECT_BTREE_OK(m);
}

TEST(BtreeMap, Comparisons) {
  IM a = make_range_map<IM>(0, 40), b = make_range_map<IM>(0, 40);
  EXPECT_TRUE(a == b);
  EXPECT_TRUE((a <=> b) == 0);
  *b.get(20) = 0;
  EXPECT_FALSE(a == b);
  EXPECT_TRUE(a > b);  // 200 > 0 at key 20
  IM c = make_range_map<IM>(0, 41);
  EXPECT_TRUE(a < c);  // a prefix
  IM d = make_range_map<IM>(1, 40);
  EXPECT_TRUE(a < d);  // key 0 < key 1
  EXPECT_TRUE(IM() < a);
}

TEST(BtreeMap, CloneIsDeepAndCompact) {
  IM m = make_range_map<IM>(0, 300, 3);
  auto c = m.try_clone();
  ASSERT_TRUE(c);
  EXPECT_TRUE(*c == m);
  EXPECT_BTREE_OK(*c);
  *c->get(3) = -1;
  EXPECT_EQ(*m.get(3), 30);
  EXPECT_LE(c->height(), m.height());
  auto e = IM().try_clone();
  ASSERT_TRUE(e);
  EXPECT_TRUE(e->empty());
}

TEST(BtreeMap, FromSortedBuildsValidTreesOfEverySize) {
  for (int n = 0; n < 400; n += (n < 70 ? 1 : 17)) {
    std::vector<std::pair<int, int>> src;
    for (int k = 0; k < n; ++k) src.emplace_back(k, k * 10);
    auto a = IM::try_from_sorted(src.begin(), src.end());
    ASSERT_TRUE(a);
    EXPECT_BTREE_OK(*a);
    EXPECT_EQ(pairs(*a), expected_pairs(iota_vec(0, n))) << n;
    auto b = bare::btree_map<int, int, bare::less<int>, bare::global, 4>::try_from_sorted(src.begin(), src.end());
    ASSERT_TRUE(b);
    EXPECT_BTREE_OK(*b);
    EXPECT_EQ(b->size(), static_cast<std::size_t>(n));
    auto d = DM::try_from_sorted(src.data(), src.data() + src.size());
    ASSERT_TRUE(d);
    EXPECT_BTREE_OK(*d);
    EXPECT_EQ(d->size(), static_cast<std::size_t>(n));
  }
}

TEST(BtreeMap, FromSortedMovesFromMoveIteratorsAndTakesAnyPairLike) {
  std::vector<std::pair<int, move_only>> src;
  for (int k = 0; k < 30; ++k) src.emplace_back(k, move_only(k));
  auto m = bare::btree_map<int, move_only, bare::less<int>, bare::global, 3>::try_from_sorted(
      std::make_move_iterator(src.begin()), std::make_move_iterator(src.end()));
  ASSERT_TRUE(m);
  EXPECT_EQ(src[7].second.value(), moved_from);
  EXPECT_EQ(m->get(7)->value(), 7);
  // From another map's elements (kv_ref): copied.
  IM a = make_range_map<IM>(0, 20);
  auto b = DM::try_from_sorted(a.begin(), a.end());
  ASSERT_TRUE(b);
  EXPECT_EQ(pairs(*b), pairs(a));
}

TEST(BtreeMapDeathTest, FromSortedRejectsUnsortedInput) {
  panic_handler_guard g(exiting_panic_handler);
  std::vector<std::pair<int, int>> src{{1, 0}, {3, 0}, {2, 0}};
  EXPECT_EXIT((void)IM::try_from_sorted(src.begin(), src.end()), testing::ExitedWithCode(panic_exit),
              "not strictly increasing");
  std::vector<std::pair<int, int>> dup{{1, 0}, {1, 0}};
  EXPECT_EXIT((void)IM::try_from_sorted(dup.begin(), dup.end()), testing::ExitedWithCode(panic_exit),
              "not strictly increasing");
}

TEST(BtreeMap, SplitOffAtEveryKey) {
  for (int n : {0, 1, 3, 4, 17, 64, 101}) {
    for (int k = -1; k <= 2 * n + 1; ++k) {
      IM m = make_range_map<IM>(0, 2 * n, 2);
      auto right = m.try_split_off(k);
      ASSERT_TRUE(right);
      EXPECT_BTREE_OK(m);
      EXPECT_BTREE_OK(*right);
      std::vector<int> lk, rk;
      for (int x = 0; x < 2 * n; x += 2) (x < k ? lk : rk).push_back(x);
      EXPECT_EQ(keys(m), lk) << "n " << n << " k " << k;
      EXPECT_EQ(keys(*right), rk) << "n " << n << " k " << k;
      EXPECT_EQ(m.size(), lk.size());
      EXPECT_EQ(right->size(), rk.size());
      ASSERT_TRUE(m.try_append(*right));
      EXPECT_EQ(keys(m), iota_vec(0, 2 * n, 2));
      EXPECT_BTREE_OK(m);
    }
  }
}

TEST(BtreeMap, SplitOffAtEveryKeyOfRandomShapes) {
  bare_test::rng r(bare_test::test_seed());
  for (int round = 0; round < 40; ++round) {
    IM base;
    std::vector<int> ks;
    const int n = r.between(0, 300);
    for (int i = 0; i < n; ++i) {
      const int k = r.between(0, 1000);
      if (base.try_insert(k, k * 10)->inserted) ks.push_back(k);
    }
    std::sort(ks.begin(), ks.end());
    const int k = r.between(-1, 1001);
    auto right = base.try_split_off(k);
    ASSERT_TRUE(right);
    EXPECT_BTREE_OK(base);
    EXPECT_BTREE_OK(*right);
    const auto cut = std::lower_bound(ks.begin(), ks.end(), k);
    EXPECT_EQ(keys(base), std::vector<int>(ks.begin(), cut));
    EXPECT_EQ(keys(*right), std::vector<int>(cut, ks.end()));
  }
}

TEST(BtreeMap, AppendMergesAndTheAppendedValuesWin) {
  IM a = make_range_map<IM>(0, 100, 2);
  IM b;
  for (int k = 50; k < 150; k += 3) ASSERT_TRUE(b.try_insert(k, -k));
  ASSERT_TRUE(a.try_append(b));
  EXPECT_TRUE(b.empty());
  EXPECT_BTREE_OK(a);
  std::map<int, int> want;
  for (int k = 0; k < 100; k += 2) want[k] = k * 10;
  for (int k = 50; k < 150; k += 3) want[k] = -k;
  EXPECT_EQ(pairs(a), ipairs(want.begin(), want.end()));
  // Disjoint, either side; empty either side; itself.
  IM lo = make_range_map<IM>(0, 30), hi = make_range_map<IM>(30, 60);
  ASSERT_TRUE(hi.try_append(lo));
  EXPECT_EQ(keys(hi), iota_vec(0, 60));
  IM empty;
  ASSERT_TRUE(empty.try_append(hi));
  EXPECT_EQ(keys(empty), iota_vec(0, 60));
  EXPECT_TRUE(hi.empty());
  ASSERT_TRUE(empty.try_append(hi));
  ASSERT_TRUE(empty.try_append(empty));
  EXPECT_EQ(empty.size(), 60u);
  EXPECT_BTREE_OK(empty);
}

TEST(BtreeMap, AppendIntoAnEmptyMapAdoptsTheNodes) {
  IM a;
  IM b = make_range_map<IM>(0, 100);
  const auto before = global_heap_stats();
  ASSERT_TRUE(a.try_append(b));
  EXPECT_EQ(global_heap_stats().allocations, before.allocations);
  EXPECT_EQ(a.size(), 100u);
}

TEST(BtreeMap, ReserveMakesInsertsAllocationFree) {
  bare_test::rng r(bare_test::test_seed());
  for (int n : {0, 2, 20, 200}) {
    IM m = make_range_map<IM>(0, n);
    ASSERT_TRUE(m.try_reserve(12));
    EXPECT_EQ(m.spare_leaves(), 12u);
    EXPECT_EQ(m.spare_internals(), 12u * std::max<std::size_t>(m.height(), 1));
    const auto before = global_heap_stats();
    for (int i = 0; i < 12; ++i) {
      const int k = r.between(-10000, 10000);
      auto res = m.insert_within_capacity(k, k);
      ASSERT_TRUE(res) << "insert " << i;
    }
    EXPECT_EQ(global_heap_stats().allocations, before.allocations);
    EXPECT_BTREE_OK(m);
    m.shrink_to_fit();
    EXPECT_EQ(m.spare_leaves(), 0u);
    EXPECT_EQ(m.spare_internals(), 0u);
  }
}

TEST(BtreeMap, ReserveWorstCaseSequentialInsertsIntoAFullTree) {
  // Every insertion of a perfectly full tree splits up to the root; the reserve covers it.
  std::vector<std::pair<int, int>> src;
  for (int k = 0; k < 63; ++k) src.emplace_back(2 * k, 0);
  auto m = IM::try_from_sorted(src.begin(), src.end());
  ASSERT_TRUE(m);
  ASSERT_EQ(m->height(), 3u);
  ASSERT_TRUE(m->try_reserve(30));
  for (int k = 1; k < 60; k += 2) ASSERT_TRUE(m->insert_within_capacity(k, k)) << k;
  EXPECT_BTREE_OK(*m);
}

TEST(BtreeMap, ReserveOverflowIsAnErrorNotAnAttempt) {
  IM m = make_range_map<IM>(0, 50);
  const auto before = global_heap_stats();
  auto r = m.try_reserve(SIZE_MAX / 2);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, bare::alloc_errc::capacity_overflow);
  EXPECT_EQ(global_heap_stats().allocations, before.allocations);
  EXPECT_EQ(m.spare_leaves(), 0u);
}

TEST(BtreeMap, InsertWithinCapacity) {
  IM m;
  auto r = m.insert_within_capacity(1, 1);  // the first leaf needs a node
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, bare::alloc_errc::full);
  ASSERT_TRUE(m.try_insert(1, 1));
  ASSERT_TRUE(m.insert_within_capacity(2, 2));  // room in the leaf
  ASSERT_TRUE(m.insert_within_capacity(3, 3));
  auto full = m.insert_within_capacity(4, 4);  // the root leaf would split
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().kind, bare::alloc_errc::full);
  EXPECT_EQ(keys(m), (std::vector<int>{1, 2, 3}));
  auto present = m.insert_within_capacity(2, 9);  // present: no room needed
  ASSERT_TRUE(present);
  EXPECT_FALSE(present->inserted);
}

TEST(BtreeMap, ClearKeepsTheSpareNodes) {
  IM m = make_range_map<IM>(0, 50);
  ASSERT_TRUE(m.try_reserve(2));
  m.clear();
  EXPECT_TRUE(m.empty());
  EXPECT_EQ(m.spare_leaves(), 2u);
  EXPECT_BTREE_OK(m);
  ASSERT_TRUE(m.insert_within_capacity(1, 1));
}

TEST(BtreeMap, SwapAndMove) {
  IM a = make_range_map<IM>(0, 10), b = make_range_map<IM>(100, 130);
  a.swap(b);
  EXPECT_EQ(a.size(), 30u);
  EXPECT_EQ(b.size(), 10u);
  swap(a, b);
  EXPECT_EQ(a.size(), 10u);
  IM c = std::move(a);
  EXPECT_TRUE(a.empty());
  EXPECT_EQ(c.size(), 10u);
  c = std::move(b);
  EXPECT_EQ(c.size(), 30u);
  EXPECT_BTREE_OK(c);
}

TEST(BtreeMap, StatefulAllocatorIsUsedForEveryNode) {
  recording rec;
  {
    small_map<int, int, recording_ref> m{recording_ref(rec)};
    for (int k = 0; k < 100; ++k) ASSERT_TRUE(m.try_insert(k, k));
    EXPECT_GT(rec.live, 10);
    auto right = m.try_split_off(50);
    ASSERT_TRUE(right);
    auto c = m.try_clone();
    ASSERT_TRUE(c);
  }
  EXPECT_EQ(rec.live, 0);
  for (const alloc_call& c : rec.calls) {
    EXPECT_TRUE(c.what == alloc_call_kind::allocate || c.what == alloc_call_kind::deallocate);
  }
}

#if BARE_OOM_HANDLING
TEST(BtreeMapInfallible, InsertEmplaceIndexAssign) {
  IM m;
  EXPECT_TRUE(m.insert(1, 10).inserted);
  EXPECT_FALSE(m.insert(1, 11).inserted);
  EXPECT_TRUE(m.emplace(2, 20).inserted);
  EXPECT_FALSE(m.insert_or_assign(2, 21).inserted);
  m[3] = 30;
  m[3] += 1;
  EXPECT_EQ(m[4], 0);
  const int five = 5;
  m[five] = 50;
  EXPECT_EQ(pairs(m), (ipairs{{1, 10}, {2, 21}, {3, 31}, {4, 0}, {5, 50}}));
  m.reserve(3);
  EXPECT_EQ(m.spare_leaves(), 3u);
}

TEST(BtreeMapInfallible, ListCloneFromSortedSplitAppend) {
  IM m{{3, 30}, {1, 10}, {2, 20}, {1, 99}};
  EXPECT_EQ(pairs(m), (ipairs{{1, 10}, {2, 20}, {3, 30}}));  // the first of equal keys wins
  IM c = m.clone();
  EXPECT_TRUE(c == m);
  std::vector<std::pair<int, int>> src{{1, 1}, {5, 5}};
  IM f = IM::from_sorted(src.begin(), src.end());
  EXPECT_EQ(f.size(), 2u);
  IM tail = c.split_off(2);
  EXPECT_EQ(keys(tail), (std::vector<int>{2, 3}));
  c.append(tail);
  EXPECT_TRUE(c == m);
}

TEST(BtreeMapInfallible, EntryAndCursor) {
  IM m;
  m.entry(1).or_insert(10) += 1;
  EXPECT_EQ(m.entry(2).or_insert_with([] { return 20; }), 20);
  EXPECT_EQ(m.entry(3).or_default(), 0);
  m.entry(3).insert(33);
  EXPECT_EQ(pairs(m), (ipairs{{1, 11}, {2, 20}, {3, 33}}));
  auto c = m.upper_bound_cursor(bare::unbounded);
  c.insert_before(4, 40);
  c.insert_after(5, 50);
  EXPECT_EQ(keys(m), (std::vector<int>{1, 2, 3, 4, 5}));
}

TEST(BtreeMapInfallibleDeathTest, FailureCallsTheHandler) {
  alloc_error_handler_guard g(exiting_alloc_error_handler);
  bare::btree_map<int, int, bare::less<int>, always_fails> m;
  EXPECT_EXIT(m.insert(1, 1), testing::ExitedWithCode(alloc_error_exit), "out of memory");
  EXPECT_EXIT(m[1] = 1, testing::ExitedWithCode(alloc_error_exit), "out of memory");
}
#endif

// A trivially copyable value without a copy constructor is moved out by remove.
TEST(BtreeMap, RemoveMovesATriviallyCopyableMoveOnlyValue) {
  small_map<int, trivial_move_only> m;
  for (int i = 0; i < 40; ++i) ASSERT_TRUE(m.try_insert(i, trivial_move_only(i * 10)));
  EXPECT_EQ(m.remove(17)->v, 170);
  EXPECT_FALSE(m.remove(17));
  EXPECT_EQ(m.size(), 39u);
  EXPECT_TRUE(m.check()) << m.check().problem;
}

}  // namespace
