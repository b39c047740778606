// bare/detail/vec_core.hpp — vec_core<T, S>: every algorithm of a contiguous array (vec's
// API: push, insert, erase, retain, drain, ...) written once over a storage policy S
// (detail/vec_storage.hpp): the heap block of vec<T, A>, the inline slots of fixed_vec<T, N>,
// another container's storage seen through vec_view<T>, a caller's buffer (buffer_vec<T>), or
// inline-then-heap (small_vec<T, N, A>). One algorithm, several kinds of storage.
//
// Where the storage cannot grow, every operation that would need more room reports
// alloc_errc::full (with layout_of<T>, as X_within_capacity does) and changes nothing: the
// strong guarantee of the try_ API holds for every storage. The infallible twins (X beside
// try_X) call bare::handle_alloc_error for storage that allocates, and panic ("full") for
// storage that never allocates. Under BARE_NO_GLOBAL_OOM_HANDLING those of allocating storage
// do not exist for callers (a requires-clause on infallible_ takes them out of overload
// resolution; handle_alloc_error is never named), while those of fixed storage remain.
//
// The public types derive from the core and add what depends on the kind of storage:
// constructors, factories that return the derived type (try_from, try_clone, split_off),
// raw parts. Their headers document the costs that differ (allocation, invalidation).
//
// constexpr: the operations a table built at compile time needs (construction, push,
// insert, erase, extend from a span, access, iteration, comparison) are constexpr; with inline
// storage (fixed_vec) they are usable in constant evaluation for a default-constructible,
// trivially destructible literal T (see detail/fixed_storage.hpp). In constant evaluation a
// source range is assumed not to lie inside the container.
#pragma once

#include <compare>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <new>
#include <optional>
#include <span>
#include <type_traits>
#include <utility>

#include "bare/detail/clone.hpp"
#include "bare/detail/pull_range.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"
#include "bare/reverse_iterator.hpp"

namespace bare {

// Storage that may hold up to `size` elements but holds none yet (vec::spare_capacity).
template <class T>
struct uninit_span {
  T* data;
  std::size_t size;
};

template <class T>
class vec_view;

namespace detail {

template <class T, class S>
class vec_core {
  static_assert(std::is_object_v<T> && !std::is_const_v<T> && !std::is_array_v<T>,
                "bare::vec<T>: T must be a non-const object type");
  static_assert(std::is_nothrow_destructible_v<T>, "bare::vec<T>: T's destructor must not throw");

  template <class U, class S2>
  friend class vec_core;
  template <class U>
  friend class bare::vec_view;

 protected:
  // The representation invariant is the storage's (len() <= cap(); data()[0, len()) live).
  S s_;

  static constexpr layout elem_ = layout_of<T>;

  constexpr vec_core() noexcept requires std::default_initializable<S> = default;
  template <class... A>
  constexpr explicit vec_core(std::in_place_t, A&&... a) noexcept : s_(static_cast<A&&>(a)...) {}
  constexpr vec_core(const vec_core&) = default;
  constexpr vec_core(vec_core&&) = default;
  constexpr vec_core& operator=(const vec_core&) = default;
  constexpr vec_core& operator=(vec_core&&) = default;
  constexpr ~vec_core() = default;


 public:
  // For the containers built on this one (string_core, heap_core): whether the capacity can
  // grow, whether it may allocate, and whether the infallible twins are declared (see the
  // header comment).
  static constexpr bool growable_ = S::growable;
  // Whether the storage grows without this vec's address (heap storage, stateless allocator).
  static constexpr bool grows_detached_ = requires(S& s) { s.grow(std::size_t{1}, false); };
  static constexpr bool allocates_ = S::allocates;
  static constexpr bool infallible_ = !S::allocates || BARE_OOM_HANDLING;

  using value_type = T;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using reference = T&;
  using const_reference = const T&;
  using pointer = T*;
  using const_pointer = const T*;
  using iterator = T*;
  using const_iterator = const T*;

  // Replaces the contents with copies of src. O(len + n); allocates if n > capacity() (with a
  // fixed capacity: alloc_errc::full instead). On failure the container is unchanged.
  // Invalidates all iterators. Elements whose clones may fail (try_clone) are cloned into
  // fresh room before the old ones go: with a fixed capacity that needs size() + n <=
  // capacity(), else alloc_errc::full.
  constexpr result<void> try_assign_from(std::span<const T> src) noexcept requires cloneable<T> {
    const std::size_t n = src.size(), len = s_.len();
    if constexpr (growable_) {
      // A fresh copy first when the old contents must survive a failure: the source does not
      // fit, lives in this vec, or cloning an element may fail (try_clone elements).
      if (n > s_.cap() || overlaps_(src) || has_try_clone<T>) {
        // (A fresh block of exactly n elements, none for n == 0: the old one is freed.)
        if (n > S::max_size) return err(capacity_overflow(elem_.align));
        T* d = nullptr;
        if (n != 0) {
          auto fresh = s_.allocate(n);
          if (!fresh) return err(fresh.error());
          d = *fresh;
        }
        for (std::size_t i = 0; i < n; ++i) {
          auto r = clone_into(d + i, src[i]);
          if (BARE_UNLIKELY(!r)) {
            destroy_n(d, i);
            s_.deallocate(d, n);
            return r;
          }
        }
        destroy_n(s_.data(), len);
        s_.replace(d, n);
        s_.set_len(n);
        return {};
      }
    } else {
      if (n > s_.cap()) return err(full_error<T>());
      if (overlaps_(src)) {  // a part of this container: keep that part, in place
        T* p = s_.data();
        const std::size_t off = static_cast<std::size_t>(src.data() - p);
        destroy_n(p, off);
        destroy_n(p + off + n, len - off - n);
        relocate_overlapping(p, p + off, n);
        s_.set_len(n);
        return {};
      }
      if constexpr (has_try_clone<T>) {  // clone after the old elements, then drop those
        if (len + n > s_.cap()) return err(full_error<T>());
        T* p = s_.data();
        for (std::size_t i = 0; i < n; ++i) {
          auto r = clone_into(p + len + i, src[i]);
          if (BARE_UNLIKELY(!r)) {
            destroy_n(p + len, i);
            return r;
          }
        }
        destroy_n(p, len);
        relocate_overlapping(p, p + len, n);
        s_.set_len(n);
        return {};
      }
    }
    // Fits, does not alias, and copying cannot fail: reuse the block.
    if constexpr (!has_try_clone<T>) {
      clear();
      T* p = s_.data();
      for (std::size_t i = 0; i < n; ++i) construct_elem(p + i, src[i]);
      s_.set_len(n);
    }
    return {};
  }
  constexpr void assign_from(std::span<const T> src) noexcept requires cloneable<T> && infallible_ {
    unwrap_or_fail<S::allocates>(try_assign_from(src));
  }

