//! cargo-fuzz target `docx_xml`: see [`govdoc_fuzz::docx_xml`].
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| govdoc_fuzz::docx_xml(data));
