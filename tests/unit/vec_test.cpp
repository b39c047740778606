// vec: every public member, typed over int, a move-only type, an instance-counting type and
// an alignas(64) type where the operation applies.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <list>
#include <sstream>
#include <vector>

#include "bare/alloc/counting.hpp"
#include "bare/vec.hpp"
#include "support.hpp"

namespace {

using bt::value_of;

template <class T>
class VecTyped : public ::testing::Test {
 protected:
  void SetUp() override {
    bt::counted::live = 0;
    bt::counted::errors = 0;
    live_before_ = bt::global_live_blocks();
  }
  void TearDown() override {
    EXPECT_EQ(bt::counted::live, 0) << "leaked or double-destroyed elements";
    EXPECT_EQ(bt::counted::errors, 0);
    EXPECT_EQ(bt::global_live_blocks(), live_before_) << "leaked memory";
  }
  std::size_t live_before_ = 0;
};
using element_types = ::testing::Types<int, bt::counted, bt::move_only, bt::wide>;
TYPED_TEST_SUITE(VecTyped, element_types);

template <class T>
std::vector<int> values(const bare::vec<T>& v) {
  std::vector<int> out;
  for (const T& x : v) out.push_back(value_of(x));
  return out;
}
template <class T>
bare::vec<T> iota(int n) {
  bare::vec<T> v;
  for (int i = 0; i < n; ++i) EXPECT_TRUE(v.try_emplace_back(i));
  return v;
}

TYPED_TEST(VecTyped, EmptyDoesNotAllocate) {
  const std::size_t calls = bt::global_calls();
  bare::vec<TypeParam> v;
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(v.capacity(), 0u);
  EXPECT_EQ(v.data(), nullptr);
  EXPECT_EQ(v.begin(), v.end());
  EXPECT_EQ(v.first(), nullptr);
  EXPECT_EQ(v.last(), nullptr);
  EXPECT_EQ(v.get(0), nullptr);
  bare::vec<TypeParam> m(static_cast<bare::vec<TypeParam>&&>(v));
  EXPECT_EQ(bt::global_calls(), calls);
  static_assert(sizeof(bare::vec<TypeParam>) == 3 * sizeof(void*));
}

TYPED_TEST(VecTyped, PushPopGrowth) {
  bare::vec<TypeParam> v;
  std::size_t last_cap = 0, growths = 0;
  for (int i = 0; i < 100; ++i) {
    auto r = v.try_emplace_back(i);
    ASSERT_TRUE(r);
    EXPECT_EQ(value_of(*r), i);
    if (v.capacity() != last_cap) {
      ++growths;
      if (last_cap != 0) {
        EXPECT_EQ(v.capacity(), 2 * last_cap);
      }
      last_cap = v.capacity();
    }
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(v.data()) % alignof(TypeParam), 0u);
  }
  EXPECT_LE(growths, 7u);
  EXPECT_EQ(v.size(), 100u);
  EXPECT_EQ(value_of(v.front()), 0);
  EXPECT_EQ(value_of(v.back()), 99);
  EXPECT_EQ(value_of(*v.get(42)), 42);
  EXPECT_EQ(value_of(v.at(7)), 7);
  auto p = v.pop();
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(value_of(*p), 99);
  v.pop_back();
  EXPECT_EQ(v.size(), 98u);
  v.truncate(10);
  EXPECT_EQ(values(v), (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  v.truncate(20);  // no-op
  EXPECT_EQ(v.size(), 10u);
  v.clear();
  EXPECT_TRUE(v.empty());
  EXPECT_GE(v.capacity(), 100u);
  EXPECT_FALSE(v.pop().has_value());
}

TYPED_TEST(VecTyped, ReserveShrink) {
  bare::vec<TypeParam> v;
  ASSERT_TRUE(v.try_reserve(10));
  EXPECT_GE(v.capacity(), 10u);
  ASSERT_TRUE(v.try_reserve_exact(33));
  EXPECT_EQ(v.capacity(), 33u);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(v.try_emplace_back(i));
  ASSERT_TRUE(v.try_shrink_to(20));
  EXPECT_EQ(v.capacity(), 20u);
  ASSERT_TRUE(v.try_shrink_to(1));  // never below size()
  EXPECT_EQ(v.capacity(), 5u);
  ASSERT_TRUE(v.try_shrink_to_fit());
  EXPECT_EQ(v.capacity(), 5u);
  EXPECT_EQ(values(v), (std::vector<int>{0, 1, 2, 3, 4}));
  v.clear();
  ASSERT_TRUE(v.try_shrink_to_fit());
  EXPECT_EQ(v.capacity(), 0u);
  EXPECT_EQ(v.data(), nullptr);
  auto huge = v.try_reserve(SIZE_MAX);
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().kind, bare::alloc_errc::capacity_overflow);
  auto big = v.try_reserve_exact(bare::vec<TypeParam>::max_size() + 1);
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().kind, bare::alloc_errc::capacity_overflow);
#if BARE_OOM_HANDLING
  auto w = bare::vec<TypeParam>::with_capacity(9);
  EXPECT_EQ(w.capacity(), 9u);
  w.reserve(20);
  w.reserve_exact(40);
  EXPECT_EQ(w.capacity(), 40u);
  w.shrink_to(3);
  EXPECT_EQ(w.capacity(), 3u);
  w.shrink_to_fit();
  EXPECT_EQ(w.capacity(), 0u);
#endif
}

