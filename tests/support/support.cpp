// Out-of-line parts of the test support: seeds and the exiting handlers.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <gtest/gtest.h>

#include "support/death.hpp"
#include "support/rng.hpp"

namespace bare_test {

std::uint64_t base_seed() {
  static const std::uint64_t seed = [] {
    const char* e = std::getenv("BARE_TEST_SEED");
    return e != nullptr && *e != '\0' ? std::strtoull(e, nullptr, 10) : std::uint64_t{20261125};
  }();
  return seed;
}

std::uint64_t test_seed() {
  std::uint64_t h = base_seed();
  if (const ::testing::TestInfo* t = ::testing::UnitTest::GetInstance()->current_test_info()) {
    // FNV-1a of "Suite.Name", folded into the base seed.
    std::uint64_t f = 0xCBF29CE484222325ull;
    const std::string name = std::string(t->test_suite_name()) + "." + t->name();
    for (unsigned char c : name) f = (f ^ c) * 0x100000001B3ull;
    h ^= rng::splitmix64(f);
  }
  return h;
}

void exiting_panic_handler(const char* msg, bare::source_loc where) {
  std::fprintf(stderr, "bare panic: %s @ %s:%u;\n", msg, where.file ? where.file : "?", where.line);
  std::fflush(stderr);
  std::_Exit(panic_exit);
}

std::string panic_regex(const std::string& msg_regex, const char* file, unsigned line) {
  const char* base = std::strrchr(file, '/');
  std::string b = base ? base + 1 : file;
  std::string escaped;
  for (char c : b) {
    if (std::strchr(".[]()*+?{}|^$\\", c)) escaped += '\\';
    escaped += c;
  }
  return "bare panic: .*" + msg_regex + " @ .*" + escaped + ":" + std::to_string(line) + ";";
}

#if BARE_OOM_HANDLING
void exiting_alloc_error_handler(bare::alloc_error e) {
  std::fprintf(stderr, "bare alloc error: %s size=%zu align=%zu;\n", bare::to_string(e.kind), e.request.size,
               e.request.align);
  std::fflush(stderr);
  std::_Exit(alloc_error_exit);
}
#endif

}  // namespace bare_test
