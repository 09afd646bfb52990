//! The one place `compare`, the narrative checks and the panel read a
//! report's statistics (here, below all three, so that the report layer
//! depends on nothing above it): every value of the tables found, with its typed key
//! ([`Stat`]) and, for an amount, its unit — over the report's typed API
//! ([`Report::values`]). Also the arithmetic the checks need beyond the
//! report's own ([`difference`]) and a number as JSON ([`json`]).

use serde_json::Value;

use crate::report::{Key, Number, ProactiveColumn, Report, Stat, TableKind};

/// One value of a report's tables.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Which statistic: (table, row, column).
    pub stat: Stat,
    /// `None` when the document left the cell blank (or wrote no number).
    pub value: Option<Number>,
    /// The money unit of an amount (`万元`, `元`), when the document gave one.
    pub unit: Option<String>,
}

impl Entry {
    /// The table the statistic is in.
    pub fn table(&self) -> TableKind {
        self.stat.table()
    }
}

/// Every value of the report's tables that were found: 二, 三, 四, each row
/// by row in the template's key order. Units are not values: an amount
/// carries its unit.
pub fn statistics(report: &Report) -> Vec<Entry> {
    report
        .values()
        .map(|(stat, value)| {
            let unit = match stat {
                Stat::Proactive(row, ProactiveColumn::Amount) => {
                    report.proactive.as_ref().and_then(|t| t.amount_unit(row)).map(str::to_string)
                }
                _ => None,
            };
            Entry { stat, value, unit }
        })
        .collect()
}

/// The row (or group) key and the column key of a statistic:
/// (`"results.granted"`, `"total"`).
pub fn keys(stat: Stat) -> (&'static str, &'static str) {
    match stat {
        Stat::Proactive(r, c) => (r.key(), c.key()),
        Stat::Applications(r, c) => (r.key(), c.key()),
        Stat::Reviews(r, c) => (r.key(), c.key()),
    }
}

/// `table.row` of a statistic, as failures name it: `applications.new`.
pub fn row_name(stat: Stat) -> String {
    format!("{}.{}", stat.table().key(), keys(stat).0)
}

/// The table's name in the template.
pub fn table_label(table: TableKind) -> &'static str {
    match table {
        TableKind::Proactive => "二、主动公开政府信息情况",
        TableKind::Applications => "三、收到和处理政府信息公开申请情况",
        TableKind::Reviews => "四、政府信息公开行政复议、行政诉讼情况",
    }
}

/// a − b; integers stay integers unless they overflow.
pub fn difference(a: Number, b: Number) -> Number {
    match (a, b) {
        (Number::Int(x), Number::Int(y)) => x.checked_sub(y).map_or(Number::Dec(x as f64 - y as f64), Number::Int),
        (x, y) => Number::Dec(x.as_f64() - y.as_f64()),
    }
}

/// A number as JSON; decimals rounded to 6 places, so a difference of
/// amounts prints as written (1.2 − 1.1 = 0.1).
pub fn json(n: Number) -> Value {
    match n {
        Number::Int(i) => Value::from(i),
        Number::Dec(f) => serde_json::Number::from_f64((f * 1e6).round() / 1e6).map_or(Value::Null, Value::Number),
    }
}

/// A value as JSON: the number, or null.
pub fn json_or_null(n: Option<Number>) -> Value {
    n.map_or(Value::Null, json)
}
