// bench/groups/string.cpp — bare::string and bare::str against std::string (and Rust's String
// and str, in bench/rust/groups.rs), on generated UTF-8 text.
//
// The text (the same bytes in Rust: word_stream below and WordStream there): a stream of
// words from splitmix64(data_seed); each word is 1..10 code points of one script, then a
// space: Latin a-z (50% of the words), Cyrillic U+0400..U+04FF (2 bytes, 25%), CJK
// U+4E00..U+9DFF (3 bytes, 20%), emoji U+1F300..U+1F5FF (4 bytes, 5%): about 11 bytes per
// word, a third of them ASCII. text(n) is the first n bytes of the stream, cut at the last
// word end and padded with spaces to exactly n bytes.
//
// Workloads (times are the thread's CPU time):
//   append             empty string, append the first n words of the stream one by one
//                      (pieces of 2..41 bytes, precomputed views), drop it; ns per piece
//   clone              copy a string of text(n), drop the copy; ns per byte
//   utf8_validate_1mib validate text(2^20) (1 MiB): bare::str::from_utf8 against Rust's
//                      std::str::from_utf8 (no std peer: C++ has no UTF-8 validation);
//                      ns per byte; n = 2^20 (runs once per run, with the 10^3 sizes)
//   clone_short        n short strings (5..22 bytes of a-z, short_strings below); clone
//                      each into a vector (reserved outside the timed part), then clear
//                      the vector (drops the clones); ns per string
//   append_short       build n short strings, each from empty by appending its two halves,
//                      into a vector, then clear it; ns per string
// The short rows (n <= 10^6) measure what a small-string optimisation would buy: std::string keeps up
// to 15 bytes inside the object (no allocation); bare::string and Rust's String always
// allocate.
//
// impl: bare = bare::string<malloc_allocator>; bare-region = bare::string<> on the region
// allocator (bare::global, see harness.cpp); std = std::string.
#include <cstdio>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "bare/alloc/malloc.hpp"
#include "bare/str.hpp"
#include "bare/string.hpp"
#include "harness.hpp"

const char* const bench::group_name = "string";

namespace {

using bench::u64;
using bare_string = bare::string<bare::malloc_allocator>;
using region_string = bare::string<>;
using std_string = std::string;

constexpr std::size_t utf8_bytes = std::size_t{1} << 20;
// FNV-1a 64 of text(utf8_bytes): Rust checks the same value, so both validate the same bytes.
constexpr u64 utf8_text_fnv = 0xcfb54c505fefbd38ull;
// The short-string rows stop at 10^6 strings: more only adds memory traffic (and seconds
// of set-up per repetition).
constexpr std::size_t short_max_n = 1000000;
// The seed of the short strings (bench/rust/groups.rs: the same).
constexpr u64 short_seed = 43;

// ---- the text --------------------------------------------------------------------------------

void push_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

class word_stream {
 public:
  // Appends the next word and its space to out.
  void next(std::string& out) {
    const u64 r = rng_.next();
    const u64 script = r % 20, len = 1 + (r >> 32) % 10;
    for (u64 k = 0; k < len; ++k) {
      const u64 c = rng_.next();
      char32_t cp;
      if (script < 10) cp = static_cast<char32_t>('a' + c % 26);
      else if (script < 15) cp = static_cast<char32_t>(0x0400 + c % 0x100);
      else if (script < 19) cp = static_cast<char32_t>(0x4E00 + c % 0x5000);
      else cp = static_cast<char32_t>(0x1F300 + c % 0x300);
      push_utf8(out, cp);
    }
    out += ' ';
  }

