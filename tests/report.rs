//! The report layer against the sample generator's own record of every
//! number it wrote (`samples/expected-numbers.json`): every value of every
//! sample — DOCX and the PDF exported from it — the agency, year and
//! template, the amount units, and exactly the planted failed checks.

use serde_json::Value;

fn expected() -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string("samples/expected-numbers.json").unwrap();
    match serde_json::from_str(&text).unwrap() {
        Value::Object(map) => map,
        _ => panic!("expected-numbers.json is an object per sample"),
    }
}

fn get<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(value, |v, key| v.get(key))
}

/// The same number, however written: 12.35 and 12.35, 4 and 4.0.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => (x.as_f64().unwrap() - y.as_f64().unwrap()).abs() < 1e-9,
        _ => a == b,
    }
}

fn report_of(sample: &str) -> (Value, Vec<Value>) {
    let output = govdoc::convert_path(format!("samples/{sample}")).unwrap();
    let json = output.to_json_value();
    let diagnostics = json["diagnostics"].as_array().cloned().unwrap_or_default();
    (json["report"].clone(), diagnostics)
}

#[test]
fn every_number_of_every_sample_is_read_into_its_key() {
    let mut mismatches = Vec::new();
    let mut compared = 0;
    // Each DOCX sample, the PDF LibreOffice exported from it and the OFD
    // transcribing that PDF.
    let samples = expected().into_iter().flat_map(|(docx, truth)| {
        let sibling = |ext: &str| {
            let name = docx.replace(".docx", ext);
            std::path::Path::new("samples").join(&name).exists().then(|| (name, truth.clone()))
        };
        let (with_pdf, with_ofd) = (sibling(".pdf"), sibling(".ofd"));
        std::iter::once((docx, truth)).chain(with_pdf).chain(with_ofd)
    });
    for (sample, truth) in samples {
        let (report, _) = report_of(&sample);
        if truth.get("report").is_some_and(Value::is_null) {
            assert!(report.is_null(), "{sample} is not an annual report");
            continue;
        }
        assert!(!report.is_null(), "{sample}: no report recognized");
        for key in ["agency", "year", "template"] {
            if !same(&report[key], &truth[key]) {
                mismatches.push(format!("{sample}: {key} is {}, expected {}", report[key], truth[key]));
            }
        }
        for table in ["proactive", "applications", "reviews"] {
            let Some(Value::Object(rows)) = truth.get(table) else { continue };
            for (row, columns) in rows {
                let Value::Object(columns) = columns else { continue };
                for (column, want) in columns {
                    let path = format!("{table}.{row}.{column}");
                    let got = get(&report, &path).cloned().unwrap_or(Value::String("(missing)".into()));
                    compared += 1;
                    if !same(&got, want) {
                        mismatches.push(format!("{sample}: {path} is {got}, expected {want}"));
                    }
                }
            }
        }
        if let Some(Value::Object(units)) = truth.get("amount_units") {
            for (row, want) in units {
                let got = get(&report, &format!("{row}.amount_unit")).cloned().unwrap_or(Value::Null);
                if &got != want {
                    mismatches.push(format!("{sample}: {row}.amount_unit is {got}, expected {want}"));
                }
            }
        }
    }
    assert!(compared > 5000, "only {compared} values compared");
    assert!(mismatches.is_empty(), "{} mismatches:\n{}", mismatches.len(), mismatches.join("\n"));
}

#[test]
fn failed_checks_are_exactly_the_planted_ones() {
    for (sample, truth) in expected() {
        let Some(Value::Array(planted)) = truth.get("failed_checks") else { continue };
        let (report, _) = report_of(&sample);
        let key = |f: &Value| (f["rule"].as_str().map(str::to_string), f["column"].clone(), f["row"].clone());
        let mut got: Vec<_> = report["checks"]["failed"].as_array().unwrap().iter().map(key).collect();
        let mut want: Vec<_> = planted.iter().map(key).collect();
        got.sort_by_key(|k| format!("{k:?}"));
        want.sort_by_key(|k| format!("{k:?}"));
        assert_eq!(got, want, "{sample}");
        assert!(report["checks"]["run"].as_u64().unwrap() > 0, "{sample}: checks ran");
    }
}

#[test]
fn documents_that_are_not_annual_reports_have_no_report() {
    for sample in ["docx-features.docx", "adjacent-tables-apart.docx"] {
        let (report, diagnostics) = report_of(sample);
        assert!(report.is_null(), "{sample}");
        assert!(diagnostics.iter().all(|d| !d["code"].as_str().unwrap().starts_with("report.")), "{sample}");
    }
}

#[test]
fn sections_are_found_with_their_text() {
    let (report, _) = report_of("seed-shishi-commerce-2019.docx");
    let sections = report["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 6);
    let titles: Vec<&str> = sections.iter().map(|s| s["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        vec![
            "总体情况",
            "主动公开政府信息情况",
            "收到和处理政府信息公开申请情况",
            "政府信息公开行政复议、行政诉讼情况",
            "存在的主要问题及改进情况",
            "其他需要报告的事项"
        ]
    );
    let first = sections[0]["text"].as_str().unwrap();
    assert!(first.starts_with("（一）主动公开信息\n今年以来政府信息主动公开数30条。"), "{first}");
    assert_eq!(sections[5]["text"], "无。");
    assert_eq!(sections[1]["text"], "", "tables are left out");
}

#[test]
fn the_seed_reads_the_same_from_docx_and_from_text() {
    let (docx, _) = report_of("seed-shishi-commerce-2019.docx");
    let (md, _) = report_of("seed-shishi-commerce-2019.md");
    for key in ["agency", "year", "template", "proactive", "applications", "reviews", "checks", "sections"] {
        assert_eq!(docx[key], md[key], "{key}");
    }
}
