// Helpers shared by the rc / arc tests: the two pointer families under one interface (so one
// typed test covers rc and arc through their public names), and a few element types.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include "bare/arc.hpp"
#include "bare/rc.hpp"
#include "support/tracked.hpp"

namespace bare_test {

// fam::ptr<T, A>, fam::weak<T, A>, fam::try_make<T, A>(...), fam::try_make_in<T>(a, ...),
// fam::try_make_for_overwrite<T, A>(...) and (with OOM handling) the same without try_, each
// forwarding to bare::NAME, bare::NAME_weak, bare::try_make_NAME, ...
#if BARE_OOM_HANDLING
#define BARE_TEST_RC_INFALLIBLE(NAME)                                                         \
  template <class T, class A = bare::global, class... X>                                       \
  static auto make(X&&... x) {                                                                 \
    return bare::make_##NAME<T, A>(std::forward<X>(x)...);                                     \
  }                                                                                            \
  template <class T, class A, class... X>                                                      \
  static auto make_in(A a, X&&... x) {                                                         \
    return bare::make_##NAME##_in<T>(a, std::forward<X>(x)...);                                \
  }                                                                                            \
  template <class T, class A = bare::global, class... X>                                       \
  static auto make_for_overwrite(X&&... x) {                                                   \
    return bare::make_##NAME##_for_overwrite<T, A>(std::forward<X>(x)...);                     \
  }
#else
#define BARE_TEST_RC_INFALLIBLE(NAME)
#endif

#define BARE_TEST_RC_FAMILY(NAME)                                                              \
  struct NAME##_family {                                                                       \
    static constexpr const char* name = #NAME;                                                 \
    template <class T, class A = bare::global>                                                 \
    using ptr = bare::NAME<T, A>;                                                              \
    template <class T, class A = bare::global>                                                 \
    using weak = bare::NAME##_weak<T, A>;                                                      \
    template <class T, class A = bare::global, class... X>                                     \
    static auto try_make(X&&... x) {                                                           \
      return bare::try_make_##NAME<T, A>(std::forward<X>(x)...);                              \
    }                                                                                          \
    template <class T, class A, class... X>                                                    \
    static auto try_make_in(A a, X&&... x) {                                                   \
      return bare::try_make_##NAME##_in<T>(a, std::forward<X>(x)...);                         \
    }                                                                                          \
    template <class T, class A = bare::global, class... X>                                     \
    static auto try_make_for_overwrite(X&&... x) {                                             \
      return bare::try_make_##NAME##_for_overwrite<T, A>(std::forward<X>(x)...);              \
    }                                                                                          \
    BARE_TEST_RC_INFALLIBLE(NAME)                                                              \
  }

BARE_TEST_RC_FAMILY(rc);
BARE_TEST_RC_FAMILY(arc);

// A typed-test parameter: a family and an element type.
template <class Fam, class T>
struct rc_param {
  using fam = Fam;
  using type = T;
};

// Live instances of T, for the types that count them (-1 otherwise).
template <class T>
long live_of() {
  if constexpr (std::is_same_v<T, counted>) return counted::live;
  else if constexpr (std::is_same_v<T, move_only>) return move_only::live;
  else return -1;
}

// The counts of a non-null pointer (the library's test hook), to drive the overflow checks.
template <class P>
bare::detail::rc_counts& counts_of(const P& p) {
  return bare::detail::rc_access::counts(p);
}

// Counts its destructions (a value that must be destroyed exactly once).
struct probe {
  static inline int destroyed = 0;
  int v = 0;
  probe() = default;
  explicit probe(int x) : v(x) {}
  probe(const probe&) = default;
  probe& operator=(const probe&) = default;
  ~probe() { ++destroyed; }
  friend bool operator==(const probe& a, const probe& b) { return a.v == b.v; }
};

}  // namespace bare_test
