// fixed_string<N> and string_buf: string's algorithm (detail::string_core) over inline bytes and
// over a view. Every appending / inserting operation is tested at the full condition (full, the
// string unchanged, never a partial code point); the in-place paths for a part of the string
// inserted into itself are checked exhaustively against std::string; a random differential run
// compares fixed_string<32> with its heap twin string<> and std::string.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "bare/fixed_string.hpp"
#include "bare/string.hpp"
#include "bare/string_buf.hpp"
#include "support/heap.hpp"
#include "support/rng.hpp"
#include "unit/string_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT
using bare::fixed_string;
using bare::str;

static_assert(sizeof(fixed_string<16>) == 17);
static_assert(std::is_trivially_copyable_v<fixed_string<8>>);

// Built at compile time (constant data in flash): construction from a literal, appending,
// comparison and reads in constant evaluation; full is reported there too.
constexpr fixed_string<16> k_name("sensor");
constexpr auto k_label = [] {
  fixed_string<16> s(k_name);
  s += str("-");
  s.push_back(U'\u00E9');  // two bytes
  s.push_str("01");
  return s;
}();
static_assert(k_name.size() == 6 && k_name == str("sensor") && k_name[0] == 's');
static_assert(k_label == str("sensor-\u00E9" "01") && k_label.size() == 11 && k_label.starts_with("sensor"));
static_assert(k_label.find("01") == std::optional<std::size_t>(9) && k_label.contains(U'\u00E9'));
static_assert(k_label > k_name && k_name == fixed_string<16>(str("sensor")));
constexpr bool refuses_when_full() {
  auto r = fixed_string<3>::try_from("abcd");
  fixed_string<3> s("ab");
  return !r && r.error().kind == bare::alloc_errc::full && !s.try_push_back(U'\u00E9') && s == str("ab");
}
static_assert(refuses_when_full());

TEST(FixedStringConstexpr, UsableAtRunTime) {
  EXPECT_EQ(std::string(k_label.data(), k_label.size()), "sensor-\xC3\xA9" "01");
  fixed_string<16> copy = k_label;
  copy.truncate(6);
  EXPECT_TRUE(copy == k_name);
}

const std::string k_text = "a" + B({0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80}) + "b";  // aé€😀b
const std::vector<std::size_t> k_bounds = {0, 1, 3, 6, 10, 11};

template <class S>
bool is_full(const S& r) {
  return !r && r.error().kind == bare::alloc_errc::full;
}

class FixedString : public ::testing::Test {
 protected:
  heap_stats before_ = global_heap_stats();
  void TearDown() override { EXPECT_EQ(global_heap_stats().allocations, before_.allocations) << "it allocated"; }
};

TEST_F(FixedString, PushUntilFullNeverSplitsACodePoint) {
  fixed_string<8> s;
  EXPECT_EQ(s.capacity(), 8u);
  ASSERT_TRUE(s.try_push_str("abcdef"));
  // 2 bytes left: a 3-byte code point does not fit and nothing of it is written.
  EXPECT_TRUE(is_full(s.try_push_back(U'\u20AC')));
  EXPECT_EQ(std_of(s), "abcdef");
  ASSERT_TRUE(s.try_push_back(U'\u00E9'));  // 2 bytes: fits exactly
  EXPECT_EQ(s.size(), 8u);
  EXPECT_TRUE(is_full(s.try_push_back(U'x')));
  EXPECT_TRUE(is_full(s.try_push_str("x")));
  EXPECT_TRUE(is_full(s.try_append_int(5)));
  EXPECT_TRUE(is_full(s.try_append_hex(0xff)));
  EXPECT_TRUE(is_full(s.try_insert(0, U'x')));
  EXPECT_TRUE(is_full(s.try_insert_str(2, "yz")));
  EXPECT_TRUE(is_full(s.try_replace_range(0, 1, "yz")));
  EXPECT_TRUE(is_full(s.try_reserve(1)));
  EXPECT_TRUE(is_full(s.try_c_str())) << "no room for the NUL";
  EXPECT_EQ(std_of(s), "abcdef" + B({0xC3, 0xA9}));
  EXPECT_TRUE(s.try_replace_range(0, 2, "XY"));  // same length: fits
  EXPECT_EQ(std_of(s), "XYcdef" + B({0xC3, 0xA9}));
  EXPECT_EQ(s.pop(), std::optional<char32_t>(U'\u00E9'));
  auto c = s.try_c_str();
  ASSERT_TRUE(c);
  EXPECT_STREQ(*c, "XYcdef");
}

