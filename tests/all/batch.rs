//! `govdoc batch` as a user meets it: the bad-input corpus as one batch,
//! resume, GBK names in zips, unsafe zip names, determinism across -j,
//! usage errors, the summary CSV, and files converted with warnings.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::Command;
use common::corpus::{self, Expect, Expectation};
use common::{RawEntry, files_below, raw_zip};
use serde_json::Value;

fn govdoc() -> Command {
    Command::cargo_bin("govdoc").unwrap()
}

/// Runs `govdoc batch INPUT -o OUT ARGS…`; returns (exit status, stdout).
fn batch(input: &Path, out: &Path, args: &[&str]) -> (i32, String) {
    let result = govdoc().arg("batch").arg(input).arg("-o").arg(out).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (result.status.code().unwrap(), String::from_utf8(result.stdout).unwrap())
}

/// errors.jsonl as source → code; checks each line's shape and the order.
fn errors(out: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(out.join("errors.jsonl")).unwrap();
    let mut sources = Vec::new();
    let mut map = BTreeMap::new();
    for line in text.lines() {
        let value: Value = serde_json::from_str(line).unwrap();
        let object = value.as_object().unwrap();
        assert_eq!(object.keys().collect::<Vec<_>>(), ["code", "message", "source"], "{line}");
        assert!(!value["message"].as_str().unwrap().is_empty());
        let source = value["source"].as_str().unwrap().to_string();
        sources.push(source.clone());
        map.insert(source, value["code"].as_str().unwrap().to_string());
    }
    let mut sorted = sources.clone();
    sorted.sort();
    assert_eq!(sources, sorted, "errors.jsonl is sorted by source");
    map
}

/// Checks every expectation against one batch's outputs; PDF expectations
/// only when `with_pdf`, else a PDF just has to have failed with some code
/// or converted.
fn check_corpus(out: &Path, stdout: &str, expectations: &[Expectation], with_pdf: bool) {
    let errors = errors(out);
    let outputs = files_below(out);
    for e in expectations {
        let output = format!("{}.json", e.source);
        let has_output = outputs.contains(&output);
        let error = errors.get(&e.source);
        if e.needs_pdf && !with_pdf {
            assert!(has_output != error.is_some(), "{}: exactly one of output and error", e.source);
            continue;
        }
        match e.expect {
            Expect::Converted => {
                assert!(has_output, "{}: no output; error {error:?}", e.source);
                assert_eq!(error, None, "{}", e.source);
                let json: Value = serde_json::from_slice(&std::fs::read(out.join(&output)).unwrap()).unwrap();
                assert_eq!(json["source"]["name"], e.source.as_str());
            }
            Expect::Failed(code) => {
                assert_eq!(error.map(String::as_str), Some(code), "{}", e.source);
                assert!(!has_output, "{}: a failed file has no output", e.source);
            }
            Expect::ConvertedOr(code) => {
                assert!(
                    has_output != error.is_some() && error.is_none_or(|c| c == code),
                    "{}: converted or {code}, got {error:?}",
                    e.source
                );
            }
            Expect::Skipped => {
                assert!(!has_output && error.is_none(), "{}: skipped, neither output nor error", e.source);
            }
        }
    }
    let listed: usize = expectations.iter().filter(|e| e.expect != Expect::Skipped).count();
    // Besides one output per converted file: errors.jsonl and warnings.jsonl.
    assert_eq!(errors.len() + outputs.len() - 2, listed, "nothing but the corpus: {outputs:?}");
    let leftovers: Vec<&String> = outputs.iter().filter(|p| p.contains(".govdoc-") || p.ends_with(".tmp")).collect();
    assert!(leftovers.is_empty(), "no temporary files: {leftovers:?}");
    let skipped = expectations.iter().filter(|e| e.expect == Expect::Skipped).count();
    assert!(stdout.contains(&format!("skipped {skipped} ")), "{stdout}");
}

#[test]
fn the_bad_input_corpus_as_one_batch() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("corpus");
    let out = dir.path().join("out");
    let expectations = corpus::write(&input);

    let (status, stdout) = batch(&input, &out, &["-j", "2"]);
    assert_eq!(status, 1, "some failed: {stdout}");
    check_corpus(&out, &stdout, &expectations, false);
    let first_errors = std::fs::read(out.join("errors.jsonl")).unwrap();

    // A second run leaves every converted file alone and finds the same failures.
    let (status, stdout) = batch(&input, &out, &["-j", "2"]);
    assert_eq!(status, 1);
    assert!(stdout.starts_with("converted 0, converted with warnings 0"), "{stdout}");
    check_corpus(&out, &stdout, &expectations, false);
    assert_eq!(std::fs::read(out.join("errors.jsonl")).unwrap(), first_errors);
}

