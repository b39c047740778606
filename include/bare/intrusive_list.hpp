// bare/intrusive_list.hpp — intrusive_list<T, &T::hook>: a doubly linked list of objects that
// carry their own links (a bare::list_hook member). It never allocates and never owns, copies
// or destroys the objects: it only links and unlinks them. The objects must outlive their
// membership.
//
//   struct task {
//     int prio;
//     bare::list_hook hook;                 // two pointers
//   };
//   bare::intrusive_list<task, &task::hook> ready;
//   task t{3};
//   ready.push_back(t);                     // O(1), cannot fail
//   for (task& x : ready) ...
//   ready.erase(t);                         // O(1)
//
// Size policy (the third parameter), because a hook of two pointers cannot know its list:
//   intrusive_size::counted (default)  size() is O(1) (the list keeps a count). An object can
//                                      leave only through its list (erase, pop, clear, ...).
//   intrusive_size::linear             size() is O(n) (it walks), and an object can also be
//                                      unlinked from its hook alone, without the list:
//                                      intrusive_list<...>::unlink(x), O(1) (Linux's list_del,
//                                      Zephyr's sys_dlist_remove).
// empty() is O(1) in both.
//
// Debug checks (BARE_CHECKS, on by default; bare/config.hpp), each a panic through bare::panic:
//   - an object destroyed while still linked (list_hook's destructor);
//   - an object inserted while already linked (in this list or another);
//   - erase / pop / unlink of an object that is not linked.
// With BARE_CHECKS the hook has a destructor, so an object holding one has a non-trivial
// destructor (an object of static storage duration then needs the runtime's atexit support, as
// any bare container does); with BARE_UNCHECKED=1 list_hook is trivially destructible.
//
// Layout: list_hook { dlink* next; dlink* prev; } (both null while unlinked);
// intrusive_list { dlink head_; size_t count_ (counted only); }. The hooks and head_ form a
// ring (bare/detail/list_links.hpp). From a hook to its object: the member pointer's offset
// (a data member pointer is its byte offset in the Itanium C++ ABI of g++ and clang, checked
// at compile time by size and at each insertion under BARE_CHECKS).
//
// Invalidation: iterators follow their object; only unlinking that object invalidates them.
// Moving a list moves its membership (O(1)); the moved-from list is empty.
#pragma once

#include <bit>
#include <cstddef>
#include <type_traits>

#include "bare/detail/list_links.hpp"
#include "bare/panic.hpp"
#include "bare/reverse_iterator.hpp"

namespace bare {

class list_hook;
namespace detail {
struct hook_access;
}

// The links an object needs to be in an intrusive_list: two pointers, null while unlinked.
// Copying an object does not copy its membership: a copy starts unlinked, and assigning to
// a linked object leaves it in its list.
class list_hook {
 public:
  constexpr list_hook() noexcept = default;
  constexpr list_hook(const list_hook&) noexcept {}
  constexpr list_hook& operator=(const list_hook&) noexcept { return *this; }
#if BARE_CHECKS
  ~list_hook() {
    if (BARE_UNLIKELY(link_.next != nullptr)) panic("bare::list_hook: object destroyed while still in an intrusive_list");
  }
#endif
  // Whether the object is in a list. O(1).
  constexpr bool is_linked() const noexcept { return link_.next != nullptr; }

 private:
  friend struct detail::hook_access;
  detail::dlink link_{nullptr, nullptr};
};

enum class intrusive_size : unsigned char { counted, linear };

namespace detail {

struct hook_access {
  static dlink* link(list_hook& h) noexcept { return &h.link_; }
  // Preconditions: l is the link of a list_hook (not a list's sentinel).
  static list_hook* hook(dlink* l) noexcept { return reinterpret_cast<list_hook*>(l); }
  static void clear(list_hook& h) noexcept { h.link_ = dlink{nullptr, nullptr}; }
};
static_assert(std::is_standard_layout_v<list_hook> && sizeof(list_hook) == 2 * sizeof(void*));

struct no_count {};

}  // namespace detail

template <class T, list_hook T::*Hook, intrusive_size Size = intrusive_size::counted>
class intrusive_list {
  static_assert(std::is_object_v<T> && !std::is_const_v<T>, "bare::intrusive_list<T>: T must be a non-const object type");
  static_assert(sizeof(Hook) == sizeof(std::ptrdiff_t),
                "bare::intrusive_list: needs the Itanium C++ ABI (a data member pointer is its offset)");
  static constexpr bool counted_ = Size == intrusive_size::counted;
  using count_t = std::conditional_t<counted_, std::size_t, detail::no_count>;

  // Representation invariant: head_ and the hooks of the linked objects form a ring
  // (detail::ring_check); with counted_, count_ is their number. Hooks not in any list hold
  // null pointers.
  detail::dlink head_;
  [[no_unique_address]] count_t count_{};

