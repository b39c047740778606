// bare/detail/heap_core.hpp — heap_core<Buf, Cmp, Arity>: a priority queue (Rust's
// BinaryHeap) over an array buffer Buf: vec<T, A> (binary_heap) or fixed_vec<T, N>
// (fixed_binary_heap). The sifting algorithms are in detail/binary_heap.hpp; the buffer's
// growth (or its fixed capacity: full) is the buffer's. One algorithm, two kinds of storage.
//
// Representation invariant: data_ holds the elements, in heap order for cmp_: for every
// i > 0, !cmp_(data_[(i - 1) / Arity], data_[i]) (heap_check). data_[0], if any, is
// a greatest element.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <type_traits>
#include <utility>

#include "bare/detail/binary_heap.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"

namespace bare::detail {

template <class Buf, class Cmp, std::size_t Arity>
class heap_core {
  using T = typename Buf::value_type;
  static_assert(Arity >= 2, "bare::binary_heap: Arity is the number of children per node, at least 2");
  static_assert(std::is_move_constructible_v<T> && std::is_move_assignable_v<T>,
                "bare::binary_heap<T>: T must be move constructible and move assignable");

 protected:
  Buf data_;
  [[no_unique_address]] Cmp cmp_{};

  static constexpr bool infallible_ = Buf::infallible_;

  constexpr heap_core() noexcept requires(std::default_initializable<Buf> && std::default_initializable<Cmp>) {}
  constexpr heap_core(Buf&& v, Cmp cmp) noexcept : data_(static_cast<Buf&&>(v)), cmp_(static_cast<Cmp&&>(cmp)) {}
  // Makes the buffer's elements a heap (Floyd's heapify). O(n).
  void heapify_() noexcept { heap_make<Arity>(data_.data(), data_.size(), cmp_); }

 public:
  using value_type = T;
  using value_compare = Cmp;
  using size_type = std::size_t;
  using const_reference = const T&;
  using const_iterator = const T*;
  static constexpr std::size_t arity = Arity;

  // ---- size and capacity ---------------------------------------------------------------

  constexpr std::size_t size() const noexcept { return data_.size(); }
  constexpr bool empty() const noexcept { return data_.empty(); }
  constexpr std::size_t capacity() const noexcept { return data_.capacity(); }
  static constexpr std::size_t max_size() noexcept { return Buf::max_size(); }
  constexpr const Cmp& value_comp() const noexcept { return cmp_; }

  // As the buffer's: room for `additional` more (amortized / exact; full if a fixed capacity
  // lacks it). O(n) if they reallocate, else O(1). Invalidate pointers to elements if they
  // reallocate.
  result<void> try_reserve(std::size_t additional) noexcept { return data_.try_reserve(additional); }
  result<void> try_reserve_exact(std::size_t additional) noexcept { return data_.try_reserve_exact(additional); }
  void reserve(std::size_t additional) noexcept requires infallible_ { data_.reserve(additional); }
  void reserve_exact(std::size_t additional) noexcept requires infallible_ { data_.reserve_exact(additional); }

  // ---- the greatest element ------------------------------------------------------------

  // A greatest element, or nullptr if empty (Rust's peek). O(1).
  const T* peek() const noexcept { return data_.first(); }
  // A greatest element (std's top). O(1). Precondition (checked): not empty.
  const T& top() const noexcept {
    BARE_CHECK(!data_.empty(), "bare::binary_heap::top: empty");
    return data_[0];
  }

