// bare/linked_list.hpp — linked_list<T, A>: a doubly linked list whose nodes come from the
// allocator A (Rust's LinkedList with its cursor API, std::list's names).
//
// Every operation that adds an element allocates exactly one node, and comes as
//   try_X(...)  -> result<...>: on failure the list is exactly as before and the argument is
//                  not consumed (strong guarantee);
//   X(...)      the same, calling bare::handle_alloc_error on failure (not declared under
//               BARE_NO_GLOBAL_OOM_HANDLING).
// There are no X_within_capacity forms: a list has no capacity, each insertion allocates its
// node. Nothing else allocates: removing, splice, append, split_off, reverse, the cursors'
// moves, splits and splices only relink nodes (O(1) unless stated).
//
// Invalidation: an iterator, a pointer or a reference to an element stays valid until that
// element is removed, whatever else happens to the list; splice / append / split_off move
// nodes to another list and their iterators then belong to that list. Cursors point into the
// list object itself: moving or destroying the list invalidates them.
//
// A linked_list is move-only (copying allocates: clone / try_clone). Moving is O(1) but not a
// memcpy: the first and last nodes point back to the list object's sentinel, so a
// linked_list is not trivially relocatable.
//
// Layout:
//   linked_list  { dlink head_ { next, prev };  size_t len_;  A alloc_; }   3 words + A
//   node         { dlink* next; dlink* prev;  T value; }                   one block per element,
//                                                                          layout_of<node>
// The nodes and head_ form a ring (bare/detail/list_links.hpp): head_ is the end() of
// iteration and the cursors' "ghost" position, between the last and the first element.
#pragma once

#include <compare>
#include <cstddef>
#include <initializer_list>
#include <new>
#include <optional>
#include <span>
#include <type_traits>
#include <utility>

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/global.hpp"
#include "bare/detail/clone.hpp"
#include "bare/detail/list_links.hpp"
#include "bare/detail/pull_range.hpp"
#include "bare/detail/raw_vec.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"
#include "bare/reverse_iterator.hpp"

namespace bare {

template <class T, allocator A = global>
class linked_list {
  static_assert(std::is_object_v<T> && !std::is_const_v<T> && !std::is_array_v<T>,
                "bare::linked_list<T>: T must be a non-const object type");
  static_assert(std::is_nothrow_destructible_v<T>, "bare::linked_list<T>: T's destructor must not throw");

  struct node : detail::dlink {
    T value;
    template <class... Args>
    explicit node(std::in_place_t, Args&&... args) noexcept : value(static_cast<Args&&>(args)...) {}
  };
  static constexpr layout node_layout_ = layout_of<node>;

  // Representation invariant:
  //   head_ and the len_ nodes form a ring (detail::ring_check(&head_, len_) holds);
  //   every node in it was allocated by alloc_ with node_layout_ and holds a live T;
  //   an empty list is head_.next == head_.prev == &head_ and owns no memory.
  detail::dlink head_;
  std::size_t len_ = 0;
  [[no_unique_address]] A alloc_{};

  static node* as_node_(detail::dlink* l) noexcept { return static_cast<node*>(l); }
  static const node* as_node_(const detail::dlink* l) noexcept { return static_cast<const node*>(l); }
  template <class, class, bool>
  friend class detail::ring_iterator;
  static T* element_of_(detail::dlink* l) noexcept { return &as_node_(l)->value; }
  detail::dlink* ghost_() const noexcept { return const_cast<detail::dlink*>(&head_); }

 public:
  using value_type = T;
  using allocator_type = A;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using reference = T&;
  using const_reference = const T&;

  // Bidirectional iterators over the elements; end() is the sentinel.
  using iterator = detail::ring_iterator<linked_list, T, false>;
  using const_iterator = detail::ring_iterator<linked_list, T, true>;

  // ---- construction --------------------------------------------------------------------

  // An empty list. O(1), never allocates.
  constexpr linked_list() noexcept requires std::default_initializable<A> : head_{&head_, &head_} {}
  // An empty list using allocator `a`. O(1), never allocates.
  constexpr explicit linked_list(A a) noexcept : head_{&head_, &head_}, alloc_(static_cast<A&&>(a)) {}

