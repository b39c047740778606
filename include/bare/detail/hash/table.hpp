// bare/detail/hash/table.hpp — the hash table core that hash_map, hash_set, fixed_hash_map and
// fixed_hash_set share: lookup, insertion, erasure, growth and rehashing, over the layout of
// raw.hpp, in a storage B: heap_block<S, A> (one block from an allocator, growable) or
// inline_block<S, N> (inside the object, never allocates); heap_block.hpp describes the
// interface. The hot paths read the storage through ctrl(), slots() and gmask() only, which
// are the heap block's fields or, inline, addresses in the object and a constant: the choice
// is made at compile time and adds no branch. A policy P says what a slot holds:
//
//   struct P {
//     using key_type = ...;            // what is hashed and compared
//     using slot_type = ...;           // what a slot stores (the key, or a key and a value)
//     static constexpr bool has_values;
//     static const key_type& key(const slot_type&);
//   };
//
// Growth and the load budget (see raw.hpp for why): a table of G groups holds at most
// max_load(G) elements; growth_left counts the insertions left before it must rehash. An
// insertion that finds growth_left == 0 rehashes: in place (no allocation) if size + 1 fits in
// 7/8 of max_load(G) — the budget was eaten by erasures from overflowed groups —, else into a
// block of twice as many groups (or more, for reserve). The 7/8 keeps the table at its size
// under insert/erase churn (as boost's rehash-to-the-same-capacity does, but without
// allocating) while a rehash still buys at least max_load / 8 insertions, so rehashing costs
// O(1) amortised per insertion. try_reserve(n) leaves growth_left >= n, and no operation but
// insertion lowers growth_left, so the next n insertions neither rehash nor allocate.
// With storage that cannot grow (a fixed container's), an insertion reports full when size
// is the storage's capacity() (N <= max_load(G)): one comparison with a constant, on the
// insertion path only, compiled in for that storage alone. Its growth budget is measured
// against limit() = all 15 G - 1 slots instead: after a rehash at full size, at least 1/8 of
// the slots' worth of erasures from overflowed groups can pass before the next one (as in a
// heap table rehashed at 7/8 of max_load), so erase/insert churn at full size rehashes in
// place O(1) amortised times per operation, never fills the table, and stale overflow bits
// stay bounded as in a heap table.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>
#include <utility>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/error.hpp"
#include "bare/detail/clone.hpp"
#include "bare/detail/hash/raw.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/hash.hpp"
#include "bare/result.hpp"

