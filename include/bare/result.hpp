// bare/result.hpp — result<T, E>: a value or an error, returned by every fallible operation.
//
//   bare::result<int&> r = v.try_push_back(7);
//   if (!r) return bare::err(r.error());     // the vector is exactly as before
//   int& slot = *r;
//
// Like std::expected (which is not freestanding in C++20): [[nodiscard]], no exceptions;
// value() of an error and error() of a value are precondition violations (bare::panic).
// Forms: result<T, E>, result<T&, E> (a reference, stored as a pointer), result<void, E>.
// E must be trivially copyable (errors are small values: alloc_error, utf8_error, ...).
#pragma once

#include <new>
#include <type_traits>
#include <utility>

#include "bare/alloc/error.hpp"
#include "bare/panic.hpp"

namespace bare {

// The error half of a result, made with err(e): `return bare::err(e);`.
template <class E>
struct err_t {
  E error;
};

// (By reference, and the result constructors below take the err_t by reference: by value,
// g++ -Os copied the error through the stack at each step of a propagation, ~40 bytes of
// Cortex-M code per `return err(r.error())`.)
template <class E>
constexpr err_t<std::decay_t<E>> err(E&& e) noexcept {
  return err_t<std::decay_t<E>>{static_cast<E&&>(e)};
}

template <class T, class E = alloc_error>
class result;

namespace detail {
template <class U>
inline constexpr bool is_err_t = false;
template <class G>
inline constexpr bool is_err_t<err_t<G>> = true;
template <class U>
inline constexpr bool is_result = false;
template <class T, class E>
inline constexpr bool is_result<result<T, E>> = true;

[[noreturn]] BARE_COLD inline void bad_result_access(bool wanted_value, source_loc where) noexcept {
  panic(wanted_value ? "bare::result: value() of an error" : "bare::result: error() of a value",
        where);
}
}  // namespace detail

// Representation: exactly one of val_ / err_ is alive; ok_ says which.
template <class T, class E>
class [[nodiscard]] result {
  static_assert(std::is_trivially_copyable_v<E>, "bare::result: the error type must be trivially copyable");
  static_assert(!std::is_reference_v<T> && !std::is_void_v<T>, "handled by the specialisations below");

 public:
  using value_type = T;
  using error_type = E;

  template <class U = T>
    requires(std::is_constructible_v<T, U> && !std::is_same_v<std::remove_cvref_t<U>, result> &&
             !detail::is_err_t<std::remove_cvref_t<U>> &&
             !std::is_same_v<std::remove_cvref_t<U>, std::in_place_t>)
  constexpr result(U&& v) noexcept : val_(std::forward<U>(v)), ok_(true) {}  // NOLINT: implicit by design

  template <class... Args>
  constexpr explicit result(std::in_place_t, Args&&... args) noexcept
      : val_(std::forward<Args>(args)...), ok_(true) {}

  template <class G>
    requires std::is_constructible_v<E, const G&>
  constexpr result(const err_t<G>& e) noexcept : err_(e.error), ok_(false) {}  // NOLINT: implicit by design

  constexpr result(const result&) requires std::is_trivially_copy_constructible_v<T> = default;
  constexpr result(const result& o) noexcept requires(std::is_copy_constructible_v<T> &&
                                                      !std::is_trivially_copy_constructible_v<T>)
      : ok_(o.ok_) {
    if (ok_) ::new (static_cast<void*>(&val_)) T(o.val_);
    else err_ = o.err_;
  }
  constexpr result(result&&) requires std::is_trivially_move_constructible_v<T> = default;
  constexpr result(result&& o) noexcept requires(std::is_move_constructible_v<T> &&
                                                 !std::is_trivially_move_constructible_v<T>)
      : ok_(o.ok_) {
    if (ok_) ::new (static_cast<void*>(&val_)) T(std::move(o.val_));
    else err_ = o.err_;
  }
  result& operator=(const result&) = delete;
  result& operator=(result&&) = delete;

  constexpr ~result() requires std::is_trivially_destructible_v<T> = default;
  constexpr ~result() {
    if (ok_) val_.T::~T();
  }

  constexpr bool has_value() const noexcept { return ok_; }
  constexpr explicit operator bool() const noexcept { return ok_; }

