// bench/rust/groups.rs — one function per benchmark group, each the Rust twin of
// bench/groups/<group>.cpp (same workload names, same data, same definitions).
use crate::{escape, thread_cpu_seconds, Bench, Jobs, SplitMix64, DATA_SEED, FIRST_SIZE};
use std::collections::{BTreeMap, BinaryHeap, LinkedList, VecDeque};

const EXTEND_CHUNK: usize = 16;
const INSERT_FRONT_MAX_N: usize = 10_000;

/// Copies of n elements per timed iteration for the workloads that work on copies made
/// outside the timed part (as bench::copies_per_iteration in harness.hpp): 2^16 elements' worth.
fn copies_per_iteration(n: usize) -> usize {
    if n >= 65536 {
        1
    } else {
        65536 / n
    }
}

/// A workload on copies made outside the timed part (bench::time_on_copies in C++): each
/// iteration makes copies_per_iteration(n) values with make(), untimed, then calls work on
/// each, timed; what work returns is kept until the next iteration (its drop is not timed);
/// check (untimed) then sees the copies.
fn time_on_copies<'a, C: 'a, R: 'a>(
    j: &mut Jobs<'a>,
    workload: &'static str,
    n: usize,
    mut make: impl FnMut() -> C + 'a,
    mut work: impl FnMut(&mut C) -> R + 'a,
    check: impl Fn(&[C]) + 'a,
) {
    let batch = copies_per_iteration(n);
    j.time_manual(workload, n, (batch * n) as f64, move |iters| {
        let mut total = 0.0;
        let mut copies: Vec<C> = Vec::with_capacity(batch);
        let mut results: Vec<R> = Vec::with_capacity(batch);
        for _ in 0..iters {
            copies.clear();
            results.clear();
            for _ in 0..batch {
                copies.push(make());
            }
            let t = thread_cpu_seconds();
            for c in copies.iter_mut() {
                results.push(work(c));
                escape(results.last().unwrap());
            }
            total += thread_cpu_seconds() - t;
            check(&copies);
        }
        total
    });
}

/// bench/groups/vec.cpp: Vec<u64> over data(n).
pub fn vec(b: &Bench) {
    for &n in &b.cfg.sizes {
        let src = b.data(n);
        let v = src.to_vec();
        let v = &v;
        let expected = src.iter().filter(|&&x| x & 1 == 0).count();
        let ops = n as f64;
        let mut j = b.jobs();
        j.time("push_back", n, ops, move || {
            let mut v = Vec::new();
            for &x in src {
                v.push(x);
            }
            escape(&v);
        });
        j.time("push_back_reserved", n, ops, move || {
            let mut v = Vec::with_capacity(n);
            for &x in src {
                v.push(x);
            }
            escape(&v);
        });
        j.time("extend", n, ops, move || {
            let mut v = Vec::new();
            for c in src.chunks(EXTEND_CHUNK) {
                v.extend_from_slice(c);
            }
            escape(&v);
        });
        if n <= INSERT_FRONT_MAX_N {
            j.time("insert_front", n, ops, move || {
                let mut v = Vec::new();
                for &x in src {
                    v.insert(0, x);
                }
                escape(&v);
            });
        }
        time_on_copies(
            &mut j,
            "retain_half",
            n,
            move || src.to_vec(),
            |v: &mut Vec<u64>| {
                v.retain(|&x| x & 1 == 0);
                escape(v);
            },
            move |copies: &[Vec<u64>]| {
                for v in copies {
                    assert_eq!(v.len(), expected, "retain_half kept the wrong number of elements");
                }
            },
        );
        j.time("clone", n, ops, move || {
            let c = v.clone();
            escape(&c);
        });
        j.time("iterate_sum", n, ops, move || {
            let mut sum = 0u64;
            for &x in v {
                sum = sum.wrapping_add(x);
            }
            escape(&sum);
        });
        j.run();
    }
}

