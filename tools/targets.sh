#!/usr/bin/env bash
# tools/targets.sh [TARGET...]: build the freestanding conformance suite (tests/freestanding)
# for each target, run it, and report one line per target on stdout:
#
#   target NAME: PASS|FAIL tests=N text=BYTES data=BYTES bss=BYTES undefined=N
#
# Targets, all by default, in this order: x86_64-freestanding cortex-m4 cortex-m0 rv32imac
# wasm32 (see targets/<name>/). First installs the Debian packages they need, if missing.
#
# PASS iff the build succeeded, the runner exited 0, the program printed its summary line
# `conformance: tests=N failures=0`, and the image has no undefined symbol. Below a FAIL
# line, indented, comes why: the build log or the program's output. Exit status: non-zero
# if any target failed.
#
#   tests      N of the last `conformance: tests=N failures=M` line of the output.
#   text/data/bss  Berkeley `size` of the ELF image (bss includes the reserved stack on the
#              bare-metal targets); wasm32: byte sizes of the Code and Data sections, bss 0.
#   undefined  lines of `nm -u` on the image; wasm32: the number of imports (llvm-nm-16 -u
#              sees nothing in a module linked with --strip-all), at least `llvm-nm-16 -u`.
#
# Build directories: build/targets/<name>/: configure.log, build.log, output.log (the
# program's), undefined.txt, the image conformance.elf|.wasm and its .map.
# Environment, for checking the infrastructure itself:
#   BARE_TARGETS_BUILD_DIR       instead of build/targets
#   BARE_CONFORMANCE_SOURCE_DIR  build the *.cpp of this directory instead of the suite
#   BARE_RUN_TIMEOUT             seconds per run (default 60), read by the runners
set -uo pipefail

tools_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$tools_dir/.." && pwd)
# shellcheck source=tools/lib.sh
. "$tools_dir/lib.sh"

all_targets=(x86_64-freestanding cortex-m4 cortex-m0 rv32imac wasm32)
build_root=${BARE_TARGETS_BUILD_DIR:-$root/build/targets}
source_dir=${BARE_CONFORMANCE_SOURCE_DIR:-$root/tests/freestanding}
source_dir=$(cd "$source_dir" && pwd) || exit 2

# target_packages NAME: the Debian packages that building and running NAME needs.
target_packages() {
    case $1 in
    x86_64-freestanding) echo gcc g++ binutils ;;
    cortex-m4 | cortex-m0) echo gcc-arm-none-eabi libstdc++-arm-none-eabi-dev qemu-system-arm ;;
    rv32imac) echo gcc-riscv64-unknown-elf libstdc++-arm-none-eabi-dev qemu-system-misc ;;
    wasm32) echo clang-16 lld-16 llvm-16 wasi-libc libc++-16-dev-wasm32 nodejs ;;
    esac
}

# target_binutils NAME: the nm and size programs for NAME's ELF images.
target_binutils() {
    case $1 in
    x86_64-freestanding) echo nm size ;;
    cortex-m4 | cortex-m0) echo arm-none-eabi-nm arm-none-eabi-size ;;
    rv32imac) echo riscv64-unknown-elf-nm riscv64-unknown-elf-size ;;
    esac
}

# indent FILE [MAX_LINES]: FILE's lines, indented by four spaces, at most MAX_LINES of them.
indent() {
    local file=$1 max=${2:-300} lines
    [ -s "$file" ] || { echo "    (empty: $file)"; return; }
    lines=$(wc -l <"$file")
    head -n "$max" "$file" | sed 's/^/    /'
    if [ "$lines" -gt "$max" ]; then
        echo "    ... $((lines - max)) more lines in $file"
    fi
}

