// Compile-time probe of the size group: the std twin of bare.cpp. The std headers of the
// containers bare/bare.hpp has (vec, string, vec_deque, binary_heap, linked_list, btree
// map/set, box/rc/arc), the same explicit instantiations.
#include <deque>
#include <list>
#include <map>
#include <memory>
#include <queue>
#include <set>
#include <string>
#include <vector>

template class std::vector<int>;
