// libFuzzer target for bare::linked_list's cursors: the input is a program of cursor (and a few
// list) operations, run on a linked_list and mirrored on a std::list<int> with an iterator as
// the cursor (end() is the ghost); any divergence, broken ring, wrong cursor index or broken
// strong guarantee is a __builtin_trap().
//
// Input layout:
//   byte 0       element type: even = int, odd = boxed_int (owns a heap int: leaks and double
//                frees show up under ASan)
//   then groups of 4 bytes [op, a, b, fail]: operation, two arguments, and the failure mask for
//   this operation: allocation attempt k of the operation fails iff bit (k % 8) of `fail` is
//   set. Inserting operations go through the try_ API; when one reports a failure the list
//   must hold the same nodes in the same order and the cursor must not have moved.
//
// Built by tests/CMakeLists.txt when BARE_FUZZ (clang):
//   build/fuzz/tests/fuzz/linked_list_fuzz -max_total_time=60 corpus/
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <list>
#include <optional>
#include <vector>

#include "bare/linked_list.hpp"
#include "fuzz_support.hpp"

namespace {

using A = bare::by_ref<bare_fuzz::fuzz_alloc>;
using bare_fuzz::boxed_int;
using bare_fuzz::get;

template <class T>
struct machine {
  using L = bare::linked_list<T, A>;
  using M = std::list<int>;
  bare_fuzz::fuzz_alloc alloc;
  L l{A(alloc)};
  L side{A(alloc)};
  M m, side_m;
  std::optional<typename L::cursor_mut> c;
  M::iterator mc;

  M::iterator m_next(M::iterator it) { return it == m.end() ? m.begin() : std::next(it); }

  void same() {
    FUZZ_CHECK(l.check() && side.check());
    FUZZ_CHECK(l.size() == m.size() && side.size() == side_m.size());
    auto it = m.begin();
    for (const T& x : l) FUZZ_CHECK(get(x) == *it++);
    it = side_m.begin();
    for (const T& x : side) FUZZ_CHECK(get(x) == *it++);
    if (!c) return;
    const bool ghost = mc == m.end();
    FUZZ_CHECK(c->index().has_value() == !ghost);
    if (!ghost) FUZZ_CHECK(*c->index() == static_cast<std::size_t>(std::distance(m.begin(), mc)));
    FUZZ_CHECK((c->current() == nullptr) == ghost);
    if (!ghost) FUZZ_CHECK(get(*c->current()) == *mc);
    const auto next = m_next(mc);
    FUZZ_CHECK((c->peek_next() == nullptr) == (next == m.end()));
    if (next != m.end()) FUZZ_CHECK(get(*c->peek_next()) == *next);
  }