TYPED_TEST(VecTyped, WithinCapacity) {
  auto v = bare::vec<TypeParam>::try_with_capacity(2);
  ASSERT_TRUE(v);
  EXPECT_TRUE(v->emplace_back_within_capacity(1));
  EXPECT_TRUE(v->push_back_within_capacity(TypeParam(2)));
  auto full = v->push_back_within_capacity(TypeParam(3));
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().kind, bare::alloc_errc::full);
  EXPECT_EQ(values(*v), (std::vector<int>{1, 2}));
}

TYPED_TEST(VecTyped, InsertEraseRemove) {
  auto v = iota<TypeParam>(6);
  ASSERT_TRUE(v.try_emplace(v.begin() + 2, 100));
  ASSERT_TRUE(v.try_insert(v.end(), TypeParam(200)));
  ASSERT_TRUE(v.try_insert(v.begin(), TypeParam(-1)));
  EXPECT_EQ(values(v), (std::vector<int>{-1, 0, 1, 100, 2, 3, 4, 5, 200}));
  auto it = v.erase(v.begin() + 3);
  EXPECT_EQ(value_of(*it), 2);
  it = v.erase(v.begin(), v.begin() + 2);
  EXPECT_EQ(it, v.begin());
  EXPECT_EQ(values(v), (std::vector<int>{1, 2, 3, 4, 5, 200}));
  EXPECT_EQ(value_of(v.remove(1)), 2);
  EXPECT_EQ(value_of(v.swap_remove(0)), 1);
  EXPECT_EQ(values(v), (std::vector<int>{200, 3, 4, 5}));
  EXPECT_EQ(value_of(v.swap_remove(3)), 5);
  EXPECT_EQ(values(v), (std::vector<int>{200, 3, 4}));
  v.erase(v.begin(), v.end());
  EXPECT_TRUE(v.empty());
#if BARE_OOM_HANDLING
  v.emplace(v.begin(), 5);
  v.insert(v.begin(), TypeParam(4));
  v.emplace_back(6);
  v.push_back(TypeParam(7));
  EXPECT_EQ(values(v), (std::vector<int>{4, 5, 6, 7}));
#endif
}

