/* mem.c: memcpy, memmove, memset and memcmp for programs linked with -nostdlib.
 *
 * The compilers turn struct copies, __builtin_memcpy & co. and some loops into calls to these
 * four functions (and, with clang on ARM, to the __aeabi_ variants below), so every bare
 * program must define them: bare itself only calls the __builtin_ forms (DESIGN §1).
 *
 * Must be compiled with -fno-builtin and, with gcc, -fno-tree-loop-distribute-patterns:
 * otherwise the compiler recognises each loop below as a memcpy/memset and compiles it into a
 * call to itself. bare_target.cmake does that for the whole target runtime.
 *
 * Byte loops on purpose: smallest code on Cortex-M0, no alignment assumptions, and the
 * conformance suite is not a benchmark. A program that needs fast copies supplies its own.
 */
#include <stddef.h>
#include <stdint.h>

void* memcpy(void* restrict dest, const void* restrict src, size_t n) {
    unsigned char* d = (unsigned char*)dest;
    const unsigned char* s = (const unsigned char*)src;
    while (n--) *d++ = *s++;
    return dest;
}

void* memmove(void* dest, const void* src, size_t n) {
    unsigned char* d = (unsigned char*)dest;
    const unsigned char* s = (const unsigned char*)src;
    if ((uintptr_t)d - (uintptr_t)s >= n) {
        /* No overlap that a forward copy would clobber (also covers d < s). */
        while (n--) *d++ = *s++;
    } else {
        d += n;
        s += n;
        while (n--) *--d = *--s;
    }
    return dest;
}

void* memset(void* dest, int c, size_t n) {
    unsigned char* d = (unsigned char*)dest;
    while (n--) *d++ = (unsigned char)c;
    return dest;
}

int memcmp(const void* a, const void* b, size_t n) {
    const unsigned char* x = (const unsigned char*)a;
    const unsigned char* y = (const unsigned char*)b;
    for (; n; --n, ++x, ++y) {
        if (*x != *y) return *x < *y ? -1 : 1;
    }
    return 0;
}

#if defined(__arm__)
/* The ARM run-time ABI (RTABI §4.3.4) helpers. The 4/8 forms promise aligned pointers; the
 * generic loops serve them all. Note the argument order of __aeabi_memset: (dest, n, c). */
void* __aeabi_memcpy(void* dest, const void* src, size_t n) __attribute__((alias("memcpy")));
void* __aeabi_memcpy4(void* dest, const void* src, size_t n) __attribute__((alias("memcpy")));
void* __aeabi_memcpy8(void* dest, const void* src, size_t n) __attribute__((alias("memcpy")));
void* __aeabi_memmove(void* dest, const void* src, size_t n) __attribute__((alias("memmove")));
void* __aeabi_memmove4(void* dest, const void* src, size_t n) __attribute__((alias("memmove")));
void* __aeabi_memmove8(void* dest, const void* src, size_t n) __attribute__((alias("memmove")));

void __aeabi_memset(void* dest, size_t n, int c) { memset(dest, c, n); }
void __aeabi_memset4(void* dest, size_t n, int c) __attribute__((alias("__aeabi_memset")));
void __aeabi_memset8(void* dest, size_t n, int c) __attribute__((alias("__aeabi_memset")));

void __aeabi_memclr(void* dest, size_t n) { memset(dest, 0, n); }
void __aeabi_memclr4(void* dest, size_t n) __attribute__((alias("__aeabi_memclr")));
void __aeabi_memclr8(void* dest, size_t n) __attribute__((alias("__aeabi_memclr")));
#endif
