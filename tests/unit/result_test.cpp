// bare::result<T, E>, result<T&, E>, result<void, E>, err(), BARE_TRY.
#include <gtest/gtest.h>

#include <type_traits>
#include <utility>

#include "bare/result.hpp"
#include "support/death.hpp"
#include "support/tracked.hpp"

namespace {

using bare::alloc_errc;
using bare::alloc_error;
using bare::result;
using bare_test::counted;

constexpr alloc_error oom{alloc_errc::out_of_memory, bare::layout{16, 8}};

TEST(Result, ValueForm) {
  result<int> r = 7;
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(static_cast<bool>(r));
  EXPECT_EQ(r.value(), 7);
  EXPECT_EQ(*r, 7);
  r.value() = 8;
  EXPECT_EQ(*r, 8);
  const result<int>& cr = r;
  EXPECT_EQ(cr.value(), 8);
  EXPECT_EQ(std::move(r).value(), 8);
  EXPECT_EQ(result<int>(3).value_or(5), 3);
}

TEST(Result, ErrorForm) {
  result<int> r = bare::err(oom);
  ASSERT_FALSE(r.has_value());
  EXPECT_FALSE(static_cast<bool>(r));
  EXPECT_EQ(r.error(), oom);
  EXPECT_EQ(r.error().kind, alloc_errc::out_of_memory);
  EXPECT_EQ(r.error().request, (bare::layout{16, 8}));
  EXPECT_EQ(r.value_or(5), 5);
  EXPECT_EQ(std::move(r).value_or(6), 6);
}

TEST(Result, InPlaceAndArrow) {
  struct point {
    int x, y;
  };
  result<point> r(std::in_place, 1, 2);
  EXPECT_EQ(r->x, 1);
  EXPECT_EQ(r->y, 2);
  const result<point> c(std::in_place, 3, 4);
  EXPECT_EQ(c->y, 4);
}

TEST(Result, CustomErrorType) {
  enum class parse_err : unsigned char { empty, bad_digit };
  result<int, parse_err> r = bare::err(parse_err::bad_digit);
  EXPECT_EQ(r.error(), parse_err::bad_digit);
  result<void, parse_err> v = bare::err(parse_err::empty);
  EXPECT_EQ(v.error(), parse_err::empty);
}

TEST(Result, NonTrivialValueLifetimes) {
  {
    result<counted> r = counted(5);
    EXPECT_EQ(counted::live, 1);
    result<counted> copy = r;
    EXPECT_EQ(counted::live, 2);
    result<counted> moved = std::move(r);
    EXPECT_EQ(counted::live, 3);
    EXPECT_EQ(moved->value(), 5);
    EXPECT_EQ(copy->value(), 5);
    EXPECT_EQ(r->value(), bare_test::moved_from);
    counted taken = std::move(moved).value();
    EXPECT_EQ(taken.value(), 5);
    counted fallback = result<counted>(bare::err(oom)).value_or(counted(9));
    EXPECT_EQ(fallback.value(), 9);
    counted kept = copy.value_or(counted(1));
    EXPECT_EQ(kept.value(), 5);
  }
  EXPECT_EQ(counted::live, 0);
  {
    // An error result holds no T: nothing is constructed or destroyed.
    result<counted> e = bare::err(oom);
    EXPECT_EQ(counted::live, 0);
    result<counted> e2 = e;
    result<counted> e3 = std::move(e2);
    EXPECT_EQ(counted::live, 0);
    EXPECT_EQ(e3.error(), oom);
  }
  EXPECT_EQ(counted::live, 0);
}

TEST(Result, MoveOnlyValue) {
  result<bare_test::move_only> r = bare_test::move_only(4);
  result<bare_test::move_only> s = std::move(r);
  EXPECT_EQ(s->value(), 4);
  bare_test::move_only m = std::move(s).value();
  EXPECT_EQ(m.value(), 4);
  static_assert(!std::is_copy_constructible_v<result<bare_test::move_only>>);
}

TEST(Result, TriviallyCopyableStaysTrivial) {
  static_assert(std::is_trivially_copy_constructible_v<result<int>>);
  static_assert(std::is_trivially_destructible_v<result<int>>);
  static_assert(!std::is_trivially_destructible_v<result<counted>>);
  static_assert(!std::is_copy_assignable_v<result<int>>);
}

TEST(Result, ReferenceForm) {
  int x = 1;
  result<int&> r = x;
  ASSERT_TRUE(r);
  EXPECT_EQ(&r.value(), &x);
  EXPECT_EQ(&*r, &x);
  *r = 2;
  EXPECT_EQ(x, 2);
  counted c(3);
  result<counted&> rc = c;
  EXPECT_EQ(rc->value(), 3);
  EXPECT_EQ(counted::live, 1);  // a reference result copies nothing
  result<int&> e = bare::err(oom);
  EXPECT_FALSE(e.has_value());
  EXPECT_EQ(e.error(), oom);
  result<const int&> cr = x;
  EXPECT_EQ(*cr, 2);
}

TEST(Result, VoidForm) {
  result<void> ok;
  EXPECT_TRUE(ok.has_value());
  ok.value();  // no panic
  result<void> e = bare::err(oom);
  EXPECT_FALSE(e);
  EXPECT_EQ(e.error(), oom);
}

result<void> fails() { return bare::err(oom); }
result<void> succeeds() { return {}; }
int steps = 0;

result<int> chain(bool fail_first) {
  BARE_TRY(fail_first ? fails() : succeeds());
  ++steps;
  BARE_TRY(result<int>(5));
  ++steps;
  return 10;
}

result<void> chain_ref(result<int&> r) {
  BARE_TRY(r);
  ++steps;
  return {};
}

TEST(Result, TryPropagatesTheError) {
  steps = 0;
  auto a = chain(true);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error(), oom);
  EXPECT_EQ(steps, 0);
  auto b = chain(false);
  ASSERT_TRUE(b);
  EXPECT_EQ(*b, 10);
  EXPECT_EQ(steps, 2);
  int x = 0;
  EXPECT_TRUE(chain_ref(x));
  EXPECT_EQ(steps, 3);
  auto c = chain_ref(bare::err(alloc_error{alloc_errc::full, {}}));
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().kind, alloc_errc::full);
  EXPECT_EQ(steps, 3);
}

