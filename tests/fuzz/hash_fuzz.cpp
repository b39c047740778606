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
#include "hash_fuzz_support.hpp"

BARE_HASH_SEED(0xF022);

namespace {

using bare_fuzz::boxed_int;
using bare_fuzz::fuzz_alloc;
using bare_fuzz::get;
using bare_fuzz::removal;
using A = bare::by_ref<fuzz_alloc>;


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
        bare_fuzz::removal_op<T>(removal::erase_key, m, model, k, b);
        return true;
      case 6:
        bare_fuzz::removal_op<T>(removal::find_erase, m, model, k, b);
        return true;
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
      case 10:
        bare_fuzz::removal_op<T>(removal::retain, m, model, k, b);
        return true;
      case 11:
        bare_fuzz::removal_op<T>(removal::extract_if, m, model, k, b);
        return true;
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
      case 14:
        bare_fuzz::removal_op<T>(removal::remove, m, model, k, b);
        return true;
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  bare_fuzz::with_shape(data[0], [&]<class T, class H>(H h) { run<T>(h, data + 1, size - 1); });
  return 0;
}