  // A list holding copies of src. O(n); allocates n nodes (plus what cloning each element
  // allocates). On failure nothing is left allocated.
  static result<linked_list> try_from(std::span<const T> src, A a = A()) noexcept
    requires detail::cloneable<T>
  {
    linked_list out(static_cast<A&&>(a));
    for (const T& x : src) BARE_TRY(out.clone_back_(x));
    return out;
  }
#if BARE_OOM_HANDLING
  static linked_list from(std::span<const T> src, A a = A()) noexcept requires detail::cloneable<T> {
    return detail::unwrap_or_handle(try_from(src, static_cast<A&&>(a)));
  }
  // A list holding copies of the list's elements. O(n); allocates n nodes.
  linked_list(std::initializer_list<T> il, A a = A()) noexcept requires detail::cloneable<T>
      : linked_list(static_cast<A&&>(a)) {
    for (const T& x : il) detail::unwrap_or_handle(clone_back_(x));
  }
#endif

  // Takes other's nodes and allocator; other is left empty. O(1).
  linked_list(linked_list&& other) noexcept : len_(other.len_), alloc_(static_cast<A&&>(other.alloc_)) {
    detail::ring_take(&head_, &other.head_);
    other.len_ = 0;
  }
  // Destroys this list's elements, then takes other's nodes and allocator. O(size()).
  linked_list& operator=(linked_list&& other) noexcept {
    if (this != &other) {
      clear();
      detail::ring_take(&head_, &other.head_);
      len_ = other.len_;
      other.len_ = 0;
      alloc_ = static_cast<A&&>(other.alloc_);
    }
    return *this;
  }
  linked_list(const linked_list&) = delete;  // copying allocates: use clone() / try_clone()
  linked_list& operator=(const linked_list&) = delete;

  // Destroys the elements and frees their nodes. O(size()).
  ~linked_list() { clear(); }

  // A copy, using a copy of the allocator. O(n); allocates n nodes (plus what cloning each
  // element allocates; elements with try_clone() are cloned through it).
  result<linked_list> try_clone() const noexcept requires detail::cloneable<T> {
    linked_list out(alloc_);
    for (const T& x : *this) BARE_TRY(out.clone_back_(x));
    return out;
  }
#if BARE_OOM_HANDLING
  linked_list clone() const noexcept requires detail::cloneable<T> { return detail::unwrap_or_handle(try_clone()); }
#endif

  // ---- size and access -------------------------------------------------------------------

  // O(1).
  constexpr std::size_t size() const noexcept { return len_; }
  constexpr bool empty() const noexcept { return len_ == 0; }
  constexpr const A& allocator() const noexcept { return alloc_; }
  constexpr A& allocator() noexcept { return alloc_; }

  // First / last element. O(1). Precondition (checked): not empty.
  T& front() noexcept {
    BARE_CHECK(len_ != 0, "bare::linked_list::front: empty");
    return as_node_(head_.next)->value;
  }
  const T& front() const noexcept {
    BARE_CHECK(len_ != 0, "bare::linked_list::front: empty");
    return as_node_(head_.next)->value;
  }
  T& back() noexcept {
    BARE_CHECK(len_ != 0, "bare::linked_list::back: empty");
    return as_node_(head_.prev)->value;
  }
  const T& back() const noexcept {
    BARE_CHECK(len_ != 0, "bare::linked_list::back: empty");
    return as_node_(head_.prev)->value;
  }
  // Pointer to the first / last element, or nullptr if empty (Rust's front / back). O(1).
  T* first() noexcept { return len_ ? &as_node_(head_.next)->value : nullptr; }
  const T* first() const noexcept { return len_ ? &as_node_(head_.next)->value : nullptr; }
  T* last() noexcept { return len_ ? &as_node_(head_.prev)->value : nullptr; }
  const T* last() const noexcept { return len_ ? &as_node_(head_.prev)->value : nullptr; }

  iterator begin() noexcept { return iterator(head_.next); }
  const_iterator begin() const noexcept { return const_iterator(head_.next); }
  const_iterator cbegin() const noexcept { return begin(); }
  iterator end() noexcept { return iterator(&head_); }
  const_iterator end() const noexcept { return const_iterator(ghost_()); }
  const_iterator cend() const noexcept { return end(); }
  // Last to first: reverse_iterator over the iterators above (rbegin() is end()'s position).
  // O(1) (as begin() / end()); never allocate; valid as long as those iterators are.
  reverse_iterator<iterator> rbegin() noexcept { return reverse_iterator<iterator>(end()); }
  reverse_iterator<const_iterator> rbegin() const noexcept { return reverse_iterator<const_iterator>(end()); }
  reverse_iterator<const_iterator> crbegin() const noexcept { return rbegin(); }
  reverse_iterator<iterator> rend() noexcept { return reverse_iterator<iterator>(begin()); }
  reverse_iterator<const_iterator> rend() const noexcept { return reverse_iterator<const_iterator>(begin()); }
  reverse_iterator<const_iterator> crend() const noexcept { return rend(); }

