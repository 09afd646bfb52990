//! cargo-fuzz target `md`: see [`govdoc_fuzz::md`].
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| govdoc_fuzz::md(data));
