//! The panel: many reports as one long table — (agency, year, template,
//! source, key, value, unit), one row per statistic — grouped by agency
//! (names normalized, renamed agencies joined by an alias file) and year,
//! with the cross-year checks run over every consecutive pair of years of
//! each agency. From a batch's reports or from a folder of govdoc JSON
//! outputs.
//!
//! The `value` column holds numbers only (blank for a blank cell): pandas
//! reads it as one numeric type; an amount's unit is in `unit`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde_json::Value;

use crate::compare::Aliases;
use crate::compare::checks::{self, CrossFailure, Level};
use crate::compare::load::from_json;
use crate::report::Report;
use crate::report::entries::statistics;

/// One report of the panel.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Where the report came from: the input's name in a batch, or the
    /// `source.name` its JSON output records.
    pub source: String,
    /// The report.
    pub report: Report,
}

/// A consecutive pair of one agency's reports and its failed checks.
#[derive(Debug, Clone)]
pub struct Pair {
    /// The agency as shown in the panel: the alias target when it was
    /// renamed, else as its latest report writes it.
    pub agency: String,
    /// The earlier report: (year, source).
    pub old: (i64, String),
    /// The later report, of the year after: (year, source).
    pub new: (i64, String),
    /// How many cross-year checks were run on the pair.
    pub run: usize,
    /// The checks that failed.
    pub failed: Vec<CrossFailure>,
}

/// Several reports of one agency for one year.
#[derive(Debug, Clone)]
pub struct Duplicate {
    /// The agency as shown in the panel.
    pub agency: String,
    /// The year the reports are of.
    pub year: i64,
    /// Their sources, in name order; the first is the one paired.
    pub sources: Vec<String>,
    /// Every one of them has the same statistics (one report in several
    /// formats); else they disagree and only the first is paired.
    pub same_values: bool,
}

/// The panel of a set of reports.
#[derive(Debug, Clone, Default)]
pub struct Panel {
    /// (agency as shown, entry), sorted by agency, year, source.
    pub entries: Vec<(String, Entry)>,
    /// Every pair of consecutive years of one agency, with its checks.
    pub pairs: Vec<Pair>,
    /// Reports left out of the panel: no agency or no year in the title.
    pub unplaced: Vec<String>,
    /// Where one agency has several reports for one year (the same report
    /// as DOCX and PDF, or two different reports); the first source is the
    /// one paired.
    pub duplicates: Vec<Duplicate>,
    /// How many agencies the placed reports are of (after aliases).
    pub agencies: usize,
}

impl Panel {
    /// The failed cross-year checks over all pairs.
    pub fn failed_checks(&self) -> usize {
        self.pairs.iter().map(|p| p.failed.len()).sum()
    }
}

/// Groups `entries` by agency and year and runs the cross-year checks on
/// every pair of consecutive years.
pub fn build(entries: Vec<Entry>, aliases: &Aliases) -> Panel {
    let mut panel = Panel::default();
    // agency key → year → entries
    let mut groups: BTreeMap<String, BTreeMap<i64, Vec<Entry>>> = BTreeMap::new();
    for entry in entries {
        match (&entry.report.agency, entry.report.year) {
            (Some(agency), Some(year)) => {
                groups.entry(aliases.key(agency)).or_default().entry(year).or_default().push(entry)
            }
            _ => panel.unplaced.push(entry.source),
        }
    }
    panel.unplaced.sort();
    panel.agencies = groups.len();
    for mut years in groups.into_values() {
        for list in years.values_mut() {
            list.sort_by(|a, b| a.source.cmp(&b.source));
        }
        // Shown as the alias target when the agency was renamed, else as the
        // latest report writes it.
        let latest = years.values().next_back().and_then(|l| l[0].report.agency.clone()).unwrap_or_default();
        let shown = years
            .values()
            .flatten()
            .find_map(|e| e.report.agency.as_deref().and_then(|a| aliases.renamed(a)).map(str::to_string))
            .unwrap_or(latest);
        let firsts: Vec<(i64, &Entry)> = years.iter().map(|(y, l)| (*y, &l[0])).collect();
        let mut last_new: Option<i64> = None;
        for pair in firsts.windows(2) {
            let ((a, old), (b, new)) = (pair[0], pair[1]);
            if b != a + 1 {
                continue;
            }
            // A report's template is checked once: as the new one of its pair,
            // or as the old one where no pair ends with it.
            let checks = checks::run(&old.report, &new.report, aliases, last_new != Some(a));
            last_new = Some(b);
            panel.pairs.push(Pair {
                agency: shown.clone(),
                old: (a, old.source.clone()),
                new: (b, new.source.clone()),
                run: checks.run,
                failed: checks.failed,
            });
        }
        for (year, list) in years {
            if list.len() > 1 {
                let first = statistics(&list[0].report);
                panel.duplicates.push(Duplicate {
                    agency: shown.clone(),
                    year,
                    sources: list.iter().map(|e| e.source.clone()).collect(),
                    same_values: list[1..].iter().all(|e| statistics(&e.report) == first),
                });
            }
            panel.entries.extend(list.into_iter().map(|e| (shown.clone(), e)));
        }
    }
    panel
}

