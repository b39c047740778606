// bare/box.hpp — box<T, A> and box<T[], A>: a uniquely owned object (or array) on an allocator
// (Rust's Box, std::unique_ptr's names).
//
//   auto b = bare::try_make_box<sensor>(id, rate);   // result<box<sensor>>
//   if (!b) return bare::err(b.error());
//   box<driver> d = static_cast<box<sensor>&&>(*b);  // derived -> base, layout kept right
//
// A box is null only after it was moved from or released; make_box never returns null.
//
// Conversion to a base class: deallocation needs the layout (size and alignment) of the
// object really allocated, and destruction its real destructor. A box<T> whose T is a
// polymorphic, non-final class therefore carries a second pointer, to a static descriptor
// {layout, destroy} of the allocated type; it finds the start of the allocated object with
// dynamic_cast<void*> (which needs no RTTI, only the vtable's offset-to-top). So the base needs
// no virtual destructor (none would be used), and no operator delete is ever referenced.
// A non-polymorphic base cannot be converted to (it would lose the layout): that is a
// compile-time error. For every other T, sizeof(box<T>) == sizeof(T*) with a stateless A.
#pragma once

#include <cstddef>
#include <new>
#include <span>
#include <type_traits>
#include <utility>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/global.hpp"
#include "bare/detail/checked.hpp"
#include "bare/detail/clone.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"

namespace bare {

template <class T, allocator A = global>
class box;

namespace detail {

// What is needed to drop an object seen through a base pointer.
struct drop_info {
  layout alloc_layout;
  void (*destroy)(void* complete_object) noexcept;
};
template <class U>
void destroy_as(void* p) noexcept {
  static_cast<U*>(p)->U::~U();
}
template <class U>
inline constexpr drop_info drop_info_for{layout_of<U>, &destroy_as<U>};

template <class T>
inline constexpr bool box_has_info = std::is_polymorphic_v<T> && !std::is_final_v<T>;

struct no_info {};
template <class T>
using box_info_t = std::conditional_t<box_has_info<T>, const drop_info*, no_info>;

template <class T>
struct is_box : std::false_type {};
template <class T, class A>
struct is_box<box<T, A>> : std::true_type {};

}  // namespace detail

template <class T, allocator A>
class box {
  static_assert(std::is_object_v<T>, "bare::box<T>: T must be an object type");

  // Representation invariant: ptr_ is null, or points to a live object allocated by alloc_
  // (the complete object at dynamic_cast<void*>(ptr_) with info_->alloc_layout when T is
  // polymorphic and not final; otherwise exactly a T, with layout_of<T>).
  T* ptr_ = nullptr;
  [[no_unique_address]] A alloc_{};
  [[no_unique_address]] detail::box_info_t<T> info_{};

  template <class U, allocator B>
  friend class box;

  constexpr box(T* p, A&& a) noexcept : ptr_(p), alloc_(static_cast<A&&>(a)) {
    if constexpr (detail::box_has_info<T>) info_ = &detail::drop_info_for<T>;
  }

 public:
  using element_type = T;
  using allocator_type = A;

  // A null box. O(1).
  constexpr box() noexcept requires std::default_initializable<A> = default;
  constexpr box(std::nullptr_t) noexcept requires std::default_initializable<A> {}  // NOLINT

  // Takes ownership of p. Precondition: p is null or the result of into_raw() of a box<T, A>
  // never converted to a base, whose allocator compares equal to a.
  static box from_raw(T* p, A a = A()) noexcept { return box(p, static_cast<A&&>(a)); }

  constexpr box(box&& o) noexcept : ptr_(o.ptr_), alloc_(static_cast<A&&>(o.alloc_)), info_(o.info_) {
    o.ptr_ = nullptr;
  }
  // Derived -> base (or T -> const T). O(1). Compile-time error if the layout would be lost.
  template <class U>
    requires(!std::is_same_v<U, T> && std::is_convertible_v<U*, T*>)
  box(box<U, A>&& o) noexcept : ptr_(o.ptr_), alloc_(static_cast<A&&>(o.alloc_)) {  // NOLINT
    static_assert(detail::box_has_info<T> || std::is_same_v<std::remove_cv_t<U>, std::remove_cv_t<T>>,
                  "bare::box<Base> from box<Derived>: Base must be polymorphic (have a virtual "
                  "function) so that the right destructor and layout are used");
    if constexpr (detail::box_has_info<T>) {
      if constexpr (detail::box_has_info<U>) info_ = o.info_;
      else info_ = &detail::drop_info_for<std::remove_cv_t<U>>;
    }
    o.ptr_ = nullptr;
  }
  box& operator=(box&& o) noexcept {
    if (this != &o) {
      reset();
      ptr_ = o.ptr_;
      alloc_ = static_cast<A&&>(o.alloc_);
      info_ = o.info_;
      o.ptr_ = nullptr;
    }
    return *this;
  }
  box(const box&) = delete;  // copying allocates: use clone() / try_clone()
  box& operator=(const box&) = delete;

