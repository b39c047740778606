// Test support for the host suites: element types, seeded RNG, the global heap's counters.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "bare/config.hpp"

namespace bt {

// Counts live instances; a double destruction or use of a destroyed object is detected.
struct counted {
  static inline long live = 0;
  static inline long errors = 0;  // double destruction, use after destruction
  int v;
  std::uint32_t magic = 0xC0FFEEu;
  counted(int x = 0) : v(x) { ++live; }  // NOLINT: implicit, to build from ints
  counted(const counted& o) : v(o.v) {
    o.check();
    ++live;
  }
  counted(counted&& o) noexcept : v(o.v) {
    o.check();
    o.v = -1;
    ++live;
  }
  counted& operator=(const counted& o) {
    check();
    o.check();
    v = o.v;
    return *this;
  }
  counted& operator=(counted&& o) noexcept {
    check();
    o.check();
    v = o.v;
    o.v = -1;
    return *this;
  }
  ~counted() {
    check();
    magic = 0xDEADu;
    --live;
  }
  void check() const {
    if (magic != 0xC0FFEEu) ++errors;
  }
  friend bool operator==(const counted& a, const counted& b) { return a.v == b.v; }
  friend auto operator<=>(const counted& a, const counted& b) { return a.v <=> b.v; }
};

// Move-only.
struct move_only {
  int v;
  move_only(int x = 0) : v(x) {}  // NOLINT
  move_only(const move_only&) = delete;
  move_only& operator=(const move_only&) = delete;
  move_only(move_only&& o) noexcept : v(o.v) { o.v = -1; }
  move_only& operator=(move_only&& o) noexcept {
    v = o.v;
    o.v = -1;
    return *this;
  }
  friend bool operator==(const move_only& a, const move_only& b) { return a.v == b.v; }
  friend auto operator<=>(const move_only& a, const move_only& b) { return a.v <=> b.v; }
};

// Over-aligned.
struct alignas(64) wide {
  int v;
  wide(int x = 0) : v(x) {}  // NOLINT
  friend bool operator==(const wide& a, const wide& b) { return a.v == b.v; }
  friend auto operator<=>(const wide& a, const wide& b) { return a.v <=> b.v; }
};

template <class T>
int value_of(const T& x) {
  if constexpr (std::is_same_v<T, int>) return x;
  else return x.v;
}

// splitmix64: small, fast, replayable.
struct rng {
  std::uint64_t s;
  explicit rng(std::uint64_t seed) : s(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return n ? static_cast<std::size_t>(next() % n) : 0; }
};

// The seed of randomized tests: BARE_TEST_SEED or the given default. Print it on failure.
inline std::uint64_t seed(std::uint64_t fallback) {
  const char* e = std::getenv("BARE_TEST_SEED");
  return e ? std::strtoull(e, nullptr, 10) : fallback;
}

// Live blocks of the test program's global allocator (malloc underneath).
std::size_t global_live_blocks();
std::size_t global_calls();

}  // namespace bt
