// fixed_hash_map<K, V, N, H, Eq> / fixed_hash_set<K, N, H, Eq>: hash_map's table over storage
// inside the object. The layout promises (capacity N, groups, no allocator API, relocation),
// the full condition for every inserting operation (refused only for an absent key, the
// container exactly as before: elements, iteration order, growth budget; arguments not
// consumed; the panicking twins, declared in both OOM modes), erase/insert churn at full size
// (never full, rehashes in place a bounded number of times, never allocates), adversarial
// keys that all hash alike, copies / moves / swaps / clones, the entry API and every way out,
// and agreement with hash_map fed the same operations.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <iterator>
#include <map>
#include <new>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "bare/fixed_hash_map.hpp"
#include "bare/fixed_hash_set.hpp"
#include "support/death.hpp"
#include "unit/hash_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT
namespace dh = bare::detail::hash;

// Counts the hashes it computes (a rehash computes one per element).
struct counting_hasher {
  using is_avalanching = void;
  static inline long calls = 0;
  template <class T>
  std::uint64_t operator()(const T& x) const noexcept {
    ++calls;
    return bare::fixed_seed_hasher()(key_int(x));
  }
};

using FM = bare::fixed_hash_map<int, int, 20, bare::fixed_seed_hasher>;
using FS = bare::fixed_hash_set<int, 20, bare::fixed_seed_hasher>;

// ---- layout and API shape ------------------------------------------------------------------

// The groups: the smallest power of two whose 7/8 load (max_load) holds N.
static_assert(dh::max_load(1) == 13 && dh::max_load(2) == 26 && dh::max_load(8) == 105);
static_assert(bare::fixed_hash_map<int, int, 13>::max_size() == 13);
// The control bytes, the slots, the size and the load limit (one byte each here), the hasher.
static_assert(sizeof(bare::fixed_hash_set<std::uint8_t, 13, bare::fixed_seed_hasher>) ==
              16 + 14 + 2 + sizeof(bare::fixed_seed_hasher));
static_assert(sizeof(bare::fixed_hash_set<std::uint8_t, 13, identity_hasher>) == 32);
static_assert(sizeof(bare::fixed_hash_map<std::uint32_t, std::uint32_t, 8, identity_hasher>) == 16 + 14 * 8 + 16);
static_assert(alignof(bare::fixed_hash_set<over_aligned, 4, bare::fixed_seed_hasher>) == 64);
static_assert(bare::is_trivially_relocatable_v<FM> && bare::is_trivially_relocatable_v<FS>);
static_assert(!bare::is_trivially_relocatable_v<bare::fixed_hash_map<int, counted, 4>>);
static_assert(std::is_copy_constructible_v<FM> && std::is_copy_assignable_v<FS>);
static_assert(!std::is_copy_constructible_v<bare::fixed_hash_map<int, move_only, 4>>);
static_assert(std::is_nothrow_move_constructible_v<bare::fixed_hash_map<int, move_only, 4>>);
// No growth, so no capacity management and no allocator.
template <class C>
concept manages_capacity = requires(C& c) {
  c.try_reserve(1);
  c.try_rehash(1);
  c.try_shrink_to_fit();
  c.allocator();
  C::try_with_capacity(4);
};
static_assert(!manages_capacity<FM> && !manages_capacity<FS>);
static_assert(manages_capacity<bare::hash_map<int, int>> && manages_capacity<bare::hash_set<int>>);
// The panicking twins exist in both modes (full is a precondition violation, not an
// allocation failure); hash_map's allocating twins only with global OOM handling.
template <class M>
concept map_twins = requires(M& m) {
  m.insert(1, 1);
  m.emplace(1, 1);
  m.insert_or_assign(1, 1);
  m[1];
  m.entry(1).or_insert(1);
};
template <class S>
concept set_twin = requires(S& s) { s.insert(1); };
static_assert(map_twins<FM> && set_twin<FS>);
static_assert(map_twins<bare::hash_map<int, int>> == BARE_OOM_HANDLING);
static_assert(set_twin<bare::hash_set<int>> == BARE_OOM_HANDLING);

