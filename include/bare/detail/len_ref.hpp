// bare/detail/len_ref.hpp — the length types of the fixed-capacity containers and a
// reference to a length of any of them (what a capacity-erased view holds).
#pragma once

#include <cstddef>
#include <type_traits>

namespace bare::detail {

// The smallest of unsigned char / short / int / size_t whose range holds [0, N].
template <std::size_t N>
using len_type_for = std::conditional_t<
    N <= 0xFFu, unsigned char,
    std::conditional_t<N <= 0xFFFFu, unsigned short, std::conditional_t<N <= 0xFFFFFFFFu, unsigned int, std::size_t>>>;

template <class L>
concept length_type = std::is_same_v<L, unsigned char> || std::is_same_v<L, unsigned short> ||
                      std::is_same_v<L, unsigned int> || std::is_same_v<L, std::size_t>;

// A reference to a container's length (or a ring's head) of any of the four length types:
// the pointer and which type it points to (read and written as that type, no aliasing). Two
// words; reading it is a switch on the kind.
class len_ref {
 public:
  template <length_type L>
  constexpr explicit len_ref(L* p) noexcept : p_(p), kind_(kind_of<L>()) {}

  std::size_t get() const noexcept {
    switch (kind_) {
      case kind::uchar: return *static_cast<const unsigned char*>(p_);
      case kind::ushort: return *static_cast<const unsigned short*>(p_);
      case kind::uint: return *static_cast<const unsigned int*>(p_);
      default: return *static_cast<const std::size_t*>(p_);
    }
  }
  // Preconditions: n fits the length type (it is at most the container's capacity).
  void set(std::size_t n) const noexcept {
    switch (kind_) {
      case kind::uchar: *static_cast<unsigned char*>(p_) = static_cast<unsigned char>(n); break;
      case kind::ushort: *static_cast<unsigned short*>(p_) = static_cast<unsigned short>(n); break;
      case kind::uint: *static_cast<unsigned int*>(p_) = static_cast<unsigned int>(n); break;
      default: *static_cast<std::size_t*>(p_) = n; break;
    }
  }

 private:
  enum class kind : unsigned char { uchar, ushort, uint, size };
  template <class L>
  static constexpr kind kind_of() noexcept {
    if constexpr (std::is_same_v<L, std::size_t>) return kind::size;  // (first: size_t may be unsigned int)
    else if constexpr (std::is_same_v<L, unsigned char>) return kind::uchar;
    else if constexpr (std::is_same_v<L, unsigned short>) return kind::ushort;
    else return kind::uint;
  }
  void* p_;
  kind kind_;
};

}  // namespace bare::detail