  // Destroys the object and frees its memory. O(1) plus T's destructor.
  ~box() { reset(); }

  // Destroys the object (if any) and frees its memory; the box becomes null.
  void reset() noexcept {
    if (ptr_ == nullptr) return;
    if constexpr (detail::box_has_info<T>) {
      void* whole = const_cast<void*>(dynamic_cast<const volatile void*>(ptr_));
      info_->destroy(whole);
      alloc_.deallocate(whole, info_->alloc_layout);
    } else {
      ptr_->T::~T();
      alloc_.deallocate(const_cast<std::remove_cv_t<T>*>(ptr_), layout_of<T>);
    }
    ptr_ = nullptr;
  }
  // Gives up ownership: returns the pointer and leaves the box null. The caller must destroy
  // the object and free it (typically with from_raw). O(1).
  [[nodiscard]] T* release() noexcept {
    T* p = ptr_;
    ptr_ = nullptr;
    return p;
  }
  [[nodiscard]] T* into_raw() noexcept { return release(); }

  constexpr T* get() const noexcept { return ptr_; }
  constexpr explicit operator bool() const noexcept { return ptr_ != nullptr; }
  // The object. Precondition (checked unless BARE_UNCHECKED): not null.
  constexpr T& operator*() const noexcept {
    BARE_CHECK(ptr_ != nullptr, "bare::box: null dereference");
    return *ptr_;
  }
  constexpr T* operator->() const noexcept {
    BARE_CHECK(ptr_ != nullptr, "bare::box: null dereference");
    return ptr_;
  }
  constexpr const A& allocator() const noexcept { return alloc_; }
  friend constexpr bool operator==(const box& b, std::nullptr_t) noexcept { return b.ptr_ == nullptr; }

  // A new box holding a copy of the object (a null box clones to null). Allocates one T (plus
  // what copying T allocates). Not for polymorphic bases: the copy would be sliced.
  result<box> try_clone() const noexcept
    requires(detail::cloneable<T> && !detail::box_has_info<T>)
  {
    if (ptr_ == nullptr) return box::from_raw(nullptr, alloc_);
    A a = alloc_;
    void* p = a.allocate(layout_of<T>);
    if (BARE_UNLIKELY(p == nullptr)) return err(detail::alloc_failed(a, layout_of<T>));
    auto r = detail::clone_into(static_cast<std::remove_cv_t<T>*>(p), *ptr_);
    if (!r) {
      a.deallocate(p, layout_of<T>);
      return err(r.error());
    }
    return box::from_raw(static_cast<T*>(p), static_cast<A&&>(a));
  }
#if BARE_OOM_HANDLING
  box clone() const noexcept requires(detail::cloneable<T> && !detail::box_has_info<T>) {
    return detail::unwrap_or_handle(try_clone());
  }
#endif

  void swap(box& o) noexcept {
    box t(static_cast<box&&>(o));
    o = static_cast<box&&>(*this);
    *this = static_cast<box&&>(t);
  }
  friend void swap(box& a, box& b) noexcept { a.swap(b); }
};

// box<T[]>: n elements in one block. Representation invariant: ptr_ == nullptr iff the box is
// null or n == 0... precisely: len_ elements live at ptr_, allocated with
// {len_ * sizeof(T), alignof(T)}; len_ == 0 means no memory is owned (ptr_ == nullptr).
template <class T, allocator A>
class box<T[], A> {
  T* ptr_ = nullptr;
  std::size_t len_ = 0;
  [[no_unique_address]] A alloc_{};

  static constexpr layout elem_ = layout_of<T>;

