// vec_deque<T>: every operation as typed tests over int, move_only, counted and over_aligned
// (DESIGN §6), run on rings in every layout (each capacity near the size, each slot for
// element 0: wrapped and unwrapped). Allocating operations go through the try_ API here, so
// this file runs in the BARE_NO_GLOBAL_OOM_HANDLING build too. The runner checks after every
// test that the global heap and the counted / move_only instance counters balance.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <iterator>
#include <optional>
#include <ranges>
#include <span>
#include <utility>
#include <vector>

#include "unit/vec_deque_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT

template <class T>
class VecDequeTest : public ::testing::Test {};
using all_types = ::testing::Types<int, move_only, counted, over_aligned>;
TYPED_TEST_SUITE(VecDequeTest, all_types);

template <class T>
bool is_aligned(const T* p) {
  return reinterpret_cast<std::uintptr_t>(p) % alignof(T) == 0;
}

// The expected contents after an edit of a std::vector copy.
template <class Edit>
ints edited(ints v, Edit edit) {
  edit(v);
  return v;
}

TYPED_TEST(VecDequeTest, DefaultIsEmptyAndAllocatesNothing) {
  using T = TypeParam;
  const auto before = global_heap_stats();
  {
    bare::vec_deque<T> d;
    EXPECT_TRUE(d.empty());
    EXPECT_EQ(d.size(), 0u);
    EXPECT_EQ(d.capacity(), 0u);
    EXPECT_TRUE(d.check());
    EXPECT_EQ(d.begin(), d.end());
    EXPECT_EQ(d.get(0), nullptr);
    EXPECT_FALSE(d.pop_front().has_value());
    EXPECT_FALSE(d.pop_back().has_value());
    EXPECT_FALSE(d.remove(0).has_value());
    EXPECT_FALSE(d.swap_remove_back(0).has_value());
    EXPECT_FALSE(d.swap_remove_front(0).has_value());
    EXPECT_EQ(pieces(d), (std::pair<std::size_t, std::size_t>{0, 0}));
    EXPECT_TRUE(d.make_contiguous().empty());
    d.rotate_left(0);
    d.rotate_right(0);
    d.clear();
    d.truncate(0);
    { auto dr = d.drain(0, 0); }
    EXPECT_TRUE(d.try_shrink_to_fit());
    EXPECT_TRUE(d.try_reserve(0));
    auto s = d.try_split_off(0);
    ASSERT_TRUE(s);
    if constexpr (bare::detail::cloneable<T>) {
      auto c = d.try_clone();
      ASSERT_TRUE(c);
    }
    bare::vec_deque<T> e;
    EXPECT_TRUE(d.try_append(e));
    bare::vec_deque<T> w = std::move(d);
    EXPECT_TRUE(w.empty());
    EXPECT_TRUE(w.check());
  }
  const auto after = global_heap_stats();
  EXPECT_EQ(after.allocations, before.allocations);
  EXPECT_EQ(after.resizes, before.resizes);
}

TYPED_TEST(VecDequeTest, LayoutHelperBuildsWhatItSays) {
  using T = TypeParam;
  auto d = make_dq<T>({1, 2, 3, 4}, 6, 4);  // slots: [3 4 . . 1 2]
  EXPECT_EQ(values(d), (ints{1, 2, 3, 4}));
  EXPECT_EQ(pieces(d), (std::pair<std::size_t, std::size_t>{2, 2}));
  EXPECT_EQ(&d[2] + 4, &d[0]);  // element 2 in slot 0, element 0 in slot 4
  EXPECT_TRUE(d.check());
}

TYPED_TEST(VecDequeTest, TryWithCapacityAndReserve) {
  using T = TypeParam;
  auto r = bare::vec_deque<T>::try_with_capacity(10);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->capacity(), 10u);
  EXPECT_TRUE(r->empty());
  auto huge = bare::vec_deque<T>::try_with_capacity(bare::vec_deque<T>::max_size() + 1);
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().kind, bare::alloc_errc::capacity_overflow);
  // The growth policy of vec: min capacity 4 for these sizes, then doubling.
  bare::vec_deque<T> d;
  ASSERT_TRUE(d.try_reserve(1));
  EXPECT_EQ(d.capacity(), 4u);
  ASSERT_TRUE(d.try_push_back(mk<T>(1)));
  ASSERT_TRUE(d.try_reserve(5));
  EXPECT_EQ(d.capacity(), 8u);
  ASSERT_TRUE(d.try_reserve_exact(20));
  EXPECT_EQ(d.capacity(), 21u);
  ASSERT_TRUE(d.try_reserve(20));  // fits: no-op
  EXPECT_EQ(d.capacity(), 21u);
  EXPECT_EQ(values(d), (ints{1}));
  EXPECT_TRUE(is_aligned(&d[0]));
}

// Growing keeps the order whatever the layout (covers both ways of unwrapping after a grow,
// and the element-by-element move of non-relocatable types).
TYPED_TEST(VecDequeTest, ReserveKeepsOrderInEveryLayout) {
  using T = TypeParam;
  for (std::size_t n : {0u, 1u, 4u, 7u}) {
    for (std::size_t more : {1u, 2u, 5u, 9u}) {
      for_each_layout(n, 0, 2, [&](std::size_t cap, std::size_t head) {
        auto d = make_dq<T>(iota(n), cap, head);
        ASSERT_TRUE(d.try_reserve_exact(cap - n + more));
        EXPECT_EQ(d.capacity(), cap + more);
        EXPECT_EQ(values(d), iota(n));
        EXPECT_TRUE(d.check());
        // Fill the new room from both ends: the ring is consistent.
        for (std::size_t i = 0; i < more; ++i) {
          ASSERT_TRUE(d.push_back_within_capacity(mk<T>(100)));
        }
        EXPECT_EQ(d.size(), cap + more - (cap - n));
        EXPECT_EQ(val(d[0]), n ? 0 : 100);
      });
    }
  }
}

