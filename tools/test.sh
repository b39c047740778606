#!/usr/bin/env bash
# tools/test.sh: the full test run (what CI runs, through .ci/run).
#
#   1. host tests (GoogleTest + build-failure tests) in the 8 host configurations of
#      CMakePresets.json: {g++ 12, clang++-16} x {plain, ASan+UBSan} x {default,
#      BARE_NO_GLOBAL_OOM_HANDLING};
#   2. the libFuzzer targets, each for BARE_FUZZ_SECONDS (default 30) seconds;
#   3. packaging: cmake --install + find_package(bare), pkg-config, the installed package in a
#      Cortex-M4 cross build, FetchContent and add_subdirectory;
#   4. the freestanding conformance suite on every target (tools/targets.sh);
#   5. the examples (tools/demo.sh).
#
# Each ctest test, fuzzer, packaging check, target and the demo counts as one check. The last
# line is `N passed, N failed`; the exit status is non-zero if anything failed.
# Logs: build/test-logs/. Environment: BARE_TEST_PRESETS="gcc clang-asan" to run a subset
# of the host configurations; BARE_FUZZ_SECONDS.
set -uo pipefail

tools_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$tools_dir/.." && pwd)
. "$tools_dir/lib.sh"
cd "$root" || exit 2

bare_require_packages cmake ninja-build g++ clang-16 lld-16 llvm-16 libclang-rt-16-dev \
  libgtest-dev python3 pkgconf || { echo "0 passed, 1 failed"; exit 1; }

logs=$root/build/test-logs
mkdir -p "$logs"
passed=0
failed=0
failures=()
start=$(date +%s)

pass() { passed=$((passed + ${2:-1})); }
fail() {
  failed=$((failed + ${2:-1}))
  failures+=("$1")
  echo "FAILED: $1" >&2
}
stamp() { echo "[$(($(date +%s) - start))s] $*"; }

# The docs.target.* / docs.project.* tests of section 1 build the documentation's programs for
# Cortex-M4 and wasm32 and run them in QEMU / node; they skip (exit 77) without those tools.
# Install them first (sections 3-5 need them anyway), so that a fresh machine runs them.
bare_require_packages gcc-arm-none-eabi libstdc++-arm-none-eabi-dev qemu-system-arm wasi-libc \
  libc++-16-dev-wasm32 libclang-rt-16-dev-wasm32 nodejs >/dev/null 2>&1 ||
  fail "cannot install the cross tools of the docs tests"

# ---- 1. host configurations --------------------------------------------------------------
presets=${BARE_TEST_PRESETS:-gcc gcc-asan gcc-no-oom gcc-asan-no-oom clang clang-asan clang-no-oom clang-asan-no-oom}
for p in $presets; do
  log=$logs/host-$p.log
  stamp "host $p"
  if ! { cmake --preset "$p" && cmake --build --preset "$p"; } >"$log" 2>&1; then
    fail "host $p: configure/build (see $log)"
    tail -n 40 "$log" | sed 's/^/    /'
    continue
  fi
  ctest --preset "$p" >"$log.ctest" 2>&1
  summary=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$log.ctest" | tail -n 1)
  if [ -z "$summary" ]; then
    fail "host $p: ctest produced no summary (see $log.ctest)"
    tail -n 40 "$log.ctest" | sed 's/^/    /'
    continue
  fi
  total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$summary")
  nfail=$(sed -E 's/.* ([0-9]+) tests failed.*/\1/' <<<"$summary")
  pass "host $p" $((total - nfail))
  echo "    $summary"
  if [ "$nfail" -ne 0 ]; then
    fail "host $p: $nfail tests (see $log.ctest)" "$nfail"
    sed -n '/The following tests FAILED/,$p' "$log.ctest" | sed 's/^/    /'
  fi
done

