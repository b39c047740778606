// bare/detail/hash/iterator.hpp — the forward iterators of hash_map / hash_set, and the
// policies (what a slot holds) of the two.
//
// An iterator is a position (control byte, slot); end() is the sentinel's control byte, so
// iteration needs no bound check: ++ scans the rest of the group, then whole groups (one
// 16-byte match each), until an occupied byte, which is the sentinel at the latest.
// Dereferencing a map iterator yields a kv_ref {const K& first; V& second;} by value (the key
// must not change while it is in the map); a set iterator yields const K&.
// In hosted builds the iterators model std::forward_iterator (the map's as a proxy iterator
// whose value_type is kv_ref), so <algorithm> and ranges accept them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>

#include "bare/detail/clone.hpp"
#include "bare/detail/hash/table.hpp"
#include "bare/detail/kv_ref.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"

#if __STDC_HOSTED__
#include <iterator>
#endif

namespace bare::detail::hash {

// A map's slot: the key and the value side by side (one cache line for both when they fit).
template <class K, class V>
struct kv_slot {
  K first;
  V second;

  // A copy made through the parts' try_clone where they have one (bare::string keys, ...).
  result<kv_slot> try_clone() const noexcept
    requires(has_try_clone<K> || has_try_clone<V>) && cloneable<K> && cloneable<V>
  {
    alignas(K) unsigned char kb[sizeof(K)];
    K* k = reinterpret_cast<K*>(kb);
    if (auto r = clone_into(k, first); !r) return err(r.error());
    alignas(V) unsigned char vb[sizeof(V)];
    V* v = reinterpret_cast<V*>(vb);
    if (auto r = clone_into(v, second); !r) {
      k->K::~K();
      return err(r.error());
    }
    result<kv_slot> out(std::in_place, kv_slot{static_cast<K&&>(*k), static_cast<V&&>(*v)});
    k->K::~K();
    v->V::~V();
    return out;
  }
};

template <class K, class V>
struct map_policy {
  using key_type = K;
  using mapped_type = V;
  using slot_type = kv_slot<K, V>;
  static constexpr bool has_values = true;
  BARE_ALWAYS_INLINE static const K& key(const slot_type& s) noexcept { return s.first; }
};

template <class K>
struct set_policy {
  using key_type = K;
  using mapped_type = void;
  using slot_type = K;
  static constexpr bool has_values = false;
  BARE_ALWAYS_INLINE static const K& key(const slot_type& s) noexcept { return s; }
};

// What an iterator yields: kv_ref for a map, const K& for a set.
template <class P, bool Const, bool = P::has_values>
struct yields {
  using value_type = typename P::key_type;
  using reference = const typename P::key_type&;
};
template <class P, bool Const>
struct yields<P, Const, true> {
  using value_type =
      kv_ref<typename P::key_type, std::conditional_t<Const, const typename P::mapped_type, typename P::mapped_type>>;
  using reference = value_type;
};

template <class P, bool Const>
class iterator {
  using S = typename P::slot_type;

 public:
  using value_type = typename yields<P, Const>::value_type;
  using reference = typename yields<P, Const>::reference;
  using difference_type = std::ptrdiff_t;
#if __STDC_HOSTED__
  using iterator_concept = std::forward_iterator_tag;
  using iterator_category = std::forward_iterator_tag;
#endif

  // The pointer-like result of operator-> for the map: holds the kv_ref.
  struct arrow {
    reference ref;
    const reference* operator->() const noexcept { return &ref; }
  };

  iterator() noexcept = default;
  // An iterator converts to a const_iterator.
  template <bool C2>
    requires(Const && !C2)
  iterator(const iterator<P, C2>& o) noexcept : ctrl_(o.ctrl_), slot_(o.slot_) {}  // NOLINT: implicit by design

  // The element. Precondition (checked unless BARE_UNCHECKED): not end(). O(1).
  reference operator*() const noexcept {
    BARE_CHECK(slot_ != nullptr, "bare::hash: dereferencing end()");
    if constexpr (P::has_values) return reference{slot_->first, slot_->second};
    else return *slot_;
  }
  auto operator->() const noexcept {
    if constexpr (P::has_values) return arrow{**this};
    else return &**this;
  }
  // Amortised O(1) over a whole iteration (each group is matched once); one step may scan
  // many empty groups. Precondition (checked unless BARE_UNCHECKED): not end().
  iterator& operator++() noexcept {
    BARE_CHECK(slot_ != nullptr, "bare::hash: incrementing end()");
    step_forward(ctrl_, slot_);
    return *this;
  }
  iterator operator++(int) noexcept {
    iterator old = *this;
    ++*this;
    return old;
  }
  friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.ctrl_ == b.ctrl_; }

  // For the containers: from and to a table position.
  template <class Pos>
  explicit iterator(Pos p) noexcept : ctrl_(p.ctrl), slot_(p.slot) {}
  template <class Pos>
  Pos pos_() const noexcept {
    return Pos{ctrl_, slot_};
  }

 private:
  template <class, bool>
  friend class iterator;
  std::uint8_t* ctrl_ = nullptr;
  S* slot_ = nullptr;
};

}  // namespace bare::detail::hash

namespace bare {
template <class K, class V>
struct is_trivially_relocatable<detail::hash::kv_slot<K, V>>
    : std::bool_constant<is_trivially_relocatable_v<K> && is_trivially_relocatable_v<V>> {};
}  // namespace bare
