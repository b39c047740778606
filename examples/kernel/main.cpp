// Kernel-style example for x86-64: the memory-management core of a toy kernel, built the way a
// kernel is built (-ffreestanding -nostdlib -fno-exceptions -fno-rtti, -mno-red-zone,
// -mcmodel=kernel, no SSE/MMX registers: see CMakeLists.txt) and with
// BARE_NO_GLOBAL_OOM_HANDLING, so the compiler proves that no allocation failure can end in a
// trap: every allocation goes through the try_ API and its failure is handled here. It runs
// as a user-space static binary (its own _start; write/exit through raw syscalls, from
// targets/x86_64-freestanding) so that CI can run it.
//
// Memory, bottom up:
//   page_allocator   4 KiB page frames from a static arena (the stand-in for the RAM the boot
//                    loader reports), one bit per page, first fit for runs of pages; a bare
//                    allocator (allocate / deallocate by layout).
//   kernel_heap      kmalloc: objects smaller than half a page come from a region_allocator
//                    (O(1) TLSF) whose regions are 32 KiB slabs of pages, added on demand;
//                    larger objects are whole pages. It is the global allocator.
// Kernel state on that heap: a process table (hash_map pid -> process), each process's
// address space (btree_map start -> vma, sorted, so a fault address finds its area in
// O(log n)) and the pages mapped into it (vec). Page faults map pages until memory runs out;
// then the OOM killer frees the largest process and the faults go on.
#include <cstddef>
#include <cstdint>

#include "bare/alloc/region.hpp"
#include "bare/btree_map.hpp"
#include "bare/fixed_string.hpp"
#include "bare/hash.hpp"
#include "bare/hash_map.hpp"
#include "bare/vec.hpp"
#include "port.h"

#if BARE_OOM_HANDLING
#error "the kernel example is built with BARE_NO_GLOBAL_OOM_HANDLING (CMakeLists.txt)"
#endif