  // Whether some element == x. O(n).
  bool contains(const T& x) const noexcept {
    for (const T& e : *this)
      if (e == x) return true;
    return false;
  }

  // Whether the representation invariant holds (links agree, the ring closes after size()
  // elements). O(n). For tests and debugging.
  bool check() const noexcept { return detail::ring_check(&head_, len_); }

  // ---- adding: one node each, O(1) -----------------------------------------------------
  // Allocates one node (plus nothing else); invalidates nothing. On failure the list is
  // unchanged and the arguments are untouched. The argument may be an element of this list.

  template <class... Args>
  result<T&> try_emplace_front(Args&&... args) noexcept {
    return value_of_(link_new_before_(head_.next, static_cast<Args&&>(args)...));
  }
  template <class... Args>
  result<T&> try_emplace_back(Args&&... args) noexcept {
    return value_of_(link_new_before_(&head_, static_cast<Args&&>(args)...));
  }
  result<T&> try_push_front(const T& x) noexcept { return try_emplace_front(x); }
  result<T&> try_push_front(T&& x) noexcept { return try_emplace_front(static_cast<T&&>(x)); }
  result<T&> try_push_back(const T& x) noexcept { return try_emplace_back(x); }
  result<T&> try_push_back(T&& x) noexcept { return try_emplace_back(static_cast<T&&>(x)); }

  // Inserts an element constructed from args before pos; returns an iterator to it.
  // Precondition: pos is an iterator of this list.
  template <class... Args>
  result<iterator> try_emplace(const_iterator pos, Args&&... args) noexcept {
    auto n = link_new_before_(pos.p_, static_cast<Args&&>(args)...);
    if (!n) return err(n.error());
    return iterator(*n);
  }
  result<iterator> try_insert(const_iterator pos, const T& x) noexcept { return try_emplace(pos, x); }
  result<iterator> try_insert(const_iterator pos, T&& x) noexcept { return try_emplace(pos, static_cast<T&&>(x)); }

#if BARE_OOM_HANDLING
  template <class... Args>
  T& emplace_front(Args&&... args) noexcept {
    return detail::unwrap_or_handle(try_emplace_front(static_cast<Args&&>(args)...));
  }
  template <class... Args>
  T& emplace_back(Args&&... args) noexcept {
    return detail::unwrap_or_handle(try_emplace_back(static_cast<Args&&>(args)...));
  }
  void push_front(const T& x) noexcept { emplace_front(x); }
  void push_front(T&& x) noexcept { emplace_front(static_cast<T&&>(x)); }
  void push_back(const T& x) noexcept { emplace_back(x); }
  void push_back(T&& x) noexcept { emplace_back(static_cast<T&&>(x)); }
  template <class... Args>
  iterator emplace(const_iterator pos, Args&&... args) noexcept {
    return detail::unwrap_or_handle(try_emplace(pos, static_cast<Args&&>(args)...));
  }
  iterator insert(const_iterator pos, const T& x) noexcept { return emplace(pos, x); }
  iterator insert(const_iterator pos, T&& x) noexcept { return emplace(pos, static_cast<T&&>(x)); }
#endif

  // ---- removing: never allocates ---------------------------------------------------------

