// Compile-time probe of the size group (bench/groups/size.sh): all of bare (bare/bare.hpp),
// and each container instantiated once (explicit instantiation: every member whose
// constraints hold). Instantiated so far: vec. Add one line per container as its benchmark
// group lands, and its std twin to std.cpp.
#include "bare/bare.hpp"

template class bare::vec<int>;
