// libFuzzer target: the input bytes are a program of vec operations, mirrored on std::vector;
// some run through the try_ API on an allocator whose failures the input decides. Any
// divergence, or a failed operation that changed the vec, traps.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "bare/alloc/malloc.hpp"
#include "bare/vec.hpp"

namespace {

struct input_driven {
  static inline const std::uint8_t* bits = nullptr;
  static inline std::size_t nbits = 0, pos = 0;
  static bool fail() {
    if (pos >= nbits) return false;
    const bool f = (bits[pos / 8] >> (pos % 8)) & 1u;
    ++pos;
    return f;
  }
  void* allocate(bare::layout l) noexcept { return fail() ? nullptr : bare::malloc_allocator{}.allocate(l); }
  void deallocate(void* p, bare::layout l) noexcept { bare::malloc_allocator{}.deallocate(p, l); }
  void* grow(void* p, bare::layout l, std::size_t n) noexcept {
    return fail() ? nullptr : bare::malloc_allocator{}.grow(p, l, n);
  }
};

using V = bare::vec<std::uint32_t, input_driven>;

void same(const V& v, const std::vector<std::uint32_t>& m) {
  if (v.size() != m.size() || v.capacity() < v.size()) __builtin_trap();
  for (std::size_t i = 0; i < m.size(); ++i)
    if (v[i] != m[i]) __builtin_trap();
}

}  // namespace

static bare::malloc_allocator g_heap;
BARE_GLOBAL_ALLOCATOR(g_heap);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 4) return 0;
  // The first quarter of the input decides which allocation attempts fail.
  const std::size_t fail_bytes = size / 4;
  input_driven::bits = data;
  input_driven::nbits = fail_bytes * 8;
  input_driven::pos = 0;
  V v;
  std::vector<std::uint32_t> m;
  for (std::size_t i = fail_bytes; i + 1 < size; i += 2) {
    const std::uint8_t op = data[i] % 10, arg = data[i + 1];
    const std::size_t n = m.size();
    switch (op) {
      case 0: case 1:
        if (v.try_push_back(arg)) m.push_back(arg);
        break;
      case 2:
        if (n) { v.pop_back(); m.pop_back(); }
        break;
      case 3: {
        const std::size_t at = n ? arg % (n + 1) : 0;
        if (v.try_insert(v.begin() + at, std::size_t{arg % 5u}, arg)) m.insert(m.begin() + static_cast<long>(at), arg % 5u, arg);
        break;
      }
      case 4:
        if (n) {
          const std::size_t at = arg % n;
          v.erase(v.begin() + at);
          m.erase(m.begin() + static_cast<long>(at));
        }
        break;
      case 5:
        if (v.try_resize(arg)) m.resize(arg);
        break;
      case 6:
        (void)v.try_shrink_to_fit();
        break;
      case 7:
        if (v.try_extend_from(std::span<const std::uint32_t>(v.data(), v.size() / 2))) {
          std::vector<std::uint32_t> half(m.begin(), m.begin() + static_cast<long>(n / 2));
          m.insert(m.end(), half.begin(), half.end());
        }
        break;
      case 8:
        v.retain([arg](std::uint32_t x) { return (x ^ arg) % 3 != 0; });
        std::erase_if(m, [arg](std::uint32_t x) { return (x ^ arg) % 3 == 0; });
        break;
      case 9: {
        auto c = v.try_clone();
        if (c) { same(*c, m); v = static_cast<V&&>(*c); }
        break;
      }
    }
    same(v, m);
  }
  return 0;
}
