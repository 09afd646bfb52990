//! cargo-fuzz target `convert`: see [`govdoc_fuzz::convert`].
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| govdoc_fuzz::convert(data));
