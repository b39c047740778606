// bare::string<A>: allocation counts (typed over three counting allocators), encoding on push,
// integer formatting, editing at char boundaries (panics through the handler otherwise, at the
// caller's line), self-aliasing sources, retain / drain, split_off, ASCII case, try_c_str,
// lossy decoding (Unicode's "substitution of maximal subparts" examples), comparisons with
// literals both ways, and the infallible API's handler calls.
#include <gtest/gtest.h>

#include <climits>
#include <compare>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "bare/alloc/counting.hpp"
#include "bare/alloc/malloc.hpp"
#include "support/heap.hpp"
#include "support/rng.hpp"
#include "unit/string_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT
using bare::str;
using string = bare::string<>;

static_assert(sizeof(string) == 3 * sizeof(void*));
static_assert(sizeof(bare::string<recording_ref>) == 4 * sizeof(void*));
static_assert(!std::is_copy_constructible_v<string> && !std::is_copy_assignable_v<string>);
static_assert(std::is_nothrow_move_constructible_v<string> && std::is_nothrow_move_assignable_v<string>);
static_assert(std::is_convertible_v<const string&, str>);
static_assert(!std::is_convertible_v<str, string>);  // copying allocates: explicit

#define OK(expr) ASSERT_TRUE((expr).has_value())

// ---- allocation counts, typed over allocators that count ----------------------------------
//
// A meter hands out an allocator and reports what went through it since it was made:
// successful allocations (allocate, grow or shrink) and bytes live now.

struct global_meter {  // bare::global: the host heap counter of tests/support
  using alloc = bare::global;
  heap_stats base = global_heap_stats();
  alloc get() { return {}; }
  std::size_t allocations() const {
    const heap_stats s = global_heap_stats();
    return s.allocations + s.resizes - base.allocations - base.resizes;
  }
  std::size_t live_bytes() const { return global_heap_stats().live_bytes - base.live_bytes; }
};

struct counting_meter {
  using alloc = bare::by_ref<bare::counting<bare::malloc_allocator>>;
  bare::counting<bare::malloc_allocator> c;
  alloc get() { return alloc(c); }
  std::size_t allocations() const { return c.stats().allocations; }
  std::size_t live_bytes() const { return c.stats().current_bytes; }
};

struct recording_meter {  // every call recorded; bytes summed from the calls
  using alloc = recording_ref;
  recording r;
  alloc get() { return alloc(r); }
  std::size_t allocations() const {
    std::size_t n = 0;
    for (const auto& c : r.calls) n += c.what != alloc_call_kind::deallocate && c.result != nullptr;
    return n;
  }
  std::size_t live_bytes() const {
    std::size_t n = 0;
    for (const auto& c : r.calls) {
      if (c.what == alloc_call_kind::allocate && c.result) n += c.l.size;
      if (c.what == alloc_call_kind::deallocate) n -= c.l.size;
      if ((c.what == alloc_call_kind::grow || c.what == alloc_call_kind::shrink) && c.result)
        n += c.new_size - c.l.size;
    }
    return n;
  }
};

template <class Meter>
class StringAlloc : public ::testing::Test {
 protected:
  using A = typename Meter::alloc;
  using S = bare::string<A>;
  Meter m_;
  S make(const std::string& utf8, std::size_t extra = 0) { return make_string<A>(utf8, extra, m_.get()); }
};
using meters = ::testing::Types<global_meter, counting_meter, recording_meter>;
TYPED_TEST_SUITE(StringAlloc, meters);

const std::string k_text = "gr" + B({0xC3, 0xBC, 0xC3, 0x9F}) + "e " + B({0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80});

TYPED_TEST(StringAlloc, NothingAllocatesWhileEmpty) {
  using S = typename TestFixture::S;
  {
    S s(this->m_.get());
    EXPECT_TRUE(s.empty() && s.capacity() == 0 && s.data() == nullptr);
    EXPECT_EQ(s.as_str(), str(""));
    EXPECT_NE(s.as_str().data(), nullptr);
    auto a = S::try_from("", this->m_.get());
    OK(a);
    auto b = S::try_with_capacity(0, this->m_.get());
    OK(b);
    auto c = s.try_clone();
    OK(c);
    auto d = s.try_split_off(0);
    OK(d);
    auto e = S::try_from_utf8_lossy({}, this->m_.get());
    OK(e);
    auto f = s.try_to_ascii_uppercase();
    OK(f);
    OK(s.try_shrink_to_fit());
    OK(s.try_reserve(0));
    OK(s.try_push_str(""));
    s.truncate(0);
    s.clear();
    s.retain([](char32_t) { return false; });
    { auto dr = s.drain(0, 0); }
    EXPECT_FALSE(s.pop());
    auto g = S::from_utf8(bare::vec<char, typename TestFixture::A>(this->m_.get()));
    OK(g);
  }
  EXPECT_EQ(this->m_.allocations(), 0u);
  EXPECT_EQ(this->m_.live_bytes(), 0u);
}

TYPED_TEST(StringAlloc, TryFromAllocatesOnceExactlySizeBytes) {
  using S = typename TestFixture::S;
  {
    auto s = S::try_from(str_of(k_text), this->m_.get());
    OK(s);
    EXPECT_EQ(std_of(*s), k_text);
    EXPECT_EQ(s->size(), k_text.size());
    EXPECT_EQ(s->capacity(), k_text.size());
    EXPECT_EQ(this->m_.allocations(), 1u);
    EXPECT_EQ(this->m_.live_bytes(), k_text.size());
  }
  EXPECT_EQ(this->m_.live_bytes(), 0u);
}

