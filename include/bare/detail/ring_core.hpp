// bare/detail/ring_core.hpp — ring_core<T, S>: every algorithm of a double-ended queue in one
// ring buffer (vec_deque's API: push / pop at both ends, insert and erase moving the shorter
// side, rotate, make_contiguous, drain, binary search, ...) written once over a ring storage
// policy S: the heap block of vec_deque<T, A> (detail/ring_storage.hpp), the inline slots of
// fixed_deque<T, N>, or another deque's storage seen through deque_view<T>
// (detail/fixed_storage.hpp). One algorithm, three kinds of storage. The index arithmetic and
// the moves inside a ring are in detail/ring.hpp.
//
// A ring storage policy has: growable, allocates, max_size (as a vec storage policy, see
// detail/vec_storage.hpp); T* buf(); size_t cap(), head(), len(); set_head(h); set_len(n);
// bool check() (its own part of the invariant); and when growable: resize(new_cap) (the
// ring moves to a block of new_cap slots, element 0 anywhere: ring_resize), allocate(n),
// deallocate(p, n), replace(p, n) (frees the current block, whose elements the caller moved
// out; the caller sets head and length).
//
// Where the storage cannot grow, whatever would need room reports alloc_errc::full and
// changes nothing (the strong guarantee holds for every storage), and the overwriting
// pushes (push_back_overwrite: a history buffer) are available. The infallible twins call
// handle_alloc_error (storage that allocates; not declared under BARE_NO_GLOBAL_OOM_HANDLING)
// or panic when full (storage that never allocates; always declared).
//
// Representation invariant (in terms of the storage): len <= cap <= max_size; head < cap, or
// head == 0 when cap == 0; element i (0 <= i < len) is a live T in slot (head + i) mod cap;
// the other cap - len slots are uninitialised; self[0], if it exists, is buf[head]:
//
//   buf -> [ F G H . . . A B C D E ]    cap = 11, len = 8, head = 6:
//                        ^ head         self[0] = A in slot 6, self[5] = F in slot 0
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

#include "bare/detail/clone.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/detail/ring.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"
#include "bare/reverse_iterator.hpp"

namespace bare {

template <class T>
class deque_view;

namespace detail {

template <class T, class S>
class ring_core {
  static_assert(std::is_object_v<T> && !std::is_const_v<T> && !std::is_array_v<T>,
                "bare::vec_deque<T>: T must be a non-const object type");
  static_assert(std::is_nothrow_destructible_v<T>, "bare::vec_deque<T>: T's destructor must not throw");

  template <class U, class S2>
  friend class ring_core;
  template <class U>
  friend class bare::deque_view;

 protected:
  template <bool Const>
  class basic_iterator;
  template <bool Const>
  class basic_range;

  S s_;

  static constexpr layout elem_ = layout_of<T>;

  constexpr ring_core() noexcept requires std::default_initializable<S> = default;
  template <class... A>
  constexpr explicit ring_core(std::in_place_t, A&&... a) noexcept : s_(static_cast<A&&>(a)...) {}
  ring_core(const ring_core&) = default;
  ring_core(ring_core&&) = default;
  ring_core& operator=(const ring_core&) = default;
  ring_core& operator=(ring_core&&) = default;
  ~ring_core() = default;

 public:
  // Whether the capacity can grow, and whether the infallible twins are declared.
  static constexpr bool growable_ = S::growable;
  // Whether the storage grows without this deque's address (heap storage, stateless allocator).
  static constexpr bool grows_detached_ = requires(S& s) { s.grow(std::size_t{1}, false); };
  static constexpr bool infallible_ = !S::allocates || BARE_OOM_HANDLING;

  using value_type = T;
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

  // ---- size and capacity ---------------------------------------------------------------

  constexpr std::size_t size() const noexcept { return s_.len(); }
  constexpr bool empty() const noexcept { return s_.len() == 0; }
  // Elements the deque can hold before it must allocate (or is full). O(1).
  constexpr std::size_t capacity() const noexcept { return s_.cap(); }
  static constexpr std::size_t max_size() noexcept { return S::max_size; }

  // Whether the representation invariant holds, as far as it can be checked without reading
  // the elements. O(1). For tests and diagnostics.
  constexpr bool check() const noexcept {
    return s_.check() && s_.len() <= s_.cap() && s_.cap() <= max_size() &&
           (s_.cap() == 0 ? s_.head() == 0 : s_.head() < s_.cap());
  }

  // Makes room for at least `additional` more elements (amortized growth policy; with a
  // fixed capacity: alloc_errc::full if they do not fit). O(len) if it allocates, else O(1).
  // Invalidates everything if it allocates.
  result<void> try_reserve(std::size_t additional) noexcept {
    if (BARE_LIKELY(s_.cap() - s_.len() >= additional)) return {};
    return grow_(additional, false);
  }
  // Makes room for exactly `additional` more elements (no over-allocation).
  result<void> try_reserve_exact(std::size_t additional) noexcept {
    if (s_.cap() - s_.len() >= additional) return {};
    return grow_(additional, true);
  }
  // Reduces capacity to size() (frees the block if empty). O(len); allocates a smaller
  // block unless the allocator shrinks in place (possible when the elements already lie in
  // the first size() slots). Invalidates everything if it moves the elements.
  result<void> try_shrink_to_fit() noexcept requires growable_ { return try_shrink_to(s_.len()); }
  // Reduces capacity to max(size(), n); no-op if capacity() <= that.
  result<void> try_shrink_to(std::size_t n) noexcept requires growable_ {
    const std::size_t target = n > s_.len() ? n : s_.len();
    if (target >= s_.cap()) return {};
    return resize_block_(target);
  }
  void reserve(std::size_t additional) noexcept requires infallible_ { unwrap_or_fail<S::allocates>(try_reserve(additional)); }
  void reserve_exact(std::size_t additional) noexcept requires infallible_ { unwrap_or_fail<S::allocates>(try_reserve_exact(additional)); }
  void shrink_to_fit() noexcept requires growable_ && infallible_ { unwrap_or_fail<S::allocates>(try_shrink_to_fit()); }
  void shrink_to(std::size_t n) noexcept requires growable_ && infallible_ { unwrap_or_fail<S::allocates>(try_shrink_to(n)); }

