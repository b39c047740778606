// Differential test of bare::vec against std::vector (the model): long seeded random sequences
// of operations on ints and on counted, compared after every step.
//
// Two modes:
//   - plain: every allocation succeeds (the global allocator); every operation must succeed;
//   - failing: the vec's allocator fails ~10% of attempts at random. An operation that reports
//     a failure must leave the vec exactly as before (same elements, same capacity, same
//     block), so on failure the model is simply not changed.
// A second vec/model pair (`side`) takes split_off tails and clones, and is appended back.
//
// Replay a failure with the seed it prints: BARE_TEST_SEED=<n> ./bare_model_tests
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "bare/vec.hpp"
#include "model/model_support.hpp"
#include "support/rng.hpp"
#include "support/tracked.hpp"

namespace {

using bare_test::counted;
using bare_test::random_failing;
using bare_test::mk;
using bare_test::val;
using bare_test::values;

enum op : int {
  push, pop, insert_one, insert_copies, insert_span, erase_one, erase_range, remove_at, swap_remove,
  resize_default, resize_value, truncate, clear, retain, retain_mut, dedup, dedup_by_key, split_off,
  append, drain, extract_if, shrink_to_fit, shrink_to, reserve, reserve_exact, clone, assign_from,
  extend_span, extend_iter, sort, n_ops
};
const char* const op_names[] = {
  "push", "pop", "insert_one", "insert_copies", "insert_span", "erase_one", "erase_range", "remove_at",
  "swap_remove", "resize_default", "resize_value", "truncate", "clear", "retain", "retain_mut", "dedup",
  "dedup_by_key", "split_off", "append", "drain", "extract_if", "shrink_to_fit", "shrink_to", "reserve",
  "reserve_exact", "clone", "assign_from", "extend_span", "extend_iter", "sort"};
static_assert(sizeof(op_names) / sizeof(op_names[0]) == n_ops);

template <class T, class A>
class model_run {
 public:
  using V = bare::vec<T, A>;

  model_run(std::uint64_t seed, A a, bool may_fail) : r_(seed), v_(a), side_(a), may_fail_(may_fail) {}

  // Runs `steps` random operations; stops at the first divergence.
  void run(int steps) {
    for (int step = 0; step < steps; ++step) {
      const op o = pick_();
      SCOPED_TRACE("step " + std::to_string(step) + ": " + op_names[o] + ", size " + std::to_string(m_.size()));
      const std::size_t cap = v_.capacity();
      const T* data = v_.data();
      const bool ok = apply_(o);
      if (!ok) {
        ASSERT_TRUE(may_fail_) << "an operation failed although no failure can be injected";
        ++failed_ops;
        // Strong guarantee: exactly as before, including the block.
        ASSERT_EQ(v_.capacity(), cap) << "capacity changed by a failed operation";
        ASSERT_EQ(v_.data(), data) << "block changed by a failed operation";
      } else {
        ++ok_ops;
      }
      check_();
      if (::testing::Test::HasFatalFailure()) return;
    }
  }

  std::size_t ok_ops = 0, failed_ops = 0;

 private:
  op pick_() {
    // Keep sizes mostly between a few dozen and a few hundred: grow while small, shrink while
    // large (the removing operations take small bites, see range_()).
    static constexpr op growing[] = {push, extend_span, extend_iter, insert_span, insert_copies, resize_value};
    const std::size_t n = m_.size();
    if (n > 400 && r_.chance(50)) return r_.chance(50) ? erase_range : truncate;
    if (n < 64 && r_.chance(40)) return growing[r_.below(sizeof growing / sizeof growing[0])];
    return static_cast<op>(r_.below(n_ops));
  }
  // A random range [a, b) of at most 16 elements.
  std::pair<std::size_t, std::size_t> range_(std::size_t n) {
    const std::size_t a = index_(n + 1);
    return {a, std::min(n, a + index_(17))};
  }
  // A random new size near n.
  std::size_t near_(std::size_t n) { return n < 8 ? index_(n + 10) : n - 8 + index_(17); }
  int value_() { return r_.between(0, 20); }  // small values: dedup and retain matter
  std::size_t index_(std::size_t n) { return static_cast<std::size_t>(r_.below(n)); }
  std::vector<T> fresh_(std::size_t n) {
    std::vector<T> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back(mk<T>(value_()));
    return out;
  }

