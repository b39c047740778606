// rc<T, A> / rc_weak<T, A> and arc<T, A> / arc_weak<T, A>: every operation, as typed tests over
// both families and the four element types (int, move_only, counted, over_aligned), plus
// arrays, derived -> base, new_cyclic, stateful allocators, overflow panics and a seeded
// model test of the counts. The runner checks after every test that the global heap and the
// counted / move_only counters balance, so each test is also a leak and double-drop test.
// Allocating operations go through the try_ API (this file also runs under
// BARE_NO_GLOBAL_OOM_HANDLING); the infallible twins are tested at the end.
#include <gtest/gtest.h>

#include <algorithm>
#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "bare/vec.hpp"
#include "support/death.hpp"
#include "support/heap.hpp"
#include "support/rng.hpp"
#include "unit/rc_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT

// ---- sizes and traits ----------------------------------------------------------------------

static_assert(sizeof(bare::rc<int>) == sizeof(void*));
static_assert(sizeof(bare::arc<int>) == sizeof(void*));
static_assert(sizeof(bare::rc<int[]>) == sizeof(void*));
static_assert(sizeof(bare::rc<int, recording_ref>) == sizeof(void*));  // the allocator is in the block
static_assert(sizeof(bare::rc_weak<int>) == 2 * sizeof(void*));
static_assert(std::is_nothrow_move_constructible_v<bare::rc<counted>>);
static_assert(std::is_copy_constructible_v<bare::rc<move_only>>);  // a copy is a clone
static_assert(bare::is_trivially_relocatable_v<bare::arc<counted>>);
static_assert(!std::is_constructible_v<bare::rc<long>, bare::rc<int>>);
static_assert(!std::is_constructible_v<bare::rc<int>, bare::arc<int>>);
static_assert(std::is_constructible_v<bare::rc<const int>, bare::rc<int>>);
static_assert(!std::is_constructible_v<bare::rc<int>, bare::rc<const int>>);
static_assert(std::is_constructible_v<bare::rc<const int[]>, bare::rc<int[]>>);
static_assert(!std::is_constructible_v<bare::rc<int>, bare::rc<int[]>>);

// An rc of an incomplete type: a tree with parent links (the shape new_cyclic is for).
struct tree {
  int value = 0;
  bare::rc_weak<tree> parent;
  bare::vec<bare::rc<tree>> children;
};

template <class P>
class RcTyped : public ::testing::Test {};
using rc_params = ::testing::Types<rc_param<rc_family, int>, rc_param<rc_family, move_only>,
                                   rc_param<rc_family, counted>, rc_param<rc_family, over_aligned>,
                                   rc_param<arc_family, int>, rc_param<arc_family, move_only>,
                                   rc_param<arc_family, counted>, rc_param<arc_family, over_aligned>>;
class rc_param_names {
 public:
  template <class P>
  static std::string GetName(int i) {
    return std::string(P::fam::name) + "_" + std::to_string(i % 4);
  }
};
TYPED_TEST_SUITE(RcTyped, rc_params, rc_param_names);

template <class T>
bool aligned(const T* p) {
  return reinterpret_cast<std::uintptr_t>(p) % alignof(T) == 0;
}

TYPED_TEST(RcTyped, MakeHoldsTheValueInOneBlock) {
  using Fam = typename TypeParam::fam;
  using T = typename TypeParam::type;
  const auto before = global_heap_stats();
  {
    auto r = Fam::template try_make<T>(mk<T>(7));
    ASSERT_TRUE(r);
    typename Fam::template ptr<T> p = std::move(*r);
    EXPECT_TRUE(p);
    EXPECT_EQ(val(*p), 7);
    EXPECT_EQ(p.get(), &*p);
    EXPECT_TRUE(aligned(p.get()));
    EXPECT_EQ(p.strong_count(), 1u);
    EXPECT_EQ(p.weak_count(), 0u);
    EXPECT_EQ(global_heap_stats().allocations - before.allocations, 1u);
    EXPECT_EQ(global_heap_stats().live_blocks, before.live_blocks + 1);
    if (live_of<T>() >= 0) { EXPECT_EQ(live_of<T>(), 1); }
  }
  EXPECT_EQ(global_heap_stats().live_blocks, before.live_blocks);
  if (live_of<T>() >= 0) { EXPECT_EQ(live_of<T>(), 0); }
}

