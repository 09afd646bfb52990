//! The annual-report layer: a rebuilt document → the SPEC's `report` object.
//! It finds the three statistics tables by their headers and row labels
//! wherever they are, tells the template version, reads every value by
//! label into typed data with stable keys, and runs the 勾稽 checks. It knows
//! the template (as data, `templates.json`) and nothing about file formats.
//!
//! The statistics are typed: [`Report::proactive`], [`Report::applications`]
//! and [`Report::reviews`] are [`Statistics`] tables keyed by the row and
//! column enums of the template ([`ApplicationRow`], [`ApplicantColumn`],
//! …). Read one value with [`Report::get`] and a [`Stat`] (table, row,
//! column), or a table's own [`Statistics::get`]; walk every value with
//! [`Report::values`]:
//!
//! ```
//! use govdoc::report::{ApplicantColumn, ApplicationRow, Key, Number, Stat};
//!
//! let output = govdoc::convert_path("samples/report-2019-libreoffice.docx")?;
//! let report = output.document.report.expect("an annual report");
//! let new = Stat::Applications(ApplicationRow::New, ApplicantColumn::Total);
//! assert_eq!(report.get(new), Some(Number::Int(8011)));
//!
//! // The same value from the table itself.
//! let applications = report.applications.as_ref().expect("table 三 was found");
//! assert_eq!(applications.get(ApplicationRow::New, ApplicantColumn::Total), Some(Number::Int(8011)));
//!
//! // Every statistic, with its full key ("applications.new.total").
//! for (stat, value) in report.values() {
//!     if let Some(value) = value {
//!         println!("{stat} = {value}");
//!     }
//! }
//! assert_eq!(report.values().filter(|(stat, _)| stat.table().key() == "reviews").count(), 15);
//! # Ok::<(), govdoc::Error>(())
//! ```

mod checks;
internal! {
    mod entries;
}
mod labels;
mod lines;
mod meta;
mod narrative;
mod read;
mod stats;
pub mod summary;
mod template;
mod values;
mod view;

pub use checks::{Checks, DoubtfulValue, FailedCheck, Rule};
pub use meta::Section;
pub use stats::{
    ApplicantColumn, ApplicationRow, Applications, Key, Number, Proactive, ProactiveColumn, ProactiveRow, ReviewColumn,
    ReviewGroup, Reviews, Stat, Statistics, TableKind,
};

use serde::{Deserialize, Serialize};

use crate::model::{Block, Diagnostic, PlacedLine, Table};
use crate::rebuild::group_parts;
use crate::text::comparable;
use read::Parts;
pub(crate) use template::TEMPLATES;
use template::{Template, labels_of};
use view::TableView;

/// The SPEC's `report` object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The template version: `"2019"` or `"2021"`.
    pub template: String,
    /// The agency, from the title.
    pub agency: Option<String>,
    /// The year reported on, from the title.
    pub year: Option<i64>,
    /// The six sections, 一 to 六.
    pub sections: Vec<Section>,
    /// 二、主动公开政府信息情况; `None` when the table was not found.
    pub proactive: Option<Proactive>,
    /// 三、收到和处理政府信息公开申请情况; `None` when the table was not found.
    pub applications: Option<Applications>,
    /// 四、政府信息公开行政复议、行政诉讼情况; `None` when the table was not found.
    pub reviews: Option<Reviews>,
    /// The 勾稽 checks run over the values.
    pub checks: Checks,
    /// Every template table was found and every value of it placed: each
    /// null is a cell the document left blank (or wrote as "—", or as text
    /// that is not a number). False when a table is missing, or when a found
    /// table has values or fields that could not be placed — a warning then
    /// says which table and why.
    pub complete: bool,
}

