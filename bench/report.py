#!/usr/bin/env python3
"""bench/report.py — turns the rows of a benchmark run into bench/results/latest.{json,md,svg}.

Called by tools/bench.sh:
  report.py --rows DIR --all "vec string ..." --ran "vec allocators" --empty "string ..."
            --mode quick|default --out bench/results [--readme README.md]

DIR/<group>.jsonl holds the rows of each group that ran (C++ and Rust programs and the size
script print the same JSON lines). Rows of groups that did not run this time are kept from
the previous latest.json (with their run's mode and date, from latest.meta.json), so that
`tools/bench.sh allocators` does not wipe the vec table; groups whose collection is not built
lose their rows. The chart is drawn with gnuplot.
"""
import argparse
import datetime
import json
import math
import os
import platform
import subprocess
import sys

# bare-4ary: bare::binary_heap with Arity 4 (heap group), next to the default binary one.
IMPL_ORDER = ["bare", "bare-4ary", "bare-region", "bare-cached", "std", "absl", "boost", "rust", "glibc"]

# What each implementation is, per group (shown under the group's heading).
GROUP_NOTES = {
    "vec": "bare = `bare::vec<u64, malloc_allocator>`, bare-region = `bare::vec<u64>` on "
           "`region_allocator`, std = `std::vector<u64>`, boost = `boost::container::devector<u64>` "
           "(double-ended: `insert_front` is O(1) for it), rust = `Vec<u64>`.",
    "allocators": "bare-region = `bare::region_allocator`, bare-cached = `bare::cached<by_ref<region_allocator>>` "
                  "(the opt-in front cache of freed small blocks: 8 per 16-byte class up to 1 KiB; goals are judged on "
                  "bare-region, the allocator issue 3 specifies), glibc = malloc / aligned_alloc / realloc / free "
                  "(glibc 2.36). Latency percentiles: each operation's minimum over the passes of the same "
                  "sequence (filters interrupts). Goals from issue 3.",
    "string": "bare = `bare::string<malloc_allocator>` (and `bare::str::from_utf8`), bare-region = `bare::string<>` on "
              "`region_allocator`, std = `std::string` (libstdc++: up to 15 bytes inside the object), rust = `String` / "
              "`std::str::from_utf8`. `append`: ns per piece (a word of 2..41 bytes), `clone`: ns per byte, "
              "`utf8_validate_1mib`: ns per byte of 1 MiB of mixed-script text (no std peer), `clone_short` / "
              "`append_short`: ns per string of 5..22 bytes (the small-string rows). Goals from issue 5.",
    "deque": "bare = `bare::vec_deque<u64, malloc_allocator>`, bare-region = `bare::vec_deque<u64>` on `region_allocator`, "
             "std = `std::deque<u64>`, boost = `boost::container::devector<u64>` (contiguous, room at both ends), "
             "rust = `VecDeque<u64>`; `steady_queue_struct`: the same containers of an 8-byte struct (a u64 with a "
             "constructor, trivially copyable). ns per element. Goals from issue 5.",
    "heap": "bare = `bare::binary_heap<u64, less, malloc_allocator>` (Arity 2), bare-4ary = the same with Arity 4 "
            "(`bare-4ary/bare` above 1: the binary heap is faster), bare-region = `bare::binary_heap<u64>` on "
            "`region_allocator`, std = `std::priority_queue<u64>`, rust = `BinaryHeap<u64>`; max-heaps. ns per element. "
            "Goals from issue 5 (`push_pop_all` at 10⁶).",
    "list": "bare = `bare::linked_list<u64, malloc_allocator>`, bare-region = `bare::linked_list<u64>` on "
            "`region_allocator`, std = `std::list<u64>`, rust = `LinkedList<u64>`. `push_back`, `iterate`: ns per "
            "element; `splice`: ns per move of 16 elements from the front of one list to the back of another. "
            "Goals from issue 5.",
    "btree": "bare = `bare::btree_map<K, u64, less, malloc_allocator>`, bare-region = `bare::btree_map` on "
             "`region_allocator`, absl = `absl::btree_map` (Debian's abseil), std = `std::map`, rust = `BTreeMap`. "
             "K = u64, or a 24-byte string for `_str24` (`bare::string`, `std::string`, `String`). ns per operation "
             "(`fwd_iter`, `range_scan_100`: per element visited); lookups: min(n, 10⁶) per iteration. "
             "`bytes_per_elem`: glibc heap bytes in use (mallinfo2, malloc's chunk overhead included) per element "
             "after random insertion, u64 → u64; `bytes_requested_per_elem`: the bytes the map asked its allocator "
             "for (counting allocators; no malloc overhead), as the issue's figures (std::map 48 requested / "
             "64 real). Goals from issue 6.",
    "hash": "bare = `bare::hash_map<K, u64, H, equal_to<>, malloc_allocator>`, bare-region = `bare::hash_map` on "
            "`region_allocator`, boost = `boost::unordered_flat_map`, absl = `absl::flat_hash_map`, std = "
            "`std::unordered_map`, rust = `HashMap`. Plain rows: each map with its default hash (bare: "
            "`default_hasher` keyed by BARE_HASH_SEED; boost: `boost::hash` + boost's mixing; absl: `absl::Hash`; "
            "std: libstdc++'s identity on u64; Rust: SipHash-1-3); `_common` rows: all with one function "
            "(a folded multiply; bytes 8 at a time). ns per operation; lookups: min(n, 10⁶) per iteration; "
            "`insert_erase_*`: per assignment + erase; `boost_uint64_aggregate`: per operation of Boost's uint64 "
            "benchmark at N = n/3 (6·10⁶ runs with the 10⁷ pass). `bytes_per_elem`: glibc heap bytes in use "
            "after the aggregate's 3N insertions, per element. Goals from issue 7.",
    "rc": "bare = `bare::rc<u64, malloc_allocator>` / `bare::arc<u64, malloc_allocator>` (one pointer), bare-region = "
          "the same on `region_allocator`, std = `std::shared_ptr<u64>` / `std::make_shared` (two pointers) in a process "
          "that has started a thread (libstdc++ then counts atomically), rust = `Rc<u64>` / `Arc<u64>`. ns per make + drop "
          "or clone + drop; `arc_clone_drop_2t`: two threads on one pointer, the timed one's CPU time per operation. "
          "Goals from issue 8.",
    "size": "The same small programs written with bare and with std (bench/size, one per collection: `vec` push + "
            "iterate, `string` a report built by appends and integer formatting, `map` btree_map / std::map and "
            "`unordered_map` hash_map (default hasher, BARE_HASH_SEED) / std::unordered_map: insert, find, iterate, "
            "erase; `deque` vec_deque / std::deque: push and pop at both ends; `priority_queue` binary_heap / "
            "std::priority_queue: push, pop all), each run and checked: `<coll>_program` is `.text` bytes on "
            "Cortex-M4 (`arm-none-eabi-g++ -Os`, std and bare both on newlib-nano's malloc; bare through "
            "malloc/realloc/free), `<coll>_program_wasm` module bytes on wasm32 (clang 16 `-Os`, std on libc++ + "
            "wasi-libc, bare on wasi-libc's malloc/realloc/free). The freestanding rows are bare with its own "
            "start-up and a bump arena, no libc. `compile_all`: CPU seconds of `g++ -std=c++20 -O3 -DNDEBUG -c` on "
            "a TU that includes bare/bare.hpp and instantiates each heap container once, next to the std twin "
            "(median of runs).",
}

