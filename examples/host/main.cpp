// Hosted example: bare on the C library's heap (malloc_allocator), next to std.
#include <cstdio>

#include "bare/alloc/malloc.hpp"
#include "bare/box.hpp"
#include "bare/vec.hpp"

static bare::malloc_allocator heap;
BARE_GLOBAL_ALLOCATOR(heap);

struct shape {
  virtual double area() const = 0;
  virtual const char* name() const = 0;

 protected:
  ~shape() = default;
};
struct circle final : shape {
  double r;
  explicit circle(double radius) : r(radius) {}
  double area() const override { return 3.14159265358979 * r * r; }
  const char* name() const override { return "circle"; }
};
struct rect final : shape {
  double w, h;
  rect(double width, double height) : w(width), h(height) {}
  double area() const override { return w * h; }
  const char* name() const override { return "rect"; }
};

int main() {
  bare::vec<bare::box<shape>> shapes;
  for (int i = 1; i <= 3; ++i) {
    shapes.push_back(bare::make_box<circle>(i));
    shapes.push_back(bare::make_box<rect>(i, 2 * i));
  }
  double total = 0;
  for (const auto& s : shapes) {
    std::printf("%-6s area %7.3f\n", s->name(), s->area());
    total += s->area();
  }
  std::printf("host: %zu shapes, total area %.3f\n", shapes.size(), total);

  // Fallible API: a request that cannot be met is a value, and the vector is untouched.
  bare::vec<double> v{1.0, 2.0, 3.0};
  auto r = v.try_reserve(bare::vec<double>::max_size());
  if (!r) {
    std::printf("host: try_reserve(max_size) failed with '%s' and the vec still holds %zu values\n",
                bare::to_string(r.error().kind), v.size());
  }
  auto big = v.try_reserve(std::size_t{1} << 40);  // 8 TiB: the allocator says no
  std::printf("host: try_reserve(2^40) -> %s\n", big ? "ok" : bare::to_string(big.error().kind));
  return 0;
}