  // Applies o to the vec and, if it succeeded, to the model. Returns false iff the vec
  // reported an allocation failure.
  bool apply_(op o) {
    const std::size_t n = m_.size();
    switch (o) {
      case push: {
        const int x = value_();
        if (!v_.try_push_back(mk<T>(x))) return false;
        m_.push_back(x);
        return true;
      }
      case pop:
        if (n == 0) {
          EXPECT_FALSE(v_.pop().has_value());
        } else if (r_.chance(50)) {
          v_.pop_back();
          m_.pop_back();
        } else {
          auto p = v_.pop();
          EXPECT_TRUE(p.has_value());
          if (p) {
            EXPECT_EQ(val(*p), m_.back());
          }
          m_.pop_back();
        }
        return true;
      case insert_one: {
        const std::size_t at = index_(n + 1);
        const int x = value_();
        if (n != 0 && r_.chance(30)) {  // an element of the vec itself
          const std::size_t k = index_(n);
          if (!v_.try_insert(v_.begin() + static_cast<std::ptrdiff_t>(at), v_[k])) return false;
          m_.insert(m_.begin() + static_cast<std::ptrdiff_t>(at), m_[k]);
          return true;
        }
        if (!v_.try_insert(v_.begin() + static_cast<std::ptrdiff_t>(at), mk<T>(x))) return false;
        m_.insert(m_.begin() + static_cast<std::ptrdiff_t>(at), x);
        return true;
      }
      case insert_copies: {
        const std::size_t at = index_(n + 1), count = index_(6);
        const bool own = n != 0 && r_.chance(30);
        const std::size_t k = own ? index_(n) : 0;
        const int x = own ? m_[k] : value_();
        const T tx = mk<T>(x);
        auto r = v_.try_insert(v_.begin() + static_cast<std::ptrdiff_t>(at), count, own ? v_[k] : tx);
        if (!r) return false;
        EXPECT_EQ(*r, v_.begin() + static_cast<std::ptrdiff_t>(at));
        m_.insert(m_.begin() + static_cast<std::ptrdiff_t>(at), count, x);
        return true;
      }
      case insert_span: {
        const std::size_t at = index_(n + 1);
        std::vector<T> src = fresh_(index_(8));
        if (!v_.try_insert(v_.begin() + static_cast<std::ptrdiff_t>(at), std::span<const T>(src))) return false;
        const auto sv = values(src);
        m_.insert(m_.begin() + static_cast<std::ptrdiff_t>(at), sv.begin(), sv.end());
        return true;
      }
      case erase_one:
        if (n == 0) return true;
        {
          const std::size_t at = index_(n);
          auto it = v_.erase(v_.begin() + static_cast<std::ptrdiff_t>(at));
          EXPECT_EQ(it, v_.begin() + static_cast<std::ptrdiff_t>(at));
          m_.erase(m_.begin() + static_cast<std::ptrdiff_t>(at));
        }
        return true;
      case erase_range: {
        const auto [a, b] = range_(n);
        v_.erase(v_.begin() + static_cast<std::ptrdiff_t>(a), v_.begin() + static_cast<std::ptrdiff_t>(b));
        m_.erase(m_.begin() + static_cast<std::ptrdiff_t>(a), m_.begin() + static_cast<std::ptrdiff_t>(b));
        return true;
      }
      case remove_at:
        if (n == 0) return true;
        {
          const std::size_t at = index_(n);
          T x = v_.remove(at);
          EXPECT_EQ(val(x), m_[at]);
          m_.erase(m_.begin() + static_cast<std::ptrdiff_t>(at));
        }
        return true;
      case swap_remove:
        if (n == 0) return true;
        {
          const std::size_t at = index_(n);
          T x = v_.swap_remove(at);
          EXPECT_EQ(val(x), m_[at]);
          m_[at] = m_.back();
          m_.pop_back();
        }
        return true;
      case resize_default: {
        const std::size_t to = near_(n);
        if (!v_.try_resize(to)) return false;
        m_.resize(to, 0);
        return true;
      }
      case resize_value: {
        const std::size_t to = near_(n);
        const int x = value_();
        if (!v_.try_resize(to, mk<T>(x))) return false;
        m_.resize(to, x);
        return true;
      }
      case truncate: {
        const std::size_t to = near_(n);
        v_.truncate(to);
        if (to < n) m_.resize(to);
        return true;
      }
      case clear:
        if (!r_.chance(20)) return true;  // rare: it empties everything
        v_.clear();
        m_.clear();
        return true;
      case retain: {
        const int k = r_.between(3, 21);
        v_.retain([k](const T& x) { return val(x) % k != 0; });
        std::erase_if(m_, [k](int x) { return x % k == 0; });
        return true;
      }
      case retain_mut: {
        const int k = r_.between(3, 21);
        v_.retain_mut([k](T& x) {
          if (val(x) % k == 0) return false;
          x = mk<T>(val(x) + 1);
          return true;
        });
        std::erase_if(m_, [k](int x) { return x % k == 0; });
        for (int& x : m_) ++x;
        return true;
      }
      case dedup:
        v_.dedup();
        m_.erase(std::unique(m_.begin(), m_.end()), m_.end());
        return true;
      case dedup_by_key:
        v_.dedup_by_key([](const T& x) { return val(x) / 4; });
        m_.erase(std::unique(m_.begin(), m_.end(), [](int a, int b) { return a / 4 == b / 4; }), m_.end());
        return true;
      case split_off: {
        const std::size_t at = n - index_(std::min<std::size_t>(n, 24) + 1);
        auto r = v_.try_split_off(at);
        if (!r) return false;
        EXPECT_EQ(r->capacity(), n - at);
        side_ = std::move(*r);
        side_m_.assign(m_.begin() + static_cast<std::ptrdiff_t>(at), m_.end());
        m_.resize(at);
        return true;
      }
      case append: {
        const std::size_t side_cap = side_.capacity();
        if (!v_.try_append(side_)) {
          EXPECT_EQ(side_.capacity(), side_cap);
          return false;
        }
        EXPECT_TRUE(side_.empty());
        m_.insert(m_.end(), side_m_.begin(), side_m_.end());
        side_m_.clear();
        return true;
      }
      case drain: {
        const auto [a, b] = range_(n);
        const std::size_t take = index_(b - a + 1);  // consume only the first `take`
        std::vector<int> got;
        {
          auto d = v_.drain(a, b);
          EXPECT_EQ(d.size(), b - a);
          for (T& x : d) {
            if (got.size() == take) break;
            T moved = std::move(x);
            got.push_back(val(moved));
          }
        }
        EXPECT_EQ(got, std::vector<int>(m_.begin() + static_cast<std::ptrdiff_t>(a),
                                        m_.begin() + static_cast<std::ptrdiff_t>(a + take)));
        m_.erase(m_.begin() + static_cast<std::ptrdiff_t>(a), m_.begin() + static_cast<std::ptrdiff_t>(b));
        return true;
      }
      case extract_if: {
        const int k = r_.between(2, 6);
        const std::size_t limit = index_(10);  // extract at most this many, then stop
        std::vector<int> got;
        {
          auto range = v_.extract_if([k](T& x) { return val(x) % k == 0; });
          for (auto it = range.begin(); it != range.end(); ++it) {
            got.push_back(val(*it));
            if (got.size() == limit) break;
          }
        }
        // Model: remove the first `got.size()` matches, keep the rest.
        std::vector<int> kept, want_got;
        for (int x : m_) {
          if (x % k == 0 && want_got.size() < got.size()) want_got.push_back(x);
          else kept.push_back(x);
        }
        EXPECT_EQ(got, want_got);
        m_ = kept;
        return true;
      }
      case shrink_to_fit:
        if (!v_.try_shrink_to_fit()) return false;
        EXPECT_EQ(v_.capacity(), n);
        return true;
      case shrink_to: {
        const std::size_t to = index_(n + 20), cap = v_.capacity();
        if (!v_.try_shrink_to(to)) return false;
        EXPECT_EQ(v_.capacity(), std::min(cap, std::max(to, n)));
        return true;
      }
      case reserve: {
        const std::size_t add = index_(64);
        if (!v_.try_reserve(add)) return false;
        EXPECT_GE(v_.capacity(), n + add);
        return true;
      }
      case reserve_exact: {
        const std::size_t add = index_(64), cap = v_.capacity();
        if (!v_.try_reserve_exact(add)) return false;
        EXPECT_EQ(v_.capacity(), std::max(cap, n + add));
        return true;
      }
      case clone: {
        auto c = v_.try_clone();
        if (!c) return false;
        EXPECT_TRUE(*c == v_);
        if (r_.chance(50)) {
          side_ = std::move(*c);
          side_m_ = m_;
        }
        return true;
      }
      case assign_from: {
        // From the side vec, from a fresh std::vector, or from a part of itself.
        unsigned from = static_cast<unsigned>(r_.below(3));
        if (from == 0 && side_m_.size() + 16 < n) from = 1;  // keep sizes up
        if (from == 0) {
          if (!v_.try_assign_from(side_.as_span())) return false;
          m_ = side_m_;
        } else if (from == 1) {
          std::vector<T> src = fresh_(near_(n));
          if (!v_.try_assign_from(std::span<const T>(src))) return false;
          m_ = values(src);
        } else {
          const std::size_t a = index_(std::min<std::size_t>(n, 16) + 1), b = n - index_(n - a + 1) / 8;
          if (!v_.try_assign_from(std::span<const T>(v_.data() + a, b - a))) return false;
          m_ = std::vector<int>(m_.begin() + static_cast<std::ptrdiff_t>(a), m_.begin() + static_cast<std::ptrdiff_t>(b));
        }
        return true;
      }
      case extend_span: {
        if (n != 0 && r_.chance(25)) {  // a part of itself
          std::size_t a = index_(n + 1), b = index_(n + 1);
          if (a > b) std::swap(a, b);
          if (!v_.try_extend_from(std::span<const T>(v_.data() + a, b - a))) return false;
          m_.insert(m_.end(), m_.begin() + static_cast<std::ptrdiff_t>(a), m_.begin() + static_cast<std::ptrdiff_t>(b));
          return true;
        }
        std::vector<T> src = fresh_(index_(12));
        if (!v_.try_extend_from(std::span<const T>(src))) return false;
        const auto sv = values(src);
        m_.insert(m_.end(), sv.begin(), sv.end());
        return true;
      }
      case extend_iter: {
        std::vector<T> src = fresh_(index_(12));
        if (!v_.try_extend_from(src.cbegin(), src.cend())) return false;
        const auto sv = values(src);
        m_.insert(m_.end(), sv.begin(), sv.end());
        return true;
      }
      case sort:
        std::sort(v_.begin(), v_.end());
        std::sort(m_.begin(), m_.end());
        return true;
      case n_ops:
        break;
    }
    ADD_FAILURE() << "unknown op";
    return true;
  }