  // Mutable access to the greatest element (Rust's PeekMut): change it through the guard;
  // when the guard goes out of scope the element is sifted down to its place (O(log n), never
  // allocates). An empty heap gives an empty guard (false). The heap must not be used
  // otherwise while the guard lives.
  //
  //   if (auto top = heap.peek_mut()) { *top = smaller; }   // re-sifted here
  class peek_mut_guard {
   public:
    explicit operator bool() const noexcept { return h_ != nullptr; }
    // The element. Precondition (checked): the guard is not empty.
    T& operator*() const noexcept {
      BARE_CHECK(h_ != nullptr, "bare::binary_heap::peek_mut: empty heap");
      return h_->data_[0];
    }
    T* operator->() const noexcept { return &**this; }
    // Removes the element from the heap and returns it; the guard becomes empty (nothing to
    // sift). O(log n). Precondition (checked): the guard is not empty.
    T pop() noexcept {
      BARE_CHECK(h_ != nullptr, "bare::binary_heap::peek_mut: empty heap");
      heap_core* h = h_;
      h_ = nullptr;
      return *h->pop();
    }
    peek_mut_guard(const peek_mut_guard&) = delete;
    peek_mut_guard& operator=(const peek_mut_guard&) = delete;
    ~peek_mut_guard() {
      if (h_) heap_sift_down<Arity>(h_->data_.data(), 0, h_->data_.size(), h_->cmp_);
    }

   private:
    friend class heap_core;
    explicit peek_mut_guard(heap_core* h) noexcept : h_(h) {}
    heap_core* h_;
  };
  [[nodiscard]] peek_mut_guard peek_mut() noexcept { return peek_mut_guard(data_.empty() ? nullptr : this); }

  // ---- adding --------------------------------------------------------------------------

  // Adds an element constructed from args. O(log n) comparisons plus, if the vec grows,
  // O(n) moves (amortized O(1)); may allocate (growth policy). On failure nothing changed
  // and args are untouched.
  template <class... Args>
  result<void> try_emplace(Args&&... args) noexcept {
    auto r = data_.try_emplace_back(static_cast<Args&&>(args)...);
    if (!r) return err(r.error());
    sift_up_last_();
    return {};
  }
  result<void> try_push(const T& x) noexcept { return try_emplace(x); }
  result<void> try_push(T&& x) noexcept { return try_emplace(static_cast<T&&>(x)); }
  // Adds without ever allocating: alloc_errc::full when size() == capacity(). O(log n).
  result<void> push_within_capacity(const T& x) noexcept { return push_within_capacity_(x); }
  result<void> push_within_capacity(T&& x) noexcept { return push_within_capacity_(static_cast<T&&>(x)); }
  template <class... Args>
  void emplace(Args&&... args) noexcept requires infallible_ {
    unwrap_or_fail<Buf::allocates_>(try_emplace(static_cast<Args&&>(args)...));
  }
  void push(const T& x) noexcept requires infallible_ { emplace(x); }
  void push(T&& x) noexcept requires infallible_ { emplace(static_cast<T&&>(x)); }

  // Moves all of other's elements into this heap; other is left empty. O(n + m) or
  // O(m log(n + m)) comparisons, whichever is estimated cheaper (Rust's rule, see
  // heap_rebuild_tail); may allocate once. With a stateless allocator and comparator
  // the larger heap's block is kept (as Rust's). On failure both heaps are unchanged.
  result<void> try_append(heap_core& other) noexcept {
    if (&other == this || other.data_.empty()) return {};
    bool swapped = false;
    if constexpr (Buf::growable_) {
      swapped = std::is_empty_v<typename Buf::allocator_type> && std::is_empty_v<Cmp> && data_.size() < other.data_.size();
      if (swapped) data_.swap(other.data_);
    }
    const std::size_t start = data_.size();
    auto r = data_.try_append(other.data_);
    if (!r) {
      if (swapped) data_.swap(other.data_);
      return r;
    }
    heap_rebuild_tail<Arity>(data_.data(), start, data_.size(), cmp_);
    return {};
  }
  void append(heap_core& other) noexcept requires infallible_ { unwrap_or_fail<Buf::allocates_>(try_append(other)); }

  // ---- removing: never allocates ---------------------------------------------------------

  // Removes a greatest element and returns it, or nullopt if empty. O(log n) (Arity * log n
  // comparisons at most).
  std::optional<T> pop() noexcept {
    const std::size_t n = data_.size();
    if (n == 0) return std::nullopt;
    T* d = data_.data();
    std::optional<T> top = detail::moved_into_optional(d[0]);
    heap_refill_root<Arity>(d, n, cmp_);
    data_.pop_back();
    return top;
  }

