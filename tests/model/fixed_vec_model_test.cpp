// Differential test of fixed_vec<T, 24> (and of vec_view<T> over it, and of small_vec<T, 6>)
// against the heap twin bare::vec<T> and std::vector<int>: long seeded random sequences of
// operations, each applied to all of them through the same generic code. The heap vec always
// succeeds; the fixed one must succeed iff the result fits in 24 and otherwise report
// alloc_errc::full and stay exactly as before (elements, live instances). After every step all
// must hold the model's values.
//
// Replay a failure with the seed it prints: BARE_TEST_SEED=<n> ./bare_fixed_tests
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "bare/fixed_vec.hpp"
#include "bare/small_vec.hpp"
#include "bare/vec.hpp"
#include "bare/vec_view.hpp"
#include "support/rng.hpp"
#include "support/tracked.hpp"

namespace {

using bare_test::counted;
using bare_test::counting_end;
using bare_test::counting_input;
using bare_test::mk;
using bare_test::val;
using bare_test::values;

constexpr std::size_t N = 24;

enum op : int {
  push, emplace, insert_one, insert_own, insert_copies, insert_span, extend_span, extend_iter, resize_default,
  resize_value, erase_one, erase_range, remove_at, swap_remove, truncate, retain, dedup, pop, drain, assign_from,
  append, split_append, n_ops
};
const char* const op_names[] = {"push", "emplace", "insert_one", "insert_own", "insert_copies", "insert_span",
                                "extend_span", "extend_iter", "resize_default", "resize_value", "erase_one",
                                "erase_range", "remove_at", "swap_remove", "truncate", "retain", "dedup", "pop",
                                "drain", "assign_from", "append", "split_append"};
static_assert(sizeof(op_names) / sizeof(op_names[0]) == n_ops);

template <class T>
class run {
 public:
  explicit run(std::uint64_t seed) : r_(seed) {}

  void go(int steps) {
    for (int step = 0; step < steps; ++step) {
      const op o = static_cast<op>(r_.below(n_ops));
      SCOPED_TRACE("step " + std::to_string(step) + ": " + op_names[o] + ", size " + std::to_string(heap_.size()));
      step_(o);
      if (::testing::Test::HasFatalFailure()) return;
    }
    EXPECT_GT(refused, 10u) << "the sequence should have hit the full condition";
    EXPECT_GT(accepted, refused);
  }

  std::size_t refused = 0, accepted = 0;

 private:
  int value_() { return r_.between(0, 9); }
  std::size_t index_(std::size_t n) { return static_cast<std::size_t>(r_.below(n)); }

  // Applies f (a generic lambda returning bool: success) to the heap twin, then to the fixed
  // vec directly or through a view, or to the small_vec; compares.
  template <class F>
  void apply_(F f) {
    const std::vector<int> before = values(fixed_);
    const long live_before = counted::live;
    const bool heap_ok = f(heap_);
    ASSERT_TRUE(heap_ok) << "the heap twin cannot fail here";
    const bool fits = heap_.size() <= N;
    bool fixed_ok;
    if (r_.chance(50)) {
      fixed_ok = f(fixed_);
    } else {
      bare::vec_view<T> v = fixed_;
      fixed_ok = f(v);
    }
    const bool small_ok = f(small_);
    ASSERT_TRUE(small_ok) << "small_vec grows";
    if (fits) {
      ASSERT_TRUE(fixed_ok) << "the result fits in N but the fixed vec refused";
      ++accepted;
    } else {
      ASSERT_FALSE(fixed_ok) << "the result does not fit in N but the fixed vec accepted";
      ASSERT_EQ(last_error_, bare::alloc_errc::full);
      ASSERT_EQ(values(fixed_), before) << "a refused operation changed the fixed vec";
      ++refused;
      // Bring the heap twin and the small one back to the fixed vec's state.
      heap_.clear();
      small_.clear();
      for (int x : before) {
        ASSERT_TRUE(heap_.try_push_back(mk<T>(x)));
        ASSERT_TRUE(small_.try_push_back(mk<T>(x)));
      }
    }
    (void)live_before;
    ASSERT_EQ(values(fixed_), values(heap_));
    ASSERT_EQ(values(small_), values(heap_));
    ASSERT_LE(fixed_.size(), N);
    if constexpr (std::is_same_v<T, counted>) {
      ASSERT_EQ(counted::live, static_cast<long>(heap_.size() + fixed_.size() + small_.size() + extra_live_));
      ASSERT_EQ(counted::errors, 0);
    }
  }
  template <class R>
  bool ok_(const R& r) {
    if (!r) last_error_ = r.error().kind;
    return static_cast<bool>(r);
  }

