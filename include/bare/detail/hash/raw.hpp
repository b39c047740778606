// bare/detail/hash/raw.hpp — the untyped half of the hash table: control bytes, the memory
// layout, what a hash selects, and probing for a free slot. Nothing here knows the element
// type, so one copy serves every hash_map / hash_set of a program.
//
// ---- Table layout: one block from the allocator, aligned to max(16, alignof(slot)) -----------
//
//   struct block {                 // G = number of groups, a power of two
//     slot slots[15 * G];          // slot i of group g is slots[15 g + i]
//     (padding to 16)
//     struct group {               // 16 bytes, 16-aligned
//       uint8_t ctrl[15];          // one byte per slot: 0 empty, 1 sentinel, 2..255 full (h2)
//       uint8_t overflow;          // bit b set: an element whose hash selects bit b was placed
//     } groups[G];                 //   beyond this group, because this group was full then
//   };
//
// The last group's ctrl[14] is the sentinel: iteration stops there, and its slot is never
// used. So the table has 15 G - 1 usable slots, and holds at most max_load(G) = 7/8 of them.
// An unallocated table (no block) points at empty_ctrl, a constant group whose only
// non-empty byte is that sentinel: lookups, iteration and erase need no special case.
//
// ---- What a hash selects (h: the size_t hash, already mixed; W = bits of size_t) --------------
//   home group     h & (G - 1)                   (low bits)
//   h2             the top byte of h, 0 and 1 moved to 2 and 3 (so never empty or sentinel)
//   overflow bit   bits W-11 .. W-9 of h          (independent of h2 and, below 2^(W-11)
//                                                   groups, of the home group)
// Probing visits groups home, home + 1, home + 3, home + 6, ... (triangular steps, mod G):
// every group once in G steps.
//
// ---- Why lookups stop early, and why erasure needs no tombstones ------------------------------
// A lookup for h scans a group for h2; if the key is not there and the group's overflow bit
// for h is clear, no element with this hash (bit) was ever pushed past the group: the key is
// absent. Erasing empties the slot (byte 0) but leaves overflow bits alone: an element placed
// beyond the group stays reachable. Those stale bits are the table's "tombstones": they only
// lengthen some lookups. They are bounded by the growth budget: growth_left counts the
// insertions left before the next rehash; erasing from a group whose overflow byte is 0
// gives the slot back to it, erasing from an overflowed group does not. So insert/erase
// churn eats the budget and forces a rehash, which clears every overflow bit (in place, with
// no allocation, when at most 7/8 of the maximum load is occupied; else into a table twice as
// large). Lookups never degrade without bound under churn.
#pragma once

#include <cstddef>
#include <cstdint>

#include "bare/alloc/layout.hpp"
#include "bare/detail/checked.hpp"
#include "bare/detail/hash/group.hpp"