# configure_and_build NAME DIR: configure (afresh when the toolchain files changed, as CMake
# reads *_FLAGS_INIT only into a new cache) into DIR/configure.log, then build into
# DIR/build.log. Prints the path of the log of the step that failed, if one did.
configure_and_build() {
    local name=$1 dir=$2 fresh=() f
    local toolchain=$root/targets/$name/toolchain.cmake
    if [ -f "$dir/CMakeCache.txt" ]; then
        for f in "$toolchain" "$root"/targets/common/*.cmake; do
            if [ "$f" -nt "$dir/CMakeCache.txt" ]; then
                fresh=(--fresh)
            fi
        done
    fi
    local configure=(cmake -S "$root/tests/freestanding" -B "$dir" -G Ninja
        "-DCMAKE_TOOLCHAIN_FILE=$toolchain" "-DBARE_CONFORMANCE_SOURCE_DIR=$source_dir")
    if ! {
        echo "+ ${configure[*]} ${fresh[*]}"
        "${configure[@]}" "${fresh[@]}" ||
            { echo "+ retrying with a fresh cache" && "${configure[@]}" --fresh; }
    } >"$dir/configure.log" 2>&1; then
        echo "$dir/configure.log"
        return 1
    fi
    if ! cmake --build "$dir" >"$dir/build.log" 2>&1; then
        echo "$dir/build.log"
        return 1
    fi
}

# check_target NAME: build, run and measure NAME; print its report line (and details).
check_target() {
    local name=$1
    local dir=$build_root/$name
    local output=$dir/output.log
    local ok=1 tests=0 text=0 data=0 bss=0 undefined=0 reasons=()
    mkdir -p "$dir"
    rm -f "$output"

    local image=$dir/conformance.elf
    [ "$name" = wasm32 ] && image=$dir/conformance.wasm

    local failed_log
    if ! failed_log=$(configure_and_build "$name" "$dir"); then
        echo "target $name: FAIL tests=0 text=0 data=0 bss=0 undefined=0"
        echo "    build failed; log: $failed_log"
        indent "$failed_log"
        return 1
    fi

    # In a subshell so that a "Segmentation fault" notice from bash lands in the log too.
    ("$root/targets/$name/run.sh" "$image"; exit $?) >"$output" 2>&1
    local status=$?
    if [ $status -ne 0 ]; then
        ok=0
        reasons+=("runner exit status $status")
    fi
    local summary
    summary=$(grep -ao 'conformance: tests=[0-9]* failures=[0-9]*' "$output" | tail -n 1)
    if [ -n "$summary" ]; then
        tests=${summary#*tests=}
        tests=${tests%% *}
        if [ "${summary##*failures=}" != 0 ]; then
            ok=0
            reasons+=("failures=${summary##*failures=}")
        fi
    else
        ok=0
        reasons+=("no 'conformance: tests=N failures=M' line in the output")
    fi

    local undefined_list=$dir/undefined.txt
    if [ "$name" = wasm32 ]; then
        local sections imports
        sections=$(node "$root/targets/wasm32/sections.mjs" "$image" 2>&1) || sections=
        text=$(sed -n '1s/.*text=\([0-9]*\).*/\1/p' <<<"$sections")
        data=$(sed -n '1s/.*data=\([0-9]*\).*/\1/p' <<<"$sections")
        imports=$(sed -n '1s/.*imports=\([0-9]*\).*/\1/p' <<<"$sections")
        bss=0
        {
            llvm-nm-16 -u "$image" 2>/dev/null
            sed -n '2,$p' <<<"$sections"
        } >"$undefined_list"
        undefined=$(llvm-nm-16 -u "$image" 2>/dev/null | wc -l)
        if [ -z "$imports" ]; then
            ok=0
            reasons+=("cannot read the module's sections")
            imports=0
        fi
        [ "$imports" -gt "$undefined" ] && undefined=$imports
    else
        local nm size sizes
        read -r nm size <<<"$(target_binutils "$name")"
        sizes=$("$size" -B "$image" | awk 'NR == 2 { print $1, $2, $3 }')
        read -r text data bss <<<"$sizes"
        "$nm" -u "$image" >"$undefined_list" 2>&1
        undefined=$(wc -l <"$undefined_list")
    fi
    if [ "$undefined" -ne 0 ]; then
        ok=0
        reasons+=("undefined symbols in the image")
    fi

    local verdict=PASS
    [ $ok -eq 1 ] || verdict=FAIL
    echo "target $name: $verdict tests=${tests:-0} text=${text:-0} data=${data:-0} bss=${bss:-0} undefined=$undefined"
    if [ $ok -ne 1 ]; then
        local joined
        joined=$(printf '%s; ' "${reasons[@]}")
        echo "    ${joined}output: $output"
        indent "$output"
        if [ "$undefined" -ne 0 ]; then
            echo "    undefined:"
            indent "$undefined_list"
        fi
        return 1
    fi
}

main() {
    local targets=("$@") name known
    [ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
    for name in "${targets[@]}"; do
        known=0
        for k in "${all_targets[@]}"; do [ "$k" = "$name" ] && known=1; done
        if [ $known -eq 0 ]; then
            echo "usage: $0 [TARGET...]; targets: ${all_targets[*]}" >&2
            exit 2
        fi
    done

    local packages=(cmake ninja-build)
    for name in "${targets[@]}"; do
        # shellcheck disable=SC2207 # package names have no spaces
        packages+=($(target_packages "$name"))
    done
    # shellcheck disable=SC2207
    packages=($(printf '%s\n' "${packages[@]}" | sort -u))
    if ! bare_require_packages "${packages[@]}"; then
        echo "bare: cannot install the packages: ${packages[*]}" >&2
        exit 1
    fi

    local failed=0
    for name in "${targets[@]}"; do
        check_target "$name" || failed=1
    done
    return $failed
}

main "$@"
