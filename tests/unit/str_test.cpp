// bare::str and UTF-8 validation: a table of every class of ill-formed sequence with the exact
// valid_up_to / error_len (Rust's Utf8Error semantics), compile-time checking of literals,
// code point iteration, slicing at char boundaries (panics through the handler otherwise),
// search and comparisons.
#include <gtest/gtest.h>

#include <compare>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "support/rng.hpp"
#include "unit/string_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT
using bare::str;
using bare::utf8_error;

// ---- compile time ------------------------------------------------------------------------

constexpr str k_lit = "gr\xC3\xBC\xC3\x9F" "e";  // grüße
static_assert(k_lit.size() == 7 && k_lit.char_count() == 5);
static_assert(k_lit.starts_with("gr") && k_lit.ends_with(U'e') && k_lit.contains(U'\u00DF'));
static_assert(k_lit.find("\xC3\x9F") == std::optional<std::size_t>(4));
static_assert(!k_lit.is_char_boundary(3) && k_lit.is_char_boundary(4));
static_assert(str("") == str() && str().size() == 0 && str().data() != nullptr);
static_assert(str("a\0b").size() == 3);  // an embedded NUL is a character like any other
static_assert(str("abc") < str("abd") && str("z") < str("\xC3\xA9"));  // code point order
// Validation runs at compile time too (the literal constructor depends on it).
static_assert(!str::from_utf8("\xC0\x80", 2));
static_assert(str::from_utf8("\xE0\x80\x80", 3).error() == utf8_error{0, 1});
static_assert(str::from_utf8("ab\xF0\x90\x80", 5).error() == utf8_error{2, 0});
static_assert(str::from_utf8("\xF4\x8F\xBF\xBF", 4).has_value());
static_assert(*str("\xF0\x9F\x98\x80").chars().begin() == U'\U0001F600');

// A str is a pointer and a length, trivially copyable.
static_assert(sizeof(str) == 2 * sizeof(void*));
static_assert(std::is_trivially_copyable_v<str>);
// The iterators model the standard concepts in hosted builds (ranges algorithms work).
static_assert(std::bidirectional_iterator<bare::char_iterator>);
static_assert(std::bidirectional_iterator<bare::char_index_iterator>);

// ---- the UTF-8 table --------------------------------------------------------------------

struct utf8_case {
  const char* what;
  std::string bytes;
  bool ok;
  std::size_t valid_up_to = 0;
  unsigned error_len = 0;  // 0: cut short by the end of the input
};