TYPED_TEST(RcTyped, ClonesShareOneValueDestroyedWithTheLast) {
  using Fam = typename TypeParam::fam;
  using T = typename TypeParam::type;
  const auto before = global_heap_stats();
  auto r = Fam::template try_make<T>(mk<T>(3));
  ASSERT_TRUE(r);
  auto a = std::move(*r);
  auto b = a;          // copy = clone
  auto c = b.clone();  // clone()
  EXPECT_EQ(a.strong_count(), 3u);
  EXPECT_TRUE(a.ptr_eq(b) && b.ptr_eq(c));
  EXPECT_EQ(a.get(), c.get());
  EXPECT_EQ(global_heap_stats().allocations - before.allocations, 1u);  // clones never allocate
  if (live_of<T>() >= 0) { EXPECT_EQ(live_of<T>(), 1); }
  a.reset();
  EXPECT_FALSE(a);
  EXPECT_EQ(a.strong_count(), 0u);
  EXPECT_EQ(b.strong_count(), 2u);
  auto d = std::move(b);  // move: no count change
  EXPECT_FALSE(b);
  EXPECT_EQ(d.strong_count(), 2u);
  c = d;  // self-block assignment keeps the count right
  EXPECT_EQ(d.strong_count(), 2u);
  auto& self = c;
  c = self;  // self-assignment
  EXPECT_EQ(d.strong_count(), 2u);
  c = std::move(self);  // self-move
  EXPECT_EQ(d.strong_count(), 2u);
  if (live_of<T>() >= 0) { EXPECT_EQ(live_of<T>(), 1); }
  c.reset();
  d = nullptr;
  if (live_of<T>() >= 0) { EXPECT_EQ(live_of<T>(), 0); }
  EXPECT_EQ(global_heap_stats().live_blocks, before.live_blocks);
}

TYPED_TEST(RcTyped, ValueGoesWithTheLastStrongBlockWithTheLastWeak) {
  using Fam = typename TypeParam::fam;
  using T = typename TypeParam::type;
  const auto before = global_heap_stats();
  auto r = Fam::template try_make<T>(mk<T>(5));
  ASSERT_TRUE(r);
  auto s = std::move(*r);
  auto w = s.downgrade();
  auto w2 = w;
  EXPECT_EQ(s.weak_count(), 2u);
  EXPECT_EQ(w.weak_count(), 2u);
  EXPECT_EQ(w.strong_count(), 1u);
  EXPECT_TRUE(w.ptr_eq(w2));
  EXPECT_EQ(w.as_ptr(), s.get());
  {
    auto up = w.upgrade();
    ASSERT_TRUE(up);
    EXPECT_EQ(val(*up), 5);
    EXPECT_EQ(s.strong_count(), 2u);
  }
  s.reset();  // the last strong: the value goes, the block stays (two weak pointers)
  if (live_of<T>() >= 0) { EXPECT_EQ(live_of<T>(), 0); }
  EXPECT_EQ(global_heap_stats().live_blocks, before.live_blocks + 1);
  EXPECT_FALSE(w.upgrade());
  EXPECT_EQ(w.strong_count(), 0u);
  EXPECT_EQ(w.weak_count(), 0u);  // as Rust: 0 once no strong pointer remains
  w.reset();
  EXPECT_EQ(global_heap_stats().live_blocks, before.live_blocks + 1);
  w2 = nullptr;  // the last weak: the block goes
  EXPECT_EQ(global_heap_stats().live_blocks, before.live_blocks);
}

TYPED_TEST(RcTyped, NullPointers) {
  using Fam = typename TypeParam::fam;
  using T = typename TypeParam::type;
  typename Fam::template ptr<T> p;
  typename Fam::template ptr<T> q = nullptr;
  EXPECT_FALSE(p);
  EXPECT_TRUE(p == nullptr);
  EXPECT_TRUE(p.ptr_eq(q));
  EXPECT_EQ(p.get(), nullptr);
  EXPECT_EQ(p.strong_count(), 0u);
  EXPECT_EQ(p.weak_count(), 0u);
  EXPECT_EQ(p.get_mut(), nullptr);
  EXPECT_FALSE(p.downgrade().upgrade());
  auto copy = p;
  EXPECT_FALSE(copy);
  typename Fam::template weak<T> w;
  EXPECT_FALSE(w.upgrade());
  EXPECT_EQ(w.strong_count(), 0u);
  EXPECT_EQ(w.weak_count(), 0u);
  auto w2 = w;
  EXPECT_TRUE(w2.ptr_eq(w));
  if constexpr (std::is_move_constructible_v<T>) {
    EXPECT_FALSE(p.try_unwrap());
    EXPECT_FALSE(std::move(q).into_inner());
  }
}

TYPED_TEST(RcTyped, GetMutOnlyWhenUnique) {
  using Fam = typename TypeParam::fam;
  using T = typename TypeParam::type;
  auto r = Fam::template try_make<T>(mk<T>(1));
  ASSERT_TRUE(r);
  auto p = std::move(*r);
  ASSERT_NE(p.get_mut(), nullptr);
  *p.get_mut() = mk<T>(2);
  EXPECT_EQ(val(*p), 2);
  {
    auto q = p;
    EXPECT_EQ(p.get_mut(), nullptr);
    EXPECT_EQ(q.get_mut(), nullptr);
  }
  {
    auto w = p.downgrade();
    EXPECT_EQ(p.get_mut(), nullptr);  // a weak pointer could upgrade
    EXPECT_EQ(p.weak_count(), 1u);    // the check left the weak count as it was
  }
  EXPECT_EQ(p.get_mut(), p.get());
  EXPECT_EQ(p.weak_count(), 0u);
}

