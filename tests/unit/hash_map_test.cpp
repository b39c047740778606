// hash_map: the API, one behaviour per test. Allocating operations go through the try_ API,
// so this file runs in the BARE_NO_GLOBAL_OOM_HANDLING build too; the infallible twins are
// tested at the end, under BARE_OOM_HANDLING. The runner checks after every test that the
// global heap and the counted / move_only counters balance.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <iterator>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bare/alloc/allocator.hpp"
#include "bare/string.hpp"
#include "support/death.hpp"
#include "unit/hash_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT
using u64 = std::uint64_t;
using IM = bare::hash_map<int, int, bare::fixed_seed_hasher>;
using DM = bare::hash_map<int, int>;  // default_hasher (BARE_HASH_SEED of support/global_heap.cpp)

IM make_im(int n, int mul = 1) {
  IM m;
  for (int i = 0; i < n; ++i)
    if (!m.try_insert(i * mul, i * 10)) ADD_FAILURE() << "allocation failed";
  return m;
}

TEST(HashMap, EmptyAllocatesNothingAndAnswersEverything) {
  const auto before = global_heap_stats();
  {
    DM m;
    EXPECT_TRUE(m.empty());
    EXPECT_EQ(m.size(), 0u);
    EXPECT_EQ(m.capacity(), 0u);
    EXPECT_EQ(m.slot_count(), 0u);
    EXPECT_TRUE(m.begin() == m.end());
    EXPECT_TRUE(m.find(1) == m.end());
    EXPECT_EQ(m.get(1), nullptr);
    EXPECT_FALSE(m.contains(1));
    EXPECT_EQ(m.erase(1), 0u);
    EXPECT_FALSE(m.remove(1).has_value());
    EXPECT_HASH_OK(m);
    m.clear();
    m.retain([](const int&, int&) { return false; });
    for (auto e : m.drain()) ADD_FAILURE() << e.first;
    ASSERT_TRUE(m.try_shrink_to_fit());
    DM w = std::move(m);
    EXPECT_TRUE(w.empty());
    auto c = w.try_clone();
    ASSERT_TRUE(c);
    EXPECT_TRUE(*c == w);
  }
  EXPECT_EQ(global_heap_stats().allocations, before.allocations);
  // Five words, plus the default hasher's two (its keys); stateless key_equal and allocator
  // take no room.
  EXPECT_EQ(sizeof(DM), 5 * sizeof(void*) + 16);
  EXPECT_EQ(sizeof(bare::hash_map<int, int, std::hash<int>>), 5 * sizeof(void*));
  EXPECT_TRUE(bare::is_trivially_relocatable_v<DM>);
}

TEST(HashMap, InsertFindEraseAgainstStd) {
  IM m;
  std::unordered_map<int, int> model;
  rng r(test_seed());
  for (int i = 0; i < 20000; ++i) {
    const int k = r.between(-3000, 3000);
    switch (r.below(4)) {
      case 0:
      case 1: {
        auto res = m.try_insert(k, i);
        ASSERT_TRUE(res);
        EXPECT_EQ(res->inserted, model.emplace(k, i).second);
        EXPECT_EQ(res->position->first, k);
        EXPECT_EQ(res->position->second, model.at(k));
        break;
      }
      case 2:
        EXPECT_EQ(m.erase(k), model.erase(k));
        break;
      default: {
        const int* v = m.get(k);
        auto it = model.find(k);
        ASSERT_EQ(v != nullptr, it != model.end());
        if (v) {
          EXPECT_EQ(*v, it->second);
        }
      }
    }
  }
  EXPECT_HASH_OK(m);
  EXPECT_EQ(sorted_pairs(m), sorted_pairs(std::map<int, int>(model.begin(), model.end())));
}

TEST(HashMap, InsertDoesNotOverwriteInsertOrAssignDoes) {
  IM m;
  ASSERT_TRUE(m.try_insert(1, 10));
  auto r = m.try_insert(1, 20);
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->inserted);
  EXPECT_EQ(*m.get(1), 10);
  auto a = m.try_insert_or_assign(1, 30);
  ASSERT_TRUE(a);
  EXPECT_FALSE(a->inserted);
  EXPECT_EQ(a->position->second, 30);
  auto b = m.try_insert_or_assign(2, 40);
  ASSERT_TRUE(b && b->inserted);
  EXPECT_EQ(m.size(), 2u);
  EXPECT_HASH_OK(m);
}

