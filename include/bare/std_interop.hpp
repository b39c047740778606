// bare/std_interop.hpp — hosted programs only: bare's types next to the standard library's.
// No bare header includes this one, and it is not part of the freestanding contract (DESIGN
// §1): it needs <string_view>, <functional>, <memory_resource> and, where there is one,
// <format>.
//
// EXCEPTIONS: this is the only header of bare that may throw. std::pmr::memory_resource and
// std Allocators cannot report a failed allocation as a value: their contract is to throw
// std::bad_alloc (std::bad_array_new_length for a size that overflows), so the adapters below
// do exactly that. Built with -fno-exceptions they call bare::handle_alloc_error instead (as
// the infallible API does); under BARE_NO_GLOBAL_OOM_HANDLING and -fno-exceptions there is
// no way to report the failure, so using them is a compile-time error that says so.
// Everything else here is noexcept and never allocates.
//
// What it offers:
//   to_string_view(s)        str, string<A>, fixed_string<N>, string_buf -> std::string_view
//   str_from(std::string_view)   -> result<str, utf8_error> (the bytes, validated)
//   to_span(x)               vec, fixed_vec, small_vec, buffer_vec, vec_view -> std::span<T>
//                            (const: std::span<const T>); str / strings -> std::span<const char>
//   to_spans(d)              vec_deque, fixed_deque, deque_view -> the pair of spans of
//                            as_slices() (front part, then the wrapped part)
//   std::hash<...>           str, string<A>, fixed_string<N> (equal to std::hash<std::string_view>
//                            of the same bytes); box<T, A>, rc<T, A>, arc<T, A> (the hash of the
//                            value, as bare's own hashers and Rust do; null: 0)
//   hash_append(h, std::string_view)   bare's hashers hash a std::string_view as a str
//   std::formatter<...>      str, string<A>, fixed_string<N>, string_buf (all of
//                            std::string_view's format specs), alloc_errc, alloc_error
//                            (BARE_STD_FORMAT: where the library has <format>)
//   memory_resource_adapter<A>   a std::pmr::memory_resource over a bare allocator
//   memory_resource_ref          a bare allocator over a std::pmr::memory_resource
//   std_allocator<T, A>          a std Allocator over a bare allocator:
//                                std::vector<T, bare::std_allocator<T, bare::region_allocator&>>
//
// (A vec converts to std::span without this header: it is a contiguous, sized range, so
// std::span<int> s(v); works directly. to_span says it in one word, for every vec-like type.)
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory_resource>
#include <new>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>
#include <version>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/error.hpp"
#include "bare/box.hpp"
#include "bare/config.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/detail/rc_core.hpp"
#include "bare/detail/ring_core.hpp"
#include "bare/detail/string_core.hpp"
#include "bare/detail/vec_core.hpp"
#include "bare/deque_view.hpp"
#include "bare/fixed_string.hpp"
#include "bare/hash.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"
#include "bare/str.hpp"
#include "bare/string.hpp"
#include "bare/string_buf.hpp"
#include "bare/vec_view.hpp"

// BARE_STD_FORMAT: 1 if the std::formatter specialisations are declared. Default: where the
// standard library says it has <format> (__cpp_lib_format), and with libc++ 16 when its
// experimental <format> is enabled (-fexperimental-library: it works, but does not define
// the macro). libstdc++ 12 has no <format>. Define it to 0 to leave them out.
#ifndef BARE_STD_FORMAT
#if defined(__cpp_lib_format) || \
    (defined(_LIBCPP_VERSION) && _LIBCPP_VERSION >= 16000 && !defined(_LIBCPP_HAS_NO_INCOMPLETE_FORMAT))
#define BARE_STD_FORMAT 1
#else
#define BARE_STD_FORMAT 0
#endif
#endif
#if BARE_STD_FORMAT
#include <format>
#endif