TYPED_TEST(RcTyped, MakeMut) {
  using Fam = typename TypeParam::fam;
  using T = typename TypeParam::type;
  if constexpr (bare::detail::cloneable<T>) {
    auto r = Fam::template try_make<T>(mk<T>(1));
    ASSERT_TRUE(r);
    auto p = std::move(*r);
    // Unique: the same value, no allocation.
    const auto before = global_heap_stats();
    T* old = p.get();
    auto m = p.try_make_mut();
    ASSERT_TRUE(m);
    EXPECT_EQ(&*m, old);
    EXPECT_EQ(global_heap_stats().allocations, before.allocations);
    // Shared with another strong pointer: a copy; the other keeps the original.
    auto q = p;
    auto m2 = p.try_make_mut();
    ASSERT_TRUE(m2);
    EXPECT_NE(p.get(), q.get());
    EXPECT_EQ(&*m2, p.get());
    *m2 = mk<T>(9);
    EXPECT_EQ(val(*q), 1);
    EXPECT_EQ(val(*p), 9);
    EXPECT_EQ(p.strong_count(), 1u);
    EXPECT_EQ(q.strong_count(), 1u);
    EXPECT_EQ(global_heap_stats().allocations - before.allocations, 1u);
    // Shared with a weak pointer only: moved to a new block; the weak pointer sees it gone.
    auto w = q.downgrade();
    T* q_old = q.get();
    auto m3 = q.try_make_mut();
    ASSERT_TRUE(m3);
    EXPECT_NE(q.get(), q_old);
    EXPECT_EQ(val(*q), 1);
    EXPECT_FALSE(w.upgrade());
    EXPECT_EQ(q.weak_count(), 0u);
    EXPECT_EQ(q.strong_count(), 1u);
    if (live_of<T>() >= 0) { EXPECT_EQ(live_of<T>(), 2); }
  } else {
    static_assert(!requires(typename Fam::template ptr<T>& p) { p.try_make_mut(); });
  }
}

TYPED_TEST(RcTyped, TryUnwrapAndIntoInner) {
  using Fam = typename TypeParam::fam;
  using T = typename TypeParam::type;
  auto r = Fam::template try_make<T>(mk<T>(4));
  ASSERT_TRUE(r);
  auto p = std::move(*r);
  auto q = p;
  EXPECT_FALSE(p.try_unwrap());  // shared: nothing changes
  EXPECT_TRUE(p);
  EXPECT_EQ(p.strong_count(), 2u);
  auto w = p.downgrade();
  EXPECT_FALSE(std::move(q).into_inner());  // not the last: gives up its count only
  EXPECT_FALSE(q);
  EXPECT_EQ(p.strong_count(), 1u);
  std::optional<T> v = p.try_unwrap();  // the only strong (a weak remains)
  ASSERT_TRUE(v);
  EXPECT_EQ(val(*v), 4);
  EXPECT_FALSE(p);
  EXPECT_FALSE(w.upgrade());
  if (live_of<T>() >= 0) { EXPECT_EQ(live_of<T>(), 1); }  // the one in v
  auto r2 = Fam::template try_make<T>(mk<T>(6));
  ASSERT_TRUE(r2);
  std::optional<T> v2 = std::move(*r2).into_inner();
  ASSERT_TRUE(v2);
  EXPECT_EQ(val(*v2), 6);
}

TYPED_TEST(RcTyped, Comparisons) {
  using Fam = typename TypeParam::fam;
  using T = typename TypeParam::type;
  auto a = Fam::template try_make<T>(mk<T>(1));
  auto b = Fam::template try_make<T>(mk<T>(1));
  auto c = Fam::template try_make<T>(mk<T>(2));
  ASSERT_TRUE(a && b && c);
  EXPECT_TRUE(*a == *b);  // equal values, different blocks
  EXPECT_FALSE(a->ptr_eq(*b));
  EXPECT_FALSE(*a == *c);
  EXPECT_TRUE(*a < *c);
  EXPECT_TRUE((*c <=> *a) > 0);
  typename Fam::template ptr<T> null;
  EXPECT_TRUE(null == null);
  EXPECT_FALSE(null == *a);
  EXPECT_TRUE(null < *a);  // null first
  EXPECT_TRUE((*a <=> null) > 0);
}

TYPED_TEST(RcTyped, AllocatorLivesInTheBlock) {
  using Fam = typename TypeParam::fam;
  using T = typename TypeParam::type;
  recording rec;
  {
    auto r = Fam::template try_make_in<T>(recording_ref(rec), mk<T>(8));
    ASSERT_TRUE(r);
    auto p = std::move(*r);
    static_assert(sizeof(p) == sizeof(void*));
    EXPECT_EQ(&p.allocator().get(), &rec);
    auto w = p.downgrade();
    p.reset();
    EXPECT_EQ(rec.live, 1);  // the weak pointer keeps the block
    EXPECT_FALSE(w.upgrade());
  }
  ASSERT_EQ(rec.count(recording::kind::allocate), 1u);
  ASSERT_EQ(rec.count(recording::kind::deallocate), 1u);
  const auto& a = rec.calls.front();
  const auto& d = rec.calls.back();
  EXPECT_EQ(d.ptr, a.result);
  EXPECT_EQ(d.l, a.l);
  EXPECT_EQ(a.l.align, std::max(alignof(T), alignof(std::size_t)));
  EXPECT_GE(a.l.size, sizeof(T) + 3 * sizeof(void*));  // header: allocator handle + two counts
  EXPECT_EQ(rec.live, 0);
}

