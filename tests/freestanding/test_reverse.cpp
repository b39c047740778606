// Conformance: rbegin()/rend() and bare::reversed on the bidirectional containers.
#include "bare/btree_map.hpp"
#include "bare/fixed_vec.hpp"
#include "bare/linked_list.hpp"
#include "bare/reverse_iterator.hpp"
#include "bare/vec.hpp"
#include "bare/vec_deque.hpp"
#include "runner.hpp"

namespace {

// Whether c, walked backwards, is n-1, n-2, ..., 0 (by rbegin/rend and by reversed()).
template <class C>
bool walks_down_from(C& c, int n) {
  int expect = n - 1;
  for (auto it = c.rbegin(); it != c.rend(); ++it, --expect)
    if (*it != expect) return false;
  if (expect != -1) return false;
  expect = n - 1;
  for (const auto& x : bare::reversed(c))
    if (x != expect--) return false;
  return expect == -1;
}

void sequences() {
  bare::vec<int> v;
  bare::vec_deque<int> d;
  bare::linked_list<int> l;
  bare::fixed_vec<int, 16> f;
  for (int i = 0; i < 16; ++i) {
    FT_CHECK(v.try_push_back(i).has_value());
    FT_CHECK(d.try_push_back(i).has_value());
    FT_CHECK(l.try_push_back(i).has_value());
    FT_CHECK(f.try_push_back(i).has_value());
  }
  FT_CHECK(walks_down_from(v, 16) && walks_down_from(d, 16) && walks_down_from(l, 16) && walks_down_from(f, 16));
  FT_CHECK(v.rbegin()[15] == 0 && v.rend() - v.rbegin() == 16 && v.rbegin().base() == v.end());
  FT_CHECK(d.rbegin()[15] == 0 && d.rend() - d.rbegin() == 16);
}

void btree() {
  bare::btree_map<int, int> m;
  for (int i = 0; i < 200; ++i) FT_CHECK(m.try_insert((i * 37) % 200, i).has_value());
  int expect = 199;
  for (auto it = m.rbegin(); it != m.rend(); ++it, --expect) FT_CHECK(it->first == expect);
  FT_CHECK(expect == -1);
}

}  // namespace

FT_GROUP(reverse_iteration, FT_TEST(sequences), FT_TEST(btree));
