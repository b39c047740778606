// bench/rust/groups.rs — one function per benchmark group, each the Rust twin of
// bench/groups/<group>.cpp (same workload names, same data, same definitions).
use crate::{escape, thread_cpu_seconds, Bench};

const EXTEND_CHUNK: usize = 16;
const INSERT_FRONT_MAX_N: usize = 10_000;

/// Copies per iteration of retain_half (as retain_batch in vec.cpp): 2^16 elements' worth.
fn retain_batch(n: usize) -> usize {
    if n >= 65536 {
        1
    } else {
        65536 / n
    }
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
        let batch = retain_batch(n);
        j.time_manual("retain_half", n, (batch * n) as f64, move |iters| {
            let mut total = 0.0;
            let mut copies: Vec<Vec<u64>> = Vec::with_capacity(batch);
            for _ in 0..iters {
                copies.clear();
                for _ in 0..batch {
                    copies.push(src.to_vec());
                }
                let t = thread_cpu_seconds();
                for v in copies.iter_mut() {
                    v.retain(|&x| x & 1 == 0);
                    escape(v);
                }
                total += thread_cpu_seconds() - t;
                for v in &copies {
                    assert_eq!(v.len(), expected, "retain_half kept the wrong number of elements");
                }
            }
            total
        });
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
