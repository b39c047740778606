#!/usr/bin/env python3
"""browser_test.py SITE_DIR: load the wasm example's web page in headless Chromium and read
the result off the page.

SITE_DIR holds index.html, page.mjs, exercise.mjs and wasm_example.wasm (the build puts them
in <build>/web/, see CMakeLists.txt). The directory is served over HTTP on 127.0.0.1 (a
module script and fetch() need http://, not file://), Chromium (Debian's `chromium`) loads
the page with --dump-dom, and the text of the element #result is printed, followed by the
module's own output (#output). Exit status 0 iff #result has data-status="ok".

Environment: BARE_CHROMIUM (default: chromium), BARE_BROWSER_TIMEOUT (seconds, default 90).
"""
import functools
import html.parser
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".wasm": "application/wasm"}

    def log_message(self, *args):  # no access log on stderr
        pass


class _Extract(html.parser.HTMLParser):
    """Collects the text and attributes of the elements with id result and output."""

    def __init__(self):
        super().__init__()
        self.found = {}
        self._current = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id") in ("result", "output"):
            self._current = attrs["id"]
            self.found[self._current] = {"attrs": attrs, "text": ""}

    def handle_endtag(self, tag):
        if tag in ("p", "pre"):
            self._current = None

    def handle_data(self, data):
        if self._current:
            self.found[self._current]["text"] += data


def main():
    if len(sys.argv) != 2 or not os.path.isfile(os.path.join(sys.argv[1], "index.html")):
        print("usage: browser_test.py SITE_DIR (with index.html)", file=sys.stderr)
        return 2
    chromium = os.environ.get("BARE_CHROMIUM", "chromium")
    if shutil.which(chromium) is None:
        print(f"browser_test: {chromium} not found (Debian package: chromium)", file=sys.stderr)
        return 2
    handler = functools.partial(_Quiet, directory=os.path.abspath(sys.argv[1]))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
    try:
        with tempfile.TemporaryDirectory(prefix="bare-chromium-") as profile:
            # --no-sandbox: the sandbox needs user namespaces, which containers (and root) lack.
            # --virtual-time-budget: --dump-dom waits until the page's tasks (the fetch, the
            # module's instantiation) have run, up to 10 s of virtual time.
            cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                   "--no-first-run", f"--user-data-dir={profile}", "--virtual-time-budget=10000",
                   "--dump-dom", url]
            run = subprocess.run(cmd, capture_output=True, text=True,
                                 timeout=float(os.environ.get("BARE_BROWSER_TIMEOUT", "90")))
    except subprocess.TimeoutExpired:
        print("browser_test: chromium timed out", file=sys.stderr)
        return 1
    finally:
        server.shutdown()
    page = _Extract()
    page.feed(run.stdout)
    result = page.found.get("result")
    if run.returncode != 0 or result is None:
        print(f"browser_test: chromium exited with {run.returncode}; no #result in the page", file=sys.stderr)
        print(run.stderr[-3000:], file=sys.stderr)
        return 1
    print(result["text"].strip())
    if "output" in page.found:
        sys.stdout.write(page.found["output"]["text"])
    status = result["attrs"].get("data-status")
    if status != "ok":
        print(f"browser_test: #result has data-status={status!r}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
