// bare/object_pool.hpp — object_pool<T, N>: N slots for T inside the object, taken and given
// back in O(1) (a free list threaded through the free slots), with handles that destroy their
// object and free its slot when they go out of scope. No heap, no fragmentation.
//
//   static bare::object_pool<connection, 8> pool;                 // constant-initialised
//   auto c = pool.try_make(peer, port);                           // result<handle>: full when all 8 are in use
//   if (!c) return reject();
//   (*c)->send(...);                                              // the slot comes back when *c goes
//
// It is also an allocator (bare/alloc/allocator.hpp) of blocks of at most sizeof(T) bytes
// aligned to at most alignof(T), so that a box can live in it:
//   auto b = bare::try_make_box_in<connection>(bare::by_ref(pool), peer, port);
// A request that does not fit a slot, or finds none free, gets nullptr; last_failure() says
// full (so the box reports alloc_errc::full).
//
// Guarantees: try_make / allocate / deallocate are O(1) and never allocate; construction is
// O(1) (slots are handed out from a high-water mark before the free list is used), so a
// static pool is constant-initialised (no constructor at start-up) and has no destructor (none
// registered at exit). Not thread- or interrupt-safe: wrap it (e.g. bare::locked) if several
// contexts use it. Every object must be gone (its handle or box destroyed, or returned with
// deallocate) before the pool is: the pool does not destroy them (it cannot know their
// order); size() says how many are left.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>
#include <utility>

#include "bare/alloc/error.hpp"
#include "bare/alloc/layout.hpp"
#include "bare/detail/fixed_storage.hpp"
#include "bare/detail/len_ref.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"

namespace bare {

template <class T, std::size_t N>
class object_pool {
  static_assert(N > 0, "bare::object_pool: N must be at least 1");
  static_assert(std::is_object_v<T> && !std::is_array_v<T>, "bare::object_pool<T>: T must be an object type");
  static_assert(std::is_nothrow_destructible_v<T>, "bare::object_pool<T>: T's destructor must not throw");

  using index = detail::len_type_for<N>;
  static constexpr index none_ = static_cast<index>(N);  // the end of the free list

  // A slot holds a T when in use, or (free and below high_) the index of the next free slot.
  struct alignas(alignof(T) > alignof(index) ? alignof(T) : alignof(index)) slot {
    unsigned char bytes[sizeof(T) > sizeof(index) ? sizeof(T) : sizeof(index)];
  };

  // Representation invariant: slots [high_, N) were never used; below high_, a slot is either
  // in use (a live T, or a block handed out by allocate) or on the free list that starts at
  // free_ (none_ = empty) and links through the slots' first bytes; live_ counts the slots in
  // use: live_ == high_ - (length of the free list).
  detail::inline_slots<slot, N> slots_;  // (not touched at run time; see fixed_storage.hpp)
  index free_ = none_;
  index high_ = 0;
  index live_ = 0;

 public:
  // A T in the pool, destroyed (and its slot freed) when the handle is destroyed or reset.
  // Move-only. A null handle (moved from, or reset) owns nothing.
  class handle {
   public:
    constexpr handle() noexcept = default;
    handle(handle&& o) noexcept : pool_(o.pool_), p_(o.p_) { o.p_ = nullptr; }
    handle& operator=(handle&& o) noexcept {
      if (this != &o) {
        reset();
        pool_ = o.pool_;
        p_ = o.p_;
        o.p_ = nullptr;
      }
      return *this;
    }
    handle(const handle&) = delete;
    handle& operator=(const handle&) = delete;
    ~handle() { reset(); }

    // Destroys the object and frees its slot; the handle becomes null. O(1).
    void reset() noexcept {
      if (p_ != nullptr) {
        p_->T::~T();
        pool_->free_slot_(p_);
        p_ = nullptr;
      }
    }
    // Gives up ownership: the caller must give the object back with pool.destroy(p). O(1).
    [[nodiscard]] T* release() noexcept {
      T* p = p_;
      p_ = nullptr;
      return p;
    }
    T* get() const noexcept { return p_; }
    explicit operator bool() const noexcept { return p_ != nullptr; }
    // The object. Precondition (checked): not null.
    T& operator*() const noexcept {
      BARE_CHECK(p_ != nullptr, "bare::object_pool::handle: null");
      return *p_;
    }
    T* operator->() const noexcept { return &**this; }

