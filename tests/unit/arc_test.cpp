// arc<T, A> specifics: which count policy it uses, that every count operation of the
// critical-section policy runs inside the hooks (in the build with
// BARE_ATOMICS_VIA_CRITICAL_SECTION, whose hooks are defined here), and small multi-threaded
// checks of the counting rules (the long run under ThreadSanitizer is tests/tsan/arc_stress.cpp).
// Everything else arc shares with rc is in rc_test.cpp, typed over both.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <vector>

#include "support/heap.hpp"
#include "unit/rc_helpers.hpp"

#ifdef BARE_ATOMICS_VIA_CRITICAL_SECTION
// The hooks: a mutex stands in for interrupt masking, so the threaded tests below run through
// them too. They count their calls and check that sections never nest or cross.
namespace {
std::mutex g_section;
std::atomic<long> g_enters{0};
std::atomic<long> g_exits{0};
std::atomic<long> g_inside{0};
std::atomic<long> g_misuse{0};
}  // namespace

extern "C" unsigned bare_critical_section_enter(void) {
  g_section.lock();
  if (g_inside.fetch_add(1) != 0) ++g_misuse;
  ++g_enters;
  return 0x5Au;
}
extern "C" void bare_critical_section_exit(unsigned state) {
  if (state != 0x5Au || g_inside.fetch_sub(1) != 1) ++g_misuse;
  ++g_exits;
  g_section.unlock();
}
#endif

namespace {

using namespace bare_test;  // NOLINT

#if defined(BARE_ATOMICS_VIA_CRITICAL_SECTION)
static_assert(
    std::is_same_v<bare::arc<int>, bare::detail::rc_ptr<int, bare::global, bare::detail::critical_section_counts>>);
#else
static_assert(BARE_HAS_ATOMIC_WORD_RMW == 1);  // every host has them
static_assert(
    std::is_same_v<bare::arc<int>, bare::detail::rc_ptr<int, bare::global, bare::detail::atomic_counts>>);
#endif
static_assert(
    std::is_same_v<bare::rc<int>, bare::detail::rc_ptr<int, bare::global, bare::detail::local_counts>>);

#if defined(BARE_ATOMICS_VIA_CRITICAL_SECTION)
TEST(ArcCriticalSection, EveryCountOperationRunsInsideTheHooks) {
  auto r = bare::try_make_arc<int>(1);
  ASSERT_TRUE(r);
  bare::arc<int> a = std::move(*r);
  auto sections = [] { return g_enters.load(); };
  long n = sections();
  bare::arc<int> b = a;  // add_strong
  EXPECT_EQ(sections() - n, 1);
  n = sections();
  bare::arc_weak<int> w = a.downgrade();
  EXPECT_EQ(sections() - n, 1);
  n = sections();
  bare::arc<int> c = w.upgrade();
  EXPECT_TRUE(c);
  EXPECT_EQ(sections() - n, 1);
  n = sections();
  EXPECT_EQ(a.get_mut(), nullptr);  // is_unique: one section for both counts
  EXPECT_EQ(sections() - n, 1);
  n = sections();
  c.reset();
  b.reset();
  EXPECT_EQ(sections() - n, 2);
  n = sections();
  w.reset();
  EXPECT_EQ(sections() - n, 1);
  n = sections();
  EXPECT_EQ(a.strong_count(), 1u);
  EXPECT_EQ(sections() - n, 1);
  EXPECT_NE(a.get_mut(), nullptr);
  a.reset();  // the last: release_strong, then release_weak
  EXPECT_EQ(g_enters.load(), g_exits.load());
  EXPECT_EQ(g_misuse.load(), 0);
}
#endif

// A payload whose construction and destruction are counted atomically (threads destroy it).
struct payload {
  static inline std::atomic<int> destroyed{0};
  static constexpr std::uint32_t alive = 0xA11CEu;
  std::uint32_t magic = alive;
  int value;
  explicit payload(int v) : value(v) {}
  payload(const payload& o) : value(o.value) {}
  ~payload() {
    if (magic != alive) ADD_FAILURE() << "destroyed twice";
    magic = 0;
    ++destroyed;
  }
};

constexpr int kThreads = 4;

TEST(ArcThreads, ClonesAndDropsFromManyThreads) {
  payload::destroyed = 0;
  const auto before = global_heap_stats();
  {
    auto r = bare::try_make_arc<payload>(42);
    ASSERT_TRUE(r);
    bare::arc<payload> shared = std::move(*r);
    std::vector<std::thread> threads;
    std::atomic<int> bad{0};
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([mine = shared, &bad] {  // each thread starts with its own clone
        for (int i = 0; i < 2000; ++i) {
          bare::arc<payload> c = mine;
          bare::arc_weak<payload> w = c.downgrade();
          bare::arc<payload> u = w.upgrade();
          if (!u || u->value != 42 || u->magic != payload::alive) ++bad;
        }
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(bad.load(), 0);
    EXPECT_EQ(shared.strong_count(), 1u);
    EXPECT_EQ(shared.weak_count(), 0u);
    EXPECT_EQ(payload::destroyed.load(), 0);
  }
  EXPECT_EQ(payload::destroyed.load(), 1);
  EXPECT_EQ(global_heap_stats().live_blocks, before.live_blocks);
}

TEST(ArcThreads, LastDropInAnyThreadDestroysOnce) {
  payload::destroyed = 0;
  for (int round = 0; round < 50; ++round) {
    auto r = bare::try_make_arc<payload>(round);
    ASSERT_TRUE(r);
    bare::arc_weak<payload> w = r->downgrade();
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) threads.emplace_back([mine = *r] { (void)mine->value; });
    r->reset();
    for (auto& t : threads) t.join();
    EXPECT_FALSE(w.upgrade());
  }
  EXPECT_EQ(payload::destroyed.load(), 50);
}

TEST(ArcThreads, IntoInnerGivesTheValueToExactlyOne) {
  for (int round = 0; round < 50; ++round) {
    auto r = bare::try_make_arc<int>(round);
    ASSERT_TRUE(r);
    std::atomic<int> winners{0};
    std::vector<bare::arc<int>> copies(kThreads, *r);
    r->reset();  // only the threads hold it now
    std::vector<std::thread> threads;
    for (auto& c : copies) {
      threads.emplace_back([mine = std::move(c), &winners, round]() mutable {
        std::optional<int> v = std::move(mine).into_inner();
        if (v) {
          EXPECT_EQ(*v, round);
          ++winners;
        }
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(winners.load(), 1);
  }
}

TEST(ArcThreads, UpgradeNeverResurrects) {
  payload::destroyed = 0;
  for (int round = 0; round < 50; ++round) {
    auto r = bare::try_make_arc<payload>(7);
    ASSERT_TRUE(r);
    std::atomic<int> bad{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([w = r->downgrade(), &bad] {
        bool gone = false;
        for (long i = 0; i < 1000000 && !gone; ++i) {
          if (bare::arc<payload> s = w.upgrade()) {
            if (s->magic != payload::alive || s->value != 7) ++bad;
          } else {
            gone = true;
          }
        }
        if (gone && w.upgrade()) ++bad;  // once gone, never back
      });
    }
    r->reset();
    for (auto& t : threads) t.join();
    EXPECT_EQ(bad.load(), 0);
  }
  EXPECT_EQ(payload::destroyed.load(), 50);
}

}  // namespace