/// bench/groups/string.cpp: String and str over the generated text (WordStream, text) and
/// short strings (short_strings).
const UTF8_BYTES: usize = 1 << 20;
/// FNV-1a 64 of text(UTF8_BYTES), checked on both sides (string.cpp: utf8_text_fnv).
const UTF8_TEXT_FNV: u64 = 0xcfb54c505fefbd38;
const SHORT_SEED: u64 = 43;
/// The short-string rows stop at 10^6 strings (string.cpp: short_max_n).
const SHORT_MAX_N: usize = 1_000_000;

/// The word stream of string.cpp (word_stream): each word is 1..10 code points of one script
/// (a-z, U+0400.., U+4E00.., U+1F300..), then a space.
struct WordStream(SplitMix64);

impl WordStream {
    fn new() -> Self {
        WordStream(SplitMix64::new(DATA_SEED))
    }
    fn next(&mut self, out: &mut String) {
        let r = self.0.next();
        let script = r % 20;
        let len = 1 + (r >> 32) % 10;
        for _ in 0..len {
            let c = self.0.next();
            let cp = if script < 10 {
                'a' as u64 + c % 26
            } else if script < 15 {
                0x0400 + c % 0x100
            } else if script < 19 {
                0x4E00 + c % 0x5000
            } else {
                0x1F300 + c % 0x300
            };
            out.push(char::from_u32(cp as u32).expect("a scalar value"));
        }
        out.push(' ');
    }
}

/// The first n words of the stream: their bytes and the offset where each ends.
fn first_words(n: usize) -> (String, Vec<usize>) {
    let mut s = WordStream::new();
    let mut bytes = String::new();
    let mut ends = Vec::with_capacity(n);
    for _ in 0..n {
        s.next(&mut bytes);
        ends.push(bytes.len());
    }
    (bytes, ends)
}

/// text(n): the first n bytes of the stream cut at the last word end, padded with spaces.
fn text(n: usize) -> String {
    let mut s = WordStream::new();
    let mut t = String::new();
    let mut last_end = 0;
    while t.len() <= n {
        last_end = t.len();
        s.next(&mut t);
    }
    t.truncate(last_end);
    while t.len() < n {
        t.push(' ');
    }
    t
}

fn fnv1a(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &c in b {
        h = (h ^ c as u64).wrapping_mul(0x100000001b3);
    }
    h
}

/// n strings of 5..22 bytes of a-z, as short_strings in string.cpp.
fn short_strings(n: usize) -> (String, Vec<usize>) {
    let mut r = SplitMix64::new(SHORT_SEED);
    let mut bytes = String::new();
    let mut ends = Vec::with_capacity(n);
    for _ in 0..n {
        let len = 5 + r.next() % 18;
        for _ in 0..len {
            bytes.push((b'a' + (r.next() % 26) as u8) as char);
        }
        ends.push(bytes.len());
    }
    (bytes, ends)
}

/// The pieces [ends[i-1], ends[i]) of bytes.
fn pieces<'s>(bytes: &'s str, ends: &[usize]) -> Vec<&'s str> {
    let mut first = 0;
    ends.iter()
        .map(|&last| {
            let p = &bytes[first..last];
            first = last;
            p
        })
        .collect()
}

pub fn string(b: &Bench) {
    for &n in &b.cfg.sizes {
        let (word_bytes, word_ends) = first_words(n);
        let words = pieces(&word_bytes, &word_ends);
        let words = &words;
        let t = text(n);
        let t = &t;
        let utf8 = text(UTF8_BYTES).into_bytes();
        assert_eq!(fnv1a(&utf8), UTF8_TEXT_FNV, "the 1 MiB text is not the expected one");
        let utf8 = &utf8;
        let short_n = if n <= SHORT_MAX_N { n } else { 0 };
        let (short_bytes, short_ends) = short_strings(short_n);
        let shorts = pieces(&short_bytes, &short_ends);
        let halves: Vec<(&str, &str)> = shorts.iter().map(|s| s.split_at(s.len() / 2)).collect();
        let src: Vec<String> = shorts.iter().map(|&s| String::from(s)).collect();
        let src = &src;
        let ops = n as f64;
        let mut j = b.jobs();
        j.time("append", n, ops, move || {
            let mut s = String::new();
            for &p in words {
                s.push_str(p);
            }
            escape(&s);
        });
        j.time("clone", n, ops, move || {
            let c = t.clone();
            escape(&c);
        });
        if n == FIRST_SIZE {
            j.time("utf8_validate_1mib", UTF8_BYTES, UTF8_BYTES as f64, move || {
                let r = std::str::from_utf8(utf8);
                assert!(r.is_ok(), "std::str::from_utf8 rejected valid text");
                escape(&r);
            });
        }
        if n <= SHORT_MAX_N {
            let mut out: Vec<String> = Vec::with_capacity(n);
            j.time("clone_short", n, ops, move || {
                for s in src {
                    out.push(s.clone());
                }
                escape(&out);
                out.clear();
            });
            let mut out: Vec<String> = Vec::with_capacity(n);
            j.time("append_short", n, ops, move || {
                for &(a, b) in &halves {
                    let mut s = String::new();
                    s.push_str(a);
                    s.push_str(b);
                    out.push(s);
                }
                escape(&out);
                out.clear();
            });
        }
        j.run();
    }
}