TYPED_TEST(StringAlloc, WithCapacityAllocatesExactly) {
  using S = typename TestFixture::S;
  auto s = S::try_with_capacity(37, this->m_.get());
  OK(s);
  EXPECT_EQ(s->capacity(), 37u);
  EXPECT_TRUE(s->empty());
  EXPECT_EQ(this->m_.allocations(), 1u);
  EXPECT_EQ(this->m_.live_bytes(), 37u);
  for (int i = 0; i < 37; ++i) OK(s->try_push_back(U'x'));
  EXPECT_EQ(this->m_.allocations(), 1u);  // all within capacity
}

TYPED_TEST(StringAlloc, CloneAllocatesOnceExactlySizeBytes) {
  auto s = this->make(k_text, 20);
  const std::size_t before = this->m_.allocations(), live = this->m_.live_bytes();
  {
    auto c = s.try_clone();
    OK(c);
    EXPECT_EQ(*c, s);
    EXPECT_EQ(c->capacity(), s.size());
    EXPECT_NE(c->data(), s.data());
    EXPECT_EQ(this->m_.allocations(), before + 1);
    EXPECT_EQ(this->m_.live_bytes(), live + s.size());
    auto lower = s.try_to_ascii_lowercase();
    OK(lower);
    EXPECT_EQ(lower->capacity(), s.size());
    EXPECT_EQ(this->m_.allocations(), before + 2);
  }
  EXPECT_EQ(this->m_.live_bytes(), live);
}

TYPED_TEST(StringAlloc, LossyOfValidBytesAllocatesOnceExactly) {
  using S = typename TestFixture::S;
  auto s = S::try_from_utf8_lossy(std::span<const char>(k_text.data(), k_text.size()), this->m_.get());
  OK(s);
  EXPECT_EQ(std_of(*s), k_text);
  EXPECT_EQ(s->capacity(), k_text.size());
  EXPECT_EQ(this->m_.allocations(), 1u);
  EXPECT_EQ(this->m_.live_bytes(), k_text.size());
}

TYPED_TEST(StringAlloc, FromUtf8AndIntoBytesKeepTheBlock) {
  using S = typename TestFixture::S;
  using V = bare::vec<char, typename TestFixture::A>;
  auto v = V::try_from(std::span<const char>(k_text.data(), k_text.size()), this->m_.get());
  OK(v);
  const char* block = v->data();
  auto s = S::from_utf8(std::move(*v));
  OK(s);
  EXPECT_EQ(s->data(), block);
  EXPECT_EQ(std_of(*s), k_text);
  V back = std::move(*s).into_bytes();
  EXPECT_EQ(back.data(), block);
  EXPECT_TRUE(s->empty());
  EXPECT_EQ(this->m_.allocations(), 1u);
  // Invalid bytes: the error, and the vec is still the caller's, untouched.
  OK(back.try_push_back(static_cast<char>(0xE2)));
  const std::size_t n = back.size();
  auto bad = S::from_utf8(std::move(back));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error(), (bare::utf8_error{k_text.size(), 0}));
  EXPECT_EQ(back.size(), n);
  EXPECT_EQ(static_cast<unsigned char>(back[n - 1]), 0xE2);
  // from_utf8_unchecked takes the block as it is.
  back.truncate(2);
  const char* b2 = back.data();
  S u = S::from_utf8_unchecked(std::move(back));
  EXPECT_EQ(u.data(), b2);
  EXPECT_EQ(u, str("gr"));
}

TYPED_TEST(StringAlloc, SplitOffAllocatesTheTailOnly) {
  auto s = this->make(k_text, 5);
  const std::size_t cap = s.capacity(), before = this->m_.allocations(), live = this->m_.live_bytes();
  auto tail = s.try_split_off(6);  // after "grüß"
  OK(tail);
  EXPECT_EQ(std_of(s), k_text.substr(0, 6));
  EXPECT_EQ(std_of(*tail), k_text.substr(6));
  EXPECT_EQ(s.capacity(), cap);
  EXPECT_EQ(tail->capacity(), k_text.size() - 6);
  EXPECT_EQ(this->m_.allocations(), before + 1);
  EXPECT_EQ(this->m_.live_bytes(), live + k_text.size() - 6);
  auto none = s.try_split_off(s.size());
  OK(none);
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(this->m_.allocations(), before + 1);
}

TYPED_TEST(StringAlloc, EditsWithinCapacityNeverAllocate) {
  auto s = this->make("abc", 40);
  const std::size_t before = this->m_.allocations();
  const char* block = s.data();
  OK(s.try_push_back(U'\U0001F600'));
  OK(s.try_push_str("\xC3\xA9"));
  OK(s.try_append(" "));
  OK(s.try_append_int(-12345));
  OK(s.try_append_hex(0xBEEF, 8));
  OK(s.try_insert(1, U'\u20AC'));
  OK(s.try_insert_str(0, "<<"));
  OK(s.try_replace_range(0, 2, ">"));
  auto p = s.try_c_str();
  OK(p);
  EXPECT_EQ(std_of(s), ">a" + B({0xE2, 0x82, 0xAC}) + "bc" + B({0xF0, 0x9F, 0x98, 0x80, 0xC3, 0xA9}) +
                           " -123450000beef");
  EXPECT_EQ(this->m_.allocations(), before);
  EXPECT_EQ(s.data(), block);
}

TYPED_TEST(StringAlloc, RemovingNeverAllocatesAndKeepsCapacity) {
  auto s = this->make(k_text + k_text, 0);
  const std::size_t before = this->m_.allocations(), cap = s.capacity();
  EXPECT_EQ(s.pop(), std::optional<char32_t>(U'\U0001F600'));
  EXPECT_EQ(s.remove(2), U'\u00FC');
  s.truncate(s.size() - 3);  // the euro sign
  s.erase(0, 2);
  s.retain([](char32_t c) { return c != U'e'; });
  { auto d = s.drain(0, 2); }
  s.make_ascii_uppercase();
  s.make_ascii_lowercase();
  EXPECT_EQ(this->m_.allocations(), before);
  EXPECT_EQ(s.capacity(), cap);
  s.clear();
  EXPECT_EQ(s.capacity(), cap);
  OK(s.try_shrink_to_fit());
  EXPECT_EQ(s.capacity(), 0u);
  EXPECT_EQ(this->m_.live_bytes(), 0u);
}