  // The byte offset of the hook in T (folded to a constant by the compiler).
  static std::ptrdiff_t offset_() noexcept { return std::bit_cast<std::ptrdiff_t>(Hook); }
  static detail::dlink* link_of_(T& x) noexcept { return detail::hook_access::link(x.*Hook); }
  template <class, class, bool>
  friend class detail::ring_iterator;
  // The object whose hook's link is l. Preconditions: l is not head_.
  static T* element_of_(detail::dlink* l) noexcept {
    return reinterpret_cast<T*>(reinterpret_cast<char*>(detail::hook_access::hook(l)) - offset_());
  }

 public:
  using value_type = T;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using reference = T&;
  using const_reference = const T&;
  using iterator = detail::ring_iterator<intrusive_list, T, false>;
  using const_iterator = detail::ring_iterator<intrusive_list, T, true>;

  // An empty list. O(1).
  constexpr intrusive_list() noexcept : head_{&head_, &head_} {}
  // Takes other's objects; other is left empty. O(1).
  intrusive_list(intrusive_list&& other) noexcept : count_(other.count_) {
    detail::ring_take(&head_, &other.head_);
    other.count_ = count_t{};
  }
  // Unlinks this list's objects, then takes other's. O(size()).
  intrusive_list& operator=(intrusive_list&& other) noexcept {
    if (this != &other) {
      clear();
      detail::ring_take(&head_, &other.head_);
      count_ = other.count_;
      other.count_ = count_t{};
    }
    return *this;
  }
  intrusive_list(const intrusive_list&) = delete;  // an object is in one list at a time
  intrusive_list& operator=(const intrusive_list&) = delete;
  // Unlinks every object (they are not destroyed). O(n).
  ~intrusive_list() { clear(); }

  // ---- size and access -------------------------------------------------------------------

  // O(1) when counted, O(n) when linear.
  std::size_t size() const noexcept {
    if constexpr (counted_) return count_;
    else return detail::ring_count(&head_);
  }
  // O(1).
  bool empty() const noexcept { return detail::ring_empty(&head_); }

  // First / last object. O(1). Precondition (checked): not empty.
  T& front() noexcept {
    BARE_CHECK(!empty(), "bare::intrusive_list::front: empty");
    return *element_of_(head_.next);
  }
  const T& front() const noexcept {
    BARE_CHECK(!empty(), "bare::intrusive_list::front: empty");
    return *element_of_(head_.next);
  }
  T& back() noexcept {
    BARE_CHECK(!empty(), "bare::intrusive_list::back: empty");
    return *element_of_(head_.prev);
  }
  const T& back() const noexcept {
    BARE_CHECK(!empty(), "bare::intrusive_list::back: empty");
    return *element_of_(head_.prev);
  }

  iterator begin() noexcept { return iterator(head_.next); }
  const_iterator begin() const noexcept { return const_iterator(head_.next); }
  iterator end() noexcept { return iterator(&head_); }
  const_iterator end() const noexcept { return const_iterator(const_cast<detail::dlink*>(&head_)); }
  // Last to first: reverse_iterator over the iterators above (rbegin() is end()'s position).
  // O(1) (as begin() / end()); never allocate; valid as long as those iterators are.
  reverse_iterator<iterator> rbegin() noexcept { return reverse_iterator<iterator>(end()); }
  reverse_iterator<const_iterator> rbegin() const noexcept { return reverse_iterator<const_iterator>(end()); }
  reverse_iterator<const_iterator> crbegin() const noexcept { return rbegin(); }
  reverse_iterator<iterator> rend() noexcept { return reverse_iterator<iterator>(begin()); }
  reverse_iterator<const_iterator> rend() const noexcept { return reverse_iterator<const_iterator>(begin()); }
  reverse_iterator<const_iterator> crend() const noexcept { return rend(); }
  // The iterator to x. O(1). Precondition: x is in this list.
  iterator iterator_to(T& x) noexcept { return iterator(link_of_(x)); }
  const_iterator iterator_to(const T& x) const noexcept { return const_iterator(link_of_(const_cast<T&>(x))); }

  // Whether x is in some list. O(1).
  static bool is_linked(const T& x) noexcept { return (x.*Hook).is_linked(); }

  // Whether the links form a well-formed ring of size() objects. O(n). For tests.
  bool check() const noexcept { return detail::ring_check(&head_, size()); }

  // ---- linking: O(1), never fails ----------------------------------------------------------
  // Precondition (checked): x is not in any list.

  void push_front(T& x) noexcept { link_before_(head_.next, x); }
  void push_back(T& x) noexcept { link_before_(&head_, x); }
  // Links x before pos; returns its iterator. Precondition: pos is an iterator of this list.
  iterator insert(const_iterator pos, T& x) noexcept {
    link_before_(pos.p_, x);
    return iterator(link_of_(x));
  }

  // ---- unlinking: O(1) unless stated -----------------------------------------------------

