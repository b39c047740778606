// object_pool<T, N>: O(1) slots with handles that destroy on scope exit, slot reuse, the full
// condition, and the pool as the allocator of a box (full reported through the box).
#include <gtest/gtest.h>

#include <set>
#include <type_traits>
#include <vector>

#include "bare/alloc/allocator.hpp"
#include "bare/box.hpp"
#include "bare/object_pool.hpp"
#include "support/death.hpp"
#include "support/heap.hpp"
#include "support/tracked.hpp"

namespace {

using namespace bare_test;  // NOLINT

static_assert(bare::allocator<bare::object_pool<int, 4>>);
static_assert(std::is_trivially_destructible_v<bare::object_pool<counted, 4>>, "a static pool registers no destructor");
constinit bare::object_pool<counted, 3> g_static_pool;

TEST(ObjectPool, HandlesDestroyOnScopeExitAndSlotsAreReused) {
  const heap_stats before = global_heap_stats();
  bare::object_pool<counted, 3> pool;
  EXPECT_EQ(pool.capacity(), 3u);
  {
    auto a = pool.try_make(1);
    auto b = pool.try_make(2);
    ASSERT_TRUE(a && b);
    EXPECT_EQ((*a)->value(), 1);
    EXPECT_EQ(pool.size(), 2u);
    EXPECT_EQ(counted::live, 2);
    const counted* slot_a = a->get();
    a->reset();
    EXPECT_EQ(counted::live, 1);
    auto c = pool.try_make(3);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->get(), slot_a) << "the freed slot is taken first";
    auto d = pool.try_make(4);
    ASSERT_TRUE(d);
    EXPECT_TRUE(pool.full());
    auto e = pool.try_make(5);
    ASSERT_FALSE(e);
    EXPECT_EQ(e.error().kind, bare::alloc_errc::full);
    EXPECT_EQ(counted::live, 3);
    auto moved = std::move(*d);
    EXPECT_FALSE(*d);
    EXPECT_EQ(moved->value(), 4);
    counted* raw = moved.release();
    EXPECT_EQ(pool.size(), 3u);
    pool.destroy(raw);
    EXPECT_EQ(pool.size(), 2u);
  }
  EXPECT_EQ(counted::live, 0);
  EXPECT_TRUE(pool.empty());
  // Every slot can be used again, each exactly once.
  std::vector<bare::object_pool<counted, 3>::handle> all;
  std::set<const void*> addrs;
  for (int i = 0; i < 3; ++i) {
    all.push_back(pool.make(i));
    addrs.insert(all.back().get());
    EXPECT_TRUE(pool.owns(all.back().get()));
  }
  EXPECT_EQ(addrs.size(), 3u);
  all.clear();
  EXPECT_EQ(global_heap_stats().allocations, before.allocations) << "the pool never uses the heap";
}

TEST(ObjectPool, StaticPoolIsConstantInitialised) {
  auto h = g_static_pool.try_make(7);
  ASSERT_TRUE(h);
  EXPECT_EQ((*h)->value(), 7);
  EXPECT_EQ(g_static_pool.size(), 1u);
}

struct base {
  virtual ~base() = default;
  virtual int id() const = 0;
};
struct derived final : base {
  explicit derived(int x) : x_(x) {}
  int id() const override { return x_; }
  int x_;
};

TEST(ObjectPool, AsTheAllocatorOfABox) {
  bare::object_pool<counted, 2> pool;
  {
    auto a = bare::try_make_box_in<counted>(bare::by_ref(pool), 10);
    auto b = bare::try_make_box_in<counted>(bare::by_ref(pool), 11);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(pool.size(), 2u);
    EXPECT_TRUE(pool.owns(a->get()));
    auto c = bare::try_make_box_in<counted>(bare::by_ref(pool), 12);
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().kind, bare::alloc_errc::full) << "the pool's last_failure reaches the box";
  }
  EXPECT_TRUE(pool.empty());
  EXPECT_EQ(counted::live, 0);
  // A block larger than a slot is refused.
  EXPECT_EQ(pool.allocate(bare::layout{sizeof(counted) + 1, 1}), nullptr);
  EXPECT_EQ(pool.allocate(bare::layout{8, 2 * alignof(counted) * 64}), nullptr);
  void* p = pool.allocate(bare::layout{1, 1});
  ASSERT_NE(p, nullptr);
  pool.deallocate(p, bare::layout{1, 1});
  // A box of a derived class through its base (the slot holds the derived object).
  bare::object_pool<derived, 1> dpool;
  {
    auto d = bare::try_make_box_in<derived>(bare::by_ref(dpool), 5);
    ASSERT_TRUE(d);
    bare::box<base, bare::by_ref<bare::object_pool<derived, 1>>> b = std::move(*d);
    EXPECT_EQ(b->id(), 5);
    EXPECT_TRUE(dpool.full());
  }
  EXPECT_TRUE(dpool.empty());
}

TEST(ObjectPoolDeath, MakeOnFullAndForeignPointersPanic) {
  panic_handler_guard g(exiting_panic_handler);
  bare::object_pool<int, 1> pool;
  auto h = pool.make(1);
  EXPECT_EXIT((void)pool.make(2), ::testing::ExitedWithCode(panic_exit), "full");
  int outside = 0;
  EXPECT_EXIT(pool.destroy(&outside), ::testing::ExitedWithCode(panic_exit), "not from this pool");
}

}  // namespace