  // Removes and returns the first / last element, or nullopt if empty. O(1). Invalidates only
  // iterators to the removed element.
  std::optional<T> pop_front() noexcept {
    if (len_ == 0) return std::nullopt;
    return take_(head_.next);
  }
  std::optional<T> pop_back() noexcept {
    if (len_ == 0) return std::nullopt;
    return take_(head_.prev);
  }
  // Removes the element at pos; returns the iterator following it. O(1).
  // Precondition: pos is an element of this list (checked: not end()).
  iterator erase(const_iterator pos) noexcept {
    BARE_CHECK(pos.p_ != &head_, "bare::linked_list::erase: end() is not an element");
    detail::dlink* next = pos.p_->next;
    destroy_(pos.p_);
    return iterator(next);
  }
  // Removes [first, last); returns last. O(number removed).
  iterator erase(const_iterator first, const_iterator last) noexcept {
    while (first != last) first = erase(first);
    return iterator(last.p_);
  }
  // Destroys all elements and frees their nodes. O(size()).
  void clear() noexcept {
    detail::dlink* p = head_.next;
    while (p != &head_) {
      detail::dlink* next = p->next;
      free_node_(as_node_(p));
      p = next;
    }
    detail::ring_init(&head_);
    len_ = 0;
  }

  // Removes the elements for which pred(const T&) is true; returns how many. O(n). (std's
  // remove_if.) Invalidates only iterators to removed elements.
  template <class Pred>
  std::size_t remove_if(Pred pred) noexcept {
    const std::size_t before = len_;
    for (detail::dlink* p = head_.next; p != &head_;) {
      detail::dlink* next = p->next;
      if (pred(static_cast<const T&>(as_node_(p)->value))) destroy_(p);
      p = next;
    }
    return before - len_;
  }
  // Keeps the elements for which pred(const T&) is true, in order. O(n).
  template <class Pred>
  void retain(Pred pred) noexcept {
    retain_mut([&pred](T& x) { return pred(static_cast<const T&>(x)); });
  }
  // As retain, but pred gets a mutable reference (it may change the kept elements).
  template <class Pred>
  void retain_mut(Pred pred) noexcept {
    for (detail::dlink* p = head_.next; p != &head_;) {
      detail::dlink* next = p->next;
      if (!pred(as_node_(p)->value)) destroy_(p);
      p = next;
    }
  }

  // A range that visits, front to back, the elements for which pred(T&) is true and removes
  // them lazily (Rust's extract_if): an element is unlinked when the iterator reaches it and
  // destroyed when the iterator moves past it (move it out to keep it); elements not reached
  // when the range is destroyed stay. Never allocates. The list must not be modified while the
  // range lives (reading it is fine: it never shows an extracted element).
  template <class Pred>
  class extract_if_range : public detail::pull_range<extract_if_range<Pred>, T> {
   public:
    ~extract_if_range() {
      if (cur_) l_->free_node_(cur_);
    }

   private:
    friend class linked_list;
    friend class detail::pull_range<extract_if_range, T>;
    T* current_() const noexcept { return cur_ ? &cur_->value : nullptr; }
    extract_if_range(linked_list* l, Pred pred) noexcept : l_(l), next_(l->head_.next), pred_(static_cast<Pred&&>(pred)) {}
    void advance_() noexcept {
      if (cur_) {
        l_->free_node_(cur_);
        cur_ = nullptr;
      }
      while (next_ != &l_->head_) {
        node* n = as_node_(next_);
        next_ = next_->next;
        if (pred_(n->value)) {
          detail::ring_unlink(n);
          --l_->len_;
          cur_ = n;
          return;
        }
      }
    }
    linked_list* l_;
    detail::dlink* next_;   // the next node to test
    node* cur_ = nullptr;   // unlinked, shown by the iterator, freed on the next step
    Pred pred_;
  };
  template <class Pred>
  [[nodiscard]] extract_if_range<Pred> extract_if(Pred pred) noexcept {
    return extract_if_range<Pred>(this, static_cast<Pred&&>(pred));
  }

  // ---- relinking: never allocates --------------------------------------------------------
  // Nodes move between lists, so both must use interchangeable allocators: with an allocator
  // type that has ==, it is checked (panic otherwise); stateless allocators always are.

