// Every fallible vec_deque operation under check_all_allocation_failures, for int and counted,
// on wrapped rings, and for nested deques (whose element clones allocate and may fail too).
// Each case states how many allocation attempts the operation makes when nothing fails.
//
// "Changed nothing" is checked strictly here: the state compares contents, capacity and the
// ring's layout (the sizes of the two as_slices pieces), not only the elements.
#include <gtest/gtest.h>

#include <cstdlib>
#include <span>
#include <utility>
#include <vector>

#include "bare/vec_deque.hpp"
#include "oom/oom_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT
template <class T>
using D = bare::vec_deque<T, F>;

// A deque compared by contents, capacity and layout.
template <class T>
struct ring {
  D<T> d;
  friend bool operator==(const ring& a, const ring& b) {
    const auto [a1, a2] = a.d.as_slices();
    const auto [b1, b2] = b.d.as_slices();
    return a.d == b.d && a.d.capacity() == b.d.capacity() && a1.size() == b1.size() && a2.size() == b2.size() &&
           a.d.check() && b.d.check();
  }
};

// n elements 0, 1, ..., n - 1 in a ring of exactly `cap` slots, element 0 in slot `head`.
template <class T>
D<T> layout(F a, std::size_t n, std::size_t cap, std::size_t head) {
  D<T> d(a);
  if (!d.try_reserve_exact(cap)) std::abort();
  for (std::size_t i = 0; i < head; ++i)
    if (!d.try_push_back(mk<T>(-1))) std::abort();
  for (std::size_t i = 0; i < head; ++i) (void)d.pop_front();
  for (std::size_t i = 0; i < n; ++i)
    if (!d.try_push_back(mk<T>(static_cast<int>(i)))) std::abort();
  return d;
}
// Size 8, capacity 8, wrapped (element 0 in slot 5): any growth allocates.
template <class T>
ring<T> full(F a) {
  return {layout<T>(a, 8, 8, 5)};
}
// Size 8, capacity 16, wrapped (element 0 in slot 12).
template <class T>
ring<T> roomy(F a) {
  return {layout<T>(a, 8, 16, 12)};
}
template <class T>
ring<T> empty_dq(F a) {
  return {D<T>(a)};
}

template <class T>
struct two {
  ring<T> a, b;
  friend bool operator==(const two& x, const two& y) { return x.a == y.a && x.b == y.b; }
};

template <class T>
class VecDequeOom : public ::testing::Test {};
using types = ::testing::Types<int, counted>;
TYPED_TEST_SUITE(VecDequeOom, types);

TYPED_TEST(VecDequeOom, Construction) {
  using T = TypeParam;
  EXPECT_OOM_SAFE(1u, [](F a) { return D<T>::try_with_capacity(5, a); });
  EXPECT_OOM_SAFE(0u, [](F a) { return D<T>::try_with_capacity(0, a); });
  EXPECT_OOM_SAFE(1u, [](F a) {
    const T src[] = {mk<T>(1), mk<T>(2), mk<T>(3)};
    return D<T>::try_from(std::span<const T>(src), a);
  });
}

TYPED_TEST(VecDequeOom, ReserveAndShrink) {
  using T = TypeParam;
  EXPECT_OOM_SAFE(1u, full<T>, [](ring<T>& s) { return s.d.try_reserve(1); });
  EXPECT_OOM_SAFE(1u, full<T>, [](ring<T>& s) { return s.d.try_reserve(100); });
  EXPECT_OOM_SAFE(1u, full<T>, [](ring<T>& s) { return s.d.try_reserve_exact(3); });
  EXPECT_OOM_SAFE(1u, empty_dq<T>, [](ring<T>& s) { return s.d.try_reserve(1); });
  EXPECT_OOM_SAFE(0u, roomy<T>, [](ring<T>& s) { return s.d.try_reserve(8); });
  EXPECT_OOM_SAFE(1u, roomy<T>, [](ring<T>& s) { return s.d.try_shrink_to_fit(); });
  EXPECT_OOM_SAFE(1u, roomy<T>, [](ring<T>& s) { return s.d.try_shrink_to(10); });
  EXPECT_OOM_SAFE(0u, full<T>, [](ring<T>& s) { return s.d.try_shrink_to_fit(); });
  // In place: the elements already lie in the first slots of the smaller block.
  EXPECT_OOM_SAFE(1u, [](F a) { return ring<T>{layout<T>(a, 3, 16, 1)}; },
                  [](ring<T>& s) { return s.d.try_shrink_to(6); });
}

