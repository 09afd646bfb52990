//! The Markdown (and plain text) front end: paragraphs, `#` headings and
//! pipe tables, in the shape text extraction leaves reports in (the seed).
//!
//! A pipe table cannot say which cells are merged; extraction writes a merged
//! cell as its text followed by empty cells. [`infer_merges`] turns those back
//! into spans — in header rows and in the label columns, never among values,
//! where an empty cell is a blank value.

use crate::error::Result;
use crate::grid::{Cell, Grid, is_value_text};
use crate::model::{Diagnostic, Fragment, Fragments, ParagraphFragment, TableFragment};
use crate::text::{normalize, official_number};

/// Leading short lines of a text file are its title lines (there is no
/// layout to say so); at most this many, each at most this long.
const MAX_TITLE_LINES: usize = 3;
const MAX_TITLE_CHARS: usize = 40;

pub fn read(bytes: &[u8]) -> Result<Fragments> {
    let mut diagnostics = Vec::new();
    let text = decode(bytes, &mut diagnostics);
    let mut items = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut table: Vec<&str> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('|') {
            flush_paragraph(&mut paragraph, &mut items);
            table.push(trimmed);
            continue;
        }
        flush_table(&mut table, &mut items)?;
        if trimmed.is_empty() || is_thematic_break(trimmed) {
            flush_paragraph(&mut paragraph, &mut items);
        } else if let Some((level, heading)) = atx_heading(trimmed) {
            flush_paragraph(&mut paragraph, &mut items);
            items.push(Fragment::Paragraph(ParagraphFragment {
                text: normalize(&strip_emphasis(heading)),
                heading_level: Some(level),
                ..Default::default()
            }));
        } else {
            paragraph.push(trimmed);
        }
    }
    flush_paragraph(&mut paragraph, &mut items);
    flush_table(&mut table, &mut items)?;
    mark_title_lines(&mut items);
    Ok(Fragments {
        pages: None,
        items,
        diagnostics,
        soft_paragraph_ends: true,
        notes: Vec::new(),
        lines: Default::default(),
        ocr: None,
    })
}

/// UTF-8 (with or without BOM); text that is not UTF-8 is read as GB18030,
/// the encoding Chinese Windows saves plain text in.
fn decode(bytes: &[u8], diagnostics: &mut Vec<Diagnostic>) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        diagnostics.push(Diagnostic::warning(
            "text.encoding",
            "the text is neither UTF-8 nor GB18030; undecodable bytes were replaced with U+FFFD",
        ));
    } else {
        diagnostics.push(Diagnostic::info("text.encoding", "the text was decoded as GB18030 (not UTF-8)"));
    }
    text.into_owned()
}

fn is_thematic_break(line: &str) -> bool {
    line.len() >= 3 && (line.chars().all(|c| c == '-') || line.chars().all(|c| c == '*'))
}

fn atx_heading(line: &str) -> Option<(u8, &str)> {
    let level = line.chars().take_while(|&c| c == '#').count();
    let rest = &line[level..];
    ((1..=6).contains(&level) && (rest.is_empty() || rest.starts_with(' ')))
        .then(|| (level as u8, rest.trim().trim_end_matches('#').trim()))
}

fn strip_emphasis(text: &str) -> String {
    text.replace("**", "").replace("__", "")
}

fn flush_paragraph(lines: &mut Vec<&str>, items: &mut Vec<Fragment>) {
    if lines.is_empty() {
        return;
    }
    let text = normalize(&strip_emphasis(&lines.join("\n")));
    lines.clear();
    items.push(Fragment::Paragraph(ParagraphFragment { text, ..Default::default() }));
}

fn flush_table(lines: &mut Vec<&str>, items: &mut Vec<Fragment>) -> Result<()> {
    if lines.is_empty() {
        return Ok(());
    }
    // The grid pads every row to the widest: a long header row over many
    // short rows is rows × columns cells, charged before any is made.
    let cols = lines.iter().map(|l| 1 + l.matches('|').count()).max().unwrap_or(0);
    crate::budget::charge_usize(crate::budget::Resource::Cells, lines.len().saturating_mul(cols))?;
    let rows: Vec<Vec<String>> = lines.iter().map(|l| split_row(l)).filter(|r| !is_separator(r)).collect();
    lines.clear();
    if let Some(grid) = table_grid(rows) {
        items.push(Fragment::Table(TableFragment { grid, ..Default::default() }));
    }
    Ok(())
}

