// bare/detail/pull_range.hpp — the iterator, sentinel, begin() and end() of a single-pass range
// whose state lives in the range object itself: every container's extract_if range. The range
// (CRTP: class R : public pull_range<R, T>) provides, to pull_range as a friend,
//   T* current_() const   the element the iteration is at; nullptr when it is over
//   void advance_()       moves to the next element (also the first, from begin())
// A pull_range is neither copyable nor movable: its iterators point at it.
#pragma once

namespace bare::detail {

template <class R, class T>
class pull_range {
 public:
  struct sentinel {};
  class iterator {
   public:
    T& operator*() const noexcept { return *r_->current_(); }
    T* operator->() const noexcept { return r_->current_(); }
    iterator& operator++() noexcept {
      r_->advance_();
      return *this;
    }
    friend bool operator==(const iterator& it, sentinel) noexcept { return it.done_(); }

   private:
    friend class pull_range;
    explicit iterator(R* r) noexcept : r_(r) {}
    bool done_() const noexcept { return r_->current_() == nullptr; }
    R* r_;
  };
  // Starts the visit; call once.
  iterator begin() noexcept {
    R* r = static_cast<R*>(this);
    r->advance_();
    return iterator(r);
  }
  sentinel end() const noexcept { return {}; }
  pull_range(const pull_range&) = delete;
  pull_range& operator=(const pull_range&) = delete;

 protected:
  pull_range() = default;
  ~pull_range() = default;
};

}  // namespace bare::detail
