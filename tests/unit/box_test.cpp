// bare::box<T, A> and box<T[], A>.
#include <gtest/gtest.h>

#include <cstdint>
#include <span>
#include <type_traits>
#include <utility>

#include "bare/box.hpp"
#include "bare/vec.hpp"
#include "support/death.hpp"
#include "support/heap.hpp"
#include "support/tracked.hpp"

namespace {

using bare::box;
using bare_test::counted;
using bare_test::recording;
using bare_test::recording_ref;

static_assert(sizeof(box<int>) == sizeof(void*));
static_assert(sizeof(box<counted>) == sizeof(void*));
static_assert(sizeof(box<int, recording_ref>) == 2 * sizeof(void*));
static_assert(sizeof(box<int[]>) == 2 * sizeof(void*));
static_assert(bare::is_trivially_relocatable_v<box<counted>>);
static_assert(!std::is_copy_constructible_v<box<int>> && std::is_nothrow_move_constructible_v<box<int>>);

// ---- hierarchies for derived -> base ------------------------------------------------------

int destroyed = 0;

// A polymorphic base WITHOUT a virtual destructor (protected, so it cannot be deleted through).
struct shape {
  virtual int sides() const = 0;
  int tag = 11;

 protected:
  ~shape() = default;
};
struct triangle final : shape {  // (final: see build.non_final_polymorphic_warning_free)
  explicit triangle(int s) : scale(s) {}
  ~triangle() { ++destroyed; }
  int sides() const override { return 3; }
  int scale;
};

// Multiple inheritance: the box converts to the SECOND base, at a non-zero offset, and the
// complete object is over-aligned (the allocator must get exactly its layout back).
struct first_base {
  virtual ~first_base() = default;
  long a = 1;
};
struct second_base {
  virtual int id() const { return 2; }
  int b = 2;

 protected:
  ~second_base() = default;
};
struct alignas(64) multi final : first_base, second_base {
  ~multi() override { ++destroyed; }
  int id() const override { return 3; }
  char payload[100] = {};
};
static_assert(sizeof(box<multi>) == sizeof(void*));          // final: no descriptor needed
static_assert(sizeof(box<second_base>) == 2 * sizeof(void*));  // base: + descriptor pointer

// A three-level chain: conversion keeps the descriptor of the complete object.
struct root {
  virtual int level() const { return 0; }

 protected:
  ~root() = default;
};
struct mid : root {
  int level() const override { return 1; }
  ~mid() { ++destroyed; }
  int m = 5;
};
struct alignas(32) leaf final : mid {
  int level() const override { return 2; }
  ~leaf() { ++destroyed; }
  long l[6] = {1, 2, 3, 4, 5, 6};
};

struct plain_base {
  int x = 1;
};
struct plain_derived : plain_base {
  int y = 2;
};

// Conversions that must not exist (SFINAE-visible): base -> derived, unrelated types.
static_assert(!std::is_constructible_v<box<triangle>, box<shape>&&>);
static_assert(!std::is_constructible_v<box<long>, box<int>&&>);
static_assert(!std::is_constructible_v<box<shape>, box<triangle>&>);  // needs an rvalue
static_assert(std::is_constructible_v<box<const int>, box<int>&&>);
static_assert(std::is_constructible_v<box<second_base>, box<multi>&&>);
// box<plain_base> from box<plain_derived> is a hard error (static_assert in the converting
// constructor), checked by the build.box_non_polymorphic_base_fails test.

// The single allocate and the single deallocate a recording saw, for one boxed object.
void expect_one_block(const recording& rec, bare::layout expected) {
  ASSERT_EQ(rec.count(recording::kind::allocate), 1u);
  ASSERT_EQ(rec.count(recording::kind::deallocate), 1u);
  const auto& a = rec.calls.front();
  const auto& d = rec.calls.back();
  EXPECT_EQ(a.l, expected);
  EXPECT_EQ(d.l, expected) << "deallocate got a different layout than allocate";
  EXPECT_EQ(d.ptr, a.result) << "deallocate got a different pointer than allocate returned";
  EXPECT_EQ(rec.live, 0);
}

// ---- single objects -----------------------------------------------------------------------

TEST(Box, TryMakeBox) {
  auto r = bare::try_make_box<counted>(5);
  ASSERT_TRUE(r);
  box<counted> b = std::move(*r);
  EXPECT_TRUE(b);
  EXPECT_EQ(b->value(), 5);
  EXPECT_EQ((*b).value(), 5);
  EXPECT_EQ(counted::live, 1);
  EXPECT_FALSE(b == nullptr);
  b.reset();
  EXPECT_TRUE(b == nullptr);
  EXPECT_EQ(b.get(), nullptr);
  EXPECT_EQ(counted::live, 0);
  b.reset();  // reset of a null box is a no-op
}

TEST(Box, TryMakeBoxInUsesTheGivenAllocator) {
  recording rec;
  {
    auto r = bare::try_make_box_in<counted>(recording_ref(rec), 9);
    ASSERT_TRUE(r);
    EXPECT_EQ((*r)->value(), 9);
    EXPECT_EQ(&r->allocator().get(), &rec);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(r->get()), reinterpret_cast<std::uintptr_t>(rec.calls[0].result));
  }
  expect_one_block(rec, bare::layout_of<counted>);
  EXPECT_EQ(counted::live, 0);
}