TYPED_TEST(VecDequeTest, ShrinkInEveryLayout) {
  using T = TypeParam;
  for (std::size_t n : {0u, 1u, 3u, 6u}) {
    for_each_layout(n, 1, 4, [&](std::size_t cap, std::size_t head) {
      auto d = make_dq<T>(iota(n), cap, head);
      ASSERT_TRUE(d.try_shrink_to(n + 1));
      EXPECT_EQ(d.capacity(), n + 1);
      EXPECT_EQ(values(d), iota(n));
      EXPECT_TRUE(d.check());
      ASSERT_TRUE(d.try_shrink_to(cap + 5));  // above capacity: no-op
      EXPECT_EQ(d.capacity(), n + 1);
      ASSERT_TRUE(d.try_shrink_to_fit());
      EXPECT_EQ(d.capacity(), n);
      EXPECT_EQ(values(d), iota(n));
      EXPECT_TRUE(d.check());
      if (n != 0) {
        EXPECT_TRUE(is_aligned(&d[0]));
        EXPECT_EQ(pieces(d).second, 0u);  // exactly full after a shrink: starts at slot 0
      }
    });
  }
}

TYPED_TEST(VecDequeTest, PushBothEndsMatchesStdDeque) {
  using T = TypeParam;
  bare::vec_deque<T> d;
  std::deque<int> m;
  for (int i = 0; i < 300; ++i) {
    if (i % 3 == 0) {
      auto r = d.try_push_front(mk<T>(i));
      ASSERT_TRUE(r);
      EXPECT_EQ(&*r, &d.front());
      m.push_front(i);
    } else if (i % 3 == 1) {
      auto r = d.try_push_back(mk<T>(i));
      ASSERT_TRUE(r);
      EXPECT_EQ(&*r, &d.back());
      m.push_back(i);
    } else if constexpr (!std::is_same_v<T, int>) {
      auto r = d.try_emplace_front(i);  // constructed in place from an int
      ASSERT_TRUE(r);
      EXPECT_EQ(val(*r), i);
      m.push_front(i);
    } else {
      ASSERT_TRUE(d.try_emplace_back(i));
      m.push_back(i);
    }
    ASSERT_TRUE(d.check());
  }
  EXPECT_EQ(values(d), ints(m.begin(), m.end()));
  EXPECT_EQ(val(d.front()), m.front());
  EXPECT_EQ(val(d.back()), m.back());
  for (const T& x : d) EXPECT_TRUE(is_aligned(&x));
}

TYPED_TEST(VecDequeTest, PopFrontAndBack) {
  using T = TypeParam;
  for_each_layout(4, 0, 1, [](std::size_t cap, std::size_t head) {
    auto d = make_dq<T>({1, 2, 3, 4}, cap, head);
    std::optional<T> a = d.pop_front();
    ASSERT_TRUE(a.has_value());
    EXPECT_EQ(val(*a), 1);
    std::optional<T> b = d.pop_back();
    ASSERT_TRUE(b.has_value());
    EXPECT_EQ(val(*b), 4);
    EXPECT_EQ(values(d), (ints{2, 3}));
    EXPECT_EQ(val(*d.pop_front()), 2);
    EXPECT_EQ(val(*d.pop_back()), 3);
    EXPECT_FALSE(d.pop_front().has_value());
    EXPECT_FALSE(d.pop_back().has_value());
    EXPECT_EQ(d.capacity(), cap);
    EXPECT_TRUE(d.check());
  });
}

TYPED_TEST(VecDequeTest, WithinCapacityBothEnds) {
  using T = TypeParam;
  bare::vec_deque<T> d;
  auto none = d.push_front_within_capacity(mk<T>(1));
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().kind, bare::alloc_errc::full);
  EXPECT_EQ(none.error().request, bare::layout_of<T>);
  ASSERT_TRUE(d.try_reserve_exact(3));
  const auto before = global_heap_stats();
  ASSERT_TRUE(d.push_back_within_capacity(mk<T>(2)));
  ASSERT_TRUE(d.push_front_within_capacity(mk<T>(1)));  // wraps to the last slot
  auto e = d.emplace_back_within_capacity(mk<T>(3));
  ASSERT_TRUE(e);
  EXPECT_EQ(&*e, &d.back());
  T x = mk<T>(4);
  auto f = d.push_front_within_capacity(std::move(x));
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().kind, bare::alloc_errc::full);
  EXPECT_EQ(val(x), 4);  // not consumed on failure
  auto g = d.emplace_front_within_capacity(mk<T>(5));
  ASSERT_FALSE(g);
  EXPECT_EQ(values(d), (ints{1, 2, 3}));
  EXPECT_EQ(global_heap_stats().allocations, before.allocations);
  EXPECT_EQ(global_heap_stats().resizes, before.resizes);
}

