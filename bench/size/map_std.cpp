#include <map>

#include "map_program.hpp"

int main() { return map_program<std::map<int, int>, true>([](auto& m, int k, int v) { m.emplace(k, v); }); }