TEST(FixedHash, CapacityIsNAndGroupsFollowIt) {
  bare::fixed_hash_map<int, int, 13, bare::fixed_seed_hasher> one;
  EXPECT_EQ(one.capacity(), 13u);
  EXPECT_EQ(one.slot_count(), 14u);  // one group
  bare::fixed_hash_map<int, int, 14, bare::fixed_seed_hasher> two;
  EXPECT_EQ(two.slot_count(), 29u);
  bare::fixed_hash_map<int, int, 105, bare::fixed_seed_hasher> eight;  // max_load(8) == 105
  EXPECT_EQ(eight.slot_count(), 119u);
  EXPECT_EQ(eight.capacity(), 105u);
  EXPECT_EQ(eight.growth_left(), 105u);
  EXPECT_HASH_OK(eight);
  for (int k = 0; k < 105; ++k) ASSERT_TRUE(eight.try_insert(k, k));
  EXPECT_EQ(eight.growth_left(), 0u);
  EXPECT_TRUE(is_full(eight.try_insert(105, 0)));
  bare::fixed_hash_map<int, int, 106, bare::fixed_seed_hasher> sixteen;
  EXPECT_EQ(sixteen.slot_count(), 239u);
  EXPECT_HASH_OK(eight);
}

// ---- the full condition -----------------------------------------------------------------------

template <class M>
std::vector<std::pair<int, int>> order_pairs(const M& m) {
  std::vector<std::pair<int, int>> out;
  for (auto [k, v] : m) out.emplace_back(val(k), val(v));
  return out;
}

TEST(FixedHash, FullRefusesOnlyAbsentKeysAndChangesNothing) {
  const heap_stats before = global_heap_stats();
  {
    bare::fixed_hash_map<int, counted, 5, bare::fixed_seed_hasher> m;
    for (int k = 1; k <= 5; ++k) ASSERT_TRUE(m.try_emplace(k * 10, k));
    const auto order = order_pairs(m);
    const std::size_t left = m.growth_left();
    counted v(99);
    const long live = counted::live;
    auto unchanged = [&] {
      EXPECT_EQ(order_pairs(m), order);
      EXPECT_EQ(m.growth_left(), left);
      EXPECT_EQ(counted::live, live);
      EXPECT_HASH_OK(m);
    };
    EXPECT_TRUE(is_full(m.try_insert(1, std::move(v))));
    EXPECT_EQ(v.value(), 99) << "the argument was consumed";
    unchanged();
    EXPECT_TRUE(is_full(m.try_emplace(2, 7)));
    EXPECT_TRUE(is_full(m.try_insert_or_assign(3, counted(3))));
    EXPECT_TRUE(is_full(m.insert_within_capacity(4, counted(4))));
    const counted& lvalue = *m.get(10);  // an element of the map as the argument
    EXPECT_TRUE(is_full(m.try_insert(5, lvalue)));
    unchanged();
    {
      auto e = m.entry(6);
      EXPECT_TRUE(e.is_vacant());
      bool called = false;
      EXPECT_TRUE(is_full(e.try_or_insert_with([&] {
        called = true;
        return counted(6);
      })));
      EXPECT_FALSE(called) << "the value was made although the map is full";
      EXPECT_TRUE(is_full(e.try_or_default()));
      EXPECT_TRUE(is_full(e.try_or_insert(counted(6))));
      EXPECT_TRUE(is_full(e.try_insert(counted(6))));
      EXPECT_EQ(e.key(), 6) << "the entry keeps its key";
    }
    unchanged();
    // A present key is never full.
    auto present = m.try_insert(30, counted(0));
    ASSERT_TRUE(present);
    EXPECT_FALSE(present->inserted);
    EXPECT_EQ(present->position->second.value(), 3);
    auto assigned = m.try_insert_or_assign(30, counted(33));
    ASSERT_TRUE(assigned);
    EXPECT_FALSE(assigned->inserted);
    EXPECT_EQ(m.at(30).value(), 33);
    ASSERT_TRUE(m.entry(40).and_modify([](counted& c) { c = counted(44); }).try_or_insert(counted(0)));
    EXPECT_EQ(m.get(40)->value(), 44);
    // Room again after one removal.
    ASSERT_TRUE(m.remove(50));
    auto again = m.try_insert(60, counted(6));
    ASSERT_TRUE(again);
    EXPECT_TRUE(again->inserted);
    EXPECT_TRUE(is_full(m.try_insert(70, counted(7))));
    EXPECT_HASH_OK(m);
  }
  EXPECT_EQ(counted::live, 0);
  EXPECT_EQ(global_heap_stats().allocations, before.allocations) << "a fixed map allocated";
}