/// bench/groups/deque.cpp: VecDeque<u64> over data(n).
const INDEX_SEED: u64 = 7;

/// The untimed pass after a steady_queue's fill (as in deque.cpp): n pushes and pops, so that
/// every slot the steady state cycles through has been written once.
fn steady_pass<T>(q: &mut VecDeque<T>, src: &[u64], make: impl Fn(u64) -> T) {
    for &x in src {
        q.push_back(make(x));
        escape(&q.pop_front());
    }
}

pub fn deque(b: &Bench) {
    for &n in &b.cfg.sizes {
        let src = b.data(n);
        let mut r = SplitMix64::new(INDEX_SEED);
        let idx: Vec<u32> = (0..n).map(|_| r.below(n as u64) as u32).collect();
        let idx = &idx;
        let ops = n as f64;
        let mut j = b.jobs();
        let mut q: VecDeque<u64> = VecDeque::new();
        for &x in src {
            q.push_back(x);
        }
        steady_pass(&mut q, src, |x| x);
        j.time("steady_queue", n, ops, move || {
            let mut sum = 0u64;
            for &x in src {
                q.push_back(x);
                if let Some(y) = q.pop_front() {
                    sum = sum.wrapping_add(y);
                }
            }
            escape(&sum);
        });
        #[derive(Clone, Copy)]
        struct Cell(u64);
        let mut qc: VecDeque<Cell> = VecDeque::new();
        for &x in src {
            qc.push_back(Cell(x));
        }
        steady_pass(&mut qc, src, Cell);
        j.time("steady_queue_struct", n, ops, move || {
            let mut sum = 0u64;
            for &x in src {
                qc.push_back(Cell(x));
                if let Some(y) = qc.pop_front() {
                    sum = sum.wrapping_add(y.0);
                }
            }
            escape(&sum);
        });
        j.time("push_front_fill", n, ops, move || {
            let mut d = VecDeque::new();
            for &x in src {
                d.push_front(x);
            }
            escape(&d);
        });
        let mut d: VecDeque<u64> = VecDeque::new();
        for (i, &x) in src.iter().enumerate() {
            if i % 2 == 0 {
                d.push_back(x);
            } else {
                d.push_front(x);
            }
        }
        j.time("random_get", n, ops, move || {
            let mut sum = 0u64;
            for &i in idx {
                sum = sum.wrapping_add(d[i as usize]);
            }
            escape(&sum);
        });
        j.run();
    }
}

/// bench/groups/heap.cpp: BinaryHeap<u64> (a max-heap) over data(n).
const MIX_SEED: u64 = 1234;
/// push_pop_all and push_pop_mix stop at 10^6 (heap.cpp: push_pop_max_n).
const PUSH_POP_MAX_N: usize = 1_000_000;

