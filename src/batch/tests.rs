//! The batch run end to end on small folders of Markdown files (fast to
//! convert): counts, resume, the panic boundary, events.

use std::path::Path;
use std::sync::Mutex;

use super::*;
use crate::error::ErrorCode;

fn write(root: &Path, name: &str, text: &str) {
    let path = root.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in/a.md", "# 甲\n\n一、总体情况\n\n正文。\n");
    write(dir.path(), "in/2019/b.md", "| 项目 | 数量 |\n| --- | --- |\n| 规章 | 3 |\n");
    write(dir.path(), "in/notes.xlsx", "not a document");
    write(dir.path(), "in/empty.docx", "");
    dir
}

#[test]
fn converts_counts_and_logs() {
    let dir = folder();
    let out = dir.path().join("out");
    let summary = run(&dir.path().join("in"), &out, &Options::default(), &|_| {}).unwrap();
    assert_eq!((summary.converted, summary.unchanged, summary.failed), (2, 0, 1));
    assert_eq!(
        summary.skipped,
        [Skipped {
            source: "notes.xlsx".into(),
            reason: format!("a spreadsheet (.xlsx), not a document; {}", crate::error::SPREADSHEET_ADVICE)
        }]
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("2019/b.md.json")).unwrap()).unwrap();
    assert_eq!(json["source"]["name"], "2019/b.md");
    let errors = std::fs::read_to_string(out.join("errors.jsonl")).unwrap();
    assert!(errors.starts_with("{\"code\":\"corrupt\",\"message\":\"the file is empty"), "{errors}");
    assert!(errors.ends_with("\"source\":\"empty.docx\"}\n"), "{errors}");
}

#[test]
fn a_second_run_leaves_converted_files_alone() {
    let dir = folder();
    let out = dir.path().join("out");
    run(&dir.path().join("in"), &out, &Options::default(), &|_| {}).unwrap();
    let second = run(&dir.path().join("in"), &out, &Options::default(), &|_| {}).unwrap();
    assert_eq!((second.converted, second.unchanged, second.failed), (0, 2, 1));
    write(dir.path(), "in/a.md", "# 乙\n\n改过了。\n");
    let third = run(&dir.path().join("in"), &out, &Options::default(), &|_| {}).unwrap();
    assert_eq!((third.converted, third.unchanged), (1, 1));
    let forced = run(&dir.path().join("in"), &out, &Options { force: true, ..Options::default() }, &|_| {}).unwrap();
    assert_eq!((forced.converted, forced.unchanged), (2, 0));
}

fn panics_on_b(bytes: &[u8], name: &str, folder: Option<&std::path::Path>) -> crate::Result<crate::Output> {
    if name.ends_with("b.md") {
        panic!("deliberate test panic");
    }
    crate::convert_bytes_in_folder(bytes, name, folder)
}

#[test]
fn a_panic_is_caught_at_the_file_boundary() {
    let dir = folder();
    let out = dir.path().join("out");
    let options = Options { converter: panics_on_b, jobs: Some(2), ..Options::default() };
    let summary = run(&dir.path().join("in"), &out, &options, &|_| {}).unwrap();
    assert_eq!((summary.converted, summary.failed), (1, 2));
    let internal = summary.errors.iter().find(|e| e.source == "2019/b.md").unwrap();
    assert_eq!(internal.error.code, ErrorCode::Internal);
    assert!(internal.error.message.contains("deliberate test panic"), "{}", internal.error.message);
    assert!(!out.join("2019/b.md.json").exists());
}

#[test]
fn events_cover_every_input() {
    let dir = folder();
    let seen = Mutex::new(Vec::new());
    let total = Mutex::new(0);
    let observer = |event: Event<'_>| match event {
        Event::Started { inputs, skipped } => {
            *total.lock().unwrap() = inputs;
            assert_eq!(skipped.len(), 1);
        }
        Event::Finished { source, .. } => seen.lock().unwrap().push(source.to_string()),
    };
    run(&dir.path().join("in"), &dir.path().join("out"), &Options::default(), &observer).unwrap();
    let mut seen = seen.into_inner().unwrap();
    seen.sort();
    assert_eq!(seen, ["2019/b.md", "a.md", "empty.docx"]);
    assert_eq!(total.into_inner().unwrap(), 3);
}

#[test]
fn usage_errors() {
    let dir = folder();
    let out = dir.path().join("out");
    let usage = |input: &Path, out: &Path, options: &Options| match run(input, out, options, &|_| {}) {
        Err(BatchError::Usage(message)) => message,
        other => panic!("expected a usage error, got {other:?}"),
    };
    assert!(usage(&dir.path().join("missing"), &out, &Options::default()).contains("cannot be opened"));
    assert!(usage(&dir.path().join("in/a.md"), &out, &Options::default()).contains("govdoc convert"));
    assert!(usage(&dir.path().join("in"), &dir.path().join("in/a.md"), &Options::default()).contains("folder"));
    assert!(usage(&dir.path().join("in"), &out, &Options { jobs: Some(0), ..Options::default() }).contains("-j"));
}

#[test]
fn the_output_folder_inside_the_input_is_not_read() {
    let dir = folder();
    let input = dir.path().join("in");
    let out = input.join("out");
    run(&input, &out, &Options::default(), &|_| {}).unwrap();
    let second = run(&input, &out, &Options::default(), &|_| {}).unwrap();
    assert_eq!(second.skipped.len(), 1, "{:?}", second.skipped);
    assert_eq!(second.unchanged, 2);
}

#[test]
fn an_interrupted_run_leaves_nothing_half_written_behind() {
    let dir = folder();
    let out = dir.path().join("out");
    // What a killed run leaves: write_atomically's temporary file.
    write(&out, "2019/.govdoc-a1b2c3.tmp", "{\"half");
    let summary = run(&dir.path().join("in"), &out, &Options::default(), &|_| {}).unwrap();
    assert_eq!(summary.converted, 2);
    let mut files: Vec<String> = Vec::new();
    for folder in [out.clone(), out.join("2019")] {
        for entry in std::fs::read_dir(folder).unwrap() {
            let entry = entry.unwrap();
            if entry.path().is_file() {
                files.push(entry.file_name().to_string_lossy().into_owned());
            }
        }
    }
    files.sort();
    assert_eq!(files, ["a.md.json", "b.md.json", "errors.jsonl", "warnings.jsonl"]);
}
