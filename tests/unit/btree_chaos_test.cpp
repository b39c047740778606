// A comparator that is not a strict weak order is a logic error: btree_map / btree_set may
// then give wrong answers, and some operations panic, but memory safety must hold (as Rust's
// ord_chaos tests). Run under ASan / UBSan (the sanitizer configurations), these tests drive
// every operation with comparators that answer at random (always, or once in a while), with
// counted elements (so a leak, a double destruction or a use of a dead element is seen), and
// check after each step that the structure is intact (check() may report only `unordered`)
// and that size() is the number of elements iteration visits.
//
// Operations that may legitimately panic on an inconsistent order (range(), equal_range(),
// cursor inserts, try_from_sorted) run in a child process that must either finish or panic,
// never crash.
#include <gtest/gtest.h>

#include <algorithm>
#include <compare>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <utility>
#include <vector>

#include <sys/wait.h>

#include "bare/btree_map.hpp"
#include "bare/btree_set.hpp"
#include "support/death.hpp"
#include "support/rng.hpp"
#include "support/tracked.hpp"

namespace {

using bare_test::counted;
using bare_test::mk;
using bare_test::val;

// Answers a < b correctly, except with probability `percent`%, where it answers at random.
struct chaos_less {
  bare_test::rng* r;
  unsigned percent;
  bool operator()(const counted& a, const counted& b) const noexcept {
    if (r->chance(percent)) return r->chance(50);
    return a.value() < b.value();
  }
};

template <class C>
void expect_intact(const C& c) {
  const bare::btree_check k = c.check();
  EXPECT_TRUE(k || k.problem == bare::btree_check::unordered) << k.problem;
  std::size_t n = 0;
  for (auto it = c.begin(); it != c.end(); ++it) ++n;
  EXPECT_EQ(n, c.size());
  std::size_t back = 0;
  for (auto it = c.end(); it != c.begin(); --it) ++back;
  EXPECT_EQ(back, c.size());
}

template <std::size_t C>
void chaos_map(unsigned percent, int steps) {
  using M = bare::btree_map<counted, counted, chaos_less, bare::global, C>;
  bare_test::rng r(bare_test::test_seed());
  bare_test::rng cr(bare_test::test_seed() ^ 0xC4A05);
  const chaos_less cmp{&cr, percent};
  M m(cmp), side(cmp);
  std::size_t max_size = 0, max_height = 0;
  for (int step = 0; step < steps; ++step) {
    SCOPED_TRACE("step " + std::to_string(step));
    const int k = r.between(0, 3000);
    const unsigned what = static_cast<unsigned>(r.below(100));
    if (what < 45) {
      ASSERT_TRUE(m.try_insert(counted(k), counted(k)));
    } else if (what < 55) {
      ASSERT_TRUE(m.try_insert_or_assign(counted(k), counted(-k)));
    } else if (what < 60) {
      (void)m.erase(counted(k));
    } else if (what < 63) {
      auto it = m.find(counted(k));
      if (it != m.end()) {
        EXPECT_NE(val((*it).first), bare_test::moved_from);
        (void)m.erase(it);
      }
    } else if (what < 73) {
      auto a = m.lower_bound(counted(k));
      auto b = m.upper_bound(counted(k));
      if (a != m.end()) {
        EXPECT_NE(val((*a).second), bare_test::moved_from);
      }
      if (b != m.end()) {
        EXPECT_NE(val((*b).second), bare_test::moved_from);
      }
      (void)m.contains(counted(k));
      (void)m.get(counted(k));
    } else if (what < 76) {
      (void)(r.chance(50) ? m.pop_first() : m.pop_last());
    } else if (what < 77) {
      m.retain([&](const counted& key, counted&) { return val(key) % 5 != 0 || r.chance(50); });
    } else if (what < 79) {
      auto x = m.extract_if([&](const counted&, counted&) { return r.chance(20); });
      int n = 0;
      for (auto it = x.begin(); it != x.end() && n < 10; ++it) ++n;
    } else if (what < 82) {
      auto t = m.try_split_off(counted(k));
      ASSERT_TRUE(t);
      expect_intact(*t);
      ASSERT_TRUE(side.try_append(*t));  // side collects the tails
    } else if (what < 85) {
      ASSERT_TRUE(m.try_append(side));
    } else if (what < 87) {
      auto c = m.try_clone();
      ASSERT_TRUE(c);
      EXPECT_EQ(c->size(), m.size());
      expect_intact(*c);
    } else if (what < 89) {
      if (!m.empty()) {
        std::size_t skip = r.below(m.size()), len = r.below(20);
        auto first = m.begin();
        while (skip-- > 0) ++first;
        auto last = first;
        while (len-- > 0 && last != m.end()) ++last;
        (void)m.erase(first, last);
      }
    } else {
      auto cur = m.lower_bound_cursor(bare::included(counted(k)));
      for (int i = 0; i < 5; ++i) (void)(r.chance(50) ? cur.next() : cur.prev());
      if (r.chance(50)) (void)cur.remove_next();
      else (void)cur.remove_prev();
    }
    expect_intact(m);
    expect_intact(side);
    max_size = std::max(max_size, m.size());
    max_height = std::max(max_height, m.height());
    if (::testing::Test::HasFailure()) return;
  }
  std::printf("[  stats   ] max size %zu, max height %zu\n", max_size, max_height);
}

TEST(BtreeChaos, RandomComparatorCapacity3) { chaos_map<3>(100, 3000); }
TEST(BtreeChaos, RandomComparatorDefaultCapacity) { chaos_map<bare::detail::btree::default_capacity<counted, counted>()>(100, 3000); }
TEST(BtreeChaos, MostlyConsistentCapacity4) { chaos_map<4>(3, 4000); }
TEST(BtreeChaos, MostlyConsistentCapacity3) { chaos_map<3>(1, 4000); }

TEST(BtreeChaos, SetWithRandomComparator) {
  using S = bare::btree_set<counted, chaos_less, bare::global, 3>;
  bare_test::rng r(bare_test::test_seed());
  bare_test::rng cr(bare_test::test_seed() ^ 1);
  S s(chaos_less{&cr, 50});
  for (int step = 0; step < 3000; ++step) {
    const int k = r.between(0, 200);
    switch (r.below(5)) {
      case 0: case 1: ASSERT_TRUE(s.try_insert(counted(k))); break;
      case 2: (void)s.take(counted(k)); break;
      case 3: {
        auto t = s.try_split_off(counted(k));
        ASSERT_TRUE(t);
        ASSERT_TRUE(s.try_append(*t));
        break;
      }
      default: (void)s.remove(counted(k)); break;
    }
    expect_intact(s);
    if (::testing::Test::HasFailure()) return;
  }
}

// A key whose <, == and <=> answer at random: the default comparator (bare::less) then takes
// the three-way search path (search.hpp), which must stay in bounds too.
struct chaos_key {
  static inline bare_test::rng* r = nullptr;
  int v;
  friend bool operator<(const chaos_key&, const chaos_key&) { return r->chance(50); }
  friend bool operator==(const chaos_key&, const chaos_key&) { return r->chance(30); }
  friend std::strong_ordering operator<=>(const chaos_key&, const chaos_key&) {
    const auto x = r->below(3);
    return x == 0 ? std::strong_ordering::less : x == 1 ? std::strong_ordering::equal : std::strong_ordering::greater;
  }
};

TEST(BtreeChaos, RandomThreeWayComparison) {
  bare_test::rng cr(bare_test::test_seed());
  chaos_key::r = &cr;
  bare::btree_map<chaos_key, counted, bare::less<chaos_key>, bare::global, 3> m;
  static_assert(bare::detail::btree::search_is_three_way<chaos_key, bare::less<chaos_key>, chaos_key>);
  for (int i = 0; i < 3000; ++i) {
    const chaos_key k{i};
    switch (cr.below(6)) {
      case 0: case 1: case 2: ASSERT_TRUE(m.try_insert(k, counted(i))); break;
      case 3: (void)m.erase(k); break;
      case 4: (void)m.find(k); (void)m.get(k); (void)m.contains(k); (void)(k == k); break;
      default: (void)m.pop_first(); break;
    }
    expect_intact(m);
    if (::testing::Test::HasFailure()) return;
  }
}

// The operations that may panic: in a child process, which must end by finishing (exit 0) or
// by a panic (exit panic_exit), not by a sanitizer report or a crash.
bool finished_or_panicked(int status) {
  return WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == bare_test::panic_exit);
}