  // ---- size and capacity ---------------------------------------------------------------

  constexpr std::size_t size() const noexcept { return s_.len(); }
  constexpr bool empty() const noexcept { return s_.len() == 0; }
  // Elements the container can hold before it must allocate (or is full). O(1).
  constexpr std::size_t capacity() const noexcept { return s_.cap(); }
  static constexpr std::size_t max_size() noexcept { return S::max_size; }

  // Makes room for at least `additional` more elements (amortized growth policy; with a
  // fixed capacity: alloc_errc::full if they do not fit). O(len) if it allocates, else O(1).
  // Invalidates all iterators if it allocates.
  constexpr result<void> try_reserve(std::size_t additional) noexcept {
    if (BARE_LIKELY(s_.cap() - s_.len() >= additional)) return {};
    return grow_(additional, false);
  }
  // Makes room for exactly `additional` more elements (no over-allocation).
  constexpr result<void> try_reserve_exact(std::size_t additional) noexcept {
    if (s_.cap() - s_.len() >= additional) return {};
    return grow_(additional, true);
  }
  // Reduces capacity to size() (frees all memory if empty). O(len); allocates a smaller block
  // unless the allocator shrinks in place. Invalidates all iterators if it moves.
  result<void> try_shrink_to_fit() noexcept requires growable_ { return try_shrink_to(s_.len()); }
  // Reduces capacity to max(size(), n); no-op if capacity() <= that.
  result<void> try_shrink_to(std::size_t n) noexcept requires growable_ {
    std::size_t target = n > s_.len() ? n : s_.len();
    if (target >= s_.cap()) return {};
    return resize_block_(target);
  }
  constexpr void reserve(std::size_t additional) noexcept requires infallible_ { unwrap_or_fail<S::allocates>(try_reserve(additional)); }
  constexpr void reserve_exact(std::size_t additional) noexcept requires infallible_ {
    unwrap_or_fail<S::allocates>(try_reserve_exact(additional));
  }
  void shrink_to_fit() noexcept requires growable_ && infallible_ { unwrap_or_fail<S::allocates>(try_shrink_to_fit()); }
  void shrink_to(std::size_t n) noexcept requires growable_ && infallible_ { unwrap_or_fail<S::allocates>(try_shrink_to(n)); }

  // The uninitialised tail [size(), capacity()): construct elements there, then set_len.
  constexpr uninit_span<T> spare_capacity() noexcept { return {s_.data() + s_.len(), s_.cap() - s_.len()}; }
  // Sets the length to n. O(1). Preconditions (the second is the caller's promise): n <=
  // capacity(); elements [0, n) are constructed and [n, old size) were destroyed by the caller.
  constexpr void set_len(std::size_t n) noexcept {
    BARE_CHECK(n <= s_.cap(), "bare::vec::set_len: length exceeds capacity");
    s_.set_len(n);
  }

  // ---- element access ------------------------------------------------------------------

  constexpr T* data() noexcept { return s_.data(); }
  constexpr const T* data() const noexcept { return s_.data(); }
  constexpr std::span<T> as_span() noexcept { return {s_.data(), s_.len()}; }
  constexpr std::span<const T> as_span() const noexcept { return {s_.data(), s_.len()}; }
  // (A vec converts to std::span<T> / std::span<const T> through span's range constructor.)

  // Element i. O(1). Precondition (checked unless BARE_UNCHECKED): i < size().
  // (Here and in at() and get(), the data pointer is read before the check, on every path, so
  // a loop of v[i] keeps it in a register; read after the check's branch, GCC 12 loaded it
  // again for every element.)
  constexpr T& operator[](std::size_t i) noexcept {
    T* const d = s_.data();
    BARE_CHECK(i < s_.len(), "bare::vec: index out of range");
    return d[i];
  }
  constexpr const T& operator[](std::size_t i) const noexcept {
    const T* const d = s_.data();
    BARE_CHECK(i < s_.len(), "bare::vec: index out of range");
    return d[i];
  }
  // Element i; always checked, also under BARE_UNCHECKED.
  constexpr T& at(std::size_t i, source_loc where = source_loc::current()) noexcept {
    T* const d = s_.data();
    BARE_ASSERT_AT(i < s_.len(), "bare::vec::at: index out of range", where);
    return d[i];
  }
  constexpr const T& at(std::size_t i, source_loc where = source_loc::current()) const noexcept {
    const T* const d = s_.data();
    BARE_ASSERT_AT(i < s_.len(), "bare::vec::at: index out of range", where);
    return d[i];
  }
  // Pointer to element i, or nullptr if i >= size(). O(1).
  constexpr T* get(std::size_t i) noexcept {
    T* const d = s_.data();
    return i < s_.len() ? d + i : nullptr;
  }
  constexpr const T* get(std::size_t i) const noexcept {
    const T* const d = s_.data();
    return i < s_.len() ? d + i : nullptr;
  }
  // Pointer to the first / last element, or nullptr if empty. O(1).
  constexpr T* first() noexcept { return s_.len() ? s_.data() : nullptr; }
  constexpr const T* first() const noexcept { return s_.len() ? s_.data() : nullptr; }
  constexpr T* last() noexcept { return s_.len() ? s_.data() + s_.len() - 1 : nullptr; }
  constexpr const T* last() const noexcept { return s_.len() ? s_.data() + s_.len() - 1 : nullptr; }
  // First / last element. Precondition (checked): not empty.
  constexpr T& front() noexcept { return (*this)[0]; }
  constexpr const T& front() const noexcept { return (*this)[0]; }
  constexpr T& back() noexcept {
    BARE_CHECK(s_.len() != 0, "bare::vec::back: empty");
    return s_.data()[s_.len() - 1];
  }
  constexpr const T& back() const noexcept {
    BARE_CHECK(s_.len() != 0, "bare::vec::back: empty");
    return s_.data()[s_.len() - 1];
  }

