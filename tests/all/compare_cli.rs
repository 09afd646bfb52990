//! `govdoc compare`, `govdoc panel` and `govdoc batch --panel` as a user
//! meets them: outputs, exit statuses, messages.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn govdoc() -> Command {
    Command::cargo_bin("govdoc").unwrap()
}

#[test]
fn compare_a_document_with_a_json_output_writes_json_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let (json, html) = (dir.path().join("c.json"), dir.path().join("c.html"));
    let out = govdoc()
        .args([
            "compare",
            "golden/series-2021.docx.json",
            "samples/series-2022.pdf",
            "--aliases",
            "samples/series-aliases.csv",
        ])
        .arg("-o")
        .arg(&json)
        .arg("--html")
        .arg(&html)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().filter(|l| l.contains("cross.carried_over")).count(), 2, "{stderr}");
    let text = std::fs::read_to_string(&json).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["schema"], "govdoc-compare/1");
    assert_eq!(value["old"]["year"], 2021);
    assert_eq!(value["new"]["source"], "samples/series-2022.pdf");
    assert_eq!(value["checks"]["failed"].as_array().unwrap().len(), 2);
    // Canonical: the same bytes as the library's pretty form of the same value.
    assert_eq!(text, govdoc::json::canonical::pretty(&value));
    assert!(std::fs::read_to_string(&html).unwrap().starts_with("<!DOCTYPE html>"));

    // Without -o and --html the JSON goes to stdout; the run is deterministic.
    let a = govdoc().args(["compare", "-q", "samples/series-2019.docx", "samples/series-2020.docx"]).output().unwrap();
    let b = govdoc().args(["compare", "-q", "samples/series-2019.docx", "samples/series-2020.docx"]).output().unwrap();
    assert_eq!(a.stdout, b.stdout);
    assert!(a.stderr.is_empty(), "quiet");
    let value: Value = serde_json::from_slice(&a.stdout).unwrap();
    assert_eq!(value["summary"]["checks_failed"], 2);
}

#[test]
fn compare_refuses_what_is_not_a_report() {
    let out = govdoc().args(["compare", "samples/docx-features.docx", "samples/series-2019.docx"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("docx-features.docx") && stderr.contains("not an annual report"), "{stderr}");
    let dir = tempfile::tempdir().unwrap();
    let aliases = dir.path().join("aliases.csv");
    std::fs::write(&aliases, "one name only\n").unwrap();
    let out = govdoc()
        .args(["compare", "samples/series-2019.docx", "samples/series-2020.docx", "--aliases"])
        .arg(&aliases)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("line 1"));
}

#[test]
fn batch_with_a_panel_and_the_panel_of_its_outputs_agree() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for year in 2019..=2024 {
        let name = format!("series-{year}.docx");
        std::fs::copy(Path::new("samples").join(&name), input.join(&name)).unwrap();
    }
    let (outdir, panel) = (dir.path().join("out"), dir.path().join("panel.csv"));
    let out = govdoc()
        .arg("batch")
        .arg(&input)
        .arg("-o")
        .arg(&outdir)
        .arg("--panel")
        .arg(&panel)
        .args(["--aliases", "samples/series-aliases.csv", "-j", "2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("5 consecutive pair(s)") && stdout.contains("6 failed"), "{stdout}");
    let checks = std::fs::read_to_string(dir.path().join("panel-checks.csv")).unwrap();
    assert_eq!(checks.lines().count(), 1 + 6, "{checks}");
    let from_batch = std::fs::read(&panel).unwrap();

    let again = dir.path().join("again.csv");
    let out = govdoc()
        .arg("panel")
        .arg(&outdir)
        .arg("-o")
        .arg(&again)
        .args(["--aliases", "samples/series-aliases.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read(&again).unwrap(), from_batch, "the same panel from the JSON outputs");
    assert!(String::from_utf8(from_batch).unwrap().starts_with("\u{FEFF}agency,year,template,source,key,value,unit\n"));
}
