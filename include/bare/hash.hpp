// bare/hash.hpp — the hashing policy of bare's hash containers (DESIGN §4): the hash protocol
// types plug into, the default keyed hasher, bare::fixed_seed_hasher, and the seed hook.
//
// ---- The seed hook: BARE_HASH_SEED -------------------------------------------------------------
// The default hasher (bare::default_hasher, the default H of hash_map / hash_set) is keyed by
// a 64-bit seed that the final program supplies, like the global allocator: exactly one source
// file of the program says
//
//   BARE_HASH_SEED(read_trng());      // any expression convertible to std::uint64_t
//
// at namespace scope. The expression is evaluated each time a default_hasher is constructed
// (each default-constructed map): it may return one value per boot (read once from a TRNG, a
// unique device id mixed with a boot counter, ...) or a fresh value per call. A library built
// on bare compiles without choosing; a program that uses default_hasher and forgets the line
// fails to link with
//   undefined reference to `bare_hash_seed__define_BARE_HASH_SEED_in_one_source_file'
// A program that only uses bare::fixed_seed_hasher (or its own hasher) needs no line.
//
// ---- What the default hasher promises, and what it does not (HashDoS) ----------------------------
// It promises: a fast, well-mixed 64-bit hash (one 64x64->128-bit folded multiply per integer
// key; 16 bytes per folded multiply for byte strings) whose output, and so the placement of
// keys and the iteration order, depend on the seed through a secret xor key and a secret
// odd multiplier. Every output bit depends on every input bit, and flipping any input bit
// flips half of the output bits on average and changes the bits a table uses (the low bits
// and the top byte) almost always; it is not a full avalanche (for integers some (input bit,
// output bit) pairs flip nearly always or nearly never: tests/unit/hash_hasher_test.cpp
// measures what is promised). An attacker who chooses keys but sees neither hash values, nor iteration
// order, nor precise timing cannot aim keys at one group of the table in advance: with a
// seed they cannot guess, they cannot choose keys that collide more than chance allows.
// Structured integer keys are spread as well as random ones on average, not with every seed:
// keys whose low bits are all alike (addresses 4 KiB apart, byte-reversed counters) take
// their home group from the high half of the product, whose spread depends on the
// multiplier. Over 24 seeds, the worst put 4 times as many elements outside their home group
// as random keys do, and 3.5-5 times as many same-tag keys in a group
// (bench/model/hash_spread.cpp); lookups stay correct but slow down (up to ~40% on a map of
// 2*10^6 byte-reversed counters with one unlucky seed: bench/README.md). A finishing
// shift-xor that brings every worst case within 10% of random keys cost 13-17% on every u64
// lookup, so it is not applied.
// It does NOT promise what a cryptographic PRF (SipHash) does: keyed multiply-fold hashes
// have known differential structure, and an attacker who can observe the iteration order or
// time many lookups may learn enough about the key to build colliding inputs. Even then the
// table stays correct and memory-safe; only lookups slow down (each probes more groups). With
// a constant seed (BARE_HASH_SEED(0), or fixed_seed_hasher) there is no protection at all:
// collisions are then predictable by anyone who reads this code. A program that hashes keys
// from an untrusted network peer should use a seed per boot from a hardware RNG, and, if
// timing is observable, a keyed cryptographic hasher of its own (any H below works).
//
// bare::fixed_seed_hasher is the same function with a seed fixed at compile time (or given
// to its constructor): the explicit choice for reproducible placement and iteration order
// (tests, deterministic replay, identical output on every boot). It is never the default.
//
// ---- The protocol ------------------------------------------------------------------------------
// A key type T is hashable by bare's hashers when `hash_append(state, t)` is valid for a
// bare::hash_state& state, found by argument-dependent lookup:
//   - integers, bool, characters, enums: by value, sign- or zero-extended to 64 bits (so equal
//     values of different integer types hash alike);
//   - pointers (and nullptr): by address (Rust's raw pointer semantics);
//   - bare::str and bare::string<A>: by their bytes and length (a string and a str with the
//     same bytes hash alike, so a hash_map<string, V> is searched with a str);
//   - bare::rc<T> / bare::arc<T>: by the VALUE they point to, as Rust's Rc/Arc (their == compares
//     values too); a null pointer hashes as the integer 0. (rc_weak / arc_weak are not
//     hashable: their value may disappear.)
//   - std::pair, std::array of hashable types: element by element.
// A user type opts in with a function in its own namespace:
//
//   struct point { int x, y; friend bool operator==(const point&, const point&) = default; };
//   void hash_append(bare::hash_state& h, const point& p) noexcept { h.add(p.x); h.add(p.y); }
//
// Types a container looks up by another type (heterogeneous lookup, see hash_map.hpp) must
// hash equal values alike; hash_family<T> (below) says which types bare's hashers treat as
// interchangeable (by default only T itself; str and string<A> form one family).
//
// The hash containers accept any hasher H: a function object h(key) returning an unsigned
// integer (std::hash, absl::Hash, your own). They never trust its low bits alone: unless H
// declares `using is_avalanching = void` (bare's hashers do), the container mixes the value
// with one folded multiply, so an identity hash on integers (libstdc++'s std::hash) neither
// collapses the table nor slows it down.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "bare/alloc/allocator.hpp"
#include "bare/config.hpp"

