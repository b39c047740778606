// The groups of control bytes (detail/hash/group*.hpp): the portable SWAR group (64- and
// 32-bit words) against a scalar reference and against the SSE2 group, bit for bit, on random
// control bytes (biased towards the special values and towards the byte searched for), and
// the bitmask operations the table relies on.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>

#include "bare/detail/hash/group.hpp"
#include "bare/detail/hash/raw.hpp"
#include "support/rng.hpp"

#if defined(__SSE2__)
#include "bare/detail/hash/group_sse2.hpp"
#endif

namespace {

namespace dh = bare::detail::hash;

// The reference: bit i (i < 15) set iff byte i satisfies pred.
template <class Pred>
std::uint32_t reference(const std::uint8_t* b, Pred pred) {
  std::uint32_t m = 0;
  for (unsigned i = 0; i < 15; ++i)
    if (pred(b[i])) m |= 1u << i;
  return m;
}

struct bytes16 {
  alignas(16) std::uint8_t b[16];
};

bytes16 random_group(bare_test::rng& r, std::uint8_t probe) {
  bytes16 g{};
  for (auto& x : g.b) {
    switch (r.below(5)) {
      case 0: x = 0; break;
      case 1: x = 1; break;
      case 2: x = probe; break;
      case 3: x = static_cast<std::uint8_t>(probe ^ (1u << r.below(8))); break;  // one bit off
      default: x = static_cast<std::uint8_t>(r.next());
    }
  }
  return g;
}

template <class G>
void expect_matches_reference(int rounds) {
  bare_test::rng r(bare_test::test_seed());
  for (int i = 0; i < rounds; ++i) {
    const auto probe = static_cast<std::uint8_t>(r.next());
    const bytes16 g = random_group(r, probe);
    const G grp = G::load(g.b);
    ASSERT_EQ(grp.match(probe).slots(), reference(g.b, [&](std::uint8_t x) { return x == probe; }))
        << "round " << i << " probe " << int(probe);
    ASSERT_EQ(grp.match_empty().slots(), reference(g.b, [](std::uint8_t x) { return x == 0; }));
    ASSERT_EQ(grp.match_occupied().slots(), reference(g.b, [](std::uint8_t x) { return x != 0; }));
    // Every special byte value, including 0x00, 0x80 and 0xFF next to their neighbours.
    for (unsigned v : {0u, 1u, 2u, 0x7Fu, 0x80u, 0x81u, 0xFEu, 0xFFu})
      ASSERT_EQ(grp.match(static_cast<std::uint8_t>(v)).slots(),
                reference(g.b, [&](std::uint8_t x) { return x == v; }));
  }
}

TEST(HashGroup, SwarWordsMatchTheReference) {
  expect_matches_reference<dh::group_swar<std::uint64_t>>(20000);
  expect_matches_reference<dh::group_swar<std::uint32_t>>(20000);
}

TEST(HashGroup, TheSelectedGroupMatchesTheReference) {
  expect_matches_reference<dh::group>(20000);
  std::printf("[   info   ] hash group: %s\n", BARE_HASH_GROUP_NAME);
}

#if defined(__SSE2__)
TEST(HashGroup, SwarEqualsSse2BitForBit) {
  bare_test::rng r(bare_test::test_seed());
  for (int i = 0; i < 50000; ++i) {
    const auto probe = static_cast<std::uint8_t>(r.next());
    const bytes16 g = random_group(r, probe);
    const auto s = dh::group_sse2::load(g.b);
    const auto w64 = dh::group_swar<std::uint64_t>::load(g.b);
    const auto w32 = dh::group_swar<std::uint32_t>::load(g.b);
    ASSERT_EQ(w64.match(probe).bits, s.match(probe).bits);
    ASSERT_EQ(w32.match(probe).bits, s.match(probe).bits);
    ASSERT_EQ(w64.match_empty().bits, s.match_empty().bits);
    ASSERT_EQ(w32.match_empty().bits, s.match_empty().bits);
    ASSERT_EQ(w64.match_occupied().bits, s.match_occupied().bits);
    ASSERT_EQ(w32.match_occupied().bits, s.match_occupied().bits);
  }
}
#endif

TEST(HashGroup, BitmaskOperations) {
  using M = dh::bitmask<std::uint32_t, 0>;
  M m{0b101000100101u};
  EXPECT_EQ(m.lowest(), 0u);
  m.clear_lowest();
  EXPECT_EQ(m.lowest(), 2u);
  EXPECT_EQ(m.after(2).lowest(), 5u);
  EXPECT_FALSE(m.after(11));
  EXPECT_EQ(m.without(2).lowest(), 5u);
  EXPECT_EQ((M{1u} | M{4u}).bits, 5u);
  // The NEON representation: one bit (the top of a nibble) per slot.
  using N = dh::bitmask<std::uint64_t, 2>;
  N n{(1ull << (4 * 3 + 3)) | (1ull << (4 * 14 + 3))};
  EXPECT_EQ(n.lowest(), 3u);
  EXPECT_EQ(n.after(3).lowest(), 14u);
  EXPECT_EQ(n.without(3).lowest(), 14u);
  EXPECT_EQ(n.slots(), (1u << 3) | (1u << 14));
  EXPECT_FALSE(n.after(14));
}

TEST(HashGroup, ControlBytesAndLoads) {
  // h2 is never empty (0) or the sentinel (1); the overflow bit is one bit.
  for (unsigned top = 0; top < 256; ++top) {
    const std::size_t h = static_cast<std::size_t>(top) << (dh::size_bits - 8);
    EXPECT_GE(dh::h2_of(h), 2u);
    EXPECT_EQ(__builtin_popcount(dh::overflow_bit_of(h | 0x123456)), 1);
  }
  EXPECT_EQ(dh::h2_of(std::size_t(0xAB) << (dh::size_bits - 8)), 0xAB);
  // Slot index <-> control byte: 15 slots per 16 bytes.
  EXPECT_EQ(dh::ctrl_index(0), 0u);
  EXPECT_EQ(dh::ctrl_index(14), 14u);
  EXPECT_EQ(dh::ctrl_index(15), 16u);
  EXPECT_EQ(dh::ctrl_index(31), 33u);
  EXPECT_EQ(dh::max_load(1), 13u);
  EXPECT_EQ(dh::max_load(2), 26u);
  EXPECT_EQ(dh::capacity_of(0), 0u);
  EXPECT_EQ(dh::groups_for(1, bare::layout{8, 8}), 1u);
  EXPECT_EQ(dh::groups_for(14, bare::layout{8, 8}), 2u);
  EXPECT_EQ(dh::groups_for(SIZE_MAX / 2, bare::layout{8, 8}), 0u);
  // The empty table's group: all empty but the sentinel.
  const auto g = dh::group::load(dh::empty_ctrl);
  EXPECT_EQ(g.match_occupied().slots(), 1u << 14);
}

}  // namespace
