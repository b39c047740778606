// Compile-time probe of the size group (row compile_all): the std twin of bare.cpp. The std
// headers of the containers bare/bare.hpp has (vector, string, deque, priority_queue, list,
// map/set, unordered_map/unordered_set, unique_ptr, shared_ptr), the same explicit
// instantiations and the same operations.
#include <deque>
#include <list>
#include <map>
#include <memory>
#include <queue>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

template class std::vector<int>;
template class std::basic_string<char>;
template class std::deque<int>;
template class std::priority_queue<int>;
template class std::list<int>;
template class std::map<int, int>;
template class std::set<int>;
template class std::unordered_map<int, int>;
template class std::unordered_set<int>;
template class std::unique_ptr<int>;
template class std::shared_ptr<int>;  // rc<int> and arc<int> both

long use_vec(int n) {
  std::vector<int> v;
  for (int i = 0; i < n; ++i) v.push_back(i);
  v.insert(v.begin(), -1);
  v.erase(v.begin() + 1);
  long s = 0;
  for (int x : v) s += x;
  return s + static_cast<long>(v.size());
}

long use_string(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) {
    s.append("item ");
    s.append(std::to_string(i));
  }
  s.insert(0, "report: ");
  return static_cast<long>(s.size()) + (s.find("item 7") != std::string::npos ? 1 : 0);
}

long use_deque(int n) {
  std::deque<int> d;
  for (int i = 0; i < n; ++i) {
    d.push_back(i);
    d.push_front(-i);
  }
  long s = d[static_cast<std::size_t>(n)];
  s += d.front();
  d.pop_front();
  s += d.back();
  d.pop_back();
  for (int x : d) s += x;
  return s;
}

long use_heap(int n) {
  std::priority_queue<int> h;
  for (int i = 0; i < n; ++i) h.push(i * 7 % 13);
  long s = 0;
  while (!h.empty()) {
    s += h.top();
    h.pop();
  }
  return s;
}

long use_list(int n) {
  std::list<int> l;
  for (int i = 0; i < n; ++i) l.push_back(i);
  l.push_front(-1);
  long s = l.front();
  l.pop_front();
  for (int x : l) s += x;
  return s;
}

// The ordered and the hashed maps and sets: the same operations.
template <class Map, class Set>
long use_map(int n) {
  Map m;
  Set set;
  for (int i = 0; i < n; ++i) {
    m.emplace(i * 7 % n, i);
    set.insert(i);
  }
  long s = 0;
  if (auto it = m.find(3); it != m.end()) s += it->second;
  for (auto& [k, v] : m) s += k + v;
  m.erase(3);
  set.erase(3);
  return s + static_cast<long>(m.size() + set.size()) + (set.contains(4) ? 1 : 0);
}

long use_btree(int n) { return use_map<std::map<int, int>, std::set<int>>(n); }
long use_hash(int n) { return use_map<std::unordered_map<int, int>, std::unordered_set<int>>(n); }

long use_pointers(int n) {
  auto b = std::make_unique<int>(n);
  auto r = std::make_shared<int>(n);
  auto r2 = r;
  auto a = std::make_shared<int>(n);
  auto a2 = a;
  return *b + *r2 + *a2;
}
