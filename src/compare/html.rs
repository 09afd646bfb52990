//! The comparison as one self-contained HTML page: no script, no network
//! (styles inline), readable in any browser and printable. Failed checks
//! first, then the statistics that changed or have no counterpart (all of
//! them folded below), then the text of each section with its changes
//! marked (`<del>` / `<ins>`), paragraphs copied unchanged folded.

use std::fmt::Write;

use serde_json::Value;

use super::Comparison;
use super::align::Status;
use super::checks::Level;
use super::diff::{Change, Op};
use super::values::Table;

const STYLE: &str = "
body{font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif;margin:2em auto;max-width:70em;
 padding:0 1em;color:#222;line-height:1.6}
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.2em;border-bottom:2px solid #ccc;margin-top:2em}
h3{font-size:1.05em;margin-top:1.5em}
table{border-collapse:collapse;margin:.5em 0;font-size:.92em}
th,td{border:1px solid #bbb;padding:.2em .6em;text-align:left;vertical-align:top}
th{background:#f0f0f0}td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.changed td{background:#fff8e0}tr.old_only td,tr.new_only td{background:#eef3ff}
.error{color:#fff;background:#c0392b;padding:0 .4em;border-radius:3px}
.warning{color:#000;background:#f1c40f;padding:0 .4em;border-radius:3px}
.ok{color:#fff;background:#27ae60;padding:0 .4em;border-radius:3px}
del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}
p.same{color:#777}p.added{background:#efe;border-left:4px solid #4a4}p.removed{background:#fee;border-left:4px solid #c44}
p.changed{border-left:4px solid #e0a000;padding-left:.4em}p{margin:.4em 0;padding-left:.4em}
.meta{color:#555}summary{cursor:pointer;color:#335}
";

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

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
            if side.failed_checks > 0 {
                format!(", {} failed check(s) inside the report", side.failed_checks)
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
    statistics(&mut h, c);
    sections(&mut h, c);
    h.push_str("</body>\n</html>\n");
    h
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

fn stat_rows(h: &mut String, rows: &[&super::align::Row]) {
    h.push_str(
        "<table>\n<tr><th>row</th><th>column</th><th>old</th><th>new</th><th>change</th><th>relative</th></tr>\n",
    );
    for r in rows {
        let class = match r.status {
            Status::Same => "same",
            Status::Changed => "changed",
            Status::OldOnly => "old_only",
            Status::NewOnly => "new_only",
        };
        let change = match r.status {
            Status::OldOnly => "no counterpart in the new template".to_string(),
            Status::NewOnly => "no counterpart in the old template".to_string(),
            _ => num(&r.change),
        };
        let _ = writeln!(
            h,
            "<tr class=\"{class}\"><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{change}</td><td class=\"n\">{}</td></tr>",
            esc(&r.row),
            esc(&r.column),
            num(&r.old),
            num(&r.new),
            percent(&r.relative)
        );
    }
    h.push_str("</table>\n");
}

fn statistics(h: &mut String, c: &Comparison) {
    let _ = writeln!(h, "<h2 id=\"statistics\">Statistics</h2>");
    for table in Table::ALL {
        let rows: Vec<&super::align::Row> = c.statistics.iter().filter(|r| r.table == table.key()).collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(h, "<h3>{} <span class=\"meta\">({})</span></h3>", esc(table.label()), table.key());
        let notable: Vec<&super::align::Row> = rows.iter().copied().filter(|r| r.status != Status::Same).collect();
        if notable.is_empty() {
            h.push_str("<p>No value changed.</p>\n");
        } else {
            stat_rows(h, &notable);
        }
        let _ = writeln!(h, "<details><summary>all {} values</summary>", rows.len());
        stat_rows(h, &rows);
        h.push_str("</details>\n");
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
