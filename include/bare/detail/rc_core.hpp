// bare/detail/rc_core.hpp — the one implementation behind rc<T, A> / rc_weak<T, A> (bare/rc.hpp)
// and arc<T, A> / arc_weak<T, A> (bare/arc.hpp): the block layout, make, clone, drop,
// downgrade, upgrade, get_mut / make_mut, try_unwrap / into_inner, new_cyclic and arrays are
// written once here, over a count policy P that says how the two counts are updated:
//
//   local_counts              plain size_t arithmetic (rc; below)
//   atomic_counts             atomic read-modify-write with Rust's Arc orderings (arc; arc.hpp)
//   critical_section_counts   local_counts inside a program-provided critical section
//                             (arc under BARE_ATOMICS_VIA_CRITICAL_SECTION; arc.hpp)
//
// ---- Block layout ------------------------------------------------------------------------
// One allocation holds the counts and the value, laid out as if it were
//
//   struct block {                  // allocated with {value_offset + n * sizeof(E), align}
//     char pad[];                   // only when alignof(E) > alignof(rc_header<A>)
//     union {                       // the "slot": present only for
//       const rc_block_desc* desc;  //   a polymorphic E (drop descriptor of the complete type)
//       std::size_t len;            //   an array, rc<E[]> (n, the number of elements)
//     };
//     rc_header<A> {
//       [[no_unique_address]] A alloc;  // the allocator the block came from (no space if empty)
//       rc_counts counts;           // {strong, weak}
//     };
//     E value[n];                   // n == 1 unless array; at value_offset from the start
//   };
//
// Everything but the padding sits at a fixed negative offset from the complete value, so an
// rc is one pointer, to the value: sizeof(rc<T>) == sizeof(void*) whatever A is (the
// allocator lives in the block). After a derived -> base conversion the pointer points to the
// base subobject; the complete value is found with dynamic_cast<void*> (it reads the vtable's
// offset-to-top and needs no RTTI), and the descriptor it carries gives the destructor and
// the block's layout. A weak pointer keeps the complete value's address beside its pointer,
// because the vtable is gone once the value is destroyed (so a weak is two pointers).
//
// ---- Counts (representation invariant, Rust's Rc/Arc) -------------------------------------
//   strong = the number of strong pointers (rc / arc). The value is alive iff strong > 0,
//            except inside new_cyclic, where strong == 0 while the value is being built.
//   weak   = the number of weak pointers, + 1 while strong > 0 (held by all strong pointers
//            together). The value is destroyed exactly once, when strong drops to 0; the block
//            is freed exactly once, when weak drops to 0.
//   Both stay <= rc_max_count (SIZE_MAX / 2): an increment that would pass it panics
//   (bare::panic) instead of wrapping around into a use-after-free. atomic_counts alone briefly sets weak to
//   rc_weak_locked (SIZE_MAX) in is_unique, only from 1 (no weak pointer exists then).
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <new>
#include <optional>
#include <span>
#include <type_traits>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/global.hpp"
#include "bare/detail/checked.hpp"
#include "bare/detail/clone.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"

