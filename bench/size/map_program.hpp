// The program of map_*.cpp and unordered_map_*.cpp, one body for the four of them (bare and
// std, ordered and hashed), so that they are the same program: n keys inserted in a scrambled
// order, each found, a missing one not found, all visited (in key order, checked, for an
// ordered map), the even ones erased, the rest visited. The result is checked; 0 if right.
#pragma once
#include <cstddef>

#include "program.hpp"

// add(m, k, v): each library's own way to add a key (bare: m.insert(k, v), as Rust's
// map.insert; std: m.emplace(k, v)); both leave an existing key's value alone.
template <class Map, bool Ordered, class Add>
int map_program(Add add) {
  const int n = g_n;
  long sum = 0;
  {
    Map m;
    for (int i = 0; i < n; ++i) add(m, size_program_key(i, n), i);
    for (int k = 0; k < n; ++k) {
      auto it = m.find(k);
      if (it == m.end()) return 2;
      sum += it->second;
    }
    if (m.find(n) != m.end()) return 3;
    int prev = -1;
    for (auto&& [k, v] : m) {
      if (Ordered && k <= prev) return 4;  // in key order
      prev = k;
      sum += k;
    }
    for (int k = 0; k < n; k += 2) m.erase(k);
    if (m.size() != static_cast<std::size_t>(n / 2)) return 5;
    for (auto&& [k, v] : m) sum += k;
  }
  return sum == 12400 ? 0 : 1;  // values 0..n-1, keys 0..n-1, odd keys
}
