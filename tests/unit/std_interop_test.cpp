// bare/std_interop.hpp: conversions to std::string_view / std::span, std::hash, std::formatter
// (where the library has <format>), the std::pmr::memory_resource adapter both ways, and
// std_allocator under std containers. Typed tests over int, move_only, counted and
// over_aligned (DESIGN §6). Only the try_ API of bare's containers is used, so the file runs
// in the BARE_NO_GLOBAL_OOM_HANDLING build too. This test is built with exceptions (the
// adapters throw std::bad_alloc, as the std contracts require); tests/interop/ checks the
// -fno-exceptions path and the formatters under libc++.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <list>
#include <map>
#include <memory>
#include <memory_resource>
#include <new>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "bare/alloc/budget.hpp"
#include "bare/alloc/region.hpp"
#include "bare/arc.hpp"
#include "bare/box.hpp"
#include "bare/buffer_vec.hpp"
#include "bare/fixed_deque.hpp"
#include "bare/fixed_string.hpp"
#include "bare/fixed_vec.hpp"
#include "bare/hash.hpp"
#include "bare/rc.hpp"
#include "bare/small_vec.hpp"
#include "bare/std_interop.hpp"
#include "bare/str.hpp"
#include "bare/string.hpp"
#include "bare/string_buf.hpp"
#include "bare/vec.hpp"
#include "bare/vec_deque.hpp"
#include "support/death.hpp"
#include "support/heap.hpp"
#include "support/tracked.hpp"

namespace {

using namespace bare_test;  // NOLINT
using all_types = ::testing::Types<int, move_only, counted, over_aligned>;

template <class T>
bool is_aligned(const T* p) {
  return reinterpret_cast<std::uintptr_t>(p) % alignof(T) == 0;
}

// A region_allocator over an arena of its own, checked on destruction: every test that uses
// one is a leak test for what it allocated. The arena is on the C++ heap, not on the stack:
// the region poisons its free bytes for ASan, and a stack frame that a throw unwinds must
// not hold poisoned bytes.
template <std::size_t Bytes>
struct arena {
  std::unique_ptr<unsigned char[]> bytes{new unsigned char[Bytes]};
  bare::region_allocator heap;
  arena() {
    auto r = heap.init(bytes.get(), Bytes);
    EXPECT_TRUE(r);
    base = heap.stats().allocated;
  }
  ~arena() {
    EXPECT_EQ(heap.stats().allocated, base) << "a block of the arena was not freed";
    EXPECT_TRUE(heap.check()) << heap.check().problem;
  }
  std::size_t in_use() const { return heap.stats().allocated - base; }
  std::size_t base = 0;
};

// ---- std::string_view -------------------------------------------------------------------------

TEST(StdInteropStringView, EveryStringKindViewsItsOwnBytes) {
  const bare::str s = "grüße, world";
  const std::string_view sv = bare::to_string_view(s);
  EXPECT_EQ(sv, "grüße, world");
  EXPECT_EQ(sv.data(), s.data());
  EXPECT_EQ(sv.size(), s.size());

  auto owned = bare::string<>::try_from(s);
  ASSERT_TRUE(owned);
  EXPECT_EQ(bare::to_string_view(*owned), sv);
  EXPECT_EQ(bare::to_string_view(*owned).data(), owned->data());

  auto fixed = bare::fixed_string<32>::try_from(s);
  ASSERT_TRUE(fixed);
  EXPECT_EQ(bare::to_string_view(*fixed), sv);
  EXPECT_EQ(bare::to_string_view(*fixed).data(), fixed->data());

  bare::string_buf buf(*fixed);
  ASSERT_TRUE(buf.try_push_str("!"));
  EXPECT_EQ(bare::to_string_view(buf), "grüße, world!");
  EXPECT_EQ(bare::to_string_view(*fixed), "grüße, world!") << "the buffer is a view of the fixed string";

  EXPECT_TRUE(bare::to_string_view(bare::str()).empty());
  EXPECT_TRUE(bare::to_string_view(bare::string<>()).empty());
  static_assert(std::is_same_v<decltype(bare::to_string_view(*owned)), std::string_view>);
}

TEST(StdInteropStringView, StrFromValidatesTheBytes) {
  const std::string good = "κόσμε";
  auto r = bare::str_from(good);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->data(), good.data()) << "str_from borrows, never copies";
  EXPECT_EQ(r->size(), good.size());
  EXPECT_EQ(r->char_count(), 5u);

