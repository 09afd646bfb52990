//! The Markdown front end on arbitrary bytes (UTF-8 or not). Seeds: samples/*.md.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = govdoc::md::read(data);
});