namespace bare {

// ---- std::string_view ------------------------------------------------------------------------

// A view of the same bytes. O(1), never allocates; valid as long as s's bytes are (for an
// owned string: until it is modified or destroyed).
inline std::string_view to_string_view(str s) noexcept { return {s.data(), s.size()}; }
// string<A>, fixed_string<N>, string_buf.
template <class Buf>
std::string_view to_string_view(const detail::string_core<Buf>& s) noexcept {
  return to_string_view(s.as_str());
}

// The bytes of v as a str if they are UTF-8 (else where they are not). O(n), never allocates;
// the str borrows v's bytes.
inline result<str, utf8_error> str_from(std::string_view v) noexcept { return str::from_utf8(v.data(), v.size()); }

// ---- std::span --------------------------------------------------------------------------------

// The elements of a contiguous container (vec, fixed_vec, small_vec, buffer_vec, vec_view). O(1),
// never allocates; invalidated by whatever invalidates the container's iterators.
template <class T, class S>
std::span<T> to_span(detail::vec_core<T, S>& v) noexcept {
  return v.as_span();
}
template <class T, class S>
std::span<const T> to_span(const detail::vec_core<T, S>& v) noexcept {
  return v.as_span();
}
// A view is a handle: a temporary view still refers to the container's (mutable) elements.
template <class T>
std::span<T> to_span(vec_view<T> v) noexcept {
  return v.as_span();
}
// The bytes of a str or of a string (read-only: writing could break UTF-8). O(1).
inline std::span<const char> to_span(str s) noexcept { return s.bytes(); }
template <class Buf>
std::span<const char> to_span(const detail::string_core<Buf>& s) noexcept {
  return s.bytes();
}

// A deque's elements as two spans, in order: [head, end of the ring) then the wrapped part
// (empty when the elements are contiguous). O(1), never allocates; invalidated by whatever
// moves the deque's start or reallocates (see vec_deque.hpp). vec_deque, fixed_deque,
// deque_view.
template <class T, class S>
std::pair<std::span<T>, std::span<T>> to_spans(detail::ring_core<T, S>& d) noexcept {
  return d.as_slices();
}
template <class T, class S>
std::pair<std::span<const T>, std::span<const T>> to_spans(const detail::ring_core<T, S>& d) noexcept {
  return d.as_slices();
}
template <class T>
std::pair<std::span<T>, std::span<T>> to_spans(deque_view<T> d) noexcept {
  return d.as_slices();
}

// ---- bare's hash protocol for std types -----------------------------------------------------

// A std::string_view hashes as the str of the same bytes (bare/hash.hpp), so
// bare::hash_map<std::string_view, V> works with bare's hashers. O(size).
inline void hash_append(hash_state& h, std::string_view s) noexcept { h.write_bytes(s.data(), s.size()); }

// ---- adapters: shared parts ------------------------------------------------------------------

namespace detail::interop {

// How an adapter holds its allocator A: by value, or for a reference type A = X& as a
// pointer to X (so that the adapter stays copy-assignable, as std Allocators must be).
template <class A>
class handle {
  using stored = std::conditional_t<std::is_reference_v<A>, std::remove_reference_t<A>*, A>;

 public:
  using allocator_type = std::remove_reference_t<A>;

  constexpr handle() noexcept requires(!std::is_reference_v<A> && std::default_initializable<A>) = default;
  constexpr explicit handle(A a) noexcept : a_(wrap_(static_cast<A&&>(a))) {}

  constexpr allocator_type& get() const noexcept {
    if constexpr (std::is_reference_v<A>) return *a_;
    else return a_;
  }
  // Whether memory from allocator x may be freed through y (x, y: the get() of two handles):
  // the same referenced allocator; by value, A's == (a stateless A without one: always).
  // Preconditions: comparable.
  static constexpr bool equal(const allocator_type& x, const allocator_type& y) noexcept {
    if constexpr (std::is_reference_v<A>) return &x == &y;
    else if constexpr (std::equality_comparable<A>) return x == y;
    else return true;
  }
  static constexpr bool comparable =
      std::is_reference_v<A> || std::equality_comparable<A> || std::is_empty_v<A>;
  static constexpr bool always_equal = !std::is_reference_v<A> && std::is_empty_v<A>;