TYPED_TEST(StringAlloc, SelfAliasingInsertCopiesTheSourceFirst) {
  auto s = this->make("ab" + B({0xC3, 0xA9}) + "cd", 64);
  const std::size_t before = this->m_.allocations(), live = this->m_.live_bytes();
  OK(s.try_insert_str(1, s.slice(1, 4)));  // "bé" into itself, room to spare
  EXPECT_EQ(std_of(s), "ab" + B({0xC3, 0xA9}) + "b" + B({0xC3, 0xA9}) + "cd");
  EXPECT_EQ(this->m_.allocations(), before + 1);  // the temporary copy, freed again
  EXPECT_EQ(this->m_.live_bytes(), live);
  OK(s.try_insert_str(0, "xyz"));  // not aliasing: no copy
  EXPECT_EQ(this->m_.allocations(), before + 1);
}

TYPED_TEST(StringAlloc, CopiesUseACopyOfTheAllocator) {
  auto s = this->make(k_text);
  auto c = s.try_clone();
  OK(c);
  auto t = c->try_split_off(2);
  OK(t);
  auto u = s.try_to_ascii_uppercase();
  OK(u);
  const std::size_t live = this->m_.live_bytes();
  EXPECT_EQ(live, s.capacity() + c->capacity() + t->capacity() + u->capacity());
}

// ---- push_back encodes --------------------------------------------------------------------

TEST(String, PushBackEncodesUtf8) {
  struct enc {
    char32_t c;
    std::string bytes;
  };
  const enc table[] = {
      {U'\0', std::string(1, '\0')},     {U'A', "A"},
      {0x7F, B({0x7F})},                 {0x80, B({0xC2, 0x80})},
      {0xE9, B({0xC3, 0xA9})},           {0x7FF, B({0xDF, 0xBF})},
      {0x800, B({0xE0, 0xA0, 0x80})},    {0xD7FF, B({0xED, 0x9F, 0xBF})},
      {0xE000, B({0xEE, 0x80, 0x80})},   {0xFFFD, B({0xEF, 0xBF, 0xBD})},
      {0xFFFF, B({0xEF, 0xBF, 0xBF})},   {0x10000, B({0xF0, 0x90, 0x80, 0x80})},
      {0x1F600, B({0xF0, 0x9F, 0x98, 0x80})}, {0x10FFFF, B({0xF4, 0x8F, 0xBF, 0xBF})},
  };
  string all;
  std::string want;
  for (const enc& e : table) {
    string one;
    OK(one.try_push_back(e.c));
    EXPECT_EQ(std_of(one), e.bytes) << static_cast<std::uint32_t>(e.c);
    EXPECT_EQ(one.pop(), std::optional<char32_t>(e.c));
    EXPECT_TRUE(one.empty());
    OK(all.try_push_back(e.c));
    want += e.bytes;
  }
  EXPECT_EQ(std_of(all), want);
  std::u32string back;
  for (char32_t c : all.chars()) back += c;
  ASSERT_EQ(back.size(), std::size(table));
  for (std::size_t i = 0; i < back.size(); ++i) EXPECT_EQ(back[i], table[i].c);
}

// ---- integer formatting -------------------------------------------------------------------

template <class T>
concept can_append_int = requires(string& s, T v) { s.try_append_int(v); };
static_assert(can_append_int<int> && can_append_int<signed char> && can_append_int<unsigned char> &&
              can_append_int<long long> && can_append_int<unsigned long long> && can_append_int<short>);
static_assert(!can_append_int<bool> && !can_append_int<char> && !can_append_int<char8_t> &&
              !can_append_int<char16_t> && !can_append_int<char32_t> && !can_append_int<wchar_t>);
static_assert(!can_append_int<double> && !can_append_int<const char*>);

template <class T>
std::string formatted(T v) {
  string s;
  if (!s.try_append_int(v)) ADD_FAILURE() << "allocation failed";
  return std_of(s);
}

template <class T>
void expect_extremes_and_random(rng& r) {
  using L = std::numeric_limits<T>;
  EXPECT_EQ(formatted(L::min()), std::to_string(L::min()));
  EXPECT_EQ(formatted(L::max()), std::to_string(L::max()));
  EXPECT_EQ(formatted(T{0}), "0");
  EXPECT_EQ(formatted(T{1}), "1");
  EXPECT_EQ(formatted(static_cast<T>(L::max() - 1)), std::to_string(L::max() - 1));
  if constexpr (L::is_signed) {
    EXPECT_EQ(formatted(T{-1}), "-1");
    EXPECT_EQ(formatted(static_cast<T>(L::min() + 1)), std::to_string(L::min() + 1));
  }
  for (int i = 0; i < 500; ++i) {
    const T v = static_cast<T>(r.next() >> r.below(64));  // every magnitude
    ASSERT_EQ(formatted(v), std::to_string(v));
  }
  // Powers of ten and their neighbours (digit-count boundaries).
  for (unsigned long long p = 1; p <= static_cast<unsigned long long>(L::max()) / 10; p *= 10) {
    for (unsigned long long q : {p * 10 - 1, p * 10, p * 10 + 1}) {
      const T v = static_cast<T>(q);
      EXPECT_EQ(formatted(v), std::to_string(v));
      if constexpr (L::is_signed) {
        EXPECT_EQ(formatted(static_cast<T>(-v)), std::to_string(static_cast<T>(-v)));
      }
    }
  }
}