# Ratio columns beyond peer/baseline: (group) -> [(numerator impl, denominator impl)].
EXTRA_RATIOS = {"allocators": [("glibc", "bare-cached")]}


def faster_than(ratios):
    """A goal on speed ratios: for each peer, peer's time / bare's time >= ratio."""
    return lambda b, c: all(c.get(p) is not None and c[p] >= r * b for p, r in ratios.items())


# Goals (issues 3, 5, 6 and 8), keyed by (group, workload) or, for a goal at one size, (group,
# workload, n): (text, check(bare_value, {impl: value} of the row), the peer/bare ratio the
# chart marks, or None).
LIST_GOAL = ("std/bare ≥ 1.0, rust/bare ≥ 1.0", faster_than({"std": 1.0, "rust": 1.0}), 1.0)
BTREE_SMALL_GOAL = ("absl/bare ≥ 1.0, std/bare ≥ 1.3", faster_than({"absl": 1.0, "std": 1.3}), 1.0)
BTREE_CHANGE_GOAL = ("absl/bare ≥ 1.1, rust/bare ≥ 1.1, std/bare ≥ 2.5",
                     faster_than({"absl": 1.1, "rust": 1.1, "std": 2.5}), 1.1)
ARC_GOAL = ("std/bare ≥ 1.0, rust/bare ≥ 1.0", faster_than({"std": 1.0, "rust": 1.0}), 1.0)
HASH_AGGREGATE_GOAL = ("boost/bare ≥ 1.0, absl/bare ≥ 1.2, std/bare ≥ 2.5",
                       faster_than({"boost": 1.0, "absl": 1.2, "std": 2.5}), 1.0)
