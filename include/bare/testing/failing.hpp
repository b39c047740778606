// bare/testing/failing.hpp — failing<A>: an allocator that fails on demand, for tests of the
// fallible API (shipped to users: test your own code the way bare tests itself).
//
// Every allocation attempt (allocate, grow, shrink) is numbered from 0 since the last
// reset(). fail_at(k) makes attempt k return nullptr (and, with and_after, every later one).
// It also tracks live blocks and bytes, so a test can assert that nothing leaked.
// Hand it to containers as by_ref<failing<A>> (see failing_ref).
#pragma once

#include <cstddef>
#include <cstdint>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/global.hpp"

namespace bare::testing {

template <allocator A = global>
class failing {
 public:
  constexpr failing() noexcept requires std::default_initializable<A> = default;
  constexpr explicit failing(A inner) noexcept : inner_(static_cast<A&&>(inner)) {}
  failing(const failing&) = delete;
  failing& operator=(const failing&) = delete;

  // Attempt k (0-based, counted from the last reset()) fails; with and_after, all later too.
  void fail_at(std::size_t k, bool and_after = false) noexcept {
    fail_at_ = k;
    and_after_ = and_after;
  }
  // No attempt fails any more.
  void disarm() noexcept { fail_at_ = SIZE_MAX; }
  // Restarts the attempt numbering and disarms; live-block tracking continues.
  void reset() noexcept {
    attempts_ = 0;
    injected_ = 0;
    disarm();
  }

  std::size_t attempts() const noexcept { return attempts_; }
  std::size_t injected_failures() const noexcept { return injected_; }
  std::size_t live_blocks() const noexcept { return live_blocks_; }
  std::size_t live_bytes() const noexcept { return live_bytes_; }

  void* allocate(layout l) noexcept {
    if (should_fail_()) return nullptr;
    void* p = inner_.allocate(l);
    if (p != nullptr) {
      ++live_blocks_;
      live_bytes_ += l.size;
    }
    return p;
  }
  void deallocate(void* p, layout l) noexcept {
    inner_.deallocate(p, l);
    --live_blocks_;
    live_bytes_ -= l.size;
  }
  void* grow(void* p, layout old, std::size_t n) noexcept {
    if (should_fail_()) return nullptr;
    return resized_(detail::alloc_grow(inner_, p, old, n), old.size, n);
  }
  void* shrink(void* p, layout old, std::size_t n) noexcept {
    if (should_fail_()) return nullptr;
    return resized_(detail::alloc_shrink(inner_, p, old, n), old.size, n);
  }

 private:
  bool should_fail_() noexcept {
    std::size_t k = attempts_++;
    if (k == fail_at_ || (and_after_ && fail_at_ != SIZE_MAX && k > fail_at_)) {
      ++injected_;
      return true;
    }
    return false;
  }
  void* resized_(void* q, std::size_t old_n, std::size_t n) noexcept {
    if (q != nullptr) live_bytes_ = live_bytes_ - old_n + n;
    return q;
  }

  [[no_unique_address]] A inner_{};
  std::size_t attempts_ = 0;
  std::size_t fail_at_ = SIZE_MAX;
  bool and_after_ = false;
  std::size_t injected_ = 0;
  std::size_t live_blocks_ = 0;
  std::size_t live_bytes_ = 0;
};

template <allocator A = global>
using failing_ref = by_ref<failing<A>>;

}  // namespace bare::testing
