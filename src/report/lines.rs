//! A statistics table read from positioned text lines, for when the layout
//! defeats the table finder (a table drawn without rulings). The template
//! still knows every column label and row label: header lines give each
//! column's position, every line below them a row — its label spans, and its
//! numbers placed under the header label they stand beneath. The result is a
//! plain table that the usual readers read by label, so the same
//! diagnostics, `complete` and 勾稽 checks apply. Never a guess: a number
//! that could belong to two columns is left out with a warning.
//!
//! Positions come from the front end as plain data ([`PlacedLine`]); this
//! module knows no file format.

use super::labels::{Label, MIN_SIMILARITY, best_match, similarity};
use super::template::TEMPLATES;
use crate::grid::is_value_text;
use crate::model::{Cell, Diagnostic, Grid, PlacedLine, Table, TextSpan};
use crate::text::official_number;

/// A number belongs to the header label whose centre is nearest only when
/// that distance is at most this share of the distance to the next nearest.
const NEAREST_RATIO: f32 = 0.6;
/// Lines of one table row (a label wrapped over lines, the numbers centred
/// beside it) lie at most this many ems apart (line spacing up to 1.5 at a
/// small size); rows have padding between.
const TIGHT_GAP_EM: f32 = 1.2;
/// Two header spans on consecutive header lines are one label split over
/// two lines when they overlap by this share of the narrower one.
const SPLIT_OVERLAP: f32 = 0.5;
/// … and lie at most this many ems apart vertically (tall header cells set
/// their lines wide apart).
const SPLIT_GAP_EM: f32 = 2.5;
/// A span longer than this is prose, not a column label: never matched.
const MAX_HEADER_LABEL_CHARS: usize = 24;
/// … nor a number (a number with a short note: "55（含自然失效29件）").
const MAX_VALUE_CHARS: usize = 16;
/// A header block is at most this many lines.
const MAX_HEADER_LINES: usize = 10;

/// What the reader needs to know of one statistics table.
pub struct Spec<'a> {
    pub name: &'a str,
    /// The labels of each leaf column.
    pub columns: Vec<&'a [Label]>,
    /// The labels of each group above the columns (行政复议 …); empty when none.
    pub groups: Vec<&'a [Label]>,
    /// Distinct column labels a header must show to open the table.
    pub min_columns: usize,
    /// … and a later header to be taken for one (a header repeated on a new
    /// page, or a sub-table's own header in the proactive table).
    pub min_repeat_columns: usize,
}

impl Spec<'_> {
    /// Synthesized value columns: one per column, or per (group, column).
    fn leaves(&self) -> usize {
        self.columns.len() * self.groups.len().max(1)
    }
}

/// A header label that fixes a value column's position.
#[derive(Debug, Clone)]
struct Anchor {
    leaf: usize,
    column: usize,
    group: Option<usize>,
    text: String,
    x0: f32,
    x1: f32,
}