  constexpr T* begin() noexcept { return s_.data(); }
  constexpr const T* begin() const noexcept { return s_.data(); }
  constexpr const T* cbegin() const noexcept { return s_.data(); }
  constexpr T* end() noexcept { return s_.data() + s_.len(); }
  constexpr const T* end() const noexcept { return s_.data() + s_.len(); }
  constexpr const T* cend() const noexcept { return s_.data() + s_.len(); }
  // Last to first: reverse_iterator over the iterators above (rbegin() is end()'s position).
  // O(1) (as begin() / end()); never allocate; valid as long as those iterators are.
  constexpr reverse_iterator<T*> rbegin() noexcept { return reverse_iterator<T*>(end()); }
  constexpr reverse_iterator<const T*> rbegin() const noexcept { return reverse_iterator<const T*>(end()); }
  constexpr reverse_iterator<const T*> crbegin() const noexcept { return rbegin(); }
  constexpr reverse_iterator<T*> rend() noexcept { return reverse_iterator<T*>(begin()); }
  constexpr reverse_iterator<const T*> rend() const noexcept { return reverse_iterator<const T*>(begin()); }
  constexpr reverse_iterator<const T*> crend() const noexcept { return rend(); }

  // Whether some element == x. O(n).
  constexpr bool contains(const T& x) const noexcept {
    for (const T& e : *this)
      if (e == x) return true;
    return false;
  }

  // ---- adding at the end ---------------------------------------------------------------

  // Appends an element constructed from args. Amortized O(1); may allocate (growth policy);
  // invalidates all iterators if it does. On failure (alloc_errc::full with a fixed
  // capacity) nothing changed and args are untouched.
  template <class... Args>
  BARE_ALWAYS_INLINE constexpr result<T&> try_emplace_back(Args&&... args) noexcept {
    const std::size_t len = s_.len();
    if (BARE_LIKELY(len != s_.cap())) {
      T* p = construct_elem(s_.data() + len, static_cast<Args&&>(args)...);
      s_.set_len(len + 1);
      return *p;
    }
    if constexpr (!growable_) return err(full_error<T>());  // (inline: no call on the loop's path)
    else if constexpr (grows_with_copy<T, Args...>) {
      // Inline around a detached growth (nothing takes this vec's address), else out of line.
      if constexpr (grows_detached_) return grow_and_construct_(T(static_cast<Args&&>(args)...));
      else return emplace_back_grow_copy_(T(static_cast<Args&&>(args)...));
    } else {
      return emplace_back_grow_(static_cast<Args&&>(args)...);
    }
  }
  constexpr result<T&> try_push_back(const T& x) noexcept { return try_emplace_back(x); }
  constexpr result<T&> try_push_back(T&& x) noexcept { return try_emplace_back(static_cast<T&&>(x)); }

  // Appends without ever allocating: alloc_errc::full when size() == capacity(). O(1).
  // Invalidates nothing.
  template <class... Args>
  constexpr result<T&> emplace_back_within_capacity(Args&&... args) noexcept {
    const std::size_t len = s_.len();
    if (BARE_UNLIKELY(len == s_.cap())) return err(alloc_error{alloc_errc::full, elem_});
    T* p = construct_elem(s_.data() + len, static_cast<Args&&>(args)...);
    s_.set_len(len + 1);
    return *p;
  }
  constexpr result<T&> push_back_within_capacity(const T& x) noexcept { return emplace_back_within_capacity(x); }
  constexpr result<T&> push_back_within_capacity(T&& x) noexcept {
    return emplace_back_within_capacity(static_cast<T&&>(x));
  }

  // The infallible twins: the handler on allocation failure, a panic when a fixed capacity
  // is full.
  template <class... Args>
  BARE_ALWAYS_INLINE constexpr T& emplace_back(Args&&... args) noexcept requires infallible_ {
    return unwrap_or_fail<S::allocates>(try_emplace_back(static_cast<Args&&>(args)...));
  }
  constexpr void push_back(const T& x) noexcept requires infallible_ { emplace_back(x); }
  constexpr void push_back(T&& x) noexcept requires infallible_ { emplace_back(static_cast<T&&>(x)); }

