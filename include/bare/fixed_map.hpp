// bare/fixed_map.hpp — fixed_map<K, V, N, Cmp>: an ordered map of at most N elements in sorted
// arrays inside the object, found by binary search (ETL's flat_map, boost's flat_map with a
// static capacity). Deterministic (no hashing, no allocation, no rebalancing), and cache-
// friendly: the keys are contiguous, the values beside them. It never allocates.
//
//   bare::fixed_map<std::uint16_t, handler_fn, 32> handlers;
//   if (!handlers.try_insert(0x0101, on_read)) ...;     // full: reported, the map unchanged
//   if (handler_fn* h = handlers.get(id)) (*h)(msg);
//
// Storage: the keys and the values are two fixed_vecs (detail::vec_core over inline slots),
// kept in step: inserting and erasing are vec's insert and erase on both, so the array
// algorithm is the one every contiguous container uses. Iteration is in key order; *it is a
// kv_ref {const K& first; V& second;} by value (keys and values are apart, as in btree_map):
// `for (auto [k, v] : map)`, `it->second`. keys() and values() are spans.
//
// Every insertion comes as try_X (alloc_errc::full when the key is absent and the map holds N
// elements; the map unchanged, arguments not consumed) and X (a panic when full; declared also
// under BARE_NO_GLOBAL_OOM_HANDLING). Inserting a present key changes nothing (try_insert,
// try_emplace) or assigns (try_insert_or_assign), and never reports full.
//
// Costs: lookup O(log n) comparisons; insert and erase O(log n) comparisons + O(n) moves;
// iteration O(1) per element. Insertion and removal invalidate iterators and references at
// and after the position. A comparator that is not a strict weak order gives wrong answers,
// never an access out of bounds.
//
// constexpr (C++20): for default-constructible, trivially destructible literal K and V (as
// fixed_vec's elements, bare/fixed_vec.hpp), a fixed_map can be built at compile time; a
// constexpr variable is then constant data in read-only memory (.rodata, flash), a constinit
// one is mutable .data:
//   constexpr auto table = [] { bare::fixed_map<int, int, 4> m; m.insert(2, 20); m.insert(1, 10); return m; }();
//   static_assert(*table.get(1) == 10);
// Usable in constant evaluation: construction (default, list), copy and move, every
// insertion (try_ and panicking, operator[], insert_or_assign), remove / remove_entry /
// erase / retain / clear, lookup (get, at, find, contains, lower_bound, upper_bound), keys()
// and values(), iteration, comparison. Not: what fixed_vec cannot do in constant evaluation
// (clone, drain), nor K and V outside the class above.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <span>
#include <type_traits>
#include <utility>

#include "bare/compare.hpp"
#include "bare/detail/kv_ref.hpp"
#include "bare/fixed_vec.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"
#include "bare/reverse_iterator.hpp"

namespace bare {

template <class K, class V, std::size_t N, class Cmp = less<K>>
class fixed_map {
  static_assert(std::is_object_v<K> && !std::is_const_v<K> && std::is_object_v<V> && !std::is_const_v<V>,
                "bare::fixed_map<K, V>: K and V must be non-const object types");

  // Representation invariant: keys_.size() == vals_.size() <= N; keys_ strictly increasing
  // by cmp_ (no two equivalent keys); vals_[i] is the value of keys_[i].
  fixed_vec<K, N> keys_;
  fixed_vec<V, N> vals_;
  [[no_unique_address]] Cmp cmp_{};

  // A lookup argument: the key type, anything a transparent comparator compares with keys, or
  // (otherwise) anything that converts to the key type (converted once, by key_).
  static constexpr bool transparent_ = requires { typename Cmp::is_transparent; };
  template <class Q>
  static constexpr bool lookup_ = std::is_same_v<Q, K> || transparent_ || std::is_convertible_v<const Q&, K>;
  template <class Q>
  static constexpr decltype(auto) key_(const Q& q) noexcept {
    if constexpr (std::is_same_v<Q, K> || transparent_) return (q);
    else return static_cast<K>(q);
  }

  template <bool Const>
  class basic_iterator;

 public:
  using key_type = K;
  using mapped_type = V;
  using key_compare = Cmp;
  using size_type = std::size_t;
  using reference = kv_ref<K, V>;
  using const_reference = kv_ref<K, const V>;
  using value_type = reference;  // what iteration yields
  using iterator = basic_iterator<false>;
  using const_iterator = basic_iterator<true>;

