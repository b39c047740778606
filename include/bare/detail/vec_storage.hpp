// bare/detail/vec_storage.hpp — heap storage for detail::vec_core: the block of vec<T, A>.
//
// A storage policy is what vec_core (detail/vec_core.hpp) runs its algorithms over. It owns
// (or refers to) an array of capacity cap() whose first len() slots hold live elements, and
// says whether that capacity can grow. Every policy has:
//
//   static constexpr bool growable    the capacity can change (resize / allocate / replace)
//   static constexpr bool allocates   it may call an allocator (the infallible twins then call
//                                     handle_alloc_error, else they panic when full)
//   static constexpr size_t max_size  the largest capacity it can ever have
//   T* data(); const T* data() const; size_t cap() const; size_t len() const; set_len(n)
//
// and, when growable:
//   result<void> resize(new_cap)   moves the len() elements to a block of new_cap slots (the
//                                  allocator's grow/shrink when T is trivially relocatable);
//                                  on failure nothing changed. Preconditions: len() <= new_cap
//                                  <= max_size.
//   result<T*> allocate(n)         a new uninitialised block of n > 0 slots (not yet owned)
//   void deallocate(p, n)          frees such a block
//   void replace(p, n)             frees the current block, whose elements the caller has
//                                  moved out, and owns p (n slots) instead
//
// The policies: heap_vec_storage (here: vec), inline_vec_storage / vec_view_storage /
// buffer_vec_storage (detail/fixed_storage.hpp: fixed_vec, vec_view, buffer_vec),
// small_vec_storage (bare/small_vec.hpp).
#pragma once

#include <concepts>
#include <cstddef>
#include <type_traits>

#include "bare/alloc/allocator.hpp"
#include "bare/detail/len_ref.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/result.hpp"

namespace bare::detail {

// The heap block of a growable storage: pointer, capacity and allocator (no space when
// stateless). Its owners (heap_vec_storage, heap_ring_storage, small_vec_storage) add the
// length (a ring also its head) and decide what moving and resizing mean.
// Representation invariant: ptr_ == nullptr iff cap_ == 0, or (small_vec) ptr_ points to the
// owner's inline slots; a block of the heap was allocated by alloc_ with layout
// {cap_ * sizeof(T), alignof(T)}.
template <class T, allocator A>
class heap_block {
 public:
  constexpr heap_block() noexcept requires std::default_initializable<A> = default;
  constexpr explicit heap_block(A a) noexcept : alloc_(static_cast<A&&>(a)) {}

  // Whether the owner's growth can run detached from the object (the owners' grow()): with a
  // stateless allocator, the out-of-line part receives the block and a copy of the
  // allocator by value, so a local container never has its address taken by its growth
  // path. Measured (g++ 12 -O3, a loop of 10^4 push_back after reserve, u64): 0.57 ns per
  // element with the growth a member function (the vec's length then lives in memory, one
  // store-to-load forwarding per push_back), 0.27 detached; std::vector, whose growth GCC
  // inlines, 0.36.
  static constexpr bool grows_detached = std::is_empty_v<A> && std::is_trivially_copyable_v<A>;

  constexpr std::size_t cap() const noexcept { return cap_; }
  constexpr A& alloc() noexcept { return alloc_; }
  constexpr const A& alloc() const noexcept { return alloc_; }

  // A new uninitialised block of n > 0 slots (not yet owned). O(1) + the allocator.
  result<T*> allocate(std::size_t n) noexcept {
    auto p = raw_allocate(alloc_, n, layout_of<T>);
    if (!p) return err(p.error());
    return static_cast<T*>(*p);
  }
  // Frees a block of n slots (none if n == 0).
  void deallocate(T* p, std::size_t n) noexcept { raw_deallocate(alloc_, raw_block{p, n}, layout_of<T>); }