TEST(String, AppendIntEveryWidth) {
  rng r = test_rng();
  expect_extremes_and_random<signed char>(r);
  expect_extremes_and_random<unsigned char>(r);
  expect_extremes_and_random<short>(r);
  expect_extremes_and_random<unsigned short>(r);
  expect_extremes_and_random<int>(r);
  expect_extremes_and_random<unsigned>(r);
  expect_extremes_and_random<long>(r);
  expect_extremes_and_random<unsigned long>(r);
  expect_extremes_and_random<long long>(r);
  expect_extremes_and_random<unsigned long long>(r);
  EXPECT_EQ(formatted(INT64_MIN), "-9223372036854775808");
  EXPECT_EQ(formatted(INT64_MAX), "9223372036854775807");
  EXPECT_EQ(formatted(UINT64_MAX), "18446744073709551615");
  EXPECT_EQ(formatted(std::int8_t{-128}), "-128");
  EXPECT_EQ(formatted(std::uint8_t{255}), "255");
  EXPECT_EQ(formatted(std::int16_t{-32768}), "-32768");
  EXPECT_EQ(formatted(INT32_MIN), "-2147483648");
  EXPECT_EQ(formatted(UINT32_MAX), "4294967295");
  // Appends: the existing text stays.
  auto s = make_string("x=");
  OK(s.try_append_int(-7));
  OK(s.try_append_int(0u));
  EXPECT_EQ(s, str("x=-70"));
}

std::string hexed(std::uint64_t v, unsigned min_digits, bool upper) {
  string s;
  if (!s.try_append_hex(v, min_digits, upper)) ADD_FAILURE() << "allocation failed";
  return std_of(s);
}

std::string printf_hex(std::uint64_t v, unsigned min_digits, bool upper) {
  char buf[64];
  std::snprintf(buf, sizeof buf, upper ? "%0*llX" : "%0*llx", static_cast<int>(min_digits),
                static_cast<unsigned long long>(v));
  return buf;
}

TEST(String, AppendHex) {
  EXPECT_EQ(hexed(0, 1, false), "0");
  EXPECT_EQ(hexed(0, 0, false), "0");  // at least one digit
  EXPECT_EQ(hexed(0xFF, 1, false), "ff");
  EXPECT_EQ(hexed(0xFF, 1, true), "FF");
  EXPECT_EQ(hexed(0xFF, 4, false), "00ff");
  EXPECT_EQ(hexed(0xABCDEF, 2, true), "ABCDEF");  // min_digits never truncates
  EXPECT_EQ(hexed(UINT64_MAX, 1, false), "ffffffffffffffff");
  EXPECT_EQ(hexed(UINT64_MAX, 16, true), "FFFFFFFFFFFFFFFF");
  EXPECT_EQ(hexed(0x1234, 16, false), "0000000000001234");
  EXPECT_EQ(hexed(0x1234, 17, false), "0000000000001234");  // min_digits is capped at 16
  EXPECT_EQ(hexed(0x1234, 1000, false), "0000000000001234");
  EXPECT_EQ(hexed(0x100000000ull, 1, false), "100000000");  // crosses the 32-bit path
  EXPECT_EQ(hexed(0xFFFFFFFFull, 1, false), "ffffffff");
  rng r = test_rng();
  for (int i = 0; i < 2000; ++i) {
    const std::uint64_t v = r.next() >> r.below(64);
    const auto digits = static_cast<unsigned>(r.below(17));
    const bool upper = r.chance(50);
    ASSERT_EQ(hexed(v, digits, upper), printf_hex(v, digits, upper)) << v << " " << digits;
  }
  auto s = make_string("0x");
  OK(s.try_append_hex(0xC0FFEE, 8, true));
  EXPECT_EQ(s, str("0x00C0FFEE"));
}

// ---- editing ------------------------------------------------------------------------------

const std::string k_small = "a" + B({0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80}) + "b";  // aé€😀b
const std::vector<std::size_t> k_small_bounds = {0, 1, 3, 6, 10, 11};

TEST(String, InsertAndRemoveCodePoints) {
  auto s = make_string("ac");
  OK(s.try_insert(1, U'b'));
  OK(s.try_insert(0, U'\u00E9'));
  OK(s.try_insert(s.size(), U'\U0001F600'));
  EXPECT_EQ(std_of(s), B({0xC3, 0xA9}) + "abc" + B({0xF0, 0x9F, 0x98, 0x80}));
  EXPECT_EQ(s.remove(0), U'\u00E9');
  EXPECT_EQ(s.remove(3), U'\U0001F600');
  EXPECT_EQ(s.remove(1), U'b');
  EXPECT_EQ(s, str("ac"));
  EXPECT_EQ(s.pop(), std::optional<char32_t>(U'c'));
  EXPECT_EQ(s.pop(), std::optional<char32_t>(U'a'));
  EXPECT_EQ(s.pop(), std::nullopt);
}

TEST(String, TruncateEraseAndBoundaries) {
  auto s = make_string(k_small);
  for (std::size_t i = 0; i <= s.size() + 1; ++i) {
    bool want = false;
    for (std::size_t b : k_small_bounds) want |= b == i;
    EXPECT_EQ(s.is_char_boundary(i), want) << i;
  }
  s.truncate(100);  // beyond the end: no-op
  EXPECT_EQ(std_of(s), k_small);
  s.truncate(s.size());
  EXPECT_EQ(std_of(s), k_small);
  s.truncate(6);
  EXPECT_EQ(std_of(s), k_small.substr(0, 6));
  s.erase(1, 3);
  EXPECT_EQ(std_of(s), "a" + B({0xE2, 0x82, 0xAC}));
  s.erase(0, 0);
  s.erase(4, 4);
  EXPECT_EQ(s.size(), 4u);
  s.erase(0, 4);
  EXPECT_TRUE(s.empty());
}