std::vector<utf8_case> utf8_table() {
  return {
      // well-formed: every row of Unicode's table 3-7 at both ends of its ranges
      {"empty", "", true},
      {"ascii", "hello", true},
      {"nul and del", B({0x00, 0x7F}), true},
      {"U+0080", B({0xC2, 0x80}), true},
      {"U+07FF", B({0xDF, 0xBF}), true},
      {"U+0800", B({0xE0, 0xA0, 0x80}), true},
      {"U+0FFF", B({0xE0, 0xBF, 0xBF}), true},
      {"U+1000", B({0xE1, 0x80, 0x80}), true},
      {"U+CFFF", B({0xEC, 0xBF, 0xBF}), true},
      {"U+D000", B({0xED, 0x80, 0x80}), true},
      {"U+D7FF (last before the surrogates)", B({0xED, 0x9F, 0xBF}), true},
      {"U+E000 (first after the surrogates)", B({0xEE, 0x80, 0x80}), true},
      {"U+FFFF", B({0xEF, 0xBF, 0xBF}), true},
      {"U+10000", B({0xF0, 0x90, 0x80, 0x80}), true},
      {"U+3FFFF", B({0xF0, 0xBF, 0xBF, 0xBF}), true},
      {"U+40000", B({0xF1, 0x80, 0x80, 0x80}), true},
      {"U+FFFFF", B({0xF3, 0xBF, 0xBF, 0xBF}), true},
      {"U+100000", B({0xF4, 0x80, 0x80, 0x80}), true},
      {"U+10FFFF", B({0xF4, 0x8F, 0xBF, 0xBF}), true},
      {"mixed", "a" + B({0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80}) + "z", true},

      // overlong forms
      {"overlong 2-byte C0 80 (NUL)", B({0xC0, 0x80}), false, 0, 1},
      {"overlong 2-byte C0 AF", B({0xC0, 0xAF}), false, 0, 1},
      {"overlong 2-byte C1 BF", B({0xC1, 0xBF}), false, 0, 1},
      {"overlong 3-byte E0 80 80", B({0xE0, 0x80, 0x80}), false, 0, 1},
      {"overlong 3-byte E0 9F BF", B({0xE0, 0x9F, 0xBF}), false, 0, 1},
      {"overlong 4-byte F0 80 80 80", B({0xF0, 0x80, 0x80, 0x80}), false, 0, 1},
      {"overlong 4-byte F0 8F BF BF", B({0xF0, 0x8F, 0xBF, 0xBF}), false, 0, 1},
      {"overlong 3-byte, cut short: E0 80", B({0xE0, 0x80}), false, 0, 1},
      {"overlong after text", "ab" + B({0xC0, 0x80}), false, 2, 1},

      // surrogates
      {"surrogate ED A0 80 (U+D800)", B({0xED, 0xA0, 0x80}), false, 0, 1},
      {"surrogate ED AF BF (U+DBFF)", B({0xED, 0xAF, 0xBF}), false, 0, 1},
      {"surrogate ED B0 80 (U+DC00)", B({0xED, 0xB0, 0x80}), false, 0, 1},
      {"surrogate ED BF BF (U+DFFF)", B({0xED, 0xBF, 0xBF}), false, 0, 1},
      {"surrogate pair (CESU-8)", B({0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80}), false, 0, 1},
      {"surrogate, cut short: ED A0", B({0xED, 0xA0}), false, 0, 1},
      {"surrogate after a valid char", B({0xC3, 0xA9, 0xED, 0xA0, 0x80}), false, 2, 1},

      // above U+10FFFF
      {"F4 90 80 80 (U+110000)", B({0xF4, 0x90, 0x80, 0x80}), false, 0, 1},
      {"F4 BF BF BF", B({0xF4, 0xBF, 0xBF, 0xBF}), false, 0, 1},
      {"F4 90, cut short", B({0xF4, 0x90}), false, 0, 1},
      {"lead F5", B({0xF5, 0x80, 0x80, 0x80}), false, 0, 1},
      {"lead F7", B({0xF7, 0xBF, 0xBF, 0xBF}), false, 0, 1},
      {"lead F8 (old 5-byte form)", B({0xF8, 0x88, 0x80, 0x80, 0x80}), false, 0, 1},
      {"lead FC (old 6-byte form)", B({0xFC, 0x84, 0x80, 0x80, 0x80, 0x80}), false, 0, 1},
      {"lead FE", B({0xFE}), false, 0, 1},
      {"lead FF", B({0xFF}), false, 0, 1},
      {"FF after text", "abc" + B({0xFF}) + "d", false, 3, 1},

      // lone continuation bytes
      {"lone 80", B({0x80}), false, 0, 1},
      {"lone BF", B({0xBF}), false, 0, 1},
      {"continuation between ASCII", "a" + B({0x80}) + "b", false, 1, 1},
      {"one continuation too many", B({0xC2, 0x80, 0x80}), false, 2, 1},
      {"continuation after a 4-byte char", B({0xF0, 0x9F, 0x98, 0x80, 0xBF}), false, 4, 1},

      // truncated at the end of the input: error_len 0
      {"2-byte cut at 1", B({0xC2}), false, 0, 0},
      {"3-byte cut at 1", B({0xE1}), false, 0, 0},
      {"3-byte cut at 2", B({0xE1, 0x80}), false, 0, 0},
      {"3-byte E0 cut at 2", B({0xE0, 0xA0}), false, 0, 0},
      {"3-byte ED cut at 2", B({0xED, 0x9F}), false, 0, 0},
      {"4-byte cut at 1", B({0xF0}), false, 0, 0},
      {"4-byte cut at 2", B({0xF0, 0x90}), false, 0, 0},
      {"4-byte cut at 3", B({0xF0, 0x90, 0x80}), false, 0, 0},
      {"4-byte F4 cut at 3", B({0xF4, 0x8F, 0xBF}), false, 0, 0},
      {"cut short after text", "abc" + B({0xE2, 0x82}), false, 3, 0},

      // truncated, followed by ASCII: error_len = the bytes that could have started a sequence
      {"2-byte cut at 1, then A", B({0xC2, 0x41}), false, 0, 1},
      {"3-byte cut at 1, then A", B({0xE1, 0x41}), false, 0, 1},
      {"3-byte cut at 2, then A", B({0xE1, 0x80, 0x41}), false, 0, 2},
      {"3-byte E0 cut at 2, then A", B({0xE0, 0xA0, 0x41}), false, 0, 2},
      {"4-byte cut at 1, then A", B({0xF1, 0x41}), false, 0, 1},
      {"4-byte cut at 2, then A", B({0xF1, 0x80, 0x41}), false, 0, 2},
      {"4-byte cut at 3, then A", B({0xF0, 0x90, 0x80, 0x41}), false, 0, 3},
      {"4-byte F4 cut at 3, then A", B({0xF4, 0x8F, 0xBF, 0x41}), false, 0, 3},
      // ... or by another lead byte
      {"3-byte cut at 2, then a 2-byte char", B({0xE1, 0x80, 0xC2, 0x80}), false, 0, 2},
      {"4-byte cut at 3, then a 4-byte char", B({0xF0, 0x90, 0x80, 0xF0, 0x90, 0x80, 0x80}), false, 0, 3},
  };
}

