// bare/std_interop.hpp — hosted programs only: conversions between bare's types and the
// standard library's. The freestanding headers never include it.
#pragma once

#include <string_view>

#include "bare/str.hpp"
#include "bare/string.hpp"

namespace bare {

// A view of the same bytes. O(1).
inline std::string_view to_string_view(str s) noexcept { return {s.data(), s.size()}; }
template <allocator A>
std::string_view to_string_view(const string<A>& s) noexcept {
  return {s.data(), s.size()};
}

// The bytes of v as a str if they are UTF-8 (else where they are not). O(n).
inline result<str, utf8_error> str_from(std::string_view v) noexcept { return str::from_utf8(v.data(), v.size()); }

}  // namespace bare