TYPED_TEST(VecDequeOom, PushAndEmplaceAtBothEnds) {
  using T = TypeParam;
  EXPECT_OOM_SAFE(1u, full<T>, [](ring<T>& s) { return s.d.try_push_back(mk<T>(9)); });
  EXPECT_OOM_SAFE(1u, full<T>, [](ring<T>& s) { return s.d.try_push_front(mk<T>(9)); });
  EXPECT_OOM_SAFE(1u, full<T>, [](ring<T>& s) {
    const T x = mk<T>(9);
    return s.d.try_push_back(x);
  });
  EXPECT_OOM_SAFE(1u, full<T>, [](ring<T>& s) { return s.d.try_emplace_back(9); });
  EXPECT_OOM_SAFE(1u, full<T>, [](ring<T>& s) { return s.d.try_emplace_front(9); });
  EXPECT_OOM_SAFE(1u, full<T>, [](ring<T>& s) { return s.d.try_push_back(s.d[3]); });   // aliasing
  EXPECT_OOM_SAFE(1u, full<T>, [](ring<T>& s) { return s.d.try_push_front(s.d[6]); });  // aliasing
  EXPECT_OOM_SAFE(1u, empty_dq<T>, [](ring<T>& s) { return s.d.try_push_front(mk<T>(1)); });
  EXPECT_OOM_SAFE(0u, roomy<T>, [](ring<T>& s) { return s.d.try_push_back(mk<T>(1)); });
  EXPECT_OOM_SAFE(0u, roomy<T>, [](ring<T>& s) { return s.d.try_push_front(mk<T>(1)); });
}

TYPED_TEST(VecDequeOom, InsertOne) {
  using T = TypeParam;
  for (std::size_t at : {0u, 1u, 3u, 4u, 6u, 8u}) {
    SCOPED_TRACE(::testing::Message() << "index " << at);
    EXPECT_OOM_SAFE(1u, full<T>, [at](ring<T>& s) { return s.d.try_insert(at, mk<T>(9)); });
    EXPECT_OOM_SAFE(1u, full<T>, [at](ring<T>& s) { return s.d.try_emplace(at, 9); });
    EXPECT_OOM_SAFE(1u, full<T>, [at](ring<T>& s) { return s.d.try_insert(at, s.d[7 - at % 8]); });  // aliasing
    EXPECT_OOM_SAFE(1u, full<T>, [at](ring<T>& s) {
      return s.d.try_insert(s.d.cbegin() + static_cast<std::ptrdiff_t>(at), mk<T>(9));
    });
    EXPECT_OOM_SAFE(0u, roomy<T>, [at](ring<T>& s) { return s.d.try_insert(at, mk<T>(9)); });
  }
}

TYPED_TEST(VecDequeOom, Extend) {
  using T = TypeParam;
  EXPECT_OOM_SAFE(1u, full<T>, [](ring<T>& s) {
    const T src[] = {mk<T>(10), mk<T>(11)};
    return s.d.try_extend_from(std::span<const T>(src));
  });
  EXPECT_OOM_SAFE(1u, full<T>, [](ring<T>& s) { return s.d.try_extend_from(s.d.as_slices().first); });  // itself
  EXPECT_OOM_SAFE(1u, full<T>, [](ring<T>& s) {
    const std::vector<T> src{mk<T>(10), mk<T>(11), mk<T>(12)};
    return s.d.try_extend_from(src.begin(), src.end());
  });
  EXPECT_OOM_SAFE(0u, roomy<T>, [](ring<T>& s) {
    const std::vector<T> src{mk<T>(10), mk<T>(11), mk<T>(12)};
    return s.d.try_extend_from(src.begin(), src.end());
  });
  // Unsized input: element by element; 8 + 10 elements grow twice (8 -> 16 -> 32). On failure
  // the elements already added are removed again, but the capacity may have grown: compared
  // by contents only (a plain deque as the state).
  EXPECT_OOM_SAFE(2u, [](F a) { return layout<T>(a, 8, 8, 5); },
                  [](D<T>& d) { return d.try_extend_from(counting_input<T>{0}, counting_end{10}); });
}

