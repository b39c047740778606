// Every fallible btree_map / btree_set operation under check_all_allocation_failures, for int
// and counted, and for values whose clones allocate (so their failures surface too). Each
// case states how many allocation attempts the operation makes when nothing fails; those
// counts also pin down the insert plan (a leaf with room: none; a full root leaf: 2; a
// perfectly full tree of height h: h + 1 splits and a new root).
//
// "Changed nothing" is checked strictly: the state compares contents, check(), the height
// and the spare-node counts.
#include <gtest/gtest.h>

#include <cstdlib>
#include <iterator>
#include <utility>
#include <vector>

#include "bare/btree_map.hpp"
#include "bare/btree_set.hpp"
#include "bare/vec.hpp"
#include "oom/oom_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT

template <class T, std::size_t C>
using Map = bare::btree_map<T, T, bare::less<T>, F, C>;
template <class T, std::size_t C>
using Set = bare::btree_set<T, bare::less<T>, F, C>;

// Maps compared by contents, structure and spare nodes.
template <class M>
bool same(const M& a, const M& b) {
  return a == b && a.check() && b.check() && a.height() == b.height() && a.spare_leaves() == b.spare_leaves() &&
         a.spare_internals() == b.spare_internals();
}
template <class M>
struct state {
  M m;
  friend bool operator==(const state& a, const state& b) { return same(a.m, b.m); }
};
// Two maps (append).
template <class M>
struct two {
  M a, b;
  friend bool operator==(const two& x, const two& y) { return same(x.a, y.a) && same(x.b, y.b); }
};

// Keys 0, 2, 4, ..., 2(n - 1) with values k + 1, in a compact tree (try_from_sorted): for
// n = (C + 1)^h - 1 every node is full, so any insertion of an odd key splits all the way up.
template <class M>
M evens(F a, int n) {
  using T = typename M::key_type;
  std::vector<std::pair<T, T>> src;
  for (int i = 0; i < n; ++i) src.emplace_back(mk<T>(2 * i), mk<T>(2 * i + 1));
  auto r = M::try_from_sorted(src.begin(), src.end(), bare::less<T>(), a);
  if (!r) std::abort();
  return std::move(*r);
}
template <class S>
S even_set(F a, int n) {
  using T = typename S::key_type;
  std::vector<T> src;
  for (int i = 0; i < n; ++i) src.push_back(mk<T>(2 * i));
  auto r = S::try_from_sorted(src.begin(), src.end(), bare::less<T>(), a);
  if (!r) std::abort();
  return std::move(*r);
}
constexpr int full_tree(std::size_t c, int levels) {
  int n = 1;
  for (int i = 0; i < levels; ++i) n *= static_cast<int>(c) + 1;
  return n - 1;
}

template <class T>
class BtreeOom : public ::testing::Test {};
using types = ::testing::Types<int, counted>;
TYPED_TEST_SUITE(BtreeOom, types);

TYPED_TEST(BtreeOom, FullTreesAreFull) {
  using T = TypeParam;
  bare::testing::failing<> f;
  auto m = evens<Map<T, 3>>(F(f), full_tree(3, 3));
  EXPECT_EQ(m.height(), 3u);
  EXPECT_EQ(m.size(), 63u);
  EXPECT_TRUE(m.check()) << m.check().problem;
}

TYPED_TEST(BtreeOom, InsertAllocatesWhatTheSplitsNeed) {
  using T = TypeParam;
  using M = Map<T, 3>;
  using S = state<M>;
  auto with = [](int n) { return [n](F a) { return S{evens<M>(a, n)}; }; };
  auto ins = [](int k) { return [k](S& s) { return s.m.try_insert(mk<T>(k), mk<T>(k)); }; };
  EXPECT_OOM_SAFE(1u, with(0), ins(1));                    // the first leaf
  EXPECT_OOM_SAFE(0u, with(2), ins(1));                    // a leaf with room
  EXPECT_OOM_SAFE(0u, with(3), ins(4));                    // present key: nothing to do
  EXPECT_OOM_SAFE(2u, with(3), ins(1));                    // the root leaf splits: a leaf and a root
  EXPECT_OOM_SAFE(3u, with(full_tree(3, 2)), ins(7));      // height 2, all full: 2 splits + root
  EXPECT_OOM_SAFE(4u, with(full_tree(3, 3)), ins(0 - 1));  // height 3: 3 splits + root, at the front
  EXPECT_OOM_SAFE(4u, with(full_tree(3, 3)), ins(61));     // in the middle
  EXPECT_OOM_SAFE(4u, with(full_tree(3, 3)), ins(999));    // at the back
}

