// bare/detail/fixed_storage.hpp — storage that never allocates, for the cores of the
// fixed-capacity containers (vec_core, ring_core, ...): inline slots (fixed_vec<T, N>), a
// capacity-erased view of another container's storage (vec_view<T>), and a buffer the caller
// provides (buffer_vec<T>). The policy interface is described in detail/vec_storage.hpp.
//
// Lengths: a fixed container of capacity N stores its length (and a ring its head) in the
// smallest unsigned type that holds N (len_type_for<N>: one byte up to 255), as heapless's
// LenT does, so sizeof(fixed_vec<uint8_t, 16>) == 17. A view refers to such a length through a
// len_ref, which remembers which of the four length types it points to: one copy of a
// function taking a view serves every N.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>

#include "bare/detail/len_ref.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/detail/ring.hpp"

namespace bare::detail {

// N slots for T, not constructed: the container constructs and destroys its elements in them.
// In constant evaluation every slot holds a value-initialised T instead (C++20 cannot start the
// lifetime of one element of an inactive union member), and construct_elem assigns to it
// (detail/raw_vec.hpp): so a fixed container of a default-constructible, trivially
// destructible literal T can be built at compile time and placed in flash.
template <class T, std::size_t N>
union inline_slots {
  struct value_init_t {};
  // Whether constant evaluation can build the slots (see above).
  static constexpr bool constexpr_ready = std::is_default_constructible_v<T> && std::is_trivially_destructible_v<T>;
  constexpr inline_slots() noexcept {}
  constexpr explicit inline_slots(value_init_t) noexcept requires constexpr_ready : elems() {
    // (Assigned again: g++ 12 does not count value-initialised elements of a class type as
    // initialised in a constant expression.)
    if constexpr (std::is_move_assignable_v<T>)
      for (T& e : elems) e = T();
  }
  constexpr explicit inline_slots(value_init_t) noexcept requires(!constexpr_ready) {}  // (never used)
  constexpr ~inline_slots() requires std::is_trivially_destructible_v<T> = default;
  constexpr ~inline_slots() {}


  T elems[N];
};

// The initialiser of an inline_slots<T, N> member: uninitialised slots at run time, value-
// initialised ones in constant evaluation. (A conditional in the owner's member initialiser,
// not a function returning the slots: g++ -Os warns that the returned run-time temporary is
// uninitialised.)
#define BARE_INLINE_SLOTS_INIT(T, N)                                                                      \
  (::bare::detail::inline_slots<T, N>::constexpr_ready && std::is_constant_evaluated()                  \
       ? ::bare::detail::inline_slots<T, N>(typename ::bare::detail::inline_slots<T, N>::value_init_t{}) \
       : ::bare::detail::inline_slots<T, N>())

// Whether a fixed container of T copies (and moves) as its bytes: then so does the container.
template <class T>
inline constexpr bool trivial_slots = std::is_trivially_copyable_v<T>;

// fixed_vec<T, N>'s storage: N slots, then the length.
// Representation invariant: len_ <= N; elems[0, len_) are live T, the rest uninitialised.
// Copying copies the elements; moving moves them and leaves the source empty (for a trivially
// copyable T both are a copy of the bytes, and the source keeps its elements).
template <class T, std::size_t N>
class inline_vec_storage {
  static_assert(N > 0, "bare: a fixed-capacity container needs a capacity N > 0");

 public:
  using len_type = len_type_for<N>;
  static constexpr bool growable = false;
  static constexpr bool allocates = false;
  static constexpr std::size_t max_size = N;

  constexpr inline_vec_storage() noexcept : slots_(BARE_INLINE_SLOTS_INIT(T, N)) {}

  constexpr inline_vec_storage(const inline_vec_storage&) noexcept requires trivial_slots<T> = default;
  constexpr inline_vec_storage(const inline_vec_storage& o) noexcept
    requires(!trivial_slots<T> && std::is_copy_constructible_v<T>)
      : slots_(BARE_INLINE_SLOTS_INIT(T, N)) {
    copy_from_(o);
  }
  constexpr inline_vec_storage(inline_vec_storage&&) noexcept requires trivial_slots<T> = default;
  constexpr inline_vec_storage(inline_vec_storage&& o) noexcept requires(!trivial_slots<T>)
      : slots_(BARE_INLINE_SLOTS_INIT(T, N)) {
    move_from_(o);
  }
  constexpr inline_vec_storage& operator=(const inline_vec_storage&) noexcept requires trivial_slots<T> = default;
  constexpr inline_vec_storage& operator=(const inline_vec_storage& o) noexcept
    requires(!trivial_slots<T> && std::is_copy_constructible_v<T>)
  {
    if (this != &o) {
      clear_();
      copy_from_(o);
    }
    return *this;
  }
  constexpr inline_vec_storage& operator=(inline_vec_storage&&) noexcept requires trivial_slots<T> = default;
  constexpr inline_vec_storage& operator=(inline_vec_storage&& o) noexcept requires(!trivial_slots<T>) {
    if (this != &o) {
      clear_();
      move_from_(o);
    }
    return *this;
  }
  constexpr ~inline_vec_storage() requires std::is_trivially_destructible_v<T> = default;
  constexpr ~inline_vec_storage() { destroy_n(slots_.elems, len_); }