void expect_row(const utf8_case& c, const std::string& bytes, std::size_t shift) {
  SCOPED_TRACE(std::string(c.what) + " (shifted by " + std::to_string(shift) + ")");
  auto r = str::from_utf8(bytes.data(), bytes.size());
  ASSERT_EQ(r.has_value(), c.ok);
  if (c.ok) {
    EXPECT_EQ(r->size(), bytes.size());
    EXPECT_EQ(r->data(), bytes.size() ? bytes.data() : r->data());  // a view of the same bytes
    return;
  }
  EXPECT_EQ(r.error(), (utf8_error{c.valid_up_to + shift, static_cast<std::uint8_t>(c.error_len)}));
  // Consistency of the error with the bytes: the valid prefix is valid, and a nonzero
  // error_len never reaches past the end.
  EXPECT_TRUE(str::from_utf8(bytes.data(), r.error().valid_up_to));
  EXPECT_LE(r.error().valid_up_to + r.error().error_len, bytes.size());
}

TEST(Utf8, EveryClassOfIllFormedSequence) {
  for (const utf8_case& c : utf8_table()) expect_row(c, c.bytes, 0);
}

TEST(Utf8, SameErrorsAfterLongAsciiRuns) {
  // Prefixes of every length around the 16-byte ASCII fast path, and ASCII after the row
  // (which changes nothing unless the row was cut short by the end of the input).
  for (const utf8_case& c : utf8_table()) {
    for (std::size_t shift : {1u, 15u, 16u, 17u, 31u, 32u, 33u, 100u}) {
      expect_row(c, std::string(shift, 'x') + c.bytes, shift);
      if (c.ok || c.error_len != 0) expect_row(c, std::string(shift, 'x') + c.bytes + std::string(shift, 'y'), shift);
    }
  }
}

TEST(Utf8, NonAsciiAtEveryPositionOfA16ByteBlock) {
  for (std::size_t at = 0; at < 48; ++at) {
    std::string s(48, 'a');
    s[at] = static_cast<char>(0x80);
    auto r = str::from_utf8(s.data(), s.size());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), (utf8_error{at, 1})) << at;
    s[at] = static_cast<char>(0xC3);
    if (at + 1 < s.size()) s[at + 1] = static_cast<char>(0xA9);
    EXPECT_EQ(str::from_utf8(s.data(), s.size()).has_value(), at + 1 < s.size()) << at;
  }
}