namespace {

// ---- console -----------------------------------------------------------------------------------

void print(const char* s) {
  std::size_t n = 0;
  while (s[n] != '\0') ++n;
  bare_port_write(s, n);
}
void print(bare::str s) { bare_port_write(s.data(), s.size()); }
void print_uint(std::uint64_t v) {
  char buf[21];
  char* p = buf + sizeof buf;
  do {
    *--p = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  bare_port_write(p, static_cast<unsigned long>(buf + sizeof buf - p));
}
[[noreturn]] void on_panic(const char* msg, bare::source_loc where) {
  print("kernel panic: ");
  print(msg);
  if (where.file != nullptr) {
    print(" at ");
    print(where.file);
  }
  print("\n");
  bare_port_exit(3);
}

// ---- page frames ---------------------------------------------------------------------------------

constexpr std::size_t page_size = 4096;
constexpr std::size_t ram_pages = 256;  // 1 MiB of "physical memory"
alignas(page_size) unsigned char g_ram[ram_pages * page_size];

// Page frame allocator: bit i of used_ is set iff page i is allocated. allocate rounds the size
// up to whole pages and honours any power-of-two alignment (above 4 KiB: the first page's
// index is a multiple of align / 4096). O(ram_pages) first fit; nullptr when no run is free.
class page_allocator {
 public:
  void* allocate(bare::layout l) noexcept {
    const std::size_t n = pages_for(l.size);
    const std::size_t step = l.align > page_size ? l.align / page_size : 1;
    for (std::size_t first = 0; first + n <= ram_pages; first += step) {
      std::size_t i = 0;
      while (i < n && !used(first + i)) ++i;
      if (i == n) {
        for (i = 0; i < n; ++i) set(first + i, true);
        free_ -= n;
        low_ = free_ < low_ ? free_ : low_;
        return g_ram + first * page_size;
      }
    }
    ++failures_;
    return nullptr;
  }
  // Preconditions (checked): p was returned by allocate with a layout of the same page count.
  void deallocate(void* p, bare::layout l) noexcept {
    const auto off = static_cast<std::size_t>(static_cast<unsigned char*>(p) - g_ram);
    if (off % page_size != 0 || off / page_size + pages_for(l.size) > ram_pages)
      bare::panic("page_allocator: not a page of this allocator");
    for (std::size_t i = off / page_size, e = i + pages_for(l.size); i < e; ++i) {
      if (!used(i)) bare::panic("page_allocator: page freed twice");
      set(i, false);
    }
    free_ += pages_for(l.size);
  }
  static constexpr std::size_t pages_for(std::size_t bytes) noexcept {
    return bytes == 0 ? 1 : (bytes + page_size - 1) / page_size;
  }
  std::size_t free_pages() const noexcept { return free_; }
  std::size_t low_water() const noexcept { return low_; }
  std::size_t failures() const noexcept { return failures_; }

 private:
  bool used(std::size_t i) const noexcept { return (used_[i / 64] >> (i % 64)) & 1u; }
  void set(std::size_t i, bool on) noexcept {
    const std::uint64_t bit = std::uint64_t{1} << (i % 64);
    used_[i / 64] = on ? used_[i / 64] | bit : used_[i / 64] & ~bit;
  }
  std::uint64_t used_[ram_pages / 64] = {};
  std::size_t free_ = ram_pages, low_ = ram_pages, failures_ = 0;
};
static_assert(bare::allocator<page_allocator>);

page_allocator g_pages;

// kmalloc: small objects from a region_allocator fed with 32 KiB slabs of pages; the rest in
// whole pages. The route depends only on the layout, so deallocate finds the same one.
class kernel_heap {
 public:
  static constexpr std::size_t small_max = page_size / 2;
  static constexpr bare::layout slab{8 * page_size, page_size};

  void* allocate(bare::layout l) noexcept {
    if (!small(l)) return g_pages.allocate(l);
    if (void* p = region_.allocate(l)) return p;
    // The region is out of room: give it another slab of pages, then try once more.
    void* more = g_pages.allocate(slab);
    if (more == nullptr) return nullptr;
    if (!(slabs_ == 0 ? region_.init(more, slab.size) : region_.add_region(more, slab.size))) {
      g_pages.deallocate(more, slab);
      return nullptr;
    }
    ++slabs_;
    return region_.allocate(l);
  }
  void deallocate(void* p, bare::layout l) noexcept {
    if (small(l)) region_.deallocate(p, l);
    else g_pages.deallocate(p, l);
  }
  std::size_t slabs() const noexcept { return slabs_; }
  const bare::region_allocator& region() const noexcept { return region_; }

 private:
  static bool small(bare::layout l) noexcept { return l.size < small_max && l.align <= 16; }
  bare::region_allocator region_;
  std::size_t slabs_ = 0;
};

kernel_heap g_kheap;

// ---- processes and address spaces ----------------------------------------------------------------

enum vma_flags : std::uint8_t { readable = 1, writable = 2, executable = 4 };
struct vma {
  std::uintptr_t end;  // [start (the key), end)
  std::uint8_t flags;
};
struct process {
  std::uint32_t pid;
  bare::fixed_string<16> name;
  bare::btree_map<std::uintptr_t, vma> areas;  // sorted by start address
  bare::vec<void*> pages;                      // page frames mapped into it
};

// The area containing addr: the last one starting at or before it, if it ends after it.
// O(log areas), never allocates.
const vma* find_area(const process& p, std::uintptr_t addr) {
  auto it = p.areas.upper_bound(addr);
  if (it == p.areas.begin()) return nullptr;
  --it;
  const auto [start, area] = *it;
  return addr >= start && addr < area.end ? &area : nullptr;
}

using process_table = bare::hash_map<std::uint32_t, process>;

void release(process& p) {
  for (void* page : p.pages) g_pages.deallocate(page, bare::layout{page_size, page_size});
  p.pages.clear();
}

// The OOM killer: frees the process with the most pages (ties: the lowest pid). O(processes).
bool oom_kill(process_table& table, std::uint32_t* victim_pid, bare::fixed_string<16>* victim_name, std::size_t* freed) {
  process* victim = nullptr;
  for (auto [pid, p] : table)
    if (victim == nullptr || p.pages.size() > victim->pages.size() ||
        (p.pages.size() == victim->pages.size() && pid < victim->pid))
      victim = &p;
  if (victim == nullptr) return false;
  *victim_pid = victim->pid;
  *victim_name = victim->name;
  *freed = victim->pages.size();
  release(*victim);
  (void)table.remove(*victim_pid);
  return true;
}

// A small xorshift for the workload (deterministic).
struct xorshift {
  std::uint64_t s;
  std::uint64_t next() noexcept {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  }
};

// Creates process pid with its address space: text, data, heap, a few mmaps, stack.
// On failure (kernel heap exhausted) nothing is left behind and the error says why.
bare::result<void> spawn(process_table& table, std::uint32_t pid, xorshift& rng) {
  process p{pid, {}, {}, {}};
  if (!p.name.try_push_str("init-") || !p.name.try_append_int(pid)) return bare::err(bare::alloc_error{});
  const std::uintptr_t base = 0x400000;
  if (auto r = p.areas.try_insert(base, vma{base + 0x10000, readable | executable}); !r) return bare::err(r.error());
  if (auto r = p.areas.try_insert(base + 0x20000, vma{base + 0x28000, readable | writable}); !r)
    return bare::err(r.error());
  const std::size_t mmaps = 1 + rng.next() % 4;
  for (std::size_t i = 0; i < mmaps; ++i) {
    const std::uintptr_t at = 0x7f0000000000 + i * 0x100000;
    if (auto r = p.areas.try_insert(at, vma{at + 0x40000, readable | writable}); !r) return bare::err(r.error());
  }
  if (auto r = p.areas.try_insert(0x7ffffff00000, vma{0x7ffffff80000, readable | writable}); !r)
    return bare::err(r.error());
  if (auto r = table.try_insert(pid, static_cast<process&&>(p)); !r) return bare::err(r.error());
  return {};
}

// Handles a fault at addr in process p: maps a fresh page if addr is in one of its areas (a toy:
// there is no page table, every fault costs a page).
// 0: mapped; 1: segmentation fault (no area); 2: out of memory (nothing changed).
int fault(process& p, std::uintptr_t addr) {
  if (find_area(p, addr) == nullptr) return 1;
  if (auto r = p.pages.try_reserve(1); !r) return 2;  // room to record it, before taking the page
  void* page = g_pages.allocate(bare::layout{page_size, page_size});
  if (page == nullptr) return 2;
  (void)p.pages.push_back_within_capacity(page);  // cannot fail: reserved above
  return 0;
}

}  // namespace

BARE_GLOBAL_ALLOCATOR(g_kheap);
// The hash seed from the time-stamp counter (a real kernel mixes in RDRAND and boot entropy).
// It changes the process table's layout from run to run, and with it when the table rehashes
// in place or grows, so the counts printed below vary a little between runs.
BARE_HASH_SEED(__builtin_ia32_rdtsc());

int main() {
  bare::set_panic_handler(on_panic);
  xorshift rng{0x9E3779B97F4A7C15ull};
  std::size_t faults = 0, mapped = 0, segv = 0, kills = 0, spawn_failures = 0, pages_killed = 0;
  {
    process_table table;
    std::uint32_t next_pid = 1;
    for (int round = 0; round < 4000; ++round) {
      if (table.size() < 24) {  // keep the machine busy: start processes as others die
        if (spawn(table, next_pid, rng)) ++next_pid;
        else ++spawn_failures;
      }
      if (next_pid == 1) bare::panic("cannot start the first process");
      // A fault in a random process at a random address of its areas (some miss on purpose).
      auto target = static_cast<std::uint32_t>(1 + rng.next() % (next_pid - 1));
      process* p = table.get(target);
      if (p == nullptr) continue;  // that one was killed
      const std::uint64_t r = rng.next();
      const std::uintptr_t addr = (r & 1) ? 0x7f0000000000 + (r >> 8) % 4 * 0x100000 + (r >> 16) % 0x48000
                                          : 0x400000 + (r >> 8) % 0x2a000;
      ++faults;
      switch (fault(*p, addr)) {
        case 0: ++mapped; break;
        case 1: ++segv; break;
        default: {
          std::uint32_t pid = 0;
          bare::fixed_string<16> name;
          std::size_t freed = 0;
          if (!oom_kill(table, &pid, &name, &freed)) bare::panic("out of memory with no process to kill");
          ++kills;
          pages_killed += freed;
          if (kills <= 3) {
            print("kernel: out of memory: oom killer freed pid ");
            print_uint(pid);
            print(" (");
            print(name);
            print(", ");
            print_uint(freed);
            print(" pages)\n");
          }
        }
      }
    }
    std::size_t areas = 0, resident = 0;
    for (auto [pid, p] : table) {
      areas += p.areas.size();
      resident += p.pages.size();
    }
    print("kernel: ");
    print_uint(faults);
    print(" page faults: ");
    print_uint(mapped);
    print(" mapped, ");
    print_uint(segv);
    print(" outside any area; ");
    print_uint(kills);
    print(" oom kills freed ");
    print_uint(pages_killed);
    print(" pages; ");
    print_uint(spawn_failures);
    print(" spawns refused\n");
    print("kernel: ");
    print_uint(table.size());
    print(" processes (hash_map), ");
    print_uint(areas);
    print(" areas (btree_map), ");
    print_uint(resident);
    print(" resident pages (vec); lowest free: ");
    print_uint(g_pages.low_water());
    print(" of ");
    print_uint(ram_pages);
    print(" pages\n");
    for (auto [pid, p] : table) release(p);
  }
  // Everything is gone: only the kernel heap's slabs still hold pages, and the heap is empty.
  const bare::region_stats st = g_kheap.region().stats();
  const bare::heap_check check = g_kheap.region().check();
  const bool balanced = g_pages.free_pages() + g_kheap.slabs() * (kernel_heap::slab.size / page_size) == ram_pages;
  print("kernel: shutdown: kernel heap ");
  print_uint(g_kheap.slabs());
  print(" slabs, ");
  print_uint(st.allocations);
  print(" allocations, peak ");
  print_uint(st.peak);
  print(" bytes, ");
  print_uint(st.allocated);
  print(" bytes still in use, check ");
  print(check ? "ok" : check.problem);
  print("; page frames ");
  print(balanced ? "balanced" : "LEAKED");
  print("\n");
  return check && balanced && st.allocated == 0 && kills > 0 ? 0 : 1;
}
