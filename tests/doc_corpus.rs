//! The real `.doc` files of `../shared/corpora/docx/doc` (Apache POI's test
//! files and others: old Word versions, fast-saved, encrypted, fuzzer
//! cases): each converts, or fails with a typed error that says what to do
//! — never a panic. Skipped, with a message, when the corpus is missing.
//! Text agreement with LibreOffice (`soffice --convert-to txt`) is measured
//! outside the test suite, which does not need LibreOffice.

use std::path::Path;

#[test]
fn real_doc_files_convert_or_fail_cleanly() {
    let dir = Path::new("../shared/corpora/docx/doc");
    if !dir.is_dir() {
        eprintln!("skipped: {} is missing", dir.display());
        return;
    }
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("doc")))
        .collect();
    files.sort();
    let (mut converted, mut failed) = (0, Vec::new());
    for path in &files {
        match govdoc::convert_path(path) {
            Ok(output) => {
                converted += 1;
                assert!(output.to_compact_json().contains("\"schema\""), "{}", path.display());
            }
            Err(e) => {
                assert!(!e.message.is_empty(), "{}", path.display());
                failed.push(format!("{}: {}", path.display(), e));
            }
        }
    }
    eprintln!("{converted} of {} converted; failed:\n{}", files.len(), failed.join("\n"));
    // 70 of 89 convert; the rest are Word 6/95 and 2.0 files, encrypted and
    // fast-saved ones, fuzzer cases with broken compound files, an .xls.
    assert!(files.len() < 20 || converted * 4 >= files.len() * 3, "only {converted} of {} converted", files.len());
}
