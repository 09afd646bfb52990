//! The cross-year checks: relations between an agency's report of year N−1
//! and of year N that the template implies. Each comparison is counted, each
//! failure listed with its rule id, level, both values and the difference.
//! Like the 勾稽 checks, a failure is data about the reports.

use serde::Serialize;
use serde_json::Value;

use super::agency::Aliases;
use crate::report::entries::{difference, json, keys, row_name};
use crate::report::{ApplicantColumn, ApplicationRow, Key, Number, ProactiveColumn, ProactiveRow, Report, Stat};

/// How serious a failed check is: `error` where the template makes the two
/// numbers equal, `warning` where real reports may differ for a reason (a
/// document expired, a renamed agency).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The template makes the two numbers equal.
    Error,
    /// The numbers may differ for a reason.
    Warning,
}

/// One failed cross-year check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrossFailure {
    /// The rule's id: `cross.carried_over`, `cross.previous_items`,
    /// `cross.published_total`, `cross.in_force`, `cross.agency` or
    /// `cross.template`.
    pub rule: &'static str,
    /// How serious the failure is.
    pub level: Level,
    /// `table.row` of year N's value, where the rule is about values;
    /// `None` for the agency and template rules.
    pub row: Option<String>,
    /// The column's key of year N's value, where the rule is about values.
    pub column: Option<String>,
    /// Year N's value (what the report says): a number, or for the agency
    /// and template rules the new report's agency or template.
    pub left: Value,
    /// What year N−1's report implies (for the template rule, the
    /// template expected for that year).
    pub right: Value,
    /// left − right, for numbers; else null.
    pub difference: Value,
    /// The failure in words: the rule, where, and both values.
    pub message: String,
}

/// The cross-year checks of a pair of reports.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CrossChecks {
    /// How many comparisons were made (one per rule and value).
    pub run: usize,
    /// The comparisons that failed, in the order run.
    pub failed: Vec<CrossFailure>,
    /// Why value rules were not run (years not consecutive), when they were not.
    pub skipped: Option<String>,
}

/// The 2019 template's rows with 上一年项目数量 and 本年增/减.
const ITEM_ROWS: [ProactiveRow; 5] = [
    ProactiveRow::Licensing,
    ProactiveRow::OtherServices,
    ProactiveRow::Penalties,
    ProactiveRow::CoerciveMeasures,
    ProactiveRow::Fees,
];
/// The rows of documents: 规章, 规范性文件.
const DOCUMENT_ROWS: [ProactiveRow; 2] = [ProactiveRow::Rules, ProactiveRow::NormativeDocuments];

/// The first year whose report uses the 2021 template (国办公开办函〔2021〕30号).
pub(crate) const FIRST_2021_TEMPLATE_YEAR: i64 = 2021;

/// The template a report of `year` is expected to use.
pub(crate) fn expected_template(year: i64) -> &'static str {
    if year >= FIRST_2021_TEMPLATE_YEAR { "2021" } else { "2019" }
}

/// A value rule: its id, its level and what it says.
struct Rule {
    id: &'static str,
    level: Level,
    what: &'static str,
}

const CARRIED_OVER: Rule = Rule {
    id: "cross.carried_over",
    level: Level::Error,
    what: "二、上年结转 should equal last year's 四、结转下年度继续办理",
};
const PREVIOUS_ITEMS: Rule = Rule {
    id: "cross.previous_items",
    level: Level::Error,
    what: "上一年项目数量 should equal last year's 上一年项目数量 + 本年增/减",
};
const PUBLISHED_TOTAL: Rule = Rule {
    id: "cross.published_total",
    level: Level::Error,
    what: "对外公开总数量 should equal last year's 对外公开总数量 + this year's 本年新公开数量",
};
const IN_FORCE: Rule = Rule {
    id: "cross.in_force",
    level: Level::Warning,
    what: "现行有效件数 should equal last year's 现行有效件数 + 本年制发件数 − 本年废止件数 \
           (documents that expired without repeal also make a difference)",
};

