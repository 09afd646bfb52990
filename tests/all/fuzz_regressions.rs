//! Every input the fuzzers found a bug with (tests/fuzz-regressions/), run
//! through the whole pipeline: no panic, and Ok or an error with a SPEC code.
//! The `batch_paths` inputs (entry names, one per line) go through the fuzz
//! target's own checks of the batch's output paths, the `ocr` ones through
//! the OCR stages before the engine as the `ocr` target runs them.

use crate::common;
use crate::{batch_paths, fuzz_ocr};

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use govdoc::ErrorCode;

const ROOT: &str = "tests/fuzz-regressions";

/// The inputs of one target's folder below `root`, sorted (file name, bytes).
fn inputs(root: &Path, target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = root.join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut out: Vec<(String, Vec<u8>)> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

/// Converts `bytes` as `name`; a panic or an `internal` error fails the test.
fn check(label: &str, bytes: &[u8], name: &str) {
    let result = catch_unwind(AssertUnwindSafe(|| govdoc::convert_bytes(bytes, name).map(|o| o.to_compact_json())));
    match result {
        Err(_) => panic!("{label} as {name}: panicked"),
        Ok(Err(e)) => assert_ne!(e.code, ErrorCode::Internal, "{label} as {name}: {e}"),
        Ok(Ok(_)) => {}
    }
}

/// Runs every saved input below `root`; returns how many there were.
fn check_all(root: &Path) -> usize {
    let mut count = 0;
    for target in ["docx", "convert"] {
        for (file, bytes) in inputs(root, target) {
            for name in ["fuzz.docx", "fuzz.md"] {
                check(&format!("{target}/{file}"), &bytes, name);
            }
            count += 1;
        }
    }
    for (file, bytes) in inputs(root, "md") {
        check(&format!("md/{file}"), &bytes, "fuzz.md");
        count += 1;
    }
    for (file, bytes) in inputs(root, "docx_xml") {
        let mut parts = bytes.splitn(3, |&b| b == 0);
        let mut part = || parts.next().unwrap_or_default().to_vec();
        let (document, styles, numbering) = (part(), part(), part());
        check(&format!("docx_xml/{file}"), &common::docx_parts(&document, &styles, &numbering), "fuzz.docx");
        count += 1;
    }
    for (file, bytes) in inputs(root, "ocr") {
        let outcome = catch_unwind(|| fuzz_ocr::ocr(&bytes));
        assert!(outcome.is_ok(), "ocr/{file}: panicked");
        count += 1;
    }
    for (file, bytes) in inputs(root, "batch_paths") {
        let outcome = catch_unwind(|| batch_paths::batch_paths(&bytes));
        assert!(outcome.is_ok(), "batch_paths/{file}: the output paths break the batch's promise");
        count += 1;
    }
    count
}

#[test]
fn saved_fuzz_inputs_convert_or_fail_cleanly() {
    let count = check_all(Path::new(ROOT));
    assert!(count > 0, "no saved fuzz inputs found under {ROOT}");
}

/// The `ocr` target reaches the bilevel decoders: its seeds of a CCITT G4
/// image and of the same data as a JBIG2 page (fuzz/seeds/make_bilevel_seeds.py),
/// wrapped as the target wraps them, are taken from the file by CCITT and
/// JBIG2 decoding, the same pixels either way, black table rules on white.
#[test]
fn the_ocr_targets_bilevel_seeds_decode_alike() {
    use govdoc::pdf::ocr::source::{Taken, from_file};
    let decode = |name: &str| {
        let seed = std::fs::read(Path::new("fuzz/seeds/ocr").join(name)).unwrap();
        let pdf = fuzz_ocr::image_pdf(&seed);
        let document = govdoc::pdf::document::PdfDocument::open(&pdf).unwrap();
        let (page, _) = document.page(0).unwrap();
        match from_file(&document, &page).unwrap() {
            Taken::Decoded(image, None) => image,
            other => panic!("{name}: {other:?}"),
        }
    };
    let ccitt = decode("ccitt-g4-table.bin");
    let jbig2 = decode("jbig2-mmr-table.bin");
    assert!(ccitt.origin.starts_with("CCITTFax image 240×120"), "{}", ccitt.origin);
    assert!(jbig2.origin.starts_with("JBIG2 image 240×120"), "{}", jbig2.origin);
    assert_eq!(ccitt.raster, jbig2.raster);
    let ink = ccitt.raster.data.iter().filter(|&&v| v == 0).count();
    assert!(ink * 100 < ccitt.raster.data.len() * 20, "mostly white paper: {ink} black pixels");
    // The rule at row 4 is black across the table.
    assert!((10..230).all(|x| ccitt.raster.data[4 * 240 + x] == 0));
}
