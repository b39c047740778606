// vec<T>: the copying operations (try_from, try_clone, try_assign_from, insert of copies,
// try_resize(n, x), try_extend_from(span), push_back(const T&)) as typed tests over the
// copyable element types, including arguments that alias the vec's own elements. Then the
// infallible API (compiled out under BARE_NO_GLOBAL_OOM_HANDLING).
#include <gtest/gtest.h>

#include <span>
#include <utility>
#include <vector>

#include "unit/vec_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT

template <class T>
class VecCopyTest : public ::testing::Test {};
using copyable_types = ::testing::Types<int, counted, over_aligned>;
TYPED_TEST_SUITE(VecCopyTest, copyable_types);

TYPED_TEST(VecCopyTest, TryFrom) {
  using T = TypeParam;
  auto src = make_std<T>({1, 2, 3});
  auto r = bare::vec<T>::try_from(std::span<const T>(src));
  ASSERT_TRUE(r);
  EXPECT_EQ(values(*r), (ints{1, 2, 3}));
  EXPECT_EQ(r->capacity(), 3u);  // documented: "capacity exactly src.size()"
  const auto before = global_heap_stats();
  auto e = bare::vec<T>::try_from(std::span<const T>());
  ASSERT_TRUE(e);
  EXPECT_TRUE(e->empty());
  EXPECT_EQ(global_allocations_since(before), 0u);
}

TYPED_TEST(VecCopyTest, TryClone) {
  using T = TypeParam;
  auto v = make_vec<T>({1, 2, 3});
  ASSERT_TRUE(v.try_reserve(50));
  auto c = v.try_clone();
  ASSERT_TRUE(c);
  EXPECT_TRUE(*c == v);
  EXPECT_EQ(c->capacity(), 3u);  // documented: "A copy with capacity exactly size()"
  EXPECT_NE(c->data(), v.data());
  (*c)[0] = mk<T>(9);
  EXPECT_EQ(val(v[0]), 1);  // independent
  const auto before = global_heap_stats();
  auto e = bare::vec<T>().try_clone();
  ASSERT_TRUE(e);
  EXPECT_EQ(global_allocations_since(before), 0u);
}

TYPED_TEST(VecCopyTest, TryAssignFrom) {
  using T = TypeParam;
  auto v = make_vec<T>({1, 2, 3, 4});
  auto small = make_std<T>({7, 8});
  const T* data = v.data();
  ASSERT_TRUE(v.try_assign_from(std::span<const T>(small)));
  EXPECT_EQ(values(v), (ints{7, 8}));
  EXPECT_EQ(v.data(), data);  // fits: reuses the block
  auto big = make_std<T>({1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(v.try_assign_from(std::span<const T>(big)));
  EXPECT_EQ(values(v), (ints{1, 2, 3, 4, 5, 6}));
  EXPECT_GE(v.capacity(), 6u);
  // From a part of itself.
  ASSERT_TRUE(v.try_assign_from(std::span<const T>(v.data() + 2, 3)));
  EXPECT_EQ(values(v), (ints{3, 4, 5}));
  ASSERT_TRUE(v.try_assign_from(v.as_span()));
  EXPECT_EQ(values(v), (ints{3, 4, 5}));
  ASSERT_TRUE(v.try_assign_from(std::span<const T>()));
  EXPECT_TRUE(v.empty());
}

TYPED_TEST(VecCopyTest, TryInsertCopies) {
  using T = TypeParam;
  for (bool room : {false, true}) {
    auto v = make_vec<T>({1, 2, 3});
    if (room) {
      ASSERT_TRUE(v.try_reserve(10));
    }
    const T x = mk<T>(5);
    auto r = v.try_insert(v.begin() + 1, std::size_t{3}, x);
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, v.begin() + 1);
    EXPECT_EQ(values(v), (ints{1, 5, 5, 5, 2, 3})) << "room " << room;
    auto z = v.try_insert(v.begin(), std::size_t{0}, x);
    ASSERT_TRUE(z);
    EXPECT_EQ(*z, v.begin());
    ASSERT_TRUE(v.try_insert(v.end(), std::size_t{1}, x));
    EXPECT_EQ(values(v), (ints{1, 5, 5, 5, 2, 3, 5}));
    EXPECT_EQ(val(x), 5);
  }
}

TYPED_TEST(VecCopyTest, TryInsertCopiesOfOwnElement) {
  using T = TypeParam;
  for (bool room : {false, true}) {
    auto v = make_vec<T>({1, 2, 3});
    if (room) {
      ASSERT_TRUE(v.try_reserve(10));
    }
    ASSERT_TRUE(v.try_insert(v.begin(), std::size_t{2}, v[2]));  // v[2] moves when the gap opens
    EXPECT_EQ(values(v), (ints{3, 3, 1, 2, 3})) << "room " << room;
    ASSERT_TRUE(v.try_insert(v.begin() + 3, std::size_t{3}, v[4]));
    EXPECT_EQ(values(v), (ints{3, 3, 1, 3, 3, 3, 2, 3})) << "room " << room;
  }
}

TYPED_TEST(VecCopyTest, TryInsertSpanAndInitializerList) {
  using T = TypeParam;
  for (bool room : {false, true}) {
    auto v = make_vec<T>({1, 2, 3});
    if (room) {
      ASSERT_TRUE(v.try_reserve(10));
    }
    auto src = make_std<T>({7, 8});
    auto r = v.try_insert(v.begin() + 1, std::span<const T>(src));
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, v.begin() + 1);
    ASSERT_TRUE(v.try_insert(v.end(), {mk<T>(9), mk<T>(10)}));
    ASSERT_TRUE(v.try_insert(v.begin(), std::initializer_list<T>{}));
    ASSERT_TRUE(v.try_insert(v.begin(), std::span<const T>()));
    EXPECT_EQ(values(v), (ints{1, 7, 8, 2, 3, 9, 10})) << "room " << room;
  }
}

