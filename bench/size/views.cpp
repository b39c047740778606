// The capacity-erased view's size claim (issue 9): a firmware that uses fixed_vec<int, 8>,
// fixed_vec<int, 16> and fixed_vec<int, 32> through one vec_view function has one copy of
// that function's code. Built by bench/size/views.sh for Cortex-M4, -Os, bare's start-up
// (no libc, and no global allocator: the program uses only allocation-free collections),
// run in QEMU, and inspected with arm-none-eabi-nm --size-sort.
//
// -DBARE_SIZE_VIEWS_TEMPLATE builds the same work as a function template over N instead, for
// comparison: one instance per capacity.
#include <cstddef>

#include "bare/fixed_vec.hpp"
#include "bare/vec_view.hpp"

namespace {

volatile int g_seed = 7;  // not folded away

#ifdef BARE_SIZE_VIEWS_TEMPLATE
template <std::size_t N>
__attribute__((noinline)) int collect_readings(bare::fixed_vec<int, N>& out)
#else
__attribute__((noinline)) int collect_readings(bare::vec_view<int> out)
#endif
{
  int x = g_seed;
  while (out.try_push_back(x)) x = x * 1103515245 + 12345;  // until full
  out.retain([](int v) { return (v & 1) == 0; });
  if (!out.try_insert(out.begin(), -1)) out.front() = -1;
  int sum = 0;
  for (int v : out) sum += v & 0xff;
  return sum + static_cast<int>(out.size());
}

}  // namespace

int main() {
  bare::fixed_vec<int, 8> a;
  bare::fixed_vec<int, 16> b;
  bare::fixed_vec<int, 32> c;
  const int s = collect_readings(a) + collect_readings(b) + collect_readings(c);
  return (s > 0 && a.front() == -1 && b.front() == -1 && c.front() == -1) ? 0 : 1;
}
