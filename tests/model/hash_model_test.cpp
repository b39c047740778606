// Differential test of bare::hash_map / hash_set against std::unordered_map / unordered_set
// (the models): long seeded sequences of operations, with check() (control bytes against the
// elements' hashes, reachability, counts) and a full comparison after every step.
//
// Key mixes: a small key range (hits and misses of every operation), a wide one, an
// erase-heavy churn at a steady size (the case that creates stale overflow bits, the
// table's tombstones: it must rehash in place, never grow without bound, and stay exact), and
// colliding keys (a hasher that keeps only a few bits). Two allocation modes:
//   - plain: every allocation succeeds; every operation must succeed;
//   - failing: the allocator fails ~10% of attempts at random. An operation that reports a
//     failure must leave the map exactly as before: the same elements, the same capacity,
//     the same iteration order, no block more or less (the strong guarantee).
//
// Replay a failure with the seed it prints: BARE_TEST_SEED=<n> ./bare_hash_tests
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "model/model_support.hpp"
#include "unit/hash_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT

enum class keys { small, wide, churn, colliding };

enum op : int {
  insert, insert_or_assign, emplace, within_capacity, entry_insert, entry_modify, erase_key, erase_it,
  remove, remove_entry, find, retain, extract_if, drain, clone, reserve, rehash, shrink, clear, n_ops
};
const char* const op_names[] = {"insert", "insert_or_assign", "emplace", "within_capacity", "entry_insert",
                                "entry_modify", "erase_key", "erase_it", "remove", "remove_entry", "find",
                                "retain", "extract_if", "drain", "clone", "reserve", "rehash", "shrink", "clear"};
static_assert(sizeof(op_names) / sizeof(op_names[0]) == n_ops);

// One sequence (the shape model/model_support.hpp's drivers run): Run(seed, alloc, may_fail),
// run(steps), ok_ops, failed_ops.
template <class T, class H, keys Mix, class A>
class map_run {
 public:
  using M = bare::hash_map<T, T, H, bare::equal_to<>, A>;

  map_run(std::uint64_t seed, A alloc, bool may_fail)
      : r_(seed), m_(H(), bare::equal_to<>(), alloc), mix_(Mix), may_fail_(may_fail) {}

  void run(int steps) {
    for (int step = 0; step < steps; ++step) {
      const op o = pick_();
      SCOPED_TRACE("step " + std::to_string(step) + ": " + op_names[o] + ", size " + std::to_string(model_.size()));
      const snapshot before = snap_();
      if (apply_(o)) {
        ++ok_ops;
      } else {
        ASSERT_TRUE(may_fail_) << "an operation failed although no failure can be injected";
        ++failed_ops;
        const snapshot after = snap_();
        ASSERT_EQ(after.order, before.order) << "a failed operation changed the elements or their order";
        ASSERT_EQ(after.capacity, before.capacity) << "a failed operation changed the capacity";
      }
      compare_();
      if (::testing::Test::HasFatalFailure()) return;
      // A churn at ~600 elements must not make the table grow without bound: stale overflow
      // bits are cleared by rehashing in place.
      if (Mix == keys::churn) {
        ASSERT_LE(m_.capacity(), 4 * 1200u) << "churn made the table grow";
      }
    }
  }

  std::size_t ok_ops = 0, failed_ops = 0;
  std::size_t model_size() const { return model_.size(); }

 private:
  struct snapshot {
    std::vector<std::pair<int, int>> order;
    std::size_t capacity;
  };
  snapshot snap_() const {
    snapshot s{{}, m_.capacity()};
    for (auto [k, v] : m_) s.order.emplace_back(val(k), val(v));
    return s;
  }

  int key_() {
    switch (mix_) {
      case keys::small: return r_.between(0, 300);
      case keys::wide: return r_.between(0, 1 << 30);
      case keys::churn: return r_.between(0, 1 << 20);
      case keys::colliding: return r_.between(0, 2000);
    }
    return 0;
  }
  op pick_() {
    if (mix_ == keys::churn) {
      // Build up to ~600 elements, then alternate insertions and erasures of present keys.
      if (model_.size() < 600) return r_.chance(90) ? insert : erase_key;
      const unsigned x = static_cast<unsigned>(r_.below(100));
      if (x < 45) return insert;
      if (x < 90) return erase_it;
      if (x < 97) return find;
      return static_cast<op>(r_.below(n_ops));
    }
    const unsigned x = static_cast<unsigned>(r_.below(100));
    if (x < 30) return insert;
    if (x < 50) return erase_key;
    if (x < 60) return find;
    if (x < 62 && !r_.chance(70)) return clear;
    return static_cast<op>(r_.below(n_ops));
  }

