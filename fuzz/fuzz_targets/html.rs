//! cargo-fuzz target `html`: see [`govdoc_fuzz::html`].
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| govdoc_fuzz::html(data));
