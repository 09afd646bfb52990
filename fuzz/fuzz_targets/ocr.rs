//! cargo-fuzz target `ocr`: see [`govdoc_fuzz::ocr`].
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| govdoc_fuzz::ocr(data));
