// bare/detail/ring_storage.hpp — heap storage for detail::ring_core: the block of
// vec_deque<T, A> (the policy interface is described in detail/ring_core.hpp).
#pragma once

#include <concepts>
#include <cstddef>

#include "bare/alloc/allocator.hpp"
#include "bare/detail/len_ref.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/detail/ring.hpp"
#include "bare/detail/vec_storage.hpp"
#include "bare/result.hpp"

namespace bare::detail {

// The block of a vec_deque<T, A>: four words with a stateless allocator (vec's block plus
// the head).
// Representation invariant (beyond ring_core's): heap_block's (detail/vec_storage.hpp): an
// empty deque without a block owns no memory.
template <class T, allocator A>
class heap_ring_storage : public heap_block<T, A> {
  using base = heap_block<T, A>;
  using base::alloc_;
  using base::cap_;
  using base::ptr_;

 public:
  static constexpr bool growable = true;
  static constexpr bool allocates = true;
  static constexpr std::size_t max_size = max_elems(sizeof(T));

  constexpr heap_ring_storage() noexcept requires std::default_initializable<A> = default;
  constexpr explicit heap_ring_storage(A a) noexcept : base(static_cast<A&&>(a)) {}
  // Takes o's elements, block and allocator; o is left empty. O(1).
  constexpr heap_ring_storage(heap_ring_storage&& o) noexcept
      : base(static_cast<A&&>(o.alloc_)), head_(o.head_), len_(o.len_) {
    this->take_block_(o);
    o.head_ = o.len_ = 0;
  }
  // Destroys this one's elements and frees its block, then takes o's. O(len).
  heap_ring_storage& operator=(heap_ring_storage&& o) noexcept {
    if (this != &o) {
      release();
      alloc_ = static_cast<A&&>(o.alloc_);
      this->take_block_(o);
      head_ = o.head_;
      len_ = o.len_;
      o.head_ = o.len_ = 0;
    }
    return *this;
  }
  heap_ring_storage(const heap_ring_storage&) = delete;
  heap_ring_storage& operator=(const heap_ring_storage&) = delete;
  ~heap_ring_storage() { release(); }

  constexpr T* buf() const noexcept { return ptr_; }
  constexpr std::size_t head() const noexcept { return head_; }
  constexpr void set_head(std::size_t h) noexcept { head_ = h; }
  constexpr std::size_t len() const noexcept { return len_; }
  constexpr void set_len(std::size_t n) noexcept { len_ = n; }
  constexpr bool check() const noexcept { return (ptr_ == nullptr) == (cap_ == 0); }
  constexpr len_ref head_ref() noexcept { return len_ref(&head_); }
  constexpr len_ref length_ref() noexcept { return len_ref(&len_); }

  // Moves the ring to a block of new_cap slots (ring_resize: on failure it leaves b as it was,
  // so the stores below change nothing).
  result<void> resize(std::size_t new_cap) noexcept {
    ring_block b{ptr_, cap_, head_};
    result<void> r = ring_resize(alloc_, b, len_, new_cap, layout_of<T>, relocator<T>());
    ptr_ = static_cast<T*>(b.ptr);
    cap_ = b.cap;
    head_ = b.head;
    return r;
  }
  // Grows to the policy's capacity for `additional` more elements with nothing of this
  // object passed by address (heap_block::grows_detached); on failure nothing changed.
  BARE_ALWAYS_INLINE result<void> grow(std::size_t additional, bool exact) noexcept requires base::grows_detached {
    auto b = ring_grow(A(alloc_), ring_block{ptr_, cap_, head_}, len_, additional, layout_of<T>, exact, relocator<T>());
    if (BARE_UNLIKELY(!b)) return err(b.error());
    ptr_ = static_cast<T*>(b->ptr);
    cap_ = b->cap;
    head_ = b->head;
    return {};
  }
  void replace(T* p, std::size_t n) noexcept {
    this->deallocate(ptr_, cap_);
    ptr_ = p;
    cap_ = n;
  }

  // Adopts a vec's block (elements from slot 0). Preconditions: the invariant holds for it;
  // this owns no block.
  constexpr void adopt(T* p, std::size_t len, std::size_t cap) noexcept {
    ptr_ = p;
    cap_ = cap;
    head_ = 0;
    len_ = len;
  }
  constexpr void forget() noexcept {
    ptr_ = nullptr;
    cap_ = head_ = len_ = 0;
  }
  void release() noexcept {
    ring_destroy(ptr_, cap_, head_, len_);
    this->deallocate(ptr_, cap_);
    forget();
  }

 private:
  std::size_t head_ = 0;
  std::size_t len_ = 0;
};

}  // namespace bare::detail
