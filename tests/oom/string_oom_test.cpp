// Every fallible string operation under check_all_allocation_failures: each allocation attempt
// is failed in turn; the operation must report out_of_memory, leave the string exactly as it
// was (bytes and capacity: the state below compares both) and leak nothing. Each case states
// how many allocation attempts the operation makes when nothing fails.
#include <gtest/gtest.h>

#include <cstdint>
#include <span>
#include <string>
#include <utility>

#include "bare/string.hpp"
#include "oom/oom_helpers.hpp"
#include "unit/string_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT
using bare::str;
using S = bare::string<F>;

const std::string k_text = "gr" + B({0xC3, 0xBC, 0xC3, 0x9F}) + "e " + B({0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80});
// boundaries of k_text: 0 1 2 4 6 7 8 11 15

// The string under test and a second one (a source for operations that take another string).
// Equal means same bytes AND same capacity: a failed operation must not even grow the block.
struct state {
  S s, other;
  friend bool operator==(const state& a, const state& b) {
    return a.s == b.s && a.s.capacity() == b.s.capacity() && a.other == b.other &&
           a.other.capacity() == b.other.capacity();
  }
};

// size == capacity: any growth allocates.
state full(F a) { return {make_string<F>(k_text, 0, a), make_string<F>("xy" + B({0xC3, 0xA9}), 0, a)}; }
// 16 bytes of spare capacity.
state roomy(F a) { return {make_string<F>(k_text, 16, a), make_string<F>("xy", 0, a)}; }
state empty(F a) { return {S(a), S(a)}; }

TEST(StringOom, Construction) {
  EXPECT_OOM_SAFE(1u, [](F a) { return S::try_from(str_of(k_text), a); });
  EXPECT_OOM_SAFE(0u, [](F a) { return S::try_from("", a); });
  EXPECT_OOM_SAFE(1u, [](F a) { return S::try_with_capacity(10, a); });
  EXPECT_OOM_SAFE(0u, [](F a) { return S::try_with_capacity(0, a); });
  // from_utf8 takes the vec's block: the only allocation is the vec's own.
  EXPECT_OOM_SAFE(1u, [](F a) -> bare::result<S> {
    auto v = bare::vec<char, F>::try_from(std::span<const char>(k_text.data(), k_text.size()), a);
    if (!v) return bare::err(v.error());
    auto s = S::from_utf8(std::move(*v));
    if (!s) ADD_FAILURE() << "valid bytes rejected";
    return std::move(*s);
  });
}

TEST(StringOom, Lossy) {
  auto lossy = [](std::string bytes) {
    return [bytes](F a) { return S::try_from_utf8_lossy(std::span<const char>(bytes.data(), bytes.size()), a); };
  };
  EXPECT_OOM_SAFE(1u, lossy(k_text));  // valid: one exact allocation
  EXPECT_OOM_SAFE(0u, lossy(""));
  // Invalid: room for the input first (2 bytes -> the minimum capacity, 8), "a" + U+FFFD fit.
  EXPECT_OOM_SAFE(1u, lossy("a" + B({0xFF})));
  // 20 invalid bytes: room for 20, then the replacements (60 bytes) grow it twice (40, 80).
  EXPECT_OOM_SAFE(3u, lossy(std::string(20, '\xFF')));
  // Valid runs between errors, and a sequence cut short at the end: 33 bytes in, 36 out (grows).
  EXPECT_OOM_SAFE(2u, lossy(k_text + B({0xC0}) + k_text + B({0xE2, 0x82})));
}

TEST(StringOom, CloneAndCase) {
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_clone(); });
  EXPECT_OOM_SAFE(1u, roomy, [](state& t) { return t.s.try_clone(); });
  EXPECT_OOM_SAFE(0u, empty, [](state& t) { return t.s.try_clone(); });
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_to_ascii_lowercase(); });
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_to_ascii_uppercase(); });
}

TEST(StringOom, ReserveShrinkAndCStr) {
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_reserve(1); });
  EXPECT_OOM_SAFE(0u, roomy, [](state& t) { return t.s.try_reserve(16); });
  EXPECT_OOM_SAFE(1u, roomy, [](state& t) { return t.s.try_reserve(17); });
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_reserve_exact(3); });
  EXPECT_OOM_SAFE(1u, empty, [](state& t) { return t.s.try_reserve_exact(3); });
  EXPECT_OOM_SAFE(1u, roomy, [](state& t) { return t.s.try_shrink_to_fit(); });
  EXPECT_OOM_SAFE(0u, full, [](state& t) { return t.s.try_shrink_to_fit(); });
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_c_str(); });
  EXPECT_OOM_SAFE(0u, roomy, [](state& t) { return t.s.try_c_str(); });
  EXPECT_OOM_SAFE(1u, empty, [](state& t) { return t.s.try_c_str(); });
}

