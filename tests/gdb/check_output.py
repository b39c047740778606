#!/usr/bin/env python3
"""check_output.py EXPECTED ACTUAL [--update]: compare what gdb printed (ACTUAL, the whole
batch output of tests/gdb/prints.gdb) with EXPECTED, exactly, line by line.

Only the lines between "---- begin" and "---- end" are compared (before them come gdb's
breakpoint and frame lines, which hold paths and addresses). One normalisation, for a
difference that gdb itself makes and no printer can undo: g++ names a class's vtable pointer
`_vptr.X` and clang `_vptr$X`; both are compared as `_vptr.X`.

Fails (exit status 1, with a unified diff) if the text differs, if a marker is missing, or if
gdb reported a Python exception anywhere (a printer must never raise). With --update, writes
ACTUAL's section to EXPECTED instead (for a deliberate change of the printers' output).
"""
import difflib
import re
import sys


def section(text):
    lines = text.splitlines()
    try:
        first = lines.index("---- begin")
        last = lines.index("---- end")
    except ValueError:
        return None
    return [re.sub(r"_vptr\$", "_vptr.", line) for line in lines[first : last + 1]]


def main(argv):
    if len(argv) not in (3, 4) or (len(argv) == 4 and argv[3] != "--update"):
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    expected_path, actual_path = argv[1], argv[2]
    with open(actual_path, encoding="utf-8", errors="replace") as f:
        actual_text = f.read()
    problems = []
    if "Python Exception" in actual_text or "Traceback (most recent call last)" in actual_text:
        problems.append("gdb reported a Python exception")
    actual = section(actual_text)
    if actual is None:
        problems.append("the output has no '---- begin' / '---- end' section")
    if len(argv) == 4 and actual is not None and not problems:
        with open(expected_path, "w", encoding="utf-8") as f:
            f.write("\n".join(actual) + "\n")
        print("updated %s (%d lines)" % (expected_path, len(actual)))
        return 0
    with open(expected_path, encoding="utf-8") as f:
        expected = f.read().splitlines()
    if actual is not None and actual != expected:
        diff = difflib.unified_diff(expected, actual, expected_path, actual_path, lineterm="")
        problems.append("the printed text differs:\n" + "\n".join(diff))
    if problems:
        for p in problems:
            print("FAIL: " + p)
        if actual is None:
            print("---- last lines of %s:" % actual_path)
            print("\n".join(actual_text.splitlines()[-30:]))
        return 1
    print("ok: %d lines as expected (%s)" % (len(expected), expected_path))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