  // Moves all of other's elements before pos, in order; other is left empty. O(1).
  // Iterators to the moved elements stay valid and now belong to this list. No-op if other is
  // this list. Precondition: pos is an iterator of this list.
  void splice(const_iterator pos, linked_list& other) noexcept {
    if (&other == this || other.len_ == 0) return;
    BARE_CHECK(same_allocator_(other), "bare::linked_list::splice: the lists' allocators differ");
    detail::ring_splice_before(pos.p_, other.head_.next, other.head_.prev);
    len_ += other.len_;
    other.len_ = 0;
  }
  void splice(const_iterator pos, linked_list&& other) noexcept { splice(pos, other); }
  // Moves the element `it` of other (which may be this list) before pos. O(1).
  // Preconditions: it is an element of other (checked: not end()), pos an iterator of this.
  void splice(const_iterator pos, linked_list& other, const_iterator it) noexcept {
    BARE_CHECK(it.p_ != &other.head_, "bare::linked_list::splice: end() is not an element");
    if (&other != this) {
      BARE_CHECK(same_allocator_(other), "bare::linked_list::splice: the lists' allocators differ");
      --other.len_;
      ++len_;
    } else if (pos.p_ == it.p_ || pos.p_ == it.p_->next) {
      return;  // already there
    }
    detail::ring_splice_before(pos.p_, it.p_, it.p_);
  }
  // Moves the elements [first, last) of other (which may be this list) before pos, in order
  // (std::list's range splice). O(distance(first, last)) from another list (it counts them
  // for size(), as libstdc++ does), O(1) within this list. Preconditions: [first, last) is a
  // range of other (checked while counting: it does not pass other's end); within one list,
  // pos is not in [first, last). Never allocates; iterators to the moved elements stay valid
  // and now belong to this list.
  void splice(const_iterator pos, linked_list& other, const_iterator first, const_iterator last) noexcept {
    if (first == last) return;
    if (&other != this) {
      BARE_CHECK(same_allocator_(other), "bare::linked_list::splice: the lists' allocators differ");
      std::size_t n = 0;
      for (const detail::dlink* p = first.p_; p != last.p_; p = p->next, ++n)
        BARE_CHECK(p != &other.head_, "bare::linked_list::splice: [first, last) is not a range of other");
      other.len_ -= n;
      len_ += n;
    } else if (pos.p_ == last.p_) {
      return;  // already there
    }
    detail::ring_transfer_before(pos.p_, first.p_, last.p_);
  }
  // Moves all of other's elements to the back; other is left empty (Rust's append). O(1).
  void append(linked_list& other) noexcept { splice(end(), other); }
  void append(linked_list&& other) noexcept { splice(end(), other); }

  // Moves the elements [at, size()) into a new list (with a copy of the allocator) and returns
  // it. O(min(at, size() - at)): walks from the nearer end; never allocates. Iterators to
  // the moved elements now belong to the new list. Precondition (checked): at <= size().
  linked_list split_off(std::size_t at, source_loc where = source_loc::current()) noexcept {
    BARE_ASSERT_AT(at <= len_, "bare::linked_list::split_off: index out of range", where);
    linked_list out(alloc_);
    if (at != len_) {
      detail::ring_splice_before(&out.head_, detail::ring_at(&head_, at, len_), head_.prev);
      out.len_ = len_ - at;
      len_ = at;
    }
    return out;
  }

  // Reverses the order of the elements. O(n); iterators stay valid (they follow their element).
  void reverse() noexcept { detail::ring_reverse(&head_); }

  // Exchanges contents and allocators. O(1).
  void swap(linked_list& other) noexcept {
    linked_list tmp(static_cast<linked_list&&>(other));
    other = static_cast<linked_list&&>(*this);
    *this = static_cast<linked_list&&>(tmp);
  }
  friend void swap(linked_list& a, linked_list& b) noexcept { a.swap(b); }

  // Element-wise comparisons. O(n).
  friend bool operator==(const linked_list& a, const linked_list& b) noexcept
    requires requires(const T& x) { x == x; }
  {
    if (a.len_ != b.len_) return false;
    for (const_iterator i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j)
      if (!(*i == *j)) return false;
    return true;
  }
  friend auto operator<=>(const linked_list& a, const linked_list& b) noexcept
    requires std::three_way_comparable<T>
  {
    const_iterator i = a.begin(), j = b.begin();
    for (; i != a.end() && j != b.end(); ++i, ++j)
      if (auto c = *i <=> *j; c != 0) return c;
    return static_cast<std::compare_three_way_result_t<T>>(a.len_ <=> b.len_);
  }

