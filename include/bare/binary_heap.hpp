// bare/binary_heap.hpp — binary_heap<T, Cmp, A>: a priority queue on a vec<T, A> (Rust's
// BinaryHeap; std::priority_queue's order). A max-heap by default: top() is a greatest element
// by Cmp (bare::less<T>); bare::greater<T> makes a min-heap.
//
// Every operation that may allocate comes as
//   try_X(...)             -> result<...>: on failure the heap is exactly as before and the
//                             argument is not consumed (strong guarantee);
//   X(...)                 the same, calling bare::handle_alloc_error on failure (not declared
//                          under BARE_NO_GLOBAL_OOM_HANDLING);
//   X_within_capacity(...) never allocates; reports alloc_errc::full.
// Growth is vec's (amortized doubling, bare/detail/raw_vec.hpp). Only push, append, reserve,
// shrink and clone allocate; pop, peek_mut, retain, drain and the conversions never do.
//
// Layout: the elements in an array in heap order (the vec), the comparator beside it (no space
// if stateless): sizeof == sizeof(vec<T, A>) for a stateless Cmp.
//
// Arity: each node has `Arity` children (2: a binary heap). It is a tuning parameter for the
// benchmarks (bench/: binary vs. 4-ary at large n); it changes only the internal order (what
// into_vec and iteration show), never the API or top/pop results.
//
// The algorithms are in bare/detail/binary_heap.hpp (sift with a hole, Floyd heapify, Rust's
// rebuild-vs-push rule for append). A comparator that is not a strict weak order gives an
// unspecified order, never undefined behaviour.
//
// Invalidation: an operation that may allocate invalidates pointers to elements if it does;
// every operation that changes the heap may move elements (pointers then point at other
// elements). Iteration order is the internal, arbitrary one.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <span>
#include <type_traits>
#include <utility>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/global.hpp"
#include "bare/compare.hpp"
#include "bare/detail/binary_heap.hpp"
#include "bare/detail/clone.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"
#include "bare/vec.hpp"

namespace bare {

template <class T, class Cmp = less<T>, allocator A = global, std::size_t Arity = 2>
class binary_heap {
  static_assert(Arity >= 2, "bare::binary_heap: Arity is the number of children per node, at least 2");
  static_assert(std::is_move_constructible_v<T> && std::is_move_assignable_v<T>,
                "bare::binary_heap<T>: T must be move constructible and move assignable");

  // Representation invariant: data_ holds the elements, in heap order for cmp_: for every
  // i > 0, !cmp_(data_[(i - 1) / Arity], data_[i]) (detail::heap_check). data_[0], if any,
  // is a greatest element.
  vec<T, A> data_;
  [[no_unique_address]] Cmp cmp_{};

  struct adopt_t {};
  // Takes a vec that is already a heap for cmp.
  binary_heap(adopt_t, vec<T, A>&& v, Cmp cmp) noexcept : data_(static_cast<vec<T, A>&&>(v)), cmp_(static_cast<Cmp&&>(cmp)) {}

 public:
  using value_type = T;
  using value_compare = Cmp;
  using allocator_type = A;
  using size_type = std::size_t;
  using const_reference = const T&;
  using const_iterator = const T*;
  static constexpr std::size_t arity = Arity;

  // ---- construction --------------------------------------------------------------------

  // An empty heap. O(1), never allocates.
  constexpr binary_heap() noexcept requires(std::default_initializable<A> && std::default_initializable<Cmp>) {}
  // An empty heap using allocator `a` and comparator `cmp`. O(1), never allocates.
  constexpr explicit binary_heap(A a, Cmp cmp = Cmp()) noexcept
      : data_(static_cast<A&&>(a)), cmp_(static_cast<Cmp&&>(cmp)) {}
  // Takes v's elements and memory and arranges them into a heap (Floyd's heapify).
  // O(n) (at most about 2n comparisons for Arity 2); never allocates.
  explicit binary_heap(vec<T, A>&& v, Cmp cmp = Cmp()) noexcept
      : data_(static_cast<vec<T, A>&&>(v)), cmp_(static_cast<Cmp&&>(cmp)) {
    detail::heap_make<Arity>(data_.data(), data_.size(), cmp_);
  }
  // The same, Rust's spelling (BinaryHeap::from(vec)).
  static binary_heap from(vec<T, A>&& v, Cmp cmp = Cmp()) noexcept {
    return binary_heap(static_cast<vec<T, A>&&>(v), static_cast<Cmp&&>(cmp));
  }

