// bare/small_vec.hpp — small_vec<T, N, A>: a vector whose first N elements live inside the
// object; past N it moves them to a block from allocator A and grows there like vec (Rust's
// smallvec, LLVM's SmallVector). shrink_to_fit brings the elements back inside when they fit.
//
// It is vec's algorithm (detail::vec_core) over inline-then-heap storage: the same API, the
// same strong guarantee, the same growth policy once on the heap (doubling from N). The
// infallible twins call handle_alloc_error (not declared under BARE_NO_GLOBAL_OOM_HANDLING),
// as vec's do. It converts to vec_view<T> (capacity-limited: a view never allocates).
//
// Layout: {data pointer, length, capacity, allocator (no space if stateless), N slots}; the
// data pointer points into the object while the elements are inline, so access costs what
// vec's does (no branch), and moving a small_vec moves its inline elements (it is not
// trivially relocatable). Invariant: inline iff capacity() == N.
// Costs: push is amortized O(1); moving from inline to the heap is O(N), once; a move of an
// inline small_vec is O(len).
#pragma once

#include <cstddef>
#include <initializer_list>
#include <span>
#include <type_traits>
#include <utility>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/global.hpp"
#include "bare/detail/clone.hpp"
#include "bare/detail/fixed_storage.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/detail/vec_core.hpp"
#include "bare/detail/vec_storage.hpp"
#include "bare/result.hpp"
#include "bare/vec_view.hpp"

namespace bare {
namespace detail {

// small_vec's storage (the policy interface is in detail/vec_storage.hpp).
// Representation invariant: len_ <= cap_; either cap_ == N and ptr_ == slots_.elems (inline),
// or cap_ > N and ptr_ is a block of cap_ slots allocated by alloc_ with layout
// {cap_ * sizeof(T), alignof(T)}; ptr_[0, len_) are live T.
template <class T, std::size_t N, allocator A>
class small_vec_storage : public heap_block<T, A> {
  static_assert(N > 0, "bare::small_vec: N must be at least 1 (use vec for no inline room)");
  using base = heap_block<T, A>;
  using base::alloc_;
  using base::cap_;
  using base::ptr_;

 public:
  static constexpr bool growable = true;
  static constexpr bool allocates = true;
  static constexpr std::size_t max_size = max_elems(sizeof(T));

  small_vec_storage() noexcept requires std::default_initializable<A> { point_inside_(); }
  explicit small_vec_storage(A a) noexcept : base(static_cast<A&&>(a)) { point_inside_(); }
  // Takes o's elements (moving them if they are inline) or its block; o is left empty and
  // inline. O(len) if inline, else O(1).
  small_vec_storage(small_vec_storage&& o) noexcept : base(static_cast<A&&>(o.alloc_)) {
    point_inside_();
    take_(o);
  }
  small_vec_storage& operator=(small_vec_storage&& o) noexcept {
    if (this != &o) {
      release_();
      alloc_ = static_cast<A&&>(o.alloc_);
      take_(o);
    }
    return *this;
  }
  small_vec_storage(const small_vec_storage&) = delete;
  small_vec_storage& operator=(const small_vec_storage&) = delete;
  ~small_vec_storage() { release_(); }

  T* data() const noexcept { return ptr_; }
  std::size_t len() const noexcept { return len_; }
  void set_len(std::size_t n) noexcept { len_ = n; }
  len_ref length_ref() noexcept { return len_ref(&len_); }
  bool is_inline() const noexcept { return cap_ == N; }

  result<void> resize(std::size_t new_cap) noexcept {
    if (new_cap <= N) {  // back inside (shrink), or nothing to do
      if (is_inline()) return {};
      relocate_(slots_.elems, ptr_, len_);
      this->deallocate(ptr_, cap_);
      point_inside_();
      return {};
    }
    if (is_inline()) {  // out to the heap
      auto p = this->allocate(new_cap);
      if (!p) return err(p.error());
      relocate_(*p, ptr_, len_);
      ptr_ = *p;
      cap_ = new_cap;
      return {};
    }
    return this->resize_block_(len_, new_cap);
  }
  // Preconditions: n > N (a heap block); the current elements were moved out.
  void replace(T* p, std::size_t n) noexcept {
    if (!is_inline()) this->deallocate(ptr_, cap_);
    ptr_ = p;
    cap_ = n;
  }