  const std::string bad = std::string("ab") + '\xC3' + 'x' + "cd";  // a lead byte without its continuation
  auto e = bare::str_from(bad);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().valid_up_to, 2u);
  EXPECT_TRUE(bare::str_from(std::string_view()));
}

// ---- std::span --------------------------------------------------------------------------------

template <class T>
class StdInteropSpanTest : public ::testing::Test {};
TYPED_TEST_SUITE(StdInteropSpanTest, all_types);

template <class V>
void fill(V& v, int first, int n) {
  for (int i = 0; i < n; ++i) ASSERT_TRUE(v.try_push_back(mk<typename V::value_type>(first + i)));
}

// span == container: same pointer, same size, and writes through the span are the container's.
template <class V>
void expect_span_is(V& v, std::span<typename V::value_type> s) {
  ASSERT_EQ(s.data(), v.data());
  ASSERT_EQ(s.size(), v.size());
  if (s.empty()) return;
  s[0] = mk<typename V::value_type>(1000);
  EXPECT_EQ(val(v[0]), 1000);
}

TYPED_TEST(StdInteropSpanTest, VecLikeContainersGiveTheirElements) {
  using T = TypeParam;
  bare::vec<T> v;
  fill(v, 0, 20);
  expect_span_is(v, bare::to_span(v));
  const auto& cv = v;
  static_assert(std::is_same_v<decltype(bare::to_span(cv)), std::span<const T>>);
  static_assert(std::is_same_v<decltype(bare::to_span(v)), std::span<T>>);
  EXPECT_EQ(values(bare::to_span(cv)).size(), 20u);
  EXPECT_EQ(val(bare::to_span(cv)[19]), 19);

  bare::fixed_vec<T, 8> f;
  fill(f, 0, 5);
  expect_span_is(f, bare::to_span(f));
  EXPECT_TRUE(is_aligned(bare::to_span(f).data()));

  bare::small_vec<T, 2> inline_sv, heap_sv;
  fill(inline_sv, 0, 2);
  fill(heap_sv, 0, 9);
  ASSERT_TRUE(inline_sv.is_inline());
  ASSERT_FALSE(heap_sv.is_inline());
  expect_span_is(inline_sv, bare::to_span(inline_sv));
  expect_span_is(heap_sv, bare::to_span(heap_sv));

  alignas(T) unsigned char room[4 * sizeof(T)];
  bare::buffer_vec<T> b(bare::uninit_span<T>{reinterpret_cast<T*>(room), 4});
  fill(b, 7, 3);
  expect_span_is(b, bare::to_span(b));

  // A view, even a temporary one, gives the viewed container's mutable elements.
  std::span<T> through_view = bare::to_span(bare::vec_view<T>(f));
  EXPECT_EQ(through_view.data(), f.data());
  EXPECT_EQ(through_view.size(), 5u);

  bare::vec<T> empty;
  EXPECT_TRUE(bare::to_span(empty).empty());
}

TEST(StdInteropSpan, VecIsAContiguousRangeWithoutTheHelper) {
  // std::span's range constructor accepts a vec directly: to_span only names it.
  static_assert(std::is_convertible_v<bare::vec<int>&, std::span<int>>);
  static_assert(std::is_convertible_v<const bare::vec<int>&, std::span<const int>>);
  static_assert(std::is_convertible_v<bare::fixed_vec<int, 4>&, std::span<int>>);
  bare::fixed_vec<int, 4> f{1, 2, 3};
  std::span<int> s = f;
  EXPECT_EQ(s.data(), f.data());
  EXPECT_EQ(s.size(), 3u);
}

