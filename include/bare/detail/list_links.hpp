// bare/detail/list_links.hpp — the untyped core of linked_list and intrusive_list: a circular
// doubly linked ring of `dlink`s closed by a sentinel. No element type, no allocator: one copy
// of this code serves every list (a typed shell over an untyped core).
//
// A list is a ring through its sentinel `s`:
//
//   s.next -> first -> ... -> last -> s        (s.next == s.prev == &s: the list is empty)
//   s.prev <- first <- ... <- last <- s
//
// The sentinel is also the cursors' "ghost" position (between the last and the first element)
// and the end() of iteration, so no operation needs a null check.
#pragma once

#include <cstddef>
#include <type_traits>

#if __STDC_HOSTED__
#include <iterator>
#endif

namespace bare::detail {

struct dlink {
  dlink* next;
  dlink* prev;
};

// Makes s an empty ring. O(1).
constexpr void ring_init(dlink* s) noexcept {
  s->next = s;
  s->prev = s;
}
constexpr bool ring_empty(const dlink* s) noexcept { return s->next == s; }

// Links n just before pos. O(1). Preconditions: pos is in a ring; n is not.
constexpr void ring_link_before(dlink* pos, dlink* n) noexcept {
  dlink* p = pos->prev;
  n->next = pos;
  n->prev = p;
  p->next = n;
  pos->prev = n;
}

// Takes n out of its ring (n's own pointers are left as they were). O(1).
// Preconditions: n is in a ring and is not its sentinel.
constexpr void ring_unlink(dlink* n) noexcept {
  n->prev->next = n->next;
  n->next->prev = n->prev;
}

// Moves the run first..last (first, its successors, up to and including last) out of its ring
// and links it, in order, just before pos (pos may be in the same ring or another). O(1).
// Preconditions: the run is non-empty and does not contain pos or its own ring's sentinel.
constexpr void ring_splice_before(dlink* pos, dlink* first, dlink* last) noexcept {
  first->prev->next = last->next;
  last->next->prev = first->prev;
  dlink* p = pos->prev;
  first->prev = p;
  last->next = pos;
  p->next = first;
  pos->prev = last;
}

// ring_splice_before for the half-open run [first, end) (end is the node after the run): it
// reads end's links directly instead of reaching them through the run's last node, one
// dependent load fewer (std::list's _M_transfer has the same shape). O(1).
// Preconditions: first != end; the run does not contain pos or its own ring's sentinel.
constexpr void ring_transfer_before(dlink* pos, dlink* first, dlink* end) noexcept {
  dlink* const last = end->prev;
  dlink* const before = first->prev;
  dlink* const p = pos->prev;
  before->next = end;
  end->prev = before;
  p->next = first;
  first->prev = p;
  last->next = pos;
  pos->prev = last;
}

// Makes `to` (not in any ring) the sentinel of the ring of `from`, and `from` empty. O(1).
constexpr void ring_take(dlink* to, dlink* from) noexcept {
  if (ring_empty(from)) {
    ring_init(to);
    return;
  }
  to->next = from->next;
  to->prev = from->prev;
  to->next->prev = to;
  to->prev->next = to;
  ring_init(from);
}

// Reverses the order of the ring's elements. O(n).
constexpr void ring_reverse(dlink* s) noexcept {
  dlink* p = s;
  do {
    dlink* n = p->next;
    p->next = p->prev;
    p->prev = n;
    p = n;
  } while (p != s);
}

// The k-th element (0-based) of a ring of n elements, walking from the nearer end.
// O(min(k, n - k)). Preconditions: k <= n (k == n gives the sentinel).
constexpr dlink* ring_at(dlink* s, std::size_t k, std::size_t n) noexcept {
  dlink* p = s;
  if (k <= n / 2) {
    for (std::size_t i = 0; i <= k; ++i) p = p->next;
  } else {
    for (std::size_t i = n; i > k; --i) p = p->prev;
  }
  return p;
}

// Whether the ring is well formed: every next/prev pair agrees, and it closes through s after
// exactly n elements. O(n). The structural check behind linked_list::check and
// intrusive_list::check.
constexpr bool ring_check(const dlink* s, std::size_t n) noexcept {
  const dlink* p = s;
  for (std::size_t i = 0; i <= n; ++i) {
    if (p->next == nullptr || p->next->prev != p) return false;
    p = p->next;
    if (p == s) return i == n;
  }
  return false;
}

// The number of elements of the ring. O(n).
constexpr std::size_t ring_count(const dlink* s) noexcept {
  std::size_t n = 0;
  for (const dlink* p = s->next; p != s; p = p->next) ++n;
  return n;
}

// The bidirectional iterator of both lists: a link pointer; end() is the sentinel. Owner
// provides `static T* element_of_(dlink*)` (the element a node link belongs to). In hosted
// builds it also declares std::bidirectional_iterator_tag, so <algorithm> and ranges accept it.
template <class Owner, class T, bool Const>
class ring_iterator {
 public:
  using value_type = T;
  using difference_type = std::ptrdiff_t;
  using reference = std::conditional_t<Const, const T&, T&>;
  using pointer = std::conditional_t<Const, const T*, T*>;
#if __STDC_HOSTED__
  using iterator_category = std::bidirectional_iterator_tag;
#endif

  constexpr ring_iterator() noexcept = default;
  // iterator -> const_iterator.
  // (A template, so that it is never the copy constructor.)
  template <bool C>
    requires(Const && !C)
  constexpr ring_iterator(const ring_iterator<Owner, T, C>& o) noexcept : p_(o.p_) {}  // NOLINT

  // The element. Precondition: not end().
  reference operator*() const noexcept { return *Owner::element_of_(p_); }
  pointer operator->() const noexcept { return Owner::element_of_(p_); }
  ring_iterator& operator++() noexcept {
    p_ = p_->next;
    return *this;
  }
  ring_iterator operator++(int) noexcept {
    ring_iterator t = *this;
    p_ = p_->next;
    return t;
  }
  ring_iterator& operator--() noexcept {
    p_ = p_->prev;
    return *this;
  }
  ring_iterator operator--(int) noexcept {
    ring_iterator t = *this;
    p_ = p_->prev;
    return t;
  }
  friend constexpr bool operator==(const ring_iterator&, const ring_iterator&) noexcept = default;

 private:
  friend Owner;
  template <class, class, bool>
  friend class ring_iterator;
  constexpr explicit ring_iterator(dlink* p) noexcept : p_(p) {}
  dlink* p_ = nullptr;
};

}  // namespace bare::detail
