#!/usr/bin/env bash
# tests/gdb/check.sh host|cortex-m4|targets: the test of bare's gdb pretty-printers
# (tools/gdb/bare_printers.py). Builds tests/gdb/program.cpp (one of every collection and
# smart pointer, and objects made of garbage bytes) at -O0 -g, stops it in
# bare_gdb_breakpoint, runs tests/gdb/prints.gdb and compares the printed text with
# tests/gdb/expected_<variant>.txt, exactly (tests/gdb/check_output.py).
#
#   host       the program built by g++ and by clang++-16 for this machine, debugged by gdb:
#              the g++ build loads the printers by itself (bare/gdb.hpp's .debug_gdb_scripts
#              entry; auto-loading allowed for the build directory), the clang build through
#              `source tools/gdb/bare_printers.py` with auto-loading off; a third build takes
#              bare from `cmake --install` (a prefix in the build directory) and must load the
#              printers installed there. All must print expected_host.txt.
#   cortex-m4  the program as a Cortex-M4 image (tests/gdb/cortex_m4, toolchain of
#              targets/cortex-m4), run in QEMU (mps2-an386, as targets/cortex-m4/run.sh)
#              halted at reset with a gdb stub (-S; on a free port rather than -s's fixed
#              1234, so that runs in parallel do not collide), debugged by gdb-multiarch,
#              which loads the printers through the image's .debug_gdb_scripts entry.
#              Prints expected_cortex_m4.txt (32-bit: other hash orders and garbage values).
#   targets    bare/gdb.hpp compiles on every target (x86-64 freestanding, Cortex-M4/M0, RV32,
#              wasm32) and embeds its entry exactly where the section makes sense (not wasm).
#
# Prints one line per run ("gdb host g++: ok ..." / "FAIL ..."); exit status 0 iff all passed.
# Environment: BARE_GDB_BUILD_DIR (default build/gdb), BARE_GDB_UPDATE=1 rewrites the expected
# file from the output (after a deliberate change of the printers; review the diff).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=tools/lib.sh
. "$root/tools/lib.sh"

variant=${1:-}
build=${BARE_GDB_BUILD_DIR:-$root/build/gdb}
mkdir -p "$build"
build=$(cd "$build" && pwd)
update=()
[ "${BARE_GDB_UPDATE:-0}" = 1 ] && update=(--update)

# compare NAME EXPECTED OUTPUT: runs the checker, prints the verdict line.
compare() {
    local name=$1 expected=$2 output=$3 report
    if report=$(python3 "$here/check_output.py" "$expected" "$output" "${update[@]}"); then
        echo "gdb $name: $report"
        return 0
    fi
    echo "gdb $name: FAIL (gdb output: $output)"
    sed 's/^/    /' <<<"$report"
    return 1
}

# The gdb options common to every run: no ~/.gdbinit, batch mode, UTF-8 output.
gdb_common=(-nx -batch -iex "set host-charset UTF-8")

# host_run NAME CXX INCLUDE_DIR LOAD: builds the program with CXX against the headers in
# INCLUDE_DIR, debugs it with gdb and compares; LOAD is "auto" (the .debug_gdb_scripts entry,
# auto-loading allowed for the build directory; the log must say where the printers came
# from, matched against $want_printers) or "source" (auto-loading off, `source` by hand).
host_run() {
    local name=$1 cxx=$2 include=$3 load_mode=$4 dir=$build/host-$1 load
    mkdir -p "$dir"
    # Absolute paths: the .debug_gdb_scripts loader finds the printers from the header's path.
    if ! "$cxx" -std=c++20 -O0 -g -Wall -Wextra -Wpedantic -Werror -I"$include" \
        "$here/program.cpp" -o "$dir/program" >"$dir/build.log" 2>&1; then
        echo "gdb host $name: FAIL (build, see $dir/build.log)"
        sed 's/^/    /' "$dir/build.log" | head -n 30
        return 1
    fi
    if [ "$load_mode" = auto ]; then
        load=(-iex "add-auto-load-safe-path $dir"
              -ex "python import sys; print('bare_printers: ' + sys.modules['bare_printers'].__file__)")
    else
        load=(-iex "set auto-load python-scripts off" -ex "source $root/tools/gdb/bare_printers.py")
    fi
    timeout -k 5 120 gdb "${gdb_common[@]}" "${load[@]}" -ex "break bare_gdb_breakpoint" -ex run \
        -x "$here/prints.gdb" -ex kill "$dir/program" >"$dir/gdb.log" 2>&1
    if [ "$load_mode" = auto ] && ! grep -qx "bare_printers: $want_printers" "$dir/gdb.log"; then
        echo "gdb host $name: FAIL (the printers were not auto-loaded from $want_printers; see $dir/gdb.log)"
        grep -i "bare\|auto-load" "$dir/gdb.log" | head -n 5 | sed 's/^/    /'
        return 1
    fi
    compare "host $name" "$here/expected_host.txt" "$dir/gdb.log"
}

