//! Failed 勾稽 checks on a scanned report name the values they compare that
//! were read with low confidence, so a reviewer sees which read is doubtful.
//! Where each value came from is found as `govdoc inspect` finds it (the
//! report read again from marked cells); nothing is corrected.

use crate::inspect::values::{ValueSource, value_sources};
use crate::model::{Block, PlacedLine};
use crate::report::{DoubtfulValue, Report};

/// Fills `doubtful` of each failed check of `report` with the values it
/// compares whose cell confidence is below `threshold`. Reads the report
/// again only when a check failed.
pub fn name_doubtful_values(
    report: &mut Report,
    title: Option<&str>,
    blocks: &[Block],
    lines: &[PlacedLine],
    threshold: f64,
) {
    if report.checks.failed.is_empty() {
        return;
    }
    let sources = value_sources(title, blocks, lines);
    let present: Vec<String> = report.values().map(|(stat, _)| stat.name()).collect();
    let cell = |key: &str| -> Option<DoubtfulValue> {
        let Some(ValueSource::Cell((b, c))) = sources.get(key) else { return None };
        let Some(Block::Table(table)) = blocks.get(*b) else { return None };
        let cell = table.cells.get(*c)?;
        let confidence = cell.confidence.filter(|&v| v < threshold)?;
        Some(DoubtfulValue { key: key.to_string(), text: cell.text.clone(), confidence })
    };
    for check in &mut report.checks.failed {
        check.doubtful = check.operands(&present).into_iter().filter_map(cell).collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_check_names_its_low_confidence_cells() {
        // A digital report with one value misread as a scan would: the
        // review group's total one too high, read with confidence 0.41; the
        // other cells of that group read surely.
        let digital = crate::convert_path("samples/report-2019-libreoffice.docx").unwrap().document;
        let title = digital.title.as_deref();
        let mut blocks = digital.blocks.clone();
        let sources = value_sources(title, &blocks, &[]);
        let at = |key: &str| match sources.get(key) {
            Some(ValueSource::Cell(bc)) => *bc,
            other => panic!("{key} read from {other:?}"),
        };
        let (b, c) = at("reviews.review.total");
        let Block::Table(table) = &mut blocks[b] else { panic!("not a table") };
        let truth: i64 = table.cells[c].text.parse().unwrap();
        table.cells[c].text = (truth + 1).to_string();
        table.cells[c].confidence = Some(0.41);
        let (b, c) = at("reviews.review.upheld");
        let Block::Table(table) = &mut blocks[b] else { panic!("not a table") };
        table.cells[c].confidence = Some(0.95);

        let (report, _) = crate::report::recognize(title, &blocks, &[]);
        let mut report = report.expect("still a report");
        name_doubtful_values(&mut report, title, &blocks, &[], 0.8);
        let failed = &report.checks.failed;
        let review = failed
            .iter()
            .find(|f| f.rule == crate::report::Rule::ReviewsTotal && f.column.as_deref() == Some("review"))
            .expect("reviews.total fails for the review group");
        let expected = DoubtfulValue { key: "reviews.review.total".into(), text: (truth + 1).to_string(), confidence: 0.41 };
        assert_eq!(review.doubtful, vec![expected]);
        // The value stays as read.
        assert_eq!(review.left, crate::report::Number::Int(truth + 1));
        // Checks the misread value is not part of name nothing.
        assert!(failed.iter().filter(|f| f.column.as_deref() != Some("review")).all(|f| f.doubtful.is_empty()));
    }
}