// The hook the program defines with BARE_HASH_SEED (declared here, never defined by bare).
extern "C" std::uint64_t bare_hash_seed__define_BARE_HASH_SEED_in_one_source_file() noexcept;

// Defines the seed hook to return `expr` (converted to std::uint64_t). Once, at namespace
// scope, in one source file of the final program.
#define BARE_HASH_SEED(expr)                                                                    \
  extern "C" std::uint64_t bare_hash_seed__define_BARE_HASH_SEED_in_one_source_file() noexcept { \
    return static_cast<std::uint64_t>(expr);                                                    \
  }                                                                                             \
  static_assert(true, "BARE_HASH_SEED(expr); needs its semicolon")

namespace bare {

// The program's seed (the BARE_HASH_SEED hook). Cost: one call to the program's function.
inline std::uint64_t bare_hash_seed() noexcept {
  return bare_hash_seed__define_BARE_HASH_SEED_in_one_source_file();
}

class str;
template <allocator A>
class string;
namespace detail {
template <class T, class A, class P>
class rc_ptr;
}

namespace detail::hashing {

// Nothing-up-my-sleeve constants: hexadecimal digits of pi's fractional part.
inline constexpr std::uint64_t pi0 = 0x243F6A8885A308D3ull;
inline constexpr std::uint64_t pi1 = 0x13198A2E03707344ull;
inline constexpr std::uint64_t pi2 = 0xA4093822299F31D0ull;
inline constexpr std::uint64_t pi3 = 0x082EFA98EC4E6C89ull;
inline constexpr std::uint64_t pi4 = 0x452821E638D01377ull;
inline constexpr std::uint64_t pi5 = 0xBE5466CF34E90C6Cull;

// The 128-bit product of a and b, folded to 64 bits (low half xor high half): every output
// bit depends on every input bit of both operands. One MUL (+ UMULH) on 64-bit targets.
BARE_ALWAYS_INLINE constexpr std::uint64_t fold_mul(std::uint64_t a, std::uint64_t b) noexcept {
#if defined(__SIZEOF_INT128__) && __SIZEOF_POINTER__ >= 8 && !defined(__wasm__)
  // 64-bit targets multiply 64 x 64 -> 128 in hardware. (wasm32 has __int128 only through a
  // compiler-rt call, __multi3, which a freestanding module does not link: the path below.)
  __extension__ typedef unsigned __int128 u128;
  const u128 p = static_cast<u128>(a) * b;
  return static_cast<std::uint64_t>(p) ^ static_cast<std::uint64_t>(p >> 64);
#else
  // 32-bit targets: the four 32 x 32 -> 64 partial products.
  const std::uint64_t a0 = a & 0xFFFFFFFFu, a1 = a >> 32, b0 = b & 0xFFFFFFFFu, b1 = b >> 32;
  const std::uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const std::uint64_t mid = (p00 >> 32) + (p01 & 0xFFFFFFFFu) + (p10 & 0xFFFFFFFFu);
  const std::uint64_t lo = (mid << 32) | (p00 & 0xFFFFFFFFu);
  const std::uint64_t hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
  return lo ^ hi;
#endif
}

// Unaligned little-endian-agnostic loads (the hash is native-endian: placement is unspecified).
BARE_ALWAYS_INLINE std::uint64_t load64(const unsigned char* p) noexcept {
  std::uint64_t v;
  __builtin_memcpy(&v, p, 8);
  return v;
}
BARE_ALWAYS_INLINE std::uint64_t load32(const unsigned char* p) noexcept {
  std::uint32_t v;
  __builtin_memcpy(&v, p, 4);
  return v;
}

// The keys of one hasher, derived from its seed so that a weak seed (0, a counter) still gives
// well-distributed keys: xor_key is mixed into every input; mul is an odd multiplier.
struct keys {
  std::uint64_t xor_key;
  std::uint64_t mul;
};
constexpr keys derive_keys(std::uint64_t seed) noexcept {
  const std::uint64_t a = fold_mul(seed ^ pi0, pi1 | 1);
  const std::uint64_t b = fold_mul(a ^ pi2, pi3 | 1);
  // The multiplier: odd, with its top bit set, so that the product spreads every input bit.
  return keys{a ^ pi4, (b ^ pi5) | 0x8000000000000001ull};
}

// Hash of n bytes at p keyed by (seed, mul). The length is part of the input (prefix-free
// across writes). Up to 16 bytes: two loads and two folded multiplies; longer: one folded
// multiply per 16 bytes, then the last 16 bytes (overlapping) as for a short input.
inline std::uint64_t hash_bytes(const unsigned char* p, std::size_t n, std::uint64_t seed,
                                std::uint64_t mul) noexcept {
  std::uint64_t a = 0, b = 0, s = seed ^ (static_cast<std::uint64_t>(n) * pi3);
  if (BARE_LIKELY(n <= 16)) {
    if (n >= 8) {
      a = load64(p);
      b = load64(p + n - 8);
    } else if (n >= 4) {
      a = load32(p);
      b = load32(p + n - 4);
    } else if (n > 0) {
      a = (static_cast<std::uint64_t>(p[0]) << 16) | (static_cast<std::uint64_t>(p[n >> 1]) << 8) | p[n - 1];
    }
  } else {
    const unsigned char* end = p + n;
    if (n > 64) {
      // Two independent lanes of 32 bytes per round, joined after the loop.
      std::uint64_t t = s ^ pi1;
      do {
        s = fold_mul(load64(p) ^ s, load64(p + 8) ^ pi2);
        t = fold_mul(load64(p + 16) ^ t, load64(p + 24) ^ pi4);
        p += 32;
        n -= 32;
      } while (n > 32);
      s ^= t;
    }
    while (n > 16) {
      s = fold_mul(load64(p) ^ s, load64(p + 8) ^ pi2);
      p += 16;
      n -= 16;
    }
    a = load64(end - 16);
    b = load64(end - 8);
  }
  return fold_mul(fold_mul(a ^ s, b ^ pi5 ^ mul) ^ s, mul);
}

}  // namespace detail::hashing

// The state a hashable value is fed into (the protocol above). A value of several parts
// (a struct, a pair) adds each part in turn; the parts' order matters.
class hash_state {
 public:
  constexpr explicit hash_state(detail::hashing::keys k) noexcept : acc_(k.xor_key), mul_(k.mul) {}