namespace bare {

// The result of hash_map / hash_set check(): ok, or the first broken invariant.
struct hash_check {
  const char* problem = nullptr;
  constexpr explicit operator bool() const noexcept { return problem == nullptr; }
};

namespace detail::hash {

template <class H>
concept avalanching_hasher = requires { typename H::is_avalanching; };

// The size_t a table uses from a hasher's output: as it is if the hasher says it is mixed,
// else mixed with one folded multiply (so an identity hash does not cluster); folded to 32 bits
// on 32-bit targets.
template <class H, class R>
BARE_HASH_HOT constexpr std::size_t table_hash(R r) noexcept {
  static_assert(std::is_integral_v<R> && std::is_unsigned_v<R>, "bare hash containers: the hasher must return an unsigned integer");
  std::uint64_t h = static_cast<std::uint64_t>(r);
  if constexpr (!avalanching_hasher<H>) h = hashing::fold_mul(h, hashing::pi0);
  if constexpr (sizeof(std::size_t) < 8) return static_cast<std::size_t>(h ^ (h >> 32));
  else return static_cast<std::size_t>(h);
}

// Moves the slot at src to the uninitialised dst and ends src's lifetime.
template <class S>
BARE_HASH_HOT void relocate_slot(S* dst, S* src) noexcept {
  if constexpr (is_trivially_relocatable_v<S>) {
    __builtin_memcpy(static_cast<void*>(dst), static_cast<const void*>(src), sizeof(S));
  } else {
    ::new (static_cast<void*>(dst)) S(static_cast<S&&>(*src));
    src->S::~S();
  }
}

// From the group at g (its slots at s), the first occupied position at or after slot `from`
// (<= 15): the element there, or the sentinel (then slot = nullptr).
template <class S>
BARE_HASH_HOT void seek_occupied(std::uint8_t* g, S* s, std::size_t from, std::uint8_t*& ctrl, S*& slot) noexcept {
  const std::size_t d = next_occupied(g, from);
  ctrl = g + d;
  slot = *ctrl == ctrl_sentinel ? nullptr : s + (d - d / group_bytes);
}
// The position after the element at (ctrl, slot). Precondition: slot is an element.
template <class S>
BARE_HASH_HOT void step_forward(std::uint8_t*& ctrl, S*& slot) noexcept {
  const std::size_t off = reinterpret_cast<std::uintptr_t>(ctrl) & 15;
  seek_occupied(ctrl - off, slot - off, off + 1, ctrl, slot);
}

// Representation invariant (G = gmask() + 1 groups when allocated; ctrl(), slots() and
// gmask() are the storage's, whose own invariant is at its type):
//   size_ == 0, limit_ == 0 when the storage has no block (heap: none allocated);
//   control byte k of group g is 0 (slot 15 g + k uninitialised), or 2..255 (slot 15 g + k holds
//     a live element whose key's h2 it is), or 1 for exactly the sentinel (g = G - 1, k = 14);
//   every element is reachable: each group on its probe sequence before its own group is full
//     or has the element's overflow bit set (it was full when the element was placed);
//   no two elements have equal keys; size_ counts the full bytes;
//   size_ <= b_.capacity() and size_ <= limit_ <= b_.limit() (heap: both max_load(G));
//     limit_ - size_ is the growth budget (growth_left()); an
//     insertion spends one, erasing from a group whose overflow byte is 0 gives one back (size_
//     drops, limit_ stays), erasing from an overflowed group does not (both drop).
// check() verifies all of it.
template <class P, class H, class Eq, class B>
class table {
 public:
  using key_type = typename P::key_type;
  using slot_type = typename P::slot_type;
  using count_type = typename B::count_type;

  // A position: a slot's control byte and the slot (slot == nullptr: no element).
  struct pos {
    std::uint8_t* ctrl;
    slot_type* slot;
  };

  static constexpr layout slot_layout = layout_of<slot_type>;

  table() noexcept requires std::default_initializable<H> && std::default_initializable<Eq> &&
                                std::default_initializable<B>
      : b_(), limit_(static_cast<count_type>(b_.limit())), hasher_(), eq_() {}
  // ba...: the storage's constructor arguments (heap: the allocator).
  template <class... BA>
  table(H h, Eq eq, BA&&... ba) noexcept
      : b_(static_cast<BA&&>(ba)...), limit_(static_cast<count_type>(b_.limit())), hasher_(static_cast<H&&>(h)),
        eq_(static_cast<Eq&&>(eq)) {}
  // Takes o's elements (heap: its block; inline: each element moved to the same slot); o is
  // left empty. O(1) heap, O(G) inline.
  table(table&& o) noexcept
      : b_(static_cast<B&&>(o.b_)), size_(o.size_), limit_(o.limit_), hasher_(static_cast<H&&>(o.hasher_)),
        eq_(static_cast<Eq&&>(o.eq_)) {
    o.forget_block_();
  }
  table& operator=(table&& o) noexcept {
    if (this != &o) {
      release_();
      b_.take(o.b_);
      size_ = o.size_;
      limit_ = o.limit_;
      hasher_ = static_cast<H&&>(o.hasher_);
      eq_ = static_cast<Eq&&>(o.eq_);
      o.forget_block_();
    }
    return *this;
  }
  // A copy of every element at the same slot (only storage inside the object copies: a heap
  // table is cloned, see try_clone). O(G).
  table(const table& o) noexcept requires std::is_copy_constructible_v<B>
      : b_(o.b_), size_(o.size_), limit_(o.limit_), hasher_(o.hasher_), eq_(o.eq_) {}
  table& operator=(const table& o) noexcept requires std::is_copy_constructible_v<B> {
    if (this != &o) {
      table t(o);
      *this = static_cast<table&&>(t);
    }
    return *this;
  }
  ~table() {
    destroy_all_();
    b_.free();
  }

  // ---- observers ---------------------------------------------------------------------------

