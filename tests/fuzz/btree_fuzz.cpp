// libFuzzer target for bare::btree_map: the input is a program of map operations, run on a
// btree_map and mirrored on a std::map<int, int> (the model); any divergence, broken
// invariant (check()) or broken strong guarantee is a __builtin_trap().
//
// Input layout:
//   byte 0       shape: bits 0-1 choose the node capacity (3, 4, 7 or the default), bit 2 the
//                element type (int, or boxed_int which owns a heap int: leaks and double
//                frees show under ASan)
//   then groups of 4 bytes [op, a, b, fail]: operation, two arguments, and the failure mask
//   for this operation: allocation attempt k of the operation fails iff bit (k % 8) of `fail`
//   is set. Every allocating operation goes through the try_ API; when it reports a failure,
//   the map must be exactly as before (the model is not changed). At the end no block is
//   live.
//
// Built by tests/CMakeLists.txt when BARE_FUZZ (clang), run by tools/test.sh for a bounded
// time: build/fuzz/tests/fuzz/btree_fuzz -max_total_time=30 corpus/
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "bare/btree_map.hpp"
#include "fuzz_support.hpp"

namespace {

using bare_fuzz::boxed_int;
using bare_fuzz::fuzz_alloc;
using bare_fuzz::get;
using A = bare::by_ref<fuzz_alloc>;

template <class T, std::size_t C>
struct machine {
  using M = bare::btree_map<T, T, bare::less<T>, A, C>;
  fuzz_alloc alloc;
  M m{A(alloc)};
  M side{A(alloc)};
  std::map<int, int> model;

  void same() {
    FUZZ_CHECK(m.check());
    FUZZ_CHECK(m.size() == model.size());
    auto it = model.begin();
    for (auto [k, v] : m) {
      FUZZ_CHECK(get(k) == it->first && get(v) == it->second);
      ++it;
    }
    FUZZ_CHECK(side.check());
  }
  // An element of the map (kv_ref or std::pair<T, T>) equals one of the model.
  static bool same_kv(const auto& e, const std::pair<const int, int>& want) {
    return get(e.first) == want.first && get(e.second) == want.second;
  }