   private:
    friend class object_pool;
    handle(object_pool* pool, T* p) noexcept : pool_(pool), p_(p) {}
    object_pool* pool_ = nullptr;
    T* p_ = nullptr;
  };

  // Empty. O(1): no slot is touched (constant-initialised when static).
  constexpr object_pool() noexcept : slots_(BARE_INLINE_SLOTS_INIT(slot, N)) {}
  object_pool(const object_pool&) = delete;
  object_pool& operator=(const object_pool&) = delete;
  // Trivial. Precondition (the caller's): size() == 0.
  ~object_pool() = default;

  // A T constructed from args in a free slot: alloc_errc::full when all N are in use (the
  // arguments untouched). O(1) plus T's constructor.
  template <class... Args>
  result<handle> try_make(Args&&... args) noexcept {
    void* s = take_slot_();
    if (s == nullptr) return err(detail::full_error<T>());
    return handle(this, ::new (s) T(static_cast<Args&&>(args)...));
  }
  // The same, panicking when full.
  template <class... Args>
  handle make(Args&&... args) noexcept {
    return detail::unwrap_or_fail<false>(try_make(static_cast<Args&&>(args)...));
  }
  // Destroys an object given out by handle::release(). O(1). Precondition (checked): p is in
  // this pool.
  void destroy(T* p, source_loc where = source_loc::current()) noexcept {
    BARE_ASSERT_AT(owns(p), "bare::object_pool::destroy: not from this pool", where);
    p->T::~T();
    free_slot_(p);
  }

  // ---- the allocator interface (for box and other containers of single objects) -------------

  // A slot for a block of l.size <= sizeof(T) bytes aligned to l.align <= alignof(T), or
  // nullptr (too large, or none free). O(1).
  void* allocate(layout l) noexcept {
    if (l.size > sizeof(T) || l.align > alignof(slot)) return nullptr;
    return take_slot_();
  }
  // Gives the block p back. O(1). Precondition (checked): p came from allocate of this pool.
  void deallocate(void* p, layout) noexcept {
    BARE_ASSERT(owns(p), "bare::object_pool::deallocate: not from this pool");
    free_slot_(p);
  }
  // Why the last allocate returned nullptr: full (no slot free) or a block that no slot can
  // hold (reported as full too: this pool will never have room for it).
  alloc_errc last_failure() const noexcept { return alloc_errc::full; }

  // ---- state ---------------------------------------------------------------------------------

  static constexpr std::size_t capacity() noexcept { return N; }
  // Slots in use / free. O(1).
  constexpr std::size_t size() const noexcept { return live_; }
  constexpr std::size_t available() const noexcept { return N - live_; }
  constexpr bool empty() const noexcept { return live_ == 0; }
  constexpr bool full() const noexcept { return live_ == N; }
  // Whether p is the start of one of this pool's slots. O(1).
  bool owns(const void* p) const noexcept {
    const auto a = reinterpret_cast<std::uintptr_t>(p), b = reinterpret_cast<std::uintptr_t>(slots_.elems);
    return a >= b && a < b + sizeof slots_.elems && (a - b) % sizeof(slot) == 0;
  }

 private:
  void* take_slot_() noexcept {
    std::size_t i;
    if (free_ != none_) {
      i = free_;
      index next;
      __builtin_memcpy(&next, slots_.elems[i].bytes, sizeof next);
      free_ = next;
    } else if (high_ != N) {
      i = high_++;
    } else {
      return nullptr;
    }
    ++live_;
    return slots_.elems[i].bytes;
  }
  // Preconditions: p is a slot of this pool, in use (its object, if any, destroyed).
  void free_slot_(void* p) noexcept {
    const auto i = static_cast<index>((reinterpret_cast<std::uintptr_t>(p) - reinterpret_cast<std::uintptr_t>(slots_.elems)) /
                                      sizeof(slot));
    __builtin_memcpy(slots_.elems[i].bytes, &free_, sizeof free_);
    free_ = i;
    --live_;
  }
};

}  // namespace bare