  // ---- cursors (Rust's unstable LinkedList cursor API) -------------------------------------
  //
  // A cursor rests on an element or on the "ghost" non-element between the last and the first
  // element (on an empty list it always rests on the ghost). Moving past either end goes
  // through the ghost and wraps around. index() is the element's position, nullopt at the
  // ghost. cursor (from cursor_front / cursor_back) reads; cursor_mut (cursor_front_mut /
  // cursor_back_mut) also edits. Every cursor operation is O(1); only the inserting ones
  // allocate (one node, try_ twins with the strong guarantee). A cursor_mut's edits keep the
  // cursor valid and its index() right; any change to the list made not through the cursor
  // invalidates it (as does moving or destroying the list).
  template <bool Mut>
  class basic_cursor {
    using list_ptr = std::conditional_t<Mut, linked_list*, const linked_list*>;
    using elem_ptr = std::conditional_t<Mut, T*, const T*>;

   public:
    // The position of the current element, nullopt at the ghost.
    std::optional<std::size_t> index() const noexcept {
      if (cur_ == ghost_()) return std::nullopt;
      return idx_;
    }
    // To the next element; from the last element to the ghost, from the ghost to the first.
    void move_next() noexcept {
      idx_ = cur_ == ghost_() ? 0 : idx_ + 1;
      cur_ = cur_->next;
    }
    // To the previous element; from the first element to the ghost, from the ghost to the last.
    void move_prev() noexcept {
      const std::size_t n = l_->len_;
      if (cur_ == ghost_()) {
        idx_ = n == 0 ? 0 : n - 1;
      } else {
        idx_ = cur_->prev == ghost_() ? n : idx_ - 1;
      }
      cur_ = cur_->prev;
    }
    // The current element, or nullptr at the ghost.
    elem_ptr current() const noexcept { return value_(cur_); }
    // The element after / before the current one (from the ghost: the first / the last), or
    // nullptr where that is the ghost.
    elem_ptr peek_next() const noexcept { return value_(cur_->next); }
    elem_ptr peek_prev() const noexcept { return value_(cur_->prev); }
    // The list's first / last element, or nullptr if it is empty.
    elem_ptr front() const noexcept { return value_(ghost_()->next); }
    elem_ptr back() const noexcept { return value_(ghost_()->prev); }
    const linked_list& list() const noexcept { return *l_; }
    // A read-only cursor at the same position.
    basic_cursor<false> as_cursor() const noexcept { return basic_cursor<false>(l_, cur_, idx_); }

    // -- editing (cursor_mut) --

    // Inserts after the current element (at the ghost: at the front). The cursor stays.
    template <class... Args>
    result<T&> try_emplace_after(Args&&... args) noexcept requires Mut {
      const bool ghost = cur_ == ghost_();
      auto r = value_of_(l_->link_new_before_(cur_->next, static_cast<Args&&>(args)...));
      if (r && ghost) ++idx_;
      return r;
    }
    // Inserts before the current element (at the ghost: at the back). The cursor stays.
    template <class... Args>
    result<T&> try_emplace_before(Args&&... args) noexcept requires Mut {
      auto r = value_of_(l_->link_new_before_(cur_, static_cast<Args&&>(args)...));
      if (r) ++idx_;
      return r;
    }
    result<T&> try_insert_after(const T& x) noexcept requires Mut { return try_emplace_after(x); }
    result<T&> try_insert_after(T&& x) noexcept requires Mut { return try_emplace_after(static_cast<T&&>(x)); }
    result<T&> try_insert_before(const T& x) noexcept requires Mut { return try_emplace_before(x); }
    result<T&> try_insert_before(T&& x) noexcept requires Mut { return try_emplace_before(static_cast<T&&>(x)); }
    // At the list's front / back; the cursor stays on its element (or the ghost).
    result<T&> try_push_front(const T& x) noexcept requires Mut { return push_front_(x); }
    result<T&> try_push_front(T&& x) noexcept requires Mut { return push_front_(static_cast<T&&>(x)); }
    result<T&> try_push_back(const T& x) noexcept requires Mut { return push_back_(x); }
    result<T&> try_push_back(T&& x) noexcept requires Mut { return push_back_(static_cast<T&&>(x)); }
#if BARE_OOM_HANDLING
    void insert_after(const T& x) noexcept requires Mut { detail::unwrap_or_handle(try_insert_after(x)); }
    void insert_after(T&& x) noexcept requires Mut { detail::unwrap_or_handle(try_insert_after(static_cast<T&&>(x))); }
    void insert_before(const T& x) noexcept requires Mut { detail::unwrap_or_handle(try_insert_before(x)); }
    void insert_before(T&& x) noexcept requires Mut {
      detail::unwrap_or_handle(try_insert_before(static_cast<T&&>(x)));
    }
    void push_front(const T& x) noexcept requires Mut { detail::unwrap_or_handle(try_push_front(x)); }
    void push_front(T&& x) noexcept requires Mut { detail::unwrap_or_handle(try_push_front(static_cast<T&&>(x))); }
    void push_back(const T& x) noexcept requires Mut { detail::unwrap_or_handle(try_push_back(x)); }
    void push_back(T&& x) noexcept requires Mut { detail::unwrap_or_handle(try_push_back(static_cast<T&&>(x))); }
#endif

