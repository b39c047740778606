// Differential test: long seeded random operation sequences on bare::vec and std::vector,
// compared after every step. A second run goes through the try_ API on an allocator that
// fails at random: a failed operation must leave the vec exactly as before (the model is not
// changed). Replay with BARE_TEST_SEED=<seed>.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "bare/testing/failing.hpp"
#include "bare/vec.hpp"
#include "support.hpp"

namespace {

// A failing allocator that fails each attempt with probability 1/8 (when armed).
struct flaky {
  static inline bt::rng* r = nullptr;
  static inline bool armed = false;
  void* allocate(bare::layout l) noexcept { return fail_() ? nullptr : bare::global{}.allocate(l); }
  void deallocate(void* p, bare::layout l) noexcept { bare::global{}.deallocate(p, l); }
  void* grow(void* p, bare::layout l, std::size_t n) noexcept {
    return fail_() ? nullptr : bare::global{}.grow(p, l, n);
  }
  static bool fail_() { return armed && r->below(8) == 0; }
};

template <class T, class A>
::testing::AssertionResult same(const bare::vec<T, A>& v, const std::vector<int>& m) {
  if (v.size() != m.size()) return ::testing::AssertionFailure() << "size " << v.size() << " vs " << m.size();
  if (v.capacity() < v.size()) return ::testing::AssertionFailure() << "capacity below size";
  for (std::size_t i = 0; i < m.size(); ++i)
    if (bt::value_of(v[i]) != m[i]) return ::testing::AssertionFailure() << "element " << i;
  return ::testing::AssertionSuccess();
}

// One random step on (v, m); with fallible=true failures must leave both unchanged.
template <class T, class A>
void step(bare::vec<T, A>& v, std::vector<int>& m, bt::rng& r, int& next) {
  const std::size_t n = m.size();
  switch (r.below(16)) {
    case 0: case 1: case 2: {  // push
      const int x = next++;
      if (v.try_push_back(T(x))) m.push_back(x);
      break;
    }
    case 3:
      if (n) {
        v.pop_back();
        m.pop_back();
      }
      break;
    case 4: {  // insert at a random index
      const std::size_t i = r.below(n + 1);
      const int x = next++;
      if (v.try_insert(v.begin() + static_cast<long>(i), T(x))) m.insert(m.begin() + static_cast<long>(i), x);
      break;
    }
    case 5: {  // erase a random range
      const std::size_t a = r.below(n + 1), b = a + r.below(n - a + 1);
      v.erase(v.begin() + static_cast<long>(a), v.begin() + static_cast<long>(b));
      m.erase(m.begin() + static_cast<long>(a), m.begin() + static_cast<long>(b));
      break;
    }
    case 6: {  // resize
      const std::size_t k = r.below(2 * n + 4);
      if (v.try_resize(k)) m.resize(k, 0);
      break;
    }
    case 7: {
      const std::size_t k = r.below(n + 1);
      v.truncate(k);
      m.resize(std::min(k, n));
      break;
    }
    case 8: {  // retain
      const int mod = static_cast<int>(r.below(3)) + 2;
      v.retain([mod](const T& x) { return bt::value_of(x) % mod != 0; });
      std::erase_if(m, [mod](int x) { return x % mod == 0; });
      break;
    }
    case 9: {  // dedup by value / 4
      v.dedup_by([](T& a, T& b) { return bt::value_of(a) / 4 == bt::value_of(b) / 4; });
      m.erase(std::unique(m.begin(), m.end(), [](int a, int b) { return a / 4 == b / 4; }), m.end());
      break;
    }
    case 10: {  // split_off + append
      const std::size_t at = r.below(n + 1);
      auto tail = v.try_split_off(at);
      if (!tail) break;
      if (!v.try_append(*tail)) {
        // append failed: the halves are intact; put the vec back by moving element-wise is
        // not possible without allocating, so the model follows the split.
        m.resize(at);
        break;
      }
      break;
    }
    case 11: {  // drain a range
      const std::size_t a = r.below(n + 1), b = a + r.below(n - a + 1);
      { auto d = v.drain(a, b); }
      m.erase(m.begin() + static_cast<long>(a), m.begin() + static_cast<long>(b));
      break;
    }
    case 12: {  // extract_if odd values
      for (T& x : v.extract_if([](T& e) { return bt::value_of(e) % 2 != 0; })) (void)x;
      std::erase_if(m, [](int x) { return x % 2 != 0; });
      break;
    }
    case 13:
      if (n) {
        const std::size_t i = r.below(n);
        EXPECT_EQ(bt::value_of(v.swap_remove(i)), m[i]);
        m[i] = m.back();
        m.pop_back();
      }
      break;
    case 14:
      (void)v.try_shrink_to_fit();
      break;
    case 15: {
      (void)v.try_reserve(r.below(64));
      auto c = v.try_clone();
      if (c) {
        EXPECT_TRUE(same(*c, m));
        v = static_cast<bare::vec<T, A>&&>(*c);
      }
      break;
    }
  }
}

template <class T, class A>
void run(std::uint64_t seed, bool flaky_alloc) {
  SCOPED_TRACE("seed " + std::to_string(seed) + " (replay with BARE_TEST_SEED)");
  bt::rng r(seed);
  flaky::r = &r;
  flaky::armed = flaky_alloc;
  {
    bare::vec<T, A> v;
    std::vector<int> m;
    int next = 0;
    for (int i = 0; i < 20000; ++i) {
      step(v, m, r, next);
      ASSERT_TRUE(same(v, m)) << "after step " << i;
    }
  }
  flaky::armed = false;
  EXPECT_EQ(bt::counted::live, 0);
  EXPECT_EQ(bt::counted::errors, 0);
}

TEST(VecModel, Ints) { run<int, bare::global>(bt::seed(1), false); }
TEST(VecModel, Counted) { run<bt::counted, bare::global>(bt::seed(2), false); }
TEST(VecModel, IntsFlakyAllocator) { run<int, flaky>(bt::seed(3), true); }
TEST(VecModel, CountedFlakyAllocator) { run<bt::counted, flaky>(bt::seed(4), true); }

}  // namespace