#[test]
fn the_bad_input_corpus_with_pdf_codes() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("corpus");
    let out = dir.path().join("out");
    let expectations = corpus::write(&input);
    let (status, stdout) = batch(&input, &out, &[]);
    assert_eq!(status, 1, "{stdout}");
    check_corpus(&out, &stdout, &expectations, true);
}

#[test]
fn gbk_names_in_a_zip_give_correctly_named_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("归档.zip");
    std::fs::write(&zip, corpus::gbk_zip(&std::fs::read(corpus::SAMPLE_DOCX).unwrap())).unwrap();
    let out = dir.path().join("out");
    let (status, stdout) = batch(&zip, &out, &[]);
    assert_eq!(status, 0, "{stdout}");
    // `.txt` is read as Markdown, as `govdoc convert` reads it.
    assert_eq!(
        files_below(&out),
        ["2019年/石狮市商务局.docx.json", "2019年/说明.txt.json", "errors.jsonl", "warnings.jsonl"]
    );
    let json: Value =
        serde_json::from_slice(&std::fs::read(out.join("2019年/石狮市商务局.docx.json")).unwrap()).unwrap();
    assert_eq!(json["source"]["name"], "2019年/石狮市商务局.docx");
    assert!(stdout.contains("converted 2, converted with warnings 0, unchanged 0, skipped 0 "), "{stdout}");
}

#[test]
fn unsafe_zip_names_stay_inside_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let md = b"# t\n\ntext\n";
    let names: [&[u8]; 7] = [
        b"../../escape.md",
        b"/etc/absolute.md",
        b"C:\\Windows\\drive.md",
        b"a/../../b/dots.md",
        b"nul\0byte.md",
        b"same.md",
        b"SAME.md",
    ];
    let entries: Vec<RawEntry> = names.iter().map(|n| RawEntry::stored(n, false, md)).collect();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("evil.zip"), raw_zip(&entries)).unwrap();
    let out = dir.path().join("deep/out");
    let (status, stdout) = batch(&input, &out, &[]);
    assert_eq!(status, 0, "{stdout}");
    assert_eq!(
        files_below(&out),
        [
            "errors.jsonl",
            "evil.zip/SAME.md.json",
            "evil.zip/Windows/drive.md.json",
            "evil.zip/b/dots.md.json",
            "evil.zip/escape.md.json",
            "evil.zip/etc/absolute.md.json",
            "evil.zip/nul_byte.md.json",
            "evil.zip/same.md~2.json",
            "warnings.jsonl",
        ]
    );
    // Nothing next to the output folder or the input.
    assert_eq!(files_below(dir.path()).len(), files_below(&out).len() + 1);
}

#[test]
fn outputs_are_byte_identical_across_thread_counts() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    for (i, sample) in std::fs::read_dir("samples").unwrap().enumerate() {
        let path = sample.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".docx") || name.ends_with(".md") {
            let target = input.join(format!("{}/{name}", 2019 + i % 2));
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(&path, target).unwrap();
        }
    }
    std::fs::write(input.join("bad.docx"), b"PK\x03\x04 broken").unwrap();
    let read_all = |out: &Path| -> Vec<(String, Vec<u8>)> {
        files_below(out).into_iter().map(|f| (f.clone(), std::fs::read(out.join(&f)).unwrap())).collect()
    };
    let one = dir.path().join("j1");
    let two = dir.path().join("j2");
    let (status, _) = govdoc()
        .arg("batch")
        .arg(&input)
        .arg("-o")
        .arg(&one)
        .args(["-j", "1", "--summary"])
        .arg(dir.path().join("s1.csv"))
        .output()
        .map(|o| (o.status.code(), ()))
        .unwrap();
    assert_eq!(status, Some(1));
    let (status, _) = govdoc()
        .arg("batch")
        .arg(&input)
        .arg("-o")
        .arg(&two)
        .args(["-j", "2", "--summary"])
        .arg(dir.path().join("s2.csv"))
        .output()
        .map(|o| (o.status.code(), ()))
        .unwrap();
    assert_eq!(status, Some(1));
    let (a, b) = (read_all(&one), read_all(&two));
    assert!(a.len() > 10, "{}", a.len());
    assert_eq!(a, b);
    let (s1, s2) =
        (std::fs::read(dir.path().join("s1.csv")).unwrap(), std::fs::read(dir.path().join("s2.csv")).unwrap());
    assert_eq!(s1, s2, "summary CSV identical too");
    let csv = String::from_utf8(s1).unwrap();
    let sources: Vec<&str> = csv.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert!(!sources.is_empty());
    assert!(sources.windows(2).all(|w| w[0] < w[1]), "rows sorted by source: {sources:?}");
}

