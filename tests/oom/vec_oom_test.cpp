// Every fallible vec operation under check_all_allocation_failures, for int and counted, and
// for nested vecs (whose element clones allocate and may fail too). Each case states how many
// allocation attempts the operation makes when nothing fails.
#include <gtest/gtest.h>

#include <cstdlib>
#include <span>
#include <utility>
#include <vector>

#include "bare/vec.hpp"
#include "oom/oom_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT
template <class T>
using V = bare::vec<T, F>;

// Size 8, capacity 8: any growth allocates.
template <class T>
V<T> full(F a) {
  V<T> v(a);
  if (!v.try_reserve_exact(8)) std::abort();
  for (int i = 0; i < 8; ++i)
    if (!v.try_push_back(mk<T>(i))) std::abort();
  return v;
}
// Size 8, capacity 16.
template <class T>
V<T> roomy(F a) {
  V<T> v = full<T>(a);
  if (!v.try_reserve_exact(8)) std::abort();
  return v;
}
template <class T>
V<T> empty_vec(F a) {
  return V<T>(a);
}

// Two vecs, for append.
template <class T>
struct two {
  V<T> a, b;
  friend bool operator==(const two& x, const two& y) { return x.a == y.a && x.b == y.b; }
};

template <class T>
class VecOom : public ::testing::Test {};
using types = ::testing::Types<int, counted>;
TYPED_TEST_SUITE(VecOom, types);

TYPED_TEST(VecOom, Construction) {
  using T = TypeParam;
  EXPECT_OOM_SAFE(1u, [](F a) { return V<T>::try_with_capacity(5, a); });
  EXPECT_OOM_SAFE(0u, [](F a) { return V<T>::try_with_capacity(0, a); });
  EXPECT_OOM_SAFE(1u, [](F a) {
        const T src[] = {mk<T>(1), mk<T>(2), mk<T>(3)};
        return V<T>::try_from(std::span<const T>(src), a);
      });
}

TYPED_TEST(VecOom, ReserveAndShrink) {
  using T = TypeParam;
  EXPECT_OOM_SAFE(1u, full<T>, [](V<T>& v) { return v.try_reserve(1); });
  EXPECT_OOM_SAFE(1u, full<T>, [](V<T>& v) { return v.try_reserve(100); });
  EXPECT_OOM_SAFE(1u, full<T>, [](V<T>& v) { return v.try_reserve_exact(3); });
  EXPECT_OOM_SAFE(1u, empty_vec<T>, [](V<T>& v) { return v.try_reserve(1); });
  EXPECT_OOM_SAFE(0u, roomy<T>, [](V<T>& v) { return v.try_reserve(8); });
  EXPECT_OOM_SAFE(1u, roomy<T>, [](V<T>& v) { return v.try_shrink_to_fit(); });
  EXPECT_OOM_SAFE(1u, roomy<T>, [](V<T>& v) { return v.try_shrink_to(10); });
  EXPECT_OOM_SAFE(0u, full<T>, [](V<T>& v) { return v.try_shrink_to_fit(); });
}

TYPED_TEST(VecOom, PushAndEmplace) {
  using T = TypeParam;
  EXPECT_OOM_SAFE(1u, full<T>, [](V<T>& v) { return v.try_push_back(mk<T>(9)); });
  EXPECT_OOM_SAFE(1u, full<T>,
      [](V<T>& v) {
        const T x = mk<T>(9);
        return v.try_push_back(x);
      });
  EXPECT_OOM_SAFE(1u, full<T>, [](V<T>& v) { return v.try_emplace_back(9); });
  EXPECT_OOM_SAFE(1u, full<T>, [](V<T>& v) { return v.try_push_back(v[3]); });  // aliasing
  EXPECT_OOM_SAFE(1u, empty_vec<T>, [](V<T>& v) { return v.try_push_back(mk<T>(1)); });
  EXPECT_OOM_SAFE(0u, roomy<T>, [](V<T>& v) { return v.try_push_back(mk<T>(1)); });
}

TYPED_TEST(VecOom, InsertOne) {
  using T = TypeParam;
  EXPECT_OOM_SAFE(1u, full<T>, [](V<T>& v) { return v.try_insert(v.begin(), mk<T>(9)); });
  EXPECT_OOM_SAFE(1u, full<T>, [](V<T>& v) { return v.try_insert(v.begin() + 4, mk<T>(9)); });
  EXPECT_OOM_SAFE(1u, full<T>, [](V<T>& v) { return v.try_insert(v.end(), mk<T>(9)); });
  EXPECT_OOM_SAFE(1u, full<T>, [](V<T>& v) { return v.try_emplace(v.begin() + 1, 9); });
  EXPECT_OOM_SAFE(1u, full<T>, [](V<T>& v) { return v.try_insert(v.begin() + 1, v[6]); });  // aliasing
}