impl Anchor {
    fn centre(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
}

fn centre(span: &TextSpan) -> f32 {
    (span.x0 + span.x1) / 2.0
}

fn em(line: &PlacedLine) -> f32 {
    if line.size.is_finite() && line.size > 0.5 { line.size } else { 10.0 }
}

/// A span that is a table's number: value text ("12", "—", "55（含…）"),
/// not a line of prose that opens with a year.
fn is_value_span(span: &TextSpan) -> bool {
    span.text.chars().count() <= MAX_VALUE_CHARS && is_value_text(&span.text)
}

fn has_values(line: &PlacedLine) -> bool {
    line.spans.iter().any(is_value_span)
}

fn candidates<'a>(specs: &'a [&'a [Label]]) -> impl Iterator<Item = (usize, &'a [Label])> {
    specs.iter().copied().enumerate()
}

/// The column anchors of a header block (lines without numbers): spans that
/// name a column, alone or joined with the span below them (a label split
/// over two lines), each under the innermost group span above it.
fn anchors(spec: &Spec, block: &[&PlacedLine]) -> Vec<Anchor> {
    // (line index, span) of every span, and which are used up.
    let mut found: Vec<(usize, usize, f32, f32, String)> = Vec::new(); // (line, column, x0, x1, text)
    let mut groups: Vec<(usize, usize, f32, f32)> = Vec::new(); // (line, group, x0, x1)
    let mut loose: Vec<(usize, &TextSpan)> = Vec::new();
    for (n, line) in block.iter().enumerate() {
        for span in line.spans.iter().filter(|s| s.text.chars().count() <= MAX_HEADER_LABEL_CHARS) {
            if let Some((k, _)) = best_match(&span.text, candidates(&spec.columns)) {
                found.push((n, k, span.x0, span.x1, span.text.clone()));
            } else if let Some((g, _)) = best_match(&span.text, candidates(&spec.groups)) {
                groups.push((n, g, span.x0, span.x1));
            } else {
                loose.push((n, span));
            }
        }
    }
    // A label split over two lines: a loose span and the one right below it
    // (other header lines, set between the two, may lie in between).
    for (a, top) in &loose {
        for (b, bottom) in &loose {
            if *b <= *a || block[*b].top - block[*a].bottom > SPLIT_GAP_EM * em(block[*a]) {
                continue;
            }
            let overlap = top.x1.min(bottom.x1) - top.x0.max(bottom.x0);
            let narrower = (top.x1 - top.x0).min(bottom.x1 - bottom.x0).max(0.1);
            if overlap < SPLIT_OVERLAP * narrower {
                continue;
            }
            let joined = format!("{}{}", top.text, bottom.text);
            if let Some((k, _)) = best_match(&joined, candidates(&spec.columns)) {
                found.push((*a, k, top.x0.min(bottom.x0), top.x1.max(bottom.x1), joined));
            }
        }
    }
    found.sort_by(|a, b| (a.2 + a.3).total_cmp(&(b.2 + b.3)));
    // (`n` is a label's top line: a group label stands above all of it.)
    // Groups by the template's order: every group's columns, in order, left
    // to right, under group labels that stand in the template's order.
    let width = spec.columns.len();
    let by_order = !spec.groups.is_empty() && found.len() == spec.leaves() && {
        let mut seen: Vec<(f32, usize)> = groups.iter().map(|g| ((g.2 + g.3) / 2.0, g.1)).collect();
        seen.sort_by(|a, b| a.0.total_cmp(&b.0));
        found.iter().enumerate().all(|(i, f)| f.1 == i % width) && seen.windows(2).all(|w| w[0].1 <= w[1].1)
    };
    found
        .into_iter()
        .enumerate()
        .filter_map(|(i, (n, column, x0, x1, text))| {
            let c = (x0 + x1) / 2.0;
            let group = if spec.groups.is_empty() {
                None
            } else if by_order {
                Some(i / width)
            } else {
                // The innermost (lowest) line of group labels above it; on
                // that line, the group label nearest to it.
                let m = groups.iter().filter(|g| g.0 < n).map(|g| g.0).max()?;
                let g = groups
                    .iter()
                    .filter(|g| g.0 == m)
                    .min_by(|a, b| ((a.2 + a.3) / 2.0 - c).abs().total_cmp(&((b.2 + b.3) / 2.0 - c).abs()))?;
                Some(g.1)
            };
            let leaf = group.unwrap_or(0) * width + column;
            Some(Anchor { leaf, column, group, text, x0, x1 })
        })
        .collect()
}

fn distinct_columns(anchors: &[Anchor]) -> usize {
    let mut columns: Vec<usize> = anchors.iter().map(|a| a.column).collect();
    columns.sort_unstable();
    columns.dedup();
    columns.len()
}

/// One row read from a line: its label spans and its value spans placed.
struct Row {
    line: usize,
    /// Where the value columns start (labels stand left of it).
    left: f32,
    /// Label spans with the top of their line.
    labels: Vec<(f32, TextSpan)>,
    /// Per leaf: the value text, if one span lies under it.
    values: Vec<Option<String>>,
}

/// What the table is made of, top to bottom.
enum Item {
    /// A header block: its anchors.
    Header(Vec<Anchor>),
    Row(Row),
}

/// The table `spec` read from `lines`, if a header of it is there; what was
/// left out or unsure is a diagnostic. `others` are the other tables' specs:
/// a header of one of them ends this table.
pub fn read(spec: &Spec, others: &[&Spec], lines: &[PlacedLine], diagnostics: &mut Vec<Diagnostic>) -> Option<Table> {
    // Header blocks: runs of lines without numbers, at most MAX_HEADER_LINES.
    let header_at = |start: usize| -> Vec<&PlacedLine> {
        lines[start..].iter().take_while(|l| !has_values(l)).take(MAX_HEADER_LINES).collect()
    };
    // The table opens at the first header block naming enough columns.
    let (first, opening) = (0..lines.len()).find_map(|i| {
        let block = header_at(i);
        let found = anchors(spec, &block);
        (distinct_columns(&found) >= spec.min_columns).then_some((i, (block.len(), found)))
    })?;
    let page = lines[first].page;

    // The lines below: rows, further header blocks, label-only lines.
    let mut items: Vec<Item> = Vec::new();
    let mut current = opening.1;
    items.push(Item::Header(current.clone()));
    let mut label_lines: Vec<usize> = Vec::new();
    let mut unplaced: Vec<String> = Vec::new();
    let mut end = lines.len();
    let mut i = first + opening.0;
    while i < lines.len() {
        let line = &lines[i];
        if has_values(line) {
            items.push(Item::Row(place(spec, &current, i, line, &mut unplaced)));
            i += 1;
            continue;
        }
        let block = header_at(i);
        let ours = anchors(spec, &block);
        let another_table = others.iter().any(|o| {
            let theirs = distinct_columns(&anchors(o, &block));
            theirs >= o.min_columns && theirs > distinct_columns(&ours)
        });
        // The next section's heading ends the table.
        let text: String = line.spans.iter().map(|s| s.text.as_str()).collect();
        let heading = official_number(&text).is_some_and(|(level, _)| level == 1)
            && TEMPLATES.sections.iter().any(|s| s.labels.iter().any(|l| similarity(&text, &l.text) >= MIN_SIMILARITY));
        if another_table || heading {
            end = i;
            break;
        }
        if distinct_columns(&ours) >= spec.min_repeat_columns {
            // A header again: repeated on a new page, or a sub-table's own.
            current = ours;
            items.push(Item::Header(current.clone()));
            i += block.len();
            continue;
        }
        label_lines.push(i);
        i += 1;
    }
    if !items.iter().any(|item| matches!(item, Item::Row(_))) {
        return None;
    }

    // Wrapped row labels: a row grows from its line of numbers by the
    // label-only lines set tight against it (no row's padding between),
    // nearest first, as long as it is clearly nearer to that row than to
    // any other. Any other label-only line is left out, with a note.
    let mut extents: Vec<(usize, u32, f32, f32)> = items
        .iter()
        .filter_map(|item| if let Item::Row(r) = item { Some(r.line) } else { None })
        .map(|l| (l, lines[l].page, lines[l].top, lines[l].bottom))
        .collect();
    let row_count = extents.len();
    let mut pending: Vec<usize> = label_lines.clone();
    loop {
        let mut attached: Vec<(usize, usize)> = Vec::new(); // (label line, row line)
        for &l in &pending {
            let line = &lines[l];
            let mut gaps: Vec<(f32, usize)> = extents
                .iter()
                .filter(|e| e.1 == line.page)
                .map(|&(r, _, top, bottom)| ((line.top - bottom).max(top - line.bottom).max(0.0), r))
                .collect();
            gaps.sort_by(|a, b| a.0.total_cmp(&b.0));
            let clear = match gaps.as_slice() {
                [] => None,
                [only] => Some(*only),
                [best, next, ..] => (best.0 <= NEAREST_RATIO * next.0).then_some(*best),
            };
            if let Some((gap, r)) = clear.filter(|&(gap, _)| gap <= TIGHT_GAP_EM * em(line)) {
                let _ = gap;
                attached.push((l, r));
            }
        }
        if attached.is_empty() {
            break;
        }
        for (l, r) in attached {
            pending.retain(|&p| p != l);
            if let Some(e) = extents.iter_mut().find(|e| e.0 == r) {
                e.2 = e.2.min(lines[l].top);
                e.3 = e.3.max(lines[l].bottom);
            }
            if let Some(Item::Row(row)) = items.iter_mut().find(|item| matches!(item, Item::Row(row) if row.line == r))
            {
                let left = row.left;
                row.labels.extend(lines[l].spans.iter().filter(|s| s.x1 <= left).map(|s| (lines[l].top, s.clone())));
            }
        }
    }
    let dropped: Vec<String> = pending.iter().flat_map(|&l| lines[l].spans.iter().map(|s| s.text.clone())).collect();
    if !dropped.is_empty() {
        diagnostics.push(
            Diagnostic::info(
                "report.lines_left_out",
                format!(
                    "{} table read from text lines: lines with no number that belong to no row were left out: \"{}\"",
                    spec.name,
                    dropped.join("\" \"")
                ),
            )
            .on_page(Some(page)),
        );
    }
    for text in &unplaced {
        diagnostics.push(
            Diagnostic::warning(
                "report.value_unplaced",
                format!(
                    "{} table read from text lines: \"{text}\" does not stand clearly under one column header; left out",
                    spec.name
                ),
            )
            .on_page(Some(page)),
        );
    }
    let mut pages: Vec<u32> = lines[first..end].iter().map(|l| l.page).collect();
    pages.dedup();
    diagnostics.push(
        Diagnostic::info(
            "report.read_from_lines",
            format!(
                "no {} table was found as a table (no ruling lines the table finder could use); it was read from \
                 its text lines — {} rows, columns placed by the positions of their header labels — and the 勾稽 \
                 checks vouch for it",
                spec.name, row_count
            ),
        )
        .on_page(Some(page)),
    );
    Some(Table { pages, ..synthesize(spec, items) })
}

/// The anchor a span stands clearly under: the nearest by centre, when the
/// next nearest is much further and the span is within half the way to the
/// anchor's own neighbours.
fn anchor_under<'a>(anchors: &'a [Anchor], span: &TextSpan) -> Option<&'a Anchor> {
    let mut by_distance: Vec<(f32, &Anchor)> = anchors.iter().map(|a| ((a.centre() - centre(span)).abs(), a)).collect();
    by_distance.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (d, best) = *by_distance.first()?;
    let neighbour = anchors
        .iter()
        .filter(|a| a.leaf != best.leaf)
        .map(|a| (a.centre() - best.centre()).abs())
        .fold(f32::INFINITY, f32::min);
    let second = by_distance.get(1).map_or(f32::INFINITY, |x| x.0);
    (d <= NEAREST_RATIO * second && d <= 0.5 * neighbour).then_some(best)
}

