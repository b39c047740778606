// bare/detail/btree/check.hpp — check(): every structural invariant of a tree, verified.
//
// Checks: the root has no parent and holds a key; every node's level is its parent's minus
// one (so all leaves are at the same depth); len <= C; every non-root node holds >= min_len
// keys; every edge's parent and parent_idx point back; the keys are strictly increasing in
// order (by the tree's comparator; reported last); the number of elements equals size(); the
// stash lists count themselves correctly. O(n) comparisons; the recursion is as deep as the
// tree.
#pragma once

#include <cstddef>

#include "bare/detail/btree/node.hpp"

namespace bare {

// The result of btree_map / btree_set check(): ok, or the first broken invariant.
// Structural problems are reported in preference to `unordered` (keys not strictly
// increasing by the comparator): with a comparator that is not a strict weak order, a tree
// may legitimately be unordered, never structurally broken.
struct btree_check {
  static constexpr const char* unordered = "keys are not strictly increasing";
  const char* problem = nullptr;
  constexpr explicit operator bool() const noexcept { return problem == nullptr; }
};

namespace detail::btree {

template <class P, class Cmp>
class checker {
 public:
  explicit checker(const Cmp& cmp) noexcept : cmp_(cmp) {}

  const char* node(const node_base* n, std::size_t level, bool is_root) noexcept {
    if (n->level != level) return "a node's level is not its parent's minus one (leaves at different depths)";
    if (n->len > P::capacity) return "a node holds more than C keys";
    if (is_root ? n->len == 0 : n->len < P::min_len) return "a node holds too few keys";
    for (std::size_t i = 0; i <= n->len; ++i) {
      if (!n->is_leaf()) {
        const node_base* c = edges<P>(n)[i];
        if (c == nullptr) return "a null edge";
        if (c->parent != n || c->parent_idx != i) return "an edge's parent link or parent_idx is wrong";
        if (const char* p = node(c, level - 1, false)) return p;
      }
      if (i < n->len) {
        const auto& k = key<P>(n, i);
        if (prev_ != nullptr && !cmp_(*prev_, k)) unordered_ = true;
        prev_ = &k;
        ++count_;
      }
    }
    return nullptr;
  }
  std::size_t count() const noexcept { return count_; }
  bool unordered() const noexcept { return unordered_; }

 private:
  const Cmp& cmp_;
  const typename P::key_type* prev_ = nullptr;
  std::size_t count_ = 0;
  bool unordered_ = false;
};

inline const char* check_spares(const void* head) noexcept {
  std::size_t expect = spare_count(head);
  for (const void* s = head; s != nullptr; s = static_cast<const spare_link*>(s)->next) {
    if (static_cast<const spare_link*>(s)->count != expect) return "the spare node list miscounts itself";
    --expect;
  }
  return expect == 0 ? nullptr : "the spare node list miscounts itself";
}

template <class P, allocator A, class Cmp>
btree_check check_tree(const tree_state<P, A>& t, const Cmp& cmp) noexcept {
  if (const char* p = check_spares(t.spare_leaves)) return {p};
  if (const char* p = check_spares(t.spare_internals)) return {p};
  if (t.root == nullptr) return {t.len == 0 ? nullptr : "an empty tree with a non-zero length"};
  if (t.root->parent != nullptr) return {"the root has a parent"};
  checker<P, Cmp> c(cmp);
  if (const char* p = c.node(t.root, t.root->level, true)) return {p};
  if (c.count() != t.len) return {"the length is not the number of elements"};
  if (c.unordered()) return {btree_check::unordered};
  return {};
}

}  // namespace detail::btree
}  // namespace bare
