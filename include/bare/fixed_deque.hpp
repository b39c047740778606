// bare/fixed_deque.hpp — fixed_deque<T, N>: a double-ended queue of at most N elements in a
// ring inside the object (heapless's Deque, ETL's circular_buffer / deque<T, N>). It never
// allocates; any N (not only powers of two), and all N slots are used.
//
// It is vec_deque's algorithm over inline storage (detail::ring_core): the same API, the same
// strong guarantee. Every operation that could exceed N comes as try_X (alloc_errc::full, the
// deque unchanged) and X (a panic when full: declared also under
// BARE_NO_GLOBAL_OOM_HANDLING); and a ring can instead overwrite its oldest element:
//
//   bare::fixed_deque<sample, 64> history;
//   history.push_back_overwrite(s);        // full: drops (and returns) the front
//
// A fixed_deque converts to deque_view<T> (bare/deque_view.hpp), one function for every N.
// Layout: N slots, then the head and the length, each in the smallest unsigned type that holds
// N: sizeof(fixed_deque<uint8_t, 16>) == 18. Copying copies the elements (lined up from
// slot 0); moving moves them and leaves the source empty (a trivially copyable T: both copy
// the bytes).
// Costs: push / pop at either end O(1); index O(1) (one compare, no division); insert / erase
// in the middle move the shorter side. Iterators are invalidated as vec_deque's, except that
// nothing ever reallocates.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <span>
#include <utility>

#include "bare/deque_view.hpp"
#include "bare/detail/clone.hpp"
#include "bare/detail/fixed_storage.hpp"
#include "bare/detail/ring_core.hpp"
#include "bare/result.hpp"

namespace bare {

template <class T, std::size_t N>
class fixed_deque : public detail::ring_core<T, detail::inline_ring_storage<T, N>> {
  using core = detail::ring_core<T, detail::inline_ring_storage<T, N>>;
  using core::s_;

 public:
  using length_type = typename detail::inline_ring_storage<T, N>::len_type;

  // Empty. O(1) (no element is constructed).
  fixed_deque() noexcept = default;
  // Copies of the list's elements. O(n). Panics if there are more than N (never truncates).
  fixed_deque(std::initializer_list<T> il) noexcept requires detail::cloneable<T> {
    this->extend_from(std::span<const T>(il.begin(), il.size()));
  }
  // Copies of src; alloc_errc::full if src.size() > N. O(n).
  static result<fixed_deque> try_from(std::span<const T> src) noexcept requires detail::cloneable<T> {
    fixed_deque d;
    if (auto r = d.try_extend_from(src); !r) return err(r.error());
    return d;
  }

  fixed_deque(const fixed_deque&) = default;
  fixed_deque(fixed_deque&&) noexcept = default;
  fixed_deque& operator=(const fixed_deque&) = default;
  fixed_deque& operator=(fixed_deque&&) noexcept = default;
  ~fixed_deque() = default;

  // A copy, cloning each element (through try_clone() where it has one). O(n).
  result<fixed_deque> try_clone() const noexcept requires detail::cloneable<T> {
    fixed_deque d;
    const auto [a, b] = this->as_slices();
    auto r = d.clone_from_(a.data(), a.size());
    if (r) r = d.clone_from_(b.data(), b.size());
    if (!r) return err(r.error());
    return d;
  }

  // Moves the elements [at, size()) into a new fixed_deque and returns it; this keeps
  // [0, at). O(size() - at), never fails. Precondition (checked): at <= size().
  fixed_deque split_off(std::size_t at, source_loc where = source_loc::current()) noexcept {
    BARE_ASSERT_AT(at <= this->size(), "bare::vec_deque::split_off: index out of range", where);
    fixed_deque out;
    this->relocate_out_(out.s_.buf(), at, this->size() - at);
    out.s_.set_len(this->size() - at);
    s_.set_len(at);
    return out;
  }

  // A view of this deque (also an implicit conversion). O(1).
  deque_view<T> view() noexcept { return deque_view<T>(*this); }

  void swap(fixed_deque& other) noexcept {
    fixed_deque tmp(static_cast<fixed_deque&&>(other));
    other = static_cast<fixed_deque&&>(*this);
    *this = static_cast<fixed_deque&&>(tmp);
  }
  friend void swap(fixed_deque& a, fixed_deque& b) noexcept { a.swap(b); }
};

template <class T, std::size_t N>
struct is_trivially_relocatable<fixed_deque<T, N>> : is_trivially_relocatable<T> {};

}  // namespace bare
