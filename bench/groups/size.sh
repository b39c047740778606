#!/usr/bin/env bash
# bench/groups/size.sh [--quick] — the size group's rows (metric rows, JSON lines on stdout).
# The programs: the same small program written with bare and with std, one per collection
# (bench/size/program.hpp: vec, string, map, unordered_map, deque, priority_queue; the bare
# one is <coll>_bare.cpp, the std one <coll>_std.cpp). Every image is run and must exit 0.
#   text_bytes       Cortex-M4 -Os .text, from bench/size/run.sh (which builds and runs them):
#                      <coll>_program           std vs bare, both on newlib-nano (same libc,
#                                               same malloc; bare through malloc/realloc/free)
#                      vec_program_full_newlib  std::vector on full newlib
#                      vec_program_freestanding bare::vec, -nostdlib, bare's start-up, bump arena
#                      region_allocator_alone   region_allocator's code alone (bare-region)
#   wasm_bytes       the same programs for wasm32 (clang 16, -Os, --strip-all), module bytes,
#                    each run under node (WASI):
#                      <coll>_program_wasm           std on libc++ + wasi-libc vs bare on
#                                                    wasi-libc's malloc/realloc/free
#                      vec_program_wasm_freestanding bare::vec, -nostdlib, bare's wasm32 port,
#                                                    bump arena (targets/wasm32)
#   compile_seconds  compile_all: CPU seconds (user + system) of g++ -std=c++20 -O3 -DNDEBUG
#                    -c of bench/compile/bare.cpp (bare/bare.hpp, every container instantiated
#                    once) and of bench/compile/std.cpp (the std twin); median of 5 runs (quick: 3).
# Builds in $BARE_BENCH_BUILD_DIR (default build/bench): size/ and size-wasm/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${BARE_BENCH_BUILD_DIR:-$root/build/bench}
runs=5
[ "${1:-}" = --quick ] && runs=3
programs=(vec string map unordered_map deque priority_queue)

row() { printf '{"group":"size","workload":"%s","n":null,"impl":"%s","metric":"%s","value":%s}\n' "$@"; }

sizes=$(BARE_SIZE_BUILD_DIR="$build/size" "$root/bench/size/run.sh")
echo "$sizes" >&2
text_of() {
  local t
  t=$(awk -v b="$1" '$1 == b { print $2 }' <<<"$sizes")
  [ -n "$t" ] || { echo "size: no '$1' line in bench/size/run.sh's output" >&2; exit 1; }
  echo "$t"
}
for p in "${programs[@]}"; do
  row "${p}_program" std text_bytes "$(text_of "$p-std-newlib-nano")"
  row "${p}_program" bare text_bytes "$(text_of "$p-bare-newlib-nano")"
done
row vec_program_full_newlib std text_bytes "$(text_of vec-std-newlib)"
row vec_program_freestanding bare text_bytes "$(text_of vec-bare-freestanding)"
row region_allocator_alone bare-region text_bytes "$(text_of region-allocator)"

# ---- wasm32 ----------------------------------------------------------------------------------
# shellcheck source=tools/lib.sh
. "$root/tools/lib.sh"
bare_require_packages clang-16 lld-16 wasi-libc libc++-16-dev-wasm32 libclang-rt-16-dev-wasm32 nodejs cmake ninja-build >&2
wasm=$build/size-wasm
mkdir -p "$wasm"
# -nostdinc++: only the wasm32 libc++ headers (with --sysroot=/usr, clang would also search
# /usr/include/c++/v1, the host's libc++, when libc++-16-dev is installed).
# shellcheck disable=SC2054 # -Wl,... are single arguments
wflags=(--target=wasm32-wasi --sysroot=/usr -std=c++20 -Os -fno-exceptions -fno-rtti -ffunction-sections
  -fdata-sections -nostdinc++ -isystem /usr/lib/llvm-16/include/wasm32-wasi/c++/v1 -I"$root/include"
  -I"$root/bench/size" -Wl,--gc-sections -Wl,--strip-all)
cat >"$wasm/run-wasi.mjs" <<'JS'
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
const wasi = new WASI({ version: 'preview1', args: [], env: {}, returnOnExit: true });
const { instance } = await WebAssembly.instantiate(readFileSync(process.argv[2]), wasi.getImportObject());
process.exit(wasi.start(instance));
JS
for p in "${programs[@]}"; do  # two compilers at a time (2 cores)
  clang++-16 "${wflags[@]}" "$root/bench/size/${p}_std.cpp" -o "$wasm/$p-std-wasi.wasm" &
  pids=($!)
  clang++-16 "${wflags[@]}" -DBARE_SIZE_NEWLIB_MALLOC "$root/bench/size/${p}_bare.cpp" -o "$wasm/$p-bare-wasi.wasm" &
  pids+=($!)
  for pid in "${pids[@]}"; do wait "$pid"; done
done
for p in "${programs[@]}"; do
  for i in std bare; do
    node --no-warnings "$wasm/run-wasi.mjs" "$wasm/$p-$i-wasi.wasm" ||
      { echo "size: $p-$i-wasi.wasm failed under node (exit status $?)" >&2; exit 1; }
  done
done
freestanding=$("$root/bench/size/freestanding.sh" wasm32 "$wasm")
bytes() { stat -c %s "$1"; }
for p in "${programs[@]}"; do
  row "${p}_program_wasm" std wasm_bytes "$(bytes "$wasm/$p-std-wasi.wasm")"
  row "${p}_program_wasm" bare wasm_bytes "$(bytes "$wasm/$p-bare-wasi.wasm")"
done
row vec_program_wasm_freestanding bare wasm_bytes "$(bytes "$freestanding")"

# ---- compile time --------------------------------------------------------------------------------
# CPU seconds (user + system) of one compile; median of `runs`, after one untimed compile that
# checks the file compiles and brings the headers into the page cache.
compile_seconds() {
  local cmd=(g++ -std=c++20 -O3 -DNDEBUG -I"$root/include" -c "$1" -o /dev/null) t=() i TIMEFORMAT='%3U %3S'
  "${cmd[@]}"
  for ((i = 0; i < runs; ++i)); do
    t+=("$({ time "${cmd[@]}" >/dev/null 2>&1; } 2>&1 | awk '{ print $1 + $2 }')")
  done
  printf '%s\n' "${t[@]}" | sort -g | awk '{ a[NR] = $1 } END { printf "%.3f\n", a[int((NR + 1) / 2)] }'
}
row compile_all bare compile_seconds "$(compile_seconds "$root/bench/compile/bare.cpp")"
row compile_all std compile_seconds "$(compile_seconds "$root/bench/compile/std.cpp")"
