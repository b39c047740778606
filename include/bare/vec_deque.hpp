// bare/vec_deque.hpp — vec_deque<T, A>: a double-ended queue in one growable ring buffer
// (Rust's VecDeque since 2022: head + length, any capacity, not only powers of two).
//
// Every operation that may allocate comes as
//   try_X(...)             -> result<...>: on failure the deque is exactly as before (same
//                             elements, same block, same layout) and the argument is not
//                             consumed (strong guarantee);
//   X(...)                 the same, calling bare::handle_alloc_error on failure (not declared
//                          under BARE_NO_GLOBAL_OOM_HANDLING);
//   X_within_capacity(...) never allocates; reports alloc_errc::full.
//
// Growth: the policy of vec (bare/detail/raw_vec.hpp: amortized doubling, minimum capacity
// 8 / 4 / 1 elements, exact for reserve_exact), applied by the same code. Trivially
// relocatable elements grow through the allocator's grow (realloc, in place when it can);
// a ring that wrapped is then fixed by moving its shorter piece (bare/detail/ring.hpp).
//
// Costs: push/pop at either end amortized O(1); index O(1) (one compare, no division);
// insert / erase in the middle move the shorter side, O(min(i, len - i)).
//
// A vec_deque is move-only: copying allocates, so it is explicit (clone / try_clone).
// Conversion from a vec is O(1) and never allocates (the vec's block becomes the ring);
// into_vec() gives the block back, O(len) at most to line the elements up at slot 0.
//
// Invalidation, in general: an operation that allocates invalidates every iterator, pointer
// and reference. Iterators also become invalid when the deque's start moves (push_front,
// pop_front, insert, erase, rotate, make_contiguous, ...); pointers and references to
// elements that did not move stay valid. Each function says which.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
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
#include "bare/detail/ring.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"
#include "bare/vec.hpp"

namespace bare {

template <class T, allocator A = global>
class vec_deque {
  static_assert(std::is_object_v<T> && !std::is_const_v<T> && !std::is_array_v<T>,
                "bare::vec_deque<T>: T must be a non-const object type");
  static_assert(std::is_nothrow_destructible_v<T>, "bare::vec_deque<T>: T's destructor must not throw");

  // Representation invariant:
  //   buf_ == nullptr  iff  cap_ == 0 (an empty deque without a block owns no memory);
  //   len_ <= cap_ <= detail::max_elems(sizeof(T));
  //   head_ < cap_, or head_ == 0 when cap_ == 0;
  //   element i (0 <= i < len_) is a live T in slot (head_ + i) mod cap_; the other
  //   cap_ - len_ slots are uninitialised; self[0], if it exists, is buf_[head_];
  //   a non-null buf_ was allocated by alloc_ with layout {cap_ * sizeof(T), alignof(T)}.
  // Layout: four words with a stateless allocator (the same block as vec<T, A>, plus head_):
  //
  //   buf_ -> [ F G H . . . A B C D E ]    cap_ = 11, len_ = 8, head_ = 6:
  //                         ^ head_        self[0] = A in slot 6, self[5] = F in slot 0
  T* buf_ = nullptr;
  std::size_t cap_ = 0;
  std::size_t head_ = 0;
  std::size_t len_ = 0;
  [[no_unique_address]] A alloc_{};

  static constexpr layout elem_ = layout_of<T>;

  template <bool Const>
  class basic_iterator;
  template <bool Const>
  class basic_range;

 public:
  using value_type = T;
  using allocator_type = A;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using reference = T&;
  using const_reference = const T&;
  using pointer = T*;
  using const_pointer = const T*;
  using iterator = basic_iterator<false>;
  using const_iterator = basic_iterator<true>;
  // A sub-range [first, last) of the deque: begin(), end(), size(), operator[] (range()).
  using range_type = basic_range<false>;
  using const_range_type = basic_range<true>;

  // ---- construction --------------------------------------------------------------------

  // An empty deque. O(1), never allocates.
  constexpr vec_deque() noexcept requires std::default_initializable<A> = default;
  // An empty deque using allocator `a`. O(1), never allocates.
  constexpr explicit vec_deque(A a) noexcept : alloc_(static_cast<A&&>(a)) {}

  // Takes over v's block, elements and allocator; v is left empty. O(1), never allocates:
  // the elements stay where they are (slot 0 on).
  explicit vec_deque(vec<T, A>&& v) noexcept : vec_deque(v.into_raw_parts()) {}
  static vec_deque from_vec(vec<T, A>&& v) noexcept { return vec_deque(static_cast<vec<T, A>&&>(v)); }

  // A deque with room for exactly n elements (none yet). O(1); allocates n * sizeof(T) bytes
  // unless n == 0.
  static result<vec_deque> try_with_capacity(std::size_t n, A a = A()) noexcept {
    vec_deque d(static_cast<A&&>(a));
    auto r = d.try_reserve_exact(n);
    if (!r) return err(r.error());
    return d;
  }
  // A deque holding copies of src, capacity exactly src.size(). O(n); allocates once.
  static result<vec_deque> try_from(std::span<const T> src, A a = A()) noexcept requires detail::cloneable<T> {
    auto d = try_with_capacity(src.size(), static_cast<A&&>(a));
    if (!d) return err(d.error());
    auto r = d->clone_from_(src.data(), src.size());
    if (!r) return err(r.error());
    return d;
  }

#if BARE_OOM_HANDLING
  static vec_deque with_capacity(std::size_t n, A a = A()) noexcept {
    return detail::unwrap_or_handle(try_with_capacity(n, static_cast<A&&>(a)));
  }
  static vec_deque from(std::span<const T> src, A a = A()) noexcept requires detail::cloneable<T> {
    return detail::unwrap_or_handle(try_from(src, static_cast<A&&>(a)));
  }
  // A deque holding copies of the list. O(n); allocates once.
  vec_deque(std::initializer_list<T> il, A a = A()) noexcept requires detail::cloneable<T>
      : alloc_(static_cast<A&&>(a)) {
    reserve_exact(il.size());
    detail::unwrap_or_handle(clone_from_(il.begin(), il.size()));
  }
#endif

  // Takes other's elements, block and allocator; other is left empty. O(1).
  constexpr vec_deque(vec_deque&& other) noexcept
      : buf_(other.buf_), cap_(other.cap_), head_(other.head_), len_(other.len_),
        alloc_(static_cast<A&&>(other.alloc_)) {
    other.forget_();
  }
  // Destroys this deque's elements and frees its block, then takes other's. O(len).
  vec_deque& operator=(vec_deque&& other) noexcept {
    if (this != &other) {
      release_();
      buf_ = other.buf_;
      cap_ = other.cap_;
      head_ = other.head_;
      len_ = other.len_;
      alloc_ = static_cast<A&&>(other.alloc_);
      other.forget_();
    }
    return *this;
  }
  vec_deque(const vec_deque&) = delete;             // copying allocates: clone() / try_clone()
  vec_deque& operator=(const vec_deque&) = delete;