namespace bare::detail {

struct rc_counts {
  std::size_t strong;
  std::size_t weak;
};

inline constexpr std::size_t rc_max_count = SIZE_MAX / 2;
inline constexpr std::size_t rc_weak_locked = SIZE_MAX;

[[noreturn]] BARE_COLD inline void rc_count_overflow() noexcept {
  panic("bare::rc/arc: reference count overflow (more than SIZE_MAX/2 references: leaked clones?)");
}

// n = n + 1, and a panic if that passed rc_max_count. rc_max_count is SIZE_MAX / 2, so the
// check is the sign bit of the new count: the compiler folds it into the add (x86-64:
// `addq $1, mem; js`, the same two instructions as Rust's Rc::clone).
BARE_ALWAYS_INLINE void rc_checked_inc(std::size_t& n) noexcept {
  static_assert(rc_max_count == SIZE_MAX / 2);
  const std::size_t r = n + 1;
  n = r;
  if (BARE_UNLIKELY(static_cast<std::ptrdiff_t>(r) < 0)) rc_count_overflow();
}

// ---- Count policies ------------------------------------------------------------------------
// A policy is a stateless struct of static functions on the counts of one block:
//   add_strong(c)          strong + 1 (clone). Precondition: the caller holds a strong.
//   add_weak(c)            weak + 1 (weak clone). Precondition: the caller holds a weak.
//   downgrade(c)           weak + 1 from a strong. Precondition: the caller holds a strong.
//   upgrade(c) -> bool     strong + 1 iff strong > 0 (never from 0); whether it did.
//   release_strong(c)      strong - 1; true iff it reached 0 (then this thread may destroy).
//   release_weak(c)        weak - 1; true iff it reached 0 (then this thread may free).
//   release_last_weak(c)   release_weak for the strong side's weak, once strong reached 0 and
//                          the value is destroyed (may skip the write when it is the last).
//   strong(c), weak(c)     snapshots (weak may read rc_weak_locked under atomic_counts).
//   is_unique(c)           strong == 1 and weak == 1. Precondition: the caller holds a strong.
//   take_unique(c)         strong 1 -> 0 iff it is 1. Precondition: the caller holds a strong.
//   publish(c)             strong 0 -> 1 (after new_cyclic built the value; undoing take_unique).
// Every increment panics if the count would pass rc_max_count.

// rc: one thread (and one interrupt level) only.
struct local_counts {
  static void add_strong(rc_counts& c) noexcept { rc_checked_inc(c.strong); }
  static void add_weak(rc_counts& c) noexcept { rc_checked_inc(c.weak); }
  static void downgrade(rc_counts& c) noexcept { rc_checked_inc(c.weak); }
  static bool upgrade(rc_counts& c) noexcept {
    if (c.strong == 0) return false;
    rc_checked_inc(c.strong);
    return true;
  }
  static bool release_strong(rc_counts& c) noexcept { return --c.strong == 0; }
  static bool release_weak(rc_counts& c) noexcept { return --c.weak == 0; }
  static bool release_last_weak(rc_counts& c) noexcept { return --c.weak == 0; }
  static std::size_t strong(const rc_counts& c) noexcept { return c.strong; }
  static std::size_t weak(const rc_counts& c) noexcept { return c.weak; }
  static bool is_unique(const rc_counts& c) noexcept { return c.strong == 1 && c.weak == 1; }
  static bool take_unique(rc_counts& c) noexcept {
    if (c.strong != 1) return false;
    c.strong = 0;
    return true;
  }
  static void publish(rc_counts& c) noexcept { c.strong = 1; }
};

// ---- Block ---------------------------------------------------------------------------------

template <class A>
struct rc_header {
  // A constructor, not aggregate initialisation: clang 16 crashes in code generation on
  // aggregate-initialising an empty [[no_unique_address]] member from an xvalue.
  rc_header(A&& a, std::size_t strong, std::size_t weak) noexcept
      : alloc(static_cast<A&&>(a)), counts{strong, weak} {}
  [[no_unique_address]] A alloc;
  rc_counts counts;
};

// What a base-class pointer needs to drop a polymorphic value: stored in the block's slot.
struct rc_block_desc {
  void (*destroy)(void* whole) noexcept;  // the complete type's destructor; nullptr if trivial
  std::size_t size;                       // the block's layout...
  std::size_t align;
  std::size_t value_offset;               // ...and where the complete value starts in it
};

template <class A>
rc_header<A>* rc_header_of(void* whole) noexcept {
  return std::launder(reinterpret_cast<rc_header<A>*>(static_cast<char*>(whole) - sizeof(rc_header<A>)));
}

// The slot (descriptor or length) just before the header.
template <class A>
void* rc_slot_of(void* whole) noexcept {
  return static_cast<char*>(whole) - sizeof(rc_header<A>) - sizeof(void*);
}

// The untyped core of allocation, one copy per allocator type.
// Allocates a block of layout l and constructs its header (the allocator moved in, counts
// {strong, weak}); returns the address of the value (uninitialised storage).
// Preconditions: l.size > value_offset >= sizeof(rc_header<A>); value_offset % l.align == 0.
template <allocator A>
result<char*> rc_allocate(A& a, layout l, std::size_t value_offset, std::size_t strong,
                          std::size_t weak) noexcept {
  void* p = a.allocate(l);
  if (BARE_UNLIKELY(p == nullptr)) return err(alloc_failed(a, l));
  char* value = static_cast<char*>(p) + value_offset;
  ::new (static_cast<void*>(value - sizeof(rc_header<A>))) rc_header<A>(static_cast<A&&>(a), strong, weak);
  return value;
}

// Gives the block of the value at `whole` back to its allocator.
// Preconditions: its weak count reached 0 (or it was never shared); the value is destroyed.
template <allocator A>
BARE_NOINLINE void rc_free(void* whole, layout l, std::size_t value_offset) noexcept {
  rc_header<A>* h = rc_header_of<A>(whole);
  A a(static_cast<A&&>(h->alloc));
  h->~rc_header<A>();
  a.deallocate(static_cast<char*>(whole) - value_offset, l);
}

// Static facts about the block of a T (T = E or E[]) with allocator A.
// Instantiated only where T is complete (rc<T> itself accepts an incomplete T).
template <class T, class A>
struct rc_shape {
  using elem = std::remove_cv_t<std::remove_extent_t<T>>;
  static constexpr bool array = std::is_unbounded_array_v<T>;
  static constexpr bool poly = !array && std::is_polymorphic_v<elem>;  // the slot holds a descriptor
  static constexpr bool dyn = poly && !std::is_final_v<elem>;         // may point to a base subobject
  static constexpr std::size_t header_size = sizeof(rc_header<A>) + (array || poly ? sizeof(void*) : 0);
  static constexpr std::size_t align =
      alignof(elem) > alignof(rc_header<A>) ? alignof(elem) : alignof(rc_header<A>);
  static constexpr std::size_t value_offset = (header_size + align - 1) & ~(align - 1);
  // The most elements an array block can hold (its size stays <= PTRDIFF_MAX).
  static constexpr std::size_t max_len = (max_object_size - value_offset) / sizeof(elem);

