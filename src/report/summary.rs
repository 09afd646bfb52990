//! The summary CSV: one row per report — source, agency, year, template,
//! every statistic in a column named by its dotted key path, the number of
//! failed checks and their rule ids, and whether every value was placed
//! (`complete`). The columns are the same for every batch (the union of all
//! template versions, in template order), so files can be stacked.
//!
//! Every column holds one type: statistics are numbers (or empty), never a
//! JSON object. A path can be a number in one template and a group in
//! another — `applications.results.other.other` is the "other applicant"
//! count of the 2019 「其他处理」 row and the 2021 「其他」 sub-row of
//! 「其他处理」 — so the group's values go to their own leaf columns
//! (`applications.results.other.other.natural_person`, …) and the group path
//! itself stays empty for that report.

use std::io::Write;

use super::Report;
use super::stats::{Key, ProactiveRow, Stat};
use super::template::TEMPLATES;

/// A statistic column of the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// A statistic: its number, or empty.
    Stat(Stat),
    /// The unit of a proactive row's amount.
    Unit(ProactiveRow),
}

impl Column {
    /// The column's name: the statistic's full key
    /// (`applications.results.granted.total`), or the row's key and
    /// `amount_unit` (`proactive.procurement.amount_unit`).
    pub fn name(self) -> String {
        match self {
            Column::Stat(stat) => stat.name(),
            Column::Unit(row) => format!("proactive.{}.amount_unit", row.key()),
        }
    }

    /// The column's cell for `report`.
    fn cell(self, report: &Report) -> String {
        match self {
            Column::Stat(stat) => report.get(stat).map(|n| n.to_string()).unwrap_or_default(),
            Column::Unit(row) => {
                report.proactive.as_ref().and_then(|p| p.amount_unit(row)).unwrap_or_default().to_string()
            }
        }
    }
}

/// The statistic columns, in a stable order: every (row, column) of every
/// template version, in template order, each once.
pub fn columns() -> Vec<Column> {
    let mut columns: Vec<Column> = Vec::new();
    let mut push = |column: Column| {
        if !columns.contains(&column) {
            columns.push(column);
        }
    };
    for template in &TEMPLATES.templates {
        for row in &template.proactive.rows {
            for &key in &row.columns {
                push(Column::Stat(Stat::Proactive(row.key, key)));
                if template.proactive.is_amount(key) {
                    push(Column::Unit(row.key));
                }
            }
        }
    }
    for template in &TEMPLATES.templates {
        for row in &template.applications.rows {
            for column in &TEMPLATES.applications.columns {
                push(Column::Stat(Stat::Applications(row.key, column.key)));
            }
        }
    }
    for group in &TEMPLATES.reviews.groups {
        for column in &TEMPLATES.reviews.columns {
            push(Column::Stat(Stat::Reviews(group.key, column.key)));
        }
    }
    columns
}

/// Column names of the statistics, in the order of [`columns`].
pub fn statistic_columns() -> Vec<String> {
    columns().into_iter().map(Column::name).collect()
}

/// Writes the summary of `reports` — (source name, report) — sorted by
/// source name. `bom` starts the file with a UTF-8 byte-order mark, which
/// Excel needs to open Chinese text correctly.
pub fn write_csv<W: Write>(reports: &[(String, Report)], out: W, bom: bool) -> std::io::Result<()> {
    let mut out = out;
    if bom {
        out.write_all("\u{FEFF}".as_bytes())?;
    }
    let columns = columns();
    let mut writer = csv::Writer::from_writer(out);
    let mut header: Vec<String> = ["source", "agency", "year", "template"].map(String::from).to_vec();
    header.extend(columns.iter().map(|c| c.name()));
    header.extend(["failed_checks", "failed_rules", "complete"].map(String::from));
    writer.write_record(&header)?;
    let mut sorted: Vec<&(String, Report)> = reports.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    for (source, report) in sorted {
        let mut record = vec![
            source.clone(),
            report.agency.clone().unwrap_or_default(),
            report.year.map(|y| y.to_string()).unwrap_or_default(),
            report.template.clone(),
        ];
        record.extend(columns.iter().map(|c| c.cell(report)));
        record.push(report.checks.failed.len().to_string());
        record.push(failed_rules(report));
        record.push(report.complete.to_string());
        writer.write_record(&record)?;
    }
    writer.flush()?;
    Ok(())
}

