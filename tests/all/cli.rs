//! The `govdoc` command as a user meets it: exit statuses, error codes and
//! messages on bad input, output files, determinism.

use crate::common;

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

/// A zip holding one file.
fn zip_of(name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut writer = zip::ZipWriter::new(&mut buffer);
    writer.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
    std::io::Write::write_all(&mut writer, bytes).unwrap();
    writer.finish().unwrap();
    buffer.into_inner()
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
    let zip_not_docx = zip_of("notes.txt", b"hello");
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

#[test]
fn dash_reads_stdin_and_writes_stdout() {
    let bytes = std::fs::read(SAMPLE).unwrap();
    let from_file = govdoc().args(["convert", SAMPLE, "--compact"]).output().unwrap().stdout;
    let from_stdin = govdoc().args(["convert", "-", "--compact", "-o", "-"]).write_stdin(bytes).output().unwrap();
    assert!(from_stdin.status.success(), "{}", String::from_utf8_lossy(&from_stdin.stderr));
    let stdin_value: serde_json::Value = serde_json::from_slice(&from_stdin.stdout).unwrap();
    let file_value: serde_json::Value = serde_json::from_slice(&from_file).unwrap();
    assert_eq!(stdin_value["source"]["name"], "-");
    assert_eq!(stdin_value["source"]["format"], "docx");
    assert_eq!(stdin_value["blocks"], file_value["blocks"], "same document either way");

    // Text on stdin has no extension to go by: it is Markdown.
    let md = govdoc().args(["convert", "-"]).write_stdin("# 标题\n\n正文。\n").output().unwrap();
    assert!(md.status.success());
    let value: serde_json::Value = serde_json::from_slice(&md.stdout).unwrap();
    assert_eq!(value["source"]["format"], "md");

    // `-o -` is stdout, not a file named `-`.
    let dir = tempfile::tempdir().unwrap();
    let out = govdoc()
        .current_dir(dir.path())
        .args(["convert", "-o", "-"])
        .arg(Path::new(SAMPLE).canonicalize().unwrap())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!out.stdout.is_empty());
    assert!(!dir.path().join("-").exists());

    // An empty stdin is a clear error naming `-`.
    let empty = govdoc().args(["convert", "-"]).write_stdin("").output().unwrap();
    assert_eq!(empty.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&empty.stderr).contains("-: corrupt: "),
        "{}",
        String::from_utf8_lossy(&empty.stderr)
    );
}

#[test]
fn several_inputs_go_to_a_folder_or_to_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let md = write(dir.path(), "note.md", "# 通知\n\n正文。\n".as_bytes());
    let bad = write(dir.path(), "bad.docx", b"PK\x03\x04 broken");

    let out = govdoc().arg("convert").arg(SAMPLE).arg(&md).arg("--jsonl").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["source"]["name"], SAMPLE);
    assert_eq!(lines[1]["source"]["format"], "md");

    let outdir = dir.path().join("out/nested");
    let out = govdoc().arg("convert").arg(SAMPLE).arg(&bad).arg(&md).arg("-o").arg(&outdir).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "one failed, the rest written");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains(&bad.display().to_string()), "{stderr}");
    let mut names: Vec<String> =
        std::fs::read_dir(&outdir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["note.md.json", "seed-shishi-commerce-2019.docx.json"]);

    // Neither -o nor --jsonl: a usage error that says what to use.
    let out = govdoc().arg("convert").arg(SAMPLE).arg(&md).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("-o DIR") && stderr.contains("--jsonl"), "{stderr}");
    assert!(out.stdout.is_empty());
    // Several inputs into something named like a file is a slip, not a folder to create.
    let out = govdoc().arg("convert").arg(SAMPLE).arg(&md).arg("-o").arg(dir.path().join("all.json")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--jsonl"));
    assert!(!dir.path().join("all.json").exists());
    // Two inputs with one file name would overwrite each other.
    let other = dir.path().join("sub");
    std::fs::create_dir(&other).unwrap();
    let twin = write(&other, "note.md", b"# x\n");
    let out = govdoc().arg("convert").arg(&md).arg(&twin).arg("-o").arg(dir.path().join("o2")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("note.md.json"));
}