TEST(FixedHash, SetFullCondition) {
  bare::fixed_hash_set<counted, 3, bare::fixed_seed_hasher> s{counted(1), counted(2), counted(3)};
  ASSERT_EQ(s.size(), 3u);
  const auto keys = sorted_keys(s);
  counted c(4);
  EXPECT_TRUE(is_full(s.try_insert(std::move(c))));
  EXPECT_EQ(c.value(), 4);
  EXPECT_TRUE(is_full(s.insert_within_capacity(counted(5))));
  EXPECT_TRUE(is_full(s.try_replace(counted(6))));
  auto dup = s.try_insert(counted(2));
  ASSERT_TRUE(dup);
  EXPECT_FALSE(dup->inserted);
  auto rep = s.try_replace(counted(3));
  ASSERT_TRUE(rep);
  EXPECT_FALSE(rep->inserted);
  EXPECT_EQ(sorted_keys(s), keys);
  EXPECT_HASH_OK(s);
  EXPECT_EQ(s.take(counted(1))->value(), 1);
  EXPECT_TRUE(s.try_insert(counted(7)));
  EXPECT_EQ(sorted_keys(s), (std::vector<int>{2, 3, 7}));
}

TEST(FixedHash, ConstructionFromAListNeverTruncates) {
  auto ok = bare::fixed_hash_map<int, int, 3, bare::fixed_seed_hasher>::try_from({{1, 10}, {2, 20}, {1, 11}, {3, 30}});
  ASSERT_TRUE(ok) << "equal keys count once";
  EXPECT_EQ(*ok->get(1), 10) << "the first of equal keys wins";
  EXPECT_TRUE(is_full(bare::fixed_hash_map<int, int, 3, bare::fixed_seed_hasher>::try_from({{1, 1}, {2, 2}, {3, 3}, {4, 4}})));
  const std::pair<int, int> pairs[] = {{5, 50}, {6, 60}};
  auto from_span = bare::fixed_hash_map<int, int, 2, bare::fixed_seed_hasher>::try_from(pairs);
  ASSERT_TRUE(from_span);
  EXPECT_EQ(from_span->size(), 2u);
  EXPECT_TRUE(is_full(FS::try_from({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21})));
  const int keys[] = {4, 4, 5};
  auto set = bare::fixed_hash_set<int, 2, bare::fixed_seed_hasher>::try_from(keys);
  ASSERT_TRUE(set);
  EXPECT_EQ(sorted_keys(*set), (std::vector<int>{4, 5}));
}

TEST(FixedHashDeath, PanickingTwinsWhenFull) {
  panic_handler_guard g(exiting_panic_handler);
  bare::fixed_hash_map<int, int, 2, bare::fixed_seed_hasher> m{{1, 1}, {2, 2}};
  m.insert(1, 5);  // present: no panic, no change
  m[2] = 7;
  EXPECT_EQ(*m.get(1), 1);
  EXPECT_EQ(*m.get(2), 7);
  EXPECT_EXIT(m.insert(3, 3), ::testing::ExitedWithCode(panic_exit), "full");
  EXPECT_EXIT(m.emplace(3, 3), ::testing::ExitedWithCode(panic_exit), "full");
  EXPECT_EXIT(m.insert_or_assign(3, 3), ::testing::ExitedWithCode(panic_exit), "full");
  EXPECT_EXIT(m[3] = 3, ::testing::ExitedWithCode(panic_exit), "full");
  EXPECT_EXIT(m.entry(3).or_insert(3), ::testing::ExitedWithCode(panic_exit), "full");
  EXPECT_EXIT((void)m.at(9), ::testing::ExitedWithCode(panic_exit), "key not found");
  EXPECT_EXIT((void)(bare::fixed_hash_set<int, 1, bare::fixed_seed_hasher>{1, 2}),
              ::testing::ExitedWithCode(panic_exit), "full");
}

