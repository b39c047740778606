// bare/detail/btree/set_ops.hpp — the lazy set algebra of btree_set (Rust's BTreeSet::union,
// intersection, difference, symmetric_difference): a view over two sets that yields, in
// order, the keys of the result, without allocating and without copying a key.
//
// Two strategies, chosen when the view is made (as Rust's):
//   - stitch: both sets are walked in step (a merge), O(|a| + |b|) comparisons;
//   - search: when one set is much smaller than the other (|small| * search_ratio <= |large|)
//     and the operation only needs the small one's keys (intersection, or difference a \ b
//     with a small), the small set is walked and each key looked up in the large one,
//     O(|small| * log |large|).
// The view refers to both sets: it is invalidated by anything that invalidates their
// iterators. Equal keys (by the comparator) yield the key of the left operand.
#pragma once

#include <cstddef>

#if __STDC_HOSTED__
#include <iterator>
#endif

namespace bare::detail::btree {

enum class set_op : unsigned char { union_, intersection, difference, symmetric_difference };

// A set is searched instead of walked when it is at least this many times larger than the
// other operand (Rust uses 16 too: below that, the merge's sequential walk wins).
inline constexpr std::size_t search_ratio = 16;

template <class Set, set_op Op>
class set_op_view {
  using K = typename Set::value_type;
  using It = typename Set::const_iterator;

  // What an iterator needs to know (copied into it, so iterators do not refer to the view).
  struct plan {
    const Set* a;
    const Set* b;
    bool search;      // walk the small operand and look its keys up in the other
    bool small_is_b;  // intersection in search mode: b is the walked operand
  };

 public:
  class iterator {
   public:
#if __STDC_HOSTED__
    using iterator_category = std::forward_iterator_tag;
    using iterator_concept = std::forward_iterator_tag;
#endif
    using value_type = K;
    using difference_type = std::ptrdiff_t;
    using reference = const K&;
    using pointer = const K*;

    iterator() noexcept = default;

    const K& operator*() const noexcept { return *cur_; }
    const K* operator->() const noexcept { return cur_; }
    iterator& operator++() noexcept {
      if (step_a_) ++a_;
      if (step_b_) ++b_;
      settle_();
      return *this;
    }
    iterator operator++(int) noexcept {
      iterator old = *this;
      ++*this;
      return old;
    }
    friend bool operator==(const iterator& x, const iterator& y) noexcept { return x.a_ == y.a_ && x.b_ == y.b_; }

   private:
    friend set_op_view;
    iterator(const plan& p, It a, It b) noexcept : v_(p), a_(a), b_(b) { settle_(); }

    bool less_(const K& x, const K& y) const noexcept { return v_.a->key_comp()(x, y); }
    void yield_a_(bool also_b) noexcept {
      cur_ = &*a_;
      step_a_ = true;
      step_b_ = also_b;
    }
    void yield_b_() noexcept {
      cur_ = &*b_;
      step_a_ = false;
      step_b_ = true;
    }
    void done_() noexcept {
      a_ = v_.a->end();
      b_ = v_.b->end();
      cur_ = nullptr;
    }

    // Moves a_ / b_ to the next key of the result (which is then *cur_), or to (end, end).
    void settle_() noexcept {
      const It ae = v_.a->end(), be = v_.b->end();
      if (v_.search) {  // walk the small operand only; the other iterator stays at its end
        const Set& small = Op == set_op::intersection && v_.small_is_b ? *v_.b : *v_.a;
        const Set& large = &small == v_.a ? *v_.b : *v_.a;
        It& s = &small == v_.a ? a_ : b_;
        const It se = small.end();
        for (; s != se; ++s) {
          const bool in_large = large.contains(*s);
          if (in_large == (Op == set_op::intersection)) {
            cur_ = &*s;
            step_a_ = &s == &a_;
            step_b_ = !step_a_;
            return;
          }
        }
        return done_();
      }
      for (;;) {
        const bool a_end = a_ == ae, b_end = b_ == be;
        if constexpr (Op == set_op::union_ || Op == set_op::symmetric_difference) {
          if (a_end && b_end) return done_();
          if (b_end) return yield_a_(false);
          if (a_end) return yield_b_();
        } else if constexpr (Op == set_op::intersection) {
          if (a_end || b_end) return done_();
        } else {  // difference
          if (a_end) return done_();
          if (b_end) return yield_a_(false);
        }
        if (less_(*a_, *b_)) {
          if constexpr (Op == set_op::intersection) ++a_;
          else return yield_a_(false);
        } else if (less_(*b_, *a_)) {
          if constexpr (Op == set_op::union_ || Op == set_op::symmetric_difference) return yield_b_();
          else ++b_;
        } else {  // equal keys
          if constexpr (Op == set_op::union_ || Op == set_op::intersection) return yield_a_(true);
          ++a_;
          ++b_;
        }
      }
    }

    plan v_{};
    It a_{}, b_{};
    const K* cur_ = nullptr;
    bool step_a_ = false, step_b_ = false;
  };
  using const_iterator = iterator;

  set_op_view(const Set& a, const Set& b) noexcept : p_{&a, &b, false, false} {
    if constexpr (Op == set_op::intersection) {
      p_.small_is_b = b.size() < a.size();
      const std::size_t small = p_.small_is_b ? b.size() : a.size(), large = p_.small_is_b ? a.size() : b.size();
      p_.search = small != 0 && large / search_ratio >= small;
    } else if constexpr (Op == set_op::difference) {
      p_.search = a.size() != 0 && b.size() / search_ratio >= a.size();
    }
  }

  // O(height), plus the walk to the first key of the result.
  iterator begin() const noexcept {
    if (p_.search && p_.small_is_b) return iterator(p_, p_.a->end(), p_.b->begin());
    return iterator(p_, p_.a->begin(), p_.search ? p_.b->end() : p_.b->begin());
  }
  // O(1).
  iterator end() const noexcept { return iterator(p_, p_.a->end(), p_.b->end()); }
  // Whether the result is empty: begin() == end().
  bool empty() const noexcept { return begin() == end(); }

 private:
  plan p_;
};

}  // namespace bare::detail::btree