TEST(StdInteropSpan, StringsGiveReadOnlyBytes) {
  const bare::str s = "día";
  static_assert(std::is_same_v<decltype(bare::to_span(s)), std::span<const char>>);
  EXPECT_EQ(bare::to_span(s).data(), s.data());
  EXPECT_EQ(bare::to_span(s).size(), 4u);
  auto owned = bare::string<>::try_from(s);
  ASSERT_TRUE(owned);
  static_assert(std::is_same_v<decltype(bare::to_span(*owned)), std::span<const char>>);
  EXPECT_EQ(bare::to_span(*owned).data(), owned->data());
  EXPECT_EQ(bare::to_span(*owned).size(), 4u);
}

template <class T>
class StdInteropSpansTest : public ::testing::Test {};
TYPED_TEST_SUITE(StdInteropSpansTest, all_types);

template <class D>
std::vector<int> joined(const D& d) {
  const auto [a, b] = bare::to_spans(d);
  std::vector<int> out = values(a);
  for (const auto& x : b) out.push_back(val(x));
  return out;
}

TYPED_TEST(StdInteropSpansTest, DequesGiveTwoSpansInOrder) {
  using T = TypeParam;
  auto made = bare::vec_deque<T>::try_with_capacity(8);
  ASSERT_TRUE(made);
  bare::vec_deque<T>& d = *made;
  for (int i = 3; i < 8; ++i) ASSERT_TRUE(d.try_push_back(mk<T>(i)));
  for (int i = 2; i >= 0; --i) ASSERT_TRUE(d.try_push_front(mk<T>(i)));  // wraps: 0 1 2 | 3 .. 7
  ASSERT_EQ(d.capacity(), 8u) << "no reallocation: the ring wrapped";
  const auto [a, b] = bare::to_spans(d);
  EXPECT_FALSE(a.empty());
  EXPECT_FALSE(b.empty()) << "the elements wrap around the end of the ring";
  EXPECT_EQ(a.size() + b.size(), 8u);
  EXPECT_EQ(&a[0], &d[0]);
  EXPECT_EQ(joined(d), (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7}));
  static_assert(std::is_same_v<decltype(bare::to_spans(d)), std::pair<std::span<T>, std::span<T>>>);
  const auto& cd = d;
  static_assert(
      std::is_same_v<decltype(bare::to_spans(cd)), std::pair<std::span<const T>, std::span<const T>>>);

  bare::fixed_deque<T, 4> f;
  ASSERT_TRUE(f.try_push_back(mk<T>(1)));
  ASSERT_TRUE(f.try_push_back(mk<T>(2)));
  ASSERT_TRUE(f.try_push_front(mk<T>(0)));
  EXPECT_EQ(joined(f), (std::vector<int>{0, 1, 2}));
  auto [va, vb] = bare::to_spans(bare::deque_view<T>(f));  // a temporary view: mutable spans
  EXPECT_EQ(va.size() + vb.size(), 3u);
  va[0] = mk<T>(9);
  EXPECT_EQ(val(f[0]), 9);

  bare::vec_deque<T> empty;
  EXPECT_TRUE(bare::to_spans(empty).first.empty() && bare::to_spans(empty).second.empty());
}

// ---- std::hash and bare's hash protocol -------------------------------------------------------