  // Feeds one 64-bit word: one folded multiply.
  BARE_ALWAYS_INLINE constexpr void write_u64(std::uint64_t x) noexcept {
    acc_ = detail::hashing::fold_mul(acc_ ^ x, mul_);
  }
  // Feeds n bytes and their count (so "ab","c" and "a","bc" differ).
  void write_bytes(const void* p, std::size_t n) noexcept {
    acc_ = detail::hashing::hash_bytes(static_cast<const unsigned char*>(p), n, acc_, mul_);
  }
  // Feeds a hashable value (calls hash_append(*this, v), found by ADL).
  template <class T>
  constexpr void add(const T& v) noexcept;
  // The hash of everything fed so far.
  constexpr std::uint64_t finish() const noexcept { return acc_; }

 private:
  std::uint64_t acc_;
  std::uint64_t mul_;
};

// ---- built-in hash_append overloads -----------------------------------------------------------

template <class T>
  requires(std::is_integral_v<T> || std::is_enum_v<T>)
BARE_ALWAYS_INLINE constexpr void hash_append(hash_state& h, T v) noexcept {
  if constexpr (std::is_enum_v<T>) {
    hash_append(h, static_cast<std::underlying_type_t<T>>(v));
  } else if constexpr (std::is_signed_v<T>) {
    h.write_u64(static_cast<std::uint64_t>(static_cast<std::int64_t>(v)));
  } else {
    h.write_u64(static_cast<std::uint64_t>(v));
  }
}
template <class T>
BARE_ALWAYS_INLINE void hash_append(hash_state& h, T* p) noexcept {
  h.write_u64(static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(p)));
}
BARE_ALWAYS_INLINE constexpr void hash_append(hash_state& h, std::nullptr_t) noexcept { h.write_u64(0); }

// bare::str (a template only so that str may be incomplete here; S is always str).
template <class S>
  requires std::same_as<S, str>
