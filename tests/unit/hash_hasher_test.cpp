// The hashing policy (bare/hash.hpp): the protocol's built-in types and a user type, equal
// values hashing alike across types that are looked up by one another, the seed hook, and
// the quality of the default function: avalanche on integers and short strings, and an even
// spread of sequential, strided and high-bit-only integer keys over the table's bits.
#include <gtest/gtest.h>

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "bare/arc.hpp"
#include "bare/hash.hpp"
#include "bare/rc.hpp"
#include "bare/str.hpp"
#include "bare/string.hpp"
#include "support/rng.hpp"

namespace user {
struct point {
  int x, y;
  friend bool operator==(const point&, const point&) = default;
};
void hash_append(bare::hash_state& h, const point& p) noexcept {
  h.add(p.x);
  h.add(p.y);
}
enum class color : std::uint8_t { red, green };
}  // namespace user

namespace {

using u64 = std::uint64_t;
const bare::fixed_seed_hasher H;

TEST(HashProtocol, IntegersHashByValueAcrossWidths) {
  EXPECT_EQ(H(std::uint8_t{200}), H(200));
  EXPECT_EQ(H(std::int16_t{-5}), H(-5LL));
  EXPECT_EQ(H(7u), H(u64{7}));
  EXPECT_NE(H(1), H(2));
  EXPECT_EQ(H(true), H(1));
  EXPECT_EQ(H('a'), H(97));
  EXPECT_EQ(H(user::color::green), H(1));
  int x = 0;
  EXPECT_EQ(H(&x), H(reinterpret_cast<std::uintptr_t>(&x)));
  EXPECT_EQ(H(nullptr), H(0));
}

TEST(HashProtocol, StringsCompositesAndUserTypes) {
  auto s = bare::string<>::try_from(bare::str("hello"));
  ASSERT_TRUE(s);
  EXPECT_EQ(H(*s), H(bare::str("hello")));
  EXPECT_NE(H(bare::str("hello")), H(bare::str("hellp")));
  EXPECT_NE(H(bare::str("")), H(bare::str("a")));
  // The length is hashed: pieces that concatenate alike differ.
  EXPECT_NE(H(std::pair<bare::str, bare::str>(bare::str("ab"), bare::str("c"))),
            H(std::pair<bare::str, bare::str>(bare::str("a"), bare::str("bc"))));
  EXPECT_EQ(H(std::pair<int, int>(1, 2)), H(user::point{1, 2}));
  EXPECT_NE(H(user::point{1, 2}), H(user::point{2, 1}));
  EXPECT_EQ(H(std::array<int, 2>{1, 2}), H(std::pair<int, int>(1, 2)));
  static_assert(bare::hashable<user::point>);
  static_assert(!bare::hashable<std::vector<int>>);
  static_assert(std::is_same_v<bare::hash_family_t<bare::string<>>, bare::str>);
}

TEST(HashProtocol, RcHashesItsValueLikeRust) {
  auto a = bare::try_make_rc<int>(42);
  auto b = bare::try_make_rc<int>(42);
  ASSERT_TRUE(a && b);
  EXPECT_TRUE(*a == *b);  // distinct blocks, equal values
  EXPECT_EQ(H(*a), H(*b));
  EXPECT_EQ(H(*a), H(42));
  auto c = bare::try_make_arc<int>(42);
  ASSERT_TRUE(c);
  EXPECT_EQ(H(*c), H(42));
  EXPECT_EQ(H(bare::rc<int>()), H(0));
  static_assert(!bare::hashable<bare::rc_weak<int>>);
}

TEST(HashProtocol, LongStringsUseEveryByte) {
  std::string text(1000, 'x');
  for (std::size_t i = 0; i < text.size(); ++i) text[i] = static_cast<char>('a' + i % 26);
  const auto whole = [&](const std::string& t) { return H(bare::str::from_utf8_unchecked(t.data(), t.size())); };
  const u64 h0 = whole(text);
  for (std::size_t len : {17u, 31u, 32u, 33u, 64u, 65u, 100u, 999u}) {
    const std::string part = text.substr(0, len);
    for (std::size_t i = 0; i < len; ++i) {
      std::string t = part;
      t[i] = static_cast<char>(t[i] ^ 1);
      ASSERT_NE(whole(t), whole(part)) << "length " << len << " byte " << i;
    }
  }
  EXPECT_EQ(whole(text), h0);
}

TEST(HashPolicy, SeedsKeyTheFunction) {
  EXPECT_NE(bare::fixed_seed_hasher(1)(5), bare::fixed_seed_hasher(2)(5));
  EXPECT_NE(bare::fixed_seed_hasher(0)(5), bare::fixed_seed_hasher(1)(5));
  EXPECT_EQ(bare::fixed_seed_hasher(9)(5), bare::fixed_seed_hasher(9)(5));
  // Weak seeds still give odd, well-spread multipliers.
  for (u64 seed : {0ull, 1ull, 2ull, ~0ull}) {
    const auto k = bare::detail::hashing::derive_keys(seed);
    EXPECT_EQ(k.mul & 1, 1u);
    EXPECT_GT(std::popcount(k.mul), 16);
    EXPECT_LT(std::popcount(k.mul), 48);
  }
  // The program's seed (tests/support/global_heap.cpp) keys default_hasher.
  EXPECT_TRUE(bare::default_hasher() == bare::fixed_seed_hasher(bare::bare_hash_seed()));
  static_assert(bare::fixed_seed_hasher()(12345) == bare::fixed_seed_hasher()(12345));  // constexpr
}

TEST(HashPolicy, FoldMulMatchesThePortableVersion) {
  bare_test::rng r(bare_test::test_seed());
  for (int i = 0; i < 10000; ++i) {
    const u64 a = r.next(), b = r.next();
    const u64 a0 = a & 0xFFFFFFFF, a1 = a >> 32, b0 = b & 0xFFFFFFFF, b1 = b >> 32;
    const u64 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    const u64 mid = (p00 >> 32) + (p01 & 0xFFFFFFFF) + (p10 & 0xFFFFFFFF);
    const u64 lo = (mid << 32) | (p00 & 0xFFFFFFFF);
    const u64 hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
    ASSERT_EQ(bare::detail::hashing::fold_mul(a, b), lo ^ hi);
  }
}

// For each input bit flipped: on average half of the output bits flip, and the bits the table
// uses (the low bits: the home group; the top byte: h2) change almost always. (A single
// folded multiply does not make every (input bit, output bit) pair flip with probability 1/2:
// some pairs are nearly fixed, which a table does not notice; see bare/hash.hpp.)
template <class Make>
void expect_avalanche(int input_bits, Make make, int samples) {
  bare_test::rng r(bare_test::test_seed());
  for (int b = 0; b < input_bits; ++b) {
    long flipped = 0, low_changed = 0, top_changed = 0;
    for (int s = 0; s < samples; ++s) {
      const u64 x = r.next();
      const u64 d = make(x, -1) ^ make(x, b);
      flipped += std::popcount(d);
      low_changed += (d & 0xFFF) != 0;
      top_changed += (d >> 56) != 0;
    }
    const double mean = static_cast<double>(flipped) / samples / 64;
    EXPECT_NEAR(mean, 0.5, 0.05) << "input bit " << b;
    EXPECT_GE(static_cast<double>(low_changed) / samples, 0.99) << "input bit " << b;
    EXPECT_GE(static_cast<double>(top_changed) / samples, 0.98) << "input bit " << b;
  }
}

// Keys of a structured set spread over 2^k buckets of the low bits (the home group) and of
// the top byte (h2) like random keys: chi-square over the buckets within a generous bound.
template <class Key>
void expect_spread(Key key, int n, unsigned bucket_bits) {
  const std::size_t buckets = std::size_t(1) << bucket_bits;
  std::vector<int> low(buckets), top(256);
  for (int i = 0; i < n; ++i) {
    const u64 h = H(key(static_cast<u64>(i)));
    ++low[h & (buckets - 1)];
    ++top[h >> 56];
  }
  auto chi = [n](const std::vector<int>& c) {
    const double e = static_cast<double>(n) / static_cast<double>(c.size());
    double x = 0;
    for (int v : c) x += (v - e) * (v - e) / e;
    return x / static_cast<double>(c.size());  // ~1 for random keys
  };
  EXPECT_LT(chi(low), 1.3);
  EXPECT_LT(chi(top), 1.5);
}

TEST(HashQuality, StructuredKeysSpread) {
  expect_spread([](u64 i) { return i; }, 200000, 12);                       // consecutive
  expect_spread([](u64 i) { return i << 40; }, 200000, 12);                 // high bits only
  expect_spread([](u64 i) { return i * 4096; }, 200000, 12);                // strided
  expect_spread([](u64 i) { return __builtin_bswap64(i); }, 200000, 12);    // byte-reversed
  expect_spread([](u64 i) { return (i & 0xFF) | ((i >> 8) << 56); }, 60000, 10);  // two bytes apart
}

}  // namespace
