//! Exact statistics of a set of durations.

use crate::store::Id;
use serde::Serialize;

/// Exact statistics of durations in milliseconds (nothing sampled).
///
/// `medianMs` is the middle value, or the mean of the two middle values; `p90Ms`/`p95Ms`
/// interpolate linearly between closest ranks (NumPy's default); `stdevMs` is the sample
/// standard deviation (n − 1, as pandas and PM4Py), 0 for fewer than two values.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    /// Number of values.
    pub count: u64,
    /// Arithmetic mean.
    pub mean_ms: f64,
    /// Median.
    pub median_ms: f64,
    /// 90th percentile.
    pub p90_ms: f64,
    /// 95th percentile.
    pub p95_ms: f64,
    /// Smallest value.
    pub min_ms: i64,
    /// Largest value.
    pub max_ms: i64,
    /// Sum.
    pub sum_ms: i64,
    /// Sample standard deviation.
    pub stdev_ms: f64,
}

impl Stats {
    /// Statistics of `values`, which are sorted in place.
    pub fn of(values: &mut [i64]) -> Stats {
        values.sort_unstable();
        Stats::of_sorted(values)
    }

    /// Statistics of values already sorted ascending.
    pub fn of_sorted(values: &[i64]) -> Stats {
        let n = values.len();
        if n == 0 {
            return Stats::default();
        }
        let sum: i64 = values.iter().sum();
        let mean = sum as f64 / n as f64;
        let stdev = if n < 2 {
            0.0
        } else {
            let ss: f64 = values.iter().map(|&v| (v as f64 - mean).powi(2)).sum();
            (ss / (n - 1) as f64).sqrt()
        };
        Stats {
            count: n as u64,
            mean_ms: mean,
            median_ms: quantile_sorted(values, 0.5),
            p90_ms: quantile_sorted(values, 0.9),
            p95_ms: quantile_sorted(values, 0.95),
            min_ms: values[0],
            max_ms: values[n - 1],
            sum_ms: sum,
            stdev_ms: stdev,
        }
    }
}

/// Mean and median of `values` (reordered in place) in linear time, for figures that need
/// nothing else: no full sort.
pub fn mean_and_median(values: &mut [i64]) -> (f64, f64) {
    let n = values.len();
    if n == 0 {
        return (0.0, 0.0);
    }
    let mean = values.iter().sum::<i64>() as f64 / n as f64;
    let upper = select(values, n / 2);
    let median = if n % 2 == 1 {
        upper as f64
    } else {
        let lower = values[..n / 2].iter().copied().max().unwrap_or(upper);
        (lower as f64 + upper as f64) / 2.0
    };
    (mean, median)
}

/// The value of rank `k` of `values` (`k < values.len()`), which are reordered so that none
/// before `k` is greater and none after is smaller. Quickselect: the median of the first,
/// middle and last values as pivot, of three values at pseudo-random places once a split went
/// badly (organ-pipe or sawtooth durations defeat fixed places); branch-free partitions (the
/// values below the pivot, then, when the rank is not among them, those equal to it: durations
/// repeat a lot). After log2(n) bad splits (more than three quarters kept) what is left is
/// sorted, so never worse than O(n log n). Not the standard `select_nth_unstable`: its
/// worst-case machinery is 1.4 KB of gzip wasm; the sort is compiled already.
fn select(values: &mut [i64], k: usize) -> i64 {
    select_within(values, k, usize::BITS - values.len().leading_zeros())
}