TYPED_TEST(BtreeOom, InsertCascadesWithLargerNodes) {
  using T = TypeParam;
  using M = Map<T, 4>;
  using D = bare::btree_map<T, T, bare::less<T>, F>;  // default capacity
  EXPECT_OOM_SAFE(4u, [](F a) { return state<M>{evens<M>(a, full_tree(4, 3))}; },
                  [](state<M>& s) { return s.m.try_insert(mk<T>(33), mk<T>(0)); });
  EXPECT_OOM_SAFE(3u, [](F a) { return state<D>{evens<D>(a, full_tree(D::node_capacity, 2))}; },
                  [](state<D>& s) { return s.m.try_insert(mk<T>(101), mk<T>(0)); });
}

TYPED_TEST(BtreeOom, EveryInsertingOperation) {
  using T = TypeParam;
  using M = Map<T, 3>;
  using S = state<M>;
  const auto full = [](F a) { return S{evens<M>(a, full_tree(3, 3))}; };
  EXPECT_OOM_SAFE(4u, full, [](S& s) { return s.m.try_emplace(mk<T>(21), 5); });
  EXPECT_OOM_SAFE(4u, full, [](S& s) {
    const T k = mk<T>(21), v = mk<T>(5);
    return s.m.try_insert(k, v);  // lvalues: copied only once everything is allocated
  });
  EXPECT_OOM_SAFE(4u, full, [](S& s) { return s.m.try_insert_or_assign(mk<T>(21), mk<T>(5)); });
  EXPECT_OOM_SAFE(0u, full, [](S& s) { return s.m.try_insert_or_assign(mk<T>(20), mk<T>(5)); });
  EXPECT_OOM_SAFE(4u, full, [](S& s) { return s.m.entry(mk<T>(21)).try_or_insert(mk<T>(5)); });
  EXPECT_OOM_SAFE(4u, full, [](S& s) { return s.m.entry(mk<T>(21)).try_or_insert_with([] { return mk<T>(5); }); });
  EXPECT_OOM_SAFE(4u, full, [](S& s) { return s.m.entry(mk<T>(21)).try_or_default(); });
  EXPECT_OOM_SAFE(4u, full, [](S& s) { return s.m.entry(mk<T>(21)).try_insert(mk<T>(5)); });
  EXPECT_OOM_SAFE(0u, full, [](S& s) { return s.m.entry(mk<T>(20)).try_or_insert(mk<T>(5)); });
  EXPECT_OOM_SAFE(4u, full, [](S& s) {
    return s.m.lower_bound_cursor(bare::included(mk<T>(21))).try_insert_after(mk<T>(21), mk<T>(5));
  });
  EXPECT_OOM_SAFE(4u, full, [](S& s) {
    return s.m.upper_bound_cursor(bare::unbounded).try_insert_before(mk<T>(500), mk<T>(5));
  });
}

TYPED_TEST(BtreeOom, EntryKeepsItsKeyOnFailure) {
  using T = TypeParam;
  using M = Map<T, 3>;
  bare::testing::failing<> f;
  auto m = evens<M>(F(f), full_tree(3, 2));
  auto e = m.entry(mk<T>(7));
  f.fail_at(f.attempts());
  auto r = e.try_or_insert(mk<T>(70));
  ASSERT_FALSE(r);
  EXPECT_EQ(val(e.key()), 7);
  f.disarm();
  auto r2 = e.try_or_insert(mk<T>(71));
  ASSERT_TRUE(r2);
  EXPECT_EQ(val(*r2), 71);
  EXPECT_EQ(val(m.at(mk<T>(7))), 71);
  EXPECT_TRUE(m.check()) << m.check().problem;
}

