#!/usr/bin/env bash
# run_qemu.sh <image> <qemu-system-binary> <qemu-option>...: run a bare semihosting image in QEMU
# system emulation, with the semihosting console on stdout and the program's exit status as
# ours. Used by targets/<name>/run.sh. BARE_RUN_TIMEOUT (seconds, default 60) bounds the run:
# a fault with no handler, or a hang, ends with status 124.
set -euo pipefail
if [ $# -lt 2 ]; then
    echo "usage: $0 <image> <qemu-system-binary> <qemu-option>..." >&2
    exit 2
fi
image=$1 qemu=$2
shift 2
if [ ! -f "$image" ]; then
    echo "$0: no such image: $image" >&2
    exit 2
fi
# No display, monitor or serial port; semihosting output (SYS_WRITE0) to the stdio chardev.
exec timeout -k 5 "${BARE_RUN_TIMEOUT:-60}" "$qemu" "$@" \
    -display none -monitor none -serial null \
    -semihosting-config enable=on,target=native,chardev=bare_stdout \
    -chardev stdio,id=bare_stdout,signal=off \
    -kernel "$image" </dev/null