pub fn heap(b: &Bench) {
    for &n in &b.cfg.sizes {
        let src = b.data(n);
        let expected = src.iter().fold(0u64, |a, &x| a.wrapping_add(x));
        let mut r = SplitMix64::new(MIX_SEED);
        let mix: Vec<u64> = (0..n).map(|_| r.next()).collect();
        let mix = &mix;
        let base = BinaryHeap::from(src.to_vec());
        let base = &base;
        let mut j = b.jobs();
        if n <= PUSH_POP_MAX_N {
            j.time("push_pop_all", n, n as f64, move || {
                let mut h = BinaryHeap::new();
                for &x in src {
                    h.push(x);
                }
                let mut sum = 0u64;
                while let Some(x) = h.pop() {
                    sum = sum.wrapping_add(x);
                }
                escape(&sum);
                assert_eq!(sum, expected, "push_pop_all popped other values than it pushed");
            });
        }
        time_on_copies(
            &mut j,
            "heapify",
            n,
            move || src.to_vec(),
            |v: &mut Vec<u64>| BinaryHeap::from(std::mem::take(v)),
            |_| {},
        );
        if n <= PUSH_POP_MAX_N {
            time_on_copies(
                &mut j,
                "push_pop_mix",
                n,
                move || base.clone(),
                move |h: &mut BinaryHeap<u64>| {
                    let mut sum = 0u64;
                    for &x in mix {
                        if x & 1 == 1 {
                            h.push(x);
                        } else if let Some(y) = h.pop() {
                            sum = sum.wrapping_add(y);
                        }
                    }
                    escape(&sum);
                },
                |_| {},
            );
        }
        j.run();
    }
}

/// bench/groups/list.cpp: LinkedList<u64> over data(n).
const SPLICE_CHUNK: usize = 16;

/// Builds and drops a list of the values (bench/groups/list.cpp, warm_heap): the lists built
/// next get their nodes from the blocks glibc recycles, as on the C++ side.
fn warm_heap(src: &[u64]) {
    let l: LinkedList<u64> = src.iter().copied().collect();
    escape(&l);
}

pub fn list(b: &Bench) {
    for &n in &b.cfg.sizes {
        let src = b.data(n);
        let ops = n as f64;
        warm_heap(src);
        let l: LinkedList<u64> = src.iter().copied().collect();
        let l = &l;
        let mut j = b.jobs();
        j.time_manual("push_back", n, ops, move |iters| {
            warm_heap(src);
            let t = thread_cpu_seconds();
            for _ in 0..iters {
                let mut l = LinkedList::new();
                for &x in src {
                    l.push_back(x);
                }
                escape(&l);
            }
            thread_cpu_seconds() - t
        });
        j.time("iterate", n, ops, move || {
            let mut sum = 0u64;
            for &x in l {
                sum = sum.wrapping_add(x);
            }
            escape(&sum);
        });
        warm_heap(src);
        let mut a: LinkedList<u64> = src.iter().copied().collect();
        let mut bl: LinkedList<u64> = LinkedList::new();
        j.time("splice", n, n.div_ceil(SPLICE_CHUNK) as f64, move || {
            while !a.is_empty() {
                let rest = a.split_off(SPLICE_CHUNK.min(a.len()));
                bl.append(&mut a);
                a = rest;
            }
            std::mem::swap(&mut a, &mut bl);
            escape(&a);
        });
        j.run();
    }
}

// ---- btree -----------------------------------------------------------------------------------

/// bench/groups/btree.cpp: BTreeMap<u64, u64> and BTreeMap<String, u64>; the same keys (key_of,
/// miss_of, str24), the same workloads and sizes.
const BTREE_ALL_WORKLOADS_MAX_N: usize = 1_000_000;
const BTREE_MAX_LOOKUPS: usize = 1_000_000;
const BTREE_SCAN_LENGTH: usize = 100;

fn btree_key_of(x: u64) -> u64 {
    x & !1
}
fn btree_miss_of(x: u64) -> u64 {
    x | 1
}

/// The 24 bytes of str24(x): 16 lowercase hex digits of x, then 8 of (x * 0x9e3779b97f4a7c15) >> 32.
fn str24(x: u64) -> String {
    format!("{:016x}{:08x}", x, x.wrapping_mul(0x9e3779b97f4a7c15) >> 32)
}

