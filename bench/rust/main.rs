// bench/rust/main.rs — the Rust peer: the same workloads as the C++ groups, on Rust's std
// collections (global allocator: the system one, i.e. glibc malloc as under the C++ peers),
// with the same data (splitmix64, same seed) and the same row format on stdout.
//
//   rustc --edition 2021 -C opt-level=3 -C codegen-units=1 -C panic=abort main.rs -o rust_bench
//   rust_bench GROUP [--quick] [--sizes=1000,100000] [--reps=5] [--min-time=0.05]
//   rust_bench --list        the groups it has
//
// Timing, as Google Benchmark does it for the C++ side (see Jobs): repetitions of all
// workloads randomly interleaved; per workload, a warm-up of min_time / 2 (from n = 10^6 up
// none, and at most 3 repetitions), then the iteration
// count grows until one run lasts min_time; that run and reps-1 more with the same count are
// the repetitions; the row is the median time per iteration divided by the operations per
// iteration.
//
// Adding a group: a function in groups.rs and one line in GROUPS below.
mod groups;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};

/// The system allocator (glibc malloc), which also adds the bytes it hands out to REQUESTED
/// while COUNTING is on: a metric row switches it on around one single-threaded build (see
/// requested_bytes_of). Off, the cost is one relaxed load and a predictable branch.
struct CountingSystem;
static COUNTING: AtomicBool = AtomicBool::new(false);
static REQUESTED: AtomicUsize = AtomicUsize::new(0);
fn count(add: usize, sub: usize) {
    if COUNTING.load(Relaxed) {
        REQUESTED.store(REQUESTED.load(Relaxed).wrapping_add(add).wrapping_sub(sub), Relaxed);
    }
}
unsafe impl GlobalAlloc for CountingSystem {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        count(l.size(), 0);
        System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        count(0, l.size());
        System.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new_size: usize) -> *mut u8 {
        count(new_size, l.size());
        System.realloc(p, l, new_size)
    }
}
#[global_allocator]
static GLOBAL: CountingSystem = CountingSystem;

/// Runs build with allocation counting on and returns what it built and the bytes it requested
/// from the allocator and still holds (malloc's chunk overhead not included), as
/// bench::counting_std_allocator does on the C++ side.
pub fn requested_bytes_of<T>(build: impl FnOnce() -> T) -> (T, usize) {
    REQUESTED.store(0, Relaxed);
    COUNTING.store(true, Relaxed);
    let t = build();
    COUNTING.store(false, Relaxed);
    (t, REQUESTED.load(Relaxed))
}


const GROUPS: &[(&str, fn(&Bench))] = &[
    ("vec", groups::vec),
    ("string", groups::string),
    ("deque", groups::deque),
    ("heap", groups::heap),
    ("list", groups::list),
    ("btree", groups::btree),
    ("rc", groups::rc),
    ("hash", groups::hash),
];

pub struct Config {
    pub quick: bool,
    pub sizes: Vec<usize>,
    pub reps: usize,
    pub min_time: f64,
}

/// splitmix64 (Vigna), bit for bit the generator of bench/common/harness.hpp.
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e3779b97f4a7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        z ^ (z >> 31)
    }
    /// In [0, n), n > 0 (modulo, as in C++).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The seed of the workload data: data(n) is the first n outputs of SplitMix64::new(DATA_SEED).
pub const DATA_SEED: u64 = 42;
/// The smallest n of every run (bench::first_size): size-independent workloads register with it.
pub const FIRST_SIZE: usize = 1000;

#[repr(C)]
struct Timespec {
    tv_sec: i64,
    tv_nsec: i64,
}
extern "C" {
    fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
}
const CLOCK_THREAD_CPUTIME_ID: i32 = 3;

/// The calling thread's CPU time in seconds (user + system; time spent preempted by other
/// processes is not counted): the clock of bench::thread_cpu_seconds() in C++, and of Google
/// Benchmark's CPU time.
pub fn thread_cpu_seconds() -> f64 {
    let mut ts = Timespec { tv_sec: 0, tv_nsec: 0 };
    unsafe {
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts);
    }
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// Keeps the compiler from optimising x (and what it points to) away, like
/// benchmark::DoNotOptimize: an empty asm statement that may read and write all memory.
#[inline(always)]
pub fn escape<T>(x: &T) {
    unsafe {
        std::arch::asm!("/* {0} */", in(reg) x as *const T, options(nostack, preserves_flags));
    }
}