TYPED_TEST(VecDequeTest, FailedPushDoesNotConsumeTheArgument) {
  using T = TypeParam;
  bare::vec_deque<T, always_fails> d;
  T x = mk<T>(8);
  auto r = d.try_push_back(std::move(x));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, bare::alloc_errc::out_of_memory);
  EXPECT_EQ(r.error().request, (bare::layout{4 * sizeof(T), alignof(T)}));
  EXPECT_EQ(val(x), 8);
  ASSERT_FALSE(d.try_push_front(std::move(x)));
  EXPECT_EQ(val(x), 8);
  ASSERT_FALSE(d.try_emplace_front(std::move(x)));
  EXPECT_EQ(val(x), 8);
  ASSERT_FALSE(d.try_insert(0, std::move(x)));
  EXPECT_EQ(val(x), 8);
  EXPECT_TRUE(d.empty());
}

// insert at every index of every layout, with room and when full; the elements on the
// longer side do not move (their addresses stay), those of the shorter side shift by one.
TYPED_TEST(VecDequeTest, InsertAtEveryIndexInEveryLayout) {
  using T = TypeParam;
  for (std::size_t n : {0u, 1u, 2u, 5u, 6u}) {
    for_each_layout(n, 0, 2, [&](std::size_t cap, std::size_t head) {
      for (std::size_t i = 0; i <= n; ++i) {
        SCOPED_TRACE(::testing::Message() << "index " << i);
        auto d = make_dq<T>(iota(n), cap, head);
        const auto before = addresses(d);
        const bool room = cap > n;
        auto r = d.try_insert(i, mk<T>(99));
        ASSERT_TRUE(r);
        EXPECT_EQ(&*r, &d[i]);
        EXPECT_EQ(values(d), edited(iota(n), [i](ints& v) { v.insert(v.begin() + static_cast<std::ptrdiff_t>(i), 99); }));
        EXPECT_TRUE(d.check());
        if (room) {
          EXPECT_EQ(d.capacity(), cap);
          const auto after = addresses(d);
          if (i < n - i) {  // front part moved: the back part stays
            for (std::size_t k = i; k < n; ++k) EXPECT_EQ(after[k + 1], before[k]) << k;
          } else {
            for (std::size_t k = 0; k < i; ++k) EXPECT_EQ(after[k], before[k]) << k;
          }
        } else {
          EXPECT_GT(d.capacity(), cap);
        }
      }
    });
  }
}

TYPED_TEST(VecDequeTest, InsertWithIteratorsAndEmplace) {
  using T = TypeParam;
  auto d = make_dq<T>({1, 2, 3, 4}, 8, 6);
  auto it = d.try_insert(d.begin() + 1, mk<T>(7));
  ASSERT_TRUE(it);
  EXPECT_EQ(*it - d.begin(), 1);
  EXPECT_EQ(val(**it), 7);
  auto e = d.try_emplace(3, mk<T>(8));
  ASSERT_TRUE(e);
  EXPECT_EQ(&*e, &d[3]);
  auto end = d.try_insert(d.cend(), mk<T>(9));
  ASSERT_TRUE(end);
  EXPECT_EQ(*end + 1, d.end());
  EXPECT_EQ(values(d), (ints{1, 7, 2, 8, 3, 4, 9}));
}

TYPED_TEST(VecDequeTest, EraseOneAtEveryIndexInEveryLayout) {
  using T = TypeParam;
  for (std::size_t n : {1u, 2u, 5u, 6u}) {
    for_each_layout(n, 0, 2, [&](std::size_t cap, std::size_t head) {
      for (std::size_t i = 0; i < n; ++i) {
        SCOPED_TRACE(::testing::Message() << "index " << i);
        auto d = make_dq<T>(iota(n), cap, head);
        const auto before = addresses(d);
        auto it = d.erase(d.begin() + static_cast<std::ptrdiff_t>(i));
        EXPECT_EQ(it, d.begin() + static_cast<std::ptrdiff_t>(i));
        EXPECT_EQ(values(d), edited(iota(n), [i](ints& v) { v.erase(v.begin() + static_cast<std::ptrdiff_t>(i)); }));
        EXPECT_TRUE(d.check());
        const auto after = addresses(d);
        if (i < n - i - 1) {  // front part moved: the back part stays
          for (std::size_t k = i + 1; k < n; ++k) EXPECT_EQ(after[k - 1], before[k]) << k;
        } else {
          for (std::size_t k = 0; k < i; ++k) EXPECT_EQ(after[k], before[k]) << k;
        }
      }
    });
  }
}

TYPED_TEST(VecDequeTest, EraseRangesAndRemoveInEveryLayout) {
  using T = TypeParam;
  const std::size_t n = 6;
  for_each_layout(n, 0, 1, [&](std::size_t cap, std::size_t head) {
    for (std::size_t a = 0; a <= n; ++a) {
      for (std::size_t b = a; b <= n; ++b) {
        auto d = make_dq<T>(iota(n), cap, head);
        auto it = d.erase(d.begin() + static_cast<std::ptrdiff_t>(a), d.cbegin() + static_cast<std::ptrdiff_t>(b));
        EXPECT_EQ(it - d.begin(), static_cast<std::ptrdiff_t>(a));
        ASSERT_EQ(values(d), edited(iota(n), [a, b](ints& v) {
                    v.erase(v.begin() + static_cast<std::ptrdiff_t>(a), v.begin() + static_cast<std::ptrdiff_t>(b));
                  })) << a << ".." << b;
        EXPECT_TRUE(d.check());
      }
    }
    for (std::size_t i = 0; i <= n; ++i) {
      auto d = make_dq<T>(iota(n), cap, head);
      std::optional<T> r = d.remove(i);
      if (i == n) {
        EXPECT_FALSE(r.has_value());
        EXPECT_EQ(values(d), iota(n));
      } else {
        ASSERT_TRUE(r.has_value());
        EXPECT_EQ(val(*r), static_cast<int>(i));
        EXPECT_EQ(values(d), edited(iota(n), [i](ints& v) { v.erase(v.begin() + static_cast<std::ptrdiff_t>(i)); }));
      }
    }
  });
}