#[repr(C)]
struct MallInfo2 {
    arena: usize,
    ordblks: usize,
    smblks: usize,
    hblks: usize,
    hblkhd: usize,
    usmblks: usize,
    fsmblks: usize,
    uordblks: usize,
    fordblks: usize,
    keepcost: usize,
}
extern "C" {
    fn mallinfo2() -> MallInfo2;
}
/// Heap bytes in use (glibc: uordblks + hblkhd), as heap_in_use() in btree.cpp.
fn heap_in_use() -> usize {
    let mi = unsafe { mallinfo2() };
    let _ = (mi.arena, mi.ordblks, mi.smblks, mi.hblks, mi.usmblks, mi.fsmblks, mi.fordblks, mi.keepcost);
    mi.uordblks + mi.hblkhd
}

fn btree_lookups<'a, K: Ord>(
    j: &mut Jobs<'a>,
    workload: &'static str,
    n: usize,
    m: &'a BTreeMap<K, u64>,
    q: &'a [K],
    hit: bool,
) {
    let count = n.min(BTREE_MAX_LOOKUPS);
    j.time(workload, n, count as f64, move || {
        let mut sum = 0u64;
        let mut found = 0usize;
        for k in &q[..count] {
            if let Some(v) = m.get(k) {
                sum = sum.wrapping_add(*v);
                found += 1;
            }
        }
        escape(&sum);
        assert_eq!(found, if hit { count } else { 0 }, "lookup: wrong number of hits");
    });
}

pub fn btree(b: &Bench) {
    for &n in &b.cfg.sizes {
        let src = b.data(n);
        let keys: Vec<u64> = src.iter().map(|&x| btree_key_of(x)).collect();
        let misses: Vec<u64> = src.iter().map(|&x| btree_miss_of(x)).collect();
        let build = |keys: &[u64]| -> BTreeMap<u64, u64> {
            let mut m = BTreeMap::new();
            for (i, &k) in keys.iter().enumerate() {
                m.insert(k, i as u64);
            }
            m
        };
        if n <= BTREE_ALL_WORKLOADS_MAX_N {
            let before = heap_in_use();
            let m = build(&keys);
            let after = heap_in_use();
            b.metric("bytes_per_elem", n, "bytes_per_elem", (after - before) as f64 / n as f64);
            drop(m);
            let (m, bytes) = crate::requested_bytes_of(|| build(&keys));
            b.metric("bytes_requested_per_elem", n, "bytes_requested_per_elem", bytes as f64 / n as f64);
            drop(m);
        }
        let m = build(&keys);
        let (keys, misses, m) = (&keys, &misses, &m);
        let mut j = b.jobs();
        if n <= BTREE_ALL_WORKLOADS_MAX_N {
            j.time("insert_random", n, n as f64, move || {
                let m = build(keys);
                escape(&m);
                assert_eq!(m.len(), n, "insert_random: wrong size");
            });
            j.time("insert_sequential", n, n as f64, move || {
                let mut m = BTreeMap::new();
                for i in 0..n as u64 {
                    m.insert(i, i);
                }
                escape(&m);
                assert_eq!(m.len(), n, "insert_sequential: wrong size");
            });
        }
        btree_lookups(&mut j, "lookup_hit_random", n, m, keys, true);
        btree_lookups(&mut j, "lookup_miss", n, m, misses, false);
        if n <= BTREE_ALL_WORKLOADS_MAX_N {
            time_on_copies(
                &mut j,
                "erase_random",
                n,
                move || m.clone(),
                move |c: &mut BTreeMap<u64, u64>| {
                    let mut erased = 0usize;
                    for k in keys {
                        erased += c.remove(k).is_some() as usize;
                    }
                    escape(&erased);
                },
                |copies: &[BTreeMap<u64, u64>]| {
                    for c in copies {
                        assert!(c.is_empty(), "erase_random: map not empty");
                    }
                },
            );
            let expected = (n as u64) * (n as u64 - 1) / 2;
            j.time("fwd_iter", n, n as f64, move || {
                let mut sum = 0u64;
                for (_, v) in m {
                    sum = sum.wrapping_add(*v);
                }
                escape(&sum);
                assert_eq!(sum, expected, "fwd_iter: wrong sum");
            });
            let scans = n.min(BTREE_MAX_LOOKUPS) / BTREE_SCAN_LENGTH;
            j.time("range_scan_100", n, (scans * n.min(BTREE_SCAN_LENGTH)) as f64, move || {
                let mut sum = 0u64;
                for q in &misses[..scans] {
                    for (_, v) in m.range(q..).take(BTREE_SCAN_LENGTH) {
                        sum = sum.wrapping_add(*v);
                    }
                }
                escape(&sum);
            });
            let mut sorted: Vec<(u64, u64)> = keys.iter().enumerate().map(|(i, &k)| (k, i as u64)).collect();
            sorted.sort();
            j.time("bulk_build_sorted", n, n as f64, move || {
                let m: BTreeMap<u64, u64> = sorted.iter().copied().collect();
                escape(&m);
                assert_eq!(m.len(), n, "bulk_build_sorted: wrong size");
            });
        }
        j.run();
        if n <= BTREE_ALL_WORKLOADS_MAX_N {
            btree_str24(b, n, src);
        }
    }
}