  // Appends copies of src (which may be a part of this vec). O(n); may allocate once.
  // On failure (allocation, full, or a failing element clone) the vec is unchanged.
  constexpr result<void> try_extend_from(std::span<const T> src) noexcept requires cloneable<T> {
    if (extend_in_room_(src)) return {};
    return extend_slow_(src);
  }
  // Appends copies of [first, last). With a sized iterator (last - first valid) it allocates at
  // most once (or reports full before adding anything); otherwise element by element, and on
  // failure the elements added are removed again (the contents are as before, the capacity
  // may have grown): a range is never silently truncated.
  template <class It, class Sent>
  constexpr result<void> try_extend_from(It first, Sent last) noexcept {
    if constexpr (requires { static_cast<std::size_t>(last - first); }) {
      auto r = insert_gap_(s_.len(), static_cast<std::size_t>(last - first), [&first](T* dst, std::size_t) constexpr noexcept {
        construct_elem(dst, *first);
        ++first;
        return result<void>{};
      });
      if (!r) return err(r.error());
      return {};
    } else {
      const std::size_t old = s_.len();
      for (; first != last; ++first) {
        auto r = try_emplace_back(*first);
        if (!r) {
          truncate(old);
          return err(r.error());
        }
      }
      return {};
    }
  }
  constexpr void extend_from(std::span<const T> src) noexcept requires cloneable<T> && infallible_ {
    if (extend_in_room_(src)) return;  // (no result object on the common path)
    unwrap_or_fail<S::allocates>(extend_slow_(src));
  }
  template <class It, class Sent>
  constexpr void extend_from(It first, Sent last) noexcept requires infallible_ {
    unwrap_or_fail<S::allocates>(try_extend_from(first, last));
  }

  // Moves all of other's elements to the end of this one; other is left empty (its capacity
  // kept). O(len + other.size()); may allocate (or report full). On failure both are
  // unchanged. other may have another kind of storage (a vec into a fixed_vec, ...).
  template <class S2>
  constexpr result<void> try_append(vec_core<T, S2>& other) noexcept {
    const std::size_t n = other.s_.len();
    if (static_cast<const void*>(&other) == static_cast<const void*>(this) || n == 0) return {};
    auto r = try_reserve(n);
    if (!r) return r;
    const std::size_t len = s_.len();
    relocate_to_new_(s_.data() + len, other.s_.data(), n);
    s_.set_len(len + n);
    other.s_.set_len(0);
    return {};
  }
  template <class S2>
  constexpr void append(vec_core<T, S2>& other) noexcept requires infallible_ {
    unwrap_or_fail<S::allocates>(try_append(other));
  }

  // ---- inserting in the middle ---------------------------------------------------------

  // Inserts an element constructed from args before pos; returns a reference to it.
  // O(len - index); may allocate (invalidates all iterators if so, else those at and after
  // pos). On failure nothing changed. Precondition (checked): begin() <= pos <= end().
  template <class... Args>
  constexpr result<T&> try_emplace(const_iterator pos, Args&&... args) noexcept {
    const std::size_t idx = index_of_(pos);
    const std::size_t len = s_.len();
    if (len == s_.cap()) {
      // Growth: construct into the new block first (args may refer into this vec).
      auto r = insert_gap_(idx, 1, [&](T* dst, std::size_t) constexpr noexcept {
        construct_elem(dst, static_cast<Args&&>(args)...);
        return result<void>{};
      });
      if (!r) return err(r.error());
      return **r;
    }
    // Room: nothing can fail any more; build the value before moving anything.
    T tmp(static_cast<Args&&>(args)...);
    T* p = s_.data();
    relocate_overlapping(p + idx + 1, p + idx, len - idx);
    construct_elem(p + idx, static_cast<T&&>(tmp));
    s_.set_len(len + 1);
    return p[idx];
  }
  constexpr result<T&> try_insert(const_iterator pos, const T& x) noexcept { return try_emplace(pos, x); }
  constexpr result<T&> try_insert(const_iterator pos, T&& x) noexcept { return try_emplace(pos, static_cast<T&&>(x)); }

  // Inserts n copies of x before pos. O(len + n); may allocate once. Returns an iterator to
  // the first inserted element. On failure nothing changed.
  constexpr result<iterator> try_insert(const_iterator pos, std::size_t n, const T& x) noexcept requires cloneable<T> {
    const std::size_t len = s_.len();
    const T* p = s_.data();
    if (n != 0 && s_.cap() - len >= n && !std::is_constant_evaluated() && p <= &x && &x < p + len) {
      // x lives in this vec and would be moved by opening the gap: copy it first.
      auto tmp = clone_one_(x);
      if (!tmp) return err(tmp.error());
      return try_insert(pos, n, *tmp);
    }
    const T* xp = &x;
    return insert_gap_(index_of_(pos), n, [xp](T* dst, std::size_t) constexpr noexcept {
      return clone_into(dst, *xp);
    }, !overlaps_(std::span<const T>(xp, 1)));
  }
  // Inserts copies of src before pos; src must not be a part of this vec. O(len + n); may
  // allocate once. On failure nothing changed.
  constexpr result<iterator> try_insert(const_iterator pos, std::span<const T> src) noexcept requires cloneable<T> {
    BARE_CHECK(!overlaps_(src), "bare::vec::insert: source range is inside the vector");
    const T* s = src.data();
    return insert_gap_(index_of_(pos), src.size(), [s](T* dst, std::size_t i) constexpr noexcept {
      return clone_into(dst, s[i]);
    }, true);
  }
  constexpr result<iterator> try_insert(const_iterator pos, std::initializer_list<T> il) noexcept requires cloneable<T> {
    return try_insert(pos, std::span<const T>(il.begin(), il.size()));
  }
  // Inserts copies of [first, last) before pos (a sized range not inside this vec).
  template <class It>
    requires requires(It a, It b) { static_cast<std::size_t>(b - a); *a; }
  constexpr result<iterator> try_insert(const_iterator pos, It first, It last) noexcept {
    return insert_gap_(index_of_(pos), static_cast<std::size_t>(last - first),
                       [&first](T* dst, std::size_t) constexpr noexcept {
                         construct_elem(dst, *first);
                         ++first;
                         return result<void>{};
                       });
  }

