// Shared pieces of the hash container fuzzers (hash_fuzz, fixed_hash_fuzz): the hash protocol
// for boxed_int, the hashers an input chooses between, and the operations both run the same
// way (removals and lookups of a map mirrored on a std::unordered_map<int, int>).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <unordered_map>

#include "bare/hash.hpp"
#include "fuzz_support.hpp"

namespace bare_fuzz {

inline void hash_append(bare::hash_state& h, const boxed_int& b) noexcept { h.add(b.get()); }

// Keeps 3 bits of the key: keys collide in groups.
struct three_bits {
  using is_avalanching = void;
  template <class T>
  std::uint64_t operator()(const T& x) const noexcept {
    return bare::fixed_seed_hasher()(static_cast<unsigned>(get(x)) & 7u);
  }
};
// One hash for every key: one home group, one h2.
struct one_hash {
  using is_avalanching = void;
  template <class T>
  std::uint64_t operator()(const T&) const noexcept {
    return 0x0123456789ABCDEFull;
  }
};
// libstdc++'s identity hash (not avalanching: the table mixes it).
struct identity {
  template <class T>
  std::size_t operator()(const T& x) const noexcept {
    return std::hash<int>()(get(x));
  }
};

// Calls f.template operator()<T>(hasher) with the element type T and the hasher that an
// input's shape byte chooses: bits 0-1 the hasher (bare::fixed_seed_hasher with a seed from
// bits 4-7, three_bits, one_hash, identity), bit 2 the element type (int or boxed_int).
template <class F>
void with_shape(unsigned shape, F&& f) {
  auto with_hasher = [&]<class T>() {
    switch (shape & 3u) {
      case 0: f.template operator()<T>(bare::fixed_seed_hasher(shape >> 4)); break;
      case 1: f.template operator()<T>(three_bits()); break;
      case 2: f.template operator()<T>(one_hash()); break;
      default: f.template operator()<T>(identity()); break;
    }
  };
  if (shape & 4u) with_hasher.template operator()<boxed_int>();
  else with_hasher.template operator()<int>();
}

enum class removal { erase_key, find_erase, retain, extract_if, remove };

// One removal or lookup on the map m of T (keys and values), mirrored on model; k is the key,
// b an argument.
template <class T, class M, class Model>
void removal_op(removal which, M& m, Model& model, int k, int b) {
  switch (which) {
    case removal::erase_key:
      FUZZ_CHECK(m.erase(T(k)) == model.erase(k));
      break;
    case removal::find_erase: {
      auto it = m.find(T(k));
      auto mit = model.find(k);
      FUZZ_CHECK((it == m.end()) == (mit == model.end()));
      if (mit != model.end()) {
        FUZZ_CHECK(get((*it).second) == mit->second);
        m.erase(it);
        model.erase(mit);
      }
      break;
    }
    case removal::retain: {
      const int d = b % 7 + 2;
      m.retain([d](const T& key, T&) { return get(key) % d != 0; });
      std::erase_if(model, [d](const auto& e) { return e.first % d == 0; });
      break;
    }
    case removal::extract_if: {
      const int d = b % 5 + 2;
      int n = 0;
      auto x = m.extract_if([d](const T& key, T&) { return get(key) % d == 0; });
      for (auto it = x.begin(); it != x.end(); ++it) {
        FUZZ_CHECK(get(it->first) % d == 0);
        FUZZ_CHECK(model.erase(get(it->first)) == 1);
        if (++n > k % 8) break;
      }
      break;
    }
    case removal::remove: {
      auto r = m.remove(T(k));
      auto mit = model.find(k);
      FUZZ_CHECK(r.has_value() == (mit != model.end()));
      if (r) {
        FUZZ_CHECK(get(*r) == mit->second);
        model.erase(mit);
      }
      break;
    }
  }
}

}  // namespace bare_fuzz
