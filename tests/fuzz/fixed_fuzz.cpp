// libFuzzer target for the fixed-capacity containers: the input is a program of operations,
// each run on a fixed_vec<T, 11> (directly or through a vec_view), a fixed_deque<T, 7>
// (directly or through a deque_view) and a fixed_string<20> (directly or through a
// string_buf), mirrored on std models. An operation whose result would exceed the capacity must
// report alloc_errc::full and leave the container exactly as before; any divergence or broken
// invariant is a __builtin_trap().
//
// Input layout: byte 0 chooses the element type (even: int, odd: boxed_int, which owns heap
// memory so that leaks and double frees show up under ASan); then groups of 3 bytes
// [op, a, b].
//
// Built by tests/CMakeLists.txt when BARE_FUZZ (clang), run by tools/test.sh for a bounded
// time: build/fuzz/tests/fuzz/fixed_fuzz -max_total_time=30
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "bare/deque_view.hpp"
#include "bare/fixed_deque.hpp"
#include "bare/fixed_string.hpp"
#include "bare/fixed_vec.hpp"
#include "bare/string_buf.hpp"
#include "bare/vec_view.hpp"
#include "fuzz_support.hpp"

namespace {

using bare_fuzz::boxed_int;
using bare_fuzz::get;

template <class R>
bool refused(const R& r) {
  return !r && r.error().kind == bare::alloc_errc::full;
}

template <class T>
struct machine {
  static constexpr std::size_t NV = 11, ND = 7, NS = 20;
  bare::fixed_vec<T, NV> v;
  bare::fixed_deque<T, ND> d;
  bare::fixed_string<NS> s;
  std::vector<int> mv;
  std::deque<int> md;
  std::string ms;

  static std::ptrdiff_t off(std::size_t i) { return static_cast<std::ptrdiff_t>(i); }

  void check() {
    FUZZ_CHECK(v.size() == mv.size() && v.size() <= NV);
    for (std::size_t i = 0; i < mv.size(); ++i) FUZZ_CHECK(get(v[i]) == mv[i]);
    FUZZ_CHECK(d.check() && d.size() == md.size());
    std::size_t i = 0;
    for (const T& e : d) FUZZ_CHECK(get(e) == md[i++]);
    FUZZ_CHECK(s.size() == ms.size() && std::string(s.data(), s.size()) == ms);
    FUZZ_CHECK(bare::str::from_utf8(s.bytes()).has_value());
  }

  // An operation on a vec-like V (a fixed_vec or a view of it).
  template <class V>
  void vec_op(V& x, std::uint8_t op, std::uint8_t a, std::uint8_t b) {
    const std::size_t n = mv.size();
    const int val = b % 32;
    const std::size_t at = a % (n + 1);
    switch (op % 8) {
      case 0: {
        auto r = x.try_push_back(T(val));
        if (n == NV) FUZZ_CHECK(refused(r));
        else mv.push_back(val);
        break;
      }
      case 1: {
        auto r = x.try_insert(x.begin() + off(at), T(val));
        if (n == NV) FUZZ_CHECK(refused(r));
        else mv.insert(mv.begin() + off(at), val);
        break;
      }
      case 2: {
        const std::size_t k = b % 5;
        const T tx(val);
        auto r = x.try_insert(x.begin() + off(at), k, tx);
        if (n + k > NV) FUZZ_CHECK(refused(r));
        else mv.insert(mv.begin() + off(at), k, val);
        break;
      }
      case 3: {
        const std::size_t to = b % 16;
        auto r = x.try_resize(to, T(val));
        if (to > NV) FUZZ_CHECK(refused(r));
        else mv.resize(to, val);
        break;
      }
      case 4:
        if (n != 0) {
          const std::size_t k = a % n;
          FUZZ_CHECK(get(x.remove(k)) == mv[k]);
          mv.erase(mv.begin() + off(k));
        }
        break;
      case 5:
        x.retain([val](const T& e) { return get(e) % 3 != val % 3; });
        std::erase_if(mv, [val](int e) { return e % 3 == val % 3; });
        break;
      case 6: {  // extend from a part of itself
        const std::size_t lo = a % (n + 1), hi = lo + b % (n - lo + 1);
        auto r = x.try_extend_from(std::span<const T>(x.data() + lo, hi - lo));
        if (n + (hi - lo) > NV) {
          FUZZ_CHECK(refused(r));
        } else {
          const std::vector<int> part(mv.begin() + off(lo), mv.begin() + off(hi));
          mv.insert(mv.end(), part.begin(), part.end());
        }
        break;
      }
      case 7: {
        const std::size_t lo = a % (n + 1), hi = lo + b % (n - lo + 1);
        x.erase(x.begin() + off(lo), x.begin() + off(hi));
        mv.erase(mv.begin() + off(lo), mv.begin() + off(hi));
        break;
      }
    }
  }