TEST_F(FixedString, ConstructionNeverTruncates) {
  EXPECT_TRUE(is_full(fixed_string<3>::try_from("abcd")));
  auto ok = fixed_string<4>::try_from("abcd");
  ASSERT_TRUE(ok);
  EXPECT_TRUE(*ok == "abcd");
  fixed_string<16> lit("literal");
  EXPECT_TRUE(lit == "literal");
  EXPECT_EQ(lit.size(), 7u);
}

TEST_F(FixedString, EditingLikeTheHeapString) {
  fixed_string<32> f = str_of(k_text);
  auto h = make_string(k_text);
  before_ = global_heap_stats();
  EXPECT_TRUE(f == h);
  EXPECT_TRUE(h == f);
  EXPECT_EQ(f.find(U'\u20AC'), h.find(U'\u20AC'));
  EXPECT_EQ(f.remove(1), U'\u00E9');
  f.retain([](char32_t c) { return c != U'b'; });
  EXPECT_EQ(std_of(f), "a" + B({0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80}));
  {
    auto d = f.drain(1, 4);
    EXPECT_EQ(std_of(d.as_str()), B({0xE2, 0x82, 0xAC}));
  }
  EXPECT_EQ(f.size(), 5u);
  f.make_ascii_uppercase();
  EXPECT_TRUE(f.starts_with("A"));
  auto tail = f.split_off(1);
  EXPECT_EQ(std_of(f), "A");
  EXPECT_EQ(std_of(tail), B({0xF0, 0x9F, 0x98, 0x80}));
  f += "=";
  f.append_int(-42);
  f.push_back(U'!');
  EXPECT_TRUE(f == "A=-42!");
  EXPECT_TRUE(f < fixed_string<32>("B"));
  fixed_string<32> copy = f;
  EXPECT_EQ(copy, f);
}

// A part of a fixed string put into itself moves in place (no copy can be allocated): every
// range replaced by every slice of itself, with room to spare, and with room only just enough.
TEST_F(FixedString, ReplaceRangeAndInsertStrOfItselfEveryRange) {
  for (std::size_t i = 0; i < k_bounds.size(); ++i) {
    for (std::size_t j = i; j < k_bounds.size(); ++j) {
      const std::size_t a = k_bounds[i], b = k_bounds[j];
      for (std::size_t k = 0; k < k_bounds.size(); ++k) {
        for (std::size_t l = k; l < k_bounds.size(); ++l) {
          const std::size_t c = k_bounds[k], d = k_bounds[l];
          std::string want = k_text;
          want.replace(a, b - a, k_text.substr(c, d - c));
          fixed_string<32> roomy = str_of(k_text);
          ASSERT_TRUE(roomy.try_replace_range(a, b, roomy.slice(c, d)));
          ASSERT_EQ(std_of(roomy), want) << a << " " << b << " <- " << c << " " << d;
          // Capacity 22 (twice the text): the result fits whenever want does.
          fixed_string<22> tight = str_of(k_text);
          ASSERT_TRUE(tight.try_replace_range(a, b, tight.slice(c, d)));
          ASSERT_EQ(std_of(tight), want);
          // Capacity 11: fits iff the result is not longer than the text; else unchanged.
          fixed_string<11> exact = str_of(k_text);
          auto r = exact.try_replace_range(a, b, exact.slice(c, d));
          if (want.size() <= 11) {
            ASSERT_TRUE(r);
            ASSERT_EQ(std_of(exact), want);
          } else {
            ASSERT_TRUE(is_full(r));
            ASSERT_EQ(std_of(exact), k_text);
          }
        }
      }
    }
    const std::size_t at = k_bounds[i];
    for (std::size_t k = 0; k < k_bounds.size(); ++k) {
      for (std::size_t l = k; l < k_bounds.size(); ++l) {
        const std::size_t c = k_bounds[k], d = k_bounds[l];
        std::string want = k_text;
        want.insert(at, k_text.substr(c, d - c));
        fixed_string<22> s = str_of(k_text);
        ASSERT_TRUE(s.try_insert_str(at, s.slice(c, d)));
        ASSERT_EQ(std_of(s), want) << at << " <- " << c << " " << d;
      }
    }
  }
}

// One function, one copy of its code, for every capacity (and for a heap string).
int write_reading(bare::string_buf out, int mv) {
  if (!out.try_push_str("V=")) return -1;
  if (!out.try_append_int(mv)) return -2;
  return static_cast<int>(out.size());
}

