// libFuzzer target for bare::vec_deque: the input is a program of deque operations, run on a
// vec_deque and mirrored on a std::deque<int> (the model); any divergence, broken invariant or
// broken strong guarantee is a __builtin_trap().
//
// Input layout:
//   byte 0       element type: even = int (trivially relocatable: grows with realloc and
//                fixes the wrapped piece), odd = boxed_int (owns a heap int: not relocatable;
//                leaks and double frees show up under ASan)
//   then groups of 4 bytes [op, a, b, fail]: operation, two arguments, and the failure mask for
//   this operation: allocation attempt k of the operation fails iff bit (k % 8) of `fail` is
//   set. Every allocating operation goes through the try_ API; when it reports a failure, the
//   deque must be exactly as before (elements, capacity, block, layout) and the model is not
//   changed.
//
// Built by tests/CMakeLists.txt when BARE_FUZZ (clang), run by tools/test.sh for a bounded
// time: build/fuzz/tests/fuzz/vec_deque_fuzz -max_total_time=30 corpus/
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>
#include <utility>
#include <vector>

#include "bare/vec_deque.hpp"
#include "fuzz_support.hpp"

namespace {

using bare_fuzz::boxed_int;
using bare_fuzz::fuzz_alloc;
using bare_fuzz::get;
using A = bare::by_ref<fuzz_alloc>;

template <class T>
struct machine {
  using D = bare::vec_deque<T, A>;
  fuzz_alloc alloc;
  D d{A(alloc)};
  D side{A(alloc)};
  std::deque<int> m, side_m;

  static std::ptrdiff_t off(std::size_t i) { return static_cast<std::ptrdiff_t>(i); }

  void same(const D& x, const std::deque<int>& model) {
    FUZZ_CHECK(x.check() && x.size() == model.size());
    const auto [p, q] = x.as_slices();
    FUZZ_CHECK(p.size() + q.size() == model.size() && (q.empty() || !p.empty()));
    for (std::size_t i = 0; i < p.size(); ++i) FUZZ_CHECK(get(p[i]) == model[i]);
    for (std::size_t i = 0; i < q.size(); ++i) FUZZ_CHECK(get(q[i]) == model[p.size() + i]);
    std::size_t i = 0;
    for (const T& e : x) FUZZ_CHECK(get(e) == model[i++]);
    for (std::size_t k = 0; k < model.size(); ++k) FUZZ_CHECK(get(x[k]) == model[k]);
  }

