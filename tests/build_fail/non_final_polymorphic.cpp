// build.non_final_polymorphic_warning_free: a box and a vec of a polymorphic, non-final class
// with a non-virtual destructor (legitimate: box and vec only ever destroy complete objects of
// that exact type) must build warning-free under -Wall -Wextra -Werror. clang warns
// -Wdelete-non-abstract-non-virtual-dtor on an unqualified p->~T() inside the headers; a
// qualified p->T::~T() is exact and silent.
#include <bare/box.hpp>
#include <bare/vec.hpp>

struct Base {
  virtual int f() const { return 1; }

 protected:
  ~Base() = default;
};
struct Derived : Base {
  int f() const override { return 2; }
  ~Derived() {}
};

int f(bare::vec<Derived>& v) {
  auto d = bare::try_make_box<Derived>();
  if (!d) return 0;
  bare::box<Base> b = static_cast<bare::box<Derived>&&>(*d);
  v.pop_back();  // a vec of Derived destroys its elements the same way
  return b->f();
}
