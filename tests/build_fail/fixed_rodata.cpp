// build.fixed_constexpr_in_rodata: fixed containers built at compile time are constant data.
// The test compiles this file to an object and lists its symbols (nm): the constexpr objects
// (a fixed_vec, a fixed_map, a fixed_string) must be read-only data (nm type R: .rodata,
// flash on a microcontroller), and the constinit control must be initialised, writable data
// (type D: .data), so the listing tells the two apart. No optimisation flag is needed:
// constant initialisation is not an optimisation. (The same objects are checked on the
// targets by tests/freestanding/test_fixed.cpp.)
#include <cstdint>

#include <bare/fixed_map.hpp>
#include <bare/fixed_string.hpp>
#include <bare/fixed_vec.hpp>

namespace {
constexpr auto make_map() {
  bare::fixed_map<std::uint16_t, std::uint8_t, 8> m;
  m.insert(0x0300, 3);
  m.insert(0x0100, 1);
  m[0x0200] = 2;
  return m;
}
}  // namespace

extern constexpr bare::fixed_vec<int, 8> g_rodata_vec{2, 3, 5, 7, 11};
extern constexpr bare::fixed_map<std::uint16_t, std::uint8_t, 8> g_rodata_map = make_map();
extern constexpr bare::fixed_string<16> g_rodata_string("sensor-01");
constinit bare::fixed_vec<int, 8> g_data_vec{1, 2, 3};

static_assert(g_rodata_vec.size() == 5 && g_rodata_vec[4] == 11);
static_assert(*g_rodata_map.get(0x0200) == 2 && g_rodata_map.keys()[0] == 0x0100);
static_assert(g_rodata_string == bare::str("sensor-01"));

int read_all() { return g_rodata_vec[0] + *g_rodata_map.get(0x0100) + static_cast<int>(g_rodata_string.size()) + g_data_vec[0]; }
