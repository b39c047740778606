// Hosted example: fallible growth under a memory budget per subsystem (bare::budget<A>).
//
// Three subsystems of one program share the C library's heap, each capped by its own budget,
// so that one of them running wild cannot starve the others. Every container of a subsystem
// allocates through its budget (by_ref<...>), only with the try_ API, and each subsystem
// decides what to do when an allocation is refused:
//
//   log      4 KiB: the recent log lines (vec_deque of strings). Over budget (alloc_errc::full)
//            it drops its oldest lines and retries: the log degrades, nothing else suffers.
//   cache    12 KiB: responses by request id (btree_map of strings). Over budget it evicts the
//            oldest entry (the smallest id) and retries.
//   network  16 KiB budget, but its packets live in an 8 KiB arena (bump_allocator, reset after
//            each burst): the arena runs out first, and that is alloc_errc::out_of_memory, not
//            full. A packet that cannot be buffered is dropped and counted; the burst goes on.
//
// counting<> around each budget records the peak and the refusals.
#include <cstdio>

#include "bare/alloc/budget.hpp"
#include "bare/alloc/bump.hpp"
#include "bare/alloc/counting.hpp"
#include "bare/alloc/malloc.hpp"
#include "bare/btree_map.hpp"
#include "bare/fixed_string.hpp"
#include "bare/string.hpp"
#include "bare/vec.hpp"
#include "bare/vec_deque.hpp"

namespace {

// A subsystem's heap: statistics around a budget around the inner allocator.
template <class Inner>
struct subsystem_heap {
  subsystem_heap(std::size_t limit, Inner inner) : counted(bare::budget<Inner>(limit, inner)) {}
  bare::counting<bare::budget<Inner>> counted;

  bare::budget<Inner>& budget() { return counted.inner(); }
  void print(const char* name, const char* what) {
    const bare::alloc_stats& s = counted.stats();
    std::printf("budget: %-8s %5zu B budget: %5zu in use, peak %5zu, %3zu refused -> %s\n", name,
                budget().limit(), budget().used(), s.peak_bytes, s.failures, what);
  }
  bool within_budget() { return counted.stats().peak_bytes <= budget().limit(); }
};

using heap_alloc = bare::malloc_allocator;
using log_alloc = bare::by_ref<bare::counting<bare::budget<heap_alloc>>>;
using net_alloc = bare::by_ref<bare::counting<bare::budget<bare::by_ref<bare::bump_allocator>>>>;

// ---- log: drop the oldest lines when the budget is full ------------------------------------

struct log_buffer {
  explicit log_buffer(log_alloc a) : lines(a), alloc(a) {}
  bare::vec_deque<bare::string<log_alloc>, log_alloc> lines;
  log_alloc alloc;
  std::size_t written = 0, dropped = 0;

  // Appends a line; over budget, forgets the oldest ones until it fits. Returns false only if
  // the line cannot fit even in an empty log.
  bool write(bare::str text) {
    for (;;) {
      auto line = bare::string<log_alloc>::try_from(text, alloc);
      if (line) {
        if (lines.try_push_back(static_cast<bare::string<log_alloc>&&>(*line))) break;
      } else if (line.error().kind != bare::alloc_errc::full) {
        return false;  // the heap itself is out of memory: give up on this line
      }
      if (!lines.pop_front()) return false;  // nothing left to drop
      ++dropped;
    }
    ++written;
    return true;
  }
};

// ---- cache: evict the oldest entry when the budget is full -------------------------------------

struct response_cache {
  explicit response_cache(log_alloc a) : entries(bare::less<std::uint32_t>(), a), alloc(a) {}
  bare::btree_map<std::uint32_t, bare::string<log_alloc>, bare::less<std::uint32_t>, log_alloc> entries;
  log_alloc alloc;
  std::size_t evicted = 0;

  bool put(std::uint32_t id, bare::str body) {
    for (;;) {
      auto value = bare::string<log_alloc>::try_from(body, alloc);
      if (value) {
        auto r = entries.try_insert(id, static_cast<bare::string<log_alloc>&&>(*value));
        if (r) return true;
        // Not inserted: the value was not consumed and goes with this iteration.
      }
      if (!entries.pop_first()) return false;
      ++evicted;
    }
  }
};

}  // namespace