TEST_F(FixedString, StringBufServesEveryCapacity) {
  fixed_string<4> small;
  fixed_string<300> big;  // another length type
  EXPECT_EQ(write_reading(small, 3300), -2);
  EXPECT_TRUE(small == "V=") << "the part that fitted stays, the number that did not is not cut";
  EXPECT_EQ(write_reading(big, 3300), 6);
  EXPECT_TRUE(big == "V=3300");
  bare::string_buf b = big;
  b.insert_str(0, "[");
  b.push_back(U']');
  EXPECT_TRUE(big == "[V=3300]");
  EXPECT_EQ(b, big);
  auto h = make_string("", 8);
  before_ = global_heap_stats();
  EXPECT_EQ(write_reading(h, 7), 3);
  EXPECT_EQ(std_of(h), "V=7");
  bare::string_buf hb = h;
  EXPECT_TRUE(is_full(hb.try_push_str("123456"))) << "through a view the heap string does not grow";
  EXPECT_EQ(h.size(), 3u);
}

TEST(FixedStringDeath, PanicsWhenFullAndOnBadBoundaries) {
  panic_handler_guard g(exiting_panic_handler);
  fixed_string<4> s("abcd");
  EXPECT_PANIC(s.push_back(U'e'), "full");
  EXPECT_PANIC(s.insert_str(0, "x"), "full");
  auto too_long = [] {
    fixed_string<2> t("abc");
    (void)t;
  };
  EXPECT_PANIC(too_long(), "full");
  fixed_string<8> u = str_of(B({0xC3, 0xA9}));
  EXPECT_PANIC_AT(u.truncate(1), "char boundary");
}

// ---- differential: fixed_string<32> vs string<> vs std::string ----------------------------

TEST(FixedStringModel, RandomEditsAgainstTheHeapTwin) {
  rng r = test_rng();
  const char32_t pool[] = {U'a', U'b', U'\u00E9', U'\u20AC', U'\U0001F600', U'z'};
  std::size_t refused = 0, accepted = 0;
  for (int seq = 0; seq < 20; ++seq) {
    fixed_string<32> f;
    bare::string<> h;
    for (int step = 0; step < 400; ++step) {
      SCOPED_TRACE("seq " + std::to_string(seq) + " step " + std::to_string(step) + " text " + std_of(h));
      const std::string before = std_of(f);
      std::vector<std::size_t> bounds;
      for (std::size_t i = 0; i <= h.size(); ++i)
        if (h.is_char_boundary(i)) bounds.push_back(i);
      auto bound = [&] { return bounds[r.below(bounds.size())]; };
      bool f_ok = true, h_ok = true;
      switch (r.below(7)) {
        case 0: {
          const char32_t c = pool[r.below(6)];
          f_ok = static_cast<bool>(f.try_push_back(c));
          h_ok = static_cast<bool>(h.try_push_back(c));
          break;
        }
        case 1: {
          const std::size_t at = bound();
          const char32_t c = pool[r.below(6)];
          f_ok = static_cast<bool>(f.try_insert(at, c));
          h_ok = static_cast<bool>(h.try_insert(at, c));
          break;
        }
        case 2: {  // a part of itself
          std::size_t a = bound(), b = bound(), at = bound();
          if (a > b) std::swap(a, b);
          f_ok = static_cast<bool>(f.try_insert_str(at, f.slice(a, b)));
          h_ok = static_cast<bool>(h.try_insert_str(at, h.slice(a, b)));
          break;
        }
        case 3: {
          std::size_t a = bound(), b = bound(), c = bound(), d = bound();
          if (a > b) std::swap(a, b);
          if (c > d) std::swap(c, d);
          f_ok = static_cast<bool>(f.try_replace_range(a, b, f.slice(c, d)));
          h_ok = static_cast<bool>(h.try_replace_range(a, b, h.slice(c, d)));
          break;
        }
        case 4: {
          std::size_t a = bound(), b = bound();
          if (a > b) std::swap(a, b);
          f.erase(a, b);
          h.erase(a, b);
          break;
        }
        case 5:
          (void)f.pop();
          (void)h.pop();
          break;
        case 6: {
          const int v = r.between(-1000, 1000);
          f_ok = static_cast<bool>(f.try_append_int(v));
          h_ok = static_cast<bool>(h.try_append_int(v));
          break;
        }
      }
      ASSERT_TRUE(h_ok);
      if (h.size() <= 32) {
        ASSERT_TRUE(f_ok);
        ++accepted;
      } else {
        ASSERT_FALSE(f_ok);
        ASSERT_EQ(std_of(f), before) << "a refused edit changed the string";
        ++refused;
        h.clear();
        ASSERT_TRUE(h.try_push_str(f));
      }
      ASSERT_EQ(std_of(f), std_of(h));
      ASSERT_TRUE(str::from_utf8(f.bytes())) << "always valid UTF-8";
    }
  }
  EXPECT_GT(refused, 20u);
  EXPECT_GT(accepted, refused);
}

}  // namespace