  static constexpr layout layout_for(std::size_t n) noexcept {
    return {value_offset + n * sizeof(elem), align};
  }
};

template <class E>
void rc_destroy_complete(void* whole) noexcept {
  static_cast<E*>(whole)->E::~E();
}
template <class E, class A>
inline constexpr rc_block_desc rc_desc_for{
    std::is_trivially_destructible_v<E> ? nullptr : &rc_destroy_complete<E>,
    rc_shape<E, A>::layout_for(1).size, rc_shape<E, A>::align, rc_shape<E, A>::value_offset};

// The block operations of rc_ptr / rc_weak_ptr, over the complete value's address `whole`.
template <class T, class A, class P>
struct rc_block : rc_shape<T, A> {
  using base = rc_shape<T, A>;
  using typename base::elem;

  static rc_counts& counts(void* whole) noexcept { return rc_header_of<A>(whole)->counts; }
  static const rc_block_desc* desc(void* whole) noexcept {
    return *std::launder(static_cast<const rc_block_desc**>(rc_slot_of<A>(whole)));
  }
  static std::size_t len(void* whole) noexcept {
    if constexpr (base::array) return *std::launder(static_cast<std::size_t*>(rc_slot_of<A>(whole)));
    else return 1;
  }

  // Allocates a block for n elements (n == 1 unless an array) with counts {strong, weak} and
  // fills the slot; returns the value's (uninitialised) storage.
  // Preconditions: n <= max_len (callers check it where n comes from outside); T is the
  // complete type (not a base).
  static result<elem*> allocate(A& a, std::size_t n, std::size_t strong, std::size_t weak) noexcept {
    auto v = rc_allocate(a, base::layout_for(n), base::value_offset, strong, weak);
    if (!v) return err(v.error());
    if constexpr (base::array) ::new (rc_slot_of<A>(*v)) std::size_t(n);
    if constexpr (base::poly) ::new (rc_slot_of<A>(*v)) const rc_block_desc*(&rc_desc_for<elem, A>);
    return reinterpret_cast<elem*>(*v);
  }

  // Frees a block whose elements are destroyed (or were never built).
  static void free(void* whole) noexcept {
    if constexpr (base::dyn) {
      const rc_block_desc* d = desc(whole);
      rc_free<A>(whole, layout{d->size, d->align}, d->value_offset);
    } else {
      rc_free<A>(whole, base::layout_for(len(whole)), base::value_offset);
    }
  }

  static void release_weak(void* whole) noexcept {
    if (P::release_weak(counts(whole))) free(whole);
  }

  // The last strong pointer went: destroy the value, then give up the strong side's weak.
  BARE_NOINLINE static void drop_value(void* whole) noexcept {
    if constexpr (base::dyn) {
      if (auto destroy = desc(whole)->destroy) destroy(whole);
    } else {
      destroy_n(static_cast<elem*>(whole), len(whole));
    }
    if (P::release_last_weak(counts(whole))) free(whole);
  }
};

template <class T, class A, class P>
class rc_ptr;
template <class T, class A, class P>
class rc_weak_ptr;
struct rc_access;

// rc<U> converts to rc<T>: derived -> base, or adding const (arrays: the same elements only).
template <class U, class T>
concept rc_convertible =
    !std::is_same_v<U, T> &&
    ((!std::is_array_v<U> && !std::is_array_v<T> && std::is_convertible_v<U*, T*>) ||
     (std::is_unbounded_array_v<U> && std::is_unbounded_array_v<T> &&
      std::is_same_v<std::remove_cv_t<std::remove_extent_t<U>>, std::remove_cv_t<std::remove_extent_t<T>>> &&
      std::is_convertible_v<std::remove_extent_t<U>*, std::remove_extent_t<T>*>));

// T is the complete type of any value an rc<T> points to (so it may be copied or moved out).
template <class T>
concept rc_exact = !std::is_polymorphic_v<T> || std::is_final_v<T>;

template <class U, class T>
constexpr void rc_check_conversion() noexcept {
  static_assert(std::is_same_v<std::remove_cv_t<U>, std::remove_cv_t<T>> || std::is_polymorphic_v<T>,
                "bare::rc<Base> / arc<Base> from rc<Derived>: Base must be polymorphic (have a virtual "
                "function), so that the complete value's destructor and layout are found");
}

// ---- Strong pointer: rc<T, A> / arc<T, A> --------------------------------------------------
//
// Representation invariant: ptr_ is null, or points to a live value (or a base subobject of
// one) of a block as above, for which this pointer holds one strong count.
template <class T, class A, class P>
class rc_ptr {
  static_assert(sizeof(P) > 0);  // a policy that cannot work on this target says why here
  static_assert(!std::is_bounded_array_v<T>, "bare::rc / arc: use T[] (length at run time), not T[N]");

 public:
  using element_type = std::remove_extent_t<T>;
  using weak_type = rc_weak_ptr<T, A, P>;
  using allocator_type = A;

  // ---- construction ----------------------------------------------------------------------

  // A null pointer. Rust's Rc is never null; here a default-constructed pointer, a moved-from
  // one and a failed upgrade are. O(1), never allocates.
  constexpr rc_ptr() noexcept = default;
  constexpr rc_ptr(std::nullptr_t) noexcept {}  // NOLINT: implicit like a pointer

