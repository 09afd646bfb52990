//! `govdoc compare`, the cross-year and narrative checks and the panel,
//! against the errors planted in the series samples
//! (`samples/series-planted.json`, written by
//! `samples/make_series_samples.py`): every planted error is reported with
//! its id and values, and nothing else — on the consistent years and on
//! every other report sample.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

use govdoc::batch::panel;
use govdoc::compare::{self, Aliases, Loaded};
use govdoc::report::entries::statistics;
use serde_json::{Value, json};

fn planted() -> Value {
    serde_json::from_str(&std::fs::read_to_string("samples/series-planted.json").unwrap()).unwrap()
}

fn aliases() -> Aliases {
    Aliases::read(Path::new("samples/series-aliases.csv")).unwrap()
}

/// Every report among the golden files (each checked against its sample by
/// tests/all/golden.rs), by sample file name.
fn golden_reports() -> BTreeMap<String, Loaded> {
    let mut out = BTreeMap::new();
    for (path, value) in common::golden::reports() {
        let loaded = compare::load::from_json(&value, &path.to_string_lossy()).unwrap();
        out.insert(loaded.name.clone(), loaded);
    }
    assert!(out.len() > 30, "the report samples: {}", out.len());
    out
}

/// A failure as the planted list writes it.
fn cross_row(old: &str, new: &str, f: &compare::checks::CrossFailure) -> Value {
    json!({"old": old, "new": new, "rule": f.rule, "level": f.level, "row": f.row, "column": f.column,
           "left": f.left, "right": f.right, "difference": f.difference})
}

fn sorted(mut rows: Vec<Value>) -> Vec<Value> {
    rows.sort_by_key(|v| v.to_string());
    rows
}

const PAIRS: [(&str, &str); 6] = [
    ("series-2019", "series-2020"),
    ("series-2020", "series-2021"),
    ("series-2021", "series-2022"),
    ("series-2022", "series-2023"),
    ("series-2023", "series-2024"),
    ("series-zone-2022", "series-zone-2023"),
];

#[test]
fn every_planted_cross_year_error_and_nothing_else_docx_and_pdf() {
    let reports = golden_reports();
    let expected = sorted(planted()["planted"]["cross"].as_array().unwrap().clone());
    for ext in ["docx", "pdf"] {
        let mut found = Vec::new();
        for (old, new) in PAIRS {
            let (a, b) = (&reports[&format!("{old}.{ext}")], &reports[&format!("{new}.{ext}")]);
            let c = compare::compare(a, b, &aliases());
            assert!(c.checks.skipped.is_none(), "{old} → {new}: consecutive years");
            assert!(c.checks.run > 0);
            found.extend(c.checks.failed.iter().map(|f| cross_row(old, new, f)));
        }
        assert_eq!(sorted(found), expected, "{ext}");
    }
}

#[test]
fn a_renamed_agency_without_the_alias_file_is_one_warning() {
    let reports = golden_reports();
    let c = compare::compare(&reports["series-2020.docx"], &reports["series-2021.docx"], &Aliases::default());
    let rules: Vec<(&str, Value, Value)> =
        c.checks.failed.iter().map(|f| (f.rule, f.left.clone(), f.right.clone())).collect();
    assert_eq!(rules, vec![("cross.agency", json!("宁川县自然资源局"), json!("宁川县国土资源局"))]);
    // Brackets of another width are the same agency, with or without aliases.
    let z = compare::compare(&reports["series-zone-2022.pdf"], &reports["series-zone-2023.pdf"], &Aliases::default());
    assert!(z.checks.failed.is_empty(), "{:?}", z.checks.failed);
}

#[test]
fn every_planted_narrative_error_and_no_false_alarm_on_any_report_sample() {
    let reports = golden_reports();
    let planted = planted();
    let planted = planted["planted"]["narrative"].as_array().unwrap();
    for (name, loaded) in &reports {
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        let expected: Vec<Value> = planted
            .iter()
            .filter(|p| p["file"] == stem)
            .map(|p| json!([p["rule"], p["row"], p["column"], p["left"], p["right"]]))
            .collect();
        let found: Vec<Value> = loaded
            .report
            .checks
            .failed
            .iter()
            .filter(|f| f.rule.id().starts_with("narrative."))
            .map(|f| json!([f.rule, f.row, f.column, f.left, f.right]))
            .collect();
        assert_eq!(sorted(found), sorted(expected), "{name}");
    }
    // The sentence is in the message.
    let f = &reports["series-2021.pdf"].report.checks.failed[0];
    assert!(f.message.contains("全年共收到政府信息公开申请"), "{}", f.message);
}