HASH_LOOKUP_GOAL = ("boost/bare ≥ 1.0, absl/bare ≥ 1.0, std/bare ≥ 2", faster_than({"boost": 1.0, "absl": 1.0, "std": 2.0}), 1.0)
HASH_CHURN_GOAL = ("absl/bare ≥ 1.0", faster_than({"absl": 1.0}), 1.0)
HASH_STR_GOAL = ("absl/bare ≥ 1.0, boost/bare ≥ 1.0", faster_than({"absl": 1.0, "boost": 1.0}), 1.0)
GOALS = {
    ("allocators", "alloc_free_p50"): ("≤ 1.0× glibc", faster_than({"glibc": 1.0}), 1.0),
    ("allocators", "alloc_free_p99"): ("≤ 0.5× glibc", faster_than({"glibc": 2.0}), 2.0),
    ("allocators", "alloc_free_max"): ("≤ 0.1× glibc", faster_than({"glibc": 10.0}), 10.0),
    ("allocators", "random_actions"): ("≤ 1.0× glibc", faster_than({"glibc": 1.0}), 1.0),
    ("allocators", "random_actions_grow"): ("≤ 1.0× glibc", faster_than({"glibc": 1.0}), 1.0),
    ("allocators", "heap_efficiency"): ("≥ 99%", lambda b, c: b >= 0.99, None),
    ("allocators", "instructions_worst_alloc"): ("≤ 170", lambda b, c: b <= 170, None),
    ("allocators", "instructions_worst_free"): ("≤ 170", lambda b, c: b <= 170, None),
    ("allocators", "vec_growth_in_place_ratio"): ("≥ 99%", lambda b, c: b >= 0.99, None),
    ("size", "region_allocator_alone"): ("≤ 2048 B", lambda b, c: b <= 2048, None),
    ("string", "append"): ("std/bare ≥ 1.0, rust/bare ≥ 1.0", faster_than({"std": 1.0, "rust": 1.0}), 1.0),
    ("string", "utf8_validate_1mib"): ("rust/bare ≥ 1.0", faster_than({"rust": 1.0}), 1.0),
    ("deque", "steady_queue"): ("std/bare ≥ 1.3, rust/bare ≥ 1.0", faster_than({"std": 1.3, "rust": 1.0}), 1.3),
    ("deque", "random_get"): ("std/bare ≥ 2.0", faster_than({"std": 2.0}), 2.0),
    ("heap", "push_pop_all", 1000000): ("std/bare ≥ 1.1, rust/bare ≥ 1.1", faster_than({"std": 1.1, "rust": 1.1}), 1.1),
    ("btree", "lookup_hit_random", 1000): BTREE_SMALL_GOAL,
    ("btree", "insert_random", 1000): BTREE_SMALL_GOAL,
    ("btree", "erase_random", 1000): BTREE_SMALL_GOAL,
    ("btree", "lookup_hit_random", 1000000): ("absl/bare ≥ 1.2, rust/bare ≥ 1.2, std/bare ≥ 3",
                                              faster_than({"absl": 1.2, "rust": 1.2, "std": 3.0}), 1.2),
    ("btree", "insert_random", 1000000): BTREE_CHANGE_GOAL,
    ("btree", "erase_random", 1000000): BTREE_CHANGE_GOAL,
    ("btree", "fwd_iter", 1000000): ("std/bare ≥ 4", faster_than({"std": 4.0}), 4.0),
    ("btree", "lookup_hit_random", 10000000): ("std/bare ≥ 2.5", faster_than({"std": 2.5}), 2.5),
    ("btree", "lookup_hit_random_str24", 1000000): ("absl/bare ≥ 1.0, std/bare ≥ 1.2",
                                                    faster_than({"absl": 1.0, "std": 1.2}), 1.0),
    ("btree", "bytes_requested_per_elem", 1000000): ("≤ 20 B", lambda b, c: b <= 20, None),
    ("hash", "boost_uint64_aggregate", 6000000): HASH_AGGREGATE_GOAL,
    ("hash", "boost_uint64_aggregate_common", 6000000): HASH_AGGREGATE_GOAL,
    ("hash", "lookup_hit", 1000000): HASH_LOOKUP_GOAL,
    ("hash", "lookup_hit", 10000000): HASH_LOOKUP_GOAL,
    ("hash", "lookup_miss", 1000000): HASH_LOOKUP_GOAL,
    ("hash", "lookup_miss", 10000000): HASH_LOOKUP_GOAL,
    ("hash", "lookup_hit_common", 1000000): HASH_LOOKUP_GOAL,
    ("hash", "lookup_hit_common", 10000000): HASH_LOOKUP_GOAL,
    ("hash", "lookup_miss_common", 1000000): HASH_LOOKUP_GOAL,
    ("hash", "lookup_miss_common", 10000000): HASH_LOOKUP_GOAL,
    ("hash", "insert_erase_mask_low"): HASH_CHURN_GOAL,
    ("hash", "insert_erase_mask_high"): HASH_CHURN_GOAL,
    ("hash", "insert_erase_mask_low_common"): HASH_CHURN_GOAL,
    ("hash", "insert_erase_mask_high_common"): HASH_CHURN_GOAL,
    ("hash", "lookup_hit_str24"): HASH_STR_GOAL,
    ("hash", "lookup_hit_str24_common"): HASH_STR_GOAL,
    ("hash", "bytes_per_elem", 6000000): ("≤ 22.5 B", lambda b, c: b <= 22.5, None),
    ("rc", "rc_clone_drop"): ("std/bare ≥ 1.5, rust/bare ≥ 1.0", faster_than({"std": 1.5, "rust": 1.0}), 1.5),
    ("rc", "arc_clone_drop"): ARC_GOAL,
    ("rc", "arc_clone_drop_2t"): ARC_GOAL,
    ("list", "push_back"): LIST_GOAL,
    ("list", "iterate"): LIST_GOAL,
    ("list", "splice"): LIST_GOAL,
}


