//! The one place that reads a report's statistics: every value of the three
//! tables as (table, row key, column key, value), in template order. The
//! rest of `compare`, the narrative checks and the panel go through
//! [`statistics`], so when the report's tables change representation only
//! this file changes.

use serde_json::Value;

use crate::report::Report;

/// The three statistics tables of the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Table {
    Proactive,
    Applications,
    Reviews,
}

impl Table {
    pub const ALL: [Table; 3] = [Table::Proactive, Table::Applications, Table::Reviews];

    /// The SPEC's key of the table in the `report` object.
    pub fn key(self) -> &'static str {
        match self {
            Table::Proactive => "proactive",
            Table::Applications => "applications",
            Table::Reviews => "reviews",
        }
    }

    /// The table's name in the template.
    pub fn label(self) -> &'static str {
        match self {
            Table::Proactive => "二、主动公开政府信息情况",
            Table::Applications => "三、收到和处理政府信息公开申请情况",
            Table::Reviews => "四、政府信息公开行政复议、行政诉讼情况",
        }
    }
}

/// A statistic: an integer count or a decimal amount.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    Int(i64),
    Dec(f64),
}

impl Num {
    pub fn float(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Dec(f) => f,
        }
    }

    /// Equal as numbers (decimals to a millionth: amounts are written with
    /// at most a few decimals).
    pub fn equals(self, other: Num) -> bool {
        match (self, other) {
            (Num::Int(a), Num::Int(b)) => a == b,
            (a, b) => (a.float() - b.float()).abs() < 1e-6,
        }
    }

    /// The JSON number.
    pub fn json(self) -> Value {
        match self {
            Num::Int(i) => Value::from(i),
            // Rounded to 6 decimals so a difference of amounts prints as written (1.2 - 1.1 = 0.1).
            Num::Dec(f) => serde_json::Number::from_f64((f * 1e6).round() / 1e6).map_or(Value::Null, Value::Number),
        }
    }

    fn of(value: &Value) -> Option<Num> {
        match value {
            Value::Number(n) => n.as_i64().map(Num::Int).or_else(|| n.as_f64().map(Num::Dec)),
            _ => None,
        }
    }
}

/// Sum; integers stay integers unless they overflow.
impl std::ops::Add for Num {
    type Output = Num;

    fn add(self, other: Num) -> Num {
        match (self, other) {
            (Num::Int(a), Num::Int(b)) => a.checked_add(b).map_or(Num::Dec(a as f64 + b as f64), Num::Int),
            (a, b) => Num::Dec(a.float() + b.float()),
        }
    }
}

impl std::ops::Sub for Num {
    type Output = Num;

    fn sub(self, other: Num) -> Num {
        match (self, other) {
            (Num::Int(a), Num::Int(b)) => a.checked_sub(b).map_or(Num::Dec(a as f64 - b as f64), Num::Int),
            (a, b) => Num::Dec(a.float() - b.float()),
        }
    }
}

/// One value of a report's tables.
#[derive(Debug, Clone, PartialEq)]
pub struct Stat {
    pub table: Table,
    /// The SPEC's row key: `licensing`, `results.withheld.state_secret`, `review`.
    pub row: String,
    /// The SPEC's column key: `decisions`, `natural_person`, `upheld`.
    pub column: String,
    /// Null when the document left the cell blank (or wrote no number).
    pub value: Option<Num>,
    /// The money unit of an amount (`万元`, `元`), when the document gave one.
    pub unit: Option<String>,
}

impl Stat {
    /// `table.row.column`: the key the panel and the compare output name a value by.
    pub fn key(&self) -> String {
        format!("{}.{}.{}", self.table.key(), self.row, self.column)
    }
}

/// Every value of the report's tables that were found, in template order
/// (the order the report object lists them in). Units are not values: an
/// amount carries its unit.
pub fn statistics(report: &Report) -> Vec<Stat> {
    let mut out = Vec::new();
    for (table, object) in [
        (Table::Proactive, &report.proactive),
        (Table::Applications, &report.applications),
        (Table::Reviews, &report.reviews),
    ] {
        if let Some(Value::Object(rows)) = object {
            for (key, value) in rows {
                walk(table, key, value, &mut out);
            }
        }
    }
    out
}

/// A row object: its scalar members are the row's columns; an object member
/// is a group of rows below it (`results` › `withheld` › `state_secret`).
fn walk(table: Table, row: &str, value: &Value, out: &mut Vec<Stat>) {
    let Value::Object(members) = value else { return };
    let unit = members.get("amount_unit").and_then(Value::as_str).map(str::to_string);
    for (key, member) in members {
        match member {
            Value::Object(_) => walk(table, &format!("{row}.{key}"), member, out),
            _ if key == "amount_unit" => {}
            _ => out.push(Stat {
                table,
                row: row.to_string(),
                column: key.clone(),
                value: Num::of(member),
                unit: if key == "amount" { unit.clone() } else { None },
            }),
        }
    }
}

/// The value at (table, row, column), if the report has that key and it is a number.
pub fn value(stats: &[Stat], table: Table, row: &str, column: &str) -> Option<Num> {
    stats.iter().find(|s| s.table == table && s.row == row && s.column == column).and_then(|s| s.value)
}

/// True when the report has the key at all (a number or blank).
pub fn has(stats: &[Stat], table: Table, row: &str, column: &str) -> bool {
    stats.iter().any(|s| s.table == table && s.row == row && s.column == column)
}
