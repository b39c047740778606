#!/usr/bin/env bash
# run.sh <image>: run an x86_64-freestanding image natively; it writes to stdout itself and
# its exit status is ours (124 on timeout, BARE_RUN_TIMEOUT seconds, default 60).
set -euo pipefail
if [ $# -ne 1 ] || [ ! -f "$1" ]; then
    echo "usage: $0 <image>" >&2
    exit 2
fi
image=$1
case $image in */*) ;; *) image=./$image ;; esac
exec timeout -k 5 "${BARE_RUN_TIMEOUT:-60}" "$image" </dev/null
