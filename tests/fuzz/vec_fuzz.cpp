// libFuzzer target for bare::vec: the input is a program of vec operations, run on a vec and
// mirrored on a std::vector<int> (the model); any divergence, broken invariant or broken strong
// guarantee is a __builtin_trap().
//
// Input layout:
//   byte 0       element type: even = int (trivially relocatable: grows with realloc),
//                odd = boxed_int (owns a heap int: not relocatable; leaks and double frees show
//                up under ASan)
//   then groups of 4 bytes [op, a, b, fail]: operation, two arguments, and the failure mask for
//   this operation: allocation attempt k of the operation fails iff bit (k % 8) of `fail` is
//   set. Every allocating operation goes through the try_ API; when it reports a failure, the
//   vec must be exactly as before (elements, capacity, block) and the model is not changed.
//
// Built by tests/CMakeLists.txt when BARE_FUZZ (clang), run by tools/test.sh for a bounded
// time: build/fuzz/tests/fuzz/vec_fuzz -max_total_time=30 corpus/
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "bare/vec.hpp"
#include "fuzz_support.hpp"

namespace {

using bare_fuzz::boxed_int;
using bare_fuzz::fuzz_alloc;
using bare_fuzz::get;
using A = bare::by_ref<fuzz_alloc>;

template <class T>
struct machine {
  fuzz_alloc alloc;
  bare::vec<T, A> v{A(alloc)};
  bare::vec<T, A> side{A(alloc)};
  std::vector<int> m, side_m;

  void same() {
    FUZZ_CHECK(v.size() == m.size() && v.size() <= v.capacity());
    FUZZ_CHECK((v.capacity() == 0) == (v.data() == nullptr));
    for (std::size_t i = 0; i < m.size(); ++i) FUZZ_CHECK(get(v[i]) == m[i]);
    FUZZ_CHECK(side.size() == side_m.size());
    for (std::size_t i = 0; i < side_m.size(); ++i) FUZZ_CHECK(get(side[i]) == side_m[i]);
  }

