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
    // sample: file NAME         a program that is also the file NAME of the page's project
                                 (below); compiled as usual as well

Several directives go on one line, separated by commas: `// sample: fragment, no-oom`.

Every other fenced block (```sh, ```cmake, ```ld, ```js, ...) is checked too: the line right
before its fence is an HTML comment (Doxygen does not render it) that says how, e.g.
`<!-- sample: excerpt-of targets/common/cortex_m.ld -->`. A block without one fails the
docs.excerpts test. Directives, separated by commas:

    excerpt-of PATH    the block is a verbatim excerpt of PATH (a file of this repository that
                       the suite builds or runs): its lines, stripped of leading and trailing
                       blanks, occur in PATH as consecutive lines, stripped alike (docs.excerpts)
    file NAME          the block is the file NAME of the page's project
    run                a shell block: run with bash -e in the page's project directory, after
                       every file of the project is written; `<bare>` stands for this
                       repository. A compiler warning fails it, as an error does
    image NAME         (with `run`, or with `file CMakeLists.txt`) the program that step builds:
                       run with the target's runner (targets/<name>/run.sh; a host program
                       directly), exit status 0 required; an ELF image for a bare-metal target
                       must have no undefined symbol (nm -u prints nothing)
    node IMAGE         a JavaScript block: run by node as an ES module in which `bytes` holds
                       the contents of IMAGE (built by an earlier step); exit status 0 required
    expect TEXT        (with `node`) what the block must print (stripped; TEXT has no comma)