  // One operation. Returns false iff the deque reported an allocation failure.
  bool step(std::uint8_t op, std::uint8_t a, std::uint8_t b) {
    const std::size_t n = m.size();
    const int x = b % 16;
    const auto at = [n](std::uint8_t k) { return static_cast<std::size_t>(k) % (n + 1); };
    switch (op % 26) {
      case 0:
        if (!d.try_push_back(T(x))) return false;
        m.push_back(x);
        return true;
      case 1:
        if (!d.try_push_front(T(x))) return false;
        m.push_front(x);
        return true;
      case 2: {
        auto p = d.pop_front();
        FUZZ_CHECK(p.has_value() == (n != 0));
        if (n != 0) {
          FUZZ_CHECK(get(*p) == m.front());
          m.pop_front();
        }
        return true;
      }
      case 3: {
        auto p = d.pop_back();
        FUZZ_CHECK(p.has_value() == (n != 0));
        if (n != 0) {
          FUZZ_CHECK(get(*p) == m.back());
          m.pop_back();
        }
        return true;
      }
      case 4: {
        const std::size_t k = at(a);
        auto r = d.try_insert(k, T(x));
        if (!r) return false;
        FUZZ_CHECK(&*r == &d[k]);
        m.insert(m.begin() + off(k), x);
        return true;
      }
      case 5:  // insert a copy of one of its own elements
        if (n != 0) {
          const std::size_t from = b % n, k = at(a);
          if (!d.try_insert(k, d[from])) return false;
          m.insert(m.begin() + off(k), m[from]);
        }
        return true;
      case 6: {
        const std::size_t lo = at(a), hi = std::min(n, lo + b % 8u);
        auto it = d.erase(d.begin() + off(lo), d.begin() + off(hi));
        FUZZ_CHECK(it - d.begin() == off(lo));
        m.erase(m.begin() + off(lo), m.begin() + off(hi));
        return true;
      }
      case 7: {
        const std::size_t k = at(a);
        auto e = d.remove(k);
        FUZZ_CHECK(e.has_value() == (k < n));
        if (k < n) {
          FUZZ_CHECK(get(*e) == m[k]);
          m.erase(m.begin() + off(k));
        }
        return true;
      }
      case 8: {
        const std::size_t to = a % 80u;
        if (!d.try_resize(to, T(x))) return false;
        m.resize(to, x);
        return true;
      }
      case 9:
        d.truncate(at(a));
        m.resize(std::min(n, at(a)));
        return true;
      case 10: {
        const int k = b % 5 + 2;
        d.retain([k](const T& e) { return get(e) % k != 0; });
        std::erase_if(m, [k](int e) { return e % k == 0; });
        return true;
      }
      case 11: {
        const std::size_t k = at(a);
        auto r = d.try_split_off(k);
        if (!r) return false;
        FUZZ_CHECK(r->capacity() == n - k);
        side = std::move(*r);
        side_m.assign(m.begin() + off(k), m.end());
        m.resize(k);
        return true;
      }
      case 12: {
        const std::size_t side_cap = side.capacity();
        if (!d.try_append(side)) {
          FUZZ_CHECK(side.capacity() == side_cap);
          return false;
        }
        m.insert(m.end(), side_m.begin(), side_m.end());
        side_m.clear();
        FUZZ_CHECK(side.empty());
        return true;
      }
      case 13: {
        const std::size_t lo = at(a), hi = std::min(n, lo + b % 8u), take = b / 32u;
        std::size_t k = 0;
        {
          auto dr = d.drain(lo, hi);
          for (T& e : dr) {
            if (k == take) break;
            T moved = std::move(e);
            FUZZ_CHECK(get(moved) == m[lo + k]);
            ++k;
          }
        }
        m.erase(m.begin() + off(lo), m.begin() + off(hi));
        return true;
      }
      case 14: {
        const std::size_t k = at(a);
        if (b & 1) {
          d.rotate_left(k);
          std::rotate(m.begin(), m.begin() + off(k), m.end());
        } else {
          d.rotate_right(k);
          std::rotate(m.begin(), m.end() - off(k), m.end());
        }
        return true;
      }
      case 15: {
        std::span<T> s = d.make_contiguous();
        FUZZ_CHECK(s.size() == n && d.as_slices().second.empty());
        return true;
      }
      case 16:
        if (!d.try_shrink_to_fit()) return false;
        FUZZ_CHECK(d.capacity() == n);
        return true;
      case 17: {
        const std::size_t cap = d.capacity();
        if (!d.try_shrink_to(a)) return false;
        FUZZ_CHECK(d.capacity() == std::min(cap, std::max<std::size_t>(a, n)));
        return true;
      }
      case 18: {
        const std::size_t cap = d.capacity();
        if (!d.try_reserve(a)) return false;
        FUZZ_CHECK(d.capacity() >= n + a && d.capacity() >= cap);
        return true;
      }
      case 19: {
        const std::size_t cap = d.capacity();
        if (!d.try_reserve_exact(a)) return false;
        FUZZ_CHECK(d.capacity() == std::max(cap, n + a));
        return true;
      }
      case 20: {
        auto c = d.try_clone();
        if (!c) return false;
        FUZZ_CHECK(*c == d && c->capacity() == n);
        if (b & 1) {
          side = std::move(*c);
          side_m = m;
        }
        return true;
      }
      case 21: {  // extend from a part of itself
        const auto first = d.as_slices().first;
        const std::size_t lo = static_cast<std::size_t>(a) % (first.size() + 1);
        const std::size_t len = std::min<std::size_t>(first.size() - lo, b % 8u);
        if (!d.try_extend_from(std::span<const T>(first.data() + lo, len))) return false;
        for (std::size_t i = 0; i < len; ++i) m.push_back(m[lo + i]);
        return true;
      }
      case 22:
        if (n != 0) {
          const std::size_t k = a % n;
          auto e = (b & 1) ? d.swap_remove_front(k) : d.swap_remove_back(k);
          FUZZ_CHECK(e.has_value() && get(*e) == m[k]);
          if (b & 1) {
            m[k] = m.front();
            m.pop_front();
          } else {
            m[k] = m.back();
            m.pop_back();
          }
        }
        return true;
      case 23: {  // push a copy of its own element at either end (aliasing when full)
        if (n == 0) return true;
        const std::size_t from = a % n;
        const int v = m[from];
        if (b & 1) {
          if (!d.try_push_front(d[from])) return false;
          m.push_front(v);
        } else {
          if (!d.try_push_back(d[from])) return false;
          m.push_back(v);
        }
        return true;
      }
      case 24: {  // through a vec and back: O(1) in, contiguous out
        const std::size_t cap = d.capacity();
        bare::vec<T, A> v = d.into_vec();
        FUZZ_CHECK(v.capacity() == cap && v.size() == n && d.capacity() == 0);
        for (std::size_t i = 0; i < n; ++i) FUZZ_CHECK(get(v[i]) == m[i]);
        d = D(std::move(v));
        return true;
      }
      case 25: {
        std::sort(d.begin(), d.end());
        std::sort(m.begin(), m.end());
        auto r = d.binary_search(T(x));
        const auto lb = static_cast<std::size_t>(std::lower_bound(m.begin(), m.end(), x) - m.begin());
        FUZZ_CHECK(r.has_value() == (lb < n && m[lb] == x));
        FUZZ_CHECK((r ? *r : r.error()) == lb);
        return true;
      }
    }
    return true;
  }

  void run(const std::uint8_t* data, std::size_t size) {
    for (std::size_t i = 0; i + 4 <= size; i += 4) {
      alloc.mask = data[i + 3];
      alloc.attempt = 0;
      const std::size_t cap = d.capacity();
      const auto before = d.as_slices();
      if (!step(data[i], data[i + 1], data[i + 2])) {
        FUZZ_CHECK(data[i + 3] != 0);  // no failure without an injected one
        const auto now = d.as_slices();
        FUZZ_CHECK(d.capacity() == cap && now.first.data() == before.first.data());
        FUZZ_CHECK(now.first.size() == before.first.size() && now.second.size() == before.second.size());
      }
      alloc.mask = 0;
      same(d, m);
      same(side, side_m);
      if (m.size() > 4096) break;
    }
  }
};

template <class T>
void run(const std::uint8_t* data, std::size_t size) {
  machine<T> mc;
  mc.run(data, size);
  mc.d = bare::vec_deque<T, A>(A(mc.alloc));
  mc.side = bare::vec_deque<T, A>(A(mc.alloc));
  FUZZ_CHECK(mc.alloc.live == 0);  // nothing leaked
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  if (data[0] & 1) run<boxed_int>(data + 1, size - 1);
  else run<int>(data + 1, size - 1);
  return 0;
}
