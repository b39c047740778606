// Every fallible vec and box operation through check_all_allocation_failures: each injected
// failure surfaces as out_of_memory, leaves the container equal to an untouched copy, and
// leaks nothing; element instances stay balanced.
#include <gtest/gtest.h>

#include "bare/box.hpp"
#include "bare/testing/check_all_allocation_failures.hpp"
#include "bare/vec.hpp"
#include "support.hpp"

namespace {

using fref = bare::testing::failing_ref<>;

template <class T>
class VecOom : public ::testing::Test {
 protected:
  void SetUp() override { bt::counted::live = 0; }
  void TearDown() override {
    EXPECT_EQ(bt::counted::live, 0);
    EXPECT_EQ(bt::counted::errors, 0);
  }
};
using types = ::testing::Types<int, bt::counted, bt::wide>;
TYPED_TEST_SUITE(VecOom, types);

template <class T>
using V = bare::vec<T, fref>;

// 8 elements in capacity 8: the next insertion must allocate.
template <class T>
V<T> full8(fref a) {
  V<T> v(a);
  (void)v.try_reserve_exact(8);
  for (int i = 0; i < 8; ++i) (void)v.try_emplace_back(i);
  return v;
}

#define EXPECT_ALL_FAILURES_OK(expected, op)                                      \
  do {                                                                            \
    auto rep = bare::testing::check_all_allocation_failures(full8<TypeParam>, op); \
    EXPECT_TRUE(rep) << rep.problem << " at failed attempt " << rep.failed_attempt; \
    EXPECT_EQ(rep.allocations, std::size_t{expected});                            \
  } while (0)

TYPED_TEST(VecOom, EveryFallibleOperation) {
  using T = TypeParam;
  const T three[] = {T(1), T(2), T(3)};
  EXPECT_ALL_FAILURES_OK(1, [](V<T>& v) { return v.try_push_back(T(9)); });
  EXPECT_ALL_FAILURES_OK(1, [](V<T>& v) { return v.try_push_back(v[2]); });
  EXPECT_ALL_FAILURES_OK(1, [](V<T>& v) { return v.try_emplace_back(9); });
  EXPECT_ALL_FAILURES_OK(1, [](V<T>& v) { return v.try_emplace(v.begin() + 3, 9); });
  EXPECT_ALL_FAILURES_OK(1, [](V<T>& v) { return v.try_insert(v.begin(), T(9)); });
  EXPECT_ALL_FAILURES_OK(1, [](V<T>& v) { return v.try_insert(v.begin() + 1, std::size_t{3}, v[0]); });
  EXPECT_ALL_FAILURES_OK(1, [&](V<T>& v) { return v.try_insert(v.begin() + 4, std::span<const T>(three)); });
  EXPECT_ALL_FAILURES_OK(1, [&](V<T>& v) { return v.try_insert(v.end(), three, three + 3); });
  EXPECT_ALL_FAILURES_OK(1, [&](V<T>& v) { return v.try_extend_from(std::span<const T>(three)); });
  EXPECT_ALL_FAILURES_OK(1, [&](V<T>& v) { return v.try_extend_from(three, three + 3); });
  EXPECT_ALL_FAILURES_OK(1, [](V<T>& v) { return v.try_reserve(1); });
  EXPECT_ALL_FAILURES_OK(1, [](V<T>& v) { return v.try_reserve_exact(100); });
  EXPECT_ALL_FAILURES_OK(1, [](V<T>& v) { return v.try_resize(20); });
  EXPECT_ALL_FAILURES_OK(1, [](V<T>& v) { return v.try_resize(20, v[1]); });
  EXPECT_ALL_FAILURES_OK(1, [](V<T>& v) { return v.try_clone(); });
  EXPECT_ALL_FAILURES_OK(1, [](V<T>& v) { return v.try_split_off(3); });
  const T ten[] = {T(0), T(1), T(2), T(3), T(4), T(5), T(6), T(7), T(8), T(9)};
  EXPECT_ALL_FAILURES_OK(1, [&](V<T>& v) { return v.try_assign_from(std::span<const T>(ten)); });
  EXPECT_ALL_FAILURES_OK(0, [&](V<T>& v) { return v.try_assign_from(std::span<const T>(three)); });  // fits
  EXPECT_ALL_FAILURES_OK(1, [](V<T>& v) {
    v.pop_back();  // capacity 8, size 7: shrinking must move to a smaller block
    auto r = v.try_shrink_to_fit();
    if (!r) { (void)v.push_back_within_capacity(T(7)); }  // restore for the comparison
    return r;
  });
  EXPECT_ALL_FAILURES_OK(1, [](V<T>& v) { return V<T>::try_with_capacity(5, v.allocator()); });
  EXPECT_ALL_FAILURES_OK(1, [&](V<T>& v) { return V<T>::try_from(std::span<const T>(three), v.allocator()); });
}

TYPED_TEST(VecOom, AppendBetweenTwoVectors) {
  using T = TypeParam;
  auto setup = [](fref a) {
    struct pair {
      V<T> x, y;
      bool operator==(const pair& o) const { return x == o.x && y == o.y; }
    };
    pair p{full8<T>(a), full8<T>(a)};
    return p;
  };
  auto rep = bare::testing::check_all_allocation_failures(setup, [](auto& p) { return p.x.try_append(p.y); });
  EXPECT_TRUE(rep) << rep.problem;
  EXPECT_EQ(rep.allocations, 1u);
}

TEST(VecOomNested, CloneOfVecOfVec) {
  using inner = bare::vec<int, fref>;
  using outer = bare::vec<inner, fref>;
  auto setup = [](fref a) {
    outer o(a);
    for (int i = 0; i < 5; ++i) {
      inner in(a);
      for (int j = 0; j <= i; ++j) (void)in.try_push_back(j);
      (void)o.try_push_back(static_cast<inner&&>(in));
    }
    return o;
  };
  auto rep = bare::testing::check_all_allocation_failures(setup, [](outer& o) { return o.try_clone(); });
  EXPECT_TRUE(rep) << rep.problem;
  EXPECT_EQ(rep.allocations, 6u);
  auto ins = bare::testing::check_all_allocation_failures(setup, [](outer& o) {
    return o.try_insert(o.begin(), std::size_t{2}, o[3]);  // clones o[3] twice, then grows
  });
  EXPECT_TRUE(ins) << ins.problem;
  EXPECT_EQ(ins.allocations, 3u);
}

TEST(BoxOom, EveryFallibleOperation) {
  bt::counted::live = 0;
  auto one = bare::testing::check_all_allocation_failures([](fref a) {
    return bare::try_make_box_in<bt::counted>(a, 1);
  });
  EXPECT_TRUE(one) << one.problem;
  EXPECT_EQ(one.allocations, 1u);
  auto arr = bare::testing::check_all_allocation_failures([](fref a) {
    return bare::try_make_box<bt::counted[], fref>(7, a);
  });
  EXPECT_TRUE(arr) << arr.problem;
  auto ovw = bare::testing::check_all_allocation_failures([](fref a) {
    return bare::try_make_box_for_overwrite<int[], fref>(7, a);
  });
  EXPECT_TRUE(ovw) << ovw.problem;
  auto clone = bare::testing::check_all_allocation_failures([](fref a) -> bare::result<void> {
    auto b = bare::try_make_box_in<bare::vec<int, fref>>(a, a);
    if (!b) return bare::err(b.error());
    for (int i = 0; i < 3; ++i)
      if (auto r = (*b)->try_push_back(i); !r) return bare::err(r.error());
    auto c = b->try_clone();  // the box, then the vec inside it
    if (!c) return bare::err(c.error());
    return {};
  });
  EXPECT_TRUE(clone) << clone.problem;
  EXPECT_EQ(clone.allocations, 4u);
  EXPECT_EQ(bt::counted::live, 0);
}

}  // namespace