/// Writes the long table. `bom` starts it with a UTF-8 byte-order mark
/// (Excel needs it for Chinese; pandas skips it).
pub fn write_csv<W: Write>(panel: &Panel, out: W, bom: bool) -> std::io::Result<()> {
    let mut out = out;
    if bom {
        out.write_all("\u{FEFF}".as_bytes())?;
    }
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(["agency", "year", "template", "source", "key", "value", "unit"])?;
    for (agency, entry) in &panel.entries {
        let year = entry.report.year.map(|y| y.to_string()).unwrap_or_default();
        for stat in statistics(&entry.report) {
            let value = stat.value.map(|v| v.to_string()).unwrap_or_default();
            writer.write_record([
                agency.as_str(),
                &year,
                &entry.report.template,
                &entry.source,
                &stat.stat.name(),
                &value,
                stat.unit.as_deref().unwrap_or(""),
            ])?;
        }
    }
    writer.flush()
}

/// Writes the failed cross-year checks, one row each, with the pair they
/// belong to.
pub fn write_checks_csv<W: Write>(panel: &Panel, out: W, bom: bool) -> std::io::Result<()> {
    let mut out = out;
    if bom {
        out.write_all("\u{FEFF}".as_bytes())?;
    }
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "agency",
        "old_year",
        "new_year",
        "old_source",
        "new_source",
        "rule",
        "level",
        "row",
        "column",
        "left",
        "right",
        "difference",
        "message",
    ])?;
    let scalar = |v: &Value| match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        v => v.to_string(),
    };
    for pair in &panel.pairs {
        for f in &pair.failed {
            writer.write_record([
                pair.agency.as_str(),
                &pair.old.0.to_string(),
                &pair.new.0.to_string(),
                &pair.old.1,
                &pair.new.1,
                f.rule,
                match f.level {
                    Level::Error => "error",
                    Level::Warning => "warning",
                },
                f.row.as_deref().unwrap_or(""),
                f.column.as_deref().unwrap_or(""),
                &scalar(&f.left),
                &scalar(&f.right),
                &scalar(&f.difference),
                &f.message,
            ])?;
        }
    }
    writer.flush()
}

/// The path of the checks table beside a panel: `panel.csv` → `panel-checks.csv`.
pub fn checks_path(panel: &Path) -> std::path::PathBuf {
    let stem = panel.file_stem().map_or_else(|| "panel".into(), |s| s.to_string_lossy().to_string());
    panel.with_file_name(format!("{stem}-checks.csv"))
}

/// Entries from a batch's (source, report) list.
pub fn entries_from_reports(reports: &[(String, Report)]) -> Vec<Entry> {
    reports.iter().map(|(source, report)| Entry { source: source.clone(), report: report.clone() }).collect()
}

/// Entries from a folder of govdoc JSON outputs (searched recursively, in
/// name order): every `*.json` whose report is not null. Returns the
/// entries and the files that could not be read (with why); JSON files of
/// documents that are not reports are left out silently — they are not
/// reports, not errors.
pub fn entries_from_folder(dir: &Path) -> Result<(Vec<Entry>, Vec<String>), String> {
    if !dir.is_dir() {
        return Err(format!("{}: not a folder; give the output folder of `govdoc batch`", dir.display()));
    }
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let read = std::fs::read_dir(&folder).map_err(|e| format!("{}: cannot be read ({e})", folder.display()))?;
        for item in read.flatten() {
            let path = item.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut entries = Vec::new();
    let mut unreadable = Vec::new();
    for path in files {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                unreadable.push(format!("{}: cannot be read ({e})", path.display()));
                continue;
            }
        };
        let value: Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                unreadable.push(format!("{}: not JSON ({e})", path.display()));
                continue;
            }
        };
        if value.get("schema").and_then(Value::as_str) != Some(crate::json::SCHEMA) {
            unreadable.push(format!(
                "{}: not a govdoc output (no \"schema\": \"{}\")",
                path.display(),
                crate::json::SCHEMA
            ));
            continue;
        }
        if value.get("report").is_none_or(Value::is_null) {
            continue;
        }
        let relative = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().to_string();
        match from_json(&value, &relative) {
            Ok(loaded) => entries.push(Entry { source: loaded.name, report: loaded.report }),
            Err(e) => unreadable.push(e.to_string()),
        }
    }
    Ok((entries, unreadable))
}
