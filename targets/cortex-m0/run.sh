#!/usr/bin/env bash
# run.sh <image>: run a cortex-m0 image on QEMU's microbit board (nRF51: 256 KiB flash,
# 16 KiB RAM); output to stdout, exit status of the program (124 on timeout). See
# targets/common/run_qemu.sh.
if [ $# -ne 1 ]; then echo "usage: $0 <image>" >&2; exit 2; fi
exec "$(dirname "$0")/../common/run_qemu.sh" "$1" qemu-system-arm -M microbit
