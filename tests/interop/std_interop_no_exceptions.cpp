// std_interop.no_exceptions.*: bare/std_interop.hpp in a hosted program built with
// -fno-exceptions (and BARE_OOM_HANDLING). The adapters cannot throw std::bad_alloc there, so a
// failed allocation goes to bare::handle_alloc_error, as bare's infallible API does. The
// handler installed below prints what it was told and ends the program with status 0; running
// off the end of main (the allocation never failed) or any other path exits 1.
//   std_interop_no_exceptions vector   std::vector over std_allocator on a 1 KiB region
//   std_interop_no_exceptions pmr      std::pmr::vector over memory_resource_adapter
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory_resource>
#include <vector>

#include "bare/alloc/region.hpp"
#include "bare/std_interop.hpp"

#if defined(__cpp_exceptions)
#error "build this test with -fno-exceptions"
#endif

namespace {

alignas(16) unsigned char g_bytes[1024];
bare::region_allocator g_heap;
const char* g_case = "";

[[noreturn]] void on_alloc_error(bare::alloc_error e) {
  std::printf("%s: handle_alloc_error(%s, %zu bytes, align %zu)\n", g_case, bare::to_string(e.kind),
              e.request.size, e.request.align);
  std::fflush(stdout);
  std::_Exit(e.kind == bare::alloc_errc::out_of_memory && e.request.size > 0 ? 0 : 1);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 || !g_heap.init(g_bytes, sizeof g_bytes)) return 2;
  g_case = argv[1];
  bare::set_alloc_error_handler(on_alloc_error);
  if (std::strcmp(g_case, "vector") == 0) {
    std::vector<int, bare::std_allocator<int, bare::region_allocator&>> v(g_heap);
    for (int i = 0; i < 100000; ++i) v.push_back(i);
  } else if (std::strcmp(g_case, "pmr") == 0) {
    bare::memory_resource_adapter<bare::region_allocator&> res(g_heap);
    std::pmr::vector<int> v(&res);
    for (int i = 0; i < 100000; ++i) v.push_back(i);
  } else {
    return 2;
  }
  std::printf("%s: the allocation never failed\n", g_case);
  return 1;
}