namespace bare::detail::hash {

// The hot paths of the table (lookup, insertion, erasure) are forced inline: measured, an
// out-of-line insertion keeps its arguments and the caller's loop state in memory, and the
// extra stores starve the memory-level parallelism of a table larger than the caches (~1.3x
// slower inserts at 10^6 elements). In builds optimised for size (-Os), the compiler decides.
#if defined(__OPTIMIZE_SIZE__)
#define BARE_HASH_HOT inline
#else
#define BARE_HASH_HOT BARE_ALWAYS_INLINE
#endif

inline constexpr std::size_t group_bytes = 16;
inline constexpr std::size_t group_slots = 15;
inline constexpr std::size_t overflow_byte = 15;
inline constexpr std::uint8_t ctrl_empty = 0;
inline constexpr std::uint8_t ctrl_sentinel = 1;

// The control group of a table with no block: all empty but the sentinel (read-only).
alignas(16) inline constexpr std::uint8_t empty_ctrl[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ctrl_sentinel, 0};

inline constexpr unsigned size_bits = sizeof(std::size_t) * 8;

// h2 of every top byte, replicated into the four bytes of a word (what a group compares
// against): on the SIMD groups one load instead of a remap and a byte splat on the lookup
// path; the portable group computes it (no 1 KiB table in a microcontroller's flash).
struct h2_word_table {
  std::uint32_t word[256];
};
constexpr std::uint32_t h2_word_compute(unsigned top) noexcept { return (top < 2 ? top + 2 : top) * 0x01010101u; }
constexpr h2_word_table make_h2_word_table() noexcept {
  h2_word_table t{};
  for (unsigned b = 0; b < 256; ++b) t.word[b] = h2_word_compute(b);
  return t;
}
alignas(64) inline constexpr h2_word_table h2_words = make_h2_word_table();

// h2 in all four bytes of a word, and h2 itself.
BARE_ALWAYS_INLINE constexpr std::uint32_t h2_word_of(std::size_t h) noexcept {
#if BARE_HASH_SIMD_GROUP
  return h2_words.word[h >> (size_bits - 8)];
#else
  return h2_word_compute(static_cast<unsigned>(h >> (size_bits - 8)));
#endif
}
BARE_ALWAYS_INLINE constexpr std::uint8_t h2_of(std::size_t h) noexcept {
  return static_cast<std::uint8_t>(h2_word_of(h));
}
BARE_ALWAYS_INLINE constexpr std::uint8_t overflow_bit_of(std::size_t h) noexcept {
  return static_cast<std::uint8_t>(1u << ((h >> (size_bits - 11)) & 7));
}

// The home group of hash h in a table of gmask + 1 groups.
BARE_ALWAYS_INLINE constexpr std::size_t home_of(std::size_t h, std::size_t gmask) noexcept {
  return h & gmask;
}

// Slot index <-> position of its control byte: idx = 15 g + i sits at 16 g + i.
BARE_ALWAYS_INLINE constexpr std::size_t ctrl_index(std::size_t slot) noexcept { return slot + slot / group_slots; }

// Usable slots of a table of `groups` groups (the sentinel's is not), and the most elements
// it holds: 7/8 of them, rounded up. 0 for no groups.
constexpr std::size_t capacity_of(std::size_t groups) noexcept { return groups == 0 ? 0 : groups * group_slots - 1; }
constexpr std::size_t max_load(std::size_t groups) noexcept {
  const std::size_t c = capacity_of(groups);
  return c - c / 8;
}

// Where the control bytes start in a block of `groups` groups (the slots start at 0), and
// the block's layout.
struct block_layout {
  std::size_t ctrl_offset;
  layout whole;
};
// Returns false if the block would exceed max_object_size.
constexpr bool block_layout_for(std::size_t groups, layout slot, block_layout* out) noexcept {
  std::size_t n = 0, slots = 0, off = 0, ctrl = 0, total = 0;
  if (!checked_mul(groups, group_slots, &n) || !checked_mul(n, slot.size, &slots)) return false;
  if (!checked_align_up(slots, group_bytes, &off) || !checked_mul(groups, group_bytes, &ctrl)) return false;
  if (!checked_add(off, ctrl, &total) || total > max_object_size) return false;
  out->ctrl_offset = off;
  out->whole = layout{total, slot.align > group_bytes ? slot.align : group_bytes};
  return true;
}

// The smallest power-of-two number of groups whose max_load is at least n, or 0 if no block
// of slots of layout `slot` that large can exist.
constexpr std::size_t groups_for(std::size_t n, layout slot) noexcept {
  for (std::size_t g = 1;; g *= 2) {
    block_layout bl{};
    if (!block_layout_for(g, slot, &bl)) return 0;  // also keeps 15 g far from overflowing
    if (max_load(g) >= n) return g;
  }
}

// Where a slot is: its group and its offset in the group (slot index 15 group + offset,
// control byte 16 group + offset).
struct slot_at {
  std::size_t group;
  std::size_t offset;
};

// find_insert_slot past a full home group `pos`: marks it and the full groups after it with
// h's overflow bit, and returns the first empty slot.
BARE_NOINLINE inline slot_at find_insert_slot_beyond(std::uint8_t* ctrl, std::size_t gmask, std::size_t h, std::size_t pos) noexcept {
  const std::uint8_t bit = overflow_bit_of(h);
  for (std::size_t step = 1;; ++step) {
    ctrl[pos * group_bytes + overflow_byte] |= bit;
    pos = (pos + step) & gmask;
    const auto m = group::load(ctrl + pos * group_bytes).match_empty();
    if (static_cast<bool>(m)) return slot_at{pos, m.lowest()};
  }
}

// The first empty slot on h's probe sequence; sets h's overflow bit in every full group it
// passes. Preconditions: ctrl holds gmask + 1 groups, and some group has an empty slot
// (size < max_load guarantees it). The home group inline, the rest out of line: as for
// lookups (table::find_hashed), a probe loop's set-up in front of the home group costs
// every call.
BARE_ALWAYS_INLINE slot_at find_insert_slot(std::uint8_t* ctrl, std::size_t gmask, std::size_t h) noexcept {
  const std::size_t pos = home_of(h, gmask);
  const auto m = group::load(ctrl + pos * group_bytes).match_empty();
  if (BARE_LIKELY(static_cast<bool>(m))) return slot_at{pos, m.lowest()};
  return find_insert_slot_beyond(ctrl, gmask, h, pos);
}

// The tag of a table storage's constructor that makes an empty storage of the same kind as
// another (heap_block.hpp, inline_block.hpp).
struct twin_t {};

// Control bytes of a fresh block of `groups` groups: all empty, the sentinel set.
inline void init_ctrl(std::uint8_t* ctrl, std::size_t groups) noexcept {
  __builtin_memset(ctrl, 0, groups * group_bytes);
  ctrl[(groups - 1) * group_bytes + group_slots - 1] = ctrl_sentinel;
}

// The first occupied position (a full slot or the sentinel) at or after slot `from` of the
// group at g. Returns its offset from g in control bytes (0..14 within g, 16 k + i beyond).
// Precondition: from < 15; the sentinel lies at or after it.
BARE_ALWAYS_INLINE std::size_t next_occupied(const std::uint8_t* g, std::size_t from) noexcept {
  auto m = group::load(g).match_occupied();
  if (from != 0) m = m.after(from - 1);
  std::size_t skipped = 0;
  while (!m) {
    skipped += group_bytes;
    m = group::load(g + skipped).match_occupied();
  }
  return skipped + m.lowest();
}

}  // namespace bare::detail::hash
