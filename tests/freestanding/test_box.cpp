#include "bare/box.hpp"
#include "bare/testing/check_all_allocation_failures.hpp"
#include "runner.hpp"
#include "test_heap.hpp"

namespace {

struct shape {
  virtual int sides() const = 0;
  int tag = 1;

 protected:
  ~shape() = default;  // no virtual destructor: box uses the real one anyway
};
struct other_base {
  long pad[3] = {1, 2, 3};
};
struct alignas(32) square final : other_base, shape {
  explicit square(int* dtor_count) : count(dtor_count) {}
  ~square() { ++*count; }
  int sides() const override { return 4; }
  int* count;
};

void make_and_destroy() {
  const std::size_t live = test_heap_live_blocks();
  {
    auto b = bare::make_box<ft::tracked>(5);
    FT_CHECK(b->value == 5 && ft::tracked::live == 1 && test_heap_live_blocks() == live + 1);
    auto c = b.clone();
    FT_CHECK(c->value == 5 && c.get() != b.get() && ft::tracked::live == 2);
    auto moved = static_cast<bare::box<ft::tracked>&&>(b);
    FT_CHECK(!b && moved && ft::tracked::live == 2);
    moved.reset();
    FT_CHECK(ft::tracked::live == 1);
  }
  FT_CHECK(ft::tracked::live == 0 && test_heap_live_blocks() == live);
  FT_CHECK(sizeof(bare::box<int>) == sizeof(void*));
}

void derived_to_base() {
  const std::size_t live = test_heap_live_blocks();
  int destroyed = 0;
  {
    bare::box<shape> s = bare::make_box<square>(&destroyed);
    FT_CHECK(s->sides() == 4 && s->tag == 1);
    FT_CHECK(reinterpret_cast<std::uintptr_t>(s.get()) % alignof(shape) == 0);
  }
  FT_CHECK(destroyed == 1 && test_heap_live_blocks() == live);
}

void arrays() {
  auto a = bare::make_box<int[]>(8);
  FT_CHECK(a.size() == 8 && a[0] == 0 && a[7] == 0);
  for (std::size_t i = 0; i < a.size(); ++i) a[i] = static_cast<int>(i * i);
  auto b = a.clone();
  FT_CHECK(b[7] == 49 && b.data() != a.data());
  auto t = bare::make_box<ft::tracked[]>(3);
  FT_CHECK(ft::tracked::live == 3);
  t.reset();
  FT_CHECK(ft::tracked::live == 0);
  auto o = bare::make_box_for_overwrite<int[]>(4);
  FT_CHECK(o.size() == 4);
  auto none = bare::try_make_box<int[]>(static_cast<std::size_t>(-1) / 2);
  FT_CHECK(!none && none.error().kind == bare::alloc_errc::capacity_overflow);
}

void fallible() {
  auto rep = bare::testing::check_all_allocation_failures([](bare::testing::failing_ref<> a) {
    return bare::try_make_box_in<ft::tracked>(a, 3);
  });
  FT_CHECK(rep.ok && rep.allocations == 1);
  auto rep2 = bare::testing::check_all_allocation_failures([](bare::testing::failing_ref<> a) {
    return bare::try_make_box<ft::tracked[], bare::testing::failing_ref<>>(5, a);
  });
  FT_CHECK(rep2.ok && rep2.allocations == 1);
  auto raw = bare::try_make_box<int>(41);
  FT_CHECK(raw.has_value());
  int* p = raw->into_raw();
  *p += 1;
  auto back = bare::box<int>::from_raw(p);
  FT_CHECK(*back == 42);
}

}  // namespace

FT_GROUP(box, FT_TEST(make_and_destroy), FT_TEST(derived_to_base), FT_TEST(arrays), FT_TEST(fallible));
