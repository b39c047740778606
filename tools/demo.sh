#!/usr/bin/env bash
# tools/demo.sh: builds and runs the three examples and prints what each did:
#   examples/host      a hosted program on malloc (g++)
#   examples/firmware  Cortex-M4 firmware under QEMU (mps2-an386, semihosting)
#   examples/wasm      a WebAssembly module driven from JavaScript in node
# Installs what it needs first. Exit status non-zero if any example fails.
set -uo pipefail

tools_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$tools_dir/.." && pwd)
. "$tools_dir/lib.sh"
cd "$root" || exit 2

bare_require_packages cmake ninja-build g++ gcc-arm-none-eabi libstdc++-arm-none-eabi-dev \
  qemu-system-arm clang-16 lld-16 wasi-libc libc++-16-dev-wasm32 nodejs || exit 1

out=$root/build/examples
mkdir -p "$out"
status=0

run_example() {  # run_example TITLE COMMAND...
  local title=$1
  shift
  echo "== $title"
  if ! "$@"; then
    echo "!! $title failed" >&2
    status=1
  fi
  echo
}

build() {  # build NAME SOURCE_DIR [CMAKE ARGS...]
  local name=$1 src=$2
  shift 2
  if ! { cmake -S "$src" -B "$out/$name" -G Ninja "$@" && cmake --build "$out/$name"; } >"$out/$name.log" 2>&1; then
    cat "$out/$name.log" >&2
    return 1
  fi
}

host() { build host "$root" -DBARE_BUILD_TESTS=OFF -DBARE_BUILD_EXAMPLES=ON -DCMAKE_BUILD_TYPE=Release &&
  "$out/host/examples/host/bare_host_example"; }
firmware() { build firmware examples/firmware -DCMAKE_TOOLCHAIN_FILE="$root/targets/cortex-m4/toolchain.cmake" &&
  "$root/targets/cortex-m4/run.sh" "$out/firmware/firmware.elf" &&
  arm-none-eabi-size "$out/firmware/firmware.elf"; }
wasm() { build wasm examples/wasm -DCMAKE_TOOLCHAIN_FILE="$root/targets/wasm32/toolchain.cmake" &&
  node examples/wasm/demo.mjs "$out/wasm/wasm_example.wasm" &&
  echo "module: $(stat -c %s "$out/wasm/wasm_example.wasm") bytes"; }

run_example "host (x86-64, malloc_allocator)" host
run_example "firmware (Cortex-M4 on QEMU mps2-an386)" firmware
run_example "wasm (wasm32 module in node)" wasm
exit $status