TEST(HashMap, TryEmplaceConstructsOnlyWhenAbsent) {
  bare::hash_map<int, counted, bare::fixed_seed_hasher> m;
  ASSERT_TRUE(m.try_emplace(1, 7));
  const long live = counted::live;
  auto r = m.try_emplace(1, 8);  // present: no counted is made
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->inserted);
  EXPECT_EQ(counted::live, live);
  EXPECT_EQ(m.get(1)->value(), 7);
  // Move-only keys and values.
  bare::hash_map<move_only, move_only, bare::fixed_seed_hasher> mm;
  move_only k(5), v(6);
  ASSERT_TRUE(mm.try_insert(std::move(k), std::move(v)));
  EXPECT_EQ(mm.get(move_only(5))->value(), 6);
  move_only k2(5), v2(9);
  auto r2 = mm.try_insert(std::move(k2), std::move(v2));
  ASSERT_TRUE(r2);
  EXPECT_FALSE(r2->inserted);
  EXPECT_EQ(v2.value(), 9);  // not consumed: nothing was inserted
}

TEST(HashMap, AtGetContainsCount) {
  IM m = make_im(100);
  EXPECT_EQ(m.at(42), 420);
  m.at(42) = 1;
  EXPECT_EQ(*m.get(42), 1);
  const IM& cm = m;
  EXPECT_EQ(cm.at(42), 1);
  EXPECT_EQ(*cm.get(41), 410);
  EXPECT_EQ(cm.get(100), nullptr);
  EXPECT_TRUE(cm.contains(0));
  EXPECT_EQ(cm.count(99), 1u);
  EXPECT_EQ(cm.count(-1), 0u);
  EXPECT_EQ(cm.find(7)->second, 70);
  EXPECT_TRUE(cm.find(700) == cm.end());
}

TEST(HashMap, AtPanicsOnMissingKey) {
  IM m = make_im(3);
  panic_handler_guard g(exiting_panic_handler);
  const unsigned line = __LINE__ + 1;
  auto call = [&] { (void)m.at(9); };
  EXPECT_EXIT(call(), testing::ExitedWithCode(panic_exit), panic_regex("key not found", __FILE__, line));
}

TEST(HashMap, IterationVisitsEachElementOnce) {
  for (int n : {0, 1, 13, 14, 15, 100, 1000}) {
    IM m = make_im(n, 3);
    std::vector<int> keys;
    for (auto [k, v] : m) {
      EXPECT_EQ(v, k / 3 * 10);
      keys.push_back(k);
    }
    std::sort(keys.begin(), keys.end());
    ASSERT_EQ(keys.size(), static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) EXPECT_EQ(keys[static_cast<std::size_t>(i)], i * 3);
    EXPECT_EQ(static_cast<std::size_t>(std::distance(m.begin(), m.end())), m.size());
  }
  // Values are mutable through iterators, keys are not.
  IM m = make_im(50);
  for (auto [k, v] : m) v = -k;
  for (auto it = m.cbegin(); it != m.cend(); ++it) EXPECT_EQ(it->second, -it->first);
  static_assert(std::is_same_v<decltype((*m.begin()).first), const int&>);
  static_assert(std::is_same_v<decltype((*m.cbegin()).second), const int&>);
  static_assert(std::forward_iterator<IM::iterator>);
  static_assert(std::forward_iterator<IM::const_iterator>);
}

TEST(HashMap, EraseWhileIterating) {
  IM m = make_im(2000);
  for (auto it = m.begin(); it != m.end();) {
    if (it->second % 20 == 10) m.erase(it++);
    else ++it;
  }
  EXPECT_EQ(m.size(), 1000u);
  for (auto [k, v] : m) EXPECT_EQ(k % 2, 0);
  EXPECT_HASH_OK(m);
  auto it = m.find(10);
  ASSERT_TRUE(it != m.end());
  m.erase(it);
  EXPECT_FALSE(m.contains(10));
  EXPECT_EQ(m.size(), 999u);
}

TEST(HashMap, RemoveAndRemoveEntryHandTheElementOut) {
  bare::hash_map<int, move_only, bare::fixed_seed_hasher> m;
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(m.try_insert(i, move_only(i + 100)));
  auto v = m.remove(3);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->value(), 103);
  auto e = m.remove_entry(4);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->first, 4);
  EXPECT_EQ(e->second.value(), 104);
  EXPECT_FALSE(m.remove(3));
  EXPECT_EQ(m.size(), 18u);
  EXPECT_HASH_OK(m);
}

