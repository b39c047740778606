// bare/alloc/counting.hpp — counting<A>: A plus statistics of what went through it.
//
// Counts current / peak / total bytes and the number of allocations, deallocations and
// failures. Costs a few adds per call; not synchronised (wrap in locked<> for ISR use).
// Forwards grow/shrink when A has them (a grow counts as one allocation of the new size and
// one deallocation of the old). Hand it to containers through by_ref<counting<A>>.
#pragma once

#include <cstddef>

#include "bare/alloc/allocator.hpp"

namespace bare {

struct alloc_stats {
  std::size_t current_bytes = 0;   // live bytes now
  std::size_t peak_bytes = 0;      // maximum of current_bytes so far
  std::size_t total_bytes = 0;     // sum of all successful allocation sizes
  std::size_t allocations = 0;     // successful allocate/grow/shrink calls
  std::size_t deallocations = 0;   // deallocate calls (and blocks released by grow/shrink)
  std::size_t failures = 0;        // calls that returned nullptr
  // Blocks allocated and not yet freed since the last reset_stats().
  std::size_t live_blocks() const noexcept { return allocations - deallocations; }
};

template <allocator A>
class counting {
 public:
  constexpr counting() noexcept requires std::default_initializable<A> = default;
  constexpr explicit counting(A inner) noexcept : inner_(static_cast<A&&>(inner)) {}

  void* allocate(layout l) noexcept {
    void* p = inner_.allocate(l);
    if (p == nullptr) ++s_.failures;
    else on_alloc_(l.size);
    return p;
  }
  void deallocate(void* p, layout l) noexcept {
    inner_.deallocate(p, l);
    on_free_(l.size);
  }
  void* grow(void* p, layout old, std::size_t n) noexcept requires allocator_with_grow<A> {
    return resized_(inner_.grow(p, old, n), old.size, n);
  }
  void* shrink(void* p, layout old, std::size_t n) noexcept requires allocator_with_shrink<A> {
    return resized_(inner_.shrink(p, old, n), old.size, n);
  }

  alloc_errc last_failure() const noexcept {
    return detail::last_failure_of(inner_);
  }

  const alloc_stats& stats() const noexcept { return s_; }
  // Restarts the counters; live bytes stay counted (peak starts from them).
  void reset_stats() noexcept { s_ = alloc_stats{s_.current_bytes, s_.current_bytes, 0, 0, 0, 0}; }
  A& inner() noexcept { return inner_; }

 private:
  void on_alloc_(std::size_t n) noexcept {
    ++s_.allocations;
    s_.total_bytes += n;
    s_.current_bytes += n;
    if (s_.current_bytes > s_.peak_bytes) s_.peak_bytes = s_.current_bytes;
  }
  void on_free_(std::size_t n) noexcept {
    ++s_.deallocations;
    s_.current_bytes -= n;
  }
  void* resized_(void* q, std::size_t old_n, std::size_t n) noexcept {
    if (q == nullptr) {
      ++s_.failures;
      return nullptr;
    }
    on_free_(old_n);
    on_alloc_(n);
    return q;
  }
  [[no_unique_address]] A inner_{};
  alloc_stats s_{};
};

}  // namespace bare