#[test]
fn usage_errors_exit_with_2() {
    let dir = tempfile::tempdir().unwrap();
    govdoc().args(["batch", "samples"]).assert().code(2); // no -o
    govdoc().args(["batch", "samples", "-o"]).arg(dir.path()).args(["-j", "0"]).assert().code(2);
    govdoc().args(["batch", "no-such-folder", "-o"]).arg(dir.path()).assert().code(2);
    let out = govdoc().args(["batch", corpus::SAMPLE_DOCX, "-o"]).arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("govdoc convert"));
}

#[test]
fn all_converted_exits_0_and_verbose_lists_each_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(corpus::SAMPLE_MD, input.join("a.md")).unwrap();
    std::fs::write(input.join("photo.jpg"), "x").unwrap();
    let out =
        govdoc().arg("batch").arg(&input).arg("-o").arg(dir.path().join("out")).arg("--verbose").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("converted  a.md"), "{stderr}");
    assert!(stderr.contains("skipped    photo.jpg: not a document govdoc reads (.jpg)"), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("converted 1, converted with warnings 0, unchanged 0, skipped 1 (not documents), failed 0"),
        "{stdout}"
    );
    assert!(stdout.contains("reports recognized 1, incomplete 0, with failed checks "), "{stdout}");
    assert!(stdout.contains("files/s"), "{stdout}");
}

/// warnings.jsonl as (source, code) pairs; checks each line's shape.
fn warnings(out: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(out.join("warnings.jsonl")).unwrap();
    text.lines()
        .map(|line| {
            let value: Value = serde_json::from_str(line).unwrap();
            let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
            assert_eq!(keys, ["code", "message", "page", "source"], "{line}");
            (value["source"].as_str().unwrap().to_string(), value["code"].as_str().unwrap().to_string())
        })
        .collect()
}

/// A report whose tables are not all there converts, but is counted apart:
/// "converted with warnings", its warnings in warnings.jsonl (kept on a
/// resumed run), "incomplete" among the reports, `complete` false in the
/// summary CSV; `--strict` makes that exit status 1.
#[test]
fn files_with_warnings_are_counted_and_listed_apart() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(corpus::SAMPLE_DOCX, input.join("whole.docx")).unwrap();
    std::fs::copy("samples/rl-gbk-euc.pdf", input.join("partial.pdf")).unwrap();
    let out = dir.path().join("out");
    let csv = dir.path().join("stats.csv");
    let (status, stdout) = batch(&input, &out, &["--summary", csv.to_str().unwrap()]);
    assert_eq!(status, 0, "warnings alone do not fail a batch: {stdout}");
    assert!(stdout.contains("converted 1, converted with warnings 1 (see "), "{stdout}");
    assert!(stdout.contains("reports recognized 2, incomplete 1, with failed checks 0"), "{stdout}");
    let listed = warnings(&out);
    assert!(listed.iter().all(|(source, _)| source == "partial.pdf"), "{listed:?}");
    for code in ["report.table_incomplete", "report.table_missing"] {
        assert!(listed.iter().any(|(_, c)| c == code), "{code} in {listed:?}");
    }
    let summary = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = summary.lines().collect();
    assert!(lines[0].ends_with(",failed_checks,failed_rules,complete"), "{}", lines[0]);
    assert!(lines[1].starts_with("partial.pdf,") && lines[1].ends_with(",false"), "{}", lines[1]);
    assert!(lines[2].starts_with("whole.docx,") && lines[2].ends_with(",true"), "{}", lines[2]);

    let first = std::fs::read(out.join("warnings.jsonl")).unwrap();
    let (status, stdout) = batch(&input, &out, &["--strict"]);
    assert_eq!(status, 1, "--strict: {stdout}");
    assert!(stdout.contains("converted 0, converted with warnings 0 (see "), "{stdout}");
    assert!(stdout.contains("unchanged 2 (1 with warnings)"), "{stdout}");
    assert_eq!(std::fs::read(out.join("warnings.jsonl")).unwrap(), first, "a resumed run keeps the warnings");

    std::fs::remove_file(input.join("partial.pdf")).unwrap();
    let (status, stdout) = batch(&input, &out, &["--strict"]);
    assert_eq!(status, 0, "nothing left with warnings: {stdout}");
    assert!(warnings(&out).is_empty());
}

