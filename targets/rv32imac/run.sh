#!/usr/bin/env bash
# run.sh <image>: run a rv32imac image on QEMU's virt board in machine mode, no firmware
# (-bios none: the image starts at 0x80000000); output to stdout, exit status of the
# program (124 on timeout). See targets/common/run_qemu.sh.
if [ $# -ne 1 ]; then echo "usage: $0 <image>" >&2; exit 2; fi
exec "$(dirname "$0")/../common/run_qemu.sh" "$1" qemu-system-riscv32 -M virt -bios none
