//! Across reports: an agency's report next to the previous year's. Every
//! statistic side by side with its change ([`align`]), the text section by
//! section with a character-level diff ([`diff`]), the cross-year checks
//! ([`checks`]); as canonical JSON (schema `govdoc-compare/1`) or a
//! self-contained HTML page ([`html`]). Reports are read by [`load()`] (any
//! input, or govdoc's JSON output); agency names are matched through
//! [`Aliases`] (width, brackets and spaces folded; renamed agencies from an
//! alias file).
//!
//! ```no_run
//! use govdoc::compare::{self, Aliases};
//!
//! let old = compare::load("2022.pdf".as_ref())?;
//! let new = compare::load("2023.pdf".as_ref())?;
//! let comparison = compare::compare(&old, &new, &Aliases::default());
//! println!("{} cross-year check(s) failed", comparison.summary.checks_failed);
//! std::fs::write("compare.json", comparison.to_pretty_json())?;
//! std::fs::write("compare.html", comparison.to_html())?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod agency;
pub mod align;
pub mod checks;
pub mod diff;
pub mod html;
pub mod load;

use serde::Serialize;
use serde_json::Value;

use crate::report::entries;

pub use agency::Aliases;
pub use load::{Loaded, load};

/// The schema of the comparison JSON.
pub const SCHEMA: &str = "govdoc-compare/1";

/// One side of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    /// The input as named ([`Loaded::name`]).
    pub source: String,
    /// `source.sha256` of the document; `None` for a bare `report` object
    /// read from JSON.
    pub sha256: Option<String>,
    /// The agency, from the report's title; `None` when it names none.
    pub agency: Option<String>,
    /// The year reported on, from the title; `None` when it names none.
    pub year: Option<i64>,
    /// The template the report follows: `"2019"` or `"2021"`.
    pub template: String,
    /// Every template table was found and every value placed
    /// ([`Report::complete`](crate::report::Report::complete)).
    pub complete: bool,
    /// The report's own failed 勾稽 and narrative checks.
    pub failed_checks: Vec<crate::report::FailedCheck>,
}

/// What changed, in numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// How many statistics are the same, changed, or in one report only.
    pub statistics: align::Counts,
    /// Paragraphs, over all sections, found unchanged in both reports.
    pub paragraphs_same: usize,
    /// Paragraphs rewritten (similar enough to pair, see
    /// [`diff::MIN_CHANGED_SIMILARITY`]).
    pub paragraphs_changed: usize,
    /// Paragraphs only in the new report.
    pub paragraphs_added: usize,
    /// Paragraphs only in the old report.
    pub paragraphs_removed: usize,
    /// Characters of the new text found in the old one, over all the new
    /// text's characters; null when the new report has no section text.
    pub copied: Option<f64>,
    /// Failed cross-year checks (`checks.failed`); the reports' own failed
    /// checks are counted in neither.
    pub checks_failed: usize,
}

/// The comparison of two reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The report of year N−1.
    pub old: Side,
    /// The report of year N.
    pub new: Side,
    /// Every statistic of either report, side by side (see [`align::Row`]).
    pub statistics: Vec<align::Row>,
    /// Every section of either report, by section number, its text diffed.
    pub sections: Vec<diff::SectionDiff>,
    /// The cross-year checks of the new report against the old one.
    pub checks: checks::CrossChecks,
    /// The counts of all the above.
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
    let (statistics, counts) = align::align(&entries::statistics(&old.report), &entries::statistics(&new.report));
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

    /// The self-contained HTML page ([`html::render`]).
    pub fn to_html(&self) -> String {
        html::render(self)
    }
}