int main() {
  // ---- log -----------------------------------------------------------------------------------
  subsystem_heap<heap_alloc> log_heap(4096, heap_alloc{});
  std::size_t log_lines = 0, log_dropped = 0;
  {
    log_buffer log(log_alloc(log_heap.counted));
    for (int i = 0; i < 200; ++i) {
      bare::fixed_string<64> msg;
      (void)msg.try_push_str("request ");
      (void)msg.try_append_int(i);
      (void)msg.try_push_str(i % 7 == 0 ? bare::str(": slow path, retried twice") : bare::str(": ok"));
      if (!log.write(msg)) std::printf("budget: log line %d lost\n", i);
    }
    log_lines = log.lines.size();
    log_dropped = log.dropped;
    std::printf("budget: log keeps the last %zu of %zu lines, newest \"%.*s\"\n", log_lines, log.written,
                static_cast<int>(log.lines.back().size()), log.lines.back().data());
    char what[64];
    std::snprintf(what, sizeof what, "%zu oldest lines dropped", log_dropped);
    log_heap.print("log", what);
  }

  // ---- cache ---------------------------------------------------------------------------------
  subsystem_heap<heap_alloc> cache_heap(12 * 1024, heap_alloc{});
  {
    response_cache cache(log_alloc(cache_heap.counted));
    char body[200];
    for (std::uint32_t id = 1; id <= 300; ++id) {
      const int n = std::snprintf(body, sizeof body, "{\"id\": %u, \"payload\": \"%0*u\"}", id,
                                  static_cast<int>(20 + id % 80), id);
      if (!cache.put(id, bare::str::from_utf8_unchecked(body, static_cast<std::size_t>(n))))
        std::printf("budget: cache could not hold response %u\n", id);
    }
    std::printf("budget: cache holds responses %u..%u (%zu entries)\n", cache.entries.first()->first,
                cache.entries.last()->first, cache.entries.size());
    char what[64];
    std::snprintf(what, sizeof what, "%zu oldest entries evicted", cache.evicted);
    cache_heap.print("cache", what);
  }

  // ---- network -------------------------------------------------------------------------------
  alignas(16) static unsigned char arena_bytes[8 * 1024];
  bare::bump_allocator arena(arena_bytes, sizeof arena_bytes);
  subsystem_heap<bare::by_ref<bare::bump_allocator>> net_heap(16 * 1024, arena);
  std::size_t received = 0, dropped_oom = 0, dropped_full = 0;
  unsigned long checksum = 0;
  for (int burst = 0; burst < 6; ++burst) {
    bare::vec<bare::vec<unsigned char, net_alloc>, net_alloc> queue{net_alloc(net_heap.counted)};
    if (!queue.try_reserve(16)) {  // the queue first, so that packets cannot starve it
      ++dropped_oom;
      continue;
    }
    for (int i = 0; i < 16; ++i) {
      const std::size_t size = (i * 397 + burst * 131) % 1400 + 64;  // 64 .. 1463 bytes
      auto packet = bare::vec<unsigned char, net_alloc>::try_with_capacity(size, net_alloc(net_heap.counted));
      if (!packet) {
        (packet.error().kind == bare::alloc_errc::out_of_memory ? dropped_oom : dropped_full) += 1;
        continue;  // dropped; the rest of the burst is still received
      }
      for (std::size_t b = 0; b < size; ++b) (void)packet->push_back_within_capacity(static_cast<unsigned char>(b + i));
      (void)queue.push_back_within_capacity(static_cast<bare::vec<unsigned char, net_alloc>&&>(*packet));
      ++received;
    }
    for (const auto& p : queue)
      for (unsigned char b : p) checksum += b;
    queue = decltype(queue)(net_alloc(net_heap.counted));
    arena.reset();  // the burst is processed: the whole arena is free again
  }
  std::printf("budget: network received %zu packets (checksum %lu), dropped %zu on out_of_memory "
              "(8 KiB arena exhausted), %zu over budget\n",
              received, checksum, dropped_oom, dropped_full);
  char what[96];
  std::snprintf(what, sizeof what, "the arena, not the budget, is the limit");
  net_heap.print("network", what);

  const bool ok = log_heap.within_budget() && cache_heap.within_budget() && net_heap.within_budget() &&
                  log_heap.counted.stats().failures > 0 && cache_heap.counted.stats().failures > 0 &&
                  dropped_oom > 0 && log_heap.budget().used() == 0 && cache_heap.budget().used() == 0;
  std::printf(ok ? "budget: every subsystem stayed within its budget and handled its refusals\n"
                 : "budget: FAILED: a budget was exceeded or an allocation leaked\n");
  return ok ? 0 : 1;
}
