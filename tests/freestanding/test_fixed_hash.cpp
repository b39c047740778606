// fixed_hash_map / fixed_hash_set on every target: hash_map's table over storage inside the
// object, with the target's group (SWAR on Cortex-M, RV32 and plain wasm32; SSE2 on x86-64).
// The full condition (refused, the map unchanged), erase/insert churn at full size (never
// full, invariants kept: the table rehashes in place), keys that all hash alike, tracked
// lifetimes through copies, moves and swaps, the panicking twins where they cannot panic,
// the program's seed (BARE_HASH_SEED, in test_hash.cpp) through the default hasher, and
// never a heap block. Small N: the Cortex-M0 stack is 4 KiB (the biggest map here is about
// 560 bytes; at most four maps of about 400 bytes live at once).
#include <cstdint>
#include <utility>

#include "bare/fixed_hash_map.hpp"
#include "bare/fixed_hash_set.hpp"
#include "runner.hpp"
#include "test_heap.hpp"

namespace {

struct xorshift {
  std::uint32_t s;
  std::uint32_t next() {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    return s;
  }
};

template <class R>
bool full(const R& r) {
  return !r && r.error().kind == bare::alloc_errc::full;
}

// Order-independent fingerprint of a map's contents, and of its iteration order.
template <class M>
std::uint32_t contents(const M& m) {
  std::uint32_t sum = 0;
  for (auto [k, v] : m) sum += static_cast<std::uint32_t>(k) * 2654435761u ^ static_cast<std::uint32_t>(v);
  return sum;
}
template <class M>
std::uint32_t order(const M& m) {
  std::uint32_t h = 0;
  for (auto [k, v] : m) h = h * 31 + static_cast<std::uint32_t>(k);
  return h;
}

void full_and_unchanged() {
  const std::size_t live = test_heap_live_blocks();
  bare::fixed_hash_map<int, int, 13, bare::fixed_seed_hasher> m;  // one group
  FT_CHECK(m.capacity() == 13 && m.slot_count() == 14 && m.empty() && m.check());
  for (int i = 0; i < 13; ++i) FT_CHECK(m.try_insert(i * 11, i));
  const std::uint32_t before = order(m);
  FT_CHECK(full(m.try_insert(200, 0)) && full(m.try_emplace(201, 0)) && full(m.insert_within_capacity(202, 0)));
  FT_CHECK(full(m.entry(203).try_or_insert(0)));
  FT_CHECK(order(m) == before && m.size() == 13 && m.check());
  auto present = m.try_insert(22, 99);  // present: never full, no overwrite
  FT_CHECK(present && !present->inserted && *m.get(22) == 2);
  m[22] = 5;  // present: the panicking twin cannot panic
  FT_CHECK(m.at(22) == 5 && m.remove(22) == 5 && m.try_insert(300, 1) && m.size() == 13);
  FT_CHECK(test_heap_live_blocks() == live);
}

// At full size, erase a random key and insert a new one, again and again: erasures from
// overflowed groups spend the growth budget and the table rehashes in place.
void churn_at_full_size() {
  const std::size_t live = test_heap_live_blocks();
  constexpr std::size_t N = 40;  // 4 groups, 59 slots: about 560 bytes
  bare::fixed_hash_map<std::uint32_t, std::uint32_t, N, bare::fixed_seed_hasher> m;
  std::uint32_t keys[N];
  xorshift r{2463534242u};
  for (std::size_t i = 0; i < N; ++i) {
    keys[i] = r.next() | 1u;  // odd: never 0, the refused probe below
    FT_CHECK(m.try_insert(keys[i], static_cast<std::uint32_t>(i)));
  }
  bool ok = true;
  for (std::uint32_t round = 0; round < 3000; ++round) {
    const std::size_t j = r.next() % N;
    ok = ok && m.erase(keys[j]) == 1;
    keys[j] = r.next() | 1u;
    while (m.contains(keys[j])) keys[j] += 2;
    ok = ok && m.try_insert(keys[j], round).has_value();
    ok = ok && full(m.try_insert(0u, 0u));
  }
  FT_CHECK(ok && m.size() == N && m.check());
  for (std::size_t i = 0; i < N; ++i) FT_CHECK(m.contains(keys[i]));
  FT_CHECK(test_heap_live_blocks() == live);
}

struct one_hash {
  using is_avalanching = void;
  std::uint64_t operator()(int) const noexcept { return 0x0123456789ABCDEFull; }
};

void keys_that_hash_alike() {
  bare::fixed_hash_map<int, int, 30, one_hash> m;  // one home group, one h2: overflow to the rest
  int name[30];
  for (int v = 0; v < 30; ++v) {
    name[v] = v * 3;
    FT_CHECK(m.try_insert(name[v], v));
  }
  FT_CHECK(full(m.try_insert(1, 0)) && m.check());
  // Rounds of churn at full size: a third of the elements leave and come back renamed.
  for (int round = 0; round < 12; ++round) {
    for (int v = round % 3; v < 30; v += 3) {
      FT_CHECK(m.erase(name[v]) == 1);
      name[v] = 1000 * (round + 1) + v;
      FT_CHECK(m.try_insert(name[v], v));
    }
    FT_CHECK(m.size() == 30 && m.check() && full(m.try_insert(1, 0)));
  }
  for (int v = 0; v < 30; ++v) FT_CHECK(m.get(name[v]) != nullptr && *m.get(name[v]) == v);
}

struct tracked_hasher {
  using is_avalanching = void;
  std::uint64_t operator()(const ft::tracked& t) const noexcept { return bare::fixed_seed_hasher()(t.value); }
};

void tracked_copies_moves_swaps() {
  {
    bare::fixed_hash_map<int, ft::tracked, 16, bare::fixed_seed_hasher> a;
    for (int i = 0; i < 16; ++i) FT_CHECK(a.try_emplace(i, i * 10));
    ft::tracked t(99);
    FT_CHECK(full(a.try_insert(16, static_cast<ft::tracked&&>(t))) && t.value == 99);
    auto b = a;  // a copy of every element, at the same slots
    FT_CHECK(b == a && order(b) == order(a) && ft::tracked::live == 33);
    auto c = static_cast<decltype(a)&&>(b);
    FT_CHECK(b.empty() && c == a && ft::tracked::live == 33 && c.check() && b.check());
    FT_CHECK(b.try_emplace(100, 1));
    swap(b, c);
    FT_CHECK(b.size() == 16 && c.size() == 1 && c.at(100).value == 1 && ft::tracked::live == 34);
    b.retain([](const int& k, ft::tracked&) { return k % 2 == 0; });
    FT_CHECK(b.size() == 8 && ft::tracked::live == 26);
    auto taken = b.remove(4);
    FT_CHECK(taken && taken->value == 40);
    bare::fixed_hash_set<ft::tracked, 8, tracked_hasher> s;
    for (int i = 0; i < 20; ++i) (void)s.try_insert(ft::tracked(i % 8));
    FT_CHECK(s.size() == 8 && s.contains(ft::tracked(3)) && s.check());
  }
  FT_CHECK(ft::tracked::live == 0 && ft::tracked::destroyed_twice == 0);
}

// The default hasher reads the program's seed (BARE_HASH_SEED in test_hash.cpp): the same
// contents as with a fixed seed, in another order (almost surely).
void default_hasher_and_sets() {
  bare::fixed_hash_set<std::uint16_t, 26> seen;  // 2 groups
  bare::fixed_hash_set<std::uint16_t, 26, bare::fixed_seed_hasher> fixed;
  int duplicates = 0;
  for (std::uint16_t i = 0; i < 52; ++i) {
    auto r = seen.try_insert(static_cast<std::uint16_t>(i % 26 * 7));
    FT_CHECK(r);
    duplicates += r && !r->inserted;
    FT_CHECK(fixed.try_insert(static_cast<std::uint16_t>(i % 26 * 7)));
  }
  FT_CHECK(duplicates == 26 && seen.size() == 26 && full(seen.try_insert(1)) && seen.check());
  FT_CHECK(seen.is_subset(seen) && !seen.is_disjoint(seen));
  std::uint32_t a = 0, b = 0;
  for (std::uint16_t k : seen) a += k;
  for (std::uint16_t k : fixed) b += k;
  FT_CHECK(a == b && a == 7u * (25u * 26u / 2u));
  bare::fixed_hash_map<int, int, 8> counts;
  for (int i = 0; i < 24; ++i) counts.entry(i % 8).or_insert(0) += 1;
  FT_CHECK(counts.size() == 8 && *counts.get(5) == 3 && contents(counts) != 0);
}

}  // namespace

FT_GROUP(fixed_hash, FT_TEST(full_and_unchanged), FT_TEST(churn_at_full_size), FT_TEST(keys_that_hash_alike),
         FT_TEST(tracked_copies_moves_swaps), FT_TEST(default_hasher_and_sets));