 private:
  static constexpr stored wrap_(A&& a) noexcept {
    if constexpr (std::is_reference_v<A>) return &a;
    else return static_cast<A&&>(a);
  }
  // The allocate / deallocate calls of a stateless A go through a const handle: mutable.
  [[no_unique_address]] mutable stored a_{};
};

// What a std-facing adapter does when its allocator returns nullptr (or the size overflows):
// throw, as the std contracts require; without exceptions, the infallible API's handler. One
// cold, out-of-line function for every adapter.
[[noreturn]] BARE_COLD inline void allocation_failed(alloc_error e) {
#if defined(__cpp_exceptions)
  if (e.kind == alloc_errc::capacity_overflow) throw std::bad_array_new_length();
  throw std::bad_alloc();
#elif BARE_OOM_HANDLING
  handle_alloc_error(e);
#else
  (void)e;
  __builtin_trap();  // not reached: reports_failure is false, so no adapter compiles
#endif
}
// Whether allocation_failed has a way to report (the template parameter only delays the
// static_asserts below to a use of an adapter).
#if defined(__cpp_exceptions) || BARE_OOM_HANDLING
template <class>
inline constexpr bool reports_failure = true;
#else
template <class>
inline constexpr bool reports_failure = false;
#endif
#define BARE_INTEROP_FAILURE_MESSAGE                                                              \
  "bare/std_interop.hpp: std_allocator and memory_resource_adapter report a failed allocation by " \
  "throwing std::bad_alloc; with -fno-exceptions and BARE_NO_GLOBAL_OOM_HANDLING they have no "   \
  "way to report it"

// bare's allocators are never asked for size 0 (alloc/allocator.hpp); std and pmr may ask.
// A request for 0 bytes is served as 1, and freed with the same layout.
constexpr layout nonzero(std::size_t size, std::size_t align) noexcept { return layout{size == 0 ? 1 : size, align}; }

}  // namespace detail::interop

// ---- std::pmr::memory_resource over a bare allocator ---------------------------------------

// A std::pmr::memory_resource whose memory comes from the bare allocator A: A by value
// (bare::global, malloc_allocator, by_ref<X>) or a reference type (region_allocator&,
// budget<global>&), which must outlive the resource.
//
//   bare::region_allocator heap;  heap.init(buf, sizeof buf);
//   bare::memory_resource_adapter<bare::region_allocator&> res(heap);
//   std::pmr::vector<int> v(&res);
//
// Costs are A's (one call per allocate / deallocate, plus a virtual call). Not synchronised
// beyond what A is. The resource is not copyable (pmr containers hold a pointer to it).
template <class A>
  requires allocator<std::remove_reference_t<A>>
class memory_resource_adapter final : public std::pmr::memory_resource {
 public:
  using allocator_type = std::remove_reference_t<A>;

  memory_resource_adapter() noexcept requires std::default_initializable<detail::interop::handle<A>> = default;
  explicit memory_resource_adapter(A a) noexcept : h_(static_cast<A&&>(a)) {}
  memory_resource_adapter(const memory_resource_adapter&) = delete;
  memory_resource_adapter& operator=(const memory_resource_adapter&) = delete;

  allocator_type& allocator() const noexcept { return h_.get(); }

 private:
  // `bytes` aligned to `align`: A's allocate (0 bytes as 1). Throws std::bad_alloc when it
  // returns nullptr (see the top of the file). Panics if align is not a power of two (a
  // precondition of memory_resource::allocate).
  void* do_allocate(std::size_t bytes, std::size_t align) override {
    static_assert(detail::interop::reports_failure<A>, BARE_INTEROP_FAILURE_MESSAGE);
    const layout l = detail::interop::nonzero(bytes, align);
    if (!l.is_valid()) panic("bare::memory_resource_adapter: alignment is not a power of two");
    void* p = h_.get().allocate(l);
    if (p == nullptr) [[unlikely]]
      detail::interop::allocation_failed(detail::alloc_failed(h_.get(), l));
    return p;
  }
  // Gives the block back to A with the layout it was allocated with. Never throws.
  void do_deallocate(void* p, std::size_t bytes, std::size_t align) override {
    h_.get().deallocate(p, detail::interop::nonzero(bytes, align));
  }
  // The same resource; or, with RTTI, another adapter of the same type whose allocators
  // compare equal (the same referenced allocator, or A's ==).
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    if (this == &other) return true;
#if defined(__cpp_rtti) || defined(__GXX_RTTI)
    if constexpr (detail::interop::handle<A>::comparable) {
      const auto* o = dynamic_cast<const memory_resource_adapter*>(&other);
      return o != nullptr && detail::interop::handle<A>::equal(h_.get(), o->h_.get());
    }
#endif
    return false;
  }

  detail::interop::handle<A> h_;
};

// The reverse: a bare allocator over a std::pmr::memory_resource (a monotonic or pool
// resource, an adapter of some other library). A pointer-sized handle; the resource must
// outlive every container using it. allocate returns nullptr where the resource throws
// std::bad_alloc, as the bare::allocator concept requires. (Built with -fno-exceptions, a
// resource that fails ends the program, as anything in libstdc++ that throws does then.)
class memory_resource_ref {
 public:
  // The default resource (std::pmr::get_default_resource()) at the time of construction.
  memory_resource_ref() noexcept : r_(std::pmr::get_default_resource()) {}
  memory_resource_ref(std::pmr::memory_resource* r) noexcept : r_(r) {}  // NOLINT: implicit by design

