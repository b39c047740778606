#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "bare/alloc/error.hpp"
#include "bare/detail/checked.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/panic.hpp"
#include "support.hpp"

namespace {

void returning_panic_handler(const char*, bare::source_loc) {}

TEST(HandlersDeathTest, DefaultPanicTraps) {
  bare::set_panic_handler(nullptr);
  EXPECT_DEATH(bare::panic("boom"), "");
}

TEST(HandlersDeathTest, AReturningPanicHandlerIsTrapped) {
  auto old = bare::set_panic_handler(returning_panic_handler);
  EXPECT_EQ(bare::set_panic_handler(old), &returning_panic_handler);  // returns the previous one
  bare::set_panic_handler(returning_panic_handler);
  EXPECT_DEATH(bare::panic("boom"), "");
  bare::set_panic_handler(nullptr);
}

TEST(HandlersDeathTest, PanicCarriesMessageAndLocation) {
  bare::set_panic_handler([](const char* msg, bare::source_loc where) {
    std::fprintf(stderr, "got<%s> line %u in %s\n", msg, where.line, where.file);
    std::abort();
  });
  EXPECT_DEATH(bare::panic("custom message"), "got<custom message> line [0-9]+ in .*handlers_test.cpp");
  bare::set_panic_handler(nullptr);
}

#if BARE_OOM_HANDLING
void returning_alloc_handler(bare::alloc_error) {}

TEST(HandlersDeathTest, AllocErrorHandler) {
  EXPECT_EQ(bare::set_alloc_error_handler(nullptr), nullptr);
  EXPECT_DEATH(bare::handle_alloc_error(bare::layout{8, 8}), "");  // default traps
  bare::set_alloc_error_handler(returning_alloc_handler);
  EXPECT_DEATH(bare::handle_alloc_error(bare::layout{8, 8}), "");  // returning is trapped
  bare::set_alloc_error_handler([](bare::alloc_error e) {
    std::fprintf(stderr, "oom kind=%d size=%zu align=%zu\n", static_cast<int>(e.kind), e.request.size, e.request.align);
    std::abort();
  });
  EXPECT_DEATH(bare::handle_alloc_error(bare::layout{24, 8}), "oom kind=1 size=24 align=8");
  bare::set_alloc_error_handler(nullptr);
}
#endif

TEST(Checked, Arithmetic) {
  std::size_t r = 0;
  EXPECT_TRUE(bare::detail::checked_add(1, 2, &r));
  EXPECT_EQ(r, 3u);
  EXPECT_FALSE(bare::detail::checked_add(SIZE_MAX, 1, &r));
  EXPECT_TRUE(bare::detail::checked_mul(1u << 20, 1u << 10, &r));
  EXPECT_FALSE(bare::detail::checked_mul(SIZE_MAX / 2 + 1, 2, &r));
  EXPECT_TRUE(bare::detail::checked_align_up(13, 8, &r));
  EXPECT_EQ(r, 16u);
  EXPECT_FALSE(bare::detail::checked_align_up(SIZE_MAX - 2, 8, &r));
}

TEST(GrowthPolicy, MinimumDoublingExactOverflow) {
  using bare::detail::next_capacity;
  const bare::layout byte{1, 1}, word{4, 4}, big{2048, 8};
  EXPECT_EQ(next_capacity(0, 0, 1, byte, false).value(), 8u);
  EXPECT_EQ(next_capacity(0, 0, 1, word, false).value(), 4u);
  EXPECT_EQ(next_capacity(0, 0, 1, big, false).value(), 1u);
  EXPECT_EQ(next_capacity(4, 4, 1, word, false).value(), 8u);  // doubling
  EXPECT_EQ(next_capacity(4, 4, 10, word, false).value(), 14u);  // enough for the request
  EXPECT_EQ(next_capacity(4, 4, 1, word, true).value(), 5u);  // exact
  auto o = next_capacity(0, 0, SIZE_MAX, word, false);
  ASSERT_FALSE(o);
  EXPECT_EQ(o.error().kind, bare::alloc_errc::capacity_overflow);
  EXPECT_FALSE(next_capacity(0, 0, PTRDIFF_MAX / 4 + 1, word, false));
  // Doubling that would pass the limit is clamped to it, if the request itself fits.
  const std::size_t limit = PTRDIFF_MAX / 4;
  EXPECT_EQ(next_capacity(limit - 10, limit - 10, 5, word, false).value(), limit);
}

TEST(Errors, Names) {
  EXPECT_STREQ(bare::to_string(bare::alloc_errc::full), "full");
  EXPECT_STREQ(bare::to_string(bare::alloc_errc::out_of_memory), "out of memory");
  EXPECT_STREQ(bare::to_string(bare::alloc_errc::capacity_overflow), "capacity overflow");
}

}  // namespace