/// The cells of a pipe-table line, `\|` being a literal bar.
fn split_row(line: &str) -> Vec<String> {
    let inner = line.strip_prefix('|').unwrap_or(line);
    let inner = if inner.ends_with('|') && !inner.ends_with("\\|") { &inner[..inner.len() - 1] } else { inner };
    let mut cells = Vec::new();
    let mut current = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                current.push('|');
                chars.next();
            }
            '|' => cells.push(normalize(&strip_emphasis(&std::mem::take(&mut current)))),
            c => current.push(c),
        }
    }
    cells.push(normalize(&strip_emphasis(&current)));
    cells
}

/// `|---|:--:|` rows separate the header in Markdown; they are not data.
fn is_separator(row: &[String]) -> bool {
    row.iter().any(|c| !c.is_empty())
        && row.iter().all(|c| {
            let c = c.trim_matches(':');
            c.is_empty() || c.chars().all(|ch| ch == '-')
        })
        && row.iter().any(|c| c.contains('-'))
}

/// The table's grid: rows and columns that are empty throughout dropped,
/// merged cells recovered from the empty cells extraction leaves.
fn table_grid(rows: Vec<Vec<String>>) -> Option<Grid> {
    let mut rows: Vec<Vec<String>> = rows.into_iter().filter(|r| r.iter().any(|c| !c.is_empty())).collect();
    let cols = rows.iter().map(Vec::len).max()?;
    for row in &mut rows {
        row.resize(cols, String::new());
    }
    let keep: Vec<usize> = (0..cols).filter(|&c| rows.iter().any(|r| !r[c].is_empty())).collect();
    let rows: Vec<Vec<String>> = rows.into_iter().map(|r| keep.iter().map(|&c| r[c].clone()).collect()).collect();
    (!rows.is_empty() && !keep.is_empty()).then(|| infer_merges(&rows))
}

/// Spans from empty cells. Header rows (those before the first row holding a
/// value) and label columns (those before the first value column) merge an
/// empty cell into its neighbour; value cells never merge.
///
/// In a header row an empty cell under a one-column cell extends it down
/// (自然人 over its empty slot below); otherwise it extends the cell to its
/// left (申请人情况 over the empty slots to its right). In a label column an
/// empty cell extends the label to its left in the same row (（六）其他处理
/// over the sub-item column), or else the label above (本年度办理结果 down
/// the rows of its group).
pub fn infer_merges(rows: &[Vec<String>]) -> Grid {
    let n_rows = rows.len();
    let n_cols = rows.first().map_or(0, Vec::len);
    let first_value_row = rows.iter().position(|r| r.iter().any(|c| is_value_text(c))).unwrap_or(n_rows);
    let label_cols =
        rows[first_value_row..].iter().filter_map(|r| r.iter().position(|c| is_value_text(c))).min().unwrap_or(n_cols);
    let mut cells: Vec<Cell> = Vec::new();
    let mut owner = vec![vec![usize::MAX; n_cols]; n_rows];
    for r in 0..n_rows {
        for c in 0..n_cols {
            let text = &rows[r][c];
            if !text.is_empty() {
                owner[r][c] = cells.len();
                cells.push(Cell::new(r, c, text.clone()));
                continue;
            }
            let left = (c > 0).then(|| owner[r][c - 1]).filter(|&o| o != usize::MAX && cells[o].row == r);
            let above = (r > 0).then(|| owner[r - 1][c]).filter(|&o| {
                o != usize::MAX && cells[o].col == c && cells[o].col_span == 1 && cells[o].last_row() == r - 1
            });
            let target = if r < first_value_row {
                above.or(left)
            } else if c < label_cols {
                left.or(above)
            } else {
                None
            };
            match target {
                Some(o) if Some(o) == left => cells[o].col_span += 1,
                Some(o) => cells[o].row_span += 1,
                None => {
                    owner[r][c] = cells.len();
                    cells.push(Cell::new(r, c, ""));
                    continue;
                }
            }
            owner[r][c] = target.expect("matched Some");
        }
    }
    Grid::new(n_rows, n_cols, cells)
}