  // ---- element access ------------------------------------------------------------------

  // Element i. O(1). Precondition (checked unless BARE_UNCHECKED): i < size().
  // (Here and in at() and get(), the block, head and capacity are read before the check, on
  // every path, so a loop of d[i] keeps them in registers; read after the check's branch,
  // GCC 12 loaded all three again for every element. Only integers are computed before the
  // check: no pointer is formed from an index that may be out of range.)
  constexpr T& operator[](std::size_t i) noexcept {
    const auto [b, p] = locate_(*this, i);
    BARE_CHECK(i < s_.len(), "bare::vec_deque: index out of range");
    return b[p];
  }
  constexpr const T& operator[](std::size_t i) const noexcept {
    const auto [b, p] = locate_(*this, i);
    BARE_CHECK(i < s_.len(), "bare::vec_deque: index out of range");
    return b[p];
  }
  // Element i; always checked, also under BARE_UNCHECKED.
  constexpr T& at(std::size_t i, source_loc where = source_loc::current()) noexcept {
    const auto [b, p] = locate_(*this, i);
    BARE_ASSERT_AT(i < s_.len(), "bare::vec_deque::at: index out of range", where);
    return b[p];
  }
  constexpr const T& at(std::size_t i, source_loc where = source_loc::current()) const noexcept {
    const auto [b, p] = locate_(*this, i);
    BARE_ASSERT_AT(i < s_.len(), "bare::vec_deque::at: index out of range", where);
    return b[p];
  }
  // Pointer to element i, or nullptr if i >= size(). O(1).
  constexpr T* get(std::size_t i) noexcept {
    const auto [b, p] = locate_(*this, i);
    return i < s_.len() ? b + p : nullptr;
  }
  constexpr const T* get(std::size_t i) const noexcept {
    const auto [b, p] = locate_(*this, i);
    return i < s_.len() ? b + p : nullptr;
  }
  // First / last element. O(1). Precondition (checked): not empty.
  constexpr T& front() noexcept {
    BARE_CHECK(s_.len() != 0, "bare::vec_deque::front: empty");
    return s_.buf()[s_.head()];
  }
  constexpr const T& front() const noexcept {
    BARE_CHECK(s_.len() != 0, "bare::vec_deque::front: empty");
    return s_.buf()[s_.head()];
  }
  constexpr T& back() noexcept {
    BARE_CHECK(s_.len() != 0, "bare::vec_deque::back: empty");
    return s_.buf()[phys_(s_.len() - 1)];
  }
  constexpr const T& back() const noexcept {
    BARE_CHECK(s_.len() != 0, "bare::vec_deque::back: empty");
    return s_.buf()[phys_(s_.len() - 1)];
  }

  // Random-access iterators, in logical order. O(1) each step.
  constexpr iterator begin() noexcept { return iterator(s_.buf(), s_.cap(), s_.head()); }
  constexpr const_iterator begin() const noexcept { return const_iterator(s_.buf(), s_.cap(), s_.head()); }
  constexpr const_iterator cbegin() const noexcept { return begin(); }
  constexpr iterator end() noexcept { return iterator(s_.buf(), s_.cap(), s_.head() + s_.len()); }
  constexpr const_iterator end() const noexcept { return const_iterator(s_.buf(), s_.cap(), s_.head() + s_.len()); }
  constexpr const_iterator cend() const noexcept { return end(); }
  // Last to first: reverse_iterator over the iterators above (rbegin() is end()'s position).
  // O(1) (as begin() / end()); never allocate; valid as long as those iterators are.
  constexpr reverse_iterator<iterator> rbegin() noexcept { return reverse_iterator<iterator>(end()); }
  constexpr reverse_iterator<const_iterator> rbegin() const noexcept { return reverse_iterator<const_iterator>(end()); }
  constexpr reverse_iterator<const_iterator> crbegin() const noexcept { return rbegin(); }
  constexpr reverse_iterator<iterator> rend() noexcept { return reverse_iterator<iterator>(begin()); }
  constexpr reverse_iterator<const_iterator> rend() const noexcept { return reverse_iterator<const_iterator>(begin()); }
  constexpr reverse_iterator<const_iterator> crend() const noexcept { return rend(); }

  // The elements [first, last) as a range (iterators, size, indexing). O(1), never
  // allocates. Precondition (checked): first <= last <= size().
  range_type range(std::size_t first, std::size_t last, source_loc where = source_loc::current()) noexcept {
    BARE_ASSERT_AT(first <= last && last <= s_.len(), "bare::vec_deque::range: range out of bounds", where);
    return range_type(iterator(s_.buf(), s_.cap(), s_.head() + first), iterator(s_.buf(), s_.cap(), s_.head() + last));
  }
  const_range_type range(std::size_t first, std::size_t last,
                         source_loc where = source_loc::current()) const noexcept {
    BARE_ASSERT_AT(first <= last && last <= s_.len(), "bare::vec_deque::range: range out of bounds", where);
    return const_range_type(const_iterator(s_.buf(), s_.cap(), s_.head() + first), const_iterator(s_.buf(), s_.cap(), s_.head() + last));
  }

