#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "bare/result.hpp"
#include "support.hpp"

namespace {

using bare::alloc_errc;
using bare::alloc_error;

bare::result<int> parse_even(int x) {
  if (x % 2 != 0) return bare::err(alloc_error{alloc_errc::full, {static_cast<std::size_t>(x), 1}});
  return x;
}

bare::result<int> chained(int x) {
  auto r = parse_even(x);
  BARE_TRY(r);
  return *r + 1;
}

TEST(Result, ValueAndError) {
  auto ok = parse_even(4);
  ASSERT_TRUE(ok.has_value());
  EXPECT_TRUE(static_cast<bool>(ok));
  EXPECT_EQ(*ok, 4);
  EXPECT_EQ(ok.value(), 4);
  auto bad = parse_even(3);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, alloc_errc::full);
  EXPECT_EQ(bad.error().request.size, 3u);
  EXPECT_EQ(parse_even(3).value_or(-7), -7);
  EXPECT_EQ(parse_even(8).value_or(-7), 8);
  EXPECT_EQ(chained(2).value(), 3);
  EXPECT_EQ(chained(5).error().kind, alloc_errc::full);
}

TEST(Result, ReferenceAndVoid) {
  int x = 1;
  bare::result<int&> r = x;
  r.value() = 5;
  EXPECT_EQ(x, 5);
  EXPECT_EQ(&*r, &x);
  bare::result<int&> e = bare::err(alloc_error{});
  EXPECT_FALSE(e.has_value());
  EXPECT_EQ(e.error().kind, alloc_errc::out_of_memory);
  bare::result<void> v;
  EXPECT_TRUE(v.has_value());
  bare::result<void> ve = bare::err(alloc_error{alloc_errc::capacity_overflow, {}});
  EXPECT_EQ(ve.error().kind, alloc_errc::capacity_overflow);
  EXPECT_EQ(sizeof(bare::result<int&>), sizeof(void*) + sizeof(alloc_error));
}

TEST(Result, NonTrivialValueLifetime) {
  bt::counted::live = 0;
  {
    bare::result<bt::counted> r(std::in_place, 7);
    EXPECT_EQ(bt::counted::live, 1);
    bare::result<bt::counted> c(r);
    bare::result<bt::counted> m(static_cast<bare::result<bt::counted>&&>(r));
    EXPECT_EQ(bt::counted::live, 3);
    EXPECT_EQ(m->v, 7);
    EXPECT_EQ(c->v, 7);
    bare::result<bt::counted> e = bare::err(alloc_error{});
    bare::result<bt::counted> ec(e);
    EXPECT_EQ(bt::counted::live, 3);
    EXPECT_FALSE(ec.has_value());
  }
  EXPECT_EQ(bt::counted::live, 0);
  EXPECT_EQ(bt::counted::errors, 0);
}

[[noreturn]] void print_and_abort(const char* msg, bare::source_loc where) {
  std::fprintf(stderr, "PANIC<%s> at %s:%u\n", msg, where.file ? where.file : "?", where.line);
  std::abort();
}

TEST(ResultDeathTest, ValueOfAnErrorPanicsAtTheCallersLine) {
  bare::set_panic_handler(print_and_abort);
  auto bad = parse_even(1);
  EXPECT_DEATH((void)bad.value(), "PANIC<bare::result: value\\(\\) of an error> at .*result_test.cpp:[0-9]+");
  EXPECT_DEATH((void)parse_even(2).error(), "error\\(\\) of a value.*result_test.cpp");
  bare::set_panic_handler(nullptr);
}

}  // namespace