#[test]
fn the_series_numbers_are_read_as_written() {
    let reports = golden_reports();
    let planted = planted();
    for (stem, expected) in planted["reports"].as_object().unwrap() {
        for ext in ["docx", "pdf"] {
            let report = &reports[&format!("{stem}.{ext}")].report;
            assert_eq!(report.agency.as_deref(), expected["agency"].as_str(), "{stem}.{ext}");
            assert_eq!(report.year, expected["year"].as_i64());
            assert!(report.complete);
            let read: BTreeMap<String, Value> = statistics(report)
                .iter()
                .map(|e| (e.stat.name(), e.value.map_or(Value::Null, govdoc::report::entries::json)))
                .collect();
            let mut n = 0;
            for table in ["proactive", "applications", "reviews"] {
                for (row, columns) in expected[table].as_object().unwrap() {
                    for (column, want) in columns.as_object().unwrap() {
                        let name = format!("{table}.{row}.{column}");
                        assert_eq!(read.get(&name), Some(want), "{stem}.{ext} {name}");
                        n += 1;
                    }
                }
            }
            assert_eq!(n, read.len(), "{stem}.{ext}: every value read is one written");
            assert!(n > 100, "{stem}.{ext}: {n} values");
        }
    }
}

#[test]
fn a_report_compared_with_itself_has_no_change_and_no_failed_check() {
    for (name, loaded) in golden_reports() {
        let c = compare::compare(&loaded, &loaded, &Aliases::default());
        assert_eq!(
            c.summary.statistics.changed + c.summary.statistics.old_only + c.summary.statistics.new_only,
            0,
            "{name}"
        );
        assert_eq!(
            c.summary.paragraphs_changed + c.summary.paragraphs_added + c.summary.paragraphs_removed,
            0,
            "{name}"
        );
        assert!(c.checks.failed.is_empty(), "{name}: {:?}", c.checks.failed);
        assert!(c.statistics.iter().all(|r| r.change.is_null() || r.change.as_f64() == Some(0.0)), "{name}");
    }
}

#[test]
fn the_panel_of_every_golden_output_runs_the_planted_checks_and_reads_as_numbers() {
    let (entries, unreadable) = panel::entries_from_folder(Path::new("golden")).unwrap();
    assert!(unreadable.is_empty(), "{unreadable:?}");
    let p = panel::build(entries, &aliases());
    // The docx of each year sorts first and is the one paired.
    let mut found = Vec::new();
    for pair in &p.pairs {
        let stem = |s: &str| s.trim_end_matches(".docx").to_string();
        found.extend(pair.failed.iter().map(|f| cross_row(&stem(&pair.old.1), &stem(&pair.new.1), f)));
    }
    let expected = sorted(planted()["planted"]["cross"].as_array().unwrap().clone());
    assert_eq!(sorted(found), expected);
    assert_eq!(p.pairs.len(), PAIRS.len(), "{:?}", p.pairs.iter().map(|x| (&x.agency, x.old.0)).collect::<Vec<_>>());
    let zone = p
        .entries
        .iter()
        .filter(|(a, _)| a.contains("高新区"))
        .map(|(a, _)| a.clone())
        .collect::<std::collections::BTreeSet<_>>();
    assert_eq!(zone.len(), 1, "one agency, one name shown: {zone:?}");

    // Without the aliases the renamed agency is two agencies, and 2020 → 2021 is no pair.
    let (entries, _) = panel::entries_from_folder(Path::new("golden")).unwrap();
    let apart = panel::build(entries, &Aliases::default());
    assert_eq!(apart.pairs.len(), PAIRS.len() - 1);

    // The long table: one numeric type in `value`.
    let mut csv = Vec::new();
    panel::write_csv(&p, &mut csv, true).unwrap();
    let mut reader = csv::Reader::from_reader(&csv[3..]);
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["agency", "year", "template", "source", "key", "value", "unit"]
    );
    let mut rows = 0;
    for record in reader.records() {
        let record = record.unwrap();
        assert!(record[5].is_empty() || record[5].parse::<f64>().is_ok(), "{record:?}");
        assert!(record[1].parse::<i64>().is_ok(), "{record:?}");
        rows += 1;
    }
    assert!(rows > 5000, "{rows}");
    pandas_reads(&csv);
}

/// With python3 and pandas on the machine, the panel loads with one numeric
/// type per value column; without them the test says so and checks nothing more.
fn pandas_reads(csv: &[u8]) {
    let has_pandas =
        std::process::Command::new("python3").args(["-c", "import pandas"]).output().is_ok_and(|o| o.status.success());
    if !has_pandas {
        eprintln!("SKIPPED: python3 with pandas not found; the panel's types were checked in Rust only");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("panel.csv");
    std::fs::write(&path, csv).unwrap();
    let script = "import sys, pandas as pd\n\
                  df = pd.read_csv(sys.argv[1])\n\
                  assert list(df.columns) == ['agency','year','template','source','key','value','unit'], list(df.columns)\n\
                  assert df['value'].dtype.kind in 'fi', df['value'].dtype\n\
                  assert df['year'].dtype.kind == 'i', df['year'].dtype\n\
                  assert df['template'].dtype.kind == 'i', df['template'].dtype\n\
                  print(df['value'].dtype, len(df))\n";
    let out = std::process::Command::new("python3").args(["-c", script]).arg(&path).output().unwrap();
    assert!(out.status.success(), "pandas: {}", String::from_utf8_lossy(&out.stderr));
}