  void check_() {
    ASSERT_EQ(values(v_), m_);
    ASSERT_EQ(values(side_), side_m_) << "(the side vec)";
    ASSERT_LE(v_.size(), v_.capacity());
    ASSERT_EQ(v_.capacity() == 0, v_.data() == nullptr);
    if constexpr (std::is_same_v<T, counted>) {
      ASSERT_EQ(counted::live, static_cast<long>(m_.size() + side_m_.size())) << "counted instances leaked or lost";
      ASSERT_EQ(counted::errors, 0) << "double destruction or use of a dead element";
    }
  }

  bare_test::rng r_;
  V v_;
  V side_;
  std::vector<int> m_, side_m_;
  bool may_fail_;
};

constexpr int sequences = 4;
constexpr int steps = 5000;

template <class T>
void plain_runs() {
  const std::uint64_t base = bare_test::test_seed();
  for (int s = 0; s < sequences; ++s) {
    const std::uint64_t seed = base + static_cast<std::uint64_t>(s);
    SCOPED_TRACE("sequence seed " + std::to_string(seed) + " (BARE_TEST_SEED=" + std::to_string(bare_test::base_seed()) + ")");
    model_run<T, bare::global> run(seed, bare::global{}, false);
    run.run(steps);
    if (::testing::Test::HasFatalFailure()) return;
    EXPECT_EQ(run.failed_ops, 0u);
  }
}

template <class T>
void failing_runs() {
  const std::uint64_t base = bare_test::test_seed();
  std::size_t failed = 0, ok = 0;
  for (int s = 0; s < sequences; ++s) {
    const std::uint64_t seed = base + static_cast<std::uint64_t>(s);
    SCOPED_TRACE("sequence seed " + std::to_string(seed) + " (BARE_TEST_SEED=" + std::to_string(bare_test::base_seed()) + ")");
    random_failing alloc(seed ^ 0xFA11FA11FA11FA11ull, 10);
    {
      model_run<T, bare::by_ref<random_failing>> run(seed, bare::by_ref<random_failing>(alloc), true);
      run.run(steps);
      failed += run.failed_ops;
      ok += run.ok_ops;
      if (::testing::Test::HasFatalFailure()) return;
    }
    EXPECT_EQ(alloc.live, 0) << "blocks leaked";
  }
  // The runs meant something: failures were injected, and most operations still succeeded.
  EXPECT_GT(failed, 50u);
  EXPECT_GT(ok, failed);
}

TEST(VecModel, Ints) { plain_runs<int>(); }
TEST(VecModel, Counted) { plain_runs<counted>(); }
TEST(VecModel, IntsWithRandomAllocationFailures) { failing_runs<int>(); }
TEST(VecModel, CountedWithRandomAllocationFailures) { failing_runs<counted>(); }

}  // namespace
