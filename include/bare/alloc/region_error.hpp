// bare/alloc/region_error.hpp — why an allocator rejected the byte range it was given
// (region_allocator::init/add_region, bounded_allocator::init), and the result of check().
#pragma once

#include <cstdint>

namespace bare {

// Why init/add_region rejected a range.
enum class region_error : std::uint8_t {
  null_range,  // start is nullptr
  misaligned,  // start is not aligned to sizeof(void*)
  too_small,   // after alignment and headers, not even one minimum block fits
  wraps,       // start + size overflows the address space
};

constexpr const char* to_string(region_error e) noexcept {
  switch (e) {
    case region_error::null_range: return "region: null range";
    case region_error::misaligned: return "region: start not aligned to sizeof(void*)";
    case region_error::too_small: return "region: range too small";
    case region_error::wraps: return "region: range wraps around the address space";
  }
  return "region: unknown error";
}

// The result of an allocator's check(): ok, or the first broken invariant.
struct heap_check {
  const char* problem = nullptr;
  constexpr explicit operator bool() const noexcept { return problem == nullptr; }
};

}  // namespace bare