TYPED_TEST(BtreeOom, Reserve) {
  using T = TypeParam;
  using M = Map<T, 3>;
  using S = state<M>;
  const auto full = [](F a) { return S{evens<M>(a, full_tree(3, 3))}; };
  // n leaves and n * height() internal nodes (height() = 3 levels here).
  EXPECT_OOM_SAFE(3u + 3u * 3u, full, [](S& s) { return s.m.try_reserve(3); });
  EXPECT_OOM_SAFE(1u + 1u, [](F a) { return S{M(a)}; }, [](S& s) { return s.m.try_reserve(1); });
  EXPECT_OOM_SAFE(0u, full, [](S& s) { return s.m.try_reserve(0); });
  // Already reserved: no more.
  EXPECT_OOM_SAFE(0u, [](F a) {
        S s{evens<M>(a, full_tree(3, 3))};
        if (!s.m.try_reserve(2)) std::abort();
        return s;
      },
      [](S& s) { return s.m.try_reserve(2); });
}

TYPED_TEST(BtreeOom, ReservedInsertsAllocateNothing) {
  using T = TypeParam;
  using M = Map<T, 3>;
  bare::testing::failing<> f;
  auto m = evens<M>(F(f), full_tree(3, 3));
  ASSERT_TRUE(m.try_reserve(5));
  f.fail_at(f.attempts(), /*and_after=*/true);  // any allocation from now on fails
  for (int k : {1, 3, 5, 7, 9})
    ASSERT_TRUE(m.insert_within_capacity(mk<T>(k), mk<T>(k))) << "key " << k;
  EXPECT_EQ(f.injected_failures(), 0u);
  EXPECT_TRUE(m.check()) << m.check().problem;
  // Without spares, a split reports full, and the map is unchanged.
  m.shrink_to_fit();
  f.disarm();
  auto m3 = evens<M>(F(f), full_tree(3, 2));
  auto r = m3.insert_within_capacity(mk<T>(1), mk<T>(1));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, bare::alloc_errc::full);
  EXPECT_EQ(m3.size(), static_cast<std::size_t>(full_tree(3, 2)));
  EXPECT_TRUE(m3.check()) << m3.check().problem;
}

TYPED_TEST(BtreeOom, CloneAndFromSorted) {
  using T = TypeParam;
  using M = Map<T, 3>;
  // 63 elements in a compact tree: 16 leaves, 4 + 1 internal nodes.
  EXPECT_OOM_SAFE(21u, [](F a) { return state<M>{evens<M>(a, full_tree(3, 3))}; },
                  [](state<M>& s) { return s.m.try_clone(); });
  EXPECT_OOM_SAFE(0u, [](F a) { return state<M>{M(a)}; }, [](state<M>& s) { return s.m.try_clone(); });
  EXPECT_OOM_SAFE(21u, [](F a) {
    std::vector<std::pair<T, T>> src;
    for (int i = 0; i < 63; ++i) src.emplace_back(mk<T>(i), mk<T>(i));
    return M::try_from_sorted(src.begin(), src.end(), bare::less<T>(), a);
  });
  // Moved-from input is not consumed on failure.
  bare::testing::failing<> f;
  std::vector<std::pair<T, T>> src;
  for (int i = 0; i < 40; ++i) src.emplace_back(mk<T>(i), mk<T>(i));
  f.fail_at(3);
  auto r = M::try_from_sorted(std::make_move_iterator(src.begin()), std::make_move_iterator(src.end()),
                              bare::less<T>(), F(f));
  ASSERT_FALSE(r);
  for (int i = 0; i < 40; ++i) EXPECT_EQ(val(src[static_cast<std::size_t>(i)].first), i);
  EXPECT_EQ(f.live_blocks(), 0u);
}

TYPED_TEST(BtreeOom, SplitOff) {
  using T = TypeParam;
  using M = Map<T, 3>;
  using S = state<M>;
  const auto full = [](F a) { return S{evens<M>(a, full_tree(3, 3))}; };
  // One new node per level (3 levels), whatever the key.
  for (int k : {1, 2, 33, 60, 123}) {
    EXPECT_OOM_SAFE(3u, full, [k](S& s) { return s.m.try_split_off(mk<T>(k)); }) << "key " << k;
  }
  EXPECT_OOM_SAFE(0u, full, [](S& s) { return s.m.try_split_off(mk<T>(0)); });    // all move
  EXPECT_OOM_SAFE(0u, full, [](S& s) { return s.m.try_split_off(mk<T>(200)); });  // none move
  EXPECT_OOM_SAFE(0u, [](F a) { return S{M(a)}; }, [](S& s) { return s.m.try_split_off(mk<T>(1)); });
}