TYPED_TEST(RcTyped, ForOverwrite) {
  using Fam = typename TypeParam::fam;
  using T = typename TypeParam::type;
  auto r = Fam::template try_make_for_overwrite<T>();
  ASSERT_TRUE(r);
  *r->get_mut() = mk<T>(3);
  EXPECT_EQ(val(**r), 3);
  EXPECT_TRUE(aligned(r->get()));
}

TYPED_TEST(RcTyped, IntoRawFromRaw) {
  using Fam = typename TypeParam::fam;
  using T = typename TypeParam::type;
  using P = typename Fam::template ptr<T>;
  auto r = Fam::template try_make<T>(mk<T>(2));
  ASSERT_TRUE(r);
  T* raw = r->into_raw();
  EXPECT_FALSE(*r);
  P back = P::from_raw(raw);
  EXPECT_EQ(back.get(), raw);
  EXPECT_EQ(back.strong_count(), 1u);
  EXPECT_EQ(val(*back), 2);
}

TYPED_TEST(RcTyped, Swap) {
  using Fam = typename TypeParam::fam;
  using T = typename TypeParam::type;
  auto a = Fam::template try_make<T>(mk<T>(1));
  auto b = Fam::template try_make<T>(mk<T>(2));
  ASSERT_TRUE(a && b);
  swap(*a, *b);
  EXPECT_EQ(val(**a), 2);
  EXPECT_EQ(val(**b), 1);
  auto wa = a->downgrade();
  auto wb = b->downgrade();
  swap(wa, wb);
  EXPECT_TRUE(wa.upgrade().ptr_eq(*b));
  EXPECT_TRUE(wb.upgrade().ptr_eq(*a));
}

TYPED_TEST(RcTyped, NewCyclic) {
  using Fam = typename TypeParam::fam;
  using T = typename TypeParam::type;
  using W = typename Fam::template weak<T>;
  struct self_ref {
    T value;
    W self;
  };
  using SW = typename Fam::template weak<self_ref>;
  using SP = typename Fam::template ptr<self_ref>;
  bool upgraded_inside = true;
  auto r = SP::try_new_cyclic([&](const SW& w) {
    upgraded_inside = static_cast<bool>(w.upgrade());
    EXPECT_EQ(w.strong_count(), 0u);
    return self_ref{mk<T>(5), W()};
  });
  ASSERT_TRUE(r);
  EXPECT_FALSE(upgraded_inside);  // the value did not exist yet
  EXPECT_EQ(r->strong_count(), 1u);
  EXPECT_EQ(r->weak_count(), 0u);
  EXPECT_EQ(val((*r)->value), 5);

  // A value that keeps a weak pointer to itself.
  struct node {
    int v;
    typename Fam::template weak<node> me;
  };
  using NP = typename Fam::template ptr<node>;
  auto n = NP::try_new_cyclic([](const typename Fam::template weak<node>& w) { return node{7, w}; });
  ASSERT_TRUE(n);
  EXPECT_EQ(n->weak_count(), 1u);
  EXPECT_TRUE((*n)->me.upgrade().ptr_eq(*n));
  EXPECT_EQ((*n)->me.upgrade()->v, 7);
}

// ---- arrays -------------------------------------------------------------------------------

template <class P>
class RcArray : public ::testing::Test {};
TYPED_TEST_SUITE(RcArray, rc_params, rc_param_names);

TYPED_TEST(RcArray, ValueInitialisedElementsAndLengthInTheBlock) {
  using Fam = typename TypeParam::fam;
  using T = typename TypeParam::type;
  const auto before = global_heap_stats();
  {
    auto r = Fam::template try_make<T[]>(std::size_t{5});
    ASSERT_TRUE(r);
    auto a = std::move(*r);
    static_assert(sizeof(a) == sizeof(void*));
    EXPECT_EQ(a.size(), 5u);
    EXPECT_FALSE(a.empty());
    EXPECT_TRUE(aligned(a.data()));
    for (const T& x : a) EXPECT_EQ(val(x), 0);
    a[4] = mk<T>(9);
    EXPECT_EQ(val(a.as_span()[4]), 9);
    EXPECT_EQ(a.end() - a.begin(), 5);
    if (live_of<T>() >= 0) { EXPECT_EQ(live_of<T>(), 5); }
    auto b = a;
    auto w = b.downgrade();
    a.reset();
    b.reset();
    if (live_of<T>() >= 0) { EXPECT_EQ(live_of<T>(), 0); }  // all five, once
    EXPECT_EQ(global_heap_stats().live_blocks, before.live_blocks + 1);
  }
  EXPECT_EQ(global_heap_stats().live_blocks, before.live_blocks);
  EXPECT_EQ(global_heap_stats().allocations - before.allocations, 1u);
}