TYPED_TEST(VecDequeTest, SwapRemoveFrontAndBack) {
  using T = TypeParam;
  for_each_layout(5, 0, 1, [](std::size_t cap, std::size_t head) {
    auto d = make_dq<T>({0, 1, 2, 3, 4}, cap, head);
    EXPECT_EQ(val(*d.swap_remove_back(1)), 1);
    EXPECT_EQ(values(d), (ints{0, 4, 2, 3}));
    EXPECT_EQ(val(*d.swap_remove_front(2)), 2);
    EXPECT_EQ(values(d), (ints{4, 0, 3}));
    EXPECT_EQ(val(*d.swap_remove_back(2)), 3);  // the last: nothing moves
    EXPECT_EQ(val(*d.swap_remove_front(0)), 4);  // the first: nothing moves
    EXPECT_EQ(values(d), (ints{0}));
    EXPECT_FALSE(d.swap_remove_back(1).has_value());
    EXPECT_FALSE(d.swap_remove_front(1).has_value());
    EXPECT_EQ(values(d), (ints{0}));
    EXPECT_TRUE(d.check());
  });
}

TYPED_TEST(VecDequeTest, TruncateAndClear) {
  using T = TypeParam;
  for_each_layout(5, 0, 2, [](std::size_t cap, std::size_t head) {
    auto d = make_dq<T>({0, 1, 2, 3, 4}, cap, head);
    d.truncate(9);
    EXPECT_EQ(d.size(), 5u);
    d.truncate(2);
    EXPECT_EQ(values(d), (ints{0, 1}));
    EXPECT_EQ(d.capacity(), cap);
    if constexpr (std::is_same_v<T, counted>) {
      EXPECT_EQ(counted::live, 2);
    }
    d.clear();
    EXPECT_TRUE(d.empty());
    EXPECT_EQ(d.capacity(), cap);
    EXPECT_TRUE(d.check());
    ASSERT_TRUE(d.push_back_within_capacity(mk<T>(7)));
    EXPECT_EQ(values(d), (ints{7}));
  });
}

TYPED_TEST(VecDequeTest, RetainAndRetainMutInEveryLayout) {
  using T = TypeParam;
  for_each_layout(8, 0, 2, [](std::size_t cap, std::size_t head) {
    auto d = make_dq<T>(iota(8), cap, head);
    d.retain([](const T& x) { return val(x) % 3 != 0; });
    EXPECT_EQ(values(d), (ints{1, 2, 4, 5, 7}));
    int visited = 0;
    d.retain_mut([&visited](T& x) {
      ++visited;
      if (val(x) % 2 == 0) return false;
      x = mk<T>(val(x) * 10);
      return true;
    });
    EXPECT_EQ(visited, 5);
    EXPECT_EQ(values(d), (ints{10, 50, 70}));
    d.retain([](const T&) { return true; });
    EXPECT_EQ(values(d), (ints{10, 50, 70}));
    d.retain([](const T&) { return false; });
    EXPECT_TRUE(d.empty());
    EXPECT_TRUE(d.check());
  });
}

TYPED_TEST(VecDequeTest, DrainEveryRangeInEveryLayout) {
  using T = TypeParam;
  const std::size_t n = 6;
  for_each_layout(n, 0, 1, [&](std::size_t cap, std::size_t head) {
    for (std::size_t a = 0; a <= n; ++a) {
      for (std::size_t b = a; b <= n; ++b) {
        for (std::size_t take : {0u, 1u, 100u}) {  // visit none, one, all
          auto d = make_dq<T>(iota(n), cap, head);
          ints got;
          {
            auto dr = d.drain(a, b);
            EXPECT_EQ(dr.size(), b - a);
            EXPECT_EQ(d.size(), a);  // while it lives the deque shows [0, a)
            for (T& x : dr) {
              if (got.size() == take) break;
              T moved = std::move(x);
              got.push_back(val(moved));
            }
          }
          const ints all = iota(n);
          ints want(all.begin() + static_cast<std::ptrdiff_t>(a),
                    all.begin() + static_cast<std::ptrdiff_t>(std::min(b, a + take)));
          EXPECT_EQ(got, want);
          ASSERT_EQ(values(d), edited(all, [a, b](ints& v) {
                      v.erase(v.begin() + static_cast<std::ptrdiff_t>(a), v.begin() + static_cast<std::ptrdiff_t>(b));
                    })) << a << ".." << b << " take " << take;
          EXPECT_EQ(d.capacity(), cap);
          EXPECT_TRUE(d.check());
        }
      }
    }
  });
}

