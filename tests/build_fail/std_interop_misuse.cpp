// build.std_interop_*: misuses of bare/std_interop.hpp that must not compile, each with the
// message that says why, beside a control that differs in one macro and must build:
//   -DSTATEFUL_BY_VALUE   std_allocator over a stateful allocator held by value without ==
//                         (copies could not tell whether they may free each other's memory);
//                         control: the same allocator by reference (-DBY_REFERENCE)
//   (no macro)            a std container over std_allocator, to be compiled with
//                         -fno-exceptions: with BARE_NO_GLOBAL_OOM_HANDLING a failed
//                         allocation has no way to be reported (no throw, no handler), so it
//                         must not compile; without that macro it calls handle_alloc_error.
#include <vector>

#include "bare/alloc/budget.hpp"
#include "bare/alloc/global.hpp"
#include "bare/std_interop.hpp"

#if defined(STATEFUL_BY_VALUE)
using alloc = bare::std_allocator<int, bare::budget<bare::global>>;
#elif defined(BY_REFERENCE)
using alloc = bare::std_allocator<int, bare::budget<bare::global>&>;
#else
using alloc = bare::std_allocator<int, bare::global>;
#endif

std::size_t grow(std::vector<int, alloc>& v) {
  v.push_back(1);
  return v.size();
}