TYPED_TEST(RcArray, ZeroLengthStillCounts) {
  using Fam = typename TypeParam::fam;
  using T = typename TypeParam::type;
  auto r = Fam::template try_make<T[]>(std::size_t{0});
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->empty());
  EXPECT_NE(r->data(), nullptr);  // the block holds the counts
  auto c = *r;
  EXPECT_EQ(c.strong_count(), 2u);
  EXPECT_EQ(c.begin(), c.end());
}

TYPED_TEST(RcArray, FromSpanAndMakeMut) {
  using Fam = typename TypeParam::fam;
  using T = typename TypeParam::type;
  if constexpr (bare::detail::cloneable<T>) {
    std::vector<T> src;
    for (int i = 0; i < 4; ++i) src.push_back(mk<T>(i));
    auto r = Fam::template try_make<T[]>(std::span<const T>(src));
    ASSERT_TRUE(r);
    auto a = std::move(*r);
    EXPECT_EQ(values(a), (std::vector<int>{0, 1, 2, 3}));
    auto b = a;
    EXPECT_TRUE(a == b);
    auto m = a.try_make_mut();  // shared: copies the four elements
    ASSERT_TRUE(m);
    EXPECT_EQ(m->size(), 4u);
    (*m)[0] = mk<T>(7);
    EXPECT_EQ(values(a), (std::vector<int>{7, 1, 2, 3}));
    EXPECT_EQ(values(b), (std::vector<int>{0, 1, 2, 3}));
    EXPECT_FALSE(a == b);
    auto w = b.downgrade();
    auto m2 = b.try_make_mut();  // weak only: moved
    ASSERT_TRUE(m2);
    EXPECT_FALSE(w.upgrade());
    EXPECT_EQ(values(b), (std::vector<int>{0, 1, 2, 3}));
    EXPECT_EQ(b.get_mut(), b.data());
  }
}

TYPED_TEST(RcArray, ForOverwriteAndCapacityOverflow) {
  using Fam = typename TypeParam::fam;
  using T = typename TypeParam::type;
  auto r = Fam::template try_make_for_overwrite<T[]>(std::size_t{3});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) (*r)[i] = mk<T>(static_cast<int>(i));
  EXPECT_EQ(values(*r), (std::vector<int>{0, 1, 2}));
  auto big = Fam::template try_make<T[]>(SIZE_MAX / sizeof(T));
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().kind, bare::alloc_errc::capacity_overflow);
  auto edge = Fam::template try_make<T[]>(static_cast<std::size_t>(PTRDIFF_MAX) / sizeof(T));
  ASSERT_FALSE(edge);  // the header does not fit beside PTRDIFF_MAX bytes of elements
  EXPECT_EQ(edge.error().kind, bare::alloc_errc::capacity_overflow);
}

TEST(RcArray, ConstElementsAndLayout) {
  recording rec;
  {
    auto r = bare::try_make_rc<bare_test::over_aligned[], recording_ref>(3, recording_ref(rec));
    ASSERT_TRUE(r);
    bare::rc<const over_aligned[], recording_ref> c = *r;
    EXPECT_EQ(c.size(), 3u);
    EXPECT_EQ(c[2].v, 0);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(c.data()) % 64, 0u);
  }
  ASSERT_EQ(rec.calls.size(), 2u);
  EXPECT_EQ(rec.calls[0].l, (bare::layout{64 + 3 * 64, 64}));  // header padded to the alignment
  EXPECT_EQ(rec.calls[1].l, rec.calls[0].l);
}

// ---- derived -> base ----------------------------------------------------------------------

int destroyed = 0;

struct shape {
  virtual int sides() const = 0;
  int tag = 11;

 protected:
  ~shape() = default;  // no virtual destructor: rc uses the complete type's anyway
};
struct triangle final : shape {
  explicit triangle(int s) : scale(s) {}
  ~triangle() { ++destroyed; }
  int sides() const override { return 3; }
  int scale;
};
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
struct root {
  virtual int level() const { return 0; }

 protected:
  ~root() = default;
};
struct mid : root {
  int level() const override { return 1; }
  ~mid() { ++destroyed; }
};
struct leaf final : mid {
  int level() const override { return 2; }
  ~leaf() { ++destroyed; }
  long l[3] = {1, 2, 3};
};

static_assert(std::is_constructible_v<bare::rc<second_base>, bare::rc<multi>>);
static_assert(!std::is_constructible_v<bare::rc<multi>, bare::rc<second_base>>);
static_assert(std::is_constructible_v<bare::arc_weak<shape>, bare::arc_weak<triangle>>);
static_assert(sizeof(bare::rc<second_base>) == sizeof(void*));

template <class Fam>
class RcToBase : public ::testing::Test {};
using families = ::testing::Types<rc_family, arc_family>;
TYPED_TEST_SUITE(RcToBase, families);