/// A value line → a row: spans left of the value columns are labels, the
/// others go under the header label they clearly stand beneath.
fn place(spec: &Spec, anchors: &[Anchor], index: usize, line: &PlacedLine, unplaced: &mut Vec<String>) -> Row {
    let left = anchors.iter().map(|a| a.x0).fold(f32::INFINITY, f32::min) - 0.5 * em(line);
    let mut values: Vec<Option<String>> = vec![None; spec.leaves()];
    let mut doubled: Vec<bool> = vec![false; spec.leaves()];
    let mut labels = Vec::new();
    for span in &line.spans {
        if centre(span) < left && !is_value_span(span) {
            labels.push((line.top, span.clone()));
            continue;
        }
        match anchor_under(anchors, span) {
            Some(anchor) if values[anchor.leaf].is_none() && !doubled[anchor.leaf] => {
                values[anchor.leaf] = Some(span.text.clone());
            }
            Some(anchor) => {
                // Two numbers under one header: neither is sure.
                doubled[anchor.leaf] = true;
                unplaced.push(span.text.clone());
                unplaced.extend(values[anchor.leaf].take());
            }
            None => unplaced.push(span.text.clone()),
        }
    }
    Row { line: index, left, labels, values }
}

/// A column of label spans: its x-extent and its (line top, span)s.
type LabelColumn<'a> = (f32, f32, Vec<&'a (f32, TextSpan)>);

