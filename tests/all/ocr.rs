//! Scanned documents (issue 16): the samples of `samples/scan/` (made by
//! `samples/make_scan_samples.py` from the project's own report PDFs) read
//! by OCR. Without the engine, a scan fails with a message naming what to
//! install and a mixed document keeps its digital pages; with it (Tesseract
//! 5 + chi_sim on PATH, as `.ci/run` installs), every statistic of the
//! 300-dpi scan is exact, the 200-dpi noisy scan's wrong values are all
//! flagged, and each sample matches `golden/scan/` (when the engine's
//! version is the one the golden files were made with). The tests that need
//! the engine print a message and pass when it is absent.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use assert_cmd::Command;
use serde_json::Value;

const SCAN_300: &str = "samples/scan/scan-report-2021-mixed.pdf";
const SCAN_200: &str = "samples/scan/scan-report-2019-200-noisy.pdf";
const SCAN_TURNED: &str = "samples/scan/scan-report-2021-turned.pdf";

fn govdoc() -> Command {
    Command::cargo_bin("govdoc").unwrap()
}

/// The engine's version line, or None (with a message) when it is absent.
fn engine() -> Option<String> {
    match govdoc::pdf::ocr::engine::Tesseract::detect() {
        Ok(t) => Some(t.version),
        Err(e) => {
            eprintln!("skipped: no OCR engine ({})", e.message);
            None
        }
    }
}

/// A sample's output, converted once for all the tests of this program (a
/// scan's recognition takes seconds in a test build, and several tests read
/// the same scan): named by its file name and read from its folder, as
/// `govdoc golden` converts it, so the golden comparison below shares it.
fn convert(path: &str) -> &'static Value {
    type Once = &'static OnceLock<Value>;
    static CONVERTED: Mutex<BTreeMap<String, Once>> = Mutex::new(BTreeMap::new());
    let once: Once = *CONVERTED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(path.to_string())
        .or_insert_with(|| Box::leak(Box::new(OnceLock::new())));
    once.get_or_init(|| govdoc::golden::convert_sample(Path::new(path)).unwrap().to_json_value())
}

/// Every statistic of a report as (path, value), nulls left out.
fn statistics(report: &Value) -> Vec<(String, Value)> {
    fn walk(prefix: String, v: &Value, out: &mut Vec<(String, Value)>) {
        match v {
            Value::Object(map) => {
                for (k, x) in map {
                    walk(format!("{prefix}.{k}"), x, out);
                }
            }
            Value::Null => {}
            _ if prefix.ends_with("amount_unit") => {}
            other => out.push((prefix, other.clone())),
        }
    }
    let mut out = Vec::new();
    for table in ["proactive", "applications", "reviews"] {
        walk(table.to_string(), &report[table], &mut out);
    }
    out
}

/// The texts `source.ocr.low_confidence` lists.
fn low_confidence_texts(scan: &Value) -> Vec<String> {
    scan["source"]["ocr"]["low_confidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["text"].as_str().unwrap().to_string())
        .collect()
}

/// The statistics of `scan` that differ from those of the digital `original`.
fn wrong_values(scan: &Value, original: &Value) -> (usize, Vec<(String, Value, Value)>) {
    let truth = statistics(&original["report"]);
    let read: std::collections::HashMap<String, Value> = statistics(&scan["report"]).into_iter().collect();
    let wrong = truth
        .iter()
        .filter(|(k, v)| read.get(k) != Some(v))
        .map(|(k, v)| (k.clone(), v.clone(), read.get(k).cloned().unwrap_or(Value::Null)))
        .collect();
    (truth.len(), wrong)
}

#[test]
fn a_scan_without_the_engine_names_what_to_install() {
    let out = govdoc().env("GOVDOC_TESSERACT", "/nonexistent/tesseract").args(["convert", SCAN_200]).assert().code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("no text layer"), "{stderr}");
    assert!(stderr.contains("tesseract-ocr-chi-sim"), "{stderr}");
}

#[test]
fn ocr_never_leaves_a_scan_unread() {
    let out = govdoc().args(["--ocr", "never", "convert", SCAN_200]).assert().code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("no text layer") && stderr.contains("--ocr auto"), "{stderr}");
}

#[test]
fn a_mixed_document_without_the_engine_keeps_its_digital_pages() {
    let out = govdoc().env("GOVDOC_TESSERACT", "/nonexistent/tesseract").args(["convert", SCAN_300]).assert().success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("page 3: ocr.unavailable"), "{stderr}");
    let json: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert!(json["source"].get("ocr").is_none());
    assert_eq!(json["report"]["proactive"]["rules"]["issued"], 45);
}