TYPED_TEST(VecCopyTest, TryInsertIteratorPairCopies) {
  using T = TypeParam;
  auto v = make_vec<T>({1, 2});
  const auto src = make_std<T>({3, 4, 5});
  ASSERT_TRUE(v.try_insert(v.begin() + 1, src.begin(), src.end()));
  EXPECT_EQ(values(v), (ints{1, 3, 4, 5, 2}));
  EXPECT_EQ(values(src), (ints{3, 4, 5}));
}

TYPED_TEST(VecCopyTest, TryResizeWithValue) {
  using T = TypeParam;
  auto v = make_vec<T>({1, 2});
  ASSERT_TRUE(v.try_resize(5, mk<T>(7)));
  EXPECT_EQ(values(v), (ints{1, 2, 7, 7, 7}));
  ASSERT_TRUE(v.try_resize(2, mk<T>(9)));
  EXPECT_EQ(values(v), (ints{1, 2}));
  ASSERT_TRUE(v.try_resize(6, v[1]));  // full, so it grows: the value lives in the old block
  EXPECT_EQ(values(v), (ints{1, 2, 2, 2, 2, 2}));
  ASSERT_TRUE(v.try_reserve(10));
  ASSERT_TRUE(v.try_resize(8, v[0]));  // room
  EXPECT_EQ(values(v), (ints{1, 2, 2, 2, 2, 2, 1, 1}));
}

TYPED_TEST(VecCopyTest, TryExtendFromSpan) {
  using T = TypeParam;
  auto v = make_vec<T>({1, 2});
  auto src = make_std<T>({3, 4});
  ASSERT_TRUE(v.try_extend_from(std::span<const T>(src)));
  EXPECT_EQ(values(v), (ints{1, 2, 3, 4}));
  ASSERT_TRUE(v.try_extend_from(std::span<const T>()));
  EXPECT_EQ(v.size(), 4u);
}

TYPED_TEST(VecCopyTest, TryExtendFromOwnElements) {
  using T = TypeParam;
  auto v = make_vec<T>({1, 2, 3});
  ASSERT_EQ(v.size(), v.capacity());
  ASSERT_TRUE(v.try_extend_from(v.as_span()));  // must grow: the source is the old block
  EXPECT_EQ(values(v), (ints{1, 2, 3, 1, 2, 3}));
  ASSERT_TRUE(v.try_reserve(20));
  ASSERT_TRUE(v.try_extend_from(std::span<const T>(v.data() + 1, 2)));  // room
  EXPECT_EQ(values(v), (ints{1, 2, 3, 1, 2, 3, 2, 3}));
}