run_host() {
    bare_require_packages gdb g++ clang-16 cmake ninja-build python3 >&2 || return 1
    local status=0 prefix=$build/prefix
    want_printers=$root/tools/gdb/bare_printers.py
    host_run g++ g++ "$root/include" auto || status=1
    host_run clang++ clang++-16 "$root/include" source || status=1
    # An installed bare: the headers from <prefix>/include, the printers auto-loaded from
    # <prefix>/share/bare/gdb (cmake --install).
    rm -rf "$prefix"
    if ! { cmake -S "$root" -B "$build/install-build" -G Ninja -DBARE_BUILD_TESTS=OFF \
               -DBARE_BUILD_EXAMPLES=OFF &&
           cmake --install "$build/install-build" --prefix "$prefix"; } >"$build/install.log" 2>&1; then
        echo "gdb host installed: FAIL (cmake --install, see $build/install.log)"
        return 1
    fi
    want_printers=$prefix/share/bare/gdb/bare_printers.py
    host_run installed g++ "$prefix/include" auto || status=1
    return $status
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_for_port PORT: until something listens on 127.0.0.1:PORT (at most ~10 s).
wait_for_port() {
    python3 - "$1" <<'EOF'
import socket, sys, time
for _ in range(100):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
EOF
}

run_cortex_m4() {
    bare_require_packages gdb-multiarch gcc-arm-none-eabi libstdc++-arm-none-eabi-dev qemu-system-arm \
        cmake ninja-build python3 >&2 || return 1
    local dir=$build/cortex-m4
    if ! { cmake -S "$here/cortex_m4" -B "$dir" -G Ninja \
               -DCMAKE_TOOLCHAIN_FILE="$root/targets/cortex-m4/toolchain.cmake" &&
           cmake --build "$dir"; } >"$build/cortex-m4-build.log" 2>&1; then
        echo "gdb cortex-m4: FAIL (build, see $build/cortex-m4-build.log)"
        tail -n 30 "$build/cortex-m4-build.log" | sed 's/^/    /'
        return 1
    fi
    local image=$dir/gdb_program.elf port qemu_pid status=0
    # QEMU does not listen when the port was taken in between: try a few.
    for _ in 1 2 3; do
        port=$(free_port)
        BARE_RUN_TIMEOUT=120 "$root/targets/common/run_qemu.sh" "$image" qemu-system-arm -M mps2-an386 \
            -S -gdb "tcp:127.0.0.1:$port" >"$dir/qemu.log" 2>&1 &
        qemu_pid=$!
        wait_for_port "$port" && break
        kill "$qemu_pid" 2>/dev/null
        wait "$qemu_pid" 2>/dev/null
        qemu_pid=
    done
    if [ -z "$qemu_pid" ]; then
        echo "gdb cortex-m4: FAIL (QEMU's gdb stub did not start, see $dir/qemu.log)"
        return 1
    fi
    timeout -k 5 120 gdb-multiarch "${gdb_common[@]}" -iex "add-auto-load-safe-path $dir" \
        -ex "target remote 127.0.0.1:$port" -ex "break bare_gdb_breakpoint" -ex continue \
        -x "$here/prints.gdb" -ex kill "$image" >"$dir/gdb.log" 2>&1
    compare cortex-m4 "$here/expected_cortex_m4.txt" "$dir/gdb.log" || status=1
    # gdb's kill ends QEMU; if gdb failed before that, end it here.
    if kill -0 "$qemu_pid" 2>/dev/null; then
        sleep 1
        kill "$qemu_pid" 2>/dev/null
    fi
    wait "$qemu_pid" 2>/dev/null
    return $status
}

# bare/gdb.hpp on every target of the matrix (DESIGN §7): a translation unit that includes it
# compiles warning-free with the target's compiler and flags; the object has the
# .debug_gdb_scripts entry on the ELF targets and nothing on wasm32.
run_targets() {
    bare_require_packages g++ gcc-arm-none-eabi gcc-riscv64-unknown-elf clang-16 llvm-16 binutils >&2 || return 1
    local dir=$build/targets status=0 name compiler flags obj has want
    mkdir -p "$dir"
    printf '#include "bare/gdb.hpp"\nint bare_gdb_header_probe() { return 1; }\n' >"$dir/probe.cpp"
    local common="-std=c++20 -ffreestanding -fno-exceptions -fno-rtti -Os -Wall -Wextra -Wpedantic -Werror"
    while IFS='|' read -r name compiler flags want; do
        obj=$dir/$name.o
        # shellcheck disable=SC2086  # flags are words
        if ! $compiler $flags $common -I"$root/include" -c "$dir/probe.cpp" -o "$obj" >"$dir/$name.log" 2>&1; then
            echo "gdb header $name: FAIL (compile, see $dir/$name.log)"
            sed 's/^/    /' "$dir/$name.log" | head -n 10
            status=1
            continue
        fi
        if [ "$want" = wasm ]; then
            has=$(llvm-objdump-16 -h "$obj" | grep -c debug_gdb_scripts)
            want=0
        else
            has=$(readelf -SW "$obj" | grep -c '\.debug_gdb_scripts')
        fi
        if [ "$has" = "$want" ]; then
            echo "gdb header $name: ok (.debug_gdb_scripts sections: $has)"
        else
            echo "gdb header $name: FAIL (.debug_gdb_scripts sections: $has, expected $want)"
            status=1
        fi
    done <<TARGETS
x86_64-freestanding-g++|g++|-nostdlib|1
x86_64-freestanding-clang|clang++-16|-nostdlib|1
cortex-m4|arm-none-eabi-g++|-mcpu=cortex-m4 -mthumb|1
cortex-m0|arm-none-eabi-g++|-mcpu=cortex-m0 -mthumb|1
cortex-m4-clang|clang++-16|--target=thumbv7em-none-eabi -mcpu=cortex-m4|1
rv32imac|riscv64-unknown-elf-g++|-march=rv32imac -mabi=ilp32 -mcmodel=medany|1
wasm32|clang++-16|--target=wasm32-wasi -nostdlib|wasm
TARGETS
    return $status
}

case $variant in
host) run_host ;;
cortex-m4) run_cortex_m4 ;;
targets) run_targets ;;
*)
    echo "usage: $0 host|cortex-m4|targets" >&2
    exit 2
    ;;
esac