TYPED_TEST(VecDequeTest, TryResize) {
  using T = TypeParam;
  for_each_layout(2, 0, 3, [](std::size_t cap, std::size_t head) {
    auto d = make_dq<T>({5, 6}, cap, head);
    ASSERT_TRUE(d.try_resize(5));
    EXPECT_EQ(values(d), (ints{5, 6, 0, 0, 0}));  // value-initialised
    ASSERT_TRUE(d.try_resize(1));
    EXPECT_EQ(values(d), (ints{5}));
    ASSERT_TRUE(d.try_resize(1));
    ASSERT_TRUE(d.try_resize(0));
    EXPECT_TRUE(d.empty());
    EXPECT_TRUE(d.check());
  });
  bare::vec_deque<T> d;
  auto huge = d.try_resize(SIZE_MAX);
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().kind, bare::alloc_errc::capacity_overflow);
}

TYPED_TEST(VecDequeTest, TrySplitOffInEveryLayout) {
  using T = TypeParam;
  const std::size_t n = 5;
  for_each_layout(n, 0, 2, [&](std::size_t cap, std::size_t head) {
    for (std::size_t at = 0; at <= n; ++at) {
      auto d = make_dq<T>(iota(n), cap, head);
      auto tail = d.try_split_off(at);
      ASSERT_TRUE(tail);
      const ints all = iota(n);
      EXPECT_EQ(values(d), ints(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(at)));
      EXPECT_EQ(values(*tail), ints(all.begin() + static_cast<std::ptrdiff_t>(at), all.end()));
      EXPECT_EQ(tail->capacity(), n - at);
      EXPECT_EQ(d.capacity(), cap);
      EXPECT_TRUE(d.check() && tail->check());
    }
  });
}

TYPED_TEST(VecDequeTest, TryAppendInEveryLayout) {
  using T = TypeParam;
  for_each_layout(3, 0, 3, [](std::size_t cap, std::size_t head) {
    for (std::size_t ohead : {0u, 2u, 3u}) {
      auto a = make_dq<T>({1, 2, 3}, cap, head);
      auto b = make_dq<T>({4, 5, 6, 7}, 5, ohead);
      ASSERT_TRUE(a.try_append(b));
      EXPECT_EQ(values(a), (ints{1, 2, 3, 4, 5, 6, 7}));
      EXPECT_TRUE(b.empty());
      EXPECT_EQ(b.capacity(), 5u);  // other keeps its block
      EXPECT_TRUE(a.check() && b.check());
      ASSERT_TRUE(b.push_back_within_capacity(mk<T>(8)));
      ASSERT_TRUE(a.try_append(b));
      ASSERT_TRUE(a.try_append(b));  // empty other: no-op
      ASSERT_TRUE(a.try_append(a));  // self: no-op
      EXPECT_EQ(values(a), (ints{1, 2, 3, 4, 5, 6, 7, 8}));
    }
  });
}

TYPED_TEST(VecDequeTest, RotateInEveryLayout) {
  using T = TypeParam;
  for (std::size_t n : {0u, 1u, 4u, 7u}) {
    for_each_layout(n, 0, 3, [&](std::size_t cap, std::size_t head) {
      for (std::size_t k = 0; k <= n; ++k) {
        auto l = make_dq<T>(iota(n), cap, head);
        l.rotate_left(k);
        ints want = iota(n);
        std::rotate(want.begin(), want.begin() + static_cast<std::ptrdiff_t>(k), want.end());
        ASSERT_EQ(values(l), want) << "rotate_left " << k;
        EXPECT_TRUE(l.check());
        auto r = make_dq<T>(iota(n), cap, head);
        r.rotate_right(k);
        want = iota(n);
        std::rotate(want.begin(), want.end() - static_cast<std::ptrdiff_t>(k), want.end());
        ASSERT_EQ(values(r), want) << "rotate_right " << k;
        EXPECT_TRUE(r.check());
      }
    });
  }
}

TYPED_TEST(VecDequeTest, RotatingAFullDequeMovesNothing) {
  using T = TypeParam;
  auto d = make_dq<T>(iota(7), 7, 3);
  const T* p2 = &d[2];
  d.rotate_left(2);
  EXPECT_EQ(&d[0], p2);
  d.rotate_right(5);
  EXPECT_EQ(&d[5], p2);
  EXPECT_EQ(values(d), (ints{4, 5, 6, 0, 1, 2, 3}));
}

// Every layout of every size up to 9 in rings up to 4 slots larger: all four ways of
// rearranging (tail first, head first, and the two in-place rotations).
TYPED_TEST(VecDequeTest, MakeContiguousInEveryLayout) {
  using T = TypeParam;
  for (std::size_t n = 0; n <= 9; ++n) {
    for_each_layout(n, 0, 4, [&](std::size_t cap, std::size_t head) {
      auto d = make_dq<T>(iota(n), cap, head);
      std::span<T> s = d.make_contiguous();
      ASSERT_EQ(values(s), iota(n));
      EXPECT_EQ(values(d), iota(n));
      EXPECT_EQ(pieces(d), (std::pair<std::size_t, std::size_t>{n, 0}));
      if (n != 0) {
        EXPECT_EQ(s.data(), &d[0]);
      }
      EXPECT_EQ(d.capacity(), cap);
      EXPECT_TRUE(d.check());
    });
  }
}