TEST(Box, AllocationFailure) {
  auto r = bare::try_make_box_in<counted>(bare_test::always_fails{}, 1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, bare::alloc_errc::out_of_memory);
  EXPECT_EQ(r.error().request, bare::layout_of<counted>);
  EXPECT_EQ(counted::live, 0);  // nothing was constructed
  bare_test::global_heap_fail_next(1);
  auto g = bare::try_make_box<int>(1);
  EXPECT_FALSE(g);
}

TEST(Box, ForOverwrite) {
  auto r = bare::try_make_box_for_overwrite<int>();
  ASSERT_TRUE(r);
  **r = 17;
  EXPECT_EQ(**r, 17);
  recording rec;
  {
    auto s = bare::try_make_box_for_overwrite<bare_test::over_aligned>(recording_ref(rec));
    ASSERT_TRUE(s);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(s->get()) % 64, 0u);
  }
  expect_one_block(rec, bare::layout_of<bare_test::over_aligned>);
}

TEST(Box, OverAlignedObject) {
  auto r = bare::try_make_box<bare_test::over_aligned>(3);
  ASSERT_TRUE(r);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(r->get()) % 64, 0u);
  EXPECT_EQ((*r)->v, 3);
}

TEST(Box, NullStates) {
  box<int> a;
  box<int> b = nullptr;
  EXPECT_FALSE(a);
  EXPECT_TRUE(b == nullptr);
  auto r = bare::try_make_box<int>(1);
  box<int> c = std::move(*r);
  box<int> d = std::move(c);
  EXPECT_FALSE(c);  // moved-from is null
  EXPECT_EQ(*d, 1);
  d = std::move(a);  // frees d's int, takes null
  EXPECT_FALSE(d);
}

TEST(Box, MoveAssignFreesTheOld) {
  auto x = bare::try_make_box<counted>(1);
  auto y = bare::try_make_box<counted>(2);
  ASSERT_TRUE(x && y);
  EXPECT_EQ(counted::live, 2);
  *x = std::move(*y);
  EXPECT_EQ(counted::live, 1);
  EXPECT_EQ((*x)->value(), 2);
  box<counted>& self = *x;
  *x = std::move(self);  // self-move keeps the object
  EXPECT_EQ((*x)->value(), 2);
  EXPECT_EQ(counted::live, 1);
}

TEST(Box, ReleaseIntoRawFromRaw) {
  auto r = bare::try_make_box<counted>(4);
  ASSERT_TRUE(r);
  counted* p = r->release();
  EXPECT_FALSE(*r);
  EXPECT_EQ(counted::live, 1);
  box<counted> back = box<counted>::from_raw(p);
  EXPECT_EQ(back.get(), p);
  counted* q = back.into_raw();
  EXPECT_EQ(q, p);
  EXPECT_FALSE(back);
  box<counted> again = box<counted>::from_raw(q);
  EXPECT_EQ(again->value(), 4);

  recording rec;
  {
    auto s = bare::try_make_box_in<int>(recording_ref(rec), 8);
    ASSERT_TRUE(s);
    int* raw = s->into_raw();
    auto t = box<int, recording_ref>::from_raw(raw, recording_ref(rec));
    EXPECT_EQ(*t, 8);
  }
  expect_one_block(rec, bare::layout_of<int>);
  EXPECT_EQ(box<int>::from_raw(nullptr).get(), nullptr);
}

