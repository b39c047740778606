// bare/testing/check_all_allocation_failures.hpp — fail every allocation of an operation in
// turn and check that each failure surfaced as an error, changed nothing and leaked nothing
// (Zig's checkAllAllocationFailures, plus the "changed nothing" half of the strong guarantee).
//
// Two forms; `alloc` below is a failing_ref<A> (a pointer-sized allocator handle):
//
//   // 1. The whole operation is one function returning a result:
//   auto rep = check_all_allocation_failures([](auto alloc) {
//     return bare::vec<int, decltype(alloc)>::try_with_capacity(10, alloc);
//   });
//
//   // 2. setup builds the state (its allocations never fail), op mutates it. After each
//   //    injected failure the state must compare equal (==) to a second, untouched setup():
//   auto rep = check_all_allocation_failures(
//       [](auto alloc) { auto v = bare::vec<int, decltype(alloc)>(alloc); ...; return v; },
//       [](auto& v) { return v.try_insert(v.begin(), 42); });
//
// The run: once without failures (the operation must succeed; its attempts are counted,
// n), then once for each k < n with attempt k failing. Rules checked each time: the operation
// returned an error of kind out_of_memory; (form 2) the state equals the witness; after
// everything was destroyed, no block is live. The report says which rule broke, and where.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "bare/alloc/error.hpp"
#include "bare/alloc/global.hpp"
#include "bare/testing/failing.hpp"

namespace bare::testing {

struct fault_report {
  bool ok = true;
  std::size_t allocations = 0;            // attempts counted in the failure-free run
  std::size_t failed_attempt = SIZE_MAX;  // the injected failure after which a rule broke
  const char* problem = nullptr;          // which rule broke
  constexpr explicit operator bool() const noexcept { return ok; }
};

namespace detail {
inline fault_report broken(fault_report r, std::size_t k, const char* what) noexcept {
  r.ok = false;
  r.failed_attempt = k;
  r.problem = what;
  return r;
}
}  // namespace detail

// Form 1. fn(failing_ref<A>) -> result<...>.
template <class Fn, allocator A = global>
fault_report check_all_allocation_failures(Fn&& fn, A backing = A()) noexcept {
  failing<A> f(static_cast<A&&>(backing));
  failing_ref<A> h(f);
  fault_report rep;
  {
    auto r = fn(h);
    if (!r) return detail::broken(rep, SIZE_MAX, "the operation failed with no failure injected");
  }
  if (f.live_blocks() != 0) return detail::broken(rep, SIZE_MAX, "leak without failure injected");
  rep.allocations = f.attempts();
  for (std::size_t k = 0; k < rep.allocations; ++k) {
    f.reset();
    f.fail_at(k);
    {
      auto r = fn(h);
      if (r) return detail::broken(rep, k, "an allocation failed but the operation succeeded");
      if (r.error().kind != alloc_errc::out_of_memory)
        return detail::broken(rep, k, "the error is not out_of_memory");
    }
    if (f.live_blocks() != 0 || f.live_bytes() != 0) return detail::broken(rep, k, "leak after failure");
  }
  return rep;
}

// Form 2. setup(failing_ref<A>) -> S (never fails: failures are injected in op only);
// op(S&) -> result<...>; S == S must be meaningful.
template <class Setup, class Op, allocator A = global>
  requires(!allocator<std::remove_cvref_t<Op>>)  // else (fn, backing) of form 1 is ambiguous
fault_report check_all_allocation_failures(Setup&& setup, Op&& op, A backing = A()) noexcept {
  failing<A> f(static_cast<A&&>(backing));
  failing_ref<A> h(f);
  fault_report rep;
  {
    auto s = setup(h);
    const std::size_t before = f.attempts();
    auto r = op(s);
    if (!r) return detail::broken(rep, SIZE_MAX, "the operation failed with no failure injected");
    rep.allocations = f.attempts() - before;
  }
  if (f.live_blocks() != 0) return detail::broken(rep, SIZE_MAX, "leak without failure injected");
  for (std::size_t k = 0; k < rep.allocations; ++k) {
    f.reset();
    {
      auto s = setup(h);
      auto witness = setup(h);
      if (!(s == witness)) return detail::broken(rep, k, "setup is not deterministic (s != witness)");
      f.fail_at(f.attempts() + k);
      {
        auto r = op(s);
        f.disarm();
        if (r) return detail::broken(rep, k, "an allocation failed but the operation succeeded");
        if (r.error().kind != alloc_errc::out_of_memory)
          return detail::broken(rep, k, "the error is not out_of_memory");
      }
      if (!(s == witness)) return detail::broken(rep, k, "the state changed although the operation failed");
    }
    if (f.live_blocks() != 0 || f.live_bytes() != 0) return detail::broken(rep, k, "leak after failure");
  }
  return rep;
}

}  // namespace bare::testing