#[cfg(unix)]
#[test]
fn output_to_a_named_pipe_or_device_is_written_to_it_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("pipe");
    assert!(std::process::Command::new("mkfifo").arg(&pipe).status().unwrap().success());
    // The reader opens the pipe and waits for the writer, as `cat` would.
    let reader = {
        let pipe = pipe.clone();
        std::thread::spawn(move || std::fs::read(pipe).unwrap())
    };
    let out = govdoc().arg("convert").arg(SAMPLE).arg("-o").arg(&pipe).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // Renamed over, the pipe would be a plain file now (and the reader would
    // wait for ever): check that first.
    assert!(std::fs::symlink_metadata(&pipe).unwrap().file_type().is_fifo(), "the pipe was replaced");
    let json: serde_json::Value = serde_json::from_slice(&reader.join().unwrap()).unwrap();
    assert_eq!(json["schema"], "govdoc/1");
}

#[cfg(unix)]
#[test]
fn output_files_get_modes_from_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let sample = Path::new(SAMPLE).canonicalize().unwrap();
    let mode = |name: &str| std::fs::metadata(dir.path().join(name)).unwrap().permissions().mode() & 0o777;
    let run = |umask: &str, name: &str| {
        let status = std::process::Command::new("sh")
            .current_dir(dir.path())
            .arg("-c")
            .arg(format!("umask {umask} && exec \"$0\" convert \"$1\" -o {name}"))
            .arg(assert_cmd::cargo::cargo_bin("govdoc"))
            .arg(&sample)
            .status()
            .unwrap();
        assert!(status.success());
    };
    run("022", "a.json");
    assert_eq!(mode("a.json"), 0o644);
    run("077", "b.json");
    assert_eq!(mode("b.json"), 0o600);
    // Overwriting keeps the existing file's mode, whatever the umask.
    std::fs::set_permissions(dir.path().join("a.json"), std::fs::Permissions::from_mode(0o640)).unwrap();
    run("077", "a.json");
    assert_eq!(mode("a.json"), 0o640);
    // Batch outputs too.
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(&sample, input.join("r.docx")).unwrap();
    let status = std::process::Command::new("sh")
        .current_dir(dir.path())
        .arg("-c")
        .arg("umask 022 && exec \"$0\" batch in -o out --summary out/s.csv")
        .arg(assert_cmd::cargo::cargo_bin("govdoc"))
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(mode("out/r.docx.json"), 0o644);
    assert_eq!(mode("out/s.csv"), 0o644);
}