TEST(String, ReplaceRangeAndInsertStrEveryRangeEverySource) {
  // Every range of k_small replaced by every slice of a separate string and of itself, with
  // and without spare capacity; and insert_str at every boundary.
  const std::string other = "XY" + B({0xC3, 0xB6});  // XYö
  const std::vector<std::size_t> other_bounds = {0, 1, 2, 4};
  for (std::size_t extra : {0u, 64u}) {
    for (std::size_t i = 0; i < k_small_bounds.size(); ++i) {
      for (std::size_t j = i; j < k_small_bounds.size(); ++j) {
        const std::size_t a = k_small_bounds[i], b = k_small_bounds[j];
        for (std::size_t k = 0; k < k_small_bounds.size(); ++k) {
          for (std::size_t l = k; l < k_small_bounds.size(); ++l) {
            const std::size_t c = k_small_bounds[k], d = k_small_bounds[l];
            auto s = make_string(k_small, extra);
            OK(s.try_replace_range(a, b, s.slice(c, d)));  // a part of itself
            std::string want = k_small;
            want.replace(a, b - a, k_small.substr(c, d - c));
            ASSERT_EQ(std_of(s), want) << a << " " << b << " <- " << c << " " << d << " extra " << extra;
          }
        }
        for (std::size_t k = 0; k < other_bounds.size(); ++k) {
          for (std::size_t l = k; l < other_bounds.size(); ++l) {
            auto s = make_string(k_small, extra);
            const str src = str_of(other).slice(other_bounds[k], other_bounds[l]);
            OK(s.try_replace_range(a, b, src));
            std::string want = k_small;
            want.replace(a, b - a, std_of(src));
            ASSERT_EQ(std_of(s), want);
          }
        }
      }
      // insert_str at every boundary: of itself (whole and in part) and of another string.
      const std::size_t at = k_small_bounds[i];
      for (std::size_t k = 0; k < k_small_bounds.size(); ++k) {
        for (std::size_t l = k; l < k_small_bounds.size(); ++l) {
          const std::size_t c = k_small_bounds[k], d = k_small_bounds[l];
          auto s = make_string(k_small, extra);
          OK(s.try_insert_str(at, s.slice(c, d)));
          std::string want = k_small;
          want.insert(at, k_small.substr(c, d - c));
          ASSERT_EQ(std_of(s), want) << at << " <- " << c << " " << d << " extra " << extra;
        }
      }
      auto s = make_string(k_small, extra);
      OK(s.try_insert_str(at, str_of(other)));
      std::string want = k_small;
      want.insert(at, other);
      EXPECT_EQ(std_of(s), want);
    }
  }
}

TEST(String, PushStrOfItself) {
  for (std::size_t extra : {0u, 3u, 64u}) {
    auto s = make_string(k_small, extra);
    OK(s.try_push_str(s));  // the whole string, converted to a str of itself
    EXPECT_EQ(std_of(s), k_small + k_small);
    OK(s.try_push_str(s.slice(1, 6)));
    EXPECT_EQ(std_of(s), k_small + k_small + k_small.substr(1, 5));
    OK(s.try_append(s.slice(s.size() - 5, s.size())));  // the part just appended
    EXPECT_EQ(std_of(s), k_small + k_small + k_small.substr(1, 5) + k_small.substr(1, 5));
  }
}

TEST(String, Retain) {
  auto s = make_string("a" + k_small + "Z" + k_small);
  s.retain([](char32_t c) { return c < 0x80; });
  EXPECT_EQ(s, str("aabZab"));
  auto t = make_string(k_small);
  s = std::move(t);
  std::u32string seen;
  s.retain([&](char32_t c) {
    seen += c;
    return c >= 0x80;
  });
  EXPECT_EQ(seen, U"a\u00E9\u20AC\U0001F600b");  // every code point once, in order
  EXPECT_EQ(std_of(s), k_small.substr(1, 9));
  s.retain([](char32_t) { return true; });
  EXPECT_EQ(std_of(s), k_small.substr(1, 9));
  s.retain([](char32_t) { return false; });
  EXPECT_TRUE(s.empty());
}

TEST(String, Drain) {
  auto s = make_string(k_small);
  {
    auto d = s.drain(1, 10);
    EXPECT_EQ(std_of(d.as_str()), k_small.substr(1, 9));
    std::u32string got;
    for (char32_t c : d) got += c;
    EXPECT_EQ(got, U"\u00E9\u20AC\U0001F600");
  }
  EXPECT_EQ(s, str("ab"));
  {
    auto d = s.drain(0, 1);  // not iterated: removed all the same
  }
  EXPECT_EQ(s, str("b"));
  {
    auto d = s.drain(1, 1);  // empty range
    EXPECT_TRUE(d.begin() == d.end());
  }
  EXPECT_EQ(s, str("b"));
  auto t = make_string(k_small);
  {
    auto d = t.drain(3, 6);
    auto it = d.begin();
    EXPECT_EQ(*it, U'\u20AC');  // partially iterated
  }
  EXPECT_EQ(std_of(t), k_small.substr(0, 3) + k_small.substr(6));
  { auto d = t.drain(0, t.size()); }
  EXPECT_TRUE(t.empty());
}

TEST(String, SplitOffAtEveryBoundary) {
  for (std::size_t at : k_small_bounds) {
    auto s = make_string(k_small);
    auto tail = s.try_split_off(at);
    OK(tail);
    EXPECT_EQ(std_of(s), k_small.substr(0, at));
    EXPECT_EQ(std_of(*tail), k_small.substr(at));
  }
}

TEST(String, AsciiCase) {
  const std::string mixed = "Gr" + B({0xC3, 0xBC, 0xC3, 0x9F}) + "e, " + B({0xC3, 0x84, 0xC3, 0xB6}) + " @[`{ AbZz09";
  auto s = make_string(mixed);
  auto up = s.try_to_ascii_uppercase();
  OK(up);
  auto low = s.try_to_ascii_lowercase();
  OK(low);
  EXPECT_EQ(std_of(*up), "GR" + B({0xC3, 0xBC, 0xC3, 0x9F}) + "E, " + B({0xC3, 0x84, 0xC3, 0xB6}) + " @[`{ ABZZ09");
  EXPECT_EQ(std_of(*low), "gr" + B({0xC3, 0xBC, 0xC3, 0x9F}) + "e, " + B({0xC3, 0x84, 0xC3, 0xB6}) + " @[`{ abzz09");
  EXPECT_EQ(std_of(s), mixed);  // the copies leave the original alone
  s.make_ascii_uppercase();
  EXPECT_EQ(s, *up);
  s.make_ascii_lowercase();
  EXPECT_EQ(s, *low);
  EXPECT_TRUE(up->as_str().eq_ignore_ascii_case(*low));
}

