//! The golden suite: every file in `samples/` converts to exactly its
//! `golden/<name>.json`. `GOVDOC_BLESS=1 cargo test --test all golden::` rewrites
//! the golden files (refused when CI is set) — check the diff by eye.

use std::path::Path;

#[test]
fn every_sample_matches_its_golden_file() {
    let bless = std::env::var_os("GOVDOC_BLESS").is_some_and(|v| v == "1");
    if bless {
        govdoc::golden::bless_allowed().unwrap();
    }
    let results = govdoc::golden::check(Path::new("samples"), Path::new("golden"), bless).unwrap();
    assert!(!results.is_empty(), "no samples found");
    let failures: Vec<String> = results.iter().filter(|r| !r.passed()).map(|r| r.to_string()).collect();
    assert!(failures.is_empty(), "{} sample(s) differ from golden:\n{}", failures.len(), failures.join("\n"));
}