TEST(Utf8, EveryTwoByteLeadAndEveryThreeByteSecondByte) {
  // Lead bytes C0..FF with one 80 after them: which ones start a 2-byte char.
  for (int lead = 0xC0; lead <= 0xFF; ++lead) {
    const std::string s = B({lead, 0x80});
    auto r = str::from_utf8(s.data(), s.size());
    if (lead >= 0xC2 && lead <= 0xDF) {
      EXPECT_TRUE(r) << lead;
    } else {
      ASSERT_FALSE(r) << lead;
      // C0, C1, F5..FF: not a lead (1); E0 80, F0 80: bad second byte (1); after E1..EF and
      // F1..F4, 80 is a valid second byte and the input ends: cut short (0).
      const bool prefix = (lead >= 0xE1 && lead <= 0xEF) || (lead >= 0xF1 && lead <= 0xF4);
      EXPECT_EQ(r.error(), (utf8_error{0, static_cast<std::uint8_t>(prefix ? 0 : 1)})) << lead;
    }
  }
  // Second bytes after E0 / ED / F0 / F4: exactly the ranges of table 3-7.
  struct lead_range {
    int lead, lo, hi;
  };
  for (lead_range l : {lead_range{0xE0, 0xA0, 0xBF}, lead_range{0xE5, 0x80, 0xBF}, lead_range{0xED, 0x80, 0x9F},
                       lead_range{0xF0, 0x90, 0xBF}, lead_range{0xF2, 0x80, 0xBF}, lead_range{0xF4, 0x80, 0x8F}}) {
    for (int second = 0; second <= 0xFF; ++second) {
      const bool in = second >= l.lo && second <= l.hi;
      std::string s = B({l.lead, second, 0x80});
      if (l.lead >= 0xF0) s += B({0x80});
      auto r = str::from_utf8(s.data(), s.size());
      EXPECT_EQ(r.has_value(), in) << l.lead << " " << second;
      if (!in && second >= 0x80) {
        EXPECT_EQ(r.error(), (utf8_error{0, 1})) << l.lead << " " << second;
      }
    }
  }
}

// The DFA (64-bit targets) against the sequence-by-sequence checker, which the tests above
// and the fuzzer (against an independent decoder) pin down: every sequence of up to four
// bytes drawn from the values at the edges of table 3-7's ranges, alone and after 13 ASCII
// bytes (so that it straddles the DFA's 16-byte blocks), with and without ASCII after it.
TEST(Utf8, DfaAgreesWithTheCheckerOnEveryEdgeSequence) {
  static constexpr unsigned char edges[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
                                            0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
  constexpr std::size_t k = sizeof edges;
  std::size_t checked = 0, valid = 0;
  for (std::size_t len = 1; len <= 4; ++len) {
    std::size_t combos = 1;
    for (std::size_t i = 0; i < len; ++i) combos *= k;
    for (std::size_t c = 0; c < combos; ++c) {
      char seq[4];
      for (std::size_t i = 0, x = c; i < len; ++i, x /= k) seq[i] = static_cast<char>(edges[x % k]);
      for (std::size_t prefix : {0u, 13u}) {
        for (bool suffix : {false, true}) {
          std::string s(prefix, 'p');
          s.append(seq, len);
          if (suffix) s.append(20, 's');
          bare::utf8_error e;
          const bool want = bare::detail::utf8_check_all(s.data(), s.size(), &e);
          if (bare::detail::utf8_use_dfa) {
            ASSERT_EQ(bare::detail::utf8_valid_dfa(s.data(), s.size()), want) << "sequence " << c << " of length " << len;
          }
          ASSERT_EQ(str::from_utf8(s.data(), s.size()).has_value(), want);
          ++checked;
          valid += want;
        }
      }
    }
  }
  EXPECT_GT(valid, 0u);
  EXPECT_LT(valid, checked);
}

TEST(Utf8, SpanAndCStringForms) {
  const std::string good = "caf" + B({0xC3, 0xA9});
  auto a = str::from_utf8(std::span<const char>(good.data(), good.size()));
  ASSERT_TRUE(a);
  EXPECT_EQ(std_of(*a), good);
  auto b = str::from_cstr(good.c_str());
  ASSERT_TRUE(b);
  EXPECT_EQ(*b, *a);
  const std::string bad = "ab" + B({0xE2, 0x82});
  auto c = str::from_cstr(bad.c_str());
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error(), (utf8_error{2, 0}));
  auto e = str::from_cstr("");
  ASSERT_TRUE(e);
  EXPECT_TRUE(e->empty());
  // Empty input through a null span: a valid, empty str with a non-null data().
  auto n = str::from_utf8(std::span<const char>());
  ASSERT_TRUE(n);
  EXPECT_TRUE(n->empty());
  EXPECT_NE(n->data(), nullptr);
  const str u = str::from_utf8_unchecked(good.data(), 3);
  EXPECT_EQ(u, str("caf"));
  EXPECT_EQ(u.data(), good.data());
  EXPECT_NE(str::from_utf8_unchecked(nullptr, 0).data(), nullptr);
}