TYPED_TEST(VecCopyTest, TryPushBackCopyOfOwnElement) {
  using T = TypeParam;
  auto v = make_vec<T>({1, 2, 3, 4});
  ASSERT_EQ(v.size(), v.capacity());
  const T& first = v[0];
  ASSERT_TRUE(v.try_push_back(first));  // full: the reference is into the block being replaced
  EXPECT_EQ(values(v), (ints{1, 2, 3, 4, 1}));
  ASSERT_TRUE(v.try_push_back(v[4]));  // room
  EXPECT_EQ(values(v), (ints{1, 2, 3, 4, 1, 1}));
  auto w = make_vec<T>({1, 2, 3, 4});
  ASSERT_TRUE(w.try_insert(w.begin(), w[3]));  // full
  ASSERT_TRUE(w.try_insert(w.begin() + 2, w[4]));  // room; w[4] moves while the gap opens
  EXPECT_EQ(values(w), (ints{4, 1, 4, 2, 3, 4}));
  const T x = mk<T>(6);
  ASSERT_TRUE(w.try_push_back(x));
  EXPECT_EQ(val(x), 6);
}

#if BARE_OOM_HANDLING
// The infallible twins: the same results as the try_ forms (the failure path, the handler, is
// in handlers_test.cpp and vec_test.cpp).
TYPED_TEST(VecCopyTest, InfallibleApi) {
  using T = TypeParam;
  bare::vec<T> v{mk<T>(1), mk<T>(2)};
  EXPECT_EQ(values(v), (ints{1, 2}));
  v.push_back(mk<T>(3));
  const T four = mk<T>(4);
  v.push_back(four);
  v.emplace_back(mk<T>(5));
  EXPECT_EQ(values(v), (ints{1, 2, 3, 4, 5}));
  v.insert(v.begin(), mk<T>(0));
  v.insert(v.begin() + 1, four);
  v.emplace(v.begin() + 1, mk<T>(9));
  EXPECT_EQ(values(v), (ints{0, 9, 4, 1, 2, 3, 4, 5}));
  v.insert(v.end(), std::size_t{2}, four);
  v.insert(v.begin(), {mk<T>(7), mk<T>(7)});
  auto src = make_std<T>({6});
  v.insert(v.begin() + 2, std::span<const T>(src));
  v.insert(v.begin() + 2, src.begin(), src.end());
  EXPECT_EQ(values(v), (ints{7, 7, 6, 6, 0, 9, 4, 1, 2, 3, 4, 5, 4, 4}));
  v.extend_from(std::span<const T>(src));
  v.extend_from(src.begin(), src.end());
  v.extend_from(counting_input<T>{0}, counting_end{2});
  EXPECT_EQ(v.size(), 18u);
  v.resize(3);
  EXPECT_EQ(values(v), (ints{7, 7, 6}));
  v.resize(5, mk<T>(1));
  EXPECT_EQ(values(v), (ints{7, 7, 6, 1, 1}));
  if constexpr (std::is_default_constructible_v<T>) {
    v.resize(6);
    EXPECT_EQ(val(v[5]), 0);
  }
  v.reserve(100);
  EXPECT_GE(v.capacity(), 106u);
  v.reserve_exact(200);
  EXPECT_EQ(v.capacity(), 206u);
  v.shrink_to(10);
  EXPECT_EQ(v.capacity(), 10u);
  v.shrink_to_fit();
  EXPECT_EQ(v.capacity(), 6u);
  bare::vec<T> tail = v.split_off(4);
  EXPECT_EQ(values(tail), (ints{1, 0}));
  bare::vec<T> c = v.clone();
  EXPECT_TRUE(c == v);
  c.append(tail);
  EXPECT_EQ(values(c), (ints{7, 7, 6, 1, 1, 0}));
  c.assign_from(v.as_span());
  EXPECT_TRUE(c == v);
  bare::vec<T> w = bare::vec<T>::with_capacity(7);
  EXPECT_EQ(w.capacity(), 7u);
  bare::vec<T> f = bare::vec<T>::from(v.as_span());
  EXPECT_TRUE(f == v);
  bare::vec<T> empty{};
  EXPECT_EQ(empty.capacity(), 0u);
}
#endif

}  // namespace