TEST(Box, Swap) {
  auto a = bare::try_make_box<counted>(1);
  auto b = bare::try_make_box<counted>(2);
  ASSERT_TRUE(a && b);
  counted* pa = a->get();
  a->swap(*b);
  EXPECT_EQ((*a)->value(), 2);
  EXPECT_EQ((*b)->value(), 1);
  EXPECT_EQ(b->get(), pa);
  swap(*a, *b);
  EXPECT_EQ((*a)->value(), 1);
  box<counted> null;
  a->swap(null);
  EXPECT_FALSE(*a);
  EXPECT_EQ(null->value(), 1);
  EXPECT_EQ(counted::live, 2);
}

TEST(Box, TryClone) {
  auto a = bare::try_make_box<counted>(6);
  ASSERT_TRUE(a);
  auto c = a->try_clone();
  ASSERT_TRUE(c);
  EXPECT_EQ((*c)->value(), 6);
  EXPECT_NE(c->get(), a->get());
  EXPECT_EQ(counted::live, 2);
  box<counted> null;
  auto cn = null.try_clone();
  ASSERT_TRUE(cn);
  EXPECT_FALSE(*cn);
  // A clone allocates through a copy of the allocator.
  recording rec;
  {
    auto s = bare::try_make_box_in<int>(recording_ref(rec), 3);
    ASSERT_TRUE(s);
    auto t = s->try_clone();
    ASSERT_TRUE(t);
    EXPECT_EQ(**t, 3);
    EXPECT_EQ(rec.count(recording::kind::allocate), 2u);
  }
  EXPECT_EQ(rec.live, 0);
  // Failure: nothing constructed, nothing leaked.
  bare_test::global_heap_fail_next(1);
  auto f = a->try_clone();
  ASSERT_FALSE(f);
  EXPECT_EQ(counted::live, 2);
}

TEST(Box, ConstConversion) {
  auto a = bare::try_make_box<counted>(2);
  ASSERT_TRUE(a);
  box<const counted> c = std::move(*a);
  EXPECT_EQ(c->value(), 2);
  EXPECT_FALSE(*a);
}

// ---- derived -> base ----------------------------------------------------------------------

TEST(BoxToBase, BaseWithoutVirtualDestructor) {
  destroyed = 0;
  recording rec;
  {
    auto t = bare::try_make_box_in<triangle>(recording_ref(rec), 7);
    ASSERT_TRUE(t);
    box<shape, recording_ref> s = std::move(*t);
    EXPECT_FALSE(*t);
    EXPECT_EQ(s->sides(), 3);
    EXPECT_EQ(s->tag, 11);
    EXPECT_EQ(destroyed, 0);
  }
  EXPECT_EQ(destroyed, 1);  // triangle's destructor, not shape's
  expect_one_block(rec, bare::layout_of<triangle>);
}

TEST(BoxToBase, NonFirstBaseOverAlignedDerived) {
  destroyed = 0;
  recording rec;
  {
    auto m = bare::try_make_box_in<multi>(recording_ref(rec));
    ASSERT_TRUE(m);
    const auto whole = reinterpret_cast<std::uintptr_t>(m->get());
    EXPECT_EQ(whole % 64, 0u);
    box<second_base, recording_ref> s = std::move(*m);
    // The base pointer is inside the object, not at its start: the test means something.
    EXPECT_NE(reinterpret_cast<std::uintptr_t>(s.get()), whole);
    EXPECT_EQ(s->id(), 3);
    EXPECT_EQ(s->b, 2);
    box<second_base, recording_ref> moved = std::move(s);  // the descriptor moves along
    EXPECT_EQ(moved->id(), 3);
  }
  EXPECT_EQ(destroyed, 1);
  expect_one_block(rec, (bare::layout{sizeof(multi), 64}));
}

TEST(BoxToBase, FirstBaseWithVirtualDestructor) {
  destroyed = 0;
  recording rec;
  {
    auto m = bare::try_make_box_in<multi>(recording_ref(rec));
    ASSERT_TRUE(m);
    box<first_base, recording_ref> f = std::move(*m);
    EXPECT_EQ(f->a, 1);
  }
  EXPECT_EQ(destroyed, 1);
  expect_one_block(rec, (bare::layout{sizeof(multi), 64}));
}

