//! The golden files that hold an annual report, for the tests that read
//! every report the samples give (compare, the typed report read back).

use std::path::PathBuf;

use serde_json::Value;

/// Every golden JSON file whose document is a report, with its JSON, in
/// path order. Only `golden/*.json`: `golden/scan/` holds the OCR goldens.
pub fn reports() -> Vec<(PathBuf, Value)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir("golden")
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (!value["report"].is_null()).then_some((path, value))
        })
        .collect()
}
