//! The report panel: the report's three statistics tables as read, one row
//! per template row, each value linked to the cell it was read from; nulls
//! shown as null; the failed 勾稽 checks listed, each highlighting the
//! values it compares (the column or row the rule runs along, the ones it
//! names marked). Read from the report's JSON — the contract — so it shows
//! what `convert` writes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value;

use crate::inspect::values::TABLES;
use crate::markup::esc;

/// Element id of a report value.
pub fn value_id(path: &str) -> String {
    format!("v-{path}")
}

/// A table's rows: (row path, [(column key, value)]) — an object whose
/// members are not objects is a row.
fn rows(path: &str, value: &Value, out: &mut Vec<(String, Vec<(String, Value)>)>) {
    let Value::Object(map) = value else { return };
    if map.values().all(|v| !v.is_object()) {
        out.push((path.to_string(), map.iter().map(|(k, v)| (k.clone(), v.clone())).collect()));
        return;
    }
    for (k, v) in map {
        let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
        rows(&p, v, out);
    }
}

/// Whether the value at `path` lies along the failed check's column or row.
fn involved(check: &Value, path: &str) -> bool {
    let rule = check.get("rule").and_then(Value::as_str).unwrap_or("");
    let table = rule.split('.').next().unwrap_or("");
    let Some(rest) = path.strip_prefix(table).and_then(|r| r.strip_prefix('.')) else { return false };
    let column = check.get("column").and_then(Value::as_str);
    let row = check.get("row").and_then(Value::as_str);
    let by_column = column.is_some_and(|c| rest.ends_with(&format!(".{c}")) || rest.starts_with(&format!("{c}.")));
    let by_row = row.is_some_and(|r| rest.starts_with(&format!("{r}.")));
    by_column || by_row
}

/// Whether the check's message names the value's row (or the value itself).
fn named(check: &Value, path: &str) -> bool {
    let message = check.get("message").and_then(Value::as_str).unwrap_or("");
    let statement = message.split(':').next().unwrap_or("");
    let row = path.split_once('.').map(|(_, r)| r).unwrap_or(path);
    let row = row.rsplit_once('.').map(|(r, _)| r).unwrap_or(row);
    statement
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        .any(|token| !token.is_empty() && token == row)
}

