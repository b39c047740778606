#!/usr/bin/env bash
# run.sh <image.wasm>: run a wasm32 image in node (run.mjs); output to stdout, exit status of
# the program (1 on a trap, 124 on timeout: BARE_RUN_TIMEOUT seconds, default 60).
set -euo pipefail
if [ $# -ne 1 ] || [ ! -f "$1" ]; then
    echo "usage: $0 <image.wasm>" >&2
    exit 2
fi
exec timeout -k 5 "${BARE_RUN_TIMEOUT:-60}" node "$(dirname "$0")/run.mjs" "$1" </dev/null