  // An empty heap with room for exactly n elements. O(1); allocates unless n == 0.
  static result<binary_heap> try_with_capacity(std::size_t n, A a = A(), Cmp cmp = Cmp()) noexcept {
    auto v = vec<T, A>::try_with_capacity(n, static_cast<A&&>(a));
    if (!v) return err(v.error());
    return binary_heap(adopt_t{}, static_cast<vec<T, A>&&>(*v), static_cast<Cmp&&>(cmp));
  }
  // A heap of copies of src. O(n); allocates once (capacity exactly src.size()).
  static result<binary_heap> try_from(std::span<const T> src, A a = A(), Cmp cmp = Cmp()) noexcept
    requires detail::cloneable<T>
  {
    auto v = vec<T, A>::try_from(src, static_cast<A&&>(a));
    if (!v) return err(v.error());
    return binary_heap(static_cast<vec<T, A>&&>(*v), static_cast<Cmp&&>(cmp));
  }
#if BARE_OOM_HANDLING
  static binary_heap with_capacity(std::size_t n, A a = A(), Cmp cmp = Cmp()) noexcept {
    return detail::unwrap_or_handle(try_with_capacity(n, static_cast<A&&>(a), static_cast<Cmp&&>(cmp)));
  }
  static binary_heap from(std::span<const T> src, A a = A(), Cmp cmp = Cmp()) noexcept
    requires detail::cloneable<T>
  {
    return detail::unwrap_or_handle(try_from(src, static_cast<A&&>(a), static_cast<Cmp&&>(cmp)));
  }
  // A heap of copies of the list's elements. O(n); allocates once.
  binary_heap(std::initializer_list<T> il, A a = A(), Cmp cmp = Cmp()) noexcept requires detail::cloneable<T>
      : binary_heap(vec<T, A>::from(std::span<const T>(il.begin(), il.size()), static_cast<A&&>(a)),
                    static_cast<Cmp&&>(cmp)) {}
#endif

  // Moving takes the elements, memory, allocator and comparator. O(1) (the move assignment
  // first destroys this heap's elements: O(n)).
  binary_heap(binary_heap&&) noexcept = default;
  binary_heap& operator=(binary_heap&&) noexcept = default;
  binary_heap(const binary_heap&) = delete;  // copying allocates: use clone() / try_clone()
  binary_heap& operator=(const binary_heap&) = delete;
  ~binary_heap() = default;

  // A copy (same internal order), capacity exactly size(). O(n); allocates once (plus what
  // cloning each element allocates).
  result<binary_heap> try_clone() const noexcept requires detail::cloneable<T> {
    auto v = data_.try_clone();
    if (!v) return err(v.error());
    return binary_heap(adopt_t{}, static_cast<vec<T, A>&&>(*v), cmp_);
  }
#if BARE_OOM_HANDLING
  binary_heap clone() const noexcept requires detail::cloneable<T> { return detail::unwrap_or_handle(try_clone()); }
#endif

  // ---- size and capacity ---------------------------------------------------------------

  constexpr std::size_t size() const noexcept { return data_.size(); }
  constexpr bool empty() const noexcept { return data_.empty(); }
  constexpr std::size_t capacity() const noexcept { return data_.capacity(); }
  static constexpr std::size_t max_size() noexcept { return vec<T, A>::max_size(); }
  constexpr const A& allocator() const noexcept { return data_.allocator(); }
  constexpr const Cmp& value_comp() const noexcept { return cmp_; }

  // As vec's: room for `additional` more (amortized / exact), or less unused room.
  // O(n) if they reallocate, else O(1). Invalidate pointers to elements if they reallocate.
  result<void> try_reserve(std::size_t additional) noexcept { return data_.try_reserve(additional); }
  result<void> try_reserve_exact(std::size_t additional) noexcept { return data_.try_reserve_exact(additional); }
  result<void> try_shrink_to_fit() noexcept { return data_.try_shrink_to_fit(); }
  result<void> try_shrink_to(std::size_t n) noexcept { return data_.try_shrink_to(n); }
#if BARE_OOM_HANDLING
  void reserve(std::size_t additional) noexcept { data_.reserve(additional); }
  void reserve_exact(std::size_t additional) noexcept { data_.reserve_exact(additional); }
  void shrink_to_fit() noexcept { data_.shrink_to_fit(); }
  void shrink_to(std::size_t n) noexcept { data_.shrink_to(n); }
#endif

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
      binary_heap* h = h_;
      h_ = nullptr;
      return *h->pop();
    }
    peek_mut_guard(const peek_mut_guard&) = delete;
    peek_mut_guard& operator=(const peek_mut_guard&) = delete;
    ~peek_mut_guard() {
      if (h_) detail::heap_sift_down<Arity>(h_->data_.data(), 0, h_->data_.size(), h_->cmp_);
    }

   private:
    friend class binary_heap;
    explicit peek_mut_guard(binary_heap* h) noexcept : h_(h) {}
    binary_heap* h_;
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
#if BARE_OOM_HANDLING
  template <class... Args>
  void emplace(Args&&... args) noexcept {
    detail::unwrap_or_handle(try_emplace(static_cast<Args&&>(args)...));
  }
  void push(const T& x) noexcept { emplace(x); }
  void push(T&& x) noexcept { emplace(static_cast<T&&>(x)); }
#endif

