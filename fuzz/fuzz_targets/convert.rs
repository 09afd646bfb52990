//! The whole pipeline — detection, front end, rebuild, report, JSON — on
//! arbitrary bytes under both a `.docx` and a `.md` name (the name decides
//! whether text is read as Markdown). The JSON is serialized too, so the
//! canonical writer is exercised on whatever the pipeline produced.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["fuzz.docx", "fuzz.md"] {
        if let Ok(output) = govdoc::convert_bytes(data, name) {
            let _ = output.to_compact_json();
        }
    }
});
