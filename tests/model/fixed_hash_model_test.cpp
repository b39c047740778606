// Differential test of bare::fixed_hash_map / fixed_hash_set against std::unordered_map /
// unordered_set (the models): long seeded sequences of every operation, with check() (control
// bytes against the elements' hashes, reachability, counts) and a full comparison after every
// step. A refused insertion (alloc_errc::full) is expected exactly when the key is absent and
// the container holds N elements; it must leave the container exactly as before: the same
// elements, the same iteration order, the same growth budget.
//
// Key mixes: a key range twice the capacity (full often, every operation hits and misses), a
// churn at full size (erasures from overflowed groups spend the growth budget: the table must
// rehash in place and never refuse a key whose room was freed), colliding keys (a hasher that
// keeps 3 bits) and keys that all hash alike (one home group, one h2).
//
// Replay a failure with the seed it prints: BARE_TEST_SEED=<n> ./bare_fixed_tests
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "bare/fixed_hash_map.hpp"
#include "bare/fixed_hash_set.hpp"
#include "model/model_support.hpp"
#include "unit/hash_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT

enum class keys { twice, churn, colliding, alike };

enum op : int {
  insert, insert_or_assign, emplace, within_capacity, entry_insert, entry_modify, entry_remove, subscript,
  erase_key, erase_it, remove, remove_entry, find, retain, extract_if, drain, copy, move, swap_both, clone, clear,
  n_ops
};
const char* const op_names[] = {"insert", "insert_or_assign", "emplace", "within_capacity", "entry_insert",
                                "entry_modify", "entry_remove", "subscript", "erase_key", "erase_it", "remove",
                                "remove_entry", "find", "retain", "extract_if", "drain", "copy", "move", "swap",
                                "clone", "clear"};
static_assert(sizeof(op_names) / sizeof(op_names[0]) == n_ops);

template <keys Mix>
using hasher_for = std::conditional_t<Mix == keys::colliding, low_bits_hasher<3>,
                                      std::conditional_t<Mix == keys::alike, constant_hasher, bare::fixed_seed_hasher>>;

// One sequence: a fixed_hash_map<T, T, N> and its model, driven by model_driver (a refused
// insertion is its "failed" operation: checked against the snapshot).
template <class T, std::size_t N, keys Mix>
class map_run : public model_driver<map_run<T, N, Mix>> {
  friend class model_driver<map_run>;

 public:
  using H = hasher_for<Mix>;
  using M = bare::fixed_hash_map<T, T, N, H>;

  explicit map_run(std::uint64_t seed) : model_driver<map_run>(true), r_(seed) {}

  std::size_t refused = 0;

 private:
  struct snapshot {
    std::vector<std::pair<int, int>> order;
    std::size_t growth_left;
  };

  rng r_;
  M m_;
  std::unordered_map<int, int> model_;
  bool expect_full_ = false;  // set by pick_: the next insertion must be refused

