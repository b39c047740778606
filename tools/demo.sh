#!/usr/bin/env bash
# tools/demo.sh: builds and runs the examples, prints what each did, and checks each one's
# output for the lines that prove it did its job (not only that it ran):
#   examples/host      a hosted program on malloc (g++)
#   examples/budget    a hosted program: per-subsystem memory budgets, refusals handled
#   examples/firmware  Cortex-M4 firmware under QEMU (mps2-an386, semihosting): ring buffer,
#                      timer queue, registry, report, heap statistics
#   examples/kernel    a kernel-style x86-64 freestanding program with its own page allocator
#   examples/wasm      a WebAssembly module driven from JavaScript in node, and the same
#                      module in a web page loaded by headless Chromium (browser_test.py)
# Installs what it needs first. Exit status non-zero if any example fails to build, fails to
# run, or misses an expected line. Build directory: $BARE_EXAMPLES_BUILD_DIR, default
# build/examples.
set -uo pipefail

tools_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$tools_dir/.." && pwd)
. "$tools_dir/lib.sh"
cd "$root" || exit 2

bare_require_packages cmake ninja-build g++ gcc-arm-none-eabi libstdc++-arm-none-eabi-dev \
  qemu-system-arm clang-16 lld-16 wasi-libc libc++-16-dev-wasm32 nodejs python3 chromium || exit 1

out=${BARE_EXAMPLES_BUILD_DIR:-$root/build/examples}
mkdir -p "$out"
status=0

run_example() {  # run_example TITLE FUNCTION
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

# run_checked NAME PATTERN... -- COMMAND...: runs COMMAND, shows its output (also kept in
# $out/NAME.out), and fails unless it exits 0 and every extended regex PATTERN matches a line.
run_checked() {
  local name=$1 patterns=() p missing=0
  shift
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    patterns+=("$1")
    shift
  done
  shift
  "$@" 2>&1 | tee "$out/$name.out"
  local rc=${PIPESTATUS[0]}
  if [ "$rc" -ne 0 ]; then
    echo "!! $name exited with status $rc" >&2
    return 1
  fi
  for p in "${patterns[@]}"; do
    if ! grep -Eq -- "$p" "$out/$name.out"; then
      echo "!! $name: no line matches /$p/" >&2
      missing=1
    fi
  done
  return $missing
}

host() {
  build host "$root" -DBARE_BUILD_TESTS=OFF -DBARE_BUILD_EXAMPLES=ON -DCMAKE_BUILD_TYPE=Release &&
    run_checked host \
      '^host: 6 shapes, total area 71\.982$' \
      "^host: try_reserve\(max_size\) failed with 'capacity overflow' and the vec still holds 3 values$" \
      -- "$out/host/examples/host/bare_host_example"
}
budget() {
  build budget examples/budget -DCMAKE_BUILD_TYPE=Release &&
    run_checked budget \
      '^budget: log keeps the last [0-9]+ of 200 lines' \
      '^budget: cache +[0-9]+ B budget: .* [1-9][0-9]* oldest entries evicted$' \
      '^budget: network received [0-9]+ packets .*dropped [1-9][0-9]* on out_of_memory' \
      '^budget: every subsystem stayed within its budget and handled its refusals$' \
      -- "$out/budget/bare_budget_example"
}
firmware() {
  build firmware examples/firmware -DCMAKE_TOOLCHAIN_FILE="$root/targets/cortex-m4/toolchain.cmake" &&
    run_checked firmware \
      '^firmware: timer queue \(binary_heap\): [1-9][0-9]* timers fired in 2000 ms, 4 reports$' \
      '^  0x10 temp: 500 samples, .*ring buffer \(fixed_deque\) holds the last 16' \
      '^firmware: report \(a bare::string of [1-9][0-9]* bytes\):$' \
      '^  t=2000 ms  pressure avg16=' \
      '^firmware: heap: [0-9]+ bytes in use \(peak [0-9]+\) of [0-9]+, [0-9]+ allocations, 0 failures, .*check ok$' \
      -- "$root/targets/cortex-m4/run.sh" "$out/firmware/firmware.elf" &&
    arm-none-eabi-size "$out/firmware/firmware.elf"
}
kernel() {
  build kernel examples/kernel -DCMAKE_TOOLCHAIN_FILE="$root/targets/x86_64-freestanding/toolchain.cmake" &&
    run_checked kernel \
      '^kernel: out of memory: oom killer freed pid [0-9]+' \
      '^kernel: [0-9]+ processes \(hash_map\), [0-9]+ areas \(btree_map\), [0-9]+ resident pages \(vec\)' \
      '^kernel: shutdown: .* 0 bytes still in use, check ok; page frames balanced$' \
      -- "$root/targets/x86_64-freestanding/run.sh" "$out/kernel/kernel.elf" &&
    size "$out/kernel/kernel.elf" &&
    { [ -z "$(nm -u "$out/kernel/kernel.elf")" ] || { echo "!! kernel: undefined symbols" >&2; return 1; }; }
}
wasm() {
  build wasm examples/wasm -DCMAKE_TOOLCHAIN_FILE="$root/targets/wasm32/toolchain.cmake" &&
    run_checked wasm \
      '^wasm \(from JS\): added 4096, out of memory 904, count 4096, median 48$' \
      '^wasm: stored 4096 values in a 16 KiB arena, refused 5904 \(reported as values, nothing lost\), median 500$' \
      -- node examples/wasm/demo.mjs "$out/wasm/wasm_example.wasm" &&
    echo "module: $(stat -c %s "$out/wasm/wasm_example.wasm") bytes"
}
wasm_browser() {  # after wasm(): the page and the module are in $out/wasm/web
  [ -f "$out/wasm/web/wasm_example.wasm" ] || { echo "!! no $out/wasm/web (the wasm build failed)" >&2; return 1; }
  run_checked wasm-browser \
    '^wasm \(in the browser\): added 4096, out of memory 904, count 4096, median 48; after reset count 0; main\(\) returned 0$' \
    -- python3 examples/wasm/browser_test.py "$out/wasm/web"
}

run_example "host (x86-64, malloc_allocator)" host
run_example "budget (x86-64 hosted, a memory budget per subsystem)" budget
run_example "firmware (Cortex-M4 on QEMU mps2-an386)" firmware
run_example "kernel (x86-64 freestanding, own page allocator, BARE_NO_GLOBAL_OOM_HANDLING)" kernel
run_example "wasm (wasm32 module in node)" wasm
run_example "wasm (the same module in a web page, headless Chromium)" wasm_browser
exit $status
