//! Tables the rejoin kept apart that a reader still reads as parts of one
//! table of a known kind: a header table and its body on the next page with
//! a different column count, a sub-table set apart by a line of text.
//!
//! The rejoin joins grids it can line up; this step only groups whole
//! tables, and only for a caller who can tell kinds of table apart (the
//! report layer, by its template's labels). The caller hands in, for each
//! table in document order, how strongly its text names each kind (a count
//! of signal labels, 0 for none); the grouping rules live here, so there is
//! one place that decides which tables belong together.

use std::ops::Range;

/// The tables of each kind, as runs of neighbouring tables, first part
/// first: `scores[t][k]` is how strongly table `t` names kind `k`, and a
/// table needs `min_score` to be taken for a kind.
///
/// Strongest evidence first, so a table is claimed by the kind it fits
/// best; a kind claims one table. Then the parts the rejoin could not join,
/// in document order: tables before it that show some sign of being this
/// kind, and tables after it that look like no other kind — each table in
/// one run at most.
pub fn group_parts<const K: usize>(scores: &[[usize; K]], min_score: usize) -> [Option<Range<usize>>; K] {
    let mut taken = vec![false; scores.len()];
    let mut found: [Option<Range<usize>>; K] = std::array::from_fn(|_| None);
    let mut claims: Vec<(usize, usize, usize)> = Vec::new();
    for (t, s) in scores.iter().enumerate() {
        for (k, &score) in s.iter().enumerate() {
            if score >= min_score {
                claims.push((score, k, t));
            }
        }
    }
    claims.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)).then(a.1.cmp(&b.1)));
    for (_, k, t) in claims {
        if found[k].is_some() || taken[t] {
            continue;
        }
        taken[t] = true;
        let looks_like_no_other = |i: usize| scores[i].iter().enumerate().all(|(j, &s)| j == k || s < min_score);
        let mut first = t;
        while first > 0 && !taken[first - 1] && scores[first - 1][k] > 0 && looks_like_no_other(first - 1) {
            first -= 1;
            taken[first] = true;
        }
        let mut end = t + 1;
        while end < scores.len() && !taken[end] && looks_like_no_other(end) {
            taken[end] = true;
            end += 1;
        }
        found[k] = Some(first..end);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_strongest_table_of_each_kind_takes_its_neighbours() {
        // 0: a part of kind 0 with one signal; 1: kind 0, strong; 2: no
        // signal (a body part); 3: kind 1; 4: kind 1 again, weaker, left alone.
        let scores = [[1, 0], [4, 0], [0, 0], [0, 3], [0, 2]];
        assert_eq!(group_parts(&scores, 2), [Some(0..3), Some(3..5)]);
    }

    #[test]
    fn a_table_that_names_another_kind_is_never_a_part() {
        let scores = [[3, 0], [1, 2]];
        assert_eq!(group_parts(&scores, 2), [Some(0..1), Some(1..2)]);
        // A table before, naming another kind too, is not taken backwards.
        let scores = [[1, 2], [3, 0]];
        assert_eq!(group_parts(&scores, 2), [Some(1..2), Some(0..1)]);
    }

    #[test]
    fn nothing_strong_enough_no_group() {
        assert_eq!(group_parts(&[[1, 1], [0, 0]], 2), [None, None]);
    }
}
