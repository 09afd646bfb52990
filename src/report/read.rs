//! Reading the three statistics tables into their SPEC objects, rows and
//! columns by label, never by position. A label that matches nothing is a
//! warning with its text — never a silent shift into a neighbour's key.

use std::collections::BTreeMap;

use super::labels::{Label, MIN_SIMILARITY, best_match, key_similarity, label_key, ocr_nearest};
use super::stats::{
    ApplicantColumn, ApplicationRow, Applications, Key, Number, Proactive, ProactiveColumn, ReviewColumn, ReviewGroup,
    Reviews, Stat, shown,
};
use super::template::{ApplicationRowSpec, Labeled, ProactiveRowSpec, ProactiveSpec, TEMPLATES, Template};
use super::values;
use super::view::TableView;
use crate::grid::is_value_text;
use crate::model::{Diagnostic, Table};

/// A table the report layer reads, possibly still in parts: the first part
/// carries the header, later parts continue its rows.
pub struct Parts<'a> {
    pub tables: Vec<&'a Table>,
}

fn candidates<K>(specs: &[Labeled<K>]) -> impl Iterator<Item = (usize, &[Label])> {
    specs.iter().enumerate().map(|(i, s)| (i, s.labels.as_slice()))
}

/// The key of the innermost label in `labels` that names one of `specs`;
/// failing that, of the innermost labels read together — a header label
/// split over two header rows ("结果" above "维持") is one label.
fn match_innermost<K>(labels: &[&str], specs: &[Labeled<K>]) -> Option<usize> {
    labels.iter().rev().find_map(|l| best_match(l, candidates(specs)).map(|(i, _)| i)).or_else(|| {
        (0..labels.len().saturating_sub(1))
            .rev()
            .find_map(|from| best_match(&labels[from..].concat(), candidates(specs)).map(|(i, _)| i))
    })
}

/// Parses a value cell, noting what the SPEC asks to be noted.
fn read_value(text: Option<&str>, what: &str, diagnostics: &mut Vec<Diagnostic>) -> values::Parsed {
    let text = text.unwrap_or("");
    let parsed = values::parse(text);
    if parsed.not_a_number {
        diagnostics.push(Diagnostic::warning(
            "report.value_not_a_number",
            format!("{what}: \"{text}\" is not a number; read as null"),
        ));
    } else if let Some(note) = &parsed.note {
        diagnostics.push(Diagnostic::info(
            "report.value_with_note",
            format!("{what}: \"{text}\" read as {} (the note \"{note}\" is left out)", shown(parsed.value)),
        ));
    }
    parsed
}

