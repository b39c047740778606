// bare/fixed_vec.hpp — fixed_vec<T, N>: a vector of at most N elements stored inside the
// object (heapless's Vec, ETL's vector<T, N>, boost's static_vector). It never allocates.
//
// It is vec's algorithm over inline storage (detail::vec_core, detail/vec_core.hpp): the same
// API, the same strong guarantee. Every operation that could exceed N comes as
//   try_X(...)  -> result<...>: alloc_errc::full and the vector exactly as before (an
//                  extend or a construction from a range never truncates silently);
//   X(...)      the same, panicking (bare::panic) when full: a precondition violation here,
//               so X is declared also under BARE_NO_GLOBAL_OOM_HANDLING.
// A fixed_vec converts to vec_view<T> (bare/vec_view.hpp) so that one function serves every N.
//
// Layout: N slots, then the length in the smallest unsigned type that holds N (one byte up to
// N = 255): sizeof(fixed_vec<uint8_t, 16>) == 17. Copying copies the elements (a
// fixed_vec of a trivially copyable T is trivially copyable); moving moves them and leaves
// the source empty (for a trivially copyable T, a move is a copy).
//
// constexpr (C++20): for a literal T that is default-constructible and trivially
// destructible, a fixed_vec can be built at compile time. A constexpr variable is then
// constant data, placed in read-only memory (.rodata: flash on a microcontroller, no RAM and no
// start-up copy); a constinit one is initialised data (.data), mutable at run time:
//   constexpr bare::fixed_vec<int, 4> primes{2, 3, 5, 7};                  // .rodata
//   constinit bare::fixed_vec<int, 8> table = bare::fixed_vec<int, 8>{1, 2};  // .data
// Usable in constant evaluation: construction (default, list, try_from / from), copy and
// move, push / emplace / insert, erase / remove / swap_remove / pop_back / truncate, resize,
// retain, dedup, extend and assign from a span, split_off, swap, element access, iteration,
// search, comparison. Not: try_clone / clone, drain (its range is not a literal type),
// vec_view (it refers to the length through a type-erased len_ref), and any T outside the
// class above: in constant evaluation every slot holds a T() (C++20 cannot start the
// lifetime of one element of a union's array, detail/fixed_storage.hpp), which needs a
// default constructor, and a non-trivial destructor would need a constexpr destructor of
// the slots. Checked by tests/unit/fixed_vec_test.cpp (static_assert), tests/build_fail/
// fixed_rodata.cpp (the section of a constexpr object) and tests/freestanding/test_fixed.cpp
// (the same on the targets).
//
// Costs: as vec's, minus the growth (no operation ever allocates or moves the array);
// iterators and pointers are invalidated only by operations that move elements (insert,
// erase, ...), never by running out of room.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <span>
#include <type_traits>
#include <utility>

#include "bare/detail/clone.hpp"
#include "bare/detail/fixed_storage.hpp"
#include "bare/detail/vec_core.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"
#include "bare/vec_view.hpp"

namespace bare {

template <class T, std::size_t N>
class fixed_vec : public detail::vec_core<T, detail::inline_vec_storage<T, N>> {
  using core = detail::vec_core<T, detail::inline_vec_storage<T, N>>;
  using core::s_;

 public:
  // The type the length is stored in.
  using length_type = typename detail::inline_vec_storage<T, N>::len_type;

  // Empty. O(1) (no element is constructed).
  constexpr fixed_vec() noexcept = default;
  // Copies of the list's elements. O(n). Panics if there are more than N (never truncates).
  constexpr fixed_vec(std::initializer_list<T> il) noexcept requires detail::cloneable<T> {
    this->extend_from(std::span<const T>(il.begin(), il.size()));
  }
  // Copies of src; alloc_errc::full if src.size() > N. O(n).
  static constexpr result<fixed_vec> try_from(std::span<const T> src) noexcept requires detail::cloneable<T> {
    fixed_vec v;
    if (auto r = v.try_extend_from(src); !r) return err(r.error());
    return v;
  }
  // The same, panicking if src.size() > N.
  static constexpr fixed_vec from(std::span<const T> src) noexcept requires detail::cloneable<T> {
    fixed_vec v;
    v.extend_from(src);
    return v;
  }

  constexpr fixed_vec(const fixed_vec&) = default;
  constexpr fixed_vec(fixed_vec&&) noexcept = default;
  constexpr fixed_vec& operator=(const fixed_vec&) = default;
  constexpr fixed_vec& operator=(fixed_vec&&) noexcept = default;
  constexpr ~fixed_vec() = default;

  // A copy, cloning each element (through try_clone() where it has one, so a nested
  // allocation failure surfaces here). O(n); allocates only what the element clones do.
  constexpr result<fixed_vec> try_clone() const noexcept requires detail::cloneable<T> {
    fixed_vec v;
    if (auto r = v.clone_from_(this->as_span()); !r) return err(r.error());
    return v;
  }
#if BARE_OOM_HANDLING
  fixed_vec clone() const noexcept requires detail::cloneable<T> {
    return detail::unwrap_or_handle(try_clone());
  }
#endif

  // Moves the elements [at, size()) into a new fixed_vec and returns it; this keeps [0, at).
  // O(size() - at), never fails. Precondition (checked): at <= size().
  constexpr fixed_vec split_off(std::size_t at, source_loc where = source_loc::current()) noexcept {
    BARE_ASSERT_AT(at <= this->size(), "bare::fixed_vec::split_off: index out of range", where);
    fixed_vec out;
    out.s_.set_len(this->size() - at);
    this->split_to_(out.data(), at);
    return out;
  }

  // A view of this vector (also an implicit conversion). O(1).
  constexpr vec_view<T> view() noexcept { return vec_view<T>(*this); }

  // Exchanges the contents. O(N) moves at most; never fails.
  constexpr void swap(fixed_vec& other) noexcept {
    fixed_vec tmp(static_cast<fixed_vec&&>(other));
    other = static_cast<fixed_vec&&>(*this);
    *this = static_cast<fixed_vec&&>(tmp);
  }
  friend constexpr void swap(fixed_vec& a, fixed_vec& b) noexcept { a.swap(b); }
};

// Moving a fixed_vec as bytes is a valid relocation when moving its elements so is.
template <class T, std::size_t N>
struct is_trivially_relocatable<fixed_vec<T, N>> : is_trivially_relocatable<T> {};

}  // namespace bare