TYPED_TEST(VecDequeOom, AppendResizeSplit) {
  using T = TypeParam;
  auto pair = [](F a) { return two<T>{full<T>(a), {layout<T>(a, 5, 6, 4)}}; };
  EXPECT_OOM_SAFE(1u, pair, [](two<T>& s) { return s.a.d.try_append(s.b.d); });
  EXPECT_OOM_SAFE(1u, pair, [](two<T>& s) { return s.b.d.try_append(s.a.d); });
  EXPECT_OOM_SAFE(1u, full<T>, [](ring<T>& s) { return s.d.try_resize(20); });
  EXPECT_OOM_SAFE(1u, full<T>, [](ring<T>& s) { return s.d.try_resize(20, mk<T>(5)); });
  EXPECT_OOM_SAFE(1u, full<T>, [](ring<T>& s) { return s.d.try_resize(20, s.d[2]); });
  EXPECT_OOM_SAFE(0u, full<T>, [](ring<T>& s) { return s.d.try_resize(3); });
  EXPECT_OOM_SAFE(0u, roomy<T>, [](ring<T>& s) { return s.d.try_resize(16, s.d[7]); });
  for (std::size_t at : {0u, 2u, 3u, 7u}) EXPECT_OOM_SAFE(1u, full<T>, [at](ring<T>& s) { return s.d.try_split_off(at); });
  EXPECT_OOM_SAFE(0u, full<T>, [](ring<T>& s) { return s.d.try_split_off(8); });
}

TYPED_TEST(VecDequeOom, Clone) {
  using T = TypeParam;
  EXPECT_OOM_SAFE(1u, full<T>, [](ring<T>& s) { return s.d.try_clone(); });
  EXPECT_OOM_SAFE(1u, roomy<T>, [](ring<T>& s) { return s.d.try_clone(); });
  EXPECT_OOM_SAFE(0u, empty_dq<T>, [](ring<T>& s) { return s.d.try_clone(); });
}

// A sequence of fallible operations is not atomic as a whole (each one is): a failure in the
// middle leaves the earlier ones done, and check_all_allocation_failures says so.
TYPED_TEST(VecDequeOom, SequenceOfPushesIsNotAtomic) {
  using T = TypeParam;
  auto rep = bare::testing::check_all_allocation_failures(full<T>, [](ring<T>& s) -> bare::result<void> {
    for (int i = 0; i < 10; ++i) BARE_TRY(s.d.try_push_front(mk<T>(i)));
    return {};
  });
  EXPECT_FALSE(rep.ok);
  EXPECT_STREQ(rep.problem, "the state changed although the operation failed");
  EXPECT_EQ(counted::live, 0);
}

// ---- nested: vec_deque<vec_deque<int>>, whose element copies allocate ----------------------

using inner = D<int>;
using outer = D<inner>;

// {{0}, {0, 1}, {0, 1, 2}, {}}, wrapped in a ring of exactly 4 slots; three inner blocks.
ring<inner> nested(F a) {
  outer o(a);
  if (!o.try_reserve_exact(4)) std::abort();
  if (!o.try_emplace_back(a)) std::abort();
  (void)o.pop_front();
  (void)o.pop_front();
  for (int i = 0; i < 3; ++i) {
    inner in(a);
    for (int j = 0; j <= i; ++j)
      if (!in.try_push_back(j)) std::abort();
    if (!o.try_push_back(std::move(in))) std::abort();
  }
  if (!o.try_emplace_back(a)) std::abort();
  return {std::move(o)};
}

TEST(VecDequeOomNested, Clone) {
  EXPECT_OOM_SAFE(4u, nested, [](ring<inner>& s) { return s.d.try_clone(); });  // outer + 3 inners
}

TEST(VecDequeOomNested, CopiesOfElements) {
  // Grows (the copies are made in the new block first), cloning o[1] twice: 1 + 2 * 1.
  EXPECT_OOM_SAFE(3u, nested, [](ring<inner>& s) { return s.d.try_resize(6, s.d[1]); });
  EXPECT_OOM_SAFE(4u, nested, [](ring<inner>& s) { return s.d.try_extend_from(s.d.as_slices().first); });
  auto two_nested = [](F a) { return std::pair<ring<inner>, ring<inner>>{nested(a), nested(a)}; };
  EXPECT_OOM_SAFE(4u, two_nested, [](std::pair<ring<inner>, ring<inner>>& s) {
    const auto [x, y] = s.second.d.as_slices();
    (void)y;
    return outer::try_from(x, s.first.d.allocator());
  });
}

TEST(VecDequeOomNested, ElementClonesInTheRoomPath) {
  // With room, try_resize(n, x) clones x in place; a failing clone must undo the others.
  auto spacious = [](F a) {
    ring<inner> s = nested(a);
    if (!s.d.try_reserve(10)) std::abort();
    return s;
  };
  EXPECT_OOM_SAFE(3u, spacious, [](ring<inner>& s) { return s.d.try_resize(7, s.d[2]); });
  EXPECT_OOM_SAFE(3u, spacious, [](ring<inner>& s) { return s.d.try_extend_from(s.d.as_slices().first.subspan(0, 3)); });
}

}  // namespace