  std::size_t size() const noexcept { return size_; }
  std::size_t groups() const noexcept { return b_.groups(); }
  std::size_t capacity() const noexcept { return b_.capacity(); }
  // Insertions left before the next rehash (or, without growth, before full if that is
  // sooner).
  std::size_t growth_left() const noexcept {
    const std::size_t g = static_cast<std::size_t>(limit_ - size_);
    if constexpr (B::growable) return g;
    else return g < capacity() - size() ? g : capacity() - size();
  }
  const H& hasher() const noexcept { return hasher_; }
  const Eq& key_eq() const noexcept { return eq_; }
  const B& storage() const noexcept { return b_; }
  B& storage() noexcept { return b_; }

  static const key_type& key_of(const slot_type& s) noexcept { return P::key(s); }

  template <class Q>
  BARE_HASH_HOT std::size_t hash_of(const Q& q) const noexcept {
    return table_hash<H>(hasher_(q));
  }

  // ---- lookup ------------------------------------------------------------------------------

  // The element whose key equals q (slot == nullptr if none). O(1) expected: the home group,
  // and further groups only while their overflow bit for q's hash is set.
  // The home group is looked at here, the rest out of line (rarely reached). With the probe
  // loop inline, g++ hoisted its set-up (the overflow bit, two counters) in front of the home
  // group's match, and those instructions on every hit cut how many lookups of a table larger
  // than the caches were in flight at once. Measured on 10^6 u64 keys against
  // boost::unordered_flat_map with the same hash, in one process: 0.80-0.87x its hit rate with
  // the loop inline, 0.97-1.06x peeled.
  template <class Q>
  BARE_HASH_HOT pos find(const Q& q) const noexcept {
    return find_hashed(q, hash_of(q));
  }
  template <class Q>
  BARE_HASH_HOT pos find_hashed(const Q& q, std::size_t h) const noexcept {
    const std::size_t p = home_of(h, b_.gmask());
    const std::uint8_t* g = b_.ctrl() + p * group_bytes;
    const pos found = match_in_(q, group::load(g).match_word(h2_word_of(h)), p);
    if (found.slot != nullptr) return found;
    if (BARE_LIKELY((g[overflow_byte] & overflow_bit_of(h)) == 0)) return pos{nullptr, nullptr};
    return find_beyond_(q, h, p);
  }

  // ---- insertion ---------------------------------------------------------------------------

  struct insert_pos {
    pos at;
    bool inserted;
  };
  // What insert_hashed does with an element made aside for nothing: destroys it.
  struct destroy_aside {
    void operator()(slot_type* s) const noexcept { s->slot_type::~slot_type(); }
  };

  // If no element's key equals key, constructs one with make(slot_type*) (which must construct
  // an element whose key equals key), making room first if needed (make_room(1,
  // may_allocate)). Otherwise changes nothing. On failure nothing changed.
  //
  // When room must be made first (a rehash), Aside (the caller's choice, see hash_map's
  // aside_) says how the element is built:
  //   true:  in a local buffer before the rehash, then moved in, so that an argument which is
  //          an element of this table is read before the rehash moves it; on failure the
  //          element is handed to undo, which destroys it (default) or also gives back to the
  //          arguments what was moved out of them;
  //   false: in place after the rehash (no argument may then be an element of this table).
  // (Nothing here takes the arguments' addresses or passes make to an out-of-line function:
  // either would make the hot path keep them in memory on every insertion.)
  template <bool Aside, class Q, class Make, class Undo = destroy_aside>
  BARE_HASH_HOT result<insert_pos> insert_unique(const Q& key, Make&& make, bool may_allocate,
                                                       Undo undo = Undo()) noexcept {
    const std::size_t h = hash_of(key);
    const std::size_t p = home_of(h, b_.gmask());
    std::uint8_t* g = b_.ctrl() + p * group_bytes;
    const group home = group::load(g);
    const pos found = match_in_(key, home.match_word(h2_word_of(h)), p);
    if (found.slot != nullptr) return insert_pos{found, false};
    if (BARE_UNLIKELY((g[overflow_byte] & overflow_bit_of(h)) != 0)) {
      const pos beyond = find_beyond_(key, h, p);
      if (beyond.slot != nullptr) return insert_pos{beyond, false};
    }
    if constexpr (!B::growable) {
      if (BARE_UNLIKELY(size() == capacity())) return err(full_error_());
    }
    if (BARE_LIKELY(size_ != limit_)) {
      // The first empty slot of the probe sequence: in the home group, whose control bytes
      // are at hand, unless it is full.
      const auto empty = home.match_empty();
      if (BARE_LIKELY(static_cast<bool>(empty))) return insert_pos{place_(slot_at{p, empty.lowest()}, h, make), true};
    } else {
      auto r = make_room_for_<Aside>(h, make, may_allocate, undo);
      if (BARE_UNLIKELY(!r)) return err(r.error());
      if (r->slot != nullptr) return insert_pos{*r, true};
    }
    return insert_pos{insert_new(h, make), true};
  }