pub struct Bench {
    pub cfg: Config,
    group: &'static str,
    data: Vec<u64>,
}

impl Bench {
    /// n pseudo-random u64 values, the same as bench::data(n) in C++.
    pub fn data(&self, n: usize) -> &[u64] {
        &self.data[..n]
    }

    /// Prints a row that is not a time (bench::emit_metric in C++).
    pub fn metric(&self, workload: &str, n: usize, metric: &str, value: f64) {
        println!(
            "{{\"group\":\"{}\",\"workload\":\"{}\",\"n\":{},\"impl\":\"rust\",\"metric\":\"{}\",\"value\":{}}}",
            self.group,
            workload,
            n,
            metric,
            fmt_g6(value)
        );
    }

    /// An empty set of timed workloads (see Jobs).
    pub fn jobs(&self) -> Jobs<'_> {
        Jobs { bench: self, jobs: Vec::new() }
    }
}

/// Timed workloads registered together and run as the C++ side runs them: the repetitions
/// of all of them in random order (Google Benchmark's random interleaving), so that a change
/// in the machine's load spreads over all of them. Each one's first repetition warms up
/// (min_time / 2) and finds the iteration count (grown until a run lasts min_time); the
/// other repetitions use that count. Rows are printed in registration order by run().
pub struct Jobs<'a> {
    bench: &'a Bench,
    jobs: Vec<Job<'a>>,
}

struct Job<'a> {
    workload: &'static str,
    n: usize,
    ops: f64,
    run: Box<dyn FnMut(u64) -> f64 + 'a>,
    iters: u64,
    per_iter: Vec<f64>,
}

impl<'a> Jobs<'a> {
    /// A workload whose iterations are timed whole: f() is one iteration of `ops` operations.
    pub fn time<F: FnMut() + 'a>(&mut self, workload: &'static str, n: usize, ops: f64, mut f: F) {
        self.time_manual(workload, n, ops, move |iters| {
            let t = thread_cpu_seconds();
            for _ in 0..iters {
                f();
            }
            thread_cpu_seconds() - t
        });
    }

    /// A workload that measures itself: run(iters) performs iters iterations and returns the
    /// seconds (thread_cpu_seconds) of their timed parts, so per-iteration set-up can stay
    /// untimed.
    pub fn time_manual<F: FnMut(u64) -> f64 + 'a>(&mut self, workload: &'static str, n: usize, ops: f64, run: F) {
        self.jobs.push(Job { workload, n, ops, run: Box::new(run), iters: 0, per_iter: Vec::new() });
    }

    pub fn run(mut self) {
        let reps = self.bench.cfg.reps.max(1);
        // At most LARGE_N_REPS repetitions from n = LARGE_N up, as on the C++ side.
        let reps_of = |n: usize| if n < LARGE_N { reps } else { reps.min(LARGE_N_REPS) };
        let mut order: Vec<usize> =
            (0..self.jobs.len()).flat_map(|j| std::iter::repeat(j).take(reps_of(self.jobs[j].n))).collect();
        let mut rng = SplitMix64::new(1);
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i as u64 + 1) as usize);
        }
        let min_time = self.bench.cfg.min_time;
        for j in order {
            let job = &mut self.jobs[j];
            if job.iters == 0 {
                first_repetition(job, min_time);
            } else {
                let t = (job.run)(job.iters);
                job.per_iter.push(t / job.iters as f64);
            }
        }
        for job in &mut self.jobs {
            let ns = median(&mut job.per_iter) * 1e9 / job.ops;
            println!(
                "{{\"group\":\"{}\",\"workload\":\"{}\",\"n\":{},\"impl\":\"rust\",\"ns_per_op\":{},\"bytes_per_elem\":null}}",
                self.bench.group,
                job.workload,
                job.n,
                fmt_g6(ns)
            );
        }
    }
}