TEST(String, TryCStr) {
  auto s = make_string(k_small);  // no spare capacity: the NUL needs room
  EXPECT_EQ(s.capacity(), s.size());
  auto p = s.try_c_str();
  OK(p);
  EXPECT_EQ(*p, s.data());
  EXPECT_EQ(std::string(*p), k_small);  // NUL-terminated
  EXPECT_EQ(s.size(), k_small.size());  // the NUL is not part of the string
  EXPECT_GT(s.capacity(), s.size());
  EXPECT_EQ(s.as_str(), str_of(k_small));
  // With room: in place, same block.
  const char* block = s.data();
  OK(s.try_push_str("!"));
  auto q = s.try_c_str();
  OK(q);
  EXPECT_EQ(*q, block);
  EXPECT_EQ(std::string(*q), k_small + "!");
  // After truncating, the NUL moves to the new end.
  s.truncate(1);
  auto r = s.try_c_str();
  OK(r);
  EXPECT_STREQ(*r, "a");
  // Empty: allocates room for the NUL.
  string e;
  auto z = e.try_c_str();
  OK(z);
  EXPECT_STREQ(*z, "");
  EXPECT_TRUE(e.empty());
  EXPECT_GE(e.capacity(), 1u);
}

TEST(String, SearchAndCodePointsThroughTheString) {
  auto s = make_string(k_small + k_small);
  EXPECT_EQ(s.find(U'\u20AC'), std::optional<std::size_t>(3));
  EXPECT_EQ(s.find(U'\u20AC', 4), std::optional<std::size_t>(14));
  EXPECT_EQ(s.find("ba"), std::optional<std::size_t>(10));
  EXPECT_EQ(s.find("ba", 11), std::nullopt);
  EXPECT_EQ(s.rfind("a"), std::optional<std::size_t>(11));
  EXPECT_EQ(s.rfind(U'\U0001F600'), std::optional<std::size_t>(17));
  EXPECT_TRUE(s.contains("\xE2\x82\xAC\xF0\x9F\x98\x80") && s.contains(U'b') && !s.contains("c"));
  EXPECT_FALSE(s.contains(U'c'));
  EXPECT_TRUE(s.starts_with("a\xC3\xA9") && s.starts_with(U'a') && !s.starts_with(U'b'));
  EXPECT_TRUE(s.ends_with("\xF0\x9F\x98\x80" "b") && s.ends_with(U'b') && !s.ends_with("a"));
  std::u32string cs;
  for (char32_t c : s.chars()) cs += c;
  EXPECT_EQ(cs, U"a\u00E9\u20AC\U0001F600ba\u00E9\u20AC\U0001F600b");
  EXPECT_EQ(s.char_count(), cs.size()) << "one per code point, not per byte (" << s.size() << " bytes)";
  std::vector<std::size_t> at;
  for (auto ci : s.char_indices()) at.push_back(ci.index);
  EXPECT_EQ(at, (std::vector<std::size_t>{0, 1, 3, 6, 10, 11, 12, 14, 17, 21}));
  EXPECT_EQ(s.slice(1, 3), str("\xC3\xA9"));
  EXPECT_EQ(s[0], 'a');
  EXPECT_EQ(s.length(), s.size());
  EXPECT_EQ(s.bytes().size(), s.size());
  EXPECT_EQ(s.end() - s.begin(), static_cast<std::ptrdiff_t>(s.size()));
}

TEST(String, ComparisonsWithLiteralsBothWays) {
  auto s = make_string("abc");
  EXPECT_TRUE(s == "abc");
  EXPECT_TRUE("abc" == s);
  EXPECT_FALSE(s != "abc");
  EXPECT_FALSE("abc" != s);
  EXPECT_TRUE(s != "abd" && "abd" != s && s != "ab" && "abcd" != s && s != "");
  EXPECT_TRUE(s < "abd" && "abd" > s && s > "abb" && "abb" < s);
  EXPECT_TRUE(s <= "abc" && "abc" <= s && s >= "abc" && "abc" >= s);
  EXPECT_TRUE(s < "abca" && "ab" < s);
  EXPECT_EQ(s <=> "abd", std::strong_ordering::less);
  EXPECT_EQ("abd" <=> s, std::strong_ordering::greater);
  EXPECT_EQ("abc" <=> s, std::strong_ordering::equal);
  // Non-ASCII: code point order (é > z, as bytes are compared unsigned).
  auto e = make_string("\xC3\xA9");
  EXPECT_TRUE(e == "\xC3\xA9" && "\xC3\xA9" == e);
  EXPECT_TRUE(e > "z" && "z" < e && e < "\xE2\x82\xAC");
  // string vs string, str vs string.
  auto t = make_string("abd");
  EXPECT_TRUE(s != t && s < t && t > s && (s <=> t) < 0);
  const str v = "abc";
  EXPECT_TRUE(s == v && v == s && !(v != s) && v < t && t > v);
  auto s2 = make_string("abc");
  EXPECT_TRUE(s == s2 && (s <=> s2) == 0);
  // Different allocators compare by content.
  recording rec;
  auto r = make_string<recording_ref>("abc", 0, rec);
  EXPECT_TRUE(r == s.as_str() && r == "abc" && "abc" == r);
  EXPECT_EQ(string() , str(""));
  EXPECT_TRUE("" == string());
}

