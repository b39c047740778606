// bare/detail/asan.hpp — AddressSanitizer hooks for the shipped allocators.
//
// Under ASan (BARE_ASAN, see config.hpp) an allocator poisons the memory it does not hand out,
// so that an overflow from a block, or a use after free, is reported as it happens. Without
// ASan these expand to nothing. BARE_NO_ASAN marks a function that reads or writes the
// allocator's own bookkeeping inside poisoned memory (free-list links, headers).
#pragma once

#include "bare/config.hpp"

#if BARE_ASAN && __has_include(<sanitizer/asan_interface.h>)
#include <sanitizer/asan_interface.h>
#define BARE_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define BARE_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#define BARE_NO_ASAN __attribute__((no_sanitize("address")))
#else
#define BARE_POISON(p, n) ((void)(p), (void)(n))
#define BARE_UNPOISON(p, n) ((void)(p), (void)(n))
#define BARE_NO_ASAN
#endif
