//! The 勾稽 (consistency) checks of SPEC: computed over the values present,
//! each comparison counted, each failure listed with both sides. A failed
//! check is data about the report; values are never repaired from it.

use serde::{Deserialize, Serialize};

use super::stats::{ApplicantColumn, ApplicationRow, Applications, Key, Number, ReviewColumn, Reviews};

/// What the checks found: how many comparisons ran, and each that failed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Checks {
    /// Comparisons made (one per column or row where all values exist).
    pub run: usize,
    /// The comparisons that failed, in the order they ran.
    pub failed: Vec<FailedCheck>,
}

/// A 勾稽 rule of the SPEC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Rule {
    /// new + carried_over = results.total + carried_forward, each column.
    #[serde(rename = "applications.balance")]
    ApplicationsBalance,
    /// results.total = the sum of the result rows, each column.
    #[serde(rename = "applications.results_total")]
    ApplicationsResultsTotal,
    /// total = the sum of the six applicant columns, each row.
    #[serde(rename = "applications.row_total")]
    ApplicationsRowTotal,
    /// total = upheld + corrected + other + pending, each group.
    #[serde(rename = "reviews.total")]
    ReviewsTotal,
    /// The narrative checks (`report::narrative`): a number the text states
    /// against the table value it names. 收到…申请X件 = new.total.
    #[serde(rename = "narrative.new")]
    NarrativeNew,
    /// 上年结转X件 = carried_over.total.
    #[serde(rename = "narrative.carried_over")]
    NarrativeCarriedOver,
    /// 办结X件 = results.total.total.
    #[serde(rename = "narrative.results_total")]
    NarrativeResultsTotal,
    /// 结转下年度X件 = carried_forward.total.
    #[serde(rename = "narrative.carried_forward")]
    NarrativeCarriedForward,
    /// 予以公开X件 = results.granted.total.
    #[serde(rename = "narrative.granted")]
    NarrativeGranted,
    /// 不予公开X件 = the withheld rows' totals.
    #[serde(rename = "narrative.withheld")]
    NarrativeWithheld,
    /// 行政复议X件 = reviews.review.total.
    #[serde(rename = "narrative.review")]
    NarrativeReview,
    /// 行政诉讼X件 = the two litigation groups' totals.
    #[serde(rename = "narrative.litigation")]
    NarrativeLitigation,
    /// 行政事业性收费X万元 = proactive.fees.amount.
    #[serde(rename = "narrative.fees")]
    NarrativeFees,
    /// 采购…金额X万元 = proactive.procurement.amount.
    #[serde(rename = "narrative.procurement")]
    NarrativeProcurement,
}

impl Rule {
    /// The rule's id as the JSON writes it: `"applications.balance"`.
    pub fn id(self) -> &'static str {
        match self {
            Rule::ApplicationsBalance => "applications.balance",
            Rule::ApplicationsResultsTotal => "applications.results_total",
            Rule::ApplicationsRowTotal => "applications.row_total",
            Rule::ReviewsTotal => "reviews.total",
            Rule::NarrativeNew => "narrative.new",
            Rule::NarrativeCarriedOver => "narrative.carried_over",
            Rule::NarrativeResultsTotal => "narrative.results_total",
            Rule::NarrativeCarriedForward => "narrative.carried_forward",
            Rule::NarrativeGranted => "narrative.granted",
            Rule::NarrativeWithheld => "narrative.withheld",
            Rule::NarrativeReview => "narrative.review",
            Rule::NarrativeLitigation => "narrative.litigation",
            Rule::NarrativeFees => "narrative.fees",
            Rule::NarrativeProcurement => "narrative.procurement",
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// One failed comparison, with both sides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FailedCheck {
    /// The rule that failed.
    pub rule: Rule,
    /// The column compared, where the rule runs down a column (for
    /// `reviews.total`, the group).
    pub column: Option<String>,
    /// The row compared, where the rule runs along a row.
    pub row: Option<String>,
    /// The rule's left side ("should equal") …
    pub left: Number,
    /// … and its right side.
    pub right: Number,
    /// The failure in words.
    pub message: String,
    /// On a scanned report, the values the check compares that the OCR
    /// engine read with low confidence: the reads a reviewer should look at
    /// first (never corrected). Empty, and left out of the JSON, otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub doubtful: Vec<DoubtfulValue>,
}

/// A value a failed check compares that was read by OCR with low confidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DoubtfulValue {
    /// The statistic's full key: `applications.new.total`.
    pub key: String,
    /// The cell's text as the engine read it.
    pub text: String,
    /// The engine's confidence (0–1, two decimals).
    #[serde(serialize_with = "crate::confidence::serialize")]
    pub confidence: f64,
}