  int key_() {
    switch (Mix) {
      case keys::twice: return r_.between(0, static_cast<int>(2 * N));
      case keys::churn: return r_.between(0, 1 << 20);
      case keys::colliding:
      case keys::alike: return r_.between(0, static_cast<int>(3 * N));
    }
    return 0;
  }
  op pick_() {
    if (Mix == keys::churn && model_.size() + 2 >= N) {
      // At (or next to) full size: erase and insert in turn, now and then something else.
      const unsigned x = static_cast<unsigned>(r_.below(100));
      if (x < 45) return insert;
      if (x < 90) return erase_it;
      if (x < 95) return find;
    } else {
      const unsigned x = static_cast<unsigned>(r_.below(100));
      if (x < 40) return insert;
      if (x < 50) return erase_key;
      if (x < 60) return find;
    }
    op o = static_cast<op>(r_.below(n_ops));
    if ((o == clear || o == drain || o == retain) && r_.chance(70)) o = insert;  // keep it full often
    return o;
  }
  const char* name_(op o) const { return op_names[o]; }
  std::size_t model_size_() const { return model_.size(); }
  snapshot snapshot_() const {
    snapshot s{{}, m_.growth_left()};
    for (auto [k, v] : m_) s.order.emplace_back(val(k), val(v));
    return s;
  }
  void unchanged_since_(const snapshot& before) {
    const snapshot after = snapshot_();
    ASSERT_EQ(after.order, before.order) << "a refused insertion changed the elements or their order";
    ASSERT_EQ(after.growth_left, before.growth_left) << "a refused insertion changed the growth budget";
  }
  void check_() {
    const bare::hash_check c = m_.check();
    ASSERT_TRUE(c) << c.problem;
    ASSERT_EQ(m_.size(), model_.size());
    ASSERT_LE(m_.size(), N);
    ASSERT_EQ(m_.capacity(), N);
    for (auto [k, v] : m_) {
      auto it = model_.find(val(k));
      ASSERT_TRUE(it != model_.end()) << "extra key " << val(k);
      ASSERT_EQ(val(v), it->second) << "key " << val(k);
    }
    assert_counted_balance<T>(2 * model_.size());
  }

  // An insertion of an absent key when full must be refused; anything else must succeed.
  // Returns false iff refused (then checks that it was right to).
  template <class R>
  bool inserted_(const R& r, int k) {
    const bool must_refuse = model_.size() == N && model_.count(k) == 0;
    if (!r) {
      EXPECT_TRUE(is_full(r)) << "an error other than full";
      EXPECT_TRUE(must_refuse) << "refused key " << k << " at size " << model_.size();
      ++refused;
      return false;
    }
    EXPECT_FALSE(must_refuse) << "inserted key " << k << " past the capacity";
    return true;
  }