impl Report {
    /// The value of one statistic; `None` when its table was not found, the
    /// template version has no such row or column, or the cell is blank.
    pub fn get(&self, stat: Stat) -> Option<Number> {
        match stat {
            Stat::Proactive(row, column) => self.proactive.as_ref()?.get(row, column),
            Stat::Applications(row, column) => self.applications.as_ref()?.get(row, column),
            Stat::Reviews(group, column) => self.reviews.as_ref()?.get(group, column),
        }
    }

    /// Every statistic of the tables found, with its value (`None` for a
    /// blank cell): the proactive table, then applications, then reviews,
    /// each row by row in key order. Units of amounts are not statistics
    /// ([`Statistics::amount_unit`]).
    pub fn values(&self) -> impl Iterator<Item = (Stat, Option<Number>)> + '_ {
        let proactive = self.proactive.iter().flat_map(|t| t.iter().map(|(r, c, v)| (Stat::Proactive(r, c), v)));
        let applications =
            self.applications.iter().flat_map(|t| t.iter().map(|(r, c, v)| (Stat::Applications(r, c), v)));
        let reviews = self.reviews.iter().flat_map(|t| t.iter().map(|(r, c, v)| (Stat::Reviews(r, c), v)));
        proactive.chain(applications).chain(reviews)
    }
}

/// The three statistics tables, in the order they are looked for.
const KINDS: [TableKind; 3] = [TableKind::Proactive, TableKind::Applications, TableKind::Reviews];

/// One table as read, before it goes into the report.
enum Read {
    Proactive(Proactive),
    Applications(Applications),
    Reviews(Reviews),
}

impl Read {
    /// (blank values, values).
    fn nulls(&self) -> (usize, usize) {
        match self {
            Read::Proactive(t) => t.nulls(),
            Read::Applications(t) => t.nulls(),
            Read::Reviews(t) => t.nulls(),
        }
    }
}

impl TableKind {
    /// The table's name in messages.
    fn name(self) -> &'static str {
        match self {
            TableKind::Proactive => "proactive-disclosure (二)",
            TableKind::Applications => "applications (三)",
            TableKind::Reviews => "reviews and litigation (四)",
        }
    }

    /// How strongly a table's text says it is this table: the number of the
    /// kind's signal labels it contains.
    fn score(self, text: &str) -> usize {
        let count =
            |signals: &mut dyn Iterator<Item = &String>| signals.filter(|s| text.contains(&comparable(s))).count();
        match self {
            TableKind::Applications => {
                count(&mut TEMPLATES.applications.header_signals.iter().chain(&TEMPLATES.applications.row_signals))
            }
            TableKind::Reviews => count(&mut TEMPLATES.reviews.header_signals.iter()),
            TableKind::Proactive => {
                count(&mut TEMPLATES.templates.iter().flat_map(|t| t.signals.iter()))
                    + usize::from(text.contains("第二十条"))
                    + usize::from(text.contains("信息内容"))
            }
        }
    }
}

/// Diagnostics that mean a found table's values were not all placed: a
/// row, column, part or cell left out, or a template field with no cell.
/// (A cell whose text is not a number was placed; it is the document's.)
const LOSS_CODES: [&str; 8] = [
    "report.row_unmatched",
    "report.column_unmatched",
    "report.part_unreadable",
    "report.row_repeated",
    "report.row_missing",
    "report.column_missing",
    "report.value_missing",
    "report.value_unplaced",
];

/// A table needs this many signals to be taken for one of the three.
const MIN_SCORE: usize = 2;

/// The tables of each kind, first part first: the report layer scores each
/// table against each kind's signal labels, the rebuild stage's
/// [`group_parts`] decides which neighbouring tables are parts of one.
fn find_tables<'a>(tables: &[&'a Table]) -> [Option<Parts<'a>>; 3] {
    let texts: Vec<String> = tables.iter().map(|t| comparable(&TableView::new(t, |_| None).all_text())).collect();
    let scores: Vec<[usize; 3]> = texts.iter().map(|t| KINDS.map(|k| k.score(t))).collect();
    group_parts(&scores, MIN_SCORE).map(|range| range.map(|r| Parts { tables: tables[r].to_vec() }))
}

