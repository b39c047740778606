// build.check_all_form1_with_backing: form 1 of check_all_allocation_failures with an explicit
// backing allocator, check_all_allocation_failures(fn, backing), must compile (it is declared
// for that: `template <class Fn, allocator A = global> ... (Fn&& fn, A backing = A())`).
#include <bare/alloc/malloc.hpp>
#include <bare/testing/check_all_allocation_failures.hpp>
#include <bare/vec.hpp>

bool f() {
  auto rep = bare::testing::check_all_allocation_failures(
      [](bare::testing::failing_ref<bare::malloc_allocator> a) {
        return bare::vec<int, bare::testing::failing_ref<bare::malloc_allocator>>::try_with_capacity(4, a);
      },
      bare::malloc_allocator{});
  return rep.ok;
}