void hash_append(hash_state& h, const S& s) noexcept {
  h.write_bytes(s.data(), s.size());
}
template <allocator A>
void hash_append(hash_state& h, const string<A>& s) noexcept {
  h.write_bytes(s.data(), s.size());
}
// rc<T> / arc<T>: the value (Rust's semantics); null as 0. Not for rc<T[]>.
template <class T, class A, class P>
  requires(!std::is_array_v<T>)
void hash_append(hash_state& h, const detail::rc_ptr<T, A, P>& p) noexcept {
  if (p.get() == nullptr) h.write_u64(0);
  else h.add(*p.get());
}

template <class A, class B>
constexpr void hash_append(hash_state& h, const std::pair<A, B>& p) noexcept {
  h.add(p.first);
  h.add(p.second);
}
template <class T, std::size_t N>
constexpr void hash_append(hash_state& h, const std::array<T, N>& a) noexcept {
  for (const T& x : a) h.add(x);
}

// Whether bare's hashers can hash a T.
template <class T>
concept hashable = requires(hash_state& h, const T& v) { hash_append(h, v); };

template <class T>
constexpr void hash_state::add(const T& v) noexcept {
  static_assert(hashable<T>, "bare::hash_state::add: no hash_append(bare::hash_state&, const T&) for this type");
  hash_append(*this, v);
}

// Which types bare's hashers treat as interchangeable for lookups: a container of K may be
// searched with a Q directly (without converting it to K) only if hash_family_t<Q> ==
// hash_family_t<K>, i.e. equal values of the two types hash alike. Specialise for your own
// pairs of types.
template <class T>
struct hash_family {
  using type = T;
};
template <>
struct hash_family<str> {
  using type = str;
};
template <allocator A>
struct hash_family<string<A>> {
  using type = str;
};
template <class T>
using hash_family_t = typename hash_family<std::remove_cvref_t<T>>::type;

namespace detail::hashing {

// What default_hasher and fixed_seed_hasher share: the keys and the call operator.
class keyed_hasher {
 public:
  using is_transparent = void;  // any hashable type (the container checks hash_family)
  using is_avalanching = void;  // the output is mixed: containers use it as it is

  // The hash of v. O(1) for integers (one folded multiply), O(size) for strings.
  template <hashable T>
  BARE_ALWAYS_INLINE constexpr std::uint64_t operator()(const T& v) const noexcept {
    hash_state h(keys_);
    h.add(v);
    return h.finish();
  }
  // For heterogeneous lookup: Q may stand for K iff they are of one hash family.
  template <class Q, class K>
  static constexpr bool interchangeable = std::is_same_v<hash_family_t<Q>, hash_family_t<K>>;

  // The keys (equal keys: equal hashes, the same placement).
  constexpr keys key_material() const noexcept { return keys_; }
  friend constexpr bool operator==(const keyed_hasher& a, const keyed_hasher& b) noexcept {
    return a.keys_.xor_key == b.keys_.xor_key && a.keys_.mul == b.keys_.mul;
  }

 protected:
  constexpr explicit keyed_hasher(std::uint64_t seed) noexcept : keys_(derive_keys(seed)) {}

 private:
  keys keys_;
};

}  // namespace detail::hashing

// The default hasher of hash_map / hash_set: keyed by the program's seed (BARE_HASH_SEED),
// read once per hasher, when it is constructed. Two words.
class default_hasher : public detail::hashing::keyed_hasher {
 public:
  default_hasher() noexcept : keyed_hasher(bare_hash_seed()) {}
};

// The same function with a fixed seed: reproducible placement and iteration order, on every
// run and every target with the same size_t width and endianness. No protection against
// chosen-key collisions (see the top of this file). Needs no BARE_HASH_SEED.
class fixed_seed_hasher : public detail::hashing::keyed_hasher {
 public:
  static constexpr std::uint64_t default_seed = 0x0B0A4E5EEDull;
  constexpr fixed_seed_hasher() noexcept : keyed_hasher(default_seed) {}
  constexpr explicit fixed_seed_hasher(std::uint64_t seed) noexcept : keyed_hasher(seed) {}
};

// Equality for the hash containers (<functional> is not freestanding): equal_to<T>()(a, b)
// is a == b; equal_to<> is transparent (heterogeneous lookup).
template <class T = void>
struct equal_to {
  constexpr bool operator()(const T& a, const T& b) const noexcept(noexcept(a == b)) { return a == b; }
};
template <>
struct equal_to<void> {
  using is_transparent = void;
  template <class T, class U>
  constexpr bool operator()(const T& a, const U& b) const noexcept(noexcept(a == b)) {
    return a == b;
  }
};

}  // namespace bare