struct Runner {
    checks: CrossChecks,
}

impl Runner {
    /// Compares year N's value at (`row`, `column`) with what year N−1 implies.
    fn compare(&mut self, rule: &Rule, stat: Stat, left: Number, right: Number) {
        self.checks.run += 1;
        if !left.equals(right) {
            let (row, column) = (row_name(stat), keys(stat).1);
            self.checks.failed.push(CrossFailure {
                rule: rule.id,
                level: rule.level,
                message: format!("{}, {row} column {column}: {left} ≠ {right}", rule.what),
                row: Some(row),
                column: Some(column.to_string()),
                left: json(left),
                right: json(right),
                difference: json(difference(left, right)),
            });
        }
    }

    fn flag(&mut self, rule: &'static str, left: Value, right: Value, message: String) {
        self.checks.failed.push(CrossFailure {
            rule,
            level: Level::Warning,
            row: None,
            column: None,
            left,
            right,
            difference: Value::Null,
            message,
        });
    }
}

/// Runs the cross-year checks of `new` (year N) against `old` (year N−1).
/// The agency is checked for any pair; the template each year should use
/// and the value rules only when the years are consecutive (a report
/// compared with itself, or with one of another year, has no "year
/// before"). `old_template`: check the old report's template too (a panel
/// checks it once, where the old report is not the new one of the pair
/// before).
pub(crate) fn run(old: &Report, new: &Report, aliases: &Aliases, old_template: bool) -> CrossChecks {
    let mut runner = Runner { checks: CrossChecks::default() };
    if let (Some(a), Some(b)) = (&old.agency, &new.agency) {
        runner.checks.run += 1;
        if aliases.key(a) != aliases.key(b) {
            runner.flag(
                "cross.agency",
                Value::from(b.clone()),
                Value::from(a.clone()),
                format!("the reports are of different agencies: {b} and {a} (an alias file names renamed agencies)"),
            );
        }
    }
    let consecutive = matches!((old.year, new.year), (Some(a), Some(b)) if b == a + 1);
    let reports: &[&Report] = match (consecutive, old_template) {
        (false, _) => &[],
        (true, true) => &[old, new],
        (true, false) => &[new],
    };
    for report in reports {
        if let Some(year) = report.year {
            runner.checks.run += 1;
            let expected = expected_template(year);
            if report.template != expected {
                runner.flag(
                    "cross.template",
                    Value::from(report.template.clone()),
                    Value::from(expected),
                    format!(
                        "the {year} report uses the {} template; reports of {year} use the {expected} template",
                        report.template
                    ),
                );
            }
        }
    }
    match (old.year, new.year) {
        (Some(a), Some(b)) if b == a + 1 => values(&mut runner, old, new),
        (Some(a), Some(b)) if a == b => {
            runner.checks.skipped = Some(format!(
                "both reports are of {a}; the cross-year rules (carried-over values, the template of each year) \
                 apply to consecutive years"
            ))
        }
        (Some(a), Some(b)) if b == a - 1 => {
            runner.checks.skipped = Some(format!(
                "the old report is of {a}, the new one of {b}: give the earlier report first \
                 (govdoc compare OLD NEW) to check the carried-over values and templates"
            ))
        }
        (Some(a), Some(b)) => {
            runner.checks.skipped = Some(format!(
                "the years {a} and {b} are not consecutive; the carried-over values and templates were not checked"
            ))
        }
        _ => {
            runner.checks.skipped =
                Some("a report's year is unknown; the carried-over values and templates were not checked".into())
        }
    }
    runner.checks
}

