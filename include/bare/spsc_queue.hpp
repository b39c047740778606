// bare/spsc_queue.hpp — spsc_queue<T, N>: a lock-free single-producer single-consumer ring of
// N slots inside the object, for handing data from an interrupt handler to the main loop (or
// between two threads): heapless's spsc::Queue, but every one of the N slots is used (heapless
// leaves one empty), and nothing allocates.
//
//   bare::spsc_queue<sample, 32> g_queue;                         // no allocation, no constructor
//   constinit bare::spsc_producer<sample> g_tx = g_queue.split().tx;
//   void adc_isr() { (void)g_tx.try_push(read_adc()); }          // full: reported, dropped by choice
//   int main() { auto rx = g_queue.split().rx; for (;;) if (auto s = rx.try_pop()) process(*s); }
//
// split() hands out the two ends: spsc_producer<T> (push) and spsc_consumer<T> (pop, peek).
// At most one context may push and one may pop at a time (the ends are copyable values: the
// rule is the caller's). The ends depend on T only, not on N: the code of a function taking
// an end serves queues of every capacity.
//
// Synchronisation: only atomic loads and stores of one word each (acquire / release), no
// read-modify-write, so it works on Cortex-M0 (ARMv6-M, no LDREX/STREX) as on every other
// target. The producer writes only `tail`, the consumer only `head`; each reads the other's
// with acquire and publishes its own with release, so an element is fully constructed before
// the consumer sees it, and fully destroyed before the producer reuses its slot (Lamport's
// queue). Both counters run modulo 2N, so full (tail - head == N) and empty (tail == head)
// differ without a spare slot.
//
// Costs: try_push and try_pop are O(1), wait-free: two loads, one store, and the element's
// move. try_X reports full / empty as a value (alloc_errc::full, nullopt); push panics when
// full (a precondition violation), declared also under BARE_NO_GLOBAL_OOM_HANDLING.
// Layout: two words of indices, then N slots (no cache-line padding: on a microcontroller
// memory matters more than false sharing between the ends).
#pragma once

#include <atomic>
#include <cstddef>
#include <new>
#include <optional>
#include <type_traits>
#include <utility>

#include "bare/detail/fixed_storage.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"

namespace bare {

namespace detail {

// The two counters of a queue of n slots, each in [0, 2n): element c (a counter value) lives
// in slot c mod n; the queue holds (tail - head) mod 2n elements, in [0, n].
struct spsc_indices {
  static_assert(sizeof(std::size_t) <= sizeof(void*), "one-word atomic loads and stores");
  std::atomic<std::size_t> head{0};  // next element to pop: written by the consumer only
  std::atomic<std::size_t> tail{0};  // next slot to fill: written by the producer only

  // Preconditions: c < 2n.
  static constexpr std::size_t slot(std::size_t c, std::size_t n) noexcept { return c < n ? c : c - n; }
  static constexpr std::size_t next(std::size_t c, std::size_t n) noexcept { return c + 1 == 2 * n ? 0 : c + 1; }
  static constexpr std::size_t count(std::size_t head, std::size_t tail, std::size_t n) noexcept {
    return tail >= head ? tail - head : tail + 2 * n - head;
  }
};

}  // namespace detail

template <class T>
class spsc_producer;
template <class T>
class spsc_consumer;

namespace detail {
// What both ends of a queue hold: its counters, its slots and its capacity.
template <class T>
class spsc_end {
 public:
  std::size_t capacity() const noexcept { return n_; }

 protected:
  constexpr spsc_end(spsc_indices* ix, T* slots, std::size_t n) noexcept : ix_(ix), slots_(slots), n_(n) {}
  spsc_indices* ix_;
  T* slots_;
  std::size_t n_;
};
}  // namespace detail

template <class T, std::size_t N>
class spsc_queue {
  static_assert(N > 0, "bare::spsc_queue: N must be at least 1");
  static_assert(N <= static_cast<std::size_t>(-1) / 2, "bare::spsc_queue: counters run to 2N");
  static_assert(std::is_nothrow_move_constructible_v<T> && std::is_nothrow_destructible_v<T>,
                "bare::spsc_queue<T>: T must be nothrow move constructible and destructible");

  // Representation invariant: see detail::spsc_indices; the elements
  // slot(head), slot(head + 1), ..., slot(tail - 1) (counters mod 2N) are live, the rest of
  // slots_ is uninitialised.
  detail::spsc_indices ix_;
  detail::inline_slots<T, N> slots_;

 public:
  using value_type = T;
  using producer = spsc_producer<T>;
  using consumer = spsc_consumer<T>;
  struct ends {
    producer tx;
    consumer rx;
  };

  // Empty. O(1); constructs no element; constant-initialised for a static queue.
  constexpr spsc_queue() noexcept = default;
  spsc_queue(const spsc_queue&) = delete;
  spsc_queue& operator=(const spsc_queue&) = delete;
  // Destroys the elements still queued. O(size()). No end may be in use. (Trivial for a
  // trivially destructible T: a static queue registers no destructor.)
  ~spsc_queue() requires std::is_trivially_destructible_v<T> = default;
  ~spsc_queue() {
    if constexpr (!std::is_trivially_destructible_v<T>) {
      std::size_t h = ix_.head.load(std::memory_order_relaxed);
      const std::size_t t = ix_.tail.load(std::memory_order_relaxed);
      for (; h != t; h = detail::spsc_indices::next(h, N)) slots_.elems[detail::spsc_indices::slot(h, N)].T::~T();
    }
  }