/// The summary CSV of 2019 and 2021 reports stacked: no cell holds a JSON
/// object (every statistic column is numbers or empty), and the failed
/// checks are named by rule id.
#[test]
fn summary_columns_hold_one_type_and_name_the_failed_rules() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    for name in ["report-2019-libreoffice.docx", "report-2021-distinct.docx", "report-check-errors.docx"] {
        std::fs::copy(Path::new("samples").join(name), input.join(name)).unwrap();
    }
    let out = dir.path().join("out");
    let csv = dir.path().join("stats.csv");
    let (status, stdout) = batch(&input, &out, &["--summary", csv.to_str().unwrap()]);
    assert_eq!(status, 0, "{stdout}");
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    for row in &rows {
        for (name, cell) in header.iter().zip(row.iter()) {
            assert!(!cell.starts_with('{') && !cell.starts_with('['), "{name}: {cell}");
            if name.starts_with("applications.") {
                assert!(cell.is_empty() || cell.parse::<i64>().is_ok(), "{name}: {cell:?}");
            }
        }
    }
    let rules = header.iter().position(|h| h == "failed_rules").unwrap();
    let count = header.iter().position(|h| h == "failed_checks").unwrap();
    let errors = rows.iter().find(|r| r[0].starts_with("report-check-errors")).unwrap();
    assert!(errors[count].parse::<usize>().unwrap() > 0);
    assert!(errors[rules].split(';').any(|r| r == "applications.balance"), "{}", &errors[rules]);
    let clean = rows.iter().find(|r| r[0].starts_with("report-2019")).unwrap();
    assert_eq!((&clean[count], &clean[rules]), ("0", ""));
}

/// Ctrl-C (SIGINT) during a batch: the files in progress finish, no
/// temporary file is left, the summary CSV and the logs are written for what
/// was done, the message says how much was done, and the exit status is 130.
#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly_and_reports_what_was_done() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let md = std::fs::read(corpus::SAMPLE_MD).unwrap();
    // Enough files that the batch is still running when the signal comes.
    const FILES: usize = 3000;
    for i in 0..FILES {
        std::fs::write(input.join(format!("r{i:04}.md")), &md).unwrap();
    }
    let out = dir.path().join("out");
    let csv = dir.path().join("stats.csv");
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("govdoc"))
        .arg("batch")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .args(["-j", "1", "--summary"])
        .arg(&csv)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Interrupt once the first outputs are there.
    let converted_so_far = || {
        let Ok(entries) = std::fs::read_dir(&out) else { return 0 };
        entries.filter_map(Result::ok).filter(|e| e.file_name().to_string_lossy().ends_with(".md.json")).count()
    };
    let result = common::interrupt_when(child, || converted_so_far() >= 3);
    let stderr = String::from_utf8(result.stderr).unwrap();
    let stdout = String::from_utf8(result.stdout).unwrap();
    assert_eq!(result.status.code(), Some(130), "{stderr}\n{stdout}");
    assert!(stderr.contains("interrupted: ") && stderr.contains(&format!("of {FILES} file(s) done")), "{stderr}");
    assert!(stdout.contains("converted "), "the totals so far: {stdout}");
    let outputs = files_below(&out);
    assert!(!outputs.iter().any(|f| f.ends_with(".tmp")), "no temporary file left: {outputs:?}");
    let converted = outputs.iter().filter(|f| f.ends_with(".md.json")).count();
    assert!(converted < FILES, "stopped before the end");
    let summary = std::fs::read_to_string(&csv).expect("the summary CSV of what was done");
    assert_eq!(summary.lines().count(), converted + 1, "one row per converted report");
    assert!(out.join("errors.jsonl").exists());
    for file in outputs.iter().filter(|f| f.ends_with(".md.json")) {
        let _: Value = serde_json::from_slice(&std::fs::read(out.join(file)).unwrap()).expect("whole JSON files");
    }
}
