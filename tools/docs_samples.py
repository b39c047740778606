#!/usr/bin/env python3
"""tools/docs_samples.py: compile (and run) every C++ sample of the documentation.

Every fenced ```cpp block of docs/*.md is a sample. Its first lines may hold directives, as a
comment that stays visible in the rendered page:

    // sample: fragment          statements: compiled as the body of a function
    // sample: no-oom            uses only the try_ API: also compiled under
                                 BARE_NO_GLOBAL_OOM_HANDLING (the no-oom configurations)
    // sample: target cortex-m4  a program for targets/<name>: built with that toolchain file
                                 and run with targets/<name>/run.sh
    // sample: skip <reason>     not compiled (the reason is required; keep skips rare)

Several directives go on one line, separated by commas: `// sample: fragment, no-oom`.

How a sample is compiled (with the compiler and flags given on the command line):
  - a block with `int main(` is a program: its own translation unit, linked and run (exit
    status 0 required);
  - a block that must be alone in its unit (a preprocessor line other than #include,
    BARE_GLOBAL_ALLOCATOR / BARE_HASH_SEED, extern "C", an explicit specialisation) is
    compiled on its own with -c;
  - the other blocks of a page share one unit: each in its own namespace (a fragment as the
    body of a function), followed by a using-directive, so that a block sees the names the
    blocks above it declared; their #include lines are hoisted to the top. If the page has
    fragments, the unit is a program: a generated main calls the fragments in order, with a
    global allocator (malloc), a hash seed and a panic handler that prints the message (so a
    fragment checks its claims with BARE_ASSERT); it is linked with --gc-sections, so a
    declaration block may name functions it does not define, as long as no fragment calls
    them. Without fragments the unit is compiled with -c.
#line directives make the compiler's messages point at the Markdown file and line.

Commands:
  list --cmake OUT PAGE.md...   writes a CMake file that calls bare_doc_page(...) and
                                bare_doc_target(...) for each page / target sample (used by
                                tests/CMakeLists.txt at configure time)
  check [--mode oom|no-oom] --work DIR --cxx CXX [--flag F]... PAGE.md
                                compiles (and runs) the page's samples for that mode
  target --work DIR PAGE.md INDEX
                                builds sample INDEX for its target and runs it; exit status 77
                                (ctest's skip) when the target's tools are not installed
  show PAGE.md                  prints the samples and how each is compiled (for debugging)
"""

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SKIP_STATUS = 77

FENCE_OPEN = re.compile(r"^(\s*)```cpp\s*$")
FENCE_CLOSE = re.compile(r"^\s*```\s*$")
DIRECTIVE = re.compile(r"^\s*//\s*sample:\s*(.*?)\s*$")
INCLUDE = re.compile(r"^\s*#\s*include\b")
PREPROCESSOR = re.compile(r"^\s*#\s*[a-z]+")
MAIN = re.compile(r"\bint\s+main\s*\(")
ALONE = re.compile(r'BARE_GLOBAL_ALLOCATOR\s*\(|BARE_HASH_SEED\s*\(|extern\s+"C"|template\s*<\s*>|^\s*namespace\s+bare\b',
                   re.M)

# The tools a target sample needs, beyond cmake and ninja (compiler, then runner).
TARGET_TOOLS = {
    "cortex-m4": ["arm-none-eabi-g++", "arm-none-eabi-gcc", "qemu-system-arm"],
    "cortex-m0": ["arm-none-eabi-g++", "arm-none-eabi-gcc", "qemu-system-arm"],
    "rv32imac": ["riscv64-unknown-elf-g++", "riscv64-unknown-elf-gcc", "qemu-system-riscv32"],
    "wasm32": ["clang++-16", "clang-16", "wasm-ld-16", "node"],
    "x86_64-freestanding": ["g++", "gcc"],
}


