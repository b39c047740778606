// build.box_*: box<Base> from box<Derived> must not compile when Base is not polymorphic (the
// deallocation would lose Derived's layout and destructor); with -DPOLYMORPHIC_BASE it must.
#include <bare/box.hpp>

struct Base {
#ifdef POLYMORPHIC_BASE
  virtual int f() const { return 1; }
#endif
  int a = 1;
};
struct Derived : Base {
  long extra[4] = {};
};

bare::box<Base> up(bare::box<Derived>&& d) { return bare::box<Base>(static_cast<bare::box<Derived>&&>(d)); }
