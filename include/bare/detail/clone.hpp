// bare/detail/clone.hpp — copying elements fallibly: a T with a try_clone() member (bare's own
// containers, whose copies allocate) is cloned through it, so a failure deep inside a nested
// container surfaces as an error; any other T is copy-constructed.
#pragma once

#include <new>
#include <type_traits>

#include "bare/detail/raw_vec.hpp"
#include "bare/result.hpp"

namespace bare::detail {

template <class T>
concept has_try_clone = requires(const T& t) {
  { t.try_clone() } -> std::same_as<result<T>>;
};

template <class T>
concept cloneable = has_try_clone<T> || std::is_copy_constructible_v<T>;

// Constructs a copy of src at dst. Preconditions: dst is uninitialised storage for a T.
template <cloneable T>
constexpr result<void> clone_into(T* dst, const T& src) noexcept {
  if constexpr (has_try_clone<T>) {
    auto r = src.try_clone();
    if (!r) return err(r.error());
    construct_elem(dst, static_cast<T&&>(*r));
  } else {
    construct_elem(dst, src);
  }
  return {};
}

}  // namespace bare::detail