/// [`select`], sorting after `bad_splits` bad splits.
fn select_within(values: &mut [i64], k: usize, bad_splits: u32) -> i64 {
    // Moves the values of `v` for which `before` holds to its front, in one branch-free pass;
    // how many there are.
    fn partition(v: &mut [i64], before: impl Fn(i64) -> bool) -> usize {
        let mut n = 0;
        for i in 0..v.len() {
            let x = v[i];
            v.swap(i, n);
            n += usize::from(before(x));
        }
        n
    }
    let (mut lo, mut hi) = (0, values.len());
    let (mut bad, mut seed) = (0, values.len() as u64 | 1);
    while hi - lo > 16 && bad <= bad_splits {
        let len = hi - lo;
        // The first, middle and last values; after a bad split, values at pseudo-random places.
        let mut at = 0;
        let mut pick = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            at += 1;
            let place = if bad == 0 { (len - 1) * (at - 1) / 2 } else { (seed % len as u64) as usize };
            values[lo + place]
        };
        let (a, b, c) = (pick(), pick(), pick());
        let pivot = a.max(b).min(a.min(b).max(c));
        let below = lo + partition(&mut values[lo..hi], |x| x < pivot);
        if k < below {
            hi = below;
        } else {
            let equal = below + partition(&mut values[below..hi], |x| x == pivot);
            if k < equal {
                return pivot;
            }
            lo = equal;
        }
        bad += u32::from((hi - lo) * 4 > len * 3);
    }
    values[lo..hi].sort_unstable();
    values[k]
}