TYPED_TEST(RcToBase, NonFirstBaseOfAnOverAlignedValue) {
  using Fam = TypeParam;
  destroyed = 0;
  recording rec;
  {
    auto m = Fam::template try_make_in<multi>(recording_ref(rec));
    ASSERT_TRUE(m);
    const auto whole = reinterpret_cast<std::uintptr_t>(m->get());
    EXPECT_EQ(whole % 64, 0u);
    typename Fam::template ptr<second_base, recording_ref> s = *m;  // a converted clone
    EXPECT_NE(reinterpret_cast<std::uintptr_t>(s.get()), whole);   // a real offset
    EXPECT_EQ(s->id(), 3);
    EXPECT_EQ(s.strong_count(), 2u);
    m->reset();
    EXPECT_EQ(destroyed, 0);
    auto w = s.downgrade();  // the weak keeps the complete value's address
    EXPECT_EQ(w.upgrade()->b, 2);
    EXPECT_EQ(s.get_mut(), nullptr);
    typename Fam::template ptr<second_base, recording_ref> s2 = std::move(s);
    EXPECT_EQ(s2.get_mut(), nullptr);
    s2.reset();
    EXPECT_EQ(destroyed, 1);  // ~multi, found through second_base
    EXPECT_FALSE(w.upgrade());
    EXPECT_EQ(rec.live, 1);
  }  // the weak frees the block with multi's layout, though the value is gone
  ASSERT_EQ(rec.count(recording::kind::allocate), 1u);
  ASSERT_EQ(rec.count(recording::kind::deallocate), 1u);
  EXPECT_EQ(rec.calls.back().ptr, rec.calls.front().result);
  EXPECT_EQ(rec.calls.back().l, rec.calls.front().l);
  EXPECT_EQ(rec.calls.front().l.align, 64u);
  EXPECT_EQ(rec.live, 0);
}

TYPED_TEST(RcToBase, ChainAndWeakConversions) {
  using Fam = TypeParam;
  destroyed = 0;
  {
    auto l = Fam::template try_make<leaf>();
    ASSERT_TRUE(l);
    typename Fam::template ptr<mid> m = std::move(*l);
    typename Fam::template ptr<const root> r = m;
    EXPECT_EQ(r->level(), 2);
    typename Fam::template weak<mid> wm = m.downgrade();
    typename Fam::template weak<root> wr = wm;  // converted while alive
    typename Fam::template weak<const root> wc = r;  // from a strong pointer
    EXPECT_EQ(wr.upgrade()->level(), 2);
    EXPECT_EQ(wc.upgrade()->level(), 2);
    EXPECT_EQ(m.weak_count(), 3u);
    m.reset();
    r.reset();
    EXPECT_EQ(destroyed, 2);  // ~leaf, ~mid
    typename Fam::template weak<root> late = wm;  // converted after the value went
    EXPECT_FALSE(late.upgrade());
    EXPECT_EQ(late.weak_count(), 0u);
    EXPECT_FALSE(wr.upgrade());
  }
  EXPECT_EQ(destroyed, 2);
}

TYPED_TEST(RcToBase, FinalPolymorphicValueBehavesLikeAnyValue) {
  using Fam = TypeParam;
  destroyed = 0;
  auto t = Fam::template try_make<triangle>(2);
  ASSERT_TRUE(t);
  typename Fam::template ptr<shape> s = *t;
  EXPECT_EQ(s->sides(), 3);
  s.reset();
  auto c = *t;
  auto m = t->try_make_mut();  // final: its exact type is known, so it can be copied
  ASSERT_TRUE(m);
  EXPECT_EQ(m->scale, 2);
  EXPECT_NE(t->get(), c.get());
  auto v = std::move(c).into_inner();
  ASSERT_TRUE(v);
  EXPECT_EQ(v->sides(), 3);
  EXPECT_EQ(destroyed, 1);  // the moved-from value in the block
}

// ---- a tree of an incomplete type ----------------------------------------------------------

TEST(RcTree, ParentLinksAreWeak) {
  const auto before = global_heap_stats();
  {
    auto root_r = bare::try_make_rc<tree>();
    ASSERT_TRUE(root_r);
    bare::rc<tree> top = *root_r;
    for (int i = 1; i <= 3; ++i) {
      auto child = bare::try_make_rc<tree>();
      ASSERT_TRUE(child);
      (*child)->value = i;
      (*child)->parent = top.downgrade();
      ASSERT_TRUE(top->children.try_push_back(std::move(*child)));
    }
    EXPECT_EQ(top.weak_count(), 3u);
    EXPECT_EQ(top->children[2]->parent.upgrade()->children.size(), 3u);
  }
  EXPECT_EQ(global_heap_stats().live_blocks, before.live_blocks);  // no cycle of strong pointers
}

// ---- counts: model test and overflow -------------------------------------------------------

template <class Fam>
class RcModel : public ::testing::Test {};
TYPED_TEST_SUITE(RcModel, families);