  // Another strong pointer to the same value (Rust's clone). O(1), never allocates.
  rc_ptr(const rc_ptr& o) noexcept : ptr_(o.ptr_) {
    if (ptr_ != nullptr) P::add_strong(counts_());
  }
  // Takes o's count; o becomes null. O(1).
  constexpr rc_ptr(rc_ptr&& o) noexcept : ptr_(o.ptr_) { o.ptr_ = nullptr; }
  // Derived -> base (Base must be polymorphic: compile-time error otherwise), or T -> const T.
  // O(1), never allocates.
  template <class U>
    requires rc_convertible<U, T>
  rc_ptr(const rc_ptr<U, A, P>& o) noexcept : ptr_(o.ptr_) {  // NOLINT: implicit like a pointer
    rc_check_conversion<U, T>();
    if (ptr_ != nullptr) P::add_strong(counts_());
  }
  template <class U>
    requires rc_convertible<U, T>
  rc_ptr(rc_ptr<U, A, P>&& o) noexcept : ptr_(o.ptr_) {  // NOLINT: implicit like a pointer
    rc_check_conversion<U, T>();
    o.ptr_ = nullptr;
  }

  // The same as the copy constructor, by name (Rust's clone). O(1), never allocates.
  rc_ptr clone() const noexcept { return *this; }

  rc_ptr& operator=(const rc_ptr& o) noexcept {
    rc_ptr(o).swap(*this);
    return *this;
  }
  rc_ptr& operator=(rc_ptr&& o) noexcept {
    rc_ptr(static_cast<rc_ptr&&>(o)).swap(*this);
    return *this;
  }

  // Gives up this strong count: the last one destroys the value (O(n) for arrays), and frees
  // the block if no weak pointer remains. Never allocates. Unlike reset(), the destructor does
  // not null the pointer first (as std::shared_ptr and Rust's Rc / Arc): the value's
  // destructor must not reach the very pointer being destroyed. That store, which a locked
  // instruction must wait for, cost arc clone + drop 15.2 -> 11.9 ns (bench group rc).
  ~rc_ptr() {
    if (ptr_ != nullptr) release_(ptr_);
  }
  void reset() noexcept {
    element_type* p = ptr_;
    ptr_ = nullptr;  // first: the value's destructor may reach this pointer
    if (p != nullptr) release_(p);
  }

  // Takes over the strong count of p. Precondition: p is null or came from into_raw() of a
  // pointer of this very type.
  static rc_ptr from_raw(element_type* p) noexcept { return rc_ptr(p); }
  // Gives up ownership without changing the counts; the pointer becomes null. O(1).
  [[nodiscard]] element_type* into_raw() noexcept {
    element_type* p = ptr_;
    ptr_ = nullptr;
    return p;
  }

  // Builds a value that holds weak pointers to itself: f(const weak_type& w) returns the
  // value (or what it is constructed from); while f runs, w.upgrade() is null (the value does
  // not exist yet), but f may copy w into the value. O(1) + f; allocates one block.
  // On failure f is not called.
  template <class F>
    requires(!std::is_array_v<T> && std::is_invocable_v<F&, const weak_type&> &&
             std::is_constructible_v<std::remove_cv_t<T>, std::invoke_result_t<F&, const weak_type&>>)
  static result<rc_ptr> try_new_cyclic(F&& f, A a = A()) noexcept {
    using block = rc_block<T, A, P>;
    using E = typename block::elem;
    auto v = block::allocate(a, 1, 0, 1);  // strong 0: no upgrade succeeds while f runs
    if (!v) return err(v.error());
    E* p = *v;
    weak_type w(p, p);  // holds the weak count 1
    ::new (static_cast<void*>(p)) E(f(static_cast<const weak_type&>(w)));
    P::publish(block::counts(p));
    w.forget_();  // its weak count becomes the one held by the strong side
    return rc_ptr(p);
  }
#if BARE_OOM_HANDLING
  template <class F>
    requires(!std::is_array_v<T> && std::is_invocable_v<F&, const weak_type&> &&
             std::is_constructible_v<std::remove_cv_t<T>, std::invoke_result_t<F&, const weak_type&>>)
  static rc_ptr new_cyclic(F&& f, A a = A()) noexcept {
    return unwrap_or_handle(try_new_cyclic(static_cast<F&&>(f), static_cast<A&&>(a)));
  }
#endif

  // ---- access (all O(1); none allocates or invalidates anything) --------------------------

  // The value's address (arrays: the first element's), or null.
  constexpr element_type* get() const noexcept { return ptr_; }
  constexpr explicit operator bool() const noexcept { return ptr_ != nullptr; }
  // The value. Precondition (checked unless BARE_UNCHECKED): not null.
  constexpr element_type& operator*() const noexcept requires(!std::is_array_v<T>) {
    BARE_CHECK(ptr_ != nullptr, "bare::rc/arc: null dereference");
    return *ptr_;
  }
  constexpr element_type* operator->() const noexcept requires(!std::is_array_v<T>) {
    BARE_CHECK(ptr_ != nullptr, "bare::rc/arc: null dereference");
    return ptr_;
  }