  // Where an insertion put the key's element, and whether it inserted (false: the key was
  // there; the map did not change, or its value was assigned).
  struct insert_result {
    iterator position;
    bool inserted;
  };

  // ---- construction ------------------------------------------------------------------------

  // Empty. O(1).
  constexpr fixed_map() noexcept requires std::default_initializable<Cmp> = default;
  constexpr explicit fixed_map(Cmp cmp) noexcept : cmp_(static_cast<Cmp&&>(cmp)) {}
  // Inserts each pair in turn (the first of equal keys wins, as std::map). O(n log n + n^2)
  // moves at most. Panics if there are more than N distinct keys.
  constexpr fixed_map(std::initializer_list<std::pair<K, V>> il, Cmp cmp = Cmp()) noexcept
    requires std::is_copy_constructible_v<K> && std::is_copy_constructible_v<V>
      : cmp_(static_cast<Cmp&&>(cmp)) {
    for (const auto& kv : il) (void)insert(kv.first, kv.second);
  }
  constexpr fixed_map(const fixed_map&) = default;
  constexpr fixed_map(fixed_map&&) noexcept = default;
  constexpr fixed_map& operator=(const fixed_map&) = default;
  constexpr fixed_map& operator=(fixed_map&&) noexcept = default;
  constexpr ~fixed_map() = default;

  // ---- size --------------------------------------------------------------------------------
  constexpr std::size_t size() const noexcept { return keys_.size(); }
  constexpr bool empty() const noexcept { return keys_.empty(); }
  static constexpr std::size_t capacity() noexcept { return N; }
  static constexpr std::size_t max_size() noexcept { return N; }
  constexpr const Cmp& key_comp() const noexcept { return cmp_; }

  // Whether the representation invariant holds. O(n). For tests and diagnostics.
  constexpr bool check() const noexcept {
    if (keys_.size() != vals_.size()) return false;
    for (std::size_t i = 1; i < keys_.size(); ++i)
      if (!cmp_(keys_[i - 1], keys_[i])) return false;
    return true;
  }

  // ---- lookup (O(log n) comparisons; never changes the map) ---------------------------------

  // Pointer to the value of key q, or nullptr.
  template <class Q = K>
    requires lookup_<Q>
  constexpr V* get(const Q& q) noexcept {
    const std::size_t i = find_index_(key_(q));
    return i != npos_ ? vals_.data() + i : nullptr;
  }
  template <class Q = K>
    requires lookup_<Q>
  constexpr const V* get(const Q& q) const noexcept {
    const std::size_t i = find_index_(key_(q));
    return i != npos_ ? vals_.data() + i : nullptr;
  }
  // The value of key q. Precondition (always checked): the key is present.
  template <class Q = K>
    requires lookup_<Q>
  constexpr V& at(const Q& q, source_loc where = source_loc::current()) noexcept {
    V* v = get(q);
    BARE_ASSERT_AT(v != nullptr, "bare::fixed_map::at: key not found", where);
    return *v;
  }
  template <class Q = K>
    requires lookup_<Q>
  constexpr const V& at(const Q& q, source_loc where = source_loc::current()) const noexcept {
    const V* v = get(q);
    BARE_ASSERT_AT(v != nullptr, "bare::fixed_map::at: key not found", where);
    return *v;
  }
  template <class Q = K>
    requires lookup_<Q>
  constexpr bool contains(const Q& q) const noexcept {
    return find_index_(key_(q)) != npos_;
  }
  // The element of key q, or end().
  template <class Q = K>
    requires lookup_<Q>
  constexpr iterator find(const Q& q) noexcept {
    const std::size_t i = find_index_(key_(q));
    return iter_(i != npos_ ? i : size());
  }
  template <class Q = K>
    requires lookup_<Q>
  constexpr const_iterator find(const Q& q) const noexcept {
    const std::size_t i = find_index_(key_(q));
    return citer_(i != npos_ ? i : size());
  }
  // The first element whose key is not less than q / greater than q.
  template <class Q = K>
    requires lookup_<Q>
  constexpr iterator lower_bound(const Q& q) noexcept {
    return iter_(lower_(key_(q)));
  }
  template <class Q = K>
    requires lookup_<Q>
  constexpr const_iterator lower_bound(const Q& q) const noexcept {
    return citer_(lower_(key_(q)));
  }
  template <class Q = K>
    requires lookup_<Q>
  constexpr iterator upper_bound(const Q& q) noexcept {
    return iter_(upper_(key_(q)));
  }
  template <class Q = K>
    requires lookup_<Q>
  constexpr const_iterator upper_bound(const Q& q) const noexcept {
    return citer_(upper_(key_(q)));
  }
  // The first / last element, or none. O(1).
  constexpr std::optional<reference> first() noexcept {
    if (empty()) return std::nullopt;
    return reference{keys_[0], vals_[0]};
  }
  constexpr std::optional<reference> last() noexcept {
    if (empty()) return std::nullopt;
    return reference{keys_[size() - 1], vals_[size() - 1]};
  }
  constexpr std::optional<const_reference> first() const noexcept {
    if (empty()) return std::nullopt;
    return const_reference{keys_[0], vals_[0]};
  }
  constexpr std::optional<const_reference> last() const noexcept {
    if (empty()) return std::nullopt;
    return const_reference{keys_[size() - 1], vals_[size() - 1]};
  }

