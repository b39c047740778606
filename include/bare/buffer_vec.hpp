// bare/buffer_vec.hpp — buffer_vec<T>: a vector over a buffer the caller provides (a static
// array, a stack array, a linker section, memory from elsewhere), as ETL's vector_ext. It
// owns the elements it holds, not the buffer, and never allocates.
//
//   alignas(sensor_rec) static unsigned char log_area[64 * sizeof(sensor_rec)];   // .noinit, ...
//   bare::buffer_vec<sensor_rec> log(bare::uninit_span<sensor_rec>{
//       reinterpret_cast<sensor_rec*>(log_area), 64});
//
// It is vec's algorithm over the caller's array (detail::vec_core): the same API and strong
// guarantee; what does not fit is alloc_errc::full (try_X) or a panic (X), as with fixed_vec.
// Move-only: moving hands the buffer and the elements over (the source is left without a
// buffer, capacity 0). Destroying it destroys the elements; the buffer must outlive it.
// It converts to vec_view<T>.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

#include "bare/detail/fixed_storage.hpp"
#include "bare/detail/vec_core.hpp"
#include "bare/vec_view.hpp"

namespace bare {

template <class T>
class buffer_vec : public detail::vec_core<T, detail::buffer_vec_storage<T>> {
  using core = detail::vec_core<T, detail::buffer_vec_storage<T>>;

 public:
  // Empty, over `slots` (uninitialised room for slots.size elements, aligned for T). O(1).
  // Precondition (checked): slots.data is aligned for T, or slots.size == 0.
  explicit buffer_vec(uninit_span<T> slots, source_loc where = source_loc::current()) noexcept
      : core(std::in_place, slots.data, slots.size) {
    BARE_ASSERT_AT(slots.size == 0 || reinterpret_cast<std::uintptr_t>(slots.data) % alignof(T) == 0,
                   "bare::buffer_vec: buffer not aligned for T", where);
  }
  // Empty, over raw bytes: from the first address aligned for T, as many whole slots as fit
  // (none if the bytes are too few). O(1).
  explicit buffer_vec(std::span<std::byte> bytes) noexcept : buffer_vec(slots_in_(bytes)) {}

  buffer_vec(buffer_vec&&) noexcept = default;
  buffer_vec& operator=(buffer_vec&&) noexcept = default;
  ~buffer_vec() = default;

  // A view of this vector (also an implicit conversion). O(1).
  vec_view<T> view() noexcept { return vec_view<T>(*this); }

 private:
  static uninit_span<T> slots_in_(std::span<std::byte> bytes) noexcept {
    const auto a = reinterpret_cast<std::uintptr_t>(bytes.data());
    const std::size_t skip = (alignof(T) - a % alignof(T)) % alignof(T);
    if (skip >= bytes.size()) return {nullptr, 0};
    const std::size_t n = (bytes.size() - skip) / sizeof(T);
    return {n == 0 ? nullptr : reinterpret_cast<T*>(bytes.data() + skip), n};
  }
};

}  // namespace bare
