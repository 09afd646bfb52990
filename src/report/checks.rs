//! The 勾稽 (consistency) checks of SPEC: computed over the values present,
//! each comparison counted, each failure listed with both sides. A failed
//! check is data about the report; values are never repaired from it.

use serde::Serialize;
use serde_json::{Map, Value};

/// The columns of the applications table: six kinds of applicant, then the total.
const APPLICANTS: [&str; 6] = ["natural_person", "commercial", "research", "social_org", "legal_service", "other"];
const TOTAL: &str = "total";
const REVIEW_PARTS: [&str; 4] = ["upheld", "corrected", "other", "pending"];

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Checks {
    pub run: usize,
    pub failed: Vec<FailedCheck>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FailedCheck {
    pub rule: String,
    /// The column compared, where the rule runs down a column.
    pub column: Option<String>,
    /// The row compared, where the rule runs along a row.
    pub row: Option<String>,
    pub left: Value,
    pub right: Value,
    pub message: String,
}

/// A number that may have a fraction: sums of integers stay integers.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Num {
    Int(i64),
    Dec(f64),
}

impl Num {
    fn of(value: &Value) -> Option<Num> {
        match value {
            Value::Number(n) => n.as_i64().map(Num::Int).or_else(|| n.as_f64().map(Num::Dec)),
            _ => None,
        }
    }

    fn add(self, other: Num) -> Num {
        match (self, other) {
            (Num::Int(a), Num::Int(b)) => a.checked_add(b).map_or(Num::Dec(a as f64 + b as f64), Num::Int),
            (a, b) => Num::Dec(a.float() + b.float()),
        }
    }

    fn float(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Dec(f) => f,
        }
    }

    fn equals(self, other: Num) -> bool {
        match (self, other) {
            (Num::Int(a), Num::Int(b)) => a == b,
            (a, b) => (a.float() - b.float()).abs() < 1e-6,
        }
    }

    fn value(self) -> Value {
        match self {
            Num::Int(i) => Value::from(i),
            Num::Dec(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        }
    }
}

/// Sum of the values present; `None` when none is.
fn sum<'a>(values: impl IntoIterator<Item = &'a Value>) -> Option<Num> {
    values.into_iter().filter_map(Num::of).reduce(Num::add)
}

fn get<'a>(object: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(object, |v, key| v.get(key))
}

/// The leaf rows under `results` except its total, with their key paths.
fn result_leaves<'a>(results: &'a Map<String, Value>, prefix: &str, out: &mut Vec<(String, &'a Map<String, Value>)>) {
    for (key, value) in results {
        let Value::Object(object) = value else { continue };
        let path = format!("{prefix}.{key}");
        if object.contains_key(TOTAL) && object.values().all(|v| !v.is_object()) {
            if path != "results.total" {
                out.push((path, object));
            }
        } else {
            result_leaves(object, &path, out);
        }
    }
}

/// All leaf rows of the applications object, with their key paths, in a
/// stable order.
fn application_rows(applications: &Value) -> Vec<(String, &Map<String, Value>)> {
    let mut rows = Vec::new();
    for key in ["new", "carried_over"] {
        if let Some(Value::Object(o)) = applications.get(key) {
            rows.push((key.to_string(), o));
        }
    }
    if let Some(Value::Object(results)) = applications.get("results") {
        result_leaves(results, "results", &mut rows);
        if let Some(Value::Object(o)) = results.get(TOTAL) {
            rows.push(("results.total".to_string(), o));
        }
    }
    if let Some(Value::Object(o)) = applications.get("carried_forward") {
        rows.push(("carried_forward".to_string(), o));
    }
    rows
}

struct Runner {
    checks: Checks,
}

impl Runner {
    fn compare(&mut self, rule: &str, column: Option<&str>, row: Option<&str>, left: Num, right: Num, what: &str) {
        self.checks.run += 1;
        if !left.equals(right) {
            let place =
                column.map(|c| format!("column {c}")).or_else(|| row.map(|r| format!("row {r}"))).unwrap_or_default();
            self.checks.failed.push(FailedCheck {
                rule: rule.to_string(),
                column: column.map(str::to_string),
                row: row.map(str::to_string),
                left: left.value(),
                right: right.value(),
                message: format!("{what}, {place}: {} ≠ {}", left.value(), right.value()),
            });
        }
    }
}

