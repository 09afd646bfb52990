//! The batch's promise about output paths, on arbitrary zip entry names:
//! whatever the names (raw bytes, with or without the UTF-8 flag), every
//! output path stays inside OUTDIR, no two sources share one and no file
//! takes the name of a folder another output needs, even on a file system
//! that ignores case.
#![no_main]

use std::collections::HashSet;

use govdoc::batch::plan;
use govdoc::zipname as names;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let sources: Vec<String> = data
        .split(|&b| b == b'\n')
        .enumerate()
        .map(|(i, raw)| names::decode_entry_name(raw, if i % 2 == 0 { 0 } else { 1 << 11 }))
        .map(|name| plan::safe_components(&name).join("/"))
        .collect();
    let refs: Vec<&str> = sources.iter().map(String::as_str).collect();
    let outputs = plan::output_paths(&refs);
    assert_eq!(outputs.len(), sources.len());
    let mut seen = HashSet::new();
    let mut folders = HashSet::new();
    for path in &outputs {
        assert!(plan::is_inside(path), "{path:?} leaves OUTDIR");
        assert!(seen.insert(path.to_string_lossy().to_lowercase()), "{path:?} twice");
        for folder in path.ancestors().skip(1) {
            folders.insert(folder.to_string_lossy().to_lowercase());
        }
    }
    // No output file where another output needs a folder.
    assert!(seen.is_disjoint(&folders), "a file takes a folder's name");
});