/// The distinct rule ids of the failed checks, in the order the checks ran,
/// separated by `;` (a rule fails once per column it fails in; the count
/// column has each failure).
fn failed_rules(report: &Report) -> String {
    let mut rules: Vec<&str> = Vec::new();
    for rule in report.checks.failed.iter().map(|f| f.rule.id()) {
        if !rules.contains(&rule) {
            rules.push(rule);
        }
    }
    rules.join(";")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::TableKind;
    use serde_json::{Value, json};

    #[test]
    fn columns_are_stable_and_cover_both_templates() {
        let columns = statistic_columns();
        assert_eq!(columns, statistic_columns());
        for expected in [
            "proactive.rules.made",
            "proactive.rules.issued",
            "proactive.procurement.amount_unit",
            "proactive.fees.amount",
            "applications.results.withheld.state_secret.natural_person",
            "applications.results.other.total",
            "applications.results.other.unpaid_fee.total",
            "reviews.litigation_after_review.pending",
        ] {
            assert!(columns.iter().any(|c| c == expected), "{expected}");
        }
        let unique: std::collections::HashSet<&String> = columns.iter().collect();
        assert_eq!(unique.len(), columns.len());
    }

    #[test]
    fn rows_sorted_by_source_with_bom() {
        let report = |agency: &str| -> Report {
            serde_json::from_value(json!({"agency": agency, "year": 2019, "template": "2019", "sections": [],
                   "proactive": {"rules": {"made": 3, "published": null, "total": 5}},
                   "applications": null, "reviews": null,
                   "checks": {"run": 1, "failed": [{"rule": "reviews.total", "column": "review", "row": null,
                                                   "left": 1, "right": 2, "message": "x"}]},
                   "complete": agency == "甲局"}))
            .unwrap()
        };
        let mut out = Vec::new();
        write_csv(&[("b.docx".into(), report("乙局")), ("a.pdf".into(), report("甲局"))], &mut out, true).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with('\u{FEFF}'));
        let lines: Vec<&str> = text.trim_start_matches('\u{FEFF}').lines().collect();
        assert!(lines[0].starts_with("source,agency,year,template,proactive.rules.made,"));
        assert!(lines[0].ends_with(",failed_checks,failed_rules,complete"));
        assert!(lines[1].starts_with("a.pdf,甲局,2019,2019,3,,5,"));
        assert!(lines[1].ends_with(",1,reviews.total,true"));
        assert!(lines[2].starts_with("b.docx,乙局"));
        assert!(lines[2].ends_with(",1,reviews.total,false"));
    }

    /// Each statistic column holds one type across templates: the 2019 and
    /// 2021 reports of the golden set, stacked, give numbers or nothing in
    /// every column, and every number of a report lands in its column.
    #[test]
    fn every_column_is_one_scalar_type_across_templates() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("golden");
        let mut reports: Vec<(String, Report)> = Vec::new();
        let mut numbers_in_json = Vec::new();
        for name in
            ["report-2019-libreoffice.docx.json", "report-2021-distinct.docx.json", "report-check-errors.docx.json"]
        {
            let text = std::fs::read_to_string(root.join(name)).unwrap();
            let value: Value = serde_json::from_str(&text).unwrap();
            fn numbers(v: &Value) -> usize {
                match v {
                    Value::Object(map) => map.values().map(numbers).sum(),
                    Value::Number(_) => 1,
                    _ => 0,
                }
            }
            numbers_in_json.push(["proactive", "applications", "reviews"].map(|t| numbers(&value["report"][t])));
            reports.push((name.to_string(), serde_json::from_value(value["report"].clone()).unwrap()));
        }
        let mut out = Vec::new();
        write_csv(&reports, &mut out, false).unwrap();
        let mut reader = csv::Reader::from_reader(out.as_slice());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let statistics = statistic_columns();
        for (i, name) in header.iter().enumerate() {
            if !statistics.contains(name) && name != "failed_checks" {
                continue;
            }
            for row in &rows {
                let cell = &row[i];
                if name.ends_with(".amount_unit") {
                    assert!(!cell.starts_with('{') && cell.parse::<f64>().is_err(), "{name}: {cell:?} is not a unit");
                } else {
                    assert!(cell.is_empty() || cell.parse::<f64>().is_ok(), "{name}: {cell:?} is not a number");
                }
            }
        }
        let other = header.iter().position(|h| h == "applications.results.other.other").unwrap();
        assert_eq!(&rows[0][other], "118", "2019: the other-applicant count of 其他处理");
        assert_eq!(&rows[1][other], "", "2021: a group, in its own columns");
        let np = header.iter().position(|h| h == "applications.results.other.other.natural_person").unwrap();
        assert_eq!(&rows[1][np], "26");
        // Every number of each report is read into the typed report and is
        // in its column.
        for ((row, (name, report)), in_json) in rows.iter().zip(&reports).zip(&numbers_in_json) {
            let typed = [TableKind::Proactive, TableKind::Applications, TableKind::Reviews]
                .map(|t| report.values().filter(|(s, v)| s.table() == t && v.is_some()).count());
            assert_eq!(&typed, in_json, "{name}: numbers read into the typed report");
            for (stat, value) in report.values() {
                let i = header.iter().position(|h| *h == stat.name()).unwrap_or_else(|| panic!("{stat} has no column"));
                assert_eq!(row[i], value.map(|n| n.to_string()).unwrap_or_default(), "{stat}");
            }
        }
        let rules = header.iter().position(|h| h == "failed_rules").unwrap();
        assert!(rows[2][rules].contains("applications.balance"), "{}", &rows[2][rules]);
    }
}
