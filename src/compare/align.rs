//! Statistics side by side: the two reports' values aligned by their SPEC
//! key (table, row, column) — the template rows line up by key even when the
//! two years use different template versions — with the change, absolute and
//! relative, and the keys that have no counterpart in the other report.

use serde::Serialize;
use serde_json::Value;

use crate::report::entries::{Entry, difference, json, json_or_null, keys};
use crate::report::{Key, TableKind};

/// How a key's two values relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Both present and equal (or both blank).
    Same,
    /// Both present, different (a blank on one side counts as different).
    Changed,
    /// Only the old report's template has this key.
    OldOnly,
    /// Only the new report's template has this key.
    NewOnly,
}

/// One statistic of the two reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The table's SPEC key: `proactive`, `applications` or `reviews`.
    pub table: &'static str,
    /// The row's key in the table, dotted where rows nest
    /// (`results.withheld.state_secret`); for 四, the group's (`review`).
    pub row: String,
    /// The column's SPEC key.
    pub column: String,
    /// The old report's value: a number, or null when the cell is blank or
    /// the old template has no such key.
    pub old: Value,
    /// The new report's value, likewise.
    pub new: Value,
    /// new − old, when both are numbers in the same unit; else null.
    pub change: Value,
    /// (new − old) / old, rounded to 4 decimals; null when old is 0 or blank.
    pub relative: Value,
    /// How the two values relate.
    pub status: Status,
}

/// Counts of the statuses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Rows of [`Status::Same`].
    pub same: usize,
    /// Rows of [`Status::Changed`].
    pub changed: usize,
    /// Rows of [`Status::OldOnly`].
    pub old_only: usize,
    /// Rows of [`Status::NewOnly`].
    pub new_only: usize,
}

/// Aligns two reports' statistics: every key of either, in table order and
/// then the old report's order, the new report's own keys after the old
/// report's keys of the same table.
pub(crate) fn align(old: &[Entry], new: &[Entry]) -> (Vec<Row>, Counts) {
    let mut rows = Vec::new();
    let mut counts = Counts::default();
    for &table in TableKind::ALL {
        for a in old.iter().filter(|e| e.table() == table) {
            let b = new.iter().find(|b| b.stat == a.stat);
            rows.push(row(Some(a), b, &mut counts));
        }
        for b in new.iter().filter(|e| e.table() == table && !old.iter().any(|a| a.stat == e.stat)) {
            rows.push(row(None, Some(b), &mut counts));
        }
    }
    (rows, counts)
}

fn row(old: Option<&Entry>, new: Option<&Entry>, counts: &mut Counts) -> Row {
    let any = old.or(new).expect("one side is present");
    let (mut change, mut relative) = (Value::Null, Value::Null);
    let status = match (old, new) {
        (Some(a), Some(b)) => {
            if let (Some(x), Some(y)) = (a.value, b.value) {
                // Amounts in different units are not comparable as written.
                if a.unit == b.unit {
                    change = json(difference(y, x));
                    if x.as_f64() != 0.0 {
                        let r = (y.as_f64() - x.as_f64()) / x.as_f64();
                        relative =
                            serde_json::Number::from_f64((r * 1e4).round() / 1e4).map_or(Value::Null, Value::Number);
                    }
                }
                if x.equals(y) && a.unit == b.unit { Status::Same } else { Status::Changed }
            } else if a.value.is_none() && b.value.is_none() {
                Status::Same
            } else {
                Status::Changed
            }
        }
        (Some(_), None) => Status::OldOnly,
        _ => Status::NewOnly,
    };
    match status {
        Status::Same => counts.same += 1,
        Status::Changed => counts.changed += 1,
        Status::OldOnly => counts.old_only += 1,
        Status::NewOnly => counts.new_only += 1,
    }
    let (row, column) = keys(any.stat);
    Row {
        table: any.table().key(),
        row: row.to_string(),
        column: column.to_string(),
        old: json_or_null(old.and_then(|e| e.value)),
        new: json_or_null(new.and_then(|e| e.value)),
        change,
        relative,
        status,
    }
}