TEST(HashMap, RetainExtractIfDrain) {
  IM m = make_im(300);
  m.retain([](const int& k, int& v) {
    v += 1;
    return k % 3 != 0;
  });
  EXPECT_EQ(m.size(), 200u);
  for (auto [k, v] : m) EXPECT_TRUE(k % 3 != 0 && v == k * 10 + 1);
  EXPECT_HASH_OK(m);
  // extract_if: take five of the multiples of 5, then stop; the rest stay.
  std::vector<int> taken;
  {
    auto x = m.extract_if([](const int& k, int&) { return k % 5 == 0; });
    for (auto it = x.begin(); it != x.end(); ++it) {
      EXPECT_EQ(it->first % 5, 0);
      taken.push_back(it->first);
      if (taken.size() == 5) break;
    }
  }
  EXPECT_EQ(taken.size(), 5u);
  EXPECT_EQ(m.size(), 195u);
  for (int k : taken) EXPECT_FALSE(m.contains(k));
  // A complete extract_if removes every match.
  int n = 0;
  for (auto& kv : m.extract_if([](const int& k, int&) { return k % 5 == 0; })) n += kv.first % 5 == 0;
  EXPECT_EQ(n, 40 - 5);  // multiples of 5 but not of 3 in [0, 300): 40, less the 5 taken
  EXPECT_HASH_OK(m);
  // drain: partial visit, then everything is gone; the capacity stays.
  const std::size_t cap = m.capacity();
  int drained = 0;
  {
    auto d = m.drain();
    for (auto it = d.begin(); it != d.end() && drained < 10; ++it) ++drained;
  }
  EXPECT_EQ(drained, 10);
  EXPECT_TRUE(m.empty());
  EXPECT_EQ(m.capacity(), cap);
  EXPECT_HASH_OK(m);
  ASSERT_TRUE(m.try_insert(1, 1));
  EXPECT_EQ(m.size(), 1u);
}

TEST(HashMap, EntryApi) {
  IM m;
  for (int i = 0; i < 50; ++i) {
    auto r = m.entry(i % 10).try_or_insert(0);
    ASSERT_TRUE(r);
    *r += 1;
  }
  EXPECT_EQ(m.size(), 10u);
  EXPECT_EQ(*m.get(3), 5);
  int calls = 0;
  auto e = m.entry(3);
  EXPECT_TRUE(e.is_occupied());
  EXPECT_EQ(e.key(), 3);
  EXPECT_EQ(*e.get(), 5);
  EXPECT_EQ(*e.try_or_insert_with([&] { return ++calls; }), 5);
  EXPECT_EQ(calls, 0);
  auto v = m.entry(11);
  EXPECT_TRUE(v.is_vacant());
  EXPECT_EQ(v.get(), nullptr);
  EXPECT_EQ(v.key(), 11);
  EXPECT_EQ(*v.try_or_insert_with([&] { return ++calls; }), 1);
  EXPECT_TRUE(v.is_occupied());
  EXPECT_EQ(*std::move(m.entry(11)).and_modify([](int& x) { x *= 7; }).try_or_default(), 7);
  EXPECT_EQ(*std::move(m.entry(12)).and_modify([](int& x) { x *= 7; }).try_or_default(), 0);
  EXPECT_EQ(*m.entry(12).try_insert(9), 9);
  EXPECT_EQ(*m.entry(12).try_insert(10), 10);
  auto gone = m.entry(12).remove();
  ASSERT_TRUE(gone);
  EXPECT_EQ(*gone, 10);
  EXPECT_FALSE(m.contains(12));
  EXPECT_FALSE(m.entry(12).remove());
  EXPECT_HASH_OK(m);
  // An entry inserting past the load budget grows the table (and keeps its key).
  IM g;
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(g.entry(i).try_or_insert(i));
  EXPECT_EQ(g.size(), 1000u);
  EXPECT_EQ(*g.get(999), 999);
  EXPECT_HASH_OK(g);
}