  // The resource's allocate: O(the resource); nullptr if it throws std::bad_alloc.
  void* allocate(layout l) const noexcept {
#if defined(__cpp_exceptions)
    try {
      return r_->allocate(l.size, l.align);
    } catch (const std::bad_alloc&) {
      return nullptr;
    }
#else
    return r_->allocate(l.size, l.align);
#endif
  }
  void deallocate(void* p, layout l) const noexcept { r_->deallocate(p, l.size, l.align); }

  std::pmr::memory_resource* resource() const noexcept { return r_; }
  // Equal when the resources are (memory_resource's ==: the same, or is_equal).
  friend bool operator==(memory_resource_ref x, memory_resource_ref y) noexcept { return *x.r_ == *y.r_; }

 private:
  std::pmr::memory_resource* r_;
};

// ---- a std Allocator over a bare allocator -----------------------------------------------------

// std_allocator<T, A>: the std Allocator requirements over the bare allocator A, for std
// containers. A is a value (bare::global, malloc_allocator, by_ref<X>: copied into each
// container) or a reference type (region_allocator&: the referenced allocator must outlive
// the containers).
//
//   bare::region_allocator heap;  heap.init(buf, sizeof buf);
//   std::vector<int, bare::std_allocator<int, bare::region_allocator&>> v(heap);
//
// The allocator propagates with the container on copy assignment, move assignment and swap,
// as bare's containers carry theirs (so a move assignment never copies elements). Two
// std_allocators compare equal when memory of one can be freed by the other: same referenced
// allocator, or A's == (a stateless A without one: always). A stateful A held by value needs
// an ==.
template <class T, class A>
  requires allocator<std::remove_reference_t<A>>
class std_allocator {
  static_assert(detail::interop::handle<A>::comparable,
                "bare::std_allocator<T, A>: a stateful allocator held by value needs operator== "
                "(or give a reference type: std_allocator<T, A&>, or by_ref<A>)");
  template <class U, class B>
    requires ::bare::allocator<std::remove_reference_t<B>>
  friend class std_allocator;

 public:
  using value_type = T;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using propagate_on_container_copy_assignment = std::true_type;
  using propagate_on_container_move_assignment = std::true_type;
  using propagate_on_container_swap = std::true_type;
  using is_always_equal = std::bool_constant<detail::interop::handle<A>::always_equal>;
  template <class U>
  struct rebind {
    using other = std_allocator<U, A>;
  };

  constexpr std_allocator() noexcept requires std::default_initializable<detail::interop::handle<A>> = default;
  constexpr std_allocator(A a) noexcept : h_(static_cast<A&&>(a)) {}  // NOLINT: implicit by design
  template <class U>
  constexpr std_allocator(const std_allocator<U, A>& o) noexcept : h_(o.h_) {}  // NOLINT: rebinding

  // Room for n objects of T (not constructed): one call to A's allocate of
  // {n * sizeof(T), alignof(T)} (0 as 1 byte). O(A's allocate). Throws
  // std::bad_array_new_length if n * sizeof(T) overflows, std::bad_alloc if A returns nullptr.
  [[nodiscard]] T* allocate(std::size_t n) {
    static_assert(detail::interop::reports_failure<T>, BARE_INTEROP_FAILURE_MESSAGE);
    if (n > max_size()) [[unlikely]]
      detail::interop::allocation_failed(detail::capacity_overflow(alignof(T)));
    const layout l = detail::interop::nonzero(n * sizeof(T), alignof(T));
    void* p = h_.get().allocate(l);
    if (p == nullptr) [[unlikely]]
      detail::interop::allocation_failed(detail::alloc_failed(h_.get(), l));
    return static_cast<T*>(p);
  }
  // Gives back what allocate(n) returned. O(A's deallocate), never throws.
  void deallocate(T* p, std::size_t n) noexcept {
    h_.get().deallocate(p, detail::interop::nonzero(n * sizeof(T), alignof(T)));
  }
  static constexpr std::size_t max_size() noexcept { return detail::max_elems(sizeof(T)); }

  // The bare allocator. O(1).
  constexpr std::remove_reference_t<A>& allocator() const noexcept { return h_.get(); }

  template <class U>
  friend constexpr bool operator==(const std_allocator& x, const std_allocator<U, A>& y) noexcept {
    return detail::interop::handle<A>::equal(x.allocator(), y.allocator());
  }

 private:
  detail::interop::handle<A> h_;
};

}  // namespace bare