#[test]
fn outputs_into_a_missing_folder_name_it_and_say_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no/such");
    let out = govdoc().args(["convert", SAMPLE, "-o"]).arg(missing.join("a.json")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains(&format!("the folder {} does not exist", missing.display())), "{stderr}");
    assert!(stderr.contains("mkdir -p"), "{stderr}");
    assert!(!stderr.contains(".govdoc-"), "no temporary path: {stderr}");

    // --summary into a missing folder is refused before any file is converted.
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(SAMPLE, input.join("r.docx")).unwrap();
    let outdir = dir.path().join("out");
    let out = govdoc()
        .arg("batch")
        .arg(&input)
        .arg("-o")
        .arg(&outdir)
        .arg("--summary")
        .arg(missing.join("s.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains(&missing.display().to_string()) && stderr.contains("mkdir -p"), "{stderr}");
    assert!(!outdir.join("r.docx.json").exists(), "nothing converted");
}

/// `govdoc golden`: a missing samples folder is named; `--bless` prints only
/// the golden files it rewrote; a malformed golden file is one failing
/// sample and the others are still checked.
#[test]
fn golden_command_names_paths_blesses_only_changes_and_survives_a_broken_golden() {
    let dir = tempfile::tempdir().unwrap();
    let samples = dir.path().join("samples");
    let golden = dir.path().join("golden");
    let missing = dir.path().join("no-samples");
    let out = govdoc().arg("golden").arg(&missing).arg(&golden).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains(&missing.display().to_string()) && stderr.contains("no such samples folder"), "{stderr}");

    std::fs::create_dir_all(&samples).unwrap();
    std::fs::copy(SAMPLE, samples.join("a.docx")).unwrap();
    std::fs::copy(SAMPLE, samples.join("b.docx")).unwrap();
    std::fs::write(samples.join("c.md"), "# 通知\n\n正文。\n").unwrap();
    let bless = || govdoc().arg("golden").arg(&samples).arg(&golden).arg("--bless").env_remove("CI").output().unwrap();
    let first = bless();
    assert!(first.status.success());
    let stdout = String::from_utf8(first.stdout).unwrap();
    assert_eq!(stdout.matches("blessed").count(), 3, "{stdout}");
    let again = bless();
    let stdout = String::from_utf8(again.stdout).unwrap();
    assert!(!stdout.contains("blessed  "), "nothing changed, nothing listed: {stdout}");
    assert!(stdout.contains("0 golden file(s) rewritten"), "{stdout}");

    std::fs::write(golden.join("b.docx.json"), "{ not json").unwrap();
    let out = govdoc().arg("golden").arg(&samples).arg(&golden).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("BROKEN") && stdout.contains("b.docx.json"), "{stdout}");
    assert!(stdout.contains("ok       ") && stdout.contains("a.docx") && stdout.contains("c.md"), "{stdout}");
    assert!(stdout.contains("3 sample(s), 1 failing"), "{stdout}");
    let out = bless();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.matches("blessed  ").count(), 1, "only the broken one rewritten: {stdout}");
    assert!(stdout.contains("b.docx"));
}

/// Spreadsheets are told to export a PDF (not to "open it in Word"), in
/// `convert` and in `batch`; `batch` reads `.txt` as Markdown like `convert`.
#[test]
fn spreadsheets_get_spreadsheet_advice_and_batch_reads_txt() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = zip_of("xl/workbook.xml", b"<workbook/>");
    let mut xls = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    xls.extend("Workbook".encode_utf16().flat_map(u16::to_le_bytes));
    xls.resize(4096, 0);
    for path in [write(dir.path(), "t.xlsx", &xlsx), write(dir.path(), "t.xls", &xls)] {
        let (status, stderr) = convert_failure(&path);
        assert_eq!(status, 1);
        assert!(stderr.contains("spreadsheet") && stderr.contains("export it to PDF"), "{stderr}");
        assert!(!stderr.contains("Word"), "{stderr}");
    }

    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("notice.txt"), "# 关于开展检查的通知\n\n各单位：请按时报送。\n").unwrap();
    std::fs::write(input.join("sheet.xlsx"), &xlsx).unwrap();
    let out = dir.path().join("out");
    let run = govdoc().arg("batch").arg(&input).arg("-o").arg(&out).arg("--verbose").output().unwrap();
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(run.status.success(), "{stderr}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("notice.txt.json")).unwrap()).unwrap();
    assert_eq!(json["source"]["format"], "md");
    assert!(stderr.contains("sheet.xlsx: a spreadsheet (.xlsx)") && stderr.contains("export it to PDF"), "{stderr}");
}

