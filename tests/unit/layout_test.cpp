// layout, checked size arithmetic (detail/checked.hpp) and the growth policy
// (detail/raw_vec.hpp next_capacity), directly and as seen through vec.
#include <gtest/gtest.h>

#include <cstdint>

#include "bare/alloc/layout.hpp"
#include "bare/detail/checked.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/vec.hpp"
#include "support/heap.hpp"

namespace {

using bare::layout;
using bare::detail::next_capacity;
constexpr std::size_t max = SIZE_MAX;

TEST(Layout, OfAndValidity) {
  struct alignas(32) s32 {
    char c[40];
  };
  EXPECT_EQ(bare::layout_of<int>, (layout{sizeof(int), alignof(int)}));
  EXPECT_EQ(bare::layout_of<s32>, (layout{64, 32}));
  EXPECT_TRUE((layout{0, 1}).is_valid());
  EXPECT_TRUE((layout{3, 4096}).is_valid());
  EXPECT_FALSE((layout{8, 0}).is_valid());
  EXPECT_FALSE((layout{8, 3}).is_valid());
  EXPECT_FALSE((layout{8, 12}).is_valid());
  EXPECT_EQ(layout{}, (layout{0, 1}));
  EXPECT_NE((layout{1, 1}), (layout{1, 2}));
}

TEST(Checked, Add) {
  std::size_t out = 0;
  EXPECT_TRUE(bare::detail::checked_add(2, 3, &out));
  EXPECT_EQ(out, 5u);
  EXPECT_TRUE(bare::detail::checked_add(max - 1, 1, &out));
  EXPECT_EQ(out, max);
  EXPECT_FALSE(bare::detail::checked_add(max, 1, &out));
  EXPECT_FALSE(bare::detail::checked_add(max / 2 + 1, max / 2 + 1, &out));
}

TEST(Checked, Mul) {
  std::size_t out = 0;
  EXPECT_TRUE(bare::detail::checked_mul(6, 7, &out));
  EXPECT_EQ(out, 42u);
  EXPECT_TRUE(bare::detail::checked_mul(max, 1, &out));
  EXPECT_TRUE(bare::detail::checked_mul(0, max, &out));
  EXPECT_EQ(out, 0u);
  EXPECT_FALSE(bare::detail::checked_mul(max / 2 + 1, 2, &out));
  EXPECT_FALSE(bare::detail::checked_mul(std::size_t{1} << 32, std::size_t{1} << 32, &out));
}

TEST(Checked, AlignUp) {
  std::size_t out = 0;
  EXPECT_TRUE(bare::detail::checked_align_up(0, 8, &out));
  EXPECT_EQ(out, 0u);
  EXPECT_TRUE(bare::detail::checked_align_up(1, 8, &out));
  EXPECT_EQ(out, 8u);
  EXPECT_TRUE(bare::detail::checked_align_up(16, 16, &out));
  EXPECT_EQ(out, 16u);
  EXPECT_TRUE(bare::detail::checked_align_up(4097, 4096, &out));
  EXPECT_EQ(out, 8192u);
  EXPECT_FALSE(bare::detail::checked_align_up(max - 2, 8, &out));
  EXPECT_TRUE(bare::detail::checked_align_up(max, 1, &out));
  EXPECT_EQ(out, max);
}

static_assert(bare::detail::max_object_size == static_cast<std::size_t>(PTRDIFF_MAX));
static_assert(bare::detail::max_elems(1) == static_cast<std::size_t>(PTRDIFF_MAX));
static_assert(bare::detail::max_elems(8) == static_cast<std::size_t>(PTRDIFF_MAX) / 8);

std::size_t nc(std::size_t cap, std::size_t len, std::size_t add, layout elem, bool exact = false) {
  auto r = next_capacity(cap, len, add, elem, exact);
  EXPECT_TRUE(r.has_value()) << "cap " << cap << " len " << len << " add " << add;
  return r ? *r : 0;
}

TEST(GrowthPolicy, MinimumNonZeroCapacity) {
  EXPECT_EQ(bare::detail::min_non_zero_cap(1), 8u);
  EXPECT_EQ(bare::detail::min_non_zero_cap(2), 4u);
  EXPECT_EQ(bare::detail::min_non_zero_cap(1024), 4u);
  EXPECT_EQ(bare::detail::min_non_zero_cap(1025), 1u);
  EXPECT_EQ(nc(0, 0, 1, layout{1, 1}), 8u);
  EXPECT_EQ(nc(0, 0, 1, layout{4, 4}), 4u);
  EXPECT_EQ(nc(0, 0, 1, layout{1024, 8}), 4u);
  EXPECT_EQ(nc(0, 0, 1, layout{1025, 1}), 1u);
  EXPECT_EQ(nc(0, 0, 1, layout{4096, 4096}), 1u);
  // A request beyond the minimum is honoured.
  EXPECT_EQ(nc(0, 0, 9, layout{1, 1}), 9u);
}

TEST(GrowthPolicy, Doubling) {
  EXPECT_EQ(nc(4, 4, 1, layout{4, 4}), 8u);
  EXPECT_EQ(nc(8, 8, 1, layout{4, 4}), 16u);
  EXPECT_EQ(nc(8, 8, 1, layout{1, 1}), 16u);
  EXPECT_EQ(nc(1, 1, 1, layout{2000, 8}), 2u);
  EXPECT_EQ(nc(3, 3, 1, layout{2000, 8}), 6u);
  // len + additional wins over doubling when larger.
  EXPECT_EQ(nc(4, 4, 100, layout{4, 4}), 104u);
  EXPECT_EQ(nc(16, 10, 7, layout{4, 4}), 32u);
}

TEST(GrowthPolicy, Exact) {
  EXPECT_EQ(nc(0, 0, 1, layout{1, 1}, true), 1u);
  EXPECT_EQ(nc(4, 4, 1, layout{4, 4}, true), 5u);
  EXPECT_EQ(nc(8, 3, 10, layout{4, 4}, true), 13u);
}

TEST(GrowthPolicy, OverflowIsCapacityOverflow) {
  auto expect_overflow = [](std::size_t cap, std::size_t len, std::size_t add, layout elem, bool exact) {
    auto r = next_capacity(cap, len, add, elem, exact);
    ASSERT_FALSE(r.has_value()) << "cap " << cap << " len " << len << " add " << add;
    EXPECT_EQ(r.error().kind, bare::alloc_errc::capacity_overflow);
    EXPECT_EQ(r.error().request.align, elem.align);
  };
  expect_overflow(0, 0, max, layout{1, 1}, false);              // above PTRDIFF_MAX bytes
  expect_overflow(0, 0, max / 8 + 1, layout{8, 8}, true);        // n * 8 would wrap
  expect_overflow(16, 16, max - 8, layout{4, 4}, false);         // len + additional wraps
  expect_overflow(0, 0, bare::detail::max_elems(4) + 1, layout{4, 4}, false);
}

TEST(GrowthPolicy, DoublingIsClampedToTheLimit) {
  const std::size_t limit = bare::detail::max_elems(4);
  // Doubling past the limit clamps to it rather than failing.
  EXPECT_EQ(nc(limit / 2 + 10, limit / 2 + 10, 1, layout{4, 4}), limit);
  EXPECT_EQ(nc(limit - 1, limit - 1, 1, layout{4, 4}), limit);
}

TEST(GrowthPolicy, SeenThroughVec) {
  bare_test::recording rec;
  {
    bare::vec<char, bare_test::recording_ref> c(rec);
    ASSERT_TRUE(c.try_push_back('a'));
    EXPECT_EQ(c.capacity(), 8u);
    bare::vec<int, bare_test::recording_ref> i(rec);
    ASSERT_TRUE(i.try_push_back(1));
    EXPECT_EQ(i.capacity(), 4u);
    struct big {
      char b[2000];
    };
    bare::vec<big, bare_test::recording_ref> g(rec);
    ASSERT_TRUE(g.try_emplace_back());
    EXPECT_EQ(g.capacity(), 1u);
    ASSERT_TRUE(g.try_emplace_back());
    EXPECT_EQ(g.capacity(), 2u);
    std::size_t caps[8];
    for (std::size_t k = 0; k < 8; ++k) {
      while (i.size() < i.capacity()) ASSERT_TRUE(i.try_push_back(0));
      ASSERT_TRUE(i.try_push_back(0));
      caps[k] = i.capacity();
    }
    for (std::size_t k = 0; k < 8; ++k) EXPECT_EQ(caps[k], std::size_t{8} << k);
    ASSERT_TRUE(i.try_reserve_exact(i.capacity() - i.size() + 3));
    EXPECT_EQ(i.capacity(), (std::size_t{8} << 7) + 3);
  }
  EXPECT_EQ(rec.live, 0);
}

}  // namespace