  // Arrays: the elements; size() is read from the block (0 for a null pointer). rc<T[]> has
  // no operator* / ->, rc<T> no size() / [].
  std::size_t size() const noexcept requires std::is_array_v<T> {
    return ptr_ == nullptr ? 0 : rc_block<T, A, P>::len(whole_());
  }
  bool empty() const noexcept requires std::is_array_v<T> { return size() == 0; }
  constexpr element_type* data() const noexcept requires std::is_array_v<T> { return ptr_; }
  constexpr element_type* begin() const noexcept requires std::is_array_v<T> { return ptr_; }
  element_type* end() const noexcept requires std::is_array_v<T> { return ptr_ + size(); }
  std::span<element_type> as_span() const noexcept requires std::is_array_v<T> { return {ptr_, size()}; }
  // Element i. O(1). Precondition (checked unless BARE_UNCHECKED): i < size().
  // (ptr_ is read before the check, as in vec: a loop of p[i] then keeps it in a register.)
  element_type& operator[](std::size_t i) const noexcept requires std::is_array_v<T> {
    element_type* const p = ptr_;
    BARE_CHECK(i < size(), "bare::rc<T[]>/arc<T[]>: index out of range");
    return p[i];
  }

  // The allocator the block came from (it lives in the block). Precondition: not null.
  const A& allocator() const noexcept {
    BARE_CHECK(ptr_ != nullptr, "bare::rc/arc: allocator() of a null pointer");
    return rc_header_of<A>(whole_())->alloc;
  }

  // ---- counts ----------------------------------------------------------------------------

  // A weak pointer to the same value. O(1) (arc: may wait while another thread's get_mut /
  // make_mut checks uniqueness), never allocates. Null for a null pointer.
  weak_type downgrade() const noexcept {
    if (ptr_ == nullptr) return weak_type();
    void* w = whole_();
    P::downgrade(rc_block<T, A, P>::counts(w));
    return weak_type(ptr_, w);
  }
  // Strong pointers to this value (0 if null). A snapshot under arc. O(1).
  std::size_t strong_count() const noexcept { return ptr_ == nullptr ? 0 : P::strong(counts_()); }
  // Weak pointers to this value (0 if null). A snapshot under arc. O(1).
  std::size_t weak_count() const noexcept {
    if (ptr_ == nullptr) return 0;
    const std::size_t w = P::weak(counts_());
    return w == rc_weak_locked ? 0 : w - 1;  // locked: it was 1 (no weak pointer)
  }
  // Whether both point to the same value (both null counts as the same). O(1).
  bool ptr_eq(const rc_ptr& o) const noexcept { return ptr_ == o.ptr_; }

  // ---- mutation ----------------------------------------------------------------------------

  // The value (arrays: the first element) if this is its only pointer, strong or weak;
  // otherwise (or if null) nullptr. O(1), never allocates.
  element_type* get_mut() noexcept {
    return ptr_ != nullptr && P::is_unique(counts_()) ? ptr_ : nullptr;
  }

  // Clone-on-write (Rust's make_mut): makes this the only pointer to its value and returns
  // it. If other strong pointers share the value, copies it into a new block (they keep the
  // old one). If only weak pointers do, moves it into a new block (they see it gone, as after
  // its last strong pointer went). Unique already: O(1), no allocation. Otherwise O(n) and
  // one block (plus what copying the elements allocates); invalidates pointers into the value
  // held through this pointer. On failure nothing changed. Precondition: not null.
  // Not for a non-final polymorphic class (the copy would be sliced).
  result<element_type&> try_make_mut() noexcept
    requires(!std::is_array_v<T> && !std::is_const_v<T> && cloneable<T> && rc_exact<T>)
  {
    auto r = make_mut_();
    if (!r) return err(r.error());
    return **r;
  }
  result<std::span<element_type>> try_make_mut() noexcept
    requires(std::is_array_v<T> && !std::is_const_v<element_type> && cloneable<element_type>)
  {
    auto r = make_mut_();
    if (!r) return err(r.error());
    return std::span<element_type>(*r, size());
  }
#if BARE_OOM_HANDLING
  decltype(auto) make_mut() noexcept requires requires(rc_ptr& p) { p.try_make_mut(); } {
    return unwrap_or_handle(try_make_mut());
  }
#endif

  // The value, moved out, if this is its only strong pointer (weak pointers then see it
  // gone); this pointer becomes null. Otherwise nullopt and nothing changed (Rust's
  // try_unwrap). O(1) + a move of T; never allocates; frees the block if no weak remains.
  std::optional<std::remove_cv_t<T>> try_unwrap() noexcept
    requires(!std::is_array_v<T> && rc_exact<T> && std::is_move_constructible_v<std::remove_cv_t<T>>)
  {
    if (ptr_ == nullptr || !P::take_unique(counts_())) return std::nullopt;
    return take_value_();
  }
  // Gives up this strong pointer (it becomes null) and returns the value if it was the last
  // one. Under arc, if every holder calls into_inner, exactly one of them gets the value
  // (try_unwrap cannot promise that). O(1) + a move of T; never allocates.
  std::optional<std::remove_cv_t<T>> into_inner() noexcept
    requires(!std::is_array_v<T> && rc_exact<T> && std::is_move_constructible_v<std::remove_cv_t<T>>)
  {
    if (ptr_ == nullptr || !P::release_strong(counts_())) {
      ptr_ = nullptr;
      return std::nullopt;
    }
    return take_value_();
  }

  // Exchanges the two pointers; the counts do not change. O(1).
  void swap(rc_ptr& o) noexcept {
    element_type* t = ptr_;
    ptr_ = o.ptr_;
    o.ptr_ = t;
  }
  friend void swap(rc_ptr& a, rc_ptr& b) noexcept { a.swap(b); }

