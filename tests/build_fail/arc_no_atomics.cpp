// build.arc_*: on a target without pointer-width atomic read-modify-write (Cortex-M0), using
// arc must not compile, with a message that says why and what to do; with
// -DBARE_ATOMICS_VIA_CRITICAL_SECTION it compiles (the program then provides the hooks, at link
// time). On Cortex-M4 it compiles as it is. rc compiles everywhere.
#include <bare/arc.hpp>
#include <bare/rc.hpp>

int use_arc() {
  auto a = bare::try_make_arc<int>(1);
  if (!a) return 0;
  bare::arc<int> b = *a;
  return *b + static_cast<int>(b.strong_count());
}

int use_rc() {
  auto r = bare::try_make_rc<int>(2);
  return r ? **r : 0;
}