// ---- std::hash --------------------------------------------------------------------------------
// Strings hash as std::string_view of their bytes, so a std::unordered_map<bare::string<>, V>
// and one keyed by std::string agree; and the string hashers are transparent: such a map with
// std::equal_to<> is searched with a bare::str without making a string.
// Smart pointers hash the value they point to with std::hash of the value type (Rust's Box /
// Rc / Arc semantics, and bare's own hash protocol; rc's == compares values too); null
// hashes as 0. Not for arrays (box<T[]>, rc<T[]>).

namespace bare::detail::interop {

struct string_hash {
  using is_transparent = void;
  std::size_t operator()(str s) const noexcept { return std::hash<std::string_view>{}(to_string_view(s)); }
};

template <class T>
concept std_hashable = requires(const T& v) {
  { std::hash<std::remove_cv_t<T>>{}(v) } -> std::convertible_to<std::size_t>;
};

template <class P, class T>
struct pointee_hash {
  using value_hash = std::hash<std::remove_cv_t<T>>;
  std::size_t operator()(const P& p) const noexcept(noexcept(value_hash{}(std::declval<const T&>()))) {
    if (p.get() == nullptr) return 0;
    return value_hash{}(*p.get());
  }
};

}  // namespace bare::detail::interop

template <>
struct std::hash<bare::str> : bare::detail::interop::string_hash {};
template <bare::allocator A>
struct std::hash<bare::string<A>> : bare::detail::interop::string_hash {};
template <std::size_t N>
struct std::hash<bare::fixed_string<N>> : bare::detail::interop::string_hash {};

template <class T, class A>
  requires(!std::is_array_v<T> && bare::detail::interop::std_hashable<T>)
struct std::hash<bare::box<T, A>> : bare::detail::interop::pointee_hash<bare::box<T, A>, T> {};
template <class T, class A, class P>
  requires(!std::is_array_v<T> && bare::detail::interop::std_hashable<T>)
struct std::hash<bare::detail::rc_ptr<T, A, P>>
    : bare::detail::interop::pointee_hash<bare::detail::rc_ptr<T, A, P>, T> {};

// ---- std::formatter ----------------------------------------------------------------------------
#if BARE_STD_FORMAT

namespace bare::detail::interop {

// Formats as the std::string_view of S's bytes, with all of string_view's format specs
// ("{:>10}", "{:.3}", ...).
template <class S>
struct string_formatter : std::formatter<std::string_view, char> {
  template <class Ctx>
  auto format(const S& s, Ctx& ctx) const {
    return std::formatter<std::string_view, char>::format(to_string_view(s), ctx);
  }
};

}  // namespace bare::detail::interop

template <>
struct std::formatter<bare::str, char> : bare::detail::interop::string_formatter<bare::str> {};
template <bare::allocator A>
struct std::formatter<bare::string<A>, char> : bare::detail::interop::string_formatter<bare::string<A>> {};
template <std::size_t N>
struct std::formatter<bare::fixed_string<N>, char> : bare::detail::interop::string_formatter<bare::fixed_string<N>> {};
template <>
struct std::formatter<bare::string_buf, char> : bare::detail::interop::string_formatter<bare::string_buf> {};

// "out of memory", "full", "capacity overflow" (bare::to_string), with string specs.
template <>
struct std::formatter<bare::alloc_errc, char> : std::formatter<std::string_view, char> {
  template <class Ctx>
  auto format(bare::alloc_errc k, Ctx& ctx) const {
    return std::formatter<std::string_view, char>::format(bare::to_string(k), ctx);
  }
};
// "out of memory (24 bytes, align 8)"; a capacity overflow has no meaningful size:
// "capacity overflow (align 8)". With string specs ("{:>40}").
template <>
struct std::formatter<bare::alloc_error, char> : std::formatter<std::string_view, char> {
  template <class Ctx>
  auto format(const bare::alloc_error& e, Ctx& ctx) const {
    char buf[96];  // the longest: "capacity overflow (" + 2 x 20 digits + ...: < 96
    const auto r = e.kind == bare::alloc_errc::capacity_overflow
                       ? std::format_to_n(buf, sizeof buf, "{} (align {})", bare::to_string(e.kind), e.request.align)
                       : std::format_to_n(buf, sizeof buf, "{} ({} bytes, align {})", bare::to_string(e.kind),
                                          e.request.size, e.request.align);
    return std::formatter<std::string_view, char>::format(std::string_view(buf, static_cast<std::size_t>(r.out - buf)), ctx);
  }
};

#endif  // BARE_STD_FORMAT

#undef BARE_INTEROP_FAILURE_MESSAGE
