// build.rc_*: rc<Base> / arc<Base> from rc<Derived> must not compile when Base is not
// polymorphic (the last drop would lose Derived's layout and destructor); with
// -DPOLYMORPHIC_BASE it must.
#include <bare/arc.hpp>
#include <bare/rc.hpp>

struct Base {
#ifdef POLYMORPHIC_BASE
  virtual int f() const { return 1; }
#endif
  int a = 1;
};
struct Derived : Base {
  long extra[4] = {};
};

bare::rc<Base> up(const bare::rc<Derived>& d) { return d; }
bare::arc<const Base> up(bare::arc<Derived>&& d) { return static_cast<bare::arc<Derived>&&>(d); }
