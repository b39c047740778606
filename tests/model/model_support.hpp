// Shared pieces of the differential model tests (binary_heap_model_test, linked_list_model_test):
// an allocator that fails at random, the step loop of a model run (model_driver), and the two
// drivers that run a model several times with seeds derived from the test's seed, printing the
// seed of a failing sequence.
//
// A model run type Run<A> (for the allocator type A) derives from model_driver<Run<A>> and is
// constructible as Run(std::uint64_t seed, A alloc, bool may_fail).
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/global.hpp"
#include "bare/alloc/malloc.hpp"
#include "support/rng.hpp"
#include "support/tracked.hpp"

namespace bare_test {

// Fails each attempt (allocate / grow / shrink) with probability percent / 100, from a seeded
// generator (so a run replays), over malloc. Counts live blocks. Give it to containers as
// bare::by_ref<random_failing>.
class random_failing {
 public:
  random_failing(std::uint64_t seed, unsigned percent) : rng_(seed), percent_(percent) {}
  void* allocate(bare::layout l) noexcept {
    if (fail_()) return nullptr;
    ++live;
    return inner_.allocate(l);
  }
  void deallocate(void* p, bare::layout l) noexcept {
    --live;
    inner_.deallocate(p, l);
  }
  void* grow(void* p, bare::layout l, std::size_t n) noexcept { return fail_() ? nullptr : inner_.grow(p, l, n); }
  void* shrink(void* p, bare::layout l, std::size_t n) noexcept {
    return fail_() ? nullptr : inner_.shrink(p, l, n);
  }
  std::size_t failures = 0;
  long live = 0;

 private:
  bool fail_() noexcept {
    if (rng_.chance(percent_)) {
      ++failures;
      return true;
    }
    return false;
  }
  rng rng_;
  unsigned percent_;
  bare::malloc_allocator inner_;
};

// The step loop: pick an operation, apply it to the container and the model; an operation that
// reports an allocation failure (only possible when may_fail) must leave the container as the
// snapshot taken before it; after every step the container must equal the model. Derived
// provides (and befriends model_driver<Derived> for):
//   Op pick_();                          the next operation (and any preparation it needs)
//   const char* name_(Op) const;         for the trace
//   std::size_t model_size_() const;     for the trace
//   Snapshot snapshot_() const;          what a failed operation must leave unchanged
//   bool apply_(Op);                     false iff the container reported an allocation failure
//   void unchanged_since_(const Snapshot&);  asserts that the snapshot still holds
//   void check_();                       asserts that the container equals the model
template <class Derived>
class model_driver {
 public:
  explicit model_driver(bool may_fail) : may_fail_(may_fail) {}

  // Runs `steps` operations; stops at the first fatal failure.
  void run(int steps) {
    Derived& d = static_cast<Derived&>(*this);
    for (int step = 0; step < steps; ++step) {
      const auto o = d.pick_();
      SCOPED_TRACE("step " + std::to_string(step) + ": " + d.name_(o) + ", size " + std::to_string(d.model_size_()));
      const auto before = d.snapshot_();
      if (d.apply_(o)) {
        ++ok_ops;
      } else {
        ASSERT_TRUE(may_fail_) << "an operation failed although no failure can be injected";
        ++failed_ops;
        d.unchanged_since_(before);
        if (::testing::Test::HasFatalFailure()) return;
      }
      d.check_();
      if (::testing::Test::HasFatalFailure()) return;
    }
  }

  std::size_t ok_ops = 0, failed_ops = 0;

 private:
  bool may_fail_;
};

// With T = counted: exactly `elements` instances are alive, and none was destroyed twice or
// used dead. (Fatal on failure: check HasFatalFailure after it.)
template <class T>
void assert_counted_balance(std::size_t elements) {
  if constexpr (std::is_same_v<T, counted>) {
    ASSERT_EQ(counted::live, static_cast<long>(elements)) << "counted instances leaked or lost";
    ASSERT_EQ(counted::errors, 0) << "double destruction or use of a dead element";
  }
}

inline std::string sequence_trace(std::uint64_t seed) {
  return "sequence seed " + std::to_string(seed) + " (BARE_TEST_SEED=" + std::to_string(base_seed()) + ")";
}

// `sequences` runs of `steps` operations with bare::global: no operation may fail.
template <template <class> class Run>
void plain_model_runs(int sequences, int steps) {
  const std::uint64_t base = test_seed();
  for (int s = 0; s < sequences; ++s) {
    const std::uint64_t seed = base + static_cast<std::uint64_t>(s);
    SCOPED_TRACE(sequence_trace(seed));
    Run<bare::global> run(seed, bare::global{}, false);
    run.run(steps);
    if (::testing::Test::HasFatalFailure()) return;
    EXPECT_EQ(run.failed_ops, 0u);
  }
}

// The same with an allocator failing 10% of attempts; nothing may leak, and the runs must have
// meant something: at least `min_failures` failed operations, and more successes than failures.
template <template <class> class Run>
void failing_model_runs(int sequences, int steps, std::size_t min_failures) {
  const std::uint64_t base = test_seed();
  std::size_t failed = 0, ok = 0;
  for (int s = 0; s < sequences; ++s) {
    const std::uint64_t seed = base + static_cast<std::uint64_t>(s);
    SCOPED_TRACE(sequence_trace(seed));
    random_failing alloc(seed ^ 0xFA11FA11FA11FA11ull, 10);
    {
      using A = bare::by_ref<random_failing>;
      Run<A> run(seed, A(alloc), true);
      run.run(steps);
      failed += run.failed_ops;
      ok += run.ok_ops;
      if (::testing::Test::HasFatalFailure()) return;
    }
    EXPECT_EQ(alloc.live, 0) << "blocks leaked";
  }
  EXPECT_GE(failed, min_failures);
  EXPECT_GT(ok, failed);
}

}  // namespace bare_test
