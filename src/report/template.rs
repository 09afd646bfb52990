//! The national templates as data (`templates.json`): for each table the row
//! and column labels in order and the SPEC key each maps to. A future
//! revision of the template is a new entry in that file, not new code.

use std::sync::LazyLock;

use serde::Deserialize;

use super::labels::Label;
use super::stats::{
    ApplicantColumn, ApplicationRow, Key, ProactiveColumn, ProactiveRow, ReviewColumn, ReviewGroup, TableKind,
};

/// A key with the labels that name it.
#[derive(Debug, Clone, Deserialize)]
pub struct Labeled<K> {
    pub key: K,
    pub labels: Vec<Label>,
    /// An amount of money: it gets an `amount_unit` sibling.
    #[serde(default)]
    pub amount: bool,
}

/// The labels of each of `specs`, in order.
pub fn labels_of<K>(specs: &[Labeled<K>]) -> Vec<&[Label]> {
    specs.iter().map(|s| s.labels.as_slice()).collect()
}

#[derive(Debug, Clone, Deserialize)]
pub struct SectionSpec {
    pub no: u8,
    pub labels: Vec<Label>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ApplicationsSpec {
    pub columns: Vec<Labeled<ApplicantColumn>>,
    pub header_signals: Vec<String>,
    pub row_signals: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ReviewsSpec {
    pub groups: Vec<Labeled<ReviewGroup>>,
    pub columns: Vec<Labeled<ReviewColumn>>,
    pub header_signals: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ProactiveRowSpec {
    pub key: ProactiveRow,
    pub labels: Vec<Label>,
    /// Keys of the columns this row has.
    pub columns: Vec<ProactiveColumn>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ProactiveSpec {
    pub columns: Vec<Labeled<ProactiveColumn>>,
    pub rows: Vec<ProactiveRowSpec>,
}

impl ProactiveSpec {
    /// True when column `key` is an amount of money (it gets `amount_unit`).
    pub fn is_amount(&self, key: ProactiveColumn) -> bool {
        self.columns.iter().any(|c| c.key == key && c.amount)
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct ApplicationRowSpec {
    pub key: ApplicationRow,
    /// The group label the row sits under, when the leaf label alone is
    /// ambiguous across groups.
    #[serde(default)]
    pub group: Option<Label>,
    pub labels: Vec<Label>,
    /// When this row is present, these rows are not expected (a 2021
    /// report that keeps （六） as one row).
    #[serde(default)]
    pub replaces: Vec<ApplicationRow>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ApplicationRows {
    pub rows: Vec<ApplicationRowSpec>,
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

    /// The name template `template` gives the row (in 四, the group) of
    /// `table` whose SPEC key is `key`: its first label, after the group it
    /// sits under when it has one ("不予公开 · 属于国家秘密"). `None` when
    /// that template has no such row.
    pub(crate) fn row_label(&self, template: &str, table: TableKind, key: &str) -> Option<String> {
        match table {
            TableKind::Proactive => {
                first(&self.get(template)?.proactive.rows.iter().find(|r| r.key.key() == key)?.labels)
            }
            TableKind::Applications => {
                let row = self.get(template)?.applications.rows.iter().find(|r| r.key.key() == key)?;
                let label = first(&row.labels)?;
                Some(match &row.group {
                    Some(group) => format!("{} · {label}", group.text),
                    None => label,
                })
            }
            TableKind::Reviews => {
                self.get(template)?;
                first(&self.reviews.groups.iter().find(|g| g.key.key() == key)?.labels)
            }
        }
    }

    /// The name template `template` gives the column of `table` whose SPEC
    /// key is `key` (its first label); `None` when that template has no such
    /// column.
    pub(crate) fn column_label(&self, template: &str, table: TableKind, key: &str) -> Option<String> {
        let template = self.get(template)?;
        match table {
            TableKind::Proactive => first(&template.proactive.columns.iter().find(|c| c.key.key() == key)?.labels),
            TableKind::Applications => first(&self.applications.columns.iter().find(|c| c.key.key() == key)?.labels),
            TableKind::Reviews => first(&self.reviews.columns.iter().find(|c| c.key.key() == key)?.labels),
        }
    }
}

/// The first (the template's own) wording of a label list.
fn first(labels: &[Label]) -> Option<String> {
    labels.first().map(|l| l.text.clone())
}

/// The templates, parsed once.
pub static TEMPLATES: LazyLock<Templates> = LazyLock::new(|| {
    serde_json::from_str(include_str!("templates.json")).expect("templates.json is valid (checked by a test)")
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::stats::Key;

    #[test]
    fn templates_parse_and_are_consistent() {
        let t = &*TEMPLATES;
        assert_eq!(t.templates.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), vec!["2019", "2021"]);
        assert_eq!(t.sections.len(), 6);
        for template in &t.templates {
            let column_keys: Vec<ProactiveColumn> = template.proactive.columns.iter().map(|c| c.key).collect();
            for row in &template.proactive.rows {
                for key in &row.columns {
                    assert!(column_keys.contains(key), "{}: {} uses unknown column {key}", template.id, row.key);
                }
            }
            let keys: Vec<ApplicationRow> = template.applications.rows.iter().map(|r| r.key).collect();
            let unique: std::collections::BTreeSet<ApplicationRow> = keys.iter().copied().collect();
            assert_eq!(keys.len(), unique.len(), "{}: duplicate application keys", template.id);
            for row in template.applications.rows.iter().flat_map(|r| &r.replaces) {
                assert!(keys.contains(row), "{}: replaces {row}, which it does not have", template.id);
            }
        }
    }

    /// Every key the Rust side knows is named by the template data, in the
    /// SPEC's order where the data lists the whole set: a key renamed in
    /// `templates.json` alone fails to parse, one renamed in the enums alone
    /// fails here.
    #[test]
    fn every_typed_key_is_in_the_template_data() {
        let t = &*TEMPLATES;
        fn keys<K: Key>(specs: &[Labeled<K>]) -> Vec<K> {
            specs.iter().map(|s| s.key).collect()
        }
        assert_eq!(keys(&t.applications.columns), ApplicantColumn::ALL);
        assert_eq!(keys(&t.reviews.groups), ReviewGroup::ALL);
        assert_eq!(keys(&t.reviews.columns), ReviewColumn::ALL);
        for &row in ProactiveRow::ALL {
            assert!(t.templates.iter().any(|v| v.proactive.rows.iter().any(|r| r.key == row)), "{row}");
        }
        for &column in ProactiveColumn::ALL {
            assert!(t.templates.iter().any(|v| v.proactive.columns.iter().any(|c| c.key == column)), "{column}");
        }
        for &row in ApplicationRow::ALL {
            assert!(t.templates.iter().any(|v| v.applications.rows.iter().any(|r| r.key == row)), "{row}");
        }
    }
}