/// Quantile `q` (0..=1) of sorted values, interpolating linearly between closest ranks.
pub fn quantile_sorted(values: &[i64], q: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let pos = q * (values.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    let frac = pos - lo as f64;
    values[lo] as f64 + (values[hi] - values[lo]) as f64 * frac
}

/// Calls `f(key, sorted values)` for each key of the pairs, in ascending key order.
///
/// Keys are usually dense small integers (unit, level, or a [`pair_key`] of two units): then a
/// counting sort places the values by key in one pass and only each group's values are sorted,
/// which is several times faster than sorting the pairs. Sparse keys fall back to sorting.
pub fn for_each_group(pairs: &[(u64, i64)], mut f: impl FnMut(u64, &[i64])) {
    // One compiled body for every caller (a dozen closures would each copy it, 1 KB of wasm
    // each); the callback runs once per group, so its indirect call costs nothing measurable.
    group_pairs(pairs, &mut f)
}

fn group_pairs(pairs: &[(u64, i64)], f: &mut dyn FnMut(u64, &[i64])) {
    let max = pairs.iter().map(|p| p.0).max().unwrap_or(0);
    if max < (1 << 24) && max <= 4 * pairs.len() as u64 + 1024 {
        let k = max as usize + 1;
        let mut start = vec![0u32; k + 1];
        for p in pairs.iter() {
            start[p.0 as usize + 1] += 1;
        }
        for i in 0..k {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut values = vec![0i64; pairs.len()];
        for p in pairs.iter() {
            let slot = &mut fill[p.0 as usize];
            values[*slot as usize] = p.1;
            *slot += 1;
        }
        for key in 0..k {
            let group = &mut values[start[key] as usize..start[key + 1] as usize];
            if !group.is_empty() {
                group.sort_unstable();
                f(key as u64, group);
            }
        }
        return;
    }
    // Sparse keys (few pairs under large keys): positions ordered by key through the shared
    // index sort, then each group's values sorted as above; no sort of pairs compiled.
    let mut order: Vec<u32> = (0..pairs.len() as u32).collect();
    super::order::sort_indices(&mut order, &|a, b| pairs[a].0.cmp(&pairs[b].0));
    let mut buf = Vec::new();
    let mut i = 0;
    while i < order.len() {
        let key = pairs[order[i] as usize].0;
        buf.clear();
        while i < order.len() && pairs[order[i] as usize].0 == key {
            buf.push(pairs[order[i] as usize].1);
            i += 1;
        }
        buf.sort_unstable();
        f(key, &buf);
    }
}

/// A dense key for the ordered pair `(a, b)` of ids below `n`.
#[inline]
pub fn pair_key<I: Id>(a: I, b: I, n: usize) -> u64 {
    a.raw() as u64 * n as u64 + b.raw() as u64
}

/// The pair of a [`pair_key`].
#[inline]
pub fn split_pair<I: Id>(key: u64, n: usize) -> (I, I) {
    (I::from_raw((key / n as u64) as u32), I::from_raw((key % n as u64) as u32))
}

/// Statistics per key, sorted by key: `(key, stats)`.
pub fn stats_by_key(pairs: &[(u64, i64)]) -> Vec<(u64, Stats)> {
    let mut out = Vec::new();
    for_each_group(pairs, |k, v| out.push((k, Stats::of_sorted(v))));
    out
}

/// The stats of `key` in a list made by [`stats_by_key`].
pub fn lookup(list: &[(u64, Stats)], key: u64) -> Option<Stats> {
    list.binary_search_by_key(&key, |p| p.0).ok().map(|i| list[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_and_median_match_the_sorted_figures() {
        for v in [vec![5], vec![3, 1], vec![4, 1, 3, 2], vec![9, 9, 1, 5, 7, 3, 3], vec![-4, 10, 0, 2, 2, 8]] {
            let s = Stats::of(&mut v.clone());
            assert_eq!(mean_and_median(&mut v.clone()), (s.mean_ms, s.median_ms), "{v:?}");
        }
        assert_eq!(mean_and_median(&mut []), (0.0, 0.0));
    }

    /// `select` against a sort: random lists (few distinct values, many), sorted, reversed,
    /// organ-pipe and sawtooth, of every length up to 300, ranks across each; with the usual
    /// bad-split allowance and with none (the sort fallback); the partition around the rank holds.
    #[test]
    fn select_finds_every_rank() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for n in 1..300usize {
            for shape in 0..6 {
                let mut v: Vec<i64> = (0..n).map(|_| (next() % if shape == 0 { 3 } else { 1000 }) as i64).collect();
                match shape {
                    2 => v.sort_unstable(),
                    3 => v.sort_unstable_by(|a, b| b.cmp(a)),
                    4 => v = (0..n as i64).map(|i| i.min(n as i64 - i)).collect(),
                    5 => v = (0..n as i64).map(|i| i % 17).collect(),
                    _ => {}
                }
                let mut sorted = v.clone();
                sorted.sort_unstable();
                for k in (0..n).step_by(1 + n / 20) {
                    for bad_splits in [0, 9] {
                        let mut w = v.clone();
                        assert_eq!(select_within(&mut w, k, bad_splits), sorted[k], "n {n} shape {shape} k {k}");
                        assert!(w[..k].iter().all(|&x| x <= w[k]) && w[k + 1..].iter().all(|&x| x >= w[k]));
                    }
                }
            }
        }
    }

    #[test]
    fn exact_figures() {
        let s = Stats::of(&mut [4, 1, 3, 2]);
        assert_eq!((s.count, s.min_ms, s.max_ms, s.sum_ms), (4, 1, 4, 10));
        assert_eq!(s.mean_ms, 2.5);
        assert_eq!(s.median_ms, 2.5);
        // positions 2.7 and 2.85 between 3 and 4
        assert!((s.p90_ms - 3.7).abs() < 1e-9);
        assert!((s.p95_ms - 3.85).abs() < 1e-9);
        // sample variance of 1..4 = 5/3
        assert!((s.stdev_ms - (5.0f64 / 3.0).sqrt()).abs() < 1e-12);
        let one = Stats::of(&mut [7]);
        assert_eq!((one.median_ms, one.stdev_ms, one.p95_ms), (7.0, 0.0, 7.0));
        assert_eq!(Stats::of(&mut []).count, 0);
    }

    #[test]
    fn grouping_dense_and_sparse_keys_agree() {
        let pairs: Vec<(u64, i64)> = (0..500).map(|i| ((i * 7 % 13) as u64, (i * 31 % 101) as i64)).collect();
        let collect = |pairs: &mut Vec<(u64, i64)>| {
            let mut out = Vec::new();
            for_each_group(pairs, |k, v| out.push((k, v.to_vec())));
            out
        };
        let dense = collect(&mut pairs.clone());
        let mut sparse: Vec<(u64, i64)> = pairs.iter().map(|&(k, v)| (k << 40, v)).collect();
        let sparse: Vec<(u64, Vec<i64>)> = collect(&mut sparse).into_iter().map(|(k, v)| (k >> 40, v)).collect();
        assert_eq!(dense, sparse);
        assert_eq!(dense.len(), 13);
        assert!(dense.iter().all(|(_, v)| v.windows(2).all(|w| w[0] <= w[1])));
        use crate::store::UnitIx;
        let (a, b) = (UnitIx::from_index(3), UnitIx::from_index(5));
        assert_eq!(split_pair::<UnitIx>(pair_key(a, b, 10), 10), (a, b));
    }
}