/// Runs every rule over the tables found.
pub fn run(applications: Option<&Value>, reviews: Option<&Value>) -> Checks {
    let mut runner = Runner { checks: Checks::default() };
    if let Some(applications) = applications {
        let columns: Vec<&str> = APPLICANTS.iter().copied().chain([TOTAL]).collect();
        for column in &columns {
            let at = |path: &str| get(applications, &format!("{path}.{column}")).and_then(Num::of);
            if let (Some(new), Some(carried_over), Some(total), Some(forward)) =
                (at("new"), at("carried_over"), at("results.total"), at("carried_forward"))
            {
                runner.compare(
                    "applications.balance",
                    Some(column),
                    None,
                    new.add(carried_over),
                    total.add(forward),
                    "new + carried_over should equal results.total + carried_forward",
                );
            }
        }
        let rows = application_rows(applications);
        let leaves: Vec<&(String, &Map<String, Value>)> =
            rows.iter().filter(|(path, _)| path.starts_with("results.") && path != "results.total").collect();
        for column in &columns {
            let total = get(applications, &format!("results.total.{column}")).and_then(Num::of);
            let parts = sum(leaves.iter().filter_map(|(_, row)| row.get(*column)));
            if let (Some(total), Some(parts)) = (total, parts) {
                runner.compare(
                    "applications.results_total",
                    Some(column),
                    None,
                    total,
                    parts,
                    "results.total should equal the sum of the result rows",
                );
            }
        }
        for (path, row) in &rows {
            let total = row.get(TOTAL).and_then(Num::of);
            let parts = sum(APPLICANTS.iter().filter_map(|k| row.get(*k)));
            if let (Some(total), Some(parts)) = (total, parts) {
                runner.compare(
                    "applications.row_total",
                    None,
                    Some(path),
                    total,
                    parts,
                    "the total column should equal the sum of the six applicant columns",
                );
            }
        }
    }
    if let Some(Value::Object(groups)) = reviews {
        for (group, values) in groups {
            let total = values.get(TOTAL).and_then(Num::of);
            let parts = sum(REVIEW_PARTS.iter().filter_map(|k| values.get(*k)));
            if let (Some(total), Some(parts)) = (total, parts) {
                runner.compare(
                    "reviews.total",
                    Some(group),
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
    use super::*;
    use serde_json::json;

    fn row(values: [i64; 6]) -> Value {
        let total: i64 = values.iter().sum();
        let mut o = Map::new();
        for (k, v) in APPLICANTS.iter().zip(values) {
            o.insert(k.to_string(), json!(v));
        }
        o.insert(TOTAL.into(), json!(total));
        Value::Object(o)
    }

    fn consistent() -> Value {
        json!({
            "new": row([5, 1, 0, 0, 0, 0]),
            "carried_over": row([1, 0, 0, 0, 0, 0]),
            "results": {
                "granted": row([3, 1, 0, 0, 0, 0]),
                "withheld": {"state_secret": row([1, 0, 0, 0, 0, 0])},
                "total": row([4, 1, 0, 0, 0, 0])
            },
            "carried_forward": row([2, 0, 0, 0, 0, 0])
        })
    }

    #[test]
    fn a_consistent_table_passes_every_check() {
        let reviews = json!({"review": {"upheld": 1, "corrected": 2, "other": null, "pending": 0, "total": 3}});
        let checks = run(Some(&consistent()), Some(&reviews));
        assert!(checks.failed.is_empty(), "{:?}", checks.failed);
        // 7 balance + 7 results_total + 6 row_total + 1 reviews
        assert_eq!(checks.run, 21);
    }

    #[test]
    fn planted_errors_are_exactly_the_failures() {
        let mut a = consistent();
        a["results"]["withheld"]["state_secret"]["natural_person"] = json!(2); // breaks its row and the column sum
        a["carried_forward"]["total"] = json!(3); // breaks the balance and its row
        let checks = run(Some(&a), None);
        let failed: Vec<(String, Option<String>, Option<String>)> =
            checks.failed.iter().map(|f| (f.rule.clone(), f.column.clone(), f.row.clone())).collect();
        assert_eq!(
            failed,
            vec![
                ("applications.balance".into(), Some("total".into()), None),
                ("applications.results_total".into(), Some("natural_person".into()), None),
                ("applications.row_total".into(), None, Some("results.withheld.state_secret".into())),
                ("applications.row_total".into(), None, Some("carried_forward".into())),
            ]
        );
        assert_eq!(checks.failed[0].left, json!(7));
        assert_eq!(checks.failed[0].right, json!(8));
    }

    #[test]
    fn checks_skip_what_is_blank_and_never_change_values() {
        let mut a = consistent();
        a["new"]["total"] = Value::Null;
        let before = a.clone();
        let checks = run(Some(&a), None);
        assert!(checks.failed.is_empty());
        assert_eq!(a, before);
        assert_eq!(checks.run, 6 + 7 + 5);
    }
}