TEST(StringOom, Appending) {
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_push_back(U'\U0001F600'); });
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_push_back(U'x'); });
  EXPECT_OOM_SAFE(0u, roomy, [](state& t) { return t.s.try_push_back(U'\U0001F600'); });
  EXPECT_OOM_SAFE(1u, empty, [](state& t) { return t.s.try_push_back(U'\u00E9'); });
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_push_str("xyz"); });
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_append("\xC3\xA9"); });
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_push_str(t.other); });
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_push_str(t.s); });  // itself
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_push_str(t.s.slice(2, 11)); });
  EXPECT_OOM_SAFE(0u, roomy, [](state& t) { return t.s.try_push_str(t.s.slice(0, 15)); });
  EXPECT_OOM_SAFE(0u, full, [](state& t) { return t.s.try_push_str(""); });
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_append_int(INT64_MIN); });
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_append_int(static_cast<signed char>(-5)); });
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_append_int(UINT64_MAX); });
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_append_hex(0xDEADBEEF, 16, true); });
  EXPECT_OOM_SAFE(0u, roomy, [](state& t) { return t.s.try_append_hex(0xDEADBEEF, 16, true); });
}

TEST(StringOom, Inserting) {
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_insert(0, U'\u20AC'); });
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_insert(8, U'x'); });
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_insert(15, U'\U0010FFFF'); });
  EXPECT_OOM_SAFE(0u, roomy, [](state& t) { return t.s.try_insert(4, U'\u20AC'); });
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_insert_str(2, "abc"); });
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_insert_str(11, t.other); });
  EXPECT_OOM_SAFE(0u, roomy, [](state& t) { return t.s.try_insert_str(2, "abc"); });
  // A part of itself: a temporary copy first (one attempt), then the growth.
  EXPECT_OOM_SAFE(2u, full, [](state& t) { return t.s.try_insert_str(4, t.s.slice(2, 8)); });
  EXPECT_OOM_SAFE(2u, full, [](state& t) { return t.s.try_insert_str(0, t.s); });
  EXPECT_OOM_SAFE(1u, roomy, [](state& t) { return t.s.try_insert_str(15, t.s.slice(0, 4)); });
}

TEST(StringOom, ReplaceRange) {
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_replace_range(2, 6, "abcdefgh"); });
  EXPECT_OOM_SAFE(0u, full, [](state& t) { return t.s.try_replace_range(2, 6, "ab"); });
  EXPECT_OOM_SAFE(0u, full, [](state& t) { return t.s.try_replace_range(2, 6, "abcd"); });
  EXPECT_OOM_SAFE(0u, roomy, [](state& t) { return t.s.try_replace_range(0, 0, "abcdefgh"); });
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_replace_range(15, 15, t.other); });
  // A part of itself: the copy, then (when longer than the range) the growth.
  EXPECT_OOM_SAFE(2u, full, [](state& t) { return t.s.try_replace_range(2, 4, t.s.slice(7, 15)); });
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_replace_range(0, 11, t.s.slice(11, 15)); });
  EXPECT_OOM_SAFE(1u, roomy, [](state& t) { return t.s.try_replace_range(0, 1, t.s); });
}

TEST(StringOom, SplitOff) {
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_split_off(7); });
  EXPECT_OOM_SAFE(1u, full, [](state& t) { return t.s.try_split_off(0); });
  EXPECT_OOM_SAFE(0u, full, [](state& t) { return t.s.try_split_off(15); });
}

// A vec of strings: its copies clone each string through try_clone, whose failures surface.
using SV = bare::vec<S, F>;
SV strings(F a) {
  SV v(a);
  if (!v.try_reserve_exact(3)) ADD_FAILURE();
  for (const char* t : {"a\xC3\xA9", "", "\xF0\x9F\x98\x80!"}) {
    auto s = S::try_from(str_of(t), a);
    if (!s || !v.try_push_back(std::move(*s))) ADD_FAILURE();
  }
  return v;
}

TEST(StringOom, VecOfStrings) {
  EXPECT_OOM_SAFE(3u, strings, [](SV& v) { return v.try_clone(); });  // the vec + 2 non-empty strings
  // From itself: the growth, then clones of the 2 non-empty strings read from the old block.
  EXPECT_OOM_SAFE(3u, strings, [](SV& v) { return v.try_extend_from(v.as_span()); });
}

// Several fallible steps in a row are not atomic as a whole: the checker must notice.
TEST(StringOom, SequenceIsNotAtomic) {
  auto rep = bare::testing::check_all_allocation_failures(full, [](state& t) -> bare::result<void> {
    for (int i = 0; i < 40; ++i) BARE_TRY(t.s.try_push_back(U'\u00E9'));
    return {};
  });
  EXPECT_FALSE(rep.ok);
  EXPECT_STREQ(rep.problem, "the state changed although the operation failed");
}

}  // namespace