TEST(String, MoveAndSwap) {
  auto a = make_string("one");
  auto b = make_string(k_small);
  const char* pa = a.data();
  swap(a, b);
  EXPECT_EQ(std_of(a), k_small);
  EXPECT_EQ(b, str("one"));
  EXPECT_EQ(b.data(), pa);
  string c = std::move(b);
  EXPECT_EQ(c.data(), pa);
  EXPECT_TRUE(b.empty());  // NOLINT: moved-from is empty, as documented by vec
  a = std::move(c);
  EXPECT_EQ(a, str("one"));
  a.swap(c);
  EXPECT_EQ(c, str("one"));
  EXPECT_TRUE(a.empty());
}

// ---- lossy decoding ----------------------------------------------------------------------

std::string lossy(const std::string& bytes) {
  auto s = string::try_from_utf8_lossy(std::span<const char>(bytes.data(), bytes.size()));
  if (!s) {
    ADD_FAILURE() << "allocation failed";
    return {};
  }
  return std_of(*s);
}
const std::string R = B({0xEF, 0xBF, 0xBD});  // U+FFFD

TEST(String, LossyReplacesEachMaximalSubpart) {
  // The examples of Unicode 15, section 3.9, "U+FFFD Substitution of Maximal Subparts".
  // Table 3-8: 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64
  EXPECT_EQ(lossy(B({0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62, 0x80, 0x63, 0x80, 0xBF, 0x64})),
            "a" + R + R + R + "b" + R + "c" + R + R + "d");
  // Table 3-9, non-shortest forms: C0 AF E0 80 BF F0 81 82 41 -> 8 x FFFD, A
  EXPECT_EQ(lossy(B({0xC0, 0xAF, 0xE0, 0x80, 0xBF, 0xF0, 0x81, 0x82, 0x41})), R + R + R + R + R + R + R + R + "A");
  // Table 3-10, ill-formed sequences for surrogates: ED A0 80 ED BF BF ED AF 41 -> 8 x FFFD, A
  EXPECT_EQ(lossy(B({0xED, 0xA0, 0x80, 0xED, 0xBF, 0xBF, 0xED, 0xAF, 0x41})), R + R + R + R + R + R + R + R + "A");
  // Table 3-11, other ill-formed sequences: F4 91 92 93 FF 41 80 BF 42
  EXPECT_EQ(lossy(B({0xF4, 0x91, 0x92, 0x93, 0xFF, 0x41, 0x80, 0xBF, 0x42})), R + R + R + R + R + "A" + R + R + "B");
  // Table 3-12, truncated sequences: E1 80 E2 F0 91 92 F1 BF 41
  EXPECT_EQ(lossy(B({0xE1, 0x80, 0xE2, 0xF0, 0x91, 0x92, 0xF1, 0xBF, 0x41})), R + R + R + R + "A");
  // Cut short at the very end: one replacement for the whole maximal subpart.
  EXPECT_EQ(lossy("a" + B({0xF0, 0x90, 0x80})), "a" + R);
  EXPECT_EQ(lossy(B({0xE2, 0x82})), R);
  EXPECT_EQ(lossy(B({0xC3})), R);
  // Valid input is copied as it is, U+FFFD included.
  EXPECT_EQ(lossy(k_small + R), k_small + R);
  EXPECT_EQ(lossy(""), "");
  // Long valid runs between errors.
  const std::string run(40, 'x');
  EXPECT_EQ(lossy(run + B({0xFF}) + run + B({0xC2}) + k_small + B({0xE0, 0x80})), run + R + run + R + k_small + R + R);
}

// ---- infallible API -----------------------------------------------------------------------

#if BARE_OOM_HANDLING
TEST(StringInfallible, SameResultsAsTheTryForms) {
  string s = string::from("h\xC3\xA9");
  s.push_back(U'l');
  s.push_str("lo");
  s.append(" w");
  s += "\xC3\xB6rld";
  s += U'!';
  s.append_int(-42);
  s.append_hex(255, 4, true);
  s.insert(0, U'\u00BF');
  s.insert_str(2, "H");
  s.replace_range(0, 2, "");
  EXPECT_EQ(s, str("Hh\xC3\xA9llo w\xC3\xB6rld!-4200FF"));
  string c = s.clone();
  EXPECT_EQ(c, s);
  string t = c.split_off(6);
  EXPECT_EQ(c, str("Hh\xC3\xA9ll"));
  EXPECT_EQ(t, str("o w\xC3\xB6rld!-4200FF"));
  EXPECT_EQ(t.to_ascii_uppercase(), str("O W\xC3\xB6RLD!-4200FF"));
  EXPECT_EQ(t.to_ascii_lowercase(), str("o w\xC3\xB6rld!-4200ff"));
  string w = string::with_capacity(10);
  EXPECT_EQ(w.capacity(), 10u);
  w.reserve(20);
  EXPECT_GE(w.capacity(), 20u);
  w.reserve_exact(50);
  EXPECT_GE(w.capacity(), 50u);
  w.shrink_to_fit();
  EXPECT_EQ(w.capacity(), 0u);
  EXPECT_STREQ(c.c_str(), "Hh\xC3\xA9ll");
  const std::string bad = "a" + B({0xFF});
  EXPECT_EQ(string::from_utf8_lossy(std::span<const char>(bad.data(), bad.size())), str("a\xEF\xBF\xBD"));
  string u = string::from("x");
  u.insert_str(0, u);  // self-aliasing through the infallible form too
  u.replace_range(0, 1, u);
  u.push_str(u);
  EXPECT_EQ(u, str("xxxxxx"));
}