  constexpr box(T* p, std::size_t n, A&& a) noexcept : ptr_(p), len_(n), alloc_(static_cast<A&&>(a)) {}

 public:
  using element_type = T;
  using allocator_type = A;

  constexpr box() noexcept requires std::default_initializable<A> = default;
  // Takes ownership of n elements at p. Precondition: from into_raw() of a box<T[], A> of n
  // elements whose allocator compares equal to a.
  static box from_raw(T* p, std::size_t n, A a = A()) noexcept {
    return box(n ? p : nullptr, n, static_cast<A&&>(a));
  }
  constexpr box(box&& o) noexcept : ptr_(o.ptr_), len_(o.len_), alloc_(static_cast<A&&>(o.alloc_)) {
    o.ptr_ = nullptr;
    o.len_ = 0;
  }
  box& operator=(box&& o) noexcept {
    if (this != &o) {
      reset();
      ptr_ = o.ptr_;
      len_ = o.len_;
      alloc_ = static_cast<A&&>(o.alloc_);
      o.ptr_ = nullptr;
      o.len_ = 0;
    }
    return *this;
  }
  box(const box&) = delete;
  box& operator=(const box&) = delete;
  ~box() { reset(); }

  // Destroys the elements and frees the block. O(n).
  void reset() noexcept {
    detail::destroy_n(ptr_, len_);
    detail::raw_deallocate(alloc_, detail::raw_block{ptr_, len_}, elem_);
    ptr_ = nullptr;
    len_ = 0;
  }
  // Gives up ownership of the elements (see from_raw); size() is returned by the caller's copy.
  [[nodiscard]] T* into_raw() noexcept {
    T* p = ptr_;
    ptr_ = nullptr;
    len_ = 0;
    return p;
  }

  constexpr std::size_t size() const noexcept { return len_; }
  constexpr bool empty() const noexcept { return len_ == 0; }
  constexpr T* data() const noexcept { return ptr_; }
  constexpr T* begin() const noexcept { return ptr_; }
  constexpr T* end() const noexcept { return ptr_ + len_; }
  constexpr std::span<T> as_span() const noexcept { return {ptr_, len_}; }
  // Element i. O(1). Precondition (checked unless BARE_UNCHECKED): i < size().
  // (ptr_ is read before the check, as in vec: a loop of b[i] then keeps it in a register.)
  constexpr T& operator[](std::size_t i) const noexcept {
    T* const p = ptr_;
    BARE_CHECK(i < len_, "bare::box<T[]>: index out of range");
    return p[i];
  }
  constexpr const A& allocator() const noexcept { return alloc_; }

  // A copy of the array. O(n); allocates once (plus what copying the elements allocates).
  result<box> try_clone() const noexcept requires detail::cloneable<T> {
    A a = alloc_;
    if (len_ == 0) return box::from_raw(nullptr, 0, static_cast<A&&>(a));
    auto p = detail::raw_allocate(a, len_, elem_);
    if (!p) return err(p.error());
    T* d = static_cast<T*>(*p);
    for (std::size_t i = 0; i < len_; ++i) {
      auto r = detail::clone_into(d + i, ptr_[i]);
      if (!r) {
        detail::destroy_n(d, i);
        detail::raw_deallocate(a, detail::raw_block{d, len_}, elem_);
        return err(r.error());
      }
    }
    return box::from_raw(d, len_, static_cast<A&&>(a));
  }
#if BARE_OOM_HANDLING
  box clone() const noexcept requires detail::cloneable<T> { return detail::unwrap_or_handle(try_clone()); }
#endif