    // Removes the current element and returns it; the cursor moves to the next element (or
    // the ghost). At the ghost: nothing, nullopt.
    std::optional<T> remove_current() noexcept requires Mut {
      if (cur_ == ghost_()) return std::nullopt;
      detail::dlink* n = cur_;
      cur_ = n->next;
      return l_->take_(n);
    }
    // As remove_current, but the node is not freed: it is returned as a one-element list.
    std::optional<linked_list> remove_current_as_list() noexcept requires Mut {
      if (cur_ == ghost_()) return std::nullopt;
      detail::dlink* n = cur_;
      cur_ = n->next;
      std::optional<linked_list> out(std::in_place, l_->alloc_);
      detail::ring_splice_before(&out->head_, n, n);
      out->len_ = 1;
      --l_->len_;
      return out;
    }
    // Removes the first / last element of the list and returns it. A cursor on it moves to
    // the next element (the first: to the new first; the last: to the ghost).
    std::optional<T> pop_front() noexcept requires Mut {
      if (l_->len_ == 0) return std::nullopt;
      detail::dlink* f = ghost_()->next;
      if (cur_ == f) {
        cur_ = f->next;
        idx_ = 0;
      } else {
        --idx_;
      }
      return l_->take_(f);
    }
    std::optional<T> pop_back() noexcept requires Mut {
      if (l_->len_ == 0) return std::nullopt;
      detail::dlink* b = ghost_()->prev;
      if (cur_ == b) cur_ = ghost_();  // its index, len - 1, is the new ghost's
      else if (cur_ == ghost_()) --idx_;
      return l_->take_(b);
    }

    // The elements after the current one, as a new list (with a copy of the allocator); this
    // list keeps the rest. At the ghost: all elements. Never allocates.
    linked_list split_after() noexcept requires Mut {
      linked_list out(l_->alloc_);
      detail::dlink* first = cur_->next;
      if (first != ghost_()) {
        const std::size_t n = cur_ == ghost_() ? l_->len_ : l_->len_ - idx_ - 1;
        detail::ring_splice_before(&out.head_, first, ghost_()->prev);
        out.len_ = n;
        l_->len_ -= n;
      }
      if (cur_ == ghost_()) idx_ = 0;
      return out;
    }
    // The elements before the current one, as a new list; this list keeps the rest (the
    // current element becomes the first). At the ghost: all elements. Never allocates.
    linked_list split_before() noexcept requires Mut {
      linked_list out(l_->alloc_);
      detail::dlink* last = cur_->prev;
      if (last != ghost_()) {
        detail::ring_splice_before(&out.head_, ghost_()->next, last);
        out.len_ = idx_;  // the elements before the cursor (all of them at the ghost)
        l_->len_ -= idx_;
      }
      idx_ = 0;
      return out;
    }
    // Moves other's elements after the current one (at the ghost: to the front); other is
    // left empty. Never allocates. Precondition: other is not this cursor's list; its
    // allocator is interchangeable (see splice).
    void splice_after(linked_list& other) noexcept requires Mut {
      if (!splice_ok_(other)) return;
      const std::size_t n = other.len_;
      detail::ring_splice_before(cur_->next, other.head_.next, other.head_.prev);
      l_->len_ += n;
      other.len_ = 0;
      if (cur_ == ghost_()) idx_ += n;
    }
    void splice_after(linked_list&& other) noexcept requires Mut { splice_after(other); }
    // Moves other's elements before the current one (at the ghost: to the back).
    void splice_before(linked_list& other) noexcept requires Mut {
      if (!splice_ok_(other)) return;
      const std::size_t n = other.len_;
      detail::ring_splice_before(cur_, other.head_.next, other.head_.prev);
      l_->len_ += n;
      other.len_ = 0;
      idx_ += n;
    }
    void splice_before(linked_list&& other) noexcept requires Mut { splice_before(other); }