TEST(BoxToBase, ChainKeepsTheCompleteObjectsLayout) {
  destroyed = 0;
  recording rec;
  {
    auto l = bare::try_make_box_in<leaf>(recording_ref(rec));
    ASSERT_TRUE(l);
    box<mid, recording_ref> m = std::move(*l);
    box<root, recording_ref> r = std::move(m);
    EXPECT_EQ(r->level(), 2);
    box<const root, recording_ref> c = std::move(r);
    EXPECT_EQ(c->level(), 2);
  }
  EXPECT_EQ(destroyed, 2);  // ~leaf, then ~mid
  expect_one_block(rec, (bare::layout{sizeof(leaf), 32}));
}

TEST(BoxToBase, ResetAndSwapThroughBase) {
  destroyed = 0;
  auto t = bare::try_make_box<triangle>(1);
  auto u = bare::try_make_box<triangle>(2);
  ASSERT_TRUE(t && u);
  box<shape> a = std::move(*t);
  box<shape> b = std::move(*u);
  a.swap(b);
  EXPECT_EQ(static_cast<triangle*>(a.get())->scale, 2);
  a.reset();
  EXPECT_EQ(destroyed, 1);
  b = std::move(a);
  EXPECT_EQ(destroyed, 2);
  EXPECT_FALSE(b);
}

TEST(BoxToBase, GlobalAllocatorSeesTheDerivedSize) {
  const auto before = bare_test::global_heap_stats();
  {
    auto m = bare::try_make_box<multi>();
    ASSERT_TRUE(m);
    EXPECT_EQ(bare_test::global_heap_stats().live_bytes, before.live_bytes + sizeof(multi));
    box<second_base> s = std::move(*m);
  }
  // The global heap's byte count balances only if deallocate got sizeof(multi) back.
  EXPECT_EQ(bare_test::global_heap_stats().live_bytes, before.live_bytes);
}

// ---- arrays -------------------------------------------------------------------------------

TEST(BoxArray, TryMakeValueInitialises) {
  auto r = bare::try_make_box<int[]>(5);
  ASSERT_TRUE(r);
  box<int[]>& a = *r;
  EXPECT_EQ(a.size(), 5u);
  EXPECT_FALSE(a.empty());
  for (int x : a) EXPECT_EQ(x, 0);
  a[4] = 9;
  EXPECT_EQ(a.data()[4], 9);
  EXPECT_EQ(a.end() - a.begin(), 5);
  std::span<int> s = a.as_span();
  EXPECT_EQ(s.size(), 5u);
  EXPECT_EQ(s[4], 9);
}

TEST(BoxArray, CountedElements) {
  {
    auto r = bare::try_make_box<counted[]>(3);
    ASSERT_TRUE(r);
    EXPECT_EQ(counted::live, 3);
    auto c = r->try_clone();
    ASSERT_TRUE(c);
    EXPECT_EQ(counted::live, 6);
    (*r)[1] = counted(8);
    EXPECT_EQ((*c)[1].value(), 0);
    r->reset();
    EXPECT_EQ(counted::live, 3);
    EXPECT_TRUE(r->empty());
  }
  EXPECT_EQ(counted::live, 0);
}

TEST(BoxArray, WithAllocatorAndOverwrite) {
  recording rec;
  {
    auto r = bare::try_make_box<bare_test::over_aligned[], recording_ref>(4, recording_ref(rec));
    ASSERT_TRUE(r);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(r->data()) % 64, 0u);
    auto o = bare::try_make_box_for_overwrite<int[], recording_ref>(6, recording_ref(rec));
    ASSERT_TRUE(o);
    EXPECT_EQ(o->size(), 6u);
    for (std::size_t i = 0; i < 6; ++i) (*o)[i] = static_cast<int>(i);
    EXPECT_EQ((*o)[5], 5);
  }
  EXPECT_EQ(rec.count(recording::kind::allocate), 2u);
  EXPECT_EQ(rec.calls[0].l, (bare::layout{4 * 64, 64}));
  EXPECT_EQ(rec.calls[1].l, (bare::layout{6 * sizeof(int), alignof(int)}));
  EXPECT_EQ(rec.live, 0);
}