class Sample:
    def __init__(self, page, index, line, text):
        self.page = page          # path of the Markdown file
        self.index = index        # 1-based among the page's cpp blocks
        self.line = line          # line of the first code line in the page (1-based)
        self.text = text          # the code, dedented, directive lines included
        self.fragment = False
        self.no_oom = False
        self.target = None
        self.skip = None
        self.errors = []
        self._parse_directives()

    def _parse_directives(self):
        for raw in self.text.splitlines():
            m = DIRECTIVE.match(raw)
            if not m:
                break
            for word in [w.strip() for w in m.group(1).split(",") if w.strip()]:
                if word == "fragment":
                    self.fragment = True
                elif word == "no-oom":
                    self.no_oom = True
                elif word.startswith("target"):
                    name = word[len("target"):].strip()
                    if name not in TARGET_TOOLS:
                        self.errors.append(f"unknown target '{name}' (one of {', '.join(sorted(TARGET_TOOLS))})")
                    self.target = name
                elif word.startswith("skip"):
                    reason = word[len("skip"):].strip()
                    if not reason:
                        self.errors.append("'skip' needs a reason")
                    self.skip = reason or "?"
                else:
                    self.errors.append(f"unknown directive '{word}'")
        if self.target and not self.is_program():
            self.errors.append("a target sample must be a program (int main)")
        if self.fragment and (self.is_program() or self.target):
            self.errors.append("a fragment cannot be a program")

    def where(self):
        return f"{os.path.relpath(self.page, ROOT)}:{self.line}"

    def is_program(self):
        return MAIN.search(self.text) is not None

    def is_alone(self):
        if self.is_program() or ALONE.search(self.text):
            return True
        return any(PREPROCESSOR.match(l) and not INCLUDE.match(l) for l in self.text.splitlines())

    def kind(self):
        if self.skip is not None:
            return "skip"
        if self.target:
            return "target"
        if self.is_program():
            return "program"
        if self.is_alone():
            return "alone"
        return "fragment" if self.fragment else "grouped"


def read_samples(page):
    samples, errors = [], []
    with open(page, encoding="utf-8") as f:
        lines = f.read().splitlines()
    i = 0
    while i < len(lines):
        m = FENCE_OPEN.match(lines[i])
        if not m:
            i += 1
            continue
        indent = len(m.group(1))
        start = i + 1
        j = start
        while j < len(lines) and not FENCE_CLOSE.match(lines[j]):
            j += 1
        if j == len(lines):
            errors.append(f"{page}:{i + 1}: unterminated ```cpp block")
            break
        body = [l[indent:] if l[:indent].strip() == "" else l for l in lines[start:j]]
        s = Sample(page, len(samples) + 1, start + 1, "\n".join(body) + "\n")
        errors += [f"{s.where()}: {e}" for e in s.errors]
        samples.append(s)
        i = j + 1
    return samples, errors


def line_directive(sample):
    return f'#line {sample.line} "{os.path.relpath(sample.page, ROOT)}"\n'


def alone_unit(sample):
    return f"// Generated by tools/docs_samples.py from {sample.where()}\n" + line_directive(sample) + sample.text


SUPPORT_INCLUDES = ["#include <bare/alloc/global.hpp>", "#include <bare/alloc/malloc.hpp>", "#include <bare/hash.hpp>", "#include <bare/panic.hpp>",
                    "#include <cstdio>", "#include <cstdlib>"]
SUPPORT = """#line 1 "docs_samples.py support"
namespace doc_support {
bare::malloc_allocator heap;
[[noreturn]] void on_panic(const char* msg, bare::source_loc where) {
  std::fprintf(stderr, "panic: %s at %s:%u\\n", msg, where.file != nullptr ? where.file : "?", where.line);
  std::abort();
}
}  // namespace doc_support
BARE_GLOBAL_ALLOCATOR(doc_support::heap);
BARE_HASH_SEED(0x5eed);
"""


