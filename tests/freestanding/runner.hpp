// The freestanding conformance runner: no GoogleTest, no libc. Prints each failure through the
// target's bare_port_write and ends with "conformance: tests=N failures=M"; main returns M.
#pragma once

#include <cstddef>

#include "port.h"

namespace ft {

void print(const char* s);
void print_uint(unsigned long v);
void fail(const char* expr, const char* file, int line);
int failures();

struct test {
  const char* name;
  void (*fn)();
};
struct group {
  const test* tests;
  std::size_t count;
};

// Instance counting element type: leaks and double destruction are detected.
struct tracked {
  static inline int live = 0;
  static inline int destroyed_twice = 0;
  int value;
  unsigned magic;
  explicit tracked(int v = 0) : value(v), magic(0x7E57u) { ++live; }
  tracked(const tracked& o) : value(o.value), magic(0x7E57u) { ++live; }
  tracked(tracked&& o) noexcept : value(o.value), magic(0x7E57u) {
    o.value = -1;
    ++live;
  }
  tracked& operator=(const tracked& o) {
    value = o.value;
    return *this;
  }
  tracked& operator=(tracked&& o) noexcept {
    value = o.value;
    o.value = -1;
    return *this;
  }
  ~tracked() {
    if (magic != 0x7E57u) ++destroyed_twice;
    magic = 0xDEADu;
    --live;
  }
  friend bool operator==(const tracked& a, const tracked& b) { return a.value == b.value; }
};

}  // namespace ft

#define FT_CHECK(c)                                  \
  do {                                               \
    if (!(c)) ::ft::fail(#c, __FILE__, __LINE__);    \
  } while (0)

#define FT_GROUP(name, ...)                                              \
  static const ::ft::test name##_tests_[] = {__VA_ARGS__};               \
  extern const ::ft::group name##_group;                                 \
  const ::ft::group name##_group = {name##_tests_, sizeof(name##_tests_) / sizeof(name##_tests_[0])}

#define FT_TEST(fn) ::ft::test { #fn, fn }
