// Differential test of bare::string against std::string (the model): long seeded random
// sequences of operations on text with code points of every length (1 to 4 bytes, and the
// edges of each range), compared after every step (bytes, code points, boundaries, searches).
//
// Two modes, as for vec: plain (every allocation succeeds), and failing (the string's
// allocator fails ~10% of attempts): an operation that reports a failure must leave the string
// exactly as before (bytes, capacity, block), so the model is then not changed.
// A second string (`side`) takes split_off tails, clones and lossy decodings; it is appended
// back.
//
// Replay a failure with the seed it prints: BARE_TEST_SEED=<n> ./bare_string_tests
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "bare/string.hpp"
#include "model/model_support.hpp"
#include "support/rng.hpp"
#include "unit/string_helpers.hpp"

namespace {

using bare::str;
using bare_test::decode;
using bare_test::encode;

enum op : int {
  push_back, push_str, push_str_self, append_int, append_hex, insert_char, insert_str, insert_str_self,
  replace_range, replace_range_self, pop, remove, truncate, erase, retain, drain, split_off, append_side,
  clear, reserve, reserve_exact, shrink_to_fit, c_str, clone, ascii_case, to_ascii_case, lossy, n_ops
};
const char* const op_names[] = {
  "push_back", "push_str", "push_str_self", "append_int", "append_hex", "insert_char", "insert_str",
  "insert_str_self", "replace_range", "replace_range_self", "pop", "remove", "truncate", "erase", "retain",
  "drain", "split_off", "append_side", "clear", "reserve", "reserve_exact", "shrink_to_fit", "c_str", "clone",
  "ascii_case", "to_ascii_case", "lossy"};
static_assert(sizeof(op_names) / sizeof(op_names[0]) == n_ops);

// Invalid byte sequences with the number of U+FFFD that lossy decoding makes of each, and
// whether it is a sequence cut short (then a following continuation byte would extend it).
struct bad_piece {
  std::string bytes;
  int replacements;
  bool cut_short;
  bool starts_with_continuation;
};
const bad_piece bad_pieces[] = {
    {"\xFF", 1, false, false},          {"\xC0\x80", 2, false, false},     {"\x80", 1, false, true},
    {"\xBF\x80", 2, false, true},       {"\xE1\x80", 1, true, false},      {"\xF0\x90\x80", 1, true, false},
    {"\xED\xA0\x80", 3, false, false},  {"\xF4\x90\x80\x80", 4, false, false}, {"\xC2", 1, true, false},
    {"\xE0\x9F\xBF", 3, false, false},  {"\xF5", 1, false, false},
};
const std::string replacement = "\xEF\xBF\xBD";

template <class A>
class model_run {
 public:
  using S = bare::string<A>;

  model_run(std::uint64_t seed, A a, bool may_fail) : r_(seed), s_(a), side_(a), may_fail_(may_fail) {}

  void run(int steps) {
    for (int step = 0; step < steps; ++step) {
      const op o = pick_();
      SCOPED_TRACE("step " + std::to_string(step) + ": " + op_names[o] + ", size " + std::to_string(m_.size()));
      const std::size_t cap = s_.capacity();
      const char* data = s_.data();
      const bool ok = apply_(o);
      if (!ok) {
        ASSERT_TRUE(may_fail_) << "an operation failed although no failure can be injected";
        ++failed_ops;
        ASSERT_EQ(s_.capacity(), cap) << "capacity changed by a failed operation";
        ASSERT_EQ(s_.data(), data) << "block changed by a failed operation";
      } else {
        ++ok_ops;
      }
      check_();
      if (::testing::Test::HasFatalFailure()) return;
    }
  }

  std::size_t ok_ops = 0, failed_ops = 0;

 private:
  op pick_() {
    static constexpr op growing[] = {push_back, push_str, push_str_self, insert_str, append_int, append_side};
    const std::size_t n = m_.size();
    if (n > 600 && r_.chance(50)) return r_.chance(50) ? erase : truncate;
    if (n < 48 && r_.chance(40)) return growing[r_.below(std::size(growing))];
    return static_cast<op>(r_.below(n_ops));
  }
  std::size_t index_(std::size_t n) { return static_cast<std::size_t>(r_.below(n)); }

