//! Sliver columns and rows: a column or row narrower than
//! [`TableSettings::sliver_width`] in which no character lies is not one a
//! reader sees. It comes from lines a few points apart that are one border
//! to the eye — a shaded cell's fill inset from its border, white gaps
//! between fills, a hand-dragged vertical a few points off the one below
//! it, a double rule wider than the snap tolerance. The lines fencing it
//! become one line at their mean position, edges included, so the cells on
//! either side meet there.

use super::{Boundaries, CellLayout, Edge, Frame, StageContext};

/// Groups of boundaries that fence off only slivers: runs of consecutive
/// boundaries in which every gap is narrower than `sliver` and holds no
/// character (`occupied[k]` for the gap after `bounds[k]`). Each group
/// becomes one boundary at its mean; returns (new boundaries, for each old
/// boundary the index of its new one).
fn collapse(bounds: &[f32], occupied: &[bool], sliver: f32) -> (Vec<f32>, Vec<usize>) {
    let mut out: Vec<f32> = Vec::with_capacity(bounds.len());
    let mut map = Vec::with_capacity(bounds.len());
    let mut k = 0;
    while k < bounds.len() {
        let mut j = k;
        while j + 1 < bounds.len() && !occupied[j] && bounds[j + 1] - bounds[j] < sliver {
            j += 1;
        }
        let group = &bounds[k..=j];
        out.push(group.iter().sum::<f32>() / group.len() as f32);
        map.extend(std::iter::repeat_n(out.len() - 1, j - k + 1));
        k = j + 1;
    }
    (out, map)
}

/// Moves each edge of one orientation whose nearest boundary was collapsed
/// onto that boundary's new position.
fn move_edges(edges: &mut [Edge], old: &[f32], new: &[f32], map: &[usize], snap: f32) {
    for e in edges {
        let k = old.partition_point(|&b| b < e.position);
        let nearest = [k.checked_sub(1), (k < old.len()).then_some(k)]
            .into_iter()
            .flatten()
            .min_by(|&a, &b| (old[a] - e.position).abs().total_cmp(&(old[b] - e.position).abs()));
        if let Some(n) = nearest
            && (old[n] - e.position).abs() <= snap
        {
            e.position = new[map[n]];
        }
    }
}

/// The layout's frame and boundaries with sliver columns and rows collapsed
/// (the lines fencing a sliver become one line at their mean), or `None`
/// when there is no sliver (the layout stands). A table needs at least two
/// slots, so a table of slivers only is left alone. `near` lists the
/// glyphs (indices into `glyphs`) in the frame's box.
pub fn absorb_slivers(frame: &Frame, layout: &CellLayout, stage: &StageContext) -> Option<(Frame, Boundaries)> {
    let StageContext { glyphs, near, taken, settings } = *stage;
    let b = &layout.boundaries;
    let (cols, rows) = (layout.cols(), layout.rows());
    if cols == 0 || rows == 0 {
        return None;
    }
    let mut col_used = vec![false; cols];
    let mut row_used = vec![false; rows];
    for &i in near {
        let g = &glyphs[i];
        if taken.get(i).copied().unwrap_or(false) || g.text.trim().is_empty() {
            continue;
        }
        let (cx, cy) = (g.rect.center_x(), g.rect.center_y());
        if !(b.xs[0] < cx && cx < b.xs[cols] && b.ys[0] < cy && cy < b.ys[rows]) {
            continue;
        }
        col_used[b.xs.partition_point(|&x| x <= cx).saturating_sub(1).min(cols - 1)] = true;
        row_used[b.ys.partition_point(|&y| y <= cy).saturating_sub(1).min(rows - 1)] = true;
    }
    let (xs, x_map) = collapse(&b.xs, &col_used, settings.sliver_width);
    let (ys, y_map) = collapse(&b.ys, &row_used, settings.sliver_width);
    if (xs.len() == b.xs.len() && ys.len() == b.ys.len()) || xs.len() < 2 || ys.len() < 2 {
        return None;
    }
    let mut frame = frame.clone();
    move_edges(&mut frame.vertical, &b.xs, &xs, &x_map, settings.snap_tolerance);
    move_edges(&mut frame.horizontal, &b.ys, &ys, &y_map, settings.snap_tolerance);
    Some((frame, Boundaries { xs, ys, ..b.clone() }))
}

#[cfg(test)]
mod tests {
    use super::collapse;

    #[test]
    fn empty_slivers_collapse_into_one_boundary_and_text_keeps_its_columns() {
        // Columns: 0–3 (empty sliver), 3–50, 50–53 and 53–56 (empty
        // slivers), 56–100, 100–103 (empty sliver at the far end).
        let bounds = [0.0, 3.0, 50.0, 53.0, 56.0, 100.0, 103.0];
        let occupied = [false, true, false, false, true, false];
        let (new, map) = collapse(&bounds, &occupied, 8.0);
        assert_eq!(new, vec![1.5, 53.0, 101.5]);
        assert_eq!(map, vec![0, 0, 1, 1, 1, 2, 2]);
        // A narrow column holding text stays.
        let (new, _) = collapse(&bounds, &[true; 6], 8.0);
        assert_eq!(new, bounds.to_vec());
    }
}