  // The keys in order, and the values in the same order. O(1).
  constexpr std::span<const K> keys() const noexcept { return keys_.as_span(); }
  constexpr std::span<V> values() noexcept { return vals_.as_span(); }
  constexpr std::span<const V> values() const noexcept { return vals_.as_span(); }

  constexpr iterator begin() noexcept { return iter_(0); }
  constexpr iterator end() noexcept { return iter_(size()); }
  constexpr const_iterator begin() const noexcept { return citer_(0); }
  constexpr const_iterator end() const noexcept { return citer_(size()); }
  constexpr const_iterator cbegin() const noexcept { return begin(); }
  constexpr const_iterator cend() const noexcept { return end(); }
  // Last to first: reverse_iterator over the iterators above (rbegin() is end()'s position).
  // O(1) (as begin() / end()); never allocate; valid as long as those iterators are.
  constexpr reverse_iterator<iterator> rbegin() noexcept { return reverse_iterator<iterator>(end()); }
  constexpr reverse_iterator<const_iterator> rbegin() const noexcept { return reverse_iterator<const_iterator>(end()); }
  constexpr reverse_iterator<const_iterator> crbegin() const noexcept { return rbegin(); }
  constexpr reverse_iterator<iterator> rend() noexcept { return reverse_iterator<iterator>(begin()); }
  constexpr reverse_iterator<const_iterator> rend() const noexcept { return reverse_iterator<const_iterator>(begin()); }
  constexpr reverse_iterator<const_iterator> crend() const noexcept { return rend(); }

  // ---- insertion (O(log n) comparisons + O(n) moves; never allocates) -----------------------

  // Inserts (k, v) unless key k is present (then nothing changes). alloc_errc::full if absent
  // and the map is full.
  template <class VV = V>
  constexpr result<insert_result> try_insert(const K& k, VV&& v) noexcept {
    return try_emplace(k, static_cast<VV&&>(v));
  }
  template <class VV = V>
  constexpr result<insert_result> try_insert(K&& k, VV&& v) noexcept {
    return try_emplace(static_cast<K&&>(k), static_cast<VV&&>(v));
  }
  // Inserts (k, V(args...)) unless key k is present; the value is constructed only when
  // inserted (std's try_emplace). alloc_errc::full if absent and the map is full.
  template <class KK, class... Args>
    requires std::is_constructible_v<K, KK&&>
  constexpr result<insert_result> try_emplace(KK&& k, Args&&... args) noexcept {
    if constexpr (!std::is_same_v<std::remove_cvref_t<KK>, K>) {  // a K first, then as below
      return try_emplace(K(static_cast<KK&&>(k)), static_cast<Args&&>(args)...);
    } else {
      const std::size_t i = lower_(k);
      if (i != size() && !cmp_(k, keys_[i])) return insert_result{iter_(i), false};
      if (size() == N) return err(detail::full_error<std::pair<K, V>>());
      return insert_at_(i, static_cast<KK&&>(k), static_cast<Args&&>(args)...);
    }
  }
  // Inserts (k, v), or assigns v to the value of key k if present (inserted == false then).
  template <class KK, class VV = V>
    requires std::is_constructible_v<K, KK&&>
  constexpr result<insert_result> try_insert_or_assign(KK&& k, VV&& v) noexcept {
    if constexpr (!std::is_same_v<std::remove_cvref_t<KK>, K>) {
      return try_insert_or_assign(K(static_cast<KK&&>(k)), static_cast<VV&&>(v));
    } else {
      const std::size_t i = lower_(k);
      if (i != size() && !cmp_(k, keys_[i])) {
        vals_[i] = static_cast<VV&&>(v);
        return insert_result{iter_(i), false};
      }
      if (size() == N) return err(detail::full_error<std::pair<K, V>>());
      return insert_at_(i, static_cast<KK&&>(k), static_cast<VV&&>(v));
    }
  }
  // The panicking twins (full is a precondition violation here).
  template <class KK, class VV = V>
  constexpr insert_result insert(KK&& k, VV&& v) noexcept {
    return detail::unwrap_or_fail<false>(try_emplace(static_cast<KK&&>(k), static_cast<VV&&>(v)));
  }
  template <class KK, class... Args>
  constexpr insert_result emplace(KK&& k, Args&&... args) noexcept {
    return detail::unwrap_or_fail<false>(try_emplace(static_cast<KK&&>(k), static_cast<Args&&>(args)...));
  }
  template <class KK, class VV = V>
  constexpr insert_result insert_or_assign(KK&& k, VV&& v) noexcept {
    return detail::unwrap_or_fail<false>(try_insert_or_assign(static_cast<KK&&>(k), static_cast<VV&&>(v)));
  }
  // The value of key k, inserting V() first if absent (std::map's operator[]). Panics if it
  // must insert and the map is full.
  constexpr V& operator[](const K& k) noexcept requires std::default_initializable<V> {
    return *emplace(k).position.v_;
  }

