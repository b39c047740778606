// bare/detail/hash/group.hpp — the group of control bytes the hash table probes, and the one
// place where its implementation is chosen.
//
// Every implementation has the same members (a group of the 16 bytes at a 16-aligned p):
//   static group load(const std::uint8_t* p);
//   mask match(std::uint8_t b) const;     slots 0..14 whose byte is b
//   mask match_word(std::uint32_t w) const;  the same for b replicated in w's four bytes
//   mask match_empty() const;             slots 0..14 whose byte is 0
//   mask match_occupied() const;          slots 0..14 whose byte is not 0
// with `mask` a bitmask (bitmask.hpp). Byte 15 is the group's overflow byte, never a slot.
//
//   group_swar<W>  portable: word arithmetic; always built, and tested against the others
//   group_sse2     x86-64 (SSE2 is part of the baseline)
//   group_neon     AArch64
//   group_wasm     wasm32 compiled with -msimd128
// BARE_HASH_PORTABLE_GROUP=1 forces the portable group everywhere (the test suite runs once
// that way on x86-64, so the table over SWAR is tested on the host too).
#pragma once

#include <cstdint>

#include "bare/config.hpp"
#include "bare/detail/hash/group_swar.hpp"

#ifndef BARE_HASH_PORTABLE_GROUP
#define BARE_HASH_PORTABLE_GROUP 0
#endif

#if !BARE_HASH_PORTABLE_GROUP && defined(__SSE2__)
#include "bare/detail/hash/group_sse2.hpp"
#define BARE_HASH_GROUP_NAME "sse2"
#define BARE_HASH_SIMD_GROUP 1
#elif !BARE_HASH_PORTABLE_GROUP && defined(__aarch64__) && defined(__ARM_NEON)
#include "bare/detail/hash/group_neon.hpp"
#define BARE_HASH_GROUP_NAME "neon"
#define BARE_HASH_SIMD_GROUP 1
#elif !BARE_HASH_PORTABLE_GROUP && defined(__wasm_simd128__)
#include "bare/detail/hash/group_wasm.hpp"
#define BARE_HASH_GROUP_NAME "wasm-simd128"
#define BARE_HASH_SIMD_GROUP 1
#else
#define BARE_HASH_GROUP_NAME "swar"
#define BARE_HASH_SIMD_GROUP 0
#endif

namespace bare::detail::hash {

// The portable group's word: 64 bits where the target has 64-bit registers (and on wasm32,
// whose i64 is native), else 32.
#if defined(__wasm__) || __SIZEOF_POINTER__ >= 8
using swar_word = std::uint64_t;
#else
using swar_word = std::uint32_t;
#endif
using portable_group = group_swar<swar_word>;

#if !BARE_HASH_PORTABLE_GROUP && defined(__SSE2__)
using group = group_sse2;
#elif !BARE_HASH_PORTABLE_GROUP && defined(__aarch64__) && defined(__ARM_NEON)
using group = group_neon;
#elif !BARE_HASH_PORTABLE_GROUP && defined(__wasm_simd128__)
using group = group_wasm;
#else
using group = portable_group;
#endif

}  // namespace bare::detail::hash
