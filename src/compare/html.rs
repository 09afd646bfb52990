//! The comparison as one self-contained HTML page: no script, no network
//! (styles inline), readable in any browser and printable. Failed checks
//! first, then each table's values as a grid (rows and columns named by the
//! templates' labels, the key as their tooltip; a changed value with the old
//! one and the change under it, the relative change as its tooltip), then
//! the text of each section with its changes marked (`<del>` / `<ins>`),
//! paragraphs copied unchanged folded.

use std::fmt::Write;

use serde_json::Value;

use super::Comparison;
use super::align::Status;
use super::checks::Level;
use super::diff::{Change, Op};
use crate::markup::esc;
use crate::report::entries::table_label;
use crate::report::{Key, TEMPLATES, TableKind};

const STYLE: &str = "
body{font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif;margin:2em auto;max-width:90em;
 padding:0 1em;color:#222;line-height:1.6}
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.2em;border-bottom:2px solid #ccc;margin-top:2em}
h3{font-size:1.05em;margin-top:1.5em}
table{border-collapse:collapse;margin:.5em 0;font-size:.92em}
th,td{border:1px solid #bbb;padding:.2em .6em;text-align:left;vertical-align:top}
th{background:#f0f0f0}td.n{text-align:right;font-variant-numeric:tabular-nums}
td.changed{background:#fff3cd}td.old_only,td.new_only{background:#e8f0ff}td.same{color:#666}
td.none{background:#f4f4f4}th.row{font-weight:normal;background:#fafafa;min-width:10em;max-width:22em}
small{color:#555;white-space:nowrap}
.error{color:#fff;background:#c0392b;padding:0 .4em;border-radius:3px}
.warning{color:#000;background:#f1c40f;padding:0 .4em;border-radius:3px}
.ok{color:#fff;background:#27ae60;padding:0 .4em;border-radius:3px}
del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}
p.same{color:#777}p.added{background:#efe;border-left:4px solid #4a4}p.removed{background:#fee;border-left:4px solid #c44}
p.changed{border-left:4px solid #e0a000;padding-left:.4em}p{margin:.4em 0;padding-left:.4em}
.meta{color:#555}summary{cursor:pointer;color:#335}
";

fn num(value: &Value) -> String {
    match value {
        Value::Null => "—".into(),
        Value::String(s) => esc(s),
        v => esc(&v.to_string()),
    }
}

fn percent(value: &Value) -> String {
    value.as_f64().map_or_else(|| "—".into(), |r| format!("{:+.1}%", r * 100.0))
}

fn name(side: &super::Side) -> String {
    let year = side.year.map_or_else(|| "?".into(), |y| y.to_string());
    format!("{} {year}", side.agency.as_deref().unwrap_or("(agency unknown)"))
}

/// The page.
pub fn render(c: &Comparison) -> String {
    let mut h = String::new();
    let title = format!("{} → {}", name(&c.old), name(&c.new));
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&title)
    );
    let _ = writeln!(h, "<h1>{}</h1>", esc(&title));
    for (what, side) in [("old", &c.old), ("new", &c.new)] {
        let _ = writeln!(
            h,
            "<p class=\"meta\">{what}: {} — {} template, {}{}</p>",
            esc(&side.source),
            esc(&side.template),
            if side.complete { "complete" } else { "incomplete" },
            if !side.failed_checks.is_empty() {
                format!(", {} failed check(s) inside the report (listed below)", side.failed_checks.len())
            } else {
                String::new()
            }
        );
    }
    let s = &c.summary;
    let copied = s.copied.map_or_else(|| "—".into(), |r| format!("{:.0}%", r * 100.0));
    let _ = writeln!(
        h,
        "<p>Statistics: {} changed, {} unchanged, {} only in the old report, {} only in the new. \
         Paragraphs: {} unchanged, {} changed, {} added, {} removed; {copied} of the new text is copied from the old.</p>",
        s.statistics.changed,
        s.statistics.same,
        s.statistics.old_only,
        s.statistics.new_only,
        s.paragraphs_same,
        s.paragraphs_changed,
        s.paragraphs_added,
        s.paragraphs_removed
    );
    checks(&mut h, c);
    report_checks(&mut h, c);
    statistics(&mut h, c);
    sections(&mut h, c);
    h.push_str("</body>\n</html>\n");
    h
}

/// The failed 勾稽 and narrative checks inside each report.
fn report_checks(h: &mut String, c: &Comparison) {
    if c.old.failed_checks.is_empty() && c.new.failed_checks.is_empty() {
        return;
    }
    let _ = writeln!(h, "<h2 id=\"report-checks\">Checks inside each report</h2>");
    h.push_str("<table>\n<tr><th>report</th><th>rule</th><th>row</th><th>column</th><th>left</th><th>right</th><th>message</th></tr>\n");
    for side in [&c.old, &c.new] {
        for f in &side.failed_checks {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                esc(&name(side)),
                esc(f.rule.id()),
                esc(f.row.as_deref().unwrap_or("")),
                esc(f.column.as_deref().unwrap_or("")),
                f.left,
                f.right,
                esc(&f.message)
            );
        }
    }
    h.push_str("</table>\n");
}

fn checks(h: &mut String, c: &Comparison) {
    let _ = writeln!(h, "<h2 id=\"checks\">Cross-year checks</h2>");
    if c.checks.failed.is_empty() {
        let _ = writeln!(h, "<p><span class=\"ok\">passed</span> {} check(s) run, none failed.</p>", c.checks.run);
    } else {
        let _ = writeln!(h, "<p>{} check(s) run, {} failed.</p>", c.checks.run, c.checks.failed.len());
        h.push_str("<table>\n<tr><th>level</th><th>rule</th><th>row</th><th>column</th><th>this year</th><th>expected</th><th>difference</th><th>message</th></tr>\n");
        for f in &c.checks.failed {
            let level = match f.level {
                Level::Error => "error",
                Level::Warning => "warning",
            };
            let _ = writeln!(
                h,
                "<tr><td><span class=\"{level}\">{level}</span></td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                esc(f.rule),
                esc(f.row.as_deref().unwrap_or("")),
                esc(f.column.as_deref().unwrap_or("")),
                num(&f.left),
                num(&f.right),
                num(&f.difference),
                esc(&f.message)
            );
        }
        h.push_str("</table>\n");
    }
    if let Some(skipped) = &c.checks.skipped {
        let _ = writeln!(h, "<p class=\"meta\">{}</p>", esc(skipped));
    }
}

/// One cell of a table grid: the new value, and under it the old one and
/// the change.
fn cell(r: &super::align::Row) -> String {
    match r.status {
        Status::Same => format!("<td class=\"n same\">{}</td>", num(&r.new)),
        Status::Changed => format!(
            "<td class=\"n changed\" title=\"{}\">{}<br><small>was {}{}</small></td>",
            percent(&r.relative),
            num(&r.new),
            num(&r.old),
            if r.change.is_null() { String::new() } else { format!(" · {}", signed(&r.change)) }
        ),
        Status::OldOnly => format!("<td class=\"n old_only\"><small>old only: {}</small></td>", num(&r.old)),
        Status::NewOnly => format!("<td class=\"n new_only\">{}<br><small>new only</small></td>", num(&r.new)),
    }
}

fn signed(value: &Value) -> String {
    match value.as_f64() {
        Some(v) if v > 0.0 => format!("+{}", num(value)),
        _ => num(value),
    }
}

/// A row (or column) header: the template's label, the SPEC key as its
/// tooltip; the bare key when neither template names it.
fn header(class: &str, label: Option<String>, key: &str) -> String {
    match label {
        Some(label) => format!("<th{class} title=\"{}\">{}</th>", esc(key), esc(&label)),
        None => format!("<th{class}>{}</th>", esc(key)),
    }
}

/// A table's values as a grid: its rows down, its columns across, in the
/// order the comparison lists them, each named by its label in the new
/// report's template (`new`), or the old one's (`old`) for a key only that
/// one has. A column whose old-only values the old template names otherwise
/// is named both ways, "new / old": one key can mean different things in two
/// templates (`amount` is 采购总金额 in 2019, 本年收费金额 in 2021).
fn grid(h: &mut String, table: TableKind, [new, old]: [&str; 2], rows: &[&super::align::Row]) {
    let mut row_keys: Vec<&str> = Vec::new();
    let mut column_keys: Vec<&str> = Vec::new();
    for r in rows {
        if !row_keys.contains(&r.row.as_str()) {
            row_keys.push(&r.row);
        }
        if !column_keys.contains(&r.column.as_str()) {
            column_keys.push(&r.column);
        }
    }
    let t = &*TEMPLATES;
    h.push_str("<table class=\"grid\">\n<tr><th>项目</th>");
    for c in &column_keys {
        let old_only = rows.iter().any(|r| r.column == *c && r.status == Status::OldOnly);
        let label = match (t.column_label(new, table, c), t.column_label(old, table, c)) {
            (Some(n), Some(o)) if old_only && n != o => Some(format!("{n} / {o}")),
            (n, o) => n.or(o),
        };
        h.push_str(&header("", label, c));
    }
    h.push_str("</tr>\n");
    for key in row_keys {
        let label = t.row_label(new, table, key).or_else(|| t.row_label(old, table, key));
        h.push_str("<tr>");
        h.push_str(&header(" class=\"row\"", label, key));
        for c in &column_keys {
            match rows.iter().find(|r| r.row == key && r.column == *c) {
                Some(r) => h.push_str(&cell(r)),
                None => h.push_str("<td class=\"none\"></td>"),
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</table>\n");
}

fn statistics(h: &mut String, c: &Comparison) {
    let _ = writeln!(
        h,
        "<h2 id=\"statistics\">Statistics</h2>\n<p class=\"meta\">Each cell: the new value; under a changed one, \
         the old value and the change (the relative change shows on pointing at it). Rows and columns are named as the new report's template names them (the old one's for keys only it has); pointing at a name shows its key. Blue: the key exists in one template only.</p>"
    );
    for &table in TableKind::ALL {
        let rows: Vec<&super::align::Row> = c.statistics.iter().filter(|r| r.table == table.key()).collect();
        if rows.is_empty() {
            continue;
        }
        let changed = rows.iter().filter(|r| r.status == Status::Changed).count();
        let _ = writeln!(
            h,
            "<h3>{} <span class=\"meta\">({}; {changed} of {} values changed)</span></h3>",
            esc(table_label(table)),
            table.key(),
            rows.len()
        );
        grid(h, table, [&c.new.template, &c.old.template], &rows);
    }
}

fn sections(h: &mut String, c: &Comparison) {
    let _ = writeln!(h, "<h2 id=\"text\">Text</h2>");
    for s in &c.sections {
        let title = s.new_title.as_deref().or(s.old_title.as_deref()).unwrap_or("(section not found)");
        let copied = s.copied.map_or_else(String::new, |r| format!(" — {:.0}% copied", r * 100.0));
        let _ = writeln!(h, "<h3>{}、{}<span class=\"meta\">{copied}</span></h3>", chinese_number(s.no), esc(title));
        if s.old_title.is_some() && s.new_title.is_some() && s.old_title != s.new_title {
            let _ = writeln!(h, "<p class=\"meta\">old title: {}</p>", esc(s.old_title.as_deref().unwrap_or("")));
        }
        let mut same_run: Vec<&str> = Vec::new();
        let flush = |h: &mut String, run: &mut Vec<&str>| {
            if !run.is_empty() {
                let _ = writeln!(h, "<details><summary>{} paragraph(s) unchanged</summary>", run.len());
                for p in run.iter() {
                    let _ = writeln!(h, "<p class=\"same\">{}</p>", esc(p));
                }
                h.push_str("</details>\n");
                run.clear();
            }
        };
        for p in &s.paragraphs {
            match p.status {
                Change::Same => same_run.push(p.new.as_deref().unwrap_or("")),
                Change::Added => {
                    flush(h, &mut same_run);
                    let _ = writeln!(h, "<p class=\"added\"><ins>{}</ins></p>", esc(p.new.as_deref().unwrap_or("")));
                }
                Change::Removed => {
                    flush(h, &mut same_run);
                    let _ = writeln!(h, "<p class=\"removed\"><del>{}</del></p>", esc(p.old.as_deref().unwrap_or("")));
                }
                Change::Changed => {
                    flush(h, &mut same_run);
                    h.push_str("<p class=\"changed\">");
                    for piece in &p.diff {
                        match piece.op {
                            Op::Same => h.push_str(&esc(&piece.text)),
                            Op::Insert => {
                                let _ = write!(h, "<ins>{}</ins>", esc(&piece.text));
                            }
                            Op::Delete => {
                                let _ = write!(h, "<del>{}</del>", esc(&piece.text));
                            }
                        }
                    }
                    h.push_str("</p>\n");
                }
            }
        }
        flush(h, &mut same_run);
    }
}

fn chinese_number(n: u8) -> &'static str {
    ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"].get(usize::from(n)).copied().unwrap_or("")
}
