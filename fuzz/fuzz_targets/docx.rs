//! The DOCX front end on arbitrary bytes: must return Ok or Err, never panic,
//! hang or run out of memory. Seeds: samples/*.docx.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = govdoc::docx::read(data);
});