TEST(Result, ConstexprUse) {
  constexpr int v = [] {
    result<int> r = 4;
    return r.value() + result<int>(bare::err(oom)).value_or(1);
  }();
  static_assert(v == 5);
  SUCCEED();
}

// value() / error() of the wrong alternative panic, reporting the CALLER's file and line.
TEST(ResultDeathTest, ValueOfAnErrorPanicsAtTheCaller) {
  bare_test::panic_handler_guard g(bare_test::exiting_panic_handler);
  result<int> r = bare::err(oom);
  const unsigned line = __LINE__ + 1;
  auto call = [&] { (void)r.value(); };
  EXPECT_EXIT(call(), ::testing::ExitedWithCode(bare_test::panic_exit),
              bare_test::panic_regex("bare::result: value\\(\\) of an error", __FILE__, line));
}

TEST(ResultDeathTest, ValueOfAnErrorPanicsAtTheCallerAllForms) {
  bare_test::panic_handler_guard g(bare_test::exiting_panic_handler);
  result<int&> ref = bare::err(oom);
  result<void> v = bare::err(oom);
  const result<counted> c = bare::err(oom);
  const unsigned l1 = __LINE__ + 1;
  auto call1 = [&] { (void)ref.value(); };
  EXPECT_EXIT(call1(), ::testing::ExitedWithCode(bare_test::panic_exit),
              bare_test::panic_regex("value\\(\\) of an error", __FILE__, l1));
  const unsigned l2 = __LINE__ + 1;
  auto call2 = [&] { v.value(); };
  EXPECT_EXIT(call2(), ::testing::ExitedWithCode(bare_test::panic_exit),
              bare_test::panic_regex("value\\(\\) of an error", __FILE__, l2));
  const unsigned l3 = __LINE__ + 1;
  auto call3 = [&] { (void)c.value(); };
  EXPECT_EXIT(call3(), ::testing::ExitedWithCode(bare_test::panic_exit),
              bare_test::panic_regex("value\\(\\) of an error", __FILE__, l3));
}

TEST(ResultDeathTest, ErrorOfAValuePanicsAtTheCaller) {
  bare_test::panic_handler_guard g(bare_test::exiting_panic_handler);
  result<int> r = 1;
  const unsigned line = __LINE__ + 1;
  auto call = [&] { (void)r.error(); };
  EXPECT_EXIT(call(), ::testing::ExitedWithCode(bare_test::panic_exit),
              bare_test::panic_regex("bare::result: error\\(\\) of a value", __FILE__, line));
  result<void> v;
  const unsigned l2 = __LINE__ + 1;
  auto call2 = [&] { (void)v.error(); };
  EXPECT_EXIT(call2(), ::testing::ExitedWithCode(bare_test::panic_exit),
              bare_test::panic_regex("error\\(\\) of a value", __FILE__, l2));
}

TEST(ResultDeathTest, DerefOfAnErrorPanics) {
  bare_test::panic_handler_guard g(bare_test::exiting_panic_handler);
  result<int> r = bare::err(oom);
  EXPECT_EXIT((void)*r, ::testing::ExitedWithCode(bare_test::panic_exit), "value\\(\\) of an error");
}

}  // namespace