TEST(StdInteropHash, StringsHashAsStdStringView) {
  const std::hash<std::string_view> sv_hash;
  const bare::str s = "temperature/zone-3";
  auto owned = bare::string<>::try_from(s);
  ASSERT_TRUE(owned);
  auto fixed = bare::fixed_string<24>::try_from(s);
  ASSERT_TRUE(fixed);
  const std::size_t want = sv_hash("temperature/zone-3");
  EXPECT_EQ(std::hash<bare::str>{}(s), want);
  EXPECT_EQ(std::hash<bare::string<>>{}(*owned), want);
  EXPECT_EQ(std::hash<bare::fixed_string<24>>{}(*fixed), want);
  EXPECT_EQ(std::hash<std::string>{}(std::string("temperature/zone-3")), want);
  EXPECT_NE(std::hash<bare::str>{}(bare::str("temperature/zone-4")), want);
  EXPECT_EQ(std::hash<bare::str>{}(bare::str()), sv_hash(std::string_view()));
}

TEST(StdInteropHash, StdUnorderedContainersOfBareStrings) {
  std::unordered_map<bare::string<>, int, std::hash<bare::string<>>, std::equal_to<>> m;
  for (int i = 0; i < 50; ++i) {
    std::string key = "key-" + std::to_string(i);
    auto k = bare::string<>::try_from(*bare::str_from(key));
    ASSERT_TRUE(k);
    m.emplace(std::move(*k), i);
  }
  ASSERT_EQ(m.size(), 50u);
  // Heterogeneous lookup: a str is hashed and compared without making a string.
  const auto before = global_heap_stats();
  auto it = m.find(bare::str("key-42"));
  ASSERT_NE(it, m.end());
  EXPECT_EQ(it->second, 42);
  EXPECT_EQ(m.find(bare::str("key-50")), m.end());
  EXPECT_EQ(global_heap_stats().allocations, before.allocations);

  std::unordered_set<bare::str> set{"a", "b", "a"};
  EXPECT_EQ(set.size(), 2u);
  EXPECT_TRUE(set.contains("b"));
}

TEST(StdInteropHash, SmartPointersHashTheirValue) {
  const std::hash<int> ih;
  auto b = bare::try_make_box<int>(77);
  ASSERT_TRUE(b);
  EXPECT_EQ(std::hash<bare::box<int>>{}(*b), ih(77));
  auto r1 = bare::try_make_rc<int>(5);
  auto r2 = bare::try_make_rc<int>(5);
  ASSERT_TRUE(r1 && r2);
  EXPECT_EQ(std::hash<bare::rc<int>>{}(*r1), ih(5));
  EXPECT_EQ(*r1 == *r2, std::hash<bare::rc<int>>{}(*r1) == std::hash<bare::rc<int>>{}(*r2))
      << "equal values (rc's ==) hash alike";
  auto a = bare::try_make_arc<std::string>("shared");
  ASSERT_TRUE(a);
  EXPECT_EQ(std::hash<bare::arc<std::string>>{}(*a), std::hash<std::string>{}("shared"));
  auto c = bare::try_make_rc<const int>(9);
  ASSERT_TRUE(c);
  EXPECT_EQ(std::hash<bare::rc<const int>>{}(*c), ih(9));
  EXPECT_EQ(std::hash<bare::rc<int>>{}(bare::rc<int>()), 0u) << "null hashes as 0";
  bare::box<int> moved_from = std::move(*b);
  EXPECT_EQ(std::hash<bare::box<int>>{}(*b), 0u);

  std::unordered_set<bare::rc<int>> set;
  set.insert(*r1);
  EXPECT_TRUE(set.contains(*r2)) << "found by value";

  // Not hashable where the value is not, and never for arrays.
  static_assert(!std::is_default_constructible_v<std::hash<bare::box<move_only>>>);
  static_assert(!std::is_default_constructible_v<std::hash<bare::rc<int[]>>>);
  static_assert(std::is_nothrow_invocable_v<std::hash<bare::rc<int>>, const bare::rc<int>&>);
}

TEST(StdInteropHash, BareHashersHashStdStringViewAsStr) {
  const bare::fixed_seed_hasher h;
  EXPECT_EQ(h(std::string_view("motor")), h(bare::str("motor")));
  EXPECT_NE(h(std::string_view("motor")), h(std::string_view("motors")));
  EXPECT_EQ(h(std::string_view()), h(bare::str()));
  static_assert(bare::hashable<std::string_view>);
}