 private:
  bench::splitmix64 rng_{bench::data_seed};
};

// The first n words of the stream: their bytes and the offset where each ends.
struct words {
  std::string bytes;
  std::vector<std::size_t> ends;
};
const words& first_words(std::size_t n) {
  static words w;
  if (w.ends.size() != n) {
    w = {};
    w.ends.reserve(n);
    word_stream s;
    for (std::size_t i = 0; i < n; ++i) {
      s.next(w.bytes);
      w.ends.push_back(w.bytes.size());
    }
  }
  return w;
}

// text(n): exactly n bytes, valid UTF-8.
std::string text(std::size_t n) {
  std::string t;
  word_stream s;
  std::size_t last_end = 0;
  while (t.size() <= n) {
    last_end = t.size();
    s.next(t);
  }
  t.resize(last_end);
  t.resize(n, ' ');
  return t;
}

u64 fnv1a(std::string_view s) {
  u64 h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
  return h;
}

// n strings of 5..22 bytes: string i's length is 5 + r % 18 for the i-th draw r of
// splitmix64(short_seed), then one draw per byte ('a' + draw % 26).
const words& short_strings(std::size_t n) {
  static words w;
  if (w.ends.size() != n) {
    w = {};
    w.ends.reserve(n);
    bench::splitmix64 r(short_seed);
    for (std::size_t i = 0; i < n; ++i) {
      const u64 len = 5 + r.next() % 18;
      for (u64 k = 0; k < len; ++k) w.bytes += static_cast<char>('a' + r.next() % 26);
      w.ends.push_back(w.bytes.size());
    }
  }
  return w;
}

// ---- the operations whose spelling differs ---------------------------------------------------

// The view type each string appends: bare::str or std::string_view.
template <class S>
using view_of = std::conditional_t<std::is_same_v<S, std_string>, std::string_view, bare::str>;

template <class S>
view_of<S> view(const std::string& bytes, std::size_t first, std::size_t last) {
  if constexpr (std::is_same_v<S, std_string>) return std::string_view(bytes).substr(first, last - first);
  else return bare::str::from_utf8_unchecked(bytes.data() + first, last - first);
}

// The views of w's pieces; with halves, each piece as its two halves.
template <class S>
std::vector<view_of<S>> pieces(const words& w, bool halves) {
  std::vector<view_of<S>> out;
  std::size_t first = 0;
  for (std::size_t last : w.ends) {
    if (halves) {
      const std::size_t mid = first + (last - first) / 2;
      out.push_back(view<S>(w.bytes, first, mid));
      out.push_back(view<S>(w.bytes, mid, last));
    } else {
      out.push_back(view<S>(w.bytes, first, last));
    }
    first = last;
  }
  return out;
}

template <class S>
S make_string(view_of<S> v) {
  if constexpr (std::is_same_v<S, std_string>) return S(v);
  else return S::from(v);
}

template <class S>
S clone(const S& s) {
  if constexpr (requires { s.clone(); }) return s.clone();
  else return s;
}

// ---- the workloads ---------------------------------------------------------------------------

struct append {
  template <class S>
  static void run(benchmark::State& state, std::size_t n) {
    const auto ps = pieces<S>(first_words(n), false);
    for (auto _ : state) {
      S s;
      for (const auto& p : ps) s.append(p);
      benchmark::DoNotOptimize(s.data());
    }
  }
};

struct clone_drop {
  template <class S>
  static void run(benchmark::State& state, std::size_t n) {
    const std::string t = text(n);
    const S s = make_string<S>(view<S>(t, 0, t.size()));
    for (auto _ : state) {
      S c = clone(s);
      benchmark::DoNotOptimize(c.data());
    }
  }
};

struct clone_short {
  template <class S>
  static void run(benchmark::State& state, std::size_t n) {
    std::vector<S> src, out;
    src.reserve(n);
    out.reserve(n);
    for (const auto& p : pieces<S>(short_strings(n), false)) src.push_back(make_string<S>(p));
    for (auto _ : state) {
      for (const S& s : src) out.push_back(clone(s));
      benchmark::DoNotOptimize(out.data());
      out.clear();
    }
  }
};

struct append_short {
  template <class S>
  static void run(benchmark::State& state, std::size_t n) {
    const auto ps = pieces<S>(short_strings(n), true);
    std::vector<S> out;
    out.reserve(n);
    for (auto _ : state) {
      for (std::size_t i = 0; i < ps.size(); i += 2) {
        S s;
        s.append(ps[i]);
        s.append(ps[i + 1]);
        out.push_back(std::move(s));
      }
      benchmark::DoNotOptimize(out.data());
      out.clear();
    }
  }
};

void utf8_validate(benchmark::State& state) {
  const std::string t = text(utf8_bytes);
  if (fnv1a(t) != utf8_text_fnv) {
    state.SkipWithError("the 1 MiB text is not the expected one");
    return;
  }
  for (auto _ : state) {
    auto s = bare::str::from_utf8(t.data(), t.size());
    if (!s) state.SkipWithError("bare::str::from_utf8 rejected valid text");
    benchmark::DoNotOptimize(s);
  }
}

template <class W>
void add_all(const char* workload, std::size_t n) {
  bench::add_impls<W>(workload, n, bench::impl<bare_string>{"bare"}, bench::impl<region_string>{"bare-region"},
                      bench::impl<std_string>{"std"});
}

}  // namespace

void bench::register_group(const config& cfg) {
  for (std::size_t n : cfg.sizes) {
    add_all<append>("append", n);
    add_all<clone_drop>("clone", n);
    if (n == first_size) add_time("utf8_validate_1mib", "bare", utf8_bytes, utf8_bytes, utf8_validate);
    if (n <= short_max_n) add_all<clone_short>("clone_short", n);
    if (n <= short_max_n) add_all<append_short>("append_short", n);
  }
  add_mode("text-fnv", [](int, char**) {
    std::printf("%016llx\n", static_cast<unsigned long long>(fnv1a(text(utf8_bytes))));
    return 0;
  });
}