  // The elements as two contiguous pieces, in order: the first holds element 0 on (empty
  // only if the deque is), the second the wrapped rest (empty if not wrapped). O(1).
  std::pair<std::span<T>, std::span<T>> as_slices() noexcept {
    const std::size_t k = head_len_();
    return {std::span<T>(s_.buf() + s_.head(), k), std::span<T>(s_.buf(), s_.len() - k)};
  }
  std::pair<std::span<const T>, std::span<const T>> as_slices() const noexcept {
    const std::size_t k = head_len_();
    return {std::span<const T>(s_.buf() + s_.head(), k), std::span<const T>(s_.buf(), s_.len() - k)};
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
    if (BARE_LIKELY(s_.len() != s_.cap())) return *construct_back_(static_cast<Args&&>(args)...);
    return emplace_slow_<false>(static_cast<Args&&>(args)...);
  }
  result<T&> try_push_back(const T& x) noexcept { return try_emplace_back(x); }
  result<T&> try_push_back(T&& x) noexcept { return try_emplace_back(static_cast<T&&>(x)); }

  // Prepends an element constructed from args. Amortized O(1); may allocate. Invalidates all
  // iterators (the start moves); references stay valid unless it allocates. On failure
  // nothing changed and args are untouched.
  template <class... Args>
  BARE_ALWAYS_INLINE result<T&> try_emplace_front(Args&&... args) noexcept {
    if (BARE_LIKELY(s_.len() != s_.cap())) return *construct_front_(static_cast<Args&&>(args)...);
    return emplace_slow_<true>(static_cast<Args&&>(args)...);
  }
  result<T&> try_push_front(const T& x) noexcept { return try_emplace_front(x); }
  result<T&> try_push_front(T&& x) noexcept { return try_emplace_front(static_cast<T&&>(x)); }

  // The same without ever allocating: alloc_errc::full when size() == capacity(). O(1).
  template <class... Args>
  result<T&> emplace_back_within_capacity(Args&&... args) noexcept {
    if (BARE_UNLIKELY(s_.len() == s_.cap())) return err(alloc_error{alloc_errc::full, elem_});
    return *construct_back_(static_cast<Args&&>(args)...);
  }
  result<T&> push_back_within_capacity(const T& x) noexcept { return emplace_back_within_capacity(x); }
  result<T&> push_back_within_capacity(T&& x) noexcept { return emplace_back_within_capacity(static_cast<T&&>(x)); }
  template <class... Args>
  result<T&> emplace_front_within_capacity(Args&&... args) noexcept {
    if (BARE_UNLIKELY(s_.len() == s_.cap())) return err(alloc_error{alloc_errc::full, elem_});
    return *construct_front_(static_cast<Args&&>(args)...);
  }
  result<T&> push_front_within_capacity(const T& x) noexcept { return emplace_front_within_capacity(x); }
  result<T&> push_front_within_capacity(T&& x) noexcept { return emplace_front_within_capacity(static_cast<T&&>(x)); }

  // A ring of fixed capacity as a history (heapless's HistoryBuffer): appends, and when full
  // first removes the oldest element (the front) and returns it; nullopt if there was room.
  // O(1), never fails. Invalidates iterators; references to the removed element. Only for
  // storage that cannot grow (a growable deque would grow instead: use try_push_back).
  // Precondition (checked): capacity() > 0.
  template <class... Args>
  std::optional<T> emplace_back_overwrite(Args&&... args) noexcept requires(!growable_) {
    BARE_ASSERT(s_.cap() != 0, "bare::vec_deque::push_back_overwrite: no capacity");
    std::optional<T> old;
    if (s_.len() == s_.cap()) old = pop_front();
    construct_back_(static_cast<Args&&>(args)...);
    return old;
  }
  std::optional<T> push_back_overwrite(const T& x) noexcept requires(!growable_) { return emplace_back_overwrite(x); }
  std::optional<T> push_back_overwrite(T&& x) noexcept requires(!growable_) {
    return emplace_back_overwrite(static_cast<T&&>(x));
  }
  // The same at the front: when full, first removes the newest element (the back).
  template <class... Args>
  std::optional<T> emplace_front_overwrite(Args&&... args) noexcept requires(!growable_) {
    BARE_ASSERT(s_.cap() != 0, "bare::vec_deque::push_front_overwrite: no capacity");
    std::optional<T> old;
    if (s_.len() == s_.cap()) old = pop_back();
    construct_front_(static_cast<Args&&>(args)...);
    return old;
  }
  std::optional<T> push_front_overwrite(const T& x) noexcept requires(!growable_) { return emplace_front_overwrite(x); }
  std::optional<T> push_front_overwrite(T&& x) noexcept requires(!growable_) {
    return emplace_front_overwrite(static_cast<T&&>(x));
  }

  // (The fast paths build no result: only the growth path has an error to unwrap.)
  template <class... Args>
  BARE_ALWAYS_INLINE T& emplace_back(Args&&... args) noexcept requires infallible_ {
    if (BARE_LIKELY(s_.len() != s_.cap())) return *construct_back_(static_cast<Args&&>(args)...);
    return unwrap_or_fail<S::allocates>(emplace_slow_<false>(static_cast<Args&&>(args)...));
  }
  void push_back(const T& x) noexcept requires infallible_ { emplace_back(x); }
  void push_back(T&& x) noexcept requires infallible_ { emplace_back(static_cast<T&&>(x)); }
  template <class... Args>
  BARE_ALWAYS_INLINE T& emplace_front(Args&&... args) noexcept requires infallible_ {
    if (BARE_LIKELY(s_.len() != s_.cap())) return *construct_front_(static_cast<Args&&>(args)...);
    return unwrap_or_fail<S::allocates>(emplace_slow_<true>(static_cast<Args&&>(args)...));
  }
  void push_front(const T& x) noexcept requires infallible_ { emplace_front(x); }
  void push_front(T&& x) noexcept requires infallible_ { emplace_front(static_cast<T&&>(x)); }