def grouped_unit(samples):
    """The unit of the samples of a page that share one (see the top of this file)."""
    includes, bodies = [], []
    fragments = [s for s in samples if s.kind() == "fragment"]
    for s in samples:
        kept = []
        for l in s.text.splitlines():
            if INCLUDE.match(l):
                if l.strip() not in includes:
                    includes.append(l.strip())
                kept.append("")  # keep the line numbers
            else:
                kept.append(l)
        code = "\n".join(kept) + "\n"
        open_, close = f"namespace doc_sample_{s.index} {{\n", f"}}  // namespace doc_sample_{s.index}\n"
        if s.kind() == "fragment":
            open_ += "void doc_fragment() {\n"
            close = "}\n" + close
        bodies.append(open_ + line_directive(s) + code + close + f"using namespace doc_sample_{s.index};\n")
    if fragments:
        includes += [i for i in SUPPORT_INCLUDES if i not in includes]
    head = "// Generated by tools/docs_samples.py: the samples of one page that share a unit.\n"
    unit = head + "\n".join(includes) + "\nnamespace doc_page {\n" + "".join(bodies) + "}  // namespace doc_page\n"
    if fragments:
        calls = "".join(f"  doc_page::doc_sample_{s.index}::doc_fragment();\n" for s in fragments)
        unit += SUPPORT + "int main() {\n  bare::set_panic_handler(doc_support::on_panic);\n" + calls + "  return 0;\n}\n"
    return unit, bool(fragments)


def run(cmd, cwd=None, env=None):
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return p.returncode, p.stdout


def read_valid(page):
    """The page's samples, or None (the problems printed) if a directive is malformed."""
    samples, errors = read_samples(page)
    for e in errors:
        print(e)
    return None if errors else samples


def cmd_check(args):
    samples = read_valid(args.page)
    if samples is None:
        return 1
    os.makedirs(args.work, exist_ok=True)
    flags = ["-std=c++20", f"-I{os.path.join(ROOT, 'include')}"] + args.flag
    if args.mode == "no-oom":
        flags.append("-DBARE_NO_GLOBAL_OOM_HANDLING")
    chosen = [s for s in samples if s.kind() not in ("skip", "target") and (args.mode == "oom" or s.no_oom)]
    name = os.path.splitext(os.path.basename(args.page))[0]
    failures, units = 0, 0

    def compile_unit(label, source, program, extra=()):
        nonlocal failures, units
        units += 1
        src = os.path.join(args.work, f"{label}.cpp")
        with open(src, "w", encoding="utf-8") as f:
            f.write(source)
        out = os.path.join(args.work, label + ("" if program else ".o"))
        cmd = [args.cxx] + flags + list(extra) + ([src, "-o", out] if program else ["-c", src, "-o", out])
        status, text = run(cmd)
        if status != 0:
            failures += 1
            print(f"FAIL compile {label}: {shlex.join(cmd)}\n{text}")
            return
        if text.strip():
            print(text)
        if not program:
            print(f"ok   compile {label}")
            return
        status, text = run([out], cwd=args.work)
        if status != 0:
            failures += 1
            print(f"FAIL run {label}: exit status {status}\n{text}")
        else:
            print(f"ok   run {label}" + (f"\n{text.rstrip()}" if text.strip() else ""))

    shared = [s for s in chosen if s.kind() in ("grouped", "fragment")]
    if shared:
        unit, program = grouped_unit(shared)
        compile_unit(f"{name}.shared", unit, program, ["-ffunction-sections", "-Wl,--gc-sections"] if program else [])
    for s in chosen:
        if s.kind() in ("alone", "program"):
            compile_unit(f"{name}.{s.index}", alone_unit(s), s.kind() == "program")
    skipped = [s for s in samples if s.kind() == "skip"]
    for s in skipped:
        print(f"skip {s.where()}: {s.skip}")
    print(f"{name}: {len(chosen)} samples in {units} units ({args.mode}), {failures} failed, "
          f"{len(skipped)} skipped, {sum(1 for s in samples if s.kind() == 'target')} for targets")
    return 1 if failures else 0


def toolchain_compiler(target):
    with open(os.path.join(ROOT, "targets", target, "toolchain.cmake"), encoding="utf-8") as f:
        m = re.search(r"set\(BARE_TARGET_CXX_COMPILER\s+(\S+)\)", f.read())
    return m.group(1) if m else None


