// bare/alloc/layout.hpp — the size and alignment of a block of memory.
#pragma once

#include <cstddef>

namespace bare {

using std::size_t;

// A request for memory: `size` bytes aligned to `align`.
// Invariant (checked by is_valid): align is a power of two; size may be 0.
struct layout {
  size_t size = 0;
  size_t align = 1;

  constexpr bool is_valid() const noexcept { return align != 0 && (align & (align - 1)) == 0; }
  friend constexpr bool operator==(layout, layout) noexcept = default;
};

// The layout of one T.
template <class T>
inline constexpr layout layout_of{sizeof(T), alignof(T)};

}  // namespace bare
