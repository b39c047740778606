// Every fallible hash_map / hash_set operation under check_all_allocation_failures, for int and
// counted elements, and for values whose clones allocate (so their failures surface too).
// Each case states how many allocation attempts the operation makes when nothing fails: an
// insertion allocates only when the load budget is exhausted (the map is "at the edge",
// growth_left() == 0), and then exactly one block.
//
// "Changed nothing" is checked strictly: the state compares contents (==), check(), the
// capacity, the growth budget and the iteration order.
#include <gtest/gtest.h>

#include <cstdlib>
#include <utility>
#include <vector>

#include "bare/string.hpp"
#include "oom/oom_helpers.hpp"
#include "unit/hash_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT

template <class T>
using Map = bare::hash_map<T, T, bare::fixed_seed_hasher, bare::equal_to<>, F>;
template <class T>
using Set = bare::hash_set<T, bare::fixed_seed_hasher, bare::equal_to<>, F>;

template <class M>
bool same(const M& a, const M& b) {
  return a == b && a.check() && b.check() && a.capacity() == b.capacity() && a.growth_left() == b.growth_left() &&
         order_of(a) == order_of(b);
}
template <class M>
struct state {
  M m;
  friend bool operator==(const state& a, const state& b) { return same(a.m, b.m); }
};

// Keys 0, 2, 4, ... (values k + 1) until the load budget is exhausted (growth_left() == 0),
// with at least n elements: the next insertion of a new key must allocate.
template <class M>
M at_edge(F a, int n) {
  using T = typename M::key_type;
  M m(bare::fixed_seed_hasher(), {}, a);
  for (int k = 0; m.size() < static_cast<std::size_t>(n) || m.growth_left() != 0; k += 2) {
    bool ok = false;
    if constexpr (requires { m.try_insert(mk<T>(k), mk<T>(k + 1)); }) ok = static_cast<bool>(m.try_insert(mk<T>(k), mk<T>(k + 1)));
    else ok = static_cast<bool>(m.try_insert(mk<T>(k)));
    if (!ok) std::abort();
  }
  return m;
}

template <class T>
class HashOom : public ::testing::Test {};
using types = ::testing::Types<int, counted>;
TYPED_TEST_SUITE(HashOom, types);

TYPED_TEST(HashOom, InsertAllocatesOnlyAtTheEdge) {
  using T = TypeParam;
  using M = Map<T>;
  using S = state<M>;
  auto with = [](int n) { return [n](F a) { return S{at_edge<M>(a, n)}; }; };
  auto ins = [](int k) { return [k](S& s) { return s.m.try_insert(mk<T>(k), mk<T>(k)); }; };
  EXPECT_OOM_SAFE(1u, [](F a) { return S{M(bare::fixed_seed_hasher(), {}, a)}; }, ins(1));  // the first block
  EXPECT_OOM_SAFE(1u, with(1), ins(1));        // 13 elements, budget 0: grows
  EXPECT_OOM_SAFE(0u, with(1), ins(2));        // present key: nothing to do
  EXPECT_OOM_SAFE(1u, with(100), ins(-1));     // growth during insert of a larger table
  EXPECT_OOM_SAFE(1u, with(1000), ins(9999));
  EXPECT_OOM_SAFE(0u, [](F a) {
        S s{at_edge<M>(a, 10)};
        if (!s.m.try_reserve(5)) std::abort();
        return s;
      },
      ins(1));  // room reserved
}

TYPED_TEST(HashOom, EveryInsertingOperation) {
  using T = TypeParam;
  using M = Map<T>;
  using S = state<M>;
  const auto edge = [](F a) { return S{at_edge<M>(a, 50)}; };
  EXPECT_OOM_SAFE(1u, edge, [](S& s) { return s.m.try_emplace(mk<T>(21), 5); });
  EXPECT_OOM_SAFE(1u, edge, [](S& s) {
    const T k = mk<T>(21), v = mk<T>(5);
    return s.m.try_insert(k, v);  // lvalues: copied only once the block is allocated
  });
  EXPECT_OOM_SAFE(1u, edge, [](S& s) { return s.m.try_insert_or_assign(mk<T>(21), mk<T>(5)); });
  EXPECT_OOM_SAFE(0u, edge, [](S& s) { return s.m.try_insert_or_assign(mk<T>(20), mk<T>(5)); });
  EXPECT_OOM_SAFE(1u, edge, [](S& s) { return s.m.entry(mk<T>(21)).try_or_insert(mk<T>(5)); });
  EXPECT_OOM_SAFE(1u, edge, [](S& s) { return s.m.entry(mk<T>(21)).try_or_insert_with([] { return mk<T>(5); }); });
  EXPECT_OOM_SAFE(1u, edge, [](S& s) { return s.m.entry(mk<T>(21)).try_or_default(); });
  EXPECT_OOM_SAFE(1u, edge, [](S& s) { return s.m.entry(mk<T>(21)).try_insert(mk<T>(5)); });
  EXPECT_OOM_SAFE(0u, edge, [](S& s) { return s.m.entry(mk<T>(20)).try_or_insert(mk<T>(5)); });
  // An argument that lives in the map itself (the element is built aside first).
  EXPECT_OOM_SAFE(1u, edge, [](S& s) { return s.m.try_insert_or_assign(mk<T>(21), *s.m.get(mk<T>(20))); });
}