TEST(BoxArray, ZeroLengthAllocatesNothing) {
  recording rec;
  {
    auto r = bare::try_make_box<int[], recording_ref>(0, recording_ref(rec));
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->empty());
    EXPECT_EQ(r->data(), nullptr);
    auto c = r->try_clone();
    ASSERT_TRUE(c);
    EXPECT_TRUE(c->empty());
  }
  EXPECT_TRUE(rec.calls.empty());
}

TEST(BoxArray, CapacityOverflow) {
  auto r = bare::try_make_box<int[]>(SIZE_MAX / 2);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, bare::alloc_errc::capacity_overflow);
  auto s = bare::try_make_box<long[]>(static_cast<std::size_t>(PTRDIFF_MAX) / sizeof(long) + 1);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, bare::alloc_errc::capacity_overflow);
}

TEST(BoxArray, IntoRawFromRawSwap) {
  auto r = bare::try_make_box<counted[]>(2);
  ASSERT_TRUE(r);
  counted* p = r->into_raw();
  EXPECT_TRUE(r->empty());
  EXPECT_EQ(counted::live, 2);
  auto back = box<counted[]>::from_raw(p, 2);
  EXPECT_EQ(back.size(), 2u);
  box<counted[]> other;
  swap(back, other);
  EXPECT_EQ(other.size(), 2u);
  EXPECT_TRUE(back.empty());
  back = std::move(other);
  EXPECT_EQ(back.size(), 2u);
  EXPECT_EQ(counted::live, 2);
}

TEST(BoxArray, FailureConstructsNothing) {
  auto r = bare::try_make_box<counted[], bare_test::always_fails>(3, bare_test::always_fails{});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, bare::alloc_errc::out_of_memory);
  EXPECT_EQ(r.error().request, (bare::layout{3 * sizeof(counted), alignof(counted)}));
  EXPECT_EQ(counted::live, 0);
}

TEST(Box, StatefulAllocatorIsStoredAndUsed) {
  recording rec;
  {
    auto r = bare::try_make_box_in<bare::vec<int>>(recording_ref(rec));
    ASSERT_TRUE(r);
    ASSERT_TRUE((*r)->try_push_back(1));  // the vec inside uses the global heap
    box<bare::vec<int>, recording_ref> b = std::move(*r);
    EXPECT_EQ(&b.allocator().get(), &rec);
  }
  expect_one_block(rec, bare::layout_of<bare::vec<int>>);
}

#if BARE_OOM_HANDLING
TEST(BoxInfallible, MakeBoxForms) {
  destroyed = 0;
  {
    box<counted> a = bare::make_box<counted>(1);
    EXPECT_EQ(a->value(), 1);
    box<counted> c = a.clone();
    EXPECT_EQ(c->value(), 1);
    box<int[]> arr = bare::make_box<int[]>(3);
    EXPECT_EQ(arr.size(), 3u);
    box<int[]> arr2 = arr.clone();
    EXPECT_EQ(arr2.size(), 3u);
    box<int> o = bare::make_box_for_overwrite<int>();
    *o = 1;
    box<int[]> oa = bare::make_box_for_overwrite<int[]>(2);
    EXPECT_EQ(oa.size(), 2u);
    recording rec;
    {
      box<shape, recording_ref> s = bare::make_box_in<triangle>(recording_ref(rec), 2);
      EXPECT_EQ(s->sides(), 3);
    }
    expect_one_block(rec, bare::layout_of<triangle>);
    EXPECT_EQ(counted::live, 2);
  }
  EXPECT_EQ(destroyed, 1);
  EXPECT_EQ(counted::live, 0);
}
#endif

// ---- panics -------------------------------------------------------------------------------

TEST(BoxDeathTest, NullDereferencePanics) {
  bare_test::panic_handler_guard g(bare_test::exiting_panic_handler);
  box<int> b;
  EXPECT_EXIT((void)*b, ::testing::ExitedWithCode(bare_test::panic_exit), "bare::box: null dereference");
  box<counted> c;
  EXPECT_EXIT((void)c->value(), ::testing::ExitedWithCode(bare_test::panic_exit), "bare::box: null dereference");
}

TEST(BoxDeathTest, ArrayIndexOutOfRangePanics) {
  bare_test::panic_handler_guard g(bare_test::exiting_panic_handler);
  auto r = bare::try_make_box<int[]>(2);
  ASSERT_TRUE(r);
  EXPECT_EXIT((void)(*r)[2], ::testing::ExitedWithCode(bare_test::panic_exit), "index out of range");
}

}  // namespace
