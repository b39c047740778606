#!/usr/bin/env bash
# bench/groups/size.sh [--quick] — the size group's rows (metric rows, JSON lines on stdout):
#   text_bytes       Cortex-M4 -Os .text of the same small vec program with std and with bare,
#                    from bench/size/run.sh (which builds and runs them):
#                      vec_program              std::vector vs bare::vec, both on newlib-nano
#                                               (same libc, same malloc)
#                      vec_program_full_newlib  std::vector on full newlib
#                      vec_program_freestanding bare::vec, -nostdlib, bare's start-up, bump arena
#                      region_allocator_alone   region_allocator's code alone (bare-region)
#   wasm_bytes       the same program for wasm32 (clang 16, -Os, --strip-all), module bytes:
#                      vec_program_wasm             std::vector on libc++ + wasi-libc vs
#                                                   bare::vec on wasi-libc's malloc/realloc/free
#                      vec_program_wasm_freestanding bare::vec, -nostdlib, bare's wasm32 port,
#                                                   bump arena (targets/wasm32)
#   compile_seconds  CPU seconds (user + system) of g++ -std=c++20 -O3 -DNDEBUG -c of
#                    bench/compile/bare.cpp (bare/bare.hpp, each container instantiated once)
#                    and of bench/compile/std.cpp (the std twin); median of 5 runs (quick: 3).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=5
[ "${1:-}" = --quick ] && runs=3

row() { printf '{"group":"size","workload":"%s","n":null,"impl":"%s","metric":"%s","value":%s}\n' "$@"; }

sizes=$(BARE_SIZE_BUILD_DIR="$root/build/bench/size" "$root/bench/size/run.sh")
echo "$sizes" >&2
text_of() {
  local t
  t=$(awk -v b="$1" '$1 == b { print $2 }' <<<"$sizes")
  [ -n "$t" ] || { echo "size: no '$1' line in bench/size/run.sh's output" >&2; exit 1; }
  echo "$t"
}
row vec_program std text_bytes "$(text_of std-newlib-nano)"
row vec_program bare text_bytes "$(text_of bare-newlib-nano)"
row vec_program_full_newlib std text_bytes "$(text_of std-newlib)"
row vec_program_freestanding bare text_bytes "$(text_of bare-freestanding)"
row region_allocator_alone bare-region text_bytes "$(text_of region-allocator)"

# ---- wasm32 ----------------------------------------------------------------------------------
# shellcheck source=tools/lib.sh
. "$root/tools/lib.sh"
bare_require_packages clang-16 lld-16 wasi-libc libc++-16-dev-wasm32 libclang-rt-16-dev-wasm32 nodejs cmake ninja-build >&2
wasm=$root/build/bench/size-wasm
mkdir -p "$wasm"
# shellcheck disable=SC2054 # -Wl,... are single arguments
wflags=(--target=wasm32-wasi --sysroot=/usr -std=c++20 -Os -fno-exceptions -fno-rtti -ffunction-sections
  -fdata-sections -isystem /usr/lib/llvm-16/include/wasm32-wasi/c++/v1 -I"$root/include" -I"$root/bench/size"
  -Wl,--gc-sections -Wl,--strip-all)
clang++-16 "${wflags[@]}" "$root/bench/size/vec_std.cpp" -o "$wasm/std-wasi.wasm"
clang++-16 "${wflags[@]}" -DBARE_SIZE_NEWLIB_MALLOC "$root/bench/size/vec_bare.cpp" -o "$wasm/bare-wasi.wasm"
cat >"$wasm/run-wasi.mjs" <<'JS'
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
const wasi = new WASI({ version: 'preview1', args: [], env: {}, returnOnExit: true });
const { instance } = await WebAssembly.instantiate(readFileSync(process.argv[2]), wasi.getImportObject());
process.exit(wasi.start(instance));
JS
for f in std-wasi bare-wasi; do
  node --no-warnings "$wasm/run-wasi.mjs" "$wasm/$f.wasm" ||
    { echo "size: $f.wasm failed under node" >&2; exit 1; }
done
freestanding=$("$root/bench/size/freestanding.sh" wasm32 "$wasm")
bytes() { stat -c %s "$1"; }
row vec_program_wasm std wasm_bytes "$(bytes "$wasm/std-wasi.wasm")"
row vec_program_wasm bare wasm_bytes "$(bytes "$wasm/bare-wasi.wasm")"
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
row compile_vec bare compile_seconds "$(compile_seconds "$root/bench/compile/bare.cpp")"
row compile_vec std compile_seconds "$(compile_seconds "$root/bench/compile/std.cpp")"
