//! cargo-fuzz target `pdf`: see [`govdoc_fuzz::pdf`].
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| govdoc_fuzz::pdf(data));
