// Differential test of bare::binary_heap against std::priority_queue (the model): long seeded
// random sequences of operations on int and on counted, for arity 2 and 4, compared after
// every step (size, top, the whole multiset of elements, and the heap's own check()).
//
// Two modes:
//   - plain: every allocation succeeds; every operation must succeed;
//   - failing: the heap's allocator fails ~10% of attempts at random. An operation that
//     reports a failure must leave the heap exactly as before (same elements in the same
//     internal order, same capacity, same block), so the model is simply not changed.
// A second heap/model pair (`side`) is filled, cloned into and appended.
//
// Replay a failure with the seed it prints: BARE_TEST_SEED=<n> ./bare_list_heap_tests
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <queue>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "bare/binary_heap.hpp"
#include "model/model_support.hpp"
#include "support/rng.hpp"
#include "support/tracked.hpp"

namespace {

using bare_test::counted;
using bare_test::mk;
using bare_test::val;
using bare_test::values;
using ints = std::vector<int>;

enum op : int {
  push, emplace, push_within, pop, peek_mut_set, peek_mut_pop, side_push, append, retain, drain, drain_sorted,
  sorted_roundtrip, vec_roundtrip, clone, try_from, reserve, reserve_exact, shrink_to_fit, clear, n_ops
};
const char* const op_names[] = {"push",        "emplace",     "push_within",      "pop",           "peek_mut_set",
                                "peek_mut_pop", "side_push",   "append",           "retain",        "drain",
                                "drain_sorted", "sorted_roundtrip", "vec_roundtrip", "clone",      "try_from",
                                "reserve",      "reserve_exact", "shrink_to_fit",  "clear"};
static_assert(sizeof(op_names) / sizeof(op_names[0]) == n_ops);

// std::priority_queue, with its container readable (for comparing the whole contents).
struct Q : std::priority_queue<int> {
  Q() = default;
  Q(const int* first, const int* last) : std::priority_queue<int>(first, last) {}
  const std::vector<int>& items() const { return c; }
};

template <class T, std::size_t D, class A>
class model_run : public bare_test::model_driver<model_run<T, D, A>> {
 public:
  using H = bare::binary_heap<T, bare::less<T>, A, D>;

  model_run(std::uint64_t seed, A a, bool may_fail)
      : bare_test::model_driver<model_run>(may_fail), r_(seed), a_(a), h_(a), side_(a) {}

 private:
  friend class bare_test::model_driver<model_run>;

  // A failed operation leaves the same elements in the same internal order, in the same block.
  struct snapshot {
    ints internal;
    std::size_t cap;
    const T* block;
  };
  snapshot snapshot_() const { return {values(h_), h_.capacity(), h_.as_span().data()}; }
  void unchanged_since_(const snapshot& s) {
    ASSERT_EQ(values(h_), s.internal) << "a failed operation changed the heap";
    ASSERT_EQ(h_.capacity(), s.cap);
    ASSERT_EQ(h_.as_span().data(), s.block);
  }
  static const char* name_(op o) { return op_names[o]; }
  std::size_t model_size_() const { return m_.size(); }

  op pick_() {
    static constexpr op growing[] = {push, emplace, push_within, side_push, append};
    const std::size_t n = m_.size();
    if (n > 250 && r_.chance(60)) return pop;
    if (n < 64 && r_.chance(40)) return growing[r_.below(sizeof growing / sizeof growing[0])];
    return static_cast<op>(r_.below(n_ops));
  }
  static constexpr int max_value = 200;
  int value_() { return r_.between(0, max_value); }
  // How many times each value occurs (one more bucket for anything out of range): comparing
  // the multisets in O(n) after every step.
  static ints counts_(const ints& xs) {
    ints c(max_value + 2);
    for (int x : xs) ++c[static_cast<std::size_t>(x >= 0 && x <= max_value ? x : max_value + 1)];
    return c;
  }

  static ints sorted_(const Q& q) {
    ints out = q.items();
    std::sort(out.begin(), out.end());
    return out;
  }
  static Q queue_of_(const ints& xs) { return Q(xs.data(), xs.data() + xs.size()); }

