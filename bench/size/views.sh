#!/usr/bin/env bash
# bench/size/views.sh [DIR]: builds bench/size/views.cpp for Cortex-M4 (-Os, bare's start-up,
# -nostdlib, no global allocator) twice, through one vec_view<int> function and as a function
# template over N, runs both in QEMU, and prints for each the nm --size-sort lines of the
# function that does the work (one symbol with the view, one per capacity with the template)
# and the image's Berkeley size. Exit status non-zero if the view build has more than one
# copy of the function or either program fails. DIR: build directory (default
# build/size-views).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/build/size-views}
mkdir -p "$out"
cat >"$out/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.20)
project(bare_size_views LANGUAGES C CXX)
include("$root/targets/common/bare_target.cmake")
bare_target_executable(views-view SOURCES "$here/views.cpp")
bare_target_executable(views-template SOURCES "$here/views.cpp")
target_compile_definitions(views-template PRIVATE BARE_SIZE_VIEWS_TEMPLATE)
CMAKE
cmake -S "$out" -B "$out/build" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$root/targets/cortex-m4/toolchain.cmake" >/dev/null
cmake --build "$out/build" >/dev/null
status=0
for v in view template; do
  image=$out/build/views-$v.elf
  "$root/targets/cortex-m4/run.sh" "$image" >/dev/null || { echo "views-$v: the program failed" >&2; status=1; }
  echo "== views-$v ($(arm-none-eabi-size -B "$image" | awk 'NR == 2 { print "text " $1 ", data " $2 }'))"
  arm-none-eabi-nm --size-sort -C "$image" | grep -E 'collect_readings|vec_core|vec_view|len_ref' || true
  copies=$(arm-none-eabi-nm -C "$image" | grep -c 'collect_readings' || true)
  echo "   copies of collect_readings: $copies"
  if [ "$v" = view ] && [ "$copies" -ne 1 ]; then status=1; fi
done
exit $status