impl FailedCheck {
    /// The full keys (`applications.new.total`) of the statistics the check
    /// compares, among `present` (the report's keys, in its order).
    pub fn operands<'k>(&self, present: &'k [String]) -> Vec<&'k str> {
        let column = self.column.as_deref().unwrap_or("");
        let row = self.row.as_deref().unwrap_or("");
        // `prefix` followed by a single key (no deeper row).
        let one_below = |key: &str, prefix: &str| key.strip_prefix(prefix).is_some_and(|rest| !rest.contains('.'));
        let wanted = |key: &str| -> bool {
            match self.rule {
                Rule::ApplicationsBalance => ["new", "carried_over", "results.total", "carried_forward"]
                    .iter()
                    .any(|r| key == format!("applications.{r}.{column}")),
                Rule::ApplicationsResultsTotal => {
                    key.starts_with("applications.results.") && key.ends_with(&format!(".{column}"))
                }
                Rule::ApplicationsRowTotal => one_below(key, &format!("applications.{row}.")),
                Rule::ReviewsTotal => one_below(key, &format!("reviews.{column}.")),
                // Narrative rules name their rows whole (`a + b`).
                _ => row.split(" + ").any(|r| key == format!("{r}.{column}")),
            }
        };
        present.iter().map(String::as_str).filter(|k| wanted(k)).collect()
    }
}

/// Sum of the values present; `None` when none is.
fn sum(values: impl IntoIterator<Item = Option<Number>>) -> Option<Number> {
    values.into_iter().flatten().reduce(|a, b| a + b)
}

/// The rows of the applications table in the order the rules run along
/// them: new, carried_over, the result rows in key order (as the JSON
/// object lists them), results.total, carried_forward — those present.
fn application_rows(applications: &Applications) -> Vec<ApplicationRow> {
    let mut leaves: Vec<ApplicationRow> = applications.rows().filter(|r| r.is_result()).collect();
    leaves.sort_by_key(|r| r.path());
    let present = |rows: &[ApplicationRow]| -> Vec<ApplicationRow> {
        rows.iter().copied().filter(|&r| applications.rows().any(|p| p == r)).collect()
    };
    let mut rows = present(&[ApplicationRow::New, ApplicationRow::CarriedOver]);
    rows.extend(leaves);
    rows.extend(present(&[ApplicationRow::ResultsTotal, ApplicationRow::CarriedForward]));
    rows
}

struct Runner {
    checks: Checks,
}

impl Runner {
    fn compare(
        &mut self,
        rule: Rule,
        column: Option<&str>,
        row: Option<&str>,
        left: Number,
        right: Number,
        what: &str,
    ) {
        self.checks.run += 1;
        if !left.equals(right) {
            let place =
                column.map(|c| format!("column {c}")).or_else(|| row.map(|r| format!("row {r}"))).unwrap_or_default();
            self.checks.failed.push(FailedCheck {
                rule,
                column: column.map(str::to_string),
                row: row.map(str::to_string),
                left,
                right,
                message: format!("{what}, {place}: {left} ≠ {right}"),
                doubtful: Vec::new(),
            });
        }
    }
}

