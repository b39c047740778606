// bare::testing::check_all_allocation_failures itself: that it passes correct operations and
// DETECTS broken ones, naming the rule and the injected failure. Each broken operation below
// is written on purpose; any block it leaks is freed afterwards (so the runner's leak check and
// LeakSanitizer stay quiet).
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <vector>

#include "bare/testing/check_all_allocation_failures.hpp"
#include "bare/vec.hpp"

namespace {

using bare::alloc_errc;
using bare::alloc_error;
using bare::layout;
using bare::result;
using bare::testing::check_all_allocation_failures;
using bare::testing::failing_ref;
using ivec = bare::vec<int, failing_ref<>>;

constexpr layout raw_block{32, 8};
std::vector<void*> leaked;  // blocks the broken operations leaked on purpose

void free_leaked() {
  for (void* p : leaked) bare::global{}.deallocate(p, raw_block);
  leaked.clear();
}

// A vec with capacity exactly 1, holding {7}: the next push must allocate.
ivec one(failing_ref<> a) {
  ivec v(a);
  if (!v.try_reserve_exact(1) || !v.try_push_back(7)) std::abort();
  return v;
}

result<void> push_n(ivec& v, int n) {
  for (int i = 0; i < n; ++i) BARE_TRY(v.try_push_back(i));
  return {};
}

TEST(CheckAll, PassesACorrectOperation) {
  auto rep = check_all_allocation_failures(one, [](ivec& v) { return v.try_push_back(1); });
  EXPECT_TRUE(rep.ok);
  EXPECT_TRUE(static_cast<bool>(rep));
  EXPECT_EQ(rep.allocations, 1u);
  EXPECT_EQ(rep.failed_attempt, SIZE_MAX);
  EXPECT_EQ(rep.problem, nullptr);

  auto rep1 = check_all_allocation_failures([](failing_ref<> a) { return ivec::try_with_capacity(10, a); });
  EXPECT_TRUE(rep1.ok) << rep1.problem;
  EXPECT_EQ(rep1.allocations, 1u);
}

TEST(CheckAll, AnOperationWithoutAllocationsPassesTrivially) {
  auto rep = check_all_allocation_failures(one, [](ivec& v) {
    v.pop_back();
    return result<void>{};
  });
  EXPECT_TRUE(rep.ok);
  EXPECT_EQ(rep.allocations, 0u);
}

TEST(CheckAll, DetectsASwallowedFailure) {
  auto rep = check_all_allocation_failures(one, [](ivec& v) {
    (void)v.try_push_back(1);  // the error is dropped
    return result<void>{};
  });
  EXPECT_FALSE(rep.ok);
  EXPECT_EQ(rep.failed_attempt, 0u);
  EXPECT_STREQ(rep.problem, "an allocation failed but the operation succeeded");

  auto rep1 = check_all_allocation_failures([](failing_ref<> a) {
    ivec v(a);
    (void)v.try_push_back(1);
    return result<void>{};
  });
  EXPECT_FALSE(rep1.ok);
  EXPECT_EQ(rep1.failed_attempt, 0u);
  EXPECT_STREQ(rep1.problem, "an allocation failed but the operation succeeded");
}

TEST(CheckAll, DetectsALeakOnFailure) {
  // Allocates a scratch block, then grows the vec; on the vec's failure it forgets the block.
  auto rep = check_all_allocation_failures(one, [](ivec& v) -> result<void> {
    void* scratch = v.allocator().allocate(raw_block);
    if (scratch == nullptr) return bare::err(alloc_error{alloc_errc::out_of_memory, raw_block});
    auto r = v.try_push_back(1);
    if (!r) {
      leaked.push_back(scratch);  // the bug: not given back to the allocator
      return bare::err(r.error());
    }
    v.allocator().deallocate(scratch, raw_block);
    return {};
  });
  EXPECT_FALSE(rep.ok);
  EXPECT_EQ(rep.allocations, 2u);
  EXPECT_EQ(rep.failed_attempt, 1u);
  EXPECT_STREQ(rep.problem, "leak after failure");
  free_leaked();

  auto rep1 = check_all_allocation_failures([](failing_ref<> a) -> result<void> {
    void* p = a.allocate(raw_block);
    if (p == nullptr) return bare::err(alloc_error{});
    void* q = a.allocate(raw_block);
    if (q == nullptr) {
      leaked.push_back(p);
      return bare::err(alloc_error{});
    }
    a.deallocate(q, raw_block);
    a.deallocate(p, raw_block);
    return {};
  });
  EXPECT_FALSE(rep1.ok);
  EXPECT_EQ(rep1.failed_attempt, 1u);
  EXPECT_STREQ(rep1.problem, "leak after failure");
  free_leaked();
}

TEST(CheckAll, DetectsAStateChangeOnFailure) {
  // Four pushes onto {7} with capacity 1 grow twice (to 4, then 8): failing the second growth
  // leaves the first pushes in place.
  auto rep = check_all_allocation_failures(one, [](ivec& v) { return push_n(v, 4); });
  EXPECT_FALSE(rep.ok);
  EXPECT_EQ(rep.allocations, 2u);
  EXPECT_EQ(rep.failed_attempt, 1u);
  EXPECT_STREQ(rep.problem, "the state changed although the operation failed");
}

TEST(CheckAll, DetectsTheWrongErrorKind) {
  auto rep = check_all_allocation_failures(one, [](ivec& v) -> result<void> {
    if (!v.try_push_back(1)) return bare::err(alloc_error{alloc_errc::full, {}});
    return {};
  });
  EXPECT_FALSE(rep.ok);
  EXPECT_EQ(rep.failed_attempt, 0u);
  EXPECT_STREQ(rep.problem, "the error is not out_of_memory");
}

TEST(CheckAll, DetectsFailureWithoutInjection) {
  auto rep = check_all_allocation_failures(one, [](ivec&) -> result<void> { return bare::err(alloc_error{}); });
  EXPECT_FALSE(rep.ok);
  EXPECT_EQ(rep.failed_attempt, SIZE_MAX);
  EXPECT_STREQ(rep.problem, "the operation failed with no failure injected");
  auto rep1 = check_all_allocation_failures([](failing_ref<>) -> result<void> { return bare::err(alloc_error{}); });
  EXPECT_STREQ(rep1.problem, "the operation failed with no failure injected");
}

TEST(CheckAll, DetectsALeakWithoutInjection) {
  auto rep = check_all_allocation_failures(one, [](ivec& v) -> result<void> {
    void* p = v.allocator().allocate(raw_block);
    if (p == nullptr) return bare::err(alloc_error{});
    leaked.push_back(p);
    return {};
  });
  EXPECT_FALSE(rep.ok);
  EXPECT_EQ(rep.failed_attempt, SIZE_MAX);
  EXPECT_STREQ(rep.problem, "leak without failure injected");
  free_leaked();
}

TEST(CheckAll, DetectsANonDeterministicSetup) {
  static int counter = 0;
  auto rep = check_all_allocation_failures(
      [](failing_ref<> a) {
        ivec v = one(a);
        v[0] = counter++;
        return v;
      },
      [](ivec& v) { return v.try_push_back(1); });
  EXPECT_FALSE(rep.ok);
  EXPECT_EQ(rep.failed_attempt, 0u);
  EXPECT_STREQ(rep.problem, "setup is not deterministic (s != witness)");
}

TEST(CheckAll, BacksOntoTheGivenAllocator) {
  // Form 2 with an explicit backing allocator. (Form 1 with one, check_all_allocation_failures(
  // fn, backing), is ambiguous with form 2: see build.check_all_form1_with_backing.)
  auto rep = check_all_allocation_failures(
      one, [](ivec& v) { return v.try_reserve(10); }, bare::global{});
  EXPECT_TRUE(rep.ok);
  EXPECT_EQ(rep.allocations, 1u);
}

}  // namespace