  void step_(op o) {
    const std::size_t n = heap_.size();
    const int x = value_();
    switch (o) {
      case push: apply_([&](auto& v) { return ok_(v.try_push_back(mk<T>(x))); }); break;
      case emplace: apply_([&](auto& v) { return ok_(v.try_emplace_back(x)); }); break;
      case insert_one: {
        const std::size_t at = index_(n + 1);
        apply_([&](auto& v) { return ok_(v.try_insert(v.begin() + at, mk<T>(x))); });
        break;
      }
      case insert_own:
        if (n != 0) {
          const std::size_t at = index_(n + 1), k = index_(n);
          apply_([&](auto& v) { return ok_(v.try_insert(v.begin() + at, v[k])); });
        }
        break;
      case insert_copies: {
        const std::size_t at = index_(n + 1), c = index_(7);
        const bool own = n != 0 && r_.chance(40);
        const std::size_t k = own ? index_(n) : 0;
        const T tx = mk<T>(x);
        ++extra_live_;
        apply_([&](auto& v) { return ok_(v.try_insert(v.begin() + at, c, own ? v[k] : tx)); });
        --extra_live_;
        break;
      }
      case insert_span: {
        const std::size_t at = index_(n + 1), c = index_(7);
        std::vector<T> src;
        for (std::size_t i = 0; i < c; ++i) src.push_back(mk<T>(value_()));
        extra_live_ += c;
        apply_([&](auto& v) { return ok_(v.try_insert(v.begin() + at, std::span<const T>(src))); });
        extra_live_ -= c;
        break;
      }
      case extend_span: {
        if (n != 0 && r_.chance(30)) {  // a part of itself
          const std::size_t a = index_(n), b = a + index_(n - a + 1);
          apply_([&](auto& v) { return ok_(v.try_extend_from(std::span<const T>(v.data() + a, b - a))); });
          break;
        }
        const std::size_t c = index_(9);
        std::vector<T> src;
        for (std::size_t i = 0; i < c; ++i) src.push_back(mk<T>(value_()));
        extra_live_ += c;
        apply_([&](auto& v) { return ok_(v.try_extend_from(std::span<const T>(src))); });
        extra_live_ -= c;
        break;
      }
      case extend_iter: {
        const int c = static_cast<int>(index_(9));
        apply_([&](auto& v) { return ok_(v.try_extend_from(counting_input<T>{x}, counting_end{x + c})); });
        break;
      }
      case resize_default: {
        const std::size_t to = n < 4 ? index_(n + 8) : n - 4 + index_(9);
        apply_([&](auto& v) { return ok_(v.try_resize(to)); });
        break;
      }
      case resize_value: {
        const std::size_t to = n < 4 ? index_(n + 8) : n - 4 + index_(9);
        const T tx = mk<T>(x);
        ++extra_live_;
        apply_([&](auto& v) { return ok_(v.try_resize(to, tx)); });
        --extra_live_;
        break;
      }
      case erase_one:
        if (n != 0) {
          const std::size_t at = index_(n);
          apply_([&](auto& v) { return v.erase(v.begin() + at) == v.begin() + at; });
        }
        break;
      case erase_range: {
        const std::size_t a = index_(n + 1), b = a + index_(std::min<std::size_t>(n - a, 5) + 1);
        apply_([&](auto& v) { return v.erase(v.begin() + a, v.begin() + b) == v.begin() + a; });
        break;
      }
      case remove_at:
        if (n != 0) {
          const std::size_t at = index_(n);
          const int want = val(heap_[at]);
          apply_([&](auto& v) { return val(v.remove(at)) == want; });
        }
        break;
      case swap_remove:
        if (n != 0) {
          const std::size_t at = index_(n);
          const int want = val(heap_[at]);
          apply_([&](auto& v) { return val(v.swap_remove(at)) == want; });
        }
        break;
      case truncate: {
        const std::size_t to = index_(n + 2);
        apply_([&](auto& v) {
          v.truncate(to);
          return true;
        });
        break;
      }
      case retain:
        apply_([&](auto& v) {
          v.retain([x](const T& e) { return val(e) != x; });
          return true;
        });
        break;
      case dedup:
        apply_([&](auto& v) {
          v.dedup();
          return true;
        });
        break;
      case pop:
        apply_([&](auto& v) {
          if (v.empty()) return !v.pop().has_value();
          v.pop_back();
          return true;
        });
        break;
      case drain: {
        const std::size_t a = index_(n + 1), b = a + index_(n - a + 1);
        apply_([&](auto& v) {
          std::size_t seen = 0;
          {
            auto d = v.drain(a, b);
            for (T& e : d) seen += val(e) >= 0;
          }
          return seen == b - a;
        });
        break;
      }
      case assign_from: {
        const std::size_t c = index_(30);
        std::vector<T> src;
        for (std::size_t i = 0; i < c; ++i) src.push_back(mk<T>(value_()));
        extra_live_ += c;
        apply_([&](auto& v) { return ok_(v.try_assign_from(std::span<const T>(src))); });
        extra_live_ -= c;
        break;
      }
      case append: {
        const std::size_t c = index_(6);
        apply_([&](auto& v) {
          bare::vec<T> other;
          for (std::size_t i = 0; i < c; ++i)
            if (!other.try_push_back(mk<T>(static_cast<int>(i)))) return false;
          const std::size_t before = v.size();
          auto r = v.try_append(other);
          if (r) return other.empty() && v.size() == before + c;
          last_error_ = r.error().kind;
          return false;
        });
        break;
      }
      case split_append: {
        const std::size_t at = index_(n + 1);
        {
          auto tail = fixed_.split_off(at);
          EXPECT_EQ(fixed_.size(), at);
          ASSERT_TRUE(fixed_.try_append(tail));
        }
        {
          auto tail = heap_.try_split_off(at);
          ASSERT_TRUE(tail);
          ASSERT_TRUE(heap_.try_append(*tail));
        }
        {
          auto tail = small_.try_split_off(at);
          ASSERT_TRUE(tail);
          ASSERT_TRUE(small_.try_append(*tail));
        }
        ASSERT_EQ(values(fixed_), values(heap_));
        break;
      }
      case n_ops: break;
    }
  }

  bare_test::rng r_;
  bare::vec<T> heap_;
  bare::fixed_vec<T, N> fixed_;
  bare::small_vec<T, 6> small_;
  std::size_t extra_live_ = 0;  // counted instances held by the step itself
  bare::alloc_errc last_error_ = bare::alloc_errc::out_of_memory;
};

template <class T>
void runs(int sequences, int steps) {
  const std::uint64_t base = bare_test::test_seed();
  for (int s = 0; s < sequences; ++s) {
    const std::uint64_t seed = base + static_cast<std::uint64_t>(s);
    SCOPED_TRACE("sequence seed " + std::to_string(seed));
    run<T> r(seed);
    r.go(steps);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

TEST(FixedVecModel, Ints) { runs<int>(20, 2000); }
TEST(FixedVecModel, Counted) { runs<counted>(10, 2000); }

}  // namespace
