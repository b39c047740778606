// Differential test of bare::vec_deque against std::deque (the model): long seeded random
// sequences of operations on ints and on counted, compared after every step (contents, both
// ends, indexing, iteration, as_slices, the representation check, live instances).
//
// Two modes:
//   - plain: every allocation succeeds (the global allocator); every operation must succeed;
//   - failing: the deque's allocator fails ~10% of attempts at random. An operation that
//     reports a failure must leave the deque exactly as before (same elements, same capacity,
//     same block and layout), so on failure the model is simply not changed.
// A second deque/model pair (`side`) takes split_off tails and clones, and is appended back.
//
// Replay a failure with the seed it prints: BARE_TEST_SEED=<n> ./bare_vec_deque_tests
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "bare/vec_deque.hpp"
#include "model/model_support.hpp"
#include "support/rng.hpp"
#include "support/tracked.hpp"

namespace {

using bare_test::counted;
using bare_test::mk;
using bare_test::val;
using bare_test::values;

enum op : int {
  push_back, push_front, emplace_back, emplace_front, pop_front, pop_back, insert_one, insert_iter,
  erase_one, erase_range, remove_at, swap_remove_front, swap_remove_back, resize_default, resize_value,
  truncate, clear, retain, retain_mut, split_off, append, drain, shrink_to_fit, shrink_to, reserve,
  reserve_exact, clone, extend_span, extend_iter, rotate_left, rotate_right, make_contiguous, sort,
  vec_round_trip, within_capacity, binary_search, swap_side, n_ops
};
const char* const op_names[] = {
  "push_back", "push_front", "emplace_back", "emplace_front", "pop_front", "pop_back", "insert_one",
  "insert_iter", "erase_one", "erase_range", "remove_at", "swap_remove_front", "swap_remove_back",
  "resize_default", "resize_value", "truncate", "clear", "retain", "retain_mut", "split_off", "append",
  "drain", "shrink_to_fit", "shrink_to", "reserve", "reserve_exact", "clone", "extend_span", "extend_iter",
  "rotate_left", "rotate_right", "make_contiguous", "sort", "vec_round_trip", "within_capacity",
  "binary_search", "swap_side"};
static_assert(sizeof(op_names) / sizeof(op_names[0]) == n_ops);

template <class T, class A>
class model_run {
 public:
  using D = bare::vec_deque<T, A>;
  using M = std::deque<int>;

  model_run(std::uint64_t seed, A a, bool may_fail) : r_(seed), d_(a), side_(a), may_fail_(may_fail) {}

