// bare/reverse_iterator.hpp — bare::reverse_iterator<It>, what every bidirectional container's
// rbegin() / rend() return, and bare::reversed(c) for a backwards range-for:
//
//   for (int x : bare::reversed(v)) ...            // v.rbegin() .. v.rend()
//   for (auto it = m.rbegin(); it != m.rend(); ++it) it->first ...
//
// The same contract as std::reverse_iterator (which lives in <iterator>, not a freestanding
// header): it holds the iterator one past the element it refers to, so rbegin() == end() and
// rend() == begin() as positions; base() gives that iterator back. Every operation costs what
// the underlying one costs (dereferencing steps a copy back once). Random-access operations
// (+, -, [], <=>) exist exactly when It has them. Valid as long as the underlying iterator is.
#pragma once

#include <compare>
#include <cstddef>
#include <type_traits>

#if __STDC_HOSTED__
#include <iterator>
#endif

namespace bare {

namespace detail {

template <class It>
struct iter_value {
  using type = typename It::value_type;
};
template <class T>
struct iter_value<T*> {
  using type = std::remove_cv_t<T>;
};

template <class It>
concept random_access_steps = requires(It a, const It& b, std::ptrdiff_t n) {
  a += n;
  a -= n;
  { b - b } -> std::convertible_to<std::ptrdiff_t>;
  b <=> b;
};

}  // namespace detail

template <class It>
class reverse_iterator {
 public:
  using iterator_type = It;
  using value_type = typename detail::iter_value<It>::type;
  using reference = decltype(*static_cast<It (*)()>(nullptr)());
  using difference_type = std::ptrdiff_t;
#if __STDC_HOSTED__
  using iterator_category = typename std::iterator_traits<It>::iterator_category;
  using iterator_concept = std::conditional_t<detail::random_access_steps<It>, std::random_access_iterator_tag,
                                              std::bidirectional_iterator_tag>;
#endif

  constexpr reverse_iterator() = default;
  // Refers to the element before it.
  constexpr explicit reverse_iterator(It it) noexcept : it_(it) {}
  // iterator -> const_iterator, as the underlying iterators convert.
  template <class U>
    requires(!std::is_same_v<U, It> && std::is_convertible_v<const U&, It>)
  constexpr reverse_iterator(const reverse_iterator<U>& o) noexcept  // NOLINT: implicit by design
      : it_(o.base()) {}

  // The underlying iterator: one past the element this one refers to.
  constexpr It base() const noexcept { return it_; }

  constexpr reference operator*() const noexcept {
    It t = it_;
    --t;
    return *t;
  }
  constexpr auto operator->() const noexcept
    requires(std::is_pointer_v<It> || requires(const It& i) { i.operator->(); })
  {
    It t = it_;
    --t;
    if constexpr (std::is_pointer_v<It>) return t;
    else return t.operator->();
  }

  constexpr reverse_iterator& operator++() noexcept {
    --it_;
    return *this;
  }
  constexpr reverse_iterator operator++(int) noexcept {
    reverse_iterator t = *this;
    --it_;
    return t;
  }
  constexpr reverse_iterator& operator--() noexcept {
    ++it_;
    return *this;
  }
  constexpr reverse_iterator operator--(int) noexcept {
    reverse_iterator t = *this;
    ++it_;
    return t;
  }

  // ---- random access, when It has it -----------------------------------------------------

  constexpr reverse_iterator& operator+=(difference_type n) noexcept
    requires detail::random_access_steps<It>
  {
    it_ -= n;
    return *this;
  }
  constexpr reverse_iterator& operator-=(difference_type n) noexcept
    requires detail::random_access_steps<It>
  {
    it_ += n;
    return *this;
  }
  friend constexpr reverse_iterator operator+(reverse_iterator r, difference_type n) noexcept
    requires detail::random_access_steps<It>
  {
    return r += n;
  }
  friend constexpr reverse_iterator operator+(difference_type n, reverse_iterator r) noexcept
    requires detail::random_access_steps<It>
  {
    return r += n;
  }
  friend constexpr reverse_iterator operator-(reverse_iterator r, difference_type n) noexcept
    requires detail::random_access_steps<It>
  {
    return r -= n;
  }
  friend constexpr difference_type operator-(const reverse_iterator& a, const reverse_iterator& b) noexcept
    requires detail::random_access_steps<It>
  {
    return static_cast<difference_type>(b.it_ - a.it_);
  }
  constexpr reference operator[](difference_type n) const noexcept
    requires detail::random_access_steps<It>
  {
    return *(*this + n);
  }

  template <class U>
  friend constexpr bool operator==(const reverse_iterator& a, const reverse_iterator<U>& b) noexcept
    requires requires(const It& x, const U& y) {
      { x == y } -> std::convertible_to<bool>;
    }
  {
    return a.it_ == b.base();
  }
  // Reversed order: the element further back in the container compares greater.
  template <class U>
  friend constexpr auto operator<=>(const reverse_iterator& a, const reverse_iterator<U>& b) noexcept
    requires requires(const It& x, const U& y) { y <=> x; }
  {
    return b.base() <=> a.it_;
  }

 private:
  It it_{};
};

// What a backwards range-for iterates: c.rbegin() .. c.rend().
template <class It>
struct reversed_range {
  It first;
  It last;
  constexpr It begin() const noexcept { return first; }
  constexpr It end() const noexcept { return last; }
};

// bare::reversed(c): c's elements last to first, for range-for. c must outlive the loop (the
// range refers to it; a temporary container dies before the loop body runs).
template <class C>
constexpr auto reversed(C& c) noexcept -> reversed_range<decltype(c.rbegin())> {
  return {c.rbegin(), c.rend()};
}
template <class C>
void reversed(const C&&) = delete;  // would dangle: name the container first

}  // namespace bare