  // One operation. Returns false iff the map reported an allocation failure.
  bool step(std::uint8_t op, std::uint8_t a, std::uint8_t b) {
    const int k = a, v = b;
    switch (op % 20) {
      case 0: case 1: case 2: {
        auto r = m.try_insert(T(k), T(v));
        if (!r) return false;
        FUZZ_CHECK(r->inserted == model.emplace(k, v).second);
        return true;
      }
      case 3: {
        auto r = m.try_insert_or_assign(T(k), T(v));
        if (!r) return false;
        FUZZ_CHECK(r->inserted == model.insert_or_assign(k, v).second);
        return true;
      }
      case 4:
        FUZZ_CHECK(m.erase(T(k)) == model.erase(k));
        return true;
      case 5: {
        auto it = m.lower_bound(T(k));
        auto mit = model.lower_bound(k);
        FUZZ_CHECK((it == m.end()) == (mit == model.end()));
        if (mit != model.end()) {
          FUZZ_CHECK(same_kv(*it, *mit));
          auto next = m.erase(it);
          auto mnext = model.erase(mit);
          FUZZ_CHECK((next == m.end()) == (mnext == model.end()));
          if (mnext != model.end()) FUZZ_CHECK(same_kv(*next, *mnext));
        }
        return true;
      }
      case 6: {
        auto r = m.try_reserve(b % 8);
        if (!r) return false;
        const unsigned saved = alloc.mask;
        alloc.mask = 0xFF;  // reserved insertions must not allocate
        for (int i = 0; i < b % 8; ++i) {
          const int key = (k * 31 + i * 17) % 256;
          FUZZ_CHECK(m.insert_within_capacity(T(key), T(i)));
          model.emplace(key, i);
        }
        alloc.mask = saved;
        return true;
      }
      case 7: {
        auto s = m.try_split_off(T(k));
        if (!s) return false;
        FUZZ_CHECK(s->check());
        std::map<int, int> tail(model.lower_bound(k), model.end());
        model.erase(model.lower_bound(k), model.end());
        std::size_t n = 0;
        for (auto e : *s) {
          FUZZ_CHECK(tail.count(get(e.first)) == 1);
          ++n;
        }
        FUZZ_CHECK(n == tail.size());
        side = std::move(*s);
        side_model = tail;
        return true;
      }
      case 8: {
        // Add a few keys to side, then append it (side's values win on equal keys).
        const unsigned saved = alloc.mask;
        alloc.mask = 0;
        for (int i = 0; i < b % 5; ++i) {
          FUZZ_CHECK(side.try_insert_or_assign(T((k + i * 37) % 256), T(1000 + i)));
          side_model.insert_or_assign((k + i * 37) % 256, 1000 + i);
        }
        alloc.mask = saved;
        if (!m.try_append(side)) return false;
        for (auto& e : side_model) model.insert_or_assign(e.first, e.second);
        side_model.clear();
        FUZZ_CHECK(side.empty());
        return true;
      }
      case 9: {
        auto c = m.try_clone();
        if (!c) return false;
        FUZZ_CHECK(*c == m && c->check());
        return true;
      }
      case 10: {
        auto e = m.entry(T(k));
        FUZZ_CHECK(e.is_occupied() == (model.count(k) == 1));
        auto r = std::move(e).and_modify([](T& x) { x = T(get(x) + 1); }).try_or_insert(T(v));
        if (!r) return false;
        auto [it, ins] = model.try_emplace(k, v);
        if (!ins) ++it->second;
        FUZZ_CHECK(get(*r) == it->second);
        return true;
      }
      case 11: {
        if (model.count(k)) return true;
        auto c = m.lower_bound_cursor(bare::included(T(k)));
        auto r = (b & 1) ? c.try_insert_after(T(k), T(v)) : c.try_insert_before(T(k), T(v));
        if (!r) return false;
        model.emplace(k, v);
        return true;
      }
      case 12: {
        auto c = m.upper_bound_cursor(bare::excluded(T(k)));
        auto got = (b & 1) ? c.remove_next() : c.remove_prev();
        auto lb = model.lower_bound(k);
        auto mit = (b & 1) ? lb : (lb == model.begin() ? model.end() : std::prev(lb));
        FUZZ_CHECK(got.has_value() == (mit != model.end()));
        if (got) {
          FUZZ_CHECK(same_kv(*got, *mit));
          model.erase(mit);
        }
        return true;
      }
      case 13: {
        const int d = b % 7 + 2;
        m.retain([d](const T& key, T&) { return get(key) % d != 0; });
        std::erase_if(model, [d](const auto& e) { return e.first % d == 0; });
        return true;
      }
      case 14: {
        auto p = (b & 1) ? m.pop_first() : m.pop_last();
        FUZZ_CHECK(p.has_value() == !model.empty());
        if (p) {
          auto it = (b & 1) ? model.begin() : std::prev(model.end());
          FUZZ_CHECK(same_kv(*p, *it));
          model.erase(it);
        }
        return true;
      }
      case 15: {
        int lo = k, hi = v;
        if (hi < lo) std::swap(lo, hi);
        std::vector<int> got, want;
        for (auto e : m.range(bare::included(T(lo)), bare::included(T(hi)))) got.push_back(get(e.first));
        for (auto it = model.lower_bound(lo); it != model.upper_bound(hi); ++it) want.push_back(it->first);
        FUZZ_CHECK(got == want);
        return true;
      }
      case 16: {
        std::vector<std::pair<T, T>> all;
        for (auto e : m) all.emplace_back(T(get(e.first)), T(get(e.second)));
        auto r = M::try_from_sorted(std::make_move_iterator(all.begin()), std::make_move_iterator(all.end()),
                                    bare::less<T>(), A(alloc));
        if (!r) return false;
        FUZZ_CHECK(*r == m);
        m = std::move(*r);
        return true;
      }
      case 17: {
        const std::size_t n = model.size();
        if (n == 0) return true;
        auto first = m.begin();
        auto mfirst = model.begin();
        for (int i = 0; i < k % static_cast<int>(n); ++i, ++first, ++mfirst) {
        }
        auto last = first;
        auto mlast = mfirst;
        for (int i = 0; i < b % 16 && mlast != model.end(); ++i, ++last, ++mlast) {
        }
        m.erase(first, last);
        model.erase(mfirst, mlast);
        return true;
      }
      case 18: {
        auto r = m.try_emplace(T(k), v);
        if (!r) return false;
        FUZZ_CHECK(r->inserted == model.try_emplace(k, v).second);
        return true;
      }
      default:
        if (b & 1) m.shrink_to_fit();
        FUZZ_CHECK((m.get(T(k)) != nullptr) == (model.count(k) == 1));
        return true;
    }
  }

  void run(const std::uint8_t* data, std::size_t size) {
    for (std::size_t i = 0; i + 4 <= size; i += 4) {
      alloc.mask = data[i + 3];
      alloc.attempt = 0;
      if (!step(data[i], data[i + 1], data[i + 2])) {
        FUZZ_CHECK(data[i + 3] != 0);  // no failure without an injected one
      }
      alloc.mask = 0;
      same();
    }
  }
  std::map<int, int> side_model;
};

template <class T, std::size_t C>
void run(const std::uint8_t* data, std::size_t size) {
  machine<T, C> mc;
  mc.run(data, size);
  mc.m = typename machine<T, C>::M(A(mc.alloc));
  mc.side = typename machine<T, C>::M(A(mc.alloc));
  FUZZ_CHECK(mc.alloc.live == 0);  // nothing leaked
}

template <class T>
void run_shape(unsigned shape, const std::uint8_t* data, std::size_t size) {
  switch (shape & 3u) {
    case 0: run<T, 3>(data, size); break;
    case 1: run<T, 4>(data, size); break;
    case 2: run<T, 7>(data, size); break;
    default: run<T, bare::detail::btree::default_capacity<T, T>()>(data, size); break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  if (data[0] & 4u) run_shape<boxed_int>(data[0], data + 1, size - 1);
  else run_shape<int>(data[0], data + 1, size - 1);
  return 0;
}