  bool apply_(op o) {
    const int k = key_(), v = static_cast<int>(r_.below(1000000));
    switch (o) {
      case insert: {
        T key = mk<T>(k);
        auto r = m_.try_insert(std::move(key), mk<T>(v));
        if (!inserted_(r, k)) {
          EXPECT_EQ(val(key), k) << "a refused key was consumed";
          return false;
        }
        EXPECT_EQ(r->inserted, model_.emplace(k, v).second);
        EXPECT_EQ(val((*r->position).first), k);
        return true;
      }
      case insert_or_assign: {
        auto r = m_.try_insert_or_assign(mk<T>(k), mk<T>(v));
        if (!inserted_(r, k)) return false;
        EXPECT_EQ(r->inserted, model_.insert_or_assign(k, v).second);
        return true;
      }
      case emplace: {
        auto r = m_.try_emplace(mk<T>(k), v);
        if (!inserted_(r, k)) return false;
        EXPECT_EQ(r->inserted, model_.try_emplace(k, v).second);
        return true;
      }
      case within_capacity: {
        auto r = m_.insert_within_capacity(mk<T>(k), mk<T>(v));
        if (!inserted_(r, k)) return false;
        EXPECT_EQ(r->inserted, model_.emplace(k, v).second);
        return true;
      }
      case entry_insert: {
        auto e = m_.entry(mk<T>(k));
        EXPECT_EQ(e.is_occupied(), model_.count(k) == 1);
        bool made = false;
        auto r = e.try_or_insert_with([&] {
          made = true;
          return mk<T>(v);
        });
        if (!inserted_(r, k)) {
          EXPECT_FALSE(made) << "the value was made for a refused insertion";
          EXPECT_EQ(val(e.key()), k);
          return false;
        }
        auto [it, ins] = model_.try_emplace(k, v);
        EXPECT_EQ(made, ins);
        EXPECT_EQ(val(*r), it->second);
        return true;
      }
      case entry_modify: {
        auto r = m_.entry(mk<T>(k)).and_modify([](T& x) { x = mk<T>(val(x) + 1); }).try_or_insert(mk<T>(v));
        if (!inserted_(r, k)) return false;
        auto [it, ins] = model_.try_emplace(k, v);
        if (!ins) ++it->second;
        EXPECT_EQ(val(*r), it->second);
        return true;
      }
      case entry_remove: {
        auto e = m_.entry(mk<T>(k));
        auto out = e.remove();
        auto it = model_.find(k);
        EXPECT_EQ(out.has_value(), it != model_.end());
        if (out) {
          EXPECT_EQ(val(*out), it->second);
          model_.erase(it);
          EXPECT_TRUE(e.is_vacant());
        }
        return true;
      }
      case subscript: {
        // The panicking twins, only where they cannot panic.
        if (model_.size() == N && model_.count(k) == 0) return true;
        if (r_.chance(50)) {
          m_[mk<T>(k)] = mk<T>(v);
          model_[k] = v;
        } else {
          auto res = m_.insert(mk<T>(k), mk<T>(v));
          EXPECT_EQ(res.inserted, model_.emplace(k, v).second);
        }
        return true;
      }
      case erase_key:
        EXPECT_EQ(m_.erase(mk<T>(k)), model_.erase(k));
        return true;
      case erase_it: {
        if (model_.empty()) return true;
        auto it = m_.begin();
        for (std::size_t n = r_.below(model_.size()); n > 0; --n) ++it;
        EXPECT_EQ(model_.erase(val((*it).first)), 1u);
        m_.erase(it);
        return true;
      }
      case remove: {
        auto r = m_.remove(mk<T>(k));
        auto it = model_.find(k);
        EXPECT_EQ(r.has_value(), it != model_.end());
        if (r) {
          EXPECT_EQ(val(*r), it->second);
          model_.erase(it);
        }
        return true;
      }
      case remove_entry: {
        auto r = m_.remove_entry(mk<T>(k));
        EXPECT_EQ(r.has_value(), model_.erase(k) == 1);
        if (r) {
          EXPECT_EQ(val(r->first), k);
        }
        return true;
      }
      case find: {
        const M& cm = m_;
        auto it = cm.find(mk<T>(k));
        auto mit = model_.find(k);
        EXPECT_EQ(it == cm.end(), mit == model_.end());
        if (mit != model_.end()) {
          EXPECT_EQ(val((*it).second), mit->second);
        }
        EXPECT_EQ(cm.contains(mk<T>(k)), mit != model_.end());
        return true;
      }
      case retain: {
        const int d = v % 5 + 2;
        m_.retain([d](const T& key, T&) { return val(key) % d != 0; });
        std::erase_if(model_, [d](const auto& e) { return e.first % d == 0; });
        return true;
      }
      case extract_if: {
        const int d = v % 4 + 2;
        int n = 0;
        auto x = m_.extract_if([d](const T& key, T&) { return val(key) % d == 0; });
        for (auto it = x.begin(); it != x.end(); ++it) {
          EXPECT_EQ(val(it->first) % d, 0);
          EXPECT_EQ(model_.erase(val(it->first)), 1u);
          if (++n > k % 6) break;
        }
        return true;
      }
      case drain: {
        for (auto& e : m_.drain()) EXPECT_EQ(model_.erase(val(e.first)), 1u);
        EXPECT_TRUE(model_.empty());
        return true;
      }
      case copy:
        if constexpr (std::is_copy_constructible_v<T>) {
          M c = m_;
          EXPECT_TRUE(c == m_);
          EXPECT_EQ(c.check().problem, nullptr);
          if (r_.chance(50)) m_ = c;
        }
        return true;
      case move: {
        M moved(std::move(m_));
        EXPECT_TRUE(m_.empty());
        EXPECT_EQ(moved.size(), model_.size());
        m_ = std::move(moved);
        return true;
      }
      case swap_both: {
        M other;
        for (int i = 0; i < v % 5; ++i) (void)other.try_insert(mk<T>(-1 - i), mk<T>(i));
        m_.swap(other);
        EXPECT_EQ(other.size(), model_.size());
        swap(m_, other);
        return true;
      }
      case clone:
        if constexpr (std::is_copy_constructible_v<T>) {
          auto c = m_.try_clone();
          EXPECT_TRUE(c.has_value());
          if (c) {
            EXPECT_TRUE(*c == m_);
          }
        }
        return true;
      case clear:
        m_.clear();
        model_.clear();
        return true;
      case n_ops:
        break;
    }
    return true;
  }
};

