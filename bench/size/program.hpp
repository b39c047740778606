// What the small programs of bench/size share (bare and std twins alike): n comes from a
// volatile, so that nothing is folded away, and every program checks what it computed and
// returns 0 only if it is right (the exit status is checked when the image runs: QEMU on
// Cortex-M4, node on wasm32). The programs (<coll>_bare.cpp next to <coll>_std.cpp):
//   vec             push n ints, iterate, free
//   string          build a text report: appends and integer formatting
//   map             btree_map<int, int> / std::map: insert, find, iterate in order, erase
//   unordered_map   hash_map<int, int> / std::unordered_map: insert, find, iterate, erase
//   deque           vec_deque<int> / std::deque: push and pop at both ends, index, iterate
//   priority_queue  binary_heap<int> / std::priority_queue: push, pop all in order
#pragma once
static volatile int g_n = 100;

// The i-th key of a map program: a permutation of 0 .. n-1 (37 is prime to n = 100), so that
// the keys do not arrive in order.
inline int size_program_key(int i, int n) { return static_cast<int>((static_cast<long>(i) * 37) % n); }