  char32_t code_point_() {
    static constexpr char32_t edges[] = {0,      0x7F,   0x80,    0x7FF,   0x800,    0xD7FF,
                                         0xE000, 0xFFFD, 0xFFFF,  0x10000, 0x10FFFF, 0xFEFF};
    switch (r_.below(8)) {
      case 0: return edges[r_.below(std::size(edges))];
      case 1: return static_cast<char32_t>(0x80 + r_.below(0x800 - 0x80));
      case 2: {
        char32_t c = static_cast<char32_t>(0x800 + r_.below(0x10000 - 0x800));
        return c >= 0xD800 && c <= 0xDFFF ? c + 0x800 : c;  // no surrogates
      }
      case 3: return static_cast<char32_t>(0x10000 + r_.below(0x110000 - 0x10000));
      case 4: return static_cast<char32_t>(r_.chance(50) ? 'A' + r_.below(26) : 'a' + r_.below(26));
      default: return static_cast<char32_t>(0x20 + r_.below(0x5F));
    }
  }
  std::string text_(std::size_t max_chars) {
    std::string t;
    for (std::size_t k = index_(max_chars + 1); k > 0; --k) t += encode(code_point_());
    return t;
  }
  // The char boundaries of the model, 0 and size() included.
  std::vector<std::size_t> bounds_() const {
    std::vector<std::size_t> b;
    for (std::size_t i = 0; i < m_.size(); ++i)
      if ((static_cast<unsigned char>(m_[i]) & 0xC0) != 0x80) b.push_back(i);
    b.push_back(m_.size());
    return b;
  }
  std::size_t boundary_() {
    const auto b = bounds_();
    return b[index_(b.size())];
  }
  // A random boundary range of at most ~16 code points.
  std::pair<std::size_t, std::size_t> range_() {
    const auto b = bounds_();
    const std::size_t i = index_(b.size());
    const std::size_t j = std::min(b.size() - 1, i + index_(17));
    return {b[i], b[j]};
  }
  str view_(const std::string& t) { return str::from_utf8_unchecked(t.data(), t.size()); }