  // ---- comparisons (of the values, as Rust's Rc; a null pointer is equal to null only and
  // orders before any value) ----------------------------------------------------------------
  friend bool operator==(const rc_ptr& a, std::nullptr_t) noexcept { return a.ptr_ == nullptr; }
  friend bool operator==(const rc_ptr& a, const rc_ptr& b) noexcept
    requires requires(const element_type& x) { x == x; }
  {
    if (a.ptr_ == nullptr || b.ptr_ == nullptr) return a.ptr_ == b.ptr_;
    if constexpr (std::is_array_v<T>) {  // element-wise, O(n)
      const std::size_t n = a.size();
      if (n != b.size()) return false;
      for (std::size_t i = 0; i < n; ++i)
        if (!(a.ptr_[i] == b.ptr_[i])) return false;
      return true;
    } else {
      return *a.ptr_ == *b.ptr_;
    }
  }
  friend auto operator<=>(const rc_ptr& a, const rc_ptr& b) noexcept
    requires(!std::is_array_v<T> && std::three_way_comparable<element_type>)
  {
    using R = std::compare_three_way_result_t<element_type>;
    if (a.ptr_ == nullptr || b.ptr_ == nullptr)
      return static_cast<R>((a.ptr_ != nullptr) <=> (b.ptr_ != nullptr));
    return static_cast<R>(*a.ptr_ <=> *b.ptr_);
  }

 private:
  template <class, class, class>
  friend class rc_ptr;
  template <class, class, class>
  friend class rc_weak_ptr;
  friend struct rc_access;

  // Adopts one strong count of p.
  constexpr explicit rc_ptr(element_type* p) noexcept : ptr_(p) {}

  // The complete value: ptr_ itself unless T is a non-final polymorphic class.
  static void* whole_of_(element_type* p) noexcept {
    if constexpr (rc_shape<T, A>::dyn) return const_cast<void*>(dynamic_cast<const volatile void*>(p));
    else return const_cast<void*>(static_cast<const volatile void*>(p));
  }
  void* whole_() const noexcept { return whole_of_(ptr_); }
  rc_counts& counts_() const noexcept { return rc_block<T, A, P>::counts(whole_()); }

  static void release_(element_type* p) noexcept {
    void* w = whole_of_(p);
    if (P::release_strong(rc_block<T, A, P>::counts(w))) rc_block<T, A, P>::drop_value(w);
  }

  // The common part of make_mut: returns the unique value (its first element).
  result<element_type*> make_mut_() noexcept {
    using block = rc_block<T, A, P>;
    using E = typename block::elem;
    BARE_CHECK(ptr_ != nullptr, "bare::rc/arc: make_mut of a null pointer");
    void* w = whole_();
    rc_counts& c = block::counts(w);
    if (P::is_unique(c)) return ptr_;
    const std::size_t n = block::len(w);
    A a = rc_header_of<A>(w)->alloc;
    // Allocate first, so that a failure changes nothing (Rust decides first, then allocates).
    auto fresh = block::allocate(a, n, 1, 1);
    if (!fresh) return err(fresh.error());
    E* dst = *fresh;
    E* src = ptr_;
    if (P::take_unique(c)) {
      // Ours was the only strong pointer: weak pointers only (or none left by now).
      if (P::weak(c) == 1) {  // they went meanwhile: unique after all
        P::publish(c);
        block::free(dst);
        return ptr_;
      }
      relocate_nonoverlapping<E>(dst, src, n);  // moves, then destroys the old elements
      block::release_weak(w);                   // the strong side's weak count of the old block
    } else {
      for (std::size_t i = 0; i < n; ++i) {
        auto r = clone_into(dst + i, src[i]);
        if (!r) {
          destroy_n(dst, i);
          block::free(dst);
          return err(r.error());
        }
      }
      release_(src);  // may be the last strong by now (arc)
    }
    ptr_ = dst;
    return ptr_;
  }

  // Moves the value out and drops the rest. Precondition: strong reached 0 through this pointer.
  std::optional<std::remove_cv_t<T>> take_value_() noexcept {
    using block = rc_block<T, A, P>;
    using E = typename block::elem;
    E* p = const_cast<E*>(ptr_);
    ptr_ = nullptr;
    std::optional<E> out = detail::take_optional(p);
    block::release_weak(p);
    return out;
  }

  element_type* ptr_ = nullptr;
};

// ---- Weak pointer: rc_weak<T, A> / arc_weak<T, A> ------------------------------------------
//
// Representation invariant: whole_ is null (a null weak pointer, which counts nothing), or the
// address of the complete value of a block for which this pointer holds one weak count; then
// ptr_ is the T inside it (possibly destroyed), or null if this pointer was converted to a base
// while the value did not exist (it can then never upgrade).
template <class T, class A, class P>
class rc_weak_ptr {
  static_assert(sizeof(P) > 0);

 public:
  using element_type = std::remove_extent_t<T>;
  using strong_type = rc_ptr<T, A, P>;

  // A null weak pointer: upgrade() is null, the counts are 0. Never allocates (Rust's
  // Weak::new).
  constexpr rc_weak_ptr() noexcept = default;
  constexpr rc_weak_ptr(std::nullptr_t) noexcept {}  // NOLINT: implicit like a pointer