/// For each value column of `view`, the column key its header names. An
/// unnamed column is a warning only when it holds a value; an empty one (a
/// sliver left by a misaligned ruling) is only noted.
fn column_keys<K>(
    view: &TableView,
    specs: &[Labeled<K>],
    table_name: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Option<usize>> {
    view.value_cols()
        .map(|c| {
            let labels = view.column_labels(c);
            let key = match_innermost(&labels, specs).or_else(|| {
                // A header label read by OCR, innermost first.
                let read = (0..view.header_rows)
                    .rev()
                    .filter_map(|r| view.cell(r, c))
                    .filter(|cell| cell.confidence.is_some());
                read.into_iter().find_map(|cell| ocr_repair(&cell.text, specs, table_name, diagnostics))
            });
            let holds_values = view.body_rows().any(|r| view.value_text(r, c).is_some_and(|t| !t.trim().is_empty()));
            if key.is_none() && !labels.is_empty() && !holds_values {
                diagnostics.push(Diagnostic::info(
                    "report.column_empty",
                    format!(
                        "{table_name} table: column \"{}\" matches no template column and holds no values",
                        labels.join(" › ")
                    ),
                ));
            } else if key.is_none() && !labels.is_empty() {
                diagnostics.push(Diagnostic::warning(
                    "report.column_unmatched",
                    format!(
                        "{table_name} table: column header \"{}\" matches no template column; its values are left out",
                        labels.join(" › ")
                    ),
                ));
            }
            key
        })
        .collect()
}

/// The template column that a header label read by OCR names with a
/// character misread ([`ocr_nearest`]), said in a `report.label_repaired`
/// info.
fn ocr_repair<K>(
    text: &str,
    specs: &[Labeled<K>],
    table_name: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<usize> {
    let (index, label) = ocr_nearest(text, candidates(specs))?;
    diagnostics.push(Diagnostic::info(
        "report.label_repaired",
        format!(
            "{table_name} table: column header \"{text}\" (read by OCR) taken for \"{}\", the one template label a character away",
            label.text
        ),
    ));
    Some(index)
}

/// The template row named by a row's labels (outermost first): the leaf
/// label decides, the group labels above it must not contradict.
fn match_application_row(labels: &[&str], rows: &[ApplicationRowSpec]) -> Option<usize> {
    let (leaf, outer) = labels.split_last()?;
    let groups: Vec<&Label> = rows.iter().filter_map(|r| r.group.as_ref()).collect();
    // The group labels this row states ("（三）不予公开"), as keys.
    let stated: Vec<String> = outer
        .iter()
        .map(|l| label_key(l))
        .filter(|k| groups.iter().any(|g| key_similarity(k, &g.key) >= MIN_SIMILARITY))
        .collect();
    let compatible = |row: &ApplicationRowSpec| match &row.group {
        None => true,
        Some(group) => stated.is_empty() || stated.iter().any(|k| key_similarity(k, &group.key) >= MIN_SIMILARITY),
    };
    best_match(leaf, rows.iter().enumerate().filter(|(_, r)| compatible(r)).map(|(i, r)| (i, r.labels.as_slice())))
        .map(|(i, _)| i)
}

/// Maps each part's value columns onto the first part's, by position from the
/// right (the parts of one table have the same value columns).
fn part_columns(first: &TableView, part: &TableView) -> Option<Vec<(usize, usize)>> {
    let width = first.value_cols().len();
    (part.value_cols().len() == width).then(|| part.value_cols().zip(first.value_cols()).collect())
}

/// Where the cells of one body row land among a table's template keys.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Placed<'t> {
    /// No cell of the row lies under the key's column.
    NoCell,
    /// The text of the one cell under it (empty for a blank cell).
    Cell(&'t str),
    /// Two cells with text lie under it, or one cell with text spans two
    /// keys' columns: which number is whose cannot be told, so none is read.
    Ambiguous,
}

/// Places the cells of body row `r`: `columns` maps each value column of
/// the view to a key index below `keys`. A cell that spans several columns
/// (a sliver column left by a misaligned ruling) lands on the one key its
/// columns name; an empty cell never hides a neighbour's number.
fn place_row<'t>(view: &TableView<'t>, r: usize, columns: &[(usize, Option<usize>)], keys: usize) -> Vec<Placed<'t>> {
    let mut placed = vec![Placed::NoCell; keys];
    for &(c, key) in columns {
        let (Some(key), Some(cell)) = (key, view.cell(r, c)) else { continue };
        if cell.col != c {
            continue; // the cell's own first column places it
        }
        if cell.row != r {
            // A value merged down from the row above: blank here.
            if placed[key] == Placed::NoCell {
                placed[key] = Placed::Cell("");
            }
            continue;
        }
        let text = cell.text.as_str();
        let mut named: Vec<usize> = columns
            .iter()
            .filter(|(own, _)| (cell.col..cell.col + cell.col_span).contains(own))
            .filter_map(|&(_, k)| k)
            .collect();
        named.dedup();
        if named.len() > 1 && !text.trim().is_empty() {
            for k in named {
                placed[k] = Placed::Ambiguous;
            }
            continue;
        }
        placed[key] = match placed[key] {
            Placed::Ambiguous => Placed::Ambiguous,
            Placed::Cell(old) if !old.trim().is_empty() && !text.trim().is_empty() => Placed::Ambiguous,
            Placed::Cell(old) if text.trim().is_empty() => Placed::Cell(old),
            _ => Placed::Cell(text),
        };
    }
    placed
}