  bool apply_(op o) {
    const std::size_t n = m_.size();
    switch (o) {
      case push_back: {
        const char32_t c = code_point_();
        if (!s_.try_push_back(c)) return false;
        m_ += encode(c);
        return true;
      }
      case push_str: {
        const std::string t = text_(12);
        if (!s_.try_push_str(view_(t))) return false;
        m_ += t;
        return true;
      }
      case push_str_self: {
        const auto [a, b] = range_();
        if (!s_.try_push_str(s_.slice(a, b))) return false;
        m_ += m_.substr(a, b - a);
        return true;
      }
      case append_int: {
        const std::uint64_t raw = r_.next() >> r_.below(64);
        bool ok = true;
        std::string want;
        switch (r_.below(4)) {
          case 0: ok = s_.try_append_int(static_cast<std::int64_t>(raw)).has_value(); want = std::to_string(static_cast<std::int64_t>(raw)); break;
          case 1: ok = s_.try_append_int(raw).has_value(); want = std::to_string(raw); break;
          case 2: ok = s_.try_append_int(static_cast<int>(raw)).has_value(); want = std::to_string(static_cast<int>(raw)); break;
          default: ok = s_.try_append_int(static_cast<signed char>(raw)).has_value(); want = std::to_string(static_cast<signed char>(raw)); break;
        }
        if (!ok) return false;
        m_ += want;
        return true;
      }
      case append_hex: {
        const std::uint64_t v = r_.next() >> r_.below(64);
        const auto digits = static_cast<unsigned>(r_.below(18));
        const bool upper = r_.chance(50);
        if (!s_.try_append_hex(v, digits, upper)) return false;
        std::string h;
        for (std::uint64_t x = v; x != 0; x >>= 4) h.insert(h.begin(), (upper ? "0123456789ABCDEF" : "0123456789abcdef")[x & 15]);
        if (h.empty()) h = "0";
        while (h.size() < std::min(digits, 16u)) h.insert(h.begin(), '0');
        m_ += h;
        return true;
      }
      case insert_char: {
        const std::size_t at = boundary_();
        const char32_t c = code_point_();
        if (!s_.try_insert(at, c)) return false;
        m_.insert(at, encode(c));
        return true;
      }
      case insert_str: {
        const std::size_t at = boundary_();
        const std::string t = text_(8);
        if (!s_.try_insert_str(at, view_(t))) return false;
        m_.insert(at, t);
        return true;
      }
      case insert_str_self: {
        const std::size_t at = boundary_();
        const auto [a, b] = range_();
        if (!s_.try_insert_str(at, s_.slice(a, b))) return false;
        m_.insert(at, m_.substr(a, b - a));
        return true;
      }
      case replace_range: {
        const auto [a, b] = range_();
        const std::string t = text_(8);
        if (!s_.try_replace_range(a, b, view_(t))) return false;
        m_.replace(a, b - a, t);
        return true;
      }
      case replace_range_self: {
        const auto [a, b] = range_();
        const auto [c, d] = range_();
        if (!s_.try_replace_range(a, b, s_.slice(c, d))) return false;
        m_.replace(a, b - a, m_.substr(c, d - c));
        return true;
      }
      case pop: {
        const auto p = s_.pop();
        if (n == 0) {
          EXPECT_FALSE(p);
          return true;
        }
        const std::size_t last = bounds_().rbegin()[1];
        EXPECT_TRUE(p && decode(m_.substr(last)) == std::u32string(1, *p));
        m_.erase(last);
        return true;
      }
      case remove: {
        if (n == 0) return true;
        auto b = bounds_();
        const std::size_t i = index_(b.size() - 1);
        const char32_t c = s_.remove(b[i]);
        EXPECT_EQ(std::u32string(1, c), decode(m_.substr(b[i], b[i + 1] - b[i])));
        m_.erase(b[i], b[i + 1] - b[i]);
        return true;
      }
      case truncate: {
        const std::size_t to = r_.chance(10) ? n + index_(4) : boundary_();
        s_.truncate(to);
        if (to < n) m_.resize(to);
        return true;
      }
      case erase: {
        const auto [a, b] = range_();
        s_.erase(a, b);
        m_.erase(a, b - a);
        return true;
      }
      case retain: {
        const char32_t k = static_cast<char32_t>(r_.between(2, 7));
        std::u32string seen;
        s_.retain([&](char32_t c) {
          seen += c;
          return c % k != 0;
        });
        const std::u32string all = decode(m_);
        EXPECT_EQ(seen, all) << "retain visits each code point once, in order";
        std::string kept;
        for (char32_t c : all)
          if (c % k != 0) kept += encode(c);
        m_ = kept;
        return true;
      }
      case drain: {
        const auto [a, b] = range_();
        const std::size_t take = index_(b - a + 1);  // code points to consume (may be all)
        std::u32string got;
        {
          auto d = s_.drain(a, b);
          EXPECT_EQ(d.as_str(), view_(m_.substr(a, b - a)));
          for (char32_t c : d) {
            if (got.size() == take) break;
            got += c;
          }
        }
        const std::u32string want = decode(m_.substr(a, b - a));
        EXPECT_EQ(got, want.substr(0, take));
        m_.erase(a, b - a);
        return true;
      }
      case split_off: {
        const auto b = bounds_();
        const std::size_t at = b[b.size() - 1 - index_(std::min<std::size_t>(b.size(), 24))];
        auto t = s_.try_split_off(at);
        if (!t) return false;
        EXPECT_EQ(t->capacity(), n - at);
        side_ = std::move(*t);
        side_m_ = m_.substr(at);
        m_.resize(at);
        return true;
      }
      case append_side: {
        if (!s_.try_push_str(side_)) return false;
        m_ += side_m_;
        return true;
      }
      case clear:
        if (!r_.chance(15)) return true;
        s_.clear();
        m_.clear();
        return true;
      case reserve: {
        const std::size_t add = index_(64);
        if (!s_.try_reserve(add)) return false;
        EXPECT_GE(s_.capacity(), n + add);
        return true;
      }
      case reserve_exact: {
        const std::size_t add = index_(64), cap = s_.capacity();
        if (!s_.try_reserve_exact(add)) return false;
        EXPECT_EQ(s_.capacity(), std::max(cap, n + add));
        return true;
      }
      case shrink_to_fit:
        if (!s_.try_shrink_to_fit()) return false;
        EXPECT_EQ(s_.capacity(), n);
        return true;
      case c_str: {
        auto p = s_.try_c_str();
        if (!p) return false;
        EXPECT_EQ(*p, s_.data());
        EXPECT_EQ((*p)[n], '\0');
        EXPECT_EQ(std::string(*p, n), m_);
        return true;
      }
      case clone: {
        auto c = s_.try_clone();
        if (!c) return false;
        EXPECT_TRUE(*c == s_);
        EXPECT_EQ(c->capacity(), n);
        if (r_.chance(50)) {
          side_ = std::move(*c);
          side_m_ = m_;
        }
        return true;
      }
      case ascii_case: {
        const bool up = r_.chance(50);
        if (up) s_.make_ascii_uppercase();
        else s_.make_ascii_lowercase();
        for (char& ch : m_)
          if (up ? (ch >= 'a' && ch <= 'z') : (ch >= 'A' && ch <= 'Z')) ch = static_cast<char>(ch ^ 0x20);
        return true;
      }
      case to_ascii_case: {
        const bool up = r_.chance(50);
        auto c = up ? s_.try_to_ascii_uppercase() : s_.try_to_ascii_lowercase();
        if (!c) return false;
        std::string want = m_;
        for (char& ch : want)
          if (up ? (ch >= 'a' && ch <= 'z') : (ch >= 'A' && ch <= 'Z')) ch = static_cast<char>(ch ^ 0x20);
        EXPECT_EQ(std::string(c->data(), c->size()), want);
        side_ = std::move(*c);
        side_m_ = want;
        return true;
      }
      case lossy: {
        // Valid text and known invalid pieces, interleaved; the expected output is built
        // piece by piece (a piece cut short is never followed by a continuation byte).
        std::string bytes, want;
        bool prev_cut = false;
        for (std::size_t k = index_(8); k > 0; --k) {
          if (r_.chance(50)) {
            const std::string t = text_(4);
            bytes += t;
            want += t;
            prev_cut = prev_cut && t.empty();
            continue;
          }
          const bad_piece& p = bad_pieces[index_(std::size(bad_pieces))];
          if (prev_cut && p.starts_with_continuation) continue;
          bytes += p.bytes;
          for (int i = 0; i < p.replacements; ++i) want += replacement;
          prev_cut = p.cut_short;
        }
        auto l = S::try_from_utf8_lossy(std::span<const char>(bytes.data(), bytes.size()), s_.allocator());
        if (!l) return false;
        EXPECT_EQ(std::string(l->data(), l->size()), want);
        side_ = std::move(*l);
        side_m_ = want;
        return true;
      }
      case n_ops:
        break;
    }
    ADD_FAILURE() << "unknown op";
    return true;
  }