  // Keeps the elements for which pred(const T&) is true. O(n) calls of pred, then restores
  // the heap from the first removed element on (O(n) at most). Never allocates.
  template <class Pred>
  void retain(Pred pred) noexcept {
    std::size_t first_removed = data_.size(), i = 0;
    data_.retain([&](const T& x) {
      const bool keep = pred(x);
      if (!keep && i < first_removed) first_removed = i;
      ++i;
      return keep;
    });
    heap_rebuild_tail<Arity>(data_.data(), first_removed, data_.size(), cmp_);
  }

  // Destroys all elements; keeps the capacity. O(n).
  void clear() noexcept { data_.clear(); }

  // A range over all elements in internal (arbitrary) order, removed from the heap when the
  // range is destroyed (also those not visited); elements may be moved out through it. The
  // heap shows as empty while the range lives. O(n) in all; never allocates.
  [[nodiscard]] typename Buf::drain_range drain() noexcept { return data_.drain(0, data_.size()); }

  // A range over the elements from greatest to least (Rust's drain_sorted): each step pops
  // one (O(log n)); the element shown may be moved out. When the range is destroyed the
  // elements not reached are destroyed too (O(n), no more sorting). Never allocates. The heap
  // must not be used otherwise while the range lives.
  class drain_sorted_range {
   public:
    struct sentinel {};
    class iterator {
     public:
      T& operator*() const noexcept { return h_->data_[0]; }
      T* operator->() const noexcept { return &h_->data_[0]; }
      iterator& operator++() noexcept {
        (void)h_->pop();
        return *this;
      }
      friend bool operator==(const iterator& it, sentinel) noexcept { return it.h_->empty(); }

     private:
      friend class drain_sorted_range;
      explicit iterator(heap_core* h) noexcept : h_(h) {}
      heap_core* h_;
    };
    iterator begin() const noexcept { return iterator(h_); }
    sentinel end() const noexcept { return {}; }
    // Elements not yet removed.
    std::size_t size() const noexcept { return h_->size(); }
    drain_sorted_range(const drain_sorted_range&) = delete;
    drain_sorted_range& operator=(const drain_sorted_range&) = delete;
    ~drain_sorted_range() { h_->data_.clear(); }

   private:
    friend class heap_core;
    explicit drain_sorted_range(heap_core* h) noexcept : h_(h) {}
    heap_core* h_;
  };
  [[nodiscard]] drain_sorted_range drain_sorted() noexcept { return drain_sorted_range(this); }

  // ---- conversions and iteration ---------------------------------------------------------

  // The elements as a vec in internal (heap) order; the heap is left empty. O(1), never
  // allocates.
  Buf into_vec() noexcept { return static_cast<Buf&&>(data_); }
  // The elements as a vec sorted ascending by Cmp (heapsort in place); the heap is left
  // empty. O(n log n), never allocates.
  Buf into_sorted_vec() noexcept {
    heap_sort<Arity>(data_.data(), data_.size(), cmp_);
    return static_cast<Buf&&>(data_);
  }

  // The elements in internal order (Rust's as_slice / iter). Read-only: changing an element
  // could break the heap order (use peek_mut for the top).
  constexpr std::span<const T> as_span() const noexcept { return data_.as_span(); }
  constexpr const T* begin() const noexcept { return data_.begin(); }
  constexpr const T* end() const noexcept { return data_.end(); }

  // Whether the heap order holds (the representation invariant). O(n). For tests.
  bool check() const noexcept { return heap_check<Arity>(data_.data(), data_.size(), cmp_); }

  // Exchanges contents, allocators and comparators. O(1).
  void swap(heap_core& other) noexcept {
    data_.swap(other.data_);
    using std::swap;
    swap(cmp_, other.cmp_);
  }
  friend void swap(heap_core& a, heap_core& b) noexcept { a.swap(b); }

 private:
  void sift_up_last_() noexcept { heap_sift_up<Arity>(data_.data(), 0, data_.size() - 1, cmp_); }

  template <class U>
  result<void> push_within_capacity_(U&& x) noexcept {
    auto r = data_.emplace_back_within_capacity(static_cast<U&&>(x));
    if (!r) return err(r.error());
    sift_up_last_();
    return {};
  }
};

}  // namespace bare::detail
