// bare/string_buf.hpp — string_buf: a capacity-erased view of a string's storage, "a
// fixed_string of any N": a function taking a string_buf accepts a fixed_string<N> of any N
// (and a string<A>, whose capacity it cannot grow), with one copy of its machine code.
//
//   void format_reading(bare::string_buf out, int mv) {
//     (void)out.try_push_str("V=");      // full: reported, never cut mid-character
//     (void)out.try_append_int(mv);
//   }
//   bare::fixed_string<16> line;  format_reading(line, 3300);
//
// It has the whole string API over that storage (detail::string_core): it never allocates;
// what does not fit is alloc_errc::full (try_X) or a panic (X). It is copied by value (copies
// refer to the same string) and must not outlive the string. Costs are the string's, plus the
// length accessed through a pointer of one of four widths (see vec_view).
#pragma once

#include <utility>

#include "bare/detail/string_core.hpp"
#include "bare/vec_view.hpp"

namespace bare {

class string_buf : public detail::string_core<vec_view<char>> {
  using core = detail::string_core<vec_view<char>>;

 public:
  // A view of s's storage (fixed_string<N>, string<A>, ...). O(1).
  template <class Buf>
  string_buf(detail::string_core<Buf>& s) noexcept  // NOLINT: implicit by design
      : core(std::in_place, vec_view<char>(s.buf_)) {}
};

}  // namespace bare