  // Applies o to the heap and, if it succeeded, to the model. Returns false iff the heap
  // reported an allocation failure.
  bool apply_(op o) {
    switch (o) {
      case push: {
        const int x = value_();
        if (!h_.try_push(mk<T>(x))) return false;
        m_.push(x);
        return true;
      }
      case emplace: {
        const int x = value_();
        if (!h_.try_emplace(x)) return false;
        m_.push(x);
        return true;
      }
      case push_within: {
        const int x = value_();
        auto r = h_.push_within_capacity(mk<T>(x));
        if (h_.size() == m_.size()) {  // was full: must say so, change nothing
          EXPECT_FALSE(r);
          if (!r) {
            EXPECT_EQ(r.error().kind, bare::alloc_errc::full);
          }
          return true;
        }
        EXPECT_TRUE(r);
        m_.push(x);
        return true;
      }
      case pop: {
        auto x = h_.pop();
        EXPECT_EQ(x.has_value(), !m_.empty());
        if (x && !m_.empty()) {
          EXPECT_EQ(val(*x), m_.top());
          m_.pop();
        }
        return true;
      }
      case peek_mut_set: {
        const int x = value_();
        {
          auto top = h_.peek_mut();
          EXPECT_EQ(static_cast<bool>(top), !m_.empty());
          if (!top) return true;
          EXPECT_EQ(val(*top), m_.top());
          *top = mk<T>(x);
        }
        m_.pop();
        m_.push(x);
        return true;
      }
      case peek_mut_pop: {
        auto top = h_.peek_mut();
        if (!top) return true;
        T got = top.pop();
        EXPECT_EQ(val(got), m_.top());
        m_.pop();
        return true;
      }
      case side_push: {
        const int x = value_();
        if (!side_.try_push(mk<T>(x))) return false;
        side_m_.push(x);
        return true;
      }
      case append: {
        const ints side_internal = values(side_);
        if (!h_.try_append(side_)) {
          EXPECT_EQ(values(side_), side_internal) << "a failed append changed the other heap";
          return false;
        }
        EXPECT_TRUE(side_.empty());
        for (; !side_m_.empty(); side_m_.pop()) m_.push(side_m_.top());
        return true;
      }
      case retain: {
        const int k = r_.between(2, 9);
        h_.retain([k](const T& x) { return val(x) % k != 0; });
        ints kept;
        for (int x : sorted_(m_))
          if (x % k != 0) kept.push_back(x);
        m_ = queue_of_(kept);
        return true;
      }
      case drain: {
        if (!r_.chance(10)) return true;  // rare: empties everything
        ints got;
        {
          auto d = h_.drain();
          EXPECT_TRUE(h_.empty());
          for (T& x : d) got.push_back(val(x));
        }
        std::sort(got.begin(), got.end());
        EXPECT_EQ(got, sorted_(m_));
        m_ = Q();
        return true;
      }
      case drain_sorted: {
        if (!r_.chance(10)) return true;
        const std::size_t take = static_cast<std::size_t>(r_.below(m_.size() + 2));
        ints got, want;
        {
          auto d = h_.drain_sorted();
          for (auto it = d.begin(); it != d.end() && got.size() < take; ++it) got.push_back(val(*it));
        }
        for (Q q = m_; !q.empty() && want.size() < take; q.pop()) want.push_back(q.top());
        EXPECT_EQ(got, want);
        m_ = Q();
        return true;
      }
      case sorted_roundtrip: {
        bare::vec<T, A> v = h_.into_sorted_vec();
        EXPECT_TRUE(h_.empty());
        EXPECT_EQ(values(v), sorted_(m_));
        h_ = H::from(std::move(v));
        return true;
      }
      case vec_roundtrip: {
        bare::vec<T, A> v = h_.into_vec();
        // Shuffle it a little: from(vec) must heapify any order.
        for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[static_cast<std::size_t>(r_.below(i))]);
        h_ = H(std::move(v));
        return true;
      }
      case clone: {
        auto c = h_.try_clone();
        if (!c) return false;
        EXPECT_EQ(values(*c), values(h_));
        side_ = std::move(*c);
        side_m_ = m_;
        return true;
      }
      case try_from: {
        if (!r_.chance(20)) return true;
        std::vector<T> src;
        ints xs;
        for (std::size_t i = 0, n = static_cast<std::size_t>(r_.below(40)); i < n; ++i) {
          xs.push_back(value_());
          src.push_back(mk<T>(xs.back()));
        }
        auto f = H::try_from(std::span<const T>(src), a_);
        if (!f) return false;
        h_ = std::move(*f);
        m_ = queue_of_(xs);
        return true;
      }
      case reserve: {
        const std::size_t add = static_cast<std::size_t>(r_.below(64));
        if (!h_.try_reserve(add)) return false;
        EXPECT_GE(h_.capacity(), m_.size() + add);
        return true;
      }
      case reserve_exact: {
        const std::size_t add = static_cast<std::size_t>(r_.below(64)), cap = h_.capacity();
        if (!h_.try_reserve_exact(add)) return false;
        EXPECT_EQ(h_.capacity(), std::max(cap, m_.size() + add));
        return true;
      }
      case shrink_to_fit:
        if (!h_.try_shrink_to_fit()) return false;
        EXPECT_EQ(h_.capacity(), m_.size());
        return true;
      case clear:
        if (!r_.chance(10)) return true;
        h_.clear();
        m_ = Q();
        return true;
      case n_ops:
        break;
    }
    ADD_FAILURE() << "unknown op";
    return true;
  }

  void check_() {
    ASSERT_EQ(h_.size(), m_.size());
    ASSERT_TRUE(h_.check()) << "heap order broken";
    if (!m_.empty()) {
      ASSERT_EQ(val(h_.top()), m_.top());
    }
    ASSERT_EQ(counts_(values(h_)), counts_(m_.items())) << "not the same elements";
    ASSERT_EQ(counts_(values(side_)), counts_(side_m_.items())) << "not the same elements (the side heap)";
    ASSERT_TRUE(side_.check());
    bare_test::assert_counted_balance<T>(m_.size() + side_m_.size());
  }

  bare_test::rng r_;
  A a_;
  H h_;
  H side_;
  Q m_, side_m_;
};

template <class A>
using run_int = model_run<int, 2, A>;
template <class A>
using run_counted = model_run<counted, 2, A>;
template <class A>
using run_counted_4 = model_run<counted, 4, A>;

TEST(BinaryHeapModel, Ints) { bare_test::plain_model_runs<run_int>(3, 2000); }
TEST(BinaryHeapModel, Counted) { bare_test::plain_model_runs<run_counted>(3, 2000); }
TEST(BinaryHeapModel, CountedFourAry) { bare_test::plain_model_runs<run_counted_4>(3, 2000); }
TEST(BinaryHeapModel, IntsWithRandomAllocationFailures) { bare_test::failing_model_runs<run_int>(3, 2000, 20); }
TEST(BinaryHeapModel, CountedFourAryWithRandomAllocationFailures) {
  bare_test::failing_model_runs<run_counted_4>(3, 2000, 20);
}

}  // namespace
