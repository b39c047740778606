#!/usr/bin/env bash
# tools/bench.sh [--quick] [GROUP...] — benchmarks bare against std, abseil, boost, Rust and
# glibc, and writes bench/results/latest.md (tables), latest.json (one object per row) and
# latest.svg (chart). Groups: vec string deque heap list btree hash rc allocators size (all
# by default). A group whose collection is not built yet reports "no rows yet".
#
#   default   n = 10^3 ... 10^7, 5 repetitions of >= 0.05 s each (median; the harnesses do
#             3 and no warm-up from n = 10^6 up, where one iteration lasts 0.1-12 s): < 20 min
#   --quick   n = 10^3 ... 10^5, 3 repetitions of >= 0.02 s each: <= 3 min
#
# Installs what it needs (Debian packages), builds the C++ groups with CMake in build/bench
# (Release: -O3 -DNDEBUG for all C++ code) and the Rust program with rustc, runs each group
# (C++ and Rust alternating size by size), then bench/report.py merges the rows with the previous results of the
# groups that did not run. A default run also refreshes the results section of README.md.
# Not part of tools/test.sh or CI. See bench/README.md for the rules and the workloads.
# BARE_BENCH_BUILD_DIR=DIR builds and runs in DIR instead of build/bench.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tools/lib.sh
. "$root/tools/lib.sh"

all_groups=(vec string deque heap list btree hash rc allocators size)

usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; }

quick=0
groups=()
for a in "$@"; do
  case $a in
    --quick) quick=1 ;;
    -h | --help) usage; exit 0 ;;
    -*) echo "bench: unknown option $a" >&2; usage >&2; exit 2 ;;
    *)
      if [[ " ${all_groups[*]} " != *" $a "* ]]; then
        echo "bench: unknown group '$a' (groups: ${all_groups[*]})" >&2
        exit 2
      fi
      groups+=("$a")
      ;;
  esac
done
[ ${#groups[@]} -gt 0 ] || groups=("${all_groups[@]}")

if [ $quick -eq 1 ]; then
  mode=quick
  sizes=(1000 10000 100000)
  run_args=(--quick --reps=3 --min-time=0.02)
else
  mode=default
  sizes=(1000 10000 100000 1000000 10000000)
  run_args=(--reps=5 --min-time=0.05)
fi
all_sizes=$(IFS=,; echo "${sizes[*]}")

# Which groups have something to run: bench/groups/<g>.cpp (C++ + Rust) or <g>.sh (a script).
cpp_groups=() script_groups=() empty_groups=()
for g in "${groups[@]}"; do
  if [ -f "$root/bench/groups/$g.sh" ]; then script_groups+=("$g")
  elif [ -f "$root/bench/groups/$g.cpp" ]; then cpp_groups+=("$g")
  else empty_groups+=("$g")
  fi
done

# ---- packages and tools ----------------------------------------------------------------------
export PATH="$PATH:$HOME/.cargo/bin"
packages=(python3 gnuplot-nox)
if [ ${#cpp_groups[@]} -gt 0 ]; then
  packages+=(cmake ninja-build g++ libbenchmark-dev libabsl-dev libboost1.81-dev valgrind)
  command -v rustc >/dev/null 2>&1 || packages+=(rustc)
fi
[[ " ${script_groups[*]} " == *" size "* ]] && packages+=(g++)
bare_require_packages "${packages[@]}"

start=$(date +%s)
build=${BARE_BENCH_BUILD_DIR:-$root/build/bench}
rows=$build/rows
logs=$build/logs
rm -rf "$rows"
mkdir -p "$rows" "$logs"

if [ ${#cpp_groups[@]} -gt 0 ]; then
  echo "bench: building ${cpp_groups[*]} (build/bench)" >&2
  cmake -S "$root/bench" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=g++ \
    >"$logs/configure.log" 2>&1 || { cat "$logs/configure.log" >&2; exit 1; }
  targets=()
  for g in "${cpp_groups[@]}"; do targets+=("bench_$g"); done
  cmake --build "$build" -j2 --target "${targets[@]}" >"$logs/build.log" 2>&1 ||
    { tail -50 "$logs/build.log" >&2; exit 1; }
  rustc --edition 2021 -C opt-level=3 -C codegen-units=1 -C panic=abort \
    "$root/bench/rust/main.rs" -o "$build/rust_bench" 2>"$logs/rustc.log" ||
    { cat "$logs/rustc.log" >&2; exit 1; }
fi

run_logged() {  # run_logged GROUP LOG CMD... : rows to rows/GROUP.jsonl, the rest to LOG
  local g=$1 log=$2
  shift 2
  if ! "$@" >>"$rows/$g.jsonl" 2>>"$log"; then
    echo "bench: $g: '$*' failed; the end of $log:" >&2
    tail -20 "$log" >&2
    exit 1
  fi
}

for g in "${groups[@]}"; do
  log=$logs/$g.log
  : >"$log"
  t0=$(date +%s)
  if [[ " ${script_groups[*]} " == *" $g "* ]]; then
    echo "bench: $g ..." >&2
    if [ $quick -eq 1 ]; then run_logged "$g" "$log" "$root/bench/groups/$g.sh" --quick
    else run_logged "$g" "$log" "$root/bench/groups/$g.sh"
    fi
  elif [[ " ${cpp_groups[*]} " == *" $g "* ]]; then
    echo "bench: $g ..." >&2
    run_logged "$g" "$log" "$build/bench_$g" --only=rows "--sizes=$all_sizes" "${run_args[@]}"
    if "$build/rust_bench" --list | grep -x "$g" >/dev/null; then
      # C++ and Rust size by size, so that the machine's load changes little between them.
      for n in "${sizes[@]}"; do
        run_logged "$g" "$log" "$build/bench_$g" --only=time "--sizes=$n" "${run_args[@]}"
        run_logged "$g" "$log" "$build/rust_bench" "$g" "--sizes=$n" "${run_args[@]}"
      done
    else  # (allocators: its workloads do not depend on the sizes)
      run_logged "$g" "$log" "$build/bench_$g" --only=time "--sizes=$all_sizes" "${run_args[@]}"
    fi
  else
    echo "bench: $g: no rows yet (collection not built)" >&2
    continue
  fi
  echo "bench: $g: $(wc -l <"$rows/$g.jsonl") rows in $(($(date +%s) - t0)) s (log: build/bench/logs/$g.log)" >&2
done

ran=("${cpp_groups[@]}" "${script_groups[@]}")
report=(python3 "$root/bench/report.py" --rows "$rows" --all "${all_groups[*]}" --ran "${ran[*]}"
  --empty "${empty_groups[*]}" --mode "$mode" --out "$root/bench/results")
[ $quick -eq 1 ] || report+=(--readme "$root/README.md")
"${report[@]}"
echo "bench: done in $(($(date +%s) - start)) s ($mode); see bench/results/latest.md" >&2