def goal_for(group, workload, n):
    """The goal of a row (n None: a chart bar over all sizes, which a goal at one size is not)."""
    return GOALS.get((group, workload, n)) or GOALS.get((group, workload))


# The chart shows every (workload, n) as its own bar group when a group has at most this many
# bars; otherwise one bar group per workload, the geometric mean over its sizes.
CHART_DETAIL_MAX_BARS = 24

# Metrics where smaller is better: their peer/bare ratios go into the chart.
LOWER_IS_BETTER = {"instructions", "text_bytes", "wasm_bytes", "compile_seconds", "bytes_per_elem",
                   "bytes_requested_per_elem"}

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def fmt_n(n):
    if n is None:
        return "—"
    if n >= 1000:
        e = round(math.log10(n))
        if 10 ** e == n:
            return "10" + str(e).translate(SUPERSCRIPT)
    return str(n)


def fmt_ns(x):
    if x is None:
        return "—"
    if x >= 100:
        return f"{x:,.0f}"
    if x >= 10:
        return f"{x:.1f}"
    if x >= 1:
        return f"{x:.2f}"
    return f"{x:.3f}"


def fmt_metric(metric, x):
    if x is None:
        return "—"
    if metric == "ratio":
        return f"{100 * x:.1f}%"
    if metric == "compile_seconds":
        return f"{x:.2f} s"
    if metric in ("instructions", "text_bytes", "wasm_bytes", "bytes"):
        return f"{x:,.0f}"
    return f"{x:.4g}"


def baseline_of(impls):
    return "bare" if "bare" in impls else "bare-region"


def ordered(impls):
    return [i for i in IMPL_ORDER if i in impls] + sorted(i for i in impls if i not in IMPL_ORDER)