  template <class D>
  void deque_op(D& x, std::uint8_t op, std::uint8_t a, std::uint8_t b) {
    const std::size_t n = md.size();
    const int val = b % 32;
    switch (op % 7) {
      case 0: {
        auto r = x.try_push_back(T(val));
        if (n == ND) FUZZ_CHECK(refused(r));
        else md.push_back(val);
        break;
      }
      case 1: {
        auto r = x.try_push_front(T(val));
        if (n == ND) FUZZ_CHECK(refused(r));
        else md.push_front(val);
        break;
      }
      case 2: {
        auto old = x.push_back_overwrite(T(val));
        FUZZ_CHECK(old.has_value() == (n == ND));
        if (old) {
          FUZZ_CHECK(get(*old) == md.front());
          md.pop_front();
        }
        md.push_back(val);
        break;
      }
      case 3: {
        const std::size_t at = a % (n + 1);
        auto r = x.try_insert(at, T(val));
        if (n == ND) FUZZ_CHECK(refused(r));
        else md.insert(md.begin() + off(at), val);
        break;
      }
      case 4:
        if (n != 0) {
          auto p = (a & 1) ? x.pop_front() : x.pop_back();
          FUZZ_CHECK(p && get(*p) == ((a & 1) ? md.front() : md.back()));
          if (a & 1) md.pop_front();
          else md.pop_back();
        }
        break;
      case 5:
        if (n != 0) {
          const std::size_t k = a % (n + 1);
          x.rotate_left(k);
          std::rotate(md.begin(), md.begin() + off(k), md.end());
        }
        break;
      case 6: {
        const std::size_t lo = a % (n + 1), hi = lo + b % (n - lo + 1);
        x.erase(x.begin() + off(lo), x.begin() + off(hi));
        md.erase(md.begin() + off(lo), md.begin() + off(hi));
        break;
      }
    }
  }

  template <class S>
  void string_op(S& x, std::uint8_t op, std::uint8_t a, std::uint8_t b) {
    static constexpr char32_t pool[] = {U'a', U'\u00E9', U'\u20AC', U'\U0001F600'};
    std::vector<std::size_t> bounds;
    for (std::size_t i = 0; i <= ms.size(); ++i)
      if (x.is_char_boundary(i)) bounds.push_back(i);
    const auto bound = [&](std::uint8_t k) { return bounds[k % bounds.size()]; };
    switch (op % 4) {
      case 0: {
        const char32_t c = pool[b % 4];
        char enc[4];
        const unsigned len = bare::detail::utf8_encode(c, enc);
        auto r = x.try_push_back(c);
        if (ms.size() + len > NS) FUZZ_CHECK(refused(r));
        else ms.append(enc, len);
        break;
      }
      case 1: {  // replace a range by a part of itself
        std::size_t lo = bound(a), hi = bound(b), c = bound(static_cast<std::uint8_t>(a ^ b)), e = bound(op);
        if (lo > hi) std::swap(lo, hi);
        if (c > e) std::swap(c, e);
        auto r = x.try_replace_range(lo, hi, x.slice(c, e));
        std::string want = ms;
        want.replace(lo, hi - lo, ms.substr(c, e - c));
        if (want.size() > NS) FUZZ_CHECK(refused(r));
        else ms = want;
        break;
      }
      case 2: {
        const std::size_t at = bound(a);
        std::size_t c = bound(b), e = bound(op);
        if (c > e) std::swap(c, e);
        auto r = x.try_insert_str(at, x.slice(c, e));
        std::string want = ms;
        want.insert(at, ms.substr(c, e - c));
        if (want.size() > NS) FUZZ_CHECK(refused(r));
        else ms = want;
        break;
      }
      case 3: {
        std::size_t lo = bound(a), hi = bound(b);
        if (lo > hi) std::swap(lo, hi);
        x.erase(lo, hi);
        ms.erase(lo, hi - lo);
        break;
      }
    }
  }

  void step(std::uint8_t op, std::uint8_t a, std::uint8_t b) {
    const bool via_view = (op & 0x80) != 0;
    switch ((op >> 5) % 3) {
      case 0:
        if (via_view) {
          bare::vec_view<T> view = v;
          vec_op(view, op, a, b);
        } else {
          vec_op(v, op, a, b);
        }
        break;
      case 1:
        if (via_view) {
          bare::deque_view<T> view = d;
          deque_op(view, op, a, b);
        } else {
          deque_op(d, op, a, b);
        }
        break;
      case 2:
        if (via_view) {
          bare::string_buf view = s;
          string_op(view, op, a, b);
        } else {
          string_op(s, op, a, b);
        }
        break;
    }
    check();
  }
};

template <class T>
void run(const std::uint8_t* data, std::size_t size) {
  machine<T> m;
  for (std::size_t i = 0; i + 3 <= size; i += 3) m.step(data[i], data[i + 1], data[i + 2]);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  if (data[0] % 2 == 0) run<int>(data + 1, size - 1);
  else run<boxed_int>(data + 1, size - 1);
  return 0;
}
