// Seeded, replayable randomness for the host tests.
//
// Every randomized test takes its generator from test_rng(), seeded with test_seed(): the run's
// base seed (the environment variable BARE_TEST_SEED, decimal, or a fixed default) mixed with
// the test's full name, so each test has its own stream and a failure replays exactly:
//
//   BARE_TEST_SEED=12345 ./bare_model_tests --gtest_filter='VecModel.*'
//
// The runner (support/main.cpp) prints the base seed with every failing test.
#pragma once

#include <cstdint>

namespace bare_test {

// xoshiro256** seeded through splitmix64 (Vigna). Deterministic on every platform.
class rng {
 public:
  explicit rng(std::uint64_t seed) noexcept {
    for (auto& w : s_) w = splitmix64(seed);
  }
  std::uint64_t next() noexcept {
    const std::uint64_t out = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return out;
  }
  // In [0, n); n > 0. (Modulo: the bias is irrelevant for tests.)
  std::uint64_t below(std::uint64_t n) noexcept { return next() % n; }
  // Uniform in [lo, hi].
  int between(int lo, int hi) noexcept {
    return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo) + 1));
  }
  // True with probability percent / 100.
  bool chance(unsigned percent) noexcept { return below(100) < percent; }

  static std::uint64_t splitmix64(std::uint64_t& x) noexcept {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

// The run's base seed: BARE_TEST_SEED if set (decimal), else a fixed default.
std::uint64_t base_seed();
// base_seed() mixed with the current test's full name (stable across runs and filters).
std::uint64_t test_seed();
inline rng test_rng() { return rng(test_seed()); }

}  // namespace bare_test