def machine():
    def first_line(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.splitlines()[0]
        except (OSError, IndexError):
            return "?"
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return (f"{cpu}, {os.cpu_count()} cores, Linux {platform.release()}; "
            f"{first_line(['g++', '--version'])}; {first_line(['rustc', '--version'])}")


def load_rows(path):
    rows = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("{"):
                rows.append(json.loads(line))
    return rows


def geomean(xs):
    xs = [x for x in xs if x and x > 0]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


# ---- tables ---------------------------------------------------------------------------------

def goal_cells(group, workload, n, b, cells):
    g = goal_for(group, workload, n)
    if g is None or b is None:
        return ["", ""]
    return [g[0], "yes" if g[1](b, cells) else "**no**"]


def table(group, rows, metrics):
    """One markdown table: a line per (workload[, metric], n), a column per implementation,
    then the peer/bare ratios (and the goal, where the group has goals).
    metrics: False for time rows (ns_per_op), True for metric rows (metric, value)."""
    impls = ordered({r["impl"] for r in rows})
    base = baseline_of(impls)
    peers = [i for i in impls if i != base]
    cells, keys = {}, []
    for r in rows:
        k = (r["workload"], r["metric"] if metrics else None, r["n"])
        if k not in cells:
            cells[k] = {}
            keys.append(k)
        cells[k][r["impl"]] = r["value"] if metrics else r["ns_per_op"]
    with_goals = any(goal_for(group, w, n) for w, _m, n in keys)
    fixed = ["workload", "metric", "n"] if metrics else ["workload", "n"]
    extra = [(a, d) for a, d in EXTRA_RATIOS.get(group, []) if a in impls and d in impls]
    head = fixed + (impls if metrics else [f"{i} ns/op" for i in impls]) + [f"{p}/{base}" for p in peers]
    head += [f"{a}/{d}" for a, d in extra]
    if with_goals:
        head += ["goal", "met"]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(fixed) + "---:|" * (len(head) - len(fixed))]
    for w, metric, n in keys:
        c = cells[(w, metric, n)]
        b = c.get(base)
        fmt = (lambda x: fmt_metric(metric, x)) if metrics else fmt_ns
        line = [f"`{w}`"] + ([metric] if metrics else []) + [fmt_n(n)] + [fmt(c.get(i)) for i in impls]
        line += [f"{c[p] / b:.2f}" if b and c.get(p) else "—" for p in peers]
        line += [f"{c[a] / c[d]:.2f}" if c.get(a) and c.get(d) else "—" for a, d in extra]
        if with_goals:  # a row without the baseline (region_allocator_alone) is judged on its own value
            own = b if b is not None else next((c[i] for i in impls if c.get(i) is not None), None)
            line += goal_cells(group, w, n, own, c if b is not None else {})
        out.append("| " + " | ".join(line) + " |")
    return out


def group_section(group, rows, meta, level="##"):
    out = []
    if not rows:
        out += [f"{level} {group}", "", "no rows yet (collection not built)", ""]
        return out
    m = meta.get(group, {})
    # The CPU too: runs of different groups may come from different machines (the ratios
    # between peers move with the CPU: deque steady_queue std/bare 1.44 on a Xeon, 1.16 on an EPYC).
    cpu = (m.get("machine") or "?").split(",", 1)[0].strip()
    out += [f"{level} {group} — {m.get('mode', '?')} run, {m.get('date', '?')}, {cpu}", ""]
    if group in GROUP_NOTES:
        out += [GROUP_NOTES[group], ""]
    times = [r for r in rows if "ns_per_op" in r]
    metrics = [r for r in rows if "metric" in r]
    if times:
        out += table(group, times, metrics=False) + [""]
    if metrics:
        out += table(group, metrics, metrics=True) + [""]
    return out


# ---- chart ------------------------------------------------------------------------------------