// ---- std::formatter ---------------------------------------------------------------------------

TEST(StdInteropFormat, StringsAndErrors) {
#if BARE_STD_FORMAT
  auto owned = bare::string<>::try_from("grüße");
  ASSERT_TRUE(owned);
  const bare::fixed_string<8> f("ok");
  EXPECT_EQ(std::format("[{}|{:>7}|{:.2}]", bare::str("a"), *owned, f), "[a|  grüße|ok]");
  EXPECT_EQ(std::format("{}", bare::alloc_errc::full), "full");
  EXPECT_EQ(std::format("{}", bare::alloc_error{bare::alloc_errc::out_of_memory, {24, 8}}),
            "out of memory (24 bytes, align 8)");
#else
  GTEST_SKIP() << "this standard library has no <format> (libstdc++ 12): the header still compiles; "
                  "std_interop.format_libcxx tests the formatters with libc++";
#endif
}

// ---- std::pmr::memory_resource over a bare allocator ------------------------------------------

template <class T>
class StdInteropPmrTest : public ::testing::Test {};
TYPED_TEST_SUITE(StdInteropPmrTest, all_types);

TYPED_TEST(StdInteropPmrTest, PmrVectorOnARegion) {
  using T = TypeParam;
  arena<16 * 1024> a;
  {
    bare::memory_resource_adapter<bare::region_allocator&> res(a.heap);
    EXPECT_EQ(&res.allocator(), &a.heap);
    std::pmr::vector<T> v(&res);
    for (int i = 0; i < 60; ++i) v.emplace_back(mk<T>(i));
    ASSERT_EQ(v.size(), 60u);
    EXPECT_TRUE(is_aligned(v.data()));
    EXPECT_GE(a.in_use(), 60 * sizeof(T)) << "the elements live in the region";
    int expect = 0;
    for (const T& x : v) EXPECT_EQ(val(x), expect++);
    std::pmr::list<T> l(&res);
    for (int i = 0; i < 10; ++i) l.emplace_back(mk<T>(i));
    EXPECT_EQ(l.size(), 10u);
  }
  EXPECT_EQ(a.in_use(), 0u);
}

// Pushes 0, 1, 2, ... into a std vector over a small region until an allocation fails: it must
// fail with std::bad_alloc (no other way out), and the vector must keep every element it had
// (std::vector's strong guarantee, which needs the allocator to throw, not to return null).
template <class V>
void push_until_bad_alloc(V& v) {
  std::size_t size_before_failure = 0;
  bool threw = false;
  for (int i = 0; i < 10000 && !threw; ++i) {
    size_before_failure = v.size();
    try {
      v.push_back(i);
    } catch (const std::bad_alloc&) {
      threw = true;
    }
  }
  ASSERT_TRUE(threw) << "the region cannot hold 10000 ints";
  EXPECT_EQ(v.size(), size_before_failure) << "std::vector's strong guarantee";
  for (std::size_t i = 0; i < v.size(); ++i) ASSERT_EQ(v[i], static_cast<int>(i));
}

TEST(StdInteropPmr, ExhaustionThrowsBadAllocAndTheVectorKeepsItsElements) {
  arena<2048> a;
  bare::memory_resource_adapter<bare::region_allocator&> res(a.heap);
  std::pmr::vector<int> v(&res);
  push_until_bad_alloc(v);
  EXPECT_GE(a.heap.stats().failures, 1u);
}

TEST(StdInteropPmr, BudgetOverflowIsBadAlloc) {
  bare::budget<bare::global> b(64);
  bare::memory_resource_adapter<bare::budget<bare::global>&> res(b);
  std::pmr::vector<std::uint32_t> v(&res);
  v.reserve(16);  // exactly 64 bytes
  EXPECT_EQ(b.used(), 64u);
  EXPECT_THROW(v.reserve(17), std::bad_alloc);
  EXPECT_EQ(b.last_failure(), bare::alloc_errc::full);
  EXPECT_EQ(v.capacity(), 16u);
}

