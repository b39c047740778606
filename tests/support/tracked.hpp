// Element types for the host tests (DESIGN §6): every container test runs over `int` and over
//
//   counted       counts live instances; a double destruction, or a use of a destroyed or
//                 never-constructed object, is recorded in counted::errors. The test runner
//                 (support/main.cpp) fails any test that ends with live or errors changed.
//   move_only     owns a heap int (so a leak or a double free is seen by ASan/LSan), cannot be
//                 copied, and counts live instances too.
//   over_aligned  alignas(64), trivially copyable (so vec grows it with the allocator's grow).
//
// All three are made from an int, expose it as value(), and compare (==, <=>) by it. A moved-
// from counted / move_only holds moved_from, so an element that a container forgot to move
// into place, or showed after moving it out, stands out in a comparison.
#pragma once

#include <climits>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <type_traits>
#include <vector>

namespace bare_test {

inline constexpr int moved_from = INT_MIN + 1;

class counted {
 public:
  static inline long live = 0;    // constructed and not yet destroyed
  static inline long errors = 0;  // double destructions and uses of dead objects

  counted() noexcept : counted(0) {}
  explicit counted(int v) noexcept : value_(v), magic_(alive) { ++live; }
  counted(const counted& o) noexcept : value_(o.value()), magic_(alive) { ++live; }
  counted(counted&& o) noexcept : value_(o.value()), magic_(alive) {
    o.value_ = moved_from;
    ++live;
  }
  counted& operator=(const counted& o) noexcept {
    check_();
    value_ = o.value();
    return *this;
  }
  counted& operator=(counted&& o) noexcept {
    check_();
    value_ = o.value();
    if (&o != this) o.value_ = moved_from;
    return *this;
  }
  ~counted() {
    if (magic_ != alive) ++errors;
    magic_ = dead;
    --live;
  }

  int value() const noexcept {
    check_();
    return value_;
  }
  friend bool operator==(const counted& a, const counted& b) noexcept { return a.value() == b.value(); }
  friend std::strong_ordering operator<=>(const counted& a, const counted& b) noexcept {
    return a.value() <=> b.value();
  }

 private:
  static constexpr std::uint32_t alive = 0xC0FFEE11u, dead = 0xDEADBEEFu;
  void check_() const noexcept {
    if (magic_ != alive) ++errors;
  }
  int value_;
  std::uint32_t magic_;
};

class move_only {
 public:
  static inline long live = 0;

  move_only() : move_only(0) {}
  explicit move_only(int v) : p_(new int(v)) { ++live; }
  move_only(move_only&& o) noexcept : p_(o.p_) {
    o.p_ = nullptr;
    ++live;
  }
  move_only& operator=(move_only&& o) noexcept {
    if (&o != this) {
      delete p_;
      p_ = o.p_;
      o.p_ = nullptr;
    }
    return *this;
  }
  move_only(const move_only&) = delete;
  move_only& operator=(const move_only&) = delete;
  ~move_only() {
    delete p_;
    --live;
  }

  int value() const noexcept { return p_ ? *p_ : moved_from; }
  friend bool operator==(const move_only& a, const move_only& b) noexcept { return a.value() == b.value(); }
  friend std::strong_ordering operator<=>(const move_only& a, const move_only& b) noexcept {
    return a.value() <=> b.value();
  }

 private:
  int* p_;
};

struct alignas(64) over_aligned {
  int v = 0;
  over_aligned() = default;
  explicit over_aligned(int x) noexcept : v(x) {}
  int value() const noexcept { return v; }
  friend bool operator==(const over_aligned&, const over_aligned&) = default;
  friend std::strong_ordering operator<=>(const over_aligned& a, const over_aligned& b) noexcept {
    return a.v <=> b.v;
  }
};
static_assert(std::is_trivially_copyable_v<over_aligned> && alignof(over_aligned) == 64);

// Trivially copyable with no copy constructor: what the pops take out of a collection must be
// moved, never copied (detail::moved_into_optional reads such a value through a local).
struct trivial_move_only {
  int v = 0;
  explicit trivial_move_only(int x) noexcept : v(x) {}
  trivial_move_only(trivial_move_only&&) = default;
  trivial_move_only& operator=(trivial_move_only&&) = default;
  trivial_move_only(const trivial_move_only&) = delete;
  trivial_move_only& operator=(const trivial_move_only&) = delete;
  int value() const noexcept { return v; }
  friend bool operator==(const trivial_move_only&, const trivial_move_only&) = default;
  friend auto operator<=>(const trivial_move_only&, const trivial_move_only&) = default;
};
static_assert(std::is_trivially_copyable_v<trivial_move_only> &&
              !std::is_copy_constructible_v<trivial_move_only>);
static_assert(!std::is_trivially_copyable_v<counted> && !std::is_trivially_copyable_v<move_only>);

// Makes a T holding i; reads it back.
template <class T>
T mk(int i) {
  if constexpr (std::is_same_v<T, int>) return i;
  else return T(i);
}
template <class T>
int val(const T& x) {
  if constexpr (std::is_same_v<T, int>) return x;
  else return x.value();
}

// The values of any range of element types, for comparisons with readable failure output.
template <class R>
std::vector<int> values(const R& r) {
  std::vector<int> out;
  for (const auto& x : r) out.push_back(val(x));
  return out;
}

// An input iterator (single pass, no operator-) yielding mk<T>(first), mk<T>(first + 1), ...
// until `last`, by value.
template <class T>
struct counting_input {
  using value_type = T;
  using difference_type = std::ptrdiff_t;
  int i;
  T operator*() const { return mk<T>(i); }
  counting_input& operator++() {
    ++i;
    return *this;
  }
  void operator++(int) { ++i; }
};
struct counting_end {
  int last;
};
template <class T>
bool operator==(const counting_input<T>& it, counting_end e) {
  return it.i == e.last;
}

inline void PrintTo(const counted& c, std::ostream* os) { *os << "counted(" << c.value() << ")"; }
inline void PrintTo(const move_only& c, std::ostream* os) { *os << "move_only(" << c.value() << ")"; }
inline void PrintTo(const over_aligned& c, std::ostream* os) { *os << "over_aligned(" << c.v << ")"; }

}  // namespace bare_test