template <class Run>
void model_runs(int sequences, int steps, std::size_t min_refused) {
  const std::uint64_t base = test_seed();
  std::size_t refused = 0;
  for (int s = 0; s < sequences; ++s) {
    const std::uint64_t seed = base + static_cast<std::uint64_t>(s);
    SCOPED_TRACE(sequence_trace(seed));
    Run run(seed);
    run.run(steps);
    refused += run.refused;
    if (::testing::Test::HasFatalFailure()) return;
  }
  EXPECT_GE(refused, min_refused) << "the runs rarely reached the capacity";
}

TEST(FixedHashModel, KeysTwiceTheCapacity) { model_runs<map_run<int, 40, keys::twice>>(4, 4000, 10); }
TEST(FixedHashModel, OneGroup) { model_runs<map_run<int, 13, keys::twice>>(3, 3000, 10); }
TEST(FixedHashModel, ChurnAtFullSize) { model_runs<map_run<int, 105, keys::churn>>(3, 12000, 0); }
TEST(FixedHashModel, CollidingKeys) { model_runs<map_run<int, 60, keys::colliding>>(2, 3000, 10); }
TEST(FixedHashModel, KeysThatHashAlike) { model_runs<map_run<int, 30, keys::alike>>(2, 3000, 10); }
TEST(FixedHashModel, CountedElements) { model_runs<map_run<counted, 40, keys::twice>>(2, 3000, 10); }
TEST(FixedHashModel, CountedChurn) { model_runs<map_run<counted, 50, keys::churn>>(1, 6000, 0); }
TEST(FixedHashModel, MoveOnlyElements) { model_runs<map_run<move_only, 40, keys::twice>>(1, 3000, 10); }
TEST(FixedHashModel, OverAlignedElements) { model_runs<map_run<over_aligned, 20, keys::colliding>>(1, 3000, 10); }

TEST(FixedHashModel, SetAgainstUnorderedSet) {
  constexpr std::size_t N = 50;
  bare::fixed_hash_set<int, N, bare::fixed_seed_hasher> s;
  std::unordered_set<int> model;
  rng r(test_seed());
  std::size_t refused = 0;
  for (int step = 0; step < 20000; ++step) {
    SCOPED_TRACE("step " + std::to_string(step));
    const int k = r.between(0, 120);
    switch (r.below(6)) {
      case 0:
      case 1: {
        const auto before = sorted_keys(s);
        auto res = r.chance(50) ? s.try_insert(k) : s.insert_within_capacity(k);
        if (!res) {
          ASSERT_TRUE(is_full(res));
          ASSERT_TRUE(model.size() == N && model.count(k) == 0);
          ASSERT_EQ(sorted_keys(s), before);
          ++refused;
        } else {
          ASSERT_EQ(res->inserted, model.insert(k).second);
        }
        break;
      }
      case 2:
        ASSERT_EQ(s.remove(k), model.erase(k) == 1);
        break;
      case 3: {
        auto t = s.take(k);
        ASSERT_EQ(t.has_value(), model.erase(k) == 1);
        break;
      }
      case 4:
        ASSERT_EQ(s.contains(k), model.count(k) == 1);
        ASSERT_EQ(s.get(k) != nullptr, model.count(k) == 1);
        break;
      default:
        if (model.size() < N || model.count(k)) {
          ASSERT_TRUE(s.try_replace(int(k)));
          model.insert(k);
        }
    }
    const bare::hash_check c = s.check();
    ASSERT_TRUE(c) << c.problem;
    ASSERT_EQ(s.size(), model.size());
  }
  std::vector<int> want(model.begin(), model.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(sorted_keys(s), want);
  EXPECT_GT(refused, 200u);
}

}  // namespace
