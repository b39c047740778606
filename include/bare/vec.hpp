// bare/vec.hpp — vec<T, A>: a contiguous growable array (Rust's Vec, std::vector's names).
//
// Every operation that may allocate comes as
//   try_X(...)            -> result<...>: on failure the vector is exactly as before and the
//                            argument is not consumed (strong guarantee);
//   X(...)                the same, calling bare::handle_alloc_error on failure (not declared
//                         under BARE_NO_GLOBAL_OOM_HANDLING);
//   X_within_capacity(...) never allocates; reports alloc_errc::full.
//
// Growth: amortized doubling with a minimum capacity of 8 / 4 / 1 elements (1-byte / up to
// 1 KiB / larger), exact growth for reserve_exact; see bare/detail/raw_vec.hpp. Trivially
// relocatable elements (bare::is_trivially_relocatable) move by the allocator's grow (realloc,
// in place when it can); others are moved one by one into a new block.
//
// A vec is move-only, like Rust's: copying allocates, so it is explicit (clone / try_clone).
// Iterators are raw pointers (contiguous, usable with <algorithm> in hosted programs).
// Invalidation, in general: an operation that may allocate invalidates all pointers and
// iterators if it does allocate; an operation that moves elements invalidates the pointers
// to the moved ones. Each function says which.
#pragma once

#include <cstddef>
#include <compare>
#include <initializer_list>
#include <new>
#include <optional>
#include <span>
#include <type_traits>
#include <utility>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/global.hpp"
#include "bare/detail/clone.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"

namespace bare {

// Storage that may hold up to `size` elements but holds none yet (vec::spare_capacity).
template <class T>
struct uninit_span {
  T* data;
  std::size_t size;
};

template <class T, allocator A = global>
class vec {
  static_assert(std::is_object_v<T> && !std::is_const_v<T> && !std::is_array_v<T>,
                "bare::vec<T>: T must be a non-const object type");
  static_assert(std::is_nothrow_destructible_v<T>, "bare::vec<T>: T's destructor must not throw");

  // Representation invariant:
  //   ptr_ == nullptr  iff  cap_ == 0 (an empty vec owns no memory);
  //   len_ <= cap_ <= detail::max_elems(sizeof(T));
  //   ptr_[0, len_) are live T; ptr_[len_, cap_) is uninitialised;
  //   a non-null ptr_ was allocated by alloc_ with layout {cap_ * sizeof(T), alignof(T)}.
  T* ptr_ = nullptr;
  std::size_t cap_ = 0;
  std::size_t len_ = 0;
  [[no_unique_address]] A alloc_{};

  static constexpr layout elem_ = layout_of<T>;

 public:
  using value_type = T;
  using allocator_type = A;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using reference = T&;
  using const_reference = const T&;
  using pointer = T*;
  using const_pointer = const T*;
  using iterator = T*;
  using const_iterator = const T*;

  // ---- construction --------------------------------------------------------------------

  // An empty vec. O(1), never allocates.
  constexpr vec() noexcept requires std::default_initializable<A> = default;
  // An empty vec using allocator `a`. O(1), never allocates.
  constexpr explicit vec(A a) noexcept : alloc_(static_cast<A&&>(a)) {}

  // A vec with room for exactly n elements (none yet). O(1); allocates n * sizeof(T) bytes
  // unless n == 0.
  static result<vec> try_with_capacity(std::size_t n, A a = A()) noexcept {
    vec v(static_cast<A&&>(a));
    auto r = v.try_reserve_exact(n);
    if (!r) return err(r.error());
    return v;
  }

  // A vec holding copies of `src`, capacity exactly src.size(). O(n); allocates once.
  static result<vec> try_from(std::span<const T> src, A a = A()) noexcept
    requires detail::cloneable<T>
  {
    vec v(static_cast<A&&>(a));
    auto r = v.try_reserve_exact(src.size());  // the one allocation, exactly src.size()
    if (r) r = v.try_extend_from(src);
    if (!r) return err(r.error());
    return v;
  }

#if BARE_OOM_HANDLING
  static vec with_capacity(std::size_t n, A a = A()) noexcept {
    return detail::unwrap_or_handle(try_with_capacity(n, static_cast<A&&>(a)));
  }
  static vec from(std::span<const T> src, A a = A()) noexcept requires detail::cloneable<T> {
    return detail::unwrap_or_handle(try_from(src, static_cast<A&&>(a)));
  }
  // A vec holding copies of the list. O(n); allocates once.
  vec(std::initializer_list<T> il, A a = A()) noexcept requires detail::cloneable<T>
      : alloc_(static_cast<A&&>(a)) {
    reserve_exact(il.size());
    extend_from(std::span<const T>(il.begin(), il.size()));
  }
#endif

  // Takes other's elements, memory and allocator; other is left empty. O(1).
  constexpr vec(vec&& other) noexcept
      : ptr_(other.ptr_), cap_(other.cap_), len_(other.len_), alloc_(static_cast<A&&>(other.alloc_)) {
    other.ptr_ = nullptr;
    other.cap_ = 0;
    other.len_ = 0;
  }
  // Destroys this vec's elements and frees its memory, then takes other's. O(len).
  vec& operator=(vec&& other) noexcept {
    if (this != &other) {
      release_();
      ptr_ = other.ptr_;
      cap_ = other.cap_;
      len_ = other.len_;
      alloc_ = static_cast<A&&>(other.alloc_);
      other.ptr_ = nullptr;
      other.cap_ = 0;
      other.len_ = 0;
    }
    return *this;
  }
  vec(const vec&) = delete;             // copying allocates: use clone() / try_clone()
  vec& operator=(const vec&) = delete;  // or assign_from / try_assign_from