/// The template version: from the proactive table's column headers
/// (本年制发件数 ⇒ 2021; 本年新制作数量 / 上一年项目数量 ⇒ 2019) — or, with no
/// proactive table found, from those labels among the text lines — else from
/// the shape of （六） in the applications table, else from the year.
fn template_version<'a>(
    found: &[Option<Parts>; 3],
    lines: &dyn Fn() -> &'a [PlacedLine],
    year: Option<i64>,
    diagnostics: &mut Vec<Diagnostic>,
) -> &'static Template {
    let text_of = |parts: &Option<Parts>| {
        parts.as_ref().map_or(String::new(), |p| {
            p.tables.iter().map(|t| comparable(&TableView::new(t, |_| None).all_text())).collect::<Vec<_>>().join("\n")
        })
    };
    // No proactive table found: its header labels may still stand in the
    // text lines (a table without rulings).
    let proactive = match &found[0] {
        Some(_) => text_of(&found[0]),
        None => lines().iter().flat_map(|l| l.spans.iter().map(|s| comparable(&s.text))).collect::<Vec<_>>().join("\n"),
    };
    let by_signals = TEMPLATES
        .templates
        .iter()
        .map(|t| (t, t.signals.iter().filter(|s| proactive.contains(&comparable(s))).count()))
        .filter(|&(_, n)| n > 0)
        .max_by_key(|&(_, n)| n)
        .map(|(t, _)| t);
    if let Some(t) = by_signals {
        return t;
    }
    let applications = text_of(&found[1]);
    let has_2021_rows = TEMPLATES
        .get("2021")
        .map(|t| {
            let split: Vec<ApplicationRow> =
                t.applications.rows.iter().flat_map(|r| r.replaces.iter().copied()).collect();
            t.applications.rows.iter().filter(|r| split.contains(&r.key)).any(|r| {
                r.labels.iter().any(|l| l.text.chars().count() > 4 && applications.contains(&comparable(&l.text)))
            })
        })
        .unwrap_or(false);
    let id = if has_2021_rows || year.is_some_and(|y| y >= 2021) { "2021" } else { "2019" };
    diagnostics.push(Diagnostic::info(
        "report.template_guessed",
        format!("no proactive-disclosure column headers to tell the template by; taken as the {id} template"),
    ));
    TEMPLATES.get(id).unwrap_or(&TEMPLATES.templates[0])
}

/// Reads one table of `kind` from `parts`: its value and what the reading
/// noticed, each diagnostic on the table's first page unless it has its own.
fn read_parts(kind: TableKind, parts: &Parts, template: &Template) -> (Read, Vec<Diagnostic>) {
    let mut noticed = Vec::new();
    let value = match kind {
        TableKind::Proactive => Read::Proactive(read::proactive(parts, template, &mut noticed)),
        TableKind::Applications => Read::Applications(read::applications(parts, template, &mut noticed)),
        TableKind::Reviews => Read::Reviews(read::reviews(parts, &mut noticed)),
    };
    let page = parts.tables[0].pages.first().copied();
    for d in &mut noticed {
        d.page = d.page.or(page);
    }
    (value, noticed)
}

/// The kinds of loss among `diagnostics` (see [`LOSS_CODES`]), sorted, each once.
fn losses(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
    let mut lost: Vec<&'static str> = LOSS_CODES
        .iter()
        .filter(|code| diagnostics.iter().any(|d| d.code == **code))
        .map(|code| code.trim_start_matches("report."))
        .collect();
    lost.sort_unstable();
    lost
}