def chart_panels(groups, by_group):
    """One panel per group with comparable rows: (title, workloads, series{impl: [ratio]}, goals)."""
    panels = []
    for g in groups:
        rows = by_group.get(g, [])
        if not rows:
            continue
        base = baseline_of({r["impl"] for r in rows})
        values = {}  # (workload, n, metric) -> impl -> value, in row order
        for r in rows:
            if "ns_per_op" in r:
                key, v = (r["workload"], r["n"], "time"), r["ns_per_op"]
            elif r.get("metric") in LOWER_IS_BETTER:
                key, v = (r["workload"], r["n"], r["metric"]), r["value"]
            else:
                continue
            values.setdefault(key, {})[r["impl"]] = v
        ratios = [(w, n, impl, v / c[base]) for (w, n, _m), c in values.items() if c.get(base)
                  for impl, v in c.items() if impl != base and v]
        if not ratios:
            continue
        sizes = {}
        for w, n, _i, _r in ratios:
            sizes.setdefault(w, [])
            if n not in sizes[w]:
                sizes[w].append(n)
        peers = ordered({i for _w, _n, i, _r in ratios})
        detail = sum(len(ns) for ns in sizes.values()) * len(peers) <= CHART_DETAIL_MAX_BARS
        label = (lambda w, n: f"{w} {fmt_n(n)}" if len(sizes[w]) > 1 else w) if detail else (lambda w, n: w)
        entries, order = {}, []  # label -> impl -> [ratios]
        for w, n, impl, r in ratios:
            lab = label(w, n)
            if lab not in entries:
                entries[lab] = {}
                order.append((lab, w, n if detail else None))
            entries[lab].setdefault(impl, []).append(r)
        series = {impl: [geomean(entries[lab].get(impl, [])) for lab, _w, _n in order] for impl in peers}
        goals = [(goal_for(g, w, n) or (None, None, None))[2] for _lab, w, n in order]
        multi = not detail and any(len(ns) > 1 for ns in sizes.values())
        span = " (geometric mean over each workload's sizes n)" if multi else ""
        title = f"{g}: peer / {base}{span}. Above 1: {base} is faster or smaller"
        panels.append((title, [lab for lab, _w, _n in order], series, goals))
    return panels


COLORS = {"bare-region": "#7f7f7f", "bare-cached": "#17becf", "bare-4ary": "#bcbd22", "std": "#1f77b4", "absl": "#2ca02c", "boost": "#ff7f0e",
          "rust": "#d62728", "glibc": "#9467bd", "bare": "#17becf"}


def write_chart(panels, svg_path):
    if not panels:
        return False
    height = 360 * len(panels)
    lines = [f"set terminal svg size 1200,{height} dynamic enhanced font 'sans,12' background '#ffffff'",
             f"set output '{svg_path}'",
             "set datafile missing 'NaN'",
             f"set multiplot layout {len(panels)},1",
             "set logscale y", "set grid ytics", "set key outside right top",
             "set xtics rotate by -25 noenhanced", "set format y '%g'", "set bmargin 6",
             "set style fill solid 0.85 border -1", "set ylabel 'peer / bare (log scale)'"]
    for idx, (title, workloads, series, goals) in enumerate(panels):
        vals = [v for s in series.values() for v in s if v] + [1.0]
        lo, hi = min(vals) / 1.8, max(vals) * 1.8
        k = len(series)
        w = min(0.8 / max(k, 1), 0.4)
        lines.append(f"set title \"{title}\" noenhanced")
        lines.append(f"set yrange [{lo:.4g}:{hi:.4g}]")
        tics = [m * 10 ** e for e in range(-4, 5) for m in (1, 2, 5) if lo <= m * 10 ** e <= hi]
        lines.append("set ytics (" + ", ".join(f"\"{t:g}\" {t:g}" for t in tics) + ")")
        lines.append(f"set xrange [-0.6:{len(workloads) - 0.4}]")
        tics = ", ".join(f"\"{wl}\" {i}" for i, wl in enumerate(workloads))
        lines.append(f"set xtics ({tics})")
        data = f"$d{idx}"
        lines.append(f"{data} << EOD")
        for i, wl in enumerate(workloads):
            cols = [("NaN" if s[i] is None else f"{s[i]:.6g}") for s in series.values()]
            cols.append("NaN" if goals[i] is None else f"{goals[i]:.6g}")
            lines.append(f"{i} " + " ".join(cols))
        lines.append("EOD")
        plots = []
        for j, impl in enumerate(series):
            off = (j - (k - 1) / 2) * w
            col = j + 2
            color = COLORS.get(impl, "#444444")
            plots.append(f"{data} using ($1+{off:.4f}):(1):($1+{off - w / 2:.4f}):($1+{off + w / 2:.4f}):(1):{col} "
                         f"with boxxyerror lc rgb '{color}' title '{impl}'")
            plots.append(f"{data} using ($1+{off:.4f}):(column({col}) >= 1 ? column({col})*1.12 : column({col})/1.12):"
                         f"(sprintf('%.2f', column({col}))) with labels font ',9' notitle")
        if any(g is not None for g in goals):
            plots.append(f"{data} using 1:{k + 2} with points pt 6 ps 2 lc rgb '#000000' title 'goal'")
        plots.append("1 with lines lw 2 dt 2 lc rgb '#000000' notitle")
        lines.append("plot " + ", \\\n     ".join(plots))
    lines.append("unset multiplot")
    script = "\n".join(lines) + "\n"
    r = subprocess.run(["gnuplot"], input=script, text=True, capture_output=True)
    if r.returncode != 0:
        sys.stderr.write(r.stderr)
        return False
    return True


