// A shadow of an allocator's live blocks for the allocator tests: every block handed out is
// checked for alignment and for overlap with the others, filled with a pattern, and checked
// intact when it is freed, grown or shrunk. apply() runs one operation on (heap, shadow) and
// then heap.check().
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <iterator>
#include <map>
#include <vector>

#include "bare/alloc/layout.hpp"
#include "support/rng.hpp"

namespace bare_test {

// Whether a heap's shrink may fail (it moves the block in some cases).
template <class Heap>
inline constexpr bool shrink_can_fail = false;

struct live_block {
  unsigned char* p;
  std::size_t size;
  std::size_t align;
  unsigned char fill;
};

// A shadow of the live blocks: checks alignment, disjointness and contents.
class shadow {
 public:
  ::testing::AssertionResult add(const live_block& b) {
    if (reinterpret_cast<std::uintptr_t>(b.p) % b.align != 0) return ::testing::AssertionFailure() << "misaligned";
    auto it = blocks_.lower_bound(b.p);
    if (it != blocks_.end() && it->first < b.p + (b.size ? b.size : 1)) return ::testing::AssertionFailure() << "overlaps next";
    if (it != blocks_.begin()) {
      auto prev = std::prev(it);
      if (prev->first + (prev->second.size ? prev->second.size : 1) > b.p)
        return ::testing::AssertionFailure() << "overlaps previous";
    }
    std::memset(b.p, b.fill, b.size);
    blocks_[b.p] = b;
    return ::testing::AssertionSuccess();
  }
  ::testing::AssertionResult intact(const live_block& b, std::size_t n) const {
    for (std::size_t i = 0; i < n; ++i)
      if (b.p[i] != b.fill) return ::testing::AssertionFailure() << "byte " << i << " of a block changed";
    return ::testing::AssertionSuccess();
  }
  void remove(unsigned char* p) { blocks_.erase(p); }
  std::size_t size() const { return blocks_.size(); }
  const live_block& nth(std::size_t i) const { return std::next(blocks_.begin(), static_cast<long>(i))->second; }

