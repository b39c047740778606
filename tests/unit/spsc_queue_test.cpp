// spsc_queue<T, N>: every slot is used (N elements fit, the (N+1)-th is refused), FIFO order
// across many wrap-arounds of the 2N counters, element lifetimes (tracked), peek / drain, ends
// that serve every capacity, and a producer and a consumer thread (the ThreadSanitizer run of
// the same is tests/tsan/spsc_stress.cpp).
#include <gtest/gtest.h>

#include <cstdint>
#include <thread>
#include <vector>

#include "bare/spsc_queue.hpp"
#include "support/death.hpp"
#include "support/tracked.hpp"

namespace {

using namespace bare_test;  // NOLINT

TEST(SpscQueue, UsesAllNSlots) {
  bare::spsc_queue<int, 5> q;
  auto [tx, rx] = q.split();
  EXPECT_EQ(tx.capacity(), 5u);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(tx.try_push(i)) << "slot " << i;
  EXPECT_TRUE(tx.full());
  auto r = tx.try_push(5);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, bare::alloc_errc::full);
  EXPECT_EQ(q.size(), 5u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(rx.try_pop(), std::optional<int>(i));
  EXPECT_FALSE(rx.try_pop());
  EXPECT_TRUE(q.empty());
}

TEST(SpscQueue, FifoAcrossWrapArounds) {
  bare::spsc_queue<int, 3> q;  // counters run modulo 6
  auto [tx, rx] = q.split();
  int next_in = 0, next_out = 0;
  for (int round = 0; round < 1000; ++round) {
    const int pushes = round % 4;
    for (int i = 0; i < pushes; ++i)
      if (tx.try_push(next_in)) ++next_in;
    const int pops = (round * 7) % 4;
    for (int i = 0; i < pops; ++i)
      if (auto v = rx.try_pop()) {
        ASSERT_EQ(*v, next_out);
        ++next_out;
      }
    ASSERT_EQ(q.size(), static_cast<std::size_t>(next_in - next_out));
    ASSERT_LE(q.size(), 3u);
  }
  EXPECT_GT(next_out, 900);
}

TEST(SpscQueue, ElementLifetimes) {
  {
    bare::spsc_queue<counted, 4> q;
    auto [tx, rx] = q.split();
    counted c(7);
    ASSERT_TRUE(tx.try_push(c));
    ASSERT_TRUE(tx.try_emplace(8));
    ASSERT_TRUE(tx.try_push(counted(9)));
    EXPECT_EQ(counted::live, 4);  // c + 3 queued
    ASSERT_NE(rx.peek(), nullptr);
    EXPECT_EQ(rx.peek()->value(), 7);
    std::vector<int> got;
    EXPECT_EQ(rx.drain([&](counted&& x) { got.push_back(x.value()); }, 2), 2u);
    EXPECT_EQ(got, (std::vector<int>{7, 8}));
    EXPECT_EQ(counted::live, 2);
    ASSERT_TRUE(tx.try_push(counted(10)));
  }  // the queue destroys the two still queued
  EXPECT_EQ(counted::live, 0);
  EXPECT_EQ(counted::errors, 0);
}

// An end does not depend on N.
int push_all(bare::spsc_producer<int> tx, int n) {
  int pushed = 0;
  for (int i = 0; i < n; ++i) pushed += tx.try_push(i).has_value();
  return pushed;
}

TEST(SpscQueue, EndsServeEveryCapacity) {
  bare::spsc_queue<int, 2> a;
  bare::spsc_queue<int, 300> b;
  EXPECT_EQ(push_all(a.split().tx, 10), 2);
  EXPECT_EQ(push_all(b.split().tx, 10), 10);
}

TEST(SpscQueueDeath, PushOnFullPanics) {
  panic_handler_guard g(exiting_panic_handler);
  bare::spsc_queue<int, 1> q;
  auto tx = q.split().tx;
  tx.push(1);
  EXPECT_EXIT(tx.push(2), ::testing::ExitedWithCode(panic_exit), "full");
}

TEST(SpscQueue, ProducerAndConsumerThreads) {
  constexpr std::uint32_t count = 200000;
  bare::spsc_queue<std::uint32_t, 64> q;
  auto [tx, rx] = q.split();
  std::thread producer([tx = tx]() mutable {
    for (std::uint32_t i = 0; i < count;)
      if (tx.try_push(i)) ++i;
  });
  std::uint32_t expected = 0;
  std::uint64_t mismatches = 0;
  while (expected < count) {
    if (auto v = rx.try_pop()) {
      mismatches += *v != expected;
      ++expected;
    }
  }
  producer.join();
  EXPECT_EQ(mismatches, 0u);
  EXPECT_TRUE(q.empty());
}

// A trivially copyable element without a copy constructor is moved out by try_pop.
TEST(SpscQueue, PopMovesATriviallyCopyableMoveOnlyValue) {
  bare::spsc_queue<trivial_move_only, 3> q;
  auto [tx, rx] = q.split();
  ASSERT_TRUE(tx.try_push(trivial_move_only(4)));
  ASSERT_TRUE(tx.try_push(trivial_move_only(5)));
  EXPECT_EQ(rx.try_pop()->v, 4);
  EXPECT_EQ(rx.try_pop()->v, 5);
  EXPECT_FALSE(rx.try_pop());
}

}  // namespace