/// The panel's HTML. `report` is the document JSON's `report` member;
/// `links` maps a value's path to the ids it links to (its block cell, its
/// page cell).
pub fn panel(report: &Value, links: &BTreeMap<String, Vec<String>>) -> String {
    let mut s = String::new();
    if report.is_null() {
        s.push_str(r#"<p class="muted">Not a recognized annual report: no report panel.</p>"#);
        return s;
    }
    let failed: Vec<&Value> =
        report.pointer("/checks/failed").and_then(Value::as_array).map(|a| a.iter().collect()).unwrap_or_default();
    let run = report.pointer("/checks/run").and_then(Value::as_u64).unwrap_or(0);
    let complete = report.get("complete").and_then(Value::as_bool).unwrap_or(false);
    let _ = write!(
        s,
        r#"<p class="rhead">template <b>{}</b> · agency <b>{}</b> · year <b>{}</b> · complete <b class="{}">{complete}</b> · checks run {run}, failed <b class="{}">{}</b></p>"#,
        esc(report.get("template").and_then(Value::as_str).unwrap_or("?")),
        esc(report.get("agency").and_then(Value::as_str).unwrap_or("null")),
        report.get("year").map_or("null".to_string(), Value::to_string),
        if complete { "ok" } else { "bad" },
        if failed.is_empty() { "ok" } else { "bad" },
        failed.len()
    );

    if !failed.is_empty() {
        s.push_str(r#"<h3>Failed checks</h3><ul id="failed-checks">"#);
        for (k, check) in failed.iter().enumerate() {
            let mut targets: Vec<String> = Vec::new();
            for table in TABLES {
                let mut table_rows = Vec::new();
                rows("", report.get(table).unwrap_or(&Value::Null), &mut table_rows);
                for (row, values) in &table_rows {
                    for (column, _) in values {
                        let path = format!("{table}.{row}.{column}");
                        if involved(check, &path) {
                            targets.push(value_id(&path));
                        }
                    }
                }
            }
            let _ = write!(
                s,
                r#"<li class="check" id="check-{k}" data-l="{}"><code>{}</code> {}</li>"#,
                targets.join(" "),
                esc(check.get("rule").and_then(Value::as_str).unwrap_or("")),
                esc(check.get("message").and_then(Value::as_str).unwrap_or(""))
            );
        }
        s.push_str("</ul>");
    }

    for table in TABLES {
        let value = report.get(table).unwrap_or(&Value::Null);
        let _ = write!(s, r#"<h3>{table}</h3>"#);
        if value.is_null() {
            s.push_str(r#"<p class="null">null — the table was not found</p>"#);
            continue;
        }
        let mut table_rows = Vec::new();
        rows("", value, &mut table_rows);
        let mut columns: Vec<&str> = Vec::new();
        for (_, values) in &table_rows {
            for (c, _) in values {
                if !columns.contains(&c.as_str()) {
                    columns.push(c);
                }
            }
        }
        let _ = write!(s, r#"<table class="rt" id="report-{table}"><tr><th></th>"#);
        for c in &columns {
            let _ = write!(s, "<th>{}</th>", esc(c));
        }
        s.push_str("</tr>");
        for (row, values) in &table_rows {
            let _ = write!(s, "<tr><th>{}</th>", esc(row));
            for c in &columns {
                let Some((_, v)) = values.iter().find(|(k, _)| k == c) else {
                    s.push_str("<td></td>");
                    continue;
                };
                let path = format!("{table}.{row}.{c}");
                let checks: Vec<&&Value> = failed.iter().filter(|f| involved(f, &path)).collect();
                let class = if checks.iter().any(|f| named(f, &path)) {
                    "bad"
                } else if !checks.is_empty() {
                    "inv"
                } else {
                    ""
                };
                let (text, null) = match v {
                    Value::Null => ("null".to_string(), " null"),
                    Value::String(t) => (t.clone(), ""),
                    other => (other.to_string(), ""),
                };
                let linked = links.get(&path).map(|l| l.join(" ")).unwrap_or_default();
                let unlinked = if linked.is_empty() && !null.is_empty() {
                    ""
                } else if linked.is_empty() {
                    " nolink"
                } else {
                    ""
                };
                let _ = write!(
                    s,
                    r#"<td class="val {class}{null}{unlinked}" id="{}" data-l="{linked}" title="{}">{}</td>"#,
                    value_id(&path),
                    esc(&path),
                    esc(&text)
                );
            }
            s.push_str("</tr>");
        }
        s.push_str("</table>");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_link_nulls_show_and_failed_checks_mark_their_values() {
        let report = json!({
            "template": "2019", "agency": "某局", "year": 2019, "complete": true,
            "proactive": null,
            "applications": {"new": {"total": 5, "other": null}, "results": {"total": {"total": 4, "other": 1}}},
            "reviews": {"review": {"total": 3}},
            "checks": {"run": 2, "failed": [{"rule": "applications.balance", "column": "total", "row": null,
                "left": 5, "right": 4, "message": "new should equal results.total, column total: 5 ≠ 4"}]}
        });
        let mut links = BTreeMap::new();
        links.insert("applications.new.total".to_string(), vec!["b3c7".to_string(), "p2t0c7".to_string()]);
        let html = panel(&report, &links);
        assert!(html.contains(r#"class="val bad" id="v-applications.new.total" data-l="b3c7 p2t0c7""#), "{html}");
        assert!(html.contains(r#"class="val  null" id="v-applications.new.other""#), "{html}");
        assert!(html.contains(r#"id="v-applications.results.total.total""#));
        assert!(html.contains(r#"data-l="v-applications.new.total v-applications.results.total.total""#), "{html}");
        assert!(html.contains("null — the table was not found"));
        assert!(!involved(&report["checks"]["failed"][0], "reviews.review.total"));
    }
}
