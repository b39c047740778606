// bare/gdb.hpp — makes gdb load bare's pretty-printers (tools/gdb/bare_printers.py) by itself
// when it opens the program: `print v` then shows a bare::vec's elements, a btree_map's pairs
// in order, an rc's value and counts, as gdb shows std containers.
//
// Include this header in one source file of the program (more is harmless: the entries are
// identical and the linker merges them). It adds no code and no data to the image: only an
// entry of the non-allocated ELF section .debug_gdb_scripts (the "inline script" form, kind 4,
// of gdb's manual, section "The .debug_gdb_scripts section"), which gdb runs when auto-loading
// is allowed for the program's file:
//
//   add-auto-load-safe-path /path/to/program        (in ~/.gdbinit; or: set auto-load safe-path /)
//
// The entry is a small loader, not the printers themselves: it looks for bare_printers.py
//   1. at BARE_GDB_PRINTERS_PATH, if the program defines it (a string literal, before the
//      include: the absolute path of the file on the machine that runs gdb);
//   2. beside this header as it was found at compile time: <dir>/../../tools/gdb/ (a source
//      checkout) and <dir>/../../share/bare/gdb/ (an installed bare: cmake --install puts the
//      printers in <prefix>/share/bare/gdb/), relative to the objfile's directory too if the
//      compiler saw a relative path;
// and says where it looked if it finds nothing (then `source /path/to/bare_printers.py`).
//
// On targets whose objects are not ELF (wasm32, Mach-O, PE) the header does nothing; so it
// does with BARE_GDB_NO_AUTOLOAD defined. Stripping debug information (strip --strip-debug,
// objcopy --only-keep-debug for the other half) removes or moves the entry with it.
#pragma once

#if defined(__ELF__) && !defined(__wasm__) && !defined(BARE_GDB_NO_AUTOLOAD)

#ifndef BARE_GDB_PRINTERS_PATH
#define BARE_GDB_PRINTERS_PATH ""
#endif

// "MS", entity size 1: a mergeable string (the kind byte, the script, the NUL), so that the
// same entry from several translation units is kept once. %progbits: '@' starts a comment in
// ARM assembly. The script is Python run by gdb; it uses no double quote and no backslash.
asm(".pushsection .debug_gdb_scripts, \"MS\", %progbits, 1\n"
    ".byte 4\n"
    ".ascii \"gdb.inlined-script.bare-printers-loader\\n\"\n"
    ".ascii \"import os, sys, types\\n\"\n"
    ".ascii \"def _bare_gdb_load(header, configured):\\n\"\n"
    ".ascii \"    if 'bare_printers' in sys.modules:\\n\"\n"
    ".ascii \"        return\\n\"\n"
    ".ascii \"    here = os.path.dirname(header)\\n\"\n"
    ".ascii \"    bases = [here]\\n\"\n"
    ".ascii \"    if not os.path.isabs(here):\\n\"\n"
    ".ascii \"        try:\\n\"\n"
    ".ascii \"            symtab = gdb.lookup_global_symbol('main').symtab\\n\"\n"
    ".ascii \"            if symtab.fullname().endswith(symtab.filename):\\n\"\n"
    ".ascii \"                bases.insert(0, os.path.join(symtab.fullname()[:-len(symtab.filename)], here))\\n\"\n"
    ".ascii \"        except Exception:\\n\"\n"
    ".ascii \"            pass\\n\"\n"
    ".ascii \"        objfile = gdb.current_objfile()\\n\"\n"
    ".ascii \"        if objfile is not None:\\n\"\n"
    ".ascii \"            bases.append(os.path.join(os.path.dirname(objfile.filename), here))\\n\"\n"
    ".ascii \"    candidates = [configured] if configured else []\\n\"\n"
    ".ascii \"    for base in bases:\\n\"\n"
    ".ascii \"        candidates.append(os.path.join(base, '..', '..', 'tools', 'gdb', 'bare_printers.py'))\\n\"\n"
    ".ascii \"        candidates.append(os.path.join(base, '..', '..', 'share', 'bare', 'gdb', 'bare_printers.py'))\\n\"\n"
    ".ascii \"    for path in candidates:\\n\"\n"
    ".ascii \"        if os.path.isfile(path):\\n\"\n"
    ".ascii \"            path = os.path.normpath(path)\\n\"\n"
    ".ascii \"            module = types.ModuleType('bare_printers')\\n\"\n"
    ".ascii \"            module.__file__ = path\\n\"\n"
    ".ascii \"            with open(path, encoding='utf-8') as source:\\n\"\n"
    ".ascii \"                exec(compile(source.read(), path, 'exec'), module.__dict__)\\n\"\n"
    ".ascii \"            sys.modules['bare_printers'] = module\\n\"\n"
    ".ascii \"            return\\n\"\n"
    ".ascii \"    gdb.write('bare: bare_printers.py not found in ' + ', '.join(candidates) +\\n\"\n"
    ".ascii \"              '; load it with: source /path/to/bare_printers.py' + chr(10), gdb.STDERR)\\n\"\n"
    ".ascii \"_bare_gdb_load('" __FILE__ "', '" BARE_GDB_PRINTERS_PATH "')\\n\"\n"
    ".byte 0\n"
    ".popsection\n");

#endif