/// Runs every rule over the tables found.
pub fn run(applications: Option<&Applications>, reviews: Option<&Reviews>) -> Checks {
    use ApplicationRow::{CarriedForward, CarriedOver, New, ResultsTotal};
    let mut runner = Runner { checks: Checks::default() };
    if let Some(applications) = applications {
        let applicants: Vec<ApplicantColumn> =
            ApplicantColumn::ALL.iter().copied().filter(|&c| c != ApplicantColumn::Total).collect();
        for &column in ApplicantColumn::ALL {
            let at = |row| applications.get(row, column);
            if let (Some(new), Some(carried_over), Some(total), Some(forward)) =
                (at(New), at(CarriedOver), at(ResultsTotal), at(CarriedForward))
            {
                runner.compare(
                    Rule::ApplicationsBalance,
                    Some(column.key()),
                    None,
                    new + carried_over,
                    total + forward,
                    "new + carried_over should equal results.total + carried_forward",
                );
            }
        }
        let rows = application_rows(applications);
        let leaves: Vec<ApplicationRow> = rows.iter().copied().filter(|r| r.is_result()).collect();
        for &column in ApplicantColumn::ALL {
            let total = applications.get(ResultsTotal, column);
            let parts = sum(leaves.iter().map(|&row| applications.get(row, column)));
            if let (Some(total), Some(parts)) = (total, parts) {
                runner.compare(
                    Rule::ApplicationsResultsTotal,
                    Some(column.key()),
                    None,
                    total,
                    parts,
                    "results.total should equal the sum of the result rows",
                );
            }
        }
        for &row in &rows {
            let total = applications.get(row, ApplicantColumn::Total);
            let parts = sum(applicants.iter().map(|&c| applications.get(row, c)));
            if let (Some(total), Some(parts)) = (total, parts) {
                runner.compare(
                    Rule::ApplicationsRowTotal,
                    None,
                    Some(row.key()),
                    total,
                    parts,
                    "the total column should equal the sum of the six applicant columns",
                );
            }
        }
    }
    if let Some(reviews) = reviews {
        // In key order, as the JSON object lists the groups.
        let mut groups: Vec<_> = reviews.rows().collect();
        groups.sort_by_key(|g| g.key());
        let parts_of = [ReviewColumn::Upheld, ReviewColumn::Corrected, ReviewColumn::Other, ReviewColumn::Pending];
        for group in groups {
            let total = reviews.get(group, ReviewColumn::Total);
            let parts = sum(parts_of.iter().map(|&c| reviews.get(group, c)));
            if let (Some(total), Some(parts)) = (total, parts) {
                runner.compare(
                    Rule::ReviewsTotal,
                    Some(group.key()),
                    None,
                    total,
                    parts,
                    "total should equal upheld + corrected + other + pending",
                );
            }
        }
    }
    runner.checks
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::report::stats::ReviewGroup;

    fn row(values: [i64; 6]) -> BTreeMap<ApplicantColumn, Option<Number>> {
        let total: i64 = values.iter().sum();
        let mut row: BTreeMap<ApplicantColumn, Option<Number>> =
            ApplicantColumn::ALL.iter().zip(values).map(|(&k, v)| (k, Some(Number::Int(v)))).collect();
        row.insert(ApplicantColumn::Total, Some(Number::Int(total)));
        row
    }

    fn consistent() -> Applications {
        let mut a = Applications::default();
        a.insert_row(ApplicationRow::New, row([5, 1, 0, 0, 0, 0]));
        a.insert_row(ApplicationRow::CarriedOver, row([1, 0, 0, 0, 0, 0]));
        a.insert_row(ApplicationRow::Granted, row([3, 1, 0, 0, 0, 0]));
        a.insert_row(ApplicationRow::WithheldStateSecret, row([1, 0, 0, 0, 0, 0]));
        a.insert_row(ApplicationRow::ResultsTotal, row([4, 1, 0, 0, 0, 0]));
        a.insert_row(ApplicationRow::CarriedForward, row([2, 0, 0, 0, 0, 0]));
        a
    }

    /// `a` with one value changed.
    fn with(mut a: Applications, row: ApplicationRow, column: ApplicantColumn, value: Option<Number>) -> Applications {
        let mut values: BTreeMap<ApplicantColumn, Option<Number>> = a.row(row).collect();
        values.insert(column, value);
        a.insert_row(row, values);
        a
    }

    #[test]
    fn a_consistent_table_passes_every_check() {
        let mut reviews = Reviews::default();
        reviews.insert_row(
            ReviewGroup::Review,
            BTreeMap::from([
                (ReviewColumn::Upheld, Some(Number::Int(1))),
                (ReviewColumn::Corrected, Some(Number::Int(2))),
                (ReviewColumn::Other, None),
                (ReviewColumn::Pending, Some(Number::Int(0))),
                (ReviewColumn::Total, Some(Number::Int(3))),
            ]),
        );
        let checks = run(Some(&consistent()), Some(&reviews));
        assert!(checks.failed.is_empty(), "{:?}", checks.failed);
        // 7 balance + 7 results_total + 6 row_total + 1 reviews
        assert_eq!(checks.run, 21);
    }

    #[test]
    fn planted_errors_are_exactly_the_failures() {
        // Breaks its row and the column sum …
        let a = with(
            consistent(),
            ApplicationRow::WithheldStateSecret,
            ApplicantColumn::NaturalPerson,
            Some(Number::Int(2)),
        );
        // … and the balance and its row.
        let a = with(a, ApplicationRow::CarriedForward, ApplicantColumn::Total, Some(Number::Int(3)));
        let checks = run(Some(&a), None);
        let failed: Vec<(Rule, Option<String>, Option<String>)> =
            checks.failed.iter().map(|f| (f.rule, f.column.clone(), f.row.clone())).collect();
        assert_eq!(
            failed,
            vec![
                (Rule::ApplicationsBalance, Some("total".into()), None),
                (Rule::ApplicationsResultsTotal, Some("natural_person".into()), None),
                (Rule::ApplicationsRowTotal, None, Some("results.withheld.state_secret".into())),
                (Rule::ApplicationsRowTotal, None, Some("carried_forward".into())),
            ]
        );
        assert_eq!(checks.failed[0].left, Number::Int(7));
        assert_eq!(checks.failed[0].right, Number::Int(8));
        let json = serde_json::to_value(&checks.failed[0]).unwrap();
        assert_eq!(json["rule"], "applications.balance");
        assert_eq!(json["left"], 7);
    }

    #[test]
    fn checks_skip_what_is_blank_and_never_change_values() {
        let a = with(consistent(), ApplicationRow::New, ApplicantColumn::Total, None);
        let before = a.clone();
        let checks = run(Some(&a), None);
        assert!(checks.failed.is_empty());
        assert_eq!(a, before);
        assert_eq!(checks.run, 6 + 7 + 5);
    }
}