  // Applies one operation to both; false iff the map reported an allocation failure.
  bool apply_(op o) {
    const int k = key_(), v = static_cast<int>(r_.below(1000000));
    switch (o) {
      case insert: {
        auto res = m_.try_insert(mk<T>(k), mk<T>(v));
        if (!res) return false;
        EXPECT_EQ(res->inserted, model_.emplace(k, v).second);
        EXPECT_EQ(val((*res->position).first), k);
        return true;
      }
      case insert_or_assign: {
        auto res = m_.try_insert_or_assign(mk<T>(k), mk<T>(v));
        if (!res) return false;
        EXPECT_EQ(res->inserted, model_.insert_or_assign(k, v).second);
        return true;
      }
      case emplace: {
        auto res = m_.try_emplace(mk<T>(k), v);
        if (!res) return false;
        EXPECT_EQ(res->inserted, model_.try_emplace(k, v).second);
        return true;
      }
      case within_capacity: {
        auto res = m_.insert_within_capacity(mk<T>(k), mk<T>(v));
        if (!res) {
          EXPECT_EQ(res.error().kind, bare::alloc_errc::full);
          EXPECT_EQ(m_.size(), m_.capacity());
          EXPECT_EQ(model_.count(k), 0u);
          return true;  // refused by design, not an allocation failure
        }
        EXPECT_EQ(res->inserted, model_.emplace(k, v).second);
        return true;
      }
      case entry_insert: {
        auto e = m_.entry(mk<T>(k));
        EXPECT_EQ(e.is_occupied(), model_.count(k) == 1);
        auto res = e.try_or_insert(mk<T>(v));
        if (!res) return false;
        EXPECT_EQ(val(*res), model_.emplace(k, v).first->second);
        return true;
      }
      case entry_modify: {
        auto res = std::move(m_.entry(mk<T>(k))).and_modify([](T& x) { x = mk<T>(val(x) + 1); }).try_or_insert(mk<T>(v));
        if (!res) return false;
        auto [it, fresh] = model_.emplace(k, v);
        if (!fresh) ++it->second;
        EXPECT_EQ(val(*res), it->second);
        return true;
      }
      case erase_key:
        EXPECT_EQ(m_.erase(mk<T>(k)), model_.erase(k));
        return true;
      case erase_it: {
        if (model_.empty()) return true;
        auto it = m_.begin();
        for (auto n = r_.below(std::min<std::size_t>(model_.size(), 32)); n > 0; --n) ++it;
        EXPECT_EQ(model_.erase(val((*it).first)), 1u);
        m_.erase(it);
        return true;
      }
      case remove: {
        auto got = m_.remove(mk<T>(k));
        auto it = model_.find(k);
        EXPECT_EQ(got.has_value(), it != model_.end());
        if (got && it != model_.end()) {
          EXPECT_EQ(val(*got), it->second);
        }
        model_.erase(k);
        return true;
      }
      case remove_entry: {
        auto got = m_.remove_entry(mk<T>(k));
        EXPECT_EQ(got.has_value(), model_.erase(k) == 1);
        if (got) {
          EXPECT_EQ(val(got->first), k);
        }
        return true;
      }
      case find: {
        auto it = m_.find(mk<T>(k));
        auto mit = model_.find(k);
        EXPECT_EQ(it == m_.end(), mit == model_.end());
        if (mit != model_.end() && it != m_.end()) {
          EXPECT_EQ(val((*it).second), mit->second);
        }
        EXPECT_EQ(m_.contains(mk<T>(k)), mit != model_.end());
        return true;
      }
      case retain: {
        const int m = r_.between(2, 5);
        m_.retain([m](const T& key, T&) { return val(key) % m != 0; });
        std::erase_if(model_, [m](const auto& kv) { return kv.first % m == 0; });
        return true;
      }
      case extract_if: {
        const int m = r_.between(2, 7);
        const int stop = r_.between(0, 10);
        int n = 0;
        auto x = m_.extract_if([m](const T& key, T&) { return val(key) % m == 0; });
        // Each element the iteration reaches is removed (also the last one, where it stops).
        for (auto it = x.begin(); it != x.end(); ++it) {
          EXPECT_EQ(val(it->first) % m, 0);
          EXPECT_EQ(model_.erase(val(it->first)), 1u);
          if (++n > stop) break;
        }
        return true;
      }
      case drain: {
        if (!r_.chance(20)) return true;
        for (auto& kv : m_.drain()) EXPECT_EQ(model_.erase(val(kv.first)), 1u);
        EXPECT_TRUE(model_.empty());
        return true;
      }
      case clone: {
        if constexpr (std::is_copy_constructible_v<T>) {
          auto c = m_.try_clone();
          if (!c) return false;
          EXPECT_TRUE(*c == m_);
          EXPECT_HASH_OK(*c);
          m_ = std::move(*c);  // continue on the clone
        }
        return true;
      }
      case reserve:
        return static_cast<bool>(m_.try_reserve(r_.below(600)));
      case rehash:
        return static_cast<bool>(m_.try_rehash(r_.below(1200)));
      case shrink:
        return static_cast<bool>(m_.try_shrink_to_fit());
      case clear:
        m_.clear();
        model_.clear();
        return true;
      case n_ops:
        break;
    }
    return true;
  }

