//! The `govdoc` command as a user meets it: exit statuses, error codes and
//! messages on bad input, output files, determinism.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const SAMPLE: &str = "samples/seed-shishi-commerce-2019.docx";

fn govdoc() -> Command {
    Command::cargo_bin("govdoc").unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Runs `govdoc convert` on `path`; returns (exit status, stderr).
fn convert_failure(path: &Path) -> (i32, String) {
    let out = govdoc().arg("convert").arg(path).output().unwrap();
    assert!(out.stdout.is_empty(), "no JSON on failure");
    (out.status.code().unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn bad_inputs_get_their_error_code_and_a_message_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read(SAMPLE).unwrap();
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let random: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let zip_not_docx = {
        let mut buffer = std::io::Cursor::new(Vec::new());
        let mut writer = zip::ZipWriter::new(&mut buffer);
        writer.start_file("notes.txt", zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut writer, b"hello").unwrap();
        writer.finish().unwrap();
        buffer.into_inner()
    };
    let cases: Vec<(PathBuf, &str, &str)> = vec![
        (write(dir.path(), "empty.docx", b""), "corrupt", "empty"),
        (write(dir.path(), "random.bin", &random), "unsupported format", "DOCX, PDF"),
        (write(dir.path(), "random.docx", &random), "corrupt", ".docx"),
        (write(dir.path(), "archive.zip", &zip_not_docx), "unsupported format", "zip archive"),
        (write(dir.path(), "old.doc", &ole), "unsupported format", ".doc"),
        (write(dir.path(), "old.wps", &ole), "unsupported format", ".wps"),
        (write(dir.path(), "truncated.docx", &sample[..sample.len() / 2]), "corrupt", "truncated"),
        (write(dir.path(), "scan.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), "unsupported format", "OCR"),
        (dir.path().join("missing.docx"), "io", "no such file"),
    ];
    for (path, code, hint) in cases {
        let (status, stderr) = convert_failure(&path);
        assert_eq!(status, 1, "{}: {stderr}", path.display());
        assert!(stderr.contains(&format!(": {code}: ")), "{}: expected code {code:?} in {stderr}", path.display());
        assert!(stderr.contains(&path.display().to_string()), "names the file: {stderr}");
        assert!(stderr.contains(hint), "{}: expected {hint:?} in {stderr}", path.display());
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn usage_errors_exit_with_2() {
    let out = govdoc().arg("convert").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = govdoc().arg("frobnicate").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn convert_prints_pretty_json_and_is_deterministic() {
    let first = govdoc().args(["convert", SAMPLE]).output().unwrap();
    assert!(first.status.success());
    let second = govdoc().args(["convert", SAMPLE]).output().unwrap();
    assert_eq!(first.stdout, second.stdout, "byte-identical across runs");
    let text = String::from_utf8(first.stdout).unwrap();
    assert!(text.starts_with("{\n  \"blocks\": ["), "pretty, sorted keys: {}", &text[..40]);
    assert!(text.ends_with("}\n"));
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["schema"], "govdoc/1");
    assert_eq!(value["source"]["name"], SAMPLE);
    assert_eq!(value["title"], "石狮市商务局2019年政府信息公开工作年度报告");
}

#[test]
fn compact_output_is_rfc8785() {
    let out = govdoc().args(["convert", SAMPLE, "--compact"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(text.trim_end(), serde_json_canonicalizer::to_string(&value).unwrap());
}

#[test]
fn output_file_is_written_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("seed.json");
    govdoc().args(["convert", SAMPLE, "-o"]).arg(&out_path).assert().success().stdout("");
    let written = std::fs::read_to_string(&out_path).unwrap();
    let stdout = govdoc().args(["convert", SAMPLE]).output().unwrap().stdout;
    assert_eq!(written.as_bytes(), stdout.as_slice());

    let bad = write(dir.path(), "bad.docx", b"PK\x03\x04 broken");
    let failed_out = dir.path().join("bad.json");
    govdoc().arg("convert").arg(&bad).arg("-o").arg(&failed_out).assert().code(1);
    assert!(!failed_out.exists(), "no output file for a failed conversion");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left behind");
}

#[test]
fn golden_command_reports_differences_by_path() {
    let dir = tempfile::tempdir().unwrap();
    let samples = dir.path().join("samples");
    let golden = dir.path().join("golden");
    std::fs::create_dir_all(&samples).unwrap();
    std::fs::copy(SAMPLE, samples.join("seed.docx")).unwrap();

    let out = govdoc().arg("golden").arg(&samples).arg(&golden).env_remove("CI").output().unwrap();
    assert_eq!(out.status.code(), Some(1), "a sample without golden fails");
    assert!(String::from_utf8_lossy(&out.stdout).contains("MISSING"));

    govdoc().arg("golden").arg(&samples).arg(&golden).arg("--bless").env("CI", "1").assert().code(2);
    govdoc().arg("golden").arg(&samples).arg(&golden).arg("--bless").env_remove("CI").assert().success();
    govdoc().arg("golden").arg(&samples).arg(&golden).assert().success();

    let path = golden.join("seed.docx.json");
    let edited = std::fs::read_to_string(&path).unwrap().replace("一、总体情况", "一、总体");
    std::fs::write(&path, edited).unwrap();
    let out = govdoc().arg("golden").arg(&samples).arg(&golden).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("$.blocks[1].text: expected \"一、总体\", got \"一、总体情况\""), "{stdout}");
}

/// A document that converts with warnings: each warning on stderr, one line
/// with the file and page; info diagnostics stay in the JSON; the JSON is
/// written; `--strict` turns the warnings into exit status 1 and still
/// writes the JSON.
#[test]
fn warnings_go_to_stderr_and_strict_makes_them_a_failure() {
    const PARTIAL: &str = "samples/rl-gbk-euc.pdf";
    let mut infos = 0;
    for sample in [PARTIAL, "samples/identity-h-ttf-no-tounicode.pdf"] {
        let out = govdoc().args(["convert", sample]).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["report"]["complete"], false);
        let stderr = String::from_utf8(out.stderr).unwrap();
        let lines: Vec<&str> = stderr.lines().collect();
        let diagnostics = json["diagnostics"].as_array().unwrap();
        let warnings: Vec<&serde_json::Value> = diagnostics.iter().filter(|d| d["level"] == "warning").collect();
        infos += diagnostics.len() - warnings.len();
        assert_eq!(lines.len(), warnings.len(), "one line per warning, none for info: {stderr}");
        for (line, warning) in lines.iter().zip(&warnings) {
            assert!(line.starts_with(&format!("govdoc: warning: {sample}: ")), "{line}");
            assert!(line.contains(warning["code"].as_str().unwrap()), "{line}");
        }
    }
    assert!(infos > 0, "the samples have info diagnostics too");

    let out = govdoc().args(["convert", PARTIAL]).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!(
            "govdoc: warning: {PARTIAL}: page 1: report.table_incomplete: the proactive-disclosure"
        )),
        "{stderr}"
    );
    let strict = govdoc().args(["convert", PARTIAL, "--strict"]).output().unwrap();
    assert_eq!(strict.status.code(), Some(1));
    assert_eq!(strict.stdout, out.stdout, "the JSON is still written");
    let stderr = String::from_utf8(strict.stderr).unwrap();
    assert!(stderr.ends_with(&format!("govdoc: error: {PARTIAL}: --strict: 11 warning(s)\n")), "{stderr}");

    let clean = govdoc().args(["convert", SAMPLE, "--strict"]).output().unwrap();
    assert_eq!(clean.status.code(), Some(0));
    assert!(clean.stderr.is_empty(), "{}", String::from_utf8_lossy(&clean.stderr));
}