  template <class... Args>
  constexpr iterator emplace(const_iterator pos, Args&&... args) noexcept requires infallible_ {
    return &unwrap_or_fail<S::allocates>(try_emplace(pos, static_cast<Args&&>(args)...));
  }
  constexpr iterator insert(const_iterator pos, const T& x) noexcept requires infallible_ { return emplace(pos, x); }
  constexpr iterator insert(const_iterator pos, T&& x) noexcept requires infallible_ {
    return emplace(pos, static_cast<T&&>(x));
  }
  constexpr iterator insert(const_iterator pos, std::size_t n, const T& x) noexcept requires cloneable<T> && infallible_ {
    return unwrap_or_fail<S::allocates>(try_insert(pos, n, x));
  }
  constexpr iterator insert(const_iterator pos, std::span<const T> src) noexcept requires cloneable<T> && infallible_ {
    return unwrap_or_fail<S::allocates>(try_insert(pos, src));
  }
  constexpr iterator insert(const_iterator pos, std::initializer_list<T> il) noexcept
    requires cloneable<T> && infallible_
  {
    return unwrap_or_fail<S::allocates>(try_insert(pos, il));
  }
  template <class It>
    requires requires(It a, It b) { static_cast<std::size_t>(b - a); *a; }
  constexpr iterator insert(const_iterator pos, It first, It last) noexcept requires infallible_ {
    return unwrap_or_fail<S::allocates>(try_insert(pos, first, last));
  }

  // ---- removing ------------------------------------------------------------------------

  // Destroys the last element. O(1). Precondition (checked): not empty.
  constexpr void pop_back() noexcept {
    const std::size_t len = s_.len();
    BARE_CHECK(len != 0, "bare::vec::pop_back: empty");
    s_.set_len(len - 1);
    destroy_n(s_.data() + len - 1, 1);
  }
  // Removes and returns the last element, or nullopt if empty (Rust's pop). O(1).
  constexpr std::optional<T> pop() noexcept {
    const std::size_t len = s_.len();
    if (len == 0) return std::nullopt;
    T* p = s_.data() + len - 1;
    std::optional<T> out = detail::moved_into_optional(*p);
    s_.set_len(len - 1);
    destroy_n(p, 1);
    return out;
  }
  // Removes and returns element i, shifting the rest down. O(len - i). Invalidates iterators
  // at and after i. Precondition (checked): i < size().
  constexpr T remove(std::size_t i, source_loc where = source_loc::current()) noexcept {
    const std::size_t len = s_.len();
    BARE_ASSERT_AT(i < len, "bare::vec::remove: index out of range", where);
    T* p = s_.data();
    T out(static_cast<T&&>(p[i]));
    destroy_n(p + i, 1);
    relocate_overlapping(p + i, p + i + 1, len - i - 1);
    s_.set_len(len - 1);
    return out;
  }
  // Removes and returns element i, moving the last element into its place. O(1).
  // Invalidates iterators to i and to the last element. Precondition (checked): i < size().
  constexpr T swap_remove(std::size_t i, source_loc where = source_loc::current()) noexcept {
    const std::size_t len = s_.len();
    BARE_ASSERT_AT(i < len, "bare::vec::swap_remove: index out of range", where);
    T* p = s_.data();
    T out(static_cast<T&&>(p[i]));
    destroy_n(p + i, 1);
    s_.set_len(len - 1);
    if (i != len - 1) relocate_overlapping(p + i, p + len - 1, 1);
    return out;
  }
  // Removes the element at pos; returns the iterator following it. O(len - index).
  // Invalidates iterators at and after pos. Precondition (checked): pos is an element.
  constexpr iterator erase(const_iterator pos) noexcept {
    BARE_CHECK(pos != end(), "bare::vec::erase: end() is not an element");
    return erase(pos, pos + 1);
  }
  // Removes [first, last); returns the iterator following the removed range.
  constexpr iterator erase(const_iterator first, const_iterator last) noexcept {
    const std::size_t a = index_of_(first);
    const std::size_t b = index_of_(last);
    BARE_CHECK(a <= b, "bare::vec::erase: first after last");
    const std::size_t len = s_.len();
    T* p = s_.data();
    destroy_n(p + a, b - a);
    relocate_overlapping(p + a, p + b, len - b);
    s_.set_len(len - (b - a));
    return p + a;
  }
  // Keeps the first n elements (no-op if n >= size()). O(size() - n). Keeps capacity.
  constexpr void truncate(std::size_t n) noexcept {
    const std::size_t len = s_.len();
    if (n >= len) return;
    destroy_n(s_.data() + n, len - n);
    s_.set_len(n);
  }
  // Destroys all elements, keeps capacity. O(len).
  constexpr void clear() noexcept { truncate(0); }

