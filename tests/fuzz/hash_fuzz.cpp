// libFuzzer target for bare::hash_map: the input is a program of map operations, run on a
// hash_map and mirrored on a std::unordered_map<int, int> (the model); any divergence, broken
// invariant (check(): control bytes against hashes, reachability, counts) or broken strong
// guarantee is a __builtin_trap().
//
// Input layout:
//   byte 0       shape: bits 0-1 choose the hasher (bare::fixed_seed_hasher with a seed from
//                bits 4-7; a hasher keeping 3 bits of the key, so keys collide in groups; one
//                hash for every key; libstdc++'s identity std::hash, mixed by the table), bit 2
//                the element type (int, or boxed_int which owns a heap int: leaks and double
//                frees show under ASan)
//   then groups of 4 bytes [op, a, b, fail]: operation, two arguments, and the failure mask
//   for this operation: allocation attempt k of the operation fails iff bit (k % 8) of `fail`
//   is set. Every allocating operation goes through the try_ API; when it reports a failure,
//   the map must be exactly as before (elements, iteration order, capacity; the model is not
//   changed). At the end no block is live.
//
// Built by tests/CMakeLists.txt when BARE_FUZZ (clang), run by tools/test.sh for a bounded
// time: build/fuzz/tests/fuzz/hash_fuzz -max_total_time=30 corpus/
#include <cstddef>
#include <cstdint>
#include <functional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bare/hash_map.hpp"
#include "fuzz_support.hpp"

BARE_HASH_SEED(0xF022);

namespace bare_fuzz {
inline void hash_append(bare::hash_state& h, const boxed_int& b) noexcept { h.add(b.get()); }
}  // namespace bare_fuzz

namespace {

using bare_fuzz::boxed_int;
using bare_fuzz::fuzz_alloc;
using bare_fuzz::get;
using A = bare::by_ref<fuzz_alloc>;

struct three_bits {
  using is_avalanching = void;
  template <class T>
  std::uint64_t operator()(const T& x) const noexcept {
    return bare::fixed_seed_hasher()(static_cast<unsigned>(get(x)) & 7u);
  }
};
struct one_hash {
  using is_avalanching = void;
  template <class T>
  std::uint64_t operator()(const T&) const noexcept {
    return 0x0123456789ABCDEFull;
  }
};
struct identity {
  template <class T>
  std::size_t operator()(const T& x) const noexcept {
    return std::hash<int>()(get(x));
  }
};

template <class T, class H>
struct machine {
  using M = bare::hash_map<T, T, H, bare::equal_to<>, A>;
  fuzz_alloc alloc;
  M m;
  std::unordered_map<int, int> model;

  explicit machine(H h) : m(h, bare::equal_to<>(), A(alloc)) {}

  std::vector<std::pair<int, int>> order() const {
    std::vector<std::pair<int, int>> out;
    for (auto e : m) out.emplace_back(get(e.first), get(e.second));
    return out;
  }
  void same() {
    FUZZ_CHECK(m.check());
    FUZZ_CHECK(m.size() == model.size());
    FUZZ_CHECK(m.size() <= m.capacity());
    for (auto e : m) {
      auto it = model.find(get(e.first));
      FUZZ_CHECK(it != model.end() && it->second == get(e.second));
    }
  }