   private:
    friend class linked_list;
    basic_cursor(list_ptr l, detail::dlink* cur, std::size_t idx) noexcept : l_(l), cur_(cur), idx_(idx) {}
    detail::dlink* ghost_() const noexcept { return l_->ghost_(); }
    elem_ptr value_(detail::dlink* p) const noexcept { return p == ghost_() ? nullptr : &as_node_(p)->value; }
    template <class U>
    result<T&> push_front_(U&& x) noexcept {
      auto r = l_->try_emplace_front(static_cast<U&&>(x));
      if (r) ++idx_;  // everything, the ghost included, moved one place up
      return r;
    }
    template <class U>
    result<T&> push_back_(U&& x) noexcept {
      const bool ghost = cur_ == ghost_();
      auto r = l_->try_emplace_back(static_cast<U&&>(x));
      if (r && ghost) ++idx_;
      return r;
    }
    bool splice_ok_(const linked_list& other) const noexcept {
      BARE_CHECK(&other != l_, "bare::linked_list::cursor: splicing a list into itself");
      BARE_CHECK(l_->same_allocator_(other), "bare::linked_list::cursor: the lists' allocators differ");
      return other.len_ != 0;
    }

    // Invariant: cur_ is the ghost (&l_->head_; then idx_ == l_->len_) or the element at
    // position idx_ of *l_.
    list_ptr l_;
    detail::dlink* cur_;
    std::size_t idx_;
  };
  using cursor = basic_cursor<false>;
  using cursor_mut = basic_cursor<true>;

  // A cursor on the first / last element (the ghost if the list is empty). O(1).
  cursor cursor_front() const noexcept { return cursor(this, head_.next, 0); }
  cursor cursor_back() const noexcept { return cursor(this, head_.prev, len_ == 0 ? 0 : len_ - 1); }
  cursor_mut cursor_front_mut() noexcept { return cursor_mut(this, head_.next, 0); }
  cursor_mut cursor_back_mut() noexcept { return cursor_mut(this, head_.prev, len_ == 0 ? 0 : len_ - 1); }

 private:
  bool same_allocator_(const linked_list& other) const noexcept {
    if constexpr (std::equality_comparable<A>) return alloc_ == other.alloc_;
    else return true;
  }

  // Allocates a node holding T(args...) and links it before pos. On failure nothing changed.
  // Preconditions: pos is head_ or a node of this list.
  template <class... Args>
  result<detail::dlink*> link_new_before_(detail::dlink* pos, Args&&... args) noexcept {
    void* p = alloc_.allocate(node_layout_);
    if (BARE_UNLIKELY(p == nullptr)) return err(detail::alloc_failed(alloc_, node_layout_));
    node* n = ::new (p) node(std::in_place, static_cast<Args&&>(args)...);
    detail::ring_link_before(pos, n);
    ++len_;
    return static_cast<detail::dlink*>(n);
  }
  static result<T&> value_of_(result<detail::dlink*> r) noexcept {
    if (!r) return err(r.error());
    return as_node_(*r)->value;
  }
  // Appends a copy of x (through x.try_clone() when T has one). On failure nothing changed.
  result<void> clone_back_(const T& x) noexcept {
    if constexpr (detail::has_try_clone<T>) {
      auto c = x.try_clone();
      if (!c) return err(c.error());
      BARE_TRY(try_emplace_back(static_cast<T&&>(*c)));
    } else {
      BARE_TRY(try_emplace_back(x));
    }
    return {};
  }
  void free_node_(node* n) noexcept {
    n->~node();
    alloc_.deallocate(n, node_layout_);
  }
  // Unlinks, destroys and frees the node l. Preconditions: l is a node of this list.
  void destroy_(detail::dlink* l) noexcept {
    detail::ring_unlink(l);
    --len_;
    free_node_(as_node_(l));
  }
  // Unlinks the node l, frees it and returns its element. Preconditions: as destroy_.
  std::optional<T> take_(detail::dlink* l) noexcept {
    node* n = as_node_(l);
    detail::ring_unlink(l);
    --len_;
    std::optional<T> out = detail::moved_into_optional(n->value);
    free_node_(n);
    return out;
  }
};

}  // namespace bare