 private:
  void point_inside_() noexcept {
    ptr_ = slots_.elems;
    cap_ = N;
  }
  static void relocate_(T* dst, T* src, std::size_t n) noexcept {
    if constexpr (is_trivially_relocatable_v<T>) {
      if (n != 0) __builtin_memcpy(static_cast<void*>(dst), static_cast<const void*>(src), n * sizeof(T));
    } else {
      relocate_nonoverlapping<T>(dst, src, n);
    }
  }
  // Preconditions: this is empty and inline.
  void take_(small_vec_storage& o) noexcept {
    if (o.is_inline()) {
      relocate_(slots_.elems, o.slots_.elems, o.len_);
    } else {
      this->take_block_(o);
      o.point_inside_();
    }
    len_ = o.len_;
    o.len_ = 0;
  }
  void release_() noexcept {
    destroy_n(ptr_, len_);
    if (!is_inline()) this->deallocate(ptr_, cap_);
    point_inside_();
    len_ = 0;
  }

  std::size_t len_ = 0;
  inline_slots<T, N> slots_;
};

}  // namespace detail

template <class T, std::size_t N, allocator A = global>
class small_vec : public detail::vec_core<T, detail::small_vec_storage<T, N, A>> {
  using core = detail::vec_core<T, detail::small_vec_storage<T, N, A>>;
  using core::s_;

 public:
  using allocator_type = A;
  static constexpr std::size_t inline_capacity = N;

  // Empty, inline. O(1), never allocates.
  small_vec() noexcept requires std::default_initializable<A> = default;
  explicit small_vec(A a) noexcept : core(std::in_place, static_cast<A&&>(a)) {}

  // Copies of src (inline if they fit, else one allocation of exactly src.size()). O(n).
  static result<small_vec> try_from(std::span<const T> src, A a = A()) noexcept requires detail::cloneable<T> {
    small_vec v(static_cast<A&&>(a));
    auto r = v.try_reserve_exact(src.size());
    if (r) r = v.try_extend_from(src);
    if (!r) return err(r.error());
    return v;
  }
#if BARE_OOM_HANDLING
  static small_vec from(std::span<const T> src, A a = A()) noexcept requires detail::cloneable<T> {
    return detail::unwrap_or_handle(try_from(src, static_cast<A&&>(a)));
  }
  small_vec(std::initializer_list<T> il, A a = A()) noexcept requires detail::cloneable<T>
      : core(std::in_place, static_cast<A&&>(a)) {
    this->reserve_exact(il.size());
    this->extend_from(std::span<const T>(il.begin(), il.size()));
  }
#endif

  small_vec(small_vec&&) noexcept = default;
  small_vec& operator=(small_vec&&) noexcept = default;
  small_vec(const small_vec&) = delete;  // copying may allocate: clone() / try_clone()
  small_vec& operator=(const small_vec&) = delete;
  ~small_vec() = default;

  // A copy (inline if it fits, else capacity exactly size()), with a copy of the allocator.
  result<small_vec> try_clone() const noexcept requires detail::cloneable<T> {
    return try_from(this->as_span(), s_.alloc());
  }
#if BARE_OOM_HANDLING
  small_vec clone() const noexcept requires detail::cloneable<T> { return detail::unwrap_or_handle(try_clone()); }
#endif

  // Whether the elements are inside the object (no heap block). O(1).
  bool is_inline() const noexcept { return s_.is_inline(); }
  const A& allocator() const noexcept { return s_.alloc(); }

  // Moves the elements [at, size()) into a new small_vec (inline if they fit) and returns it;
  // this keeps [0, at). O(size() - at); allocates if more than N move. On failure nothing
  // changed. Precondition (checked): at <= size().
  result<small_vec> try_split_off(std::size_t at, source_loc where = source_loc::current()) noexcept {
    BARE_ASSERT_AT(at <= this->size(), "bare::small_vec::split_off: index out of range", where);
    small_vec out(s_.alloc());
    if (auto r = out.try_reserve_exact(this->size() - at); !r) return err(r.error());
    out.s_.set_len(this->size() - at);
    this->split_to_(out.data(), at);
    return out;
  }
#if BARE_OOM_HANDLING
  small_vec split_off(std::size_t at, source_loc where = source_loc::current()) noexcept {
    return detail::unwrap_or_handle(try_split_off(at, where));
  }
#endif

  // A view of this vector (capacity-limited; also an implicit conversion). O(1).
  vec_view<T> view() noexcept { return vec_view<T>(*this); }

  void swap(small_vec& other) noexcept {
    small_vec tmp(static_cast<small_vec&&>(other));
    other = static_cast<small_vec&&>(*this);
    *this = static_cast<small_vec&&>(tmp);
  }
  friend void swap(small_vec& a, small_vec& b) noexcept { a.swap(b); }
};

}  // namespace bare
