// fixed_deque<T, N> and deque_view<T>: vec_deque's algorithm (detail::ring_core) over inline
// slots and over a view. Typed tests at the full condition (refused at either end and at
// every insertion index, the deque unchanged including its layout), the overwriting pushes of
// a history buffer, views of every capacity, and a differential run against the heap twin
// vec_deque and std::deque with the ring wrapping at a capacity that is not a power of two.
#include <gtest/gtest.h>

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <vector>

#include "bare/deque_view.hpp"
#include "bare/fixed_deque.hpp"
#include "bare/vec_deque.hpp"
#include "support/death.hpp"
#include "support/heap.hpp"
#include "support/rng.hpp"
#include "support/tracked.hpp"

namespace {

using namespace bare_test;  // NOLINT

static_assert(sizeof(bare::fixed_deque<std::uint8_t, 16>) == 18, "head and length shrink with N");
static_assert(std::is_same_v<bare::fixed_deque<int, 300>::length_type, unsigned short>);
static_assert(std::is_trivially_copyable_v<bare::fixed_deque<int, 4>>);
static_assert(bare::is_trivially_relocatable_v<bare::fixed_deque<int, 4>>);
static_assert(!std::is_copy_constructible_v<bare::fixed_deque<move_only, 4>>);

template <class R>
bool is_full(const R& r) {
  return !r && r.error().kind == bare::alloc_errc::full;
}

template <class D>
struct layout_of_deque {
  explicit layout_of_deque(const D& d)
      : vals(values(d)), front_addr(d.empty() ? nullptr : &d.front()), live(counted::live) {}
  bool same(const D& d) const {
    return values(d) == vals && (d.empty() ? nullptr : &d.front()) == front_addr && counted::live == live;
  }
  std::vector<int> vals;
  const void* front_addr;
  long live;
};

template <class T>
class FixedDequeTest : public ::testing::Test {
 protected:
  heap_stats before_ = global_heap_stats();
  void TearDown() override { EXPECT_EQ(global_heap_stats().allocations, before_.allocations) << "it allocated"; }
};
using all_types = ::testing::Types<int, move_only, counted, over_aligned>;
TYPED_TEST_SUITE(FixedDequeTest, all_types);

TYPED_TEST(FixedDequeTest, FullAtBothEndsAndEveryIndex) {
  using T = TypeParam;
  bare::fixed_deque<T, 5> d;
  EXPECT_EQ(d.capacity(), 5u);
  ASSERT_TRUE(d.try_push_back(mk<T>(3)));
  ASSERT_TRUE(d.try_push_front(mk<T>(2)));  // wraps: the head moves to the last slot
  ASSERT_TRUE(d.try_push_front(mk<T>(1)));
  ASSERT_TRUE(d.try_emplace_back(4));
  ASSERT_TRUE(d.try_emplace_front(0));
  EXPECT_EQ(values(d), (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_TRUE(d.check());
  T x = mk<T>(9);
  const layout_of_deque<bare::fixed_deque<T, 5>> snap(d);
  EXPECT_TRUE(is_full(d.try_push_back(std::move(x))));
  EXPECT_TRUE(is_full(d.try_push_front(std::move(x))));
  EXPECT_EQ(val(x), 9) << "not consumed";
  EXPECT_TRUE(is_full(d.push_back_within_capacity(mk<T>(9))));
  EXPECT_TRUE(is_full(d.push_front_within_capacity(mk<T>(9))));
  for (std::size_t i = 0; i <= 5; ++i) EXPECT_TRUE(is_full(d.try_emplace(i, 9)));
  EXPECT_TRUE(is_full(d.try_insert(d.begin() + 2, mk<T>(9))));
  EXPECT_TRUE(is_full(d.try_reserve(1)));
  EXPECT_TRUE(is_full(d.try_extend_from(counting_input<T>{0}, counting_end{1})));
  if constexpr (std::is_default_constructible_v<T>) {
    EXPECT_TRUE(is_full(d.try_resize(6)));
  }
  EXPECT_TRUE(snap.same(d));
  auto p = d.pop_front();
  ASSERT_TRUE(p);
  EXPECT_EQ(val(*p), 0);
  ASSERT_TRUE(d.try_insert(2, mk<T>(7)));
  EXPECT_EQ(values(d), (std::vector<int>{1, 2, 7, 3, 4}));
}

TYPED_TEST(FixedDequeTest, OverwriteKeepsTheNewest) {
  using T = TypeParam;
  bare::fixed_deque<T, 3> h;
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(h.push_back_overwrite(mk<T>(i)).has_value());
  auto old = h.push_back_overwrite(mk<T>(3));
  ASSERT_TRUE(old);
  EXPECT_EQ(val(*old), 0) << "the oldest is dropped and handed back";
  for (int i = 4; i < 10; ++i) (void)h.push_back_overwrite(mk<T>(i));
  EXPECT_EQ(values(h), (std::vector<int>{7, 8, 9}));
  auto back = h.push_front_overwrite(mk<T>(6));
  ASSERT_TRUE(back);
  EXPECT_EQ(val(*back), 9);
  EXPECT_EQ(values(h), (std::vector<int>{6, 7, 8}));
  EXPECT_TRUE(h.check());
}

TYPED_TEST(FixedDequeTest, WrappingEditsRotateAndContiguous) {
  using T = TypeParam;
  bare::fixed_deque<T, 7> d;
  std::deque<int> m;
  for (int round = 0; round < 30; ++round) {  // the head walks around the ring
    ASSERT_TRUE(d.try_push_back(mk<T>(round)));
    m.push_back(round);
    if (d.size() > 4) {
      (void)d.pop_front();
      m.pop_front();
    }
  }
  ASSERT_TRUE(d.try_insert(1, mk<T>(100)));
  m.insert(m.begin() + 1, 100);
  d.erase(d.begin() + 3);
  m.erase(m.begin() + 3);
  d.rotate_left(2);
  std::rotate(m.begin(), m.begin() + 2, m.end());
  EXPECT_EQ(values(d), std::vector<int>(m.begin(), m.end()));
  auto s = d.make_contiguous();
  EXPECT_EQ(s.size(), m.size());
  EXPECT_EQ(values(s), std::vector<int>(m.begin(), m.end()));
  auto [a, b] = d.as_slices();
  EXPECT_TRUE(b.empty());
  EXPECT_EQ(a.size(), m.size());
  auto tail = d.split_off(2);
  EXPECT_EQ(values(tail), std::vector<int>(m.begin() + 2, m.end()));
  ASSERT_TRUE(d.try_append(tail));
  EXPECT_TRUE(tail.empty());
  EXPECT_EQ(values(d), std::vector<int>(m.begin(), m.end()));
}

TYPED_TEST(FixedDequeTest, MoveAndCopy) {
  using T = TypeParam;
  bare::fixed_deque<T, 4> a;
  ASSERT_TRUE(a.try_push_back(mk<T>(2)));
  ASSERT_TRUE(a.try_push_front(mk<T>(1)));
  bare::fixed_deque<T, 4> b(std::move(a));
  EXPECT_EQ(values(b), (std::vector<int>{1, 2}));
  if constexpr (!std::is_trivially_copyable_v<T>) {
    EXPECT_TRUE(a.empty());
  }
  if constexpr (std::is_copy_constructible_v<T>) {
    bare::fixed_deque<T, 4> c = b;
    EXPECT_TRUE(c == b);
    auto e = b.try_clone();
    ASSERT_TRUE(e);
    EXPECT_TRUE(*e == b);
  }
  swap(a, b);
  EXPECT_EQ(values(a), (std::vector<int>{1, 2}));
}

// One function for every capacity, and for a heap deque.
template <class T>
int log_into(bare::deque_view<T> log, int n) {
  int dropped = 0;
  for (int i = 0; i < n; ++i) dropped += log.push_back_overwrite(mk<T>(i)).has_value();
  return dropped;
}

TYPED_TEST(FixedDequeTest, ViewOfAnyCapacity) {
  using T = TypeParam;
  bare::fixed_deque<T, 3> small;
  bare::fixed_deque<T, 300> big;
  EXPECT_EQ(log_into<T>(small, 10), 7);
  EXPECT_EQ(log_into<T>(big, 10), 0);
  EXPECT_EQ(values(small), (std::vector<int>{7, 8, 9}));
  EXPECT_EQ(big.size(), 10u);
  bare::deque_view<T> v = small;
  ASSERT_TRUE(v.pop_front());
  ASSERT_TRUE(v.try_push_front(mk<T>(42)));
  EXPECT_EQ(values(small), (std::vector<int>{42, 8, 9}));
  EXPECT_TRUE(is_full(v.try_push_back(mk<T>(1))));
  bare::vec_deque<T> heap;
  ASSERT_TRUE(heap.try_reserve_exact(2));
  bare::deque_view<T> hv = heap;
  EXPECT_EQ(log_into<T>(hv, 5), 3) << "a view of a heap deque works within its capacity";
  EXPECT_EQ(heap.size(), 2u);
  this->before_ = global_heap_stats();
}

TEST(FixedDeque, InitializerListPanicsWhenTooLong) {
  panic_handler_guard g(exiting_panic_handler);
  bare::fixed_deque<int, 3> ok{1, 2, 3};
  EXPECT_EQ(ok.back(), 3);
  auto too_long = [] {
    bare::fixed_deque<int, 2> d{1, 2, 3};
    (void)d;
  };
  EXPECT_EXIT(too_long(), ::testing::ExitedWithCode(panic_exit), "full");
  EXPECT_EXIT(ok.push_front(0), ::testing::ExitedWithCode(panic_exit), "full");
}

// ---- differential: fixed_deque<T, 13> (directly and through a view) vs vec_deque vs std -----

template <class T>
void deque_model_run(std::uint64_t seed, std::size_t* refused, std::size_t* accepted) {
  constexpr std::size_t N = 13;
  rng r(seed);
  bare::fixed_deque<T, N> f;
  bare::vec_deque<T> h;
  std::deque<int> m;
  for (int step = 0; step < 3000; ++step) {
    SCOPED_TRACE("step " + std::to_string(step) + " size " + std::to_string(m.size()));
    const std::size_t n = m.size();
    const int x = r.between(0, 50);
    const std::vector<int> before = values(f);
    bool via_view = r.chance(50);
    bare::deque_view<T> fv = f;
    auto on_f = [&](auto&& op) { return via_view ? op(fv) : op(f); };
    bool f_ok = true;
    bool grows = false;
    switch (r.below(12)) {
      case 0:
        f_ok = on_f([&](auto& d) { return static_cast<bool>(d.try_push_back(mk<T>(x))); });
        ASSERT_TRUE(h.try_push_back(mk<T>(x)));
        m.push_back(x);
        grows = true;
        break;
      case 1:
        f_ok = on_f([&](auto& d) { return static_cast<bool>(d.try_push_front(mk<T>(x))); });
        ASSERT_TRUE(h.try_push_front(mk<T>(x)));
        m.push_front(x);
        grows = true;
        break;
      case 2: {
        const std::size_t at = r.below(n + 1);
        f_ok = on_f([&](auto& d) { return static_cast<bool>(d.try_insert(at, mk<T>(x))); });
        ASSERT_TRUE(h.try_insert(at, mk<T>(x)));
        m.insert(m.begin() + static_cast<std::ptrdiff_t>(at), x);
        grows = true;
        break;
      }
      case 3: {
        const int c = static_cast<int>(r.below(5));
        f_ok = on_f([&](auto& d) { return static_cast<bool>(d.try_extend_from(counting_input<T>{x}, counting_end{x + c})); });
        ASSERT_TRUE(h.try_extend_from(counting_input<T>{x}, counting_end{x + c}));
        for (int i = x; i < x + c; ++i) m.push_back(i);
        grows = true;
        break;
      }
      case 4: {  // history: never refused
        auto a = on_f([&](auto& d) { return d.push_back_overwrite(mk<T>(x)); });
        if (m.size() == N) {
          ASSERT_TRUE(a.has_value());
          EXPECT_EQ(val(*a), m.front());
          m.pop_front();
          (void)h.pop_front();
        } else {
          ASSERT_FALSE(a.has_value());
        }
        m.push_back(x);
        ASSERT_TRUE(h.try_push_back(mk<T>(x)));
        break;
      }
      case 5:
        if (n != 0) {
          EXPECT_EQ(val(*on_f([](auto& d) { return d.pop_front(); })), m.front());
          (void)h.pop_front();
          m.pop_front();
        }
        break;
      case 6:
        if (n != 0) {
          EXPECT_EQ(val(*on_f([](auto& d) { return d.pop_back(); })), m.back());
          (void)h.pop_back();
          m.pop_back();
        }
        break;
      case 7:
        if (n != 0) {
          const std::size_t a = r.below(n), b = a + r.below(n - a + 1);
          on_f([&](auto& d) {
            d.erase(d.begin() + static_cast<std::ptrdiff_t>(a), d.begin() + static_cast<std::ptrdiff_t>(b));
            return true;
          });
          h.erase(h.begin() + static_cast<std::ptrdiff_t>(a), h.begin() + static_cast<std::ptrdiff_t>(b));
          m.erase(m.begin() + static_cast<std::ptrdiff_t>(a), m.begin() + static_cast<std::ptrdiff_t>(b));
        }
        break;
      case 8:
        if (n != 0) {
          const std::size_t k = r.below(n + 1);
          on_f([&](auto& d) {
            d.rotate_right(k);
            return true;
          });
          h.rotate_right(k);
          std::rotate(m.begin(), m.begin() + static_cast<std::ptrdiff_t>(n - k), m.end());
        }
        break;
      case 9:
        on_f([&](auto& d) {
          d.retain([x](const T& e) { return val(e) % 3 != x % 3; });
          return true;
        });
        h.retain([x](const T& e) { return val(e) % 3 != x % 3; });
        m.erase(std::remove_if(m.begin(), m.end(), [x](int e) { return e % 3 == x % 3; }), m.end());
        break;
      case 10:
        on_f([](auto& d) { return d.make_contiguous().size(); });
        break;
      case 11:
        if (n != 0) {
          const std::size_t i = r.below(n);
          EXPECT_EQ(val(*on_f([&](auto& d) { return d.remove(i); })), m[i]);
          (void)h.remove(i);
          m.erase(m.begin() + static_cast<std::ptrdiff_t>(i));
        }
        break;
    }
    if (grows) {
      if (m.size() <= N) {
        ASSERT_TRUE(f_ok);
        ++*accepted;
      } else {
        ASSERT_FALSE(f_ok);
        ASSERT_EQ(values(f), before) << "a refused operation changed the fixed deque";
        ++*refused;
        m.assign(before.begin(), before.end());
        h.clear();
        for (int v : before) ASSERT_TRUE(h.try_push_back(mk<T>(v)));
      }
    }
    ASSERT_TRUE(f.check());
    ASSERT_EQ(values(f), std::vector<int>(m.begin(), m.end()));
    ASSERT_EQ(values(h), std::vector<int>(m.begin(), m.end()));
    if constexpr (std::is_same_v<T, counted>) {
      ASSERT_EQ(counted::live, static_cast<long>(f.size() + h.size()));
    }
  }
}

TEST(FixedDequeModel, AgainstTheHeapTwinAndStd) {
  std::size_t refused = 0, accepted = 0;
  const std::uint64_t base = test_seed();
  for (std::uint64_t s = 0; s < 10; ++s) {
    SCOPED_TRACE("sequence seed " + std::to_string(base + s));
    deque_model_run<int>(base + s, &refused, &accepted);
    if (HasFatalFailure()) return;
    deque_model_run<counted>(base + s, &refused, &accepted);
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(refused, 50u);
  EXPECT_GT(accepted, refused);
}

}  // namespace
