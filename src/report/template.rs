//! The national templates as data (`templates.json`): for each table the row
//! and column labels in order and the SPEC key each maps to. A future
//! revision of the template is a new entry in that file, not new code.

use std::sync::LazyLock;

use serde::Deserialize;

use super::labels::Label;

/// A key with the labels that name it.
#[derive(Debug, Clone, Deserialize)]
pub struct Labeled {
    pub key: String,
    pub labels: Vec<Label>,
    /// An amount of money: it gets an `amount_unit` sibling.
    #[serde(default)]
    pub amount: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SectionSpec {
    pub no: u8,
    pub labels: Vec<Label>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ApplicationsSpec {
    pub columns: Vec<Labeled>,
    pub header_signals: Vec<String>,
    pub row_signals: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ReviewsSpec {
    pub groups: Vec<Labeled>,
    pub columns: Vec<Labeled>,
    pub header_signals: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ProactiveRow {
    pub key: String,
    pub labels: Vec<Label>,
    /// Keys of the columns this row has.
    pub columns: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ProactiveSpec {
    pub columns: Vec<Labeled>,
    pub rows: Vec<ProactiveRow>,
}

impl ProactiveSpec {
    /// True when column `key` is an amount of money (it gets `amount_unit`).
    pub fn is_amount(&self, key: &str) -> bool {
        self.columns.iter().any(|c| c.key == key && c.amount)
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct ApplicationRow {
    /// Dotted key path: "results.withheld.state_secret".
    pub key: String,
    /// The group label the row sits under, when the leaf label alone is
    /// ambiguous across groups.
    #[serde(default)]
    pub group: Option<Label>,
    pub labels: Vec<Label>,
    /// When this row is present, the rows whose keys start with this prefix
    /// are not expected (a 2021 report that keeps （六） as one row).
    #[serde(default)]
    pub replaces: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ApplicationRows {
    pub rows: Vec<ApplicationRow>,
}

/// One version of the template.
#[derive(Debug, Clone, Deserialize)]
pub struct Template {
    pub id: String,
    /// Column headers found only in this version.
    pub signals: Vec<String>,
    pub proactive: ProactiveSpec,
    pub applications: ApplicationRows,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Templates {
    pub sections: Vec<SectionSpec>,
    pub applications: ApplicationsSpec,
    pub reviews: ReviewsSpec,
    pub templates: Vec<Template>,
}

impl Templates {
    pub fn get(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id)
    }
}

/// The templates, parsed once.
pub static TEMPLATES: LazyLock<Templates> = LazyLock::new(|| {
    serde_json::from_str(include_str!("templates.json")).expect("templates.json is valid (checked by a test)")
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_parse_and_are_consistent() {
        let t = &*TEMPLATES;
        assert_eq!(t.templates.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), vec!["2019", "2021"]);
        assert_eq!(t.sections.len(), 6);
        assert_eq!(t.applications.columns.len(), 7);
        for template in &t.templates {
            let column_keys: Vec<&str> = template.proactive.columns.iter().map(|c| c.key.as_str()).collect();
            for row in &template.proactive.rows {
                for key in &row.columns {
                    assert!(
                        column_keys.contains(&key.as_str()),
                        "{}: {} uses unknown column {key}",
                        template.id,
                        row.key
                    );
                }
            }
            let keys: Vec<&str> = template.applications.rows.iter().map(|r| r.key.as_str()).collect();
            let mut unique = keys.clone();
            unique.dedup();
            assert_eq!(keys.len(), unique.len(), "{}: duplicate application keys", template.id);
        }
    }
}
