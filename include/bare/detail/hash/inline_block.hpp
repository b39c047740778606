// bare/detail/hash/inline_block.hpp — the storage of fixed_hash_map<K, V, N> and
// fixed_hash_set<K, N>: the table's groups and slots inside the object, so the table of
// table.hpp (the same lookup, insertion, erasure and in-place rehash as hash_map's) runs
// without an allocator. The storage interface is described in heap_block.hpp.
//
// ---- Layout (G = groups_for(N): the smallest power of two whose 7/8 load holds N) -----------
//
//   struct inline_block {
//     struct group {               // 16-aligned: the same groups as a heap block's
//       uint8_t ctrl[15];
//       uint8_t overflow;
//     } groups[G];
//     slot slots[15 * G - 1];      // as raw.hpp's block; the sentinel's slot is not stored
//   };
//
// (The groups first, so that the table's counts can pack into the slots' tail padding; for
// slots aligned to more than 16 bytes the slots come first, as in a heap block, so that no
// padding is needed before them.)
//
// No pointer refers into the object (ctrl() and slots() are computed from `this`; the mask is
// a constant), so it relocates as its bytes when the slots do, and the table's hot paths read
// nothing that a heap block's would not. An insertion past N is full (table.hpp checks it on
// the insertion path, for this storage only); the growth budget, which erasures from
// overflowed groups spend (raw.hpp), is measured against all 15 G - 1 slots, so when it runs
// out the table rehashes in place, which always fits, at most once per (15 G - 1) / 8 such
// erasures.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>

#include "bare/detail/fixed_storage.hpp"
#include "bare/detail/hash/heap_block.hpp"
#include "bare/detail/hash/raw.hpp"
#include "bare/detail/len_ref.hpp"

namespace bare::detail::hash {

// Copies the control bytes of G groups and relocates (Move) or copies (!Move) the element of
// every full slot to the same slot. Precondition: the destination slots hold no elements.
template <bool Move, class S>
void transfer_slots(std::uint8_t* dc, S* ds, const std::uint8_t* sc, S* ss, std::size_t groups) noexcept {
  __builtin_memcpy(dc, sc, groups * group_bytes);
  for (std::size_t g = 0; g < groups; ++g) {
    const std::uint8_t* c = sc + g * group_bytes;
    for (std::size_t i = 0; i < group_slots; ++i) {
      if (c[i] < 2) continue;  // empty, or the sentinel
      S* d = ds + g * group_slots + i;
      S* s = ss + g * group_slots + i;
      if constexpr (Move) {
        if constexpr (is_trivially_relocatable_v<S>) {
          __builtin_memcpy(static_cast<void*>(d), static_cast<const void*>(s), sizeof(S));
        } else {
          ::new (static_cast<void*>(d)) S(static_cast<S&&>(*s));
          s->S::~S();
        }
      } else {
        ::new (static_cast<void*>(d)) S(static_cast<const S&>(*s));
      }
    }
  }
}

// Representation invariant: the control bytes are those of a table of G groups (raw.hpp);
// a slot whose control byte is 2..255 holds a live element, every other one is uninitialised.
template <class S, std::size_t N>
class inline_block {
  static_assert(N > 0, "bare: a fixed-capacity container needs a capacity N > 0");
  static constexpr std::size_t G = groups_for(N, layout_of<S>);
  static_assert(G != 0, "bare::fixed_hash_map: N elements of this size do not fit in an object");

 public:
  using allocator_type = void;  // (none)
  using count_type = len_type_for<G * group_slots - 1>;
  static constexpr bool growable = false;
  static constexpr bool allocates = false;
  static constexpr std::size_t max_elems = N;

  inline_block() noexcept { init_ctrl(ctrl(), G); }
  inline_block(const inline_block&, twin_t) noexcept : inline_block() {}
  inline_block(inline_block&& o) noexcept { transfer_slots<true>(ctrl(), slots(), o.ctrl(), o.slots(), G); }
  // A copy of every element, at the same slots. O(G).
  inline_block(const inline_block& o) noexcept requires std::is_copy_constructible_v<S> {
    transfer_slots<false>(ctrl(), slots(), o.ctrl(), o.slots(), G);
  }
  inline_block& operator=(const inline_block&) = delete;
  inline_block& operator=(inline_block&&) = delete;
  ~inline_block() = default;  // (the table destroys the elements)

  // Precondition: this holds no element.
  void take(inline_block& o) noexcept { transfer_slots<true>(ctrl(), slots(), o.ctrl(), o.slots(), G); }

  // (Non-const pointers from a const object, as a heap block's: the table's const lookups
  // hand out positions that only const iterators use.)
  BARE_ALWAYS_INLINE std::uint8_t* ctrl() const noexcept { return const_cast<std::uint8_t*>(m_.ctrl_); }
  BARE_ALWAYS_INLINE S* slots() const noexcept { return const_cast<S*>(m_.slots_.elems); }
  BARE_ALWAYS_INLINE static constexpr std::size_t gmask() noexcept { return G - 1; }
  static constexpr bool allocated() noexcept { return true; }
  static constexpr std::size_t groups() noexcept { return G; }
  static constexpr std::size_t capacity() noexcept { return N; }
  static constexpr std::size_t limit() noexcept { return G * group_slots - 1; }

  void forget() noexcept { init_ctrl(ctrl(), G); }
  static void free() noexcept {}

 private:
  struct ctrl_first {
    alignas(group_bytes) std::uint8_t ctrl_[G * group_bytes];
    inline_slots<S, G * group_slots - 1> slots_;
  };
  struct slots_first {
    inline_slots<S, G * group_slots - 1> slots_;
    alignas(group_bytes) std::uint8_t ctrl_[G * group_bytes];
  };
  [[no_unique_address]] std::conditional_t<(alignof(S) > group_bytes), slots_first, ctrl_first> m_;
};

}  // namespace bare::detail::hash
