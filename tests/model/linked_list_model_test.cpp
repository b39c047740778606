// Differential test of bare::linked_list against std::list (the model): long seeded random
// sequences of list operations and cursor operations on int and on counted, compared after
// every step (the elements, the list's own check(), the cursor's index / current / peeks).
//
// The cursor: a cursor_mut kept across steps, mirrored by a std::list iterator (end() is the
// ghost). Any list operation made not through the cursor invalidates it (as documented); the
// next cursor operation then starts a fresh one at the front or the back.
//
// Two modes:
//   - plain: every allocation succeeds; every operation must succeed;
//   - failing: the list's allocator fails ~10% of attempts at random. An operation that
//     reports a failure must leave the list exactly as before (the same nodes, in the same
//     order) and the cursor where it was, so the model is simply not changed.
// A second list/model pair (`side`) takes splits and clones and is spliced back.
//
// Replay a failure with the seed it prints: BARE_TEST_SEED=<n> ./bare_list_heap_tests
#include <gtest/gtest.h>

#include <cstdint>
#include <iterator>
#include <list>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "bare/linked_list.hpp"
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
  // list operations (they invalidate the cursor)
  push_back, push_front, emplace_back, pop_front, pop_back, insert, erase, erase_range, remove_if, retain_mut,
  extract_if, splice_all, splice_one, splice_within, splice_range, splice_range_within, append, split_off, reverse, clone, try_from, clear,
  // cursor operations
  move_next, move_prev, insert_after, insert_before, remove_current, remove_as_list, split_after, split_before,
  splice_after, splice_before, cursor_push_front, cursor_push_back, cursor_pop_front, cursor_pop_back,
  n_ops
};
constexpr int first_cursor_op = move_next;
const char* const op_names[] = {
    "push_back", "push_front", "emplace_back", "pop_front", "pop_back", "insert", "erase", "erase_range",
    "remove_if", "retain_mut", "extract_if", "splice_all", "splice_one", "splice_within", "splice_range", "splice_range_within", "append",
    "split_off",
    "reverse", "clone", "try_from", "clear", "move_next", "move_prev", "insert_after", "insert_before",
    "remove_current", "remove_as_list", "split_after", "split_before", "splice_after", "splice_before",
    "cursor_push_front", "cursor_push_back", "cursor_pop_front", "cursor_pop_back"};
static_assert(sizeof(op_names) / sizeof(op_names[0]) == n_ops);

template <class T, class A>
class model_run : public bare_test::model_driver<model_run<T, A>> {
 public:
  using L = bare::linked_list<T, A>;
  using M = std::list<int>;

  model_run(std::uint64_t seed, A a, bool may_fail)
      : bare_test::model_driver<model_run>(may_fail), r_(seed), a_(a), l_(a), side_(a) {}

 private:
  friend class bare_test::model_driver<model_run>;

  // A failed operation leaves the same nodes in the same order, and the cursor where it was.
  struct snapshot {
    std::vector<const T*> nodes;
    std::optional<std::size_t> index;
  };
  snapshot snapshot_() const { return {addresses_(l_), c_ ? c_->index() : std::nullopt}; }
  void unchanged_since_(const snapshot& s) {
    ASSERT_EQ(addresses_(l_), s.nodes) << "a failed operation changed the list";
    if (c_) {
      ASSERT_EQ(c_->index(), s.index) << "a failed operation moved the cursor";
    }
  }
  static const char* name_(op o) { return op_names[o]; }
  std::size_t model_size_() const { return m_.size(); }

  // A list operation invalidates the cursor (as documented); a cursor operation needs one.
  op pick_() {
    const op o = pick_op_();
    if (o < first_cursor_op) c_.reset();
    else if (!c_) start_cursor_();
    return o;
  }
  op pick_op_() {
    const std::size_t n = m_.size();
    if (n > 300 && r_.chance(50)) return r_.chance(50) ? split_off : pop_back;
    static constexpr op growing[] = {push_back,   push_front, emplace_back, insert,      insert_after,
                                     insert_before, splice_all, append,      splice_after, splice_before};
    if (n < 96 && r_.chance(35)) return growing[r_.below(sizeof growing / sizeof growing[0])];
    if (r_.chance(30)) return r_.chance(50) ? move_next : move_prev;  // walk a lot
    return static_cast<op>(r_.below(n_ops));
  }
  int value_() { return r_.between(0, 30); }
  std::size_t index_(std::size_t n) { return static_cast<std::size_t>(r_.below(n)); }

