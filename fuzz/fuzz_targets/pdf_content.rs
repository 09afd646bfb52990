//! cargo-fuzz target `pdf_content`: see [`govdoc_fuzz::pdf_content`].
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| govdoc_fuzz::pdf_content(data));
