// bare/deque_view.hpp — deque_view<T>: a capacity-erased view of a ring's storage: a function
// that takes a deque_view<T> accepts a fixed_deque<T, N> of any N (and a vec_deque<T, A>,
// whose capacity it cannot grow), with one copy of its machine code.
//
// It has the whole deque API over that storage (detail::ring_core): push and pop at both
// ends, insert, erase, rotate, make_contiguous, drain, and the overwriting pushes
// (push_back_overwrite) of a history buffer. It never allocates: what does not fit is
// alloc_errc::full (try_X) or a panic (X). It is copied by value (copies refer to the same
// deque) and must not outlive the deque. Costs are the deque's, plus the head and length
// accessed through pointers of one of four widths (see vec_view).
#pragma once

#include <utility>

#include "bare/detail/fixed_storage.hpp"
#include "bare/detail/ring_core.hpp"

namespace bare {

template <class T>
class deque_view : public detail::ring_core<T, detail::ring_view_storage<T>> {
  using core = detail::ring_core<T, detail::ring_view_storage<T>>;

 public:
  // A view of d's storage (fixed_deque, vec_deque, ...). O(1).
  template <class S>
  deque_view(detail::ring_core<T, S>& d) noexcept  // NOLINT: implicit by design
      : core(std::in_place, d.s_.buf(), d.s_.cap(), d.s_.head_ref(), d.s_.length_ref()) {}
};

}  // namespace bare