  // ---- removal (O(log n) comparisons + O(n) moves; never allocates) -------------------------

  // Removes key q's element and returns its value / the pair (none if absent).
  template <class Q = K>
    requires lookup_<Q>
  constexpr std::optional<V> remove(const Q& q) noexcept {
    const std::size_t i = find_index_(key_(q));
    if (i == npos_) return std::nullopt;
    std::optional<V> out(vals_.remove(i));
    keys_.erase(keys_.begin() + i);
    return out;
  }
  template <class Q = K>
    requires lookup_<Q>
  constexpr std::optional<std::pair<K, V>> remove_entry(const Q& q) noexcept {
    const std::size_t i = find_index_(key_(q));
    if (i == npos_) return std::nullopt;
    K k = keys_.remove(i);
    return std::optional<std::pair<K, V>>(std::in_place, static_cast<K&&>(k), vals_.remove(i));
  }
  // Removes the element at pos; returns the iterator following it. Precondition (checked):
  // pos is an element.
  constexpr iterator erase(const_iterator pos) noexcept {
    const std::size_t i = index_of_(pos);
    BARE_CHECK(i < size(), "bare::fixed_map::erase: end() is not an element");
    keys_.erase(keys_.begin() + i);
    vals_.erase(vals_.begin() + i);
    return iter_(i);
  }
  // Keeps the elements for which pred(const K&, V&) is true. O(n).
  template <class Pred>
  constexpr void retain(Pred pred) noexcept {
    std::size_t w = 0;
    const std::size_t n = size();
    for (std::size_t r = 0; r < n; ++r) {
      if (pred(static_cast<const K&>(keys_[r]), vals_[r])) {
        if (w != r) {
          keys_[w] = static_cast<K&&>(keys_[r]);
          vals_[w] = static_cast<V&&>(vals_[r]);
        }
        ++w;
      }
    }
    keys_.truncate(w);
    vals_.truncate(w);
  }
  constexpr void clear() noexcept {
    keys_.clear();
    vals_.clear();
  }

  // Equal sizes and element-wise equal keys and values. O(n).
  friend constexpr bool operator==(const fixed_map& a, const fixed_map& b) noexcept
    requires requires(const K& k, const V& v) { k == k; v == v; }
  {
    return a.keys_ == b.keys_ && a.vals_ == b.vals_;
  }

 private:
  static constexpr std::size_t npos_ = static_cast<std::size_t>(-1);

  // Inserts at index i (the key's sorted place). Preconditions: size() < N; k belongs at i.
  template <class KK, class... Args>
  constexpr insert_result insert_at_(std::size_t i, KK&& k, Args&&... args) noexcept {
    // Built before anything moves: the arguments may refer into this map.
    K key(static_cast<KK&&>(k));
    V val(static_cast<Args&&>(args)...);
    (void)keys_.try_insert(keys_.begin() + i, static_cast<K&&>(key));  // (room checked by the caller)
    (void)vals_.try_insert(vals_.begin() + i, static_cast<V&&>(val));
    return insert_result{iter_(i), true};
  }

