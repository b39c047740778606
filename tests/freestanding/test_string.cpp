// string and str on every target: UTF-8 validation with exact errors, editing at char
// boundaries, code point iteration, integer formatting (64-bit values on 32-bit targets), lossy
// decoding, and every allocation failure of the main fallible operations. Small strings only
// (Cortex-M0 has a 6 KiB heap).
#include "bare/string.hpp"
#include "bare/testing/check_all_allocation_failures.hpp"
#include "runner.hpp"
#include "test_heap.hpp"

namespace {

using bare::str;
using string = bare::string<>;

// Literals are checked at compile time; so is validation itself.
constexpr str k_word = "gr\xC3\xBC\xC3\x9F" "e";  // grüße
static_assert(k_word.size() == 7 && k_word.char_count() == 5);
static_assert(str::from_utf8("\xE0\x80\x80", 3).error() == bare::utf8_error{0, 1});

struct utf8_row {
  const char* bytes;
  std::size_t n;
  bool ok;
  std::size_t valid_up_to;
  unsigned error_len;
};

void validation() {
  const utf8_row rows[] = {
      {"a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", 10, true, 0, 0},
      {"\xF4\x8F\xBF\xBF", 4, true, 0, 0},
      {"\xC0\x80", 2, false, 0, 1},          // overlong 2-byte
      {"\xE0\x80\x80", 3, false, 0, 1},      // overlong 3-byte
      {"\xF0\x80\x80\x80", 4, false, 0, 1},  // overlong 4-byte
      {"ab\xED\xA0\x80", 5, false, 2, 1},    // surrogate
      {"\xF4\x90\x80\x80", 4, false, 0, 1},  // above U+10FFFF
      {"\xF5\x80", 2, false, 0, 1},          // F5 lead
      {"a\x80", 2, false, 1, 1},             // lone continuation
      {"abc\xE2\x82", 5, false, 3, 0},       // cut short at the end
      {"\xE1\x80" "A", 3, false, 0, 2},      // cut short, then ASCII
      {"\xF0\x90\x80" "A", 4, false, 0, 3},
      {"0123456789abcdef0123\xFF", 21, false, 20, 1},  // after the 16-byte ASCII path
  };
  for (const utf8_row& r : rows) {
    auto v = str::from_utf8(r.bytes, r.n);
    FT_CHECK(v.has_value() == r.ok);
    if (!r.ok && !v) {
      FT_CHECK(v.error().valid_up_to == r.valid_up_to);
      FT_CHECK(v.error().error_len == r.error_len);
    }
  }
  auto c = str::from_cstr("caf\xC3\xA9");
  FT_CHECK(c && c->size() == 5 && *c == "caf\xC3\xA9");
}

void edit_at_boundaries() {
  const std::size_t live = test_heap_live_blocks();
  {
    string s = string::from("a\xC3\xA9");  // aé
    s.push_back(U'\u20AC');
    s.push_back(U'\U0001F600');
    FT_CHECK(s == "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80" && s.size() == 10);
    s.insert(1, U'b');
    s.insert_str(0, s.slice(1, 4));  // a part of itself: "bé"
    FT_CHECK(s == "b\xC3\xA9" "ab\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
    s.replace_range(0, 3, "xyz");
    FT_CHECK(s.remove(3) == U'a');
    FT_CHECK(s.pop() == U'\U0001F600');
    s.push_str(s);  // itself
    FT_CHECK(s == "xyzb\xC3\xA9\xE2\x82\xACxyzb\xC3\xA9\xE2\x82\xAC");
    FT_CHECK(s.find(U'\u20AC') == 6u && s.rfind("xyz") == 9u && s.contains("b\xC3\xA9"));
    FT_CHECK(!s.is_char_boundary(5) && s.is_char_boundary(6));
    string tail = s.split_off(9);
    FT_CHECK(tail == s && "xyzb\xC3\xA9\xE2\x82\xAC" == tail);
    s.erase(0, 3);
    s.truncate(3);
    FT_CHECK(s == "b\xC3\xA9");
    tail.retain([](char32_t c) { return c < 0x80; });
    FT_CHECK(tail == "xyzb");
    {
      auto d = tail.drain(1, 3);
      char32_t sum = 0;
      for (char32_t c : d) sum += c;
      FT_CHECK(sum == U'y' + U'z');
    }
    FT_CHECK(tail == "xb" && tail < "xc" && "xa" < tail && (tail <=> s) > 0);
    tail.make_ascii_uppercase();
    FT_CHECK(tail == "XB" && tail.to_ascii_lowercase() == "xb");
    const char* p = tail.c_str();
    FT_CHECK(p[0] == 'X' && p[1] == 'B' && p[2] == '\0' && tail.size() == 2);
  }
  FT_CHECK(test_heap_live_blocks() == live);
}

void code_points() {
  const str s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
  const char32_t want[] = {U'a', U'\u00E9', U'\u20AC', U'\U0001F600'};
  const std::size_t at[] = {0, 1, 3, 6};
  std::size_t k = 0;
  for (bare::char_index ci : s.char_indices()) {
    FT_CHECK(k < 4 && ci.ch == want[k] && ci.index == at[k]);
    ++k;
  }
  FT_CHECK(k == 4);
  auto r = s.chars();
  for (auto it = r.end(); it != r.begin();) FT_CHECK(*--it == want[--k]);
  FT_CHECK(s.starts_with(U'a') && s.ends_with(U'\U0001F600') && s.slice(1, 6) == "\xC3\xA9\xE2\x82\xAC");
}

void integers() {
  string s;
  s.append_int(INT64_MIN);
  s.push_str(" ");
  s.append_int(INT64_MAX);
  s.push_str(" ");
  s.append_int(UINT64_MAX);
  s.push_str(" ");
  s.append_int(0);
  s.push_str(" ");
  s.append_int(static_cast<signed char>(-128));
  s.push_str(" ");
  s.append_int(static_cast<unsigned short>(65535));
  s.push_str(" ");
  s.append_hex(0xBEEF, 8, true);
  s.push_str(" ");
  s.append_hex(0x123456789ABCDEFull);
  FT_CHECK(s == "-9223372036854775808 9223372036854775807 18446744073709551615 0 -128 65535 0000BEEF "
                "123456789abcdef");
}

void lossy() {
  // Unicode's table 3-8: 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64
  const char in[] = "\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64";
  string s = string::from_utf8_lossy(std::span<const char>(in, sizeof in - 1));
  FT_CHECK(s == "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD" "d");
}

using F = bare::testing::failing_ref<>;
using FS = bare::string<F>;

FS filled(F a) {
  auto s = FS::try_from("ab\xC3\xA9\xE2\x82\xAC", a);  // capacity == size: growth allocates
  return s ? static_cast<FS&&>(*s) : FS(a);
}

void every_failure() {
  using bare::testing::check_all_allocation_failures;
  auto from = check_all_allocation_failures([](F a) { return FS::try_from("\xF0\x9F\x98\x80", a); });
  FT_CHECK(from.ok && from.allocations == 1);
  auto lo = check_all_allocation_failures([](F a) { return FS::try_from_utf8_lossy(std::span<const char>("a\xFF", 2), a); });
  FT_CHECK(lo.ok && lo.allocations == 1);
  auto push = check_all_allocation_failures(filled, [](FS& s) { return s.try_push_back(U'\U0010FFFF'); });
  FT_CHECK(push.ok && push.allocations == 1);
  auto self = check_all_allocation_failures(filled, [](FS& s) { return s.try_push_str(s); });
  FT_CHECK(self.ok && self.allocations == 1);
  auto ins = check_all_allocation_failures(filled, [](FS& s) { return s.try_insert_str(2, s.slice(0, 4)); });
  FT_CHECK(ins.ok && ins.allocations == 2);
  auto rep = check_all_allocation_failures(filled, [](FS& s) { return s.try_replace_range(0, 2, "xyz"); });
  FT_CHECK(rep.ok && rep.allocations == 1);
  auto num = check_all_allocation_failures(filled, [](FS& s) { return s.try_append_int(INT64_MIN); });
  FT_CHECK(num.ok && num.allocations == 1);
  auto split = check_all_allocation_failures(filled, [](FS& s) { return s.try_split_off(4); });
  FT_CHECK(split.ok && split.allocations == 1);
  auto cs = check_all_allocation_failures(filled, [](FS& s) { return s.try_c_str(); });
  FT_CHECK(cs.ok && cs.allocations == 1);
  auto cl = check_all_allocation_failures(filled, [](FS& s) { return s.try_clone(); });
  FT_CHECK(cl.ok && cl.allocations == 1);
}

}  // namespace

FT_GROUP(string, FT_TEST(validation), FT_TEST(edit_at_boundaries), FT_TEST(code_points), FT_TEST(integers),
         FT_TEST(lossy), FT_TEST(every_failure));