  constexpr T* data() noexcept { return slots_.elems; }
  constexpr const T* data() const noexcept { return slots_.elems; }
  static constexpr std::size_t cap() noexcept { return N; }
  constexpr std::size_t len() const noexcept { return len_; }
  constexpr void set_len(std::size_t n) noexcept { len_ = static_cast<len_type>(n); }
  constexpr len_ref length_ref() noexcept { return len_ref(&len_); }

 private:
  constexpr void clear_() noexcept {
    destroy_n(slots_.elems, len_);
    len_ = 0;
  }
  // Preconditions: this holds no element.
  constexpr void copy_from_(const inline_vec_storage& o) noexcept {
    for (std::size_t i = 0; i < o.len_; ++i) construct_elem(slots_.elems + i, o.slots_.elems[i]);
    len_ = o.len_;
  }
  constexpr void move_from_(inline_vec_storage& o) noexcept {
    for (std::size_t i = 0; i < o.len_; ++i) construct_elem(slots_.elems + i, static_cast<T&&>(o.slots_.elems[i]));
    destroy_n(o.slots_.elems, o.len_);
    len_ = o.len_;
    o.len_ = 0;
  }

  // (The slots first: the elements get the object's alignment, so that vector loads over
  // them do not straddle cache lines; the length packs into the tail padding.)
  inline_slots<T, N> slots_;
  len_type len_ = 0;
};

// vec_view<T>'s storage: another container's array, capacity and length (by reference).
// Copying copies the reference. It never owns elements.
template <class T>
class vec_view_storage {
 public:
  static constexpr bool growable = false;
  static constexpr bool allocates = false;
  static constexpr std::size_t max_size = max_elems(sizeof(T));

  constexpr vec_view_storage(T* p, std::size_t cap, len_ref len) noexcept : ptr_(p), len_(len), cap_(cap) {}

  constexpr T* data() const noexcept { return ptr_; }
  constexpr std::size_t cap() const noexcept { return cap_; }
  std::size_t len() const noexcept { return len_.get(); }
  void set_len(std::size_t n) noexcept { len_.set(n); }
  constexpr len_ref length_ref() const noexcept { return len_; }

 private:
  T* ptr_;
  len_ref len_;
  std::size_t cap_;
};

// buffer_vec<T>'s storage: a caller-provided array that the container does not own, and the
// elements in it, which it does. Moving hands both over (the source is left without a buffer).
// Representation invariant: len_ <= cap_; ptr_[0, len_) are live T; ptr_ == nullptr only if
// cap_ == 0.
template <class T>
class buffer_vec_storage {
 public:
  static constexpr bool growable = false;
  static constexpr bool allocates = false;
  static constexpr std::size_t max_size = max_elems(sizeof(T));

  constexpr buffer_vec_storage(T* p, std::size_t cap) noexcept : ptr_(p), cap_(cap) {}
  constexpr buffer_vec_storage(buffer_vec_storage&& o) noexcept : ptr_(o.ptr_), cap_(o.cap_), len_(o.len_) {
    o.ptr_ = nullptr;
    o.cap_ = o.len_ = 0;
  }
  constexpr buffer_vec_storage& operator=(buffer_vec_storage&& o) noexcept {
    if (this != &o) {
      destroy_n(ptr_, len_);
      ptr_ = o.ptr_;
      cap_ = o.cap_;
      len_ = o.len_;
      o.ptr_ = nullptr;
      o.cap_ = o.len_ = 0;
    }
    return *this;
  }
  buffer_vec_storage(const buffer_vec_storage&) = delete;
  buffer_vec_storage& operator=(const buffer_vec_storage&) = delete;
  constexpr ~buffer_vec_storage() { destroy_n(ptr_, len_); }

  constexpr T* data() const noexcept { return ptr_; }
  constexpr std::size_t cap() const noexcept { return cap_; }
  constexpr std::size_t len() const noexcept { return len_; }
  constexpr void set_len(std::size_t n) noexcept { len_ = n; }
  constexpr len_ref length_ref() noexcept { return len_ref(&len_); }

 private:
  T* ptr_;
  std::size_t cap_;
  std::size_t len_ = 0;
};

// fixed_deque<T, N>'s storage: N slots, then the head and the length (the ring of
// detail/ring_core.hpp). Copying copies the elements (to slots [0, len), head 0); moving moves
// them and leaves the source empty (for a trivially copyable T both copy the bytes).
template <class T, std::size_t N>
class inline_ring_storage {
  static_assert(N > 0, "bare: a fixed-capacity container needs a capacity N > 0");