TYPED_TEST(VecOom, InsertMany) {
  using T = TypeParam;
  EXPECT_OOM_SAFE(1u, full<T>, [](V<T>& v) { return v.try_insert(v.begin() + 2, std::size_t{5}, mk<T>(9)); });
  EXPECT_OOM_SAFE(1u, full<T>, [](V<T>& v) { return v.try_insert(v.begin() + 2, std::size_t{5}, v[7]); });
  EXPECT_OOM_SAFE(0u, full<T>, [](V<T>& v) { return v.try_insert(v.begin(), std::size_t{0}, mk<T>(9)); });
  EXPECT_OOM_SAFE(0u, roomy<T>, [](V<T>& v) { return v.try_insert(v.begin(), std::size_t{3}, v[5]); });
  EXPECT_OOM_SAFE(1u, full<T>,
      [](V<T>& v) {
        const T src[] = {mk<T>(10), mk<T>(11), mk<T>(12)};
        return v.try_insert(v.begin() + 3, std::span<const T>(src));
      });
  EXPECT_OOM_SAFE(1u, full<T>, [](V<T>& v) { return v.try_insert(v.end(), {mk<T>(10), mk<T>(11)}); });
  EXPECT_OOM_SAFE(1u, full<T>,
      [](V<T>& v) {
        const std::vector<T> src{mk<T>(10), mk<T>(11), mk<T>(12)};
        return v.try_insert(v.begin() + 1, src.begin(), src.end());
      });
}

TYPED_TEST(VecOom, Extend) {
  using T = TypeParam;
  EXPECT_OOM_SAFE(1u, full<T>,
      [](V<T>& v) {
        const T src[] = {mk<T>(10), mk<T>(11)};
        return v.try_extend_from(std::span<const T>(src));
      });
  EXPECT_OOM_SAFE(1u, full<T>, [](V<T>& v) { return v.try_extend_from(v.as_span()); });  // from itself
  EXPECT_OOM_SAFE(1u, full<T>,
      [](V<T>& v) {
        const std::vector<T> src{mk<T>(10), mk<T>(11), mk<T>(12)};
        return v.try_extend_from(src.begin(), src.end());
      });
  // Unsized input: element by element; 8 + 10 elements grow twice (8 -> 16 -> 32). On failure
  // the elements already added are removed again.
  EXPECT_OOM_SAFE(2u, full<T>, [](V<T>& v) { return v.try_extend_from(counting_input<T>{0}, counting_end{10}); });
}

TYPED_TEST(VecOom, AppendResizeSplit) {
  using T = TypeParam;
  auto pair = [](F a) { return two<T>{full<T>(a), full<T>(a)}; };
  EXPECT_OOM_SAFE(1u, pair, [](two<T>& s) { return s.a.try_append(s.b); });
  EXPECT_OOM_SAFE(1u, full<T>, [](V<T>& v) { return v.try_resize(20); });
  EXPECT_OOM_SAFE(1u, full<T>, [](V<T>& v) { return v.try_resize(20, mk<T>(5)); });
  EXPECT_OOM_SAFE(1u, full<T>, [](V<T>& v) { return v.try_resize(20, v[2]); });
  EXPECT_OOM_SAFE(0u, full<T>, [](V<T>& v) { return v.try_resize(3); });
  EXPECT_OOM_SAFE(1u, full<T>, [](V<T>& v) { return v.try_split_off(3); });
  EXPECT_OOM_SAFE(0u, full<T>, [](V<T>& v) { return v.try_split_off(8); });
}

TYPED_TEST(VecOom, CloneAndAssign) {
  using T = TypeParam;
  EXPECT_OOM_SAFE(1u, full<T>, [](V<T>& v) { return v.try_clone(); });
  EXPECT_OOM_SAFE(0u, empty_vec<T>, [](V<T>& v) { return v.try_clone(); });
  EXPECT_OOM_SAFE(1u, full<T>,
      [](V<T>& v) {
        std::vector<T> src;
        for (int i = 0; i < 12; ++i) src.push_back(mk<T>(i * 2));
        return v.try_assign_from(std::span<const T>(src));
      });
  EXPECT_OOM_SAFE(0u, full<T>,
      [](V<T>& v) {
        const T src[] = {mk<T>(1)};
        return v.try_assign_from(std::span<const T>(src));
      });
  EXPECT_OOM_SAFE(1u, full<T>, [](V<T>& v) { return v.try_assign_from(std::span<const T>(v.data() + 2, 4)); });
}