fn btree_str24(b: &Bench, n: usize, src: &[u64]) {
    let keys: Vec<String> = src.iter().map(|&x| str24(btree_key_of(x))).collect();
    let misses: Vec<String> = src.iter().map(|&x| str24(btree_miss_of(x))).collect();
    let build = |keys: &[String]| -> BTreeMap<String, u64> {
        let mut m = BTreeMap::new();
        for (i, k) in keys.iter().enumerate() {
            m.insert(k.clone(), i as u64);
        }
        m
    };
    let m = build(&keys);
    let (keys, misses, m) = (&keys, &misses, &m);
    let mut j = b.jobs();
    j.time("insert_random_str24", n, n as f64, move || {
        let m = build(keys);
        escape(&m);
        assert_eq!(m.len(), n, "insert_random: wrong size");
    });
    btree_lookups(&mut j, "lookup_hit_random_str24", n, m, keys, true);
    btree_lookups(&mut j, "lookup_miss_str24", n, m, misses, false);
    time_on_copies(
        &mut j,
        "erase_random_str24",
        n,
        move || m.clone(),
        move |c: &mut BTreeMap<String, u64>| {
            let mut erased = 0usize;
            for k in keys {
                erased += c.remove(k).is_some() as usize;
            }
            escape(&erased);
        },
        |copies: &[BTreeMap<String, u64>]| {
            for c in copies {
                assert!(c.is_empty(), "erase_random: map not empty");
            }
        },
    );
    j.run();
}

// ---- rc --------------------------------------------------------------------------------------

/// bench/groups/rc.cpp: Rc<u64> / Arc<u64>; the same loops and sizes.
const RC_MAX_N: usize = 100_000;
const RC_TWO_THREAD_N: usize = 100_000;

fn clone_drop_loop<P: Clone>(p: &P, n: usize) {
    for _ in 0..n {
        let c = p.clone();
        escape(&c);
    }
}

pub fn rc(b: &Bench) {
    use std::rc::Rc;
    use std::sync::Arc;
    for &n in &b.cfg.sizes {
        if n > RC_MAX_N {
            continue;
        }
        let ops = n as f64;
        let mut j = b.jobs();
        j.time("rc_make_drop", n, ops, move || {
            for i in 0..n as u64 {
                let p = Rc::new(i);
                escape(&p);
            }
        });
        j.time("arc_make_drop", n, ops, move || {
            for i in 0..n as u64 {
                let p = Arc::new(i);
                escape(&p);
            }
        });
        let r = Rc::new(7u64);
        j.time("rc_clone_drop", n, ops, move || clone_drop_loop(&r, n));
        let a = Arc::new(7u64);
        let a2 = a.clone();
        j.time("arc_clone_drop", n, ops, move || clone_drop_loop(&a, n));
        if n == RC_TWO_THREAD_N {
            j.time("arc_clone_drop_2t", n, ops, move || {
                std::thread::scope(|s| {
                    s.spawn(|| clone_drop_loop(&a2, n));
                    clone_drop_loop(&a2, n);
                });
            });
        }
        j.run();
    }
}

// ---- hash ------------------------------------------------------------------------------------

