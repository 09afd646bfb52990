//! cargo-fuzz target `docx`: see [`govdoc_fuzz::docx`].
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| govdoc_fuzz::docx(data));
