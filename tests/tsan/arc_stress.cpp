// arc under ThreadSanitizer (ctest tsan.arc_stress, built with clang -fsanitize=thread).
//
// Several std::threads clone, drop, downgrade, upgrade, get_mut, make_mut and into_inner the
// same values. The values are plain, non-atomic data written by one thread and read or
// destroyed by others, so a missing happens-before edge in arc's counting (the release
// decrement / acquire before destruction, the acquire of upgrade, the weak-count lock of
// get_mut / make_mut) is a data race that TSan reports (and halt_on_error makes fatal).
// Besides, each scenario checks the counting rules: every value destroyed exactly once, no
// block left, exactly one into_inner winner. Bounded: a fixed number of rounds and iterations
// (a few seconds under TSan on two cores).
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <thread>
#include <vector>

#include "bare/alloc/malloc.hpp"
#include "bare/arc.hpp"

namespace {

// The global heap: malloc, with atomic counts of live blocks.
struct counting_heap {
  std::atomic<long> live{0};
  void* allocate(bare::layout l) noexcept {
    void* p = inner.allocate(l);
    if (p != nullptr) live.fetch_add(1, std::memory_order_relaxed);
    return p;
  }
  void deallocate(void* p, bare::layout l) noexcept {
    live.fetch_sub(1, std::memory_order_relaxed);
    inner.deallocate(p, l);
  }
  bare::malloc_allocator inner;
};
counting_heap g_heap;

std::atomic<int> g_failures{0};
#define STRESS_CHECK(cond)                                                  \
  do {                                                                      \
    if (!(cond)) {                                                          \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      g_failures.fetch_add(1);                                              \
    }                                                                       \
  } while (0)

// Plain data: written at construction, read by the holders, checked and cleared by the
// destructor. Construction and destruction are counted.
struct payload {
  static inline std::atomic<long> made{0};
  static inline std::atomic<long> destroyed{0};
  int words[8];
  explicit payload(int v) {
    for (int& w : words) w = v;
    made.fetch_add(1, std::memory_order_relaxed);
  }
  payload(const payload& o) {
    for (int i = 0; i < 8; ++i) words[i] = o.words[i];
    made.fetch_add(1, std::memory_order_relaxed);
  }
  ~payload() {
    for (int& w : words) w = -1;  // a write: races with any read not ordered before it
    destroyed.fetch_add(1, std::memory_order_relaxed);
  }
  int sum() const {
    int s = 0;
    for (int w : words) s += w;
    return s;
  }
};

using parc = bare::arc<payload>;
using pweak = bare::arc_weak<payload>;

parc make(int v) {
  auto r = bare::try_make_arc<payload>(v);
  if (!r) {
    std::fprintf(stderr, "allocation failed\n");
    std::abort();
  }
  return static_cast<parc&&>(*r);
}

template <class F>
void run_threads(int n, F f) {
  std::vector<std::thread> ts;
  for (int t = 0; t < n; ++t) ts.emplace_back(f, t);
  for (auto& t : ts) t.join();
}

constexpr int kThreads = 4;

// Clone / downgrade / upgrade / drop storm on one value; it lives to the end.
void clone_storm() {
  parc shared = make(3);
  run_threads(kThreads, [&shared](int) {
    parc mine = shared;  // (shared itself is only read: copying from it is allowed concurrently)
    for (int i = 0; i < 20000; ++i) {
      parc c = mine;
      pweak w = c.downgrade();
      pweak w2 = w;
      parc u = w2.upgrade();
      STRESS_CHECK(u && u->sum() == 24);
    }
  });
  STRESS_CHECK(shared.strong_count() == 1 && shared.weak_count() == 0);
}

// The last drop happens in any thread: every holder's reads must happen before the destructor.
void last_drop_race() {
  for (int round = 0; round < 2000; ++round) {
    parc p = make(round);
    std::vector<parc> copies(kThreads, p);
    p.reset();
    run_threads(kThreads, [&copies, round](int t) {
      parc mine = static_cast<parc&&>(copies[static_cast<std::size_t>(t)]);
      STRESS_CHECK(mine->sum() == 8 * round);
    });
  }
}

// Weak holders upgrade while the last strong pointer goes: an upgrade never resurrects, and a
// successful one reads a value that is not being destroyed.
void upgrade_vs_drop() {
  for (int round = 0; round < 1000; ++round) {
    parc p = make(1);
    pweak w = p.downgrade();
    std::atomic<bool> go{false};
    std::thread dropper([&] {
      while (!go.load(std::memory_order_acquire)) {
      }
      p.reset();
    });
    run_threads(kThreads - 1, [&w, &go](int) {
      pweak mine = w;
      go.store(true, std::memory_order_release);
      bool gone = false;
      for (int i = 0; i < 200 && !gone; ++i) {
        if (parc s = mine.upgrade()) STRESS_CHECK(s->sum() == 8);
        else gone = true;
      }
    });
    dropper.join();
    STRESS_CHECK(!w.upgrade());
  }
}

// Exactly one of the holders that call into_inner gets the value.
void into_inner_race() {
  for (int round = 0; round < 1000; ++round) {
    parc p = make(round);
    std::vector<parc> copies(kThreads, p);
    p.reset();
    std::atomic<int> winners{0};
    run_threads(kThreads, [&](int t) {
      std::optional<payload> v = static_cast<parc&&>(copies[static_cast<std::size_t>(t)]).into_inner();
      if (v) {
        STRESS_CHECK(v->sum() == 8 * round);
        winners.fetch_add(1);
      }
    });
    STRESS_CHECK(winners.load() == 1);
  }
}

// The owner of the only strong pointer writes through get_mut / make_mut while a reader turns
// its weak pointer into a strong one, drops the weak one, reads, and drops the strong one.
// get_mut must not see "strong == 1, no weak" between the reader's upgrade and its weak drop
// (the reason for the weak-count lock), and must synchronise with the reader's drops (its
// reads happen before the owner's next writes); make_mut must copy or move the value away
// from the reader. A wrong answer is a write racing with the reader's read.
void get_mut_vs_weak() {
  for (int round = 0; round < 2000; ++round) {
    parc owner = make(2);
    pweak w = owner.downgrade();
    std::atomic<bool> reader_done{false};
    std::thread reader([&w, &reader_done] {
      pweak mine = static_cast<pweak&&>(w);
      parc s = mine.upgrade();
      mine.reset();
      if (s) STRESS_CHECK(s->sum() >= 0);
      s.reset();
      reader_done.store(true, std::memory_order_release);
    });
    int writes = 0;
    for (long i = 0; i < 100000 && !reader_done.load(std::memory_order_relaxed); ++i) {
      if (payload* m = owner.get_mut()) m->words[0] = ++writes;
      if (i % 64 == 63) {
        auto r = owner.try_make_mut();
        STRESS_CHECK(r.has_value());
        if (r) (*r).words[1] = ++writes;
      }
    }
    if (payload* m = owner.get_mut()) m->words[2] = ++writes;
    reader.join();
    STRESS_CHECK(owner.get_mut() != nullptr && owner.weak_count() == 0);
  }
}

// One thread checks uniqueness (locking the weak count) while another downgrades and drops
// weak pointers from its own strong pointer: downgrade waits for the lock; no count is lost.
void downgrade_vs_lock() {
  parc a = make(5);
  parc b = a;
  std::atomic<bool> stop{false};
  std::thread checker([&a, &stop] {
    while (!stop.load(std::memory_order_relaxed)) STRESS_CHECK(a.get_mut() == nullptr);
  });
  for (int i = 0; i < 50000; ++i) {
    pweak w = b.downgrade();
    pweak w2 = w;
    STRESS_CHECK(w2.upgrade()->sum() == 40);
  }
  stop.store(true, std::memory_order_relaxed);
  checker.join();
  STRESS_CHECK(a.strong_count() == 2 && a.weak_count() == 0);
  b.reset();
  STRESS_CHECK(a.get_mut() != nullptr);
}

}  // namespace

BARE_GLOBAL_ALLOCATOR(g_heap);

int main() {
  clone_storm();
  last_drop_race();
  upgrade_vs_drop();
  into_inner_race();
  get_mut_vs_weak();
  downgrade_vs_lock();
  STRESS_CHECK(payload::made.load() == payload::destroyed.load());  // each exactly once
  STRESS_CHECK(g_heap.live.load() == 0);
  const int failures = g_failures.load();
  std::printf("arc stress: made=%ld destroyed=%ld live_blocks=%ld failures=%d\n", payload::made.load(),
              payload::destroyed.load(), g_heap.live.load(), failures);
  return failures == 0 ? 0 : 1;
}