TEST(HashMap, HeterogeneousLookupWithStrAndConversions) {
  using SM = bare::hash_map<bare::string<>, int, bare::fixed_seed_hasher>;
  SM m;
  for (int i = 0; i < 100; ++i) {
    auto s = bare::string<>::try_from(bare::str::from_utf8_unchecked("key-", 4));
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->try_append(bare::str::from_utf8_unchecked(std::to_string(i).c_str(), std::to_string(i).size())));
    ASSERT_TRUE(m.try_insert(std::move(*s), i));
  }
  // Lookups by str make no string: no allocation.
  const auto before = global_heap_stats().allocations;
  EXPECT_EQ(*m.get(bare::str("key-42")), 42);
  EXPECT_TRUE(m.contains(bare::str("key-0")));
  EXPECT_FALSE(m.contains(bare::str("key-100")));
  EXPECT_EQ(m.erase(bare::str("key-7")), 1u);
  EXPECT_EQ(global_heap_stats().allocations, before);
  // str and string hash alike.
  bare::fixed_seed_hasher h;
  auto s = bare::string<>::try_from(bare::str("abc"));
  ASSERT_TRUE(s);
  EXPECT_EQ(h(*s), h(bare::str("abc")));
  // Integer keys looked up by another integer type: converted (their families differ).
  bare::hash_map<u64, int, bare::fixed_seed_hasher> um;
  ASSERT_TRUE(um.try_insert(5, 1));
  EXPECT_TRUE(um.contains(5));     // int -> u64
  EXPECT_TRUE(um.contains(5u));    // unsigned -> u64
  EXPECT_FALSE(um.contains(-1));   // converted to 2^64 - 1, absent
  static_assert(!bare::detail::hash::direct_lookup<int, u64, bare::fixed_seed_hasher, bare::equal_to<>>);
  static_assert(bare::detail::hash::direct_lookup<bare::str, bare::string<>, bare::fixed_seed_hasher, bare::equal_to<>>);
  // A pointer is not a string: no lookup of a string map by const char*.
  static_assert(!bare::detail::hash::lookup_arg<const char*, bare::string<>, bare::fixed_seed_hasher, bare::equal_to<>>);
}

TEST(HashMap, ReserveMakesTheNextInsertionsAllocationFree) {
  recording rec;
  bare::hash_map<int, int, bare::fixed_seed_hasher, bare::equal_to<>, recording_ref> m{bare::fixed_seed_hasher(), {}, recording_ref(rec)};
  ASSERT_TRUE(m.try_reserve(1000));
  EXPECT_GE(m.growth_left(), 1000u);
  EXPECT_GE(m.capacity(), 1000u);
  const std::size_t calls = rec.calls.size();
  // 1000 insertions with 1500 erasures of other keys mixed in: never an allocation.
  rng r(test_seed());
  int inserted = 0;
  for (int i = 0; inserted < 1000; ++i) {
    if (r.chance(60)) {
      ASSERT_TRUE(m.insert_within_capacity(i, i)) << "insertion " << inserted;
      ++inserted;
    } else if (!m.empty()) {
      m.erase(m.begin());
    }
  }
  EXPECT_EQ(rec.calls.size(), calls);
  EXPECT_HASH_OK(m);
}

TEST(HashMap, InsertWithinCapacityReportsFull) {
  IM m;
  auto none = m.insert_within_capacity(1, 1);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().kind, bare::alloc_errc::full);
  ASSERT_TRUE(m.try_reserve(20));
  const std::size_t cap = m.capacity();
  for (std::size_t i = 0; i < cap; ++i) ASSERT_TRUE(m.insert_within_capacity(static_cast<int>(i), 0));
  auto full = m.insert_within_capacity(-1, 0);
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().kind, bare::alloc_errc::full);
  EXPECT_EQ(m.size(), cap);
  // Present keys are found, not refused.
  auto present = m.insert_within_capacity(0, 5);
  ASSERT_TRUE(present);
  EXPECT_FALSE(present->inserted);
  EXPECT_HASH_OK(m);
}