  // A new element made by make(slot_type*), for hash h, making room first if needed (Aside
  // and undo as for insert_unique). Precondition: no element's key equals the new one's.
  template <bool Aside, class Make, class Undo = destroy_aside>
  BARE_HASH_HOT result<pos> insert_hashed(std::size_t h, Make&& make, bool may_allocate, Undo undo = Undo()) noexcept {
    if constexpr (!B::growable) {
      if (BARE_UNLIKELY(size() == capacity())) return err(full_error_());
    }
    if (BARE_UNLIKELY(size_ == limit_)) {
      auto r = make_room_for_<Aside>(h, make, may_allocate, undo);
      if (BARE_UNLIKELY(!r)) return err(r.error());
      if (r->slot != nullptr) return *r;
    }
    return insert_new(h, make);
  }

  // The cold part of insert_unique / insert_hashed (size() has reached the limit): makes room
  // for one element; with Aside, builds it first and moves it in (returns where), else returns
  // {nullptr, nullptr}: the caller builds it in place.
  template <bool Aside, class Make, class Undo>
  BARE_HASH_HOT result<pos> make_room_for_(std::size_t h, Make& make, bool may_allocate, Undo& undo) noexcept {
    if constexpr (Aside) {
      alignas(slot_type) unsigned char buf[sizeof(slot_type)];
      slot_type* tmp = reinterpret_cast<slot_type*>(buf);
      make(tmp);
      if (auto r = make_room_slow_(1, may_allocate); !r) {
        undo(tmp);
        return err(r.error());
      }
      return insert_new(h, [tmp](slot_type* s) noexcept { relocate_slot(s, tmp); });
    } else {
      (void)h;
      (void)make;
      (void)undo;
      if (auto r = make_room_slow_(1, may_allocate); !r) return err(r.error());
      return pos{nullptr, nullptr};
    }
  }

  // Constructs a new element with make(slot_type*) on h's probe sequence.
  // Preconditions: growth_left() > 0; no element's key equals the new one's; h is its hash.
  template <class Make>
  BARE_HASH_HOT pos insert_new(std::size_t h, Make&& make) noexcept {
    return place_(find_insert_slot(b_.ctrl(), b_.gmask(), h), h, make);
  }

  // Ensures growth_left() >= additional: nothing if it already is; else rehashes in place if
  // size + additional fits in 7/8 of max_load (or fits at all and !may_allocate); else
  // (may_allocate) moves to a block with room for max(size + additional, max_load + 1).
  // O(size) if it rehashes. Errors: capacity_overflow, the allocator's failure, or full when
  // !may_allocate and the elements would not fit. On failure nothing changed. Storage that
  // cannot grow always acts as !may_allocate.
  result<void> make_room(std::size_t additional, bool may_allocate) noexcept {
    if (growth_left() >= additional) return {};
    return make_room_slow_(additional, may_allocate);
  }

  // ---- erasure -----------------------------------------------------------------------------

  // Destroys the element at p and frees its slot. O(1); never allocates.
  // Precondition: p is an element of this table.
  void erase(pos p) noexcept {
    p.slot->slot_type::~slot_type();
    erase_ctrl_(p);
  }
  // Frees the slot at p, whose element the caller has destroyed or moved out.
  void erase_ctrl_(pos p) noexcept {
    *p.ctrl = ctrl_empty;
    --size_;
    const std::uint8_t* g = p.ctrl - (reinterpret_cast<std::uintptr_t>(p.ctrl) & 15);
    if (g[overflow_byte] != 0) --limit_;
  }

  // Destroys every element; keeps the block. O(capacity).
  void clear() noexcept {
    if (!b_.allocated()) return;
    destroy_all_();
    init_ctrl(b_.ctrl(), b_.gmask() + 1);
    size_ = 0;
    limit_ = static_cast<count_type>(b_.limit());
  }

