// bench/model/hash_spread.cpp — how evenly bare's keyed integer hash (default_hasher and
// fixed_seed_hasher: one folded multiply) spreads structured keys over a hash_map's groups,
// seed by seed. No timing: for 2^17 groups (15 slots each) filled to the maximum load 7/8, it
// counts per key
//   overflow   the elements beyond 15 in their home group (low hash bits), which a table must
//              place in a later group: each costs its lookups a second group;
//   same_h2    the other keys of the home group with the same tag (top hash byte): each is a
//              false match that a lookup must compare;
// for random keys and for four structured sets (consecutive integers, byte-reversed
// consecutive integers, addresses 16 bytes apart, addresses 4 KiB apart), over 24 seeds.
// Random keys give the expected values for a perfect hash (overflow about 0.055, same_h2
// about 0.051); the question is how far the worst seed strays on structured keys.
//
//   g++ -std=c++20 -O2 -Iinclude bench/model/hash_spread.cpp -o /tmp/hash_spread && /tmp/hash_spread
//
// Measured (2026-11-26): every set's mean is at or below random's, but the worst of the 24
// seeds is not: overflow 0.23 on byte-reversed keys and 0.21 on 4 KiB-apart addresses (4x
// random), same_h2 0.18 and 0.26 (3.5x and 5x). A multiply's low product bits see only the low input
// bits, so keys whose low bits are all alike take their home from the high product half,
// whose spread depends on the multiplier. Finishing the hash with h ^ (h >> 16) ^ (h >> 32)
// brings every worst case to within 10% of random, but cost 13-17% on every lookup of u64
// keys (10^3 to 10^6, in one process), so it is not applied: see bare/hash.hpp.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "bare/hash.hpp"

BARE_HASH_SEED(1);  // (unused: the model hashes with fixed_seed_hasher of chosen seeds)

namespace {

using u64 = std::uint64_t;

constexpr unsigned group_bits = 17;
constexpr std::size_t groups = std::size_t{1} << group_bits;
constexpr std::size_t keys = groups * 15 * 7 / 8;

enum class key_set { random, consecutive, byte_reversed, apart_16, apart_4096 };
constexpr const char* names[] = {"random", "consecutive", "byte-reversed", "16 bytes apart", "4 KiB apart"};

u64 key(key_set s, std::size_t i, u64& state) {
  switch (s) {
    case key_set::random:
      state += 0x9E3779B97F4A7C15ull;  // splitmix64
      {
        u64 z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
      }
    case key_set::consecutive: return i + 1;
    case key_set::byte_reversed: return __builtin_bswap64(i + 1);
    case key_set::apart_16: return 0x7F0000001000ull + 16 * i;
    case key_set::apart_4096: return 0x7F0000000000ull + 4096 * i;
  }
  return 0;
}

struct spread {
  double overflow = 0, same_h2 = 0;
};

spread measure(key_set s, u64 seed) {
  const bare::fixed_seed_hasher h(seed);
  std::vector<unsigned> in_group(groups, 0), with_tag(groups * 256, 0);
  u64 state = seed;
  for (std::size_t i = 0; i < keys; ++i) {
    const u64 v = h(key(s, i, state));
    const std::size_t g = v & (groups - 1);
    ++in_group[g];
    ++with_tag[g * 256 + (v >> 56)];
  }
  spread out;
  for (unsigned c : in_group) out.overflow += c > 15 ? c - 15 : 0;
  for (unsigned c : with_tag) out.same_h2 += static_cast<double>(c) * (c > 0 ? c - 1 : 0);
  out.overflow /= keys;
  out.same_h2 /= keys;
  return out;
}

}  // namespace

int main() {
  constexpr int seeds = 24;
  std::printf("%-15s %22s %22s\n", "keys", "overflow mean / worst", "same_h2 mean / worst");
  for (int s = 0; s < 5; ++s) {
    spread mean, worst;
    for (int k = 1; k <= seeds; ++k) {
      const spread r = measure(static_cast<key_set>(s), static_cast<u64>(k) * 0x9E3779B97F4A7C15ull);
      mean.overflow += r.overflow / seeds;
      mean.same_h2 += r.same_h2 / seeds;
      worst.overflow = std::max(worst.overflow, r.overflow);
      worst.same_h2 = std::max(worst.same_h2, r.same_h2);
    }
    std::printf("%-15s %10.4f / %-9.4f %10.4f / %-9.4f\n", names[s], mean.overflow, worst.overflow, mean.same_h2,
                worst.same_h2);
  }
  return 0;
}