  // Destroys the elements and frees the block. O(len).
  ~vec_deque() { release_(); }

  // A copy (capacity exactly size(), elements from slot 0, a copy of the allocator). O(n);
  // allocates once, plus what cloning each element allocates (elements with try_clone() are
  // cloned through it, so nested failures surface here).
  result<vec_deque> try_clone() const noexcept requires detail::cloneable<T> {
    auto d = try_with_capacity(len_, alloc_);
    if (!d) return err(d.error());
    const auto [a, b] = as_slices();
    auto r = d->clone_from_(a.data(), a.size());
    if (r) r = d->clone_from_(b.data(), b.size());
    if (!r) return err(r.error());
    return d;
  }
#if BARE_OOM_HANDLING
  vec_deque clone() const noexcept requires detail::cloneable<T> { return detail::unwrap_or_handle(try_clone()); }
#endif

  // Hands the block over to a vec (same allocator), the elements lined up from slot 0; this
  // deque is left empty, without a block. Never allocates; O(1) if element 0 is in slot 0,
  // else O(len) (make_contiguous, then one move to the front).
  vec<T, A> into_vec() noexcept {
    make_contiguous();
    if (head_ != 0) detail::relocate_overlapping(buf_, buf_ + head_, len_);
    typename vec<T, A>::raw_parts p{buf_, len_, cap_, static_cast<A&&>(alloc_)};
    forget_();
    return vec<T, A>::from_raw_parts(static_cast<typename vec<T, A>::raw_parts&&>(p));
  }

  // ---- size and capacity ---------------------------------------------------------------

  constexpr std::size_t size() const noexcept { return len_; }
  constexpr bool empty() const noexcept { return len_ == 0; }
  // Elements the deque can hold before it must allocate. O(1).
  constexpr std::size_t capacity() const noexcept { return cap_; }
  static constexpr std::size_t max_size() noexcept { return detail::max_elems(sizeof(T)); }
  constexpr const A& allocator() const noexcept { return alloc_; }
  constexpr A& allocator() noexcept { return alloc_; }

  // Whether the representation invariant (at the top of the class) holds, as far as it can
  // be checked without reading the elements. O(1). For tests and diagnostics.
  constexpr bool check() const noexcept {
    return (buf_ == nullptr) == (cap_ == 0) && len_ <= cap_ && cap_ <= max_size() &&
           (cap_ == 0 ? head_ == 0 : head_ < cap_);
  }

  // Makes room for at least `additional` more elements (amortized growth policy).
  // O(len) if it allocates, else O(1). Invalidates everything if it allocates.
  result<void> try_reserve(std::size_t additional) noexcept {
    if (BARE_LIKELY(cap_ - len_ >= additional)) return {};
    return grow_(additional, false);
  }
  // Makes room for exactly `additional` more elements (no over-allocation).
  result<void> try_reserve_exact(std::size_t additional) noexcept {
    if (cap_ - len_ >= additional) return {};
    return grow_(additional, true);
  }
  // Reduces capacity to size() (frees the block if empty). O(len); allocates a smaller
  // block unless the allocator shrinks in place (possible when the elements already lie in
  // the first size() slots). Invalidates everything if it moves the elements.
  result<void> try_shrink_to_fit() noexcept { return try_shrink_to(len_); }
  // Reduces capacity to max(size(), n); no-op if capacity() <= that.
  result<void> try_shrink_to(std::size_t n) noexcept {
    const std::size_t target = n > len_ ? n : len_;
    if (target >= cap_) return {};
    return resize_block_(target);
  }
#if BARE_OOM_HANDLING
  void reserve(std::size_t additional) noexcept { detail::unwrap_or_handle(try_reserve(additional)); }
  void reserve_exact(std::size_t additional) noexcept { detail::unwrap_or_handle(try_reserve_exact(additional)); }
  void shrink_to_fit() noexcept { detail::unwrap_or_handle(try_shrink_to_fit()); }
  void shrink_to(std::size_t n) noexcept { detail::unwrap_or_handle(try_shrink_to(n)); }
#endif

  // ---- element access ------------------------------------------------------------------

  // Element i. O(1). Precondition (checked unless BARE_UNCHECKED): i < size().
  constexpr T& operator[](std::size_t i) noexcept {
    BARE_CHECK(i < len_, "bare::vec_deque: index out of range");
    return buf_[phys_(i)];
  }
  constexpr const T& operator[](std::size_t i) const noexcept {
    BARE_CHECK(i < len_, "bare::vec_deque: index out of range");
    return buf_[phys_(i)];
  }
  // Element i; always checked, also under BARE_UNCHECKED.
  constexpr T& at(std::size_t i, source_loc where = source_loc::current()) noexcept {
    BARE_ASSERT_AT(i < len_, "bare::vec_deque::at: index out of range", where);
    return buf_[phys_(i)];
  }
  constexpr const T& at(std::size_t i, source_loc where = source_loc::current()) const noexcept {
    BARE_ASSERT_AT(i < len_, "bare::vec_deque::at: index out of range", where);
    return buf_[phys_(i)];
  }
  // Pointer to element i, or nullptr if i >= size(). O(1).
  constexpr T* get(std::size_t i) noexcept { return i < len_ ? buf_ + phys_(i) : nullptr; }
  constexpr const T* get(std::size_t i) const noexcept { return i < len_ ? buf_ + phys_(i) : nullptr; }
  // First / last element. O(1). Precondition (checked): not empty.
  constexpr T& front() noexcept {
    BARE_CHECK(len_ != 0, "bare::vec_deque::front: empty");
    return buf_[head_];
  }
  constexpr const T& front() const noexcept {
    BARE_CHECK(len_ != 0, "bare::vec_deque::front: empty");
    return buf_[head_];
  }
  constexpr T& back() noexcept {
    BARE_CHECK(len_ != 0, "bare::vec_deque::back: empty");
    return buf_[phys_(len_ - 1)];
  }
  constexpr const T& back() const noexcept {
    BARE_CHECK(len_ != 0, "bare::vec_deque::back: empty");
    return buf_[phys_(len_ - 1)];
  }

