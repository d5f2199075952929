//! Sorting result lists through one shared sort.
//!
//! Every `sort_by` on a new element type or closure compiles the whole standard sort again
//! (several kilobytes of wasm each). Result lists are short — units, arcs, entries — so they are
//! sorted here through one sort of `u32` indices with a `dyn` comparison, which is compiled
//! once, and then rearranged. Stable, like `sort_by`.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`.
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<u32> = (0..v.len() as u32).collect();
    sort_indices(&mut order, &|a, b| cmp(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.iter().filter_map(|&i| slots[i as usize].take()));
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
}