TEST(StdInteropPmr, ZeroBytesAndEquality) {
  arena<1024> a, other;
  bare::memory_resource_adapter<bare::region_allocator&> r1(a.heap), r1b(a.heap), r2(other.heap);
  void* p = r1.allocate(0, 8);
  EXPECT_NE(p, nullptr);
  void* q = r1.allocate(0, 8);
  EXPECT_NE(p, q) << "each request gets its own block";
  r1.deallocate(q, 0, 8);
  r1.deallocate(p, 0, 8);
  EXPECT_TRUE(r1.is_equal(r1));
  EXPECT_TRUE(r1 == r1b) << "the same region: memory of one may be freed by the other";
  EXPECT_FALSE(r1 == r2);
  bare::memory_resource_adapter<bare::global> g1, g2;
  EXPECT_TRUE(g1 == g2) << "bare::global compares equal";
  EXPECT_FALSE(g1 == r1);
  EXPECT_FALSE(r1 == *std::pmr::new_delete_resource());
  // Memory of r1 freed through r1b: the region balances (checked by ~arena).
  void* m = r1.allocate(100, 16);
  r1b.deallocate(m, 100, 16);
}

TEST(StdInteropPmr, OverAlignedRequests) {
  arena<8192> a;
  bare::memory_resource_adapter<bare::region_allocator&> res(a.heap);
  for (std::size_t align : {std::size_t{16}, std::size_t{64}, std::size_t{256}, std::size_t{1024}}) {
    void* p = res.allocate(40, align);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % align, 0u) << align;
    res.deallocate(p, 40, align);
  }
}

TEST(StdInteropPmrDeathTest, AlignmentNotAPowerOfTwoPanics) {
  panic_handler_guard g(exiting_panic_handler);
  bare::memory_resource_adapter<bare::global> res;
  volatile std::size_t three = 3;  // not a constant: the compiler would warn about it
  auto call = [&] { (void)res.allocate(8, three); };
  EXPECT_EXIT(call(), testing::ExitedWithCode(panic_exit), "alignment is not a power of two");
}

// ---- a bare allocator over a std::pmr::memory_resource ----------------------------------------

TEST(StdInteropResourceRef, BareVecOnAMonotonicBuffer) {
  alignas(16) std::byte buf[256];
  std::pmr::monotonic_buffer_resource mono(buf, sizeof buf, std::pmr::null_memory_resource());
  bare::vec<int, bare::memory_resource_ref> v(&mono);
  bare::alloc_error last{};
  bool failed = false;
  for (int i = 0; i < 1000 && !failed; ++i) {
    auto r = v.try_push_back(i);
    if (!r) {
      failed = true;
      last = r.error();
    }
  }
  ASSERT_TRUE(failed) << "256 bytes cannot hold 1000 ints";
  EXPECT_EQ(last.kind, bare::alloc_errc::out_of_memory) << "bad_alloc became a value";
  ASSERT_FALSE(v.empty());
  for (std::size_t i = 0; i < v.size(); ++i) ASSERT_EQ(v[i], static_cast<int>(i)) << "unchanged by the failure";
  const auto at = reinterpret_cast<std::uintptr_t>(v.data()), lo = reinterpret_cast<std::uintptr_t>(buf);
  EXPECT_TRUE(at >= lo && at < lo + sizeof buf) << "the elements are in the buffer";
  EXPECT_TRUE(bare::memory_resource_ref(&mono) == bare::memory_resource_ref(&mono));
  EXPECT_FALSE(bare::memory_resource_ref(&mono) == bare::memory_resource_ref(std::pmr::new_delete_resource()));
}