/// bench/groups/hash.cpp: HashMap<u64, u64> and HashMap<String, u64>, each workload twice: with
/// the default hasher (RandomState: SipHash-1-3) and, as `<workload>_common`, with CommonHasher
/// (the arithmetic of common_hash in hash.cpp). Same keys (hash_key_of, hash_miss_of, str24),
/// same sizes.
const HASH_SMALL_MAX_N: usize = 1_000_000;
const HASH_AGGREGATE_GOAL_N: usize = 6_000_000;
const HASH_MAX_LOOKUPS: usize = 1_000_000;

/// common_hash of hash.cpp: u64: fold(x ^ C0, C1); bytes: h = C0 ^ len, then h = fold(h ^ w, C1)
/// for each little-endian 8-byte word w (the last zero-padded). str's terminator byte
/// (write_u8) is ignored, so a String hashes exactly as in C++.
#[derive(Default)]
pub struct CommonHasher(u64);
const COMMON_C0: u64 = 0x243F6A8885A308D3;
const COMMON_C1: u64 = 0x9E3779B97F4A7C15;
fn common_fold(a: u64, b: u64) -> u64 {
    let p = (a as u128) * (b as u128);
    (p as u64) ^ ((p >> 64) as u64)
}
impl std::hash::Hasher for CommonHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = COMMON_C0 ^ bytes.len() as u64;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            h = common_fold(h ^ u64::from_le_bytes(c.try_into().unwrap()), COMMON_C1);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            h = common_fold(h ^ u64::from_le_bytes(w), COMMON_C1);
        }
        self.0 = h;
    }
    fn write_u8(&mut self, _: u8) {}
    fn write_u64(&mut self, x: u64) {
        self.0 = common_fold(x ^ COMMON_C0, COMMON_C1);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}
type Common = std::hash::BuildHasherDefault<CommonHasher>;
type SipDefault = std::collections::hash_map::RandomState;

fn hash_key_of(x: u64) -> u64 {
    x & !1
}
fn hash_miss_of(x: u64) -> u64 {
    x | 1
}

/// Boost.Unordered's uint64 benchmark at N = n / 3 with one lookup round (see hash.cpp); the
/// odd values are erased with retain (Rust has no erase-while-iterating).
fn hash_aggregate<S: std::hash::BuildHasher + std::default::Default>(keys: &[Vec<u64>; 3], n3: usize) -> u64 {
    let mut m: std::collections::HashMap<u64, u64, S> = std::collections::HashMap::default();
    for v in keys {
        for i in 0..n3 {
            m.entry(v[i]).or_insert(i as u64 + 1);
        }
    }
    let mut s = 0u64;
    let look = |m: &std::collections::HashMap<u64, u64, S>, s: &mut u64| {
        for v in keys {
            for k in v {
                if let Some(x) = m.get(k) {
                    *s = s.wrapping_add(*x);
                }
            }
        }
    };
    look(&m, &mut s);
    m.retain(|_, v| *v & 1 == 0);
    look(&m, &mut s);
    for v in keys {
        for k in &v[..n3] {
            m.remove(k);
        }
    }
    assert!(m.is_empty(), "aggregate: map not empty at the end");
    s
}

fn hash_lookups<K: std::hash::Hash + Eq, S: std::hash::BuildHasher>(
    m: &std::collections::HashMap<K, u64, S>,
    q: &[K],
    hit: bool,
) {
    let mut sum = 0u64;
    let mut found = 0usize;
    for k in q {
        if let Some(v) = m.get(k) {
            sum = sum.wrapping_add(*v);
            found += 1;
        }
    }
    escape(&sum);
    assert_eq!(found, if hit { q.len() } else { 0 }, "lookup: wrong number of hits");
}

/// Ankerl's RandomInsertErase at one mask (see hash.cpp).
fn hash_insert_erase<S: std::hash::BuildHasher + std::default::Default + 'static>(
    j: &mut Jobs<'_>,
    workload: &'static str,
    n: usize,
    high: bool,
) {
    let mut bits = 1u32;
    while (1usize << bits) < 2 * n {
        bits += 1;
    }
    let low = (1u64 << bits) - 1;
    let mask = if high { low << (64 - bits) } else { low };
    let mut r = SplitMix64::new(99);
    let mut m: std::collections::HashMap<u64, u64, S> = std::collections::HashMap::default();
    for i in 0..4 * n as u64 {
        m.insert(r.next() & mask, i);
        m.remove(&(r.next() & mask));
    }
    j.time(workload, n, n as f64, move || {
        for i in 0..n as u64 {
            m.insert(r.next() & mask, i);
            m.remove(&(r.next() & mask));
        }
        escape(&m);
    });
}