TYPED_TEST(BtreeOom, Append) {
  using T = TypeParam;
  using M = Map<T, 3>;
  using W = two<M>;
  // Interleaving: 20 evens + 15 odds (7 of them equal keys... none: odds), 35 elements.
  const auto interleaved = [](F a) {
    M odd(a);
    for (int i = 0; i < 15; ++i)
      if (!odd.try_insert(mk<T>(2 * i + 1), mk<T>(0))) std::abort();
    return W{evens<M>(a, 20), std::move(odd)};
  };
  // 35 elements: 9 leaves (ceil(36 / 4)), 3 + 1 internal nodes.
  EXPECT_OOM_SAFE(13u, interleaved, [](W& w) { return w.a.try_append(w.b); });
  // Equal keys: 20 evens + 10 of the same evens: still 20 elements: 6 leaves, 2 + 1 internal.
  EXPECT_OOM_SAFE(9u, [](F a) { return W{evens<M>(a, 20), evens<M>(a, 10)}; },
                  [](W& w) { return w.a.try_append(w.b); });
  // Into an empty map with an equal allocator: adopts the nodes.
  EXPECT_OOM_SAFE(0u, [](F a) { return W{M(a), evens<M>(a, 20)}; }, [](W& w) { return w.a.try_append(w.b); });
  EXPECT_OOM_SAFE(0u, [](F a) { return W{evens<M>(a, 20), M(a)}; }, [](W& w) { return w.a.try_append(w.b); });
}

TYPED_TEST(BtreeOom, SetOperations) {
  using T = TypeParam;
  using St = Set<T, 3>;
  using S = state<St>;
  const auto full = [](F a) { return S{even_set<St>(a, full_tree(3, 3))}; };
  EXPECT_OOM_SAFE(4u, full, [](S& s) { return s.m.try_insert(mk<T>(5)); });
  EXPECT_OOM_SAFE(0u, full, [](S& s) { return s.m.try_insert(mk<T>(4)); });
  EXPECT_OOM_SAFE(4u, full, [](S& s) { return s.m.try_replace(mk<T>(5)); });
  EXPECT_OOM_SAFE(4u, full, [](S& s) {
    return s.m.lower_bound_cursor(bare::included(mk<T>(5))).try_insert_before(mk<T>(5));
  });
  EXPECT_OOM_SAFE(21u, full, [](S& s) { return s.m.try_clone(); });
  EXPECT_OOM_SAFE(3u, full, [](S& s) { return s.m.try_split_off(mk<T>(31)); });
  EXPECT_OOM_SAFE(3u + 9u, full, [](S& s) { return s.m.try_reserve(3); });
  EXPECT_OOM_SAFE(13u, [](F a) {
        St odd(a);
        for (int i = 0; i < 15; ++i)
          if (!odd.try_insert(mk<T>(2 * i + 1))) std::abort();
        return two<St>{even_set<St>(a, 20), std::move(odd)};
      },
      [](two<St>& w) { return w.a.try_append(w.b); });
}

// Values whose copies allocate (through the same failing allocator): a clone fails when a
// node or any value's clone fails, and leaks nothing either way.
TEST(BtreeOomNested, CloneWithAllocatingValues) {
  using V = bare::vec<int, F>;
  using M = bare::btree_map<int, V, bare::less<int>, F, 4>;
  const auto setup = [](F a) {
    state<M> s{M(a)};
    for (int i = 0; i < 12; ++i) {
      V v(a);
      for (int j = 0; j <= i % 3; ++j)
        if (!v.try_push_back(j)) std::abort();
      if (!s.m.try_insert(i, std::move(v))) std::abort();
    }
    return s;
  };
  // Nodes of a compact 12-element tree (3 leaves + 1 root) + 12 vec blocks.
  EXPECT_OOM_SAFE(4u + 12u, setup, [](state<M>& s) { return s.m.try_clone(); });
}

}  // namespace
