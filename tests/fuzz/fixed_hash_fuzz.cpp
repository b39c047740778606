// libFuzzer target for fixed_hash_map<T, T, 40> and fixed_hash_set<T, 13>: the input is a
// program of operations, mirrored on std::unordered_map / unordered_set (the models). An
// insertion of an absent key into a full container must report alloc_errc::full and leave it
// exactly as before (elements, iteration order, growth budget); any other insertion must
// succeed. Any divergence or broken invariant (check(): control bytes against hashes,
// reachability, counts) is a __builtin_trap().
//
// Input layout:
//   byte 0       shape: bits 0-1 choose the hasher (bare::fixed_seed_hasher with a seed from
//                bits 4-7; a hasher keeping 3 bits of the key, so keys collide in groups; one
//                hash for every key; libstdc++'s identity std::hash, mixed by the table), bit 2
//                the element type (int, or boxed_int which owns a heap int: leaks and double
//                frees show under ASan)
//   then groups of 3 bytes [op, a, b]: operation and two arguments (keys are a: 0..255, more
//   than the capacities, so the containers fill up and refuse).
//
// Built by tests/CMakeLists.txt when BARE_FUZZ (clang): build/fuzz/tests/fuzz/fixed_hash_fuzz
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "bare/fixed_hash_map.hpp"
#include "bare/fixed_hash_set.hpp"
#include "fuzz_support.hpp"
#include "hash_fuzz_support.hpp"

namespace {

using bare_fuzz::boxed_int;
using bare_fuzz::get;
using bare_fuzz::removal;


template <class R>
bool refused(const R& r) {
  return !r && r.error().kind == bare::alloc_errc::full;
}

template <class T, class H>
struct machine {
  static constexpr std::size_t NM = 40, NS = 13;
  using M = bare::fixed_hash_map<T, T, NM, H>;
  using S = bare::fixed_hash_set<T, NS, H>;
  M m;
  S s;
  std::unordered_map<int, int> mm;
  std::unordered_set<int> ms;

  explicit machine(H h) : m(h), s(h) {}

  std::vector<std::pair<int, int>> order() const {
    std::vector<std::pair<int, int>> out;
    for (auto e : m) out.emplace_back(get(e.first), get(e.second));
    return out;
  }
  void same() {
    FUZZ_CHECK(m.check() && s.check());
    FUZZ_CHECK(m.size() == mm.size() && m.size() <= NM && s.size() == ms.size() && s.size() <= NS);
    for (auto e : m) {
      auto it = mm.find(get(e.first));
      FUZZ_CHECK(it != mm.end() && it->second == get(e.second));
    }
    for (const T& k : s) FUZZ_CHECK(ms.count(get(k)) == 1);
  }
  // Whether an insertion of key k must be refused.
  bool map_full_for(int k) const { return mm.size() == NM && mm.count(k) == 0; }

  // One operation. Returns false iff the map or the set refused an insertion (then it checks
  // that it had to).
  bool step(std::uint8_t op, std::uint8_t a, std::uint8_t b) {
    const int k = a, v = b;
    switch (op % 16) {
      case 0: case 1: case 2: {
        const bool must = map_full_for(k);
        auto r = m.try_insert(T(k), T(v));
        FUZZ_CHECK(!r == must);
        if (!r) {
          FUZZ_CHECK(refused(r));
          return false;
        }
        FUZZ_CHECK(r->inserted == mm.emplace(k, v).second);
        FUZZ_CHECK(get((*r->position).first) == k);
        return true;
      }
      case 3: {
        const bool must = map_full_for(k);
        auto r = (b & 1) ? m.try_insert_or_assign(T(k), T(v)) : m.try_emplace(T(k), v);
        FUZZ_CHECK(!r == must);
        if (!r) return false;
        if (b & 1) FUZZ_CHECK(r->inserted == mm.insert_or_assign(k, v).second);
        else FUZZ_CHECK(r->inserted == mm.try_emplace(k, v).second);
        return true;
      }
      case 4: case 5:
        bare_fuzz::removal_op<T>(removal::erase_key, m, mm, k, b);
        return true;
      case 6:
        bare_fuzz::removal_op<T>(removal::find_erase, m, mm, k, b);
        return true;
      case 7: {
        const bool must = map_full_for(k);
        auto e = m.entry(T(k));
        FUZZ_CHECK(e.is_occupied() == (mm.count(k) == 1));
        auto r = std::move(e).and_modify([](T& x) { x = T(get(x) + 1); }).try_or_insert(T(v));
        FUZZ_CHECK(!r == must);
        if (!r) return false;
        auto [it, ins] = mm.try_emplace(k, v);
        if (!ins) ++it->second;
        FUZZ_CHECK(get(*r) == it->second);
        return true;
      }
      case 8: {  // copy, move, swap
        M c = m;
        FUZZ_CHECK(c == m && c.check());
        M d(std::move(c));
        FUZZ_CHECK(c.empty() && d == m);
        if (b & 1) {
          m.swap(d);
          FUZZ_CHECK(d == m);
        }
        if (b & 2) m = d;
        return true;
      }
      case 9:
        bare_fuzz::removal_op<T>(removal::retain, m, mm, k, b);
        return true;
      case 10:
        bare_fuzz::removal_op<T>(removal::extract_if, m, mm, k, b);
        return true;
      case 11:
        bare_fuzz::removal_op<T>(removal::remove, m, mm, k, b);
        return true;
      case 12: case 13: {  // the set
        const bool must = ms.size() == NS && ms.count(k) == 0;
        auto r = (op & 1) ? s.insert_within_capacity(T(k)) : s.try_insert(T(k));
        FUZZ_CHECK(!r == must);
        if (!r) {
          FUZZ_CHECK(refused(r));
          return false;
        }
        FUZZ_CHECK(r->inserted == ms.insert(k).second);
        return true;
      }
      case 14:
        FUZZ_CHECK(s.remove(T(k)) == (ms.erase(k) == 1));
        return true;
      default:
        if (b == 0) {
          m.clear();
          mm.clear();
        } else if (b == 1) {
          for (auto& e : m.drain()) FUZZ_CHECK(mm.erase(get(e.first)) == 1);
          FUZZ_CHECK(mm.empty());
        } else if (b == 2) {
          s.clear();
          ms.clear();
        }
        FUZZ_CHECK((m.get(T(k)) != nullptr) == (mm.count(k) == 1));
        FUZZ_CHECK(s.contains(T(k)) == (ms.count(k) == 1));
        return true;
    }
  }

  void run(const std::uint8_t* data, std::size_t size) {
    for (std::size_t i = 0; i + 3 <= size; i += 3) {
      const auto before = order();
      const std::size_t left = m.growth_left(), set_size = s.size();
      if (!step(data[i], data[i + 1], data[i + 2])) {
        FUZZ_CHECK(order() == before && m.growth_left() == left && s.size() == set_size);  // unchanged
      }
      same();
    }
  }
};

template <class T, class H>
void run(H h, const std::uint8_t* data, std::size_t size) {
  machine<T, H> mc(h);
  mc.run(data, size);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  bare_fuzz::with_shape(data[0], [&]<class T, class H>(H h) { run<T>(h, data + 1, size - 1); });
  return 0;
}