  // Keeps the elements for which pred(const T&) is true, in order. O(len), never allocates.
  // Invalidates iterators to moved and removed elements.
  template <class Pred>
  constexpr void retain(Pred pred) noexcept {
    retain_mut([&pred](T& x) { return pred(static_cast<const T&>(x)); });
  }
  // As retain, but pred gets a mutable reference (it may change the kept elements).
  template <class Pred>
  constexpr void retain_mut(Pred pred) noexcept {
    T* const p = s_.data();
    const std::size_t n = s_.len();
    if constexpr (std::is_trivially_copyable_v<T>) {
      // Branch-free compaction in locals (a store through T* may alias the length otherwise).
      std::size_t w = 0;
      for (std::size_t r = 0; r < n; ++r) {
        const bool keep = pred(p[r]);
        p[w] = p[r];
        w += keep;
      }
      s_.set_len(w);
      return;
    }
    std::size_t w = 0;
    for (std::size_t r = 0; r < n; ++r) {
      if (pred(p[r])) {
        if (w != r) relocate_overlapping(p + w, p + r, 1);
        ++w;
      } else {
        destroy_n(p + r, 1);
      }
    }
    s_.set_len(w);
  }
  // Removes consecutive elements for which same(current, previous_kept) is true (Rust's
  // dedup_by argument order). O(len), never allocates.
  template <class Same>
  constexpr void dedup_by(Same same) noexcept {
    T* const p = s_.data();
    const std::size_t n = s_.len();
    if (n < 2) return;
    std::size_t w = 1;
    for (std::size_t r = 1; r < n; ++r) {
      if (same(p[r], p[w - 1])) {
        destroy_n(p + r, 1);
      } else {
        if (w != r) relocate_overlapping(p + w, p + r, 1);
        ++w;
      }
    }
    s_.set_len(w);
  }
  // Removes consecutive elements with equal key(element).
  template <class Key>
  constexpr void dedup_by_key(Key key) noexcept {
    dedup_by([&key](T& a, T& b) { return key(a) == key(b); });
  }
  // Removes consecutive equal elements.
  constexpr void dedup() noexcept {
    dedup_by([](const T& a, const T& b) { return a == b; });
  }

  // A range over the elements [from, to), removed from the vec when the range is destroyed
  // (also those not visited). While it lives the vec shows only [0, from) and must not be
  // used. Elements may be moved out through the range's references. Never allocates.
  // Precondition (checked): from <= to <= size().
  class drain_range {
   public:
    T* begin() const noexcept { return first_; }
    T* end() const noexcept { return last_; }
    std::size_t size() const noexcept { return static_cast<std::size_t>(last_ - first_); }
    drain_range(const drain_range&) = delete;
    drain_range& operator=(const drain_range&) = delete;
    ~drain_range() {
      destroy_n(first_, size());
      relocate_overlapping(first_, last_, tail_);
      v_->s_.set_len(static_cast<std::size_t>(first_ - v_->s_.data()) + tail_);
    }

   private:
    friend class vec_core;
    drain_range(vec_core* v, std::size_t from, std::size_t to) noexcept
        : v_(v), first_(v->s_.data() + from), last_(v->s_.data() + to), tail_(v->s_.len() - to) {
      v->s_.set_len(from);
    }
    vec_core* v_;
    T* first_;
    T* last_;
    std::size_t tail_;
  };
  [[nodiscard]] drain_range drain(std::size_t from, std::size_t to, source_loc where = source_loc::current()) noexcept {
    BARE_ASSERT_AT(from <= to && to <= s_.len(), "bare::vec::drain: range out of bounds", where);
    return drain_range(this, from, to);
  }

  // A range that visits the elements for which pred(T&) is true and removes them, lazily (Rust's
  // extract_if): each visited element is destroyed when the iterator moves past it (move it
  // out to keep it); elements not yet reached when the range is destroyed are kept. Relative
  // order of the kept elements is preserved. Never allocates. The vec must not be used while
  // the range lives (it shows as empty then).
  template <class Pred>
  class extract_if_range : public pull_range<extract_if_range<Pred>, T> {
   public:
    ~extract_if_range() {
      if (cur_) cur_->T::~T();
      T* p = v_->s_.data();
      relocate_overlapping(p + write_, p + read_, old_len_ - read_);
      v_->s_.set_len(write_ + (old_len_ - read_));
    }

   private:
    friend class vec_core;
    friend class pull_range<extract_if_range, T>;
    T* current_() const noexcept { return cur_; }
    extract_if_range(vec_core* v, Pred pred) noexcept : v_(v), old_len_(v->s_.len()), pred_(static_cast<Pred&&>(pred)) {
      v->s_.set_len(0);
    }
    void advance_() noexcept {
      if (cur_) {
        cur_->T::~T();
        cur_ = nullptr;
      }
      T* p = v_->s_.data();
      while (read_ < old_len_) {
        T* e = p + read_++;
        if (pred_(*e)) {
          cur_ = e;
          return;
        }
        if (write_ != read_ - 1) relocate_overlapping(p + write_, e, 1);
        ++write_;
      }
    }
    vec_core* v_;
    std::size_t read_ = 0, write_ = 0, old_len_;
    T* cur_ = nullptr;
    Pred pred_;
  };
  template <class Pred>
  [[nodiscard]] extract_if_range<Pred> extract_if(Pred pred) noexcept {
    return extract_if_range<Pred>(this, static_cast<Pred&&>(pred));
  }

  // ---- resizing ------------------------------------------------------------------------

  // Resizes to n elements: truncates, or appends value-initialised T(). O(|n - len|); may
  // allocate once (or report full). On failure nothing changed.
  constexpr result<void> try_resize(std::size_t n) noexcept requires std::default_initializable<T> {
    const std::size_t len = s_.len();
    if (n <= len) {
      truncate(n);
      return {};
    }
    auto r = insert_gap_(len, n - len, [](T* dst, std::size_t) constexpr noexcept {
      construct_elem(dst);
      return result<void>{};
    }, true);
    if (!r) return err(r.error());
    return {};
  }
  // Resizes to n elements, appending copies of x.
  constexpr result<void> try_resize(std::size_t n, const T& x) noexcept requires cloneable<T> {
    const std::size_t len = s_.len();
    if (n <= len) {
      truncate(n);
      return {};
    }
    auto r = try_insert(end(), n - len, x);
    if (!r) return err(r.error());
    return {};
  }
  constexpr void resize(std::size_t n) noexcept requires std::default_initializable<T> && infallible_ {
    unwrap_or_fail<S::allocates>(try_resize(n));
  }
  constexpr void resize(std::size_t n, const T& x) noexcept requires cloneable<T> && infallible_ {
    unwrap_or_fail<S::allocates>(try_resize(n, x));
  }