/// `--help` says what govdoc reads (Markdown too), what the arguments are
/// and the exit statuses; `--quiet` keeps stderr for errors only.
#[test]
fn help_explains_inputs_arguments_and_exit_statuses_and_quiet_is_quiet() {
    let help = |args: &[&str]| String::from_utf8(govdoc().args(args).output().unwrap().stdout).unwrap();
    let top = help(&["--help"]);
    assert!(top.contains("Markdown") && top.contains("Exit status:") && top.contains("130"), "{top}");
    let convert = help(&["convert", "--help"]);
    assert!(convert.contains("<FILE>...") && convert.contains("`-` reads standard input"), "{convert}");
    assert!(convert.contains("Markdown (.md, .markdown, .txt)") && convert.contains("--jsonl"), "{convert}");
    let golden = help(&["golden", "--help"]);
    assert!(golden.contains("<SAMPLES>  The folder of sample documents"), "{golden}");
    assert!(golden.contains("<GOLDEN>   The folder of expected outputs"), "{golden}");
    assert!(golden.contains("Exit status:"), "{golden}");

    // A file that converts with warnings: they are on stderr unless --quiet.
    let pdf = "samples/rl-gbk-euc.pdf";
    let loud = govdoc().args(["convert", pdf]).output().unwrap();
    assert!(String::from_utf8_lossy(&loud.stderr).contains("warning"), "the sample has warnings");
    let quiet = govdoc().args(["convert", "--quiet", pdf]).output().unwrap();
    assert!(quiet.status.success());
    assert!(quiet.stderr.is_empty(), "{}", String::from_utf8_lossy(&quiet.stderr));
    assert_eq!(quiet.stdout, loud.stdout);
}

/// Completions and the man page come from the clap definitions: they know
/// every subcommand and option.
#[test]
fn completions_and_man_page_are_generated() {
    for shell in ["bash", "zsh", "fish"] {
        let out = govdoc().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        for word in ["convert", "batch", "golden", "jsonl", "summary", "bless"] {
            assert!(script.contains(word), "{shell}: {word}");
        }
    }
    govdoc().args(["completions", "tcsh"]).assert().code(2);
    let out = govdoc().arg("man").output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH govdoc 1") && page.contains(".SH NAME"), "{}", &page[..200.min(page.len())]);
    assert!(page.contains("Markdown") && page.contains("convert") && page.contains("130"), "{page}");
}

/// Ctrl-C during `convert` of several files: the file in progress is
/// written whole, no temporary file is left, the message says how many
/// were done, and the exit status is 130.
#[cfg(unix)]
#[test]
fn ctrl_c_during_convert_of_many_files_stops_between_files() {
    let dir = tempfile::tempdir().unwrap();
    let md = std::fs::read("samples/seed-shishi-commerce-2019.md").unwrap();
    const FILES: usize = 2000;
    let inputs: Vec<PathBuf> = (0..FILES).map(|i| write(dir.path(), &format!("r{i:04}.md"), &md)).collect();
    let out = dir.path().join("out");
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("govdoc"))
        .arg("convert")
        .args(&inputs)
        .arg("-o")
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let written = || std::fs::read_dir(&out).map_or(0, |entries| entries.count());
    let result = common::interrupt_when(child, || written() >= 3);
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert_eq!(result.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains(&format!("of {FILES} file(s) done")), "{stderr}");
    let names: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.len() < FILES);
    for name in &names {
        assert!(name.ends_with(".md.json"), "no temporary file left: {name}");
        let _: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join(name)).unwrap()).expect("whole JSON");
    }
}

/// What the PDF library says about a feature it lacks ("missing feature of
/// lopdf …; please open an issue at https://github.com/…") reaches the user
/// in govdoc's words, naming the file and what is wrong.
#[test]
fn pdf_library_errors_are_in_govdocs_words() {
    let dir = tempfile::tempdir().unwrap();
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
        common::stream("/Filter /JBIG2Decode", b"BT ET"),
    ];
    let refs: Vec<&[u8]> = objects.iter().map(Vec::as_slice).collect();
    let path = write(dir.path(), "odd-filter.pdf", &common::pdf(&refs, ""));
    let out = govdoc().args(["convert", "--ocr", "never"]).arg(&path).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("{}: corrupt: ", path.display())), "{stderr}");
    assert!(stderr.contains("does not support"), "says what is wrong: {stderr}");
    for word in ["open an issue", "github", "lopdf"] {
        assert!(!stderr.contains(word), "{word:?} in {stderr}");
    }
}