  // Moves all of other's elements into this heap; other is left empty. O(n + m) or
  // O(m log(n + m)) comparisons, whichever is estimated cheaper (Rust's rule, see
  // detail::heap_rebuild_tail); may allocate once. With a stateless allocator and comparator
  // the larger heap's block is kept (as Rust's). On failure both heaps are unchanged.
  result<void> try_append(binary_heap& other) noexcept {
    if (&other == this || other.data_.empty()) return {};
    const bool swapped = std::is_empty_v<A> && std::is_empty_v<Cmp> && data_.size() < other.data_.size();
    if (swapped) data_.swap(other.data_);
    const std::size_t start = data_.size();
    auto r = data_.try_append(other.data_);
    if (!r) {
      if (swapped) data_.swap(other.data_);
      return r;
    }
    detail::heap_rebuild_tail<Arity>(data_.data(), start, data_.size(), cmp_);
    return {};
  }
#if BARE_OOM_HANDLING
  void append(binary_heap& other) noexcept { detail::unwrap_or_handle(try_append(other)); }
#endif

  // ---- removing: never allocates ---------------------------------------------------------

  // Removes a greatest element and returns it, or nullopt if empty. O(log n) (Arity * log n
  // comparisons at most).
  std::optional<T> pop() noexcept {
    const std::size_t n = data_.size();
    if (n == 0) return std::nullopt;
    T* d = data_.data();
    std::optional<T> top(std::in_place, static_cast<T&&>(d[0]));
    detail::heap_refill_root<Arity>(d, n, cmp_);
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
    detail::heap_rebuild_tail<Arity>(data_.data(), first_removed, data_.size(), cmp_);
  }

  // Destroys all elements; keeps the capacity. O(n).
  void clear() noexcept { data_.clear(); }

  // A range over all elements in internal (arbitrary) order, removed from the heap when the
  // range is destroyed (also those not visited); elements may be moved out through it. The
  // heap shows as empty while the range lives. O(n) in all; never allocates.
  [[nodiscard]] typename vec<T, A>::drain_range drain() noexcept { return data_.drain(0, data_.size()); }

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
      explicit iterator(binary_heap* h) noexcept : h_(h) {}
      binary_heap* h_;
    };
    iterator begin() const noexcept { return iterator(h_); }
    sentinel end() const noexcept { return {}; }
    // Elements not yet removed.
    std::size_t size() const noexcept { return h_->size(); }
    drain_sorted_range(const drain_sorted_range&) = delete;
    drain_sorted_range& operator=(const drain_sorted_range&) = delete;
    ~drain_sorted_range() { h_->data_.clear(); }

   private:
    friend class binary_heap;
    explicit drain_sorted_range(binary_heap* h) noexcept : h_(h) {}
    binary_heap* h_;
  };
  [[nodiscard]] drain_sorted_range drain_sorted() noexcept { return drain_sorted_range(this); }

  // ---- conversions and iteration ---------------------------------------------------------

  // The elements as a vec in internal (heap) order; the heap is left empty. O(1), never
  // allocates.
  vec<T, A> into_vec() noexcept { return static_cast<vec<T, A>&&>(data_); }
  // The elements as a vec sorted ascending by Cmp (heapsort in place); the heap is left
  // empty. O(n log n), never allocates.
  vec<T, A> into_sorted_vec() noexcept {
    detail::heap_sort<Arity>(data_.data(), data_.size(), cmp_);
    return static_cast<vec<T, A>&&>(data_);
  }

  // The elements in internal order (Rust's as_slice / iter). Read-only: changing an element
  // could break the heap order (use peek_mut for the top).
  constexpr std::span<const T> as_span() const noexcept { return data_.as_span(); }
  constexpr const T* begin() const noexcept { return data_.begin(); }
  constexpr const T* end() const noexcept { return data_.end(); }

  // Whether the heap order holds (the representation invariant). O(n). For tests.
  bool check() const noexcept { return detail::heap_check<Arity>(data_.data(), data_.size(), cmp_); }

  // Exchanges contents, allocators and comparators. O(1).
  void swap(binary_heap& other) noexcept {
    data_.swap(other.data_);
    using std::swap;
    swap(cmp_, other.cmp_);
  }
  friend void swap(binary_heap& a, binary_heap& b) noexcept { a.swap(b); }

 private:
  void sift_up_last_() noexcept { detail::heap_sift_up<Arity>(data_.data(), 0, data_.size() - 1, cmp_); }

  template <class U>
  result<void> push_within_capacity_(U&& x) noexcept {
    auto r = data_.emplace_back_within_capacity(static_cast<U&&>(x));
    if (!r) return err(r.error());
    sift_up_last_();
    return {};
  }
};

// A heap is trivially relocatable when its vec (that is, its allocator handle) and comparator are.
template <class T, class Cmp, class A, std::size_t Arity>
struct is_trivially_relocatable<binary_heap<T, Cmp, A, Arity>>
    : std::bool_constant<is_trivially_relocatable_v<vec<T, A>> && std::is_trivially_copyable_v<Cmp>> {};

}  // namespace bare
