// libFuzzer target for bare/std_interop.hpp's allocator adapters under allocation failure: a
// std::vector over std_allocator, a std::pmr::list over memory_resource_adapter, and a bare::vec
// over memory_resource_ref over that adapter (bare -> pmr -> bare), all on one failing
// allocator. Each operation is mirrored on a plain model; when an allocation fails, the adapter
// must throw std::bad_alloc (std side) or the try_ call must report it (bare side), and the
// container must be exactly as before. At the end every block must have been returned.
//
// Input: groups of 4 bytes [op, a, b, fail]: operation, two arguments, and the failure mask of
// this operation (allocation attempt k of the operation fails iff bit (k % 8) of `fail` is set).
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory_resource>
#include <new>
#include <vector>

#include "bare/std_interop.hpp"
#include "bare/vec.hpp"
#include "fuzz_support.hpp"

namespace {

using bare_fuzz::boxed_int;
using bare_fuzz::fuzz_alloc;

template <class C, class M>
bool same(const C& c, const M& model) {
  if (c.size() != model.size()) return false;
  auto m = model.begin();
  for (const auto& x : c)
    if (bare_fuzz::get(x) != *m++) return false;
  return true;
}

// Runs f, which may throw std::bad_alloc; returns whether it completed.
template <class F>
bool attempt(F f) {
  try {
    f();
    return true;
  } catch (const std::bad_alloc&) {
    return false;
  }
}

void run(const std::uint8_t* data, std::size_t size, fuzz_alloc& heap) {
  bare::memory_resource_adapter<fuzz_alloc&> res(heap);
  std::vector<boxed_int, bare::std_allocator<boxed_int, fuzz_alloc&>> v(heap), v2(heap);
  std::pmr::list<int> l(&res);
  bare::vec<int, bare::memory_resource_ref> bv(&res);
  std::vector<int> mv, mv2, mbv;  // the models (never fail)
  std::list<int> ml;

  for (std::size_t i = 0; i + 3 < size; i += 4) {
    const std::uint8_t op = data[i] % 9, a = data[i + 1], b = data[i + 2];
    heap.mask = data[i + 3];
    heap.attempt = 0;
    const std::size_t cap = v.capacity();
    switch (op) {
      case 0:  // push_back
        if (attempt([&] { v.push_back(boxed_int(a)); })) mv.push_back(a);
        else FUZZ_CHECK(v.capacity() == cap);
        break;
      case 1:  // pop_back
        if (!v.empty()) {
          v.pop_back();
          mv.pop_back();
        }
        break;
      case 2:  // reserve
        if (!attempt([&] { v.reserve(std::size_t{a} * 4); })) FUZZ_CHECK(v.capacity() == cap);
        else FUZZ_CHECK(v.capacity() >= std::size_t{a} * 4);
        break;
      case 3: {  // insert in the middle
        const std::size_t at = mv.empty() ? 0 : a % (mv.size() + 1);
        if (attempt([&] { v.insert(v.begin() + static_cast<std::ptrdiff_t>(at), boxed_int(b)); }))
          mv.insert(mv.begin() + static_cast<std::ptrdiff_t>(at), b);
        break;
      }
      case 4:  // copy assignment (the allocator propagates; the copy allocates)
        if (attempt([&] { v2 = v; })) mv2 = mv;
        FUZZ_CHECK(v2.get_allocator() == v.get_allocator());
        break;
      case 5:  // shrink_to_fit: a failure is swallowed by the library, the contents stay
        v.shrink_to_fit();
        break;
      case 6:  // pmr list through the memory_resource adapter
        if (a & 1) {
          if (!l.empty()) {
            l.pop_front();
            ml.pop_front();
          }
        } else if (attempt([&] { l.push_back(b); })) {
          ml.push_back(b);
        }
        break;
      case 7: {  // bare::vec on memory_resource_ref on the adapter: bad_alloc becomes a value
        const std::size_t bcap = bv.capacity();
        if (bv.try_push_back(a)) {
          mbv.push_back(a);
        } else {
          FUZZ_CHECK(bv.capacity() == bcap);
        }
        break;
      }
      case 8:  // clear one of them (frees nothing but the elements)
        if (a % 3 == 0) {
          v.clear();
          mv.clear();
        } else if (a % 3 == 1) {
          bv.clear();
          mbv.clear();
        } else {
          l.clear();
          ml.clear();
        }
        break;
    }
    FUZZ_CHECK(same(v, mv) && same(v2, mv2) && same(l, ml) && same(bv, mbv));
  }
  heap.mask = 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz_alloc heap;
  run(data, size, heap);
  FUZZ_CHECK(heap.live == 0);  // every block came back through its adapter
  return 0;
}