/// The table of `kind` read from the text lines, if they hold its header.
fn table_from_lines(
    kind: TableKind,
    template: &Template,
    lines: &[PlacedLine],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Table> {
    if lines.is_empty() {
        return None;
    }
    let others: Vec<lines::Spec> = KINDS.iter().filter(|&&k| k != kind).map(|&k| line_spec(k, template)).collect();
    let others: Vec<&lines::Spec> = others.iter().collect();
    lines::read(&line_spec(kind, template), &others, lines, diagnostics)
}

/// What the text-line reader needs of each kind of table.
fn line_spec(kind: TableKind, template: &Template) -> lines::Spec<'_> {
    let name = kind.name();
    match kind {
        TableKind::Proactive => lines::Spec {
            name,
            columns: labels_of(&template.proactive.columns),
            groups: Vec::new(),
            min_columns: 2,
            min_repeat_columns: 1,
        },
        TableKind::Applications => lines::Spec {
            name,
            columns: labels_of(&TEMPLATES.applications.columns),
            groups: Vec::new(),
            min_columns: 4,
            min_repeat_columns: 4,
        },
        TableKind::Reviews => lines::Spec {
            name,
            columns: labels_of(&TEMPLATES.reviews.columns),
            groups: labels_of(&TEMPLATES.reviews.groups),
            min_columns: 3,
            min_repeat_columns: 3,
        },
    }
}

internal_fn! {
    /// The report object of a document, or `None` when the document is not an
    /// annual report on government information disclosure. `lines` are the
    /// document's positioned text lines outside tables (empty for formats
    /// without positions): a table the table finder did not see is read from
    /// them.
    fn recognize(title: Option<&str>, blocks: &[Block], lines: &[PlacedLine]) -> (Option<Report>, Vec<Diagnostic>) {
        recognize_with_lines(title, blocks, &|| lines)
    }
}