TEST(HashMap, ChurnRehashesInPlaceAndKeepsCapacity) {
  // Insert/erase churn at a steady size: stale overflow bits eat the growth budget; the table
  // rehashes in place (no allocation) instead of growing, and lookups stay exact.
  recording rec;
  using RM = bare::hash_map<u64, u64, bare::fixed_seed_hasher, bare::equal_to<>, recording_ref>;
  RM m{bare::fixed_seed_hasher(), {}, recording_ref(rec)};
  ASSERT_TRUE(m.try_reserve(3000));
  const std::size_t cap = m.capacity();
  std::vector<u64> live;
  rng r(test_seed());
  for (int i = 0; i < 1500; ++i) {
    live.push_back(r.next());
    ASSERT_TRUE(m.try_insert(live.back(), 1));
  }
  const std::size_t allocs = rec.count(recording::kind::allocate);
  for (int i = 0; i < 200000; ++i) {
    const std::size_t j = r.below(live.size());
    ASSERT_EQ(m.erase(live[j]), 1u);
    live[j] = r.next();
    ASSERT_TRUE(m.try_insert(live[j], 2));
  }
  EXPECT_EQ(m.capacity(), cap);
  EXPECT_EQ(rec.count(recording::kind::allocate), allocs);
  EXPECT_EQ(m.size(), 1500u);
  for (u64 k : live) ASSERT_TRUE(m.contains(k));
  EXPECT_HASH_OK(m);
}

TEST(HashMap, GrowthKeepsLoadAtMostSevenEighths) {
  IM m;
  std::size_t last_cap = 0, grows = 0;
  for (int i = 0; i < 50000; ++i) {
    ASSERT_TRUE(m.try_insert(i, i));
    ASSERT_LE(m.size(), m.capacity());
    ASSERT_LE(m.capacity() * 8, m.slot_count() * 7 + 8);
    if (m.capacity() != last_cap) {
      if (last_cap != 0) {
        EXPECT_GE(m.capacity(), 2 * last_cap - 1);
      }
      last_cap = m.capacity();
      ++grows;
    }
  }
  EXPECT_GE(grows, 10u);
  EXPECT_HASH_OK(m);
  // 15 slots per group of 16 control bytes: 6 * 10^6 u64 -> u64 take 2^19 groups,
  // 256 bytes each: 22.4 bytes per element (the memory goal of issue 7).
  using L = bare::detail::hash::block_layout;
  const std::size_t g = bare::detail::hash::groups_for(6000000, bare::layout_of<bare::detail::hash::kv_slot<u64, u64>>);
  EXPECT_EQ(g, std::size_t(1) << 19);
  L bl{};
  ASSERT_TRUE(bare::detail::hash::block_layout_for(g, bare::layout_of<bare::detail::hash::kv_slot<u64, u64>>, &bl));
  EXPECT_LE(static_cast<double>(bl.whole.size) / 6e6, 22.5);
}

// Home groups are the hash's low bits: these keys all have their home among the first M
// groups of any table, whatever its size, so homes overflow, most elements sit displaced, and
// a doubling finds home groups full and groups filled by other homes' overflow.
template <unsigned M>
struct crowded_hasher {
  using is_avalanching = void;
  std::uint64_t operator()(int k) const noexcept {
    const std::uint64_t mixed = bare::fixed_seed_hasher()(static_cast<u64>(k));
    return (mixed & ~std::uint64_t{0xFFFFF}) | static_cast<std::uint64_t>(k) % M;
  }
};

template <unsigned M>
void grow_crowded() {
  bare::hash_map<int, counted, crowded_hasher<M>> m;
  std::size_t last_cap = 0, grows = 0;
  for (int i = 0; i < 2500; ++i) {
    ASSERT_TRUE(m.try_emplace(i, i * 3));
    if (m.capacity() != last_cap) {  // it allocated or doubled: every element moved
      last_cap = m.capacity();
      ++grows;
      EXPECT_HASH_OK(m);
      ASSERT_EQ(m.size(), static_cast<std::size_t>(i) + 1);
      for (int k = 0; k <= i; ++k) ASSERT_EQ(m.get(k)->value(), k * 3) << "key " << k << " after growth to " << last_cap;
    }
  }
  EXPECT_GE(grows, 6u);
  EXPECT_EQ(counted::live, static_cast<long>(m.size()));
  EXPECT_EQ(counted::errors, 0);
}

TEST(HashMap, DoublingWithCrowdedHomesKeepsEveryElement) {
  // Every element but the first few displaced, home groups full.
  grow_crowded<3>();
  // At 128 groups and more (about 20 keys per home), homes overflow into their neighbours.
  // Only lower destination groups are homes here; DoublingIntoAGroupBeingFilledFromRegisters
  // covers the upper ones.
  grow_crowded<64>();
  EXPECT_EQ(counted::live, 0);
}