 public:
  using len_type = len_type_for<N>;
  static constexpr bool growable = false;
  static constexpr bool allocates = false;
  static constexpr std::size_t max_size = N;

  constexpr inline_ring_storage() noexcept : slots_(BARE_INLINE_SLOTS_INIT(T, N)) {}
  constexpr inline_ring_storage(const inline_ring_storage&) noexcept requires trivial_slots<T> = default;
  inline_ring_storage(const inline_ring_storage& o) noexcept requires(!trivial_slots<T> && std::is_copy_constructible_v<T>)
      : slots_(BARE_INLINE_SLOTS_INIT(T, N)) {
    copy_from_(o);
  }
  constexpr inline_ring_storage(inline_ring_storage&&) noexcept requires trivial_slots<T> = default;
  inline_ring_storage(inline_ring_storage&& o) noexcept requires(!trivial_slots<T>) : slots_(BARE_INLINE_SLOTS_INIT(T, N)) {
    move_from_(o);
  }
  constexpr inline_ring_storage& operator=(const inline_ring_storage&) noexcept requires trivial_slots<T> = default;
  inline_ring_storage& operator=(const inline_ring_storage& o) noexcept
    requires(!trivial_slots<T> && std::is_copy_constructible_v<T>)
  {
    if (this != &o) {
      clear_();
      copy_from_(o);
    }
    return *this;
  }
  constexpr inline_ring_storage& operator=(inline_ring_storage&&) noexcept requires trivial_slots<T> = default;
  inline_ring_storage& operator=(inline_ring_storage&& o) noexcept requires(!trivial_slots<T>) {
    if (this != &o) {
      clear_();
      move_from_(o);
    }
    return *this;
  }
  constexpr ~inline_ring_storage() requires std::is_trivially_destructible_v<T> = default;
  ~inline_ring_storage() { clear_(); }

  constexpr T* buf() noexcept { return slots_.elems; }
  constexpr const T* buf() const noexcept { return slots_.elems; }
  static constexpr std::size_t cap() noexcept { return N; }
  constexpr std::size_t head() const noexcept { return head_; }
  constexpr void set_head(std::size_t h) noexcept { head_ = static_cast<len_type>(h); }
  constexpr std::size_t len() const noexcept { return len_; }
  constexpr void set_len(std::size_t n) noexcept { len_ = static_cast<len_type>(n); }
  static constexpr bool check() noexcept { return true; }
  constexpr len_ref head_ref() noexcept { return len_ref(&head_); }
  constexpr len_ref length_ref() noexcept { return len_ref(&len_); }

 private:
  void clear_() noexcept {
    ring_destroy(slots_.elems, N, head_, len_);
    head_ = len_ = 0;
  }
  // Preconditions: this holds no element.
  void copy_from_(const inline_ring_storage& o) noexcept {
    for (std::size_t i = 0; i < o.len_; ++i) ::new (static_cast<void*>(slots_.elems + i)) T(o.slots_.elems[ring_wrap(o.head_, i, N)]);
    head_ = 0;
    len_ = o.len_;
  }
  void move_from_(inline_ring_storage& o) noexcept {
    for (std::size_t i = 0; i < o.len_; ++i) {
      T& e = o.slots_.elems[ring_wrap(o.head_, i, N)];
      ::new (static_cast<void*>(slots_.elems + i)) T(static_cast<T&&>(e));
      e.T::~T();
    }
    head_ = 0;
    len_ = o.len_;
    o.head_ = o.len_ = 0;
  }

  inline_slots<T, N> slots_;  // (first: see inline_vec_storage)
  len_type head_ = 0;
  len_type len_ = 0;
};

// deque_view<T>'s storage: another deque's slots, capacity, head and length (by reference).
template <class T>
class ring_view_storage {
 public:
  static constexpr bool growable = false;
  static constexpr bool allocates = false;
  static constexpr std::size_t max_size = max_elems(sizeof(T));

  constexpr ring_view_storage(T* buf, std::size_t cap, len_ref head, len_ref len) noexcept
      : buf_(buf), head_(head), len_(len), cap_(cap) {}

  constexpr T* buf() const noexcept { return buf_; }
  constexpr std::size_t cap() const noexcept { return cap_; }
  std::size_t head() const noexcept { return head_.get(); }
  void set_head(std::size_t h) noexcept { head_.set(h); }
  std::size_t len() const noexcept { return len_.get(); }
  void set_len(std::size_t n) noexcept { len_.set(n); }
  static constexpr bool check() noexcept { return true; }
  constexpr len_ref head_ref() const noexcept { return head_; }
  constexpr len_ref length_ref() const noexcept { return len_; }

 private:
  T* buf_;
  len_ref head_;
  len_ref len_;
  std::size_t cap_;
};

}  // namespace bare::detail
