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

use serde_json::Value;

use super::template::TEMPLATES;

/// Column names of the statistics, in a stable order.
pub fn statistic_columns() -> Vec<String> {
    let mut columns: Vec<String> = Vec::new();
    let mut push = |name: String| {
        if !columns.contains(&name) {
            columns.push(name);
        }
    };
    for template in &TEMPLATES.templates {
        for row in &template.proactive.rows {
            for key in &row.columns {
                push(format!("proactive.{}.{key}", row.key));
                if template.proactive.is_amount(key) {
                    push(format!("proactive.{}.amount_unit", row.key));
                }
            }
        }
    }
    for template in &TEMPLATES.templates {
        for row in &template.applications.rows {
            for column in &TEMPLATES.applications.columns {
                push(format!("applications.{}.{}", row.key, column.key));
            }
        }
    }
    for group in &TEMPLATES.reviews.groups {
        for column in &TEMPLATES.reviews.columns {
            push(format!("reviews.{}.{}", group.key, column.key));
        }
    }
    columns
}

/// A scalar as CSV text. Objects and arrays are empty: their leaves have
/// their own columns (see the module doc).
fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null | Value::Object(_) | Value::Array(_)) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

/// Writes the summary of `reports` — (source name, the report's JSON object)
/// — sorted by source name. `bom` starts the file with a UTF-8 byte-order
/// mark, which Excel needs to open Chinese text correctly.
pub fn write_csv<W: Write>(reports: &[(String, Value)], out: W, bom: bool) -> std::io::Result<()> {
    let mut out = out;
    if bom {
        out.write_all("\u{FEFF}".as_bytes())?;
    }
    let columns = statistic_columns();
    let mut writer = csv::Writer::from_writer(out);
    let mut header: Vec<&str> = vec!["source", "agency", "year", "template"];
    header.extend(columns.iter().map(String::as_str));
    header.push("failed_checks");
    header.push("failed_rules");
    header.push("complete");
    writer.write_record(&header)?;
    let mut sorted: Vec<&(String, Value)> = reports.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    for (source, report) in sorted {
        let mut record =
            vec![source.clone(), cell(report.get("agency")), cell(report.get("year")), cell(report.get("template"))];
        for column in &columns {
            let value = column.split('.').try_fold(report, |v, key| v.get(key));
            record.push(cell(value));
        }
        let failed: &[Value] =
            report.get("checks").and_then(|c| c.get("failed")).and_then(Value::as_array).map_or(&[], Vec::as_slice);
        record.push(failed.len().to_string());
        record.push(failed_rules(failed));
        record.push(cell(report.get("complete")));
        writer.write_record(&record)?;
    }
    writer.flush()?;
    Ok(())
}

/// The distinct rule ids of the failed checks, in the order the checks ran,
/// separated by `;` (a rule fails once per column it fails in; the count
/// column has each failure).
fn failed_rules(failed: &[Value]) -> String {
    let mut rules: Vec<&str> = Vec::new();
    for rule in failed.iter().filter_map(|f| f.get("rule").and_then(Value::as_str)) {
        if !rules.contains(&rule) {
            rules.push(rule);
        }
    }
    rules.join(";")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
        let report = |agency: &str| {
            json!({"agency": agency, "year": 2019, "template": "2019",
                   "proactive": {"rules": {"made": 3, "published": null, "total": 5}},
                   "checks": {"run": 1, "failed": [{"rule": "x"}]}, "complete": agency == "甲局"})
        };
        let mut out = Vec::new();
        write_csv(&[("b.docx".into(), report("乙局")), ("a.pdf".into(), report("甲局"))], &mut out, true).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with('\u{FEFF}'));
        let lines: Vec<&str> = text.trim_start_matches('\u{FEFF}').lines().collect();
        assert!(lines[0].starts_with("source,agency,year,template,proactive.rules.made,"));
        assert!(lines[0].ends_with(",failed_checks,failed_rules,complete"));
        assert!(lines[1].starts_with("a.pdf,甲局,2019,2019,3,,5,"));
        assert!(lines[1].ends_with(",1,x,true"));
        assert!(lines[2].starts_with("b.docx,乙局"));
        assert!(lines[2].ends_with(",1,x,false"));
    }

    /// Each statistic column holds one type across templates: the 2019 and
    /// 2021 reports of the golden set, stacked, give numbers or nothing in
    /// every column, and every number of a report lands in some column.
    #[test]
    fn every_column_is_one_scalar_type_across_templates() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("golden");
        let mut reports = Vec::new();
        for name in
            ["report-2019-libreoffice.docx.json", "report-2021-distinct.docx.json", "report-check-errors.docx.json"]
        {
            let text = std::fs::read_to_string(root.join(name)).unwrap();
            let value: Value = serde_json::from_str(&text).unwrap();
            reports.push((name.to_string(), value["report"].clone()));
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
        // Every number of each report is in some column.
        fn leaves(prefix: &str, v: &Value, out: &mut Vec<(String, Value)>) {
            match v {
                Value::Object(map) => {
                    for (k, v) in map {
                        leaves(&format!("{prefix}{k}."), v, out);
                    }
                }
                Value::Number(_) => out.push((prefix.trim_end_matches('.').to_string(), v.clone())),
                _ => {}
            }
        }
        for (row, (_, report)) in rows.iter().zip(&reports) {
            for section in ["proactive", "applications", "reviews"] {
                let mut found = Vec::new();
                leaves(&format!("{section}."), &report[section], &mut found);
                for (path, value) in found {
                    let i = header.iter().position(|h| *h == path).unwrap_or_else(|| panic!("{path} has no column"));
                    assert_eq!(row[i], value.to_string(), "{path}");
                }
            }
        }
        let rules = header.iter().position(|h| h == "failed_rules").unwrap();
        assert!(rows[2][rules].contains("applications.balance"), "{}", &rows[2][rules]);
    }
}