  // The first index whose key does not satisfy pred, keys being partitioned by it (Rust's
  // partition_point; the loop keeps the answer in [lo, lo + n]). O(log n) calls of pred.
  template <class Pred>
  constexpr std::size_t partition_(Pred pred) const noexcept {
    std::size_t lo = 0, n = size();
    const K* k = keys_.data();
    while (n != 0) {
      const std::size_t half = n / 2;
      if (pred(k[lo + half])) {
        lo += half + 1;
        n -= half + 1;
      } else {
        n = half;
      }
    }
    return lo;
  }
  // The first index whose key is not less than q / is greater than q.
  template <class Q>
  constexpr std::size_t lower_(const Q& q) const noexcept {
    return partition_([&](const K& k) { return cmp_(k, q); });
  }
  template <class Q>
  constexpr std::size_t upper_(const Q& q) const noexcept {
    return partition_([&](const K& k) { return !cmp_(q, k); });
  }
  template <class Q>
  constexpr std::size_t find_index_(const Q& q) const noexcept {
    const std::size_t i = lower_(q);
    return i != size() && !cmp_(q, keys_[i]) ? i : npos_;
  }

  constexpr iterator iter_(std::size_t i) noexcept { return iterator(keys_.data() + i, vals_.data() + i); }
  constexpr const_iterator citer_(std::size_t i) const noexcept { return const_iterator(keys_.data() + i, vals_.data() + i); }
  constexpr std::size_t index_of_(const_iterator pos) const noexcept {
    const std::size_t i = static_cast<std::size_t>(pos.k_ - keys_.data());
    BARE_ASSERT(pos.k_ >= keys_.data() && i <= size(), "bare::fixed_map: iterator out of range");
    return i;
  }

  // A random-access iterator over the parallel arrays, yielding kv_ref by value.
  template <bool Const>
  class basic_iterator {
    using Vc = std::conditional_t<Const, const V, V>;

   public:
    using value_type = kv_ref<K, Vc>;
    using reference = kv_ref<K, Vc>;
    using difference_type = std::ptrdiff_t;
    struct arrow {
      reference r;
      constexpr const reference* operator->() const noexcept { return &r; }
    };

    constexpr basic_iterator() noexcept = default;
    template <bool C = Const>
      requires C
    constexpr basic_iterator(const basic_iterator<!C>& o) noexcept : k_(o.k_), v_(o.v_) {}  // NOLINT: implicit

    constexpr reference operator*() const noexcept { return reference{*k_, *v_}; }
    constexpr arrow operator->() const noexcept { return arrow{**this}; }
    constexpr reference operator[](difference_type n) const noexcept { return *(*this + n); }
    constexpr basic_iterator& operator++() noexcept {
      ++k_;
      ++v_;
      return *this;
    }
    constexpr basic_iterator operator++(int) noexcept {
      basic_iterator t = *this;
      ++*this;
      return t;
    }
    constexpr basic_iterator& operator--() noexcept {
      --k_;
      --v_;
      return *this;
    }
    constexpr basic_iterator operator--(int) noexcept {
      basic_iterator t = *this;
      --*this;
      return t;
    }
    constexpr basic_iterator& operator+=(difference_type n) noexcept {
      k_ += n;
      v_ += n;
      return *this;
    }
    constexpr basic_iterator& operator-=(difference_type n) noexcept { return *this += -n; }
    friend constexpr basic_iterator operator+(basic_iterator it, difference_type n) noexcept { return it += n; }
    friend constexpr basic_iterator operator+(difference_type n, basic_iterator it) noexcept { return it += n; }
    friend constexpr basic_iterator operator-(basic_iterator it, difference_type n) noexcept { return it -= n; }
    friend constexpr difference_type operator-(const basic_iterator& a, const basic_iterator& b) noexcept {
      return a.k_ - b.k_;
    }
    friend constexpr bool operator==(const basic_iterator& a, const basic_iterator& b) noexcept { return a.k_ == b.k_; }
    friend constexpr auto operator<=>(const basic_iterator& a, const basic_iterator& b) noexcept { return a.k_ <=> b.k_; }

   private:
    friend class fixed_map;
    friend class basic_iterator<!Const>;
    constexpr basic_iterator(const K* k, Vc* v) noexcept : k_(k), v_(v) {}
    const K* k_ = nullptr;
    Vc* v_ = nullptr;
  };
};

template <class K, class V, std::size_t N, class Cmp>
struct is_trivially_relocatable<fixed_map<K, V, N, Cmp>>
    : std::bool_constant<is_trivially_relocatable_v<K> && is_trivially_relocatable_v<V> && std::is_trivially_copyable_v<Cmp>> {};

}  // namespace bare