/// From this n up, a workload has no warm-up and at most LARGE_N_REPS repetitions
/// (bench/README.md, rule 5).
const LARGE_N: usize = 1_000_000;
const LARGE_N_REPS: usize = 3;

/// Warm-up (Google Benchmark's MinWarmUpTime(min_time / 2), as the C++ side sets it), then
/// the iteration count grows until one run lasts min_time; that run is the first repetition.
fn first_repetition(job: &mut Job, min_time: f64) {
    let mut iters: u64 = 1;
    // No warm-up from n = 10^6 up (LARGE_N), as on the C++ side.
    let mut warm = if job.n < LARGE_N { 0.0 } else { min_time };
    while warm < min_time / 2.0 {
        warm += (job.run)(iters);
        iters *= 2;
    }
    iters = 1;
    loop {
        let t = (job.run)(iters);
        if t >= min_time || iters >= 1_000_000_000 {
            job.iters = iters;
            job.per_iter.push(t / iters as f64);
            return;
        }
        // Google Benchmark's prediction: aim at 1.4 x min_time, at most 10x per step.
        let mult = if t / min_time > 0.1 { min_time * 1.4 / t.max(1e-9) } else { 10.0 };
        iters = ((iters as f64 * mult) as u64).max(iters + 1);
    }
}

pub fn median(xs: &mut [f64]) -> f64 {
    xs.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let m = xs.len() / 2;
    if xs.len() % 2 == 1 {
        xs[m]
    } else {
        (xs[m - 1] + xs[m]) / 2.0
    }
}

/// Six significant digits, like printf("%.6g") for the values we print (no exponent).
fn fmt_g6(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return "0".to_string();
    }
    let digits = 5 - x.abs().log10().floor() as i32;
    let s = format!("{:.*}", digits.max(0) as usize, x);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// As settle_glibc_malloc in bench/common/harness.cpp: raise glibc's dynamic mmap threshold
/// to its maximum (32 MiB) by freeing one mmap'ed block just under it, so that no process's
/// history decides whether a block of a few MiB is mmap'ed.
fn settle_glibc_malloc() {
    let v: Vec<u8> = Vec::with_capacity((32 << 20) - (64 << 10));
    escape(&v);
}

fn main() {
    assert_eq!(SplitMix64::new(0).next(), 0xe220a8397b1dcdaf, "splitmix64 is broken");
    let mut cfg = Config {
        quick: false,
        sizes: vec![1000, 10_000, 100_000, 1_000_000, 10_000_000],
        reps: 5,
        min_time: 0.05,
    };
    let mut group = None;
    for a in std::env::args().skip(1) {
        if a == "--list" {
            for (name, _) in GROUPS {
                println!("{}", name);
            }
            return;
        } else if a == "--quick" {
            cfg.quick = true;
        } else if let Some(v) = a.strip_prefix("--sizes=") {
            cfg.sizes = v.split(',').filter(|s| !s.is_empty()).map(|s| s.parse().expect("--sizes")).collect();
        } else if let Some(v) = a.strip_prefix("--reps=") {
            cfg.reps = v.parse().expect("--reps");
        } else if let Some(v) = a.strip_prefix("--min-time=") {
            cfg.min_time = v.parse().expect("--min-time");
        } else if group.is_none() && !a.starts_with('-') {
            group = Some(a);
        } else {
            eprintln!("rust_bench: unknown argument {}", a);
            std::process::exit(2);
        }
    }
    let group = group.unwrap_or_else(|| {
        eprintln!("usage: rust_bench GROUP [--quick] [--sizes=a,b] [--reps=N] [--min-time=S]");
        std::process::exit(2);
    });
    let entry = GROUPS.iter().find(|(name, _)| *name == group);
    let (name, run) = match entry {
        Some(e) => *e,
        None => {
            eprintln!("rust_bench: no Rust workloads for group {}", group);
            return;
        }
    };
    settle_glibc_malloc();
    let max_n = cfg.sizes.iter().copied().max().unwrap_or(0);
    let mut rng = SplitMix64::new(DATA_SEED);
    let data = (0..max_n).map(|_| rng.next()).collect();
    run(&Bench { cfg, group: name, data });
}