TYPED_TEST(HashOom, EntryKeepsItsKeyOnFailure) {
  using T = TypeParam;
  bare::testing::failing<> f;
  auto m = at_edge<Map<T>>(F(f), 30);
  auto e = m.entry(mk<T>(7));
  f.fail_at(f.attempts());
  auto r = e.try_or_insert(mk<T>(70));
  ASSERT_FALSE(r);
  EXPECT_EQ(val(e.key()), 7);
  EXPECT_TRUE(e.is_vacant());
  f.disarm();
  auto r2 = e.try_or_insert(mk<T>(71));
  ASSERT_TRUE(r2);
  EXPECT_EQ(val(*r2), 71);
  EXPECT_EQ(val(m.at(mk<T>(7))), 71);
  EXPECT_HASH_OK(m);
}

TYPED_TEST(HashOom, ReserveRehashShrinkClone) {
  using T = TypeParam;
  using M = Map<T>;
  using S = state<M>;
  const auto edge = [](F a) { return S{at_edge<M>(a, 200)}; };
  EXPECT_OOM_SAFE(1u, edge, [](S& s) { return s.m.try_reserve(1); });
  EXPECT_OOM_SAFE(1u, edge, [](S& s) { return s.m.try_reserve(10000); });
  EXPECT_OOM_SAFE(0u, edge, [](S& s) { return s.m.try_reserve(0); });
  EXPECT_OOM_SAFE(1u, edge, [](S& s) { return s.m.try_rehash(5000); });
  EXPECT_OOM_SAFE(0u, edge, [](S& s) { return s.m.try_rehash(0); });  // same groups: in place
  EXPECT_OOM_SAFE(1u, [](F a) {
        S s{at_edge<M>(a, 200)};
        s.m.retain([](const T& k, T&) { return val(k) < 40; });
        return s;
      },
      [](S& s) { return s.m.try_shrink_to_fit(); });
  if constexpr (std::is_copy_constructible_v<T>) {
    EXPECT_OOM_SAFE(1u, edge, [](S& s) { return s.m.try_clone(); });
  }
  EXPECT_OOM_SAFE(1u, [](F a) { return M::try_with_capacity(100, bare::fixed_seed_hasher(), {}, a); });
  EXPECT_OOM_SAFE(0u, [](F a) { return M::try_with_capacity(0, bare::fixed_seed_hasher(), {}, a); });
}

TYPED_TEST(HashOom, ReservedInsertsAllocateNothing) {
  using T = TypeParam;
  bare::testing::failing<> f;
  auto m = at_edge<Map<T>>(F(f), 100);
  ASSERT_TRUE(m.try_reserve(300));
  f.fail_at(f.attempts(), /*and_after=*/true);  // any allocation from now on fails
  for (int k = 1; k < 600; k += 2) ASSERT_TRUE(m.try_insert(mk<T>(k), mk<T>(k))) << "key " << k;
  EXPECT_EQ(f.injected_failures(), 0u);
  EXPECT_HASH_OK(m);
  auto r = m.insert_within_capacity(mk<T>(100001), mk<T>(1));
  if (m.size() == m.capacity()) {
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, bare::alloc_errc::full);
  }
  f.disarm();
}

TYPED_TEST(HashOom, SetOperations) {
  using T = TypeParam;
  using M = Set<T>;
  using S = state<M>;
  const auto edge = [](F a) { return S{at_edge<M>(a, 40)}; };
  EXPECT_OOM_SAFE(1u, edge, [](S& s) { return s.m.try_insert(mk<T>(1)); });
  EXPECT_OOM_SAFE(0u, edge, [](S& s) { return s.m.try_insert(mk<T>(2)); });
  EXPECT_OOM_SAFE(1u, edge, [](S& s) { return s.m.try_replace(mk<T>(1)); });
  EXPECT_OOM_SAFE(0u, edge, [](S& s) { return s.m.try_replace(mk<T>(2)); });
  EXPECT_OOM_SAFE(1u, edge, [](S& s) { return s.m.try_reserve(100); });
}

// A rehashing insertion whose value is copied from an element of the map builds the element
// before the rehash (the source moves); when the rehash then fails, the key that was moved
// into it goes back to the caller.
TEST(HashOomGiveBack, MovedKeyComesBackWhenTheRehashFails) {
  bare::testing::failing<> f;
  using M = bare::hash_map<move_only, counted, bare::fixed_seed_hasher, bare::equal_to<>, F>;
  M m(bare::fixed_seed_hasher(), {}, F(f));
  for (int k = 0; m.size() < 20 || m.growth_left() != 0; ++k) ASSERT_TRUE(m.try_insert(move_only(k), counted(k)));
  const std::size_t n = m.size();
  move_only key(1000);
  f.fail_at(f.attempts());
  auto r = m.try_insert(std::move(key), *m.get(move_only(3)));
  ASSERT_FALSE(r);
  EXPECT_EQ(key.value(), 1000);  // NOLINT: given back
  EXPECT_EQ(m.size(), n);
  f.disarm();
  auto r2 = m.try_insert(std::move(key), *m.get(move_only(3)));
  ASSERT_TRUE(r2);
  EXPECT_EQ(m.get(move_only(1000))->value(), 3);
  EXPECT_HASH_OK(m);
}

// Values whose clones allocate through the same failing allocator: cloning the map makes
// 1 + n attempts, and a failure at any of them leaks nothing.
TEST(HashOomNested, CloneOfStringValues) {
  using Str = bare::string<F>;
  using M = bare::hash_map<int, Str, bare::fixed_seed_hasher, bare::equal_to<>, F>;
  using S = state<M>;
  EXPECT_OOM_SAFE(1u + 20u, [](F a) {
        S s{M(bare::fixed_seed_hasher(), {}, a)};
        for (int i = 0; i < 20; ++i) {
          auto v = Str::try_from(bare::str("nested value"), a);
          if (!v || !s.m.try_insert(i, std::move(*v))) std::abort();
        }
        return s;
      },
      [](S& s) { return s.m.try_clone(); });
}

}  // namespace