  // Random-access iterators, in logical order. O(1) each step.
  constexpr iterator begin() noexcept { return iterator(buf_, cap_, head_); }
  constexpr const_iterator begin() const noexcept { return const_iterator(buf_, cap_, head_); }
  constexpr const_iterator cbegin() const noexcept { return begin(); }
  constexpr iterator end() noexcept { return iterator(buf_, cap_, head_ + len_); }
  constexpr const_iterator end() const noexcept { return const_iterator(buf_, cap_, head_ + len_); }
  constexpr const_iterator cend() const noexcept { return end(); }

  // The elements [first, last) as a range (iterators, size, indexing). O(1), never
  // allocates. Precondition (checked): first <= last <= size().
  range_type range(std::size_t first, std::size_t last, source_loc where = source_loc::current()) noexcept {
    BARE_ASSERT_AT(first <= last && last <= len_, "bare::vec_deque::range: range out of bounds", where);
    return range_type(iterator(buf_, cap_, head_ + first), iterator(buf_, cap_, head_ + last));
  }
  const_range_type range(std::size_t first, std::size_t last,
                         source_loc where = source_loc::current()) const noexcept {
    BARE_ASSERT_AT(first <= last && last <= len_, "bare::vec_deque::range: range out of bounds", where);
    return const_range_type(const_iterator(buf_, cap_, head_ + first), const_iterator(buf_, cap_, head_ + last));
  }

  // The elements as two contiguous pieces, in order: the first holds element 0 on (empty
  // only if the deque is), the second the wrapped rest (empty if not wrapped). O(1).
  std::pair<std::span<T>, std::span<T>> as_slices() noexcept {
    const std::size_t k = head_len_();
    return {std::span<T>(buf_ + head_, k), std::span<T>(buf_, len_ - k)};
  }
  std::pair<std::span<const T>, std::span<const T>> as_slices() const noexcept {
    const std::size_t k = head_len_();
    return {std::span<const T>(buf_ + head_, k), std::span<const T>(buf_, len_ - k)};
  }

  // Whether some element == x. O(n).
  bool contains(const T& x) const noexcept {
    const auto [a, b] = as_slices();
    for (const T& e : a)
      if (e == x) return true;
    for (const T& e : b)
      if (e == x) return true;
    return false;
  }

  // ---- adding at the ends --------------------------------------------------------------

  // Appends an element constructed from args. Amortized O(1); may allocate (growth policy),
  // then invalidates everything; otherwise invalidates no reference (end() moves). On failure
  // nothing changed and args are untouched.
  template <class... Args>
  BARE_ALWAYS_INLINE result<T&> try_emplace_back(Args&&... args) noexcept {
    if (BARE_LIKELY(len_ != cap_)) return *construct_back_(static_cast<Args&&>(args)...);
    return emplace_slow_<false>(static_cast<Args&&>(args)...);
  }
  result<T&> try_push_back(const T& x) noexcept { return try_emplace_back(x); }
  result<T&> try_push_back(T&& x) noexcept { return try_emplace_back(static_cast<T&&>(x)); }

  // Prepends an element constructed from args. Amortized O(1); may allocate. Invalidates all
  // iterators (the start moves); references stay valid unless it allocates. On failure
  // nothing changed and args are untouched.
  template <class... Args>
  BARE_ALWAYS_INLINE result<T&> try_emplace_front(Args&&... args) noexcept {
    if (BARE_LIKELY(len_ != cap_)) return *construct_front_(static_cast<Args&&>(args)...);
    return emplace_slow_<true>(static_cast<Args&&>(args)...);
  }
  result<T&> try_push_front(const T& x) noexcept { return try_emplace_front(x); }
  result<T&> try_push_front(T&& x) noexcept { return try_emplace_front(static_cast<T&&>(x)); }

  // The same without ever allocating: alloc_errc::full when size() == capacity(). O(1).
  template <class... Args>
  result<T&> emplace_back_within_capacity(Args&&... args) noexcept {
    if (BARE_UNLIKELY(len_ == cap_)) return err(alloc_error{alloc_errc::full, elem_});
    return *construct_back_(static_cast<Args&&>(args)...);
  }
  result<T&> push_back_within_capacity(const T& x) noexcept { return emplace_back_within_capacity(x); }
  result<T&> push_back_within_capacity(T&& x) noexcept { return emplace_back_within_capacity(static_cast<T&&>(x)); }
  template <class... Args>
  result<T&> emplace_front_within_capacity(Args&&... args) noexcept {
    if (BARE_UNLIKELY(len_ == cap_)) return err(alloc_error{alloc_errc::full, elem_});
    return *construct_front_(static_cast<Args&&>(args)...);
  }
  result<T&> push_front_within_capacity(const T& x) noexcept { return emplace_front_within_capacity(x); }
  result<T&> push_front_within_capacity(T&& x) noexcept { return emplace_front_within_capacity(static_cast<T&&>(x)); }

#if BARE_OOM_HANDLING
  // (The fast paths build no result: only the growth path has an error to unwrap.)
  template <class... Args>
  BARE_ALWAYS_INLINE T& emplace_back(Args&&... args) noexcept {
    if (BARE_LIKELY(len_ != cap_)) return *construct_back_(static_cast<Args&&>(args)...);
    return detail::unwrap_or_handle(emplace_slow_<false>(static_cast<Args&&>(args)...));
  }
  void push_back(const T& x) noexcept { emplace_back(x); }
  void push_back(T&& x) noexcept { emplace_back(static_cast<T&&>(x)); }
  template <class... Args>
  BARE_ALWAYS_INLINE T& emplace_front(Args&&... args) noexcept {
    if (BARE_LIKELY(len_ != cap_)) return *construct_front_(static_cast<Args&&>(args)...);
    return detail::unwrap_or_handle(emplace_slow_<true>(static_cast<Args&&>(args)...));
  }
  void push_front(const T& x) noexcept { emplace_front(x); }
  void push_front(T&& x) noexcept { emplace_front(static_cast<T&&>(x)); }
#endif

