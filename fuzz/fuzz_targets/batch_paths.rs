//! cargo-fuzz target `batch_paths`: see [`govdoc_fuzz::batch_paths`].
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| govdoc_fuzz::batch_paths(data));