// Keys with chosen home groups (low hash bits): k < 16 home 4 + B, k < 20 home 5 + B, then 14
// keys for each of the homes 0, 1, 2, 3, 6, 7, and home 8 for the rest (keys 104, 105).
template <unsigned B>
struct chosen_home_hasher {
  using is_avalanching = void;
  std::uint64_t operator()(int k) const noexcept {
    static constexpr unsigned others[] = {0, 1, 2, 3, 6, 7, 8};
    const unsigned home = k < 16 ? 4 + B : k < 20 ? 5 + B : others[(k - 20) / 14];
    return (bare::fixed_seed_hasher()(static_cast<u64>(k)) & ~std::uint64_t{0xFFFFF}) | home;
  }
};

// A doubling from 8 to 16 groups where, while it moves old group 5, the first element it meets
// (the 16th of home 4 + B, displaced there) overflows from its full home into the group that
// the next elements (home 5 + B) are then placed in from registers: with B = 0 the lower of the
// two groups old group 5 splits into, with B = 8 the upper one.
template <unsigned B>
void doubling_into_a_group_being_filled() {
  bare::hash_map<int, int, chosen_home_hasher<B>> m;
  ASSERT_TRUE(m.try_reserve(100));
  const std::size_t cap = m.capacity();
  ASSERT_EQ(m.slot_count(), 8u * 15 - 1);
  for (int k = 0; k < 105; ++k) ASSERT_TRUE(m.try_insert(k, -k));
  ASSERT_EQ(m.capacity(), cap);  // full at 8 groups: the next insertion doubles
  ASSERT_EQ(m.size(), cap);
  ASSERT_TRUE(m.try_insert(105, -105));
  ASSERT_EQ(m.slot_count(), 16u * 15 - 1);
  EXPECT_HASH_OK(m);
  for (int k = 0; k <= 105; ++k) ASSERT_EQ(*m.get(k), -k) << "key " << k;
}

TEST(HashMap, DoublingIntoAGroupBeingFilledFromRegisters) {
  doubling_into_a_group_being_filled<0>();
  doubling_into_a_group_being_filled<8>();
}

TEST(HashMap, RehashAndShrinkToFit) {
  IM m = make_im(5000);
  for (int i = 0; i < 5000; i += 2) m.erase(i);
  const std::size_t cap = m.capacity();
  ASSERT_TRUE(m.try_shrink_to_fit());
  EXPECT_LT(m.capacity(), cap);
  EXPECT_GE(m.capacity(), 2500u);
  EXPECT_EQ(m.size(), 2500u);
  EXPECT_HASH_OK(m);
  for (int i = 1; i < 5000; i += 2) ASSERT_EQ(*m.get(i), i * 10);
  ASSERT_TRUE(m.try_rehash(20000));
  EXPECT_GE(m.capacity(), 20000u);
  EXPECT_HASH_OK(m);
  const std::size_t big = m.capacity();
  ASSERT_TRUE(m.try_rehash(0));  // back to the smallest block for 2500 elements
  EXPECT_LT(m.capacity(), big);
  EXPECT_HASH_OK(m);
  m.clear();
  const auto blocks = global_heap_stats().live_blocks;
  ASSERT_TRUE(m.try_shrink_to_fit());
  EXPECT_EQ(m.capacity(), 0u);
  EXPECT_EQ(global_heap_stats().live_blocks, blocks - 1);
}

TEST(HashMap, CapacityOverflowIsAnError) {
  IM m;
  auto r = m.try_reserve(SIZE_MAX);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, bare::alloc_errc::capacity_overflow);
  auto r2 = m.try_reserve(SIZE_MAX / 4);
  ASSERT_FALSE(r2);
  EXPECT_EQ(r2.error().kind, bare::alloc_errc::capacity_overflow);
  EXPECT_EQ(m.capacity(), 0u);
}

TEST(HashMap, CloneKeepsContentsCapacityAndOrder) {
  IM m = make_im(777, 5);
  for (int i = 0; i < 777 * 5; i += 15) m.erase(i);
  auto c = m.try_clone();
  ASSERT_TRUE(c);
  EXPECT_TRUE(*c == m);
  EXPECT_EQ(c->capacity(), m.capacity());
  EXPECT_EQ(order_of(*c), order_of(m));
  EXPECT_HASH_OK(*c);
  // Values whose clones allocate (bare::string): cloned through try_clone.
  bare::hash_map<int, bare::string<>, bare::fixed_seed_hasher> sm;
  for (int i = 0; i < 40; ++i) {
    auto s = bare::string<>::try_from(bare::str("value"));
    ASSERT_TRUE(s);
    ASSERT_TRUE(sm.try_insert(i, std::move(*s)));
  }
  auto sc = sm.try_clone();
  ASSERT_TRUE(sc);
  EXPECT_TRUE(*sc == sm);
  EXPECT_NE(sc->get(3)->data(), sm.get(3)->data());
}

