// bare/arc.hpp — arc<T, A> and arc_weak<T, A>: shared ownership with atomic counts, safe to
// share between threads and interrupt handlers (Rust's Arc and sync::Weak).
//
// The same type as rc (bare/rc.hpp: the API, the layout, one allocation, one pointer), with
// the count policy below: try_make_arc / make_arc / try_make_arc_in / ..._for_overwrite,
// arc<T>::try_new_cyclic, downgrade / upgrade, get_mut, try_make_mut, try_unwrap,
// into_inner. The counts are atomic; the value is not: sharing T& between threads is safe
// only if T is (use arc<const T> for read-only sharing). One arc object must not be modified
// (assigned, reset) by one thread while another uses that same object, as std::shared_ptr.
// The allocator's deallocate runs in whichever thread drops the last pointer.
//
// ---- Memory ordering (atomic_counts), with the reasoning: Rust's Arc, Boost's shared_ptr ---
// 1. clone, weak clone: relaxed increment. The caller already holds a pointer, so the block
//    cannot go away meanwhile, and a new reference publishes nothing: whoever receives it
//    gets it through some synchronisation of its own (a queue, thread creation). The count is
//    checked after the increment (against SIZE_MAX / 2): racing threads can overshoot by at
//    most their number, and each of them then panics, far below wrapping around.
// 2. drop: release decrement; the thread that takes the count to 0 then issues an acquire
//    fence before destroying the value. Every other holder's uses of the value happen before
//    its own release decrement; the fence synchronises with all of them, so every use happens
//    before the destruction. Under ThreadSanitizer, which does not model fences, an acquire
//    load of the counter stands in for the fence (as in Rust).
// 3. Weak drop: the same pattern on the weak count, before the block is freed.
// 4. upgrade: a compare-and-swap loop that never increments from 0 (a value whose strong count
//    reached 0 is being, or has been, destroyed: resurrecting it would be a use-after-free);
//    acquire on success, to synchronise with new_cyclic's release store of strong = 1 (the
//    value was built after the weak pointer existed).
// 5. get_mut / make_mut need "strong == 1 and no weak pointer" as one fact, but they are two
//    words: read apart, a weak holder could upgrade and then drop its weak in between, and
//    both reads would pass. So is_unique locks the weak count (compare-and-swap 1 -> SIZE_MAX,
//    acquire: synchronises with the release of weak drops, so an upgrade done before such a
//    drop is seen), reads strong (acquire), and unlocks (release store of 1). downgrade spins
//    while the weak count is locked, so no weak pointer appears during the check; nothing else
//    waits for it (a weak pointer's own operations never meet the lock: while one exists the
//    weak count is at least 2).
// 6. make_mut / try_unwrap take the value with a compare-and-swap of strong 1 -> 0 (acquire,
//    to see every other holder's last uses); from then on no upgrade succeeds. make_mut then
//    reads weak (relaxed: it can only go down now) to decide between moving the value to a new
//    block (weak pointers remain) and keeping it (they went: release store of strong = 1).
// 7. strong_count / weak_count: relaxed loads, a snapshot.
// 8. After the value is destroyed (strong reached 0, rule 2), the strong side gives up its
//    weak reference: an acquire load first, and if the weak count is 1 the block is freed
//    without a read-modify-write. With strong at 0 no weak pointer can appear (downgrade
//    needs a strong pointer, upgrade fails, cloning a weak needs a weak, is_unique needs a
//    strong), so 1 means this thread holds the only reference; the acquire synchronises with
//    the release decrements of the weak pointers dropped before. Otherwise, rule 3. This
//    saves one locked instruction when an arc that never had weak pointers dies (make + drop:
//    ~17.9 -> ~13 ns, bench group rc).
//
// ---- Targets without pointer-width atomic read-modify-write ----------------------------------
// On ARMv6-M (Cortex-M0/M0+/M1) and RISC-V without the A extension the compiler has no atomic
// fetch-add or compare-and-swap of a word: GCC emits calls to __atomic_fetch_add_4 & co. (which
// no library provides there) and compiles std::atomic_flag::test_and_set as a plain, non-atomic
// load and store. bare never relies on either: using arc on such a target is a compile-time
// error that says so (detected by the compiler's __GCC_HAVE_SYNC_COMPARE_AND_SWAP_<word>),
// unless the program opts in:
//
//   #define BARE_ATOMICS_VIA_CRITICAL_SECTION   (before any bare header, or on the command line)
//   extern "C" unsigned bare_critical_section_enter(void);   // e.g. save PRIMASK; cpsid i
//   extern "C" void bare_critical_section_exit(unsigned state);  // restore what enter saved
//
// Then every count operation of arc runs on plain words between enter() and exit(state). The
// hooks must make that sequence atomic with respect to every context that may touch an arc:
// on a single core, masking interrupts is enough; on a multi-core chip without atomics
// (RP2040) also take a hardware spinlock. They must nest (restore the saved state rather than
// unmask), may be called from interrupt handlers, and must be compiler barriers (an opaque
// call, or asm volatile with a "memory" clobber). A panic on count overflow runs inside the
// critical section. With the macro defined, arc uses the hooks on every target, also on one
// that has atomics (define it only where needed). targets/cortex-m0/critical_section.c is an
// implementation for Cortex-M0. rc needs none of this and works everywhere.
#pragma once