TEST(StdInteropResourceRef, RoundTripThroughBothAdapters) {
  // bare allocator -> pmr resource -> bare allocator: a bare::vec on a region, through pmr.
  arena<4096> a;
  {
    bare::memory_resource_adapter<bare::region_allocator&> res(a.heap);
    bare::vec<std::uint64_t, bare::memory_resource_ref> v(&res);
    for (std::uint64_t i = 0; i < 100; ++i) ASSERT_TRUE(v.try_push_back(i * i));
    EXPECT_EQ(v[99], 99u * 99u);
    EXPECT_GE(a.in_use(), 100 * sizeof(std::uint64_t));
  }
  static_assert(bare::allocator<bare::memory_resource_ref>);
  static_assert(sizeof(bare::memory_resource_ref) == sizeof(void*));
}

// ---- std_allocator: std containers over a bare allocator ------------------------------------

template <class T>
class StdInteropAllocatorTest : public ::testing::Test {};
TYPED_TEST_SUITE(StdInteropAllocatorTest, all_types);

TYPED_TEST(StdInteropAllocatorTest, StdContainersOnARegion) {
  using T = TypeParam;
  using alloc = bare::std_allocator<T, bare::region_allocator&>;
  arena<32 * 1024> a;
  {
    std::vector<T, alloc> v(a.heap);  // implicit: a region is the allocator
    for (int i = 0; i < 100; ++i) v.emplace_back(mk<T>(i));
    EXPECT_TRUE(is_aligned(v.data()));
    EXPECT_GE(a.in_use(), 100 * sizeof(T));
    EXPECT_EQ(&v.get_allocator().allocator(), &a.heap);
    v.erase(v.begin(), v.begin() + 50);
    v.shrink_to_fit();
    EXPECT_EQ(val(v.front()), 50);

    // Node containers rebind the allocator to their node types.
    std::list<T, alloc> l(a.heap);
    std::deque<T, alloc> d(a.heap);
    for (int i = 0; i < 30; ++i) {
      l.emplace_back(mk<T>(i));
      d.emplace_front(mk<T>(i));
    }
    EXPECT_EQ(val(l.back()), 29);
    EXPECT_EQ(val(d.front()), 29);
    std::map<int, T, std::less<>, bare::std_allocator<std::pair<const int, T>, bare::region_allocator&>> m(a.heap);
    for (int i = 0; i < 30; ++i) m.emplace(i, mk<T>(i * 2));
    EXPECT_EQ(val(m.at(17)), 34);
  }
  EXPECT_EQ(a.in_use(), 0u);
}

TYPED_TEST(StdInteropAllocatorTest, OnTheGlobalAllocator) {
  using T = TypeParam;
  const auto before = global_heap_stats();
  {
    std::vector<T, bare::std_allocator<T, bare::global>> v;
    for (int i = 0; i < 40; ++i) v.emplace_back(mk<T>(i));
    EXPECT_EQ(val(v.back()), 39);
    EXPECT_TRUE(is_aligned(v.data()));
    EXPECT_GT(global_heap_stats().allocations, before.allocations);
  }
  EXPECT_EQ(global_heap_stats().live_blocks, before.live_blocks);
  static_assert(sizeof(bare::std_allocator<T, bare::global>) == 1, "stateless: no state");
  static_assert(bare::std_allocator<T, bare::global>::is_always_equal::value);
  static_assert(!bare::std_allocator<T, bare::region_allocator&>::is_always_equal::value);
}

TEST(StdInteropAllocator, ExhaustionThrowsAndTheVectorKeepsItsElements) {
  arena<1024> a;
  std::vector<int, bare::std_allocator<int, bare::region_allocator&>> v(a.heap);
  push_until_bad_alloc(v);
  EXPECT_GE(a.heap.stats().failures, 1u);
}

