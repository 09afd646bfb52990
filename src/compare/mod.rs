//! Across reports: an agency's report next to the previous year's. Every
//! statistic side by side with its change ([`align`]), the text section by
//! section with a character-level diff ([`diff`]), the cross-year checks
//! ([`checks`]); as canonical JSON (schema `govdoc-compare/1`) or a
//! self-contained HTML page ([`html`]). Reports are read by [`load`] (any
//! input, or govdoc's JSON output) and their values only through
//! [`values`]; agency names are matched by [`agency`].

pub mod agency;
pub mod align;
pub mod checks;
pub mod diff;
pub mod html;
pub mod load;
pub mod values;

use serde::Serialize;
use serde_json::Value;

pub use agency::Aliases;
pub use load::{Loaded, load};

/// The schema of the comparison JSON.
pub const SCHEMA: &str = "govdoc-compare/1";

/// One side of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    pub source: String,
    pub sha256: Option<String>,
    pub agency: Option<String>,
    pub year: Option<i64>,
    pub template: String,
    pub complete: bool,
    /// The report's own failed 勾稽 and narrative checks.
    pub failed_checks: Vec<crate::report::FailedCheck>,
}

/// What changed, in numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub statistics: align::Counts,
    pub paragraphs_same: usize,
    pub paragraphs_changed: usize,
    pub paragraphs_added: usize,
    pub paragraphs_removed: usize,
    /// Characters of the new text found in the old one, over all the new
    /// text's characters; null when the new report has no section text.
    pub copied: Option<f64>,
    pub checks_failed: usize,
}

/// The comparison of two reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub old: Side,
    pub new: Side,
    pub statistics: Vec<align::Row>,
    pub sections: Vec<diff::SectionDiff>,
    pub checks: checks::CrossChecks,
    pub summary: Summary,
}

fn side(loaded: &Loaded) -> Side {
    let r = &loaded.report;
    Side {
        source: loaded.name.clone(),
        sha256: loaded.sha256.clone(),
        agency: r.agency.clone(),
        year: r.year,
        template: r.template.clone(),
        complete: r.complete,
        failed_checks: r.checks.failed.clone(),
    }
}

/// Compares `old` (year N−1) with `new` (year N).
pub fn compare(old: &Loaded, new: &Loaded, aliases: &Aliases) -> Comparison {
    let (statistics, counts) = align::align(&values::statistics(&old.report), &values::statistics(&new.report));
    let sections = diff::sections(&old.report.sections, &new.report.sections);
    let checks = checks::run(&old.report, &new.report, aliases, true);
    let count = |c: diff::Change| sections.iter().flat_map(|s| &s.paragraphs).filter(|p| p.status == c).count();
    let (mut copied_chars, mut new_chars) = (0.0, 0usize);
    for s in &sections {
        let n: usize = s.paragraphs.iter().filter_map(|p| p.new.as_ref()).map(|t| t.chars().count()).sum();
        new_chars += n;
        copied_chars += s.copied.unwrap_or(0.0) * n as f64;
    }
    let summary = Summary {
        statistics: counts,
        paragraphs_same: count(diff::Change::Same),
        paragraphs_changed: count(diff::Change::Changed),
        paragraphs_added: count(diff::Change::Added),
        paragraphs_removed: count(diff::Change::Removed),
        copied: (new_chars > 0).then(|| (copied_chars / new_chars as f64 * 1e4).round() / 1e4),
        checks_failed: checks.failed.len(),
    };
    Comparison { old: side(old), new: side(new), statistics, sections, checks, summary }
}

impl Comparison {
    /// The comparison as the SPEC's JSON object.
    pub fn to_json_value(&self) -> Value {
        let mut value = serde_json::to_value(self).expect("a comparison serializes");
        if let Value::Object(map) = &mut value {
            map.insert("schema".into(), Value::from(SCHEMA));
        }
        value
    }

    /// Canonical pretty JSON, as `govdoc convert` writes.
    pub fn to_pretty_json(&self) -> String {
        crate::json::canonical::pretty(&self.to_json_value())
    }
}