// Random clone / drop / downgrade / upgrade / weak clone / get_mut / make_mut / try_unwrap over
// a few values, compared after every step with a model of the counts; the value must be
// alive exactly while the model says a strong pointer exists, and its block exactly while any
// pointer exists.
TYPED_TEST(RcModel, CountsFollowTheModel) {
  using Fam = TypeParam;
  using P = typename Fam::template ptr<counted>;
  using W = typename Fam::template weak<counted>;
  rng g = test_rng();
  std::vector<std::pair<P, int>> strong;  // pointer, value id
  std::vector<std::pair<W, int>> weak;
  struct model {
    std::size_t strong = 0, weak = 0;
  };
  std::vector<model> m;
  const auto before = global_heap_stats();
  auto check = [&](int step) {
    long alive = 0;
    std::size_t blocks = 0;
    for (const model& x : m) {
      alive += x.strong > 0;
      blocks += x.strong + x.weak > 0;
    }
    ASSERT_EQ(counted::live, alive) << "step " << step;
    ASSERT_EQ(global_heap_stats().live_blocks - before.live_blocks, blocks) << "step " << step;
    for (auto& [p, id] : strong) {
      ASSERT_EQ(p.strong_count(), m[id].strong) << "step " << step;
      ASSERT_EQ(p.weak_count(), m[id].weak) << "step " << step;
      ASSERT_EQ(p->value(), id) << "step " << step;
    }
    for (auto& [w, id] : weak) {
      ASSERT_EQ(w.strong_count(), m[id].strong) << "step " << step;
      ASSERT_EQ(w.weak_count(), m[id].strong ? m[id].weak : 0) << "step " << step;
    }
  };
  for (int step = 0; step < 3000; ++step) {
    const auto op = g.below(9);
    if (op == 0 || strong.empty()) {  // make
      auto r = Fam::template try_make<counted>(static_cast<int>(m.size()));
      ASSERT_TRUE(r);
      strong.emplace_back(std::move(*r), static_cast<int>(m.size()));
      m.push_back({1, 0});
    } else if (op == 1) {  // clone
      auto [p, id] = strong[g.below(strong.size())];  // a copy: the vector may reallocate
      strong.emplace_back(std::move(p), id);
      ++m[id].strong;
    } else if (op == 2) {  // drop a strong
      const auto i = g.below(strong.size());
      --m[strong[i].second].strong;
      strong.erase(strong.begin() + static_cast<std::ptrdiff_t>(i));
    } else if (op == 3) {  // downgrade
      auto& [p, id] = strong[g.below(strong.size())];
      weak.emplace_back(p.downgrade(), id);
      ++m[id].weak;
    } else if (op == 4 && !weak.empty()) {  // upgrade
      auto& [w, id] = weak[g.below(weak.size())];
      P p = w.upgrade();
      ASSERT_EQ(static_cast<bool>(p), m[id].strong > 0);
      if (p) {
        strong.emplace_back(std::move(p), id);
        ++m[id].strong;
      }
    } else if (op == 5 && !weak.empty()) {  // drop a weak
      const auto i = g.below(weak.size());
      --m[weak[i].second].weak;
      weak.erase(weak.begin() + static_cast<std::ptrdiff_t>(i));
    } else if (op == 6 && !weak.empty()) {  // clone a weak
      auto [w, id] = weak[g.below(weak.size())];
      weak.emplace_back(std::move(w), id);
      ++m[id].weak;
    } else if (op == 7) {  // get_mut / make_mut
      auto& [p, id] = strong[g.below(strong.size())];
      const bool unique = m[id].strong == 1 && m[id].weak == 0;
      ASSERT_EQ(p.get_mut() != nullptr, unique);
      if (!unique && g.chance(50)) {  // becomes a new value with the same id... as a new model entry
        --m[id].strong;
        ASSERT_TRUE(p.try_make_mut());
        id = static_cast<int>(m.size());
        *p.get_mut() = counted(id);
        m.push_back({1, 0});
      }
    } else if (op == 8) {  // try_unwrap
      const auto i = g.below(strong.size());
      auto& [p, id] = strong[i];
      const bool only = m[id].strong == 1;
      auto v = p.try_unwrap();
      ASSERT_EQ(v.has_value(), only);
      if (only) {
        ASSERT_EQ(v->value(), id);
        m[id].strong = 0;
        strong.erase(strong.begin() + static_cast<std::ptrdiff_t>(i));
      }
    }
    check(step);
    if (::testing::Test::HasFatalFailure()) return;
  }
  strong.clear();
  weak.clear();
  EXPECT_EQ(global_heap_stats().live_blocks, before.live_blocks);
}