TEST(HashMap, EqualityIgnoresOrderAndCapacity) {
  IM a, b;
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(a.try_insert(i, i));
  ASSERT_TRUE(b.try_reserve(5000));
  for (int i = 99; i >= 0; --i) ASSERT_TRUE(b.try_insert(i, i));
  EXPECT_TRUE(a == b);
  *b.get(50) = -1;
  EXPECT_FALSE(a == b);
  b.erase(50);
  EXPECT_FALSE(a == b);
  ASSERT_TRUE(b.try_insert(51 + 1000, 0));
  EXPECT_FALSE(a == b);
}

TEST(HashMap, SwapAndMove) {
  IM a = make_im(10), b = make_im(3);
  swap(a, b);
  EXPECT_EQ(a.size(), 3u);
  EXPECT_EQ(b.size(), 10u);
  IM c = std::move(b);
  EXPECT_EQ(c.size(), 10u);
  EXPECT_TRUE(b.empty());  // NOLINT: moved-from is empty
  EXPECT_HASH_OK(b);
  ASSERT_TRUE(b.try_insert(1, 1));  // and usable
  c = std::move(a);
  EXPECT_EQ(c.size(), 3u);
  EXPECT_HASH_OK(c);
}

TEST(HashMap, AdversarialKeysAllInOneGroupStayCorrect) {
  bare::hash_map<int, int, constant_hasher> m;
  std::map<int, int> model;
  rng r(test_seed());
  for (int i = 0; i < 3000; ++i) {
    const int k = r.between(0, 500);
    if (r.chance(60)) {
      ASSERT_TRUE(m.try_insert(k, i));
      model.emplace(k, i);
    } else {
      EXPECT_EQ(m.erase(k), model.erase(k));
    }
  }
  EXPECT_HASH_OK(m);
  EXPECT_EQ(sorted_pairs(m), sorted_pairs(model));
  for (int k = 0; k <= 500; ++k) EXPECT_EQ(m.contains(k), model.count(k) == 1);
}

TEST(HashMap, IdentityAndLowBitHashesAreMixed) {
  // libstdc++'s std::hash<u64> is the identity: keys differing only in high bits would all
  // land in group 0 without mixing.
  bare::hash_map<u64, int, std::hash<u64>> m;
  for (u64 i = 0; i < 20000; ++i) ASSERT_TRUE(m.try_insert(i << 40, 1));
  EXPECT_HASH_OK(m);
  EXPECT_EQ(m.size(), 20000u);
  // Mixed, those keys spread over the groups like random ones: with 20000 keys in 2048 groups
  // (about 10 each), no group gets more than 40.
  std::vector<int> per_group(2048);
  for (u64 i = 0; i < 20000; ++i) {
    const std::size_t h = bare::detail::hash::table_hash<std::hash<u64>>(std::hash<u64>{}(i << 40));
    ++per_group[h & 2047];
  }
  EXPECT_LE(*std::max_element(per_group.begin(), per_group.end()), 40);
  for (u64 i = 0; i < 20000; ++i) ASSERT_TRUE(m.contains(i << 40));
  bare::hash_map<u64, int, identity_hasher> im;
  for (u64 i = 0; i < 5000; ++i) ASSERT_TRUE(im.try_insert(i * 4096, 1));
  EXPECT_HASH_OK(im);
}