# ---- main ----------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", required=True)
    ap.add_argument("--all", required=True)
    ap.add_argument("--ran", default="")
    ap.add_argument("--empty", default="")
    ap.add_argument("--mode", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--readme")
    a = ap.parse_args()
    all_groups, ran, empty = a.all.split(), a.ran.split(), set(a.empty.split())

    json_path = os.path.join(a.out, "latest.json")
    meta_path = os.path.join(a.out, "latest.meta.json")
    old_rows, meta = [], {}
    if os.path.exists(json_path):
        with open(json_path) as f:
            old_rows = json.load(f)
    if os.path.exists(meta_path):
        with open(meta_path) as f:
            meta = json.load(f)

    by_group = {}
    for r in old_rows:
        if r["group"] not in ran and r["group"] not in empty:
            by_group.setdefault(r["group"], []).append(r)
    now = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    mach = machine()
    for g in ran:
        p = os.path.join(a.rows, f"{g}.jsonl")
        by_group[g] = load_rows(p) if os.path.exists(p) else []
        meta[g] = {"mode": a.mode, "date": now, "machine": mach}
    for g in empty:
        by_group.pop(g, None)
        meta.pop(g, None)

    os.makedirs(a.out, exist_ok=True)
    rows = [r for g in all_groups for r in by_group.get(g, [])]
    with open(json_path, "w") as f:
        f.write("[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n]\n")
    with open(meta_path, "w") as f:
        json.dump(meta, f, indent=1, sort_keys=True)
        f.write("\n")

    svg_path = os.path.join(a.out, "latest.svg")
    have_chart = write_chart(chart_panels(all_groups, by_group), svg_path)

    machines = sorted({m.get("machine") or "?" for g, m in meta.items() if by_group.get(g)})
    md = ["# bare benchmark results", "",
          "Written by `tools/bench.sh` (fairness rules and workload definitions: "
          "[bench/README.md](../README.md)). Times are ns per operation (the thread's CPU time), the median "
          "of the repetitions; "
          "`peer/bare` is the peer's time (or size) divided by bare's: **above 1, bare is faster "
          "(smaller); below 1, the peer is**.", ""]
    md += [f"Machine: {m}" for m in machines] + [""]
    if have_chart:
        md += ["![benchmark chart](latest.svg)", ""]
    for g in all_groups:
        md += group_section(g, by_group.get(g, []), meta)
    with open(os.path.join(a.out, "latest.md"), "w") as f:
        f.write("\n".join(md).rstrip() + "\n")

    if a.readme:
        update_readme(a.readme, all_groups, by_group, meta, machines, have_chart)
    counts = ", ".join(f"{g} {len(by_group.get(g, []))}" for g in all_groups if by_group.get(g))
    print(f"bench: rows: {counts}; wrote {a.out}/latest.md, latest.json" + (", latest.svg" if have_chart else ""))


def update_readme(path, all_groups, by_group, meta, machines, have_chart):
    begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
    with open(path) as f:
        text = f.read()
    if begin not in text or end not in text:
        return
    body = ["", f"Latest results ({', '.join(machines)}); `peer/bare` above 1 means bare is faster. "
            "Full tables: [bench/results/latest.md](bench/results/latest.md).", ""]
    if have_chart:
        body += ["![benchmark chart](bench/results/latest.svg)", ""]
    for g in all_groups:
        if by_group.get(g):
            body += group_section(g, by_group[g], meta, level="####")
    pre, rest = text.split(begin, 1)
    _, post = rest.split(end, 1)
    with open(path, "w") as f:
        f.write(pre + begin + "\n" + "\n".join(body).rstrip() + "\n" + end + post)


if __name__ == "__main__":
    main()