  // The value; an error is a precondition violation (panic at the caller's line).
  constexpr T& value(source_loc where = source_loc::current()) & noexcept {
    if (BARE_UNLIKELY(!ok_)) detail::bad_result_access(true, where);
    return val_;
  }
  constexpr const T& value(source_loc where = source_loc::current()) const& noexcept {
    if (BARE_UNLIKELY(!ok_)) detail::bad_result_access(true, where);
    return val_;
  }
  constexpr T&& value(source_loc where = source_loc::current()) && noexcept {
    if (BARE_UNLIKELY(!ok_)) detail::bad_result_access(true, where);
    return std::move(val_);
  }
  constexpr T& operator*() & noexcept { return value(); }
  constexpr const T& operator*() const& noexcept { return value(); }
  constexpr T&& operator*() && noexcept { return std::move(*this).value(); }
  constexpr T* operator->() noexcept { return &value(); }
  constexpr const T* operator->() const noexcept { return &value(); }

  constexpr E error(source_loc where = source_loc::current()) const noexcept {
    if (BARE_UNLIKELY(ok_)) detail::bad_result_access(false, where);
    return err_;
  }

  template <class U>
  constexpr T value_or(U&& fallback) && noexcept {
    return ok_ ? std::move(val_) : static_cast<T>(std::forward<U>(fallback));
  }
  template <class U>
  constexpr T value_or(U&& fallback) const& noexcept {
    return ok_ ? val_ : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  union {
    T val_;
    E err_;
  };
  bool ok_;
};

// A reference or an error. Representation: ptr_ != nullptr iff it holds a reference.
template <class T, class E>
class [[nodiscard]] result<T&, E> {
  static_assert(std::is_trivially_copyable_v<E>, "bare::result: the error type must be trivially copyable");

 public:
  using value_type = T&;
  using error_type = E;

  constexpr result(T& r) noexcept : ptr_(&r) {}  // NOLINT: implicit by design
  template <class G>
    requires std::is_constructible_v<E, const G&>
  constexpr result(const err_t<G>& e) noexcept : ptr_(nullptr), err_(e.error) {}  // NOLINT

  constexpr bool has_value() const noexcept { return ptr_ != nullptr; }
  constexpr explicit operator bool() const noexcept { return ptr_ != nullptr; }
  constexpr T& value(source_loc where = source_loc::current()) const noexcept {
    if (BARE_UNLIKELY(!ptr_)) detail::bad_result_access(true, where);
    return *ptr_;
  }
  constexpr T& operator*() const noexcept { return value(); }
  constexpr T* operator->() const noexcept { return &value(); }
  constexpr E error(source_loc where = source_loc::current()) const noexcept {
    if (BARE_UNLIKELY(ptr_)) detail::bad_result_access(false, where);
    return err_;
  }

 private:
  T* ptr_;
  // Only the error case writes the error: a success stays one pointer store (an initialised
  // error there cost every successful try_ a 24-byte store, and g++ then copied the result
  // through memory with a store-forwarding stall).
  union {
    E err_;
  };
};

// Success with no value, or an error.
template <class E>
class [[nodiscard]] result<void, E> {
  static_assert(std::is_trivially_copyable_v<E>, "bare::result: the error type must be trivially copyable");

 public:
  using value_type = void;
  using error_type = E;

  constexpr result() noexcept : ok_(true) {}
  template <class G>
    requires std::is_constructible_v<E, const G&>
  constexpr result(const err_t<G>& e) noexcept : err_(e.error), ok_(false) {}  // NOLINT

  constexpr bool has_value() const noexcept { return ok_; }
  constexpr explicit operator bool() const noexcept { return ok_; }
  constexpr void value(source_loc where = source_loc::current()) const noexcept {
    if (BARE_UNLIKELY(!ok_)) detail::bad_result_access(true, where);
  }
  constexpr E error(source_loc where = source_loc::current()) const noexcept {
    if (BARE_UNLIKELY(ok_)) detail::bad_result_access(false, where);
    return err_;
  }

 private:
  union {  // written only on error (see result<T&, E>)
    E err_;
  };
  bool ok_;
};

}  // namespace bare

// BARE_TRY(expr): evaluates a result; on error returns the error from the enclosing function
// (which must return a result with a compatible error type).
#define BARE_TRY(expr)                                             \
  do {                                                             \
    auto&& bare_try_result_ = (expr);                              \
    if (!bare_try_result_) return ::bare::err(bare_try_result_.error()); \
  } while (0)