TEST(RcDeathTest, CountOverflowPanics) {
  panic_handler_guard g(exiting_panic_handler);
  auto r = bare::try_make_rc<int>(1);
  ASSERT_TRUE(r);
  auto a = bare::try_make_arc<int>(1);
  ASSERT_TRUE(a);
  auto overflow = [](auto& p, bool weak_side) {
    auto& c = counts_of(p);
    (weak_side ? c.weak : c.strong) = bare::detail::rc_max_count;  // the limit: one more panics
  };
  const char* msg = "reference count overflow";
  EXPECT_EXIT((overflow(*r, false), (void)r->clone()), ::testing::ExitedWithCode(panic_exit), msg);
  EXPECT_EXIT((overflow(*a, false), (void)a->clone()), ::testing::ExitedWithCode(panic_exit), msg);
  EXPECT_EXIT((overflow(*r, true), (void)r->downgrade()), ::testing::ExitedWithCode(panic_exit), msg);
  EXPECT_EXIT((overflow(*a, true), (void)a->downgrade()), ::testing::ExitedWithCode(panic_exit), msg);
  auto wr = r->downgrade();
  auto wa = a->downgrade();
  EXPECT_EXIT((overflow(*r, false), (void)wr.upgrade()), ::testing::ExitedWithCode(panic_exit), msg);
  EXPECT_EXIT((overflow(*a, false), (void)wa.upgrade()), ::testing::ExitedWithCode(panic_exit), msg);
  EXPECT_EXIT((overflow(*r, true), (void)bare::rc_weak<int>(wr)), ::testing::ExitedWithCode(panic_exit), msg);
  EXPECT_EXIT((overflow(*a, true), (void)bare::arc_weak<int>(wa)), ::testing::ExitedWithCode(panic_exit),
              msg);
  // Up to the limit itself is fine; one more panics.
  counts_of(*r).strong = bare::detail::rc_max_count - 1;
  auto one_more = *r;
  EXPECT_EQ(r->strong_count(), bare::detail::rc_max_count);
  EXPECT_EXIT((void)r->clone(), ::testing::ExitedWithCode(panic_exit), msg);
  counts_of(*a).strong = bare::detail::rc_max_count - 1;
  auto one_more_a = *a;
  EXPECT_EQ(a->strong_count(), bare::detail::rc_max_count);
  EXPECT_EXIT((void)a->clone(), ::testing::ExitedWithCode(panic_exit), msg);
  counts_of(*r).strong = 2;
  counts_of(*a).strong = 2;
}

TEST(RcDeathTest, NullDereferenceAndIndexPanic) {
  panic_handler_guard g(exiting_panic_handler);
  bare::rc<int> p;
  EXPECT_EXIT((void)*p, ::testing::ExitedWithCode(panic_exit), "bare::rc/arc: null dereference");
  bare::arc<counted> q;
  EXPECT_EXIT((void)q->value(), ::testing::ExitedWithCode(panic_exit), "bare::rc/arc: null dereference");
  EXPECT_EXIT((void)q.try_make_mut(), ::testing::ExitedWithCode(panic_exit), "make_mut of a null pointer");
  auto a = bare::try_make_rc<int[]>(2);
  ASSERT_TRUE(a);
  EXPECT_EXIT((void)(*a)[2], ::testing::ExitedWithCode(panic_exit), "index out of range");
}

TEST(Rc, AllocationFailureConstructsNothing) {
  auto r = bare::try_make_rc_in<counted>(always_fails{}, 1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, bare::alloc_errc::out_of_memory);
  EXPECT_EQ(r.error().request, (bare::layout{2 * sizeof(void*) + sizeof(counted), alignof(std::size_t)}));
  EXPECT_EQ(counted::live, 0);
  global_heap_fail_next(1);
  auto a = bare::try_make_arc<counted[]>(std::size_t{3});
  ASSERT_FALSE(a);
  EXPECT_EQ(counted::live, 0);
  global_heap_fail_next(1);
  auto c = bare::arc<counted>::try_new_cyclic([](const bare::arc_weak<counted>&) {
    ADD_FAILURE() << "f must not run when the allocation failed";
    return counted(1);
  });
  EXPECT_FALSE(c);
}

#if BARE_OOM_HANDLING
TEST(RcInfallible, MakeForms) {
  destroyed = 0;
  {
    bare::rc<counted> a = bare::make_rc<counted>(1);
    bare::arc<counted> b = bare::make_arc<counted>(2);
    bare::rc<int[]> c = bare::make_rc<int[]>(3);
    bare::arc<int> d = bare::make_arc_for_overwrite<int>();
    bare::rc<int[]> e = bare::make_rc_for_overwrite<int[]>(2);
    recording rec;
    {
      bare::arc<shape, recording_ref> s = bare::make_arc_in<triangle>(recording_ref(rec), 4);
      EXPECT_EQ(s->sides(), 3);
      bare::rc<int, recording_ref> i = bare::make_rc_in<int>(recording_ref(rec), 5);
      EXPECT_EQ(*i, 5);
    }
    EXPECT_EQ(rec.live, 0);
    EXPECT_EQ(c.size(), 3u);
    EXPECT_EQ(e.size(), 2u);
    *d = 1;
    auto a2 = a;
    counted& m = a.make_mut();
    EXPECT_EQ(&m, a.get());
    EXPECT_NE(a.get(), a2.get());
    auto cy = bare::rc<int>::new_cyclic([](const bare::rc_weak<int>&) { return 8; });
    EXPECT_EQ(*cy, 8);
    std::span<int> sp = c.make_mut();
    EXPECT_EQ(sp.size(), 3u);
    EXPECT_EQ(b->value(), 2);
  }
  EXPECT_EQ(destroyed, 1);
}

TEST(RcInfallibleDeathTest, FailureCallsTheHandler) {
  alloc_error_handler_guard g(exiting_alloc_error_handler);
  EXPECT_EXIT((void)bare::make_rc_in<int>(always_fails{}, 1), ::testing::ExitedWithCode(alloc_error_exit),
              "out of memory");
  EXPECT_EXIT((void)bare::make_arc<int[]>(SIZE_MAX / 4), ::testing::ExitedWithCode(alloc_error_exit),
              "capacity overflow");
}
#endif

}  // namespace
