//! The summary CSV: one row per report — source, agency, year, template,
//! every statistic in a column named by its dotted key path, and the number
//! of failed checks and whether every value was placed (`complete`). The columns are the same for every batch (the union of
//! all template versions, in template order), so files can be stacked.

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

fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
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
        let failed = report.get("checks").and_then(|c| c.get("failed")).and_then(Value::as_array).map_or(0, Vec::len);
        record.push(failed.to_string());
        record.push(cell(report.get("complete")));
        writer.write_record(&record)?;
    }
    writer.flush()?;
    Ok(())
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
        assert!(lines[0].ends_with(",failed_checks,complete"));
        assert!(lines[1].starts_with("a.pdf,甲局,2019,2019,3,,5,"));
        assert!(lines[1].ends_with(",1,true"));
        assert!(lines[2].starts_with("b.docx,乙局"));
        assert!(lines[2].ends_with(",1,false"));
    }
}