TYPED_TEST(VecDequeTest, AsSlicesAndRange) {
  using T = TypeParam;
  auto d = make_dq<T>({1, 2, 3, 4, 5}, 7, 4);
  auto [a, b] = d.as_slices();
  EXPECT_EQ(values(a), (ints{1, 2, 3}));
  EXPECT_EQ(values(b), (ints{4, 5}));
  EXPECT_EQ(a.data(), &d[0]);
  EXPECT_EQ(b.data(), &d[3]);
  const auto& cd = d;
  auto [ca, cb] = cd.as_slices();
  EXPECT_EQ(ca.size() + cb.size(), 5u);
  auto r = d.range(1, 4);
  EXPECT_EQ(r.size(), 3u);
  EXPECT_FALSE(r.empty());
  EXPECT_EQ(values(r), (ints{2, 3, 4}));
  EXPECT_EQ(&r[2], &d[3]);
  for (T& x : r) x = mk<T>(val(x) * 10);
  EXPECT_EQ(values(d), (ints{1, 20, 30, 40, 5}));
  auto cr = cd.range(5, 5);
  EXPECT_TRUE(cr.empty());
  EXPECT_EQ(values(cd.range(0, 5)), values(d));
  auto u = make_dq<T>({1, 2}, 4, 1);
  EXPECT_EQ(pieces(u), (std::pair<std::size_t, std::size_t>{2, 0}));
}

TYPED_TEST(VecDequeTest, RandomAccessIterators) {
  using T = TypeParam;
  auto d = make_dq<T>({0, 1, 2, 3, 4, 5}, 8, 5);
  auto it = d.begin();
  EXPECT_EQ(val(*it), 0);
  EXPECT_EQ(val(it[4]), 4);
  it += 3;
  EXPECT_EQ(val(*it), 3);
  EXPECT_EQ(&*it, &d[3]);
  EXPECT_EQ(it.operator->(), &d[3]);
  it -= 2;
  EXPECT_EQ(val(*it), 1);
  EXPECT_EQ(val(*(it + 4)), 5);
  EXPECT_EQ(val(*(4 + it)), 5);
  EXPECT_EQ(val(*(it - 1)), 0);
  EXPECT_EQ(val(*it++), 1);
  EXPECT_EQ(val(*it--), 2);
  EXPECT_EQ(val(*++it), 2);
  EXPECT_EQ(val(*--it), 1);
  EXPECT_EQ(d.end() - d.begin(), 6);
  EXPECT_EQ(d.begin() - d.end(), -6);
  EXPECT_TRUE(d.begin() < it && it < d.end() && it <= it && it >= d.begin());
  // iterator -> const_iterator, and mixed comparisons.
  typename bare::vec_deque<T>::const_iterator c = it;
  EXPECT_TRUE(c == it);
  EXPECT_TRUE(it == c);
  EXPECT_EQ(d.cend() - c, 5);
  EXPECT_EQ(c - d.cbegin(), 1);
  EXPECT_TRUE(d.cbegin() < c);
  typename bare::vec_deque<T>::iterator def1, def2;
  EXPECT_TRUE(def1 == def2);
  // Backwards over the wrap.
  ints back;
  for (auto r = d.end(); r != d.begin();) back.push_back(val(*--r));
  EXPECT_EQ(back, (ints{5, 4, 3, 2, 1, 0}));
  static_assert(std::random_access_iterator<typename bare::vec_deque<T>::iterator>);
  static_assert(std::random_access_iterator<typename bare::vec_deque<T>::const_iterator>);
  static_assert(std::ranges::random_access_range<bare::vec_deque<T>>);
  static_assert(std::ranges::sized_range<bare::vec_deque<T>>);
  static_assert(std::is_same_v<std::iter_reference_t<typename bare::vec_deque<T>::const_iterator>, const T&>);
}

TYPED_TEST(VecDequeTest, StdAlgorithms) {
  using T = TypeParam;
  auto d = make_dq<T>({5, 3, 9, 1, 7, 2, 8}, 9, 6);
  std::sort(d.begin(), d.end());
  EXPECT_EQ(values(d), (ints{1, 2, 3, 5, 7, 8, 9}));
  std::reverse(d.begin(), d.end());
  EXPECT_EQ(values(d), (ints{9, 8, 7, 5, 3, 2, 1}));
  std::ranges::sort(d);
  EXPECT_EQ(values(d), (ints{1, 2, 3, 5, 7, 8, 9}));
  auto it = std::find_if(d.begin(), d.end(), [](const T& x) { return val(x) > 4; });
  EXPECT_EQ(it - d.begin(), 3);
  EXPECT_TRUE(std::is_sorted(d.cbegin(), d.cend()));
  auto lb = std::lower_bound(d.cbegin(), d.cend(), mk<T>(6));
  EXPECT_EQ(lb - d.cbegin(), 4);
  std::rotate(d.begin(), d.begin() + 2, d.end());
  EXPECT_EQ(values(d), (ints{3, 5, 7, 8, 9, 1, 2}));
  EXPECT_EQ(std::ranges::distance(d), 7);
}

