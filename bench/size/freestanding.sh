#!/usr/bin/env bash
# bench/size/freestanding.sh TARGET DIR: builds vec_bare.cpp freestanding for TARGET (one of
# targets/: -nostdlib, bare's start-up code and port, the program's own bump arena) with
# CMake in DIR, runs it with the target's runner (QEMU, node) and prints the image's path.
# Used by run.sh (cortex-m4) and by the size group of tools/bench.sh (wasm32).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
target=$1
out=$2
mkdir -p "$out"
cat >"$out/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.20)
project(bare_size LANGUAGES C CXX)
include("$root/targets/common/bare_target.cmake")
bare_target_executable(bare-freestanding SOURCES "$here/vec_bare.cpp")
target_include_directories(bare-freestanding PRIVATE "$here")
CMAKE
cmake -S "$out" -B "$out/freestanding" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$root/targets/$target/toolchain.cmake" >/dev/null
cmake --build "$out/freestanding" >/dev/null
image=$out/freestanding/bare-freestanding.elf
[ -f "$image" ] || image=$out/freestanding/bare-freestanding.wasm
"$root/targets/$target/run.sh" "$image" >/dev/null ||
  { echo "bare-freestanding ($target): the program failed" >&2; exit 1; }
echo "$image"