 protected:
  // Moves the elements [at, size()) to the uninitialised array dst (another container's);
  // this keeps [0, at). Preconditions: at <= size(); dst has room.
  constexpr void split_to_(T* dst, std::size_t at) noexcept {
    const std::size_t len = s_.len();
    relocate_to_new_(dst, s_.data() + at, len - at);
    s_.set_len(at);
  }

  // Appends clones of src into room the caller made (a fresh container). On a failing clone
  // the elements added so far stay (the caller discards the container).
  constexpr result<void> clone_from_(std::span<const T> src) noexcept requires cloneable<T> {
    for (const T& x : src) {
      auto r = clone_into(s_.data() + s_.len(), x);
      if (!r) return r;
      s_.set_len(s_.len() + 1);
    }
    return {};
  }

 public:
  // ---- comparisons (element-wise, any two kinds of storage) --------------------------------

  template <class S2>
  friend constexpr bool operator==(const vec_core& a, const vec_core<T, S2>& b) noexcept
    requires requires(const T& x) { x == x; }
  {
    const std::size_t n = a.size();
    if (n != b.size()) return false;
    const T* pa = a.data();
    const T* pb = b.data();
    for (std::size_t i = 0; i < n; ++i)
      if (!(pa[i] == pb[i])) return false;
    return true;
  }
  template <class S2>
  friend constexpr auto operator<=>(const vec_core& a, const vec_core<T, S2>& b) noexcept
    requires std::three_way_comparable<T>
  {
    const std::size_t na = a.size(), nb = b.size();
    const std::size_t n = na < nb ? na : nb;
    const T* pa = a.data();
    const T* pb = b.data();
    for (std::size_t i = 0; i < n; ++i)
      if (auto c = pa[i] <=> pb[i]; c != 0) return c;
    return static_cast<std::compare_three_way_result_t<T>>(na <=> nb);
  }

 private:
  constexpr std::size_t index_of_(const_iterator pos) const noexcept {
    const T* p = s_.data();
    BARE_ASSERT(pos >= p && pos <= p + s_.len(), "bare::vec: iterator out of range");
    return static_cast<std::size_t>(pos - p);
  }

  constexpr bool overlaps_(std::span<const T> s) const noexcept {
    if (std::is_constant_evaluated()) return false;  // (see the header comment)
    // Address comparison of possibly unrelated objects: through integers.
    auto b = reinterpret_cast<std::uintptr_t>(s_.data()), e = reinterpret_cast<std::uintptr_t>(s_.data() + s_.len());
    auto p = reinterpret_cast<std::uintptr_t>(s.data());
    return !s.empty() && p >= b && p < e;
  }

  constexpr result<T> clone_one_(const T& x) const noexcept {
    if constexpr (has_try_clone<T>) return x.try_clone();
    else return T(x);
  }

 protected:
  BARE_NOINLINE result<void> resize_block_(std::size_t new_cap) noexcept requires growable_ {
    return s_.resize(new_cap);
  }

  // Makes room for `additional` more elements: the growth policy, or full. Inline where the
  // storage grows detached (its out-of-line part does not take this vec's address), else
  // one out-of-line function.
  BARE_ALWAYS_INLINE constexpr result<void> grow_(std::size_t additional, bool exact) noexcept {
    if constexpr (grows_detached_) return s_.grow(additional, exact);
    else return grow_attached_(additional, exact);
  }
  BARE_NOINLINE constexpr result<void> grow_attached_(std::size_t additional, bool exact) noexcept {
    if constexpr (growable_) {
      auto nc = next_capacity(s_.cap(), s_.len(), additional, elem_, exact);
      if (!nc) return err(nc.error());
      return resize_block_(*nc);
    } else {
      (void)additional;
      (void)exact;
      return err(full_error<T>());
    }
  }

 private:
  // The common case of extend_from: elements that copy as bytes, and room for them (src may
  // lie inside the vec then): one copy. Returns false, having done nothing, otherwise.
  BARE_ALWAYS_INLINE constexpr bool extend_in_room_(std::span<const T> src) noexcept {
    if constexpr (std::is_trivially_copyable_v<T> && !has_try_clone<T>) {
      if (!std::is_constant_evaluated()) {
        const std::size_t n = src.size(), len = s_.len();
        if (BARE_LIKELY(s_.cap() - len >= n)) {
          if (BARE_LIKELY(n != 0)) copy_bytes(static_cast<void*>(s_.data() + len), src.data(), n * sizeof(T));
          s_.set_len(len + n);
          return true;
        }
      }
    }
    return false;
  }
  // The rest of extend_from: growth (through grow(), one copy of the bytes, when src is not
  // inside the vec), or a general insertion at the end (clones, aliasing, constant evaluation).
  constexpr result<void> extend_slow_(std::span<const T> src) noexcept requires cloneable<T> {
    if constexpr (std::is_trivially_copyable_v<T> && !has_try_clone<T>) {
      if (!std::is_constant_evaluated() && !overlaps_(src)) return extend_grow_bytes_(src);
    }
    const T* s = src.data();
    auto r = insert_gap_(s_.len(), src.size(), [s](T* dst, std::size_t i) constexpr noexcept {
      return clone_into(dst, s[i]);
    }, !overlaps_(src));
    if (!r) return err(r.error());
    return {};
  }
  // Preconditions: T copies as bytes; src is not inside the vec.
  BARE_NOINLINE result<void> extend_grow_bytes_(std::span<const T> src) noexcept {
    const std::size_t n = src.size();
    if (s_.cap() - s_.len() < n) {
      if (auto r = grow_(n, false); !r) return err(r.error());
    }
    const std::size_t len = s_.len();
    if (n != 0) __builtin_memcpy(static_cast<void*>(s_.data() + len), src.data(), n * sizeof(T));
    s_.set_len(len + n);
    return {};
  }

