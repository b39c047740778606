// bare/rc.hpp — rc<T, A> and rc_weak<T, A>: shared ownership with single-threaded counts
// (Rust's Rc and Weak). For pointers shared between threads or with interrupt handlers, use
// arc (bare/arc.hpp), the same type with atomic counts.
//
//   auto r = bare::try_make_rc<config>(path);      // result<rc<config>>: one allocation
//   if (!r) return bare::err(r.error());
//   bare::rc<config> a = *r;                       // a copy is a clone: O(1), never allocates
//   bare::rc_weak<config> w = a.downgrade();       // does not keep the value alive
//   if (bare::rc<config> s = w.upgrade()) use(*s); // null once the last rc went
//
// One allocation holds the counts, the allocator (if it has state) and the value, so
// sizeof(rc<T>) == sizeof(void*) for every allocator; a weak pointer is two pointers. The
// value is destroyed exactly once, when its last rc goes; the block is freed when its last
// rc or rc_weak goes (layout and counting rules: bare/detail/rc_core.hpp).
//
// Like std::shared_ptr, and unlike Rust's Rc, an rc hands out T& (use rc<const T> to share
// read-only) and can be null: default-constructed, moved from, or a failed upgrade.
// Dereferencing a null rc panics (bare::panic) unless BARE_UNCHECKED.
//
// Operations (each member's comment gives its cost):
//   try_make_rc<T>(args...), try_make_rc_in<T>(a, args...), try_make_rc_for_overwrite<T>()
//   try_make_rc<T[]>(n), try_make_rc<T[]>(span), try_make_rc_for_overwrite<T[]>(n)
//   rc<T>::try_new_cyclic(f)        a value holding weak pointers to itself
//   make_rc..., rc<T>::new_cyclic   the infallible twins (handle_alloc_error on failure)
//   copy / clone(), downgrade(), rc_weak::upgrade(), strong_count(), weak_count(), ptr_eq()
//   get_mut()                       the value if this is its only pointer (strong or weak)
//   try_make_mut() / make_mut()     clone-on-write
//   try_unwrap(), into_inner()      the value moved out of its last rc
//   ==, <=>                         compare the values (rc<T[]>: ==, element-wise)
//   rc<Derived> -> rc<Base>         for a polymorphic Base (a compile-time error otherwise);
//                                   the base needs no virtual destructor (the complete type's
//                                   is used), and no operator delete is referenced.
// Hashing: bare/hash.hpp hashes rc and arc by the value they point to (as Rust), and
// bare/std_interop.hpp does the same for std::hash.
//
// A count beyond SIZE_MAX / 2 (clones leaked in a loop) panics instead of wrapping around.
// Not thread-safe, not interrupt-safe: an rc and every pointer to its value must stay in one
// thread and one interrupt level.
#pragma once

#include "bare/detail/rc_core.hpp"

namespace bare {

template <class T, allocator A = global>
using rc = detail::rc_ptr<T, A, detail::local_counts>;
template <class T, allocator A = global>
using rc_weak = detail::rc_weak_ptr<T, A, detail::local_counts>;

// Allocates one block and builds the value in it (see rc_core.hpp's "make" for every form).
// O(1) (arrays O(n)); one allocation of the header + the value. On failure nothing is
// constructed and nothing leaks.
template <class T, allocator A = global>
inline constexpr detail::rc_try_make_fn<T, A, detail::local_counts> try_make_rc{};
template <class T>
inline constexpr detail::rc_try_make_in_fn<T, detail::local_counts> try_make_rc_in{};
template <class T, allocator A = global>
inline constexpr detail::rc_try_make_for_overwrite_fn<T, A, detail::local_counts> try_make_rc_for_overwrite{};

#if BARE_OOM_HANDLING
template <class T, allocator A = global>
inline constexpr detail::rc_infallible_fn<detail::rc_try_make_fn<T, A, detail::local_counts>> make_rc{};
template <class T>
inline constexpr detail::rc_infallible_fn<detail::rc_try_make_in_fn<T, detail::local_counts>> make_rc_in{};
template <class T, allocator A = global>
inline constexpr detail::rc_infallible_fn<detail::rc_try_make_for_overwrite_fn<T, A, detail::local_counts>>
    make_rc_for_overwrite{};
#endif

}  // namespace bare