  static std::vector<const T*> addresses_(const L& l) {
    std::vector<const T*> out;
    for (const T& x : l) out.push_back(&x);
    return out;
  }
  typename L::iterator at_(std::size_t i) { return std::next(l_.begin(), static_cast<std::ptrdiff_t>(i)); }
  M::iterator mat_(std::size_t i) { return std::next(m_.begin(), static_cast<std::ptrdiff_t>(i)); }

  void start_cursor_() {
    if (r_.chance(50)) {
      c_.emplace(l_.cursor_front_mut());
      mc_ = m_.begin();
    } else {
      c_.emplace(l_.cursor_back_mut());
      mc_ = m_.empty() ? m_.end() : std::prev(m_.end());
    }
  }

  bool apply_(op o) {
    const std::size_t n = m_.size();
    switch (o) {
      case push_back: {
        const int x = value_();
        if (!l_.try_push_back(mk<T>(x))) return false;
        m_.push_back(x);
        return true;
      }
      case push_front: {
        const int x = value_();
        const T tx = mk<T>(x);
        if (!l_.try_push_front(tx)) return false;
        m_.push_front(x);
        return true;
      }
      case emplace_back: {
        const int x = value_();
        auto r = l_.try_emplace_back(x);
        if (!r) return false;
        EXPECT_EQ(&*r, &l_.back());
        m_.push_back(x);
        return true;
      }
      case pop_front: {
        auto x = l_.pop_front();
        EXPECT_EQ(x.has_value(), n != 0);
        if (x && n != 0) {
          EXPECT_EQ(val(*x), m_.front());
          m_.pop_front();
        }
        return true;
      }
      case pop_back: {
        auto x = l_.pop_back();
        EXPECT_EQ(x.has_value(), n != 0);
        if (x && n != 0) {
          EXPECT_EQ(val(*x), m_.back());
          m_.pop_back();
        }
        return true;
      }
      case insert: {
        const std::size_t at = index_(n + 1);
        const int x = value_();
        auto r = l_.try_insert(at_(at), mk<T>(x));
        if (!r) return false;
        EXPECT_EQ(*r, at_(at));
        m_.insert(mat_(at), x);
        return true;
      }
      case erase:
        if (n != 0) {
          const std::size_t at = index_(n);
          auto it = l_.erase(at_(at));
          EXPECT_EQ(it, at_(at));
          m_.erase(mat_(at));
        }
        return true;
      case erase_range: {
        const std::size_t a = index_(n + 1), b = std::min(n, a + index_(8));
        l_.erase(at_(a), at_(b));
        m_.erase(mat_(a), mat_(b));
        return true;
      }
      case remove_if: {
        const int k = r_.between(3, 12);
        const std::size_t removed = l_.remove_if([k](const T& x) { return val(x) % k == 0; });
        EXPECT_EQ(removed, static_cast<std::size_t>(m_.remove_if([k](int x) { return x % k == 0; })));
        return true;
      }
      case retain_mut: {
        const int k = r_.between(3, 12);
        l_.retain_mut([k](T& x) {
          if (val(x) % k == 0) return false;
          x = mk<T>(val(x) + 1);
          return true;
        });
        m_.remove_if([k](int x) { return x % k == 0; });
        for (int& x : m_) ++x;
        return true;
      }
      case extract_if: {
        const int k = r_.between(2, 6);
        const std::size_t limit = index_(6);
        ints got;
        {
          auto range = l_.extract_if([k](T& x) { return val(x) % k == 0; });
          for (auto it = range.begin(); it != range.end(); ++it) {
            got.push_back(val(*it));
            if (got.size() == limit) break;
          }
        }
        ints want;
        for (auto it = m_.begin(); it != m_.end() && want.size() < got.size();) {
          if (*it % k == 0) {
            want.push_back(*it);
            it = m_.erase(it);
          } else {
            ++it;
          }
        }
        EXPECT_EQ(got, want);
        return true;
      }
      case splice_all: {
        const std::size_t at = index_(n + 1);
        l_.splice(at_(at), side_);
        m_.splice(mat_(at), side_m_);
        return true;
      }
      case splice_one:
        if (!side_m_.empty()) {
          const std::size_t at = index_(n + 1), from = index_(side_m_.size());
          l_.splice(at_(at), side_, std::next(side_.begin(), static_cast<std::ptrdiff_t>(from)));
          m_.splice(mat_(at), side_m_, std::next(side_m_.begin(), static_cast<std::ptrdiff_t>(from)));
        }
        return true;
      case splice_within:
        if (n != 0) {
          const std::size_t at = index_(n + 1), from = index_(n);
          l_.splice(at_(at), l_, at_(from));
          m_.splice(mat_(at), m_, mat_(from));
        }
        return true;
      case splice_range: {  // [from, to) of side_ before at
        const std::size_t at = index_(n + 1), from = index_(side_m_.size() + 1);
        const std::size_t to = from + index_(side_m_.size() - from + 1);
        const auto d = [](std::size_t i) { return static_cast<std::ptrdiff_t>(i); };
        l_.splice(at_(at), side_, std::next(side_.begin(), d(from)), std::next(side_.begin(), d(to)));
        m_.splice(mat_(at), side_m_, std::next(side_m_.begin(), d(from)), std::next(side_m_.begin(), d(to)));
        return true;
      }
      case splice_range_within: {  // [from, to) before at, with at in [0, from) or [to, n]
        const std::size_t from = index_(n + 1), to = from + index_(n - from + 1);
        std::size_t at = index_(from + (n - to + 1));
        if (at >= from) at = to + (at - from);
        const auto d = [](std::size_t i) { return static_cast<std::ptrdiff_t>(i); };
        const auto lf = at_(from), lt = at_(to);
        const auto mf = mat_(from), mt = mat_(to);
        l_.splice(std::next(l_.begin(), d(at)), l_, lf, lt);
        m_.splice(std::next(m_.begin(), d(at)), m_, mf, mt);
        return true;
      }
      case append:
        l_.append(side_);
        m_.splice(m_.end(), side_m_);
        return true;
      case split_off: {
        const std::size_t at = index_(n + 1);
        side_ = l_.split_off(at);
        M part;
        part.splice(part.end(), m_, mat_(at), m_.end());
        side_m_ = std::move(part);
        return true;
      }
      case reverse:
        l_.reverse();
        m_.reverse();
        return true;
      case clone: {
        auto c = l_.try_clone();
        if (!c) return false;
        EXPECT_TRUE(*c == l_);
        side_ = std::move(*c);
        side_m_ = m_;
        return true;
      }
      case try_from: {
        if (!r_.chance(20)) return true;
        std::vector<T> src;
        M xs;
        for (std::size_t i = 0, k = index_(30); i < k; ++i) {
          xs.push_back(value_());
          src.push_back(mk<T>(xs.back()));
        }
        auto f = L::try_from(std::span<const T>(src), a_);
        if (!f) return false;
        l_ = std::move(*f);
        m_ = std::move(xs);
        return true;
      }
      case clear:
        if (r_.chance(10)) {
          l_.clear();
          m_.clear();
        }
        return true;

      // ---- cursor operations (c_ and mc_ are set) ----
      case move_next:
        c_->move_next();
        mc_ = mc_ == m_.end() ? m_.begin() : std::next(mc_);
        return true;
      case move_prev:
        c_->move_prev();
        mc_ = mc_ == m_.begin() ? m_.end() : std::prev(mc_);
        return true;
      case insert_after: {
        const int x = value_();
        if (!c_->try_insert_after(mk<T>(x))) return false;
        m_.insert(mc_ == m_.end() ? m_.begin() : std::next(mc_), x);
        return true;
      }
      case insert_before: {
        const int x = value_();
        auto r = c_->try_emplace_before(x);
        if (!r) return false;
        EXPECT_EQ(val(*r), x);
        m_.insert(mc_, x);
        return true;
      }
      case remove_current: {
        auto x = c_->remove_current();
        EXPECT_EQ(x.has_value(), mc_ != m_.end());
        if (x && mc_ != m_.end()) {
          EXPECT_EQ(val(*x), *mc_);
          mc_ = m_.erase(mc_);
        }
        return true;
      }
      case remove_as_list: {
        auto one = c_->remove_current_as_list();
        EXPECT_EQ(one.has_value(), mc_ != m_.end());
        if (one && mc_ != m_.end()) {
          side_ = std::move(*one);
          M part;
          auto next = std::next(mc_);
          part.splice(part.end(), m_, mc_);
          mc_ = next;
          side_m_ = std::move(part);
        }
        return true;
      }
      case split_after: {
        side_ = c_->split_after();
        M part;
        part.splice(part.end(), m_, mc_ == m_.end() ? m_.begin() : std::next(mc_), m_.end());
        side_m_ = std::move(part);
        return true;
      }
      case split_before: {
        side_ = c_->split_before();
        M part;
        part.splice(part.end(), m_, m_.begin(), mc_);
        side_m_ = std::move(part);
        return true;
      }
      case splice_after:
        c_->splice_after(side_);
        m_.splice(mc_ == m_.end() ? m_.begin() : std::next(mc_), side_m_);
        return true;
      case splice_before:
        c_->splice_before(side_);
        m_.splice(mc_, side_m_);
        return true;
      case cursor_push_front: {
        const int x = value_();
        if (!c_->try_push_front(mk<T>(x))) return false;
        m_.push_front(x);
        return true;
      }
      case cursor_push_back: {
        const int x = value_();
        if (!c_->try_push_back(mk<T>(x))) return false;
        m_.push_back(x);
        return true;
      }
      case cursor_pop_front: {
        auto x = c_->pop_front();
        EXPECT_EQ(x.has_value(), n != 0);
        if (x && n != 0) {
          EXPECT_EQ(val(*x), m_.front());
          if (mc_ == m_.begin()) ++mc_;
          m_.pop_front();
        }
        return true;
      }
      case cursor_pop_back: {
        auto x = c_->pop_back();
        EXPECT_EQ(x.has_value(), n != 0);
        if (x && n != 0) {
          EXPECT_EQ(val(*x), m_.back());
          if (mc_ == std::prev(m_.end())) mc_ = m_.end();
          m_.pop_back();
        }
        return true;
      }
      case n_ops:
        break;
    }
    ADD_FAILURE() << "unknown op";
    return true;
  }