  // Appends copies of src (which may be a part of this deque). O(n); may allocate once.
  // On failure (allocation, or a failing element clone) the deque is unchanged.
  result<void> try_extend_from(std::span<const T> src) noexcept requires detail::cloneable<T> {
    const T* s = src.data();
    return insert_gap_(
        s_.len(), src.size(), [s](T* dst, std::size_t i) noexcept { return detail::clone_into(dst, s[i]); },
        src.empty() || !inside_(s));
  }
  // Appends [first, last). With a sized iterator (last - first valid) it allocates at most
  // once; otherwise element by element, and on failure the elements added are removed again
  // (the contents are as before, the capacity may have grown).
  template <class It, class Sent>
  result<void> try_extend_from(It first, Sent last) noexcept {
    if constexpr (requires { static_cast<std::size_t>(last - first); }) {
      return insert_gap_(s_.len(), static_cast<std::size_t>(last - first), [&first](T* dst, std::size_t) noexcept {
        ::new (static_cast<void*>(dst)) T(*first);
        ++first;
        return result<void>{};
      });
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
  void extend_from(std::span<const T> src) noexcept requires detail::cloneable<T> && infallible_ {
    unwrap_or_fail<S::allocates>(try_extend_from(src));
  }
  template <class It, class Sent>
  void extend_from(It first, Sent last) noexcept requires infallible_ {
    unwrap_or_fail<S::allocates>(try_extend_from(first, last));
  }

  // Moves all of other's elements to the back of this deque; other is left empty (its block
  // kept). O(other.size()) plus O(len) if it allocates; may allocate once. On failure both are
  // unchanged.
  template <class S2>
  result<void> try_append(ring_core<T, S2>& other) noexcept {
    if (static_cast<const void*>(&other) == static_cast<const void*>(this) || other.s_.len() == 0) return {};
    auto r = try_reserve(other.s_.len());
    if (!r) return r;
    const auto [a, b] = other.as_slices();
    relocate_in_(s_.len(), a.data(), a.size());
    relocate_in_(s_.len() + a.size(), b.data(), b.size());
    s_.set_len(s_.len() + other.s_.len());
    other.s_.set_len(0);
    other.s_.set_head(0);
    return {};
  }
  template <class S2>
  void append(ring_core<T, S2>& other) noexcept requires infallible_ {
    unwrap_or_fail<S::allocates>(try_append(other));
  }

  // ---- inserting in the middle ---------------------------------------------------------

  // Inserts an element constructed from args at index i (0 = front, size() = back), moving
  // the shorter side: O(min(i, size() - i)). May allocate (then invalidates everything);
  // otherwise invalidates iterators, and references to the elements moved. On failure
  // nothing changed and args are untouched. Precondition (checked): i <= size().
  template <class... Args>
  result<T&> try_emplace(std::size_t i, Args&&... args) noexcept {
    BARE_ASSERT(i <= s_.len(), "bare::vec_deque::insert: index out of range");
    if (i == s_.len()) return try_emplace_back(static_cast<Args&&>(args)...);
    if (i == 0) return try_emplace_front(static_cast<Args&&>(args)...);
    if (s_.len() == s_.cap()) {
      // Growth: the element is made in the new block first (args may refer into this deque).
      auto r = insert_gap_(i, 1, [&](T* dst, std::size_t) noexcept {
        ::new (static_cast<void*>(dst)) T(static_cast<Args&&>(args)...);
        return result<void>{};
      });
      if (!r) return err(r.error());
      return s_.buf()[phys_(i)];
    }
    // Room: nothing can fail any more; build the value before anything moves.
    T tmp(static_cast<Args&&>(args)...);
    open_gap_(i, 1);
    return *::new (static_cast<void*>(s_.buf() + phys_(i))) T(static_cast<T&&>(tmp));
  }
  result<T&> try_insert(std::size_t i, const T& x) noexcept { return try_emplace(i, x); }
  result<T&> try_insert(std::size_t i, T&& x) noexcept { return try_emplace(i, static_cast<T&&>(x)); }
  // Iterator forms (std::deque's): insert before pos; return an iterator to the new element.
  result<iterator> try_insert(const_iterator pos, const T& x) noexcept { return iter_of_(try_emplace(index_of_(pos), x)); }
  result<iterator> try_insert(const_iterator pos, T&& x) noexcept {
    return iter_of_(try_emplace(index_of_(pos), static_cast<T&&>(x)));
  }

  template <class... Args>
  T& emplace(std::size_t i, Args&&... args) noexcept requires infallible_ {
    return unwrap_or_fail<S::allocates>(try_emplace(i, static_cast<Args&&>(args)...));
  }
  T& insert(std::size_t i, const T& x) noexcept requires infallible_ { return emplace(i, x); }
  T& insert(std::size_t i, T&& x) noexcept requires infallible_ { return emplace(i, static_cast<T&&>(x)); }
  iterator insert(const_iterator pos, const T& x) noexcept requires infallible_ { return unwrap_or_fail<S::allocates>(try_insert(pos, x)); }
  iterator insert(const_iterator pos, T&& x) noexcept requires infallible_ {
    return unwrap_or_fail<S::allocates>(try_insert(pos, static_cast<T&&>(x)));
  }

  // ---- removing ------------------------------------------------------------------------

  // Removes and returns the first / last element, or nullopt if empty (Rust's pop_front /
  // pop_back; std's void forms would clash in name: discard the result, or truncate). O(1).
  // Invalidates iterators (pop_front) and references to the removed element.
  std::optional<T> pop_front() noexcept {
    const std::size_t n = s_.len(), h = s_.head();
    if (n == 0) return std::nullopt;
    std::optional<T> out = detail::take_optional(s_.buf() + h);
    s_.set_head(detail::ring_next(h, s_.cap()));
    s_.set_len(n - 1);
    return out;
  }
  std::optional<T> pop_back() noexcept {
    if (s_.len() == 0) return std::nullopt;
    T* p = s_.buf() + phys_(s_.len() - 1);
    std::optional<T> out = detail::take_optional(p);
    s_.set_len(s_.len() - 1);
    return out;
  }

  // Removes and returns element i, or nullopt if i >= size(), closing the gap from the
  // shorter side: O(min(i, size() - i)). Invalidates iterators and references to moved
  // elements.
  std::optional<T> remove(std::size_t i) noexcept {
    if (i >= s_.len()) return std::nullopt;
    T* p = s_.buf() + phys_(i);
    std::optional<T> out = detail::take_optional(p);
    close_gap_(i, i + 1);
    return out;
  }
  // Removes and returns element i, replacing it with the first / last element, or nullopt if
  // i >= size(). O(1). Invalidates iterators and references to i and to the moved element.
  std::optional<T> swap_remove_front(std::size_t i) noexcept {
    if (i >= s_.len()) return std::nullopt;
    T* p = s_.buf() + phys_(i);
    std::optional<T> out = detail::take_optional(p);
    if (i != 0) detail::relocate_overlapping(p, s_.buf() + s_.head(), 1);
    s_.set_head(detail::ring_next(s_.head(), s_.cap()));
    s_.set_len(s_.len() - 1);
    return out;
  }
  std::optional<T> swap_remove_back(std::size_t i) noexcept {
    if (i >= s_.len()) return std::nullopt;
    T* p = s_.buf() + phys_(i);
    std::optional<T> out = detail::take_optional(p);
    if (i != s_.len() - 1) detail::relocate_overlapping(p, s_.buf() + phys_(s_.len() - 1), 1);
    s_.set_len(s_.len() - 1);
    return out;
  }

  // Removes the element at pos; returns an iterator to the element that followed it. Closes
  // the gap from the shorter side, O(min(i, size() - i)). Invalidates iterators and
  // references to moved elements. Precondition (checked): pos is an element.
  iterator erase(const_iterator pos) noexcept {
    const std::size_t i = index_of_(pos);
    BARE_CHECK(i != s_.len(), "bare::vec_deque::erase: end() is not an element");
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
    if (n >= s_.len()) return;
    detail::ring_destroy(s_.buf(), s_.cap(), phys_(n), s_.len() - n);
    s_.set_len(n);
  }
  // Destroys all elements, keeps capacity. O(len).
  void clear() noexcept {
    truncate(0);
    s_.set_head(0);
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
    for (std::size_t r = 0; r < s_.len(); ++r) {
      T* e = s_.buf() + phys_(r);
      if (pred(*e)) {
        if (w != r) detail::relocate_overlapping(s_.buf() + phys_(w), e, 1);
        ++w;
      } else {
        e->T::~T();
      }
    }
    s_.set_len(w);
  }

  // A range over the elements [first, last), removed from the deque when the range is
  // destroyed (also those not visited), the gap closed from the shorter side. While it lives
  // the deque shows only [0, first) and must not be used. Elements may be moved out through
  // the range's references. Never allocates; O(last - first + min(first, size() - last)) in
  // all. Precondition (checked): first <= last <= size().
  class drain_range {
   public:
    iterator begin() const noexcept { return iterator(d_->s_.buf(), d_->s_.cap(), d_->s_.head() + first_); }
    iterator end() const noexcept { return iterator(d_->s_.buf(), d_->s_.cap(), d_->s_.head() + last_); }
    std::size_t size() const noexcept { return last_ - first_; }
    drain_range(const drain_range&) = delete;
    drain_range& operator=(const drain_range&) = delete;
    ~drain_range() {
      detail::ring_destroy(d_->s_.buf(), d_->s_.cap(), d_->phys_(first_), last_ - first_);
      d_->s_.set_len(len_);
      d_->close_gap_(first_, last_);
    }

   private:
    friend class ring_core;
    drain_range(ring_core* d, std::size_t first, std::size_t last) noexcept
        : d_(d), first_(first), last_(last), len_(d->s_.len()) {
      d->s_.set_len(first);
    }
    ring_core* d_;
    std::size_t first_, last_, len_;
  };
  [[nodiscard]] drain_range drain(std::size_t first, std::size_t last,
                                  source_loc where = source_loc::current()) noexcept {
    BARE_ASSERT_AT(first <= last && last <= s_.len(), "bare::vec_deque::drain: range out of bounds", where);
    return drain_range(this, first, last);
  }

  // ---- resizing, splitting, rotating ---------------------------------------------------

  // Resizes to n elements: truncates, or appends value-initialised T(). O(|n - len|); may
  // allocate once. On failure nothing changed.
  result<void> try_resize(std::size_t n) noexcept requires std::default_initializable<T> {
    if (n <= s_.len()) {
      truncate(n);
      return {};
    }
    return insert_gap_(
        s_.len(), n - s_.len(),
        [](T* dst, std::size_t) noexcept {
          ::new (static_cast<void*>(dst)) T();
          return result<void>{};
        },
        true);
  }
  // Resizes to n elements, appending copies of x (which may be an element of this deque).
  result<void> try_resize(std::size_t n, const T& x) noexcept requires detail::cloneable<T> {
    if (n <= s_.len()) {
      truncate(n);
      return {};
    }
    const T* xp = &x;
    return insert_gap_(
        s_.len(), n - s_.len(), [xp](T* dst, std::size_t) noexcept { return detail::clone_into(dst, *xp); }, !inside_(xp));
  }
  void resize(std::size_t n) noexcept requires std::default_initializable<T> && infallible_ { unwrap_or_fail<S::allocates>(try_resize(n)); }
  void resize(std::size_t n, const T& x) noexcept requires detail::cloneable<T> && infallible_ {
    unwrap_or_fail<S::allocates>(try_resize(n, x));
  }

  // Rotates so that element n becomes the first (the first n move to the back). Moves
  // min(n, size() - n) elements; O(1) when the deque is full. Never allocates. Invalidates
  // iterators and references to moved elements. Precondition (checked): n <= size().
  void rotate_left(std::size_t n, source_loc where = source_loc::current()) noexcept {
    BARE_ASSERT_AT(n <= s_.len(), "bare::vec_deque::rotate_left: n exceeds size", where);
    if (n <= s_.len() - n) rotate_left_(n);
    else rotate_right_(s_.len() - n);
  }
  // Rotates so that the last n elements come first.
  void rotate_right(std::size_t n, source_loc where = source_loc::current()) noexcept {
    BARE_ASSERT_AT(n <= s_.len(), "bare::vec_deque::rotate_right: n exceeds size", where);
    if (n <= s_.len() - n) rotate_right_(n);
    else rotate_left_(s_.len() - n);
  }

  // Rearranges the elements so that they lie in one piece, and returns it. O(1) if the deque
  // does not wrap; otherwise O(len), in place: len moves, or, when the free room is smaller
  // than both pieces, a move of the shorter piece and about len swaps. Never allocates.
  // Invalidates iterators, and references if it moves anything.
  std::span<T> make_contiguous() noexcept {
    if (s_.head() + s_.len() <= s_.cap()) return {s_.buf() + s_.head(), s_.len()};
    const std::size_t head_len = s_.cap() - s_.head(), tail_len = s_.len() - head_len, room = s_.cap() - s_.len();
    T* const b = s_.buf();
    if (room >= head_len) {
      //   [ D E F G H . . . A B C ]  ->  [ A B C D E F G H . . . ]
      detail::relocate_overlapping(b + head_len, b, tail_len);
      detail::relocate_overlapping(b, b + s_.head(), head_len);
      s_.set_head(0);
    } else if (room >= tail_len) {
      //   [ F G H . . . A B C D E ]  ->  [ . . . A B C D E F G H ]
      detail::relocate_overlapping(b + tail_len, b + s_.head(), head_len);
      detail::relocate_overlapping(b + s_.len(), b, tail_len);
      s_.set_head(tail_len);
    } else if (head_len > tail_len) {
      //   [ H I J K . . A B C D E F G ]  ->  [ . . H I J K A B C D E F G ]  -> rotate
      detail::relocate_overlapping(b + room, b, tail_len);
      detail::rotate_left_contiguous(b + room, s_.len(), tail_len);
      s_.set_head(room);
    } else {
      //   [ F G H I J K . . A B C D E ]  ->  [ F G H I J K A B C D E . . ]  -> rotate
      detail::relocate_overlapping(b + tail_len, b + s_.head(), head_len);
      detail::rotate_left_contiguous(b, s_.len(), tail_len);
      s_.set_head(0);
    }
    return {s_.buf() + s_.head(), s_.len()};
  }

  // ---- searching -----------------------------------------------------------------------

  // Binary search of a deque sorted by cmp(element) (an ordering of the element relative to
  // the target: less, equal, greater): the index of the first element for which cmp is
  // equal, or as the error, the index where such an element could be inserted keeping the
  // order (Rust's Result<usize, usize>). O(log n). A comparator inconsistent with the order
  // gives an unspecified index, never undefined behaviour.
  template <class Cmp>
  result<std::size_t, std::size_t> binary_search_by(Cmp cmp) const noexcept {
    std::size_t lo = 0, n = s_.len();
    while (n != 0) {  // invariant: the answer is in [lo, lo + n]
      const std::size_t half = n / 2;
      if (cmp(s_.buf()[phys_(lo + half)]) < 0) {
        lo += half + 1;
        n -= half + 1;
      } else {
        n = half;
      }
    }
    if (lo < s_.len() && cmp(s_.buf()[phys_(lo)]) == 0) return lo;
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
  // Element-wise comparisons, with a deque of any storage (capacity and layout do not
  // matter). O(n).
  template <class S2>
  friend bool operator==(const ring_core& a, const ring_core<T, S2>& b) noexcept
    requires requires(const T& x) { x == x; }
  {
    if (a.size() != b.size()) return false;
    auto ib = b.begin();
    for (const T& x : a)
      if (!(x == *ib++)) return false;
    return true;
  }
  template <class S2>
  friend auto operator<=>(const ring_core& a, const ring_core<T, S2>& b) noexcept
    requires std::three_way_comparable<T>
  {
    auto ia = a.begin();
    auto ib = b.begin();
    const std::size_t n = a.size() < b.size() ? a.size() : b.size();
    for (std::size_t i = 0; i < n; ++i, ++ia, ++ib)
      if (auto c = *ia <=> *ib; c != 0) return c;
    return static_cast<std::compare_three_way_result_t<T>>(a.size() <=> b.size());
  }

 protected:
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
    friend class ring_core;
    friend class basic_iterator<!Const>;
    constexpr basic_iterator(elem* buf, std::size_t cap, std::size_t pos) noexcept : buf_(buf), cap_(cap), pos_(pos) {}
    // Element i of the deque is at pos_ == head + i, in [0, 2 * cap): slot pos_ mod cap.
    elem* buf_ = nullptr;
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
    friend class ring_core;
    constexpr basic_range(iterator f, iterator l) noexcept : first_(f), last_(l) {}
    iterator first_, last_;
  };

  // Slot of element i. Precondition: i <= s_.cap().
  constexpr std::size_t phys_(std::size_t i) const noexcept { return detail::ring_wrap(s_.head(), i, s_.cap()); }
  // The block and element i's slot in it, read before the caller checks i (see operator[]):
  // integers only; the caller forms the pointer after its check.
  template <class B>
  struct located_ {
    B* b;
    std::size_t p;
  };
  template <class Self>
  static constexpr auto locate_(Self& self, std::size_t i) noexcept {
    return located_<std::remove_pointer_t<decltype(self.s_.buf())>>{self.s_.buf(), self.phys_(i)};
  }
  // Number of elements in the piece that starts at s_.head().
  constexpr std::size_t head_len_() const noexcept { return s_.cap() - s_.head() < s_.len() ? s_.cap() - s_.head() : s_.len(); }

  // Whether p points into this deque's block (an element, when it points to a live T).
  bool inside_(const T* p) const noexcept {
    // Address comparison of possibly unrelated objects: through integers.
    const auto b = reinterpret_cast<std::uintptr_t>(s_.buf()), a = reinterpret_cast<std::uintptr_t>(p);
    return a >= b && a < reinterpret_cast<std::uintptr_t>(s_.buf() + s_.cap());
  }

  std::size_t index_of_(const_iterator pos) const noexcept {
    const std::size_t i = pos.pos_ - s_.head();
    BARE_ASSERT(pos.buf_ == s_.buf() && i <= s_.len(), "bare::vec_deque: iterator out of range");
    return i;
  }
  result<iterator> iter_of_(result<T&> r) noexcept {
    if (!r) return err(r.error());
    const std::size_t slot = static_cast<std::size_t>(&*r - s_.buf());
    return iterator(s_.buf(), s_.cap(), slot >= s_.head() ? slot : slot + s_.cap());
  }

  // Constructs at the back / front; returns the new element. Preconditions: s_.len() < s_.cap().
  template <class... Args>
  BARE_ALWAYS_INLINE T* construct_back_(Args&&... args) noexcept {
    const std::size_t n = s_.len();
    T* p = ::new (static_cast<void*>(s_.buf() + phys_(n))) T(static_cast<Args&&>(args)...);
    s_.set_len(n + 1);
    return p;
  }
  template <class... Args>
  BARE_ALWAYS_INLINE T* construct_front_(Args&&... args) noexcept {
    const std::size_t h = detail::ring_wrap_back(s_.head(), 1, s_.cap());
    T* p = ::new (static_cast<void*>(s_.buf() + h)) T(static_cast<Args&&>(args)...);
    s_.set_head(h);
    s_.set_len(s_.len() + 1);
    return p;
  }

  // The growth path of the emplace functions at either end (s_.len() == s_.cap()). One
  // out-of-line function serves both ends (front is a run-time flag, not a template
  // argument: the two ends differ by a few instructions, not by a second copy of the path).
  template <bool Front, class... Args>
  BARE_ALWAYS_INLINE result<T&> emplace_slow_(Args&&... args) noexcept {
    if constexpr (!growable_) {
      return err(detail::full_error<T>());  // (inline: no call on the loop's path)
    } else if constexpr (detail::grows_with_copy<T, Args...>) {
      // A copy, passed by value: the argument is left as it was, and the copy cannot be an
      // element of this deque. Inline around a detached growth (nothing takes this deque's
      // address), else out of line.
      if constexpr (grows_detached_) return grow_and_construct_(Front, T(static_cast<Args&&>(args)...));
      else return emplace_end_grow_copy_(Front, T(static_cast<Args&&>(args)...));
    } else {
      return emplace_end_grow_(Front, static_cast<Args&&>(args)...);
    }
  }

  // Appends clones of src[0, n) after the last element. Preconditions: room for n elements.
  // On a failing clone the elements added so far stay (callers discard the whole deque then).
  result<void> clone_from_(const T* src, std::size_t n) noexcept requires detail::cloneable<T> {
    for (std::size_t i = 0; i < n; ++i) {
      auto r = detail::clone_into(s_.buf() + phys_(s_.len()), src[i]);
      if (!r) return r;
      s_.set_len(s_.len() + 1);
    }
    return {};
  }

  // Moves elements [from, from + n) into the uninitialised array dst (not in this block).
  void relocate_out_(T* dst, std::size_t from, std::size_t n) noexcept {
    const std::size_t s = phys_(from), k = s_.cap() - s < n ? s_.cap() - s : n;
    detail::relocate_overlapping(dst, s_.buf() + s, k);
    detail::relocate_overlapping(dst + k, s_.buf(), n - k);
  }
  // Moves n elements of the array src (not in this block) into the free slots from logical
  // position `at` on. Preconditions: at + n <= s_.cap(), those slots are free.
  void relocate_in_(std::size_t at, T* src, std::size_t n) noexcept {
    if (n == 0) return;
    const std::size_t d = phys_(at), k = s_.cap() - d < n ? s_.cap() - d : n;
    detail::relocate_overlapping(s_.buf() + d, src, k);
    detail::relocate_overlapping(s_.buf(), src + k, n - k);
  }

  result<void> resize_block_(std::size_t new_cap) noexcept requires growable_ { return s_.resize(new_cap); }
  // Makes room for `additional` more elements: the growth policy, or full. Inline where the
  // storage grows detached (nothing of this deque passed by address), else out of line.
  // Preconditions: s_.cap() - s_.len() < additional.
  BARE_ALWAYS_INLINE result<void> grow_(std::size_t additional, bool exact) noexcept {
    if constexpr (grows_detached_) return s_.grow(additional, exact);
    else return grow_attached_(additional, exact);
  }
  BARE_NOINLINE result<void> grow_attached_(std::size_t additional, bool exact) noexcept {
    if constexpr (growable_) {
      auto nc = detail::next_capacity(s_.cap(), s_.len(), additional, elem_, exact);
      if (!nc) return err(nc.error());
      return resize_block_(*nc);
    } else {
      (void)additional;
      (void)exact;
      return err(detail::full_error<T>());
    }
  }

  // Slow path of try_emplace_back / try_emplace_front (s_.len() == s_.cap()) for a small
  // trivially copyable T passed by value (detail::grows_with_copy): grow, then construct at
  // the front (front) or the back.
  BARE_ALWAYS_INLINE result<T&> grow_and_construct_(bool front, T x) noexcept requires growable_ {
    auto r = grow_(1, false);
    if (BARE_UNLIKELY(!r)) return err(r.error());
    return front ? *construct_front_(static_cast<T&&>(x)) : *construct_back_(static_cast<T&&>(x));
  }
  // The same out of line (storage whose growth takes this deque's address anyway).
  BARE_NOINLINE result<T&> emplace_end_grow_copy_(bool front, T x) noexcept requires growable_ {
    return grow_and_construct_(front, static_cast<T&&>(x));
  }
  // Slow path of try_emplace_back / try_emplace_front (s_.len() == s_.cap()), any arguments:
  // at the front (front) or the back.
  template <class... Args>
  BARE_NOINLINE result<T&> emplace_end_grow_(bool front, Args&&... args) noexcept requires growable_ {
    if constexpr (sizeof...(Args) == 1 && is_trivially_relocatable_v<T> &&
                  (std::is_same_v<std::remove_cvref_t<Args>, T> && ...)) {
      // One T argument: it may live in this deque; if so, find it again after the resize.
      const T* src = &(args, ...);
      const bool inside = inside_(src);
      const std::size_t slot = inside ? static_cast<std::size_t>(src - s_.buf()) : 0;
      const std::size_t idx = slot >= s_.head() ? slot - s_.head() : slot + s_.cap() - s_.head();
      auto r = grow_(1, false);
      if (BARE_UNLIKELY(!r)) return err(r.error());
      T& x = inside ? s_.buf()[phys_(idx)] : *const_cast<T*>(src);
      return front ? *construct_front_(static_cast<Args&&>(x)...) : *construct_back_(static_cast<Args&&>(x)...);
    } else {
      const std::size_t at = front ? 0 : s_.len();
      auto r = insert_gap_(at, 1, [&](T* dst, std::size_t) noexcept {
        ::new (static_cast<void*>(dst)) T(static_cast<Args&&>(args)...);
        return result<void>{};
      });
      if (BARE_UNLIKELY(!r)) return err(r.error());
      return s_.buf()[phys_(at)];
    }
  }

  // Makes n free slots at logical position i by moving the shorter side (the front part
  // back, or the back part forward); s_.len() grows by n, the new slots are uninitialised.
  // Preconditions: i <= s_.len(), s_.cap() - s_.len() >= n.
  void open_gap_(std::size_t i, std::size_t n) noexcept {
    if (i < s_.len() - i) {
      const std::size_t h = detail::ring_wrap_back(s_.head(), n, s_.cap());
      detail::ring_move(s_.buf(), s_.cap(), s_.head(), h, i);
      s_.set_head(h);
    } else {
      detail::ring_move(s_.buf(), s_.cap(), phys_(i), phys_(i + n), s_.len() - i);
    }
    s_.set_len(s_.len() + n);
  }
  // Closes the gap of the (destroyed or never constructed) elements [a, b) by moving the
  // shorter side; s_.len() shrinks by b - a. It exactly undoes open_gap_(a, b - a).
  // Preconditions: a <= b <= s_.len().
  void close_gap_(std::size_t a, std::size_t b) noexcept {
    const std::size_t n = b - a;
    if (a < s_.len() - b) {
      const std::size_t h = phys_(n);
      detail::ring_move(s_.buf(), s_.cap(), s_.head(), h, a);
      s_.set_head(h);
    } else {
      detail::ring_move(s_.buf(), s_.cap(), phys_(b), phys_(a), s_.len() - b);
    }
    s_.set_len(s_.len() - n);
  }
  iterator erase_(std::size_t a, std::size_t b) noexcept {
    detail::ring_destroy(s_.buf(), s_.cap(), phys_(a), b - a);
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
  // Preconditions: i <= s_.len().
  template <class Make>
  result<void> insert_gap_(std::size_t i, std::size_t n, Make&& make, bool source_outside = false) noexcept {
    if (n == 0) return {};
    if constexpr (growable_ && is_trivially_relocatable_v<T> && !detail::has_try_clone<T>) {
      if (s_.cap() - s_.len() < n && source_outside) BARE_TRY(grow_(n, false));
    }
    if (s_.cap() - s_.len() < n) {
      if constexpr (!growable_) {
        (void)make;
        return err(detail::full_error<T>());
      } else {
        auto nc = detail::next_capacity(s_.cap(), s_.len(), n, elem_, false);
        if (!nc) return err(nc.error());
        auto nb = s_.allocate(*nc);
        if (!nb) return err(nb.error());
        T* d = *nb;
        for (std::size_t k = 0; k < n; ++k) {
          auto r = make(d + i + k, k);
          if (BARE_UNLIKELY(!r)) {
            detail::destroy_n(d + i, k);
            s_.deallocate(d, *nc);
            return err(r.error());
          }
        }
        relocate_out_(d, 0, i);
        relocate_out_(d + i + n, i, s_.len() - i);
        s_.replace(d, *nc);
        s_.set_head(0);
        s_.set_len(s_.len() + n);
        return {};
      }
    }
    open_gap_(i, n);
    for (std::size_t k = 0; k < n; ++k) {
      auto r = make(s_.buf() + phys_(i + k), k);
      if (BARE_UNLIKELY(!r)) {
        detail::ring_destroy(s_.buf(), s_.cap(), phys_(i), k);
        close_gap_(i, i + n);
        return err(r.error());
      }
    }
    return {};
  }

  // The first k elements go to the back. Preconditions: k <= s_.len() - k.
  void rotate_left_(std::size_t k) noexcept {
    detail::ring_move(s_.buf(), s_.cap(), s_.head(), phys_(s_.len()), k);
    s_.set_head(phys_(k));
  }
  // The last k elements go to the front. Preconditions: k <= s_.len() - k.
  void rotate_right_(std::size_t k) noexcept {
    s_.set_head(detail::ring_wrap_back(s_.head(), k, s_.cap()));
    detail::ring_move(s_.buf(), s_.cap(), phys_(s_.len()), s_.head(), k);
  }
};


}  // namespace detail
}  // namespace bare