  // Runs `steps` random operations; stops at the first divergence.
  void run(int steps) {
    for (int step = 0; step < steps; ++step) {
      const op o = pick_();
      SCOPED_TRACE("step " + std::to_string(step) + ": " + op_names[o] + ", size " + std::to_string(m_.size()));
      const std::size_t cap = d_.capacity();
      const auto slices = d_.as_slices();
      const bool ok = apply_(o);
      if (!ok) {
        ASSERT_TRUE(may_fail_) << "an operation failed although no failure can be injected";
        ++failed_ops;
        // Strong guarantee: exactly as before, including the block and the layout.
        const auto now = d_.as_slices();
        ASSERT_EQ(d_.capacity(), cap) << "capacity changed by a failed operation";
        ASSERT_EQ(now.first.data(), slices.first.data()) << "block or head changed by a failed operation";
        ASSERT_EQ(now.first.size(), slices.first.size());
        ASSERT_EQ(now.second.size(), slices.second.size());
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
    // Sizes mostly between a few dozen and a few hundred: grow while small, shrink while large.
    static constexpr op growing[] = {push_back, push_front, extend_span, extend_iter, insert_one, resize_value};
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
  std::size_t near_(std::size_t n) { return n < 8 ? index_(n + 10) : n - 8 + index_(17); }
  int value_() { return r_.between(0, 40); }
  std::size_t index_(std::size_t n) { return static_cast<std::size_t>(r_.below(n)); }
  static std::ptrdiff_t off_(std::size_t i) { return static_cast<std::ptrdiff_t>(i); }

  // Applies o to the deque and, if it succeeded, to the model. Returns false iff the deque
  // reported an allocation failure.
  bool apply_(op o) {
    const std::size_t n = m_.size();
    switch (o) {
      case push_back:
      case push_front: {
        const bool own = n != 0 && r_.chance(25);  // a copy of one of its own elements
        const std::size_t k = own ? index_(n) : 0;
        const int x = own ? m_[k] : value_();
        if (o == push_back) {
          auto r = own ? d_.try_push_back(d_[k]) : d_.try_push_back(mk<T>(x));
          if (!r) return false;
          EXPECT_EQ(&*r, &d_.back());
          m_.push_back(x);
        } else {
          auto r = own ? d_.try_push_front(d_[k]) : d_.try_push_front(mk<T>(x));
          if (!r) return false;
          EXPECT_EQ(&*r, &d_.front());
          m_.push_front(x);
        }
        return true;
      }
      case emplace_back: {
        const int x = value_();
        if (!d_.try_emplace_back(x)) return false;
        m_.push_back(x);
        return true;
      }
      case emplace_front: {
        const int x = value_();
        if (!d_.try_emplace_front(x)) return false;
        m_.push_front(x);
        return true;
      }
      case pop_front: {
        auto p = d_.pop_front();
        EXPECT_EQ(p.has_value(), n != 0);
        if (n != 0) {
          if (p) {
            EXPECT_EQ(val(*p), m_.front());
          }
          m_.pop_front();
        }
        return true;
      }
      case pop_back: {
        auto p = d_.pop_back();
        EXPECT_EQ(p.has_value(), n != 0);
        if (n != 0) {
          if (p) {
            EXPECT_EQ(val(*p), m_.back());
          }
          m_.pop_back();
        }
        return true;
      }
      case insert_one: {
        const std::size_t at = index_(n + 1);
        const bool own = n != 0 && r_.chance(30);
        const std::size_t k = own ? index_(n) : 0;
        const int x = own ? m_[k] : value_();
        auto r = own ? d_.try_insert(at, d_[k]) : d_.try_insert(at, mk<T>(x));
        if (!r) return false;
        EXPECT_EQ(&*r, &d_[at]);
        m_.insert(m_.begin() + off_(at), x);
        return true;
      }
      case insert_iter: {
        const std::size_t at = index_(n + 1);
        const int x = value_();
        auto r = d_.try_insert(d_.cbegin() + off_(at), mk<T>(x));
        if (!r) return false;
        EXPECT_EQ(*r - d_.begin(), off_(at));
        m_.insert(m_.begin() + off_(at), x);
        return true;
      }
      case erase_one:
        if (n != 0) {
          const std::size_t at = index_(n);
          auto it = d_.erase(d_.begin() + off_(at));
          EXPECT_EQ(it - d_.begin(), off_(at));
          m_.erase(m_.begin() + off_(at));
        }
        return true;
      case erase_range: {
        const auto [a, b] = range_(n);
        auto it = d_.erase(d_.begin() + off_(a), d_.begin() + off_(b));
        EXPECT_EQ(it - d_.begin(), off_(a));
        m_.erase(m_.begin() + off_(a), m_.begin() + off_(b));
        return true;
      }
      case remove_at: {
        const std::size_t at = index_(n + 1);  // n: out of range, nullopt
        auto x = d_.remove(at);
        EXPECT_EQ(x.has_value(), at < n);
        if (at < n) {
          if (x) {
            EXPECT_EQ(val(*x), m_[at]);
          }
          m_.erase(m_.begin() + off_(at));
        }
        return true;
      }
      case swap_remove_front:
      case swap_remove_back: {
        const std::size_t at = index_(n + 1);
        auto x = o == swap_remove_front ? d_.swap_remove_front(at) : d_.swap_remove_back(at);
        EXPECT_EQ(x.has_value(), at < n);
        if (at < n) {
          if (x) {
            EXPECT_EQ(val(*x), m_[at]);
          }
          if (o == swap_remove_front) {
            m_[at] = m_.front();
            m_.pop_front();
          } else {
            m_[at] = m_.back();
            m_.pop_back();
          }
        }
        return true;
      }
      case resize_default: {
        const std::size_t to = near_(n);
        if (!d_.try_resize(to)) return false;
        m_.resize(to, 0);
        return true;
      }
      case resize_value: {
        const std::size_t to = near_(n) + 4;
        const bool own = n != 0 && r_.chance(30);
        const std::size_t k = own ? index_(n) : 0;
        const int x = own ? m_[k] : value_();
        if (!(own ? d_.try_resize(to, d_[k]) : d_.try_resize(to, mk<T>(x)))) return false;
        m_.resize(to, x);
        return true;
      }
      case truncate: {
        const std::size_t to = near_(n);
        d_.truncate(to);
        if (to < n) m_.resize(to);
        return true;
      }
      case clear:
        if (r_.chance(20)) {  // rare: it empties everything
          d_.clear();
          m_.clear();
        }
        return true;
      case retain: {
        const int k = r_.between(3, 21);
        d_.retain([k](const T& x) { return val(x) % k != 0; });
        std::erase_if(m_, [k](int x) { return x % k == 0; });
        return true;
      }
      case retain_mut: {
        const int k = r_.between(3, 21);
        d_.retain_mut([k](T& x) {
          if (val(x) % k == 0) return false;
          x = mk<T>(val(x) + 1);
          return true;
        });
        std::erase_if(m_, [k](int x) { return x % k == 0; });
        for (int& x : m_) ++x;
        return true;
      }
      case split_off: {
        const std::size_t at = n - index_(std::min<std::size_t>(n, 24) + 1);
        auto r = d_.try_split_off(at);
        if (!r) return false;
        EXPECT_EQ(r->capacity(), n - at);
        side_ = std::move(*r);
        side_m_.assign(m_.begin() + off_(at), m_.end());
        m_.resize(at);
        return true;
      }
      case append: {
        const std::size_t side_cap = side_.capacity();
        if (!d_.try_append(side_)) {
          EXPECT_EQ(side_.capacity(), side_cap);
          return false;
        }
        EXPECT_TRUE(side_.empty());
        EXPECT_EQ(side_.capacity(), side_cap);
        m_.insert(m_.end(), side_m_.begin(), side_m_.end());
        side_m_.clear();
        return true;
      }
      case drain: {
        const auto [a, b] = range_(n);
        const std::size_t take = index_(b - a + 1);  // consume only the first `take`
        std::vector<int> got;
        {
          auto dr = d_.drain(a, b);
          EXPECT_EQ(dr.size(), b - a);
          for (T& x : dr) {
            if (got.size() == take) break;
            T moved = std::move(x);
            got.push_back(val(moved));
          }
        }
        EXPECT_EQ(got, std::vector<int>(m_.begin() + off_(a), m_.begin() + off_(a + take)));
        m_.erase(m_.begin() + off_(a), m_.begin() + off_(b));
        return true;
      }
      case shrink_to_fit:
        if (!d_.try_shrink_to_fit()) return false;
        EXPECT_EQ(d_.capacity(), n);
        return true;
      case shrink_to: {
        const std::size_t to = index_(n + 20), cap = d_.capacity();
        if (!d_.try_shrink_to(to)) return false;
        EXPECT_EQ(d_.capacity(), std::min(cap, std::max(to, n)));
        return true;
      }
      case reserve: {
        const std::size_t add = index_(64);
        if (!d_.try_reserve(add)) return false;
        EXPECT_GE(d_.capacity(), n + add);
        return true;
      }
      case reserve_exact: {
        const std::size_t add = index_(64), cap = d_.capacity();
        if (!d_.try_reserve_exact(add)) return false;
        EXPECT_EQ(d_.capacity(), std::max(cap, n + add));
        return true;
      }
      case clone: {
        auto c = d_.try_clone();
        if (!c) return false;
        EXPECT_TRUE(*c == d_);
        EXPECT_EQ(c->capacity(), n);
        if (r_.chance(50)) {
          side_ = std::move(*c);
          side_m_ = m_;
        }
        return true;
      }
      case extend_span: {
        if (n != 0 && r_.chance(30)) {  // a contiguous part of itself
          const auto first = d_.as_slices().first;
          const std::size_t a = index_(first.size() + 1), len = index_(first.size() - a + 1);
          if (!d_.try_extend_from(first.subspan(a, len))) return false;
          const std::vector<int> part(m_.begin() + off_(a), m_.begin() + off_(a + len));
          m_.insert(m_.end(), part.begin(), part.end());
          return true;
        }
        std::vector<T> src;
        for (std::size_t i = index_(12); i > 0; --i) src.push_back(mk<T>(value_()));
        if (!d_.try_extend_from(std::span<const T>(src))) return false;
        for (const T& x : src) m_.push_back(val(x));
        return true;
      }
      case extend_iter: {
        std::vector<T> src;
        for (std::size_t i = index_(12); i > 0; --i) src.push_back(mk<T>(value_()));
        if (!d_.try_extend_from(src.cbegin(), src.cend())) return false;
        for (const T& x : src) m_.push_back(val(x));
        return true;
      }
      case rotate_left:
      case rotate_right: {
        const std::size_t k = index_(n + 1);
        if (o == rotate_left) {
          d_.rotate_left(k);
          std::rotate(m_.begin(), m_.begin() + off_(k), m_.end());
        } else {
          d_.rotate_right(k);
          std::rotate(m_.begin(), m_.end() - off_(k), m_.end());
        }
        return true;
      }
      case make_contiguous: {
        std::span<T> s = d_.make_contiguous();
        EXPECT_EQ(s.size(), n);
        EXPECT_TRUE(d_.as_slices().second.empty());
        return true;
      }
      case sort:
        if (r_.chance(30)) {
          std::sort(d_.begin(), d_.end());
          std::sort(m_.begin(), m_.end());
        }
        return true;
      case vec_round_trip: {
        const std::size_t cap = d_.capacity();
        bare::vec<T, A> v = d_.into_vec();
        EXPECT_EQ(v.capacity(), cap);
        EXPECT_TRUE(d_.empty() && d_.capacity() == 0);
        d_ = D(std::move(v));
        return true;
      }
      case within_capacity: {
        const int x = value_();
        const bool front = r_.chance(50);
        const std::size_t cap = d_.capacity();
        auto r = front ? d_.push_front_within_capacity(mk<T>(x)) : d_.push_back_within_capacity(mk<T>(x));
        EXPECT_EQ(r.has_value(), n < cap);
        EXPECT_EQ(d_.capacity(), cap);
        if (r) {
          if (front) m_.push_front(x);
          else m_.push_back(x);
        } else {
          EXPECT_EQ(r.error().kind, bare::alloc_errc::full);
        }
        return true;
      }
      case binary_search: {
        const int x = value_();
        const bool sorted = std::is_sorted(m_.begin(), m_.end());
        auto r = d_.binary_search(mk<T>(x));
        if (sorted) {
          const auto lb = static_cast<std::size_t>(std::lower_bound(m_.begin(), m_.end(), x) - m_.begin());
          const bool found = lb < n && m_[lb] == x;
          EXPECT_EQ(r.has_value(), found);
          EXPECT_EQ(found ? *r : r.error(), lb);
        }
        return true;
      }
      case swap_side:
        d_.swap(side_);
        std::swap(m_, side_m_);
        return true;
      case n_ops:
        break;
    }
    ADD_FAILURE() << "unknown op";
    return true;
  }

  void check_() {
    ASSERT_TRUE(d_.check()) << "representation invariant broken";
    ASSERT_TRUE(side_.check());
    ASSERT_EQ(values(d_), std::vector<int>(m_.begin(), m_.end()));
    ASSERT_EQ(values(side_), std::vector<int>(side_m_.begin(), side_m_.end())) << "(the side deque)";
    const std::size_t n = m_.size();
    ASSERT_LE(n, d_.capacity());
    ASSERT_EQ(d_.end() - d_.begin(), static_cast<std::ptrdiff_t>(n));
    const auto [a, b] = d_.as_slices();
    ASSERT_EQ(a.size() + b.size(), n);
    ASSERT_TRUE(b.empty() || !a.empty());
    for (std::size_t i = 0; i < a.size(); ++i) ASSERT_EQ(val(a[i]), m_[i]);
    for (std::size_t i = 0; i < b.size(); ++i) ASSERT_EQ(val(b[i]), m_[a.size() + i]);
    if (n != 0) {
      ASSERT_EQ(val(d_.front()), m_.front());
      ASSERT_EQ(val(d_.back()), m_.back());
      const std::size_t k = index_(n);
      ASSERT_EQ(d_.get(k), &d_[k]);
      ASSERT_EQ(&d_.begin()[static_cast<std::ptrdiff_t>(k)], &d_[k]);
    }
    ASSERT_EQ(d_.get(n), nullptr);
    if constexpr (std::is_same_v<T, counted>) {
      ASSERT_EQ(counted::live, static_cast<long>(m_.size() + side_m_.size())) << "counted instances leaked or lost";
      ASSERT_EQ(counted::errors, 0) << "double destruction or use of a dead element";
    }
  }

  bare_test::rng r_;
  D d_;
  D side_;
  M m_, side_m_;
  bool may_fail_;
};

constexpr int sequences = 4;
constexpr int steps = 5000;

template <class A>
using int_run = model_run<int, A>;
template <class A>
using counted_run = model_run<counted, A>;

TEST(VecDequeModel, Ints) { bare_test::plain_model_runs<int_run>(sequences, steps); }
TEST(VecDequeModel, Counted) { bare_test::plain_model_runs<counted_run>(sequences, steps); }
TEST(VecDequeModel, IntsWithRandomAllocationFailures) { bare_test::failing_model_runs<int_run>(sequences, steps, 50); }
TEST(VecDequeModel, CountedWithRandomAllocationFailures) {
  bare_test::failing_model_runs<counted_run>(sequences, steps, 50);
}

}  // namespace
