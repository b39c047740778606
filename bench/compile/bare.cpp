// Compile-time probe of the size group (bench/groups/size.sh, row compile_all): all of bare
// (bare/bare.hpp), and each heap-backed container instantiated once, for the same element
// types as its std twin in std.cpp:
//   - an explicit instantiation of the class (every member that is not a template and whose
//     constraints hold for int);
//   - a function that calls the main operations, which instantiates the member templates an
//     explicit instantiation leaves out (insert, find, emplace, push_back(T&&), ...).
// The fixed-capacity collections (fixed_vec & co., no std twin in C++20) are compiled as part
// of bare/bare.hpp, not instantiated, so that both files do the same work.
#include "bare/bare.hpp"

template class bare::vec<int>;
template class bare::string<>;
template class bare::vec_deque<int>;
template class bare::binary_heap<int>;
template class bare::linked_list<int>;
template class bare::btree_map<int, int>;
template class bare::btree_set<int>;
template class bare::hash_map<int, int>;
template class bare::hash_set<int>;
template class bare::box<int>;
template class bare::detail::rc_ptr<int, bare::global, bare::detail::local_counts>;      // rc<int>
template class bare::detail::rc_ptr<int, bare::global, bare::detail::arc_counts<int>>;  // arc<int>

long use_vec(int n) {
  bare::vec<int> v;
  for (int i = 0; i < n; ++i) v.push_back(i);
  v.insert(v.begin(), -1);
  v.erase(v.begin() + 1);
  long s = 0;
  for (int x : v) s += x;
  return s + static_cast<long>(v.size());
}

long use_string(int n) {
  bare::string<> s;
  for (int i = 0; i < n; ++i) {
    s.append("item ");
    s.append_int(i);
  }
  s.insert_str(0, "report: ");
  return static_cast<long>(s.size()) + (s.find("item 7") ? 1 : 0);
}

long use_deque(int n) {
  bare::vec_deque<int> d;
  for (int i = 0; i < n; ++i) {
    d.push_back(i);
    d.push_front(-i);
  }
  long s = d[static_cast<std::size_t>(n)];
  if (auto x = d.pop_front()) s += *x;
  if (auto x = d.pop_back()) s += *x;
  for (int x : d) s += x;
  return s;
}

long use_heap(int n) {
  bare::binary_heap<int> h;
  for (int i = 0; i < n; ++i) h.push(i * 7 % 13);
  long s = 0;
  while (auto x = h.pop()) s += *x;
  return s;
}

long use_list(int n) {
  bare::linked_list<int> l;
  for (int i = 0; i < n; ++i) l.push_back(i);
  l.push_front(-1);
  long s = 0;
  if (auto x = l.pop_front()) s += *x;
  for (int x : l) s += x;
  return s;
}

// The ordered and the hashed maps and sets: the same operations.
template <class Map, class Set>
long use_map(int n) {
  Map m;
  Set set;
  for (int i = 0; i < n; ++i) {
    m.insert(i * 7 % n, i);
    set.insert(i);
  }
  long s = 0;
  if (auto it = m.find(3); it != m.end()) s += it->second;
  for (auto [k, v] : m) s += k + v;
  m.erase(3);
  set.erase(3);
  return s + static_cast<long>(m.size() + set.size()) + (set.contains(4) ? 1 : 0);
}

long use_btree(int n) { return use_map<bare::btree_map<int, int>, bare::btree_set<int>>(n); }
long use_hash(int n) { return use_map<bare::hash_map<int, int>, bare::hash_set<int>>(n); }

long use_pointers(int n) {
  auto b = bare::make_box<int>(n);
  auto r = bare::make_rc<int>(n);
  auto r2 = r;
  auto a = bare::make_arc<int>(n);
  auto a2 = a;
  return *b + *r2 + *a2;
}
