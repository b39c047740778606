#!/usr/bin/env bash
# bench/size/run.sh: code size of a minimal vec program (push, iterate, free) on Cortex-M4 at
# -Os, bare::vec next to std::vector, all built in this run with arm-none-eabi-g++ 12.
#   std/newlib-nano   std::vector, libstdc++ + newlib-nano (--specs=nano.specs nosys.specs)
#   std/newlib        std::vector, libstdc++ + full newlib (--specs=nosys.specs)
#   bare/newlib-nano  bare::vec on newlib-nano's malloc/realloc/free, same specs as std/newlib-nano
#   bare/freestanding bare::vec, -nostdlib with bare's own Cortex-M start-up and a bump arena
#   region-allocator  region_allocator's code alone (one object file, nothing linked)
# All: -mcpu=cortex-m4 -mthumb -Os -fno-exceptions -fno-rtti -ffunction-sections
# -fdata-sections -Wl,--gc-sections. Prints Berkeley size (text data bss) per build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/tools/lib.sh"
bare_require_packages gcc-arm-none-eabi libstdc++-arm-none-eabi-dev libstdc++-arm-none-eabi-newlib \
  qemu-system-arm cmake ninja-build >&2
out=${BARE_SIZE_BUILD_DIR:-$root/build/size}  # tools/bench.sh builds in its own directory
mkdir -p "$out"
flags=(-mcpu=cortex-m4 -mthumb -std=c++20 -Os -fno-exceptions -fno-rtti -fno-threadsafe-statics
  -ffunction-sections -fdata-sections -Wl,--gc-sections -I"$root/include" -I"$here")
cxx=arm-none-eabi-g++

$cxx "${flags[@]}" --specs=nano.specs --specs=nosys.specs "$here/vec_std.cpp" -o "$out/std-newlib-nano.elf"
$cxx "${flags[@]}" --specs=nosys.specs "$here/vec_std.cpp" -o "$out/std-newlib.elf"
$cxx "${flags[@]}" -ffreestanding --specs=nano.specs --specs=nosys.specs -DBARE_SIZE_NEWLIB_MALLOC \
  "$here/vec_bare.cpp" -o "$out/bare-newlib-nano.elf"
image=$("$here/freestanding.sh" cortex-m4 "$out")

printf '%-20s %8s %8s %8s\n' build text data bss
for f in std-newlib-nano std-newlib bare-newlib-nano; do
  arm-none-eabi-size -B "$out/$f.elf" | awk -v n="$f" 'NR == 2 { printf "%-20s %8d %8d %8d\n", n, $1, $2, $3 }'
done
arm-none-eabi-size -B "$image" |
  awk 'NR == 2 { printf "%-20s %8d %8d %8d   (bss includes the 16 KiB stack and the 4 KiB arena)\n", "bare-freestanding", $1, $2, $3 }'

# The region allocator alone: one object with init/allocate/deallocate/grow/shrink.
$cxx "${flags[@]}" -ffreestanding -c "$here/region_only.cpp" -o "$out/region_only.o"
arm-none-eabi-size -B "$out/region_only.o" |
  awk 'NR == 2 { printf "%-20s %8d %8d %8d   (region_allocator alone; bss = its control block)\n", "region-allocator", $1, $2, $3 }'