// A sequence of fallible operations is not atomic as a whole (each one is): a failure in the
// middle leaves the earlier ones done. check_all_allocation_failures must say so.
TYPED_TEST(VecOom, SequenceOfPushesIsNotAtomic) {
  using T = TypeParam;
  auto rep = bare::testing::check_all_allocation_failures(full<T>, [](V<T>& v) -> bare::result<void> {
    for (int i = 0; i < 10; ++i) BARE_TRY(v.try_push_back(mk<T>(i)));
    return {};
  });
  EXPECT_FALSE(rep.ok);
  EXPECT_STREQ(rep.problem, "the state changed although the operation failed");
  EXPECT_EQ(counted::live, 0);
}

// ---- nested: vec<vec<int>>, whose element copies allocate ---------------------------------

using inner = V<int>;
using outer = V<inner>;

// {{0}, {0, 1}, {0, 1, 2}, {}}: capacity exactly 4; three inner blocks.
outer nested(F a) {
  outer o(a);
  if (!o.try_reserve_exact(4)) std::abort();
  for (int i = 0; i < 3; ++i) {
    inner in(a);
    for (int j = 0; j <= i; ++j)
      if (!in.try_push_back(j)) std::abort();
    if (!o.try_push_back(std::move(in))) std::abort();
  }
  if (!o.try_emplace_back(a)) std::abort();
  return o;
}

TEST(VecOomNested, Clone) {
  EXPECT_OOM_SAFE(4u, nested, [](outer& o) { return o.try_clone(); });  // outer + 3 non-empty inners
}

TEST(VecOomNested, CopyingOperations) {
  EXPECT_OOM_SAFE(3u, nested, [](outer& o) { return o.try_insert(o.begin(), std::size_t{2}, o[1]); });
  EXPECT_OOM_SAFE(3u, nested, [](outer& o) { return o.try_resize(6, o[2]); });
  EXPECT_OOM_SAFE(4u, nested, [](outer& o) { return o.try_extend_from(o.as_span()); });
  EXPECT_OOM_SAFE(0u, nested, [](outer& o) { return o.try_insert(o.begin() + 1, o.as_span().subspan(0, 0)); });
  auto two_nested = [](F a) { return std::pair<outer, outer>{nested(a), nested(a)}; };
  EXPECT_OOM_SAFE(4u, two_nested,
                  [](std::pair<outer, outer>& s) { return outer::try_from(s.second.as_span(), s.first.allocator()); });
}

TEST(VecOomNested, AssignFromClonesThroughTryClone) {
  // Even when it fits, a vec of vecs is assigned by building a fresh copy first, so that a
  // failing element clone leaves the old contents in place.
  auto two_nested = [](F a) { return std::pair<outer, outer>{nested(a), nested(a)}; };
  EXPECT_OOM_SAFE(4u, two_nested, [](std::pair<outer, outer>& s) { return s.first.try_assign_from(s.second.as_span()); });
}

TEST(VecOomNested, ElementClonesInsideTheRoomPath) {
  // With room, try_insert(pos, n, x) clones x n times in place; a failing clone must undo.
  auto spacious = [](F a) {
    outer o = nested(a);
    if (!o.try_reserve(10)) std::abort();
    return o;
  };
  EXPECT_OOM_SAFE(4u, spacious, [](outer& o) { return o.try_insert(o.begin() + 1, std::size_t{3}, o[2]); });
  EXPECT_OOM_SAFE(4u, spacious,
      [](outer& o) -> bare::result<outer::iterator> {
        inner x(o.allocator());
        BARE_TRY(x.try_push_back(5));  // this allocation is failed in turn too
        return o.try_insert(o.begin() + 2, std::size_t{3}, x);
      });  // x itself + 3 clones
  // x = o[1] lives in the vec: cloned once first, then 4 clones of the clone.
  EXPECT_OOM_SAFE(5u, spacious, [](outer& o) { return o.try_resize(8, o[1]); });
}

}  // namespace