  // ---- iteration ---------------------------------------------------------------------------

  // The first element, or end_pos(). O(groups) worst case.
  pos begin_pos() const noexcept {
    pos p = end_pos();
    if (size_ != 0) seek_occupied(b_.ctrl(), b_.slots(), 0, p.ctrl, p.slot);
    return p;
  }
  // The sentinel (slot == nullptr).
  pos end_pos() const noexcept { return pos{b_.ctrl() + b_.gmask() * group_bytes + (group_slots - 1), nullptr}; }

  // The slots of group g that hold elements (the sentinel is not one).
  auto elements_in_(std::size_t g) const noexcept {
    auto m = group::load(b_.ctrl() + g * group_bytes).match_occupied();
    return g == b_.gmask() ? m.without(group_slots - 1) : m;
  }

  // Calls f(pos) for every element, in iteration order. f must not change the table, except
  // by erase(pos) of the element it was given.
  template <class F>
  void for_each_pos(F&& f) const noexcept {
    if (size_ == 0) return;
    const std::size_t gmask = b_.gmask();
    std::uint8_t* const ctrl = b_.ctrl();
    slot_type* const slots = b_.slots();
    for (std::size_t g = 0; g <= gmask; ++g) {
      std::uint8_t* c = ctrl + g * group_bytes;
      for (auto m = elements_in_(g); m; m.clear_lowest()) {
        const unsigned i = m.lowest();
        f(pos{c + i, slots + g * group_slots + i});
      }
    }
  }

  // ---- capacity ----------------------------------------------------------------------------

  // growth_left() >= n afterwards: the next n insertions neither allocate nor rehash.
  result<void> try_reserve(std::size_t n) noexcept requires B::growable { return make_room(n, true); }

  // Rebuilds the table with room for max(n, size()) elements: in place (no allocation) if
  // that needs as many groups as it has, into a new block otherwise (freeing all memory when
  // both are 0). Clears every stale overflow bit. O(size + capacity).
  result<void> try_rehash(std::size_t n) noexcept requires B::growable {
    const std::size_t want = n > size() ? n : size();
    if (want == 0) {
      release_();
      return {};
    }
    const std::size_t g = groups_for(want, slot_layout);
    if (g == 0) return err(overflow_error_());
    if (g == groups()) {
      rehash_in_place_();
      return {};
    }
    return resize_(g);
  }

  // A copy: the same hasher, key_eq, a copy of the allocator, the same block size and the same
  // positions (so the same iteration order). O(capacity); one allocation (heap storage), plus
  // what cloning each element allocates (elements with try_clone are cloned through it). On
  // failure nothing leaks.
  result<table> try_clone() const noexcept requires cloneable<slot_type> {
    table t(hasher_, eq_, b_, twin_t{});
    if (!b_.allocated()) return t;
    const std::size_t G = b_.gmask() + 1;
    if constexpr (B::growable) {
      block_layout bl{};
      (void)block_layout_for(G, slot_layout, &bl);  // it exists: this table has one
      void* mem = t.b_.alloc().allocate(bl.whole);
      if (mem == nullptr) return err(alloc_failed(t.b_.alloc(), bl.whole));
      t.b_.set(static_cast<std::uint8_t*>(mem) + bl.ctrl_offset, static_cast<slot_type*>(mem), G - 1);
    }
    slot_type* const s = t.b_.slots();
    std::uint8_t* const c = t.b_.ctrl();
    __builtin_memcpy(c, b_.ctrl(), G * group_bytes);
    if constexpr (std::is_trivially_copyable_v<slot_type> && !has_try_clone<slot_type>) {
      __builtin_memcpy(static_cast<void*>(s), static_cast<const void*>(b_.slots()), capacity_of(G) * sizeof(slot_type));
      t.size_ = size_;
    } else {
      // Elements are cloned in place; on failure, t's control bytes are trimmed to the clones
      // made so far (the rest emptied) and t's destructor frees them.
      bool failed = false;
      alloc_error e{};
      for_each_pos([&](pos p) {
        const std::size_t idx = static_cast<std::size_t>(p.slot - b_.slots());
        std::uint8_t* tc = c + ctrl_index(idx);
        if (failed) {
          *tc = ctrl_empty;
          return;
        }
        auto r = clone_into(s + idx, *p.slot);
        if (!r) {
          failed = true;
          e = r.error();
          *tc = ctrl_empty;
          return;
        }
        ++t.size_;
      });
      if (failed) return err(e);
    }
    t.limit_ = limit_;
    return t;
  }

