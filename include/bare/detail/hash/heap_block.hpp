// bare/detail/hash/heap_block.hpp — where hash_map's and hash_set's table keeps its groups and
// slots: one block from an allocator (the layout of raw.hpp), or none (the shared constant
// empty_ctrl). This is the growable storage of detail::hash::table (table.hpp); the other one,
// inline_block.hpp, keeps them inside the object (fixed_hash_map, fixed_hash_set).
//
// The storage interface table<P, H, Eq, B> uses (S = the slot type):
//   count_type                    the type of size() and of the load limit
//   growable, allocates           whether the table may allocate a larger block (heap: both)
//   max_elems                     the most elements any table of this storage holds
//   ctrl(), slots(), gmask()      the groups' control bytes (16-aligned), the slots, and the
//                                 number of groups - 1: the table's hot paths read only these
//   allocated(), groups()         whether there is a block; its groups (0 without)
//   capacity()                    the most elements it holds: max_load(groups()), or a fixed
//                                 container's N (at most that)
//   limit()                       what a rehash or clear() sets the table's load limit to (the
//                                 growth budget is limit() - size(), see table.hpp): heap
//                                 max_load(groups()), inline all 15 G - 1 slots
//   B(const B& like, twin_t)      an empty storage of the same kind (the allocator copied)
//   B(B&& o), take(B& o)          take o's block or elements; o still marks them as its own
//                                 until the table calls o.forget() (take: this holds none)
//   forget()                      own nothing (heap: no block; inline: every slot empty)
//   free()                        release the block; the elements are already destroyed
// and, when growable, allocator_type, alloc() and set(ctrl, slots, gmask) for the table's
// resize (inline: allocator_type is void).
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>

#include "bare/alloc/allocator.hpp"
#include "bare/detail/hash/raw.hpp"

namespace bare::detail::hash {

// Representation invariant: ctrl_ == empty_ctrl, slots_ == nullptr, gmask_ == 0 iff there is
// no block; otherwise slots_ is the start of a block allocated by alloc_ with
// block_layout_for(gmask_ + 1, layout_of<S>).whole, and ctrl_ is ctrl_offset bytes into it.
template <class S, allocator A>
class heap_block {
 public:
  using allocator_type = A;
  using count_type = std::size_t;
  static constexpr bool growable = true;
  static constexpr bool allocates = true;
  static constexpr std::size_t max_elems = max_object_size / (sizeof(S) + 1) / 8 * 7;

  heap_block() noexcept requires std::default_initializable<A> : alloc_() {}
  explicit heap_block(A a) noexcept : alloc_(static_cast<A&&>(a)) {}
  heap_block(const heap_block& like, twin_t) noexcept : alloc_(like.alloc_) {}
  heap_block(heap_block&& o) noexcept
      : ctrl_(o.ctrl_), slots_(o.slots_), gmask_(o.gmask_), alloc_(static_cast<A&&>(o.alloc_)) {}
  heap_block(const heap_block&) = delete;
  heap_block& operator=(const heap_block&) = delete;
  heap_block& operator=(heap_block&&) = delete;
  ~heap_block() = default;  // (the table frees the block: it destroys the elements first)

  // Precondition: this has no block.
  void take(heap_block& o) noexcept {
    set(o.ctrl_, o.slots_, o.gmask_);
    alloc_ = static_cast<A&&>(o.alloc_);
  }

  BARE_ALWAYS_INLINE std::uint8_t* ctrl() const noexcept { return ctrl_; }
  BARE_ALWAYS_INLINE S* slots() const noexcept { return slots_; }
  BARE_ALWAYS_INLINE std::size_t gmask() const noexcept { return gmask_; }
  bool allocated() const noexcept { return slots_ != nullptr; }
  std::size_t groups() const noexcept { return allocated() ? gmask_ + 1 : 0; }
  std::size_t capacity() const noexcept { return max_load(groups()); }
  std::size_t limit() const noexcept { return max_load(groups()); }

  const A& alloc() const noexcept { return alloc_; }
  A& alloc() noexcept { return alloc_; }

  // Points at a block (of the layout above) without freeing the one it had.
  void set(std::uint8_t* c, S* s, std::size_t gmask) noexcept {
    ctrl_ = c;
    slots_ = s;
    gmask_ = gmask;
  }
  void forget() noexcept { set(const_cast<std::uint8_t*>(empty_ctrl), nullptr, 0); }
  void free() noexcept {
    if (!allocated()) return;
    block_layout bl{};
    (void)block_layout_for(gmask_ + 1, layout_of<S>, &bl);  // it exists: the block does
    alloc_.deallocate(slots_, bl.whole);
  }

 private:
  std::uint8_t* ctrl_ = const_cast<std::uint8_t*>(empty_ctrl);
  S* slots_ = nullptr;
  std::size_t gmask_ = 0;
  [[no_unique_address]] A alloc_;
};

}  // namespace bare::detail::hash