// ---- code points --------------------------------------------------------------------------

const std::string k_mixed = "a" + B({0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80}) + "z";  // aé€😀z

TEST(Str, CharsAndCharIndices) {
  const str s = str_of(k_mixed);
  std::u32string fwd;
  for (char32_t c : s.chars()) fwd += c;
  EXPECT_EQ(fwd, U"a\u00E9\u20AC\U0001F600z");
  EXPECT_EQ(s.char_count(), 5u);

  std::u32string back;
  auto r = s.chars();
  for (auto it = r.end(); it != r.begin();) back += *--it;
  EXPECT_EQ(back, U"z\U0001F600\u20AC\u00E9a");

  std::vector<std::size_t> at;
  std::u32string cs;
  for (bare::char_index ci : s.char_indices()) {
    at.push_back(ci.index);
    cs += ci.ch;
  }
  EXPECT_EQ(at, (std::vector<std::size_t>{0, 1, 3, 6, 10}));
  EXPECT_EQ(cs, fwd);
  auto ci = s.char_indices().end();
  --ci;
  EXPECT_EQ((*ci).index, 10u);
  ci--;
  EXPECT_EQ((*ci).ch, U'\U0001F600');

  auto it = s.chars().begin();
  EXPECT_EQ(*it++, U'a');
  EXPECT_EQ(it.offset(), 1u);
  EXPECT_EQ(*it, U'\u00E9');

  // Hosted: standard algorithms over the code points.
  EXPECT_EQ(std::distance(s.chars().begin(), s.chars().end()), 5);
  EXPECT_EQ(decode(k_mixed), fwd);
  EXPECT_TRUE(str().chars().begin() == str().chars().end());
}

TEST(Str, CharBoundaries) {
  const str s = str_of(k_mixed);
  const std::vector<std::size_t> boundaries = {0, 1, 3, 6, 10, 11};
  for (std::size_t i = 0; i <= s.size() + 2; ++i) {
    bool want = false;
    for (std::size_t b : boundaries) want |= b == i;
    EXPECT_EQ(s.is_char_boundary(i), want) << i;
  }
  EXPECT_TRUE(str().is_char_boundary(0));
  EXPECT_FALSE(str().is_char_boundary(1));
}

TEST(Str, Slices) {
  const str s = str_of(k_mixed);
  EXPECT_EQ(s.slice(1, 6), str_of(B({0xC3, 0xA9, 0xE2, 0x82, 0xAC})));
  EXPECT_EQ(s.slice(0, 0), str(""));
  EXPECT_EQ(s.slice(11, 11), str(""));
  EXPECT_EQ(s.slice_from(10), str("z"));
  EXPECT_EQ(s.slice(0, 11), s);
  EXPECT_EQ(s.slice(3, 6).data(), s.data() + 3);
  EXPECT_EQ(s.bytes().size(), 11u);
  EXPECT_EQ(s[1], static_cast<char>(0xC3));
}

