// libFuzzer target for UTF-8: the input bytes go through bare::str::from_utf8,
// bare::string::from_utf8 and bare::string::try_from_utf8_lossy, and through a reference
// decoder written here straight from Unicode's table 3-7 (no shared code with the library);
// any difference is a __builtin_trap().
//
// Checked: ok / valid_up_to / error_len (Rust's Utf8Error: error_len is the length of the
// longest prefix of a well-formed sequence, 1..3, or 0 when the input ends inside one); the
// lossy string (one U+FFFD per maximal subpart); for valid input, the code points forwards
// and backwards with their offsets, char boundaries, and re-encoding through push_back.
//
// Built by tests/CMakeLists.txt when BARE_FUZZ (clang), run by tools/test.sh for a bounded
// time: build/fuzz/tests/fuzz/utf8_fuzz -max_total_time=60 corpus/
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "bare/alloc/malloc.hpp"
#include "bare/str.hpp"
#include "bare/string.hpp"
#include "fuzz_support.hpp"

namespace {

using S = bare::string<bare::malloc_allocator>;

// Unicode 15, table 3-7: the well-formed byte sequences, one row per form; byte k of a
// sequence of the form lies in [lo[k], hi[k]].
struct form {
  unsigned len;
  unsigned char lo[4], hi[4];
};
constexpr form table_3_7[] = {
    {1, {0x00}, {0x7F}},
    {2, {0xC2, 0x80}, {0xDF, 0xBF}},
    {3, {0xE0, 0xA0, 0x80}, {0xE0, 0xBF, 0xBF}},
    {3, {0xE1, 0x80, 0x80}, {0xEC, 0xBF, 0xBF}},
    {3, {0xED, 0x80, 0x80}, {0xED, 0x9F, 0xBF}},
    {3, {0xEE, 0x80, 0x80}, {0xEF, 0xBF, 0xBF}},
    {4, {0xF0, 0x90, 0x80, 0x80}, {0xF0, 0xBF, 0xBF, 0xBF}},
    {4, {0xF1, 0x80, 0x80, 0x80}, {0xF3, 0xBF, 0xBF, 0xBF}},
    {4, {0xF4, 0x80, 0x80, 0x80}, {0xF4, 0x8F, 0xBF, 0xBF}},
};

// What the reference sees at position i of the input.
struct step {
  unsigned len;     // > 0: a well-formed sequence of this length starts at i
  unsigned prefix;  // else: bytes at i that are a prefix of some well-formed sequence (0..3)
  bool at_end;      // else: whether that prefix runs to the end of the input
};

step look(const std::uint8_t* p, std::size_t n, std::size_t i) {
  unsigned best = 0;
  bool best_at_end = false;
  for (const form& f : table_3_7) {
    unsigned k = 0;
    while (k < f.len && i + k < n && p[i + k] >= f.lo[k] && p[i + k] <= f.hi[k]) ++k;
    if (k == f.len) return {f.len, 0, false};
    if (k > best) {
      best = k;
      best_at_end = i + k == n;
    }
  }
  return {0, best, best_at_end};
}

char32_t decode_at(const std::uint8_t* p, unsigned len) {
  if (len == 1) return p[0];
  char32_t c = p[0] & (0xFFu >> (len + 1));
  for (unsigned k = 1; k < len; ++k) c = (c << 6) | (p[k] & 0x3Fu);
  return c;
}

struct reference {
  bool ok = true;
  bare::utf8_error error{};
  std::vector<std::uint8_t> lossy;
  std::vector<char32_t> chars;
  std::vector<std::size_t> offsets;
};

reference run_reference(const std::uint8_t* p, std::size_t n) {
  reference r;
  std::size_t i = 0;
  while (i < n) {
    const step s = look(p, n, i);
    if (s.len != 0) {
      r.lossy.insert(r.lossy.end(), p + i, p + i + s.len);
      r.chars.push_back(decode_at(p + i, s.len));
      r.offsets.push_back(i);
      i += s.len;
      continue;
    }
    if (r.ok) {
      r.ok = false;
      r.error = {i, static_cast<std::uint8_t>(s.at_end ? 0 : (s.prefix == 0 ? 1 : s.prefix))};
    }
    r.lossy.insert(r.lossy.end(), {0xEF, 0xBF, 0xBD});  // one U+FFFD per maximal subpart
    i += s.prefix == 0 ? 1 : s.prefix;
  }
  return r;
}

bool same_bytes(bare::str s, const std::vector<std::uint8_t>& v) {
  if (s.size() != v.size()) return false;
  for (std::size_t i = 0; i < v.size(); ++i)
    if (static_cast<std::uint8_t>(s.data()[i]) != v[i]) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const char> bytes(reinterpret_cast<const char*>(data), size);
  const reference want = run_reference(data, size);

  // str::from_utf8
  auto v = bare::str::from_utf8(bytes);
  FUZZ_CHECK(v.has_value() == want.ok);
  if (!want.ok) {
    FUZZ_CHECK(v.error() == want.error);
  } else {
    FUZZ_CHECK(v->data() == bytes.data() || size == 0);
    FUZZ_CHECK(v->size() == size);
  }

  // string::from_utf8 agrees, and on error leaves the bytes with the caller.
  {
    auto b = bare::vec<char, bare::malloc_allocator>::try_from(bytes);
    FUZZ_CHECK(b.has_value());
    auto s = S::from_utf8(static_cast<bare::vec<char, bare::malloc_allocator>&&>(*b));
    FUZZ_CHECK(s.has_value() == want.ok);
    if (!want.ok) {
      FUZZ_CHECK(s.error() == want.error);
      FUZZ_CHECK(b->size() == size);
    }
  }

  // Lossy decoding.
  {
    auto l = S::try_from_utf8_lossy(bytes);
    FUZZ_CHECK(l.has_value());
    FUZZ_CHECK(same_bytes(*l, want.lossy));
    FUZZ_CHECK(bare::str::from_utf8(l->bytes()).has_value());
  }

  if (!want.ok) return 0;

  // Valid input: code points, offsets, boundaries; re-encoding reproduces the bytes.
  const bare::str s = *v;
  std::size_t k = 0;
  for (bare::char_index ci : s.char_indices()) {
    FUZZ_CHECK(k < want.chars.size());
    FUZZ_CHECK(ci.ch == want.chars[k] && ci.index == want.offsets[k]);
    ++k;
  }
  FUZZ_CHECK(k == want.chars.size());
  FUZZ_CHECK(s.char_count() == want.chars.size());
  auto r = s.chars();
  for (auto it = r.end(); it != r.begin();) FUZZ_CHECK(*--it == want.chars[--k]);
  FUZZ_CHECK(k == 0);
  std::size_t next = 0;
  for (std::size_t i = 0; i <= size; ++i) {
    const bool boundary = i == size || (next < want.offsets.size() && want.offsets[next] == i);
    if (boundary && i < size) ++next;
    FUZZ_CHECK(s.is_char_boundary(i) == boundary);
  }
  S out;
  for (char32_t c : want.chars) FUZZ_CHECK(out.try_push_back(c).has_value());
  FUZZ_CHECK(out == s);
  return 0;
}