  // One operation. Returns false iff the vec reported an allocation failure.
  bool step(std::uint8_t op, std::uint8_t a, std::uint8_t b) {
    const std::size_t n = m.size();
    const int x = b % 16;
    const auto at = [n](std::uint8_t k) { return static_cast<std::size_t>(k) % (n + 1); };
    const auto it = [this](std::size_t k) { return v.begin() + static_cast<std::ptrdiff_t>(k); };
    const auto mit = [this](std::size_t k) { return m.begin() + static_cast<std::ptrdiff_t>(k); };
    switch (op % 22) {
      case 0:
        if (!v.try_push_back(T(x))) return false;
        m.push_back(x);
        return true;
      case 1:
        if (n != 0) {
          v.pop_back();
          m.pop_back();
        }
        return true;
      case 2:
        if (!v.try_insert(it(at(a)), T(x))) return false;
        m.insert(mit(at(a)), x);
        return true;
      case 3: {
        const std::size_t k = at(a), count = b % 9u;
        if (!v.try_insert(it(k), count, T(x))) return false;
        m.insert(mit(k), count, x);
        return true;
      }
      case 4: {
        const std::size_t lo = at(a), hi = std::min(n, lo + b % 8u);
        v.erase(it(lo), it(hi));
        m.erase(mit(lo), mit(hi));
        return true;
      }
      case 5: {
        const std::size_t to = a % 80u;
        if (!v.try_resize(to, T(x))) return false;
        m.resize(to, x);
        return true;
      }
      case 6:
        v.truncate(at(a));
        m.resize(std::min(n, at(a)));
        return true;
      case 7: {
        const int k = b % 5 + 2;
        v.retain([k](const T& e) { return get(e) % k != 0; });
        std::erase_if(m, [k](int e) { return e % k == 0; });
        return true;
      }
      case 8:
        v.dedup();
        m.erase(std::unique(m.begin(), m.end()), m.end());
        return true;
      case 9: {
        auto r = v.try_split_off(at(a));
        if (!r) return false;
        FUZZ_CHECK(r->capacity() == n - at(a));
        side = std::move(*r);
        side_m.assign(mit(at(a)), m.end());
        m.resize(at(a));
        return true;
      }
      case 10: {
        const std::size_t side_cap = side.capacity();
        if (!v.try_append(side)) {
          FUZZ_CHECK(side.capacity() == side_cap);
          return false;
        }
        m.insert(m.end(), side_m.begin(), side_m.end());
        side_m.clear();
        FUZZ_CHECK(side.empty());
        return true;
      }
      case 11: {
        const std::size_t lo = at(a), hi = std::min(n, lo + b % 8u), take = b / 32u;
        std::size_t k = 0;
        {
          auto d = v.drain(lo, hi);
          for (T& e : d) {
            if (k == take) break;
            T moved = std::move(e);
            FUZZ_CHECK(get(moved) == m[lo + k]);
            ++k;
          }
        }
        m.erase(mit(lo), mit(hi));
        return true;
      }
      case 12: {
        const int k = a % 4 + 2;
        const std::size_t limit = b % 6u + 1;
        std::vector<int> got;  // every element the iterator reached (they are removed)
        {
          auto r = v.extract_if([k](T& e) { return get(e) % k == 0; });
          for (auto i = r.begin(); i != r.end(); ++i) {
            got.push_back(get(*i));
            if (got.size() == limit) break;
          }
        }
        std::vector<int> kept;
        std::size_t removed = 0;
        for (int e : m) {
          if (e % k == 0 && removed < got.size()) FUZZ_CHECK(got[removed++] == e);
          else kept.push_back(e);
        }
        FUZZ_CHECK(removed == got.size());
        m = kept;
        return true;
      }
      case 13:
        if (n != 0) {
          const std::size_t k = a % n;
          T e = v.swap_remove(k);
          FUZZ_CHECK(get(e) == m[k]);
          m[k] = m.back();
          m.pop_back();
        }
        return true;
      case 14:
        if (!v.try_shrink_to_fit()) return false;
        FUZZ_CHECK(v.capacity() == n);
        return true;
      case 15: {
        const std::size_t cap = v.capacity();
        if (!v.try_reserve(a)) return false;
        FUZZ_CHECK(v.capacity() >= n + a && v.capacity() >= cap);
        return true;
      }
      case 16: {
        const std::size_t cap = v.capacity();
        if (!v.try_reserve_exact(a)) return false;
        FUZZ_CHECK(v.capacity() == std::max(cap, n + a));
        return true;
      }
      case 17: {
        auto c = v.try_clone();
        if (!c) return false;
        FUZZ_CHECK(*c == v);
        if (b & 1) {
          side = std::move(*c);
          side_m = m;
        }
        return true;
      }
      case 18: {  // extend from a part of itself
        const std::size_t lo = at(a), hi = std::min(n, lo + b % 8u);
        if (!v.try_extend_from(std::span<const T>(v.data() + lo, hi - lo))) return false;
        m.insert(m.end(), mit(lo), mit(hi));
        return true;
      }
      case 19:  // insert a copy of one of its own elements
        if (n != 0) {
          const std::size_t from = b % n;
          if (!v.try_insert(it(at(a)), v[from])) return false;
          m.insert(mit(at(a)), m[from]);
        }
        return true;
      case 20:
        if (!v.try_assign_from(side.as_span())) return false;
        m = side_m;
        return true;
      case 21:
        if (n != 0) {
          const std::size_t k = a % n;
          T e = v.remove(k);
          FUZZ_CHECK(get(e) == m[k]);
          m.erase(mit(k));
        }
        return true;
    }
    return true;
  }

  void run(const std::uint8_t* data, std::size_t size) {
    for (std::size_t i = 0; i + 4 <= size; i += 4) {
      alloc.mask = data[i + 3];
      alloc.attempt = 0;
      const std::size_t cap = v.capacity();
      const T* block = v.data();
      if (!step(data[i], data[i + 1], data[i + 2])) {
        FUZZ_CHECK(data[i + 3] != 0);  // no failure without an injected one
        FUZZ_CHECK(v.capacity() == cap && v.data() == block);
      }
      alloc.mask = 0;
      same();
      if (m.size() > 4096) break;
    }
  }
};

template <class T>
void run(const std::uint8_t* data, std::size_t size) {
  machine<T> mc;
  mc.run(data, size);
  mc.v = bare::vec<T, A>(A(mc.alloc));
  mc.side = bare::vec<T, A>(A(mc.alloc));
  FUZZ_CHECK(mc.alloc.live == 0);  // nothing leaked
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  if (data[0] & 1) run<boxed_int>(data + 1, size - 1);
  else run<int>(data + 1, size - 1);
  return 0;
}