  // Slow path of try_emplace_back (len == cap) for a small trivially copyable T passed by
  // value (grows_with_copy): the copy cannot be an element of this vec.
  BARE_ALWAYS_INLINE constexpr result<T&> grow_and_construct_(T x) noexcept requires growable_ {
    auto r = grow_(1, false);
    if (BARE_UNLIKELY(!r)) return err(r.error());
    const std::size_t len = s_.len();
    T* e = construct_elem(s_.data() + len, static_cast<T&&>(x));
    s_.set_len(len + 1);
    return *e;
  }
  // The same out of line (storage whose growth takes this vec's address anyway).
  BARE_NOINLINE constexpr result<T&> emplace_back_grow_copy_(T x) noexcept requires growable_ {
    return grow_and_construct_(static_cast<T&&>(x));
  }
  // Slow path of try_emplace_back: len == cap.
  template <class... Args>
  BARE_NOINLINE constexpr result<T&> emplace_back_grow_(Args&&... args) noexcept {
    if constexpr (!growable_) {
      return err(full_error<T>());
    } else if constexpr (sizeof...(Args) == 1 && is_trivially_relocatable_v<T> &&
                         (std::is_same_v<std::remove_cvref_t<Args>, T> && ...)) {
      // One T argument: it may live in this vec; if so, find it again after the resize.
      const T* src = &(args, ...);
      const T* p = s_.data();
      const std::size_t len = s_.len();
      auto b = reinterpret_cast<std::uintptr_t>(p), s = reinterpret_cast<std::uintptr_t>(src);
      const bool inside = s >= b && s < reinterpret_cast<std::uintptr_t>(p + len);
      const std::size_t idx = inside ? static_cast<std::size_t>(src - p) : 0;
      auto r = grow_(1, false);
      if (!r) return err(r.error());
      T* q = s_.data();
      T* e = inside ? ::new (static_cast<void*>(q + len)) T(static_cast<Args&&>(q[idx])...)
                    : ::new (static_cast<void*>(q + len)) T(static_cast<Args&&>(args)...);
      s_.set_len(len + 1);
      return *e;
    } else {
      auto r = insert_gap_(s_.len(), 1, [&](T* dst, std::size_t) noexcept {
        ::new (static_cast<void*>(dst)) T(static_cast<Args&&>(args)...);
        return result<void>{};
      });
      if (!r) return err(r.error());
      return **r;
    }
  }

  // Moves n elements into another block (no overlap, so no direction to choose).
  static constexpr void relocate_to_new_(T* dst, T* src, std::size_t n) noexcept {
    if (std::is_constant_evaluated()) {
      relocate_overlapping(dst, src, n);
    } else if constexpr (is_trivially_relocatable_v<T>) {
      if (n != 0) __builtin_memcpy(static_cast<void*>(dst), static_cast<const void*>(src), n * sizeof(T));
    } else {
      relocate_nonoverlapping<T>(dst, src, n);
    }
  }

  // Opens a gap of n elements at idx and fills it with make(dst, i) for i in [0, n) (make
  // returns result<void>; it may fail). If the vec must grow, the new elements are made in
  // the new block before the old ones move, so make may read from this vec. If it cannot
  // grow (fixed capacity), alloc_errc::full before anything happens. On any failure the vec
  // is exactly as before. Returns a pointer to the first new element.
  // Preconditions: idx <= len.
  //
  // source_outside: make reads nothing inside this vec. Then, for trivially relocatable T
  // whose copies cannot fail, the block grows through the allocator's grow() (in place when
  // it can) before the gap opens: nothing can fail after the growth.
  template <class Make>
  constexpr result<T*> insert_gap_(std::size_t idx, std::size_t n, Make&& make, bool source_outside = false) noexcept {
    if (n == 0) return s_.data() + idx;
    if constexpr (growable_ && is_trivially_relocatable_v<T> && !has_try_clone<T>) {
      if (s_.cap() - s_.len() < n && source_outside) {
        if (auto r = grow_(n, false); !r) return err(r.error());
      }
    }
    const std::size_t len = s_.len();
    if (s_.cap() - len < n) {
      if constexpr (!growable_) {
        return err(full_error<T>());
      } else {
        auto nc = next_capacity(s_.cap(), len, n, elem_, false);
        if (!nc) return err(nc.error());
        auto nb = s_.allocate(*nc);
        if (!nb) return err(nb.error());
        T* d = *nb;
        for (std::size_t i = 0; i < n; ++i) {
          auto r = make(d + idx + i, i);
          if (BARE_UNLIKELY(!r)) {
            destroy_n(d + idx, i);
            s_.deallocate(d, *nc);
            return err(r.error());
          }
        }
        if (len != 0) {
          T* p = s_.data();
          relocate_to_new_(d, p, idx);
          relocate_to_new_(d + idx + n, p + idx, len - idx);
        }
        s_.replace(d, *nc);
        s_.set_len(len + n);
        return d + idx;
      }
    }
    T* p = s_.data();
    relocate_overlapping(p + idx + n, p + idx, len - idx);
    for (std::size_t i = 0; i < n; ++i) {
      auto r = make(p + idx + i, i);
      if (BARE_UNLIKELY(!r)) {
        destroy_n(p + idx, i);
        relocate_overlapping(p + idx, p + idx + n, len - idx);
        return err(r.error());
      }
    }
    s_.set_len(len + n);
    return p + idx;
  }
};

}  // namespace detail
}  // namespace bare