  // Destroys the elements and frees the memory. O(len).
  ~vec() { release_(); }

  // A copy with capacity exactly size(), using a copy of the allocator. O(n); allocates once
  // (plus whatever cloning each element allocates). Elements with a try_clone() member are
  // cloned through it, so nested failures surface here.
  result<vec> try_clone() const noexcept requires detail::cloneable<T> { return try_from(as_span(), alloc_); }
#if BARE_OOM_HANDLING
  vec clone() const noexcept requires detail::cloneable<T> { return detail::unwrap_or_handle(try_clone()); }
#endif

  // Replaces the contents with copies of src. O(len + n); allocates if n > capacity().
  // On failure the vec is unchanged. Invalidates all iterators.
  result<void> try_assign_from(std::span<const T> src) noexcept requires detail::cloneable<T> {
    // A fresh copy first when the old contents must survive a failure: the source does not
    // fit, lives in this vec, or cloning an element may fail (try_clone elements).
    if (src.size() > cap_ || overlaps_(src) || detail::has_try_clone<T>) {
      auto fresh = vec::try_from(src, alloc_);
      if (!fresh) return err(fresh.error());
      *this = static_cast<vec&&>(*fresh);
      return {};
    }
    // Fits, does not alias, and copying cannot fail: reuse the block.
    if constexpr (!detail::has_try_clone<T>) {
      clear();
      for (const T& x : src) ::new (static_cast<void*>(ptr_ + len_++)) T(x);
    }
    return {};
  }
#if BARE_OOM_HANDLING
  void assign_from(std::span<const T> src) noexcept requires detail::cloneable<T> {
    detail::unwrap_or_handle(try_assign_from(src));
  }
#endif

  // ---- size and capacity ---------------------------------------------------------------

  constexpr std::size_t size() const noexcept { return len_; }
  constexpr bool empty() const noexcept { return len_ == 0; }
  // Elements the vec can hold before it must allocate. O(1).
  constexpr std::size_t capacity() const noexcept { return cap_; }
  static constexpr std::size_t max_size() noexcept { return detail::max_elems(sizeof(T)); }
  constexpr const A& allocator() const noexcept { return alloc_; }
  constexpr A& allocator() noexcept { return alloc_; }

  // Makes room for at least `additional` more elements (amortized growth policy).
  // O(len) if it allocates, else O(1). Invalidates all iterators if it allocates.
  result<void> try_reserve(std::size_t additional) noexcept {
    if (BARE_LIKELY(cap_ - len_ >= additional)) return {};
    return grow_(additional, false);
  }
  // Makes room for exactly `additional` more elements (no over-allocation).
  result<void> try_reserve_exact(std::size_t additional) noexcept {
    if (cap_ - len_ >= additional) return {};
    return grow_(additional, true);
  }
  // Reduces capacity to size() (frees all memory if empty). O(len); allocates a smaller block
  // unless the allocator shrinks in place. Invalidates all iterators if it moves.
  result<void> try_shrink_to_fit() noexcept { return try_shrink_to(len_); }
  // Reduces capacity to max(size(), n); no-op if capacity() <= that.
  result<void> try_shrink_to(std::size_t n) noexcept {
    std::size_t target = n > len_ ? n : len_;
    if (target >= cap_) return {};
    return resize_block_(target);
  }
#if BARE_OOM_HANDLING
  void reserve(std::size_t additional) noexcept { detail::unwrap_or_handle(try_reserve(additional)); }
  void reserve_exact(std::size_t additional) noexcept {
    detail::unwrap_or_handle(try_reserve_exact(additional));
  }
  void shrink_to_fit() noexcept { detail::unwrap_or_handle(try_shrink_to_fit()); }
  void shrink_to(std::size_t n) noexcept { detail::unwrap_or_handle(try_shrink_to(n)); }
#endif

  // The uninitialised tail [size(), capacity()): construct elements there, then set_len.
  constexpr uninit_span<T> spare_capacity() noexcept { return {ptr_ + len_, cap_ - len_}; }
  // Sets the length to n. O(1). Preconditions (the second is the caller's promise): n <=
  // capacity(); elements [0, n) are constructed and [n, old size) were destroyed by the caller.
  constexpr void set_len(std::size_t n) noexcept {
    BARE_CHECK(n <= cap_, "bare::vec::set_len: length exceeds capacity");
    len_ = n;
  }

  // ---- element access ------------------------------------------------------------------

  constexpr T* data() noexcept { return ptr_; }
  constexpr const T* data() const noexcept { return ptr_; }
  constexpr std::span<T> as_span() noexcept { return {ptr_, len_}; }
  constexpr std::span<const T> as_span() const noexcept { return {ptr_, len_}; }
  // (A vec converts to std::span<T> / std::span<const T> through span's range constructor.)