/// Marks the leading short, plain lines as title lines: a text file has no
/// centring to tell the title from the body.
fn mark_title_lines(items: &mut [Fragment]) {
    for item in items.iter_mut().take(MAX_TITLE_LINES) {
        let Fragment::Paragraph(p) = item else { break };
        let plain = p.text.chars().count() <= MAX_TITLE_CHARS
            && official_number(&p.text).is_none()
            && !p.text.contains(['。', '；', '！', '？', '：', ':'])
            && p.heading_level.is_none_or(|l| l == 1);
        if !plain {
            break;
        }
        p.title_like = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid_shape(g: &Grid) -> Vec<(usize, usize, usize, usize, &str)> {
        g.cells.iter().map(|c| (c.row, c.col, c.row_span, c.col_span, c.text.as_str())).collect()
    }

    fn rows(lines: &[&str]) -> Vec<Vec<String>> {
        lines.iter().map(|l| split_row(l)).filter(|r| !is_separator(r)).collect()
    }

    #[test]
    fn header_merges_follow_the_template_shape() {
        // The seed's section-三 header: a 3×1 label, 申请人情况 over six columns.
        let g = table_grid(rows(&[
            "| 说明 | 申请人情况 | | | | | | 总计 |",
            "|---|---|---|---|---|---|---|---|",
            "| | 自然人 | 法人或其他组织 | | | | | |",
            "| | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |",
            "| 一、本年新收 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        ]))
        .unwrap();
        let shape = grid_shape(&g);
        assert!(shape.contains(&(0, 0, 3, 1, "说明")));
        assert!(shape.contains(&(0, 1, 1, 6, "申请人情况")));
        assert!(shape.contains(&(0, 7, 3, 1, "总计")));
        assert!(shape.contains(&(1, 1, 2, 1, "自然人")));
        assert!(shape.contains(&(1, 2, 1, 5, "法人或其他组织")));
        assert_eq!(g.inferred_header_rows(), 3);
    }

    #[test]
    fn label_columns_merge_but_blank_values_stay_blank() {
        let g = table_grid(rows(&[
            "| | | | | |",
            "|---|---|---|---|---|",
            "| 本年度办理结果 | (二) 部分公开 | | 0 | |",
            "| | (三) 不予公开 | 1.属于国家秘密 | 0 | 1 |",
            "| | | 2.其他法律行政法规禁止公开 | | 2 |",
        ]))
        .unwrap();
        let shape = grid_shape(&g);
        assert!(shape.contains(&(0, 0, 3, 1, "本年度办理结果")));
        assert!(shape.contains(&(0, 1, 1, 2, "(二)部分公开")));
        assert!(shape.contains(&(1, 1, 2, 1, "(三)不予公开")));
        assert!(shape.contains(&(0, 4, 1, 1, "")), "a blank value is a cell of its own");
        assert!(shape.contains(&(2, 3, 1, 1, "")));
    }

    #[test]
    fn empty_header_rows_separators_and_empty_columns_are_not_data() {
        let g = table_grid(rows(&["| | | |", "|---|---|---|", "| 0 | 0 | |", "|---|---|---|"])).unwrap();
        assert_eq!((g.rows, g.cols), (1, 2));
    }

    #[test]
    fn text_paragraphs_headings_and_tables() {
        let text = "石狮市商务局 2019 年 政府信息公开工作年度报告\n\n一、总体情况\n\n今年以来政府信息主动公开数 30 条。\n第二行\n\n# 附件\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n| c | d |\n";
        let f = read(text.as_bytes()).unwrap();
        let kinds: Vec<String> = f
            .items
            .iter()
            .map(|i| match i {
                Fragment::Paragraph(p) => format!("{}{}", if p.title_like { "T:" } else { "" }, p.text),
                Fragment::Table(t) => format!("table {}x{}", t.grid.rows, t.grid.cols),
                Fragment::Break(_) => "break".into(),
            })
            .collect();
        assert_eq!(
            kinds,
            vec![
                "T:石狮市商务局2019年政府信息公开工作年度报告",
                "一、总体情况",
                "今年以来政府信息主动公开数30条。第二行",
                "附件",
                "table 2x2",
                "table 1x2"
            ]
        );
        assert!(f.soft_paragraph_ends);
    }

    #[test]
    fn gb18030_text_is_decoded() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("一、总体情况");
        let f = read(&bytes).unwrap();
        assert!(matches!(&f.items[0], Fragment::Paragraph(p) if p.text == "一、总体情况"));
        assert_eq!(f.diagnostics[0].code, "text.encoding");
    }
}