 private:
  std::map<unsigned char*, live_block> blocks_;
};

// One step of an operation sequence, applied to (heap, shadow). Returns false on a broken rule.
template <class Heap>
::testing::AssertionResult apply(Heap& heap, shadow& sh, unsigned op, std::size_t size, std::size_t align,
                                 std::size_t which, unsigned char fill) {
  switch (op) {
    case 0: {  // allocate
      void* p = heap.allocate(bare::layout{size, align});
      if (p != nullptr) {
        auto r = sh.add(live_block{static_cast<unsigned char*>(p), size, align, fill});
        if (!r) return r;
      }
      break;
    }
    case 1: {  // free
      if (sh.size() == 0) break;
      live_block b = sh.nth(which % sh.size());
      auto r = sh.intact(b, b.size);
      if (!r) return r;
      sh.remove(b.p);
      heap.deallocate(b.p, bare::layout{b.size, b.align});
      break;
    }
    case 2: {  // grow
      if (sh.size() == 0) break;
      live_block b = sh.nth(which % sh.size());
      const std::size_t n = b.size + size;
      void* q = heap.grow(b.p, bare::layout{b.size, b.align}, n);
      if (q == nullptr) {
        auto r = sh.intact(b, b.size);  // failure leaves the block untouched
        if (!r) return r;
        break;
      }
      live_block nb{static_cast<unsigned char*>(q), b.size, b.align, b.fill};
      auto r = sh.intact(nb, b.size);
      if (!r) return r;
      sh.remove(b.p);
      nb.size = n;
      r = sh.add(nb);
      if (!r) return r;
      break;
    }
    case 3: {  // shrink
      if (sh.size() == 0) break;
      live_block b = sh.nth(which % sh.size());
      const std::size_t n = b.size / 2;
      void* q = heap.shrink(b.p, bare::layout{b.size, b.align}, n);
      if (q == nullptr) {
        // A heap whose shrink may move (bounded_allocator across classes) may fail; the block
        // must then be untouched. region_allocator's shrink never fails.
        if (!shrink_can_fail<Heap>) return ::testing::AssertionFailure() << "shrink failed";
        auto r = sh.intact(b, b.size);
        if (!r) return r;
        break;
      }
      live_block nb{static_cast<unsigned char*>(q), n, b.align, b.fill};
      auto r = sh.intact(nb, n);
      if (!r) return r;
      sh.remove(b.p);
      r = sh.add(nb);
      if (!r) return r;
      break;
    }
  }
  if constexpr (requires { heap.check(); }) {
    if (auto c = heap.check(); !c) return ::testing::AssertionFailure() << "check(): " << c.problem;
  }
  return ::testing::AssertionSuccess();
}

struct step {
  unsigned op;
  std::size_t size, align, which;
};


// The alphabet of the exhaustive tests: allocations of a few sizes at alignments 8 and 64,
// and free / grow by 48 / shrink by half of one of the first three live blocks.
inline std::vector<step> standard_alphabet() {
  std::vector<step> alphabet;
  for (std::size_t size : {1u, 12u, 40u, 100u})
    for (std::size_t align : {8u, 64u}) alphabet.push_back({0, size, align, 0});
  for (std::size_t which = 0; which < 3; ++which) {
    alphabet.push_back({1, 0, 0, which});
    alphabet.push_back({2, 48, 0, which});
    alphabet.push_back({3, 0, 0, which});
  }
  return alphabet;
}

// Runs every sequence of 1 .. max_len steps over the alphabet, each on a fresh Heap prepared
// by init(heap) (-> bool), applying the steps with check() after each, then freeing every
// live block and asking empty(heap) (-> bool) whether the heap is back to its initial state.
// *count receives the number of sequences run.
template <class Heap, class Init, class Empty>
::testing::AssertionResult run_all_sequences(const std::vector<step>& alphabet, std::size_t max_len,
                                             std::size_t* count, Init init, Empty empty) {
  std::vector<std::size_t> idx;
  std::size_t sequences = 0;
  const std::size_t k = alphabet.size();
  for (std::size_t len = 1; len <= max_len; ++len) {
    idx.assign(len, 0);
    for (;;) {
      Heap heap;
      if (!init(heap)) return ::testing::AssertionFailure() << "init failed";
      shadow sh;
      for (std::size_t i = 0; i < len; ++i) {
        const step& s = alphabet[idx[i]];
        auto r = apply(heap, sh, s.op, s.size, s.align, s.which, static_cast<unsigned char>(i + 1));
        if (!r) return r << " (sequence #" << sequences << " step " << i << ")";
      }
      while (sh.size() != 0) {
        auto r = apply(heap, sh, 1, 0, 0, 0, 0);
        if (!r) return r << " (sequence #" << sequences << ", freeing)";
      }
      if (!empty(heap)) return ::testing::AssertionFailure() << "not empty after sequence #" << sequences;
      ++sequences;
      std::size_t d = 0;
      while (d < len && ++idx[d] == k) idx[d++] = 0;
      if (d == len) break;
    }
  }
  *count = sequences;
  return ::testing::AssertionSuccess();
}

// `steps` random operations (allocate, free, grow, shrink; sizes mostly below 300, one in
// eight up to 9000; alignments 1 .. 2^max_align_log2) against heap and a shadow, seeded from
// the test's seed, then frees everything.
template <class Heap>
::testing::AssertionResult random_steps(Heap& heap, int steps, unsigned max_align_log2) {
  rng g = test_rng();
  shadow sh;
  for (int i = 0; i < steps; ++i) {
    const unsigned op = sh.size() < 8 ? 0 : static_cast<unsigned>(g.below(4));
    const std::size_t size = g.below(8) == 0 ? g.below(9000) : g.below(300);
    const std::size_t align = std::size_t{1} << g.below(max_align_log2 + 1);
    auto r = apply(heap, sh, op, size, align, g.next(), static_cast<unsigned char>(g.next()));
    if (!r) return r << " (step " << i << ")";
  }
  while (sh.size() != 0) {
    auto r = apply(heap, sh, 1, 0, 0, 0, 0);
    if (!r) return r << " (freeing)";
  }
  return ::testing::AssertionSuccess();
}

}  // namespace bare_test
