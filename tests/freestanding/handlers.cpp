// The handler tests run last: a panic or an allocation-error handler must not return, so
// each one continues the run from inside the handler and the last one ends the program.
#include "bare/vec.hpp"
#include "runner.hpp"

namespace {

int g_tests = 0;

struct always_fails {
  void* allocate(bare::layout) noexcept { return nullptr; }
  void deallocate(void*, bare::layout) noexcept {}
};

bool contains(const char* hay, const char* needle) {
  for (; *hay != '\0'; ++hay) {
    std::size_t i = 0;
    while (needle[i] != '\0' && hay[i] == needle[i]) ++i;
    if (needle[i] == '\0') return true;
  }
  return false;
}

[[noreturn]] void finish() {
  ft::print("conformance: tests=");
  ft::print_uint(static_cast<unsigned long>(g_tests));
  ft::print(" failures=");
  ft::print_uint(static_cast<unsigned long>(ft::failures()));
  ft::print("\n");
  bare_port_exit(ft::failures());
}

void on_alloc_error(bare::alloc_error e) {
  FT_CHECK(e.kind == bare::alloc_errc::out_of_memory);
  FT_CHECK(e.request.size == 4 * sizeof(int) && e.request.align == alignof(int));
  finish();
}

[[noreturn]] void alloc_error_phase() {
  ++g_tests;
  bare::set_alloc_error_handler(on_alloc_error);
  bare::vec<int, always_fails> v;
  v.push_back(1);  // calls on_alloc_error, which ends the run
  FT_CHECK(!"handle_alloc_error returned to push_back");
  finish();
}

void on_panic(const char* msg, bare::source_loc where) {
  FT_CHECK(contains(msg, "index out of range"));
  FT_CHECK(where.line > 0 && where.file != nullptr && contains(where.file, "handlers.cpp"));
  alloc_error_phase();
}

}  // namespace

void run_handler_tests(int tests_so_far) {
  g_tests = tests_so_far + 1;
  bare::set_panic_handler(on_panic);
  bare::vec<int> v;
  v.push_back(1);
  int x = v.at(3);  // panics: on_panic continues with the next phase
  FT_CHECK(!"panic returned to the caller");
  (void)x;
  alloc_error_phase();
}
