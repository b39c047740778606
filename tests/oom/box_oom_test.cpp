// Every fallible box operation under check_all_allocation_failures, for int and counted, and
// for a box of a vec (whose clone allocates twice).
#include <gtest/gtest.h>

#include <cstdlib>
#include <utility>

#include "bare/box.hpp"
#include "bare/vec.hpp"
#include "oom/oom_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT
template <class T>
using B = bare::box<T, F>;

// A box compared by its contents (the state check_all_allocation_failures compares).
template <class T>
struct boxed {
  B<T> b;
  friend bool operator==(const boxed& x, const boxed& y) {
    if (!x.b || !y.b) return !x.b && !y.b;
    return *x.b == *y.b;
  }
};
template <class T>
struct boxed_array {
  B<T[]> b;
  friend bool operator==(const boxed_array& x, const boxed_array& y) {
    if (x.b.size() != y.b.size()) return false;
    for (std::size_t i = 0; i < x.b.size(); ++i)
      if (!(x.b[i] == y.b[i])) return false;
    return true;
  }
};

template <class T>
class BoxOom : public ::testing::Test {};
using types = ::testing::Types<int, counted>;
TYPED_TEST_SUITE(BoxOom, types);

TYPED_TEST(BoxOom, Make) {
  using T = TypeParam;
  EXPECT_OOM_SAFE(1u, [](F a) { return bare::try_make_box_in<T>(a, mk<T>(3)); });
  EXPECT_OOM_SAFE(1u, [](F a) { return bare::try_make_box_for_overwrite<T, F>(a); });
  EXPECT_OOM_SAFE(1u, [](F a) { return bare::try_make_box<T[], F>(5, a); });
  EXPECT_OOM_SAFE(1u, [](F a) { return bare::try_make_box_for_overwrite<T[], F>(5, a); });
  EXPECT_OOM_SAFE(0u, [](F a) { return bare::try_make_box<T[], F>(0, a); });
}

TYPED_TEST(BoxOom, Clone) {
  using T = TypeParam;
  auto one = [](F a) {
    auto r = bare::try_make_box_in<T>(a, mk<T>(4));
    if (!r) std::abort();
    return boxed<T>{std::move(*r)};
  };
  EXPECT_OOM_SAFE(1u, one, [](boxed<T>& s) { return s.b.try_clone(); });
  auto null = [](F a) { return boxed<T>{B<T>::from_raw(nullptr, a)}; };
  EXPECT_OOM_SAFE(0u, null, [](boxed<T>& s) { return s.b.try_clone(); });
  auto array = [](F a) {
    auto r = bare::try_make_box<T[], F>(4, a);
    if (!r) std::abort();
    for (std::size_t i = 0; i < 4; ++i) (*r)[i] = mk<T>(static_cast<int>(i));
    return boxed_array<T>{std::move(*r)};
  };
  EXPECT_OOM_SAFE(1u, array, [](boxed_array<T>& s) { return s.b.try_clone(); });
}

using ivec = bare::vec<int, F>;

TEST(BoxOomNested, BoxOfVecClonesDeeply) {
  auto setup = [](F a) {
    auto r = bare::try_make_box_in<ivec>(a, a);
    if (!r) std::abort();
    for (int i = 0; i < 5; ++i)
      if (!(*r)->try_push_back(i)) std::abort();
    return boxed<ivec>{std::move(*r)};
  };
  EXPECT_OOM_SAFE(2u, setup, [](boxed<ivec>& s) { return s.b.try_clone(); });  // the box + the vec's block
}

struct boxes {
  bare::vec<B<int>, F> v;
  friend bool operator==(const boxes& x, const boxes& y) {
    if (x.v.size() != y.v.size()) return false;
    for (std::size_t i = 0; i < x.v.size(); ++i)
      if (*x.v[i] != *y.v[i]) return false;
    return true;
  }
};

TEST(BoxOomNested, VecOfBoxes) {
  auto setup = [](F a) {
    boxes s{bare::vec<B<int>, F>(a)};
    if (!s.v.try_reserve_exact(3)) std::abort();
    for (int i = 0; i < 3; ++i) {
      auto b = bare::try_make_box_in<int>(a, i);
      if (!b || !s.v.try_push_back(std::move(*b))) std::abort();
    }
    return s;
  };
  // Make a box, then push it into the full vec (which grows): a failure of either frees the box.
  EXPECT_OOM_SAFE(2u, setup,
      [](boxes& s) -> bare::result<void> {
        auto b = bare::try_make_box_in<int>(s.v.allocator(), 7);
        if (!b) return bare::err(b.error());
        BARE_TRY(s.v.try_push_back(std::move(*b)));
        return {};
      });
}

}  // namespace
