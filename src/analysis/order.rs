//! Sorting result lists through one shared sort.
//!
//! Every `sort_by` on a new element type or closure compiles the whole standard sort again
//! (several kilobytes of wasm each). Result lists are short — units, arcs, entries — so they are
//! sorted here through one sort of `u32` indices with a `dyn` comparison, which is compiled
//! once, and then rearranged. Stable, like `sort_by`.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`.
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<u32> = (0..v.len() as u32).collect();
    sort_indices(&mut order, &|a, b| cmp(&v[a], &v[b]));
    permute(&mut order, &mut |a, b| v.swap(a, b));
}

/// Rearranges a list in place so that position `k` holds what was at `order[k]`, through
/// `swap`: following each cycle of the permutation, one swap per element moved. Not generic,
/// so that no list type compiles a rearranging of its own.
fn permute(order: &mut [u32], swap: &mut dyn FnMut(usize, usize)) {
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = order[at] as usize;
            // Done: this position already holds its element.
            order[at] = at as u32;
            if from == start || from == at {
                break;
            }
            swap(at, from);
            at = from;
        }
    }
}

/// Sorts positions `order` stably by `cmp` (of two positions).
pub(crate) fn sort_indices(order: &mut [u32], cmp: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a as usize, b as usize));
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorts_stably() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        super::sort_by(&mut v, |a, b| a.0.cmp(&b.0));
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);
    }

    #[test]
    fn rearranges_every_permutation_of_five() {
        // All 120 orders of five distinct values, each sorted back.
        let mut seen = 0;
        for code in 0..5u32.pow(5) {
            let v: Vec<u32> = (0..5).map(|i| code / 5u32.pow(i) % 5).collect();
            let mut distinct = v.clone();
            distinct.sort();
            distinct.dedup();
            if distinct.len() < 5 {
                continue;
            }
            let mut w: Vec<String> = v.iter().map(|x| x.to_string()).collect();
            super::sort_by(&mut w, |a, b| a.cmp(b));
            assert_eq!(w, ["0", "1", "2", "3", "4"], "from {v:?}");
            seen += 1;
        }
        assert_eq!(seen, 120);
    }
}