  // Another weak pointer to the same value. O(1), never allocates.
  rc_weak_ptr(const rc_weak_ptr& o) noexcept : ptr_(o.ptr_), whole_(o.whole_) {
    if (whole_ != nullptr) P::add_weak(rc_block<T, A, P>::counts(whole_));
  }
  constexpr rc_weak_ptr(rc_weak_ptr&& o) noexcept : ptr_(o.ptr_), whole_(o.whole_) {
    o.ptr_ = nullptr;
    o.whole_ = nullptr;
  }
  // Derived -> polymorphic base, or T -> const T. O(1), never allocates. A conversion to a base
  // needs the value alive (it upgrades for a moment); if it is not, the result can never
  // upgrade, even if it is made inside new_cyclic's f and the value comes to exist later.
  template <class U>
    requires rc_convertible<U, T>
  rc_weak_ptr(const rc_weak_ptr<U, A, P>& o) noexcept : rc_weak_ptr(rc_weak_ptr<U, A, P>(o)) {}  // NOLINT
  template <class U>
    requires rc_convertible<U, T>
  rc_weak_ptr(rc_weak_ptr<U, A, P>&& o) noexcept : whole_(o.whole_) {  // NOLINT
    rc_check_conversion<U, T>();
    if constexpr (std::is_same_v<std::remove_cv_t<U>, std::remove_cv_t<T>>) {
      ptr_ = o.ptr_;
    } else if (whole_ != nullptr) {
      rc_ptr<U, A, P> alive = o.upgrade();
      ptr_ = alive.get();
    }
    o.ptr_ = nullptr;
    o.whole_ = nullptr;
  }
  // The weak pointer of a strong one (as s.downgrade()).
  template <class U>
    requires(std::is_same_v<U, T> || rc_convertible<U, T>)
  rc_weak_ptr(const rc_ptr<U, A, P>& s) noexcept : rc_weak_ptr(s.downgrade()) {}  // NOLINT

  rc_weak_ptr& operator=(const rc_weak_ptr& o) noexcept {
    rc_weak_ptr(o).swap(*this);
    return *this;
  }
  rc_weak_ptr& operator=(rc_weak_ptr&& o) noexcept {
    rc_weak_ptr(static_cast<rc_weak_ptr&&>(o)).swap(*this);
    return *this;
  }

  // Gives up this weak count; the last one (with no strong left) frees the block. O(1).
  ~rc_weak_ptr() { reset(); }
  void reset() noexcept {
    void* w = whole_;
    ptr_ = nullptr;
    whole_ = nullptr;
    if (w != nullptr) rc_block<T, A, P>::release_weak(w);
  }

  // A strong pointer to the value if it is still alive, else null (Rust's upgrade; never
  // resurrects a value whose strong count reached 0). O(1) (arc: a CAS loop), never allocates.
  strong_type upgrade() const noexcept {
    if (ptr_ == nullptr || !P::upgrade(rc_block<T, A, P>::counts(whole_))) return strong_type();
    return strong_type(ptr_);
  }
  // Strong pointers to the value (0 if null or gone). A snapshot under arc. O(1).
  std::size_t strong_count() const noexcept {
    return whole_ == nullptr ? 0 : P::strong(rc_block<T, A, P>::counts(whole_));
  }
  // Weak pointers to the value, this one included; 0 if null or if no strong pointer remains
  // (Rust's Weak::weak_count). A snapshot under arc. O(1).
  std::size_t weak_count() const noexcept {
    if (whole_ == nullptr) return 0;
    const rc_counts& c = rc_block<T, A, P>::counts(whole_);
    return P::strong(c) == 0 ? 0 : P::weak(c) - 1;
  }
  // Whether both point to the same block (both null counts as the same). O(1).
  bool ptr_eq(const rc_weak_ptr& o) const noexcept { return whole_ == o.whole_; }
  // The pointer it holds (dangling if the value is gone; never dereference it without upgrade).
  constexpr element_type* as_ptr() const noexcept { return ptr_; }

  // Exchanges the two pointers; the counts do not change. O(1).
  void swap(rc_weak_ptr& o) noexcept {
    element_type* p = ptr_;
    void* w = whole_;
    ptr_ = o.ptr_;
    whole_ = o.whole_;
    o.ptr_ = p;
    o.whole_ = w;
  }
  friend void swap(rc_weak_ptr& a, rc_weak_ptr& b) noexcept { a.swap(b); }

 private:
  template <class, class, class>
  friend class rc_ptr;
  template <class, class, class>
  friend class rc_weak_ptr;
  friend struct rc_access;

  // Adopts one weak count of the block of `whole`.
  constexpr rc_weak_ptr(element_type* p, void* whole) noexcept : ptr_(p), whole_(whole) {}
  // Gives the weak count away (new_cyclic hands it to the strong side).
  constexpr void forget_() noexcept {
    ptr_ = nullptr;
    whole_ = nullptr;
  }

  element_type* ptr_ = nullptr;
  void* whole_ = nullptr;
};

// ---- make --------------------------------------------------------------------------------

struct rc_access {
  template <class T, class A, class P, bool ValueInit, class... Args>
  static result<rc_ptr<T, A, P>> make(A a, Args&&... args) noexcept {
    using block = rc_block<T, A, P>;
    using E = typename block::elem;
    static_assert(std::is_nothrow_destructible_v<E>, "bare::rc / arc: T's destructor must not throw");
    auto v = block::allocate(a, 1, 1, 1);
    if (!v) return err(v.error());
    E* p;
    if constexpr (ValueInit) p = ::new (static_cast<void*>(*v)) E(static_cast<Args&&>(args)...);
    else p = ::new (static_cast<void*>(*v)) E;
    return rc_ptr<T, A, P>(p);
  }