#include <cstddef>
#include <type_traits>

#include "bare/detail/rc_core.hpp"

#if (__SIZEOF_SIZE_T__ == 4 && defined(__GCC_HAVE_SYNC_COMPARE_AND_SWAP_4)) || \
    (__SIZEOF_SIZE_T__ == 8 && defined(__GCC_HAVE_SYNC_COMPARE_AND_SWAP_8))
#define BARE_HAS_ATOMIC_WORD_RMW 1
#else
#define BARE_HAS_ATOMIC_WORD_RMW 0
#endif

#if defined(__SANITIZE_THREAD__)
#define BARE_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define BARE_TSAN 1
#endif
#endif
#ifndef BARE_TSAN
#define BARE_TSAN 0
#endif

#ifdef BARE_ATOMICS_VIA_CRITICAL_SECTION
extern "C" unsigned bare_critical_section_enter(void);
extern "C" void bare_critical_section_exit(unsigned state);
#endif

namespace bare::detail {

// Rules 1-7 above, on the two words of rc_counts.
struct atomic_counts {
  static void add_strong(rc_counts& c) noexcept { add_(c.strong); }
  static void add_weak(rc_counts& c) noexcept { add_(c.weak); }
  static void downgrade(rc_counts& c) noexcept {
    std::size_t cur = __atomic_load_n(&c.weak, __ATOMIC_RELAXED);
    for (;;) {
      if (cur == rc_weak_locked) {  // is_unique is checking: wait until it unlocks
        spin_wait_();
        cur = __atomic_load_n(&c.weak, __ATOMIC_RELAXED);
        continue;
      }
      if (BARE_UNLIKELY(cur >= rc_max_count)) rc_count_overflow();
      if (__atomic_compare_exchange_n(&c.weak, &cur, cur + 1, true, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return;
    }
  }
  static bool upgrade(rc_counts& c) noexcept {
    std::size_t n = __atomic_load_n(&c.strong, __ATOMIC_RELAXED);
    for (;;) {
      if (n == 0) return false;
      if (BARE_UNLIKELY(n >= rc_max_count)) rc_count_overflow();
      if (__atomic_compare_exchange_n(&c.strong, &n, n + 1, true, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return true;
    }
  }
  static bool release_strong(rc_counts& c) noexcept { return release_(c.strong); }
  static bool release_weak(rc_counts& c) noexcept { return release_(c.weak); }
  static bool release_last_weak(rc_counts& c) noexcept {  // rule 8
    return __atomic_load_n(&c.weak, __ATOMIC_ACQUIRE) == 1 || release_(c.weak);
  }
  static std::size_t strong(const rc_counts& c) noexcept {
    return __atomic_load_n(&c.strong, __ATOMIC_RELAXED);
  }
  static std::size_t weak(const rc_counts& c) noexcept {
    return __atomic_load_n(&c.weak, __ATOMIC_RELAXED);
  }
  static bool is_unique(rc_counts& c) noexcept {
    std::size_t one = 1;
    if (!__atomic_compare_exchange_n(&c.weak, &one, rc_weak_locked, false, __ATOMIC_ACQUIRE,
                                     __ATOMIC_RELAXED))
      return false;
    const bool unique = __atomic_load_n(&c.strong, __ATOMIC_ACQUIRE) == 1;
    __atomic_store_n(&c.weak, 1, __ATOMIC_RELEASE);
    return unique;
  }
  static bool take_unique(rc_counts& c) noexcept {
    std::size_t one = 1;
    return __atomic_compare_exchange_n(&c.strong, &one, 0, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
  }
  static void publish(rc_counts& c) noexcept { __atomic_store_n(&c.strong, 1, __ATOMIC_RELEASE); }

 private:
  // The new value is checked (not the old one): x86 then tests the flags of `lock add`
  // instead of needing `lock xadd` and a compare.
  static void add_(std::size_t& n) noexcept {
    if (BARE_UNLIKELY(__atomic_add_fetch(&n, 1, __ATOMIC_RELAXED) > rc_max_count)) rc_count_overflow();
  }
  static bool release_(std::size_t& n) noexcept {
    if (__atomic_fetch_sub(&n, 1, __ATOMIC_RELEASE) != 1) return false;
#if BARE_TSAN
    (void)__atomic_load_n(&n, __ATOMIC_ACQUIRE);
#else
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
#endif
    return true;
  }
  static void spin_wait_() noexcept {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
  }
};

#ifdef BARE_ATOMICS_VIA_CRITICAL_SECTION
// local_counts, each operation inside the program's critical section.
struct critical_section_counts {
  static void add_strong(rc_counts& c) noexcept { run_(&local_counts::add_strong, c); }
  static void add_weak(rc_counts& c) noexcept { run_(&local_counts::add_weak, c); }
  static void downgrade(rc_counts& c) noexcept { run_(&local_counts::downgrade, c); }
  static bool upgrade(rc_counts& c) noexcept { return run_(&local_counts::upgrade, c); }
  static bool release_strong(rc_counts& c) noexcept { return run_(&local_counts::release_strong, c); }
  static bool release_weak(rc_counts& c) noexcept { return run_(&local_counts::release_weak, c); }
  static bool release_last_weak(rc_counts& c) noexcept { return run_(&local_counts::release_weak, c); }
  static std::size_t strong(const rc_counts& c) noexcept { return run_(&local_counts::strong, c); }
  static std::size_t weak(const rc_counts& c) noexcept { return run_(&local_counts::weak, c); }
  static bool is_unique(rc_counts& c) noexcept { return run_(&local_counts::is_unique, c); }
  static bool take_unique(rc_counts& c) noexcept { return run_(&local_counts::take_unique, c); }
  static void publish(rc_counts& c) noexcept { run_(&local_counts::publish, c); }

 private:
  template <class R, class C>
  BARE_ALWAYS_INLINE static R run_(R (*op)(C&) noexcept, std::type_identity_t<C>& c) noexcept {
    const unsigned state = bare_critical_section_enter();
    if constexpr (std::is_void_v<R>) {
      op(c);
      bare_critical_section_exit(state);
    } else {
      R r = op(c);
      bare_critical_section_exit(state);
      return r;
    }
  }
};
#endif

// What arc uses where it cannot work: using it stops the build with this message.
template <class T>
struct arc_without_atomics {
  static_assert(!sizeof(T*),
                "bare::arc: this target has no pointer-width atomic read-modify-write (e.g. Cortex-M0 / "
                "ARMv6-M, RISC-V without the A extension), so arc's counts cannot be updated atomically. "
                "Use bare::rc if the pointers stay in one thread and one interrupt level; or define "
                "BARE_ATOMICS_VIA_CRITICAL_SECTION and provide extern \"C\" unsigned "
                "bare_critical_section_enter(void) and extern \"C\" void "
                "bare_critical_section_exit(unsigned) "
                "(interrupt masking on a single core; see bare/arc.hpp)");
};

#if defined(BARE_ATOMICS_VIA_CRITICAL_SECTION)
template <class T>
using arc_counts = critical_section_counts;
#elif BARE_HAS_ATOMIC_WORD_RMW
template <class T>
using arc_counts = atomic_counts;
#else
template <class T>
using arc_counts = arc_without_atomics<T>;
#endif

}  // namespace bare::detail

namespace bare {

template <class T, allocator A = global>
using arc = detail::rc_ptr<T, A, detail::arc_counts<T>>;
template <class T, allocator A = global>
using arc_weak = detail::rc_weak_ptr<T, A, detail::arc_counts<T>>;

// As try_make_rc & co. (bare/rc.hpp), for arc.
template <class T, allocator A = global>
inline constexpr detail::rc_try_make_fn<T, A, detail::arc_counts<T>> try_make_arc{};
template <class T>
inline constexpr detail::rc_try_make_in_fn<T, detail::arc_counts<T>> try_make_arc_in{};
template <class T, allocator A = global>
inline constexpr detail::rc_try_make_for_overwrite_fn<T, A, detail::arc_counts<T>>
    try_make_arc_for_overwrite{};

#if BARE_OOM_HANDLING
template <class T, allocator A = global>
inline constexpr detail::rc_infallible_fn<detail::rc_try_make_fn<T, A, detail::arc_counts<T>>> make_arc{};
template <class T>
inline constexpr detail::rc_infallible_fn<detail::rc_try_make_in_fn<T, detail::arc_counts<T>>> make_arc_in{};
template <class T, allocator A = global>
inline constexpr detail::rc_infallible_fn<detail::rc_try_make_for_overwrite_fn<T, A, detail::arc_counts<T>>>
    make_arc_for_overwrite{};
#endif

}  // namespace bare