  void check_() {
    ASSERT_EQ(std::string(s_.data() ? s_.data() : "", s_.size()), m_);
    ASSERT_EQ(std::string(side_.data() ? side_.data() : "", side_.size()), side_m_) << "(the side string)";
    ASSERT_LE(s_.size(), s_.capacity());
    ASSERT_EQ(s_.capacity() == 0, s_.data() == nullptr);
    ASSERT_TRUE(str::from_utf8(s_.bytes())) << "the string holds invalid UTF-8";
    // Code points, forwards and backwards, with their offsets.
    const std::u32string cps = decode(m_);
    std::u32string fwd, back;
    for (char32_t c : s_.chars()) fwd += c;
    ASSERT_EQ(fwd, cps);
    const auto r = s_.chars();
    for (auto it = r.end(); it != r.begin();) back += *--it;
    std::reverse(back.begin(), back.end());
    ASSERT_EQ(back, cps);
    const auto b = bounds_();
    std::size_t k = 0;
    for (bare::char_index ci : s_.char_indices()) ASSERT_EQ(ci.index, b[k++]);
    ASSERT_EQ(k + 1, b.size());
    ASSERT_EQ(s_.as_str().char_count(), cps.size());
    // Boundaries, and searches against std::string's.
    const std::size_t i = index_(m_.size() + 2);
    ASSERT_EQ(s_.is_char_boundary(i), std::find(b.begin(), b.end(), i) != b.end()) << i;
    if (!m_.empty()) {
      const std::size_t a = b[index_(b.size())], e = std::min(m_.size(), a + index_(6));
      const std::size_t e2 = *std::lower_bound(b.begin(), b.end(), e);  // round up to a boundary
      const std::string needle = m_.substr(a, e2 - a);
      auto want = [](std::size_t p) { return p == std::string::npos ? std::nullopt : std::optional<std::size_t>(p); };
      ASSERT_EQ(s_.find(view_(needle)), want(m_.find(needle)));
      ASSERT_EQ(s_.rfind(view_(needle)), want(m_.rfind(needle)));
      const char32_t c = code_point_();
      ASSERT_EQ(s_.find(c), want(m_.find(encode(c))));
      ASSERT_EQ(s_.contains(c), m_.find(encode(c)) != std::string::npos);
    }
    ASSERT_EQ((s_ <=> side_) < 0, m_ < side_m_);
    ASSERT_EQ(s_ == side_, m_ == side_m_);
  }

  bare_test::rng r_;
  S s_;
  S side_;
  std::string m_, side_m_;
  bool may_fail_;
};

TEST(StringModel, Plain) { bare_test::plain_model_runs<model_run>(4, 3000); }
TEST(StringModel, WithRandomAllocationFailures) { bare_test::failing_model_runs<model_run>(4, 3000, 50); }

}  // namespace