template <std::size_t C>
void panicky_ops(int seed_mix) {
  using M = bare::btree_map<counted, counted, chaos_less, bare::global, C>;
  bare_test::rng cr(bare_test::test_seed() ^ static_cast<std::uint64_t>(seed_mix));
  M m(chaos_less{&cr, 100});
  for (int i = 0; i < 400; ++i) (void)m.try_insert(counted(i), counted(i));
  for (int i = 0; i < 200; ++i) {
    const counted lo(i), hi(i + 50);
    std::size_t n = 0;
    switch (i % 4) {
      case 0:
        for (auto e : m.range(bare::included(lo), bare::excluded(hi))) n += val(e.first) >= 0;
        break;
      case 1:
        for (auto e : m.equal_range(lo)) n += val(e.first) >= 0;
        break;
      case 2: {
        auto c = m.lower_bound_cursor(bare::excluded(lo));
        (void)c.try_insert_after(counted(1000 + i), counted(0));
        break;
      }
      default: {
        std::vector<std::pair<counted, counted>> src;
        for (int j = 0; j < 100; ++j) src.emplace_back(counted(j), counted(j));
        (void)M::try_from_sorted(src.begin(), src.end(), chaos_less{&cr, 100});
        break;
      }
    }
    if (n > m.size()) std::_Exit(3);  // a range longer than the map: memory was overrun
  }
  std::_Exit(0);
}

constexpr std::size_t default_cap = bare::detail::btree::default_capacity<counted, counted>();

TEST(BtreeChaosDeathTest, RangesCursorsAndBulkBuildFinishOrPanic) {
  bare_test::panic_handler_guard g(bare_test::exiting_panic_handler);
  for (int mix = 0; mix < 6; ++mix) {
    EXPECT_EXIT(panicky_ops<3>(mix), finished_or_panicked, "") << "mix " << mix;
    EXPECT_EXIT(panicky_ops<default_cap>(mix), finished_or_panicked, "") << "mix " << mix;
  }
}

}  // namespace