/// [`recognize`] with the text lines asked for only when a table has to be
/// read from them (they are costly to build: see [`crate::model::PlacedLines`]).
pub(crate) fn recognize_with_lines<'a>(
    title: Option<&str>,
    blocks: &[Block],
    lines: &dyn Fn() -> &'a [PlacedLine],
) -> (Option<Report>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let tables: Vec<&Table> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    let found = find_tables(&tables);
    let titled = title.is_some_and(meta::is_report_title);
    let tables_found = found.iter().filter(|f| f.is_some()).count();
    if !titled && tables_found < 2 {
        return (None, Vec::new());
    }
    let (agency, year) = title.map(meta::agency_and_year).unwrap_or_default();
    if agency.is_none() || year.is_none() {
        diagnostics.push(Diagnostic::warning(
            "report.title_incomplete",
            format!("the title does not name {}", if agency.is_none() { "the agency" } else { "the year" }),
        ));
    }
    let template = template_version(&found, lines, year, &mut diagnostics);
    // Tables the table finder did not see, read from the text lines.
    let mut from_lines: [Option<(Table, Vec<Diagnostic>)>; 3] = [None, None, None];
    for kind in KINDS {
        if found[kind as usize].is_none() {
            let mut noticed = Vec::new();
            from_lines[kind as usize] = table_from_lines(kind, template, lines(), &mut noticed).map(|t| (t, noticed));
        }
    }
    let mut found = found;
    for (slot, read) in found.iter_mut().zip(&from_lines) {
        if let Some((table, _)) = read {
            *slot = Some(Parts { tables: vec![table] });
        }
    }
    let read = |kind: TableKind, diagnostics: &mut Vec<Diagnostic>, incomplete: &mut bool| -> Option<Read> {
        let Some(parts) = &found[kind as usize] else {
            diagnostics.push(Diagnostic::warning(
                "report.table_missing",
                format!("no {} table was found; its values are null", kind.name()),
            ));
            return None;
        };
        // Said unless the table is read again from its text lines instead.
        let mut in_parts = (parts.tables.len() > 1).then(|| {
            Diagnostic::warning(
                "report.table_in_parts",
                format!("the {} table is still in {} parts; all parts were read", kind.name(), parts.tables.len()),
            )
        });
        let (mut value, mut noticed) = read_parts(kind, parts, template);
        if let Some((_, from)) = &from_lines[kind as usize] {
            noticed.splice(0..0, from.iter().cloned());
        }
        let page = parts.tables[0].pages.first().copied();
        let mut lost = losses(&noticed);
        if !lost.is_empty() && from_lines[kind as usize].is_none() {
            // The table as found cannot be read whole (a grid the finder got
            // wrong): its text lines may still say every value.
            let mut again = Vec::new();
            if let Some(table) = table_from_lines(kind, template, lines(), &mut again) {
                let (reread, read_diagnostics) = read_parts(kind, &Parts { tables: vec![&table] }, template);
                again.retain(|d| d.code != "report.read_from_lines");
                again.extend(read_diagnostics);
                if losses(&again).is_empty() && reread.nulls().0 <= value.nulls().0 {
                    diagnostics.push(
                        Diagnostic::info(
                            "report.reread_from_lines",
                            format!(
                                "the {} table as found could not be read whole ({}); it was read again from its text \
                                 lines, by its labels and the positions of its header labels, and every value was placed",
                                kind.name(),
                                lost.join(", ")
                            ),
                        )
                        .on_page(page),
                    );
                    (value, noticed, lost) = (reread, again, Vec::new());
                    in_parts = None;
                }
            }
        }
        diagnostics.extend(in_parts);
        diagnostics.extend(noticed);
        if !lost.is_empty() {
            let nulls = value.nulls();
            diagnostics.push(
                Diagnostic::warning(
                    "report.table_incomplete",
                    format!(
                        "the {} table was found, but not all its values could be placed ({}; see the warnings before); \
                         {} of {} values are null",
                        kind.name(),
                        lost.join(", "),
                        nulls.0,
                        nulls.1
                    ),
                )
                .on_page(page),
            );
            *incomplete = true;
        }
        Some(value)
    };
    let mut incomplete = found.iter().any(Option::is_none);
    let proactive = match read(TableKind::Proactive, &mut diagnostics, &mut incomplete) {
        Some(Read::Proactive(t)) => Some(t),
        _ => None,
    };
    let applications = match read(TableKind::Applications, &mut diagnostics, &mut incomplete) {
        Some(Read::Applications(t)) => Some(t),
        _ => None,
    };
    let reviews = match read(TableKind::Reviews, &mut diagnostics, &mut incomplete) {
        Some(Read::Reviews(t)) => Some(t),
        _ => None,
    };
    let checks = checks::run(applications.as_ref(), reviews.as_ref());
    let sections = meta::sections(blocks, &mut diagnostics);
    let mut report = Report {
        template: template.id.clone(),
        agency,
        year,
        sections,
        proactive,
        applications,
        reviews,
        checks,
        complete: !incomplete,
    };
    // The narrative checks: numbers the text states against the tables.
    let (run, failed) = narrative::run(&report);
    report.checks.run += run;
    report.checks.failed.extend(failed);
    (Some(report), diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::{Cell, Grid};

    fn table(rows: &[&[&str]]) -> Block {
        let cols = rows.iter().map(|r| r.len()).max().unwrap_or(0);
        let cells: Vec<Cell> = rows
            .iter()
            .enumerate()
            .flat_map(|(r, row)| {
                let span = if row.len() == 1 { cols } else { 1 };
                row.iter().enumerate().map(move |(c, text)| Cell::new(r, c, *text).spanning(1, span))
            })
            .collect();
        let grid = Grid::new(rows.len(), cols, cells);
        let header_rows = grid.inferred_header_rows();
        table_block(grid, header_rows, vec![])
    }

    #[test]
    fn a_table_left_in_parts_is_read_whole_even_when_a_later_part_says_more() {
        // The second part holds more of the template's signals, so it is
        // found first; the part before it must not be lost.
        let blocks = vec![
            table(&[
                &["第二十条第（一）项"],
                &["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
                &["规章", "1", "2", "3"],
            ]),
            table(&[
                &["第二十条第（五）项"],
                &["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
                &["行政许可", "4", "+1", "5"],
                &["第二十条第（九）项"],
                &["信息内容", "采购项目数量", "采购总金额（万元）", ""],
                &["政府集中采购", "6", "1.5", ""],
            ]),
        ];
        let (report, diagnostics) = recognize(Some("某局2019年政府信息公开工作年度报告"), &blocks, &[]);
        let report = report.expect("a report");
        assert_eq!(report.template, "2019");
        let proactive = report.proactive.unwrap();
        assert_eq!(proactive.get(ProactiveRow::Rules, ProactiveColumn::Made), Some(Number::Int(1)));
        assert_eq!(proactive.get(ProactiveRow::Licensing, ProactiveColumn::Change), Some(Number::Int(1)));
        assert_eq!(proactive.get(ProactiveRow::Procurement, ProactiveColumn::Amount), Some(Number::Dec(1.5)));
        assert_eq!(proactive.amount_unit(ProactiveRow::Procurement), Some("万元"));
        assert!(diagnostics.iter().any(|d| d.code == "report.table_in_parts"));
    }

    /// A one-part table block of `grid`.
    fn table_block(grid: Grid, header_rows: usize, pages: Vec<u32>) -> Block {
        let (rows, cols) = (grid.rows, grid.cols);
        Block::Table(Table {
            rows,
            cols,
            header_rows,
            caption_rows: 0,
            note_rows: 0,
            pages,
            parts: 1,
            cells: grid.cells,
        })
    }

    /// A table from explicit cells (row, col, row_span, col_span, text); the
    /// grid fills the slots nothing covers with empty cells.
    fn spanned(cols: usize, header_rows: usize, cells: &[(usize, usize, usize, usize, &str)]) -> Block {
        let rows = cells.iter().map(|c| c.0 + c.2).max().unwrap_or(0);
        let cells: Vec<Cell> = cells.iter().map(|&(r, c, rs, cs, t)| Cell::new(r, c, t).spanning(rs, cs)).collect();
        let grid = Grid::new(rows, cols, cells);
        table_block(grid, header_rows, vec![5])
    }

    const LEAVES: [&str; 4] = ["结果维持", "结果纠正", "其他结果", "尚未审结"];
    const HUAIAN: [&str; 15] = ["72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20"];

    fn reviews_of(blocks: &[Block]) -> (Reviews, bool, Vec<Diagnostic>) {
        let (report, diagnostics) = recognize(Some("某市2024年政府信息公开工作年度报告"), blocks, &[]);
        let report = report.expect("a report");
        (report.reviews.expect("a reviews table"), report.complete, diagnostics)
    }

    fn assert_huaian_values(reviews: &Reviews) {
        let mut n = 0;
        for &group in ReviewGroup::ALL {
            for &column in ReviewColumn::ALL {
                let want = Number::Int(HUAIAN[n].parse().unwrap());
                assert_eq!(reviews.get(group, column), Some(want), "{group}.{column}");
                n += 1;
            }
        }
    }

    /// Only the reviews table is given: the report is incomplete for the two
    /// missing ones, and for nothing else.
    fn assert_read_whole(complete: bool, diagnostics: &[Diagnostic]) {
        assert!(!complete);
        let lost: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.code == "report.table_incomplete" || LOSS_CODES.contains(&d.code.as_str()))
            .collect();
        assert!(lost.is_empty(), "{lost:?}");
    }

    /// The five column labels of one group, in `row` from column `start`,
    /// each `rows` tall.
    fn leaves_at(row: usize, start: usize, rows: usize) -> Vec<(usize, usize, usize, usize, &'static str)> {
        LEAVES.iter().chain(&["总计"]).enumerate().map(|(i, l)| (row, start + i, rows, 1, *l)).collect()
    }

    /// The 15 values in row 3 of a 16-column grid: value `wide` spans the
    /// sliver column beside its own.
    fn values_over_a_sliver(wide: usize) -> Vec<(usize, usize, usize, usize, &'static str)> {
        HUAIAN
            .iter()
            .enumerate()
            .map(|(i, v)| match i.cmp(&wide) {
                std::cmp::Ordering::Less => (3, i, 1, 1, *v),
                std::cmp::Ordering::Equal => (3, i, 1, 2, *v),
                std::cmp::Ordering::Greater => (3, i + 1, 1, 1, *v),
            })
            .collect()
    }

    /// The real WPS shape (淮安市 2024): the vertical between 行政复议 and
    /// 行政诉讼 in the top header row lies a few points left of the one below
    /// it, so the grid has a sliver column (5) that 行政诉讼 covers in row 0
    /// and 总计 covers below; and the rebuild saw only one header row.
    #[test]
    fn a_sliver_column_and_an_unmarked_header_do_not_stop_the_reviews_table() {
        let mut cells = vec![(0, 0, 1, 5, "行政复议"), (0, 5, 1, 11, "行政诉讼"), (1, 4, 2, 2, "总计")];
        cells.extend(LEAVES.iter().enumerate().map(|(i, l)| (1, i, 2, 1, *l)));
        cells.extend([(1, 6, 1, 5, "未经复议直接起诉"), (1, 11, 1, 5, "复议后起诉")]);
        for start in [6, 11] {
            cells.extend(leaves_at(2, start, 1));
        }
        cells.extend(values_over_a_sliver(4));
        let (reviews, complete, diagnostics) = reviews_of(&[spanned(16, 1, &cells)]);
        assert_huaian_values(&reviews);
        assert_read_whole(complete, &diagnostics);
    }

    /// The other way round: the top row's vertical lies right of the one
    /// below, so the sliver belongs to 行政复议 above and to the litigation
    /// cells below — the innermost group label decides.
    #[test]
    fn a_sliver_under_the_wrong_outer_group_goes_by_the_innermost_group() {
        let mut cells = vec![(0, 0, 1, 6, "行政复议"), (0, 6, 1, 10, "行政诉讼")];
        cells.extend(leaves_at(1, 0, 2));
        cells.extend([(1, 5, 1, 6, "未经复议直接起诉"), (1, 11, 1, 5, "复议后起诉"), (2, 5, 1, 2, "结果维持")]);
        cells.extend(LEAVES.iter().skip(1).chain(&["总计"]).enumerate().map(|(i, l)| (2, 7 + i, 1, 1, *l)));
        cells.extend(leaves_at(2, 11, 1));
        cells.extend(values_over_a_sliver(5));
        let (reviews, complete, diagnostics) = reviews_of(&[spanned(16, 3, &cells)]);
        assert_huaian_values(&reviews);
        assert_read_whole(complete, &diagnostics);
    }

    /// Header labels broken over two rows ("结果" above "维持") are one label.
    #[test]
    fn a_header_label_split_over_two_rows_is_one_label() {
        let halves = [("结果", "维持"), ("结果", "纠正"), ("其他", "结果"), ("尚未", "审结"), ("总", "计")];
        let mut cells = vec![(0, 0, 2, 5, "行政复议"), (0, 5, 1, 10, "行政诉讼")];
        cells.extend([(1, 5, 1, 5, "未经复议直接起诉"), (1, 10, 1, 5, "复议后起诉")]);
        for group in 0..3 {
            for (i, (top, bottom)) in halves.iter().enumerate() {
                cells.push((2, group * 5 + i, 1, 1, *top));
                cells.push((3, group * 5 + i, 1, 1, *bottom));
            }
        }
        cells.extend(HUAIAN.iter().enumerate().map(|(i, v)| (4, i, 1, 1, *v)));
        let (reviews, complete, diagnostics) = reviews_of(&[spanned(15, 3, &cells)]);
        assert_huaian_values(&reviews);
        assert_read_whole(complete, &diagnostics);
    }

    /// A number whose cell spans two template columns belongs to neither for
    /// sure: null, a warning naming the table, and `complete` false.
    #[test]
    fn a_value_that_cannot_be_placed_is_null_and_the_report_incomplete() {
        let mut cells = vec![(0, 0, 1, 5, "行政复议"), (0, 5, 1, 10, "行政诉讼")];
        cells.extend(leaves_at(1, 0, 2));
        cells.extend([(1, 5, 1, 5, "未经复议直接起诉"), (1, 10, 1, 5, "复议后起诉")]);
        for start in [5, 10] {
            cells.extend(leaves_at(2, start, 1));
        }
        cells.extend([(3, 0, 1, 2, "136")]);
        cells.extend(HUAIAN.iter().enumerate().skip(2).map(|(i, v)| (3, i, 1, 1, *v)));
        let (reviews, complete, diagnostics) = reviews_of(&[spanned(15, 3, &cells)]);
        assert_eq!(reviews.get(ReviewGroup::Review, ReviewColumn::Upheld), None);
        assert!(reviews.contains(ReviewGroup::Review, ReviewColumn::Upheld));
        assert_eq!(reviews.get(ReviewGroup::Review, ReviewColumn::Corrected), None);
        assert_eq!(reviews.get(ReviewGroup::Review, ReviewColumn::Other), Some(Number::Int(178)));
        assert!(!complete);
        let warning = diagnostics.iter().find(|d| d.code == "report.table_incomplete").expect("a warning");
        assert!(warning.message.contains("reviews and litigation (四)"), "{}", warning.message);
        assert!(warning.message.contains("value_unplaced"), "{}", warning.message);
        assert!(warning.message.contains("2 of 15 values are null"), "{}", warning.message);
        assert_eq!(warning.page, Some(5));
    }

    /// A template table not found at all makes the report incomplete too.
    #[test]
    fn a_missing_table_makes_the_report_incomplete() {
        let blocks = vec![table(&[
            &["第二十条第（一）项"],
            &["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            &["规章", "1", "0", "11"],
        ])];
        let (report, diagnostics) = recognize(Some("某市2024年政府信息公开工作年度报告"), &blocks, &[]);
        assert!(!report.expect("a report").complete);
        assert!(diagnostics.iter().any(|d| d.code == "report.table_missing"));
    }

    /// A 四 table found as a grid that collapsed (a three-line table: the
    /// whole value row in one cell) is read again from its text lines, and
    /// the report is complete.
    #[test]
    fn a_table_found_but_unreadable_is_read_again_from_its_lines() {
        let leaves = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
        let mut cells = vec![(0, 0, 1, 5, "行政复议"), (0, 5, 1, 10, "行政诉讼")];
        cells.extend((0..15).map(|i| (1, i, 1, 1, leaves[i % 5])));
        cells.push((2, 0, 1, 15, "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20"));
        let blocks = [spanned(15, 2, &cells)];
        let mut lines = lines::tests::header();
        let spans: Vec<(&str, f32)> = HUAIAN.iter().enumerate().map(|(i, v)| (*v, 35.0 + 50.0 * i as f32)).collect();
        lines.push(lines::tests::line(40.0, &spans));
        let (report, diagnostics) = recognize(Some("某市2024年政府信息公开工作年度报告"), &blocks, &lines);
        let report = report.expect("a report");
        assert_huaian_values(report.reviews.as_ref().unwrap());
        assert!(diagnostics.iter().any(|d| d.code == "report.reread_from_lines"), "{diagnostics:?}");
        assert!(!diagnostics.iter().any(|d| d.code == "report.table_incomplete"), "{diagnostics:?}");

        // Without the lines, the same grid is read as far as it goes and said to be incomplete.
        let (_, diagnostics) = recognize(Some("某市2024年政府信息公开工作年度报告"), &blocks, &[]);
        let warning = diagnostics.iter().find(|d| d.code == "report.table_incomplete").expect("incomplete");
        assert!(warning.message.contains("reviews and litigation (四)"), "{}", warning.message);
    }
}
