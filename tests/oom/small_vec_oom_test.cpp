// Every fallible small_vec operation under check_all_allocation_failures, at the spill from
// inline to the heap, on the heap, and back inline (for int and counted). Each case states
// how many allocation attempts the operation makes when nothing fails.
#include <gtest/gtest.h>

#include <cstdlib>
#include <span>
#include <vector>

#include "bare/small_vec.hpp"
#include "oom/oom_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT
template <class T>
using SV = bare::small_vec<T, 4, F>;

// 4 elements, inline and full: the next growth spills.
template <class T>
SV<T> full_inline(F a) {
  SV<T> v(a);
  for (int i = 0; i < 4; ++i)
    if (!v.try_push_back(mk<T>(i))) std::abort();
  return v;
}
// 8 elements on the heap, capacity 8.
template <class T>
SV<T> full_heap(F a) {
  SV<T> v = full_inline<T>(a);
  if (!v.try_reserve_exact(4)) std::abort();
  for (int i = 4; i < 8; ++i)
    if (!v.try_push_back(mk<T>(i))) std::abort();
  return v;
}
// 3 elements on the heap (capacity 8): shrink_to_fit goes back inline without allocating.
template <class T>
SV<T> sparse_heap(F a) {
  SV<T> v = full_heap<T>(a);
  v.truncate(3);
  return v;
}

template <class T>
class SmallVecOom : public ::testing::Test {};
using types = ::testing::Types<int, counted>;
TYPED_TEST_SUITE(SmallVecOom, types);

TYPED_TEST(SmallVecOom, SpillToTheHeap) {
  using T = TypeParam;
  EXPECT_OOM_SAFE(1u, full_inline<T>, [](SV<T>& v) { return v.try_push_back(mk<T>(9)); });
  EXPECT_OOM_SAFE(1u, full_inline<T>, [](SV<T>& v) { return v.try_push_back(v[2]); });  // aliasing
  EXPECT_OOM_SAFE(1u, full_inline<T>, [](SV<T>& v) { return v.try_insert(v.begin() + 1, mk<T>(9)); });
  EXPECT_OOM_SAFE(1u, full_inline<T>, [](SV<T>& v) { return v.try_insert(v.begin(), std::size_t{3}, v[3]); });
  EXPECT_OOM_SAFE(1u, full_inline<T>, [](SV<T>& v) { return v.try_reserve(1); });
  EXPECT_OOM_SAFE(1u, full_inline<T>, [](SV<T>& v) { return v.try_resize(6); });
  EXPECT_OOM_SAFE(1u, full_inline<T>, [](SV<T>& v) { return v.try_extend_from(v.as_span()); });
  EXPECT_OOM_SAFE(1u, full_inline<T>,
      [](SV<T>& v) { return v.try_extend_from(counting_input<T>{0}, counting_end{3}); });
  EXPECT_OOM_SAFE(0u, full_inline<T>, [](SV<T>& v) { return v.try_reserve(0); });
}

TYPED_TEST(SmallVecOom, OnTheHeap) {
  using T = TypeParam;
  EXPECT_OOM_SAFE(1u, full_heap<T>, [](SV<T>& v) { return v.try_push_back(mk<T>(9)); });
  EXPECT_OOM_SAFE(1u, full_heap<T>, [](SV<T>& v) { return v.try_insert(v.begin() + 5, mk<T>(9)); });
  EXPECT_OOM_SAFE(1u, full_heap<T>, [](SV<T>& v) { return v.try_reserve_exact(20); });
  EXPECT_OOM_SAFE(0u, sparse_heap<T>, [](SV<T>& v) { return v.try_shrink_to_fit(); });  // back inline
  auto six_on_heap = [](F a) {
    SV<T> v = full_heap<T>(a);
    v.truncate(6);
    return v;
  };
  EXPECT_OOM_SAFE(1u, six_on_heap, [](SV<T>& v) { return v.try_shrink_to_fit(); });  // 8 -> 6 on the heap
}

TYPED_TEST(SmallVecOom, NewVectors) {
  using T = TypeParam;
  EXPECT_OOM_SAFE(1u, full_heap<T>, [](SV<T>& v) { return v.try_clone(); });
  EXPECT_OOM_SAFE(0u, full_inline<T>, [](SV<T>& v) { return v.try_clone(); });
  EXPECT_OOM_SAFE(1u, [](F a) {
    const T src[] = {mk<T>(1), mk<T>(2), mk<T>(3), mk<T>(4), mk<T>(5)};
    return SV<T>::try_from(std::span<const T>(src), a);
  });
  EXPECT_OOM_SAFE(1u, full_heap<T>, [](SV<T>& v) { return v.try_split_off(2); });  // 6 > 4 move out
  EXPECT_OOM_SAFE(0u, full_heap<T>, [](SV<T>& v) { return v.try_split_off(5); });  // 3 fit inline
}

}  // namespace