/// Reads a placed cell into `what`'s value, with a warning when it could not
/// be placed; `None` when no cell lies under the key at all.
fn read_placed(placed: Placed, what: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<values::Parsed> {
    match placed {
        Placed::NoCell => None,
        Placed::Cell(text) => Some(read_value(Some(text), what, diagnostics)),
        Placed::Ambiguous => {
            diagnostics.push(Diagnostic::warning(
                "report.value_unplaced",
                format!("{what}: the cells under its column cannot be told apart from a neighbour's; read as null"),
            ));
            Some(values::parse(""))
        }
    }
}

/// A row with every column null.
fn null_row<K: Key>(keys: impl IntoIterator<Item = K>) -> BTreeMap<K, Option<Number>> {
    keys.into_iter().map(|k| (k, None)).collect()
}

/// A proactive row's values, and its amount's unit when it has an amount
/// (`Some(None)`: an amount whose unit the document does not say).
type ProactiveValues = (BTreeMap<ProactiveColumn, Option<Number>>, Option<Option<String>>);

/// A proactive row with its columns null, and a unit beside an amount.
fn proactive_null_row(row: &ProactiveRowSpec, spec: &ProactiveSpec) -> ProactiveValues {
    let has_amount = row.columns.iter().any(|&key| spec.is_amount(key));
    (null_row(row.columns.iter().copied()), has_amount.then_some(None))
}

/// The reviews group and column at index `key` (group × column, in
/// template order).
fn review_key(key: usize) -> (ReviewGroup, ReviewColumn) {
    let spec = &TEMPLATES.reviews;
    let width = spec.columns.len();
    (spec.groups[key / width].key, spec.columns[key % width].key)
}

/// 三、收到和处理政府信息公开申请情况.
pub fn applications(parts: &Parts, template: &Template, diagnostics: &mut Vec<Diagnostic>) -> Applications {
    let specs = &TEMPLATES.applications.columns;
    let rows = &template.applications.rows;
    // A table left blank has no values to show where they start: its first
    // column with a recognized header does.
    let recognizes =
        |view: &TableView| (0..view.table.cols).find(|&c| match_innermost(&view.column_labels(c), specs).is_some());
    let first = TableView::new(parts.tables[0], recognizes);
    let keys = column_keys(&first, specs, "applications", diagnostics);
    for (k, spec) in specs.iter().enumerate() {
        if !keys.contains(&Some(k)) {
            diagnostics.push(Diagnostic::warning(
                "report.column_missing",
                format!(
                    "applications table: no column for {} (\"{}\"); its values are null",
                    spec.key, spec.labels[0].text
                ),
            ));
        }
    }
    let mut found: Vec<Option<BTreeMap<ApplicantColumn, Option<Number>>>> = vec![None; rows.len()];
    for (n, table) in parts.tables.iter().enumerate() {
        let view = if n == 0 { TableView::new(table, recognizes) } else { TableView::new(table, |_| None) };
        let columns: Vec<(usize, Option<usize>)> = if n == 0 {
            view.value_cols().zip(keys.iter().copied()).collect()
        } else {
            match part_columns(&first, &view) {
                Some(map) => {
                    map.into_iter().map(|(own, first_col)| (own, keys[first_col - first.first_value_col])).collect()
                }
                None => {
                    diagnostics.push(Diagnostic::warning(
                        "report.part_unreadable",
                        format!("applications table part {}: its value columns do not line up with the first part's; it is left out", n + 1),
                    ));
                    continue;
                }
            }
        };
        for r in view.body_rows() {
            let labels = view.row_labels(r);
            let has_values = columns.iter().any(|&(c, _)| !view.value_text(r, c).unwrap_or("").is_empty());
            let Some(index) = match_application_row(&labels, rows) else {
                if has_values && !labels.is_empty() {
                    diagnostics.push(Diagnostic::warning(
                        "report.row_unmatched",
                        format!(
                            "applications table: row \"{}\" matches no template row; its values are left out",
                            labels.join(" › ")
                        ),
                    ));
                }
                continue;
            };
            if found[index].is_some() {
                if has_values {
                    diagnostics.push(Diagnostic::warning(
                        "report.row_repeated",
                        format!(
                            "applications table: a second row for {} (\"{}\") is left out",
                            rows[index].key,
                            labels.join(" › ")
                        ),
                    ));
                }
                continue;
            }
            let mut object = null_row(specs.iter().map(|s| s.key));
            for (key, placed) in place_row(&view, r, &columns, specs.len()).into_iter().enumerate() {
                let what = Stat::Applications(rows[index].key, specs[key].key).name();
                match read_placed(placed, &what, diagnostics) {
                    Some(parsed) => {
                        object.insert(specs[key].key, parsed.value);
                    }
                    None if columns.iter().any(|&(_, k)| k == Some(key)) => diagnostics.push(Diagnostic::warning(
                        "report.value_missing",
                        format!("{what}: no cell of the row lies under this column; read as null"),
                    )),
                    None => {}
                }
            }
            found[index] = Some(object);
        }
    }
    // A row that replaces others (（六） kept as one row) makes them unexpected.
    let replaced: Vec<ApplicationRow> = rows
        .iter()
        .zip(&found)
        .filter(|(_, f)| f.is_some())
        .flat_map(|(row, _)| row.replaces.iter().copied())
        .collect();
    for row in rows.iter().zip(&found).filter(|(r, f)| !r.replaces.is_empty() && f.is_some()).map(|(r, _)| r) {
        diagnostics.push(Diagnostic::info(
            "report.row_variant",
            format!(
                "applications table: \"{}\" is one row, without the sub-rows of this template; read as {}",
                row.labels[0].text, row.key
            ),
        ));
    }
    let mut result = Applications::default();
    for (row, value) in rows.iter().zip(found) {
        let is_replaced = replaced.contains(&row.key);
        let replaces_present_rows = !row.replaces.is_empty() && value.is_none();
        if is_replaced || replaces_present_rows {
            continue;
        }
        let object = value.unwrap_or_else(|| {
            diagnostics.push(Diagnostic::warning(
                "report.row_missing",
                format!("applications table: no row for {} (\"{}\"); its values are null", row.key, row.labels[0].text),
            ));
            null_row(specs.iter().map(|s| s.key))
        });
        result.insert_row(row.key, object);
    }
    result
}

/// 四、政府信息公开行政复议、行政诉讼情况: one row of 15 values under
/// three groups of five columns. Each value column is named by the innermost
/// group label and the innermost column label above it; a value cell lands
/// on the one (group, column) its columns name, so a sliver column or a
/// header split over two rows changes nothing.
pub fn reviews(parts: &Parts, diagnostics: &mut Vec<Diagnostic>) -> Reviews {
    let spec = &TEMPLATES.reviews;
    let width = spec.columns.len();
    let keys_of = |view: &TableView| -> Vec<(usize, Option<usize>)> {
        view.value_cols()
            .map(|c| {
                let labels = view.column_labels(c);
                let group = labels.iter().rev().find_map(|l| best_match(l, candidates(&spec.groups)).map(|m| m.0));
                let column = match_innermost(&labels, &spec.columns);
                (c, group.zip(column).map(|(g, k)| g * width + k))
            })
            .collect()
    };
    let first = TableView::new(parts.tables[0], |_| Some(0));
    let first_keys = keys_of(&first);
    for &(c, key) in &first_keys {
        let labels = first.column_labels(c);
        let holds_values = first.body_rows().any(|r| first.value_text(r, c).is_some_and(|t| !t.trim().is_empty()));
        if key.is_none() && holds_values {
            diagnostics.push(Diagnostic::warning(
                "report.column_unmatched",
                format!(
                    "reviews table: column header \"{}\" matches no template column; its value is left out",
                    labels.join(" › ")
                ),
            ));
        }
    }
    // Per (group, column): `None` until a cell lies under it.
    let mut values: Vec<Option<Option<Number>>> = vec![None; spec.groups.len() * width];
    let mut data_rows = 0;
    for (n, table) in parts.tables.iter().enumerate() {
        let view = TableView::new(table, |_| Some(0));
        let own = if n == 0 { first_keys.clone() } else { keys_of(&view) };
        let columns: Vec<(usize, Option<usize>)> = if own.iter().any(|(_, k)| k.is_some()) {
            own
        } else if table.cols == first.table.cols {
            // A part without its own header continues the first part's columns.
            view.value_cols().map(|c| (c, first_keys.iter().find(|(fc, _)| *fc == c).and_then(|(_, k)| *k))).collect()
        } else {
            diagnostics.push(Diagnostic::warning(
                "report.part_unreadable",
                format!(
                    "reviews table part {}: its columns do not line up with the first part's; it is left out",
                    n + 1
                ),
            ));
            continue;
        };
        for r in view.body_rows() {
            let holds_numbers = columns.iter().any(|&(c, _)| view.value_text(r, c).is_some_and(is_value_text));
            if !holds_numbers {
                continue;
            }
            data_rows += 1;
            if data_rows > 1 {
                diagnostics.push(Diagnostic::warning(
                    "report.row_repeated",
                    "reviews table: more than one row of values; only the first is read",
                ));
                break;
            }
            for (key, placed) in place_row(&view, r, &columns, values.len()).into_iter().enumerate() {
                let (group, column) = review_key(key);
                let what = Stat::Reviews(group, column).name();
                values[key] = read_placed(placed, &what, diagnostics).map(|p| p.value);
            }
        }
    }
    if data_rows == 0 {
        diagnostics.push(Diagnostic::warning("report.row_missing", "reviews table: no row of values; all are null"));
    } else {
        let missing: Vec<String> = values
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_none())
            .map(|(key, _)| {
                let (group, column) = review_key(key);
                format!("{group}.{column}")
            })
            .collect();
        if !missing.is_empty() {
            diagnostics.push(Diagnostic::warning(
                "report.column_missing",
                format!("reviews table: no cell for {}; read as null", missing.join(", ")),
            ));
        }
    }
    let mut result = Reviews::default();
    for (g, group) in spec.groups.iter().enumerate() {
        let row = spec.columns.iter().enumerate().map(|(k, c)| (c.key, values[g * width + k].flatten())).collect();
        result.insert_row(group.key, row);
    }
    result
}