  template <class T, class A, class P, bool ValueInit>
  static result<rc_ptr<T, A, P>> make_array(std::size_t n, A a) noexcept {
    using block = rc_block<T, A, P>;
    using E = typename block::elem;
    if (n > block::max_len) return err(capacity_overflow(block::align));
    auto v = block::allocate(a, n, 1, 1);
    if (!v) return err(v.error());
    E* d = *v;
    for (std::size_t i = 0; i < n; ++i) {
      if constexpr (ValueInit) ::new (static_cast<void*>(d + i)) E();
      else ::new (static_cast<void*>(d + i)) E;
    }
    return rc_ptr<T, A, P>(d);
  }

  template <class T, class A, class P>
  static result<rc_ptr<T, A, P>> make_array_from(std::span<const std::remove_extent_t<T>> src, A a) noexcept {
    using block = rc_block<T, A, P>;
    using E = typename block::elem;
    if (src.size() > block::max_len) return err(capacity_overflow(block::align));
    auto v = block::allocate(a, src.size(), 1, 1);
    if (!v) return err(v.error());
    E* d = *v;
    for (std::size_t i = 0; i < src.size(); ++i) {
      auto r = clone_into(d + i, src[i]);
      if (!r) {
        destroy_n(d, i);
        block::free(d);
        return err(r.error());
      }
    }
    return rc_ptr<T, A, P>(d);
  }

  // For tests: the counts of a non-null pointer (to drive the overflow checks).
  template <class T, class A, class P>
  static rc_counts& counts(const rc_ptr<T, A, P>& p) noexcept {
    return p.counts_();
  }
};

// The make functions are function objects (one definition serves rc and arc):
//   try_make_rc<T, A = global>(args...)         T from args
//   try_make_rc<T[], A = global>(n, a = A())    n value-initialised elements
//   try_make_rc<T[], A = global>(span, a = A()) copies of the span's elements
//   try_make_rc_in<T>(a, args...)               T from args, allocator a
//   try_make_rc_for_overwrite<T, A>(a = A())    default-initialised (trivial T: uninitialised)
//   try_make_rc_for_overwrite<T[], A>(n, a = A())
// and the same without try_ (handle_alloc_error on failure; not under
// BARE_NO_GLOBAL_OOM_HANDLING).
template <class T, class A, class P>
struct rc_try_make_fn {
  template <class... Args>
    requires(!std::is_array_v<T> && std::is_constructible_v<std::remove_cv_t<T>, Args...>)
  result<rc_ptr<T, A, P>> operator()(Args&&... args) const noexcept {
    return rc_access::make<T, A, P, true>(A(), static_cast<Args&&>(args)...);
  }
  result<rc_ptr<T, A, P>> operator()(std::size_t n, A a = A()) const noexcept
    requires std::is_unbounded_array_v<T>
  {
    return rc_access::make_array<T, A, P, true>(n, static_cast<A&&>(a));
  }
  result<rc_ptr<T, A, P>> operator()(std::span<const std::remove_extent_t<T>> src, A a = A()) const noexcept
    requires(std::is_unbounded_array_v<T> && cloneable<std::remove_cv_t<std::remove_extent_t<T>>>)
  {
    return rc_access::make_array_from<T, A, P>(src, static_cast<A&&>(a));
  }
};

template <class T, class P>
struct rc_try_make_in_fn {
  template <allocator A, class... Args>
    requires(!std::is_array_v<T> && std::is_constructible_v<std::remove_cv_t<T>, Args...>)
  result<rc_ptr<T, A, P>> operator()(A a, Args&&... args) const noexcept {
    return rc_access::make<T, A, P, true>(static_cast<A&&>(a), static_cast<Args&&>(args)...);
  }
};

template <class T, class A, class P>
struct rc_try_make_for_overwrite_fn {
  result<rc_ptr<T, A, P>> operator()(A a = A()) const noexcept requires(!std::is_array_v<T>) {
    return rc_access::make<T, A, P, false>(static_cast<A&&>(a));
  }
  result<rc_ptr<T, A, P>> operator()(std::size_t n, A a = A()) const noexcept
    requires std::is_unbounded_array_v<T>
  {
    return rc_access::make_array<T, A, P, false>(n, static_cast<A&&>(a));
  }
};

#if BARE_OOM_HANDLING
// The infallible twin of a try_ function object: the value, or handle_alloc_error.
template <class Try>
struct rc_infallible_fn {
  template <class... X>
    requires std::is_invocable_v<const Try&, X...>
  auto operator()(X&&... x) const noexcept {
    return unwrap_or_handle(Try{}(static_cast<X&&>(x)...));
  }
};
#endif

}  // namespace bare::detail

namespace bare {
// One pointer (and a weak one two): a vec of them grows by realloc.
template <class T, class A, class P>
struct is_trivially_relocatable<detail::rc_ptr<T, A, P>> : std::true_type {};
template <class T, class A, class P>
struct is_trivially_relocatable<detail::rc_weak_ptr<T, A, P>> : std::true_type {};
}  // namespace bare