#[test]
fn every_statistic_of_the_300_dpi_scan_is_exact() {
    if engine().is_none() {
        return;
    }
    let scan = convert(SCAN_300);
    let (total, wrong) = wrong_values(scan, convert("samples/report-2021-distinct.pdf"));
    assert!(total >= 190, "{total}");
    assert!(wrong.is_empty(), "{} of {total} wrong: {wrong:?}", wrong.len());
    assert_eq!(scan["source"]["ocr"]["pages"], serde_json::json!([3]));
    assert_eq!(scan["report"]["complete"], true);
    assert!(scan["report"]["checks"]["failed"].as_array().unwrap().is_empty());
    // The applications table runs from digital page 2 onto scanned page 3,
    // which repeats its header, with the cell "社会/公益/组织" of two spaced
    // characters a line (which the engine's block reading used to drop): the
    // scanned header is read cell for cell as the digital one, and dropped
    // as a repeat. One table, as in the digital version.
    let rejoined =
        scan["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "table.rejoined" && d["page"] == 3);
    let rejoined = rejoined.unwrap()["message"].as_str().unwrap();
    assert!(rejoined.contains("repeats the header") && rejoined.contains("社会公益组织"), "{rejoined}");
    let blocks = scan["blocks"].as_array().unwrap();
    let tables: Vec<&Value> = blocks.iter().filter(|b| b["kind"] == "table").collect();
    let digital = convert("samples/report-2021-distinct.pdf");
    let digital_tables: Vec<Value> = digital["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["kind"] == "table")
        .map(|t| serde_json::json!([t["pages"], t["rows"], t["cols"]]))
        .collect();
    let scan_tables: Vec<Value> =
        tables.iter().map(|t| serde_json::json!([t["pages"], t["rows"], t["cols"]])).collect();
    assert_eq!(scan_tables, digital_tables, "tables whole across pages as in the digital version");
    // Every block and cell read by OCR carries a confidence; the digital
    // pages' none.
    for block in blocks {
        let scanned = block["page"] == 3 || block["pages"] == serde_json::json!([3]);
        match block["kind"].as_str() {
            Some("table") => {
                for cell in block["cells"].as_array().unwrap() {
                    let text = cell["text"].as_str().unwrap();
                    let confidence = cell.get("confidence").and_then(Value::as_f64);
                    if block["pages"] == serde_json::json!([1]) || block["pages"] == serde_json::json!([2]) {
                        assert!(confidence.is_none(), "digital cell with a confidence: {cell}");
                    } else if scanned && !text.is_empty() {
                        assert!(confidence.is_some_and(|c| (0.0..=1.0).contains(&c)), "OCR cell without one: {cell}");
                    }
                }
            }
            _ if scanned => assert!(block["confidence"].as_f64().is_some_and(|c| c > 0.5), "{block}"),
            _ => assert!(block.get("confidence").is_none(), "{block}"),
        }
    }
    let joined = &tables.iter().find(|t| t["pages"] == serde_json::json!([2, 3])).unwrap()["cells"];
    let scanned_cells = joined.as_array().unwrap().iter().filter(|c| c.get("confidence").is_some()).count();
    assert!(scanned_cells > 50, "the rows from page 3 keep their confidences: {scanned_cells}");
}

#[test]
fn wrong_values_of_the_200_dpi_noisy_scan_are_flagged() {
    if engine().is_none() {
        return;
    }
    let scan = convert(SCAN_200);
    let original = convert("samples/report-2019-libreoffice.pdf");
    let (total, wrong) = wrong_values(scan, original);
    // The issue asks ≥ 99 %. Measured: 198 of 198 (196 before the cells
    // were smoothed as the page text is: "97" read as "8", a label read as
    // "本年增/碱").
    assert!((total - wrong.len()) * 100 >= total * 99, "{} of {total} wrong: {wrong:?}", wrong.len());
    let low = low_confidence_texts(scan);
    let unread = scan["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "ocr.unread_cell");
    let low_label = low.iter().any(|t| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    for (key, truth, read) in &wrong {
        // A wrong number is listed as low confidence itself; a missing one
        // comes from a cell with ink that was not read, or from a label read
        // with low confidence (its row or column then does not match: on
        // this sample "本年增/减" read as "本年增/碱" (0.43) loses fees.change).
        let flagged = match read {
            Value::Null => unread || low_label,
            v => low.contains(&v.to_string()),
        };
        assert!(flagged, "{key}: {truth} read as {read}, not flagged (low confidence: {low:?})");
    }
    // A wrong number makes checks fail; each names the doubtful read among
    // the values it compares, and the value stays as read.
    // (Measured: no value is wrong and no check fails; before, "97" read as
    // "8" failed two checks, each naming that read.)
    let failed = scan["report"]["checks"]["failed"].as_array().unwrap();
    let wrong_number = wrong.iter().any(|(_, _, read)| !read.is_null());
    assert!(!wrong_number || !failed.is_empty(), "a wrong number fails no check: {wrong:?}");
    for check in failed {
        let doubtful = check["doubtful"].as_array().unwrap_or_else(|| panic!("no doubtful value named: {check}"));
        for d in doubtful {
            let key = d["key"].as_str().unwrap();
            assert!(d["confidence"].as_f64().unwrap() < 0.8, "{d}");
            let path: Vec<&str> = key.split('.').collect();
            let value = path.iter().fold(&scan["report"], |v, k| &v[*k]);
            assert_eq!(value.to_string(), d["text"].as_str().unwrap(), "{key} is left as read");
        }
        assert!(
            wrong.iter().any(|(key, _, _)| doubtful.iter().any(|d| d["key"] == key.as_str())),
            "{check} names none of the wrong values {wrong:?}"
        );
    }
}

#[test]
fn scanned_samples_match_their_golden_files() {
    let Some(version) = engine() else { return };
    let golden = Path::new("golden/scan");
    let bless = std::env::var_os("GOVDOC_BLESS").is_some_and(|v| v == "1");
    if bless {
        govdoc::golden::bless_allowed().unwrap();
    } else {
        // The golden files record the engine they were made with; another
        // version reads a few characters differently.
        let recorded = std::fs::read_to_string(golden.join("scan-report-2021-mixed.pdf.json")).unwrap_or_default();
        if !recorded.contains(&format!("\"{version} chi_sim")) {
            eprintln!("skipped: golden/scan was made with another Tesseract than {version}");
            return;
        }
    }
    let samples_dir = Path::new("samples/scan");
    if bless {
        let results = govdoc::golden::check(samples_dir, golden, true).unwrap();
        assert!(results.iter().all(|r| r.passed()), "{results:?}");
        return;
    }
    // The outputs the other tests share, each against its golden file.
    let samples = govdoc::golden::sample_files(samples_dir).unwrap();
    assert!(!samples.is_empty(), "no scanned samples found");
    let mut failures = Vec::new();
    for sample in &samples {
        let golden_file = govdoc::golden::golden_path(golden, sample);
        let Ok(text) = std::fs::read_to_string(&golden_file) else {
            failures.push(format!("{}: no golden file", sample.display()));
            continue;
        };
        let expected: Value = serde_json::from_str(&text).unwrap();
        let differences = govdoc::golden::diff(&expected, convert(&sample.to_string_lossy()));
        if !differences.is_empty() {
            let shown: Vec<String> = differences.iter().take(8).map(|d| d.to_string()).collect();
            failures.push(format!(
                "{}: {} difference(s)\n    {}",
                sample.display(),
                differences.len(),
                shown.join("\n    ")
            ));
        }
    }
    for entry in std::fs::read_dir(golden).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json")
            && !samples.iter().any(|s| govdoc::golden::golden_path(golden, s) == path)
        {
            failures.push(format!("{}: a golden file without a sample", path.display()));
        }
    }
    assert!(failures.is_empty(), "{} scanned sample(s) differ from golden:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_ocr_mode_is_chosen_per_conversion() {
    // The process's default stays Auto; one call asks for no OCR.
    let never = govdoc::Options { ocr: govdoc::OcrMode::Never, ..govdoc::Options::default() };
    assert_eq!(govdoc::Options::default().ocr, govdoc::OcrMode::Auto);
    let error = govdoc::convert_path_with(SCAN_200, &never).unwrap_err();
    assert_eq!(error.code, govdoc::ErrorCode::NoTextLayer);
    assert!(error.message.contains("--ocr auto"), "{}", error.message);
    // The mixed document keeps its digital pages and reads none by OCR.
    let mixed = govdoc::convert_path_with(SCAN_300, &never).unwrap().to_json_value();
    assert!(mixed["source"].get("ocr").is_none());
    let diagnostics = mixed["diagnostics"].as_array().unwrap();
    assert!(diagnostics.iter().all(|d| d["code"] != "ocr.unavailable"), "Never is not a missing engine");
    assert!(diagnostics.iter().any(|d| d["code"] == "pdf.page_without_text" && d["page"] == 3));
    // A web page's picture of a table follows the call's mode too.
    for page in ["samples/scan/html-image-table-png.mht", "samples/scan/html-image-table-folder.html"] {
        let output = govdoc::convert_path_with(page, &never).unwrap().to_json_value();
        assert!(output["source"].get("ocr").is_none(), "{page}");
        let unread = output["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "html.image_table");
        assert!(unread.is_some_and(|d| d["message"].as_str().unwrap().contains("OCR is turned off")), "{page}");
    }
}

/// A saved page converted by its path reads the picture in the folder beside
/// it ("Save page as… complete"); the same page without that folder says the
/// picture is missing, and never reads a file outside its own folder.
#[test]
fn a_saved_page_reads_its_picture_from_its_folder_only() {
    let dir = tempfile::tempdir().unwrap();
    let page = std::fs::read_to_string("samples/scan/html-image-table-folder.html").unwrap();
    let alone = dir.path().join("alone.html");
    std::fs::write(&alone, &page).unwrap();
    // The picture exists, but one folder up from a page that climbs to it.
    let inner = dir.path().join("inner");
    std::fs::create_dir(&inner).unwrap();
    std::fs::copy("samples/scan/html-image-table-folder_files/table.png", dir.path().join("table.png")).unwrap();
    let climbing = inner.join("climbing.html");
    std::fs::write(&climbing, page.replace("html-image-table-folder_files/table.png", "../table.png")).unwrap();
    for (path, why) in [(&alone, "is missing"), (&climbing, "out of the page's folder")] {
        let output = govdoc::convert_path(path).unwrap().to_json_value();
        assert!(output["source"].get("ocr").is_none());
        let missing = output["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "html.image_missing");
        let message = missing.map(|d| d["message"].as_str().unwrap().to_string()).unwrap_or_default();
        assert!(message.contains(why), "{}: {message}", path.display());
        assert_eq!(missing.unwrap()["level"], "warning");
    }
    if engine().is_none() {
        eprintln!("skipped the reading: tesseract is not installed");
        return;
    }
    let output = govdoc::convert_path("samples/scan/html-image-table-folder.html").unwrap().to_json_value();
    assert_eq!(output["source"]["ocr"]["images"], serde_json::json!(["html-image-table-folder_files/table.png"]));
    let cells: Vec<&str> =
        output["blocks"][2]["cells"].as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap()).collect();
    for expected in ["规章", "行政规范性文件", "12", "256"] {
        assert!(cells.contains(&expected), "{expected} not in {cells:?}");
    }
}

#[test]
fn a_batch_reads_a_saved_page_s_picture_from_its_folder_as_convert_does() {
    // The page with its `_files` folder, and a copy of it alone: a batch
    // finds the first one's picture (whatever the engine then makes of it)
    // and says the second one's is missing, as `convert` does.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let pictures = input.join("html-image-table-folder_files");
    std::fs::create_dir_all(&pictures).unwrap();
    std::fs::copy("samples/scan/html-image-table-folder.html", input.join("html-image-table-folder.html")).unwrap();
    std::fs::copy("samples/scan/html-image-table-folder_files/table.png", pictures.join("table.png")).unwrap();
    std::fs::create_dir(input.join("other")).unwrap();
    std::fs::copy("samples/scan/html-image-table-folder.html", input.join("other/alone.html")).unwrap();
    let out = dir.path().join("out");
    let summary = govdoc::batch::run(&input, &out, &govdoc::batch::Options::default(), &|_| {}).unwrap();
    assert_eq!(summary.failed, 0);
    let read = |name: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(out.join(name)).unwrap()).unwrap()
    };
    let missing = |output: &serde_json::Value| {
        output["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "html.image_missing")
    };
    assert!(!missing(&read("html-image-table-folder.html.json")), "the batch did not look in the page's folder");
    assert!(missing(&read("other/alone.html.json")));
    if engine().is_some() {
        let output = read("html-image-table-folder.html.json");
        assert_eq!(output["source"]["ocr"]["images"], serde_json::json!(["html-image-table-folder_files/table.png"]));
    }
}

#[test]
fn a_misread_column_header_is_a_warning_and_the_report_incomplete() {
    // The proactive table as a scan reads it when one header label comes out
    // wrong: "本年增/减" as "本年增/碱" (seen on the 200-dpi sample).
    let digital = govdoc::convert_path("samples/report-2019-libreoffice.pdf").unwrap().document;
    let mut blocks = digital.blocks.clone();
    let mut misread = 0;
    for block in &mut blocks {
        if let govdoc::Block::Table(t) = block {
            for cell in &mut t.cells {
                if cell.text == "本年增/减" {
                    cell.text = "本年增/碱".into();
                    misread += 1;
                }
            }
        }
    }
    assert!(misread > 0, "the sample's proactive table has 本年增/减 headers");
    let (report, diagnostics) = govdoc::report::recognize(digital.title.as_deref(), &blocks, &[]);
    let report = report.unwrap();
    let warning = diagnostics.iter().find(|d| d.code == "report.column_unmatched");
    let warning = warning.unwrap_or_else(|| panic!("no warning: {diagnostics:#?}"));
    assert!(warning.message.contains("proactive") && warning.message.contains("本年增/碱"), "{}", warning.message);
    assert!(!report.complete);
    // Read by OCR (the cells carry a confidence), the label is the one
    // template label a character away: taken for it, and said.
    for block in &mut blocks {
        if let govdoc::Block::Table(t) = block {
            for cell in &mut t.cells {
                cell.confidence = Some(if cell.text == "本年增/碱" { 0.43 } else { 0.95 });
            }
        }
    }
    let (report, diagnostics) = govdoc::report::recognize(digital.title.as_deref(), &blocks, &[]);
    let report = report.unwrap();
    let repaired = diagnostics.iter().find(|d| d.code == "report.label_repaired");
    let repaired = repaired.unwrap_or_else(|| panic!("not repaired: {diagnostics:#?}"));
    assert!(
        repaired.message.contains("\"本年增/碱\"") && repaired.message.contains("\"本年增/减\""),
        "{}",
        repaired.message
    );
    assert!(diagnostics.iter().all(|d| d.code != "report.column_unmatched"), "{diagnostics:#?}");
    assert!(report.complete);
    assert_eq!(report.values().collect::<Vec<_>>(), digital.report.as_ref().unwrap().values().collect::<Vec<_>>());
}

#[test]
fn pages_scanned_sideways_or_upside_down_are_read_upright() {
    if engine().is_none() {
        return;
    }
    // A landscape print whose pages 5-7 were scanned turned: page 5's image
    // a quarter anticlockwise, page 6's a quarter clockwise (each on a
    // portrait page), page 7 upside down.
    let scan = convert(SCAN_TURNED);
    assert_eq!(scan["source"]["ocr"]["pages"], serde_json::json!([5, 6, 7]));
    let diagnostics = scan["diagnostics"].as_array().unwrap();
    let turned = |page: u64| -> String {
        diagnostics
            .iter()
            .find(|d| d["code"] == "ocr.page_turned" && d["page"] == page)
            .map_or_else(|| panic!("page {page} not said to be turned"), |d| d["message"].as_str().unwrap().to_string())
    };
    assert!(turned(5).contains("quarter turn clockwise"), "{}", turned(5));
    assert!(turned(6).contains("quarter turn anticlockwise"), "{}", turned(6));
    assert!(turned(7).contains("upside down"), "{}", turned(7));
    // The applications table starts on scanned page 5 and ends on digital
    // page 8: one table across the turned pages, as in the digital print.
    let blocks = scan["blocks"].as_array().unwrap();
    let applications = blocks
        .iter()
        .find(|b| b["kind"] == "table" && b["pages"].as_array().unwrap().contains(&serde_json::json!(5)))
        .unwrap();
    assert_eq!(applications["pages"], serde_json::json!([5, 6, 7, 8]));
    // Its statistics are those of the digital report, but for values read
    // with low confidence and listed as such.
    let original = convert("samples/report-2021-distinct.pdf");
    let (_, wrong) = wrong_values(scan, original);
    let low = low_confidence_texts(scan);
    let applications_wrong: Vec<&(String, Value, Value)> =
        wrong.iter().filter(|(key, _, _)| key.starts_with("applications.")).collect();
    assert!(applications_wrong.len() <= 2, "{applications_wrong:?}");
    let unread = diagnostics.iter().any(|d| d["code"] == "ocr.unread_cell");
    let low_text = low.iter().any(|t| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    for (key, truth, read) in applications_wrong {
        // A wrong number is listed as low confidence; a missing one comes
        // from a cell with ink in which nothing was read, or read as text
        // with low confidence (on this sample a "1" read as "工", 0.00).
        let flagged = if read.is_null() { unread || low_text } else { low.contains(&read.to_string()) };
        assert!(flagged, "{key}: {truth} read as {read}, not flagged");
    }
}

/// A scanned page left unread because the engine is missing may hold a
/// report's tables or values, as one left unread by the page limit: the
/// report is not complete. Through the engine seam (no Tesseract either
/// way): every page of a complete digital report offered to OCR (`always`)
/// with no engine keeps its text layer and every statistic, and still the
/// report says it is not complete, with an `ocr.unavailable` warning per page.
#[test]
fn pages_left_unread_for_want_of_the_engine_make_a_report_incomplete() {
    let bytes = std::fs::read("samples/report-2019-libreoffice.pdf").unwrap();
    let convert = |ocr| {
        let options = govdoc::Options { ocr, ..govdoc::Options::default() };
        let missing = govdoc::Error::new(govdoc::ErrorCode::NoTextLayer, "no OCR engine in this test".to_string());
        govdoc::convert_bytes_with_engine(&bytes, "report.pdf", &options, Err(missing)).unwrap().document
    };
    let read = convert(govdoc::OcrMode::Never);
    let report = read.report.as_ref().expect("a report");
    assert!(report.complete);
    let unread = convert(govdoc::OcrMode::Always);
    let partial = unread.report.as_ref().expect("a report");
    assert!(!partial.complete, "scanned pages were left unread");
    assert_eq!(partial.values().collect::<Vec<_>>(), report.values().collect::<Vec<_>>());
    let warned: Vec<Option<u32>> =
        unread.diagnostics.iter().filter(|d| d.code == "ocr.unavailable").map(|d| d.page).collect();
    assert_eq!(warned, [Some(1), Some(2), Some(3)]);
}

/// A batch user sees it: without the engine, the report whose pages were
/// left unread is counted "incomplete" in the summary line and `complete`
/// false in the summary CSV (the engine named by GOVDOC_TESSERACT is
/// missing, so this runs the same with or without Tesseract installed).
#[test]
fn a_batch_counts_a_report_with_unread_scanned_pages_as_incomplete() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy("samples/report-2019-libreoffice.pdf", input.join("report.pdf")).unwrap();
    let run = |ocr: &str, out: &str| {
        let csv = dir.path().join(format!("{out}.csv"));
        let result = govdoc()
            .env("GOVDOC_TESSERACT", "/nonexistent/tesseract")
            .args(["--ocr", ocr, "batch"])
            .arg(&input)
            .arg("-o")
            .arg(dir.path().join(out))
            .arg("--summary")
            .arg(&csv)
            .output()
            .unwrap();
        assert_eq!(result.status.code(), Some(0), "{}", String::from_utf8_lossy(&result.stderr));
        let summary = std::fs::read_to_string(csv).unwrap();
        (String::from_utf8(result.stdout).unwrap(), summary.lines().nth(1).unwrap().to_string())
    };
    let (stdout, row) = run("auto", "auto");
    assert!(stdout.contains("reports recognized 1, incomplete 0,"), "{stdout}");
    assert!(row.starts_with("report.pdf,") && row.ends_with(",true"), "{row}");
    let (stdout, row) = run("always", "always");
    assert!(stdout.contains("converted with warnings 1"), "{stdout}");
    assert!(stdout.contains("reports recognized 1, incomplete 1,"), "{stdout}");
    assert!(row.starts_with("report.pdf,") && row.ends_with(",false"), "{row}");
}

const SCAN_FAX: &str = "samples/scan/scan-report-2019-fax.pdf";
/// A grey page scan stored as JPEG 2000 (OpenJPEG through Pillow, wrapped by
/// img2pdf: samples/make_jpx_sample.py).
const SCAN_JPX: &str = "samples/jpx/scan-page-jpx.pdf";
/// A real scanner's JBIG2 page (Xerox WorkCentre 5030, with /JBIG2Globals,
/// an /ImageMask) from pdfminer.six's samples, in the shared corpora.
const SCAN_JBIG2: &str = "../shared/corpora/pdf-text/pdfs/pdfminer__samples__contrib__pdf-with-jbig2.pdf";

/// The part of page `number` of `path` that `placement` (x0, top, x1,
/// bottom in points) covers, as `pdftoppm` renders it in grey at the
/// resolution that gives it `size` pixels, or None (with a message) when
/// poppler is not installed.
fn pdftoppm_grey(
    path: &str,
    number: u32,
    placement: [f32; 4],
    (width, height): (usize, usize),
) -> Option<govdoc::pdf::ocr::raster::Raster> {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("page");
    let dpi = width as f64 / f64::from(placement[2] - placement[0]) * 72.0;
    let (x, y) = (f64::from(placement[0]) * dpi / 72.0, f64::from(placement[1]) * dpi / 72.0);
    let n = number.to_string();
    let (r, x, y) = (format!("{dpi:.4}"), format!("{}", x.round()), format!("{}", y.round()));
    let (w, h) = (width.to_string(), height.to_string());
    let args = ["-gray", "-f", &n, "-l", &n, "-r", &r, "-x", &x, "-y", &y, "-W", &w, "-H", &h, "-singlefile", path];
    match std::process::Command::new("pdftoppm").args(args).arg(&root).status() {
        Ok(status) if status.success() => {}
        other => {
            eprintln!("skipped: pdftoppm cannot render {path} ({other:?})");
            return None;
        }
    }
    govdoc::pdf::ocr::raster::parse_pnm(&std::fs::read(root.with_extension("pgm")).unwrap())
}

/// The share of the ink (pixels below 192: pdftoppm draws a thin line of
/// an image mask half grey) of each image that has no ink
/// within `reach` pixels in the other: renderers place a bilevel image's
/// pixels on their grid to within a pixel or two, so a good decoding
/// differs from pdftoppm's by little; a wrong one (inverted, shifted rows,
/// blank) by most of its ink.
fn unmatched_ink(
    a: &govdoc::pdf::ocr::raster::Raster,
    b: &govdoc::pdf::ocr::raster::Raster,
    reach: usize,
) -> (f64, f64) {
    assert_eq!((a.width, a.height, a.channels), (b.width, b.height, b.channels));
    let (w, h) = (a.width, a.height);
    let ink = |r: &govdoc::pdf::ocr::raster::Raster, x: usize, y: usize| r.data[y * w + x] < 192;
    let near = |r: &govdoc::pdf::ocr::raster::Raster, x: usize, y: usize| {
        let (ys, xs) =
            (y.saturating_sub(reach)..(y + reach + 1).min(h), x.saturating_sub(reach)..(x + reach + 1).min(w));
        ys.into_iter().any(|yy| xs.clone().any(|xx| ink(r, xx, yy)))
    };
    let share = |from: &govdoc::pdf::ocr::raster::Raster, to: &govdoc::pdf::ocr::raster::Raster| {
        let (mut inked, mut missed) = (0usize, 0usize);
        for y in 0..h {
            for x in 0..w {
                if ink(from, x, y) {
                    inked += 1;
                    missed += usize::from(!near(to, x, y));
                }
            }
        }
        assert!(inked * 1000 > w * h, "a page of text has ink: {inked} of {} pixels", w * h);
        missed as f64 / inked as f64
    };
    (share(a, b), share(b, a))
}

/// Each page's scan taken from the file by govdoc's own decoders (CCITT
/// Group 4, Group 3 2D with /BlackIs1 and EOLs, Group 3 1D byte-aligned;
/// JBIG2 with globals as an image mask) — not rendered — and its pixels as
/// pdftoppm draws the page at the image's size.
#[test]
fn ccitt_and_jbig2_scans_are_decoded_as_pdftoppm_renders_them() {
    use govdoc::pdf::ocr::source::{self, Taken};
    let mut cases = vec![(SCAN_FAX, 1, "CCITTFax"), (SCAN_FAX, 2, "CCITTFax"), (SCAN_FAX, 3, "CCITTFax")];
    if Path::new(SCAN_JBIG2).is_file() {
        // A page with /Rotate 270: the scan is taken turned as shown.
        cases.push((SCAN_JBIG2, 1, "JBIG2"));
    } else {
        eprintln!("JBIG2 case skipped: {SCAN_JBIG2} is missing");
    }
    for (path, number, kind) in cases {
        let bytes = std::fs::read(path).unwrap();
        let pdf = govdoc::pdf::document::PdfDocument::open(&bytes).unwrap();
        let (page, _) = pdf.page(number as usize - 1).unwrap();
        let Taken::Decoded(image, None) = source::from_file(&pdf, &page).unwrap() else {
            panic!(
                "{path} page {number}: its scan is not decoded from the file: {:?}",
                source::from_file(&pdf, &page).map(|t| format!("{t:?}").chars().take(300).collect::<String>())
            )
        };
        assert!(image.origin.starts_with(&format!("{kind} image")), "{}", image.origin);
        let size = (image.raster.width, image.raster.height);
        let Some(rendered) = pdftoppm_grey(path, number, image.placement, size) else { return };
        let (ours, theirs) = unmatched_ink(&image.raster, &rendered, 1);
        eprintln!("{path} page {number}: {ours:.4} of our ink and {theirs:.4} of pdftoppm's unmatched");
        assert!(ours < 0.01 && theirs < 0.01, "{path} page {number}: {ours:.4} / {theirs:.4}");
    }
}

/// A JPEG 2000 scan is decoded in-process (hayro-jpeg2000), not rendered:
/// its pixels are those poppler's own decoder (OpenJPEG, through
/// `pdfimages`: pdftoppm draws the same pixels, resampled to the page) gives,
/// to within rounding — two decoders of one lossy codestream, each with its
/// own floating-point wavelet. (Without poppler, the test says so and passes.)
#[test]
fn a_jpeg_2000_scan_is_decoded_as_poppler_decodes_it() {
    use govdoc::pdf::ocr::source::{self, Taken};
    let bytes = std::fs::read(SCAN_JPX).unwrap();
    let pdf = govdoc::pdf::document::PdfDocument::open(&bytes).unwrap();
    let (page, _) = pdf.page(0).unwrap();
    let Taken::Decoded(image, None) = source::from_file(&pdf, &page).unwrap() else {
        panic!("{SCAN_JPX}: its scan is not decoded from the file")
    };
    assert_eq!(image.origin, "JPX image 827×1170 in the file");
    assert_eq!(image.raster.channels, 1, "a grey JP2 stays grey");
    let size = (image.raster.width, image.raster.height);
    // img2pdf sizes the page by the image at 100 dpi (827 × 1170 px: A4).
    assert_eq!(image.placement, [0.0, 0.0, 595.44, 842.4], "the image covers the page");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("image");
    let extracted = std::process::Command::new("pdfimages").args(["-f", "1", "-l", "1", SCAN_JPX]).arg(&root).status();
    if !extracted.is_ok_and(|s| s.success()) {
        eprintln!("skipped: pdfimages (poppler-utils) cannot extract the image of {SCAN_JPX}");
        return;
    }
    let file = std::fs::read_dir(dir.path()).unwrap().next().unwrap().unwrap().path();
    let theirs = govdoc::pdf::ocr::raster::parse_pnm(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!((theirs.width, theirs.height), size);
    let grey: Vec<u8> = theirs.data.iter().step_by(theirs.channels).copied().collect();
    let differences: Vec<u8> = image.raster.data.iter().zip(&grey).map(|(&a, &b)| a.abs_diff(b)).collect();
    let off = differences.iter().filter(|&&d| d > 1).count();
    let largest = differences.iter().copied().max().unwrap_or(0);
    eprintln!("{SCAN_JPX}: {off} of {} pixels differ from OpenJPEG's by more than 1, at most {largest}", grey.len());
    assert!(off * 1000 < grey.len() && largest <= 8, "{off} pixels off by more than 1, at most {largest}");
}

/// An engine that reads one word on each page it is given (and nothing in
/// cells): the tests of where a scan comes from need no Tesseract.
struct ReadsOneWord;

impl govdoc::pdf::ocr::engine::Engine for ReadsOneWord {
    fn describe(&self) -> String {
        "a stand-in that reads one word a page".into()
    }

    fn read(
        &self,
        images: &[govdoc::pdf::ocr::raster::Gray],
        _dpi: u32,
        mode: govdoc::pdf::ocr::engine::Mode,
    ) -> govdoc::Result<Vec<Vec<govdoc::pdf::ocr::engine::Word>>> {
        let word = crate::common::stand_in_word();
        let page = mode == govdoc::pdf::ocr::engine::Mode::Page;
        Ok(images.iter().map(|_| if page { vec![word.clone()] } else { Vec::new() }).collect())
    }
}

/// A scan govdoc does not decode (CMYK) or whose data is damaged (CCITT
/// data that is not fax code) is rendered by pdftoppm instead, and a
/// diagnostic says so: info for the one, warning for the other.
#[test]
fn a_scan_not_decoded_is_rendered_and_said() {
    if std::process::Command::new("pdftoppm").arg("-v").output().is_err() {
        eprintln!("skipped: pdftoppm is not installed");
        return;
    }
    // The ocr fuzz target's one-page scanned PDFs: filter, colour space,
    // width and height (little-endian), then the stream.
    let cases = [
        ([2u8, 3, 8, 0, 8, 0], vec![0x40u8; 8 * 8 * 4], "ocr.image_rendered", govdoc::Level::Info),
        ([5u8, 2, 8, 0, 8, 0], vec![0u8; 16], "ocr.image_damaged", govdoc::Level::Warning),
    ];
    for (header, stream, code, level) in cases {
        // A one-inch page: rendered at 300 dpi it is 300 pixels square (A4
        // would be 8.7 M pixels to clean and search for tables).
        let pdf = crate::fuzz_ocr::image_pdf_on_page(&[&header[..], &stream].concat(), [72, 72]);
        let options = govdoc::Options::default();
        let output = govdoc::convert_bytes_with_engine(&pdf, "scan.pdf", &options, Ok(Box::new(ReadsOneWord))).unwrap();
        let diagnostics = &output.document.diagnostics;
        let said = diagnostics.iter().find(|d| d.code == code).unwrap_or_else(|| panic!("no {code}: {diagnostics:#?}"));
        assert_eq!(said.level, level);
        assert!(said.message.contains("rendered by pdftoppm"), "{}", said.message);
        let page = diagnostics.iter().find(|d| d.code == "ocr.page").unwrap();
        assert!(page.message.contains("page rendered at 300 dpi by pdftoppm"), "{}", page.message);
    }
}

/// The text of the paragraphs, headings and title of `pages` (in order),
/// white space removed and full-width forms folded to their ASCII twins
/// (the engine writes "(" for "（"; NFKC's width folding).
fn paragraph_text(document: &Value, pages: &[u64]) -> Vec<char> {
    let mut out = Vec::new();
    for &page in pages {
        for block in document["blocks"].as_array().unwrap() {
            if block["page"] == page
                && ["paragraph", "heading", "title"].contains(&block["kind"].as_str().unwrap_or(""))
            {
                let text = block["text"].as_str().unwrap();
                out.extend(text.chars().filter(|c| !c.is_whitespace()).map(|c| match c {
                    '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                    other => other,
                }));
            }
        }
    }
    out
}

/// Character accuracy: 1 − edit distance / characters of the truth.
fn character_accuracy(truth: &[char], read: &[char]) -> f64 {
    let mut previous: Vec<usize> = (0..=read.len()).collect();
    for (i, t) in truth.iter().enumerate() {
        let mut current = vec![i + 1; read.len() + 1];
        for (j, r) in read.iter().enumerate() {
            current[j + 1] = (previous[j + 1] + 1).min(current[j] + 1).min(previous[j] + usize::from(t != r));
        }
        previous = current;
    }
    1.0 - previous[read.len()] as f64 / truth.len().max(1) as f64
}

/// Paragraph text read by OCR against the digital original's, page for
/// page: at least 98 % of characters at 200 dpi with noise (the issue's
/// bar), 99 % at 300 dpi and on the bilevel fax. Measured: 100 % each
/// (97.6 %, 99.1 % and 98.2 % before the page text was smoothed,
/// `Settings::smoothing_mm`, a large title's strokes were no longer taken
/// for rulings — blanked out, they maimed the fax's title — and large type
/// was read again at the text's size, `Settings::large_type_ratio`).
#[test]
fn paragraph_text_of_the_scans_is_read_to_the_character() {
    if engine().is_none() {
        return;
    }
    let cases = [
        (SCAN_200, "samples/report-2019-libreoffice.pdf", &[1, 2][..], &[2, 3][..], 0.98),
        (SCAN_300, "samples/report-2021-distinct.pdf", &[3][..], &[3][..], 0.99),
        (SCAN_FAX, "samples/report-2019-libreoffice.pdf", &[1, 2, 3][..], &[1, 2, 3][..], 0.99),
    ];
    // The fax's 22 pt title, its strokes once blanked as rulings and then
    // read at its own size as "青州市目然#资源…", is read whole, and the
    // report's agency with it.
    let (fax, original) = (convert(SCAN_FAX), convert("samples/report-2019-libreoffice.pdf"));
    assert_eq!(fax["title"], original["title"]);
    assert_eq!(fax["report"]["agency"], original["report"]["agency"]);
    for (scan, digital, scanned_pages, digital_pages, bar) in cases {
        let truth = paragraph_text(convert(digital), digital_pages);
        let read = paragraph_text(convert(scan), scanned_pages);
        assert!(truth.len() > 100, "{digital}: {} characters", truth.len());
        let accuracy = character_accuracy(&truth, &read);
        eprintln!("{scan}: {:.4} of {} characters", accuracy, truth.len());
        assert!(
            accuracy >= bar,
            "{scan}: {accuracy:.4}\n{}\n{}",
            truth.iter().collect::<String>(),
            read.iter().collect::<String>()
        );
    }
}

/// A long table published as two pictures one below the other
/// (samples/scan/html-image-table-parts.mht: the proactive-disclosure table
/// of report-2021-distinct.pdf rendered by pdftoppm at 96 dpi, cut inside
/// its 第二十条第（六）项 block, each part a picture in its own table, archived
/// by Chromium) is one table of two parts: the rebuild stage rejoins the
/// pictures' tables across the edge between them as across a page end, and
/// the report reads values from both parts of that one table.
#[test]
fn a_table_cut_into_two_pictures_is_one_table() {
    if engine().is_none() {
        return;
    }
    let output = convert("samples/scan/html-image-table-parts.mht");
    let tables: Vec<&Value> = output["blocks"].as_array().unwrap().iter().filter(|b| b["kind"] == "table").collect();
    assert_eq!(tables.len(), 1, "{:?}", output["diagnostics"]);
    assert_eq!((tables[0]["parts"].as_u64(), tables[0]["rows"].as_u64()), (Some(2), Some(14)));
    let rejoined = output["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "table.rejoined");
    let message = rejoined.map(|d| d["message"].as_str().unwrap()).unwrap_or_default();
    assert!(message.contains("the edge between two pictures"), "{message}");
    let proactive = &output["report"]["proactive"];
    // 45 is read from the first picture, 50 and 12.35 from the second.
    assert_eq!(proactive["rules"]["issued"], 45);
    assert_eq!(proactive["coercive_measures"]["decisions"], 50);
    assert_eq!(proactive["fees"]["amount"], 12.35);
    assert_eq!(
        output["source"]["ocr"]["images"],
        serde_json::json!(["file:///samples/part1.png", "file:///samples/part2.png"])
    );
}