fn values(runner: &mut Runner, old: &Report, new: &Report) {
    for &column in ApplicantColumn::ALL {
        let stat = Stat::Applications(ApplicationRow::CarriedOver, column);
        if let (Some(carried), Some(forward)) =
            (new.get(stat), old.get(Stat::Applications(ApplicationRow::CarriedForward, column)))
        {
            runner.compare(&CARRIED_OVER, stat, carried, forward);
        }
    }
    let both = |id: &str| old.template == id && new.template == id;
    let p = Stat::Proactive;
    if both("2019") {
        for row in ITEM_ROWS {
            let stat = p(row, ProactiveColumn::PreviousItems);
            if let (Some(previous), Some(last_previous), Some(last_change)) =
                (new.get(stat), old.get(stat), old.get(p(row, ProactiveColumn::Change)))
            {
                runner.compare(&PREVIOUS_ITEMS, stat, previous, last_previous + last_change);
            }
        }
        for row in DOCUMENT_ROWS {
            let stat = p(row, ProactiveColumn::Total);
            if let (Some(total), Some(last_total), Some(published)) =
                (new.get(stat), old.get(stat), new.get(p(row, ProactiveColumn::Published)))
            {
                runner.compare(&PUBLISHED_TOTAL, stat, total, last_total + published);
            }
        }
    }
    if both("2021") {
        for row in DOCUMENT_ROWS {
            let stat = p(row, ProactiveColumn::InForce);
            if let (Some(in_force), Some(last_in_force), Some(issued), Some(repealed)) = (
                new.get(stat),
                old.get(stat),
                new.get(p(row, ProactiveColumn::Issued)),
                new.get(p(row, ProactiveColumn::Repealed)),
            ) {
                runner.compare(&IN_FORCE, stat, in_force, difference(last_in_force + issued, repealed));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn report(year: i64, template: &str, carried_over: i64, carried_forward: i64) -> Report {
        serde_json::from_value(json!({
            "template": template, "agency": "某县（开发区）管委会", "year": year, "complete": true,
            "sections": [], "proactive": null, "reviews": null,
            "applications": {"carried_over": {"total": carried_over}, "carried_forward": {"total": carried_forward}},
            "checks": {"run": 0, "failed": []}
        }))
        .unwrap()
    }

    #[test]
    fn carried_over_follows_last_year_and_a_break_is_an_error_with_the_difference() {
        let aliases = Aliases::default();
        let checks = run(&report(2021, "2021", 0, 5), &report(2022, "2021", 5, 0), &aliases, true);
        assert_eq!((checks.run, checks.failed.len()), (4, 0), "agency, two templates, one column");
        let checks = run(&report(2021, "2021", 0, 5), &report(2022, "2021", 7, 0), &aliases, true);
        let f = &checks.failed[0];
        assert_eq!(
            (f.rule, f.level, f.left.clone(), f.right.clone(), f.difference.clone()),
            ("cross.carried_over", Level::Error, json!(7), json!(5), json!(2))
        );
    }

    #[test]
    fn years_out_of_order_or_apart_run_only_the_agency_check() {
        let aliases = Aliases::default();
        let reversed = run(&report(2022, "2021", 5, 0), &report(2021, "2019", 0, 9), &aliases, true);
        assert_eq!((reversed.run, reversed.failed.len()), (1, 0));
        assert!(reversed.skipped.as_deref().unwrap().contains("earlier report first"));
        let apart = run(&report(2019, "2019", 0, 9), &report(2021, "2021", 1, 0), &aliases, true);
        assert_eq!((apart.run, apart.failed.len()), (1, 0));
        assert!(apart.skipped.as_deref().unwrap().contains("not consecutive"));
    }

    #[test]
    fn the_template_of_each_year_is_checked_once_when_asked() {
        let aliases = Aliases::default();
        let old = report(2020, "2021", 0, 5);
        let new = report(2021, "2021", 5, 0);
        let both = run(&old, &new, &aliases, true);
        assert_eq!(both.failed.iter().map(|f| f.rule).collect::<Vec<_>>(), ["cross.template"]);
        let new_only = run(&old, &new, &aliases, false);
        assert!(new_only.failed.is_empty());
    }
}