  void check_() {
    ASSERT_TRUE(l_.check()) << "broken ring";
    ASSERT_TRUE(side_.check()) << "broken ring (side)";
    ASSERT_EQ(l_.size(), m_.size());
    ASSERT_EQ(values(l_), ints(m_.begin(), m_.end()));
    ASSERT_EQ(values(side_), ints(side_m_.begin(), side_m_.end())) << "(the side list)";
    if (c_) {
      const bool ghost = mc_ == m_.end();
      const std::optional<std::size_t> want =
          ghost ? std::nullopt : std::optional<std::size_t>(static_cast<std::size_t>(std::distance(m_.begin(), mc_)));
      ASSERT_EQ(c_->index(), want) << "cursor index";
      ASSERT_EQ(c_->current() == nullptr, ghost);
      if (!ghost) {
        ASSERT_EQ(val(*c_->current()), *mc_);
      }
      const auto next = ghost ? m_.begin() : std::next(mc_);
      ASSERT_EQ(c_->peek_next() == nullptr, next == m_.end());
      if (next != m_.end()) {
        ASSERT_EQ(val(*c_->peek_next()), *next);
      }
      const bool prev_is_ghost = ghost ? m_.empty() : mc_ == m_.begin();
      ASSERT_EQ(c_->peek_prev() == nullptr, prev_is_ghost);
      if (!prev_is_ghost) {
        ASSERT_EQ(val(*c_->peek_prev()), *std::prev(mc_));
      }
    }
    bare_test::assert_counted_balance<T>(m_.size() + side_m_.size());
  }

  bare_test::rng r_;
  A a_;
  L l_;
  L side_;
  std::optional<typename L::cursor_mut> c_;
  M m_, side_m_;
  M::iterator mc_;
};

template <class A>
using run_int = model_run<int, A>;
template <class A>
using run_counted = model_run<counted, A>;

TEST(LinkedListModel, Ints) { bare_test::plain_model_runs<run_int>(4, 4000); }
TEST(LinkedListModel, Counted) { bare_test::plain_model_runs<run_counted>(4, 4000); }
TEST(LinkedListModel, IntsWithRandomAllocationFailures) { bare_test::failing_model_runs<run_int>(4, 4000, 50); }
TEST(LinkedListModel, CountedWithRandomAllocationFailures) {
  bare_test::failing_model_runs<run_counted>(4, 4000, 50);
}

}  // namespace