// ---- churn ----------------------------------------------------------------------------------

// At full size, erase one key and insert another, many times: the growth budget runs out
// through erasures from overflowed groups and the table rehashes in place. Every insertion
// must succeed, the invariants hold, nothing allocates, and the rehashing stays amortised
// O(1): it computes one hash per element, so the hashes per round stay small.
template <std::size_t N>
void churn_at_full(std::size_t rounds, bool rehashes) {
  const heap_stats before = global_heap_stats();
  bare::fixed_hash_map<int, int, N, counting_hasher> m;
  std::map<int, int> model;
  rng r(test_seed());
  std::vector<int> live;
  while (live.size() < N) {
    const int k = static_cast<int>(r.below(1u << 30));
    if (!model.emplace(k, k).second) continue;
    live.push_back(k);
    ASSERT_TRUE(m.try_insert(k, k));
  }
  counting_hasher::calls = 0;
  for (std::size_t i = 0; i < rounds; ++i) {
    const std::size_t j = r.below(live.size());
    ASSERT_EQ(m.erase(live[j]), 1u);
    model.erase(live[j]);
    int k = static_cast<int>(r.below(1u << 30));
    while (model.count(k)) k = static_cast<int>(r.below(1u << 30));
    live[j] = k;
    model.emplace(k, static_cast<int>(i));
    ASSERT_TRUE(m.try_insert(k, static_cast<int>(i))) << "round " << i << ": full after churn";
    ASSERT_TRUE(is_full(m.try_insert(-1, 0)));
    if (i % 1000 == 0) {
      const long calls = counting_hasher::calls;  // (check() hashes every element)
      EXPECT_HASH_OK(m);
      counting_hasher::calls = calls;
    }
  }
  // Three hashes per round without rehashing: the erasure, the insertion, the refused one.
  const double per_round = static_cast<double>(counting_hasher::calls) / static_cast<double>(rounds);
  if (rehashes) {
    EXPECT_GT(per_round, 3.0) << "no rehash happened: the test does not exercise it";
  } else {
    EXPECT_EQ(per_round, 3.0) << "a table of one group never overflows, so never rehashes";
  }
  EXPECT_LT(per_round, 9.0) << "rehashing in place too often";
  EXPECT_HASH_OK(m);
  EXPECT_EQ(order_pairs(m).size(), model.size());
  for (auto [k, v] : m) EXPECT_EQ(model.at(k), v);
  EXPECT_EQ(global_heap_stats().allocations, before.allocations);
}

TEST(FixedHash, ChurnAtFullSizeOneGroup) { churn_at_full<13>(5000, false); }
TEST(FixedHash, ChurnAtFullSizeEightGroupsNoSlack) { churn_at_full<105>(20000, true); }
TEST(FixedHash, ChurnAtFullSizeManyGroups) { churn_at_full<700>(20000, true); }

// ---- adversarial keys ----------------------------------------------------------------------

