// bare/detail/kv_ref.hpp — kv_ref<K, V>: a map element seen through an iterator, by value
// (references to the key and the value), for the maps whose keys and values are stored apart
// (btree_map, hash_map, fixed_map). It binds with `auto [k, v] = *it` and `it->second`, but
// not `auto& [k, v]` (it is a prvalue).
#pragma once

namespace bare {

// A map element seen through an iterator: references to the key and the value.
template <class K, class V>
struct kv_ref {
  const K& first;
  V& second;
  constexpr const K& key() const noexcept { return first; }
  constexpr V& value() const noexcept { return second; }
};

}  // namespace bare