TYPED_TEST(VecDequeTest, BinarySearchInEveryLayout) {
  using T = TypeParam;
  for_each_layout(6, 0, 2, [](std::size_t cap, std::size_t head) {
    auto d = make_dq<T>({1, 3, 3, 5, 7, 9}, cap, head);
    for (int x = 0; x <= 10; ++x) {
      auto r = d.binary_search(mk<T>(x));
      const ints v{1, 3, 3, 5, 7, 9};
      const auto lb = static_cast<std::size_t>(std::lower_bound(v.begin(), v.end(), x) - v.begin());
      if (std::binary_search(v.begin(), v.end(), x)) {
        ASSERT_TRUE(r) << x;
        EXPECT_EQ(*r, lb) << x;  // the first of equal elements
      } else {
        ASSERT_FALSE(r) << x;
        EXPECT_EQ(r.error(), lb) << x;  // where it would go
      }
    }
    auto by = d.binary_search_by([](const T& e) { return val(e) <=> 7; });
    ASSERT_TRUE(by);
    EXPECT_EQ(*by, 4u);
    auto key = d.binary_search_by_key(10, [](const T& e) { return val(e) * 2; });
    ASSERT_TRUE(key);
    EXPECT_EQ(*key, 3u);
    EXPECT_EQ(d.partition_point([](const T& e) { return val(e) < 4; }), 3u);
    EXPECT_EQ(d.partition_point([](const T&) { return true; }), 6u);
  });
  bare::vec_deque<T> e;
  auto none = e.binary_search(mk<T>(1));
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error(), 0u);
}

TYPED_TEST(VecDequeTest, ElementAccess) {
  using T = TypeParam;
  auto d = make_dq<T>({10, 11, 12}, 4, 2);
  const auto& cd = d;
  EXPECT_EQ(val(d[1]), 11);
  EXPECT_EQ(val(cd[2]), 12);
  EXPECT_EQ(val(d.at(2)), 12);
  EXPECT_EQ(val(cd.at(0)), 10);
  EXPECT_EQ(val(d.front()), 10);
  EXPECT_EQ(val(cd.front()), 10);
  EXPECT_EQ(val(d.back()), 12);
  EXPECT_EQ(val(cd.back()), 12);
  EXPECT_EQ(d.get(1), &d[1]);
  EXPECT_EQ(cd.get(2), &cd[2]);
  EXPECT_EQ(d.get(3), nullptr);
  EXPECT_EQ(cd.get(SIZE_MAX), nullptr);
  EXPECT_EQ(&d[2] + 2, &d[0]);  // wrapped: element 2 in slot 0
  d[0] = mk<T>(20);
  EXPECT_EQ(val(d.front()), 20);
  EXPECT_TRUE(d.contains(mk<T>(12)));
  EXPECT_FALSE(d.contains(mk<T>(10)));
  int sum = 0;
  for (const T& x : cd) sum += val(x);
  EXPECT_EQ(sum, 43);
}

TYPED_TEST(VecDequeTest, EqualityAndOrdering) {
  using T = TypeParam;
  auto a = make_dq<T>({1, 2, 3}, 3, 0);
  auto b = make_dq<T>({1, 2, 3}, 7, 5);  // capacity and layout do not matter
  auto c = make_dq<T>({1, 2, 4});
  auto d = make_dq<T>({1, 2});
  EXPECT_TRUE(a == b);
  EXPECT_FALSE(a != b);
  EXPECT_TRUE(a != c);
  EXPECT_TRUE(a < c);
  EXPECT_TRUE(d < a);
  EXPECT_TRUE(c > d);
  EXPECT_TRUE((a <=> b) == 0);
  EXPECT_TRUE((a <=> c) < 0);
  EXPECT_TRUE(bare::vec_deque<T>() == bare::vec_deque<T>());
  EXPECT_TRUE(bare::vec_deque<T>() < d);
}

TYPED_TEST(VecDequeTest, SwapAndMove) {
  using T = TypeParam;
  auto a = make_dq<T>({1, 2}, 3, 2);
  auto b = make_dq<T>({3, 4, 5});
  const T* pa = &a[0];
  a.swap(b);
  EXPECT_EQ(values(a), (ints{3, 4, 5}));
  EXPECT_EQ(values(b), (ints{1, 2}));
  EXPECT_EQ(&b[0], pa);  // elements do not move
  swap(a, b);
  EXPECT_EQ(values(a), (ints{1, 2}));
  bare::vec_deque<T> c = std::move(a);
  EXPECT_TRUE(a.empty() && a.capacity() == 0 && a.check());
  EXPECT_EQ(&c[0], pa);
  c = std::move(b);
  EXPECT_EQ(values(c), (ints{3, 4, 5}));
  bare::vec_deque<T>& self = c;
  c = std::move(self);
  EXPECT_EQ(values(c), (ints{3, 4, 5}));
}

TYPED_TEST(VecDequeTest, FromVecIsConstantTimeAndIntoVecRoundTrips) {
  using T = TypeParam;
  bare::vec<T> v;
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(v.try_push_back(mk<T>(i)));
  const T* data = v.data();
  const std::size_t cap = v.capacity();
  const auto before = global_heap_stats();
  bare::vec_deque<T> d(std::move(v));
  EXPECT_EQ(global_heap_stats().allocations, before.allocations);
  EXPECT_TRUE(v.empty() && v.capacity() == 0);
  EXPECT_EQ(&d[0], data);
  EXPECT_EQ(d.capacity(), cap);
  EXPECT_EQ(values(d), iota(5));
  ASSERT_TRUE(d.try_push_front(mk<T>(-1)));  // goes to the last slot: the ring now wraps
  EXPECT_EQ(pieces(d), (std::pair<std::size_t, std::size_t>{1, 5}));
  bare::vec<T> back = d.into_vec();
  EXPECT_TRUE(d.empty() && d.capacity() == 0 && d.check());
  EXPECT_EQ(values(back), (ints{-1, 0, 1, 2, 3, 4}));
  EXPECT_EQ(back.data(), data);  // the same block, no allocation
  EXPECT_EQ(global_heap_stats().allocations, before.allocations);
  auto d2 = bare::vec_deque<T>::from_vec(std::move(back));
  EXPECT_EQ(values(d2), (ints{-1, 0, 1, 2, 3, 4}));
  bare::vec_deque<T> empty(bare::vec<T>{});
  EXPECT_TRUE(empty.empty() && empty.check());
  EXPECT_TRUE(empty.into_vec().empty());
}

