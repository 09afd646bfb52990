//! cargo-fuzz target `ofd`: see [`govdoc_fuzz::ofd`].
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| govdoc_fuzz::ofd(data));
