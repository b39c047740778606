// spsc_queue under ThreadSanitizer (ctest tsan.spsc_stress, built with clang -fsanitize=thread).
//
// A producer thread pushes records whose plain (non-atomic) fields it fills, and a consumer
// thread pops them and reads and clears those fields; each record also owns a heap block. A
// missing happens-before edge (the release store of tail before the consumer's acquire, or of
// head before the producer reuses a slot) is a data race on those fields or on the slot that
// TSan reports (halt_on_error makes it fatal). The consumer checks FIFO order and contents,
// and at the end every record was destroyed once and every block freed. Several capacities,
// including 1 (every push waits for a pop) and a non-power of two. Bounded: a fixed number
// of records per capacity.
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "bare/spsc_queue.hpp"

namespace {

std::atomic<long> g_live{0};
std::atomic<int> g_failures{0};
#define STRESS_CHECK(cond)                                                           \
  do {                                                                               \
    if (!(cond)) {                                                                   \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      g_failures.fetch_add(1);                                                       \
    }                                                                                \
  } while (0)

struct record {
  std::uint32_t seq;
  std::uint32_t check;
  std::uint32_t* owned;  // a heap block: a use after free or a leak is visible
  explicit record(std::uint32_t s) : seq(s), check(s * 2654435761u), owned(new std::uint32_t(s)) { ++g_live; }
  record(record&& o) noexcept : seq(o.seq), check(o.check), owned(o.owned) {
    o.owned = nullptr;
    ++g_live;
  }
  record(const record&) = delete;
  record& operator=(const record&) = delete;
  ~record() {
    delete owned;
    --g_live;
  }
};

template <std::size_t N>
void run(std::uint32_t count) {
  bare::spsc_queue<record, N> q;
  auto [tx, rx] = q.split();
  std::thread producer([tx = tx, count]() mutable {
    for (std::uint32_t i = 0; i < count;) {
      if (tx.try_emplace(i)) ++i;
      else std::this_thread::yield();
    }
  });
  std::thread consumer([rx = rx, count]() mutable {
    std::uint32_t expected = 0;
    while (expected < count) {
      if (auto r = rx.try_pop()) {
        STRESS_CHECK(r->seq == expected);
        STRESS_CHECK(r->check == expected * 2654435761u);
        STRESS_CHECK(r->owned != nullptr && *r->owned == expected);
        ++expected;
      } else {
        std::this_thread::yield();
      }
    }
    STRESS_CHECK(!rx.try_pop());
  });
  producer.join();
  consumer.join();
  STRESS_CHECK(q.empty());
}

}  // namespace

int main() {
  run<1>(50000);
  run<3>(200000);
  run<64>(500000);
  STRESS_CHECK(g_live.load() == 0);
  if (g_failures.load() != 0) {
    std::fprintf(stderr, "spsc_stress: %d failures\n", g_failures.load());
    return 1;
  }
  std::printf("spsc_stress: ok\n");
  return 0;
}