/// The items as a table: label columns (outermost first), then one column
/// per leaf; a header row (two with groups) per header block, in order.
fn synthesize(spec: &Spec, items: Vec<Item>) -> Table {
    // A row's labels: spans that overlap share a label column (a label
    // wrapped over lines, top to bottom), columns left to right.
    let label_columns = |row: &Row| -> Vec<String> {
        let mut spans: Vec<&(f32, TextSpan)> = row.labels.iter().collect();
        spans.sort_by(|a, b| a.1.x0.total_cmp(&b.1.x0));
        let mut columns: Vec<LabelColumn> = Vec::new();
        for item in spans {
            let span = &item.1;
            match columns.iter_mut().find(|c| span.x0 < c.1 && c.0 < span.x1) {
                Some(c) => {
                    c.0 = c.0.min(span.x0);
                    c.1 = c.1.max(span.x1);
                    c.2.push(item);
                }
                None => columns.push((span.x0, span.x1, vec![item])),
            }
        }
        columns
            .into_iter()
            .map(|mut c| {
                c.2.sort_by(|a, b| a.0.total_cmp(&b.0));
                c.2.iter().map(|(_, s)| s.text.as_str()).collect()
            })
            .collect()
    };
    let label_cols = items
        .iter()
        .map(|item| if let Item::Row(row) = item { label_columns(row).len() } else { 0 })
        .max()
        .unwrap_or(0)
        .max(1);
    let cols = label_cols + spec.leaves();
    let mut cells: Vec<Cell> = Vec::new();
    let mut r = 0;
    for item in &items {
        match item {
            Item::Header(anchors) => {
                if !spec.groups.is_empty() {
                    for a in anchors {
                        if let Some(g) = a.group {
                            cells.push(Cell::new(r, label_cols + a.leaf, spec.groups[g][0].text.clone()));
                        }
                    }
                    r += 1;
                }
                for a in anchors {
                    cells.push(Cell::new(r, label_cols + a.leaf, a.text.clone()));
                }
                r += 1;
            }
            Item::Row(row) => {
                for (c, text) in label_columns(row).into_iter().enumerate() {
                    cells.push(Cell::new(r, c, text));
                }
                for (leaf, value) in row.values.iter().enumerate() {
                    if let Some(text) = value {
                        cells.push(Cell::new(r, label_cols + leaf, text.clone()));
                    }
                }
                r += 1;
            }
        }
    }
    let header_rows = if spec.groups.is_empty() { 1 } else { 2 };
    let grid = Grid::new(r, cols, cells);
    Table {
        rows: grid.rows,
        cols,
        header_rows,
        caption_rows: 0,
        note_rows: 0,
        pages: Vec::new(),
        parts: 1,
        cells: grid.cells,
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use crate::report::template::TEMPLATES;

    /// A line of spans (text, left x), each 10 pt per character, at `top`.
    pub fn line(top: f32, spans: &[(&str, f32)]) -> PlacedLine {
        PlacedLine {
            page: 1,
            top,
            bottom: top + 10.0,
            size: 10.0,
            spans: spans
                .iter()
                .map(|&(t, x)| TextSpan { text: t.into(), x0: x, x1: x + 10.0 * t.chars().count() as f32 })
                .collect(),
        }
    }

    use crate::report::stats::{Number, ReviewColumn, ReviewGroup};
    use crate::report::template::labels_of;

    fn spec() -> Spec<'static> {
        Spec {
            name: "reviews",
            columns: labels_of(&TEMPLATES.reviews.columns),
            groups: labels_of(&TEMPLATES.reviews.groups),
            min_columns: 3,
            min_repeat_columns: 3,
        }
    }

    /// The 四 table's header: group labels, then the 15 column labels 50 pt apart.
    pub fn header() -> Vec<PlacedLine> {
        let leaves = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
        let mut groups = line(0.0, &[("行政复议", 100.0), ("未经复议直接起诉", 300.0), ("复议后起诉", 560.0)]);
        groups.spans.truncate(3);
        let spans: Vec<(&str, f32)> = (0..15).map(|i| (leaves[i % 5], 20.0 + 50.0 * i as f32)).collect();
        vec![groups, line(20.0, &spans)]
    }

    /// The numbers 1 … 15 under the 15 column labels of [`header`].
    fn values_1_to_15() -> PlacedLine {
        let values: Vec<String> = (1..=15).map(|v| v.to_string()).collect();
        let spans: Vec<(&str, f32)> =
            values.iter().enumerate().map(|(i, v)| (v.as_str(), 35.0 + 50.0 * i as f32)).collect();
        line(40.0, &spans)
    }

    #[test]
    fn numbers_under_their_headers_fill_their_keys() {
        let mut lines = header();
        lines.push(values_1_to_15());
        let mut diagnostics = Vec::new();
        let table = read(&spec(), &[], &lines, &mut diagnostics).expect("a table");
        let view = crate::report::view::TableView::new(&table, |_| None);
        assert_eq!(view.value_cols().len(), 15);
        assert!(diagnostics.iter().any(|d| d.code == "report.read_from_lines"));
        assert!(!diagnostics.iter().any(|d| d.code == "report.value_unplaced"), "{diagnostics:?}");
        let value =
            crate::report::read::reviews(&crate::report::read::Parts { tables: vec![&table] }, &mut diagnostics);
        assert_eq!(value.get(ReviewGroup::Review, ReviewColumn::Upheld), Some(Number::Int(1)));
        assert_eq!(value.get(ReviewGroup::LitigationDirect, ReviewColumn::Upheld), Some(Number::Int(6)));
        assert_eq!(value.get(ReviewGroup::LitigationAfterReview, ReviewColumn::Total), Some(Number::Int(15)));
    }

    #[test]
    fn a_number_between_two_headers_is_left_out_with_a_warning() {
        let mut lines = header();
        // 7 stands halfway between the first two columns; no guess.
        lines.push(line(40.0, &[("7", 60.0), ("3", 135.0)]));
        let mut diagnostics = Vec::new();
        let table = read(&spec(), &[], &lines, &mut diagnostics).expect("a table");
        let unplaced: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.code == "report.value_unplaced").collect();
        assert_eq!(unplaced.len(), 1, "{diagnostics:?}");
        assert!(unplaced[0].message.contains("\"7\""));
        let value =
            crate::report::read::reviews(&crate::report::read::Parts { tables: vec![&table] }, &mut diagnostics);
        assert_eq!(value.get(ReviewGroup::Review, ReviewColumn::Upheld), None);
        assert_eq!(value.get(ReviewGroup::Review, ReviewColumn::Corrected), None);
        assert_eq!(value.get(ReviewGroup::Review, ReviewColumn::Other), Some(Number::Int(3)));
    }

    #[test]
    fn a_number_beyond_the_last_header_is_not_taken_for_it() {
        let mut lines = header();
        lines.truncate(1);
        // Headers of the first four columns only: a number where the fifth
        // would stand belongs to no header.
        lines.push(line(20.0, &[("结果维持", 20.0), ("结果纠正", 70.0), ("其他结果", 120.0), ("尚未审结", 170.0)]));
        lines.push(line(40.0, &[("1", 35.0), ("9", 235.0)]));
        let mut diagnostics = Vec::new();
        read(&spec(), &[], &lines, &mut diagnostics).expect("a table");
        assert!(diagnostics.iter().any(|d| d.code == "report.value_unplaced" && d.message.contains("\"9\"")));
    }

    #[test]
    fn prose_after_the_table_that_opens_with_a_year_is_no_row() {
        let mut lines = header();
        lines.push(values_1_to_15());
        lines.push(line(80.0, &[("2025年，我局将进一步做好政府信息公开工作。", 20.0)]));
        let mut diagnostics = Vec::new();
        let table = read(&spec(), &[], &lines, &mut diagnostics).expect("a table");
        let value =
            crate::report::read::reviews(&crate::report::read::Parts { tables: vec![&table] }, &mut diagnostics);
        assert_eq!(value.get(ReviewGroup::LitigationAfterReview, ReviewColumn::Total), Some(Number::Int(15)));
        assert!(diagnostics.iter().all(|d| d.level == crate::model::Level::Info), "{diagnostics:?}");
    }

    #[test]
    fn no_header_no_table() {
        let lines = vec![line(0.0, &[("本年度共办理申请", 20.0)]), line(20.0, &[("12", 20.0), ("34", 80.0)])];
        assert!(read(&spec(), &[], &lines, &mut Vec::new()).is_none());
    }
}
