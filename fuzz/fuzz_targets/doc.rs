//! cargo-fuzz target `doc`: see [`govdoc_fuzz::doc`].
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| govdoc_fuzz::doc(data));