TYPED_TEST(VecTyped, RetainDedupDrainExtract) {
  auto v = iota<TypeParam>(20);
  v.retain([](const TypeParam& x) { return value_of(x) % 3 != 0; });
  EXPECT_EQ(values(v), (std::vector<int>{1, 2, 4, 5, 7, 8, 10, 11, 13, 14, 16, 17, 19}));
  v.retain_mut([](TypeParam& x) { return value_of(x) < 10; });
  EXPECT_EQ(values(v), (std::vector<int>{1, 2, 4, 5, 7, 8}));
  {
    auto d = v.drain(1, 4);
    EXPECT_EQ(d.size(), 3u);
    auto first = d.begin();
    EXPECT_EQ(value_of(*first), 2);  // partially consumed: the rest is removed anyway
  }
  EXPECT_EQ(values(v), (std::vector<int>{1, 7, 8}));
  { auto d = v.drain(0, 0); }
  { auto d = v.drain(2, 3); }
  EXPECT_EQ(values(v), (std::vector<int>{1, 7}));
  bare::vec<TypeParam> w;
  for (int x : {1, 1, 2, 2, 2, 3, 1, 1}) ASSERT_TRUE(w.try_emplace_back(x));
  w.dedup_by_key([](const TypeParam& x) { return value_of(x); });
  EXPECT_EQ(values(w), (std::vector<int>{1, 2, 3, 1}));
  w.dedup_by([](TypeParam& a, TypeParam& b) { return value_of(a) == value_of(b) + 1; });
  EXPECT_EQ(values(w), (std::vector<int>{1, 3, 1}));
  auto e = iota<TypeParam>(10);
  std::vector<int> taken;
  {
    auto range = e.extract_if([](TypeParam& x) { return value_of(x) % 2 == 0; });
    for (TypeParam& x : range) {
      taken.push_back(value_of(x));
      if (taken.size() == 3) break;  // partially consumed: elements not reached are kept
    }
  }
  EXPECT_EQ(taken, (std::vector<int>{0, 2, 4}));
  EXPECT_EQ(values(e), (std::vector<int>{1, 3, 5, 6, 7, 8, 9}));
}