 protected:
  // Moves the block from the heap by the allocator's grow / shrink (T trivially relocatable)
  // or to a new one; on failure nothing changed. Preconditions: as raw_resize, with len the
  // number of live elements from slot 0 (a ring: ring_resize instead).
  result<void> resize_block_(std::size_t len, std::size_t new_cap) noexcept {
    auto b = raw_resize(alloc_, raw_block{ptr_, cap_}, len, new_cap, layout_of<T>, relocator<T>());
    if (!b) return err(b.error());
    ptr_ = static_cast<T*>(b->ptr);
    cap_ = b->cap;
    return {};
  }
  // Takes o's block (o keeps its allocator, moved-from, and no block).
  constexpr void take_block_(heap_block& o) noexcept {
    ptr_ = o.ptr_;
    cap_ = o.cap_;
    o.ptr_ = nullptr;
    o.cap_ = 0;
  }

  T* ptr_ = nullptr;
  std::size_t cap_ = 0;
  [[no_unique_address]] A alloc_{};
};

// The block of a vec<T, A>: three words with a stateless allocator.
// Representation invariant: heap_block's, with len_ <= cap_ <= max_elems(sizeof(T));
// ptr_[0, len_) are live T; ptr_[len_, cap_) is uninitialised.
template <class T, allocator A>
class heap_vec_storage : public heap_block<T, A> {
  using base = heap_block<T, A>;
  using base::alloc_;
  using base::cap_;
  using base::ptr_;

 public:
  static constexpr bool growable = true;
  static constexpr bool allocates = true;
  static constexpr std::size_t max_size = max_elems(sizeof(T));

  constexpr heap_vec_storage() noexcept requires std::default_initializable<A> = default;
  constexpr explicit heap_vec_storage(A a) noexcept : base(static_cast<A&&>(a)) {}
  // Takes o's elements, block and allocator; o is left empty. O(1).
  constexpr heap_vec_storage(heap_vec_storage&& o) noexcept : base(static_cast<A&&>(o.alloc_)), len_(o.len_) {
    this->take_block_(o);
    o.len_ = 0;
  }
  // Destroys this one's elements and frees its block, then takes o's. O(len).
  heap_vec_storage& operator=(heap_vec_storage&& o) noexcept {
    if (this != &o) {
      release();
      alloc_ = static_cast<A&&>(o.alloc_);
      this->take_block_(o);
      len_ = o.len_;
      o.len_ = 0;
    }
    return *this;
  }
  heap_vec_storage(const heap_vec_storage&) = delete;
  heap_vec_storage& operator=(const heap_vec_storage&) = delete;
  ~heap_vec_storage() { release(); }

  constexpr T* data() const noexcept { return ptr_; }
  constexpr std::size_t len() const noexcept { return len_; }
  constexpr void set_len(std::size_t n) noexcept { len_ = n; }
  constexpr len_ref length_ref() noexcept { return len_ref(&len_); }

  result<void> resize(std::size_t new_cap) noexcept { return this->resize_block_(len_, new_cap); }
  // Grows to the policy's capacity for `additional` more elements with nothing of this
  // object passed by address (heap_block::grows_detached); on failure nothing changed.
  BARE_ALWAYS_INLINE result<void> grow(std::size_t additional, bool exact) noexcept requires base::grows_detached {
    auto b = raw_grow(A(alloc_), raw_block{ptr_, cap_}, len_, additional, layout_of<T>, exact, relocator<T>());
    if (BARE_UNLIKELY(!b)) return err(b.error());
    ptr_ = static_cast<T*>(b->ptr);
    cap_ = b->cap;
    return {};
  }
  void replace(T* p, std::size_t n) noexcept {
    this->deallocate(ptr_, cap_);
    ptr_ = p;
    cap_ = n;
  }

  // Sets the block without freeing the old one (raw parts). Preconditions: the invariant
  // holds for (p, len, cap); the old block was handed over or there was none.
  constexpr void adopt(T* p, std::size_t len, std::size_t cap) noexcept {
    ptr_ = p;
    len_ = len;
    cap_ = cap;
  }
  // Forgets the block and elements (they were handed over). O(1).
  constexpr void forget() noexcept {
    ptr_ = nullptr;
    cap_ = 0;
    len_ = 0;
  }
  // Destroys the elements, frees the block, leaves it empty. O(len).
  void release() noexcept {
    destroy_n(ptr_, len_);
    this->deallocate(ptr_, cap_);
    forget();
  }

 private:
  std::size_t len_ = 0;
};

}  // namespace bare::detail