# ---- 2. fuzzers -------------------------------------------------------------------------
fuzz_seconds=${BARE_FUZZ_SECONDS:-30}
stamp "fuzzers (${fuzz_seconds}s each)"
if { cmake --preset fuzz && cmake --build --preset fuzz --target bare_fuzzers; } >"$logs/fuzz-build.log" 2>&1; then
  found=0
  for f in build/fuzz/tests/fuzz/*_fuzz; do
    [ -x "$f" ] || continue
    found=1
    name=$(basename "$f")
    corpus=build/fuzz/corpus/$name
    mkdir -p "$corpus" build/fuzz/artifacts
    if "$f" -max_total_time="$fuzz_seconds" -seed=1 -print_final_stats=1 \
      -artifact_prefix=build/fuzz/artifacts/"$name"- "$corpus" >"$logs/$name.log" 2>&1; then
      pass "fuzz $name"
      echo "    $name: $(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$logs/$name.log" | grep -Eo '[0-9]+$') runs, no failure"
    else
      fail "fuzz $name (see $logs/$name.log)"
      tail -n 30 "$logs/$name.log" | sed 's/^/    /'
    fi
  done
  [ $found -eq 1 ] || fail "fuzz: no fuzz target was built"
else
  fail "fuzz: configure/build (see $logs/fuzz-build.log)"
  tail -n 30 "$logs/fuzz-build.log" | sed 's/^/    /'
fi

# ---- 3. packaging -----------------------------------------------------------------------
stamp "packaging"
prefix=$root/build/package/prefix
rm -rf "$root/build/package"
if { cmake --preset release && cmake --build --preset release &&
     cmake --install build/release --prefix "$prefix" &&
     cmake -S examples/host -B build/package/find_package -G Ninja -DCMAKE_PREFIX_PATH="$prefix" &&
     cmake --build build/package/find_package &&
     build/package/find_package/bare_host_example; } >"$logs/package-install.log" 2>&1; then
  pass "package: install + find_package"
else
  fail "package: install + find_package (see $logs/package-install.log)"
  tail -n 30 "$logs/package-install.log" | sed 's/^/    /'
fi
if { PKG_CONFIG_PATH="$prefix/share/pkgconfig" pkg-config --exists --print-errors "bare >= 0.1" &&
     g++ -std=c++20 -Wall -Wextra -Werror $(PKG_CONFIG_PATH="$prefix/share/pkgconfig" pkg-config --cflags bare) \
       examples/host/main.cpp -o build/package/pkg_config_consumer &&
     build/package/pkg_config_consumer; } >"$logs/package-pkg-config.log" 2>&1; then
  pass "package: pkg-config"
else
  fail "package: pkg-config (see $logs/package-pkg-config.log)"
  tail -n 30 "$logs/package-pkg-config.log" | sed 's/^/    /'
fi
m4=build/package/cross_cortex_m4
bare_require_packages gcc-arm-none-eabi libstdc++-arm-none-eabi-dev qemu-system-arm >/dev/null 2>&1
if { cmake -S tests/package/cross_cortex_m4 -B "$m4" -G Ninja -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
       -DCMAKE_TOOLCHAIN_FILE="$root/targets/cortex-m4/toolchain.cmake" -Dbare_DIR="$prefix/share/cmake/bare" &&
     cmake --build "$m4" &&
     grep -q -- "-isystem $prefix/include\|-I$prefix/include" "$m4/compile_commands.json" &&
     ! grep -q -- "$root/include" "$m4/compile_commands.json" &&
     targets/cortex-m4/run.sh "$m4/firmware.elf"; } >"$logs/package-cross.log" 2>&1; then
  pass "package: installed package in a Cortex-M4 cross build"
else
  fail "package: installed package in a Cortex-M4 cross build (see $logs/package-cross.log)"
  tail -n 30 "$logs/package-cross.log" | sed 's/^/    /'
fi
if { cmake -S tests/package/fetch_content -B build/package/fetch_content -G Ninja &&
     cmake --build build/package/fetch_content &&
     build/package/fetch_content/consumer; } >"$logs/package-fetch.log" 2>&1; then
  pass "package: FetchContent"
else
  fail "package: FetchContent (see $logs/package-fetch.log)"
  tail -n 30 "$logs/package-fetch.log" | sed 's/^/    /'
fi
if { cmake -S tests/package/add_subdirectory -B build/package/add_subdirectory -G Ninja &&
     cmake --build build/package/add_subdirectory &&
     build/package/add_subdirectory/consumer; } >"$logs/package-subdir.log" 2>&1; then
  pass "package: add_subdirectory"
else
  fail "package: add_subdirectory (see $logs/package-subdir.log)"
  tail -n 30 "$logs/package-subdir.log" | sed 's/^/    /'
fi

# ---- 4. targets -------------------------------------------------------------------------
stamp "targets"
"$tools_dir/targets.sh" >"$logs/targets.log" 2>&1
cat "$logs/targets.log"
n_pass=$(grep -c '^target .*: PASS' "$logs/targets.log")
n_fail=$(grep -c '^target .*: FAIL' "$logs/targets.log")
pass targets "$n_pass"
[ "$n_fail" -eq 0 ] || fail "targets: $n_fail failed" "$n_fail"
[ $((n_pass + n_fail)) -eq 5 ] || fail "targets: expected 5 report lines (see $logs/targets.log)"

# ---- std_interop
# The std::formatter specialisations of bare/std_interop.hpp under libc++ 16 (libstdc++ 12, used
# by section 1, has no <format>; the clang presets also run this as std_interop.format_libcxx
# once libc++ is installed, but section 1 runs before this installs it).
stamp "std_interop: formatters under libc++"
mkdir -p "$root/build/std_interop"
if { bare_require_packages clang-16 libc++-16-dev libc++abi-16-dev &&
     clang++-16 -std=c++20 -stdlib=libc++ -fexperimental-library -Wall -Wextra -Wpedantic -Werror \
       -I"$root/include" tests/interop/std_interop_format_libcxx.cpp -o "$root/build/std_interop/format_libcxx" &&
     "$root/build/std_interop/format_libcxx"; } >"$logs/std-interop-format.log" 2>&1; then
  pass "std_interop: formatters under libc++"
else
  fail "std_interop: formatters under libc++ (see $logs/std-interop-format.log)"
  tail -n 20 "$logs/std-interop-format.log" | sed 's/^/    /'
fi

# ---- gdb pretty-printers
# tests/gdb/check.sh: tools/gdb/bare_printers.py on a host program (g++ with the printers
# auto-loaded, clang++-16 with `source`, an installed bare; gdb) and on a Cortex-M4 image run
# in QEMU (gdb-multiarch), the printed text compared exactly; and bare/gdb.hpp compiled for
# every target. One check each.
stamp "gdb pretty-printers"
bare_require_packages gdb gdb-multiarch gcc-arm-none-eabi libstdc++-arm-none-eabi-dev qemu-system-arm \
  gcc-riscv64-unknown-elf >/dev/null 2>&1
for v in host cortex-m4 targets; do
  if "$root/tests/gdb/check.sh" "$v" >"$logs/gdb-$v.log" 2>&1; then
    pass "gdb $v"
    sed 's/^/    /' "$logs/gdb-$v.log"
  else
    fail "gdb $v (see $logs/gdb-$v.log)"
    head -n 40 "$logs/gdb-$v.log" | sed 's/^/    /'
  fi
done

# ---- docs
# tools/docs.sh: Doxygen over docs/*.md and the headers (a few seconds), failing on warnings
# about the pages. (The pages' C++ samples are compiled and run in section 1: docs.* tests.)
stamp "docs (tools/docs.sh)"
if "$tools_dir/docs.sh" >"$logs/docs.log" 2>&1; then
  pass "docs"
  sed 's/^/    /' "$logs/docs.log"
else
  fail "docs (see $logs/docs.log)"
  tail -n 30 "$logs/docs.log" | sed 's/^/    /'
fi

# ---- 5. examples ------------------------------------------------------------------------
stamp "examples (tools/demo.sh)"
if "$tools_dir/demo.sh" >"$logs/demo.log" 2>&1; then
  pass demo
else
  fail "demo (see $logs/demo.log)"
  tail -n 30 "$logs/demo.log" | sed 's/^/    /'
fi

stamp "done"
if [ ${#failures[@]} -ne 0 ]; then
  echo "Failures:"
  printf '  %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