  void compare_() {
    const bare::hash_check c = m_.check();
    ASSERT_TRUE(c) << c.problem;
    ASSERT_EQ(m_.size(), model_.size());
    ASSERT_LE(m_.size(), m_.capacity());
    std::size_t n = 0;
    for (auto [k, v] : m_) {
      auto it = model_.find(val(k));
      ASSERT_TRUE(it != model_.end()) << "key " << val(k) << " is not in the model";
      ASSERT_EQ(val(v), it->second);
      ++n;
    }
    ASSERT_EQ(n, model_.size());
  }

  rng r_;
  M m_;
  std::unordered_map<int, int> model_;
  keys mix_;
  bool may_fail_;
};

using F = bare::fixed_seed_hasher;
template <class A>
using small_run = map_run<int, F, keys::small, A>;
template <class A>
using wide_run = map_run<int, F, keys::wide, A>;
template <class A>
using churn_run = map_run<int, F, keys::churn, A>;
template <class A>
using colliding_run = map_run<int, low_bits_hasher<5>, keys::colliding, A>;
template <class A>
using identity_run = map_run<int, identity_hasher, keys::wide, A>;
template <class A>
using counted_run = map_run<counted, F, keys::small, A>;
template <class A>
using move_only_churn_run = map_run<move_only, F, keys::churn, A>;
template <class A>
using counted_churn_run = map_run<counted, F, keys::churn, A>;

TEST(HashModel, SmallKeyRange) { plain_model_runs<small_run>(4, 4000); }
TEST(HashModel, WideKeyRange) { plain_model_runs<wide_run>(3, 4000); }
TEST(HashModel, EraseHeavyChurn) { plain_model_runs<churn_run>(3, 12000); }
TEST(HashModel, CollidingKeys) { plain_model_runs<colliding_run>(2, 3000); }
TEST(HashModel, IdentityHash) { plain_model_runs<identity_run>(2, 3000); }
TEST(HashModel, CountedElements) {
  plain_model_runs<counted_run>(2, 3000);
  EXPECT_EQ(counted::errors, 0);
}
TEST(HashModel, MoveOnlyElementsChurn) { plain_model_runs<move_only_churn_run>(1, 8000); }
TEST(HashModel, FailingAllocatorSmall) { failing_model_runs<small_run>(4, 3000, 20); }
// A churn allocates rarely (it rehashes in place): fewer failures to expect.
TEST(HashModel, FailingAllocatorChurn) { failing_model_runs<counted_churn_run>(2, 6000, 2); }

// The set against std::unordered_set: fewer operations (the shared ones are covered above).
TEST(HashModel, SetAgainstUnorderedSet) {
  rng r(test_seed());
  bare::hash_set<int, F> s;
  std::unordered_set<int> model;
  for (int step = 0; step < 20000; ++step) {
    const int k = r.between(0, 2000);
    switch (r.below(6)) {
      case 0:
      case 1: {
        auto res = s.try_insert(k);
        ASSERT_TRUE(res);
        EXPECT_EQ(res->inserted, model.insert(k).second);
        break;
      }
      case 2: EXPECT_EQ(s.remove(k), model.erase(k) == 1); break;
      case 3: EXPECT_EQ(s.take(k).has_value(), model.erase(k) == 1); break;
      case 4: EXPECT_EQ(s.contains(k), model.count(k) == 1); break;
      default: {
        auto res = s.try_replace(int(k));
        ASSERT_TRUE(res);
        EXPECT_EQ(res->inserted, model.insert(k).second);
      }
    }
    if (step % 100 == 0) {
      EXPECT_HASH_OK(s);
      ASSERT_EQ(s.size(), model.size());
    }
  }
  EXPECT_HASH_OK(s);
  std::vector<int> want(model.begin(), model.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(sorted_keys(s), want);
}

}  // namespace
