// std_interop.format_libcxx: the std::formatter specialisations of bare/std_interop.hpp, and
// its std::hash / std::string_view / std::span parts, under libc++ (clang++-16 -stdlib=libc++
// -fexperimental-library), whose <format> works but does not define __cpp_lib_format.
// libstdc++ 12 (the GoogleTest builds) has no <format>, so this is where the formatters run.
// No GoogleTest (it is built against libstdc++): each CHECK prints a failure; the exit status
// is the number of failures.
#include <cstdio>
#include <format>
#include <functional>
#include <string>
#include <string_view>

#include "bare/alloc/malloc.hpp"
#include "bare/fixed_string.hpp"
#include "bare/rc.hpp"
#include "bare/std_interop.hpp"
#include "bare/str.hpp"
#include "bare/string.hpp"
#include "bare/string_buf.hpp"
#include "bare/vec.hpp"

static bare::malloc_allocator g_heap;
BARE_GLOBAL_ALLOCATOR(g_heap);

#if !BARE_STD_FORMAT
#error "BARE_STD_FORMAT should be 1 with libc++ 16 and -fexperimental-library"
#endif

namespace {

int g_checks = 0, g_failures = 0;

void check(bool ok, const char* what, int line) {
  ++g_checks;
  if (!ok) {
    ++g_failures;
    std::printf("FAILED line %d: %s\n", line, what);
  }
}
#define CHECK(cond) check((cond), #cond, __LINE__)

}  // namespace

int main() {
  auto owned = bare::string<>::try_from("grüße");
  CHECK(owned.has_value());
  bare::fixed_string<16> fixed("sensor");
  bare::string_buf buf(fixed);

  CHECK(std::format("{}", bare::str("plain")) == "plain");
  CHECK(std::format("[{:>7}]", *owned) == "[  grüße]");   // width counts code points
  CHECK(std::format("[{:<8}]", fixed) == "[sensor  ]");
  CHECK(std::format("[{:^10}]", buf) == "[  sensor  ]");
  CHECK(std::format("{:.3}", bare::str("truncated")) == "tru");
  CHECK(std::format("{:*>6}", bare::str("ab")) == "****ab");
  CHECK(std::format("{}", bare::alloc_errc::out_of_memory) == "out of memory");
  CHECK(std::format("{:>6}", bare::alloc_errc::full) == "  full");
  CHECK(std::format("{}", bare::alloc_error{bare::alloc_errc::full, {48, 16}}) == "full (48 bytes, align 16)");
  CHECK(std::format("{}", bare::alloc_error{bare::alloc_errc::capacity_overflow, {SIZE_MAX, 8}}) ==
        "capacity overflow (align 8)");
  CHECK(std::format("<{:>34}>", bare::alloc_error{bare::alloc_errc::out_of_memory, {1, 1}}) ==
        "<  out of memory (1 bytes, align 1)>");
  std::string out;
  std::format_to(std::back_inserter(out), "{}-{}", bare::str("a"), *owned);
  CHECK(out == "a-grüße");

  // std::hash of a bare string is libc++'s std::hash<std::string_view> of its bytes.
  CHECK(std::hash<bare::string<>>{}(*owned) == std::hash<std::string_view>{}("grüße"));
  CHECK(std::hash<bare::fixed_string<16>>{}(fixed) == std::hash<std::string>{}("sensor"));
  auto r = bare::try_make_rc<int>(12);
  CHECK(r.has_value() && std::hash<bare::rc<int>>{}(*r) == std::hash<int>{}(12));
  CHECK(bare::to_string_view(fixed) == "sensor");
  auto v = bare::vec<int>::try_from(std::span<const int>({1, 2, 3}));
  CHECK(v.has_value() && bare::to_span(*v).size() == 3 && bare::to_span(*v)[2] == 3);

  std::printf("format_libcxx: %d checks, %d failed\n", g_checks, g_failures);
  return g_failures;
}
