// Build test: box<Base> from box<Derived> compiles only for a polymorphic Base.
#include "bare/box.hpp"

#if defined(NON_POLYMORPHIC)
struct base {
  int x;
};
#else
struct base {
  virtual int f() const { return 1; }
  int x;

 protected:
  ~base() = default;
};
#endif
struct derived : base {
  long more[4];
};

bare::box<base> convert(bare::box<derived>&& d) { return bare::box<base>(static_cast<bare::box<derived>&&>(d)); }