def cmd_target(args):
    samples = read_valid(args.page)
    if samples is None:
        return 1
    if not 1 <= args.index <= len(samples) or samples[args.index - 1].kind() != "target":
        print(f"{args.page}: sample {args.index} is not a target sample")
        return 1
    s = samples[args.index - 1]
    missing = [t for t in ["cmake", "ninja", toolchain_compiler(s.target)] + TARGET_TOOLS[s.target]
               if t and shutil.which(t) is None]
    if missing:
        print(f"skipped: {s.where()} needs {', '.join(missing)} (not installed)")
        return SKIP_STATUS
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    with open(os.path.join(work, "sample.cpp"), "w", encoding="utf-8") as f:
        f.write(alone_unit(s))
    with open(os.path.join(work, "CMakeLists.txt"), "w", encoding="utf-8") as f:
        f.write("cmake_minimum_required(VERSION 3.20)\n"
                "project(doc_sample LANGUAGES C CXX)\n"
                f'include("{ROOT}/targets/common/bare_target.cmake")\n'
                "bare_target_executable(sample SOURCES sample.cpp)\n")
    build = os.path.join(work, "build")
    shutil.rmtree(build, ignore_errors=True)  # a toolchain's flags are read into a new cache only
    for cmd in (["cmake", "-S", work, "-B", build, "-G", "Ninja",
                 f"-DCMAKE_TOOLCHAIN_FILE={ROOT}/targets/{s.target}/toolchain.cmake"],
                ["cmake", "--build", build]):
        status, text = run(cmd)
        if status != 0:
            print(f"FAIL {s.where()} ({s.target}): {shlex.join(cmd)}\n{text}")
            return 1
    image = next((os.path.join(build, n) for n in ("sample.elf", "sample.wasm") if os.path.exists(os.path.join(build, n))),
                 None)
    if image is None:
        print(f"FAIL {s.where()}: no image in {build}")
        return 1
    status, text = run([os.path.join(ROOT, "targets", s.target, "run.sh"), image])
    print(text.rstrip())
    if status != 0:
        print(f"FAIL {s.where()} on {s.target}: exit status {status}")
        return 1
    print(f"ok   {s.where()} built for {s.target} and run")
    return 0


def cmd_list(args):
    lines, problems = [], []
    for page in args.pages:
        samples, errors = read_samples(page)
        problems += errors
        oom = sum(1 for s in samples if s.kind() not in ("skip", "target"))
        no_oom = sum(1 for s in samples if s.kind() not in ("skip", "target") and s.no_oom)
        lines.append(f'bare_doc_page("{page}" {oom} {no_oom})')
        lines += [f'bare_doc_target("{page}" {s.index} {s.target})' for s in samples if s.kind() == "target"]
    for p in problems:
        print(p, file=sys.stderr)
    with open(args.cmake, "w", encoding="utf-8") as f:
        f.write("# Generated by tools/docs_samples.py list: one call per page and per target sample.\n")
        f.write("\n".join(lines) + "\n")
    return 1 if problems else 0


def cmd_show(args):
    samples, errors = read_samples(args.page)
    for s in samples:
        extra = (" no-oom" if s.no_oom else "") + (f" target={s.target}" if s.target else "") + \
                (f" skip=({s.skip})" if s.skip is not None else "")
        print(f"{s.where()}: sample {s.index}: {s.kind()}{extra}")
    for e in errors:
        print(e)
    return 1 if errors else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("list")
    p.add_argument("--cmake", required=True)
    p.add_argument("pages", nargs="+")
    p.set_defaults(fn=cmd_list)
    p = sub.add_parser("check")
    p.add_argument("--mode", choices=("oom", "no-oom"), default="oom")
    p.add_argument("--work", required=True)
    p.add_argument("--cxx", required=True)
    p.add_argument("--flag", action="append", default=[])
    p.add_argument("page")
    p.set_defaults(fn=cmd_check)
    p = sub.add_parser("target")
    p.add_argument("--work", required=True)
    p.add_argument("page")
    p.add_argument("index", type=int)
    p.set_defaults(fn=cmd_target)
    p = sub.add_parser("show")
    p.add_argument("page")
    p.set_defaults(fn=cmd_show)
    args = ap.parse_args()
    return args.fn(args)


if __name__ == "__main__":
    sys.exit(main())
