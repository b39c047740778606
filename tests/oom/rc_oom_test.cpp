// Every fallible rc / arc operation under check_all_allocation_failures (each allocation
// attempt failed in turn: the error surfaces, nothing changes, nothing leaks): every
// try_make_* form, try_new_cyclic and try_make_mut, for int, counted and a vec (whose copy
// allocates too, so a failure can come after the block was allocated).
#include <gtest/gtest.h>

#include <cstdlib>
#include <span>
#include <utility>

#include "bare/vec.hpp"
#include "oom/oom_helpers.hpp"
#include "unit/rc_helpers.hpp"

namespace {

using namespace bare_test;  // NOLINT
using ivec = bare::vec<int, F>;

template <class T>
T make_elem(F a, int i) {
  if constexpr (std::is_same_v<T, ivec>) {
    ivec v(a);
    for (int k = 0; k <= i; ++k)
      if (!v.try_push_back(k)) std::abort();
    return v;
  } else {
    (void)a;
    return mk<T>(i);
  }
}

template <class T>
bool same_value(const T& x, const T& y) {
  if constexpr (std::is_same_v<T, ivec>) return x == y;
  else return val(x) == val(y);
}

// Two strong pointers to one value (make_mut must copy), compared by value and sharing.
template <class Fam, class T>
struct shared_pair {
  typename Fam::template ptr<T, F> a, b;
  friend bool operator==(const shared_pair& x, const shared_pair& y) {
    return same_value(*x.a, *y.a) && x.a.ptr_eq(x.b) == y.a.ptr_eq(y.b) &&
           x.a.strong_count() == y.a.strong_count();
  }
};
// One strong and one weak pointer (make_mut must move).
template <class Fam, class T>
struct strong_and_weak {
  typename Fam::template ptr<T, F> a;
  typename Fam::template weak<T, F> w;
  friend bool operator==(const strong_and_weak& x, const strong_and_weak& y) {
    return same_value(*x.a, *y.a) && x.a.weak_count() == y.a.weak_count() &&
           static_cast<bool>(x.w.upgrade()) == static_cast<bool>(y.w.upgrade());
  }
};

template <class Fam>
class RcOom : public ::testing::Test {};
using families = ::testing::Types<rc_family, arc_family>;
TYPED_TEST_SUITE(RcOom, families);

template <class Fam, class T>
void check_make_forms() {
  EXPECT_OOM_SAFE(1u, [](F a) { return Fam::template try_make_in<T>(a, mk<T>(3)); });
  EXPECT_OOM_SAFE(1u, [](F a) { return Fam::template try_make_for_overwrite<T, F>(a); });
  EXPECT_OOM_SAFE(1u, [](F a) { return Fam::template try_make<T[], F>(std::size_t{5}, a); });
  EXPECT_OOM_SAFE(1u, [](F a) { return Fam::template try_make<T[], F>(std::size_t{0}, a); });  // the counts
  EXPECT_OOM_SAFE(1u, [](F a) { return Fam::template try_make_for_overwrite<T[], F>(std::size_t{4}, a); });
  EXPECT_OOM_SAFE(1u, [](F a) {
    const T src[3] = {mk<T>(1), mk<T>(2), mk<T>(3)};
    return Fam::template try_make<T[], F>(std::span<const T>(src), a);
  });
  using P = typename Fam::template ptr<T, F>;
  EXPECT_OOM_SAFE(1u, [](F a) {
    return P::try_new_cyclic([](const typename Fam::template weak<T, F>& w) {
      if (w.upgrade()) std::abort();
      return mk<T>(4);
    }, a);
  });
}

TYPED_TEST(RcOom, MakeForms) {
  check_make_forms<TypeParam, int>();
  check_make_forms<TypeParam, counted>();
}

struct three_vecs {
  ivec v[3];
  friend bool operator==(const three_vecs& x, const three_vecs& y) {
    return x.v[0] == y.v[0] && x.v[1] == y.v[1] && x.v[2] == y.v[2];
  }
};

TYPED_TEST(RcOom, ArrayOfVecsFromSpan) {
  using Fam = TypeParam;
  // The block, then one buffer per copied vec: a failure at any of them undoes the rest.
  EXPECT_OOM_SAFE(4u,
                  [](F a) {
                    return three_vecs{{make_elem<ivec>(a, 0), make_elem<ivec>(a, 1), make_elem<ivec>(a, 2)}};
                  },
                  [](three_vecs& s) {
                    return Fam::template try_make<ivec[], F>(std::span<const ivec>(s.v), s.v[0].allocator());
                  });
}

template <class Fam, class T>
void check_make_mut(std::size_t copy_allocations) {
  using P = typename Fam::template ptr<T, F>;
  auto one = [](F a) {
    auto r = Fam::template try_make_in<T>(a, make_elem<T>(a, 5));
    if (!r) std::abort();
    return std::move(*r);
  };
  // Shared with another strong pointer: a copy (the block + what copying T allocates).
  EXPECT_OOM_SAFE(1u + copy_allocations, [one](F a) {
    P p = one(a);
    return shared_pair<Fam, T>{p, p};
  }, [](shared_pair<Fam, T>& s) { return s.a.try_make_mut(); });
  // Shared with a weak pointer only: a move into a new block.
  EXPECT_OOM_SAFE(1u, [one](F a) {
    P p = one(a);
    auto w = p.downgrade();
    return strong_and_weak<Fam, T>{std::move(p), std::move(w)};
  }, [](strong_and_weak<Fam, T>& s) { return s.a.try_make_mut(); });
  // Unique: nothing to allocate.
  EXPECT_OOM_SAFE(0u, [one](F a) {
    P p = one(a);
    return shared_pair<Fam, T>{p, P()};
  }, [](shared_pair<Fam, T>& s) { return s.a.try_make_mut(); });
}

TYPED_TEST(RcOom, MakeMut) {
  check_make_mut<TypeParam, int>(0);
  check_make_mut<TypeParam, counted>(0);
  check_make_mut<TypeParam, ivec>(1);
}

// Arrays: make_mut copies (or moves) every element.
template <class Fam, class T>
struct shared_array {
  typename Fam::template ptr<T[], F> a, b;
  friend bool operator==(const shared_array& x, const shared_array& y) {
    if (x.a.size() != y.a.size() || x.a.ptr_eq(x.b) != y.a.ptr_eq(y.b)) return false;
    for (std::size_t i = 0; i < x.a.size(); ++i)
      if (!same_value(x.a[i], y.a[i])) return false;
    return true;
  }
};

template <class Fam, class T>
void check_array_make_mut(std::size_t per_element) {
  auto setup = [](F a) {
    const T src[3] = {make_elem<T>(a, 0), make_elem<T>(a, 1), make_elem<T>(a, 2)};
    auto r = Fam::template try_make<T[], F>(std::span<const T>(src), a);
    if (!r) std::abort();
    return shared_array<Fam, T>{*r, *r};
  };
  EXPECT_OOM_SAFE(1u + 3 * per_element, setup, [](shared_array<Fam, T>& s) { return s.a.try_make_mut(); });
}

TYPED_TEST(RcOom, ArrayMakeMut) {
  check_array_make_mut<TypeParam, counted>(0);
  check_array_make_mut<TypeParam, ivec>(1);
}

}  // namespace
