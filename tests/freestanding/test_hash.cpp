// hash_map / hash_set on every target: the group matching of this target (SWAR on Cortex-M,
// RV32 and plain wasm32; SSE2 on x86-64; simd128 on wasm built with -msimd128) and the
// portable group against a scalar reference, the seed hook, the hash protocol, insertion with
// growth, lookup, iteration, erasure, entry, retain / extract_if / drain, clone, the reserve
// guarantee (insertions that allocate nothing), churn that rehashes in place, colliding keys,
// over-aligned values, tracked lifetimes and every injected allocation failure of a growing
// insertion. Few elements: the Cortex-M0 heap is 6 KiB.
#include <cstdint>
#include <utility>

#include "bare/hash_map.hpp"
#include "bare/hash_set.hpp"
#include "bare/str.hpp"
#include "bare/string.hpp"
#include "bare/testing/check_all_allocation_failures.hpp"
#include "runner.hpp"
#include "test_heap.hpp"

// The program's hash seed (bare::default_hasher). A firmware would read a hardware RNG here.
BARE_HASH_SEED(0xF7EE'5EEDull);

namespace ft {
void hash_append(bare::hash_state& h, const tracked& t) noexcept { h.add(t.value); }
}  // namespace ft

namespace {

using imap = bare::hash_map<int, int>;
using fmap = bare::hash_map<int, int, bare::fixed_seed_hasher>;

// A small xorshift for test data (no libc).
struct xs {
  std::uint32_t s;
  std::uint32_t next() {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    return s;
  }
};

template <class G>
bool group_matches_reference(std::uint32_t seed) {
  namespace dh = bare::detail::hash;
  xs r{seed};
  alignas(16) std::uint8_t b[16];
  for (int round = 0; round < 300; ++round) {
    const auto probe = static_cast<std::uint8_t>(r.next());
    for (auto& x : b) {
      const std::uint32_t v = r.next();
      x = (v & 3) == 0 ? 0 : (v & 3) == 1 ? probe : (v & 3) == 2 ? 1 : static_cast<std::uint8_t>(v >> 8);
    }
    std::uint32_t want = 0, empty = 0;
    for (unsigned i = 0; i < 15; ++i) {
      if (b[i] == probe) want |= 1u << i;
      if (b[i] == 0) empty |= 1u << i;
    }
    const G g = G::load(b);
    if (g.match(probe).slots() != want || g.match_empty().slots() != empty ||
        g.match_occupied().slots() != (~empty & 0x7FFFu))
      return false;
  }
  return true;
}

void groups_match_reference() {
  FT_CHECK(group_matches_reference<bare::detail::hash::portable_group>(12345));
  FT_CHECK(group_matches_reference<bare::detail::hash::group_swar<std::uint32_t>>(777));
  FT_CHECK(group_matches_reference<bare::detail::hash::group>(4242));
}

void seed_and_protocol() {
  FT_CHECK(bare::bare_hash_seed() == 0xF7EE5EEDull);
  FT_CHECK(bare::default_hasher() == bare::fixed_seed_hasher(0xF7EE5EEDull));
  const bare::fixed_seed_hasher h;
  FT_CHECK(h(7) == h(7ull) && h(-1) == h(static_cast<long long>(-1)) && h(1) != h(2));
  auto s = bare::string<>::try_from(bare::str("firmware"));
  FT_CHECK(s && h(*s) == h(bare::str("firmware")) && h(bare::str("a")) != h(bare::str("b")));
  FT_CHECK(bare::fixed_seed_hasher(1)(5) != bare::fixed_seed_hasher(2)(5));
}

void insert_find_iterate_erase() {
  const std::size_t live = test_heap_live_blocks();
  {
    imap m;
    FT_CHECK(m.empty() && m.capacity() == 0 && test_heap_live_blocks() == live && m.check());
    FT_CHECK(m.find(1) == m.end() && m.get(1) == nullptr && m.begin() == m.end());
    for (int i = 0; i < 90; ++i) FT_CHECK(m.try_insert(i * 37 % 101, i));
    FT_CHECK(m.size() == 90 && m.check() && m.capacity() >= 90);
    FT_CHECK(!m.try_insert(0, 5)->inserted && *m.get(0) == 0);  // no overwrite
    long sum = 0;
    int n = 0;
    for (auto [k, v] : m) {
      sum += v;
      ++n;
      (void)k;
    }
    FT_CHECK(n == 90 && sum == 89 * 90 / 2);
    for (int i = 0; i < 90; ++i) FT_CHECK(m.contains(i * 37 % 101));
    FT_CHECK(!m.contains(-1) && m.count(1000) == 0);
    for (int i = 0; i < 90; i += 2) FT_CHECK(m.erase(i * 37 % 101) == 1);
    FT_CHECK(m.size() == 45 && m.check());
    for (auto it = m.begin(); it != m.end();) {
      if (it->second % 3 == 1) m.erase(it++);
      else ++it;
    }
    FT_CHECK(m.size() == 30 && m.check());
    m.clear();
    FT_CHECK(m.empty() && m.check() && test_heap_live_blocks() == live + 1);
  }
  FT_CHECK(test_heap_live_blocks() == live);
}

void entry_retain_extract_drain() {
  fmap m;
  for (int i = 0; i < 60; ++i) m.entry(i % 20).or_insert(0) += 1;
  FT_CHECK(m.size() == 20 && *m.get(5) == 3);
  FT_CHECK(*std::move(m.entry(5)).and_modify([](int& v) { v = 100; }).try_or_insert(0) == 100);
  FT_CHECK(m.entry(5).remove() == 100 && !m.contains(5));
  m[40] = 4;
  FT_CHECK(m.at(40) == 4 && m.insert_or_assign(40, 5).inserted == false && m.at(40) == 5);
  m.retain([](const int& k, int&) { return k % 2 == 0; });
  FT_CHECK(m.size() == 11 && m.check());
  int taken = 0;
  for (auto& kv : m.extract_if([](const int& k, int&) { return k % 4 == 0; })) taken += kv.first % 4 == 0;
  FT_CHECK(taken == 6 && m.size() == 5 && m.check());
  int drained = 0;
  for (auto& kv : m.drain()) drained += kv.first % 2 == 0;
  FT_CHECK(drained == 5 && m.empty() && m.check());
}

void tracked_lifetimes_and_clone() {
  {
    bare::hash_map<int, ft::tracked, bare::fixed_seed_hasher> m;
    for (int i = 0; i < 40; ++i) m.insert(i, ft::tracked(i));
    FT_CHECK(ft::tracked::live == 40 && m.check());
    auto c = m.clone();
    FT_CHECK(c == m && ft::tracked::live == 80);
    auto r = m.remove(10);
    FT_CHECK(r && r->value == 10);
    bare::hash_set<ft::tracked, bare::fixed_seed_hasher> s;
    for (int i = 0; i < 30; ++i) s.insert(ft::tracked(i % 15));
    FT_CHECK(s.size() == 15 && s.contains(ft::tracked(3)) && s.check());
    auto t = s.take(ft::tracked(4));
    FT_CHECK(t && t->value == 4 && s.size() == 14);
  }
  FT_CHECK(ft::tracked::live == 0);
}

void reserve_and_churn_allocate_nothing() {
  fmap m;
  FT_CHECK(m.try_reserve(100));
  const std::size_t live = test_heap_live_blocks();
  const std::size_t cap = m.capacity();
  for (int i = 0; i < 100; ++i) FT_CHECK(m.insert_within_capacity(i, i));
  // Steady churn: erasures and insertions, rehashing in place when the budget runs out.
  xs r{99};
  for (int i = 0; i < 2000; ++i) {
    FT_CHECK(m.erase(static_cast<int>(r.next() % 100)) <= 1);
    const int k = static_cast<int>(r.next() % 100);
    if (!m.contains(k)) FT_CHECK(m.insert_within_capacity(k, i));
  }
  FT_CHECK(test_heap_live_blocks() == live && m.capacity() == cap && m.check());
  while (m.size() < m.capacity()) FT_CHECK(m.insert_within_capacity(1000 + static_cast<int>(m.size()), 0));
  auto full = m.insert_within_capacity(-5, 0);
  FT_CHECK(!full && full.error().kind == bare::alloc_errc::full && test_heap_live_blocks() == live);
  FT_CHECK(m.try_shrink_to_fit() && m.check());
}

struct same_hash {
  using is_avalanching = void;
  std::uint64_t operator()(int) const noexcept { return 0x1234567812345678ull; }
};

struct alignas(16) wide {
  int v;
};

void colliding_keys_and_alignment() {
  bare::hash_map<int, int, same_hash> m;
  for (int i = 0; i < 50; ++i) m.insert(i, -i);
  for (int i = 0; i < 50; i += 3) FT_CHECK(m.erase(i) == 1);
  bool ok = m.check() && m.size() == 33;
  for (int i = 0; i < 50; ++i) ok = ok && m.contains(i) == (i % 3 != 0);
  FT_CHECK(ok);
  bare::hash_map<int, wide, bare::fixed_seed_hasher> w;
  for (int i = 0; i < 30; ++i) w.insert(i, wide{i});
  bool aligned = true;
  for (auto [k, v] : w) aligned = aligned && reinterpret_cast<std::uintptr_t>(&v) % 16 == 0 && v.v == k;
  FT_CHECK(aligned && w.check());
  // Five words; a stateless hasher, key_equal and allocator take no room.
  FT_CHECK(sizeof(bare::hash_map<int, int, same_hash>) == 5 * sizeof(void*));
}

// A map compared by contents, invariants and capacity.
struct state {
  bare::hash_map<int, int, bare::fixed_seed_hasher, bare::equal_to<>, bare::testing::failing_ref<>> m;
  friend bool operator==(const state& a, const state& b) {
    return a.m == b.m && a.m.check() && b.m.check() && a.m.capacity() == b.m.capacity();
  }
};

void every_allocation_failure() {
  using F = bare::testing::failing_ref<>;
  auto edge = [](F a) {
    state s{decltype(state::m)(bare::fixed_seed_hasher(), {}, a)};
    for (int k = 0; s.m.size() < 20 || s.m.growth_left() != 0; ++k) s.m.insert(k, k);
    return s;
  };
  auto rep = bare::testing::check_all_allocation_failures(edge, [](state& s) { return s.m.try_insert(-1, 1); });
  FT_CHECK(rep && rep.allocations == 1);
  auto rep2 = bare::testing::check_all_allocation_failures(edge, [](state& s) { return s.m.entry(-2).try_or_insert(2); });
  FT_CHECK(rep2 && rep2.allocations == 1);
  auto rep3 = bare::testing::check_all_allocation_failures(edge, [](state& s) { return s.m.try_clone(); });
  FT_CHECK(rep3 && rep3.allocations == 1);
}

}  // namespace

FT_GROUP(hash, FT_TEST(groups_match_reference), FT_TEST(seed_and_protocol), FT_TEST(insert_find_iterate_erase),
         FT_TEST(entry_retain_extract_drain), FT_TEST(tracked_lifetimes_and_clone),
         FT_TEST(reserve_and_churn_allocate_nothing), FT_TEST(colliding_keys_and_alignment),
         FT_TEST(every_allocation_failure));