  // One operation. Returns false iff an insertion reported an allocation failure.
  bool step(std::uint8_t op, std::uint8_t a, std::uint8_t b) {
    const int x = b % 32;
    if (!c) {  // a fresh cursor at the front or the back
      if (a & 1) {
        c.emplace(l.cursor_back_mut());
        mc = m.empty() ? m.end() : std::prev(m.end());
      } else {
        c.emplace(l.cursor_front_mut());
        mc = m.begin();
      }
    }
    switch (op % 20) {
      case 0:
      case 1:
        for (int k = a % 4; k >= 0; --k) {
          c->move_next();
          mc = m_next(mc);
        }
        return true;
      case 2:
      case 3:
        for (int k = a % 4; k >= 0; --k) {
          c->move_prev();
          mc = mc == m.begin() ? m.end() : std::prev(mc);
        }
        return true;
      case 4:
        if (!c->try_insert_after(T(x))) return false;
        m.insert(m_next(mc), x);
        return true;
      case 5:
        if (!c->try_insert_before(T(x))) return false;
        m.insert(mc, x);
        return true;
      case 6: {
        auto e = c->remove_current();
        FUZZ_CHECK(e.has_value() == (mc != m.end()));
        if (e) {
          FUZZ_CHECK(get(*e) == *mc);
          mc = m.erase(mc);
        }
        return true;
      }
      case 7: {
        auto one = c->remove_current_as_list();
        FUZZ_CHECK(one.has_value() == (mc != m.end()));
        if (one) {
          side = std::move(*one);
          side_m.clear();
          auto next = std::next(mc);
          side_m.splice(side_m.end(), m, mc);
          mc = next;
        }
        return true;
      }
      case 8:
        side = c->split_after();
        side_m.clear();
        side_m.splice(side_m.end(), m, m_next(mc), m.end());
        return true;
      case 9:
        side = c->split_before();
        side_m.clear();
        side_m.splice(side_m.end(), m, m.begin(), mc);
        return true;
      case 10:
        c->splice_after(side);
        m.splice(m_next(mc), side_m);
        return true;
      case 11:
        c->splice_before(side);
        m.splice(mc, side_m);
        return true;
      case 12:
        if (!c->try_push_front(T(x))) return false;
        m.push_front(x);
        return true;
      case 13:
        if (!c->try_push_back(T(x))) return false;
        m.push_back(x);
        return true;
      case 14: {
        auto e = c->pop_front();
        FUZZ_CHECK(e.has_value() == !m.empty());
        if (e) {
          FUZZ_CHECK(get(*e) == m.front());
          if (mc == m.begin()) ++mc;
          m.pop_front();
        }
        return true;
      }
      case 15: {
        auto e = c->pop_back();
        FUZZ_CHECK(e.has_value() == !m.empty());
        if (e) {
          FUZZ_CHECK(get(*e) == m.back());
          if (mc == std::prev(m.end())) mc = m.end();
          m.pop_back();
        }
        return true;
      }
      // List operations: they invalidate the cursor.
      case 16: {
        c.reset();
        const std::size_t at = a % (m.size() + 1);
        side = l.split_off(at);
        side_m.clear();
        side_m.splice(side_m.end(), m, std::next(m.begin(), static_cast<std::ptrdiff_t>(at)), m.end());
        return true;
      }
      case 17:
        c.reset();
        l.reverse();
        m.reverse();
        return true;
      case 18: {
        c.reset();
        auto r = l.try_clone();
        if (!r) return false;
        FUZZ_CHECK(*r == l);
        side = std::move(*r);
        side_m = m;
        return true;
      }
      case 19: {
        c.reset();
        const int k = a % 5 + 2;
        l.retain([k](const T& e) { return get(e) % k != 0; });
        m.remove_if([k](int e) { return e % k == 0; });
        return true;
      }
    }
    return true;
  }

  void run(const std::uint8_t* data, std::size_t size) {
    for (std::size_t i = 0; i + 4 <= size; i += 4) {
      alloc.mask = data[i + 3];
      alloc.attempt = 0;
      std::vector<const T*> nodes;
      for (const T& x : l) nodes.push_back(&x);
      const bool had_cursor = c.has_value();
      const std::optional<std::size_t> index = had_cursor ? c->index() : std::nullopt;
      if (!step(data[i], data[i + 1], data[i + 2])) {
        FUZZ_CHECK(data[i + 3] != 0);  // no failure without an injected one
        std::size_t k = 0;
        for (const T& x : l) FUZZ_CHECK(k < nodes.size() && &x == nodes[k++]);
        FUZZ_CHECK(k == nodes.size());
        if (had_cursor && c) FUZZ_CHECK(c->index() == index);
      }
      alloc.mask = 0;
      same();
      if (m.size() > 4096) break;
    }
  }
};

template <class T>
void run(const std::uint8_t* data, std::size_t size) {
  {
    machine<T> mc;
    mc.run(data, size);
    mc.c.reset();
    mc.l.clear();
    mc.side.clear();
    FUZZ_CHECK(mc.alloc.live == 0);  // nothing leaked
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  if (data[0] & 1) run<boxed_int>(data + 1, size - 1);
  else run<int>(data + 1, size - 1);
  return 0;
}