  // Appends copies of src (which may be a part of this deque). O(n); may allocate once.
  // On failure (allocation, or a failing element clone) the deque is unchanged.
  result<void> try_extend_from(std::span<const T> src) noexcept requires detail::cloneable<T> {
    const T* s = src.data();
    return insert_gap_(
        len_, src.size(), [s](T* dst, std::size_t i) noexcept { return detail::clone_into(dst, s[i]); },
        src.empty() || !inside_(s));
  }
  // Appends [first, last). With a sized iterator (last - first valid) it allocates at most
  // once; otherwise element by element, and on failure the elements added are removed again
  // (the contents are as before, the capacity may have grown).
  template <class It, class Sent>
  result<void> try_extend_from(It first, Sent last) noexcept {
    if constexpr (requires { static_cast<std::size_t>(last - first); }) {
      return insert_gap_(len_, static_cast<std::size_t>(last - first), [&first](T* dst, std::size_t) noexcept {
        ::new (static_cast<void*>(dst)) T(*first);
        ++first;
        return result<void>{};
      });
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

  // Moves all of other's elements to the back of this deque; other is left empty (its block
  // kept). O(other.size()) plus O(len) if it allocates; may allocate once. On failure both are
  // unchanged.
  result<void> try_append(vec_deque& other) noexcept {
    if (&other == this || other.len_ == 0) return {};
    auto r = try_reserve(other.len_);
    if (!r) return r;
    const auto [a, b] = other.as_slices();
    relocate_in_(len_, a.data(), a.size());
    relocate_in_(len_ + a.size(), b.data(), b.size());
    len_ += other.len_;
    other.len_ = 0;
    other.head_ = 0;
    return {};
  }
#if BARE_OOM_HANDLING
  void append(vec_deque& other) noexcept { detail::unwrap_or_handle(try_append(other)); }
#endif

  // ---- inserting in the middle ---------------------------------------------------------

  // Inserts an element constructed from args at index i (0 = front, size() = back), moving
  // the shorter side: O(min(i, size() - i)). May allocate (then invalidates everything);
  // otherwise invalidates iterators, and references to the elements moved. On failure
  // nothing changed and args are untouched. Precondition (checked): i <= size().
  template <class... Args>
  result<T&> try_emplace(std::size_t i, Args&&... args) noexcept {
    BARE_ASSERT(i <= len_, "bare::vec_deque::insert: index out of range");
    if (i == len_) return try_emplace_back(static_cast<Args&&>(args)...);
    if (i == 0) return try_emplace_front(static_cast<Args&&>(args)...);
    if (len_ == cap_) {
      // Growth: the element is made in the new block first (args may refer into this deque).
      auto r = insert_gap_(i, 1, [&](T* dst, std::size_t) noexcept {
        ::new (static_cast<void*>(dst)) T(static_cast<Args&&>(args)...);
        return result<void>{};
      });
      if (!r) return err(r.error());
      return buf_[phys_(i)];
    }
    // Room: nothing can fail any more; build the value before anything moves.
    T tmp(static_cast<Args&&>(args)...);
    open_gap_(i, 1);
    return *::new (static_cast<void*>(buf_ + phys_(i))) T(static_cast<T&&>(tmp));
  }
  result<T&> try_insert(std::size_t i, const T& x) noexcept { return try_emplace(i, x); }
  result<T&> try_insert(std::size_t i, T&& x) noexcept { return try_emplace(i, static_cast<T&&>(x)); }
  // Iterator forms (std::deque's): insert before pos; return an iterator to the new element.
  result<iterator> try_insert(const_iterator pos, const T& x) noexcept { return iter_of_(try_emplace(index_of_(pos), x)); }
  result<iterator> try_insert(const_iterator pos, T&& x) noexcept {
    return iter_of_(try_emplace(index_of_(pos), static_cast<T&&>(x)));
  }

#if BARE_OOM_HANDLING
  template <class... Args>
  T& emplace(std::size_t i, Args&&... args) noexcept {
    return detail::unwrap_or_handle(try_emplace(i, static_cast<Args&&>(args)...));
  }
  T& insert(std::size_t i, const T& x) noexcept { return emplace(i, x); }
  T& insert(std::size_t i, T&& x) noexcept { return emplace(i, static_cast<T&&>(x)); }
  iterator insert(const_iterator pos, const T& x) noexcept { return detail::unwrap_or_handle(try_insert(pos, x)); }
  iterator insert(const_iterator pos, T&& x) noexcept {
    return detail::unwrap_or_handle(try_insert(pos, static_cast<T&&>(x)));
  }
#endif

  // ---- removing ------------------------------------------------------------------------

  // Removes and returns the first / last element, or nullopt if empty (Rust's pop_front /
  // pop_back; std's void forms would clash in name: discard the result, or truncate). O(1).
  // Invalidates iterators (pop_front) and references to the removed element.
  std::optional<T> pop_front() noexcept {
    if (len_ == 0) return std::nullopt;
    T* p = buf_ + head_;
    std::optional<T> out(static_cast<T&&>(*p));
    p->T::~T();
    head_ = detail::ring_next(head_, cap_);
    --len_;
    return out;
  }
  std::optional<T> pop_back() noexcept {
    if (len_ == 0) return std::nullopt;
    T* p = buf_ + phys_(len_ - 1);
    std::optional<T> out(static_cast<T&&>(*p));
    p->T::~T();
    --len_;
    return out;
  }

  // Removes and returns element i, or nullopt if i >= size(), closing the gap from the
  // shorter side: O(min(i, size() - i)). Invalidates iterators and references to moved
  // elements.
  std::optional<T> remove(std::size_t i) noexcept {
    if (i >= len_) return std::nullopt;
    T* p = buf_ + phys_(i);
    std::optional<T> out(static_cast<T&&>(*p));
    p->T::~T();
    close_gap_(i, i + 1);
    return out;
  }
  // Removes and returns element i, replacing it with the first / last element, or nullopt if
  // i >= size(). O(1). Invalidates iterators and references to i and to the moved element.
  std::optional<T> swap_remove_front(std::size_t i) noexcept {
    if (i >= len_) return std::nullopt;
    T* p = buf_ + phys_(i);
    std::optional<T> out(static_cast<T&&>(*p));
    p->T::~T();
    if (i != 0) detail::relocate_overlapping(p, buf_ + head_, 1);
    head_ = detail::ring_next(head_, cap_);
    --len_;
    return out;
  }
  std::optional<T> swap_remove_back(std::size_t i) noexcept {
    if (i >= len_) return std::nullopt;
    T* p = buf_ + phys_(i);
    std::optional<T> out(static_cast<T&&>(*p));
    p->T::~T();
    if (i != len_ - 1) detail::relocate_overlapping(p, buf_ + phys_(len_ - 1), 1);
    --len_;
    return out;
  }

  // Removes the element at pos; returns an iterator to the element that followed it. Closes
  // the gap from the shorter side, O(min(i, size() - i)). Invalidates iterators and
  // references to moved elements. Precondition (checked): pos is an element.
  iterator erase(const_iterator pos) noexcept {
    const std::size_t i = index_of_(pos);
    BARE_CHECK(i != len_, "bare::vec_deque::erase: end() is not an element");
    return erase_(i, i + 1);
  }
  // Removes [first, last); returns an iterator to the element that followed the range.
  // O(last - first + min(elements before, elements after)).
  iterator erase(const_iterator first, const_iterator last) noexcept {
    const std::size_t a = index_of_(first), b = index_of_(last);
    BARE_CHECK(a <= b, "bare::vec_deque::erase: first after last");
    return erase_(a, b);
  }

  // Keeps the first n elements (no-op if n >= size()). O(size() - n). Keeps capacity.
  // Invalidates references to the removed elements.
  void truncate(std::size_t n) noexcept {
    if (n >= len_) return;
    detail::ring_destroy(buf_, cap_, phys_(n), len_ - n);
    len_ = n;
  }
  // Destroys all elements, keeps capacity. O(len).
  void clear() noexcept {
    truncate(0);
    head_ = 0;
  }

  // Keeps the elements for which pred(const T&) is true, in order. O(len), never allocates.
  // Invalidates iterators and references to moved and removed elements.
  template <class Pred>
  void retain(Pred pred) noexcept {
    retain_mut([&pred](T& x) { return pred(static_cast<const T&>(x)); });
  }
  // As retain, but pred gets a mutable reference (it may change the kept elements).
  template <class Pred>
  void retain_mut(Pred pred) noexcept {
    std::size_t w = 0;
    for (std::size_t r = 0; r < len_; ++r) {
      T* e = buf_ + phys_(r);
      if (pred(*e)) {
        if (w != r) detail::relocate_overlapping(buf_ + phys_(w), e, 1);
        ++w;
      } else {
        e->T::~T();
      }
    }
    len_ = w;
  }

  // A range over the elements [first, last), removed from the deque when the range is
  // destroyed (also those not visited), the gap closed from the shorter side. While it lives
  // the deque shows only [0, first) and must not be used. Elements may be moved out through
  // the range's references. Never allocates; O(last - first + min(first, size() - last)) in
  // all. Precondition (checked): first <= last <= size().
  class drain_range {
   public:
    iterator begin() const noexcept { return iterator(d_->buf_, d_->cap_, d_->head_ + first_); }
    iterator end() const noexcept { return iterator(d_->buf_, d_->cap_, d_->head_ + last_); }
    std::size_t size() const noexcept { return last_ - first_; }
    drain_range(const drain_range&) = delete;
    drain_range& operator=(const drain_range&) = delete;
    ~drain_range() {
      detail::ring_destroy(d_->buf_, d_->cap_, d_->phys_(first_), last_ - first_);
      d_->len_ = len_;
      d_->close_gap_(first_, last_);
    }

   private:
    friend class vec_deque;
    drain_range(vec_deque* d, std::size_t first, std::size_t last) noexcept
        : d_(d), first_(first), last_(last), len_(d->len_) {
      d->len_ = first;
    }
    vec_deque* d_;
    std::size_t first_, last_, len_;
  };
  [[nodiscard]] drain_range drain(std::size_t first, std::size_t last,
                                  source_loc where = source_loc::current()) noexcept {
    BARE_ASSERT_AT(first <= last && last <= len_, "bare::vec_deque::drain: range out of bounds", where);
    return drain_range(this, first, last);
  }

  // ---- resizing, splitting, rotating ---------------------------------------------------

  // Resizes to n elements: truncates, or appends value-initialised T(). O(|n - len|); may
  // allocate once. On failure nothing changed.
  result<void> try_resize(std::size_t n) noexcept requires std::default_initializable<T> {
    if (n <= len_) {
      truncate(n);
      return {};
    }
    return insert_gap_(
        len_, n - len_,
        [](T* dst, std::size_t) noexcept {
          ::new (static_cast<void*>(dst)) T();
          return result<void>{};
        },
        true);
  }
  // Resizes to n elements, appending copies of x (which may be an element of this deque).
  result<void> try_resize(std::size_t n, const T& x) noexcept requires detail::cloneable<T> {
    if (n <= len_) {
      truncate(n);
      return {};
    }
    const T* xp = &x;
    return insert_gap_(
        len_, n - len_, [xp](T* dst, std::size_t) noexcept { return detail::clone_into(dst, *xp); }, !inside_(xp));
  }
  // Moves the elements [at, size()) into a new deque (capacity exactly their number) and
  // returns it; this keeps [0, at) and its capacity. O(size() - at); allocates unless
  // at == size(). Precondition (checked): at <= size(). On failure nothing changed.
  result<vec_deque> try_split_off(std::size_t at, source_loc where = source_loc::current()) noexcept {
    BARE_ASSERT_AT(at <= len_, "bare::vec_deque::split_off: index out of range", where);
    auto out = try_with_capacity(len_ - at, alloc_);
    if (!out) return err(out.error());
    relocate_out_(out->buf_, at, len_ - at);
    out->len_ = len_ - at;
    len_ = at;
    return out;
  }
#if BARE_OOM_HANDLING
  void resize(std::size_t n) noexcept requires std::default_initializable<T> { detail::unwrap_or_handle(try_resize(n)); }
  void resize(std::size_t n, const T& x) noexcept requires detail::cloneable<T> {
    detail::unwrap_or_handle(try_resize(n, x));
  }
  vec_deque split_off(std::size_t at, source_loc where = source_loc::current()) noexcept {
    return detail::unwrap_or_handle(try_split_off(at, where));
  }
#endif

  // Rotates so that element n becomes the first (the first n move to the back). Moves
  // min(n, size() - n) elements; O(1) when the deque is full. Never allocates. Invalidates
  // iterators and references to moved elements. Precondition (checked): n <= size().
  void rotate_left(std::size_t n, source_loc where = source_loc::current()) noexcept {
    BARE_ASSERT_AT(n <= len_, "bare::vec_deque::rotate_left: n exceeds size", where);
    if (n <= len_ - n) rotate_left_(n);
    else rotate_right_(len_ - n);
  }
  // Rotates so that the last n elements come first.
  void rotate_right(std::size_t n, source_loc where = source_loc::current()) noexcept {
    BARE_ASSERT_AT(n <= len_, "bare::vec_deque::rotate_right: n exceeds size", where);
    if (n <= len_ - n) rotate_right_(n);
    else rotate_left_(len_ - n);
  }

  // Rearranges the elements so that they lie in one piece, and returns it. O(1) if the deque
  // does not wrap; otherwise O(len), in place: len moves, or, when the free room is smaller
  // than both pieces, a move of the shorter piece and about len swaps. Never allocates.
  // Invalidates iterators, and references if it moves anything.
  std::span<T> make_contiguous() noexcept {
    if (head_ + len_ <= cap_) return {buf_ + head_, len_};
    const std::size_t head_len = cap_ - head_, tail_len = len_ - head_len, room = cap_ - len_;
    T* const b = buf_;
    if (room >= head_len) {
      //   [ D E F G H . . . A B C ]  ->  [ A B C D E F G H . . . ]
      detail::relocate_overlapping(b + head_len, b, tail_len);
      detail::relocate_overlapping(b, b + head_, head_len);
      head_ = 0;
    } else if (room >= tail_len) {
      //   [ F G H . . . A B C D E ]  ->  [ . . . A B C D E F G H ]
      detail::relocate_overlapping(b + tail_len, b + head_, head_len);
      detail::relocate_overlapping(b + len_, b, tail_len);
      head_ = tail_len;
    } else if (head_len > tail_len) {
      //   [ H I J K . . A B C D E F G ]  ->  [ . . H I J K A B C D E F G ]  -> rotate
      detail::relocate_overlapping(b + room, b, tail_len);
      detail::rotate_left_contiguous(b + room, len_, tail_len);
      head_ = room;
    } else {
      //   [ F G H I J K . . A B C D E ]  ->  [ F G H I J K A B C D E . . ]  -> rotate
      detail::relocate_overlapping(b + tail_len, b + head_, head_len);
      detail::rotate_left_contiguous(b, len_, tail_len);
      head_ = 0;
    }
    return {buf_ + head_, len_};
  }

  // ---- searching -----------------------------------------------------------------------

  // Binary search of a deque sorted by cmp(element) (an ordering of the element relative to
  // the target: less, equal, greater): the index of the first element for which cmp is
  // equal, or as the error, the index where such an element could be inserted keeping the
  // order (Rust's Result<usize, usize>). O(log n). A comparator inconsistent with the order
  // gives an unspecified index, never undefined behaviour.
  template <class Cmp>
  result<std::size_t, std::size_t> binary_search_by(Cmp cmp) const noexcept {
    std::size_t lo = 0, n = len_;
    while (n != 0) {  // invariant: the answer is in [lo, lo + n]
      const std::size_t half = n / 2;
      if (cmp(buf_[phys_(lo + half)]) < 0) {
        lo += half + 1;
        n -= half + 1;
      } else {
        n = half;
      }
    }
    if (lo < len_ && cmp(buf_[phys_(lo)]) == 0) return lo;
    return err(lo);
  }
  result<std::size_t, std::size_t> binary_search(const T& x) const noexcept
    requires std::three_way_comparable<T>
  {
    return binary_search_by([&x](const T& e) { return e <=> x; });
  }
  // Binary search by a key: key(element) <=> k.
  template <class K, class Key>
  result<std::size_t, std::size_t> binary_search_by_key(const K& k, Key key) const noexcept {
    return binary_search_by([&](const T& e) { return key(e) <=> k; });
  }
  // The index of the first element for which pred is false, in a deque where pred holds for
  // a prefix (Rust's partition_point). O(log n).
  template <class Pred>
  std::size_t partition_point(Pred pred) const noexcept {
    return binary_search_by([&pred](const T& e) {
             return pred(e) ? std::strong_ordering::less : std::strong_ordering::greater;
           })
        .error();
  }

  // ---- whole-deque operations ----------------------------------------------------------

  // Exchanges contents and allocators. O(1), never allocates, invalidates nothing.
  void swap(vec_deque& other) noexcept {
    vec_deque tmp(static_cast<vec_deque&&>(other));
    other = static_cast<vec_deque&&>(*this);
    *this = static_cast<vec_deque&&>(tmp);
  }
  friend void swap(vec_deque& a, vec_deque& b) noexcept { a.swap(b); }

  // Element-wise comparisons (capacity and layout do not matter). O(n).
  friend bool operator==(const vec_deque& a, const vec_deque& b) noexcept
    requires requires(const T& x) { x == x; }
  {
    if (a.len_ != b.len_) return false;
    for (std::size_t i = 0; i < a.len_; ++i)
      if (!(a.buf_[a.phys_(i)] == b.buf_[b.phys_(i)])) return false;
    return true;
  }
  friend auto operator<=>(const vec_deque& a, const vec_deque& b) noexcept
    requires std::three_way_comparable<T>
  {
    const std::size_t n = a.len_ < b.len_ ? a.len_ : b.len_;
    for (std::size_t i = 0; i < n; ++i)
      if (auto c = a.buf_[a.phys_(i)] <=> b.buf_[b.phys_(i)]; c != 0) return c;
    return static_cast<std::compare_three_way_result_t<T>>(a.len_ <=> b.len_);
  }

 private:
  template <bool Const>
  class basic_iterator {
    using elem = std::conditional_t<Const, const T, T>;

   public:
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using reference = elem&;
    using pointer = elem*;

    constexpr basic_iterator() noexcept = default;
    // iterator -> const_iterator (a template, so never a copy constructor).
    template <bool C = Const>
      requires C
    constexpr basic_iterator(const basic_iterator<!C>& o) noexcept  // NOLINT: implicit by design
        : buf_(o.buf_), cap_(o.cap_), pos_(o.pos_) {}

    constexpr reference operator*() const noexcept { return buf_[pos_ >= cap_ ? pos_ - cap_ : pos_]; }
    constexpr pointer operator->() const noexcept { return &**this; }
    constexpr reference operator[](difference_type n) const noexcept { return *(*this + n); }

    constexpr basic_iterator& operator++() noexcept {
      ++pos_;
      return *this;
    }
    constexpr basic_iterator operator++(int) noexcept {
      basic_iterator t = *this;
      ++pos_;
      return t;
    }
    constexpr basic_iterator& operator--() noexcept {
      --pos_;
      return *this;
    }
    constexpr basic_iterator operator--(int) noexcept {
      basic_iterator t = *this;
      --pos_;
      return t;
    }
    constexpr basic_iterator& operator+=(difference_type n) noexcept {
      pos_ += static_cast<std::size_t>(n);  // modular: negative n steps back
      return *this;
    }
    constexpr basic_iterator& operator-=(difference_type n) noexcept {
      pos_ -= static_cast<std::size_t>(n);
      return *this;
    }
    friend constexpr basic_iterator operator+(basic_iterator it, difference_type n) noexcept { return it += n; }
    friend constexpr basic_iterator operator+(difference_type n, basic_iterator it) noexcept { return it += n; }
    friend constexpr basic_iterator operator-(basic_iterator it, difference_type n) noexcept { return it -= n; }
    friend constexpr difference_type operator-(const basic_iterator& a, const basic_iterator& b) noexcept {
      return static_cast<difference_type>(a.pos_ - b.pos_);
    }
    friend constexpr bool operator==(const basic_iterator& a, const basic_iterator& b) noexcept {
      return a.pos_ == b.pos_;
    }
    friend constexpr std::strong_ordering operator<=>(const basic_iterator& a, const basic_iterator& b) noexcept {
      return a.pos_ <=> b.pos_;
    }

   private:
    friend class vec_deque;
    friend class basic_iterator<!Const>;
    constexpr basic_iterator(T* buf, std::size_t cap, std::size_t pos) noexcept : buf_(buf), cap_(cap), pos_(pos) {}
    // Element i of the deque is at pos_ == head + i, in [0, 2 * cap): slot pos_ mod cap.
    T* buf_ = nullptr;
    std::size_t cap_ = 0;
    std::size_t pos_ = 0;
  };

  template <bool Const>
  class basic_range {
   public:
    using iterator = basic_iterator<Const>;
    constexpr iterator begin() const noexcept { return first_; }
    constexpr iterator end() const noexcept { return last_; }
    constexpr std::size_t size() const noexcept { return static_cast<std::size_t>(last_ - first_); }
    constexpr bool empty() const noexcept { return first_ == last_; }
    // Element i of the range. Precondition (checked unless BARE_UNCHECKED): i < size().
    constexpr typename iterator::reference operator[](std::size_t i) const noexcept {
      BARE_CHECK(i < size(), "bare::vec_deque::range: index out of range");
      return first_[static_cast<std::ptrdiff_t>(i)];
    }

   private:
    friend class vec_deque;
    constexpr basic_range(iterator f, iterator l) noexcept : first_(f), last_(l) {}
    iterator first_, last_;
  };

  explicit vec_deque(typename vec<T, A>::raw_parts p) noexcept
      : buf_(p.ptr), cap_(p.cap), head_(0), len_(p.len), alloc_(static_cast<A&&>(p.alloc)) {}

  // Slot of element i. Precondition: i <= cap_.
  constexpr std::size_t phys_(std::size_t i) const noexcept { return detail::ring_wrap(head_, i, cap_); }
  // Number of elements in the piece that starts at head_.
  constexpr std::size_t head_len_() const noexcept { return cap_ - head_ < len_ ? cap_ - head_ : len_; }

  void forget_() noexcept {
    buf_ = nullptr;
    cap_ = head_ = len_ = 0;
  }
  void release_() noexcept {
    detail::ring_destroy(buf_, cap_, head_, len_);
    detail::raw_deallocate(alloc_, detail::raw_block{buf_, cap_}, elem_);
    forget_();
  }

  // Whether p points into this deque's block (an element, when it points to a live T).
  bool inside_(const T* p) const noexcept {
    // Address comparison of possibly unrelated objects: through integers.
    const auto b = reinterpret_cast<std::uintptr_t>(buf_), a = reinterpret_cast<std::uintptr_t>(p);
    return a >= b && a < reinterpret_cast<std::uintptr_t>(buf_ + cap_);
  }

  std::size_t index_of_(const_iterator pos) const noexcept {
    const std::size_t i = pos.pos_ - head_;
    BARE_ASSERT(pos.buf_ == buf_ && i <= len_, "bare::vec_deque: iterator out of range");
    return i;
  }
  result<iterator> iter_of_(result<T&> r) noexcept {
    if (!r) return err(r.error());
    const std::size_t slot = static_cast<std::size_t>(&*r - buf_);
    return iterator(buf_, cap_, slot >= head_ ? slot : slot + cap_);
  }

  // Constructs at the back / front; returns the new element. Preconditions: len_ < cap_.
  template <class... Args>
  BARE_ALWAYS_INLINE T* construct_back_(Args&&... args) noexcept {
    T* p = ::new (static_cast<void*>(buf_ + phys_(len_))) T(static_cast<Args&&>(args)...);
    ++len_;
    return p;
  }
  template <class... Args>
  BARE_ALWAYS_INLINE T* construct_front_(Args&&... args) noexcept {
    const std::size_t h = detail::ring_wrap_back(head_, 1, cap_);
    T* p = ::new (static_cast<void*>(buf_ + h)) T(static_cast<Args&&>(args)...);
    head_ = h;
    ++len_;
    return p;
  }

  // Whether emplace_slow_ passes a copy of the one argument instead of a reference: a small
  // trivially copyable T, so that the caller's variable need not live in memory on the fast
  // path (its address would escape to the out-of-line growth path otherwise).
  template <class... Args>
  static constexpr bool copy_arg_ =
      sizeof...(Args) == 1 && (std::is_same_v<std::remove_cvref_t<Args>, T> && ...) &&
      std::is_trivially_copyable_v<T> && sizeof(T) <= 2 * sizeof(void*);

  // The growth path of the emplace functions at either end (len_ == cap_).
  template <bool Front, class... Args>
  BARE_ALWAYS_INLINE result<T&> emplace_slow_(Args&&... args) noexcept {
    if constexpr (copy_arg_<Args...>) {
      T copy(static_cast<Args&&>(args)...);  // a copy: the argument is left as it was
      return emplace_end_grow_<Front>(static_cast<T&&>(copy));
    } else {
      return emplace_end_grow_<Front>(static_cast<Args&&>(args)...);
    }
  }

  // Appends clones of src[0, n) after the last element. Preconditions: room for n elements.
  // On a failing clone the elements added so far stay (callers discard the whole deque then).
  result<void> clone_from_(const T* src, std::size_t n) noexcept requires detail::cloneable<T> {
    for (std::size_t i = 0; i < n; ++i) {
      auto r = detail::clone_into(buf_ + phys_(len_), src[i]);
      if (!r) return r;
      ++len_;
    }
    return {};
  }

  // Moves elements [from, from + n) into the uninitialised array dst (not in this block).
  void relocate_out_(T* dst, std::size_t from, std::size_t n) noexcept {
    const std::size_t s = phys_(from), k = cap_ - s < n ? cap_ - s : n;
    detail::relocate_overlapping(dst, buf_ + s, k);
    detail::relocate_overlapping(dst + k, buf_, n - k);
  }
  // Moves n elements of the array src (not in this block) into the free slots from logical
  // position `at` on. Preconditions: at + n <= cap_, those slots are free.
  void relocate_in_(std::size_t at, T* src, std::size_t n) noexcept {
    if (n == 0) return;
    const std::size_t d = phys_(at), k = cap_ - d < n ? cap_ - d : n;
    detail::relocate_overlapping(buf_ + d, src, k);
    detail::relocate_overlapping(buf_, src + k, n - k);
  }

  BARE_NOINLINE result<void> resize_block_(std::size_t new_cap) noexcept {
    auto b = detail::ring_resize(alloc_, detail::raw_block{buf_, cap_}, head_, len_, new_cap, elem_,
                                 detail::relocator<T>());
    if (!b) return err(b.error());
    buf_ = static_cast<T*>(b->ptr);
    cap_ = b->cap;
    head_ = b->head;
    return {};
  }
  BARE_NOINLINE result<void> grow_(std::size_t additional, bool exact) noexcept {
    auto nc = detail::next_capacity(cap_, len_, additional, elem_, exact);
    if (!nc) return err(nc.error());
    return resize_block_(*nc);
  }

  // Slow path of try_emplace_back / try_emplace_front: len_ == cap_.
  template <bool Front, class... Args>
  BARE_NOINLINE result<T&> emplace_end_grow_(Args&&... args) noexcept {
    if constexpr (sizeof...(Args) == 1 && is_trivially_relocatable_v<T> &&
                  (std::is_same_v<std::remove_cvref_t<Args>, T> && ...)) {
      // One T argument: it may live in this deque; if so, find it again after the resize.
      const T* src = &(args, ...);
      const bool inside = inside_(src);
      const std::size_t slot = inside ? static_cast<std::size_t>(src - buf_) : 0;
      const std::size_t idx = slot >= head_ ? slot - head_ : slot + cap_ - head_;
      auto r = grow_(1, false);
      if (!r) return err(r.error());
      T& x = inside ? buf_[phys_(idx)] : *const_cast<T*>(src);
      if constexpr (Front) return *construct_front_(static_cast<Args&&>(x)...);
      else return *construct_back_(static_cast<Args&&>(x)...);
    } else {
      const std::size_t at = Front ? 0 : len_;
      auto r = insert_gap_(at, 1, [&](T* dst, std::size_t) noexcept {
        ::new (static_cast<void*>(dst)) T(static_cast<Args&&>(args)...);
        return result<void>{};
      });
      if (!r) return err(r.error());
      return buf_[phys_(at)];
    }
  }

  // Makes n free slots at logical position i by moving the shorter side (the front part
  // back, or the back part forward); len_ grows by n, the new slots are uninitialised.
  // Preconditions: i <= len_, cap_ - len_ >= n.
  void open_gap_(std::size_t i, std::size_t n) noexcept {
    if (i < len_ - i) {
      const std::size_t h = detail::ring_wrap_back(head_, n, cap_);
      detail::ring_move(buf_, cap_, head_, h, i);
      head_ = h;
    } else {
      detail::ring_move(buf_, cap_, phys_(i), phys_(i + n), len_ - i);
    }
    len_ += n;
  }
  // Closes the gap of the (destroyed or never constructed) elements [a, b) by moving the
  // shorter side; len_ shrinks by b - a. It exactly undoes open_gap_(a, b - a).
  // Preconditions: a <= b <= len_.
  void close_gap_(std::size_t a, std::size_t b) noexcept {
    const std::size_t n = b - a;
    if (a < len_ - b) {
      const std::size_t h = phys_(n);
      detail::ring_move(buf_, cap_, head_, h, a);
      head_ = h;
    } else {
      detail::ring_move(buf_, cap_, phys_(b), phys_(a), len_ - b);
    }
    len_ -= n;
  }
  iterator erase_(std::size_t a, std::size_t b) noexcept {
    detail::ring_destroy(buf_, cap_, phys_(a), b - a);
    close_gap_(a, b);
    return begin() + static_cast<std::ptrdiff_t>(a);
  }

  // Opens n slots at logical position i and fills them with make(dst, k) for k in [0, n)
  // (make returns result<void>; it may fail). If the deque must grow, the new elements are
  // made in the new block before the old ones move, so make may read from this deque; with
  // room, elements move first (callers whose make reads this deque insert at the back, where
  // nothing moves). On any failure the deque is exactly as before.
  // source_outside: make reads nothing inside this deque. Then, for trivially relocatable T
  // whose copies cannot fail, the ring grows through the allocator's grow() (in place when it
  // can) before the gap opens, as vec does: nothing can fail after the growth.
  // Preconditions: i <= len_.
  template <class Make>
  result<void> insert_gap_(std::size_t i, std::size_t n, Make&& make, bool source_outside = false) noexcept {
    if (n == 0) return {};
    if constexpr (is_trivially_relocatable_v<T> && !detail::has_try_clone<T>) {
      if (cap_ - len_ < n && source_outside) BARE_TRY(grow_(n, false));
    }
    if (cap_ - len_ < n) {
      auto nc = detail::next_capacity(cap_, len_, n, elem_, false);
      if (!nc) return err(nc.error());
      auto nb = detail::raw_allocate(alloc_, *nc, elem_);
      if (!nb) return err(nb.error());
      T* d = static_cast<T*>(*nb);
      for (std::size_t k = 0; k < n; ++k) {
        auto r = make(d + i + k, k);
        if (BARE_UNLIKELY(!r)) {
          detail::destroy_n(d + i, k);
          detail::raw_deallocate(alloc_, detail::raw_block{d, *nc}, elem_);
          return err(r.error());
        }
      }
      relocate_out_(d, 0, i);
      relocate_out_(d + i + n, i, len_ - i);
      detail::raw_deallocate(alloc_, detail::raw_block{buf_, cap_}, elem_);
      buf_ = d;
      cap_ = *nc;
      head_ = 0;
      len_ += n;
      return {};
    }
    open_gap_(i, n);
    for (std::size_t k = 0; k < n; ++k) {
      auto r = make(buf_ + phys_(i + k), k);
      if (BARE_UNLIKELY(!r)) {
        detail::ring_destroy(buf_, cap_, phys_(i), k);
        close_gap_(i, i + n);
        return err(r.error());
      }
    }
    return {};
  }

  // The first k elements go to the back. Preconditions: k <= len_ - k.
  void rotate_left_(std::size_t k) noexcept {
    detail::ring_move(buf_, cap_, head_, phys_(len_), k);
    head_ = phys_(k);
  }
  // The last k elements go to the front. Preconditions: k <= len_ - k.
  void rotate_right_(std::size_t k) noexcept {
    head_ = detail::ring_wrap_back(head_, k, cap_);
    detail::ring_move(buf_, cap_, phys_(len_), head_, k);
  }
};

// A deque of a trivially relocatable allocator handle is itself trivially relocatable.
template <class T, class A>
struct is_trivially_relocatable<vec_deque<T, A>> : is_trivially_relocatable<A> {};

}  // namespace bare