pub fn hash(b: &Bench) {
    for &n in &b.cfg.sizes {
        let mut j = b.jobs();
        if n <= HASH_SMALL_MAX_N || n == 10_000_000 {
            let an = if n <= HASH_SMALL_MAX_N { n } else { HASH_AGGREGATE_GOAL_N };
            let n3 = an / 3;
            let d = b.data(2 * n3);
            let keys: [Vec<u64>; 3] = [
                (1..=2 * n3 as u64).collect(),
                d.to_vec(),
                (1..=2 * n3 as u64).map(|i| i.swap_bytes()).collect(),
            ];
            let keys = std::rc::Rc::new(keys);
            let (k1, k2) = (keys.clone(), keys.clone());
            let ops = (21 * n3) as f64;
            j.time("boost_uint64_aggregate", an, ops, move || {
                escape(&hash_aggregate::<SipDefault>(&k1, n3));
            });
            j.time("boost_uint64_aggregate_common", an, ops, move || {
                escape(&hash_aggregate::<Common>(&k2, n3));
            });
        }
        let src = b.data(n);
        let count = n.min(HASH_MAX_LOOKUPS);
        let hits: Vec<u64> = src[..count].iter().map(|&x| hash_key_of(x)).collect();
        let misses: Vec<u64> = src[..count].iter().map(|&x| hash_miss_of(x)).collect();
        let md: std::collections::HashMap<u64, u64, SipDefault> =
            src.iter().enumerate().map(|(i, &x)| (hash_key_of(x), i as u64)).collect();
        let mc: std::collections::HashMap<u64, u64, Common> =
            src.iter().enumerate().map(|(i, &x)| (hash_key_of(x), i as u64)).collect();
        let (md, mc, hits, misses) = (std::rc::Rc::new(md), std::rc::Rc::new(mc), std::rc::Rc::new(hits), std::rc::Rc::new(misses));
        let ops = count as f64;
        {
            let (m, q) = (md.clone(), hits.clone());
            j.time("lookup_hit", n, ops, move || hash_lookups(&m, &q, true));
            let (m, q) = (mc.clone(), hits.clone());
            j.time("lookup_hit_common", n, ops, move || hash_lookups(&m, &q, true));
            let (m, q) = (md.clone(), misses.clone());
            j.time("lookup_miss", n, ops, move || hash_lookups(&m, &q, false));
            let (m, q) = (mc.clone(), misses.clone());
            j.time("lookup_miss_common", n, ops, move || hash_lookups(&m, &q, false));
        }
        if n <= HASH_SMALL_MAX_N {
            hash_insert_erase::<SipDefault>(&mut j, "insert_erase_mask_low", n, false);
            hash_insert_erase::<Common>(&mut j, "insert_erase_mask_low_common", n, false);
            hash_insert_erase::<SipDefault>(&mut j, "insert_erase_mask_high", n, true);
            hash_insert_erase::<Common>(&mut j, "insert_erase_mask_high_common", n, true);
            let sk: Vec<String> = src.iter().map(|&x| str24(hash_key_of(x))).collect();
            let sq: Vec<String> = sk[..count].to_vec();
            let smd: std::collections::HashMap<String, u64, SipDefault> =
                sk.iter().enumerate().map(|(i, k)| (k.clone(), i as u64)).collect();
            let smc: std::collections::HashMap<String, u64, Common> =
                sk.iter().enumerate().map(|(i, k)| (k.clone(), i as u64)).collect();
            let sq = std::rc::Rc::new(sq);
            let q1 = sq.clone();
            j.time("lookup_hit_str24", n, ops, move || hash_lookups(&smd, &q1, true));
            let q2 = sq.clone();
            j.time("lookup_hit_str24_common", n, ops, move || hash_lookups(&smc, &q2, true));
        }
        j.run();
    }
}