TEST(Str, Search) {
  const str s = "abcab\xC3\xA9" "ab";  // abcabéab
  EXPECT_EQ(s.find("ab"), std::optional<std::size_t>(0));
  EXPECT_EQ(s.find("ab", 1), std::optional<std::size_t>(3));
  EXPECT_EQ(s.find("ab", 4), std::optional<std::size_t>(7));
  EXPECT_EQ(s.find("ab", 8), std::nullopt);
  EXPECT_EQ(s.find("ab", 100), std::nullopt);
  EXPECT_EQ(s.find(""), std::optional<std::size_t>(0));
  EXPECT_EQ(s.find("", 9), std::optional<std::size_t>(9));
  EXPECT_EQ(s.find("", 10), std::nullopt);
  EXPECT_EQ(s.find("abcab\xC3\xA9" "abx"), std::nullopt);  // longer than s
  EXPECT_EQ(s.find(U'\u00E9'), std::optional<std::size_t>(5));
  EXPECT_EQ(s.find(U'c'), std::optional<std::size_t>(2));
  EXPECT_EQ(s.find(U'\u20AC'), std::nullopt);
  EXPECT_EQ(s.rfind("ab"), std::optional<std::size_t>(7));
  EXPECT_EQ(s.rfind("abc"), std::optional<std::size_t>(0));
  EXPECT_EQ(s.rfind(""), std::optional<std::size_t>(9));
  EXPECT_EQ(s.rfind(U'a'), std::optional<std::size_t>(7));
  EXPECT_EQ(s.rfind(U'\u00E9'), std::optional<std::size_t>(5));
  EXPECT_EQ(str("ab").rfind("abc"), std::nullopt);
  EXPECT_EQ(str().rfind(""), std::optional<std::size_t>(0));
  EXPECT_EQ(str().find(""), std::optional<std::size_t>(0));
  // Not scalar values: never found (not even as their would-be encodings).
  const str sur = str::from_utf8_unchecked("\xED\xA0\x80", 3);  // what U+D800 would encode as
  EXPECT_EQ(sur.find(char32_t{0xD800}), std::nullopt);
  EXPECT_EQ(s.find(char32_t{0x110000}), std::nullopt);
  EXPECT_EQ(s.rfind(char32_t{0xDFFF}), std::nullopt);
  EXPECT_FALSE(s.contains(char32_t{0xFFFFFFFF}));

  EXPECT_TRUE(s.contains("b\xC3\xA9" "a"));
  EXPECT_FALSE(s.contains("ba"));
  EXPECT_TRUE(s.contains(U'\u00E9'));
  EXPECT_TRUE(s.starts_with("abc") && s.starts_with("") && !s.starts_with("b"));
  EXPECT_TRUE(s.ends_with("\xC3\xA9" "ab") && s.ends_with("") && !s.ends_with("a"));
  EXPECT_TRUE(s.starts_with(U'a') && !s.starts_with(U'b'));
  EXPECT_TRUE(s.ends_with(U'b') && !s.ends_with(U'a'));
  EXPECT_TRUE(str("\xC3\xA9").starts_with(U'\u00E9') && str("\xC3\xA9").ends_with(U'\u00E9'));
  EXPECT_FALSE(str().starts_with(U'a') || str().ends_with(U'a'));
  EXPECT_TRUE(str().starts_with("") && !str().starts_with("a"));
}