TYPED_TEST(VecDequeTest, IntoVecInEveryLayout) {
  using T = TypeParam;
  for (std::size_t n : {0u, 1u, 5u, 8u}) {
    for_each_layout(n, 0, 3, [&](std::size_t cap, std::size_t head) {
      auto d = make_dq<T>(iota(n), cap, head);
      bare::vec<T> v = d.into_vec();
      EXPECT_EQ(values(v), iota(n));
      EXPECT_EQ(v.capacity(), cap);
    });
  }
}

// push_back(std::move(d[k])) and friends when the deque must grow: the argument lives in the
// block being replaced.
TYPED_TEST(VecDequeTest, AliasingMoveFromOwnElementWhenFull) {
  using T = TypeParam;
  auto d = make_dq<T>({1, 2, 3, 4}, 4, 3);
  ASSERT_TRUE(d.try_push_back(std::move(d[1])));
  EXPECT_EQ(val(d[4]), 2);
  EXPECT_EQ(d.size(), 5u);
  auto f = make_dq<T>({1, 2, 3, 4}, 4, 2);
  ASSERT_TRUE(f.try_push_front(std::move(f[3])));
  EXPECT_EQ(val(f[0]), 4);
  EXPECT_EQ(val(f[1]), 1);
  auto w = make_dq<T>({1, 2, 3, 4}, 4, 1);
  ASSERT_TRUE(w.try_insert(2, std::move(w[3])));
  EXPECT_EQ(val(w[2]), 4);
  EXPECT_EQ(val(w[1]), 2);
  EXPECT_EQ(w.size(), 5u);
  auto u = make_dq<T>({1, 2, 3, 4}, 4, 0);
  ASSERT_TRUE(u.try_emplace_front(std::move(u[0])));
  EXPECT_EQ(val(u[0]), 1);
}

TYPED_TEST(VecDequeTest, AliasingMoveFromOwnElementWithRoom) {
  using T = TypeParam;
  auto d = make_dq<T>({1, 2, 3, 4}, 8, 6);
  ASSERT_TRUE(d.try_insert(1, std::move(d[3])));  // front side moves; the value was taken first
  EXPECT_EQ(val(d[1]), 4);
  EXPECT_EQ(val(d[0]), 1);
  EXPECT_EQ(val(d[2]), 2);
  ASSERT_TRUE(d.try_insert(3, std::move(d[0])));  // back side moves
  EXPECT_EQ(val(d[3]), 1);
  ASSERT_TRUE(d.try_push_back(std::move(d[2])));
  EXPECT_EQ(val(d[6]), 2);
  ASSERT_TRUE(d.try_push_front(std::move(d[6])));
  EXPECT_EQ(val(d[0]), 2);
}

TYPED_TEST(VecDequeTest, CapacityOverflow) {
  using T = TypeParam;
  auto d = make_dq<T>({1, 2}, 3, 2);
  for (std::size_t n : {SIZE_MAX, SIZE_MAX - 1, bare::vec_deque<T>::max_size(), bare::vec_deque<T>::max_size() - 1}) {
    auto r = d.try_reserve(n);
    ASSERT_FALSE(r) << n;
    EXPECT_EQ(r.error().kind, bare::alloc_errc::capacity_overflow);
    EXPECT_EQ(r.error().request.align, alignof(T));
    auto e = d.try_reserve_exact(n);
    ASSERT_FALSE(e);
    EXPECT_EQ(e.error().kind, bare::alloc_errc::capacity_overflow);
  }
  EXPECT_EQ(values(d), (ints{1, 2}));
  EXPECT_EQ(d.capacity(), 3u);
}

TYPED_TEST(VecDequeTest, TryExtendFromIterators) {
  using T = TypeParam;
  auto d = make_dq<T>({1}, 2, 1);
  auto src = std::vector<T>();
  for (int i = 2; i <= 4; ++i) src.push_back(mk<T>(i));
  const auto before = global_heap_stats();
  ASSERT_TRUE(d.try_extend_from(std::make_move_iterator(src.begin()), std::make_move_iterator(src.end())));
  EXPECT_EQ(values(d), (ints{1, 2, 3, 4}));
  EXPECT_LE(dq_allocations_since(before), 1u);
  ASSERT_TRUE(d.try_extend_from(counting_input<T>{5}, counting_end{12}));
  EXPECT_EQ(values(d), iota(11, 1));
  ASSERT_TRUE(d.try_extend_from(counting_input<T>{5}, counting_end{5}));
  EXPECT_EQ(d.size(), 11u);
  EXPECT_TRUE(d.check());
}

}  // namespace
