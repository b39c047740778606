# shellcheck shell=bash
# tools/lib.sh: shell helpers shared by the project's scripts (bash). Source it:
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# bare_require_packages PKG...: install the Debian packages of the list that are not
# installed yet, with one `apt-get update && apt-get install`, and nothing if all are there.
# Uses sudo when not root. apt's output goes to stderr, so that a script's stdout stays
# its report. Returns non-zero if the installation fails.
bare_require_packages() {
    local pkg missing=()
    for pkg in "$@"; do
        # `dpkg -s` succeeds for removed packages that left their configuration behind too:
        # only "install ok installed" counts.
        if ! dpkg -s "$pkg" 2>/dev/null | grep -qx 'Status: install ok installed'; then
            missing+=("$pkg")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0

    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        sudo=(sudo)
    fi
    echo "bare: installing ${missing[*]}" >&2
    {
        "${sudo[@]}" apt-get update &&
            "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
                apt-get install -y --no-install-recommends "${missing[@]}"
    } >&2
}