  void swap(table& o) noexcept {
    table tmp(static_cast<table&&>(o));
    o = static_cast<table&&>(*this);
    *this = static_cast<table&&>(tmp);
  }

  // Verifies the representation invariant. O(size * probe length) hashes and comparisons.
  hash_check check() const noexcept {
    const std::size_t gmask = b_.gmask();
    const std::uint8_t* const ctrl = b_.ctrl();
    if (!b_.allocated()) {
      if (b_.slots() != nullptr || gmask != 0 || ctrl != empty_ctrl || size_ != 0 || limit_ != 0)
        return {"an empty table has state"};
      return {};
    }
    const std::size_t G = gmask + 1;
    if ((G & gmask) != 0) return {"the number of groups is not a power of two"};
    if ((reinterpret_cast<std::uintptr_t>(ctrl) & 15) != 0) return {"control bytes are not 16-byte aligned"};
    std::size_t full = 0;
    for (std::size_t g = 0; g < G; ++g) {
      const std::uint8_t* c = ctrl + g * group_bytes;
      for (std::size_t i = 0; i < group_slots; ++i) {
        const bool is_sentinel = g == gmask && i == group_slots - 1;
        if (is_sentinel != (c[i] == ctrl_sentinel)) return {"the sentinel is missing or misplaced"};
        if (c[i] < 2) continue;
        ++full;
        const slot_type& s = b_.slots()[g * group_slots + i];
        const std::size_t h = hash_of(key_of(s));
        if (h2_of(h) != c[i]) return {"a control byte does not match its element's hash"};
        // Reachable: every group before g on the probe sequence is full or overflowed for h.
        std::size_t p = home_of(h, gmask);
        for (std::size_t step = 1; p != g; ++step) {
          if (step > G) return {"an element lies off its probe sequence"};
          const std::uint8_t* pg = ctrl + p * group_bytes;
          if ((pg[overflow_byte] & overflow_bit_of(h)) == 0) return {"an element is unreachable (overflow bit clear)"};
          p = (p + step) & gmask;
        }
        const pos f = find_hashed(key_of(s), h);
        if (f.slot != &s) return {"two elements have equal keys"};
      }
    }
    if (full != size()) return {"size() does not match the full control bytes"};
    if (size() > capacity()) return {"size() exceeds the capacity"};
    if (size_ > limit_ || b_.limit() < static_cast<std::size_t>(limit_)) return {"the growth budget exceeds the maximum load"};
    return {};
  }

 private:
  [[no_unique_address]] B b_;  // (so that the counts may pack into its tail padding)
  count_type size_ = 0;
  count_type limit_ = 0;  // size_ + the growth budget
  [[no_unique_address]] H hasher_;
  [[no_unique_address]] Eq eq_;

  // The element equal to q among the slots m of group p (slot == nullptr if none).
  template <class Q>
  BARE_HASH_HOT pos match_in_(const Q& q, typename group::mask m, std::size_t p) const noexcept {
    if (m) {
      slot_type* s = b_.slots() + p * group_slots;
      // The first line of the group's slots, while the match is decoded: a hit's line is
      // often it or its neighbour (which the L2 streamer fetches along).
      __builtin_prefetch(s);
      do {
        const unsigned i = m.lowest();
        if (BARE_LIKELY(eq_(q, key_of(s[i])))) return pos{b_.ctrl() + p * group_bytes + i, s + i};
        m.clear_lowest();
      } while (m);
    }
    return pos{nullptr, nullptr};
  }

  // The rest of a lookup (find_hashed, insert_unique): the groups after the home group p,
  // while they overflowed for h.
  template <class Q>
  BARE_NOINLINE pos find_beyond_(const Q& q, std::size_t h, std::size_t p) const noexcept {
    const std::uint32_t h2w = h2_word_of(h);
    const std::size_t gmask = b_.gmask();
    for (std::size_t step = 1; step <= gmask; ++step) {
      p = (p + step) & gmask;
      const std::uint8_t* g = b_.ctrl() + p * group_bytes;
      const pos found = match_in_(q, group::load(g).match_word(h2w), p);
      if (found.slot != nullptr) return found;
      if ((g[overflow_byte] & overflow_bit_of(h)) == 0) break;
    }
    return pos{nullptr, nullptr};
  }

