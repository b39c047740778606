#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "bare/box.hpp"
#include "bare/testing/failing.hpp"
#include "support.hpp"

namespace {

// Records every (de)allocation layout, to check that a box frees exactly what it allocated.
struct recorder {
  static inline std::vector<bare::layout> allocated, freed;
  void* allocate(bare::layout l) noexcept {
    allocated.push_back(l);
    return bare::global{}.allocate(l);
  }
  void deallocate(void* p, bare::layout l) noexcept {
    freed.push_back(l);
    bare::global{}.deallocate(p, l);
  }
};

struct iface {
  virtual int id() const = 0;

 protected:
  ~iface() = default;  // no virtual destructor: box uses the real one anyway
};
struct other {
  long filler[3] = {1, 2, 3};
  virtual ~other() = default;
};
static int g_destroyed = 0;
// iface is not the first base, so a pointer to it is offset from the object's start.
struct alignas(128) impl final : other, iface {
  int v;
  explicit impl(int x) : v(x) {}
  ~impl() override { ++g_destroyed; }
  int id() const override { return v; }
};

// The infallible names are not declared under BARE_NO_GLOBAL_OOM_HANDLING: tests go through
// try_ and value() (which panics on error).
template <class T, class... Args>
auto mk(Args&&... args) {
  return bare::try_make_box<T>(static_cast<Args&&>(args)...).value();
}

#if BARE_OOM_HANDLING
TEST(Box, InfallibleForms) {
  auto a = bare::make_box<int>(3);
  auto b = bare::make_box_for_overwrite<int>();
  auto c = bare::make_box<int[]>(4);
  auto d = bare::make_box_for_overwrite<int[]>(4);
  auto e = bare::make_box_in<int>(bare::global{}, 5);
  EXPECT_EQ(*a + *e, 8);
  EXPECT_EQ(c.size() + d.size(), 8u);
  *b = 1;
  EXPECT_EQ(a.clone().get() != a.get(), true);
}
#endif

TEST(Box, MakeAccessReset) {
  bt::counted::live = 0;
  {
    auto b = mk<bt::counted>(4);
    EXPECT_EQ(b->v, 4);
    EXPECT_EQ((*b).v, 4);
    EXPECT_EQ(bt::counted::live, 1);
    auto t = bare::try_make_box<bt::counted>(5);
    ASSERT_TRUE(t);
    EXPECT_EQ((*t)->v, 5);
    bare::box<bt::counted> moved(static_cast<bare::box<bt::counted>&&>(*t));
    EXPECT_FALSE(*t);
    EXPECT_TRUE(*t == nullptr);
    b.swap(moved);
    EXPECT_EQ(b->v, 5);
    b.reset();
    EXPECT_FALSE(b);
    EXPECT_EQ(bt::counted::live, 1);
    auto c = moved.try_clone();
    ASSERT_TRUE(c);
    EXPECT_EQ((*c)->v, 4);
  }
  EXPECT_EQ(bt::counted::live, 0);
  static_assert(sizeof(bare::box<int>) == sizeof(void*));
  static_assert(sizeof(bare::box<iface>) == 2 * sizeof(void*));
}

TEST(Box, ReleaseAndFromRaw) {
  auto b = mk<int>(41);
  int* p = b.release();
  EXPECT_FALSE(b);
  ++*p;
  auto back = bare::box<int>::from_raw(p);
  EXPECT_EQ(*back, 42);
  int* q = back.into_raw();
  bare::box<int>::from_raw(q).reset();
}

TEST(Box, ForOverwriteAndArrays) {
  auto o = bare::try_make_box_for_overwrite<std::uint64_t>().value();
  *o = 7;
  EXPECT_EQ(*o, 7u);
  auto a = mk<int[]>(std::size_t{5});
  EXPECT_EQ(a.size(), 5u);
  for (int x : a) EXPECT_EQ(x, 0);
  a[4] = 9;
  auto c = a.try_clone().value();
  EXPECT_EQ(c[4], 9);
  EXPECT_NE(c.data(), a.data());
  std::span<int> s = a;
  EXPECT_EQ(s.size(), 5u);
  auto w = bare::try_make_box_for_overwrite<int[]>(3);
  ASSERT_TRUE(w);
  EXPECT_EQ(w->size(), 3u);
  auto e = mk<int[]>(std::size_t{0});
  EXPECT_TRUE(e.empty());
  EXPECT_EQ(e.data(), nullptr);
  auto huge = bare::try_make_box<bt::wide[]>(SIZE_MAX / 64);
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().kind, bare::alloc_errc::capacity_overflow);
  int* raw = a.into_raw();
  auto back = bare::box<int[]>::from_raw(raw, 5);
  EXPECT_EQ(back[4], 9);
  bt::counted::live = 0;
  {
    auto t = mk<bt::counted[]>(std::size_t{4});
    EXPECT_EQ(bt::counted::live, 4);
  }
  EXPECT_EQ(bt::counted::live, 0);
}

TEST(Box, DerivedToBaseKeepsTheLayout) {
  recorder::allocated.clear();
  recorder::freed.clear();
  g_destroyed = 0;
  {
    auto d = bare::try_make_box<impl, recorder>(3);
    ASSERT_TRUE(d);
    bare::box<iface, recorder> b(static_cast<bare::box<impl, recorder>&&>(*d));
    EXPECT_EQ(b->id(), 3);
    EXPECT_NE(static_cast<const void*>(b.get()), nullptr);
    bare::box<const iface, recorder> cb(static_cast<bare::box<iface, recorder>&&>(b));
    EXPECT_EQ(cb->id(), 3);
  }
  EXPECT_EQ(g_destroyed, 1);
  ASSERT_EQ(recorder::allocated.size(), 1u);
  ASSERT_EQ(recorder::freed.size(), 1u);
  EXPECT_EQ(recorder::freed[0], (bare::layout{sizeof(impl), alignof(impl)}));
  EXPECT_EQ(recorder::allocated[0], recorder::freed[0]);
}

TEST(Box, StatefulAllocator) {
  bare::testing::failing<> f;  // via failing_ref, a pointer-sized handle
  {
    auto b = bare::try_make_box_in<int>(bare::testing::failing_ref<>(f), 5);
    ASSERT_TRUE(b);
    EXPECT_EQ(f.live_blocks(), 1u);
    static_assert(sizeof(bare::box<int, bare::testing::failing_ref<>>) == 2 * sizeof(void*));
    f.fail_at(f.attempts());
    auto c = b->try_clone();
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().kind, bare::alloc_errc::out_of_memory);
  }
  EXPECT_EQ(f.live_blocks(), 0u);
}

struct plain_base {
  int x = 0;
};
struct plain_derived : plain_base {
  int y = 0;
};
static_assert(std::is_constructible_v<bare::box<iface>, bare::box<impl>&&>);
static_assert(std::is_constructible_v<bare::box<const int>, bare::box<int>&&>);
static_assert(!std::is_constructible_v<bare::box<impl>, bare::box<iface>&&>);  // no downcast

TEST(BoxDeathTest, NullDereference) {
  bare::set_panic_handler([](const char* m, bare::source_loc) {
    std::fprintf(stderr, "%s\n", m);
    std::abort();
  });
#if BARE_CHECKS
  bare::box<int> b;
  EXPECT_DEATH((void)*b, "null dereference");
#endif
  bare::set_panic_handler(nullptr);
}

}  // namespace
