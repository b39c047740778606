// bare/compare.hpp — bare::less and bare::greater: the ordering functors of the ordered
// containers (binary_heap, and later btree_map). <functional> is not freestanding (it needs a
// C library on the targets), so bare has its own: less<T>()(a, b) is a < b, greater<T>()(a, b)
// is b < a (so both need only operator<); less<> and greater<> are transparent.
//
//   bare::binary_heap<int>                     max-heap (the default, bare::less<int>)
//   bare::binary_heap<int, bare::greater<int>> min-heap
//
// Unlike std::less<T*>, these do not promise a total order over unrelated pointers.
#pragma once

#include <utility>

namespace bare {

template <class T = void>
struct less {
  constexpr bool operator()(const T& a, const T& b) const noexcept(noexcept(a < b)) { return a < b; }
};
template <>
struct less<void> {
  using is_transparent = void;
  template <class T, class U>
  constexpr bool operator()(T&& a, U&& b) const noexcept(noexcept(std::forward<T>(a) < std::forward<U>(b))) {
    return std::forward<T>(a) < std::forward<U>(b);
  }
};

template <class T = void>
struct greater {
  constexpr bool operator()(const T& a, const T& b) const noexcept(noexcept(b < a)) { return b < a; }
};
template <>
struct greater<void> {
  using is_transparent = void;
  template <class T, class U>
  constexpr bool operator()(T&& a, U&& b) const noexcept(noexcept(std::forward<U>(b) < std::forward<T>(a))) {
    return std::forward<U>(b) < std::forward<T>(a);
  }
};

}  // namespace bare