TEST(StringInfallible, CallsTheHandlerOnFailure) {
  alloc_error_handler_guard g(exiting_alloc_error_handler);
  using FS = bare::string<always_fails>;
  const auto exits = ::testing::ExitedWithCode(alloc_error_exit);
  EXPECT_EXIT((void)FS::from("abc"), exits, "out of memory size=3 align=1;");
  EXPECT_EXIT((void)FS::with_capacity(5), exits, "out of memory size=5 align=1;");
  EXPECT_EXIT((void)FS::from_utf8_lossy(std::span<const char>("\xFF", 1)), exits, "out of memory");
  FS s;
  EXPECT_EXIT(s.push_back(U'a'), exits, "out of memory size=8 align=1;");
  EXPECT_EXIT(s.push_str("abc"), exits, "out of memory");
  EXPECT_EXIT(s += "abc", exits, "out of memory");
  EXPECT_EXIT(s += U'x', exits, "out of memory");
  EXPECT_EXIT(s.append_int(5), exits, "out of memory");
  EXPECT_EXIT(s.append_hex(5), exits, "out of memory");
  EXPECT_EXIT(s.insert(0, U'a'), exits, "out of memory");
  EXPECT_EXIT(s.insert_str(0, "a"), exits, "out of memory");
  EXPECT_EXIT(s.replace_range(0, 0, "a"), exits, "out of memory");
  EXPECT_EXIT((void)s.c_str(), exits, "out of memory");
  EXPECT_EXIT(s.reserve(SIZE_MAX), exits, "capacity overflow");
  EXPECT_EXIT(s.reserve_exact(1), exits, "out of memory size=1 align=1;");
  string h = make_string("abc");
  global_heap_fail_next(1);
  EXPECT_EXIT((void)h.clone(), exits, "out of memory size=3 align=1;");
  global_heap_fail_next(1);
  EXPECT_EXIT((void)h.split_off(1), exits, "out of memory size=2 align=1;");
  global_heap_fail_next(1);
  EXPECT_EXIT((void)h.to_ascii_uppercase(), exits, "out of memory");
  global_heap_fail_next(0);
}
#endif

// ---- panics at the caller's line ----------------------------------------------------------

class StringDeathTest : public ::testing::Test {
 protected:
  panic_handler_guard g_{exiting_panic_handler};
  string s_ = make_string(k_small, 8);  // aé€😀b: boundaries 0, 1, 3, 6, 10, 11
};

TEST_F(StringDeathTest, NotACharBoundary) {
  const char* const nb = "bare::string: index not at a char boundary";
  EXPECT_PANIC_AT(s_.truncate(2), nb);
  EXPECT_PANIC_AT((void)s_.try_split_off(4), nb);
  EXPECT_PANIC_AT((void)s_.try_insert(2, U'x'), nb);
  EXPECT_PANIC_AT((void)s_.try_insert_str(7, "x"), nb);
  EXPECT_PANIC_AT((void)s_.try_insert_str(5, s_.slice(0, 1)), nb);
  EXPECT_PANIC_AT((void)s_.remove(2), nb);
  EXPECT_PANIC_AT(s_.erase(0, 2), nb);
  EXPECT_PANIC_AT(s_.erase(2, 3), nb);
  EXPECT_PANIC_AT((void)s_.drain(4, 6), nb);
  EXPECT_PANIC_AT((void)s_.drain(0, 9), nb);
  EXPECT_PANIC_AT((void)s_.try_replace_range(1, 2, "x"), nb);
  EXPECT_PANIC_AT((void)s_.try_replace_range(8, 10, "x"), nb);
  EXPECT_PANIC_AT((void)s_.slice(1, 2), "bare::str: slice not at a char boundary");
}

TEST_F(StringDeathTest, OutOfRange) {
  EXPECT_PANIC_AT((void)s_.try_split_off(12), "bare::string::split_off: index out of range");
  EXPECT_PANIC_AT((void)s_.remove(11), "bare::string::remove: index out of range");
  EXPECT_PANIC_AT((void)s_.try_insert(12, U'x'), "bare::string: index out of range");
  EXPECT_PANIC_AT((void)s_.try_insert_str(12, "x"), "bare::string: index out of range");
  EXPECT_PANIC_AT(s_.erase(10, 12), "bare::string: index out of range");
  EXPECT_PANIC_AT(s_.erase(3, 1), "bare::string: range first > last");
  EXPECT_PANIC_AT((void)s_.drain(6, 3), "bare::string: range first > last");
  EXPECT_PANIC_AT((void)s_.drain(0, 12), "bare::string: index out of range");
  EXPECT_PANIC_AT((void)s_.try_replace_range(0, 12, "x"), "bare::string: index out of range");
  EXPECT_PANIC_AT((void)s_.slice(0, 12), "bare::str: slice out of range");
  EXPECT_PANIC((void)s_[11], "index out of range");
  string e;
  EXPECT_PANIC_AT((void)e.remove(0), "bare::string::remove: index out of range");
}

TEST_F(StringDeathTest, NotAScalarValue) {
  const char* const ns = "bare::string: not a Unicode scalar value";
  EXPECT_PANIC_AT((void)s_.try_push_back(char32_t{0xD800}), ns);
  EXPECT_PANIC_AT((void)s_.try_push_back(char32_t{0xDBFF}), ns);
  EXPECT_PANIC_AT((void)s_.try_push_back(char32_t{0xDC00}), ns);
  EXPECT_PANIC_AT((void)s_.try_push_back(char32_t{0xDFFF}), ns);
  EXPECT_PANIC_AT((void)s_.try_push_back(char32_t{0x110000}), ns);
  EXPECT_PANIC_AT((void)s_.try_push_back(char32_t{0xFFFFFFFF}), ns);
  EXPECT_PANIC_AT((void)s_.try_insert(0, char32_t{0xD800}), ns);
  EXPECT_PANIC_AT((void)s_.try_insert(1, char32_t{0x110000}), ns);
#if BARE_OOM_HANDLING
  EXPECT_PANIC_AT(s_.push_back(char32_t{0xDFFF}), ns);
  EXPECT_PANIC_AT(s_.insert(0, char32_t{0x7FFFFFFF}), ns);
#endif
}

}  // namespace
