// bare::panic and the handlers: set_panic_handler, set_alloc_error_handler, handle_alloc_error.
// The default handlers trap (SIGILL from __builtin_trap); a handler that returns is trapped.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <string>

#include "bare/box.hpp"
#include "bare/panic.hpp"
#include "bare/vec.hpp"
#include "support/death.hpp"
#include "support/heap.hpp"

namespace {

void print_and_return(const char* msg, bare::source_loc) {
  std::fprintf(stderr, "handler saw: %s\n", msg);
  std::fflush(stderr);
}
void other_handler(const char*, bare::source_loc) {}

TEST(PanicHandler, SetReturnsThePreviousHandler) {
  EXPECT_EQ(bare::set_panic_handler(print_and_return), nullptr);  // the default is nullptr
  EXPECT_EQ(bare::set_panic_handler(other_handler), &print_and_return);
  EXPECT_EQ(bare::set_panic_handler(nullptr), &other_handler);
  EXPECT_EQ(bare::set_panic_handler(nullptr), nullptr);
}

TEST(PanicHandler, SourceLocIsTheCallersLine) {
  const unsigned line = __LINE__ + 1;
  bare::source_loc here = bare::source_loc::current();
  EXPECT_EQ(here.line, line);
  EXPECT_NE(std::string(here.file).find("handlers_test.cpp"), std::string::npos);
}

TEST(PanicHandlerDeathTest, DefaultHandlerTraps) {
  EXPECT_EXIT(bare::panic("boom"), ::testing::KilledBySignal(SIGILL), "");
}

TEST(PanicHandlerDeathTest, HandlerGetsMessageAndLocation) {
  bare_test::panic_handler_guard g(bare_test::exiting_panic_handler);
  const unsigned line = __LINE__ + 1;
  auto call = [] { bare::panic("custom message"); };
  EXPECT_EXIT(call(), ::testing::ExitedWithCode(bare_test::panic_exit),
              bare_test::panic_regex("custom message", __FILE__, line));
}

TEST(PanicHandlerDeathTest, HandlerThatReturnsIsTrapped) {
  bare_test::panic_handler_guard g(print_and_return);
  EXPECT_EXIT(bare::panic("returning"), ::testing::KilledBySignal(SIGILL), "handler saw: returning");
}

TEST(PanicHandlerDeathTest, ResettingToNullRestoresTheTrap) {
  bare_test::panic_handler_guard g(bare_test::exiting_panic_handler);
  bare::set_panic_handler(nullptr);
  EXPECT_EXIT(bare::panic("x"), ::testing::KilledBySignal(SIGILL), "");
}

#if BARE_OOM_HANDLING

void alloc_print_and_return(bare::alloc_error e) {
  std::fprintf(stderr, "alloc handler saw: %s\n", bare::to_string(e.kind));
  std::fflush(stderr);
}
void alloc_other(bare::alloc_error) {}

TEST(AllocErrorHandler, SetReturnsThePreviousHandler) {
  EXPECT_EQ(bare::set_alloc_error_handler(alloc_print_and_return), nullptr);
  EXPECT_EQ(bare::set_alloc_error_handler(alloc_other), &alloc_print_and_return);
  EXPECT_EQ(bare::set_alloc_error_handler(nullptr), &alloc_other);
}

TEST(AllocErrorHandler, ToString) {
  EXPECT_STREQ(bare::to_string(bare::alloc_errc::capacity_overflow), "capacity overflow");
  EXPECT_STREQ(bare::to_string(bare::alloc_errc::out_of_memory), "out of memory");
  EXPECT_STREQ(bare::to_string(bare::alloc_errc::full), "full");
}

TEST(AllocErrorHandlerDeathTest, DefaultHandlerTraps) {
  EXPECT_EXIT(bare::handle_alloc_error(bare::layout{8, 8}), ::testing::KilledBySignal(SIGILL), "");
  bare::vec<int, bare_test::always_fails> v;
  EXPECT_EXIT(v.push_back(1), ::testing::KilledBySignal(SIGILL), "");
}

TEST(AllocErrorHandlerDeathTest, HandlerGetsTheError) {
  bare_test::alloc_error_handler_guard g(bare_test::exiting_alloc_error_handler);
  EXPECT_EXIT(bare::handle_alloc_error(bare::alloc_error{bare::alloc_errc::full, bare::layout{24, 8}}),
              ::testing::ExitedWithCode(bare_test::alloc_error_exit), "bare alloc error: full size=24 align=8;");
  // The layout form is out_of_memory.
  EXPECT_EXIT(bare::handle_alloc_error(bare::layout{40, 16}), ::testing::ExitedWithCode(bare_test::alloc_error_exit),
              "bare alloc error: out of memory size=40 align=16;");
}

TEST(AllocErrorHandlerDeathTest, InfallibleApiCallsTheHandler) {
  bare_test::alloc_error_handler_guard g(bare_test::exiting_alloc_error_handler);
  bare::vec<int, bare_test::always_fails> v;
  // The first growth asks for the minimum capacity, 4 ints.
  EXPECT_EXIT(v.push_back(1), ::testing::ExitedWithCode(bare_test::alloc_error_exit),
              "bare alloc error: out of memory size=16 align=4;");
  EXPECT_EXIT(v.reserve(static_cast<std::size_t>(-1)), ::testing::ExitedWithCode(bare_test::alloc_error_exit),
              "bare alloc error: capacity overflow");
  EXPECT_EXIT((void)bare::make_box_in<long>(bare_test::always_fails{}, 1),
              ::testing::ExitedWithCode(bare_test::alloc_error_exit), "out of memory size=8 align=8;");
  // ... also through the global allocator.
  bare::vec<int> g2;
  bare_test::global_heap_fail_next(1);
  EXPECT_EXIT(g2.push_back(1), ::testing::ExitedWithCode(bare_test::alloc_error_exit),
              "bare alloc error: out of memory size=16 align=4;");
  bare_test::global_heap_fail_next(0);
}

TEST(AllocErrorHandlerDeathTest, HandlerThatReturnsIsTrapped) {
  bare_test::alloc_error_handler_guard g(alloc_print_and_return);
  bare::vec<int, bare_test::always_fails> v;
  EXPECT_EXIT(v.push_back(1), ::testing::KilledBySignal(SIGILL), "alloc handler saw: out of memory");
}

#endif  // BARE_OOM_HANDLING

}  // namespace
