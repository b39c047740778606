// bare/vec_view.hpp — vec_view<T>: a capacity-erased view of a contiguous container's storage
// (heapless's VecView, ETL's ivector): a function that takes a vec_view<int> accepts a
// fixed_vec<int, N> of any N (and a vec<int, A>, small_vec, buffer_vec), and there is one
// copy of its machine code.
//
//   void sample(bare::vec_view<int> out) {           // one function for every N
//     while (adc_ready())
//       if (!out.try_push_back(adc_read())) break;     // full: reported, never truncated silently
//   }
//   bare::fixed_vec<int, 8> a;  bare::fixed_vec<int, 32> b;
//   sample(a);  sample(b);
//
// A view refers to the container's array, capacity and length; it is copied by value (two
// copies refer to the same container) and must not outlive the container. It has the whole
// vec API over that storage (push, insert, erase, retain, drain, ...) except what would need
// new storage: it never allocates; whatever does not fit is alloc_errc::full (try_X) or a
// panic (X). Through a view of a vec, the vec's capacity cannot grow.
//
// Costs are the container's, plus reading and writing the length through a pointer of one of
// four widths (fixed containers store their length in the smallest type that holds N): a
// switch on each access, the price of one copy of the code for every N.
// Invalidation: as the viewed container's; the view itself stays valid as long as the
// container lives and is not moved, and (a vec) not reallocated.
#pragma once

#include <cstddef>
#include <utility>

#include "bare/detail/fixed_storage.hpp"
#include "bare/detail/vec_core.hpp"

namespace bare {

template <class T>
class vec_view : public detail::vec_core<T, detail::vec_view_storage<T>> {
  using core = detail::vec_core<T, detail::vec_view_storage<T>>;

 public:
  // A view of c's storage (any kind: fixed_vec, vec, small_vec, buffer_vec, ...). O(1).
  template <class S>
  constexpr vec_view(detail::vec_core<T, S>& c) noexcept  // NOLINT: implicit by design
      : core(std::in_place, c.s_.data(), c.s_.cap(), c.s_.length_ref()) {}
};

}  // namespace bare