  // One operation. Returns false iff the map reported an allocation failure.
  bool step(std::uint8_t op, std::uint8_t a, std::uint8_t b) {
    const int k = a, v = b;
    switch (op % 16) {
      case 0: case 1: case 2: {
        auto r = m.try_insert(T(k), T(v));
        if (!r) return false;
        FUZZ_CHECK(r->inserted == model.emplace(k, v).second);
        FUZZ_CHECK(get((*r->position).first) == k);
        return true;
      }
      case 3: {
        auto r = m.try_insert_or_assign(T(k), T(v));
        if (!r) return false;
        FUZZ_CHECK(r->inserted == model.insert_or_assign(k, v).second);
        return true;
      }
      case 4: case 5:
        FUZZ_CHECK(m.erase(T(k)) == model.erase(k));
        return true;
      case 6: {
        auto it = m.find(T(k));
        auto mit = model.find(k);
        FUZZ_CHECK((it == m.end()) == (mit == model.end()));
        if (mit != model.end()) {
          FUZZ_CHECK(get((*it).second) == mit->second);
          m.erase(it);
          model.erase(mit);
        }
        return true;
      }
      case 7: {
        auto r = m.try_reserve(b % 32);
        if (!r) return false;
        const unsigned saved = alloc.mask;
        alloc.mask = 0xFF;  // reserved insertions must not allocate
        for (int i = 0; i < b % 32; ++i) {
          const int key = 256 + (k * 31 + i * 17) % 512;
          auto w = m.insert_within_capacity(T(key), T(i));
          FUZZ_CHECK(w);
          model.emplace(key, i);
        }
        alloc.mask = saved;
        return true;
      }
      case 8: {
        auto c = m.try_clone();
        if (!c) return false;
        FUZZ_CHECK(*c == m && c->check() && c->capacity() == m.capacity());
        if (b & 1) m = std::move(*c);
        return true;
      }
      case 9: {
        auto e = m.entry(T(k));
        FUZZ_CHECK(e.is_occupied() == (model.count(k) == 1));
        auto r = std::move(e).and_modify([](T& x) { x = T(get(x) + 1); }).try_or_insert(T(v));
        if (!r) return false;
        auto [it, ins] = model.try_emplace(k, v);
        if (!ins) ++it->second;
        FUZZ_CHECK(get(*r) == it->second);
        return true;
      }
      case 10: {
        const int d = b % 7 + 2;
        m.retain([d](const T& key, T&) { return get(key) % d != 0; });
        std::erase_if(model, [d](const auto& e) { return e.first % d == 0; });
        return true;
      }
      case 11: {
        const int d = b % 5 + 2;
        int n = 0;
        auto x = m.extract_if([d](const T& key, T&) { return get(key) % d == 0; });
        for (auto it = x.begin(); it != x.end(); ++it) {
          FUZZ_CHECK(get(it->first) % d == 0);
          FUZZ_CHECK(model.erase(get(it->first)) == 1);
          if (++n > k % 8) break;
        }
        return true;
      }
      case 12: {
        auto r = m.try_emplace(T(k), v);
        if (!r) return false;
        FUZZ_CHECK(r->inserted == model.try_emplace(k, v).second);
        return true;
      }
      case 13: {
        auto r = (b & 1) ? m.try_shrink_to_fit() : m.try_rehash(static_cast<std::size_t>(k) * 4);
        return static_cast<bool>(r);
      }
      case 14: {
        auto r = m.remove(T(k));
        auto mit = model.find(k);
        FUZZ_CHECK(r.has_value() == (mit != model.end()));
        if (r) {
          FUZZ_CHECK(get(*r) == mit->second);
          model.erase(mit);
        }
        return true;
      }
      default:
        if (b == 0) {
          m.clear();
          model.clear();
        } else if (b == 1) {
          for (auto& e : m.drain()) FUZZ_CHECK(model.erase(get(e.first)) == 1);
          FUZZ_CHECK(model.empty());
        }
        FUZZ_CHECK((m.get(T(k)) != nullptr) == (model.count(k) == 1));
        return true;
    }
  }

  void run(const std::uint8_t* data, std::size_t size) {
    for (std::size_t i = 0; i + 4 <= size; i += 4) {
      const auto before = order();
      const std::size_t cap = m.capacity();
      alloc.mask = data[i + 3];
      alloc.attempt = 0;
      if (!step(data[i], data[i + 1], data[i + 2])) {
        FUZZ_CHECK(data[i + 3] != 0);  // no failure without an injected one
        FUZZ_CHECK(order() == before && m.capacity() == cap);  // the strong guarantee
      }
      alloc.mask = 0;
      same();
    }
  }
};

template <class T, class H>
void run(H h, const std::uint8_t* data, std::size_t size) {
  {
    machine<T, H> mc(h);
    mc.run(data, size);
    mc.m = typename machine<T, H>::M(h, bare::equal_to<>(), A(mc.alloc));
    FUZZ_CHECK(mc.alloc.live == 0);  // nothing leaked
  }
}

template <class T>
void run_shape(unsigned shape, const std::uint8_t* data, std::size_t size) {
  switch (shape & 3u) {
    case 0: run<T>(bare::fixed_seed_hasher(shape >> 4), data, size); break;
    case 1: run<T>(three_bits(), data, size); break;
    case 2: run<T>(one_hash(), data, size); break;
    default: run<T>(identity(), data, size); break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  if (data[0] & 4u) run_shape<boxed_int>(data[0], data + 1, size - 1);
  else run_shape<int>(data[0], data + 1, size - 1);
  return 0;
}
