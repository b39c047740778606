// The host test runner: GoogleTest plus checks that apply to every test.
//
// After each test it checks that the test left the global heap with as many live blocks as it
// found, and that no counted / move_only instance leaked and none was destroyed twice; a test
// that breaks one of these fails (the failure names the counter). A failing test also prints
// the run's BARE_TEST_SEED so that randomized tests can be replayed.
#include <cinttypes>
#include <cstdio>

#include <gtest/gtest.h>

#include "support/heap.hpp"
#include "support/rng.hpp"
#include "support/tracked.hpp"

namespace {

class invariants : public ::testing::EmptyTestEventListener {
 public:
  void OnTestStart(const ::testing::TestInfo&) override {
    heap_ = bare_test::global_heap_stats();
    counted_live_ = bare_test::counted::live;
    counted_errors_ = bare_test::counted::errors;
    move_only_live_ = bare_test::move_only::live;
  }
  void OnTestEnd(const ::testing::TestInfo& info) override {
    const auto heap = bare_test::global_heap_stats();
    EXPECT_EQ(heap.live_blocks, heap_.live_blocks) << "global heap: live blocks changed during the test (leak?)";
    EXPECT_EQ(heap.live_bytes, heap_.live_bytes) << "global heap: live bytes changed during the test (leak?)";
    EXPECT_EQ(bare_test::counted::live, counted_live_) << "counted: instances leaked or destroyed too often";
    EXPECT_EQ(bare_test::counted::errors, counted_errors_) << "counted: double destruction or use of a dead object";
    EXPECT_EQ(bare_test::move_only::live, move_only_live_) << "move_only: instances leaked or destroyed too often";
    if (info.result()->Failed())
      std::printf("[   seed   ] BARE_TEST_SEED=%" PRIu64 " replays %s.%s\n", bare_test::base_seed(),
                  info.test_suite_name(), info.name());
  }

 private:
  bare_test::heap_stats heap_{};
  long counted_live_ = 0, counted_errors_ = 0, move_only_live_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  // Re-executes the binary for each death test: safe with sanitizers and with the global
  // counters above.
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  // Our listener goes before the default printer, so that a failure it adds in OnTestEnd is
  // printed and the test is reported as FAILED.
  auto& listeners = ::testing::UnitTest::GetInstance()->listeners();
  auto* printer = listeners.Release(listeners.default_result_printer());
  listeners.Append(new invariants);
  if (printer != nullptr) listeners.Append(printer);
  return RUN_ALL_TESTS();
}
