#include "bare/result.hpp"
#include "runner.hpp"

namespace {

bare::result<int> half(int x) {
  if (x % 2 != 0) return bare::err(bare::alloc_error{bare::alloc_errc::full, {1, 1}});
  return x / 2;
}

bare::result<int> quarter(int x) {
  auto h = half(x);
  BARE_TRY(h);
  return half(*h);
}

void value_and_error() {
  auto a = half(8);
  FT_CHECK(a.has_value() && *a == 4 && a.value() == 4);
  auto b = half(3);
  FT_CHECK(!b && b.error().kind == bare::alloc_errc::full && b.error().request.size == 1);
  FT_CHECK(half(3).value_or(-1) == -1);
  FT_CHECK(quarter(8).value() == 2);
  FT_CHECK(!quarter(6));
}

void reference_and_void() {
  int x = 5;
  bare::result<int&> r = x;
  *r = 6;
  FT_CHECK(x == 6 && &r.value() == &x);
  bare::result<int&> e = bare::err(bare::alloc_error{});
  FT_CHECK(!e && e.error().kind == bare::alloc_errc::out_of_memory);
  bare::result<void> ok;
  FT_CHECK(ok.has_value());
  bare::result<void> bad = bare::err(bare::alloc_error{bare::alloc_errc::capacity_overflow, {}});
  FT_CHECK(!bad && bad.error().kind == bare::alloc_errc::capacity_overflow);
}

void non_trivial_value() {
  {
    bare::result<ft::tracked> r(std::in_place, 3);
    FT_CHECK(ft::tracked::live == 1 && r->value == 3);
    bare::result<ft::tracked> moved(static_cast<bare::result<ft::tracked>&&>(r));
    FT_CHECK(ft::tracked::live == 2 && moved->value == 3);
    bare::result<ft::tracked> e = bare::err(bare::alloc_error{});
    FT_CHECK(ft::tracked::live == 2 && !e);
  }
  FT_CHECK(ft::tracked::live == 0);
}

}  // namespace

FT_GROUP(result, FT_TEST(value_and_error), FT_TEST(reference_and_void), FT_TEST(non_trivial_value));
