// Runs every group, then the handler tests (which end the program from inside a handler).
#include "bare/bare.hpp"  // every freestanding header must compile on every target
#include "bare/testing/check_all_allocation_failures.hpp"
#include "runner.hpp"

extern const ft::group result_group, vec_group, box_group, alloc_group, allocators_group, vec_deque_group;
extern const ft::group binary_heap_group, linked_list_group, intrusive_list_group;
extern const ft::group string_group;
extern const ft::group rc_group;
extern const ft::group btree_group;
extern const ft::group fixed_group;
extern const ft::group hash_group;
void run_handler_tests(int tests_so_far);  // handlers.cpp; does not return normally

namespace {
int g_failures = 0;
}

namespace ft {

void print(const char* s) {
  std::size_t n = 0;
  while (s[n] != '\0') ++n;
  bare_port_write(s, n);
}

void print_uint(unsigned long v) {
  char buf[24];
  int i = 23;
  buf[i] = '\0';
  do {
    buf[--i] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  print(buf + i);
}

void fail(const char* expr, const char* file, int line) {
  ++g_failures;
  print("FAIL ");
  print(file);
  print(":");
  print_uint(static_cast<unsigned long>(line));
  print(": ");
  print(expr);
  print("\n");
}

int failures() { return g_failures; }

}  // namespace ft

int main() {
  const ft::group* groups[] = {&result_group, &vec_group, &box_group, &alloc_group, &allocators_group,
                               &string_group, &vec_deque_group,
                               &binary_heap_group, &linked_list_group, &intrusive_list_group,
                               &rc_group, &btree_group, &hash_group, &fixed_group};
  int tests = 0;
  for (const ft::group* g : groups) {
    for (std::size_t i = 0; i < g->count; ++i) {
      const int before = g_failures;
      g->tests[i].fn();
      if (ft::tracked::live != 0 || ft::tracked::destroyed_twice != 0) {
        ft::fail("tracked instances balanced after the test", g->tests[i].name, 0);
        ft::tracked::live = 0;
        ft::tracked::destroyed_twice = 0;
      }
      if (g_failures != before) {
        ft::print("  in test ");
        ft::print(g->tests[i].name);
        ft::print("\n");
      }
      ++tests;
    }
  }
  run_handler_tests(tests);
  return g_failures;  // only reached if a handler test failed to end the run
}