TYPED_TEST(VecTyped, SplitAppendSwap) {
  auto v = iota<TypeParam>(8);
  auto tail = v.try_split_off(5);
  ASSERT_TRUE(tail);
  EXPECT_EQ(values(v), (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(values(*tail), (std::vector<int>{5, 6, 7}));
  EXPECT_EQ(tail->capacity(), 3u);
  ASSERT_TRUE(v.try_append(*tail));
  EXPECT_TRUE(tail->empty());
  EXPECT_EQ(v.size(), 8u);
  auto w = iota<TypeParam>(2);
  v.swap(w);
  EXPECT_EQ(v.size(), 2u);
  EXPECT_EQ(w.size(), 8u);
  swap(v, w);
  EXPECT_EQ(v.size(), 8u);
  auto all = v.try_split_off(0);
  ASSERT_TRUE(all);
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(all->size(), 8u);
  auto none = all->try_split_off(8);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TYPED_TEST(VecTyped, ResizeDefault) {
  bare::vec<TypeParam> v;
  ASSERT_TRUE(v.try_resize(5));
  EXPECT_EQ(values(v), (std::vector<int>{0, 0, 0, 0, 0}));
  ASSERT_TRUE(v.try_resize(2));
  EXPECT_EQ(v.size(), 2u);
}

TYPED_TEST(VecTyped, SpareCapacityAndSetLen) {
  bare::vec<TypeParam> v;
  ASSERT_TRUE(v.try_reserve_exact(4));
  auto spare = v.spare_capacity();
  ASSERT_EQ(spare.size, 4u);
  for (int i = 0; i < 3; ++i) ::new (static_cast<void*>(spare.data + i)) TypeParam(i * 10);
  v.set_len(3);
  EXPECT_EQ(values(v), (std::vector<int>{0, 10, 20}));
}

TYPED_TEST(VecTyped, ComparisonsAndSpan) {
  auto a = iota<TypeParam>(3), b = iota<TypeParam>(3), c = iota<TypeParam>(4);
  EXPECT_TRUE(a == b);
  EXPECT_TRUE(a != c);
  EXPECT_TRUE(a < c);
  EXPECT_TRUE((c <=> a) > 0);
  std::span<const TypeParam> s = a;
  EXPECT_EQ(s.size(), 3u);
  EXPECT_EQ(value_of(s[2]), 2);
  EXPECT_TRUE(a.contains(TypeParam(1)));
  EXPECT_FALSE(a.contains(TypeParam(9)));
}

TYPED_TEST(VecTyped, StdAlgorithmsOnIterators) {
  bare::vec<TypeParam> v;
  for (int x : {5, 3, 9, 1, 7}) ASSERT_TRUE(v.try_emplace_back(x));
  std::sort(v.begin(), v.end());
  EXPECT_EQ(values(v), (std::vector<int>{1, 3, 5, 7, 9}));
  EXPECT_TRUE(std::is_sorted(v.cbegin(), v.cend()));
  static_assert(std::contiguous_iterator<typename bare::vec<TypeParam>::iterator>);
}

// ---- copying operations: copyable element types ------------------------------------------

template <class T>
class VecCopy : public VecTyped<T> {};
using copyable_types = ::testing::Types<int, bt::counted, bt::wide>;
TYPED_TEST_SUITE(VecCopy, copyable_types);

TYPED_TEST(VecCopy, CloneAssignExtendInsertCopies) {
  auto v = iota<TypeParam>(5);
  auto c = v.try_clone();
  ASSERT_TRUE(c);
  EXPECT_EQ(*c, v);
  EXPECT_EQ(c->capacity(), 5u);
  const TypeParam src[] = {TypeParam(7), TypeParam(8)};
  ASSERT_TRUE(v.try_extend_from(std::span<const TypeParam>(src)));
  ASSERT_TRUE(v.try_extend_from(src, src + 2));
  std::list<TypeParam> lst(src, src + 2);  // an iterator pair without operator-
  ASSERT_TRUE(v.try_extend_from(lst.begin(), lst.end()));
  EXPECT_EQ(values(v), (std::vector<int>{0, 1, 2, 3, 4, 7, 8, 7, 8, 7, 8}));
  ASSERT_TRUE(v.try_insert(v.begin() + 1, std::size_t{2}, TypeParam(9)));
  ASSERT_TRUE(v.try_insert(v.begin(), std::span<const TypeParam>(src)));
  ASSERT_TRUE(v.try_insert(v.end(), {TypeParam(1), TypeParam(2)}));
  ASSERT_TRUE(v.try_insert(v.begin(), src, src + 1));
  EXPECT_EQ(values(v), (std::vector<int>{7, 7, 8, 0, 9, 9, 1, 2, 3, 4, 7, 8, 7, 8, 7, 8, 1, 2}));
  ASSERT_TRUE(v.try_assign_from(std::span<const TypeParam>(src)));
  EXPECT_EQ(values(v), (std::vector<int>{7, 8}));
  ASSERT_TRUE(v.try_assign_from(v.as_span()));  // from itself
  EXPECT_EQ(values(v), (std::vector<int>{7, 8}));
  ASSERT_TRUE(v.try_resize(4, TypeParam(3)));
  EXPECT_EQ(values(v), (std::vector<int>{7, 8, 3, 3}));
  auto f = bare::vec<TypeParam>::try_from(std::span<const TypeParam>(src));
  ASSERT_TRUE(f);
  EXPECT_EQ(values(*f), (std::vector<int>{7, 8}));
#if BARE_OOM_HANDLING
  bare::vec<TypeParam> il{TypeParam(1), TypeParam(2), TypeParam(3)};
  EXPECT_EQ(il.clone(), il);
  il.extend_from(std::span<const TypeParam>(src));
  il.insert(il.begin(), std::size_t{1}, TypeParam(0));
  il.resize(3, TypeParam(0));
  il.assign_from(std::span<const TypeParam>(src));
  EXPECT_EQ(values(il), (std::vector<int>{7, 8}));
  auto sp = il.split_off(1);
  il.append(sp);
  EXPECT_EQ(values(il), (std::vector<int>{7, 8}));
#endif
}

TYPED_TEST(VecCopy, AliasingArguments) {
  auto v = iota<TypeParam>(4);
  ASSERT_TRUE(v.try_shrink_to_fit());
  ASSERT_EQ(v.capacity(), v.size());
  ASSERT_TRUE(v.try_push_back(v[0]));  // full: grows while the argument lives in the old block
  EXPECT_EQ(values(v), (std::vector<int>{0, 1, 2, 3, 0}));
  ASSERT_TRUE(v.try_reserve(10));
  ASSERT_TRUE(v.try_insert(v.begin(), v[3]));  // not full: the argument moves with the shift
  EXPECT_EQ(values(v), (std::vector<int>{3, 0, 1, 2, 3, 0}));
  ASSERT_TRUE(v.try_insert(v.begin(), std::size_t{2}, v[2]));
  EXPECT_EQ(values(v), (std::vector<int>{1, 1, 3, 0, 1, 2, 3, 0}));  // v[2] was 1
  ASSERT_TRUE(v.try_extend_from(v.as_span()));  // from itself
  EXPECT_EQ(v.size(), 16u);
  ASSERT_TRUE(v.try_resize(20, v[4]));
  EXPECT_EQ(value_of(v[19]), 1);
}

// ---- relocation: trivially relocatable elements grow through the allocator's grow ---------

struct recording {
  static inline std::size_t grows = 0, allocs = 0;
  bare::global g;
  void* allocate(bare::layout l) noexcept {
    ++allocs;
    return g.allocate(l);
  }
  void deallocate(void* p, bare::layout l) noexcept { g.deallocate(p, l); }
  void* grow(void* p, bare::layout l, std::size_t n) noexcept {
    ++grows;
    return g.grow(p, l, n);
  }
};

TEST(Vec, TriviallyRelocatableGrowsByGrow) {
  recording::grows = recording::allocs = 0;
  {
    bare::vec<int, recording> v;
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE(v.try_push_back(i));
  }
  EXPECT_EQ(recording::allocs, 1u);
  EXPECT_GT(recording::grows, 5u);
  recording::grows = recording::allocs = 0;
  {
    bare::vec<bt::counted, recording> v;
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE(v.try_emplace_back(i));
  }
  EXPECT_EQ(recording::grows, 0u);
  EXPECT_GT(recording::allocs, 5u);
  EXPECT_EQ(bt::counted::live, 0);
}

TEST(Vec, NestedClone) {
  bare::vec<bare::vec<int>> outer;
  for (int i = 0; i < 4; ++i) {
    bare::vec<int> in;
    for (int j = 0; j <= i; ++j) ASSERT_TRUE(in.try_push_back(j));
    ASSERT_TRUE(outer.try_push_back(static_cast<bare::vec<int>&&>(in)));
  }
  auto c = outer.try_clone();
  ASSERT_TRUE(c);
  EXPECT_EQ(*c, outer);
  EXPECT_NE((*c)[3].data(), outer[3].data());
}

// ---- precondition violations ----------------------------------------------------------------

[[noreturn]] void die(const char* msg, bare::source_loc where) {
  std::fprintf(stderr, "panic: %s (%s:%u)\n", msg, where.file, where.line);
  std::abort();
}

TEST(VecDeathTest, Preconditions) {
  bare::set_panic_handler(die);
  auto v = iota<int>(3);
  EXPECT_DEATH((void)v.at(3), "bare::vec::at: index out of range .*vec_test.cpp");
#if BARE_CHECKS
  EXPECT_DEATH((void)v[3], "index out of range");
#endif
  EXPECT_DEATH((void)v.remove(5), "remove: index out of range .*vec_test.cpp");
  EXPECT_DEATH((void)v.try_split_off(4), "split_off");
  EXPECT_DEATH({ auto d = v.drain(2, 1); }, "drain");
  EXPECT_DEATH((void)v.erase(v.begin() + 4), "iterator out of range");
  bare::vec<int> e;
  EXPECT_DEATH(e.pop_back(), "pop_back: empty");
  EXPECT_DEATH((void)e.back(), "back: empty");
  bare::set_panic_handler(nullptr);
}

}  // namespace