  // Constructs the element (make(slot_type*)) at a free slot and marks it full.
  template <class Make>
  BARE_HASH_HOT pos place_(slot_at at, std::size_t h, Make& make) noexcept {
    slot_type* s = b_.slots() + at.group * group_slots + at.offset;
    make(s);
    std::uint8_t* c = b_.ctrl() + at.group * group_bytes + at.offset;
    *c = h2_of(h);
    ++size_;

    return pos{c, s};
  }

  // Owns nothing afterwards: no block (heap), every slot empty (inline); the elements were
  // destroyed or moved away.
  void forget_block_() noexcept {
    b_.forget();
    size_ = 0;
    limit_ = static_cast<count_type>(b_.limit());
  }

  void destroy_all_() noexcept {
    if constexpr (!std::is_trivially_destructible_v<slot_type>) {
      for_each_pos([](pos p) { p.slot->slot_type::~slot_type(); });
    }
  }

  void release_() noexcept {
    destroy_all_();
    b_.free();
    forget_block_();
  }

  static alloc_error overflow_error_() noexcept { return capacity_overflow(slot_layout.align); }
  static constexpr alloc_error full_error_() noexcept { return alloc_error{alloc_errc::full, slot_layout}; }

  BARE_NOINLINE result<void> make_room_slow_(std::size_t additional, bool may_allocate) noexcept {
    if constexpr (!B::growable) may_allocate = false;
    std::size_t needed = 0;
    if (!checked_add(size(), additional, &needed)) return err(overflow_error_());
    const std::size_t full = capacity();
    if (needed <= full - full / 8 || (!may_allocate && needed <= full)) {
      rehash_in_place_();
      return {};
    }
    if (!may_allocate) return err(full_error_());
    if constexpr (B::growable) {
      const std::size_t g = groups_for(needed > full ? needed : full + 1, slot_layout);
      if (g == 0) return err(overflow_error_());
      return resize_(g);
    } else {
      return {};  // (not reached: may_allocate is false)
    }
  }

  // Moves every element into a new block of g groups and frees the old one. On failure
  // nothing changed. Precondition: max_load(g) >= size_.
  BARE_NOINLINE result<void> resize_(std::size_t g) noexcept {
    block_layout bl{};
    if (!block_layout_for(g, slot_layout, &bl)) return err(overflow_error_());
    void* mem = b_.alloc().allocate(bl.whole);
    if (BARE_UNLIKELY(mem == nullptr)) return err(alloc_failed(b_.alloc(), bl.whole));
    slot_type* s = static_cast<slot_type*>(mem);
    std::uint8_t* c = static_cast<std::uint8_t*>(mem) + bl.ctrl_offset;
    init_ctrl(c, g);
    const std::size_t gmask = g - 1;
    const auto place = [&](slot_type* src, std::size_t h, slot_at at) {
      relocate_slot(s + at.group * group_slots + at.offset, src);
      c[at.group * group_bytes + at.offset] = h2_of(h);
    };
    const std::size_t old_groups = b_.gmask() + 1;
    if (size_ != 0 && g == 2 * old_groups) {
      // Doubling (every growth by insertion): an element at home in old group og has its
      // home at og or og + old_groups now (homes are the hash's low bits). Those two groups'
      // empty slots are loaded once per old group and then taken from registers. Reloading a
      // group for each element stalled: a 16-byte load just after a byte store to the same
      // group cannot be forwarded from it, and a load of the other group 4K-aliases that store
      // (the groups are old_groups * 16 bytes apart, a multiple of 4096 from 256 groups on).
      // Measured (u64 -> u64, one rehash, ticks per element, against boost::unordered_flat_map
      // in the same process): 72 -> 61 at 430080 elements (boost 61), 77 -> 64 at 3440640
      // (boost 65).
      slot_type* const old_slots = b_.slots();
      for (std::size_t og = 0; og < old_groups; ++og) {
        const std::size_t lo = og, hi = og + old_groups;
        auto empty_lo = group::load(c + lo * group_bytes).match_empty();
        auto empty_hi = group::load(c + hi * group_bytes).match_empty();
        for (auto m = elements_in_(og); m; m.clear_lowest()) {
          slot_type* src = old_slots + og * group_slots + m.lowest();
          const std::size_t h = hash_of(key_of(*src));
          const std::size_t home = home_of(h, gmask);
          if (home == lo && empty_lo) {
            place(src, h, slot_at{lo, empty_lo.lowest()});
            empty_lo.clear_lowest();
          } else if (home == hi && empty_hi) {
            place(src, h, slot_at{hi, empty_hi.lowest()});
            empty_hi.clear_lowest();
          } else {  // displaced in the old table, or its home group is full
            const slot_at at = find_insert_slot(c, gmask, h);
            if (at.group == lo) empty_lo = empty_lo.without(at.offset);
            if (at.group == hi) empty_hi = empty_hi.without(at.offset);
            place(src, h, at);
          }
        }
      }
    } else {
      for_each_pos([&](pos p) {
        const std::size_t h = hash_of(key_of(*p.slot));
        place(p.slot, h, find_insert_slot(c, gmask, h));
      });
    }
    b_.free();
    b_.set(c, s, gmask);
    limit_ = max_load(g);
    return {};
  }

