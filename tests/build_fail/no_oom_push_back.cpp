// build.no_oom_*: with -DBARE_NO_GLOBAL_OOM_HANDLING and -DPUSH=push_back this must not compile
// (the infallible API is not declared); with -DPUSH=try_push_back, or without
// BARE_NO_GLOBAL_OOM_HANDLING, it must. Compiled with -fsyntax-only (no allocator needed).
#include <bare/vec.hpp>

int f(bare::vec<int>& v) {
  (void)v.PUSH(1);
  return static_cast<int>(v.size());
}