  void swap(box& o) noexcept {
    box t(static_cast<box&&>(o));
    o = static_cast<box&&>(*this);
    *this = static_cast<box&&>(t);
  }
  friend void swap(box& a, box& b) noexcept { a.swap(b); }
};

namespace detail {

template <class T, class A, bool ValueInit, class... Args>
result<box<T, A>> make_box_impl(A a, Args&&... args) noexcept {
  void* p = a.allocate(layout_of<T>);
  if (BARE_UNLIKELY(p == nullptr)) return err(detail::alloc_failed(a, layout_of<T>));
  T* obj;
  if constexpr (ValueInit) obj = ::new (p) T(static_cast<Args&&>(args)...);
  else obj = ::new (p) T;
  return box<T, A>::from_raw(obj, static_cast<A&&>(a));
}

template <class E, class A, bool ValueInit>
result<box<E[], A>> make_box_array_impl(std::size_t n, A a) noexcept {
  if (n == 0) return box<E[], A>::from_raw(nullptr, 0, static_cast<A&&>(a));
  if (n > max_elems(sizeof(E))) return err(capacity_overflow(alignof(E)));
  auto p = raw_allocate(a, n, layout_of<E>);
  if (!p) return err(p.error());
  E* d = static_cast<E*>(*p);
  for (std::size_t i = 0; i < n; ++i) {
    if constexpr (ValueInit) ::new (static_cast<void*>(d + i)) E();
    else ::new (static_cast<void*>(d + i)) E;
  }
  return box<E[], A>::from_raw(d, n, static_cast<A&&>(a));
}

template <class T>
struct array_elem {};
template <class E>
struct array_elem<E[]> {
  using type = E;
};

}  // namespace detail

// Allocates a T constructed from args, with allocator a. O(1); allocates sizeof(T) bytes.
template <class T, allocator A, class... Args>
  requires(!std::is_array_v<T>)
result<box<T, A>> try_make_box_in(A a, Args&&... args) noexcept {
  return detail::make_box_impl<T, A, true>(static_cast<A&&>(a), static_cast<Args&&>(args)...);
}
// Allocates a T constructed from args, with a default-constructed A (bare::global by default).
template <class T, allocator A = global, class... Args>
  requires(!std::is_array_v<T>)
result<box<T, A>> try_make_box(Args&&... args) noexcept {
  return detail::make_box_impl<T, A, true>(A(), static_cast<Args&&>(args)...);
}
// Allocates n value-initialised elements: try_make_box<int[]>(n). O(n); allocates once.
template <class T, allocator A = global>
  requires std::is_unbounded_array_v<T>
result<box<T, A>> try_make_box(std::size_t n, A a = A()) noexcept {
  return detail::make_box_array_impl<typename detail::array_elem<T>::type, A, true>(n, static_cast<A&&>(a));
}
// Default-initialised (for trivial types: uninitialised) object or array, to be overwritten.
template <class T, allocator A = global>
  requires(!std::is_array_v<T>)
result<box<T, A>> try_make_box_for_overwrite(A a = A()) noexcept {
  return detail::make_box_impl<T, A, false>(static_cast<A&&>(a));
}
template <class T, allocator A = global>
  requires std::is_unbounded_array_v<T>
result<box<T, A>> try_make_box_for_overwrite(std::size_t n, A a = A()) noexcept {
  return detail::make_box_array_impl<typename detail::array_elem<T>::type, A, false>(n, static_cast<A&&>(a));
}

#if BARE_OOM_HANDLING
template <class T, allocator A, class... Args>
  requires(!std::is_array_v<T>)
box<T, A> make_box_in(A a, Args&&... args) noexcept {
  return detail::unwrap_or_handle(try_make_box_in<T>(static_cast<A&&>(a), static_cast<Args&&>(args)...));
}
template <class T, allocator A = global, class... Args>
  requires(!std::is_array_v<T>)
box<T, A> make_box(Args&&... args) noexcept {
  return detail::unwrap_or_handle(try_make_box<T, A>(static_cast<Args&&>(args)...));
}
template <class T, allocator A = global>
  requires std::is_unbounded_array_v<T>
box<T, A> make_box(std::size_t n, A a = A()) noexcept {
  return detail::unwrap_or_handle(try_make_box<T, A>(n, static_cast<A&&>(a)));
}
template <class T, allocator A = global>
  requires(!std::is_array_v<T>)
box<T, A> make_box_for_overwrite(A a = A()) noexcept {
  return detail::unwrap_or_handle(try_make_box_for_overwrite<T, A>(static_cast<A&&>(a)));
}
template <class T, allocator A = global>
  requires std::is_unbounded_array_v<T>
box<T, A> make_box_for_overwrite(std::size_t n, A a = A()) noexcept {
  return detail::unwrap_or_handle(try_make_box_for_overwrite<T, A>(n, static_cast<A&&>(a)));
}
#endif

template <class T, class A>
struct is_trivially_relocatable<box<T, A>> : is_trivially_relocatable<A> {};

}  // namespace bare