  // Element i. O(1). Precondition (checked unless BARE_UNCHECKED): i < size().
  constexpr T& operator[](std::size_t i) noexcept {
    BARE_CHECK(i < len_, "bare::vec: index out of range");
    return ptr_[i];
  }
  constexpr const T& operator[](std::size_t i) const noexcept {
    BARE_CHECK(i < len_, "bare::vec: index out of range");
    return ptr_[i];
  }
  // Element i; always checked, also under BARE_UNCHECKED.
  constexpr T& at(std::size_t i, source_loc where = source_loc::current()) noexcept {
    BARE_ASSERT_AT(i < len_, "bare::vec::at: index out of range", where);
    return ptr_[i];
  }
  constexpr const T& at(std::size_t i, source_loc where = source_loc::current()) const noexcept {
    BARE_ASSERT_AT(i < len_, "bare::vec::at: index out of range", where);
    return ptr_[i];
  }
  // Pointer to element i, or nullptr if i >= size(). O(1).
  constexpr T* get(std::size_t i) noexcept { return i < len_ ? ptr_ + i : nullptr; }
  constexpr const T* get(std::size_t i) const noexcept { return i < len_ ? ptr_ + i : nullptr; }
  // Pointer to the first / last element, or nullptr if empty. O(1).
  constexpr T* first() noexcept { return len_ ? ptr_ : nullptr; }
  constexpr const T* first() const noexcept { return len_ ? ptr_ : nullptr; }
  constexpr T* last() noexcept { return len_ ? ptr_ + len_ - 1 : nullptr; }
  constexpr const T* last() const noexcept { return len_ ? ptr_ + len_ - 1 : nullptr; }
  // First / last element. Precondition (checked): not empty.
  constexpr T& front() noexcept { return (*this)[0]; }
  constexpr const T& front() const noexcept { return (*this)[0]; }
  constexpr T& back() noexcept {
    BARE_CHECK(len_ != 0, "bare::vec::back: empty");
    return ptr_[len_ - 1];
  }
  constexpr const T& back() const noexcept {
    BARE_CHECK(len_ != 0, "bare::vec::back: empty");
    return ptr_[len_ - 1];
  }

  constexpr T* begin() noexcept { return ptr_; }
  constexpr const T* begin() const noexcept { return ptr_; }
  constexpr const T* cbegin() const noexcept { return ptr_; }
  constexpr T* end() noexcept { return ptr_ + len_; }
  constexpr const T* end() const noexcept { return ptr_ + len_; }
  constexpr const T* cend() const noexcept { return ptr_ + len_; }

  // Whether some element == x. O(n).
  constexpr bool contains(const T& x) const noexcept {
    for (const T& e : *this)
      if (e == x) return true;
    return false;
  }

  // ---- adding at the end ---------------------------------------------------------------

  // Appends an element constructed from args. Amortized O(1); may allocate (growth policy);
  // invalidates all iterators if it does. On failure nothing changed and args are untouched.
  template <class... Args>
  BARE_ALWAYS_INLINE result<T&> try_emplace_back(Args&&... args) noexcept {
    if (BARE_LIKELY(len_ != cap_)) {
      T* p = ::new (static_cast<void*>(ptr_ + len_)) T(static_cast<Args&&>(args)...);
      ++len_;
      return *p;
    }
    return emplace_back_grow_(static_cast<Args&&>(args)...);
  }
  result<T&> try_push_back(const T& x) noexcept { return try_emplace_back(x); }
  result<T&> try_push_back(T&& x) noexcept { return try_emplace_back(static_cast<T&&>(x)); }

  // Appends without ever allocating: alloc_errc::full when size() == capacity(). O(1).
  // Invalidates nothing.
  template <class... Args>
  result<T&> emplace_back_within_capacity(Args&&... args) noexcept {
    if (BARE_UNLIKELY(len_ == cap_)) return err(alloc_error{alloc_errc::full, elem_});
    T* p = ::new (static_cast<void*>(ptr_ + len_)) T(static_cast<Args&&>(args)...);
    ++len_;
    return *p;
  }
  result<T&> push_back_within_capacity(const T& x) noexcept { return emplace_back_within_capacity(x); }
  result<T&> push_back_within_capacity(T&& x) noexcept {
    return emplace_back_within_capacity(static_cast<T&&>(x));
  }

#if BARE_OOM_HANDLING
  template <class... Args>
  BARE_ALWAYS_INLINE T& emplace_back(Args&&... args) noexcept {
    return detail::unwrap_or_handle(try_emplace_back(static_cast<Args&&>(args)...));
  }
  void push_back(const T& x) noexcept { emplace_back(x); }
  void push_back(T&& x) noexcept { emplace_back(static_cast<T&&>(x)); }
#endif

