#!/usr/bin/env bash
# tools/docs.sh: builds the documentation (docs/*.md and the public headers) with Doxygen into
# build/docs/html (open build/docs/html/index.html). Installs doxygen first if it is missing.
#
# Fails (exit status 1) if Doxygen warns about a page of docs/, if a page is missing from
# docs/Doxyfile's INPUT, if a BARE_ macro of include/bare is not on docs/configuration.md, or
# if a page links to an anchor of another page (page.md#anchor: Doxygen leaves such links
# unresolved without a warning; link to the page). Warnings about the headers (constructs its
# parser does not follow) are counted and kept in build/docs/warnings.log, not fatal.
#
# The C++ samples of the pages are compiled by the test suite (ctest -L docs; see
# tools/docs_samples.py), not here; so are the other fenced blocks (shell commands, CMake
# files, linker-script excerpts, JavaScript), each marked with a `<!-- sample: ... -->` line
# that Doxygen does not render.
set -uo pipefail

tools_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$tools_dir/.." && pwd)
. "$tools_dir/lib.sh"
cd "$root" || exit 2

bare_require_packages doxygen || { echo "docs: cannot install doxygen" >&2; exit 1; }

out=$root/build/docs
rm -rf "$out"
mkdir -p "$out"
status=0

# Every page is in the Doxyfile (a page left out would not be built, silently).
for page in docs/*.md; do
  if ! grep -qE "^[[:space:]]*(INPUT[[:space:]]*=[[:space:]]*)?$page([[:space:]]|$)" docs/Doxyfile; then
    echo "docs: $page is not listed in docs/Doxyfile's INPUT" >&2
    status=1
  fi
done

# Every BARE_ macro of the headers is documented on the configuration page.
undocumented=$(grep -rhoE '\bBARE_[A-Z0-9_]+' include/bare | sort -u |
  while read -r macro; do grep -qw -- "$macro" docs/configuration.md || echo "$macro"; done)
if [ -n "$undocumented" ]; then
  echo "docs: macros of include/bare missing from docs/configuration.md: ${undocumented//$'\n'/ }" >&2
  status=1
fi

# Links to an anchor of another page are not resolved by Doxygen.
if grep -nE '\]\([A-Za-z0-9_.-]+\.md#' docs/*.md >&2; then
  echo "docs: the links above point into another page (page.md#anchor); link to the page" >&2
  status=1
fi

# OUTPUT_DIRECTORY and WARN_LOGFILE for this run; the rest from docs/Doxyfile.
{
  cat docs/Doxyfile
  echo "OUTPUT_DIRECTORY = $out"
  echo "WARN_LOGFILE = $out/warnings.log"
} | doxygen - >"$out/doxygen.log" 2>&1
doxygen_status=$?
if [ $doxygen_status -ne 0 ]; then
  echo "docs: doxygen failed (status $doxygen_status); see $out/doxygen.log" >&2
  tail -n 20 "$out/doxygen.log" >&2
  exit 1
fi

touch "$out/warnings.log"
# Doxygen names the file of each warning by its full path.
page_warnings=$(grep -E "^$root/docs/[^:]+\.md:" "$out/warnings.log")
header_warnings=$(grep -cv -E "^$root/docs/[^:]+\.md:" "$out/warnings.log")
if [ -n "$page_warnings" ]; then
  echo "docs: Doxygen warnings about the pages:" >&2
  echo "${page_warnings//"$root/"/}" >&2
  status=1
fi
if [ ! -f "$out/html/index.html" ]; then
  echo "docs: no $out/html/index.html" >&2
  status=1
fi

pages=$(find docs -maxdepth 1 -name '*.md' | wc -l)
echo "docs: $pages pages and the headers -> ${out#"$root"/}/html/index.html" \
  "($header_warnings warnings about headers, see ${out#"$root"/}/warnings.log)"
if [ $status -ne 0 ]; then
  echo "docs: FAILED" >&2
fi
exit $status