/// 二、主动公开政府信息情况: sub-tables, each under its own column-header
/// row ("信息内容 | 本年新制作数量 | …").
pub fn proactive(parts: &Parts, template: &Template, diagnostics: &mut Vec<Diagnostic>) -> Proactive {
    let spec = &template.proactive;
    let row_specs: Vec<(usize, &[Label])> =
        spec.rows.iter().enumerate().map(|(i, r)| (i, r.labels.as_slice())).collect();
    let mut found: Vec<Option<ProactiveValues>> = vec![None; spec.rows.len()];
    // The current column headers: (column, key index, unit in the header).
    let mut columns: Vec<(usize, usize, Option<String>)> = Vec::new();
    // Cells of the current header row that name no template column (a label
    // misread by OCR): values under one are lost, which is said.
    let mut unnamed: Vec<(usize, String)> = Vec::new();
    for table in &parts.tables {
        let view = TableView::new(table, |_| Some(1));
        for r in 0..table.rows {
            let starting: Vec<&crate::model::Cell> = table.cells.iter().filter(|c| c.row == r).collect();
            let header: Vec<(usize, usize, Option<String>)> = starting
                .iter()
                .filter(|c| c.col > 0)
                .filter_map(|c| {
                    best_match(&c.text, candidates(&spec.columns))
                        .map(|(k, _)| (c.col, k, values::unit_in_header(&c.text)))
                })
                .collect();
            if !header.is_empty() {
                let mut header = header;
                unnamed = Vec::new();
                for c in starting.iter().filter(|c| c.col > 0 && !c.text.trim().is_empty()) {
                    if header.iter().any(|h| h.0 == c.col) {
                        continue;
                    }
                    let repaired =
                        c.confidence.and_then(|_| ocr_repair(&c.text, &spec.columns, "proactive", diagnostics));
                    match repaired {
                        Some(k) => header.push((c.col, k, values::unit_in_header(&c.text))),
                        None => unnamed.push((c.col, c.text.clone())),
                    }
                }
                header.sort_by_key(|h| h.0);
                columns = header;
                continue;
            }
            let labels = view.row_labels(r);
            let Some(label) = labels.first() else { continue };
            let Some((index, _)) = best_match(label, row_specs.iter().copied()) else {
                // Section rows (第二十条第（一）项) carry no values; say so only for data rows.
                let has_values = starting.iter().any(|c| c.col > 0 && crate::grid::is_value_text(&c.text));
                if has_values {
                    diagnostics.push(Diagnostic::warning(
                        "report.row_unmatched",
                        format!("proactive table: row \"{label}\" matches no template row; its values are left out"),
                    ));
                }
                continue;
            };
            if found[index].is_some() {
                continue;
            }
            unnamed.retain(|(col, label)| {
                let lost = view.value_text(r, *col).is_some_and(crate::grid::is_value_text);
                if lost {
                    diagnostics.push(Diagnostic::warning(
                        "report.column_unmatched",
                        format!("proactive table: column header \"{label}\" matches no template column; its values are left out"),
                    ));
                }
                !lost
            });
            let row = &spec.rows[index];
            let (mut object, mut unit) = proactive_null_row(row, spec);
            for (col, k, header_unit) in &columns {
                let column = &spec.columns[*k];
                if !row.columns.contains(&column.key) {
                    continue;
                }
                let what = Stat::Proactive(row.key, column.key).name();
                let parsed = read_value(view.value_text(r, *col), &what, diagnostics);
                if column.amount {
                    unit = Some(parsed.unit.clone().or_else(|| header_unit.clone()));
                }
                object.insert(column.key, parsed.value);
            }
            found[index] = Some((object, unit));
        }
    }
    let mut result = Proactive::default();
    for (row, value) in spec.rows.iter().zip(found) {
        let (object, unit) = value.unwrap_or_else(|| {
            diagnostics.push(Diagnostic::warning(
                "report.row_missing",
                format!("proactive table: no row for {} (\"{}\"); its values are null", row.key, row.labels[0].text),
            ));
            proactive_null_row(row, spec)
        });
        result.insert_row(row.key, object);
        if let Some(unit) = unit {
            result.set_unit(row.key, unit);
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn application_rows_by_leaf_and_group() {
        let rows = &TEMPLATES.get("2021").unwrap().applications.rows;
        let key = |labels: &[&str]| match_application_row(labels, rows).map(|i| rows[i].key.key());
        assert_eq!(
            key(&["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"]),
            Some("results.withheld.state_secret")
        );
        assert_eq!(key(&["三、（一）予以公开"]), Some("results.granted"));
        assert_eq!(key(&["本年度办理结果", "（六）其他处理", "3.其他"]), Some("results.other.other"));
        assert_eq!(key(&["本年度办理结果", "（六）其他处理"]), Some("results.other"));
        assert_eq!(key(&["（四）无法提供", "1.本机关不掌握相关信息"]), Some("results.unavailable.not_held"));
        assert_eq!(key(&["（七）总计"]), Some("results.total"));
        assert_eq!(key(&["四、结转下年度继续办理"]), Some("carried_forward"));
        assert_eq!(key(&["本年度办理结果", "（五）不予处理", "3.其他"]), None, "其他 under the wrong group");
        assert_eq!(key(&["合计"]), None);
    }
}
