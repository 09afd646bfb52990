//! Where each report value was read from — a table cell, or a span of a
//! positioned text line (a table without rulings) — found through the report
//! layer's public entry point alone: every cell of the document's tables and
//! every span of its text lines that holds a value is given a distinct
//! marker number, the report is read again from those, and each statistic
//! that comes back as a marker names its source. The marked texts are values
//! before and after, so the reading takes the same path (same header rows,
//! same value columns, same rows of text).
//!
//! Also: which page cell each cell of a rejoined table block shows — the
//! parts' rows found again in the block's rows by their text.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::grid::{Cell, is_value_text};
use crate::inspect::sources::BlockSource;
use crate::pdf::trace::{FragmentTrace, Trace};
use crate::model::{Block, PlacedLine};

/// Markers are this plus the cell's number: far above any count in a report.
const MARKER_BASE: i64 = 7_000_000_000;

/// The report's three statistics tables, by their JSON keys.
pub const TABLES: [&str; 3] = ["proactive", "applications", "reviews"];

/// A cell of a table block: (block index, index in its `cells`).
pub type BlockCell = (usize, usize);

/// Where a value was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueSource {
    Cell(BlockCell),
    /// Span `.1` of placed line `.0` (indices into the trace's lines).
    Span(usize, usize),
}

/// For each statistic's JSON path ("applications.new.total"), where it
/// was read from.
pub fn value_sources(title: Option<&str>, blocks: &[Block], lines: &[PlacedLine]) -> BTreeMap<String, ValueSource> {
    let mut sources: Vec<ValueSource> = Vec::new();
    let mut mark = |text: &mut String, source: ValueSource| {
        if is_value_text(text) {
            *text = (MARKER_BASE + sources.len() as i64).to_string();
            sources.push(source);
        }
    };
    let mut marked = blocks.to_vec();
    for (b, block) in marked.iter_mut().enumerate() {
        if let Block::Table(t) = block {
            for (c, cell) in t.cells.iter_mut().enumerate() {
                mark(&mut cell.text, ValueSource::Cell((b, c)));
            }
        }
    }
    let mut marked_lines = lines.to_vec();
    for (l, line) in marked_lines.iter_mut().enumerate() {
        for (k, span) in line.spans.iter_mut().enumerate() {
            mark(&mut span.text, ValueSource::Span(l, k));
        }
    }
    let mut out = BTreeMap::new();
    if sources.is_empty() {
        return out;
    }
    let (report, _) = crate::report::recognize(title, &marked, &marked_lines);
    // Read through the report's JSON, the contract, not its Rust types.
    let Some(report) = report.and_then(|r| serde_json::to_value(r).ok()) else { return out };
    for name in TABLES {
        if let Some(value) = report.get(name) {
            collect(name, value, &sources, &mut out);
        }
    }
    out
}

fn collect<T: Copy>(path: &str, value: &Value, cells: &[T], out: &mut BTreeMap<String, T>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                collect(&format!("{path}.{k}"), v, cells, out);
            }
        }
        Value::Number(n) => {
            let marker = n.as_i64().and_then(|n| n.checked_sub(MARKER_BASE));
            if let Some(cell) = marker.and_then(|m| usize::try_from(m).ok()).and_then(|m| cells.get(m)) {
                out.insert(path.to_string(), *cell);
            }
        }
        _ => {}
    }
}

/// A cell on a page: (page number, table index on the page, cell index).
pub type PageCell = (u32, usize, usize);

/// For each table block, for each of its cells, the page cell it shows
/// (`None` where the parts' rows could not be found again: a header row
/// dropped as repeated shows only once, from the first part).
pub fn page_cells(blocks: &[Block], sources: &[BlockSource], trace: &Trace) -> Vec<Vec<Option<PageCell>>> {
    blocks
        .iter()
        .zip(sources)
        .map(|(block, source)| {
            let Block::Table(t) = block else { return Vec::new() };
            let mut out = vec![None; t.cells.len()];
            let block_rows = rows_of(&t.cells, t.rows);
            let mut next_row = 0;
            for &f in &source.fragments {
                let Some(FragmentTrace::Table { page, table }) = trace.fragments.get(f) else { continue };
                let Some(part) = trace.page(*page).and_then(|p| p.tables.get(*table)) else { continue };
                let part_rows = rows_of(&part.cells, part.ys.len().saturating_sub(1));
                for row in &part_rows {
                    // The part's row in the block: the next block row with the same texts.
                    let Some(found) = (next_row..block_rows.len()).find(|&r| same_texts(&block_rows[r], row, t, part))
                    else {
                        continue; // a repeated header row, dropped in the block
                    };
                    for (&bc, &pc) in block_rows[found].iter().zip(row) {
                        out[bc] = Some((*page, *table, pc));
                    }
                    next_row = found + 1;
                }
            }
            out
        })
        .collect()
}

/// Cell indices of the cells starting in each row, left to right.
fn rows_of(cells: &[Cell], rows: usize) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); rows];
    for (i, c) in cells.iter().enumerate() {
        if let Some(row) = out.get_mut(c.row) {
            row.push(i);
        }
    }
    for row in &mut out {
        row.sort_by_key(|&i| cells[i].col);
    }
    out
}

fn same_texts(
    block_row: &[usize],
    part_row: &[usize],
    block: &crate::model::Table,
    part: &crate::pdf::trace::TracedTable,
) -> bool {
    let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    !part_row.is_empty()
        && block_row.len() == part_row.len()
        && block_row.iter().zip(part_row).all(|(&b, &p)| squeeze(&block.cells[b].text) == squeeze(&part.cells[p].text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_map_back_to_their_cells_and_other_numbers_do_not() {
        let cells = vec![(3, 0), (3, 7)];
        let value = serde_json::json!({"a": {"b": MARKER_BASE + 1, "c": 5, "d": null}});
        let mut out = BTreeMap::new();
        collect("t", &value, &cells, &mut out);
        assert_eq!(out.into_iter().collect::<Vec<_>>(), vec![("t.a.b".to_string(), (3, 7))]);
    }
}
