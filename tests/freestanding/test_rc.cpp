// rc and arc on every target (arc on Cortex-M0 through the critical-section hooks of
// targets/cortex-m0/critical_section.c). Small blocks only: Cortex-M0 has a 6 KiB heap.
#include "bare/arc.hpp"
#include "bare/rc.hpp"
#include "bare/testing/check_all_allocation_failures.hpp"
#include "runner.hpp"
#include "test_heap.hpp"

namespace {

struct shape {
  virtual int sides() const = 0;

 protected:
  ~shape() = default;  // no virtual destructor: rc uses the complete type's anyway
};
struct alignas(16) square final : ft::tracked, shape {
  explicit square(int v) : ft::tracked(v) {}
  int sides() const override { return 4; }
};

// The counting rules, the same for both families (P: the pointer, W: the weak pointer).
template <class P, class W, class Make>
void counting_rules(Make make) {
  const std::size_t blocks = test_heap_live_blocks();
  {
    P a = make(5);
    FT_CHECK(a && a->value == 5 && a.strong_count() == 1 && ft::tracked::live == 1);
    FT_CHECK(test_heap_live_blocks() == blocks + 1);
    P b = a;
    W w = b.downgrade();
    FT_CHECK(a.strong_count() == 2 && a.weak_count() == 1 && a.ptr_eq(b));
    FT_CHECK(a.get_mut() == nullptr);
    P c = w.upgrade();
    FT_CHECK(c.ptr_eq(a) && a.strong_count() == 3);
    a.reset();
    b.reset();
    FT_CHECK(ft::tracked::live == 1);
    c.reset();  // the last strong: the value goes, the block stays for w
    FT_CHECK(ft::tracked::live == 0 && test_heap_live_blocks() == blocks + 1);
    FT_CHECK(!w.upgrade() && w.strong_count() == 0);
  }
  FT_CHECK(test_heap_live_blocks() == blocks);  // the last weak freed it
  FT_CHECK(sizeof(P) == sizeof(void*));
}

void rc_counting() {
  counting_rules<bare::rc<ft::tracked>, bare::rc_weak<ft::tracked>>(
      [](int v) { return bare::make_rc<ft::tracked>(v); });
}

void arc_counting() {
  counting_rules<bare::arc<ft::tracked>, bare::arc_weak<ft::tracked>>(
      [](int v) { return bare::make_arc<ft::tracked>(v); });
}

void make_mut_and_unwrap() {
  const std::size_t blocks = test_heap_live_blocks();
  {
    auto a = bare::make_arc<ft::tracked>(1);
    auto b = a;
    a.make_mut().value = 2;  // shared: a copy
    FT_CHECK(a->value == 2 && b->value == 1 && !a.ptr_eq(b) && ft::tracked::live == 2);
    auto w = b.downgrade();
    b.make_mut().value = 3;  // weak only: moved away from w
    FT_CHECK(!w.upgrade() && b->value == 3 && b.get_mut() == b.get());
    auto v = static_cast<bare::arc<ft::tracked>&&>(a).into_inner();
    FT_CHECK(v.has_value() && v->value == 2 && !a);
    auto r = bare::make_rc<int>(7);
    auto r2 = r;
    FT_CHECK(!r.try_unwrap().has_value());
    r2.reset();
    auto x = r.try_unwrap();
    FT_CHECK(x.has_value() && *x == 7 && !r);
  }
  FT_CHECK(ft::tracked::live == 0 && test_heap_live_blocks() == blocks);
}

void arrays_and_bases() {
  const std::size_t blocks = test_heap_live_blocks();
  {
    auto a = bare::make_rc<int[]>(4);
    FT_CHECK(a.size() == 4 && a[3] == 0);
    a[3] = 9;
    auto t = bare::make_arc<ft::tracked[]>(3);
    FT_CHECK(t.size() == 3 && ft::tracked::live == 3);
    auto t2 = t;
    t.make_mut()[0].value = 1;
    FT_CHECK(ft::tracked::live == 6 && t2[0].value == 0);
    bare::arc<shape> s = bare::make_arc<square>(4);
    FT_CHECK(s->sides() == 4 && reinterpret_cast<std::uintptr_t>(s.get()) % alignof(shape) == 0);
    bare::arc_weak<shape> ws = s.downgrade();
    s.reset();  // ~square found through shape
    FT_CHECK(ft::tracked::live == 6 && !ws.upgrade());
  }
  FT_CHECK(ft::tracked::live == 0 && test_heap_live_blocks() == blocks);
}

struct node {
  int v;
  bare::rc_weak<node> self;
};

void cyclic() {
  const std::size_t blocks = test_heap_live_blocks();
  {
    bool upgraded = true;
    auto n = bare::rc<node>::new_cyclic([&](const bare::rc_weak<node>& w) {
      upgraded = static_cast<bool>(w.upgrade());
      return node{3, w};
    });
    FT_CHECK(!upgraded && n->self.upgrade()->v == 3 && n.weak_count() == 1);
  }
  FT_CHECK(test_heap_live_blocks() == blocks);
}

void fallible() {
  using F = bare::testing::failing_ref<>;
  auto rep = bare::testing::check_all_allocation_failures(
      [](F a) { return bare::try_make_arc_in<ft::tracked>(a, 3); });
  FT_CHECK(rep.ok && rep.allocations == 1);
  auto rep2 = bare::testing::check_all_allocation_failures(
      [](F a) { return bare::try_make_rc<ft::tracked[], F>(std::size_t{4}, a); });
  FT_CHECK(rep2.ok && rep2.allocations == 1);
  struct pair {
    bare::arc<int, F> a, b;
    bool operator==(const pair& o) const { return *a == *o.a && a.ptr_eq(b) == o.a.ptr_eq(o.b); }
  };
  auto rep3 = bare::testing::check_all_allocation_failures(
      [](F a) {
        auto r = bare::try_make_arc_in<int>(a, 5);
        if (!r) bare::panic("setup");
        return pair{*r, *r};
      },
      [](pair& s) { return s.a.try_make_mut(); });
  FT_CHECK(rep3.ok && rep3.allocations == 1);
  auto big = bare::try_make_arc<long[]>(static_cast<std::size_t>(-1) / 4);
  FT_CHECK(!big && big.error().kind == bare::alloc_errc::capacity_overflow);
}

}  // namespace

FT_GROUP(rc, FT_TEST(rc_counting), FT_TEST(arc_counting), FT_TEST(make_mut_and_unwrap),
         FT_TEST(arrays_and_bases), FT_TEST(cyclic), FT_TEST(fallible));