// Every key has the same hash: one home group, one h2; the elements overflow along the probe
// sequence through every group. Correct, full at N, churn-proof.
template <class H>
void all_alike() {
  constexpr std::size_t N = 50;  // 4 groups
  bare::fixed_hash_map<int, int, N, H> m;
  std::map<int, int> model;
  for (int k = 0; k < static_cast<int>(N); ++k) {
    ASSERT_TRUE(m.try_insert(k * 7, k));
    model.emplace(k * 7, k);
  }
  EXPECT_TRUE(is_full(m.try_insert(-7, 0)));
  EXPECT_HASH_OK(m);
  rng r(test_seed());
  for (int i = 0; i < 3000; ++i) {
    auto it = model.begin();
    std::advance(it, static_cast<std::ptrdiff_t>(r.below(model.size())));
    ASSERT_EQ(m.erase(it->first), 1u);
    model.erase(it);
    int k = static_cast<int>(r.below(100000));
    while (model.count(k)) ++k;
    ASSERT_TRUE(m.try_insert(k, i));
    model.emplace(k, i);
    EXPECT_EQ(m.get(k + 100000), nullptr);
    if (i % 250 == 0) EXPECT_HASH_OK(m);
  }
  EXPECT_HASH_OK(m);
  for (auto [k, v] : model) EXPECT_EQ(*m.get(k), v);
  EXPECT_EQ(m.size(), N);
}

TEST(FixedHash, AdversarialKeysAllHashAlike) { all_alike<constant_hasher>(); }
TEST(FixedHash, AdversarialKeysTwoBitsOfHash) { all_alike<low_bits_hasher<2>>(); }

// ---- copies, moves, swaps, clones --------------------------------------------------------------

TEST(FixedHash, CopyMoveSwapClone) {
  {
    bare::fixed_hash_map<int, counted, 30, bare::fixed_seed_hasher> a;
    for (int k = 0; k < 30; ++k) ASSERT_TRUE(a.try_emplace(k, -k));
    for (int k = 0; k < 30; k += 3) a.erase(k);  // holes: copies keep the same slots
    auto b = a;
    EXPECT_TRUE(b == a);
    EXPECT_EQ(order_of(b), order_of(a)) << "a copy has the same slots";
    EXPECT_HASH_OK(b);
    EXPECT_EQ(counted::live, 40);
    auto c = std::move(b);
    EXPECT_TRUE(b.empty());
    EXPECT_EQ(b.growth_left(), 30u);
    EXPECT_HASH_OK(b);
    EXPECT_TRUE(c == a);
    EXPECT_EQ(counted::live, 40);
    ASSERT_TRUE(b.try_emplace(100, 100));
    b.swap(c);
    EXPECT_EQ(b.size(), 20u);
    EXPECT_EQ(c.size(), 1u);
    EXPECT_EQ(c.at(100).value(), 100);
    auto d = b.try_clone();
    ASSERT_TRUE(d);
    EXPECT_TRUE(*d == a);
    EXPECT_EQ(order_of(*d), order_of(a));
    c = a;  // copy assignment over elements
    EXPECT_TRUE(c == a);
    c = std::move(*d);
    EXPECT_TRUE(c == a);
    EXPECT_TRUE(d->empty());
    EXPECT_EQ(counted::live, 60);
  }
  EXPECT_EQ(counted::live, 0);
  bare::fixed_hash_set<int, 8, bare::fixed_seed_hasher> s{1, 2, 3}, t{3, 4};
  swap(s, t);
  EXPECT_EQ(sorted_keys(s), (std::vector<int>{3, 4}));
  EXPECT_FALSE(s.is_disjoint(t));
  EXPECT_TRUE((bare::fixed_hash_set<int, 8, bare::fixed_seed_hasher>{3}.is_subset(s)));
}

TEST(FixedHash, MovedBytesStayValid) {
  // Trivially relocatable: the object may be moved as bytes (no pointer into itself).
  using M = bare::fixed_hash_map<int, int, 40, bare::fixed_seed_hasher>;
  alignas(M) unsigned char a[sizeof(M)], b[sizeof(M)];
  M* m = ::new (static_cast<void*>(a)) M();
  for (int k = 0; k < 40; ++k) ASSERT_TRUE(m->try_insert(k, k * k));
  std::memcpy(b, a, sizeof(M));
  M* moved = std::launder(reinterpret_cast<M*>(b));
  EXPECT_HASH_OK(*moved);
  for (int k = 0; k < 40; ++k) EXPECT_EQ(*moved->get(k), k * k);
  moved->erase(3);
  EXPECT_TRUE(moved->try_insert(100, 1));
  moved->~M();
}

