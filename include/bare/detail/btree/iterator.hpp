// bare/detail/btree/iterator.hpp — the bidirectional iterators of btree_map / btree_set, the
// map's element reference (kv_ref), and range bounds (bare::bound, bare::included, ...).
//
// An iterator is a key position (node, index); end() is (root, root->len) (navigate.hpp), so
// begin() is O(height) and end() O(1). The map's keys and values live in separate arrays
// (node.hpp), so dereferencing a map iterator yields a kv_ref by value: {const K& first;
// V& second;}, like Rust's (&K, &mut V) item. It binds with `auto [k, v] = *it`,
// `for (auto [k, v] : map)` and `it->second`, but not `auto& [k, v]` (it is a prvalue).
// In hosted builds the iterators model std::bidirectional_iterator (the map's as a proxy
// iterator whose value_type is kv_ref), so <algorithm> and ranges accept them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "bare/detail/btree/navigate.hpp"
#include "bare/detail/kv_ref.hpp"
#include "bare/detail/btree/node.hpp"

#if __STDC_HOSTED__
#include <iterator>
#endif

namespace bare {

// One end of a range: a key included, a key excluded, or no bound. A bound refers to its key
// (it does not copy it): build it in the call that uses it, e.g.
//   map.range(bare::included(lo), bare::excluded(hi))     lo <= k < hi
//   map.range(bare::excluded(lo), bare::unbounded)         lo < k
enum class bound_kind : std::uint8_t { included, excluded, unbounded };
template <class Q>
struct bound {
  bound_kind kind;
  const Q* key;
};
template <class Q>
constexpr bound<Q> included(const Q& k) noexcept {
  return {bound_kind::included, &k};
}
template <class Q>
constexpr bound<Q> excluded(const Q& k) noexcept {
  return {bound_kind::excluded, &k};
}
struct unbounded_t {
  template <class Q>
  constexpr operator bound<Q>() const noexcept {  // NOLINT: implicit by design
    return {bound_kind::unbounded, nullptr};
  }
};
inline constexpr unbounded_t unbounded{};

namespace detail::btree {

template <class P, bool Const>
class iterator {
  using K = typename P::key_type;
  using V = typename P::mapped_type;
  using Vc = std::conditional_t<Const, const V, V>;

 public:
  using value_type = std::conditional_t<P::has_values, kv_ref<K, Vc>, K>;
  using reference = std::conditional_t<P::has_values, kv_ref<K, Vc>, const K&>;
  using difference_type = std::ptrdiff_t;
#if __STDC_HOSTED__
  // The map's reference is a proxy; like std::vector<bool>'s iterators, it still claims its
  // real traversal category, so std::prev / advance / distance work.
  using iterator_concept = std::bidirectional_iterator_tag;
  using iterator_category = std::bidirectional_iterator_tag;
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
  iterator(const iterator<P, C2>& o) noexcept : node_(o.node_), idx_(o.idx_) {}  // NOLINT: implicit by design

  // The element. Precondition (checked unless BARE_UNCHECKED): not end(). O(1).
  reference operator*() const noexcept {
    BARE_CHECK(node_ != nullptr && idx_ < node_->len, "bare::btree: dereferencing end()");
    if constexpr (P::has_values) return reference{key<P>(node_, idx_), vals<P>(node_)[idx_]};
    else return key<P>(node_, idx_);
  }
  auto operator->() const noexcept {
    if constexpr (P::has_values) return arrow{**this};
    else return &**this;
  }
  // Amortised O(1), worst case O(height).
  iterator& operator++() noexcept {
    step_forward<P>(node_, idx_);
    return *this;
  }
  iterator operator++(int) noexcept {
    iterator old = *this;
    step_forward<P>(node_, idx_);
    return old;
  }
  iterator& operator--() noexcept {
    step_backward<P>(node_, idx_);
    return *this;
  }
  iterator operator--(int) noexcept {
    iterator old = *this;
    step_backward<P>(node_, idx_);
    return old;
  }
  friend bool operator==(const iterator& a, const iterator& b) noexcept {
    return a.node_ == b.node_ && a.idx_ == b.idx_;
  }

  // For the containers: the position.
  node_pos pos_() const noexcept { return {node_, idx_}; }
  explicit iterator(node_pos h) noexcept : node_(h.node), idx_(h.idx) {}

 private:
  template <class, bool>
  friend class iterator;
  node_base* node_ = nullptr;
  std::size_t idx_ = 0;
};

// [first, last): what range(), equal_range() return; usable in range-for.
template <class It>
struct iter_range {
  It first;
  It last;
  It begin() const noexcept { return first; }
  It end() const noexcept { return last; }
  bool empty() const noexcept { return first == last; }
};

}  // namespace detail::btree
}  // namespace bare