TEST(Str, SearchAgreesWithStdString) {
  rng r = test_rng();
  const std::string alphabet[] = {"a", "b", B({0xC3, 0xA9}), B({0xE2, 0x82, 0xAC}), B({0xF0, 0x9F, 0x98, 0x80})};
  auto random_text = [&](std::size_t max) {
    std::string t;
    for (std::size_t n = r.below(max + 1); n > 0; --n) t += alphabet[r.below(5)];
    return t;
  };
  for (int i = 0; i < 2000; ++i) {
    const std::string hay = random_text(12), needle = random_text(3);
    const str h = str_of(hay), n = str_of(needle);
    const std::size_t from = r.below(hay.size() + 2);
    auto want = [](std::size_t p) { return p == std::string::npos ? std::nullopt : std::optional<std::size_t>(p); };
    ASSERT_EQ(h.find(n, from), from <= hay.size() ? want(hay.find(needle, from)) : std::nullopt)
        << hay << " / " << needle << " from " << from;
    ASSERT_EQ(h.rfind(n), want(hay.rfind(needle)));
    ASSERT_EQ(h.starts_with(n), hay.compare(0, needle.size(), needle) == 0 && needle.size() <= hay.size());
    ASSERT_EQ(h.ends_with(n), hay.size() >= needle.size() &&
                                  hay.compare(hay.size() - needle.size(), needle.size(), needle) == 0);
    ASSERT_EQ(h == n, hay == needle);
    ASSERT_EQ((h <=> n) < 0, hay < needle);  // char_traits<char>::lt compares as unsigned char
  }
}

TEST(Str, Comparisons) {
  EXPECT_EQ(str("abc"), str("abc"));
  EXPECT_NE(str("abc"), str("abd"));
  EXPECT_NE(str("abc"), str("ab"));
  EXPECT_LT(str("ab"), str("abc"));
  EXPECT_LT(str(""), str("a"));
  EXPECT_EQ(str("abc") <=> str("abd"), std::strong_ordering::less);
  EXPECT_EQ(str("b") <=> str("abd"), std::strong_ordering::greater);
  EXPECT_EQ(str("abc") <=> str("abc"), std::strong_ordering::equal);
  // Byte order is code point order: U+007F < U+0080 < U+07FF < U+0800 < U+FFFF < U+10000.
  const str ordered[] = {"\x7F", "\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80", "\xEF\xBF\xBF", "\xF0\x90\x80\x80"};
  for (std::size_t i = 0; i + 1 < std::size(ordered); ++i) {
    EXPECT_LT(ordered[i], ordered[i + 1]) << i;
    EXPECT_GT(ordered[i + 1], ordered[i]) << i;
  }
  EXPECT_TRUE(str("Hello, W\xC3\xB6rld").eq_ignore_ascii_case("hELLO, w\xC3\xB6RLD"));
  EXPECT_FALSE(str("\xC3\xB6").eq_ignore_ascii_case("\xC3\x96"));  // ö vs Ö: not ASCII
  EXPECT_FALSE(str("ab").eq_ignore_ascii_case("abc"));
  EXPECT_EQ(str::ascii_lower('Q'), 'q');
  EXPECT_EQ(str::ascii_upper('q'), 'Q');
  EXPECT_EQ(str::ascii_lower('@'), '@');
  EXPECT_EQ(str::ascii_upper('{'), '{');
}

// ---- panics ------------------------------------------------------------------------------

class StrDeathTest : public ::testing::Test {
 protected:
  panic_handler_guard g_{exiting_panic_handler};
  str s_ = "a\xC3\xA9\xE2\x82\xAC";  // aé€: boundaries 0, 1, 3, 6
};

TEST_F(StrDeathTest, SliceNotAtACharBoundary) {
  EXPECT_PANIC_AT((void)s_.slice(2, 3), "bare::str: slice not at a char boundary");
  EXPECT_PANIC_AT((void)s_.slice(1, 4), "bare::str: slice not at a char boundary");
  EXPECT_PANIC_AT((void)s_.slice(1, 5), "not at a char boundary");
  EXPECT_PANIC_AT((void)s_.slice_from(2), "not at a char boundary");
}

TEST_F(StrDeathTest, SliceOutOfRange) {
  EXPECT_PANIC_AT((void)s_.slice(0, 7), "bare::str: slice out of range");
  EXPECT_PANIC_AT((void)s_.slice(3, 1), "bare::str: slice out of range");
  EXPECT_PANIC_AT((void)s_.slice_from(7), "bare::str: slice out of range");
}

TEST_F(StrDeathTest, IndexOutOfRange) { EXPECT_PANIC((void)s_[6], "bare::str: index out of range"); }

}  // namespace