TEST(HashMap, ArgumentsInsideTheMapSurviveTheRehash) {
  // The value to insert is another element of the map, and the insertion must grow: the
  // copy is made before the elements move (ASan would see a use after free otherwise).
  bare::hash_map<int, std::string, bare::fixed_seed_hasher> m;
  ASSERT_TRUE(m.try_insert(0, std::string("a value long enough to live on the heap")));
  for (int i = 1; m.growth_left() != 0; ++i) ASSERT_TRUE(m.try_insert(i, *m.get(0)));
  const std::size_t cap = m.capacity();
  auto r = m.try_insert_or_assign(-1, *m.get(0));
  ASSERT_TRUE(r);
  EXPECT_GT(m.capacity(), cap);
  EXPECT_EQ(*m.get(-1), *m.get(0));
  for (int i = -2; m.growth_left() != 0; --i) ASSERT_TRUE(m.try_emplace(i, *m.get(0)));
  ASSERT_TRUE(m.try_emplace(-100000, *m.get(0)));
  EXPECT_EQ(*m.get(-100000), *m.get(0));
  EXPECT_HASH_OK(m);
}

TEST(HashMap, FixedSeedOrderIsReproducibleAndSeedsDiffer) {
  auto build = [](bare::fixed_seed_hasher h) {
    bare::hash_map<int, int, bare::fixed_seed_hasher> m(h);
    for (int i = 0; i < 500; ++i)
      if (!m.try_insert(i * 7, i)) ADD_FAILURE();
    for (int i = 0; i < 500; i += 3) m.erase(i * 7);
    return order_of(m);
  };
  EXPECT_EQ(build(bare::fixed_seed_hasher()), build(bare::fixed_seed_hasher()));
  EXPECT_NE(build(bare::fixed_seed_hasher(1)), build(bare::fixed_seed_hasher(2)));
  // default_hasher is the same function keyed by the program's BARE_HASH_SEED.
  EXPECT_TRUE(bare::default_hasher() == bare::fixed_seed_hasher(0x7E575EEDull));
  EXPECT_EQ(bare::bare_hash_seed(), 0x7E575EEDull);
}

TEST(HashMap, OverAlignedAndLargeSlots) {
  bare::hash_map<int, over_aligned, bare::fixed_seed_hasher> m;
  for (int i = 0; i < 300; ++i) ASSERT_TRUE(m.try_insert(i, over_aligned(i)));
  for (auto [k, v] : m) {
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(&v) % 64, 0u);
    EXPECT_EQ(v.value(), k);
  }
  EXPECT_HASH_OK(m);
}

#if BARE_OOM_HANDLING
TEST(HashMap, InfallibleTwins) {
  DM m{{1, 10}, {2, 20}, {1, 30}};
  EXPECT_EQ(m.size(), 2u);
  EXPECT_EQ(m[1], 10);
  m[3] += 5;
  EXPECT_EQ(m.at(3), 5);
  EXPECT_TRUE(m.insert(4, 40).inserted);
  EXPECT_FALSE(m.insert(4, 41).inserted);
  EXPECT_EQ(m.emplace(5, 50).position->second, 50);
  EXPECT_EQ(m.insert_or_assign(4, 42).position->second, 42);
  m.entry(6).or_insert(0) += 6;
  m.entry(6).or_insert(0) += 6;
  EXPECT_EQ(m.at(6), 12);
  EXPECT_EQ(m.entry(7).or_insert_with([] { return 70; }), 70);
  EXPECT_EQ(m.entry(8).or_default(), 0);
  EXPECT_EQ(m.entry(8).insert(80), 80);
  m.reserve(1000);
  EXPECT_GE(m.capacity(), 1000u);
  m.rehash(0);
  m.shrink_to_fit();
  auto c = m.clone();
  EXPECT_TRUE(c == m);
  auto w = DM::with_capacity(100);
  EXPECT_GE(w.capacity(), 100u);
  EXPECT_HASH_OK(m);
}

TEST(HashMap, InfallibleInsertCallsTheHandler) {
  bare::hash_map<int, int, bare::fixed_seed_hasher, bare::equal_to<>, always_fails> m;
  alloc_error_handler_guard g(exiting_alloc_error_handler);
  EXPECT_EXIT(m.insert(1, 1), testing::ExitedWithCode(alloc_error_exit), "out of memory");
}
#endif

// A trivially copyable value without a copy constructor is moved out by remove.
TEST(HashMap, RemoveMovesATriviallyCopyableMoveOnlyValue) {
  bare::hash_map<int, trivial_move_only, bare::fixed_seed_hasher> m;
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(m.try_insert(i, trivial_move_only(i * 10)));
  EXPECT_EQ(m.remove(7)->v, 70);
  EXPECT_FALSE(m.remove(7));
  EXPECT_EQ(m.size(), 19u);
  EXPECT_TRUE(m.check()) << m.check().problem;
}

}  // namespace
