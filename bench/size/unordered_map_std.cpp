// std's default hash (std::hash<int>).
#include <unordered_map>

#include "map_program.hpp"

int main() { return map_program<std::unordered_map<int, int>, false>([](auto& m, int k, int v) { m.emplace(k, v); }); }