TEST(StdInteropAllocator, OverflowThrowsBadArrayNewLength) {
  arena<1024> a;
  bare::std_allocator<std::uint64_t, bare::region_allocator&> al(a.heap);
  EXPECT_THROW((void)al.allocate(al.max_size() + 1), std::bad_array_new_length);
  EXPECT_THROW((void)al.allocate(SIZE_MAX), std::bad_array_new_length);
  bool plain_bad_alloc = false;
  try {
    (void)al.allocate(al.max_size());  // no overflow: the region says no
  } catch (const std::bad_array_new_length&) {
  } catch (const std::bad_alloc&) {
    plain_bad_alloc = true;
  }
  EXPECT_TRUE(plain_bad_alloc);
  EXPECT_EQ(a.in_use(), 0u);
  std::uint64_t* p = al.allocate(0);  // served as one byte
  EXPECT_NE(p, nullptr);
  al.deallocate(p, 0);
}

TEST(StdInteropAllocator, BudgetFullIsBadAlloc) {
  bare::budget<bare::global> b(100);
  std::vector<char, bare::std_allocator<char, bare::budget<bare::global>&>> v(b);
  v.reserve(100);
  EXPECT_THROW(v.reserve(101), std::bad_alloc);
  EXPECT_EQ(b.last_failure(), bare::alloc_errc::full);
  EXPECT_EQ(v.capacity(), 100u);
  EXPECT_EQ(b.used(), 100u);
}

TEST(StdInteropAllocator, EqualityRebindAndPropagation) {
  using ialloc = bare::std_allocator<int, bare::region_allocator&>;
  using lalloc = bare::std_allocator<long, bare::region_allocator&>;
  arena<4096> r1, r2;
  const ialloc a1(r1.heap), a1b(r1.heap), a2(r2.heap);
  EXPECT_TRUE(a1 == a1b);
  EXPECT_FALSE(a1 == a2);
  const lalloc rebound(a1);
  EXPECT_TRUE(rebound == a1);
  EXPECT_TRUE(a1 == rebound);
  EXPECT_FALSE(rebound == a2);
  static_assert(std::is_same_v<std::allocator_traits<ialloc>::rebind_alloc<long>, lalloc>);

  // Move assignment takes the allocator along with the block: no element is copied.
  std::vector<int, ialloc> v1({1, 2, 3}, a1);
  std::vector<int, ialloc> v2(a2);
  v2.push_back(9);
  const int* block = v1.data();
  v2 = std::move(v1);
  EXPECT_EQ(v2.data(), block);
  EXPECT_TRUE(v2.get_allocator() == a1);
  static_assert(std::is_nothrow_move_assignable_v<std::vector<int, ialloc>>);
  // Swap exchanges the allocators too.
  std::vector<int, ialloc> v3({7}, a2);
  v2.swap(v3);
  EXPECT_TRUE(v3.get_allocator() == a1);
  EXPECT_TRUE(v2.get_allocator() == a2);
  // Copy assignment propagates as well (the copy's block comes from the source's allocator).
  std::vector<int, ialloc> v4(a2);
  v4 = v3;
  EXPECT_TRUE(v4.get_allocator() == a1);
  EXPECT_EQ(v4, (std::vector<int, ialloc>({1, 2, 3}, a1)));
}

TEST(StdInteropAllocator, ByRefAndValueAllocators) {
  arena<4096> a;
  using byref = bare::std_allocator<int, bare::by_ref<bare::region_allocator>>;
  const byref al(bare::by_ref<bare::region_allocator>(a.heap));
  std::vector<int, byref> v(al);
  v.assign(20, 5);
  EXPECT_GE(a.in_use(), 20 * sizeof(int));
  EXPECT_TRUE(v.get_allocator() == al);
  static_assert(sizeof(byref) == sizeof(void*));
  static_assert(sizeof(bare::std_allocator<int, bare::region_allocator&>) == sizeof(void*));
  static_assert(!std::is_default_constructible_v<bare::std_allocator<int, bare::region_allocator&>>);
}

}  // namespace
