#!/usr/bin/env bash
# bench/size/run.sh: code size of the small programs of bench/size (program.hpp lists them:
# vec string map unordered_map deque priority_queue), each written with bare and with std, on
# Cortex-M4 at -Os, all built in this run with arm-none-eabi-g++ 12. Per program P:
#   P-std-newlib-nano   std, libstdc++ + newlib-nano (--specs=nano.specs nosys.specs)
#   P-bare-newlib-nano  bare on newlib-nano's malloc/realloc/free (heap.hpp), same specs
# and, for vec only:
#   vec-std-newlib      std::vector, libstdc++ + full newlib (--specs=nosys.specs)
#   vec-bare-freestanding bare::vec, -nostdlib with bare's own Cortex-M start-up and a bump
#                       arena (freestanding.sh)
#   region-allocator    region_allocator's code alone (one object file, nothing linked)
# All: -mcpu=cortex-m4 -mthumb -Os -fno-exceptions -fno-rtti -ffunction-sections
# -fdata-sections -Wl,--gc-sections. Prints Berkeley size (text data bss) per build.
# Every program runs: the newlib images are measured as linked (the toolchain's default
# linker script, libnosys), and the same program object is linked a second time with
# qemu_boot.c (a vector table and a semihosting _exit) into P-*.run.elf, which runs on QEMU's
# mps2-an386; a non-zero exit status fails the script. The freestanding image runs itself.
# BARE_SIZE_BUILD_DIR: build directory (default build/size).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=tools/lib.sh
. "$root/tools/lib.sh"
bare_require_packages gcc-arm-none-eabi libstdc++-arm-none-eabi-dev libstdc++-arm-none-eabi-newlib \
  qemu-system-arm cmake ninja-build >&2
out=${BARE_SIZE_BUILD_DIR:-$root/build/size}  # tools/bench.sh builds in its own directory
mkdir -p "$out"
programs=(vec string map unordered_map deque priority_queue)
cflags=(-mcpu=cortex-m4 -mthumb -Os -ffunction-sections -fdata-sections)
flags=("${cflags[@]}" -std=c++20 -fno-exceptions -fno-rtti -fno-threadsafe-statics -I"$root/include" -I"$here")
# shellcheck disable=SC2054 # -Wl,... are single arguments
link=(-Wl,--gc-sections)
# shellcheck disable=SC2054
run_link=(-Wl,--section-start=.vectors=0 -Wl,--undefined=bare_size_vectors "$out/qemu_boot.o")
cxx=arm-none-eabi-g++
arm-none-eabi-gcc "${cflags[@]}" -c "$here/qemu_boot.c" -o "$out/qemu_boot.o"

# build NAME SPECS SOURCE [FLAG...]: NAME.elf (measured) and NAME.run.elf (run), one object.
build() {
  local name=$1 specs=$2 src=$3
  shift 3
  # shellcheck disable=SC2086 # $specs: one or two --specs options
  $cxx "${flags[@]}" $specs "$@" -c "$src" -o "$out/$name.o"
  # shellcheck disable=SC2086
  $cxx "${flags[@]}" $specs "${link[@]}" "$out/$name.o" -o "$out/$name.elf"
  # shellcheck disable=SC2086
  $cxx "${flags[@]}" $specs "${link[@]}" "$out/$name.o" "${run_link[@]}" -o "$out/$name.run.elf"
}
nano="--specs=nano.specs --specs=nosys.specs"
builds=()
# Two compilers at a time (the machine has 2 cores); each job builds one image pair.
for p in "${programs[@]}"; do
  build "$p-std-newlib-nano" "$nano" "$here/${p}_std.cpp" &
  pids=($!)
  build "$p-bare-newlib-nano" "$nano" "$here/${p}_bare.cpp" -ffreestanding -DBARE_SIZE_NEWLIB_MALLOC &
  pids+=($!)
  for pid in "${pids[@]}"; do wait "$pid"; done
  builds+=("$p-std-newlib-nano" "$p-bare-newlib-nano")
done
build vec-std-newlib --specs=nosys.specs "$here/vec_std.cpp"
builds+=(vec-std-newlib)
image=$("$here/freestanding.sh" cortex-m4 "$out")

failed=0
for f in "${builds[@]}"; do
  "$root/targets/cortex-m4/run.sh" "$out/$f.run.elf" >/dev/null ||
    { echo "size: $f: the program failed in QEMU (exit status $?)" >&2; failed=1; }
done
[ $failed -eq 0 ] || exit 1

printf '%-32s %8s %8s %8s\n' build text data bss
for f in "${builds[@]}"; do
  arm-none-eabi-size -B "$out/$f.elf" | awk -v n="$f" 'NR == 2 { printf "%-32s %8d %8d %8d\n", n, $1, $2, $3 }'
done
arm-none-eabi-size -B "$image" |
  awk 'NR == 2 { printf "%-32s %8d %8d %8d   (bss includes the 16 KiB stack and the 4 KiB arena)\n", "vec-bare-freestanding", $1, $2, $3 }'

# The region allocator alone: one object with init/allocate/deallocate/grow/shrink.
$cxx "${flags[@]}" -ffreestanding -c "$here/region_only.cpp" -o "$out/region_only.o"
arm-none-eabi-size -B "$out/region_only.o" |
  awk 'NR == 2 { printf "%-32s %8d %8d %8d   (region_allocator alone; bss = its control block)\n", "region-allocator", $1, $2, $3 }'