  // Rebuilds the placement within the same block, clearing every overflow bit; no allocation.
  // Every element is marked pending (control byte 1; the sentinel is parked on 0xFF meanwhile),
  // then each pending one is placed on its probe sequence: it stays if that reaches its own
  // group first; else it moves to the first empty slot, or swaps with the first pending one
  // (which is then placed in turn). Groups passed on the way get the element's overflow bit.
  // Each step places one element for good, so this ends after at most size() swaps.
  BARE_NOINLINE void rehash_in_place_() noexcept {
    if (!b_.allocated()) return;
    const std::size_t gmask = b_.gmask(), G = gmask + 1;
    std::uint8_t* const ctrl = b_.ctrl();
    slot_type* const slots = b_.slots();
    constexpr std::uint8_t pending = ctrl_sentinel, parked = 0xFF;
    std::uint8_t* const sentinel = ctrl + gmask * group_bytes + (group_slots - 1);
    for (std::size_t g = 0; g < G; ++g) {
      std::uint8_t* c = ctrl + g * group_bytes;
      for (std::size_t i = 0; i < group_slots; ++i) c[i] = c[i] == ctrl_empty ? ctrl_empty : pending;
      c[overflow_byte] = 0;
    }
    *sentinel = parked;
    for (std::size_t idx = 0; idx < G * group_slots; ++idx) {
      std::uint8_t* ci = ctrl + ctrl_index(idx);
      while (*ci == pending) {
        const std::size_t h = hash_of(key_of(slots[idx]));
        const std::uint8_t bit = overflow_bit_of(h);
        const std::size_t own = idx / group_slots;
        std::size_t p = home_of(h, gmask);
        for (std::size_t step = 1;; ++step) {
          if (p == own) {
            *ci = h2_of(h);
            break;
          }
          std::uint8_t* pg = ctrl + p * group_bytes;
          const auto grp = group::load(pg);
          const auto free = grp.match_empty() | grp.match(pending);
          if (free) {
            const unsigned j = free.lowest();
            slot_type* dst = slots + p * group_slots + j;
            if (pg[j] == ctrl_empty) {
              relocate_slot(dst, slots + idx);
              *ci = ctrl_empty;
            } else {
              swap_slots_(dst, slots + idx);  // idx now holds the pending element from dst
            }
            pg[j] = h2_of(h);
            break;
          }
          pg[overflow_byte] |= bit;
          p = (p + step) & gmask;
        }
      }
    }
    *sentinel = ctrl_sentinel;
    limit_ = static_cast<count_type>(b_.limit());
  }

  static void swap_slots_(slot_type* a, slot_type* b) noexcept {
    alignas(slot_type) unsigned char tmp[sizeof(slot_type)];
    slot_type* t = reinterpret_cast<slot_type*>(tmp);
    relocate_slot(t, a);
    relocate_slot(a, b);
    relocate_slot(b, t);
  }
};

}  // namespace detail::hash
}  // namespace bare