// ---- the rest of hash_map's API ---------------------------------------------------------------

TEST(FixedHash, EntryRemovalAndRanges) {
  bare::fixed_hash_map<int, move_only, 64, bare::fixed_seed_hasher> m;
  std::map<int, int> model;
  for (int k = 0; k < 64; ++k) {
    ASSERT_TRUE(m.entry(k).try_or_insert(move_only(k + 1000)));
    model.emplace(k, k + 1000);
  }
  ASSERT_TRUE(m.entry(5).and_modify([](move_only& v) { v = move_only(5); }).try_or_insert(move_only(0)));
  model[5] = 5;
  EXPECT_EQ(m.remove(6)->value(), 1006);
  model.erase(6);
  {
    auto e = m.remove_entry(7);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->second.value(), 1007);
    model.erase(7);
  }
  m.erase(m.find(8));
  model.erase(8);
  m.retain([](const int& k, move_only&) { return k % 5 != 0; });
  std::erase_if(model, [](const auto& kv) { return kv.first % 5 == 0; });
  {
    int n = 0;
    auto x = m.extract_if([](const int& k, move_only&) { return k % 3 == 0; });
    for (auto it = x.begin(); it != x.end(); ++it) {
      move_only out = std::move(it->second);
      EXPECT_EQ(out.value(), it->first + 1000);
      model.erase(it->first);
      ++n;
    }
    EXPECT_GT(n, 5);
  }
  EXPECT_HASH_OK(m);
  EXPECT_EQ(m.size(), model.size());
  for (auto [k, v] : m) EXPECT_EQ(v.value(), model.at(k));
  const auto& cm = m;
  EXPECT_EQ(cm.find(10), cm.end());
  EXPECT_TRUE(cm.contains(11L)) << "a key that converts";
  EXPECT_EQ(cm.count(11), 1u);
  {
    auto d = m.drain();
    int n = 0;
    for (auto it = d.begin(); it != d.end() && n < 3; ++it) ++n;
  }
  EXPECT_TRUE(m.empty());
  EXPECT_EQ(m.growth_left(), 64u);
  for (int k = 0; k < 64; ++k) ASSERT_TRUE(m.try_emplace(k, k));
  m.clear();
  EXPECT_TRUE(m.empty());
  EXPECT_HASH_OK(m);
  EXPECT_EQ(move_only::live, 0);
}

// The same operations on a fixed map and a heap map give the same contents (not necessarily
// the same order: the tables may differ in size).
TEST(FixedHash, AgreesWithHashMap) {
  bare::fixed_hash_map<int, int, 90, bare::fixed_seed_hasher> f;
  bare::hash_map<int, int, bare::fixed_seed_hasher> h;
  rng r(test_seed());
  std::size_t refused = 0;
  for (int i = 0; i < 20000; ++i) {
    const int k = r.between(0, 150), v = r.between(0, 1000);
    switch (r.below(4)) {
      case 0:
      case 1: {
        auto a = f.try_insert(k, v);
        if (!a) {
          ASSERT_TRUE(is_full(a));
          ASSERT_EQ(f.size(), 90u);
          ASSERT_FALSE(h.contains(k));
          ++refused;
          break;
        }
        auto b = h.try_insert(k, v);
        ASSERT_TRUE(b);
        EXPECT_EQ(a->inserted, b->inserted);
        break;
      }
      case 2:
        EXPECT_EQ(f.erase(k), h.erase(k));
        break;
      default:
        EXPECT_EQ(f.get(k) == nullptr, h.get(k) == nullptr);
    }
  }
  EXPECT_GT(refused, 100u);
  EXPECT_EQ(sorted_pairs(f), sorted_pairs(h));
  EXPECT_HASH_OK(f);
}

}  // namespace
