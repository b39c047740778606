// Helpers for the fault-injection suites: every fallible operation runs through
// bare::testing::check_all_allocation_failures (fail attempt 0, 1, ... N-1 in turn; each
// failure must surface as out_of_memory, change nothing and leak nothing).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>

#include "bare/testing/check_all_allocation_failures.hpp"
#include "support/tracked.hpp"

namespace bare_test {

using F = bare::testing::failing_ref<>;

// Passes iff the report is ok and the failure-free run made exactly `allocations` attempts.
inline ::testing::AssertionResult all_failures_handled(const bare::testing::fault_report& rep,
                                                       std::size_t allocations) {
  if (!rep.ok) {
    auto f = ::testing::AssertionFailure() << "check_all_allocation_failures: " << rep.problem;
    if (rep.failed_attempt != SIZE_MAX) f << " (after failing attempt " << rep.failed_attempt << ")";
    return f;
  }
  if (rep.allocations != allocations)
    return ::testing::AssertionFailure() << "expected " << allocations << " allocation attempts, the operation made "
                                         << rep.allocations;
  if (counted::live != 0) return ::testing::AssertionFailure() << counted::live << " counted instances leaked";
  return ::testing::AssertionSuccess();
}

// EXPECT_OOM_SAFE(allocations, setup, op)   form 2: setup(F) -> S, op(S&) -> result
// EXPECT_OOM_SAFE(allocations, fn)          form 1: fn(F) -> result
#define EXPECT_OOM_SAFE(allocations, ...)                                                             \
  EXPECT_TRUE(::bare_test::all_failures_handled(::bare::testing::check_all_allocation_failures(__VA_ARGS__), \
                                                allocations))

}  // namespace bare_test
