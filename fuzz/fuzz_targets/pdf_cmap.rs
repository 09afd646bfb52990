//! cargo-fuzz target `pdf_cmap`: see [`govdoc_fuzz::pdf_cmap`].
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| govdoc_fuzz::pdf_cmap(data));