  // Appends copies of src (which may be a part of this vec). O(n); may allocate once.
  // On failure (allocation, or a failing element clone) the vec is unchanged.
  result<void> try_extend_from(std::span<const T> src) noexcept requires detail::cloneable<T> {
    if constexpr (std::is_trivially_copyable_v<T> && !detail::has_try_clone<T>) {
      // One copy of the bytes (after growing through grow(), unless src is inside the vec).
      if (!overlaps_(src) || cap_ - len_ >= src.size()) {
        if (cap_ - len_ < src.size()) {
          if (auto r = grow_(src.size(), false); !r) return err(r.error());
        }
        if (!src.empty()) __builtin_memcpy(static_cast<void*>(ptr_ + len_), src.data(), src.size() * sizeof(T));
        len_ += src.size();
        return {};
      }
    }
    const T* s = src.data();
    auto r = insert_gap_(len_, src.size(), [s](T* dst, std::size_t i) noexcept {
      return detail::clone_into(dst, s[i]);
    }, !overlaps_(src));
    if (!r) return err(r.error());
    return {};
  }
  // Appends copies of [first, last). With a sized iterator (last - first valid) it allocates at
  // most once; otherwise element by element, and on failure the elements added are removed
  // again (the contents are as before, the capacity may have grown).
  template <class It, class Sent>
  result<void> try_extend_from(It first, Sent last) noexcept {
    if constexpr (requires { static_cast<std::size_t>(last - first); }) {
      auto r = insert_gap_(len_, static_cast<std::size_t>(last - first), [&first](T* dst, std::size_t) noexcept {
        ::new (static_cast<void*>(dst)) T(*first);
        ++first;
        return result<void>{};
      });
      if (!r) return err(r.error());
      return {};
    } else {
      const std::size_t old = len_;
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
#if BARE_OOM_HANDLING
  void extend_from(std::span<const T> src) noexcept requires detail::cloneable<T> {
    detail::unwrap_or_handle(try_extend_from(src));
  }
  template <class It, class Sent>
  void extend_from(It first, Sent last) noexcept {
    detail::unwrap_or_handle(try_extend_from(first, last));
  }
#endif

  // Moves all of other's elements to the end of this vec; other is left empty (its capacity
  // kept). O(len + other.size()); may allocate. On failure both are unchanged.
  result<void> try_append(vec& other) noexcept {
    if (&other == this || other.len_ == 0) return {};
    auto r = try_reserve(other.len_);
    if (!r) return r;
    relocate_to_new_(ptr_ + len_, other.ptr_, other.len_);
    len_ += other.len_;
    other.len_ = 0;
    return {};
  }
#if BARE_OOM_HANDLING
  void append(vec& other) noexcept { detail::unwrap_or_handle(try_append(other)); }
#endif

  // ---- inserting in the middle ---------------------------------------------------------

  // Inserts an element constructed from args before pos; returns a reference to it.
  // O(len - index); may allocate (invalidates all iterators if so, else those at and after
  // pos). On failure nothing changed. Precondition (checked): begin() <= pos <= end().
  template <class... Args>
  result<T&> try_emplace(const_iterator pos, Args&&... args) noexcept {
    const std::size_t idx = index_of_(pos);
    if (len_ == cap_) {
      // Growth: construct into the new block first (args may refer into this vec).
      auto r = insert_gap_(idx, 1, [&](T* dst, std::size_t) noexcept {
        ::new (static_cast<void*>(dst)) T(static_cast<Args&&>(args)...);
        return result<void>{};
      });
      if (!r) return err(r.error());
      return **r;
    }
    // Room: nothing can fail any more; build the value before moving anything.
    T tmp(static_cast<Args&&>(args)...);
    detail::relocate_overlapping(ptr_ + idx + 1, ptr_ + idx, len_ - idx);
    ::new (static_cast<void*>(ptr_ + idx)) T(static_cast<T&&>(tmp));
    ++len_;
    return ptr_[idx];
  }
  result<T&> try_insert(const_iterator pos, const T& x) noexcept { return try_emplace(pos, x); }
  result<T&> try_insert(const_iterator pos, T&& x) noexcept { return try_emplace(pos, static_cast<T&&>(x)); }

  // Inserts n copies of x before pos. O(len + n); may allocate once. Returns an iterator to
  // the first inserted element. On failure nothing changed.
  result<iterator> try_insert(const_iterator pos, std::size_t n, const T& x) noexcept
    requires detail::cloneable<T>
  {
    if (n != 0 && cap_ - len_ >= n && ptr_ <= &x && &x < ptr_ + len_) {
      // x lives in this vec and would be moved by opening the gap: copy it first.
      auto tmp = clone_one_(x);
      if (!tmp) return err(tmp.error());
      return try_insert(pos, n, *tmp);
    }
    const T* xp = &x;
    return insert_gap_(index_of_(pos), n, [xp](T* dst, std::size_t) noexcept {
      return detail::clone_into(dst, *xp);
    }, !overlaps_(std::span<const T>(xp, 1)));
  }
  // Inserts copies of src before pos; src must not be a part of this vec. O(len + n); may
  // allocate once. On failure nothing changed.
  result<iterator> try_insert(const_iterator pos, std::span<const T> src) noexcept
    requires detail::cloneable<T>
  {
    BARE_CHECK(!overlaps_(src), "bare::vec::insert: source range is inside the vector");
    const T* s = src.data();
    return insert_gap_(index_of_(pos), src.size(), [s](T* dst, std::size_t i) noexcept {
      return detail::clone_into(dst, s[i]);
    }, true);
  }
  result<iterator> try_insert(const_iterator pos, std::initializer_list<T> il) noexcept
    requires detail::cloneable<T>
  {
    return try_insert(pos, std::span<const T>(il.begin(), il.size()));
  }
  // Inserts copies of [first, last) before pos (a sized range not inside this vec).
  template <class It>
    requires requires(It a, It b) { static_cast<std::size_t>(b - a); *a; }
  result<iterator> try_insert(const_iterator pos, It first, It last) noexcept {
    return insert_gap_(index_of_(pos), static_cast<std::size_t>(last - first),
                       [&first](T* dst, std::size_t) noexcept {
                         ::new (static_cast<void*>(dst)) T(*first);
                         ++first;
                         return result<void>{};
                       });
  }

#if BARE_OOM_HANDLING
  template <class... Args>
  iterator emplace(const_iterator pos, Args&&... args) noexcept {
    return &detail::unwrap_or_handle(try_emplace(pos, static_cast<Args&&>(args)...));
  }
  iterator insert(const_iterator pos, const T& x) noexcept { return emplace(pos, x); }
  iterator insert(const_iterator pos, T&& x) noexcept { return emplace(pos, static_cast<T&&>(x)); }
  iterator insert(const_iterator pos, std::size_t n, const T& x) noexcept requires detail::cloneable<T> {
    return detail::unwrap_or_handle(try_insert(pos, n, x));
  }
  iterator insert(const_iterator pos, std::span<const T> src) noexcept requires detail::cloneable<T> {
    return detail::unwrap_or_handle(try_insert(pos, src));
  }
  iterator insert(const_iterator pos, std::initializer_list<T> il) noexcept requires detail::cloneable<T> {
    return detail::unwrap_or_handle(try_insert(pos, il));
  }
  template <class It>
    requires requires(It a, It b) { static_cast<std::size_t>(b - a); *a; }
  iterator insert(const_iterator pos, It first, It last) noexcept {
    return detail::unwrap_or_handle(try_insert(pos, first, last));
  }
#endif

  // ---- removing ------------------------------------------------------------------------

  // Destroys the last element. O(1). Precondition (checked): not empty.
  void pop_back() noexcept {
    BARE_CHECK(len_ != 0, "bare::vec::pop_back: empty");
    ptr_[--len_].T::~T();
  }
  // Removes and returns the last element, or nullopt if empty (Rust's pop). O(1).
  std::optional<T> pop() noexcept {
    if (len_ == 0) return std::nullopt;
    std::optional<T> out(static_cast<T&&>(ptr_[len_ - 1]));
    ptr_[--len_].T::~T();
    return out;
  }
  // Removes and returns element i, shifting the rest down. O(len - i). Invalidates iterators
  // at and after i. Precondition (checked): i < size().
  T remove(std::size_t i, source_loc where = source_loc::current()) noexcept {
    BARE_ASSERT_AT(i < len_, "bare::vec::remove: index out of range", where);
    T out(static_cast<T&&>(ptr_[i]));
    ptr_[i].T::~T();
    detail::relocate_overlapping(ptr_ + i, ptr_ + i + 1, len_ - i - 1);
    --len_;
    return out;
  }
  // Removes and returns element i, moving the last element into its place. O(1).
  // Invalidates iterators to i and to the last element. Precondition (checked): i < size().
  T swap_remove(std::size_t i, source_loc where = source_loc::current()) noexcept {
    BARE_ASSERT_AT(i < len_, "bare::vec::swap_remove: index out of range", where);
    T out(static_cast<T&&>(ptr_[i]));
    ptr_[i].T::~T();
    --len_;
    if (i != len_) detail::relocate_overlapping(ptr_ + i, ptr_ + len_, 1);
    return out;
  }
  // Removes the element at pos; returns the iterator following it. O(len - index).
  // Invalidates iterators at and after pos. Precondition (checked): pos is an element.
  iterator erase(const_iterator pos) noexcept {
    BARE_CHECK(pos != end(), "bare::vec::erase: end() is not an element");
    return erase(pos, pos + 1);
  }
  // Removes [first, last); returns the iterator following the removed range.
  iterator erase(const_iterator first, const_iterator last) noexcept {
    const std::size_t a = index_of_(first);
    const std::size_t b = index_of_(last);
    BARE_CHECK(a <= b, "bare::vec::erase: first after last");
    detail::destroy_n(ptr_ + a, b - a);
    detail::relocate_overlapping(ptr_ + a, ptr_ + b, len_ - b);
    len_ -= b - a;
    return ptr_ + a;
  }
  // Keeps the first n elements (no-op if n >= size()). O(size() - n). Keeps capacity.
  void truncate(std::size_t n) noexcept {
    if (n >= len_) return;
    detail::destroy_n(ptr_ + n, len_ - n);
    len_ = n;
  }
  // Destroys all elements, keeps capacity. O(len).
  void clear() noexcept { truncate(0); }

  // Keeps the elements for which pred(const T&) is true, in order. O(len), never allocates.
  // Invalidates iterators to moved and removed elements.
  template <class Pred>
  void retain(Pred pred) noexcept {
    retain_mut([&pred](T& x) { return pred(static_cast<const T&>(x)); });
  }
  // As retain, but pred gets a mutable reference (it may change the kept elements).
  template <class Pred>
  void retain_mut(Pred pred) noexcept {
    if constexpr (std::is_trivially_copyable_v<T>) {
      // Branch-free compaction in locals (a store through T* may alias len_ otherwise).
      T* const p = ptr_;
      const std::size_t n = len_;
      std::size_t w = 0;
      for (std::size_t r = 0; r < n; ++r) {
        const bool keep = pred(p[r]);
        p[w] = p[r];
        w += keep;
      }
      len_ = w;
      return;
    }
    std::size_t w = 0;
    for (std::size_t r = 0; r < len_; ++r) {
      if (pred(ptr_[r])) {
        if (w != r) detail::relocate_overlapping(ptr_ + w, ptr_ + r, 1);
        ++w;
      } else {
        ptr_[r].T::~T();
      }
    }
    len_ = w;
  }
  // Removes consecutive elements for which same(current, previous_kept) is true (Rust's
  // dedup_by argument order). O(len), never allocates.
  template <class Same>
  void dedup_by(Same same) noexcept {
    if (len_ < 2) return;
    std::size_t w = 1;
    for (std::size_t r = 1; r < len_; ++r) {
      if (same(ptr_[r], ptr_[w - 1])) {
        ptr_[r].T::~T();
      } else {
        if (w != r) detail::relocate_overlapping(ptr_ + w, ptr_ + r, 1);
        ++w;
      }
    }
    len_ = w;
  }
  // Removes consecutive elements with equal key(element).
  template <class Key>
  void dedup_by_key(Key key) noexcept {
    dedup_by([&key](T& a, T& b) { return key(a) == key(b); });
  }
  // Removes consecutive equal elements.
  void dedup() noexcept {
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
      detail::destroy_n(first_, size());
      detail::relocate_overlapping(first_, last_, tail_);
      v_->len_ = static_cast<std::size_t>(first_ - v_->ptr_) + tail_;
    }

   private:
    friend class vec;
    drain_range(vec* v, std::size_t from, std::size_t to) noexcept
        : v_(v), first_(v->ptr_ + from), last_(v->ptr_ + to), tail_(v->len_ - to) {
      v->len_ = from;
    }
    vec* v_;
    T* first_;
    T* last_;
    std::size_t tail_;
  };
  [[nodiscard]] drain_range drain(std::size_t from, std::size_t to,
                                  source_loc where = source_loc::current()) noexcept {
    BARE_ASSERT_AT(from <= to && to <= len_, "bare::vec::drain: range out of bounds", where);
    return drain_range(this, from, to);
  }

  // A range that visits the elements for which pred(T&) is true and removes them, lazily (Rust's
  // extract_if): each visited element is destroyed when the iterator moves past it (move it
  // out to keep it); elements not yet reached when the range is destroyed are kept. Relative
  // order of the kept elements is preserved. Never allocates. The vec must not be used while
  // the range lives (it shows as empty then).
  template <class Pred>
  class extract_if_range {
   public:
    struct sentinel {};
    class iterator {
     public:
      T& operator*() const noexcept { return *r_->cur_; }
      T* operator->() const noexcept { return r_->cur_; }
      iterator& operator++() noexcept {
        r_->advance_();
        return *this;
      }
      friend bool operator==(const iterator& it, sentinel) noexcept { return it.at_end_(); }

     private:
      friend class extract_if_range;
      explicit iterator(extract_if_range* r) noexcept : r_(r) {}
      bool at_end_() const noexcept { return r_->cur_ == nullptr; }
      extract_if_range* r_;
    };
    // Starts the visit; call once.
    iterator begin() noexcept {
      advance_();
      return iterator(this);
    }
    sentinel end() const noexcept { return {}; }
    extract_if_range(const extract_if_range&) = delete;
    extract_if_range& operator=(const extract_if_range&) = delete;
    ~extract_if_range() {
      if (cur_) cur_->T::~T();
      detail::relocate_overlapping(v_->ptr_ + write_, v_->ptr_ + read_, old_len_ - read_);
      v_->len_ = write_ + (old_len_ - read_);
    }

   private:
    friend class vec;
    extract_if_range(vec* v, Pred pred) noexcept
        : v_(v), old_len_(v->len_), pred_(static_cast<Pred&&>(pred)) {
      v->len_ = 0;
    }
    void advance_() noexcept {
      if (cur_) {
        cur_->T::~T();
        cur_ = nullptr;
      }
      while (read_ < old_len_) {
        T* e = v_->ptr_ + read_++;
        if (pred_(*e)) {
          cur_ = e;
          return;
        }
        if (write_ != read_ - 1) detail::relocate_overlapping(v_->ptr_ + write_, e, 1);
        ++write_;
      }
    }
    vec* v_;
    std::size_t read_ = 0, write_ = 0, old_len_;
    T* cur_ = nullptr;
    Pred pred_;
  };
  template <class Pred>
  [[nodiscard]] extract_if_range<Pred> extract_if(Pred pred) noexcept {
    return extract_if_range<Pred>(this, static_cast<Pred&&>(pred));
  }

  // ---- resizing and splitting ----------------------------------------------------------

  // Resizes to n elements: truncates, or appends value-initialised T(). O(|n - len|); may
  // allocate once. On failure nothing changed.
  result<void> try_resize(std::size_t n) noexcept requires std::default_initializable<T> {
    if (n <= len_) {
      truncate(n);
      return {};
    }
    auto r = insert_gap_(len_, n - len_, [](T* dst, std::size_t) noexcept {
      ::new (static_cast<void*>(dst)) T();
      return result<void>{};
    }, true);
    if (!r) return err(r.error());
    return {};
  }
  // Resizes to n elements, appending copies of x.
  result<void> try_resize(std::size_t n, const T& x) noexcept requires detail::cloneable<T> {
    if (n <= len_) {
      truncate(n);
      return {};
    }
    auto r = try_insert(end(), n - len_, x);
    if (!r) return err(r.error());
    return {};
  }
  // Moves the elements [at, size()) into a new vec (capacity exactly their number) and returns
  // it; this keeps [0, at) and its capacity. O(size() - at); allocates unless at == size().
  // Precondition (checked): at <= size(). On failure nothing changed.
  result<vec> try_split_off(std::size_t at, source_loc where = source_loc::current()) noexcept {
    BARE_ASSERT_AT(at <= len_, "bare::vec::split_off: index out of range", where);
    auto out = vec::try_with_capacity(len_ - at, alloc_);
    if (!out) return err(out.error());
    relocate_to_new_(out->ptr_, ptr_ + at, len_ - at);
    out->len_ = len_ - at;
    len_ = at;
    return out;
  }
#if BARE_OOM_HANDLING
  void resize(std::size_t n) noexcept requires std::default_initializable<T> {
    detail::unwrap_or_handle(try_resize(n));
  }
  void resize(std::size_t n, const T& x) noexcept requires detail::cloneable<T> {
    detail::unwrap_or_handle(try_resize(n, x));
  }
  vec split_off(std::size_t at, source_loc where = source_loc::current()) noexcept {
    return detail::unwrap_or_handle(try_split_off(at, where));
  }
#endif

  // ---- raw parts ---------------------------------------------------------------------------

  // The buffer, length, capacity and allocator, handed over: the vec is left empty and the
  // caller owns the elements and the block (give them back with from_raw_parts, or destroy
  // and deallocate with layout {capacity * sizeof(T), alignof(T)}). O(1), never allocates.
  struct raw_parts {
    T* ptr;
    std::size_t len;
    std::size_t cap;
    A alloc;
  };
  raw_parts into_raw_parts() noexcept {
    raw_parts r{ptr_, len_, cap_, static_cast<A&&>(alloc_)};
    ptr_ = nullptr;
    len_ = cap_ = 0;
    return r;
  }
  // Adopts what into_raw_parts (or another vec<T, A> with the same allocator) gave out.
  // Preconditions (checked): len <= cap, ptr == nullptr iff cap == 0. O(1), never allocates.
  static vec from_raw_parts(raw_parts p, source_loc where = source_loc::current()) noexcept {
    if (p.len > p.cap || (p.ptr == nullptr) != (p.cap == 0))
      panic("bare::vec::from_raw_parts: inconsistent parts", where);
    vec v(static_cast<A&&>(p.alloc));
    v.ptr_ = p.ptr;
    v.len_ = p.len;
    v.cap_ = p.cap;
    return v;
  }

  // Exchanges contents and allocators. O(1), never allocates, invalidates nothing (iterators
  // follow the elements).
  void swap(vec& other) noexcept {
    vec tmp(static_cast<vec&&>(other));
    other = static_cast<vec&&>(*this);
    *this = static_cast<vec&&>(tmp);
  }
  friend void swap(vec& a, vec& b) noexcept { a.swap(b); }

  // Element-wise comparisons. O(n).
  friend bool operator==(const vec& a, const vec& b) noexcept
    requires requires(const T& x) { x == x; }
  {
    if (a.len_ != b.len_) return false;
    for (std::size_t i = 0; i < a.len_; ++i)
      if (!(a.ptr_[i] == b.ptr_[i])) return false;
    return true;
  }
  friend auto operator<=>(const vec& a, const vec& b) noexcept
    requires std::three_way_comparable<T>
  {
    const std::size_t n = a.len_ < b.len_ ? a.len_ : b.len_;
    for (std::size_t i = 0; i < n; ++i)
      if (auto c = a.ptr_[i] <=> b.ptr_[i]; c != 0) return c;
    return static_cast<std::compare_three_way_result_t<T>>(a.len_ <=> b.len_);
  }

 private:
  void release_() noexcept {
    detail::destroy_n(ptr_, len_);
    detail::raw_deallocate(alloc_, detail::raw_block{ptr_, cap_}, elem_);
    ptr_ = nullptr;
    cap_ = 0;
    len_ = 0;
  }

  std::size_t index_of_(const_iterator pos) const noexcept {
    BARE_ASSERT(pos >= ptr_ && pos <= ptr_ + len_, "bare::vec: iterator out of range");
    return static_cast<std::size_t>(pos - ptr_);
  }

  bool overlaps_(std::span<const T> s) const noexcept {
    // Address comparison of possibly unrelated objects: through integers.
    auto b = reinterpret_cast<std::uintptr_t>(ptr_), e = reinterpret_cast<std::uintptr_t>(ptr_ + len_);
    auto p = reinterpret_cast<std::uintptr_t>(s.data());
    return !s.empty() && p >= b && p < e;
  }

  result<T> clone_one_(const T& x) const noexcept {
    if constexpr (detail::has_try_clone<T>) return x.try_clone();
    else return T(x);
  }

  BARE_NOINLINE result<void> resize_block_(std::size_t new_cap) noexcept {
    auto b = detail::raw_resize(alloc_, detail::raw_block{ptr_, cap_}, len_, new_cap, elem_,
                                detail::relocator<T>());
    if (!b) return err(b.error());
    ptr_ = static_cast<T*>(b->ptr);
    cap_ = b->cap;
    return {};
  }

  BARE_NOINLINE result<void> grow_(std::size_t additional, bool exact) noexcept {
    auto nc = detail::next_capacity(cap_, len_, additional, elem_, exact);
    if (!nc) return err(nc.error());
    return resize_block_(*nc);
  }

  // Slow path of try_emplace_back: len_ == cap_.
  template <class... Args>
  BARE_NOINLINE result<T&> emplace_back_grow_(Args&&... args) noexcept {
    if constexpr (sizeof...(Args) == 1 && is_trivially_relocatable_v<T> &&
                  (std::is_same_v<std::remove_cvref_t<Args>, T> && ...)) {
      // One T argument: it may live in this vec; if so, find it again after the resize.
      const T* src = &(args, ...);
      auto b = reinterpret_cast<std::uintptr_t>(ptr_), s = reinterpret_cast<std::uintptr_t>(src);
      const bool inside = s >= b && s < reinterpret_cast<std::uintptr_t>(ptr_ + len_);
      const std::size_t idx = inside ? static_cast<std::size_t>(src - ptr_) : 0;
      auto r = grow_(1, false);
      if (!r) return err(r.error());
      T* p = inside ? ::new (static_cast<void*>(ptr_ + len_)) T(static_cast<Args&&>(ptr_[idx])...)
                    : ::new (static_cast<void*>(ptr_ + len_)) T(static_cast<Args&&>(args)...);
      ++len_;
      return *p;
    } else {
      auto r = insert_gap_(len_, 1, [&](T* dst, std::size_t) noexcept {
        ::new (static_cast<void*>(dst)) T(static_cast<Args&&>(args)...);
        return result<void>{};
      });
      if (!r) return err(r.error());
      return **r;
    }
  }

  // Moves n elements into another block (no overlap, so no direction to choose).
  static void relocate_to_new_(T* dst, T* src, std::size_t n) noexcept {
    if constexpr (is_trivially_relocatable_v<T>) {
      if (n != 0) __builtin_memcpy(static_cast<void*>(dst), static_cast<const void*>(src), n * sizeof(T));
    } else {
      detail::relocate_nonoverlapping<T>(dst, src, n);
    }
  }

  // Opens a gap of n elements at idx and fills it with make(dst, i) for i in [0, n) (make
  // returns result<void>; it may fail). If the vec must grow, the new elements are made in
  // the new block before the old ones move, so make may read from this vec. On any failure
  // the vec is exactly as before. Returns a pointer to the first new element.
  // Preconditions: idx <= len_.
  //
  // source_outside: make reads nothing inside this vec. Then, for trivially relocatable T
  // whose copies cannot fail, the block grows through the allocator's grow() (in place when
  // it can) before the gap opens: nothing can fail after the growth.
  template <class Make>
  result<T*> insert_gap_(std::size_t idx, std::size_t n, Make&& make, bool source_outside = false) noexcept {
    if (n == 0) return ptr_ + idx;
    if constexpr (is_trivially_relocatable_v<T> && !detail::has_try_clone<T>) {
      if (cap_ - len_ < n && source_outside) {
        if (auto r = grow_(n, false); !r) return err(r.error());
      }
    }
    if (cap_ - len_ < n) {
      auto nc = detail::next_capacity(cap_, len_, n, elem_, false);
      if (!nc) return err(nc.error());
      auto nb = detail::raw_allocate(alloc_, *nc, elem_);
      if (!nb) return err(nb.error());
      T* d = static_cast<T*>(*nb);
      for (std::size_t i = 0; i < n; ++i) {
        auto r = make(d + idx + i, i);
        if (BARE_UNLIKELY(!r)) {
          detail::destroy_n(d + idx, i);
          detail::raw_deallocate(alloc_, detail::raw_block{d, *nc}, elem_);
          return err(r.error());
        }
      }
      if (len_ != 0) {
        relocate_to_new_(d, ptr_, idx);
        relocate_to_new_(d + idx + n, ptr_ + idx, len_ - idx);
      }
      detail::raw_deallocate(alloc_, detail::raw_block{ptr_, cap_}, elem_);
      ptr_ = d;
      cap_ = *nc;
      len_ += n;
      return ptr_ + idx;
    }
    detail::relocate_overlapping(ptr_ + idx + n, ptr_ + idx, len_ - idx);
    for (std::size_t i = 0; i < n; ++i) {
      auto r = make(ptr_ + idx + i, i);
      if (BARE_UNLIKELY(!r)) {
        detail::destroy_n(ptr_ + idx, i);
        detail::relocate_overlapping(ptr_ + idx, ptr_ + idx + n, len_ - idx);
        return err(r.error());
      }
    }
    len_ += n;
    return ptr_ + idx;
  }
};

// A vec of trivially relocatable allocator handles is itself trivially relocatable.
template <class T, class A>
struct is_trivially_relocatable<vec<T, A>> : is_trivially_relocatable<A> {};

}  // namespace bare