The page's project (docs.project.<page>, one ctest test per page that has such blocks) is a
directory holding the `file` blocks and the `file` program of the page (whose `target`
directive, if any, names the target; else the host), plus the target's test runtime under
the names the page's commands use (RUNTIME below: start-up code, memory functions, linker
script). Its steps run in page order: a `file CMakeLists.txt` block is configured against
bare installed into a scratch prefix (cmake --install: find_package(bare) as a user's
project does it), with the project's `toolchain.cmake` file if it has one, and built; a
`run` block runs; a `node` block runs. Headers of the test runtime (port.h) are found through
CPATH=targets/common, as a user's would be in their own tree.

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
  list --cmake OUT PAGE.md...   writes a CMake file that calls bare_doc_page(...),
                                bare_doc_target(...) and bare_doc_project(...) for each page /
                                target sample / page with a project (used by
                                tests/CMakeLists.txt at configure time)
  check [--mode oom|no-oom] --work DIR --cxx CXX [--flag F]... PAGE.md
                                compiles (and runs) the page's samples for that mode
  target --work DIR PAGE.md INDEX
                                builds sample INDEX for its target and runs it; exit status 77
                                (ctest's skip) when the target's tools are not installed
  excerpts PAGE.md...           checks the directives of the other blocks and every excerpt-of
  project --work DIR [--cxx CXX] PAGE.md
                                assembles the page's project and runs its steps (above); exit
                                status 77 when the tools it needs are not installed
  show PAGE.md                  prints the samples and blocks and how each is checked
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

FENCE_ANY = re.compile(r"^(\s*)```\s*([A-Za-z0-9_+.-]*)\s*$")
FENCE_CLOSE = re.compile(r"^\s*```\s*$")
DIRECTIVE = re.compile(r"^\s*//\s*sample:\s*(.*?)\s*$")
INCLUDE = re.compile(r"^\s*#\s*include\b")
PREPROCESSOR = re.compile(r"^\s*#\s*[a-z]+")
MAIN = re.compile(r"\bint\s+main\s*\(")
FILE_NAME = re.compile(r"^[A-Za-z0-9_.+-]+$")
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
        self.file = None
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
                elif word.startswith("file"):
                    self.file = word[len("file"):].strip()
                    if not FILE_NAME.match(self.file):
                        self.errors.append(f"'file' needs a plain file name, not '{self.file}'")
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
        if self.file is not None and not self.is_program():
            self.errors.append("a 'file' sample must be a program (int main)")

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


def fenced_blocks(page):
    """The page's fenced blocks: (language, 0-based index of the fence line, the dedented body
    lines), and the problems (an unterminated block)."""
    blocks, errors = [], []
    with open(page, encoding="utf-8") as f:
        lines = f.read().splitlines()
    i = 0
    while i < len(lines):
        m = FENCE_ANY.match(lines[i])
        if not m:
            i += 1
            continue
        indent, lang = len(m.group(1)), m.group(2)
        j = i + 1
        while j < len(lines) and not FENCE_CLOSE.match(lines[j]):
            j += 1
        if j == len(lines):
            errors.append(f"{page}:{i + 1}: unterminated ```{lang} block")
            break
        body = [l[indent:] if l[:indent].strip() == "" else l for l in lines[i + 1:j]]
        blocks.append((lang, i, body, lines[i - 1] if i > 0 else ""))
        i = j + 1
    return blocks, errors


def read_samples(page):
    samples = []
    blocks, errors = fenced_blocks(page)
    for lang, i, body, _ in blocks:
        if lang != "cpp":
            continue
        s = Sample(page, len(samples) + 1, i + 2, "\n".join(body) + "\n")
        errors += [f"{s.where()}: {e}" for e in s.errors]
        samples.append(s)
    return samples, errors


# ---- the other blocks: excerpts and the page's project ------------------------------------

BLOCK_DIRECTIVE = re.compile(r"^\s*<!--\s*sample:\s*(.*?)\s*-->\s*$")


class Block:
    """A fenced block of another language than C++, and how its directive says to check it."""

    def __init__(self, page, lang, line, text, directive):
        self.page = page
        self.lang = lang          # the fence's language (sh, cmake, ld, js, ...)
        self.line = line          # line of the first code line in the page (1-based)
        self.text = text          # the code, dedented
        self.excerpt_of = None
        self.file = None
        self.run = False
        self.image = None
        self.node = None
        self.expect = None
        self.errors = []
        if directive is None:
            self.errors.append(f"a ```{lang or '(plain)'} block needs a `<!-- sample: ... -->` line right before its "
                               "fence (excerpt-of PATH, file NAME, run, image NAME, node IMAGE, expect TEXT)")
            return
        for word in [w.strip() for w in directive.split(",") if w.strip()]:
            key, _, arg = word.partition(" ")
            arg = arg.strip()
            if key == "excerpt-of" and arg:
                self.excerpt_of = arg
                if not os.path.isfile(os.path.join(ROOT, arg)):
                    self.errors.append(f"excerpt-of: no file {arg} in the repository")
            elif key in ("file", "image", "node") and FILE_NAME.match(arg):
                setattr(self, key, arg)
            elif key == "run" and not arg:
                self.run = True
            elif key == "expect" and arg:
                self.expect = arg
            else:
                self.errors.append(f"unknown or malformed directive '{word}'")
        kinds = sum(1 for k in (self.excerpt_of, self.file, self.node) if k) + self.run
        if kinds != 1:
            self.errors.append("say exactly one of excerpt-of, file, run, node")
        if self.image and not (self.run or self.file == "CMakeLists.txt"):
            self.errors.append("'image' goes with 'run' or 'file CMakeLists.txt'")
        if self.expect and not self.node:
            self.errors.append("'expect' goes with 'node'")

    def where(self):
        return f"{os.path.relpath(self.page, ROOT)}:{self.line}"

    def in_project(self):
        return bool(self.file or self.run or self.node)

    def describe(self):
        if self.excerpt_of:
            return f"excerpt of {self.excerpt_of}"
        if self.file:
            return f"project file {self.file}" + (f", then runs {self.image}" if self.image else "")
        if self.run:
            return "run in the project" + (f", then runs {self.image}" if self.image else "")
        return f"node with {self.node}" + (f", expecting '{self.expect}'" if self.expect else "")


def read_blocks(page):
    """The page's fenced blocks that are not C++, and the problems with their directives."""
    blocks = []
    fenced, errors = fenced_blocks(page)
    for lang, i, body, before in fenced:
        if lang == "cpp":
            continue
        d = BLOCK_DIRECTIVE.match(before)
        b = Block(page, lang, i + 2, "\n".join(body) + "\n", d.group(1) if d else None)
        errors += [f"{b.where()}: {e}" for e in b.errors]
        blocks.append(b)
    return blocks, errors


def stripped_lines(text):
    lines = [l.strip() for l in text.splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def is_excerpt(text, path):
    """Whether the lines of text occur in the file at path as consecutive lines (each line
    compared without its leading and trailing blanks)."""
    want = stripped_lines(text)
    with open(path, encoding="utf-8") as f:
        have = [l.strip() for l in f.read().splitlines()]
    return bool(want) and any(have[k:k + len(want)] == want for k in range(len(have) - len(want) + 1))


def cmd_excerpts(args):
    failures, counts = 0, {"excerpt": 0, "project": 0}
    for page in args.pages:
        blocks, errors = read_blocks(page)
        samples, sample_errors = read_samples(page)
        for e in errors + sample_errors:
            print(f"FAIL {e}")
        failures += len(errors) + len(sample_errors)
        for b in blocks:
            if b.errors:
                continue
            if b.excerpt_of:
                counts["excerpt"] += 1
                if is_excerpt(b.text, os.path.join(ROOT, b.excerpt_of)):
                    print(f"ok   {b.where()}: the ```{b.lang} block is in {b.excerpt_of}")
                else:
                    failures += 1
                    print(f"FAIL {b.where()}: the ```{b.lang} block is not an excerpt of {b.excerpt_of} "
                          "(its lines, in order, without leading blanks)")
            else:
                counts["project"] += 1
        programs = [s for s in samples if s.file]
        if any(b.in_project() for b in blocks) and not programs and not any(b.file for b in blocks):
            failures += 1
            print(f"FAIL {page}: project blocks but no project file")
        if len({s.target for s in programs}) > 1:
            failures += 1
            print(f"FAIL {page}: the 'file' programs of a page are for one target")
    print(f"excerpts: {counts['excerpt']} excerpts checked, {counts['project']} blocks checked by "
          f"docs.project.*, {failures} problems")
    return 1 if failures else 0


# The test runtime of a target (targets/), under the names a getting-started page's commands
# use. Each entry: file name -> ("wrap", [paths]) a file that #includes those files of the
# repository, ("ld", path) a linker script with its INCLUDEs made absolute, or ("cc", source)
# an object compiled from another runtime file with the target's C compiler.
RUNTIME = {
    "cortex-m4": {
        "startup.c": ("wrap", ["targets/common/cortex_m_startup.c", "targets/common/crt.c",
                               "targets/common/semihost.c"]),
        "mem.c": ("wrap", ["targets/common/mem.c"]),
        "link.ld": ("ld", "targets/cortex-m4/link.ld"),
        "startup.o": ("cc", "startup.c"),
        "mem.o": ("cc", "mem.c"),
    },
    "wasm32": {"mem.c": ("wrap", ["targets/common/mem.c"])},
    "x86_64-freestanding": {},
    "host": {},
}
# Appended to the page's program: the rest of the test runtime it writes through, where the
# page's commands name no file for it.
PROGRAM_TAIL = {"wasm32": ["targets/wasm32/port.cpp"]}
# The nm of the ELF targets whose images must link nothing from outside.
TARGET_NM = {"cortex-m4": "arm-none-eabi-nm", "cortex-m0": "arm-none-eabi-nm", "rv32imac": "riscv64-unknown-elf-nm"}


def toolchain_var(target, name):
    with open(os.path.join(ROOT, "targets", target, "toolchain.cmake"), encoding="utf-8") as f:
        m = re.search(r'set\(' + name + r'\s+"?([^")]*)"?\)', f.read())
    return m.group(1) if m else None


def include_lines(paths):
    return "".join(f'#include "{os.path.join(ROOT, p)}"\n' for p in paths)


def write_runtime(target, proj, env):
    """Writes the target's runtime files into proj; returns an error message or None."""
    for name, (kind, what) in RUNTIME.get(target, {}).items():
        out = os.path.join(proj, name)
        if kind == "wrap":
            text = "/* Generated by tools/docs_samples.py: the test runtime of targets/. */\n" + include_lines(what)
        elif kind == "ld":
            with open(os.path.join(ROOT, what), encoding="utf-8") as f:
                text = re.sub(r"^INCLUDE\s+(\S+)", lambda m: f'INCLUDE "{os.path.join(ROOT, "targets/common", m.group(1))}"',
                              f.read(), flags=re.M)
        else:
            cc = toolchain_var(target, "BARE_TARGET_C_COMPILER")
            arch = (toolchain_var(target, "BARE_TARGET_ARCH_FLAGS") or "").split()
            cmd = [cc] + arch + ["-std=c11", "-ffreestanding", "-fno-builtin", "-Os", "-ffunction-sections", "-fdata-sections"]
            if "gcc" in os.path.basename(cc):
                cmd.append("-fno-tree-loop-distribute-patterns")
            status, text = run(cmd + ["-c", os.path.join(proj, what), "-o", out], env=env)
            if status != 0:
                return f"{shlex.join(cmd)}:\n{text}"
            continue
        with open(out, "w", encoding="utf-8") as f:
            f.write(text)
    return None


def run_image(target, image, env):
    """Runs a program a project step built; returns an error message or None."""
    if not os.path.exists(image):
        return f"the step built no {os.path.relpath(image)}"
    nm = TARGET_NM.get(target)
    if nm:
        status, text = run([nm, "-u", image], env=env)
        if status != 0 or text.strip():
            return f"{nm} -u {image}: undefined symbols (the image must link nothing from outside):\n{text}"
    cmd = [image] if target == "host" else [os.path.join(ROOT, "targets", target, "run.sh"), image]
    status, text = run(cmd, env=env)
    print(text.rstrip())
    return None if status == 0 else f"{shlex.join(cmd)}: exit status {status}"


def cmd_project(args):
    samples = read_valid(args.page)
    if samples is None:
        return 1
    blocks, errors = read_blocks(args.page)
    for e in errors:
        print(e)
    if errors:
        return 1
    programs = [s for s in samples if s.file]
    target = next((s.target for s in programs if s.target), None) or "host"
    steps = [b for b in blocks if b.in_project()]
    cmake = any(b.file == "CMakeLists.txt" for b in steps)
    tools = list(TARGET_TOOLS.get(target, []))
    if target != "host":
        tools.append(toolchain_var(target, "BARE_TARGET_C_COMPILER"))
    tools += (["cmake", "ninja"] if cmake else []) + (["node"] if any(b.node for b in steps) else [])
    tools += [TARGET_NM[target]] if target in TARGET_NM else []
    missing = sorted({t for t in tools if t and shutil.which(t) is None})
    if missing:
        print(f"skipped: {args.page}'s project needs {', '.join(missing)} (not installed)")
        return SKIP_STATUS

    work = os.path.abspath(args.work)
    shutil.rmtree(work, ignore_errors=True)
    proj = os.path.join(work, "project")
    os.makedirs(proj)
    env = dict(os.environ, CPATH=os.path.join(ROOT, "targets", "common"))

    def fail(where, message):
        print(f"FAIL {where}: {message}")
        return 1

    problem = write_runtime(target, proj, env)
    if problem:
        return fail(args.page, f"the test runtime: {problem}")
    for s in programs:
        with open(os.path.join(proj, s.file), "w", encoding="utf-8") as f:
            f.write(line_directive(s) + s.text + include_lines(PROGRAM_TAIL.get(target, [])))
    for b in steps:
        if b.file:
            with open(os.path.join(proj, b.file), "w", encoding="utf-8") as f:
                f.write(b.text)

    for n, b in enumerate(steps):
        built = None
        if b.run:
            script = os.path.join(work, f"step{n}.sh")
            with open(script, "w", encoding="utf-8") as f:
                f.write(b.text.replace("<bare>", ROOT))
            status, text = run(["bash", "-e", "-x", "-o", "pipefail", script], cwd=proj, env=env)
            print(text.rstrip())
            if status != 0:
                return fail(b.where(), f"the ```{b.lang} block failed (exit status {status})")
            if re.search(r"\bwarning:", text):
                return fail(b.where(), f"the ```{b.lang} block's commands warn (see above)")
            built = os.path.join(proj, b.image) if b.image else None
        elif b.file == "CMakeLists.txt":
            prefix, build = os.path.join(work, "prefix"), os.path.join(proj, "build")
            configure = ["cmake", "-S", proj, "-B", build, "-G", "Ninja", f"-DCMAKE_PREFIX_PATH={prefix}"]
            if os.path.exists(os.path.join(proj, "toolchain.cmake")):
                configure.append(f"-DCMAKE_TOOLCHAIN_FILE={os.path.join(proj, 'toolchain.cmake')}")
            elif target == "host" and args.cxx:
                configure.append(f"-DCMAKE_CXX_COMPILER={args.cxx}")
            for cmd in (["cmake", "-S", ROOT, "-B", os.path.join(work, "bare-build"), "-G", "Ninja",
                         "-DBARE_BUILD_TESTS=OFF", "-DBARE_BUILD_EXAMPLES=OFF"],
                        ["cmake", "--install", os.path.join(work, "bare-build"), "--prefix", prefix],
                        configure, ["cmake", "--build", build]):
                status, text = run(cmd, env=env)
                if status != 0:
                    return fail(b.where(), f"{shlex.join(cmd)}\n{text}")
            print(f"ok   {b.where()}: the project configured against the installed bare and built")
            built = os.path.join(build, b.image) if b.image else None
        elif b.node:
            driver = os.path.join(work, f"step{n}.mjs")
            with open(driver, "w", encoding="utf-8") as f:
                f.write("import { readFile } from 'node:fs/promises';\n"
                        "const bytes = await readFile(process.argv[2]);\n" + b.text)
            status, text = run(["node", driver, os.path.join(proj, b.node)], cwd=proj, env=env)
            print(text.rstrip())
            if status != 0:
                return fail(b.where(), f"the ```{b.lang} block failed in node (exit status {status})")
            if b.expect is not None and text.strip() != b.expect:
                return fail(b.where(), f"the ```{b.lang} block printed '{text.strip()}', not '{b.expect}'")
        if built:
            problem = run_image(target, built, env)
            if problem:
                return fail(b.where(), problem)
            print(f"ok   {b.where()}: {os.path.relpath(built, proj)} ran on {target}")
        elif not b.file:
            print(f"ok   {b.where()}: the ```{b.lang} block ran")
    print(f"ok   {os.path.relpath(args.page, ROOT)}: {len(steps)} blocks of its project ({target}) checked")
    return 0


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
    return toolchain_var(target, "BARE_TARGET_CXX_COMPILER")


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
        blocks, errors = read_blocks(page)  # (their problems fail docs.excerpts, not the configuration)
        if any(b.in_project() for b in blocks):
            lines.append(f'bare_doc_project("{page}")')
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
        extra += f" file={s.file}" if s.file else ""
        print(f"{s.where()}: sample {s.index}: {s.kind()}{extra}")
    blocks, block_errors = read_blocks(args.page)
    for b in blocks:
        if not b.errors:
            print(f"{b.where()}: ```{b.lang} block: {b.describe()}")
    for e in errors + block_errors:
        print(e)
    return 1 if errors or block_errors else 0


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
    p = sub.add_parser("excerpts")
    p.add_argument("pages", nargs="+")
    p.set_defaults(fn=cmd_excerpts)
    p = sub.add_parser("project")
    p.add_argument("--work", required=True)
    p.add_argument("--cxx")
    p.add_argument("page")
    p.set_defaults(fn=cmd_project)
    p = sub.add_parser("show")
    p.add_argument("page")
    p.set_defaults(fn=cmd_show)
    args = ap.parse_args()
    return args.fn(args)


if __name__ == "__main__":
    sys.exit(main())