  // The producer and the consumer end; they refer to this queue, which must outlive them.
  // O(1); a constant expression for a queue with static storage (constinit ends).
  constexpr ends split() noexcept { return ends{producer(&ix_, slots_.elems, N), consumer(&ix_, slots_.elems, N)}; }

  static constexpr std::size_t capacity() noexcept { return N; }
  // The number of elements; exact when neither end is in use, else a value it had during
  // the call. O(1).
  std::size_t size() const noexcept {
    const std::size_t h = ix_.head.load(std::memory_order_acquire);
    const std::size_t t = ix_.tail.load(std::memory_order_acquire);
    return detail::spsc_indices::count(h, t, N);
  }
  bool empty() const noexcept { return size() == 0; }
};

// The pushing end of an spsc_queue (of any capacity). Copyable, but only one context may push
// at a time.
template <class T>
class spsc_producer : public detail::spsc_end<T> {
  using base = detail::spsc_end<T>;
  using base::ix_;
  using base::n_;
  using base::slots_;

 public:
  // Appends an element constructed from args: alloc_errc::full (and the arguments untouched)
  // when the queue holds its capacity. O(1), wait-free.
  template <class... Args>
  result<void> try_emplace(Args&&... args) noexcept {
    const std::size_t t = ix_->tail.load(std::memory_order_relaxed);  // (written only here)
    const std::size_t h = ix_->head.load(std::memory_order_acquire);  // the slot is free after this
    if (detail::spsc_indices::count(h, t, n_) == n_) return err(detail::full_error<T>());
    ::new (static_cast<void*>(slots_ + detail::spsc_indices::slot(t, n_))) T(static_cast<Args&&>(args)...);
    ix_->tail.store(detail::spsc_indices::next(t, n_), std::memory_order_release);  // publishes it
    return {};
  }
  result<void> try_push(const T& x) noexcept { return try_emplace(x); }
  result<void> try_push(T&& x) noexcept { return try_emplace(static_cast<T&&>(x)); }
  // The same, panicking when full.
  template <class... Args>
  void emplace(Args&&... args) noexcept {
    detail::unwrap_or_fail<false>(try_emplace(static_cast<Args&&>(args)...));
  }
  void push(const T& x) noexcept { emplace(x); }
  void push(T&& x) noexcept { emplace(static_cast<T&&>(x)); }

  // Whether a push would fail now (it may succeed later, when the consumer pops). O(1).
  bool full() const noexcept { return size() == n_; }
  std::size_t size() const noexcept {
    return detail::spsc_indices::count(ix_->head.load(std::memory_order_acquire),
                                       ix_->tail.load(std::memory_order_relaxed), n_);
  }

 private:
  template <class U, std::size_t M>
  friend class spsc_queue;
  constexpr spsc_producer(detail::spsc_indices* ix, T* slots, std::size_t n) noexcept : base(ix, slots, n) {}
};

// The popping end of an spsc_queue (of any capacity). Copyable, but only one context may pop
// at a time.
template <class T>
class spsc_consumer : public detail::spsc_end<T> {
  using base = detail::spsc_end<T>;
  using base::ix_;
  using base::n_;
  using base::slots_;

 public:
  // Removes and returns the oldest element, or nullopt if the queue is empty. O(1), wait-free.
  std::optional<T> try_pop() noexcept {
    const std::size_t h = ix_->head.load(std::memory_order_relaxed);  // (written only here)
    const std::size_t t = ix_->tail.load(std::memory_order_acquire);  // the element is complete after this
    if (h == t) return std::nullopt;
    T* e = slots_ + detail::spsc_indices::slot(h, n_);
    std::optional<T> out = detail::take_optional(e);
    ix_->head.store(detail::spsc_indices::next(h, n_), std::memory_order_release);  // frees the slot
    return out;
  }
  // The oldest element, left in the queue, or nullptr if empty. Valid until this end pops.
  // O(1).
  T* peek() noexcept {
    const std::size_t h = ix_->head.load(std::memory_order_relaxed);
    const std::size_t t = ix_->tail.load(std::memory_order_acquire);
    return h == t ? nullptr : slots_ + detail::spsc_indices::slot(h, n_);
  }
  // Removes up to max elements, calling f(T&&) for each, oldest first; returns how many.
  // O(max). (One release store for the whole batch.)
  template <class F>
  std::size_t drain(F&& f, std::size_t max = static_cast<std::size_t>(-1)) noexcept {
    std::size_t h = ix_->head.load(std::memory_order_relaxed);
    const std::size_t t = ix_->tail.load(std::memory_order_acquire);
    std::size_t k = 0;
    for (; h != t && k != max; h = detail::spsc_indices::next(h, n_), ++k) {
      T* e = slots_ + detail::spsc_indices::slot(h, n_);
      f(static_cast<T&&>(*e));
      e->T::~T();
    }
    if (k != 0) ix_->head.store(h, std::memory_order_release);
    return k;
  }

  bool empty() const noexcept { return size() == 0; }
  std::size_t size() const noexcept {
    return detail::spsc_indices::count(ix_->head.load(std::memory_order_relaxed),
                                       ix_->tail.load(std::memory_order_acquire), n_);
  }

 private:
  template <class U, std::size_t M>
  friend class spsc_queue;
  constexpr spsc_consumer(detail::spsc_indices* ix, T* slots, std::size_t n) noexcept : base(ix, slots, n) {}
};

}  // namespace bare