  // Unlinks the object at pos; returns the iterator following it.
  // Preconditions: pos is an element of this list (checked: not end()).
  iterator erase(const_iterator pos) noexcept {
    BARE_CHECK(pos.p_ != &head_, "bare::intrusive_list::erase: end() is not an element");
    detail::dlink* next = pos.p_->next;
    unlink_(pos.p_);
    return iterator(next);
  }
  // Unlinks x; returns the iterator that followed it. Precondition: x is in this list (checked:
  // x is in some list).
  iterator erase(T& x) noexcept {
    BARE_CHECK(is_linked(x), "bare::intrusive_list::erase: the object is not in a list");
    return erase(const_iterator(link_of_(x)));
  }
  // Unlinks and returns the first / last object, or nullptr if empty.
  T* pop_front() noexcept {
    if (empty()) return nullptr;
    detail::dlink* l = head_.next;
    unlink_(l);
    return element_of_(l);
  }
  T* pop_back() noexcept {
    if (empty()) return nullptr;
    detail::dlink* l = head_.prev;
    unlink_(l);
    return element_of_(l);
  }
  // Unlinks every object. O(n).
  void clear() noexcept {
    for (detail::dlink* p = head_.next; p != &head_;) {
      detail::dlink* next = p->next;
      detail::hook_access::clear(*detail::hook_access::hook(p));
      p = next;
    }
    detail::ring_init(&head_);
    count_ = count_t{};
  }
  // Unlinks the objects for which pred(T&) is true; returns how many. O(n).
  template <class Pred>
  std::size_t remove_if(Pred pred) noexcept {
    std::size_t removed = 0;
    for (detail::dlink* p = head_.next; p != &head_;) {
      detail::dlink* next = p->next;
      if (pred(*element_of_(p))) {
        unlink_(p);
        ++removed;
      }
      p = next;
    }
    return removed;
  }

  // Unlinks x from whatever list it is in, through its hook alone (linear lists only: a
  // counted list's count cannot follow). O(1). Precondition (checked): x is in a list.
  static void unlink(T& x) noexcept {
    static_assert(!counted_,
                  "intrusive_list::unlink(x) from the hook alone cannot keep a count: use erase(x) on the "
                  "list, or intrusive_list<T, &T::hook, bare::intrusive_size::linear>");
    BARE_CHECK(is_linked(x), "bare::intrusive_list::unlink: the object is not in a list");
    detail::dlink* l = link_of_(x);
    detail::ring_unlink(l);
    detail::hook_access::clear(x.*Hook);
  }

  // ---- relinking: O(1) ---------------------------------------------------------------------

  // Moves all of other's objects before pos, in order; other is left empty. No-op if other is
  // this list. Precondition: pos is an iterator of this list.
  void splice(const_iterator pos, intrusive_list& other) noexcept {
    if (&other == this || other.empty()) return;
    if constexpr (counted_) {
      count_ += other.count_;
      other.count_ = 0;
    }
    detail::ring_splice_before(pos.p_, other.head_.next, other.head_.prev);
  }
  // Moves the object at `it` of other (which may be this list) before pos.
  // Preconditions: it is an element of other (checked: not end()); pos an iterator of this.
  void splice(const_iterator pos, intrusive_list& other, const_iterator it) noexcept {
    BARE_CHECK(it.p_ != &other.head_, "bare::intrusive_list::splice: end() is not an element");
    if (&other != this) {
      if constexpr (counted_) {
        --other.count_;
        ++count_;
      }
    } else if (pos.p_ == it.p_ || pos.p_ == it.p_->next) {
      return;
    }
    detail::ring_splice_before(pos.p_, it.p_, it.p_);
  }

  // Reverses the order. O(n).
  void reverse() noexcept { detail::ring_reverse(&head_); }

  // Exchanges the lists' objects. O(1).
  void swap(intrusive_list& other) noexcept {
    intrusive_list tmp(static_cast<intrusive_list&&>(other));
    other = static_cast<intrusive_list&&>(*this);
    *this = static_cast<intrusive_list&&>(tmp);
  }
  friend void swap(intrusive_list& a, intrusive_list& b) noexcept { a.swap(b); }

 private:
  void link_before_(detail::dlink* pos, T& x) noexcept {
    BARE_CHECK(!is_linked(x), "bare::intrusive_list: the object is already in a list");
    BARE_CHECK(element_of_(link_of_(x)) == &x, "bare::intrusive_list: hook offset mismatch (unsupported ABI)");
    detail::ring_link_before(pos, link_of_(x));
    if constexpr (counted_) ++count_;
  }
  // Preconditions: l is the link of an object in this list.
  void unlink_(detail::dlink* l) noexcept {
    detail::ring_unlink(l);
    detail::hook_access::clear(*detail::hook_access::hook(l));
    if constexpr (counted_) --count_;
  }
};

}  // namespace bare
